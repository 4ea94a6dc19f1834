//! Which picture sources blatt loads: `http(s)` URLs and `data:` URIs of a picture type, nothing
//! else (`file:`, `javascript:`, relative paths, other schemes are refused). Pure.

use super::MAX_BYTES;

/// Where a picture's bytes come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Fetched over the network (and cached in the store).
    Http(url::Url),
    /// Carried in the page: the bytes and the media type the URI names.
    Data { mime: String, bytes: Vec<u8> },
}

/// The media types a `data:` picture may name.
const DATA_TYPES: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/jpg",
    "image/gif",
    "image/webp",
];

/// What `src` (an `<img src>`, made absolute by the parser) may be loaded from, or why not (one line).
pub fn parse_source(src: &str) -> Result<Source, String> {
    let src = src.trim();
    let scheme = src
        .split_once(':')
        .map(|(s, _)| s.to_ascii_lowercase())
        .filter(|s| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        });
    match scheme.as_deref() {
        Some("http") | Some("https") => {
            let u = url::Url::parse(src).map_err(|e| format!("not a URL: {e}"))?;
            if u.host_str().is_none_or(str::is_empty) {
                return Err("a URL without a host".into());
            }
            Ok(Source::Http(u))
        }
        Some("data") => data_uri(&src[5..]),
        Some(other) => Err(format!(
            "a {}: picture is not loaded (only http, https and data:)",
            crate::parse::sanitize::clean_line(other)
        )),
        None => Err("not an absolute URL".into()),
    }
}

/// `data:[<type>][;base64],<data>` (after `data:`): base64 only, a picture type only, at most
/// [`MAX_BYTES`] once decoded (checked on the encoded length before decoding).
fn data_uri(rest: &str) -> Result<Source, String> {
    let (head, body) = rest.split_once(',').ok_or("a data: URI without a comma")?;
    let mut parts = head.split(';').map(str::trim);
    let mime = parts.next().unwrap_or("").to_ascii_lowercase();
    let base64 = parts.any(|p| p.eq_ignore_ascii_case("base64"));
    if !DATA_TYPES.contains(&mime.as_str()) {
        return Err(format!(
            "a data: URI of type {} is no picture blatt shows",
            if mime.is_empty() {
                "text/plain".to_string()
            } else {
                crate::parse::sanitize::clean_line(&mime)
            }
        ));
    }
    if !base64 {
        return Err("a data: picture that is not base64".into());
    }
    if body.len() > MAX_BYTES / 3 * 4 + 8 {
        return Err(format!(
            "a data: picture larger than {} MiB",
            MAX_BYTES >> 20
        ));
    }
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    use base64::Engine;
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let clean: Vec<u8> = body.bytes().filter(|c| !c.is_ascii_whitespace()).collect();
    let bytes = LENIENT
        .decode(&clean)
        .map_err(|e| format!("a data: picture with broken base64: {e}"))?;
    Ok(Source::Data { mime, bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_data_pictures() {
        assert!(matches!(
            parse_source("https://a.example/b.png"),
            Ok(Source::Http(_))
        ));
        assert!(matches!(
            parse_source(" HTTP://a.example/b.png"),
            Ok(Source::Http(_))
        ));
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://a.example/b.png",
            "/img/b.png",
            "img/b.png",
            "blob:https://a.example/1",
            "http://",
            "",
        ] {
            assert!(parse_source(bad).is_err(), "{bad}");
        }
        let e = parse_source("javascript:alert(1)").unwrap_err();
        assert!(e.contains("javascript"), "{e}");
    }

    #[test]
    fn data_pictures_are_typed_base64_and_bounded() {
        match parse_source("data:image/png;base64,iVBORw0K") {
            Ok(Source::Data { mime, bytes }) => {
                assert_eq!(mime, "image/png");
                assert_eq!(&bytes[..4], b"\x89PNG");
            }
            other => panic!("{other:?}"),
        }
        // without padding, with line breaks
        assert!(parse_source("data:image/gif;base64,R0lG\nODlh").is_ok());
        assert!(parse_source("data:text/html;base64,PGI+").is_err());
        assert!(parse_source("data:,hello").is_err());
        assert!(parse_source("data:image/svg+xml;base64,PHN2Zz4=").is_err());
        assert!(parse_source("data:image/png,rawbytes").is_err());
        assert!(parse_source("data:image/png;base64,!!!!").is_err());
        let big = format!(
            "data:image/png;base64,{}",
            "A".repeat(MAX_BYTES / 3 * 4 + 100)
        );
        let e = parse_source(&big).unwrap_err();
        assert!(e.contains("larger"), "{e}");
    }
}

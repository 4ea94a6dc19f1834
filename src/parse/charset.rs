//! Bytes to UTF-8 text. The charset is taken, in this order, from: a byte-order mark, the HTTP
//! `Content-Type`, the XML declaration, `<meta charset>` / `http-equiv`, else UTF-8 when the bytes are
//! valid UTF-8 and windows-1252 when they are not.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the document a declaration is looked for.
const PRESCAN: usize = 4096;

/// The encoding of `bytes` and where it was found.
pub fn detect(bytes: &[u8], content_type: Option<&str>) -> (&'static Encoding, &'static str) {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return (enc, "byte-order mark");
    }
    if let Some(enc) = content_type.and_then(charset_param).and_then(label) {
        return (enc, "Content-Type");
    }
    let head = &bytes[..bytes.len().min(PRESCAN)];
    // ASCII-compatible view of the head for the declarations
    let head_str: String = head
        .iter()
        .map(|&b| {
            if b.is_ascii() {
                b.to_ascii_lowercase() as char
            } else {
                ' '
            }
        })
        .collect();
    if let Some(enc) = xml_declaration(&head_str).and_then(label) {
        return (enc, "XML declaration");
    }
    if let Some(enc) = meta_charset(&head_str).and_then(label) {
        return (enc, "meta");
    }
    if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, "default")
    } else {
        (WINDOWS_1252, "fallback")
    }
}

/// `bytes` decoded to UTF-8 (malformed sequences become U+FFFD).
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    let (enc, _) = detect(bytes, content_type);
    // UTF-8 as it claims (most feeds): validated once and copied, not validated again by a decoder
    if enc == UTF_8 {
        if let Ok(text) = std::str::from_utf8(strip_bom(bytes)) {
            return text.to_owned();
        }
    }
    decode_as(bytes, enc)
}

/// [`decode`] of an owned buffer: UTF-8 (most feeds and pages) becomes the string without a copy.
pub fn decode_vec(bytes: Vec<u8>, content_type: Option<&str>) -> String {
    let (enc, _) = detect(&bytes, content_type);
    if enc != UTF_8 {
        return decode_as(&bytes, enc);
    }
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return decode_as(&bytes, enc);
    }
    // SAFETY: validated as UTF-8 just above (the same check as `String::from_utf8`, vectorised)
    let mut text = unsafe { String::from_utf8_unchecked(bytes) };
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    text
}

/// Bytes detected as `enc` that are not valid UTF-8 in a UTF-8 claim, or that claim another charset.
fn decode_as(bytes: &[u8], enc: &'static Encoding) -> String {
    // a page that claims UTF-8 but is not (a common server misconfiguration) reads better as windows-1252
    let enc = if enc == UTF_8 && mostly_latin(bytes) {
        WINDOWS_1252
    } else {
        enc
    };
    // and a page that claims a single-byte charset but is valid UTF-8 with non-ASCII in it (a
    // server default or a copied declaration) is UTF-8: Latin text is almost never valid UTF-8
    let enc = if enc.is_single_byte() && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
        UTF_8
    } else {
        enc
    };
    let (text, _, _) = enc.decode(bytes);
    text.into_owned()
}

fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b)
}

/// Whether invalid UTF-8 looks like single-byte Latin text rather than damaged UTF-8: no valid
/// multi-byte UTF-8 sequence at all.
fn mostly_latin(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let need = match b {
            0xc2..=0xdf => 1,
            0xe0..=0xef => 2,
            0xf0..=0xf4 => 3,
            _ => 0,
        };
        if need > 0
            && bytes.len() > i + need
            && bytes[i + 1..=i + need]
                .iter()
                .all(|c| (0x80..0xc0).contains(c))
        {
            return false;
        }
        i += 1;
    }
    true
}

fn label(l: &str) -> Option<&'static Encoding> {
    let l = l.trim().trim_matches(|c| c == '"' || c == '\'');
    Encoding::for_label(l.as_bytes()).map(|e| {
        // UTF-16 declared inside an ASCII-compatible document is a lie (HTML spec): use UTF-8
        if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
            UTF_8
        } else {
            e
        }
    })
}

/// The `charset` parameter of a media type.
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"'))
    })
}

fn xml_declaration(head: &str) -> Option<&str> {
    let rest = head.trim_start().strip_prefix("<?xml")?;
    let decl = &rest[..rest.find("?>")?];
    attr_value(decl, "encoding")
}

fn meta_charset(head: &str) -> Option<&str> {
    let mut rest = head;
    while let Some(i) = rest.find("<meta") {
        rest = &rest[i + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(v) = attr_value(tag, "charset") {
            return Some(v);
        }
        if attr_value(tag, "http-equiv").is_some_and(|v| v == "content-type") {
            if let Some(c) = attr_value(tag, "content").and_then(charset_param) {
                return Some(c);
            }
        }
    }
    None
}

/// The value of `name=...` in a tag's text (lower-cased input).
fn attr_value<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(i) = tag[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at == 0
            || tag[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_whitespace() || c == '"' || c == '\'' || c == ';');
        let rest = tag[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let rest = rest[1..].trim_start();
        let (quote, body) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &rest[1..]),
            _ => (None, rest),
        };
        let end = match quote {
            Some(q) => body.find(q).unwrap_or(body.len()),
            None => body
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/' || c == ';')
                .unwrap_or(body.len()),
        };
        return Some(&body[..end]);
    }
    None
}

/// windows-1252's characters for the bytes 0x80–0x9F (`None` where windows-1252 leaves a byte undefined).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// C1 control characters (U+0080–U+009F) read as the windows-1252 characters they were meant to be:
/// text labelled ISO-8859-1 (or numeric references like `&#146;`) that was really windows-1252, so
/// `don\u{92}t` is `don’t`. The five bytes windows-1252 leaves undefined stay (and are removed later
/// as controls).
pub fn repair_c1(s: &str) -> std::borrow::Cow<'_, str> {
    // U+0080–U+009F are 0xC2 0x80–0x9F in UTF-8
    let b = s.as_bytes();
    let has_c1 = memchr::memchr_iter(0xc2, b).any(|i| b.get(i + 1).is_some_and(|&n| n < 0xa0));
    if !has_c1 {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match c as u32 {
                0x80..=0x9f => CP1252_HIGH[c as usize - 0x80].unwrap_or(c),
                _ => c,
            })
            .collect(),
    )
}

/// The byte windows-1252 (or, for the bytes it leaves undefined, ISO-8859-1) writes `c` as.
fn cp1252_byte(c: char) -> Option<u8> {
    let n = c as u32;
    if n < 0x80 || (0xa0..=0xff).contains(&n) || matches!(n, 0x81 | 0x8d | 0x8f | 0x90 | 0x9d) {
        return Some(n as u8);
    }
    CP1252_HIGH
        .iter()
        .position(|&h| h == Some(c))
        .map(|i| 0x80 + i as u8)
}

/// UTF-8 that was decoded as windows-1252 or ISO-8859-1 once too often (`Ã¤` for `ä`, `â€¦` for `…`),
/// repaired where that is unambiguous: every character of `s` maps back to one byte and those bytes
/// are valid UTF-8 with at least one multi-byte sequence. Text in any single-byte charset almost never
/// is (a lead byte like `Ã` is followed by one of the few continuation characters only in mojibake),
/// and text with one real character beyond windows-1252 is left alone.
pub fn repair_double_utf8(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    // ASCII maps to itself and leaves the validator below as it was: it starts at the first other byte
    let first = s.bytes().position(|b| !b.is_ascii()).unwrap_or(0);
    // a UTF-8 validator over the mapped bytes, without building them first
    let mut need = 0u8; // continuation bytes still expected
    let mut multi = false;
    for c in s[first..].chars() {
        let Some(b) = cp1252_byte(c) else {
            return std::borrow::Cow::Borrowed(s);
        };
        if need > 0 {
            if !(0x80..0xc0).contains(&b) {
                return std::borrow::Cow::Borrowed(s);
            }
            need -= 1;
            continue;
        }
        need = match b {
            0x00..=0x7f => 0,
            0xc2..=0xdf => 1,
            0xe0..=0xef => 2,
            0xf0..=0xf4 => 3,
            _ => return std::borrow::Cow::Borrowed(s),
        };
        multi |= need > 0;
    }
    if need > 0 || !multi {
        return std::borrow::Cow::Borrowed(s);
    }
    let bytes: Vec<u8> = s.chars().filter_map(cp1252_byte).collect();
    match String::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Owned(t),
        Err(_) => std::borrow::Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_vec_is_decode() {
        let cases: [(&[u8], Option<&str>); 6] = [
            (b"\xef\xbb\xbf<p>Gr\xc3\xbc\xc3\x9fe</p>", None),
            (b"<p>M\xfcnchen</p>", Some("text/html; charset=utf-8")),
            (
                b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><r>K\xf6ln</r>",
                None,
            ),
            ("<r>Köln „Zitat“</r>".as_bytes(), None),
            (b"\xef\xbb\xbf\x84Stra\xdfe\x93", None),
            (b"", None),
        ];
        for (bytes, ct) in cases {
            assert_eq!(
                decode_vec(bytes.to_vec(), ct),
                decode(bytes, ct),
                "{bytes:?}"
            );
        }
        assert_eq!(decode_vec(b"\xef\xbb\xbfabc".to_vec(), None), "abc");
    }

    #[test]
    fn order_bom_header_xml_meta_fallback() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-15\"></head><body>Gr\xfc\xdfe \xa4</body></html>";
        assert!(decode(latin1, None).contains("Grüße €"));
        // the header wins over meta
        let t = decode(latin1, Some("text/html; charset=windows-1252"));
        assert!(t.contains("Grüße ¤"), "{t}");
        // BOM wins over everything
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend_from_slice("<p>Grüße</p>".as_bytes());
        assert!(decode(&bom, Some("text/html; charset=iso-8859-1")).contains("Grüße"));
        // XML declaration
        let xml =
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><title>K\xf6ln</title></rss>";
        assert!(decode(xml, None).contains("Köln"));
        // http-equiv
        let he = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>\x84Zitat\x93</p>";
        assert!(decode(he, None).contains("„Zitat“"));
        // undeclared: UTF-8 when valid, windows-1252 when not
        assert!(decode("„Straße“".as_bytes(), None).contains("„Straße“"));
        assert!(decode(b"\x84Stra\xdfe\x93", None).contains("„Straße“"));
    }

    #[test]
    fn wrong_utf8_claim_falls_back() {
        assert_eq!(
            decode(b"<p>M\xfcnchen</p>", Some("text/html; charset=utf-8")),
            "<p>München</p>"
        );
    }

    #[test]
    fn c1_controls_as_windows_1252() {
        assert_eq!(repair_c1("don\u{92}t"), "don’t");
        assert_eq!(repair_c1("\u{84}Zitat\u{93} \u{85}"), "„Zitat“ …");
        assert_eq!(repair_c1("Grüße"), "Grüße");
        // undefined in windows-1252: left for the sanitizer
        assert_eq!(repair_c1("a\u{81}b"), "a\u{81}b");
    }

    #[test]
    fn double_encoded_utf8_repaired_when_unambiguous() {
        assert_eq!(repair_double_utf8("GrÃ¼ÃŸe aus KÃ¶ln"), "Grüße aus Köln");
        assert_eq!(
            repair_double_utf8("Warten â€¦ und â€žZitatâ€œ"),
            "Warten … und „Zitat“"
        );
        // real Latin text, or one character windows-1252 cannot write: unchanged
        for s in [
            "Grüße aus Köln",
            "„Zitat“ – 5 €",
            "Ã¼ber → dort",
            "plain",
            "naïve Ã",
        ] {
            assert_eq!(repair_double_utf8(s), s);
        }
    }
}

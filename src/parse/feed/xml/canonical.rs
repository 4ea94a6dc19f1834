//! Links already written as the URL parser writes them, taken as they are (a feed's links almost
//! always are, and parsing one costs thousands of instructions).

/// Whether `href` is an absolute web address written the way the URL parser writes it, so that
/// parsing it would give it back unchanged (a feed's links almost always are): `http` or `https`, a
/// host name of lower-case letters, digits and hyphens whose last label starts with a letter (no
/// address in numbers, no punycode), no user or port, a path without dot segments, backslashes or
/// characters the parser would escape, and the same for a query or fragment. Anything else is parsed.
pub(super) fn is_canonical_url(href: &str) -> bool {
    let rest = match href.strip_prefix("https://") {
        Some(r) => r,
        None => match href.strip_prefix("http://") {
            Some(r) => r,
            None => return false,
        },
    };
    let host_end = rest.find('/').unwrap_or(rest.len());
    let (host, path) = rest.split_at(host_end);
    let label_ok = |l: &str| {
        !l.is_empty()
            && !l.starts_with("xn--")
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    let last_ok = host
        .rsplit('.')
        .next()
        .is_some_and(|l| l.starts_with(|c: char| c.is_ascii_lowercase()));
    if !last_ok || !host.split('.').all(label_ok) || path.is_empty() {
        return false;
    }
    // characters kept as they are in a path, query and fragment (no `%`: escapes are left to the parser)
    let plain = |b: u8| b.is_ascii_alphanumeric() || b"-._~!$&()*+,;=:@/".contains(&b);
    let (path, after) = path.split_at(path.find(['?', '#']).unwrap_or(path.len()));
    let dot_segment = path.split('/').any(|seg| seg == "." || seg == "..");
    if dot_segment || !path.bytes().all(plain) {
        return false;
    }
    let (query, fragment) = after.split_at(after.find('#').unwrap_or(after.len()));
    let query_ok = query.is_empty() || query[1..].bytes().all(|b| plain(b) || b == b'?');
    let fragment_ok = fragment.is_empty() || fragment[1..].bytes().all(|b| plain(b) || b == b'?');
    query_ok && fragment_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use url::Url;

    #[test]
    fn canonical_urls_are_taken_as_they_are() {
        for (href, canonical) in [
            ("https://www.blatt.example/0/7", true),
            ("http://blatt.example/a?b=c&d#e", true),
            ("https://blatt.example", false),
            ("https://Blatt.example/", false),
            ("https://blatt.example:443/", false),
            ("https://127.0.0.1/", false),
            ("https://blatt.example/a/../b", false),
            ("https://blatt.example/a b", false),
            ("https://blatt.example/%7e", false),
            ("https://xn--bcher-kva.example/", false),
        ] {
            assert_eq!(is_canonical_url(href), canonical, "{href}");
            if canonical {
                assert_eq!(Url::parse(href).unwrap().as_str(), href);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2048, .. ProptestConfig::default() })]

        /// A link taken as it is reads the same as the URL parser writes it.
        #[test]
        fn a_canonical_url_is_what_the_parser_writes(
            // mostly what passes, so that many cases are taken as they are
            scheme in prop::sample::select(vec!["http://", "https://", "https://", "HTTP://", "ftp://"]),
            user in prop::sample::select(vec!["", "", "", "", "", "", "u@"]),
            labels in proptest::collection::vec(prop::sample::select(vec![
                "a", "blatt", "b-1", "x", "a", "blatt", "-", "0", "127", "xn--abc", "B", "ä", "0x7f", "",
            ]), 1..4),
            port in prop::sample::select(vec!["", "", "", "", "", "", ":80", ":8080"]),
            segments in proptest::collection::vec(prop::sample::select(vec![
                "a", "B", "0", "a", "B", "0", ".", "..", "~!$&()*+,;=:@", "", ".a", "a.", "%41", "a b",
                "a\\b", "|", "`", "{", "ä", "'",
            ]), 0..5),
            query in prop::sample::select(vec!["", "", "", "?a=b", "?x?y", "?", "?a'b", "?a b", "?%41"]),
            fragment in prop::sample::select(vec!["", "", "", "#f", "#", "#f g", "#f`", "#f#"]),
        ) {
            let href = format!(
                "{scheme}{user}{}{port}{}{query}{fragment}",
                labels.join("."),
                segments.iter().map(|s| format!("/{s}")).collect::<String>()
            );
            if is_canonical_url(&href) {
                let parsed = Url::parse(&href);
                prop_assert!(parsed.is_ok(), "{}", href);
                let written = parsed.unwrap().to_string();
                prop_assert_eq!(written, href);
            }
        }
    }
}

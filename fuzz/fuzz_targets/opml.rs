#![no_main]
//! OPML import: whatever the file holds, only http(s) URLs with a host are accepted, never a
//! control character, and the merged config exports again.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(imp) = blatt::opml::parse(&text) {
        for f in &imp.feeds {
            assert!(blatt::opml::acceptable_url(&f.url).is_ok(), "{:?}", f.url);
            let u = url::Url::parse(&f.url).expect("an accepted URL parses");
            assert!(matches!(u.scheme(), "http" | "https"));
            assert!(!f.url.chars().any(blatt::parse::sanitize::is_forbidden));
            for t in &f.tags {
                assert!(!t.chars().any(blatt::parse::sanitize::is_forbidden));
            }
        }
        let mut cfg = blatt::config::Config::default();
        let report = blatt::opml::merge(&mut cfg, imp);
        let out = blatt::opml::export(&cfg);
        let again = blatt::opml::parse(&out).expect("an export parses");
        assert_eq!(again.feeds.len(), report.added.len());
    }
});

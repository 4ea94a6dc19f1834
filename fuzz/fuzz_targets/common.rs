// Shared by the targets: the invariants every parse result must keep.

use blatt::document::Parsed;
use blatt::parse::sanitize::is_forbidden;

fn check_str(s: &str) {
    assert!(!s.chars().any(is_forbidden), "control character in {s:?}");
}

/// No control character anywhere in a parse result; an error is one clean line.
#[allow(dead_code)]
pub fn check(r: &Result<Parsed, blatt::parse::ParseError>) {
    match r {
        Ok(Parsed::Article(a)) => check_article(a),
        Ok(Parsed::Feed(l)) | Ok(Parsed::Listing(l)) => {
            l.title.as_deref().map(check_str);
            l.feeds.iter().for_each(|f| check_str(f));
            for it in &l.items {
                let t = &it.teaser;
                check_str(&t.title);
                for s in [&t.url, &t.summary, &t.source, &t.published, &it.guid] {
                    s.as_deref().map(check_str);
                }
                if let Some(a) = &it.article {
                    check_article(a);
                }
            }
        }
        Err(e) => {
            let m = e.to_string();
            assert!(!m.contains('\n'));
            check_str(&m);
        }
    }
}

pub fn check_article(a: &blatt::document::Article) {
    let v = serde_json::to_value(a).expect("an article serialises");
    fn walk(v: &serde_json::Value) {
        match v {
            serde_json::Value::String(s) => check_str(s),
            serde_json::Value::Array(a) => a.iter().for_each(walk),
            serde_json::Value::Object(o) => o.values().for_each(walk),
            _ => {}
        }
    }
    walk(&v);
}

#[allow(dead_code)]
pub fn base() -> url::Url {
    url::Url::parse("https://blatt.example/fuzz/").expect("a URL")
}

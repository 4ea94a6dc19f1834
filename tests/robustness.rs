//! Every parser on hostile and broken input: never a panic, never a control character in the output.
//!
//! Random bytes, fixtures truncated at every byte offset, fixtures with random splices, and text carrying
//! terminal escape sequences, through the same entry point the CLI and the reader use.

use blatt::document::Parsed;
use blatt::parse::sanitize::is_forbidden;
use blatt::parse::{parse, parse_bytes, KindHint};
use proptest::prelude::*;
use serde_json::Value;

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Amtsblatt Digital</title><link>https://blatt.example/</link>
<item><title>Nordheim: Neues Bürgerportal</title><link>https://blatt.example/a1</link>
<pubDate>Mon, 02 Nov 2026 10:30:00 +0100</pubDate><description>Das Portal &amp; mehr.</description></item>
<item><title>„Wir fangen klein an“</title><link>/a2</link><guid>a2</guid>
<content:encoded><![CDATA[<p><strong>Frage:</strong> Wie fing es an?</p><p><strong>Antwort:</strong> Mit einem Formular.</p>
<p><strong>Frage:</strong> Und dann?</p><p><strong>Antwort:</strong> Mit zwanzig.</p>]]></content:encoded></item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Stadtwerk Log</title><id>urn:x</id>
<updated>2026-11-02T10:00:00Z</updated>
<entry><title>Glasfaser in Oberau</title><id>urn:1</id><updated>2026-11-02T10:00:00Z</updated>
<link href="https://blatt.example/glas"/><summary type="html">&lt;b&gt;Bald&lt;/b&gt; fertig</summary></entry>
</feed>"#;

const JSON_FEED: &str = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Civic Notes",
"items": [{"id": "1", "url": "https://blatt.example/j1", "title": "Open data in Millbrook",
"content_html": "<p>Q: Why now?</p><p>A: Because.</p>", "date_published": "2026-11-01T08:00:00Z"}]}"#;

const ARTICLE: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>Gespräch – Magazin</title>
<meta property="article:published_time" content="2026-11-03T09:00:00+01:00"></head><body>
<nav><a href="/">Start</a> <a href="/themen">Themen</a></nav>
<article><p class="kicker">Interview</p><h1>„Die Verwaltung muss zuhören“</h1>
<p class="lead">[03.11.2026] Redakteurin Jana Wiese sprach mit Arne Baltissen über das neue Portal.</p>
<p><strong>Herr Baltissen, was ist neu?</strong></p>
<p><strong>Arne Baltissen:</strong> Alles, was Bürger <em>häufig</em> brauchen, geht jetzt online.</p>
<p><strong>Und was fehlt?</strong></p>
<p><strong>Baltissen:</strong> Die Schnittstellen zu den Fachverfahren.</p>
<blockquote><p>„Ohne Standards bleibt jede Kommune allein.“</p></blockquote>
<p>Fazit: ein Anfang. Termin: 10:30 Uhr.</p>
<figure><img src="/p.jpg" alt="Rathaus"><figcaption>Foto: Stadt</figcaption></figure>
</article><aside><h2>Weitere Meldungen</h2><ul><li><a href="/x">X</a></li></ul></aside>
<footer>Impressum</footer></body></html>"#;

const LISTING: &str = r#"<!DOCTYPE html><html><head><title>Meldungen – Kommunal Digital</title>
<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>
<nav><a href="/">Start</a></nav><div class="news">
<div class="teaser"><h3><a href="/m/1">Köln-Ost: Planung abgeschlossen</a></h3><p>[22.12.2025] Der erste Prozess ist fertig. <a href="/m/1">mehr...</a></p></div>
<div class="teaser"><h3><a href="/m/2">Oberau startet Portal</a></h3><p>[21.12.2025] Zwölf Leistungen online. <a href="/m/2">mehr...</a></p></div>
<div class="teaser"><h3><a href="/m/3">Kreis Nordheim spart Papier</a></h3><p>[20.12.2025] Die E-Akte wirkt. <a href="/m/3">mehr...</a></p></div>
<div class="teaser"><h3><a href="/m/4">Millbrook opens data</a></h3><p>[19.12.2025] A first catalogue. <a href="/m/4">mehr...</a></p></div>
</div><div class="pager"><a href="?p=2">2</a></div><footer>Impressum</footer></body></html>"#;

const FIXTURES: [&str; 5] = [RSS, ATOM, JSON_FEED, ARTICLE, LISTING];

/// Every string in the parsed result, as JSON values.
fn all_values(p: &Parsed) -> Vec<Value> {
    match p {
        Parsed::Article(a) => vec![serde_json::to_value(a).expect("article serializes")],
        Parsed::Feed(l) | Parsed::Listing(l) => {
            let mut v = vec![Value::from(l.title.clone()), Value::from(l.feeds.clone())];
            for it in &l.items {
                v.push(serde_json::to_value(&it.teaser).expect("teaser serializes"));
                v.push(Value::from(it.guid.clone()));
                if let Some(a) = &it.article {
                    v.push(serde_json::to_value(a).expect("article serializes"));
                }
            }
            v
        }
    }
}

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            out.push(k.clone());
            strings(x, out)
        }),
        _ => {}
    }
}

/// Fails with the offending string when any output string carries a forbidden character.
fn assert_clean(p: &Parsed) {
    let mut all = Vec::new();
    for v in all_values(p) {
        strings(&v, &mut all);
    }
    for s in all {
        assert!(
            !s.chars().any(is_forbidden),
            "control character in output: {s:?}"
        );
    }
}

fn check(bytes: &[u8]) {
    for hint in [
        KindHint::Auto,
        KindHint::Feed,
        KindHint::Listing,
        KindHint::Article,
    ] {
        if let Ok(p) = parse_bytes(bytes, None, None, hint) {
            assert_clean(&p);
        }
    }
}

#[test]
fn fixtures_parse_to_their_kinds() {
    // the fixtures themselves are good input: the truncation and splice tests start from real documents
    assert!(matches!(parse(RSS, None, KindHint::Auto), Ok(Parsed::Feed(l)) if l.items.len() == 2));
    assert!(matches!(parse(ATOM, None, KindHint::Auto), Ok(Parsed::Feed(l)) if l.items.len() == 1));
    assert!(
        matches!(parse(JSON_FEED, None, KindHint::Auto), Ok(Parsed::Feed(l)) if l.items.len() == 1)
    );
    assert!(matches!(
        parse(ARTICLE, None, KindHint::Auto),
        Ok(Parsed::Article(_))
    ));
    assert!(
        matches!(parse(LISTING, None, KindHint::Auto), Ok(Parsed::Listing(l)) if l.items.len() == 4)
    );
}

#[test]
fn truncated_at_every_byte_offset() {
    for f in FIXTURES {
        let b = f.as_bytes();
        for cut in 0..=b.len() {
            check(&b[..cut]);
        }
    }
}

#[test]
fn empty_and_junk_input_give_errors_not_panics() {
    assert!(parse_bytes(b"", None, None, KindHint::Auto).is_err());
    assert!(parse_bytes(b"   \n\t ", None, None, KindHint::Auto).is_err());
    assert!(parse_bytes(b"\x00\x01\x02\xff\xfe", None, None, KindHint::Feed).is_err());
    check(&[0u8; 4096]);
    check(&(0..=255u8).cycle().take(70_000).collect::<Vec<_>>());
}

#[test]
fn escape_sequences_never_survive() {
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{9b}6n\u{202e}\u{90}q";
    let rss = RSS
        .replace("Nordheim: Neues Bürgerportal", &format!("Titel {evil}"))
        .replace("Das Portal &amp; mehr.", &format!("Summe {evil}"))
        .replace(
            "https://blatt.example/a1",
            &format!("https://blatt.example/a1?{evil}"),
        )
        .replace("Mit einem Formular.", &format!("Antwort {evil}"))
        .replace(
            "Frage:</strong> Wie",
            &format!("Frage:</strong> {evil} Wie"),
        );
    let p = parse(&rss, None, KindHint::Auto).expect("still a feed");
    assert_clean(&p);
    let article = ARTICLE
        .replace("Arne Baltissen:", &format!("Arne{evil} Baltissen:"))
        .replace("„Die Verwaltung muss zuhören“", &format!("Titel {evil}"))
        .replace("Rathaus", evil)
        .replace("href=\"/x\"", &format!("href=\"/x{evil}\""));
    let p = parse(&article, None, KindHint::Auto).expect("still an article");
    assert_clean(&p);
    let listing = LISTING.replace("Oberau startet Portal", &format!("Oberau {evil}"));
    assert_clean(&parse(&listing, None, KindHint::Auto).expect("still a listing"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes);
    }

    #[test]
    fn random_splices_of_fixtures(
        which in 0usize..5,
        at in any::<prop::sample::Index>(),
        del in 0usize..64,
        insert in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let mut b = FIXTURES[which].as_bytes().to_vec();
        let i = at.index(b.len() + 1);
        let end = (i + del).min(b.len());
        b.splice(i..end, insert);
        check(&b);
    }

    #[test]
    fn random_tag_soup(parts in proptest::collection::vec(
        prop::sample::select(vec![
            "<p>", "</p>", "<strong>", "</strong>", "Name:", " Frage: ", "Antwort:", "<div class=\"teaser\">",
            "</div>", "<a href=\"/x\">", "</a>", "<blockquote>", "„", "“", "[22.12.2025]", "<h1>", "</h1>",
            "<li>", "<ul>", "text ", "\u{1b}[31m", "<br>", "<item>", "<title>", "</title>", "<![CDATA[", "]]>",
        ]), 0..120)) {
        let s: String = parts.concat();
        check(s.as_bytes());
    }
}

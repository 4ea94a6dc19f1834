//! Feeds to teasers and articles: RSS 0.91, RSS 1.0 (RDF), RSS 2.0, Atom, JSON Feed, charsets,
//! and malformed input.

use blatt::document::{Block, Kind, Listing, Parsed};
use blatt::parse::feed::parse_feed;
use blatt::parse::{parse_bytes, KindHint, ParseError};
use url::Url;

fn fixture(path: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn text(path: &str) -> String {
    String::from_utf8(fixture(path)).expect("utf-8 fixture")
}

fn feed(path: &str, base: &str) -> Listing {
    let base = Url::parse(base).unwrap();
    parse_feed(&text(path), Some(&base)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Parsed through the whole pipeline (bytes, charset, sniffing, sanitizing).
fn feed_bytes(path: &str, content_type: Option<&str>) -> Listing {
    let base = Url::parse("https://suedstadt.example/feed.xml").unwrap();
    match parse_bytes(&fixture(path), content_type, Some(&base), KindHint::Auto) {
        Ok(Parsed::Feed(l)) => l,
        other => panic!("{path}: {other:?}"),
    }
}

#[test]
fn rss2_teasers() {
    let l = feed("feeds/rss2.xml", "https://nordheim.example/feed.xml");
    assert_eq!(l.title.as_deref(), Some("Kommune21 Nordheim & Umland"));
    assert_eq!(l.items.len(), 3);
    let t: Vec<_> = l.items.iter().map(|i| &i.teaser).collect();

    assert_eq!(
        t[0].title,
        "Musterstadt: Bauanträge jetzt vollständig digital"
    );
    assert_eq!(
        t[0].url.as_deref(),
        Some("https://nordheim.example/aktuelles/bauantraege-digital.html")
    );
    assert_eq!(t[0].published.as_deref(), Some("2025-12-22T09:30:00+00:00"));
    assert_eq!(
        t[0].summary.as_deref(),
        Some("Seit dem 1. Dezember nimmt die Stadt Musterstadt Bauanträge nur noch über das Portal entgegen. Die Bearbeitungszeit sank um ein Drittel.")
    );
    assert_eq!(t[0].source.as_deref(), Some("Kommune21 Nordheim & Umland"));
    assert_eq!(t[0].kind, None, "no full text, no kind");
    assert_eq!(l.items[0].guid.as_deref(), Some("nordheim-2025-0412"));
    assert!(l.items[0].article.is_none());

    assert_eq!(
        t[1].title,
        "„Wir haben mit den häufigsten Anträgen begonnen“"
    );
    assert_eq!(t[1].published.as_deref(), Some("2025-12-19T08:00:00+00:00"));
    assert!(t[1].kind.is_some(), "full text gives a kind");

    assert_eq!(t[2].title, "Kreistag beschließt Cloud-Strategie <Entwurf>");
    assert_eq!(
        t[2].summary.as_deref(),
        Some("Der Kreistag hat mit großer Mehrheit zugestimmt.")
    );
    assert_eq!(l.items[2].guid, None, "no guid in the feed, none invented");
}

#[test]
fn rss2_content_encoded_becomes_an_article() {
    let l = feed("feeds/rss2.xml", "https://nordheim.example/feed.xml");
    let a = l.items[1]
        .article
        .as_ref()
        .expect("article from content:encoded");
    assert_eq!(a.title, "„Wir haben mit den häufigsten Anträgen begonnen“");
    assert_eq!(
        a.url.as_deref(),
        Some("https://nordheim.example/interviews/beispiel-probst.html")
    );
    assert_eq!(a.byline.as_deref(), Some("Redaktion Nordheim"));
    assert_eq!(a.source.as_deref(), Some("Kommune21 Nordheim & Umland"));
    assert_eq!(a.published.as_deref(), Some("2025-12-19T08:00:00+00:00"));
    assert_eq!(
        a.lead.as_deref(),
        Some("Anna Beispiel und Jonas Probst über zwei Jahre Onlinezugangsgesetz in Nordheim.")
    );
    assert_eq!(l.items[1].teaser.kind, Some(a.kind));
    // six paragraphs and one quote, in order, whatever interview recognition makes of them
    assert_eq!(a.blocks.len(), 6, "{:#?}", a.blocks);
    assert!(a.blocks[0]
        .text()
        .starts_with("Frau Beispiel, was hat sich"));
    assert!(
        matches!(&a.blocks[4], Block::Quote { text, .. } if text == "„Ohne gemeinsame Standards bleibt jede Kommune allein.“")
    );
    // relative links in the body resolve against the item's link
    let last = &a.blocks[5];
    let link = last.marks().iter().find_map(|m| m.href.clone());
    assert_eq!(
        link.as_deref(),
        Some("https://nordheim.example/dossiers/ozg.html")
    );
}

#[test]
fn rss1_rdf() {
    let l = feed("feeds/rss1.rdf", "https://egov-sued.example/rss");
    assert_eq!(l.title.as_deref(), Some("eGov Süd – Meldungen"));
    let got: Vec<_> = l
        .items
        .iter()
        .map(|i| {
            (
                i.teaser.title.as_str(),
                i.teaser.url.as_deref(),
                i.teaser.published.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "Landkreis Talheim führt E-Akte ein",
                Some("https://egov-sued.example/meldung/101"),
                Some("2025-11-03T08:15:00+00:00")
            ),
            (
                "Bürgerkonto: Anmeldung mit Online-Ausweis",
                Some("https://egov-sued.example/meldung/102"),
                Some("2025-10-28T00:00:00+00:00")
            ),
        ]
    );
    assert_eq!(
        l.items[0].teaser.summary.as_deref(),
        Some("Nach zwei Jahren Pilotbetrieb arbeiten nun alle Ämter mit der elektronischen Akte.")
    );
}

#[test]
fn rss091() {
    let l = feed("feeds/rss091.xml", "http://kleinhausen.example/rss");
    assert_eq!(l.title.as_deref(), Some("Amtsblatt Kleinhausen"));
    assert_eq!(l.items.len(), 2);
    assert_eq!(
        l.items[0].teaser.title,
        "Öffnungszeiten des Bürgerbüros zwischen den Jahren"
    );
    assert_eq!(
        l.items[1].teaser.url.as_deref(),
        Some("http://kleinhausen.example/amtsblatt/2025-50.html")
    );
    assert_eq!(l.items[1].teaser.published, None);
}

#[test]
fn rss_with_unknown_version_and_html_entities() {
    let xml = r#"<?xml version="1.0"?><rss version="0.93"><channel><title>Gr&uuml;&szlig;e</title>
        <item><title>&bdquo;Digital&ldquo; &ndash; K&ouml;ln</title><link>https://k.example/1</link></item>
        </channel></rss>"#;
    let l = parse_feed(xml, None).expect("lenient");
    assert_eq!(l.title.as_deref(), Some("Grüße"));
    assert_eq!(l.items[0].teaser.title, "„Digital“ – Köln");
}

#[test]
fn atom_with_xml_base() {
    let l = feed(
        "feeds/atom.xml",
        "https://verwaltung-digital.example/blog/atom.xml",
    );
    assert_eq!(l.title.as_deref(), Some("Verwaltung Digital – Blog"));
    let a = &l.items[0];
    assert_eq!(
        a.teaser.title,
        "Registermodernisierung: erste Schritte in Bergweiler"
    );
    assert_eq!(
        a.teaser.url.as_deref(),
        Some("https://verwaltung-digital.example/blog/2025/registermodernisierung")
    );
    assert_eq!(
        a.teaser.published.as_deref(),
        Some("2025-12-18T06:30:00+00:00")
    );
    assert_eq!(
        a.teaser.summary.as_deref(),
        Some("Die Gemeinde Bergweiler verknüpft als eine der ersten ihr Melderegister.")
    );
    assert_eq!(
        a.guid.as_deref(),
        Some("tag:verwaltung-digital.example,2025:42")
    );
    let art = a.article.as_ref().expect("atom content");
    assert_eq!(art.byline.as_deref(), Some("Lena Sommerfeld"));
    assert_eq!(
        art.lead, None,
        "the summary is the body's start, not a lead"
    );
    assert_eq!(art.blocks.len(), 3);
    assert_eq!(
        art.blocks[1],
        Block::Heading {
            level: 2,
            text: "Was sich ändert".into()
        }
    );
    assert_eq!(a.teaser.kind, Some(Kind::Article));

    let b = &l.items[1];
    assert_eq!(
        b.teaser.url.as_deref(),
        Some("https://andere.example/gast/open-source-im-rathaus")
    );
    assert_eq!(
        b.teaser.published.as_deref(),
        Some("2025-12-10T09:00:00+00:00"),
        "updated when not published"
    );
    assert!(b.article.is_none());
    assert_eq!(b.teaser.kind, None);
}

#[test]
fn json_feed() {
    let l = feed("feeds/jsonfeed.json", "https://rathaus.example/feed.json");
    assert_eq!(l.title.as_deref(), Some("Digitales Rathaus"));
    assert_eq!(l.items.len(), 3);
    let first = &l.items[0];
    assert_eq!(
        first.teaser.title,
        "Chatbot beantwortet Fragen zur Grundsteuer"
    );
    assert_eq!(
        first.teaser.summary.as_deref(),
        Some("Die Stadt Lindenau testet einen Assistenten für Bürgeranfragen.")
    );
    assert_eq!(first.guid.as_deref(), Some("rathaus-7"));
    let art = first.article.as_ref().expect("content_html");
    assert_eq!(art.byline.as_deref(), Some("Tom Weidmann"));
    assert_eq!(
        art.lead.as_deref(),
        Some("Die Stadt Lindenau testet einen Assistenten für Bürgeranfragen.")
    );
    assert_eq!(
        art.blocks[1],
        Block::List {
            ordered: false,
            items: vec!["rund um die Uhr".into(), "in fünf Sprachen".into()]
        }
    );

    let second = &l.items[1];
    let art = second.article.as_ref().expect("content_text");
    assert_eq!(
        art.blocks,
        vec![
            Block::paragraph("Das Bürgerbüro hat neue Öffnungszeiten."),
            Block::paragraph("Termine gibt es nur noch online.")
        ]
    );
    assert_eq!(
        second.teaser.published.as_deref(),
        Some("2025-12-12T14:00:00+00:00")
    );
    assert_eq!(
        second.teaser.summary.as_deref(),
        Some("Das Bürgerbüro hat neue Öffnungszeiten. Termine gibt es nur noch online.")
    );

    let third = &l.items[2];
    assert_eq!(
        third.teaser.url.as_deref(),
        Some("https://rathaus.example/artikel/5")
    );
    assert_eq!(third.teaser.summary, None);
    assert!(third.article.is_none());
}

#[test]
fn long_summaries_are_cut_at_a_word() {
    let word = "Verwaltungsdigitalisierung ";
    let desc = word.repeat(60);
    let xml = format!(
        r#"<rss version="2.0"><channel><title>Lang</title><item><title>T</title><description>{desc}</description></item></channel></rss>"#
    );
    let l = parse_feed(&xml, None).unwrap();
    let s = l.items[0].teaser.summary.clone().unwrap();
    assert!(s.ends_with("Verwaltungsdigitalisierung…"), "{s}");
    assert!(s.chars().count() <= 600);
    assert!(s.chars().count() > 500);
}

#[test]
fn charset_windows_1252_declared() {
    let l = feed_bytes("charset/feed-windows-1252.xml", None);
    assert_eq!(l.title.as_deref(), Some("Grüße aus Köln"));
    let t = &l.items[0].teaser;
    assert_eq!(t.title, "Grüße aus Köln: „Straße der Zukunft“ eröffnet");
    assert_eq!(
        t.summary.as_deref(),
        Some("Die Maßnahme kostet 5 € pro Einwohner – „günstig“, sagt der Kämmerer.")
    );
}

#[test]
fn charset_iso_8859_1_declared() {
    let l = feed_bytes("charset/feed-iso-8859-1.xml", None);
    let t = &l.items[0].teaser;
    assert_eq!(t.title, "Müllgebühren: Gemeinderat beschließt Änderung");
    assert_eq!(
        t.summary.as_deref(),
        Some("Die Gebühr für die Biotonne steigt ab Januar um 3 % - «moderat», heißt es aus dem Rathaus.")
    );
}

#[test]
fn charset_iso_8859_15_declared_and_by_header() {
    for ct in [None, Some("application/rss+xml; charset=ISO-8859-15")] {
        let l = feed_bytes("charset/feed-iso-8859-15.xml", ct);
        let t = &l.items[0].teaser;
        assert_eq!(t.title, "Haushalt: 12 Mio. € für Schulen");
        assert_eq!(
            t.summary.as_deref(),
            Some("Die Straßensanierung kostet weitere 2 Mio. €.")
        );
    }
}

#[test]
fn utf8_text_with_a_latin1_declaration_is_not_decoded_twice() {
    let xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Straße</title><item><title>„Köln“ – 5 €</title></item></channel></rss>";
    let l = parse_feed(xml, None).unwrap();
    assert_eq!(l.title.as_deref(), Some("Straße"));
    assert_eq!(l.items[0].teaser.title, "„Köln“ – 5 €");
}

#[test]
fn bad_feeds_are_one_line_errors() {
    for path in [
        "feeds/truncated.xml",
        "feeds/malformed.xml",
        "feeds/not-a-feed.xml",
        "feeds/truncated.json",
    ] {
        match parse_feed(&text(path), None) {
            Err(ParseError::Feed(msg)) => {
                assert!(!msg.is_empty() && !msg.contains('\n'), "{path}: {msg:?}")
            }
            other => panic!("{path}: expected a feed error, got {other:?}"),
        }
    }
    for junk in [
        "<rss version=\"",
        "",
        "   ",
        "{",
        "<",
        "<rss",
        "{\"version\": 3}",
        "\u{0}\u{1}<rss>",
    ] {
        assert!(parse_feed(junk, None).is_err(), "{junk:?}");
    }
}

#[test]
fn hostile_feeds_do_not_panic() {
    // deep nesting inside a description
    let deep = format!(
        r#"<rss version="2.0"><channel><title>T</title><item><title>x</title><description><![CDATA[{}tief{}]]></description></item></channel></rss>"#,
        "<div>".repeat(3_000),
        "</div>".repeat(3_000)
    );
    let l = parse_feed(&deep, None).unwrap();
    assert_eq!(l.items[0].teaser.summary.as_deref(), Some("tief"));
    // deep XML nesting
    let deep_xml = format!(
        r#"<rss version="2.0"><channel><title>T</title>{}{}</channel></rss>"#,
        "<x>".repeat(20_000),
        "</x>".repeat(20_000)
    );
    let _ = parse_feed(&deep_xml, None);
    // a non-ASCII quote around the version
    let _ = parse_feed(
        "<rss version=\u{e4}0.93\u{e4}><channel><title>x</title></channel></rss>",
        None,
    );
    // control characters never survive the pipeline
    let ctl = "<rss version=\"2.0\"><channel><title>T\u{1b}[31m</title><item><title>a\u{7}b</title></item></channel></rss>";
    match parse_bytes(ctl.as_bytes(), None, None, KindHint::Auto) {
        Ok(Parsed::Feed(l)) => {
            assert!(!l.title.unwrap().contains('\u{1b}'));
            assert!(!l.items[0].teaser.title.contains('\u{7}'));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn hand_made_feed_with_bare_ampersands_raw_html_and_german_dates() {
    let l = feed("feeds/handmade.xml", "https://seeland.example/rss.xml");
    assert_eq!(l.title.as_deref(), Some("Bauamt & Verkehr Seeland"));
    let t = &l.items[0].teaser;
    assert_eq!(t.title, "Sperrung der Brücke am Mühlbach");
    assert_eq!(
        t.summary.as_deref(),
        Some(
            "Die Brücke wird ab Montag gesperrt. Umleitung über die Hauptstraße & den Marktplatz."
        )
    );
    assert_eq!(t.published.as_deref(), Some("2025-12-15T08:00:00+00:00"));
}

#[test]
fn utf8_bytes_under_a_wrong_latin1_declaration_or_header() {
    let xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Straße</title><item><title>„Köln“ – 5 €</title></item></channel></rss>";
    for ct in [None, Some("text/xml; charset=ISO-8859-1")] {
        match parse_bytes(xml.as_bytes(), ct, None, KindHint::Auto) {
            Ok(Parsed::Feed(l)) => {
                assert_eq!(l.title.as_deref(), Some("Straße"));
                assert_eq!(l.items[0].teaser.title, "„Köln“ – 5 €");
            }
            other => panic!("{other:?}"),
        }
    }
}

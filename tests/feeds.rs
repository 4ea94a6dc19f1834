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

// ---- read the way feedparser reads feeds (issue 15): one fixture of ours per behaviour ----

fn titles(l: &Listing) -> Vec<&str> {
    l.items.iter().map(|i| i.teaser.title.as_str()).collect()
}

#[test]
fn atom_0_3_is_read() {
    let l = feed("feeds/atom03.xml", "https://lindwerder.example/atom.xml");
    // mode="escaped" HTML in the feed's title: the entity is text once
    assert_eq!(l.title.as_deref(), Some("Amtsblog Lindwerder & Umgebung"));
    assert_eq!(
        titles(&l),
        [
            "Neue Sprechzeiten im Bürgeramt",
            "Haushalt 2024 beschlossen"
        ]
    );
    let first = &l.items[0];
    assert_eq!(
        first.teaser.url.as_deref(),
        Some("https://lindwerder.example/2024/sprechzeiten"),
        "the alternate link, not the edit link before it"
    );
    // issued is Atom 0.3's published
    assert_eq!(
        first.teaser.published.as_deref(),
        Some("2024-03-04T09:15:00+00:00")
    );
    // a base64 summary (mode="base64")
    assert_eq!(
        first.teaser.summary.as_deref(),
        Some("Ab April öffnet das Bürgeramt auch samstags.")
    );
    assert_eq!(
        first.guid.as_deref(),
        Some("tag:lindwerder.example,2024:17")
    );
    // inline XHTML content (mode="xml") is the article; its links resolve against its xml:base
    let art = first.article.as_ref().expect("content");
    assert_eq!(art.byline.as_deref(), Some("Greta Holmqvist"));
    assert_eq!(art.blocks.len(), 2, "{:#?}", art.blocks);
    assert_eq!(
        art.blocks[0].text(),
        "Ab April öffnet das Bürgeramt auch samstags von 9 bis 12 Uhr."
    );
    let href = art.blocks[1].marks().iter().find_map(|m| m.href.clone());
    assert_eq!(
        href.as_deref(),
        Some("https://lindwerder.example/2024/termine")
    );
    // modified when nothing was issued; escaped HTML content without its script
    let second = &l.items[1].teaser;
    assert_eq!(
        second.published.as_deref(),
        Some("2024-02-28T18:30:00+00:00")
    );
    assert_eq!(
        second.summary.as_deref(),
        Some("Der Rat stimmte mit 21 zu 4 Stimmen zu.")
    );
}

#[test]
fn rss_0_90_items_beside_the_channel() {
    let l = feed("feeds/rss090.rdf", "http://haselried.example/rss");
    assert_eq!(l.title.as_deref(), Some("Gemeindebote Haselried"));
    assert_eq!(
        titles(&l),
        [
            "Winterdienst beginnt am Montag",
            "Wertstoffhof zieht an den Mühlweg"
        ]
    );
    assert_eq!(
        l.items[1].teaser.url.as_deref(),
        Some("http://haselried.example/meldungen/wertstoffhof")
    );
}

#[test]
fn rss_1_0_items_with_a_title_only_or_dublin_core() {
    let l = feed("feeds/rss1-sparse.rdf", "https://kreis-ostrand.example/rss");
    assert_eq!(l.items.len(), 2);
    let first = &l.items[0];
    assert_eq!(first.teaser.title, "Kreistag tagt öffentlich");
    assert_eq!(first.teaser.url, None, "no link, and rdf:about is no link");
    assert_eq!(
        first.guid.as_deref(),
        Some("https://kreis-ostrand.example/pm/31"),
        "rdf:about identifies the item"
    );
    let second = &l.items[1].teaser;
    assert_eq!(second.title, "Neues Förderprogramm für Dorfläden");
    assert_eq!(
        second.published.as_deref(),
        Some("2024-05-14T09:00:00+00:00")
    );
}

#[test]
fn rss_2_0_inside_a_namespace() {
    let l = feed(
        "feeds/rss2-namespaced.xml",
        "https://brunnental.example/rss",
    );
    assert_eq!(l.title.as_deref(), Some("Stadtanzeiger Brunnental"));
    let t = &l.items[0].teaser;
    assert_eq!(t.title, "Freibad öffnet früher");
    assert_eq!(t.url.as_deref(), Some("https://brunnental.example/freibad"));
    // a description of another namespace is not the item's
    assert_eq!(
        t.summary.as_deref(),
        Some("Wegen des warmen Frühjahrs beginnt die Saison schon im Mai.")
    );
    assert_eq!(t.published.as_deref(), Some("2024-04-22T07:30:00+00:00"));
}

#[test]
fn rss_without_a_channel() {
    let l = feed(
        "feeds/rss-no-channel.xml",
        "https://feuerwehr-tannhoff.example/rss",
    );
    assert_eq!(l.title, None);
    assert_eq!(
        titles(&l),
        ["Sirenenprobe am Samstag", "Neues Löschfahrzeug übergeben"]
    );
    assert_eq!(
        l.items[0].teaser.summary.as_deref(),
        Some("Um 12 Uhr heulen in Tannhoff die Sirenen – nur zur Probe.")
    );
    // dates as generators write them: a long weekday and month with an ISO zone; C's asctime
    assert_eq!(
        l.items[0].teaser.published.as_deref(),
        Some("2024-03-16T10:30:00+00:00")
    );
    assert_eq!(
        l.items[1].teaser.published.as_deref(),
        Some("2024-03-08T17:05:00+00:00")
    );
}

#[test]
fn module_fields_dublin_core_itunes_media_xhtml() {
    let l = feed(
        "feeds/rss2-modules.xml",
        "https://radio-wiesengrund.example/feed.xml",
    );
    let [a, b, c] = &l.items[..] else {
        panic!("three items: {:#?}", l.items)
    };
    // dc:title, dcterms:issued, itunes:summary; a relative link against the channel's xml:base; a
    // guid that is no permalink is no link
    assert_eq!(a.teaser.title, "Folge 12: Der neue Radweg");
    assert_eq!(
        a.teaser.url.as_deref(),
        Some("https://radio-wiesengrund.example/sendungen/folge-12")
    );
    assert_eq!(
        a.teaser.published.as_deref(),
        Some("2024-06-03T16:00:00+00:00")
    );
    assert_eq!(
        a.teaser.summary.as_deref(),
        Some("Bürgermeister Jonte Vossberg erklärt, warum der Radweg zwei Jahre gebraucht hat.")
    );
    assert!(a.article.is_none(), "a podcast summary is no full text");
    assert_eq!(a.guid.as_deref(), Some("rathausfunk-12"));
    // media:title when there is no title; dcterms:modified; xhtml:body is the full text
    assert_eq!(b.teaser.title, "Folge 11: Glasfaser für alle");
    assert_eq!(b.teaser.url, None, "isPermaLink=\"false\" even for a URL");
    assert_eq!(
        b.teaser.published.as_deref(),
        Some("2024-05-27T16:00:00+00:00")
    );
    assert_eq!(
        b.teaser.summary.as_deref(),
        Some("Ab Herbst wird jeder Ortsteil angeschlossen. Mehr im Dossier.")
    );
    let art = b.article.as_ref().expect("xhtml:body");
    assert_eq!(art.blocks.len(), 2);
    let href = art.blocks[1].marks().iter().find_map(|m| m.href.clone());
    assert_eq!(
        href.as_deref(),
        Some("https://radio-wiesengrund.example/glasfaser")
    );
    // the title wins over media:title; a guid that is a permalink is the link
    assert_eq!(c.teaser.title, "Folge 10: Sitzungsgeld");
    assert_eq!(
        c.teaser.url.as_deref(),
        Some("https://radio-wiesengrund.example/sendungen/folge-10")
    );
}

#[test]
fn odd_atom_elements_lose_only_themselves() {
    let l = feed(
        "feeds/atom10-odd.xml",
        "https://muehlenkamp.example/atom.xml",
    );
    assert_eq!(l.items.len(), 4, "every entry is kept");
    let [a, b, c, d] = &l.items[..] else {
        unreachable!()
    };
    // base64 title and summary (a media type that is no text), the link as the element's text
    assert_eq!(a.teaser.title, "Kita am Mühlenkamp: Richtfest");
    assert_eq!(
        a.teaser.url.as_deref(),
        Some("https://muehlenkamp.example/kita-richtfest")
    );
    assert_eq!(
        a.teaser.summary.as_deref(),
        Some("<p>Der Rohbau steht, die <b>Eröffnung</b> ist für März geplant.</p>"),
        "typed application/octet-stream, it is not HTML: shown as written"
    );
    // type="" and content that is a picture: the entry stays, without a body
    assert_eq!(b.teaser.title, "Sanierung der Schulturnhalle");
    assert_eq!(
        b.teaser.url.as_deref(),
        Some("https://muehlenkamp.example/turnhalle")
    );
    assert!(b.article.is_none());
    // an XHTML title; the alternate link, not the enclosure
    assert_eq!(c.teaser.title, "Straßenfest ohne Autos");
    assert_eq!(
        c.teaser.url.as_deref(),
        Some("https://muehlenkamp.example/strassenfest")
    );
    // a link a browser would run is no address
    assert_eq!(d.teaser.title, "Verweis, der nichts öffnen darf");
    assert_eq!(d.teaser.url, None);
}

#[test]
fn html_is_decided_like_feedparser_and_scripts_never_reach_text() {
    let l = feed("feeds/rss2-markup.xml", "https://kieselbach.example/rss");
    let t: Vec<_> = l.items.iter().map(|i| &i.teaser).collect();
    // escaped markup in a title is HTML; a mention of a tag that is none stays text
    assert_eq!(t[0].title, "Bürgerversammlung verschoben");
    assert_eq!(t[1].title, "Satzung <Entwurf> liegt aus");
    // inline markup in a title: its text
    assert_eq!(t[3].title, "Sprechstunde Rathaus");
    assert_eq!(
        t[0].summary.as_deref(),
        Some("Die Versammlung findet im Juni statt.")
    );
    assert_eq!(
        t[1].summary.as_deref(),
        Some("Einsicht im Rathaus, Zimmer 4.")
    );
    assert_eq!(t[2].summary.as_deref(), Some("Die Schilder kommen im Mai."));
    for teaser in &t {
        let all = format!(
            "{} {}",
            teaser.title,
            teaser.summary.as_deref().unwrap_or("")
        );
        for bad in [
            "location.href",
            "<script",
            "<iframe",
            "Karte",
            "Schild<",
            "color: red",
        ] {
            assert!(!all.contains(bad), "{bad:?} in {all:?}");
        }
    }
}

#[test]
fn windows_1252_slips_and_double_utf8_are_repaired() {
    let l = feed_bytes("feeds/rss2-charset-slips.xml", None);
    let t: Vec<_> = l.items.iter().map(|i| &i.teaser).collect();
    assert_eq!(t[0].title, "Wir sagen: don’t panic – alles halb so wild");
    assert_eq!(
        t[0].summary.as_deref(),
        Some("Der Kämmerer: „Die Kasse stimmt“…")
    );
    assert_eq!(t[1].title, "Grüße aus dem Rathaus – Teil 2");
    assert_eq!(
        t[1].summary.as_deref(),
        Some("Die Bürgermeisterin dankt allen Helfern und Anwohnern.")
    );
}

#[test]
fn entities_declared_in_the_doctype() {
    let xml = r#"<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY ort "Hafenstadt">
  <!ENTITY zwei "&ort; &ort;">
]>
<rss version="2.0"><channel><title>Bote aus &ort;</title>
<item><title>Neues aus &ort;</title><guid isPermaLink="false">&ort;-1</guid><description>&zwei;</description></item>
</channel></rss>"#;
    let l = parse_feed(xml, None).expect("a feed");
    assert_eq!(l.title.as_deref(), Some("Bote aus Hafenstadt"));
    assert_eq!(l.items[0].teaser.title, "Neues aus Hafenstadt");
    assert_eq!(l.items[0].guid.as_deref(), Some("Hafenstadt-1"));
    // an entity made of entities is not expanded, not even one level
    assert_eq!(l.items[0].teaser.summary.as_deref(), Some("&zwei;"));
}

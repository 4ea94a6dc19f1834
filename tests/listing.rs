//! Listing pages to teasers: repeated teaser structures in several shapes, and the choice between a
//! listing page and an article page.

use blatt::document::{Listing, Parsed, Teaser};
use blatt::parse::listing::{is_listing_page, parse_listing};
use blatt::parse::{parse, parse_bytes, KindHint};
use url::Url;

fn fixture(path: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn page(path: &str) -> String {
    String::from_utf8(fixture(path)).expect("utf-8 fixture")
}

fn listing(path: &str, url: &str) -> Listing {
    let base = Url::parse(url).unwrap();
    parse_listing(&page(path), Some(&base)).unwrap_or_else(|| panic!("{path}: no teasers"))
}

fn t(
    title: &str,
    url: &str,
    published: Option<&str>,
    summary: Option<&str>,
    source: &str,
) -> Teaser {
    Teaser {
        title: title.into(),
        url: Some(url.into()),
        published: published.map(Into::into),
        summary: summary.map(Into::into),
        source: Some(source.into()),
        kind: None,
        kicker: None,
    }
}

fn kicked(mut t: Teaser, kicker: &str) -> Teaser {
    t.kicker = Some(kicker.into());
    t
}

fn teasers(l: &Listing) -> Vec<Teaser> {
    l.items.iter().map(|i| i.teaser.clone()).collect()
}

#[test]
fn div_teasers_with_bracket_dates_and_more_links() {
    let src = "Kommunal-IT Magazin – Nachrichten";
    let l = listing("listing/div-list.html", "https://kommunal-it.example/news/");
    assert_eq!(l.title.as_deref(), Some(src));
    assert_eq!(
        l.feeds,
        vec!["https://kommunal-it.example/rss/news.xml".to_string()]
    );
    assert_eq!(
        teasers(&l),
        vec![
            t("Musterstadt: Neues Bürgerportal gestartet", "https://kommunal-it.example/news/musterstadt-portal.html", Some("2025-12-22"), Some("Die Stadt Musterstadt hat ihr neues Serviceportal freigeschaltet. Mehr als 80 Leistungen sind jetzt online verfügbar."), src),
            t("Kreis Nordheim: KI hilft bei der Posteingangsbearbeitung", "https://kommunal-it.example/news/kreis-nordheim-ki.html", Some("2025-12-19"), Some("Ein Sprachmodell sortiert eingehende Briefe vor. Die Beschäftigten prüfen jeden Vorschlag, bevor er gilt."), src),
            t("„Standards sind wichtiger als Software“", "https://kommunal-it.example/news/interview-beispiel.html", Some("2025-12-17"), Some("Interview mit Anna Beispiel, CIO der Stadtwerke Musterstadt, über gemeinsame Schnittstellen & offene Daten."), src),
            t("Bergweiler: Glasfaser für alle Ortsteile", "https://partner.example/bergweiler-glasfaser", Some("2025-12-15"), Some("Bis Ende 2026 sollen alle Haushalte einen Anschluss erhalten können."), src),
            t("OZG-Bilanz: Wo die Kommunen stehen", "https://kommunal-it.example/news/ozg-bilanz.html", Some("2025-12-12"), Some("Eine Umfrage unter 300 Kommunen zeigt große Unterschiede beim Stand der Digitalisierung."), src),
        ]
    );
    assert!(is_listing_page(&page("listing/div-list.html"), &l));
}

#[test]
fn article_cards_with_time_and_base_href() {
    let src = "eGovernment Süd";
    let l = listing("listing/article-cards.html", "https://egov-sued.example/");
    assert_eq!(l.title.as_deref(), Some(src));
    assert_eq!(
        l.feeds,
        vec![
            "https://egov-sued.example/magazin/atom.xml".to_string(),
            "https://egov-sued.example/feed.json".to_string()
        ]
    );
    assert_eq!(
        teasers(&l),
        vec![
            t("„Wir messen Erfolg an der Nutzung“", "https://egov-sued.example/magazin/2025/12/kassel-interview", Some("2025-12-21T09:00:00+01:00"), Some("Die Digitalbeauftragte Mara Lindqvist über Nutzerzahlen, Barrierefreiheit und den langen Atem."), src),
            // the roof line above a headline is its kicker; a format label ("Interview") is none
            kicked(t("E-Government-Gesetz: Novelle im Landtag", "https://egov-sued.example/magazin/2025/12/egovg-novelle", Some("2025-12-18"), Some("Der Entwurf sieht eine Pflicht zur elektronischen Aktenführung ab 2028 vor."), src), "Recht"),
            kicked(t("IT-Budget der Kommunen steigt um zwölf Prozent", "https://egov-sued.example/magazin/2025/12/haushalt-it", Some("2025-12-16"), Some("Vor allem Sicherheit und Cloud-Dienste treiben die Ausgaben."), src), "Finanzen"),
            t("Leitfaden für barrierefreie Formulare erschienen", "https://egov-sued.example/archiv/2025/leitfaden", None, Some("Der Leitfaden erklärt an Beispielen, wie Formulare für alle nutzbar werden."), src),
        ]
    );
    assert!(is_listing_page(&page("listing/article-cards.html"), &l));
}

#[test]
fn table_rows() {
    let src = "Pressemitteilungen - Landratsamt Talheim";
    let l = listing(
        "listing/table-list.html",
        "http://talheim.example/presse.php",
    );
    assert!(l.feeds.is_empty());
    assert_eq!(
        teasers(&l),
        vec![
            t(
                "Kfz-Zulassung: Online-Termine ab Januar",
                "http://talheim.example/presse.php?id=812",
                Some("2025-12-22"),
                Some("Wunschkennzeichen können vorab reserviert werden."),
                src
            ),
            t(
                "Landrat besucht Digitallabor der Berufsschule",
                "http://talheim.example/presse.php?id=811",
                Some("2025-12-20"),
                None,
                src
            ),
            t(
                "Abfallkalender 2026 als App verfügbar",
                "http://talheim.example/presse.php?id=810",
                Some("2025-12-18"),
                Some("Erinnerungen für alle Tonnen lassen sich pro Straße einstellen."),
                src
            ),
            t(
                "Sitzung des Kreistags am 15. Dezember",
                "http://talheim.example/presse.php?id=809",
                Some("2025-12-11"),
                None,
                src
            ),
        ]
    );
    assert!(is_listing_page(&page("listing/table-list.html"), &l));
}

#[test]
fn english_blog_index() {
    let src = "Civic Code Notes";
    let l = listing("listing/blog-en.html", "https://civic-notes.example/");
    assert_eq!(
        teasers(&l),
        vec![
            t("Open standards for small towns", "https://civic-notes.example/2025/12/open-standards-for-towns", Some("2025-12-22"), Some("Small municipalities rarely have an IT department. Shared standards let them buy services without lock-in."), src),
            t("Forms that work on a phone", "https://civic-notes.example/2025/12/forms-that-work", Some("2025-12-15"), Some("Most people fill in council forms on their phones. Here is what we learned from testing twelve of them."), src),
            t("Why we publish our code", "https://civic-notes.example/2025/11/why-we-publish-code", Some("2025-11-30"), Some("Publishing the source of public services builds trust and invites fixes from neighbours."), src),
        ]
    );
}

#[test]
fn li_list_in_iso_8859_15_by_header() {
    let base = Url::parse("https://nordstadt.example/aktuelles/").unwrap();
    let parsed = parse_bytes(
        &fixture("charset/page-iso-8859-15.html"),
        Some("text/html; charset=ISO-8859-15"),
        Some(&base),
        KindHint::Auto,
    )
    .unwrap();
    let Parsed::Listing(l) = parsed else {
        panic!("{parsed:?}")
    };
    let src = "Rathaus Nordstadt - Aktuelles";
    assert_eq!(
        teasers(&l),
        vec![
            t(
                "Gebühren für Reisepässe steigen auf 70 €",
                "https://nordstadt.example/n/1",
                Some("2025-12-22"),
                Some("Grund sind höhere Kosten der Bundesdruckerei, heißt es."),
                src
            ),
            t(
                "Öffentliche Toiletten am Marktplatz saniert",
                "https://nordstadt.example/n/2",
                Some("2025-12-19"),
                Some("Die Arbeiten kosteten rund 80.000 € und dauerten drei Monate."),
                src
            ),
            t(
                "Weihnachtsmarkt öffnet mit Grußwort der Bürgermeisterin",
                "https://nordstadt.example/n/3",
                Some("2025-12-12"),
                Some("Der Markt auf dem Schloßplatz ist bis zum 23. Dezember geöffnet."),
                src
            ),
        ]
    );
}

#[test]
fn windows_1252_page_without_declaration() {
    let base = Url::parse("https://suedstadt.example/").unwrap();
    let Parsed::Listing(l) = parse_bytes(
        &fixture("charset/page-windows-1252.html"),
        None,
        Some(&base),
        KindHint::Auto,
    )
    .unwrap() else {
        panic!("not a listing")
    };
    assert_eq!(l.title.as_deref(), Some("Rathaus Südstadt – Aktuelles"));
    assert_eq!(
        l.items[0].teaser.title,
        "Bürgerbüro: „Termine“ jetzt online buchbar"
    );
    assert_eq!(
        l.items[0].teaser.summary.as_deref(),
        Some("Die Stadt führt ein Buchungssystem für Termine ein – der Service kostet 0 €.")
    );
    assert_eq!(l.items.len(), 3);
}

#[test]
fn article_with_a_related_box_is_an_article() {
    let html = page("listing/article-with-related.html");
    let base = Url::parse("https://kommunal-it.example/news/e-akte.html").unwrap();
    // a box of related articles beside an article is no list of teasers of the page …
    assert!(parse_listing(&html, Some(&base)).is_none_or(|l| !is_listing_page(&html, &l)));
    // … and the page is an article
    match parse(&html, Some(&base), KindHint::Auto).unwrap() {
        Parsed::Article(a) => assert_eq!(a.title, "E-Akte in Lindenau: Bilanz nach einem Jahr"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn listing_pages_are_sniffed_as_listings() {
    for (path, url) in [
        ("listing/div-list.html", "https://kommunal-it.example/news/"),
        ("listing/article-cards.html", "https://egov-sued.example/"),
        ("listing/blog-en.html", "https://civic-notes.example/"),
    ] {
        let base = Url::parse(url).unwrap();
        assert!(
            matches!(
                parse(&page(path), Some(&base), KindHint::Auto),
                Ok(Parsed::Listing(_))
            ),
            "{path}"
        );
    }
}

#[test]
fn pages_without_teasers() {
    assert!(parse_listing("<html><body><p>Nur Text.</p></body></html>", None).is_none());
    assert!(parse_listing("", None).is_none());
    let nav_only = r#"<nav><a href="/a">Erster Menüpunkt hier</a><a href="/b">Zweiter Menüpunkt hier</a><a href="/c">Dritter Menüpunkt hier</a></nav>"#;
    assert!(parse_listing(nav_only, None).is_none());
}

#[test]
fn hostile_nesting_neither_overflows_nor_hangs() {
    let depth = 100_000;
    let teaser = r#"<div class="t"><h3><a href="/x/1">Eine Meldung mit Titel</a></h3><p>[01.12.2025]</p></div><div class="t"><h3><a href="/x/2">Noch eine Meldung mit Titel</a></h3></div><div class="t"><h3><a href="/x/3">Die dritte Meldung mit Titel</a></h3></div>"#;
    let html = format!(
        "<html><body>{}{teaser}{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let base = Url::parse("https://tief.example/").unwrap();
    let l = parse_listing(&html, Some(&base)).expect("teasers below the flattened nesting");
    assert_eq!(l.items.len(), 3);
    assert_eq!(
        l.items[0].teaser.url.as_deref(),
        Some("https://tief.example/x/1")
    );
    let spans = format!(
        "{}<a href=\"/y\">Ein Link ganz tief unten</a>",
        "<span><b><i>".repeat(depth / 3)
    );
    let _ = parse(&spans, Some(&base), KindHint::Auto);
    let deep_article = format!(
        "<html><body>{}<h1>Tief</h1><p>Ein Absatz ganz unten.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    match parse(&deep_article, Some(&base), KindHint::Auto) {
        Ok(Parsed::Article(a)) => assert!(a.blocks.iter().any(|b| b.text().contains("ganz unten"))),
        other => panic!("{other:?}"),
    }
}

#[test]
fn inline_links_in_running_text_are_not_teasers() {
    let para = |i: usize| {
        format!(
            "<p>Im Absatz {i} verweist die Redaktion auf <a href=\"/quelle/{i}\">eine frühere Meldung</a> \
             und erklärt ausführlich, warum die Stadt Lindenau ihre Fachverfahren schrittweise \
             an die neue Plattform anbindet und was das für die Beschäftigten bedeutet.</p>"
        )
    };
    let html = format!(
        "<html><head><title>Ein Artikel</title></head><body><h1>Ein Artikel</h1>{}</body></html>",
        (1..=6).map(para).collect::<String>()
    );
    let base = Url::parse("https://lindenau.example/artikel").unwrap();
    assert!(parse_listing(&html, Some(&base)).is_none_or(|l| !is_listing_page(&html, &l)));
    assert!(matches!(
        parse(&html, Some(&base), KindHint::Auto),
        Ok(Parsed::Article(_))
    ));
}

#[test]
fn repeated_identical_link_texts_are_not_teasers() {
    let html = r#"<html><body>
        <div class="c"><a href="/k/1">Kommentare anzeigen 0</a></div>
        <div class="c"><a href="/k/2">Kommentare anzeigen 0</a></div>
        <div class="c"><a href="/k/3">Kommentare anzeigen 0</a></div>
        <div class="c"><a href="/k/4">Kommentare anzeigen 0</a></div>
        </body></html>"#;
    assert!(parse_listing(html, None).is_none());
}

#[test]
fn a_page_declaring_itself_an_article_with_a_teaser_box() {
    let html = r#"<html><head><meta property="og:type" content="article"><title>Bericht</title></head><body>
        <h1>Kreistag tagt digital</h1>
        <div class="text"><p>Der Kreistag von Talheim hat seine erste Sitzung vollständig digital abgehalten, mit Abstimmungen über eine eigene Anwendung.</p>
        <p>Die Opposition lobte die Technik, kritisierte aber die kurze Vorbereitungszeit für die Mitglieder.</p></div>
        <div class="more-news">
          <div class="t"><a href="/a">Abfallkalender 2026 als App verfügbar</a><p>Erinnerungen für alle Tonnen lassen sich pro Straße einstellen.</p></div>
          <div class="t"><a href="/b">Kfz-Zulassung: Online-Termine ab Januar</a><p>Wunschkennzeichen können vorab reserviert werden, heißt es.</p></div>
          <div class="t"><a href="/c">Landrat besucht Digitallabor der Berufsschule</a><p>Schülerinnen zeigten selbst gebaute Sensoren für das Klassenzimmer.</p></div>
        </div></body></html>"#;
    let base = Url::parse("https://talheim.example/bericht").unwrap();
    let l = parse_listing(html, Some(&base)).expect("the box");
    assert_eq!(l.items.len(), 3);
    assert!(!is_listing_page(html, &l));
}

#[test]
fn teasers_whose_only_link_is_weiterlesen() {
    let html = r#"<html><head><title>Amt Seeland</title></head><body>
        <div class="meldung"><h2>Neue Sprechzeiten im Bürgeramt</h2><span>22. Dezember 2025</span>
          <p>Ab Januar öffnet das Bürgeramt donnerstags bis 18 Uhr.</p><a href="/m/3">weiterlesen</a></div>
        <div class="meldung"><h2>Glasfaserausbau in Ostufer beginnt</h2><span>18. Dezember 2025</span>
          <p>Die Bauarbeiten dauern voraussichtlich bis zum Sommer.</p><a href="/m/2">weiterlesen</a></div>
        <div class="meldung"><h2>Haushaltssatzung öffentlich ausgelegt</h2><span>1. Dezember 2025</span>
          <p>Die Unterlagen liegen im Rathaus zur Einsicht aus.</p><a href="/m/1">weiterlesen</a></div>
        </body></html>"#;
    let base = Url::parse("https://seeland.example/").unwrap();
    let l = parse_listing(html, Some(&base)).expect("teasers");
    let src = "Amt Seeland";
    assert_eq!(
        teasers(&l),
        vec![
            t(
                "Neue Sprechzeiten im Bürgeramt",
                "https://seeland.example/m/3",
                Some("2025-12-22"),
                Some("Ab Januar öffnet das Bürgeramt donnerstags bis 18 Uhr."),
                src
            ),
            t(
                "Glasfaserausbau in Ostufer beginnt",
                "https://seeland.example/m/2",
                Some("2025-12-18"),
                Some("Die Bauarbeiten dauern voraussichtlich bis zum Sommer."),
                src
            ),
            t(
                "Haushaltssatzung öffentlich ausgelegt",
                "https://seeland.example/m/1",
                Some("2025-12-01"),
                Some("Die Unterlagen liegen im Rathaus zur Einsicht aus."),
                src
            ),
        ]
    );
    assert!(is_listing_page(html, &l));
}

#[test]
fn short_article_with_dated_related_links_is_an_article() {
    let html = r#"<html><head><title>Kurzmeldung</title></head><body>
        <h1>Rathaus Ostwald schließt am Freitag früher</h1>
        <div class="body">
        <p>Wegen einer Personalversammlung schließt das Rathaus Ostwald am Freitag bereits um 11 Uhr. Das Bürgerbüro ist davon ebenfalls betroffen.</p>
        <p>Termine, die für den Nachmittag vereinbart waren, werden von der Verwaltung telefonisch verlegt. Online-Dienste stehen wie gewohnt zur Verfügung.</p>
        <p>Ab Montag gelten wieder die regulären Öffnungszeiten von 8 bis 16 Uhr, donnerstags bis 18 Uhr.</p>
        </div>
        <ul class="weitere">
          <li><a href="/a">Neue Sprechzeiten im Bürgeramt</a> <span>22.12.2025</span></li>
          <li><a href="/b">Glasfaserausbau in Ostufer beginnt</a> <span>18.12.2025</span></li>
          <li><a href="/c">Haushaltssatzung öffentlich ausgelegt</a> <span>01.12.2025</span></li>
          <li><a href="/d">Winterdienst: Räumpflicht für Gehwege</a> <span>28.11.2025</span></li>
        </ul></body></html>"#;
    let base = Url::parse("https://ostwald.example/kurz").unwrap();
    let l = parse_listing(html, Some(&base)).expect("the related list");
    assert_eq!(l.items.len(), 4);
    assert!(!is_listing_page(html, &l));
}

#[test]
fn whole_cards_as_links() {
    let html = r#"<html><head><title>Digitalradar</title></head><body><div class="grid">
        <a class="tile" href="/r/1"><img src="/1.jpg" alt="Ein Serverraum"><h3>Rechenzentrum zieht nach Talheim</h3><time datetime="2025-12-20">20.12.</time><p>Der kommunale IT-Dienstleister baut ein neues Rechenzentrum.</p></a>
        <a class="tile" href="/r/2"><img src="/2.jpg" alt="Ein Tablet"><h3>Tablets für alle Ratsmitglieder</h3><time datetime="2025-12-19">19.12.</time><p>Sitzungsunterlagen gibt es künftig nur noch digital.</p></a>
        <a class="tile" href="/r/3"><h3>Förderprogramm für smarte Straßenlaternen</h3><time datetime="2025-12-17">17.12.</time><p>Das Land fördert Sensoren, die Verkehr und Luftqualität messen.</p></a>
        </div></body></html>"#;
    let base = Url::parse("https://radar.example/").unwrap();
    let l = parse_listing(html, Some(&base)).expect("teasers");
    let src = "Digitalradar";
    assert_eq!(
        teasers(&l),
        vec![
            t(
                "Rechenzentrum zieht nach Talheim",
                "https://radar.example/r/1",
                Some("2025-12-20"),
                Some("Der kommunale IT-Dienstleister baut ein neues Rechenzentrum."),
                src
            ),
            t(
                "Tablets für alle Ratsmitglieder",
                "https://radar.example/r/2",
                Some("2025-12-19"),
                Some("Sitzungsunterlagen gibt es künftig nur noch digital."),
                src
            ),
            t(
                "Förderprogramm für smarte Straßenlaternen",
                "https://radar.example/r/3",
                Some("2025-12-17"),
                Some("Das Land fördert Sensoren, die Verkehr und Luftqualität messen."),
                src
            ),
        ]
    );
}

#[test]
fn dates_inside_the_link_text() {
    let html = r#"<html><head><title>Gemeinde Birkenau</title></head><body><ul class="aktuelles">
        <li><a href="/a/3">22.12.2025: Winterdienst im Ortskern angepasst</a></li>
        <li><a href="/a/2">18.12.2025 – Neue Rufnummer für das Standesamt</a></li>
        <li><a href="/a/1">[01.12.2025] Bekanntmachung der Haushaltssatzung</a></li>
        </ul></body></html>"#;
    let base = Url::parse("https://birkenau.example/").unwrap();
    let l = parse_listing(html, Some(&base)).expect("teasers");
    let got: Vec<_> = l
        .items
        .iter()
        .map(|i| (i.teaser.title.as_str(), i.teaser.published.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Winterdienst im Ortskern angepasst", Some("2025-12-22")),
            ("Neue Rufnummer für das Standesamt", Some("2025-12-18")),
            ("Bekanntmachung der Haushaltssatzung", Some("2025-12-01")),
        ]
    );
    assert!(is_listing_page(html, &l));
}

// ---------------------------------------------------------------- real-page shapes (issue 13)

/// (kicker, title, url, date) of every teaser.
fn shape(l: &Listing) -> Vec<(Option<String>, String, String, Option<String>)> {
    l.items
        .iter()
        .map(|i| {
            let t = &i.teaser;
            (
                t.kicker.clone(),
                t.title.clone(),
                t.url.clone().unwrap_or_default(),
                t.published.clone(),
            )
        })
        .collect()
}

#[test]
fn a_front_page_gives_every_section_in_page_order_without_chrome() {
    let html = page("listing/front-page.html");
    let base = Url::parse("https://rundschau.example/").unwrap();
    let l = parse_listing(&html, Some(&base)).expect("teasers");
    let u = |p: &str| format!("https://rundschau.example{p}");
    let k = |s: &str| Some(s.to_string());
    assert_eq!(
        shape(&l),
        vec![
            // the lead: the headline, not the picture's credit; the roof line as kicker
            (k("Verkehr"), "Sanierung der Rheinbrücke beginnt im März".into(), u("/politik/brueckensanierung-beginnt"), None),
            // a section: the h6 roof line is the kicker, not the title
            (k("Stadtrat"), "Haushalt mit knapper Mehrheit beschlossen".into(), u("/politik/haushalt-beschlossen"), None),
            // related links printed under a teaser are teasers of their own
            (None, "Vereine kündigen Protest vor dem Rathaus an".into(), u("/politik/vereine-protestieren"), None),
            (None, "Kämmerer Lutz Brenner: „Wir mussten sparen“".into(), u("/politik/kaemmerer-im-interview"), None),
            (k("Bildung"), "Neue Gesamtschule bekommt einen Namen".into(), u("/politik/schulwahl"), None),
            (k("Kreistag"), "Wahlkreise werden neu zugeschnitten".into(), u("/politik/wahlkreis"), None),
            // "Kicker: Headline" in one heading, the kicker in an element of its own
            (k("Kreisliga"), "Derbysieg in letzter Minute".into(), u("/sport/derby-sieg"), Some("2026-02-28T18:40:00+01:00".into())),
            (k("Handball"), "Die Frauen stehen vor dem Aufstieg".into(), u("/sport/handball-aufstieg"), Some("2026-02-27".into())),
            (k("Breitensport"), "Lauftreff sucht neue Strecken am Rhein".into(), u("/sport/lauftreff"), Some("2026-02-25".into())),
        ],
        "left out: the mega menu, section links (\"Mehr Politik\"), the slider repeating the \
         headlines, the ranked most-read box, the voucher box off the site, the sidebar, the footer"
    );
    // the page calls itself an article (og:type) but is a front page
    assert!(is_listing_page(&html, &l));
    assert!(matches!(
        parse(&html, Some(&base), KindHint::Auto),
        Ok(Parsed::Listing(_))
    ));
}

#[test]
fn a_blog_index_of_whole_posts_gives_the_posts_of_main() {
    let html = page("listing/blog-full-posts.html");
    let base = Url::parse("https://kranichsee-segeln.example/").unwrap();
    let l = parse_listing(&html, Some(&base)).expect("teasers");
    let got: Vec<(String, Option<String>)> = l
        .items
        .iter()
        .map(|i| (i.teaser.title.clone(), i.teaser.published.clone()))
        .collect();
    // not the carousel above <main> (five posts, two of them nowhere else), not the sidebar, not
    // links inside the posts, not the comment links; per-post classes such as "category-nav-tipps"
    // make no post navigation
    assert_eq!(
        got,
        vec![
            (
                "Winterlager am Kranichsee".to_string(),
                Some("2014-01-13".to_string())
            ),
            (
                "Ein neues Segel für die Möwe".to_string(),
                Some("2013-12-02".to_string())
            ),
            (
                "Bericht von der Herbstregatta".to_string(),
                Some("2013-11-17".to_string())
            ),
        ]
    );
    // a summary from the post's own text, its links' words included
    let s = l.items[0].teaser.summary.as_deref().unwrap_or("");
    assert!(s.starts_with("Seit gestern liegt die Möwe an Land."), "{s}");
    assert!(s.contains("meldet sich bei unserem Vorstand oder"), "{s}");
    // whole posts are the teasers' own text, not an article's body
    assert!(matches!(
        parse(&html, Some(&base), KindHint::Auto),
        Ok(Parsed::Listing(_))
    ));
}

#[test]
fn a_ticker_takes_the_date_heading_above_its_times() {
    let html = page("listing/ticker.html");
    let base = Url::parse("https://kreisbote-auental.example/ticker/").unwrap();
    let l = parse_listing(&html, Some(&base)).expect("teasers");
    let got: Vec<(&str, Option<&str>)> = l
        .items
        .iter()
        .map(|i| (i.teaser.title.as_str(), i.teaser.published.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Sturm deckt Dach der Turnhalle ab", Some("2026-01-12")),
            (
                "B27 bei Auental wegen Baumsturz gesperrt",
                Some("2026-01-12")
            ),
            ("Feuerwehr rückt zu Kaminbrand aus", Some("2026-01-11")),
            ("Neujahrsempfang mit Rekordbesuch", Some("2026-01-11")),
        ]
    );
}

/// A list of three teasers with the given date lines, in a page of language `lang`.
fn dated_list(lang: &str, head: &str, dates: [&str; 3]) -> String {
    let mut s = format!("<html lang=\"{lang}\"><head><title>Notizie</title>{head}</head><body><div class=\"posts\">");
    for (i, d) in dates.iter().enumerate() {
        s.push_str(&format!(
            "<div class=\"post\"><h2><a href=\"/n/{i}\">Titolo della notizia numero {i}</a></h2><div class=\"meta\">{d}</div><p>Un breve riassunto della notizia per i lettori del sito.</p></div>"
        ));
    }
    s.push_str("</div></body></html>");
    s
}

fn dates_of(html: &str, now: Option<&str>) -> Vec<Option<String>> {
    let base = Url::parse("https://notizie.example/").unwrap();
    let now = now.map(|n| chrono::DateTime::parse_from_rfc3339(n).unwrap());
    let l = blatt::parse::listing::parse_listing_at(html, Some(&base), now).expect("teasers");
    l.items.iter().map(|i| i.teaser.published.clone()).collect()
}

#[test]
fn dates_as_real_pages_write_them() {
    let d = |s: &str| Some(s.to_string());
    // month names in several languages, numeric forms, a date set on lines of its own
    assert_eq!(
        dates_of(
            &dated_list(
                "it",
                "",
                [
                    "aprile 25, 2016 - 5:47 pm",
                    "22 enero, 2016",
                    "17 / февраля / 2016"
                ]
            ),
            None
        ),
        vec![d("2016-04-25"), d("2016-01-22"), d("2016-02-17")]
    );
    assert_eq!(
        dates_of(
            &dated_list(
                "ja",
                "",
                [
                    "2016/3/3",
                    "2016年3月1日",
                    "<span>17</span><br>февраля<br>2016"
                ]
            ),
            None
        ),
        vec![d("2016-03-03"), d("2016-03-01"), d("2016-02-17")]
    );
    // US English numbers are month first; German ones day first
    assert_eq!(
        dates_of(
            &dated_list(
                "en-US",
                "",
                ["3/4/2016", "10/24/16", "Posted on March 4, 2016 by Ana"]
            ),
            None
        ),
        vec![d("2016-03-04"), d("2016-10-24"), d("2016-03-04")]
    );
    assert_eq!(
        dates_of(
            &dated_list("de", "", ["3/4/2016", "22.12.25", "13. Januar 2014"]),
            None
        ),
        vec![d("2016-04-03"), d("2025-12-22"), d("2014-01-13")]
    );
}

#[test]
fn dates_without_a_year_and_relative_ones_need_a_reference() {
    let d = |s: &str| Some(s.to_string());
    let page = dated_list(
        "de",
        "",
        ["vor 3 Stunden", "gestern, 14:30 Uhr", "22. Dez."],
    );
    // without a clock only complete dates are read
    assert_eq!(dates_of(&page, None), vec![None, None, None]);
    // against the fetch time
    assert_eq!(
        dates_of(&page, Some("2026-01-05T12:00:00+01:00")),
        vec![
            d("2026-01-05T09:00:00+01:00"),
            d("2026-01-04"),
            d("2025-12-22")
        ]
    );
    // the page's own date wins over the fetch time
    let dated = dated_list(
        "de",
        "<meta property=\"article:modified_time\" content=\"2019-03-10T08:00:00+01:00\">",
        ["vor 3 Stunden", "gestern", "2. März"],
    );
    assert_eq!(
        dates_of(&dated, Some("2026-01-05T12:00:00+01:00")),
        vec![
            d("2019-03-10T05:00:00+01:00"),
            d("2019-03-09"),
            d("2019-03-02")
        ]
    );
}

#[test]
fn site_wide_boxes_beside_a_dated_list_are_left_out() {
    let mut html = String::from("<html><head><title>Technikwelt</title></head><body><main><section><h3>Aktuelle Beiträge</h3><ul class=\"list\">");
    for i in 0..4 {
        html.push_str(&format!(
            "<li><article><a href=\"/news/{i}\"><figure><figcaption><div class=\"meta\">News <time datetime=\"2018-11-1{i}\">1{i}.11.2018</time></div><p class=\"hl\">Akkuschrauber im Test, Folge {i}: das Ergebnis</p><p>Wir haben die Geräte eine Woche lang im Werkraum ausprobiert und gemessen.</p></figcaption></figure></a></article></li>"
        ));
    }
    // the site-wide boxes: bare headlines, their links styled apart from the list's
    html.push_str("</ul></section><section class=\"col\"><h3>TOP NEWS</h3><ul class=\"list\">");
    for i in 0..6 {
        html.push_str(&format!(
            "<li><article><a class=\"compact\" href=\"/top/{i}\">Schlagzeile aus der ganzen Seite Nummer {i}</a></article></li>"
        ));
    }
    html.push_str(
        "</ul></section><section class=\"col\"><h3>Neue Downloads</h3><ul class=\"list\">",
    );
    for i in 0..6 {
        html.push_str(&format!(
            "<li><article><a class=\"compact\" href=\"/dl/{i}\">Werkzeugverwaltung Version 2.{i} Deutsch</a></article></li>"
        ));
    }
    html.push_str("</ul></section></main></body></html>");
    let base = Url::parse("https://technikwelt.example/tests/").unwrap();
    let l = parse_listing(&html, Some(&base)).expect("teasers");
    let titles: Vec<&str> = l.items.iter().map(|i| i.teaser.title.as_str()).collect();
    // a whole card as one link (inside a figure): its headline line, not the whole card's text
    assert_eq!(
        titles,
        (0..4)
            .map(|i| format!("Akkuschrauber im Test, Folge {i}: das Ergebnis"))
            .collect::<Vec<_>>()
    );
    assert_eq!(l.items[2].teaser.published.as_deref(), Some("2018-11-12"));
}

#[test]
fn a_card_link_holding_headline_author_date_and_reading_time() {
    let mut html = String::from("<html lang=\"en\"><head><title>Notes by Ada Quill</title></head><body><div class=\"main\"><ul class=\"post-list\">");
    for (i, day) in [15, 8, 1].iter().enumerate() {
        html.push_str(&format!(
            "<li><a class=\"post-preview\" href=\"/blog/post-{i}\"><span itemprop=\"headline\">A post about small tools, part {i}</span> &nbsp; <div class=\"details\"><span style=\"display:none\">Ada Quill</span><time datetime=\"December {day}, 2020\">December {day}, 2020</time><div class=\"read-length\">3 minute read</div></div></a></li>"
        ));
    }
    html.push_str("</ul></div></body></html>");
    let base = Url::parse("https://adaquill.example/blog").unwrap();
    let l = parse_listing(&html, Some(&base)).expect("teasers");
    assert_eq!(
        l.items
            .iter()
            .map(|i| (i.teaser.title.as_str(), i.teaser.published.as_deref()))
            .collect::<Vec<_>>(),
        vec![
            ("A post about small tools, part 0", Some("2020-12-15")),
            ("A post about small tools, part 1", Some("2020-12-08")),
            ("A post about small tools, part 2", Some("2020-12-01")),
        ]
    );
}

#[test]
fn short_titles_count_in_a_list_of_headlines_but_menus_do_not() {
    let titles = [
        "How to Start a Reading Circle",
        "Trolls",
        "Why Small Towns Keep Their Libraries",
        "Stuff",
        "The Case for Public Benches",
        "Be Good",
        "What the Harbour Master Knew",
    ];
    let mut html = String::from("<html><head><title>Essays – Ilse Brandt</title></head><body><div class=\"topmenu\"><a href=\"/\">Home</a> <a href=\"/faq\">FAQ</a> <a href=\"/rss\">RSS</a></div><table><tr><td>");
    for (i, t) in titles.iter().enumerate() {
        html.push_str(&format!(
            "<font><a href=\"/e{i}.html\">{t}</a></font><br><br>"
        ));
    }
    html.push_str("</td></tr></table></body></html>");
    let base = Url::parse("https://ilsebrandt.example/essays.html").unwrap();
    let l = parse_listing(&html, Some(&base)).expect("teasers");
    let got: Vec<&str> = l.items.iter().map(|i| i.teaser.title.as_str()).collect();
    assert_eq!(got, titles.to_vec());
}

#[test]
fn links_to_a_section_above_the_teasers_are_no_teasers() {
    let post = |href: &str, title: &str| {
        format!("<div class=\"post\"><h2><a href=\"{href}\">{title}</a></h2><p>Ein kurzer Text über das, was in Lindenhain geschah.</p></div>")
    };
    let html = format!(
        "<html><head><title>Kultur – Lindenhainer Bote</title></head><body><div class=\"posts\">{}{}{}{}{}{}</div></body></html>",
        post("/kultur/theater-premiere", "Premiere im Stadttheater begeistert"),
        // the section itself and the home page, in a teaser's shape
        post("/kultur/", "Alle Meldungen aus der Kultur"),
        post("/kultur/chor-jubilaeum", "Der Kammerchor feiert sein Jubiläum"),
        post("/", "Zur Startseite des Lindenhainer Boten"),
        // a post named by its query stays
        post("/?p=17", "Lesung mit Greta Wendland im Bürgerhaus"),
        post("/kultur/musik/orgelnacht", "Orgelnacht lockt viele Gäste an"),
    );
    let base = Url::parse("https://lindenhainer-bote.example/kultur/").unwrap();
    let l = parse_listing(&html, Some(&base)).expect("teasers");
    let urls: Vec<&str> = l
        .items
        .iter()
        .filter_map(|i| i.teaser.url.as_deref())
        .collect();
    assert_eq!(
        urls,
        vec![
            "https://lindenhainer-bote.example/kultur/theater-premiere",
            "https://lindenhainer-bote.example/kultur/chor-jubilaeum",
            "https://lindenhainer-bote.example/?p=17",
            "https://lindenhainer-bote.example/kultur/musik/orgelnacht",
        ]
    );
}

#[test]
fn a_roof_line_linked_to_a_topic_page_is_part_of_its_teaser() {
    let story = |topic: &str, slug: &str, headline: &str| {
        format!(
            "<li class=\"story\"><h6><a href=\"/thema/{slug}\">{topic}</a></h6><h3><a href=\"/2026/{slug}-bericht\">{headline}</a></h3><p>Was die Gemeinde Tannbach in dieser Woche bewegt hat, kurz erzählt.</p></li>"
        )
    };
    let html = format!(
        "<html><head><title>Tannbacher Tagblatt</title></head><body><ul class=\"stories\">{}{}{}{}</ul></body></html>",
        story("Waldbrand", "waldbrand", "Feuerwehr hält den Brand am Kahlenberg in Schach"),
        story("Gemeinderat", "gemeinderat", "Neues Baugebiet am Mühlbach genehmigt"),
        story("Bürgermeisterin Olga Fenn", "fenn", "Olga Fenn tritt nicht mehr an"),
        story("Schule", "schule", "Grundschule bekommt eine Mensa"),
    );
    let base = Url::parse("https://tannbacher-tagblatt.example/").unwrap();
    let l = parse_listing(&html, Some(&base)).expect("teasers");
    let got: Vec<(Option<&str>, &str)> = l
        .items
        .iter()
        .map(|i| (i.teaser.kicker.as_deref(), i.teaser.title.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                Some("Waldbrand"),
                "Feuerwehr hält den Brand am Kahlenberg in Schach"
            ),
            (Some("Gemeinderat"), "Neues Baugebiet am Mühlbach genehmigt"),
            (
                Some("Bürgermeisterin Olga Fenn"),
                "Olga Fenn tritt nicht mehr an"
            ),
            (Some("Schule"), "Grundschule bekommt eine Mensa"),
        ]
    );
}

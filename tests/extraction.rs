//! Reader-mode extraction on our own pages in the shapes of German and English news sites:
//! metadata in every supported form, boilerplate that must not leak, body text that must be whole.

use blatt::document::{Article, Block, MarkStyle};
use blatt::parse::article::{extract, reader};
use url::Url;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/articles/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str, url: &str) -> Article {
    let url = Url::parse(url).expect("url");
    reader(&fixture(name), Some(&url))
}

/// Lead and all block texts, as a reader sees them.
fn all_text(a: &Article) -> String {
    let mut s = a.lead.clone().unwrap_or_default();
    for b in &a.blocks {
        s.push('\n');
        s.push_str(&b.text());
    }
    s
}

fn assert_absent(a: &Article, needles: &[&str]) {
    let t = all_text(a);
    for n in needles {
        assert!(!t.contains(n), "leaked {n:?} into:\n{t}");
    }
}

/// Every needle appears, in this order.
fn assert_in_order(a: &Article, needles: &[&str]) {
    let t = all_text(a);
    let mut from = 0;
    for n in needles {
        match t[from..].find(n) {
            Some(p) => from += p + n.len(),
            None => panic!("missing or out of order {n:?} in:\n{t}"),
        }
    }
}

fn paragraph_starting<'a>(a: &'a Article, start: &str) -> &'a Block {
    a.blocks
        .iter()
        .find(|b| b.text().starts_with(start))
        .unwrap_or_else(|| panic!("no block starts with {start:?}: {:#?}", a.blocks))
}

#[test]
fn german_news_page_kicker_bracket_date_credit_and_no_teaser_list() {
    let a = read(
        "kommune-meldung.html",
        "https://kommunal.example.de/meldungen/index.php?id=4711",
    );
    assert_eq!(a.title, "Bürgeramt geht online");
    assert_eq!(a.kicker.as_deref(), Some("Nordheim"));
    assert_eq!(a.published.as_deref(), Some("2026-03-12"));
    assert_eq!(
        a.lead.as_deref(),
        Some("Die Stadt Nordheim bietet ab sofort zwanzig Verwaltungsleistungen vollständig digital an. Termine im Bürgeramt sollen damit seltener nötig werden.")
    );
    assert_eq!(a.byline.as_deref(), Some("Anna Beispiel"));
    assert_eq!(a.source.as_deref(), Some("Kommunal-Digital Magazin"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://kommunal.example.de/meldungen/nordheim-buergeramt-digital.html")
    );
    // the lead is not repeated as the first block, the title not as a heading
    assert!(!a.blocks[0].text().contains("zwanzig Verwaltungsleistungen"));
    assert!(!a
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Heading { text, .. } if text == "Bürgeramt geht online")));
    assert_in_order(
        &a,
        &[
            "Wer in Nordheim einen Anwohnerparkausweis",
            "viertausend Mal am Schalter",
            "Schrittweise zum digitalen Rathaus",
            "Basisdienste des Landes",
            "Bis zum Jahresende sollen weitere Leistungen folgen:",
            "die Reservierung von Trauterminen.",
            "in die nächste Ausbaustufe ein.",
        ],
    );
    // the image keeps its caption with the credit
    assert!(a.blocks.iter().any(|b| matches!(b,
        Block::Image { caption: Some(c), .. } if c.contains("laufen die neuen Dienste zusammen") && c.contains("Foto: Stadt Nordheim"))));
    assert!(a
        .blocks
        .iter()
        .any(|b| matches!(b, Block::List { items, .. } if items.len() == 3)));
    assert_absent(
        &a,
        &[
            "Cookies",
            "Startseite",
            "Infrastruktur",
            "Teilen auf X",
            "Weitere Meldungen",
            "Südstadt",
            "Ratsinformationssystem",
            "Newsletter",
            "Anzeige",
            "Impressum",
            "Von Anna Beispiel",
        ],
    );
}

#[test]
fn german_interview_bold_labels_survive_and_comments_do_not_leak() {
    let a = read(
        "interview-de.html",
        "https://verwaltung-aktuell.example.de/interviews/plattformen",
    );
    assert_eq!(
        a.title,
        "„Ohne gemeinsame Standards bleibt jede Kommune allein“"
    );
    assert_eq!(a.kicker.as_deref(), Some("Interview"));
    assert_eq!(a.published.as_deref(), Some("2026-02-20T09:15:00+01:00"));
    assert_eq!(a.byline.as_deref(), Some("Lena Sommer"));
    assert!(a
        .lead
        .as_deref()
        .is_some_and(|l| l.starts_with("Die Stadtwerke Musterstadt")
            && l.contains("Anna Beispiel und Jonas Probst")));
    let first = paragraph_starting(&a, "Anna Beispiel:");
    let m = &first.marks()[0];
    assert_eq!(m.style, MarkStyle::Bold);
    assert_eq!(&first.text()[m.start..m.end], "Anna Beispiel:");
    let q = paragraph_starting(&a, "Frau Beispiel, Herr Probst");
    assert_eq!(q.marks().len(), 1);
    assert_eq!(q.marks()[0].style, MarkStyle::Bold);
    assert_eq!(
        q.marks()[0].end,
        q.text().len(),
        "the whole question is bold"
    );
    assert!(a.blocks.iter().any(
        |b| matches!(b, Block::Quote { text, .. } if text == "„Ohne gemeinsame Standards bleibt jede Kommune allein.“")
    ));
    assert_in_order(
        &a,
        &[
            "was hat sich seit dem Start verändert?",
            "Hausanschlüsse",
            "Bei uns war es umgekehrt.",
            "Wo hakt es noch?",
            "Bei den Schnittstellen.",
            "verbindliche Standards vorgibt.",
            "Was raten Sie Kommunen",
            "im Haus niemand verteidigt.",
        ],
    );
    assert_absent(
        &a,
        &[
            "Kommentare",
            "Landkreis auch",
            "Bauanträge",
            "Twittern",
            "Schlagworte",
            "Dossiers",
            "Von Lena Sommer",
            "20.02.2026",
            "Impressum",
        ],
    );
    // the full pipeline keeps every turn's text (recognition may turn paragraphs into turns)
    let url = Url::parse("https://verwaltung-aktuell.example.de/interviews/plattformen").unwrap();
    let full = extract(&fixture("interview-de.html"), Some(&url));
    assert_in_order(
        &full,
        &[
            "Hausanschlüsse",
            "Bei uns war es umgekehrt.",
            "niemand verteidigt.",
        ],
    );
}

#[test]
fn english_news_meta_tags_standfirst_and_widgets() {
    let a = read(
        "english-news.html",
        "https://news.example.com/local/2026/04/river-crossing?utm_source=feed",
    );
    assert_eq!(a.title, "Council backs river crossing plan");
    assert_eq!(a.kicker.as_deref(), Some("Local politics"));
    assert_eq!(a.published.as_deref(), Some("2026-04-02T07:30:00+00:00"));
    assert_eq!(a.byline.as_deref(), Some("Jane Doe"));
    assert_eq!(
        a.lead.as_deref(),
        Some("A new footbridge over the Wend could open by 2028 after a decisive vote on Tuesday night.")
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://news.example.com/local/2026/04/river-crossing")
    );
    assert_eq!(a.source.as_deref(), Some("The Daily Example"));
    assert_in_order(
        &a,
        &[
            "Councillors in Wendbury voted 31 to 9",
            "around £14 million",
            "said council leader Priya Raman",
            "What happens next",
            "Public consultation on the final design in May",
            "answer questions on Saturdays.",
        ],
    );
    assert!(a
        .blocks
        .iter()
        .any(|b| matches!(b, Block::List { ordered: true, items } if items.len() == 3)));
    assert_absent(
        &a,
        &[
            "privacy",
            "Weather",
            "Advertisement",
            "Bridge row splits",
            "Related",
            "Share on",
            "morning briefing",
            "More from Local",
            "Library hours",
            "About time!",
            "Post comment",
            "All rights reserved",
            "Local Affairs Reporter",
        ],
    );
}

#[test]
fn english_blog_time_element_rel_author_description_lead_and_title_suffix() {
    let a = read(
        "english-blog.html",
        "https://fieldnotes.example.org/2026/01/plain-text",
    );
    assert_eq!(a.title, "Why our team moved to plain text notes");
    assert_eq!(a.published.as_deref(), Some("2026-01-15T18:00:00+00:00"));
    assert_eq!(a.byline.as_deref(), Some("Sam Carter"));
    // the description matches the first paragraph: that paragraph is the lead, once
    assert!(a
        .lead
        .as_deref()
        .is_some_and(|l| l.starts_with("For three years our team")));
    assert!(!a.blocks[0].text().starts_with("For three years"));
    assert!(a
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Pre { text } if text.contains("for f in export/*.md; do"))));
    assert!(a.blocks.iter().any(|b| matches!(b,
        Block::Quote { text, cite: Some(c) } if text == "The best tool is the one that gets out of the way." && c.starts_with("a colleague"))));
    assert_in_order(
        &a,
        &[
            "The wiki was not bad.",
            "What we did",
            "fixed the links with a short script",
            "notes became part of code review",
            "What we lost",
            "a local preview tool covers most of that.",
        ],
    );
    assert_absent(
        &a,
        &[
            "Skip to content",
            "Archive",
            "Tags:",
            "two cats",
            "Older post",
            "Powered by",
        ],
    );
}

#[test]
fn german_report_visible_date_author_box_topline_and_mehr_zum_thema() {
    let a = read(
        "kreis-bericht.html",
        "https://ostmark-kurier.example.de/region/glasfaser-schulen",
    );
    assert_eq!(a.title, "Glasfaser für 40 Schulen");
    assert_eq!(a.kicker.as_deref(), Some("Breitbandausbau"));
    assert_eq!(a.published.as_deref(), Some("2026-02-03"));
    assert_eq!(a.byline.as_deref(), Some("Jonas Probst"));
    assert_eq!(a.source.as_deref(), Some("Ostmark-Kurier"));
    assert_in_order(
        &a,
        &[
            "Der Kreis Ostmark schließt bis zum Sommer",
            "rund 6,2 Millionen Euro",
            "Was die Schulen erwarten",
            "Petra Krüger aus Altdorf",
            "bis Ende des Jahres abgerufen werden müssen.",
        ],
    );
    assert_absent(
        &a,
        &[
            "Cookies",
            "Wirtschaft",
            "Veröffentlicht am",
            "Mehr zum Thema",
            "Digitalpakt: Eine Bilanz",
            "auch interessieren",
            "Buslinien",
            "Kita-Plätze",
            "Impressum",
        ],
    );
}

#[test]
fn title_from_title_element_without_site_name() {
    let page = "<html><head><title>Neue Bürgerdienste – Magazin</title></head><body>\
        <div class=\"text\"><p>Die Gemeinde Altdorf hat ihr Serviceportal erneuert, und die Bürger können nun, \
        wie angekündigt, rund um die Uhr Anträge stellen.</p></div></body></html>";
    let a = reader(page, None);
    assert_eq!(a.title, "Neue Bürgerdienste");
    assert!(all_text(&a).contains("rund um die Uhr Anträge stellen"));
}

#[test]
fn json_ld_article_body_when_the_page_shows_too_little() {
    let body = "Der Zweckverband hat die Ausschreibung für das neue Rechenzentrum gewonnen, \
        und zwar mit deutlichem Abstand vor zwei privaten Anbietern.\n\
        Die Verbandsversammlung muss dem Ergebnis noch zustimmen, was aber als sicher gilt. \
        Der Betrieb soll im Herbst beginnen, zunächst mit den Fachverfahren der Mitgliedskommunen.\n\
        Für die Beschäftigten ändert sich, so der Verbandsvorsitzende, zunächst wenig, denn der Umzug \
        der Systeme erfolgt schrittweise und außerhalb der Öffnungszeiten.";
    let page = format!(
        r#"<html><head><script type="application/ld+json">
        {{"@context":"https://schema.org","@type":"NewsArticle","headline":"Rechenzentrum vergeben",
          "datePublished":"2026-05-04","author":[{{"@type":"Person","name":"Anna Beispiel"}}],
          "articleBody":{}}}</script></head>
        <body><div id="app"><h1>Rechenzentrum vergeben</h1><p>Bitte aktivieren Sie JavaScript.</p></div></body></html>"#,
        serde_json::to_string(body).unwrap()
    );
    let a = reader(&page, None);
    assert_eq!(a.title, "Rechenzentrum vergeben");
    assert_eq!(a.published.as_deref(), Some("2026-05-04"));
    assert_eq!(a.byline.as_deref(), Some("Anna Beispiel"));
    assert_eq!(a.blocks.len(), 3, "{:#?}", a.blocks);
    assert!(a.blocks[2]
        .text()
        .ends_with("außerhalb der Öffnungszeiten."));
    assert_absent(&a, &["JavaScript"]);
}

#[test]
fn visible_english_date_and_by_line_in_the_body() {
    let page = "<html><body><div class=\"entry\">\
        <h1>Harbour cleanup draws record crowd</h1>\
        <p class=\"date\">Published March 5, 2026</p>\
        <p>By Tom Example</p>\
        <p>More than four hundred volunteers turned up on Saturday morning to clear litter from the harbour, \
        the largest turnout since the event began, organisers said.</p>\
        <p>Bags of rubbish, two shopping trolleys and an old bicycle were pulled from the water, and the council \
        has promised, once again, to install more bins along the promenade.</p></div></body></html>";
    let a = reader(page, None);
    assert_eq!(a.title, "Harbour cleanup draws record crowd");
    assert_eq!(a.published.as_deref(), Some("2026-03-05"));
    assert_eq!(a.byline.as_deref(), Some("Tom Example"));
    assert!(a.blocks[0]
        .text()
        .starts_with("More than four hundred volunteers"));
    assert_absent(&a, &["Published March", "By Tom"]);
}

#[test]
fn itemprop_date_and_german_visible_forms() {
    let page = "<html><body><article>\
        <h1>Haushalt beschlossen</h1>\
        <span itemprop=\"datePublished\" content=\"2026-06-30T12:00:00+02:00\">30. Juni 2026</span>\
        <p>Der Stadtrat von Altdorf hat den Haushalt für das kommende Jahr beschlossen, mit großer Mehrheit \
        und nach einer langen, aber sachlichen Debatte.</p></article></body></html>";
    let a = reader(page, None);
    assert_eq!(a.published.as_deref(), Some("2026-06-30T12:00:00+02:00"));
}

#[test]
fn malformed_and_hostile_pages_do_not_panic() {
    let deep = format!(
        "<html><body>{}<p>tief unten</p>{}</body></html>",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    let a = reader(&deep, None);
    assert!(all_text(&a).contains("tief unten"));
    let deep_inline = format!("<p>{}x", "<b><i>".repeat(10_000));
    let _ = reader(&deep_inline, None);
    for page in [
        "",
        "<",
        "<html><body></body></html>",
        "\u{0}\u{1}<p>\u{a0}\u{a0}</p><strong>\u{a0}</strong>",
        "<p>unclosed <b>bold <i>and italic<p>next <a href='::'>link",
        "<table><tr><td>cell<td><p>para</table></td></tr>",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":</script>",
        "<h1><span class=\"kicker\"></span></h1><time datetime=\"not a date\">x</time>",
    ] {
        let a = extract(page, None);
        assert!(a.blocks.iter().all(|b| !b.text().is_empty()), "{page:?}");
    }
}

#[test]
fn a_kicker_paragraph_above_the_title_is_metadata_not_a_block() {
    let page = r#"<html><head><title>Neue Wege – Magazin</title></head><body><article>
        <p class="kicker">Verwaltung</p><h1>Neue Wege im Bürgeramt von Tannhövel</h1>
        <p class="lead">[03.11.2026] Das Bürgeramt arbeitet seit dem Frühjahr nur noch mit Terminen.</p>
        <p>Wer kommt, hat einen Termin: gebucht online, am Telefon oder am Tablet im Eingang des Amtes.</p>
        <p>Die Wartezeit sank nach Angaben der Gemeinde von vierzig auf sieben Minuten im Mittel.</p>
        </article></body></html>"#;
    let a = blatt::parse::article::extract(page, None);
    assert_eq!(a.kicker.as_deref(), Some("Verwaltung"));
    assert_eq!(a.published.as_deref(), Some("2026-11-03"));
    assert!(
        a.blocks.iter().all(|b| b.text() != "Verwaltung"),
        "{:#?}",
        a.blocks
    );
    assert!(
        a.blocks[0].text().starts_with("Wer kommt"),
        "{:#?}",
        a.blocks
    );
}

/// A blog post whose theme lists other posts' teasers as `<article>` elements inside the post's own
/// `<article>`: the excerpts (cut with "…", "..." or a "Weiterlesen" link) stay out, the post is whole.
#[test]
fn teaser_articles_nested_in_the_article_stay_out() {
    let a = read(
        "blog-nested-teasers.html",
        "https://tannhoevel.example/2026/10/bauhof-tablets",
    );
    assert_in_order(
        &a,
        &[
            "Seit dem Frühjahr fahren",
            "Der Anlass war unspektakulär",
            "Vorarbeiter Konrad Lüttges",
            "Winterdienst umsteigen",
        ],
    );
    assert_absent(
        &a,
        &["Freibad", "Gemeinderats im Netz", "E-Books", "Weiterlesen"],
    );
}

/// A live ticker whose entries are `<article>` elements inside the ticker's `<article>`: entries are
/// not teasers (they end as sentences do), so every one of them stays, in page order.
#[test]
fn live_ticker_entries_nested_in_the_article_stay() {
    let a = read(
        "liveticker-nested-entries.html",
        "https://marlenbrueck.example/politik/ticker-haushalt",
    );
    assert_in_order(
        &a,
        &[
            "Die Sitzung ist geschlossen",
            "Landrätin Greta Osterhues",
            "Die Opposition beantragt",
            "Kreiskämmerer Jost Wellbrock",
        ],
    );
}

#[test]
fn a_lead_repeated_as_the_first_paragraph_is_kept_once() {
    let a = read(
        "interview-lead-repeated.html",
        "https://amtsblatt.example/interviews/akten-ohne-papier",
    );
    assert_eq!(a.title, "Akten ohne Papier im Kreis Tannhövel");
    assert_eq!(a.kicker.as_deref(), Some("Interview"));
    assert_eq!(a.source.as_deref(), Some("Amtsblatt Digital"));
    assert_eq!(a.published.as_deref(), Some("2026-03-14"));
    assert!(a
        .lead
        .as_deref()
        .is_some_and(|l| l.starts_with("Das Unternehmen Rechenwerk Nord")));
    let t = all_text(&a);
    assert_eq!(
        t.matches("Rechenwerk Nord hat für den Kreis").count(),
        1,
        "{t}"
    );
    assert!(a.blocks[0]
        .text()
        .starts_with("Frau Holtkamp, Herr Asmussen"));
    assert_in_order(
        &a,
        &[
            "Kreishaus?",
            "Einer, und der ist leer.",
            "nicht die Software.",
        ],
    );
    assert_absent(&a, &["Weitere Meldungen", "Serviceportal", "Impressum"]);
    // interview recognition keeps the one lead and the questions
    let i = extract(
        &fixture("interview-lead-repeated.html"),
        Some(&Url::parse("https://amtsblatt.example/i").unwrap()),
    );
    let it = all_text(&i);
    assert_eq!(
        it.matches("Rechenwerk Nord hat für den Kreis").count(),
        1,
        "{it}"
    );
}

#[test]
fn cards_under_an_empty_overlay_link_and_a_pointer_line_leave_the_article() {
    let a = read(
        "overlay-link-cards.html",
        "https://wiesenbote.example/artikel/faehre",
    );
    assert_eq!(a.title, "Neue Fähre über die Lemmer ab Mai");
    assert_in_order(
        &a,
        &[
            "Zwischen Osterbrak und Kallhusen",
            "Umweg von elf Kilometern",
            // a heading's empty anchor does not make it a link
            "Fahrplan und Preise",
            "Kinder unter zwölf Jahren fahren umsonst.",
            "die Kosten für den Schein übernimmt der Kreis.",
        ],
    );
    assert_absent(
        &a,
        &[
            "Viel gelesen",
            // a one-line pointer to elsewhere at the end
            "Alles über die Fährzeiten",
            "Schützenfest",
            "Bäckerei schließt",
            "Radweg am Deich",
            "Storchennest",
        ],
    );
}

#[test]
fn text_blocks_in_rows_of_a_page_builder_are_read_whole() {
    let a = read(
        "page-builder-rows.html",
        "https://werkbank.example/ratgeber/dienstrad",
    );
    assert_in_order(
        &a,
        &[
            "Die Tischlerei Brammeier in Osterbrak",
            "Ein Dienstwagen kostet",
            "Was das Finanzamt sagt",
            "im Anlagenverzeichnis stehen.",
            "bevor ein Betrieb seine Flotte ganz umstellt.",
        ],
    );
    assert_absent(&a, &["Impressum", "Kontakt"]);
}

//! Hand-built documents for the TUI tests (our own text; fictional towns and people).
#![allow(dead_code)]

use blatt::app::{update, Effect, Msg, State};
use blatt::document::*;
use blatt::ui::{self, Theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;
use unicode_width::UnicodeWidthStr;

/// One frame of the view on ratatui's TestBackend, at the state's size.
pub fn render_with(s: &State, theme: &Theme) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(s.width, s.height)).expect("test terminal");
    t.draw(|f| ui::view(s, theme, f)).expect("draw");
    t.backend().buffer().clone()
}

/// Row `y` from column `x0` to `x1` (exclusive) as text: a wide character once, its hidden
/// continuation cells skipped.
pub fn span(buf: &Buffer, y: u16, x0: u16, x1: u16) -> String {
    let mut s = String::new();
    let mut skip = 0;
    for x in x0..x1 {
        let sym = buf[(x, y)].symbol();
        if skip > 0 {
            skip -= 1;
            continue;
        }
        skip = sym.width().saturating_sub(1);
        s.push_str(sym);
    }
    s
}

/// Row `y` as text.
pub fn row(buf: &Buffer, y: u16) -> String {
    span(buf, y, 0, buf.area.width)
}

/// The screen as text, one line per row (wide characters counted once), trailing spaces cut.
pub fn text(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row(buf, y).trim_end().to_string() + "\n")
        .collect()
}

/// The (column, row) where `needle` starts on screen, searching rows top to bottom.
pub fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    (0..buf.area.height).find_map(|y| {
        let r = row(buf, y);
        r.find(needle).map(|i| (r[..i].width() as u16, y))
    })
}

pub fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

pub fn code(k: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(k, KeyModifiers::NONE))
}

pub fn press(s: &mut State, keys: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in keys.chars() {
        fx.extend(update(s, key(c)));
    }
    fx
}

pub fn bold(text: &str, word: &str) -> Vec<Mark> {
    let start = text.find(word).expect("word in text");
    vec![Mark {
        start,
        end: start + word.len(),
        style: MarkStyle::Bold,
        href: None,
    }]
}

/// An interview with two interviewees, an interviewer, a pull quote, marks and a two-paragraph turn.
pub fn interview() -> Article {
    let q1 = "Frau Lindqvist, Herr Okafor, was hat sich seit dem Start der Bürger-App in Lindenau verändert?";
    let a1 = "Wir haben zuerst die Anträge digitalisiert, die am häufigsten gestellt werden: Anwohnerparken, Sperrmüll und die Meldebescheinigung. Das hat die Schlangen im Bürgeramt spürbar kürzer gemacht.\n\nInzwischen kommen gut vierzig Prozent der Anträge über die App, am Wochenende sogar mehr.";
    let a2 = "Im Kreis Oberhagen war es umgekehrt. Wir haben mit den internen Abläufen angefangen, weil ein schönes Formular nichts nützt, wenn dahinter wieder ausgedruckt wird.";
    let q2 = "Was war der schwierigste Teil?";
    let a3 = "Ehrlich gesagt die Schnittstellen zu den Fachverfahren. Jeder Hersteller hat sein eigenes Format, und ohne gemeinsame Standards bleibt jede Kommune allein.";
    let a4 = "Dem stimme ich zu. Wir haben deshalb einen kleinen Verbund gegründet, der die Anforderungen gemeinsam beschreibt und sie den Herstellern vorlegt.";
    let q3 = "Was raten Sie einer Gemeinde, die jetzt erst anfängt?";
    let a5 = "Klein anfangen, aber richtig: ein Verfahren vollständig digital, vom Antrag bis zum Bescheid. Danach das nächste.";
    let a6 = "Und die Beschäftigten früh einbinden. Die wissen am besten, wo es heute hakt.";
    let mut blocks = vec![
        Block::Question {
            speaker: Some("Redaktion".into()),
            text: q1.into(),
            marks: vec![],
        },
        Block::Answer {
            speaker: "Mira Lindqvist".into(),
            text: a1.into(),
            marks: bold(a1, "Anwohnerparken"),
        },
        Block::Answer {
            speaker: "Tobias Okafor".into(),
            text: a2.into(),
            marks: vec![],
        },
        Block::Quote {
            text: "„Ohne gemeinsame Standards bleibt jede Kommune allein.“".into(),
            cite: None,
        },
        Block::Question {
            speaker: Some("Redaktion".into()),
            text: q2.into(),
            marks: vec![],
        },
        Block::Answer {
            speaker: "Mira Lindqvist".into(),
            text: a3.into(),
            marks: vec![],
        },
        Block::Answer {
            speaker: "Tobias Okafor".into(),
            text: a4.into(),
            marks: vec![],
        },
        Block::Question {
            speaker: Some("Redaktion".into()),
            text: q3.into(),
            marks: vec![],
        },
        Block::Answer {
            speaker: "Mira Lindqvist".into(),
            text: a5.into(),
            marks: vec![],
        },
        Block::Answer {
            speaker: "Tobias Okafor".into(),
            text: a6.into(),
            marks: vec![],
        },
    ];
    // a few more turns so the article is longer than a screen
    for i in 0..4 {
        blocks.push(Block::Question {
            speaker: Some("Redaktion".into()),
            text: format!("Nachfrage {}: Wie geht es im nächsten Jahr weiter?", i + 1),
            marks: vec![],
        });
        blocks.push(Block::Answer {
            speaker: if i % 2 == 0 { "Mira Lindqvist" } else { "Tobias Okafor" }.into(),
            text: "Wir wollen die Zahl der Verfahren verdoppeln und die Wartezeiten halbieren. Das ist ehrgeizig, aber die ersten Monate haben gezeigt, dass es geht.".into(),
            marks: vec![],
        });
    }
    Article {
        title: "Digitale Bürgerdienste: Zwei Kommunen, zwei Wege".into(),
        url: Some("https://lindenau.example/interview.html".into()),
        published: Some("2026-03-12".into()),
        byline: Some("Redaktion Stadtnetz".into()),
        lead: Some("Die Stadt Lindenau und der Kreis Oberhagen haben ihre Bürgerdienste digitalisiert – auf sehr verschiedene Weise. Wir sprachen mit Mira Lindqvist und Tobias Okafor.".into()),
        kicker: Some("Interview".into()),
        source: Some("Stadtnetz".into()),
        kind: Kind::Interview,
        speakers: vec![
            Speaker {
                name: "Mira Lindqvist".into(),
                role: Role::Interviewee,
                labels: vec!["Mira Lindqvist".into(), "Lindqvist".into()],
            },
            Speaker {
                name: "Tobias Okafor".into(),
                role: Role::Interviewee,
                labels: vec!["Tobias Okafor".into(), "Okafor".into()],
            },
            Speaker {
                name: "Redaktion".into(),
                role: Role::Interviewer,
                labels: vec![],
            },
        ],
        blocks,
    }
}

/// An ordinary report, long enough to scroll.
pub fn report() -> Article {
    let mut blocks = vec![Block::Heading {
        level: 2,
        text: "Fazit: mehr Glasfaser".into(),
    }];
    for i in 0..30 {
        blocks.push(Block::paragraph(format!(
            "Absatz {}: Der Gemeinderat von Köln-Nord beschloss um 18:30 Uhr, die Glasfaserleitungen bis zum Sommer in alle Ortsteile zu legen. „Wir halten den Zeitplan“, sagte die Bürgermeisterin.",
            i + 1
        )));
    }
    Article {
        title: "Köln-Nord: Glasfaser für alle Ortsteile".into(),
        url: Some("https://lindenau.example/glasfaser.html".into()),
        published: Some("2026-03-10".into()),
        byline: Some("Petra Feld".into()),
        lead: Some("Der Ausbau kommt schneller als geplant.".into()),
        kind: Kind::Article,
        blocks,
        ..Article::default()
    }
}

pub fn item(a: Article) -> Item {
    Item {
        teaser: Teaser {
            title: a.title.clone(),
            url: a.url.clone(),
            published: a.published.clone(),
            summary: a.lead.clone(),
            source: Some("Stadtnetz".into()),
            kind: None,
            kicker: None,
        },
        guid: None,
        full_text: None,
        article: Some(a),
    }
}

/// A teaser without a body (its page must be loaded).
pub fn bare_teaser(title: &str, url: &str) -> Item {
    Item {
        teaser: Teaser {
            title: title.into(),
            url: Some(url.into()),
            published: Some("2026-03-09".into()),
            summary: Some("Eine kurze Zusammenfassung ohne Volltext.".into()),
            source: None,
            kind: None,
            kicker: None,
        },
        guid: None,
        full_text: None,
        article: None,
    }
}

pub fn listing(title: &str, items: Vec<Item>) -> Parsed {
    Parsed::Feed(Listing {
        title: Some(title.into()),
        feeds: vec![],
        via: None,
        items,
    })
}

/// A reader over one loaded feed: [report, interview, bare teaser, CJK-titled report].
pub fn loaded_state(width: u16, height: u16) -> State {
    let mut s = State::new(&["feed.xml".to_string()], Default::default(), width, height);
    let fx = s.start();
    let Effect::LoadSource { request_id, .. } = fx[0].clone() else {
        panic!("first effect loads the source: {fx:?}")
    };
    let mut cjk = report();
    cjk.title = "東京の電子政府 🚀 Tōkyō digital: 行政サービスの未来".into();
    cjk.url = Some("https://lindenau.example/tokyo.html".into());
    let fx = update(
        &mut s,
        Msg::SourceLoaded {
            source_id: 0,
            request_id,
            result: Ok(listing(
                "Stadtnetz",
                vec![
                    item(report()),
                    item(interview()),
                    bare_teaser(
                        "Neue Bibliothek in Oberhagen",
                        "https://lindenau.example/bib.html",
                    ),
                    item(cjk),
                ],
            )),
        },
    );
    assert!(fx.is_empty(), "the first teaser has its article: {fx:?}");
    s
}

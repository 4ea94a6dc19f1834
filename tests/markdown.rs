//! An article as Markdown: every demo article's Markdown, read back with a CommonMark parser
//! (pulldown-cmark), has the same title, headings, turns, questions, quotes, list items and
//! paragraphs; text that looks like Markdown stays text; `blatt read --format markdown` on the real
//! binary; saving never overwrites.

use blatt::document::{Article, Block, Mark, MarkStyle};
use blatt::markdown::article_markdown;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// White space runs as one space, trimmed, soft hyphens kept (both sides keep them).
fn norm(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a Markdown document reads back as.
#[derive(Debug, Default, PartialEq)]
struct Read {
    title: Vec<String>,
    headings: Vec<String>,
    /// (speaker, first paragraph of the turn)
    turns: Vec<(String, String)>,
    questions: Vec<String>,
    quotes: Vec<String>,
    items: Vec<String>,
    images: Vec<(String, String)>,
    paragraphs: Vec<String>,
    code: Vec<String>,
}

/// `dialogue`: an interview's Markdown, where a paragraph opening with `**Name:**` is a turn and a
/// paragraph bold as a whole a question; elsewhere both are paragraphs.
fn read_back(md: &str, dialogue: bool) -> Read {
    let mut r = Read::default();
    let mut text = String::new();
    // inside: heading level, quote depth, list depth, image
    let mut heading: Option<pulldown_cmark::HeadingLevel> = None;
    let mut quote = 0;
    let mut list = 0;
    let mut image: Option<String> = None;
    // paragraph structure: the text inside a leading strong, whether all of it was strong
    let mut strong_depth = 0;
    let mut lead_strong: Option<String> = None;
    let mut strong_first = false;
    let mut outside_strong = false;
    let mut in_code = false;
    for ev in Parser::new(md) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(level);
                text.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                let t = norm(&text);
                if heading == Some(pulldown_cmark::HeadingLevel::H1) {
                    r.title.push(t);
                } else {
                    r.headings.push(t);
                }
                heading = None;
            }
            Event::Start(Tag::BlockQuote(_)) => {
                quote += 1;
                text.clear();
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                quote -= 1;
                r.quotes.push(norm(&text));
                text.clear();
            }
            Event::Start(Tag::List(_)) => list += 1,
            Event::End(TagEnd::List(_)) => list -= 1,
            Event::Start(Tag::Item) => text.clear(),
            Event::End(TagEnd::Item) => r.items.push(norm(&text)),
            Event::Start(Tag::Paragraph) => {
                if quote == 0 && list == 0 {
                    text.clear();
                }
                lead_strong = None;
                strong_first = false;
                outside_strong = false;
            }
            Event::End(TagEnd::Paragraph) => {
                if quote > 0 || list > 0 {
                    text.push('\n');
                    continue;
                }
                let all = norm(&text);
                match (&lead_strong, outside_strong) {
                    _ if !dialogue => r.paragraphs.push(all),
                    (Some(s), false) if strong_first => r.questions.push(norm(s)),
                    (Some(s), true) if strong_first && s.ends_with(':') => {
                        let name = norm(s.trim_end_matches(':'));
                        let rest = norm(&all[norm(s).len()..]);
                        r.turns.push((name, rest));
                    }
                    _ => r.paragraphs.push(all),
                }
            }
            Event::Start(Tag::Strong) => {
                if strong_depth == 0 && text.trim().is_empty() && quote == 0 && list == 0 {
                    strong_first = true;
                    lead_strong = Some(String::new());
                }
                strong_depth += 1;
            }
            Event::End(TagEnd::Strong) => strong_depth -= 1,
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some(dest_url.to_string());
                text.clear();
            }
            Event::End(TagEnd::Image) => {
                r.images
                    .push((norm(&text), image.take().unwrap_or_default()));
                text.clear();
            }
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                text.clear();
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                r.code.push(text.trim_end_matches('\n').to_string());
            }
            Event::Text(t) | Event::Code(t) => {
                if strong_depth > 0 {
                    if let Some(s) = lead_strong.as_mut() {
                        if strong_first && !outside_strong {
                            s.push_str(&t);
                        }
                    }
                } else if !t.trim().is_empty() && !in_code {
                    outside_strong = true;
                }
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(if in_code { '\n' } else { ' ' });
                if strong_depth > 0 {
                    if let Some(s) = lead_strong.as_mut() {
                        s.push(' ');
                    }
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                panic!("no raw HTML may come out of the text: {h:?}\n{md}")
            }
            _ => {}
        }
    }
    r
}

/// What the article should read back as (its body; the header's lines are paragraphs too, so
/// paragraphs are checked as an ordered subsequence).
fn expected(a: &Article) -> Read {
    let dialogue = a.kind == blatt::document::Kind::Interview;
    let clean = |t: &str| norm(&blatt::parse::sanitize::clean(t));
    let mut r = Read {
        title: vec![clean(&a.title)],
        ..Read::default()
    };
    for b in &a.blocks {
        match b {
            // a paragraph bold as a whole reads back as one bold paragraph, like a question
            Block::Paragraph { text, marks }
                if dialogue
                    && !text.contains("\n\n")
                    && marks.iter().any(|m| {
                        m.style == MarkStyle::Bold
                            && text[..m.start].trim().is_empty()
                            && text[m.end..].trim().is_empty()
                    }) =>
            {
                r.questions.push(clean(text))
            }
            Block::Paragraph { text, .. } => r
                .paragraphs
                .extend(text.split("\n\n").map(clean).filter(|p| !p.is_empty())),
            Block::Heading { text, .. } if !clean(text).is_empty() => r.headings.push(clean(text)),
            Block::Heading { .. } => {}
            Block::Question { speaker, text, .. } if !clean(text).is_empty() => {
                r.questions.push(match speaker {
                    Some(s) if !clean(s).is_empty() => format!("{}: {}", clean(s), clean(text)),
                    _ => clean(text),
                })
            }
            Block::Question { .. } => {}
            Block::Answer {
                speaker,
                text,
                marks,
            } => {
                let mut at = 0;
                let mut first = true;
                for part in text.split("\n\n") {
                    let (start, end) = (at, at + part.len());
                    at = end + 2;
                    let p = clean(part);
                    if p.is_empty() {
                        continue;
                    }
                    if first {
                        r.turns.push((clean(speaker), p));
                        first = false;
                    } else if dialogue
                        && marks.iter().any(|m| {
                            m.style == MarkStyle::Bold
                                && m.start <= start + (part.len() - part.trim_start().len())
                                && m.end >= end - (part.len() - part.trim_end().len())
                        })
                    {
                        // a further paragraph bold as a whole reads back as a bold paragraph
                        r.questions.push(p);
                    } else {
                        r.paragraphs.push(p);
                    }
                }
                if first {
                    r.turns.push((clean(speaker), String::new()));
                }
            }
            Block::Quote { text, cite } => {
                let mut q = clean(text);
                if let Some(c) = cite.as_deref().map(clean).filter(|c| !c.is_empty()) {
                    q = format!("{q} — {c}");
                }
                if !q.is_empty() {
                    r.quotes.push(q);
                }
            }
            Block::List { items, .. } => r
                .items
                .extend(items.iter().map(|i| clean(i)).filter(|i| !i.is_empty())),
            Block::Image { alt, caption, src } => {
                let web = src
                    .as_deref()
                    .is_some_and(|s| s.starts_with("http://") || s.starts_with("https://"));
                if web {
                    r.images.push((clean(alt), String::new()));
                } else if !clean(alt).is_empty() {
                    r.paragraphs.push(format!("[Bild: {}]", clean(alt)));
                }
                if let Some(c) = caption.as_deref().map(clean).filter(|c| !c.is_empty()) {
                    r.paragraphs.push(c);
                }
            }
            Block::Pre { text } => {
                let t = blatt::parse::sanitize::clean(text);
                let t = t.trim_matches('\n');
                if !t.trim().is_empty() {
                    r.code.push(t.to_string());
                }
            }
        }
    }
    r
}

fn is_subsequence(small: &[String], big: &[String]) -> bool {
    let mut it = big.iter();
    small.iter().all(|s| it.any(|b| b == s))
}

fn check(a: &Article) {
    let md = article_markdown(a);
    let got = read_back(&md, a.kind == blatt::document::Kind::Interview);
    let want = expected(a);
    let ctx = format!("{}\n---\n{md}", a.title);
    assert_eq!(got.title, want.title, "{ctx}");
    assert_eq!(got.headings, want.headings, "{ctx}");
    assert_eq!(got.turns, want.turns, "{ctx}");
    assert_eq!(got.questions, want.questions, "{ctx}");
    assert_eq!(got.quotes, want.quotes, "{ctx}");
    assert_eq!(got.items, want.items, "{ctx}");
    assert_eq!(got.code, want.code, "{ctx}");
    let got_images: Vec<&String> = got.images.iter().map(|i| &i.0).collect();
    let want_images: Vec<&String> = want.images.iter().map(|i| &i.0).collect();
    assert_eq!(got_images, want_images, "{ctx}");
    assert!(
        is_subsequence(&want.paragraphs, &got.paragraphs),
        "paragraphs\nwant {:#?}\ngot {:#?}\n{ctx}",
        want.paragraphs,
        got.paragraphs
    );
    // the header and lead: at most three paragraphs more than the body's
    assert!(
        got.paragraphs.len() <= want.paragraphs.len() + 3,
        "{:#?}",
        got.paragraphs
    );
}

#[test]
fn every_demo_article_reads_back_the_same() {
    let items = blatt::demo::edition().expect("the demo edition");
    let mut interviews = 0;
    let mut checked = 0;
    for it in &items {
        let Some(a) = &it.article else { continue };
        check(a);
        checked += 1;
        if a.kind == blatt::document::Kind::Interview {
            interviews += 1;
            let md = article_markdown(a);
            // a dialogue: answers as **Name:** text, questions bold with the interviewer's name
            assert!(md.contains(":** "), "{md}");
        }
    }
    assert!(checked >= 20, "{checked} demo articles");
    assert!(interviews >= 8, "{interviews} interviews");
}

fn mark(text: &str, word: &str, style: MarkStyle, href: Option<&str>) -> Mark {
    let start = text.find(word).expect("word in text");
    Mark {
        start,
        end: start + word.len(),
        style,
        href: href.map(str::to_string),
    }
}

#[test]
fn markdown_syntax_in_the_text_stays_text_and_marks_nest() {
    let p1 = "* Sternchen, _Unterstriche_, `Code`, [Klammern](x), <b>Tags</b> & Entitäten &amp; | Rohre ~~";
    let p2 = "Der Rat tagte mit fetten Beschlüssen und einem Link zum Protokoll der Sitzung.";
    let p3 = "# keine Überschrift\n- keine Liste\n12. kein Punkt\n> kein Zitat\n    kein Code";
    let a4 = "Dazu sage ich: 2026. Das ist das Jahr.\n\nUnd ein zweiter Absatz der Antwort.";
    let a = Article {
        title: "Lohmarsch & <Umgebung>: *alles* [neu]".into(),
        kind: blatt::document::Kind::Interview,
        published: Some("2026-03-12".into()),
        url: Some("https://lohmarsch.example/a (1).html".into()),
        kicker: Some("# Kicker".into()),
        lead: Some("- Ein Vorspann, der wie eine Liste beginnt.".into()),
        blocks: vec![
            Block::Paragraph {
                text: p1.into(),
                marks: vec![],
            },
            Block::Paragraph {
                text: p2.into(),
                marks: vec![
                    mark(p2, "fetten Beschlüssen", MarkStyle::Bold, None),
                    mark(p2, "Beschlüssen und", MarkStyle::Italic, None),
                    mark(
                        p2,
                        "Link zum Protokoll",
                        MarkStyle::Link,
                        Some("https://lohmarsch.example/protokoll(2).pdf"),
                    ),
                    mark(p2, "Protokoll", MarkStyle::Italic, None),
                    mark(p2, "Sitzung", MarkStyle::Link, Some("javascript:alert(1)")),
                ],
            },
            Block::Paragraph {
                text: p3.into(),
                marks: vec![],
            },
            Block::Question {
                speaker: Some("Redaktion".into()),
                text: "Was ist **wichtig**?".into(),
                marks: vec![mark("Was ist **wichtig**?", "Was", MarkStyle::Bold, None)],
            },
            Block::Answer {
                speaker: "Jorinde Weskamp".into(),
                text: a4.into(),
                marks: vec![mark(a4, "Dazu", MarkStyle::Italic, None)],
            },
            Block::Quote {
                text: "> „Zitat“".into(),
                cite: Some("*Jorinde*".into()),
            },
            Block::List {
                ordered: true,
                items: vec!["1. Punkt".into(), "  eingerückt  ".into()],
            },
            Block::Image {
                alt: "Ein [Bild]".into(),
                caption: Some("- Foto: Redaktion".into()),
                src: Some("https://lohmarsch.example/bild.png".into()),
            },
            Block::Image {
                alt: "Ein Bild aus data:".into(),
                caption: None,
                src: Some("data:image/png;base64,AAAA".into()),
            },
            Block::Pre {
                text: "fn main() {\n    println!(\"```\");\n}".into(),
            },
        ],
        ..Article::default()
    };
    check(&a);
    let md = article_markdown(&a);
    assert!(
        md.contains("](https://lohmarsch.example/protokoll%282%29.pdf)"),
        "{md}"
    );
    assert!(!md.contains("javascript:"), "{md}");
    assert!(!md.contains("data:image"), "{md}");
    assert!(
        md.contains("<https://lohmarsch.example/a%20(1).html>")
            || md.contains("<https://lohmarsch.example/a%20%281%29.html>"),
        "{md}"
    );
    // the link text stays linked, the bold stays bold
    let links: Vec<String> = Parser::new(&md)
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect();
    assert!(links.iter().any(|l| l.contains("protokoll")), "{links:?}");
}

#[test]
fn read_format_markdown_on_the_real_binary() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("interview.html");
    std::fs::write(
        &page,
        "<html><head><title>Fünf Fragen an Jorinde Weskamp</title></head><body><article>\
         <h1>Fünf Fragen an Jorinde Weskamp</h1>\
         <p>Die Digitallotsin der Samtgemeinde Lohmarsch über Formulare, Geduld und Kaffee.</p>\
         <p><b>Frau Weskamp, was machen Sie den ganzen Tag?</b></p>\
         <p><b>Jorinde Weskamp:</b> Ich erkläre Formulare, die niemand versteht, und schreibe sie danach so um, dass man sie versteht.</p>\
         <p><b>Was war Ihr schönster Erfolg?</b></p>\
         <p><b>Weskamp:</b> Ein Antrag auf Hundesteuer, der jetzt auf eine Seite passt. Vorher waren es vier.</p>\
         <p><b>Und was kommt als Nächstes?</b></p>\
         <p><b>Weskamp:</b> Die Anmeldung zur Kita. Da warten viele Eltern schon lange.</p>\
         </article></body></html>",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_blatt"))
        .args(["read", page.to_str().unwrap(), "--format", "markdown"])
        .env("HOME", dir.path())
        .env("NO_COLOR", "")
        .output()
        .expect("blatt runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("# Fünf Fragen an Jorinde Weskamp\n"), "{md}");
    assert!(!md.contains('\u{1b}'), "no colour in Markdown");
    let r = read_back(&md, true);
    assert_eq!(r.turns.len(), 3, "{md}");
    assert!(r.turns.iter().all(|(n, _)| n == "Jorinde Weskamp"), "{md}");
    assert_eq!(r.questions.len(), 3, "{md}");
    assert!(
        r.questions[0].ends_with("was machen Sie den ganzen Tag?"),
        "{md}"
    );
}

#[test]
fn saving_never_overwrites_and_names_are_safe() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("neu").join("artikel");
    let titles = [
        "../../../../tmp/blatt-escape",
        "\u{1b}[2J\u{7}Steuer\u{0}zeichen\r\n",
        &"Überlänge ".repeat(30),
        "..",
    ];
    for t in titles {
        let a = Article {
            title: t.to_string(),
            published: Some("2026-03-12".into()),
            blocks: vec![Block::paragraph("Text.")],
            ..Article::default()
        };
        let stem = blatt::markdown::file_stem(&a);
        let first = blatt::app::effects::write_new_file(&target, &stem, "eins").unwrap();
        let second = blatt::app::effects::write_new_file(&target, &stem, "zwei").unwrap();
        assert_ne!(first, second);
        assert_eq!(first.parent(), Some(target.as_path()), "{first:?}");
        assert_eq!(second.parent(), Some(target.as_path()), "{second:?}");
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "eins");
        assert_eq!(std::fs::read_to_string(&second).unwrap(), "zwei");
        assert!(first.file_name().unwrap().len() <= 128);
    }
    // only the files written, all inside the folder
    assert_eq!(
        std::fs::read_dir(&target).unwrap().count(),
        2 * titles.len()
    );
    assert!(!std::path::Path::new("/tmp/blatt-escape.md").exists());
    // a folder that cannot be made is an error, not a panic
    let file = dir.path().join("eine-datei");
    std::fs::write(&file, "x").unwrap();
    let err = blatt::app::effects::write_new_file(&file.join("sub"), "a", "b").unwrap_err();
    assert!(err.contains("eine-datei"), "{err}");
}

mod tui_common;

#[test]
fn w_saves_and_pipe_pipes_the_selected_article() {
    use blatt::app::{update, Effect};
    use tui_common::*;
    let mut s = loaded_state(120, 40);
    let cfg: blatt::config::Config =
        toml::from_str("[save]\ndir = \"/srv/notizen\"\n[pipe]\ncommand = \"less -R\"\n").unwrap();
    s.configure(&cfg).unwrap();
    update(&mut s, key('j'));
    let a = s.selected_entry().unwrap().article.clone().unwrap();
    let fx = press(&mut s, "w");
    assert_eq!(
        fx,
        vec![Effect::WriteFile {
            dir: "/srv/notizen".into(),
            stem: blatt::markdown::file_stem(&a),
            text: article_markdown(&a),
        }]
    );
    assert_eq!(
        blatt::markdown::file_stem(&a),
        "2026-03-12-digitale-bürgerdienste-zwei-kommunen-zwei-wege"
    );
    let fx = press(&mut s, "|");
    assert_eq!(
        fx,
        vec![Effect::Pipe {
            program: "less".into(),
            args: vec!["-R".into()],
            text: article_markdown(&a),
        }]
    );
    // the executor's answer is shown
    update(
        &mut s,
        blatt::app::Msg::Status("Saved to /srv/notizen/x.md".into()),
    );
    assert_eq!(s.status.as_deref(), Some("Saved to /srv/notizen/x.md"));
    // without a pipe command: said so, nothing run
    s.pipe = None;
    assert!(press(&mut s, "|").is_empty());
    assert!(s.status.as_deref().unwrap().contains("[pipe]"));
    // a teaser whose article is not loaded: nothing to keep
    update(&mut s, key('j'));
    assert!(press(&mut s, "w").is_empty());
    assert!(s.status.as_deref().unwrap().contains("No article"));
}

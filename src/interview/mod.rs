//! Interview recognition: questions, answers, speakers, label resolution, roles.
//!
//! A pure function over an article's title, kicker, lead, byline and blocks.
//!
//! # How it decides
//! 1. Every paragraph is looked at once: does it start with a *label* (`<b>Name:</b> …`,
//!    `<b>Name</b>: …`, `Name: …`), is it set entirely in bold (a question), does it end with `?`,
//!    is it a pull quote (a short paragraph entirely inside „…“ / "…" / »…«), is it an interviewer
//!    credit line (`Das Gespräch führte …`, `Interview: …`, `Interview by …`, `Die Fragen stellte …`)?
//! 2. Labels are classified: question/answer markers (`Frage`, `F`, `Q`, `Question`, `Antwort`,
//!    `A`, `Answer`, also numbered `Frage 4`), generic interviewer labels (`Redaktion`,
//!    `Moderation`, `Interviewer`), person or publication names (capitalised words, `Herr`/`Frau`/
//!    `Mr`/`Dr.`/`Prof.` prefixes). Common nouns used as labels (`Fazit`, `Update`, `Preis`, `Text`,
//!    `Foto`, …) are on a stop list; times and numbers never are labels.
//! 3. Person labels resolve to full names: a label of two or more words is a full name; a one-word
//!    label (`Beispiel`, `Herr Probst`, `Mr Malone`) resolves to the unique full name whose last word
//!    it is, looked up among the full-name labels, the interviewer credits, and the title, kicker,
//!    lead, byline and intro paragraphs (`… sprach mit Leslie Beispiel und Arne Probst …`). A one-word
//!    label that resolves to nothing is not a speaker (this is what keeps `Köln: …` out), unless it
//!    carries a personal prefix (`Herr Probst` stays `Herr Probst`), or recurs and the text also
//!    addresses it with a prefix (`Sommer:` with „Herr Sommer, wie …?“ becomes `Herr Sommer`), or
//!    recurs and mostly asks (a publication acronym such as `KD:`). When name-shaped labels that
//!    resolve to nobody are more than a quarter of the resolved ones, the labels are topics
//!    (`Schulen:`, `Digitale Akte:`) and the article is no interview.
//! 4. Roles: credited names and generic interviewer labels are interviewers; names introduced with
//!    "sprach mit" / "talked to" are interviewees; otherwise the one speaker whose turns mostly end in
//!    `?` (a publication such as `The Economist:`, or a person) is the interviewer.
//! 5. Evidence: it is an interview only with at least two answer turns, recurring speakers (most
//!    answer turns come from speakers with two or more turns), and at least two questions (labelled
//!    question turns, bold question paragraphs, question headings, or – when questions carry no markup
//!    at all – unlabelled paragraphs ending in `?` right before answers).
//! 6. Output: paragraphs before the first turn stay paragraphs (intro). Unlabelled paragraphs after a
//!    turn continue it (joined with `\n\n`, marks shifted) unless they are questions: bold paragraphs
//!    when questions are bold; when questions carry no markup, the last unlabelled paragraph before
//!    each labelled answer. Headings end a turn; a heading ending in `?` inside the interview is a
//!    question. Pull quotes and `<blockquote>`s are quotes. After a quote or image, the interrupted
//!    turn resumes as a new block of the same speaker.
//!
//! Interviews without any labels (bold or heading questions, plain answers) are recognised only with
//! strong cues: three or more questions, mostly ending in `?` and each answered, exactly one
//! interviewee introduced by a phrase ("sprach mit Ina Lorenz", "talked to …"), and the word
//! interview/Gespräch in title, kicker or lead or the interviewee addressed by surname in a question.
//!
//! `Antwort:`/`A:` answers are attributed to the one interviewee named in the title/lead; when no
//! single name is known, the speaker is called `Antwort` (German markers) or `Answer` (English).
//! A question's speaker is the interviewer's name when exactly one interviewer is known, else null.
//!
//! Everything is linear in the size of the article: each paragraph is analysed once, name lookups
//! go through a hash index over a bounded context, and turns are joined by appending.

mod apply;
mod cues;
mod names;
mod plan;
mod words;

use crate::document::Article;

/// Recognises an interview in `article`: when it is one, sets `kind`, `speakers`, and turns the
/// paragraphs into `question` / `answer` blocks. Leaves ordinary articles as they are.
pub fn recognize(article: &mut Article) {
    if let Some(plan) = plan::plan(article) {
        apply::apply(article, plan);
    }
}

#[cfg(test)]
mod tests {
    use super::apply::*;
    use super::cues::*;
    use super::names::*;
    use super::*;
    use crate::document::{Block, Kind, Mark, MarkStyle, Role};

    fn para(text: &str) -> Block {
        Block::paragraph(text)
    }

    fn bold_label(label: &str, rest: &str) -> Block {
        let text = format!("{label} {rest}");
        Block::Paragraph {
            marks: vec![Mark {
                start: 0,
                end: label.len(),
                style: MarkStyle::Bold,
                href: None,
            }],
            text,
        }
    }

    fn bold(text: &str) -> Block {
        Block::Paragraph {
            text: text.to_string(),
            marks: vec![Mark {
                start: 0,
                end: text.len(),
                style: MarkStyle::Bold,
                href: None,
            }],
        }
    }

    fn article(title: &str, lead: Option<&str>, blocks: Vec<Block>) -> Article {
        Article {
            title: title.into(),
            lead: lead.map(String::from),
            blocks,
            ..Article::default()
        }
    }

    fn kinds(a: &Article) -> Vec<(String, Option<String>, String)> {
        a.blocks
            .iter()
            .map(|b| match b {
                Block::Question { speaker, text, .. } => {
                    ("q".into(), speaker.clone(), text.clone())
                }
                Block::Answer { speaker, text, .. } => {
                    ("a".into(), Some(speaker.clone()), text.clone())
                }
                Block::Quote { text, .. } => ("quote".into(), None, text.clone()),
                Block::Paragraph { text, .. } => ("p".into(), None, text.clone()),
                other => ("other".into(), None, other.text().into_owned()),
            })
            .collect()
    }

    #[test]
    fn labels_are_found_in_bold_plain_and_bold_with_colon() {
        let b = bold_label("Anna Beispiel:", "Wir haben.");
        let Block::Paragraph { text, marks } = &b else {
            unreachable!()
        };
        assert_eq!(
            find_label(text, marks),
            Some(("Anna Beispiel".into(), "Anna Beispiel: ".len()))
        );
        // bold without the colon
        let text = "Probst: Ja, das stimmt.";
        let marks = vec![Mark {
            start: 0,
            end: 6,
            style: MarkStyle::Bold,
            href: None,
        }];
        assert_eq!(find_label(text, &marks), Some(("Probst".into(), 8)));
        assert_eq!(
            find_label("Frage 4: Wie weiter?", &[]),
            Some(("Frage 4".into(), 9))
        );
        assert_eq!(find_label("Um 10:30 Uhr geht es los.", &[]), None);
        assert_eq!(find_label("Siehe https://example.org", &[]), None);
    }

    #[test]
    fn label_classification() {
        assert_eq!(classify("Frage"), Some(LabelKind::Question));
        assert_eq!(classify("Frage 12"), Some(LabelKind::Question));
        assert_eq!(classify("Q"), Some(LabelKind::Question));
        assert_eq!(classify("A"), Some(LabelKind::Answer));
        assert_eq!(classify("Antwort"), Some(LabelKind::Answer));
        assert_eq!(classify("Leslie Beispiel"), Some(LabelKind::Person));
        assert_eq!(classify("Herr Probst"), Some(LabelKind::Person));
        assert_eq!(classify("Dr. Probst"), Some(LabelKind::Person));
        assert_eq!(classify("Ursula von der Leyen"), Some(LabelKind::Person));
        assert_eq!(classify("The Economist"), Some(LabelKind::Person));
        assert_eq!(classify("Redaktion"), Some(LabelKind::Generic));
        for trap in [
            "Fazit",
            "Update",
            "Hinweis",
            "Wichtig",
            "Pros",
            "Cons",
            "Zutaten",
            "Preis",
            "Akku",
            "Text",
            "Fotos",
            "Quelle",
            "10",
            "Termin",
            "Die Stadt",
            "Update 2",
        ] {
            assert_eq!(classify(trap), None, "{trap}");
        }
        assert_eq!(classify("so sagt er"), None);
    }

    #[test]
    fn short_labels_resolve_to_full_names() {
        let ctx = Ctx::new(
            "Die Redaktion sprach mit Bürgermeisterin Leslie Beispiel und Arne Probst über \
             Online-Dienste. Mr. Thomas Malone, too. Land Berlin.",
        );
        assert_eq!(
            ctx.intro_names(),
            vec!["Leslie Beispiel".to_string(), "Arne Probst".to_string()]
        );
        let none = FullNames::default();
        let r = |l: &str| resolve_label(l, &none, &[], &ctx.intro_names(), &ctx);
        assert_eq!(r("Beispiel").as_deref(), Some("Leslie Beispiel"));
        assert_eq!(r("Frau Beispiel").as_deref(), Some("Leslie Beispiel"));
        assert_eq!(r("Herr Probst").as_deref(), Some("Arne Probst"));
        assert_eq!(r("Dr. Probst").as_deref(), Some("Arne Probst"));
        assert_eq!(r("Mr Malone").as_deref(), Some("Thomas Malone"));
        assert_eq!(r("Berlin"), None);
        assert_eq!(r("Köln"), None);
        assert_eq!(r("Herr Unbekannt").as_deref(), Some("Herr Unbekannt"));
        assert_eq!(
            r("Bürgermeisterin Beispiel").as_deref(),
            Some("Leslie Beispiel")
        );
        // a surname label after the full name as a label
        let mut full = FullNames::default();
        full.add("Jana Kraus".to_string());
        assert_eq!(
            resolve_label("Kraus", &full, &[], &[], &Ctx::new("")).as_deref(),
            Some("Jana Kraus")
        );
        let ctx = Ctx::new("The Economist talked to Thomas Malone of MIT.");
        assert_eq!(ctx.intro_names(), vec!["Thomas Malone".to_string()]);
        let ctx = Ctx::new(
            "Bürgermeister Olaf Runge sprach mit Vertretern der Wirtschaft über ein Portal. \
             Das Gespräch mit Jana Kraus folgt.",
        );
        assert_eq!(
            ctx.intro_names(),
            vec!["Olaf Runge".to_string(), "Jana Kraus".to_string()]
        );
        assert_eq!(ctx.interviewee_names(), vec!["Jana Kraus".to_string()]);
        let ctx = Ctx::new("Ursula von der Leyen im Interview");
        assert_eq!(ctx.intro_names(), vec!["Ursula von der Leyen".to_string()]);
    }

    #[test]
    fn marks_are_cut_and_shifted() {
        let text = "Anna Beispiel: Wir haben zuerst die Anträge digitalisiert.";
        let marks = vec![
            Mark {
                start: 0,
                end: 14,
                style: MarkStyle::Bold,
                href: None,
            },
            Mark {
                start: 25,
                end: 31,
                style: MarkStyle::Italic,
                href: None,
            },
            Mark {
                start: 10,
                end: 20,
                style: MarkStyle::Link,
                href: Some("https://example.org/".into()),
            },
        ];
        let cut = 15;
        let m = cut_marks(&marks, cut);
        let rest = &text[cut..];
        assert_eq!(m.len(), 2);
        assert_eq!(&rest[m[0].start..m[0].end], "zuerst");
        assert_eq!((m[1].start, m[1].end), (0, 5));
        let mut t = String::from("Erster Absatz.");
        let mut tm = Vec::new();
        append_para(&mut t, &mut tm, rest, &m);
        assert_eq!(&t[tm[0].start..tm[0].end], "zuerst");
        assert!(t.starts_with("Erster Absatz.\n\nWir haben"));
    }

    #[test]
    fn bold_questions_and_surname_labels() {
        let mut a = article(
            "Digitale Ämter",
            None,
            vec![
                para("Die Stadt Nordheim stellt um. Wir sprachen mit Leslie Beispiel."),
                bold("Frau Beispiel, wie fing es an?"),
                bold_label("Leslie Beispiel:", "Mit einem Antrag."),
                para("Dann kamen weitere hinzu."),
                bold("Was war schwierig?"),
                bold_label("Beispiel:", "Die Schnittstellen."),
                para("„Ohne Standards geht es nicht.“"),
                bold("Und jetzt?"),
                bold_label("Beispiel:", "Jetzt geht es weiter."),
            ],
        );
        recognize(&mut a);
        assert_eq!(a.kind, Kind::Interview);
        assert_eq!(a.speakers.len(), 1);
        assert_eq!(a.speakers[0].name, "Leslie Beispiel");
        assert_eq!(a.speakers[0].labels, vec!["Leslie Beispiel", "Beispiel"]);
        let k = kinds(&a);
        assert_eq!(k[0].0, "p");
        assert_eq!(k[1].0, "q");
        assert_eq!(
            k[2],
            (
                "a".into(),
                Some("Leslie Beispiel".into()),
                "Mit einem Antrag.\n\nDann kamen weitere hinzu.".into()
            )
        );
        assert_eq!(k[5].0, "quote");
        assert_eq!(k.len(), 8);
    }

    #[test]
    fn interviewee_named_by_questions_for_or_asked() {
        let mut a = article(
            "Fünf Fragen an Ole Sandvoß",
            Some("Das Bürgerbüro hat keine Wartenummern mehr."),
            vec![
                para("Frage 1: Warum?"),
                para("Antwort: Weil es ging."),
                para("Frage 2: Und jetzt?"),
                para("Antwort: Läuft es."),
                para("Moderation: Malte Ohrbeck. Das Gespräch wurde gekürzt."),
            ],
        );
        recognize(&mut a);
        assert_eq!(a.kind, Kind::Interview);
        assert_eq!(kinds(&a)[1].1.as_deref(), Some("Ole Sandvoß"));
        assert_eq!(a.speakers[0].name, "Malte Ohrbeck");
        assert_eq!(a.speakers[0].role, Role::Interviewer);
        let mut b = article(
            "A year of the assistant",
            Some("We asked Maeve Callister, the director, what the year taught her."),
            vec![
                para("Q: What does it do?"),
                para("A: It answers."),
                para("Q: And when it cannot?"),
                para("A: It says so."),
            ],
        );
        recognize(&mut b);
        assert_eq!(b.kind, Kind::Interview);
        assert_eq!(kinds(&b)[1].1.as_deref(), Some("Maeve Callister"));
    }

    #[test]
    fn who_spoke_with_them_asks_and_publication_labels_may_hold_an_ampersand() {
        let mut a = article(
            "Der Bauantrag ist digital",
            Some("Svenja Kortum sprach mit Ute Brinkhege und Florian Oberwies."),
            vec![
                para("Amt & Netz: Wie viel Papier sparen Sie?"),
                para("Brinkhege: Drei Regalmeter im Jahr."),
                para("Amt & Netz: Und Sie?"),
                para("Oberwies: Einen halben Tag je Antrag."),
                para("Amt & Netz: Was fehlt noch?"),
                para("Brinkhege: Die Statik."),
            ],
        );
        recognize(&mut a);
        assert_eq!(a.kind, Kind::Interview);
        let k = kinds(&a);
        assert_eq!(
            k[0],
            (
                "q".into(),
                Some("Amt & Netz".into()),
                "Wie viel Papier sparen Sie?".into()
            )
        );
        assert_eq!(k[1].1.as_deref(), Some("Ute Brinkhege"));
        assert!(a
            .speakers
            .iter()
            .any(|s| s.name == "Svenja Kortum" && s.role == Role::Interviewer));
        let mut b = article(
            "Digitale Schule",
            Some("Jana Wiese sprach mit Jonte Brammer."),
            vec![
                bold("Herr Brammer, was ist neu?"),
                para("Jonte Brammer: Tablets."),
                bold("Und was bleibt?"),
                para("Brammer: Die Tafel."),
            ],
        );
        recognize(&mut b);
        assert_eq!(kinds(&b)[0].1.as_deref(), Some("Jana Wiese"));
    }

    #[test]
    fn frage_antwort_with_credit() {
        let mut a = article(
            "Im Gespräch",
            Some("Kreis Südheim digitalisiert. Wir sprachen mit Arne Probst."),
            vec![
                para("Frage: Wie weit sind Sie?"),
                para("Antwort: Weit."),
                para("Frage: Und die Kosten?"),
                para("Antwort: Im Rahmen."),
                para("Das Gespräch führte Jana Kraus."),
            ],
        );
        recognize(&mut a);
        assert_eq!(a.kind, Kind::Interview);
        let k = kinds(&a);
        assert_eq!(
            k[0],
            (
                "q".into(),
                Some("Jana Kraus".into()),
                "Wie weit sind Sie?".into()
            )
        );
        assert_eq!(k[1].1.as_deref(), Some("Arne Probst"));
        assert_eq!(k[4].0, "p");
        assert_eq!(a.speakers[0].name, "Jana Kraus");
        assert_eq!(a.speakers[0].role, Role::Interviewer);
        assert_eq!(a.speakers[1].role, Role::Interviewee);
    }

    #[test]
    fn traps_stay_articles() {
        let cases: Vec<Vec<Block>> = vec![
            vec![
                para("Köln: Erster IT-Planungsprozess abgeschlossen."),
                para("Berlin: Der Senat beschließt ein Gesetz."),
                para("Köln: Noch ein Termin?"),
                para("Bonn: Die Verwaltung zieht um."),
                para("Köln: Und noch etwas."),
            ],
            vec![
                para("Fazit: Es lohnt sich."),
                para("Update: Die Stadt hat reagiert?"),
                para("Hinweis: Der Text wurde geändert."),
                para("Update: Noch eine Änderung."),
                para("Wichtig: Anmeldung bis Freitag?"),
            ],
            vec![
                para("Text: Anna Beispiel"),
                para("Fotos: Jonas Probst"),
                para("Grafik: Lena Kraus"),
            ],
            vec![
                para("Um 10:30 Uhr beginnt die Sitzung."),
                para("Leslie Beispiel sagte: „Wir sind bereit.“"),
                para("Anna Kraus: „Das ist gut.“"),
                para("Jonas Probst: „Das ist schlecht.“"),
            ],
        ];
        for blocks in cases {
            let mut a = article("Meldungen", None, blocks.clone());
            recognize(&mut a);
            assert_eq!(a.kind, Kind::Article);
            assert_eq!(a.blocks, blocks);
            assert!(a.speakers.is_empty());
        }
    }

    #[test]
    fn large_interview_is_handled() {
        let mut blocks = vec![para("Wir sprachen mit Leslie Beispiel.")];
        for i in 0..5000 {
            blocks.push(bold(&format!("Frage Nummer {i}, wie geht es?")));
            blocks.push(para(&format!("Beispiel: Antwort {i}. ü")));
            blocks.push(para("Noch ein Absatz."));
        }
        let mut a = article("Lang", None, blocks);
        recognize(&mut a);
        assert_eq!(a.kind, Kind::Interview);
        assert_eq!(a.blocks.len(), 1 + 2 * 5000);
    }

    #[test]
    fn question_headings_with_q_labels() {
        let h = |t: &str| Block::Heading {
            level: 4,
            text: t.into(),
        };
        let mut a = article(
            "Introducing Dana Reyes, our new director",
            None,
            vec![
                para("We asked her a few questions."),
                h("Q: What brought you here?"),
                para("A: The people."),
                h("Q: Favourite book"),
                para("A: Too many to choose."),
                h("Q: What comes next?"),
                para("A: Listening first."),
            ],
        );
        recognize(&mut a);
        assert_eq!(a.kind, Kind::Interview);
        let k = kinds(&a);
        assert_eq!(k[3], ("q".into(), None, "Favourite book".into()), "{k:?}");
        assert_eq!(k[4].1.as_deref(), Some("Dana Reyes"));
        assert_eq!(heading_q_label("Frage 3: Wie weiter?"), Some(9));
        assert_eq!(heading_q_label("Köln: Erster Schritt"), None);
    }

    /// Generated paragraphs from label-ish pieces: never a panic, marks always valid.
    #[test]
    fn generated_input_never_panics() {
        let labels = [
            "",
            "",
            "Anna Beispiel:",
            "Beispiel:",
            "Frage:",
            "A:",
            "Herr Probst:",
            "Köln:",
            "Fazit:",
        ];
        let pieces = [
            "Anna Beispiel:",
            "Beispiel:",
            "Frage:",
            "A:",
            "Q 3:",
            "Herr Probst:",
            "Köln:",
            "„",
            "“",
            "?",
            " ",
            "ü",
            "10:30",
            "Wie geht es",
            "Das Gespräch führte Tom Weber.",
            "sprach mit Arne Probst",
            "\n",
            "—",
            ":",
            "(SPD)",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut interviews = 0;
        for _ in 0..300 {
            let mut blocks = Vec::new();
            for _ in 0..next(14) + 1 {
                let label = labels[next(labels.len())];
                let mut text = String::from(label);
                if !label.is_empty() {
                    text.push(' ');
                }
                for _ in 0..next(6) + 1 {
                    text.push_str(pieces[next(pieces.len())]);
                }
                if next(3) == 0 {
                    text.push('?');
                }
                let bounds: Vec<usize> = (0..=text.len())
                    .filter(|&i| text.is_char_boundary(i))
                    .collect();
                let mut marks = Vec::new();
                match next(4) {
                    0 if !label.is_empty() => marks.push(Mark {
                        start: 0,
                        end: label.len(),
                        style: MarkStyle::Bold,
                        href: None,
                    }),
                    1 => marks.push(Mark {
                        start: 0,
                        end: text.len(),
                        style: MarkStyle::Bold,
                        href: None,
                    }),
                    _ => {}
                }
                let a = bounds[next(bounds.len())];
                let b = bounds[next(bounds.len())];
                if a < b {
                    marks.push(Mark {
                        start: a,
                        end: b,
                        style: MarkStyle::Italic,
                        href: None,
                    });
                }
                blocks.push(match next(10) {
                    0 => Block::Heading { level: 3, text },
                    1 => Block::Quote { text, cite: None },
                    _ => Block::Paragraph { text, marks },
                });
            }
            let mut a = article("Gespräch mit Anna Beispiel", None, blocks);
            recognize(&mut a);
            interviews += usize::from(a.kind == Kind::Interview);
            for b in &a.blocks {
                let t = b.text();
                for m in b.marks() {
                    assert!(m.start < m.end && m.end <= t.len(), "{m:?} {t:?}");
                    assert!(t.is_char_boundary(m.start) && t.is_char_boundary(m.end));
                }
            }
        }
        println!("{interviews} of 300 generated articles recognised as interviews");
        assert!(
            interviews > 0,
            "the generator should exercise the rewriting path"
        );
    }

    #[test]
    fn pull_quotes() {
        assert!(is_pull_quote(
            "„Ohne Standards bleibt jede Kommune allein.“"
        ));
        assert!(is_pull_quote("\"We need shared standards.\""));
        assert!(is_pull_quote(
            "„Ohne Standards geht es nicht.“ – Arne Probst"
        ));
        assert!(!is_pull_quote("„Ja“, sagt sie, „das stimmt.“"));
        assert!(!is_pull_quote("Er sagte „ja“."));
        assert_eq!(
            split_attribution("„Ohne Standards geht es nicht.“ – Arne Probst"),
            (
                "„Ohne Standards geht es nicht.“".to_string(),
                Some("Arne Probst".to_string())
            )
        );
        assert_eq!(split_attribution("„Ja.“").1, None);
    }
}

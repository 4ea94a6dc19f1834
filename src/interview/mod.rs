//! Interview recognition: questions, answers, speakers, label resolution, roles.
//!
//! A pure function over an article's title, kicker, lead, byline, source and blocks, in four
//! stages, each a module:
//!
//! 1. [`cues`]: what each block shows on its own: a label at its start (`<b>Name:</b>`, `Name:`,
//!    `Q:`, a paragraph that is only `Name:`), a turn-opening dash, bold or italic type over the
//!    whole text or over a leading sentence with the answer after it in the same paragraph, a
//!    closing `?`, a pull quote, a credit line (`Interview: …`), a name alone, a photo credit.
//! 2. [`names`] and [`labels`]: who is who. The text before the interview is indexed once; on it,
//!    the names introduced as interviewees or as the ones asking, credit lines, a byline naming a
//!    person, whether it calls itself an interview. Every label resolves to a full name, a
//!    question or answer marker, a generic interviewer (`Redaktion`) or stays open.
//! 3. [`plan`]: which block opens a question, which an answer, which goes on with the turn before
//!    it, which stays as it is; the speakers and their roles; and whether the evidence makes it an
//!    interview (see the module for the rules).
//! 4. [`apply`]: the blocks are rewritten: labels and dashes cut, a paragraph holding a question
//!    and its answer split in two, the paragraphs of a turn joined with `\n\n`, pull quotes made
//!    quotes. Ordinary articles are left as they are.
//!
//! The rules look at typography and structure (emphasis at the start of a block, `?`, headings,
//! alternation, who is introduced where) and at a few closed word classes (personal prefixes,
//! pronouns, the verbs that introduce an interviewee); never at a site, a class name or a person.
//!
//! Everything is linear in the size of the article: each block is looked at once, name lookups go
//! through a hash index over a bounded context, and turns are joined by appending.

mod apply;
mod cues;
mod labels;
mod names;
mod plan;
mod words;

use crate::document::Article;

/// Recognises an interview in `article`: when it is one, sets `kind`, `speakers`, and turns the
/// paragraphs into `question` / `answer` blocks. Leaves ordinary articles as they are.
pub fn recognize(article: &mut Article) {
    let cues: Vec<cues::Cue> = article.blocks.iter().map(cues::analyze).collect();
    if let Some(plan) = plan::plan(article, &cues) {
        apply::apply(article, plan);
    }
}

#[cfg(test)]
mod tests {
    use super::cues::heading_q_label;
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
}

//! Stage 4, applying the plan: paragraphs become question and answer blocks, labels and turn
//! dashes are cut, a paragraph holding a question and its answer becomes two blocks, the
//! paragraphs of one turn are joined, pull quotes become quotes.

use super::cues::looks_like_name;
use super::plan::{Plan, Slot};
use crate::document::{Article, Block, Kind, Mark};

/// Marks of `text[from..to]`, shifted to start at 0 (marks outside dropped, marks straddling an
/// edge clipped).
pub(super) fn slice_marks(marks: &[Mark], from: usize, to: usize) -> Vec<Mark> {
    marks
        .iter()
        .filter(|m| m.end > from && m.start < to)
        .map(|m| Mark {
            start: m.start.max(from) - from,
            end: m.end.min(to) - from,
            style: m.style,
            href: m.href.clone(),
        })
        .filter(|m| m.start < m.end)
        .collect()
}

/// Marks of `text[cut..]`, shifted to start at 0.
pub(super) fn cut_marks(marks: &[Mark], cut: usize) -> Vec<Mark> {
    slice_marks(marks, cut, usize::MAX)
}

/// Appends a paragraph to a turn's text, separated by a blank line, marks shifted.
pub(super) fn append_para(text: &mut String, marks: &mut Vec<Mark>, t: &str, m: &[Mark]) {
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    let off = text.len();
    text.push_str(t);
    marks.extend(m.iter().map(|m| Mark {
        start: m.start + off,
        end: m.end + off,
        style: m.style,
        href: m.href.clone(),
    }));
}

/// A pull quote's text and its trailing attribution ("„…“ – Arne Probst").
pub(super) fn split_attribution(text: &str) -> (String, Option<String>) {
    let t = text.trim();
    for dash in [" – ", " — ", " - "] {
        if let Some(p) = t.rfind(dash) {
            let (q, who) = (&t[..p], t[p + dash.len()..].trim());
            if q.ends_with(['“', '”', '"', '«', '»']) && !who.is_empty() && looks_like_name(who, 5)
            {
                return (q.trim().to_string(), Some(who.to_string()));
            }
        }
    }
    (t.to_string(), None)
}

/// A turn in progress: whose, and of which kind.
#[derive(Clone)]
enum Turn {
    Question(Option<String>),
    Answer(String),
}

fn turn_block(turn: &Turn, text: String, marks: Vec<Mark>) -> Block {
    match turn {
        Turn::Question(s) => Block::Question {
            speaker: s.clone(),
            text,
            marks,
        },
        Turn::Answer(s) => Block::Answer {
            speaker: s.clone(),
            text,
            marks,
        },
    }
}

/// The text and marks of the turn block at `out[i]`, if it is one.
fn turn_text(out: &mut [Block], i: usize) -> Option<(&mut String, &mut Vec<Mark>)> {
    match out.get_mut(i)? {
        Block::Question { text, marks, .. } | Block::Answer { text, marks, .. } => {
            Some((text, marks))
        }
        _ => None,
    }
}

/// Byte offset clamped to a char boundary of `s`.
fn at(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub(super) fn apply(article: &mut Article, plan: Plan) {
    let Plan { speakers, slots } = plan;
    let old = std::mem::take(&mut article.blocks);
    let mut out: Vec<Block> = Vec::with_capacity(old.len());
    // the turn currently open: its index in `out`, while it is the last block
    let mut open: Option<usize> = None;
    // whether the open turn is a question that the previous block opened (consecutive question
    // paragraphs make one question)
    let mut open_question = false;
    // the turn to resume after a quote, an image or a photo credit
    let mut resume: Option<Turn> = None;

    for (block, slot) in old.into_iter().zip(slots) {
        match (slot, block) {
            (
                Slot::Question {
                    speaker,
                    cut,
                    answer,
                },
                Block::Paragraph { text, marks },
            ) => {
                let cut = at(&text, cut);
                let end = answer
                    .as_ref()
                    .map_or(text.len(), |(_, a)| at(&text, *a).max(cut));
                let q = text[cut..end].trim_end();
                let q_marks = slice_marks(&marks, cut, cut + q.len());
                let turn = Turn::Question(speaker);
                match open.filter(|_| open_question) {
                    Some(o) => {
                        if let Some((t, m)) = turn_text(&mut out, o) {
                            append_para(t, m, q, &q_marks);
                        }
                    }
                    None => {
                        out.push(turn_block(&turn, q.to_string(), q_marks));
                        open = Some(out.len() - 1);
                    }
                }
                open_question = true;
                resume = Some(turn);
                if let Some((who, a)) = answer {
                    let a = at(&text, a).max(end);
                    let turn = Turn::Answer(who);
                    out.push(turn_block(
                        &turn,
                        text[a..].to_string(),
                        cut_marks(&marks, a),
                    ));
                    open = Some(out.len() - 1);
                    open_question = false;
                    resume = Some(turn);
                }
            }
            (Slot::Question { speaker, cut, .. }, Block::Heading { text, .. }) => {
                let cut = at(&text, cut);
                let turn = Turn::Question(speaker);
                match open.filter(|_| open_question) {
                    Some(o) => {
                        if let Some((t, m)) = turn_text(&mut out, o) {
                            append_para(t, m, &text[cut..], &[]);
                        }
                    }
                    None => {
                        out.push(turn_block(&turn, text[cut..].to_string(), Vec::new()));
                        open = Some(out.len() - 1);
                    }
                }
                open_question = true;
                resume = Some(turn);
            }
            (Slot::Answer { speaker, cut }, Block::Paragraph { text, marks }) => {
                let cut = at(&text, cut);
                let turn = Turn::Answer(speaker);
                out.push(turn_block(
                    &turn,
                    text[cut..].to_string(),
                    cut_marks(&marks, cut),
                ));
                open = Some(out.len() - 1);
                open_question = false;
                resume = Some(turn);
            }
            (Slot::More, Block::Paragraph { text, marks }) => {
                // the open turn was opened by a label alone ("Leslie Beispiel:"), or goes on
                if let Some((t, m)) = open.and_then(|o| turn_text(&mut out, o)) {
                    append_para(t, m, &text, &marks);
                } else if let Some(turn) = resume.clone() {
                    out.push(turn_block(&turn, text, marks));
                    open = Some(out.len() - 1);
                } else {
                    out.push(Block::Paragraph { text, marks });
                }
                open_question = false;
            }
            (Slot::Quote, Block::Paragraph { text, .. }) => {
                let (text, cite) = split_attribution(&text);
                out.push(Block::Quote { text, cite });
                open = None;
                open_question = false;
            }
            (Slot::Stop, block) => {
                out.push(block);
                open = None;
                open_question = false;
                resume = None;
            }
            (_, block @ (Block::Paragraph { .. } | Block::Heading { .. })) => {
                // kept as it is: outside the interview, an intertitle, or a photo credit
                let aside = matches!(&block, Block::Paragraph { .. });
                out.push(block);
                open = None;
                open_question = false;
                if !aside {
                    resume = None;
                }
            }
            (_, block) => {
                // images, lists, block quotes: the turn resumes after them
                out.push(block);
                open = None;
                open_question = false;
            }
        }
    }
    // a label with nothing after it leaves an empty turn
    out.retain(|b| !matches!(b, Block::Question { text, .. } | Block::Answer { text, .. } if text.trim().is_empty()));
    article.blocks = out;
    article.speakers = speakers;
    article.kind = Kind::Interview;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::MarkStyle;

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
        assert_eq!(
            split_attribution("„Ohne Standards geht es nicht.“ – Arne Probst"),
            (
                "„Ohne Standards geht es nicht.“".to_string(),
                Some("Arne Probst".to_string())
            )
        );
        assert_eq!(split_attribution("„Ja.“").1, None);
        // a slice keeps only what is inside it
        let s = slice_marks(&marks, 15, 28);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].start, s[0].end), (10, 13));
    }

    #[test]
    fn a_question_and_its_answer_in_one_paragraph_become_two_blocks() {
        let text = "Blatt: Was bleibt? Die Arbeit.".to_string();
        let marks = vec![Mark {
            start: 0,
            end: 18,
            style: MarkStyle::Bold,
            href: None,
        }];
        let mut a = Article {
            blocks: vec![Block::Paragraph { text, marks }],
            ..Article::default()
        };
        let plan = Plan {
            speakers: Vec::new(),
            slots: vec![Slot::Question {
                speaker: Some("Blatt".into()),
                cut: 7,
                answer: Some(("Anna Beispiel".into(), 19)),
            }],
        };
        apply(&mut a, plan);
        assert_eq!(
            a.blocks,
            vec![
                Block::Question {
                    speaker: Some("Blatt".into()),
                    text: "Was bleibt?".into(),
                    marks: vec![Mark {
                        start: 0,
                        end: 11,
                        style: MarkStyle::Bold,
                        href: None,
                    }],
                },
                Block::Answer {
                    speaker: "Anna Beispiel".into(),
                    text: "Die Arbeit.".into(),
                    marks: Vec::new(),
                },
            ]
        );
        assert_eq!(a.kind, Kind::Interview);
    }

    #[test]
    fn turns_join_resume_after_images_and_stop_at_a_credit() {
        let p = |t: &str| Block::paragraph(t);
        let mut a = Article {
            blocks: vec![
                p("Intro."),
                p("Frage: Wie?"),
                p("Antwort: So."),
                p("Und so."),
                Block::Image {
                    alt: "Bild".into(),
                    caption: None,
                    src: None,
                },
                p("Und weiter."),
                p("Interview: Jana Kraus"),
                p("Nachsatz."),
            ],
            ..Article::default()
        };
        let plan = Plan {
            speakers: Vec::new(),
            slots: vec![
                Slot::Keep,
                Slot::Question {
                    speaker: None,
                    cut: 7,
                    answer: None,
                },
                Slot::Answer {
                    speaker: "Arne Probst".into(),
                    cut: 9,
                },
                Slot::More,
                Slot::Keep,
                Slot::More,
                Slot::Stop,
                Slot::More,
            ],
        };
        apply(&mut a, plan);
        let texts: Vec<String> = a.blocks.iter().map(|b| b.text().into_owned()).collect();
        assert_eq!(
            texts,
            vec![
                "Intro.",
                "Wie?",
                "So.\n\nUnd so.",
                "Bild",
                "Und weiter.",
                "Interview: Jana Kraus",
                "Nachsatz."
            ]
        );
        assert!(matches!(&a.blocks[4], Block::Answer { speaker, .. } if speaker == "Arne Probst"));
        assert!(matches!(&a.blocks[6], Block::Paragraph { .. }));
    }
}

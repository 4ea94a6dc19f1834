//! Stage 3, planning the turns: which block opens a question, which an answer, which goes on with
//! the turn before it, which stays as it is; who speaks; and whether it is an interview at all.
//!
//! Two layouts are told apart:
//! - **Typography marks the questions**: paragraphs set in bold or italic (as a whole, or a leading
//!   sentence with the answer after it in the same paragraph), or headings of one level. The style
//!   with the most question-like candidates wins; a candidate is a question when a plain paragraph
//!   answers it. Plain paragraphs after a question are the answer, further ones go on with it.
//!   Labels are optional: a label on the first question names the interviewer (`taz:`,
//!   `L.A. WEEKLY:`), labels on answers name the interviewees; without any, the one interviewee
//!   answers (named by an address in the questions, "Frau Beispiel, …?", an introduction, or the
//!   name the context mentions most).
//! - **Labels mark the turns** (a transcript: `Name: …` on every turn, `Frage:`/`Antwort:`, a name
//!   alone above each turn): the interviewers are the credited names, the byline, generic labels
//!   (`Redaktion`), or the one speaker whose turns mostly end in `?`; unlabelled paragraphs go on
//!   with the turn before them; when questions carry no mark at all, the unlabelled paragraph
//!   before each labelled answer is the question.
//!
//! Evidence decides at the end: questions and answers alternate at least twice, most questions
//! ask (`?`), the answers come from recurring speakers, and labels that name nobody are few. An
//! interview without any label needs more: three questions, and the questions speak to someone
//! ("Sie", "you", "vous") while the answers speak for themselves ("ich", "we", "je"), or the text
//! calls itself an interview, or one interviewee is introduced and addressed.

use super::cues::*;
use super::labels::Labels;
use super::names::*;
use crate::document::{Article, Block, Role, Speaker};
use std::collections::HashMap;

mod labelled;
mod typographic;

use labelled::labelled;
use typographic::{question_style, typographic};

/// What a block becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Slot {
    /// Stays as it is (outside the interview; a heading or intertitle; an image inside).
    Keep,
    /// Stays as it is and ends the open turn: a credit line, a bio, a note after the interview.
    Stop,
    /// Opens a question: its text starts at `cut`. With `answer`, the same paragraph also holds
    /// the answer: who gives it and where its text starts.
    Question {
        speaker: Option<String>,
        cut: usize,
        answer: Option<(String, usize)>,
    },
    /// Opens an answer: its text starts at `cut`.
    Answer { speaker: String, cut: usize },
    /// Another paragraph of the open turn.
    More,
    /// A pull quote.
    Quote,
}

pub(super) struct Plan {
    pub(super) speakers: Vec<Speaker>,
    pub(super) slots: Vec<Slot>,
}

/// What marks the questions, when typography does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Emph(Emph),
    Heading(u8),
}

/// Whether block `c` could open a turn at all.
fn could_open(c: &Cue) -> bool {
    match c.kind {
        BlockKind::Para => c.label.is_some() || c.emph.is_some() || c.name_only,
        BlockKind::Heading(_) => c.has_q || c.label.is_some(),
        _ => false,
    }
}

pub(super) fn plan(article: &Article, cues: &[Cue]) -> Option<Plan> {
    let blocks = &article.blocks;
    cues.iter().position(could_open)?;
    // the context ends where the interview starts: the first label, or the first question-like block
    let upto = cues
        .iter()
        .position(|c| c.label.is_some() || (could_open(c) && c.has_q))
        .unwrap_or(0);
    let names = Names::gather(article, cues, upto);
    let labels = Labels::resolve(blocks, cues, &names);
    match question_style(cues, &labels) {
        Some(style) => typographic(article, cues, &labels, &names, style),
        None => labelled(article, cues, &labels, &names),
    }
}

/// The language of the text, for the name of an answer whose speaker is unknown.
fn answer_word(article: &Article) -> &'static str {
    let mut score = [0usize; 4];
    let mut seen = 0usize;
    for b in &article.blocks {
        let Block::Paragraph { text, .. } = b else {
            continue;
        };
        for w in text.split_whitespace().take(200) {
            let w = w.to_lowercase();
            match w.as_str() {
                "der" | "die" | "und" | "ist" | "nicht" | "das" | "ich" | "wir" => score[0] += 1,
                "the" | "and" | "is" | "of" | "that" | "we" | "it" => score[1] += 1,
                "el" | "que" | "los" | "las" | "y" | "por" | "una" => score[2] += 1,
                "le" | "les" | "et" | "des" | "est" | "une" | "nous" => score[3] += 1,
                _ => {}
            }
        }
        seen += 1;
        if seen > 20 {
            break;
        }
    }
    let best = (0..4)
        .max_by_key(|&k| (score[k], std::cmp::Reverse(k)))
        .unwrap_or(1);
    ["Antwort", "Answer", "Respuesta", "Réponse"][best]
}

/// Speakers in order of their first turn.
#[derive(Default)]
struct Cast {
    speakers: Vec<Speaker>,
    index: HashMap<String, usize>,
}

impl Cast {
    fn add(&mut self, name: &str, role: Role, label: Option<&str>) {
        let idx = match self.index.get(name) {
            Some(&p) => p,
            None => {
                self.index.insert(name.to_string(), self.speakers.len());
                self.speakers.push(Speaker {
                    name: name.to_string(),
                    role,
                    labels: Vec::new(),
                });
                self.speakers.len() - 1
            }
        };
        if let Some(l) = label {
            let l = strip_invisible(l.trim()).into_owned();
            if !l.is_empty() && !self.speakers[idx].labels.contains(&l) {
                self.speakers[idx].labels.push(l);
            }
        }
    }
}

/// The interviewer who asks the unlabelled questions: a credit, a conversation partner, the
/// byline, who is said to have spoken with them, the publication.
fn default_asker(names: &Names) -> Option<String> {
    if names.credited {
        return match names.credits.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        };
    }
    if let [one] = names.conversation.as_slice() {
        return Some(one.clone());
    }
    if let Some(b) = &names.byline {
        if !names.intro.contains(b) {
            return Some(b.clone());
        }
    }
    if let [one] = names.credits.as_slice() {
        return Some(one.clone());
    }
    names.publication.clone()
}

/// What the planned turns show.
struct Evidence {
    /// Question turns (consecutive question blocks count once).
    questions: usize,
    /// Question turns that ask: a `?` somewhere in them.
    asking: usize,
    answers: usize,
    /// A question followed by an answer.
    exchanges: usize,
    /// Answer turns per speaker.
    per_answerer: HashMap<String, usize>,
}

impl Evidence {
    fn of(slots: &[Slot], cues: &[Cue]) -> Evidence {
        let mut ev = Evidence {
            questions: 0,
            asking: 0,
            answers: 0,
            exchanges: 0,
            per_answerer: HashMap::new(),
        };
        let mut prev_q = false; // the last turn slot was a question
        let mut q_asks = false;
        for (i, s) in slots.iter().enumerate() {
            match s {
                Slot::Question { answer, .. } => {
                    if !prev_q {
                        ev.questions += 1;
                        q_asks = false;
                    }
                    if cues[i].has_q && !q_asks {
                        q_asks = true;
                        ev.asking += 1;
                    }
                    prev_q = true;
                    if let Some((who, _)) = answer {
                        ev.answers += 1;
                        ev.exchanges += 1;
                        *ev.per_answerer.entry(who.clone()).or_default() += 1;
                        prev_q = false;
                    }
                }
                Slot::Answer { speaker, .. } => {
                    ev.answers += 1;
                    if prev_q {
                        ev.exchanges += 1;
                    }
                    *ev.per_answerer.entry(speaker.clone()).or_default() += 1;
                    prev_q = false;
                }
                Slot::More if prev_q && cues[i].has_q && !q_asks => {
                    q_asks = true;
                    ev.asking += 1;
                }
                _ => {}
            }
        }
        ev
    }

    /// Most answers come from speakers with two or more answers.
    fn recurring(&self) -> bool {
        let recurring: usize = self.per_answerer.values().filter(|&&c| c >= 2).sum();
        recurring > 0 && recurring * 10 >= self.answers * 6
    }

    /// Whether the questions speak to someone: at least three in ten question blocks do.
    fn questions_speak(&self, blocks: &[Block], slots: &[Slot]) -> bool {
        let enough = |you: usize| you * 10 >= self.questions * 3;
        let mut you = 0usize;
        for (b, s) in blocks.iter().zip(slots) {
            if enough(you) {
                return true;
            }
            if let Slot::Question { cut, answer, .. } = s {
                let text = b.text();
                let end = answer.as_ref().map_or(text.len(), |a| a.1).min(text.len());
                you += usize::from(speaks_to(text.get(*cut..end).unwrap_or("")));
            }
        }
        enough(you)
    }

    /// Whether the answers speak for themselves: at least three in ten answer turns do (a turn
    /// counts once, whichever of its paragraphs does).
    fn answers_speak(&self, blocks: &[Block], slots: &[Slot]) -> bool {
        let enough = |me: usize| me * 10 >= self.answers * 3;
        let mut me = 0usize;
        let mut counted_q = false;
        let mut counted_a = false;
        for (b, s) in blocks.iter().zip(slots) {
            if enough(me) {
                return true;
            }
            match s {
                Slot::Question { answer, .. } => {
                    counted_a = false;
                    if let Some((_, a)) = answer {
                        if speaks_for_itself(b.text().get(*a..).unwrap_or("")) {
                            me += 1;
                            counted_a = true;
                        }
                    }
                    counted_q = true;
                }
                Slot::Answer { cut, .. } => {
                    counted_a = speaks_for_itself(b.text().get(*cut..).unwrap_or(""));
                    me += usize::from(counted_a);
                    counted_q = false;
                }
                Slot::More if !counted_a && !counted_q && speaks_for_itself(&b.text()) => {
                    me += 1;
                    counted_a = true;
                }
                _ => {}
            }
        }
        enough(me)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_word_follows_the_language() {
        let a = |t: &str| Article {
            blocks: vec![Block::paragraph(t)],
            ..Article::default()
        };
        assert_eq!(
            answer_word(&a("Wir haben die Formulare und das Portal.")),
            "Antwort"
        );
        assert_eq!(
            answer_word(&a("We rebuilt the forms and the portal.")),
            "Answer"
        );
        assert_eq!(
            answer_word(&a("Es el momento que los jugadores esperan.")),
            "Respuesta"
        );
        assert_eq!(
            answer_word(&a("Le poids de la géographie est une chose.")),
            "Réponse"
        );
    }
}

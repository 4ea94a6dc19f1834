//! Stage 4, applying the plan: paragraphs become question and answer blocks, labels are cut,
//! turns are joined, pull quotes become quotes.

use super::cues::*;
use super::plan::*;
use crate::document::{Article, Block, Kind, Mark, MarkStyle};

// ---------------------------------------------------------------------------------------------
// applying the plan

/// Marks of `text[cut..]`, shifted to start at 0 (marks ending before `cut` dropped, marks
/// straddling it clipped).
pub(super) fn cut_marks(marks: &[Mark], cut: usize) -> Vec<Mark> {
    marks
        .iter()
        .filter(|m| m.end > cut)
        .map(|m| Mark {
            start: m.start.saturating_sub(cut),
            end: m.end - cut,
            style: m.style,
            href: m.href.clone(),
        })
        .filter(|m| m.start < m.end)
        .collect()
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

pub(super) fn apply(article: &mut Article, plan: Plan) {
    let Plan {
        speakers,
        turns,
        questions,
        region_start,
        question_speaker,
    } = plan;
    let infos_pull: Vec<(bool, bool, bool)> = article
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { text, marks } => (
                is_pull_quote(text),
                credit_names(text).is_some(),
                covered(text, marks, MarkStyle::Italic) && !ends_with_question(text),
            ),
            _ => (false, false, false),
        })
        .collect();
    let old = std::mem::take(&mut article.blocks);
    let mut out: Vec<Block> = Vec::with_capacity(old.len());
    // the turn currently open: Some(index into out) if the last block is it
    let mut open: Option<usize> = None;
    // the turn to resume after a quote/image/list
    let mut resume: Option<Turn> = None;

    for (i, (block, turn)) in old.into_iter().zip(turns).enumerate() {
        if i < region_start {
            out.push(block);
            continue;
        }
        let (pull, credit, italic) = infos_pull[i];
        // a label-only paragraph opened a turn that is still empty: this paragraph is its text
        let empty_open = open.is_some_and(|o| {
            matches!(&out[o], Block::Question { text, .. } | Block::Answer { text, .. } if text.is_empty())
        });
        match block {
            Block::Paragraph { text, marks } if empty_open && turn.is_none() => {
                if let Some(
                    Block::Question {
                        text: t, marks: m, ..
                    }
                    | Block::Answer {
                        text: t, marks: m, ..
                    },
                ) = open.and_then(|o| out.get_mut(o))
                {
                    append_para(t, m, &text, &marks);
                }
            }
            Block::Paragraph { text, marks } => {
                if let Some((t, cut)) = turn {
                    let cut = floor_boundary(&text, cut);
                    let rest = text[cut..].to_string();
                    let m = cut_marks(&marks, cut);
                    out.push(match &t {
                        Turn::Question(s) => Block::Question {
                            speaker: s.clone(),
                            text: rest,
                            marks: m,
                        },
                        Turn::Answer(s) => Block::Answer {
                            speaker: s.clone(),
                            text: rest,
                            marks: m,
                        },
                    });
                    open = Some(out.len() - 1);
                    resume = Some(t);
                } else if questions[i] {
                    // consecutive question paragraphs make one question
                    if let Some(Block::Question {
                        text: qt,
                        marks: qm,
                        ..
                    }) = open.and_then(|o| out.get_mut(o))
                    {
                        append_para(qt, qm, &text, &marks);
                    } else {
                        out.push(Block::Question {
                            speaker: question_speaker.clone(),
                            text,
                            marks,
                        });
                        open = Some(out.len() - 1);
                        resume = Some(Turn::Question(question_speaker.clone()));
                    }
                } else if pull {
                    let (text, cite) = split_attribution(&text);
                    out.push(Block::Quote { text, cite });
                    open = None;
                } else if credit || italic {
                    out.push(Block::Paragraph { text, marks });
                    open = None;
                    resume = None;
                } else if let Some(o) = open {
                    match &mut out[o] {
                        Block::Question {
                            text: t, marks: m, ..
                        }
                        | Block::Answer {
                            text: t, marks: m, ..
                        } => append_para(t, m, &text, &marks),
                        _ => {}
                    }
                } else if let Some(t) = resume.clone() {
                    out.push(match t {
                        Turn::Question(s) => Block::Question {
                            speaker: s,
                            text,
                            marks,
                        },
                        Turn::Answer(s) => Block::Answer {
                            speaker: s,
                            text,
                            marks,
                        },
                    });
                    open = Some(out.len() - 1);
                } else {
                    out.push(Block::Paragraph { text, marks });
                }
            }
            Block::Heading { level, text } => {
                if questions[i] {
                    let cut = heading_q_label(&text).unwrap_or(0);
                    out.push(Block::Question {
                        speaker: question_speaker.clone(),
                        text: text[cut..].to_string(),
                        marks: Vec::new(),
                    });
                    open = Some(out.len() - 1);
                    resume = Some(Turn::Question(question_speaker.clone()));
                } else {
                    out.push(Block::Heading { level, text });
                    open = None;
                    resume = None;
                }
            }
            other => {
                out.push(other);
                open = None;
            }
        }
    }
    // a label-only paragraph with nothing after it leaves an empty turn
    out.retain(|b| !matches!(b, Block::Question { text, .. } | Block::Answer { text, .. } if text.is_empty()));
    article.blocks = out;
    article.speakers = speakers;
    article.kind = Kind::Interview;
}

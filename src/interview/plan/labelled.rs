//! Planning when labels mark the turns (a transcript: `Name: …` on every turn, `Frage:`/`Antwort:`,
//! a name alone above each turn): who asks, which unlabelled paragraphs go on with a turn, and
//! which is the question before a labelled answer.

use crate::document::{Article, Role};
use crate::interview::cues::*;
use crate::interview::labels::{Lab, Labels};
use crate::interview::names::*;
use std::collections::HashMap;

use super::{answer_word, default_asker, Cast, Evidence, Plan, Slot};

pub(super) fn labelled(
    article: &Article,
    cues: &[Cue],
    labels: &Labels,
    names: &Names,
) -> Option<Plan> {
    let blocks = &article.blocks;
    let n = blocks.len();
    let turn_lab = |i: usize| -> Option<&Lab> {
        match &labels.at[i] {
            Some(Lab::Open(_)) | None => None,
            Some(l) if cues[i].is_para() => Some(l),
            _ => None,
        }
    };
    (0..n).find(|&i| turn_lab(i).is_some())?;

    // labels shaped like names that name nobody ("Schulen:", "Digitale Akte:" next to them) mean
    // the labels are topics, not speakers
    let unresolved = (0..n)
        .filter(|&i| {
            matches!(labels.at[i], Some(Lab::Open(_)))
                && cues[i]
                    .label
                    .as_ref()
                    .is_some_and(|l| l.kind == LabelKind::Person)
                && !cues[i].aside
        })
        .count();
    let resolved = (0..n).filter(|&i| turn_lab(i).is_some()).count();
    if unresolved * 4 > resolved {
        return None;
    }

    // per person: turns, and turns whose labelled paragraph ends with a question
    let mut order: Vec<String> = Vec::new();
    let mut stats: HashMap<String, (usize, usize)> = HashMap::new();
    for i in 0..n {
        if let Some(Lab::Person(p)) = turn_lab(i) {
            if !order.contains(p) {
                order.push(p.clone());
            }
            // a label alone asks or answers with the paragraph that follows it
            let only = cues[i].label.as_ref().is_some_and(|l| l.only) || labels.name_block[i];
            let q = if only {
                cues.get(i + 1).is_some_and(|c| c.ends_q)
            } else {
                cues[i].ends_q
            };
            let e = stats.entry(p.clone()).or_insert((0, 0));
            e.0 += 1;
            e.1 += usize::from(q);
        }
    }
    let has_markers = labels
        .at
        .iter()
        .flatten()
        .any(|l| matches!(l, Lab::Q | Lab::A));
    if order.is_empty() && !has_markers {
        return None;
    }

    // roles: credited names, the byline, a conversation partner; else the one who mostly asks
    let mut interviewers: Vec<String> = Vec::new();
    for p in &order {
        let asks = names.credits.contains(p)
            || names.byline.as_ref() == Some(p)
            || names.conversation.contains(p);
        if asks {
            interviewers.push(p.clone());
        }
    }
    let has_generic = labels
        .at
        .iter()
        .flatten()
        .any(|l| matches!(l, Lab::Generic(_)));
    if interviewers.is_empty() && !has_generic {
        let ratio = |p: &String| {
            let (t, q) = stats[p];
            q as f64 / t as f64
        };
        let best = order
            .iter()
            .filter(|p| stats[*p].0 >= 2 && !names.intro.contains(p))
            .max_by(|a, b| ratio(a).total_cmp(&ratio(b)));
        if let Some(b) = best {
            let r = ratio(b);
            let others = order
                .iter()
                .filter(|p| *p != b)
                .map(ratio)
                .fold(0.0, f64::max);
            if r >= 0.6 && others <= r - 0.3 {
                interviewers.push(b.clone());
            }
        }
    }
    let generic_name = |raw: &str| -> String {
        match names.credits.as_slice() {
            [one] => one.clone(),
            _ => raw.to_string(),
        }
    };
    let mut all_interviewers: Vec<String> = interviewers.clone();
    for l in labels.at.iter().flatten() {
        if let Lab::Generic(raw) = l {
            let g = generic_name(raw);
            if !all_interviewers.contains(&g) {
                all_interviewers.push(g);
            }
        }
    }
    for c in &names.credits {
        if !all_interviewers.contains(c) {
            all_interviewers.push(c.clone());
        }
    }
    let question_speaker = match all_interviewers.as_slice() {
        [one] => Some(one.clone()),
        [] => default_asker(names),
        _ => None,
    };
    let answer_marker_name = match names.intro.as_slice() {
        [one] => one.clone(),
        _ if labels.german => "Antwort".to_string(),
        _ => names
            .ctx
            .dominant()
            .filter(|d| !all_interviewers.contains(d))
            .unwrap_or_else(|| answer_word(article).to_string()),
    };

    // turns
    #[derive(Clone)]
    enum Turn {
        Question(Option<String>),
        Answer(String),
    }
    let turns: Vec<Option<Turn>> = (0..n)
        .map(|i| {
            turn_lab(i).map(|l| match l {
                Lab::Q => Turn::Question(question_speaker.clone()),
                Lab::A => Turn::Answer(answer_marker_name.clone()),
                Lab::Generic(raw) => Turn::Question(Some(generic_name(raw))),
                Lab::Person(p) if interviewers.contains(p) => Turn::Question(Some(p.clone())),
                Lab::Person(p) => Turn::Answer(p.clone()),
                Lab::Open(_) => unreachable!("open labels are not turns"),
            })
        })
        .collect();
    let answer_idx: Vec<usize> = (0..n)
        .filter(|&i| matches!(turns[i], Some(Turn::Answer(_))))
        .collect();
    let first_answer = *answer_idx.first()?;
    let last_answer = *answer_idx.last()?;
    let first_turn = turns
        .iter()
        .position(Option::is_some)
        .unwrap_or(first_answer);
    let q_labelled = turns
        .iter()
        .filter(|t| matches!(t, Some(Turn::Question(_))))
        .count();
    // question headings inside the interview
    let head_q: Vec<usize> = (0..n)
        .filter(|&i| {
            matches!(cues[i].kind, BlockKind::Heading(_))
                && (cues[i].ends_q || matches!(labels.at[i], Some(Lab::Q)))
                && (i > first_turn || i + 1 == first_turn)
                && i < last_answer
        })
        .collect();

    // bare questions: the last unlabelled paragraph before each answer
    let mut bare_q: Vec<usize> = Vec::new();
    let mut bare_with_mark = 0usize;
    let mut gaps = 0usize;
    {
        let mut gap_last: Option<usize> = None;
        let mut seen_answer = false;
        let mut content_next = false;
        for i in 0..=last_answer {
            let only = cues[i].label.as_ref().is_some_and(|l| l.only) || labels.name_block[i];
            if content_next && turns[i].is_none() && cues[i].is_para() {
                content_next = false;
                continue;
            }
            content_next = turns[i].is_some() && only;
            match &turns[i] {
                Some(Turn::Answer(_)) => {
                    if let Some(g) = gap_last.take() {
                        if seen_answer || cues[g].ends_q {
                            gaps += 1;
                            bare_q.push(g);
                            if cues[g].ends_q {
                                bare_with_mark += 1;
                            }
                        }
                    }
                    seen_answer = true;
                }
                Some(Turn::Question(_)) => gap_last = None,
                None => match cues[i].kind {
                    BlockKind::Heading(_) => gap_last = None,
                    BlockKind::Para => {
                        let c = &cues[i];
                        if c.credit.is_some() || c.italic_whole && !c.ends_q {
                            gap_last = None;
                        } else if !c.pull {
                            gap_last = Some(i);
                        }
                    }
                    _ => {}
                },
            }
        }
    }
    let mut questions = vec![false; n];
    for &i in &head_q {
        questions[i] = true;
    }
    if q_labelled + head_q.len() < 2 {
        if bare_with_mark >= 2 && bare_with_mark * 2 >= gaps && answer_idx.len() >= 3 {
            for &i in &bare_q {
                questions[i] = true;
            }
        } else {
            return None;
        }
    }

    // slots
    let region = (0..n)
        .find(|&i| questions[i] || turns[i].is_some())
        .unwrap_or(first_turn);
    let mut slots = vec![Slot::Keep; n];
    let mut in_turn = false;
    for i in region..n {
        let c = &cues[i];
        if questions[i] {
            let cut = match cues[i].kind {
                BlockKind::Heading(_) => heading_q_label(&blocks[i].text()).unwrap_or(0),
                _ => 0,
            };
            slots[i] = Slot::Question {
                speaker: question_speaker.clone(),
                cut,
                answer: None,
            };
            in_turn = true;
            continue;
        }
        if let Some(t) = &turns[i] {
            let cut = if labels.name_block[i] {
                blocks[i].text().len()
            } else {
                c.label.as_ref().map_or(0, |l| l.cut)
            };
            slots[i] = match t {
                Turn::Question(s) => Slot::Question {
                    speaker: s.clone(),
                    cut,
                    answer: None,
                },
                Turn::Answer(s) => Slot::Answer {
                    speaker: s.clone(),
                    cut,
                },
            };
            in_turn = true;
            continue;
        }
        match c.kind {
            BlockKind::Heading(_) => in_turn = false,
            BlockKind::Para if c.pull => slots[i] = Slot::Quote,
            BlockKind::Para if c.credit.is_some() || (c.italic_whole && !c.ends_q) => {
                slots[i] = Slot::Stop;
                in_turn = false;
            }
            BlockKind::Para if in_turn || i <= last_answer => slots[i] = Slot::More,
            _ => {}
        }
    }

    // evidence: answers from recurring speakers; the questions ask (unless markers say they are
    // questions)
    let ev = Evidence::of(&slots, cues);
    if ev.answers < 2 || !ev.recurring() {
        return None;
    }
    if !has_markers && ev.asking * 2 < ev.questions {
        return None;
    }

    // speakers, in order of first turn; credited interviewers without turns at the end
    let mut cast = Cast::default();
    for (i, slot) in slots.iter().enumerate() {
        let label = labels.at[i]
            .as_ref()
            .and_then(|_| cues[i].label.as_ref().map(|l| l.raw.clone()))
            .or_else(|| labels.name_block[i].then(|| blocks[i].text().trim().to_string()));
        match slot {
            Slot::Answer { speaker, .. } => cast.add(speaker, Role::Interviewee, label.as_deref()),
            Slot::Question {
                speaker: Some(s), ..
            } => {
                let label = label.filter(|_| turns[i].is_some());
                cast.add(s, Role::Interviewer, label.as_deref())
            }
            _ => {}
        }
    }
    for c in &names.credits {
        cast.add(c, Role::Interviewer, None);
    }
    Some(Plan {
        speakers: cast.speakers,
        slots,
    })
}

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
use super::labels::{Lab, Labels};
use super::names::*;
use super::words::*;
use crate::document::{Article, Block, Role, Speaker};
use std::collections::HashMap;

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

// ---------------------------------------------------------------------------------------------
// typography marks the questions

/// Labels that recur: the turn labels of a transcript, not an interviewer's label on the first
/// question.
fn recurring_people(labels: &Labels) -> HashMap<&str, usize> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for lab in labels.at.iter().chain(&labels.answer_at).flatten() {
        if let Lab::Person(p) = lab {
            *count.entry(p.as_str()).or_default() += 1;
        }
    }
    count
}

/// Whether block `i` looks like a question in `style`.
fn candidate(
    cues: &[Cue],
    labels: &Labels,
    recurring: &HashMap<&str, usize>,
    i: usize,
    style: Style,
) -> bool {
    let c = &cues[i];
    let label_ok = match &labels.at[i] {
        None | Some(Lab::Q | Lab::Generic(_) | Lab::Open(_)) => true,
        Some(Lab::A) => false,
        Some(Lab::Person(p)) => {
            // an address ("Herr Probst: Wie …?") or an interviewer's label on one question
            c.label.as_ref().is_some_and(|l| core_words(&l.raw).0)
                || recurring.get(p.as_str()).copied().unwrap_or(0) <= 1
                || c.bold_whole
        }
    };
    if !label_ok || labels.name_block[i] {
        return false;
    }
    match style {
        Style::Emph(e) => {
            c.is_para()
                && c.emph == Some(e)
                && !c.pull
                && c.credit.is_none()
                && !c.aside
                && !c.name_only
                && (c.sentence || c.has_q)
        }
        Style::Heading(level) => {
            // a heading that asks, or a sentence ending like one ("Your website, please!"); not
            // an intertitle
            let text_end = c.sentence && c.ends_sentence;
            c.kind == BlockKind::Heading(level)
                && (c.has_q || text_end || matches!(labels.at[i], Some(Lab::Q | Lab::Open(_))))
        }
    }
}

/// The typographic style of the questions: the one with the most candidates that ask, at least two.
fn question_style(cues: &[Cue], labels: &Labels) -> Option<Style> {
    let recurring = recurring_people(labels);
    let mut counts: Vec<(Style, usize)> =
        vec![(Style::Emph(Emph::Bold), 0), (Style::Emph(Emph::Italic), 0)];
    for (i, c) in cues.iter().enumerate() {
        let style = match c.kind {
            BlockKind::Para => match c.emph {
                Some(e) => Style::Emph(e),
                None => continue,
            },
            BlockKind::Heading(l) => Style::Heading(l),
            _ => continue,
        };
        if !(c.has_q || matches!(labels.at[i], Some(Lab::Q))) {
            continue;
        }
        if !candidate(cues, labels, &recurring, i, style) {
            continue;
        }
        match counts.iter_mut().find(|(s, _)| *s == style) {
            Some(e) => e.1 += 1,
            None => counts.push((style, 1)),
        }
    }
    // the most; on a tie the earlier (bold before italic before headings)
    let best = counts
        .iter()
        .enumerate()
        .max_by_key(|(k, (_, n))| (*n, std::cmp::Reverse(*k)))
        .map(|(_, e)| *e)?;
    (best.1 >= 2).then_some(best.0)
}

/// The blocks that are questions in `style`: candidates that a paragraph answers, from the first
/// one that asks.
fn style_questions(
    cues: &[Cue],
    labels: &Labels,
    texts: &[std::borrow::Cow<'_, str>],
    style: Style,
) -> Vec<bool> {
    let n = cues.len();
    let recurring = recurring_people(labels);
    let cand: Vec<bool> = (0..n)
        .map(|i| candidate(cues, labels, &recurring, i, style))
        .collect();
    let mut is_q = vec![false; n];
    let mut started = false;
    let mut i = 0;
    while i < n {
        if !cand[i] {
            i += 1;
            continue;
        }
        // a group of consecutive candidates (images between them allowed)
        let mut j = i;
        let mut members = vec![i];
        while j + 1 < n && (cand[j + 1] || matches!(cues[j + 1].kind, BlockKind::Other)) {
            j += 1;
            if cand[j] {
                members.push(j);
            }
        }
        let last = *members.last().unwrap_or(&i);
        // the interview starts with a question that asks, carries a label, or speaks to someone
        let asks = members.iter().any(|&k| {
            cues[k].has_q
                || matches!(labels.at[k], Some(Lab::Q | Lab::Generic(_) | Lab::Open(_)))
                || speaks_to_someone(&texts[k])
        });
        let answered = cues[last].split.is_some() || answered_after(cues, labels, last);
        if (started || asks) && answered {
            started = true;
            for &k in &members {
                is_q[k] = true;
            }
        }
        i = j + 1;
    }
    is_q
}

/// Whether the first text block after block `i` is an answer: a paragraph that is not a credit,
/// a bio, a note or a question label.
fn answered_after(cues: &[Cue], labels: &Labels, i: usize) -> bool {
    for (k, c) in cues.iter().enumerate().skip(i + 1) {
        match c.kind {
            BlockKind::Other | BlockKind::Quote => continue,
            BlockKind::Heading(_) => return false,
            BlockKind::Para => {
                if c.aside || c.pull {
                    continue;
                }
                if matches!(labels.at[k], Some(Lab::Person(_) | Lab::A)) || labels.name_block[k] {
                    return true;
                }
                let stop = c.credit.is_some() || (c.italic_whole && !c.has_q) || c.name_only;
                let asks = matches!(labels.at[k], Some(Lab::Q | Lab::Generic(_)));
                return !stop && !asks;
            }
        }
    }
    false
}

/// A question that addresses someone: by name, or in the second person.
fn speaks_to_someone(text: &str) -> bool {
    addressed(text).is_some() || speaks_to(text)
}

/// Who is addressed at the start of a question: a surname after a personal prefix ("Frau
/// Beispiel, …"), or a first name followed by a comma ("Leslie, …"). The word, and whether it is a
/// first name.
fn addressed(text: &str) -> Option<(String, bool)> {
    let words: Vec<&str> = text.split_whitespace().take(40).collect();
    for (k, raw) in words.iter().enumerate() {
        let w = strip_invisible(
            raw.trim_start_matches(['„', '"', '“', '»', '«', '(', '–', '—', '¿', '¡']),
        );
        let bare = w.trim_end_matches(['.', ',']);
        if in_list(PREFIXES, bare) || in_list(ADDRESS_PREFIXES, bare) {
            if let Some(next) = words.get(k + 1) {
                let name = strip_invisible(next.trim_end_matches([',', '.', ':', '?', '!', ';']));
                if is_surname_like(&name) && !in_list(PREFIXES, &name) {
                    return Some((name.into_owned(), false));
                }
            }
        }
    }
    // "Leslie, …" at the very start
    let first = words.first()?;
    let first = strip_invisible(first.trim_start_matches(['–', '—', '¿', '¡']));
    let name = first.strip_suffix(',')?;
    (is_given_like(name) && !in_list(SENTENCE_OPENERS, name)).then(|| (name.to_string(), true))
}

/// A one-word name from an address, as a full name: the introduced names, the context, the rest of
/// the article; a surname that names nobody stays with its address ("Herr Sommer").
fn resolve_address(
    word: &str,
    first_name: bool,
    question: &str,
    names: &Names,
    blocks: &[Block],
) -> Option<String> {
    let by_last = |n: &&String| n.split_whitespace().last() == Some(word);
    let by_first = |n: &&String| n.split_whitespace().next() == Some(word);
    if first_name {
        if let [one] = names
            .intro
            .iter()
            .filter(by_first)
            .collect::<Vec<_>>()
            .as_slice()
        {
            return Some((*one).clone());
        }
        return names.ctx.name_from(word);
    }
    if let [one] = names
        .intro
        .iter()
        .filter(by_last)
        .collect::<Vec<_>>()
        .as_slice()
    {
        return Some((*one).clone());
    }
    if let Some(n) = names.ctx.names_for(word).into_iter().next() {
        return Some(n);
    }
    if let Some(n) = name_in_blocks(blocks, word) {
        return Some(n);
    }
    // "Frau Sommer": the form the question uses
    let prefix = question
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .find(|w| strip_invisible(w[1].trim_end_matches([',', '.', ':', '?', '!'])) == word)
        .map(|w| w[0].to_string())?;
    Some(format!("{prefix} {word}"))
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

fn typographic(
    article: &Article,
    cues: &[Cue],
    labels: &Labels,
    names: &Names,
    style: Style,
) -> Option<Plan> {
    let blocks = &article.blocks;
    let n = blocks.len();
    let texts: Vec<std::borrow::Cow<'_, str>> = blocks.iter().map(Block::text).collect();
    let is_q = style_questions(cues, labels, &texts, style);
    let first_q = is_q.iter().position(|&q| q)?;

    // people who answer under a label: from the paragraph before the first question to the
    // answer after the last one (not a label-shaped line in the intro or the boxes after it)
    let last_q = is_q.iter().rposition(|&q| q).unwrap_or(first_q);
    let span_start = (0..first_q)
        .rev()
        .find(|&k| !matches!(cues[k].kind, BlockKind::Other))
        .filter(|&k| cues[k].is_para())
        .unwrap_or(first_q);
    let span_end = (last_q + 1..n)
        .find(|&k| {
            let c = &cues[k];
            matches!(c.kind, BlockKind::Heading(_))
                || c.is_para()
                    && (c.credit.is_some()
                        || c.name_only
                        || (c.emph.is_some() && c.split.is_none() && !labels.name_block[k])
                        || c.label.as_ref().is_some_and(|l| l.only) && !labels.name_block[k])
        })
        .unwrap_or(n);
    let mut answer_people: Vec<String> = Vec::new();
    for (i, &q) in is_q.iter().enumerate().take(span_end).skip(span_start) {
        for lab in [&labels.at[i], &labels.answer_at[i]].into_iter().flatten() {
            if let Lab::Person(p) = lab {
                let asks = q && labels.at[i].as_ref() == Some(lab);
                if !asks && !answer_people.contains(p) {
                    answer_people.push(p.clone());
                }
            }
        }
    }

    // the label of each question: an address, a topic, or the interviewer's name
    let mut asker_label: Option<(String, String)> = None; // (name, label as written)
    let mut q_cut: Vec<usize> = vec![0; n];
    for i in (0..n).filter(|&i| is_q[i]) {
        let c = &cues[i];
        q_cut[i] = c.dash;
        let (Some(lab), Some(l)) = (&labels.at[i], &c.label) else {
            continue;
        };
        let prefixed = core_words(&l.raw).0;
        let first = i == first_q;
        let interviewer = match lab {
            Lab::Q => {
                q_cut[i] = l.cut;
                continue;
            }
            Lab::A => continue,
            Lab::Generic(raw) => Some(raw.clone()),
            Lab::Person(p)
                if !prefixed && !answer_people.contains(p) && !names.intro.contains(p) =>
            {
                (first || asker_label.as_ref().is_some_and(|(a, _)| a == p)).then(|| p.clone())
            }
            Lab::Open(raw) if first || asker_label.as_ref().is_some_and(|(_, a)| a == raw) => {
                Some(raw.clone())
            }
            _ => None,
        };
        if let Some(name) = interviewer {
            q_cut[i] = l.cut;
            if asker_label.is_none() {
                asker_label = Some((name, l.raw.clone()));
            }
        }
    }
    let credit_name = |raw: &str| -> String {
        // a generic label ("Redaktion") stands for the one credited interviewer
        if in_list(GENERIC_INTERVIEWER, raw) && names.credited {
            if let [one] = names.credits.as_slice() {
                return one.clone();
            }
        }
        raw.to_string()
    };
    let question_speaker: Option<String> = match &asker_label {
        Some((name, _)) => Some(credit_name(name)),
        None => default_asker(names),
    };

    // the interviewee(s): labelled answers, else the one the questions address, the one introduced,
    // the one the context mentions most
    let asker_names: Vec<&String> = question_speaker.iter().chain(&names.credits).collect();
    let mut addressed_count: Vec<(String, usize)> = Vec::new();
    let mut q_address: Vec<Option<String>> = vec![None; n];
    for i in (0..n).filter(|&i| is_q[i]) {
        let text = blocks[i].text();
        let end = cues[i].split.unwrap_or(text.len()).min(text.len());
        let q = text.get(q_cut[i]..end).unwrap_or("");
        if let Some((w, first_name)) = addressed(q) {
            if let Some(name) = resolve_address(&w, first_name, q, names, blocks) {
                let name = answer_people
                    .iter()
                    .find(|p| p.split_whitespace().last() == name.split_whitespace().last())
                    .cloned()
                    .unwrap_or(name);
                if asker_names.contains(&&name) {
                    continue;
                }
                match addressed_count.iter_mut().find(|(x, _)| *x == name) {
                    Some(e) => e.1 += 1,
                    None => addressed_count.push((name.clone(), 1)),
                }
                q_address[i] = Some(name);
            }
        }
    }
    addressed_count.sort_by_key(|e| std::cmp::Reverse(e.1));
    let not_asker = |x: &&String| !asker_names.contains(x);
    let introduced: Vec<&String> = names.intro.iter().filter(not_asker).collect();
    let interviewee: Option<String> = match answer_people.as_slice() {
        [one] => Some(one.clone()),
        [_, _, ..] => None,
        [] => addressed_count
            .first()
            .map(|e| e.0.clone())
            .or_else(|| match introduced.as_slice() {
                [one] => Some((*one).clone()),
                _ => None,
            })
            .or_else(|| names.ctx.dominant().filter(|d| !asker_names.contains(&d)))
            .or_else(|| {
                // the one person the lead or the paragraphs before the interview name (not a
                // headline's capitalised nouns: "Maduros Entführung")
                names.ctx.only_other(&asker_names).filter(|p| {
                    let surname = p.split_whitespace().last().unwrap_or("").to_lowercase();
                    !NOUN_SUFFIXES.iter().any(|s| surname.ends_with(s))
                        && (article
                            .lead
                            .as_deref()
                            .is_some_and(|l| l.contains(p.as_str()))
                            || texts[..first_q].iter().any(|t| t.contains(p.as_str())))
                })
            }),
    };
    let fallback = interviewee
        .clone()
        .unwrap_or_else(|| answer_word(article).to_string());

    // labels shaped like names that name nobody, on answers ("Schulen:" next to "Digitale Akte:"),
    // are topics
    let open_labels = (0..n)
        .filter(|&i| {
            !is_q[i]
                && !cues[i].aside
                && matches!(labels.at[i], Some(Lab::Open(_)))
                && cues[i]
                    .label
                    .as_ref()
                    .is_some_and(|l| l.kind == LabelKind::Person)
        })
        .count();
    let person_labels = (0..n)
        .filter(|&i| !is_q[i] && matches!(labels.at[i], Some(Lab::Person(_))))
        .count();
    if open_labels > 0 && open_labels * 4 > person_labels {
        return None;
    }

    // slots
    let mut slots = vec![Slot::Keep; n];
    #[derive(Clone, PartialEq)]
    enum Open {
        None,
        Q(usize),
        A(String),
    }
    let mut open = Open::None;
    let mut last_answerer: Option<String> = None;
    let region = (0..n)
        .find(|&i| {
            is_q[i]
                || (cues[i].is_para()
                    && matches!(&labels.at[i], Some(Lab::Person(p)) if answer_people.contains(p)))
        })
        .unwrap_or(first_q);
    let answerer_for = |q: usize, last: &Option<String>| -> String {
        if let Some(a) = &q_address[q] {
            if answer_people.is_empty() || answer_people.contains(a) {
                return a.clone();
            }
        }
        match answer_people.as_slice() {
            [one] => one.clone(),
            [] => fallback.clone(),
            _ => last.clone().unwrap_or_else(|| fallback.clone()),
        }
    };
    let answer_of = |lab: &Option<Lab>| -> Option<String> {
        match lab {
            Some(Lab::Person(p)) if answer_people.contains(p) => Some(p.clone()),
            Some(Lab::A) => Some(fallback.clone()),
            _ => None,
        }
    };
    // labelled answers, and questions with a question marker
    let (mut answer_labels, mut q_markers) = (0usize, 0usize);
    // whether the first answer carries a label (None: no answer yet)
    let mut first_answer_labelled: Option<bool> = None;
    for i in region..n {
        let c = &cues[i];
        if is_q[i] {
            let answer = c.split.map(|s| {
                let lab = &labels.answer_at[i];
                let who = answer_of(lab).unwrap_or_else(|| answerer_for(i, &last_answerer));
                let cut = match (lab, &c.answer_label) {
                    (Some(Lab::Person(_) | Lab::A), Some(l)) => l.cut,
                    _ => s,
                };
                (who, cut)
            });
            if let Some((who, _)) = &answer {
                first_answer_labelled.get_or_insert(labels.answer_at[i].is_some());
                last_answerer = Some(who.clone());
                open = Open::A(who.clone());
            } else {
                open = Open::Q(i);
            }
            q_markers += usize::from(matches!(labels.at[i], Some(Lab::Q)));
            answer_labels += usize::from(labels.answer_at[i].is_some());
            slots[i] = Slot::Question {
                speaker: question_speaker.clone(),
                cut: q_cut[i],
                answer,
            };
            continue;
        }
        match c.kind {
            BlockKind::Heading(_) => {
                open = Open::None;
                continue;
            }
            BlockKind::Quote | BlockKind::Other => continue,
            BlockKind::Para => {}
        }
        if c.pull {
            slots[i] = Slot::Quote;
            continue;
        }
        if let Some(who) = answer_of(&labels.at[i]) {
            let cut = c.label.as_ref().map_or(c.dash, |l| l.cut);
            slots[i] = Slot::Answer {
                speaker: who.clone(),
                cut: if labels.name_block[i] {
                    blocks[i].text().len()
                } else {
                    cut
                },
            };
            answer_labels += 1;
            first_answer_labelled.get_or_insert(true);
            last_answerer = Some(who.clone());
            open = Open::A(who);
            continue;
        }
        if c.credit.is_some() || c.name_only || (c.italic_whole && !c.has_q) {
            slots[i] = Slot::Stop;
            open = Open::None;
            continue;
        }
        if c.aside {
            continue;
        }
        // set in bold or italic as a whole but no question, or a label alone that names no
        // speaker: an intertitle, a box, a call to action; it ends the turn
        if (c.emph.is_some() && c.split.is_none()) || c.label.as_ref().is_some_and(|l| l.only) {
            open = Open::None;
            continue;
        }
        if i > last_q && open == Open::None {
            continue;
        }
        match &open {
            Open::Q(q) => {
                let who = answerer_for(*q, &last_answerer);
                first_answer_labelled.get_or_insert(false);
                slots[i] = Slot::Answer {
                    speaker: who.clone(),
                    cut: c.dash,
                };
                last_answerer = Some(who.clone());
                open = Open::A(who);
            }
            Open::A(_) => slots[i] = Slot::More,
            Open::None => {}
        }
    }

    // evidence
    let ev = Evidence::of(&slots, cues);
    let dashes = (region..n)
        .filter(|&i| cues[i].is_para() && !matches!(slots[i], Slot::Keep | Slot::Stop))
        .fold((0usize, 0usize), |(d, t), i| {
            (d + usize::from(cues[i].dash > 0 && !cues[i].stamp), t + 1)
        });
    // every turn opened by a dash: the turns are marked as clearly as by labels, and such
    // interviews often prompt with statements
    let dashed = dashes.1 >= 4 && dashes.0 * 10 >= dashes.1 * 8;
    // the turns carry marks: the interviewer's label on the first question, labels on the
    // answers, question markers, dashes (a label on one paragraph alone is no mark: a quote)
    // (the interviewer's label counts with a labelled first answer: "taz: …?" / "Name: …"; a
    // topic before the first question's colon has none)
    let first_pair = asker_label.is_some() && first_answer_labelled == Some(true);
    let marked = first_pair || answer_labels >= 2 || q_markers >= 2 || dashed;
    if ev.questions < 2 || ev.answers < 2 || ev.exchanges < 2 || !ev.recurring() {
        return None;
    }
    if marked {
        let share = if dashed { 3 } else { 2 };
        if ev.asking * share < ev.questions {
            return None;
        }
    } else {
        if ev.questions < 3 || ev.asking * 10 < ev.questions * 6 {
            return None;
        }
        // without any mark: the questions speak to someone and the answers speak for themselves
        // (an FAQ's questions do not, an explainer's answers do not), and someone is named or
        // the text calls itself an interview
        let introduced_and_addressed = introduced.len() == 1
            && (names.says_interview || addressed_count.iter().any(|(a, _)| a == introduced[0]));
        let named = !addressed_count.is_empty() || introduced.len() == 1 || names.says_interview;
        // the turns are read only when the names do not decide, and only as far as needed
        if !introduced_and_addressed
            && !(named
                && ev.answers_speak(blocks, &slots)
                && (!addressed_count.is_empty()
                    || names.says_interview
                    || ev.questions_speak(blocks, &slots)))
        {
            return None;
        }
    }

    // speakers, in order of first turn; credited interviewers without turns at the end
    let mut cast = Cast::default();
    for (i, slot) in slots.iter().enumerate() {
        match slot {
            Slot::Question {
                speaker, answer, ..
            } => {
                if let Some(s) = speaker {
                    let label = asker_label
                        .as_ref()
                        .filter(|_| q_cut[i] > cues[i].dash)
                        .map(|(_, l)| l.as_str());
                    cast.add(s, Role::Interviewer, label);
                }
                if let Some((who, _)) = answer {
                    let label = cues[i].answer_label.as_ref().map(|l| l.raw.as_str());
                    cast.add(who, Role::Interviewee, label);
                }
            }
            Slot::Answer { speaker, .. } => {
                let label = cues[i]
                    .label
                    .as_ref()
                    .filter(|_| labels.at[i].is_some())
                    .map(|l| l.raw.clone())
                    .or_else(|| labels.name_block[i].then(|| blocks[i].text().trim().to_string()));
                cast.add(speaker, Role::Interviewee, label.as_deref());
            }
            _ => {}
        }
    }
    if names.credited {
        for c in &names.credits {
            cast.add(c, Role::Interviewer, None);
        }
    }
    Some(Plan {
        speakers: cast.speakers,
        slots,
    })
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

// ---------------------------------------------------------------------------------------------
// labels mark the turns

fn labelled(article: &Article, cues: &[Cue], labels: &Labels, names: &Names) -> Option<Plan> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_at_the_start_of_questions() {
        assert_eq!(
            addressed("Frau Beispiel, wie fing es an?"),
            Some(("Beispiel".into(), false))
        );
        assert_eq!(
            addressed("Und Sie, Herr Probst: Was sagen Sie?"),
            Some(("Probst".into(), false))
        );
        assert_eq!(
            addressed("Leslie, du hast viel ausprobiert. Was blieb?"),
            Some(("Leslie".into(), true))
        );
        assert_eq!(addressed("Also, was bleibt?"), None);
        assert_eq!(addressed("Was bleibt?"), None);
    }

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

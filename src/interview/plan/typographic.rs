//! Planning when typography marks the questions: bold or italic paragraphs (whole, or a leading
//! sentence with the answer after it), or headings of one level; the answers are the plain
//! paragraphs after them, their speakers named by labels, an address, an introduction or the
//! context.

use crate::document::{Article, Block, Role};
use crate::interview::cues::*;
use crate::interview::labels::{Lab, Labels};
use crate::interview::names::*;
use crate::interview::words::*;
use std::collections::HashMap;

use super::{answer_word, default_asker, Cast, Evidence, Plan, Slot, Style};

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
pub(super) fn question_style(cues: &[Cue], labels: &Labels) -> Option<Style> {
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
    // the one name of the introduction whose first (or last) word this is
    let only = |pick: fn(&str) -> Option<&str>| match names
        .intro
        .iter()
        .filter(|n| pick(n) == Some(word))
        .collect::<Vec<_>>()
        .as_slice()
    {
        [one] => Some((*one).clone()),
        _ => None,
    };
    if first_name {
        return only(|n| n.split_whitespace().next()).or_else(|| names.ctx.name_from(word));
    }
    if let Some(one) = only(|n| n.split_whitespace().last()) {
        return Some(one);
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

pub(super) fn typographic(
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
}

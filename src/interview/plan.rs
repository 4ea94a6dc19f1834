//! Stage 3, planning the turns: which block becomes a question, an answer, a continuation.

use super::cues::*;
use super::names::*;
use crate::document::{Article, Block, Role, Speaker};
use std::collections::HashMap;

// ---------------------------------------------------------------------------------------------
// the plan: which block becomes what

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum QStyle {
    /// Questions carry labels (`Frage:`, an interviewer's name) or are headings.
    Explicit,
    /// Questions are paragraphs set in bold.
    Bold,
    /// Questions carry no markup: the last unlabelled paragraph before each answer.
    Bare,
}

#[derive(Clone, Debug)]
pub(super) enum Turn {
    Question(Option<String>),
    Answer(String),
}

pub(super) struct Plan {
    pub(super) speakers: Vec<Speaker>,
    /// Per block: the turn a labelled paragraph starts, with its label cut.
    pub(super) turns: Vec<Option<(Turn, usize)>>,
    /// Per block: an unlabelled paragraph (or heading) that is a question.
    pub(super) questions: Vec<bool>,
    pub(super) region_start: usize,
    pub(super) question_speaker: Option<String>,
}

pub(super) fn plan(article: &Article) -> Option<Plan> {
    plan_labelled(article).or_else(|| plan_unlabelled(article))
}

/// Interviews whose turns carry labels.
pub(super) fn plan_labelled(article: &Article) -> Option<Plan> {
    let blocks = &article.blocks;
    let mut infos: Vec<Info> = blocks.iter().map(analyze).collect();
    // a label-only paragraph asks or answers with the paragraph that follows it
    for i in 0..infos.len().saturating_sub(1) {
        let only = infos[i].label.as_ref().is_some_and(|l| l.only);
        if only && infos[i + 1].is_para && infos[i + 1].label.is_none() {
            infos[i].ends_q = infos[i + 1].ends_q;
        }
    }
    let first_label = infos.iter().position(|i| i.label.is_some())?;

    // interviewer credits
    let mut credits: Vec<String> = Vec::new();
    let byline_credit = article.byline.as_deref().and_then(credit_names);
    for names in infos
        .iter()
        .filter_map(|i| i.credit.as_ref())
        .chain(byline_credit.as_ref())
    {
        for n in names {
            if !credits.contains(n) && credits.len() < 16 {
                credits.push(n.clone());
            }
        }
    }

    let (ctx, intro) = context(article, first_label);
    if credits.is_empty() {
        credits = ctx.asker_names();
        credits.truncate(2);
    }

    // full names used as labels, indexed by their last and first word
    let mut full_labels = FullNames::default();
    for l in infos.iter().filter_map(|i| i.label.as_ref()) {
        if l.kind == LabelKind::Person {
            let (_, core) = core_words(&l.raw);
            if core.len() >= 2 {
                full_labels.add(core.join(" "));
            }
        }
    }

    let mut cache: HashMap<String, Option<String>> = HashMap::new();
    let mut resolve = |raw: &str| -> Option<String> {
        if let Some(r) = cache.get(raw) {
            return r.clone();
        }
        let r = resolve_label(raw, &full_labels, &credits, &intro, &ctx);
        cache.insert(raw.to_string(), r.clone());
        r
    };

    // provisional turns
    #[derive(Clone)]
    enum P {
        Q,
        A,
        Generic(String),
        Person(String),
    }
    let mut prov: Vec<Option<P>> = vec![None; blocks.len()];
    let mut german = false;
    for (i, info) in infos.iter().enumerate() {
        let Some(l) = &info.label else { continue };
        prov[i] = match l.kind {
            LabelKind::Question => {
                german |= l.raw.to_lowercase().starts_with('f');
                Some(P::Q)
            }
            LabelKind::Answer => {
                german |= l.raw.to_lowercase().starts_with("antw");
                Some(P::A)
            }
            LabelKind::Generic => Some(P::Generic(l.raw.clone())),
            LabelKind::Person => resolve(&l.raw).map(P::Person),
        };
    }

    // a question set entirely in bold may start with an address or a topic and a colon
    // ("Herr Probst: Wie sehen Sie das?", "Digitalisierung: Wo stehen Sie?"): not a label
    for (info, p) in infos.iter_mut().zip(prov.iter_mut()) {
        let drop = info.bold_whole
            && info.label.as_ref().is_some_and(|l| {
                !l.only && l.kind == LabelKind::Person && (p.is_none() || core_words(&l.raw).0)
            });
        if drop {
            info.label = None;
            *p = None;
        }
    }

    // a one-word label that names nobody but recurs and mostly asks ("SZ:", "Kommunal:") is a
    // publication asking the questions
    {
        let mut single: HashMap<&str, (usize, usize)> = HashMap::new();
        for (i, info) in infos.iter().enumerate() {
            if let (None, Some(l)) = (&prov[i], &info.label) {
                if l.kind == LabelKind::Person && core_words(&l.raw) == (false, vec![l.raw.trim()])
                {
                    let e = single.entry(l.raw.trim()).or_insert((0, 0));
                    e.0 += 1;
                    e.1 += usize::from(info.ends_q);
                }
            }
        }
        // a surname the text also uses with a personal prefix ("Frau Sommer, wie …?") is a
        // person whose full name is never given: named by that form
        let addressed = if single.is_empty() {
            HashMap::new()
        } else {
            addressed_forms(blocks, &single)
        };
        for (i, info) in infos.iter().enumerate() {
            if let (None, Some(l)) = (&prov[i], &info.label) {
                let w = l.raw.trim();
                if let Some(&(n, q)) = single.get(w) {
                    if n >= 2 && q * 10 >= n * 7 {
                        prov[i] = Some(P::Person(w.to_string()));
                    } else if let Some(form) = addressed.get(w).filter(|_| n >= 2) {
                        prov[i] = Some(P::Person(form.clone()));
                    }
                }
            }
        }
    }

    // labels shaped like names that name nobody ("Schulen:", "Digitale Akte:" next to them) mean
    // the labels are topics, not speakers
    let unresolved = infos
        .iter()
        .zip(&prov)
        .filter(|(i, p)| {
            p.is_none()
                && i.label
                    .as_ref()
                    .is_some_and(|l| l.kind == LabelKind::Person)
        })
        .count();
    let resolved = prov.iter().filter(|p| p.is_some()).count();
    if unresolved * 4 > resolved {
        return None;
    }

    // per person statistics, in order of first turn
    let mut order: Vec<String> = Vec::new();
    let mut stats: HashMap<String, (usize, usize)> = HashMap::new(); // (turns, ending in ?)
    for (i, p) in prov.iter().enumerate() {
        if let Some(P::Person(n)) = p {
            let e = stats.entry(n.clone()).or_insert((0, 0));
            if e.0 == 0 {
                order.push(n.clone());
            }
            e.0 += 1;
            if infos[i].ends_q {
                e.1 += 1;
            }
        }
    }
    if order.is_empty() && !prov.iter().any(|p| matches!(p, Some(P::A | P::Q))) {
        return None;
    }

    // roles
    let mut interviewers: Vec<String> = Vec::new();
    for n in &order {
        if credits.contains(n) {
            interviewers.push(n.clone());
        }
    }
    let has_generic = prov.iter().any(|p| matches!(p, Some(P::Generic(_))));
    if interviewers.is_empty() && !has_generic {
        // the speaker whose turns mostly end in "?"
        let ratio = |n: &String| {
            let (t, q) = stats[n];
            q as f64 / t as f64
        };
        let best = order
            .iter()
            .filter(|n| stats[*n].0 >= 2 && !intro.contains(n))
            .max_by(|a, b| ratio(a).total_cmp(&ratio(b)));
        if let Some(b) = best {
            let r = ratio(b);
            let others_max = order
                .iter()
                .filter(|n| *n != b)
                .map(ratio)
                .fold(0.0, f64::max);
            if r >= 0.6 && others_max <= r - 0.3 {
                interviewers.push(b.clone());
            }
        }
    }

    // turns
    let generic_name = |raw: &str| -> String {
        if credits.len() == 1 {
            credits[0].clone()
        } else {
            raw.to_string()
        }
    };
    let mut all_interviewers: Vec<String> = interviewers.clone();
    for p in prov.iter().flatten() {
        if let P::Generic(raw) = p {
            let n = generic_name(raw);
            if !all_interviewers.contains(&n) {
                all_interviewers.push(n);
            }
        }
    }
    for c in &credits {
        if !all_interviewers.contains(c) {
            all_interviewers.push(c.clone());
        }
    }
    let question_speaker = if all_interviewers.len() == 1 {
        Some(all_interviewers[0].clone())
    } else {
        None
    };
    let answer_marker_name = if intro.len() == 1 {
        intro[0].clone()
    } else if german {
        "Antwort".to_string()
    } else {
        "Answer".to_string()
    };

    let mut turns: Vec<Option<(Turn, usize)>> = vec![None; blocks.len()];
    for (i, p) in prov.iter().enumerate() {
        let Some(p) = p else { continue };
        let cut = infos[i].label.as_ref().map(|l| l.cut).unwrap_or(0);
        let t = match p {
            P::Q => Turn::Question(question_speaker.clone()),
            P::A => Turn::Answer(answer_marker_name.clone()),
            P::Generic(raw) => Turn::Question(Some(generic_name(raw))),
            P::Person(n) if interviewers.contains(n) => Turn::Question(Some(n.clone())),
            P::Person(n) => Turn::Answer(n.clone()),
        };
        turns[i] = Some((t, cut));
    }

    // evidence
    let answer_idx: Vec<usize> = (0..blocks.len())
        .filter(|&i| matches!(turns[i], Some((Turn::Answer(_), _))))
        .collect();
    let first_answer = *answer_idx.first()?;
    let last_answer = *answer_idx.last()?;
    if answer_idx.len() < 2 {
        return None;
    }
    let mut per_answerer: HashMap<&str, usize> = HashMap::new();
    for &i in &answer_idx {
        if let Some((Turn::Answer(n), _)) = &turns[i] {
            *per_answerer.entry(n.as_str()).or_default() += 1;
        }
    }
    let recurring: usize = per_answerer.values().filter(|&&c| c >= 2).sum();
    if recurring == 0 || recurring * 10 < answer_idx.len() * 6 {
        return None;
    }
    let q_labelled = turns
        .iter()
        .filter(|t| matches!(t, Some((Turn::Question(_), _))))
        .count();
    let first_turn = turns
        .iter()
        .position(|t| t.is_some())
        .unwrap_or(first_answer);
    let head_q: Vec<usize> = (0..blocks.len())
        .filter(|&i| {
            matches!(&blocks[i], Block::Heading { text, .. }
                if ends_with_question(text) || heading_q_label(text).is_some())
                && (i > first_turn || i + 1 == first_turn)
                && i < last_answer
        })
        .collect();

    // bold questions: after the first answer, plus the bold run right before it
    let mut bold_q: Vec<usize> = Vec::new();
    {
        let mut j = first_answer;
        while j > 0 {
            let inf = &infos[j - 1];
            if inf.is_para && inf.label.is_none() && inf.bold_whole && inf.credit.is_none() {
                j -= 1;
            } else {
                break;
            }
        }
        let run_start = if j == 0 && article.lead.is_none() && first_answer > 1 {
            1
        } else {
            j
        };
        for (i, inf) in infos.iter().enumerate().take(last_answer).skip(run_start) {
            if inf.is_para
                && inf.label.is_none()
                && inf.bold_whole
                && inf.credit.is_none()
                && !inf.pull
                && (i > first_answer || i >= run_start)
            {
                bold_q.push(i);
            }
        }
    }

    // bare questions: the last unlabelled paragraph before each answer
    let mut bare_q: Vec<usize> = Vec::new();
    let mut bare_with_mark = 0usize;
    let mut gaps = 0usize;
    {
        let mut gap_last: Option<usize> = None;
        let mut seen_answer = false;
        // the paragraph after a label-only turn is that turn's text
        let mut content_next = false;
        for i in 0..=last_answer {
            let only = infos[i].label.as_ref().is_some_and(|l| l.only);
            if content_next && turns[i].is_none() && infos[i].is_para {
                content_next = false;
                continue;
            }
            content_next = turns[i].is_some() && only;
            match &turns[i] {
                Some((Turn::Answer(_), _)) => {
                    if let Some(g) = gap_last.take() {
                        if seen_answer || infos[g].ends_q {
                            gaps += 1;
                            bare_q.push(g);
                            if infos[g].ends_q {
                                bare_with_mark += 1;
                            }
                        }
                    }
                    seen_answer = true;
                }
                Some((Turn::Question(_), _)) => gap_last = None,
                None => match &blocks[i] {
                    Block::Heading { .. } => gap_last = None,
                    Block::Paragraph { .. } => {
                        let inf = &infos[i];
                        if inf.credit.is_some() || inf.italic_whole && !inf.ends_q {
                            gap_last = None;
                        } else if !inf.pull {
                            gap_last = Some(i);
                        }
                    }
                    _ => {}
                },
            }
        }
    }

    let style = if q_labelled + head_q.len() >= 2 {
        QStyle::Explicit
    } else if bold_q.len() >= 2 {
        QStyle::Bold
    } else if bare_with_mark >= 2 && bare_with_mark * 2 >= gaps && answer_idx.len() >= 3 {
        QStyle::Bare
    } else {
        return None;
    };

    let mut questions = vec![false; blocks.len()];
    for &i in &head_q {
        questions[i] = true;
    }
    match style {
        QStyle::Explicit => {}
        QStyle::Bold => bold_q.iter().for_each(|&i| questions[i] = true),
        QStyle::Bare => bare_q.iter().for_each(|&i| questions[i] = true),
    }
    let region_start = (0..blocks.len())
        .find(|&i| questions[i] || turns[i].is_some())
        .unwrap_or(first_turn);

    // speakers, in order of first turn; credited interviewers without turns at the end
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut speaker_idx: HashMap<String, usize> = HashMap::new();
    let mut add = |name: &str, role: Role, label: Option<&str>| {
        let idx = match speaker_idx.get(name) {
            Some(&p) => p,
            None => {
                speaker_idx.insert(name.to_string(), speakers.len());
                speakers.push(Speaker {
                    name: name.to_string(),
                    role,
                    labels: Vec::new(),
                });
                speakers.len() - 1
            }
        };
        if let Some(l) = label {
            let l = l.trim().to_string();
            if !l.is_empty() && !speakers[idx].labels.contains(&l) {
                speakers[idx].labels.push(l);
            }
        }
    };
    for i in 0..blocks.len() {
        let label = infos[i].label.as_ref().map(|l| l.raw.as_str());
        match &turns[i] {
            Some((Turn::Answer(n), _)) => add(n, Role::Interviewee, label),
            Some((Turn::Question(Some(n)), _)) => add(n, Role::Interviewer, label),
            None if questions[i] => {
                if let Some(n) = &question_speaker {
                    add(n, Role::Interviewer, None)
                }
            }
            _ => {}
        }
    }
    for c in &credits {
        add(c, Role::Interviewer, None);
    }

    Some(Plan {
        speakers,
        turns,
        questions,
        region_start,
        question_speaker,
    })
}

/// Interviews without any labels: questions in bold (or as headings ending in `?`), answers as
/// plain paragraphs. Only with strong cues: at least three questions, mostly ending in `?`, each
/// answered; exactly one interviewee introduced in the title/lead ("sprach mit Ina Lorenz",
/// "talked to …", "… im Interview"); and the text calls itself an interview/Gespräch or a question
/// addresses the interviewee by surname.
pub(super) fn plan_unlabelled(article: &Article) -> Option<Plan> {
    let blocks = &article.blocks;
    let infos: Vec<Info> = blocks.iter().map(analyze).collect();
    if infos
        .iter()
        .any(|i| i.label.is_some() && !i.bold_whole && i.credit.is_none())
    {
        return None;
    }
    let is_q = |i: usize| -> bool {
        let inf = &infos[i];
        (inf.is_para && inf.bold_whole && inf.credit.is_none() && !inf.pull)
            || matches!(&blocks[i], Block::Heading { text, .. } if ends_with_question(text))
    };
    let qs: Vec<usize> = (0..blocks.len()).filter(|&i| is_q(i)).collect();
    if qs.len() < 3 {
        return None;
    }
    let marked = qs
        .iter()
        .filter(|&&i| ends_with_question(&blocks[i].text()))
        .count();
    if marked * 3 < qs.len() * 2 {
        return None;
    }
    let (ctx, _) = context(article, qs[0]);
    let intro = ctx.interviewee_names();
    let [name] = intro.as_slice() else {
        return None;
    };
    let surname = name.split_whitespace().last().unwrap_or(name);
    let mut cue = String::new();
    for s in [
        Some(article.title.as_str()),
        article.kicker.as_deref(),
        article.lead.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        cue.push_str(&s.to_lowercase());
        cue.push(' ');
    }
    for b in blocks[..qs[0]].iter().take(3) {
        cue.push_str(&b.text().to_lowercase());
        cue.push(' ');
    }
    let says_interview = ["interview", "gespräch", "conversation", "q&a"]
        .iter()
        .any(|w| cue.contains(w));
    let addressed = qs.iter().any(|&i| blocks[i].text().contains(surname));
    if !says_interview && !addressed {
        return None;
    }

    let mut credits: Vec<String> = Vec::new();
    for names in infos.iter().filter_map(|i| i.credit.as_ref()) {
        for n in names {
            if !credits.contains(n) && credits.len() < 16 {
                credits.push(n.clone());
            }
        }
    }
    if let Some(names) = article.byline.as_deref().and_then(credit_names) {
        for n in names {
            if !credits.contains(&n) && credits.len() < 16 {
                credits.push(n);
            }
        }
    }
    let question_speaker = match credits.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    };

    let mut questions = vec![false; blocks.len()];
    let mut turns: Vec<Option<(Turn, usize)>> = vec![None; blocks.len()];
    let mut answered = 0;
    for (k, &q) in qs.iter().enumerate() {
        questions[q] = true;
        let stop = qs.get(k + 1).copied().unwrap_or(blocks.len());
        let answer = (q + 1..stop).find(|&j| {
            let inf = &infos[j];
            inf.is_para && !inf.pull && inf.credit.is_none() && !inf.italic_whole
        });
        if let Some(j) = answer {
            turns[j] = Some((Turn::Answer(name.clone()), 0));
            answered += 1;
        }
    }
    if answered * 4 < qs.len() * 3 || answered < 3 {
        return None;
    }
    let mut speakers = Vec::new();
    if let Some(q) = &question_speaker {
        speakers.push(Speaker {
            name: q.clone(),
            role: Role::Interviewer,
            labels: Vec::new(),
        });
    }
    speakers.push(Speaker {
        name: name.clone(),
        role: Role::Interviewee,
        labels: Vec::new(),
    });
    for c in &credits {
        if question_speaker.as_ref() != Some(c) {
            speakers.push(Speaker {
                name: c.clone(),
                role: Role::Interviewer,
                labels: Vec::new(),
            });
        }
    }
    Some(Plan {
        speakers,
        turns,
        questions,
        region_start: qs[0],
        question_speaker,
    })
}

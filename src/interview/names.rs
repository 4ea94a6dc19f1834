//! Stage 2, names and roles: what the text around the interview says about who is who.
//!
//! The title, kicker, lead, byline and the paragraphs before the first turn become a token index
//! (`Ctx`). On it: names introduced as interviewees ("sprach mit Leslie Beispiel", "talked to …",
//! "Leslie Beispiel im Interview", "Fünf Fragen an …", "we spoke with Beispiel about",
//! "Wir haben mit … gesprochen", a headline "Leslie Beispiel: „…“" or "Leslie Beispiel über …"),
//! names introduced as the ones asking ("Svenja Kortum sprach mit …", "X interviews Y",
//! "X ist sich im Gespräch mit Y sicher": Y asks), credit lines, a byline that names a person, and
//! whether the text calls itself an interview. Labels resolve against these names.

use super::cues::*;
use super::words::*;
use crate::document::{Article, Block};
use std::collections::HashMap;

// ---------------------------------------------------------------------------------------------
// context: title, kicker, lead, byline, intro paragraphs

#[derive(Debug)]
pub(super) struct Tok {
    pub(super) w: String,
    /// Punctuation separates this token from the previous one.
    pub(super) brk: bool,
    /// The previous token ended with a comma (an apposition may start here).
    pub(super) comma: bool,
}

pub(super) struct Ctx {
    pub(super) toks: Vec<Tok>,
    pub(super) index: HashMap<String, Vec<usize>>,
}

pub(super) const LEAD_PUNCT: &[char] = &[
    '„', '"', '“', '”', '»', '«', '(', '[', '‚', '\'', '‘', '’', '–', '—', '-',
];
pub(super) const TRAIL_PUNCT: &[char] = &[
    ',', '.', ';', ':', '!', '?', '“', '”', '"', ')', ']', '«', '»', '‘', '’', '\'', '–', '—',
];

impl Ctx {
    pub(super) fn new(s: &str) -> Ctx {
        let clean = strip_invisible(s);
        let s: &str = &clean;
        let mut toks = Vec::new();
        let mut prev_trail = true;
        let mut prev_comma = false;
        for raw in s.split_whitespace() {
            let l = raw.trim_start_matches(LEAD_PUNCT);
            let w = l.trim_end_matches(TRAIL_PUNCT);
            // an English possessive ends the name: "Leslie Beispiel’s book"
            let w = match w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")) {
                Some(b)
                    if b.chars().next().is_some_and(char::is_uppercase)
                        && b.chars().count() >= 2 =>
                {
                    b
                }
                _ => w,
            };
            let trail = &l[w.len()..];
            let brk = prev_trail || l.len() != raw.len();
            if w.is_empty() {
                prev_trail = true;
                prev_comma = raw.contains(',');
                continue;
            }
            // an initial or a prefix with its dot does not end a name
            let keeps = trail == "." && (is_initial(w) || in_list(PREFIXES, w));
            prev_trail = !trail.is_empty() && !keeps;
            toks.push(Tok {
                w: w.to_string(),
                brk,
                comma: prev_comma,
            });
            prev_comma = trail.contains(',');
        }
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, t) in toks.iter().enumerate() {
            index.entry(t.w.clone()).or_default().push(i);
        }
        Ctx { toks, index }
    }

    /// The full name ending at token `pos`: a given name, optional initials/particles, the word.
    pub(super) fn name_ending_at(&self, pos: usize) -> Option<String> {
        let mut parts: Vec<&str> = vec![&self.toks[pos].w];
        let mut j = pos;
        let mut given = false;
        while j > 0 && !self.toks[j].brk && parts.len() < 5 {
            let p = self.toks[j - 1].w.as_str();
            if (is_particle(p) || is_initial(p)) && !given {
                parts.push(p);
                j -= 1;
                continue;
            }
            if is_given_like(p) {
                parts.push(p);
                given = true;
            }
            break;
        }
        if !given {
            return None;
        }
        parts.reverse();
        Some(parts.join(" "))
    }

    /// Who is said to have spoken with the interviewees: "Svenja Kortum sprach mit …",
    /// "Callum Reddaway talked to …" — the interviewer, when no credit line names one.
    pub(super) fn asker_names(&self) -> Vec<String> {
        let mut out = Vec::new();
        for i in 1..self.toks.len().saturating_sub(1) {
            let w = self.toks[i].w.to_lowercase();
            let next = self.toks[i + 1].w.to_lowercase();
            let verb = matches!(
                w.as_str(),
                "sprach" | "sprachen" | "unterhielt" | "talked" | "spoke"
            );
            // "Ezra Klein interviews Patrick Collison"
            let interviews = matches!(w.as_str(), "interviews" | "interviewt" | "befragt")
                && self.name_starting_at(i + 1).is_some();
            let with = verb && matches!(next.as_str(), "mit" | "with" | "to");
            if !(with || interviews) || self.toks[i].brk {
                continue;
            }
            if let Some(n) = self.name_ending_at(i - 1) {
                // "Unsere Redaktion sprach mit …" names no person
                let first = n.split_whitespace().next().unwrap_or("").to_lowercase();
                let determiner = matches!(
                    first.as_str(),
                    "unsere"
                        | "unser"
                        | "die"
                        | "der"
                        | "das"
                        | "eine"
                        | "ein"
                        | "ihre"
                        | "seine"
                        | "our"
                        | "the"
                        | "their"
                        | "his"
                        | "her"
                        | "a"
                        | "an"
                );
                if !determiner && !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        out
    }

    /// Full names in the context whose last word is `w`, most frequent first.
    pub(super) fn names_for(&self, w: &str) -> Vec<String> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for &pos in self.index.get(w).map(|v| v.as_slice()).unwrap_or(&[]) {
            if let Some(n) = self.name_ending_at(pos) {
                match counts.iter_mut().find(|(x, _)| *x == n) {
                    Some(e) => e.1 += 1,
                    None => counts.push((n, 1)),
                }
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        counts.into_iter().map(|x| x.0).collect()
    }

    /// A full name starting at token `pos`: given name, optional initials/particles, a capitalised
    /// surname. Returns the name and the index after it.
    pub(super) fn name_starting_at(&self, pos: usize) -> Option<(String, usize)> {
        let first = &self.toks.get(pos)?.w;
        if !is_given_like(first) {
            return None;
        }
        let mut parts = vec![first.as_str()];
        let mut j = pos + 1;
        while let Some(t) = self.toks.get(j) {
            if t.brk || parts.len() >= 5 {
                break;
            }
            if is_particle(&t.w) || is_initial(&t.w) {
                parts.push(&t.w);
                j += 1;
                continue;
            }
            if is_surname_like(&t.w) {
                parts.push(&t.w);
                return Some((parts.join(" "), j + 1));
            }
            break;
        }
        None
    }

    /// Names introduced as interviewees: "sprach mit A und B", "talked to A", "A im Interview",
    /// and names after an office ("Bürgermeister Olaf Runge", "…beauftragte von Ostmark, Corinna
    /// Vogt,").
    pub(super) fn intro_names(&self) -> Vec<String> {
        self.intro(false)
    }

    pub(super) fn intro(&self, strict: bool) -> Vec<String> {
        self.introductions(strict).0
    }

    /// Who asks, by a sentence that makes the interviewee its subject: "Anna Beispiel ist sich
    /// im Gespräch mit Jonas Probst sicher" (Jonas Probst asks).
    pub(super) fn conversation_askers(&self) -> Vec<String> {
        self.introductions(true).1
    }

    /// Names introduced as interviewees, and names introduced as the ones asking.
    fn introductions(&self, strict: bool) -> (Vec<String>, Vec<String>) {
        let mut out: Vec<String> = Vec::new();
        let mut askers: Vec<String> = Vec::new();
        let push = |v: &mut Vec<String>, name: String| {
            if !v.contains(&name) {
                v.push(name);
            }
        };
        let n = self.toks.len();
        for i in 0..n {
            let w = self.toks[i].w.to_lowercase();
            let object_verb = matches!(
                w.as_str(),
                "introducing"
                    | "meet"
                    | "vorgestellt"
                    | "asked"
                    | "interviewed"
                    | "interviews"
                    | "interviewt"
                    | "befragte"
                    | "befragten"
            );
            // "Fünf Fragen an Ole Sandvoß", "Three questions for Ada Quist"
            let questions_for = matches!(w.as_str(), "an" | "for")
                && i > 0
                && matches!(
                    self.toks[i - 1].w.to_lowercase().as_str(),
                    "fragen" | "questions"
                );
            if object_verb || questions_for {
                // in a run of capitalised words ("Meet Cultural Cultivation Artist Leslie
                // Beispiel"), the name is at its end
                let run = (i + 1..n)
                    .take_while(|&k| {
                        (k == i + 1 || !self.toks[k].brk)
                            && self.toks[k]
                                .w
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase)
                    })
                    .count();
                let at = if run > 3 { i + run - 1 } else { i + 1 };
                if let Some((name, _)) = self.name_starting_at(at) {
                    push(&mut out, name);
                }
            } else if matches!(w.as_str(), "mit" | "with" | "to" | "avec" | "con") {
                let lo = i.saturating_sub(4);
                let before = (lo..i).any(|k| in_list(TRIGGERS, &self.toks[k].w))
                    || (i > 0 && self.toks[i - 1].w.to_lowercase().starts_with("gespräch"));
                // "Wir haben mit Milton Ortega, einem Arbeiter aus Caracas, gesprochen."
                let after = w == "mit"
                    && (i + 1..n.min(i + 24))
                        .take_while(|&k| k == i + 1 || !self.toks[k].brk || self.toks[k].comma)
                        .any(|k| in_list(PERFECT_TRIGGERS, &self.toks[k].w));
                if !(before || after) {
                    continue;
                }
                // "X ist sich im Gespräch mit Y sicher": X is asked, Y asks
                let subject = if i >= 2
                    && matches!(self.toks[i - 2].w.to_lowercase().as_str(), "im" | "in")
                    && in_list(TRIGGERS, &self.toks[i - 1].w)
                {
                    (i.saturating_sub(7)..i.saturating_sub(2))
                        .rev()
                        .take_while(|&k| !self.toks[k + 1].brk)
                        .filter(|&k| is_surname_like(&self.toks[k].w))
                        .find_map(|k| self.name_ending_at(k))
                } else {
                    None
                };
                let mut found: Vec<String> = Vec::new();
                let mut j = i + 1;
                let mut skipped = 0;
                while j < n && skipped < 6 {
                    // a sentence ends the search
                    if j > i + 1 && self.toks[j].brk && !self.toks[j].comma {
                        break;
                    }
                    let name = self.name_starting_at(j).or_else(|| {
                        // a surname alone ("we spoke with Austin about …"): the context's full name
                        (j == i + 1 && is_surname_like(&self.toks[j].w))
                            .then(|| self.names_for(&self.toks[j].w).into_iter().next())
                            .flatten()
                            .map(|n| (n, j + 1))
                    });
                    if let Some((name, next)) = name {
                        push(&mut found, name);
                        j = next;
                        skipped = 0;
                        // more names after "und"/"and"/"," ; otherwise stop
                        match self.toks.get(j) {
                            Some(t) if matches!(t.w.to_lowercase().as_str(), "und" | "and") => {
                                j += 1;
                                continue;
                            }
                            Some(t) if t.comma => {
                                // "A, B und C" — comma continues, a sentence end stops
                                continue;
                            }
                            _ => break,
                        }
                    }
                    j += 1;
                    skipped += 1;
                }
                match subject {
                    Some(x) if !found.is_empty() => {
                        push(&mut out, x);
                        for f in found {
                            push(&mut askers, f);
                        }
                    }
                    _ => {
                        for f in found {
                            push(&mut out, f);
                        }
                    }
                }
            } else if !strict
                && i > 0
                && ((!self.toks[i].brk && is_role_word(&self.toks[i - 1].w))
                    || (self.toks[i].comma
                        && (i.saturating_sub(4)..i).any(|k| is_role_word(&self.toks[k].w))))
            {
                // "Bürgermeister Olaf Runge", "Die Landesbeauftragte von Ostmark, Corinna Vogt,"
                if let Some((name, _)) = self.name_starting_at(i) {
                    push(&mut out, name);
                }
            } else if w == "im" || w == "in" {
                if let Some(next) = self.toks.get(i + 1) {
                    let nw = next.w.to_lowercase();
                    if (nw == "interview" || nw == "gespräch") && i > 0 {
                        if let Some(name) = self.name_ending_at(i - 1) {
                            push(&mut out, name);
                        }
                    }
                }
            }
        }
        out.retain(|n| !askers.contains(n));
        (out, askers)
    }

    /// The one full name starting with `w`, or the clearly most frequent one.
    pub(super) fn name_from(&self, w: &str) -> Option<String> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for &pos in self.index.get(w).map(|v| v.as_slice()).unwrap_or(&[]) {
            if let Some((n, _)) = self.name_starting_at(pos) {
                match counts.iter_mut().find(|(x, _)| *x == n) {
                    Some(e) => e.1 += 1,
                    None => counts.push((n, 1)),
                }
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        match counts.as_slice() {
            [(n, c), rest @ ..] if rest.first().is_none_or(|r| r.1 < *c) => Some(n.clone()),
            _ => None,
        }
    }

    /// The words of `name` as the context writes them, found regardless of case ("ezra klein",
    /// "PAULO SERGIO" → "Ezra Klein", "Paulo Sergio"); `None` when the context does not have them.
    pub(super) fn proper(&self, name: &str) -> Option<String> {
        let want: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
        let k = want.len();
        if k == 0 || self.toks.len() < k {
            return None;
        }
        (0..=self.toks.len() - k).find_map(|i| {
            let window = &self.toks[i..i + k];
            let same = window
                .iter()
                .zip(&want)
                .all(|(t, w)| t.w.to_lowercase() == *w)
                && window.iter().skip(1).all(|t| !t.brk);
            let cased = window.iter().any(|t| t.w.chars().any(char::is_lowercase))
                && window.iter().all(|t| {
                    t.w.chars().next().is_some_and(char::is_uppercase) || is_particle(&t.w)
                });
            (same && cased).then(|| {
                window
                    .iter()
                    .map(|t| t.w.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        })
    }

    /// The person the context mentions most (full name, then surname alone), when one clearly
    /// leads: at least two mentions, more than anyone else.
    pub(super) fn dominant(&self) -> Option<String> {
        let mut counts = self.people();
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        match counts.as_slice() {
            [(n, c), rest @ ..] if *c >= 2 && rest.first().is_none_or(|r| r.1 < *c) => {
                Some(n.clone())
            }
            _ => None,
        }
    }

    /// The one full name the context mentions besides `others` (a lead that introduces only the
    /// interviewee: "Solène Ravaud garde le phare depuis 1998.").
    pub(super) fn only_other(&self, others: &[&String]) -> Option<String> {
        let people: Vec<String> = self
            .people()
            .into_iter()
            .map(|p| p.0)
            .filter(|p| p.contains(' ') && !others.contains(&p))
            .collect();
        match people.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        }
    }

    /// The distinct names in the context with the mentions of their surname, in order.
    fn people(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for pos in 0..self.toks.len() {
            if !is_surname_like(&self.toks[pos].w) {
                continue;
            }
            if let Some(name) = self.name_ending_at(pos) {
                if counts.iter().all(|(n, _)| *n != name) {
                    let last = name.split_whitespace().last().unwrap_or("");
                    let mentions = self.index.get(last).map_or(0, Vec::len);
                    counts.push((name, mentions));
                }
            }
        }
        counts
    }
}

pub(super) fn is_particle(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_lowercase()) && in_list(PARTICLES, w)
}

pub(super) fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next()), (Some(a), None) if a.is_uppercase())
}

pub(super) fn is_given_like(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || w.chars().count() < 2 {
        return false;
    }
    let mut after_hyphen = false;
    for c in chars {
        if c == '-' || c == '\'' || c == '’' {
            after_hyphen = true;
            continue;
        }
        if !c.is_alphabetic() || (c.is_uppercase() && !after_hyphen) {
            return false;
        }
        after_hyphen = false;
    }
    let l = w.to_lowercase();
    !in_list(CAP_STOP, &l)
        && !in_list(PREFIXES, &l)
        && !ROLE_SUFFIXES
            .iter()
            .chain(NOUN_SUFFIXES)
            .any(|s| l.ends_with(s))
}

pub(super) fn is_surname_like(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && w.chars().count() >= 2
        && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && !in_list(CAP_STOP, w)
}

/// For each word of `wanted`: a "Herr/Frau/Mr/Ms/Dr. <word>" form found in the paragraphs.
pub(super) fn addressed_forms(
    blocks: &[Block],
    wanted: &HashMap<&str, (usize, usize)>,
) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = HashMap::new();
    for b in blocks {
        let Block::Paragraph { text, .. } = b else {
            continue;
        };
        let mut prev: Option<&str> = None;
        for raw in text.split_whitespace() {
            let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            if let Some(p) = prev {
                if wanted.contains_key(w) && !out.contains_key(w) {
                    out.insert(w.to_string(), format!("{p} {w}"));
                }
            }
            let bare = raw.trim_end_matches([',', ':']);
            prev =
                (in_list(PREFIXES, bare.trim_end_matches('.')) && bare.len() > 1).then_some(bare);
        }
    }
    out
}

/// Distinct full names, indexed by last and first word.
#[derive(Default)]
pub(super) struct FullNames {
    pub(super) seen: std::collections::HashSet<String>,
    pub(super) by_last: HashMap<String, Vec<String>>,
    pub(super) by_first: HashMap<String, Vec<String>>,
}

impl FullNames {
    pub(super) fn add(&mut self, name: String) {
        if !self.seen.insert(name.clone()) {
            return;
        }
        let mut words = name.split_whitespace();
        if let Some(f) = words.next() {
            self.by_first
                .entry(f.to_string())
                .or_default()
                .push(name.clone());
        }
        if let Some(l) = name.split_whitespace().last() {
            self.by_last.entry(l.to_string()).or_default().push(name);
        }
    }

    pub(super) fn unique(map: &HashMap<String, Vec<String>>, w: &str) -> Option<String> {
        match map.get(w).map(|v| v.as_slice()) {
            Some([one]) => Some(one.clone()),
            _ => None,
        }
    }
}

/// The text before the interview (title, kicker, lead, byline, up to 15 blocks before `upto`) as a
/// token index, and the names it introduces as interviewees.
pub(super) fn context(article: &Article, upto: usize) -> (Ctx, Vec<String>) {
    let blocks = &article.blocks;
    let mut ctx = String::new();
    for s in [
        Some(article.title.as_str()),
        article.kicker.as_deref(),
        article.lead.as_deref(),
        article.byline.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        ctx.push_str(s);
        ctx.push_str(" .\n");
    }
    for b in blocks[..upto.min(blocks.len())].iter().take(15) {
        if matches!(b, Block::Paragraph { .. } | Block::Heading { .. }) {
            ctx.push_str(&b.text());
            ctx.push_str(" .\n");
        }
        if ctx.len() > 12_000 {
            break;
        }
    }
    let ctx = Ctx::new(&ctx);
    let mut intro = ctx.intro_names();
    for n in title_names(&article.title) {
        if !intro.contains(&n) {
            intro.push(n);
        }
    }

    (ctx, intro)
}

/// What the text around the interview says about who is who.
pub(super) struct Names {
    pub(super) ctx: Ctx,
    /// Introduced as interviewees (by a phrase or the headline).
    pub(super) intro: Vec<String>,
    /// Credited interviewers (credit lines, a byline that is a credit); without any, who is said
    /// to have spoken with the interviewees (at most two).
    pub(super) credits: Vec<String>,
    /// Whether `credits` come from credit lines (not from "X sprach mit …").
    pub(super) credited: bool,
    /// Asking, by "X ist sich im Gespräch mit Y sicher".
    pub(super) conversation: Vec<String>,
    /// The byline, when it is a person's name and not a credit line.
    pub(super) byline: Option<String>,
    /// The publication, when the byline names only the newsroom ("Redaktion").
    pub(super) publication: Option<String>,
    /// Title, kicker, lead or the paragraphs before the interview call it an interview.
    pub(super) says_interview: bool,
}

impl Names {
    /// The names around an interview whose first turn is block `upto`.
    pub(super) fn gather(article: &Article, cues: &[Cue], upto: usize) -> Names {
        let (ctx, intro) = context(article, upto);
        let byline_credit = article.byline.as_deref().and_then(credit_names);
        let mut credits: Vec<String> = Vec::new();
        for names in cues
            .iter()
            .filter_map(|c| c.credit.as_ref())
            .chain(byline_credit.as_ref())
        {
            for n in names {
                if !credits.contains(n) && credits.len() < 16 {
                    credits.push(n.clone());
                }
            }
        }
        let credited = !credits.is_empty();
        if credits.is_empty() {
            credits = ctx.asker_names();
            credits.truncate(2);
        }
        let conversation = ctx.conversation_askers();
        let byline = if byline_credit.is_some() {
            None
        } else {
            article.byline.as_deref().and_then(byline_person)
        };
        let newsroom = article
            .byline
            .as_deref()
            .is_some_and(|b| in_list(GENERIC_BYLINES, b.trim()));
        let publication = article
            .source
            .clone()
            .filter(|s| newsroom && !s.trim().is_empty());
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
        for b in article.blocks[..upto.min(article.blocks.len())]
            .iter()
            .take(15)
        {
            if cue.len() > 8_000 {
                break;
            }
            if matches!(b, Block::Paragraph { .. } | Block::Heading { .. }) {
                cue.push_str(&b.text().to_lowercase());
                cue.push(' ');
            }
        }
        let says_interview = credited || INTERVIEW_WORDS.iter().any(|w| cue.contains(w));
        Names {
            ctx,
            intro,
            credits,
            credited,
            conversation,
            byline,
            publication,
            says_interview,
        }
    }
}

/// A byline that is one person's name ("Von Anna Beispiel", "Anna Beispiel | Nordblatt").
pub(super) fn byline_person(byline: &str) -> Option<String> {
    let b = byline.split(['|', '/', ',', '·', '\n']).next()?.trim();
    let b = ["Von ", "von ", "By ", "by ", "Text: ", "Text von "]
        .iter()
        .find_map(|p| b.strip_prefix(p))
        .unwrap_or(b)
        .trim();
    let words: Vec<&str> = b.split_whitespace().collect();
    let plain = words.iter().all(|w| {
        is_given_like(w)
            || is_particle(w)
            || is_initial(w.trim_end_matches('.'))
            || is_surname_like(w)
    });
    (words.len() >= 2
        && words.len() <= 4
        && plain
        && looks_like_name(b, 4)
        && !in_list(GENERIC_BYLINES, b))
    .then(|| b.to_string())
}

/// Names a headline gives the interviewee: "Leslie Beispiel: „…“", "Leslie Beispiel über …",
/// "Kicker: Leslie Beispiel on …", "… mit/with/avec/con Leslie Beispiel", "…, Leslie Beispiel?".
pub(super) fn title_names(title: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for segment in title.split(':') {
        let ctx = Ctx::new(segment);
        let n = ctx.toks.len();
        // offices and personal prefixes before the name ("Bürgermeisterin Leslie Beispiel")
        let start = ctx
            .toks
            .iter()
            .take(2)
            .take_while(|t| is_role_word(&t.w) || in_list(PREFIXES, &t.w))
            .count();
        if let Some((name, next)) = ctx.name_starting_at(start) {
            let about = ctx.toks.get(next).is_none_or(|t| {
                matches!(
                    t.w.to_lowercase().as_str(),
                    "über" | "on" | "about" | "sobre" | "sur" | "zu"
                )
            });
            if about && !out.contains(&name) {
                out.push(name);
            }
        }
        for i in 0..n {
            let w = ctx.toks[i].w.to_lowercase();
            let with = matches!(w.as_str(), "mit" | "with" | "avec" | "con");
            let vocative = ctx.toks[i].comma && i > 0;
            if with || vocative {
                let at = if with { i + 1 } else { i };
                if let Some((name, next)) = ctx.name_starting_at(at) {
                    if (with || next == n) && !out.contains(&name) {
                        out.push(name);
                    }
                }
            }
        }
    }
    out
}

/// A full name ending in `w` anywhere in the article's paragraphs, headings and captions (a bio
/// after the interview: "Christian Beispiel hat über 1.000 Klienten beraten").
pub(super) fn name_in_blocks(blocks: &[Block], w: &str) -> Option<String> {
    blocks.iter().find_map(|b| {
        let text = b.text();
        if !text.contains(w) || text.len() > 20_000 {
            return None;
        }
        Ctx::new(&text).names_for(w).into_iter().next()
    })
}

pub(super) fn resolve_label(
    raw: &str,
    full_labels: &FullNames,
    credits: &[String],
    intro: &[String],
    ctx: &Ctx,
) -> Option<String> {
    let (prefixed, core) = core_words(raw.trim());
    if core.len() >= 2 {
        let n = core.join(" ");
        // a label of two or more words is the full name as the text writes it
        return Some(n);
    }
    let w = *core.first()?;
    let last_word = |n: &String| n.split_whitespace().last() == Some(w);
    let unique = |v: Vec<&String>| -> Option<String> {
        match v.as_slice() {
            [one] => Some((*one).clone()),
            _ => None,
        }
    };
    if let Some(n) = FullNames::unique(&full_labels.by_last, w) {
        return Some(n);
    }
    if let Some(n) = unique(credits.iter().filter(|n| last_word(n)).collect()) {
        return Some(n);
    }
    if let Some(n) = unique(intro.iter().filter(|n| last_word(n)).collect()) {
        return Some(n);
    }
    if let Some(n) = ctx.names_for(w).into_iter().next() {
        return Some(n);
    }
    // a first name used as a label
    if let Some(n) = FullNames::unique(&full_labels.by_first, w) {
        return Some(n);
    }
    if let Some(one) = ctx.name_from(w) {
        return Some(one);
    }
    if prefixed {
        return Some(raw.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    // a publication or credited interviewer written as one word ("Kommune21")
    if credits.iter().any(|c| c == w) {
        return Some(w.to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let ctx = Ctx::new("Ursula von der Leyen im Interview");
        assert_eq!(ctx.intro_names(), vec!["Ursula von der Leyen".to_string()]);
    }

    #[test]
    fn who_asks_and_who_answers_in_the_introduction() {
        let ctx = Ctx::new(
            "Die Historikerin Leslie Beispiel ist sich im Gespräch mit Arne Probst sicher: es geht.",
        );
        assert_eq!(ctx.intro_names(), vec!["Leslie Beispiel".to_string()]);
        assert_eq!(ctx.conversation_askers(), vec!["Arne Probst".to_string()]);
        let ctx = Ctx::new("Wir haben mit Mira Lenz, einer Lehrerin aus Nordheim, gesprochen.");
        assert_eq!(ctx.intro_names(), vec!["Mira Lenz".to_string()]);
        let ctx =
            Ctx::new("Chef Dana Reyes opened a bakery. Here, we spoke with Reyes about bread.");
        assert_eq!(ctx.intro_names(), vec!["Dana Reyes".to_string()]);
        let ctx = Ctx::new("Ezra Oduya interviews Mira Lenz");
        assert_eq!(ctx.intro_names(), vec!["Mira Lenz".to_string()]);
        assert_eq!(ctx.asker_names(), vec!["Ezra Oduya".to_string()]);
        let ctx = Ctx::new("Chef Dana Reyes’s new book. We spoke with Reyes.");
        assert_eq!(ctx.intro_names(), vec!["Dana Reyes".to_string()]);
        let ctx =
            Ctx::new("Researcher Mira Lenz joins the lab. Mira Lenz studies sleep. Lenz said so.");
        assert_eq!(ctx.dominant().as_deref(), Some("Mira Lenz"));
        let lead =
            Ctx::new("Solène Ravaud garde le phare depuis 1998. Yann Keraudren l’a rencontrée.");
        let asker = "Yann Keraudren".to_string();
        assert_eq!(lead.only_other(&[&asker]).as_deref(), Some("Solène Ravaud"));
        assert_eq!(lead.only_other(&[]), None);
        assert_eq!(ctx.proper("MIRA LENZ").as_deref(), Some("Mira Lenz"));
        assert_eq!(
            title_names("Zwischenbilanz: Leslie Beispiel über Formulare"),
            vec!["Leslie Beispiel".to_string()]
        );
        assert_eq!(
            title_names("« Le temps compte ». Sur la ville avec Lucie Marchal"),
            vec!["Lucie Marchal".to_string()]
        );
        assert_eq!(
            byline_person("Von Jana Kraus").as_deref(),
            Some("Jana Kraus")
        );
        assert_eq!(byline_person("Redaktion"), None);
        assert_eq!(
            byline_person("Jana Kraus | Nordblatt").as_deref(),
            Some("Jana Kraus")
        );
    }
}

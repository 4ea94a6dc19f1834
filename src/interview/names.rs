//! Stage 2, names and roles: the text around the interview as a token index, the names it
//! introduces, and how a label resolves to a full name.

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
        let mut toks = Vec::new();
        let mut prev_trail = true;
        let mut prev_comma = false;
        for raw in s.split_whitespace() {
            let l = raw.trim_start_matches(LEAD_PUNCT);
            let w = l.trim_end_matches(TRAIL_PUNCT);
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
            if !verb || !matches!(next.as_str(), "mit" | "with" | "to") || self.toks[i].brk {
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

    /// Only names that a phrase introduces as the ones spoken with.
    pub(super) fn interviewee_names(&self) -> Vec<String> {
        self.intro(true)
    }

    pub(super) fn intro(&self, strict: bool) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
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
                if let Some((name, _)) = self.name_starting_at(i + 1) {
                    if !out.contains(&name) {
                        out.push(name);
                    }
                }
            } else if w == "mit" || w == "with" || w == "to" {
                let lo = i.saturating_sub(4);
                let triggered = (lo..i).any(|k| in_list(TRIGGERS, &self.toks[k].w))
                    || (i > 0 && self.toks[i - 1].w.to_lowercase().starts_with("gespräch"));
                if !triggered {
                    continue;
                }
                let mut j = i + 1;
                let mut skipped = 0;
                while j < n && skipped < 6 {
                    // a sentence ends the search
                    if j > i + 1 && self.toks[j].brk && !self.toks[j].comma {
                        break;
                    }
                    if let Some((name, next)) = self.name_starting_at(j) {
                        if !out.contains(&name) {
                            out.push(name);
                        }
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
            } else if !strict
                && i > 0
                && ((!self.toks[i].brk && is_role_word(&self.toks[i - 1].w))
                    || (self.toks[i].comma
                        && (i.saturating_sub(4)..i).any(|k| is_role_word(&self.toks[k].w))))
            {
                // "Bürgermeister Olaf Runge", "Die Landesbeauftragte von Ostmark, Corinna Vogt,"
                if let Some((name, _)) = self.name_starting_at(i) {
                    if !out.contains(&name) {
                        out.push(name);
                    }
                }
            } else if w == "im" || w == "in" {
                if let Some(next) = self.toks.get(i + 1) {
                    let nw = next.w.to_lowercase();
                    if (nw == "interview" || nw == "gespräch") && i > 0 {
                        if let Some(name) = self.name_ending_at(i - 1) {
                            if !out.contains(&name) {
                                out.push(name);
                            }
                        }
                    }
                }
            }
        }
        out
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
    // a title of the form "Leslie Beispiel: „…“" names the interviewee
    if let Some((head, _)) = article.title.split_once(':') {
        let (_, core) = core_words(head.trim());
        if core.len() >= 2 && core.len() <= 4 && looks_like_name(head.trim(), 5) {
            let n = core.join(" ");
            if !intro.contains(&n) && !in_list(STOP_LABELS, core[0]) {
                intro.push(n);
            }
        }
    }

    (ctx, intro)
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
    if prefixed {
        return Some(raw.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    // a publication or credited interviewer written as one word ("Kommune21")
    if credits.iter().any(|c| c == w) {
        return Some(w.to_string());
    }
    None
}

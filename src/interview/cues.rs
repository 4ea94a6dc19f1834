//! Stage 1, cues in blocks: what each block shows on its own (a label at its start, bold or italic
//! type, a closing `?`, a pull quote, an interviewer credit line).

use super::words::*;
use crate::document::{Block, Mark, MarkStyle};
use regex::Regex;
use std::sync::LazyLock;

// ---------------------------------------------------------------------------------------------
// per-paragraph analysis

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LabelKind {
    /// `Frage:`, `F:`, `Q:`, `Question:` (numbered too).
    Question,
    /// `Antwort:`, `A:`, `Answer:`.
    Answer,
    /// `Redaktion:`, `Moderation:` …
    Generic,
    /// A person or publication.
    Person,
}

#[derive(Clone, Debug)]
pub(super) struct Label {
    pub(super) raw: String,
    /// Byte offset where the text after the label starts.
    pub(super) cut: usize,
    pub(super) kind: LabelKind,
    /// The paragraph is nothing but the label; the turn's text follows in the next paragraph.
    pub(super) only: bool,
}

#[derive(Clone, Debug, Default)]
pub(super) struct Info {
    pub(super) is_para: bool,
    pub(super) label: Option<Label>,
    pub(super) bold_whole: bool,
    pub(super) italic_whole: bool,
    pub(super) ends_q: bool,
    pub(super) pull: bool,
    pub(super) credit: Option<Vec<String>>,
}

pub(super) static QA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(frage|f|q|question|antwort|a|answer)(?:\s*(?:nr\.?\s*)?\d{1,3})?\.?$")
        .expect("static regex")
});

pub(super) static CREDIT: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"(?i)^(?:das\s+)?(?:interview|gespräch)\s+(?:führten?|führte)\s*:?\s+(.+?)\.?$",
        r"(?i)^(?:das\s+)?(?:interview|gespräch)\s*:\s*(.+?)\.?$",
        r"(?i)^die\s+fragen\s+stellten?\s*:?\s+(.+?)\.?$",
        r"(?i)^(?:fragen|questions|moderation)\s*:\s*(.+?)\.?$",
        r"(?i)^(?:interview(?:ed)?|interview\s+conducted)\s+(?:by|von)\s+(.+?)\.?$",
        r"(?i)^mit\s+.+?\s+sprachen?\s+(.+?)\.?$",
    ]
    .iter()
    .map(|r| Regex::new(r).expect("static regex"))
    .collect()
});

/// The interviewer names of a credit line, if `text` is one. A credit may be followed by another
/// sentence ("Moderation: Malte Ohrbeck. Das Gespräch wurde gekürzt.").
pub(super) fn credit_names(text: &str) -> Option<Vec<String>> {
    credit_names_of(text).or_else(|| {
        let first = text.trim().split_once(". ")?.0;
        credit_names_of(first)
    })
}

pub(super) fn credit_names_of(text: &str) -> Option<Vec<String>> {
    let t = text.trim().trim_matches(['*', '(', ')', '[', ']']).trim();
    if t.is_empty() || t.len() > 140 || t.contains('\n') {
        return None;
    }
    for re in CREDIT.iter() {
        if let Some(c) = re.captures(t) {
            let group = c.get(1)?.as_str();
            // drop a parenthesised affiliation
            let group = match group.find('(') {
                Some(p) => &group[..p],
                None => group,
            };
            let mut names = Vec::new();
            for part in group.split([',', '&', '/']) {
                for part in part.split(" und ") {
                    for part in part.split(" and ") {
                        let n = part.trim().trim_end_matches('.').trim();
                        if n.is_empty() {
                            continue;
                        }
                        if !looks_like_name(n, 5) {
                            return None;
                        }
                        names.push(n.to_string());
                    }
                }
            }
            if !names.is_empty() {
                return Some(names);
            }
        }
    }
    None
}

/// Capitalised words (particles allowed), at most `max` of them.
pub(super) fn looks_like_name(s: &str, max: usize) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > max {
        return false;
    }
    let mut caps = 0;
    for w in &words {
        let w = w.trim_end_matches('.');
        if w.is_empty() {
            continue;
        }
        if in_list(PARTICLES, w) && w.chars().next().is_some_and(|c| c.is_lowercase()) {
            continue;
        }
        let mut chars = w.chars();
        let first = chars.next().unwrap_or(' ');
        if !first.is_uppercase() {
            return false;
        }
        if !chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.')) {
            return false;
        }
        caps += 1;
    }
    caps > 0
}

/// The prefix-stripped words of a label, and whether a prefix was there.
pub(super) fn core_words(label: &str) -> (bool, Vec<&str>) {
    let mut words: Vec<&str> = label.split_whitespace().collect();
    let mut prefixed = false;
    // personal prefixes and offices ("Bürgermeisterin Beispiel", "Landrat Hartwig")
    while words.len() > 1
        && (in_list(PREFIXES, words[0].trim_end_matches('.')) || is_role_word(words[0]))
    {
        words.remove(0);
        prefixed = true;
    }
    (prefixed, words)
}

pub(super) fn classify(label: &str) -> Option<LabelKind> {
    let label = label.trim();
    if label.is_empty() || label.len() > 60 {
        return None;
    }
    if let Some(c) = QA.captures(label) {
        let w = c
            .get(1)
            .map(|m| m.as_str().to_lowercase())
            .unwrap_or_default();
        return Some(match w.as_str() {
            "antwort" | "a" | "answer" => LabelKind::Answer,
            _ => LabelKind::Question,
        });
    }
    if in_list(GENERIC_INTERVIEWER, label) {
        return Some(LabelKind::Generic);
    }
    // "Amt & Netz": an ampersand between words of a publication's name
    let joined = label.replace(" & ", " ");
    let label = joined.as_str();
    if label
        .chars()
        .any(|c| c.is_ascii_digit() || ",;!?()[]{}„“”\"»«/|<>=+*#@&%$§".contains(c))
    {
        return None;
    }
    let first = label.split_whitespace().next().unwrap_or("");
    if in_list(STOP_LABELS, label)
        || in_list(STOP_LABELS, first.trim_end_matches('.'))
        || in_list(CAP_STOP, label)
    {
        return None;
    }
    let (prefixed, core) = core_words(label);
    if core.is_empty()
        || core.len() > 4
        || (prefixed && core.len() == 1 && in_list(PREFIXES, core[0]))
    {
        return None;
    }
    if !looks_like_name(&core.join(" "), 4) {
        return None;
    }
    Some(LabelKind::Person)
}

/// The label at the start of a paragraph: `(label, cut)` where `cut` is where the rest starts.
pub(super) fn find_label(text: &str, marks: &[Mark]) -> Option<(String, usize)> {
    // a bold run starting at 0 that does not cover the whole paragraph
    let bold_end = marks
        .iter()
        .filter(|m| m.style == MarkStyle::Bold && m.start == 0 && m.end < text.len())
        .map(|m| m.end)
        .max();
    if let Some(e) = bold_end.filter(|&e| text.is_char_boundary(e)) {
        let b = text[..e].trim_end();
        if let Some(l) = b.strip_suffix(':') {
            let cut = e + ws_len(&text[e..]);
            if cut < text.len() {
                return Some((l.trim().to_string(), cut));
            }
        } else {
            let after = &text[e..];
            let a = after.trim_start();
            if let Some(r) = a.strip_prefix(':') {
                let cut = text.len() - r.len();
                let cut = cut + ws_len(&text[cut..]);
                if cut < text.len() {
                    return Some((b.trim().to_string(), cut));
                }
            }
        }
    }
    // plain: `Label: text`
    let window = &text[..floor_boundary(text, 64)];
    let colon = window.find(':')?;
    let rest = &text[colon + 1..];
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let cut = colon + 1 + ws_len(rest);
    if cut >= text.len() {
        return None;
    }
    let label = text[..colon].trim();
    if label.split_whitespace().count() > 5 {
        return None;
    }
    Some((label.to_string(), cut))
}

pub(super) fn ws_len(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

pub(super) fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether marks of `style` cover (nearly) every non-space character of `text`.
pub(super) fn covered(text: &str, marks: &[Mark], style: MarkStyle) -> bool {
    let mut ranges: Vec<(usize, usize)> = marks
        .iter()
        .filter(|m| m.style == style)
        .map(|m| (m.start.min(text.len()), m.end.min(text.len())))
        .collect();
    if ranges.is_empty() {
        return false;
    }
    ranges.sort_unstable();
    let mut inside = 0usize;
    let mut total = 0usize;
    let mut ri = 0;
    let mut cur_end = 0usize;
    for (i, c) in text.char_indices() {
        while ri < ranges.len() && ranges[ri].0 <= i {
            cur_end = cur_end.max(ranges[ri].1);
            ri += 1;
        }
        if c.is_whitespace() || is_closing_punct(c) {
            continue;
        }
        total += 1;
        if i < cur_end {
            inside += 1;
        }
    }
    total > 0 && inside * 100 >= total * 95
}

pub(super) fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ':' | ';' | '!' | '?' | '“' | '”' | '"' | '«' | '»' | ')' | '’'
    )
}

/// Where the text of a heading starts after a question label (`Q:`, `Frage 3:`).
pub(super) fn heading_q_label(text: &str) -> Option<usize> {
    let (label, cut) = find_label(text, &[])?;
    (classify(&label) == Some(LabelKind::Question)).then_some(cut)
}

pub(super) fn ends_with_question(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['“', '”', '"', '«', '»', ')', '’', '\'', '…', ' '])
        .ends_with('?')
}

/// A short paragraph entirely inside one pair of quotation marks (optionally with a short
/// attribution after a dash).
pub(super) fn is_pull_quote(text: &str) -> bool {
    let t = text.trim();
    if t.len() > 400 || t.chars().count() < 8 || t.contains('\n') {
        return false;
    }
    let (open, closes): (char, &[char]) = match t.chars().next() {
        Some('„') => ('„', &['“', '”']),
        Some('“') => ('“', &['”', '“']),
        Some('"') => ('"', &['"']),
        Some('»') => ('»', &['«']),
        Some('«') => ('«', &['»']),
        _ => return false,
    };
    let body = &t[open.len_utf8()..];
    // the closing mark: at the end, or before a short attribution "– Name"
    let close = body.rfind(|c| closes.contains(&c));
    let Some(close) = close else { return false };
    let inner = &body[..close];
    if inner.contains(open) && open != '"' {
        return false;
    }
    if open == '"' && inner.contains('"') {
        return false;
    }
    let tail = body[close..]
        .trim_start_matches(|c| closes.contains(&c))
        .trim();
    tail.is_empty()
        || ((tail.starts_with('–') || tail.starts_with('—') || tail.starts_with('-'))
            && tail.len() < 60)
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

pub(super) fn analyze(block: &Block) -> Info {
    let Block::Paragraph { text, marks } = block else {
        return Info::default();
    };
    let mut info = Info {
        is_para: true,
        bold_whole: covered(text, marks, MarkStyle::Bold),
        italic_whole: covered(text, marks, MarkStyle::Italic),
        ends_q: ends_with_question(text),
        pull: is_pull_quote(text),
        credit: credit_names(text),
        label: None,
    };
    if info.credit.is_none() {
        // a paragraph that is only a label ("<b>Leslie Beispiel:</b>"): the turn follows
        let label_only = || {
            let t = text.trim_end();
            let raw = t.strip_suffix(':')?;
            (!raw.contains(':') && raw.len() <= 60 && !raw.trim().is_empty())
                .then(|| (raw.trim().to_string(), text.len()))
        };
        if let Some((raw, cut)) = find_label(text, marks).or_else(label_only) {
            // "Anna Beispiel (Stadt Nordheim):" — the affiliation is not part of the name
            let raw = match raw.strip_suffix(')').and_then(|r| r.rsplit_once('(')) {
                Some((name, aff)) if !aff.contains(['(', ')']) && !name.trim().is_empty() => {
                    name.trim().to_string()
                }
                _ => raw,
            };
            if let Some(kind) = classify(&raw) {
                info.ends_q = ends_with_question(&text[cut..]);
                info.label = Some(Label {
                    only: cut >= text.len(),
                    raw,
                    cut,
                    kind,
                });
            }
        }
    }
    info
}

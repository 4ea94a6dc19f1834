//! Stage 1, cues in blocks: what each block shows on its own, before anything is decided.
//!
//! A paragraph may open with a turn marker (a dash, as Spanish and French interviews write turns)
//! and a *label* (`<b>Name:</b> …`, `<b>Name</b>: …`, `Name: …`, `Name : …`, or a paragraph that is
//! only `Name:`). After the label, its text may be set in bold or italic as a whole (a question in
//! most layouts), or start with a bold or italic sentence followed by plain text (a question and its
//! answer in one paragraph: the cue records where the answer starts, and the answer's own label).
//! Besides: does the question part end with `?`, is the paragraph a pull quote, an interviewer
//! credit line (`Interview: …`, `Das Gespräch führte …`), only a name (a speaker's name above the
//! turn, or a bio box), a photo credit or promotion line (`Foto: …`, `RELATED: …`)?
//!
//! Everything here looks at one block alone; what the cues mean together is the planner's business.

use super::words::*;

mod credit;
mod persons;

use crate::document::{Block, Mark, MarkStyle};
pub(super) use credit::credit_names;
pub(super) use persons::{speaks_for_itself, speaks_to};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LabelKind {
    /// `Frage:`, `F:`, `Q:`, `Question:`, `Pregunta:` (numbered too).
    Question,
    /// `Antwort:`, `A:`, `Answer:`, `Respuesta:`.
    Answer,
    /// `Redaktion:`, `Moderation:` …
    Generic,
    /// A person or publication: capitalised words (`Anna Beispiel`, `The Economist`, `DIE ZEIT`).
    Person,
    /// A short lower-case name such as a publication that writes itself so (`taz`): a label only
    /// where the layout says so (on the first question, before a labelled answer).
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Label {
    /// The label as written, without soft hyphens or an affiliation in parentheses.
    pub(super) raw: String,
    /// Byte offset where the text after the label starts.
    pub(super) cut: usize,
    pub(super) kind: LabelKind,
    /// The paragraph is nothing but the label; the turn's text follows in the next paragraph.
    pub(super) only: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(super) enum BlockKind {
    #[default]
    Other,
    Para,
    Heading(u8),
    Quote,
}

/// Emphasis that marks a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Emph {
    Bold,
    Italic,
}

/// What one block shows.
#[derive(Clone, Debug, Default)]
pub(super) struct Cue {
    pub(super) kind: BlockKind,
    pub(super) label: Option<Label>,
    /// Where the text after a turn-opening dash or a bracketed timestamp starts (0: neither).
    pub(super) dash: usize,
    /// The turn opens with a timestamp (`[00:12:05]`), not a dash.
    pub(super) stamp: bool,
    /// The emphasis of the text after the label: the whole of it, or (with `split`) a leading
    /// sentence.
    pub(super) emph: Option<Emph>,
    /// Where the plain text after an emphasised leading sentence starts: a question and its
    /// answer in one paragraph.
    pub(super) split: Option<usize>,
    /// The label at the start of that answer (`… ?\nRutger Bregman: …`).
    pub(super) answer_label: Option<Label>,
    /// The whole paragraph, label included, is bold.
    pub(super) bold_whole: bool,
    /// The whole paragraph is italic.
    pub(super) italic_whole: bool,
    /// The question part (after the label, before `split`) ends with `?`.
    pub(super) ends_q: bool,
    /// The question part holds a `?` (or `¿`).
    pub(super) has_q: bool,
    pub(super) pull: bool,
    pub(super) credit: Option<Vec<String>>,
    /// One to four words and nothing else: a name above a turn, or a bio box.
    pub(super) name_only: bool,
    /// The question part reads as a sentence (lower-case words, sentence punctuation or length),
    /// not as an intertitle or a name.
    pub(super) sentence: bool,
    /// The question part ends with sentence punctuation (`.`, `!`, `?`, `…`).
    pub(super) ends_sentence: bool,
    /// A photo credit or a promotion line (`Foto: …`, `RELATED: …`, `© …`).
    pub(super) aside: bool,
}

impl Cue {
    pub(super) fn is_para(&self) -> bool {
        self.kind == BlockKind::Para
    }

    /// Where the block's own text starts: after the label, or after the dash.
    pub(super) fn body(&self) -> usize {
        self.label.as_ref().map_or(self.dash, |l| l.cut)
    }
}

pub(super) static QA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(frage|f|q|question|antwort|a|answer|pregunta|p|respuesta|réponse|r)(?:\s*(?:nr\.?\s*)?\d{1,3})?\.?$",
    )
    .expect("static regex")
});

/// `s` without soft hyphens and zero-width characters (borrowed when it has none).
pub(super) fn strip_invisible(s: &str) -> Cow<'_, str> {
    if s.contains(is_invisible) {
        Cow::Owned(s.chars().filter(|&c| !is_invisible(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

pub(super) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
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

/// Letters only, and none of them lower case: a label in capitals (`DIE ZEIT`, `PAULO SERGIO`).
fn in_capitals(label: &str) -> bool {
    label.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !label.chars().any(char::is_lowercase)
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
            "antwort" | "a" | "answer" | "respuesta" | "réponse" | "r" => LabelKind::Answer,
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
    // a label in capitals is a masthead or a transcript's speaker: the word lists are for the
    // common nouns that label things in sentence case ("Zeit: 19 Uhr"); such labels still have to
    // resolve to a speaker later
    let capitals = in_capitals(label);
    let first = label.split_whitespace().next().unwrap_or("");
    if !capitals
        && (in_list(STOP_LABELS, label)
            || in_list(STOP_LABELS, first.trim_end_matches('.'))
            || in_list(CAP_STOP, label))
    {
        return None;
    }
    if capitals && (in_list(PROMO_LABELS, first) || in_list(GENERIC_INTERVIEWER, first)) {
        return None;
    }
    let (prefixed, core) = core_words(label);
    if core.is_empty()
        || core.len() > 4
        || (prefixed && core.len() == 1 && in_list(PREFIXES, core[0]))
    {
        return None;
    }
    if looks_like_name(&core.join(" "), 4) {
        return Some(LabelKind::Person);
    }
    // "taz", "brand eins": short, lower case, letters only
    let words: Vec<&str> = label.split_whitespace().collect();
    let lower = words.len() <= 2
        && label.chars().count() <= 24
        && label.chars().next().is_some_and(char::is_lowercase)
        && label
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '.' || c == '-')
        && !words
            .iter()
            .any(|w| in_list(STOP_LABELS, w) || in_list(CAP_STOP, w) || in_list(PARTICLES, w));
    lower.then_some(LabelKind::Other)
}

/// The label at the start of `text[from..]`: `(label, cut)` where `cut` is where the rest starts.
pub(super) fn find_label(text: &str, marks: &[Mark], from: usize) -> Option<(String, usize)> {
    let from = floor_boundary(text, from);
    // a bold run starting at `from` that does not cover the whole paragraph
    let bold_end = marks
        .iter()
        .filter(|m| {
            m.style == MarkStyle::Bold && m.start <= from && m.end > from && m.end < text.len()
        })
        .map(|m| m.end)
        .max();
    if let Some(e) = bold_end.filter(|&e| text.is_char_boundary(e)) {
        let b = text[from..e].trim_end();
        if let Some(l) = b.strip_suffix(':') {
            let cut = e + ws_len(&text[e..]);
            if cut < text.len() && !l.contains(':') {
                return Some((l.trim().to_string(), cut));
            }
        } else {
            let after = &text[e..];
            let a = after.trim_start();
            if let Some(r) = a.strip_prefix(':') {
                let cut = text.len() - r.len();
                let cut = cut + ws_len(&text[cut..]);
                if cut < text.len() && !b.contains(':') {
                    return Some((b.trim().to_string(), cut));
                }
            }
        }
    }
    // plain: `Label: text`
    let rest_all = &text[from..];
    let window = &rest_all[..floor_boundary(rest_all, 64)];
    let colon = window.find(':')?;
    let rest = &rest_all[colon + 1..];
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let cut = from + colon + 1 + ws_len(rest);
    if cut >= text.len() {
        return None;
    }
    let label = rest_all[..colon].trim();
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

/// Whether marks of `style` cover (nearly) every non-space character of `text[from..to]`.
pub(super) fn covered_range(
    text: &str,
    marks: &[Mark],
    from: usize,
    to: usize,
    style: MarkStyle,
) -> bool {
    let to = floor_boundary(text, to);
    let from = floor_boundary(text, from.min(to));
    let mut ranges: Vec<(usize, usize)> = marks
        .iter()
        .filter(|m| m.style == style && m.end > from && m.start < to)
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
    for (i, c) in text[from..to].char_indices() {
        let i = i + from;
        while ri < ranges.len() && ranges[ri].0 <= i {
            cur_end = cur_end.max(ranges[ri].1);
            ri += 1;
        }
        if c.is_whitespace() || is_closing_punct(c) || is_invisible(c) {
            continue;
        }
        total += 1;
        if i < cur_end {
            inside += 1;
        }
    }
    total > 0 && inside * 100 >= total * 95
}

/// Whether marks of `style` cover (nearly) every non-space character of `text`.
pub(super) fn covered(text: &str, marks: &[Mark], style: MarkStyle) -> bool {
    covered_range(text, marks, 0, text.len(), style)
}

/// The end of the run of `style` that starts the text at `from` (runs separated only by spaces or
/// punctuation count as one: a bold question split around an `<em>`).
fn run_end(text: &str, marks: &[Mark], from: usize, style: MarkStyle) -> Option<usize> {
    let mut ranges: Vec<(usize, usize)> = marks
        .iter()
        .filter(|m| m.style == style && m.end > from)
        .map(|m| (m.start.min(text.len()), m.end.min(text.len())))
        .filter(|r| r.0 < r.1)
        .collect();
    ranges.sort_unstable();
    let mut reach = from;
    let mut any = false;
    for (s, e) in ranges {
        if e <= reach {
            continue;
        }
        let gap_ok = s <= reach
            || text
                .get(reach..s)
                .is_some_and(|g| g.chars().all(|c| !c.is_alphanumeric()));
        if !gap_ok {
            break;
        }
        reach = e;
        any = true;
    }
    any.then_some(reach)
}

/// A question and its answer in one paragraph: the question is the emphasised leading sentence
/// `text[from..end]`; returns where the answer starts.
fn lead_split(text: &str, from: usize, end: usize) -> Option<usize> {
    let end = floor_boundary(text, end);
    // closing punctuation just after the run belongs to the question ("**Warum**?")
    let mut q_end = end;
    for (i, c) in text[end..].char_indices() {
        if matches!(
            c,
            '?' | '.' | '!' | '…' | '“' | '”' | '"' | '«' | '»' | '’' | ')'
        ) {
            q_end = end + i + c.len_utf8();
        } else {
            break;
        }
    }
    let lead = text[from..q_end].trim();
    let rest = text[q_end..].trim_start();
    if rest.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    let last = lead
        .trim_end_matches(['“', '”', '"', '«', '»', '’', ')', '\''])
        .chars()
        .last()?;
    if !matches!(last, '?' | '.' | '!' | '…') {
        return None;
    }
    if lead.split_whitespace().count() < 2 && last != '?' {
        return None;
    }
    Some(q_end + ws_len(&text[q_end..]))
}

/// The emphasis of `text[from..]`: the whole of it, or a leading sentence with the answer after it.
/// `whole`: whether bold and italic cover the whole text, when the caller knows (`from` is 0).
fn emphasis(
    text: &str,
    marks: &[Mark],
    from: usize,
    whole: Option<(bool, bool)>,
) -> (Option<Emph>, Option<usize>) {
    if marks.is_empty() || text[from..].trim().is_empty() {
        return (None, None);
    }
    for (emph, style, known) in [
        (Emph::Bold, MarkStyle::Bold, whole.map(|w| w.0)),
        (Emph::Italic, MarkStyle::Italic, whole.map(|w| w.1)),
    ] {
        if known.unwrap_or_else(|| covered_range(text, marks, from, text.len(), style)) {
            return (Some(emph), None);
        }
    }
    let start = from + ws_len(&text[from..]);
    for (emph, style) in [
        (Emph::Bold, MarkStyle::Bold),
        (Emph::Italic, MarkStyle::Italic),
    ] {
        if let Some(e) = run_end(text, marks, start, style) {
            // the run must start the text (not a bold word later in the sentence)
            let starts = marks.iter().filter(|m| m.style == style).any(|m| {
                if m.start <= start {
                    m.end > start
                } else {
                    text.get(start..m.start)
                        .is_some_and(|g| g.chars().all(|c| !c.is_alphanumeric()))
                }
            });
            if starts {
                if let Some(split) = lead_split(text, start, e) {
                    return (Some(emph), Some(split));
                }
            }
        }
    }
    (None, None)
}

pub(super) fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ':' | ';' | '!' | '?' | '“' | '”' | '"' | '«' | '»' | ')' | '’'
    )
}

/// Where the text of a heading starts after a question label (`Q:`, `Frage 3:`).
pub(super) fn heading_q_label(text: &str) -> Option<usize> {
    let (label, cut) = find_label(text, &[], 0)?;
    (classify(&label) == Some(LabelKind::Question)).then_some(cut)
}

/// A `?` or `¿` anywhere in `text`.
fn has_question_mark(text: &str) -> bool {
    text.contains('?') || text.contains('¿')
}

pub(super) fn ends_with_question(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['“', '”', '"', '«', '»', ')', '’', '\'', '…', ' ', '\u{ad}'])
        .ends_with('?')
}

/// A turn-opening dash (`–¿Cómo …?`, `— Oui.`): where the text after it starts, or 0.
pub(super) fn dash_len(text: &str) -> usize {
    let mut chars = text.chars();
    let n = match chars.next() {
        Some(c @ ('–' | '—' | '―')) => c.len_utf8(),
        Some('-') if chars.next().is_some_and(char::is_whitespace) => 1,
        _ => return 0,
    };
    let cut = n + ws_len(&text[n..]);
    if text[cut..].chars().any(char::is_alphabetic) {
        cut
    } else {
        0
    }
}

/// The length of a bracketed timestamp opening a transcript's turn and the space after it
/// ("[00:12:05] ", "(12:05) "); 0 without one. Bare times open agenda lines, not turns.
pub(super) fn stamp_len(text: &str) -> usize {
    static STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\[\d{1,2}(?::\d{2}){1,2}\]|\(\d{1,2}(?::\d{2}){1,2}\))\s+\S")
            .expect("static regex")
    });
    match STAMP.find(text) {
        // up to the first letter of the turn
        Some(m) => m.end() - text[..m.end()].chars().last().map_or(0, char::len_utf8),
        None => 0,
    }
}

/// One to four words of letters and nothing else ("Eva Rosenstock", "ezra klein").
pub(super) fn is_name_only(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.len() > 60 {
        return false;
    }
    let t = strip_invisible(t);
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 || t.chars().count() > 40 {
        return false;
    }
    let word_ok = |w: &&str| {
        w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
            && w.chars().next().is_some_and(char::is_alphabetic)
    };
    let caps = words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase) || in_list(PARTICLES, w));
    let lower = words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_lowercase));
    words.iter().all(word_ok) && (caps || lower) && !t.ends_with('.')
}

/// Text that ends like a sentence: `.`, `!`, `?`, `…` (closing quotes allowed).
fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['“', '”', '"', '«', '»', '’', ')', '\'', '\u{ad}'])
        .ends_with(['?', '.', '!', '…'])
}

/// Text that reads as a sentence: lower-case words, and sentence punctuation or some length.
fn is_sentence(text: &str) -> bool {
    let t = text.trim();
    let punct = t
        .trim_end_matches(['“', '”', '"', '«', '»', '’', ')', '\'', '\u{ad}'])
        .ends_with(['?', '.', '!', '…']);
    // a lower-case word, and the punctuation or six words: read only as far as that takes
    let mut lower = false;
    for (k, w) in t.split_whitespace().enumerate() {
        lower |= w.chars().next().is_some_and(char::is_lowercase);
        if lower && (punct || k + 1 >= 6) {
            return true;
        }
    }
    false
}

/// A photo credit or a promotion line: `Foto: …`, `Beitragsbild: …`, `© …`, `RELATED: …`.
fn is_aside(text: &str) -> bool {
    let t = text.trim_start();
    if t.starts_with('©') {
        return true;
    }
    let Some((head, _)) = t.split_once(':') else {
        return false;
    };
    let head = head.trim();
    if head.is_empty() || head.len() > 30 || head.split_whitespace().count() > 3 {
        return false;
    }
    let first = head.split_whitespace().next().unwrap_or("").to_lowercase();
    in_list(PROMO_LABELS, &first)
        || ["foto", "fotos", "bild", "photo", "photos", "image"]
            .iter()
            .any(|s| first.ends_with(s))
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

/// The label at `from`, classified, with an affiliation in parentheses dropped; also a paragraph
/// that is only a label.
fn label_at(text: &str, marks: &[Mark], from: usize) -> Option<Label> {
    // a paragraph that is only a label ("<b>Leslie Beispiel:</b>"): the turn follows
    let label_only = || {
        let t = text[from..].trim_end();
        let raw = t.strip_suffix(':')?;
        (!raw.contains(':') && raw.len() <= 60 && !raw.trim().is_empty())
            .then(|| (raw.trim().to_string(), text.len()))
    };
    let (raw, cut) = find_label(text, marks, from).or_else(label_only)?;
    let raw = strip_invisible(&raw).into_owned();
    // "Anna Beispiel (Stadt Nordheim):" — the affiliation is not part of the name
    let raw = match raw.strip_suffix(')').and_then(|r| r.rsplit_once('(')) {
        Some((name, aff)) if !aff.contains(['(', ')']) && !name.trim().is_empty() => {
            name.trim().to_string()
        }
        _ => raw,
    };
    let kind = classify(&raw)?;
    // "IG: @handle", "Web: www.example.org": a contact line, not a turn
    let rest = text[cut.min(text.len())..].trim();
    if !rest.is_empty()
        && !rest.contains(char::is_whitespace)
        && (rest.contains('@') || rest.contains("://") || rest.starts_with("www."))
    {
        return None;
    }
    Some(Label {
        only: cut >= text.len(),
        raw,
        cut,
        kind,
    })
}

/// The cues of one block.
pub(super) fn analyze(block: &Block) -> Cue {
    match block {
        Block::Paragraph { text, marks } => paragraph(text, marks),
        Block::Heading { level, text } => {
            let label = label_at(text, &[], 0).filter(|l| !l.only);
            let body = label.as_ref().map_or(0, |l| l.cut);
            let q = &text[body..];
            Cue {
                kind: BlockKind::Heading(*level),
                ends_q: ends_with_question(q),
                has_q: has_question_mark(q),
                sentence: is_sentence(q),
                ends_sentence: ends_sentence(q),
                label,
                ..Cue::default()
            }
        }
        Block::Quote { .. } => Cue {
            kind: BlockKind::Quote,
            ..Cue::default()
        },
        _ => Cue::default(),
    }
}

fn paragraph(text: &str, marks: &[Mark]) -> Cue {
    let mut c = Cue {
        kind: BlockKind::Para,
        bold_whole: covered(text, marks, MarkStyle::Bold),
        italic_whole: covered(text, marks, MarkStyle::Italic),
        pull: is_pull_quote(text),
        credit: credit_names(text),
        name_only: is_name_only(text),
        ..Cue::default()
    };
    if c.credit.is_some() {
        c.ends_q = ends_with_question(text);
        return c;
    }
    c.aside = is_aside(text);
    c.dash = dash_len(text);
    if c.dash == 0 {
        c.dash = stamp_len(text);
        c.stamp = c.dash > 0;
    }
    c.label = label_at(text, marks, c.dash);
    let body = c.body();
    let whole = (body == 0).then_some((c.bold_whole, c.italic_whole));
    let (emph, split) = emphasis(text, marks, body, whole);
    c.emph = emph;
    c.split = split;
    let q_end = split.unwrap_or(text.len());
    let q = text.get(body..q_end).unwrap_or("");
    c.ends_q = ends_with_question(q);
    c.has_q = has_question_mark(q);
    c.sentence = is_sentence(q);
    c.ends_sentence = ends_sentence(q);
    if let Some(s) = split {
        c.answer_label = label_at(text, marks, s)
            .filter(|l| !l.only && matches!(l.kind, LabelKind::Person | LabelKind::Answer));
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bold(start: usize, end: usize) -> Mark {
        Mark {
            start,
            end,
            style: MarkStyle::Bold,
            href: None,
        }
    }

    fn italic(start: usize, end: usize) -> Mark {
        Mark {
            start,
            end,
            style: MarkStyle::Italic,
            href: None,
        }
    }

    fn para(text: &str, marks: Vec<Mark>) -> Cue {
        analyze(&Block::Paragraph {
            text: text.into(),
            marks,
        })
    }

    #[test]
    fn labels_are_found_in_bold_plain_and_bold_with_colon() {
        let text = "Anna Beispiel: Wir haben.";
        assert_eq!(
            find_label(text, &[bold(0, 14)], 0),
            Some(("Anna Beispiel".into(), "Anna Beispiel: ".len()))
        );
        // bold without the colon
        assert_eq!(
            find_label("Probst: Ja, das stimmt.", &[bold(0, 6)], 0),
            Some(("Probst".into(), 8))
        );
        assert_eq!(
            find_label("Frage 4: Wie weiter?", &[], 0),
            Some(("Frage 4".into(), 9))
        );
        // a space before the colon
        assert_eq!(
            find_label("Ledger : What next?", &[], 0),
            Some(("Ledger".into(), 9))
        );
        assert_eq!(find_label("Um 10:30 Uhr geht es los.", &[], 0), None);
        assert_eq!(find_label("Siehe https://example.org", &[], 0), None);
    }

    #[test]
    fn label_classification() {
        assert_eq!(classify("Frage"), Some(LabelKind::Question));
        assert_eq!(classify("Frage 12"), Some(LabelKind::Question));
        assert_eq!(classify("Q"), Some(LabelKind::Question));
        assert_eq!(classify("A"), Some(LabelKind::Answer));
        assert_eq!(classify("Antwort"), Some(LabelKind::Answer));
        assert_eq!(classify("Pregunta"), Some(LabelKind::Question));
        assert_eq!(classify("Leslie Beispiel"), Some(LabelKind::Person));
        assert_eq!(classify("Herr Probst"), Some(LabelKind::Person));
        assert_eq!(classify("Dr. Probst"), Some(LabelKind::Person));
        assert_eq!(classify("Ursula von der Leyen"), Some(LabelKind::Person));
        assert_eq!(classify("The Economist"), Some(LabelKind::Person));
        assert_eq!(classify("Redaktion"), Some(LabelKind::Generic));
        // capitals: a masthead or a transcript's speaker, even when the word is a common noun
        assert_eq!(classify("DAS BLATT"), Some(LabelKind::Person));
        assert_eq!(classify("BLATT"), Some(LabelKind::Person));
        assert_eq!(classify("RELATED"), None);
        // a short lower-case name
        assert_eq!(classify("nordblatt"), Some(LabelKind::Other));
        for trap in [
            "Fazit",
            "Update",
            "Hinweis",
            "Wichtig",
            "Pros",
            "Cons",
            "Zutaten",
            "Preis",
            "Akku",
            "Text",
            "Fotos",
            "Quelle",
            "10",
            "Termin",
            "Die Stadt",
            "Update 2",
            "so sagt er",
            "und dann",
        ] {
            assert!(
                !matches!(classify(trap), Some(LabelKind::Person)),
                "{trap}: {:?}",
                classify(trap)
            );
        }
    }

    #[test]
    fn a_bold_question_and_its_answer_in_one_paragraph_are_split() {
        let text = "Wie fing es an? Mit einem Antrag.";
        let c = para(text, vec![bold(0, 15)]);
        assert_eq!(c.emph, Some(Emph::Bold));
        assert_eq!(c.split, Some(16));
        assert!(c.ends_q);
        // italic, with the answer after a line break and a label on each part
        let text = "Blatt: Was bleibt?\nLeslie Beispiel: Die Arbeit.";
        let c = para(text, vec![italic(0, 18)]);
        assert_eq!(c.emph, Some(Emph::Italic));
        assert_eq!(c.label.as_ref().map(|l| l.raw.as_str()), Some("Blatt"));
        assert_eq!(c.split, Some(19));
        assert_eq!(
            c.answer_label.as_ref().map(|l| l.raw.as_str()),
            Some("Leslie Beispiel")
        );
        // a bold question split around an italic title: still one run
        let text = "Laut der Nordpost ist es vorbei. Stimmt das? Nein.";
        let c = para(
            text,
            vec![bold(0, 8), bold(9, 17), italic(9, 17), bold(18, 44)],
        );
        assert_eq!(c.split, Some(45));
        // a bold lead-in phrase without sentence end, a drop cap, a bold name: no split
        assert_eq!(
            para("Im Rathaus, sagt sie, geht es.", vec![bold(0, 10)]).split,
            None
        );
        assert_eq!(para("I n the heart of town.", vec![bold(0, 1)]).split, None);
        // whole paragraph bold, after a dash
        let c = para(
            "–¿Qué piensa ahora?",
            vec![bold(0, "–¿Qué piensa ahora?".len())],
        );
        assert_eq!(c.dash, "–".len());
        assert_eq!(c.emph, Some(Emph::Bold));
        assert!(c.ends_q && c.split.is_none());
        // a timestamp opens a transcript's turn like a dash
        assert_eq!(
            stamp_len("[00:12:05] Priya Alcott: Welcome."),
            "[00:12:05] ".len()
        );
        assert_eq!(stamp_len("(12:05)  Welcome."), "(12:05)  ".len());
        assert_eq!(stamp_len("12:05 Eröffnung"), 0);
        assert_eq!(stamp_len("[12] Fußnote"), 0);
        let c = para("[00:00:24] Tomas Hedlund: Grafting.", vec![]);
        assert!(c.stamp);
        assert_eq!(
            c.label.as_ref().map(|l| l.raw.as_str()),
            Some("Tomas Hedlund")
        );
    }

    #[test]
    fn names_and_asides() {
        assert!(is_name_only("Eva Sommerfeld"));
        assert!(is_name_only("ezra oduya"));
        assert!(!is_name_only("Ja."));
        assert!(!is_name_only("Wir haben zuerst die Anträge digitalisiert"));
        assert!(is_aside("Foto: Lena Kraus"));
        assert!(is_aside("Beitragsbild: Lena Kraus"));
        assert!(is_aside("RELATED: Ten ways to save"));
        assert!(!is_aside("Anna Beispiel: Wir haben."));
        assert_eq!(dash_len("– Oui."), "– ".len());
        assert_eq!(dash_len("-5 Grad"), 0);
    }

    #[test]
    fn pull_quotes() {
        assert!(is_pull_quote(
            "„Ohne Standards bleibt jede Kommune allein.“"
        ));
        assert!(is_pull_quote("\"We need shared standards.\""));
        assert!(is_pull_quote(
            "„Ohne Standards geht es nicht.“ – Arne Probst"
        ));
        assert!(!is_pull_quote("„Ja“, sagt sie, „das stimmt.“"));
        assert!(!is_pull_quote("Er sagte „ja“."));
    }
}

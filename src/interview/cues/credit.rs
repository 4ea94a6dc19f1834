//! Credit lines: `Interview: …`, `Das Gespräch führte …`, `Propos recueillis par …` — who asked,
//! named after the interview or in the byline.

use super::{in_capitals, looks_like_name, strip_invisible};
use regex::{Regex, RegexSet};
use std::sync::LazyLock;

/// Credit lines (`Interview: …`, `Das Gespräch führte …`); the names are the first group.
const CREDIT_PATTERNS: &[&str] = &[
    r"(?i)^(?:das\s+)?(?:interview|gespräch)\s+(?:führten?|führte)\s*:?\s+(.+?)\.?$",
    r"(?i)^(?:das\s+)?(?:(?:text|fotos?|photos?)\s*(?:und|and|&|/)\s*)?(?:interview|gespräch)(?:\s*(?:und|and|&|/)\s*(?:text|fotos?|photos?))?\s*:\s*(.+?)\.?$",
    r"(?i)^die\s+fragen\s+stellten?\s*:?\s+(.+?)\.?$",
    r"(?i)^(?:fragen|questions|moderation)\s*:\s*(.+?)\.?$",
    r"(?i)^(?:interview(?:ed)?|interview\s+conducted)\s+(?:by|von)\s+(.+?)\.?$",
    // French, Spanish, Italian: "Propos recueillis par …", "Entretien réalisé par …",
    // "Entrevista realizada por …", "Intervista di …", "Entrevista: …"
    r"(?i)^propos\s+recueillis\s+par\s+(.+?)\.?$",
    r"(?i)^(?:un\s+|una\s+)?(?:entretien|entrevista|intervista)\s+(?:réalisée?\s+|realizada\s+|realizzata\s+|a\s+cura\s+)?(?:par|por|di)\s+(.+?)\.?$",
    r"(?i)^(?:entretien|entrevista|intervista)\s*:\s*(.+?)\.?$",
    r"(?i)^mit\s+.+?\s+sprachen?\s+(.+?)\.?$",
    // "Interview Michael Braun": the word and the names, nothing else (names checked below)
    r"(?i)^interview\s+(\p{Lu}[^:]*?)\.?$",
];

static CREDIT: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    CREDIT_PATTERNS
        .iter()
        .map(|r| Regex::new(r).expect("static regex"))
        .collect()
});

/// All credit patterns at once: one pass tells which of them can match.
static CREDIT_SET: LazyLock<RegexSet> =
    LazyLock::new(|| RegexSet::new(CREDIT_PATTERNS).expect("static regex"));

/// The interviewer names of a credit line, if `text` is one. A credit may be followed by another
/// sentence ("Moderation: Malte Ohrbeck. Das Gespräch wurde gekürzt.").
pub(in crate::interview) fn credit_names(text: &str) -> Option<Vec<String>> {
    credit_names_of(text).or_else(|| credit_names_of(first_sentence(text.trim())?))
}

/// `text` up to its first ". ", if it has one.
fn first_sentence(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(k) = bytes[from..].iter().position(|&b| b == b'.') {
        let dot = from + k;
        if bytes.get(dot + 1) == Some(&b' ') {
            return Some(&text[..dot]);
        }
        from = dot + 1;
    }
    None
}

fn credit_names_of(text: &str) -> Option<Vec<String>> {
    let t = text.trim().trim_matches(['*', '(', ')', '[', ']']).trim();
    if t.is_empty() || t.len() > 140 || t.contains('\n') {
        return None;
    }
    let t = strip_invisible(t);
    let matching = CREDIT_SET.matches(&t);
    if !matching.matched_any() {
        return None;
    }
    for (k, re) in CREDIT.iter().enumerate() {
        if !matching.matched(k) {
            continue;
        }
        if let Some(c) = re.captures(&t) {
            let group = c.get(1)?.as_str();
            // drop a parenthesised affiliation
            let group = match group.find('(') {
                Some(p) => &group[..p],
                None => group,
            };
            let mut names = Vec::new();
            for part in group.split([',', '&', '/']) {
                for part in split_words(part, &["und", "and", "et", "y", "UND", "AND", "ET", "Y"]) {
                    let n = part.trim().trim_end_matches('.').trim();
                    if n.is_empty() {
                        continue;
                    }
                    if !looks_like_name(n, 5) {
                        return None;
                    }
                    names.push(title_case_capitals(n));
                }
            }
            if !names.is_empty() {
                return Some(names);
            }
        }
    }
    None
}

/// `s` split at the words `seps` ("Jana Kraus und Tom Weber").
fn split_words<'a>(s: &'a str, seps: &[&str]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for w in s.split(' ') {
        if seps.contains(&w) {
            out.push(&s[start..offset]);
            start = offset + w.len() + 1;
        }
        offset += w.len() + 1;
    }
    out.push(&s[start.min(s.len())..]);
    out
}

/// A name written in capitals, in title case ("JANA KRAUS" → "Jana Kraus"); others as they are.
fn title_case_capitals(name: &str) -> String {
    if !in_capitals(name) {
        return name.to_string();
    }
    name.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits() {
        assert_eq!(
            credit_names("Interview: Jana Kraus"),
            Some(vec!["Jana Kraus".to_string()])
        );
        assert_eq!(
            credit_names("Interview Jana Kraus"),
            Some(vec!["Jana Kraus".to_string()])
        );
        assert_eq!(
            credit_names("Text und Interview: Jana Kraus"),
            Some(vec!["Jana Kraus".to_string()])
        );
        assert_eq!(credit_names("Interview mit Jana Kraus"), None);
        assert_eq!(
            credit_names("Text and interview: Sarah Quill"),
            Some(vec!["Sarah Quill".to_string()])
        );
        assert_eq!(
            credit_names("DIE FRAGEN STELLTEN JANA KRAUS UND TOM WEBER"),
            Some(vec!["Jana Kraus".to_string(), "Tom Weber".to_string()])
        );
        assert_eq!(
            credit_names("Das Gespräch führten Jana Kraus und Tom Weber."),
            Some(vec!["Jana Kraus".to_string(), "Tom Weber".to_string()])
        );
        assert_eq!(
            credit_names("Propos recueillis par Yann Keraudren et Maëlle Guivarc’h"),
            Some(vec![
                "Yann Keraudren".to_string(),
                "Maëlle Guivarc’h".to_string()
            ])
        );
        assert_eq!(
            credit_names("Entretien réalisé par Yann Keraudren."),
            Some(vec!["Yann Keraudren".to_string()])
        );
        assert_eq!(
            credit_names("Entrevista realizada por Lucía Ferrán y Pau Vidal"),
            Some(vec!["Lucía Ferrán".to_string(), "Pau Vidal".to_string()])
        );
        assert_eq!(
            credit_names("Intervista di Carla Neri"),
            Some(vec!["Carla Neri".to_string()])
        );
        assert_eq!(credit_names("Entretien avec Yann Keraudren"), None);
        assert_eq!(credit_names("Propos recueillis par téléphone"), None);
    }
}

//! Stage 2b, labels to speakers: every turn label resolved to a full name, a question or answer
//! marker, a generic interviewer, or left open (a publication on the first question, or a topic).
//!
//! A label of two or more words is a full name as the text writes it; a one-word label (`Probst`,
//! `Herr Probst`, `ZEIT`) resolves to the one full name whose last word it is, among the full-name
//! labels, the credits, the introduced names and the context; a first name (`Rick`) to the one full
//! name that starts with it. A one-word label that names nobody may still be a speaker: with a
//! personal prefix (`Herr Probst`), when it recurs and the text addresses it with a prefix
//! (`Sommer:` with „Herr Sommer, …?“), or when it recurs and mostly asks (a publication: `KD:`).
//! Labels in capitals or lower case take the context's spelling when it has the same words
//! (`PAULO SERGIO` → `Paulo Sergio`). A name alone in a paragraph that recurs before the turns of a
//! transcript (`<dt>` above `<dd>`) is a label too.

use super::cues::*;
use super::names::*;
use crate::document::Block;
use std::collections::HashMap;

/// A label, resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Lab {
    /// A question marker (`Frage:`, `Q:`).
    Q,
    /// An answer marker (`Antwort:`, `A:`).
    A,
    /// A generic interviewer label (`Redaktion:`), as written.
    Generic(String),
    /// A speaker's full name (or the label, for a publication or an addressed form).
    Person(String),
    /// A label that names nobody: as written.
    Open(String),
}

/// The resolved labels of an article.
pub(super) struct Labels {
    /// Per block: the label at its start.
    pub(super) at: Vec<Option<Lab>>,
    /// Per block: the label of the answer after a question in the same paragraph.
    pub(super) answer_at: Vec<Option<Lab>>,
    /// Per block: the paragraph is a speaker's name alone, with the turn in the next paragraph.
    pub(super) name_block: Vec<bool>,
    /// The question/answer markers are German (`Frage`, `Antwort`).
    pub(super) german: bool,
}

impl Labels {
    pub(super) fn resolve(blocks: &[Block], cues: &[Cue], names: &Names) -> Labels {
        let n = cues.len();
        let mut at: Vec<Option<Lab>> = vec![None; n];
        let mut answer_at: Vec<Option<Lab>> = vec![None; n];
        let name_block = transcript_names(blocks, cues);

        // full names used as labels, indexed by their last and first word
        let mut full = FullNames::default();
        let person_labels = cues
            .iter()
            .flat_map(|c| [c.label.as_ref(), c.answer_label.as_ref()])
            .flatten()
            .filter(|l| l.kind == LabelKind::Person);
        for l in person_labels {
            let (_, core) = core_words(&l.raw);
            if core.len() >= 2 {
                full.add(core.join(" "));
            }
        }

        let mut cache: HashMap<String, Option<String>> = HashMap::new();
        let mut resolve = |raw: &str| -> Option<String> {
            if let Some(r) = cache.get(raw) {
                return r.clone();
            }
            let spelled = respell(raw, &names.ctx);
            let r = resolve_label(&spelled, &full, &names.credits, &names.intro, &names.ctx)
                .map(|n| respell(&n, &names.ctx));
            cache.insert(raw.to_string(), r.clone());
            r
        };
        let mut german = false;
        let mut lab_of = |l: &Label, german: &mut bool| -> Lab {
            match l.kind {
                LabelKind::Question => {
                    *german |= l.raw.to_lowercase().starts_with('f');
                    Lab::Q
                }
                LabelKind::Answer => {
                    *german |= l.raw.to_lowercase().starts_with("antw");
                    Lab::A
                }
                LabelKind::Generic => Lab::Generic(l.raw.clone()),
                LabelKind::Person => match resolve(&l.raw) {
                    Some(name) => Lab::Person(name),
                    None => Lab::Open(l.raw.clone()),
                },
                LabelKind::Other => Lab::Open(l.raw.clone()),
            }
        };
        for (i, c) in cues.iter().enumerate() {
            if let Some(l) = &c.label {
                at[i] = Some(lab_of(l, &mut german));
            }
            if let Some(l) = &c.answer_label {
                answer_at[i] = Some(lab_of(l, &mut german));
            }
            if name_block[i] {
                let text = blocks[i].text();
                let raw = strip_invisible(text.trim());
                let name = respell(&raw, &names.ctx);
                at[i] = Some(Lab::Person(name));
            }
        }

        // a one-word label that names nobody but recurs and mostly asks ("SZ:", "KD:") is a
        // publication asking the questions; one the text also addresses with a personal prefix
        // ("Frau Sommer, wie …?") is a person whose full name is never given
        let mut single: HashMap<String, (usize, usize)> = HashMap::new();
        for (i, c) in cues.iter().enumerate() {
            if let (Some(Lab::Open(raw)), Some(l)) = (&at[i], &c.label) {
                if l.kind == LabelKind::Person && !raw.contains(char::is_whitespace) {
                    let e = single.entry(raw.clone()).or_insert((0, 0));
                    e.0 += 1;
                    e.1 += usize::from(c.ends_q);
                }
            }
        }
        if !single.is_empty() {
            let wanted: HashMap<&str, (usize, usize)> =
                single.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            let addressed = addressed_forms(blocks, &wanted);
            for lab in at.iter_mut() {
                if let Some(Lab::Open(raw)) = lab {
                    if let Some(&(n, q)) = single.get(raw.as_str()) {
                        if n >= 2 && q * 10 >= n * 7 {
                            *lab = Some(Lab::Person(raw.clone()));
                        } else if let Some(form) = addressed.get(raw.as_str()).filter(|_| n >= 2) {
                            *lab = Some(Lab::Person(form.clone()));
                        }
                    }
                }
            }
        }
        Labels {
            at,
            answer_at,
            name_block,
            german,
        }
    }
}

/// `name` as the context writes it, when it is in capitals or lower case and the context has the
/// same words with their capital letters.
fn respell(name: &str, ctx: &Ctx) -> String {
    let capitals = !name.chars().any(char::is_lowercase);
    let lower = !name.chars().any(char::is_uppercase);
    if capitals || lower {
        if let Some(p) = ctx.proper(name) {
            return p;
        }
        if lower {
            // "ezra oduya" → "Ezra Oduya"
            return name
                .split_whitespace()
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect::<String>())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    name.to_string()
}

/// Paragraphs that are a speaker's name alone above the turn (a transcript's `<dt>`): at least two
/// such names, each at least twice, each followed by a paragraph of text, and together most of the
/// short name-like paragraphs.
fn transcript_names(blocks: &[Block], cues: &[Cue]) -> Vec<bool> {
    let mut out = vec![false; cues.len()];
    let mut counts: HashMap<String, usize> = HashMap::new();
    let key = |i: usize| strip_invisible(blocks[i].text().trim()).to_lowercase();
    let followed = |i: usize| {
        cues.get(i + 1)
            .is_some_and(|c| c.is_para() && !c.name_only && c.label.is_none())
    };
    for (i, c) in cues.iter().enumerate() {
        if c.name_only && followed(i) {
            *counts.entry(key(i)).or_default() += 1;
        }
    }
    let recurring: Vec<&String> = counts
        .iter()
        .filter(|(k, &c)| c >= 2 && k.split_whitespace().count() >= 2)
        .map(|(k, _)| k)
        .collect();
    if recurring.len() < 2 {
        return out;
    }
    let total: usize = recurring.iter().map(|k| counts[*k]).sum();
    if total < 4 {
        return out;
    }
    for (i, slot) in out.iter_mut().enumerate() {
        if cues[i].name_only && followed(i) && recurring.contains(&&key(i)) {
            *slot = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Article;

    fn labels_of(lead: &str, texts: &[&str]) -> Vec<Option<Lab>> {
        let blocks: Vec<Block> = texts.iter().map(|t| Block::paragraph(*t)).collect();
        let cues: Vec<Cue> = blocks.iter().map(analyze).collect();
        let article = Article {
            title: "Gespräch".into(),
            lead: Some(lead.into()),
            blocks: blocks.clone(),
            ..Article::default()
        };
        let names = Names::gather(&article, &cues, 0);
        Labels::resolve(&blocks, &cues, &names).at
    }

    #[test]
    fn short_capital_and_first_name_labels_resolve() {
        let at = labels_of(
            "Die Redaktion sprach mit Leslie Beispiel und Arne Probst.",
            &[
                "DAS BLATT: Was nun?",
                "Leslie Beispiel: Weiter.",
                "BLATT: Und dann?",
                "Beispiel: Schluss.",
                "Arne: Genau.",
                "Köln: Nichts.",
            ],
        );
        assert_eq!(at[0], Some(Lab::Person("DAS BLATT".into())));
        assert_eq!(at[2], Some(Lab::Person("DAS BLATT".into())));
        assert_eq!(at[3], Some(Lab::Person("Leslie Beispiel".into())));
        assert_eq!(at[4], Some(Lab::Person("Arne Probst".into())));
        assert_eq!(at[5], Some(Lab::Open("Köln".into())));
    }

    #[test]
    fn names_alone_above_the_turns_are_labels_and_take_the_contexts_spelling() {
        let at = labels_of(
            "Ezra Oduya im Gespräch mit Mira Lenz.",
            &[
                "ezra oduya",
                "Willkommen.",
                "mira lenz",
                "Danke.",
                "ezra oduya",
                "Wie geht es?",
                "mira lenz",
                "Gut.",
            ],
        );
        assert_eq!(at[0], Some(Lab::Person("Ezra Oduya".into())));
        assert_eq!(at[6], Some(Lab::Person("Mira Lenz".into())));
        assert_eq!(at[1], None);
        // a bio box with the name once is not a label
        let at = labels_of(
            "",
            &["Wie geht es?", "Gut.", "Eva Sommerfeld", "ist Pfarrerin."],
        );
        assert!(at.iter().all(Option::is_none));
    }
}

//! Text that repeats what the page already shows as metadata: a paragraph equal to the lead, the title
//! or the kicker (after whitespace, case, punctuation and markup) is shown once.

use crate::document::Block;

pub(super) fn norm_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

pub(super) fn same_text(a: &str, b: &str) -> bool {
    norm_chars(a).next().is_some() && norm_chars(a).eq(norm_chars(b))
}

/// `b` starts with `a` (ignoring case, punctuation and a trailing ellipsis on `a`), `a` long enough.
pub(super) fn starts_alike(long: &str, short: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let short = short.trim().trim_end_matches(['…', '.', ' ']);
    let (l, s) = (norm(long), norm(short));
    s.chars().count() >= 30 && l.starts_with(&s)
}

/// The text without a leading date ("[14.03.2026] …", "12.03.2026 – …"), for comparing.
fn undated(t: &str) -> &str {
    crate::parse::date::leading_date(t).map_or(t, |(_, rest)| rest)
}

/// Whether two texts say the same, also when one of them starts with a date the other leaves out.
pub(super) fn same_statement(a: &str, b: &str) -> bool {
    same_text(a, b) || same_text(undated(a), undated(b))
}

/// Drops the blocks that repeat the metadata shown above them: every paragraph, heading or quote
/// equal to the lead, and a first block equal to the title or the kicker.
pub(super) fn drop_repeats(
    blocks: &mut Vec<Block>,
    lead: Option<&str>,
    title: &str,
    kicker: Option<&str>,
) {
    let repeats = |b: &Block, of: &str| {
        matches!(
            b,
            Block::Paragraph { .. } | Block::Heading { .. } | Block::Quote { .. }
        ) && same_statement(&b.text(), of)
    };
    if let Some(l) = lead {
        blocks.retain(|b| !repeats(b, l));
    }
    while let Some(first) = blocks.first() {
        if repeats(first, title) || kicker.is_some_and(|k| repeats(first, k)) {
            blocks.remove(0);
        } else {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_of_the_lead_title_and_kicker_are_dropped() {
        let lead = "Das Unternehmen Rechenwerk Nord hat die elektronische Akte eingeführt.";
        let mut blocks = vec![
            Block::paragraph("Interview"),
            Block::paragraph("Akten ohne  Papier"),
            Block::paragraph(
                "[14.03.2026] Das Unternehmen  Rechenwerk Nord hat die elektronische Akte eingeführt.",
            ),
            Block::paragraph("Wie viele Aktenschränke stehen noch im Kreishaus?"),
            Block::paragraph("Akten ohne Papier"),
        ];
        drop_repeats(
            &mut blocks,
            Some(lead),
            "Akten ohne Papier",
            Some("Interview"),
        );
        let texts: Vec<String> = blocks.iter().map(|b| b.text().into_owned()).collect();
        // the title later in the text is a sentence of the text, not a repeat of the header
        assert_eq!(
            texts,
            [
                "Wie viele Aktenschränke stehen noch im Kreishaus?",
                "Akten ohne Papier"
            ]
        );
    }

    #[test]
    fn a_paragraph_that_only_starts_like_the_lead_stays() {
        let mut blocks = vec![Block::paragraph(
            "Das Unternehmen Rechenwerk Nord hat die elektronische Akte eingeführt. Seitdem ist viel passiert.",
        )];
        drop_repeats(
            &mut blocks,
            Some("Das Unternehmen Rechenwerk Nord hat die elektronische Akte eingeführt."),
            "Akten",
            None,
        );
        assert_eq!(blocks.len(), 1);
    }
}

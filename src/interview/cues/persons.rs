//! Person words: whether a text speaks to someone ("Sie", "you", "vous") or for itself ("ich",
//! "we", "je") — questions do the first, answers the second.

use super::is_invisible;
use crate::interview::words::*;

/// Second person ("you", "Sie" inside a sentence, "du", "vous", "usted") and first person ("I",
/// "wir", "je", "yo") in `text`: whether it speaks to someone, and whether it speaks for itself.
#[cfg(test)]
pub(in crate::interview) fn persons(text: &str) -> (bool, bool) {
    person_scan(text, true, true)
}

/// Whether `text` speaks to someone (the first of [`persons`]), read only until it does.
pub(in crate::interview) fn speaks_to(text: &str) -> bool {
    person_scan(text, true, false).0
}

/// Whether `text` speaks for itself (the second of [`persons`]), read only until it does.
pub(in crate::interview) fn speaks_for_itself(text: &str) -> bool {
    person_scan(text, false, true).1
}

/// [`persons`], looking only for the persons wanted and stopping once they are found.
fn person_scan(text: &str, want_you: bool, want_me: bool) -> (bool, bool) {
    let (mut you, mut me) = (!want_you, !want_me);
    let mut prev = '.';
    let mut word_start: Option<usize> = None;
    let check = |w: &str, prev: char, you: &mut bool, me: &mut bool| {
        if w.len() > 12 {
            return;
        }
        let mid_sentence = prev.is_alphanumeric() || matches!(prev, ',' | ';' | '–' | '—');
        if !*you && (in_list(YOU, w) || (mid_sentence && listed(FORMAL_YOU, w))) {
            *you = true;
        }
        if !*me {
            let first_person = match w {
                "I" => true,
                "US" | "i" => false,
                _ => in_list(ME, w),
            };
            if first_person {
                *me = true;
            }
        }
    };
    for (i, ch) in text.char_indices() {
        if ch.is_alphabetic() {
            if word_start.is_none() {
                word_start = Some(i);
            }
            continue;
        }
        if let Some(s) = word_start.take() {
            check(&text[s..i], prev, &mut you, &mut me);
            if you && me {
                return (you && want_you, me && want_me);
            }
            prev = text[..i].chars().next_back().unwrap_or('a');
        }
        if !ch.is_whitespace() && !is_invisible(ch) {
            prev = ch;
        }
    }
    if let Some(s) = word_start {
        check(&text[s..], prev, &mut you, &mut me);
    }
    (you && want_you, me && want_me)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persons_in_questions_and_answers() {
        assert_eq!(persons("Was haben Sie geändert?"), (true, false));
        assert_eq!(persons("Sie warnen vor den Folgen."), (false, false));
        assert_eq!(
            persons("Wir haben die Formulare überarbeitet."),
            (false, true)
        );
        assert_eq!(persons("What did you change?"), (true, false));
        assert_eq!(persons("I think so. The US agreed."), (false, true));
        assert_eq!(persons("Dans votre travail, vous expliquez"), (true, false));
        assert_eq!(persons("Sí, yo tenía el sueño"), (false, true));
    }

    /// The two one-sided readings agree with reading both.
    #[test]
    fn one_side_agrees_with_both() {
        for t in [
            "Was haben Sie geändert?",
            "Wir haben die Formulare überarbeitet. Und Sie?",
            "Sie warnen vor den Folgen, wir nicht.",
            "What did you change? I did.",
            "",
            "ÜBER UNS WIR",
        ] {
            assert_eq!((speaks_to(t), speaks_for_itself(t)), persons(t), "{t:?}");
        }
    }
}

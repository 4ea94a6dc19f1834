//! Text from outside never reaches the terminal as a control sequence.
//!
//! [`clean`] removes C0 controls (keeping `\n` and `\t`), DEL, C1 controls (which includes the 8-bit CSI,
//! OSC and DCS introducers), and the bidi embedding/override/isolate characters that can reorder what a
//! reader sees. ESC itself is a C0 control, so no escape sequence survives: its remaining bytes are plain
//! printable text.

use crate::document::{Mark, MarkStyle};

/// Whether `c` must never reach the terminal.
pub fn is_forbidden(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // bidi embeddings and overrides, isolates
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        // byte-order mark / zero-width no-break space inside text, interlinear annotation controls
        '\u{feff}' | '\u{fff9}'..='\u{fffb}' => true,
        _ => false,
    }
}

/// Whether `s` holds a forbidden character, from its bytes: an ASCII control (a chunk at a time
/// without an early exit in it, which the compiler turns into vector code), else one of the few
/// sequences after 0xC2, 0xE2 or 0xEF that encode the others (typographic quotes and dashes start
/// with 0xE2 too: each is looked at, not the whole text char by char).
fn holds_forbidden(s: &str) -> bool {
    let b = s.as_bytes();
    let control = |x: u8| (x < 0x20 && x != b'\n' && x != b'\t') || x == 0x7f;
    b.chunks(64)
        .any(|c| c.iter().fold(false, |hit, &x| hit | control(x)))
        || memchr::memchr3_iter(0xc2, 0xe2, 0xef, b).any(|i| {
            let next = (b.get(i + 1).copied(), b.get(i + 2).copied());
            match b[i] {
                // U+0080–U+009F
                0xc2 => matches!(next.0, Some(0x80..=0x9f)),
                // U+202A–U+202E, U+2066–U+2069
                0xe2 => matches!(
                    next,
                    (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
                ),
                // U+FEFF, U+FFF9–U+FFFB
                _ => matches!(
                    next,
                    (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xb9..=0xbb))
                ),
            }
        })
}

/// `s` without forbidden characters. `\r\n` and lone `\r` become `\n`.
pub fn clean(s: &str) -> String {
    if !holds_forbidden(s) {
        return s.to_string();
    }
    strip_forbidden(s)
}

/// [`clean`] of an owned string: the string itself when it holds nothing forbidden (most do).
pub fn clean_owned(s: String) -> String {
    if !holds_forbidden(&s) {
        return s;
    }
    strip_forbidden(&s)
}

fn strip_forbidden(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() != Some(&'\n') {
                out.push('\n');
            }
        } else if !is_forbidden(c) {
            out.push(c);
        }
    }
    out
}

/// [`clean`] for an optional string; an empty result becomes `None`.
pub fn clean_opt(s: Option<String>) -> Option<String> {
    s.map(clean_owned).filter(|s| !s.trim().is_empty())
}

/// For one line of a terminal: also turns newlines and tabs into spaces.
pub fn clean_line(s: &str) -> String {
    clean(s)
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect()
}

/// [`clean`] that keeps byte-range marks pointing at the same characters.
pub fn clean_with_marks(s: &str, marks: Vec<Mark>) -> (String, Vec<Mark>) {
    if !s.chars().any(is_forbidden) {
        return (s.to_string(), marks);
    }
    // map old byte offsets to new ones
    let mut map = vec![0usize; s.len() + 1];
    let mut out = String::with_capacity(s.len());
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        for slot in map.iter_mut().take(i + c.len_utf8()).skip(i) {
            *slot = out.len();
        }
        if c == '\r' {
            if iter.peek().map(|&(_, n)| n) != Some('\n') {
                out.push('\n');
            }
        } else if !is_forbidden(c) {
            out.push(c);
        }
    }
    map[s.len()] = out.len();
    let marks = marks
        .into_iter()
        .filter_map(|m| {
            let start = map[m.start.min(s.len())];
            let end = map[m.end.min(s.len())];
            (start < end).then(|| Mark {
                start,
                end,
                style: m.style,
                href: if m.style == MarkStyle::Link {
                    clean_opt(m.href)
                } else {
                    None
                },
            })
        })
        .collect();
    (out, marks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The byte scan finds what a look at every character finds: ordinary text and its
        /// neighbours in UTF-8, with one character of any kind somewhere in it.
        #[test]
        fn the_byte_scan_agrees_with_every_character(
            chars in proptest::collection::vec(prop::sample::select(vec![
                'a', ' ', '\n', '\t', '\u{a0}', 'ä', '„', '“', '…', '–', '\u{2029}', '\u{202f}', '\u{2065}',
                '\u{206a}', '\u{fefe}', '\u{fff8}', '\u{fffc}', '\u{ffff}', '😀',
            ]), 0..40),
            one in prop::sample::select(vec![
                'a', '\r', '\u{0}', '\u{1b}', '\u{7f}', '\u{80}', '\u{9f}', '\u{202a}', '\u{202e}',
                '\u{2066}', '\u{2069}', '\u{feff}', '\u{fff9}', '\u{fffb}',
            ]),
            at in any::<prop::sample::Index>(),
        ) {
            let mut chars = chars;
            chars.insert(at.index(chars.len() + 1), one);
            let s: String = chars.into_iter().collect();
            prop_assert_eq!(holds_forbidden(&s), s.chars().any(is_forbidden), "{:?}", s);
        }
    }

    #[test]
    fn removes_escape_sequences_and_c1() {
        let evil = "Titel\x1b]52;c;ZXZpbA==\x07 und \x1b[2J\u{9b}31m rot\u{202e}gnp.exe";
        let c = clean(evil);
        assert!(!c.chars().any(is_forbidden), "{c:?}");
        assert!(c.starts_with("Titel]52;c;ZXZpbA== und [2J31m rot"));
        assert!(c.ends_with("gnp.exe"));
    }

    #[test]
    fn keeps_text_newlines_and_umlauts() {
        assert_eq!(clean("Grüße\r\naus Köln\tß"), "Grüße\naus Köln\tß");
        assert_eq!(clean("a\rb"), "a\nb");
        assert_eq!(clean_line("a\nb\tc"), "a b c");
    }

    #[test]
    fn marks_follow_their_characters() {
        let text = "\x1b[1mBold\x1b[0m: rest";
        let marks = vec![Mark {
            start: 4,
            end: 8,
            style: MarkStyle::Bold,
            href: None,
        }];
        let (t, m) = clean_with_marks(text, marks);
        assert_eq!(t, "[1mBold[0m: rest");
        assert_eq!(&t[m[0].start..m[0].end], "Bold");
    }
}

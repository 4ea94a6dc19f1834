//! Display width of text as the terminal shows it: by grapheme cluster, so that CJK characters and
//! emoji take two columns, a ZWJ sequence (👩‍💻) or a flag (🇩🇪) is one picture of two columns,
//! combining marks stay on their base, and soft hyphens (U+00AD) take none.
//!
//! The widths are ratatui's own ([`ratatui::buffer::CellWidth`]), so what is measured here is what
//! the screen buffer does.

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

/// The soft hyphen: invisible, except where a line breaks at it (then a visible hyphen).
pub const SOFT_HYPHEN: char = '\u{ad}';

/// The columns one grapheme cluster takes (0 for control characters, which are never drawn).
pub fn grapheme_width(g: &str) -> usize {
    if g.is_empty() || g.contains(char::is_control) {
        0
    } else {
        g.cell_width() as usize
    }
}

/// The columns `s` takes on one line of the screen.
pub fn display_width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// `s` without soft hyphens (for text that is never broken across lines: titles, status).
pub fn without_soft_hyphens(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(SOFT_HYPHEN) {
        std::borrow::Cow::Owned(s.replace(SOFT_HYPHEN, ""))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// `s` cut to at most `w` columns, with "…" at the end when cut. Cuts only between grapheme
/// clusters: a ZWJ sequence, a flag or a letter with its combining marks is kept whole or left out
/// whole, and a wide character that does not fit is left out (never half drawn). Soft hyphens are
/// dropped.
pub fn truncate(s: &str, w: usize) -> String {
    let s = without_soft_hyphens(s);
    if display_width(&s) <= w {
        return s.into_owned();
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let gw = grapheme_width(g);
        if used + gw + 1 > w {
            break;
        }
        used += gw;
        out.push_str(g);
    }
    out.push('…');
    out
}

/// Splits textwrap's words at soft hyphens, so that a long word can break there. Every piece but the
/// last keeps its soft hyphen at its end (invisible, zero columns, so the pieces stay contiguous in
/// the source text), has no whitespace after it and the penalty "-": the hyphen shown when the line
/// ends there. Words without a soft hyphen pass unchanged.
pub fn split_soft_hyphens<'a>(
    words: impl IntoIterator<Item = textwrap::core::Word<'a>>,
) -> Vec<textwrap::core::Word<'a>> {
    let mut out = Vec::new();
    for w in words {
        if !w.word.contains(SOFT_HYPHEN) {
            out.push(w);
            continue;
        }
        let text = w.word;
        let mut start = 0;
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            // a soft hyphen opening the word (or the piece) or closing it is no break opportunity
            if c != SOFT_HYPHEN || i == start || end == text.len() {
                continue;
            }
            let mut piece = textwrap::core::Word::from(&text[start..end]);
            piece.penalty = "-";
            out.push(piece);
            start = end;
        }
        let rest = &text[start..];
        let mut last = textwrap::core::Word::from(rest);
        last.whitespace = w.whitespace;
        last.penalty = w.penalty;
        out.push(last);
    }
    out
}

/// Where a word may break: after each soft hyphen inside it, and after a hyphen between two letters
/// or digits ("E-Government"), as textwrap's hyphen splitter does. For
/// `textwrap::WordSplitter::Custom`; textwrap then shows a "-" where a line ends after a soft hyphen
/// (the soft hyphens themselves are removed from the finished lines with [`without_soft_hyphens`]).
pub fn break_points(word: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut out = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let end = i + c.len_utf8();
        if end >= word.len() || k == 0 {
            continue;
        }
        let before = chars[k - 1].1;
        let after = chars.get(k + 1).map_or(' ', |&(_, c)| c);
        let ok = match c {
            SOFT_HYPHEN => before != SOFT_HYPHEN,
            '-' => before.is_alphanumeric() && after.is_alphanumeric(),
            _ => false,
        };
        if ok {
            out.push(end);
        }
    }
    out
}

/// textwrap options that break words at soft hyphens (shown as "-") and at hyphens.
pub fn wrap_options(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::Custom(break_points))
}

/// `textwrap::wrap` with [`wrap_options`]: the lines without soft hyphens, a "-" where a line
/// breaks at one.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    textwrap::wrap(text, wrap_options(width))
        .into_iter()
        .map(|l| without_soft_hyphens(&l).into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use textwrap::core::Fragment;

    #[test]
    fn widths() {
        assert_eq!(display_width("Rathaus"), 7);
        assert_eq!(display_width("東京"), 4);
        assert_eq!(display_width("👩\u{200d}💻"), 2);
        assert_eq!(display_width("🇩🇪🇫🇷"), 4);
        assert_eq!(display_width("Cafe\u{301}"), 4);
        assert_eq!(display_width("Verwal\u{ad}tung"), 10);
    }

    #[test]
    fn truncation_keeps_clusters_whole() {
        assert_eq!(truncate("Rathaus", 7), "Rathaus");
        assert_eq!(truncate("Rathaus", 5), "Rath…");
        assert_eq!(truncate("Rathaus", 0), "");
        assert_eq!(truncate("Rathaus", 1), "…");
        // a wide character that would stick out is left out
        assert_eq!(truncate("東京都庁", 4), "東…");
        assert_eq!(truncate("東京都庁", 5), "東京…");
        // the ZWJ sequence is one picture
        assert_eq!(truncate("ab👩\u{200d}💻cd", 4), "ab…");
        assert_eq!(truncate("ab👩\u{200d}💻cd", 5), "ab👩\u{200d}💻…");
        // flags are pairs of regional indicators
        assert_eq!(truncate("🇩🇪🇫🇷🇮🇹", 5), "🇩🇪🇫🇷…");
        // the combining accent stays on its e
        assert_eq!(truncate("Cafe\u{301} am Markt", 5), "Cafe\u{301}…");
        // soft hyphens vanish
        assert_eq!(truncate("Bau\u{ad}amt", 10), "Bauamt");
        for w in 0..12 {
            let t = truncate("x👩\u{200d}👩\u{200d}👧 東京 e\u{301}\u{ad}", w);
            assert!(display_width(&t) <= w, "{w}: {t}");
        }
    }

    #[test]
    fn plain_wrapping_breaks_at_soft_hyphens() {
        let text = "Das Verwaltungs\u{ad}digitalisierungs\u{ad}gesetz gilt für E-Government.";
        let lines = wrap(text, 20);
        assert_eq!(
            lines,
            [
                "Das Verwaltungs-",
                "digitalisierungs-",
                "gesetz gilt für E-",
                "Government."
            ]
        );
        // no break needed: no hyphen, no soft hyphen
        assert_eq!(wrap(text, 80), [text.replace('\u{ad}', "")]);
        assert_eq!(break_points("a\u{ad}b-c"), [3, 5]);
        assert!(break_points("-x-").is_empty());
    }

    #[test]
    fn soft_hyphens_become_break_opportunities() {
        let words = split_soft_hyphens([
            textwrap::core::Word::from("Verwaltungs\u{ad}digitalisierungs\u{ad}gesetz "),
            textwrap::core::Word::from("heute"),
        ]);
        let texts: Vec<&str> = words.iter().map(|w| w.word).collect();
        assert_eq!(
            texts,
            [
                "Verwaltungs\u{ad}",
                "digitalisierungs\u{ad}",
                "gesetz",
                "heute"
            ]
        );
        assert_eq!(words[0].penalty, "-");
        assert_eq!(words[0].whitespace, "");
        assert_eq!(words[0].width(), 11.0);
        assert_eq!(words[0].penalty_width(), 1.0);
        assert_eq!(words[2].whitespace, " ");
        assert_eq!(words[2].penalty, "");
        // a trailing or leading soft hyphen is no break
        let w = split_soft_hyphens([textwrap::core::Word::from("\u{ad}Amt\u{ad}")]);
        assert_eq!(w.len(), 1);
    }
}

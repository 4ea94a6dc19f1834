//! Text that repeats what the page already shows as metadata: a paragraph equal to the lead, the title
//! or the kicker (after whitespace, case, punctuation and markup) is shown once.

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

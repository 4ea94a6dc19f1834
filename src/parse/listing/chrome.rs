//! Chrome: what surrounds a page's content — navigation, menus, footers, sidebars, share bars,
//! cookie notices, ad slots — and boxes that repeat site-wide lists (most read, popular).
//!
//! Decided by structure first: `nav`, `menu`, `footer`, navigation roles are chrome; `aside`, a
//! page header, forms and elements whose class or id *words* name chrome (`main-nav`, `sidebar`,
//! `widget`) are chrome unless they hold a large part of the page's text. A wrapper such as
//! `content-with-sidebar` or `right-sidebar` that holds the page's content is no sidebar, so
//! class words alone never decide.

use super::page::{Page, NONE};
use crate::parse::html::AttrValue;

/// Class or id words of chrome (whole words: `navbar` and `main-nav` count, `carnaval` does not).
const CHROME_WORDS: &[&str] = &[
    "nav",
    "navi",
    "navbar",
    "navigation",
    "mainnav",
    "subnav",
    "topnav",
    "menu",
    "menus",
    "submenu",
    "megamenu",
    "breadcrumb",
    "breadcrumbs",
    "pager",
    "pagination",
    "paging",
    "pagenav",
    "footer",
    "sidebar",
    "widget",
    "widgets",
    "tagcloud",
    "social",
    "share",
    "sharing",
    "cookie",
    "cookies",
    "consent",
    "sitemap",
    "toolbar",
    "copyright",
    "login",
    "newsletter",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "advertising",
    "anzeige",
    "werbung",
    "sponsor",
    "sponsored",
    "outbrain",
    "taboola",
];

/// Class or id words of boxes around an article: comments, related articles (on a listing page
/// such links sit inside their teaser, not in a box of their own). Not for a link itself.
const ASIDE_WORDS: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "respond",
    "disqus",
    "related",
    "recommended",
    "recommendations",
];

/// Class or id words of site-wide "most read" boxes.
const POPULAR_WORDS: &[&str] = &[
    "popular",
    "mostread",
    "mostpopular",
    "mostviewed",
    "trending",
    "meistgelesen",
    "beliebt",
    "toplist",
];

/// The words of a class or id value: split at non-alphanumerics and lower-to-upper case changes,
/// digits dropped, lower case.
pub fn class_words(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(|c: char| !c.is_alphanumeric())
        .flat_map(split_camel)
        .map(|w| {
            w.chars()
                .filter(|c| !c.is_ascii_digit())
                .collect::<String>()
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

fn split_camel(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    push_camel_parts(s, &mut out);
    out
}

/// The parts of `s` split at lower-to-upper case changes (a digit counts as lower case), onto `out`.
fn push_camel_parts<'a>(s: &'a str, out: &mut Vec<&'a str>) {
    let mut start = 0;
    let mut prev_lower = false;
    for (i, c) in s.char_indices() {
        if c.is_uppercase() && prev_lower {
            out.push(&s[start..i]);
            start = i;
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    out.push(&s[start..]);
}

/// The words of one class or id token as written (see [`class_words`]: not yet without digits and
/// lower-cased), words of digits only left out; no allocation but the list.
fn raw_words(token: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for piece in token.split(|c: char| !c.is_alphanumeric()) {
        push_camel_parts(piece, &mut out);
    }
    out.retain(|w| w.chars().any(|c| !c.is_ascii_digit()));
    out
}

/// Whether a word as written is one of `words` once its digits are dropped and it is lower-cased
/// (the words of [`class_words`]); a short ASCII word is lower-cased on the stack.
fn word_in(raw: &str, words: &[&str]) -> bool {
    let slow = || {
        let w = raw
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
            .to_lowercase();
        words.contains(&w.as_str())
    };
    if !raw.is_ascii() {
        return slow();
    }
    let mut buf = [0u8; 32];
    let mut n = 0;
    for c in raw.bytes().filter(|c| !c.is_ascii_digit()) {
        let Some(b) = buf.get_mut(n) else {
            return slow();
        };
        *b = c.to_ascii_lowercase();
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).is_ok_and(|w| words.contains(&w))
}

/// Which of the word lists `lists` a class or id token of element `i` begins or ends with
/// (`main-nav`, `navLine`, `footer-widgets`; not `category-social-media`, a per-item category): one
/// pass over the element's tokens for all lists.
fn has_words<const N: usize>(page: &Page<'_>, i: u32, lists: [&[&str]; N]) -> [bool; N] {
    let mut out = [false; N];
    let v = page.get(i).el.value();
    for token in v
        .attr_value("class")
        .into_iter()
        .chain(v.attr_value("id"))
        .flat_map(str::split_whitespace)
    {
        let w = raw_words(token);
        let Some(first) = w.first() else { continue };
        let last = w.get(1..).and_then(<[&str]>::last);
        for (k, words) in lists.iter().enumerate() {
            out[k] |= word_in(first, words) || last.is_some_and(|l| word_in(l, words));
        }
    }
    out
}

/// Whether a class token ends with one of `words` (`photo-credit`, `wp-caption`).
pub fn token_ends_with(value: &str, words: &[&str]) -> bool {
    value
        .split_whitespace()
        .any(|token| raw_words(token).last().is_some_and(|l| word_in(l, words)))
}

/// Whether each element is chrome or inside chrome.
pub fn chrome(page: &Page<'_>) -> Vec<bool> {
    let n = page.len();
    let mut out = vec![false; n];
    // the text a wrapper holds: a share of the page's own text (not link text: a sidebar of label
    // links is no content), or of its main element's
    let own = |i: u32| -> u32 {
        let e = page.get(i);
        e.text.saturating_sub(e.link_text)
    };
    let scope_text = |i: u32| -> u32 {
        match page.main {
            Some(m) if page.within(i, m) => own(m),
            _ => own(page.body),
        }
    };
    // headings per subtree: content holds the page's headlines, a legal footer does not
    let mut headings = vec![0u32; n];
    for i in (0..n as u32).rev() {
        let e = page.get(i);
        if matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            headings[i as usize] += 1;
        }
        if e.parent != NONE {
            headings[e.parent as usize] += headings[i as usize];
        }
    }
    let scope_headings = |i: u32| -> u32 {
        match page.main {
            Some(m) if page.within(i, m) => headings[m as usize],
            _ => headings[page.body as usize],
        }
    };
    let mut in_item = vec![false; n]; // inside article, main, section or a list item
    for i in 0..n as u32 {
        let e = page.get(i);
        let p = e.parent;
        let (parent_chrome, parent_item) = if p == NONE {
            (false, false)
        } else {
            (out[p as usize], in_item[p as usize])
        };
        let name = e.name();
        in_item[i as usize] = parent_item || matches!(name, "article" | "main" | "section" | "li");
        if parent_chrome {
            out[i as usize] = true;
            continue;
        }
        let v = e.el.value();
        let role = v.attr_value("role").unwrap_or("").to_ascii_lowercase();
        let hard = matches!(name, "nav" | "menu" | "footer")
            || matches!(
                role.as_str(),
                "navigation" | "menubar" | "menu" | "contentinfo" | "search"
            );
        let soft = hard
            || (name == "header" && !parent_item)
            || matches!(name, "aside" | "form")
            || matches!(role.as_str(), "banner" | "complementary")
            || {
                let [chrome, popular, aside] =
                    has_words(page, i, [CHROME_WORDS, POPULAR_WORDS, ASIDE_WORDS]);
                chrome || popular || (name != "a" && aside)
            };
        if !soft {
            continue;
        }
        // a wrapper that holds much of the content is no chrome, whatever it is called
        let scope = scope_text(i).max(1);
        let share = own(i) as f64 / scope as f64;
        let (h, scope_h) = (headings[i as usize], scope_headings(i));
        let wrapper =
            own(i) > 200 && ((share >= 0.4 && h * 3 >= scope_h) || (share >= 0.6 && h >= 1));
        if hard && name != "form" && role != "search" {
            out[i as usize] = !wrapper || name == "nav" || name == "menu";
        } else {
            out[i as usize] = !wrapper;
        }
    }
    out
}

/// Words that head a site-wide box of most read, popular or advertised links.
pub fn is_popular_heading(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    if t.is_empty() || t.chars().count() > 60 {
        return false;
    }
    const HEADS: &[&str] = &[
        "meistgelesen",
        "meist gelesen",
        "meistkommentiert",
        "meist kommentiert",
        "meistgeklickt",
        "am meisten",
        "beliebt",
        "top news",
        "top-news",
        "most read",
        "most popular",
        "most viewed",
        "most shared",
        "most commented",
        "popular",
        "trending",
        "les plus lus",
        "plus populaires",
        "más leíd",
        "mas leid",
        "más visto",
        "più lett",
        "piu lett",
        "più vist",
        "meest gelezen",
        "populair",
        "populär",
        "anzeige",
        "advertisement",
        "sponsored",
        "werbung",
    ];
    HEADS
        .iter()
        .any(|h| t.starts_with(h) || (h.len() > 6 && t.contains(h)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_words_are_whole_words() {
        let w: Vec<String> =
            class_words("content-with-sidebar mainNav category-carnaval navLine1").collect();
        assert_eq!(
            w,
            ["content", "with", "sidebar", "main", "nav", "category", "carnaval", "nav", "line"]
        );
    }

    #[test]
    fn words_as_written_are_the_class_words() {
        let lists: [&[&str]; 3] = [CHROME_WORDS, POPULAR_WORDS, &["caption", "ß", "straße"]];
        for token in [
            "main-nav",
            "navLine1",
            "NAV",
            "footer2-Widgets",
            "x-12-y",
            "123",
            "--",
            "",
            "photo_CREDIT",
            "mostRead",
            "Straße-Nav",
            "ÜberSicht-STRASSE",
            "wp-caption3",
            "\u{212a}ey",
            "averyveryverylongclassnamewithoutanybreakatall-nav",
            "x-averyveryverylongclassnamewithoutanybreakatall",
        ] {
            let want: Vec<String> = class_words(token).collect();
            let raw = raw_words(token);
            assert_eq!(raw.len(), want.len(), "{token}");
            for (r, w) in raw.iter().zip(&want) {
                for words in lists {
                    assert_eq!(word_in(r, words), words.contains(&w.as_str()), "{token}");
                }
                assert!(word_in(r, &[w.as_str()]), "{token}: {r} {w}");
            }
        }
    }

    #[test]
    fn popular_headings() {
        assert!(is_popular_heading("Meistgelesen"));
        assert!(is_popular_heading("TOP NEWS"));
        assert!(is_popular_heading("Most popular this week"));
        assert!(!is_popular_heading("Topmanager im Gespräch"));
        assert!(!is_popular_heading("Politik"));
    }
}

//! Entries to teasers and articles: which link, which date, which summary; the full text (where the
//! feed carries one) as an article with its lead and byline.

use super::text::Value;
use super::xml::{RawEntry, RawFeed};
use super::{feed_timestamp, truncate, SUMMARY_MAX};
use crate::document::{Article, Block, FullText, Item, Kind, Listing, Teaser};
use crate::parse::html::{self, normalize_space};
use url::Url;

/// The teasers (and articles) of a feed read by one of the format readers. With `lazy`, an item's full
/// text stays as the feed carried it ([`Item::full_text`]); [`build_article`] makes it an article.
pub fn listing(raw: RawFeed, base: Option<&Url>, lazy: bool) -> Listing {
    let title = raw
        .title
        .as_ref()
        .map(Value::to_line)
        .filter(|t| !t.is_empty());
    let items = raw
        .entries
        .into_iter()
        .map(|e| item(e, title.as_deref(), base, lazy))
        .collect();
    Listing {
        title,
        feeds: Vec::new(),
        via: None,
        items,
    }
}

fn item(entry: RawEntry, source: Option<&str>, base: Option<&Url>, lazy: bool) -> Item {
    let url = entry_link(&entry);
    let title = entry
        .title
        .as_ref()
        .filter(|t| !t.is_empty())
        .or(entry.media_title.as_ref())
        .map(Value::to_line)
        .unwrap_or_default();
    // the date shown: when it was published, else when it was last changed, else made
    let published = [&entry.published, &entry.updated, &entry.created]
        .into_iter()
        .flatten()
        .find_map(|d| feed_timestamp(d))
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, false));
    let summary_full = entry
        .summary
        .as_ref()
        .map(Value::to_line)
        .filter(|s| !s.is_empty());
    // the summary: the feed's own, else the full text's start, else a podcast or media description
    let summary = summary_full
        .clone()
        .or_else(|| {
            entry
                .content
                .as_ref()
                .map(start_line)
                .filter(|s| !s.is_empty())
        })
        .or_else(|| {
            entry
                .fallback_summary
                .as_ref()
                .map(Value::to_line)
                .filter(|s| !s.is_empty())
        })
        .map(|s| truncate(&s, SUMMARY_MAX));

    let mut full_text = None;
    if let Some(content) = entry.content.filter(|c| !c.is_empty()) {
        // relative links in the body: against the content's xml:base or the document when that is a
        // web address, else against the item's link
        let body_base = entry
            .content_base
            .clone()
            .filter(|b| matches!(b.scheme(), "http" | "https"))
            .or_else(|| url.as_deref().and_then(|u| Url::parse(u).ok()))
            .or_else(|| entry.content_base.clone())
            .or_else(|| base.cloned());
        full_text = Some(FullText {
            title: title.clone(),
            url: url.clone(),
            published: published.clone(),
            byline: (!entry.authors.is_empty()).then(|| entry.authors.join(", ")),
            summary: summary_full,
            source: source.map(str::to_string),
            base: body_base.map(String::from),
            html: content.html,
            content: content.value,
        });
    }
    let article = if lazy {
        None
    } else {
        full_text.take().and_then(|f| article(&f))
    };
    let title = if title.is_empty() {
        // an item without a title (allowed in RSS): the start of its summary
        summary
            .as_deref()
            .map(|s| truncate(s, 80))
            .unwrap_or_default()
    } else {
        title
    };
    let guid = entry.guid.clone().or_else(|| entry.about.clone());
    Item {
        teaser: Teaser {
            title,
            url,
            published,
            summary,
            source: source.map(str::to_string),
            kind: article.as_ref().map(|a| a.kind),
            kicker: None,
        },
        guid,
        article,
        full_text,
    }
}

/// The start of a full text as one line, enough for a summary of [`SUMMARY_MAX`] characters: HTML
/// reduced to text from its first few kilobytes, the whole of it only when they show too little
/// (the text before the cut reads the same either way).
fn start_line(content: &Value) -> String {
    const PREFIX: usize = 8 * SUMMARY_MAX;
    if content.value.len() > 2 * PREFIX {
        let mut cut = PREFIX;
        while !content.value.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = Value {
            value: content.value[..cut].to_string(),
            html: content.html,
        }
        .to_line();
        if head.chars().count() > SUMMARY_MAX + 100 {
            return head;
        }
    }
    content.to_line()
}

/// An item's article from its full text as the feed carried it: the body's blocks (reader-mode
/// structure, interviews recognised), the summary as the lead unless the body starts with it. None
/// when the body has no text. Not yet sanitized.
pub fn article(f: &FullText) -> Option<Article> {
    let base = f.base.as_deref().and_then(|b| Url::parse(b).ok());
    let blocks = if f.html {
        // (blocks_from_fragment flattens hostile nesting itself)
        html::blocks_from_fragment(&f.content, base.as_ref())
    } else {
        plain_blocks(&f.content)
    };
    if blocks.is_empty() {
        return None;
    }
    let body_start: String = blocks
        .iter()
        .map(|b| b.text().into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    let lead = f
        .summary
        .as_ref()
        .filter(|s| !same_start(s, &body_start))
        .cloned();
    let mut a = Article {
        title: f.title.clone(),
        url: f.url.clone(),
        published: f.published.clone(),
        byline: f.byline.clone(),
        lead,
        kicker: None,
        source: f.source.clone(),
        kind: Kind::Article,
        speakers: Vec::new(),
        blocks,
    };
    crate::interview::recognize(&mut a);
    Some(a)
}

/// The entry's article link: the first `rel="alternate"` link to a page (no type or an HTML one), else
/// the first alternate of any type, else the first that is no enclosure, feed or edit link, else the
/// guid when it is a permalink to a web page.
fn entry_link(entry: &RawEntry) -> Option<String> {
    let links = &entry.links;
    let alternate = |l: &&super::xml::Link| l.rel.eq_ignore_ascii_case("alternate");
    links
        .iter()
        .filter(alternate)
        .find(|l| {
            l.media_type
                .as_deref()
                .is_none_or(|m| m.is_empty() || m.contains("html"))
        })
        .or_else(|| links.iter().find(alternate))
        .or_else(|| {
            links.iter().find(|l| {
                !matches!(
                    l.rel.to_ascii_lowercase().as_str(),
                    "enclosure" | "self" | "edit" | "replies" | "license"
                )
            })
        })
        .map(|l| l.href.clone())
        .filter(|h| is_safe_link(h))
        .or_else(|| {
            let id = entry.guid.as_deref()?.trim();
            (entry.guid_is_link && (id.starts_with("http://") || id.starts_with("https://")))
                .then(|| id.to_string())
        })
}

/// Whether a link may be an article's address: a web page, a file, or another ordinary scheme; never
/// `javascript:`, `data:` or anything else a browser would run.
fn is_safe_link(href: &str) -> bool {
    let href = href.trim();
    match scheme(href) {
        Some(s) => matches!(
            s.as_str(),
            "http"
                | "https"
                | "file"
                | "ftp"
                | "mailto"
                | "news"
                | "nntp"
                | "gopher"
                | "magnet"
                | "feed"
        ),
        // relative (no base to resolve it against): not a scheme that runs anything
        None => !href.is_empty(),
    }
}

/// A link's scheme, lower case, as the URL parser reads it (leading controls and spaces skipped, tabs
/// and line breaks ignored), without parsing the rest; `None` when it has none (relative).
fn scheme(href: &str) -> Option<String> {
    let mut scheme = String::new();
    for c in href.trim_start_matches(|c: char| c <= ' ').chars() {
        match c {
            '\t' | '\n' | '\r' => {}
            ':' if !scheme.is_empty() => return Some(scheme),
            c if c.is_ascii_alphabetic()
                || (!scheme.is_empty() && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.'))) =>
            {
                scheme.push(c.to_ascii_lowercase())
            }
            _ => return None,
        }
    }
    None
}

/// Whether a summary is just the start of the body (so it is no lead of its own).
fn same_start(summary: &str, body: &str) -> bool {
    let norm = |s: &str| -> String {
        s.trim_end_matches(['…', '.', ' '])
            .trim_end_matches("[...]")
            .trim_end_matches("[…]")
            .trim_end_matches("...")
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let s = norm(summary);
    let b = norm(body);
    if s.is_empty() {
        return true;
    }
    b.starts_with(&s) || (s.len() > 40 && s.starts_with(&b))
}

/// Plain-text content (JSON Feed `content_text`, Atom `type="text"`) as paragraphs.
fn plain_blocks(text: &str) -> Vec<Block> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(normalize_space)
        .filter(|p| !p.is_empty())
        .map(Block::paragraph)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn unsafe_schemes_are_found_however_they_are_written() {
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "\u{1}javascript:x",
            "java\tscript:x",
            "java\nscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!is_safe_link(bad), "{bad:?}");
        }
        for good in [
            "https://blatt.example/a",
            "HTTP://blatt.example",
            "/relativ",
            "a:b",
            "mailto:x@y",
        ] {
            assert_eq!(is_safe_link(good), good != "a:b", "{good:?}");
        }
    }

    proptest! {
        /// The scheme is the one the URL parser finds, wherever it finds one.
        #[test]
        fn the_scheme_is_the_url_parsers(parts in proptest::collection::vec(
            prop::sample::select(vec![
                "javascript", "JavaScript", "http", "s", ":", "//", "\t", "\n", " ", "\u{1}", "a", "1",
                "+", "-", ".", "é", "/", "x.example", "?", "#", "%", "@",
            ]), 0..12)) {
            let href: String = parts.concat();
            let href = href.trim();
            if let Ok(u) = Url::parse(href) {
                prop_assert_eq!(scheme(href), Some(u.scheme().to_string()));
            }
        }
    }
}

//! The article's metadata from the page and the chosen content: title (the article's h1, else the
//! page's titles without the site name), kicker, lead, byline and publication date, each from the
//! strongest evidence there is.

use super::dedupe::{same_text, starts_alike};
use super::hints::hints;
use super::meta::{self, PageMeta};
use super::phrases::{is_dateline, is_meta_line};
use super::score::Pass;
use super::table::{is_ancestor, El, NONE};
use crate::document::Block;
use crate::parse::date;
use crate::parse::html::{inline_text, normalize_space};
use scraper::{ElementRef, Node};

/// Where the chosen content lies in the table.
pub(super) struct Content<'p> {
    pub(super) pass: &'p Pass,
    /// The first root's index.
    pub(super) start: u32,
    /// One past the last root's subtree.
    pub(super) end: u32,
}

impl<'p> Content<'p> {
    pub(super) fn new(els: &[El<'_>], pass: &'p Pass) -> Content<'p> {
        Content {
            pass,
            start: pass.roots.first().copied().unwrap_or(0),
            end: pass
                .roots
                .last()
                .map(|&r| els[r as usize].end)
                .unwrap_or(els.len() as u32),
        }
    }
}

/// The h1 the page's own titles (og, twitter, JSON-LD, `<title>`) name: equal to one of them, else
/// contained in one (not the site's name, which many pages set in an h1 as their logo).
pub(super) fn page_title_h1(els: &[El<'_>], meta: &PageMeta) -> Option<u32> {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let exact: Vec<String> = [
        meta.og_title.as_deref(),
        meta.twitter_title.as_deref(),
        meta.ld.headline.as_deref(),
        meta.html_title
            .as_deref()
            .map(|t| meta::strip_site(t, meta.source().as_deref(), None))
            .as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(norm)
    .filter(|t| !t.is_empty())
    .collect();
    let loose: Vec<String> = [meta.og_title.as_deref(), meta.html_title.as_deref()]
        .into_iter()
        .flatten()
        .map(norm)
        .collect();
    let site = meta.source().map(|s| norm(&s));
    let mut best: Option<(u8, u32)> = None;
    for (i, e) in els.iter().enumerate() {
        if e.name != "h1" || e.agg.text == 0 {
            continue;
        }
        let t = norm(&inline_text(e.el));
        if t.is_empty() || site.as_deref() == Some(t.as_str()) {
            continue;
        }
        let rank = if exact.contains(&t) {
            2
        } else if t.chars().count() >= 10 && loose.iter().any(|x| x.contains(&t)) {
            1
        } else {
            continue;
        };
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, i as u32));
        }
    }
    best.map(|(_, i)| i)
}

/// The article's h1: the one the page's titles name, else the first inside the content, else the
/// last before it, else any.
pub(super) fn title_h1(els: &[El<'_>], c: &Content<'_>, named: Option<u32>) -> Option<u32> {
    if named.is_some() {
        return named;
    }
    let mut before = None;
    let mut inside = None;
    for (i, e) in els.iter().enumerate() {
        let i = i as u32;
        if e.name != "h1" || e.agg.text == 0 {
            continue;
        }
        if i < c.start {
            before = Some(i);
        } else if i < c.end && inside.is_none() {
            inside = Some(i);
        }
    }
    let any = els.iter().position(|e| e.name == "h1").map(|i| i as u32);
    inside.or(before).or(any)
}

/// The title and the kicker the h1 carries; else the page's og/twitter/JSON-LD or `<title>` title
/// without the site's name.
pub(super) fn title_and_kicker(
    els: &[El<'_>],
    h1: Option<u32>,
    meta: &PageMeta,
    host: Option<&str>,
) -> (String, Option<String>) {
    let site = meta.source();
    let mut kicker = None;
    let mut title = None;
    if let Some(h) = h1 {
        let (k, t) = h1_parts(els[h as usize].el);
        let t = normalize_space(&t);
        let is_logo = site.as_deref().is_some_and(|s| same_text(s, &t));
        if t.chars().count() >= 3 && !is_logo {
            title = Some(t);
            kicker = k;
        }
    }
    if title.is_none() {
        title = meta
            .og_title
            .as_deref()
            .or(meta.twitter_title.as_deref())
            .or(meta.ld.headline.as_deref())
            .or(meta.html_title.as_deref())
            .map(|t| meta::strip_site(t, site.as_deref(), host));
    }
    let title = title.unwrap_or_default();
    if kicker.is_none() {
        kicker = hinted_kicker(els, h1, &title);
    }
    (title, kicker)
}

/// A kicker-hinted element just before the title or inside its header.
fn hinted_kicker(els: &[El<'_>], h1: Option<u32>, title: &str) -> Option<String> {
    let h = h1?;
    let hp = els[h as usize].parent;
    let scope = if hp != NONE {
        els[hp as usize].parent
    } else {
        NONE
    };
    let lo = if scope != NONE {
        scope
    } else {
        h.saturating_sub(20)
    };
    let hi = if scope != NONE {
        els[scope as usize].end.min(h + 40)
    } else {
        h + 10
    };
    for i in lo..hi.min(els.len() as u32) {
        let e = &els[i as usize];
        if e.hints.kicker && e.agg.text > 0 && e.agg.text <= 100 {
            let t = inline_text(e.el);
            if !t.is_empty() && !same_text(&t, title) {
                return Some(t);
            }
        }
    }
    None
}

/// A lead-hinted element after the title, before or at the start of the body.
pub(super) fn hinted_lead(
    els: &[El<'_>],
    h1: Option<u32>,
    c: &Content<'_>,
    title: &str,
) -> Option<String> {
    let from = h1.unwrap_or(0);
    for i in from..c.end.min(els.len() as u32) {
        let e = &els[i as usize];
        if !e.hints.lead || e.hints.strong || e.agg.text < 30 || e.agg.text > 1500 {
            continue;
        }
        // inside removed boilerplate (a teaser list, a sidebar) it is not this article's lead
        if e.parent != NONE && c.pass.removed[e.parent as usize] && i >= c.start {
            continue;
        }
        if c.pass
            .roots
            .iter()
            .any(|&r| (i < r || c.pass.roots.len() == 1) && is_ancestor(els, i, r))
        {
            continue;
        }
        if matches!(e.name, "ul" | "ol" | "li" | "a" | "h1" | "meta") {
            continue;
        }
        let lt = inline_text(e.el);
        if same_text(&lt, title) || is_dateline(&lt) || is_meta_line(&lt) {
            continue;
        }
        return Some(lt);
    }
    None
}

/// The page's description as the page shows it just after the title: a teaser paragraph in the
/// article's header.
pub(super) fn described_lead(els: &[El<'_>], h1: Option<u32>, description: &str) -> Option<String> {
    let h = h1?;
    let hi = (h + 60).min(els.len() as u32);
    for i in h + 1..hi {
        let e = &els[i as usize];
        if !matches!(e.name, "p" | "div" | "h2" | "h3" | "span")
            || e.agg.text < 30
            || e.agg.text > 1500
            || e.block_child
        {
            continue;
        }
        let t = inline_text(e.el);
        if same_text(&t, description)
            || starts_alike(&t, description)
            || starts_alike(description, &t)
        {
            return Some(t);
        }
    }
    None
}

/// The byline from meta tags, JSON-LD, `rel=author` or a hinted author box.
pub(super) fn byline(els: &[El<'_>], meta: &PageMeta) -> Option<String> {
    meta.author
        .clone()
        .or_else(|| meta.ld.author.clone())
        .or_else(|| {
            els.iter()
                .find(|e| {
                    e.name == "a"
                        && e.el
                            .value()
                            .attr("rel")
                            .is_some_and(|r| r.split_whitespace().any(|x| x == "author"))
                })
                .map(|e| inline_text(e.el))
                .filter(|t| meta::plausible_name(t))
        })
        .or_else(|| {
            els.iter()
                .filter(|e| e.hints.author && e.agg.text > 2 && e.agg.text < 120)
                .map(|e| clean_byline(&inline_text(e.el)))
                .find(|t| meta::plausible_name(t))
        })
}

/// A "Von …"/"By …" paragraph first, second or last in the body: removed; its name.
pub(super) fn take_by_line(blocks: &mut Vec<Block>) -> Option<String> {
    for pos in [0usize, 1, usize::MAX] {
        let idx = if pos == usize::MAX {
            blocks.len().saturating_sub(1)
        } else {
            pos
        };
        if let Some(Block::Paragraph { text, .. }) = blocks.get(idx) {
            if let Some(name) = by_line(text) {
                blocks.remove(idx);
                return Some(name);
            }
        }
    }
    None
}

/// The publication date: meta tags, JSON-LD, `itemprop="datePublished"`, `<time>`, a date-hinted
/// element. `None` when the page states none of these.
pub(super) fn published(
    els: &[El<'_>],
    meta: &PageMeta,
    date_prop: Option<u32>,
    removed: &[bool],
) -> Option<String> {
    if let Some(d) = meta.published.clone().or_else(|| meta.ld.published.clone()) {
        return Some(d);
    }
    let from_prop = date_prop.and_then(|i| {
        let e = &els[i as usize];
        let v = e.el.value();
        v.attr("content")
            .or_else(|| v.attr("datetime"))
            .and_then(date::parse_date)
            .or_else(|| date::find_date(&inline_text(e.el)))
    });
    if from_prop.is_some() {
        return from_prop;
    }
    let times: Vec<usize> = (0..els.len()).filter(|&i| els[i].name == "time").collect();
    let pick = times
        .iter()
        .find(|&&i| els[i].el.value().attr("pubdate").is_some())
        .or_else(|| {
            times
                .iter()
                .find(|&&i| !removed.get(i).copied().unwrap_or(true))
        })
        .or(times.first())
        .map(|&i| &els[i]);
    let from_time = pick.and_then(|e| {
        e.el.value()
            .attr("datetime")
            .and_then(date::parse_date)
            .or_else(|| date::find_date(&inline_text(e.el)))
    });
    if from_time.is_some() {
        return from_time;
    }
    els.iter()
        .filter(|e| e.hints.date && e.agg.text > 5 && e.agg.text < 120)
        .find_map(|e| date::find_date(&inline_text(e.el)))
}

/// The kicker (a leading span) and the title of an h1.
pub(super) fn h1_parts(h1: ElementRef<'_>) -> (Option<String>, String) {
    let full = inline_text(h1);
    let mut kids = h1.children().filter(|c| match c.value() {
        Node::Text(t) => !t.trim().is_empty(),
        Node::Element(_) => true,
        _ => false,
    });
    let first = kids.next();
    let rest_exists = kids.next().is_some();
    if let (Some(f), true) = (first.and_then(ElementRef::wrap), rest_exists) {
        if matches!(
            f.value().name(),
            "span" | "small" | "em" | "strong" | "b" | "i" | "div"
        ) {
            let k = inline_text(f);
            let h = hints(
                f.value().attr("class").unwrap_or(""),
                f.value().attr("id").unwrap_or(""),
            );
            let rest = full
                .strip_prefix(&k)
                .map(|r| r.trim_start_matches([':', ' ', '–', '-', '|']));
            if let Some(rest) = rest {
                let short = k.chars().count() <= 60 && rest.chars().count() > k.chars().count();
                if !k.is_empty()
                    && !rest.is_empty()
                    && (h.kicker
                        || (short
                            && h.weight >= 0
                            && k.split_whitespace().count() <= 5
                            && f.value().attr("class").is_some()))
                {
                    return (Some(k), rest.to_string());
                }
            }
        }
    }
    (None, full)
}

/// "Von Anna Beispiel" / "By Jane Doe" as a line of its own: the name.
pub(super) fn by_line(text: &str) -> Option<String> {
    let t = &*text.replace(['\n', '\u{a0}'], " ");
    let t = t.trim();
    let words = t.split_whitespace().count();
    if !(2..=10).contains(&words) || t.chars().count() > 90 {
        return None;
    }
    let lower = t.to_lowercase();
    let prefixed = [
        "von ",
        "von: ",
        "by ",
        "by: ",
        "text: ",
        "text von ",
        "autor: ",
        "autorin: ",
        "written by ",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    if !prefixed {
        return None;
    }
    let name = clean_byline(t);
    let words: Vec<&str> = name.split_whitespace().collect();
    let name_like = !words.is_empty()
        && words.len() <= 6
        && words.iter().all(|w| {
            matches!(
                *w,
                "und" | "and" | "von" | "van" | "de" | "der" | "den" | "zu" | "&"
            ) || w.chars().next().is_some_and(char::is_uppercase)
        });
    (name_like && meta::plausible_name(&name)).then_some(name)
}

/// A byline box's text down to the names: no "Von", no date, no role after a separator.
pub(super) fn clean_byline(t: &str) -> String {
    let t = normalize_space(t);
    let t = meta::strip_by(&t);
    let mut cut = t.len();
    for sep in [" | ", " · ", " – ", " — ", "\n", " - "] {
        if let Some(p) = t.find(sep) {
            cut = cut.min(p);
        }
    }
    let t = t[..cut].trim();
    let t = meta::strip_by(t);
    t.trim_end_matches([',', ';', ':', '-', '–', '—', '|', ' '])
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn bylines() {
        assert_eq!(
            by_line("Von Anna Beispiel").as_deref(),
            Some("Anna Beispiel")
        );
        assert_eq!(
            by_line("Von:\nJonas Probst").as_deref(),
            Some("Jonas Probst")
        );
        assert_eq!(
            by_line("By Jane Doe | Staff Writer").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            by_line("Von Anfang an war klar, dass es schwer wird."),
            None
        );
        assert_eq!(
            clean_byline("Von Anna Beispiel · 12. März 2026"),
            "Anna Beispiel"
        );
    }
}

//! One teaser's fields from its element (its *item*): the headline as the title, the roof line above
//! it as the kicker, the date it shows, and a summary from its own text.
//!
//! The item's text is cut into segments at block boundaries, line breaks and `<time>`; each segment
//! knows whether it is the headline, a link to elsewhere, a picture's caption or credit. The
//! headline is the title link's heading (a whole card as one link: its heading or first line); the
//! short segment right before it is the kicker; a date comes from `<time>`, date attributes or a
//! short date line; the summary is the rest that reads as text.

use super::chrome::token_ends_with;
use super::page::Page;
use crate::parse::date::{date_label, is_clock_time, leading_date, parse_date, DateContext};
use crate::parse::html::normalize_space;
use crate::parse::html::AttrValue;
use ego_tree::iter::Edge;
use regex::Regex;
use scraper::Node;
use std::sync::LazyLock;

/// The longest teaser summary in characters.
pub const SUMMARY_MAX: usize = 600;

/// One piece of an item's text.
#[derive(Debug, Clone, Default)]
pub struct Seg {
    pub text: String,
    /// Inside the headline element.
    pub title: bool,
    /// Mostly the text of links to other URLs than the teaser's (a related link, not a sentence
    /// with a link in it).
    pub other_link: bool,
    /// Inside a link (any).
    pub link: bool,
    /// Inside a figure, picture caption or credit.
    pub figure: bool,
    /// Inside a `<time>`.
    pub time: bool,
}

/// What the fields of one item are read from.
pub struct ItemInput<'p, 'a> {
    pub page: &'p Page<'a>,
    /// The item's element.
    pub root: u32,
    /// The teaser's URL (absolute) and the link that carries its headline, if any.
    pub url: &'p str,
    pub link: Option<u32>,
    pub base: Option<&'p url::Url>,
    pub dates: &'p DateContext,
}

/// The fields of one teaser.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    pub title: String,
    pub kicker: Option<String>,
    pub published: Option<String>,
    pub summary: Option<String>,
    /// The headline is (in) a heading element.
    pub heading: bool,
    pub image: bool,
    /// The item shows a clock time and no date (a ticker entry).
    pub clock: bool,
    /// Characters of the item's own text (a whole post or a short teaser).
    pub text_len: usize,
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn is_block_name(name: &str) -> bool {
    crate::parse::html::is_block(name)
}

/// The headline element of an item: inside the title link, a heading or a `headline` property;
/// else the link itself. Without a link: the item's first heading.
fn title_element(page: &Page<'_>, root: u32, link: Option<u32>) -> Option<u32> {
    let scope = link.unwrap_or(root);
    let mut heading = None;
    for i in page.subtree(scope) {
        let e = page.get(i);
        let itemprop = e.el.value().attr_value("itemprop").unwrap_or("");
        if (itemprop == "headline" || (itemprop == "name" && link.is_some())) && e.text > 0 {
            return Some(i);
        }
        if heading.is_none() && is_heading(e.name()) && e.text > 0 {
            heading = Some(i);
        }
    }
    heading.or(link)
}

/// Cuts the subtree of `root` into segments; `title_el` marks the headline's. Stops once the
/// headline is read and the segments hold more than `cap` characters (and says so).
pub fn segments(
    page: &Page<'_>,
    root: u32,
    title_el: Option<u32>,
    url: &str,
    base: Option<&url::Url>,
    cap: usize,
) -> (Vec<Seg>, bool) {
    let mut out: Vec<Seg> = Vec::new();
    let mut cur = Seg::default();
    // open elements: (flat index or NONE, name); flags derive from the stack
    struct Open {
        idx: Option<u32>,
        block: bool,
        title: bool,
        other_link: bool,
        link: bool,
        figure: bool,
        time: bool,
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut skipping = 0usize;
    // characters of the current segment, and of them in links to elsewhere
    let mut chars = (0usize, 0usize);
    // characters in the segments so far, and whether the headline element is behind
    let mut total = 0usize;
    let mut title_done = title_el.is_none();
    let own_key = url_key(url);
    let flush =
        |cur: &mut Seg, out: &mut Vec<Seg>, chars: &mut (usize, usize), total: &mut usize| {
            let t = normalize_space(&cur.text);
            if !t.is_empty() {
                let mut s = std::mem::take(cur);
                *total += t.chars().count();
                s.text = t;
                s.other_link = chars.1 * 2 > chars.0;
                out.push(s);
            } else {
                cur.text.clear();
            }
            *chars = (0, 0);
        };
    let root_el = page.get(root).el;
    for edge in root_el.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) => {
                    let el = scraper::ElementRef::wrap(n).expect("element");
                    let idx = page.index_of(el);
                    if skipping > 0 || idx.is_none() {
                        skipping += 1;
                        continue;
                    }
                    let name = e.name();
                    let parent = stack.last();
                    let is_link = name == "a";
                    let other = is_link
                        && e.attr_value("href")
                            .and_then(|h| super::page::absolute(h, base))
                            .is_some_and(|u| url_key(&u) != own_key);
                    // a caption or credit (a figure that holds a whole card, long or in
                    // several lines, is none)
                    let figure = name == "picture"
                        || (matches!(name, "figure" | "figcaption")
                            && idx.is_some_and(|i| page.get(i).text <= 120 && lines(page, i) < 2))
                        || e.attr_value("class").is_some_and(|c| {
                            token_ends_with(c, &["credit", "credits", "copyright", "caption"])
                        });
                    let open = Open {
                        idx,
                        block: is_block_name(name) || name == "time",
                        title: parent.is_some_and(|p| p.title)
                            || (idx.is_some() && idx == title_el),
                        other_link: parent.is_some_and(|p| p.other_link) || other,
                        link: parent.is_some_and(|p| p.link) || is_link,
                        figure: parent.is_some_and(|p| p.figure) || figure,
                        time: parent.is_some_and(|p| p.time) || name == "time",
                    };
                    let boundary =
                        open.block || name == "br" || open.title != parent.is_some_and(|p| p.title);
                    if boundary {
                        flush(&mut cur, &mut out, &mut chars, &mut total);
                        if title_done && total > cap {
                            return (out, true);
                        }
                    }
                    if name == "br" {
                        continue;
                    }
                    stack.push(open);
                }
                Node::Text(t) if skipping == 0 => {
                    if cur.text.trim().is_empty() {
                        if let Some(top) = stack.last() {
                            cur.title = top.title;
                            cur.link = top.link;
                            cur.figure = top.figure;
                            cur.time = top.time;
                        }
                    }
                    let n = t.chars().filter(|c| !c.is_whitespace()).count();
                    chars.0 += n;
                    if stack.last().is_some_and(|top| top.other_link) {
                        chars.1 += n;
                    }
                    cur.text.push_str(t);
                }
                _ => {}
            },
            Edge::Close(n) => {
                if let Node::Element(e) = n.value() {
                    if e.name() == "br" {
                        continue;
                    }
                    if skipping > 0 {
                        skipping -= 1;
                        continue;
                    }
                    if let Some(o) = stack.pop() {
                        let parent = stack.last();
                        if o.block || o.title != parent.is_some_and(|p| p.title) {
                            flush(&mut cur, &mut out, &mut chars, &mut total);
                        }
                        title_done |= o.idx.is_some() && o.idx == title_el;
                        if title_done && total > cap {
                            return (out, true);
                        }
                    }
                }
            }
        }
    }
    flush(&mut cur, &mut out, &mut chars, &mut total);
    (out, false)
}

/// Blocks with text inside an element (a caption has one line, a card several), counted up to 2.
fn lines(page: &Page<'_>, i: u32) -> usize {
    let all = page.get(i).text;
    page.subtree(i)
        .filter(|&d| {
            let t = page.get(d).text;
            is_block_name(page.get(d).name()) && t > 0 && t < all
        })
        .take(2)
        .count()
}

/// Two absolute URLs that name the same page (fragment and trailing slash aside).
pub fn same_url(a: &str, b: &str) -> bool {
    url_key(a) == url_key(b)
}

/// A URL without its fragment and trailing slash, `http` as `https`: one key per article.
pub fn url_key(u: &str) -> String {
    let u = u.split('#').next().unwrap_or(u);
    let u = u
        .strip_prefix("http://")
        .map_or_else(|| u.to_string(), |rest| format!("https://{rest}"));
    u.trim_end_matches('/').to_string()
}

/// Format labels (lower-cased), see [`is_format_label`].
const FORMAT_LABELS: &[&str] = &[
    "video",
    "videos",
    "galerie",
    "gallery",
    "fotos",
    "photos",
    "bilder",
    "bildergalerie",
    "interview",
    "analyse",
    "analysis",
    "podcast",
    "audio",
    "live",
    "liveblog",
    "ticker",
    "news",
    "test",
    "artikel",
    "article",
    "premium",
    "plus",
    "exklusiv",
    "exclusive",
    "kommentar",
    "meinung",
    "opinion",
    "update",
    "eilmeldung",
    "breaking",
    "anzeige",
    "advertorial",
    "sponsored",
    "new",
    "neu",
];

/// Characters of the longest format label.
const FORMAT_LABEL_CHARS: usize = 13;

/// Format labels that stand before a kicker or headline and belong to neither.
fn is_format_label(s: &str) -> bool {
    let t = s.trim().trim_matches(|c: char| !c.is_alphanumeric());
    // lower-casing never makes a text shorter: one longer than the longest label is none
    if t.len() > FORMAT_LABEL_CHARS * 4 || t.chars().count() > FORMAT_LABEL_CHARS {
        return false;
    }
    let t = t.to_lowercase();
    FORMAT_LABELS.contains(&t.as_str())
}

/// Counters and icons in a headline: `[55]`, `61 Kommentare`, a leading `#`.
fn strip_counters(t: &str) -> String {
    static COUNT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:\s*\[[0-9]+\]|\s+[0-9]+\s+(?:kommentare?|postings?|comments?|antworten|replies)|\s*\([0-9]+\))\s*$")
            .expect("regex")
    });
    let t = t
        .trim()
        .trim_start_matches(['#', '|', '»', '›', '>'])
        .trim();
    let t = t.trim_end_matches(['|', '»', '«', '›', '‹', '>']).trim();
    COUNT.replace(t, "").trim().to_string()
}

/// A credit line, not a headline or kicker: `Foto: …`, `© …`, `Bild: …`.
fn is_credit(s: &str) -> bool {
    // the longest prefix has 8 characters
    let t = lower_prefix(s.trim_start(), 12);
    [
        "foto:", "fotos:", "photo:", "bild:", "image:", "©", "(c)", "credit:", "quelle:",
        "source:", "getty", "imago", "dpa/",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// Words of a text, two CJK characters counting as one (one pass: the count of whitespace-separated
/// runs plus half the CJK characters).
pub fn words(s: &str) -> usize {
    let (mut runs, mut cjk, mut in_word) = (0usize, 0usize, false);
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let (white, len) = if b[i].is_ascii() {
            (
                matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c),
                1,
            )
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            cjk += usize::from(is_cjk(c));
            (c.is_whitespace(), c.len_utf8())
        };
        runs += usize::from(!white && !in_word);
        in_word = !white;
        i += len;
    }
    runs + cjk / 2
}

/// The first `n` characters of `s` lower-cased: enough to test a prefix of at most `n - 1`
/// characters of the whole text lower-cased, without lower-casing a long text.
pub fn lower_prefix(s: &str, n: usize) -> String {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    s[..end].to_lowercase()
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

/// A segment that is a date or time and hardly anything else (`22.12.2025`, `14:35 Uhr`).
fn is_date_only(s: &str, dates: &DateContext) -> bool {
    let t = s.trim();
    is_clock_time(t) || (words(t) <= 4 && t.chars().count() <= 40 && date_label(t, dates).is_some())
}

/// A segment that is only a date or time (with a few words around: "Posted on", "Uhr").
fn is_date_line(s: &str, dates: &DateContext) -> bool {
    let t = s.trim();
    if is_clock_time(t) {
        return true;
    }
    words(t) <= 8 && t.chars().count() <= 70 && date_label(t, dates).is_some()
}

/// An item's text is read up to this many characters (past its headline): its fields come from
/// its start, and [`Fields::text_len`] is exact up to here (a longer item, a whole post or a
/// section, gets some larger count).
pub const TEXT_LEN_EXACT: usize = 1500;

/// The first [`TEXT_LEN_EXACT`] characters of an item were not enough (no date in them, or too
/// little summary).
struct Partial;

/// The fields of one item: from the start of its text, from all of it when that is not enough.
pub fn fields(inp: &ItemInput<'_, '_>) -> Option<Fields> {
    match read_fields(inp, TEXT_LEN_EXACT) {
        Ok(f) => f,
        Err(Partial) => read_fields(inp, usize::MAX).ok().flatten(),
    }
}

/// The fields of one item from its text up to `cap` characters past the headline.
fn read_fields(inp: &ItemInput<'_, '_>, cap: usize) -> Result<Option<Fields>, Partial> {
    let page = inp.page;
    let title_el = title_element(page, inp.root, inp.link);
    let (segs, capped) = segments(page, inp.root, title_el, inp.url, inp.base, cap);
    let text_len: usize = segs.iter().map(|s| s.text.chars().count()).sum();
    // the headline: the title element's text; a long card link gives its first line
    let title_segs: Vec<usize> = (0..segs.len()).filter(|&k| segs[k].title).collect();
    let mut kicker: Option<String> = None;
    let Some(&first_title) = title_segs.first() else {
        return Ok(None);
    };
    // a picture link's caption is no headline
    let mut title_parts: Vec<&str> = title_segs
        .iter()
        .filter(|&&k| !segs[k].figure)
        .map(|&k| segs[k].text.as_str())
        .filter(|t| !is_credit(t) && !is_date_only(t, inp.dates) && !is_format_label(t))
        .collect();
    if title_parts.is_empty() {
        return Ok(None);
    }
    let link_is_title = title_el.is_some() && title_el == inp.link;
    if title_parts.len() > 1 && link_is_title {
        // a card as one link with no heading: its first line that reads as a headline
        let first = title_parts
            .iter()
            .position(|t| words(t) >= 2 && t.chars().count() >= 8)
            .unwrap_or(0);
        title_parts = vec![title_parts[first]];
    }
    let mut title = strip_counters(&title_parts.join(" "));
    // "Kicker: Headline" inside the headline element, the kicker in an element of its own
    if let Some(t) = title_el {
        if let Some((k, rest)) = split_kicker(page, t, &title) {
            kicker = Some(k);
            title = rest;
        }
    }
    let mut published = None;
    if let Some((d, rest)) = leading_date(&title).or_else(|| bare_leading_date(&title)) {
        if !rest.trim().is_empty() {
            published = Some(d);
            title = rest.trim().to_string();
        }
    }
    if title.chars().count() < 5 && !title.chars().any(is_cjk) || title.is_empty() {
        return Ok(None);
    }
    // the kicker: the short line right before the headline
    if kicker.is_none() {
        kicker = segs[..first_title]
            .iter()
            .rev()
            .filter(|s| !s.figure && !is_credit(&s.text) && !is_format_label(&s.text))
            .take(1)
            .find(|s| {
                let n = s.text.chars().count();
                (2..=70).contains(&n)
                    && words(&s.text) <= 8
                    && !is_date_line(&s.text, inp.dates)
                    && !s.time
                    && s.text != title
            })
            .map(|s| {
                s.text
                    .trim_end_matches([':', '|', '-', '–'])
                    .trim()
                    .to_string()
            });
    }
    // the date
    if published.is_none() {
        published = item_date(inp, &segs, capped);
    }
    let clock = published.is_none() && segs.iter().any(|s| !s.title && is_clock_time(&s.text));
    let (summary, summary_whole) = summary(&segs, &title, kicker.as_deref(), inp.dates);
    // the rest of the text may hold the date, a clock time or more of the summary
    if capped && (published.is_none() || !summary_whole) {
        return Err(Partial);
    }
    let heading = title_el.is_some_and(|t| {
        is_heading(page.get(t).name())
            || page
                .ancestors(t)
                .take(3)
                .any(|a| is_heading(page.get(a).name()))
    });
    let image = page.subtree(inp.root).any(|i| page.get(i).name() == "img");
    Ok(Some(Fields {
        title,
        kicker: kicker.filter(|k| !k.is_empty()),
        published,
        summary,
        heading,
        image,
        clock,
        text_len,
    }))
}

/// The summary: the item's own text that reads as text. A short line with a date ("Posted on
/// December 22, 2025 by …") is metadata when there is other text. The lines are read only until the
/// summary is longer than [`SUMMARY_MAX`] (what follows would be cut off: a whole section's text
/// costs no more than a teaser's).
/// Also says whether the lines were enough to fill it (more would not change it).
fn summary(
    segs: &[Seg],
    title: &str,
    kicker: Option<&str>,
    dates: &DateContext,
) -> (Option<String>, bool) {
    let parts = segs
        .iter()
        .filter(|s| !s.title && !s.other_link && !s.figure && !s.time)
        .map(|s| s.text.as_str())
        .filter(|t| Some(*t) != kicker)
        .filter(|t| !t.contains(title) && !title.contains(*t))
        .filter(|t| !super::more::is_more_link(t) && !is_format_label(t) && !is_credit(t))
        .map(|t| match leading_date(t) {
            Some((_, rest)) => rest,
            None => t,
        })
        .map(super::more::strip_more_suffix);
    // the lines of text, and the date lines of more than six words (the summary when there is no
    // other text)
    let (mut text, mut meta): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let mut chars = 0usize;
    let mut full = false;
    for t in parts {
        let n = words(t);
        if n < 4 {
            continue;
        }
        if n <= 10 && date_label(t, dates).is_some() {
            if text.is_empty() && n > 6 {
                meta.push(t);
            }
            continue;
        }
        chars += t.chars().count() + usize::from(!text.is_empty());
        text.push(t);
        // enough: the text so far is cut where the whole would be
        if chars > SUMMARY_MAX {
            full = true;
            break;
        }
    }
    let parts = if text.is_empty() { meta } else { text };
    // the lines are segments' text (whitespace normalised) trimmed at either end: joined with
    // spaces they need no normalising
    let joined = parts.join(" ");
    debug_assert_eq!(normalize_space(&joined), joined);
    let summary = (!parts.is_empty()).then(|| crate::parse::feed::truncate(&joined, SUMMARY_MAX));
    (summary, full)
}

/// The date an item shows: `<time datetime>`, a date attribute, else a date line of its own. With
/// only the first `segs` of the item (`partial`), only what the whole would give first: its
/// attributes and its first date line.
fn item_date(inp: &ItemInput<'_, '_>, segs: &[Seg], partial: bool) -> Option<String> {
    let page = inp.page;
    for i in page.subtree(inp.root) {
        let e = page.get(i);
        let v = e.el.value();
        let from_attr = match e.name() {
            "time" => v
                .attr_value("datetime")
                .and_then(parse_date)
                .or_else(|| date_label(&crate::parse::html::inline_text(e.el), inp.dates)),
            "meta" => match v.attr_value("itemprop") {
                Some("datePublished" | "dateCreated" | "dateModified" | "uploadDate") => {
                    v.attr_value("content").and_then(parse_date)
                }
                _ => None,
            },
            _ => v.attr_value("datetime").and_then(parse_date).or_else(|| {
                v.attr_value("title")
                    .filter(|t| t.chars().count() <= 40)
                    .and_then(|t| date_label(t, inp.dates))
            }),
        };
        if from_attr.is_some() {
            return from_attr;
        }
    }
    // a short date line, not the headline first; then the headline itself ("22.12.2025: …")
    let own: Vec<&Seg> = segs.iter().filter(|s| !s.title && !s.other_link).collect();
    let line = own.iter().find_map(|s| short_date(&s.text, inp.dates));
    if partial {
        return line;
    }
    line.or_else(|| date_box(&own, inp.dates)).or_else(|| {
        segs.iter()
            .filter(|s| !s.title)
            .find_map(|s| short_date(&s.text, inp.dates))
    })
}

/// The date of a line that is or starts with a date (`Jun 21, 2022 | Text …`).
fn short_date(t: &str, dates: &DateContext) -> Option<String> {
    if t.chars().count() <= 120 {
        date_label(t, dates)
    } else {
        let head: String = t.chars().take(crate::parse::date::LABEL_MAX).collect();
        date_label(&head, dates)
    }
}

/// A date set on lines of their own (`17` / `февраля` / `2016` in a date box).
fn date_box(segs: &[&Seg], dates: &DateContext) -> Option<String> {
    segs.windows(3).find_map(|w| {
        if w.iter().all(|s| s.text.chars().count() <= 12) {
            let joined = format!("{} {} {}", w[0].text, w[1].text, w[2].text);
            crate::parse::date::find_date_in(&joined, dates)
        } else {
            None
        }
    })
}

/// `Kicker: Headline` where the headline element holds the kicker in a child element of its own.
fn split_kicker(page: &Page<'_>, t: u32, title: &str) -> Option<(String, String)> {
    let e = page.get(t);
    let children: Vec<u32> =
        e.el.children()
            .filter_map(scraper::ElementRef::wrap)
            .filter_map(|c| page.index_of(c))
            .filter(|&c| page.get(c).text > 0)
            .collect();
    if children.len() < 2 {
        return None;
    }
    let first = crate::parse::html::inline_text(page.get(children[0]).el);
    let first = first.trim();
    let n = first.chars().count();
    if n == 0 || n > 80 || words(first) > 10 {
        return None;
    }
    let rest = title.strip_prefix(first)?;
    let rest = rest.trim_start();
    let sep = rest.starts_with([':', '|', '–', '—']) || first.ends_with(':');
    let block = is_block_name(page.get(children[0]).name());
    if !(sep || block) {
        return None;
    }
    let rest = rest.trim_start_matches([':', '|', '–', '—']).trim();
    if words(rest) < 2 && !rest.chars().any(is_cjk) {
        return None;
    }
    Some((
        first.trim_end_matches(':').trim().to_string(),
        rest.to_string(),
    ))
}

/// A numeric date without brackets in front of a title: `22.12.2025: Titel`, `22.12.2025 – Titel`.
fn bare_leading_date(text: &str) -> Option<(String, &str)> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*([0-9]{1,2}\.\s?[0-9]{1,2}\.\s?[0-9]{2,4})(?:\s*[-–—:|]\s*|\s+)")
            .expect("regex")
    });
    let c = LEAD.captures(text)?;
    let d = crate::parse::date::find_date(&c[1])?;
    Some((d, &text[c.get(0)?.end()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Seg {
        Seg {
            text: text.to_string(),
            ..Seg::default()
        }
    }

    #[test]
    fn words_count_runs_and_cjk_pairs() {
        assert_eq!(words(""), 0);
        assert_eq!(words("  Rat  tagt\tin\u{a0}Nordheim \n"), 4);
        assert_eq!(words("東京都の議会"), 1 + 3);
        assert_eq!(words("Nordheim 東京都"), 2 + 1);
    }

    #[test]
    fn long_texts_are_no_labels_or_credits() {
        assert!(FORMAT_LABELS
            .iter()
            .all(|l| l.chars().count() <= FORMAT_LABEL_CHARS));
        assert!(is_format_label(" » Bildergalerie « "));
        assert!(!is_format_label("Bildergalerie vom Stadtfest in Nordheim"));
        assert!(is_credit(
            "  FOTO: Anna Beispiel, Kreisarchiv Nordheim und Umgebung"
        ));
        assert!(is_credit("© Westerby Bote"));
        assert!(!is_credit("Fotografen zeigen Bilder aus Westerby"));
    }

    /// The fields of the page's first `<article>` with its first link as the headline link.
    fn article_fields(html: &str) -> Option<Fields> {
        let doc = scraper::Html::parse_document(html);
        let page = Page::new(&doc);
        let root = page.elements_named("article").next().expect("article");
        let link = page.elements_named("a").next();
        let dates = DateContext::default();
        fields(&ItemInput {
            page: &page,
            root,
            url: "/beitrag",
            link,
            base: None,
            dates: &dates,
        })
    }

    #[test]
    fn a_long_item_is_read_whole_where_its_start_is_not_enough() {
        let para = |k: usize| {
            format!("<p>Im Hafen von Westerby legen am Morgen die Fähren Nummer {k} bis {k}0 an, und die Lotsen zählen Gäste.</p>")
        };
        let body: String = (0..40).map(para).collect();
        // the date line far past the first characters
        let late = format!(
            "<article><h2><a href=\"/beitrag\">Ein langer Tag im Hafen</a></h2>{body}<p>22.12.2025</p></article>"
        );
        let f = article_fields(&late).expect("fields");
        assert_eq!(f.title, "Ein langer Tag im Hafen");
        assert_eq!(f.published.as_deref(), Some("2025-12-22"));
        assert!(f.text_len > TEXT_LEN_EXACT, "{}", f.text_len);
        let summary = f.summary.expect("summary");
        assert!(
            summary.starts_with("Im Hafen von Westerby legen am Morgen die Fähren Nummer 0 bis 00")
        );
        assert!(summary.ends_with('…') && summary.chars().count() <= SUMMARY_MAX);
        // a date near the start: the same fields from the first characters
        let early = format!(
            "<article><h2><a href=\"/beitrag\">Ein langer Tag im Hafen</a></h2><p>22.12.2025</p>{body}</article>"
        );
        let g = article_fields(&early).expect("fields");
        assert_eq!(g.published, f.published);
        assert_eq!(g.summary.as_deref(), Some(summary.as_str()));
        assert!(g.text_len > TEXT_LEN_EXACT);
        // a short item is counted exactly
        let short = "<article><h2><a href=\"/beitrag\">Ein kurzer Tag im Hafen</a></h2><p>Die Fähre aus Nordheim kommt heute später an.</p></article>";
        let h = article_fields(short).expect("fields");
        assert_eq!(
            h.text_len,
            "Ein kurzer Tag im Hafen".len()
                + "Die Fähre aus Nordheim kommt heute später an."
                    .chars()
                    .count()
        );
    }

    #[test]
    fn a_long_summary_is_the_whole_text_cut() {
        let dates = DateContext::default();
        let sentence = |k: usize| {
            format!("Der Gemeinderat von Nordheim berät am Abend über die neue Brücke Nummer {k}.")
        };
        let segs: Vec<Seg> = (0..40).map(|k| line(&sentence(k))).collect();
        let whole: Vec<String> = (0..40).map(sentence).collect();
        let want = crate::parse::feed::truncate(&whole.join(" "), SUMMARY_MAX);
        let (got, whole) = summary(&segs, "Die Brücke", None, &dates);
        let got = got.expect("summary");
        assert!(whole, "40 lines fill a summary");
        assert_eq!(got, want);
        assert!(got.chars().count() <= SUMMARY_MAX);
        // a short one is whole, date lines left out when there is text
        let segs = [
            line("Veröffentlicht am 22.12.2025 von Anna Beispiel, Westerby"),
            line("Der Kreistag in Westerby beschließt den Haushalt."),
        ];
        // (the text line holds the title: the date line is all there is)
        assert_eq!(
            summary(&segs, "Haushalt", None, &dates).0.as_deref(),
            Some("Veröffentlicht am 22.12.2025 von Anna Beispiel, Westerby")
        );
        assert_eq!(
            summary(&segs, "Ein Beschluss", None, &dates).0.as_deref(),
            Some("Der Kreistag in Westerby beschließt den Haushalt.")
        );
        // only date lines: the short ones are no summary
        let segs = [line("Am 22.12.2025 von Anna Beispiel")];
        assert_eq!(summary(&segs, "Ein Beschluss", None, &dates), (None, false));
    }
}

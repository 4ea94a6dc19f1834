//! The page as the later stages see it: its elements in document order with parents, subtree
//! ranges and text sizes (one iterative walk), and what the page says about itself — the URL links
//! resolve against, its name, its language, its own date and the feeds it advertises.

use crate::parse::date::{parse_date, DateContext};
use crate::parse::html::AttrValue;
use crate::parse::html::{inline_text, is_skipped, normalize_space};
use chrono::{DateTime, FixedOffset};
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};
use std::collections::HashMap;
use url::Url;

/// No parent.
pub const NONE: u32 = u32::MAX;

/// One element of the page.
pub struct El<'a> {
    pub el: ElementRef<'a>,
    pub parent: u32,
    /// One past the last element of the subtree: the subtree is `i..end`.
    pub end: u32,
    /// Visible characters (not whitespace) in the subtree.
    pub text: u32,
    /// Of those, the characters inside links.
    pub link_text: u32,
}

impl El<'_> {
    pub fn name(&self) -> &str {
        self.el.value().name()
    }
}

/// A hasher for node ids, which are small distinct integers: one multiplication instead of SipHash
/// (the index is looked up for every element of every teaser).
#[derive(Default)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type IdMap = HashMap<NodeId, u32, std::hash::BuildHasherDefault<IdHasher>>;

/// The elements of a page in document order (skipped elements such as `script` left out).
pub struct Page<'a> {
    pub els: Vec<El<'a>>,
    index: IdMap,
    /// The page's one `<main>` (or `role=main`), if it has exactly one.
    pub main: Option<u32>,
    /// The `body` element.
    pub body: u32,
}

impl<'a> Page<'a> {
    pub fn new(doc: &'a Html) -> Page<'a> {
        let mut els: Vec<El<'a>> = Vec::new();
        let mut index = IdMap::default();
        let mut stack: Vec<u32> = Vec::new();
        let mut skipping = 0usize;
        let mut in_link = 0usize;
        let mut mains = Vec::new();
        let mut body = NONE;
        for edge in doc.root_element().traverse() {
            match edge {
                Edge::Open(n) => match n.value() {
                    Node::Element(e) => {
                        if skipping > 0 || is_skipped(e.name()) || hidden(e) {
                            skipping += 1;
                            continue;
                        }
                        let i = els.len() as u32;
                        let el = ElementRef::wrap(n).expect("element");
                        els.push(El {
                            el,
                            parent: stack.last().copied().unwrap_or(NONE),
                            end: i + 1,
                            text: 0,
                            link_text: 0,
                        });
                        index.insert(n.id(), i);
                        stack.push(i);
                        match e.name() {
                            "a" => in_link += 1,
                            "main" => mains.push(i),
                            "body" if body == NONE => body = i,
                            _ if e.attr_value("role") == Some("main") => mains.push(i),
                            _ => {}
                        }
                    }
                    Node::Text(t) if skipping == 0 => {
                        if let Some(&top) = stack.last() {
                            let n = t.chars().filter(|c| !c.is_whitespace()).count() as u32;
                            let e = &mut els[top as usize];
                            e.text += n;
                            if in_link > 0 {
                                e.link_text += n;
                            }
                        }
                    }
                    _ => {}
                },
                Edge::Close(n) => {
                    if let Node::Element(e) = n.value() {
                        if skipping > 0 {
                            skipping -= 1;
                            continue;
                        }
                        let Some(i) = stack.pop() else { continue };
                        if e.name() == "a" {
                            in_link = in_link.saturating_sub(1);
                        }
                        let end = els.len() as u32;
                        let (text, link_text) = {
                            let x = &mut els[i as usize];
                            x.end = end;
                            (x.text, x.link_text)
                        };
                        if let Some(&p) = stack.last() {
                            let p = &mut els[p as usize];
                            p.text += text;
                            p.link_text += link_text;
                        }
                    }
                }
            }
        }
        if body == NONE && !els.is_empty() {
            body = 0;
        }
        // a main element that holds nothing is no main content
        let main = match mains.as_slice() {
            [m] if els[*m as usize].text > 0 => Some(*m),
            _ => None,
        };
        Page {
            els,
            index,
            main,
            body,
        }
    }

    pub fn len(&self) -> usize {
        self.els.len()
    }

    pub fn is_empty(&self) -> bool {
        self.els.is_empty()
    }

    pub fn get(&self, i: u32) -> &El<'a> {
        &self.els[i as usize]
    }

    /// The index of an element (None for skipped ones).
    pub fn index_of(&self, e: ElementRef<'_>) -> Option<u32> {
        self.index.get(&e.id()).copied()
    }

    /// Whether `i` is `anc` or inside it.
    pub fn within(&self, i: u32, anc: u32) -> bool {
        anc != NONE && i >= anc && i < self.get(anc).end
    }

    /// The ancestors of `i` (not `i` itself), nearest first.
    pub fn ancestors(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        let mut cur = self.get(i).parent;
        std::iter::from_fn(move || {
            if cur == NONE {
                return None;
            }
            let c = cur;
            cur = self.get(c).parent;
            Some(c)
        })
    }

    /// The elements of the subtree of `i` (itself first).
    pub fn subtree(&self, i: u32) -> impl Iterator<Item = u32> {
        i..self.get(i).end
    }

    /// The nearest common ancestor of `a` and `b` (or one of them).
    pub fn common(&self, a: u32, b: u32) -> u32 {
        let (mut x, y) = (a.min(b), a.max(b));
        while x != NONE && !self.within(y, x) {
            x = self.get(x).parent;
        }
        x
    }

    pub fn elements_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = u32> + 's {
        (0..self.len() as u32).filter(move |&i| self.get(i).name() == name)
    }
}

/// Elements the page hides from every reader: `hidden`, `aria-hidden="true"` on a block, an inline
/// `display:none`.
fn hidden(e: &scraper::node::Element) -> bool {
    e.attr_value("hidden").is_some()
        || e.attr_value("style").is_some_and(|s| {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// What a page says about itself.
pub struct PageInfo {
    /// The URL links resolve against: `<base href>` joined onto the page's URL.
    pub base: Option<Url>,
    /// The site's name: `og:site_name`, else the `<title>`.
    pub title: Option<String>,
    /// Feeds advertised with `<link rel="alternate">`, absolute.
    pub feeds: Vec<String>,
    /// The context teaser dates are read in.
    pub dates: DateContext,
    /// Whether the page calls itself one article (`og:type`, JSON-LD).
    pub declares_article: bool,
}

impl PageInfo {
    /// One pass over the head's elements (and the `html` element's `lang`).
    pub fn new(doc: &Html, base: Option<&Url>, now: Option<DateTime<FixedOffset>>) -> PageInfo {
        let mut base_href = None;
        let mut site = None;
        let mut html_title = None;
        let mut feeds_raw: Vec<String> = Vec::new();
        let mut lang = doc
            .root_element()
            .value()
            .attr_value("lang")
            .or_else(|| doc.root_element().value().attr_value("xml:lang"))
            .map(str::to_string);
        let mut page_date: Option<String> = None;
        let mut declares_article = false;
        for n in doc.tree.nodes() {
            let Some(e) = ElementRef::wrap(n) else {
                continue;
            };
            let v = e.value();
            match v.name() {
                "base" if base_href.is_none() => {
                    base_href = v
                        .attr_value("href")
                        .map(str::trim)
                        .filter(|h| !h.is_empty())
                        .map(str::to_string)
                }
                "title" if html_title.is_none() => {
                    html_title = Some(inline_text(e)).filter(|s| !s.is_empty())
                }
                "link" => {
                    if let Some(h) = feed_href(v) {
                        feeds_raw.push(h.to_string());
                    }
                }
                "meta" => {
                    let key = v
                        .attr_value("property")
                        .or_else(|| v.attr_value("name"))
                        .or_else(|| v.attr_value("http-equiv"))
                        .unwrap_or("")
                        .trim()
                        .to_ascii_lowercase();
                    let content = v.attr_value("content").unwrap_or("");
                    match key.as_str() {
                        "og:site_name" if site.is_none() => {
                            site = Some(normalize_space(content)).filter(|s| !s.is_empty())
                        }
                        "og:type" => {
                            declares_article |= content.trim().eq_ignore_ascii_case("article")
                        }
                        "content-language" if lang.is_none() => lang = Some(content.to_string()),
                        "og:locale" if lang.is_none() => lang = Some(content.replace('_', "-")),
                        "article:modified_time"
                        | "og:updated_time"
                        | "article:published_time"
                        | "date"
                        | "dcterms.modified"
                        | "dcterms.date"
                        | "dc.date"
                        | "last-modified"
                            if page_date.is_none() =>
                        {
                            page_date = parse_date(content)
                        }
                        _ => {}
                    }
                }
                "script" if v.attr_value("type") == Some("application/ld+json") => {
                    let t: String = e.text().collect();
                    if (t.contains("NewsArticle")
                        || t.contains("\"Article\"")
                        || t.contains("BlogPosting")
                        || t.contains("ReportageNewsArticle"))
                        && !t.contains("ItemList")
                        && !t.contains("CollectionPage")
                    {
                        declares_article = true;
                    }
                    if page_date.is_none() {
                        page_date = ld_date(&t);
                    }
                }
                _ => {}
            }
        }
        let base = match (base_href.as_deref(), base) {
            (Some(h), Some(b)) => b.join(h).ok().or_else(|| Some(b.clone())),
            (Some(h), None) => Url::parse(h).ok(),
            (None, b) => b.cloned(),
        };
        let mut feeds: Vec<String> = Vec::new();
        for h in feeds_raw {
            if let Some(u) = absolute(&h, base.as_ref()) {
                if !feeds.contains(&u) {
                    feeds.push(u);
                }
            }
        }
        // the page's own date where it says one, else the time it was fetched
        let reference = page_date.as_deref().and_then(reference_of).or(now);
        PageInfo {
            dates: DateContext::new(reference, lang.as_deref().unwrap_or("")),
            base,
            title: site.or(html_title),
            feeds,
            declares_article,
        }
    }
}

/// An ISO date or date-time as an instant (a date alone at noon UTC).
fn reference_of(iso: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(iso).ok().or_else(|| {
        chrono::NaiveDate::parse_from_str(iso.get(..10)?, "%Y-%m-%d")
            .ok()?
            .and_hms_opt(12, 0, 0)
            .map(|d| d.and_utc().fixed_offset())
    })
}

/// `dateModified`, else `datePublished`, of a JSON-LD text.
fn ld_date(t: &str) -> Option<String> {
    for key in ["\"dateModified\"", "\"datePublished\""] {
        if let Some(i) = t.find(key) {
            let rest = &t[i + key.len()..];
            let rest = rest.trim_start().strip_prefix(':')?.trim_start();
            let rest = rest.strip_prefix('"')?;
            let end = rest.find('"')?;
            if let Some(d) = parse_date(&rest[..end]) {
                return Some(d);
            }
        }
    }
    None
}

/// The href of `<link rel="alternate" type="application/rss+xml">` (or Atom, JSON Feed).
fn feed_href(v: &scraper::node::Element) -> Option<&str> {
    let rel_ok = v.attr_value("rel").is_some_and(|r| {
        r.split_whitespace()
            .any(|t| t.eq_ignore_ascii_case("alternate"))
    });
    let ty = v
        .attr_value("type")
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let ty_ok = matches!(
        ty.as_str(),
        "application/rss+xml"
            | "application/atom+xml"
            | "application/feed+json"
            | "application/json+feed"
            | "application/rdf+xml"
    );
    (rel_ok && ty_ok).then(|| v.attr_value("href")).flatten()
}

/// A link target as an absolute URL (http, https or file); `None` for fragments, scripts, mail.
pub fn absolute(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let lower = href.to_ascii_lowercase();
    if lower.starts_with("javascript:") || lower.starts_with("mailto:") || lower.starts_with("tel:")
    {
        return None;
    }
    match Url::parse(href) {
        Ok(u) => matches!(u.scheme(), "http" | "https" | "file").then(|| u.to_string()),
        // with no page URL to resolve against, a relative link stays as it is written
        Err(_) => match base {
            Some(b) => b.join(href).ok().map(|u| u.to_string()),
            None => Some(href.to_string()),
        },
    }
}

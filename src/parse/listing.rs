//! Listing pages: HTML pages with many teasers and no feed.
//!
//! The page's repeated teaser structure is found from its links: every link with a title-like text
//! (or a "mehr…" link under a heading) belongs to a *container*, the largest element around it that
//! holds no link to another article. Containers are grouped by their tag-and-class path; the group
//! with the most teaser-like members (title, date, summary) wins. Navigation, menus, pagers,
//! footers, breadcrumbs and tag clouds are skipped.
//!
//! Every walk here is iterative or bounded in depth, and the work is near-linear in the page size.
//! Hostile nesting is flattened by [`limit_nesting`] before the HTML parser sees it.

use crate::document::{Item, Listing, Teaser};
use crate::parse::date::{find_date, leading_date, parse_date};
use crate::parse::feed::truncate;
use crate::parse::html::{
    inline_text, is_block, is_skipped, normalize_space, walk_visible, Visible,
};
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};
use std::borrow::Cow;
use std::collections::HashMap;
use url::Url;

/// How many ancestors of a link are looked at.
const MAX_ANCESTORS: usize = 40;
/// Element nesting deeper than this is flattened before parsing.
pub const MAX_NESTING: usize = 512;
/// The longest teaser summary in characters.
const SUMMARY_MAX: usize = 600;

/// The teasers found on a page, if it has a repeated teaser structure.
pub fn parse_listing(html: &str, base: Option<&Url>) -> Option<Listing> {
    let html = limit_nesting(html, MAX_NESTING);
    let doc = Html::parse_document(&html);
    let base = page_base(&doc, base);
    let title = page_title(&doc);
    let feeds = advertised_feeds(&doc, base.as_ref());
    let groups = teaser_groups(&doc, base.as_ref());
    let best = groups
        .into_iter()
        .filter(|g| g.teasers.len() >= 2)
        // teasers have titles of their own ("Interessant 0" ×4 are counters, not teasers)
        .filter(|g| {
            let mut titles: Vec<&str> = g.teasers.iter().map(|t| t.title.as_str()).collect();
            titles.sort_unstable();
            titles.dedup();
            titles.len() * 2 > g.teasers.len()
        })
        .max_by(|a, b| a.score.total_cmp(&b.score))?;
    let items = best
        .teasers
        .into_iter()
        .map(|mut t| {
            t.source = title.clone();
            Item {
                guid: t.url.clone(),
                teaser: t,
                full_text: None,
                article: None,
            }
        })
        .collect();
    Some(Listing {
        title,
        feeds,
        items,
    })
}

/// Whether a page whose teasers were found is a listing page rather than an article with a few
/// links to other articles ("Weitere Meldungen" below a long body).
///
/// An article has a body: one element whose paragraphs, apart from the teasers' own text, hold a
/// long text. A page that calls itself an article (`og:type`) needs less of it.
pub fn is_listing_page(html: &str, listing: &Listing) -> bool {
    let n = listing.items.len();
    if n < 3 {
        return false;
    }
    let html = limit_nesting(html, MAX_NESTING);
    let doc = Html::parse_document(&html);
    let og_article = declares_article(&doc);
    let body = longest_body(&doc, listing);
    let teaser_text: usize = listing
        .items
        .iter()
        .map(|i| {
            i.teaser.title.chars().count()
                + i.teaser.summary.as_deref().map_or(0, |s| s.chars().count())
        })
        .sum();
    // a body of its own, long in itself or next to the teasers, makes an article
    if body >= 1200 || (og_article && body >= 150) || (body >= 300 && body * 2 >= teaser_text * 3) {
        return false;
    }
    let rich = listing
        .items
        .iter()
        .filter(|i| i.teaser.published.is_some() || i.teaser.summary.is_some())
        .count();
    n >= 6 || rich * 2 >= n
}

/// The most body text (in characters) under one element: the text of its child blocks that is
/// not link text, outside navigation and the like, not counting a teaser's title or summary.
/// One iterative pass.
fn longest_body(doc: &Html, listing: &Listing) -> usize {
    // teaser texts by their start: one hash lookup per block keeps this linear
    let prefix = |t: &str| -> String {
        let t = match leading_date(t) {
            Some((_, rest)) => rest,
            None => t,
        };
        t.chars().filter(|c| c.is_alphanumeric()).take(40).collect()
    };
    let teaser_texts: std::collections::HashSet<String> = listing
        .items
        .iter()
        .flat_map(|i| [Some(i.teaser.title.as_str()), i.teaser.summary.as_deref()])
        .flatten()
        .map(prefix)
        .filter(|p| !p.is_empty())
        .collect();
    let is_teaser_text = |p: &str| teaser_texts.contains(&prefix(p));
    // open blocks: (node, parent block's node, own text)
    let mut stack: Vec<(NodeId, Option<NodeId>, String)> = Vec::new();
    let mut per_parent: HashMap<NodeId, usize> = HashMap::new();
    let mut skipping = 0usize;
    let mut in_link = 0usize;
    let is_body_block = |name: &str| is_block(name) && !matches!(name, "body" | "html");
    for edge in doc.root_element().traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) => {
                    let name = e.name();
                    let chrome = ElementRef::wrap(n).is_some_and(|el| {
                        matches!(
                            name,
                            "nav" | "footer" | "aside" | "form" | "menu" | "header"
                        ) || is_skipped(name)
                            || (is_block(name) && is_chrome(el, true))
                    });
                    if skipping > 0 || chrome {
                        skipping += 1;
                    } else if name == "a" {
                        in_link += 1;
                    } else if is_body_block(name) {
                        let parent = stack.last().map(|b| b.0);
                        stack.push((n.id(), parent, String::new()));
                    }
                }
                Node::Text(t) if skipping == 0 && in_link == 0 => {
                    if let Some(top) = stack.last_mut() {
                        top.2.push_str(t);
                    }
                }
                _ => {}
            },
            Edge::Close(n) => {
                if let Node::Element(e) = n.value() {
                    if skipping > 0 {
                        skipping -= 1;
                    } else if e.name() == "a" {
                        in_link = in_link.saturating_sub(1);
                    } else if is_body_block(e.name()) {
                        if let Some((_, parent, text)) = stack.pop() {
                            let text = normalize_space(&text);
                            let len = text.chars().count();
                            if len >= 20 && !is_teaser_text(&text) {
                                if let Some(p) = parent {
                                    *per_parent.entry(p).or_default() += len;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    per_parent.into_values().max().unwrap_or(0)
}

/// Whether the page's structured data says it is one article.
fn declares_article(doc: &Html) -> bool {
    elements(doc).any(|e| {
        let v = e.value();
        match v.name() {
            "meta" => {
                v.attr("property") == Some("og:type")
                    && v.attr("content")
                        .is_some_and(|c| c.trim().eq_ignore_ascii_case("article"))
            }
            "script" if v.attr("type") == Some("application/ld+json") => {
                let t: String = e.text().collect();
                (t.contains("NewsArticle")
                    || t.contains("\"Article\"")
                    || t.contains("BlogPosting")
                    || t.contains("ReportageNewsArticle"))
                    && !t.contains("ItemList")
                    && !t.contains("CollectionPage")
            }
            _ => false,
        }
    })
}

/// The URL links resolve against: `<base href>` joined onto the page's URL.
fn page_base(doc: &Html, base: Option<&Url>) -> Option<Url> {
    let href = elements(doc)
        .find(|e| e.value().name() == "base")
        .and_then(|e| e.value().attr("href"))
        .map(str::trim)
        .filter(|h| !h.is_empty());
    match (href, base) {
        (Some(h), Some(b)) => b.join(h).ok().or_else(|| Some(b.clone())),
        (Some(h), None) => Url::parse(h).ok(),
        (None, b) => b.cloned(),
    }
}

fn elements(doc: &Html) -> impl Iterator<Item = ElementRef<'_>> {
    doc.tree.nodes().filter_map(ElementRef::wrap)
}

/// The site's name: `og:site_name`, else the `<title>`.
fn page_title(doc: &Html) -> Option<String> {
    let site = elements(doc)
        .find(|e| e.value().name() == "meta" && e.value().attr("property") == Some("og:site_name"))
        .and_then(|e| e.value().attr("content"))
        .map(normalize_space)
        .filter(|s| !s.is_empty());
    site.or_else(|| {
        elements(doc)
            .find(|e| e.value().name() == "title")
            .map(inline_text)
            .filter(|s| !s.is_empty())
    })
}

/// Feeds the page advertises with `<link rel="alternate" type="application/rss+xml">` (or Atom,
/// JSON Feed), absolute.
fn advertised_feeds(doc: &Html, base: Option<&Url>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in elements(doc).filter(|e| e.value().name() == "link") {
        let v = e.value();
        let rel_ok = v.attr("rel").is_some_and(|r| {
            r.split_whitespace()
                .any(|t| t.eq_ignore_ascii_case("alternate"))
        });
        let ty = v.attr("type").unwrap_or("").trim().to_ascii_lowercase();
        let ty_ok = matches!(
            ty.as_str(),
            "application/rss+xml"
                | "application/atom+xml"
                | "application/feed+json"
                | "application/json+feed"
                | "application/rdf+xml"
        );
        if !(rel_ok && ty_ok) {
            continue;
        }
        if let Some(u) = v.attr("href").and_then(|h| absolute(h, base)) {
            if !out.contains(&u) {
                out.push(u);
            }
        }
    }
    out
}

fn absolute(href: &str, base: Option<&Url>) -> Option<String> {
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

/// `text` without a trailing "mehr...", "weiterlesen", "read more" (the teaser's own more-link).
pub fn strip_more_suffix(text: &str) -> &str {
    let t = text.trim_end();
    let mut cut = t.len();
    let mut best = None;
    // the last one to three words; the longest tail that is a more-link wins ("Read more »")
    for _ in 0..3 {
        let Some(i) = t[..cut].trim_end().rfind(char::is_whitespace) else {
            break;
        };
        cut = i;
        let (head, tail) = (t[..cut].trim_end(), t[cut..].trim());
        // "… fertig. mehr..." or "… online [weiterlesen]", not "Wir wollen mehr"
        let set_off = head.ends_with(['.', '!', '?', '“', '"', '”', '…', ')', ':'])
            || tail.contains(|c: char| !c.is_alphanumeric() && !c.is_whitespace());
        if set_off && tail.contains(char::is_alphanumeric) && is_more_link(tail) {
            best = Some(head);
        }
    }
    best.unwrap_or(t)
}

/// "mehr...", "weiterlesen", "read more", "Zum Artikel" and the like.
pub fn is_more_link(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if t.is_empty() {
        return true;
    }
    const MORE: [&str; 20] = [
        "mehr dazu",
        "mehr zum thema",
        "mehr informationen",
        "mehr anzeigen",
        "mehr",
        "weiter",
        "weiterlesen",
        "mehr lesen",
        "read more",
        "more",
        "continue reading",
        "lesen",
        "zum artikel",
        "zur meldung",
        "details",
        "mehr erfahren",
        "artikel lesen",
        "meldung lesen",
        "full story",
        "learn more",
    ];
    MORE.contains(&t.as_str())
        || t.starts_with("weiterlesen")
        || t.starts_with("read more")
        || t.starts_with("continue reading")
}

fn class_tokens(e: ElementRef<'_>) -> impl Iterator<Item = String> + '_ {
    let v = e.value();
    v.attr("class")
        .into_iter()
        .chain(v.attr("id"))
        .chain(v.attr("role"))
        .flat_map(str::split_whitespace)
        .map(str::to_ascii_lowercase)
}

/// Whether an element is navigation, a menu, pager, footer, breadcrumb, tag cloud or the like.
fn is_chrome(e: ElementRef<'_>, inside_article: bool) -> bool {
    let name = e.value().name();
    if matches!(name, "nav" | "footer" | "aside" | "menu" | "form") {
        return true;
    }
    if name == "header" && !inside_article {
        return true;
    }
    class_tokens(e).any(|t| {
        t.contains("nav")
            || t.contains("menu")
            || t.contains("breadcrumb")
            || t.contains("pager")
            || t.contains("pagination")
            || t.contains("footer")
            || t.contains("tagcloud")
            || t.contains("tag-cloud")
            || t == "tags"
            || t.contains("social")
            || t.contains("share")
            || t.contains("cookie")
            || t.contains("sitemap")
            || t.contains("sidebar")
            || t == "banner"
            || t == "navigation"
            || t == "site-header"
    })
}

struct Candidate<'a> {
    link: ElementRef<'a>,
    href: usize,
    url: String,
    more: bool,
}

struct Group {
    score: f64,
    teasers: Vec<Teaser>,
    urls: std::collections::HashSet<String>,
}

/// Groups of teasers by their containers' path signature, each with a score.
fn teaser_groups(doc: &Html, base: Option<&Url>) -> Vec<Group> {
    // 1. candidate links, in page order
    let mut hrefs: HashMap<String, usize> = HashMap::new();
    let mut cands: Vec<Candidate<'_>> = Vec::new();
    for a in elements(doc).filter(|e| e.value().name() == "a") {
        let Some(url) = a.value().attr("href").and_then(|h| absolute(h, base)) else {
            continue;
        };
        if base.is_some_and(|b| {
            let mut u = b.clone();
            u.set_fragment(None);
            u.as_str() == url.split('#').next().unwrap_or("")
        }) {
            continue; // a link to the page itself
        }
        let text = inline_text(a);
        let more = is_more_link(&text);
        let words = text.split_whitespace().count();
        if !more && (words < 2 || text.chars().count() < 12) {
            continue;
        }
        // skip chrome around the link
        let mut chrome = false;
        let mut inside_article = false;
        for anc in a
            .ancestors()
            .take(MAX_ANCESTORS)
            .filter_map(ElementRef::wrap)
        {
            if anc.value().name() == "article" {
                inside_article = true;
            }
        }
        for anc in a
            .ancestors()
            .take(MAX_ANCESTORS)
            .filter_map(ElementRef::wrap)
        {
            if is_chrome(anc, inside_article) {
                chrome = true;
                break;
            }
        }
        if chrome {
            continue;
        }
        // a link inside running text is no teaser title
        if !more {
            let block = a
                .ancestors()
                .take(MAX_ANCESTORS)
                .filter_map(ElementRef::wrap)
                .find(|e| is_block(e.value().name()));
            if let Some(b) = block.filter(|b| b.value().name() == "p") {
                let all = inline_text(b).chars().count();
                if text.chars().count() * 2 < all {
                    continue;
                }
            }
        }
        let n = hrefs.len();
        let href = *hrefs.entry(url.clone()).or_insert(n);
        cands.push(Candidate {
            link: a,
            href,
            url,
            more,
        });
    }
    // 2. which elements hold links to more than one article
    let mut seen: HashMap<NodeId, (usize, bool)> = HashMap::new();
    for c in &cands {
        for anc in c.link.ancestors().take(MAX_ANCESTORS) {
            let e = seen.entry(anc.id()).or_insert((c.href, false));
            if e.0 != c.href {
                e.1 = true;
            }
        }
    }
    // 3. each candidate's container: the highest ancestor holding only its own article's links
    let mut by_container: Vec<(NodeId, usize)> = Vec::new(); // (container, candidate index)
    let mut container_index: HashMap<NodeId, usize> = HashMap::new();
    for (i, c) in cands.iter().enumerate() {
        let mut container = c.link;
        for anc in c.link.ancestors().take(MAX_ANCESTORS) {
            if seen.get(&anc.id()).is_some_and(|s| s.1) {
                break;
            }
            match ElementRef::wrap(anc) {
                Some(e) if !matches!(e.value().name(), "body" | "html") => container = e,
                _ => break,
            }
        }
        match container_index.get(&container.id()) {
            Some(&k) => {
                // a title link wins over a "mehr…" link of the same teaser
                let (_, j) = by_container[k];
                if cands[j].more && !c.more {
                    by_container[k].1 = i;
                }
            }
            None => {
                container_index.insert(container.id(), by_container.len());
                by_container.push((container.id(), i));
            }
        }
    }
    // 4. teasers grouped by their containers' signature
    let mut groups: Vec<(String, Group)> = Vec::new();
    let mut group_index: HashMap<String, usize> = HashMap::new();
    for (cid, i) in by_container {
        let Some(container) = doc.tree.get(cid).and_then(ElementRef::wrap) else {
            continue;
        };
        let c = &cands[i];
        let Some((teaser, points)) = teaser(container, c) else {
            continue;
        };
        let sig = signature(container);
        let k = *group_index.entry(sig.clone()).or_insert_with(|| {
            groups.push((
                sig,
                Group {
                    score: 0.0,
                    teasers: Vec::new(),
                    urls: Default::default(),
                },
            ));
            groups.len() - 1
        });
        let g = &mut groups[k].1;
        // the same article twice in one group (image link and title link in separate containers)
        if !g.urls.insert(c.url.clone()) {
            continue;
        }
        g.score += points;
        g.teasers.push(teaser);
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

/// Tag and class path of an element and its two ancestors, digits removed from class names.
fn signature(e: ElementRef<'_>) -> String {
    let mut parts = Vec::new();
    let mut cur = Some(e);
    for _ in 0..3 {
        let Some(el) = cur else { break };
        let mut classes: Vec<String> = el
            .value()
            .attr("class")
            .unwrap_or("")
            .split_whitespace()
            .map(|c| {
                // BEM modifiers ("card--featured") and numbers ("teaser-3") do not make a new kind
                let c = c.split("--").next().unwrap_or(c);
                c.chars()
                    .filter(|ch| !ch.is_ascii_digit())
                    .collect::<String>()
            })
            .filter(|c| {
                !c.is_empty()
                    && !c.contains("active")
                    && !c.contains("first")
                    && !c.contains("last")
                    && !c.contains("odd")
                    && !c.contains("even")
            })
            .collect();
        classes.sort();
        classes.dedup();
        parts.push(format!("{}.{}", el.value().name(), classes.join(".")));
        cur = el.parent().and_then(ElementRef::wrap);
    }
    parts.join("<")
}

/// The teaser of one container, and how teaser-like it is.
fn teaser(container: ElementRef<'_>, c: &Candidate<'_>) -> Option<(Teaser, f64)> {
    let title = if c.more {
        // a teaser whose only link is "mehr…": the title is its heading
        container
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| matches!(e.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
            .map(inline_text)?
    } else {
        // a whole card as one link: its heading, else its first line, is the title
        let heading = c
            .link
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| matches!(e.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
            .map(inline_text)
            .filter(|h| !h.is_empty());
        match heading {
            Some(h) => h,
            None => {
                let all = inline_text(c.link);
                if all.chars().count() > 150 {
                    segments(c.link).into_iter().next().unwrap_or(all)
                } else {
                    all
                }
            }
        }
    };
    let title = title
        .trim_matches(|ch: char| ch.is_whitespace() || "»«›‹>|".contains(ch))
        .to_string();
    let title = match leading_date(&title).or_else(|| bare_leading_date(&title)) {
        Some((_, rest)) if !rest.trim().is_empty() => rest.trim().to_string(),
        _ => title,
    };
    if title.chars().count() < 5 {
        return None;
    }
    let segments = segments(container);
    let published = container
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "time")
        .and_then(|t| {
            t.value()
                .attr("datetime")
                .and_then(parse_date)
                .or_else(|| find_date(&inline_text(t)))
        })
        .or_else(|| {
            segments
                .iter()
                .filter(|s| !s.contains(&title))
                .find_map(|s| find_date(s))
        })
        .or_else(|| segments.iter().find_map(|s| find_date(s)));
    let parts: Vec<String> = segments
        .iter()
        .filter(|s| !s.contains(&title) && !title.contains(s.as_str()))
        .filter(|s| !is_more_link(s))
        .map(|s| match leading_date(s) {
            Some((_, rest)) => rest.to_string(),
            None => s.clone(),
        })
        .map(|s| strip_more_suffix(&s).to_string())
        .filter(|s| s.split_whitespace().count() >= 4)
        .collect();
    // a short line with a date ("Posted on December 22, 2025 by …") is metadata when there is
    // other text
    let is_meta = |s: &String| s.split_whitespace().count() <= 10 && find_date(s).is_some();
    let has_text = parts.iter().any(|s| !is_meta(s));
    let summary_parts: Vec<String> = parts
        .into_iter()
        .filter(|s| !(is_meta(s) && (has_text || s.split_whitespace().count() <= 6)))
        .collect();
    let summary = (!summary_parts.is_empty())
        .then(|| truncate(&normalize_space(&summary_parts.join(" ")), SUMMARY_MAX));
    let mut points = 1.0 + (title.chars().count().min(80) as f64) / 80.0;
    if published.is_some() {
        points += 1.0;
    }
    if summary.is_some() {
        points += 1.0;
    }
    Some((
        Teaser {
            title,
            url: Some(c.url.clone()),
            published,
            summary,
            source: None,
            kind: None,
        },
        points,
    ))
}

/// A numeric date without brackets in front of a title: `22.12.2025: Titel`, `22.12.2025 – Titel`.
fn bare_leading_date(text: &str) -> Option<(String, &str)> {
    static LEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\s*(\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4})(?:\s*[-–—:|]\s*|\s+)")
            .expect("regex")
    });
    let c = LEAD.captures(text)?;
    let d = find_date(&c[1])?;
    Some((d, &text[c.get(0)?.end()..]))
}

/// The text of an element split at block boundaries, `<br>` and `<time>`; iterative.
fn segments(el: ElementRef<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let s = normalize_space(cur);
        if !s.is_empty() {
            out.push(s);
        }
        cur.clear();
    };
    walk_visible(el, |ev| match ev {
        Visible::Open(name) if is_block(name) || matches!(name, "br" | "time") => {
            flush(&mut cur, &mut out)
        }
        Visible::Close(name) if is_block(name) || name == "time" => flush(&mut cur, &mut out),
        Visible::Text(t) => cur.push_str(t),
        _ => {}
    });
    flush(&mut cur, &mut out);
    out
}

/// `html` with element nesting beyond `max` levels flattened: deeper start tags (and their end
/// tags) are dropped, text is kept. Linear; returns the input unchanged when it is not that deep.
pub fn limit_nesting(html: &str, max: usize) -> Cow<'_, str> {
    if max_depth(html) <= max {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    let mut excess = 0usize;
    scan_tags(html, |tag| match tag {
        Tag::Text(s) | Tag::Other(s) => out.push_str(s),
        Tag::Open(s) => {
            if depth >= max {
                excess += 1;
            } else {
                depth += 1;
                out.push_str(s);
            }
        }
        Tag::Close(s) => {
            if excess > 0 {
                excess -= 1;
            } else {
                depth = depth.saturating_sub(1);
                out.push_str(s);
            }
        }
    });
    Cow::Owned(out)
}

fn max_depth(html: &str) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    scan_tags(html, |tag| match tag {
        Tag::Open(_) => {
            depth += 1;
            max = max.max(depth);
        }
        Tag::Close(_) => depth = depth.saturating_sub(1),
        _ => {}
    });
    max
}

enum Tag<'a> {
    Text(&'a str),
    /// A start tag that nests (not void, not self-closing, not implicitly closed).
    Open(&'a str),
    /// The end tag of a nesting element.
    Close(&'a str),
    /// Comments, doctype, void and implicitly closed elements, raw text elements with their content.
    Other(&'a str),
}

fn scan_tags<'a>(html: &'a str, mut f: impl FnMut(Tag<'a>)) {
    let b = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(0);
        let is_tag = next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?';
        if !is_tag {
            i += 1;
            continue;
        }
        if text_start < i {
            f(Tag::Text(&html[text_start..i]));
        }
        if html[i..].starts_with("<!--") {
            let end = html[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
            f(Tag::Other(&html[i..end]));
            i = end;
            text_start = i;
            continue;
        }
        // the end of the tag, quotes respected
        let end = super::rawtext::tag_end(b, i + 1).unwrap_or(b.len());
        let tag = &html[i..end];
        let closing = next == b'/';
        let name_start = if closing { i + 2 } else { i + 1 };
        let name: String = html[name_start.min(b.len())..end]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let nests = !name.is_empty()
            && next != b'!'
            && next != b'?'
            && !matches!(
                name.as_str(),
                "a" | "area"
                    | "base"
                    | "br"
                    | "col"
                    | "embed"
                    | "hr"
                    | "img"
                    | "input"
                    | "link"
                    | "meta"
                    | "source"
                    | "track"
                    | "wbr"
                    | "p"
                    | "li"
                    | "dt"
                    | "dd"
                    | "tr"
                    | "td"
                    | "th"
                    | "option"
                    | "html"
                    | "head"
                    | "body"
                    | "tbody"
                    | "thead"
                    | "tfoot"
            );
        let raw = matches!(name.as_str(), "script" | "style" | "textarea" | "title");
        if !closing && raw {
            // the whole raw text element, up to its end tag
            let close = format!("</{name}");
            let body_end = find_ci(&html[end..], &close).map_or(b.len(), |k| end + k);
            let close_end = html[body_end..]
                .find('>')
                .map_or(b.len(), |k| body_end + k + 1);
            f(Tag::Other(&html[i..close_end]));
            i = close_end;
        } else {
            let self_closing = tag.ends_with("/>");
            f(match (nests, closing, self_closing) {
                (true, false, false) => Tag::Open(tag),
                (true, true, _) => Tag::Close(tag),
                _ => Tag::Other(tag),
            });
            i = end;
        }
        text_start = i;
    }
    if text_start < b.len() {
        f(Tag::Text(&html[text_start..]));
    }
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn more_links_leave_summaries() {
        use super::strip_more_suffix;
        assert_eq!(
            strip_more_suffix("Der Prozess ist fertig. mehr..."),
            "Der Prozess ist fertig."
        );
        assert_eq!(
            strip_more_suffix("A first catalogue. Read more »"),
            "A first catalogue."
        );
        assert_eq!(
            strip_more_suffix("Zwölf Leistungen online. [weiterlesen]"),
            "Zwölf Leistungen online."
        );
        assert_eq!(strip_more_suffix("Wir wollen mehr"), "Wir wollen mehr");
    }

    use super::*;

    #[test]
    fn nesting_is_limited() {
        let deep = format!("{}x{}", "<div>".repeat(10), "</div>".repeat(10));
        assert_eq!(limit_nesting(&deep, 20), deep);
        let flat = limit_nesting(&deep, 3);
        assert_eq!(flat, "<div><div><div>x</div></div></div>");
        let s = "<p>a<script>if (a<b) {}</script><br><img src=x>b</p>";
        assert_eq!(limit_nesting(s, 0), s);
    }

    #[test]
    fn more_links() {
        for t in [
            "mehr...",
            "Mehr »",
            "weiterlesen",
            "Read more",
            "[mehr]",
            "Zum Artikel",
        ] {
            assert!(is_more_link(t), "{t}");
        }
        assert!(!is_more_link("Mehr Geld für Schulen"));
    }
}

//! Listing page or article page: whether a page whose teasers were found is a list of teasers
//! rather than one article with a few links to others ("Weitere Meldungen" below a long body).
//!
//! An article has a body: one element whose paragraphs, apart from the teasers' own text, hold a
//! long text. A page that calls itself an article (`og:type`, JSON-LD) needs less of it. A blog
//! index that prints whole posts has long texts too, but inside its teasers: the text of items
//! that are whole posts is no body of the page. With a `<main>` that holds the teasers, only text
//! inside it counts.

use super::page::Page;
use crate::document::Listing;
use crate::parse::date::leading_date;
use crate::parse::html::{is_block, normalize_space};
use ego_tree::iter::Edge;
use scraper::Node;
use std::collections::{HashMap, HashSet};

/// Whether the page is a listing page, given its teasers and their items (element, text length).
pub fn is_listing(
    page: &Page<'_>,
    chrome: &[bool],
    listing: &Listing,
    declares_article: bool,
    items: &[(u32, usize)],
) -> bool {
    let n = listing.items.len();
    if n < 3 {
        return false;
    }
    // whole posts in the teasers: their text is the teasers' own
    let posts = items.iter().filter(|(_, len)| *len >= 300).count();
    let skip: HashSet<u32> = if posts >= 3 {
        items.iter().map(|(r, _)| *r).collect()
    } else {
        HashSet::new()
    };
    let scope = page
        .main
        .filter(|&m| !items.is_empty() && items.iter().all(|(r, _)| page.within(*r, m)))
        .unwrap_or(0);
    let body = longest_body(page, chrome, listing, scope, &skip);
    let teaser_text: usize = listing
        .items
        .iter()
        .map(|i| {
            i.teaser.title.chars().count()
                + i.teaser.summary.as_deref().map_or(0, |s| s.chars().count())
        })
        .sum();
    if std::env::var_os("BLATT_DEBUG_LISTING").is_some() {
        eprintln!("sniff: n={n} body={body} teaser_text={teaser_text} declares_article={declares_article}");
    }
    // a body of its own, long in itself or next to the teasers, makes an article
    if body >= 1200
        || (declares_article && body >= 150)
        || (body >= 300 && body * 2 >= teaser_text * 3)
    {
        return false;
    }
    let rich = listing
        .items
        .iter()
        .filter(|i| i.teaser.published.is_some() || i.teaser.summary.is_some())
        .count();
    n >= 6 || rich * 2 >= n
}

/// The most body text (in characters) under one element: the text of its child blocks that is not
/// link text, outside chrome, not counting a teaser's title or summary. One iterative pass.
fn longest_body(
    page: &Page<'_>,
    chrome: &[bool],
    listing: &Listing,
    scope: u32,
    skip: &HashSet<u32>,
) -> usize {
    // teaser texts by their start: one hash lookup per block keeps this linear
    let prefix = |t: &str| -> String {
        let t = match leading_date(t) {
            Some((_, rest)) => rest,
            None => t,
        };
        let mut p = String::with_capacity(64);
        p.extend(t.chars().filter(|c| c.is_alphanumeric()).take(40));
        p
    };
    let teaser_texts: HashSet<String> = listing
        .items
        .iter()
        .flat_map(|i| [Some(i.teaser.title.as_str()), i.teaser.summary.as_deref()])
        .flatten()
        .map(prefix)
        .filter(|p| !p.is_empty())
        .collect();
    let is_teaser_text = |p: &str| teaser_texts.contains(&prefix(p));
    // open blocks: (flat index, parent block, own text)
    let mut stack: Vec<(u32, Option<u32>, String)> = Vec::new();
    let mut per_parent: HashMap<u32, usize> = HashMap::new();
    let mut skipping = 0usize;
    let mut in_link = 0usize;
    let is_body_block = |name: &str| is_block(name) && !matches!(name, "body" | "html");
    let root = page.get(scope).el;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) => {
                    let idx = scraper::ElementRef::wrap(n).and_then(|el| page.index_of(el));
                    let name = e.name();
                    let skip = match idx {
                        None => true,
                        Some(i) => chrome[i as usize] || skip.contains(&i),
                    };
                    if skipping > 0 || skip {
                        skipping += 1;
                    } else if name == "a" {
                        in_link += 1;
                    } else if is_body_block(name) {
                        let parent = stack.last().map(|b| b.0);
                        stack.push((idx.unwrap_or(0), parent, String::new()));
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

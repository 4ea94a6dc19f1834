//! Listing pages: HTML pages of teasers — front pages, section pages, tickers, archives, blog
//! indexes — read as a list of teasers.
//!
//! The stages, each a file:
//! 1. [`nesting`]: hostile nesting flattened before the HTML parser sees it;
//! 2. [`page`]: the elements in document order with their text sizes, and what the page says about
//!    itself (base URL, name, language, its own date, advertised feeds);
//! 3. [`chrome`]: navigation, menus, footers, sidebars, ad slots — by structure, with class words
//!    only where the element is not the page's content;
//! 4. [`groups`]: the links that carry headlines, grouped by the shape around them; each link's item;
//!    the groups that are the page's content;
//! 5. [`fields`]: each teaser's title, kicker, date and summary from its item;
//! 6. [`sniff`]: listing page or article page.
//!
//! Every walk is iterative or bounded in depth, and the work is near-linear in the page size.

pub mod chrome;
pub mod fields;
pub mod groups;
pub mod more;
pub mod nesting;
pub mod page;
pub mod sniff;

pub use more::{is_more_link, strip_more_suffix};
pub use nesting::{limit_nesting, MAX_NESTING};

use crate::document::{Item, Listing, Teaser};
use crate::parse::html::AttrValue;
use chrono::{DateTime, FixedOffset};
use fields::url_key;
use scraper::Html;
use std::collections::HashMap;
use url::Url;

/// A page read as a listing: its teasers and whether it is a listing page at all.
pub struct Analysis {
    pub listing: Listing,
    /// Whether the page is a list of teasers rather than an article with a few links.
    pub is_listing: bool,
}

/// The teasers found on a page, if it has any. Dates without a year or relative ones are read
/// against the page's own date, else `now` (the fetch time; `None` reads only complete dates).
pub fn parse_listing_at(
    html: &str,
    base: Option<&Url>,
    now: Option<DateTime<FixedOffset>>,
) -> Option<Listing> {
    analyse(html, base, now).map(|a| a.listing)
}

/// [`parse_listing_at`] without a clock.
pub fn parse_listing(html: &str, base: Option<&Url>) -> Option<Listing> {
    parse_listing_at(html, base, None)
}

/// Whether a page whose teasers were found is a listing page (parses the page again; the pipeline
/// uses [`analyse`], which decides in the same pass).
pub fn is_listing_page(html: &str, listing: &Listing) -> bool {
    let html = limit_nesting(html, MAX_NESTING);
    let doc = Html::parse_document(&html);
    let info = page::PageInfo::new(&doc, None, None);
    let p = page::Page::new(&doc);
    let ch = chrome::chrome(&p);
    sniff::is_listing(&p, &ch, listing, info.declares_article, &[])
}

/// The teasers of a page and whether it is a listing page, in one parse.
pub fn analyse(
    html: &str,
    base: Option<&Url>,
    now: Option<DateTime<FixedOffset>>,
) -> Option<Analysis> {
    let html = limit_nesting(html, MAX_NESTING);
    let doc = Html::parse_document(&html);
    let info = page::PageInfo::new(&doc, base, now);
    let p = page::Page::new(&doc);
    if p.is_empty() {
        return None;
    }
    let ch = chrome::chrome(&p);
    let cx = groups::Ctx {
        page: &p,
        chrome: &ch,
        base: info.base.as_ref(),
        dates: &info.dates,
    };
    let links = groups::links(&cx);
    let mut found = groups::find(&cx, &links);
    groups::choose(&cx, &mut found);
    groups::ticker_dates(&cx, &mut found);
    let (mut teasers, mut roots) = assemble(&found);
    drop_section_links(&mut teasers, &mut roots);
    borrow_dates(&cx, &mut teasers);
    if teasers.len() < 2 {
        return None;
    }
    let items = teasers
        .into_iter()
        .map(|mut t| {
            t.source = info.title.clone();
            Item {
                guid: t.url.clone(),
                teaser: t,
                full_text: None,
                article: None,
            }
        })
        .collect();
    let listing = Listing {
        title: info.title.clone(),
        feeds: info.feeds.clone(),
        via: None,
        items,
    };
    let is_listing = sniff::is_listing(&p, &ch, &listing, info.declares_article, &roots);
    Some(Analysis {
        listing,
        is_listing,
    })
}

/// The kept groups' teasers in page order, one per article, with their items (element, text
/// length); a teaser without a date takes the date the same article shows elsewhere on the page.
fn assemble(found: &groups::Found) -> (Vec<Teaser>, Vec<(u32, usize)>) {
    let mut dated: HashMap<u32, &str> = HashMap::new();
    for it in &found.items {
        if let Some(d) = it.fields.published.as_deref() {
            dated.entry(it.key).or_insert(d);
        }
    }
    let mut order: Vec<&groups::Item> = found
        .groups
        .iter()
        .enumerate()
        .filter(|(g, _)| found.kept[*g])
        .flat_map(|(_, g)| g.items.iter().copied())
        .filter(|&i| !found.dropped[i])
        .map(|i| &found.items[i])
        .collect();
    order.sort_by_key(|i| (i.root, i.link));
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut roots = Vec::new();
    for it in order {
        if !seen.insert(url_key(&it.url)) {
            continue;
        }
        let f = &it.fields;
        roots.push((it.root, f.text_len));
        out.push(Teaser {
            title: f.title.clone(),
            url: Some(it.url.clone()),
            published: f
                .published
                .clone()
                .or_else(|| dated.get(&it.key).map(|d| d.to_string())),
            summary: f.summary.clone(),
            source: None,
            kind: None,
            kicker: f.kicker.clone(),
        });
    }
    (out, roots)
}

/// A link to a page above other teasers' pages (a section `/magazin/kultur/` over
/// `/magazin/kultur/ein-artikel`, the home page) is no teaser but a way to more of them.
fn drop_section_links(teasers: &mut Vec<Teaser>, roots: &mut Vec<(u32, usize)>) {
    // (host, path, with a query: `/?p=12` names a post, not the home page)
    let host_path = |t: &Teaser| -> Option<(String, String, bool)> {
        let u = Url::parse(t.url.as_deref()?).ok()?;
        let host = u.host_str()?.to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
        let path = u.path().trim_end_matches('/').to_string();
        Some((host, path, u.query().is_some()))
    };
    let keys: Vec<Option<(String, String, bool)>> = teasers.iter().map(host_path).collect();
    // every proper prefix, at a slash, of every teaser's path
    let mut above: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
    for (host, path, _) in keys.iter().flatten() {
        for (k, _) in path.match_indices('/') {
            above.insert((host.as_str(), &path[..k]));
        }
    }
    let keep: Vec<bool> = keys
        .iter()
        .map(|k| {
            k.as_ref()
                .is_none_or(|(h, p, q)| *q || !above.contains(&(h.as_str(), p.as_str())))
        })
        .collect();
    let mut it = keep.iter();
    teasers.retain(|_| *it.next().unwrap_or(&true));
    let mut it = keep.iter();
    roots.retain(|_| *it.next().unwrap_or(&true));
}

/// A teaser without a date takes the date its article shows in the page's chrome (a ticker of the
/// latest posts in the header: "March 4, 2016 – Headline").
fn borrow_dates(cx: &groups::Ctx<'_, '_>, teasers: &mut [Teaser]) {
    let missing: HashMap<String, usize> = teasers
        .iter()
        .enumerate()
        .filter(|(_, t)| t.published.is_none())
        .filter_map(|(k, t)| t.url.as_deref().map(|u| (url_key(u), k)))
        .collect();
    if missing.is_empty() {
        return;
    }
    let page = cx.page;
    for a in page.elements_named("a") {
        if !cx.chrome[a as usize] {
            continue;
        }
        let Some(url) = page
            .get(a)
            .el
            .value()
            .attr_value("href")
            .and_then(|h| page::absolute(h, cx.base))
        else {
            continue;
        };
        let Some(&k) = missing.get(&url_key(&url)) else {
            continue;
        };
        if teasers[k].published.is_some() {
            continue;
        }
        // the link's line: its nearest block, when that is short
        let line = page
            .ancestors(a)
            .take(2)
            .find(|&b| crate::parse::html::is_block(page.get(b).name()))
            .filter(|&b| page.get(b).text <= 200);
        if let Some(b) = line {
            let text = crate::parse::html::inline_text(page.get(b).el);
            teasers[k].published = crate::parse::date::date_label(&text, cx.dates);
        }
    }
}

pub(crate) fn debug_path(page: &page::Page<'_>, i: u32) -> String {
    std::iter::once(i)
        .chain(page.ancestors(i))
        .take(7)
        .map(|a| {
            let e = page.get(a);
            format!(
                "{}.{}",
                e.name(),
                e.el.value()
                    .attr_value("class")
                    .unwrap_or("")
                    .replace(' ', ".")
            )
        })
        .collect::<Vec<_>>()
        .join("<")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_without_links_has_no_teasers() {
        assert!(parse_listing("<html><body><p>Nur Text.</p></body></html>", None).is_none());
        assert!(parse_listing("", None).is_none());
    }
}

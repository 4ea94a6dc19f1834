//! Reader mode: the main text and metadata of an article page.
//!
//! The stages, in order (each a file of this folder):
//!
//! 1. [`table`]: one iterative walk over the parsed page builds a flat table of its elements in
//!    document order (parent, end of subtree, [`hints`] from class and id, own text and link lengths)
//!    and collects what the head says ([`meta`]); subtree sums are added bottom-up in one pass;
//! 2. [`score`]: boilerplate by tag, role and class/id is set aside, paragraphs score their ancestors,
//!    the best candidate is refined and joined by its siblings that look like content;
//! 3. [`clean`]: inside the chosen content, link lists, teaser sections, short byline/date boxes and
//!    widgets are removed by link density, text and class/id hints;
//! 4. [`blocks`]: the rest becomes blocks ([`crate::parse::html::Builder`]);
//! 5. [`metadata`]: title, kicker, lead, byline and date are decided; [`dedupe`] drops a paragraph
//!    that repeats one of them, and [`phrases`] (language-aware lists) the lines structure cannot tell
//!    from the text: "Lesen Sie auch", newsletter prompts, date and tag lines.
//!
//! When the first pass finds too little, a second pass keeps the class-flagged elements, and a
//! JSON-LD `articleBody` is the last resort. Nothing recurses on element depth.

mod blocks;
mod clean;
mod dedupe;
mod hints;
pub mod meta;
mod metadata;
mod phrases;
mod score;
mod table;

use crate::document::{Article, Block};
use crate::parse::date;
use crate::parse::html::{self, normalize_space};
use dedupe::{same_text, starts_alike};
use metadata::Content;
use phrases::*;
use scraper::Html;
use url::Url;

/// Subtree figures with nothing removed yet (which h1s have text).
fn aggregate_raw(els: &mut [table::El<'_>]) {
    let none = vec![false; els.len()];
    table::aggregate(els, &none);
}

/// The name of the site the page is from: `og:site_name`, the JSON-LD publisher, the name its
/// `<title>` carries next to the article's title; only when the page names none, a file's name (not
/// its path: the page was saved from somewhere else). Nothing else: a host is not a name.
fn site_name(meta: &meta::PageMeta, title: &str, url: Option<&Url>) -> Option<String> {
    meta.source()
        .or_else(|| {
            meta.html_title
                .as_deref()
                .and_then(|t| meta::site_from_title(t, title))
        })
        .or_else(|| url.and_then(file_name))
}

/// The last segment of a `file:` URL, percent-decoded.
fn file_name(url: &Url) -> Option<String> {
    if url.scheme() != "file" {
        return None;
    }
    let last = url.path_segments()?.next_back()?;
    let name = percent_decode(last);
    (!name.trim().is_empty()).then_some(name)
}

/// `%XX` escapes decoded (as UTF-8, lossily); anything else kept.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Extracts the article of an HTML page and recognises interviews in it.
pub fn extract(page: &str, url: Option<&Url>) -> Article {
    let mut article = reader(page, url);
    crate::interview::recognize(&mut article);
    article
}

/// The article a page holds besides a list of teasers (a blog post above its related posts and
/// comments, a video page above more from the show), with interviews recognised; `None` when reader
/// mode finds no article there (a front page, an archive of excerpts). For a page that sniffs as a
/// listing when one article is asked for.
pub fn page_article(page: &str, url: Option<&Url>) -> Option<Article> {
    let (mut article, meta) = read_page(page, url);
    if !holds_article(&article, &meta) {
        return None;
    }
    crate::interview::recognize(&mut article);
    Some(article)
}

/// Whether reader mode found an article rather than a listing's text: a title and prose (lead and
/// paragraphs, not teasers' excerpts nor runs of links) of a few sentences on a page that declares
/// one item, of a few paragraphs and no excerpt on a page that does not say.
fn holds_article(a: &Article, meta: &meta::PageMeta) -> bool {
    if a.title.trim().is_empty() {
        return false;
    }
    let mut prose = a
        .lead
        .as_deref()
        .filter(|l| !is_excerpt(l))
        .map_or(0, |l| l.chars().count());
    let (mut paragraphs, mut excerpts) = (0, 0);
    for b in &a.blocks {
        let Block::Paragraph { text, marks } = b else {
            continue;
        };
        if is_excerpt(text) {
            excerpts += 1;
            continue;
        }
        let linked: usize = marks
            .iter()
            .filter(|m| m.style == crate::document::MarkStyle::Link)
            .map(|m| m.end.saturating_sub(m.start))
            .sum();
        if linked * 2 > text.len() {
            continue;
        }
        prose += text.chars().count();
        paragraphs += 1;
    }
    if meta.declares_one_item() {
        prose >= 200
    } else {
        meta.og_type.as_deref() != Some("website")
            && prose >= 1500
            && paragraphs >= 3
            && excerpts == 0
    }
}

/// Reader mode without interview recognition: metadata and the main text as plain blocks
/// (paragraphs keep their bold/italic/link marks).
pub fn reader(page: &str, url: Option<&Url>) -> Article {
    read_page(page, url).0
}

/// Reader mode, and what the page's head said.
fn read_page(page: &str, url: Option<&Url>) -> (Article, meta::PageMeta) {
    // scripts and style sheets are never read (JSON-LD is kept): html5ever need not walk them
    let doc = Html::parse_document(&super::rawtext::strip_scripts_and_styles(page));
    let table::Page {
        mut els,
        meta,
        hidden,
        date_prop,
    } = table::build(&doc);
    let base = blocks::page_base(&doc, url);
    let base_ref = base.as_ref().or(url);
    aggregate_raw(&mut els);
    let named_h1 = metadata::page_title_h1(&els, &meta);
    let (pass, mut blocks) = score::choose(&mut els, &hidden, base_ref, named_h1);

    let mut article = Article::default();
    let host = url.and_then(|u| u.host_str());
    let content = Content::new(&els, &pass);
    let h1 = metadata::title_h1(&els, &content, named_h1);
    let (title, kicker) = metadata::title_and_kicker(&els, h1, &meta, host);
    article.title = title;
    // the kicker is metadata: not also a block near the top
    if let Some(k) = &kicker {
        if let Some(pos) = blocks.iter().take(4).position(|b| {
            matches!(b, Block::Paragraph { .. } | Block::Heading { .. }) && same_text(&b.text(), k)
        }) {
            blocks.remove(pos);
        }
    }
    article.kicker = kicker;

    if let Some(t) = metadata::hinted_lead(&els, h1, &content, &article.title) {
        // the lead's text is no longer a block
        if let Some(pos) = blocks.iter().take(4).position(|b| same_text(&b.text(), &t)) {
            blocks.remove(pos);
        }
        article.lead = Some(t);
    }
    // drop the title and junk lines
    let title_text = article.title.clone();
    blocks.retain(|b| match b {
        Block::Heading { text, .. } => !same_text(text, &title_text) && !is_junk_line(text),
        Block::Paragraph { text, .. } => {
            !is_junk_line(text)
                && !is_pointer_line(text)
                && !is_credit_line(text)
                && !same_text(text, &title_text)
        }
        _ => true,
    });
    // a date, byline, category and tags line glued to the first or last paragraph by a <br>
    if let Some(b) = blocks.first_mut() {
        trim_meta_lines(b, true);
    }
    if let Some(b) = blocks.last_mut() {
        trim_meta_lines(b, false);
    }
    blocks.retain(|b| match b {
        Block::Paragraph { text, .. } => !text.trim().is_empty() && !is_contact_line(text),
        _ => true,
    });
    // tags at the end: "Tags", "Schlagwörter: …"
    while blocks.len() > 2 {
        let tail = blocks.len() - 2;
        match blocks[tail..].iter().rposition(|b| is_tag_block(&b.text())) {
            Some(p) => {
                blocks.remove(tail + p);
            }
            None => break,
        }
    }
    // promotion at the end: newsletter, subscription, "follow us"
    while blocks.len() > 3 {
        let tail = blocks.len() - 3;
        match blocks[tail..]
            .iter()
            .rposition(|b| is_promo_line(&b.text()))
        {
            Some(p) => {
                blocks.remove(tail + p);
            }
            None => break,
        }
    }
    if article.lead.is_none() {
        let desc = meta
            .og_description
            .as_deref()
            .or(meta.description.as_deref())
            .or(meta.ld.description.as_deref());
        if let (Some(d), Some(Block::Paragraph { text, .. })) = (desc, blocks.first()) {
            if same_text(text, d) || starts_alike(text, d) && text.chars().count() < 600 {
                article.lead = Some(text.clone());
                blocks.remove(0);
            }
        }
    }

    // byline: meta, JSON-LD, rel=author, hinted element, a "Von …"/"By …" line
    let mut byline = metadata::byline(&els, &meta);
    if let Some(name) = metadata::take_by_line(&mut blocks) {
        byline.get_or_insert(name);
    }
    article.byline = byline;
    // date lines at the start or the end
    let mut dateline_date: Option<String> = None;
    for _ in 0..2 {
        if let Some(Block::Paragraph { text, .. }) = blocks.first() {
            if is_dateline(text) {
                if let Some(d) = date::find_date(text) {
                    dateline_date.get_or_insert(d);
                }
                blocks.remove(0);
                continue;
            }
        }
        break;
    }
    if let Some(Block::Paragraph { text, .. }) = blocks.last() {
        if is_dateline(text) && blocks.len() > 1 {
            blocks.pop();
        }
    }

    // published: meta, JSON-LD, itemprop, <time>, hinted visible dates, the lead's date
    let mut published =
        metadata::published(&els, &meta, date_prop, &pass.removed).or(dateline_date);
    // a bracketed date before the lead, or before the first paragraph (which then is the lead)
    if let Some(l) = article.lead.clone() {
        if let Some((d, rest)) = date::leading_date(&l) {
            published.get_or_insert(d);
            article.lead = Some(rest.to_string());
        }
    } else if let Some(Block::Paragraph { text, .. }) = blocks.first() {
        if let Some((d, rest)) = date::leading_date(text) {
            published.get_or_insert(d);
            article.lead = Some(rest.to_string());
            blocks.remove(0);
        }
    }
    // a paragraph that is only a date
    if let Some(Block::Paragraph { text, .. }) = blocks.first() {
        if text.chars().count() < 40 {
            if let Some(d) = date::parse_date(text) {
                published.get_or_insert(d);
                blocks.remove(0);
            }
        }
    }
    article.published = published;
    // the lead, the title or the kicker once: not again as the first paragraph
    dedupe::drop_repeats(
        &mut blocks,
        article.lead.as_deref(),
        &article.title,
        article.kicker.as_deref(),
    );

    // the last resort: JSON-LD articleBody
    if let Some(body) = meta.ld.body.as_deref() {
        let have =
            blocks::text_len(&blocks) + article.lead.as_deref().map_or(0, |l| l.chars().count());
        let ld_len = body.chars().count();
        if ld_len > 300 && have * 2 < ld_len {
            // the page shows little of the article (a paywall, a script): what it shows under the
            // title, the teaser paragraph the description repeats, is the lead of the full text
            if article.lead.is_none() {
                let desc = meta
                    .og_description
                    .as_deref()
                    .or(meta.description.as_deref())
                    .or(meta.ld.description.as_deref())
                    .filter(|d| !starts_alike(body, d) && !same_text(body, d));
                article.lead = desc.and_then(|d| metadata::described_lead(&els, h1, d));
            }
            blocks = if body.contains("</p>") || body.contains("<br") {
                html::blocks_from_fragment(body, base_ref)
            } else {
                body.split('\n')
                    .map(normalize_space)
                    .filter(|p| !p.is_empty())
                    .map(Block::paragraph)
                    .collect()
            };
        }
    }

    article.url = meta
        .canonical
        .as_deref()
        .or(meta.og_url.as_deref())
        .and_then(|u| match url {
            Some(b) => b.join(u).ok(),
            None => Url::parse(u).ok(),
        })
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .map(|u| u.to_string())
        .or_else(|| url.map(|u| u.to_string()));
    article.source = site_name(&meta, &article.title, url);
    blocks::tidy_images(&mut blocks, &article.title);
    article.blocks = blocks;
    (article, meta)
}

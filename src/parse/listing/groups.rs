//! Teaser groups: the links that carry headlines, grouped by the shape of their surroundings, each
//! link's *item* (the largest element around it that holds no other headline of its group), and the
//! choice of the groups that are the page's content.
//!
//! A page's content is every group that reads like the best one (about as many dates, summaries,
//! headings and pictures per teaser), inside the page's `<main>` when it has one; list links nested
//! in the items of such a group (related articles under a teaser) come along. Groups in chrome,
//! boxes headed "Meistgelesen"/"Most popular", and groups that mostly leave the site are left out.

use super::chrome::is_popular_heading;
use super::fields::{self, url_key, Fields, ItemInput};
use super::more::is_more_link;
use super::page::{absolute, Page, NONE};
use crate::parse::date::DateContext;
use crate::parse::html::inline_text;
use crate::parse::html::AttrValue;
use std::collections::HashMap;
use url::Url;

/// How many ancestors of a link are looked at.
const MAX_ANCESTORS: usize = 40;
/// An item holds at most this many headline links to other articles (related links under a teaser).
const MAX_NESTED: u32 = 12;

/// A link that may carry a teaser's headline (or be its "more" link).
pub struct Link {
    pub idx: u32,
    pub url: String,
    pub key: u32,
    pub more: bool,
    /// The text reads as a headline on its own; a short one ("Trolls") counts only in a list of
    /// headlines.
    pub strong: bool,
}

/// One teaser of the page.
pub struct Item {
    pub root: u32,
    pub url: String,
    pub key: u32,
    pub link: u32,
    pub fields: Fields,
    pub group: usize,
}

/// Teasers whose headline links share a shape.
pub struct Group {
    pub items: Vec<usize>,
}

/// The page's teasers, in page order, with the groups they came in.
pub struct Found {
    pub items: Vec<Item>,
    pub groups: Vec<Group>,
    pub kept: Vec<bool>,
    /// Items of kept groups that are left out all the same (a block of links off the site).
    pub dropped: Vec<bool>,
}

/// What reading the links needs.
pub struct Ctx<'p, 'a> {
    pub page: &'p Page<'a>,
    pub chrome: &'p [bool],
    pub base: Option<&'p Url>,
    pub dates: &'p DateContext,
}

fn words(s: &str) -> usize {
    let cjk = s.chars().filter(|c| fields::is_cjk(*c)).count();
    s.split_whitespace().count() + cjk / 2
}

/// Whether a link text reads as a headline: two words and a dozen characters (or CJK text).
fn title_like(text: &str) -> bool {
    let cjk = text.chars().filter(|c| fields::is_cjk(*c)).count();
    (words(text) >= 2 && text.chars().count() >= 12) || cjk >= 6
}

/// The candidate links of the page, in page order.
pub fn links(cx: &Ctx<'_, '_>) -> Vec<Link> {
    let page = cx.page;
    let self_key = cx.base.map(|b| url_key(b.as_str()));
    let mut keys: HashMap<String, u32> = HashMap::new();
    let mut out = Vec::new();
    for i in page.elements_named("a") {
        if cx.chrome[i as usize] {
            continue;
        }
        let e = page.get(i);
        let Some(href) = e.el.value().attr_value("href") else {
            continue;
        };
        let Some(url) = absolute(href, cx.base) else {
            continue;
        };
        let key = url_key(&url);
        if self_key.as_deref() == Some(key.as_str()) {
            continue; // a link to the page itself
        }
        // a link to the comments of an article is not its headline
        if let Some((_, frag)) = url.split_once('#') {
            let f = frag.to_ascii_lowercase();
            if f.contains("comment")
                || f.contains("kommentar")
                || f.contains("respond")
                || f.contains("disqus")
            {
                continue;
            }
        }
        let text = inline_text(e.el);
        if text.is_empty() {
            continue;
        }
        let more = is_more_link(&text);
        let strong = title_like(&text);
        if !more && (text.chars().count() < 3 || is_counter(&text) || is_section_link(&text, &url))
        {
            continue;
        }
        if !more && in_running_text(page, i) {
            continue;
        }
        let n = keys.len() as u32;
        let key = *keys.entry(key).or_insert(n);
        out.push(Link {
            idx: i,
            url,
            key,
            more,
            strong: strong || more,
        });
    }
    out
}

/// A counter as a link: `61 Kommentare`, `12 comments` (what is around them no letter or digit).
fn is_counter(text: &str) -> bool {
    const WORDS: [&str; 17] = [
        "kommentar",
        "kommentare",
        "comment",
        "comments",
        "posting",
        "postings",
        "antworten",
        "replies",
        "reaction",
        "reactions",
        "share",
        "shares",
        "commenti",
        "comentario",
        "comentarios",
        "commentaire",
        "commentaires",
    ];
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let t = text.trim_start_matches(|c: char| !word(c));
    let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() == t.len() {
        return false;
    }
    let rest = rest.trim_start().trim_end_matches(|c: char| !word(c));
    WORDS.iter().any(|w| rest.eq_ignore_ascii_case(w))
}

/// A section's header link: `Mehr Politik`, `Alle Meldungen`, `More from Sport` — "more" and a
/// name, to a section page.
fn is_section_link(text: &str, url: &str) -> bool {
    let t = text.trim().to_lowercase();
    let first = t.split_whitespace().next().unwrap_or("");
    const MORE: &[&str] = &[
        "mehr", "more", "alle", "all", "weitere", "zur", "zum", "plus", "más", "mas", "altre",
        "altri", "meer", "tutte", "tutti", "todas", "todos", "toutes", "tous",
    ];
    if !MORE.contains(&first) {
        return false;
    }
    let n = t.split_whitespace().count();
    let section_url = url
        .split(['?', '#'])
        .next()
        .is_some_and(|u| u.ends_with('/'));
    n <= 3 || (n <= 5 && section_url)
}

/// A link inside running text (a sentence around it in the same block) is no headline.
fn in_running_text(page: &Page<'_>, i: u32) -> bool {
    let Some(b) = page
        .ancestors(i)
        .take(MAX_ANCESTORS)
        .find(|&a| crate::parse::html::is_block(page.get(a).name()))
    else {
        return false;
    };
    let (link, block) = (page.get(i).text, page.get(b).text);
    if page.get(b).name() == "p" {
        return link * 2 < block;
    }
    if matches!(
        page.get(b).name(),
        "li" | "td" | "th" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
    ) || link * 3 >= block
    {
        return false;
    }
    // in another block: running text when words lead up to the link on its line (text since the
    // last block boundary or link, not counting link text)
    let target = page.get(i).el.id();
    let mut before = 0usize;
    let mut in_link = 0usize;
    for (steps, edge) in page.get(b).el.traverse().enumerate() {
        if steps > 2000 {
            return false;
        }
        match edge {
            ego_tree::iter::Edge::Open(n) if n.id() == target => break,
            ego_tree::iter::Edge::Open(n) => match n.value() {
                scraper::Node::Text(t) if in_link == 0 => before += t.split_whitespace().count(),
                scraper::Node::Element(e) if e.name() == "a" => in_link += 1,
                scraper::Node::Element(e)
                    if crate::parse::html::is_block(e.name()) || e.name() == "br" =>
                {
                    before = 0
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(n) => {
                if let scraper::Node::Element(e) = n.value() {
                    if e.name() == "a" {
                        in_link = in_link.saturating_sub(1);
                        before = 0;
                    } else if crate::parse::html::is_block(e.name()) {
                        before = 0;
                    }
                }
            }
        }
    }
    before >= 4
}

/// Tag and class path of a link and its three ancestors: the link with its classes, the ancestors
/// with their first class (per-item classes such as `category-x` or `post-123` later in the list
/// do not split a list), digits and modifiers removed.
fn signature(page: &Page<'_>, idx: u32) -> String {
    let mut parts = Vec::with_capacity(4);
    let mut cur = idx;
    for level in 0..4 {
        if cur == NONE {
            break;
        }
        let el = page.get(cur);
        let mut classes: Vec<String> = el
            .el
            .value()
            .attr_value("class")
            .unwrap_or("")
            .split_whitespace()
            .map(|c| {
                // BEM modifiers ("card--featured") and numbers ("teaser-3") do not make a new kind
                let c = c.split("--").next().unwrap_or(c);
                let mut s = String::with_capacity(c.len());
                s.extend(c.chars().filter(|ch| !ch.is_ascii_digit()));
                s
            })
            .filter(|c| {
                !c.is_empty()
                    && !c.contains("active")
                    && !c.contains("first")
                    && !c.contains("last")
                    && !c.contains("odd")
                    && !c.contains("even")
                    && !c.ends_with('-')
            })
            .collect();
        if level >= 1 {
            classes.truncate(1);
        } else {
            classes.sort();
            classes.dedup();
        }
        parts.push(format!("{}.{}", el.name(), classes.join(".")));
        cur = el.parent;
    }
    parts.join("<")
}

/// For each element, whether it holds headline links to more than one article, and how many
/// headline links it holds.
struct Census {
    first: HashMap<u32, u32>,
    multi: Vec<bool>,
    titles: Vec<u32>,
}

impl Census {
    fn new(page: &Page<'_>, links: &[Link], active: &[bool]) -> Census {
        let mut first: HashMap<u32, u32> = HashMap::new();
        let mut multi = vec![false; page.len()];
        let mut titles = vec![0u32; page.len()];
        for (_, l) in links
            .iter()
            .enumerate()
            .filter(|(k, l)| active[*k] && !l.more)
        {
            for anc in std::iter::once(l.idx).chain(page.ancestors(l.idx).take(MAX_ANCESTORS)) {
                titles[anc as usize] += 1;
                let f = *first.entry(anc).or_insert(l.key);
                if f != l.key {
                    multi[anc as usize] = true;
                }
            }
        }
        Census {
            first,
            multi,
            titles,
        }
    }
}

/// Groups the links by signature and finds each link's item.
pub fn find(cx: &Ctx<'_, '_>, links: &[Link]) -> Found {
    let page = cx.page;
    // links by signature, in page order of their first link
    let mut by_sig: Vec<Vec<usize>> = Vec::new();
    let mut sig_index: HashMap<String, usize> = HashMap::new();
    for (k, l) in links.iter().enumerate() {
        let sig = signature(page, l.idx);
        let g = *sig_index.entry(sig).or_insert_with(|| {
            by_sig.push(Vec::new());
            by_sig.len() - 1
        });
        by_sig[g].push(k);
    }
    // short link texts count where most of their list reads as headlines (an essay list's
    // "Trolls" among longer titles), not in lists of short words (menus, tags)
    let mut active = vec![false; links.len()];
    for members in &mut by_sig {
        let strong = members.iter().filter(|&&k| links[k].strong).count();
        let all = strong >= 2 && strong * 2 >= members.len();
        members.retain(|&k| all || links[k].strong);
        for &k in members.iter() {
            active[k] = true;
        }
    }
    by_sig.retain(|m| !m.is_empty());
    let census = Census::new(page, links, &active);
    let _ = &census.first;
    let stop = |a: u32| {
        let name = page.get(a).name();
        name == "body" || name == "html" || Some(a) == page.main
    };
    // the "more" links, looked up for every second link of a teaser (a set: a scan of all links
    // each time made a page of many teasers quadratic)
    let more_links: std::collections::HashSet<u32> =
        links.iter().filter(|l| l.more).map(|l| l.idx).collect();
    // items: one per (root, article)
    let mut items: Vec<Item> = Vec::new();
    let mut item_at: HashMap<(u32, u32), usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for members in &by_sig {
        let gi = groups.len();
        groups.push(Group { items: Vec::new() });
        let distinct: std::collections::HashSet<u32> =
            members.iter().map(|&k| links[k].key).collect();
        // per ancestor: the first article of this group below it, and whether there are more
        let mut own: HashMap<u32, (u32, bool)> = HashMap::new();
        if distinct.len() >= 2 {
            for &k in members {
                let l = &links[k];
                for anc in page.ancestors(l.idx).take(MAX_ANCESTORS) {
                    let e = own.entry(anc).or_insert((l.key, false));
                    if e.0 != l.key {
                        e.1 = true;
                    }
                }
            }
        }
        for &k in members {
            let l = &links[k];
            let mut root = l.idx;
            for anc in page.ancestors(l.idx).take(MAX_ANCESTORS) {
                if stop(anc) {
                    break;
                }
                let blocked = if distinct.len() >= 2 {
                    own.get(&anc).is_some_and(|e| e.1)
                        || census.titles[anc as usize] > MAX_NESTED + census.titles[root as usize]
                } else {
                    // a lone link: the largest element with no headline of another article
                    census.multi[anc as usize]
                };
                if blocked {
                    break;
                }
                root = anc;
            }
            match item_at.get(&(root, l.key)) {
                Some(&it) => {
                    // the same teaser again (a picture link, a "more" link, a second headline
                    // link): the better headline link carries it
                    let cur = &items[it];
                    if better_link(page, &more_links, l, cur.link) {
                        items[it].link = l.idx;
                    }
                }
                None => {
                    let it = items.len();
                    item_at.insert((root, l.key), it);
                    items.push(Item {
                        root,
                        url: l.url.clone(),
                        key: l.key,
                        link: l.idx,
                        fields: Fields::default(),
                        group: gi,
                    });
                    groups[gi].items.push(it);
                }
            }
        }
    }
    // fields
    let mut dead = vec![false; items.len()];
    for (n, it) in items.iter_mut().enumerate() {
        let link = (!more_links.contains(&it.link)).then_some(it.link);
        let input = ItemInput {
            page,
            root: it.root,
            url: &it.url,
            link,
            base: cx.base,
            dates: cx.dates,
        };
        match fields::fields(&input) {
            Some(f) => it.fields = f,
            None => {
                if std::env::var_os("BLATT_DEBUG_LISTING").is_some() {
                    eprintln!("dead item {} root={} link={}", it.url, it.root, it.link);
                }
                dead[n] = true
            }
        }
    }
    for g in &mut groups {
        g.items.retain(|&i| !dead[i]);
    }
    let kept = vec![false; groups.len()];
    let dropped = vec![false; items.len()];
    Found {
        items,
        groups,
        kept,
        dropped,
    }
}

/// Whether link `l` carries a headline better than the link at `cur`: in a heading beats not in
/// one, a headline beats a "more" link, a longer text beats a shorter one.
fn better_link(
    page: &Page<'_>,
    more_links: &std::collections::HashSet<u32>,
    l: &Link,
    cur: u32,
) -> bool {
    let cur_more = more_links.contains(&cur);
    if l.more {
        return false;
    }
    if cur_more {
        return true;
    }
    let in_heading = |i: u32| {
        std::iter::once(i)
            .chain(page.ancestors(i).take(3))
            .any(|a| matches!(page.get(a).name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
            || page
                .subtree(i)
                .any(|d| matches!(page.get(d).name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
    };
    let rank = |i: u32| -> u32 {
        std::iter::once(i)
            .chain(page.ancestors(i).take(3))
            .chain(page.subtree(i))
            .filter_map(|a| match page.get(a).name() {
                "h1" => Some(6),
                "h2" => Some(5),
                "h3" => Some(4),
                "h4" => Some(3),
                "h5" => Some(2),
                "h6" => Some(1),
                _ => None,
            })
            .max()
            .unwrap_or(0)
    };
    match (in_heading(l.idx), in_heading(cur)) {
        (true, false) => true,
        (false, true) => false,
        (true, true) => rank(l.idx) > rank(cur),
        // the headline comes first; a later link is a summary or a date line ("Jun 21, 2022 | …"),
        // unless the first one is a whole paragraph
        (false, false) => {
            let (a, b) = (l.idx.min(cur), l.idx.max(cur));
            let first_long = page.get(a).text > 150 && page.get(b).text <= 150;
            let winner = if first_long { b } else { a };
            winner == l.idx
        }
    }
}

/// How teaser-like an item is.
fn points(f: &Fields) -> f64 {
    let mut p = 1.0 + (f.title.chars().count().min(80) as f64) / 80.0;
    if f.published.is_some() || f.clock {
        p += 1.0;
    }
    if f.summary.is_some() {
        p += 1.0;
    }
    if f.heading {
        p += 0.5;
    }
    if f.image {
        p += 0.5;
    }
    p
}

/// Chooses the groups that are the page's content.
pub fn choose(cx: &Ctx<'_, '_>, found: &mut Found) {
    let page = cx.page;
    let host = cx
        .base
        .and_then(|b| b.host_str().map(str::to_ascii_lowercase));
    struct Stats {
        n: usize,
        dated: f64,
        summed: f64,
        score: f64,
        quality: f64,
        eligible: bool,
        offsite: bool,
        in_main: bool,
    }
    let stats: Vec<Stats> = found
        .groups
        .iter()
        .map(|g| {
            let items: Vec<&Item> = g.items.iter().map(|&i| &found.items[i]).collect();
            let n = items.len();
            let score: f64 = items.iter().map(|i| points(&i.fields)).sum();
            let mut titles: Vec<&str> = items.iter().map(|i| i.fields.title.as_str()).collect();
            titles.sort_unstable();
            titles.dedup();
            let offsite = host.as_deref().is_some_and(|h| {
                let off = items
                    .iter()
                    .filter(|i| {
                        Url::parse(&i.url)
                            .ok()
                            .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
                            .is_some_and(|x| x != h)
                    })
                    .count();
                off * 2 > n
            });
            let in_main = page
                .main
                .is_none_or(|m| items.iter().all(|i| page.within(i.root, m)));
            let popular = n >= 1 && (popular_box(page, &items) || ranked(&items));
            let rate = |f: &dyn Fn(&Fields) -> bool| {
                if n == 0 {
                    0.0
                } else {
                    items.iter().filter(|i| f(&i.fields)).count() as f64 / n as f64
                }
            };
            Stats {
                n,
                dated: rate(&|f| f.published.is_some()),
                summed: rate(&|f| f.summary.is_some()),
                score,
                quality: if n > 0 { score / n as f64 } else { 0.0 },
                eligible: n >= 1 && titles.len() * 2 > n && !popular,
                offsite,
                in_main,
            }
        })
        .collect();
    // a page's <main> holds its content when it holds a group at all
    let main_rule = page.main.is_some()
        && (0..stats.len()).any(|g| stats[g].eligible && stats[g].n >= 2 && stats[g].in_main);
    let best = (0..stats.len())
        .filter(|&g| stats[g].eligible && stats[g].n >= 2 && (!main_rule || stats[g].in_main))
        // many teasers, and rich ones: richness counts twice (34 bare headlines in side boxes do
        // not beat a list of 20 dated teasers with summaries)
        .max_by(|&a, &b| {
            let w = |g: usize| stats[g].score * stats[g].quality;
            w(a).total_cmp(&w(b))
        });
    let Some(best) = best else {
        return;
    };
    let q = stats[best].quality;
    // a page whose list shows dates: an undated box of bare headlines beside it is something else
    // (site-wide lists, downloads, videos)
    let dated_page = stats[best].dated >= 0.8;
    let best_offsite = stats[best].offsite;
    // an article in several groups belongs to the strongest of them; a group whose articles mostly
    // belong to others repeats them (a carousel over the list, roof-line links, a ticker)
    let weight = |g: usize| stats[g].score * stats[g].quality;
    let mut owner: HashMap<u32, usize> = HashMap::new();
    for (g, gr) in found.groups.iter().enumerate() {
        if !stats[g].eligible {
            continue;
        }
        for &i in &gr.items {
            let o = owner.entry(found.items[i].key).or_insert(g);
            if weight(g) > weight(*o) {
                *o = g;
            }
        }
    }
    // the headline each article has in its owning group
    let mut owned_title: HashMap<u32, &str> = HashMap::new();
    for (g, gr) in found.groups.iter().enumerate() {
        for &i in &gr.items {
            let it = &found.items[i];
            if owner.get(&it.key) == Some(&g) {
                owned_title
                    .entry(it.key)
                    .or_insert(it.fields.title.as_str());
            }
        }
    }
    // Repeats: `None` for a group of its own; `Some(true)` for one that repeats others' headlines
    // (a carousel: its own articles count), `Some(false)` for one that repeats their articles
    // under other words (roof lines, picture captions: nothing of it counts)
    let repeats: Vec<Option<bool>> = (0..stats.len())
        .map(|g| {
            let items = &found.groups[g].items;
            let repeated: Vec<&Item> = items
                .iter()
                .map(|&i| &found.items[i])
                .filter(|it| owner.get(&it.key).is_some_and(|&o| o != g))
                .collect();
            if items.is_empty() || repeated.len() * 2 < items.len() {
                return None;
            }
            let same = repeated
                .iter()
                .filter(|it| {
                    owned_title
                        .get(&it.key)
                        .is_some_and(|t| *t == it.fields.title)
                })
                .count();
            Some(same * 2 >= repeated.len())
        })
        .collect();
    for g in 0..stats.len() {
        let s = &stats[g];
        let keep = g == best
            || (s.eligible
                && repeats[g] != Some(false)
                && (!main_rule || s.in_main)
                && (!s.offsite || best_offsite)
                && s.quality >= 0.6 * q
                && !(dated_page && s.dated < 0.2 && s.summed < 0.2)
                && (s.n >= 2 || q_single(found, g)));
        found.kept[g] = keep;
    }
    if std::env::var_os("BLATT_DEBUG_LISTING").is_some() {
        for (g, st) in stats.iter().enumerate() {
            let gr = &found.groups[g];
            let first = gr.items.first().map(|&i| &found.items[i]);
            eprintln!(
                "G{g} n={} score={:.1} q={:.2} elig={} off={} main={} kept={} | {}",
                st.n,
                st.score,
                st.quality,
                st.eligible,
                st.offsite,
                st.in_main,
                found.kept[g],
                gr.items
                    .iter()
                    .take(3)
                    .map(|&i| found.items[i]
                        .fields
                        .title
                        .chars()
                        .take(40)
                        .collect::<String>())
                    .collect::<Vec<_>>()
                    .join(" / ")
            );
            if let Some(f) = first {
                eprintln!("    root={} {}", f.root, super::debug_path(page, f.link));
            }
        }
    }
    // a block of links off the site (shop, lottery, partner offers) inside a kept group
    if !best_offsite {
        if let Some(h) = host.as_deref() {
            let mut blocks: HashMap<u32, (usize, usize)> = HashMap::new();
            let off = |it: &Item| {
                Url::parse(&it.url)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
                    .is_some_and(|x| x != h)
            };
            let kept_items: Vec<usize> = (0..found.groups.len())
                .filter(|&g| found.kept[g])
                .flat_map(|g| found.groups[g].items.clone())
                .collect();
            for &i in &kept_items {
                let it = &found.items[i];
                let e = blocks.entry(page.get(it.root).parent).or_default();
                e.0 += 1;
                e.1 += usize::from(off(it));
            }
            for &i in &kept_items {
                let it = &found.items[i];
                let (n, o) = blocks[&page.get(it.root).parent];
                if o * 2 > n && off(it) {
                    found.dropped[i] = true;
                }
            }
        }
    }
    // list links nested in kept items (related articles under a teaser) come along
    let kept_roots: Vec<(u32, u32)> = found
        .groups
        .iter()
        .enumerate()
        .filter(|(g, _)| found.kept[*g])
        .flat_map(|(_, g)| g.items.iter().map(|&i| &found.items[i]))
        .filter(|i| i.fields.text_len <= fields::TEXT_LEN_EXACT)
        .map(|i| (i.root, page.get(i.root).end))
        .collect();
    for g in 0..stats.len() {
        if found.kept[g]
            || !stats[g].eligible
            || repeats[g] == Some(false)
            || (main_rule && !stats[g].in_main)
        {
            continue;
        }
        let items = &found.groups[g].items;
        let nested = !items.is_empty()
            && items.iter().all(|&i| {
                let r = found.items[i].root;
                kept_roots.iter().any(|&(a, end)| r > a && r < end)
            });
        if nested {
            found.kept[g] = true;
        }
    }
    drop_roof_links(page, found);
}

/// A short link before another group's headline in (or as) the same item (a roof line or author linked to
/// a topic page: "Burma" over "Suu Kyi zieht ins Parlament") is part of that teaser, not one of its
/// own.
fn drop_roof_links(page: &Page<'_>, found: &mut Found) {
    let mut by_root: HashMap<u32, Vec<(usize, u32)>> = HashMap::new();
    for (g, gr) in found.groups.iter().enumerate() {
        if !found.kept[g] {
            continue;
        }
        for &i in &gr.items {
            let it = &found.items[i];
            by_root.entry(it.root).or_default().push((g, it.link));
        }
    }
    for (g, gr) in found.groups.iter().enumerate() {
        if !found.kept[g] {
            continue;
        }
        for &i in &gr.items {
            let it = &found.items[i];
            let roof = words(&it.fields.title) <= 4
                && std::iter::once(it.root)
                    .chain(page.ancestors(it.root).take(6))
                    .filter_map(|a| by_root.get(&a))
                    .any(|v| {
                        v.iter().any(|&(h, link)| {
                            // the headline close by: the two links meet within three levels
                            h != g && link > it.link && {
                                let c = page.common(it.link, link);
                                page.ancestors(it.link).take(3).any(|a| a == c)
                            }
                        })
                    });
            if roof {
                found.dropped[i] = true;
            }
        }
    }
}

/// A ticker's entries show a clock time under a date heading ("Montag, 12. November 2018" …
/// "14:35 Uhr"): an entry without a date of its own takes the nearest date heading before it in its
/// group's list.
pub fn ticker_dates(cx: &Ctx<'_, '_>, found: &mut Found) {
    let page = cx.page;
    for g in 0..found.groups.len() {
        if !found.kept[g] {
            continue;
        }
        let items = found.groups[g].items.clone();
        if !items.iter().any(|&i| found.items[i].fields.clock) {
            continue;
        }
        let roots: Vec<u32> = items.iter().map(|&i| found.items[i].root).collect();
        let container = roots.iter().fold(roots[0], |acc, &r| page.common(acc, r));
        let scope = match page.get(container).parent {
            NONE => container,
            p => p,
        };
        let in_item = |e: u32| roots.iter().any(|&r| page.within(e, r));
        for &i in &items {
            let it = &found.items[i];
            if !it.fields.clock || it.fields.published.is_some() {
                continue;
            }
            let mut date = None;
            for e in (scope + 1..it.root).rev().take(400) {
                let el = page.get(e);
                let label = matches!(el.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt")
                    || (el.text <= 40 && el.link_text == 0 && !in_item(e));
                if !label || el.text == 0 || el.text > 60 || in_item(e) {
                    continue;
                }
                let text = inline_text(el.el);
                if let Some(d) = crate::parse::date::date_label(&text, cx.dates) {
                    date = Some(d.chars().take(10).collect::<String>());
                    break;
                }
            }
            if date.is_some() {
                found.items[i].fields.published = date;
            }
        }
    }
}

/// A ranked list ("1. …", "2. …"): a most-read box.
fn ranked(items: &[&Item]) -> bool {
    let numbered = items
        .iter()
        .filter(|i| {
            let t = i.fields.title.trim_start();
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            (1..=2).contains(&digits) && t[digits..].starts_with(['.', ')'])
        })
        .count();
    items.len() >= 3 && numbered * 10 >= items.len() * 6
}

/// A lone teaser is content when it is a headline with a picture or text of its own.
fn q_single(found: &Found, g: usize) -> bool {
    found.groups[g].items.iter().all(|&i| {
        let f = &found.items[i].fields;
        f.heading && (f.image || f.summary.is_some())
    })
}

/// Whether the items sit in a box headed like a site-wide list ("Meistgelesen", "Most popular").
fn popular_box(page: &Page<'_>, items: &[&Item]) -> bool {
    let Some(first) = items.iter().map(|i| i.root).min() else {
        return false;
    };
    let container = items
        .iter()
        .map(|i| i.root)
        .fold(first, |acc, r| page.common(acc, r));
    let mut anc = container;
    for _ in 0..3 {
        if anc == NONE {
            break;
        }
        // the last heading before the first item, inside this ancestor (a bounded look back)
        let heading = (anc + 1..first.min(page.get(anc).end))
            .rev()
            .take(200)
            .find(|&i| matches!(page.get(i).name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
        if let Some(h) = heading {
            return is_popular_heading(&inline_text(page.get(h).el));
        }
        anc = page.get(anc).parent;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_are_no_headlines() {
        for t in [
            "61 Kommentare",
            "12 comments",
            "(3 Postings)",
            "» 7 REPLIES",
            "1comment",
        ] {
            assert!(is_counter(t), "{t}");
        }
        for t in [
            "12 Kommentare zur Wahl",
            "Kommentare",
            "12-comments",
            "٣ comments",
            "Drei Antworten",
        ] {
            assert!(!is_counter(t), "{t}");
        }
    }
}

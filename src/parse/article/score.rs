//! Candidate scoring: boilerplate by tag, role and class/id is set aside (unless it holds most of the
//! page's paragraph text), every paragraph scores its ancestors (commas, length; readability's
//! propagation), scores are damped by link density, the best candidate is refined (the common ancestor
//! of close runners-up, climbing while the parent scores better) and joined by its siblings that look
//! like content. A second pass keeps the class-flagged elements when the first finds too little.

use super::blocks::{blocks_of, text_len};
use super::clean::clean;
use super::table::{aggregate, ancestors, children, is_ancestor, El, NONE};
use crate::document::Block;
use crate::parse::html::inline_text;
use ego_tree::NodeId;
use url::Url;

#[derive(Clone, Copy)]
pub(super) struct Flags {
    pub(super) strip_unlikely: bool,
    pub(super) clean: bool,
    /// The h1 that is the page's title (see [`super::metadata::page_title_h1`]).
    pub(super) title: Option<u32>,
}

/// The outcome of one extraction pass.
pub(super) struct Pass {
    pub(super) roots: Vec<u32>,
    pub(super) removed: Vec<bool>,
}

pub(super) fn run_pass(els: &mut [El<'_>], flags: Flags) -> Option<Pass> {
    let n = els.len();
    if n == 0 {
        return None;
    }
    // raw figures for the guard that keeps a flagged wrapper holding the article
    let none = vec![false; n];
    aggregate(els, &none);
    let total_p = els[0].agg.p_text.max(1);
    let mut removed = vec![false; n];
    for i in 0..n {
        let e = &els[i];
        if e.parent != NONE && removed[e.parent as usize] {
            removed[i] = true;
            continue;
        }
        if matches!(e.name, "html" | "body" | "article" | "main") {
            continue;
        }
        let share = e.agg.p_text as f32 / total_p as f32;
        let by_tag = matches!(e.name, "nav" | "aside" | "footer" | "menu") && share < 0.9;
        let strong = e.hints.strong && share < 0.5 && e.hints.weight < 50;
        let unlikely = flags.strip_unlikely
            && e.hints.unlikely
            && !e.hints.maybe
            && share < 0.3
            && !matches!(
                e.name,
                "a" | "table" | "tbody" | "tr" | "td" | "pre" | "code"
            );
        if by_tag || strong || unlikely {
            removed[i] = true;
        }
    }
    aggregate(els, &removed);

    // score paragraphs into their ancestors
    let mut score = vec![0f32; n];
    let mut cand = vec![false; n];
    let init = |e: &El<'_>| -> f32 {
        let base = match e.name {
            "div" | "article" | "main" | "section" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        base + e.hints.weight as f32
    };
    for i in 0..n {
        if removed[i] {
            continue;
        }
        let e = &els[i];
        let para = matches!(e.name, "p" | "pre" | "td")
            || (!e.block_child
                && matches!(
                    e.name,
                    "div" | "section" | "article" | "span" | "font" | "center"
                ));
        let (len, commas, first) = if para {
            (e.agg.text, e.agg.commas, e.parent)
        } else if e.block_child && e.own_text >= 25 && e.name != "a" {
            (e.own_text, e.own_commas, i as u32)
        } else {
            continue;
        };
        if len < 25 || first == NONE {
            continue;
        }
        // a paragraph of links is not content
        if para && e.agg.link_density() > 0.5 {
            continue;
        }
        let s = 1.0 + commas as f32 + (len as f32 / 100.0).min(3.0);
        let mut a = first;
        for level in 0..5 {
            if a == NONE {
                break;
            }
            let ai = a as usize;
            if !cand[ai] {
                cand[ai] = true;
                score[ai] = init(&els[ai]);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[ai] += s / div;
            a = els[ai].parent;
        }
    }
    let mut best: Vec<(f32, u32)> = Vec::new();
    for i in 0..n {
        if cand[i] && !removed[i] {
            score[i] *= 1.0 - els[i].agg.link_density();
            best.push((score[i], i as u32));
        }
    }
    best.sort_by(|a, b| b.0.total_cmp(&a.0));
    let body = (0..n).find(|&i| els[i].name == "body").unwrap_or(0) as u32;
    let mut top = best.first().map_or(body, |b| b.1);
    if matches!(els[top as usize].name, "html") {
        return None;
    }

    // several close runners-up inside one ancestor: the article is that ancestor
    let top_score = score[top as usize];
    let close: Vec<u32> = best
        .iter()
        .skip(1)
        .take(4)
        .filter(|(s, _)| *s >= top_score * 0.75)
        .map(|x| x.1)
        .collect();
    // (an <article> element is one article by definition: several of them are a listing)
    if close.len() >= 3 && els[top as usize].name != "article" {
        for a in ancestors(els, top).collect::<Vec<_>>() {
            if matches!(els[a as usize].name, "body" | "html") {
                break;
            }
            let inside = close.iter().filter(|&&c| is_ancestor(els, a, c)).count();
            if inside >= 3 {
                top = a;
                break;
            }
        }
    }
    // climb while the parent scores better
    let mut last = score[top as usize];
    let threshold = last / 3.0;
    let mut p = els[top as usize].parent;
    while p != NONE && !matches!(els[p as usize].name, "body" | "html") {
        if !cand[p as usize] {
            p = els[p as usize].parent;
            continue;
        }
        let ps = score[p as usize];
        if ps < threshold {
            break;
        }
        if ps > last {
            top = p;
            break;
        }
        last = ps;
        p = els[p as usize].parent;
    }
    // the best candidate does not call itself the article's body, another one that scores within
    // reach does (an author's box or a teaser outscoring a short article): that one
    if !els[top as usize].hints.body && ancestors(els, top).all(|a| !els[a as usize].hints.body) {
        let ts = score[top as usize];
        if let Some(&(_, b)) = best.iter().take(8).find(|&&(s, b)| {
            els[b as usize].hints.body
                && s >= ts * 0.3
                && !is_ancestor(els, b, top)
                && !is_ancestor(els, top, b)
        }) {
            top = b;
        }
    }
    // part of a container that names itself the article's body ("entry-content", "article-body",
    // itemprop="articleBody") and scores nearly as well: the whole container
    if let Some(a) = ancestors(els, top).take(4).find(|&a| {
        let ai = a as usize;
        cand[ai]
            && els[ai].hints.body
            && !els[top as usize].hints.body
            && score[ai] >= score[top as usize] * 0.5
            && els[ai].agg.text <= els[top as usize].agg.text.saturating_mul(3)
            && !matches!(els[ai].name, "body" | "html")
    }) {
        top = a;
    }
    // an only child is its parent
    loop {
        let p = els[top as usize].parent;
        if p == NONE || matches!(els[p as usize].name, "body" | "html") {
            break;
        }
        if children(els, p).filter(|&c| !removed[c as usize]).count() == 1 {
            top = p;
        } else {
            break;
        }
    }

    // siblings that belong to the article
    let ts = score[top as usize];
    let threshold = (ts * 0.2).max(10.0);
    let parent = els[top as usize].parent;
    let mut roots = Vec::new();
    if parent == NONE || matches!(els[top as usize].name, "body") {
        roots.push(top);
    } else {
        let top_class = els[top as usize].el.value().attr("class").unwrap_or("");
        for c in children(els, parent) {
            let ci = c as usize;
            if removed[ci] {
                continue;
            }
            if c == top {
                roots.push(c);
                continue;
            }
            let e = &els[ci];
            let mut bonus = 0.0;
            if !top_class.is_empty() && e.el.value().attr("class") == Some(top_class) {
                bonus += ts * 0.2;
            }
            if cand[ci] && score[ci] + bonus >= threshold {
                roots.push(c);
            } else if e.name == "p" {
                let ld = e.agg.link_density();
                let len = e.agg.text;
                if (len > 80 && ld < 0.25)
                    || (len > 0 && len <= 80 && ld == 0.0 && {
                        let t = inline_text(e.el);
                        t.ends_with('.') || t.ends_with('!') || t.ends_with('?')
                    })
                {
                    roots.push(c);
                }
            }
        }
    }

    // a page builder's soup: the article's text blocks sit in rows and columns of their own inside
    // a container that names itself the body ("entry-content"): the whole container, when it is
    // mostly this text and not links
    if !roots.iter().any(|&r| els[r as usize].hints.body) {
        let have: u32 = roots.iter().map(|&r| els[r as usize].agg.text).sum();
        let body = roots.first().and_then(|&r| {
            ancestors(els, r)
                .take(8)
                .take_while(|&a| !matches!(els[a as usize].name, "body" | "html"))
                .find(|&a| els[a as usize].hints.body)
        });
        if let Some(a) = body {
            let ae = &els[a as usize];
            if !removed[a as usize]
                && roots.iter().all(|&r| is_ancestor(els, a, r))
                && ae.agg.text <= have.saturating_mul(2)
                && ae.agg.link_density() < 0.15
            {
                roots = vec![a];
            }
        }
    }

    if flags.clean {
        clean(els, &roots, &mut removed, &score, flags.title);
    }
    Some(Pass { roots, removed })
}

/// The content of the page: a first pass without the likely boilerplate; when that finds too little,
/// a second pass that keeps it. The pass and its blocks (no pass at all on an empty page).
pub(super) fn choose(
    els: &mut [El<'_>],
    hidden: &[NodeId],
    base: Option<&Url>,
    title: Option<u32>,
) -> (Pass, Vec<Block>) {
    let first = run_pass(
        els,
        Flags {
            strip_unlikely: true,
            clean: true,
            title,
        },
    );
    let mut chosen = first.map(|p| {
        let b = blocks_of(els, &p, hidden, base);
        (p, b)
    });
    if chosen.as_ref().is_none_or(|(_, b)| text_len(b) < 500) {
        if let Some(p) = run_pass(
            els,
            Flags {
                strip_unlikely: false,
                clean: true,
                title,
            },
        ) {
            let b = blocks_of(els, &p, hidden, base);
            if chosen
                .as_ref()
                .is_none_or(|(_, old)| text_len(&b) > text_len(old) * 2)
            {
                chosen = Some((p, b));
            }
        }
    }
    chosen.unwrap_or_else(|| {
        (
            Pass {
                roots: Vec::new(),
                removed: vec![false; els.len()],
            },
            Vec::new(),
        )
    })
}

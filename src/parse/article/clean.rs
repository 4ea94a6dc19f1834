//! Boilerplate inside the chosen content: link lists, teaser sections under a heading ("Weitere
//! Meldungen", "Related"), short byline/date boxes, captions that lost their picture, widgets
//! (readability's conditional cleaning by link density, text, images and inputs).

use super::phrases::{is_about_heading, is_excerpt, is_teaser_heading};
use super::table::{ancestors, children, is_ancestor, is_heading, El, NONE};
use crate::parse::html::inline_text;

/// Removes link lists, teaser sections, widgets and meta boxes inside the chosen content.
pub(super) fn clean(
    els: &[El<'_>],
    roots: &[u32],
    removed: &mut [bool],
    score: &[f32],
    title: Option<u32>,
) {
    let content: u32 = roots
        .iter()
        .map(|&r| els[r as usize].agg.text)
        .sum::<u32>()
        .max(1);
    for &r in roots {
        let end = els[r as usize].end;
        let mut kill_after: Vec<(u32, u32)> = Vec::new(); // (parent, from index)
        for j in r + 1..end {
            let ji = j as usize;
            let e = &els[ji];
            if removed[ji] {
                continue;
            }
            if e.parent != NONE && removed[e.parent as usize] {
                removed[ji] = true;
                continue;
            }
            if kill_after
                .iter()
                .any(|&(p, from)| e.parent == p && j >= from)
            {
                removed[ji] = true;
                continue;
            }
            let a = &e.agg;
            let share = a.text as f32 / content as f32;
            let h = &e.hints;
            let ld = a.link_density();
            let drop = if h.caption
                && e.name != "figure"
                && a.img == 0
                && a.text < 400
                && a.p <= 1
                && !in_figure(els, j)
            {
                // a caption or credit that lost its figure: noise between paragraphs
                true
            } else if (h.strong && share < 0.5)
                || (h.meta && a.text < 200 && !matches!(e.name, "p" | "blockquote"))
            {
                true
            } else if matches!(e.name, "header" | "footer" | "nav" | "aside") && share < 0.3 {
                // the header's title, kicker, byline and lead are metadata, decided elsewhere
                true
            } else if e.name == "h1" && title.is_none_or(|t| t == j) {
                true
            } else if is_heading(e.name) || stands_as_heading(e) {
                let t = inline_text(e.el);
                let teaser = is_teaser_heading(&t);
                let about = !teaser && e.name != "p" && is_about_heading(&t);
                // a second h1 after the title heads a box of its own (a plea for donations)
                let other_title = e.name == "h1";
                if teaser || about || other_title {
                    // the heading and what follows it in its container, when that is the tail
                    let p = e.parent;
                    let mut rest = 0u32;
                    let mut next = None;
                    let mut k = e.end;
                    let pend = if p != NONE { els[p as usize].end } else { end };
                    while k < pend {
                        if next.is_none() {
                            next = Some(k);
                        }
                        rest += els[k as usize].agg.text;
                        k = els[k as usize].end;
                    }
                    if (rest as f32) < content as f32 * 0.2 {
                        kill_after.push((p, e.end));
                        if p != NONE && p != r {
                            let pe = &els[p as usize];
                            // the container is the box the heading opens, not text it closes
                            let before = pe.agg.text.saturating_sub(rest + e.agg.text);
                            if (pe.agg.text as f32 / content as f32) < 0.3
                                && before <= 200.max(pe.agg.text / 5)
                                && !is_ancestor(els, p, r)
                                && is_ancestor(els, r, p)
                            {
                                removed[p as usize] = true;
                            }
                        }
                        true
                    } else if other_title {
                        true
                    } else if !teaser {
                        h.weight < 0 || ld > 0.33
                    } else {
                        if let Some(nx) = next {
                            let ne = &els[nx as usize];
                            if ne.agg.link_density() > 0.5 || matches!(ne.name, "ul" | "ol") {
                                removed[nx as usize] = true;
                            }
                        }
                        true
                    }
                } else {
                    e.name != "p" && (h.weight < 0 || ld > 0.33)
                }
            } else if e.name == "article"
                && a.text < 1500
                && ancestors(els, j)
                    .take_while(|&x| x >= r)
                    .any(|x| els[x as usize].name == "article")
                && children(els, e.parent)
                    .filter(|&c| els[c as usize].name == "article")
                    .nth(1)
                    .is_some()
                && is_excerpt(&inline_text(e.el))
            {
                // articles listed inside the article that end as excerpts do ("…", "weiterlesen"):
                // other posts' teasers (a live blog's entries inside its article stay)
                true
            } else if matches!(
                e.name,
                "div" | "section" | "ul" | "ol" | "dl" | "table" | "form" | "fieldset" | "figure"
            ) {
                conditional(e, score[ji], share)
            } else if e.name == "p" {
                a.text > 0 && a.link as f32 >= a.text as f32 * 0.9 && a.text < 120
            } else {
                false
            };
            if drop {
                removed[ji] = true;
            }
        }
        // a container removed late (teaser heading) takes its descendants along
        for j in r + 1..end {
            let p = els[j as usize].parent;
            if p != NONE && removed[p as usize] {
                removed[j as usize] = true;
            }
        }
    }
}

/// A short paragraph without links that may head what follows, as "Lesen Sie auch:" in bold does.
fn stands_as_heading(e: &El<'_>) -> bool {
    e.name == "p" && e.agg.text > 0 && e.agg.text <= 60 && e.agg.link == 0
}

/// Whether element `j` sits inside a `<figure>` (a few levels up at most).
pub(super) fn in_figure(els: &[El<'_>], j: u32) -> bool {
    ancestors(els, j)
        .take(6)
        .any(|a| els[a as usize].name == "figure")
}

/// readability's conditional cleaning of a container inside the content.
pub(super) fn conditional(e: &El<'_>, score: f32, share: f32) -> bool {
    let a = &e.agg;
    let weight = e.hints.weight as f32;
    if share > 0.5 {
        return false;
    }
    if weight + score.max(0.0) < 0.0 && share < 0.25 {
        return true;
    }
    if a.commas >= 10 {
        return false;
    }
    let is_list = matches!(e.name, "ul" | "ol" | "dl");
    let ld = a.link_density();
    if e.name == "figure" {
        return a.text > 0 && ld > 0.5;
    }
    let p = a.p as f32;
    let img = a.img as f32;
    let li = a.li as f32 - 100.0;
    if img > 1.0 && p / img < 0.5 && a.text < 200 {
        return true;
    }
    if !is_list && li > p {
        return true;
    }
    if a.input as f32 > (p / 3.0).floor() && a.input > 0 {
        return true;
    }
    if !is_list && a.text < 25 && (a.img == 0 || a.img > 2) && a.heading == 0 {
        return true;
    }
    if is_list && a.li > 0 && a.img >= a.li {
        // a gallery: its items are pictures with credits, not points of the text
        return true;
    }
    if is_list {
        // lists of links (other articles, navigation) go; lists of text stay
        return ld > 0.5 && a.text < 1000;
    }
    if weight < 25.0 && ld > 0.25 + if a.p >= 3 { 0.15 } else { 0.0 } {
        return true;
    }
    if weight >= 25.0 && ld > 0.5 {
        return true;
    }
    if (a.embed == 1 && a.text < 75) || a.embed > 1 && a.text < 200 {
        return true;
    }
    false
}

//! The page as a flat table of its elements in document order, built in one iterative walk: parent,
//! end of subtree, class/id hints, own text and link lengths; the head's metadata is collected on the
//! way. Subtree sums are added bottom-up in one reverse pass, so no subtree's text is recomputed.

use super::hints::{finish_hints, hidden_class, hidden_style, hints_part, Hints};
use super::meta::PageMeta;
use crate::parse::html::{self, normalize_space};
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

pub(super) const NONE: u32 = u32::MAX;

/// One element of the page, in document order.
pub(super) struct El<'a> {
    pub(super) el: ElementRef<'a>,
    pub(super) name: &'a str,
    pub(super) parent: u32,
    /// One past the last descendant's index.
    pub(super) end: u32,
    pub(super) hints: Hints,
    pub(super) own_text: u32,
    pub(super) own_commas: u32,
    pub(super) own_embeds: u32,
    pub(super) block_child: bool,
    pub(super) agg: Agg,
}

/// Sums over a subtree (removed parts excluded).
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct Agg {
    pub(super) text: u32,
    pub(super) link: u32,
    pub(super) commas: u32,
    pub(super) p_text: u32,
    pub(super) p: u32,
    pub(super) img: u32,
    pub(super) li: u32,
    pub(super) input: u32,
    pub(super) embed: u32,
    pub(super) heading: u32,
}

impl Agg {
    pub(super) fn add(&mut self, o: &Agg) {
        self.text += o.text;
        self.link += o.link;
        self.commas += o.commas;
        self.p_text += o.p_text;
        self.p += o.p;
        self.img += o.img;
        self.li += o.li;
        self.input += o.input;
        self.embed += o.embed;
        self.heading += o.heading;
    }
    pub(super) fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link as f32 / self.text as f32
        }
    }
}

pub(super) fn is_heading(n: &str) -> bool {
    matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The attributes the extraction reads, found in one scan over an element's attributes.
#[derive(Default)]
pub(super) struct Attrs<'a> {
    pub(super) class: &'a str,
    pub(super) id: &'a str,
    pub(super) itemprop: Option<&'a str>,
    pub(super) role: Option<&'a str>,
    pub(super) hidden: bool,
}

pub(super) fn attrs<'a>(e: &'a scraper::node::Element) -> Attrs<'a> {
    let mut a = Attrs::default();
    for (name, value) in e.attrs() {
        match name {
            "class" => a.class = value,
            "id" => a.id = value,
            "itemprop" => a.itemprop = Some(value),
            "role" => a.role = Some(value),
            "hidden" => a.hidden = true,
            "aria-hidden" => a.hidden |= value == "true",
            "style" => a.hidden |= hidden_style(value),
            _ => {}
        }
    }
    a
}

/// Text length in characters as the reader sees it (whitespace runs count once) and commas.
pub(super) fn measure(t: &str) -> (u32, u32) {
    let mut n = 0u32;
    let mut commas = 0u32;
    let mut space = true;
    for c in t.chars() {
        if c.is_whitespace() {
            if !space {
                n += 1;
                space = true;
            }
        } else {
            n += 1;
            space = false;
            if matches!(c, ',' | '，' | '、' | '،') {
                commas += 1;
            }
        }
    }
    (n, commas)
}

/// The page as a table, plus what the head said.
pub(super) struct Page<'a> {
    pub(super) els: Vec<El<'a>>,
    pub(super) meta: PageMeta,
    /// Hidden elements (styled away, hover cards): never scored, never written out.
    pub(super) hidden: Vec<ego_tree::NodeId>,
    /// The first element with `itemprop="datePublished"`.
    pub(super) date_prop: Option<u32>,
}

pub(super) fn build(doc: &Html) -> Page<'_> {
    let mut els: Vec<El<'_>> = Vec::with_capacity(1024);
    let mut meta = PageMeta::default();
    let mut stack: Vec<u32> = Vec::with_capacity(64);
    let mut skip = 0usize;
    let mut in_title = false;
    let mut hidden_ids = Vec::new();
    let mut date_prop = None;
    // class strings repeat across a page (every menu item, every teaser): their hints once each
    let mut class_cache: std::collections::HashMap<&str, ((Hints, bool), bool)> =
        std::collections::HashMap::new();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    let Some(el) = ElementRef::wrap(node) else {
                        continue;
                    };
                    match name {
                        "meta" => meta.meta(el),
                        "link" => meta.link(el),
                        "title" if meta.html_title.is_none() && skip <= 1 => in_title = true,
                        "script"
                            if e.attr("type").is_some_and(|t| {
                                t.trim().eq_ignore_ascii_case("application/ld+json")
                            }) =>
                        {
                            let text: String = el.text().collect();
                            meta.json_ld(&text);
                        }
                        _ => {}
                    }
                    if skip > 0 {
                        skip += 1;
                        continue;
                    }
                    let skipped = html::is_skipped(name);
                    let at = attrs(e);
                    let class = at.class;
                    let class_hints = match class_cache.get(class) {
                        Some(&c) => c,
                        None => {
                            let c = (hints_part(class), hidden_class(class));
                            class_cache.insert(class, c);
                            c
                        }
                    };
                    if skipped || class_hints.1 || at.hidden {
                        if !skipped {
                            hidden_ids.push(el.id());
                        }
                        if let Some(&top) = stack.last() {
                            if matches!(name, "iframe" | "video" | "embed" | "object" | "audio") {
                                els[top as usize].own_embeds += 1;
                            }
                        }
                        skip = 1;
                        continue;
                    }
                    let parent = stack.last().copied().unwrap_or(NONE);
                    if parent != NONE && html::is_block(name) {
                        els[parent as usize].block_child = true;
                    }
                    let h = finish_hints(class_hints.0, hints_part(at.id));
                    let mut h = h;
                    if date_prop.is_none()
                        && at
                            .itemprop
                            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
                    {
                        date_prop = Some(els.len() as u32);
                    }
                    if at
                        .itemprop
                        .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
                    {
                        h.weight += 50;
                        h.maybe = true;
                        h.body = true;
                    }
                    if let Some(role) = at.role {
                        match role {
                            "navigation" | "menubar" | "menu" | "contentinfo" | "banner"
                            | "search" | "complementary" | "dialog" | "alertdialog" => {
                                h.unlikely = true;
                                h.weight -= 25;
                            }
                            "main" | "article" => {
                                h.weight += 25;
                                h.maybe = true;
                            }
                            _ => {}
                        }
                    }
                    let idx = els.len() as u32;
                    els.push(El {
                        el,
                        name,
                        parent,
                        end: idx + 1,
                        hints: h,
                        own_text: 0,
                        own_commas: 0,
                        own_embeds: 0,
                        block_child: false,
                        agg: Agg::default(),
                    });
                    stack.push(idx);
                }
                Node::Text(t) => {
                    if in_title {
                        let s = normalize_space(t);
                        if !s.is_empty() {
                            meta.html_title = Some(s);
                        }
                    }
                    if skip == 0 {
                        if let Some(&top) = stack.last() {
                            let (n, c) = measure(t);
                            let e = &mut els[top as usize];
                            e.own_text += n;
                            e.own_commas += c;
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if e.name() == "title" {
                        in_title = false;
                    }
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    if let Some(i) = stack.pop() {
                        els[i as usize].end = els.len() as u32;
                    }
                }
            }
        }
    }
    Page {
        els,
        meta,
        hidden: hidden_ids,
        date_prop,
    }
}

/// Sums the subtree figures bottom-up, leaving out removed elements.
pub(super) fn aggregate(els: &mut [El<'_>], removed: &[bool]) {
    for e in els.iter_mut() {
        let mut a = Agg {
            text: e.own_text,
            commas: e.own_commas,
            embed: e.own_embeds,
            ..Agg::default()
        };
        match e.name {
            "img" => a.img = 1,
            "li" => a.li = 1,
            "input" | "select" | "textarea" | "button" => a.input = 1,
            n if is_heading(n) => a.heading = 1,
            _ => {}
        }
        e.agg = a;
    }
    // a card's empty link laid over it ("stretched" or overlay links): the short card's text is its link
    let mut overlaid = vec![false; els.len()];
    for i in (0..els.len()).rev() {
        if removed[i] {
            continue;
        }
        let e = &mut els[i];
        if overlaid[i] && !matches!(e.name, "p" | "li") && !is_heading(e.name) && e.agg.text <= 200
        {
            e.agg.link = e.agg.text;
        }
        match e.name {
            "a" => {
                e.agg.link = e.agg.text;
                if e.agg.text == 0
                    && e.agg.img == 0
                    && e.parent != NONE
                    && e.el.value().attr("href").is_some()
                    && opens_parent(e.el)
                {
                    overlaid[e.parent as usize] = true;
                }
            }
            "p" => {
                e.agg.p = 1;
                e.agg.p_text = e.agg.text;
            }
            "pre" | "blockquote" => e.agg.p_text = e.agg.text,
            _ => {}
        }
        let a = e.agg;
        let p = e.parent;
        if p != NONE {
            els[p as usize].agg.add(&a);
        }
    }
}

/// Nothing but whitespace comes before the element in its parent (an overlay link opens its card).
fn opens_parent(el: ElementRef<'_>) -> bool {
    el.prev_siblings().all(|n| match n.value() {
        Node::Text(t) => t.trim().is_empty(),
        Node::Comment(_) => true,
        _ => false,
    })
}

pub(super) fn ancestors<'s>(els: &'s [El<'_>], i: u32) -> impl Iterator<Item = u32> + 's {
    let mut cur = els[i as usize].parent;
    std::iter::from_fn(move || {
        if cur == NONE {
            return None;
        }
        let r = cur;
        cur = els[cur as usize].parent;
        Some(r)
    })
}

pub(super) fn is_ancestor(els: &[El<'_>], a: u32, d: u32) -> bool {
    a <= d && d < els[a as usize].end
}

pub(super) fn children<'s>(els: &'s [El<'_>], i: u32) -> impl Iterator<Item = u32> + 's {
    let end = els[i as usize].end;
    let mut j = i + 1;
    std::iter::from_fn(move || {
        if j >= end {
            return None;
        }
        let r = j;
        j = els[j as usize].end;
        Some(r)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn measure_counts_collapsed_whitespace() {
        assert_eq!(measure("  a,  b \n c "), (7, 1));
    }
}

//! Reader mode: the main text and metadata of an article page.
//!
//! One iterative walk over the parsed page builds a flat table of its elements in document order
//! (parent, end of subtree, class/id hints, own text and link lengths) and collects the metadata
//! the head carries. Text, link and paragraph counts are then summed bottom-up in one reverse pass,
//! so no subtree's text is ever recomputed. On that table:
//!
//! 1. boilerplate by tag, role and class/id (navigation, share bars, comments, cookie notices, …)
//!    is set aside, unless it holds most of the page's paragraph text;
//! 2. every paragraph scores its ancestors (commas, length; readability's propagation), scores are
//!    damped by link density, the best candidate is refined (common ancestor of close runners-up,
//!    climbing while the parent scores better) and joined by its siblings that look like content;
//! 3. inside the chosen content, link lists, teaser sections ("Weitere Meldungen", "Related"), short
//!    byline/date boxes and widgets are removed by link density, text and class/id hints;
//! 4. the rest becomes blocks ([`crate::parse::html::Builder`]) and the metadata is decided.
//!
//! When the first pass finds too little, a second pass keeps the class-flagged elements, and a
//! JSON-LD `articleBody` is the last resort. Nothing recurses on element depth.

use crate::document::{Article, Block};
use crate::parse::date;
use crate::parse::html::{self, inline_text, normalize_space};
use crate::parse::meta::{self, PageMeta};
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};
use std::collections::HashSet;
use url::Url;

const NONE: u32 = u32::MAX;

/// Class/id hints of one element.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
struct Hints {
    /// readability-style weight: ±25 for class and id each.
    weight: i32,
    /// Boilerplate unless it contains the article (sidebar, menu, footer, …).
    unlikely: bool,
    /// Boilerplate for sure (share bars, comments, cookie notices, related links, newsletter boxes).
    strong: bool,
    /// Protects an unlikely element (article, content, main, …).
    maybe: bool,
    /// Byline, date or article meta box.
    meta: bool,
    kicker: bool,
    lead: bool,
    /// A caption or a picture credit.
    caption: bool,
    author: bool,
    date: bool,
}

fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
}

const STRONG: &[&str] = &[
    "comment",
    "disqus",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "newsletter",
    "subscri",
    "cookie",
    "consent",
    "gdpr",
    "breadcrumb",
    "outbrain",
    "taboola",
    "promo",
    "advert",
    "sponsor",
    "popup",
    "modal",
    "signup",
    "sign-up",
    "paywall",
    "more-stories",
    "morestories",
    "read-more",
    "readmore",
    "most-popular",
    "mostpopular",
    "most-read",
    "trending",
    "skip-link",
    "skiplink",
    "print-only",
    "teaserlist",
    "teaser-list",
    "further-reading",
    "weitere",
    "empfehlung",
    "newsticker",
    "author-bio",
    "authorbio",
    "author-box",
    "autorbox",
    "tag-list",
    "taglist",
    "tags-list",
    "pagination",
    "pager",
    "rating",
    "feedback",
    "next-article",
    "prev-next",
    "recirc",
];

const UNLIKELY: &[&str] = &[
    "banner",
    "combx",
    "community",
    "cover-wrap",
    "extra",
    "footer",
    "header",
    "legends",
    "menu",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "agegate",
    "masthead",
    "navbar",
    "navigation",
    "toolbar",
    "widget",
    "teaser",
    "byline",
    "dateline",
    "login",
    "overlay",
    "hidden",
];

const UNLIKELY_TOKENS: &[&str] = &[
    "ad", "ads", "nav", "tags", "tag", "aside", "meta", "share", "icons", "survey", "contact",
];

const MAYBE: &[&str] = &[
    "article", "body", "column", "content", "main", "shadow", "story",
];

const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
    "blog", "story", "artikel", "beitrag", "inhalt", "meldung", "richtext", "prose",
];

const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "foot",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "tool",
    "widget",
    "teaser",
    "social",
    "byline",
    "author",
    "caption",
    "credit",
    "newsletter",
    "subscri",
    "nav",
    "menu",
];

const C_STRONG: u8 = 1;
const C_UNLIKELY: u8 = 2;
const C_MAYBE: u8 = 4;
const C_POSITIVE: u8 = 8;
const C_NEGATIVE: u8 = 16;

/// All class/id keywords in one automaton: one pass over a class string finds every category.
struct Keywords {
    ac: aho_corasick::AhoCorasick,
    cats: Vec<u8>,
}

static KEYWORDS: std::sync::LazyLock<Option<Keywords>> = std::sync::LazyLock::new(|| {
    let mut words: Vec<&str> = Vec::new();
    let mut cats: Vec<u8> = Vec::new();
    for (list, c) in [
        (STRONG, C_STRONG),
        (UNLIKELY, C_UNLIKELY),
        (MAYBE, C_MAYBE),
        (POSITIVE, C_POSITIVE),
        (NEGATIVE, C_NEGATIVE),
    ] {
        for w in list {
            match words.iter().position(|x| x == w) {
                Some(i) => cats[i] |= c,
                None => {
                    words.push(w);
                    cats.push(c);
                }
            }
        }
    }
    let ac = aho_corasick::AhoCorasick::new(&words).ok()?;
    Some(Keywords { ac, cats })
});

/// The keyword categories found in a lowercase class or id string.
fn categories(s: &str) -> u8 {
    let Some(k) = KEYWORDS.as_ref() else {
        return 0;
    };
    let mut c = 0;
    for m in k.ac.find_overlapping_iter(s) {
        c |= k.cats[m.pattern().as_usize()];
    }
    c
}

fn weigh(s: &str, cats: u8) -> i32 {
    if s.is_empty() {
        return 0;
    }
    let mut w = 0;
    if cats & C_NEGATIVE != 0 || tokens(s).any(|t| matches!(t, "ad" | "ads")) {
        w -= 25;
    }
    if cats & C_POSITIVE != 0 {
        w += 25;
    }
    w
}

/// Lowercase without an allocation when it already is (most class names are).
fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(s.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn hints(class: &str, id: &str) -> Hints {
    finish_hints(hints_part(class), hints_part(id))
}

/// The hints of one class or id string, before the rules that look at both.
fn hints_part(s: &str) -> (Hints, bool) {
    let mut h = Hints::default();
    if s.is_empty() {
        return (h, false);
    }
    let s = &*lower(s);
    let cats = categories(s);
    h.weight += weigh(s, cats);
    h.strong |= cats & C_STRONG != 0;
    h.unlikely |= cats & C_UNLIKELY != 0 || tokens(s).any(|t| UNLIKELY_TOKENS.contains(&t));
    h.maybe |= cats & C_MAYBE != 0;
    for t in tokens(s) {
        match t {
            "byline" | "author" | "authors" | "autor" | "autoren" | "writer" | "dateline"
            | "meta" | "timestamp" | "date" | "datum" | "time" | "published" | "posted"
            | "info" | "credits" | "source" | "quelle" | "reading" => h.meta = true,
            "kicker" | "dachzeile" | "overline" | "topline" | "roofline" | "eyebrow"
            | "supertitle" | "spitzmarke" | "headline__kicker" | "rubrik" => h.kicker = true,
            "lead" | "lede" | "intro" | "standfirst" | "dek" | "deck" | "excerpt" | "abstract"
            | "summary" | "vorspann" | "einleitung" | "teasertext" | "subline" | "sapo"
            | "chapo" | "description" | "subheadline" | "subtitle" => h.lead = true,
            _ => {}
        }
        if t.starts_with("byline") || t.starts_with("author") || t.starts_with("autor") {
            h.author = true;
        }
        if matches!(
            t,
            "date" | "datum" | "time" | "published" | "pubdate" | "timestamp"
        ) || t.ends_with("date")
            || t.starts_with("date")
        {
            h.date = true;
        }
        if t.contains("caption")
            || matches!(
                t,
                "credit" | "credits" | "copyright" | "bildnachweis" | "bildunterschrift"
            )
        {
            h.caption = true;
        }
        if t.starts_with("kicker") || t.ends_with("kicker") {
            h.kicker = true;
        }
    }
    if s.contains("teaser-text") || s.contains("teaser__text") || s.contains("teaser_text") {
        h.lead = true;
    }
    (h, s.contains("embed"))
}

fn finish_hints((a, a_embed): (Hints, bool), (b, b_embed): (Hints, bool)) -> Hints {
    let mut h = Hints {
        weight: a.weight + b.weight,
        unlikely: a.unlikely | b.unlikely,
        strong: a.strong | b.strong,
        maybe: a.maybe | b.maybe,
        meta: a.meta | b.meta,
        kicker: a.kicker | b.kicker,
        lead: a.lead | b.lead,
        caption: a.caption | b.caption,
        author: a.author | b.author,
        date: a.date | b.date,
    };
    if h.author {
        h.meta = true;
    }
    // an embedded post ("social-media-embed") is quoted in the text, not a share bar
    if a_embed || b_embed {
        h.strong = false;
        h.unlikely = false;
        h.weight = h.weight.max(0);
    }
    h
}

/// One element of the page, in document order.
struct El<'a> {
    el: ElementRef<'a>,
    name: &'a str,
    parent: u32,
    /// One past the last descendant's index.
    end: u32,
    hints: Hints,
    own_text: u32,
    own_commas: u32,
    own_embeds: u32,
    block_child: bool,
    agg: Agg,
}

/// Sums over a subtree (removed parts excluded).
#[derive(Clone, Copy, Default, Debug)]
struct Agg {
    text: u32,
    link: u32,
    commas: u32,
    p_text: u32,
    p: u32,
    img: u32,
    li: u32,
    input: u32,
    embed: u32,
    heading: u32,
}

impl Agg {
    fn add(&mut self, o: &Agg) {
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
    fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link as f32 / self.text as f32
        }
    }
}

fn is_heading(n: &str) -> bool {
    matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The attributes the extraction reads, found in one scan over an element's attributes.
#[derive(Default)]
struct Attrs<'a> {
    class: &'a str,
    id: &'a str,
    itemprop: Option<&'a str>,
    role: Option<&'a str>,
    hidden: bool,
}

fn attrs<'a>(e: &'a scraper::node::Element) -> Attrs<'a> {
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

/// `display: none` or `visibility: hidden` in a style attribute.
fn hidden_style(style: &str) -> bool {
    if !style.contains("none") && !style.contains("hidden") {
        return false;
    }
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// Classes of text that is not on the page until the reader hovers (the card of a hover card or a
/// tooltip, not its trigger) or that only screen readers get ("sr-only", "visually-hidden").
fn hidden_class(class: &str) -> bool {
    let c = lower(class);
    if [
        "sr-only",
        "visually-hidden",
        "visuallyhidden",
        "screen-reader-text",
        "screenreader-only",
        "tooltiptext",
        "hovercard",
        "hover-card",
    ]
    .iter()
    .any(|w| {
        c.split_ascii_whitespace()
            .any(|t| t == *w || t.strip_suffix(w).is_some_and(|head| head.ends_with("__")))
    }) {
        return true;
    }
    c.split_ascii_whitespace().any(|t| {
        let parts: Vec<&str> = tokens(t).collect();
        parts
            .iter()
            .any(|p| matches!(*p, "tooltip" | "popover" | "rollover" | "hovercard"))
            && parts.iter().any(|p| {
                matches!(
                    *p,
                    "block" | "card" | "content" | "body" | "box" | "panel" | "inner" | "text"
                )
            })
    })
}

/// Text length in characters as the reader sees it (whitespace runs count once) and commas.
fn measure(t: &str) -> (u32, u32) {
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
struct Page<'a> {
    els: Vec<El<'a>>,
    meta: PageMeta,
    /// Hidden elements (styled away, hover cards): never scored, never written out.
    hidden: Vec<ego_tree::NodeId>,
    /// The first element with `itemprop="datePublished"`.
    date_prop: Option<u32>,
}

fn build(doc: &Html) -> Page<'_> {
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
fn aggregate(els: &mut [El<'_>], removed: &[bool]) {
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
    for i in (0..els.len()).rev() {
        if removed[i] {
            continue;
        }
        let e = &mut els[i];
        match e.name {
            "a" => e.agg.link = e.agg.text,
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

#[derive(Clone, Copy)]
struct Flags {
    strip_unlikely: bool,
    clean: bool,
}

/// Phrases that head a list of other articles.
const TEASER_HEADINGS: &[&str] = &[
    "weitere meldungen",
    "weitere artikel",
    "weitere beiträge",
    "weitere nachrichten",
    "weitere themen",
    "mehr zum thema",
    "mehr zu diesem thema",
    "mehr aus",
    "mehr von",
    "mehr artikel",
    "mehr nachrichten",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "auch interessant",
    "lesen sie auch",
    "lesen sie mehr",
    "ähnliche artikel",
    "ähnliche beiträge",
    "verwandte artikel",
    "zum thema",
    "themen",
    "schlagworte",
    "schlagwörter",
    "kommentare",
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related content",
    "related coverage",
    "read more",
    "read next",
    "read this next",
    "more from",
    "more stories",
    "more on this",
    "more news",
    "more in",
    "more like this",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "recent articles",
    "recent posts",
    "popular this week",
    "popular now",
    "neueste artikel",
    "meistgelesen",
    "beliebte artikel",
    "most popular",
    "most read",
    "popular",
    "trending",
    "top stories",
    "latest news",
    "latest stories",
    "also read",
    "see also",
    "further reading",
    "comments",
    "leave a reply",
    "leave a comment",
    "share this",
    "share this article",
    "tags",
    "topics",
    "newsletter",
    "sign up",
    "about the author",
    "über den autor",
    "über die autorin",
];

fn is_teaser_heading(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches([':', '.', '…', '›', '»', '>', ' '])
        .to_lowercase();
    if t.is_empty() || t.chars().count() > 60 {
        return false;
    }
    TEASER_HEADINGS.iter().any(|h| {
        t == *h
            || t.strip_prefix(h).is_some_and(|rest| {
                rest.starts_with(':')
                    || (PREFIX_HEADINGS.contains(h)
                        && rest.starts_with(' ')
                        && t.split_whitespace().count() <= 6)
            })
    })
}

/// Teaser headings that go on with a name: "Mehr aus Nordheim", "More from Local".
const PREFIX_HEADINGS: &[&str] = &[
    "mehr aus",
    "mehr von",
    "mehr zu",
    "more from",
    "more in",
    "more on",
    "more about",
    "weitere meldungen",
    "weitere artikel",
    "weitere beiträge",
    "weitere nachrichten",
    "related articles",
    "related stories",
    "related posts",
    "latest news",
    "top stories",
    "read more",
    "also read",
];

/// "About Ascom", "Über die Stadtwerke": the boilerplate section closing a press release.
fn is_about_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches([':', '.']).to_lowercase();
    let words = t.split_whitespace().count();
    (2..=5).contains(&words)
        && ["about ", "über ", "ueber "]
            .iter()
            .any(|p| t.starts_with(p))
}

/// The outcome of one extraction pass.
struct Pass {
    roots: Vec<u32>,
    removed: Vec<bool>,
}

fn ancestors<'s>(els: &'s [El<'_>], i: u32) -> impl Iterator<Item = u32> + 's {
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

fn is_ancestor(els: &[El<'_>], a: u32, d: u32) -> bool {
    a <= d && d < els[a as usize].end
}

fn children<'s>(els: &'s [El<'_>], i: u32) -> impl Iterator<Item = u32> + 's {
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

fn run_pass(els: &mut [El<'_>], flags: Flags) -> Option<Pass> {
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

    if flags.clean {
        clean(els, &roots, &mut removed, &score);
    }
    Some(Pass { roots, removed })
}

/// Removes link lists, teaser sections, widgets and meta boxes inside the chosen content.
fn clean(els: &[El<'_>], roots: &[u32], removed: &mut [bool], score: &[f32]) {
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
            } else if e.name == "h1" {
                true
            } else if is_heading(e.name) {
                let t = inline_text(e.el);
                let teaser = is_teaser_heading(&t);
                let about = !teaser && is_about_heading(&t);
                if teaser || about {
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
                            if (pe.agg.text as f32 / content as f32) < 0.3
                                && !is_ancestor(els, p, r)
                                && is_ancestor(els, r, p)
                            {
                                removed[p as usize] = true;
                            }
                        }
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
                    h.weight < 0 || ld > 0.33
                }
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

/// Whether element `j` sits inside a `<figure>` (a few levels up at most).
fn in_figure(els: &[El<'_>], j: u32) -> bool {
    ancestors(els, j)
        .take(6)
        .any(|a| els[a as usize].name == "figure")
}

/// readability's conditional cleaning of a container inside the content.
fn conditional(e: &El<'_>, score: f32, share: f32) -> bool {
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

fn blocks_of(els: &[El<'_>], pass: &Pass, hidden: &[NodeId], base: Option<&Url>) -> Vec<Block> {
    let mut drop: HashSet<NodeId> = hidden.iter().copied().collect();
    for &r in &pass.roots {
        for j in r + 1..els[r as usize].end {
            let ji = j as usize;
            let p = els[ji].parent;
            if pass.removed[ji] && (p == NONE || !pass.removed[p as usize]) {
                drop.insert(els[ji].el.id());
            }
        }
    }
    let mut b = html::Builder::new(base);
    b.keep = Some(Box::new(move |e| !drop.contains(&e.id())));
    for &r in &pass.roots {
        b.element(els[r as usize].el, 0);
        b.flush();
    }
    b.finish()
}

fn text_len(blocks: &[Block]) -> usize {
    blocks.iter().map(|b| b.text().chars().count()).sum()
}

/// Single lines that are never article text.
fn is_junk_line(t: &str) -> bool {
    // more than 240 bytes is more than 60 characters: no need to lowercase a whole paragraph
    if t.trim().len() > 240 {
        return false;
    }
    let l = t.trim().trim_end_matches([':', '.']).to_lowercase();
    if l.chars().count() > 60 {
        return false;
    }
    matches!(
        l.as_str(),
        "advertisement"
            | "anzeige"
            | "werbung"
            | "ad"
            | "share"
            | "teilen"
            | "share this"
            | "share this article"
            | "share on facebook"
            | "share on twitter"
            | "tweet"
            | "print"
            | "drucken"
            | "email"
            | "e-mail"
            | "comments"
            | "kommentare"
            | "story continues below advertisement"
            | "article continues below advertisement"
            | "continue reading below"
            | "scroll to continue with content"
            | "loading"
            | "loading…"
            | "skip to content"
            | "zum inhalt springen"
            | "back to top"
            | "nach oben"
            | "zurück"
            | "zurück zur übersicht"
            | "mehr"
            | "mehr…"
            | "weiterlesen"
            | "read more"
    ) || is_teaser_heading(&l) && l.split_whitespace().count() <= 5
}

/// A paragraph that points elsewhere: "Read more: …", "SEE ALSO: …", "Lesen Sie auch: …", "Image 2 of 5".
fn is_pointer_line(t: &str) -> bool {
    let t = t.trim();
    if t.chars().count() > 200 {
        return false;
    }
    let lower = t.to_lowercase();
    const PREFIXES: [&str; 16] = [
        "read more:",
        "see more:",
        "see also:",
        "also read:",
        "related:",
        "more:",
        "watch:",
        "read next:",
        "recommended:",
        "don't miss",
        "lesen sie auch:",
        "lesen sie mehr:",
        "mehr zum thema:",
        "auch interessant:",
        "siehe auch:",
        "weiterlesen:",
    ];
    if PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    let w: Vec<&str> = lower.split_whitespace().collect();
    w.len() == 4
        && matches!(w[0], "image" | "photo" | "picture" | "bild" | "foto")
        && matches!(w[2], "of" | "von" | "/")
        && w[1].chars().all(|c| c.is_ascii_digit())
        && w[3].chars().all(|c| c.is_ascii_digit())
}

/// A short paragraph that advertises the publication rather than telling the story.
fn is_promo_line(t: &str) -> bool {
    if t.chars().count() > 300 {
        return false;
    }
    let l = t.to_lowercase();
    [
        "newsletter",
        "sign up",
        "subscribe",
        "follow us",
        "abonnieren",
        "folgen sie uns",
        "delivered to your inbox",
        "in ihr postfach",
        "this slideshow requires javascript",
        "all rights reserved",
        "alle rechte vorbehalten",
        "copyright",
        "©",
    ]
    .iter()
    .any(|w| l.contains(w))
        || (l.starts_with("follow ") || l.contains(" follow "))
            && ["twitter", "facebook", "instagram", "linkedin", "youtube"]
                .iter()
                .any(|s| l.contains(s))
        || (l.starts_with("write to ") || l.starts_with("reach ") || l.starts_with("contact "))
            && l.contains('@')
}

/// A short line that only dates or signs the article: "Published November 20th, 2019 - 07:29 GMT",
/// "Posted on March 30, 2015 by Admin", "11 октября 2018", "Tempo de leitura: 2 minutos".
fn is_dateline(t: &str) -> bool {
    let t = t.trim();
    if t.chars().count() > 100 {
        return false;
    }
    let l = t.to_lowercase();
    // "Interview: Lena Sommer, 20.02.2026" is a credit the interview recognition reads
    if ["interview", "gespräch", "fragen", "questions"]
        .iter()
        .any(|w| l.contains(w))
    {
        return false;
    }
    let words = l.split_whitespace().count();
    let year = l
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    let reading_time = l.contains("min read")
        || l.contains("lesezeit")
        || l.contains("reading time")
        || l.contains("tempo de leitura");
    reading_time
        || (date::find_date(t).is_some() && words <= 12)
        || (year && words <= 8 && !t.ends_with('.'))
        || [
            "published",
            "posted",
            "updated",
            "veröffentlicht",
            "aktualisiert",
            "stand:",
        ]
        .iter()
        .any(|p| l.starts_with(p))
            && words <= 14
}

/// A line of article metadata: at least two of date, author, category and tags labels
/// ("05/10/2018 - Publicado por: A. Autor - Categoria: Saúde - Tags: …").
fn is_meta_line(t: &str) -> bool {
    if t.chars().count() > 250 || t.trim_end().ends_with('.') && t.split_whitespace().count() > 12 {
        return false;
    }
    let l = t.to_lowercase();
    const LABELS: [&[&str]; 4] = [
        &[
            "posted by",
            "published by",
            "written by",
            "publicado por",
            "escrito por",
            "veröffentlicht von",
            "geschrieben von",
            "publié par",
            "autor:",
            "author:",
            "por:",
        ],
        &[
            "category:",
            "categories:",
            "categoria:",
            "categorias:",
            "kategorie:",
            "kategorien:",
            "catégorie:",
            "categoría:",
            "rubrik:",
            "filed under",
        ],
        &[
            "tags:",
            "tagged",
            "schlagwörter:",
            "schlagworte:",
            "stichwörter:",
            "etiquetas:",
            "marcadores:",
            "tópicos:",
            "mots-clés:",
        ],
        &[
            "comments",
            "kommentare",
            "comentários",
            "comentarios",
            "commentaires",
        ],
    ];
    let kinds = LABELS
        .iter()
        .filter(|ws| ws.iter().any(|w| l.contains(w)))
        .count();
    kinds + usize::from(date::find_date(t).is_some()) >= 2
}

/// A block that only lists the article's tags: "Tags\na, b, c", "Schlagwörter: x, y".
fn is_tag_block(t: &str) -> bool {
    let t = t.trim();
    let first = t.lines().next().unwrap_or("").trim();
    let head = first.split(':').next().unwrap_or("").trim().to_lowercase();
    matches!(
        head.as_str(),
        "tags"
            | "tagged"
            | "tagged with"
            | "schlagwörter"
            | "schlagworte"
            | "stichwörter"
            | "etiquetas"
            | "marcadores"
            | "tópicos"
            | "mots-clés"
            | "themen"
            | "topics"
    ) && (first.contains(':') || t.contains('\n'))
        && t.chars().count() < 600
}

/// A paragraph that is only an e-mail address or a profile link: "jane.doe@example.com",
/// "twitter.com/janedoe".
fn is_contact_line(t: &str) -> bool {
    let t = t.trim();
    if t.contains(char::is_whitespace) || t.chars().count() > 80 {
        return false;
    }
    let l = t.to_lowercase();
    let at = l.find('@');
    at.is_some_and(|i| i > 0 && l[i..].contains('.'))
        || [
            "twitter.com/",
            "x.com/",
            "facebook.com/",
            "instagram.com/",
            "linkedin.com/",
        ]
        .iter()
        .any(|s| {
            l.trim_start_matches("https://")
                .trim_start_matches("www.")
                .starts_with(s)
        })
}

/// Drops a leading (or trailing) line of a paragraph that is a date or meta line, marks kept in step.
fn trim_meta_lines(b: &mut Block, first: bool) {
    let Block::Paragraph { text, marks } = b else {
        return;
    };
    let cut = if first {
        text.find('\n').and_then(|i| {
            let line = &text[..i];
            (is_meta_line(line) || is_dateline(line) && date::find_date(line).is_some())
                .then_some((0, i + 1))
        })
    } else {
        text.rfind('\n').and_then(|i| {
            let line = &text[i + 1..];
            is_meta_line(line).then_some((i, text.len()))
        })
    };
    let Some((a, z)) = cut else {
        return;
    };
    let n = z - a;
    text.replace_range(a..z, "");
    marks.retain(|m| m.end <= a || m.start >= z);
    for m in marks.iter_mut() {
        if m.start >= z {
            m.start -= n;
            m.end -= n;
        }
    }
}

fn norm_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

fn same_text(a: &str, b: &str) -> bool {
    norm_chars(a).next().is_some() && norm_chars(a).eq(norm_chars(b))
}

/// `b` starts with `a` (ignoring case, punctuation and a trailing ellipsis on `a`), `a` long enough.
fn starts_alike(long: &str, short: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let short = short.trim().trim_end_matches(['…', '.', ' ']);
    let (l, s) = (norm(long), norm(short));
    s.chars().count() >= 30 && l.starts_with(&s)
}

/// Strips a site name from a page title: "Titel – Magazin", "Title | Site", "Site: Title".
fn strip_site(title: &str, site: Option<&str>, host: Option<&str>) -> String {
    let t = normalize_space(title);
    let seps = [
        " | ", " – ", " — ", " - ", " :: ", " · ", " « ", " » ", " • ", " / ",
    ];
    let is_site = |s: &str| {
        let s = s.trim().to_lowercase();
        if s.is_empty() {
            return false;
        }
        let compact: String = s.chars().filter(|c| c.is_alphanumeric()).collect();
        site.is_some_and(|x| {
            let x = x.to_lowercase();
            x == s || x.contains(&s) || s.contains(&x)
        }) || host
            .is_some_and(|h| !compact.is_empty() && h.replace(['.', '-'], "").contains(&compact))
    };
    for sep in seps {
        if let Some((head, tail)) = t.rsplit_once(sep) {
            let words_tail = tail.split_whitespace().count();
            let words_head = head.split_whitespace().count();
            let genre = matches!(
                tail.trim().to_lowercase().as_str(),
                "interview"
                    | "kommentar"
                    | "analyse"
                    | "update"
                    | "live"
                    | "video"
                    | "podcast"
                    | "review"
                    | "opinion"
                    | "analysis"
                    | "essay"
                    | "porträt"
                    | "reportage"
            );
            if is_site(tail) || (words_tail <= 3 && words_head >= 2 && !genre) {
                return strip_site(head, site, host);
            }
        }
        if let Some((head, tail)) = t.split_once(sep) {
            if is_site(head) && !tail.trim().is_empty() {
                return tail.trim().to_string();
            }
        }
    }
    t
}

/// Extracts the article of an HTML page and recognises interviews in it.
pub fn extract(page: &str, url: Option<&Url>) -> Article {
    let mut article = reader(page, url);
    crate::interview::recognize(&mut article);
    article
}

/// Reader mode without interview recognition: metadata and the main text as plain blocks
/// (paragraphs keep their bold/italic/link marks).
pub fn reader(page: &str, url: Option<&Url>) -> Article {
    // scripts and style sheets are never read (JSON-LD is kept): html5ever need not walk them
    let doc = Html::parse_document(&super::rawtext::strip_scripts_and_styles(page));
    let Page {
        mut els,
        meta,
        hidden: hidden_ids,
        date_prop,
    } = build(&doc);
    let base = page_base(&doc, url);
    let base_ref = base.as_ref().or(url);

    let first = run_pass(
        &mut els,
        Flags {
            strip_unlikely: true,
            clean: true,
        },
    );
    let mut chosen = first.map(|p| {
        let b = blocks_of(&els, &p, &hidden_ids, base_ref);
        (p, b)
    });
    if chosen.as_ref().is_none_or(|(_, b)| text_len(b) < 500) {
        if let Some(p) = run_pass(
            &mut els,
            Flags {
                strip_unlikely: false,
                clean: true,
            },
        ) {
            let b = blocks_of(&els, &p, &hidden_ids, base_ref);
            if chosen
                .as_ref()
                .is_none_or(|(_, old)| text_len(&b) > text_len(old) * 2)
            {
                chosen = Some((p, b));
            }
        }
    }
    // the figures of the last pass must match the chosen one: recompute for it
    let (pass, mut blocks) = match chosen {
        Some(x) => x,
        None => (
            Pass {
                roots: Vec::new(),
                removed: vec![false; els.len()],
            },
            Vec::new(),
        ),
    };

    let mut article = Article::default();
    let host = url.and_then(|u| u.host_str()).map(|h| h.to_string());
    let content_start = pass.roots.first().copied().unwrap_or(0);
    let content_end = pass
        .roots
        .last()
        .map(|&r| els[r as usize].end)
        .unwrap_or(els.len() as u32);

    // title: the article's h1 (the last before the content or the first inside it)
    let h1 = {
        let mut before = None;
        let mut inside = None;
        for (i, e) in els.iter().enumerate() {
            let i = i as u32;
            if e.name != "h1" || e.agg.text == 0 {
                continue;
            }
            if i < content_start {
                before = Some(i);
            } else if i < content_end && inside.is_none() {
                inside = Some(i);
            }
        }
        let any = els.iter().position(|e| e.name == "h1").map(|i| i as u32);
        inside.or(before).or(any)
    };
    let site = meta.source();
    let mut kicker = None;
    let mut title = None;
    if let Some(h) = h1 {
        let (k, t) = h1_parts(els[h as usize].el);
        let t = normalize_space(&t);
        let is_logo = site.as_deref().is_some_and(|s| same_text(s, &t));
        if t.chars().count() >= 3 && !is_logo {
            title = Some(t);
            kicker = k;
        }
    }
    let og_title = meta
        .og_title
        .clone()
        .or_else(|| meta.twitter_title.clone())
        .or_else(|| meta.ld.headline.clone());
    if title.is_none() {
        title = og_title
            .as_deref()
            .map(|t| strip_site(t, site.as_deref(), host.as_deref()))
            .or_else(|| {
                meta.html_title
                    .as_deref()
                    .map(|t| strip_site(t, site.as_deref(), host.as_deref()))
            });
    }
    article.title = title.unwrap_or_default();

    // kicker: a hinted element just before the title or inside its header
    if kicker.is_none() {
        if let Some(h) = h1 {
            let hp = els[h as usize].parent;
            let scope = if hp != NONE {
                els[hp as usize].parent
            } else {
                NONE
            };
            let lo = if scope != NONE {
                scope
            } else {
                h.saturating_sub(20)
            };
            let hi = if scope != NONE {
                els[scope as usize].end.min(h + 40)
            } else {
                h + 10
            };
            for i in lo..hi.min(els.len() as u32) {
                let e = &els[i as usize];
                if e.hints.kicker && e.agg.text > 0 && e.agg.text <= 100 {
                    let t = inline_text(e.el);
                    if !t.is_empty() && !same_text(&t, &article.title) {
                        kicker = Some(t);
                        break;
                    }
                }
            }
        }
    }
    // the kicker is metadata: not also a block near the top
    if let Some(k) = &kicker {
        if let Some(pos) = blocks.iter().take(4).position(|b| {
            matches!(b, Block::Paragraph { .. } | Block::Heading { .. }) && same_text(&b.text(), k)
        }) {
            blocks.remove(pos);
        }
    }
    article.kicker = kicker;

    // lead: a hinted element after the title, before or at the start of the body
    let mut lead_el = None;
    let from = h1.unwrap_or(0);
    for i in from..content_end.min(els.len() as u32) {
        let e = &els[i as usize];
        if !e.hints.lead || e.hints.strong || e.agg.text < 30 || e.agg.text > 1500 {
            continue;
        }
        // inside removed boilerplate (a teaser list, a sidebar) it is not this article's lead
        if e.parent != NONE && pass.removed[e.parent as usize] && i >= content_start {
            continue;
        }
        if pass
            .roots
            .iter()
            .any(|&r| (i < r || pass.roots.len() == 1) && is_ancestor(&els, i, r))
        {
            continue;
        }
        if matches!(e.name, "ul" | "ol" | "li" | "a" | "h1" | "meta") {
            continue;
        }
        let lt = inline_text(e.el);
        if same_text(&lt, &article.title) || is_dateline(&lt) || is_meta_line(&lt) {
            continue;
        }
        lead_el = Some(i);
        break;
    }
    if let Some(i) = lead_el {
        let t = inline_text(els[i as usize].el);
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
            !is_junk_line(text) && !is_pointer_line(text) && !same_text(text, &title_text)
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

    let mut dateline_date: Option<String> = None;
    // byline: meta, JSON-LD, rel=author, hinted element, a "Von …"/"By …" line
    let mut byline = meta.author.clone().or_else(|| meta.ld.author.clone());
    if byline.is_none() {
        byline = els
            .iter()
            .find(|e| {
                e.name == "a"
                    && e.el
                        .value()
                        .attr("rel")
                        .is_some_and(|r| r.split_whitespace().any(|x| x == "author"))
            })
            .map(|e| inline_text(e.el))
            .filter(|t| meta::plausible_name(t));
    }
    if byline.is_none() {
        byline = els
            .iter()
            .filter(|e| e.hints.author && e.agg.text > 2 && e.agg.text < 120)
            .map(|e| clean_byline(&inline_text(e.el)))
            .find(|t| meta::plausible_name(t));
    }
    for pos in [0usize, 1, usize::MAX] {
        let idx = if pos == usize::MAX {
            blocks.len().saturating_sub(1)
        } else {
            pos
        };
        if let Some(Block::Paragraph { text, .. }) = blocks.get(idx) {
            if let Some(name) = by_line(text) {
                if byline.is_none() {
                    byline = Some(name);
                }
                blocks.remove(idx);
                break;
            }
        }
    }
    article.byline = byline;
    // date lines at the start or the end
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
    let mut published = meta.published.clone().or_else(|| meta.ld.published.clone());
    if published.is_none() {
        published = date_prop.and_then(|i| {
            let e = &els[i as usize];
            let v = e.el.value();
            v.attr("content")
                .or_else(|| v.attr("datetime"))
                .and_then(date::parse_date)
                .or_else(|| date::find_date(&inline_text(e.el)))
        });
    }
    if published.is_none() {
        let times: Vec<usize> = (0..els.len()).filter(|&i| els[i].name == "time").collect();
        let pick = times
            .iter()
            .find(|&&i| els[i].el.value().attr("pubdate").is_some())
            .or_else(|| {
                times
                    .iter()
                    .find(|&&i| !pass.removed.get(i).copied().unwrap_or(true))
            })
            .or(times.first())
            .map(|&i| &els[i]);
        published = pick.and_then(|e| {
            e.el.value()
                .attr("datetime")
                .and_then(date::parse_date)
                .or_else(|| date::find_date(&inline_text(e.el)))
        });
    }
    if published.is_none() {
        published = els
            .iter()
            .filter(|e| e.hints.date && e.agg.text > 5 && e.agg.text < 120)
            .find_map(|e| date::find_date(&inline_text(e.el)));
    }
    if published.is_none() {
        published = dateline_date;
    }
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

    // the last resort: JSON-LD articleBody
    if let Some(body) = meta.ld.body.as_deref() {
        let have = text_len(&blocks) + article.lead.as_deref().map_or(0, |l| l.chars().count());
        let ld_len = body.chars().count();
        if ld_len > 300 && have * 2 < ld_len {
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
    article.source = site;
    tidy_images(&mut blocks, &article.title);
    article.blocks = blocks;
    article
}

/// Image blocks as a reader wants them: the caption when there is one (the alt text repeats it or
/// describes what the caption already says), descriptive alt text otherwise; file names, empty
/// and duplicate images go.
fn tidy_images(blocks: &mut Vec<Block>, title: &str) {
    let mut seen: HashSet<String> = HashSet::new();
    let mut texts: HashSet<String> = HashSet::new();
    blocks.retain_mut(|b| {
        let Block::Image { alt, caption, src } = b else {
            return true;
        };
        // only a picture the page captions is kept: alt text is not on the page for readers, and
        // in a terminal there is no picture for it to stand in for (mostly it repeats the title or
        // names the product in the picture)
        let Some(c) = caption.as_deref().filter(|c| !c.trim().is_empty()) else {
            return false;
        };
        alt.clear();
        if same_text(c, title) {
            return false;
        }
        let key = src.clone().unwrap_or_else(|| c.to_string());
        // the same caption under a second copy of the picture (a gallery, a lightbox) once only
        seen.insert(key) && texts.insert(normalize_space(c).to_lowercase())
    });
}

/// `<base href>` resolved against the page URL.
fn page_base(doc: &Html, url: Option<&Url>) -> Option<Url> {
    // one flat walk over the node arena, no selector matching
    let href = doc.tree.nodes().find_map(|n| match n.value() {
        Node::Element(e) if e.name() == "base" => e.attr("href"),
        _ => None,
    })?;
    match url {
        Some(u) => u.join(href).ok(),
        None => Url::parse(href).ok(),
    }
}

/// The kicker (a leading span) and the title of an h1.
fn h1_parts(h1: ElementRef<'_>) -> (Option<String>, String) {
    let full = inline_text(h1);
    let mut kids = h1.children().filter(|c| match c.value() {
        Node::Text(t) => !t.trim().is_empty(),
        Node::Element(_) => true,
        _ => false,
    });
    let first = kids.next();
    let rest_exists = kids.next().is_some();
    if let (Some(f), true) = (first.and_then(ElementRef::wrap), rest_exists) {
        if matches!(
            f.value().name(),
            "span" | "small" | "em" | "strong" | "b" | "i" | "div"
        ) {
            let k = inline_text(f);
            let h = hints(
                f.value().attr("class").unwrap_or(""),
                f.value().attr("id").unwrap_or(""),
            );
            let rest = full
                .strip_prefix(&k)
                .map(|r| r.trim_start_matches([':', ' ', '–', '-', '|']));
            if let Some(rest) = rest {
                let short = k.chars().count() <= 60 && rest.chars().count() > k.chars().count();
                if !k.is_empty()
                    && !rest.is_empty()
                    && (h.kicker
                        || (short
                            && h.weight >= 0
                            && k.split_whitespace().count() <= 5
                            && f.value().attr("class").is_some()))
                {
                    return (Some(k), rest.to_string());
                }
            }
        }
    }
    (None, full)
}

/// "Von Anna Beispiel" / "By Jane Doe" as a line of its own: the name.
fn by_line(text: &str) -> Option<String> {
    let t = text.trim();
    let words = t.split_whitespace().count();
    if !(2..=10).contains(&words) || t.chars().count() > 90 {
        return None;
    }
    let lower = t.to_lowercase();
    let prefixed = [
        "von ",
        "by ",
        "text: ",
        "text von ",
        "autor: ",
        "autorin: ",
        "written by ",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    if !prefixed {
        return None;
    }
    let name = clean_byline(t);
    let words: Vec<&str> = name.split_whitespace().collect();
    let name_like = !words.is_empty()
        && words.len() <= 6
        && words.iter().all(|w| {
            matches!(
                *w,
                "und" | "and" | "von" | "van" | "de" | "der" | "den" | "zu" | "&"
            ) || w.chars().next().is_some_and(char::is_uppercase)
        });
    (name_like && meta::plausible_name(&name)).then_some(name)
}

/// A byline box's text down to the names: no "Von", no date, no role after a separator.
fn clean_byline(t: &str) -> String {
    let t = normalize_space(t);
    let t = meta::strip_by(&t);
    let mut cut = t.len();
    for sep in [" | ", " · ", " – ", " — ", "\n", " - "] {
        if let Some(p) = t.find(sep) {
            cut = cut.min(p);
        }
    }
    let t = t[..cut].trim();
    let t = meta::strip_by(t);
    t.trim_end_matches([',', ';', ':', '-', '–', '—', '|', ' '])
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_classify() {
        assert!(hints("share-bar", "").strong);
        assert!(hints("c-comments", "").strong);
        assert!(hints("", "sidebar").unlikely);
        assert!(hints("article-body", "").weight > 0);
        assert!(hints("teaser-text", "").lead);
        assert!(hints("dachzeile", "").kicker);
        assert!(hints("article__byline", "").author);
        assert!(!hints("leading", "").lead);
    }

    #[test]
    fn teaser_headings() {
        assert!(is_teaser_heading("Weitere Meldungen"));
        assert!(is_teaser_heading("Mehr zum Thema:"));
        assert!(is_teaser_heading("Related Articles"));
        assert!(!is_teaser_heading("Mehr Personal für die Bürgerämter"));
        assert!(!is_teaser_heading("Related work in the county"));
    }

    #[test]
    fn site_names_are_stripped() {
        assert_eq!(
            strip_site("Neue Bürgerdienste – Magazin", None, None),
            "Neue Bürgerdienste"
        );
        assert_eq!(
            strip_site(
                "Council backs plan | The Daily Example",
                Some("The Daily Example"),
                None
            ),
            "Council backs plan"
        );
        assert_eq!(
            strip_site(
                "Nordheimer Bote: Neue Bürgerdienste",
                Some("Nordheimer Bote"),
                None
            ),
            "Nordheimer Bote: Neue Bürgerdienste"
        );
        assert_eq!(
            strip_site("Anna Beispiel – Interview", None, None),
            "Anna Beispiel – Interview"
        );
    }

    #[test]
    fn bylines() {
        assert_eq!(
            by_line("Von Anna Beispiel").as_deref(),
            Some("Anna Beispiel")
        );
        assert_eq!(
            by_line("By Jane Doe | Staff Writer").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            by_line("Von Anfang an war klar, dass es schwer wird."),
            None
        );
        assert_eq!(
            clean_byline("Von Anna Beispiel · 12. März 2026"),
            "Anna Beispiel"
        );
    }

    #[test]
    fn date_promo_and_pointer_lines() {
        assert!(is_dateline("Published November 20th, 2019 - 07:29 GMT"));
        assert!(is_dateline("Veröffentlicht am 3. Februar 2026"));
        assert!(is_dateline("11 октября 2018"));
        assert!(is_dateline("5 min read"));
        assert!(!is_dateline("Interview: Lena Sommer, 20.02.2026"));
        assert!(!is_dateline(
            "Im Jahr 2019 hat der Kreis die Planung begonnen, und seitdem ist viel passiert."
        ));
        assert!(is_promo_line(
            "Follow Newsbeat on Instagram, Facebook and Twitter."
        ));
        assert!(is_promo_line("© 2026 Kommunal-Digital Verlag"));
        assert!(!is_promo_line(
            "Die Stadt folgt damit dem Beispiel des Kreises."
        ));
        assert!(is_pointer_line(
            "Lesen Sie auch: Neue Cloud für die Verwaltung"
        ));
        assert!(is_pointer_line("Image 2 of 5"));
        assert!(!is_pointer_line("Related work continues in the county."));
        assert!(is_junk_line("Advertisement"));
        assert!(is_junk_line("You may also like..."));
    }

    #[test]
    fn image_blocks_are_tidied() {
        let img = |alt: &str, caption: Option<&str>, src: &str| Block::Image {
            alt: alt.into(),
            caption: caption.map(Into::into),
            src: Some(src.into()),
        };
        let mut blocks = vec![
            img(
                "Das Rathaus",
                Some("Das Rathaus im Frühling. Foto: Stadt"),
                "a.jpg",
            ),
            img("IMG_2041.jpg", None, "b.jpg"),
            img("Foto", None, "c.jpg"),
            img(
                "Two volunteers carry a shopping trolley out of the harbour",
                None,
                "d.jpg",
            ),
            img(
                "Das Rathaus",
                Some("Das Rathaus im Frühling. Foto: Stadt"),
                "a.jpg",
            ),
            img(
                "",
                Some("Das Rathaus im  Frühling. Foto: Stadt"),
                "a-large.jpg",
            ),
            img("", Some("Der Hafen am Abend"), "e.jpg"),
        ];
        tidy_images(&mut blocks, "Titel");
        assert_eq!(blocks.len(), 2, "{blocks:#?}");
        assert_eq!(blocks[0].text(), "Das Rathaus im Frühling. Foto: Stadt");
        assert_eq!(blocks[1].text(), "Der Hafen am Abend");
    }

    #[test]
    fn measure_counts_collapsed_whitespace() {
        assert_eq!(measure("  a,  b \n c "), (7, 1));
    }

    #[test]
    fn hover_cards_and_screen_reader_text_are_hidden() {
        assert!(hidden_class("rollover-people-block"));
        assert!(hidden_class("c-tooltip__content"));
        assert!(hidden_class("sr-only"));
        assert!(hidden_class("Visually-Hidden"));
        // the trigger of a hover card stays: it is the name in the sentence
        assert!(!hidden_class("rollover-people-link"));
        assert!(!hidden_class("rollover-people"));
        assert!(!hidden_class("article-body text"));
    }

    #[test]
    fn meta_tag_and_contact_lines() {
        assert!(is_meta_line(
            "05/10/2018 - Publicado por: Rita Campos - Categoria: Saúde - Tags: bairro"
        ));
        assert!(is_meta_line("Posted by Jo Miller · Filed under: Parks"));
        assert!(!is_meta_line(
            "The council posted the plan on 3 March 2019 and asked residents for comments."
        ));
        assert!(is_meta_line("Comments: 3 · 3 March 2019"));
        assert!(is_tag_block("Tags\nparks, council, budget"));
        assert!(is_tag_block("Schlagwörter: Digitalisierung, Bürgeramt"));
        assert!(!is_tag_block(
            "Tags are what the library uses to sort the books."
        ));
        assert!(is_contact_line("jo.miller@example.org"));
        assert!(is_contact_line("twitter.com/jomiller"));
        assert!(!is_contact_line(
            "Write to jo.miller@example.org with questions."
        ));
    }

    #[test]
    fn meta_line_glued_to_a_paragraph_is_trimmed_with_its_marks() {
        let text =
            "05/10/2018 - Publicado por: Rita Campos - Categoria: Saúde\nA equipe chegou cedo.";
        let start = text.find("equipe").unwrap();
        let mut b = Block::Paragraph {
            text: text.to_string(),
            marks: vec![crate::document::Mark {
                start,
                end: start + "equipe".len(),
                style: crate::document::MarkStyle::Bold,
                href: None,
            }],
        };
        trim_meta_lines(&mut b, true);
        let Block::Paragraph { text, marks } = b else {
            panic!("still a paragraph");
        };
        assert_eq!(text, "A equipe chegou cedo.");
        assert_eq!(&text[marks[0].start..marks[0].end], "equipe");
    }
}

//! HTML elements to [`Block`]s: paragraphs with bold/italic/link marks, headings, lists, quotes,
//! images with captions, preformatted text.
//!
//! The walk is recursive up to [`MAX_DEPTH`]; deeper subtrees are flattened to their text with an
//! iterative traversal, so hostile nesting cannot overflow the stack.

use crate::document::{Block, Mark, MarkStyle};
use scraper::{ElementRef, Html, Node};
use url::Url;

/// Recursion limit of the block walk.
pub const MAX_DEPTH: usize = 200;

/// Elements whose content is never text of the article.
pub fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "head"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "option"
            | "textarea"
            | "button"
            | "input"
            | "audio"
            | "video"
            | "map"
            | "dialog"
    )
}

/// Elements that end the current paragraph.
pub fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "li"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "pre"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "hr"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "fieldset"
            | "hgroup"
            | "body"
            | "html"
    )
}

/// Parses an HTML fragment (e.g. a feed's `content:encoded`) into blocks.
pub fn blocks_from_fragment(html: &str, base: Option<&Url>) -> Vec<Block> {
    // a fragment is parsed on its own (feed bodies, JSON-LD articleBody): flatten hostile nesting
    // first, as for whole pages, or the HTML tree builder turns quadratic
    let html = crate::parse::listing::limit_nesting(html, crate::parse::listing::MAX_NESTING);
    let doc = Html::parse_fragment(&html);
    blocks_from_element(doc.root_element(), base)
}

/// The blocks of everything inside `el`.
pub fn blocks_from_element(el: ElementRef<'_>, base: Option<&Url>) -> Vec<Block> {
    let mut b = Builder::new(base);
    b.children(el, 0);
    b.finish()
}

/// A filter for [`Builder::keep`].
pub type KeepFn<'u> = Box<dyn Fn(ElementRef<'_>) -> bool + 'u>;

/// Collects blocks while walking a subtree. Public so that the extractor can feed it element by
/// element with its own filter.
pub struct Builder<'u> {
    base: Option<&'u Url>,
    pub blocks: Vec<Block>,
    text: String,
    marks: Vec<Mark>,
    space: bool,
    /// Counts paragraph ends, so that a mark spanning one is dropped.
    flushes: usize,
    /// Optional filter: elements for which it returns false are skipped entirely.
    pub keep: Option<KeepFn<'u>>,
}

impl<'u> Builder<'u> {
    pub fn new(base: Option<&'u Url>) -> Self {
        Builder {
            base,
            blocks: Vec::new(),
            text: String::new(),
            marks: Vec::new(),
            space: false,
            flushes: 0,
            keep: None,
        }
    }

    pub fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }

    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                self.space = true;
            } else if c == '\u{ad}' || c == '\u{200b}' {
                // soft hyphen and zero-width space: break opportunities, not text
                continue;
            } else {
                if self.space && !self.text.is_empty() && !self.text.ends_with('\n') {
                    self.text.push(' ');
                }
                self.space = false;
                self.text.push(c);
            }
        }
    }

    fn newline(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.space = false;
    }

    /// Ends the current paragraph.
    pub fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        let marks = std::mem::take(&mut self.marks);
        self.space = false;
        self.flushes += 1;
        let t = text.trim();
        if t.is_empty() {
            return;
        }
        let lead = text.len() - text.trim_start().len();
        let trimmed_end = lead + t.len();
        let marks = marks
            .into_iter()
            .filter_map(|m| {
                let s = m.start.clamp(lead, trimmed_end) - lead;
                let e = m.end.clamp(lead, trimmed_end) - lead;
                if s >= e || !t.is_char_boundary(s) || !t.is_char_boundary(e) {
                    return None;
                }
                // trim whitespace inside the mark
                let inner = &t[s..e];
                let s2 = s + (inner.len() - inner.trim_start().len());
                let e2 = s + inner.trim_end().len();
                (s2 < e2).then_some(Mark {
                    start: s2,
                    end: e2,
                    ..m
                })
            })
            .collect();
        self.blocks.push(Block::Paragraph {
            text: t.to_string(),
            marks,
        });
    }

    pub fn children(&mut self, el: ElementRef<'_>, depth: usize) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.push_text(t),
                Node::Element(_) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        self.element(c, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    fn abs(&self, href: &str) -> Option<String> {
        let href = href.trim();
        if href.is_empty() || href.starts_with('#') {
            return None;
        }
        match self.base {
            Some(b) => b.join(href).ok().map(|u| u.to_string()),
            None => Url::parse(href).ok().map(|u| u.to_string()),
        }
    }

    /// Walks one element.
    pub fn element(&mut self, el: ElementRef<'_>, depth: usize) {
        let name = el.value().name();
        if is_skipped(name) || el.value().attr("hidden").is_some() || aria_hidden(el) {
            return;
        }
        if let Some(keep) = &self.keep {
            if !keep(el) {
                return;
            }
        }
        if depth > MAX_DEPTH {
            // flatten: text only, iteratively
            for d in el.descendants() {
                if let Node::Text(t) = d.value() {
                    self.push_text(t);
                }
            }
            return;
        }
        match name {
            "br" => self.newline(),
            "hr" => self.flush(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let text = inline_text(el);
                if !text.is_empty() {
                    self.blocks.push(Block::Heading {
                        level: name.as_bytes()[1] - b'0',
                        text,
                    });
                }
            }
            "ul" | "ol" => {
                self.flush();
                let mut items = Vec::new();
                list_items(el, 0, &mut items);
                if !items.is_empty() {
                    self.blocks.push(Block::List {
                        ordered: name == "ol",
                        items,
                    });
                }
            }
            "blockquote" => {
                self.flush();
                let mut inner = Builder::new(self.base);
                let mut cite = None;
                for child in el.children() {
                    if let Some(c) = ElementRef::wrap(child) {
                        if matches!(c.value().name(), "cite" | "footer") {
                            let t = inline_text(c);
                            if !t.is_empty() {
                                cite = Some(t.trim_start_matches(['—', '–', '-', ' ']).to_string());
                            }
                            continue;
                        }
                        inner.element(c, depth + 1);
                    } else if let Node::Text(t) = child.value() {
                        inner.push_text(t);
                    }
                }
                let text = inner
                    .finish()
                    .iter()
                    .map(|b| b.text().into_owned())
                    .collect::<Vec<_>>()
                    .join("\n\n");
                if !text.trim().is_empty() {
                    self.blocks.push(Block::Quote { text, cite });
                }
            }
            "figure" => {
                self.flush();
                let caption = el
                    .descendants()
                    .filter_map(ElementRef::wrap)
                    .find(|e| e.value().name() == "figcaption")
                    .map(inline_text)
                    .filter(|t| !t.is_empty());
                let img = el
                    .descendants()
                    .filter_map(ElementRef::wrap)
                    .find(|e| e.value().name() == "img");
                let alt = img
                    .and_then(|i| i.value().attr("alt"))
                    .map(normalize_space)
                    .unwrap_or_default();
                let src = img
                    .and_then(|i| i.value().attr("src"))
                    .and_then(|s| self.abs(s));
                if img.is_some() || caption.is_some() {
                    if !alt.is_empty() || caption.is_some() {
                        self.blocks.push(Block::Image { alt, caption, src });
                    }
                } else {
                    // a figure without an image (a quote, a table): its content as blocks
                    self.children(el, depth);
                    self.flush();
                }
            }
            "img" => {
                let alt = el
                    .value()
                    .attr("alt")
                    .map(normalize_space)
                    .unwrap_or_default();
                if !alt.is_empty() {
                    self.flush();
                    let src = el.value().attr("src").and_then(|s| self.abs(s));
                    self.blocks.push(Block::Image {
                        alt,
                        caption: None,
                        src,
                    });
                }
            }
            "pre" => {
                self.flush();
                let text: String = el.text().collect();
                let text = text.trim_matches('\n').to_string();
                if !text.trim().is_empty() {
                    self.blocks.push(Block::Pre { text });
                }
            }
            "tr" => {
                self.flush();
                let cells: Vec<String> = el
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|c| matches!(c.value().name(), "td" | "th"))
                    .map(inline_text)
                    .filter(|t| !t.is_empty())
                    .collect();
                if !cells.is_empty() {
                    self.push_text(&cells.join(" | "));
                    self.flush();
                }
            }
            // a <b> that its style makes plain (a word processor wraps whole documents in one)
            "strong" | "b" if css_font(el).bold == Some(false) => self.children(el, depth),
            "em" | "i" if css_font(el).italic == Some(false) => self.children(el, depth),
            "strong" | "b" | "em" | "i" | "a" => {
                let style = match name {
                    "strong" | "b" => MarkStyle::Bold,
                    "em" | "i" => MarkStyle::Italic,
                    _ => MarkStyle::Link,
                };
                self.mark(el, depth, style);
            }
            // bold or italic by an inline style (text pasted from a word processor)
            "span" | "font" if css_font(el).emphasis().is_some() => {
                let style = css_font(el).emphasis().unwrap_or(MarkStyle::Bold);
                self.mark(el, depth, style);
            }
            n if is_block(n) => {
                self.flush();
                self.children(el, depth);
                self.flush();
            }
            _ => self.children(el, depth),
        }
    }
}

impl Builder<'_> {
    /// The children of `el` as inline text marked with `style`.
    fn mark(&mut self, el: ElementRef<'_>, depth: usize, style: MarkStyle) {
        let href = if style == MarkStyle::Link {
            el.value().attr("href").and_then(|h| self.abs(h))
        } else {
            None
        };
        // a pending space belongs before the mark
        if self.space && !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push(' ');
            self.space = false;
        }
        let start = self.text.len();
        let flushes_before = self.flushes;
        self.children(el, depth);
        let end = self.text.len();
        // a mark that spans a flushed block boundary is dropped
        if end > start
            && self.flushes == flushes_before
            && (style != MarkStyle::Link || href.is_some())
        {
            self.marks.push(Mark {
                start,
                end,
                style,
                href,
            });
        }
    }
}

/// Weight and slant set by an element's inline style: `Some(true)` for `font-weight: 700` or
/// `font-style: italic`, `Some(false)` for `font-weight: normal` or `font-style: normal`.
#[derive(Default)]
struct CssFont {
    bold: Option<bool>,
    italic: Option<bool>,
}

impl CssFont {
    /// Bold wins over italic when both are set.
    fn emphasis(&self) -> Option<MarkStyle> {
        if self.bold == Some(true) {
            Some(MarkStyle::Bold)
        } else if self.italic == Some(true) {
            Some(MarkStyle::Italic)
        } else {
            None
        }
    }
}

fn css_font(el: ElementRef<'_>) -> CssFont {
    let Some(style) = el.value().attr("style") else {
        return CssFont::default();
    };
    let style: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let mut font = CssFont::default();
    // later declarations win, as in CSS
    for decl in style.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let value = value.trim_end_matches("!important");
        match prop {
            "font-weight" => {
                font.bold = match value {
                    "bold" | "bolder" | "600" | "700" | "800" | "900" => Some(true),
                    "normal" | "lighter" | "100" | "200" | "300" | "400" | "500" => Some(false),
                    _ => font.bold,
                }
            }
            "font-style" => {
                font.italic = match value {
                    "italic" | "oblique" => Some(true),
                    "normal" => Some(false),
                    _ => font.italic,
                }
            }
            _ => {}
        }
    }
    font
}

fn aria_hidden(el: ElementRef<'_>) -> bool {
    el.value().attr("aria-hidden") == Some("true")
}

/// An element's attribute by a scan of its few attributes: `Element::attr` makes an atom of the
/// name (a hash) and binary-searches comparing names as strings, for every look-up.
pub trait AttrValue {
    /// The value of the attribute `name` (no namespace), as `Element::attr` gives it.
    fn attr_value(&self, name: &str) -> Option<&str>;
}

impl AttrValue for scraper::node::Element {
    fn attr_value(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(q, _)| q.prefix.is_none() && q.ns == html5ever::ns!() && &*q.local == name)
            .map(|(_, v)| &**v)
    }
}

/// Whitespace collapsed to single spaces, trimmed (and soft hyphens dropped).
pub fn normalize_space(s: &str) -> String {
    if is_normal_space(s) {
        return s.to_string();
    }
    collapse_space(s)
}

/// Whether `s` is its own [`normalize_space`] (most titles and summaries are): single ASCII spaces
/// between visible characters only — no other whitespace (the Unicode ones looked for by their bytes),
/// no soft hyphen, nothing at the ends. Two passes without an early exit, which the compiler makes
/// vector code of (an ASCII control byte anywhere, two spaces in a row), then a look at each lead
/// byte a Unicode space or the soft hyphen starts with (0xC2, 0xE1–0xE3: "…" and „“ are 0xE2 too):
/// several times faster than a byte-by-byte walk, which took 2 % of a full-text reload.
fn is_normal_space(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    if b.len() < 2 {
        return is_normal_space_walk(b);
    }
    let doubled = b[..b.len() - 1]
        .iter()
        .zip(&b[1..])
        .fold(false, |any, (&x, &y)| any | ((x == b' ') & (y == b' ')));
    if doubled {
        return false;
    }
    let controls = b.iter().fold(false, |any, &c| any | (c < b' '));
    if controls {
        // tabs and line breaks are whitespace, other control characters are not: the walk tells
        return is_normal_space_walk(b);
    }
    memchr::memchr3_iter(0xc2, 0xe1, 0xe2, b)
        .chain(memchr::memchr_iter(0xe3, b))
        .all(|i| !white_at(b, i))
}

/// [`is_normal_space`] byte by byte.
fn is_normal_space_walk(b: &[u8]) -> bool {
    let mut space = false;
    for (i, &c) in b.iter().enumerate() {
        if c == b' ' {
            if space {
                return false;
            }
            space = true;
            continue;
        }
        space = false;
        if c > b' ' && c < 0x80 {
            continue;
        }
        if white_at(b, i) {
            return false;
        }
    }
    true
}

/// Whether the character at byte `i` of `b` (not a space) is whitespace or a soft hyphen.
fn white_at(b: &[u8], i: usize) -> bool {
    let next = (b.get(i + 1).copied(), b.get(i + 2).copied());
    match b[i] {
        b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => true,
        // U+0085, U+00AD (soft hyphen)
        0xc2 => matches!(next.0, Some(0x85 | 0xad)),
        // U+1680
        0xe1 => next == (Some(0x9a), Some(0x80)),
        // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
        0xe2 => matches!(
            next,
            (Some(0x80), Some(0x80..=0x8a | 0xa8 | 0xa9 | 0xaf)) | (Some(0x81), Some(0x9f))
        ),
        // U+3000
        0xe3 => next == (Some(0x80), Some(0x80)),
        _ => false,
    }
}

/// [`normalize_space`] of any text.
fn collapse_space(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // one pass; the output is stretches of `s` copied whole: a stretch grows over a single space
    // between visible characters, so a line of running text is one copy
    let mut stretch = 0..0; // a part of `s` that comes next in the output, not yet copied
    let mut space = false; // whitespace since the last visible character
    let mut run = 0; // start of the current run of visible characters
    let mut flush = |start: usize, end: usize, space: &mut bool| {
        if start == end {
            return;
        }
        let sep = *space && !(out.is_empty() && stretch.is_empty());
        *space = false;
        if sep && !stretch.is_empty() && stretch.end + 1 == start && b[stretch.end] == b' ' {
            stretch.end = end;
            return;
        }
        out.push_str(&s[stretch.clone()]);
        stretch = if sep && b[start - 1] == b' ' {
            start - 1..end
        } else {
            if sep {
                out.push(' ');
            }
            start..end
        };
    };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii() {
            if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                flush(run, i, &mut space);
                space = true;
                run = i + 1;
            }
            i += 1;
            continue;
        }
        let ch = s[i..].chars().next().unwrap_or(' ');
        let white = ch.is_whitespace() && ch != '\u{a0}';
        if white || ch == '\u{ad}' {
            flush(run, i, &mut space);
            space |= white;
            run = i + ch.len_utf8();
        }
        i += ch.len_utf8();
    }
    flush(run, b.len(), &mut space);
    out.push_str(&s[stretch]);
    out
}

/// The visible text of an element with whitespace collapsed (skipped elements left out).
/// Iterative, so any depth is fine.
pub fn inline_text(el: ElementRef<'_>) -> String {
    let mut s = String::new();
    walk_visible(el, |ev| match ev {
        Visible::Open("br") => s.push(' '),
        Visible::Text(t) => s.push_str(t),
        _ => {}
    });
    normalize_space(&s)
}

/// What [`walk_visible`] meets: an element opening or closing (by name), or text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visible<'a> {
    Open(&'a str),
    Text(&'a str),
    Close(&'a str),
}

/// The visible content of `el` in document order, without the subtrees of skipped elements
/// ([`is_skipped`]): the one walk behind every "text of this element" in the parsers. Iterative, so
/// any depth is fine.
pub fn walk_visible<'a>(el: ElementRef<'a>, mut f: impl FnMut(Visible<'a>)) {
    use ego_tree::iter::Edge;
    let mut skipping = 0usize;
    for edge in el.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) if skipping > 0 || is_skipped(e.name()) => skipping += 1,
                Node::Element(e) => f(Visible::Open(e.name())),
                Node::Text(t) if skipping == 0 => f(Visible::Text(t)),
                _ => {}
            },
            Edge::Close(n) => {
                if let Node::Element(e) = n.value() {
                    if skipping > 0 {
                        skipping -= 1;
                    } else {
                        f(Visible::Close(e.name()));
                    }
                }
            }
        }
    }
}

fn list_items(el: ElementRef<'_>, level: usize, out: &mut Vec<String>) {
    for li in el.children().filter_map(ElementRef::wrap) {
        if li.value().name() != "li" {
            continue;
        }
        let mut own = String::new();
        let mut nested = Vec::new();
        for c in li.children() {
            match c.value() {
                Node::Text(t) => {
                    own.push_str(t);
                }
                Node::Element(e) if matches!(e.name(), "ul" | "ol") && level < 8 => {
                    nested.push(ElementRef::wrap(c).expect("element"));
                }
                Node::Element(e) if !is_skipped(e.name()) => {
                    own.push(' ');
                    own.push_str(&inline_text(ElementRef::wrap(c).expect("element")));
                    own.push(' ');
                }
                _ => {}
            }
        }
        let own = normalize_space(&own);
        if !own.is_empty() {
            out.push(format!("{}{}", "  ".repeat(level), own));
        }
        for n in nested {
            list_items(n, level + 1, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// A text taken as it is reads as the whole collapse would make it.
        #[test]
        fn normal_text_is_left_as_it_is(
            chars in proptest::collection::vec(prop::sample::select(vec![
                'a', 'ä', '„', '“', '…', ' ', ' ', 'x', '\u{a0}', '\u{2010}', '\u{2030}', '\u{3001}',
            ]), 0..30),
            one in prop::sample::select(vec![
                'a', ' ', '\t', '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{ad}', '\u{1680}', '\u{2000}',
                '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}', '\u{200b}',
                '\u{1}', '\u{1f}',
            ]),
            at in any::<prop::sample::Index>(),
        ) {
            let mut chars = chars;
            chars.insert(at.index(chars.len() + 1), one);
            let s: String = chars.into_iter().collect();
            prop_assert_eq!(normalize_space(&s), collapse_space(&s), "{:?}", s);
        }
    }

    use super::*;

    #[test]
    fn spaces_collapse_soft_hyphens_go_no_break_spaces_stay() {
        assert_eq!(normalize_space("  ein\n\t zwei  "), "ein zwei");
        assert_eq!(
            normalize_space("Verwal\u{ad}tung \u{ad} Amt"),
            "Verwaltung Amt"
        );
        assert_eq!(normalize_space("5\u{a0}€"), "5\u{a0}€");
        assert_eq!(normalize_space(" \u{ad} "), "");
        assert_eq!(normalize_space(""), "");
        // stretches copied whole, and the places where they are not
        assert_eq!(normalize_space("ein zwei drei"), "ein zwei drei");
        assert_eq!(
            normalize_space(" ein zwei  drei vier\n"),
            "ein zwei drei vier"
        );
        assert_eq!(normalize_space("a\u{ad}b c\u{ad} d"), "ab c d");
        assert_eq!(normalize_space("\u{ad}a \u{2009}b\u{3000}c"), "a b c");
        assert_eq!(normalize_space("x\u{a0} y"), "x\u{a0} y");
        assert_eq!(normalize_space("Köln:\t–  Straße "), "Köln: – Straße");
    }

    #[test]
    fn attr_value_is_attr() {
        let doc = Html::parse_document(
            r#"<html xml:lang="de"><body><a HREF="/a" class="x y" data-n="" title='T'>a</a>
            <svg><a xlink:href="/svg" href="/plain"><text>b</text></a></svg><p>c</p></body></html>"#,
        );
        let names = [
            "href",
            "class",
            "data-n",
            "title",
            "xml:lang",
            "xlink:href",
            "missing",
        ];
        let mut seen = 0;
        for el in doc
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
        {
            for n in names {
                assert_eq!(el.value().attr_value(n), el.value().attr(n), "{n}");
                seen += usize::from(el.value().attr(n).is_some());
            }
        }
        assert!(seen >= 5, "{seen}");
    }

    #[test]
    fn normalize_space_is_runs_joined_by_spaces() {
        // the definition, a character at a time: visible runs, a space between two of them when
        // whitespace (not only soft hyphens) stood between
        fn reference(s: &str) -> String {
            let mut out = String::new();
            let mut space = false;
            for c in s.chars() {
                let white = c.is_whitespace() && c != '\u{a0}';
                if white {
                    space = true;
                } else if c != '\u{ad}' {
                    if space && !out.is_empty() {
                        out.push(' ');
                    }
                    space = false;
                    out.push(c);
                }
            }
            out
        }
        let alphabet = ['a', ' ', '\t', '\u{ad}', '\u{a0}', 'ö', '\u{2009}', '\n'];
        let n = alphabet.len();
        for len in 0..=6u32 {
            for mut k in 0..n.pow(len) {
                let mut s = String::new();
                for _ in 0..len {
                    s.push(alphabet[k % n]);
                    k /= n;
                }
                assert_eq!(normalize_space(&s), reference(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn inline_styles_mark_bold_and_italic() {
        let html = r#"<p><span style="font-weight: 700">Wie fing es an?</span> Mit einem
            <span style="FONT-STYLE:italic">Antrag</span> und <span style="font-weight:400">nichts</span>
            <span style="color:red">sonst</span>.</p>"#;
        let b = blocks_from_fragment(html, None);
        match &b[0] {
            Block::Paragraph { text, marks } => {
                assert_eq!(marks.len(), 2, "{marks:?}");
                assert_eq!(&text[marks[0].start..marks[0].end], "Wie fing es an?");
                assert_eq!(marks[0].style, MarkStyle::Bold);
                assert_eq!(&text[marks[1].start..marks[1].end], "Antrag");
                assert_eq!(marks[1].style, MarkStyle::Italic);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_bold_element_made_plain_by_its_style_marks_nothing() {
        let html = r#"<b style="font-weight:normal;" id="doc-1"><p><span style="font-weight:700">Und dann?</span>
            <i style="font-style: normal">Dann</i> kam der Winter.</p>
            <p><strong style="font-weight: 400; font-weight: bold">Wirklich?</strong> Ja.</p></b>"#;
        let b = blocks_from_fragment(html, None);
        assert_eq!(b.len(), 2, "{b:?}");
        for (block, want) in b.iter().zip(["Und dann?", "Wirklich?"]) {
            match block {
                Block::Paragraph { text, marks } => {
                    assert_eq!(marks.len(), 1, "{marks:?}");
                    assert_eq!(&text[marks[0].start..marks[0].end], want);
                    assert_eq!(marks[0].style, MarkStyle::Bold);
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn paragraphs_marks_lists_quotes() {
        let html = r#"<p><strong>Anna Beispiel:</strong> Wir haben <em>zuerst</em> die
            Anträge digitalisiert.</p>
            <h2>Zwischentitel</h2>
            <ul><li>eins</li><li>zwei <b>fett</b><ul><li>drei</li></ul></li></ul>
            <blockquote><p>„Ohne Standards bleibt jede Kommune allein.“</p><cite>Jonas Probst</cite></blockquote>
            <figure><img src="/a.jpg" alt="Rathaus"><figcaption>Das Rathaus. Foto: Stadt</figcaption></figure>
            <script>alert(1)</script><p>Zeile<br>zwei</p>"#;
        let base = Url::parse("https://example.org/x/").unwrap();
        let b = blocks_from_fragment(html, Some(&base));
        assert_eq!(b.len(), 6, "{b:#?}");
        match &b[0] {
            Block::Paragraph { text, marks } => {
                assert_eq!(
                    text,
                    "Anna Beispiel: Wir haben zuerst die Anträge digitalisiert."
                );
                assert_eq!(&text[marks[0].start..marks[0].end], "Anna Beispiel:");
                assert_eq!(marks[0].style, MarkStyle::Bold);
                assert_eq!(&text[marks[1].start..marks[1].end], "zuerst");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            b[1],
            Block::Heading {
                level: 2,
                text: "Zwischentitel".into()
            }
        );
        assert_eq!(
            b[2],
            Block::List {
                ordered: false,
                items: vec!["eins".into(), "zwei fett".into(), "  drei".into()]
            }
        );
        assert_eq!(
            b[3],
            Block::Quote {
                text: "„Ohne Standards bleibt jede Kommune allein.“".into(),
                cite: Some("Jonas Probst".into())
            }
        );
        assert_eq!(
            b[4],
            Block::Image {
                alt: "Rathaus".into(),
                caption: Some("Das Rathaus. Foto: Stadt".into()),
                src: Some("https://example.org/a.jpg".into())
            }
        );
        assert_eq!(b[5].text(), "Zeile\nzwei");
    }

    #[test]
    fn blank_text_and_marks_across_blocks_are_safe() {
        // only no-break spaces: nothing, and no panic
        assert!(blocks_from_fragment("<p>\u{a0}\u{a0}</p><b>\u{a0}</b>", None).is_empty());
        // a bold run interrupted by a block: no mark may point outside its paragraph
        let b = blocks_from_fragment(
            "<p><b>  \u{a0}<div>Absatz</div>weiter fett</b> Ende</p>",
            None,
        );
        for block in &b {
            for m in block.marks() {
                assert!(m.start < m.end && m.end <= block.text().len(), "{b:#?}");
            }
        }
        assert!(b.iter().any(|x| x.text() == "Absatz"));
        // forms no longer hide a page's text; their controls stay out
        let b = blocks_from_fragment(
            "<form><p>Text im Formular</p><button>Senden</button></form>",
            None,
        );
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].text(), "Text im Formular");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 5_000;
        let html = format!("{}tief{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let b = blocks_from_fragment(&html, None);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].text(), "tief");
    }
}

//! RSS 0.90/0.9x/1.0/2.0 and Atom 0.3/1.0 in one reader, as feedparser reads them: elements are known
//! by their namespace and local name wherever they stand, not by a schema. So RSS inside a namespace,
//! `<rss>` without `<channel>`, RSS 1.0 items beside the channel, Atom 0.3 and the Dublin Core,
//! content, XHTML, iTunes and Media RSS elements all come out of the same walk, and one element it
//! cannot make sense of loses that element only.
//!
//! One pass over quick-xml's events; field values are collected with their depth, so a child of the
//! entry wins over the same element deeper down (in an `<image>`, a `<media:group>`), whatever the
//! order. Inline markup inside a text construct is kept as (X)HTML source for [`super::text`].

use super::elements::{classify, is_void, ns_of_prefix, ns_of_uri, Elem, Ns};
use super::refs::{attr_value, escape_into, push_reference};
use super::text::{self, Value};
use at_once::text_at_once;
use canonical::is_canonical_url;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use std::collections::HashMap;
use url::Url;

/// `base` among an element's attributes (is xml:base there?): one searcher for every element.
static BASE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("base"));

mod at_once;
mod canonical;

/// What the reader found: the feed's title and its entries, in document order.
#[derive(Debug, Default)]
pub struct RawFeed {
    pub title: Option<Value>,
    pub entries: Vec<RawEntry>,
}

/// One entry's fields, before they become a teaser.
#[derive(Debug, Default)]
pub struct RawEntry {
    pub title: Option<Value>,
    /// `media:title`: the title when there is no other.
    pub media_title: Option<Value>,
    /// RSS `description`, Atom `summary`, `dc:description`.
    pub summary: Option<Value>,
    /// `itunes:summary`, `media:description`: the summary when there is no other.
    pub fallback_summary: Option<Value>,
    /// The first full text: Atom `content`, `content:encoded`, `xhtml:body`, a second description.
    pub content: Option<Value>,
    /// The base the content's relative links resolve against (`xml:base` or the document's URL).
    pub content_base: Option<Url>,
    pub links: Vec<Link>,
    /// RSS `guid` or Atom `id`, and whether it may serve as the link (`isPermaLink`).
    pub guid: Option<String>,
    pub guid_is_link: bool,
    /// RSS 1.0 `rdf:about`.
    pub about: Option<String>,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub created: Option<String>,
    pub authors: Vec<String>,
    pub(super) depths: Depths,
}

/// The depth each field was taken from, for "the shallowest wins".
#[derive(Debug, Default)]
pub(super) struct Depths {
    title: Option<usize>,
    /// A non-empty title was set at this depth: later titles at the same depth or deeper lose.
    title_lock: Option<usize>,
    summary: Option<usize>,
    published: Option<usize>,
    updated: Option<usize>,
    created: Option<usize>,
}

/// A link element: `rel` (default `alternate`), its media type and the resolved address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub rel: String,
    pub media_type: Option<String>,
    pub href: String,
}

/// The text being collected for one element.
struct Capture {
    elem: Elem,
    depth: usize,
    buf: String,
    /// Child elements are serialized as markup (text constructs); else only their text counts.
    markup: bool,
    /// Markup was seen: the buffer is (X)HTML source.
    inline: bool,
    /// The construct's media type: its default unless a `type` attribute says otherwise.
    media_type: std::borrow::Cow<'static, str>,
    mode: Option<String>,
    /// Depths of `<div>`s left out (a text-typed construct wrapped in a div: its text is the value).
    transparent: Vec<usize>,
    /// Serialized elements still open: their depth and name, for the end tag.
    open: Vec<(usize, String)>,
    base: Option<Url>,
    /// For links: `rel` and `type`; for guids: whether it is a permalink.
    rel: String,
    link_type: Option<String>,
    permalink: bool,
    /// The entry this capture belongs to, or `None` at feed level.
    in_entry: bool,
}

/// An open `author` element.
struct AuthorState {
    depth: usize,
    text: String,
    name: Option<String>,
}

struct Reader<'b> {
    doc_base: Option<&'b Url>,
    /// `xml:base` in scope: (depth of the element that set it, the resolved base).
    bases: Vec<(usize, Url)>,
    /// The elements open now (the document's depth is its length).
    stack: Vec<Elem>,
    atom: bool,
    root_seen: bool,
    /// Depth of the `channel`/`feed` element, while inside one.
    feed_depth: Option<usize>,
    /// Depth of the entry element, while inside one.
    entry_depth: Option<usize>,
    /// Depth of an aside element (`source`, `image`, `textinput`) whose subtree is skipped.
    aside_depth: Option<usize>,
    capture: Option<Capture>,
    /// A `name` inside an `author`: collected apart from the author's own text.
    name_capture: Option<(usize, String)>,
    author: Option<AuthorState>,
    /// Entities declared in the internal DTD subset.
    entities: HashMap<String, String>,
    feed_title: Option<Value>,
    feed_title_depth: Option<usize>,
    feed_title_lock: Option<usize>,
    entries: Vec<RawEntry>,
    /// A reference's text on its way into the text (one buffer for all of them).
    scratch: String,
}

/// Reads an XML feed. The error is one line (quick-xml's, or a document that ends too early).
pub fn read(text: &str, base: Option<&Url>) -> Result<RawFeed, String> {
    read_with(text, base, true)
}

/// [`read`]; `at_once`: an element's text is taken at once where it can be (see [`text_at_once`]),
/// else event by event as quick-xml gives it (the tests compare the two).
fn read_with(text: &str, base: Option<&Url>, at_once: bool) -> Result<RawFeed, String> {
    let mut r = NsReader::from_str(text);
    {
        let c = r.config_mut();
        c.allow_dangling_amp = true;
        c.trim_text(false);
        c.expand_empty_elements = false;
    }
    let mut st = Reader {
        doc_base: base,
        bases: Vec::new(),
        stack: Vec::new(),
        atom: false,
        root_seen: false,
        feed_depth: None,
        entry_depth: None,
        aside_depth: None,
        capture: None,
        name_capture: None,
        author: None,
        entities: HashMap::new(),
        feed_title: None,
        feed_title_depth: None,
        feed_title_lock: None,
        entries: Vec::new(),
        scratch: String::new(),
    };
    // bytes read past quick-xml by `text_at_once` (its positions do not count them)
    let mut skipped = 0;
    loop {
        let ev = r.read_resolved_event();
        match ev {
            Ok((ns, Event::Start(e))) => {
                let ns = resolve_ns(&ns, &e);
                st.start(ns, &e, false);
                let name = e.name();
                if at_once {
                    skipped += text_at_once(&mut r, text, name.as_ref().as_bytes(), &mut st);
                }
            }
            Ok((ns, Event::Empty(e))) => {
                let ns = resolve_ns(&ns, &e);
                st.start(ns, &e, true);
                st.end(true);
            }
            Ok((_, Event::End(_))) => st.end(false),
            Ok((_, Event::Text(t))) => st.text(&t.xml10_content()),
            Ok((_, Event::CData(t))) => st.text(&t.xml10_content()),
            Ok((_, Event::GeneralRef(g))) => st.reference(&g),
            Ok((_, Event::DocType(d))) => st.doctype(&d.xml10_content()),
            Ok((_, Event::Eof)) => break,
            Ok(_) => {}
            Err(e) => {
                // broken XML after the last whole entry (a mangled closing tag of the channel):
                // the entries stand; inside an entry, or before any, the feed cannot be read
                if st.entry_depth.is_none() && !st.entries.is_empty() {
                    break;
                }
                return Err(format!(
                    "XML error at byte {}: {e}",
                    r.error_position().max(r.buffer_position()) as usize + skipped
                ));
            }
        }
    }
    if !st.root_seen {
        return Err("no root element".into());
    }
    if st.entry_depth.is_some() || (!st.stack.is_empty() && st.entries.is_empty()) {
        return Err("the document ends before its elements are closed (truncated?)".into());
    }
    Ok(RawFeed {
        title: st.feed_title,
        entries: st.entries,
    })
}

fn resolve_ns(ns: &ResolveResult<'_>, e: &BytesStart<'_>) -> Ns {
    match ns {
        ResolveResult::Unbound => Ns::Core,
        ResolveResult::Bound(uri) => match ns_of_uri(uri.as_ref()) {
            Some(n) => n,
            // an unknown default namespace still holds the feed's own elements
            None if e.name().prefix().is_none() => Ns::Core,
            None => Ns::Other,
        },
        ResolveResult::Unknown(prefix) => ns_of_prefix(prefix),
    }
}

/// The address a link's text gives: loose parsers turned `&b=2` into `&b;=2`; undone.
fn link_text(s: &str) -> String {
    let s = s.trim().replace("&amp;", "&");
    if !s.contains(';') {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..=i]);
        let after = &rest[i + 1..];
        let len = after
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        if len > 0 && after.as_bytes().get(len) == Some(&b';') {
            out.push_str(&after[..len]);
            rest = &after[len + 1..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// `s` without XML's whitespace around it (a NEL or no-break space is text until repaired).
fn xml_trim(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\n', '\r'])
}

/// [`xml_trim`] of an owned buffer, without a copy when there is nothing to trim (a full text is
/// most of a feed's bytes).
fn xml_trimmed(s: String) -> String {
    let t = xml_trim(&s);
    if t.len() == s.len() {
        s
    } else {
        t.to_string()
    }
}

/// `href` against `base`, if that makes an address.
pub(super) fn resolve(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    if is_canonical_url(href) {
        return Some(href.to_string());
    }
    match Url::parse(href) {
        Ok(u) => Some(u.to_string()),
        Err(_) => match base {
            Some(b) => b.join(href).ok().map(|u| u.to_string()),
            None => Some(href.to_string()),
        },
    }
}

/// A name from an author field: `jo@example.org (Jo Beispiel)` is Jo Beispiel.
fn author_name(s: &str) -> String {
    let s = crate::parse::html::normalize_space(s);
    if let (Some(open), true) = (s.find('('), s.ends_with(')')) {
        let inner = s[open + 1..s.len() - 1].trim();
        if s[..open].contains('@') && !inner.is_empty() {
            return inner.to_string();
        }
    }
    if s.contains('@') && !s.contains(' ') {
        return String::new();
    }
    s
}

impl Reader<'_> {
    fn depth(&self) -> usize {
        self.stack.len()
    }

    fn base(&self) -> Option<&Url> {
        self.bases.last().map(|(_, u)| u).or(self.doc_base)
    }

    fn entry(&mut self) -> Option<&mut RawEntry> {
        if self.entry_depth.is_some() {
            self.entries.last_mut()
        } else {
            None
        }
    }

    fn attrs(&self, e: &BytesStart<'_>) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for a in e.attributes().with_checks(false).flatten() {
            let key = a.key.as_ref().to_string();
            out.push((key, attr_value(&a.value, &self.entities)));
        }
        out
    }

    fn start(&mut self, ns: Ns, e: &BytesStart<'_>, empty: bool) {
        let depth = self.depth() + 1;
        // a capture collecting a text construct takes every child element as markup
        if let Some(cap) = &mut self.capture {
            if cap.markup {
                let local = e.local_name().as_ref().to_string();
                let div = local.eq_ignore_ascii_case("div");
                if div && !text::is_xml_type(&cap.media_type) && !cap.inline {
                    if !empty {
                        cap.transparent.push(depth);
                    }
                } else {
                    if !cap.inline {
                        // what was text so far becomes text inside markup
                        let so_far = std::mem::take(&mut cap.buf);
                        escape_into(&mut cap.buf, &so_far);
                        cap.inline = true;
                    }
                    let attrs: Vec<(String, String)> = e
                        .attributes()
                        .with_checks(false)
                        .flatten()
                        .map(|a| {
                            let k = a.key.local_name().as_ref().to_string();
                            (k, attr_value(&a.value, &self.entities))
                        })
                        .collect();
                    let buf = &mut cap.buf;
                    buf.push('<');
                    buf.push_str(&local);
                    for (k, v) in attrs {
                        if k == "xmlns" {
                            continue;
                        }
                        buf.push(' ');
                        buf.push_str(&k);
                        buf.push_str("=\"");
                        escape_into(buf, &v);
                        buf.push('"');
                    }
                    buf.push('>');
                    if empty {
                        if !is_void(&local) {
                            buf.push_str("</");
                            buf.push_str(&local);
                            buf.push('>');
                        }
                    } else {
                        cap.open.push((depth, local));
                    }
                }
                if !empty {
                    self.stack.push(Elem::Other);
                }
                return;
            }
        }
        let elem = classify(ns, e.local_name().as_ref());
        if !self.root_seen {
            self.root_seen = true;
            self.atom = e.local_name().as_ref().eq_ignore_ascii_case("feed");
        }
        // xml:base in scope from here
        let raw = e.attributes_raw();
        let mut own_base = None;
        if !raw.is_empty() && BASE.find(raw.as_bytes()).is_some() {
            for a in e.attributes().with_checks(false).flatten() {
                if a.key.as_ref() == "xml:base" {
                    let v = attr_value(&a.value, &self.entities);
                    let joined = match self.base() {
                        Some(b) => b.join(v.trim()).ok(),
                        None => Url::parse(v.trim()).ok(),
                    };
                    // only a base that can be an article's address
                    own_base = joined.filter(|u| matches!(u.scheme(), "http" | "https" | "file"));
                }
            }
        }
        if let Some(b) = own_base {
            self.bases.push((depth, b));
        }
        if !empty {
            self.stack.push(elem);
        }
        self.open(elem, e, depth, empty);
    }

    /// An element that means something to the reader (not inside a capture).
    fn open(&mut self, elem: Elem, e: &BytesStart<'_>, depth: usize, empty: bool) {
        if self.aside_depth.is_some() {
            return;
        }
        if self.capture.is_some() {
            // a field with child elements that are not markup (a guid with a <span>): text only
            return;
        }
        let in_entry = self.entry_depth.is_some();
        match elem {
            Elem::Entry => {
                if in_entry {
                    return;
                }
                let mut entry = RawEntry::default();
                for (k, v) in self.attrs(e) {
                    if k.rsplit(':').next() == Some("about") && !v.trim().is_empty() {
                        entry.about = Some(v.trim().to_string());
                    }
                }
                self.entries.push(entry);
                if !empty {
                    self.entry_depth = Some(depth);
                }
            }
            Elem::Channel if self.feed_depth.is_none() && !in_entry && !empty => {
                self.feed_depth = Some(depth);
            }
            Elem::Aside if !empty => {
                self.aside_depth = Some(depth);
            }
            Elem::Author if in_entry => {
                self.author = Some(AuthorState {
                    depth,
                    text: String::new(),
                    name: None,
                });
            }
            Elem::Name if self.author.is_some() => {
                self.name_capture = Some((depth, String::new()));
            }
            Elem::Link if in_entry => {
                let attrs = self.attrs(e);
                let get = |n: &str| {
                    attrs
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(n))
                        .map(|(_, v)| v.trim().to_string())
                };
                let rel = get("rel")
                    .filter(|r| !r.is_empty())
                    .unwrap_or_else(|| "alternate".into());
                let link_type = get("type").map(|t| text::media_type(&t));
                if let Some(href) = get("href").or_else(|| get("url")).or_else(|| get("uri")) {
                    let base = self.base().cloned();
                    if let Some(href) = resolve(&href, base.as_ref()) {
                        if let Some(entry) = self.entry() {
                            entry.links.push(Link {
                                rel,
                                media_type: link_type,
                                href,
                            });
                        }
                    }
                } else if !empty {
                    let mut cap = self.capture_for(elem, e, depth, None);
                    cap.rel = rel;
                    cap.link_type = link_type;
                    self.capture = Some(cap);
                }
            }
            Elem::Title | Elem::MediaTitle
                if in_entry || (self.feed_depth.is_some() && elem == Elem::Title) =>
            {
                self.capture = Some(self.capture_for(elem, e, depth, Some("text/plain")));
            }
            Elem::Description | Elem::Summary if in_entry => {
                let becomes_content = {
                    let entry = self.entries.last().expect("in an entry");
                    entry.summary.is_some() && entry.content.is_none()
                };
                if becomes_content {
                    self.capture =
                        Some(self.capture_for(Elem::Content, e, depth, Some("text/plain")));
                } else {
                    let default = if elem == Elem::Description {
                        "text/html"
                    } else {
                        "text/plain"
                    };
                    self.capture = Some(self.capture_for(elem, e, depth, Some(default)));
                }
            }
            Elem::FallbackSummary { html } if in_entry => {
                let default = if html { "text/html" } else { "text/plain" };
                self.capture = Some(self.capture_for(elem, e, depth, Some(default)));
            }
            Elem::Content if in_entry => {
                self.capture = Some(self.capture_for(elem, e, depth, Some("text/plain")));
            }
            Elem::ContentHtml if in_entry => {
                self.capture = Some(self.capture_for(elem, e, depth, Some("text/html")));
            }
            Elem::Body if in_entry => {
                self.capture =
                    Some(self.capture_for(elem, e, depth, Some("application/xhtml+xml")));
            }
            Elem::Guid | Elem::Id if in_entry => {
                let permalink = elem == Elem::Id
                    || self
                        .attrs(e)
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case("ispermalink"))
                        .is_none_or(|(_, v)| v.trim().eq_ignore_ascii_case("true"));
                let mut cap = self.capture_for(elem, e, depth, None);
                cap.permalink = permalink;
                self.capture = Some(cap);
            }
            Elem::Published | Elem::Updated | Elem::Created | Elem::AuthorText if in_entry => {
                self.capture = Some(self.capture_for(elem, e, depth, None));
            }
            _ => {}
        }
    }

    /// A capture for `elem`; `content_type` is the default type of a text construct (none: plain
    /// text, child elements ignored).
    fn capture_for(
        &self,
        elem: Elem,
        e: &BytesStart<'_>,
        depth: usize,
        content_type: Option<&'static str>,
    ) -> Capture {
        let mut media_type = std::borrow::Cow::Borrowed(content_type.unwrap_or("text/plain"));
        let mut mode = None;
        if content_type.is_some() {
            for (k, v) in self.attrs(e) {
                if k.eq_ignore_ascii_case("type") {
                    // an empty type is no type: the element's default
                    let t = text::media_type(&v);
                    if !t.is_empty() {
                        media_type = t.into();
                    }
                } else if k.eq_ignore_ascii_case("mode") {
                    mode = Some(v.trim().to_ascii_lowercase());
                }
            }
        }
        Capture {
            elem,
            depth,
            buf: String::new(),
            markup: content_type.is_some(),
            inline: false,
            media_type,
            mode,
            transparent: Vec::new(),
            open: Vec::new(),
            // only links and full texts resolve against it
            base: match elem {
                Elem::Link | Elem::Content | Elem::ContentHtml | Elem::Body => self.base().cloned(),
                _ => None,
            },
            rel: String::new(),
            link_type: None,
            permalink: false,
            in_entry: self.entry_depth.is_some(),
        }
    }

    fn text(&mut self, s: &str) {
        if let Some((_, buf)) = &mut self.name_capture {
            buf.push_str(s);
            return;
        }
        if let Some(cap) = &mut self.capture {
            if cap.inline {
                escape_into(&mut cap.buf, s);
            } else {
                cap.buf.push_str(s);
            }
            return;
        }
        if let Some(a) = &mut self.author {
            if self.stack.len() == a.depth {
                a.text.push_str(s);
            }
        }
    }

    /// A reference in text: resolved into the text being collected.
    fn reference(&mut self, name: &str) {
        let mut s = std::mem::take(&mut self.scratch);
        s.clear();
        push_reference(&mut s, name, &self.entities);
        self.text(&s);
        self.scratch = s;
    }

    /// `<!ENTITY name "value">` declarations of the internal subset (not expanded further).
    fn doctype(&mut self, d: &str) {
        let mut rest = d;
        while let Some(i) = rest.find("<!ENTITY") {
            rest = &rest[i + 8..];
            let decl = rest.trim_start();
            if decl.starts_with('%') {
                continue;
            }
            let name_len = decl.find(|c: char| c.is_whitespace()).unwrap_or(decl.len());
            let name = &decl[..name_len];
            let after = decl[name_len..].trim_start();
            let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            let Some(end) = after[1..].find(q) else {
                continue;
            };
            // plain text only: an entity made of other entities or markup is never expanded (no
            // billion laughs, not even one level of it); character references are fine
            let raw = &after[1..1 + end];
            let plain = !raw.contains(['<', '%'])
                && raw
                    .match_indices('&')
                    .all(|(i, _)| raw[i + 1..].starts_with('#'));
            let value = attr_value(raw, &HashMap::new());
            if plain && !name.is_empty() && self.entities.len() < 1024 {
                self.entities.insert(name.to_string(), value);
            }
        }
    }

    fn end(&mut self, empty: bool) {
        let depth = if empty {
            self.depth() + 1
        } else {
            self.depth()
        };
        if !empty {
            self.stack.pop();
        }
        if let Some(cap) = &mut self.capture {
            if depth > cap.depth {
                // markup inside a text construct
                if cap.transparent.last() == Some(&depth) {
                    cap.transparent.pop();
                } else if cap.open.last().is_some_and(|(d, _)| *d == depth) {
                    let (_, name) = cap.open.pop().expect("open tag");
                    if !is_void(&name) {
                        cap.buf.push_str("</");
                        cap.buf.push_str(&name);
                        cap.buf.push('>');
                    }
                }
                return;
            }
            if cap.depth == depth {
                let cap = self.capture.take().expect("capture");
                self.finish(cap);
            }
        }
        if self.name_capture.as_ref().is_some_and(|(d, _)| *d == depth) {
            let (_, name) = self.name_capture.take().expect("name");
            if let Some(a) = &mut self.author {
                a.name = Some(name);
            }
        }
        if self.author.as_ref().is_some_and(|a| a.depth == depth) {
            let a = self.author.take().expect("author");
            let name = author_name(a.name.as_deref().unwrap_or(&a.text));
            if let Some(entry) = self.entry() {
                if !name.is_empty() && !entry.authors.contains(&name) {
                    entry.authors.push(name);
                }
            }
        }
        if self.aside_depth == Some(depth) {
            self.aside_depth = None;
        }
        if self.entry_depth == Some(depth) {
            self.entry_depth = None;
        }
        if self.feed_depth == Some(depth) {
            self.feed_depth = None;
        }
        while self.bases.last().is_some_and(|(d, _)| *d >= depth) {
            self.bases.pop();
        }
    }

    /// A finished field into the entry (or the feed's title).
    fn finish(&mut self, cap: Capture) {
        let atom = self.atom;
        let depth = cap.depth;
        let Capture {
            elem,
            buf,
            inline,
            mut media_type,
            mode,
            base,
            rel,
            link_type,
            permalink,
            in_entry,
            markup,
            ..
        } = cap;
        if !markup {
            let v = text::repair(xml_trimmed(buf));
            if !in_entry {
                return;
            }
            let Some(entry) = self.entries.last_mut() else {
                return;
            };
            match elem {
                Elem::Link => {
                    if let Some(href) = resolve(&link_text(&v), base.as_ref()) {
                        entry.links.push(Link {
                            rel,
                            media_type: link_type,
                            href,
                        });
                    }
                }
                Elem::Guid | Elem::Id if !v.is_empty() => {
                    entry.guid = Some(v);
                    entry.guid_is_link = permalink;
                }
                Elem::Published => {
                    set_last(&mut entry.published, &mut entry.depths.published, v, depth)
                }
                Elem::Updated => set_last(&mut entry.updated, &mut entry.depths.updated, v, depth),
                Elem::Created => set_last(&mut entry.created, &mut entry.depths.created, v, depth),
                Elem::AuthorText => {
                    let name = author_name(&v);
                    if !name.is_empty() && !entry.authors.contains(&name) {
                        entry.authors.push(name);
                    }
                }
                _ => {}
            }
            return;
        }
        // a text construct
        if inline && !text::is_xml_type(&media_type) {
            media_type = "application/xhtml+xml".into();
        }
        let mut value = xml_trimmed(buf);
        if !inline && text::is_base64(mode.as_deref(), &media_type) {
            if let Some(decoded) = text::decode_base64(&value) {
                value = decoded;
            }
        }
        let value = text::repair(value);
        if !atom && media_type == "text/plain" && text::looks_like_html(&value) {
            media_type = "text/html".into();
        }
        let v = Value {
            html: text::is_html_type(&media_type),
            value,
        };
        if !in_entry {
            if elem == Elem::Title {
                set_title(
                    &mut self.feed_title,
                    &mut self.feed_title_depth,
                    &mut self.feed_title_lock,
                    v,
                    depth,
                );
            }
            return;
        }
        let Some(entry) = self.entries.last_mut() else {
            return;
        };
        match elem {
            Elem::Title => set_title(
                &mut entry.title,
                &mut entry.depths.title,
                &mut entry.depths.title_lock,
                v,
                depth,
            ),
            Elem::MediaTitle if entry.media_title.is_none() && !v.is_empty() => {
                entry.media_title = Some(v);
            }
            Elem::Description | Elem::Summary => {
                set_last(&mut entry.summary, &mut entry.depths.summary, v, depth)
            }
            Elem::FallbackSummary { .. } if entry.fallback_summary.is_none() && !v.is_empty() => {
                entry.fallback_summary = Some(v);
            }
            // the first readable full text: text or HTML (not an image in base64)
            Elem::Content | Elem::ContentHtml | Elem::Body
                if entry.content.is_none()
                    && (v.html || media_type == "text/plain")
                    && !v.is_empty() =>
            {
                entry.content = Some(v);
                entry.content_base = base;
            }
            _ => {}
        }
    }
}

/// "The shallowest wins; at the same depth the later one": RSS dates, summaries.
fn set_last<T>(slot: &mut Option<T>, at: &mut Option<usize>, v: T, depth: usize) {
    if at.is_none_or(|d| depth <= d) {
        *slot = Some(v);
        *at = Some(depth);
    }
}

/// Titles: the shallowest wins, and at the same depth the first that is not empty.
fn set_title(
    slot: &mut Option<Value>,
    at: &mut Option<usize>,
    lock: &mut Option<usize>,
    v: Value,
    depth: usize,
) {
    if lock.is_some_and(|l| l <= depth) {
        return;
    }
    if at.is_none_or(|d| depth <= d) {
        if !v.is_empty() {
            *lock = Some(depth);
        }
        *slot = Some(v);
        *at = Some(depth);
    }
}

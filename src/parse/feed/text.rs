//! Text constructs: what a feed's title, summary or content element holds and how it reads as text.
//!
//! Whether a value is HTML is decided as feedparser decides it: by the element's `type` (Atom's
//! `text`/`html`/`xhtml` or a media type; RSS descriptions are HTML, titles text), by inline child
//! elements (markup in the feed itself), and, outside Atom, by a value typed as text that looks like
//! HTML (a closing tag or an entity, and only tags HTML knows). Base64 (`mode="base64"` or a
//! non-text media type) is decoded, and the charset slips feeds are full of are repaired.

use crate::parse::charset::{repair_c1, repair_double_utf8};
use crate::parse::html::{self, normalize_space};
use scraper::Html;
use std::borrow::Cow;

/// A field's value and whether it is HTML.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Value {
    pub value: String,
    pub html: bool,
}

impl Value {
    pub fn text(value: impl Into<String>) -> Value {
        Value {
            value: value.into(),
            html: false,
        }
    }

    pub fn html(value: impl Into<String>) -> Value {
        Value {
            value: value.into(),
            html: true,
        }
    }

    /// One line of plain text: HTML reduced to what a reader sees, text with its whitespace collapsed.
    pub fn to_line(&self) -> String {
        if self.html {
            visible_text(&self.value)
        } else {
            normalize_space(&self.value)
        }
    }

    pub fn is_empty(&self) -> bool {
        self.value.trim().is_empty()
    }
}

/// A `type` attribute as a media type: Atom's `text`, `html` and `xhtml` by name, parameters dropped.
pub fn media_type(t: &str) -> String {
    let t = t
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match t.as_str() {
        "text" | "plain" => "text/plain".into(),
        "html" => "text/html".into(),
        "xhtml" => "application/xhtml+xml".into(),
        _ => t,
    }
}

/// Whether a media type is one of HTML's.
pub fn is_html_type(media_type: &str) -> bool {
    matches!(media_type, "text/html" | "application/xhtml+xml")
}

/// Whether a media type is XML (inline markup is its content, not a change of type).
pub fn is_xml_type(media_type: &str) -> bool {
    media_type.ends_with("xml")
}

/// Whether a text construct with this `mode` and media type is base64: Atom 0.3's `mode="base64"`,
/// or a media type that is neither text nor XML (Atom 1.0).
pub fn is_base64(mode: Option<&str>, media_type: &str) -> bool {
    if mode.is_some_and(|m| m.trim().eq_ignore_ascii_case("base64")) {
        return true;
    }
    if mode.is_some() {
        return false;
    }
    !(media_type.starts_with("text/") || is_xml_type(media_type))
}

/// Base64 (whitespace and line breaks allowed) decoded to UTF-8 text, if it is that.
pub fn decode_base64(s: &str) -> Option<String> {
    use base64::Engine;
    let compact: String = s.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if compact.is_empty() {
        return None;
    }
    let engine = base64::engine::general_purpose::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::general_purpose::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let bytes = engine.decode(compact.as_bytes()).ok()?;
    // text, not binary that happens to be UTF-8
    String::from_utf8(bytes)
        .ok()
        .filter(|t| !t.chars().any(|c| c.is_control() && !c.is_whitespace()))
}

/// The charset repairs every value gets: UTF-8 decoded twice, then windows-1252 characters stored as
/// C1 controls.
pub fn repair(s: String) -> String {
    let s = match repair_double_utf8(&s) {
        Cow::Owned(t) => t,
        Cow::Borrowed(_) => s,
    };
    match repair_c1(&s) {
        Cow::Owned(t) => t,
        Cow::Borrowed(_) => s,
    }
}

/// Elements feedparser's sanitizer keeps; a value typed as text whose tags are all among them (and
/// which has a closing tag or an entity) is HTML.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "big",
    "blockquote",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "command",
    "datagrid",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "event-source",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "keygen",
    "label",
    "legend",
    "li",
    "m",
    "map",
    "menu",
    "meter",
    "multicol",
    "nav",
    "nextid",
    "noscript",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "pre",
    "progress",
    "q",
    "s",
    "samp",
    "section",
    "select",
    "small",
    "sound",
    "source",
    "spacer",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "video",
];

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Whether a value typed as plain text is really HTML: it has a closing tag or an entity reference,
/// every tag in it is an HTML element, and every named entity one HTML defines.
pub fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    if memchr::memchr2(b'<', b'&', b).is_none() {
        return false;
    }
    let mut evidence = false;
    for i in memchr::memchr_iter(b'<', b) {
        let close = b.get(i + 1) == Some(&b'/');
        let start = i + 1 + usize::from(close);
        let len = b[start..]
            .iter()
            .take(16)
            .take_while(|&&c| is_word(c))
            .count();
        if len == 0 {
            continue;
        }
        if len == 16 {
            // no HTML element has a name that long
            return false;
        }
        let name = s[start..start + len].to_ascii_lowercase();
        if !HTML_ELEMENTS.contains(&name.as_str()) {
            return false;
        }
        if close && b.get(start + len) == Some(&b'>') {
            evidence = true;
        }
    }
    for i in memchr::memchr_iter(b'&', b) {
        let start = i + 1;
        let numeric = b.get(start) == Some(&b'#');
        let from = start + usize::from(numeric);
        let len = b[from..].iter().take_while(|&&c| is_word(c)).count();
        if len == 0 || b.get(from + len) != Some(&b';') {
            continue;
        }
        evidence = true;
        if !numeric && entity(&s[from..from + len]).is_none() {
            return false;
        }
    }
    evidence
}

/// The code points of an HTML named entity (without `&` and `;`).
pub fn entity(name: &str) -> Option<(u32, u32)> {
    if name.len() > 40 {
        return None;
    }
    let mut key = String::with_capacity(name.len() + 1);
    key.push_str(name);
    key.push(';');
    html5ever::data::NAMED_ENTITIES
        .get(key.as_str())
        .copied()
        .filter(|&(a, _)| a != 0)
}

/// Elements whose content is never text in a feed's title or summary: scripts, style sheets, other
/// documents and drawings, and the raw-text elements whose content HTML does not parse.
fn hidden(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "template"
            | "iframe"
            | "frame"
            | "frameset"
            | "applet"
            | "svg"
            | "noembed"
            | "noframes"
            | "noscript"
            | "xmp"
            | "plaintext"
            | "head"
    )
}

/// Raw-text and RCDATA elements, whose self-closing form (`<iframe src="…"/>`, common in XHTML-minded
/// feeds) HTML would read as the start of everything that follows.
const RAW_TEXT: [&str; 9] = [
    "iframe", "script", "style", "textarea", "title", "xmp", "noembed", "noframes", "noscript",
];

/// `<iframe …/>` and its kin as `<iframe …></iframe>`.
fn close_self_closed_raw_text(s: &str) -> Cow<'_, str> {
    if !s.contains("/>") {
        return Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let mut out = String::new();
    let mut last = 0;
    // the next '>' at or after the current '<' (found once per stretch: linear over any input)
    let mut gt = 0;
    for i in memchr::memchr_iter(b'<', b) {
        if i < last {
            continue;
        }
        let len = b[i + 1..]
            .iter()
            .take(9)
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name = s[i + 1..i + 1 + len].to_ascii_lowercase();
        if !RAW_TEXT.contains(&name.as_str()) {
            continue;
        }
        if gt <= i {
            match memchr::memchr(b'>', &b[i..]) {
                Some(e) => gt = i + e,
                None => break,
            }
        }
        let end = gt;
        if end > 0 && b[end - 1] == b'/' {
            out.push_str(&s[last..=end]);
            out.push_str("</");
            out.push_str(&name);
            out.push('>');
            last = end + 1;
        }
    }
    if last == 0 {
        return Cow::Borrowed(s);
    }
    out.push_str(&s[last..]);
    Cow::Owned(out)
}

/// A `<` with no `>` after it (`a <b`, a lone `<!DOCTYPE`) is text, not the start of a tag that never
/// ends.
fn stray_lt_as_text(s: &str) -> Cow<'_, str> {
    match s.rfind('<') {
        Some(i) if !s[i..].contains('>') => Cow::Owned(format!("{}&lt;{}", &s[..i], &s[i + 1..])),
        _ => Cow::Borrowed(s),
    }
}

/// HTML to one line of the text a reader sees: tags stripped, entities decoded, block boundaries and
/// line breaks as spaces, whitespace collapsed; scripts, style sheets, frames and drawings left out
/// with their content. Iterative over any depth.
pub fn visible_text(s: &str) -> String {
    if memchr::memchr2(b'<', b'&', s.as_bytes()).is_none() {
        return normalize_space(s);
    }
    let s = close_self_closed_raw_text(s);
    let s = stray_lt_as_text(&s);
    let doc = Html::parse_fragment(&crate::parse::listing::limit_nesting(
        &s,
        crate::parse::listing::MAX_NESTING,
    ));
    let mut out = String::with_capacity(s.len());
    let mut hiding = 0usize;
    use ego_tree::iter::Edge;
    for edge in doc.root_element().traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                scraper::Node::Element(e) => {
                    let name = e.name();
                    if hiding > 0 || hidden(name) {
                        hiding += 1;
                    } else if name == "br" || html::is_block(name) {
                        out.push(' ');
                    }
                }
                scraper::Node::Text(t) if hiding == 0 => out.push_str(t),
                _ => {}
            },
            Edge::Close(n) => {
                if let scraper::Node::Element(e) = n.value() {
                    if hiding > 0 {
                        hiding -= 1;
                    } else if html::is_block(e.name()) {
                        out.push(' ');
                    }
                }
            }
        }
    }
    normalize_space(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_decided_like_feedparser() {
        assert!(looks_like_html("<b>fett</b>"));
        assert!(looks_like_html("Bau &amp; Verkehr"));
        assert!(looks_like_html("Gr&uuml;&szlig;e"));
        // no closing tag, no entity: text that mentions a tag
        assert!(!looks_like_html("Strategie <Entwurf>"));
        assert!(!looks_like_html("a < b"));
        // a tag HTML does not know, or an entity it does not define: text
        assert!(!looks_like_html("<Entwurf>1</Entwurf>"));
        assert!(!looks_like_html("&ausgedacht; <b>x</b>"));
        assert!(!looks_like_html("safe<script>x</script>"));
    }

    #[test]
    fn types_and_base64() {
        assert_eq!(media_type("html"), "text/html");
        assert_eq!(media_type(" Text "), "text/plain");
        assert_eq!(media_type("xhtml"), "application/xhtml+xml");
        assert_eq!(media_type("text/html; charset=utf-8"), "text/html");
        assert!(is_base64(Some("base64"), "text/html"));
        assert!(!is_base64(Some("escaped"), "text/html"));
        assert!(is_base64(None, "application/octet-stream"));
        assert!(!is_base64(None, "text/plain"));
        assert!(!is_base64(None, "application/xhtml+xml"));
        assert_eq!(
            decode_base64("SGFs\nbG8g\r\nV2VsdA==").as_deref(),
            Some("Hallo Welt")
        );
        assert_eq!(decode_base64("SGFsbG8").as_deref(), Some("Hallo"));
        assert_eq!(decode_base64("kein base64!"), None);
    }

    #[test]
    fn visible_text_drops_scripts_and_frames() {
        assert_eq!(
            visible_text(
                "sicher<script type=\"text/javascript\">location.href='x';</script> genug"
            ),
            "sicher genug"
        );
        assert_eq!(
            visible_text("sicher<style>p{}</style><iframe src=\"x\"><b>nie</b></iframe> genug"),
            "sicher genug"
        );
        assert_eq!(visible_text("vor<iframe src=\"x\" /> nach"), "vor nach");
        assert_eq!(
            visible_text("<svg><title>Grafik</title><circle r=\"1\"/></svg>Text"),
            "Text"
        );
        assert_eq!(
            visible_text("<p>Erster &amp; <b>zweiter</b></p><p>Absatz</p>"),
            "Erster & zweiter Absatz"
        );
        assert_eq!(visible_text("<blink>sicher</blink> genug"), "sicher genug");
        assert_eq!(visible_text("a < b"), "a < b");
        assert_eq!(visible_text("kleiner <als"), "kleiner <als");
        assert_eq!(visible_text(" <!DOCTYPE "), "<!DOCTYPE");
    }

    #[test]
    fn values_as_lines() {
        assert_eq!(Value::text("<b>wörtlich</b>").to_line(), "<b>wörtlich</b>");
        assert_eq!(
            Value::html("<b>fett</b>  und\n so").to_line(),
            "fett und so"
        );
        assert_eq!(repair("don\u{92}t".into()), "don’t");
        assert_eq!(repair("â€žKÃ¶lnâ€œ".into()), "„Köln“");
    }
}

//! Hostile nesting flattened before the HTML parser sees it: html5ever's tree building is quadratic in
//! the depth of unclosed elements, so deeper start tags are dropped (their text is kept).

use std::borrow::Cow;

/// Element nesting deeper than this is flattened before parsing.
pub const MAX_NESTING: usize = 512;

/// `html` with element nesting beyond `max` levels flattened: deeper start tags (and their end
/// tags) are dropped, text is kept. Linear; returns the input unchanged when it is not that deep.
pub fn limit_nesting(html: &str, max: usize) -> Cow<'_, str> {
    if max_depth(html) <= max {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    let mut excess = 0usize;
    scan_tags(html, |tag| match tag {
        Tag::Text(s) | Tag::Other(s) => out.push_str(s),
        Tag::Open(s) => {
            if depth >= max {
                excess += 1;
            } else {
                depth += 1;
                out.push_str(s);
            }
        }
        Tag::Close(s) => {
            if excess > 0 {
                excess -= 1;
            } else {
                depth = depth.saturating_sub(1);
                out.push_str(s);
            }
        }
    });
    Cow::Owned(out)
}

fn max_depth(html: &str) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    scan_tags(html, |tag| match tag {
        Tag::Open(_) => {
            depth += 1;
            max = max.max(depth);
        }
        Tag::Close(_) => depth = depth.saturating_sub(1),
        _ => {}
    });
    max
}

enum Tag<'a> {
    Text(&'a str),
    /// A start tag that nests (not void, not self-closing, not implicitly closed).
    Open(&'a str),
    /// The end tag of a nesting element.
    Close(&'a str),
    /// Comments, doctype, void and implicitly closed elements, raw text elements with their content.
    Other(&'a str),
}

fn scan_tags<'a>(html: &'a str, mut f: impl FnMut(Tag<'a>)) {
    let b = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i = html[i..].find('<').map_or(b.len(), |k| i + k);
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(0);
        let is_tag = next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?';
        if !is_tag {
            i += 1;
            continue;
        }
        if text_start < i {
            f(Tag::Text(&html[text_start..i]));
        }
        if html[i..].starts_with("<!--") {
            let end = html[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
            f(Tag::Other(&html[i..end]));
            i = end;
            text_start = i;
            continue;
        }
        // the end of the tag, quotes respected
        let end = crate::parse::rawtext::tag_end(b, i + 1).unwrap_or(b.len());
        let tag = &html[i..end];
        let closing = next == b'/';
        let name_start = if closing { i + 2 } else { i + 1 };
        let name = &html[name_start.min(end)..end];
        let name = &name[..name
            .bytes()
            .position(|c| !c.is_ascii_alphanumeric())
            .unwrap_or(name.len())];
        let name: Cow<'_, str> = if name.bytes().any(|c| c.is_ascii_uppercase()) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        };
        let nests = !name.is_empty()
            && next != b'!'
            && next != b'?'
            && !matches!(
                name.as_ref(),
                "a" | "area"
                    | "base"
                    | "br"
                    | "col"
                    | "embed"
                    | "hr"
                    | "img"
                    | "input"
                    | "link"
                    | "meta"
                    | "source"
                    | "track"
                    | "wbr"
                    | "p"
                    | "li"
                    | "dt"
                    | "dd"
                    | "tr"
                    | "td"
                    | "th"
                    | "option"
                    | "html"
                    | "head"
                    | "body"
                    | "tbody"
                    | "thead"
                    | "tfoot"
            );
        let raw = matches!(name.as_ref(), "script" | "style" | "textarea" | "title");
        if !closing && raw {
            // the whole raw text element, up to its end tag
            let close = format!("</{name}");
            let body_end = find_ci(&html[end..], &close).map_or(b.len(), |k| end + k);
            let close_end = html[body_end..]
                .find('>')
                .map_or(b.len(), |k| body_end + k + 1);
            f(Tag::Other(&html[i..close_end]));
            i = close_end;
        } else {
            let self_closing = tag.ends_with("/>");
            f(match (nests, closing, self_closing) {
                (true, false, false) => Tag::Open(tag),
                (true, true, _) => Tag::Close(tag),
                _ => Tag::Other(tag),
            });
            i = end;
        }
        text_start = i;
    }
    if text_start < b.len() {
        f(Tag::Text(&html[text_start..]));
    }
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_limited() {
        let deep = format!("{}x{}", "<div>".repeat(10), "</div>".repeat(10));
        assert_eq!(limit_nesting(&deep, 20), deep);
        let flat = limit_nesting(&deep, 3);
        assert_eq!(flat, "<div><div><div>x</div></div></div>");
        let s = "<p>a<script>if (a<b) {}</script><br><img src=x>b</p>";
        assert_eq!(limit_nesting(s, 0), s);
    }
}

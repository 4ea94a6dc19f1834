//! Repairs before the XML reader sees a feed: what hand-made feeds get wrong so often that reading
//! them as written would lose whole items.

use memchr::memmem::Finder;
use std::borrow::Cow;
use std::sync::LazyLock;

// searchers made once: a feed has two elements to look into per item, and a searcher made for each
// look cost more than the look (memmem::find builds one every call); the XML reader's text taken at
// once looks for the ends of CDATA sections with the same one
static CDATA_START: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("<![CDATA["));
pub(super) static CDATA_END: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("]]>"));

/// RSS `<description>` and `<content:encoded>` holding raw HTML that is not XML (`<br>`, unclosed
/// paragraphs) wrapped in CDATA, so that the HTML stays the element's text.
pub fn wrap_raw_html(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut last = 0;
    for tag in ["description", "content:encoded"] {
        let open = format!("<{tag}>");
        let close = format!("</{tag}>");
        let open_finder = Finder::new(open.as_bytes());
        let close_finder = Finder::new(close.as_bytes());
        let mut from = 0;
        while let Some(i) = open_finder.find(&text.as_bytes()[from..]) {
            let start = from + i + open.len();
            let Some(len) = close_finder.find(&text.as_bytes()[start..]) else {
                break;
            };
            let inner = &text[start..start + len];
            from = start + len + close.len();
            if start < last
                || !inner.contains('<')
                || CDATA_START.find(inner.as_bytes()).is_some()
                || CDATA_END.find(inner.as_bytes()).is_some()
                || is_balanced_xml(inner)
            {
                continue;
            }
            out.push_str(&text[last..start]);
            out.push_str("<![CDATA[");
            out.push_str(inner);
            out.push_str("]]>");
            last = start + len;
        }
        if !out.is_empty() {
            // one element kind per pass keeps the output in document order
            out.push_str(&text[last..]);
            return Cow::Owned(wrap_raw_html(&out).into_owned());
        }
    }
    Cow::Borrowed(text)
}

/// Whether markup is well-formed XML on its own: every start tag closed in order (then it is read as
/// inline markup, as the feed wrote it).
fn is_balanced_xml(s: &str) -> bool {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with('!') || rest.starts_with('?') {
            return false;
        }
        let end = match rest.find('>') {
            Some(e) => e,
            None => return false,
        };
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            if stack.pop() != Some(name.trim()) {
                return false;
            }
        } else if !tag.ends_with('/') {
            let name = tag.split(|c: char| c.is_whitespace()).next().unwrap_or("");
            if name.is_empty() {
                return false;
            }
            stack.push(name);
        }
    }
    stack.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_wrapped_unless_it_is_xml() {
        assert_eq!(
            wrap_raw_html("<item><description>a<br>b</description></item>"),
            "<item><description><![CDATA[a<br>b]]></description></item>"
        );
        let xml = "<item><description>a <b>b</b><br/></description></item>";
        assert_eq!(wrap_raw_html(xml), xml);
        let plain = "<item><description>a &lt; b</description></item>";
        assert_eq!(wrap_raw_html(plain), plain);
    }
}

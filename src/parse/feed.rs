//! RSS 0.9x/1.0/2.0, Atom and JSON Feed to teasers (and articles where the feed carries full text).
//!
//! The text handed in is already decoded to UTF-8 (see [`crate::parse::charset`]). `feed-rs` would
//! decode again by the XML declaration's `encoding`, so the declaration is rewritten to UTF-8 first.
//! HTML entities that XML does not know (`&auml;`, `&nbsp;`, common in hand-made feeds) become
//! numeric references before parsing.

use crate::document::{Article, Block, Item, Kind, Listing, Teaser};
use crate::parse::html::{self, normalize_space};
use crate::parse::ParseError;
use scraper::Html;
use std::borrow::Cow;
use url::Url;

/// The longest teaser summary, in characters (cut at a word boundary, with "…").
pub const SUMMARY_MAX: usize = 600;

/// Parses a decoded feed.
pub fn parse_feed(text: &str, base: Option<&Url>) -> Result<Listing, ParseError> {
    let text = text.trim_start_matches('\u{feff}');
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(ParseError::Feed("the document is empty".into()));
    }
    let prepared: Cow<'_, str> = if trimmed.starts_with('{') {
        Cow::Borrowed(trimmed)
    } else {
        let t = utf8_declaration(trimmed);
        let t = numeric_entities(&t).into_owned();
        let t = wrap_raw_html(&t).into_owned();
        Cow::Owned(rss_version(&t).into_owned())
    };
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.filter(|u| u.scheme() != "file").map(Url::as_str))
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .timestamp_parser(feed_timestamp)
        .build();
    let feed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parser.parse(prepared.as_bytes())
    }))
    .map_err(|_| ParseError::Feed("the feed could not be parsed".into()))?
    .map_err(|e| ParseError::Feed(one_line(&e.to_string())))?;

    let title = feed
        .title
        .as_ref()
        .map(|t| plain_text(&t.content))
        .filter(|t| !t.is_empty());
    let mut items = Vec::with_capacity(feed.entries.len());
    for entry in &feed.entries {
        items.push(item(entry, title.as_deref(), base));
    }
    if items.is_empty() && title.is_none() {
        return Err(ParseError::Feed("no channel title and no items".into()));
    }
    Ok(Listing {
        title,
        feeds: Vec::new(),
        via: None,
        items,
    })
}

fn item(entry: &feed_rs::model::Entry, source: Option<&str>, base: Option<&Url>) -> Item {
    let entry_base: Option<Url> = entry
        .base
        .as_deref()
        .and_then(|b| match base {
            Some(u) => u.join(b).ok(),
            None => Url::parse(b).ok(),
        })
        .or_else(|| base.cloned());
    let url = entry_link(entry)
        .and_then(|href| absolute(href, entry_base.as_ref()))
        .or_else(|| {
            // an RSS guid that is a permalink
            let id = entry.id.trim();
            (id.starts_with("http://") || id.starts_with("https://")).then(|| id.to_string())
        });
    let title = entry
        .title
        .as_ref()
        .map(|t| plain_text(&t.content))
        .unwrap_or_default();
    let published = entry
        .published
        .or(entry.updated)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, false));
    let summary_full = entry
        .summary
        .as_ref()
        .map(|s| text_of(&s.content, s.content_type.as_ref()))
        .filter(|s| !s.is_empty());
    let content = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_ref().map(|b| (b, c.content_type.to_string())))
        .filter(|(b, _)| !b.trim().is_empty());

    let mut article = None;
    if let Some((body, ctype)) = content {
        let body_base = url
            .as_deref()
            .and_then(|u| Url::parse(u).ok())
            .or_else(|| entry_base.clone());
        let blocks = if ctype.contains("plain") {
            plain_blocks(body)
        } else {
            // (blocks_from_fragment flattens hostile nesting itself)
            html::blocks_from_fragment(body, body_base.as_ref())
        };
        if !blocks.is_empty() {
            let body_start: String = blocks
                .iter()
                .map(|b| b.text().into_owned())
                .collect::<Vec<_>>()
                .join(" ");
            let lead = summary_full
                .as_ref()
                .filter(|s| !same_start(s, &body_start))
                .cloned();
            let byline = entry
                .authors
                .iter()
                .filter_map(|p| p.name.as_deref().map(normalize_space))
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>();
            let mut a = Article {
                title: title.clone(),
                url: url.clone(),
                published: published.clone(),
                byline: (!byline.is_empty()).then(|| byline.join(", ")),
                lead,
                kicker: None,
                source: source.map(str::to_string),
                kind: Kind::Article,
                speakers: Vec::new(),
                blocks,
            };
            crate::interview::recognize(&mut a);
            article = Some(a);
        }
    }
    let summary = summary_full
        .or_else(|| {
            article.as_ref().and_then(|a| {
                let t = a
                    .blocks
                    .iter()
                    .filter(|b| !matches!(b, Block::Image { .. } | Block::Heading { .. }))
                    .map(|b| b.text().into_owned())
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ");
                (!t.trim().is_empty()).then(|| normalize_space(&t))
            })
        })
        .map(|s| truncate(&s, SUMMARY_MAX));
    let title = if title.is_empty() {
        // an item without a title (allowed in RSS): the start of its summary
        summary
            .as_deref()
            .map(|s| truncate(s, 80))
            .unwrap_or_default()
    } else {
        title
    };
    let guid = Some(entry.id.trim().to_string()).filter(|g| !g.is_empty());
    Item {
        teaser: Teaser {
            title,
            url,
            published,
            summary,
            source: source.map(str::to_string),
            kind: article.as_ref().map(|a| a.kind),
            kicker: None,
        },
        guid,
        article,
    }
}

/// The entry's article link: `rel="alternate"` (or no rel) preferred over others.
fn entry_link(entry: &feed_rs::model::Entry) -> Option<&str> {
    let links = &entry.links;
    links
        .iter()
        .find(|l| {
            matches!(l.rel.as_deref(), None | Some("alternate"))
                && l.media_type.as_deref().is_none_or(|m| m.contains("html"))
        })
        .or_else(|| {
            links
                .iter()
                .find(|l| !matches!(l.rel.as_deref(), Some("enclosure" | "self" | "edit")))
        })
        .map(|l| l.href.as_str())
        .filter(|h| !h.trim().is_empty())
}

fn absolute(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    match Url::parse(href) {
        Ok(u) => Some(u.to_string()),
        Err(_) => match base {
            Some(b) => b.join(href).ok().map(|u| u.to_string()),
            None => Some(href.to_string()),
        },
    }
}

/// A feed's date: RFC 3339, RFC 2822 (also with a wrong weekday or German month names, as German
/// feeds write them), else any date form [`crate::parse::date`] knows (midnight UTC).
pub fn feed_timestamp(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    use chrono::{DateTime, NaiveDate, Utc};
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    // without the weekday, and with English month names
    let rest = s.split_once(',').map_or(s, |(_, r)| r).trim();
    let english: Vec<String> = rest
        .split_whitespace()
        .map(|w| {
            let m = w.trim_end_matches('.').to_lowercase();
            match m.as_str() {
                "jan" | "januar" | "jän" => "Jan",
                "feb" | "februar" => "Feb",
                "mär" | "mrz" | "märz" | "mar" => "Mar",
                "apr" | "april" => "Apr",
                "mai" | "may" => "May",
                "jun" | "juni" => "Jun",
                "jul" | "juli" => "Jul",
                "aug" | "august" => "Aug",
                "sep" | "sept" | "september" => "Sep",
                "okt" | "oct" | "oktober" => "Oct",
                "nov" | "november" => "Nov",
                "dez" | "dec" | "dezember" => "Dec",
                "mez" => "+0100",
                "mesz" => "+0200",
                "utc" | "z" => "+0000",
                _ => return w.to_string(),
            }
            .to_string()
        })
        .collect();
    if let Ok(d) = DateTime::parse_from_rfc2822(&english.join(" ")) {
        return Some(d.with_timezone(&Utc));
    }
    let iso = crate::parse::date::parse_date(s)?;
    if let Ok(d) = DateTime::parse_from_rfc3339(&iso) {
        return Some(d.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(&iso, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
}

/// Whether a summary is just the start of the body (so it is no lead of its own).
fn same_start(summary: &str, body: &str) -> bool {
    let norm = |s: &str| -> String {
        s.trim_end_matches(['…', '.', ' '])
            .trim_end_matches("[...]")
            .trim_end_matches("[…]")
            .trim_end_matches("...")
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let s = norm(summary);
    let b = norm(body);
    if s.is_empty() {
        return true;
    }
    b.starts_with(&s) || (s.len() > 40 && s.starts_with(&b))
}

/// Plain-text content (JSON Feed `content_text`, Atom `type="text"`) as paragraphs.
fn plain_blocks(text: &str) -> Vec<Block> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(normalize_space)
        .filter(|p| !p.is_empty())
        .map(Block::paragraph)
        .collect()
}

/// The text of a field by its media type: HTML stripped, whitespace collapsed.
fn text_of(content: &str, media_type: &str) -> String {
    if media_type.contains("plain") && !looks_like_html(content) {
        normalize_space(content)
    } else {
        plain_text(content)
    }
}

fn looks_like_html(s: &str) -> bool {
    const TAGS: [&str; 32] = [
        "a",
        "b",
        "i",
        "u",
        "p",
        "br",
        "em",
        "strong",
        "span",
        "div",
        "img",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "figure",
        "figcaption",
        "table",
        "tr",
        "td",
        "small",
        "sup",
        "sub",
        "code",
        "pre",
        "hr",
    ];
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let r = rest.strip_prefix('/').unwrap_or(rest);
        if r.starts_with("!--") || r.starts_with("![CDATA[") {
            return true;
        }
        let name: String = r
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .take(12)
            .collect::<String>()
            .to_ascii_lowercase();
        let next = r[name.len().min(r.len())..].chars().next();
        if TAGS.contains(&name.as_str()) && matches!(next, Some('>' | ' ' | '/' | '\t' | '\n')) {
            return true;
        }
    }
    s.contains('&') && s.contains(';')
}

/// HTML (or text that may hold tags and entities) to one line of plain text: tags stripped, entities
/// decoded, block boundaries become spaces, whitespace collapsed. Iterative over any depth.
pub fn plain_text(s: &str) -> String {
    if !looks_like_html(s) {
        return normalize_space(s);
    }
    let doc = Html::parse_fragment(&crate::parse::listing::limit_nesting(
        s,
        crate::parse::listing::MAX_NESTING,
    ));
    let mut out = String::with_capacity(s.len());
    // block boundaries and line breaks become spaces; an image inside a summary says nothing as text
    html::walk_visible(doc.root_element(), |ev| match ev {
        html::Visible::Open(name) if name == "br" || html::is_block(name) => out.push(' '),
        html::Visible::Close(name) if html::is_block(name) => out.push(' '),
        html::Visible::Text(t) => out.push_str(t),
        _ => {}
    });
    normalize_space(&out)
}

/// `s` cut to at most `max` characters at a word boundary, with "…" appended when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut = s
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(s.len(), |(i, _)| i);
    let head = &s[..cut];
    let at_word = match head.rfind(char::is_whitespace) {
        Some(i) if i > cut / 2 => &head[..i],
        _ => head,
    };
    let at_word = at_word.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–".contains(c));
    format!("{at_word}…")
}

/// The XML declaration with its `encoding` replaced by UTF-8 (the text is decoded already).
fn utf8_declaration(text: &str) -> Cow<'_, str> {
    let Some(rest) = text.strip_prefix("<?xml") else {
        return Cow::Borrowed(text);
    };
    let Some(end) = rest.find("?>") else {
        return Cow::Borrowed(text);
    };
    let decl = &rest[..end];
    if !decl.to_ascii_lowercase().contains("encoding") {
        return Cow::Borrowed(text);
    }
    let version = if decl.contains("1.1") { "1.1" } else { "1.0" };
    Cow::Owned(format!(
        "<?xml version=\"{version}\" encoding=\"UTF-8\"?>{}",
        &rest[end + 2..]
    ))
}

/// RSS with a version `feed-rs` does not dispatch on (`0.90`, `0.93`, `2.01`, none) is read as the
/// nearest one it knows.
fn rss_version(text: &str) -> Cow<'_, str> {
    let head_end = text.len().min(4096);
    let head_end = (0..=head_end)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let Some(start) = text[..head_end].find("<rss") else {
        return Cow::Borrowed(text);
    };
    let Some(len) = text[start..].find('>') else {
        return Cow::Borrowed(text);
    };
    let tag = &text[start..start + len];
    if !tag
        .as_bytes()
        .get(4)
        .is_none_or(|c| c.is_ascii_whitespace())
    {
        return Cow::Borrowed(text);
    }
    let version = tag.find("version=").and_then(|i| {
        let v = &tag[i + 8..];
        let q = v.chars().next()?;
        let v = &v[q.len_utf8()..];
        Some(&v[..v.find(q)?])
    });
    let want = match version {
        Some("2.0" | "0.91" | "0.92" | "") => return Cow::Borrowed(text),
        Some(v) if v.starts_with("0.9") => "0.92",
        _ => "2.0",
    };
    let new_tag = match version {
        Some(v) => tag.replacen(&format!("\"{v}\""), &format!("\"{want}\""), 1),
        None => format!("<rss version=\"{want}\"{}", &tag[4..]),
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..start]);
    out.push_str(&new_tag);
    out.push_str(&text[start + len..]);
    Cow::Owned(out)
}

/// HTML named entities XML does not define, as numeric character references.
fn numeric_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let name_len = after
            .bytes()
            .take(12)
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        if name_len > 0 && after.as_bytes().get(name_len) == Some(&b';') {
            let name = &after[..name_len];
            if matches!(name, "amp" | "lt" | "gt" | "quot" | "apos") {
                out.push('&');
                rest = after;
                continue;
            }
            if let Some(cp) = entity(name) {
                out.push_str(&format!("&#{cp};"));
                rest = &after[name_len + 1..];
                changed = true;
                continue;
            }
        }
        if is_char_reference(after) {
            out.push('&');
        } else {
            // a bare "&" (as in "Bau & Verkehr") or an unknown entity: the text it looks like
            out.push_str("&amp;");
            changed = true;
        }
        rest = after;
    }
    out.push_str(rest);
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether text after an "&" is a character reference: `#123;` or `#x1F;`.
fn is_char_reference(after: &str) -> bool {
    let Some(r) = after.strip_prefix('#') else {
        return false;
    };
    let (digits, hex) = match r.strip_prefix(['x', 'X']) {
        Some(h) => (h, true),
        None => (r, false),
    };
    let n = digits
        .bytes()
        .take(8)
        .take_while(|b| {
            if hex {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        })
        .count();
    n > 0 && digits.as_bytes().get(n) == Some(&b';')
}

/// RSS `<description>` and `<content:encoded>` holding raw, unescaped HTML (invalid XML, common in
/// hand-made feeds) wrapped in CDATA, so that the HTML stays the element's text.
fn wrap_raw_html(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut last = 0;
    for tag in ["description", "content:encoded"] {
        let open = format!("<{tag}>");
        let close = format!("</{tag}>");
        let mut from = 0;
        while let Some(i) = text[from..].find(&open) {
            let start = from + i + open.len();
            let Some(len) = text[start..].find(&close) else {
                break;
            };
            let inner = &text[start..start + len];
            from = start + len + close.len();
            if start < last
                || !inner.contains('<')
                || inner.contains("<![CDATA[")
                || inner.contains("]]>")
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

fn entity(name: &str) -> Option<u32> {
    Some(match name {
        "nbsp" => 160,
        "iexcl" => 161,
        "cent" => 162,
        "pound" => 163,
        "curren" => 164,
        "yen" => 165,
        "sect" => 167,
        "uml" => 168,
        "copy" => 169,
        "ordf" => 170,
        "laquo" => 171,
        "not" => 172,
        "shy" => 173,
        "reg" => 174,
        "deg" => 176,
        "plusmn" => 177,
        "sup2" => 178,
        "sup3" => 179,
        "acute" => 180,
        "micro" => 181,
        "para" => 182,
        "middot" => 183,
        "raquo" => 187,
        "frac12" => 189,
        "iquest" => 191,
        "Agrave" => 192,
        "Aacute" => 193,
        "Acirc" => 194,
        "Auml" => 196,
        "Ccedil" => 199,
        "Egrave" => 200,
        "Eacute" => 201,
        "Ouml" => 214,
        "times" => 215,
        "Uuml" => 220,
        "szlig" => 223,
        "agrave" => 224,
        "aacute" => 225,
        "acirc" => 226,
        "auml" => 228,
        "ccedil" => 231,
        "egrave" => 232,
        "eacute" => 233,
        "ecirc" => 234,
        "iacute" => 237,
        "ntilde" => 241,
        "oacute" => 243,
        "ocirc" => 244,
        "ouml" => 246,
        "divide" => 247,
        "uacute" => 250,
        "uuml" => 252,
        "ndash" => 8211,
        "mdash" => 8212,
        "lsquo" => 8216,
        "rsquo" => 8217,
        "sbquo" => 8218,
        "ldquo" => 8220,
        "rdquo" => 8221,
        "bdquo" => 8222,
        "bull" => 8226,
        "hellip" => 8230,
        "lsaquo" => 8249,
        "rsaquo" => 8250,
        "euro" => 8364,
        "trade" => 8482,
        "thinsp" => 8201,
        "ensp" => 8194,
        "emsp" => 8195,
        "zwnj" => 8204,
        "zwj" => 8205,
        _ => return None,
    })
}

/// An error message as one short line.
fn one_line(s: &str) -> String {
    // the XML parser quotes the input in its messages: no control character may come along
    let s = normalize_space(&crate::parse::sanitize::clean_line(s));
    if s.is_empty() {
        "the feed could not be parsed".into()
    } else {
        truncate(&s, 200)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_quote_no_control_characters() {
        // found by the `feed` fuzz target: the XML error quotes the broken end tag
        let text = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>K</tit\0\0\u{1b}]0;x\u{7}\u{9b}le></channel></rss>";
        let e = parse_feed(text, None).expect_err("broken XML");
        let m = e.to_string();
        assert!(
            !m.chars().any(crate::parse::sanitize::is_forbidden),
            "{m:?}"
        );
        assert!(m.contains("</tit"), "{m}");
    }

    #[test]
    fn truncates_at_words() {
        assert_eq!(truncate("kurz", 10), "kurz");
        assert_eq!(truncate("eins zwei drei vier", 12), "eins zwei…");
        let long = "ä".repeat(50);
        assert_eq!(truncate(&long, 10).chars().count(), 10);
    }

    #[test]
    fn declaration_rewritten() {
        assert_eq!(
            utf8_declaration("<?xml version='1.0' encoding='ISO-8859-1'?><rss/>"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss/>"
        );
        assert_eq!(utf8_declaration("<rss/>"), "<rss/>");
    }

    #[test]
    fn entities_and_versions() {
        assert_eq!(
            numeric_entities("K&ouml;ln &amp; &bdquo;x&ldquo; &foo; &#228; &#xE4; Bau & Tat"),
            "K&#246;ln &amp; &#8222;x&#8220; &amp;foo; &#228; &#xE4; Bau &amp; Tat"
        );
        assert_eq!(
            rss_version("<rss version=\"0.90\"><channel/></rss>"),
            "<rss version=\"0.92\"><channel/></rss>"
        );
        assert_eq!(
            rss_version("<rss><channel/></rss>"),
            "<rss version=\"2.0\"><channel/></rss>"
        );
    }

    #[test]
    fn feed_dates() {
        let iso = |s: &str| feed_timestamp(s).map(|d| d.to_rfc3339());
        assert_eq!(
            iso("Mon, 22 Dec 2025 10:30:00 +0100").as_deref(),
            Some("2025-12-22T09:30:00+00:00")
        );
        // wrong weekday
        assert_eq!(
            iso("Tue, 22 Dec 2025 10:30:00 GMT").as_deref(),
            Some("2025-12-22T10:30:00+00:00")
        );
        assert_eq!(
            iso("Mo, 22 Dez 2025 10:30:00 +0100").as_deref(),
            Some("2025-12-22T09:30:00+00:00")
        );
        assert_eq!(
            iso("Do, 05 Mär 2026 08:00:00 MEZ").as_deref(),
            Some("2026-03-05T07:00:00+00:00")
        );
        assert_eq!(
            iso("2025-10-28").as_deref(),
            Some("2025-10-28T00:00:00+00:00")
        );
        assert_eq!(
            iso("22.12.2025").as_deref(),
            Some("2025-12-22T00:00:00+00:00")
        );
        assert_eq!(iso("bald"), None);
    }

    #[test]
    fn plain_text_strips() {
        assert_eq!(
            plain_text("<p>Erster &amp; <b>zweiter</b></p><p>Absatz</p><script>x</script>"),
            "Erster & zweiter Absatz"
        );
        assert_eq!(plain_text("a < b"), "a < b");
    }
}

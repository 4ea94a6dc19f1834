//! RSS 0.90/0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed to teasers (and articles where the feed carries
//! full text), read the way Python's feedparser reads them.
//!
//! The stages: [`prepare`] repairs what hand-made feeds get wrong before any parser sees them; the
//! format readers turn a document into entries with their raw fields ([`xml`] for every XML format
//! in one namespace-aware walk over quick-xml, with [`elements`] saying what an element means and
//! [`refs`] resolving references; [`json`] for JSON Feed via feed-rs); [`text`] decides what a
//! field's value is (text or HTML, base64, charset repairs) and how it reads as one line; and [`map`]
//! makes the teasers and articles.
//!
//! The text handed in is already decoded to UTF-8 (see [`crate::parse::charset`]).

mod elements;
mod json;
mod map;
mod prepare;
mod refs;
pub mod text;
mod xml;

use crate::document::Listing;
use crate::parse::html::normalize_space;
use crate::parse::ParseError;
use url::Url;

/// The longest teaser summary, in characters (cut at a word boundary, with "…").
pub const SUMMARY_MAX: usize = 600;

/// Parses a decoded feed. `base` is where it came from (or its `Content-Location`): relative links
/// resolve against it unless `xml:base` says otherwise.
pub fn parse_feed(text: &str, base: Option<&Url>) -> Result<Listing, ParseError> {
    parse_feed_with(text, base, false)
}

/// [`parse_feed`] for the store: every item's full text stays as the feed carried it
/// ([`crate::document::Item::full_text`]), to be made an article by [`build_article`] when it is
/// opened. What a reload does per item is then reading the XML, the teaser's fields and one copy of
/// the body.
pub fn parse_feed_lazy(text: &str, base: Option<&Url>) -> Result<Listing, ParseError> {
    parse_feed_with(text, base, true)
}

/// An item's article from the full text a lazily parsed feed kept: the same article [`parse_feed`]
/// makes of it (sanitized), or None when the body has no text.
pub fn build_article(f: &crate::document::FullText) -> Option<crate::document::Article> {
    map::article(f).map(crate::document::Article::sanitized)
}

fn parse_feed_with(text: &str, base: Option<&Url>, lazy: bool) -> Result<Listing, ParseError> {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.is_empty() {
        return Err(ParseError::Feed("the document is empty".into()));
    }
    let raw = if text.starts_with('{') {
        json::read(text, base)
    } else {
        xml::read(&prepare::wrap_raw_html(text), base)
    }
    .map_err(|e| ParseError::Feed(one_line(&e)))?;
    if raw.entries.is_empty() && raw.title.as_ref().is_none_or(text::Value::is_empty) {
        return Err(ParseError::Feed("no channel title and no items".into()));
    }
    Ok(map::listing(raw, base, lazy))
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
    // a weekday that does not match the date (chrono refuses it): the date without it
    if let Some((day, rest)) = s.split_once(',') {
        if day.len() <= 9 && day.bytes().all(|b| b.is_ascii_alphabetic()) {
            if let Ok(d) = DateTime::parse_from_rfc2822(rest.trim_start()) {
                return Some(d.with_timezone(&Utc));
            }
        }
    }
    // without the weekday, and with English month names
    let rest = s.split_once(',').map_or(s, |(_, r)| r).trim();
    let english: Vec<String> = rest
        .split_whitespace()
        .map(|w| {
            let m = w.trim_end_matches('.').to_lowercase();
            match m.as_str() {
                "jan" | "januar" | "jän" | "january" => "Jan",
                "feb" | "februar" | "february" => "Feb",
                "mär" | "mrz" | "märz" | "mar" | "march" => "Mar",
                "apr" | "april" => "Apr",
                "mai" | "may" => "May",
                "jun" | "juni" | "june" => "Jun",
                "jul" | "juli" | "july" => "Jul",
                "aug" | "august" => "Aug",
                "sep" | "sept" | "september" => "Sep",
                "okt" | "oct" | "oktober" | "october" => "Oct",
                "nov" | "november" => "Nov",
                "dez" | "dec" | "dezember" | "december" => "Dec",
                "mez" => "+0100",
                "mesz" => "+0200",
                "utc" | "z" => "+0000",
                // an ISO-style zone in an RFC 2822 date: +01:00 is +0100
                z if z.len() == 6 && z.starts_with(['+', '-']) && z.as_bytes()[3] == b':' => {
                    return z.replace(':', "");
                }
                _ => return w.to_string(),
            }
            .to_string()
        })
        .collect();
    if let Ok(d) = DateTime::parse_from_rfc2822(&english.join(" ")) {
        return Some(d.with_timezone(&Utc));
    }
    if let Some(d) = crate::parse::date::w3dtf(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Some(d) = crate::parse::date::asctime(s) {
        return Some(d);
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
        assert_eq!(
            iso("Wednesday, 31 December 2003 10:14:55 GMT").as_deref(),
            Some("2003-12-31T10:14:55+00:00")
        );
        assert_eq!(
            iso("Wed, 31 Dec 2003 10:14:55 +01:00").as_deref(),
            Some("2003-12-31T09:14:55+00:00")
        );
        assert_eq!(
            iso("2003-12-31 10:14:55").as_deref(),
            Some("2003-12-31T10:14:55+00:00")
        );
        assert_eq!(
            iso("Wed Dec 31 10:14:55 2003").as_deref(),
            Some("2003-12-31T10:14:55+00:00")
        );
        assert_eq!(iso("bald"), None);
    }
}

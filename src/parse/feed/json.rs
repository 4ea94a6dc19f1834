//! JSON Feed, read by feed-rs (which does it well), into the same fields as the XML formats.

use super::text::Value;
use super::xml::{Link, RawEntry, RawFeed};
use url::Url;

/// Reads a JSON Feed. The error is one line.
pub fn read(text: &str, base: Option<&Url>) -> Result<RawFeed, String> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.filter(|u| u.scheme() != "file").map(Url::as_str))
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .timestamp_parser(super::feed_timestamp)
        .build();
    let feed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parser.parse(text.as_bytes())
    }))
    .map_err(|_| "the feed could not be parsed".to_string())?
    .map_err(|e| e.to_string())?;
    let rfc3339 =
        |d: chrono::DateTime<chrono::Utc>| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let entries = feed
        .entries
        .iter()
        .map(|e| {
            let html = |t: &str| t.contains("html");
            RawEntry {
                title: e.title.as_ref().map(|t| Value::text(t.content.clone())),
                summary: e
                    .summary
                    .as_ref()
                    .map(|s| Value {
                        html: html(s.content_type.as_ref()),
                        value: s.content.clone(),
                    })
                    .filter(|v| !v.is_empty()),
                content: e.content.as_ref().and_then(|c| {
                    let body = c.body.clone()?;
                    Some(Value {
                        html: html(c.content_type.as_ref()),
                        value: body,
                    })
                }),
                links: e
                    .links
                    .iter()
                    .map(|l| Link {
                        rel: l.rel.clone().unwrap_or_else(|| "alternate".into()),
                        media_type: l.media_type.clone(),
                        href: super::xml::resolve(&l.href, base).unwrap_or_default(),
                    })
                    .collect(),
                guid: Some(e.id.trim().to_string()).filter(|g| !g.is_empty()),
                guid_is_link: true,
                published: e.published.map(rfc3339),
                updated: e.updated.map(rfc3339),
                authors: e
                    .authors
                    .iter()
                    .map(|p| {
                        crate::parse::html::normalize_space(p.name.as_deref().unwrap_or_default())
                    })
                    .filter(|n| !n.is_empty())
                    .collect(),
                ..RawEntry::default()
            }
        })
        .collect();
    Ok(RawFeed {
        title: feed.title.map(|t| Value::text(t.content)),
        entries,
    })
}

//! A server's item as blatt's item (pure): the title as plain text, the date as RFC 3339, and the
//! content parsed like a feed's full text — blocks, then interview recognition — when it is the full
//! text. A content that is only a teaser (short, or cut off with an ellipsis) stays the summary, and
//! the reader reads the linked page in reader mode as for any feed that has no full text.

use super::{RawItem, RemoteEntry};
use crate::document::{Article, Block, Item, Kind, Teaser};
use crate::parse::feed::text::visible_text as plain_text;
use crate::parse::feed::{truncate, SUMMARY_MAX};
use crate::parse::html::{blocks_from_fragment, normalize_space};
use url::Url;

/// Content of at least this many characters is a full text whatever its shape.
const FULL_TEXT_CHARS: usize = 600;
/// Content of two or more text blocks is a full text from this many characters on.
const FULL_TEXT_MULTI_CHARS: usize = 280;

/// Whether the blocks of a content are an article's full text rather than a teaser of it.
pub fn is_full_text(blocks: &[Block]) -> bool {
    let texts: Vec<String> = blocks
        .iter()
        .filter(|b| !matches!(b, Block::Image { .. }))
        .map(|b| b.text().trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    let cut_off = texts.last().is_some_and(|t| {
        let t = t.trim_end();
        t.ends_with('…') || t.ends_with("...") || t.ends_with("[…]") || t.ends_with("[...]")
    });
    !cut_off && (chars >= FULL_TEXT_CHARS || (texts.len() >= 2 && chars >= FULL_TEXT_MULTI_CHARS))
}

/// RFC 3339 (UTC, seconds) of a Unix time; `None` for 0 or out of range.
pub fn rfc3339(secs: i64) -> Option<String> {
    (secs > 0)
        .then(|| chrono::DateTime::from_timestamp(secs, 0))
        .flatten()
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
}

/// The item's link when it is an absolute http(s) URL.
fn link(url: Option<&str>) -> Option<String> {
    let u = Url::parse(url?.trim()).ok()?;
    matches!(u.scheme(), "http" | "https").then(|| u.to_string())
}

/// A server's item as blatt's (sanitized: no control character from the server reaches the screen).
pub fn entry(raw: RawItem) -> RemoteEntry {
    let url = link(raw.url.as_deref());
    let base = url.as_deref().and_then(|u| Url::parse(u).ok());
    let published = raw.published.and_then(rfc3339);
    let source = raw
        .feed_title
        .as_deref()
        .map(plain_text)
        .filter(|t| !t.trim().is_empty());
    let blocks = raw
        .content
        .as_deref()
        .map(|c| blocks_from_fragment(c, base.as_ref()))
        .unwrap_or_default();
    let summary = {
        let t = blocks
            .iter()
            .filter(|b| !matches!(b, Block::Image { .. } | Block::Heading { .. }))
            .map(|b| b.text().into_owned())
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        let t = normalize_space(&t);
        (!t.is_empty()).then(|| truncate(&t, SUMMARY_MAX))
    };
    let mut title = plain_text(&raw.title);
    if title.trim().is_empty() {
        title = summary
            .as_deref()
            .map(|s| truncate(s, 80))
            .unwrap_or_default();
    }
    let article = is_full_text(&blocks).then(|| {
        let mut a = Article {
            title: title.clone(),
            url: url.clone(),
            published: published.clone(),
            byline: raw.author.as_deref().map(normalize_space),
            lead: None,
            kicker: None,
            source: source.clone(),
            kind: Kind::Article,
            speakers: Vec::new(),
            blocks,
        };
        crate::interview::recognize(&mut a);
        a.sanitized()
    });
    let teaser = Teaser {
        title,
        url,
        published,
        summary,
        source,
        kind: article.as_ref().map(|a| a.kind),
        kicker: None,
    }
    .sanitized();
    RemoteEntry {
        remote_id: crate::parse::sanitize::clean_line(&raw.id),
        feed: crate::parse::sanitize::clean_line(&raw.feed),
        feed_title: teaser.source.clone(),
        item: Item {
            teaser,
            guid: None,
            full_text: None,
            article,
        },
        read: raw.read,
        starred: raw.starred,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(content: &str) -> RawItem {
        RawItem {
            id: "17".into(),
            feed: "feed/3".into(),
            feed_title: Some("Amt &amp; Netz".into()),
            title: "Fünf Fragen an Ole Sandvoß".into(),
            url: Some("https://wendelsee.example/a/17".into()),
            published: Some(1793466000),
            author: Some("Malte Ohrbeck".into()),
            content: Some(content.into()),
            read: false,
            starred: true,
        }
    }

    #[test]
    fn a_full_text_interview_is_recognised() {
        let html = "<p>Die Gemeinde Quellingen stellt ihre Verwaltung um. Wir sprachen mit dem \
            Bürgermeister Ole Sandvoß über das neue Portal und die Kosten.</p>\
            <p><strong>Herr Sandvoß, warum jetzt?</strong></p>\
            <p><strong>Ole Sandvoß:</strong> Weil die Anträge sich stapeln und die Bürger warten. \
            Wir haben zwei Jahre lang geplant und fangen jetzt mit den häufigsten Leistungen an.</p>\
            <p><strong>Was kostet das?</strong></p>\
            <p><strong>Sandvoß:</strong> Weniger als der Server im Keller, der zweimal im Jahr \
            ausgefallen ist. Das Rechenzentrum des Kreises betreibt die Fachverfahren.</p>\
            <p><strong>Und die Mitarbeiter?</strong></p>\
            <p><strong>Sandvoß:</strong> Die sind erleichtert, ehrlich gesagt. Keiner vermisst das Faxgerät.</p>";
        let e = entry(raw(html));
        let a = e.item.article.as_ref().expect("full text");
        assert_eq!(a.kind, Kind::Interview, "{:#?}", a.blocks);
        assert!(a.speakers.iter().any(|s| s.name == "Ole Sandvoß"));
        assert_eq!(e.item.teaser.kind, Some(Kind::Interview));
        assert_eq!(e.item.teaser.source.as_deref(), Some("Amt & Netz"));
        assert_eq!(
            e.item.teaser.published.as_deref(),
            Some("2026-10-31T17:00:00+00:00")
        );
        assert_eq!(a.byline.as_deref(), Some("Malte Ohrbeck"));
        assert!(e.starred && !e.read);
        assert_eq!((e.remote_id.as_str(), e.feed.as_str()), ("17", "feed/3"));
    }

    #[test]
    fn a_teaser_stays_a_summary() {
        let e = entry(raw("<p>Volltext 0.0: Die Stadt stellt ihr Portal um.</p>"));
        assert!(e.item.article.is_none());
        assert_eq!(
            e.item.teaser.summary.as_deref(),
            Some("Volltext 0.0: Die Stadt stellt ihr Portal um.")
        );
        assert_eq!(e.item.teaser.kind, None);
        let long_cut = format!("<p>{} …</p>", "Wort ".repeat(200));
        assert!(entry(raw(&long_cut)).item.article.is_none(), "cut off");
        let long = format!("<p>{}.</p>", "Wort ".repeat(200));
        assert!(entry(raw(&long)).item.article.is_some());
        let mut none = raw("");
        none.content = None;
        let e = entry(none);
        assert!(e.item.article.is_none() && e.item.teaser.summary.is_none());
    }

    #[test]
    fn hostile_text_is_cleaned() {
        let mut r = raw("<p>\u{1b}]52;c;ZXZpbA==\u{7} Text</p>");
        r.title = "Titel\u{1b}[2J &lt;b&gt; \u{202e}gnp".into();
        r.url = Some("javascript:alert(1)".into());
        r.id = "1\u{9b}2".into();
        let e = entry(r);
        let t = &e.item.teaser;
        assert!(
            !t.title.chars().any(crate::parse::sanitize::is_forbidden),
            "{:?}",
            t.title
        );
        assert!(t.title.contains("<b>"), "entities decoded: {:?}", t.title);
        assert_eq!(t.url, None, "only http(s) links");
        assert!(!t
            .summary
            .as_deref()
            .unwrap_or("")
            .chars()
            .any(crate::parse::sanitize::is_forbidden));
        assert_eq!(e.remote_id, "12");
    }

    #[test]
    fn untitled_items_take_their_summary() {
        let mut r = raw("<p>Der Kreistag beschließt den Haushalt.</p>");
        r.title = "  ".into();
        assert_eq!(
            entry(r).item.teaser.title,
            "Der Kreistag beschließt den Haushalt."
        );
        assert_eq!(rfc3339(0), None);
    }
}

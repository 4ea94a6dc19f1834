//! Bytes to documents: charset decoding, kind sniffing, feeds, listing pages, article pages.
//!
//! Everything here is a pure function: no I/O, no clock, no terminal.

pub mod article;
pub mod charset;
pub mod date;
pub mod feed;
pub mod html;
pub mod listing;
pub mod rawtext;
pub mod sanitize;

use crate::document::Parsed;
use url::Url;

/// What the caller wants a source to be read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum KindHint {
    /// Sniff it.
    #[default]
    Auto,
    Feed,
    Listing,
    Article,
}

/// Why a source could not be turned into a document.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ParseError {
    #[error("empty document")]
    Empty,
    #[error("not a feed: {0}")]
    Feed(String),
    #[error("not a listing page: no teasers found")]
    NoTeasers,
    #[error("not a readable document: {0}")]
    Unreadable(String),
}

/// The broad shape of a decoded text, by its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Feed,
    Html,
    Unknown,
}

/// Sniffs whether `text` is a feed (RSS 0.9x/1.0/2.0, Atom, JSON Feed) or HTML.
pub fn sniff(text: &str) -> Sniffed {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(2048)
        .collect();
    let lower = head.to_ascii_lowercase();
    if lower.starts_with('{') {
        return if lower.contains("jsonfeed.org") {
            Sniffed::Feed
        } else {
            Sniffed::Unknown
        };
    }
    // skip the XML declaration, comments, doctype and processing instructions
    let mut rest = lower.as_str();
    let mut html_doctype = false;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r.split_once("?>").map(|x| x.1).unwrap_or("");
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.split_once("-->").map(|x| x.1).unwrap_or("");
        } else if let Some(r) = rest.strip_prefix("<!") {
            html_doctype |= r.starts_with("doctype html");
            // a doctype's internal subset holds declarations with their own '>'
            let subset = r.find('[').filter(|&b| r.find('>').is_none_or(|g| b < g));
            rest = match subset {
                Some(_) => r.split_once("]>").map(|x| x.1).unwrap_or(""),
                None => r.split_once('>').map(|x| x.1).unwrap_or(""),
            };
        } else {
            break;
        }
    }
    let tag: String = rest
        .trim_start_matches('<')
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
        .collect();
    match tag.as_str() {
        "rss" | "feed" | "rdf:rdf" | "rdf" | "channel" => Sniffed::Feed,
        t if t.ends_with(":rdf") || t.ends_with(":feed") || t.ends_with(":rss") => Sniffed::Feed,
        _ if html_doctype => Sniffed::Html,
        "" if rest.is_empty() => Sniffed::Unknown,
        _ if rest.starts_with('<') => Sniffed::Html,
        _ => Sniffed::Unknown,
    }
}

/// The time a document was fetched: "now" for a listing page's relative dates (`vor 3 Stunden`) and
/// the year of dates without one, where the page does not say its own date.
pub type Now = Option<chrono::DateTime<chrono::FixedOffset>>;

/// How a document is read beyond its text, address and kind: all off by default.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// Where a feed's relative links resolve when the server named a base apart from the document's
    /// URL (`Content-Location`); the URL otherwise.
    pub feed_base: Option<&'a Url>,
    /// When the document was fetched (see [`Now`]).
    pub now: Now,
    /// For the store: a feed's full texts stay as the feed carried them, made into articles when they
    /// are opened (see [`feed::parse_feed_lazy`]); pages are parsed as ever.
    pub lazy: bool,
}

/// Parses a decoded document. `url` is where it came from (for absolute links and the article's URL).
/// Without a fetch time; see [`parse_with`].
pub fn parse(text: &str, url: Option<&Url>, hint: KindHint) -> Result<Parsed, ParseError> {
    parse_with(text, url, hint, Options::default())
}

/// Parses a decoded document from `url` as `options` say.
pub fn parse_with(
    text: &str,
    url: Option<&Url>,
    hint: KindHint,
    options: Options<'_>,
) -> Result<Parsed, ParseError> {
    parse_unclean(text, url, hint, options).map_err(|e| match e {
        // messages may quote the input: one line, no control character
        ParseError::Feed(m) => ParseError::Feed(sanitize::clean_line(&m)),
        ParseError::Unreadable(m) => ParseError::Unreadable(sanitize::clean_line(&m)),
        other => other,
    })
}

fn parse_unclean(
    text: &str,
    url: Option<&Url>,
    hint: KindHint,
    options: Options<'_>,
) -> Result<Parsed, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let Options {
        feed_base,
        now,
        lazy,
    } = options;
    let feed_base = feed_base.or(url);
    let feed = |text: &str| {
        if lazy {
            feed::parse_feed_lazy(text, feed_base)
        } else {
            feed::parse_feed(text, feed_base)
        }
    };
    let parsed = match hint {
        KindHint::Feed => Parsed::Feed(feed(text)?),
        KindHint::Listing => {
            Parsed::Listing(listing::parse_listing_at(text, url, now).ok_or(ParseError::NoTeasers)?)
        }
        KindHint::Article => Parsed::Article(Box::new(article::extract(
            &listing::limit_nesting(text, listing::MAX_NESTING),
            url,
        ))),
        KindHint::Auto => match sniff(text) {
            Sniffed::Feed => Parsed::Feed(feed(text)?),
            Sniffed::Html | Sniffed::Unknown => {
                if sniff(text) == Sniffed::Unknown && !text.contains('<') {
                    return Err(ParseError::Unreadable(
                        "neither a feed nor an HTML page".into(),
                    ));
                }
                // hostile nesting makes the HTML parser quadratic: flatten it once for both
                let text = listing::limit_nesting(text, listing::MAX_NESTING);
                match listing::analyse(&text, url, now) {
                    Some(a) if a.is_listing => Parsed::Listing(a.listing),
                    _ => Parsed::Article(Box::new(article::extract(&text, url))),
                }
            }
        },
    };
    Ok(sanitized(parsed))
}

/// Decodes bytes (see [`charset::decode`]) and parses them. Without a fetch time or a feed base;
/// see [`parse_bytes_with`].
pub fn parse_bytes(
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&Url>,
    hint: KindHint,
) -> Result<Parsed, ParseError> {
    parse_bytes_with(bytes, content_type, url, hint, Options::default())
}

/// Decodes bytes and parses them as `options` say (see [`parse_with`]).
pub fn parse_bytes_with(
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&Url>,
    hint: KindHint,
    options: Options<'_>,
) -> Result<Parsed, ParseError> {
    let text = charset::decode(bytes, content_type);
    parse_with(&text, url, hint, options)
}

/// [`parse_bytes_with`] for the store: a feed's full texts stay unparsed ([`Options::lazy`]).
pub fn parse_bytes_for_store(
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&Url>,
    feed_base: Option<&Url>,
    hint: KindHint,
) -> Result<Parsed, ParseError> {
    let options = Options {
        feed_base,
        lazy: true,
        ..Options::default()
    };
    parse_bytes_with(bytes, content_type, url, hint, options)
}

/// The article a page holds besides its teasers (see [`article::page_article`]), decoded and
/// sanitized; `None` when it holds none. For a page that sniffs as a listing when one article is asked
/// for (`blatt read` without `--item`).
pub fn page_article_bytes(
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&Url>,
) -> Option<crate::document::Article> {
    let text = charset::decode(bytes, content_type);
    if sniff(&text) == Sniffed::Feed {
        return None;
    }
    let text = listing::limit_nesting(&text, listing::MAX_NESTING);
    article::page_article(&text, url).map(|a| a.sanitized())
}

fn sanitized(p: Parsed) -> Parsed {
    fn listing(mut l: crate::document::Listing) -> crate::document::Listing {
        l.title = sanitize::clean_opt(l.title);
        l.feeds = l.feeds.iter().map(|f| sanitize::clean(f)).collect();
        for it in &mut l.items {
            it.teaser = std::mem::take(&mut it.teaser).sanitized();
            it.guid = sanitize::clean_opt(it.guid.take());
            it.article = it.article.take().map(|a| a.sanitized());
        }
        l
    }
    match p {
        Parsed::Feed(l) => Parsed::Feed(listing(l)),
        Parsed::Listing(l) => Parsed::Listing(listing(l)),
        Parsed::Article(a) => Parsed::Article(Box::new(a.sanitized())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_feeds_and_html() {
        assert_eq!(
            sniff("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Sniffed::Feed
        );
        assert_eq!(
            sniff("\u{feff}<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Sniffed::Feed
        );
        assert_eq!(
            sniff("<?xml version=\"1.0\"?><!-- c --><rdf:RDF>"),
            Sniffed::Feed
        );
        assert_eq!(
            sniff("{\"version\": \"https://jsonfeed.org/version/1.1\"}"),
            Sniffed::Feed
        );
        assert_eq!(sniff("<!DOCTYPE html><html>"), Sniffed::Html);
        assert_eq!(sniff("<!DOCTYPE html>\n<p>kein Feed"), Sniffed::Html);
        // a feed behind a doctype: an XHTML one, or one with entity declarations
        assert_eq!(
            sniff("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"x\"><rss><channel>"),
            Sniffed::Feed
        );
        assert_eq!(
            sniff("<!DOCTYPE rss [ <!ENTITY ort \"Hafenstadt\"> ]>\n<rss version=\"2.0\">"),
            Sniffed::Feed
        );
        assert_eq!(sniff("<r:rss xmlns:r=\"x\">"), Sniffed::Feed);
        assert_eq!(sniff("<html><body>"), Sniffed::Html);
        assert_eq!(sniff("hello"), Sniffed::Unknown);
    }
}

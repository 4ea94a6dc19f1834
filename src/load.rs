//! Source to document: fetch (HTTP or file), decode, sniff, parse. Shared by the CLI and the TUI.

use crate::document::{Parsed, Via};
use crate::fetch::{Client, FetchError, Location};
use crate::parse::{self, KindHint, ParseError};
use url::Url;

/// Why a source could not be read: fetching or parsing. One line.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum LoadError {
    #[error("{0}")]
    Fetch(#[from] FetchError),
    #[error("{0}")]
    Parse(#[from] ParseError),
    /// The parser crashed on this input (a bug; the details are in the log).
    #[error("could not be read: {0}")]
    Internal(String),
}

/// A parsed source and the URL it was finally read from.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub parsed: Parsed,
    pub url: Option<Url>,
}

/// Fetches and parses one source. A web page read as kind `auto` that is a listing page and
/// advertises a feed of its own site is read from that feed when the feed answers (see
/// [`prefer_feed`]); a file is always read as it is.
pub async fn load(client: &Client, loc: &Location, hint: KindHint) -> Result<Loaded, LoadError> {
    let fetched = client.load(loc).await?;
    let url = fetched.url.clone().or_else(|| loc.base_url());
    let parsed = parse_off_thread(fetched, url.clone(), hint, false).await?;
    let parsed = match (loc, &url) {
        (Location::Url(_), Some(page)) if hint == KindHint::Auto => {
            prefer_feed(client, page, parsed, false).await
        }
        _ => parsed,
    };
    Ok(Loaded { parsed, url })
}

/// Fetches and parses one source to read one article from it: a page that sniffs as a listing but
/// holds an article besides its teasers (a blog post above its related posts or comments, a video
/// page above more from the show) is that article. Anything else as [`load`] gives it.
pub async fn load_article(
    client: &Client,
    loc: &Location,
    hint: KindHint,
) -> Result<Loaded, LoadError> {
    let fetched = client.load(loc).await?;
    let url = fetched.url.clone().or_else(|| loc.base_url());
    let bytes =
        (hint == KindHint::Auto).then(|| (fetched.bytes.clone(), fetched.content_type.clone()));
    let parsed = parse_off_thread(fetched, url.clone(), hint, false).await?;
    if let (Parsed::Listing(_), Some((bytes, content_type))) = (&parsed, bytes) {
        let base = url.clone();
        let article = off_thread(move || {
            parse::page_article_bytes(&bytes, content_type.as_deref(), base.as_ref())
        })
        .await?;
        if let Some(a) = article {
            return Ok(Loaded {
                parsed: Parsed::Article(Box::new(a)),
                url,
            });
        }
    }
    Ok(Loaded { parsed, url })
}

/// A listing page fetched from `page` that advertises a feed of the same site: that feed's items
/// instead of the page's teasers when it answers with a feed, else the page's teasers, each with a
/// note of which it is ([`Via`]). Anything else is returned as it is. `for_store`: see
/// [`parse_off_thread`].
pub async fn prefer_feed(client: &Client, page: &Url, parsed: Parsed, for_store: bool) -> Parsed {
    let Parsed::Listing(mut listing) = parsed else {
        return parsed;
    };
    let Some(feed) = site_feed(page, &listing.feeds) else {
        return Parsed::Listing(listing);
    };
    let read = async {
        let loc = Location::Url(feed.clone());
        let fetched = client.load(&loc).await?;
        let base = fetched.url.clone().or(Some(feed.clone()));
        match parse_off_thread(fetched, base, KindHint::Feed, for_store).await? {
            Parsed::Feed(l) if !l.items.is_empty() => Ok(l),
            Parsed::Feed(_) => Err(LoadError::Parse(ParseError::Feed("no items".into()))),
            _ => Err(LoadError::Parse(ParseError::Feed("not a feed".into()))),
        }
    };
    match read.await {
        Ok(mut l) => {
            l.via = Some(Via::Feed(feed.to_string()));
            Parsed::Feed(l)
        }
        Err(e) => {
            tracing::info!(page = %page, feed = %feed, error = %e, "advertised feed failed");
            listing.via = Some(Via::PageFeedFailed {
                feed: feed.to_string(),
                reason: e.to_string(),
            });
            Parsed::Listing(listing)
        }
    }
}

/// The first advertised feed of the page's own site (same host or the same registered domain,
/// `feeds.example.org` for `www.example.org`) that is not a comments feed.
pub fn site_feed(page: &Url, feeds: &[String]) -> Option<Url> {
    let site = site_of(page)?;
    feeds
        .iter()
        .filter_map(|f| Url::parse(f).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .filter(|u| site_of(u).as_deref() == Some(site.as_str()))
        .find(|u| !u.path().to_ascii_lowercase().contains("comment"))
}

/// A host's registered domain, roughly: the last two labels, three under a two-letter country
/// domain with a short second level (`example.co.uk`); an IP address as it is.
fn site_of(u: &Url) -> Option<String> {
    let host = u.host_str()?.to_ascii_lowercase();
    if u.host().is_some_and(|h| !matches!(h, url::Host::Domain(_))) {
        return Some(format!("{host}:{}", u.port_or_known_default().unwrap_or(0)));
    }
    let labels: Vec<&str> = host.trim_end_matches('.').split('.').collect();
    let n = labels.len();
    let keep = if n >= 3 && labels[n - 1].len() == 2 && labels[n - 2].len() <= 3 {
        3
    } else {
        2
    };
    Some(labels[n.saturating_sub(keep)..].join("."))
}

/// How many documents are parsed at once: one per core. More parsers than cores only take turns, and
/// each extra thread keeps its own heap (a reload of hundreds of sources would hold a dozen).
fn parsers() -> &'static tokio::sync::Semaphore {
    static PARSERS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PARSERS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new(cores.clamp(1, 8))
    })
}

/// Runs CPU work for a source (parsing, making it ready for the store) on a blocking thread, not on
/// the async threads, at most one per core at a time: more would only take turns with each other and
/// with the store's writer. A panic fails this source only.
pub async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, LoadError> {
    // the semaphore is never closed; should it be, the work goes ahead without a permit
    let _permit = parsers().acquire().await.ok();
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "parser crashed");
        LoadError::Internal("internal parser error".into())
    })
}

/// Parses fetched bytes with [`off_thread`]. `for_store`: a feed's full texts stay unparsed (see
/// [`parse::Options::lazy`]).
pub async fn parse_off_thread(
    fetched: crate::fetch::Fetched,
    base: Option<Url>,
    hint: KindHint,
    for_store: bool,
) -> Result<Parsed, LoadError> {
    parse_off_thread_then(fetched, base, hint, for_store, |parsed| parsed).await
}

/// [`parse_off_thread`], and `then` with what it parsed on the same thread (a reload makes it ready for
/// the store there: one trip to a parser's thread instead of two).
pub async fn parse_off_thread_then<T: Send + 'static>(
    fetched: crate::fetch::Fetched,
    base: Option<Url>,
    hint: KindHint,
    for_store: bool,
    then: impl FnOnce(Parsed) -> T + Send + 'static,
) -> Result<T, LoadError> {
    // the fetch time: "now" for a listing page's relative dates (parsing itself has no clock)
    let now = chrono::Utc::now().fixed_offset();
    off_thread(move || {
        let options = parse::Options {
            feed_base: fetched.content_location.as_ref(),
            now: Some(now),
            lazy: for_store,
        };
        // the body becomes the text without a copy when it is UTF-8
        let text = parse::charset::decode_vec(fetched.bytes, fetched.content_type.as_deref());
        let parsed = parse::parse_with(&text, base.as_ref(), hint, options);
        // what was parsed holds no part of the text: its buffer serves the next fetch
        crate::fetch::buffers::recycle(text.into_bytes());
        parsed.map(then)
    })
    .await?
    .map_err(LoadError::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_feed_of_the_same_site() {
        let page = Url::parse("https://www.talheim.example/aktuelles/").unwrap();
        let feeds = |f: &[&str]| f.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            site_feed(&page, &feeds(&["https://talheim.example/feed.xml"])).map(String::from),
            Some("https://talheim.example/feed.xml".to_string())
        );
        // another site's feed and a comments feed are not the site's news
        assert_eq!(
            site_feed(
                &page,
                &feeds(&[
                    "https://feeds.elsewhere.example/talheim",
                    "https://www.talheim.example/comments/feed/",
                    "https://news.talheim.example/rss",
                ])
            )
            .map(String::from),
            Some("https://news.talheim.example/rss".to_string())
        );
        assert_eq!(site_feed(&page, &feeds(&[])), None);
        let uk = Url::parse("https://www.brackwell.co.uk/").unwrap();
        assert_eq!(site_feed(&uk, &feeds(&["https://other.co.uk/rss"])), None);
        // a test server on 127.0.0.1: the same address and port
        let local = Url::parse("http://127.0.0.1:8080/news/").unwrap();
        assert!(site_feed(&local, &feeds(&["http://127.0.0.1:8080/rss.xml"])).is_some());
        assert!(site_feed(&local, &feeds(&["http://127.0.0.1:9090/rss.xml"])).is_none());
    }
}

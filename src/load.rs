//! Source to document: fetch (HTTP or file), decode, sniff, parse. Shared by the CLI and the TUI.

use crate::document::Parsed;
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

/// Fetches and parses one source.
pub async fn load(client: &Client, loc: &Location, hint: KindHint) -> Result<Loaded, LoadError> {
    let fetched = client.load(loc).await?;
    let url = fetched.url.clone().or_else(|| loc.base_url());
    let parsed = parse_off_thread(fetched, url.clone(), hint, false).await?;
    Ok(Loaded { parsed, url })
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

/// Parses fetched bytes on a blocking thread (parsing is CPU work, not for the async threads), at most
/// one per core at a time; a parser that panics fails this source only. `for_store`: a feed's full
/// texts stay unparsed (see [`parse::parse_bytes_for_store`]).
pub async fn parse_off_thread(
    fetched: crate::fetch::Fetched,
    base: Option<Url>,
    hint: KindHint,
    for_store: bool,
) -> Result<Parsed, LoadError> {
    // the semaphore is never closed; should it be, parsing goes ahead without a permit
    let _permit = parsers().acquire().await.ok();
    tokio::task::spawn_blocking(move || {
        let parse = if for_store {
            parse::parse_bytes_for_store
        } else {
            parse::parse_bytes_located
        };
        parse(
            &fetched.bytes,
            fetched.content_type.as_deref(),
            base.as_ref(),
            fetched.content_location.as_ref(),
            hint,
        )
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "parser crashed");
        LoadError::Internal("internal parser error".into())
    })?
    .map_err(LoadError::from)
}

//! Two-way sync with a feed server: the Google Reader API ([`greader`]: FreshRSS, Miniflux,
//! Inoreader, …) and Tiny Tiny RSS's JSON API ([`ttrss`]).
//!
//! ```text
//! [sync] in the config ─► password.rs (command without a shell, or file) ─► a Backend (greader / ttrss,
//!   over http.rs: JSON and forms with reqwest) ─► engine.rs: push the queued marks in order, then the
//!   subscriptions (categories → tags), the new items page by page (items.rs maps them to blatt's
//!   items: the full text parsed like a feed's, interviews recognised), then the read/starred state
//!   ─► the store (store/sync.rs), each page one transaction
//! ```
//!
//! The backends only speak their API; what a sync does, and in which order, is [`engine`]'s. Which
//! marks go to the server, and how, is [`queue`]'s (pure).

pub mod engine;
pub mod greader;
pub mod http;
pub mod items;
pub mod password;
pub mod queue;
pub mod ttrss;

pub use crate::store::{MarkAction, QueuedMark, RemoteEntry, RemoteSource};
use std::future::Future;

/// Why a sync (or one call of it) failed. Each displays as one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// Connection refused, DNS, timeout, a broken answer: the server is not there now.
    #[error("cannot reach the server: {0}")]
    Unreachable(String),
    /// The login was refused (a wrong user name or password, or a 401 after logging in again).
    #[error("the server refused user `{0}`: wrong user name or password")]
    Auth(String),
    /// Logged in, but the server does not let this user use its API.
    #[error("the server refused access: {0}")]
    Denied(String),
    /// An HTTP error status other than 401.
    #[error("the server answered HTTP {0}")]
    Status(String),
    /// An answer that is not what the API promises.
    #[error("unexpected answer from the server: {0}")]
    Protocol(String),
    /// The password could not be read.
    #[error("{0}")]
    Password(String),
    /// The offline store failed.
    #[error("{0}")]
    Store(String),
}

impl From<crate::store::StoreError> for SyncError {
    fn from(e: crate::store::StoreError) -> Self {
        SyncError::Store(e.to_string())
    }
}

impl SyncError {
    /// Whether the server was not there (as opposed to there and saying no).
    pub fn is_unreachable(&self) -> bool {
        matches!(self, SyncError::Unreachable(_))
    }
}

/// An item as a server lists it, before it is parsed into blatt's model.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawItem {
    /// The server's id (decimal for the Google Reader API, the article id for TT-RSS).
    pub id: String,
    /// The server's id of its feed.
    pub feed: String,
    pub feed_title: Option<String>,
    pub title: String,
    pub url: Option<String>,
    /// Seconds since the epoch.
    pub published: Option<i64>,
    pub author: Option<String>,
    /// HTML: the feed's full text, or its summary where the feed had no more.
    pub content: Option<String>,
    pub read: bool,
    pub starred: bool,
}

/// A page of items, and whether more follow.
#[derive(Clone, Debug, Default)]
pub struct ItemPage {
    pub items: Vec<RawItem>,
    pub more: bool,
}

/// What a sync server can do; [`engine`] decides when. Every call logs in first when there is no
/// session, and once again when the server says the session is gone.
pub trait Backend: Send {
    /// Paging state through the server's items of one sync.
    type Pager: Send;

    /// Logs in (checks the user and password).
    fn login(&mut self) -> impl Future<Output = Result<(), SyncError>> + Send;

    /// The subscribed feeds with their categories.
    fn subscriptions(
        &mut self,
    ) -> impl Future<Output = Result<Vec<RemoteSource>, SyncError>> + Send;

    /// Starts paging through the items that arrived after `cursor` (every item when `None`).
    fn pager(&self, cursor: Option<&str>) -> Self::Pager;

    /// The next page.
    fn next_items(
        &mut self,
        pager: &mut Self::Pager,
    ) -> impl Future<Output = Result<ItemPage, SyncError>> + Send;

    /// The cursor to start from next time, once every page was read.
    fn cursor(&self, pager: &Self::Pager) -> Option<String>;

    /// The ids of every unread item.
    fn unread_ids(&mut self) -> impl Future<Output = Result<Vec<String>, SyncError>> + Send;

    /// The ids of every starred item.
    fn starred_ids(&mut self) -> impl Future<Output = Result<Vec<String>, SyncError>> + Send;

    /// The ids of a feed's unread items.
    fn feed_unread_ids(
        &mut self,
        feed: &str,
    ) -> impl Future<Output = Result<Vec<String>, SyncError>> + Send;

    /// Marks items read, unread, starred or unstarred (`action` is never `SourceRead`).
    fn set(
        &mut self,
        action: MarkAction,
        ids: &[String],
    ) -> impl Future<Output = Result<(), SyncError>> + Send;

    /// Marks every item of a feed read (mark-all-as-read, catchupFeed).
    fn mark_feed_read(&mut self, feed: &str) -> impl Future<Output = Result<(), SyncError>> + Send;
}

/// The server's address as a user typed it, without a password (for messages and the store).
pub fn server_label(cfg: &crate::config::SyncConfig) -> String {
    crate::parse::sanitize::clean_line(&format!("{} {}", cfg.kind.as_str(), cfg.url.trim()))
}

/// The backend `[sync]` names, logged in lazily.
pub enum Remote {
    GReader(greader::GReader),
    TtRss(ttrss::TtRss),
}

impl Remote {
    /// A client for the server of `cfg`; each request may take `timeout`.
    pub fn connect(
        cfg: &crate::config::SyncConfig,
        password: &str,
        timeout: std::time::Duration,
    ) -> Result<Remote, SyncError> {
        let http = http::Http::new(timeout)?;
        Ok(match cfg.kind {
            crate::config::SyncKind::GReader => {
                Remote::GReader(greader::GReader::new(http, &cfg.url, &cfg.user, password)?)
            }
            crate::config::SyncKind::TtRss => {
                Remote::TtRss(ttrss::TtRss::new(http, &cfg.url, &cfg.user, password)?)
            }
        })
    }

    /// A whole sync ([`engine::sync`]).
    pub async fn sync(
        &mut self,
        db: &engine::Db,
        server: &str,
        progress: &(dyn Fn(engine::Progress) + Send + Sync),
    ) -> Result<engine::Summary, SyncError> {
        match self {
            Remote::GReader(b) => engine::sync(b, db, server, progress).await,
            Remote::TtRss(b) => engine::sync(b, db, server, progress).await,
        }
    }

    /// Only the queued marks ([`engine::push`]), for the reader's marks within seconds. Returns
    /// (pushed, rejected).
    pub async fn push(
        &mut self,
        db: &engine::Db,
        server: &str,
    ) -> Result<(usize, usize), SyncError> {
        engine::claim(db, server).await?;
        let quiet = |_: engine::Progress| {};
        match self {
            Remote::GReader(b) => engine::push(b, db, &quiet).await,
            Remote::TtRss(b) => engine::push(b, db, &quiet).await,
        }
    }
}

//! What happened (messages) and what should happen (effects).

use crate::document::{Article, Parsed};
use crate::parse::KindHint;
use crate::store::{ItemRow, SourceRow};
use crossterm::event::{KeyEvent, MouseEvent};

/// Something that happened: input, time, or the result of an effect.
#[derive(Clone, Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// The terminal's new size (columns, rows).
    Resize(u16, u16),
    /// The spinner's clock; sent only while something loads.
    Tick,
    /// The wall clock (seconds since the Unix epoch), about once a minute: the auto-reload checks it.
    Clock(i64),
    /// A source was fetched and parsed (or failed, with a one-line reason).
    SourceLoaded {
        source_id: usize,
        request_id: u64,
        result: Result<Parsed, String>,
    },
    /// A teaser's article page was fetched and extracted (or failed).
    ArticleLoaded {
        item_id: u64,
        request_id: u64,
        result: Result<Article, String>,
    },
    /// The stored article of a teaser (`None`: not in the store after all).
    StoredArticle {
        item_id: u64,
        request_id: u64,
        article: Option<Box<Article>>,
    },
    /// A background reload of the stored sources began, with this many sources, at `now`.
    ReloadStarted {
        total: usize,
        now: i64,
    },
    /// One source of a reload is in the store: its row (validators, last fetch, last error) and its
    /// items as stored now; `error` is the fetch's failure, if it failed.
    SourceRefreshed {
        source: SourceRow,
        items: Vec<ItemRow>,
        error: Option<String>,
    },
    /// How far the background sync is (a line for the status line).
    SyncProgress(String),
    /// The background sync ended: every synced source with its items as stored now, and what came
    /// (`None`: nothing new) or why it failed (one line).
    Synced {
        sources: Vec<(SourceRow, Vec<ItemRow>)>,
        result: Result<Option<String>, String>,
    },
    /// Full-text hits (store item ids) for the filter text `text`.
    SearchHits {
        text: String,
        ids: Vec<i64>,
    },
    /// A picture was loaded and encoded for a width (`pixels` given when it was decoded now), or
    /// could not be (one line; the alt line stays).
    Picture {
        url: String,
        pixels: Option<crate::picture::Pixels>,
        result: Result<crate::picture::Encoded, String>,
    },
    /// A one-line report for the status line (e.g. the browser could not be started).
    Status(String),
}

/// A request to the store (run by the single thread that owns it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreCmd {
    SetRead {
        item: i64,
        read: bool,
    },
    SetStarred {
        item: i64,
        starred: bool,
    },
    MarkSourceRead {
        source: i64,
    },
    /// Answered with [`Msg::StoredArticle`].
    LoadArticle {
        entry_id: u64,
        request_id: u64,
        item: i64,
    },
    SaveArticle {
        item: i64,
        article: Box<Article>,
    },
    /// Answered with [`Msg::SearchHits`].
    Search {
        text: String,
    },
}

/// Something the executor should do; its outcome comes back as a [`Msg`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    LoadSource {
        source_id: usize,
        request_id: u64,
        location: String,
        hint: KindHint,
    },
    LoadArticle {
        item_id: u64,
        request_id: u64,
        url: String,
    },
    /// Start `program` with `args` (the URL is one of them), detached, without a shell.
    OpenLink {
        program: String,
        args: Vec<String>,
    },
    /// Write `text` to a new file in `dir` (created if missing) named `stem.md`, else `stem-2.md`,
    /// … (never overwriting); answered with a [`Msg::Status`] naming the file.
    WriteFile {
        dir: std::path::PathBuf,
        stem: String,
        text: String,
    },
    /// Run `program` with `args` (no shell) with `text` on its stdin, the terminal handed over to it
    /// until it exits, then taken back and redrawn.
    Pipe {
        program: String,
        args: Vec<String>,
        text: String,
    },
    /// Put `text` on the clipboard: the executor writes OSC 52 (`ESC ] 52 ; c ; <base64> BEL`) to
    /// the terminal. `text` has no control characters.
    Copy(String),
    /// Read or write the store.
    Store(StoreCmd),
    /// Load the picture at `url` (the demo edition's, the store's cache, else fetched and cached),
    /// decode it within limits and encode it for `width` columns; answered with [`Msg::Picture`].
    LoadPicture {
        url: String,
        width: u16,
    },
    /// Encode decoded pixels again for another width; answered with [`Msg::Picture`].
    EncodePicture {
        url: String,
        pixels: crate::picture::Pixels,
        width: u16,
    },
    /// Reload every stored source in the background ([`Msg::ReloadStarted`], then one
    /// [`Msg::SourceRefreshed`] per source).
    ReloadAll,
    Quit,
}

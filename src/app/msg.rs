//! What happened (messages) and what should happen (effects).

use crate::document::{Article, Parsed};
use crate::parse::KindHint;
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
    /// A one-line report for the status line (e.g. the browser could not be started).
    Status(String),
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
    Quit,
}

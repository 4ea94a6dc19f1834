//! The reader's whole state. Owned by the UI loop; changed only by [`super::update::update`].

use super::keymap::{Command, Keymap};
use crate::cli::fill_from_teaser;
use crate::document::{Article, Item, Teaser};
use crate::parse::KindHint;
use crate::ui::article::{layout_article, layout_pending, ArticleLayout, Pending};

/// Below this many columns only one pane is shown at a time.
pub const NARROW: u16 = 90;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    List,
    Article,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceStatus {
    Loading,
    Loaded,
    Failed(String),
}

/// One source from the command line.
#[derive(Clone, Debug)]
pub struct Source {
    pub id: usize,
    /// What the user typed (URL or path).
    pub location: String,
    /// What the list calls it: the feed's title once known, else the location.
    pub label: String,
    pub status: SourceStatus,
    /// The request whose answer is awaited; older answers are dropped.
    pub request_id: u64,
}

/// Where a teaser's article stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArticleLoad {
    Idle,
    Loading { request_id: u64 },
    Failed(String),
}

/// One teaser in the list, with its article once there is one.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Stable for the session (survives reloads of other sources).
    pub id: u64,
    pub source_id: usize,
    pub teaser: Teaser,
    pub article: Option<Article>,
    pub load: ArticleLoad,
    /// Read once its article was focused, scrolled or jumped in (a preview alone leaves it unread).
    pub read: bool,
    /// The remembered scroll position: (unit, line in unit) of the layout; survives re-wrapping.
    pub anchor: (usize, usize),
    /// Bumped whenever what the article pane shows for this entry changes.
    pub version: u64,
}

impl Entry {
    /// A stable key across reloads of the same source.
    pub fn key(&self) -> (usize, String) {
        (
            self.source_id,
            self.teaser
                .url
                .clone()
                .unwrap_or_else(|| self.teaser.title.clone()),
        )
    }

    pub fn is_interview(&self) -> bool {
        self.teaser.kind == Some(crate::document::Kind::Interview)
    }

    /// The link `o` opens.
    pub fn link(&self) -> Option<&str> {
        self.article
            .as_ref()
            .and_then(|a| a.url.as_deref())
            .or(self.teaser.url.as_deref())
    }
}

/// The cached wrapped lines of the selected entry.
#[derive(Clone, Debug)]
pub struct CachedLayout {
    pub entry_id: u64,
    pub version: u64,
    pub width: usize,
    pub layout: ArticleLayout,
}

/// Everything the screen shows.
#[derive(Clone, Debug)]
pub struct State {
    pub sources: Vec<Source>,
    pub entries: Vec<Entry>,
    pub selected: usize,
    pub focus: Pane,
    pub width: u16,
    pub height: u16,
    pub help: bool,
    /// A one-line message in the status line until the next key.
    pub status: Option<String>,
    pub spinner: usize,
    /// The first teaser shown in the list.
    pub list_offset: usize,
    pub keymap: Keymap,
    pub hint: KindHint,
    /// `$BROWSER`, if set.
    pub browser: Option<String>,
    /// The built-in demo edition (nothing to reload, no web pages behind the links).
    pub demo: bool,
    pub quit: bool,
    pub layout: Option<CachedLayout>,
    pub(crate) next_request: u64,
    pub(crate) next_entry: u64,
}

impl State {
    fn empty(width: u16, height: u16) -> State {
        State {
            sources: Vec::new(),
            entries: Vec::new(),
            selected: 0,
            focus: Pane::List,
            width,
            height,
            help: false,
            status: None,
            spinner: 0,
            list_offset: 0,
            keymap: Keymap::default(),
            hint: KindHint::Auto,
            browser: None,
            demo: false,
            quit: false,
            layout: None,
            next_request: 1,
            next_entry: 1,
        }
    }

    /// A reader over `sources`, nothing loaded yet; [`State::start`] gives the first effects.
    pub fn new(sources: &[String], hint: KindHint, width: u16, height: u16) -> State {
        let mut s = State::empty(width, height);
        s.hint = hint;
        s.sources = sources
            .iter()
            .enumerate()
            .map(|(id, loc)| Source {
                id,
                location: loc.clone(),
                label: crate::parse::sanitize::clean_line(loc),
                status: SourceStatus::Loading,
                request_id: 0,
            })
            .collect();
        s.refresh();
        s
    }

    /// A reader over ready-made items (the demo edition); `errors` are shown as failed sources.
    pub fn with_items(
        label: &str,
        items: Vec<Item>,
        errors: Vec<String>,
        width: u16,
        height: u16,
    ) -> State {
        let mut s = State::empty(width, height);
        s.sources.push(Source {
            id: 0,
            location: label.to_string(),
            label: label.to_string(),
            status: match errors.first() {
                Some(e) => SourceStatus::Failed(e.clone()),
                None => SourceStatus::Loaded,
            },
            request_id: 0,
        });
        let entries: Vec<Entry> = items.into_iter().map(|it| s.entry_of(0, it)).collect();
        s.entries = entries;
        s.refresh();
        s
    }

    /// The demo edition: built-in items, nothing to load or reload, no web pages behind the links.
    pub fn demo(items: Vec<Item>, errors: Vec<String>, width: u16, height: u16) -> State {
        let mut s = State::with_items(crate::demo::LABEL, items, errors, width, height);
        s.demo = true;
        s.refresh();
        s
    }

    /// The effects that load every source.
    pub fn start(&mut self) -> Vec<super::Effect> {
        let mut fx = Vec::new();
        if self.demo {
            return fx; // the demo edition is built in: nothing to load
        }
        for i in 0..self.sources.len() {
            fx.push(self.request_source(i));
        }
        let _ = self.ensure_article();
        fx
    }

    pub(crate) fn request_source(&mut self, i: usize) -> super::Effect {
        let rid = self.next_request();
        let src = &mut self.sources[i];
        src.request_id = rid;
        src.status = SourceStatus::Loading;
        super::Effect::LoadSource {
            source_id: src.id,
            request_id: rid,
            location: src.location.clone(),
            hint: self.hint,
        }
    }

    pub(crate) fn next_request(&mut self) -> u64 {
        let r = self.next_request;
        self.next_request += 1;
        r
    }

    /// A new entry for an item of source `source_id`.
    pub(crate) fn entry_of(&mut self, source_id: usize, item: Item) -> Entry {
        let id = self.next_entry;
        self.next_entry += 1;
        let mut teaser = item.teaser;
        let article = item.article.map(|mut a| {
            fill_from_teaser(&mut a, &teaser);
            teaser.kind = Some(a.kind);
            a
        });
        Entry {
            id,
            source_id,
            teaser,
            article,
            load: ArticleLoad::Idle,
            read: false,
            anchor: (0, 0),
            version: 0,
        }
    }

    /// Whether only one pane fits.
    pub fn narrow(&self) -> bool {
        self.width < NARROW
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.entries.get(self.selected)
    }

    pub(crate) fn selected_entry_mut(&mut self) -> Option<&mut Entry> {
        self.entries.get_mut(self.selected)
    }

    /// Whether anything is loading (the spinner ticks only then).
    pub fn busy(&self) -> bool {
        self.sources
            .iter()
            .any(|s| s.status == SourceStatus::Loading)
            || self
                .entries
                .iter()
                .any(|e| matches!(e.load, ArticleLoad::Loading { .. }))
    }

    /// The article pane's text width for the current size and mode.
    pub fn article_width(&self) -> usize {
        crate::ui::areas(self).article_text_width()
    }

    /// The article pane's height in rows.
    pub fn article_height(&self) -> usize {
        crate::ui::areas(self).article.map(|r| r.height).unwrap_or(
            // narrow mode with the list in front: the article would get the same body area
            crate::ui::areas(self).body.height,
        ) as usize
    }

    /// The first line shown of the selected article (the anchor resolved and clamped).
    pub fn scroll(&self) -> usize {
        match (&self.layout, self.selected_entry()) {
            (Some(c), Some(e)) => c.layout.line_of(e.anchor).min(self.max_scroll()),
            _ => 0,
        }
    }

    /// The last useful first line: the article's end at the bottom of the pane.
    pub fn max_scroll(&self) -> usize {
        self.layout
            .as_ref()
            .map(|c| c.layout.lines.len().saturating_sub(self.article_height()))
            .unwrap_or(0)
    }

    /// Puts the selected article's first visible line at `line`.
    pub(crate) fn set_scroll(&mut self, line: usize) {
        let line = line.min(self.max_scroll());
        let anchor = match &self.layout {
            Some(c) => c.layout.anchor_of(line),
            None => return,
        };
        if let Some(e) = self.selected_entry_mut() {
            e.anchor = anchor;
        }
    }

    /// Starts loading the selected teaser's article if it has none and none is under way.
    pub(crate) fn ensure_article(&mut self) -> Option<super::Effect> {
        let e = self.entries.get(self.selected)?;
        if self.demo || e.article.is_some() || e.load != ArticleLoad::Idle {
            return None;
        }
        let url = e.teaser.url.clone()?;
        let rid = self.next_request();
        let e = self.entries.get_mut(self.selected)?;
        e.load = ArticleLoad::Loading { request_id: rid };
        e.version += 1;
        Some(super::Effect::LoadArticle {
            item_id: e.id,
            request_id: rid,
            url,
        })
    }

    /// What the article pane shows for `e`.
    fn layout_for(&self, e: &Entry, width: usize) -> ArticleLayout {
        if let Some(a) = &e.article {
            return layout_article(a, width);
        }
        let pending = match &e.load {
            ArticleLoad::Failed(err) => Pending::Failed {
                error: err.clone(),
                retry_key: self
                    .keymap
                    .keys_for(Command::Reload)
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "r".into()),
            },
            _ if e.teaser.url.is_none() || self.demo => Pending::NoText,
            _ => Pending::Loading,
        };
        layout_pending(&e.teaser, &pending, width)
    }

    /// Brings the derived parts up to date: the wrapped-lines cache and the list's offset.
    pub fn refresh(&mut self) {
        if self.selected >= self.entries.len() {
            self.selected = self.entries.len().saturating_sub(1);
        }
        let width = self.article_width();
        let want = self.selected_entry().map(|e| (e.id, e.version));
        match want {
            None => self.layout = None,
            Some((id, version)) => {
                let fresh = self
                    .layout
                    .as_ref()
                    .is_some_and(|c| c.entry_id == id && c.version == version && c.width == width);
                if !fresh {
                    let layout = self.layout_for(&self.entries[self.selected], width);
                    self.layout = Some(CachedLayout {
                        entry_id: id,
                        version,
                        width,
                        layout,
                    });
                }
            }
        }
        self.clamp_list_offset();
    }

    /// How many teasers the list shows at once.
    pub fn list_rows(&self) -> usize {
        crate::ui::teasers::visible_teasers(self)
    }

    pub(crate) fn clamp_list_offset(&mut self) {
        let rows = self.list_rows().max(1);
        let max = self.entries.len().saturating_sub(rows);
        self.list_offset = self.list_offset.min(max);
    }

    /// Scrolls the list so the selection is visible.
    pub(crate) fn follow_selection(&mut self) {
        let rows = self.list_rows().max(1);
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
        self.clamp_list_offset();
    }
}

//! The reader's whole state. Owned by the UI loop; changed only by [`super::update::update`].

use super::keymap::{Command, Keymap};
use crate::document::{Article, Item, Teaser};
use crate::parse::KindHint;
use crate::ui::article::{layout_article_with, layout_pending, ArticleLayout, Pending};

/// What the list calls a stored source: its configured name, else its own title, else its URL.
pub fn source_label(r: &crate::store::SourceRow) -> String {
    let l = r
        .name
        .as_deref()
        .or(r.title.as_deref())
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&r.url);
    crate::parse::sanitize::clean_line(l)
}

/// A sortable date: the published text when it looks like an ISO date, else empty (sorts last).
fn date_key(t: &Teaser) -> &str {
    t.published
        .as_deref()
        .filter(|p| p.len() >= 4 && p.as_bytes()[..4].iter().all(u8::is_ascii_digit))
        .unwrap_or("")
}

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
    /// The source's id in the store (the reader over the configured sources).
    pub db_id: Option<i64>,
    /// When it was last fetched (seconds since the epoch; stored sources only).
    pub last_fetch: Option<i64>,
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
    pub article: Option<Box<Article>>,
    pub load: ArticleLoad,
    /// Read once its article was focused, scrolled or jumped in (a preview alone leaves it unread).
    pub read: bool,
    /// The remembered scroll position: (unit, line in unit) of the layout; survives re-wrapping.
    pub anchor: (usize, usize),
    /// Bumped whenever what the article pane shows for this entry changes.
    pub version: u64,
    /// The item's id in the store (the reader over the configured sources).
    pub db_id: Option<i64>,
    pub starred: bool,
    /// Whether the store holds its article (loaded from there instead of the web).
    pub cached: bool,
    /// Its position within its source (the order of the feed or of the store).
    pub ord: usize,
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

    /// The article's numbered links (the `[N]` marks in the text), each URL once.
    pub fn links(&self) -> Vec<String> {
        self.article
            .as_deref()
            .map(crate::ui::article::article_links)
            .unwrap_or_default()
    }

    /// The link `o` opens.
    pub fn link(&self) -> Option<&str> {
        self.article
            .as_ref()
            .and_then(|a| a.url.as_deref())
            .or(self.teaser.url.as_deref())
    }
}

/// How the teaser list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Grouping {
    /// Source after source, each in its own order.
    #[default]
    BySource,
    /// All sources mixed, newest first.
    ByDate,
}

/// A background reload of the stored sources under way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReloadProgress {
    pub done: usize,
    pub total: usize,
    pub failed: usize,
    /// A source failed because the database could not grow (disk or size limit full).
    pub disk_full: bool,
}

/// The cached wrapped lines of the selected entry.
#[derive(Clone, Debug)]
pub struct CachedLayout {
    pub entry_id: u64,
    pub version: u64,
    pub width: usize,
    /// [`super::pictures::Pictures::generation`] when it was made.
    pub pictures: u64,
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
    /// The first line of the help overlay shown, when it is taller than the screen.
    pub help_scroll: u16,
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
    /// The teasers the filters hide (every entry is in `entries` or here, never both).
    pub hidden: Vec<Entry>,
    pub unread_only: bool,
    pub starred_only: bool,
    /// The filter text (title and summary; full text through the store's index).
    pub filter: String,
    /// Whether keys go to the filter text (after `/`, until Enter or Esc).
    pub filtering: bool,
    /// Full-text hits from the store for a filter text.
    pub search_hits: Option<(String, std::collections::HashSet<i64>)>,
    pub grouping: Grouping,
    /// The reader over the configured sources, backed by the store.
    pub library: bool,
    pub reloading: Option<ReloadProgress>,
    /// Minutes between automatic reloads; 0: never.
    pub reload_interval: u64,
    /// The wall clock as last told (seconds since the epoch).
    pub now: i64,
    /// Effects queued by helpers deep in `update` (e.g. persisting a read mark).
    pub(crate) outbox: Vec<super::Effect>,
    /// The first keys of a sequence typed so far (`g` of `g g`), waiting for the next.
    pub pending: Vec<super::keymap::Key>,
    /// A number typed before a command (`12` of `12o`: link 12).
    pub count: Option<u32>,
    /// Whether mouse events are acted on (`[mouse] enabled`).
    pub mouse: bool,
    /// Whether copying may write OSC 52 to the terminal (`[clipboard] osc52`).
    pub osc52: bool,
    /// The list pane's width as the user dragged it (clamped to the screen when drawn).
    pub list_width: Option<u16>,
    /// Whether the divider between the panes is being dragged.
    pub dragging: bool,
    /// Whether a sync server is configured (a reload syncs too).
    pub sync_on: bool,
    /// The store ids of the sources the sync server gives.
    pub synced_sources: std::collections::HashSet<i64>,
    /// The background sync's progress, while one runs.
    pub syncing: Option<String>,
    /// Items marked here while the sync runs (their marks are newer than what it brings).
    pub marked_during_sync: std::collections::HashSet<i64>,
    /// A search inside the selected article (`/` in the article pane).
    pub find: Option<super::find::Find>,
    /// Where `w` saves articles (`[save] dir`, else the downloads folder).
    pub save_dir: Option<std::path::PathBuf>,
    /// What `|` pipes an article to (`[pipe] command`: program and arguments).
    pub pipe: Option<Vec<String>>,
    /// The pictures of the article on screen (none when the terminal cannot show pictures).
    pub pictures: super::pictures::Pictures,
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
            help_scroll: 0,
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
            hidden: Vec::new(),
            unread_only: false,
            starred_only: false,
            filter: String::new(),
            filtering: false,
            search_hits: None,
            grouping: Grouping::BySource,
            library: false,
            reloading: None,
            reload_interval: 0,
            now: 0,
            outbox: Vec::new(),
            pending: Vec::new(),
            count: None,
            mouse: true,
            osc52: false,
            list_width: None,
            dragging: false,
            sync_on: false,
            synced_sources: Default::default(),
            syncing: None,
            marked_during_sync: Default::default(),
            find: None,
            save_dir: None,
            pipe: None,
            pictures: Default::default(),
        }
    }

    /// Applies the config's keys, mouse and clipboard settings (an error names a bad key binding).
    pub fn configure(&mut self, cfg: &crate::config::Config) -> Result<(), String> {
        self.keymap = cfg.keymap()?;
        self.mouse = cfg.mouse.enabled;
        self.osc52 = cfg.clipboard.osc52;
        self.save_dir = cfg.save_dir();
        self.pipe = cfg.pipe_command()?;
        self.refresh();
        Ok(())
    }

    /// What the status line shows while a count or the start of a key sequence waits for more:
    /// `12 …` or `g …`.
    /// Lines of the help overlay's text (the keymap's rows, a blank, two legend lines, the closing
    /// hint) and how many of them fit on the screen (borders and the status line taken off).
    pub fn help_lines(&self) -> (u16, u16) {
        let total = self.keymap.help_rows().len() as u16 + 4;
        let fit = self.height.saturating_sub(1 + 2);
        (total, fit)
    }

    pub fn pending_text(&self) -> Option<String> {
        if self.pending.is_empty() && self.count.is_none() {
            return None;
        }
        let mut t = String::new();
        if let Some(n) = self.count {
            t.push_str(&n.to_string());
            t.push(' ');
        }
        if !self.pending.is_empty() {
            t.push_str(&super::keymap::seq_label(&self.pending));
            t.push(' ');
        }
        t.push('…');
        if self.pending.is_empty() {
            let key = |c: Command| self.keymap.keys_for(c).into_iter().next();
            if let (Some(o), Some(n)) = (key(Command::Open), self.count) {
                t.push_str(&format!("  {o} opens link {n}"));
                if let Some(y) = key(Command::CopyUrl) {
                    t.push_str(&format!(", {y} copies it"));
                }
            }
        }
        t.push_str("  Esc cancels");
        Some(t)
    }

    /// The reader over the configured sources as the store has them: everything shown at once, no
    /// network needed. `interval` is the auto-reload interval in minutes (0: never); `now` the clock.
    pub fn library(
        sources: &[crate::store::SourceRow],
        items: Vec<crate::store::ItemRow>,
        interval: u64,
        now: i64,
        width: u16,
        height: u16,
    ) -> State {
        let mut s = State::empty(width, height);
        s.library = true;
        s.reload_interval = interval;
        s.now = now;
        s.sources = sources
            .iter()
            .enumerate()
            .map(|(i, r)| Source {
                id: i,
                location: r.url.clone(),
                label: source_label(r),
                status: match &r.last_error {
                    Some(e) => SourceStatus::Failed(e.clone()),
                    None => SourceStatus::Loaded,
                },
                request_id: 0,
                db_id: Some(r.id),
                last_fetch: r.last_fetch,
            })
            .collect();
        let mut ords = std::collections::HashMap::new();
        let index: std::collections::HashMap<i64, usize> = s
            .sources
            .iter()
            .enumerate()
            .filter_map(|(i, x)| x.db_id.map(|d| (d, i)))
            .collect();
        for row in items {
            let Some(&si) = index.get(&row.source_id) else {
                continue;
            };
            let ord = ords.entry(si).or_insert(0usize);
            let e = s.entry_of_row(si, *ord, row);
            *ord += 1;
            s.entries.push(e);
        }
        s.rebuild();
        s
    }

    /// A new entry for a stored item of source `source_id`.
    pub(crate) fn entry_of_row(
        &mut self,
        source_id: usize,
        ord: usize,
        row: crate::store::ItemRow,
    ) -> Entry {
        let id = self.next_entry;
        self.next_entry += 1;
        let mut teaser = row.teaser;
        if teaser.source.is_none() {
            teaser.source = self.sources.get(source_id).map(|s| s.label.clone());
        }
        Entry {
            id,
            source_id,
            teaser,
            article: None,
            load: ArticleLoad::Idle,
            read: row.read,
            anchor: (0, 0),
            version: 0,
            db_id: Some(row.id),
            starred: row.starred,
            cached: row.has_article,
            ord,
        }
    }

    /// Whether the stored sources are due for a reload: some source was never fetched, or the
    /// interval has passed since the oldest fetch.
    pub fn reload_due(&self) -> bool {
        self.library
            && self.reload_interval > 0
            && self.reloading.is_none()
            && ((self.sources.is_empty() && self.sync_on)
                || self.sources.iter().any(|s| {
                    s.last_fetch.is_none_or(|t| {
                        self.now.saturating_sub(t)
                            >= (self.reload_interval as i64).saturating_mul(60)
                    })
                }))
    }

    /// Whether an entry passes the filters (the selected one always stays, so reading it in
    /// "unread only" does not pull it away).
    pub fn shows(&self, e: &Entry) -> bool {
        if self.unread_only && e.read {
            return false;
        }
        if self.starred_only && !e.starred {
            return false;
        }
        let f = self.filter.trim();
        if f.is_empty() {
            return true;
        }
        let hay = format!(
            "{}\n{}",
            e.teaser.title.to_lowercase(),
            e.teaser.summary.as_deref().unwrap_or("").to_lowercase()
        );
        if f.to_lowercase().split_whitespace().all(|w| hay.contains(w)) {
            return true;
        }
        match (&self.search_hits, e.db_id) {
            (Some((text, ids)), Some(id)) => text.trim() == f && ids.contains(&id),
            _ => false,
        }
    }

    /// Orders all entries and splits them into shown and hidden; the selected teaser keeps its place
    /// on screen (same entry, same row) whenever it is still there.
    pub(crate) fn rebuild(&mut self) {
        let keep = self
            .selected_entry()
            .map(|e| (e.id, self.selected.saturating_sub(self.list_offset)));
        self.rebuild_keeping(keep);
    }

    pub(crate) fn rebuild_keeping(&mut self, keep: Option<(u64, usize)>) {
        let mut all = std::mem::take(&mut self.entries);
        all.append(&mut self.hidden);
        match self.grouping {
            Grouping::BySource => all.sort_by_key(|e| (e.source_id, e.ord)),
            Grouping::ByDate => all.sort_by(|a, b| {
                date_key(&b.teaser)
                    .cmp(date_key(&a.teaser))
                    .then(a.source_id.cmp(&b.source_id))
                    .then(a.ord.cmp(&b.ord))
            }),
        }
        let (shown, hidden): (Vec<Entry>, Vec<Entry>) = all
            .into_iter()
            .partition(|e| keep.is_some_and(|(id, _)| id == e.id) || self.shows(e));
        self.entries = shown;
        self.hidden = hidden;
        match keep.and_then(|(id, row)| {
            self.entries
                .iter()
                .position(|e| e.id == id)
                .map(|i| (i, row))
        }) {
            Some((i, row)) => {
                self.selected = i;
                self.list_offset = i.saturating_sub(row);
            }
            None => {
                self.selected = self.selected.min(self.entries.len().saturating_sub(1));
            }
        }
        self.follow_selection();
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
                db_id: None,
                last_fetch: None,
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
            db_id: None,
            last_fetch: None,
        });
        let entries: Vec<Entry> = items
            .into_iter()
            .enumerate()
            .map(|(i, it)| {
                let mut e = s.entry_of(0, it);
                e.ord = i;
                e
            })
            .collect();
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
            // the demo edition is built in: nothing to load but its pictures
            return super::pictures::wanted(self);
        }
        if self.library {
            // the stored teasers are on screen already; the web only when due
            if self.reload_due() {
                fx.push(super::Effect::ReloadAll);
            }
            fx.extend(self.ensure_article());
            self.refresh();
            fx.extend(super::pictures::wanted(self));
            return fx;
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
            a.fill_from_teaser(&teaser);
            teaser.kind = Some(a.kind);
            a
        });
        Entry {
            id,
            source_id,
            teaser,
            article: article.map(Box::new),
            load: ArticleLoad::Idle,
            read: false,
            anchor: (0, 0),
            version: 0,
            db_id: None,
            starred: false,
            cached: false,
            ord: 0,
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
        self.reloading.is_some()
            || self.syncing.is_some()
            || self
                .sources
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
        if let (true, Some(item)) = (e.cached, e.db_id) {
            // in the store: no network, no parsing
            let rid = self.next_request();
            let e = self.entries.get_mut(self.selected)?;
            e.load = ArticleLoad::Loading { request_id: rid };
            e.version += 1;
            return Some(super::Effect::Store(super::StoreCmd::LoadArticle {
                entry_id: e.id,
                request_id: rid,
                item,
            }));
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
            let w = width.min(u16::MAX as usize) as u16;
            let rows = |url: &str| self.pictures.encoded(url, w).map(|p| p.rows as usize);
            return layout_article_with(a, width, &rows);
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
                let pictures = self.pictures.generation;
                let fresh = self.layout.as_ref().is_some_and(|c| {
                    c.entry_id == id
                        && c.version == version
                        && c.width == width
                        && c.pictures == pictures
                });
                if !fresh {
                    let layout = self.layout_for(&self.entries[self.selected], width);
                    self.layout = Some(CachedLayout {
                        entry_id: id,
                        version,
                        width,
                        pictures,
                        layout,
                    });
                }
            }
        }
        super::find::follow_layout(self);
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

//! `update`: the only place the state changes. No I/O: effects are returned, not run.

use super::keymap::{Command, Key, Lookup};
use super::msg::{Effect, Msg, StoreCmd};
use super::state::{ArticleLoad, Entry, Grouping, Pane, ReloadProgress, SourceStatus, State};
use crate::document::{Item, Parsed, Teaser};
use crossterm::event::{KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

/// Lines the mouse wheel scrolls.
pub const WHEEL_LINES: usize = 3;

/// Applies `msg` to the state and returns what should happen next.
pub fn update(s: &mut State, msg: Msg) -> Vec<Effect> {
    let mut fx = Vec::new();
    match msg {
        Msg::Key(ev) => {
            if ev.kind == KeyEventKind::Release {
                return fx;
            }
            s.status = None;
            if s.filtering {
                filter_key(s, ev, &mut fx);
            } else if s.find.as_ref().is_some_and(|f| f.typing) {
                super::find::key(s, ev);
            } else if s.help {
                help_key(s, s.keymap.lookup(&ev), &mut fx);
            } else {
                key_press(s, Key::of_event(&ev), &mut fx);
                if s.status.is_none() {
                    s.status = s.pending_text();
                }
            }
        }
        Msg::Mouse(ev) => {
            if s.mouse {
                mouse(s, ev, &mut fx)
            }
        }
        Msg::Resize(w, h) => {
            s.width = w;
            s.height = h;
            s.refresh();
            s.follow_selection();
        }
        Msg::Tick => {
            if s.busy() {
                s.spinner = s.spinner.wrapping_add(1);
            }
        }
        Msg::SourceLoaded {
            source_id,
            request_id,
            result,
        } => source_loaded(s, source_id, request_id, result, &mut fx),
        Msg::ArticleLoaded {
            item_id,
            request_id,
            result,
        } => {
            let Some(e) = s.entries.iter_mut().find(|e| e.id == item_id) else {
                return fx;
            };
            if e.load != (ArticleLoad::Loading { request_id }) {
                return fx; // stale: a newer request is under way, or this one was superseded
            }
            match result {
                Ok(mut a) => {
                    a.fill_from_teaser(&e.teaser);
                    e.teaser.kind = Some(a.kind);
                    if let Some(item) = e.db_id {
                        // parsed once, kept: it renders offline from now on
                        fx.push(Effect::Store(StoreCmd::SaveArticle {
                            item,
                            article: Box::new(a.clone()),
                        }));
                        e.cached = true;
                    }
                    e.article = Some(Box::new(a));
                    e.load = ArticleLoad::Idle;
                }
                Err(err) => e.load = ArticleLoad::Failed(err),
            }
            e.version += 1;
        }
        Msg::StoredArticle {
            item_id,
            request_id,
            article,
        } => {
            let Some(e) = s.entries.iter_mut().find(|e| e.id == item_id) else {
                return fx;
            };
            if e.load != (ArticleLoad::Loading { request_id }) {
                return fx;
            }
            e.load = ArticleLoad::Idle;
            e.version += 1;
            match article {
                Some(mut a) => {
                    a.fill_from_teaser(&e.teaser);
                    e.teaser.kind = Some(a.kind);
                    e.article = Some(a);
                }
                None => {
                    // not in the store after all: from the web
                    e.cached = false;
                    if s.selected_entry().is_some_and(|x| x.id == item_id) {
                        fx.extend(s.ensure_article());
                    }
                }
            }
        }
        Msg::Clock(now) => {
            s.now = now;
            if s.reload_due() {
                fx.push(Effect::ReloadAll);
            }
        }
        Msg::ReloadStarted { total, now } => {
            s.now = now;
            s.reloading = (total > 0).then_some(ReloadProgress {
                done: 0,
                total,
                failed: 0,
                disk_full: false,
            });
            // no source shows a spinner line: the status line counts them
            for src in &mut s.sources {
                src.last_fetch = Some(now);
            }
            if s.sync_on {
                s.syncing = Some("syncing".into());
                s.marked_during_sync.clear();
            }
        }
        Msg::SourceRefreshed {
            source,
            items,
            error,
        } => source_refreshed(s, source, items, error, &mut fx),
        Msg::SearchHits { text, ids } => {
            if text.trim() == s.filter.trim() {
                s.search_hits = Some((text, ids.into_iter().collect()));
                s.rebuild();
            }
        }
        Msg::SyncProgress(line) => {
            if s.syncing.is_some() {
                s.syncing = Some(line);
            }
        }
        Msg::Synced { sources, result } => super::synced::synced(s, sources, result, &mut fx),
        Msg::Status(m) => s.status = Some(m),
        Msg::Picture {
            url,
            pixels,
            result,
        } => super::pictures::arrived(s, url, pixels, result),
    }
    fx.append(&mut s.outbox);
    if s.syncing.is_some() {
        // marks made while a sync runs are newer than what it brings (see app/synced.rs)
        super::synced::note_marks(s, &fx);
    }
    s.refresh();
    // the article's pictures once its text is on screen
    fx.extend(super::pictures::wanted(s));
    if s.pictures.generation != s.layout.as_ref().map_or(0, |c| c.pictures) {
        s.refresh();
    }
    fx
}

/// The largest number a count prefix takes (more digits are ignored).
const MAX_COUNT: u32 = 99_999;

/// A key while the help is open: when it is taller than the screen the moving keys scroll it; any
/// other key closes it (quit still quits).
fn help_key(s: &mut State, cmd: Option<Command>, fx: &mut Vec<Effect>) {
    let (total, fit) = s.help_lines();
    let max = total.saturating_sub(fit);
    if max > 0 {
        let page = fit.saturating_sub(1).max(1);
        let to = match cmd {
            Some(Command::Down) => Some(s.help_scroll.saturating_add(1)),
            Some(Command::Up) => Some(s.help_scroll.saturating_sub(1)),
            Some(Command::PageDown | Command::HalfPageDown) => {
                Some(s.help_scroll.saturating_add(page))
            }
            Some(Command::PageUp | Command::HalfPageUp) => Some(s.help_scroll.saturating_sub(page)),
            Some(Command::Bottom) => Some(max),
            _ => None,
        };
        if let Some(to) = to {
            s.help_scroll = to.min(max);
            return;
        }
    }
    s.help = false;
    s.pending.clear();
    s.count = None;
    if cmd == Some(Command::Quit) {
        command(s, Command::Quit, fx);
    }
}

/// A key outside the filter and the help: part of a sequence, a digit of a count, or a command.
fn key_press(s: &mut State, k: Key, fx: &mut Vec<Effect>) {
    let esc = k == Key::plain(KeyCode::Esc);
    if !s.pending.is_empty() {
        let mut seq = std::mem::take(&mut s.pending);
        seq.push(k);
        match s.keymap.resolve(&seq) {
            Lookup::Command(c) => return run(s, c, fx),
            Lookup::Prefix => {
                s.pending = seq;
                return;
            }
            Lookup::None if esc => {
                s.count = None;
                return;
            }
            // not a sequence after all: the key counts on its own (nothing typed is lost)
            Lookup::None => {}
        }
    }
    if esc && s.count.is_some() {
        s.count = None;
        return;
    }
    let lookup = s.keymap.resolve(&[k]);
    if let (KeyCode::Char(d @ '0'..='9'), true, Lookup::None) = (k.code, k.mods.is_empty(), lookup)
    {
        if d != '0' || s.count.is_some() {
            let n = s.count.unwrap_or(0) * 10 + d.to_digit(10).unwrap_or(0);
            s.count = Some(if n > MAX_COUNT {
                s.count.unwrap_or(n)
            } else {
                n
            });
            return;
        }
    }
    match lookup {
        Lookup::Command(c) => run(s, c, fx),
        Lookup::Prefix => s.pending = vec![k],
        Lookup::None => s.count = None,
    }
}

/// Runs a command with the count typed before it (used by open and copy, ignored by the rest).
fn run(s: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    match (cmd, s.count.take()) {
        (Command::Open, Some(n)) => open_link(s, n as usize, fx),
        (Command::CopyUrl, Some(n)) => copy_link(s, n as usize, fx),
        _ => command(s, cmd, fx),
    }
}

/// A key while the filter text is being typed.
fn filter_key(s: &mut State, ev: crossterm::event::KeyEvent, fx: &mut Vec<Effect>) {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    match ev.code {
        KeyCode::Char('c') if ctrl => command(s, Command::Quit, fx),
        KeyCode::Char(c) if !ctrl && !c.is_control() => {
            s.filter.push(c);
            filter_changed(s, fx);
        }
        KeyCode::Backspace => {
            s.filter.pop();
            filter_changed(s, fx);
        }
        KeyCode::Esc => {
            s.filtering = false;
            s.filter.clear();
            filter_changed(s, fx);
        }
        KeyCode::Enter => {
            s.filtering = false;
            if s.filter.trim().is_empty() {
                s.filter.clear();
            }
        }
        KeyCode::Down => command(s, Command::Down, fx),
        KeyCode::Up => command(s, Command::Up, fx),
        _ => {}
    }
}

/// The filter text changed: show what matches now, and ask the store's full-text index.
fn filter_changed(s: &mut State, fx: &mut Vec<Effect>) {
    filters_changed(s, fx);
    if s.library && !s.filter.trim().is_empty() {
        fx.push(Effect::Store(StoreCmd::Search {
            text: s.filter.clone(),
        }));
    }
}

/// A filter was switched or typed: the list shows what passes; the selection stays on its teaser
/// (and row) if that passes too, else goes to the first.
fn filters_changed(s: &mut State, fx: &mut Vec<Effect>) {
    let keep = s
        .selected_entry()
        .filter(|e| s.shows(e))
        .map(|e| (e.id, s.selected.saturating_sub(s.list_offset)));
    s.rebuild_keeping(keep);
    if keep.is_none() {
        s.selected = 0;
        s.list_offset = 0;
    }
    s.follow_selection();
    fx.extend(s.ensure_article());
}

/// One source of a background reload is in the store: its teasers replace the old ones of that
/// source, keeping the user's selection, scroll and local marks.
fn source_refreshed(
    s: &mut State,
    row: crate::store::SourceRow,
    items: Vec<crate::store::ItemRow>,
    error: Option<String>,
    fx: &mut Vec<Effect>,
) {
    count_reloaded(s, error.as_deref());
    refresh_source(s, row, items, error, None, fx);
}

/// One more job of a background reload is done (`error`: it failed); the last one ends the reload.
pub(crate) fn count_reloaded(s: &mut State, error: Option<&str>) {
    if let Some(p) = &mut s.reloading {
        p.done += 1;
        if let Some(e) = error {
            p.failed += 1;
            // the store's error for a database that cannot grow (StoreError::Full)
            p.disk_full |= e.contains("database full");
        }
        if p.done >= p.total {
            let ReloadProgress {
                failed,
                total,
                disk_full,
                ..
            } = *p;
            s.reloading = None;
            if disk_full {
                s.status = Some(format!(
                    "Reloaded {total} sources · {failed} failed: the disk is full, nothing new \
                     was stored (the old teasers are kept)"
                ));
            } else if failed > 0 {
                s.status = Some(format!("Reloaded {total} sources · {failed} failed"));
            }
        }
    }
}

/// A stored source's teasers as the store has them now replace the list's, keeping the selection
/// and scroll. Known entries keep this session's read/starred marks (they are on their way to the
/// store) unless `marks_from` is given: then they take the store's, except the entries in it.
pub(crate) fn refresh_source(
    s: &mut State,
    row: crate::store::SourceRow,
    items: Vec<crate::store::ItemRow>,
    error: Option<String>,
    marks_from: Option<&std::collections::HashSet<i64>>,
    fx: &mut Vec<Effect>,
) {
    let Some(si) = s.sources.iter().position(|x| x.db_id == Some(row.id)) else {
        return;
    };
    {
        let src = &mut s.sources[si];
        src.label = super::state::source_label(&row);
        src.last_fetch = row.last_fetch;
        src.status = match error.or(row.last_error.clone()) {
            Some(e) => SourceStatus::Failed(e),
            None => SourceStatus::Loaded,
        };
    }
    if items.is_empty() && s.sources[si].status != SourceStatus::Loaded {
        return; // a failure keeps the stored teasers as they are
    }
    let keep = s
        .selected_entry()
        .map(|e| (e.id, s.selected.saturating_sub(s.list_offset)));
    let had_entries = !s.entries.is_empty();
    let mut all = std::mem::take(&mut s.entries);
    all.append(&mut s.hidden);
    let (mut old, mut rest): (Vec<Entry>, Vec<Entry>) =
        all.into_iter().partition(|e| e.source_id == si);
    for (ord, item) in items.into_iter().enumerate() {
        match old.iter().position(|o| o.db_id == Some(item.id)) {
            Some(i) => {
                let mut e = old.swap_remove(i);
                e.ord = ord;
                if e.teaser != item.teaser {
                    let source = e.teaser.source.clone();
                    e.teaser = item.teaser;
                    if e.teaser.source.is_none() {
                        e.teaser.source = source;
                    }
                    e.version += 1;
                }
                e.cached |= item.has_article;
                // read/starred: this session's marks win (they are on their way to the store),
                // unless the store's come from a sync and the entry was not marked since it began
                if let Some(skip) = marks_from {
                    if !skip.contains(&item.id) {
                        e.read = item.read;
                        e.starred = item.starred;
                    }
                }
                rest.push(e);
            }
            None => {
                let e = s.entry_of_row(si, ord, item);
                rest.push(e);
            }
        }
    }
    s.entries = rest;
    if had_entries {
        s.rebuild_keeping(keep);
    } else {
        s.rebuild_keeping(None);
        s.selected = 0;
        s.list_offset = 0;
        fx.extend(s.ensure_article());
    }
}

fn command(s: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    let page = s.article_height().saturating_sub(2).max(1);
    match cmd {
        Command::Down | Command::Up => {
            let down = cmd == Command::Down;
            match s.focus {
                Pane::List => {
                    let i = if down {
                        s.selected + 1
                    } else {
                        s.selected.saturating_sub(1)
                    };
                    select(s, i, fx);
                }
                Pane::Article => scroll_by(s, if down { 1 } else { -1 }),
            }
        }
        Command::Focus => {
            if !s.entries.is_empty() {
                s.focus = Pane::Article;
                mark_read(s);
            }
        }
        Command::Back => {
            if s.focus == Pane::Article && s.find.is_some() {
                super::find::clear(s);
                return;
            }
            if s.focus == Pane::List && !s.filter.is_empty() {
                s.filter.clear();
                filter_changed(s, fx);
            }
            s.focus = Pane::List
        }
        Command::SwitchPane => {
            s.focus = match s.focus {
                Pane::List if !s.entries.is_empty() => {
                    mark_read(s);
                    Pane::Article
                }
                _ => Pane::List,
            }
        }
        Command::PageDown | Command::PageUp | Command::HalfPageDown | Command::HalfPageUp => {
            let down = matches!(cmd, Command::PageDown | Command::HalfPageDown);
            let half = matches!(cmd, Command::HalfPageDown | Command::HalfPageUp);
            if s.narrow() && s.focus == Pane::List {
                let rows = s.list_rows();
                let n = if half { rows / 2 } else { rows }.max(1);
                let i = if down {
                    s.selected + n
                } else {
                    s.selected.saturating_sub(n)
                };
                select(s, i, fx);
            } else {
                let d = if half {
                    (s.article_height() / 2).max(1)
                } else {
                    page
                } as isize;
                scroll_by(s, if down { d } else { -d });
            }
        }
        Command::Top | Command::Bottom => {
            let top = cmd == Command::Top;
            match s.focus {
                Pane::List => {
                    let i = if top {
                        0
                    } else {
                        s.entries.len().saturating_sub(1)
                    };
                    select(s, i, fx);
                }
                Pane::Article => {
                    s.refresh();
                    let line = if top { 0 } else { s.max_scroll() };
                    s.set_scroll(line);
                    mark_read(s);
                }
            }
        }
        Command::NextTurn | Command::PrevTurn | Command::NextQuestion | Command::PrevQuestion => {
            jump(s, cmd)
        }
        Command::Open => open(s, fx),
        Command::CopyUrl => copy_article_url(s, fx),
        Command::Reload => reload(s, fx),
        Command::ToggleRead => {
            if let Some(e) = s.selected_entry_mut() {
                e.read = !e.read;
                let (db, read) = (e.db_id, e.read);
                if let Some(item) = db {
                    fx.push(Effect::Store(StoreCmd::SetRead { item, read }));
                }
                s.status = Some(
                    if read {
                        "Marked read."
                    } else {
                        "Marked unread."
                    }
                    .into(),
                );
            }
        }
        Command::ToggleStar => {
            if let Some(e) = s.selected_entry_mut() {
                e.starred = !e.starred;
                let (db, starred) = (e.db_id, e.starred);
                if let Some(item) = db {
                    fx.push(Effect::Store(StoreCmd::SetStarred { item, starred }));
                }
                s.status = Some(if starred { "Starred." } else { "Unstarred." }.into());
            }
        }
        Command::MarkSourceRead => {
            if let Some(si) = s.selected_entry().map(|e| e.source_id) {
                let mut n = 0;
                for e in s.entries.iter_mut().chain(s.hidden.iter_mut()) {
                    if e.source_id == si && !e.read {
                        e.read = true;
                        n += 1;
                    }
                }
                if let Some(source) = s.sources.get(si).and_then(|x| x.db_id) {
                    fx.push(Effect::Store(StoreCmd::MarkSourceRead { source }));
                }
                let label = s
                    .sources
                    .get(si)
                    .map(|x| x.label.clone())
                    .unwrap_or_default();
                s.status = Some(format!("{label}: {n} marked read."));
            }
        }
        Command::UnreadOnly => {
            s.unread_only = !s.unread_only;
            filters_changed(s, fx);
            s.status = Some(
                if s.unread_only {
                    "Unread teasers only."
                } else {
                    "All teasers."
                }
                .into(),
            );
            fx.extend(s.ensure_article());
        }
        Command::StarredOnly => {
            s.starred_only = !s.starred_only;
            filters_changed(s, fx);
            s.status = Some(
                if s.starred_only {
                    "Starred teasers only."
                } else {
                    "All teasers."
                }
                .into(),
            );
            fx.extend(s.ensure_article());
        }
        Command::Filter if s.focus == Pane::Article => super::find::start(s),
        Command::Filter => {
            s.filtering = true;
            s.focus = Pane::List;
        }
        Command::SaveArticle => keep_article(s, false, fx),
        Command::PipeArticle => keep_article(s, true, fx),
        Command::FindNext => super::find::step(s, true),
        Command::FindPrev => super::find::step(s, false),
        Command::ToggleGrouping => {
            s.grouping = match s.grouping {
                Grouping::BySource => Grouping::ByDate,
                Grouping::ByDate => Grouping::BySource,
            };
            s.rebuild();
            s.status = Some(
                match s.grouping {
                    Grouping::BySource => "Grouped by source.",
                    Grouping::ByDate => "All sources by date.",
                }
                .into(),
            );
        }
        Command::Help => {
            s.help = true;
            s.help_scroll = 0;
        }
        Command::Quit => {
            s.quit = true;
            fx.push(Effect::Quit);
        }
    }
}

/// `w` / `|`: the selected article as Markdown, saved into the save folder or piped to the pipe
/// command.
fn keep_article(s: &mut State, pipe: bool, fx: &mut Vec<Effect>) {
    let Some(a) = s.selected_entry().and_then(|e| e.article.as_deref()) else {
        s.status = Some("No article to keep yet: it has not been loaded.".into());
        return;
    };
    let text = crate::markdown::article_markdown(a);
    if pipe {
        match s.pipe.as_deref() {
            Some([program, args @ ..]) => fx.push(Effect::Pipe {
                program: program.clone(),
                args: args.to_vec(),
                text,
            }),
            _ => {
                s.status =
                    Some("Piping needs a command: set `command` under [pipe] in the config.".into())
            }
        }
        return;
    }
    match &s.save_dir {
        Some(dir) => fx.push(Effect::WriteFile {
            dir: dir.clone(),
            stem: crate::markdown::file_stem(a),
            text,
        }),
        None => {
            s.status = Some("No folder to save into: set `dir` under [save] in the config.".into())
        }
    }
}

/// Selects teaser `i` (clamped); starts loading its article when it has none.
pub(crate) fn select(s: &mut State, i: usize, fx: &mut Vec<Effect>) {
    if s.entries.is_empty() {
        return;
    }
    s.selected = i.min(s.entries.len() - 1);
    s.follow_selection();
    fx.extend(s.ensure_article());
    s.refresh();
}

fn mark_read(s: &mut State) {
    if let Some(e) = s.selected_entry_mut() {
        if !e.read {
            e.read = true;
            if let Some(item) = e.db_id {
                s.outbox
                    .push(Effect::Store(StoreCmd::SetRead { item, read: true }));
            }
        }
    }
}

fn scroll_by(s: &mut State, d: isize) {
    s.refresh();
    let cur = s.scroll() as isize;
    s.set_scroll((cur + d).max(0) as usize);
    mark_read(s);
}

fn jump(s: &mut State, cmd: Command) {
    s.refresh();
    let Some(c) = &s.layout else { return };
    let (marks, forward, what) = match cmd {
        Command::NextTurn => (&c.layout.turns, true, "speaker turn"),
        Command::PrevTurn => (&c.layout.turns, false, "speaker turn"),
        Command::NextQuestion => (&c.layout.questions, true, "question"),
        _ => (&c.layout.questions, false, "question"),
    };
    if marks.is_empty() {
        s.status = Some(format!("No {what}s in this article."));
        return;
    }
    let cur = s.scroll();
    let target = if forward {
        marks.iter().copied().find(|&l| l > cur)
    } else {
        marks.iter().rev().copied().find(|&l| l < cur)
    };
    match target {
        Some(l) if !forward || l <= s.max_scroll() => {
            s.set_scroll(l);
        }
        Some(_) => {
            // the next one is already on screen: the end of the article is reached
            s.set_scroll(s.max_scroll());
            s.status = Some(format!("No further {what} below."));
        }
        None => {
            s.status = Some(if forward {
                format!("No further {what} below.")
            } else {
                format!("No earlier {what}.")
            })
        }
    }
    s.focus = Pane::Article;
    mark_read(s);
}

/// The browser command for `url`: `$BROWSER` split into program and arguments (a `%s` argument is
/// replaced by the URL, else the URL is appended as one argument), else `xdg-open`.
pub fn browser_command(browser: Option<&str>, url: &str) -> (String, Vec<String>) {
    let parts: Vec<&str> = browser
        .map(|b| b.split_whitespace().collect())
        .unwrap_or_default();
    match parts.split_first() {
        Some((prog, rest)) => {
            let mut args: Vec<String> = rest.iter().map(|a| a.replace("%s", url)).collect();
            if !rest.iter().any(|a| a.contains("%s")) {
                args.push(url.to_string());
            }
            (prog.to_string(), args)
        }
        None => ("xdg-open".to_string(), vec![url.to_string()]),
    }
}

fn open(s: &mut State, fx: &mut Vec<Effect>) {
    let Some(e) = s.selected_entry() else { return };
    let Some(link) = e.link().map(str::to_string) else {
        s.status = Some("This article has no link.".into());
        return;
    };
    open_url(s, &link, fx);
}

/// Link `n` (1-based) of the selected article, or a status line saying why there is none.
fn numbered_link(s: &mut State, n: usize) -> Option<String> {
    let links = s.selected_entry().map(Entry::links).unwrap_or_default();
    match links.get(n.wrapping_sub(1)) {
        Some(l) => Some(l.clone()),
        None => {
            s.status = Some(match links.len() {
                0 => format!("No link {n}: this article has no links."),
                1 => format!("No link {n}: this article has 1 link."),
                k => format!("No link {n}: this article has {k} links."),
            });
            None
        }
    }
}

/// Opens link `n` of the selected article (the `[n]` in its text).
pub(crate) fn open_link(s: &mut State, n: usize, fx: &mut Vec<Effect>) {
    if let Some(url) = numbered_link(s, n) {
        open_url(s, &url, fx);
    }
}

/// An http(s) URL, parsed; anything else is refused with a status line.
fn web_url(s: &mut State, link: &str, verb: &str) -> Option<url::Url> {
    let url = match url::Url::parse(link.trim()) {
        Ok(u) => u,
        Err(_) => {
            s.status = Some(format!("Not {verb} a link that is not a valid URL."));
            return None;
        }
    };
    if !matches!(url.scheme(), "http" | "https") {
        s.status = Some(format!(
            "Not {verb} a {}: link: only http and https links {}.",
            crate::parse::sanitize::clean_line(url.scheme()),
            if verb == "opening" {
                "open in the browser"
            } else {
                "are copied"
            }
        ));
        return None;
    }
    Some(url)
}

fn open_url(s: &mut State, link: &str, fx: &mut Vec<Effect>) {
    let Some(url) = web_url(s, link, "opening") else {
        return;
    };
    if s.demo {
        s.status = Some("The demo edition lives in blatt itself: no web page behind it.".into());
        return;
    }
    let (program, args) = browser_command(s.browser.as_deref(), url.as_str());
    s.status = Some(format!(
        "Opening {} …",
        crate::parse::sanitize::clean_line(url.as_str())
    ));
    fx.push(Effect::OpenLink { program, args });
}

fn copy_article_url(s: &mut State, fx: &mut Vec<Effect>) {
    let Some(link) = s
        .selected_entry()
        .and_then(|e| e.link().map(str::to_string))
    else {
        s.status = Some("This article has no link.".into());
        return;
    };
    copy_url(s, &link, fx);
}

fn copy_link(s: &mut State, n: usize, fx: &mut Vec<Effect>) {
    if let Some(url) = numbered_link(s, n) {
        copy_url(s, &url, fx);
    }
}

/// Copies an http(s) URL with OSC 52, when the config allows it.
fn copy_url(s: &mut State, link: &str, fx: &mut Vec<Effect>) {
    if !s.osc52 {
        s.status = Some(
            "Copying needs OSC 52: set `osc52 = true` under [clipboard] in the config.".into(),
        );
        return;
    }
    let Some(url) = web_url(s, link, "copying") else {
        return;
    };
    // a parsed URL has no control characters (they are percent-encoded); clean once more anyway
    let text = crate::parse::sanitize::clean_line(url.as_str());
    s.status = Some(format!("Copied {text}"));
    fx.push(Effect::Copy(text));
}

fn reload(s: &mut State, fx: &mut Vec<Effect>) {
    if let Some(e) = s.selected_entry() {
        if matches!(e.load, ArticleLoad::Failed(_)) {
            if let Some(e) = s.selected_entry_mut() {
                e.load = ArticleLoad::Idle;
            }
            fx.extend(s.ensure_article());
            return;
        }
    }
    if s.demo || (s.sources.is_empty() && !s.sync_on) {
        s.status = Some("The demo edition is built in: nothing to reload.".into());
        return;
    }
    if s.library {
        if s.reloading.is_some() {
            s.status = Some("Already reloading.".into());
        } else {
            fx.push(Effect::ReloadAll);
        }
        return;
    }
    for i in 0..s.sources.len() {
        let e = s.request_source(i);
        fx.push(e);
    }
}

fn teaser_of_article(a: &crate::document::Article) -> Teaser {
    Teaser {
        title: a.title.clone(),
        url: a.url.clone(),
        published: a.published.clone(),
        summary: a.lead.clone(),
        source: a.source.clone(),
        kind: Some(a.kind),
        kicker: None,
    }
}

fn source_loaded(
    s: &mut State,
    source_id: usize,
    request_id: u64,
    result: Result<Parsed, String>,
    fx: &mut Vec<Effect>,
) {
    let Some(src) = s.sources.iter_mut().find(|x| x.id == source_id) else {
        return;
    };
    if src.request_id != request_id {
        return; // stale
    }
    let mut via = None;
    let items: Vec<Item> = match result {
        Err(e) => {
            src.status = SourceStatus::Failed(e);
            return;
        }
        Ok(Parsed::Feed(l)) | Ok(Parsed::Listing(l)) => {
            if let Some(t) = l.title.as_deref().filter(|t| !t.trim().is_empty()) {
                src.label = crate::parse::sanitize::clean_line(t);
            }
            via = l.via.as_ref().map(|v| v.note());
            l.items
        }
        Ok(Parsed::Article(a)) => vec![Item {
            teaser: teaser_of_article(&a),
            guid: None,
            full_text: None,
            article: Some(*a),
        }],
    };
    src.status = SourceStatus::Loaded;
    let label = src.label.clone();
    // a page read from the feed it advertises (or not, when the feed failed): say which
    if let Some(v) = via {
        s.status = Some(format!("{label}: {v}"));
    }

    let selected_key = s.selected_entry().map(|e| (e.id, e.key()));
    let keep_row = s.selected.saturating_sub(s.list_offset);
    let had_entries = !s.entries.is_empty() || !s.hidden.is_empty();
    let mut hidden = std::mem::take(&mut s.hidden);
    s.entries.append(&mut hidden);
    // the old entries of this source, to carry read flags and scroll positions over
    let old: Vec<Entry> = s
        .entries
        .iter()
        .filter(|e| e.source_id == source_id)
        .cloned()
        .collect();
    let mut fresh: Vec<Entry> = Vec::with_capacity(items.len());
    for (ord, mut it) in items.into_iter().enumerate() {
        if it.teaser.source.is_none() {
            it.teaser.source = Some(label.clone());
        }
        let mut e = s.entry_of(source_id, it);
        e.ord = ord;
        if let Some(o) = old.iter().find(|o| o.key() == e.key()) {
            e.id = o.id;
            e.read = o.read;
            e.starred = o.starred;
            e.anchor = o.anchor;
            e.version = o.version + 1;
            if e.article.is_none() {
                e.article = o.article.clone();
                e.load = match &o.load {
                    ArticleLoad::Failed(err) => ArticleLoad::Failed(err.clone()),
                    // a request under way keeps its id so its answer is not dropped
                    l => l.clone(),
                };
            }
        }
        fresh.push(e);
    }
    s.entries.retain(|e| e.source_id != source_id);
    let at = s.entries.partition_point(|e| e.source_id < source_id);
    s.entries.splice(at..at, fresh);

    // keep the selection on the same teaser, on the same row
    let keep = selected_key.and_then(|(id, key)| {
        s.entries
            .iter()
            .find(|e| e.id == id)
            .or_else(|| s.entries.iter().find(|e| e.key() == key))
            .map(|e| (e.id, keep_row))
    });
    s.rebuild_keeping(keep);
    if !had_entries {
        s.selected = 0;
        s.list_offset = 0;
    }
    s.follow_selection();
    fx.extend(s.ensure_article());
}

fn mouse(s: &mut State, ev: crossterm::event::MouseEvent, fx: &mut Vec<Effect>) {
    let a = crate::ui::areas(s);
    // a drag of the divider: every move resizes, the release ends it
    if s.dragging {
        match ev.kind {
            MouseEventKind::Drag(MouseButton::Left) => {
                s.list_width = Some(crate::ui::clamp_list_width(s.width, ev.column));
                s.refresh();
                s.follow_selection();
            }
            MouseEventKind::Up(_) => s.dragging = false,
            _ => {}
        }
        return;
    }
    let inside = |r: Option<ratatui::layout::Rect>| {
        r.is_some_and(|r| {
            ev.column >= r.x
                && ev.column < r.x + r.width.max(1)
                && ev.row >= r.y
                && ev.row < r.y + r.height
        })
    };
    // the article pane's area includes its padding columns
    let in_article = a.article.is_some_and(|r| {
        let r = ratatui::layout::Rect::new(
            r.x.saturating_sub(1),
            r.y,
            s.width.saturating_sub(r.x.saturating_sub(1)),
            r.height,
        );
        inside(Some(r))
    });
    let in_list = inside(a.list);
    match ev.kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = ev.kind == MouseEventKind::ScrollDown;
            if in_article {
                let d = WHEEL_LINES as isize;
                scroll_by(s, if down { d } else { -d });
            } else if in_list {
                s.list_offset = if down {
                    s.list_offset + 1
                } else {
                    s.list_offset.saturating_sub(1)
                };
                s.clamp_list_offset();
            }
        }
        MouseEventKind::Down(MouseButton::Left) => {
            if inside(a.separator) {
                s.dragging = true;
            } else if in_list {
                if let Some(i) = crate::ui::teasers::hit(s, ev.row) {
                    let offset = s.list_offset;
                    select(s, i, fx);
                    s.list_offset = offset; // a click never scrolls the list under the pointer
                    s.clamp_list_offset();
                    s.focus = Pane::List;
                }
            } else if in_article {
                s.focus = Pane::Article;
                if let Some(n) = link_at(s, ev.column, ev.row) {
                    open_link(s, n, fx);
                }
            }
        }
        _ => {}
    }
}

/// The number of the link whose `[N]` (or whose line in the Links list) is at a screen cell.
fn link_at(s: &State, column: u16, row: u16) -> Option<usize> {
    let r = crate::ui::areas(s).article?;
    if column < r.x || row < r.y || row >= r.y + r.height {
        return None;
    }
    let c = s.layout.as_ref()?;
    let line = s.scroll() + (row - r.y) as usize;
    c.layout.link_at(line, (column - r.x) as usize)
}

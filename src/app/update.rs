//! `update`: the only place the state changes. No I/O: effects are returned, not run.

use super::keymap::Command;
use super::msg::{Effect, Msg};
use super::state::{ArticleLoad, Entry, Pane, SourceStatus, State};
use crate::document::{Item, Parsed, Teaser};
use crossterm::event::{KeyEventKind, MouseButton, MouseEventKind};

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
            let cmd = s.keymap.lookup(&ev);
            if s.help {
                // any key closes the help; quit still quits
                s.help = false;
                if cmd == Some(Command::Quit) {
                    command(s, Command::Quit, &mut fx);
                }
            } else if let Some(cmd) = cmd {
                command(s, cmd, &mut fx);
            }
        }
        Msg::Mouse(ev) => mouse(s, ev, &mut fx),
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
                    crate::cli::fill_from_teaser(&mut a, &e.teaser);
                    e.teaser.kind = Some(a.kind);
                    e.article = Some(a);
                    e.load = ArticleLoad::Idle;
                }
                Err(err) => e.load = ArticleLoad::Failed(err),
            }
            e.version += 1;
        }
        Msg::Status(m) => s.status = Some(m),
    }
    s.refresh();
    fx
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
        Command::Back => s.focus = Pane::List,
        Command::SwitchPane => {
            s.focus = match s.focus {
                Pane::List if !s.entries.is_empty() => {
                    mark_read(s);
                    Pane::Article
                }
                _ => Pane::List,
            }
        }
        Command::PageDown | Command::PageUp => {
            let down = cmd == Command::PageDown;
            if s.narrow() && s.focus == Pane::List {
                let n = s.list_rows().max(1);
                let i = if down {
                    s.selected + n
                } else {
                    s.selected.saturating_sub(n)
                };
                select(s, i, fx);
            } else {
                let d = page as isize;
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
        Command::Reload => reload(s, fx),
        Command::Help => s.help = true,
        Command::Quit => {
            s.quit = true;
            fx.push(Effect::Quit);
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
        e.read = true;
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
    let url = match url::Url::parse(&link) {
        Ok(u) => u,
        Err(_) => {
            s.status = Some("Not opening a link that is not a valid URL.".into());
            return;
        }
    };
    if !matches!(url.scheme(), "http" | "https") {
        s.status = Some(format!(
            "Not opening a {}: link: only http and https links open in the browser.",
            crate::parse::sanitize::clean_line(url.scheme())
        ));
        return;
    }
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
    if s.demo || s.sources.is_empty() {
        s.status = Some("The demo edition is built in: nothing to reload.".into());
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
    let items: Vec<Item> = match result {
        Err(e) => {
            src.status = SourceStatus::Failed(e);
            return;
        }
        Ok(Parsed::Feed(l)) | Ok(Parsed::Listing(l)) => {
            if let Some(t) = l.title.as_deref().filter(|t| !t.trim().is_empty()) {
                src.label = crate::parse::sanitize::clean_line(t);
            }
            l.items
        }
        Ok(Parsed::Article(a)) => vec![Item {
            teaser: teaser_of_article(&a),
            guid: None,
            article: Some(*a),
        }],
    };
    src.status = SourceStatus::Loaded;
    let label = src.label.clone();

    let selected_key = s.selected_entry().map(|e| (e.id, e.key()));
    let had_entries = !s.entries.is_empty();
    // the old entries of this source, to carry read flags and scroll positions over
    let old: Vec<Entry> = s
        .entries
        .iter()
        .filter(|e| e.source_id == source_id)
        .cloned()
        .collect();
    let mut fresh: Vec<Entry> = Vec::with_capacity(items.len());
    for mut it in items {
        if it.teaser.source.is_none() {
            it.teaser.source = Some(label.clone());
        }
        let mut e = s.entry_of(source_id, it);
        if let Some(o) = old.iter().find(|o| o.key() == e.key()) {
            e.id = o.id;
            e.read = o.read;
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

    // keep the selection on the same teaser
    if let Some((id, key)) = selected_key {
        if let Some(i) = s
            .entries
            .iter()
            .position(|e| e.id == id)
            .or_else(|| s.entries.iter().position(|e| e.key() == key))
        {
            s.selected = i;
        }
    }
    if !had_entries {
        s.selected = 0;
        s.list_offset = 0;
    }
    s.follow_selection();
    fx.extend(s.ensure_article());
}

fn mouse(s: &mut State, ev: crossterm::event::MouseEvent, fx: &mut Vec<Effect>) {
    let a = crate::ui::areas(s);
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
            if in_list {
                if let Some(i) = crate::ui::teasers::hit(s, ev.row) {
                    let offset = s.list_offset;
                    select(s, i, fx);
                    s.list_offset = offset; // a click never scrolls the list under the pointer
                    s.clamp_list_offset();
                    s.focus = Pane::List;
                }
            } else if in_article {
                s.focus = Pane::Article;
            }
        }
        _ => {}
    }
}

//! Search inside the article (`/` in the article pane): the query as typed, its matches in the
//! current layout, the one `n`/`N` went to. The matching itself is `ui::find` (pure, over the wrapped
//! lines); this keeps it in step with the layout and scrolls to the current match.

use super::state::{Pane, State};
use crate::ui::find::{Hit, Index};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A search in the selected article.
#[derive(Clone, Debug)]
pub struct Find {
    pub query: String,
    /// Whether keys go to the query (after `/`, until Enter or Esc).
    pub typing: bool,
    /// The matches in the layout (entry, version, width) below, in reading order.
    pub hits: Vec<Hit>,
    /// The match `n`/`N` went to (also the one typing jumped to).
    pub current: Option<usize>,
    /// The first line shown when the search began: typing looks for the first match from there.
    pub origin: usize,
    layout_key: (u64, u64, usize),
    index: std::sync::Arc<Index>,
}

/// What the status line shows while a search is under way: `/query▏  3/17 …`; `keys` are the
/// keys of find_next and find_previous as the keymap has them.
pub fn status_text(f: &Find, keys: (Option<String>, Option<String>)) -> String {
    let q = crate::parse::sanitize::clean_line(&f.query);
    let count = if crate::ui::find::normalize(&f.query).is_empty() {
        String::new()
    } else if f.hits.is_empty() {
        "  no match".to_string()
    } else {
        format!(
            "  {}/{}",
            f.current.map(|c| c + 1).unwrap_or(0),
            f.hits.len()
        )
    };
    if f.typing {
        format!("/{q}▏{count}  Enter keep  Esc clear")
    } else {
        let step = match keys {
            (Some(n), Some(p)) => format!("  {n}/{p} next/previous"),
            (Some(n), None) => format!("  {n} next"),
            (None, Some(p)) => format!("  {p} previous"),
            (None, None) => String::new(),
        };
        format!("/{q}{count}{step}  Esc clear")
    }
}

/// `/` in the article pane: a new search from the current view.
pub(crate) fn start(s: &mut State) {
    s.refresh();
    let Some(c) = &s.layout else { return };
    let key = (c.entry_id, c.version, c.width);
    let index = std::sync::Arc::new(Index::new(&c.layout));
    s.find = Some(Find {
        query: String::new(),
        typing: true,
        hits: Vec::new(),
        current: None,
        origin: s.scroll(),
        layout_key: key,
        index,
    });
}

/// A key while the query is typed.
pub(crate) fn key(s: &mut State, ev: KeyEvent) {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let Some(f) = &mut s.find else { return };
    match ev.code {
        KeyCode::Char('c') if ctrl => {
            s.quit = true;
            s.outbox.push(super::Effect::Quit);
        }
        KeyCode::Char(c) if !ctrl && !c.is_control() => {
            f.query.push(c);
            typed(s);
        }
        KeyCode::Backspace => {
            f.query.pop();
            typed(s);
        }
        KeyCode::Esc => clear(s),
        KeyCode::Enter => {
            if crate::ui::find::normalize(&f.query).is_empty() {
                clear(s);
            } else {
                f.typing = false;
            }
        }
        _ => {}
    }
}

/// The query changed: match again, go to the first match from where the search began.
fn typed(s: &mut State) {
    let Some(f) = &mut s.find else { return };
    f.hits = f.index.find(&f.query);
    let origin = f.origin;
    f.current = f
        .hits
        .iter()
        .position(|h| h.line() >= origin)
        .or((!f.hits.is_empty()).then_some(0));
    match f.current.map(|i| f.hits[i].line()) {
        Some(line) => show(s, line),
        None => s.set_scroll(origin),
    }
}

/// Ends the search; the view stays where it is.
pub(crate) fn clear(s: &mut State) {
    s.find = None;
}

/// `n` / `N`: the next / previous match, the view scrolled to it (wrapping around the end).
pub(crate) fn step(s: &mut State, forward: bool) {
    let Some(f) = &mut s.find else {
        s.status = Some("No search: / in the article searches its text.".into());
        return;
    };
    if f.hits.is_empty() {
        s.status = Some(format!(
            "No match for “{}”.",
            crate::parse::sanitize::clean_line(&f.query)
        ));
        return;
    }
    let n = f.hits.len();
    let (next, wrapped) = match (f.current, forward) {
        (None, true) => (0, false),
        (None, false) => (n - 1, false),
        (Some(i), true) => ((i + 1) % n, i + 1 == n),
        (Some(i), false) => ((i + n - 1) % n, i == 0),
    };
    f.current = Some(next);
    let line = f.hits[next].line();
    s.focus = Pane::Article;
    show(s, line);
    if wrapped {
        s.status = Some(
            if forward {
                "Search continued at the top."
            } else {
                "Search continued at the bottom."
            }
            .into(),
        );
    }
}

/// Scrolls so that `line` is on screen: unchanged when it is, else with it a third down the pane.
fn show(s: &mut State, line: usize) {
    let top = s.scroll();
    let h = s.article_height().max(1);
    if line < top || line >= top + h {
        s.set_scroll(line.saturating_sub(h / 3));
    }
}

/// Keeps the search in step with the layout: another article ends it, a new wrapping (resize) or a
/// changed article matches again, keeping the current match's number where it still exists.
pub(crate) fn follow_layout(s: &mut State) {
    let Some(f) = &s.find else { return };
    let Some(c) = &s.layout else {
        s.find = None;
        return;
    };
    let key = (c.entry_id, c.version, c.width);
    if key == f.layout_key {
        return;
    }
    if key.0 != f.layout_key.0 {
        s.find = None;
        return;
    }
    let index = std::sync::Arc::new(Index::new(&c.layout));
    let Some(f) = &mut s.find else { return };
    f.index = index;
    f.layout_key = key;
    f.hits = f.index.find(&f.query);
    f.current = match f.current {
        Some(i) if !f.hits.is_empty() => Some(i.min(f.hits.len() - 1)),
        _ => None,
    };
}

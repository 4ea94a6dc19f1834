//! The status line: a message or the key hints (generated from the keymap), and the position.

use super::teasers::{spinner, truncate};
use super::theme::{Role, Theme};
use crate::app::state::State;
use crate::parse::sanitize::clean_line;
use crate::width::display_width;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// The key hints as one string: `j/↓ move  Enter/l read  …`.
pub fn hints_text(s: &State) -> String {
    use crate::app::state::Pane;
    use crate::app::Command;
    s.keymap
        .hints()
        .iter()
        .filter(|(_, _, c)| match s.focus {
            Pane::List => *c != Command::Back,
            Pane::Article => *c != Command::Focus,
        })
        .map(|(k, l, _)| format!("{k} {l}"))
        .collect::<Vec<_>>()
        .join("  ")
}

/// `reloading 37/120 · 3 failed`.
pub fn progress_text(p: &crate::app::state::ReloadProgress) -> String {
    let mut t = format!("reloading {}/{}", p.done, p.total);
    if p.failed > 0 {
        t.push_str(&format!(" · {} failed", p.failed));
    }
    t
}

pub fn draw(f: &mut Frame, area: Rect, s: &State, theme: &Theme) {
    let w = area.width as usize;
    let pos = if s.entries.is_empty() {
        String::new()
    } else {
        format!(" {}/{} ", s.selected + 1, s.entries.len())
    };
    let mut left = String::new();
    if s.busy() {
        left.push_str(spinner(s));
        left.push(' ');
    }
    if let Some(p) = &s.reloading {
        left.push_str(&progress_text(p));
        left.push_str("  ");
    }
    if let Some(t) = &s.syncing {
        left.push_str(&clean_line(t));
        left.push_str("  ");
    }
    let find = s.find.as_ref().filter(|_| s.pending_text().is_none());
    let (text, role) = if let Some(f) = find.filter(|f| f.typing || s.status.is_none()) {
        let key = |c| s.keymap.keys_for(c).into_iter().next();
        let keys = (
            key(crate::app::Command::FindNext),
            key(crate::app::Command::FindPrev),
        );
        (crate::app::find::status_text(f, keys), Role::Kicker)
    } else if s.filtering {
        (
            format!("/{}▏  Enter keep  Esc clear", clean_line(&s.filter)),
            Role::Kicker,
        )
    } else {
        let mut modes = String::new();
        if !s.filter.is_empty() {
            modes.push_str(&format!("/{}  ", clean_line(&s.filter)));
        }
        if s.unread_only {
            modes.push_str("[unread] ");
        }
        if s.starred_only {
            modes.push_str("[starred] ");
        }
        if s.grouping == crate::app::state::Grouping::ByDate {
            modes.push_str("[by date] ");
        }
        match &s.status {
            // a key sequence or a number under way is a prompt, not an error
            Some(m) if s.pending_text().is_some() => {
                (format!("{modes}{}", clean_line(m)), Role::Kicker)
            }
            Some(m) => (format!("{modes}{}", clean_line(m)), Role::Error),
            None => (format!("{modes}{}", hints_text(s)), Role::Meta),
        }
    };
    left.push_str(&text);
    let left = truncate(&left, w.saturating_sub(display_width(&pos) + 1));
    let pad = w.saturating_sub(display_width(&left) + display_width(&pos));
    let line = Line::from(vec![
        Span::styled(left, theme.style(role, false, false)),
        Span::raw(" ".repeat(pad)),
        Span::styled(pos, theme.style(Role::Meta, false, false)),
    ]);
    f.render_widget(Paragraph::new(line), area);
}

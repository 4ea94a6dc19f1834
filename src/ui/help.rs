//! The `?` overlay: every command, its keys and what it does, generated from the keymap.

use super::theme::{Role, Theme};
use crate::app::state::State;
use crate::width::display_width;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

pub fn draw(f: &mut Frame, body: Rect, s: &State, theme: &Theme) {
    let rows = s.keymap.help_rows();
    let kw = rows
        .iter()
        .map(|(k, _)| display_width(k))
        .max()
        .unwrap_or(0);
    let dw = rows
        .iter()
        .map(|(_, d)| display_width(d))
        .max()
        .unwrap_or(0);
    let want_w = (kw + dw + 6) as u16;
    let want_h = rows.len() as u16 + 6;
    let w = want_w.min(body.width);
    let h = want_h.min(body.height);
    let area = Rect::new(
        body.x + (body.width - w) / 2,
        body.y + (body.height - h) / 2,
        w,
        h,
    );
    let mut lines: Vec<Line> = rows
        .into_iter()
        .map(|(k, d)| {
            Line::from(vec![
                Span::styled(
                    format!("{k:<kw$}  "),
                    theme.style(Role::Kicker, true, false),
                ),
                Span::raw(d),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled(
            format!("{:<kw$}  ", "●"),
            theme.style(Role::Kicker, false, false),
        ),
        Span::raw("unread: opened, scrolled or jumped in counts as read"),
    ]));
    lines.push(Line::from(vec![
        Span::styled(
            format!("{:<kw$}  ", "★ ☆"),
            theme.style(Role::Kicker, false, false),
        ),
        Span::raw("starred (unread, read)"),
    ]));
    let (total, fit) = s.help_lines();
    let scrolls = total > fit;
    lines.push(Line::styled(
        if scrolls {
            "j/k, Space and PgUp scroll; any other key closes this help."
        } else {
            "Any key closes this help."
        },
        theme.style(Role::Notice, false, false),
    ));
    let title = if scrolls {
        let last = (s.help_scroll + fit).min(total);
        format!(" Keys {}–{} of {total} ", s.help_scroll + 1, last)
    } else {
        " Keys ".to_string()
    };
    f.render_widget(Clear, area);
    f.render_widget(
        Paragraph::new(lines)
            .scroll((s.help_scroll, 0))
            .block(Block::default().borders(Borders::ALL).title(title)),
        area,
    );
}

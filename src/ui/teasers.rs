//! The teaser list: source status lines, then two rows per teaser.

use super::article::format_date;
use super::theme::{Role, Theme};
use crate::app::state::{ArticleLoad, Pane, SourceStatus, State};
use crate::parse::sanitize::clean_line;
use crate::width::display_width;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Rows per teaser.
pub const ROWS: usize = 2;
const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// The spinner's current frame.
pub fn spinner(s: &State) -> &'static str {
    SPINNER[s.spinner % SPINNER.len()]
}

/// `s` cut to `w` columns, with "…" when cut: by grapheme cluster (see [`crate::width::truncate`]),
/// so a ZWJ sequence, a flag or an accented letter is never split and a wide character never
/// sticks out of its column.
pub fn truncate(s: &str, w: usize) -> String {
    crate::width::truncate(s, w)
}

/// At most this many source lines above the teasers; the rest are counted in one more line.
pub const MAX_SOURCE_LINES: usize = 3;

/// The sources worth a line (loading or failed), at most [`MAX_SOURCE_LINES`], and how many more.
fn noted_sources(s: &State) -> (Vec<&crate::app::state::Source>, usize) {
    let all: Vec<_> = s
        .sources
        .iter()
        .filter(|x| x.status != SourceStatus::Loaded)
        .collect();
    if all.len() > MAX_SOURCE_LINES {
        let more = all.len() - (MAX_SOURCE_LINES - 1);
        (all[..MAX_SOURCE_LINES - 1].to_vec(), more)
    } else {
        (all, 0)
    }
}

/// The lines above the teasers: sources still loading or failed, or a note when there is nothing.
pub fn header_lines(s: &State, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let (noted, more) = noted_sources(s);
    for src in noted {
        match &src.status {
            SourceStatus::Loading => out.push(Line::styled(
                truncate(&format!("{} {} …", spinner(s), src.label), width),
                theme.style(Role::Notice, false, false),
            )),
            SourceStatus::Failed(e) => out.push(Line::styled(
                truncate(&format!("✗ {}: {}", src.label, clean_line(e)), width),
                theme.style(Role::Error, false, false),
            )),
            SourceStatus::Loaded => {}
        }
    }
    if more > 0 {
        let failed = s
            .sources
            .iter()
            .filter(|x| matches!(x.status, SourceStatus::Failed(_)))
            .count();
        out.push(Line::styled(
            truncate(
                &format!("✗ … {more} more sources not loaded ({failed} failed in all)"),
                width,
            ),
            theme.style(Role::Error, false, false),
        ));
    }
    if s.entries.is_empty() && !s.busy() {
        let note = if !s.hidden.is_empty() {
            "No teasers match.".to_string()
        } else if s.library {
            let key = s
                .keymap
                .keys_for(crate::app::Command::Reload)
                .into_iter()
                .next()
                .unwrap_or_else(|| "r".into());
            format!("No teasers stored yet: {key} reloads.")
        } else {
            "No teasers.".to_string()
        };
        out.push(Line::styled(
            truncate(&note, width),
            theme.style(Role::Notice, false, false),
        ));
    }
    out
}

fn header_count(s: &State) -> usize {
    let (noted, more) = noted_sources(s);
    noted.len() + usize::from(more > 0) + usize::from(s.entries.is_empty() && !s.busy())
}

/// How many teasers fit in the list.
pub fn visible_teasers(s: &State) -> usize {
    let a = super::areas(s);
    let h = a.list.unwrap_or(a.body).height as usize;
    h.saturating_sub(header_count(s)) / ROWS
}

/// The teaser under screen row `row`, if any.
pub fn hit(s: &State, row: u16) -> Option<usize> {
    let list = super::areas(s).list?;
    let first = list.y as usize + header_count(s).min(list.height as usize);
    let row = row as usize;
    if row < first || row >= (list.y + list.height) as usize {
        return None;
    }
    let i = s.list_offset + (row - first) / ROWS;
    (i < s.entries.len()).then_some(i)
}

/// Draws the list.
pub fn draw(f: &mut Frame, area: Rect, s: &State, theme: &Theme) {
    let w = area.width as usize;
    let mut lines = header_lines(s, w, theme);
    let rows = visible_teasers(s);
    for (i, e) in s.entries.iter().enumerate().skip(s.list_offset).take(rows) {
        let selected = i == s.selected;
        let base = if selected {
            let mut st = theme.selection;
            if s.focus == Pane::Article {
                st = st.add_modifier(ratatui::style::Modifier::DIM);
            }
            st
        } else {
            Style::new()
        };
        let marker = match (e.starred, e.read) {
            (true, false) => "★ ",
            (true, true) => "☆ ",
            (false, false) => "● ",
            (false, true) => "  ",
        };
        let date = e
            .teaser
            .published
            .as_deref()
            .map(|p| {
                let d = format_date(p);
                format!("{} ", d.get(..6).unwrap_or(&d))
            })
            .unwrap_or_default();
        let title = clean_line(&e.teaser.title);
        let room = w.saturating_sub(display_width(marker) + display_width(&date));
        let title = truncate(&title, room);
        let pad1 =
            w.saturating_sub(display_width(marker) + display_width(&date) + display_width(&title));
        lines.push(Line::from(vec![
            Span::styled(marker, base.patch(theme.style(Role::Kicker, false, false))),
            Span::styled(date, base.patch(theme.style(Role::Meta, false, false))),
            Span::styled(title, base.add_modifier(ratatui::style::Modifier::BOLD)),
            Span::styled(" ".repeat(pad1), base),
        ]));
        let mut second = vec![Span::styled("  ", base)];
        let mut used = 2;
        if e.is_interview() {
            second.push(Span::styled(
                "Interview",
                base.patch(theme.style(Role::Question, false, false)),
            ));
            second.push(Span::styled(" · ", base));
            used += display_width("Interview · ");
        }
        // the roof line above the headline, dimmed, before the source
        if let Some(k) = e.teaser.kicker.as_deref().map(clean_line) {
            let k = truncate(&k, (w.saturating_sub(used) / 2).max(8));
            if !k.is_empty() {
                used += display_width(&k) + display_width(" · ");
                second.push(Span::styled(
                    k,
                    base.patch(theme.style(Role::Meta, false, false))
                        .add_modifier(ratatui::style::Modifier::DIM),
                ));
                second.push(Span::styled(" · ", base));
            }
        }
        let mut tail = s
            .sources
            .get(e.source_id)
            .map(|src| {
                e.teaser
                    .source
                    .as_deref()
                    .map(clean_line)
                    .unwrap_or_else(|| src.label.clone())
            })
            .unwrap_or_default();
        match &e.load {
            ArticleLoad::Loading { .. } => tail = format!("{} {tail}", spinner(s)),
            ArticleLoad::Failed(_) => tail = format!("✗ {tail}"),
            ArticleLoad::Idle => {}
        }
        let tail = truncate(&tail, w.saturating_sub(used));
        used += display_width(&tail);
        second.push(Span::styled(
            tail,
            base.patch(theme.style(Role::Meta, false, false)),
        ));
        second.push(Span::styled(" ".repeat(w.saturating_sub(used)), base));
        lines.push(Line::from(second));
    }
    f.render_widget(Paragraph::new(lines), area);
}

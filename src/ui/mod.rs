//! Drawing: pure functions from the state to a frame.

pub mod article;
pub mod find;
pub mod help;
pub mod status;
pub mod teasers;
pub mod theme;

use crate::app::state::{Pane, State};
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use ratatui::Frame;
pub use theme::Theme;

/// The widest the article text gets, for comfortable reading.
pub const MAX_TEXT_WIDTH: u16 = 100;

/// The narrowest the list pane gets when the divider is dragged.
pub const MIN_LIST_WIDTH: u16 = 16;
/// The narrowest the article pane gets when the divider is dragged.
pub const MIN_ARTICLE_WIDTH: u16 = 24;

/// A list width the user dragged the divider to, kept within what a screen `width` wide allows.
pub fn clamp_list_width(width: u16, lw: u16) -> u16 {
    let max = width
        .saturating_sub(MIN_ARTICLE_WIDTH + 3)
        .max(MIN_LIST_WIDTH);
    lw.clamp(MIN_LIST_WIDTH, max)
}

/// Where everything goes on a screen of the state's size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    /// Everything above the status line.
    pub body: Rect,
    pub list: Option<Rect>,
    pub separator: Option<Rect>,
    pub article: Option<Rect>,
    pub status: Rect,
    /// The article's text width, also when the article pane is hidden (narrow mode).
    pub article_w: u16,
}

impl Areas {
    pub fn article_text_width(&self) -> usize {
        self.article_w.max(1) as usize
    }
}

/// The screen's geometry: two panes side by side, or one at a time below [`crate::app::state::NARROW`].
pub fn areas(s: &State) -> Areas {
    let (w, h) = (s.width, s.height.max(2));
    let body = Rect::new(0, 0, w, h - 1);
    let status = Rect::new(0, h - 1, w, 1);
    if s.narrow() {
        let aw = w.saturating_sub(2).clamp(1, MAX_TEXT_WIDTH);
        let (list, article) = match s.focus {
            Pane::List => (Some(body), None),
            Pane::Article => (None, Some(Rect::new(1.min(w), 0, aw.min(w), body.height))),
        };
        return Areas {
            body,
            list,
            separator: None,
            article,
            status,
            article_w: aw,
        };
    }
    let lw = match s.list_width {
        Some(lw) => clamp_list_width(w, lw),
        None => (w * 36 / 100).clamp(28, 56),
    };
    let aw = w.saturating_sub(lw + 3).clamp(1, MAX_TEXT_WIDTH);
    Areas {
        body,
        list: Some(Rect::new(0, 0, lw, body.height)),
        separator: Some(Rect::new(lw, 0, 1, body.height)),
        article: Some(Rect::new(lw + 2, 0, aw, body.height)),
        status,
        article_w: aw,
    }
}

/// Draws the whole screen from the state.
pub fn view(s: &State, theme: &Theme, f: &mut Frame) {
    let a = areas(s);
    if let Some(r) = a.list {
        teasers::draw(f, r, s, theme);
    }
    if let Some(r) = a.separator {
        let style = theme.style(theme::Role::Meta, false, false);
        let col: Vec<ratatui::text::Line> = (0..r.height)
            .map(|_| ratatui::text::Line::styled("│", style))
            .collect();
        f.render_widget(Paragraph::new(col), r);
    }
    if let (Some(r), Some(c)) = (a.article, &s.layout) {
        let (hits, current) = match &s.find {
            Some(x) => (&x.hits[..], x.current),
            None => (&[][..], None),
        };
        article::draw(
            f,
            r,
            &c.layout,
            s.scroll(),
            theme,
            (hits, current),
            &s.pictures,
        );
    }
    status::draw(f, a.status, s, theme);
    if s.help {
        help::draw(f, a.body, s, theme);
    }
}

//! Colours and text styles. The only place that knows what a role looks like.

use ratatui::style::{Color, Modifier, Style};

/// What a piece of text is; the theme decides how it looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Plain,
    Title,
    Kicker,
    Meta,
    Lead,
    Heading,
    /// A question's text.
    Question,
    /// The bar in front of every line of a question.
    QuestionBar,
    /// A speaker's name label and gutter bar, by colour index.
    Speaker(usize),
    Quote,
    Caption,
    Link,
    /// A loading line or another notice in the article pane.
    Notice,
    Error,
}

/// Speaker colours as RGB triples: the same set as [`crate::output::SPEAKER_COLORS`] (Okabe–Ito, kept
/// apart under the common colour-vision deficiencies, readable on dark and light backgrounds).
pub fn speaker_palette() -> Vec<Color> {
    crate::output::SPEAKER_COLORS
        .iter()
        .map(|c| match *c {
            crossterm::style::Color::Rgb { r, g, b } => Color::Rgb(r, g, b),
            _ => Color::Reset,
        })
        .collect()
}

/// Every colour and style the screen uses.
#[derive(Clone, Debug)]
pub struct Theme {
    pub speakers: Vec<Color>,
    /// The interviewer's colour (questions, their bar): Okabe–Ito blue, outside the speaker set.
    pub interviewer: Color,
    pub accent: Color,
    pub dim: Color,
    pub error: Color,
    pub selection: Style,
    /// Monochrome (`NO_COLOR`): styles only, no colours.
    pub mono: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            speakers: speaker_palette(),
            interviewer: Color::Rgb(0, 114, 178),
            accent: Color::Rgb(230, 159, 0),
            dim: Color::DarkGray,
            error: Color::Rgb(213, 94, 0),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            mono: false,
        }
    }
}

impl Theme {
    /// Colours unless `NO_COLOR` is set (to anything non-empty).
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::monochrome(),
            _ => Theme::default(),
        }
    }

    /// The theme the config names; `NO_COLOR` still wins. "auto" reads the terminal's background
    /// from `COLORFGBG` where the terminal sets it (light for 7 and 15), else dark.
    pub fn from_config(name: crate::config::ThemeName) -> Theme {
        use crate::config::ThemeName;
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return Theme::monochrome();
        }
        let light = match name {
            ThemeName::Dark => false,
            ThemeName::Light => true,
            ThemeName::Auto => std::env::var("COLORFGBG")
                .ok()
                .and_then(|v| v.rsplit(';').next().map(|b| matches!(b.trim(), "7" | "15")))
                .unwrap_or(false),
        };
        if light {
            Theme::light()
        } else {
            Theme::default()
        }
    }

    /// For light backgrounds: darker accent and error colours, grey that stays readable.
    pub fn light() -> Theme {
        Theme {
            accent: Color::Rgb(166, 98, 0),
            dim: Color::Rgb(96, 96, 96),
            error: Color::Rgb(176, 58, 0),
            ..Theme::default()
        }
    }

    /// No colours: name labels, bold and italics carry the structure.
    pub fn monochrome() -> Theme {
        Theme {
            speakers: vec![Color::Reset],
            interviewer: Color::Reset,
            accent: Color::Reset,
            dim: Color::Reset,
            error: Color::Reset,
            selection: Style::new().add_modifier(Modifier::REVERSED),
            mono: true,
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.mono {
            Style::new()
        } else {
            Style::new().fg(c)
        }
    }

    /// The colour of speaker `i` (cycling through the palette).
    pub fn speaker(&self, i: usize) -> Color {
        self.speakers[i % self.speakers.len().max(1)]
    }

    /// The style of a piece of text with this role and emphasis.
    pub fn style(&self, role: Role, bold: bool, italic: bool) -> Style {
        let mut s = match role {
            Role::Plain => Style::new(),
            Role::Title => Style::new().add_modifier(Modifier::BOLD),
            Role::Kicker => self.fg(self.accent).add_modifier(Modifier::BOLD),
            Role::Meta => self.fg(self.dim),
            Role::Lead => Style::new().add_modifier(Modifier::ITALIC),
            Role::Heading => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Role::Question => self.fg(self.interviewer).add_modifier(Modifier::BOLD),
            Role::QuestionBar => self.fg(self.interviewer).add_modifier(Modifier::BOLD),
            Role::Speaker(i) => self.fg(self.speaker(i)).add_modifier(Modifier::BOLD),
            Role::Quote => Style::new().add_modifier(Modifier::ITALIC),
            Role::Caption => self.fg(self.dim).add_modifier(Modifier::ITALIC),
            Role::Link => Style::new().add_modifier(Modifier::UNDERLINED),
            Role::Notice => self.fg(self.dim).add_modifier(Modifier::ITALIC),
            Role::Error => self.fg(self.error).add_modifier(Modifier::BOLD),
        };
        if bold {
            s = s.add_modifier(Modifier::BOLD);
        }
        if italic {
            s = s.add_modifier(Modifier::ITALIC);
        }
        s
    }
}

//! Colours and text styles. The only place that knows what a role looks like.
//!
//! A theme is chosen from three things: the background (dark or light: the config, else the
//! terminal's `COLORFGBG`, else dark), the colour depth (the config, else `COLORTERM` and `TERM`) and
//! `NO_COLOR`, which turns every colour off. [`Theme::resolve`] does this as a pure function of the
//! config and an [`Env`], so it is tested without touching the process environment.
//!
//! Speakers are coloured from the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2002),
//! chosen to stay apart for the common colour-vision deficiencies (protanopia, deuteranopia,
//! tritanopia). On light backgrounds the same hues are used in darker shades, so that every colour
//! keeps a contrast of at least 4.5:1 against white (Okabe–Ito's yellow is 1.3:1 on white).

use crate::config::{ColorDepth, ThemeConfig, ThemeName};
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

/// The terminal's background.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Background {
    Dark,
    Light,
}

/// How many colours the terminal can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    /// 24-bit RGB.
    Truecolor,
    /// The xterm 256-colour palette (RGB colours mapped to the nearest entry).
    Ansi256,
    /// The 16 named ANSI colours, whose exact shades the terminal's own scheme decides.
    Ansi16,
    /// No colours at all (`NO_COLOR`).
    None,
}

/// Okabe–Ito, in speaker order: orange, sky blue, reddish purple, bluish green, yellow, vermillion.
/// For dark backgrounds.
pub const SPEAKERS_DARK: [(u8, u8, u8); 6] = [
    (230, 159, 0),
    (86, 180, 233),
    (204, 121, 167),
    (0, 158, 115),
    (240, 228, 66),
    (213, 94, 0),
];

/// The same hues, darkened for light backgrounds: each at least 4.5:1 against white and still apart
/// from the others under simulated protanopia, deuteranopia and tritanopia (see `tests/themes.rs`).
/// Yellow becomes an olive, orange a brown: the hue stays, the lightness goes.
pub const SPEAKERS_LIGHT: [(u8, u8, u8); 6] = [
    (108, 75, 0),
    (57, 119, 154),
    (160, 95, 131),
    (0, 102, 74),
    (100, 95, 40),
    (154, 86, 0),
];

/// The interviewer (questions and their bar): Okabe–Ito's blue, lightened for dark backgrounds
/// (4.05:1 on black as it is) and darkened for light ones, so that it stays apart from sky blue.
pub const INTERVIEWER_DARK: (u8, u8, u8) = (30, 136, 209);
pub const INTERVIEWER_LIGHT: (u8, u8, u8) = (0, 80, 125);

/// The speakers and the interviewer in the xterm 256-colour palette. Not simply the nearest entries:
/// the cube has few dark shades, and the nearest ones for the light theme fall together (orange and
/// yellow both on 58). These are the entries near each hue that keep 4.5:1 against the background
/// and stay furthest apart under the colour-blindness simulations in `tests/themes.rs`.
pub const SPEAKERS_DARK_256: [u8; 6] = [214, 81, 169, 35, 227, 166];
pub const INTERVIEWER_DARK_256: u8 = 33;
pub const SPEAKERS_LIGHT_256: [u8; 6] = [130, 25, 96, 23, 58, 88];
pub const INTERVIEWER_LIGHT_256: u8 = 18;

/// Speaker colours as RGB (dark background): the set [`crate::output`] also uses.
pub fn speaker_palette() -> Vec<Color> {
    SPEAKERS_DARK
        .iter()
        .map(|&(r, g, b)| Color::Rgb(r, g, b))
        .collect()
}

/// What the environment says about the terminal. [`Env::from_process`] reads the real one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Env {
    /// `NO_COLOR` set to something non-empty.
    pub no_color: bool,
    pub colorterm: Option<String>,
    pub term: Option<String>,
    pub colorfgbg: Option<String>,
}

impl Env {
    pub fn from_process() -> Env {
        let var = |k: &str| std::env::var(k).ok();
        Env {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            colorterm: var("COLORTERM"),
            term: var("TERM"),
            colorfgbg: var("COLORFGBG"),
        }
    }

    /// The colour depth the terminal announces: RGB only where `COLORTERM` says `truecolor` or
    /// `24bit`; 16 colours where `TERM` names a terminal with 8 or 16 (or is missing); else 256.
    pub fn depth(&self) -> Depth {
        if self.colorterm.as_deref().is_some_and(|c| {
            matches!(
                c.trim().to_ascii_lowercase().as_str(),
                "truecolor" | "24bit"
            )
        }) {
            return Depth::Truecolor;
        }
        let term = self
            .term
            .as_deref()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if term.contains("256") {
            return Depth::Ansi256;
        }
        let sixteen = term.is_empty()
            || term.ends_with("-16color")
            || term.ends_with("-color")
            || term.ends_with("-8color")
            || term.ends_with("-mono")
            || matches!(
                term.as_str(),
                "dumb"
                    | "linux"
                    | "xterm"
                    | "screen"
                    | "tmux"
                    | "vt100"
                    | "vt102"
                    | "vt220"
                    | "ansi"
                    | "cons25"
                    | "rxvt"
                    | "rxvt-unicode"
                    | "eterm"
                    | "putty"
                    | "cygwin"
                    | "st"
            );
        if sixteen {
            Depth::Ansi16
        } else {
            Depth::Ansi256
        }
    }

    /// The background from `COLORFGBG` ("fg;bg" or "fg;other;bg", set by rxvt, Konsole, iTerm2 and
    /// others): light for the light greys and white (7, 9–15 except 8), dark for 0–6 and 8, unknown
    /// otherwise (e.g. "default").
    pub fn background(&self) -> Option<Background> {
        let v = self.colorfgbg.as_deref()?;
        let bg: u8 = v.rsplit(';').next()?.trim().parse().ok()?;
        match bg {
            0..=6 | 8 => Some(Background::Dark),
            7 | 9..=15 => Some(Background::Light),
            _ => None,
        }
    }
}

/// Every colour and style the screen uses.
#[derive(Clone, Debug)]
pub struct Theme {
    pub speakers: Vec<Color>,
    /// The interviewer's colour (questions, their bar): blue, outside the speaker set.
    pub interviewer: Color,
    pub accent: Color,
    pub dim: Color,
    pub error: Color,
    pub selection: Style,
    /// Monochrome (`NO_COLOR`): styles only, no colours.
    pub mono: bool,
    pub background: Background,
    pub depth: Depth,
}

impl Default for Theme {
    /// Dark, truecolor.
    fn default() -> Self {
        Theme::dark()
    }
}

fn rgb((r, g, b): (u8, u8, u8)) -> Color {
    Color::Rgb(r, g, b)
}

impl Theme {
    /// For dark backgrounds, in RGB.
    pub fn dark() -> Theme {
        Theme {
            speakers: SPEAKERS_DARK.iter().copied().map(rgb).collect(),
            interviewer: rgb(INTERVIEWER_DARK),
            accent: Color::Rgb(230, 159, 0),
            dim: Color::DarkGray,
            error: Color::Rgb(213, 94, 0),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            mono: false,
            background: Background::Dark,
            depth: Depth::Truecolor,
        }
    }

    /// For light backgrounds, in RGB: darker shades of the same hues, grey that stays readable.
    pub fn light() -> Theme {
        Theme {
            speakers: SPEAKERS_LIGHT.iter().copied().map(rgb).collect(),
            interviewer: rgb(INTERVIEWER_LIGHT),
            accent: Color::Rgb(166, 98, 0),
            dim: Color::Rgb(96, 96, 96),
            error: Color::Rgb(176, 58, 0),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            mono: false,
            background: Background::Light,
            depth: Depth::Truecolor,
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
            background: Background::Dark,
            depth: Depth::None,
        }
    }

    /// The theme for a background at a colour depth.
    pub fn new(background: Background, depth: Depth) -> Theme {
        let rgb_theme = match background {
            Background::Dark => Theme::dark(),
            Background::Light => Theme::light(),
        };
        match depth {
            Depth::Truecolor => rgb_theme,
            Depth::Ansi256 => rgb_theme.into_256(),
            Depth::Ansi16 => Theme::sixteen(background),
            Depth::None => Theme::monochrome(),
        }
    }

    /// Every RGB colour replaced by the nearest entry of the xterm 256-colour palette that keeps
    /// its contrast against the background (at least 4.5:1 where the original has it).
    fn into_256(self) -> Theme {
        let bg = match self.background {
            Background::Dark => (0, 0, 0),
            Background::Light => (255, 255, 255),
        };
        let m = |c: Color| match c {
            Color::Rgb(r, g, b) => Color::Indexed(nearest_256_readable((r, g, b), bg)),
            other => other,
        };
        // the speakers and the interviewer: chosen by hand (see the constants)
        let (speakers, interviewer) = match self.background {
            Background::Dark => (SPEAKERS_DARK_256, INTERVIEWER_DARK_256),
            Background::Light => (SPEAKERS_LIGHT_256, INTERVIEWER_LIGHT_256),
        };
        Theme {
            speakers: speakers.iter().map(|&i| Color::Indexed(i)).collect(),
            interviewer: Color::Indexed(interviewer),
            accent: m(self.accent),
            dim: m(self.dim),
            error: m(self.error),
            depth: Depth::Ansi256,
            ..self
        }
    }

    /// The 16 named colours. Their shades are the terminal scheme's, so the speakers are told apart
    /// by hue family (yellow, cyan, magenta, green, red), blue is kept for the interviewer, and every
    /// turn carries its name label anyway.
    fn sixteen(background: Background) -> Theme {
        let (speakers, interviewer, accent, error) = match background {
            Background::Dark => (
                vec![
                    Color::LightYellow,
                    Color::LightCyan,
                    Color::LightMagenta,
                    Color::LightGreen,
                    Color::LightRed,
                    Color::Yellow,
                ],
                Color::LightBlue,
                Color::Yellow,
                Color::LightRed,
            ),
            // the bright variants are pale on white: the normal ones
            Background::Light => (
                vec![
                    Color::Yellow,
                    Color::Cyan,
                    Color::Magenta,
                    Color::Green,
                    Color::Red,
                ],
                Color::Blue,
                Color::Magenta,
                Color::Red,
            ),
        };
        Theme {
            speakers,
            interviewer,
            accent,
            dim: Color::DarkGray,
            error,
            selection: Style::new().add_modifier(Modifier::REVERSED),
            mono: false,
            background,
            depth: Depth::Ansi16,
        }
    }

    /// The theme the config asks for in this environment (pure: the environment is passed in).
    /// `NO_COLOR` wins over everything; `name = "auto"` reads `COLORFGBG` (dark when it is missing
    /// or says nothing); `colors = "auto"` reads `COLORTERM` and `TERM` (see [`Env::depth`]).
    pub fn resolve(cfg: &ThemeConfig, env: &Env) -> Theme {
        if env.no_color {
            return Theme::monochrome();
        }
        let background = match cfg.name {
            ThemeName::Dark => Background::Dark,
            ThemeName::Light => Background::Light,
            ThemeName::Auto => env.background().unwrap_or(Background::Dark),
        };
        let depth = match cfg.colors {
            ColorDepth::Auto => env.depth(),
            ColorDepth::Truecolor => Depth::Truecolor,
            ColorDepth::Ansi256 => Depth::Ansi256,
            ColorDepth::Ansi16 => Depth::Ansi16,
        };
        Theme::new(background, depth)
    }

    /// [`Theme::resolve`] in the process's environment. Takes the `[theme]` table (or only its
    /// name, which leaves the colour depth to the environment).
    pub fn from_config(cfg: impl Into<ThemeConfig>) -> Theme {
        Theme::resolve(&cfg.into(), &Env::from_process())
    }

    /// Everything automatic, in the process's environment.
    pub fn from_env() -> Theme {
        Theme::from_config(ThemeConfig::default())
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
        self.speakers
            .get(i % self.speakers.len().max(1))
            .copied()
            .unwrap_or(Color::Reset)
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

/// The levels of the xterm colour cube (indices 16–231).
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The RGB value of xterm palette entry `i` for 16–255 (the first 16 are the terminal's own).
pub fn xterm_rgb(i: u8) -> Option<(u8, u8, u8)> {
    match i {
        0..=15 => None,
        16..=231 => {
            let i = i - 16;
            Some((
                CUBE[(i / 36) as usize],
                CUBE[((i / 6) % 6) as usize],
                CUBE[(i % 6) as usize],
            ))
        }
        232..=255 => {
            let v = 8 + 10 * (i - 232);
            Some((v, v, v))
        }
    }
}

/// The xterm palette entry (16–255) nearest to an RGB colour, by a weighted RGB distance that
/// follows perceived differences better than a plain one ("redmean").
pub fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    (16..=255u8)
        .filter_map(|i| xterm_rgb(i).map(|x| (i, redmean((r, g, b), x))))
        .min_by_key(|&(_, d)| d)
        .map_or(16, |(i, _)| i)
}

/// WCAG 2 relative luminance of an sRGB colour.
pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// [`nearest_256`] among the entries whose contrast against `bg` is at least 4.5:1 (or at least the
/// original colour's own contrast, where that is lower), so that the approximation stays readable.
pub fn nearest_256_readable(c: (u8, u8, u8), bg: (u8, u8, u8)) -> u8 {
    let need = contrast(c, bg).min(4.5);
    let (r, g, b) = c;
    (16..=255u8)
        .filter_map(|i| xterm_rgb(i).map(|x| (i, x)))
        .filter(|&(_, x)| contrast(x, bg) >= need)
        .min_by_key(|&(_, x)| redmean(c, x))
        .map_or_else(|| nearest_256(r, g, b), |(i, _)| i)
}

fn redmean((r, g, b): (u8, u8, u8), (r2, g2, b2): (u8, u8, u8)) -> i64 {
    let rm = (i64::from(r) + i64::from(r2)) / 2;
    let dr = i64::from(r) - i64::from(r2);
    let dg = i64::from(g) - i64::from(g2);
    let db = i64::from(b) - i64::from(b2);
    (((512 + rm) * dr * dr) >> 8) + 4 * dg * dg + (((767 - rm) * db * db) >> 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cube_and_grey_entries_map_to_themselves() {
        for i in 16..=255u8 {
            let (r, g, b) = xterm_rgb(i).unwrap();
            let j = nearest_256(r, g, b);
            assert_eq!(xterm_rgb(j), Some((r, g, b)), "{i} -> {j}");
        }
        assert_eq!(nearest_256(0, 0, 0), 16);
        assert_eq!(nearest_256(255, 255, 255), 231);
        assert_eq!(nearest_256(250, 0, 0), 196);
    }

    #[test]
    fn colorfgbg() {
        let env = |v: &str| Env {
            colorfgbg: Some(v.into()),
            ..Env::default()
        };
        assert_eq!(env("15;0").background(), Some(Background::Dark));
        assert_eq!(env("0;15").background(), Some(Background::Light));
        assert_eq!(env("0;default;15").background(), Some(Background::Light));
        assert_eq!(env("12;8").background(), Some(Background::Dark));
        assert_eq!(env("default;default").background(), None);
        assert_eq!(env("").background(), None);
        assert_eq!(Env::default().background(), None);
    }
}

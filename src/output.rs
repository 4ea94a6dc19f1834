//! Articles and teasers as text for stdout: plain (`text`), coloured (`ansi`) or JSON.
//!
//! Everything printed here went through [`crate::parse::sanitize`] already when it was parsed; the
//! lines are cleaned once more before they are written, so no control character can slip through.

use crate::document::{Article, Block, Kind, Role, Teaser};
use crate::parse::sanitize::clean;
use crate::ui::theme::{Role as Look, Theme};
use crossterm::style::Color;

/// Speaker colours for ANSI output on a dark background in truecolor: Okabe–Ito, the set the TUI
/// uses (see [`crate::ui::theme`], which also has the light, 256- and 16-colour variants that
/// `--format ansi` picks from the environment like the TUI does).
pub const SPEAKER_COLORS: [Color; 6] = {
    let p = crate::ui::theme::SPEAKERS_DARK;
    let mut out = [Color::Reset; 6];
    let mut i = 0;
    while i < 6 {
        out[i] = Color::Rgb {
            r: p[i].0,
            g: p[i].1,
            b: p[i].2,
        };
        i += 1;
    }
    out
};

/// The colour index of every interviewee, by order of appearance in `speakers`.
pub fn speaker_index(article: &Article, name: &str) -> Option<usize> {
    article
        .speakers
        .iter()
        .filter(|s| s.role == Role::Interviewee)
        .position(|s| s.name == name)
}

/// An ISO 8601 date or date-time for reading: `2026-11-24` or `2026-11-24 15:00`.
pub fn display_date(iso: &str) -> String {
    let iso = local_iso(iso);
    match iso.split_once('T') {
        Some((d, t)) if t.len() >= 5 => format!("{d} {}", &t[..5]),
        _ => iso.to_string(),
    }
}

/// An ISO 8601 time with an offset, moved to the reader's time zone (`TZ`, else the system's), so a
/// feed's `10:30 +0100` read in Berlin shows 10:30 and the day is the reader's day; a date without a
/// time, or anything else, as it is.
pub fn local_iso(iso: &str) -> std::borrow::Cow<'_, str> {
    match chrono::DateTime::parse_from_rfc3339(iso.trim()) {
        Ok(t) => std::borrow::Cow::Owned(t.with_timezone(&chrono::Local).to_rfc3339()),
        Err(_) => std::borrow::Cow::Borrowed(iso),
    }
}

/// Plain or coloured rendering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    Ansi,
}

struct Out<'t> {
    style: Style,
    /// The colours for [`Style::Ansi`].
    theme: &'t Theme,
    width: usize,
    s: String,
}

/// The SGR parameter of a foreground colour: the classic 30–37 and 90–97 for the 16 named colours
/// (which every colour terminal knows), `38;5;N` for the 256-colour palette, `38;2;R;G;B` for RGB.
pub fn fg_param(c: ratatui::style::Color) -> Option<String> {
    use ratatui::style::Color as C;
    let n = match c {
        C::Reset => return None,
        C::Black => 30,
        C::Red => 31,
        C::Green => 32,
        C::Yellow => 33,
        C::Blue => 34,
        C::Magenta => 35,
        C::Cyan => 36,
        C::Gray => 37,
        C::DarkGray => 90,
        C::LightRed => 91,
        C::LightGreen => 92,
        C::LightYellow => 93,
        C::LightBlue => 94,
        C::LightMagenta => 95,
        C::LightCyan => 96,
        C::White => 97,
        C::Indexed(i) => return Some(format!("38;5;{i}")),
        C::Rgb(r, g, b) => return Some(format!("38;2;{r};{g};{b}")),
    };
    Some(n.to_string())
}

/// `text` with a ratatui style as one SGR sequence (colour, bold, italic, underline) and a reset.
fn sgr(text: &str, st: ratatui::style::Style) -> String {
    use ratatui::style::Modifier;
    let mut params: Vec<String> = st.fg.and_then(fg_param).into_iter().collect();
    for (m, p) in [
        (Modifier::BOLD, "1"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
    ] {
        if st.add_modifier.contains(m) {
            params.push(p.to_string());
        }
    }
    if text.is_empty() || params.is_empty() {
        return text.to_string();
    }
    format!("\x1b[{}m{text}\x1b[0m", params.join(";"))
}

impl Out<'_> {
    /// `text` in a role's look (only for [`Style::Ansi`]).
    fn look(&self, text: &str, role: Look, bold: bool, italic: bool) -> String {
        match self.style {
            Style::Plain => text.to_string(),
            Style::Ansi => sgr(text, self.theme.style(role, bold, italic)),
        }
    }

    fn line(&mut self, l: &str) {
        self.s.push_str(l.trim_end());
        self.s.push('\n');
    }

    fn blank(&mut self) {
        if !self.s.is_empty() && !self.s.ends_with("\n\n") {
            self.s.push('\n');
        }
    }

    /// Wraps `text` with a first-line prefix and a continuation prefix (both already styled), each
    /// taking `prefix_width` columns; every line's text in `look` (for [`Style::Ansi`]).
    fn wrapped(
        &mut self,
        text: &str,
        first: &str,
        rest: &str,
        prefix_width: usize,
        look: (Look, bool, bool),
    ) {
        let avail = self.width.saturating_sub(prefix_width).max(10);
        let mut is_first = true;
        for para in text.split('\n') {
            let lines = crate::width::wrap(para, avail);
            for l in lines {
                let prefix = if is_first { first } else { rest };
                is_first = false;
                let body = self.look(&l, look.0, look.1, look.2);
                self.line(&format!("{prefix}{body}"));
            }
            if para.is_empty() {
                // keep empty lines between paragraphs of one turn
                self.line(rest.trim_end());
            }
        }
    }
}

const PLAIN: (Look, bool, bool) = (Look::Plain, false, false);

/// The theme `--format ansi` uses: the TUI's choice from `COLORFGBG`, `COLORTERM` and `TERM`
/// (truecolor only where `COLORTERM` says so, else 256 or 16 colours). `NO_COLOR` does not apply:
/// asking for `ansi` is asking for colour.
pub fn ansi_theme() -> Theme {
    let env = crate::ui::theme::Env {
        no_color: false,
        ..crate::ui::theme::Env::from_process()
    };
    Theme::resolve(&crate::config::ThemeConfig::default(), &env)
}

/// `article` as text, wrapped to `width` columns; [`Style::Ansi`] colours it with [`ansi_theme`].
pub fn article_text(article: &Article, width: usize, style: Style) -> String {
    article_text_themed(article, width, style, &ansi_theme())
}

/// `article` as text, wrapped to `width` columns, coloured (for [`Style::Ansi`]) by `theme`.
pub fn article_text_themed(article: &Article, width: usize, style: Style, theme: &Theme) -> String {
    let mut o = Out {
        style,
        theme,
        width: width.max(20),
        s: String::new(),
    };
    if let Some(k) = &article.kicker {
        o.wrapped(&clean(k), "", "", 0, (Look::Kicker, false, false));
    }
    let title = clean(&article.title);
    o.wrapped(&title, "", "", 0, (Look::Title, false, false));
    let mut meta = Vec::new();
    if article.kind == Kind::Interview {
        meta.push("Interview".to_string());
    }
    if let Some(p) = &article.published {
        meta.push(display_date(&clean(p)));
    }
    if let Some(b) = &article.byline {
        meta.push(clean(b));
    }
    if let Some(s) = &article.source {
        meta.push(clean(s));
    }
    if !meta.is_empty() {
        let m = meta.join(" · ");
        o.wrapped(&m, "", "", 0, (Look::Meta, false, false));
    }
    if article.kind == Kind::Interview && !article.speakers.is_empty() {
        // the interviewees in their colours, then who asked
        let mut names: Vec<String> = article
            .speakers
            .iter()
            .filter(|s| s.role == Role::Interviewee)
            .map(|s| {
                let n = clean(&s.name);
                match speaker_index(article, &s.name) {
                    Some(i) => o.look(&n, Look::Speaker(i), true, false),
                    None => n,
                }
            })
            .collect();
        let askers: Vec<String> = article
            .speakers
            .iter()
            .filter(|s| s.role == Role::Interviewer)
            .map(|s| clean(&s.name))
            .collect();
        if !askers.is_empty() {
            names.push(format!("Fragen: {}", askers.join(", ")));
        }
        // joined without wrapping styled text (names are short)
        o.line(&names.join(" · "));
    }
    if let Some(lead) = &article.lead {
        o.blank();
        let lead = clean(lead);
        o.wrapped(&lead, "", "", 0, (Look::Lead, false, false));
    }
    for b in &article.blocks {
        o.blank();
        block(&mut o, article, b);
    }
    o.s
}

fn block(o: &mut Out, article: &Article, b: &Block) {
    let style = o.style;
    match b {
        Block::Paragraph { text, .. } => {
            o.wrapped(&clean(text), "", "", 0, PLAIN);
        }
        Block::Heading { text, .. } => {
            let t = clean(text);
            let t = match style {
                Style::Plain => t.to_uppercase(),
                Style::Ansi => t,
            };
            o.wrapped(&t, "", "", 0, (Look::Heading, false, false));
        }
        Block::Question { speaker, text, .. } => {
            let label = speaker.as_deref().map(clean);
            let bar = o.look("▌ ", Look::QuestionBar, false, false);
            let t = match &label {
                Some(l) => format!("{l}: {}", clean(text)),
                None => clean(text),
            };
            o.wrapped(&t, &bar, &bar, 2, (Look::Question, false, false));
        }
        Block::Answer { speaker, text, .. } => {
            let name = clean(speaker);
            // a speaker without an index (not among the interviewees) gets a dim gutter
            let role = speaker_index(article, speaker)
                .map(Look::Speaker)
                .unwrap_or(Look::Meta);
            let gutter = o.look("┃ ", role, false, false);
            let label = o.look(&format!("{name}:"), role, true, false);
            // the label goes in front of the first line; wrap the text with room for it
            let first_text = format!("{name}: {}", clean(text));
            let mut first = true;
            let avail = o.width.saturating_sub(2).max(10);
            for (pi, para) in first_text.split('\n').enumerate() {
                if pi > 0 && para.is_empty() {
                    o.line(gutter.trim_end());
                    continue;
                }
                for l in crate::width::wrap(para, avail) {
                    let line = if first {
                        first = false;
                        match l.strip_prefix(&format!("{name}:")) {
                            Some(rest) => format!("{gutter}{label}{rest}"),
                            None => format!("{gutter}{l}"),
                        }
                    } else {
                        format!("{gutter}{l}")
                    };
                    o.line(&line);
                }
            }
        }
        Block::Quote { text, cite } => {
            let t = clean(text);
            o.wrapped(&t, "    ", "    ", 4, (Look::Quote, false, false));
            if let Some(c) = cite {
                o.wrapped(&format!("— {}", clean(c)), "    ", "    ", 4, PLAIN);
            }
        }
        Block::List { ordered, items } => {
            for (i, item) in items.iter().enumerate() {
                let item = clean(item);
                let depth = item.len() - item.trim_start().len();
                let pad = " ".repeat(depth);
                let marker = if *ordered {
                    format!("{pad}{}. ", i + 1)
                } else {
                    format!("{pad}• ")
                };
                let w = unicode_width::UnicodeWidthStr::width(marker.as_str());
                o.wrapped(item.trim_start(), &marker, &" ".repeat(w), w, PLAIN);
            }
        }
        Block::Image { alt, caption, .. } => {
            let mut t = String::from("[Bild");
            if !alt.is_empty() {
                t.push_str(": ");
                t.push_str(&clean(alt));
            }
            t.push(']');
            if let Some(c) = caption {
                t.push(' ');
                t.push_str(&clean(c));
            }
            o.wrapped(&t, "", "", 0, (Look::Caption, false, false));
        }
        Block::Pre { text } => {
            for l in clean(text).lines() {
                o.line(&format!("    {l}"));
            }
        }
    }
}

/// Teasers as text: `note:` lines first (`notes`: the feeds a page advertises, where its teasers
/// came from), then one block per teaser, the kicker on a line of its own above the headline.
pub fn teasers_text(teasers: &[Teaser], notes: &[String], width: usize) -> String {
    let theme = Theme::monochrome();
    let mut o = Out {
        style: Style::Plain,
        theme: &theme,
        width: width.max(20),
        s: String::new(),
    };
    for n in notes {
        o.line(&format!("note: {}", clean(n)));
    }
    for t in teasers {
        o.blank();
        if let Some(k) = &t.kicker {
            o.wrapped(&clean(k), "", "", 0, PLAIN);
        }
        let mut head = String::new();
        if let Some(p) = &t.published {
            head.push_str(&format!("[{}] ", clean(p)));
        }
        head.push_str(&clean(&t.title));
        if t.kind == Some(Kind::Interview) {
            head.push_str(" (Interview)");
        }
        o.wrapped(&head, "", "", 0, PLAIN);
        if let Some(s) = &t.summary {
            o.wrapped(&clean(s), "  ", "  ", 2, PLAIN);
        }
        let mut foot = Vec::new();
        if let Some(s) = &t.source {
            foot.push(clean(s));
        }
        if let Some(u) = &t.url {
            foot.push(clean(u));
        }
        if !foot.is_empty() {
            o.line(&format!("  {}", foot.join(" · ")));
        }
    }
    o.s
}

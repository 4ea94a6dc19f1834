//! Articles and teasers as text for stdout: plain (`text`), coloured (`ansi`) or JSON.
//!
//! Everything printed here went through [`crate::parse::sanitize`] already when it was parsed; the
//! lines are cleaned once more before they are written, so no control character can slip through.

use crate::document::{Article, Block, Kind, Role, Teaser};
use crate::parse::sanitize::clean;
use crossterm::style::{Attribute, Color, Stylize};

/// Speaker colours for ANSI output, chosen to stay apart for the common colour-vision deficiencies
/// (a blue/orange/pink/teal set after Okabe–Ito) and to read on dark and light backgrounds.
pub const SPEAKER_COLORS: [Color; 6] = [
    Color::Rgb {
        r: 230,
        g: 159,
        b: 0,
    }, // orange
    Color::Rgb {
        r: 86,
        g: 180,
        b: 233,
    }, // sky blue
    Color::Rgb {
        r: 204,
        g: 121,
        b: 167,
    }, // reddish purple
    Color::Rgb {
        r: 0,
        g: 158,
        b: 115,
    }, // bluish green
    Color::Rgb {
        r: 240,
        g: 228,
        b: 66,
    }, // yellow
    Color::Rgb {
        r: 213,
        g: 94,
        b: 0,
    }, // vermillion
];

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
    match iso.split_once('T') {
        Some((d, t)) if t.len() >= 5 => format!("{d} {}", &t[..5]),
        _ => iso.to_string(),
    }
}

/// Plain or coloured rendering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    Ansi,
}

struct Out {
    style: Style,
    width: usize,
    s: String,
}

impl Out {
    fn line(&mut self, l: &str) {
        self.s.push_str(l.trim_end());
        self.s.push('\n');
    }

    fn blank(&mut self) {
        if !self.s.is_empty() && !self.s.ends_with("\n\n") {
            self.s.push('\n');
        }
    }

    fn paint(
        &self,
        text: &str,
        f: impl Fn(crossterm::style::StyledContent<&str>) -> crossterm::style::StyledContent<&str>,
    ) -> String {
        match self.style {
            Style::Plain => text.to_string(),
            Style::Ansi => f(text.stylize()).to_string(),
        }
    }

    /// Wraps `text` with a first-line prefix and a continuation prefix (both already styled), each
    /// taking `prefix_width` columns.
    fn wrapped(
        &mut self,
        text: &str,
        first: &str,
        rest: &str,
        prefix_width: usize,
        f: impl Fn(&str) -> String,
    ) {
        let avail = self.width.saturating_sub(prefix_width).max(10);
        let mut is_first = true;
        for para in text.split('\n') {
            let lines = textwrap::wrap(para, avail);
            for l in lines {
                let prefix = if is_first { first } else { rest };
                is_first = false;
                let body = f(&l);
                self.line(&format!("{prefix}{body}"));
            }
            if para.is_empty() {
                // keep empty lines between paragraphs of one turn
                self.line(rest.trim_end());
            }
        }
    }
}

/// `article` as text, wrapped to `width` columns.
pub fn article_text(article: &Article, width: usize, style: Style) -> String {
    let mut o = Out {
        style,
        width: width.max(20),
        s: String::new(),
    };
    if let Some(k) = &article.kicker {
        o.wrapped(&clean(k), "", "", 0, |l| match style {
            Style::Plain => l.to_string(),
            Style::Ansi => l.with(Color::DarkYellow).to_string(),
        });
    }
    let title = clean(&article.title);
    o.wrapped(&title, "", "", 0, |l| match style {
        Style::Plain => l.to_string(),
        Style::Ansi => l.bold().to_string(),
    });
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
        o.wrapped(&m, "", "", 0, |l| match style {
            Style::Plain => l.to_string(),
            Style::Ansi => l.with(Color::DarkGrey).to_string(),
        });
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
                    Some(i) if style == Style::Ansi => n
                        .as_str()
                        .with(SPEAKER_COLORS[i % SPEAKER_COLORS.len()])
                        .bold()
                        .to_string(),
                    _ => n,
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
        o.wrapped(&lead, "", "", 0, |l| match style {
            Style::Plain => l.to_string(),
            Style::Ansi => l.italic().to_string(),
        });
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
            o.wrapped(&clean(text), "", "", 0, |l| l.to_string());
        }
        Block::Heading { text, .. } => {
            o.wrapped(&clean(text), "", "", 0, |l| match style {
                Style::Plain => l.to_uppercase(),
                Style::Ansi => l.bold().underlined().to_string(),
            });
        }
        Block::Question { speaker, text, .. } => {
            let label = speaker.as_deref().map(clean);
            let bar = o.paint("▌ ", |s| s.bold());
            let t = match &label {
                Some(l) => format!("{l}: {}", clean(text)),
                None => clean(text),
            };
            o.wrapped(&t, &bar, &bar, 2, |l| match style {
                Style::Plain => l.to_string(),
                Style::Ansi => l.bold().to_string(),
            });
        }
        Block::Answer { speaker, text, .. } => {
            let name = clean(speaker);
            let color =
                speaker_index(article, speaker).map(|i| SPEAKER_COLORS[i % SPEAKER_COLORS.len()]);
            let gutter = match (style, color) {
                (Style::Ansi, Some(c)) => "┃ ".with(c).to_string(),
                _ => "┃ ".to_string(),
            };
            let label = match (style, color) {
                (Style::Ansi, Some(c)) => format!("{name}:")
                    .as_str()
                    .with(c)
                    .attribute(Attribute::Bold)
                    .to_string(),
                _ => format!("{name}:"),
            };
            // the label goes in front of the first line; wrap the text with room for it
            let first_text = format!("{name}: {}", clean(text));
            let mut first = true;
            let avail = o.width.saturating_sub(2).max(10);
            for (pi, para) in first_text.split('\n').enumerate() {
                if pi > 0 && para.is_empty() {
                    o.line(gutter.trim_end());
                    continue;
                }
                for l in textwrap::wrap(para, avail) {
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
            o.wrapped(&t, "    ", "    ", 4, |l| match style {
                Style::Plain => l.to_string(),
                Style::Ansi => l.italic().to_string(),
            });
            if let Some(c) = cite {
                o.wrapped(&format!("— {}", clean(c)), "    ", "    ", 4, |l| {
                    l.to_string()
                });
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
                o.wrapped(item.trim_start(), &marker, &" ".repeat(w), w, |l| {
                    l.to_string()
                });
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
            o.wrapped(&t, "", "", 0, |l| match style {
                Style::Plain => l.to_string(),
                Style::Ansi => l.with(Color::DarkGrey).to_string(),
            });
        }
        Block::Pre { text } => {
            for l in clean(text).lines() {
                o.line(&format!("    {l}"));
            }
        }
    }
}

/// Teasers as text: one block per teaser.
pub fn teasers_text(teasers: &[Teaser], feeds: &[String], width: usize) -> String {
    let mut o = Out {
        style: Style::Plain,
        width: width.max(20),
        s: String::new(),
    };
    for f in feeds {
        o.line(&format!("note: this page advertises a feed: {}", clean(f)));
    }
    for t in teasers {
        o.blank();
        let mut head = String::new();
        if let Some(p) = &t.published {
            head.push_str(&format!("[{}] ", clean(p)));
        }
        head.push_str(&clean(&t.title));
        if t.kind == Some(Kind::Interview) {
            head.push_str(" (Interview)");
        }
        o.wrapped(&head, "", "", 0, |l| l.to_string());
        if let Some(s) = &t.summary {
            o.wrapped(&clean(s), "  ", "  ", 2, |l| l.to_string());
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

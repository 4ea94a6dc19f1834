//! Article blocks to styled, wrapped lines, and the article pane.
//!
//! [`layout_article`] does the expensive part once per (article, width): wrapping with textwrap (display
//! width, so umlauts, CJK and emoji take the columns they take on screen) and resolving the inline marks.
//! The result is cached in the state; drawing then costs only the visible lines.

use super::theme::{Role, Theme};
use crate::document::{Article, Block, Kind, Mark, MarkStyle, Role as SpeakerRole, Teaser};
use crate::parse::sanitize::{clean, clean_line};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::borrow::Cow;
use textwrap::core::{break_words, Word};
use textwrap::WordSeparator;
use unicode_width::UnicodeWidthStr;

/// The bar in front of every line of a question.
pub const QUESTION_BAR: &str = "▌ ";
/// The gutter in front of every line of a speaker's turn.
pub const GUTTER: &str = "┃ ";
const QUOTE_INDENT: &str = "    ";

/// A run of text with one look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seg {
    pub text: String,
    pub role: Role,
    pub bold: bool,
    pub italic: bool,
    /// The number of the link this is the `[N]` mark of (or the entry in the Links list of).
    pub link: Option<usize>,
}

impl Seg {
    pub fn new(text: impl Into<String>, role: Role) -> Seg {
        Seg {
            text: text.into(),
            role,
            bold: false,
            italic: false,
            link: None,
        }
    }
}

/// How a screen line continues on the next one (what a search reads between them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Wrap {
    /// The end of a paragraph or of a hard line: nothing continues.
    #[default]
    End,
    /// Wrapped at a space.
    Space,
    /// Wrapped without a space (after a hyphen, between CJK characters, inside a long word).
    Tight,
    /// Wrapped at a soft hyphen: the `-` shown at the end is not part of the text.
    SoftHyphen,
}

/// One screen line of the article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocLine {
    pub segs: Vec<Seg>,
    /// How many leading segments are decoration (question bar, gutter, list marker, indent), not
    /// text: a search skips them.
    pub deco: usize,
    pub wrap: Wrap,
}

impl DocLine {
    /// The line's text without styles.
    pub fn text(&self) -> String {
        self.segs.iter().map(|s| s.text.as_str()).collect()
    }
}

/// The wrapped article: lines, and where its parts start.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleLayout {
    pub width: usize,
    pub lines: Vec<DocLine>,
    /// The first line of each unit: unit 0 is the header, unit `i + 1` is block `i`.
    pub units: Vec<usize>,
    /// First lines of the speaker turns (questions and answers), ascending.
    pub turns: Vec<usize>,
    /// First lines of the questions, ascending.
    pub questions: Vec<usize>,
    /// The article's numbered links (link N is `links[N - 1]`), as listed at its end.
    pub links: Vec<String>,
    /// The pictures drawn over blank lines: first line, rows, source URL.
    pub pictures: Vec<PicturePlace>,
}

/// Where a picture is drawn: `rows` blank lines from `line`, the caption under them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PicturePlace {
    pub line: usize,
    pub rows: usize,
    pub url: String,
}

impl ArticleLayout {
    /// The link whose `[N]` mark (or Links-list entry) covers display column `col` of line `line`.
    pub fn link_at(&self, line: usize, col: usize) -> Option<usize> {
        let mut x = 0;
        for seg in &self.lines.get(line)?.segs {
            let w = seg.text.width();
            if col >= x && col < x + w {
                return seg.link;
            }
            x += w;
        }
        None
    }

    /// A scroll position that survives re-wrapping: (unit, line within the unit).
    pub fn anchor_of(&self, line: usize) -> (usize, usize) {
        let u = self.units.partition_point(|&s| s <= line).saturating_sub(1);
        let start = self.units.get(u).copied().unwrap_or(0);
        (u, line.saturating_sub(start))
    }

    /// The line of an anchor in this layout.
    pub fn line_of(&self, anchor: (usize, usize)) -> usize {
        let (u, off) = anchor;
        let Some(&start) = self.units.get(u) else {
            return self.lines.len().saturating_sub(1);
        };
        let end = self
            .units
            .get(u + 1)
            .copied()
            .unwrap_or(self.lines.len())
            .max(start + 1);
        (start + off).min(end - 1)
    }
}

struct Builder {
    width: usize,
    lines: Vec<DocLine>,
    units: Vec<usize>,
    turns: Vec<usize>,
    questions: Vec<usize>,
    /// The numbered links and each URL's number.
    links: Vec<String>,
    numbers: std::collections::HashMap<String, usize>,
    pictures: Vec<PicturePlace>,
}

impl Builder {
    fn new(width: usize) -> Builder {
        Builder {
            width: width.max(12),
            lines: Vec::new(),
            units: vec![0],
            turns: Vec::new(),
            questions: Vec::new(),
            links: Vec::new(),
            numbers: std::collections::HashMap::new(),
            pictures: Vec::new(),
        }
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.segs.is_empty()) {
            self.lines.push(DocLine::default());
        }
    }

    /// `text` wrapped to the width in one role, with `first`/`rest` prefixes (same width).
    fn wrapped(&mut self, text: &str, marks: &[Mark], role: Role, prefix: Option<(&str, Role)>) {
        self.wrapped_notes(text, marks, &[], role, prefix)
    }

    /// [`Builder::wrapped`] with `[N]` link marks at `notes`.
    fn wrapped_notes(
        &mut self,
        text: &str,
        marks: &[Mark],
        notes: &[Note],
        role: Role,
        prefix: Option<(&str, Role)>,
    ) {
        let pw = prefix.map(|(p, _)| p.width()).unwrap_or(0);
        let w = self.width.saturating_sub(pw).max(4);
        for line in wrap_marked(text, marks, notes, w, w) {
            let mut segs = Vec::new();
            if let Some((p, r)) = prefix {
                segs.push(Seg::new(p, r));
            }
            segs.extend(line.runs.into_iter().map(|r| r.into_seg(role)));
            self.lines.push(DocLine {
                segs,
                deco: usize::from(prefix.is_some()),
                wrap: line.wrap,
            });
        }
    }

    fn finish(self) -> ArticleLayout {
        let mut lines = self.lines;
        while lines.last().is_some_and(|l| l.segs.is_empty()) {
            lines.pop();
        }
        ArticleLayout {
            width: self.width,
            lines,
            units: self.units,
            turns: self.turns,
            questions: self.questions,
            links: self.links,
            pictures: self.pictures,
        }
    }

    /// `text` with a `[N]` after every link mark (`N` the link's number), the marks moved to match,
    /// and where the `[N]`s are.
    fn with_notes<'t>(
        &self,
        text: &'t str,
        marks: &'t [Mark],
    ) -> (Cow<'t, str>, Cow<'t, [Mark]>, Vec<Note>) {
        let mut ins: Vec<(usize, usize, usize)> = marks
            .iter()
            .filter(|m| m.style == MarkStyle::Link)
            .filter(|m| m.end <= text.len() && text.is_char_boundary(m.end))
            .filter_map(|m| {
                let n = *self.numbers.get(&link_key(m.href.as_deref()?)?)?;
                Some((m.end, m.start, n))
            })
            .collect();
        if ins.is_empty() {
            return (Cow::Borrowed(text), Cow::Borrowed(marks), Vec::new());
        }
        ins.sort_unstable();
        ins.dedup_by(|a, b| a.0 == b.0 && a.2 == b.2);
        let label = |n: usize| format!("[{n}]");
        // how far a position moves: the notes inserted before it (`strict`: not those at it)
        let shift = |p: usize, strict: bool| -> usize {
            ins.iter()
                .filter(|(at, _, _)| if strict { *at < p } else { *at <= p })
                .map(|(_, _, n)| label(*n).len())
                .sum()
        };
        let mut out = String::with_capacity(text.len() + ins.len() * 4);
        let mut notes = Vec::with_capacity(ins.len());
        let mut last = 0;
        for (at, _, n) in &ins {
            out.push_str(&text[last..*at]);
            let start = out.len();
            out.push_str(&label(*n));
            notes.push(Note {
                start,
                end: out.len(),
                n: *n,
            });
            last = *at;
        }
        out.push_str(&text[last..]);
        let marks = marks
            .iter()
            .map(|m| Mark {
                start: m.start + shift(m.start, false),
                end: m.end + shift(m.end, true),
                ..m.clone()
            })
            .collect();
        (Cow::Owned(out), Cow::Owned(marks), notes)
    }

    /// The Links list at the end: `[N] URL`, the URL wrapped under itself.
    fn links_list(&mut self) {
        if self.links.is_empty() {
            return;
        }
        self.units.push(self.lines.len());
        self.blank();
        self.wrapped("Links", &[], Role::Heading, None);
        let lw = format!("[{}] ", self.links.len()).width();
        let w = self.width.saturating_sub(lw).max(8);
        for (i, url) in self.links.clone().iter().enumerate() {
            let n = i + 1;
            let url = clean_line(url);
            for (j, line) in wrap_marked(&url, &[], &[], w, w).into_iter().enumerate() {
                let wrap = line.wrap;
                let mut segs = Vec::new();
                let p = if j == 0 {
                    format!("{:<lw$}", format!("[{n}]"))
                } else {
                    " ".repeat(lw)
                };
                let mut ps = Seg::new(p, Role::Link);
                ps.link = Some(n);
                segs.push(ps);
                segs.extend(line.runs.into_iter().map(|r| {
                    let mut sg = r.into_seg(Role::Link);
                    sg.link = Some(n);
                    sg
                }));
                self.lines.push(DocLine {
                    segs,
                    deco: 1,
                    wrap,
                });
            }
        }
    }
}

/// Where a `[N]` link mark sits in a block's text (byte range) and its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Note {
    start: usize,
    end: usize,
    n: usize,
}

/// How a link target is listed and compared: without control characters, normalised where it parses
/// as a URL (so `HTTPS://A.example` and `https://a.example/` are one link); `None` when empty.
fn link_key(href: &str) -> Option<String> {
    let h = clean_line(href);
    let h = h.trim();
    if h.is_empty() {
        return None;
    }
    Some(match url::Url::parse(h) {
        Ok(u) => u.to_string(),
        Err(_) => h.to_string(),
    })
}

/// The article's links in the order they first appear, each URL once: link N is the `N - 1`th. The
/// same numbers mark the links in the text and list them at the end.
pub fn article_links(a: &Article) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for blk in &a.blocks {
        let mut ms: Vec<&Mark> = blk
            .marks()
            .iter()
            .filter(|m| m.style == MarkStyle::Link)
            .collect();
        ms.sort_by_key(|m| (m.end, m.start));
        for m in ms {
            if let Some(k) = m.href.as_deref().and_then(link_key) {
                if seen.insert(k.clone()) {
                    out.push(k);
                }
            }
        }
    }
    out
}

/// A piece of a wrapped line with its inline emphasis.
struct Run {
    text: String,
    bold: bool,
    italic: bool,
    link: bool,
    /// The link number when this is its `[N]` mark.
    note: Option<usize>,
}

impl Run {
    fn into_seg(self, role: Role) -> Seg {
        Seg {
            text: self.text,
            role: if self.note.is_some() || (self.link && role == Role::Plain) {
                Role::Link
            } else {
                role
            },
            bold: self.bold && self.note.is_none(),
            italic: self.italic && self.note.is_none(),
            link: self.note,
        }
    }
}

/// One wrapped line: its runs and how it continues.
struct WLine {
    runs: Vec<Run>,
    wrap: Wrap,
}

/// Wraps `text` (newlines are hard breaks, an empty line stays empty) to `first_w` columns on the first
/// line and `rest_w` after it, keeping bold/italic/link marks on the characters they cover.
fn wrap_marked(
    text: &str,
    marks: &[Mark],
    notes: &[Note],
    first_w: usize,
    rest_w: usize,
) -> Vec<WLine> {
    // tabs become spaces: same byte length, so the marks' offsets still hold
    let text = text.replace('\t', " ");
    let base = text.as_ptr() as usize;
    let mut out: Vec<WLine> = Vec::new();
    for piece in text.split('\n') {
        // soft hyphens are break opportunities (textwrap does not break there by itself)
        let words: Vec<Word> = crate::width::split_soft_hyphens(
            WordSeparator::UnicodeBreakProperties.find_words(piece),
        );
        let this_first = if out.is_empty() { first_w } else { rest_w };
        let words = break_words(words, this_first.min(rest_w).max(1));
        if words.is_empty() || piece.trim().is_empty() {
            out.push(WLine {
                runs: Vec::new(),
                wrap: Wrap::End,
            });
            continue;
        }
        let widths = [this_first.max(1) as f64, rest_w.max(1) as f64];
        let lines = textwrap::wrap_algorithms::wrap_first_fit(&words, &widths);
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let (Some(first), Some(last)) = (line.first(), line.last()) else {
                continue;
            };
            let start = first.word.as_ptr() as usize - base;
            let end = last.word.as_ptr() as usize - base + last.word.len();
            let mut runs = runs(&text, start, end, marks, notes);
            let mut wrap = if i + 1 == n {
                Wrap::End
            } else if last.whitespace.is_empty() {
                Wrap::Tight
            } else {
                Wrap::Space
            };
            // a line that ends at a soft hyphen shows it as a hyphen
            if last.penalty == "-" && last.word.ends_with(crate::width::SOFT_HYPHEN) {
                if let Some(r) = runs.last_mut() {
                    r.text.push('-');
                    if wrap != Wrap::End {
                        wrap = Wrap::SoftHyphen;
                    }
                }
            }
            out.push(WLine { runs, wrap });
        }
    }
    out
}

/// `text[start..end]` cut at the mark boundaries.
fn runs(text: &str, start: usize, end: usize, marks: &[Mark], notes: &[Note]) -> Vec<Run> {
    let mut cuts = vec![start, end];
    let bounds = marks
        .iter()
        .flat_map(|m| [m.start, m.end])
        .chain(notes.iter().flat_map(|n| [n.start, n.end]));
    for p in bounds {
        if p > start && p < end && text.is_char_boundary(p) {
            cuts.push(p);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let covered = |s: MarkStyle| {
                marks
                    .iter()
                    .any(|m| m.style == s && m.start <= w[0] && m.end >= w[1])
            };
            Run {
                text: text[w[0]..w[1]].replace(crate::width::SOFT_HYPHEN, ""),
                bold: covered(MarkStyle::Bold),
                italic: covered(MarkStyle::Italic),
                link: covered(MarkStyle::Link),
                note: notes
                    .iter()
                    .find(|n| n.start <= w[0] && n.end >= w[1])
                    .map(|n| n.n),
            }
        })
        .collect()
}

/// "2026-03-12…" as "12.03.2026" (a time with an offset in the reader's time zone); anything else
/// as it is.
pub fn format_date(iso: &str) -> String {
    let local = crate::output::local_iso(iso);
    let d = local.get(..10).unwrap_or(&local);
    let parts: Vec<&str> = d.split('-').collect();
    match parts.as_slice() {
        [y, m, dd] if y.len() == 4 && m.len() == 2 && dd.len() == 2 => format!("{dd}.{m}.{y}"),
        _ => clean_line(iso),
    }
}

/// The colour index of an interviewee (by order of appearance among the interviewees).
pub fn speaker_index(a: &Article, name: &str) -> Option<usize> {
    crate::output::speaker_index(a, name)
}

fn header(b: &mut Builder, a: &Article) {
    if let Some(k) = a.kicker.as_deref().filter(|k| !k.trim().is_empty()) {
        b.wrapped(&clean_line(k), &[], Role::Kicker, None);
    }
    let title = clean_line(&a.title);
    let title = if title.trim().is_empty() {
        "(untitled)".to_string()
    } else {
        title
    };
    b.wrapped(&title, &[], Role::Title, None);
    let mut meta = Vec::new();
    let kicker_says = a
        .kicker
        .as_deref()
        .is_some_and(|k| k.trim().eq_ignore_ascii_case("interview"));
    if a.kind == Kind::Interview && !kicker_says {
        meta.push("Interview".to_string());
    }
    if let Some(p) = &a.published {
        meta.push(format_date(p));
    }
    if let Some(by) = a.byline.as_deref().filter(|s| !s.trim().is_empty()) {
        meta.push(clean_line(by));
    }
    if let Some(s) = a.source.as_deref().filter(|s| !s.trim().is_empty()) {
        meta.push(clean_line(s));
    }
    if !meta.is_empty() {
        b.wrapped(&meta.join(" · "), &[], Role::Meta, None);
    }
    if a.kind == Kind::Interview && !a.speakers.is_empty() {
        legend(b, a);
    }
    if let Some(lead) = a.lead.as_deref().filter(|s| !s.trim().is_empty()) {
        b.blank();
        b.wrapped(&clean(lead), &[], Role::Lead, None);
    }
    b.blank();
}

/// The speakers legend: every interviewee's name in their colour, the interviewer behind the question bar.
fn legend(b: &mut Builder, a: &Article) {
    let mut items: Vec<Vec<Seg>> = Vec::new();
    for s in &a.speakers {
        let name = clean_line(&s.name);
        match s.role {
            SpeakerRole::Interviewee => {
                let i = speaker_index(a, &s.name).unwrap_or(0);
                items.push(vec![Seg::new(GUTTER, Role::Speaker(i)), {
                    let mut s = Seg::new(name, Role::Speaker(i));
                    s.bold = true;
                    s
                }]);
            }
            SpeakerRole::Interviewer => {
                items.push(vec![
                    Seg::new(QUESTION_BAR, Role::QuestionBar),
                    Seg::new(name, Role::Question),
                ]);
            }
        }
    }
    let sep = "  ";
    let mut line: Vec<Seg> = Vec::new();
    let mut used = 0;
    for item in items {
        let w: usize = item.iter().map(|s| s.text.width()).sum();
        if used > 0 && used + sep.len() + w > b.width {
            b.lines.push(DocLine {
                segs: std::mem::take(&mut line),
                ..DocLine::default()
            });
            used = 0;
        }
        if used > 0 {
            line.push(Seg::new(sep, Role::Plain));
            used += sep.len();
        }
        used += w;
        line.extend(item);
    }
    if !line.is_empty() {
        b.lines.push(DocLine {
            segs: line,
            ..DocLine::default()
        });
    }
}

/// How many rows the picture at a URL takes once it is ready to be drawn (`None`: not ready, the alt
/// line instead).
pub type PictureRows<'a> = &'a dyn Fn(&str) -> Option<usize>;

fn block(b: &mut Builder, a: &Article, blk: &Block, pictures: PictureRows) {
    let w = b.width;
    match blk {
        Block::Paragraph { text, marks } => {
            let (text, marks, notes) = b.with_notes(text, marks);
            b.wrapped_notes(&text, &marks, &notes, Role::Plain, None)
        }
        Block::Heading { text, .. } => b.wrapped(&clean_line(text), &[], Role::Heading, None),
        Block::Question { text, marks, .. } => {
            let at = b.lines.len();
            b.turns.push(at);
            b.questions.push(at);
            let (text, marks, notes) = b.with_notes(text, marks);
            b.wrapped_notes(
                &text,
                &marks,
                &notes,
                Role::Question,
                Some((QUESTION_BAR, Role::QuestionBar)),
            );
        }
        Block::Answer {
            speaker,
            text,
            marks,
        } => {
            b.turns.push(b.lines.len());
            let idx = speaker_index(a, speaker);
            let role = idx.map(Role::Speaker).unwrap_or(Role::Meta);
            let name = clean_line(speaker);
            let label_w = name.width() + 2;
            let gw = GUTTER.width();
            let avail = w.saturating_sub(gw).max(4);
            let (first_w, label_alone) = if avail >= label_w + 12 {
                (avail - label_w, false)
            } else {
                (avail, true)
            };
            let gutter = || Seg::new(GUTTER, role);
            let label = || Seg {
                text: name.clone(),
                role,
                bold: true,
                italic: false,
                link: None,
            };
            let (text, marks, notes) = b.with_notes(text, marks);
            if label_alone {
                b.lines.push(DocLine {
                    segs: vec![gutter(), label()],
                    deco: 1,
                    wrap: Wrap::End,
                });
            }
            for (i, line) in wrap_marked(&text, &marks, &notes, first_w, avail)
                .into_iter()
                .enumerate()
            {
                let mut segs = vec![gutter()];
                if i == 0 && !label_alone {
                    segs.push(label());
                    segs.push(Seg::new("  ", Role::Plain));
                }
                segs.extend(line.runs.into_iter().map(|r| r.into_seg(Role::Plain)));
                b.lines.push(DocLine {
                    segs,
                    deco: 1,
                    wrap: line.wrap,
                });
            }
        }
        Block::Quote { text, cite } => {
            b.wrapped(text, &[], Role::Quote, Some((QUOTE_INDENT, Role::Plain)));
            if let Some(c) = cite.as_deref().filter(|c| !c.trim().is_empty()) {
                b.wrapped(
                    &format!("— {}", clean_line(c)),
                    &[],
                    Role::Meta,
                    Some((QUOTE_INDENT, Role::Plain)),
                );
            }
        }
        Block::List { ordered, items } => {
            for (i, item) in items.iter().enumerate() {
                let marker = if *ordered {
                    format!("{}. ", i + 1)
                } else {
                    "• ".to_string()
                };
                let mw = marker.width();
                let lines = wrap_marked(item.trim(), &[], &[], w.saturating_sub(mw).max(4), {
                    w.saturating_sub(mw).max(4)
                });
                for (j, line) in lines.into_iter().enumerate() {
                    let p = if j == 0 {
                        marker.clone()
                    } else {
                        " ".repeat(mw)
                    };
                    let mut segs = vec![Seg::new(p, Role::Plain)];
                    segs.extend(line.runs.into_iter().map(|r| r.into_seg(Role::Plain)));
                    b.lines.push(DocLine {
                        segs,
                        deco: 1,
                        wrap: line.wrap,
                    });
                }
            }
        }
        Block::Image {
            alt,
            caption,
            src: Some(src),
        } if pictures(src).is_some() => {
            let rows = pictures(src).unwrap_or(0);
            b.pictures.push(PicturePlace {
                line: b.lines.len(),
                rows,
                url: src.clone(),
            });
            b.lines
                .extend(std::iter::repeat_n(DocLine::default(), rows));
            // the caption under the picture (else its alt text)
            let under = caption
                .as_deref()
                .filter(|c| !c.trim().is_empty())
                .unwrap_or(alt);
            if !under.trim().is_empty() {
                b.wrapped(&clean_line(under), &[], Role::Caption, None);
            }
        }
        Block::Image { alt, caption, .. } => {
            let mut t = String::from("[Bild");
            if !alt.trim().is_empty() {
                t.push_str(": ");
                t.push_str(&clean_line(alt));
            }
            t.push(']');
            if let Some(c) = caption.as_deref().filter(|c| !c.trim().is_empty()) {
                t.push(' ');
                t.push_str(&clean_line(c));
            }
            b.wrapped(&t, &[], Role::Caption, None);
        }
        Block::Pre { text } => b.wrapped(text, &[], Role::Plain, Some(("  ", Role::Plain))),
    }
}

/// The article wrapped to `width` columns (pictures as alt lines).
pub fn layout_article(a: &Article, width: usize) -> ArticleLayout {
    layout_article_with(a, width, &|_| None)
}

/// The article wrapped to `width` columns, with room for the pictures that are ready.
pub fn layout_article_with(a: &Article, width: usize, pictures: PictureRows) -> ArticleLayout {
    let mut b = Builder::new(width);
    b.links = article_links(a);
    b.numbers = b
        .links
        .iter()
        .enumerate()
        .map(|(i, l)| (l.clone(), i + 1))
        .collect();
    header(&mut b, a);
    for blk in &a.blocks {
        if blk.text().trim().is_empty() && !matches!(blk, Block::Image { .. }) {
            b.units.push(b.lines.len());
            continue;
        }
        b.units.push(b.lines.len());
        // defensive: text from documents is sanitized at parse time; clean once more here
        let blk = sanitize_block(blk);
        block(&mut b, a, &blk, pictures);
        b.blank();
    }
    b.links_list();
    b.finish()
}

fn sanitize_block(b: &Block) -> Block {
    let a = Article {
        blocks: vec![b.clone()],
        ..Article::default()
    };
    a.sanitized().blocks.pop().unwrap_or_else(|| b.clone())
}

/// What the article pane says when there is no article (yet).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    Loading,
    Failed { error: String, retry_key: String },
    NoText,
}

/// The teaser's summary and a notice, for an article not (yet) loaded.
pub fn layout_pending(t: &Teaser, pending: &Pending, width: usize) -> ArticleLayout {
    let a = Article {
        title: t.title.clone(),
        published: t.published.clone(),
        source: t.source.clone(),
        lead: t.summary.clone(),
        ..Article::default()
    };
    let mut b = Builder::new(width);
    header(&mut b, &a);
    b.units.push(b.lines.len());
    match pending {
        Pending::Loading => b.wrapped("Loading the article …", &[], Role::Notice, None),
        Pending::Failed { error, retry_key } => {
            b.wrapped(
                &format!("Could not load the article: {}", clean_line(error)),
                &[],
                Role::Error,
                None,
            );
            b.wrapped(
                &format!("Press {retry_key} to try again."),
                &[],
                Role::Notice,
                None,
            );
        }
        Pending::NoText => b.wrapped(
            "This teaser has neither article text nor a link.",
            &[],
            Role::Notice,
            None,
        ),
    }
    b.finish()
}

/// One cached line as a ratatui line.
pub fn to_line(l: &DocLine, theme: &Theme) -> Line<'static> {
    to_line_marked(l, theme, &[])
}

/// One cached line as a ratatui line, with the search matches in it (byte ranges of its text, and
/// whether each is the current one) drawn over the text's own style.
pub fn to_line_marked(
    l: &DocLine,
    theme: &Theme,
    marked: &[(usize, usize, bool)],
) -> Line<'static> {
    if marked.is_empty() {
        return Line::from(
            l.segs
                .iter()
                .map(|s| Span::styled(s.text.clone(), theme.style(s.role, s.bold, s.italic)))
                .collect::<Vec<_>>(),
        );
    }
    let mut spans = Vec::new();
    let mut at = 0;
    for s in &l.segs {
        let style = theme.style(s.role, s.bold, s.italic);
        let (from, to) = (at, at + s.text.len());
        let mut cuts = vec![from, to];
        for &(a, b, _) in marked {
            for p in [a, b] {
                if p > from && p < to && s.text.is_char_boundary(p - from) {
                    cuts.push(p);
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let text = s.text[w[0] - from..w[1] - from].to_string();
            let hit = marked.iter().find(|&&(a, b, _)| a <= w[0] && b >= w[1]);
            let st = match hit {
                Some(&(_, _, current)) => style.patch(super::find::hit_style(current)),
                None => style,
            };
            spans.push(Span::styled(text, st));
        }
        at = to;
    }
    Line::from(spans)
}

/// Draws the visible part of `layout` from line `scroll` into `area`, with the search matches
/// `hits` (`current` the one `n`/`N` went to) marked.
pub fn draw(
    f: &mut Frame,
    area: Rect,
    layout: &ArticleLayout,
    scroll: usize,
    theme: &Theme,
    (hits, current): (&[super::find::Hit], Option<usize>),
    pictures: &crate::app::pictures::Pictures,
) {
    let h = area.height as usize;
    let first = hits.partition_point(|x| x.pieces.last().is_some_and(|p| p.line < scroll));
    let mut marked: Vec<Vec<(usize, usize, bool)>> = vec![Vec::new(); h];
    for (i, hit) in hits.iter().enumerate().skip(first) {
        if hit.line() >= scroll + h {
            break;
        }
        for p in &hit.pieces {
            if p.line >= scroll && p.line < scroll + h {
                marked[p.line - scroll].push((p.start, p.end, current == Some(i)));
            }
        }
    }
    let lines: Vec<Line> = layout
        .lines
        .iter()
        .skip(scroll)
        .take(h)
        .enumerate()
        .map(|(i, l)| to_line_marked(l, theme, &marked[i]))
        .collect();
    f.render_widget(Paragraph::new(lines), area);
    // the pictures over their blank lines, only the rows inside the pane
    let w = layout.width.min(u16::MAX as usize) as u16;
    for p in &layout.pictures {
        if p.line + p.rows <= scroll || p.line >= scroll + h {
            continue;
        }
        if let Some(e) = pictures.encoded(&p.url, w) {
            e.draw(area, p.line as i32 - scroll as i32, f.buffer_mut());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_survive_wrapping() {
        let text = "Ein sehr wichtiger Satz mit fett gedruckten Wörtern am Ende";
        let s = text.find("fett").unwrap();
        let e = s + "fett gedruckten".len();
        let marks = vec![Mark {
            start: s,
            end: e,
            style: MarkStyle::Bold,
            href: None,
        }];
        let lines = wrap_marked(text, &marks, &[], 20, 20);
        assert!(lines.len() >= 3);
        let bold: String = lines
            .iter()
            .flat_map(|l| &l.runs)
            .filter(|r| r.bold)
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
            .join("|");
        assert_eq!(bold, "fett|gedruckten");
        for l in &lines {
            let w: usize = l.runs.iter().map(|r| r.text.width()).sum();
            assert!(w <= 20, "{w}");
        }
    }

    #[test]
    fn cjk_and_long_words_fit() {
        let text = "東京都の電子政府サービスについての長い説明文です😀😀😀 Donaudampfschifffahrtsgesellschaftskapitän";
        for l in wrap_marked(text, &[], &[], 10, 10) {
            let w: usize = l.runs.iter().map(|r| r.text.width()).sum();
            assert!(w <= 10, "{w}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(format_date("2026-03-12"), "12.03.2026");
        assert_eq!(format_date("2026-03-12T10:00:00Z"), "12.03.2026");
        assert_eq!(format_date("gestern"), "gestern");
    }
}

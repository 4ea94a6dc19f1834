//! An article as CommonMark (`blatt read --format markdown`, `w` and `|` in the reader), and a safe
//! file name for it. Pure: no I/O.
//!
//! The shape (stable; scripts and notes may rely on it):
//! - `# Title`, then one line: kicker · Interview · date · byline · source; the article's URL as
//!   `<https://…>` on the next line; for an interview the speakers (`Fragen: ` the interviewer).
//! - The lead as one paragraph in italics.
//! - Headings as `##`…`######` (a level 1 in the body becomes `##`: `#` is the title), paragraphs
//!   with `**bold**`, `*italic*` and `[links](https://…)`, lists as `-` / `1.`, quotes as `>`,
//!   images as `![alt](src)` (http(s) sources only) with the caption in italics under them,
//!   preformatted text fenced.
//! - An interview as a dialogue: a question as one bold paragraph `**Interviewer: question**`, a turn
//!   as `**Name:** answer` (its further paragraphs follow without a label), a pull quote as `>`.

use crate::document::{Article, Block, Kind, Mark, MarkStyle, Role};
use crate::parse::sanitize::{clean, clean_line};

/// The whole article as CommonMark, ending in one newline.
pub fn article_markdown(a: &Article) -> String {
    let mut out: Vec<String> = Vec::new();
    let title = clean_line(&a.title);
    let title = if title.trim().is_empty() {
        "(untitled)".to_string()
    } else {
        title
    };
    out.push(format!("# {}", escape(title.trim())));
    let mut meta = Vec::new();
    if let Some(k) = a.kicker.as_deref().map(clean_line) {
        if !k.trim().is_empty() {
            meta.push(k.trim().to_string());
        }
    }
    let kicker_says = a
        .kicker
        .as_deref()
        .is_some_and(|k| k.trim().eq_ignore_ascii_case("interview"));
    if a.kind == Kind::Interview && !kicker_says {
        meta.push("Interview".into());
    }
    if let Some(p) = &a.published {
        meta.push(crate::output::display_date(&clean_line(p)));
    }
    for x in [&a.byline, &a.source].into_iter().flatten() {
        let x = clean_line(x);
        if !x.trim().is_empty() {
            meta.push(x.trim().to_string());
        }
    }
    let mut head = Vec::new();
    if !meta.is_empty() {
        head.push(escape_start(&escape(&meta.join(" · "))));
    }
    if let Some(u) = a.url.as_deref().and_then(web_url) {
        head.push(format!("<{u}>"));
    }
    if a.kind == Kind::Interview && !a.speakers.is_empty() {
        let mut names: Vec<String> = a
            .speakers
            .iter()
            .filter(|s| s.role == Role::Interviewee)
            .map(|s| clean_line(&s.name))
            .collect();
        let askers: Vec<String> = a
            .speakers
            .iter()
            .filter(|s| s.role == Role::Interviewer)
            .map(|s| clean_line(&s.name))
            .collect();
        if !askers.is_empty() {
            names.push(format!("Fragen: {}", askers.join(", ")));
        }
        head.push(escape_start(&escape(&names.join(" · "))));
    }
    if !head.is_empty() {
        // one paragraph, each part on its own line (a hard break between them)
        out.push(head.join("\\\n"));
    }
    if let Some(lead) = a.lead.as_deref().map(clean) {
        if !lead.trim().is_empty() {
            out.push(emphasis("*", &one_paragraph(&lead, &[])));
        }
    }
    for b in &a.blocks {
        if let Some(md) = block(b) {
            out.push(md);
        }
    }
    let mut s = out.join("\n\n");
    s.push('\n');
    s
}

fn block(b: &Block) -> Option<String> {
    Some(match b {
        Block::Paragraph { text, marks } => paragraphs(text, marks)?,
        Block::Heading { level, text } => {
            let t = clean_line(text);
            if t.trim().is_empty() {
                return None;
            }
            let level = (*level).clamp(2, 6) as usize;
            format!("{} {}", "#".repeat(level), escape(t.trim()))
        }
        Block::Question {
            speaker,
            text,
            marks,
        } => {
            // bold as a whole: bold marks inside it would close it early
            let marks: Vec<Mark> = marks
                .iter()
                .filter(|m| m.style != MarkStyle::Bold)
                .cloned()
                .collect();
            let body = one_paragraph(&clean(text), &marks);
            if body.is_empty() {
                return None;
            }
            let label = speaker
                .as_deref()
                .map(clean_line)
                .filter(|s| !s.trim().is_empty())
                .map(|s| format!("{}: ", escape(s.trim())))
                .unwrap_or_default();
            escape_start(&emphasis("**", &format!("{label}{body}")))
        }
        Block::Answer {
            speaker,
            text,
            marks,
        } => {
            let name = clean_line(speaker);
            let body = paragraphs(text, marks).unwrap_or_default();
            format!("**{}:** {}", escape(name.trim()), body)
                .trim_end()
                .to_string()
        }
        Block::Quote { text, cite } => {
            let body = paragraphs(text, &[])?;
            let mut lines: Vec<String> = body.lines().map(|l| format!("> {l}")).collect();
            if let Some(c) = cite.as_deref().map(clean_line) {
                if !c.trim().is_empty() {
                    lines.push(">".into());
                    lines.push(format!("> — {}", escape(c.trim())));
                }
            }
            lines
                .into_iter()
                .map(|l| l.trim_end().to_string())
                .collect::<Vec<_>>()
                .join("\n")
        }
        Block::List { ordered, items } => {
            let items: Vec<String> = items
                .iter()
                .map(|i| clean(i).split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|i| !i.is_empty())
                .collect();
            if items.is_empty() {
                return None;
            }
            items
                .iter()
                .enumerate()
                .map(|(n, i)| {
                    let marker = if *ordered {
                        format!("{}.", n + 1)
                    } else {
                        "-".into()
                    };
                    format!("{marker} {}", escape_start(&escape(i)))
                })
                .collect::<Vec<_>>()
                .join("\n")
        }
        Block::Image { alt, caption, src } => {
            let alt = clean_line(alt);
            let caption = caption
                .as_deref()
                .map(clean_line)
                .filter(|c| !c.trim().is_empty());
            let mut parts = Vec::new();
            match src.as_deref().and_then(web_url) {
                Some(u) => parts.push(format!("![{}]({})", escape(alt.trim()), u)),
                None if !alt.trim().is_empty() => {
                    parts.push(emphasis("*", &format!("[Bild: {}]", escape(alt.trim()))))
                }
                None => {}
            }
            if let Some(c) = caption {
                parts.push(escape_start(&emphasis("*", &escape(c.trim()))));
            }
            if parts.is_empty() {
                return None;
            }
            parts.join("\\\n")
        }
        Block::Pre { text } => {
            let t = clean(text);
            let t = t.trim_matches('\n');
            if t.trim().is_empty() {
                return None;
            }
            let longest = longest_run(t, '`');
            let fence = "`".repeat((longest + 1).max(3));
            format!("{fence}\n{t}\n{fence}")
        }
    })
}

/// A block's text split at blank lines into paragraphs (marks kept), joined by a blank line; single
/// newlines become hard breaks. `None` when there is no text.
fn paragraphs(text: &str, marks: &[Mark]) -> Option<String> {
    let text = clean(text);
    let mut out = Vec::new();
    let mut at = 0;
    for part in text.split("\n\n") {
        let start = at;
        at += part.len() + 2;
        let ms: Vec<Mark> = marks
            .iter()
            .filter(|m| m.start >= start && m.end <= start + part.len())
            .map(|m| Mark {
                start: m.start - start,
                end: m.end - start,
                ..m.clone()
            })
            .collect();
        let p = one_paragraph(part, &ms);
        if !p.is_empty() {
            out.push(escape_start(&p));
        }
    }
    (!out.is_empty()).then(|| out.join("\n\n"))
}

/// One paragraph's inline Markdown: lines trimmed, joined by hard breaks.
fn one_paragraph(text: &str, marks: &[Mark]) -> String {
    // white space runs inside a line as one space, so no line starts indented (a code block)
    let md = inline(text, marks);
    md.split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .map(|l| escape_start(&l))
        .collect::<Vec<_>>()
        .join("\\\n")
}

/// `text` with its marks as Markdown emphasis and links. Marks that overlap without nesting are
/// dropped (the later one), so the delimiters always nest.
fn inline(text: &str, marks: &[Mark]) -> String {
    let mut ms: Vec<&Mark> = marks
        .iter()
        .filter(|m| {
            m.start < m.end
                && m.end <= text.len()
                && text.is_char_boundary(m.start)
                && text.is_char_boundary(m.end)
                && (m.style != MarkStyle::Link || m.href.as_deref().and_then(web_url).is_some())
        })
        .collect();
    ms.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<&Mark> = Vec::new();
    for m in ms {
        let crosses = kept.iter().any(|k| m.start < k.end && m.end > k.end);
        // the same style inside itself adds nothing
        let inside_same = kept
            .iter()
            .any(|k| k.style == m.style && k.start <= m.start && k.end >= m.end);
        if !crosses && !inside_same {
            kept.push(m);
        }
    }
    render(text, 0, text.len(), &kept)
}

/// `text[from..to]` with the marks inside it, outermost first.
fn render(text: &str, from: usize, to: usize, marks: &[&Mark]) -> String {
    let mut out = String::new();
    let mut at = from;
    let mut i = 0;
    let inner: Vec<&Mark> = marks
        .iter()
        .copied()
        .filter(|m| m.start >= from && m.end <= to)
        .collect();
    while i < inner.len() {
        let m = inner[i];
        if m.start < at {
            i += 1;
            continue;
        }
        out.push_str(&escape(&text[at..m.start]));
        let rest: Vec<&Mark> = inner[i + 1..]
            .iter()
            .copied()
            .filter(|x| x.start >= m.start && x.end <= m.end)
            .collect();
        let body = render(text, m.start, m.end, &rest);
        out.push_str(&match m.style {
            MarkStyle::Bold => emphasis("**", &body),
            MarkStyle::Italic => emphasis("*", &body),
            MarkStyle::Link => {
                let href = m.href.as_deref().and_then(web_url).unwrap_or_default();
                if body.trim().is_empty() {
                    format!("<{href}>")
                } else {
                    format!("[{body}]({href})")
                }
            }
        });
        at = m.end;
        i += 1;
    }
    out.push_str(&escape(&text[at..to]));
    out
}

/// `body` between two delimiters, the white space at its ends moved outside (emphasis must not
/// open or close next to a space).
fn emphasis(delim: &str, body: &str) -> String {
    let t = body.trim();
    if t.is_empty() {
        return body.to_string();
    }
    let lead = &body[..body.len() - body.trim_start().len()];
    let trail = &body[body.trim_end().len()..];
    format!("{lead}{delim}{t}{delim}{trail}")
}

/// Text with the characters Markdown reads as syntax escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '!' | '|' | '~' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line whose start would read as a block (heading, list item, quote, rule) made plain.
fn escape_start(line: &str) -> String {
    let t = line;
    let first = t.chars().next();
    match first {
        Some('#' | '-' | '+' | '=' | '>') => format!("\\{t}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            match t.as_bytes().get(digits) {
                Some(b'.' | b')') if digits <= 9 => {
                    format!("{}\\{}", &t[..digits], &t[digits..])
                }
                _ => t.to_string(),
            }
        }
        _ => t.to_string(),
    }
}

/// An http(s) URL as a link target (spaces, parentheses and angle brackets percent-encoded);
/// anything else is no link.
fn web_url(href: &str) -> Option<String> {
    let u = url::Url::parse(clean_line(href).trim()).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    Some(
        u.as_str()
            .replace('(', "%28")
            .replace(')', "%29")
            .replace('<', "%3C")
            .replace('>', "%3E")
            .replace(' ', "%20"),
    )
}

fn longest_run(text: &str, c: char) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for x in text.chars() {
        if x == c {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

/// The longest file name [`file_name`] makes (bytes, before `-N` and `.md`).
pub const MAX_NAME: usize = 120;

/// A safe file name for the article: its date and title as `2026-03-12-digitale-plattformen.md`.
/// Letters and digits of any script are kept (lower case), every other run of characters becomes
/// one `-`; no path separators, no dots at the start, no control characters, at most [`MAX_NAME`]
/// bytes before the extension. `n` > 1 adds `-n` (the name is taken).
pub fn file_name(a: &Article, n: usize) -> String {
    numbered(&file_stem(a), n)
}

/// [`file_name`] without the extension and number.
pub fn file_stem(a: &Article) -> String {
    let mut stem = String::new();
    if let Some(d) = a.published.as_deref().map(crate::output::local_iso) {
        let d = d.get(..10).unwrap_or("");
        let b = d.as_bytes();
        if b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && d.chars().filter(char::is_ascii_digit).count() == 8
        {
            stem.push_str(d);
        }
    }
    let mut dash = !stem.is_empty();
    for c in a.title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() && !c.is_control() {
            if dash && !stem.is_empty() {
                stem.push('-');
            }
            dash = false;
            if stem.len() + c.len_utf8() > MAX_NAME {
                break;
            }
            stem.push(c);
        } else {
            dash = true;
        }
    }
    if stem.is_empty() {
        stem.push_str("artikel");
    }
    stem
}

/// The file name for `stem`, the `n`th try (`stem.md`, `stem-2.md`, …).
pub fn numbered(stem: &str, n: usize) -> String {
    if n > 1 {
        format!("{stem}-{n}.md")
    } else {
        format!("{stem}.md")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titled(t: &str, date: Option<&str>) -> Article {
        Article {
            title: t.into(),
            published: date.map(str::to_string),
            ..Article::default()
        }
    }

    #[test]
    fn file_names_from_hostile_titles() {
        let long = "Ä".repeat(300);
        let cases = [
            ("../../etc/passwd", Some("2026-03-12")),
            ("..", None),
            ("\u{1b}]52;c;AAAA\u{7}Titel\u{0}mit\r\nSteuerzeichen", None),
            ("/", Some("2026-03-12T10:00:00Z")),
            ("C:\\Windows\\System32 <con> | \"*?\"", None),
            (long.as_str(), Some("gestern")),
            ("", None),
            ("   ", None),
            ("Wie viel Cloud verträgt das Rathaus?", Some("2026-11-21")),
        ];
        for (t, d) in cases {
            for n in [1, 2, 17] {
                let name = file_name(&titled(t, d), n);
                assert!(name.ends_with(".md"), "{name}");
                assert!(!name.starts_with('.') && !name.starts_with('-'), "{name}");
                assert!(
                    !name.contains(['/', '\\', ':', '<', '>', '|', '"', '*', '?']),
                    "{name}"
                );
                assert!(!name.chars().any(char::is_control), "{name:?}");
                assert!(!name.contains(".."), "{name}");
                assert!(name.len() <= MAX_NAME + 8, "{} bytes", name.len());
                assert!(name.len() > 3, "{name}");
            }
        }
        assert_eq!(
            file_name(
                &titled("Wie viel Cloud verträgt das Rathaus?", Some("2026-11-21")),
                1
            ),
            "2026-11-21-wie-viel-cloud-verträgt-das-rathaus.md"
        );
        assert_eq!(
            file_name(&titled("../../etc/passwd", None), 2),
            "etc-passwd-2.md"
        );
        assert_eq!(file_name(&titled("..", None), 1), "artikel.md");
        assert_eq!(
            file_name(&titled("", Some("2026-03-12")), 1),
            "2026-03-12.md"
        );
    }

    #[test]
    fn syntax_in_the_text_stays_text() {
        let a = Article {
            title: "# Nicht *fett* [kein](link)".into(),
            blocks: vec![
                Block::paragraph("1. Januar: <script>alert(1)</script> & mehr"),
                Block::paragraph("- kein Listenpunkt\n> kein Zitat"),
            ],
            ..Article::default()
        };
        let md = article_markdown(&a);
        assert!(
            md.starts_with("# \\# Nicht \\*fett\\* \\[kein\\](link)\n"),
            "{md}"
        );
        assert!(
            md.contains("1\\. Januar: \\<script\\>alert(1)\\</script\\> \\& mehr"),
            "{md}"
        );
        assert!(
            md.contains("\\- kein Listenpunkt\\\n\\> kein Zitat"),
            "{md}"
        );
    }
}

//! Search inside the article: the wrapped lines read back as running text, matched case-insensitively,
//! and each match mapped back to the screen lines it covers.
//!
//! The text a search reads is what the pane shows without its decoration (question bar, gutter, list
//! markers, indents): a line wrapped at a space continues with one space, a line wrapped inside a word
//! (after a hyphen, between CJK characters) with nothing, and a line broken at a soft hyphen without
//! the `-` shown there. A paragraph's end is a break no query crosses. Pure: no state, no terminal.

use super::article::{ArticleLayout, Wrap};
use ratatui::style::{Modifier, Style};

/// A stretch of one screen line a match covers: byte offsets into [`super::article::DocLine::text`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// One match: the pieces of the screen lines it covers (more than one when it runs across a wrap).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub pieces: Vec<Piece>,
}

impl Hit {
    /// The screen line the match starts on.
    pub fn line(&self) -> usize {
        self.pieces.first().map(|p| p.line).unwrap_or(0)
    }
}

/// The most matches one search reports (a one-letter query in a huge article stops here).
pub const MAX_HITS: usize = 100_000;

/// An article's lines as one lower-case text, and where each of its characters came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Index {
    hay: String,
    /// For every character taken from a line: (its byte in `hay`, the line, its byte range in the
    /// line's text). Ascending in `hay`.
    map: Vec<(u32, u32, u32, u32)>,
}

impl Index {
    /// Reads a layout's lines as running text.
    pub fn new(layout: &ArticleLayout) -> Index {
        let mut ix = Index::default();
        for (n, l) in layout.lines.iter().enumerate() {
            let base: usize = l.segs.iter().take(l.deco).map(|s| s.text.len()).sum();
            let body: String = l
                .segs
                .iter()
                .skip(l.deco)
                .map(|s| s.text.as_str())
                .collect();
            let mut body = body.as_str();
            if l.wrap == Wrap::SoftHyphen {
                body = body.strip_suffix('-').unwrap_or(body);
            }
            for (i, c) in body.char_indices() {
                if c.is_whitespace() {
                    if !ix.hay.is_empty() && !ix.hay.ends_with([' ', '\n']) {
                        ix.hay.push(' ');
                    }
                    continue;
                }
                if c == crate::width::SOFT_HYPHEN {
                    continue;
                }
                let at = ix.hay.len() as u32;
                ix.hay.extend(c.to_lowercase());
                let start = (base + i) as u32;
                ix.map
                    .push((at, n as u32, start, start + c.len_utf8() as u32));
            }
            match l.wrap {
                Wrap::Space => {
                    if !ix.hay.is_empty() && !ix.hay.ends_with([' ', '\n']) {
                        ix.hay.push(' ');
                    }
                }
                Wrap::Tight | Wrap::SoftHyphen => {}
                Wrap::End => {
                    if ix.hay.ends_with(' ') {
                        ix.hay.pop();
                    }
                    ix.hay.push('\n');
                }
            }
        }
        ix
    }

    /// Every match of `query` (case-insensitive, runs of white space as one space, soft hyphens
    /// ignored), in reading order, at most [`MAX_HITS`].
    pub fn find(&self, query: &str) -> Vec<Hit> {
        let q = normalize(query);
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for (pos, m) in self.hay.match_indices(q.as_str()) {
            let from = self.map.partition_point(|e| (e.0 as usize) < pos);
            let to = self.map.partition_point(|e| (e.0 as usize) < pos + m.len());
            let mut pieces: Vec<Piece> = Vec::new();
            for &(_, line, start, end) in &self.map[from..to] {
                let (line, start, end) = (line as usize, start as usize, end as usize);
                match pieces.last_mut() {
                    Some(p) if p.line == line => p.end = end,
                    _ => pieces.push(Piece { line, start, end }),
                }
            }
            if !pieces.is_empty() {
                hits.push(Hit { pieces });
            }
            if hits.len() >= MAX_HITS {
                break;
            }
        }
        hits
    }
}

/// A query as the index reads text: lower case, white space runs as one space, no soft hyphens,
/// trimmed.
pub fn normalize(query: &str) -> String {
    let mut q = String::with_capacity(query.len());
    for c in query.chars() {
        if c.is_whitespace() {
            if !q.is_empty() && !q.ends_with(' ') {
                q.push(' ');
            }
        } else if c != crate::width::SOFT_HYPHEN && !c.is_control() {
            q.extend(c.to_lowercase());
        }
    }
    q.trim_end().to_string()
}

/// How a match looks: reversed, so it keeps the colour of the text it is in (a speaker's label stays
/// in the speaker's colour); the current one also bold and underlined. Reads without colour too.
pub fn hit_style(current: bool) -> Style {
    let s = Style::new().add_modifier(Modifier::REVERSED);
    if current {
        s.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Article, Block};
    use crate::ui::article::layout_article;

    fn article(text: &str) -> Article {
        Article {
            title: "Titel".into(),
            blocks: vec![Block::paragraph(text.to_string())],
            ..Article::default()
        }
    }

    fn matched(layout: &ArticleLayout, h: &Hit) -> String {
        h.pieces
            .iter()
            .map(|p| layout.lines[p.line].text()[p.start..p.end].to_string())
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn case_insensitive_and_across_wraps() {
        let a = article("Die Verwaltung von Wendelsee digitalisiert die Verwaltung der Gemeinde Wendelsee und ihrer Ortsteile.");
        let l = layout_article(&a, 20);
        let ix = Index::new(&l);
        let hits = ix.find("WENDELSEE");
        assert_eq!(hits.len(), 2);
        // "der Gemeinde" is wrapped somewhere in a 20-column text: found across the line end
        let hits = ix.find("verwaltung der gemeinde wendelsee");
        assert_eq!(hits.len(), 1, "{:?}", l.lines);
        assert!(hits[0].pieces.len() >= 2);
        assert_eq!(
            matched(&l, &hits[0]).replace('|', " "),
            "Verwaltung der Gemeinde Wendelsee"
        );
        assert!(
            ix.find("ortsteile. titel").is_empty(),
            "no match across blocks"
        );
    }

    #[test]
    fn soft_hyphens_are_invisible_to_the_search() {
        let a = article(
            "Am Ende steht die Bürger\u{ad}beteiligungs\u{ad}plattform der Samt\u{ad}gemeinde Lohmarsch.",
        );
        for w in [12, 16, 20, 30, 80] {
            let l = layout_article(&a, w);
            let ix = Index::new(&l);
            assert_eq!(ix.find("Bürgerbeteiligungsplattform").len(), 1, "width {w}");
            assert_eq!(ix.find("samtgemeinde").len(), 1, "width {w}");
            assert_eq!(ix.find("samt\u{ad}gemeinde").len(), 1, "width {w}");
        }
    }

    #[test]
    fn decoration_is_not_text() {
        let a = Article {
            title: "T".into(),
            blocks: vec![Block::List {
                ordered: false,
                items: vec!["eins zwei drei vier fünf sechs sieben acht neun".into()],
            }],
            ..Article::default()
        };
        let l = layout_article(&a, 16);
        let ix = Index::new(&l);
        assert_eq!(ix.find("•").len(), 0);
        assert_eq!(ix.find("drei vier fünf sechs sieben").len(), 1);
        assert!(normalize("  A\u{ad}b   C ").eq("ab c"));
        assert!(ix.find("   ").is_empty());
    }
}

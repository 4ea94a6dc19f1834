//! The document model everything else speaks: teasers, articles, blocks, speakers.
//!
//! The serde names are a contract (see the README's JSON section): fields may be added, none renamed.

use serde::{Deserialize, Serialize};

/// Whether an article is an interview (a dialogue of turns) or an ordinary article.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Article,
    Interview,
}

/// The part a speaker plays in an interview.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Interviewer,
    Interviewee,
}

/// One person (or publication) who speaks in an interview.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The full name, e.g. "Anna Beispiel", or "Redaktion" / "The Economist" for an interviewer.
    pub name: String,
    pub role: Role,
    /// The labels that were seen in the text for this speaker ("Anna Beispiel", "Beispiel").
    pub labels: Vec<String>,
}

/// Inline emphasis inside a block's text: a byte range `start..end` of `text` (on char boundaries).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub style: MarkStyle,
    /// The absolute link target when `style` is `link`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum MarkStyle {
    Bold,
    Italic,
    Link,
}

/// One block of an article body.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// An interviewer's question. `speaker` is the interviewer's name where known.
    Question {
        speaker: Option<String>,
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        marks: Vec<Mark>,
    },
    /// An interviewee's turn, with the label removed. Several paragraphs are joined by "\n\n".
    Answer {
        speaker: String,
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        marks: Vec<Mark>,
    },
    /// A pull quote or block quote (not a turn).
    Quote {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    Paragraph {
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        marks: Vec<Mark>,
    },
    Heading {
        level: u8,
        text: String,
    },
    List {
        ordered: bool,
        items: Vec<String>,
    },
    Image {
        alt: String,
        caption: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        src: Option<String>,
    },
    /// Preformatted text (code), kept verbatim.
    Pre {
        text: String,
    },
}

impl Block {
    /// A plain paragraph without marks.
    pub fn paragraph(text: impl Into<String>) -> Block {
        Block::Paragraph {
            text: text.into(),
            marks: Vec::new(),
        }
    }

    /// The main text of the block (for lists: the items joined by newlines).
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        use std::borrow::Cow;
        match self {
            Block::Question { text, .. }
            | Block::Answer { text, .. }
            | Block::Quote { text, .. }
            | Block::Paragraph { text, .. }
            | Block::Heading { text, .. }
            | Block::Pre { text } => Cow::Borrowed(text),
            Block::List { items, .. } => Cow::Owned(items.join("\n")),
            Block::Image { alt, caption, .. } => match caption {
                Some(c) if !c.is_empty() => Cow::Owned(format!("{alt} {c}").trim().to_string()),
                _ => Cow::Borrowed(alt),
            },
        }
    }

    /// The inline marks of the block, where it has any.
    pub fn marks(&self) -> &[Mark] {
        match self {
            Block::Question { marks, .. }
            | Block::Answer { marks, .. }
            | Block::Paragraph { marks, .. } => marks,
            _ => &[],
        }
    }
}

/// A readable article or interview.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Article {
    pub title: String,
    pub url: Option<String>,
    /// ISO 8601 date or date-time.
    pub published: Option<String>,
    pub byline: Option<String>,
    pub lead: Option<String>,
    /// The line above the title ("Interview", "Digitalisierung", …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
    /// The publication or feed this came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub kind: Kind,
    pub speakers: Vec<Speaker>,
    pub blocks: Vec<Block>,
}

impl Article {
    /// Fills in what the teaser knows and the page did not say (title, date, source, URL).
    pub fn fill_from_teaser(&mut self, t: &Teaser) {
        if self.title.trim().is_empty() {
            self.title = t.title.clone();
        }
        if self.published.is_none() {
            self.published = t.published.clone();
        }
        if self.source.is_none() {
            self.source = t.source.clone();
        }
        if self.url.is_none() {
            self.url = t.url.clone();
        }
    }

    /// The speaker with this name, if any.
    pub fn speaker(&self, name: &str) -> Option<&Speaker> {
        self.speakers.iter().find(|s| s.name == name)
    }

    /// All strings of the article passed through [`crate::parse::sanitize::clean`].
    pub fn sanitized(mut self) -> Article {
        use crate::parse::sanitize::{clean, clean_opt, clean_owned};
        self.title = clean_owned(std::mem::take(&mut self.title));
        self.url = clean_opt(self.url);
        self.published = clean_opt(self.published);
        self.byline = clean_opt(self.byline);
        self.lead = clean_opt(self.lead);
        self.kicker = clean_opt(self.kicker);
        self.source = clean_opt(self.source);
        for s in &mut self.speakers {
            s.name = clean(&s.name);
            for l in &mut s.labels {
                *l = clean(l);
            }
        }
        self.blocks = self.blocks.into_iter().map(sanitize_block).collect();
        self
    }
}

fn sanitize_block(b: Block) -> Block {
    use crate::parse::sanitize::{clean, clean_opt, clean_with_marks};
    match b {
        Block::Question {
            speaker,
            text,
            marks,
        } => {
            let (text, marks) = clean_with_marks(&text, marks);
            Block::Question {
                speaker: clean_opt(speaker),
                text,
                marks,
            }
        }
        Block::Answer {
            speaker,
            text,
            marks,
        } => {
            let (text, marks) = clean_with_marks(&text, marks);
            Block::Answer {
                speaker: clean(&speaker),
                text,
                marks,
            }
        }
        Block::Paragraph { text, marks } => {
            let (text, marks) = clean_with_marks(&text, marks);
            Block::Paragraph { text, marks }
        }
        Block::Quote { text, cite } => Block::Quote {
            text: clean(&text),
            cite: clean_opt(cite),
        },
        Block::Heading { level, text } => Block::Heading {
            level,
            text: clean(&text),
        },
        Block::List { ordered, items } => Block::List {
            ordered,
            items: items.iter().map(|i| clean(i)).collect(),
        },
        Block::Image { alt, caption, src } => Block::Image {
            alt: clean(&alt),
            caption: clean_opt(caption),
            src: clean_opt(src),
        },
        Block::Pre { text } => Block::Pre { text: clean(&text) },
    }
}

/// One teaser of a feed or listing page. The serde form is `blatt teasers --format json`'s element.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Teaser {
    pub title: String,
    /// Absolute URL of the article.
    pub url: Option<String>,
    /// ISO 8601 date or date-time.
    pub published: Option<String>,
    /// Plain text.
    pub summary: Option<String>,
    /// The feed's or page's title.
    pub source: Option<String>,
    /// `interview` / `article` when known (the item carried its full text), else null.
    pub kind: Option<Kind>,
    /// The roof line above the headline ("Nahost-Konflikt", "Kommentar von …"), when the page shows
    /// one. Left out of the JSON when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
}

impl Teaser {
    pub fn sanitized(mut self) -> Teaser {
        use crate::parse::sanitize::{clean_opt, clean_owned};
        self.title = clean_owned(std::mem::take(&mut self.title));
        self.url = clean_opt(self.url);
        self.published = clean_opt(self.published);
        self.summary = clean_opt(self.summary);
        self.source = clean_opt(self.source);
        self.kicker = clean_opt(self.kicker);
        self
    }
}

/// A teaser and, where the source carried the full text, its article: parsed into blocks
/// (`article`), or as the feed carried it (`full_text`, when the source was read for the store only:
/// the blocks are made when the article is first opened).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Item {
    pub teaser: Teaser,
    /// Stable identity from the source (RSS guid, Atom id), if any.
    pub guid: Option<String>,
    pub article: Option<Article>,
    pub full_text: Option<FullText>,
}

/// A feed item's full text as the feed carried it, with what its article needs besides (see
/// [`crate::parse::feed::build_article`]). Stored as it is by a reload; the serde form (without
/// `content`) is the store's record of it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct FullText {
    /// The item's own title (may be empty: the teaser's is then made from the summary).
    pub title: String,
    pub url: Option<String>,
    pub published: Option<String>,
    pub byline: Option<String>,
    /// The feed's summary in full (the article's lead unless the body starts with it).
    pub summary: Option<String>,
    pub source: Option<String>,
    /// Relative links in the body resolve against this.
    pub base: Option<String>,
    /// HTML (else plain text, paragraphs between blank lines).
    pub html: bool,
    #[serde(skip)]
    pub content: String,
}

/// The teasers of a feed or a listing page.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Listing {
    /// The feed's or page's title.
    pub title: Option<String>,
    /// Feeds the page advertises (`<link rel="alternate" type="application/rss+xml">`), absolute.
    pub feeds: Vec<String>,
    pub items: Vec<Item>,
    /// For a web page read as a source: whether its advertised feed was read instead.
    pub via: Option<Via>,
}

/// How the teasers of a web page that advertises a feed were found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Via {
    /// From this feed, which the page advertises: a site's own feed beats its page's teasers.
    Feed(String),
    /// The advertised feed did not answer (`reason`); the teasers are the page's own.
    PageFeedFailed { feed: String, reason: String },
}

impl Via {
    /// One line for a status line or a note: `via feed URL`, or why the page's teasers are shown.
    pub fn note(&self) -> String {
        use crate::parse::sanitize::clean_line;
        match self {
            Via::Feed(f) => format!("via feed {}", clean_line(f)),
            Via::PageFeedFailed { feed, reason } => format!(
                "the page's feed {} did not answer ({}): teasers from the page",
                clean_line(feed),
                clean_line(reason)
            ),
        }
    }
}

/// What a source turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    Feed(Listing),
    Listing(Listing),
    Article(Box<Article>),
}

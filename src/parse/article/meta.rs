//! Page metadata for reader mode: `<meta>` tags, `<link rel=canonical>`, `<title>` and JSON-LD.
//!
//! The extractor feeds the elements it meets during its one walk over the page into [`PageMeta`];
//! nothing here walks the tree itself.

use crate::parse::date;
use crate::parse::html::normalize_space;
use scraper::ElementRef;
use serde_json::Value;

/// What the head of a page (and its JSON-LD) says about the article.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageMeta {
    /// `<title>` as written.
    pub html_title: Option<String>,
    pub og_title: Option<String>,
    pub twitter_title: Option<String>,
    pub description: Option<String>,
    pub og_description: Option<String>,
    pub og_url: Option<String>,
    pub canonical: Option<String>,
    pub site_name: Option<String>,
    /// `og:type` as written, lowercase ("article", "website", "video.other").
    pub og_type: Option<String>,
    /// The first published date from a meta tag, as ISO 8601.
    pub published: Option<String>,
    /// `<meta name="author">` and friends, when they hold a name (not a URL).
    pub author: Option<String>,
    pub ld: JsonLd,
}

/// The article object of a page's JSON-LD.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct JsonLd {
    pub headline: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
    pub body: Option<String>,
    pub description: Option<String>,
    pub publisher: Option<String>,
    /// The page's JSON-LD holds an article object.
    pub article: bool,
}

fn non_empty(s: &str) -> Option<String> {
    let s = normalize_space(s);
    (!s.is_empty()).then_some(s)
}

fn set_once(slot: &mut Option<String>, v: Option<String>) {
    if slot.is_none() {
        *slot = v;
    }
}

/// A value that looks like a person's or an organisation's name rather than a URL or a handle.
pub fn plausible_name(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().count() <= 80
        && !s.contains("://")
        && !s.starts_with("www.")
        && !s.starts_with('@')
        && s.chars().any(|c| c.is_alphabetic())
}

impl PageMeta {
    /// Takes note of a `<meta>` element.
    pub fn meta(&mut self, el: ElementRef<'_>) {
        let v = el.value();
        let key = v
            .attr("property")
            .or_else(|| v.attr("name"))
            .or_else(|| v.attr("itemprop"))
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let Some(content) = v.attr("content") else {
            return;
        };
        match key.as_str() {
            "og:title" => set_once(&mut self.og_title, non_empty(content)),
            "twitter:title" => set_once(&mut self.twitter_title, non_empty(content)),
            "description" => set_once(&mut self.description, non_empty(content)),
            "og:description" | "twitter:description" => {
                set_once(&mut self.og_description, non_empty(content))
            }
            "og:url" => set_once(&mut self.og_url, non_empty(content)),
            "og:type" => set_once(
                &mut self.og_type,
                non_empty(content).map(|t| t.to_lowercase()),
            ),
            "og:site_name" | "application-name" => {
                set_once(&mut self.site_name, non_empty(content))
            }
            "article:published_time"
            | "og:article:published_time"
            | "datepublished"
            | "date"
            | "pubdate"
            | "publishdate"
            | "publish-date"
            | "publish_date"
            | "dc.date"
            | "dc.date.issued"
            | "dcterms.date"
            | "dcterms.created"
            | "sailthru.date"
            | "parsely-pub-date"
            | "article.published"
            | "published_time" => set_once(&mut self.published, date::parse_date(content)),
            "author" | "article:author" | "dc.creator" | "sailthru.author" | "parsely-author"
            | "byl" => {
                let c = normalize_space(content);
                let c = strip_by(&c).to_string();
                if plausible_name(&c) {
                    set_once(&mut self.author, Some(c));
                }
            }
            _ => {}
        }
    }

    /// Takes note of a `<link>` element.
    pub fn link(&mut self, el: ElementRef<'_>) {
        let v = el.value();
        let rel = v.attr("rel").unwrap_or("").to_ascii_lowercase();
        if rel.split_whitespace().any(|r| r == "canonical") {
            if let Some(h) = v.attr("href") {
                set_once(&mut self.canonical, non_empty(h));
            }
        }
    }

    /// Takes note of a JSON-LD script's text.
    pub fn json_ld(&mut self, text: &str) {
        let Ok(v) = serde_json::from_str::<Value>(text.trim().trim_end_matches(';')) else {
            return;
        };
        let mut found = Vec::new();
        collect_articles(&v, 0, &mut found);
        self.ld.article |= !found.is_empty();
        for a in found {
            let ld = &mut self.ld;
            set_once(&mut ld.headline, str_of(a.get("headline")));
            set_once(
                &mut ld.published,
                str_of(a.get("datePublished")).and_then(|d| date::parse_date(&d)),
            );
            set_once(&mut ld.author, author_of(a.get("author")));
            set_once(
                &mut ld.body,
                a.get("articleBody")
                    .and_then(Value::as_str)
                    .map(|b| b.trim().to_string())
                    .filter(|b| !b.is_empty()),
            );
            set_once(&mut ld.description, str_of(a.get("description")));
            set_once(&mut ld.publisher, author_of(a.get("publisher")));
        }
    }

    /// The publication's name: og:site_name, else the JSON-LD publisher.
    pub fn source(&self) -> Option<String> {
        self.site_name.clone().or_else(|| self.ld.publisher.clone())
    }

    /// The page declares itself one item: `og:type` article or video, or a JSON-LD article.
    pub fn declares_one_item(&self) -> bool {
        self.ld.article
            || self
                .og_type
                .as_deref()
                .is_some_and(|t| t.starts_with("article") || t.starts_with("video"))
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => non_empty(s),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        _ => None,
    }
}

fn author_of(v: Option<&Value>) -> Option<String> {
    let names: Vec<String> = match v? {
        Value::String(s) => vec![normalize_space(s)],
        Value::Object(o) => str_of(o.get("name")).into_iter().collect(),
        Value::Array(a) => a
            .iter()
            .filter_map(|x| match x {
                Value::String(s) => Some(normalize_space(s)),
                Value::Object(o) => str_of(o.get("name")),
                _ => None,
            })
            .collect(),
        _ => vec![],
    };
    let names: Vec<String> = names.into_iter().filter(|n| plausible_name(n)).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

const ARTICLE_TYPES: [&str; 10] = [
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "techarticle",
    "scholarlyarticle",
];

fn is_article_type(v: &Value) -> bool {
    let t = |s: &str| {
        let s = s
            .rsplit(['/', ':'])
            .next()
            .unwrap_or(s)
            .to_ascii_lowercase();
        ARTICLE_TYPES.contains(&s.as_str()) || s == "liveblogposting" || s == "report"
    };
    match v.get("@type") {
        Some(Value::String(s)) => t(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(t)),
        _ => false,
    }
}

/// Article objects anywhere in a JSON-LD value (top level, arrays, `@graph`, `mainEntity`).
fn collect_articles<'v>(
    v: &'v Value,
    depth: usize,
    out: &mut Vec<&'v serde_json::Map<String, Value>>,
) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect_articles(x, depth + 1, out)),
        Value::Object(o) => {
            if is_article_type(v) {
                out.push(o);
            }
            for k in [
                "@graph",
                "mainEntity",
                "mainEntityOfPage",
                "itemListElement",
            ] {
                if let Some(x) = o.get(k) {
                    collect_articles(x, depth + 1, out);
                }
            }
        }
        _ => {}
    }
}

/// "Von Anna Beispiel" / "By Jane Doe" / "Text: Anna Beispiel" without the leading word.
pub fn strip_by(s: &str) -> &str {
    let t = s.trim();
    for p in [
        "Von: ",
        "von: ",
        "By: ",
        "von ",
        "Von ",
        "VON ",
        "by ",
        "By ",
        "BY ",
        "Text: ",
        "Text von ",
        "Autor: ",
        "Autorin: ",
        "Author: ",
        "Written by ",
        "Posted by ",
        "Ein Beitrag von ",
        "Interview: ",
        "Fragen: ",
        "Ein Bericht von ",
    ] {
        if let Some(r) = t.strip_prefix(p) {
            return r.trim();
        }
    }
    t
}

/// The separators between a page's title and its site's name in `<title>`.
const TITLE_SEPARATORS: [&str; 10] = [
    " | ", " – ", " — ", " - ", " :: ", " · ", " « ", " » ", " • ", " / ",
];

/// Words that follow a title as its genre, not as a site's name: "Titel – Interview".
fn is_genre(s: &str) -> bool {
    matches!(
        s.trim().to_lowercase().as_str(),
        "interview"
            | "kommentar"
            | "analyse"
            | "update"
            | "live"
            | "video"
            | "podcast"
            | "review"
            | "opinion"
            | "analysis"
            | "essay"
            | "porträt"
            | "reportage"
    )
}

/// The site's name a `<title>` ends with ("Interview: Neue Wege - Stadtblatt", "Title | Site"), or
/// starts with ("Site - Title"), told apart from the article's own title (`article_title`, empty when
/// unknown): the other part must be the article's title (or hold it), the name short.
pub fn site_from_title(html_title: &str, article_title: &str) -> Option<String> {
    let t = normalize_space(html_title);
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let title = norm(article_title);
    let is_title = |s: &str| {
        let s = norm(s);
        !s.is_empty()
            && (title.is_empty() || s == title || s.contains(&title) || title.contains(&s))
    };
    let name_like = |s: &str| {
        let s = s.trim();
        let words = s.split_whitespace().filter(|w| *w != "&").count();
        (1..=4).contains(&words)
            && s.chars().count() <= 50
            && s.chars().any(char::is_alphabetic)
            && !is_genre(s)
            && !s.ends_with([':', '?', '!'])
    };
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = t.rsplit_once(sep) {
            if name_like(tail) && head.split_whitespace().count() >= 2 && is_title(head) {
                return Some(tail.trim().to_string());
            }
        }
        if !title.is_empty() {
            if let Some((head, tail)) = t.split_once(sep) {
                if name_like(head) && is_title(tail) && norm(tail).len() > norm(head).len() {
                    return Some(head.trim().to_string());
                }
            }
        }
    }
    None
}

/// Strips a site name from a page title: "Titel – Magazin", "Title | Site", "Site: Title".
pub fn strip_site(title: &str, site: Option<&str>, host: Option<&str>) -> String {
    let t = normalize_space(title);
    let is_site = |s: &str| {
        let s = s.trim().to_lowercase();
        if s.is_empty() {
            return false;
        }
        let compact: String = s.chars().filter(|c| c.is_alphanumeric()).collect();
        site.is_some_and(|x| {
            let x = x.to_lowercase();
            x == s || x.contains(&s) || s.contains(&x)
        }) || host
            .is_some_and(|h| !compact.is_empty() && h.replace(['.', '-'], "").contains(&compact))
    };
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = t.rsplit_once(sep) {
            let words_tail = tail.split_whitespace().count();
            let words_head = head.split_whitespace().count();
            if is_site(tail) || (words_tail <= 3 && words_head >= 2 && !is_genre(tail)) {
                return strip_site(head, site, host);
            }
        }
        if let Some((head, tail)) = t.split_once(sep) {
            if is_site(head) && !tail.trim().is_empty() {
                return tail.trim().to_string();
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_graph_and_authors() {
        let mut m = PageMeta::default();
        m.json_ld(
            r#"{"@context":"https://schema.org","@graph":[
                {"@type":"WebSite","name":"Nordheimer Bote"},
                {"@type":["NewsArticle"],"headline":"Neue Bürgerdienste",
                 "datePublished":"2026-03-12T08:00:00+01:00",
                 "author":[{"@type":"Person","name":"Anna Beispiel"},{"name":"Jonas Probst"}],
                 "publisher":{"@type":"Organization","name":"Nordheimer Bote"},
                 "articleBody":"Erster Absatz."}]}"#,
        );
        assert_eq!(m.ld.headline.as_deref(), Some("Neue Bürgerdienste"));
        assert_eq!(m.ld.published.as_deref(), Some("2026-03-12T08:00:00+01:00"));
        assert_eq!(m.ld.author.as_deref(), Some("Anna Beispiel, Jonas Probst"));
        assert_eq!(m.ld.body.as_deref(), Some("Erster Absatz."));
        assert_eq!(m.source().as_deref(), Some("Nordheimer Bote"));
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let mut m = PageMeta::default();
        m.json_ld("{\"@type\": \"NewsArticle\", \"headline\": ");
        m.json_ld(&format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000)));
        assert_eq!(m.ld, JsonLd::default());
    }

    #[test]
    fn by_prefixes() {
        assert_eq!(strip_by("Von Anna Beispiel"), "Anna Beispiel");
        assert_eq!(strip_by("By Jane Doe"), "Jane Doe");
        assert_eq!(strip_by("Vonnegut"), "Vonnegut");
        assert!(!plausible_name("https://example.org/author/x"));
    }
    #[test]
    fn site_names_are_stripped() {
        assert_eq!(
            strip_site("Neue Bürgerdienste – Magazin", None, None),
            "Neue Bürgerdienste"
        );
        assert_eq!(
            strip_site(
                "Council backs plan | The Daily Example",
                Some("The Daily Example"),
                None
            ),
            "Council backs plan"
        );
        assert_eq!(
            strip_site(
                "Nordheimer Bote: Neue Bürgerdienste",
                Some("Nordheimer Bote"),
                None
            ),
            "Nordheimer Bote: Neue Bürgerdienste"
        );
        assert_eq!(
            strip_site("Anna Beispiel – Interview", None, None),
            "Anna Beispiel – Interview"
        );
    }

    #[test]
    fn site_names_from_the_title_element() {
        let site = |t: &str, a: &str| site_from_title(t, a);
        assert_eq!(
            site(
                "Interview: Neue Wege im Amt - Stadtblatt online",
                "Neue Wege im Amt"
            )
            .as_deref(),
            Some("Stadtblatt online")
        );
        assert_eq!(
            site("Council backs plan | The Daily Example", "").as_deref(),
            Some("The Daily Example")
        );
        assert_eq!(
            site(
                "Kreisblatt – Neue Wege im Amt von Tannhövel",
                "Neue Wege im Amt von Tannhövel"
            )
            .as_deref(),
            Some("Kreisblatt")
        );
        // a genre, a subtitle or a second title is not a site
        assert_eq!(site("Anna Beispiel – Interview", "Anna Beispiel"), None);
        assert_eq!(
            site(
                "Schnee auf dem Dach - Warum nur Profis räumen sollten",
                "Schnee auf dem Dach"
            ),
            None
        );
        assert_eq!(site("Neue Wege im Amt", "Neue Wege im Amt"), None);
        // the other part is not this article's title
        assert_eq!(
            site("Ganz anderes Thema - Stadtblatt", "Neue Wege im Amt"),
            None
        );
    }

    #[test]
    fn declared_items() {
        let mut m = PageMeta::default();
        assert!(!m.declares_one_item());
        m.og_type = Some("video.other".into());
        assert!(m.declares_one_item());
        m.og_type = Some("website".into());
        assert!(!m.declares_one_item());
        m.json_ld(r#"{"@type":"BlogPosting","headline":"Neue Wege"}"#);
        assert!(m.declares_one_item());
    }
}

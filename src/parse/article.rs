//! Reader mode: the main text and metadata of an article page.

use crate::document::Article;
use crate::parse::html;
use scraper::{Html, Selector};
use url::Url;

/// Extracts the article of an HTML page and recognises interviews in it.
pub fn extract(page: &str, url: Option<&Url>) -> Article {
    let doc = Html::parse_document(page);
    let title = Selector::parse("h1")
        .ok()
        .and_then(|s| doc.select(&s).next())
        .map(html::inline_text)
        .unwrap_or_default();
    let root = ["article", "main", "body"]
        .iter()
        .filter_map(|s| Selector::parse(s).ok())
        .find_map(|s| doc.select(&s).next())
        .unwrap_or(doc.root_element());
    let mut b = html::Builder::new(url);
    b.keep = Some(Box::new(|e| {
        !matches!(
            e.value().name(),
            "nav" | "header" | "footer" | "aside" | "h1"
        )
    }));
    b.children(root, 0);
    let mut article = Article {
        title,
        url: url.map(|u| u.to_string()),
        blocks: b.finish(),
        ..Article::default()
    };
    crate::interview::recognize(&mut article);
    article
}

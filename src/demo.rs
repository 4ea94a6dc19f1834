//! The demo edition: a feed and its article pages, embedded in the binary (see `build.rs`), read with
//! the real parsers. No network, no files: `blatt` alone opens it from any directory.

use crate::document::{Item, Parsed};
use crate::parse::{self, KindHint};
use url::Url;

/// What the list calls the demo edition until the feed's title is known.
pub const LABEL: &str = "blatt demo edition";
/// Where the demo feed pretends to live; article links are `<BASE><name>.html`.
pub const FEED_URL: &str = "https://blatt.example/demo/feed.xml";

mod assets {
    include!(concat!(env!("OUT_DIR"), "/demo_assets.rs"));
}

/// The embedded article page called `name` (e.g. `kreis-nordheim.html`).
pub fn page(name: &str) -> Option<&'static str> {
    assets::ARTICLES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, p)| *p)
}

/// Where the demo's pictures pretend to live: `<IMAGE_BASE><name>.png`.
pub const IMAGE_BASE: &str = "https://blatt.example/demo/img/";

/// The embedded picture at `url` (under [`IMAGE_BASE`]), if the binary carries it.
pub fn picture(url: &str) -> Option<&'static [u8]> {
    let name = url.strip_prefix(IMAGE_BASE)?;
    assets::IMAGES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, b)| *b)
}

/// The names of the embedded pictures.
pub fn pictures() -> impl Iterator<Item = &'static str> {
    assets::IMAGES.iter().map(|(n, _)| *n)
}

/// The demo edition's items, each with its article where the binary carries its page.
pub fn edition() -> Result<Vec<Item>, String> {
    let feed = assets::FEED.ok_or("this build carries no demo edition")?;
    let base = Url::parse(FEED_URL).map_err(|e| e.to_string())?;
    let listing = match parse::parse(feed, Some(&base), KindHint::Feed)
        .map_err(|e| format!("the demo feed: {e}"))?
    {
        Parsed::Feed(l) | Parsed::Listing(l) => l,
        Parsed::Article(_) => return Err("the demo feed is an article page".into()),
    };
    let mut items = Vec::with_capacity(listing.items.len());
    for mut item in listing.items {
        if item.teaser.source.is_none() {
            item.teaser.source = listing.title.clone();
        }
        let link = item.teaser.url.as_deref().and_then(|u| Url::parse(u).ok());
        let name = link
            .as_ref()
            .and_then(|l| l.path_segments()?.next_back().map(str::to_string));
        if let (Some(link), Some(html)) = (&link, name.as_deref().and_then(page)) {
            if let Ok(Parsed::Article(mut a)) = parse::parse(html, Some(link), KindHint::Article) {
                a.fill_from_teaser(&item.teaser);
                item.teaser.kind = Some(a.kind);
                item.article = Some(*a);
            }
        }
        items.push(item);
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Kind;

    /// The demo's pictures are small PNGs that decode, each shown with a caption in a demo article.
    #[test]
    fn demo_pictures_are_small_used_and_captioned() {
        let items = edition().expect("the demo edition parses");
        let shown: Vec<String> = items
            .iter()
            .filter_map(|i| i.article.as_ref())
            .flat_map(|a| a.blocks.iter())
            .filter_map(|b| match b {
                crate::document::Block::Image {
                    src: Some(s),
                    caption: Some(c),
                    ..
                } if !c.trim().is_empty() => Some(s.clone()),
                _ => None,
            })
            .collect();
        let names: Vec<&str> = pictures().collect();
        assert!(names.len() >= 4, "{names:?}");
        for n in names {
            let url = format!("{IMAGE_BASE}{n}");
            assert!(shown.contains(&url), "{url} is in no demo article");
            let bytes = picture(&url).expect("embedded");
            assert!(bytes.len() < 16 * 1024, "{n}: {} bytes", bytes.len());
            let px = crate::picture::decode(bytes, Some("image/png")).expect("decodes");
            assert!(px.width() >= 100 && px.height() >= 50, "{n}");
        }
        assert!(picture("https://blatt.example/demo/img/none.png").is_none());
        assert!(picture("https://elsewhere.example/demo/img/runder-tisch.png").is_none());
    }

    /// The demo content is in `assets/demo/`: the edition must be complete, or the build is broken.
    #[test]
    fn demo_edition_is_complete() {
        let items = edition().expect("the demo edition parses");
        let with_articles = items.iter().filter(|i| i.article.is_some()).count();
        assert!(
            with_articles >= 16,
            "only {with_articles} of {} demo items have an article",
            items.len()
        );
        let interviews = items
            .iter()
            .filter(|i| {
                i.article
                    .as_ref()
                    .is_some_and(|a| a.kind == Kind::Interview)
            })
            .count();
        assert!(
            interviews >= 6,
            "only {interviews} demo interviews recognised"
        );
        for it in &items {
            let a = it.article.as_ref().expect("every demo item has its page");
            assert!(!a.title.trim().is_empty());
            assert!(!a.blocks.is_empty(), "{}: no body", a.title);
        }
    }
}

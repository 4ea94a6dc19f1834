//! Block building: the chosen content, minus what was removed, through [`crate::parse::html::Builder`];
//! image blocks tidied as a reader wants them.

use super::dedupe::same_text;
use super::score::Pass;
use super::table::{El, NONE};
use crate::document::Block;
use crate::parse::html::{self, normalize_space};
use ego_tree::NodeId;
use scraper::{Html, Node};
use std::collections::HashSet;
use url::Url;

pub(super) fn blocks_of(
    els: &[El<'_>],
    pass: &Pass,
    hidden: &[NodeId],
    base: Option<&Url>,
) -> Vec<Block> {
    let mut drop: HashSet<NodeId> = hidden.iter().copied().collect();
    for &r in &pass.roots {
        for j in r + 1..els[r as usize].end {
            let ji = j as usize;
            let p = els[ji].parent;
            if pass.removed[ji] && (p == NONE || !pass.removed[p as usize]) {
                drop.insert(els[ji].el.id());
            }
        }
    }
    let mut b = html::Builder::new(base);
    b.keep = Some(Box::new(move |e| !drop.contains(&e.id())));
    for &r in &pass.roots {
        b.element(els[r as usize].el, 0);
        b.flush();
    }
    b.finish()
}

pub(super) fn text_len(blocks: &[Block]) -> usize {
    blocks.iter().map(|b| b.text().chars().count()).sum()
}

/// Image blocks as a reader wants them: the caption when there is one (the alt text repeats it or
/// describes what the caption already says), descriptive alt text otherwise; file names, empty
/// and duplicate images go.
pub(super) fn tidy_images(blocks: &mut Vec<Block>, title: &str) {
    let mut seen: HashSet<String> = HashSet::new();
    let mut texts: HashSet<String> = HashSet::new();
    blocks.retain_mut(|b| {
        let Block::Image { alt, caption, src } = b else {
            return true;
        };
        // only a picture the page captions is kept: alt text is not on the page for readers, and
        // in a terminal there is no picture for it to stand in for (mostly it repeats the title or
        // names the product in the picture)
        let Some(c) = caption.as_deref().filter(|c| !c.trim().is_empty()) else {
            return false;
        };
        alt.clear();
        if same_text(c, title) {
            return false;
        }
        let key = src.clone().unwrap_or_else(|| c.to_string());
        // the same caption under a second copy of the picture (a gallery, a lightbox) once only
        seen.insert(key) && texts.insert(normalize_space(c).to_lowercase())
    });
}

/// `<base href>` resolved against the page URL.
pub(super) fn page_base(doc: &Html, url: Option<&Url>) -> Option<Url> {
    // one flat walk over the node arena, no selector matching
    let href = doc.tree.nodes().find_map(|n| match n.value() {
        Node::Element(e) if e.name() == "base" => e.attr("href"),
        _ => None,
    })?;
    match url {
        Some(u) => u.join(href).ok(),
        None => Url::parse(href).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn image_blocks_are_tidied() {
        let img = |alt: &str, caption: Option<&str>, src: &str| Block::Image {
            alt: alt.into(),
            caption: caption.map(Into::into),
            src: Some(src.into()),
        };
        let mut blocks = vec![
            img(
                "Das Rathaus",
                Some("Das Rathaus im Frühling. Foto: Stadt"),
                "a.jpg",
            ),
            img("IMG_2041.jpg", None, "b.jpg"),
            img("Foto", None, "c.jpg"),
            img(
                "Two volunteers carry a shopping trolley out of the harbour",
                None,
                "d.jpg",
            ),
            img(
                "Das Rathaus",
                Some("Das Rathaus im Frühling. Foto: Stadt"),
                "a.jpg",
            ),
            img(
                "",
                Some("Das Rathaus im  Frühling. Foto: Stadt"),
                "a-large.jpg",
            ),
            img("", Some("Der Hafen am Abend"), "e.jpg"),
        ];
        tidy_images(&mut blocks, "Titel");
        assert_eq!(blocks.len(), 2, "{blocks:#?}");
        assert_eq!(blocks[0].text(), "Das Rathaus im Frühling. Foto: Stadt");
        assert_eq!(blocks[1].text(), "Der Hafen am Abend");
    }
}

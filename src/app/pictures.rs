//! The pictures of the article on screen, as the state keeps them: which are loading, which failed
//! (their alt line stays), and which are decoded and encoded for the pane's width. `update` asks for
//! what is missing ([`wanted`]) after every message; the executor loads, decodes and encodes in the
//! background and answers with [`super::Msg::Picture`], so no key ever waits for a picture.

use super::msg::Effect;
use super::state::State;
use crate::document::Block;
use crate::picture::{Encoded, Graphics, Pixels};
use std::collections::HashMap;

/// How many pictures the state keeps (those of the article on screen always).
pub const KEEP: usize = 48;

/// Where one picture stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    Loading,
    /// Why it cannot be shown (its alt line is).
    Failed(String),
    Ready {
        pixels: Pixels,
        encoded: Encoded,
        /// A width it is being encoded for now.
        pending: Option<u16>,
    },
}

/// The pictures the reader knows of.
#[derive(Clone, Debug, Default)]
pub struct Pictures {
    /// What the terminal draws pictures with; `None`: no pictures, only alt lines.
    pub graphics: Option<Graphics>,
    pub slots: HashMap<String, Slot>,
    /// Bumped whenever a picture arrives or fails (the wrapped lines depend on it).
    pub generation: u64,
}

impl Pictures {
    /// The picture at `url` encoded for `width`, if it is.
    pub fn encoded(&self, url: &str, width: u16) -> Option<&Encoded> {
        match self.slots.get(url) {
            Some(Slot::Ready { encoded, .. }) if encoded.width == width => Some(encoded),
            _ => None,
        }
    }
}

/// The picture sources of the selected article, in order.
fn sources(s: &State) -> Vec<String> {
    let Some(a) = s.selected_entry().and_then(|e| e.article.as_deref()) else {
        return Vec::new();
    };
    a.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Image { src: Some(src), .. } if !src.trim().is_empty() => Some(src.clone()),
            _ => None,
        })
        .collect()
}

/// The effects that load or re-encode the selected article's pictures for the pane's width.
pub fn wanted(s: &mut State) -> Vec<Effect> {
    let mut fx = Vec::new();
    if s.pictures.graphics.is_none() || crate::ui::areas(s).article.is_none() {
        return fx;
    }
    let width = s.article_width().min(u16::MAX as usize) as u16;
    let urls = sources(s);
    for url in &urls {
        match s.pictures.slots.get_mut(url) {
            None => {
                s.pictures.slots.insert(url.clone(), Slot::Loading);
                fx.push(Effect::LoadPicture {
                    url: url.clone(),
                    width,
                });
            }
            Some(Slot::Ready {
                pixels,
                encoded,
                pending,
            }) if encoded.width != width && *pending != Some(width) => {
                *pending = Some(width);
                fx.push(Effect::EncodePicture {
                    url: url.clone(),
                    pixels: pixels.clone(),
                    width,
                });
            }
            _ => {}
        }
    }
    if s.pictures.slots.len() > KEEP {
        s.pictures.slots.retain(|k, _| urls.contains(k));
    }
    fx
}

/// A picture arrived (decoded when `pixels` is given, and encoded) or failed.
pub fn arrived(
    s: &mut State,
    url: String,
    pixels: Option<Pixels>,
    result: Result<Encoded, String>,
) {
    let Some(slot) = s.pictures.slots.get_mut(&url) else {
        return; // dropped meanwhile
    };
    match (result, &*slot) {
        (Ok(encoded), Slot::Ready { pixels: old, .. }) => {
            let pixels = pixels.unwrap_or_else(|| old.clone());
            *slot = Slot::Ready {
                pixels,
                encoded,
                pending: None,
            };
        }
        (Ok(encoded), _) => match pixels {
            Some(pixels) => {
                *slot = Slot::Ready {
                    pixels,
                    encoded,
                    pending: None,
                }
            }
            None => *slot = Slot::Failed("no pixels".into()),
        },
        (Err(e), _) => {
            tracing::info!(%url, error = %e, "picture");
            *slot = Slot::Failed(e);
        }
    }
    s.pictures.generation += 1;
}

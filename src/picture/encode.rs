//! Pixels to a terminal protocol for a pane width: the picture scaled to fit the text width and at
//! most [`MAX_ROWS`] rows, encoded once (sixel quantised, kitty and iTerm2 as PNG/RGBA in base64,
//! halfblocks as coloured cells) by ratatui-image, in rows so that a picture scrolled half out of
//! the pane draws only its visible rows.

use super::decode::Pixels;
use super::detect::{Graphics, Protocol};
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::widgets::Widget;
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::sliced::{SignedPosition, SlicedImage, SlicedProtocol};
use ratatui_image::{FontSize, Resize};
use std::sync::Arc;

/// The most rows a picture takes.
pub const MAX_ROWS: u16 = 20;

/// A picture encoded for one width: its size in cells and the terminal data.
#[derive(Clone)]
pub struct Encoded {
    /// The text width it was made for.
    pub width: u16,
    pub cols: u16,
    pub rows: u16,
    data: Arc<SlicedProtocol>,
}

impl std::fmt::Debug for Encoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Encoded({}×{} cells for {})",
            self.cols, self.rows, self.width
        )
    }
}

impl PartialEq for Encoded {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.data, &other.data)
    }
}
impl Eq for Encoded {}

impl Encoded {
    /// Draws the picture with its top-left cell at (`area.x`, `area.y + top`); `top` may be
    /// negative (scrolled up) and the picture may reach past the area's bottom: only the rows
    /// inside `area` are drawn.
    pub fn draw(&self, area: Rect, top: i32, buf: &mut Buffer) {
        let top = top.clamp(i32::from(i16::MIN), i32::from(i16::MAX)) as i16;
        SlicedImage::new(&self.data, SignedPosition { x: 0, y: top }).render(area, buf);
    }
}

/// The cells a `w`×`h` picture takes at its natural size with `cell`-sized cells, shrunk to fit
/// `max_cols` × `max_rows` (aspect kept, at least one cell).
pub fn cells(w: u32, h: u32, cell: (u16, u16), max_cols: u16, max_rows: u16) -> (u16, u16) {
    let (cw, ch) = (f64::from(cell.0.max(1)), f64::from(cell.1.max(1)));
    let cols = (f64::from(w) / cw).max(1.0);
    let rows = (f64::from(h) / ch).max(1.0);
    let scale = (f64::from(max_cols.max(1)) / cols)
        .min(f64::from(max_rows.max(1)) / rows)
        .min(1.0);
    (
        ((cols * scale).round() as u16).clamp(1, max_cols.max(1)),
        ((rows * scale).round() as u16).clamp(1, max_rows.max(1)),
    )
}

/// Makes the terminal data of pictures for one terminal (see [`Encoder::encode`]).
#[derive(Clone)]
pub struct Encoder {
    picker: Picker,
    pub graphics: Graphics,
}

impl Encoder {
    pub fn new(graphics: Graphics) -> Encoder {
        #[allow(deprecated)] // the size comes from our own query (detect.rs), not ratatui-image's
        let mut picker = Picker::from_fontsize(FontSize::new(graphics.cell.0, graphics.cell.1));
        picker.set_protocol_type(match graphics.protocol {
            Protocol::Kitty => ProtocolType::Kitty,
            Protocol::Iterm2 => ProtocolType::Iterm2,
            Protocol::Sixel => ProtocolType::Sixel,
            Protocol::Halfblocks => ProtocolType::Halfblocks,
        });
        Encoder { picker, graphics }
    }

    /// `pixels` encoded to fit `width` columns (CPU-bound: run it off the UI thread).
    pub fn encode(&self, pixels: &Pixels, width: u16) -> Result<Encoded, String> {
        let (cols, rows) = cells(
            pixels.width(),
            pixels.height(),
            self.graphics.cell,
            width,
            MAX_ROWS,
        );
        let data = SlicedProtocol::new_with_resize(
            &self.picker,
            (*pixels.0).clone(),
            Size::new(cols, rows),
            Resize::Fit(None),
        )
        .map_err(|e| format!("cannot encode the picture: {e}"))?;
        let size = data.size();
        Ok(Encoded {
            width,
            cols: size.width,
            rows: size.height,
            data: Arc::new(data),
        })
    }
}

/// Shorthand for [`Encoder::encode`] with a fresh encoder.
pub fn encode(graphics: Graphics, pixels: &Pixels, width: u16) -> Result<Encoded, String> {
    Encoder::new(graphics).encode(pixels, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_fit_the_pane() {
        // 400×200 pixels at 10×20: 40×10 cells
        assert_eq!(cells(400, 200, (10, 20), 80, 20), (40, 10));
        // too wide: scaled to 60 columns, the aspect kept
        assert_eq!(cells(1200, 200, (10, 20), 60, 20), (60, 5));
        // too tall
        assert_eq!(cells(100, 2000, (10, 20), 80, 20), (2, 20));
        // tiny: one cell
        assert_eq!(cells(1, 1, (10, 20), 80, 20), (1, 1));
    }

    #[test]
    fn encodes_in_every_protocol() {
        let img = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(120, 80, |x, y| {
            image::Rgb([x as u8, y as u8, 200])
        }));
        let px = Pixels(Arc::new(img));
        for p in [
            Protocol::Sixel,
            Protocol::Kitty,
            Protocol::Iterm2,
            Protocol::Halfblocks,
        ] {
            let g = Graphics {
                protocol: p,
                cell: (10, 20),
            };
            let e = encode(g, &px, 80).expect("encodes");
            assert!(
                e.cols >= 1 && e.cols <= 12 && e.rows >= 1 && e.rows <= 4,
                "{p:?} {e:?}"
            );
            let area = Rect::new(0, 0, 80, 10);
            let mut buf = Buffer::empty(area);
            e.draw(area, 2, &mut buf);
            let drawn: String = (0..area.height)
                .flat_map(|y| (0..area.width).map(move |x| (x, y)))
                .map(|(x, y)| buf[(x, y)].symbol().to_string())
                .collect();
            match p {
                Protocol::Sixel => assert!(drawn.contains("\x1bP"), "{p:?}"),
                Protocol::Kitty => assert!(drawn.contains("\x1b_G"), "{p:?}"),
                Protocol::Iterm2 => assert!(drawn.contains("\x1b]1337;File="), "{p:?}"),
                Protocol::Halfblocks => {
                    assert!(drawn.contains('▀') || drawn.contains('▄'), "{p:?}")
                }
            }
        }
    }
}

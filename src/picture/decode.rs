//! A picture's bytes to pixels, within limits: at most [`MAX_BYTES`], PNG, JPEG, GIF (its first
//! frame) or WebP by their magic bytes, at most [`MAX_SIDE`] on a side and [`MAX_PIXELS`] in all
//! (read from the header before anything is decoded), the decoder's allocations capped at
//! [`MAX_ALLOC`]; then scaled down to [`KEEP_SIDE`]. Anything else is an error of one line, so a
//! hostile picture becomes the alt line. Pure.

use super::{KEEP_SIDE, MAX_ALLOC, MAX_BYTES, MAX_PIXELS, MAX_SIDE};
use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use std::io::Cursor;
use std::sync::Arc;

/// Decoded pixels, shared (the state keeps them to encode again after a resize).
#[derive(Clone)]
pub struct Pixels(pub Arc<DynamicImage>);

impl Pixels {
    pub fn width(&self) -> u32 {
        self.0.width()
    }
    pub fn height(&self) -> u32 {
        self.0.height()
    }
}

impl std::fmt::Debug for Pixels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pixels({}×{})", self.width(), self.height())
    }
}

impl PartialEq for Pixels {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
impl Eq for Pixels {}

/// Whether a `Content-Type` may be a picture: `image/*`, or none or a generic one (the bytes decide).
fn picture_type(content_type: Option<&str>) -> Result<(), String> {
    let Some(ct) = content_type else {
        return Ok(());
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence.is_empty()
        || essence.starts_with("image/")
        || essence == "application/octet-stream"
        || essence == "binary/octet-stream"
    {
        Ok(())
    } else {
        Err(format!(
            "not a picture ({})",
            crate::parse::sanitize::clean_line(&essence)
        ))
    }
}

fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(MAX_SIDE);
    l.max_image_height = Some(MAX_SIDE);
    l.max_alloc = Some(MAX_ALLOC);
    l
}

/// `bytes` (served as `content_type`, when known) as pixels, or why not.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Result<Pixels, String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!("picture larger than {} MiB", MAX_BYTES >> 20));
    }
    picture_type(content_type)?;
    let format = match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP)) => f,
        _ => return Err("not a PNG, JPEG, GIF or WebP picture".into()),
    };
    let reader = |bytes| {
        let mut r = ImageReader::with_format(Cursor::new(bytes), format);
        r.limits(limits());
        r
    };
    let (w, h) = reader(bytes)
        .into_dimensions()
        .map_err(|e| format!("broken picture: {}", one_line(&e)))?;
    if w == 0 || h == 0 {
        return Err("an empty picture".into());
    }
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!("picture too large ({w}×{h} pixels)"));
    }
    let img = reader(bytes)
        .decode()
        .map_err(|e| format!("broken picture: {}", one_line(&e)))?;
    let img = if img.width() > KEEP_SIDE || img.height() > KEEP_SIDE {
        img.resize(KEEP_SIDE, KEEP_SIDE, image::imageops::FilterType::Triangle)
    } else {
        img
    };
    Ok(Pixels(Arc::new(img)))
}

fn one_line(e: &dyn std::fmt::Display) -> String {
    let s = crate::parse::sanitize::clean_line(&e.to_string());
    s.chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img =
            image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 7) as u8, (y * 5) as u8, 90]));
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn small_pictures_decode() {
        let p = decode(&png(40, 20), Some("image/png")).expect("decodes");
        assert_eq!((p.width(), p.height()), (40, 20));
        // large ones are kept smaller
        let p = decode(&png(2400, 300), None).expect("decodes");
        assert_eq!((p.width(), p.height()), (1200, 150));
    }

    #[test]
    fn not_pictures() {
        assert!(decode(&png(4, 4), Some("text/html; charset=utf-8"))
            .unwrap_err()
            .contains("text/html"));
        assert!(decode(b"<html>hello</html>", None).is_err());
        assert!(decode(b"", None).is_err());
        // an SVG is not decoded
        assert!(decode(
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            Some("image/svg+xml")
        )
        .is_err());
        let mut big = png(4, 4);
        big.resize(MAX_BYTES + 1, 0);
        assert!(decode(&big, None).unwrap_err().contains("larger"));
    }
}

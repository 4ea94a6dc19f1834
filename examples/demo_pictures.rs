//! Draws the demo edition's pictures (our own, flat illustrations) into `assets/demo/img/`:
//! `cargo run --example demo_pictures`. Deterministic: the same PNGs every run. The demo articles
//! reference them as `https://blatt.example/demo/img/<name>.png`; `build.rs` embeds them.

use image::{Rgb, RgbImage};

const W: u32 = 320;
const H: u32 = 180;

fn rect(img: &mut RgbImage, x0: i32, y0: i32, w: i32, h: i32, c: [u8; 3]) {
    for y in y0.max(0)..(y0 + h).min(img.height() as i32) {
        for x in x0.max(0)..(x0 + w).min(img.width() as i32) {
            img.put_pixel(x as u32, y as u32, Rgb(c));
        }
    }
}

fn ellipse(img: &mut RgbImage, cx: i32, cy: i32, rx: i32, ry: i32, c: [u8; 3]) {
    for y in (cy - ry).max(0)..(cy + ry + 1).min(img.height() as i32) {
        for x in (cx - rx).max(0)..(cx + rx + 1).min(img.width() as i32) {
            let (dx, dy) = (
                f64::from(x - cx) / f64::from(rx),
                f64::from(y - cy) / f64::from(ry),
            );
            if dx * dx + dy * dy <= 1.0 {
                img.put_pixel(x as u32, y as u32, Rgb(c));
            }
        }
    }
}

/// A round table seen from above: four places in the reader's speaker colours.
fn round_table() -> RgbImage {
    let mut img = RgbImage::from_pixel(W, H, Rgb([236, 230, 218]));
    rect(&mut img, 0, 150, W as i32, 30, [200, 190, 172]);
    ellipse(&mut img, 160, 92, 92, 52, [150, 104, 70]);
    ellipse(&mut img, 160, 92, 84, 45, [176, 126, 86]);
    // cups and notepads
    for (x, y) in [(120, 70), (200, 70), (160, 120)] {
        ellipse(&mut img, x, y, 7, 6, [250, 250, 250]);
        rect(&mut img, x + 10, y - 6, 16, 20, [245, 240, 200]);
    }
    // the places: Okabe–Ito orange, sky blue, bluish green; the interviewer grey
    for (x, y, c) in [
        (48, 92, [230, 159, 0]),
        (160, 22, [86, 180, 233]),
        (272, 92, [0, 158, 115]),
        (160, 162, [110, 110, 110]),
    ] {
        ellipse(&mut img, x, y, 20, 16, c);
    }
    img
}

/// Rows of server racks with their lights, most of them still empty.
fn server_racks() -> RgbImage {
    let mut img = RgbImage::from_pixel(W, H, Rgb([225, 232, 238]));
    rect(&mut img, 0, 140, W as i32, 40, [180, 188, 196]);
    for i in 0..6 {
        let x = 18 + i * 50;
        rect(&mut img, x, 30, 38, 112, [46, 52, 60]);
        for row in 0..10 {
            let y = 38 + row * 10;
            rect(&mut img, x + 4, y, 30, 6, [70, 78, 88]);
            if (i + row) % 3 == 0 && i < 2 {
                rect(&mut img, x + 28, y + 2, 3, 2, [0, 200, 120]);
            }
        }
    }
    rect(&mut img, 0, 0, W as i32, 8, [250, 250, 250]);
    img
}

/// A brick building with windows and bicycle stands in front of it.
fn brick_building() -> RgbImage {
    let mut img = RgbImage::from_pixel(W, H, Rgb([196, 222, 240]));
    rect(&mut img, 0, 150, W as i32, 30, [120, 160, 90]);
    rect(&mut img, 40, 40, 240, 112, [164, 72, 52]);
    for row in 0..14 {
        let off = if row % 2 == 0 { 0 } else { 8 };
        for col in 0..16 {
            rect(
                &mut img,
                40 + off + col * 16,
                40 + row * 8,
                1,
                8,
                [140, 60, 44],
            );
        }
        rect(&mut img, 40, 40 + row * 8, 240, 1, [140, 60, 44]);
    }
    // roof
    for y in 0..24 {
        rect(&mut img, 40 - 8 + y / 2, 16 + y, 256 - y, 1, [70, 70, 76]);
    }
    for r in 0..2 {
        for c in 0..5 {
            rect(&mut img, 58 + c * 46, 56 + r * 40, 22, 24, [230, 240, 250]);
            rect(&mut img, 68 + c * 46, 56 + r * 40, 2, 24, [120, 120, 120]);
        }
    }
    rect(&mut img, 146, 116, 28, 36, [90, 60, 40]);
    for i in 0..5 {
        rect(&mut img, 200 + i * 14, 140, 2, 14, [60, 60, 60]);
        ellipse(&mut img, 201 + i * 14, 150, 5, 5, [40, 40, 40]);
    }
    img
}

/// A phone showing a portal's tiles, one of them highlighted.
fn portal_phone() -> RgbImage {
    let mut img = RgbImage::from_pixel(W, H, Rgb([244, 238, 226]));
    rect(&mut img, 118, 8, 84, 166, [30, 30, 34]);
    rect(&mut img, 124, 22, 72, 136, [250, 250, 250]);
    rect(&mut img, 124, 22, 72, 16, [0, 114, 178]);
    for r in 0..3 {
        for c in 0..2 {
            let colour = if r == 0 && c == 0 {
                [230, 159, 0]
            } else {
                [210, 222, 232]
            };
            rect(&mut img, 130 + c * 32, 46 + r * 34, 28, 28, colour);
        }
    }
    ellipse(&mut img, 160, 166, 5, 4, [80, 80, 86]);
    img
}

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/img");
    std::fs::create_dir_all(&dir).expect("create assets/demo/img");
    for (name, img) in [
        ("runder-tisch.png", round_table()),
        ("elmsried-rechenzentrum.png", server_racks()),
        ("auenwalde-amtsgebaeude.png", brick_building()),
        ("quellingen-portal.png", portal_phone()),
    ] {
        let path = dir.join(name);
        img.save(&path).expect("write the PNG");
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!("{} {} bytes", path.display(), size);
    }
}

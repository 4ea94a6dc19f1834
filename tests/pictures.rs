//! Pictures in the reader, end to end: the real binary in a pseudo-terminal, an article and its
//! pictures served from 127.0.0.1. A graphics protocol's sequence reaches the terminal only when the
//! mode allows it (`BLATT_GRAPHICS` forces a protocol, since a pseudo-terminal answers no query;
//! `[images] mode = "off"` and `TERM=dumb` win over it), and hostile pictures become alt lines.

mod common;
mod hostile_pty;

use common::{Route, Server};
use hostile_pty::Pty;
use image::{ImageFormat, Luma, Rgb};
use std::io::Cursor;

fn png_of(img: image::DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .expect("encode PNG");
    out
}

/// A small picture of ours: a green hill under a blue sky.
fn hill() -> Vec<u8> {
    png_of(image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(
        200,
        100,
        |x, y| {
            let ground = 70 - ((x as i32 - 100).abs() / 4);
            if (y as i32) > ground {
                Rgb([60, 150, 70])
            } else {
                Rgb([120, 180, 235])
            }
        },
    )))
}

/// A PNG chunk with its CRC.
fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
    out
}

/// A 70-byte PNG whose header claims 100,000 × 100,000 pixels.
fn huge_header() -> Vec<u8> {
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    png.extend(chunk(b"IEND", &[]));
    png
}

/// A decompression bomb: 4096 × 4096 black pixels, a few KB compressed, 16.8 Mpx decoded.
fn bomb() -> Vec<u8> {
    png_of(image::DynamicImage::ImageLuma8(
        image::GrayImage::from_pixel(4096, 4096, Luma([0])),
    ))
}

fn figure(src: &str, alt: &str, caption: &str) -> String {
    format!(
        "<figure><img src=\"{src}\" alt=\"{alt}\"><figcaption>{caption}</figcaption></figure>\n"
    )
}

fn article(figures: &str) -> String {
    format!(
        "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>Neues aus Wendelsee</title></head>\
         <body><article><h1>Neues aus Wendelsee</h1>\
         <p>Der Gemeinderat von Wendelsee hat am Dienstag beschlossen, den Marktplatz neu zu gestalten. \
         Die Arbeiten sollen im Frühjahr beginnen und bis zum Herbst dauern.</p>\
         {figures}\
         <p>Bürgermeisterin Hanne Quast sagte, der Platz solle wieder ein Ort zum Verweilen werden. \
         Die Kosten trägt zur Hälfte das Land.</p></article></body></html>"
    )
}

fn has(raw: &[u8], needle: &[u8]) -> bool {
    raw.windows(needle.len()).any(|w| w == needle)
}

/// The start of a sixel image: DCS … q.
fn has_sixel(raw: &[u8]) -> bool {
    raw.windows(2)
        .enumerate()
        .any(|(i, w)| w == b"\x1bP" && raw[i + 2..(i + 20).min(raw.len())].contains(&b'q'))
}

const CAPTION: &str = "Der Hügel über Wendelsee im Mai";

fn one_picture_server() -> Server {
    Server::start(vec![
        (
            "/artikel.html",
            Route::ok(
                "text/html; charset=utf-8",
                article(&figure("/bilder/huegel.png", "Ein grüner Hügel", CAPTION)),
            ),
        ),
        ("/bilder/huegel.png", Route::ok("image/png", hill())),
    ])
}

fn home_with_config(config: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    let dir = home.path().join("config").join("blatt");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(dir.join("config.toml"), config).expect("config");
    home
}

#[test]
fn a_graphics_protocol_reaches_the_terminal_only_when_the_mode_allows_it() {
    let server = one_picture_server();
    let url = server.url("/artikel.html");

    // forced sixel: the picture arrives as a DCS sequence, the caption under it, no alt line
    let t = Pty::start(&[&url], &[("BLATT_GRAPHICS", "sixel")], 120, 40);
    t.wait_for("the sixel picture", || has_sixel(&t.raw()));
    let screen = t.wait("the caption", |s| s.contents().contains(CAPTION));
    assert!(
        !screen.contents().contains("[Bild"),
        "{}",
        screen.contents()
    );
    let (ok, raw) = t.quit();
    assert!(ok);
    assert!(!has(&raw, b"\x1b_G"), "no kitty sequence in sixel mode");

    // forced kitty: the kitty graphics protocol
    let t = Pty::start(&[&url], &[("BLATT_GRAPHICS", "kitty")], 120, 40);
    t.wait_for("the kitty picture", || has(&t.raw(), b"\x1b_G"));
    let (ok, raw) = t.quit();
    assert!(ok);
    assert!(!has_sixel(&raw));

    // auto in a terminal that answers no query, `[images] mode = "off"` over a forced protocol, and
    // TERM=dumb: the alt line, no graphics sequence, no APC query
    let cases: Vec<(&str, Pty)> = vec![
        ("auto, no answer", Pty::start(&[&url], &[], 120, 40)),
        (
            "mode off",
            Pty::start_in(
                home_with_config("[images]\nmode = \"off\"\n"),
                &[&url],
                &[("BLATT_GRAPHICS", "sixel")],
                120,
                40,
            ),
        ),
        (
            "TERM=dumb",
            Pty::start(
                &[&url],
                &[("BLATT_GRAPHICS", "sixel"), ("TERM", "dumb")],
                120,
                40,
            ),
        ),
    ];
    for (what, t) in cases {
        t.wait(what, |s| {
            s.contents().contains(&format!("[Bild] {CAPTION}"))
        });
        let (ok, raw) = t.quit();
        assert!(ok, "{what}");
        assert!(!has_sixel(&raw), "{what}: a sixel sequence");
        assert!(!has(&raw, b"\x1b_G"), "{what}: a kitty sequence");
        assert!(
            hostile_pty::forbidden_sequences(&raw).is_empty(),
            "{what}: {:?}",
            hostile_pty::forbidden_sequences(&raw)
        );
    }
}

#[test]
fn hostile_pictures_are_alt_lines() {
    let good = hill();
    let mut truncated = good.clone();
    truncated.truncate(good.len() / 2);
    let mut garbage = b"\x89PNG\r\n\x1a\n".to_vec();
    garbage.extend((0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    let bad: Vec<(&str, &str)> = vec![
        ("/b/riesig.png", "Bild eins"),
        ("/b/halb.png", "Bild zwei"),
        ("/b/rauschen.png", "Bild drei"),
        ("/b/bombe.png", "Bild vier"),
        ("/b/seite.png", "Bild fünf"),
        ("/b/fehlt.png", "Bild sechs"),
        ("file:///etc/passwd", "Bild sieben"),
        ("javascript:alert(1)", "Bild acht"),
        ("data:text/html;base64,PGgxPmhhbGxvPC9oMT4=", "Bild neun"),
        ("/b/leer.png", "Bild zehn"),
    ];
    let mut figures: String = bad
        .iter()
        .map(|(src, caption)| figure(src, "", caption))
        .collect();
    figures.push_str(&figure("/b/gut.png", "Ein grüner Hügel", CAPTION));
    let server = Server::start(vec![
        (
            "/artikel.html",
            Route::ok("text/html; charset=utf-8", article(&figures)),
        ),
        ("/b/riesig.png", Route::ok("image/png", huge_header())),
        ("/b/halb.png", Route::ok("image/png", truncated)),
        ("/b/rauschen.png", Route::ok("image/png", garbage)),
        ("/b/bombe.png", Route::ok("image/png", bomb())),
        (
            "/b/seite.png",
            Route::ok(
                "text/html",
                b"<html><body>no picture</body></html>".to_vec(),
            ),
        ),
        ("/b/leer.png", Route::ok("image/png", Vec::new())),
        ("/b/gut.png", Route::ok("image/png", good)),
    ]);
    let t = Pty::start(
        &[&server.url("/artikel.html")],
        &[("BLATT_GRAPHICS", "sixel"), ("BLATT_LOG", "info")],
        120,
        60,
    );
    t.wait_for("the good picture", || has_sixel(&t.raw()));
    // every hostile picture failed (the log names each), none was drawn
    let log = t.home_path().join("state").join("blatt").join("blatt.log");
    let failures = || {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains("picture") && l.contains("error"))
            .count()
    };
    t.wait_for("ten failed pictures in the log", || failures() >= bad.len());
    let screen = t.screen().contents();
    for (src, caption) in &bad {
        assert!(
            screen.contains(&format!("[Bild] {caption}")),
            "{src}: no alt line\n{screen}"
        );
    }
    assert!(!screen.contains(&format!("[Bild] {CAPTION}")), "{screen}");
    assert!(screen.contains(CAPTION), "{screen}");
    let log_text = std::fs::read_to_string(&log).unwrap_or_default();
    for why in [
        "too large",
        "broken picture",
        "not a picture",
        "only http",
        "HTTP 404",
    ] {
        assert!(log_text.contains(why), "no {why:?} in the log:\n{log_text}");
    }
    // still answering keys, and a clean exit
    let (ok, _) = t.quit();
    assert!(ok, "blatt crashed or hung");
}

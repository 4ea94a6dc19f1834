//! Embeds the demo edition: `assets/demo/feed.xml`, every `assets/demo/articles/*.html` and every
//! `assets/demo/img/*.png`.

use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=assets/demo");
    println!("cargo::rustc-check-cfg=cfg(blatt_demo_assets)");
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let demo = Path::new(&root).join("assets").join("demo");
    let mut code = String::new();
    let feed = demo.join("feed.xml");
    if feed.is_file() {
        println!("cargo::rustc-cfg=blatt_demo_assets");
        let _ = writeln!(
            code,
            "pub static FEED: Option<&str> = Some(include_str!({:?}));",
            feed.display().to_string()
        );
    } else {
        code.push_str("pub static FEED: Option<&str> = None;\n");
    }
    let pages = files(&demo.join("articles"), "html");
    code.push_str("pub static ARTICLES: &[(&str, &str)] = &[\n");
    for (name, path) in &pages {
        let _ = writeln!(code, "    ({name:?}, include_str!({path:?})),");
    }
    code.push_str("];\n");
    // the demo's pictures (made by `cargo run --example demo_pictures`)
    let images = files(&demo.join("img"), "png");
    code.push_str("pub static IMAGES: &[(&str, &[u8])] = &[\n");
    for (name, path) in &images {
        let _ = writeln!(code, "    ({name:?}, include_bytes!({path:?})),");
    }
    code.push_str("];\n");
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("demo_assets.rs");
    std::fs::write(out, code).expect("write demo_assets.rs");
}

/// The files in `dir` whose names end in `.ext`, as (file name, path), sorted by name.
fn files(dir: &Path, ext: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == ext))
                .filter_map(|p| {
                    let name = p.file_name()?.to_str()?.to_string();
                    Some((name, p.display().to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

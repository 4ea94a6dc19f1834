//! Times reader-mode extraction over a directory of HTML pages, in-process, on one core:
//! `cargo run --release --example extract_bench -- DIR [ROUNDS]`.
//! Prints MB/s for html5ever parsing alone and for the whole extraction (parse included).

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: extract_bench DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut pages = Vec::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{dir}: {e}");
            std::process::exit(1);
        }
    };
    for entry in entries.flatten() {
        if let Ok(bytes) = std::fs::read(entry.path()) {
            pages.push(blatt::parse::charset::decode(&bytes, None));
        }
    }
    let bytes: usize = pages.iter().map(|p| p.len()).sum();
    let mb = bytes as f64 / 1e6 * rounds as f64;
    let t = Instant::now();
    let mut n = 0usize;
    for _ in 0..rounds {
        for p in &pages {
            n += scraper::Html::parse_document(p).tree.nodes().count();
        }
    }
    let parse = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut blocks = 0usize;
    for _ in 0..rounds {
        for p in &pages {
            blocks += blatt::parse::article::extract(p, None).blocks.len();
        }
    }
    let all = t.elapsed().as_secs_f64();
    println!(
        "{} pages, {:.1} MB x {rounds}: parse only {:.1} MB/s, extract {:.1} MB/s ({n} nodes, {blocks} blocks)",
        pages.len(),
        bytes as f64 / 1e6,
        mb / parse,
        mb / all
    );
}

//! Times reader-mode extraction over a directory of HTML pages, in-process, on one core:
//! `cargo run --release --example extract_bench -- DIR [ROUNDS]`.
//! Prints MB/s for html5ever parsing alone (the raw page, and the page after reader mode's first step,
//! which empties scripts, style sheets, SVG and comments) and for the whole extraction (parse included).

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
    pages.sort();
    let bytes: usize = pages.iter().map(|p| p.len()).sum();
    let mb = bytes as f64 / 1e6;
    let median = |mut v: Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    // warm-up round, then the median of ROUNDS timed rounds for each
    let mut n = 0usize;
    let mut blocks = 0usize;
    for p in &pages {
        n += scraper::Html::parse_document(p).tree.nodes().count();
        blocks += blatt::parse::article::extract(p, None).blocks.len();
    }
    let mut parse = Vec::new();
    let mut stripped = Vec::new();
    let mut all = Vec::new();
    for _ in 0..rounds.max(1) {
        let t = Instant::now();
        for p in &pages {
            n += scraper::Html::parse_document(p).tree.nodes().count();
        }
        parse.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for p in &pages {
            let s = blatt::parse::rawtext::strip_scripts_and_styles(p);
            n += scraper::Html::parse_document(&s).tree.nodes().count();
        }
        stripped.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for p in &pages {
            blocks += blatt::parse::article::extract(p, None).blocks.len();
        }
        all.push(t.elapsed().as_secs_f64());
    }
    let (parse, stripped, all) = (median(parse), median(stripped), median(all));
    println!(
        "blatt: {} pages, {:.1} MB, median of {rounds} rounds: html5ever parse only {:.1} MB/s \
         (after emptying scripts/styles {:.1} MB/s), extract {:.1} MB/s ({n} nodes, {blocks} blocks)",
        pages.len(),
        mb,
        mb / parse,
        mb / stripped,
        mb / all
    );
    println!("MBPS extract {:.3}", mb / all);
}

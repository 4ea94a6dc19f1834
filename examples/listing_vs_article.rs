//! Measures the listing-vs-article decision on a directory of HTML pages (`*.html` or `*.html.gz`)
//! that are all article pages: prints every page taken for a listing and the count.
//!
//! cargo run --example listing_vs_article -- DIR

use std::io::Read;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: listing_vs_article DIR");
        std::process::exit(2);
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("cannot read {dir}");
        std::process::exit(1);
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    let base = url::Url::parse("https://example.org/a/b.html").expect("url");
    let (mut pages, mut listings) = (0, 0);
    let mut spent = std::time::Duration::ZERO;
    for p in paths {
        let Ok(raw) = std::fs::read(&p) else { continue };
        let bytes = if p.extension().is_some_and(|e| e == "gz") {
            let mut out = Vec::new();
            if flate2::read::GzDecoder::new(&raw[..])
                .read_to_end(&mut out)
                .is_err()
            {
                continue;
            }
            out
        } else {
            raw
        };
        let text = blatt::parse::charset::decode(&bytes, None);
        let t = std::time::Instant::now();
        let listing = blatt::parse::listing::parse_listing(&text, Some(&base))
            .filter(|l| blatt::parse::listing::is_listing_page(&text, l));
        spent += t.elapsed();
        pages += 1;
        if let Some(l) = listing {
            listings += 1;
            println!("listing: {} ({} teasers)", p.display(), l.items.len());
        }
    }
    println!("{pages} pages, {listings} taken for listing pages, {spent:?} in the listing code");
}

//! Times `parse` on generated listing pages of 1,000 and 10,000 teasers (near-linear growth expected).
//!
//! cargo run --release --example scale

fn main() {
    for n in [1_000usize, 10_000] {
        let item = |i: usize| {
            format!("<div class=\"news-item\"><h3><a href=\"/n/{i}\">Meldung Nummer {i} aus dem Rathaus</a></h3><p>[22.12.2025]</p><p>Eine Zusammenfassung der Meldung {i} mit einigen Wörtern.</p><a href=\"/n/{i}\">mehr...</a></div>\n")
        };
        let html = format!(
            "<html><body>{}</body></html>",
            (0..n).map(item).collect::<String>()
        );
        let t = std::time::Instant::now();
        let base = url::Url::parse("https://rathaus.example/").expect("url");
        let Ok(r) = blatt::parse::parse(&html, Some(&base), blatt::parse::KindHint::Auto) else {
            return;
        };
        let k = match r {
            blatt::document::Parsed::Listing(l) => l.items.len(),
            _ => 0,
        };
        println!(
            "{n} teasers ({} KB): {k} found in {:?}",
            html.len() / 1024,
            t.elapsed()
        );
    }
}

//! Times `parse` on generated listing pages of 1,000 and 10,000 teasers and on generated RSS feeds of
//! 200 and 2,000 items with full text (near-linear growth expected).
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
    for n in [200usize, 2_000] {
        let item = |i: usize| {
            format!("<item><title>Meldung {i}</title><link>https://rathaus.example/m/{i}</link><description>Kurz &amp; knapp {i}</description><content:encoded><![CDATA[{}]]></content:encoded></item>\n", "<p>Ein Absatz mit <b>Text</b> über die Verwaltung.</p>".repeat(40))
        };
        let xml = format!("<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Gross</title>{}</channel></rss>", (0..n).map(item).collect::<String>());
        let t = std::time::Instant::now();
        let Ok(r) = blatt::parse::parse(&xml, None, blatt::parse::KindHint::Auto) else {
            return;
        };
        let k = match r {
            blatt::document::Parsed::Feed(l) => {
                l.items.iter().filter(|i| i.article.is_some()).count()
            }
            _ => 0,
        };
        println!(
            "{n} feed items ({} KB): {k} articles in {:?}",
            xml.len() / 1024,
            t.elapsed()
        );
    }
}

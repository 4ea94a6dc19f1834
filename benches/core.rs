//! `cargo bench --bench core`: parsing, extraction, interview recognition, the article pane (wrapping and
//! one frame while scrolling) and the store.
//!
//! Throughputs are reported in bytes per second of input; compare figures within one run (the machine
//! is shared, absolute times are noise). Every group has a baseline measured in the same run, so the
//! ratios mean something even when the absolute times do not:
//! - feed: quick-xml reading every event of the same feed (the XML floor);
//! - extraction: html5ever parsing alone;
//! - listing: html5ever parsing alone, over the same listing pages;
//! - interview: cloning the article alone; and a 10,000-word interview next to the 100,000-word one
//!   (linear recognition keeps them about 10:1);
//! - layout: textwrap alone over the same paragraphs at the same width;
//! - frame: drawing the same frame without the key press;
//! - store: SQLite opening the file and counting the items;
//! - fulltext: quick-xml reading every event of the same full-text feed (a reload's parse for the store
//!   against the XML floor and against parsing every article);
//! - open: reading a stored article that was parsed when it was stored (an unparsed one is made into
//!   blocks when opened: it must stay within one frame, 16 ms).
//!
//! `BLATT_BENCH_QUICK=1` shortens the measurement further (for a smoke run).

use blatt::parse::{self, KindHint};
use blatt::store::{Query, Store};
use blatt::synth;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

/// A short measurement: ten samples, little warm-up (the whole run takes a few minutes).
fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let quick = std::env::var_os("BLATT_BENCH_QUICK").is_some();
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(if quick { 100 } else { 500 }));
    g.measurement_time(Duration::from_secs(if quick { 1 } else { 3 }));
    g
}

fn feeds(c: &mut Criterion) {
    let feed = synth::feed(1, 10_000);
    let mut g = group(c, "feed");
    g.throughput(Throughput::Bytes(feed.len() as u64));
    g.bench_function("quick-xml events only (baseline)", |b| {
        b.iter(|| {
            let mut r = quick_xml::Reader::from_str(black_box(&feed));
            let mut n = 0usize;
            loop {
                match r.read_event() {
                    Ok(quick_xml::events::Event::Eof) | Err(_) => break,
                    Ok(e) => {
                        n += 1;
                        black_box(e);
                    }
                }
            }
            n
        })
    });
    g.bench_function("parse 10,000-item RSS", |b| {
        b.iter(|| parse::parse(black_box(&feed), None, KindHint::Auto).expect("parses"))
    });
    g.finish();
}

/// The shared corpus's pages when present (`../shared/corpus/…`), else generated pages.
fn pages() -> (String, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/article-extraction-benchmark/html");
    let mut pages = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if let Ok(f) = std::fs::File::open(&p) {
                use std::io::Read;
                let mut s = String::new();
                if flate2::read::GzDecoder::new(f)
                    .read_to_string(&mut s)
                    .is_ok()
                {
                    pages.push(s);
                }
            }
        }
    }
    if pages.is_empty() {
        (
            "generated pages".into(),
            (0..50)
                .map(|i| synth::article_page(i, 800 + 40 * i as usize))
                .collect(),
        )
    } else {
        (format!("{} corpus pages", pages.len()), pages)
    }
}

fn extraction(c: &mut Criterion) {
    let (what, pages) = pages();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut g = group(c, "extraction");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(
        BenchmarkId::new("html5ever parse only (baseline)", &what),
        |b| {
            b.iter(|| {
                for p in &pages {
                    black_box(scraper::Html::parse_document(p));
                }
            })
        },
    );
    g.bench_function(BenchmarkId::new("extract", &what), |b| {
        b.iter(|| {
            for p in &pages {
                black_box(parse::article::extract(p, None));
            }
        })
    });
    g.finish();
}

/// The shared corpus's listing pages when present (`../shared/corpus/listings/pages`).
fn listing_pages() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/listings/pages");
    let mut pages = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let Ok(raw) = std::fs::read(&p) else { continue };
            let raw = if p.extension().is_some_and(|e| e == "gz") {
                use std::io::Read;
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
            pages.push(parse::charset::decode(&raw, None));
        }
    }
    pages
}

/// Listing pages: generated front pages of 100 and 1,000 teasers (the same throughput means linear),
/// and the shared corpus's real pages when present; each against html5ever parsing the same bytes.
fn listing(c: &mut Criterion) {
    let mut g = group(c, "listing");
    for n in [100usize, 1_000] {
        let page = synth::listing_page(3, n);
        g.throughput(Throughput::Bytes(page.len() as u64));
        let what = format!("front page, {n} teasers");
        g.bench_function(
            BenchmarkId::new("html5ever parse only (baseline)", &what),
            |b| b.iter(|| black_box(scraper::Html::parse_document(black_box(&page)))),
        );
        g.bench_function(BenchmarkId::new("teasers (kind listing)", &what), |b| {
            b.iter(|| black_box(parse::parse(black_box(&page), None, KindHint::Listing)))
        });
        g.bench_function(
            BenchmarkId::new("sniff and teasers (kind auto)", &what),
            |b| b.iter(|| black_box(parse::parse(black_box(&page), None, KindHint::Auto))),
        );
    }
    let pages = listing_pages();
    if !pages.is_empty() {
        let bytes: usize = pages.iter().map(String::len).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        let what = format!("{} corpus pages", pages.len());
        g.bench_function(
            BenchmarkId::new("html5ever parse only (baseline)", &what),
            |b| {
                b.iter(|| {
                    for p in &pages {
                        black_box(scraper::Html::parse_document(p));
                    }
                })
            },
        );
        g.bench_function(BenchmarkId::new("teasers (kind listing)", &what), |b| {
            b.iter(|| {
                for p in &pages {
                    let _ = black_box(parse::parse(p, None, KindHint::Listing));
                }
            })
        });
        g.bench_function(
            BenchmarkId::new("sniff and teasers (kind auto)", &what),
            |b| {
                b.iter(|| {
                    for p in &pages {
                        let _ = black_box(parse::parse(p, None, KindHint::Auto));
                    }
                })
            },
        );
    }
    g.finish();
}

/// The generated interview of about `words` words, extracted and then made plain again (questions
/// and answers back to paragraphs, no speakers): what `recognize` gets from a page.
fn plain_interview(words: usize) -> (usize, blatt::document::Article) {
    let page = synth::interview_page(7, words);
    let doc = parse::article::extract(&page, None);
    assert_eq!(
        doc.kind,
        blatt::document::Kind::Interview,
        "the generated interview is one"
    );
    let mut plain = doc.clone();
    plain.kind = blatt::document::Kind::Article;
    plain.speakers.clear();
    plain.blocks = doc
        .blocks
        .iter()
        .map(|b| match b {
            blatt::document::Block::Question { text, marks, .. }
            | blatt::document::Block::Answer { text, marks, .. } => {
                blatt::document::Block::Paragraph {
                    text: text.clone(),
                    marks: marks.clone(),
                }
            }
            other => other.clone(),
        })
        .collect();
    (page.len(), plain)
}

/// Recognition on a 100,000-word interview, and on a 10,000-word one: the two times should stand
/// about 10:1 (recognition is linear in the article).
fn interview(c: &mut Criterion) {
    let (bytes, plain) = plain_interview(100_000);
    let (_, small) = plain_interview(10_000);
    let mut g = group(c, "interview");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("recognise a 100,000-word interview", |b| {
        b.iter(|| {
            let mut a = plain.clone();
            blatt::interview::recognize(&mut a);
            black_box(a)
        })
    });
    g.bench_function("clone only (baseline)", |b| {
        b.iter(|| black_box(plain.clone()))
    });
    g.bench_function("recognise a 10,000-word interview", |b| {
        b.iter(|| {
            let mut a = small.clone();
            blatt::interview::recognize(&mut a);
            black_box(a)
        })
    });
    g.finish();
}

/// A reload's work per item on feeds that carry the whole article: the feed as the store reads it
/// (teasers, full texts kept unparsed) against the XML floor and against making every article.
fn fulltext(c: &mut Criterion) {
    use synth::Shape;
    let feed = synth::realistic_feed(5, 200, Shape::FullRss, None);
    let atom = synth::realistic_feed(6, 200, Shape::FullAtom, None);
    let mut g = group(c, "fulltext");
    for (name, feed) in [("rss", &feed), ("atom", &atom)] {
        g.throughput(Throughput::Bytes(feed.len() as u64));
        g.bench_function(
            BenchmarkId::new("quick-xml events only (baseline)", name),
            |b| {
                b.iter(|| {
                    let mut r = quick_xml::Reader::from_str(black_box(feed));
                    let mut n = 0usize;
                    while !matches!(r.read_event(), Ok(quick_xml::events::Event::Eof) | Err(_)) {
                        n += 1;
                    }
                    n
                })
            },
        );
        g.bench_function(
            BenchmarkId::new("parse for the store (reload)", name),
            |b| {
                b.iter(|| {
                    parse::parse_bytes_for_store(
                        black_box(feed.as_bytes()),
                        None,
                        None,
                        None,
                        KindHint::Auto,
                    )
                    .expect("parses")
                })
            },
        );
        g.bench_function(BenchmarkId::new("parse with every article", name), |b| {
            b.iter(|| parse::parse(black_box(feed), None, KindHint::Auto).expect("parses"))
        });
    }
    g.finish();
}

/// Opening a stored 2,000-word article: parsed when it was stored (the baseline: JSON) against kept
/// unparsed by a reload and made into blocks now (an article and an interview).
fn open(c: &mut Criterion) {
    use synth::Shape;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Store::open(&dir.path().join("open.db")).expect("store");
    let feed = synth::realistic_feed(9, 8, Shape::FullRss, Some(2_000));
    let mut ids = Vec::new();
    for (url, lazy) in [
        ("https://a.blatt.example/", false),
        ("https://b.blatt.example/", true),
    ] {
        let id = s.upsert_source(url, None, "feed").expect("source");
        let parsed = if lazy {
            parse::parse_bytes_for_store(feed.as_bytes(), None, None, None, KindHint::Feed)
        } else {
            parse::parse(&feed, None, KindHint::Feed)
        };
        let Ok(blatt::document::Parsed::Feed(l)) = parsed else {
            panic!("a feed")
        };
        s.apply_listing(id, &l, None, None, 1).expect("apply");
        ids.push(
            s.items(&Query {
                source_id: Some(id),
                ..Query::default()
            })
            .expect("items"),
        );
    }
    let interview = |rows: &[blatt::store::ItemRow], want: bool| {
        rows.iter()
            .map(|r| r.id)
            .find(|&id| {
                let a = s.article(id).expect("article").expect("stored");
                (a.kind == blatt::document::Kind::Interview) == want
            })
            .expect("such an article")
    };
    let mut g = group(c, "open");
    for (name, want) in [("article", false), ("interview", true)] {
        let parsed = interview(&ids[0], want);
        let unparsed = interview(&ids[1], want);
        g.bench_function(
            BenchmarkId::new("parsed when stored (baseline)", name),
            |b| b.iter(|| black_box(s.article(parsed).expect("article"))),
        );
        g.bench_function(BenchmarkId::new("unparsed, made on open", name), |b| {
            b.iter(|| black_box(s.article(unparsed).expect("article")))
        });
    }
    g.finish();
}

fn store(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut g = group(c, "store");
    for n in [2_000usize, 10_000, 50_000] {
        let path = dir.path().join(format!("s{n}.db"));
        {
            let mut s = Store::open(&path).expect("store");
            let per = 50;
            for f in 0..n / per {
                let id = s
                    .upsert_source(&format!("https://feeds.blatt.example/{f}"), None, "auto")
                    .expect("source");
                let parsed =
                    parse::parse(&synth::feed(f as u64, per), None, KindHint::Feed).expect("feed");
                if let blatt::document::Parsed::Feed(l) = parsed {
                    s.apply_listing(id, &l, None, None, 1).expect("apply");
                }
            }
        }
        g.bench_function(BenchmarkId::new("open and count (baseline)", n), |b| {
            b.iter(|| {
                let s = Store::open(&path).expect("open");
                black_box(s.item_count().expect("count"))
            })
        });
        g.bench_function(BenchmarkId::new("open and list newest 200", n), |b| {
            b.iter(|| {
                let s = Store::open(&path).expect("open");
                black_box(
                    s.items(&Query {
                        limit: Some(200),
                        ..Query::default()
                    })
                    .expect("items"),
                )
            })
        });
        g.bench_function(BenchmarkId::new("open and list all", n), |b| {
            b.iter(|| {
                let s = Store::open(&path).expect("open");
                black_box(s.items(&Query::default()).expect("items"))
            })
        });
    }
    g.finish();
}

/// A 100,000-word generated interview, extracted (speakers, questions, marks): the longest article the
/// pane is asked to show.
fn long_article() -> blatt::document::Article {
    let a = parse::article::extract(&synth::interview_page(11, 100_000), None);
    let words: usize = a
        .blocks
        .iter()
        .map(|b| b.text().split_whitespace().count())
        .sum();
    assert!(words >= 95_000, "{words} words");
    a
}

fn layout(c: &mut Criterion) {
    let a = long_article();
    let bytes: usize = a.blocks.iter().map(|b| b.text().len()).sum();
    let mut g = group(c, "layout");
    g.throughput(Throughput::Bytes(bytes as u64));
    let lines = blatt::ui::article::layout_article(&a, 100).lines.len();
    g.bench_function(
        BenchmarkId::new("textwrap only (baseline)", "100k words, 100 columns"),
        |b| {
            b.iter(|| {
                let mut n = 0;
                for blk in &a.blocks {
                    n += textwrap::wrap(&blk.text(), 98).len();
                }
                black_box(n)
            })
        },
    );
    g.bench_function(
        BenchmarkId::new(
            "layout_article",
            format!("100k words, 100 columns, {lines} lines"),
        ),
        |b| b.iter(|| black_box(blatt::ui::article::layout_article(black_box(&a), 100))),
    );
    g.finish();
}

fn frame(c: &mut Criterion) {
    use blatt::app::{update, Msg, State};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    let a = long_article();
    let item = blatt::document::Item {
        teaser: blatt::document::Teaser {
            title: a.title.clone(),
            url: Some("https://magazin.blatt.example/langes-gespraech".into()),
            ..Default::default()
        },
        guid: None,
        full_text: None,
        article: Some(a),
    };
    let theme = blatt::ui::Theme::default();
    let mut s = State::with_items("Bench", vec![item], vec![], 120, 40);
    let key = |k: KeyCode| Msg::Key(KeyEvent::new(k, KeyModifiers::NONE));
    update(&mut s, key(KeyCode::Char('l'))); // focus the article
    let mut t = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    t.draw(|f| blatt::ui::view(&s, &theme, f)).expect("draw");
    let max = s.max_scroll();
    assert!(max > 5_000, "a long article: {max} lines to scroll");

    let mut g = group(c, "frame");
    g.bench_function("draw without a key (baseline), 120x40", |b| {
        b.iter(|| {
            t.draw(|f| blatt::ui::view(&s, &theme, f)).expect("draw");
        })
    });
    let mut line_down = |b: &mut criterion::Bencher, k: KeyCode| {
        b.iter(|| {
            if s.scroll() >= s.max_scroll() {
                if let Some(e) = s.entries.first_mut() {
                    e.anchor = (0, 0);
                }
            }
            black_box(update(&mut s, key(k)));
            t.draw(|f| blatt::ui::view(&s, &theme, f)).expect("draw");
        });
        assert!(s.scroll() > 0, "the key scrolled");
    };
    g.bench_function("key j (update + view), 100k-word article, 120x40", |b| {
        line_down(b, KeyCode::Char('j'))
    });
    g.bench_function(
        "key PageDown (update + view), 100k-word article, 120x40",
        |b| line_down(b, KeyCode::PageDown),
    );
    // a search in the article: `n` to the next of many matches, every visible one highlighted
    let mut s2 = s.clone();
    for k in "/die".chars() {
        update(&mut s2, key(KeyCode::Char(k)));
    }
    update(&mut s2, key(KeyCode::Enter));
    let hits = s2.find.as_ref().map(|f| f.hits.len()).unwrap_or(0);
    assert!(hits > 1_000, "{hits} matches");
    g.bench_function(
        "key n (next match, update + view), 100k-word article, 120x40",
        |b| {
            b.iter(|| {
                black_box(update(&mut s2, key(KeyCode::Char('n'))));
                t.draw(|f| blatt::ui::view(&s2, &theme, f)).expect("draw");
            })
        },
    );
    // typing the query: each key matches the whole article again
    let mut s3 = s.clone();
    for k in "/die".chars() {
        update(&mut s3, key(KeyCode::Char(k)));
    }
    g.bench_function(
        "query key (Backspace + retype: 2 searches + view), 100k-word article",
        |b| {
            b.iter(|| {
                black_box(update(&mut s3, key(KeyCode::Backspace)));
                black_box(update(&mut s3, key(KeyCode::Char('e'))));
                t.draw(|f| blatt::ui::view(&s3, &theme, f)).expect("draw");
            })
        },
    );
    // a picture on screen: the same article with a picture after its header, encoded once (as the
    // executor does in the background), then `j` while the picture scrolls through the pane: every
    // frame draws the rows of it that are visible (against "key j" above, the plain frame)
    for protocol in [
        blatt::picture::Protocol::Sixel,
        blatt::picture::Protocol::Kitty,
    ] {
        let mut sp = picture_state(&s, protocol);
        let mut t2 = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        g.bench_function(
            format!(
                "key j with a {} picture on screen (update + view), 120x40",
                protocol.name()
            ),
            |b| {
                b.iter(|| {
                    if sp.scroll() >= 18 {
                        if let Some(e) = sp.entries.first_mut() {
                            e.anchor = (0, 0);
                        }
                    }
                    black_box(update(&mut sp, key(KeyCode::Char('j'))));
                    t2.draw(|f| blatt::ui::view(&sp, &theme, f)).expect("draw");
                })
            },
        );
    }
    g.finish();
}

/// `s` with a 600×300 picture (a photo-like gradient) at the start of its article, ready in `protocol`.
fn picture_state(s: &blatt::app::State, protocol: blatt::picture::Protocol) -> blatt::app::State {
    use blatt::app::pictures::Slot;
    let mut s = s.clone();
    let url = "https://bench.blatt.example/bild.png".to_string();
    if let Some(a) = s.entries[0].article.as_deref_mut() {
        a.blocks.insert(
            0,
            blatt::document::Block::Image {
                alt: "Ein Verlauf".into(),
                caption: Some("Ein Verlauf von Blau nach Orange, für die Messung".into()),
                src: Some(url.clone()),
            },
        );
    }
    s.entries[0].version += 1;
    let img = image::RgbImage::from_fn(600, 300, |x, y| {
        image::Rgb([
            (x * 255 / 600) as u8,
            (y * 255 / 300) as u8,
            ((x + y) % 256) as u8,
        ])
    });
    let pixels = blatt::picture::Pixels(std::sync::Arc::new(image::DynamicImage::ImageRgb8(img)));
    let g = blatt::picture::Graphics {
        protocol,
        cell: (10, 20),
    };
    let width = s.article_width() as u16;
    let encoded = blatt::picture::encode(g, &pixels, width).expect("encodes");
    s.pictures.graphics = Some(g);
    s.pictures.slots.insert(
        url,
        Slot::Ready {
            pixels,
            encoded,
            pending: None,
        },
    );
    s.pictures.generation += 1;
    if let Some(e) = s.entries.first_mut() {
        e.anchor = (0, 0);
    }
    s.refresh();
    let places = s
        .layout
        .as_ref()
        .map(|c| c.layout.pictures.len())
        .unwrap_or(0);
    assert_eq!(places, 1, "the picture is laid out");
    // and drawn: the protocol's sequence is in the frame
    let mut t =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
    let theme = blatt::ui::Theme::default();
    t.draw(|f| blatt::ui::view(&s, &theme, f)).expect("draw");
    let buf = t.backend().buffer();
    let start = match protocol {
        blatt::picture::Protocol::Kitty => "\x1b_G",
        _ => "\x1bP",
    };
    assert!(
        buf.content().iter().any(|c| c.symbol().contains(start)),
        "the picture is drawn"
    );
    s
}

criterion_group!(
    benches, feeds, fulltext, open, extraction, listing, interview, layout, frame, store
);
criterion_main!(benches);

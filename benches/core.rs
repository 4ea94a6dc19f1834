//! `cargo bench --bench core`: parsing, extraction, interview recognition and the store.
//!
//! Throughputs are reported in bytes per second of input; compare figures within one run (the machine
//! is shared, absolute times are noise).

use blatt::parse::{self, KindHint};
use blatt::store::{Query, Store};
use blatt::synth;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;

fn feeds(c: &mut Criterion) {
    let feed = synth::feed(1, 10_000);
    let mut g = c.benchmark_group("feed");
    g.throughput(Throughput::Bytes(feed.len() as u64));
    g.sample_size(10);
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
    let mut g = c.benchmark_group("extraction");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
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

fn interview(c: &mut Criterion) {
    let page = synth::interview_page(7, 100_000);
    let mut g = c.benchmark_group("interview");
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.sample_size(10);
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
    g.finish();
}

fn store(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut g = c.benchmark_group("store");
    g.sample_size(10);
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

criterion_group!(benches, feeds, extraction, interview, store);
criterion_main!(benches);

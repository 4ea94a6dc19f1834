//! Where a cold `blatt reload` spends its time: fetching and parsing every source (no store), then
//! writing the results into an empty store the way `blatt reload` does (batches of results, one
//! transaction each), then the first search (which indexes the new items), timed apart.
//!
//! ```sh
//! cargo run --release --example feedserver -- --feeds 200 --items 50 --urls urls.txt &
//! cargo run --release --example reload_phases -- --urls urls.txt [--concurrency 16] [--runs 3]
//! ```
//! Prints the median of each phase (milliseconds), the CPU time of the process, and how many bytes
//! the store's files hold afterwards.

use blatt::reload::{self, Done, Job, Limits};
use blatt::store::Store;
use std::time::Instant;

fn cpu_ms() -> f64 {
    // utime + stime of this process, from /proc/self/stat (clock ticks of 10 ms)
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = s.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let t = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (t(11) + t(12)) * 10.0
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let urls: Vec<String> =
        std::fs::read_to_string(arg("--urls").unwrap_or_else(|| "urls.txt".into()))?
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect();
    let concurrency: usize = arg("--concurrency")
        .and_then(|c| c.parse().ok())
        .unwrap_or(16);
    let runs: usize = arg("--runs").and_then(|c| c.parse().ok()).unwrap_or(3);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let mut fetch_ms = Vec::new();
    let mut apply_ms = Vec::new();
    let mut fetch_cpu = Vec::new();
    let mut apply_cpu = Vec::new();
    let mut search_ms = Vec::new();
    let mut search_cpu = Vec::new();
    let mut size = 0u64;
    for _ in 0..runs {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("blatt.db");
        let mut store = Store::open(&path)?;
        let jobs: Vec<Job> = urls
            .iter()
            .map(|u| {
                let id = store.upsert_source(u, None, "feed").expect("source");
                Job {
                    source_id: id,
                    url: u.clone(),
                    hint: blatt::parse::KindHint::Feed,
                    etag: None,
                    last_modified: None,
                }
            })
            .collect();
        let client = blatt::fetch::Client::new(blatt::fetch::Options::default())?;
        let c0 = cpu_ms();
        let t0 = Instant::now();
        let done: Vec<Done> = rt.block_on(async {
            let (tx, mut rx) = tokio::sync::mpsc::channel(reload::QUEUE);
            let runner = tokio::spawn(reload::run(
                client,
                jobs,
                Limits {
                    concurrency,
                    per_host: concurrency,
                },
                tx,
            ));
            let mut v = Vec::new();
            while let Some(d) = rx.recv().await {
                v.push(d);
            }
            let _ = runner.await;
            v
        });
        fetch_ms.push(t0.elapsed().as_secs_f64() * 1000.0);
        fetch_cpu.push(cpu_ms() - c0);
        let failed = done.iter().filter(|d| d.result.is_err()).count();
        assert_eq!(failed, 0, "every source answered");
        let c1 = cpu_ms();
        let t1 = Instant::now();
        // in batches of up to 256 results, one transaction each, as `blatt reload` writes them
        for batch in done.chunks(256) {
            for r in reload::apply_all(&mut store, batch, reload::now()) {
                r?;
            }
        }
        apply_ms.push(t1.elapsed().as_secs_f64() * 1000.0);
        apply_cpu.push(cpu_ms() - c1);
        let c2 = cpu_ms();
        let t2 = Instant::now();
        let hits = store.items(&blatt::store::Query {
            text: Some("rathaus".into()),
            ..blatt::store::Query::default()
        })?;
        assert!(!hits.is_empty(), "the search finds the synthetic words");
        search_ms.push(t2.elapsed().as_secs_f64() * 1000.0);
        search_cpu.push(cpu_ms() - c2);
        drop(store);
        size = std::fs::read_dir(dir.path())?
            .flatten()
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum();
    }
    let med = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "{} sources, concurrency {concurrency}; median of {runs} runs",
        urls.len()
    );
    println!(
        "  fetch + parse (no store):              {:>8.1} ms wall {:>8.1} ms CPU",
        med(fetch_ms),
        med(fetch_cpu)
    );
    println!(
        "  apply to the store (256 per tx):       {:>8.1} ms wall {:>8.1} ms CPU",
        med(apply_ms),
        med(apply_cpu)
    );
    println!(
        "  first search (indexes the new items):  {:>8.1} ms wall {:>8.1} ms CPU",
        med(search_ms),
        med(search_cpu)
    );
    println!("  store files afterwards: {:.1} MB", size as f64 / 1e6);
    Ok(())
}

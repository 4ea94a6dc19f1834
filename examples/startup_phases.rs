//! Where the reader's start-up time goes: the steps `blatt` (the reader over the configured sources)
//! takes before its first frame, and the ones it takes right after it (before the first key), timed
//! one by one, the frames drawn on ratatui's TestBackend in 120×40. The resident memory after each
//! step shows what the full list costs.
//!
//! ```sh
//! XDG_DATA_HOME=… cargo run --release --example startup_phases -- --config blatt.toml [--runs 5]
//! ```
//! Uses the store at the default path (`$XDG_DATA_HOME/blatt/blatt.db`); fill it first with
//! `blatt --config blatt.toml reload`. Prints the median of every step over `--runs` runs (milliseconds).

use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let cfg_path = std::path::PathBuf::from(arg("--config").unwrap_or_else(|| "blatt.toml".into()));
    let runs: usize = arg("--runs").and_then(|r| r.parse().ok()).unwrap_or(5);
    let db = blatt::config::default_db_path().ok_or_else(|| anyhow::anyhow!("no data folder"))?;
    let mut table: Vec<(&'static str, Vec<f64>, (u64, u64))> = Vec::new();
    let (mut items_n, mut sources_n) = (0, 0);
    for _ in 0..runs {
        let mut step = Vec::new();
        let mut t = Instant::now();
        let mut lap = |name: &'static str, t: &mut Instant| {
            step.push((name, t.elapsed().as_secs_f64() * 1000.0, rss_kib()));
            *t = Instant::now();
        };
        let cfg = blatt::config::load(&cfg_path, true)?;
        let keymap = cfg.keymap().map_err(|e| anyhow::anyhow!(e))?;
        lap("config and keymap", &mut t);
        let mut store = blatt::store::Store::open(&db)?;
        lap("store open", &mut t);
        let rows = blatt::cli::sync_sources(&cfg, &mut store)?;
        lap("sync sources (read, no write)", &mut t);
        sources_n = rows.len();
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let first = blatt::startup::first_screen_items(&store, &ids, 40)?;
        lap("first screenful + counts", &mut t);
        items_n = first.len();
        let mut state =
            blatt::app::State::library(&rows, Vec::new(), 0, blatt::reload::now(), 120, 40);
        blatt::startup::fill(&mut state, first);
        state.keymap = keymap.clone();
        state.refresh();
        lap("the list state (startup::fill)", &mut t);
        let theme = blatt::ui::Theme::from_config(cfg.theme.name);
        let mut term =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
        term.draw(|f| blatt::ui::view(&state, &theme, f))?;
        lap("first frame (TestBackend)", &mut t);
        blatt::startup::fill_all(&mut state, &store, &ids)?;
        lap("after it: every item into the list", &mut t);
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        lap("after it: tokio runtime", &mut t);
        let c1 = blatt::fetch::Client::new(blatt::fetch::Options::default())?;
        let c2 = blatt::fetch::Client::new(blatt::fetch::Options::default())?;
        lap("after it: 2 × fetch::Client::new", &mut t);
        term.draw(|f| blatt::ui::view(&state, &theme, f))?;
        lap("after it: second frame", &mut t);
        drop((c1, c2, rt, state, store));
        lap("drop all", &mut t);
        for (name, ms, kib) in step {
            match table.iter_mut().find(|(n, _, _)| *n == name) {
                Some((_, v, k)) => {
                    v.push(ms);
                    *k = kib;
                }
                None => table.push((name, vec![ms], kib)),
            }
        }
    }
    println!(
        "{sources_n} sources, {items_n} items; median of {runs} runs (ms); resident memory after the step \
         in the last run (now / peak, MiB)"
    );
    let mut total = 0.0;
    for (name, mut v, (now, peak)) in table {
        v.sort_by(f64::total_cmp);
        let m = v[v.len() / 2];
        if !name.starts_with("after it") && name != "drop all" {
            total += m;
        }
        println!(
            "  {name:<38} {m:>8.2}   {:>6.1} / {:>6.1}",
            now as f64 / 1024.0,
            peak as f64 / 1024.0
        );
    }
    println!("  {:<38} {total:>8.2}", "sum before the first frame");
    Ok(())
}

/// This process's resident memory now and at its peak (`VmRSS`, `VmHWM`), in KiB.
fn rss_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

//! Where the reader's start-up time goes: the steps `blatt` (the reader over the configured sources)
//! takes before its first frame, timed one by one, the first frame drawn on ratatui's TestBackend.
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
    let mut table: Vec<(&'static str, Vec<f64>)> = Vec::new();
    let (mut items_n, mut sources_n) = (0, 0);
    for _ in 0..runs {
        let mut step = Vec::new();
        let mut t = Instant::now();
        let mut lap = |name: &'static str, t: &mut Instant| {
            step.push((name, t.elapsed().as_secs_f64() * 1000.0));
            *t = Instant::now();
        };
        let cfg = blatt::config::load(&cfg_path, true)?;
        let keymap = cfg.keymap().map_err(|e| anyhow::anyhow!(e))?;
        lap("config and keymap", &mut t);
        let store = blatt::store::Store::open(&db)?;
        lap("store open", &mut t);
        let mut rows = Vec::new();
        for s in &cfg.sources {
            let id = store.upsert_source(&s.url, s.name.as_deref(), s.kind.as_str())?;
            if let Some(r) = store.source(id)? {
                if !rows.iter().any(|x: &blatt::store::SourceRow| x.id == r.id) {
                    rows.push(r);
                }
            }
        }
        lap("upsert + read every source", &mut t);
        sources_n = rows.len();
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let all = store.items(&blatt::store::Query::default())?;
        lap("store.items(all)", &mut t);
        let items: Vec<_> = all
            .into_iter()
            .filter(|i| ids.contains(&i.source_id))
            .collect();
        items_n = items.len();
        lap("filter by configured ids", &mut t);
        let mut state = blatt::app::State::library(&rows, items, 0, blatt::reload::now(), 120, 40);
        state.keymap = keymap;
        state.refresh();
        lap("State::library + refresh", &mut t);
        let theme = blatt::ui::Theme::from_config(cfg.theme.name);
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        lap("theme + tokio runtime", &mut t);
        let c1 = blatt::fetch::Client::new(blatt::fetch::Options::default())?;
        let c2 = blatt::fetch::Client::new(blatt::fetch::Options::default())?;
        lap("2 × fetch::Client::new (TLS roots)", &mut t);
        let mut term =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
        term.draw(|f| blatt::ui::view(&state, &theme, f))?;
        lap("first frame (TestBackend)", &mut t);
        drop((c1, c2, rt, state, store));
        lap("drop all", &mut t);
        for (name, ms) in step {
            match table.iter_mut().find(|(n, _)| *n == name) {
                Some((_, v)) => v.push(ms),
                None => table.push((name, vec![ms])),
            }
        }
    }
    println!("{sources_n} sources, {items_n} items; median of {runs} runs (ms):");
    let mut total = 0.0;
    for (name, mut v) in table {
        v.sort_by(f64::total_cmp);
        let m = v[v.len() / 2];
        if name != "drop all" {
            total += m;
        }
        println!("  {name:<38} {m:>8.2}");
    }
    println!("  {:<38} {total:>8.2}", "sum before the first frame");
    Ok(())
}

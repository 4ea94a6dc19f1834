//! `blatt sync`: one two-way sync with the server in `[sync]`, a progress line on stderr when it is
//! a terminal, then a summary (sources, new items, marks pushed and pulled, failures).

use super::CliError;
use crate::sync::engine::{self, Db, Summary};
use crate::sync::Remote;

/// `blatt sync`. An unreachable server, a refused login or a failing store is an error (exit 1;
/// queued marks stay queued); marks the server refused are counted in [`Summary::rejected`].
pub fn sync(explicit_config: Option<&std::path::Path>) -> Result<Summary, CliError> {
    use std::io::IsTerminal;
    let cfg = super::load_config(explicit_config)?;
    let Some(sync) = cfg.sync.clone() else {
        return Err(CliError(
            "no [sync] in the config: add one for FreshRSS, Miniflux or Tiny Tiny RSS (see `blatt config --default`)".into(),
        ));
    };
    let label = crate::sync::server_label(&sync);
    let password = crate::sync::password::password(&sync).map_err(|e| CliError(e.to_string()))?;
    let mut remote = Remote::connect(
        &sync,
        &password,
        std::time::Duration::from_secs(cfg.reload.timeout),
    )
    .map_err(|e| CliError(format!("sync with {label}: {e}")))?;
    let store = super::open_store()?;
    let (db, handle) = Db::spawn(store);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError(format!("cannot start the runtime: {e}")))?;
    let tty = std::io::stderr().is_terminal();
    let progress = move |p: engine::Progress| {
        if tty {
            eprint!("\r\x1b[2K{p}");
        }
    };
    let server = engine::identity(&sync);
    let result = rt.block_on(remote.sync(&db, &server, &progress));
    if tty {
        eprint!("\r\x1b[2K");
    }
    let queued = rt
        .block_on(db.call(|s| s.pending_mark_count()))
        .unwrap_or(0);
    drop(db);
    // every write is done before the summary
    let _ = handle.join();
    match result {
        Ok(sum) => {
            eprintln!("sync with {label}: {}", sum.line());
            Ok(sum)
        }
        Err(e) => {
            let kept = if queued > 0 {
                format!(
                    " ({queued} {} queued for the next sync)",
                    if queued == 1 {
                        "mark stays"
                    } else {
                        "marks stay"
                    }
                )
            } else {
                String::new()
            };
            Err(CliError(format!("sync with {label}: {e}{kept}")))
        }
    }
}

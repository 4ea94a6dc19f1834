//! Faults under the reader itself, in a pseudo-terminal: a full disk during a reload started with
//! `r` is reported on the status line, the teasers already stored stay on screen, the reader keeps
//! answering keys, and on quit the terminal is back in its normal mode.

mod fault_server;
mod hostile_pty;

use fault_server::{big_feed, good_feed, Fault, FaultServer};
use hostile_pty::{status_line, Pty};
use std::process::Command;

#[test]
fn the_reader_keeps_running_on_a_full_disk() {
    let server = FaultServer::start(vec![
        (
            "/small.xml",
            Fault::ok("application/rss+xml", good_feed("Klein")),
        ),
        ("/big.xml", Fault::ok("application/rss+xml", big_feed())),
    ]);
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    let config_dir = h.join("config/blatt");
    std::fs::create_dir_all(&config_dir).expect("config dir");
    let config = config_dir.join("config.toml");
    std::fs::write(
        &config,
        format!("[[source]]\nurl = \"{}\"\n", server.url("/small.xml")),
    )
    .expect("config");
    // the small source stored by a headless reload, in the home the reader will use
    let out = Command::new(env!("CARGO_BIN_EXE_blatt"))
        .arg("reload")
        .env("HOME", h)
        .env("XDG_CONFIG_HOME", h.join("config"))
        .env("XDG_DATA_HOME", h.join("data"))
        .env("XDG_STATE_HOME", h.join("state"))
        .env("NO_COLOR", "1")
        .output()
        .expect("run blatt reload");
    assert!(out.status.success(), "{out:?}");
    let db = h.join("data/blatt/blatt.db");
    // (WAL checkpointed when blatt closed it: the file holds every page)
    let pages: i64 = rusqlite::Connection::open(&db)
        .expect("the database")
        .pragma_query_value(None, "page_count", |r| r.get(0))
        .expect("page count");
    // now both sources, and a database that may not grow
    std::fs::write(
        &config,
        format!(
            "[[source]]\nurl = \"{}\"\n\n[[source]]\nurl = \"{}\"\n",
            server.url("/small.xml"),
            server.url("/big.xml")
        ),
    )
    .expect("config");
    let pages = pages.max(1).to_string();
    let mut t = Pty::start_in(home, &[], &[("BLATT_MAX_DB_PAGES", &pages)], 120, 30);
    t.wait("the stored teaser", |sc| {
        sc.alternate_screen() && sc.contents().contains("Oberau eröffnet das Bürgerbüro")
    });
    assert!(!t.cooked(), "the reader runs in raw mode");
    // the reader reloads by itself (the new source was never fetched); should it not within a few
    // seconds, `r` asks for it. Either way the status line ends up saying the disk is full.
    let full = |sc: &vt100::Screen| status_line(sc).to_lowercase().contains("full");
    let start = std::time::Instant::now();
    while !full(&t.screen()) && start.elapsed() < std::time::Duration::from_secs(5) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    if !full(&t.screen()) {
        t.send("r");
    }
    let sc = t.wait("the full-disk error on the status line", full);
    let status = status_line(&sc);
    assert!(!status.contains("panicked"), "{status}");
    assert!(
        sc.contents().contains("Oberau eröffnet das Bürgerbüro"),
        "the stored teaser went away:\n{}",
        sc.contents()
    );
    assert!(
        !sc.contents().contains("Meldung 1 aus Nordheim"),
        "a teaser of the failed batch is shown:\n{}",
        sc.contents()
    );
    // still answering keys: the help overlay opens and closes, the article opens
    t.send("?");
    t.wait("the help overlay", |sc| sc.contents().contains("quit"));
    t.send("?");
    t.send("l");
    t.wait("the article", |sc| sc.contents().contains("Bürgerbüro"));
    t.send("q");
    assert!(
        t.wait_exit(),
        "blatt exited with an error after the full disk"
    );
    assert!(t.cooked(), "raw mode left on after quitting");
    // the database still opens with the old data
    let store = blatt::store::Store::open(&db).expect("the database still opens");
    let items = store
        .items(&blatt::store::Query::default())
        .expect("the items");
    assert_eq!(items.len(), 1, "{items:?}");
}

//! `blatt reload` end to end: the real binary, a real SQLite file in a temporary folder, a real HTTP
//! server on 127.0.0.1 answering 200, 304 with validators, 404, 500, slowly and never.

mod reload_server;

use blatt::store::{Query, Store};
use reload_server::Server;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("data/blatt/blatt.db")
    }

    fn write_config(&self, sources: &[String], extra: &str) {
        let mut t = String::from(extra);
        for s in sources {
            t.push_str(&format!("\n[[source]]\nurl = \"{s}\"\n"));
        }
        std::fs::write(self.config(), t).unwrap();
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_blatt"));
        c.args(args)
            .arg("--config")
            .arg(self.config())
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("cfg"))
            .env_remove("BLATT_TIMEOUT_SECS");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run blatt")
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn open(path: &Path) -> Store {
    Store::open(path).expect("the database opens")
}

#[test]
fn statuses_validators_timeouts_and_marks() {
    let server = Server::start();
    server.shared.slow_ms.store(300, Ordering::SeqCst);
    let home = Home::new();
    let sources = vec![
        server.url("/feed/rathaus.xml"),
        server.url("/feed/schule.xml"),
        server.url("/slow/kreis.xml"),
        server.url("/404"),
        server.url("/500"),
        server.url("/never"),
    ];
    home.write_config(&sources, "[reload]\ntimeout = 8\nconcurrency = 4\n");

    let out = home.run(&["reload"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(out.stdout.is_empty(), "the summary goes to stderr");
    assert!(
        !err.contains("reloading "),
        "no progress when not a terminal: {err}"
    );
    assert!(
        err.contains("6 sources: 15 new items, 0 updated, 0 unchanged (304), 3 failed"),
        "{err}"
    );
    assert!(err.contains("/404 — ") && err.contains("404"), "{err}");
    assert!(err.contains("/500 — ") && err.contains("500"), "{err}");
    let never_line = err.lines().find(|l| l.contains("/never")).expect("never");
    assert!(never_line.to_lowercase().contains("time"), "{never_line}");

    let store = open(&home.db());
    let rows = store.sources().unwrap();
    assert_eq!(rows.len(), 6);
    let by = |p: &str| rows.iter().find(|r| r.url.ends_with(p)).unwrap().clone();
    assert_eq!(by("rathaus.xml").etag.as_deref(), Some("\"rathaus-e0\""));
    assert!(by("rathaus.xml").last_error.is_none());
    assert!(by("/404").last_error.as_deref().unwrap().contains("404"));
    assert!(by("/never").last_fetch.is_some());
    assert_eq!(store.item_count().unwrap(), 15);
    // the reader's marks, set through the store
    let items = store.items(&Query::default()).unwrap();
    let marked: Vec<i64> = items.iter().take(4).map(|i| i.id).collect();
    for id in &marked {
        store.set_read(*id, true).unwrap();
    }
    store.set_starred(marked[0], true).unwrap();
    drop(store);

    // second run: conditional requests, 304s
    let before = server.seen().len();
    let out = home.run(&["reload"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("6 sources: 0 new items, 0 updated, 3 unchanged (304), 3 failed"),
        "{err}"
    );
    let second = &server.seen()[before..];
    let rathaus = second
        .iter()
        .find(|s| s.path == "/feed/rathaus.xml")
        .unwrap();
    assert_eq!(rathaus.if_none_match.as_deref(), Some("\"rathaus-e0\""));

    // third run: new content (one new item per feed); the marks stay
    server.shared.edition.store(1, Ordering::SeqCst);
    let out = home.run(&["reload"]);
    let err = stderr(&out);
    assert!(
        err.contains("6 sources: 3 new items, 12 updated, 0 unchanged (304), 3 failed"),
        "{err}"
    );
    let store = open(&home.db());
    assert_eq!(store.item_count().unwrap(), 18);
    let items = store.items(&Query::default()).unwrap();
    for id in &marked {
        assert!(items.iter().find(|i| i.id == *id).unwrap().read);
    }
    assert!(items.iter().find(|i| i.id == marked[0]).unwrap().starred);
    assert_eq!(items.iter().filter(|i| i.read).count(), 4);
}

#[test]
fn exit_status_is_1_when_every_source_fails() {
    let server = Server::start();
    let home = Home::new();
    home.write_config(&[server.url("/404"), server.url("/500")], "");
    let out = home.run(&["reload"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("all 2 sources failed"), "{err}");
    // and with no sources at all: a hint, not a crash
    home.write_config(&[], "");
    let out = home.run(&["reload"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no sources configured"));
}

#[test]
fn a_reload_killed_midway_leaves_a_database_with_every_read_mark() {
    let server = Server::start();
    let home = Home::new();
    let sources: Vec<String> = (0..40)
        .map(|i| server.url(&format!("/feed/ort{i}.xml")))
        .collect();
    home.write_config(&sources, "[reload]\nconcurrency = 4\ntimeout = 60\n");
    let out = home.run(&["reload"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let store = open(&home.db());
    assert_eq!(store.item_count().unwrap(), 200);
    // every third item read, every seventh starred
    let items = store.items(&Query::default()).unwrap();
    let read: Vec<i64> = items.iter().step_by(3).map(|i| i.id).collect();
    let starred: Vec<i64> = items.iter().step_by(7).map(|i| i.id).collect();
    for id in &read {
        store.set_read(*id, true).unwrap();
    }
    for id in &starred {
        store.set_starred(*id, true).unwrap();
    }
    let first_fetch = store
        .sources()
        .unwrap()
        .iter()
        .filter_map(|s| s.last_fetch)
        .max()
        .unwrap();
    drop(store);

    // new content, answered slowly: a second reload that takes a while
    server.shared.edition.store(1, Ordering::SeqCst);
    server.shared.slow_ms.store(250, Ordering::SeqCst);
    server.shared.all_slow.store(true, Ordering::SeqCst);
    // so the new fetches have a later time (seconds)
    while blatt::reload::now() <= first_fetch {
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut child = home
        .command(&["reload"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // kill it once some sources are stored, well before all are
    let start = Instant::now();
    let stored = loop {
        let n = open(&home.db())
            .sources()
            .unwrap()
            .iter()
            .filter(|s| s.last_fetch.is_some_and(|t| t > first_fetch))
            .count();
        if n >= 4 {
            break n;
        }
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "the reload never stored a source"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    child.kill().expect("SIGKILL"); // Child::kill is SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success());
    assert!(stored < 40);

    let store = open(&home.db());
    let check: String = rusqlite::Connection::open(home.db())
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let items = store.items(&Query::default()).unwrap();
    assert!(
        items.len() > 200,
        "some new items were stored: {} {:?}",
        items.len(),
        store.sources().unwrap()
    );
    for id in &read {
        assert!(
            items.iter().find(|i| i.id == *id).unwrap().read,
            "item {id}"
        );
    }
    for id in &starred {
        assert!(items.iter().find(|i| i.id == *id).unwrap().starred);
    }
    // every source is either all old or all new: one transaction per source
    for s in store.sources().unwrap() {
        let own: Vec<_> = items.iter().filter(|i| i.source_id == s.id).collect();
        let expect = if s.last_fetch.unwrap() > first_fetch {
            6
        } else {
            5
        };
        assert_eq!(own.len(), expect, "{}", s.url);
    }
}

#[test]
fn two_reloads_at_once_on_a_new_database() {
    let server = Server::start();
    let home = Home::new();
    let sources: Vec<String> = (0..12)
        .map(|i| server.url(&format!("/feed/dorf{i}.xml")))
        .collect();
    home.write_config(&sources, "");
    let children: Vec<_> = (0..2)
        .map(|_| {
            home.command(&["reload"])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).contains("0 failed"), "{}", stderr(&out));
    }
    let store = open(&home.db());
    assert_eq!(store.item_count().unwrap(), 60);
    assert_eq!(
        store.schema_version().unwrap(),
        blatt::store::MIGRATIONS.len() as i64
    );
}

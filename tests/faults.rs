//! Network faults against a real (misbehaving) server on 127.0.0.1, through the real binary: each
//! ends with one clear line on stderr and exit status 1; in a `blatt reload` over several faulty
//! sources and a good one, the good one is stored and the summary gives every failure its reason.
//!
//! Complements tests/cli_http.rs (404, refused, large bodies with and without a length, a gzip bomb,
//! a redirect chain, a hanging server): here a trickle against the total timeout, an endless body, a
//! redirect loop, a redirect to `file:`, 410, 429 with Retry-After, 500, a reset mid-body and a
//! truncated gzip stream.

mod fault_server;

use fault_server::{big_feed, good_feed, gzip, Fault, FaultServer};
use std::process::Command;
use std::time::Duration;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// The HTTP timeout of every run, seconds: what the silent and trickling sources must hit, and far
/// more than a good source needs even on a busy machine (the 16 MiB cap must be reached before it).
macro_rules! timeout_secs {
    () => {
        6
    };
}
const TIMEOUT_SECS: u64 = timeout_secs!();
const TIMED_OUT: &str = concat!("timed out after ", timeout_secs!(), " s");

fn blatt(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_blatt"));
    cmd.args(args)
        .env("BLATT_TIMEOUT_SECS", TIMEOUT_SECS.to_string())
        .env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run blatt");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Exit status 1, nothing on stdout, one line on stderr with `want`, no panic, no control character.
fn assert_error(r: &Run, want: &str) {
    assert_eq!(r.code, Some(1), "stderr: {}", r.stderr);
    assert!(r.stdout.is_empty(), "stdout: {}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "one line: {:?}", r.stderr);
    assert!(r.stderr.starts_with("blatt: "), "{:?}", r.stderr);
    assert!(r.stderr.contains(want), "want {want:?} in {:?}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(
        !r.stderr.trim_end().chars().any(|c| c.is_control()),
        "{:?}",
        r.stderr
    );
}

/// Every fault of the issue, as (path, fault, what the one-line error must say).
fn faults() -> Vec<(&'static str, Fault, &'static str)> {
    let feed = good_feed("Kaputt");
    let gz = gzip(feed.as_bytes());
    let bomb = gzip(&vec![b' '; 40 * 1024 * 1024]);
    vec![
        ("/silent", Fault::Silent, TIMED_OUT),
        (
            "/trickle",
            Fault::Trickle {
                len: 60,
                pause: Duration::from_secs(1),
            },
            TIMED_OUT,
        ),
        (
            "/endless",
            Fault::Endless {
                content_type: "text/html".into(),
                max: 64 * 1024 * 1024,
            },
            "response larger than 16 MiB",
        ),
        (
            "/bomb",
            Fault::response(
                "200 OK",
                &[
                    ("Content-Type", "application/rss+xml"),
                    ("Content-Encoding", "gzip"),
                ],
                &bomb,
            ),
            "response larger than 16 MiB",
        ),
        (
            "/loop",
            Fault::redirect("302 Found", "/loop"),
            "too many redirects",
        ),
        (
            "/to-file",
            Fault::redirect("301 Moved Permanently", "file:///etc/passwd"),
            "refusing to follow a redirect to a file: URL",
        ),
        (
            "/gone",
            Fault::response("410 Gone", &[], b"gone"),
            "HTTP 410 Gone",
        ),
        (
            "/busy",
            Fault::response("429 Too Many Requests", &[("Retry-After", "120")], b""),
            "HTTP 429 Too Many Requests (retry after 120)",
        ),
        (
            "/broken",
            Fault::response("500 Internal Server Error", &[], b"oops"),
            "HTTP 500 Internal Server Error",
        ),
        (
            "/missing",
            Fault::response("404 Not Found", &[], b"no"),
            "HTTP 404 Not Found",
        ),
        (
            "/reset",
            Fault::Reset {
                announced: 100_000,
                sent: feed.as_bytes()[..120].to_vec(),
            },
            "network error",
        ),
        (
            "/truncated-gzip",
            Fault::raw_response(
                "200 OK",
                &[
                    ("Content-Type", "application/rss+xml"),
                    ("Content-Encoding", "gzip"),
                ],
                &gz[..gz.len() / 2],
                None,
            ),
            "network error",
        ),
    ]
}

#[test]
fn every_fault_is_one_clear_line_and_exit_1() {
    let list = faults();
    let server = FaultServer::start(list.iter().map(|(p, f, _)| (*p, f.clone())).collect());
    for (path, _, want) in &list {
        let url = server.url(path);
        assert_error(&blatt(&["teasers", &url], &[]), want);
        assert_error(&blatt(&["read", &url, "--format", "json"], &[]), want);
    }
}

#[test]
fn reload_keeps_going_past_faulty_sources() {
    let list = faults();
    let mut routes: Vec<(&str, Fault)> = list.iter().map(|(p, f, _)| (*p, f.clone())).collect();
    routes.push((
        "/good.xml",
        Fault::ok("application/rss+xml", good_feed("Gute Quelle")),
    ));
    let server = FaultServer::start(routes);
    let home = tempfile::tempdir().expect("temp dir");
    let config = home.path().join("config.toml");
    let mut toml =
        format!("[reload]\ntimeout = {TIMEOUT_SECS}\nconcurrency = 16\nper_host = 16\n\n");
    for (path, _, _) in &list {
        toml.push_str(&format!("[[source]]\nurl = \"{}\"\n\n", server.url(path)));
    }
    toml.push_str(&format!(
        "[[source]]\nurl = \"{}\"\n",
        server.url("/good.xml")
    ));
    std::fs::write(&config, toml).expect("write config");
    let env = [
        ("HOME", home.path().to_str().expect("utf-8 path")),
        (
            "XDG_DATA_HOME",
            &*home.path().join("data").to_string_lossy(),
        ),
        (
            "XDG_CONFIG_HOME",
            &*home.path().join("config").to_string_lossy(),
        ),
        (
            "XDG_STATE_HOME",
            &*home.path().join("state").to_string_lossy(),
        ),
    ]
    .map(|(k, v)| (k, v.to_string()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = blatt(
        &["reload", "--config", config.to_str().expect("utf-8")],
        &env,
    );
    // some sources worked: exit 0, with a summary of the failures on stderr
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    let n = list.len() + 1;
    assert!(
        r.stderr.contains(&format!(
            "{n} sources: 1 new items, 0 updated, 0 unchanged (304), {} failed",
            list.len()
        )),
        "{}",
        r.stderr
    );
    for (path, _, want) in &list {
        let url = server.url(path);
        let line = r
            .stderr
            .lines()
            .find(|l| l.starts_with(&format!("  failed: {url} — ")))
            .unwrap_or_else(|| panic!("no failure line for {url} in:\n{}", r.stderr));
        assert!(line.contains(want), "{path}: want {want:?} in {line:?}");
    }
    assert!(!r.stderr.contains(&server.url("/good.xml")), "{}", r.stderr);
    // the good source's item is in the store, and only its item
    let db = home.path().join("data/blatt/blatt.db");
    let store = blatt::store::Store::open(&db).expect("the store opens");
    assert_eq!(store.sources().expect("sources").len(), n);
    let items = store.items(&blatt::store::Query::default()).expect("items");
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].teaser.title, "Oberau eröffnet das Bürgerbüro");
}

/// A full disk during `blatt reload`: the database cannot grow (SQLite `max_page_count`), the reload
/// reports the error and exits 1, and everything stored before is still there.
///
/// Needs a hidden env var in `Store::open` (src/store.rs): `BLATT_MAX_DB_PAGES=N` sets
/// `PRAGMA max_page_count = N` (patch in the hostile report).
#[test]
fn reload_on_a_full_disk_keeps_the_old_data() {
    let big = big_feed();
    let server = FaultServer::start(vec![
        (
            "/small.xml",
            Fault::ok("application/rss+xml", good_feed("Klein")),
        ),
        ("/big.xml", Fault::ok("application/rss+xml", &big)),
    ]);
    let home = tempfile::tempdir().expect("temp dir");
    let config = home.path().join("config.toml");
    let data = home.path().join("data");
    let env_owned = [
        ("HOME", home.path().display().to_string()),
        ("XDG_DATA_HOME", data.display().to_string()),
        (
            "XDG_STATE_HOME",
            home.path().join("state").display().to_string(),
        ),
    ];
    let cfg = config.to_str().expect("utf-8");
    std::fs::write(
        &config,
        format!("[[source]]\nurl = \"{}\"\n", server.url("/small.xml")),
    )
    .expect("config");
    let env: Vec<(&str, &str)> = env_owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = blatt(&["reload", "--config", cfg], &env);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let db = data.join("blatt/blatt.db");
    let pages: i64 = {
        let s = blatt::store::Store::open(&db).expect("store");
        drop(s);
        rusqlite_page_count(&db)
    };
    // now the big feed, with the database not allowed to grow
    std::fs::write(
        &config,
        format!(
            "[[source]]\nurl = \"{}\"\n\n[[source]]\nurl = \"{}\"\n",
            server.url("/small.xml"),
            server.url("/big.xml")
        ),
    )
    .expect("config");
    let pages_s = pages.to_string();
    let mut env2 = env.clone();
    env2.push(("BLATT_MAX_DB_PAGES", &pages_s));
    let r = blatt(&["reload", "--config", cfg], &env2);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(
        r.stderr.to_lowercase().contains("full"),
        "the error says the disk is full: {}",
        r.stderr
    );
    let store = blatt::store::Store::open(&db).expect("the database still opens");
    let items = store.items(&blatt::store::Query::default()).expect("items");
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].teaser.title, "Oberau eröffnet das Bürgerbüro");
}

fn rusqlite_page_count(db: &std::path::Path) -> i64 {
    // the page count through the store's own API is not public: read the file size instead
    let len = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    ((len / 4096) as i64).max(1)
}

//! The store on real SQLite files: migrations from an older schema, two processes marking items read at
//! once, a full database that keeps the old data.

use blatt::document::{Article, Block, Item, Listing, Teaser};
use blatt::store::{migrate_to, Query, Store, StoreError, MIGRATIONS};
use std::path::Path;
use std::process::Command;

fn listing(prefix: &str, n: usize) -> Listing {
    Listing {
        title: Some("Kreisblatt Nordheim".into()),
        feeds: vec![],
        items: (0..n)
            .map(|i| Item {
                teaser: Teaser {
                    title: format!("{prefix} {i}: Neues aus dem Rathaus"),
                    url: Some(format!("https://blatt.example/{prefix}/{i}")),
                    published: Some(format!("2026-10-{:02}", 1 + i % 28)),
                    summary: Some(format!(
                        "Zusammenfassung {i} über Glasfaser und Bürgerportale."
                    )),
                    ..Teaser::default()
                },
                guid: Some(format!("{prefix}-{i}")),
                article: Some(Article {
                    title: format!("{prefix} {i}"),
                    blocks: vec![Block::paragraph(format!("Absatz {i} mit Text."))],
                    ..Article::default()
                }),
            })
            .collect(),
    }
}

#[test]
fn migrates_a_version_1_database_keeping_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blatt.db");
    {
        // a database as the first release left it: schema 1 only
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrate_to(&mut conn, 1).unwrap();
        conn.execute(
            "INSERT INTO sources (id, url) VALUES (1, 'https://blatt.example/feed')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO items (source_id, key, title, summary, read, starred, first_seen)
             VALUES (1, 'g:1', 'Oberau digitalisiert das Bauamt', 'Bauanträge online', 1, 1, 0)",
            [],
        )
        .unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1);
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
    let items = store.items(&Query::default()).unwrap();
    assert_eq!(items.len(), 1);
    assert!(items[0].read && items[0].starred);
    // the migration indexed the old items for the filter
    let hits = store
        .items(&Query {
            text: Some("bauamt".into()),
            ..Query::default()
        })
        .unwrap();
    assert_eq!(hits.len(), 1);
}

#[test]
fn refuses_a_database_from_a_newer_blatt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blatt.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    match Store::open(&path) {
        Err(StoreError::TooNew { found: 99, .. }) => {}
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("opened a database of schema 99"),
    }
}

/// The worker half of `two_processes_mark_read_and_lose_nothing`: runs only when the parent sets
/// BLATT_TEST_WORKER (as `db path:parity`), marking every item whose id has that parity read, one
/// transaction each, while the other process does the same with the other parity.
#[test]
fn worker_marks_items_read() {
    let Ok(spec) = std::env::var("BLATT_TEST_WORKER") else {
        return;
    };
    let (path, parity) = spec.rsplit_once(':').unwrap();
    let parity: i64 = parity.parse().unwrap();
    let store = Store::open(Path::new(path)).unwrap();
    let mut store_writer = Store::open(Path::new(path)).unwrap();
    for it in store.items(&Query::default()).unwrap() {
        if it.id % 2 == parity {
            store.set_read(it.id, true).unwrap();
        }
        // meanwhile a reload of the same source rewrites every item (as `blatt reload` would)
        if it.id % 50 == 0 {
            store_writer
                .apply_listing(1, &listing("m", 400), None, None, 2)
                .unwrap();
        }
    }
}

#[test]
fn two_processes_mark_read_and_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blatt.db");
    {
        let mut s = Store::open(&path).unwrap();
        let src = s
            .upsert_source("https://blatt.example/m", None, "auto")
            .unwrap();
        assert_eq!(src, 1);
        s.apply_listing(src, &listing("m", 400), None, None, 1)
            .unwrap();
    }
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..2)
        .map(|parity| {
            Command::new(&exe)
                .args(["--exact", "worker_marks_items_read", "--test-threads=1"])
                .env("BLATT_TEST_WORKER", format!("{}:{parity}", path.display()))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a worker process failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let s = Store::open(&path).unwrap();
    let items = s.items(&Query::default()).unwrap();
    assert_eq!(items.len(), 400);
    let unread: Vec<i64> = items.iter().filter(|i| !i.read).map(|i| i.id).collect();
    assert!(unread.is_empty(), "read marks lost: {unread:?}");
}

#[test]
fn a_full_database_errors_and_keeps_the_old_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blatt.db");
    let mut s = Store::open(&path).unwrap();
    let src = s
        .upsert_source("https://blatt.example/f", None, "auto")
        .unwrap();
    s.apply_listing(src, &listing("a", 10), None, None, 1)
        .unwrap();
    let before = s.items(&Query::default()).unwrap();
    s.set_read(before[0].id, true).unwrap();
    // the disk is full: no page beyond the current ones
    let pages: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "page_count", |r| r.get(0))
        .unwrap();
    s.set_max_pages(pages).unwrap();
    let err = s
        .apply_listing(src, &listing("b", 2000), None, None, 2)
        .expect_err("2000 items cannot fit");
    assert!(matches!(err, StoreError::Full(_)), "{err}");
    // nothing of the failed reload is visible, everything before it is
    let after = s.items(&Query::default()).unwrap();
    assert_eq!(
        after,
        before
            .iter()
            .map(|i| {
                let mut i = i.clone();
                if i.id == before[0].id {
                    i.read = true;
                }
                i
            })
            .collect::<Vec<_>>()
    );
    drop(s);
    let s = Store::open(&path).unwrap();
    assert_eq!(s.item_count().unwrap(), 10);
}

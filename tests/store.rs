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
        via: None,
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
                full_text: None,
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

/// The database file at `path` may grow no further than its pages now: a full disk for `s`.
fn fill_the_disk(s: &Store, path: &Path) {
    let pages: i64 = rusqlite::Connection::open(path)
        .unwrap()
        .pragma_query_value(None, "page_count", |r| r.get(0))
        .unwrap();
    s.set_max_pages(pages).unwrap();
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
    fill_the_disk(&s, &path);
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

fn hits(s: &Store, text: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = s
        .items(&Query {
            text: Some(text.into()),
            ..Query::default()
        })
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn migrates_a_version_2_database_keeping_the_search_over_cached_articles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blatt.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrate_to(&mut conn, 2).unwrap();
        conn.execute_batch(
            "INSERT INTO sources (id, url) VALUES (1, 'https://blatt.example/feed');
             INSERT INTO items (id, source_id, key, title, summary, first_seen)
                VALUES (1, 1, 'g:1', 'Oberau baut aus', 'Kurz gefasst', 0),
                       (2, 1, 'g:2', 'Nordheim plant', NULL, 0),
                       (3, 1, 'g:3', 'Kaputtes Archiv', NULL, 0);
             INSERT INTO search (rowid, title, summary, body) SELECT id, title, coalesce(summary, ''), '' FROM items;",
        )
        .unwrap();
        let article = Article {
            title: "Oberau baut aus".into(),
            blocks: vec![Block::paragraph(
                "Der Glasfaserausbau erreicht die Talstraße.",
            )],
            ..Article::default()
        };
        conn.execute(
            "INSERT INTO articles (item_id, json, fetched) VALUES (1, ?1, 0), (3, '{broken', 0)",
            [serde_json::to_string(&article).unwrap()],
        )
        .unwrap();
        conn.execute(
            "UPDATE search SET body = 'Der Glasfaserausbau erreicht die Talstraße.' WHERE rowid = 1",
            [],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
    // the cached article's body, the summary and the titles are all found again
    assert_eq!(hits(&store, "glasfaser"), vec![1]);
    assert_eq!(hits(&store, "talstr"), vec![1]);
    assert_eq!(hits(&store, "gefasst"), vec![1]);
    assert_eq!(hits(&store, "nordheim"), vec![2]);
    // an article that cannot be read is indexed by its teaser
    assert_eq!(hits(&store, "archiv"), vec![3]);
    assert_eq!(store.item_count().unwrap(), 3);
}

#[test]
fn the_search_follows_changed_titles_and_keeps_cached_bodies() {
    let mut s = Store::in_memory().unwrap();
    let src = s
        .upsert_source("https://blatt.example/f", None, "auto")
        .unwrap();
    let mut l = listing("a", 3);
    s.apply_listing(src, &l, None, None, 1).unwrap();
    let ids: Vec<i64> = {
        let mut v: Vec<i64> = s
            .items(&Query::default())
            .unwrap()
            .iter()
            .map(|i| i.id)
            .collect();
        v.sort();
        v
    };
    assert_eq!(hits(&s, "rathaus").len(), 3);
    assert_eq!(hits(&s, "absatz").len(), 3, "the articles' bodies");
    // the same feed again: nothing changes, everything is still found once
    let again = s.apply_listing(src, &l, None, None, 2).unwrap();
    assert_eq!((again.new, again.updated), (0, 3));
    assert_eq!(hits(&s, "rathaus").len(), 3);
    // a new title without an article: the old words are gone from the index, the new ones found
    l.items[1].teaser.title = "Funkmast am Waldrand".into();
    l.items[1].article = None;
    s.apply_listing(src, &l, None, None, 3).unwrap();
    assert_eq!(hits(&s, "rathaus"), vec![ids[0], ids[2]]);
    assert_eq!(hits(&s, "funkmast"), vec![ids[1]]);
    // its cached article (from the first reload) is still searchable
    assert_eq!(hits(&s, "absatz").len(), 3);
    // a new article for it replaces the body
    let a = Article {
        title: "Funkmast".into(),
        blocks: vec![Block::paragraph("Die Antenne steht.")],
        ..Article::default()
    };
    s.save_article(ids[1], &a, 4).unwrap();
    assert_eq!(hits(&s, "antenne"), vec![ids[1]]);
    assert_eq!(hits(&s, "absatz"), vec![ids[0], ids[2]]);
    assert_eq!(
        hits(&s, "funkmast"),
        vec![ids[1]],
        "the title stays indexed"
    );
    // a source that goes takes its items out of the search
    s.retain_sources(&[]).unwrap();
    assert!(hits(&s, "funkmast").is_empty());
    assert_eq!(s.item_count().unwrap(), 0);
}

/// The reader's first frame is drawn from one screenful of teasers (and stand-ins for the rest);
/// it must look exactly like the frame of the full list, and filling the list must give the full
/// list's state.
#[test]
fn the_first_screen_from_a_screenful_equals_the_full_lists() {
    use blatt::store::SourceRow;
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("blatt.db")).unwrap();
    // three sources; the second one is configured first and has fewer items than the screen
    let a = s
        .upsert_source("https://blatt.example/a", None, "feed")
        .unwrap();
    let b = s
        .upsert_source("https://blatt.example/b", Some("Bote"), "feed")
        .unwrap();
    let c = s
        .upsert_source("https://blatt.example/c", None, "feed")
        .unwrap();
    s.apply_listing(a, &listing("a", 60), None, None, 1)
        .unwrap();
    s.apply_listing(b, &listing("b", 7), None, None, 1).unwrap();
    s.apply_listing(c, &listing("c", 30), None, None, 1)
        .unwrap();
    let all_rows = s.sources().unwrap();
    let rows: Vec<SourceRow> = [b, c, a]
        .iter()
        .map(|id| all_rows.iter().find(|r| r.id == *id).unwrap().clone())
        .collect();
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let theme = blatt::ui::Theme::light();
    let frame = |state: &blatt::app::State| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        t.draw(|f| blatt::ui::view(state, &theme, f)).unwrap();
        t.backend().buffer().clone()
    };
    let full_items = blatt::startup::all_items(&s, &ids).unwrap();
    assert_eq!(full_items.len(), 97);
    // the reader over the full list, built the plain way: every item at once, in the list's order
    // (sources as configured, each newest first), the top row selected
    let in_order: Vec<_> = ids
        .iter()
        .flat_map(|id| {
            full_items
                .iter()
                .filter(move |i| i.source_id == *id)
                .cloned()
        })
        .collect();
    let mut full = blatt::app::State::library(&rows, in_order, 0, 5, 120, 40);
    full.refresh(); // as the reader does before drawing
    assert_eq!(full.selected, 0);
    let mut first = blatt::startup::first_state(&s, &rows, 0, 5, 120, 40).unwrap();
    assert!(blatt::startup::first_screen_fits(&first));
    assert_eq!(first.entries.len(), 97);
    // fewer real teasers than items were read
    assert!(first.entries.iter().filter(|e| e.db_id == Some(0)).count() > 50);
    assert_eq!(frame(&first), frame(&full));
    blatt::startup::fill(&mut first, full_items);
    assert_eq!(frame(&first), frame(&full));
    let key = |st: &blatt::app::State| -> Vec<(Option<i64>, String, usize)> {
        st.entries
            .iter()
            .map(|e| (e.db_id, e.teaser.title.clone(), e.source_id))
            .collect()
    };
    assert_eq!(key(&first), key(&full));
    assert_eq!(first.selected, full.selected);
    // the same list read row by row from the store, as the reader does
    let mut streamed = blatt::startup::first_state(&s, &rows, 0, 5, 120, 40).unwrap();
    blatt::startup::fill_all(&mut streamed, &s, &ids).unwrap();
    assert_eq!(key(&streamed), key(&full));
    assert_eq!(frame(&streamed), frame(&full));
}

#[test]
fn a_reload_leaves_the_search_rows_for_the_first_search() {
    let mut s = Store::in_memory().unwrap();
    let src = s
        .upsert_source("https://blatt.example/f", None, "auto")
        .unwrap();
    let mut l = listing("a", 4);
    for it in &mut l.items[..2] {
        it.article = None;
    }
    s.apply_listing(src, &l, None, None, 1).unwrap();
    // all four new items wait; the two with an article are indexed with its body then
    assert_eq!(s.catch_up_search().unwrap(), 4);
    assert_eq!(s.catch_up_search().unwrap(), 0, "nothing left");
    assert_eq!(hits(&s, "rathaus").len(), 4);
    // a changed summary of an item with a cached article: indexed again with the body at the search
    l.items[2].teaser.summary = Some("Windpark im Norden".into());
    l.items[2].article = None;
    s.apply_listing(src, &l, None, None, 2).unwrap();
    assert_eq!(hits(&s, "windpark").len(), 1);
    assert_eq!(hits(&s, "absatz").len(), 2, "bodies of items 2 and 3");
    // items that go before their search row was written leave nothing behind
    let l2 = listing("b", 3);
    let src2 = s
        .upsert_source("https://blatt.example/g", None, "auto")
        .unwrap();
    let mut l2 = l2;
    for it in &mut l2.items {
        it.article = None;
    }
    s.apply_listing(src2, &l2, None, None, 3).unwrap();
    s.retain_sources(&["https://blatt.example/f"]).unwrap();
    assert_eq!(s.catch_up_search().unwrap(), 0);
    assert_eq!(hits(&s, "rathaus").len(), 4);
}

/// New items wait for the search index by their id (above a mark the catch-up moves); an item that
/// gets an id freed by a deletion, at or below the mark, is still found: with and without a full text.
#[test]
fn items_that_reuse_a_freed_id_are_still_indexed() {
    let mut s = Store::in_memory().unwrap();
    let keep = s
        .upsert_source("https://blatt.example/f", None, "auto")
        .unwrap();
    let gone = s
        .upsert_source("https://blatt.example/g", None, "auto")
        .unwrap();
    let teasers = |prefix: &str, n: usize| {
        let mut l = listing(prefix, n);
        for it in &mut l.items {
            it.article = None;
        }
        l
    };
    s.apply_listing(keep, &teasers("a", 3), None, None, 1)
        .unwrap();
    s.apply_listing(gone, &teasers("b", 3), None, None, 1)
        .unwrap();
    assert_eq!(hits(&s, "rathaus").len(), 6, "the catch-up indexed all six");
    // the newest items go: their ids are free again, below the mark
    s.retain_sources(&["https://blatt.example/f"]).unwrap();
    let mut l = teasers("c", 2);
    l.items[0].teaser.title = "Windpark am Nordhang".into();
    l.items[1].teaser.title = "Solardach der Schule".into();
    l.items[1].full_text = Some(blatt::document::FullText {
        title: "Solardach der Schule".into(),
        content: "<p>Die Photovoltaikanlage liefert Strom.</p>".into(),
        html: true,
        ..Default::default()
    });
    s.apply_listing(keep, &l, None, None, 2).unwrap();
    let ids: Vec<i64> = s
        .items(&Query::default())
        .unwrap()
        .into_iter()
        .filter(|i| i.teaser.title.contains("Windpark") || i.teaser.title.contains("Solardach"))
        .map(|i| i.id)
        .collect();
    assert!(ids.iter().all(|id| *id <= 6), "ids used again: {ids:?}");
    assert_eq!(hits(&s, "windpark").len(), 1);
    assert_eq!(
        hits(&s, "photovoltaikanlage").len(),
        1,
        "the full text's body"
    );
    assert_eq!(hits(&s, "rathaus").len(), 3);
}

/// The reader's store thread writes the search rows a reload left pending once it has nothing else to
/// do, so the first search after a big reload is fast: checked on a database file through a second
/// connection.
#[test]
fn the_store_thread_writes_pending_search_rows_when_idle() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blatt.db");
    let mut s = Store::open(&path).unwrap();
    let src = s
        .upsert_source("https://blatt.example/f", None, "auto")
        .unwrap();
    let mut l = listing("a", 4);
    for it in &mut l.items {
        it.article = None;
    }
    s.apply_listing(src, &l, None, None, 1).unwrap();
    let pending = |p: &Path| -> i64 {
        rusqlite::Connection::open(p)
            .unwrap()
            .query_row(
                "SELECT (SELECT count(*) FROM search_pending)
                    + (SELECT count(*) FROM items WHERE id > (SELECT upto FROM search_mark))",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(pending(&path), 4, "a reload leaves its search rows pending");
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let (jobs, handle) = blatt::app::effects::spawn_store(s, vec![src], tx);
    let start = std::time::Instant::now();
    while pending(&path) > 0 {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(300),
            "the idle store thread never wrote the pending search rows"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    jobs.send(blatt::app::effects::StoreJob::Stop).unwrap();
    handle.join().unwrap();
    let s = Store::open(&path).unwrap();
    assert_eq!(hits(&s, "rathaus").len(), 4);
}

/// A reload's results for `listings` (source id, listing), each with the ETag `e<id>`.
fn results(listings: Vec<(i64, Listing)>) -> Vec<blatt::reload::Done> {
    use blatt::reload::{Done, Fetched, Job};
    listings
        .into_iter()
        .map(|(id, l)| Done {
            job: Job {
                source_id: id,
                url: format!("https://blatt.example/{id}"),
                hint: blatt::parse::KindHint::Feed,
                etag: None,
                last_modified: None,
            },
            result: Ok(Fetched::Parsed {
                prepared: Box::new(blatt::store::Prepared::new(l).unwrap()),
                via: None,
                etag: Some(format!("e{id}")),
                last_modified: None,
            }),
        })
        .collect()
}

#[test]
fn a_source_that_fails_part_way_keeps_nothing_and_the_others_everything() {
    use blatt::reload::{apply_all, Outcome};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blatt.db");
    let mut s = Store::open(&path).unwrap();
    let ids: Vec<i64> = ["a", "b", "c"]
        .iter()
        .map(|n| {
            s.upsert_source(&format!("https://blatt.example/{n}"), None, "feed")
                .unwrap()
        })
        .collect();
    // another process's trigger makes the database refuse one item: the second of source b's three
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON items WHEN NEW.title = 'b 1: Neues aus dem Rathaus'
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
        )
        .unwrap();
    let per_source = |s: &Store| {
        ids.iter()
            .map(|&id| {
                let q = Query {
                    source_id: Some(id),
                    ..Query::default()
                };
                s.items(&q).unwrap().len()
            })
            .collect::<Vec<_>>()
    };
    let etags = |s: &Store| {
        s.sources()
            .unwrap()
            .into_iter()
            .map(|r| r.etag)
            .collect::<Vec<_>>()
    };

    let done = results(vec![
        (ids[0], listing("a", 2)),
        (ids[1], listing("b", 3)),
        (ids[2], listing("c", 4)),
    ]);
    let outcomes = apply_all(&mut s, &done, 1);
    assert!(
        matches!(&outcomes[0], Ok(Outcome::Updated(a)) if a.new == 2),
        "{outcomes:?}"
    );
    let err = outcomes[1]
        .as_ref()
        .expect_err("source b's item is refused");
    assert!(err.to_string().contains("refused by the test"), "{err}");
    assert!(
        matches!(&outcomes[2], Ok(Outcome::Updated(a)) if a.new == 4),
        "{outcomes:?}"
    );
    // b's first item, written before the refusal, is not kept either; nor is its ETag
    assert_eq!(per_source(&s), [2, 0, 4]);
    assert_eq!(
        etags(&s),
        [Some("e1".to_string()), None, Some("e3".to_string())]
    );

    // a batch whose caller goes on after a source's failed write keeps none of it
    let err = s
        .batch(|b| {
            let _ = b.apply_listing(ids[1], &listing("b", 3), Some("x"), None, 2);
            b.apply_listing(ids[2], &listing("d", 5), Some("x"), None, 2)
        })
        .expect_err("a source failed part way");
    assert!(err.to_string().contains("part way"), "{err}");
    assert_eq!(per_source(&s), [2, 0, 4]);
    drop(s);
    let s = Store::open(&path).unwrap();
    assert_eq!(per_source(&s), [2, 0, 4]);
    assert_eq!(
        etags(&s),
        [Some("e1".to_string()), None, Some("e3".to_string())]
    );
}

/// Feed items with their full texts as a reload keeps them (unparsed).
fn full_texts(prefix: &str, n: usize, body: &str) -> Listing {
    let mut l = listing(prefix, n);
    for (i, it) in l.items.iter_mut().enumerate() {
        it.article = None;
        it.full_text = Some(blatt::document::FullText {
            title: it.teaser.title.clone(),
            url: it.teaser.url.clone(),
            content: format!("<p>{body} {i}: Die Gemeinde stellt ihr Bürgerportal um.</p>"),
            html: true,
            ..Default::default()
        });
    }
    l
}

#[test]
fn full_texts_are_kept_rewritten_when_changed_and_a_full_disk_keeps_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blatt.db");
    let mut s = Store::open(&path).unwrap();
    let src = s
        .upsert_source("https://blatt.example/f", None, "feed")
        .unwrap();
    let body = |s: &Store, id: i64| {
        let a = s.article(id).unwrap().expect("a stored full text");
        a.blocks
            .iter()
            .map(|b| format!("{b:?}"))
            .collect::<String>()
    };
    s.apply_listing(src, &full_texts("a", 3, "Erster Stand"), None, None, 1)
        .unwrap();
    let ids: Vec<i64> = s
        .items(&Query::default())
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(ids.len(), 3);
    for &id in &ids {
        assert!(body(&s, id).contains("Erster Stand"), "{}", body(&s, id));
    }
    // an unchanged full text is not written again; a changed one is
    let fetched = || -> Vec<i64> {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let mut st = conn
            .prepare("SELECT fetched FROM articles ORDER BY item_id")
            .unwrap();
        let v = st
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        v
    };
    s.apply_listing(src, &full_texts("a", 3, "Erster Stand"), None, None, 2)
        .unwrap();
    assert_eq!(fetched(), [1, 1, 1]);
    s.apply_listing(src, &full_texts("a", 3, "Zweiter Stand"), None, None, 3)
        .unwrap();
    assert_eq!(fetched(), [3, 3, 3]);
    for &id in &ids {
        assert!(body(&s, id).contains("Zweiter Stand"), "{}", body(&s, id));
    }
    // no room for more: the reload of many full texts fails as a full disk and keeps the old ones
    fill_the_disk(&s, &path);
    let long = "Lange Fassung ".repeat(2000);
    let err = s
        .apply_listing(src, &full_texts("a", 3, &long), None, None, 4)
        .expect_err("the longer texts cannot fit");
    assert!(matches!(err, StoreError::Full(_)), "{err}");
    assert_eq!(fetched(), [3, 3, 3]);
    for &id in &ids {
        assert!(body(&s, id).contains("Zweiter Stand"));
    }
}

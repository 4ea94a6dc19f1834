//! The sync scenarios, the same for every backend: `tests/sync_greader.rs` (FreshRSS) and
//! `tests/sync_ttrss.rs` (Tiny Tiny RSS) run each against their server.
//!
//! The servers keep their state between tests (one user, `--test-threads=1`): a scenario first puts
//! the items it looks at into the state it needs, on the server, and compares with what the server
//! says rather than with fixed numbers.

use super::*;
use serde_json::Value;
use std::collections::HashMap;

/// Which server a scenario runs against.
pub struct Server<'a> {
    /// `greader` or `ttrss` (the config's kind).
    pub kind: &'static str,
    /// `freshrss` or `ttrss` (the folder of its up.sh).
    pub name: &'static str,
    pub env: HashMap<String, String>,
    pub view: &'a dyn ServerView,
}

impl Server<'_> {
    /// Puts the items titled `titles` into `read`/`starred` on the server.
    fn reset(&self, titles: &[&str], read: bool, starred: bool) {
        for t in titles {
            let (r, s) = self.view.state_of(t);
            self.view.set(
                t,
                (r != read).then_some(read),
                (s != starred).then_some(starred),
            );
        }
    }

    /// The first line of the web root (the server answers).
    pub fn probe(&self) -> String {
        if self.kind == "greader" {
            format!("{}/accounts/ClientLogin", self.env["SYNC_URL"])
        } else {
            self.env["SYNC_API"].clone()
        }
    }
}

fn id_of(item: &Value) -> i64 {
    item["id"].as_i64().unwrap()
}

fn flags(item: &Value) -> (bool, bool) {
    (
        item["read"].as_bool().unwrap(),
        item["starred"].as_bool().unwrap(),
    )
}

/// Subscriptions and their categories come down as sources with tags; every item with the
/// server's read and starred marks; `--source` picks one source.
pub fn subscriptions_and_tags(srv: &Server) {
    let home = Home::new(srv.kind, &srv.env);
    let out = home.sync_ok();
    let on_server = srv.view.items();
    assert_eq!(new_items(&out), on_server.len(), "{out}");
    let items = home.items(&[]);
    assert_eq!(items.len(), on_server.len());
    let sources: std::collections::BTreeSet<&str> =
        items.iter().filter_map(|i| i["source"].as_str()).collect();
    assert!(
        sources.contains("Testfeed 0") && sources.contains("Testfeed 1"),
        "{sources:?}"
    );
    for i in &items {
        let tags: Vec<&str> = i["tags"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if i["source"] == "Testfeed 0" {
            assert_eq!(tags, vec!["Kommunal"], "{i}");
        } else {
            assert!(!tags.contains(&"Kommunal"), "{i}");
        }
        let (title, read, starred) = on_server
            .iter()
            .find(|(t, ..)| t == i["title"].as_str().unwrap())
            .unwrap_or_else(|| panic!("{i} is not on the server"));
        assert_eq!(flags(i), (*read, *starred), "{title}");
    }
    let one = home.items(&["--source", "Testfeed 0"]);
    assert!(!one.is_empty());
    assert!(one.iter().all(|i| i["source"] == "Testfeed 0"));
    // the text form lists the same items
    let o = home.run(&["items"]);
    assert!(o.status.success());
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).lines().count(),
        items.len()
    );
    // a second sync brings nothing new
    let again = home.sync_ok();
    assert_eq!(new_items(&again), 0, "{again}");
}

/// Read and star made on the server show in `blatt items` after `blatt sync`, and so do the undos.
pub fn server_marks_come_down(srv: &Server) {
    let (a, b) = ("Artikel 0.1:", "Artikel 1.2:");
    srv.reset(&[a, b], false, false);
    let home = Home::new(srv.kind, &srv.env);
    home.sync_ok();
    assert_eq!(flags(&home.item(a)), (false, false));
    assert_eq!(flags(&home.item(b)), (false, false));
    srv.view.set(a, Some(true), None);
    srv.view.set(b, None, Some(true));
    let out = home.sync_ok();
    assert!(number_before(&out, " pulled") >= 2, "{out}");
    assert_eq!(flags(&home.item(a)), (true, false));
    assert_eq!(flags(&home.item(b)), (false, true));
    let starred = home.items(&["--starred"]);
    assert!(starred
        .iter()
        .any(|i| i["title"].as_str().unwrap().starts_with(b)));
    srv.view.set(a, Some(false), None);
    srv.view.set(b, None, Some(false));
    home.sync_ok();
    assert_eq!(flags(&home.item(a)), (false, false));
    assert_eq!(flags(&home.item(b)), (false, false));
}

/// `blatt mark` then `blatt sync` shows on the server; a second sync pushes nothing.
pub fn blatt_marks_reach_the_server(srv: &Server) {
    let (a, b) = ("Artikel 0.2:", "Artikel 1.3:");
    srv.reset(&[a, b], false, false);
    let home = Home::new(srv.kind, &srv.env);
    home.sync_ok();
    let (ia, ib) = (id_of(&home.item(a)), id_of(&home.item(b)));
    let m = home.mark("read", &[ia]);
    assert!(m.contains("1 queued"), "{m}");
    home.mark("star", &[ib]);
    let out = home.sync_ok();
    assert_eq!(pushed(&out), 2, "{out}");
    assert_eq!(srv.view.state_of(a), (true, false));
    assert_eq!(srv.view.state_of(b), (false, true));
    let again = home.sync_ok();
    assert_eq!(pushed(&again), 0, "{again}");
    // and back
    home.mark("unread", &[ia]);
    home.mark("unstar", &[ib]);
    let out = home.sync_ok();
    assert_eq!(pushed(&out), 2, "{out}");
    assert_eq!(srv.view.state_of(a), (false, false));
    assert_eq!(srv.view.state_of(b), (false, false));
    // an id that is not stored changes nothing
    let o = home.run(&["mark", "read", &ia.to_string(), "999999"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no item 999999"));
    assert_eq!(flags(&home.item(a)), (false, false));
}

/// A fingerprint of what the server saw of marks, for the "none twice" check (FreshRSS: how many
/// edit-tag calls its web server logged; TT-RSS: the times it recorded for these articles' marks).
fn server_trace(srv: &Server, titles: &[&str]) -> String {
    if srv.kind == "greader" {
        let log =
            std::fs::read_to_string(format!("{}/php.log", srv.env["STATE"])).unwrap_or_default();
        log.lines()
            .filter(|l| l.contains("/edit-tag"))
            .count()
            .to_string()
    } else {
        let quoted: Vec<String> = titles
            .iter()
            .map(|t| format!("e.title LIKE '{}%'", t.replace('\'', "''")))
            .collect();
        let sql = format!(
            "SELECT e.title, ue.last_read, ue.last_marked FROM ttrss_entries e \
             JOIN ttrss_user_entries ue ON ue.ref_id = e.id WHERE {} ORDER BY e.title",
            quoted.join(" OR ")
        );
        let o = std::process::Command::new("psql")
            .args([srv.env["SYNC_PG"].as_str(), "-Atc", &sql])
            .output()
            .expect("psql (installed with the tt-rss server)");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    }
}

/// Marks made while the server is stopped are pushed once it is back: none lost, none twice. The
/// failed sync says so in one line, and the offline store keeps working.
pub fn offline_marks_pushed_once(srv: &Server) {
    let (a, b, c) = ("Artikel 0.3:", "Artikel 1.0:", "Artikel 1.1:");
    srv.reset(&[a, b, c], false, false);
    let home = Home::new(srv.kind, &srv.env);
    home.sync_ok();
    let (ia, ib, ic) = (
        id_of(&home.item(a)),
        id_of(&home.item(b)),
        id_of(&home.item(c)),
    );
    let mut web = WebServer::of(&srv.env);
    web.kill();
    let restart = scopeguard(&mut web, srv.probe());
    home.mark("read", &[ia]);
    home.mark("star", &[ib]);
    home.mark("read", &[ic]);
    home.mark("unread", &[ic]);
    let o = home.run(&["sync"]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains("cannot reach the server"), "{err}");
    assert!(err.contains("4 marks stay queued"), "{err}");
    // the offline store: the marks are there
    assert_eq!(flags(&home.item(a)), (true, false));
    assert_eq!(flags(&home.item(b)), (false, true));
    assert_eq!(flags(&home.item(c)), (false, false));
    // a second attempt while down loses nothing either
    let o = home.run(&["sync"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("4 marks stay queued"));
    drop(restart); // the server is back
    let before = server_trace(srv, &[a, b, c]);
    let out = home.sync_ok();
    // a, b and c's last mark (unread): the read of c was settled by its unread
    assert_eq!(pushed(&out), 3, "{out}");
    assert_eq!(srv.view.state_of(a), (true, false));
    assert_eq!(srv.view.state_of(b), (false, true));
    assert_eq!(srv.view.state_of(c), (false, false));
    let after = server_trace(srv, &[a, b, c]);
    assert_ne!(before, after, "the server saw the marks");
    if srv.kind == "greader" {
        // one edit-tag call per run of one change: read a, star b, unread c
        let n = |s: &str| s.parse::<usize>().unwrap();
        assert_eq!(n(&after) - n(&before), 3, "edit-tag calls");
    }
    let again = home.sync_ok();
    assert_eq!(pushed(&again), 0, "{again}");
    assert_eq!(server_trace(srv, &[a, b, c]), after, "nothing pushed twice");
}

/// Restarts the web server when dropped (also when the test fails midway).
pub struct Restart<'a> {
    web: &'a mut WebServer,
    probe: String,
}

impl Drop for Restart<'_> {
    fn drop(&mut self) {
        self.web.start(&self.probe);
    }
}

pub fn scopeguard(web: &mut WebServer, probe: String) -> Restart<'_> {
    Restart { web, probe }
}

/// A wrong password: one line, exit 1, the store and the queue as they were; the right one then
/// pushes the queued mark.
pub fn wrong_password(srv: &Server) {
    let a = "Artikel 0.4:";
    srv.reset(&[a], false, false);
    let home = Home::new(srv.kind, &srv.env);
    home.sync_ok();
    let before = home.items(&[]);
    home.mark("star", &[id_of(&home.item(a))]);
    let bad = "falsches-Passwort-42";
    std::fs::write(home.path().join("password"), format!("{bad}\n")).unwrap();
    let o = home.run(&["sync"]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!(
            "refused user `{}`: wrong user name or password",
            srv.env["SYNC_USER"]
        )),
        "{err}"
    );
    assert!(err.contains("1 mark stays queued"), "{err}");
    assert!(!err.contains(bad), "the password is never shown");
    assert!(!String::from_utf8_lossy(&o.stdout).contains(bad));
    let after = home.items(&[]);
    assert_eq!(after.len(), before.len());
    assert_eq!(
        srv.view.state_of(a),
        (false, false),
        "nothing reached the server"
    );
    // no log file may hold it either
    if let Ok(log) = std::fs::read_to_string(home.path().join("state/blatt/blatt.log")) {
        assert!(!log.contains(bad));
    }
    std::fs::write(
        home.path().join("password"),
        format!("{}\n", srv.env["SYNC_PASSWORD"]),
    )
    .unwrap();
    let out = home.sync_ok();
    assert_eq!(pushed(&out), 1, "{out}");
    assert_eq!(srv.view.state_of(a), (false, true));
    srv.reset(&[a], false, false);
}

/// New items on the server come down in the next sync, exactly once; an interview in the server's
/// full text is recognised as one.
pub fn new_items_and_an_interview(srv: &Server) {
    let home = Home::new(srv.kind, &srv.env);
    home.sync_ok();
    let n = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let title = format!("Interview {n}: Das Bürgeramt im Netz");
    add_items(
        &srv.env,
        0,
        &rss_item(
            &format!("blatt-sync-interview-{n}"),
            &title,
            &format!("http://127.0.0.1/a/interview/{n}"),
            "Sun, 01 Nov 2026 12:00:00 +0000",
            INTERVIEW,
        ),
    );
    refetch(srv.name, &srv.env);
    let out = home.sync_ok();
    assert_eq!(new_items(&out), 1, "{out}");
    let it = home.item(&title);
    assert_eq!(it["kind"], "interview", "{it}");
    assert_eq!(it["read"], false);
    assert_eq!(it["source"], "Testfeed 0");
    let again = home.sync_ok();
    assert_eq!(new_items(&again), 0, "{again}");
}

/// Makes the big server hold `want` items (FreshRSS's start script checks at most 1,000: its feeds
/// get 500 items each here and are fetched again).
pub fn ensure_items(srv: &Server, want: usize) {
    let have = srv.view.count();
    if have >= want {
        return;
    }
    let feeds: Vec<&str> = srv.env["SYNC_FEED_URLS"].split_whitespace().collect();
    let per = want.div_ceil(feeds.len());
    let port = &srv.env["SYNC_FEED_PORT"];
    let host = if port == "80" {
        "127.0.0.1".to_string()
    } else {
        format!("127.0.0.1:{port}")
    };
    for i in 0..feeds.len() {
        let items: String = (0..per)
            .map(|j| {
                let date = chrono::DateTime::from_timestamp(
                    1_793_491_200 - (i * 7 + j * 3) as i64 * 3600,
                    0,
                )
                .unwrap()
                .to_rfc2822();
                rss_item(
                    &format!("blatt-test-{i}-{j}"),
                    &format!("Artikel {i}.{j}: Rathaus und Digitalisierung"),
                    &format!("http://{host}/a/{i}/{j}"),
                    &date,
                    &format!("<p>Volltext {i}.{j}: Die Stadt stellt ihr Portal um.</p>"),
                )
            })
            .collect();
        let feed = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" \
             xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Testfeed {i}</title>\
             <link>http://{host}/</link><description>blatt sync test</description>{items}</channel></rss>"
        );
        std::fs::write(
            std::path::Path::new(&srv.env["SYNC_FEED_DIR"]).join(format!("f{i}.xml")),
            feed,
        )
        .unwrap();
    }
    refetch(srv.name, &srv.env);
    let have = srv.view.count();
    assert!(have >= want, "the server has {have} items after the update");
}

/// A first sync of the big server in a pseudo-terminal: a progress line counts the items, the summary
/// says how many came, and every one is stored once.
pub fn ten_thousand_with_progress(srv: &Server) {
    ensure_items(srv, 10_000);
    let total = srv.view.count();
    let home = Home::new(srv.kind, &srv.env);
    let mut pty = crate::hostile_pty::Pty::start_in(home.dir, &["sync"], &[], 120, 10);
    let start = std::time::Instant::now();
    let ok = loop {
        if let Some(st) = pty.child.try_wait().unwrap() {
            break st.success();
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(1800),
            "the sync did not end"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    std::thread::sleep(std::time::Duration::from_millis(500));
    let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
    assert!(ok, "{raw}");
    // progress: "\r\x1b[2Ksyncing: N items", N growing to the total
    let counts: Vec<usize> = raw
        .split("\r\x1b[2K")
        .filter_map(|p| p.strip_prefix("syncing: "))
        .filter_map(|p| p.split(" items").next())
        .filter_map(|n| n.replace(',', "").parse().ok())
        .collect();
    assert!(counts.len() >= 3, "progress lines: {counts:?}\n{raw}");
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
    assert_eq!(counts.last().copied(), Some(total), "{counts:?}");
    let summary = raw.lines().find(|l| l.contains("new items")).unwrap_or("");
    assert_eq!(new_items(summary), total, "{raw}");
    let home = Home {
        dir: std::mem::replace(&mut pty.home, tempfile::tempdir().unwrap()),
        kind: srv.kind,
    };
    let items = home.items(&[]);
    assert_eq!(items.len(), total);
    let titles: std::collections::HashSet<&str> =
        items.iter().filter_map(|i| i["title"].as_str()).collect();
    assert_eq!(titles.len(), total, "each item once");
}

/// The web server killed midway through a first sync of the big server: the sync fails in one
/// line, the store is consistent (every page it kept is whole) and usable, and the next sync
/// completes with every item once.
pub fn killed_mid_sync(srv: &Server) {
    ensure_items(srv, 10_000);
    let total = srv.view.count();
    let home = Home::new(srv.kind, &srv.env);
    let mut web = WebServer::of(&srv.env);
    let child = home
        .cmd(&["sync"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // once the first page is stored
    let start = std::time::Instant::now();
    loop {
        let n = rusqlite::Connection::open_with_flags(
            home.db(),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .and_then(|c| c.query_row("SELECT count(*) FROM items", [], |r| r.get::<_, i64>(0)))
        .unwrap_or(0);
        if n > 0 {
            break;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(600),
            "no page stored"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    web.kill();
    let restart = scopeguard(&mut web, srv.probe());
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(1), "the sync must fail: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("sync with"), "{err}");
    let db = rusqlite::Connection::open(home.db()).unwrap();
    let check: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let kept: i64 = db
        .query_row("SELECT count(*) FROM items", [], |r| r.get(0))
        .unwrap();
    assert!(kept > 0 && (kept as usize) < total, "{kept} of {total}");
    drop(db);
    assert_eq!(
        home.items(&[]).len() as i64,
        kept,
        "the offline store is usable"
    );
    drop(restart);
    let out = home.sync_ok();
    assert_eq!(new_items(&out), total - kept as usize, "{out}");
    let items = home.items(&[]);
    assert_eq!(items.len(), total);
    let titles: std::collections::HashSet<&str> =
        items.iter().filter_map(|i| i["title"].as_str()).collect();
    assert_eq!(titles.len(), total, "each item once");
}

/// The reader with `[sync]`: it syncs when it starts (the status line counts), and a star given
/// with `s` reaches the server within seconds, without another sync.
pub fn reader_syncs_and_pushes_marks(srv: &Server) {
    // nothing starred on the server
    for (t, _, s) in srv.view.items() {
        if s {
            srv.view.set(&t, None, Some(false));
        }
    }
    let home = Home::new(srv.kind, &srv.env);
    let mut pty = crate::hostile_pty::Pty::start_in(home.dir, &[], &[], 120, 30);
    pty.wait("the synced teasers", |s| s.contents().contains("Artikel"));
    pty.wait("the sync's end", |s| !s.contents().contains("syncing"));
    pty.send("s");
    pty.wait("the star", |s| s.contents().contains("Starred."));
    let start = std::time::Instant::now();
    loop {
        let starred = srv.view.items().iter().filter(|(_, _, s)| *s).count();
        if starred == 1 {
            break;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "the star did not reach the server; screen:\n{}",
            pty.screen().contents()
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let (ok, _) = pty.quit();
    assert!(ok);
    for (t, _, s) in srv.view.items() {
        if s {
            srv.view.set(&t, None, Some(false));
        }
    }
}

/// A whole source marked read here (the reader's `A`): on the server every item of it that blatt
/// knew is read, and one that arrived there meanwhile stays unread; once blatt knows them all, the
/// server's own "mark all read" does it.
pub fn whole_source_read(srv: &Server) {
    let home = Home::new(srv.kind, &srv.env);
    home.sync_ok();
    let feed1: Vec<String> = home
        .items(&["--source", "Testfeed 1"])
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_string())
        .collect();
    let titles: Vec<&str> = feed1.iter().map(String::as_str).collect();
    srv.reset(&titles, false, false);
    home.sync_ok();
    let n = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let late = format!("Nachzügler {n}: Der Kreistag tagt");
    add_items(
        &srv.env,
        1,
        &rss_item(
            &format!("blatt-sync-late-{n}"),
            &late,
            &format!("http://127.0.0.1/a/late/{n}"),
            "Sun, 01 Nov 2026 13:00:00 +0000",
            "<p>Kurz.</p>",
        ),
    );
    refetch(srv.name, &srv.env);
    // what the reader's `A` does, on the store of this home
    let mark_all = |title: &str| {
        let mut store = blatt::store::Store::open(&home.db()).unwrap();
        let id = store
            .remote_sources()
            .unwrap()
            .into_iter()
            .find(|s| s.title.as_deref() == Some(title))
            .unwrap()
            .id;
        assert!(store.mark_source_read_queued(id, 1).unwrap() > 0);
    };
    mark_all("Testfeed 1");
    let out = home.sync_ok();
    assert_eq!(pushed(&out), 1, "{out}");
    for t in &titles {
        assert!(srv.view.state_of(t).0, "{t} read on the server");
    }
    assert_eq!(
        srv.view.state_of(&late),
        (false, false),
        "not known here: unread"
    );
    assert_eq!(flags(&home.item(&late)), (false, false));
    // now blatt knows every item: the server's own mark-all-as-read / catchupFeed
    mark_all("Testfeed 1");
    let out = home.sync_ok();
    assert_eq!(pushed(&out), 1, "{out}");
    assert!(srv.view.state_of(&late).0);
    assert_eq!(flags(&home.item(&late)), (true, false));
    srv.reset(&titles, false, false);
}

/// A synced item whose server has only a teaser: the reader reads the linked page in reader mode,
/// and recognises the interview in it (the page is served by the test server's feed server).
pub fn reader_reads_the_page_of_a_teaser(srv: &Server) {
    let port = &srv.env["SYNC_FEED_PORT"];
    if srv.kind == "ttrss" && port != "80" {
        // this TT-RSS drops the port from the links it stores: the page would not be found
        eprintln!("note: the feed server is not on port 80; the page part is not checked");
        return;
    }
    let host = if port == "80" {
        "127.0.0.1".to_string()
    } else {
        format!("127.0.0.1:{port}")
    };
    let n = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let feeds = std::path::Path::new(&srv.env["SYNC_FEED_DIR"]);
    let pages = feeds.parent().unwrap().join("a");
    std::fs::create_dir_all(&pages).unwrap();
    let title = format!("Gespräch {n}: Wendelsee ohne Faxgerät");
    std::fs::write(
        pages.join(format!("gespraech-{n}.html")),
        format!(
            "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
             <body><nav><a href=\"/\">Start</a> <a href=\"/kommunal\">Kommunal</a></nav><main><article>\
             <h1>{title}</h1>{INTERVIEW}</article></main><footer>Impressum</footer></body></html>"
        ),
    )
    .unwrap();
    add_items(
        &srv.env,
        0,
        &format!(
            "<item><title>{title}</title><link>http://{host}/a/gespraech-{n}.html</link>\
             <guid isPermaLink=\"false\">blatt-sync-page-{n}</guid>\
             <pubDate>Tue, 01 Dec 2026 09:00:00 +0000</pubDate>\
             <description>Ein Gespräch über das Bürgeramt.</description></item>"
        ),
    );
    refetch(srv.name, &srv.env);
    let home = Home::new(srv.kind, &srv.env);
    let pty = crate::hostile_pty::Pty::start_in(home.dir, &[], &[], 140, 40);
    pty.wait("the teaser", |s| {
        s.contents().contains("Wendelsee ohne Faxgerät")
    });
    // the newest item of the first source is selected first; its page comes in reader mode
    pty.wait("the interview from the page", |s| {
        let c = s.contents();
        c.contains("Jana Feldkamp") && c.contains("Schnittstellen")
    });
    let (ok, _) = pty.quit();
    assert!(ok);
}

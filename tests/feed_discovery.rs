//! Feed autodiscovery on the real binary against a real HTTP server on 127.0.0.1: a home page of
//! kind `auto` that advertises its site's feed is read from the feed when the feed answers, and
//! from its own teasers when it does not; `kind = "listing"` keeps the page; a file is never
//! redirected. `blatt teasers` and `blatt reload` say which.

mod common;

use blatt::store::{Query, Store};
use common::{fixture, Route, Server};
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

/// The home page fixture advertising its feed at `feed` (and a comments feed, never chosen).
fn home_page(feed: &str) -> Vec<u8> {
    String::from_utf8(fixture("listing/home-with-feed.html"))
        .expect("utf-8")
        .replace("FEED_HREF", feed)
        .into_bytes()
}

fn site(feed_route: Route) -> Server {
    Server::start(vec![
        (
            "/",
            Route::ok("text/html; charset=utf-8", home_page("/feed.xml")),
        ),
        (
            "/index.html",
            Route::ok("text/html; charset=utf-8", home_page("/feed.xml")),
        ),
        ("/feed.xml", feed_route),
        (
            "/comments/feed.xml",
            Route::fixture("application/rss+xml", "feeds/atom.xml"),
        ),
    ])
}

fn the_feed() -> Route {
    Route::fixture("application/rss+xml; charset=utf-8", "feeds/rss2.xml")
}

fn blatt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_blatt"))
        .args(args)
        .env_remove("BLATT_TIMEOUT_SECS")
        .env("NO_COLOR", "1")
        .output()
        .expect("run blatt")
}

fn stdout(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).expect("utf-8")
}

fn titles(json: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(json).expect("JSON");
    v.as_array()
        .expect("an array")
        .iter()
        .map(|t| t["title"].as_str().unwrap_or("").to_string())
        .collect()
}

const FEED_FIRST: &str = "Musterstadt: Bauanträge jetzt vollständig digital";
const PAGE_FIRST: &str = "Freibad öffnet die Saison früher";

#[test]
fn a_home_page_is_read_from_the_feed_it_advertises() {
    let s = site(the_feed());
    let json = stdout(&blatt(&["teasers", &s.url("/"), "--format", "json"]));
    let t = titles(&json);
    assert_eq!(t.len(), 3, "the feed's three items: {t:?}");
    assert_eq!(t[0], FEED_FIRST);
    // the text form says where the teasers come from
    let text = stdout(&blatt(&["teasers", &s.url("/"), "--width", "200"]));
    let first = text.lines().next().unwrap_or("");
    assert_eq!(
        first,
        format!(
            "note: via feed {} (the page advertises it; its teasers are the feed's)",
            s.url("/feed.xml")
        )
    );
    assert!(text.contains(FEED_FIRST), "{text}");
    assert!(!text.contains(PAGE_FIRST), "{text}");
}

#[test]
fn a_dead_feed_leaves_the_page_teasers() {
    for route in [
        Route::status(404, "not found"),
        Route::status(500, "broken"),
        // a feed URL that answers with a web page is no feed either
        Route::ok("text/html", home_page("/feed.xml")),
    ] {
        let s = site(route);
        let json = stdout(&blatt(&["teasers", &s.url("/"), "--format", "json"]));
        let t = titles(&json);
        assert_eq!(t.len(), 4, "the page's four teasers: {t:?}");
        assert_eq!(t[0], PAGE_FIRST);
        let text = stdout(&blatt(&["teasers", &s.url("/"), "--width", "200"]));
        let notes: Vec<&str> = text
            .lines()
            .take_while(|l| l.starts_with("note:"))
            .collect();
        assert!(
            notes.iter().any(|n| n.contains(&format!(
                "the page's feed {} did not answer",
                s.url("/feed.xml")
            )) && n.ends_with("teasers from the page")),
            "{notes:?}"
        );
        assert!(!text.contains("via feed"), "{text}");
    }
}

#[test]
fn kind_listing_keeps_the_page() {
    let s = site(the_feed());
    let json = stdout(&blatt(&[
        "teasers",
        &s.url("/"),
        "--format",
        "json",
        "--kind",
        "listing",
    ]));
    assert_eq!(titles(&json)[0], PAGE_FIRST);
    let text = stdout(&blatt(&["teasers", &s.url("/"), "--kind", "listing"]));
    assert!(!text.contains("via feed"), "{text}");
    assert!(
        text.starts_with("note: this page advertises a feed:"),
        "{text}"
    );
}

#[test]
fn a_file_is_never_redirected() {
    let s = site(the_feed());
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("home.html");
    // the file advertises the server's feed by its absolute URL
    std::fs::write(&page, home_page(&s.url("/feed.xml"))).unwrap();
    let json = stdout(&blatt(&[
        "teasers",
        page.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let t = titles(&json);
    assert_eq!(t.len(), 4, "{t:?}");
    assert_eq!(t[0], PAGE_FIRST);
}

#[test]
fn reload_reads_an_auto_source_from_its_feed_and_a_listing_source_from_its_page() {
    let s = site(the_feed());
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[[source]]\nurl = \"{}\"\n\n[[source]]\nurl = \"{}\"\nkind = \"listing\"\n",
            s.url("/"),
            s.url("/index.html")
        ),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_blatt"))
        .args(["reload", "--config"])
        .arg(&config)
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("XDG_CONFIG_HOME", dir.path().join("cfg"))
        .env_remove("BLATT_TIMEOUT_SECS")
        .output()
        .expect("run blatt");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&format!(
            "  {}: via feed {}",
            s.url("/"),
            s.url("/feed.xml")
        )),
        "{err}"
    );
    assert!(
        !err.contains(&format!("{}: via", s.url("/index.html"))),
        "{err}"
    );
    let db: PathBuf = dir.path().join("data/blatt/blatt.db");
    let store = Store::open(&db).expect("the store");
    let sources = store.sources().expect("sources");
    let items_of = |url: String| -> Vec<String> {
        let id = sources.iter().find(|r| r.url == url).expect("source").id;
        store
            .items(&Query {
                source_id: Some(id),
                ..Query::default()
            })
            .expect("items")
            .into_iter()
            .map(|i| i.teaser.title)
            .collect()
    };
    let auto = items_of(s.url("/"));
    assert_eq!(auto.len(), 3, "{auto:?}");
    assert!(auto.iter().any(|t| t == FEED_FIRST), "{auto:?}");
    let listing = items_of(s.url("/index.html"));
    assert_eq!(listing.len(), 4, "{listing:?}");
    assert!(listing.iter().any(|t| t == PAGE_FIRST), "{listing:?}");
}

//! The real binary against a real HTTP server on 127.0.0.1: `blatt teasers` and `blatt read` on
//! feeds, listing pages and article pages, over HTTP and from files, and every kind of failure.

mod common;

use common::{closed_port, fixture, gzip, Body, Route, Server};
use serde_json::{json, Value};
use std::process::Command;
use std::time::Duration;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn blatt(args: &[&str]) -> Run {
    blatt_env(args, &[])
}

fn blatt_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_blatt"));
    cmd.args(args)
        .env_remove("BLATT_TIMEOUT_SECS")
        .env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run blatt");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// A failure: exit status 1, nothing on stdout, one line on stderr containing `want`, no panic.
fn assert_error(r: &Run, want: &str) {
    assert_eq!(r.code, Some(1), "stderr: {}", r.stderr);
    assert!(r.stdout.is_empty(), "stdout: {}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "one line: {:?}", r.stderr);
    assert!(r.stderr.starts_with("blatt: "), "{:?}", r.stderr);
    assert!(r.stderr.contains(want), "want {want:?} in {:?}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

fn ok(r: &Run) -> &str {
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    assert!(r.stderr.is_empty(), "stderr: {}", r.stderr);
    &r.stdout
}

fn json_of(r: &Run) -> Value {
    serde_json::from_str(ok(r)).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

fn site() -> Server {
    Server::start(vec![
        (
            "/feed.xml",
            Route::fixture("application/rss+xml; charset=utf-8", "feeds/rss2.xml"),
        ),
        (
            "/aktuelles/bauantraege-digital.html",
            Route::fixture("text/html; charset=utf-8", "feeds/bauantraege-digital.html"),
        ),
        (
            "/news/",
            Route::fixture("text/html", "listing/div-list.html"),
        ),
        (
            "/news/ozg-bilanz.html",
            Route::fixture("text/html; charset=utf-8", "feeds/bauantraege-digital.html"),
        ),
        (
            "/atom.xml",
            Route::fixture("application/atom+xml", "feeds/atom.xml"),
        ),
        (
            "/feed.json",
            Route::fixture("application/feed+json", "feeds/jsonfeed.json"),
        ),
        (
            "/broken.xml",
            Route::fixture("application/rss+xml", "feeds/truncated.xml"),
        ),
    ])
}

#[test]
fn teasers_of_a_feed_as_json() {
    let s = site();
    let v = json_of(&blatt(&[
        "teasers",
        &s.url("/feed.xml"),
        "--format",
        "json",
    ]));
    let arr = v.as_array().expect("an array");
    assert_eq!(arr.len(), 3);
    for t in arr {
        let mut keys: Vec<_> = t.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(
            keys,
            ["kind", "published", "source", "summary", "title", "url"]
        );
    }
    assert_eq!(
        arr[0],
        json!({
            "title": "Musterstadt: Bauanträge jetzt vollständig digital",
            "url": s.url("/aktuelles/bauantraege-digital.html"),
            "published": "2025-12-22T09:30:00+00:00",
            "summary": "Seit dem 1. Dezember nimmt die Stadt Musterstadt Bauanträge nur noch über das Portal entgegen. Die Bearbeitungszeit sank um ein Drittel.",
            "source": "Kommune21 Nordheim & Umland",
            "kind": null
        })
    );
    assert_eq!(
        arr[1]["url"],
        "https://nordheim.example/interviews/beispiel-probst.html"
    );
    assert!(arr[1]["kind"].is_string());
}

#[test]
fn teasers_of_atom_and_json_feed_over_http() {
    let s = site();
    let v = json_of(&blatt(&[
        "teasers",
        &s.url("/atom.xml"),
        "--format",
        "json",
    ]));
    assert_eq!(
        v[0]["title"],
        "Registermodernisierung: erste Schritte in Bergweiler"
    );
    assert_eq!(v[0]["kind"], "article");
    let v = json_of(&blatt(&[
        "teasers",
        &s.url("/feed.json"),
        "--format",
        "json",
    ]));
    assert_eq!(v.as_array().unwrap().len(), 3);
    // a relative link resolves against the URL the feed was fetched from
    assert_eq!(v[2]["url"], s.url("/artikel/5"));
}

#[test]
fn teasers_of_a_listing_page_note_the_feed() {
    let s = site();
    let text = blatt(&[
        "teasers",
        &s.url("/news/"),
        "--format",
        "text",
        "--width",
        "60",
    ]);
    let out = ok(&text);
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "note: this page advertises a feed: {}",
            s.url("/rss/news.xml")
        )
    );
    assert!(
        out.contains("[2025-12-22] Musterstadt: Neues Bürgerportal gestartet"),
        "{out}"
    );
    // lines are wrapped to the width, except a URL, which is never broken
    assert!(
        out.lines()
            .filter(|l| !l.contains("://"))
            .all(|l| unicode_width(l) <= 60),
        "{out}"
    );

    let v = json_of(&blatt(&["teasers", &s.url("/news/"), "--format", "json"]));
    let arr = v.as_array().expect("still an array");
    assert_eq!(arr.len(), 5);
    assert_eq!(arr[0]["url"], s.url("/news/musterstadt-portal.html"));
    assert_eq!(arr[0]["published"], "2025-12-22");
    assert_eq!(arr[0]["source"], "Kommunal-IT Magazin – Nachrichten");
    assert!(arr[0]["kind"].is_null());
    assert_eq!(
        arr[3]["url"],
        "https://partner.example/bergweiler-glasfaser"
    );
}

fn unicode_width(s: &str) -> usize {
    s.chars().count()
}

#[test]
fn read_an_item_with_full_text_from_the_feed() {
    let s = site();
    let v = json_of(&blatt(&[
        "read",
        &s.url("/feed.xml"),
        "--item",
        "2",
        "--format",
        "json",
    ]));
    assert_eq!(
        v["title"],
        "„Wir haben mit den häufigsten Anträgen begonnen“"
    );
    assert_eq!(v["byline"], "Redaktion Nordheim");
    assert_eq!(v["published"], "2025-12-19T08:00:00+00:00");
    assert_eq!(
        v["lead"],
        "Anna Beispiel und Jonas Probst über zwei Jahre Onlinezugangsgesetz in Nordheim."
    );
    let blocks = v["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), 6);
    assert_eq!(blocks[4]["type"], "quote");

    let text = blatt(&[
        "read",
        &s.url("/feed.xml"),
        "--item",
        "2",
        "--format",
        "text",
        "--width",
        "50",
    ]);
    let out = ok(&text);
    assert!(
        out.starts_with("„Wir haben mit den häufigsten Anträgen"),
        "{out}"
    );
    assert!(out.lines().all(|l| l.chars().count() <= 50), "{out}");
    assert!(!out.contains('\u{1b}'));
    let ansi = blatt(&[
        "read",
        &s.url("/feed.xml"),
        "--item",
        "2",
        "--format",
        "ansi",
        "--width",
        "50",
    ]);
    assert!(ok(&ansi).contains('\u{1b}'), "ansi has escape codes");
}

#[test]
fn read_an_item_whose_body_is_fetched_from_its_link() {
    let s = site();
    let v = json_of(&blatt(&[
        "read",
        &s.url("/feed.xml"),
        "--item",
        "1",
        "--format",
        "json",
    ]));
    assert_eq!(
        v["title"],
        "Musterstadt: Bauanträge jetzt vollständig digital"
    );
    assert_eq!(v["url"], s.url("/aktuelles/bauantraege-digital.html"));
    let body: Vec<String> = v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["text"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(
        body.iter().any(|t| t.starts_with(
            "Seit dem 1. Dezember nimmt die Stadt Musterstadt Bauanträge nur noch über ihr Portal"
        )),
        "{body:?}"
    );
    // what the page does not say comes from the teaser
    assert_eq!(v["published"], "2025-12-22T09:30:00+00:00");
}

#[test]
fn read_item_out_of_range_and_feed_without_item() {
    let s = site();
    assert_error(
        &blatt(&["read", &s.url("/feed.xml"), "--item", "9"]),
        "--item must be between 1 and 3",
    );
    assert_error(
        &blatt(&["read", &s.url("/feed.xml")]),
        "choose one with --item N",
    );
}

#[test]
fn reading_a_listing_page_without_item_reads_it_as_an_article_with_a_note() {
    let s = Server::start(vec![(
        "/live/",
        Route::fixture("text/html; charset=utf-8", "listing/live-results.html"),
    )]);
    let file = format!(
        "{}/tests/fixtures/listing/live-results.html",
        env!("CARGO_MANIFEST_DIR")
    );
    for source in [s.url("/live/"), file] {
        // sniffing takes the page for a listing: its teasers are there
        let teasers = json_of(&blatt(&["teasers", &source, "--format", "json"]));
        assert_eq!(teasers.as_array().map(Vec::len), Some(8), "{source}");
        // reading it reads the page, and a note on stderr names the teasers
        let r = blatt(&["read", &source, "--format", "json"]);
        assert_eq!(r.code, Some(0), "{source}: {}", r.stderr);
        let v: Value =
            serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout));
        assert_eq!(
            v["title"], "Kreisliga Nord live: der 14. Spieltag",
            "{source}"
        );
        let text = format!("{} {}", v["lead"], v["blocks"]);
        assert!(text.contains("Wir berichten ab 15 Uhr"), "{source}: {text}");
        assert!(
            text.contains("FC Auenwalde – SV Nordheim 2:1"),
            "{source}: {text}"
        );
        assert_eq!(r.stderr.lines().count(), 1, "{source}: {:?}", r.stderr);
        assert!(r.stderr.starts_with("blatt: note: "), "{:?}", r.stderr);
        assert!(r.stderr.contains("8 teasers"), "{:?}", r.stderr);
        assert!(r.stderr.contains("--item N"), "{:?}", r.stderr);
    }
}

#[test]
fn files_work_like_urls() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let feed = format!("{dir}/tests/fixtures/feeds/rss2.xml");
    let v = json_of(&blatt(&["teasers", &feed, "--format", "json"]));
    assert_eq!(v.as_array().unwrap().len(), 3);
    // a relative link in a local feed resolves against the file's URL
    assert!(v[0]["url"]
        .as_str()
        .unwrap()
        .ends_with("/aktuelles/bauantraege-digital.html"));
    let v = json_of(&blatt(&["read", &feed, "--item", "2", "--format", "json"]));
    assert_eq!(v["byline"], "Redaktion Nordheim");
    let page = format!("{dir}/tests/fixtures/listing/blog-en.html");
    let v = json_of(&blatt(&["teasers", &page, "--format", "json"]));
    assert_eq!(v[1]["title"], "Forms that work on a phone");
    assert_eq!(v[1]["published"], "2025-12-15");
    let article = format!("{dir}/tests/fixtures/feeds/bauantraege-digital.html");
    let v = json_of(&blatt(&["read", &article, "--format", "json"]));
    assert_eq!(
        v["title"],
        "Musterstadt: Bauanträge jetzt vollständig digital"
    );
    assert_error(
        &blatt(&["read", &format!("{dir}/tests/fixtures/nope.html")]),
        "no such file",
    );
}

#[test]
fn broken_feed_is_a_one_line_error() {
    let s = site();
    assert_error(&blatt(&["teasers", &s.url("/broken.xml")]), "not a feed");
}

#[test]
fn http_404() {
    let s = site();
    assert_error(&blatt(&["teasers", &s.url("/missing.xml")]), "HTTP 404");
    assert_error(&blatt(&["read", &s.url("/missing.html")]), "HTTP 404");
}

#[test]
fn connection_refused() {
    let port = closed_port();
    assert_error(
        &blatt(&["teasers", &format!("http://127.0.0.1:{port}/feed.xml")]),
        "connection refused",
    );
}

#[test]
fn too_large_bodies() {
    let big = vec![b' '; 17 * 1024 * 1024];
    let s = Server::start(vec![
        ("/big-length", Route::ok("text/html", big.clone())),
        (
            "/big-stream",
            Route::ok("text/html", Vec::new()).with_body(Body::UntilClose(big.clone())),
        ),
        ("/bomb", Route::gzip("application/rss+xml", &big)),
    ]);
    for p in ["/big-length", "/big-stream", "/bomb"] {
        assert_error(&blatt(&["teasers", &s.url(p)]), "larger than 16 MiB");
    }
}

#[test]
fn redirects() {
    let mut routes = vec![(
        "/feed.xml",
        Route::fixture("application/rss+xml", "feeds/rss2.xml"),
    )];
    let names: Vec<String> = (0..8).map(|i| format!("/r{i}")).collect();
    for i in 0..7 {
        routes.push((names[i].as_str(), Route::redirect(&names[i + 1])));
    }
    routes.push(("/r7", Route::redirect("/feed.xml")));
    let s = Server::start(routes);
    // three redirects are followed (r5 → r6 → r7 → feed)
    let v = json_of(&blatt(&["teasers", &s.url("/r5"), "--format", "json"]));
    assert_eq!(v.as_array().unwrap().len(), 3);
    // the relative links resolve against the final URL
    assert_eq!(v[0]["url"], s.url("/aktuelles/bauantraege-digital.html"));
    // five are followed (r3 … r7 → feed), eight are too many
    assert!(blatt(&["teasers", &s.url("/r3")]).code == Some(0));
    assert_error(&blatt(&["teasers", &s.url("/r0")]), "too many redirects");
}

#[test]
fn timeout() {
    let s = Server::start(vec![(
        "/hang",
        Route::ok("text/html", "").with_body(Body::Hang),
    )]);
    let r = blatt_env(
        &["teasers", &s.url("/hang")],
        &[("BLATT_TIMEOUT_SECS", "1")],
    );
    assert_error(&r, "timed out after 1 s");
    assert_error(
        &blatt_env(
            &["teasers", &s.url("/hang")],
            &[("BLATT_TIMEOUT_SECS", "soon")],
        ),
        "BLATT_TIMEOUT_SECS must be a positive number",
    );
}

#[test]
fn gzip_and_slow_bodies() {
    let feed = fixture("feeds/rss2.xml");
    let s = Server::start(vec![
        ("/gz", Route::gzip("application/rss+xml", &feed)),
        (
            "/slow",
            Route::ok("application/rss+xml", Vec::new()).with_body(Body::Slow {
                bytes: feed.clone(),
                chunks: 5,
                pause: Duration::from_millis(100),
            }),
        ),
    ]);
    assert!(gzip(&feed).len() < feed.len());
    for p in ["/gz", "/slow"] {
        let v = json_of(&blatt(&["teasers", &s.url(p), "--format", "json"]));
        assert_eq!(
            v[2]["title"], "Kreistag beschließt Cloud-Strategie <Entwurf>",
            "{p}"
        );
    }
}

#[test]
fn charsets_over_http() {
    let s = Server::start(vec![
        // windows-1252 without any declaration, and a header without charset
        (
            "/w1252",
            Route::fixture("text/html", "charset/page-windows-1252.html"),
        ),
        // ISO-8859-15 known only from the HTTP header
        (
            "/latin9",
            Route::fixture(
                "text/html; charset=ISO-8859-15",
                "charset/page-iso-8859-15.html",
            ),
        ),
        // the XML declaration
        (
            "/feed-1252",
            Route::fixture("application/rss+xml", "charset/feed-windows-1252.xml"),
        ),
        (
            "/feed-latin1",
            Route::fixture("text/xml", "charset/feed-iso-8859-1.xml"),
        ),
    ]);
    let v = json_of(&blatt(&["teasers", &s.url("/w1252"), "--format", "json"]));
    assert_eq!(v[0]["title"], "Bürgerbüro: „Termine“ jetzt online buchbar");
    assert_eq!(v[0]["source"], "Rathaus Südstadt – Aktuelles");
    let v = json_of(&blatt(&["teasers", &s.url("/latin9"), "--format", "json"]));
    assert_eq!(v[0]["title"], "Gebühren für Reisepässe steigen auf 70 €");
    assert_eq!(
        v[2]["summary"],
        "Der Markt auf dem Schloßplatz ist bis zum 23. Dezember geöffnet."
    );
    let v = json_of(&blatt(&[
        "teasers",
        &s.url("/feed-1252"),
        "--format",
        "json",
    ]));
    assert_eq!(
        v[0]["title"],
        "Grüße aus Köln: „Straße der Zukunft“ eröffnet"
    );
    assert_eq!(
        v[0]["summary"],
        "Die Maßnahme kostet 5 € pro Einwohner – „günstig“, sagt der Kämmerer."
    );
    let v = json_of(&blatt(&[
        "teasers",
        &s.url("/feed-latin1"),
        "--format",
        "json",
    ]));
    assert_eq!(
        v[0]["title"],
        "Müllgebühren: Gemeinderat beschließt Änderung"
    );
}

#[test]
fn article_page_is_not_teasers() {
    let s = site();
    let r = blatt(&["teasers", &s.url("/aktuelles/bauantraege-digital.html")]);
    assert_error(&r, "is an article page");
    let text = blatt(&[
        "read",
        &s.url("/aktuelles/bauantraege-digital.html"),
        "--format",
        "text",
        "--width",
        "40",
    ]);
    let out = ok(&text);
    assert!(
        out.contains("Wie es weitergeht") || out.contains("WIE ES WEITERGEHT"),
        "{out}"
    );
    assert!(out.lines().all(|l| l.chars().count() <= 40), "{out}");
}

#[test]
fn read_an_item_of_a_listing_page() {
    let s = site();
    let v = json_of(&blatt(&[
        "read",
        &s.url("/news/"),
        "--item",
        "5",
        "--format",
        "json",
    ]));
    assert_eq!(v["url"], s.url("/news/ozg-bilanz.html"));
    assert_eq!(
        v["title"],
        "Musterstadt: Bauanträge jetzt vollständig digital"
    );
    // the page says no date: the teaser's date is used
    assert_eq!(v["published"], "2025-12-12");
    assert_error(
        &blatt(&["read", &s.url("/news/"), "--item", "1"]),
        "HTTP 404",
    );
}

#[test]
fn content_location_is_the_feeds_base() {
    let located = |location: &str| {
        let mut r = Route::fixture("application/atom+xml", "feeds/atom-relative.xml");
        r.headers.push(("Content-Location".into(), location.into()));
        r
    };
    let s = Server::start(vec![
        ("/feed", located("/archiv/2024/feed.xml")),
        ("/unsafe", located("javascript:alert(1)")),
        (
            "/plain",
            Route::fixture("application/atom+xml", "feeds/atom-relative.xml"),
        ),
    ]);
    let urls = |path: &str| {
        let v = json_of(&blatt(&["teasers", &s.url(path), "--format", "json"]));
        v.as_array()
            .expect("an array")
            .iter()
            .map(|t| t["url"].as_str().expect("a url").to_string())
            .collect::<Vec<_>>()
    };
    // relative links resolve against Content-Location (itself relative to the request), and an
    // entry's xml:base against that
    assert_eq!(
        urls("/feed"),
        [
            s.url("/archiv/2024/meldung-7.html"),
            s.url("/archiv/2024/sonder/index.html")
        ]
    );
    // without one, or with one that is no web address, against the feed's own URL
    for path in ["/plain", "/unsafe"] {
        assert_eq!(
            urls(path),
            [s.url("/meldung-7.html"), s.url("/sonder/index.html")],
            "{path}"
        );
    }
}

/// The seed's shape: a kicker, the lead in a teaser paragraph repeated as the first paragraph
/// (with markup and without its date), `<title>Interview: Title - Site</title>`. Each paragraph is
/// shown once and the site is named, from a file and over HTTP, in every format.
#[test]
fn a_lead_repeated_as_the_first_paragraph_is_shown_once_and_the_site_named() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let file = format!("{dir}/tests/fixtures/articles/interview-lead-repeated.html");
    let s = Server::start(vec![(
        "/interviews/akten-ohne-papier",
        Route::fixture(
            "text/html; charset=utf-8",
            "articles/interview-lead-repeated.html",
        ),
    )]);
    let url = s.url("/interviews/akten-ohne-papier");
    let lead_start = "Rechenwerk Nord hat für den Kreis Tannhövel";
    for src in [file.as_str(), url.as_str()] {
        let v = json_of(&blatt(&["read", src, "--format", "json"]));
        assert_eq!(v["source"], "Amtsblatt Digital", "{src}");
        assert_eq!(v["title"], "Akten ohne Papier im Kreis Tannhövel");
        assert_eq!(v["kicker"], "Interview");
        assert_eq!(v["published"], "2026-03-14");
        assert!(v["lead"].as_str().unwrap().contains(lead_start), "{v}");
        let blocks = v["blocks"].as_array().unwrap();
        assert!(
            blocks
                .iter()
                .all(|b| !b["text"].as_str().unwrap_or("").contains(lead_start)),
            "the lead again as a block: {v}"
        );
        assert!(blocks[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Frau Holtkamp, Herr Asmussen"));
        for format in ["text", "ansi"] {
            let out = ok(&blatt(&["read", src, "--format", format])).to_string();
            let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(flat.matches(lead_start).count(), 1, "{format}: {out}");
            assert_eq!(flat.matches("Kreishaus?").count(), 1, "{format}: {out}");
            assert!(flat.contains("Amtsblatt Digital"), "{format}: {out}");
            assert!(!out.contains("/tests/fixtures"), "{format}: {out}");
        }
    }
}

/// A page that names no site: the file's name stands in, never its directory.
#[test]
fn a_page_from_a_file_that_names_no_site_shows_the_file_name() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let file = format!("{dir}/tests/fixtures/articles/liveticker-nested-entries.html");
    let v = json_of(&blatt(&["read", &file, "--format", "json"]));
    assert_eq!(v["source"], "liveticker-nested-entries.html");
    let out = ok(&blatt(&["read", &file, "--format", "text"])).to_string();
    assert!(out.contains("liveticker-nested-entries.html"), "{out}");
    assert!(!out.contains("/tests/fixtures"), "{out}");
}

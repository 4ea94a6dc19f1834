//! Full-text feeds stored unparsed: a reload keeps each item's body as the feed carried it and the
//! article is made when it is opened. Checked on every feed fixture (the article made later equals the
//! one parsing everything at once makes), on real SQLite files (opening, search, the kinds recognised
//! afterwards, the migration from schema 4) and with the real binary reloading a feed file.

use blatt::document::{Article, Block, Kind, Listing, Parsed};
use blatt::parse::{self, feed::build_article, KindHint};
use blatt::store::{migrate_to, Query, Store, MIGRATIONS};
use std::path::Path;
use std::process::Command;

/// A full-text feed of ours: an interview whose turns start with `Name:`, a report with a figure,
/// links (one relative) and a word that is only in its body, and an item without a description.
const FEED: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Nordheimer Rundschau</title><link>https://rundschau.example/</link>
<item><title>„Wir verlegen die Glasfaser selbst“</title><link>https://rundschau.example/2026/interview-glasfaser</link>
<guid isPermaLink="false">rs-101</guid><pubDate>Tue, 03 Nov 2026 08:15:00 +0100</pubDate><dc:creator>Lena Marquardt</dc:creator>
<description>Oberaus Bürgermeisterin Greta Vollmer über Bagger, Förderbescheide und Geduld.</description>
<content:encoded><![CDATA[<p><em>Die Rundschau sprach mit Greta Vollmer, Bürgermeisterin von Oberau, über den Netzausbau.</em></p>
<p><strong>Rundschau:</strong> Frau Vollmer, warum baut Oberau sein Netz selbst?</p>
<p><strong>Greta Vollmer:</strong> Weil kein Anbieter kommen wollte. Wir haben zwei Jahre gewartet und dann selbst geplant.</p>
<p><strong>Rundschau:</strong> Was kostet das die Gemeinde?</p>
<p><strong>Vollmer:</strong> Rund vier Millionen, zur Hälfte gefördert. Den Rest tragen die Gebühren über zwanzig Jahre.</p>
<p><strong>Rundschau:</strong> Wann sind die ersten Häuser angeschlossen?</p>
<p><strong>Vollmer:</strong> Im Frühjahr. Die Bagger stehen schon am Sportplatz.</p>
<p><strong>Rundschau:</strong> Und wenn es länger dauert?</p>
<p><strong>Vollmer:</strong> Dann dauert es länger. Geduld haben wir in Oberau gelernt.</p>]]></content:encoded></item>
<item><title>Kirchturm in Weilersbach eingerüstet</title><link>https://rundschau.example/2026/kirchturm</link>
<guid isPermaLink="false">rs-102</guid><pubDate>Mon, 02 Nov 2026 17:40:00 +0100</pubDate><dc:creator>Paul Ehrlich-Sommer</dc:creator>
<description>Die Sanierung beginnt im Dezember.</description>
<content:encoded><![CDATA[<p>Seit Montag steht das Gerüst. Die <a href="/2026/kirchturm-spenden">Spendenaktion</a> hat 80.000 Euro gebracht, den Rest zahlt das <a href="https://land.example/denkmal">Landesamt</a>.</p>
<figure><img src="/bilder/kirchturm.jpg" alt="Der eingerüstete Turm"><figcaption>Der Turm im November</figcaption></figure>
<h2>Was gemacht wird</h2>
<p>Zuerst kommt die Zwiebelhaubensanierung an die Reihe, dann das Glockengeschoss. <strong>Die Glocken schweigen</strong> bis Ostern.</p>
<ul><li>Dachdeckung</li><li>Uhrwerk</li></ul>]]></content:encoded></item>
<item><title>Wochenmarkt zieht um</title><link>https://rundschau.example/2026/markt</link>
<guid isPermaLink="false">rs-103</guid><pubDate>Sun, 01 Nov 2026 09:00:00 +0100</pubDate>
<content:encoded><![CDATA[<p>Ab Samstag stehen die Stände auf dem Lindenplatz, weil der Marktplatz neu gepflastert wird. Die Händler sind zufrieden.</p>]]></content:encoded></item>
</channel></rss>
"#;

fn eager(bytes: &[u8]) -> Option<Listing> {
    match parse::parse_bytes(bytes, None, None, KindHint::Auto) {
        Ok(Parsed::Feed(l)) => Some(l),
        _ => None,
    }
}

fn lazy(bytes: &[u8]) -> Listing {
    match parse::parse_bytes_for_store(bytes, None, None, None, KindHint::Auto) {
        Ok(Parsed::Feed(l)) => l,
        other => panic!("a feed: {other:?}"),
    }
}

/// The same feed read both ways: the same teasers (only the kind waits for the article) and, made
/// later, the same articles. Returns how many items carried an article.
fn same_both_ways(name: &str, bytes: &[u8]) -> usize {
    let Some(e) = eager(bytes) else { return 0 };
    let l = lazy(bytes);
    assert_eq!(e.title, l.title, "{name}");
    assert_eq!(e.items.len(), l.items.len(), "{name}");
    let mut articles = 0;
    for (a, b) in e.items.iter().zip(&l.items) {
        assert!(b.article.is_none(), "{name}: the reload parses no article");
        assert_eq!(b.teaser.kind, None, "{name}");
        let mut teaser = a.teaser.clone();
        teaser.kind = None;
        assert_eq!(teaser, b.teaser, "{name}");
        assert_eq!(a.guid, b.guid, "{name}");
        let later = b.full_text.as_ref().and_then(build_article);
        assert_eq!(a.article, later, "{name}: {}", a.teaser.title);
        articles += usize::from(a.article.is_some());
    }
    articles
}

#[test]
fn every_feed_fixture_makes_the_same_articles_when_opened() {
    let mut articles = same_both_ways("FEED", FEED.as_bytes());
    assert_eq!(articles, 3);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        articles += same_both_ways(&path.display().to_string(), &bytes);
        files += 1;
    }
    assert!(files >= 10, "{files} fixture feeds");
    // the fixtures carry full texts in several forms (content:encoded, Atom html/xhtml/text, JSON Feed)
    assert!(articles >= 8, "{articles} articles");
}

#[test]
fn the_interview_is_recognised_when_opened() {
    let e = eager(FEED.as_bytes()).expect("feed");
    let a = e.items[0].article.as_ref().expect("article");
    assert_eq!(a.kind, Kind::Interview);
    assert!(a
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Answer { speaker, .. } if speaker == "Greta Vollmer")));
    let l = lazy(FEED.as_bytes());
    let later = build_article(l.items[0].full_text.as_ref().expect("full text")).expect("article");
    assert_eq!(later.kind, Kind::Interview);
    // relative links and images resolve against the item's link, as when parsed at once
    let report = build_article(l.items[1].full_text.as_ref().expect("full text")).expect("article");
    assert!(report.blocks.iter().any(|b| matches!(b,
        Block::Image { src: Some(s), .. } if s == "https://rundschau.example/bilder/kirchturm.jpg")));
}

fn stored(path: &Path) -> (Store, Vec<i64>) {
    let mut s = Store::open(path).expect("store");
    let id = s
        .upsert_source("https://rundschau.example/feed", None, "feed")
        .expect("source");
    s.apply_listing(id, &lazy(FEED.as_bytes()), None, None, 100)
        .expect("apply");
    let ids = guid_ids(&s);
    (s, ids)
}

/// Item ids in the fixture's order (rs-101, rs-102, rs-103).
fn guid_ids(s: &Store) -> Vec<i64> {
    let rows = s.items(&Query::default()).expect("items");
    ["rs-101", "rs-102", "rs-103"]
        .iter()
        .map(|g| {
            rows.iter()
                .find(|r| r.guid.as_deref() == Some(g))
                .expect("stored")
                .id
        })
        .collect()
}

/// What the feed's three items are, in feed order, once recognised.
const FEED_KINDS: [Option<Kind>; 3] = [
    Some(Kind::Interview),
    Some(Kind::Article),
    Some(Kind::Article),
];

fn kinds(s: &Store) -> Vec<Option<Kind>> {
    let rows = s.items(&Query::default()).expect("items");
    guid_ids(s)
        .iter()
        .map(|id| rows.iter().find(|r| r.id == *id).expect("row").teaser.kind)
        .collect()
}

fn hits(s: &Store, text: &str) -> Vec<i64> {
    s.items(&Query {
        text: Some(text.into()),
        ..Query::default()
    })
    .expect("search")
    .iter()
    .map(|r| r.id)
    .collect()
}

#[test]
fn a_stored_unparsed_article_opens_with_the_same_blocks_and_is_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("blatt.db");
    let (s, ids) = stored(&path);
    let e = eager(FEED.as_bytes()).expect("feed");
    // stored without a kind: nobody has opened them
    assert_eq!(kinds(&s), vec![None, None, None]);
    assert!(s
        .items(&Query::default())
        .unwrap()
        .iter()
        .all(|r| r.has_article));
    // a word only in the body of the second item, and one in the interview's answers
    assert_eq!(hits(&s, "Zwiebelhaubensanierung"), vec![ids[1]]);
    assert_eq!(hits(&s, "Sportplatz"), vec![ids[0]]);
    assert_eq!(hits(&s, "Lindenplatz"), vec![ids[2]]);
    drop(s);
    // a new process: the articles come from the file, made now
    let s = Store::open(&path).expect("reopen");
    for (id, item) in ids.iter().zip(&e.items) {
        let a: Option<Article> = s.article(*id).expect("article");
        assert_eq!(a, item.article, "{}", item.teaser.title);
    }
    // opening noted the kinds
    assert_eq!(kinds(&s), FEED_KINDS);
}

#[test]
fn the_kinds_are_recognised_afterwards_a_few_at_a_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, _) = stored(&dir.path().join("blatt.db"));
    assert_eq!(s.recognize_unparsed(2).expect("recognise"), 2);
    assert_eq!(s.recognize_unparsed(2).expect("recognise"), 1);
    assert_eq!(s.recognize_unparsed(2).expect("recognise"), 0);
    assert_eq!(kinds(&s), FEED_KINDS);
}

#[test]
fn a_changed_full_text_replaces_the_stored_one_and_its_search_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, ids) = stored(&dir.path().join("blatt.db"));
    assert_eq!(hits(&s, "Lindenplatz"), vec![ids[2]]);
    let changed = FEED.replace("Lindenplatz", "Kastanienhof");
    let source = s.items(&Query::default()).unwrap()[0].source_id;
    s.apply_listing(source, &lazy(changed.as_bytes()), None, None, 200)
        .expect("apply");
    assert!(hits(&s, "Lindenplatz").is_empty());
    assert_eq!(hits(&s, "Kastanienhof"), vec![ids[2]]);
    let a = s.article(ids[2]).expect("article").expect("stored");
    assert!(a.blocks[0].text().contains("Kastanienhof"));
    // a parsed article saved over it (a page fetched later) is what opens afterwards
    let page = Article {
        title: "Wochenmarkt zieht um".into(),
        blocks: vec![Block::paragraph("Der Markt steht jetzt am Brunnen.")],
        ..Article::default()
    };
    s.save_article(ids[2], &page, 300).expect("save");
    assert_eq!(s.article(ids[2]).expect("article"), Some(page));
    assert_eq!(hits(&s, "Brunnen"), vec![ids[2]]);
}

#[test]
fn a_schema_4_database_migrates_keeping_its_parsed_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("blatt.db");
    let old = Article {
        title: "Kirchturm in Weilersbach eingerüstet".into(),
        blocks: vec![Block::paragraph("Das Gerüst steht seit Montag.")],
        ..Article::default()
    };
    {
        let mut conn = rusqlite::Connection::open(&path).expect("sqlite");
        migrate_to(&mut conn, 4).expect("schema 4");
        conn.execute(
            "INSERT INTO sources (id, url, kind) VALUES (1, 'https://rundschau.example/feed', 'feed')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO items (id, source_id, key, guid, title, kind, read, first_seen)
             VALUES (7, 1, 'g:rs-102', 'rs-102', 'Kirchturm in Weilersbach eingerüstet', 'article', 1, 0)",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO articles (item_id, json, fetched) VALUES (7, ?1, 0)",
            [serde_json::to_string(&old).unwrap()],
        )
        .unwrap();
    }
    let mut s = Store::open(&path).expect("migrates");
    assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
    assert_eq!(s.article(7).expect("article"), Some(old));
    // the next reload stores the feed's full text over it, unparsed; the read mark stays
    s.apply_listing(1, &lazy(FEED.as_bytes()), None, None, 100)
        .expect("apply");
    let e = eager(FEED.as_bytes()).expect("feed");
    assert_eq!(s.article(7).expect("article"), e.items[1].article);
    let row = s
        .items(&Query::default())
        .unwrap()
        .into_iter()
        .find(|r| r.id == 7)
        .expect("row");
    assert!(row.read);
}

#[test]
fn blatt_reload_stores_full_texts_that_open_and_are_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = dir.path().join("rundschau.xml");
    std::fs::write(&feed, FEED).unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[[source]]\nurl = \"{}\"\nkind = \"feed\"\n",
            feed.display()
        ),
    )
    .unwrap();
    let blatt = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_blatt"))
            .args(args)
            .arg("--config")
            .arg(&config)
            .env("HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("XDG_STATE_HOME", dir.path().join("state"))
            .env("XDG_CONFIG_HOME", dir.path().join("cfg"))
            .output()
            .expect("run blatt")
    };
    let out = blatt(&["reload"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = Store::open(&dir.path().join("data/blatt/blatt.db")).expect("store");
    let ids = guid_ids(&s);
    assert_eq!(hits(&s, "Zwiebelhaubensanierung"), vec![ids[1]]);
    let e = eager(FEED.as_bytes()).expect("feed");
    let a = s.article(ids[0]).expect("article").expect("stored");
    // the binary reads the file with its location as the base; the blocks are the same
    assert_eq!(a.blocks, e.items[0].article.as_ref().unwrap().blocks);
    assert_eq!(a.kind, Kind::Interview);
}

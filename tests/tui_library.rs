//! `update()` over the stored sources: read marks and stars become store commands, filters, the
//! as-you-type filter with full-text hits, grouping, cached articles, and background reloads that keep
//! the selection where it is.

mod tui_common;

use blatt::app::state::{ArticleLoad, Grouping, Pane, SourceStatus};
use blatt::app::{update, Effect, Msg, State, StoreCmd};
use blatt::document::Teaser;
use blatt::store::{ItemRow, SourceRow};
use crossterm::event::KeyCode;
use tui_common::*;

fn source(id: i64, name: &str, last_fetch: Option<i64>) -> SourceRow {
    SourceRow {
        id,
        url: format!("http://127.0.0.1:9/{id}.xml"),
        name: Some(name.into()),
        kind: "auto".into(),
        title: None,
        etag: None,
        last_modified: None,
        last_fetch,
        last_ok: last_fetch,
        last_error: None,
    }
}

fn row(id: i64, source_id: i64, title: &str, date: &str, read: bool, cached: bool) -> ItemRow {
    ItemRow {
        id,
        source_id,
        teaser: Teaser {
            title: title.into(),
            url: Some(format!("http://127.0.0.1:9/a/{id}.html")),
            published: Some(date.into()),
            summary: Some(format!("Zusammenfassung {id}")),
            source: None,
            kind: None,
            kicker: None,
        },
        guid: None,
        read,
        starred: false,
        has_article: cached,
    }
}

const NOW: i64 = 1_800_000_000;

/// Two sources: Stadtnetz (3 items, newest first) and Landkreis (2 items).
fn library(interval: u64, fetched: Option<i64>) -> State {
    let sources = vec![
        source(10, "Stadtnetz", fetched),
        source(20, "Landkreis", fetched),
    ];
    let items = vec![
        row(1, 10, "Glasfaser für Oberau", "2026-03-12", false, true),
        row(
            5,
            20,
            "Kreistag beschließt Cloud",
            "2026-03-11",
            false,
            false,
        ),
        row(2, 10, "Neue Bibliothek", "2026-03-10", true, false),
        row(6, 20, "Wahlhelfer gesucht", "2026-03-09", false, false),
        row(3, 10, "Bürgerportal startet", "2026-03-08", false, false),
    ];
    State::library(&sources, items, interval, NOW, 120, 40)
}

fn titles(s: &State) -> Vec<String> {
    s.entries.iter().map(|e| e.teaser.title.clone()).collect()
}

fn store_cmds(fx: &[Effect]) -> Vec<StoreCmd> {
    fx.iter()
        .filter_map(|f| match f {
            Effect::Store(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn first_frame_from_the_store_and_a_reload_only_when_due() {
    let mut s = library(30, Some(NOW - 60));
    assert_eq!(
        titles(&s),
        vec![
            "Glasfaser für Oberau",
            "Neue Bibliothek",
            "Bürgerportal startet",
            "Kreistag beschließt Cloud",
            "Wahlhelfer gesucht"
        ],
        "grouped by source, each newest first"
    );
    assert_eq!(s.entries[0].teaser.source.as_deref(), Some("Stadtnetz"));
    let fx = s.start();
    assert!(
        !fx.contains(&Effect::ReloadAll),
        "fetched a minute ago: {fx:?}"
    );
    // the first teaser's article is in the store: asked from there, not from the web
    assert!(matches!(
        fx.as_slice(),
        [Effect::Store(StoreCmd::LoadArticle { item: 1, .. })]
    ));

    let mut s = library(30, Some(NOW - 31 * 60));
    assert!(s.start().contains(&Effect::ReloadAll));
    let mut s = library(30, None);
    assert!(s.start().contains(&Effect::ReloadAll), "never fetched");
    let mut s = library(0, None);
    assert!(!s.start().contains(&Effect::ReloadAll), "interval 0: never");

    // the clock makes it due later
    let mut s = library(30, Some(NOW));
    assert!(!s.start().contains(&Effect::ReloadAll));
    assert!(update(&mut s, Msg::Clock(NOW + 29 * 60)).is_empty());
    assert_eq!(
        update(&mut s, Msg::Clock(NOW + 30 * 60)),
        vec![Effect::ReloadAll]
    );
}

#[test]
fn reading_and_marks_become_store_commands() {
    let mut s = library(0, Some(NOW));
    s.start();
    // a preview alone leaves it unread; opening marks it read, once
    assert!(!s.entries[0].read);
    let fx = update(&mut s, code(KeyCode::Enter));
    assert_eq!(
        store_cmds(&fx),
        vec![StoreCmd::SetRead {
            item: 1,
            read: true
        }]
    );
    assert!(s.entries[0].read);
    assert!(store_cmds(&press(&mut s, "j")).is_empty(), "already read");
    update(&mut s, code(KeyCode::Esc));
    assert_eq!(s.focus, Pane::List);

    // u toggles, s stars
    assert_eq!(
        store_cmds(&press(&mut s, "u")),
        vec![StoreCmd::SetRead {
            item: 1,
            read: false
        }]
    );
    assert!(!s.entries[0].read);
    assert_eq!(
        store_cmds(&press(&mut s, "s")),
        vec![StoreCmd::SetStarred {
            item: 1,
            starred: true
        }]
    );
    assert!(s.entries[0].starred);

    // A: the whole source of the selected teaser, here Landkreis
    press(&mut s, "jjj");
    assert_eq!(
        s.selected_entry().unwrap().teaser.title,
        "Kreistag beschließt Cloud"
    );
    let fx = press(&mut s, "A");
    assert_eq!(
        store_cmds(&fx),
        vec![StoreCmd::MarkSourceRead { source: 20 }]
    );
    assert!(s
        .entries
        .iter()
        .filter(|e| e.source_id == 1)
        .all(|e| e.read));
    assert!(!s.entries[0].read, "the other source is untouched");
    assert!(s.status.as_deref().unwrap().contains("2 marked read"));
}

#[test]
fn unread_only_starred_only_and_grouping() {
    let mut s = library(0, Some(NOW));
    s.start();
    press(&mut s, "U");
    assert!(s.unread_only);
    assert_eq!(
        s.entries.len(),
        4,
        "Neue Bibliothek was read: {:?}",
        titles(&s)
    );
    assert_eq!(s.hidden.len(), 1);
    // reading the selected teaser in this view does not pull it away
    update(&mut s, code(KeyCode::Enter));
    update(&mut s, code(KeyCode::Esc));
    assert_eq!(
        s.selected_entry().unwrap().teaser.title,
        "Glasfaser für Oberau"
    );
    assert_eq!(s.entries.len(), 4);
    press(&mut s, "U");
    assert_eq!(s.entries.len(), 5);

    // starred only: nothing starred yet, then one
    press(&mut s, "S");
    assert_eq!(s.entries.len(), 0);
    press(&mut s, "S");
    press(&mut s, "jj");
    press(&mut s, "s");
    let starred = s.selected_entry().unwrap().teaser.title.clone();
    press(&mut s, "S");
    assert_eq!(titles(&s), vec![starred.clone()]);
    press(&mut s, "S");

    // t mixes all sources by date, and back
    press(&mut s, "t");
    assert_eq!(s.grouping, Grouping::ByDate);
    assert_eq!(
        titles(&s),
        vec![
            "Glasfaser für Oberau",
            "Kreistag beschließt Cloud",
            "Neue Bibliothek",
            "Wahlhelfer gesucht",
            "Bürgerportal startet"
        ]
    );
    assert_eq!(
        s.selected_entry().unwrap().teaser.title,
        starred,
        "the selection stays on its teaser"
    );
    press(&mut s, "t");
    assert_eq!(s.grouping, Grouping::BySource);
    assert_eq!(titles(&s)[3], "Kreistag beschließt Cloud");
}

#[test]
fn filter_as_you_type_with_full_text_hits() {
    let mut s = library(0, Some(NOW));
    s.start();
    press(&mut s, "/");
    assert!(s.filtering);
    // typed keys are text, not commands (q would quit, s would star)
    let fx = press(&mut s, "cloud");
    assert!(!s.quit);
    assert_eq!(titles(&s), vec!["Kreistag beschließt Cloud"]);
    assert!(store_cmds(&fx).contains(&StoreCmd::Search {
        text: "cloud".into()
    }));
    // the store's index finds a teaser whose body mentions it
    update(
        &mut s,
        Msg::SearchHits {
            text: "cloud".into(),
            ids: vec![5, 3],
        },
    );
    assert_eq!(
        titles(&s),
        vec!["Bürgerportal startet", "Kreistag beschließt Cloud"]
    );
    // hits for an older text are ignored
    update(&mut s, code(KeyCode::Backspace));
    update(
        &mut s,
        Msg::SearchHits {
            text: "cloud".into(),
            ids: vec![6],
        },
    );
    assert!(!titles(&s).contains(&"Wahlhelfer gesucht".to_string()));
    // summaries match too
    for _ in 0..4 {
        update(&mut s, code(KeyCode::Backspace));
    }
    press(&mut s, "zusammenfassung 6");
    assert_eq!(titles(&s), vec!["Wahlhelfer gesucht"]);
    // Enter keeps the filter and gives the keys back
    update(&mut s, code(KeyCode::Enter));
    assert!(!s.filtering);
    assert_eq!(s.filter, "zusammenfassung 6");
    press(&mut s, "s");
    assert!(s.entries[0].starred, "s is a command again");
    // Esc while typing clears it
    press(&mut s, "/");
    update(&mut s, code(KeyCode::Esc));
    assert!(!s.filtering);
    assert!(s.filter.is_empty());
    assert_eq!(s.entries.len(), 5);
}

#[test]
fn cached_articles_come_from_the_store_and_fetched_ones_go_into_it() {
    let mut s = library(0, Some(NOW));
    let fx = s.start();
    let [Effect::Store(StoreCmd::LoadArticle {
        entry_id,
        request_id,
        item: 1,
    })] = fx.as_slice()
    else {
        panic!("{fx:?}")
    };
    let (entry_id, request_id) = (*entry_id, *request_id);
    assert!(s.busy());
    let mut a = report();
    a.title = "Glasfaser für Oberau".into();
    let fx = update(
        &mut s,
        Msg::StoredArticle {
            item_id: entry_id,
            request_id,
            article: Some(Box::new(a)),
        },
    );
    assert!(fx.is_empty(), "no network, nothing to save: {fx:?}");
    assert!(s.entries[0].article.is_some());
    assert_eq!(s.entries[0].load, ArticleLoad::Idle);

    // not cached: from the web, then saved
    let fx = press(&mut s, "j");
    let [Effect::LoadArticle {
        item_id,
        request_id,
        url,
    }] = fx.as_slice()
    else {
        panic!("{fx:?}")
    };
    assert!(url.ends_with("/a/2.html"));
    let fx = update(
        &mut s,
        Msg::ArticleLoaded {
            item_id: *item_id,
            request_id: *request_id,
            result: Ok(interview()),
        },
    );
    match store_cmds(&fx).as_slice() {
        [StoreCmd::SaveArticle { item: 2, article }] => {
            assert_eq!(article.speakers.len(), 3)
        }
        other => panic!("{other:?}"),
    }
    assert!(s.entries[1].cached);

    // a store that lost it after all: the web
    let mut s = library(0, Some(NOW));
    let fx = s.start();
    let [Effect::Store(StoreCmd::LoadArticle {
        entry_id,
        request_id,
        ..
    })] = fx.as_slice()
    else {
        panic!("{fx:?}")
    };
    let fx = update(
        &mut s,
        Msg::StoredArticle {
            item_id: *entry_id,
            request_id: *request_id,
            article: None,
        },
    );
    assert!(
        matches!(fx.as_slice(), [Effect::LoadArticle { url, .. }] if url.ends_with("/a/1.html")),
        "{fx:?}"
    );
}

#[test]
fn a_background_reload_counts_progress_and_keeps_the_selection_in_place() {
    let mut s = State::library(
        &[source(10, "Stadtnetz", None), source(20, "Landkreis", None)],
        (0..30)
            .map(|i| {
                row(
                    100 + i,
                    10,
                    &format!("Meldung {i}"),
                    &format!("2026-02-{:02}", 28 - i % 28),
                    false,
                    false,
                )
            })
            .collect(),
        30,
        NOW,
        120,
        20,
    );
    assert_eq!(s.start()[0], Effect::ReloadAll);
    press(&mut s, "jjjjjjjjjjjj");
    let sel = s.selected_entry().unwrap().id;
    let screen_row = s.selected - s.list_offset;
    assert!(s.list_offset > 0);
    update(&mut s, Msg::ReloadStarted { total: 2, now: NOW });
    assert!(s.busy());
    assert_eq!(s.reloading.unwrap().total, 2);
    // the second source fails: its error is kept with it
    let mut failed = source(20, "Landkreis", Some(NOW));
    failed.last_error = Some("HTTP 500 Internal Server Error".into());
    update(
        &mut s,
        Msg::SourceRefreshed {
            source: failed.clone(),
            items: vec![],
            error: failed.last_error.clone(),
        },
    );
    let p = s.reloading.unwrap();
    assert_eq!((p.done, p.failed), (1, 1));
    assert!(matches!(&s.sources[1].status, SourceStatus::Failed(e) if e.contains("500")));
    let mut bar = String::new();
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 20)).unwrap();
    t.draw(|f| blatt::ui::view(&s, &blatt::ui::Theme::default(), f))
        .unwrap();
    let buf = t.backend().buffer().clone();
    for x in 0..120 {
        bar.push_str(buf[(x, 19)].symbol());
    }
    assert!(bar.contains("reloading 1/2 · 1 failed"), "{bar}");
    // the first brings three new teasers at the top: the selection stays on its teaser and row
    let mut items: Vec<ItemRow> = (0..3)
        .map(|i| row(200 + i, 10, &format!("Neu {i}"), "2026-03-01", false, false))
        .collect();
    items.extend((0..30).map(|i| {
        row(
            100 + i,
            10,
            &format!("Meldung {i}"),
            &format!("2026-02-{:02}", 28 - i % 28),
            false,
            false,
        )
    }));
    let fx = update(
        &mut s,
        Msg::SourceRefreshed {
            source: source(10, "Stadtnetz", Some(NOW)),
            items,
            error: None,
        },
    );
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(s.entries.len(), 33);
    assert_eq!(s.selected_entry().unwrap().id, sel);
    assert_eq!(s.selected - s.list_offset, screen_row);
    assert!(s.reloading.is_none());
    assert!(s.status.as_deref().unwrap().contains("1 failed"));
    // r reloads on demand
    assert_eq!(press(&mut s, "r"), vec![Effect::ReloadAll]);
    update(&mut s, Msg::ReloadStarted { total: 2, now: NOW });
    assert!(press(&mut s, "r").is_empty(), "one reload at a time");
}

#[test]
fn keys_from_the_config_drive_hints_and_help() {
    let cfg = blatt::config::parse(
        "[keys]\nfilter = \"f\"\ntoggle_star = [\"*\", \"ctrl-s\"]\n",
        std::path::Path::new("c.toml"),
    )
    .unwrap();
    let mut s = library(0, Some(NOW));
    s.keymap = cfg.keymap().unwrap();
    s.start();
    press(&mut s, "/");
    assert!(!s.filtering, "/ is no longer bound");
    press(&mut s, "f");
    assert!(s.filtering);
    update(&mut s, code(KeyCode::Esc));
    press(&mut s, "*");
    assert!(s.entries[0].starred);
    let hints = blatt::ui::status::hints_text(&s);
    assert!(hints.contains("f filter"), "{hints}");
    let help = s.keymap.help_rows();
    assert!(help
        .iter()
        .any(|(k, d)| k == "* Ctrl-s" && d.contains("star")));
}

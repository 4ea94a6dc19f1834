//! `update()`: sequences of messages, and the resulting state and effects.

mod tui_common;

use blatt::app::state::{ArticleLoad, Pane, SourceStatus};
use blatt::app::update::browser_command;
use blatt::app::{update, Effect, Msg, State};
use blatt::document::Kind;
use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use tui_common::*;

fn top_line(s: &State) -> String {
    let c = s.layout.as_ref().expect("a layout");
    c.layout.lines[s.scroll()].text()
}

#[test]
fn first_frame_state_and_sources_arrive_in_any_order() {
    let mut s = State::new(
        &["a.xml".into(), "b.xml".into()],
        Default::default(),
        120,
        40,
    );
    let fx = s.start();
    assert_eq!(fx.len(), 2);
    let ids: Vec<u64> = fx
        .iter()
        .map(|f| match f {
            Effect::LoadSource { request_id, .. } => *request_id,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_ne!(ids[0], ids[1]);
    assert!(s.busy());
    assert!(s.entries.is_empty());

    // the second source answers first
    let fx = update(
        &mut s,
        Msg::SourceLoaded {
            source_id: 1,
            request_id: ids[1],
            result: Ok(listing("Zweite", vec![item(interview())])),
        },
    );
    assert!(fx.is_empty());
    assert_eq!(s.entries.len(), 1);
    assert_eq!(s.sources[1].status, SourceStatus::Loaded);
    assert_eq!(s.sources[1].label, "Zweite");
    assert_eq!(
        s.selected_entry().unwrap().teaser.kind,
        Some(Kind::Interview)
    );
    let first_id = s.selected_entry().unwrap().id;

    // the first fails: its error stays with it, the other source is untouched
    update(
        &mut s,
        Msg::SourceLoaded {
            source_id: 0,
            request_id: ids[0],
            result: Err("network error: connection refused".into()),
        },
    );
    assert!(matches!(&s.sources[0].status, SourceStatus::Failed(e) if e.contains("refused")));
    assert_eq!(s.entries.len(), 1);
    assert_eq!(s.selected_entry().unwrap().id, first_id);
    assert!(!s.busy());

    // reload: both sources again, new request ids; the first now brings two teasers, which go first
    let fx = press(&mut s, "r");
    let new_ids: Vec<u64> = fx
        .iter()
        .map(|f| match f {
            Effect::LoadSource { request_id, .. } => *request_id,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(new_ids.len(), 2);
    assert!(new_ids.iter().all(|i| !ids.contains(i)));
    update(
        &mut s,
        Msg::SourceLoaded {
            source_id: 0,
            request_id: new_ids[0],
            result: Ok(listing("Erste", vec![item(report()), item(report())])),
        },
    );
    assert_eq!(s.entries.len(), 3);
    assert_eq!(s.entries[2].id, first_id, "source order is kept");
    assert_eq!(s.selected, 2, "the selection stays on the same teaser");
}

#[test]
fn stale_source_results_are_dropped() {
    let mut s = loaded_state(120, 40);
    let old = match &press(&mut s, "r")[0] {
        Effect::LoadSource { request_id, .. } => *request_id,
        e => panic!("{e:?}"),
    };
    let new = match &press(&mut s, "r")[0] {
        Effect::LoadSource { request_id, .. } => *request_id,
        e => panic!("{e:?}"),
    };
    assert_ne!(old, new);
    update(
        &mut s,
        Msg::SourceLoaded {
            source_id: 0,
            request_id: old,
            result: Ok(listing("Alt", vec![])),
        },
    );
    assert_eq!(s.entries.len(), 4, "the stale answer changed nothing");
    assert_eq!(s.sources[0].status, SourceStatus::Loading);
    update(
        &mut s,
        Msg::SourceLoaded {
            source_id: 0,
            request_id: new,
            result: Ok(listing("Neu", vec![item(report())])),
        },
    );
    assert_eq!(s.entries.len(), 1);
    assert_eq!(s.sources[0].label, "Neu");
}

#[test]
fn selection_moves_and_the_article_follows() {
    let mut s = loaded_state(120, 40);
    assert_eq!(s.selected, 0);
    assert!(top_line(&s).contains("Köln-Nord"));
    press(&mut s, "j");
    assert_eq!(s.selected, 1);
    let c = s.layout.as_ref().unwrap();
    assert!(c
        .layout
        .lines
        .iter()
        .any(|l| l.text().contains("Mira Lindqvist")));
    press(&mut s, "kkk");
    assert_eq!(s.selected, 0, "clamped at the top");
    press(&mut s, "G");
    assert_eq!(s.selected, 3);
    press(&mut s, "jj");
    assert_eq!(s.selected, 3, "clamped at the bottom");
    press(&mut s, "gg");
    assert_eq!(s.selected, 0);
    assert!(!s.entries[0].read, "a preview leaves it unread");
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(s.focus, Pane::Article);
    assert!(s.entries[0].read);
    update(&mut s, code(KeyCode::Esc));
    assert_eq!(s.focus, Pane::List);
    update(&mut s, code(KeyCode::Tab));
    assert_eq!(s.focus, Pane::Article);
    update(&mut s, code(KeyCode::Tab));
    assert_eq!(s.focus, Pane::List);
    press(&mut s, "l");
    assert_eq!(s.focus, Pane::Article);
    press(&mut s, "h");
    assert_eq!(s.focus, Pane::List);
}

#[test]
fn scroll_position_is_remembered_per_article() {
    let mut s = loaded_state(120, 40);
    press(&mut s, "l");
    press(&mut s, "jjjjj");
    assert_eq!(s.scroll(), 5);
    let line5 = top_line(&s);
    // to the interview, scroll there too
    press(&mut s, "h");
    press(&mut s, "j");
    assert_eq!(s.scroll(), 0, "a new article starts at the top");
    press(&mut s, "l");
    update(&mut s, code(KeyCode::PageDown));
    let page = s.scroll();
    assert!(page > 5, "a page is more than a few lines: {page}");
    // back to the report: its position is still there
    press(&mut s, "hk");
    assert_eq!(s.scroll(), 5);
    assert_eq!(top_line(&s), line5);
    press(&mut s, "j");
    assert_eq!(s.scroll(), page);
    // bottom and top
    press(&mut s, "lG");
    assert_eq!(s.scroll(), s.max_scroll());
    assert!(s.max_scroll() > 0);
    press(&mut s, "gg");
    assert_eq!(s.scroll(), 0);
    update(&mut s, code(KeyCode::PageUp));
    assert_eq!(s.scroll(), 0);
}

#[test]
fn turn_and_question_jumps() {
    let mut s = loaded_state(120, 30);
    press(&mut s, "j");
    let turns = s.layout.as_ref().unwrap().layout.turns.clone();
    let questions = s.layout.as_ref().unwrap().layout.questions.clone();
    assert_eq!(turns.len(), 17);
    assert_eq!(questions.len(), 7);
    assert!(questions.iter().all(|q| turns.contains(q)));

    press(&mut s, "]");
    assert_eq!(s.focus, Pane::Article, "a jump focuses the article");
    assert_eq!(s.scroll(), turns[0]);
    assert!(top_line(&s).starts_with("▌ Frau Lindqvist"));
    press(&mut s, "]");
    assert_eq!(s.scroll(), turns[1]);
    assert!(top_line(&s).starts_with("┃ Mira Lindqvist  Wir haben"));
    press(&mut s, "]");
    assert!(top_line(&s).starts_with("┃ Tobias Okafor  Im Kreis"));
    press(&mut s, "[");
    assert_eq!(s.scroll(), turns[1]);
    press(&mut s, "}");
    assert_eq!(s.scroll(), questions[1]);
    assert!(top_line(&s).contains("schwierigste"));
    press(&mut s, "{");
    assert_eq!(s.scroll(), questions[0]);
    press(&mut s, "{");
    assert_eq!(s.scroll(), questions[0]);
    assert!(s.status.as_deref().unwrap().contains("No earlier question"));
    // to the end: the last jumps stop at the bottom with a message
    for _ in 0..30 {
        press(&mut s, "]");
    }
    assert_eq!(s.scroll(), s.max_scroll());
    assert!(s.status.as_deref().unwrap().contains("No further"));

    // an ordinary article has no turns
    press(&mut s, "hk");
    press(&mut s, "]");
    assert_eq!(s.scroll(), 0);
    assert!(s.status.as_deref().unwrap().contains("No speaker turns"));
}

#[test]
fn narrow_mode_shows_one_pane_at_a_time() {
    let mut s = loaded_state(80, 30);
    assert!(s.narrow());
    let a = blatt::ui::areas(&s);
    assert!(a.list.is_some() && a.article.is_none());
    press(&mut s, "j");
    update(&mut s, code(KeyCode::Enter));
    let a = blatt::ui::areas(&s);
    assert!(a.list.is_none() && a.article.is_some());
    assert_eq!(a.article.unwrap().width, 78);
    update(&mut s, code(KeyCode::Esc));
    assert!(blatt::ui::areas(&s).article.is_none());
    // growing past 90 columns shows both
    update(&mut s, Msg::Resize(120, 30));
    let a = blatt::ui::areas(&s);
    assert!(a.list.is_some() && a.article.is_some());
}

#[test]
fn resize_keeps_selection_and_scroll() {
    let mut s = loaded_state(120, 40);
    press(&mut s, "j]]]");
    let sel = s.selected;
    let anchor = s.selected_entry().unwrap().anchor;
    assert!(top_line(&s).starts_with("┃ Tobias Okafor"));
    let wide_width = s.layout.as_ref().unwrap().width;
    update(&mut s, Msg::Resize(95, 35));
    assert_eq!(s.selected, sel);
    assert_ne!(s.layout.as_ref().unwrap().width, wide_width, "re-wrapped");
    assert_eq!(s.selected_entry().unwrap().anchor, anchor);
    assert!(
        top_line(&s).starts_with("┃ Tobias Okafor"),
        "{}",
        top_line(&s)
    );
    // narrow and back
    update(&mut s, Msg::Resize(70, 30));
    assert_eq!(s.selected, sel);
    assert!(top_line(&s).starts_with("┃ Tobias Okafor"));
    update(&mut s, Msg::Resize(120, 40));
    assert!(top_line(&s).starts_with("┃ Tobias Okafor"));
}

#[test]
fn a_teaser_without_body_loads_its_page_and_drops_stale_answers() {
    let mut s = loaded_state(120, 40);
    let fx = press(&mut s, "jj");
    assert_eq!(fx.len(), 1, "{fx:?}");
    let Effect::LoadArticle {
        item_id,
        request_id,
        url,
    } = fx[0].clone()
    else {
        panic!("{fx:?}")
    };
    assert_eq!(url, "https://lindenau.example/bib.html");
    assert!(s.busy());
    let lines: Vec<String> = s
        .layout
        .as_ref()
        .unwrap()
        .layout
        .lines
        .iter()
        .map(|l| l.text())
        .collect();
    assert!(
        lines.iter().any(|l| l.contains("Loading the article")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.contains("Zusammenfassung")));
    // moving away and back does not start a second request
    assert!(press(&mut s, "kj").is_empty());

    // an answer to another request is dropped
    update(
        &mut s,
        Msg::ArticleLoaded {
            item_id,
            request_id: request_id + 100,
            result: Ok(interview()),
        },
    );
    assert!(s.entries[2].article.is_none());
    // the failure is shown with the summary, r retries with a new request id
    update(
        &mut s,
        Msg::ArticleLoaded {
            item_id,
            request_id,
            result: Err("HTTP 503".into()),
        },
    );
    assert!(matches!(&s.entries[2].load, ArticleLoad::Failed(e) if e == "HTTP 503"));
    let lines: Vec<String> = s
        .layout
        .as_ref()
        .unwrap()
        .layout
        .lines
        .iter()
        .map(|l| l.text())
        .collect();
    assert!(lines
        .iter()
        .any(|l| l.contains("Could not load the article: HTTP 503")));
    assert!(lines.iter().any(|l| l.contains("Press r to try again")));
    assert!(lines.iter().any(|l| l.contains("Zusammenfassung")));
    let fx = press(&mut s, "r");
    let Effect::LoadArticle {
        item_id: id2,
        request_id: rid2,
        ..
    } = fx[0].clone()
    else {
        panic!("{fx:?}")
    };
    assert_eq!(id2, item_id);
    assert_ne!(rid2, request_id);
    // the old request's late answer is stale now
    update(
        &mut s,
        Msg::ArticleLoaded {
            item_id,
            request_id,
            result: Ok(report()),
        },
    );
    assert!(s.entries[2].article.is_none());
    let mut page = interview();
    page.title = String::new();
    page.published = None;
    update(
        &mut s,
        Msg::ArticleLoaded {
            item_id,
            request_id: rid2,
            result: Ok(page),
        },
    );
    let e = &s.entries[2];
    let a = e.article.as_ref().expect("loaded");
    assert_eq!(
        a.title, "Neue Bibliothek in Oberhagen",
        "filled from the teaser"
    );
    assert_eq!(a.published.as_deref(), Some("2026-03-09"));
    assert_eq!(e.teaser.kind, Some(Kind::Interview));
    assert!(!s.busy());
}

#[test]
fn open_link_only_for_http() {
    let mut s = loaded_state(120, 40);
    s.browser = Some("firefox --new-window".into());
    let fx = press(&mut s, "o");
    assert_eq!(
        fx,
        vec![Effect::OpenLink {
            program: "firefox".into(),
            args: vec![
                "--new-window".into(),
                "https://lindenau.example/glasfaser.html".into()
            ],
        }]
    );
    for bad in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://x.example/a",
        "not a url",
    ] {
        s.entries[0].article.as_mut().unwrap().url = Some(bad.into());
        let fx = press(&mut s, "o");
        assert!(fx.is_empty(), "{bad}: {fx:?}");
        let msg = s.status.clone().unwrap_or_default();
        assert!(msg.starts_with("Not opening"), "{bad}: {msg}");
    }
    assert_eq!(
        browser_command(None, "https://a.example/x y"),
        ("xdg-open".into(), vec!["https://a.example/x y".into()])
    );
    assert_eq!(
        browser_command(Some("w3m %s -dump"), "https://a.example/"),
        (
            "w3m".into(),
            vec!["https://a.example/".into(), "-dump".into()]
        )
    );
}

#[test]
fn reload_effects_and_demo() {
    let mut s = loaded_state(120, 40);
    let fx = press(&mut s, "r");
    assert!(matches!(
        fx.as_slice(),
        [Effect::LoadSource { source_id: 0, location, .. }] if location == "feed.xml"
    ));
    let mut demo = State::demo(vec![item(interview())], vec![], 120, 40);
    assert!(demo.start().is_empty(), "the demo edition loads nothing");
    assert!(press(&mut demo, "r").is_empty());
    assert!(demo.status.as_deref().unwrap().contains("demo"));
    assert!(press(&mut demo, "o").is_empty());
    assert!(press(&mut demo, "q").contains(&Effect::Quit));
    assert!(demo.quit);
}

#[test]
fn help_overlay_swallows_the_next_key() {
    let mut s = loaded_state(120, 40);
    press(&mut s, "?");
    assert!(s.help);
    press(&mut s, "j");
    assert!(!s.help);
    assert_eq!(
        s.selected, 0,
        "the key that closed the help did nothing else"
    );
    press(&mut s, "?");
    let fx = press(&mut s, "q");
    assert!(fx.contains(&Effect::Quit));
}

#[test]
fn mouse_click_selects_and_wheel_scrolls_the_pane_under_the_pointer() {
    let mut s = loaded_state(120, 40);
    let ev = |kind, column, row| {
        Msg::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // teaser 2 occupies rows 2 and 3 (no source lines once loaded)
    update(&mut s, ev(MouseEventKind::Down(MouseButton::Left), 5, 3));
    assert_eq!(s.selected, 1);
    let art_x = blatt::ui::areas(&s).article.unwrap().x;
    update(&mut s, ev(MouseEventKind::ScrollDown, art_x + 5, 10));
    assert_eq!(s.scroll(), 3);
    update(&mut s, ev(MouseEventKind::ScrollUp, art_x + 5, 10));
    assert_eq!(s.scroll(), 0);
    // wheel over the list moves the list, not the selection or the article
    update(&mut s, ev(MouseEventKind::ScrollDown, 5, 10));
    assert_eq!(s.selected, 1);
    assert_eq!(s.scroll(), 0);
    // a click below the last teaser selects nothing
    update(&mut s, ev(MouseEventKind::Down(MouseButton::Left), 5, 30));
    assert_eq!(s.selected, 1);
    update(
        &mut s,
        ev(MouseEventKind::Down(MouseButton::Left), art_x + 3, 5),
    );
    assert_eq!(s.focus, Pane::Article);
}

#[test]
fn spinner_ticks_only_while_loading() {
    let mut s = State::new(&["x".into()], Default::default(), 100, 30);
    s.start();
    update(&mut s, Msg::Tick);
    update(&mut s, Msg::Tick);
    assert_eq!(s.spinner, 2);
    let mut idle = loaded_state(100, 30);
    update(&mut idle, Msg::Tick);
    assert_eq!(idle.spinner, 0);
}

#[test]
fn scrolling_reuses_the_wrapped_lines() {
    let mut s = loaded_state(120, 40);
    press(&mut s, "l");
    let before = s.layout.as_ref().unwrap().layout.lines.as_ptr();
    for _ in 0..5 {
        update(&mut s, code(KeyCode::PageDown));
    }
    press(&mut s, "kkg");
    assert_eq!(
        s.layout.as_ref().unwrap().layout.lines.as_ptr(),
        before,
        "no re-wrap while scrolling"
    );
    let w = s.layout.as_ref().unwrap().width;
    update(&mut s, Msg::Resize(100, 40));
    assert_ne!(s.layout.as_ref().unwrap().width, w, "a resize re-wraps");
}

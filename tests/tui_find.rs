//! Search inside the article (`/` in the article pane, `n`/`N`, `Esc`): driven through `update`,
//! checked in the state and on the screen cell by cell (the highlight is a style, not text).

mod tui_common;

use blatt::app::{update, State};
use blatt::document::*;
use blatt::ui::Theme;
use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use tui_common::*;

/// The reader on the interview, its article focused.
fn interview_focused(w: u16, h: u16) -> State {
    let mut s = loaded_state(w, h);
    update(&mut s, key('j'));
    update(&mut s, code(KeyCode::Enter));
    s
}

fn status(buf: &Buffer) -> String {
    row(buf, buf.area.height - 1)
}

/// Cells of the article pane drawn reversed (the search highlight), as (column, row).
fn reversed_cells(s: &State, buf: &Buffer) -> Vec<(u16, u16)> {
    let r = blatt::ui::areas(s).article.expect("article pane");
    let mut out = Vec::new();
    for y in r.y..r.y + r.height {
        for x in r.x..r.x + r.width {
            if buf[(x, y)].modifier.contains(Modifier::REVERSED) {
                out.push((x, y));
            }
        }
    }
    out
}

/// How often `needle` occurs, case-insensitively, in everything the interview shows as text.
fn occurrences(a: &Article, needle: &str) -> usize {
    let mut all = vec![a.title.clone(), a.lead.clone().unwrap_or_default()];
    all.extend(a.blocks.iter().map(|b| b.text().to_string()));
    all.iter()
        .map(|t| t.to_lowercase().matches(&needle.to_lowercase()).count())
        .sum()
}

#[test]
fn slash_in_the_article_searches_it_and_counts_as_you_type() {
    let mut s = interview_focused(120, 40);
    let expected = occurrences(&interview(), "wir");
    assert!(expected >= 6, "the fixture has enough matches: {expected}");
    press(&mut s, "/");
    assert!(!s.filtering, "in the article pane / is no teaser filter");
    let f = s.find.as_ref().expect("a search began");
    assert!(f.typing);
    press(&mut s, "W");
    let after_one = s.find.as_ref().unwrap().hits.len();
    press(&mut s, "i");
    let after_two = s.find.as_ref().unwrap().hits.len();
    press(&mut s, "R");
    let f = s.find.as_ref().unwrap();
    assert_eq!(f.query, "WiR");
    assert_eq!(f.hits.len(), expected, "case-insensitive, every occurrence");
    assert!(
        after_one >= after_two && after_two > f.hits.len(),
        "narrower as the query grows"
    );
    assert_eq!(f.current, Some(0));
    let buf = render_with(&s, &Theme::default());
    let st = status(&buf);
    assert!(st.contains(&format!("/WiR▏  1/{expected}")), "{st}");
    // highlighted as typed: three reversed cells per visible match, the first one bold
    let rev = reversed_cells(&s, &buf);
    assert!(rev.len() >= 6 && rev.len().is_multiple_of(3), "{rev:?}");
    let (x, y) = rev[0];
    assert_eq!(span(&buf, y, x, x + 3).to_lowercase(), "wir");
    assert!(buf[(x, y)]
        .modifier
        .contains(Modifier::BOLD | Modifier::UNDERLINED));
    let (x2, y2) = rev[3];
    assert_eq!(span(&buf, y2, x2, x2 + 3).to_lowercase(), "wir");
    assert!(!buf[(x2, y2)].modifier.contains(Modifier::UNDERLINED));
    // backspace widens again
    update(&mut s, code(KeyCode::Backspace));
    assert_eq!(s.find.as_ref().unwrap().hits.len(), after_two);
    assert_eq!(s.find.as_ref().unwrap().query, "Wi");
    update(&mut s, key('r'));
    // Enter keeps the search; n/N now move, and the status line counts
    update(&mut s, code(KeyCode::Enter));
    assert!(!s.find.as_ref().unwrap().typing);
    press(&mut s, "nn");
    assert_eq!(s.find.as_ref().unwrap().current, Some(2));
    let buf = render_with(&s, &Theme::default());
    assert!(
        status(&buf).contains(&format!("/Wir  3/{expected}")),
        "{}",
        status(&buf)
    );
    press(&mut s, "N");
    assert_eq!(s.find.as_ref().unwrap().current, Some(1));
}

#[test]
fn next_scrolls_to_the_match_and_wraps_around() {
    let mut s = interview_focused(120, 24);
    press(&mut s, "/verdoppeln");
    update(&mut s, code(KeyCode::Enter));
    let n = s.find.as_ref().unwrap().hits.len();
    assert_eq!(n, 4, "four follow-up answers say it");
    let h = s.article_height();
    for i in 0..n {
        if i > 0 {
            press(&mut s, "n");
        }
        let f = s.find.as_ref().unwrap();
        assert_eq!(f.current, Some(i));
        let line = f.hits[i].line();
        let top = s.scroll();
        assert!(
            line >= top && line < top + h,
            "match {i} on line {line}, view {top}..{}",
            top + h
        );
        // on screen, the current match is where the layout says
        let buf = render_with(&s, &Theme::default());
        let r = blatt::ui::areas(&s).article.unwrap();
        let y = r.y + (line - top) as u16;
        let row_text = row(&buf, y);
        assert!(row_text.contains("verdoppeln"), "{row_text}");
        let x = (r.x..r.x + r.width)
            .find(|&x| buf[(x, y)].modifier.contains(Modifier::UNDERLINED))
            .expect("the current match is marked");
        assert_eq!(span(&buf, y, x, x + 10), "verdoppeln");
    }
    // past the last: back to the first, and the status line says so
    press(&mut s, "n");
    assert_eq!(s.find.as_ref().unwrap().current, Some(0));
    assert!(
        s.status.as_deref().unwrap_or("").contains("top"),
        "{:?}",
        s.status
    );
    press(&mut s, "N");
    assert_eq!(s.find.as_ref().unwrap().current, Some(n - 1));
}

#[test]
fn a_match_in_a_turn_keeps_the_speakers_colour_around_it() {
    let mut s = interview_focused(120, 40);
    press(&mut s, "/okafor");
    let theme = Theme::default();
    let buf = render_with(&s, &theme);
    // the label of Tobias Okafor's first turn
    let (tx, ty) = find(&buf, "┃ Tobias Okafor  Im").expect("his turn on screen");
    let colour = buf[(tx, ty)].fg;
    assert!(
        !buf[(tx, ty)].modifier.contains(Modifier::REVERSED),
        "the gutter is not the match"
    );
    let name = tx + 2;
    let surname = name + "Tobias ".len() as u16;
    for x in name..surname {
        let c = &buf[(x, ty)];
        assert_eq!(c.fg, colour, "first name in his colour");
        assert!(!c.modifier.contains(Modifier::REVERSED));
    }
    for x in surname..surname + 6 {
        let c = &buf[(x, ty)];
        assert_eq!(c.fg, colour, "the match keeps his colour");
        assert!(c.modifier.contains(Modifier::REVERSED | Modifier::BOLD));
    }
    // the answer's text after the label is plain again
    let after = surname + 6 + 2;
    assert_eq!(buf[(after, ty)].symbol(), "I");
    assert!(!buf[(after, ty)].modifier.contains(Modifier::REVERSED));
    // wrapped lines of his turn keep the gutter in his colour
    assert_eq!(buf[(tx, ty + 1)].symbol(), "┃");
    assert_eq!(buf[(tx, ty + 1)].fg, colour);
    // monochrome: the highlight still shows (reversed needs no colour)
    let mono = render_with(&s, &Theme::monochrome());
    assert!(mono[(surname, ty)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn matches_across_soft_hyphens_and_line_wraps() {
    let text = "Die Samt\u{ad}gemeinde Lohmarsch stellt ihre Bürger\u{ad}beteiligungs\u{ad}plattform vor. \
                Die Bürgerbeteiligungsplattform der Samtgemeinde ersetzt drei ältere Portale, die \
                niemand mehr pflegen wollte, und kostet weniger als eines davon.";
    let a = Article {
        title: "Neues Portal".into(),
        blocks: vec![Block::paragraph(text.to_string())],
        ..Article::default()
    };
    for width in [92u16, 100, 110, 120, 140] {
        let mut s = State::with_items("Stadtnetz", vec![item(a.clone())], vec![], width, 20);
        update(&mut s, code(KeyCode::Enter));
        press(&mut s, "/bürgerbeteiligungsplattform");
        assert_eq!(s.find.as_ref().unwrap().hits.len(), 2, "width {width}");
        for (q, n) in [
            ("samtgemeinde", 2),
            ("ältere portale, die niemand mehr pflegen", 1),
        ] {
            update(&mut s, code(KeyCode::Esc));
            press(&mut s, "/");
            press(&mut s, q);
            assert_eq!(s.find.as_ref().unwrap().hits.len(), n, "{q} at {width}");
        }
    }
    // at a width where the long phrase wraps, the match covers both lines on screen
    let mut s = State::with_items("Stadtnetz", vec![item(a)], vec![], 100, 20);
    update(&mut s, code(KeyCode::Enter));
    press(
        &mut s,
        "/die bürgerbeteiligungsplattform der samtgemeinde ersetzt drei ältere",
    );
    let f = s.find.as_ref().unwrap();
    assert_eq!(f.hits.len(), 1);
    let rows: std::collections::BTreeSet<usize> = f.hits[0].pieces.iter().map(|p| p.line).collect();
    assert!(
        rows.len() >= 2,
        "a 70-character match wraps in a 64-column pane"
    );
    let buf = render_with(&s, &Theme::default());
    let rev = reversed_cells(&s, &buf);
    let screen_rows: std::collections::BTreeSet<u16> = rev.iter().map(|c| c.1).collect();
    assert_eq!(screen_rows.len(), rows.len());
    let marked: String = screen_rows
        .iter()
        .map(|&y| {
            rev.iter()
                .filter(|c| c.1 == y)
                .map(|&(x, y)| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        marked.to_lowercase(),
        "die bürgerbeteiligungsplattform der samtgemeinde ersetzt drei ältere"
    );
}

#[test]
fn esc_clears_then_goes_back_and_the_list_still_filters() {
    let mut s = interview_focused(120, 40);
    press(&mut s, "/lindqvist");
    update(&mut s, code(KeyCode::Enter));
    assert!(!reversed_cells(&s, &render_with(&s, &Theme::default())).is_empty());
    update(&mut s, code(KeyCode::Esc));
    assert!(s.find.is_none());
    assert_eq!(
        s.focus,
        blatt::app::state::Pane::Article,
        "the first Esc only clears"
    );
    let buf = render_with(&s, &Theme::default());
    assert!(reversed_cells(&s, &buf).is_empty());
    assert!(!status(&buf).contains("/lindqvist"));
    // Esc while typing clears too
    press(&mut s, "/okaf");
    update(&mut s, code(KeyCode::Esc));
    assert!(s.find.is_none());
    update(&mut s, code(KeyCode::Esc));
    assert_eq!(s.focus, blatt::app::state::Pane::List);
    // in the list, / filters the teasers as before
    press(&mut s, "/glasfaser");
    assert!(s.filtering);
    assert!(s.find.is_none());
    assert!(s
        .entries
        .iter()
        .all(|e| e.teaser.title.to_lowercase().contains("glasfaser")
            || e.teaser
                .summary
                .as_deref()
                .unwrap_or("")
                .to_lowercase()
                .contains("glasfaser")));
    // n without a search says how to start one
    update(&mut s, code(KeyCode::Enter));
    press(&mut s, "n");
    assert!(
        s.status.as_deref().unwrap_or("").contains("No search"),
        "{:?}",
        s.status
    );
}

#[test]
fn the_search_follows_a_resize_and_ends_with_another_article() {
    let mut s = interview_focused(120, 40);
    press(&mut s, "/kommune");
    update(&mut s, code(KeyCode::Enter));
    press(&mut s, "n");
    let before = s.find.as_ref().unwrap().hits.len();
    assert!(before >= 2);
    update(&mut s, blatt::app::Msg::Resize(100, 30));
    let f = s.find.as_ref().expect("still searching");
    assert_eq!(f.hits.len(), before, "the same matches in the new wrapping");
    assert_eq!(f.current, Some(1));
    press(&mut s, "nnn");
    assert!(s.find.is_some());
    // another teaser: the search ends
    update(&mut s, code(KeyCode::Tab));
    assert!(s.find.is_some(), "the list has the focus, the search stays");
    press(&mut s, "j");
    assert!(s.find.is_none());
    // no match: said so, nothing marked
    update(&mut s, code(KeyCode::Enter));
    press(&mut s, "/zzzq");
    let buf = render_with(&s, &Theme::default());
    assert!(status(&buf).contains("no match"), "{}", status(&buf));
    assert!(reversed_cells(&s, &buf).is_empty());
}

#[test]
fn the_status_line_names_the_keys_as_bound() {
    use crossterm::event::{KeyEvent, KeyModifiers};
    let mut s = interview_focused(120, 40);
    let cfg: blatt::config::Config = toml::from_str("[keys]\nfind_next = \"ctrl-n\"\n").unwrap();
    s.configure(&cfg).unwrap();
    press(&mut s, "/kommune");
    update(&mut s, code(KeyCode::Enter));
    let st = status(&render_with(&s, &Theme::default()));
    assert!(st.contains("Ctrl-n/N next/previous"), "{st}");
    let before = s.find.as_ref().unwrap().current;
    press(&mut s, "n");
    assert_eq!(
        s.find.as_ref().unwrap().current,
        before,
        "n is not bound any more"
    );
    update(
        &mut s,
        blatt::app::Msg::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL)),
    );
    assert_eq!(
        s.find.as_ref().unwrap().current,
        before.map(|c| c + 1),
        "ctrl-n steps"
    );
}

//! Rendering on ratatui's TestBackend: whole-screen snapshots (text) and per-cell style assertions
//! (colours and attributes, which text snapshots do not carry).

mod tui_common;

use blatt::app::{update, Msg, State};
use blatt::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use tui_common::*;

fn render(s: &State, theme: &Theme) -> Buffer {
    render_with(s, theme)
}
use unicode_width::UnicodeWidthStr;

fn interview_state(w: u16, h: u16) -> State {
    let mut s = loaded_state(w, h);
    update(&mut s, key('j'));
    s
}

#[test]
fn wide_interview_screen() {
    let s = interview_state(120, 40);
    insta::assert_snapshot!(
        "wide_interview_120x40",
        text(&render(&s, &Theme::default()))
    );
}

#[test]
fn narrow_screens() {
    let mut s = interview_state(80, 30);
    insta::assert_snapshot!("narrow_list_80x30", text(&render(&s, &Theme::default())));
    update(&mut s, code(crossterm::event::KeyCode::Enter));
    insta::assert_snapshot!(
        "narrow_interview_80x30",
        text(&render(&s, &Theme::default()))
    );
}

#[test]
fn help_overlay_and_loading_sources() {
    let mut s = State::new(
        &["https://stadtnetz.example/feed.xml".into()],
        Default::default(),
        120,
        40,
    );
    s.start();
    insta::assert_snapshot!("first_frame_loading", text(&render(&s, &Theme::default())));
    let mut s = interview_state(120, 40);
    update(&mut s, key('?'));
    let t = text(&render(&s, &Theme::default()));
    // generated from the keymap: every command's description is in the overlay
    for c in blatt::app::Command::ALL {
        assert!(t.contains(c.description()), "{}", c.description());
    }
    insta::assert_snapshot!("help_overlay", t);
}

#[test]
fn speakers_get_distinct_colours_and_questions_stand_apart() {
    let s = interview_state(120, 40);
    let theme = Theme::default();
    let buf = render(&s, &theme);

    let (mx, my) = find(&buf, "┃ Mira Lindqvist  Wir").expect("Mira's turn on screen");
    let (tx, ty) = find(&buf, "┃ Tobias Okafor  Im").expect("Tobias's turn on screen");
    let mira = buf[(mx, my)].fg;
    let tobias = buf[(tx, ty)].fg;
    assert!(matches!(mira, Color::Rgb(..)), "{mira:?}");
    assert!(matches!(tobias, Color::Rgb(..)), "{tobias:?}");
    assert_ne!(mira, tobias, "two speakers, two colours");
    // the name label starts the turn, right after the gutter, bold in the speaker's colour
    for x in mx + 2..mx + 2 + "Mira Lindqvist".len() as u16 {
        assert_eq!(buf[(x, my)].fg, mira);
        assert!(buf[(x, my)].modifier.contains(Modifier::BOLD));
    }
    // the text after the label is plain
    let after = mx + 2 + "Mira Lindqvist".len() as u16 + 2;
    assert_eq!(buf[(after, my)].symbol(), "W");
    assert!(!buf[(after, my)].modifier.contains(Modifier::BOLD));
    // wrapped lines keep the gutter in the speaker's colour, until the next turn
    let mut y = my + 1;
    let mut wrapped = 0;
    while !row(&buf, y)[..].contains("Tobias Okafor  ") && y < buf.area.height - 1 {
        let cell = &buf[(mx, y)];
        if cell.symbol() == "┃" {
            assert_eq!(cell.fg, mira, "row {y}");
            wrapped += 1;
        } else {
            break;
        }
        y += 1;
    }
    assert!(
        wrapped >= 3,
        "Mira's long turn wraps, keeping the gutter: {wrapped}"
    );
    // the bold mark inside her answer
    let (bx, by) = find(&buf, "Anwohnerparken").expect("marked word");
    assert!(buf[(bx, by)].modifier.contains(Modifier::BOLD));
    assert_eq!(buf[(bx, by)].fg, Color::Reset);

    // the question: a bar and bold text in the interviewer's colour, unlike both speakers
    let (qx, qy) = find(&buf, "▌ Frau Lindqvist").expect("question on screen");
    let bar = &buf[(qx, qy)];
    assert_eq!(bar.fg, theme.interviewer);
    let q = &buf[(qx + 2, qy)];
    assert!(q.modifier.contains(Modifier::BOLD));
    assert_eq!(q.fg, theme.interviewer);
    assert_ne!(q.fg, mira);
    assert_ne!(q.fg, tobias);
    // its wrapped continuation keeps the bar (the question is longer than one line at this width)
    assert_eq!(buf[(qx, qy + 1)].symbol(), "▌");

    // the legend under the title names both speakers in their colours
    let (lx, ly) = find(&buf, "┃ Mira Lindqvist  ┃ Tobias Okafor").expect("legend");
    assert!(ly < my);
    assert_eq!(buf[(lx, ly)].fg, mira);

    // the pull quote: indented, italic
    let (px, py) = find(&buf, "„Ohne gemeinsame").expect("pull quote");
    assert!(buf[(px, py)].modifier.contains(Modifier::ITALIC));
    assert_eq!(
        row(&buf, py)[..]
            .find("„")
            .map(|i| row(&buf, py)[..i].width()),
        Some(px as usize)
    );
    assert!(px >= ui::areas(&s).article.unwrap().x + 4);
}

#[test]
fn monochrome_keeps_the_labels() {
    let s = interview_state(120, 40);
    let buf = render(&s, &Theme::monochrome());
    let (mx, my) = find(&buf, "┃ Mira Lindqvist").expect("label without colour");
    assert_eq!(buf[(mx, my)].fg, Color::Reset);
    assert!(find(&buf, "┃ Tobias Okafor").is_some());
}

#[test]
fn cjk_and_emoji_titles_keep_the_layout() {
    for (w, h) in [(120u16, 40u16), (80, 30)] {
        let mut s = loaded_state(w, h);
        update(&mut s, key('G'));
        let buf = render(&s, &Theme::default());
        let t = text(&buf);
        if !s.narrow() {
            // the separator stands in the same column on every body row
            let sep = ui::areas(&s).separator.unwrap().x;
            for y in 0..h - 1 {
                assert_eq!(buf[(sep, y)].symbol(), "│", "row {y}:\n{t}");
            }
            assert!(t.contains("東京の電子政府"), "{t}");
        }
        // every row is exactly the screen's width
        for y in 0..h {
            assert_eq!(row(&buf, y).width(), w as usize, "row {y}");
        }
        update(&mut s, key('l'));
        let buf = render(&s, &Theme::default());
        let a = ui::areas(&s).article.unwrap();
        let (x, _) = find(&buf, "東京の電子政府").expect("title in the article");
        assert_eq!(x, a.x);
        for y in 0..h {
            assert_eq!(row(&buf, y).width(), w as usize, "row {y}");
        }
    }
}

#[test]
fn control_characters_never_reach_the_screen() {
    let mut s = State::new(&["x".into()], Default::default(), 100, 30);
    let fx = s.start();
    let blatt::app::Effect::LoadSource { request_id, .. } = fx[0] else {
        panic!()
    };
    let mut evil = report();
    evil.title = "Titel\x1b]52;c;ZXZpbA==\x07 mit \x1b[2J Steuerzeichen\u{9b}31m".into();
    evil.blocks = vec![blatt::document::Block::paragraph(
        "Text\x1b[31m rot \u{202e}gnp\r\nzweite Zeile",
    )];
    update(
        &mut s,
        Msg::SourceLoaded {
            source_id: 0,
            request_id,
            result: Ok(listing("Quelle\x1b[5m", vec![item(evil)])),
        },
    );
    let buf = render(&s, &Theme::default());
    for cell in buf.content() {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(blatt::parse::sanitize::is_forbidden),
            "{:?}",
            cell.symbol()
        );
    }
    assert!(text(&buf).contains("Steuerzeichen"));
}

#[test]
fn source_errors_do_not_block_other_sources() {
    let mut s = State::new(&["a".into(), "b".into()], Default::default(), 120, 20);
    let fx = s.start();
    let ids: Vec<u64> = fx
        .iter()
        .map(|f| match f {
            blatt::app::Effect::LoadSource { request_id, .. } => *request_id,
            _ => 0,
        })
        .collect();
    update(
        &mut s,
        Msg::SourceLoaded {
            source_id: 0,
            request_id: ids[0],
            result: Err("HTTP 404".into()),
        },
    );
    let t = text(&render(&s, &Theme::default()));
    assert!(t.contains("✗ a: HTTP 404"), "{t}");
    assert!(t.contains(" b …"), "{t}");
    update(
        &mut s,
        Msg::SourceLoaded {
            source_id: 1,
            request_id: ids[1],
            result: Ok(listing("Stadtnetz", vec![item(report())])),
        },
    );
    let t = text(&render(&s, &Theme::default()));
    assert!(t.contains("✗ a: HTTP 404"), "{t}");
    assert!(t.contains("Köln-Nord: Glasfaser"), "{t}");
}

#[test]
fn tiny_and_odd_sizes_do_not_panic() {
    for (w, h) in [
        (1u16, 1u16),
        (2, 2),
        (5, 3),
        (12, 4),
        (30, 6),
        (89, 10),
        (90, 10),
        (200, 8),
    ] {
        let mut s = interview_state(w, h);
        let _ = render(&s, &Theme::default());
        for k in ['l', ']', 'G', '?'] {
            update(&mut s, key(k));
            let buf = render(&s, &Theme::default());
            assert_eq!(buf.area.width, w);
        }
    }
}

/// Prints how long wrapping and scrolling a 100,000-word article take (run with `--ignored`).
#[test]
#[ignore = "a measurement, not a check"]
fn measure_long_article() {
    let mut a = report();
    let para = "Der Kreistag von Oberhagen beriet am Dienstag über die Zukunft der Rechenzentren, die Kosten der Cloud und die Frage, wer künftig die Verantwortung trägt. ";
    a.blocks = (0..4200)
        .map(|_| blatt::document::Block::paragraph(para))
        .collect();
    let words: usize = a
        .blocks
        .iter()
        .map(|b| b.text().split_whitespace().count())
        .sum();
    let t0 = std::time::Instant::now();
    let layout = ui::article::layout_article(&a, 78);
    let wrap = t0.elapsed();
    let mut s = loaded_state(120, 40);
    s.entries[0].article = Some(Box::new(a));
    s.entries[0].version += 1;
    update(&mut s, key('l'));
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let t1 = std::time::Instant::now();
    for _ in 0..1000 {
        update(&mut s, code(crossterm::event::KeyCode::PageDown));
        t.draw(|f| ui::view(&s, &Theme::default(), f)).unwrap();
    }
    let scroll = t1.elapsed();
    println!(
        "{words} words, {} lines: wrap {:?}; 1000 page-downs with redraw {:?} ({:?} each)",
        layout.lines.len(),
        wrap,
        scroll,
        scroll / 1000
    );
    assert!(s.scroll() > 0);
}

#[test]
fn hints_and_help_follow_the_keymap() {
    use blatt::app::keymap::Key;
    use blatt::app::Command;
    let mut s = interview_state(120, 40);
    for b in s.keymap.bindings.iter_mut() {
        if b.1 == Command::Quit && b.0 == vec![Key::ch('q')] {
            b.0 = vec![Key::ch('x')];
        }
    }
    let t = text(&render(&s, &Theme::default()));
    let status = t.lines().last().unwrap().to_string();
    assert!(status.contains("x quit"), "{status}");
    assert!(!status.contains("q quit"), "{status}");
    // the key does what the hint says
    assert!(update(&mut s, key('q')).is_empty());
    update(&mut s, key('?'));
    let t = text(&render(&s, &Theme::default()));
    assert!(t.contains("│x Ctrl-c"), "{t}");
    update(&mut s, key('?'));
    assert!(update(&mut s, key('x')).contains(&blatt::app::Effect::Quit));
}

/// On a terminal shorter than the help, the overlay scrolls with the moving keys and says so; every
/// command can be reached; any other key closes it.
#[test]
fn the_help_scrolls_on_a_short_terminal() {
    let mut s = interview_state(100, 20);
    update(&mut s, key('?'));
    let first = text(&render(&s, &Theme::default()));
    assert!(
        first.contains("Keys 1–"),
        "the title shows the scroll position:\n{first}"
    );
    let hidden: Vec<_> = blatt::app::Command::ALL
        .iter()
        .filter(|c| !first.contains(c.description()))
        .collect();
    assert!(!hidden.is_empty(), "the help fits 20 rows?\n{first}");
    // paging down shows them all in turn
    let mut seen = first.clone();
    for _ in 0..10 {
        update(&mut s, key(' '));
        seen.push_str(&text(&render(&s, &Theme::default())));
    }
    assert!(s.help, "paging closed the help");
    for c in blatt::app::Command::ALL {
        assert!(seen.contains(c.description()), "{}", c.description());
    }
    let last = text(&render(&s, &Theme::default()));
    assert!(last.contains("any other key closes"), "{last}");
    // k scrolls back up, one line
    let before = s.help_scroll;
    update(&mut s, key('k'));
    assert_eq!(s.help_scroll, before - 1);
    // another key closes it; on a tall terminal j closes it too (nothing to scroll)
    update(&mut s, key('x'));
    assert!(!s.help);
    let mut tall = interview_state(120, 60);
    update(&mut tall, key('?'));
    let tall_text = text(&render(&tall, &Theme::default()));
    assert!(!tall_text.contains("PgUp scroll") && !tall_text.contains("Keys 1–"));
    update(&mut tall, key('j'));
    assert!(!tall.help);
}

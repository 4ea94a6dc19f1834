//! Links, key sequences, counts, the clipboard and the mouse, through `update` and on a TestBackend:
//! the article's links numbered in the text (`Bericht[1]`) and listed at its end, `2o` opening link 2,
//! `y` copying with OSC 52 only when the config allows it, `g g`, clicks on `[N]`, dragging the
//! divider, and the config's `[keys]`/`[mouse]`/`[clipboard]` read from a real file.

mod hostile_pty;
mod tui_common;

use blatt::app::keymap::Key;
use blatt::app::state::Pane;
use blatt::app::update::browser_command;
use blatt::app::{update, Command, Effect, Msg, State};
use blatt::document::*;
use blatt::ui::{self, Theme};
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use tui_common::*;

fn render(s: &State) -> Buffer {
    render_with(s, &Theme::default())
}
use unicode_width::UnicodeWidthStr;

const BERICHT: &str = "https://wendelsee.example/kreistag/bericht.pdf";
const STELLUNGNAHME: &str = "https://kreis-oberhagen.example/stellungnahme";
const PROJEKT: &str = "https://wendelsee.example/projekt?teil=2";
const ARTICLE_URL: &str = "https://wendelsee.example/register.html";

fn link(text: &str, word: &str, href: &str) -> Mark {
    let start = text.find(word).expect("word in text");
    Mark {
        start,
        end: start + word.len(),
        style: MarkStyle::Link,
        href: Some(href.into()),
    }
}

/// A report with four distinct links: one twice, one `javascript:`, one with an escape sequence in
/// its href, one inside an interviewee's answer.
fn linked() -> Article {
    let p1 =
        "Der Kreistag von Wendelsee hat den Bericht zur Registermodernisierung veröffentlicht.";
    let p2 = "Die Stellungnahme des Landkreises und noch einmal der Bericht liegen vor. Ein Klick hier zeigt nichts.";
    let a1 = "Alles Weitere steht auf der Projektseite, dort auch die Termine.";
    let mut blocks = vec![
        Block::Paragraph {
            text: p1.into(),
            marks: vec![link(p1, "Bericht zur Registermodernisierung", BERICHT)],
        },
        Block::Paragraph {
            text: p2.into(),
            marks: vec![
                link(p2, "Stellungnahme", STELLUNGNAHME),
                // the same URL again, written differently: one number
                link(
                    p2,
                    "Bericht",
                    "HTTPS://Wendelsee.example/kreistag/bericht.pdf",
                ),
                link(p2, "hier", "javascript:alert(document.cookie)"),
            ],
        },
        Block::Answer {
            speaker: "Hanne Tjarks".into(),
            text: a1.into(),
            marks: vec![link(a1, "Projektseite", &format!("{PROJEKT}\u{1b}[2J"))],
        },
    ];
    for i in 0..6 {
        blocks.push(Block::paragraph(format!(
            "Absatz {}: Die Verwaltung von Wendelsee prüft bis zum Herbst, welche Register zuerst umgestellt werden.",
            i + 1
        )));
    }
    Article {
        title: "Wendelsee: Bericht zur Registermodernisierung".into(),
        url: Some(ARTICLE_URL.into()),
        published: Some("2026-04-02".into()),
        kind: Kind::Article,
        speakers: vec![Speaker {
            name: "Hanne Tjarks".into(),
            role: Role::Interviewee,
            labels: vec!["Hanne Tjarks".into()],
        }],
        blocks,
        ..Article::default()
    }
}

/// The linked article in the reader, focused.
fn reading(w: u16, h: u16) -> State {
    let mut s = State::with_items("Kreisblatt", vec![item(linked())], vec![], w, h);
    press(&mut s, "l");
    assert_eq!(s.focus, Pane::Article);
    s
}

fn click(column: u16, row: u16) -> Msg {
    mouse(MouseEventKind::Down(MouseButton::Left), column, row)
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Msg {
    Msg::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

fn opened(fx: &[Effect]) -> Vec<String> {
    fx.iter()
        .filter_map(|f| match f {
            Effect::OpenLink { args, .. } => args.last().cloned(),
            _ => None,
        })
        .collect()
}

fn status(s: &State) -> String {
    s.status.clone().unwrap_or_default()
}

#[test]
fn links_are_numbered_in_order_once_each_and_sanitized() {
    let s = reading(120, 40);
    let links = s.selected_entry().unwrap().links();
    assert_eq!(
        links,
        vec![
            BERICHT.to_string(),
            STELLUNGNAHME.to_string(),
            "javascript:alert(document.cookie)".to_string(),
            format!("{PROJEKT}[2J"),
        ]
    );
    assert!(links.iter().all(|l| !l.chars().any(char::is_control)));
    let layout = &s.layout.as_ref().unwrap().layout;
    assert_eq!(layout.links, links, "the layout lists the same links");
}

#[test]
fn footnote_marks_and_the_links_list_on_screen() {
    let mut s = reading(120, 24);
    let buf = render(&s);
    let t = text(&buf);
    assert!(
        t.contains("den Bericht zur Registermodernisierung[1]"),
        "{t}"
    );
    assert!(t.contains("Stellungnahme[2] des Landkreises"), "{t}");
    assert!(t.contains("der Bericht[1] liegen"), "{t}");
    assert!(t.contains("Klick hier[3] zeigt"), "{t}");
    assert!(t.contains("Projektseite[4], dort"), "{t}");
    assert!(!t.contains("[5]"), "{t}");
    // the marks look like links (underlined), the words after them do not
    let (x, y) = find(&buf, "Stellungnahme[2]").unwrap();
    let mark = &buf[(x + "Stellungnahme".len() as u16 + 1, y)];
    assert_eq!(mark.symbol(), "2");
    assert!(mark.modifier.contains(Modifier::UNDERLINED), "{mark:?}");
    let after = &buf[(x + "Stellungnahme[2] d".len() as u16, y)];
    assert!(!after.modifier.contains(Modifier::UNDERLINED), "{after:?}");
    // inside a speaker's turn the mark is a link too
    let (x, y) = find(&buf, "Projektseite[4]").unwrap();
    assert!(buf[(x + 13, y)].modifier.contains(Modifier::UNDERLINED));

    // the list at the end
    press(&mut s, "G");
    let buf = render(&s);
    let t = text(&buf);
    let lines: Vec<&str> = t.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_end().ends_with("│ Links"))
        .unwrap_or_else(|| panic!("a Links heading:\n{t}"));
    let entry = |i: usize| {
        lines[at + 1 + i]
            .split("│ ")
            .nth(1)
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(entry(0), format!("[1] {BERICHT}"));
    assert_eq!(entry(1), format!("[2] {STELLUNGNAHME}"));
    assert_eq!(entry(2), "[3] javascript:alert(document.cookie)");
    assert_eq!(entry(3), format!("[4] {PROJEKT}[2J"));
    assert!(s.scroll() > 0, "the end is below the first screen");
    insta::assert_snapshot!("links_list_120x24", t);
}

#[test]
fn long_urls_wrap_under_themselves() {
    let mut a = linked();
    let long = format!("https://wendelsee.example/{}", "register/".repeat(12));
    let t = "Ein sehr langer Verweis.";
    a.blocks.push(Block::Paragraph {
        text: t.into(),
        marks: vec![link(t, "Verweis", &long)],
    });
    let mut s = State::with_items("Kreisblatt", vec![item(a)], vec![], 80, 30);
    press(&mut s, "l");
    let layout = &s.layout.as_ref().unwrap().layout;
    let at = layout
        .lines
        .iter()
        .position(|l| l.text().starts_with("[5] "))
        .expect("link 5 listed");
    let first = layout.lines[at].text();
    let second = layout.lines[at + 1].text();
    assert!(
        second.starts_with("    ") && !second.trim().is_empty(),
        "{second:?}"
    );
    assert_eq!(
        format!("{}{}", &first[4..], second.trim_start()),
        long,
        "the URL is whole across the lines"
    );
    for l in &layout.lines {
        assert!(l.text().width() <= layout.width, "{:?}", l.text());
    }
    assert_eq!(
        layout.link_at(at + 1, 6),
        Some(5),
        "a wrapped line is link 5 too"
    );
}

#[test]
fn a_count_then_open_opens_that_link() {
    let mut s = reading(120, 40);
    let fx = press(&mut s, "2");
    assert!(fx.is_empty());
    assert_eq!(s.count, Some(2));
    assert!(status(&s).starts_with("2 …"), "{}", status(&s));
    assert!(text(&render(&s)).contains("2 …  o opens link 2"));
    let fx = press(&mut s, "o");
    let (program, args) = browser_command(None, STELLUNGNAHME);
    assert_eq!(fx, vec![Effect::OpenLink { program, args }]);
    assert_eq!(s.count, None);
    // without a number: the article
    assert_eq!(opened(&press(&mut s, "o")), vec![ARTICLE_URL.to_string()]);
    // two digits; the sanitized href
    s.browser = Some("firefox --new-tab".into());
    let fx = press(&mut s, "0o");
    assert_eq!(s.count, None);
    assert_eq!(
        opened(&fx),
        vec![ARTICLE_URL.to_string()],
        "a lone 0 is no count"
    );
    let fx = press(&mut s, "04o");
    assert_eq!(
        fx,
        vec![Effect::OpenLink {
            program: "firefox".into(),
            args: vec!["--new-tab".into(), format!("{PROJEKT}[2J")],
        }]
    );
    // a number no link has
    assert!(press(&mut s, "12o").is_empty());
    assert_eq!(status(&s), "No link 12: this article has 4 links.");
    // Esc drops the number (and does nothing else)
    press(&mut s, "3");
    update(&mut s, code(KeyCode::Esc));
    assert_eq!((s.count, s.focus), (None, Pane::Article));
    assert_eq!(opened(&press(&mut s, "o")), vec![ARTICLE_URL.to_string()]);
    // a number before another command is dropped
    press(&mut s, "2j");
    assert_eq!(s.count, None);
    assert_eq!(opened(&press(&mut s, "o")), vec![ARTICLE_URL.to_string()]);
}

#[test]
fn a_javascript_link_is_refused() {
    let mut s = reading(120, 40);
    let fx = press(&mut s, "3o");
    assert!(fx.is_empty(), "{fx:?}");
    assert!(
        status(&s).contains("Not opening a javascript: link"),
        "{}",
        status(&s)
    );
    // clicking its number is refused the same way
    let buf = render(&s);
    let (x, y) = find(&buf, "hier[3]").unwrap();
    assert!(update(&mut s, click(x + 5, y)).is_empty());
    assert!(status(&s).contains("javascript"), "{}", status(&s));
}

#[test]
fn copying_writes_osc52_only_when_enabled() {
    let mut s = reading(120, 40);
    assert!(!s.osc52, "off by default");
    assert!(press(&mut s, "y").is_empty());
    assert!(status(&s).contains("osc52 = true"), "{}", status(&s));
    assert!(press(&mut s, "2y").is_empty());

    s.osc52 = true;
    assert_eq!(press(&mut s, "y"), vec![Effect::Copy(ARTICLE_URL.into())]);
    assert_eq!(
        press(&mut s, "2y"),
        vec![Effect::Copy(STELLUNGNAHME.into())]
    );
    assert_eq!(
        press(&mut s, "4y"),
        vec![Effect::Copy(format!("{PROJEKT}[2J"))]
    );
    assert!(press(&mut s, "3y").is_empty(), "javascript: is not copied");
    assert!(status(&s).contains("Not copying"), "{}", status(&s));
}

#[test]
fn osc52_is_base64_between_esc_and_bel() {
    use blatt::app::effects::{base64, osc52};
    // RFC 4648's test vectors
    for (plain, enc) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64(plain.as_bytes()), enc, "{plain:?}");
    }
    assert_eq!(base64("ä/".as_bytes()), "w6Qv");
    assert_eq!(osc52("foobar"), "\x1b]52;c;Zm9vYmFy\x07");
    // control characters never reach the sequence
    assert_eq!(osc52("foo\x07\x1b]bar"), osc52("foo]bar"));
}

#[test]
fn g_g_goes_to_the_top_and_a_lone_g_loses_no_key() {
    let mut s = loaded_state(120, 40);
    press(&mut s, "G");
    assert_eq!(s.selected, 3);
    press(&mut s, "g");
    assert_eq!(s.selected, 3, "g alone waits");
    assert_eq!(s.pending, vec![Key::ch('g')]);
    assert!(status(&s).starts_with("g …"), "{}", status(&s));
    let t = text(&render(&s));
    assert!(t.lines().last().unwrap().contains("g …"), "{t}");
    press(&mut s, "g");
    assert_eq!(s.selected, 0);
    assert!(s.pending.is_empty());
    assert_eq!(s.status, None);

    // g, then another key: the key does its own work
    press(&mut s, "G");
    press(&mut s, "gk");
    assert_eq!(s.selected, 2, "k after g still moves up");
    assert!(s.pending.is_empty());
    press(&mut s, "gG");
    assert_eq!(s.selected, 3);

    // Esc cancels the g and nothing else
    press(&mut s, "l");
    assert_eq!(s.focus, Pane::Article);
    press(&mut s, "g");
    update(&mut s, code(KeyCode::Esc));
    assert!(s.pending.is_empty());
    assert_eq!(s.focus, Pane::Article, "Esc did not go back");
    press(&mut s, "g");
    assert_eq!(s.selected, 3);
    press(&mut s, "g");
    assert_eq!(s.scroll(), 0);

    // the help closes on the next key, a pending g with it
    press(&mut s, "g?");
    assert!(s.help);
    press(&mut s, "x");
    assert!(!s.help && s.pending.is_empty());
}

#[test]
fn half_pages() {
    let mut s = loaded_state(120, 30);
    press(&mut s, "l");
    let ctrl = |c: char| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    update(&mut s, ctrl('d'));
    let half = s.scroll();
    assert_eq!(half, s.article_height() / 2);
    update(&mut s, ctrl('u'));
    assert_eq!(s.scroll(), 0);
}

#[test]
fn clicking_a_link_number_opens_it() {
    let mut s = reading(120, 24);
    let buf = render(&s);
    // on the text of the link: no effect (only its number opens)
    let (x, y) = find(&buf, "Stellungnahme[2]").unwrap();
    assert!(update(&mut s, click(x + 2, y)).is_empty());
    // on "[", "2" and "]"
    for dx in 13..16 {
        let fx = update(&mut s, click(x + dx, y));
        assert_eq!(opened(&fx), vec![STELLUNGNAHME.to_string()], "column +{dx}");
    }
    // the one after the mark is plain text again
    assert!(update(&mut s, click(x + 17, y)).is_empty());
    // in the Links list, the number or the URL
    press(&mut s, "G");
    let buf = render(&s);
    let (x, y) = find(&buf, &format!("[1] {BERICHT}")).unwrap();
    assert_eq!(
        opened(&update(&mut s, click(x, y))),
        vec![BERICHT.to_string()]
    );
    assert_eq!(
        opened(&update(&mut s, click(x + 20, y))),
        vec![BERICHT.to_string()]
    );
    // the scroll position counts: the same screen cell is another line after scrolling
    press(&mut s, "gg");
    assert!(update(&mut s, click(x, y)).is_empty());
}

#[test]
fn dragging_the_divider_resizes_the_panes() {
    let mut s = reading(120, 40);
    let a = ui::areas(&s);
    let sep = a.separator.unwrap().x;
    let (lw, aw) = (a.list.unwrap().width, a.article_w);
    assert_eq!(sep, lw);
    // a press on the divider starts a drag; moving resizes; the release ends it
    update(&mut s, click(sep, 10));
    assert!(s.dragging);
    update(
        &mut s,
        mouse(MouseEventKind::Drag(MouseButton::Left), sep - 10, 12),
    );
    let a = ui::areas(&s);
    assert_eq!(a.list.unwrap().width, lw - 10);
    assert_eq!(a.separator.unwrap().x, sep - 10);
    assert_eq!(a.article_w, (aw + 10).min(ui::MAX_TEXT_WIDTH));
    assert_eq!(
        s.layout.as_ref().unwrap().width,
        a.article_text_width(),
        "the article is wrapped to its new width"
    );
    // not past the limits
    update(
        &mut s,
        mouse(MouseEventKind::Drag(MouseButton::Left), 0, 12),
    );
    assert_eq!(ui::areas(&s).list.unwrap().width, ui::MIN_LIST_WIDTH);
    update(
        &mut s,
        mouse(MouseEventKind::Drag(MouseButton::Left), 119, 12),
    );
    assert_eq!(ui::areas(&s).article.unwrap().width, ui::MIN_ARTICLE_WIDTH);
    update(
        &mut s,
        mouse(MouseEventKind::Drag(MouseButton::Left), 50, 12),
    );
    update(&mut s, mouse(MouseEventKind::Up(MouseButton::Left), 50, 12));
    assert!(!s.dragging);
    assert_eq!(ui::areas(&s).list.unwrap().width, 50);
    // a drag that did not start on the divider moves nothing
    update(
        &mut s,
        mouse(MouseEventKind::Drag(MouseButton::Left), 30, 12),
    );
    assert_eq!(ui::areas(&s).list.unwrap().width, 50);
    // the width holds through a resize, clamped to the new screen
    update(&mut s, click(50, 3));
    update(
        &mut s,
        mouse(MouseEventKind::Drag(MouseButton::Left), 85, 12),
    );
    update(&mut s, mouse(MouseEventKind::Up(MouseButton::Left), 85, 12));
    assert_eq!(ui::areas(&s).list.unwrap().width, 85);
    update(&mut s, Msg::Resize(100, 30));
    assert_eq!(
        ui::areas(&s).list.unwrap().width,
        100 - ui::MIN_ARTICLE_WIDTH - 3
    );
}

#[test]
fn the_event_filter_lets_drags_through_only_while_dragging() {
    use blatt::tui::to_msg;
    let ev = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 3,
            row: 4,
            modifiers: KeyModifiers::NONE,
        })
    };
    let drag = MouseEventKind::Drag(MouseButton::Left);
    let up = MouseEventKind::Up(MouseButton::Left);
    assert!(to_msg(ev(drag), false).is_none());
    assert!(to_msg(ev(up), false).is_none());
    assert!(matches!(to_msg(ev(drag), true), Some(Msg::Mouse(_))));
    assert!(matches!(to_msg(ev(up), true), Some(Msg::Mouse(_))));
    assert!(to_msg(ev(MouseEventKind::Moved), true).is_none());
    assert!(to_msg(ev(MouseEventKind::Down(MouseButton::Left)), false).is_some());
}

fn config_file(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn config_keys_mouse_and_clipboard_from_a_file() {
    let (_d, path) = config_file(
        "[keys]\nreload = \"g\"\ntoggle_star = \"z s\"\nhalf_page_down = [\"ctrl-f\", \"alt-j\"]\n\n[mouse]\nenabled = false\n\n[clipboard]\nosc52 = true\n",
    );
    let cfg = blatt::config::load(&path, true).expect("a good config");
    let mut s = loaded_state(120, 40);
    s.configure(&cfg).unwrap();
    assert!(s.osc52 && !s.mouse);
    // "g" is reload's now: top keeps Home only
    assert_eq!(s.keymap.keys_for(Command::Top), vec!["Home"]);
    assert!(matches!(
        press(&mut s, "g")[..],
        [Effect::LoadSource { .. }]
    ));
    assert!(s.pending.is_empty());
    // a sequence of the user's
    press(&mut s, "z");
    assert!(!s.entries[0].starred);
    assert!(status(&s).starts_with("z …"), "{}", status(&s));
    press(&mut s, "s");
    assert!(s.entries[0].starred);
    press(&mut s, "zj");
    assert_eq!(s.selected, 1, "j after z is not lost");
    let help = s.keymap.help_rows();
    assert!(
        help.iter().any(|(k, d)| k == "z s" && d.contains("star")),
        "{help:?}"
    );
    assert!(help.iter().any(|(k, _)| k == "Ctrl-f Alt-j"), "{help:?}");
    // no mouse: a click on a teaser does nothing
    update(&mut s, click(5, 3));
    assert_eq!(s.selected, 1);
    // the clipboard is on
    assert_eq!(
        press(&mut s, "y"),
        vec![Effect::Copy(
            "https://lindenau.example/interview.html".into()
        )]
    );
}

#[test]
fn config_errors_name_the_unknown_command_key_or_clash() {
    for (text, line, wants) in [
        (
            "[keys]\nquit = \"q\"\nfly = \"f\"\n",
            3,
            "unknown command `fly`",
        ),
        (
            "[keys]\ntop = \"g hyper\"\n",
            2,
            "unknown key `hyper` in `g hyper` for top",
        ),
        (
            "[keys]\nquit = \"hyper-q\"\n",
            2,
            "unknown key `hyper-q` for quit",
        ),
        (
            "[keys]\nhelp = \"x\"\nquit = \"x\"\n",
            2,
            "key `x` is bound to both help and quit",
        ),
        (
            "[keys]\nreload = \"z\"\ntoggle_star = \"z s\"\n",
            2,
            "key `z` for reload is the start of `z s` for toggle_star",
        ),
        ("[mouse]\nenable = true\n", 2, "enable"),
        ("[clipboard]\nosc52 = \"yes\"\n", 2, "bool"),
    ] {
        let (_d, path) = config_file(text);
        let e = blatt::config::load(&path, true).expect_err(text);
        assert!(e.message.contains(wants), "{text:?}: {e}");
        assert_eq!(e.line, line, "{text:?}: {e}");
        assert!(
            e.to_string().starts_with(&path.display().to_string()),
            "{e}"
        );
    }
}

/// The real binary in a pseudo-terminal: `y` writes OSC 52 with the URL the status line names, only
/// with `osc52 = true`; `[mouse] enabled = false` means no mouse capture is ever asked for.
#[test]
fn the_terminal_gets_osc52_and_mouse_capture_only_as_configured() {
    use hostile_pty::{status_line, Pty};
    let dir = tempfile::tempdir().unwrap();
    let on = dir.path().join("on.toml");
    std::fs::write(&on, "[clipboard]\nosc52 = true\n").unwrap();
    let off = dir.path().join("off.toml");
    std::fs::write(&off, "[mouse]\nenabled = false\n").unwrap();
    const MOUSE_ON: &[u8] = b"\x1b[?1000h";
    let has = |raw: &[u8], what: &[u8]| raw.windows(what.len()).any(|w| w == what);

    // the demo edition, clipboard on: y copies the selected article's URL
    let mut t = Pty::start(&["--config", on.to_str().unwrap()], &[], 120, 30);
    t.wait("the teasers", |sc| status_line(sc).contains("quit"));
    t.send("y");
    let sc = t.wait("the copy", |sc| status_line(sc).contains("Copied "));
    let line = status_line(&sc);
    let url = line
        .split("Copied ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .expect("a URL in the status line")
        .to_string();
    assert!(url.starts_with("https://"), "{line}");
    t.wait_for("the clipboard request", || {
        !t.requests().clipboard.is_empty()
    });
    assert_eq!(
        t.requests().clipboard,
        vec![format!("c:{}", blatt::app::effects::base64(url.as_bytes()))]
    );
    let (ok, raw) = t.quit();
    assert!(ok);
    assert!(has(&raw, MOUSE_ON), "the mouse is captured by default");

    // clipboard off (the default), mouse off: y only says how to turn it on, no capture at all
    let mut t = Pty::start(&["--config", off.to_str().unwrap()], &[], 120, 30);
    t.wait("the teasers", |sc| status_line(sc).contains("quit"));
    t.send("y");
    t.wait("the hint", |sc| status_line(sc).contains("osc52 = true"));
    assert!(t.requests().clipboard.is_empty());
    let (ok, raw) = t.quit();
    assert!(ok);
    assert!(
        !has(&raw, MOUSE_ON),
        "no mouse capture with [mouse] enabled = false"
    );
}

/// Prints how long wrapping a 100,000-word article takes without links and with a link in every
/// paragraph (half of them distinct), so the cost of numbering shows (run with `--ignored`).
#[test]
#[ignore = "a measurement, not a check"]
fn measure_links_in_a_long_article() {
    let para = "Der Kreistag von Oberhagen beriet am Dienstag über die Zukunft der Rechenzentren, die Kosten der Cloud und die Frage, wer künftig die Verantwortung trägt. ";
    let plain: Vec<Block> = (0..4200).map(|_| Block::paragraph(para)).collect();
    let linked: Vec<Block> = (0..4200)
        .map(|i| Block::Paragraph {
            text: para.into(),
            marks: vec![link(
                para,
                "Rechenzentren",
                &format!("https://oberhagen.example/rz/{}", i / 2),
            )],
        })
        .collect();
    for (name, blocks) in [("no links", plain), ("4200 links", linked)] {
        let a = Article {
            title: "Lang".into(),
            blocks,
            ..Article::default()
        };
        let t0 = std::time::Instant::now();
        let layout = ui::article::layout_article(&a, 78);
        println!(
            "{name}: {} lines, {} listed, wrap {:?}",
            layout.lines.len(),
            layout.links.len(),
            t0.elapsed()
        );
    }
}

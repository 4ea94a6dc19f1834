//! Display width on screen: CJK, emoji (ZWJ sequences, flags, skin tones), combining marks and soft
//! hyphens, in the teaser list (truncation) and the article pane (wrapping), rendered into a ratatui
//! TestBackend buffer and checked cell by cell.

mod tui_common;

use blatt::app::{update, Effect, Msg, State};
use blatt::document::{Article, Block, Kind};
use blatt::ui::{self, Theme};
use blatt::width::display_width;
use ratatui::buffer::Buffer;
use tui_common::*;

fn render(s: &State) -> Buffer {
    render_with(s, &Theme::default())
}
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const ZWJ_CODER: &str = "👩\u{200d}💻";
const FAMILY: &str = "👩\u{200d}👩\u{200d}👧";
const FLAGS: &str = "🇩🇪🇫🇷🇮🇹🇵🇱";
const E_ACUTE: &str = "e\u{301}";
const SHY: char = '\u{ad}';

fn article(title: &str, body: &[&str]) -> Article {
    Article {
        title: title.into(),
        url: Some(format!(
            "https://lindenau.example/{}.html",
            title.len() + body.len()
        )),
        published: Some("2026-03-10".into()),
        lead: None,
        kind: Kind::Article,
        blocks: body.iter().map(|p| Block::paragraph(*p)).collect(),
        ..Article::default()
    }
}

/// Titles whose truncation point falls on a hard spot, for a list of 43 columns (120 wide): the
/// title gets 34 columns after the marker ("● ") and the date ("10.03. ").
fn tricky_titles() -> Vec<String> {
    let x = |n: usize| "x".repeat(n);
    vec![
        // the ZWJ sequence would stick out by one column: left out whole
        format!("{}{ZWJ_CODER} programmiert", x(32)),
        // it fits exactly before the ellipsis
        format!("{}{ZWJ_CODER} programmiert", x(31)),
        // CJK starting on an odd column: the last wide character cannot be half drawn
        "a東京都庁の電子行政サービスに関する新しい計画について".into(),
        "東京都庁の電子行政サービスに関する新しい計画について".into(),
        // flags are pairs of regional indicators
        format!("Partnerstädte {FLAGS}{FLAGS} feiern das Jubiläum"),
        // the accent stays on its e at the cut
        format!("{}{E_ACUTE}tc und noch mehr", x(32)),
        format!("Familie {FAMILY} und Café{E_ACUTE} im Rathaus von Sankt Nirgendwo"),
        // soft hyphens are invisible in a title
        "Verwaltungs\u{ad}digitalisierungs\u{ad}gesetz tritt in Kraft".into(),
        "Kurz: Bau\u{ad}amt".into(),
    ]
}

fn body() -> Vec<&'static str> {
    vec![
        "Die Partnerstadt 京都市 (Kyōto) schickte ihre Delegation: 市長、副市長、そして情報政策課の職員が三日間滞在し、電子申請の仕組みを見学しました。",
        "Im Team arbeiten 👩\u{200d}💻 und 👨\u{200d}🔧 zusammen; die Familie 👩\u{200d}👩\u{200d}👧 kam zum Fest, 👍🏽 für alle. Fahnen: 🇩🇪🇫🇷🇮🇹🇵🇱🇨🇿🇦🇹🇳🇱🇧🇪 wehten vor dem Rathaus, und 👩\u{200d}💻👩\u{200d}💻👩\u{200d}💻👩\u{200d}💻👩\u{200d}💻👩\u{200d}💻👩\u{200d}💻👩\u{200d}💻👩\u{200d}💻👩\u{200d}💻👩\u{200d}💻👩\u{200d}💻 saßen in einer langen Reihe.",
        "Im Cafe\u{301} am Markt (cafe\u{301}, re\u{301}sume\u{301}, n\u{303}, a\u{308}) wurde über das Verwaltungs\u{ad}digitalisierungs\u{ad}gesetz und die Personal\u{ad}ausweis\u{ad}behörde gesprochen.",
    ]
}

/// A reader over one feed with these articles, `w`×`h`.
fn state(w: u16, h: u16, articles: Vec<Article>) -> State {
    let mut s = State::new(&["feed.xml".to_string()], Default::default(), w, h);
    let fx = s.start();
    let Effect::LoadSource { request_id, .. } = fx[0].clone() else {
        panic!("first effect loads the source: {fx:?}")
    };
    update(
        &mut s,
        Msg::SourceLoaded {
            source_id: 0,
            request_id,
            result: Ok(listing(
                "Stadtnetz",
                articles.into_iter().map(item).collect(),
            )),
        },
    );
    s
}

/// Every cell holds at most one grapheme cluster, and no cell holds a piece of one: a ZWJ
/// sequence, a flag or a letter with its marks is in one cell or not on screen.
fn assert_cells_are_whole_clusters(buf: &Buffer) {
    for (i, cell) in buf.content().iter().enumerate() {
        let sym = cell.symbol();
        assert!(
            sym.graphemes(true).count() <= 1,
            "cell {i} holds {sym:?}: more than one cluster"
        );
        assert!(
            !sym.contains(SHY),
            "cell {i}: a soft hyphen reached the screen"
        );
        assert!(
            !sym.starts_with(|c: char| ('\u{300}'..='\u{36f}').contains(&c) || c == '\u{200d}'),
            "cell {i} starts with a combining mark or joiner: {sym:?}"
        );
        // a lone regional indicator is half a flag
        let ri = sym
            .chars()
            .filter(|c| ('\u{1f1e6}'..='\u{1f1ff}').contains(c))
            .count();
        assert!(ri % 2 == 0, "cell {i} holds half a flag: {sym:?}");
    }
}

#[test]
fn teaser_titles_truncate_by_cluster_and_never_overflow() {
    let titles = tricky_titles();
    let articles: Vec<Article> = titles
        .iter()
        .map(|t| article(t, &["Kurzer Text."]))
        .collect();
    let s = state(120, 30, articles);
    let buf = render(&s);
    let a = ui::areas(&s);
    let list = a.list.expect("wide: the list is shown");
    let sep = a.separator.expect("separator").x;
    assert_eq!(list.width, 43);
    assert_cells_are_whole_clusters(&buf);
    for y in 0..s.height {
        assert_eq!(row(&buf, y).width(), 120, "row {y}: {}", row(&buf, y));
        if y < s.height - 1 {
            assert_eq!(buf[(sep, y)].symbol(), "│", "row {y}: {}", row(&buf, y));
        }
    }
    // find every title's row: "● 10.03. " then the title
    let prefix = "● 10.03. ";
    let room = list.width as usize - prefix.width();
    let mut seen = 0;
    for y in 0..s.height {
        let line = span(&buf, y, 0, list.width);
        let Some(shown) = line.strip_prefix(prefix) else {
            continue;
        };
        let shown = shown.trim_end_matches(' ');
        let i = seen;
        seen += 1;
        let full: String = titles[i].chars().filter(|&c| c != SHY).collect();
        assert!(display_width(shown) <= room, "{shown:?}");
        match shown.strip_suffix('…') {
            Some(cut) if full.width() > room => {
                // a prefix of whole clusters, as long as fits with the ellipsis
                let clusters: Vec<&str> = full.graphemes(true).collect();
                let n = cut.graphemes(true).count();
                assert_eq!(cut, clusters[..n].concat(), "title {i}");
                let next = clusters[n].width();
                assert!(
                    display_width(cut) + next + 1 > room,
                    "title {i}: {:?} would still fit: {shown:?}",
                    clusters[n]
                );
            }
            _ => assert_eq!(shown, full, "title {i} fits whole"),
        }
    }
    assert_eq!(seen, titles.len(), "every title on screen");

    // the specific cases, as the list's cells show them
    let text: String = (0..s.height)
        .map(|y| span(&buf, y, 0, list.width) + "\n")
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    let title_row = |i: usize| {
        lines
            .iter()
            .filter(|l| l.starts_with(prefix))
            .nth(i)
            .copied()
            .unwrap_or_default()
    };
    assert!(
        title_row(0).contains(&format!("{}…", "x".repeat(32))),
        "{}",
        title_row(0)
    );
    assert!(!title_row(0).contains('👩'));
    assert!(
        title_row(1).contains(&format!("{}{ZWJ_CODER}…", "x".repeat(31))),
        "{}",
        title_row(1)
    );
    // 1 + 16 × 2 + 1 = 34 columns; without the "a", a 17th wide character would need 35: one
    // column stays empty
    assert!(
        title_row(2).ends_with("a東京都庁の電子行政サービスに関す…"),
        "{}",
        title_row(2)
    );
    assert!(
        title_row(3).ends_with("東京都庁の電子行政サービスに関す… "),
        "{}",
        title_row(3)
    );
    assert!(title_row(5).contains(&format!("{}{E_ACUTE}…", "x".repeat(32))));
    assert!(title_row(7).contains("Verwaltungsdigitalisierungsgesetz"));
    assert!(title_row(8).contains("Kurz: Bauamt"));
    // the ZWJ sequence sits in one cell, drawn two columns wide
    let (zx, zy) = (0..s.height)
        .find_map(|y| {
            (0..list.width)
                .find(|&x| buf[(x, y)].symbol() == ZWJ_CODER)
                .map(|x| (x, y))
        })
        .expect("the ZWJ sequence in a cell");
    assert_eq!(
        buf[(zx + 1, zy)].symbol(),
        " ",
        "its second column is covered"
    );
    assert_eq!(buf[(zx + 2, zy)].symbol(), "…");
}

#[test]
fn narrow_list_truncates_the_same_way() {
    let titles = tricky_titles();
    let articles: Vec<Article> = titles
        .iter()
        .map(|t| article(t, &["Kurzer Text."]))
        .collect();
    for w in [60u16, 37, 24] {
        let s = state(w, 24, articles.clone());
        assert!(s.narrow(), "{w} columns is narrow");
        let buf = render(&s);
        assert_cells_are_whole_clusters(&buf);
        for y in 0..s.height {
            assert_eq!(
                row(&buf, y).width(),
                w as usize,
                "{w}: row {y}: {}",
                row(&buf, y)
            );
        }
    }
}

/// The article pane: every wrapped line fits, nothing is clipped by the pane, clusters stay whole.
fn check_article_pane(w: u16, h: u16) {
    let body = body();
    let mut s = state(w, h, vec![article("Unicode im Rathaus 🏛️", &body)]);
    if s.narrow() {
        update(&mut s, code(crossterm::event::KeyCode::Enter));
    }
    let a = ui::areas(&s).article.expect("the article pane is shown");
    let layout = s
        .layout
        .as_ref()
        .expect("the article is laid out")
        .layout
        .clone();
    let all: Vec<String> = layout.lines.iter().map(|l| l.text()).collect();
    for l in &all {
        assert!(
            display_width(l) <= a.width as usize,
            "{w}: line wider than the pane ({} > {}): {l:?}",
            display_width(l),
            a.width
        );
        assert!(
            !l.starts_with(|c: char| ('\u{300}'..='\u{36f}').contains(&c) || c == '\u{200d}'),
            "{w}: a line starts with a combining mark or joiner: {l:?}"
        );
    }
    // clusters are never split across lines: each one occurs as often as in the text
    let joined = all.concat();
    let source: String = body.concat();
    for needle in [
        ZWJ_CODER,
        FAMILY,
        "👍🏽",
        E_ACUTE,
        "n\u{303}",
        "a\u{308}",
        "🇩🇪",
        "🇧🇪",
        "京都市",
    ] {
        assert_eq!(
            joined.matches(needle).count(),
            source.matches(needle).count(),
            "{w}: {needle:?} split or lost"
        );
    }
    // the pane shows each line in full (ratatui would cut what does not fit)
    let mut y_lines = Vec::new();
    let mut scroll = s.scroll();
    let mut pages = 0;
    loop {
        let buf = render(&s);
        assert_cells_are_whole_clusters(&buf);
        for y in 0..s.height {
            assert_eq!(row(&buf, y).width(), w as usize, "{w}: row {y}");
        }
        for (k, line) in all.iter().skip(scroll).take(a.height as usize).enumerate() {
            let y = a.y + k as u16;
            let shown = span(&buf, y, a.x, a.x + a.width);
            let want: String = line.chars().filter(|&c| c != SHY).collect();
            assert_eq!(
                shown.trim_end(),
                want.trim_end(),
                "{w}: line {}",
                scroll + k
            );
            y_lines.push(scroll + k);
        }
        if scroll + (a.height as usize) >= all.len() || pages > 20 {
            break;
        }
        update(&mut s, key(' '));
        if s.scroll() == scroll {
            break;
        }
        scroll = s.scroll();
        pages += 1;
    }
    assert!(
        y_lines.contains(&(all.len() - 1)),
        "{w}: scrolled to the end"
    );
}

#[test]
fn article_body_wraps_by_display_width() {
    check_article_pane(120, 30);
    check_article_pane(100, 16);
    check_article_pane(60, 20);
    check_article_pane(36, 24);
}

#[test]
fn soft_hyphens_stay_invisible_inside_a_line() {
    let text = "Das Bau\u{ad}amt prüft.";
    let s = state(120, 20, vec![article("Bauamt", &[text])]);
    let buf = render(&s);
    assert_cells_are_whole_clusters(&buf);
    let screen: String = (0..s.height).map(|y| row(&buf, y) + "\n").collect();
    assert!(screen.contains("Das Bauamt prüft."), "{screen}");
}

/// Where a line breaks at a soft hyphen, the hyphen shows; elsewhere it does not.
#[test]
fn soft_hyphens_become_hyphens_at_a_line_break() {
    let text = "Das Verwaltungs\u{ad}digitalisierungs\u{ad}gesetz gilt ab Montag in allen Ämtern.";
    // the pane is 36 - 2 = 34 columns in narrow mode: the 33-letter word must break
    let mut s = state(36, 20, vec![article("Gesetz", &[text])]);
    update(&mut s, code(crossterm::event::KeyCode::Enter));
    let layout = s.layout.as_ref().expect("laid out").layout.clone();
    let lines: Vec<String> = layout
        .lines
        .iter()
        .map(|l| l.text().replace(SHY, ""))
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("Verwaltungs-") || l.ends_with("digitalisierungs-")),
        "{lines:#?}"
    );
    // broken only at the soft hyphens: no line ends inside a part of the word
    for l in &lines {
        let last = l.split(' ').next_back().unwrap_or("");
        assert!(
            !last.starts_with("Verwaltungs") || last.ends_with('-') || last.contains("gesetz"),
            "{lines:#?}"
        );
    }
    let buf = render(&s);
    let screen: String = (0..s.height).map(|y| row(&buf, y) + "\n").collect();
    assert!(
        screen.contains("Verwaltungs-") || screen.contains("digitalisierungs-"),
        "{screen}"
    );
}

#[test]
fn status_line_cuts_wide_messages_by_cluster() {
    let titles = tricky_titles();
    let articles: Vec<Article> = titles.iter().map(|t| article(t, &["Text."])).collect();
    for w in [120u16, 81, 80, 47] {
        let mut s = state(w, 20, articles.clone());
        s.status = Some(format!(
            "{}「東京都庁」{FLAGS}{ZWJ_CODER}{FAMILY} Cafe\u{301} Bau\u{ad}amt {}",
            "a".repeat(w as usize / 2 - 9),
            "東京".repeat(40)
        ));
        let buf = render(&s);
        assert_cells_are_whole_clusters(&buf);
        let last = s.height - 1;
        let status = row(&buf, last);
        assert_eq!(status.width(), w as usize, "{w}: {status}");
        assert!(status.contains('…'), "{w}: {status}");
        // the position stays at the right edge
        assert!(
            status.trim_end().ends_with(&format!("1/{}", titles.len())),
            "{w}: {status}"
        );
    }
}

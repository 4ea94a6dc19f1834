//! The real binary in a pseudo-terminal, its screen read back with the vt100 crate: start on the demo
//! edition, find an interview, check speaker colours, jump with `]`, resize, quit, and check that the
//! terminal was restored. Waits poll the screen with a generous cap; nothing asserts on timing.

mod hostile_pty;

use hostile_pty::{Pty, CAP};
use std::io::{Read, Write};
use std::time::Duration;

fn row_text(s: &vt100::Screen, row: u16) -> String {
    let (_, cols) = s.size();
    s.contents_between(row, 0, row, cols)
}

fn status_line(s: &vt100::Screen) -> String {
    row_text(s, s.size().0 - 1)
}

/// "n/m" at the end of the status line.
fn position(s: &vt100::Screen) -> Option<(usize, usize)> {
    let st = status_line(s);
    let last = st.split_whitespace().last()?;
    let (a, b) = last.split_once('/')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// The column where the article text starts: two right of the pane separator, or 1 in narrow mode.
fn article_col(s: &vt100::Screen) -> u16 {
    let (_, cols) = s.size();
    (0..cols)
        .find(|&c| s.cell(0, c).is_some_and(|x| x.contents() == "│"))
        .map(|c| c + 2)
        .unwrap_or(1)
}

/// The colours of speaker turns on screen: rows with a gutter bar at the article's column followed by a
/// bold name label in the same colour.
fn turn_colours(s: &vt100::Screen) -> Vec<vt100::Color> {
    let col = article_col(s);
    let mut out = Vec::new();
    for row in 0..s.size().0 - 1 {
        let (Some(bar), Some(label)) = (s.cell(row, col), s.cell(row, col + 2)) else {
            continue;
        };
        if bar.contents() == "┃"
            && label.bold()
            && label.fgcolor() == bar.fgcolor()
            && row_text(s, row).matches('┃').nth(1).is_none()
            && !out.contains(&bar.fgcolor())
        {
            out.push(bar.fgcolor());
        }
    }
    out
}

fn top_marker(s: &vt100::Screen) -> String {
    s.cell(0, article_col(s))
        .map(|c| c.contents().to_string())
        .unwrap_or_default()
}

#[test]
fn demo_edition_in_a_real_terminal() {
    let mut t = Pty::start(&[], &[], 120, 40);
    let s = t.wait("the demo edition", |s| {
        s.alternate_screen() && position(s).is_some_and(|(_, n)| n >= 16)
    });
    let (_, total) = position(&s).unwrap();
    assert!(s.contents().contains("Interview"), "{}", s.contents());

    // walk the teasers until an article shows two speakers' turns in different colours
    let mut found = false;
    'teasers: for i in 1..=total {
        t.wait("the teaser's position", |s| position(s) == Some((i, total)));
        for _ in 0..40 {
            let s = t.screen();
            let colours = turn_colours(&s);
            if colours.len() >= 2 {
                assert_ne!(colours[0], colours[1]);
                assert!(
                    colours.iter().all(|c| matches!(c, vt100::Color::Rgb(..))),
                    "{colours:?}"
                );
                found = true;
                break 'teasers;
            }
            let before = s.contents();
            t.send("]");
            let s = t.wait("the jump", |s| s.contents() != before);
            let st = status_line(&s);
            if st.contains("No further") || st.contains("No speaker turns") {
                break;
            }
        }
        if i < total {
            t.send("hj");
        }
    }
    assert!(found, "no interview with two speakers in the demo edition");

    // a jump puts a turn at the top of the article pane
    let before = t.screen().contents();
    t.send("]");
    let s = t.wait("the jump", |s| s.contents() != before);
    let top = top_marker(&s);
    assert!(
        top == "┃" || top == "▌",
        "top line after ]: {:?}\n{}",
        top,
        s.contents()
    );
    let top_line = row_text(&s, 0);
    let first_words: String = top_line[top_line.find(['┃', '▌']).unwrap()..]
        .chars()
        .take(16)
        .collect();

    // narrow: one pane (the article, which has the focus), the same turn on top
    t.resize(80, 30);
    let s = t.wait("the narrow layout", |s| {
        !row_text(s, 0).contains('│') && row_text(s, 0).contains(&first_words)
    });
    assert_eq!(top_marker(&s), top);
    // and wide again
    t.resize(120, 40);
    t.wait("the wide layout", |s| {
        row_text(s, 0).contains('│') && row_text(s, 0).contains(&first_words)
    });

    // help, then quit
    t.send("?");
    t.wait("the help overlay", |s| {
        s.contents().contains("Any key closes this help")
    });
    t.send("?");
    t.wait("the help closed", |s| {
        !s.contents().contains("Any key closes this help")
    });
    t.send("q");
    assert!(t.wait_exit(), "blatt exited with an error");
    let s = t.screen();
    assert!(!s.alternate_screen(), "the alternate screen was left");
    assert!(!s.hide_cursor(), "the cursor is visible again");
}

#[test]
fn sources_from_files_with_one_failing() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("seite.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><head><title>Wasserwerk</title></head><body><article>\
         <h1>Neues Wasserwerk in Lindenau</h1>\
         <p>Die Stadt Lindenau hat am Montag ihr neues Wasserwerk in Betrieb genommen. \
         Es versorgt rund 40.000 Menschen.</p>\
         <p>„Wir sind stolz auf die kurze Bauzeit“, sagte der Werkleiter.</p>\
         </article></body></html>",
    )
    .unwrap();
    let missing = dir.path().join("fehlt.xml");
    let mut t = Pty::start(
        &[page.to_str().unwrap(), missing.to_str().unwrap()],
        &[],
        100,
        30,
    );
    let s = t.wait("the article and the error", |s| {
        let c = s.contents();
        c.contains("Neues Wasserwerk") && c.contains("✗")
    });
    assert!(s.contents().contains("40.000 Menschen"), "{}", s.contents());
    t.send("q");
    t.wait_exit();
    let s = t.screen();
    assert!(!s.alternate_screen());
    assert!(
        !s.contents().contains("WARN"),
        "logs never reach the screen"
    );
    // the failure was logged to the file under XDG_STATE_HOME
    let log = std::fs::read_to_string(t.home.path().join("state/blatt/blatt.log"))
        .expect("the log file exists");
    assert!(log.contains("source failed"), "{log}");
    assert!(log.contains("fehlt.xml"), "{log}");
}

/// A tiny HTTP server on 127.0.0.1: the feed waits for a go-ahead (so the first frame comes before any
/// answer); `/fails-once.html` answers 503 the first time and the page after that.
fn serve(gate: std::sync::mpsc::Receiver<()>) -> (String, std::thread::JoinHandle<()>) {
    use std::net::TcpListener;
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let b = base.clone();
    let h = std::thread::spawn(move || {
        let mut failed_once = false;
        let mut gate = Some(gate);
        // bounded: the test needs five requests at most (feed, two pages, a retry, one spare)
        for _ in 0..6 {
            let Ok((mut conn, _)) = listener.accept() else {
                return;
            };
            let mut req = Vec::new();
            let mut buf = [0u8; 1024];
            while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                match conn.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => req.extend_from_slice(&buf[..n]),
                }
            }
            let req = String::from_utf8_lossy(&req).to_string();
            let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
            let (status, ctype, body) = match path.as_str() {
                "/feed.xml" => {
                    if let Some(g) = gate.take() {
                        let _ = g.recv_timeout(CAP);
                    }
                    ("200 OK", "application/rss+xml", format!(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>\
                         <title>Lokalblatt Test</title><link>{b}/</link>\
                         <item><title>Brücke in Lindenau gesperrt</title><link>{b}/bruecke.html</link>\
                         <pubDate>Mon, 09 Mar 2026 08:00:00 GMT</pubDate></item>\
                         <item><title>Stadtrat tagt später</title><link>{b}/fails-once.html</link>\
                         <pubDate>Sun, 08 Mar 2026 08:00:00 GMT</pubDate></item>\
                         </channel></rss>"
                    ))
                }
                "/bruecke.html" => ("200 OK", "text/html; charset=utf-8", page(
                    "Brücke in Lindenau gesperrt",
                    "Die Brücke über die Wenne bleibt bis Freitag gesperrt, weil Prüfer Risse im Geländer fanden.",
                )),
                "/fails-once.html" if !failed_once => {
                    failed_once = true;
                    ("503 Service Unavailable", "text/plain", "busy".to_string())
                }
                "/fails-once.html" => ("200 OK", "text/html; charset=utf-8", page(
                    "Stadtrat tagt später",
                    "Der Stadtrat verschiebt seine Sitzung auf Donnerstag um 19 Uhr im Bürgerhaus.",
                )),
                _ => ("404 Not Found", "text/plain", "nothing here".to_string()),
            };
            let resp = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = conn.write_all(resp.as_bytes());
        }
    });
    (base, h)
}

fn page(title: &str, text: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>\
         <article><h1>{title}</h1><p>{text}</p><p>Weitere Informationen gibt die Stadtverwaltung \
         auf Nachfrage heraus; die Umleitung ist ausgeschildert.</p></article></body></html>"
    )
}

#[test]
fn feed_over_http_loads_pages_in_the_background_and_retries() {
    let (go, gate) = std::sync::mpsc::channel();
    let (base, server) = serve(gate);
    let mut t = Pty::start(&[&format!("{base}/feed.xml")], &[], 110, 30);
    // the first frame is there before the feed answers: the source is loading
    t.wait("the loading line", |s| {
        s.alternate_screen() && s.contents().contains("/feed.xml …")
    });
    go.send(()).unwrap();
    // the teasers fill in, the first teaser's page loads on its own
    t.wait("the first article", |s| {
        s.contents().contains("Risse im Geländer")
    });
    // the second fails once: summary, error, retry hint
    t.send("j");
    t.wait("the error", |s| {
        let c = s.contents();
        c.contains("Could not load the article") && c.contains("503")
    });
    t.send("r");
    t.wait("the retried article", |s| {
        s.contents().contains("Bürgerhaus")
    });
    t.send("q");
    t.wait_exit();
    assert!(!t.screen().alternate_screen());
    // unblock and end the server: it accepts at most a bounded number of connections
    for _ in 0..6 {
        if server.is_finished() {
            break;
        }
        let _ = std::net::TcpStream::connect(base.trim_start_matches("http://"));
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut t = Pty::start(&[], &[], 100, 30);
    t.wait("the demo edition", |s| {
        s.alternate_screen() && position(s).is_some()
    });
    let pid = t.child.process_id().expect("a pid");
    let st = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(st.success());
    // it ends on SIGTERM (the wait panics if not)
    t.wait_exit();
    let s = t.screen();
    assert!(!s.alternate_screen(), "the alternate screen was left");
    assert!(!s.hide_cursor(), "the cursor is visible again");
}

mod reload_server;

/// The screen row whose teaser list part (left of the separator) contains `text`.
fn list_row(s: &vt100::Screen, text: &str) -> Option<u16> {
    (0..s.size().0).find(|&r| {
        row_text(s, r)
            .split('│')
            .next()
            .is_some_and(|l| l.contains(text))
    })
}

/// `blatt` with configured sources: the first frame comes from the store while the server still
/// holds its answer, the reload's progress and a source's error show, new teasers arrive without
/// moving the selection, and a read mark survives a restart.
#[test]
fn configured_sources_start_from_the_store_and_keep_read_marks() {
    use std::sync::atomic::Ordering;
    let server = reload_server::Server::start();
    let home = tempfile::tempdir().expect("temp dir");
    let cfg_dir = home.path().join("config/blatt");
    std::fs::create_dir_all(&cfg_dir).unwrap();
    std::fs::write(
        cfg_dir.join("config.toml"),
        format!(
            "[reload]\ninterval = 30\ntimeout = 20\n\n[[source]]\nurl = \"{}\"\n\n[[source]]\nurl = \"{}\"\n",
            server.url("/feed/rathaus.xml"),
            server.url("/404")
        ),
    )
    .unwrap();
    // fill the store headless
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_blatt"))
        .arg("reload")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // make the next reload due, and the server slow with new content
    let db = home.path().join("data/blatt/blatt.db");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("UPDATE sources SET last_fetch = 1", [])
        .unwrap();
    server.shared.edition.store(1, Ordering::SeqCst);
    server.shared.slow_ms.store(6000, Ordering::SeqCst);
    server.shared.all_slow.store(true, Ordering::SeqCst);

    let t = Pty::start_in(home, &[], &[], 120, 30);
    let s = t.wait("stored teasers and the reload under way", |s| {
        s.contents().contains("Meldung 4:") && status_line(s).contains("reloading ")
    });
    // the feed holds its answer for seconds: what is on screen came from the store
    assert!(!s.contents().contains("Meldung 5:"), "{}", s.contents());
    assert_eq!(position(&s), Some((1, 5)), "{}", s.contents());
    assert!(
        s.contents().contains("404"),
        "the last error of /404: {}",
        s.contents()
    );
    // the 404 answers at once, the feed later: counted in the status line
    t.wait("one failed", |s| status_line(s).contains("· 1 failed"));
    let s = t.wait("the new teaser", |s| position(s) == Some((2, 6)));
    assert!(
        !status_line(&s).contains("reloading"),
        "{}",
        status_line(&s)
    );
    // the selection stayed on its teaser, on its row
    let row = list_row(&s, "Meldung 4:").unwrap();
    assert!(
        s.cell(row, 3).unwrap().inverse(),
        "still selected: {}",
        s.contents()
    );
    let mut t = t;
    t.send("\r");
    t.wait("the article from the web", |s| {
        !status_line(s).contains("Enter read") && s.contents().contains("Haushalt 4 Satz für Satz")
    });
    t.send("q");
    let status = t.child.wait().expect("blatt exits");
    assert!(status.success());
    let home = std::mem::replace(&mut t.home, tempfile::tempdir().unwrap());
    drop(t);

    // the mark is in the store, and on screen after a restart (no reload due now)
    let store = blatt::store::Store::open(&db).unwrap();
    let items = store.items(&blatt::store::Query::default()).unwrap();
    let m4 = items
        .iter()
        .find(|i| i.teaser.title.contains("Meldung 4:"))
        .unwrap();
    assert!(m4.read);
    assert_eq!(items.iter().filter(|i| i.read).count(), 1);
    drop(store);
    // offline now: the article read before comes from the store
    drop(server);
    let mut t = Pty::start_in(home, &[], &[], 120, 30);
    let s = t.wait("the stored teasers", |s| position(s) == Some((1, 6)));
    let row = list_row(&s, "Meldung 4:").unwrap();
    assert!(!row_text(&s, row).starts_with('●'), "{}", row_text(&s, row));
    let row5 = list_row(&s, "Meldung 5:").unwrap();
    assert!(
        row_text(&s, row5).starts_with('●'),
        "{}",
        row_text(&s, row5)
    );
    t.send("j");
    let s = t.wait("the stored article, offline", |s| {
        position(s) == Some((2, 6)) && s.contents().contains("Haushalt 4 Satz für Satz")
    });
    assert!(!s.contents().contains("Could not load"), "{}", s.contents());
    t.send("q");
    assert!(t.child.wait().unwrap().success());
}

/// `blatt reload` on a terminal: a progress line on stderr while it runs, then the summary.
#[test]
fn headless_reload_shows_progress_on_a_terminal() {
    use std::sync::atomic::Ordering;
    let server = reload_server::Server::start();
    server.shared.slow_ms.store(4000, Ordering::SeqCst);
    let home = tempfile::tempdir().expect("temp dir");
    let cfg = home.path().join("blatt.toml");
    std::fs::write(
        &cfg,
        format!(
            "[[source]]\nurl = \"{}\"\n[[source]]\nurl = \"{}\"\n[[source]]\nurl = \"{}\"\n",
            server.url("/feed/hafen.xml"),
            server.url("/slow/markt.xml"),
            server.url("/500"),
        ),
    )
    .unwrap();
    let cfg = cfg.to_str().unwrap().to_string();
    let mut t = Pty::start_in(home, &["reload", "--config", &cfg], &[], 100, 10);
    let s = t.wait("the progress line", |s| {
        s.contents().contains("reloading 2/3")
    });
    assert!(s.contents().contains("· 1 failed"), "{}", s.contents());
    // the summary and the failure line after it (written a moment apart)
    let s = t.wait("the summary", |s| {
        s.contents().contains("3 sources:") && s.contents().contains("/500 — ")
    });
    let text = s.contents();
    assert!(
        text.contains("3 sources: 10 new items, 0 updated, 0 unchanged (304), 1 failed"),
        "{text}"
    );
    assert!(
        !text.contains("reloading"),
        "the progress line is cleared: {text}"
    );
    assert!(text.contains("/500 — "), "{text}");
    assert!(t.child.wait().unwrap().success());
}

/// Cells right of the pane separator drawn inverse (the search highlight; the list's selection is
/// left of it).
fn inverse_article_cells(s: &vt100::Screen) -> usize {
    let col = article_col(s);
    let (rows, cols) = s.size();
    (0..rows - 1)
        .flat_map(|r| (col..cols).map(move |c| (r, c)))
        .filter(|&(r, c)| s.cell(r, c).is_some_and(|x| x.inverse()))
        .count()
}

#[test]
fn search_inside_the_article_in_a_real_terminal() {
    let mut t = Pty::start(&[], &[], 120, 40);
    t.wait("the demo edition", |s| {
        s.alternate_screen() && position(s).is_some_and(|(_, n)| n >= 16)
    });
    t.send("\r");
    t.send("/die");
    let s = t.wait("the search counting", |s| {
        status_line(s).contains("/die▏  1/")
    });
    assert!(inverse_article_cells(&s) >= 3, "{}", s.contents());
    let st = status_line(&s);
    let total: usize = st
        .split("1/")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("a count");
    assert!(total >= 2, "{st}");
    t.send("\rn");
    t.wait("the second match", |s| {
        status_line(s).contains(&format!("/die  2/{total}"))
    });
    t.send("\x1b");
    let s = t.wait("the search cleared", |s| !status_line(s).contains("/die"));
    assert_eq!(inverse_article_cells(&s), 0, "{}", s.contents());
    t.send("q");
    assert!(t.wait_exit(), "blatt exited with an error");
}

#[test]
fn w_saves_the_article_and_pipe_hands_the_terminal_over() {
    let home = tempfile::tempdir().unwrap();
    let saved = home.path().join("gespeichert");
    let cfg_dir = home.path().join("config").join("blatt");
    std::fs::create_dir_all(&cfg_dir).unwrap();
    std::fs::write(
        cfg_dir.join("config.toml"),
        format!(
            "[save]\ndir = \"{}\"\n[pipe]\ncommand = [\"sh\", \"-c\", \"cat > piped.md; \
             while [ ! -e go ]; do sleep 0.05; done\"]\n",
            saved.display()
        ),
    )
    .unwrap();
    let mut t = Pty::start_in(home, &[], &[], 120, 40);
    t.wait("the demo edition", |s| {
        s.alternate_screen() && position(s).is_some_and(|(_, n)| n >= 16)
    });
    t.send("\r");
    t.send("w");
    t.wait("saved", |s| status_line(s).contains("Saved to"));
    let files: Vec<_> = std::fs::read_dir(&saved).unwrap().collect();
    assert_eq!(files.len(), 1);
    let path = files[0].as_ref().unwrap().path();
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(md.starts_with("# "), "{md}");
    assert!(path.extension().is_some_and(|e| e == "md"));
    // a second save never overwrites the first
    t.send("w");
    t.wait_for("a second file", || {
        std::fs::read_dir(&saved).map(|d| d.count()).unwrap_or(0) == 2
    });
    assert_eq!(std::fs::read_to_string(&path).unwrap(), md);

    // | : the command gets the Markdown and the terminal (cooked, main screen) until it exits
    let piped = t.home_path().join("piped.md");
    t.send("|");
    t.wait_for("the pipe command running with the terminal", || {
        std::fs::read_to_string(&piped).is_ok_and(|p| p == md) && t.cooked()
    });
    assert!(
        !t.screen().alternate_screen(),
        "the reader's screen was left"
    );
    std::fs::write(t.home_path().join("go"), "").unwrap();
    t.wait("the reader back", |s| {
        s.alternate_screen()
            && status_line(s).contains("Piped the article to sh")
            && row_text(s, 0).contains('│')
    });
    assert!(!t.cooked(), "raw mode again");
    t.send("q");
    assert!(t.wait_exit(), "blatt exited with an error");
}

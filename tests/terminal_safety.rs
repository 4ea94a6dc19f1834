//! No byte sequence from a feed, a page, an HTTP header or a URL reaches the terminal as a control
//! sequence: through the real binary over a 127.0.0.1 server, in `teasers --format text|json`,
//! `read --format text|json|ansi|markdown` (where only blatt's own SGR colours may appear), error messages on
//! stderr, and the reader in a pseudo-terminal (no title change, no clipboard write, no OSC, DCS or C1).

mod fault_server;
mod hostile_pty;

use blatt::parse::sanitize::is_forbidden;
use fault_server::{Fault, FaultServer};
use hostile_pty::{forbidden_sequences, Pty};
use std::process::Command;

/// Every kind of control sequence a hostile text can carry.
const EVIL: &str = concat!(
    "\u{1b}]52;c;cm0gLXJmIH4=\u{7}", // OSC 52: set the clipboard
    "\u{1b}]0;PWNED\u{7}",           // OSC 0: set the window title
    "\u{1b}]2;PWNED2\u{1b}\\",       // OSC 2 ended by ST
    "\u{1b}P1$qm\u{1b}\\",           // DCS request
    "\u{1b}[2J\u{1b}[H",             // CSI: clear the screen, home
    "\u{9b}31m",                     // 8-bit CSI
    "\u{9d}0;C1TITLE\u{9c}",         // 8-bit OSC … ST
    "\u{90}q\u{9c}",                 // 8-bit DCS
    "\u{202e}gnp.exe\u{202c}",       // right-to-left override
    "\u{2066}iso\u{2069}",           // isolate
    "\u{7}\u{8}\u{8}\r"              // BEL, backspaces, carriage return
);

fn feed() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
<channel><title>Amtsblatt {EVIL}</title><link>https://blatt.example/</link>\
<item><title>Titel eins {EVIL}</title><link>https://blatt.example/a1?q={EVIL}</link>\
<description>Zusammenfassung {EVIL}</description><dc:creator>Autorin {EVIL}</dc:creator>\
<pubDate>Mon, 02 Nov 2026 10:30:00 +0100</pubDate></item>\
<item><title>Gespräch {EVIL}</title><link>https://blatt.example/a2</link><guid>a2</guid>\
<description>Ein Interview {EVIL}</description>\
<content:encoded><![CDATA[<p>Redakteurin Jana Wiese sprach mit Arne Baltissen über das Portal {EVIL}.</p>\
<p><strong>Herr Baltissen, was ist neu {EVIL}?</strong></p>\
<p><strong>Arne Baltissen:</strong> Alles {EVIL}, siehe <a href=\"https://blatt.example/x?{EVIL}\">den Link {EVIL}</a>.</p>\
<p><strong>Und was fehlt?</strong></p>\
<p><strong>Baltissen:</strong> Die Schnittstellen {EVIL}.</p>\
<blockquote><p>Zitat {EVIL}</p></blockquote><ul><li>Punkt {EVIL}</li></ul>\
<figure><img src=\"/p.jpg\" alt=\"Bild {EVIL}\"><figcaption>Foto {EVIL}</figcaption></figure>\
<pre>code {EVIL}</pre>]]></content:encoded></item>\
</channel></rss>"
    )
}

fn page() -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Seite {EVIL}</title>\
<meta name=\"author\" content=\"Autor {EVIL}\"></head><body><article>\
<p class=\"kicker\">Interview {EVIL}</p><h1>„Die Verwaltung muss zuhören“ {EVIL}</h1>\
<p class=\"lead\">Redakteurin Jana Wiese sprach mit Arne Baltissen über das neue Portal {EVIL}.</p>\
<p><strong>Herr Baltissen, was ist neu {EVIL}?</strong></p>\
<p><strong>Arne Baltissen:</strong> Alles, was Bürger {EVIL} brauchen, geht online. <a href=\"https://blatt.example/l?{EVIL}\">Mehr {EVIL}</a></p>\
<p><strong>Und was fehlt?</strong></p>\
<p><strong>Baltissen:</strong> Die Schnittstellen zu den Fachverfahren {EVIL}.</p>\
<h2>Zwischentitel {EVIL}</h2><p>Ein gewöhnlicher Absatz {EVIL} mit etwas mehr Text, damit es ein Artikel ist.</p>\
</article></body></html>"
    )
}

fn server() -> FaultServer {
    FaultServer::start(vec![
        (
            "/feed.xml",
            Fault::ok("application/rss+xml; charset=utf-8", feed()),
        ),
        ("/page.html", Fault::ok("text/html; charset=utf-8", page())),
        // headers the client cannot read as text, and bytes a terminal might: an ETag, a content
        // type and a Last-Modified with an 8-bit CSI
        (
            "/odd-headers.xml",
            Fault::Raw(
                [
                    &b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\x9b31m\r\nETag: \"\x9b]0;x\x9c\"\r\n"[..],
                    b"Last-Modified: \x9d0;LM\x9c\r\nConnection: close\r\n\r\n",
                    feed().as_bytes(),
                ]
                .concat(),
            ),
        ),
        // an ESC in a header: the response cannot be parsed; the error says so in one clean line
        (
            "/esc-header",
            Fault::Raw(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\x1b]0;HDR\x07\r\nConnection: close\r\n\r\n<p>x</p>"
                    .to_vec(),
            ),
        ),
        (
            "/busy",
            Fault::Raw(
                b"HTTP/1.1 429 \x1b]0;REASON\x07\r\nRetry-After: 12\x9b31m\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            ),
        ),
        (
            "/busy2",
            Fault::Raw(
                b"HTTP/1.1 429 Too Many\r\nRetry-After: \x1b]52;c;eA==\x07 12\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            ),
        ),
        (
            "/evil-redirect",
            Fault::Raw(
                b"HTTP/1.1 302 Found\r\nLocation: file:///\x9b31m/etc/\xe2\x80\xaepasswd\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            ),
        ),
        (
            "/evil-scheme",
            Fault::redirect("302 Found", "x-\u{1b}]0;SCHEME\u{7}:foo"),
        ),
    ])
}

struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

fn blatt(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_blatt"))
        .args(args)
        .env("BLATT_TIMEOUT_SECS", "10")
        .env_remove("NO_COLOR")
        .output()
        .expect("run blatt");
    Run {
        code: out.status.code(),
        stdout: out.stdout,
        stderr: out.stderr,
    }
}

/// No control character but newlines in `bytes`, and the bytes are UTF-8 (no lone 8-bit controls).
fn assert_plain(what: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    for (i, c) in text.char_indices() {
        assert!(
            c == '\n' || !(is_forbidden(c) || c.is_control()),
            "{what}: U+{:04X} at byte {i}: {:?}",
            c as u32,
            &text[i.saturating_sub(40)..(i + 40).min(text.len())]
        );
    }
}

/// Only SGR sequences (`ESC [ params m`) and no other control character but newlines.
fn assert_only_sgr(what: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let b = text.as_bytes();
    let mut i = 0;
    let mut sgr = 0;
    while i < b.len() {
        if b[i] == 0x1b {
            let mut j = i + 1;
            assert!(
                j < b.len() && b[j] == b'[',
                "{what}: ESC not followed by [ at byte {i}: {:?}",
                String::from_utf8_lossy(&b[i..(i + 30).min(b.len())])
            );
            j += 1;
            while j < b.len() && (b[j].is_ascii_digit() || b[j] == b';' || b[j] == b':') {
                j += 1;
            }
            assert!(
                j < b.len() && b[j] == b'm',
                "{what}: a CSI that is not SGR at byte {i}: {:?}",
                String::from_utf8_lossy(&b[i..(i + 30).min(b.len())])
            );
            sgr += 1;
            i = j + 1;
            continue;
        }
        i += 1;
    }
    assert!(sgr > 0, "{what}: no colours at all");
    // with the SGR sequences gone, the rest is plain text
    let stripped = regex_free_strip(text);
    assert_plain(what, stripped.as_bytes());
}

fn regex_free_strip(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// JSON output: every string free of control characters, and no escaped control character either.
fn assert_json_clean(what: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).expect("utf-8");
    assert!(
        !text.contains("\\u001b") && !text.contains("\\u0007"),
        "{what}: {text}"
    );
    assert_plain(what, bytes);
    let v: serde_json::Value = serde_json::from_str(text).expect("json");
    fn walk(v: &serde_json::Value, what: &str) {
        match v {
            serde_json::Value::String(s) => assert!(
                !s.chars().any(is_forbidden),
                "{what}: control character in {s:?}"
            ),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, what)),
            serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, what)),
            _ => {}
        }
    }
    walk(&v, what);
}

fn ok(what: &str, r: &Run) -> String {
    assert_eq!(
        r.code,
        Some(0),
        "{what}: {}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert_plain(&format!("{what} stderr"), &r.stderr);
    String::from_utf8_lossy(&r.stdout).into_owned()
}

#[test]
fn teasers_text_and_json_are_clean() {
    let s = server();
    for path in ["/feed.xml", "/odd-headers.xml"] {
        let url = s.url(path);
        let r = blatt(&["teasers", &url, "--width", "400"]);
        let out = ok("teasers text", &r);
        assert_plain("teasers text", &r.stdout);
        // the text arrived, made harmless: the printable rest of each sequence is still there
        assert!(
            out.contains("Titel eins ]52;c;cm0gLXJmIH4=]0;PWNED"),
            "{out}"
        );
        assert!(out.contains("Zusammenfassung"), "{out}");
        assert!(out.contains("https://blatt.example/a1?q="), "{out}");
        let r = blatt(&["teasers", &url, "--format", "json"]);
        let out = ok("teasers json", &r);
        assert_json_clean("teasers json", &r.stdout);
        assert!(out.contains("Gespräch ]52;c;"), "{out}");
    }
}

#[test]
fn read_text_json_and_ansi_are_clean() {
    let s = server();
    let sources = [
        (s.url("/page.html"), None),
        (s.url("/feed.xml"), Some("2")),
        (s.url("/odd-headers.xml"), Some("2")),
    ];
    for (url, item) in &sources {
        let mut args = vec!["read", url.as_str()];
        if let Some(n) = item {
            args.extend(["--item", n]);
        }
        let text = {
            let mut a = args.clone();
            a.extend(["--format", "text"]);
            let r = blatt(&a);
            let out = ok("read text", &r);
            assert_plain("read text", &r.stdout);
            out
        };
        assert!(text.contains("Baltissen"), "{text}");
        assert!(text.contains("]0;PWNED"), "{text}");
        let mut a = args.clone();
        a.extend(["--format", "json"]);
        let r = blatt(&a);
        let json = ok("read json", &r);
        assert_json_clean("read json", &r.stdout);
        assert!(json.contains("\"interview\""), "{json}");
        let mut a = args.clone();
        a.extend(["--format", "ansi"]);
        let r = blatt(&a);
        ok("read ansi", &r);
        assert_only_sgr("read ansi", &r.stdout);
        let mut a = args.clone();
        a.extend(["--format", "markdown"]);
        let r = blatt(&a);
        let md = ok("read markdown", &r);
        assert_plain("read markdown", &r.stdout);
        assert!(md.contains("Baltissen"), "{md}");
    }
}

/// Errors carry text from the server (a reason, a Retry-After, a redirect target) or from the command
/// line: one line on stderr, no control character.
#[test]
fn error_messages_are_clean() {
    let s = server();
    let evil_path = format!("/tmp/nonexistent-{EVIL}.xml");
    let evil_url = format!("http://{}/{EVIL}", s.addr);
    let cases = [
        s.url("/esc-header"),
        s.url("/busy"),
        s.url("/busy2"),
        s.url("/evil-redirect"),
        s.url("/evil-scheme"),
        evil_path,
        evil_url,
        "javascript\u{9b}31m:alert(1)".to_string(),
        format!("x-{EVIL}:foo"),
    ];
    for src in &cases {
        for cmd in ["teasers", "read"] {
            let r = blatt(&[cmd, src]);
            assert_eq!(
                r.code,
                Some(1),
                "{cmd} {src:?}: {}",
                String::from_utf8_lossy(&r.stderr)
            );
            assert!(r.stdout.is_empty());
            assert_plain(&format!("{cmd} {src:?} stderr"), &r.stderr);
            let err = String::from_utf8_lossy(&r.stderr);
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.starts_with("blatt: "), "{err}");
            assert!(!err.contains("panicked"), "{err}");
        }
    }
}

/// The reader in a pseudo-terminal over the hostile feed: the window title never changes, and the raw
/// bytes it writes hold no OSC (title, clipboard), DCS or C1 control and no bidi override.
#[test]
fn the_reader_writes_no_hostile_sequence() {
    let s = server();
    let mut t = Pty::start(&[&s.url("/feed.xml"), &s.url("/page.html")], &[], 120, 40);
    t.wait("the teasers", |sc| {
        sc.alternate_screen() && sc.contents().contains("Titel eins")
    });
    // every teaser and its article, scrolled through
    for _ in 0..4 {
        t.send("l");
        std::thread::sleep(std::time::Duration::from_millis(300));
        t.send("G");
        std::thread::sleep(std::time::Duration::from_millis(200));
        t.send("hj");
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    let sc = t.wait("the interview", |sc| {
        sc.contents().contains("Gespräch") || sc.contents().contains("Verwaltung muss")
    });
    let req = t.requests();
    assert!(req.titles.is_empty(), "the window title was set: {req:?}");
    assert!(req.icon_names.is_empty(), "the icon name was set: {req:?}");
    assert!(
        req.clipboard.is_empty(),
        "the clipboard was written: {req:?}"
    );
    assert!(req.unhandled_osc.is_empty(), "{req:?}");
    assert_eq!(req.bells, 0, "{req:?}");
    let seen = sc.contents();
    assert!(seen.contains("]0;PWNED"), "{seen}");
    let (ok, raw) = t.quit();
    assert!(ok, "blatt exited with an error");
    let bad = forbidden_sequences(&raw);
    assert!(bad.is_empty(), "{bad:?}");
    // and the visible text did arrive (so the check above looked at real output)
    assert!(String::from_utf8_lossy(&raw).contains("PWNED"));
}

/// A panic in the reader restores the terminal first (raw mode off, main screen, cursor shown, mouse
/// capture off) and then says where the log file is.
///
/// Needs a test hook in src/tui.rs: `BLATT_TEST_PANIC=1` makes the reader panic after its first frame,
/// and the panic hook names the log file (patch in the hostile report).
#[test]
fn a_panic_restores_the_terminal_and_names_the_log() {
    let s = server();
    let mut t = Pty::start(
        &[&s.url("/feed.xml")],
        &[("BLATT_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")],
        100,
        30,
    );
    assert!(!t.wait_exit(), "a panic is a failure exit");
    assert!(t.cooked(), "raw mode left on after the panic");
    t.wait("the message on the main screen", |sc| {
        !sc.alternate_screen() && sc.contents().contains("blatt.log")
    });
    let sc = t.screen();
    assert!(!sc.hide_cursor(), "the cursor stays hidden");
    assert_eq!(
        sc.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse capture left on"
    );
    let text = sc.contents();
    let log = t.home_path().join("state/blatt/blatt.log");
    assert!(text.contains("blatt: internal error"), "{text}");
    assert!(
        text.replace('\n', "").contains(&log.display().to_string()),
        "{text}"
    );
    // the restore came before the message: the message is on the main screen, after leaving the
    // alternate one
    let raw = String::from_utf8_lossy(&t.raw()).into_owned();
    // (the first leave: the hook's; the guard restores once more while unwinding)
    let leave = raw
        .find("\u{1b}[?1049l")
        .expect("left the alternate screen");
    let msg = raw
        .find("blatt: internal error")
        .expect("the panic message");
    assert!(
        leave < msg,
        "the message was written before the terminal was restored"
    );
}

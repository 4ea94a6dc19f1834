//! Links and sources from strangers: the reader opens a link with `$BROWSER` started without a shell,
//! the URL as exactly one argument, and only http(s); `blatt import` adds only http(s) feed URLs from
//! an OPML file, and configured non-http(s) commands are never run.

mod fault_server;
mod hostile_pty;

use fault_server::{Fault, FaultServer};
use hostile_pty::{status_line, Pty};
use std::path::Path;
use std::process::Command;

const CALL_END: &str = "==CALL-END==";
const ARG_END: &str = "==ARG-END==";

/// A fake browser: appends each argument and a separator line to `log`, then a call separator.
fn fake_browser(dir: &Path, log: &Path) -> std::path::PathBuf {
    let script = dir.join("fake-browser");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n{ARG_END}\\n' \"$a\" >> '{}'; done\nprintf '{CALL_END}\\n' >> '{}'\n",
            log.display(),
            log.display()
        ),
    )
    .expect("write the script");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    script
}

/// The calls recorded in `log`, each a list of arguments.
fn calls(log: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.split_terminator(&format!("{CALL_END}\n"))
        .map(|call| {
            call.split_terminator(&format!("\n{ARG_END}\n"))
                .map(str::to_string)
                .collect()
        })
        .collect()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
fn open_link_passes_one_argument_without_a_shell_and_only_http() {
    let work = tempfile::tempdir().expect("temp dir");
    let log = work.path().join("browser.log");
    let side = work.path().join("pwned");
    let browser = fake_browser(work.path(), &log);
    let s = side.display();
    // links as a hostile feed writes them; XML-escaped where XML needs it
    let links: Vec<String> = vec![
        format!("https://blatt.example/a;b?c=$(touch {s}1)&d=`touch {s}2`&e='q'\"dq\" x|y&f=;touch {s}3"),
        format!("https://blatt.example/n\n;touch {s}4\n$(touch {s}5)"),
        format!("https://blatt.example/%24%28touch%20{s}6%29%3B%60id%60%22%27"),
        "file:///etc/passwd".to_string(),
        "javascript:alert(document.cookie)".to_string(),
        "data:text/html,<script>alert(1)</script>".to_string(),
    ];
    let mut rss = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Links</title>",
    );
    for (i, l) in links.iter().enumerate() {
        rss.push_str(&format!(
            "<item><title>Meldung {}</title><link>{}</link><guid>g{i}</guid><description>Text {i}.</description></item>",
            i + 1,
            xml_escape(l)
        ));
    }
    rss.push_str("</channel></rss>");
    let server = FaultServer::start(vec![("/links.xml", Fault::ok("application/rss+xml", &rss))]);
    let feed_url = server.url("/links.xml");

    // what blatt itself makes of each link (the URL parser normalises: percent-encoding, no newlines)
    let parsed = blatt::parse::parse(
        &rss,
        url::Url::parse(&feed_url).ok().as_ref(),
        blatt::parse::KindHint::Feed,
    )
    .expect("the feed parses");
    let blatt::document::Parsed::Feed(listing) = parsed else {
        panic!("a feed")
    };
    let expected: Vec<String> = listing
        .items
        .iter()
        .take(4)
        .map(|it| {
            let u = it
                .teaser
                .url
                .clone()
                .expect("the first four items have their link");
            url::Url::parse(&u).expect("a URL").to_string()
        })
        .collect();
    // a script or a data: URL is no article's address: the feed stage drops it as feedparser does
    for it in &listing.items[4..] {
        assert_eq!(it.teaser.url, None, "{:?}", it.teaser.title);
    }
    assert_eq!(listing.items.len(), links.len());

    let mut t = Pty::start(
        &[&feed_url],
        &[("BROWSER", browser.to_str().expect("utf-8 path"))],
        120,
        30,
    );
    t.wait("the teasers", |sc| sc.contents().contains("Meldung 6"));
    for (i, want) in expected.iter().enumerate().take(3) {
        t.send("o");
        t.wait_for("the browser to be called", || calls(&log).len() > i);
        let got = &calls(&log)[i];
        assert_eq!(got, &vec![want.clone()], "link {}", i + 1);
        // the hostile parts arrived literally, inside the one argument
        assert!(got[0].starts_with("https://blatt.example/"), "{got:?}");
        assert!(!got[0].contains('\n'), "{got:?}");
        t.send("j");
    }
    assert!(calls(&log)[0][0].contains("$(touch"), "{:?}", calls(&log));
    assert!(calls(&log)[0][0].contains(";b?c="), "{:?}", calls(&log));
    for (i, scheme) in [(3, Some("file")), (4, None), (5, None)] {
        let before = calls(&log).len();
        t.wait("the item selected", |sc| {
            status_line(sc)
                .trim_end()
                .ends_with(&format!(" {}/6", i + 1))
        });
        t.send("o");
        if let Some(scheme) = scheme {
            let sc = t.wait("the refusal", |sc| {
                status_line(sc).contains(&format!("Not opening a {scheme}: link"))
            });
            assert!(
                status_line(&sc).contains("only http and https"),
                "{}",
                status_line(&sc)
            );
        } else {
            t.wait("no link to open", |sc| {
                status_line(sc).contains("This article has no link.")
            });
        }
        assert_eq!(
            calls(&log).len(),
            before,
            "item {}: the browser was started",
            i + 1
        );
        t.send("j");
    }
    let (ok, _) = t.quit();
    assert!(ok);
    assert_eq!(calls(&log).len(), 3, "{:?}", calls(&log));
    for n in 1..=6 {
        assert!(
            !Path::new(&format!("{s}{n}")).exists(),
            "side effect {n}: a shell ran part of a URL"
        );
    }
}

fn blatt(args: &[&str], home: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_blatt"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("BLATT_TIMEOUT_SECS", "5")
        .env("NO_COLOR", "1")
        .output()
        .expect("run blatt");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The `url`s of the config file's sources, read with a TOML parser.
fn config_urls(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("the config file");
    let v: toml::Value = toml::from_str(&text).expect("valid TOML");
    v.get("source")
        .and_then(|s| s.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|s| s.get("url").and_then(|u| u.as_str()).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn opml_import_adds_only_http_feeds() {
    let home = tempfile::tempdir().expect("temp dir");
    let side = home.path().join("pwned");
    let s = side.display();
    let opml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Geteilte Blogroll</title></head><body>
<outline text="Kommunales">
  <outline type="rss" text="Gut" xmlUrl="https://gut.example/feed.xml"/>
  <outline type="rss" text="exec" xmlUrl="exec:touch {s}1"/>
  <outline type="rss" text="filter" xmlUrl="filter:/bin/sh -c 'touch {s}2':https://gut.example/f"/>
  <outline type="rss" text="pipe" xmlUrl="|touch {s}3"/>
  <outline type="rss" text="pipe2" xmlUrl="https://gut.example/x | touch {s}4"/>
</outline>
<outline type="rss" text="file" xmlUrl="file:///etc/passwd"/>
<outline type="rss" text="absolute path" xmlUrl="/etc/passwd"/>
<outline type="rss" text="home path" xmlUrl="~/.ssh/id_rsa"/>
<outline type="rss" text="relative path" xmlUrl="feeds/local.xml"/>
<outline type="rss" text="js" xmlUrl="javascript:alert(1)"/>
<outline type="rss" text="data" xmlUrl="data:application/rss+xml;base64,PHJzcz4="/>
<outline type="rss" text="no host" xmlUrl="http:///feed.xml"/>
<outline type="rss" text="ftp" xmlUrl="ftp://gut.example/feed.xml"/>
<outline type="rss" text="cmd sub" xmlUrl="$(touch {s}5)"/>
<outline type="rss" text="Auch gut" xmlUrl="  http://auch-gut.example/rss?a=1&amp;b=2  "/>
<outline type="rss" text="Sonderzeichen" xmlUrl="https://gut.example/f?q=$(x)"/>
</body></opml>"#
    );
    let file = home.path().join("blogroll.opml");
    std::fs::write(&file, opml).expect("write OPML");
    let config = home.path().join("config.toml");
    std::fs::write(&config, "").expect("an empty config");
    let cfg = config.to_str().expect("utf-8");
    let (code, out, err) = blatt(
        &["import", file.to_str().expect("utf-8"), "--config", cfg],
        home.path(),
    );
    assert_eq!(code, 0, "{err}");
    let want = vec![
        "https://gut.example/feed.xml",
        "http://auch-gut.example/rss?a=1&b=2",
        "https://gut.example/f?q=$(x)",
    ];
    assert_eq!(config_urls(&config), want, "{out}");
    assert!(
        out.contains("3 added, 0 already configured, 13 refused"),
        "{out}"
    );
    for bad in [
        "exec:",
        "filter:",
        "|touch",
        "file:///etc/passwd",
        "javascript:",
        "data:",
    ] {
        assert!(
            out.lines()
                .any(|l| l.starts_with("refused") && l.contains(bad)),
            "{bad} not reported as refused:\n{out}"
        );
    }
    // export gives back exactly the http(s) feeds
    let (code, exported, err) = blatt(&["export", "--config", cfg], home.path());
    assert_eq!(code, 0, "{err}");
    let urls: Vec<String> = exported
        .lines()
        .filter_map(|l| l.split("xmlUrl=\"").nth(1))
        .filter_map(|r| r.split('"').next())
        .map(|u| u.replace("&amp;", "&"))
        .collect();
    assert_eq!(urls, want, "{exported}");
    // importing again adds nothing
    let (code, out, _) = blatt(
        &["import", file.to_str().expect("utf-8"), "--config", cfg],
        home.path(),
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("0 added, 3 already configured, 13 refused"),
        "{out}"
    );
    for n in 1..=5 {
        assert!(!Path::new(&format!("{s}{n}")).exists(), "side effect {n}");
    }
}

/// A config written by hand with command-like sources: refused when the config is read, by scheme,
/// and nothing runs.
#[test]
fn configured_commands_are_never_run() {
    let home = tempfile::tempdir().expect("temp dir");
    let side = home.path().join("pwned");
    let s = side.display();
    let config = home.path().join("config.toml");
    for (n, (scheme, url)) in [
        ("exec", format!("exec:touch {s}1")),
        ("filter", format!("filter:touch {s}2:https://gut.example/f")),
        ("javascript", "javascript:alert(1)".to_string()),
        ("data", "data:text/plain,x".to_string()),
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(
            &config,
            format!("[reload]\ntimeout = 2\n\n[[source]]\nurl = \"https://gut.example/feed.xml\"\n\n[[source]]\nurl = \"{url}\"\n"),
        )
        .expect("write config");
        for cmd in [&["reload"][..], &["export"][..], &["config"][..]] {
            let mut args = cmd.to_vec();
            args.extend(["--config", config.to_str().expect("utf-8")]);
            let (code, out, err) = blatt(&args, home.path());
            assert_eq!(code, 1, "{n} {cmd:?}: {out}{err}");
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(
                err.contains(&format!("unsupported URL scheme {scheme}:")),
                "{scheme}: {err}"
            );
        }
    }
    for n in 1..=2 {
        assert!(!Path::new(&format!("{s}{n}")).exists(), "side effect {n}");
    }
}

//! The config through the command line: `import` then `export` round-trips with a real config file;
//! config errors name file:line:col, for every command and for the reader itself.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn blatt(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_blatt"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .output()
        .expect("run blatt")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const OPML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Abos von Greta Voss</title></head>
  <body>
    <outline text="Kommunal">
      <outline text="IT">
        <outline type="rss" text="Rathaus Wendelsee" xmlUrl="https://wendelsee.example/feed.xml"/>
        <outline type="rss" text="Kreis Oberhagen" xmlUrl="https://oberhagen.example/rss" category="/verwaltung"/>
      </outline>
    </outline>
    <outline type="rss" text="Harbour Ledger" xmlUrl="https://ledger.example/atom.xml"/>
    <outline type="rss" text="Doppelt" xmlUrl="https://wendelsee.example/feed.xml"/>
    <outline type="rss" text="Böse" xmlUrl="exec:rm -rf ~"/>
  </body>
</opml>
"#;

#[test]
fn import_then_export_round_trips() {
    let home = tempfile::tempdir().unwrap();
    let opml = home.path().join("abos.opml");
    std::fs::write(&opml, OPML).unwrap();
    let out = blatt(home.path(), &["import", opml.to_str().unwrap()]);
    let report = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        report.contains("3 added, 1 already configured, 1 refused"),
        "{report}"
    );
    assert!(
        report.contains("added    https://oberhagen.example/rss"),
        "{report}"
    );

    // the default config path now holds a config that starts from the documented default
    let cfg_path: PathBuf = home.path().join("config/blatt/config.toml");
    let cfg = std::fs::read_to_string(&cfg_path).unwrap();
    assert!(cfg.starts_with("# blatt configuration"), "{cfg}");
    let out = blatt(home.path(), &["config", "--path"]);
    assert_eq!(text(&out.stdout).trim(), cfg_path.to_str().unwrap());

    // importing again adds nothing
    let out = blatt(home.path(), &["import", opml.to_str().unwrap()]);
    assert!(text(&out.stdout).contains("0 added, 4 already configured, 1 refused"));

    let out = blatt(home.path(), &["export"]);
    assert!(out.status.success());
    let exported = text(&out.stdout);
    assert!(exported.contains("<opml version=\"2.0\""), "{exported}");
    // the export imported into a fresh home gives the same sources, names and tags
    let other = tempfile::tempdir().unwrap();
    let file = other.path().join("export.opml");
    std::fs::write(&file, &exported).unwrap();
    let out = blatt(other.path(), &["import", file.to_str().unwrap()]);
    assert!(text(&out.stdout).contains("3 added, 0 already configured, 0 refused"));
    let a = blatt::config::load(&cfg_path, true).unwrap();
    let b = blatt::config::load(&other.path().join("config/blatt/config.toml"), true).unwrap();
    assert_eq!(a.sources, b.sources);
    let ober = a
        .sources
        .iter()
        .find(|s| s.url.contains("oberhagen"))
        .unwrap();
    assert_eq!(ober.name.as_deref(), Some("Kreis Oberhagen"));
    assert!(ober.tags.iter().any(|t| t == "IT"), "{:?}", ober.tags);
    // and a second export is the same text
    let again = text(&blatt(other.path(), &["export"]).stdout);
    assert_eq!(again, exported);
}

#[test]
fn config_errors_name_file_line_and_column_everywhere() {
    let home = tempfile::tempdir().unwrap();
    let bad = home.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[reload]\nconcurrency = 4\n\n[keys]\nquit = \"q\"\nfly = \"f\"\n",
    )
    .unwrap();
    let b = bad.to_str().unwrap();
    let want = format!("blatt: config error: {b}:6:1: unknown command `fly`");
    for args in [
        vec!["--config", b],
        vec!["reload", "--config", b],
        vec!["export", "--config", b],
        vec!["config", "--config", b],
    ] {
        let out = blatt(home.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.starts_with(&want), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(out.stdout.is_empty(), "the reader never started: {args:?}");
    }

    // a bad key name, a type error, a syntax error: each located
    for (body, at, what) in [
        (
            "[keys]\nquit = [\"q\", \"hyper-q\"]\n",
            ":2:14:",
            "unknown key `hyper-q`",
        ),
        ("[reload]\ntimeout = \"lang\"\n", ":2:11:", "invalid type"),
        ("[[source]\nurl = 1\n", ":1:", ""),
        ("[[source]]\nurl = \"ftp://x.example/feed\"\n", ":2:", "ftp"),
    ] {
        std::fs::write(&bad, body).unwrap();
        let out = blatt(home.path(), &["--config", b]);
        assert_eq!(out.status.code(), Some(1));
        let err = text(&out.stderr);
        assert!(
            err.starts_with(&format!("blatt: config error: {b}{at}")),
            "{err}"
        );
        assert!(err.contains(what), "{err}");
    }

    // a config named with --config must exist; the default one may be missing (demo edition)
    let out = blatt(
        home.path(),
        &["export", "--config", "/nonexistent/blatt.toml"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("/nonexistent/blatt.toml"));
    let out = blatt(home.path(), &["export"]);
    assert!(out.status.success());
}

#[test]
fn the_default_config_is_documented_and_valid() {
    let home = tempfile::tempdir().unwrap();
    let out = blatt(home.path(), &["config", "--default"]);
    let t = text(&out.stdout);
    assert_eq!(t, blatt::config::DEFAULT_CONFIG);
    for word in [
        "[[source]]",
        "concurrency",
        "per_host",
        "timeout",
        "interval",
        "[keys]",
        "[theme]",
    ] {
        assert!(t.contains(word), "{word}");
    }
    // every command name the keymap knows is listed in the default config's comments
    for c in blatt::app::Command::ALL {
        assert!(t.contains(c.name()), "{} is not documented", c.name());
    }
    let path = home.path().join("c.toml");
    std::fs::write(&path, &t).unwrap();
    assert!(blatt::config::load(&path, true).is_ok());
}

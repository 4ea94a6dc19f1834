//! `blatt items`, `blatt mark` and the failures of `blatt sync` that need no sync server: the real
//! binary, a real SQLite file, a local feed file as the source. (The sync itself is tested against
//! real servers in `tests/sync_greader.rs` and `tests/sync_ttrss.rs`.)

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new(config: &str) -> Home {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config/blatt")).unwrap();
        std::fs::write(dir.path().join("config/blatt/config.toml"), config).unwrap();
        Home { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_blatt"))
            .args(args)
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("XDG_STATE_HOME", self.path().join("state"))
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    }

    fn items(&self, more: &[&str]) -> Vec<Value> {
        let mut args = vec!["items", "--format", "json"];
        args.extend_from_slice(more);
        let o = self.run(&args);
        assert!(o.status.success(), "{}", err(&o));
        serde_json::from_slice(&o.stdout).unwrap()
    }
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name)
}

fn reloaded() -> Home {
    let config = format!(
        "[[source]]\nurl = \"{}\"\nname = \"Rathaus\"\n\n[[source]]\nurl = \"{}\"\n",
        fixture("rss2.xml").display(),
        fixture("atom.xml").display()
    );
    let h = Home::new(&config);
    let o = h.run(&["reload"]);
    assert!(o.status.success(), "{}", err(&o));
    h
}

#[test]
fn items_lists_what_reload_stored_and_mark_changes_it() {
    let h = reloaded();
    let all = h.items(&[]);
    assert!(all.len() >= 2, "{all:?}");
    for i in &all {
        for key in [
            "id",
            "title",
            "url",
            "published",
            "source",
            "read",
            "starred",
            "kind",
            "tags",
        ] {
            assert!(i.get(key).is_some(), "{key} in {i}");
        }
        assert_eq!(i["read"], false);
    }
    let text = String::from_utf8_lossy(&h.run(&["items"]).stdout).into_owned();
    assert_eq!(text.lines().count(), all.len(), "{text}");
    assert!(text.lines().all(|l| l.contains('●')), "all unread: {text}");

    let ids: Vec<i64> = all.iter().map(|i| i["id"].as_i64().unwrap()).collect();
    let o = h.run(&["mark", "read", &ids[0].to_string(), &ids[1].to_string()]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(err(&o).contains("2 of 2 items marked read"), "{}", err(&o));
    assert!(
        !err(&o).contains("queued"),
        "local items are not queued: {}",
        err(&o)
    );
    let o = h.run(&["mark", "star", &ids[1].to_string()]);
    assert!(o.status.success());
    assert_eq!(h.items(&["--unread"]).len(), all.len() - 2);
    let starred = h.items(&["--starred"]);
    assert_eq!(starred.len(), 1);
    assert_eq!(starred[0]["id"], ids[1]);
    // marking again changes nothing and says so
    let o = h.run(&["mark", "read", &ids[0].to_string()]);
    assert!(err(&o).contains("0 of 1 item marked read"), "{}", err(&o));
    let o = h.run(&["mark", "unread", &ids[0].to_string()]);
    assert!(o.status.success());
    assert_eq!(h.items(&["--unread"]).len(), all.len() - 1);

    // --source by the configured name
    let rathaus = h.items(&["--source", "rathaus"]);
    assert!(!rathaus.is_empty() && rathaus.len() < all.len());
    assert!(rathaus.iter().all(|i| i["source"] == "Rathaus"));
    let o = h.run(&["items", "--source", "Gibt es nicht"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("no source named `Gibt es nicht`"),
        "{}",
        err(&o)
    );
    assert!(
        err(&o).contains("Rathaus"),
        "names the sources: {}",
        err(&o)
    );
}

#[test]
fn marking_an_unknown_item_changes_nothing() {
    let h = reloaded();
    let all = h.items(&[]);
    let id = all[0]["id"].as_i64().unwrap();
    let o = h.run(&["mark", "read", &id.to_string(), "99999"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(err(&o).lines().count(), 1, "{}", err(&o));
    assert!(err(&o).contains("no item 99999"), "{}", err(&o));
    assert_eq!(h.items(&["--unread"]).len(), all.len(), "nothing marked");
    // usage errors: no id, not a number, an unknown action
    for args in [
        vec!["mark", "read"],
        vec!["mark", "read", "zwölf"],
        vec!["mark", "burn", "1"],
        vec!["items", "--format", "ansi"],
    ] {
        assert_eq!(h.run(&args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn an_empty_store_has_no_items() {
    let h = Home::new("");
    let o = h.run(&["items"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(o.stdout.is_empty());
    assert_eq!(h.items(&[]), Vec::<Value>::new());
}

#[test]
fn sync_without_sync_config_or_server_is_one_line() {
    let h = Home::new("");
    let o = h.run(&["sync"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("no [sync] in the config"), "{}", err(&o));

    // a port nobody listens on
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    for kind in ["greader", "ttrss"] {
        let h = Home::new(&format!(
            "[sync]\nkind = \"{kind}\"\nurl = \"http://127.0.0.1:{port}/\"\nuser = \"greta\"\npassword_command = [\"printf\", \"%s\\n\", \"geheim-123\"]\n"
        ));
        let o = h.run(&["sync"]);
        assert_eq!(o.status.code(), Some(1), "{kind}: {}", err(&o));
        let e = err(&o);
        assert_eq!(e.lines().count(), 1, "{e}");
        assert!(
            e.starts_with(&format!(
                "blatt: sync with {kind} http://127.0.0.1:{port}/: cannot reach the server"
            )),
            "{e}"
        );
        assert!(!e.contains("geheim-123"), "{e}");
        // the store is there and usable
        assert!(h.run(&["items"]).status.success());
        // reload says where the sources come from
        let o = h.run(&["reload"]);
        assert!(err(&o).contains("come with `blatt sync`"), "{}", err(&o));
    }

    // a password command that fails
    let h = Home::new(&format!(
        "[sync]\nkind = \"ttrss\"\nurl = \"http://127.0.0.1:{port}/\"\nuser = \"greta\"\npassword_command = \"false\"\n"
    ));
    let o = h.run(&["sync"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("sync.password_command `false` failed"),
        "{}",
        err(&o)
    );

    // a password in the config is refused before anything happens
    let h = Home::new("[sync]\nkind = \"ttrss\"\nurl = \"http://127.0.0.1:9/\"\nuser = \"greta\"\npassword = \"geheim-123\"\n");
    let o = h.run(&["sync"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("never goes into the config"),
        "{}",
        err(&o)
    );
    assert!(!err(&o).contains("geheim-123"));
}

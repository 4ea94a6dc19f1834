//! Helpers for the sync tests against the real servers (`.ci/run` starts them with
//! `../shared/servers/*/up.sh` and exports where their `env` files are):
//!
//! | variable | server |
//! |---|---|
//! | `BLATT_FRESHRSS_ENV` | FreshRSS (Google Reader API), 2 feeds × 5 items |
//! | `BLATT_TTRSS_ENV` | Tiny Tiny RSS, 2 feeds × 5 items |
//! | `BLATT_FRESHRSS_BIG_ENV`, `BLATT_TTRSS_BIG_ENV` | the same with 20 feeds (10,000 items) |
//! | `BLATT_SYNC_SERVERS` | the folder of the `up.sh` scripts (for `up.sh --update`) |
//!
//! The tests are `#[ignore]`d: a plain `cargo test` has no servers. A test that is asked to run
//! without its server fails with a message instead of passing.
//!
//! The server side is checked with `curl` (the server's own API, not blatt's client), and the
//! blatt side with the real binary in a home folder of its own.

#![allow(dead_code)]

pub mod scenarios;

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The variables of a server's `env` file (the file named by `var`).
pub fn server_env(var: &str) -> HashMap<String, String> {
    let path = std::env::var(var).unwrap_or_else(|_| {
        panic!("{var} is not set: start the servers with .ci/run (or ../shared/servers/*/up.sh and export {var})")
    });
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{var}={path}: {e}: is the server running?"));
    let mut env: HashMap<String, String> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.trim_matches('"').to_owned()))
        .collect();
    env.insert(
        "STATE".into(),
        Path::new(&path).parent().unwrap().display().to_string(),
    );
    env
}

/// A blatt home: config with `[sync]` for the server of `env`, the password in a file.
pub struct Home {
    pub dir: tempfile::TempDir,
    pub kind: &'static str,
}

impl Home {
    pub fn new(kind: &'static str, env: &HashMap<String, String>) -> Home {
        Home::with_password(kind, env, &env["SYNC_PASSWORD"])
    }

    pub fn with_password(kind: &'static str, env: &HashMap<String, String>, pw: &str) -> Home {
        let dir = tempfile::tempdir().unwrap();
        let pwfile = dir.path().join("password");
        std::fs::write(&pwfile, format!("{pw}\n")).unwrap();
        let cfgdir = dir.path().join("config/blatt");
        std::fs::create_dir_all(&cfgdir).unwrap();
        // a Google Reader client takes the API endpoint, a TT-RSS client the instance
        let url = &env["SYNC_URL"];
        std::fs::write(
            cfgdir.join("config.toml"),
            format!(
                "[reload]\ntimeout = 60\n\n[sync]\nkind = \"{kind}\"\nurl = \"{url}\"\nuser = \"{}\"\npassword_file = \"{}\"\n",
                env["SYNC_USER"],
                pwfile.display()
            ),
        )
        .unwrap();
        Home { dir, kind }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> PathBuf {
        self.path().join("data/blatt/blatt.db")
    }

    /// The binary with this home's XDG folders.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_blatt"));
        c.args(args)
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("XDG_STATE_HOME", self.path().join("state"))
            .env_remove("NO_COLOR");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("run blatt")
    }

    /// `blatt sync`, which must succeed; returns its stderr.
    pub fn sync_ok(&self) -> String {
        let o = self.run(&["sync"]);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(o.status.success(), "blatt sync failed: {err}");
        err
    }

    /// `blatt items --format json` (with more arguments).
    pub fn items(&self, more: &[&str]) -> Vec<Value> {
        let mut args = vec!["items", "--format", "json"];
        args.extend_from_slice(more);
        let o = self.run(&args);
        assert!(
            o.status.success(),
            "blatt items: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        serde_json::from_slice::<Vec<Value>>(&o.stdout).expect("items JSON")
    }

    /// The stored item titled `title` (its start).
    pub fn item(&self, title: &str) -> Value {
        self.items(&[])
            .into_iter()
            .find(|i| i["title"].as_str().unwrap_or("").starts_with(title))
            .unwrap_or_else(|| panic!("no stored item titled {title}"))
    }

    pub fn mark(&self, action: &str, ids: &[i64]) -> String {
        let mut args = vec!["mark".to_string(), action.to_string()];
        args.extend(ids.iter().map(|i| i.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = self.run(&args);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(o.status.success(), "blatt mark: {err}");
        err
    }
}

/// The number in `… N marks pushed …` of a sync summary.
pub fn pushed(summary: &str) -> usize {
    number_before(summary, " marks pushed")
}

/// The number in `… N new items …`.
pub fn new_items(summary: &str) -> usize {
    number_before(summary, " new items")
}

pub fn number_before(text: &str, what: &str) -> usize {
    let at = text
        .find(what)
        .unwrap_or_else(|| panic!("no `{what}` in {text:?}"));
    let digits: String = text[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .collect::<String>()
        .chars()
        .rev()
        .filter(|c| *c != ',')
        .collect();
    digits.parse().unwrap()
}

/// Runs curl; its stdout.
pub fn curl(args: &[&str]) -> String {
    let o = Command::new("curl")
        .args(["-sS", "--noproxy", "*", "-m", "120"])
        .args(args)
        .output()
        .expect("curl (the tests check the server through its API with curl)");
    assert!(
        o.status.success(),
        "curl {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The server's own view, through its API with curl.
pub trait ServerView {
    /// Every item: (title, read, starred).
    fn items(&self) -> Vec<(String, bool, bool)>;
    /// Marks the item titled `title` (start) read / starred on the server.
    fn set(&self, title: &str, read: Option<bool>, starred: Option<bool>);
    /// How many items the server has (cheap, for the big servers).
    fn count(&self) -> usize;
    fn state_of(&self, title: &str) -> (bool, bool) {
        let all = self.items();
        let (_, r, s) = all
            .iter()
            .find(|(t, _, _)| t.starts_with(title))
            .unwrap_or_else(|| panic!("the server has no item titled {title}"));
        (*r, *s)
    }
}

/// FreshRSS through the Google Reader API.
pub struct FreshRss {
    pub env: HashMap<String, String>,
    auth: String,
}

impl FreshRss {
    pub fn new(env: &HashMap<String, String>) -> FreshRss {
        let body = curl(&[
            &format!("{}/accounts/ClientLogin", env["SYNC_URL"]),
            "-d",
            &format!("Email={}", env["SYNC_USER"]),
            "-d",
            &format!("Passwd={}", env["SYNC_PASSWORD"]),
        ]);
        let auth = body
            .lines()
            .find_map(|l| l.strip_prefix("Auth="))
            .unwrap_or_else(|| panic!("ClientLogin: {body}"))
            .to_string();
        FreshRss {
            env: env.clone(),
            auth,
        }
    }

    fn get(&self, path: &str) -> Value {
        let url = format!("{}/reader/api/0/{path}", self.env["SYNC_URL"]);
        let body = curl(&[
            "-H",
            &format!("Authorization: GoogleLogin auth={}", self.auth),
            &url,
        ]);
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"))
    }

    fn post(&self, path: &str, form: &[(&str, &str)]) -> String {
        let token = curl(&[
            "-H",
            &format!("Authorization: GoogleLogin auth={}", self.auth),
            &format!("{}/reader/api/0/token", self.env["SYNC_URL"]),
        ]);
        let mut args = vec![
            "-H".to_string(),
            format!("Authorization: GoogleLogin auth={}", self.auth),
            format!("{}/reader/api/0/{path}", self.env["SYNC_URL"]),
            "--data-urlencode".to_string(),
            format!("T={}", token.trim()),
        ];
        for (k, v) in form {
            args.push("--data-urlencode".into());
            args.push(format!("{k}={v}"));
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        curl(&args)
    }

    /// Every item with its decimal id.
    pub fn items_with_ids(&self) -> Vec<(String, String, bool, bool)> {
        let mut out = Vec::new();
        let mut cont = String::new();
        loop {
            let v = self.get(&format!(
                "stream/contents/user/-/state/com.google/reading-list?n=1000&output=json{cont}"
            ));
            for it in v["items"].as_array().unwrap() {
                let hex = it["id"].as_str().unwrap().rsplit('/').next().unwrap();
                let id = u64::from_str_radix(hex, 16).unwrap().to_string();
                let cats: Vec<&str> = it["categories"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(Value::as_str)
                    .collect();
                out.push((
                    it["title"].as_str().unwrap().to_string(),
                    id,
                    cats.contains(&"user/-/state/com.google/read"),
                    cats.contains(&"user/-/state/com.google/starred"),
                ));
            }
            match v["continuation"].as_str() {
                Some(c) if !c.is_empty() => cont = format!("&c={c}"),
                _ => break,
            }
        }
        out
    }
}

impl ServerView for FreshRss {
    fn count(&self) -> usize {
        let v = self
            .get("stream/items/ids?s=user/-/state/com.google/reading-list&n=1000000&output=json");
        v["itemRefs"].as_array().map_or(0, Vec::len)
    }

    fn items(&self) -> Vec<(String, bool, bool)> {
        self.items_with_ids()
            .into_iter()
            .map(|(t, _, r, s)| (t, r, s))
            .collect()
    }

    fn set(&self, title: &str, read: Option<bool>, starred: Option<bool>) {
        let id = self
            .items_with_ids()
            .into_iter()
            .find(|(t, ..)| t.starts_with(title))
            .map(|(_, id, ..)| id)
            .unwrap_or_else(|| panic!("no item titled {title} on the server"));
        for (flag, tag) in [
            (read, "user/-/state/com.google/read"),
            (starred, "user/-/state/com.google/starred"),
        ] {
            if let Some(on) = flag {
                let a = self.post(
                    "edit-tag",
                    &[("i", id.as_str()), (if on { "a" } else { "r" }, tag)],
                );
                assert_eq!(a.trim(), "OK", "edit-tag: {a}");
            }
        }
    }
}

/// Tiny Tiny RSS through its JSON API (its own User-Agent: a session of its own).
pub struct TtRssView {
    pub env: HashMap<String, String>,
    sid: String,
}

impl TtRssView {
    pub fn new(env: &HashMap<String, String>) -> TtRssView {
        let mut v = TtRssView {
            env: env.clone(),
            sid: String::new(),
        };
        let a = v.api(&serde_json::json!({"op": "login", "user": env["SYNC_USER"], "password": env["SYNC_PASSWORD"]}));
        v.sid = a["content"]["session_id"]
            .as_str()
            .expect("tt-rss login")
            .to_string();
        v
    }

    pub fn api(&self, body: &Value) -> Value {
        let mut body = body.clone();
        if !self.sid.is_empty() {
            body["sid"] = self.sid.clone().into();
        }
        let out = curl(&[
            "-A",
            "blatt-test-checker",
            "-H",
            "Content-Type: application/json",
            "-d",
            &body.to_string(),
            &self.env["SYNC_API"],
        ]);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
    }

    /// Every article: (title, id, read, starred).
    pub fn items_with_ids(&self) -> Vec<(String, i64, bool, bool)> {
        let mut out: Vec<(String, i64, bool, bool)> = Vec::new();
        let mut skip = 0;
        loop {
            let a = self.api(&serde_json::json!({"op": "getHeadlines", "feed_id": -4,
                "view_mode": "all_articles", "limit": 200, "skip": skip, "order_by": "title"}));
            let rows = a["content"].as_array().expect("headlines").clone();
            for r in &rows {
                out.push((
                    r["title"].as_str().unwrap().to_string(),
                    r["id"].as_i64().unwrap(),
                    !r["unread"].as_bool().unwrap(),
                    r["marked"].as_bool().unwrap(),
                ));
            }
            if rows.len() < 200 {
                break;
            }
            skip += rows.len();
        }
        out.sort();
        out.dedup();
        out
    }
}

impl ServerView for TtRssView {
    fn count(&self) -> usize {
        let o = std::process::Command::new("psql")
            .args([
                self.env["SYNC_PG"].as_str(),
                "-Atc",
                "SELECT count(*) FROM ttrss_user_entries",
            ])
            .output()
            .expect("psql (installed with the tt-rss server)");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).trim().parse().unwrap()
    }

    fn items(&self) -> Vec<(String, bool, bool)> {
        self.items_with_ids()
            .into_iter()
            .map(|(t, _, r, s)| (t, r, s))
            .collect()
    }

    fn set(&self, title: &str, read: Option<bool>, starred: Option<bool>) {
        let id = self
            .items_with_ids()
            .into_iter()
            .find(|(t, ..)| t.starts_with(title))
            .map(|(_, id, ..)| id)
            .unwrap_or_else(|| panic!("no article titled {title}"));
        for (flag, field, invert) in [(read, 2, true), (starred, 0, false)] {
            if let Some(on) = flag {
                let mode = if on != invert { 1 } else { 0 };
                let a = self.api(&serde_json::json!({"op": "updateArticle",
                    "article_ids": id.to_string(), "field": field, "mode": mode}));
                assert_eq!(a["content"]["status"], "OK", "updateArticle: {a}");
            }
        }
    }
}

/// The web server of a running test server: stop it and start it again, as the same user, with the
/// same command line in the same folder (its data stays; `down.sh` would remove it). Only the PID
/// that `up.sh` recorded in the state's `pids` file is touched, and the new one is written there.
pub struct WebServer {
    state: PathBuf,
    cmdline: Vec<String>,
    cwd: PathBuf,
    uid: u32,
    gid: u32,
    pid: i32,
}

impl WebServer {
    pub fn of(env: &HashMap<String, String>) -> WebServer {
        let state = PathBuf::from(&env["STATE"]);
        let pids = std::fs::read_to_string(state.join("pids")).expect("the server's pids file");
        let pid: i32 = pids
            .lines()
            .find_map(|l| l.strip_prefix("php "))
            .expect("a php line in pids")
            .trim()
            .parse()
            .unwrap();
        let cmdline: Vec<String> = std::fs::read(format!("/proc/{pid}/cmdline"))
            .expect("the php server runs")
            .split(|b| *b == 0)
            .filter(|a| !a.is_empty())
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        assert!(cmdline.iter().any(|a| a == "-S"), "not php -S: {cmdline:?}");
        let cwd = std::fs::read_link(format!("/proc/{pid}/cwd")).unwrap();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        let id_of = |key: &str| -> u32 {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.split_whitespace().next())
                .unwrap()
                .parse()
                .unwrap()
        };
        WebServer {
            state,
            uid: id_of("Uid:"),
            gid: id_of("Gid:"),
            cmdline,
            cwd,
            pid,
        }
    }

    fn alive(&self) -> bool {
        // a zombie (not reaped by its parent) counts as gone
        match std::fs::read_to_string(format!("/proc/{}/stat", self.pid)) {
            Ok(s) => !s
                .rsplit(')')
                .next()
                .unwrap_or("")
                .trim_start()
                .starts_with('Z'),
            Err(_) => false,
        }
    }

    /// Kills the web server (SIGKILL: as a crash would); the database stays.
    pub fn kill(&mut self) {
        unsafe {
            libc::kill(self.pid, libc::SIGKILL);
        }
        let start = Instant::now();
        while self.alive() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "php did not stop"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Starts it again (as it ran before) and waits until it answers `probe_url`.
    pub fn start(&mut self, probe_url: &str) {
        use std::os::unix::process::CommandExt;
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.state.join("php.log"))
            .unwrap();
        let mut c = Command::new(&self.cmdline[0]);
        c.args(&self.cmdline[1..])
            .current_dir(&self.cwd)
            .stdin(std::process::Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .process_group(0);
        if unsafe { libc::geteuid() } == 0 && self.uid != 0 {
            c.uid(self.uid).gid(self.gid);
        }
        let child = c.spawn().expect("start php again");
        self.pid = child.id() as i32;
        // down.sh stops it by the PID in pids
        let pids = std::fs::read_to_string(self.state.join("pids")).unwrap();
        let pids: String = pids
            .lines()
            .map(|l| {
                if l.starts_with("php ") {
                    format!("php {}\n", self.pid)
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        std::fs::write(self.state.join("pids"), pids).unwrap();
        std::mem::forget(child);
        let start = Instant::now();
        loop {
            let ok = Command::new("curl")
                .args([
                    "-s",
                    "--noproxy",
                    "*",
                    "-m",
                    "5",
                    "-o",
                    "/dev/null",
                    probe_url,
                ])
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            if ok {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "php did not answer after its restart"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// `up.sh --update` of a server: the feeds fetched again (after a test changed them).
pub fn refetch(server: &str, env: &HashMap<String, String>) {
    let dir = std::env::var("BLATT_SYNC_SERVERS")
        .expect("BLATT_SYNC_SERVERS: the folder of the servers' up.sh scripts");
    let var = if server == "freshrss" {
        "FRESHRSS_DIR"
    } else {
        "SYNCSERVER_DIR"
    };
    let o = Command::new("bash")
        .arg(format!("{dir}/{server}/up.sh"))
        .arg("--update")
        .env(var, &env["STATE"])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "up.sh --update: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// An RSS item of ours (fictional), with full text when `body` is given.
pub fn rss_item(guid: &str, title: &str, link: &str, date: &str, body: &str) -> String {
    format!(
        "<item><title>{title}</title><link>{link}</link><guid isPermaLink=\"false\">{guid}</guid>\
         <pubDate>{date}</pubDate><description>Kurz: {title}</description>\
         <content:encoded><![CDATA[{body}]]></content:encoded></item>"
    )
}

/// Adds `items` at the top of feed file `f` of a server (its `SYNC_FEED_DIR`).
pub fn add_items(env: &HashMap<String, String>, feed: usize, items: &str) {
    let path = Path::new(&env["SYNC_FEED_DIR"]).join(format!("f{feed}.xml"));
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("<item>").expect("an item in the feed");
    let new = format!("{}{items}{}", &text[..at], &text[at..]);
    std::fs::write(&path, new).unwrap();
}

/// A long interview of ours (a fictional mayor of a fictional town), as the full text of an item.
pub const INTERVIEW: &str =
    "<p>Die Gemeinde Wendelsee hat ihr Bürgeramt digitalisiert. Wir sprachen \
    mit der Bürgermeisterin Jana Feldkamp über Kosten, Fehler und das Faxgerät.</p>\
    <p><strong>Frau Feldkamp, was hat sich für die Bürger geändert?</strong></p>\
    <p><strong>Jana Feldkamp:</strong> Sie müssen für die meisten Anträge nicht mehr ins Rathaus \
    kommen. Wir haben mit den zwanzig häufigsten Leistungen angefangen.</p>\
    <p><strong>Was hat am meisten Ärger gemacht?</strong></p>\
    <p><strong>Feldkamp:</strong> Die Schnittstellen zu den Fachverfahren. Jede Software spricht \
    ihre eigene Sprache, und der Kreis betreibt wieder eine andere.</p>\
    <p><strong>Und was kostet das?</strong></p>\
    <p><strong>Feldkamp:</strong> Weniger als der alte Server im Keller, ehrlich gesagt.</p>";

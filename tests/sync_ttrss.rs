//! Sync with a real Tiny Tiny RSS server (its JSON API) on 127.0.0.1: the scenarios of
//! `tests/sync_common/scenarios.rs`, and the client's own re-login. `.ci/run` starts the servers
//! and runs these with `--ignored`; a plain `cargo test` skips them (it has no server).

mod hostile_pty;
mod sync_common;

use sync_common::scenarios::{self, Server};
use sync_common::{server_env, TtRssView};

fn with_server(var: &str, f: impl FnOnce(&Server)) {
    let env = server_env(var);
    let view = TtRssView::new(&env);
    f(&Server {
        kind: "ttrss",
        name: "ttrss",
        env,
        view: &view,
    });
}

fn small(f: impl FnOnce(&Server)) {
    with_server("BLATT_TTRSS_ENV", f)
}

fn big(f: impl FnOnce(&Server)) {
    with_server("BLATT_TTRSS_BIG_ENV", f)
}

#[test]
#[ignore = "needs the TT-RSS test server (.ci/run starts it)"]
fn sync_ttrss_subscriptions_and_tags_come_down() {
    small(scenarios::subscriptions_and_tags);
}

#[test]
#[ignore = "needs the TT-RSS test server (.ci/run starts it)"]
fn sync_ttrss_server_marks_come_down() {
    small(scenarios::server_marks_come_down);
}

#[test]
#[ignore = "needs the TT-RSS test server (.ci/run starts it)"]
fn sync_ttrss_blatt_marks_reach_the_server() {
    small(scenarios::blatt_marks_reach_the_server);
}

#[test]
#[ignore = "needs the TT-RSS test server (.ci/run starts it)"]
fn sync_ttrss_offline_marks_pushed_once_after_restart() {
    small(scenarios::offline_marks_pushed_once);
}

#[test]
#[ignore = "needs the TT-RSS test server (.ci/run starts it)"]
fn sync_ttrss_wrong_password() {
    small(scenarios::wrong_password);
}

#[test]
#[ignore = "needs the TT-RSS test server (.ci/run starts it)"]
fn sync_ttrss_new_items_and_an_interview() {
    small(scenarios::new_items_and_an_interview);
}

#[test]
#[ignore = "needs the TT-RSS test server (.ci/run starts it)"]
fn sync_ttrss_reader_syncs_and_pushes_marks() {
    small(scenarios::reader_syncs_and_pushes_marks);
}

#[test]
#[ignore = "needs the TT-RSS test server (.ci/run starts it)"]
fn sync_ttrss_whole_source_read() {
    small(scenarios::whole_source_read);
}

#[test]
#[ignore = "needs the TT-RSS test server (.ci/run starts it)"]
fn sync_ttrss_reader_reads_the_page_of_a_teaser() {
    small(scenarios::reader_reads_the_page_of_a_teaser);
}

#[test]
#[ignore = "needs the big TT-RSS test server (.ci/run starts it)"]
fn sync_ttrss_ten_thousand_items_with_a_progress_line() {
    big(scenarios::ten_thousand_with_progress);
}

#[test]
#[ignore = "needs the big TT-RSS test server (.ci/run starts it)"]
fn sync_ttrss_server_killed_mid_sync() {
    big(scenarios::killed_mid_sync);
}

#[test]
#[ignore = "needs the TT-RSS test server (.ci/run starts it)"]
fn sync_ttrss_logs_in_again_after_not_logged_in() {
    use blatt::sync::{http::Http, ttrss::TtRss, Backend};
    let env = server_env("BLATT_TTRSS_ENV");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let http = Http::new(std::time::Duration::from_secs(60)).unwrap();
        let mut t = TtRss::new(
            http,
            &env["SYNC_URL"],
            &env["SYNC_USER"],
            &env["SYNC_PASSWORD"],
        )
        .unwrap();
        let level = t.call("getApiLevel", serde_json::json!({})).await.unwrap();
        assert!(level["level"].as_i64().unwrap() >= 1, "{level}");
        let sid = t.session().unwrap().to_string();
        // the session ends behind the client's back (a logout with its User-Agent, which the session
        // is tied to)
        let ua = format!("blatt/{} (terminal news reader)", env!("CARGO_PKG_VERSION"));
        let out = sync_common::curl(&[
            "-A",
            &ua,
            "-H",
            "Content-Type: application/json",
            "-d",
            &serde_json::json!({"op": "logout", "sid": sid}).to_string(),
            &env["SYNC_API"],
        ]);
        assert!(out.contains("OK"), "{out}");
        let feeds = t
            .subscriptions()
            .await
            .expect("NOT_LOGGED_IN, then a new login");
        assert!(feeds
            .iter()
            .any(|f| f.title == "Testfeed 0" && f.tags == vec!["Kommunal"]));
        assert_ne!(t.session(), Some(sid.as_str()));
        let http = Http::new(std::time::Duration::from_secs(60)).unwrap();
        let mut bad = TtRss::new(
            http,
            &env["SYNC_URL"],
            &env["SYNC_USER"],
            "nicht-das-Passwort",
        )
        .unwrap();
        let e = bad.subscriptions().await.unwrap_err();
        assert!(matches!(e, blatt::sync::SyncError::Auth(_)), "{e}");
    });
}

//! Sync with a real FreshRSS server (Google Reader API) on 127.0.0.1: the scenarios of
//! `tests/sync_common/scenarios.rs`, and the client's own re-login. `.ci/run` starts the servers
//! and runs these with `--ignored`; a plain `cargo test` skips them (it has no server).

mod hostile_pty;
mod sync_common;

use sync_common::scenarios::{self, Server};
use sync_common::{server_env, FreshRss};

fn with_server(var: &str, f: impl FnOnce(&Server)) {
    let env = server_env(var);
    let view = FreshRss::new(&env);
    f(&Server {
        kind: "greader",
        name: "freshrss",
        env,
        view: &view,
    });
}

fn small(f: impl FnOnce(&Server)) {
    with_server("BLATT_FRESHRSS_ENV", f)
}

fn big(f: impl FnOnce(&Server)) {
    with_server("BLATT_FRESHRSS_BIG_ENV", f)
}

#[test]
#[ignore = "needs the FreshRSS test server (.ci/run starts it)"]
fn sync_greader_subscriptions_and_tags_come_down() {
    small(scenarios::subscriptions_and_tags);
}

#[test]
#[ignore = "needs the FreshRSS test server (.ci/run starts it)"]
fn sync_greader_server_marks_come_down() {
    small(scenarios::server_marks_come_down);
}

#[test]
#[ignore = "needs the FreshRSS test server (.ci/run starts it)"]
fn sync_greader_blatt_marks_reach_the_server() {
    small(scenarios::blatt_marks_reach_the_server);
}

#[test]
#[ignore = "needs the FreshRSS test server (.ci/run starts it)"]
fn sync_greader_offline_marks_pushed_once_after_restart() {
    small(scenarios::offline_marks_pushed_once);
}

#[test]
#[ignore = "needs the FreshRSS test server (.ci/run starts it)"]
fn sync_greader_wrong_password() {
    small(scenarios::wrong_password);
}

#[test]
#[ignore = "needs the FreshRSS test server (.ci/run starts it)"]
fn sync_greader_new_items_and_an_interview() {
    small(scenarios::new_items_and_an_interview);
}

#[test]
#[ignore = "needs the FreshRSS test server (.ci/run starts it)"]
fn sync_greader_reader_syncs_and_pushes_marks() {
    small(scenarios::reader_syncs_and_pushes_marks);
}

#[test]
#[ignore = "needs the FreshRSS test server (.ci/run starts it)"]
fn sync_greader_whole_source_read() {
    small(scenarios::whole_source_read);
}

#[test]
#[ignore = "needs the FreshRSS test server (.ci/run starts it)"]
fn sync_greader_reader_reads_the_page_of_a_teaser() {
    small(scenarios::reader_reads_the_page_of_a_teaser);
}

#[test]
#[ignore = "needs the big FreshRSS test server (.ci/run starts it)"]
fn sync_greader_ten_thousand_items_with_a_progress_line() {
    big(scenarios::ten_thousand_with_progress);
}

#[test]
#[ignore = "needs the big FreshRSS test server (.ci/run starts it)"]
fn sync_greader_server_killed_mid_sync() {
    big(scenarios::killed_mid_sync);
}

#[test]
#[ignore = "needs the FreshRSS test server (.ci/run starts it)"]
fn sync_greader_logs_in_again_after_a_stale_token() {
    use blatt::sync::{greader::GReader, http::Http, Backend};
    let env = server_env("BLATT_FRESHRSS_ENV");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let http = Http::new(std::time::Duration::from_secs(60)).unwrap();
        let mut g = GReader::new(
            http,
            &env["SYNC_URL"],
            &env["SYNC_USER"],
            &env["SYNC_PASSWORD"],
        )
        .unwrap()
        .with_auth("blatt/0000000000000000000000000000000000000000");
        let subs = g.subscriptions().await.expect("a 401, then a new login");
        assert!(subs.iter().any(|s| s.title == "Testfeed 0"));
        assert_ne!(
            g.auth(),
            Some("blatt/0000000000000000000000000000000000000000")
        );
        let http = Http::new(std::time::Duration::from_secs(60)).unwrap();
        let mut bad = GReader::new(
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

//! The reader's side of a background sync (pure, like the rest of `update`): the synced sources as
//! the store has them after the sync replace the list's — new feeds added, unsubscribed ones gone —
//! and their items take the server's read/starred marks, except the items marked here while the
//! sync ran (those marks are newer and wait in the queue for the next push).

use super::msg::{Effect, StoreCmd};
use super::state::{Source, SourceStatus, State};
use crate::store::{ItemRow, SourceRow};

/// Notes the items (and whole sources) that `fx` marks while a sync runs.
pub(crate) fn note_marks(s: &mut State, fx: &[Effect]) {
    for e in fx {
        match e {
            Effect::Store(StoreCmd::SetRead { item, .. } | StoreCmd::SetStarred { item, .. }) => {
                s.marked_during_sync.insert(*item);
            }
            Effect::Store(StoreCmd::MarkSourceRead { source }) => {
                let si = s.sources.iter().position(|x| x.db_id == Some(*source));
                let ids: Vec<i64> = s
                    .entries
                    .iter()
                    .chain(s.hidden.iter())
                    .filter(|e| Some(e.source_id) == si)
                    .filter_map(|e| e.db_id)
                    .collect();
                s.marked_during_sync.extend(ids);
            }
            _ => {}
        }
    }
}

/// The sync ended: `sources` are every synced source with its items as stored now; `result` says
/// what came (`None`: nothing new) or why it failed.
pub(crate) fn synced(
    s: &mut State,
    sources: Vec<(SourceRow, Vec<ItemRow>)>,
    result: Result<Option<String>, String>,
    fx: &mut Vec<Effect>,
) {
    s.syncing = None;
    super::update::count_reloaded(s, result.as_ref().err().map(String::as_str));
    match &result {
        Err(e) => s.status = Some(format!("Sync: {e}")),
        // (not over a key sequence's prompt)
        Ok(Some(news)) if s.pending_text().is_none() => s.status = Some(news.clone()),
        Ok(_) => {}
    }
    if result.is_err() && sources.is_empty() {
        // the store could not be read: the list stays as it is
        s.marked_during_sync.clear();
        return;
    }
    // feeds unsubscribed on the server: their teasers go
    let now: std::collections::HashSet<i64> = sources.iter().map(|(r, _)| r.id).collect();
    let gone: Vec<usize> = s
        .sources
        .iter()
        .enumerate()
        .filter(|(_, x)| {
            x.db_id
                .is_some_and(|d| s.synced_sources.contains(&d) && !now.contains(&d))
        })
        .map(|(i, _)| i)
        .collect();
    if !gone.is_empty() {
        s.entries.retain(|e| !gone.contains(&e.source_id));
        s.hidden.retain(|e| !gone.contains(&e.source_id));
        for &i in &gone {
            s.sources[i].db_id = None;
            s.sources[i].status = SourceStatus::Failed("unsubscribed on the server".into());
        }
        s.rebuild();
    }
    s.synced_sources = now;
    let marked = std::mem::take(&mut s.marked_during_sync);
    for (row, items) in sources {
        if !s.sources.iter().any(|x| x.db_id == Some(row.id)) {
            s.sources.push(Source {
                id: s.sources.len(),
                location: row.url.clone(),
                label: super::state::source_label(&row),
                status: SourceStatus::Loaded,
                request_id: 0,
                db_id: Some(row.id),
                last_fetch: row.last_fetch,
            });
        }
        super::update::refresh_source(s, row, items, None, Some(&marked), fx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{update, Msg};
    use crate::document::Teaser;

    fn row(id: i64, title: &str) -> SourceRow {
        SourceRow {
            id,
            url: format!("sync:{id}"),
            name: None,
            kind: "feed".into(),
            title: Some(title.into()),
            etag: None,
            last_modified: None,
            last_fetch: Some(100),
            last_ok: Some(100),
            last_error: None,
        }
    }

    fn item(id: i64, source: i64, read: bool, starred: bool) -> ItemRow {
        ItemRow {
            id,
            source_id: source,
            teaser: Teaser {
                title: format!("Artikel {id}"),
                url: Some(format!("http://127.0.0.1/a/{id}")),
                ..Teaser::default()
            },
            guid: None,
            read,
            starred,
            has_article: false,
        }
    }

    fn reader() -> State {
        let mut s = State::library(
            &[row(1, "Testfeed 0")],
            vec![item(10, 1, false, false), item(11, 1, false, false)],
            30,
            1000,
            120,
            40,
        );
        s.sync_on = true;
        s.synced_sources = [1].into_iter().collect();
        s
    }

    fn find(s: &State, id: i64) -> &crate::app::state::Entry {
        s.entries
            .iter()
            .chain(s.hidden.iter())
            .find(|e| e.db_id == Some(id))
            .unwrap()
    }

    #[test]
    fn the_servers_marks_come_down_except_the_ones_made_meanwhile() {
        let mut s = reader();
        update(
            &mut s,
            Msg::ReloadStarted {
                total: 1,
                now: 2000,
            },
        );
        assert!(s.syncing.is_some() && s.busy());
        update(&mut s, Msg::SyncProgress("syncing: 200 items".into()));
        assert_eq!(s.syncing.as_deref(), Some("syncing: 200 items"));
        // item 10 is starred here while the sync runs
        s.selected = s.entries.iter().position(|e| e.db_id == Some(10)).unwrap();
        let fx = update(
            &mut s,
            Msg::Key(crossterm::event::KeyEvent::from(
                crossterm::event::KeyCode::Char('s'),
            )),
        );
        assert!(fx.contains(&Effect::Store(StoreCmd::SetStarred {
            item: 10,
            starred: true
        })));
        // the server: 10 unstarred and read, 11 read and starred; a new feed with one item
        update(
            &mut s,
            Msg::Synced {
                sources: vec![
                    (
                        row(1, "Testfeed 0"),
                        vec![item(10, 1, true, false), item(11, 1, true, true)],
                    ),
                    (row(2, "Testfeed 1"), vec![item(20, 2, false, false)]),
                ],
                result: Ok(Some("Synced: 1 new items".into())),
            },
        );
        assert!(s.syncing.is_none() && s.reloading.is_none());
        let e10 = find(&s, 10);
        assert!(
            e10.starred && !e10.read,
            "marked here during the sync: kept"
        );
        let e11 = find(&s, 11);
        assert!(e11.starred && e11.read, "the server's");
        assert!(find(&s, 20).teaser.title == "Artikel 20");
        assert_eq!(s.sources.len(), 2);
        assert_eq!(s.status.as_deref(), Some("Synced: 1 new items"));
        assert!(s.marked_during_sync.is_empty());
    }

    #[test]
    fn unsubscribed_feeds_go_and_a_failure_is_one_line() {
        let mut s = reader();
        update(
            &mut s,
            Msg::ReloadStarted {
                total: 1,
                now: 2000,
            },
        );
        update(
            &mut s,
            Msg::Synced {
                sources: vec![(row(2, "Testfeed 1"), vec![item(20, 2, false, false)])],
                result: Ok(None),
            },
        );
        assert_eq!(s.entries.len() + s.hidden.len(), 1);
        assert_eq!(s.entries[0].db_id, Some(20));
        update(
            &mut s,
            Msg::ReloadStarted {
                total: 1,
                now: 3000,
            },
        );
        update(
            &mut s,
            Msg::Synced {
                sources: vec![(row(2, "Testfeed 1"), vec![item(20, 2, false, false)])],
                result: Err("cannot reach the server: connection refused by 127.0.0.1:9".into()),
            },
        );
        assert_eq!(
            s.status.as_deref(),
            Some("Sync: cannot reach the server: connection refused by 127.0.0.1:9")
        );
        assert!(s.reloading.is_none());
        assert_eq!(s.entries.len(), 1, "the offline store stays");
    }
}

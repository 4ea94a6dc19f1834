//! Checkpoints on a thread of their own while a long run of writes (a reload) goes on: the write-ahead
//! log is copied into the database file, and the disk synced, by a second connection, so the writer
//! never waits for the disk in the middle of its transactions.
//!
//! SQLite's own automatic checkpoint runs inside the commit that pushes the log past 1,000 pages, on
//! the writer's thread: a reload of full-text feeds waited three times for some 35 ms each (the copy
//! and two syncs). Here the writer's commit only notes the log's size; past [`WAKE`] pages it wakes
//! the checkpointer, which copies what it can without blocking anyone (`PASSIVE`), again until it has
//! caught up with the log. When the writes are done, [`Checkpoints::finish`] lets the checkpointer copy
//! the rest and gives the writer its automatic checkpoints back. A checkpoint that fails loses
//! nothing: the log keeps the pages until the next one (the writer's last close runs one too).
//!
//! SQLite writes the log from its beginning again only when a writer begins a transaction with every
//! page of the log already copied, which a busy writer never does: the log of a full-text reload grew
//! to 57 MB (the database: 46 MB), and closing the store spent 12–30 ms deleting it. So a commit that
//! leaves the log past [`RESTART`] pages waits (at most [`RESTART_WAIT`]) until the checkpointer has
//! copied it; with the checkpointer woken early, that is the last commit's pages and two syncs (3–5 ms).

use super::{Result, Store};
use rusqlite::wal::CheckpointMode;
use rusqlite::Connection;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// SQLite's default for its automatic checkpoint (pages), given back by [`Checkpoints::finish`].
pub const PAGES: i32 = 1000;

/// The log's size (pages) that wakes the checkpointer: 2 MiB at 16 KiB pages, so it keeps up with the
/// writer and a commit past [`RESTART`] seldom waits for more than its own pages.
pub const WAKE: i32 = 128;

/// The log's size (pages) past which a commit waits for the checkpointer, so that the writer's next
/// transaction writes the log from its beginning again.
pub const RESTART: i32 = 1000;

/// The longest a commit waits for the checkpointer (it goes on without the restart then).
pub const RESTART_WAIT: Duration = Duration::from_millis(100);

/// How many checkpoints in a row the checkpointer makes to catch up with a writer that keeps writing.
const CATCH_UP: usize = 8;

/// The checkpointer of a store, while it runs (see the module's comment). Dropped without
/// [`Checkpoints::finish`] (the writes failed), it ends on its own when the store is closed: its only
/// waker is the store's hook, which goes with the connection.
pub struct Checkpoints {
    thread: Option<JoinHandle<()>>,
    /// Commits whose wait for the checkpointer ran out (see [`RESTART_WAIT`]).
    timed_out: Arc<AtomicUsize>,
}

impl Store {
    /// Hands the store's checkpoints to a thread of their own until [`Checkpoints::finish`]. A store
    /// in memory (no file) has no log: nothing changes then.
    pub fn checkpoint_in_background(&mut self) -> Result<Checkpoints> {
        self.checkpoints_waiting_at_most(RESTART_WAIT)
    }

    /// [`Store::checkpoint_in_background`] with commits past [`RESTART`] waiting at most `restart_wait`.
    fn checkpoints_waiting_at_most(&mut self, restart_wait: Duration) -> Result<Checkpoints> {
        let path = match self.conn.path() {
            Some(p) if !p.is_empty() => p.to_string(),
            _ => {
                return Ok(Checkpoints {
                    thread: None,
                    timed_out: Arc::default(),
                })
            }
        };
        let second = Connection::open(&path)?;
        second.busy_timeout(Duration::from_secs(10))?;
        // reads the database's header: a connection that has not yet read it knows of no log
        second.query_row("PRAGMA schema_version", [], |_| Ok(()))?;
        let (wake, woken) = sync_channel::<()>(1);
        // the log's size when the checkpointer last found every page of it copied (i32::MAX: it could
        // not catch up; 0: a commit waits for its next report)
        let copied = Arc::new((Mutex::new(0i32), Condvar::new()));
        let copied_by_checkpointer = Arc::clone(&copied);
        let timed_out = Arc::new(AtomicUsize::new(0));
        let timed_out_in_hook = Arc::clone(&timed_out);
        let thread = std::thread::Builder::new()
            .name("checkpoint".into())
            .spawn(move || {
                let report = |size_copied: i32| {
                    let (size, changed) = &*copied_by_checkpointer;
                    *size.lock().unwrap_or_else(|e| e.into_inner()) = size_copied;
                    changed.notify_all();
                };
                let run = || {
                    for _ in 0..CATCH_UP {
                        match second.wal_checkpoint_v2(None::<&str>, CheckpointMode::PASSIVE) {
                            Err(e) => {
                                tracing::warn!("checkpoint: {e}");
                                break;
                            }
                            Ok((log, done)) if log == done => return report(done),
                            // the writer committed meanwhile, or a reader holds pages back
                            Ok(_) => {}
                        }
                    }
                    // not caught up: a commit waiting for it goes on at once
                    report(i32::MAX);
                };
                while woken.recv().is_ok() {
                    run();
                }
                // the writer is done: what it wrote since the last wake
                run();
            })
            .map_err(|e| super::StoreError::Sql(format!("cannot start a thread: {e}")))?;
        // from now on a commit only reports the log's size (this replaces the automatic checkpoint);
        // the hook runs after the commit, with the write lock released
        self.conn
            .wal_hook(Some(move |_: &mut rusqlite::hooks::Wal, pages: i32| {
                let (size, changed) = &*copied;
                // past RESTART: what the checkpointer reports from now on covers this commit's
                // pages (set before the wake: the checkpointer may report at once)
                let waiting = (pages >= RESTART).then(|| {
                    let mut size = size.lock().unwrap_or_else(|e| e.into_inner());
                    *size = 0;
                    size
                });
                if pages >= WAKE {
                    // a wake already waiting is enough (and a checkpointer that is gone needs none)
                    let _ = wake.try_send(());
                }
                if let Some(size) = waiting {
                    let waited =
                        changed.wait_timeout_while(size, restart_wait, |copied| *copied < pages);
                    if waited.is_ok_and(|(_, w)| w.timed_out()) {
                        timed_out_in_hook.fetch_add(1, Ordering::Relaxed);
                        tracing::warn!("the checkpointer did not catch up with the log");
                    }
                }
                Ok(())
            }))?;
        Ok(Checkpoints {
            thread: Some(thread),
            timed_out,
        })
    }
}

impl Checkpoints {
    /// How many commits have waited the whole [`RESTART_WAIT`] for the checkpointer so far.
    pub fn waits_timed_out(&self) -> usize {
        self.timed_out.load(Ordering::Relaxed)
    }

    /// Waits for the checkpointer to copy what is left and gives the store its automatic checkpoints
    /// back.
    pub fn finish(mut self, store: &mut Store) -> Result<()> {
        let Some(thread) = self.thread.take() else {
            return Ok(());
        };
        // the hook was the checkpointer's only waker: without it, it makes its last checkpoint and ends
        store
            .conn
            .wal_hook(None::<fn(&mut rusqlite::hooks::Wal, i32) -> rusqlite::Result<()>>)?;
        store
            .conn
            .pragma_update(None, "wal_autocheckpoint", PAGES)?;
        thread
            .join()
            .map_err(|_| super::StoreError::Sql("the checkpointer crashed".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `n` rows of 200 KB, one commit each (some 12 pages of 16 KiB per commit).
    fn write_rows(store: &Store, n: usize) {
        store
            .conn
            .execute_batch("CREATE TABLE IF NOT EXISTS filler (x BLOB)")
            .unwrap();
        for _ in 0..n {
            store
                .conn
                .execute("INSERT INTO filler VALUES (randomblob(200000))", [])
                .unwrap();
        }
    }

    fn rows(store: &Store) -> i64 {
        store
            .conn
            .query_row("SELECT count(*) FROM filler", [], |r| r.get(0))
            .unwrap()
    }

    fn autocheckpoint(store: &Store) -> i64 {
        store
            .conn
            .pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn the_log_is_copied_by_the_checkpointer_not_by_the_commits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("blatt.db");
        let mut store = Store::open(&path).unwrap();
        assert_eq!(autocheckpoint(&store), i64::from(PAGES));
        let checkpoints = store.checkpoint_in_background().unwrap();
        // SQLite's own checkpoint in the commit is off while the checkpointer runs
        assert_eq!(autocheckpoint(&store), 0);
        // 24 MB: past the log size that wakes the checkpointer
        write_rows(&store, 120);
        checkpoints.finish(&mut store).unwrap();
        // everything is in the database file, with the writer's connection still open (so no
        // checkpoint of its close did it)
        let size = std::fs::metadata(&path).unwrap().len();
        assert!(size > 24_000_000, "database file {size} bytes");
        let other = Connection::open(&path).unwrap();
        let (log, copied) = other
            .wal_checkpoint_v2(None::<&str>, CheckpointMode::PASSIVE)
            .unwrap();
        assert_eq!(log, copied, "frames left in the log");
        // and the commits checkpoint on their own again
        assert_eq!(autocheckpoint(&store), i64::from(PAGES));
    }

    #[test]
    fn the_log_starts_again_from_its_beginning_during_a_long_run_of_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("blatt.db");
        let mut store = Store::open(&path).unwrap();
        // a wait that never runs out, so that a slow disk cannot keep the log from restarting here
        let checkpoints = store
            .checkpoints_waiting_at_most(Duration::from_secs(60))
            .unwrap();
        // some 3,100 pages of 16 KiB through the log, three times RESTART
        write_rows(&store, 250);
        checkpoints.finish(&mut store).unwrap();
        // the log as the writes left it (the writer's connection is still open: its close would
        // delete it)
        let log = std::fs::metadata(dir.path().join("blatt.db-wal"))
            .unwrap()
            .len();
        let written = 250 * 200_000;
        // without the restart the log holds every page written (more than `written`); with it, one
        // stretch of about RESTART pages and a commit (16.6 MB)
        assert!(
            log < written * 2 / 5,
            "the log is {log} bytes after {written} bytes written: it never started again"
        );
        assert_eq!(rows(&store), 250);
    }

    #[test]
    fn a_reader_that_holds_the_log_back_does_not_stall_the_commits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("blatt.db");
        let mut store = Store::open(&path).unwrap();
        write_rows(&store, 1);
        // a reader in the middle of a transaction: no checkpoint copies past its snapshot
        let reader = Connection::open(&path).unwrap();
        reader.execute_batch("BEGIN").unwrap();
        let _: i64 = reader
            .query_row("SELECT count(*) FROM filler", [], |r| r.get(0))
            .unwrap();
        let checkpoints = store.checkpoint_in_background().unwrap();
        // some 1,700 pages: the last 60 commits leave the log past RESTART
        write_rows(&store, 140);
        // the checkpointer says at once that it cannot catch up: the commits do not wait out
        // RESTART_WAIT (when they did, this counted 60–73; a few on a machine too busy to run the
        // checkpointer within 100 ms)
        let timed_out = checkpoints.waits_timed_out();
        assert!(timed_out < 10, "{timed_out} commits waited 100 ms each");
        reader.execute_batch("COMMIT").unwrap();
        checkpoints.finish(&mut store).unwrap();
        assert_eq!(rows(&store), 141);
    }

    #[test]
    fn a_checkpointer_left_without_finish_loses_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("blatt.db");
        let mut store = Store::open(&path).unwrap();
        let checkpoints = store.checkpoint_in_background().unwrap();
        write_rows(&store, 90);
        drop(checkpoints);
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(rows(&store), 90);
    }

    #[test]
    fn a_store_in_memory_has_nothing_to_checkpoint() {
        let mut store = Store::in_memory().unwrap();
        let checkpoints = store.checkpoint_in_background().unwrap();
        write_rows(&store, 3);
        checkpoints.finish(&mut store).unwrap();
    }
}

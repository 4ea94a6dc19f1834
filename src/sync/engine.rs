//! What a sync does, in order, over any [`Backend`] and the store:
//!
//! 1. the server is the one the store synced with before (else everything synced is forgotten);
//! 2. **push** the queued marks, oldest first ([`queue::plan`]); each leaves the queue only once the
//!    server confirmed it, so a sync that dies midway pushes the rest next time, none twice;
//! 3. the **subscriptions** (categories as tags): new feeds added, gone ones removed;
//! 4. the **items** that arrived since the last sync, page by page, each page one transaction; the
//!    cursor moves on only when every page is in, so an interrupted sync starts over from the old one
//!    (the pages it had are unchanged and cost nothing);
//! 5. the **read/starred state** of every item: the server's, except where a mark is still queued
//!    (made here during this sync: it is newer, and goes first next time). A first sync skips this:
//!    its items came with their marks.
//!
//! Between two syncs a mark made here is newer than the server's state the last sync saw, and it is
//! pushed before the server's state is read again; a change made on the server after that sync comes
//! down unless a newer mark for the same item was made here. When one item was changed on both sides
//! between two syncs, blatt's mark wins: the APIs do not say when the server's change was made.
//!
//! The store is reached through [`Db`]: closures run on the one thread that owns it.

use super::queue::{self, Step};
use super::{items, Backend, MarkAction, SyncError};
use crate::store::Store;
use std::collections::HashSet;
use std::sync::Arc;

type Job = Box<dyn FnOnce(&mut Store) + Send>;

/// The way to the store: runs a closure on the thread that owns it.
#[derive(Clone)]
pub struct Db {
    send: Arc<dyn Fn(Job) -> bool + Send + Sync>,
}

impl Db {
    /// A store reached through `send` (true: the job was taken).
    pub fn new(send: impl Fn(Job) -> bool + Send + Sync + 'static) -> Db {
        Db {
            send: Arc::new(send),
        }
    }

    /// A store on a thread of its own; the thread ends (handing the store back) when every [`Db`]
    /// clone is dropped.
    pub fn spawn(mut store: Store) -> (Db, std::thread::JoinHandle<Store>) {
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        let handle = std::thread::spawn(move || {
            while let Ok(job) = rx.recv() {
                job(&mut store);
            }
            store
        });
        let tx = std::sync::Mutex::new(tx);
        (
            Db::new(move |job| tx.lock().map(|t| t.send(job).is_ok()).unwrap_or(false)),
            handle,
        )
    }

    /// Runs `f` on the store and waits for its result.
    pub async fn run<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Store) -> R + Send + 'static,
    ) -> Result<R, SyncError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let taken = (self.send)(Box::new(move |s: &mut Store| {
            let _ = tx.send(f(s));
        }));
        if !taken {
            return Err(SyncError::Store("the store is closed".into()));
        }
        rx.await
            .map_err(|_| SyncError::Store("the store is closed".into()))
    }

    /// [`Db::run`] for a store call that can fail.
    pub async fn call<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Store) -> crate::store::Result<R> + Send + 'static,
    ) -> Result<R, SyncError> {
        self.run(f).await?.map_err(SyncError::from)
    }
}

/// How far a sync is (for a progress line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    Login,
    Pushing { done: usize, total: usize },
    Subscriptions,
    Items { stored: usize },
    State,
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Progress::Login => write!(f, "syncing: logging in"),
            Progress::Pushing { done, total } => write!(f, "syncing: pushing marks {done}/{total}"),
            Progress::Subscriptions => write!(f, "syncing: subscriptions"),
            Progress::Items { stored } => write!(f, "syncing: {} items", thousands(*stored)),
            Progress::State => write!(f, "syncing: read and starred"),
        }
    }
}

/// `12345` → `12,345`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What a sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Synced sources after it.
    pub sources: usize,
    pub sources_added: usize,
    pub sources_removed: usize,
    pub new_items: usize,
    pub updated_items: usize,
    /// Marks the server took (the last of each item's; settled earlier ones not counted).
    pub pushed: usize,
    /// Marks the server refused (taken out of the queue: they can never succeed).
    pub rejected: usize,
    /// Read or starred marks the server's state changed here.
    pub pulled: usize,
    /// Marks still queued (made during the sync).
    pub queued: usize,
}

impl Summary {
    /// One line: `2 sources (1 new), 10 new items, 3 marks pushed, 2 pulled, 0 failed`.
    pub fn line(&self) -> String {
        let mut s = format!("{} sources", self.sources);
        if self.sources_added > 0 || self.sources_removed > 0 {
            s.push_str(&format!(
                " ({} new, {} removed)",
                self.sources_added, self.sources_removed
            ));
        }
        s.push_str(&format!(
            ", {} new items, {} updated, {} marks pushed, {} pulled, {} failed",
            thousands(self.new_items),
            thousands(self.updated_items),
            self.pushed,
            self.pulled,
            self.rejected
        ));
        s
    }
}

impl Summary {
    /// For the reader's status line: what came and went, or `None` when nothing did.
    pub fn news(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.new_items > 0 {
            parts.push(format!("{} new items", thousands(self.new_items)));
        }
        if self.pushed > 0 {
            parts.push(format!("{} marks pushed", self.pushed));
        }
        if self.pulled > 0 {
            parts.push(format!("{} marks from the server", self.pulled));
        }
        if self.rejected > 0 {
            parts.push(format!("{} marks refused by the server", self.rejected));
        }
        (!parts.is_empty()).then(|| format!("Synced: {}", parts.join(" · ")))
    }
}

/// The identity of a server in the store: kind, URL and user.
pub fn identity(cfg: &crate::config::SyncConfig) -> String {
    format!(
        "{} {} {}",
        cfg.kind.as_str(),
        cfg.url.trim().trim_end_matches('/'),
        cfg.user
    )
}

/// Makes the store belong to `server`: a store synced with another one forgets what it synced.
pub async fn claim(db: &Db, server: &str) -> Result<(), SyncError> {
    let server = server.to_string();
    db.call(move |s| {
        match s.sync_value("server")? {
            Some(v) if v == server => {}
            Some(_) => {
                tracing::info!("another sync server: the synced sources start over");
                s.reset_sync()?;
                s.set_sync_value("server", &server)?;
            }
            None => {
                if !s.remote_source_ids()?.is_empty() {
                    s.reset_sync()?;
                }
                s.set_sync_value("server", &server)?;
            }
        }
        Ok(())
    })
    .await
}

/// Is this error about one call's content (the server there and answering), so that retrying the same
/// marks can never succeed?
fn refused(e: &SyncError) -> bool {
    match e {
        SyncError::Protocol(_) => true,
        SyncError::Status(s) => s.starts_with('4'),
        _ => false,
    }
}

/// Pushes every queued mark, oldest first. Returns (pushed, rejected).
pub async fn push<B: Backend>(
    b: &mut B,
    db: &Db,
    progress: &(dyn Fn(Progress) + Send + Sync),
) -> Result<(usize, usize), SyncError> {
    let total = db.call(|s| s.pending_mark_count()).await?;
    let (mut pushed, mut rejected, mut done) = (0, 0, 0);
    if total == 0 {
        return Ok((0, 0));
    }
    progress(Progress::Pushing { done, total });
    // marks made while this runs wait for the next push (they may be made forever)
    let last = db.call(|s| s.last_mark_seq()).await?;
    loop {
        let marks: Vec<_> = db
            .call(|s| s.pending_marks(1000))
            .await?
            .into_iter()
            .filter(|m| m.seq <= last)
            .collect();
        if marks.is_empty() {
            break;
        }
        for step in queue::plan(&marks) {
            let seqs = step.seqs().to_vec();
            let result = match &step {
                Step::Drop { .. } => {
                    tracing::warn!(n = seqs.len(), "marks of items no longer synced dropped");
                    Ok(0)
                }
                Step::Set { action, ids, .. } => b.set(*action, ids).await.map(|_| ids.len()),
                Step::SourceRead {
                    source_id,
                    feed,
                    bound,
                    ..
                } => push_source_read(b, db, *source_id, feed, *bound)
                    .await
                    .map(|_| 1),
            };
            match result {
                Ok(n) => pushed += n,
                Err(e) if refused(&e) => {
                    tracing::warn!(error = %e, "the server refused marks; they are dropped");
                    rejected += seqs.len();
                }
                Err(e) => return Err(e),
            }
            done += seqs.len();
            db.call(move |s| s.marks_done(&seqs)).await?;
            progress(Progress::Pushing { done, total });
        }
    }
    Ok((pushed, rejected))
}

/// A source read here: on the server, the feed's unread items that this store knew when it was
/// marked. All of them: the server's own "mark all read"; else those one by one.
async fn push_source_read<B: Backend>(
    b: &mut B,
    db: &Db,
    source_id: i64,
    feed: &str,
    bound: i64,
) -> Result<(), SyncError> {
    let known: HashSet<String> = db
        .call(move |s| s.remote_items_upto(source_id, bound))
        .await?
        .into_iter()
        .collect();
    let unread = b.feed_unread_ids(feed).await?;
    if unread.is_empty() {
        return Ok(());
    }
    if unread.iter().all(|i| known.contains(i)) {
        return b.mark_feed_read(feed).await;
    }
    let ids: Vec<String> = unread.into_iter().filter(|i| known.contains(i)).collect();
    b.set(MarkAction::Read, &ids).await
}

/// A whole sync (see the module's documentation). `server` is [`identity`].
pub async fn sync<B: Backend>(
    b: &mut B,
    db: &Db,
    server: &str,
    progress: &(dyn Fn(Progress) + Send + Sync),
) -> Result<Summary, SyncError> {
    let mut sum = Summary::default();
    claim(db, server).await?;
    progress(Progress::Login);
    b.login().await?;
    let (pushed, rejected) = push(b, db, progress).await?;
    sum.pushed = pushed;
    sum.rejected = rejected;

    progress(Progress::Subscriptions);
    let feeds = b.subscriptions().await?;
    sum.sources = feeds.len();
    let (added, removed) = db.call(move |s| s.apply_subscriptions(&feeds)).await?;
    sum.sources_added = added;
    sum.sources_removed = removed;

    let cursor = db.call(|s| s.sync_value("items")).await?;
    // a first sync brings every item with its marks: the state lists would only repeat them
    let first = cursor.is_none();
    let mut pager = b.pager(cursor.as_deref());
    let mut stored = 0usize;
    progress(Progress::Items { stored });
    loop {
        let page = b.next_items(&mut pager).await?;
        let more = page.more;
        if !page.items.is_empty() {
            let raws = page.items;
            // HTML parsing and interview recognition off the async threads
            let entries = tokio::task::spawn_blocking(move || {
                raws.into_iter().map(items::entry).collect::<Vec<_>>()
            })
            .await
            .map_err(|e| SyncError::Store(format!("parsing items: {e}")))?;
            stored += entries.len();
            let now = crate::reload::now();
            let applied = db
                .call(move |s| s.apply_remote_items(&entries, now))
                .await?;
            sum.new_items += applied.new;
            sum.updated_items += applied.updated;
            sum.sources += applied.new_sources;
            progress(Progress::Items { stored });
        }
        if !more {
            break;
        }
    }
    if let Some(c) = b.cursor(&pager) {
        db.call(move |s| s.set_sync_value("items", &c)).await?;
    }

    let state = if first {
        None
    } else {
        progress(Progress::State);
        Some((b.unread_ids().await?, b.starred_ids().await?))
    };
    let now = crate::reload::now();
    sum.pulled = db
        .call(move |s| {
            let n = match state {
                Some((unread, starred)) => s.apply_remote_state(&unread, &starred)?,
                None => 0,
            };
            s.record_synced(now)?;
            s.set_sync_value("last_sync", &now.to_string())?;
            Ok(n)
        })
        .await?;
    sum.queued = db.call(|s| s.pending_mark_count()).await?;
    Ok(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_lines() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        let s = Summary {
            sources: 2,
            new_items: 10_000,
            pushed: 3,
            pulled: 1,
            ..Summary::default()
        };
        assert_eq!(
            s.line(),
            "2 sources, 10,000 new items, 0 updated, 3 marks pushed, 1 pulled, 0 failed"
        );
        assert_eq!(
            Progress::Items { stored: 4200 }.to_string(),
            "syncing: 4,200 items"
        );
    }
}

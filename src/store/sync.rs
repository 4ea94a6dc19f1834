//! The store's side of syncing with a server (schema 4): the server's feeds as sources, its items with
//! their server ids, the marks made here waiting to be pushed, and what a sync remembers between runs.
//!
//! - A synced source has `remote_id` (the server's feed id) and the URL `sync:<remote id>`; a synced
//!   item has `remote_id` (the server's item id) and the key `r:<remote id>`.
//! - [`Store::mark`] and [`Store::mark_source_read_queued`] change an item and, when it is a synced
//!   one, queue the change in `sync_marks` in the same transaction: no mark is lost between the two.
//! - A queued mark leaves the queue only when the server has confirmed it ([`Store::marks_done`]).
//! - The server's read/starred state never overwrites an item with a queued mark
//!   ([`Store::apply_remote_state`]): that mark is newer and goes to the server first.

use super::{kind_str, mark_pending, save_article_tx, source_row, Result, Store};
use super::{SourceRow, SOURCE_COLUMNS};
use crate::document::Item;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// A feed the server has: its id there, title, feed URL and categories (blatt's tags).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteSource {
    pub remote_id: String,
    pub title: String,
    pub feed_url: Option<String>,
    pub tags: Vec<String>,
}

/// An item as the server gave it: its id there, its feed, the item itself (teaser and, with full
/// text, the article), and its state.
#[derive(Clone, Debug, PartialEq)]
pub struct RemoteEntry {
    pub remote_id: String,
    pub feed: String,
    /// The feed's title as the item names it (for a feed the subscription list did not have).
    pub feed_title: Option<String>,
    pub item: Item,
    pub read: bool,
    pub starred: bool,
}

/// A change of an item's marks (or of all of a source's items).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkAction {
    Read,
    Unread,
    Star,
    Unstar,
    /// Every item of a source read, up to the newest one known here.
    SourceRead,
}

impl MarkAction {
    pub fn as_str(self) -> &'static str {
        match self {
            MarkAction::Read => "read",
            MarkAction::Unread => "unread",
            MarkAction::Star => "star",
            MarkAction::Unstar => "unstar",
            MarkAction::SourceRead => "source_read",
        }
    }

    pub fn parse(s: &str) -> Option<MarkAction> {
        Some(match s {
            "read" => MarkAction::Read,
            "unread" => MarkAction::Unread,
            "star" => MarkAction::Star,
            "unstar" => MarkAction::Unstar,
            "source_read" => MarkAction::SourceRead,
            _ => return None,
        })
    }

    /// The column it sets and the value (`None` for a source).
    fn column(self) -> Option<(&'static str, bool)> {
        match self {
            MarkAction::Read => Some(("read", true)),
            MarkAction::Unread => Some(("read", false)),
            MarkAction::Star => Some(("starred", true)),
            MarkAction::Unstar => Some(("starred", false)),
            MarkAction::SourceRead => None,
        }
    }
}

/// A mark waiting in the queue, with the server's ids of its item or source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueuedMark {
    /// Its place in the queue (marks are pushed in this order).
    pub seq: i64,
    pub action: MarkAction,
    /// The item (item marks).
    pub item_id: Option<i64>,
    pub remote_item: Option<String>,
    /// The source (a source's marks; for item marks, the item's source).
    pub source_id: Option<i64>,
    pub remote_feed: Option<String>,
    /// `SourceRead`: the newest item id (here) of the source when the mark was made.
    pub bound: Option<i64>,
    /// When it was made (seconds since the epoch).
    pub at: i64,
}

/// What writing a page of the server's items changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SyncApplied {
    pub new: usize,
    pub updated: usize,
    /// Sources created for items of a feed the subscription list did not name.
    pub new_sources: usize,
}

impl Store {
    /// A value the sync keeps between runs.
    pub fn sync_value(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM sync_state WHERE key = ?1")?
            .query_row(params![key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_sync_value(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![key, value])?;
        Ok(())
    }

    /// Forgets everything synced (another server or user): its sources with their items, the queue and
    /// the sync's state. Local sources stay.
    pub fn reset_sync(&mut self) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "DELETE FROM search WHERE rowid IN (SELECT i.id FROM items i JOIN sources s
                ON s.id = i.source_id WHERE s.remote_id IS NOT NULL)",
            [],
        )?;
        tx.execute("DELETE FROM sources WHERE remote_id IS NOT NULL", [])?;
        tx.execute("DELETE FROM sync_marks", [])?;
        tx.execute("DELETE FROM sync_state", [])?;
        tx.commit()?;
        Ok(())
    }

    /// The synced sources, in the order the server listed them first.
    pub fn remote_sources(&self) -> Result<Vec<SourceRow>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {SOURCE_COLUMNS} FROM sources WHERE remote_id IS NOT NULL ORDER BY id"
        ))?;
        let rows = st.query_map([], source_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Store id → the server's id of every synced source.
    pub fn remote_source_ids(&self) -> Result<HashMap<i64, String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id, remote_id FROM sources WHERE remote_id IS NOT NULL")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The tags of a source (a synced source's categories on the server).
    pub fn source_tags(&self, source_id: i64) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT tag FROM source_tags WHERE source_id = ?1 ORDER BY tag")?;
        let rows = st.query_map(params![source_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The tags of every source that has some.
    pub fn all_source_tags(&self) -> Result<HashMap<i64, Vec<String>>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT source_id, tag FROM source_tags ORDER BY source_id, tag")?;
        let mut out: HashMap<i64, Vec<String>> = HashMap::new();
        let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, tag) = row?;
            out.entry(id).or_default().push(tag);
        }
        Ok(out)
    }

    /// Makes the synced sources what the server lists: new feeds added, titles and tags updated, feeds
    /// no longer there removed with their items. Returns (added, removed).
    pub fn apply_subscriptions(&mut self, feeds: &[RemoteSource]) -> Result<(usize, usize)> {
        let tx = self.write()?;
        let known = remote_sources_in(&tx)?;
        let mut added = 0;
        for f in feeds {
            if !known.contains_key(&f.remote_id) {
                added += 1;
            }
            let id = upsert_remote_source(&tx, &f.remote_id, &f.title)?;
            tx.prepare_cached("DELETE FROM source_tags WHERE source_id = ?1")?
                .execute(params![id])?;
            for t in &f.tags {
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO source_tags (source_id, tag) VALUES (?1, ?2)",
                )?
                .execute(params![id, t])?;
            }
        }
        let listed: std::collections::HashSet<&str> =
            feeds.iter().map(|f| f.remote_id.as_str()).collect();
        let mut removed = 0;
        for (rid, id) in &known {
            if !listed.contains(rid.as_str()) {
                tx.execute(
                    "DELETE FROM search WHERE rowid IN (SELECT id FROM items WHERE source_id = ?1)",
                    params![id],
                )?;
                removed += tx.execute("DELETE FROM sources WHERE id = ?1", params![id])?;
            }
        }
        tx.commit()?;
        Ok((added, removed))
    }

    /// Writes a page of the server's items in one transaction: new ones inserted with the server's
    /// read/starred state, known ones updated where their text changed (their marks are the state
    /// sync's business, see [`Store::apply_remote_state`]).
    pub fn apply_remote_items(&mut self, entries: &[RemoteEntry], now: i64) -> Result<SyncApplied> {
        let tx = self.write()?;
        let mut sources = remote_sources_in(&tx)?;
        let mut applied = SyncApplied::default();
        for e in entries {
            let source_id = match sources.get(&e.feed) {
                Some(id) => *id,
                None => {
                    let title = e.feed_title.as_deref().unwrap_or(&e.feed);
                    let id = upsert_remote_source(&tx, &e.feed, title)?;
                    sources.insert(e.feed.clone(), id);
                    applied.new_sources += 1;
                    id
                }
            };
            match upsert_remote_item(&tx, source_id, e, now)? {
                Upserted::New => applied.new += 1,
                Upserted::Changed => applied.updated += 1,
                Upserted::Same => {}
            }
        }
        tx.commit()?;
        Ok(applied)
    }

    /// Sets every synced item's read and starred marks to the server's: read unless its id is in
    /// `unread`, starred when it is in `starred`. Items with a mark waiting in the queue keep theirs.
    /// Returns how many marks changed.
    pub fn apply_remote_state(&mut self, unread: &[String], starred: &[String]) -> Result<usize> {
        let tx = self.write()?;
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS sync_ids (list INTEGER NOT NULL, rid TEXT NOT NULL,
                PRIMARY KEY (list, rid)) WITHOUT ROWID;
             DELETE FROM temp.sync_ids;",
        )?;
        {
            let mut ins = tx.prepare_cached(
                "INSERT OR IGNORE INTO temp.sync_ids (list, rid) VALUES (?1, ?2)",
            )?;
            for r in unread {
                ins.execute(params![0, r])?;
            }
            for r in starred {
                ins.execute(params![1, r])?;
            }
        }
        let unqueued = "i.remote_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM sync_marks m WHERE m.item_id = i.id)
            AND NOT EXISTS (SELECT 1 FROM sync_marks m WHERE m.source_id = i.source_id
                            AND m.action = 'source_read')";
        let mut changed = tx.execute(
            &format!(
                "UPDATE items AS i SET read = NOT EXISTS (SELECT 1 FROM temp.sync_ids s
                    WHERE s.list = 0 AND s.rid = i.remote_id)
                 WHERE {unqueued} AND read != NOT EXISTS (SELECT 1 FROM temp.sync_ids s
                    WHERE s.list = 0 AND s.rid = i.remote_id)"
            ),
            [],
        )?;
        changed += tx.execute(
            &format!(
                "UPDATE items AS i SET starred = EXISTS (SELECT 1 FROM temp.sync_ids s
                    WHERE s.list = 1 AND s.rid = i.remote_id)
                 WHERE {unqueued} AND starred != EXISTS (SELECT 1 FROM temp.sync_ids s
                    WHERE s.list = 1 AND s.rid = i.remote_id)"
            ),
            [],
        )?;
        tx.execute("DELETE FROM temp.sync_ids", [])?;
        tx.commit()?;
        Ok(changed)
    }

    /// Records a successful sync on every synced source (its last fetch; no error).
    pub fn record_synced(&mut self, now: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE sources SET last_fetch = ?1, last_ok = ?1, last_error = NULL
             WHERE remote_id IS NOT NULL",
            params![now],
        )?;
        Ok(())
    }

    /// Sets the read or starred mark of items (all in one transaction) and queues the change of every
    /// synced one for the server. Returns how many items changed; an item already so is left alone.
    pub fn mark(&mut self, item_ids: &[i64], action: MarkAction, now: i64) -> Result<usize> {
        let Some((column, value)) = action.column() else {
            let mut n = 0;
            for id in item_ids {
                n += self.mark_source_read_queued(*id, now)?;
            }
            return Ok(n);
        };
        let tx = self.write()?;
        let mut changed = 0;
        for id in item_ids {
            let n = tx
                .prepare_cached(&format!(
                    "UPDATE items SET {column} = ?2 WHERE id = ?1 AND {column} != ?2"
                ))?
                .execute(params![id, value])?;
            if n == 0 {
                continue;
            }
            changed += 1;
            tx.prepare_cached(
                "INSERT INTO sync_marks (item_id, action, at)
                 SELECT id, ?2, ?3 FROM items WHERE id = ?1 AND remote_id IS NOT NULL",
            )?
            .execute(params![id, action.as_str(), now])?;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Marks every item of a source read; for a synced source the change is queued once for the whole
    /// source, bounded by the newest item known here (the server's newer items stay unread). Returns
    /// how many items changed.
    pub fn mark_source_read_queued(&mut self, source_id: i64, now: i64) -> Result<usize> {
        let tx = self.write()?;
        let n = tx.execute(
            "UPDATE items SET read = 1 WHERE source_id = ?1 AND read = 0",
            params![source_id],
        )?;
        if n > 0 {
            tx.execute(
                "INSERT INTO sync_marks (source_id, action, bound, at)
                 SELECT s.id, 'source_read', (SELECT max(id) FROM items WHERE source_id = s.id), ?2
                 FROM sources s WHERE s.id = ?1 AND s.remote_id IS NOT NULL",
                params![source_id, now],
            )?;
        }
        tx.commit()?;
        Ok(n)
    }

    /// The first `limit` queued marks, oldest first.
    pub fn pending_marks(&self, limit: usize) -> Result<Vec<QueuedMark>> {
        let mut st = self.conn.prepare_cached(
            "SELECT m.seq, m.action, m.item_id, i.remote_id, coalesce(m.source_id, i.source_id),
                    s.remote_id, m.bound, m.at
             FROM sync_marks m
             LEFT JOIN items i ON i.id = m.item_id
             LEFT JOIN sources s ON s.id = coalesce(m.source_id, i.source_id)
             ORDER BY m.seq LIMIT ?1",
        )?;
        let rows = st.query_map(params![limit as i64], |r| {
            Ok(QueuedMark {
                seq: r.get(0)?,
                action: MarkAction::parse(&r.get::<_, String>(1)?).unwrap_or(MarkAction::Read),
                item_id: r.get(2)?,
                remote_item: r.get(3)?,
                source_id: r.get(4)?,
                remote_feed: r.get(5)?,
                bound: r.get(6)?,
                at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The queue position of the newest mark (0: none).
    pub fn last_mark_seq(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(seq), 0) FROM sync_marks", [], |r| {
                r.get(0)
            })?)
    }

    /// How many marks wait for the server.
    pub fn pending_mark_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM sync_marks", [], |r| {
                r.get::<_, i64>(0)
            })? as usize)
    }

    /// Takes marks out of the queue (the server has them).
    pub fn marks_done(&mut self, seqs: &[i64]) -> Result<()> {
        let tx = self.write()?;
        for s in seqs {
            tx.prepare_cached("DELETE FROM sync_marks WHERE seq = ?1")?
                .execute(params![s])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The server's ids of a source's items stored up to item id `bound`, read or not.
    pub fn remote_items_upto(&self, source_id: i64, bound: i64) -> Result<Vec<String>> {
        let mut st = self.conn.prepare_cached(
            "SELECT remote_id FROM items WHERE source_id = ?1 AND remote_id IS NOT NULL
             AND id <= ?2 ORDER BY id",
        )?;
        let rows = st.query_map(params![source_id, bound], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Which of `ids` are stored items.
    pub fn existing_items(&self, ids: &[i64]) -> Result<Vec<i64>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM items WHERE id = ?1)")?;
        let mut out = Vec::new();
        for id in ids {
            if st.query_row(params![id], |r| r.get::<_, bool>(0))? {
                out.push(*id);
            }
        }
        Ok(out)
    }

    /// The read and starred marks of an item (`None`: no such item).
    pub fn marks_of(&self, item_id: i64) -> Result<Option<(bool, bool)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT read, starred FROM items WHERE id = ?1")?
            .query_row(params![item_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }
}

/// The server's feed id → store id of every synced source.
fn remote_sources_in(tx: &Connection) -> Result<HashMap<String, i64>> {
    let mut st =
        tx.prepare_cached("SELECT remote_id, id FROM sources WHERE remote_id IS NOT NULL")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn upsert_remote_source(tx: &Connection, remote_id: &str, title: &str) -> Result<i64> {
    let url = format!("sync:{remote_id}");
    tx.prepare_cached(
        "INSERT INTO sources (url, kind, title, remote_id) VALUES (?1, 'feed', ?2, ?3)
         ON CONFLICT (url) DO UPDATE SET title = excluded.title, remote_id = excluded.remote_id",
    )?
    .execute(params![url, title, remote_id])?;
    Ok(tx
        .prepare_cached("SELECT id FROM sources WHERE url = ?1")?
        .query_row(params![url], |r| r.get(0))?)
}

enum Upserted {
    New,
    Changed,
    Same,
}

fn upsert_remote_item(
    tx: &Connection,
    source_id: i64,
    e: &RemoteEntry,
    now: i64,
) -> Result<Upserted> {
    let t = &e.item.teaser;
    let kind = kind_str(t.kind.or(e.item.article.as_ref().map(|a| a.kind)));
    type Old = (
        i64,
        i64,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
    );
    let old: Option<Old> = tx
        .prepare_cached(
            "SELECT id, source_id, url, title, published, summary FROM items WHERE remote_id = ?1",
        )?
        .query_row(params![e.remote_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .optional()?;
    match old {
        None => {
            tx.prepare_cached(
                "INSERT INTO items (source_id, key, guid, url, title, published, summary, kind, read,
                    starred, first_seen, remote_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                source_id,
                format!("r:{}", e.remote_id),
                e.item.guid,
                t.url,
                t.title,
                t.published,
                t.summary,
                kind,
                e.read,
                e.starred,
                now,
                e.remote_id
            ])?;
            let id = tx.last_insert_rowid();
            match &e.item.article {
                Some(a) => save_article_tx(tx, id, a, now)?,
                None => mark_pending(tx, id)?,
            }
            Ok(Upserted::New)
        }
        Some((id, old_source, url, title, published, summary)) => {
            let changed = old_source != source_id
                || url != t.url
                || title != t.title
                || published != t.published
                || summary != t.summary;
            if !changed {
                return Ok(Upserted::Same);
            }
            tx.prepare_cached(
                "UPDATE items SET source_id = ?2, url = ?3, title = ?4, published = ?5, summary = ?6,
                    kind = coalesce(?7, kind) WHERE id = ?1",
            )?
            .execute(params![
                id,
                source_id,
                t.url,
                t.title,
                t.published,
                t.summary,
                kind
            ])?;
            match &e.item.article {
                Some(a) => save_article_tx(tx, id, a, now)?,
                None => mark_pending(tx, id)?,
            }
            Ok(Upserted::Changed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Teaser;
    use crate::store::Query;

    fn feed(id: &str, tags: &[&str]) -> RemoteSource {
        RemoteSource {
            remote_id: id.into(),
            title: format!("Feed {id}"),
            feed_url: None,
            tags: tags.iter().map(|t| t.to_string()).collect(),
        }
    }

    fn entry(id: &str, feed: &str, read: bool, starred: bool) -> RemoteEntry {
        RemoteEntry {
            remote_id: id.into(),
            feed: feed.into(),
            feed_title: Some(format!("Feed {feed}")),
            item: Item {
                teaser: Teaser {
                    title: format!("Artikel {id}"),
                    url: Some(format!("https://wendelsee.example/a/{id}")),
                    ..Teaser::default()
                },
                guid: None,
                full_text: None,
                article: None,
            },
            read,
            starred,
        }
    }

    fn marks(s: &Store, rid: &str) -> (bool, bool) {
        let id: i64 = s
            .conn
            .query_row("SELECT id FROM items WHERE remote_id = ?1", [rid], |r| {
                r.get(0)
            })
            .unwrap();
        s.marks_of(id).unwrap().unwrap()
    }

    fn id_of(s: &Store, rid: &str) -> i64 {
        s.conn
            .query_row("SELECT id FROM items WHERE remote_id = ?1", [rid], |r| {
                r.get(0)
            })
            .unwrap()
    }

    #[test]
    fn subscriptions_items_and_state() {
        let mut s = Store::in_memory().unwrap();
        assert_eq!(
            s.apply_subscriptions(&[feed("1", &["Kommunal"]), feed("2", &[])])
                .unwrap(),
            (2, 0)
        );
        let a = s
            .apply_remote_items(
                &[
                    entry("10", "1", false, false),
                    entry("11", "1", true, false),
                    entry("20", "2", false, true),
                    entry("30", "3", false, false),
                ],
                100,
            )
            .unwrap();
        assert_eq!((a.new, a.updated, a.new_sources), (4, 0, 1));
        assert_eq!(
            marks(&s, "11"),
            (true, false),
            "new items come with their state"
        );
        // the same page again changes nothing
        let a = s
            .apply_remote_items(&[entry("10", "1", true, true)], 200)
            .unwrap();
        assert_eq!((a.new, a.updated), (0, 0));
        assert_eq!(marks(&s, "10"), (false, false), "state is the state sync's");
        let tags = s.all_source_tags().unwrap();
        assert_eq!(
            tags.values().flatten().collect::<Vec<_>>(),
            vec!["Kommunal"]
        );
        // the server's state: 10 read, 11 unread, 20 no longer starred, 30 starred
        let n = s
            .apply_remote_state(&["11".into(), "20".into(), "30".into()], &["30".into()])
            .unwrap();
        assert_eq!(n, 4);
        assert_eq!(marks(&s, "10"), (true, false));
        assert_eq!(marks(&s, "11"), (false, false));
        assert_eq!(marks(&s, "20"), (false, false));
        assert_eq!(marks(&s, "30"), (false, true));
        // feed 2 unsubscribed: gone with its items; feed 3 was not listed either
        assert_eq!(s.apply_subscriptions(&[feed("1", &[])]).unwrap(), (0, 2));
        assert_eq!(s.items(&Query::default()).unwrap().len(), 2);
        assert!(s.all_source_tags().unwrap().is_empty());
    }

    #[test]
    fn marks_are_queued_in_order_and_win_over_the_servers_state() {
        let mut s = Store::in_memory().unwrap();
        s.apply_subscriptions(&[feed("1", &[])]).unwrap();
        s.apply_remote_items(
            &[
                entry("10", "1", false, false),
                entry("11", "1", false, false),
            ],
            100,
        )
        .unwrap();
        let local = s
            .upsert_source("https://a.example/feed", None, "feed")
            .unwrap();
        let listing = crate::document::Listing {
            title: None,
            feeds: vec![],
            via: None,
            items: vec![Item {
                teaser: Teaser {
                    title: "lokal".into(),
                    url: Some("https://a.example/1".into()),
                    ..Teaser::default()
                },
                guid: None,
                full_text: None,
                article: None,
            }],
        };
        s.apply_listing(local, &listing, None, None, 100).unwrap();
        let local_item = s
            .items(&Query {
                source_id: Some(local),
                ..Query::default()
            })
            .unwrap()[0]
            .id;
        let (a, b) = (id_of(&s, "10"), id_of(&s, "11"));
        assert_eq!(s.mark(&[a], MarkAction::Read, 1).unwrap(), 1);
        assert_eq!(
            s.mark(&[a], MarkAction::Read, 2).unwrap(),
            0,
            "already read: nothing queued"
        );
        s.mark(&[b, local_item], MarkAction::Star, 3).unwrap();
        let q = s.pending_marks(10).unwrap();
        assert_eq!(q.len(), 2, "only synced items are queued: {q:?}");
        assert_eq!(
            (
                q[0].action,
                q[0].remote_item.as_deref(),
                q[0].remote_feed.as_deref()
            ),
            (MarkAction::Read, Some("10"), Some("1"))
        );
        assert_eq!(q[1].action, MarkAction::Star);
        // the server still has both unread and unstarred: the queued marks stay
        assert_eq!(
            s.apply_remote_state(&["10".into(), "11".into()], &[])
                .unwrap(),
            0
        );
        assert_eq!(marks(&s, "10"), (true, false));
        assert_eq!(marks(&s, "11"), (false, true));
        // pushed: out of the queue; now the server's state counts
        s.marks_done(&[q[0].seq, q[1].seq]).unwrap();
        assert_eq!(s.pending_mark_count().unwrap(), 0);
        s.apply_remote_state(&["10".into(), "11".into()], &[])
            .unwrap();
        assert_eq!(marks(&s, "10"), (false, false));
        // a whole source: one entry bounded by its newest item, protecting all of its items
        assert_eq!(
            s.mark_source_read_queued(
                s.remote_source_ids().unwrap().into_keys().next().unwrap(),
                5
            )
            .unwrap(),
            2
        );
        let q = s.pending_marks(10).unwrap();
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].action, MarkAction::SourceRead);
        assert_eq!(q[0].bound, Some(b));
        let known = s.remote_items_upto(q[0].source_id.unwrap(), b).unwrap();
        assert_eq!(known, vec!["10", "11"]);
        s.apply_remote_state(&["10".into(), "11".into()], &[])
            .unwrap();
        assert_eq!(
            marks(&s, "10"),
            (true, false),
            "protected by the queued source mark"
        );
        assert_eq!(s.last_mark_seq().unwrap(), q[0].seq);
        // another server: everything synced goes, local sources stay
        s.reset_sync().unwrap();
        assert_eq!(s.pending_mark_count().unwrap(), 0);
        assert_eq!(s.items(&Query::default()).unwrap().len(), 1);
        assert_eq!(s.sync_value("items").unwrap(), None);
    }
}

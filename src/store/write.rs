//! The write path of a reload: one source's items into the store inside a batch's transaction;
//! new items and their full texts or articles inserted, known ones updated only when they changed,
//! the search index told what to catch up with. A source whose writes fail part way leaves the batch
//! unfit to commit: the whole transaction is rolled back ([`super::Store::batch`]), and the caller
//! writes the batch's sources again one transaction each when it wants the others kept
//! ([`crate::reload::apply_all`]). No savepoint per source: SQLite copies every page a savepoint's
//! writes touch first into its journal, 16 KiB for each of the few pages per table a source adds
//! to, and the savepoint's two statements are compiled again every time.

use super::borrowed::{Borrowed, Value};
use super::{body_text, index_item, item_key, kind_str, Applied, Result, StoreError};
use crate::document::{Article, FullText, Item, Listing};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// Writes of several sources inside one transaction (see [`Store::batch`]).
pub struct Batch<'c> {
    /// The inserts of items and of full texts, each compiled at its first use (before `tx` in the
    /// struct: finalized as the batch ends, before the connection can close).
    pub(super) inserts: Inserts,
    pub(super) tx: Transaction<'c>,
    /// A source's writes failed part way: the transaction holds some of them and must not commit.
    pub(super) broken: bool,
}

/// A batch's statements bound without copies ([`Borrowed`]), compiled at their first use.
#[derive(Default)]
pub(super) struct Inserts {
    items: Option<Borrowed>,
    full_texts: Option<Borrowed>,
}

/// An item into `items` unless its source has one with its key already.
const INSERT_ITEM: &str = "INSERT INTO items (source_id, key, guid, url, title, published, summary, kind, first_seen, kicker)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (source_id, key) DO NOTHING";

/// A feed item's full text (its record and its text) into `articles`, unless the row holds both
/// already.
const INSERT_FULL_TEXT: &str =
    "INSERT INTO articles (item_id, json, raw, fetched) VALUES (?1, ?2, ?3, ?4)
     ON CONFLICT (item_id) DO UPDATE SET json = excluded.json, raw = excluded.raw,
        fetched = excluded.fetched
     WHERE articles.raw IS NOT excluded.raw OR articles.json IS NOT excluded.json";

impl Batch<'_> {
    /// Whether SQLite rolled the whole transaction back (it does on some errors, e.g. a full disk).
    pub fn aborted(&self) -> bool {
        self.tx.is_autocommit()
    }

    /// One source's fetched items, validators and fetch time. On an error the batch holds part of
    /// them and does not commit.
    pub fn apply_listing(
        &mut self,
        source_id: i64,
        listing: &Listing,
        etag: Option<&str>,
        last_modified: Option<&str>,
        now: i64,
    ) -> Result<Applied> {
        let rows = listing.items.iter().map(|item| Row {
            item,
            key: std::borrow::Cow::Owned(item_key(item)),
            record: None,
        });
        self.apply_rows(
            source_id,
            listing.title.as_deref(),
            rows,
            etag,
            last_modified,
            now,
        )
    }

    /// [`Batch::apply_listing`] for a listing made ready off the writer's thread ([`Prepared`]).
    pub fn apply_prepared(
        &mut self,
        source_id: i64,
        prepared: &Prepared,
        etag: Option<&str>,
        last_modified: Option<&str>,
        now: i64,
    ) -> Result<Applied> {
        let rows = prepared
            .listing
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| Row {
                item,
                key: std::borrow::Cow::Borrowed(prepared.keys[i].as_str()),
                record: prepared.records[i].as_deref(),
            });
        let title = prepared.listing.title.as_deref();
        self.apply_rows(source_id, title, rows, etag, last_modified, now)
    }

    fn apply_rows<'r>(
        &mut self,
        source_id: i64,
        title: Option<&str>,
        rows: impl Iterator<Item = Row<'r>>,
        etag: Option<&str>,
        last_modified: Option<&str>,
        now: i64,
    ) -> Result<Applied> {
        // unfit to commit until the source is written whole (an error returns before the end)
        let broken_before = std::mem::replace(&mut self.broken, true);
        let Batch { tx, inserts, .. } = self;
        // items above the mark wait for the search index by their id (see migration 8)
        let mark: i64 = tx
            .prepare_cached("SELECT upto FROM search_mark")?
            .query_row([], |r| r.get(0))
            .optional()?
            .unwrap_or(i64::MAX);
        // a source's first items are inserted without looking for them first
        let fresh = !tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM items WHERE source_id = ?1)")?
            .query_row(params![source_id], |r| r.get::<_, bool>(0))?;
        let mut applied = Applied::default();
        for row in rows {
            let item = row.item;
            let up = upsert_item(
                tx,
                &mut inserts.items,
                source_id,
                item,
                &row.key,
                fresh,
                now,
            )?;
            if up.new {
                applied.new += 1;
            } else {
                applied.updated += 1;
            }
            // a new item above the mark waits for the search index already (see migration 8)
            let waiting = up.new && up.id > mark;
            let text_changed = if let Some(a) = &item.article {
                if waiting {
                    keep_article_tx(tx, up.id, a, now)?;
                } else {
                    // indexed with its body at once
                    save_article_tx(tx, up.id, a, now)?;
                }
                false
            } else if let Some(f) = &item.full_text {
                let json = match row.record {
                    Some(j) => std::borrow::Cow::Borrowed(j),
                    None => std::borrow::Cow::Owned(full_text_record(f)?),
                };
                Borrowed::in_slot(&mut inserts.full_texts, tx, INSERT_FULL_TEXT)?.run(&[
                    Value::Int(up.id),
                    Value::Text(Some(&json)),
                    Value::Text(Some(&f.content)),
                    Value::Int(now),
                ])? > 0
            } else {
                false
            };
            // indexed (with the cached article's body) at the next search
            if item.article.is_none() && (up.new || up.text_changed || text_changed) && !waiting {
                mark_pending(tx, up.id)?;
            }
        }
        tx.prepare_cached(
            "UPDATE sources SET title = coalesce(?2, title), etag = ?3, last_modified = ?4,
                last_fetch = ?5, last_ok = ?5, last_error = NULL WHERE id = ?1",
        )?
        .execute(params![source_id, title, etag, last_modified, now])?;
        self.broken = broken_before;
        Ok(applied)
    }

    /// A 304: the source is unchanged.
    pub fn record_not_modified(&mut self, source_id: i64, now: i64) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE sources SET last_fetch = ?2, last_ok = ?2, last_error = NULL WHERE id = ?1",
            )?
            .execute(params![source_id, now])?;
        Ok(())
    }

    /// A failed fetch: the error is kept, the items stay.
    pub fn record_error(&mut self, source_id: i64, error: &str, now: i64) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE sources SET last_fetch = ?2, last_error = ?3 WHERE id = ?1")?
            .execute(params![source_id, now, error])?;
        Ok(())
    }
}

/// A listing made ready for the store where it was parsed, so the single writer only runs SQL: each
/// item's key and the record of its full text ([`FullText`] as JSON).
#[derive(Clone, Debug)]
pub struct Prepared {
    pub listing: Listing,
    keys: Vec<String>,
    records: Vec<Option<String>>,
}

impl Prepared {
    pub fn new(listing: Listing) -> Result<Prepared> {
        let keys = listing.items.iter().map(item_key).collect();
        let records = listing
            .items
            .iter()
            .map(|i| match (&i.article, &i.full_text) {
                (None, Some(f)) => full_text_record(f).map(Some),
                _ => Ok(None),
            })
            .collect::<Result<_>>()?;
        Ok(Prepared {
            listing,
            keys,
            records,
        })
    }
}

/// One item as [`Batch::apply_rows`] writes it.
struct Row<'r> {
    item: &'r Item,
    key: std::borrow::Cow<'r, str>,
    /// Its full text's record when it was made beforehand.
    record: Option<&'r str>,
}

/// What writing one item did.
struct Upserted {
    id: i64,
    new: bool,
    /// Its title or summary changed (the search row is stale).
    text_changed: bool,
}

/// Inserts or updates an item. An item that did not change is not written at all (a reload of a
/// feed rewrites nothing of what it already had). `fresh`: the source has no items yet, so the item
/// is inserted without looking for it first.
fn upsert_item(
    tx: &Connection,
    insert: &mut Option<Borrowed>,
    source_id: i64,
    item: &Item,
    key: &str,
    fresh: bool,
    now: i64,
) -> Result<Upserted> {
    let t = &item.teaser;
    let kind = kind_str(t.kind.or(item.article.as_ref().map(|a| a.kind)));
    if fresh {
        if let Some(id) = insert_item(tx, insert, source_id, item, key, kind, now)? {
            return Ok(Upserted {
                id,
                new: true,
                text_changed: false,
            });
        }
    }
    type Old = (
        i64,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let existing: Option<Old> = tx
        .prepare_cached(
            "SELECT id, guid, url, title, published, summary, kind, kicker FROM items
             WHERE source_id = ?1 AND key = ?2",
        )?
        .query_row(params![source_id, key], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .optional()?;
    match existing {
        Some((id, guid, url, title, published, summary, old_kind, kicker)) => {
            let text_changed = title != t.title || summary != t.summary;
            let changed = text_changed
                || guid != item.guid
                || url != t.url
                || kicker != t.kicker
                || (t.published.is_some() && published != t.published)
                || (kind.is_some() && old_kind.as_deref() != kind);
            if changed {
                tx.prepare_cached(
                    "UPDATE items SET guid = ?2, url = ?3, title = ?4, published = coalesce(?5, published),
                        summary = ?6, kind = coalesce(?7, kind), kicker = ?8 WHERE id = ?1",
                )?
                .execute(params![id, item.guid, t.url, t.title, t.published, t.summary, kind, t.kicker])?;
            }
            Ok(Upserted {
                id,
                new: false,
                text_changed,
            })
        }
        None => {
            let id =
                insert_item(tx, insert, source_id, item, key, kind, now)?.ok_or_else(|| {
                    StoreError::Sql("an item with this key appeared meanwhile".into())
                })?;
            Ok(Upserted {
                id,
                new: true,
                text_changed: false,
            })
        }
    }
}

/// Inserts an item unless its source has one with its key already; returns the new row's id.
fn insert_item(
    tx: &Connection,
    insert: &mut Option<Borrowed>,
    source_id: i64,
    item: &Item,
    key: &str,
    kind: Option<&str>,
    now: i64,
) -> Result<Option<i64>> {
    let t = &item.teaser;
    let insert = Borrowed::in_slot(insert, tx, INSERT_ITEM)?;
    let inserted = insert.run(&[
        Value::Int(source_id),
        Value::Text(Some(key)),
        Value::Text(item.guid.as_deref()),
        Value::Text(t.url.as_deref()),
        Value::Text(Some(&t.title)),
        Value::Text(t.published.as_deref()),
        Value::Text(t.summary.as_deref()),
        Value::Text(kind),
        Value::Int(now),
        Value::Text(t.kicker.as_deref()),
    ])?;
    Ok((inserted > 0).then(|| insert.last_insert_rowid()))
}

/// Notes that an item's search row must be written (see [`Store::catch_up_search`]).
pub(super) fn mark_pending(tx: &Connection, item_id: i64) -> Result<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO search_pending (item_id) VALUES (?1)")?
        .execute(params![item_id])?;
    Ok(())
}

/// A full text's record: what its article needs besides the text, as JSON (the text goes into its own
/// column).
fn full_text_record(f: &FullText) -> Result<String> {
    serde_json::to_string(f).map_err(|e| StoreError::Sql(e.to_string()))
}

/// Caches an item's parsed article and indexes it with its body.
pub(super) fn save_article_tx(tx: &Connection, item_id: i64, a: &Article, now: i64) -> Result<()> {
    keep_article_tx(tx, item_id, a, now)?;
    index_item(tx, item_id, &body_text(a))
}

/// Caches an item's parsed article (its search row is left to [`super::Store::catch_up_search`]).
fn keep_article_tx(tx: &Connection, item_id: i64, a: &Article, now: i64) -> Result<()> {
    let json = serde_json::to_string(a).map_err(|e| StoreError::Sql(e.to_string()))?;
    tx.prepare_cached(
        "INSERT INTO articles (item_id, json, fetched) VALUES (?1, ?2, ?3)
         ON CONFLICT (item_id) DO UPDATE SET json = excluded.json, raw = NULL,
            fetched = excluded.fetched",
    )?
    .execute(params![item_id, json, now])?;
    tx.prepare_cached("UPDATE items SET kind = ?2 WHERE id = ?1")?
        .execute(params![item_id, kind_str(Some(a.kind))])?;
    Ok(())
}

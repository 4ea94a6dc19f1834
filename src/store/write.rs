//! The write path of a reload: one source's items into the store inside a batch's transaction,
//! each source all or nothing; new items and their full texts or articles inserted, known ones
//! updated only when they changed, the search index told what to catch up with.

use super::{body_text, index_item, item_key, kind_str, Applied, Result, StoreError};
use crate::document::{Article, FullText, Item, Listing};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// Writes of several sources inside one transaction (see [`Store::batch`]).
pub struct Batch<'c> {
    pub(super) tx: Transaction<'c>,
}

impl Batch<'_> {
    /// Whether SQLite rolled the whole transaction back (it does on some errors, e.g. a full disk).
    pub fn aborted(&self) -> bool {
        self.tx.is_autocommit()
    }

    /// One source's fetched items, validators and fetch time, all or nothing.
    pub fn apply_listing(
        &mut self,
        source_id: i64,
        listing: &Listing,
        etag: Option<&str>,
        last_modified: Option<&str>,
        now: i64,
    ) -> Result<Applied> {
        let sp = self.tx.savepoint()?;
        let mut applied = Applied::default();
        for item in &listing.items {
            let (id, new) = upsert_item(&sp, source_id, item, now)?;
            if new {
                applied.new += 1;
            } else {
                applied.updated += 1;
            }
            if let Some(a) = &item.article {
                save_article_tx(&sp, id, a, now)?;
            } else if let Some(f) = &item.full_text {
                save_full_text_tx(&sp, id, f, now)?;
            }
        }
        sp.execute(
            "UPDATE sources SET title = coalesce(?2, title), etag = ?3, last_modified = ?4,
                last_fetch = ?5, last_ok = ?5, last_error = NULL WHERE id = ?1",
            params![source_id, listing.title, etag, last_modified, now],
        )?;
        sp.commit()?;
        Ok(applied)
    }

    /// A 304: the source is unchanged.
    pub fn record_not_modified(&mut self, source_id: i64, now: i64) -> Result<()> {
        self.tx.execute(
            "UPDATE sources SET last_fetch = ?2, last_ok = ?2, last_error = NULL WHERE id = ?1",
            params![source_id, now],
        )?;
        Ok(())
    }

    /// A failed fetch: the error is kept, the items stay.
    pub fn record_error(&mut self, source_id: i64, error: &str, now: i64) -> Result<()> {
        self.tx.execute(
            "UPDATE sources SET last_fetch = ?2, last_error = ?3 WHERE id = ?1",
            params![source_id, now, error],
        )?;
        Ok(())
    }
}

/// Inserts or updates an item; returns its id and whether it is new. An item that did not change is
/// not written at all (a reload of a feed rewrites nothing of what it already had).
pub(super) fn upsert_item(
    tx: &Connection,
    source_id: i64,
    item: &Item,
    now: i64,
) -> Result<(i64, bool)> {
    let key = item_key(item);
    let t = &item.teaser;
    let kind = kind_str(t.kind.or(item.article.as_ref().map(|a| a.kind)));
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
            if text_changed && item.article.is_none() {
                // indexed again (with the cached article's body) at the next search; an article
                // that came along is indexed with its body at once
                mark_pending(tx, id)?;
            }
            Ok((id, false))
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO items (source_id, key, guid, url, title, published, summary, kind, first_seen, kicker)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![source_id, key, item.guid, t.url, t.title, t.published, t.summary, kind, now, t.kicker])?;
            let id = tx.last_insert_rowid();
            // an article is indexed with its body at once; a full text is marked when it is saved
            if item.article.is_none() && item.full_text.is_none() {
                mark_pending(tx, id)?;
            }
            Ok((id, true))
        }
    }
}

/// Notes that an item's search row must be written (see [`Store::catch_up_search`]).
pub(super) fn mark_pending(tx: &Connection, item_id: i64) -> Result<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO search_pending (item_id) VALUES (?1)")?
        .execute(params![item_id])?;
    Ok(())
}

/// Keeps a feed item's full text unparsed (see migration 6). Written only when it changed, and then
/// left for the search index to catch up with ([`Store::catch_up_search`]).
pub(super) fn save_full_text_tx(
    tx: &Connection,
    item_id: i64,
    f: &FullText,
    now: i64,
) -> Result<()> {
    let json = serde_json::to_string(f).map_err(|e| StoreError::Sql(e.to_string()))?;
    let changed = tx
        .prepare_cached(
            "INSERT INTO articles (item_id, json, raw, fetched) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (item_id) DO UPDATE SET json = excluded.json, raw = excluded.raw,
                fetched = excluded.fetched
             WHERE articles.raw IS NOT excluded.raw OR articles.json IS NOT excluded.json",
        )?
        .execute(params![item_id, json, f.content, now])?;
    if changed > 0 {
        mark_pending(tx, item_id)?;
    }
    Ok(())
}

pub(super) fn save_article_tx(tx: &Connection, item_id: i64, a: &Article, now: i64) -> Result<()> {
    let json = serde_json::to_string(a).map_err(|e| StoreError::Sql(e.to_string()))?;
    tx.prepare_cached(
        "INSERT INTO articles (item_id, json, fetched) VALUES (?1, ?2, ?3)
         ON CONFLICT (item_id) DO UPDATE SET json = excluded.json, raw = NULL,
            fetched = excluded.fetched",
    )?
    .execute(params![item_id, json, now])?;
    tx.prepare_cached("UPDATE items SET kind = ?2 WHERE id = ?1")?
        .execute(params![item_id, kind_str(Some(a.kind))])?;
    index_item(tx, item_id, &body_text(a))
}

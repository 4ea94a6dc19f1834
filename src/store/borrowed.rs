//! The statement that carries most of a reload's bytes, a feed item's full text into `articles`,
//! with its texts bound as they are. rusqlite binds every text for SQLite to copy first
//! (`SQLITE_TRANSIENT`): for a full-text reload that was a second copy of every article (30 MB for
//! 200 feeds) and an allocation for each, 2 % of its time. Bound `SQLITE_STATIC` here: SQLite reads
//! the texts where they are, and the bindings are cleared before [`FullTextInsert::run`] returns,
//! so the statement never holds on to a text it borrowed.

use rusqlite::{ffi, Connection};
use std::ffi::{c_int, CStr};
use std::ptr;

const SQL: &str = "INSERT INTO articles (item_id, json, raw, fetched) VALUES (?1, ?2, ?3, ?4)
     ON CONFLICT (item_id) DO UPDATE SET json = excluded.json, raw = excluded.raw,
        fetched = excluded.fetched
     WHERE articles.raw IS NOT excluded.raw OR articles.json IS NOT excluded.json";

/// The compiled statement, on one connection; finalized when dropped, which must come before that
/// connection closes (it lives in a [`super::Batch`], inside the connection's transaction).
pub(super) struct FullTextInsert {
    db: *mut ffi::sqlite3,
    stmt: *mut ffi::sqlite3_stmt,
}

impl FullTextInsert {
    pub(super) fn new(conn: &Connection) -> rusqlite::Result<FullTextInsert> {
        // SAFETY: the handle is the live connection's; the statement is finalized before it closes
        // (see the type's comment), and only used on the connection's thread (the type is not Send)
        unsafe {
            let db = conn.handle();
            let mut stmt = ptr::null_mut();
            let rc = ffi::sqlite3_prepare_v3(
                db,
                SQL.as_ptr().cast(),
                SQL.len() as c_int,
                ffi::SQLITE_PREPARE_PERSISTENT as _,
                &mut stmt,
                ptr::null_mut(),
            );
            if rc != ffi::SQLITE_OK || stmt.is_null() {
                if !stmt.is_null() {
                    ffi::sqlite3_finalize(stmt);
                }
                return Err(error(db, rc));
            }
            Ok(FullTextInsert { db, stmt })
        }
    }

    /// Writes an item's full text (its record and its text) unless the row holds both already;
    /// returns whether it wrote.
    pub(super) fn run(
        &mut self,
        item_id: i64,
        record: &str,
        content: &str,
        now: i64,
    ) -> rusqlite::Result<bool> {
        let s = self.stmt;
        // SAFETY: `s` is a live statement of `self.db`; the texts outlive this call, and the
        // statement is reset and its bindings cleared before it returns
        unsafe {
            let mut rc = ffi::sqlite3_bind_int64(s, 1, item_id);
            if rc == ffi::SQLITE_OK {
                rc = bind_text(s, 2, record);
            }
            if rc == ffi::SQLITE_OK {
                rc = bind_text(s, 3, content);
            }
            if rc == ffi::SQLITE_OK {
                rc = ffi::sqlite3_bind_int64(s, 4, now);
            }
            if rc == ffi::SQLITE_OK {
                rc = ffi::sqlite3_step(s);
            }
            let result = if rc == ffi::SQLITE_DONE {
                Ok(ffi::sqlite3_changes64(self.db) > 0)
            } else {
                Err(error(self.db, rc))
            };
            ffi::sqlite3_reset(s);
            ffi::sqlite3_clear_bindings(s);
            result
        }
    }
}

impl Drop for FullTextInsert {
    fn drop(&mut self) {
        // SAFETY: made by sqlite3_prepare_v3 and finalized only here
        unsafe {
            ffi::sqlite3_finalize(self.stmt);
        }
    }
}

/// Binds `text` without a copy: SQLite reads it where it is until the binding is cleared.
unsafe fn bind_text(s: *mut ffi::sqlite3_stmt, i: c_int, text: &str) -> c_int {
    // an empty text as SQLite's own empty string (a dangling pointer of no length is not one)
    let p = if text.is_empty() {
        c"".as_ptr()
    } else {
        text.as_ptr().cast()
    };
    ffi::sqlite3_bind_text64(
        s,
        i,
        p,
        text.len() as ffi::sqlite3_uint64,
        ffi::SQLITE_STATIC(),
        ffi::SQLITE_UTF8 as _,
    )
}

/// SQLite's error `rc` on `db` as rusqlite reports one (a full disk stays `DiskFull`).
unsafe fn error(db: *mut ffi::sqlite3, rc: c_int) -> rusqlite::Error {
    let msg = CStr::from_ptr(ffi::sqlite3_errmsg(db))
        .to_string_lossy()
        .into_owned();
    rusqlite::Error::SqliteFailure(ffi::Error::new(rc), Some(msg))
}

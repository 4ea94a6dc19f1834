//! The statements that carry most of a reload's writes, compiled once for a batch and their texts
//! bound as they are: a feed item's row into `items` and its full text into `articles`. rusqlite
//! binds every text for SQLite to copy first (`SQLITE_TRANSIENT`): for a full-text reload that was
//! a second copy of every article (30 MB for 200 feeds) and of every title, link and summary, an
//! allocation for each, and a look-up of the statement in rusqlite's cache (hashing its SQL) for
//! every item. Bound `SQLITE_STATIC` here: SQLite reads the texts where they are, and the bindings
//! are cleared before [`Borrowed::run`] returns, so the statement never holds on to a text it
//! borrowed.

use rusqlite::{ffi, Connection};
use std::ffi::{c_int, CStr};
use std::ptr;

/// A value bound to a parameter.
#[derive(Clone, Copy, Debug)]
pub(super) enum Value<'a> {
    Int(i64),
    /// A text, or NULL.
    Text(Option<&'a str>),
}

/// A compiled statement on one connection; finalized when dropped, which must come before that
/// connection closes (it lives in a [`super::Batch`], inside the connection's transaction).
pub(super) struct Borrowed {
    db: *mut ffi::sqlite3,
    stmt: *mut ffi::sqlite3_stmt,
}

impl Borrowed {
    pub(super) fn new(conn: &Connection, sql: &str) -> rusqlite::Result<Borrowed> {
        // SAFETY: the handle is the live connection's; the statement is finalized before it closes
        // (see the type's comment), and only used on the connection's thread (the type is not Send)
        unsafe {
            let db = conn.handle();
            let mut stmt = ptr::null_mut();
            let rc = ffi::sqlite3_prepare_v3(
                db,
                sql.as_ptr().cast(),
                sql.len() as c_int,
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
            Ok(Borrowed { db, stmt })
        }
    }

    /// The statement in `slot`, compiled there first when it is empty.
    pub(super) fn in_slot<'s>(
        slot: &'s mut Option<Borrowed>,
        conn: &Connection,
        sql: &str,
    ) -> rusqlite::Result<&'s mut Borrowed> {
        match slot {
            Some(s) => Ok(s),
            None => Ok(slot.insert(Borrowed::new(conn, sql)?)),
        }
    }

    /// Runs the statement with `values` bound to `?1`, `?2`, … (one for each parameter); returns how
    /// many rows it changed.
    pub(super) fn run(&mut self, values: &[Value<'_>]) -> rusqlite::Result<u64> {
        let s = self.stmt;
        // SAFETY: `s` is a live statement of `self.db`; the texts outlive this call, and the
        // statement is reset and its bindings cleared before it returns
        unsafe {
            // a parameter left out would be NULL without a word
            debug_assert_eq!(ffi::sqlite3_bind_parameter_count(s) as usize, values.len());
            let mut rc = ffi::SQLITE_OK;
            for (i, v) in values.iter().enumerate() {
                let at = i as c_int + 1;
                rc = match *v {
                    Value::Int(n) => ffi::sqlite3_bind_int64(s, at, n),
                    Value::Text(Some(t)) => bind_text(s, at, t),
                    Value::Text(None) => ffi::sqlite3_bind_null(s, at),
                };
                if rc != ffi::SQLITE_OK {
                    break;
                }
            }
            if rc == ffi::SQLITE_OK {
                rc = ffi::sqlite3_step(s);
            }
            let result = if rc == ffi::SQLITE_DONE {
                Ok(ffi::sqlite3_changes64(self.db) as u64)
            } else {
                Err(error(self.db, rc))
            };
            ffi::sqlite3_reset(s);
            ffi::sqlite3_clear_bindings(s);
            result
        }
    }

    /// The row id of the connection's last insert.
    pub(super) fn last_insert_rowid(&self) -> i64 {
        // SAFETY: `self.db` is the live connection (see the type's comment)
        unsafe { ffi::sqlite3_last_insert_rowid(self.db) }
    }
}

impl Drop for Borrowed {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, s TEXT UNIQUE)")
            .unwrap();
        conn
    }

    #[test]
    fn binds_numbers_texts_and_nulls_and_reports_changes_and_ids() {
        let conn = table();
        let mut insert = Borrowed::new(
            &conn,
            "INSERT INTO t (n, s) VALUES (?1, ?2) ON CONFLICT (s) DO NOTHING",
        )
        .unwrap();
        let texts = [String::from("eins"), String::new()];
        assert_eq!(
            insert
                .run(&[Value::Int(7), Value::Text(Some(&texts[0]))])
                .unwrap(),
            1
        );
        let first = insert.last_insert_rowid();
        assert_eq!(
            insert
                .run(&[Value::Int(8), Value::Text(Some(&texts[1]))])
                .unwrap(),
            1
        );
        assert_eq!(insert.run(&[Value::Int(9), Value::Text(None)]).unwrap(), 1);
        // a conflict changes nothing
        assert_eq!(
            insert
                .run(&[Value::Int(10), Value::Text(Some("eins"))])
                .unwrap(),
            0
        );
        drop(texts);
        drop(insert);
        let rows: Vec<(i64, i64, Option<String>)> = conn
            .prepare("SELECT id, n, s FROM t ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            rows,
            vec![
                (first, 7, Some("eins".into())),
                (first + 1, 8, Some(String::new())),
                (first + 2, 9, None),
            ]
        );
    }

    #[test]
    fn an_error_keeps_sqlites_code_and_the_statement_runs_again() {
        let conn = table();
        conn.execute_batch(
            "CREATE TRIGGER no_sevens BEFORE INSERT ON t WHEN new.n = 7
             BEGIN SELECT RAISE(ABORT, 'no sevens'); END",
        )
        .unwrap();
        let mut slot = None;
        let insert = Borrowed::in_slot(&mut slot, &conn, "INSERT INTO t (n) VALUES (?1)").unwrap();
        let e = insert.run(&[Value::Int(7)]).unwrap_err();
        assert_eq!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::ConstraintViolation)
        );
        assert!(e.to_string().contains("no sevens"), "{e}");
        // reset after the error: the same statement runs again, from the slot
        let again = Borrowed::in_slot(&mut slot, &conn, "not compiled again").unwrap();
        assert_eq!(again.run(&[Value::Int(8)]).unwrap(), 1);
        // a statement that does not compile is an error, not a crash
        assert!(Borrowed::new(&conn, "INSERT INTO nowhere VALUES (1)").is_err());
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "left: 2")]
    fn a_parameter_left_out_is_caught() {
        let conn = table();
        let mut insert = Borrowed::new(&conn, "INSERT INTO t (n, s) VALUES (?1, ?2)").unwrap();
        let _ = insert.run(&[Value::Int(1)]);
    }
}

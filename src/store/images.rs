//! The picture cache (schema 7): each picture's bytes as fetched, by URL, at most
//! [`crate::picture::MAX_BYTES`] each and [`MAX_TOTAL`] in all; past that the least recently used
//! are dropped. `data:` pictures are never stored (they are in the article).

use super::{Result, Store};
use rusqlite::{params, OptionalExtension};

/// The most bytes all cached pictures take together.
pub const MAX_TOTAL: i64 = 64 * 1024 * 1024;

/// A cached picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedImage {
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
}

impl Store {
    /// The cached picture at `url` (and marks it used at `now`).
    pub fn image(&self, url: &str, now: i64) -> Result<Option<CachedImage>> {
        let found = self
            .conn
            .query_row(
                "SELECT bytes, content_type FROM images WHERE url = ?1",
                [url],
                |r| {
                    Ok(CachedImage {
                        bytes: r.get(0)?,
                        content_type: r.get(1)?,
                    })
                },
            )
            .optional()?;
        if found.is_some() {
            self.conn.execute(
                "UPDATE images SET used = ?2 WHERE url = ?1",
                params![url, now],
            )?;
        }
        Ok(found)
    }

    /// Keeps the picture at `url`, then drops the least recently used ones until all fit in
    /// `max_total` bytes. A picture over [`crate::picture::MAX_BYTES`] is not kept.
    pub fn save_image(
        &mut self,
        url: &str,
        bytes: &[u8],
        content_type: Option<&str>,
        now: i64,
        max_total: i64,
    ) -> Result<()> {
        if bytes.len() > crate::picture::MAX_BYTES || url.starts_with("data:") {
            return Ok(());
        }
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO images (url, bytes, content_type, size, used) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (url) DO UPDATE SET bytes = excluded.bytes,
                content_type = excluded.content_type, size = excluded.size, used = excluded.used",
            params![url, bytes, content_type, bytes.len() as i64, now],
        )?;
        let mut total: i64 =
            tx.query_row("SELECT coalesce(sum(size), 0) FROM images", [], |r| {
                r.get(0)
            })?;
        while total > max_total {
            let oldest: Option<(String, i64)> = tx
                .query_row(
                    "SELECT url, size FROM images ORDER BY used, rowid LIMIT 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((old, size)) = oldest else { break };
            tx.execute("DELETE FROM images WHERE url = ?1", [&old])?;
            total -= size;
        }
        tx.commit()?;
        Ok(())
    }

    /// How many pictures are cached and their bytes in all.
    pub fn image_totals(&self) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT count(*), coalesce(sum(size), 0) FROM images",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_and_oldest_dropped() {
        let mut s = Store::in_memory().unwrap();
        let kb = |n: usize| vec![7u8; n * 1024];
        s.save_image(
            "https://a.example/1.png",
            &kb(40),
            Some("image/png"),
            1,
            100 * 1024,
        )
        .unwrap();
        s.save_image("https://a.example/2.png", &kb(40), None, 2, 100 * 1024)
            .unwrap();
        // 1 is used again: 2 is now the oldest
        assert!(s.image("https://a.example/1.png", 3).unwrap().is_some());
        s.save_image("https://a.example/3.png", &kb(40), None, 4, 100 * 1024)
            .unwrap();
        assert!(s.image("https://a.example/2.png", 5).unwrap().is_none());
        assert_eq!(
            s.image("https://a.example/1.png", 5)
                .unwrap()
                .unwrap()
                .content_type
                .as_deref(),
            Some("image/png")
        );
        assert_eq!(s.image_totals().unwrap(), (2, 80 * 1024));
        // too big for one picture, and data: pictures, are not kept
        s.save_image(
            "https://a.example/big.png",
            &vec![0; crate::picture::MAX_BYTES + 1],
            None,
            6,
            i64::MAX,
        )
        .unwrap();
        s.save_image("data:image/png;base64,AAAA", &kb(1), None, 6, i64::MAX)
            .unwrap();
        assert_eq!(s.image_totals().unwrap().0, 2);
    }
}

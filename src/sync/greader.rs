//! The Google Reader API (FreshRSS, Miniflux, Inoreader and others): ClientLogin, the write token,
//! `subscription/list`, `stream/contents` with continuation (and `ot` for "newer than"),
//! `stream/items/ids` for the read and starred state, `edit-tag`, `mark-all-as-read`.
//!
//! The JSON is mapped by pure functions ([`parse_subscriptions`], [`parse_stream`], [`parse_ids`]);
//! [`GReader`] does the calls. Item ids come in three forms (decimal, `tag:google.com,2005:reader/
//! item/<16 hex>`, bare hex); blatt keeps the decimal one ([`decimal_id`]).

use super::http::{Answer, Http};
use super::{Backend, ItemPage, MarkAction, RawItem, RemoteSource, SyncError};
use serde_json::Value;
use url::Url;

const READING_LIST: &str = "user/-/state/com.google/reading-list";
const READ: &str = "user/-/state/com.google/read";
const STARRED: &str = "user/-/state/com.google/starred";
const LABEL: &str = "user/-/label/";
/// Items per page of `stream/contents`.
pub const PAGE: usize = 1000;
/// Ids per page of `stream/items/ids`.
const IDS_PAGE: usize = 10_000;
/// Ids per `edit-tag` call.
const EDIT_BATCH: usize = 250;
/// An incremental sync asks for items crawled this many seconds before the newest one it has (an
/// item whose crawl committed late is not missed; the ones seen again are unchanged).
const OVERLAP_SECS: i64 = 60;

/// A decimal item id from any of the three forms; `None` for something else.
pub fn decimal_id(id: &str) -> Option<String> {
    let id = id.trim();
    if let Some(hex) = id.strip_prefix("tag:google.com,2005:reader/item/") {
        return u64::from_str_radix(hex, 16).ok().map(|n| n.to_string());
    }
    if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
        return id.parse::<u64>().ok().map(|n| n.to_string());
    }
    if id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return u64::from_str_radix(id, 16).ok().map(|n| n.to_string());
    }
    None
}

/// The token of a ClientLogin answer (`SID=…\nLSID=…\nAuth=…`).
pub fn parse_login(body: &str) -> Option<String> {
    body.lines()
        .find_map(|l| l.trim().strip_prefix("Auth="))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The label name of a category id (`user/-/label/Kommunal` → `Kommunal`); states are no labels.
fn label_of(id: &str) -> Option<&str> {
    if let Some(l) = id.strip_prefix(LABEL) {
        return Some(l);
    }
    // the same with the user's id instead of "-"
    let rest = id.strip_prefix("user/")?;
    let (_, l) = rest.split_once("/label/")?;
    Some(l)
}

/// `subscription/list`: the feeds with their folders as tags.
pub fn parse_subscriptions(v: &Value) -> Result<Vec<RemoteSource>, SyncError> {
    let subs = v
        .get("subscriptions")
        .and_then(Value::as_array)
        .ok_or_else(|| SyncError::Protocol("subscription/list without subscriptions".into()))?;
    let mut out = Vec::new();
    for s in subs {
        let Some(id) = s.get("id").and_then(text) else {
            continue;
        };
        let feed_url = s.get("url").and_then(text);
        let title = s
            .get("title")
            .and_then(text)
            .map(|t| crate::parse::feed::text::visible_text(&t))
            .filter(|t| !t.trim().is_empty())
            .or_else(|| feed_url.clone())
            .unwrap_or_else(|| id.clone());
        let mut tags: Vec<String> = s
            .get("categories")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|c| {
                c.get("label").and_then(text).or_else(|| {
                    c.get("id")
                        .and_then(text)
                        .and_then(|i| label_of(&i).map(str::to_string))
                })
            })
            .map(|t| crate::parse::sanitize::clean_line(&t))
            .filter(|t| !t.trim().is_empty())
            .collect();
        tags.sort();
        tags.dedup();
        out.push(RemoteSource {
            remote_id: id,
            title: crate::parse::sanitize::clean_line(&title),
            feed_url,
            tags,
        });
    }
    Ok(out)
}

/// One item of `stream/contents` (`None` without a usable id or feed), and its crawl time in µs.
pub fn parse_item(v: &Value) -> Option<(RawItem, Option<i64>)> {
    let id = v.get("id").and_then(text).and_then(|i| decimal_id(&i))?;
    let origin = v.get("origin");
    let feed = origin.and_then(|o| o.get("streamId")).and_then(text)?;
    let href = |key: &str| {
        v.get(key)
            .and_then(Value::as_array)
            .and_then(|a| a.first())
            .and_then(|l| l.get("href"))
            .and_then(text)
            .filter(|h| !h.trim().is_empty())
    };
    let categories: Vec<String> = v
        .get("categories")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(text)
        .collect();
    let has = |state: &str| {
        let tail = state.trim_start_matches("user/-");
        categories
            .iter()
            .any(|c| c == state || (c.starts_with("user/") && c.ends_with(tail)))
    };
    let content = v
        .get("content")
        .or_else(|| v.get("summary"))
        .and_then(|c| c.get("content"))
        .and_then(text)
        .filter(|c| !c.trim().is_empty());
    let crawl = v
        .get("timestampUsec")
        .and_then(text)
        .and_then(|t| t.parse::<i64>().ok())
        .or_else(|| {
            v.get("crawlTimeMsec")
                .and_then(text)
                .and_then(|t| t.parse::<i64>().ok())
                .map(|ms| ms * 1000)
        });
    let item = RawItem {
        id,
        feed,
        feed_title: origin.and_then(|o| o.get("title")).and_then(text),
        title: v.get("title").and_then(text).unwrap_or_default(),
        url: href("canonical").or_else(|| href("alternate")),
        published: v.get("published").and_then(|p| match p {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }),
        author: v
            .get("author")
            .and_then(text)
            .filter(|a| !a.trim().is_empty()),
        content,
        read: has(READ),
        starred: has(STARRED),
    };
    Some((item, crawl))
}

/// A page of `stream/contents`.
#[derive(Clone, Debug, Default)]
pub struct StreamPage {
    pub items: Vec<RawItem>,
    /// The newest crawl time among them (µs).
    pub newest: Option<i64>,
    pub continuation: Option<String>,
}

/// `stream/contents`: the items, the newest crawl time among them and the continuation.
pub fn parse_stream(v: &Value) -> Result<StreamPage, SyncError> {
    let items = v
        .get("items")
        .and_then(Value::as_array)
        .ok_or_else(|| SyncError::Protocol("stream/contents without items".into()))?;
    let mut newest: Option<i64> = None;
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        if let Some((item, crawl)) = parse_item(it) {
            if let Some(c) = crawl {
                newest = Some(newest.map_or(c, |n| n.max(c)));
            }
            out.push(item);
        }
    }
    let continuation = v
        .get("continuation")
        .and_then(text)
        .filter(|c| !c.is_empty());
    Ok(StreamPage {
        items: out,
        newest,
        continuation,
    })
}

/// `stream/items/ids`: the decimal ids and the continuation.
pub fn parse_ids(v: &Value) -> Result<(Vec<String>, Option<String>), SyncError> {
    let refs = v
        .get("itemRefs")
        .and_then(Value::as_array)
        .ok_or_else(|| SyncError::Protocol("stream/items/ids without itemRefs".into()))?;
    let ids = refs
        .iter()
        .filter_map(|r| r.get("id").and_then(text))
        .filter_map(|i| decimal_id(&i))
        .collect();
    let cont = v
        .get("continuation")
        .and_then(text)
        .filter(|c| !c.is_empty());
    Ok((ids, cont))
}

/// Paging through `stream/contents` of the reading list.
#[derive(Clone, Debug, Default)]
pub struct Pager {
    /// Items crawled from this second on (an incremental sync).
    since: Option<i64>,
    continuation: Option<String>,
    /// The newest crawl time seen (µs), the previous cursor to start with.
    newest: Option<i64>,
    done: bool,
}

/// A Google Reader API client logged in as one user.
pub struct GReader {
    http: Http,
    base: Url,
    user: String,
    password: String,
    auth: Option<String>,
    token: Option<String>,
}

impl GReader {
    /// A client for the API at `url` (FreshRSS: `…/api/greader.php`, Miniflux: the base URL).
    pub fn new(http: Http, url: &str, user: &str, password: &str) -> Result<GReader, SyncError> {
        let mut base = Url::parse(url.trim())
            .map_err(|e| SyncError::Protocol(format!("sync.url {url}: {e}")))?;
        if !base.path().ends_with('/') {
            let p = format!("{}/", base.path());
            base.set_path(&p);
        }
        Ok(GReader {
            http,
            base,
            user: user.to_string(),
            password: password.to_string(),
            auth: None,
            token: None,
        })
    }

    /// Uses an auth token from an earlier login (it is checked at the first call; a stale one means
    /// logging in again).
    pub fn with_auth(mut self, auth: &str) -> GReader {
        self.auth = Some(auth.to_string());
        self
    }

    /// The current auth token (after a login).
    pub fn auth(&self) -> Option<&str> {
        self.auth.as_deref()
    }

    fn url(&self, path: &str) -> Url {
        // the base ends in '/': a relative join appends
        self.base.join(path).unwrap_or_else(|_| self.base.clone())
    }

    fn headers(&self) -> Vec<(&'static str, String)> {
        match &self.auth {
            Some(a) => vec![("Authorization", format!("GoogleLogin auth={a}"))],
            None => Vec::new(),
        }
    }

    async fn do_login(&mut self) -> Result<(), SyncError> {
        self.auth = None;
        self.token = None;
        let url = self.url("accounts/ClientLogin");
        let a = self
            .http
            .post_form(
                &url,
                &[],
                &[
                    ("Email", self.user.as_str()),
                    ("Passwd", self.password.as_str()),
                ],
            )
            .await?;
        match a.status {
            401 | 403 => return Err(SyncError::Auth(self.user.clone())),
            _ if !a.ok() => return Err(a.status_error()),
            _ => {}
        }
        let auth = parse_login(&a.text()).ok_or_else(|| {
            SyncError::Protocol(format!(
                "ClientLogin answered without Auth= ({})",
                super::http::snippet(&a.body)
            ))
        })?;
        self.auth = Some(auth);
        Ok(())
    }

    /// GET `path` with `query` (and `output=json`); logs in first or again when needed.
    async fn get(&mut self, path: &str, query: &[(&str, String)]) -> Result<Answer, SyncError> {
        if self.auth.is_none() {
            self.do_login().await?;
        }
        let mut url = self.url(path);
        {
            let mut q = url.query_pairs_mut();
            for (k, v) in query {
                q.append_pair(k, v);
            }
            q.append_pair("output", "json");
        }
        for attempt in 0..2 {
            let a = self.http.get(&url, &self.headers()).await?;
            if a.status == 401 && attempt == 0 {
                self.do_login().await?;
                continue;
            }
            if a.status == 401 {
                return Err(SyncError::Auth(self.user.clone()));
            }
            if !a.ok() {
                return Err(a.status_error());
            }
            return Ok(a);
        }
        unreachable!("the loop returns")
    }

    /// POST `form` (and the write token) to `path`; logs in or fetches the token again when needed.
    async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Result<Answer, SyncError> {
        for attempt in 0..2 {
            if self.auth.is_none() {
                self.do_login().await?;
            }
            if self.token.is_none() {
                let t = self.get("reader/api/0/token", &[]).await?;
                self.token = Some(t.text().trim().to_string());
            }
            let token = self.token.clone().unwrap_or_default();
            let mut all: Vec<(&str, &str)> = form.to_vec();
            all.push(("T", token.as_str()));
            let url = self.url(path);
            let a = self.http.post_form(&url, &self.headers(), &all).await?;
            if a.status == 401 && attempt == 0 {
                // a stale token or session: both again
                self.auth = None;
                self.token = None;
                continue;
            }
            if a.status == 401 {
                return Err(SyncError::Auth(self.user.clone()));
            }
            if !a.ok() {
                return Err(a.status_error());
            }
            return Ok(a);
        }
        unreachable!("the loop returns")
    }

    /// Every id of `stream/items/ids` for stream `s`, excluding state `xt`.
    async fn ids(&mut self, s: &str, xt: Option<&str>) -> Result<Vec<String>, SyncError> {
        let mut all = Vec::new();
        let mut cont: Option<String> = None;
        loop {
            let mut q = vec![("s", s.to_string()), ("n", IDS_PAGE.to_string())];
            if let Some(x) = xt {
                q.push(("xt", x.to_string()));
            }
            if let Some(c) = &cont {
                q.push(("c", c.clone()));
            }
            let a = self.get("reader/api/0/stream/items/ids", &q).await?;
            let (ids, next) = parse_ids(&a.json("stream/items/ids")?)?;
            let got = ids.len();
            all.extend(ids);
            match next {
                Some(c) if got > 0 && Some(&c) != cont.as_ref() => cont = Some(c),
                _ => break,
            }
        }
        Ok(all)
    }
}

impl Backend for GReader {
    type Pager = Pager;

    async fn login(&mut self) -> Result<(), SyncError> {
        if self.auth.is_some() {
            // a token from before: check it
            self.get("reader/api/0/user-info", &[]).await.map(|_| ())
        } else {
            self.do_login().await
        }
    }

    async fn subscriptions(&mut self) -> Result<Vec<RemoteSource>, SyncError> {
        let a = self.get("reader/api/0/subscription/list", &[]).await?;
        parse_subscriptions(&a.json("subscription/list")?)
    }

    fn pager(&self, cursor: Option<&str>) -> Pager {
        let newest = cursor.and_then(|c| c.trim().parse::<i64>().ok());
        Pager {
            since: newest.map(|us| (us / 1_000_000 - OVERLAP_SECS).max(0)),
            continuation: None,
            newest,
            done: false,
        }
    }

    async fn next_items(&mut self, pager: &mut Pager) -> Result<ItemPage, SyncError> {
        if pager.done {
            return Ok(ItemPage::default());
        }
        let mut q = vec![("n", PAGE.to_string())];
        if let Some(ot) = pager.since {
            q.push(("ot", ot.to_string()));
        }
        if let Some(c) = &pager.continuation {
            q.push(("c", c.clone()));
        }
        let path = format!("reader/api/0/stream/contents/{READING_LIST}");
        let a = self.get(&path, &q).await?;
        let StreamPage {
            items,
            newest,
            continuation: cont,
        } = parse_stream(&a.json("stream/contents")?)?;
        if let Some(n) = newest {
            pager.newest = Some(pager.newest.map_or(n, |p| p.max(n)));
        }
        pager.done = items.is_empty() || cont.is_none() || cont == pager.continuation;
        pager.continuation = cont;
        Ok(ItemPage {
            items,
            more: !pager.done,
        })
    }

    fn cursor(&self, pager: &Pager) -> Option<String> {
        pager.newest.map(|n| n.to_string())
    }

    async fn unread_ids(&mut self) -> Result<Vec<String>, SyncError> {
        self.ids(READING_LIST, Some(READ)).await
    }

    async fn starred_ids(&mut self) -> Result<Vec<String>, SyncError> {
        self.ids(STARRED, None).await
    }

    async fn feed_unread_ids(&mut self, feed: &str) -> Result<Vec<String>, SyncError> {
        self.ids(feed, Some(READ)).await
    }

    async fn set(&mut self, action: MarkAction, ids: &[String]) -> Result<(), SyncError> {
        let (key, tag) = match action {
            MarkAction::Read => ("a", READ),
            MarkAction::Unread => ("r", READ),
            MarkAction::Star => ("a", STARRED),
            MarkAction::Unstar => ("r", STARRED),
            MarkAction::SourceRead => return Ok(()),
        };
        for chunk in ids.chunks(EDIT_BATCH) {
            let mut form: Vec<(&str, &str)> = chunk.iter().map(|i| ("i", i.as_str())).collect();
            form.push((key, tag));
            let a = self.post("reader/api/0/edit-tag", &form).await?;
            if a.text().trim() != "OK" {
                return Err(SyncError::Protocol(format!(
                    "edit-tag answered {}",
                    super::http::snippet(&a.body)
                )));
            }
        }
        Ok(())
    }

    async fn mark_feed_read(&mut self, feed: &str) -> Result<(), SyncError> {
        // "older than": now, in nanoseconds — at least as late as every item under any reading of it
        let ts = (crate::reload::now().max(0) as u128 * 1_000_000_000).to_string();
        let a = self
            .post(
                "reader/api/0/mark-all-as-read",
                &[("s", feed), ("ts", ts.as_str())],
            )
            .await?;
        if a.text().trim() != "OK" {
            return Err(SyncError::Protocol(format!(
                "mark-all-as-read answered {}",
                super::http::snippet(&a.body)
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn item_ids_in_every_form() {
        assert_eq!(
            decimal_id("tag:google.com,2005:reader/item/0006616c87d78291").as_deref(),
            Some("1795968623674001")
        );
        assert_eq!(
            decimal_id("0006616c87d78291").as_deref(),
            Some("1795968623674001")
        );
        assert_eq!(
            decimal_id("1795968623674001").as_deref(),
            Some("1795968623674001")
        );
        assert_eq!(decimal_id("feed/1"), None);
        assert_eq!(decimal_id(""), None);
        assert_eq!(decimal_id("tag:google.com,2005:reader/item/zz"), None);
    }

    #[test]
    fn login_answer() {
        assert_eq!(
            parse_login("SID=blatt/abc\nLSID=null\nAuth=blatt/0123abcd\n").as_deref(),
            Some("blatt/0123abcd")
        );
        assert_eq!(parse_login("Error=BadAuthentication"), None);
        assert_eq!(parse_login("Auth=\n"), None);
    }

    #[test]
    fn subscriptions_with_folders() {
        let v = json!({"subscriptions": [
            {"id": "feed/1", "title": "Rathaus &amp; Netz", "url": "http://127.0.0.1/f0.xml",
             "categories": [{"id": "user/-/label/Kommunal", "label": "Kommunal"}]},
            {"id": "feed/2", "title": "", "url": "http://127.0.0.1/f1.xml",
             "categories": [{"id": "user/1005/label/Haushalt"}, {"id": "user/-/state/com.google/starred"}]},
            {"title": "no id"}
        ]});
        let s = parse_subscriptions(&v).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].remote_id, "feed/1");
        assert_eq!(s[0].title, "Rathaus & Netz");
        assert_eq!(s[0].tags, vec!["Kommunal"]);
        assert_eq!(s[1].title, "http://127.0.0.1/f1.xml", "no title: the URL");
        assert_eq!(s[1].tags, vec!["Haushalt"]);
        assert!(parse_subscriptions(&json!({"error": 1})).is_err());
    }

    #[test]
    fn stream_items_with_state_and_continuation() {
        let v = json!({"items": [
            {"id": "tag:google.com,2005:reader/item/0006616c87d78291", "timestampUsec": "1795968623674001",
             "published": 1793466000, "title": "Artikel 1.0", "canonical": [{"href": "http://127.0.0.1/a/1/0"}],
             "categories": ["user/-/state/com.google/reading-list", "user/-/state/com.google/read",
                            "user/-/label/Kommunal"],
             "origin": {"streamId": "feed/2", "title": "Testfeed 1"},
             "summary": {"content": "<p>Volltext</p>"}},
            {"id": "tag:google.com,2005:reader/item/0006616c87d78292", "crawlTimeMsec": "1795968623675",
             "title": "Zwei", "alternate": [{"href": "http://127.0.0.1/a/1/1"}],
             "categories": ["user/1005/state/com.google/starred"],
             "origin": {"streamId": "feed/2"}, "content": {"content": "<p>x</p>"}},
            {"id": "tag:google.com,2005:reader/item/0006616c87d78293", "title": "no origin"}
        ], "continuation": "1795968623674001"});
        let StreamPage {
            items,
            newest,
            continuation: cont,
        } = parse_stream(&v).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].id, "1795968623674001");
        assert_eq!(items[0].feed, "feed/2");
        assert_eq!(items[0].feed_title.as_deref(), Some("Testfeed 1"));
        assert_eq!(items[0].url.as_deref(), Some("http://127.0.0.1/a/1/0"));
        assert_eq!(items[0].published, Some(1793466000));
        assert!(items[0].read && !items[0].starred);
        assert_eq!(items[0].content.as_deref(), Some("<p>Volltext</p>"));
        assert!(!items[1].read && items[1].starred, "another user id form");
        assert_eq!(items[1].url.as_deref(), Some("http://127.0.0.1/a/1/1"));
        assert_eq!(newest, Some(1795968623675000));
        assert_eq!(cont.as_deref(), Some("1795968623674001"));
        let (ids, cont) =
            parse_ids(&json!({"itemRefs": [{"id": "1795968623633411"}, {"id": "x"}]})).unwrap();
        assert_eq!(ids, vec!["1795968623633411"]);
        assert_eq!(cont, None);
    }

    #[test]
    fn a_cursor_overlaps_a_minute() {
        let g = GReader::new(
            Http::new(std::time::Duration::from_secs(1)).unwrap(),
            "http://127.0.0.1:9/api/greader.php",
            "u",
            "p",
        )
        .unwrap();
        assert_eq!(
            g.url("accounts/ClientLogin").as_str(),
            "http://127.0.0.1:9/api/greader.php/accounts/ClientLogin"
        );
        let p = g.pager(Some("1795968623674001"));
        assert_eq!(p.since, Some(1795968623 - 60));
        assert_eq!(g.cursor(&p).as_deref(), Some("1795968623674001"));
        assert_eq!(g.pager(None).since, None);
    }
}

//! Tiny Tiny RSS's JSON API: every call a POST of a JSON object to `<instance>/api/`, answered
//! `{"seq", "status", "content"}` (HTTP 200 also for errors). The session is tied to the
//! User-Agent (blatt sends one fixed agent) and logged in again on `NOT_LOGGED_IN`.
//!
//! Items: `getHeadlines` of all articles (`feed_id` -4) with `since_id`, 200 at a time with `skip`.
//! TT-RSS sorts by date, and many articles share the same date (one fetch of a feed), so two pages
//! may disagree about the order of equal dates: an article can come twice and another not at all.
//! [`Lister`] counts: when a pass through the pages brought fewer distinct ids than rows, it goes
//! through them again in another order until every article was seen.

use super::http::Http;
use super::{Backend, ItemPage, MarkAction, RawItem, RemoteSource, SyncError};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use url::Url;

/// Headlines per call (TT-RSS's own maximum).
pub const PAGE: usize = 200;
/// Ids per `updateArticle` call.
const UPDATE_BATCH: usize = 500;
/// The orders tried in turn when a pass missed articles (`""`: TT-RSS's default).
const ORDERS: [&str; 4] = ["", "date_reverse", "feed_dates", "title"];

/// The API endpoint of an instance: `api/` under its base URL (a URL ending in `api/` is kept).
pub fn api_url(url: &str) -> Result<Url, SyncError> {
    let mut u =
        Url::parse(url.trim()).map_err(|e| SyncError::Protocol(format!("sync.url {url}: {e}")))?;
    let path = u.path().trim_end_matches('/').to_string();
    if path.ends_with("/api") || path == "api" {
        u.set_path(&format!("{path}/"));
        return Ok(u);
    }
    u.set_path(&format!("{path}/api/"));
    Ok(u)
}

fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn flag(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_i64().is_some_and(|n| n != 0),
        Some(Value::String(s)) => matches!(s.as_str(), "t" | "true" | "1"),
        _ => false,
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// What an API answer means: its content, or the error it names.
pub fn content(answer: &Value) -> Result<&Value, String> {
    let status = answer.get("status").and_then(int).unwrap_or(1);
    let content = answer.get("content").unwrap_or(&Value::Null);
    if status == 0 {
        return Ok(content);
    }
    Err(content
        .get("error")
        .and_then(|e| text(Some(e)))
        .unwrap_or_else(|| "unknown error".into()))
}

/// `getCategories` (with nested ones): category id → title.
pub fn parse_categories(v: &Value) -> HashMap<i64, String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| {
            let id = c.get("id").and_then(int)?;
            let title = text(c.get("title"))?;
            Some((id, title))
        })
        .collect()
}

/// `getFeeds`: the feeds, each tagged with its category's title (none for category 0, TT-RSS's
/// "Uncategorized", nor for the special ones below 0).
pub fn parse_feeds(
    v: &Value,
    categories: &HashMap<i64, String>,
) -> Result<Vec<RemoteSource>, SyncError> {
    let feeds = v
        .as_array()
        .ok_or_else(|| SyncError::Protocol("getFeeds answered no list".into()))?;
    let mut out = Vec::new();
    for f in feeds {
        let Some(id) = f.get("id").and_then(int).filter(|i| *i > 0) else {
            continue; // special feeds (starred, published, …)
        };
        let feed_url = text(f.get("feed_url"));
        let title = text(f.get("title"))
            .map(|t| crate::parse::feed::text::visible_text(&t))
            .filter(|t| !t.trim().is_empty())
            .or_else(|| feed_url.clone())
            .unwrap_or_else(|| id.to_string());
        let tags = f
            .get("cat_id")
            .and_then(int)
            .filter(|c| *c > 0)
            .and_then(|c| categories.get(&c))
            .map(|t| crate::parse::sanitize::clean_line(t))
            .filter(|t| !t.trim().is_empty())
            .into_iter()
            .collect();
        out.push(RemoteSource {
            remote_id: id.to_string(),
            title: crate::parse::sanitize::clean_line(&title),
            feed_url,
            tags,
        });
    }
    Ok(out)
}

/// One headline of `getHeadlines` (`None` without an id).
pub fn parse_headline(v: &Value) -> Option<RawItem> {
    let id = v.get("id").and_then(int)?;
    Some(RawItem {
        id: id.to_string(),
        feed: v.get("feed_id").and_then(int).unwrap_or(0).to_string(),
        feed_title: text(v.get("feed_title")).filter(|t| !t.trim().is_empty()),
        title: text(v.get("title")).unwrap_or_default(),
        url: text(v.get("link")).filter(|l| !l.trim().is_empty()),
        published: v.get("updated").and_then(int),
        author: text(v.get("author")).filter(|a| !a.trim().is_empty()),
        content: text(v.get("content")).filter(|c| !c.trim().is_empty()),
        read: !flag(v.get("unread")),
        starred: flag(v.get("marked")),
    })
}

/// Going through every headline of one listing, page by page, pass after pass until no article is
/// missing (see the module's documentation).
#[derive(Clone, Debug, Default)]
pub struct Lister {
    /// The ids seen in any pass.
    pub seen: HashSet<i64>,
    /// The pass (an index into the orders) and the rows it brought so far.
    pass: usize,
    rows: usize,
    done: bool,
}

impl Lister {
    /// The `order_by` and `skip` of the next call.
    pub fn next_call(&self) -> Option<(&'static str, usize)> {
        (!self.done).then(|| (ORDERS[self.pass], self.rows))
    }

    /// Takes a page of ids; returns the ones not seen before.
    pub fn take(&mut self, ids: &[i64], page: usize) -> Vec<i64> {
        self.rows += ids.len();
        let fresh = ids
            .iter()
            .copied()
            .filter(|i| self.seen.insert(*i))
            .collect();
        if ids.len() < page {
            // a pass ends: it listed `rows` articles; complete when that many distinct ones were seen
            if self.seen.len() >= self.rows || self.pass + 1 >= ORDERS.len() {
                if self.seen.len() < self.rows {
                    tracing::warn!(
                        seen = self.seen.len(),
                        rows = self.rows,
                        "tt-rss listing: articles still missing after every order"
                    );
                }
                self.done = true;
            } else {
                tracing::info!(
                    pass = self.pass,
                    seen = self.seen.len(),
                    rows = self.rows,
                    "tt-rss listing: equal dates reordered between pages; another pass"
                );
                self.pass += 1;
                self.rows = 0;
            }
        }
        fresh
    }

    pub fn done(&self) -> bool {
        self.done
    }
}

/// Paging through the new items of one sync.
#[derive(Clone, Debug, Default)]
pub struct Pager {
    since: i64,
    lister: Lister,
    newest: i64,
}

/// A TT-RSS client logged in as one user.
pub struct TtRss {
    http: Http,
    api: Url,
    user: String,
    password: String,
    sid: Option<String>,
}

impl TtRss {
    /// A client for the instance at `url` (its base URL; `api/` is added).
    pub fn new(http: Http, url: &str, user: &str, password: &str) -> Result<TtRss, SyncError> {
        Ok(TtRss {
            http,
            api: api_url(url)?,
            user: user.to_string(),
            password: password.to_string(),
            sid: None,
        })
    }

    /// The session id (after a login).
    pub fn session(&self) -> Option<&str> {
        self.sid.as_deref()
    }

    async fn do_login(&mut self) -> Result<(), SyncError> {
        self.sid = None;
        let body = json!({"op": "login", "user": self.user, "password": self.password});
        let a = self.http.post_json(&self.api, &body).await?;
        if !a.ok() {
            return Err(a.status_error());
        }
        let v: Value = a.json("login")?;
        match content(&v) {
            Ok(c) => {
                let sid = text(c.get("session_id"))
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| SyncError::Protocol("login answered no session_id".into()))?;
                self.sid = Some(sid);
                Ok(())
            }
            Err(e) if e == "LOGIN_ERROR" => Err(SyncError::Auth(self.user.clone())),
            Err(e) if e == "API_DISABLED" => Err(SyncError::Denied(format!(
                "the API is disabled for user `{}` (enable \"API access\" in TT-RSS's preferences)",
                self.user
            ))),
            Err(e) => Err(SyncError::Protocol(format!("login: {e}"))),
        }
    }

    /// Calls `op` with `params`; logs in first, and again once on `NOT_LOGGED_IN`.
    pub async fn call(&mut self, op: &str, params: Value) -> Result<Value, SyncError> {
        for attempt in 0..2 {
            if self.sid.is_none() {
                self.do_login().await?;
            }
            let mut body = params.clone();
            if let Value::Object(m) = &mut body {
                m.insert("op".into(), op.into());
                m.insert("sid".into(), self.sid.clone().unwrap_or_default().into());
            }
            let a = self.http.post_json(&self.api, &body).await?;
            if a.status == 401 || a.status == 403 {
                return Err(SyncError::Auth(self.user.clone()));
            }
            if !a.ok() {
                return Err(a.status_error());
            }
            let v: Value = a.json(op)?;
            match content(&v) {
                Ok(c) => return Ok(c.clone()),
                Err(e) if e == "NOT_LOGGED_IN" && attempt == 0 => {
                    tracing::info!(op, "tt-rss session gone; logging in again");
                    self.sid = None;
                }
                Err(e) if e == "NOT_LOGGED_IN" => return Err(SyncError::Auth(self.user.clone())),
                Err(e) if e == "API_DISABLED" => {
                    return Err(SyncError::Denied(format!(
                        "the API is disabled for user `{}`",
                        self.user
                    )))
                }
                Err(e) => {
                    return Err(SyncError::Protocol(format!(
                        "{op}: {}",
                        crate::parse::sanitize::clean_line(&e)
                    )))
                }
            }
        }
        unreachable!("the loop returns")
    }

    /// One page of `getHeadlines` for `lister`.
    async fn headlines(
        &mut self,
        lister: &mut Lister,
        mut params: Value,
    ) -> Result<Vec<Value>, SyncError> {
        let Some((order, skip)) = lister.next_call() else {
            return Ok(Vec::new());
        };
        if let Value::Object(m) = &mut params {
            m.insert("limit".into(), PAGE.into());
            m.insert("skip".into(), skip.into());
            if !order.is_empty() {
                m.insert("order_by".into(), order.into());
            }
        }
        let c = self.call("getHeadlines", params).await?;
        let rows = c
            .as_array()
            .cloned()
            .ok_or_else(|| SyncError::Protocol("getHeadlines answered no list".into()))?;
        let ids: Vec<i64> = rows
            .iter()
            .filter_map(|r| r.get("id").and_then(int))
            .collect();
        let fresh: HashSet<i64> = lister.take(&ids, PAGE).into_iter().collect();
        Ok(rows
            .into_iter()
            .filter(|r| {
                r.get("id")
                    .and_then(int)
                    .is_some_and(|i| fresh.contains(&i))
            })
            .collect())
    }

    /// Every id of a listing (no content).
    async fn all_ids(&mut self, params: Value) -> Result<Vec<String>, SyncError> {
        let mut lister = Lister::default();
        while !lister.done() {
            self.headlines(&mut lister, params.clone()).await?;
        }
        let mut ids: Vec<i64> = lister.seen.into_iter().collect();
        ids.sort_unstable();
        Ok(ids.into_iter().map(|i| i.to_string()).collect())
    }
}

impl Backend for TtRss {
    type Pager = Pager;

    async fn login(&mut self) -> Result<(), SyncError> {
        self.do_login().await
    }

    async fn subscriptions(&mut self) -> Result<Vec<RemoteSource>, SyncError> {
        let cats = self
            .call(
                "getCategories",
                json!({"include_empty": true, "include_nested": true}),
            )
            .await?;
        let categories = parse_categories(&cats);
        let feeds = self.call("getFeeds", json!({"cat_id": -3})).await?;
        parse_feeds(&feeds, &categories)
    }

    fn pager(&self, cursor: Option<&str>) -> Pager {
        let since = cursor.and_then(|c| c.trim().parse().ok()).unwrap_or(0);
        Pager {
            since,
            lister: Lister::default(),
            newest: since,
        }
    }

    async fn next_items(&mut self, pager: &mut Pager) -> Result<ItemPage, SyncError> {
        let params = json!({
            "feed_id": -4,
            "view_mode": "all_articles",
            "since_id": pager.since,
            "show_content": true,
            "include_attachments": false,
        });
        let rows = self.headlines(&mut pager.lister, params).await?;
        let items: Vec<RawItem> = rows.iter().filter_map(parse_headline).collect();
        for i in &items {
            if let Ok(n) = i.id.parse::<i64>() {
                pager.newest = pager.newest.max(n);
            }
        }
        Ok(ItemPage {
            items,
            more: !pager.lister.done(),
        })
    }

    fn cursor(&self, pager: &Pager) -> Option<String> {
        Some(pager.newest.to_string())
    }

    async fn unread_ids(&mut self) -> Result<Vec<String>, SyncError> {
        self.all_ids(json!({"feed_id": -4, "view_mode": "unread", "show_content": false}))
            .await
    }

    async fn starred_ids(&mut self) -> Result<Vec<String>, SyncError> {
        self.all_ids(json!({"feed_id": -1, "view_mode": "all_articles", "show_content": false}))
            .await
    }

    async fn feed_unread_ids(&mut self, feed: &str) -> Result<Vec<String>, SyncError> {
        let id: i64 = feed
            .parse()
            .map_err(|_| SyncError::Protocol(format!("not a TT-RSS feed id: {feed}")))?;
        self.all_ids(json!({"feed_id": id, "view_mode": "unread", "show_content": false}))
            .await
    }

    async fn set(&mut self, action: MarkAction, ids: &[String]) -> Result<(), SyncError> {
        // field 2: unread, 0: starred; mode 0: false, 1: true
        let (field, mode) = match action {
            MarkAction::Read => (2, 0),
            MarkAction::Unread => (2, 1),
            MarkAction::Star => (0, 1),
            MarkAction::Unstar => (0, 0),
            MarkAction::SourceRead => return Ok(()),
        };
        for chunk in ids.chunks(UPDATE_BATCH) {
            let c = self
                .call(
                    "updateArticle",
                    json!({"article_ids": chunk.join(","), "field": field, "mode": mode}),
                )
                .await?;
            if text(c.get("status")).as_deref() != Some("OK") {
                return Err(SyncError::Protocol(format!("updateArticle answered {c}")));
            }
        }
        Ok(())
    }

    async fn mark_feed_read(&mut self, feed: &str) -> Result<(), SyncError> {
        let id: i64 = feed
            .parse()
            .map_err(|_| SyncError::Protocol(format!("not a TT-RSS feed id: {feed}")))?;
        let c = self
            .call("catchupFeed", json!({"feed_id": id, "is_cat": false}))
            .await?;
        if text(c.get("status")).as_deref() != Some("OK") {
            return Err(SyncError::Protocol(format!("catchupFeed answered {c}")));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_under_the_instance() {
        assert_eq!(
            api_url("http://127.0.0.1:8080/").unwrap().as_str(),
            "http://127.0.0.1:8080/api/"
        );
        assert_eq!(
            api_url("https://rss.example.org/tt-rss").unwrap().as_str(),
            "https://rss.example.org/tt-rss/api/"
        );
        assert_eq!(
            api_url("https://rss.example.org/tt-rss/api")
                .unwrap()
                .as_str(),
            "https://rss.example.org/tt-rss/api/"
        );
    }

    #[test]
    fn answers_and_errors() {
        let ok = json!({"seq": 0, "status": 0, "content": {"level": 15}});
        assert_eq!(content(&ok).unwrap()["level"], 15);
        let no = json!({"seq": -1, "status": 1, "content": {"error": "NOT_LOGGED_IN"}});
        assert_eq!(content(&no).unwrap_err(), "NOT_LOGGED_IN");
        assert_eq!(content(&json!({})).unwrap_err(), "unknown error");
    }

    #[test]
    fn feeds_tagged_by_category() {
        let cats = parse_categories(&json!([
            {"id": 1, "title": "Kommunal", "unread": 5},
            {"id": -1, "title": "Special"},
            {"id": 0, "title": "Uncategorized"}
        ]));
        let feeds = parse_feeds(
            &json!([
                {"feed_url": "http://127.0.0.1/feeds/f0.xml", "title": "Testfeed 0", "id": 1, "cat_id": 1},
                {"feed_url": "http://127.0.0.1/feeds/f1.xml", "title": "Testfeed 1", "id": "2", "cat_id": 0},
                {"title": "Starred articles", "id": -1, "cat_id": -1}
            ]),
            &cats,
        )
        .unwrap();
        assert_eq!(feeds.len(), 2);
        assert_eq!(feeds[0].remote_id, "1");
        assert_eq!(feeds[0].tags, vec!["Kommunal"]);
        assert_eq!(feeds[1].remote_id, "2");
        assert!(feeds[1].tags.is_empty(), "Uncategorized is no tag");
    }

    #[test]
    fn headlines_map_state_and_ids() {
        let h = parse_headline(&json!({
            "id": 10, "unread": true, "marked": false, "updated": 1793422800,
            "title": "Artikel 1.4", "link": "http://127.0.0.1/a/1/4", "feed_id": 2,
            "content": "<p>Volltext</p>", "feed_title": "Testfeed 1", "author": ""
        }))
        .unwrap();
        assert_eq!(h.id, "10");
        assert_eq!(h.feed, "2");
        assert!(!h.read && !h.starred);
        assert_eq!(h.published, Some(1793422800));
        assert_eq!(h.author, None);
        let h = parse_headline(&json!({"id": "11", "unread": "f", "marked": 1})).unwrap();
        assert!(h.read && h.starred);
        assert_eq!(h.feed, "0");
        assert!(parse_headline(&json!({"title": "x"})).is_none());
    }

    #[test]
    fn a_pass_that_repeats_an_article_is_followed_by_another() {
        let mut l = Lister::default();
        // 5 articles, pages of 2: the second page repeats 2 and misses 3
        assert_eq!(l.next_call(), Some(("", 0)));
        assert_eq!(l.take(&[1, 2], 2), vec![1, 2]);
        assert_eq!(l.next_call(), Some(("", 2)));
        assert_eq!(l.take(&[2, 4], 2), vec![4]);
        assert_eq!(l.take(&[5], 2), vec![5]);
        // 5 rows, 4 distinct: another pass in another order
        assert!(!l.done());
        assert_eq!(l.next_call(), Some(("date_reverse", 0)));
        assert_eq!(l.take(&[5, 4], 2), Vec::<i64>::new());
        assert_eq!(l.take(&[3, 2], 2), vec![3]);
        assert_eq!(l.take(&[1], 2), Vec::<i64>::new());
        assert!(l.done());
        assert_eq!(l.seen.len(), 5);
        assert_eq!(l.next_call(), None);
        // a clean pass ends at once; an empty listing too
        let mut l = Lister::default();
        l.take(&[7, 8], 2);
        l.take(&[], 2);
        assert!(l.done());
        let mut l = Lister::default();
        l.take(&[], 2);
        assert!(l.done() && l.seen.is_empty());
    }

    #[test]
    fn gives_up_after_every_order() {
        let mut l = Lister::default();
        for _ in 0..ORDERS.len() {
            l.take(&[1, 1], 2);
            l.take(&[], 2);
        }
        assert!(l.done());
    }
}

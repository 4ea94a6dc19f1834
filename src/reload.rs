//! Reloading many sources at once: bounded concurrency in all and per host, conditional requests, a
//! timeout per source, parsing off the async threads, one source's failure never stopping the rest.
//!
//! [`run`] fetches and parses; it does not touch the store. Results stream to the caller, which is the
//! single writer of the store ([`apply`]).

use crate::document::{Listing, Parsed, Via};
use crate::fetch::{Client, Conditional, Location};
use crate::parse::KindHint;
use crate::store::{Applied, Batch, Prepared, SourceRow, Store, StoreError};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::{mpsc, Semaphore};

/// One source to reload.
#[derive(Clone, Debug)]
pub struct Job {
    pub source_id: i64,
    pub url: String,
    pub hint: KindHint,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Job {
    pub fn from_row(row: &SourceRow) -> Job {
        let hint = match row.kind.as_str() {
            "feed" => KindHint::Feed,
            "listing" => KindHint::Listing,
            "article" => KindHint::Article,
            _ => KindHint::Auto,
        };
        Job {
            source_id: row.id,
            url: row.url.clone(),
            hint,
            etag: row.etag.clone(),
            last_modified: row.last_modified.clone(),
        }
    }
}

/// What fetching one source gave.
#[derive(Clone, Debug)]
pub enum Fetched {
    /// New content, parsed and made ready for the store (an article as a listing of one item).
    Parsed {
        prepared: Box<Prepared>,
        /// For a web page: whether its advertised feed was read instead.
        via: Option<Via>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
    /// 304 Not Modified.
    NotModified,
}

/// The result for one job.
#[derive(Debug)]
pub struct Done {
    pub job: Job,
    pub result: Result<Fetched, String>,
}

/// Limits of a reload.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub concurrency: usize,
    pub per_host: usize,
}

fn host_key(url: &str) -> String {
    match Location::parse(url) {
        Ok(Location::Url(u)) => format!(
            "{}:{}",
            u.host_str().unwrap_or(""),
            u.port_or_known_default().unwrap_or(0)
        ),
        _ => "file".into(),
    }
}

async fn one(client: &Client, job: &Job) -> Result<Fetched, String> {
    let loc = Location::parse(&job.url).map_err(|e| e.to_string())?;
    let fetched = match &loc {
        Location::Url(u) => client
            .get(
                u,
                &Conditional {
                    etag: job.etag.clone(),
                    last_modified: job.last_modified.clone(),
                },
            )
            .await
            .map_err(|e| e.to_string())?,
        Location::File(_) => client.load(&loc).await.map_err(|e| e.to_string())?,
    };
    if fetched.not_modified {
        return Ok(Fetched::NotModified);
    }
    let base = fetched.url.clone().or_else(|| loc.base_url());
    let etag = fetched.etag.clone();
    let last_modified = fetched.last_modified.clone();
    let url = job.url.clone();
    // the writer's share that needs no database (keys, records) is done on the parser's thread, not
    // on the writer's
    let prepare = move |parsed: Parsed| Prepared::new(as_listing(parsed, &url));
    let prepared = match (&loc, base) {
        // a web page of kind auto that advertises its site's feed: the feed's items when it answers
        (Location::Url(_), Some(page)) if job.hint == KindHint::Auto => {
            let parsed = crate::load::parse_off_thread(fetched, Some(page.clone()), job.hint, true)
                .await
                .map_err(|e| e.to_string())?;
            let parsed = crate::load::prefer_feed(client, &page, parsed, true).await;
            crate::load::off_thread(move || prepare(parsed)).await
        }
        (_, base) => {
            crate::load::parse_off_thread_then(fetched, base, job.hint, true, prepare).await
        }
    }
    .map_err(|e| e.to_string())?
    .map_err(|e| e.to_string())?;
    Ok(Fetched::Parsed {
        via: prepared.listing.via.clone(),
        prepared: Box::new(prepared),
        etag,
        last_modified,
    })
}

/// What the store keeps of a parsed source: a feed's or a listing page's items, or an article as
/// the one item of its page (`url`).
fn as_listing(parsed: Parsed, url: &str) -> Listing {
    match parsed {
        Parsed::Feed(l) | Parsed::Listing(l) => l,
        Parsed::Article(a) => {
            let a = *a;
            Listing {
                title: a.source.clone(),
                feeds: vec![],
                via: None,
                items: vec![crate::document::Item {
                    teaser: crate::document::Teaser {
                        title: a.title.clone(),
                        url: a.url.clone().or_else(|| Some(url.to_string())),
                        published: a.published.clone(),
                        summary: a.lead.clone(),
                        source: a.source.clone(),
                        kind: Some(a.kind),
                        kicker: None,
                    },
                    guid: None,
                    full_text: None,
                    article: Some(a),
                }],
            }
        }
    }
}

/// How many parsed results may wait for the writer: a bounded queue, so a writer slower than the
/// fetches holds them back (their slots stay taken) instead of collecting parsed feeds in memory.
pub const QUEUE: usize = 4;

/// Fetches and parses every job, at most `limits.concurrency` at once and `limits.per_host` per host,
/// sending each result as it completes (waiting while the channel is full: make it
/// `mpsc::channel(QUEUE)`). Returns when all are done (or the receiver is gone).
pub async fn run(client: Client, jobs: Vec<Job>, limits: Limits, tx: mpsc::Sender<Done>) {
    let all = Arc::new(Semaphore::new(limits.concurrency.max(1)));
    let mut hosts: HashMap<String, Arc<Semaphore>> = HashMap::new();
    let mut set = tokio::task::JoinSet::new();
    for job in jobs {
        let host = hosts
            .entry(host_key(&job.url))
            .or_insert_with(|| Arc::new(Semaphore::new(limits.per_host.max(1))))
            .clone();
        let all = all.clone();
        let client = client.clone();
        let tx = tx.clone();
        set.spawn(async move {
            // the host permit first, so one slow host cannot hold global slots while it waits
            let _h = host.acquire_owned().await;
            let _a = all.acquire_owned().await;
            let result = one(&client, &job).await;
            let _ = tx.send(Done { job, result }).await;
        });
    }
    while set.join_next().await.is_some() {}
}

/// What applying one result to the store did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Updated(Applied),
    NotModified,
    Failed(String),
}

/// Writes one result into the store (one transaction for the source's items).
pub fn apply(store: &mut Store, done: &Done, now: i64) -> Result<Outcome, StoreError> {
    store.batch(|b| apply_in(b, done, now))
}

/// Writes several results in one transaction, one commit for all (a reload of hundreds of sources
/// syncs the disk a few times, not hundreds); each source all or nothing. A source whose writes fail
/// undoes the transaction, and the results are then written one transaction each, so that source
/// gets its error and the others are kept. A full disk (or any error SQLite answers by rolling the
/// whole transaction back) and a failed commit fail every result with that error.
pub fn apply_all(store: &mut Store, done: &[Done], now: i64) -> Vec<Result<Outcome, StoreError>> {
    let mut one_by_one = false;
    let result = store.batch(|b| {
        let mut outcomes = Vec::with_capacity(done.len());
        for d in done {
            match apply_in(b, d, now) {
                Ok(o) => outcomes.push(o),
                Err(e) => {
                    one_by_one = !matches!(e, StoreError::Full(_)) && !b.aborted();
                    return Err(e);
                }
            }
        }
        Ok(outcomes)
    });
    match result {
        Ok(outcomes) => outcomes.into_iter().map(Ok).collect(),
        Err(_) if one_by_one && done.len() > 1 => {
            done.iter().map(|d| apply(store, d, now)).collect()
        }
        Err(e) => done.iter().map(|_| Err(e.same())).collect(),
    }
}

/// One result inside a batch.
pub fn apply_in(b: &mut Batch<'_>, done: &Done, now: i64) -> Result<Outcome, StoreError> {
    let id = done.job.source_id;
    match &done.result {
        Ok(Fetched::NotModified) => {
            b.record_not_modified(id, now)?;
            Ok(Outcome::NotModified)
        }
        Ok(Fetched::Parsed {
            prepared,
            etag,
            last_modified,
            ..
        }) => {
            let applied =
                b.apply_prepared(id, prepared, etag.as_deref(), last_modified.as_deref(), now)?;
            Ok(Outcome::Updated(applied))
        }
        Err(e) => {
            b.record_error(id, e, now)?;
            Ok(Outcome::Failed(e.clone()))
        }
    }
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

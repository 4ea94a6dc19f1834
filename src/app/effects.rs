//! The executor: runs effects on tokio tasks and sends their outcomes back as messages.

use super::msg::{Effect, Msg, StoreCmd};
use crate::document::Parsed;
use crate::fetch::{Client, Location};
use crate::load::load;
use crate::parse::KindHint;
use crate::reload::{self, Done, Job, Limits};
use crate::store::{MarkAction, Query, Store};
use tokio::sync::mpsc::UnboundedSender;

/// Work for the store's thread.
pub enum StoreJob {
    Cmd(StoreCmd),
    /// Anything else (the sync engine's calls, see [`crate::sync::engine::Db`]).
    Call(Box<dyn FnOnce(&mut Store) + Send>),
    /// Write one reload result (then report the source as [`Msg::SourceRefreshed`]).
    Apply(Box<Done>),
    /// The reload jobs of the configured sources.
    Jobs(tokio::sync::oneshot::Sender<Vec<Job>>),
    /// Finish what is queued before, then end.
    Stop,
}

/// The store side of the executor: the channel to the thread that owns the [`Store`], and how to
/// reload.
#[derive(Clone)]
pub struct Library {
    pub store: std::sync::mpsc::Sender<StoreJob>,
    /// A client with the per-source timeout of the config.
    pub client: Client,
    pub limits: Limits,
    /// The sync server, when `[sync]` is configured (and its password could be read).
    pub sync: Option<SyncLink>,
}

/// The reader's way to the sync server: one client (one session) shared by the syncs and the pushes
/// of marks, which take turns.
#[derive(Clone)]
pub struct SyncLink {
    pub remote: std::sync::Arc<tokio::sync::Mutex<crate::sync::Remote>>,
    /// [`crate::sync::engine::identity`] of the server.
    pub server: String,
    /// Whether a push of the queued marks is already on its way.
    pub push_due: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl SyncLink {
    pub fn new(remote: crate::sync::Remote, server: String) -> SyncLink {
        SyncLink {
            remote: std::sync::Arc::new(tokio::sync::Mutex::new(remote)),
            server,
            push_due: Default::default(),
        }
    }
}

/// How long after a mark the reader pushes the queued marks (several marks go in one push).
pub const PUSH_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

impl Library {
    /// The store as the sync engine reaches it: closures run on the store's thread.
    pub fn db(&self) -> crate::sync::engine::Db {
        let tx = self.store.clone();
        crate::sync::engine::Db::new(move |job| tx.send(StoreJob::Call(job)).is_ok())
    }
}

/// How long the store thread waits without work before it writes pending search rows.
pub const SEARCH_CATCH_UP_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

/// How many stored full texts the idle store thread recognises between two looks at its jobs.
const RECOGNIZE_AT_ONCE: usize = 16;

/// Starts the one thread that touches the store: it runs store commands in order and answers with
/// messages. `sources` are the store ids of the configured sources (the ones a reload fetches).
pub fn spawn_store(
    mut store: Store,
    sources: Vec<i64>,
    tx: UnboundedSender<Msg>,
) -> (
    std::sync::mpsc::Sender<StoreJob>,
    std::thread::JoinHandle<()>,
) {
    let (jtx, jrx) = std::sync::mpsc::channel::<StoreJob>();
    let handle = std::thread::spawn(move || {
        let report = |tx: &UnboundedSender<Msg>, e: crate::store::StoreError| {
            tracing::warn!(error = %e, "store");
            let _ = tx.send(Msg::Status(e.to_string()));
        };
        // search rows a reload left for later are written when the reader is idle, so the first
        // search after a big reload does not pay for them (once after start and after each reload)
        let mut pending_search = true;
        // then the full texts a reload stored unparsed are recognised (interview or article) a few
        // at a time, between the jobs
        let mut recognizing = false;
        // a reload's commits never wait for the disk: the log is copied into the database on a
        // thread of its own while the reader runs
        let checkpoints = store
            .checkpoint_in_background()
            .map_err(|e| tracing::warn!(error = %e, "background checkpoints"))
            .ok();
        loop {
            let wait = if recognizing {
                std::time::Duration::ZERO
            } else {
                SEARCH_CATCH_UP_AFTER
            };
            let job = match jrx.recv_timeout(wait) {
                Ok(job) => job,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    if pending_search {
                        pending_search = false;
                        recognizing = true;
                        match store.catch_up_search() {
                            Ok(n) if n > 0 => tracing::debug!(rows = n, "search index caught up"),
                            Ok(_) => {}
                            // (a full disk: the first search tries again and says so)
                            Err(e) => tracing::warn!(error = %e, "search catch-up"),
                        }
                    } else if recognizing {
                        recognizing =
                            matches!(store.recognize_unparsed(RECOGNIZE_AT_ONCE), Ok(n) if n > 0);
                    }
                    continue;
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            };
            if matches!(job, StoreJob::Apply(_)) {
                pending_search = true;
            }
            match job {
                StoreJob::Stop => break,
                StoreJob::Call(f) => f(&mut store),
                StoreJob::Cmd(cmd) => {
                    if let Err(e) = store_cmd(&mut store, cmd, &tx) {
                        report(&tx, e);
                    }
                }
                StoreJob::Jobs(reply) => match store.sources() {
                    Ok(rows) => {
                        let jobs = sources
                            .iter()
                            .filter_map(|id| rows.iter().find(|r| r.id == *id))
                            .map(Job::from_row)
                            .collect();
                        let _ = reply.send(jobs);
                    }
                    Err(e) => report(&tx, e),
                },
                StoreJob::Apply(done) => {
                    let id = done.job.source_id;
                    let applied = reload::apply(&mut store, &done, reload::now());
                    let error = match &applied {
                        Ok(reload::Outcome::Failed(e)) => Some(e.clone()),
                        Ok(_) => None,
                        Err(e) => Some(e.to_string()),
                    };
                    let items = if matches!(applied, Ok(reload::Outcome::Updated(_))) {
                        store
                            .items(&Query {
                                source_id: Some(id),
                                ..Query::default()
                            })
                            .unwrap_or_default()
                    } else {
                        Vec::new()
                    };
                    match store.source(id) {
                        Ok(Some(source)) => {
                            let _ = tx.send(Msg::SourceRefreshed {
                                source,
                                items,
                                error,
                            });
                        }
                        Ok(None) => {}
                        Err(e) => report(&tx, e),
                    }
                }
            }
        }
        if let Some(Err(e)) = checkpoints.map(|c| c.finish(&mut store)) {
            tracing::warn!(error = %e, "last checkpoint");
        }
    });
    (jtx, handle)
}

fn store_cmd(
    store: &mut Store,
    cmd: StoreCmd,
    tx: &UnboundedSender<Msg>,
) -> crate::store::Result<()> {
    match cmd {
        // a synced item's mark is queued for the server in the same transaction
        StoreCmd::SetRead { item, read } => {
            let action = if read {
                MarkAction::Read
            } else {
                MarkAction::Unread
            };
            store.mark(&[item], action, reload::now()).map(|_| ())
        }
        StoreCmd::SetStarred { item, starred } => {
            let action = if starred {
                MarkAction::Star
            } else {
                MarkAction::Unstar
            };
            store.mark(&[item], action, reload::now()).map(|_| ())
        }
        StoreCmd::MarkSourceRead { source } => store
            .mark_source_read_queued(source, reload::now())
            .map(|_| ()),
        StoreCmd::LoadArticle {
            entry_id,
            request_id,
            item,
        } => {
            let article = store.article(item)?.map(Box::new);
            let _ = tx.send(Msg::StoredArticle {
                item_id: entry_id,
                request_id,
                article,
            });
            Ok(())
        }
        StoreCmd::SaveArticle { item, article } => {
            store.save_article(item, &article, reload::now())
        }
        StoreCmd::Search { text } => {
            let ids = store
                .items(&Query {
                    text: Some(text.clone()),
                    ..Query::default()
                })?
                .into_iter()
                .map(|r| r.id)
                .collect();
            let _ = tx.send(Msg::SearchHits { text, ids });
            Ok(())
        }
    }
}

/// How the executor loads pictures: the encoder for the terminal, a client whose body cap is a
/// picture's, and a gate that lets one picture at a time be decoded (a decoded picture may take up
/// to [`crate::picture::MAX_ALLOC`]).
#[derive(Clone)]
pub struct PictureLoader {
    pub encoder: crate::picture::Encoder,
    pub client: Client,
    gate: std::sync::Arc<tokio::sync::Semaphore>,
}

impl PictureLoader {
    pub fn new(
        graphics: crate::picture::Graphics,
    ) -> Result<PictureLoader, crate::fetch::FetchError> {
        let client = Client::new(crate::fetch::Options {
            max_body: crate::picture::MAX_BYTES,
            timeout: std::time::Duration::from_secs(20),
            ..crate::fetch::Options::default()
        })?;
        Ok(PictureLoader {
            encoder: crate::picture::Encoder::new(graphics),
            client,
            gate: std::sync::Arc::new(tokio::sync::Semaphore::new(1)),
        })
    }
}

/// Runs effects; cheap to clone.
#[derive(Clone)]
pub struct Executor {
    client: Client,
    tx: UnboundedSender<Msg>,
    library: Option<Library>,
    pictures: Option<PictureLoader>,
}

impl Executor {
    pub fn new(client: Client, tx: UnboundedSender<Msg>) -> Executor {
        Executor {
            client,
            tx,
            library: None,
            pictures: None,
        }
    }

    /// The same executor, loading pictures with `loader`.
    pub fn with_pictures(mut self, loader: PictureLoader) -> Executor {
        self.pictures = Some(loader);
        self
    }

    /// An executor that also reads and writes the store.
    pub fn with_library(client: Client, tx: UnboundedSender<Msg>, library: Library) -> Executor {
        Executor {
            client,
            tx,
            library: Some(library),
            pictures: None,
        }
    }

    /// Starts `effect` (must be called inside a tokio runtime). `Quit` is the loop's business.
    pub fn run(&self, effect: Effect) {
        match effect {
            Effect::LoadSource {
                source_id,
                request_id,
                location,
                hint,
            } => {
                let (client, tx) = (self.client.clone(), self.tx.clone());
                tokio::spawn(async move {
                    let result = load_source(&client, &location, hint).await;
                    if let Err(e) = &result {
                        tracing::warn!(source = %location, error = %e, "source failed");
                    }
                    let _ = tx.send(Msg::SourceLoaded {
                        source_id,
                        request_id,
                        result,
                    });
                });
            }
            Effect::LoadArticle {
                item_id,
                request_id,
                url,
            } => {
                let (client, tx) = (self.client.clone(), self.tx.clone());
                tokio::spawn(async move {
                    let result = match load_source(&client, &url, KindHint::Article).await {
                        Ok(Parsed::Article(a)) => Ok(*a),
                        Ok(_) => Err("not an article page".to_string()),
                        Err(e) => Err(e),
                    };
                    if let Err(e) = &result {
                        tracing::warn!(%url, error = %e, "article failed");
                    }
                    let _ = tx.send(Msg::ArticleLoaded {
                        item_id,
                        request_id,
                        result,
                    });
                });
            }
            Effect::OpenLink { program, args } => {
                let tx = self.tx.clone();
                let mut cmd = tokio::process::Command::new(&program);
                cmd.args(&args)
                    .stdin(std::process::Stdio::null())
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .kill_on_drop(false);
                #[cfg(unix)]
                cmd.process_group(0);
                match cmd.spawn() {
                    Ok(mut child) => {
                        // reap it when it exits; never wait for it in the UI
                        tokio::spawn(async move {
                            let _ = child.wait().await;
                        });
                    }
                    Err(e) => {
                        tracing::warn!(%program, error = %e, "browser failed");
                        let _ = tx.send(Msg::Status(format!(
                            "Cannot start {}: {e}",
                            crate::parse::sanitize::clean_line(&program)
                        )));
                    }
                }
            }
            Effect::WriteFile { dir, stem, text } => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let msg = match write_new_file(&dir, &stem, &text) {
                        Ok(p) => format!(
                            "Saved to {}",
                            crate::parse::sanitize::clean_line(&p.display().to_string())
                        ),
                        Err(e) => format!("Not saved: {}", crate::parse::sanitize::clean_line(&e)),
                    };
                    let _ = tx.send(Msg::Status(msg));
                });
            }
            Effect::Pipe { program, .. } => {
                // the UI loop runs it (it needs the terminal); here only when no loop could
                tracing::warn!(%program, "pipe outside the UI loop");
            }
            Effect::Copy(text) => {
                // on the UI thread, between two frames: the sequence draws nothing
                use std::io::Write;
                let mut out = std::io::stdout();
                if let Err(e) = out
                    .write_all(osc52(&text).as_bytes())
                    .and_then(|_| out.flush())
                {
                    tracing::warn!(error = %e, "clipboard");
                }
            }
            Effect::Store(cmd) => {
                if let Some(lib) = &self.library {
                    let mark = matches!(
                        cmd,
                        StoreCmd::SetRead { .. }
                            | StoreCmd::SetStarred { .. }
                            | StoreCmd::MarkSourceRead { .. }
                    );
                    let _ = lib.store.send(StoreJob::Cmd(cmd));
                    if mark {
                        self.push_soon(lib);
                    }
                }
            }
            Effect::ReloadAll => {
                let Some(lib) = self.library.clone() else {
                    return;
                };
                let tx = self.tx.clone();
                tokio::spawn(async move {
                    let (otx, orx) = tokio::sync::oneshot::channel();
                    if lib.store.send(StoreJob::Jobs(otx)).is_err() {
                        return;
                    }
                    let Ok(jobs) = orx.await else { return };
                    let _ = tx.send(Msg::ReloadStarted {
                        total: jobs.len() + usize::from(lib.sync.is_some()),
                        now: reload::now(),
                    });
                    if let Some(link) = lib.sync.clone() {
                        tokio::spawn(sync(lib.db(), link, tx.clone()));
                    }
                    let (dtx, mut drx) = tokio::sync::mpsc::channel(reload::QUEUE);
                    let runner =
                        tokio::spawn(reload::run(lib.client.clone(), jobs, lib.limits, dtx));
                    while let Some(d) = drx.recv().await {
                        if lib.store.send(StoreJob::Apply(Box::new(d))).is_err() {
                            break;
                        }
                        // the next result only once this one is written: parsed feeds wait in the
                        // reload's bounded queue, not in the store thread's
                        let (atx, arx) = tokio::sync::oneshot::channel();
                        let ack = StoreJob::Call(Box::new(move |_| {
                            let _ = atx.send(());
                        }));
                        if lib.store.send(ack).is_err() || arx.await.is_err() {
                            break;
                        }
                    }
                    let _ = runner.await;
                });
            }
            Effect::LoadPicture { url, width } => {
                let Some(loader) = self.pictures.clone() else {
                    return;
                };
                let (tx, lib) = (self.tx.clone(), self.library.clone());
                tokio::spawn(async move {
                    let (pixels, result) =
                        match load_picture(&loader, lib.as_ref(), &url, width).await {
                            Ok((p, e)) => (Some(p), Ok(e)),
                            Err(e) => (None, Err(e)),
                        };
                    let _ = tx.send(Msg::Picture {
                        url,
                        pixels,
                        result,
                    });
                });
            }
            Effect::EncodePicture { url, pixels, width } => {
                let Some(loader) = self.pictures.clone() else {
                    return;
                };
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let result = loader.encoder.encode(&pixels, width);
                    let _ = tx.send(Msg::Picture {
                        url,
                        pixels: None,
                        result,
                    });
                });
            }
            Effect::Quit => {}
        }
    }
}

/// A picture's bytes (the demo edition's, the store's, a `data:` URI's or fetched), decoded and
/// encoded for `width`; a fetched picture that decodes is kept in the store.
async fn load_picture(
    loader: &PictureLoader,
    lib: Option<&Library>,
    url: &str,
    width: u16,
) -> Result<(crate::picture::Pixels, crate::picture::Encoded), String> {
    use crate::picture::Source;
    let source = crate::picture::parse_source(url)?;
    let mut fetched = false;
    let (bytes, content_type) = match source {
        Source::Data { mime, bytes } => (bytes, Some(mime)),
        Source::Http(u) => {
            if u.as_str().starts_with(crate::demo::IMAGE_BASE) {
                // the demo edition's pictures are in the binary, never fetched
                let b = crate::demo::picture(u.as_str())
                    .ok_or("the demo edition carries no such picture")?;
                (b.to_vec(), None)
            } else if let Some(hit) = cached_picture(lib, url).await {
                (hit.bytes, hit.content_type)
            } else {
                let got = loader
                    .client
                    .get(&u, &crate::fetch::Conditional::default())
                    .await
                    .map_err(|e| e.to_string())?;
                fetched = true;
                (got.bytes, got.content_type)
            }
        }
    };
    let _turn = loader.gate.acquire().await.map_err(|e| e.to_string())?;
    let encoder = loader.encoder.clone();
    let (bytes, pixels, encoded) = tokio::task::spawn_blocking(move || {
        let pixels = crate::picture::decode(&bytes, content_type.as_deref())?;
        let encoded = encoder.encode(&pixels, width)?;
        Ok::<_, String>(((bytes, content_type), pixels, encoded))
    })
    .await
    .map_err(|e| format!("picture: {e}"))??;
    if let (true, Some(lib)) = (fetched, lib) {
        let url = url.to_string();
        let _ = lib
            .store
            .send(StoreJob::Call(Box::new(move |store: &mut Store| {
                let (bytes, ct) = bytes;
                if let Err(e) = store.save_image(
                    &url,
                    &bytes,
                    ct.as_deref(),
                    reload::now(),
                    crate::store::images::MAX_TOTAL,
                ) {
                    tracing::warn!(error = %e, "picture cache");
                }
            })));
    }
    Ok((pixels, encoded))
}

/// The store's copy of the picture at `url`, if there is a store and it has one.
async fn cached_picture(
    lib: Option<&Library>,
    url: &str,
) -> Option<crate::store::images::CachedImage> {
    let lib = lib?;
    let (otx, orx) = tokio::sync::oneshot::channel();
    let url = url.to_string();
    lib.store
        .send(StoreJob::Call(Box::new(move |store: &mut Store| {
            let _ = otx.send(store.image(&url, reload::now()).ok().flatten());
        })))
        .ok()?;
    orx.await.ok().flatten()
}

impl Executor {
    /// Pushes the queued marks in [`PUSH_AFTER`] (once for several marks; after a running sync).
    fn push_soon(&self, lib: &Library) {
        use std::sync::atomic::Ordering;
        let Some(link) = lib.sync.clone() else {
            return;
        };
        if link.push_due.swap(true, Ordering::SeqCst) {
            return;
        }
        let (db, tx) = (lib.db(), self.tx.clone());
        tokio::spawn(async move {
            tokio::time::sleep(PUSH_AFTER).await;
            link.push_due.store(false, Ordering::SeqCst);
            let mut remote = link.remote.lock().await;
            match remote.push(&db, &link.server).await {
                Ok((pushed, rejected)) => {
                    tracing::info!(pushed, rejected, "marks pushed");
                }
                Err(e) => {
                    tracing::warn!(error = %e, "push of marks failed");
                    let queued = db.call(|s| s.pending_mark_count()).await.unwrap_or(0);
                    let _ = tx.send(Msg::Status(format!(
                        "Sync: {e} · {queued} mark{} kept for the next sync",
                        if queued == 1 { "" } else { "s" }
                    )));
                }
            }
        });
    }
}

/// A whole sync in the background: progress lines, then the synced sources as stored now.
async fn sync(db: crate::sync::engine::Db, link: SyncLink, tx: UnboundedSender<Msg>) {
    let mut remote = link.remote.lock().await;
    let ptx = tx.clone();
    let progress = move |p: crate::sync::engine::Progress| {
        let _ = ptx.send(Msg::SyncProgress(p.to_string()));
    };
    let result = remote.sync(&db, &link.server, &progress).await;
    drop(remote);
    if let Err(e) = &result {
        tracing::warn!(error = %e, "sync failed");
    }
    let sources = db
        .call(|s| {
            let mut out = Vec::new();
            for row in s.remote_sources()? {
                let items = s.items(&Query {
                    source_id: Some(row.id),
                    ..Query::default()
                })?;
                out.push((row, items));
            }
            Ok(out)
        })
        .await;
    let (sources, result) = match (sources, result) {
        (Ok(s), r) => (s, r.map_err(|e| e.to_string())),
        (Err(e), Ok(_)) => (Vec::new(), Err(e.to_string())),
        (Err(_), Err(e)) => (Vec::new(), Err(e.to_string())),
    };
    let _ = tx.send(Msg::Synced {
        sources,
        result: result.map(|s| s.news()),
    });
}

/// The OSC 52 sequence that puts `text` on the terminal's clipboard: `ESC ] 52 ; c ; <base64> BEL`.
/// Control characters are dropped from `text` first (the terminal gets only the encoded form anyway).
pub fn osc52(text: &str) -> String {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    format!("\x1b]52;c;{}\x07", base64(clean.as_bytes()))
}

/// Standard base64 (RFC 4648, with padding).
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

async fn load_source(client: &Client, location: &str, hint: KindHint) -> Result<Parsed, String> {
    let loc = Location::parse(location).map_err(|e| e.to_string())?;
    load(client, &loc, hint)
        .await
        .map(|l| l.parsed)
        .map_err(|e| e.to_string())
}

/// Writes `text` to a new file in `dir` (created when missing): `stem.md`, else `stem-2.md`, … up to
/// `stem-999.md`; an existing file is never touched. The path written, or why not.
pub fn write_new_file(
    dir: &std::path::Path,
    stem: &str,
    text: &str,
) -> Result<std::path::PathBuf, String> {
    use std::io::Write;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for n in 1..1000 {
        let path = dir.join(crate::markdown::numbered(stem, n));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                return f
                    .write_all(text.as_bytes())
                    .and_then(|_| f.sync_all())
                    .map(|_| path.clone())
                    .map_err(|e| {
                        let _ = std::fs::remove_file(&path);
                        format!("{}: {e}", path.display())
                    });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
    }
    Err(format!("{}: 999 files named {stem} already", dir.display()))
}

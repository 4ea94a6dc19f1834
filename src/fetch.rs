//! Getting a source's bytes: HTTP(S) with reqwest, or a file from disk.
//!
//! Every failure becomes a [`FetchError`] whose `Display` is one clear line.

use std::time::Duration;
use url::Url;

/// The most bytes read from one source, after decompression.
pub const MAX_BODY: usize = 16 * 1024 * 1024;
/// The most redirects followed.
pub const MAX_REDIRECTS: usize = 5;

/// Where a source lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    Url(Url),
    File(std::path::PathBuf),
}

impl Location {
    /// An `http(s)://` URL, else a file path. Other URL schemes are refused.
    pub fn parse(source: &str) -> Result<Location, FetchError> {
        let s = source.trim();
        if let Ok(u) = Url::parse(s) {
            match u.scheme() {
                "http" | "https" => return Ok(Location::Url(u)),
                "file" => {
                    return u
                        .to_file_path()
                        .map(Location::File)
                        .map_err(|_| FetchError::BadSource(source.to_string()))
                }
                // a Windows drive letter or similar is not a scheme we know: treat as a path
                scheme if scheme.len() > 1 => {
                    return Err(FetchError::Scheme(scheme.to_string()));
                }
                _ => {}
            }
        }
        Ok(Location::File(s.into()))
    }

    /// The URL documents from here are resolved against (`file://` for files).
    pub fn base_url(&self) -> Option<Url> {
        match self {
            Location::Url(u) => Some(u.clone()),
            Location::File(p) => std::fs::canonicalize(p)
                .ok()
                .and_then(|p| Url::from_file_path(p).ok()),
        }
    }
}

/// The bytes of a source and what the server said about them.
#[derive(Clone, Debug, Default)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
    /// The final URL after redirects (for files: none).
    pub url: Option<Url>,
    /// The `Content-Location` the server named, resolved against `url` (http(s) only): where a
    /// feed's relative links point.
    pub content_location: Option<Url>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The server answered 304 to a conditional request: `bytes` is empty.
    pub not_modified: bool,
}

/// Why a source could not be fetched. Each displays as one line.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum FetchError {
    #[error("cannot resolve host {0}")]
    Dns(String),
    #[error("connection refused by {0}")]
    Refused(String),
    #[error("timed out after {0} s")]
    Timeout(u64),
    #[error("HTTP {0}{reason}", reason = .1.as_ref().map(|r| format!(" {r}")).unwrap_or_default())]
    Status(u16, Option<String>),
    #[error("response larger than {} MiB", MAX_BODY / (1024 * 1024))]
    TooLarge,
    #[error("too many redirects (more than {MAX_REDIRECTS})")]
    TooManyRedirects,
    #[error("refusing to follow a redirect to a {0}: URL")]
    RedirectScheme(String),
    #[error("unsupported URL scheme {0}: (only http and https)")]
    Scheme(String),
    #[error("not a URL or file: {0}")]
    BadSource(String),
    #[error("cannot read {path}: {reason}")]
    File { path: String, reason: String },
    #[error("network error: {0}")]
    Network(String),
}

/// Timeouts and limits of a [`Client`].
#[derive(Clone, Debug)]
pub struct Options {
    pub connect_timeout: Duration,
    pub timeout: Duration,
    pub max_body: usize,
    pub user_agent: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_body: MAX_BODY,
            user_agent: format!("blatt/{} (terminal news reader)", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// The HTTP client, cheap to clone.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    opts: Options,
}

/// Validators for a conditional request.
#[derive(Clone, Debug, Default)]
pub struct Conditional {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Client {
    pub fn new(opts: Options) -> Result<Client, FetchError> {
        let policy = reqwest::redirect::Policy::custom(|attempt| {
            if attempt.previous().len() > MAX_REDIRECTS {
                attempt.error(RedirectError::TooMany)
            } else if !matches!(attempt.url().scheme(), "http" | "https") {
                let s = attempt.url().scheme().to_string();
                attempt.error(RedirectError::Scheme(s))
            } else {
                attempt.follow()
            }
        });
        let http = reqwest::Client::builder()
            .connect_timeout(opts.connect_timeout)
            .timeout(opts.timeout)
            .redirect(policy)
            .user_agent(opts.user_agent.clone())
            .gzip(true)
            .brotli(true)
            .deflate(true)
            .build()
            .map_err(|e| FetchError::Network(one_line(&e)))?;
        Ok(Client { http, opts })
    }

    /// GETs `url`, following redirects, with the size cap applied to the decompressed body.
    pub async fn get(&self, url: &Url, cond: &Conditional) -> Result<Fetched, FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::Scheme(url.scheme().to_string()));
        }
        let mut req = self.http.get(url.clone()).header(
            reqwest::header::ACCEPT,
            "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.9, */*;q=0.5",
        );
        if let Some(e) = &cond.etag {
            req = req.header(reqwest::header::IF_NONE_MATCH, e);
        }
        if let Some(l) = &cond.last_modified {
            req = req.header(reqwest::header::IF_MODIFIED_SINCE, l);
        }
        let resp = req.send().await.map_err(|e| self.classify(&e, url))?;
        let status = resp.status();
        let header = |name: reqwest::header::HeaderName| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(crate::parse::sanitize::clean_line)
        };
        let content_type = header(reqwest::header::CONTENT_TYPE);
        let etag = header(reqwest::header::ETAG);
        let last_modified = header(reqwest::header::LAST_MODIFIED);
        let final_url = resp.url().clone();
        let content_location = header(reqwest::header::CONTENT_LOCATION)
            .and_then(|l| final_url.join(l.trim()).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"));
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Ok(Fetched {
                bytes: Vec::new(),
                content_type,
                url: Some(final_url),
                content_location,
                etag: etag.or_else(|| cond.etag.clone()),
                last_modified: last_modified.or_else(|| cond.last_modified.clone()),
                not_modified: true,
            });
        }
        if status.is_redirection() {
            // reqwest hands back a redirect it does not follow itself (a non-http(s) target, a
            // missing or broken Location): say which
            let target = resp
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|l| final_url.join(l.trim()).ok());
            if let Some(t) = &target {
                if !matches!(t.scheme(), "http" | "https") {
                    return Err(FetchError::RedirectScheme(
                        crate::parse::sanitize::clean_line(t.scheme()),
                    ));
                }
            }
            return Err(FetchError::Status(
                status.as_u16(),
                Some(format!(
                    "{} without a usable Location",
                    status.canonical_reason().unwrap_or("redirect")
                )),
            ));
        }
        if !status.is_success() {
            let mut reason = status.canonical_reason().map(str::to_string);
            if status == reqwest::StatusCode::TOO_MANY_REQUESTS {
                if let Some(ra) = header(reqwest::header::RETRY_AFTER) {
                    reason = Some(format!("{} (retry after {ra})", reason.unwrap_or_default()));
                }
            }
            return Err(FetchError::Status(status.as_u16(), reason));
        }
        if resp
            .content_length()
            .is_some_and(|l| l > self.opts.max_body as u64)
        {
            return Err(FetchError::TooLarge);
        }
        // room for the announced length at once (up to 8 MiB: a length is only a claim), not
        // grown by doubling and copying as the chunks arrive
        let announced = resp.content_length().unwrap_or(0) as usize;
        let mut bytes = buffers::take(announced.min(self.opts.max_body).min(8 << 20));
        let mut resp = resp;
        while let Some(chunk) = resp.chunk().await.map_err(|e| self.classify(&e, url))? {
            if bytes.len() + chunk.len() > self.opts.max_body {
                return Err(FetchError::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Fetched {
            bytes,
            content_type,
            url: Some(final_url),
            content_location,
            etag,
            last_modified,
            not_modified: false,
        })
    }

    /// The reqwest client underneath, with this client's timeouts, redirect policy and User-Agent
    /// (the sync's API calls go through it).
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// A request's failure as one line, the way [`Client::get`] reports it.
    pub fn error(&self, e: &reqwest::Error, url: &Url) -> FetchError {
        self.classify(e, url)
    }

    fn classify(&self, e: &reqwest::Error, url: &Url) -> FetchError {
        let host = url.host_str().unwrap_or("?").to_string();
        let chain = error_chain(e);
        if let Some(r) = find_redirect_error(e) {
            return match r {
                RedirectError::TooMany => FetchError::TooManyRedirects,
                RedirectError::Scheme(s) => FetchError::RedirectScheme(s.clone()),
            };
        }
        if e.is_timeout() || chain.contains("timed out") || chain.contains("deadline") {
            return FetchError::Timeout(self.opts.timeout.as_secs());
        }
        if chain.contains("dns error")
            || chain.contains("failed to lookup address")
            || chain.contains("Name or service not known")
        {
            return FetchError::Dns(host);
        }
        if has_io_kind(e, std::io::ErrorKind::ConnectionRefused)
            || chain.contains("Connection refused")
        {
            return FetchError::Refused(format!(
                "{host}:{}",
                url.port_or_known_default().unwrap_or(0)
            ));
        }
        if e.is_decode() || e.is_body() {
            return FetchError::Network(format!("broken response body: {}", last_cause(e)));
        }
        FetchError::Network(last_cause(e))
    }

    /// Reads a source: a URL over HTTP, or a file (with the same size cap).
    pub async fn load(&self, loc: &Location) -> Result<Fetched, FetchError> {
        match loc {
            Location::Url(u) => self.get(u, &Conditional::default()).await,
            Location::File(p) => read_file(p, self.opts.max_body),
        }
    }
}

/// Reads a file with a size cap.
pub fn read_file(p: &std::path::Path, max: usize) -> Result<Fetched, FetchError> {
    use std::io::Read;
    let err = |e: std::io::Error| FetchError::File {
        path: crate::parse::sanitize::clean_line(&p.display().to_string()),
        reason: io_reason(&e),
    };
    let f = std::fs::File::open(p).map_err(err)?;
    let mut bytes = Vec::new();
    f.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(err)?;
    if bytes.len() > max {
        return Err(FetchError::TooLarge);
    }
    Ok(Fetched {
        bytes,
        ..Fetched::default()
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            // "Is a directory (os error 21)" -> "is a directory"
            let s = s.split(" (os error").next().unwrap_or(&s).to_string();
            let mut c = s.chars();
            match c.next() {
                Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
                None => s,
            }
        }
    }
}

#[derive(Debug)]
enum RedirectError {
    TooMany,
    Scheme(String),
}

impl std::fmt::Display for RedirectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RedirectError::TooMany => write!(f, "too many redirects"),
            RedirectError::Scheme(s) => write!(f, "redirect to {s}:"),
        }
    }
}

impl std::error::Error for RedirectError {}

fn find_redirect_error(e: &reqwest::Error) -> Option<&RedirectError> {
    let mut src: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = src {
        if let Some(r) = s.downcast_ref::<RedirectError>() {
            return Some(r);
        }
        src = s.source();
    }
    None
}

fn has_io_kind(e: &reqwest::Error, kind: std::io::ErrorKind) -> bool {
    let mut src: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = src {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            if io.kind() == kind {
                return true;
            }
        }
        src = s.source();
    }
    false
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(x) = src {
        s.push_str(": ");
        s.push_str(&x.to_string());
        src = x.source();
    }
    s
}

fn last_cause(e: &dyn std::error::Error) -> String {
    let mut last = e.to_string();
    let mut src = e.source();
    while let Some(x) = src {
        last = x.to_string();
        src = x.source();
    }
    crate::parse::sanitize::clean_line(&last)
}

fn one_line(e: &dyn std::error::Error) -> String {
    crate::parse::sanitize::clean_line(&error_chain(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations() {
        assert!(matches!(
            Location::parse("https://example.org/feed").unwrap(),
            Location::Url(_)
        ));
        assert!(matches!(
            Location::parse("feeds/local.xml").unwrap(),
            Location::File(_)
        ));
        assert_eq!(
            Location::parse("javascript:alert(1)").unwrap_err(),
            FetchError::Scheme("javascript".into())
        );
        assert_eq!(
            Location::parse("exec:rm -rf /").unwrap_err(),
            FetchError::Scheme("exec".into())
        );
    }
}

/// Buffers for response bodies, kept between fetches. A feed of 100 KB–1 MB lands in a buffer of its
/// size, which the system's allocator maps fresh from the kernel and gives back when the feed is
/// parsed: every page of every body was faulted in anew (a full-text reload of 200 feeds: 5,000 of
/// its 20,000 page faults). A parsed body's buffer comes back here ([`buffers::recycle`]) for the
/// next fetch. A few are kept, each up to [`buffers::LARGEST`]: a reload of hundreds of feeds reuses
/// a handful of buffers and holds at most a few bodies' worth more memory between fetches.
pub mod buffers {
    use std::sync::Mutex;

    /// How many buffers are kept.
    pub const KEPT: usize = 4;
    /// The largest buffer kept (a rare big body is given back to the system).
    pub const LARGEST: usize = 1 << 20;
    /// The smallest buffer worth keeping: smaller ones come from the allocator's own free lists.
    pub const SMALLEST: usize = 64 << 10;

    static POOL: Pool = Pool(Mutex::new(Vec::new()));

    /// An empty buffer for a body of about `len` bytes (see [`Pool::take`]).
    pub fn take(len: usize) -> Vec<u8> {
        POOL.take(len)
    }

    /// Gives a body's buffer back once its contents are no longer needed (a parsed feed's text).
    pub fn recycle(buffer: Vec<u8>) {
        POOL.recycle(buffer)
    }

    pub(super) struct Pool(Mutex<Vec<Vec<u8>>>);

    impl Pool {
        /// A kept buffer when there is one (the smallest that holds `len`, else the largest, grown
        /// to `len`), else a new one of that capacity.
        pub(super) fn take(&self, len: usize) -> Vec<u8> {
            let kept = {
                let mut pool = self.0.lock().unwrap_or_else(|e| e.into_inner());
                let fits = (0..pool.len())
                    .filter(|&i| pool[i].capacity() >= len)
                    .min_by_key(|&i| pool[i].capacity());
                let pick = fits.or_else(|| (0..pool.len()).max_by_key(|&i| pool[i].capacity()));
                pick.map(|i| pool.swap_remove(i))
            };
            match kept {
                Some(mut b) => {
                    b.reserve(len);
                    b
                }
                None => Vec::with_capacity(len),
            }
        }

        /// Keeps `buffer`, emptied, when its size is worth it and fewer than [`KEPT`] are kept.
        pub(super) fn recycle(&self, mut buffer: Vec<u8>) {
            if !(SMALLEST..=LARGEST).contains(&buffer.capacity()) {
                return;
            }
            buffer.clear();
            let mut pool = self.0.lock().unwrap_or_else(|e| e.into_inner());
            if pool.len() < KEPT {
                pool.push(buffer);
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn kept_buffers_serve_the_next_bodies_best_fit_first() {
            let pool = Pool(Mutex::new(Vec::new()));
            let mut made = Vec::new();
            for kib in [100, 300, 200, 150, 400] {
                let mut b = pool.take(kib << 10);
                assert!(b.is_empty() && b.capacity() >= kib << 10);
                b.extend_from_slice(&vec![7u8; kib << 10]);
                made.push(b);
            }
            let addresses: Vec<*const u8> = made.iter().map(|b| b.as_ptr()).collect();
            for b in made {
                pool.recycle(b);
            }
            // four kept (the fifth given back), emptied
            assert_eq!(pool.0.lock().unwrap().len(), KEPT);
            // a body of 160 KiB gets the 200 KiB buffer, not the 300 KiB one; one of 350 KiB the
            // largest kept (300 KiB, grown), as the 400 KiB one was not kept
            let b = pool.take(160 << 10);
            assert!(b.is_empty());
            assert_eq!(b.as_ptr(), addresses[2]);
            let big = pool.take(350 << 10);
            assert!(big.capacity() >= 350 << 10);
            assert_eq!(pool.0.lock().unwrap().len(), KEPT - 2);
            // too small and too big to keep
            pool.recycle(Vec::with_capacity(SMALLEST - 1));
            pool.recycle(Vec::with_capacity(LARGEST + 1));
            assert_eq!(pool.0.lock().unwrap().len(), KEPT - 2);
            // with none kept, a new buffer of the size asked
            let empty = Pool(Mutex::new(Vec::new()));
            assert!(empty.take(500 << 10).capacity() >= 500 << 10);
        }
    }
}

//! A small real HTTP/1.1 server on 127.0.0.1 for the tests: fixed routes with given status,
//! headers and bytes, redirects, gzip bodies, slow bodies, and a route that never answers.
//! It runs on its own threads, stops when dropped, and in any case after [`LIFETIME`].

#![allow(dead_code)]

#[path = "../loopback/mod.rs"]
mod loopback;

use std::collections::HashMap;
use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The longest a server runs, however long a test takes.
pub const LIFETIME: Duration = Duration::from_secs(900);

/// How a route answers.
#[derive(Clone, Debug)]
pub enum Body {
    /// The bytes, with a `Content-Length`.
    Bytes(Vec<u8>),
    /// The bytes without `Content-Length`: the end is the closed connection.
    UntilClose(Vec<u8>),
    /// The bytes in `chunks` pieces with a pause between them.
    Slow {
        bytes: Vec<u8>,
        chunks: usize,
        pause: Duration,
    },
    /// Accept the request and never answer (until the server stops).
    Hang,
}

#[derive(Clone, Debug)]
pub struct Route {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

impl Route {
    /// 200 with the bytes and a content type.
    pub fn ok(content_type: &str, bytes: impl Into<Vec<u8>>) -> Route {
        Route {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: Body::Bytes(bytes.into()),
        }
    }

    /// 200 with a test fixture's bytes.
    pub fn fixture(content_type: &str, path: &str) -> Route {
        Route::ok(content_type, fixture(path))
    }

    /// The same bytes gzip-compressed, with `Content-Encoding: gzip`.
    pub fn gzip(content_type: &str, bytes: &[u8]) -> Route {
        let mut r = Route::ok(content_type, gzip(bytes));
        r.headers.push(("Content-Encoding".into(), "gzip".into()));
        r
    }

    pub fn status(status: u16, body: &str) -> Route {
        Route {
            status,
            headers: vec![("Content-Type".into(), "text/plain".into())],
            body: Body::Bytes(body.as_bytes().to_vec()),
        }
    }

    /// A 302 to `location`.
    pub fn redirect(location: &str) -> Route {
        Route {
            status: 302,
            headers: vec![("Location".into(), location.into())],
            body: Body::Bytes(Vec::new()),
        }
    }

    pub fn with_body(mut self, body: Body) -> Route {
        self.body = body;
        self
    }
}

/// The bytes of a file under `tests/fixtures/`.
pub fn fixture(path: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// `bytes` gzip-compressed.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

/// A running server. Dropping it stops it.
pub struct Server {
    pub addr: SocketAddr,
    inner: loopback::Loopback,
}

impl Server {
    /// Serves `routes` (path with query → answer); other paths get a 404.
    pub fn start(routes: Vec<(&str, Route)>) -> Server {
        let routes: HashMap<String, Route> = routes
            .into_iter()
            .map(|(p, r)| (p.to_string(), r))
            .collect();
        let inner = loopback::Loopback::start(LIFETIME, move |stream, stop, started| {
            let _ = serve(stream, &routes, stop, started);
        });
        Server {
            addr: inner.addr,
            inner,
        }
    }

    /// The absolute URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        self.inner.url(path)
    }
}

fn stopped(stop: &AtomicBool, started: Instant) -> bool {
    stop.load(Ordering::SeqCst) || started.elapsed() >= LIFETIME
}

fn serve(
    mut stream: TcpStream,
    routes: &HashMap<String, Route>,
    stop: &AtomicBool,
    started: Instant,
) -> std::io::Result<()> {
    let Some(path) = loopback::request_path(&mut stream)? else {
        return Ok(());
    };
    let route = routes
        .get(&path)
        .cloned()
        .unwrap_or_else(|| Route::status(404, "not found"));
    if let Body::Hang = route.body {
        while !stopped(stop, started) {
            std::thread::sleep(Duration::from_millis(20));
        }
        return Ok(());
    }
    let mut resp = format!("HTTP/1.1 {} {}\r\n", route.status, reason(route.status));
    for (k, v) in &route.headers {
        resp.push_str(&format!("{k}: {v}\r\n"));
    }
    resp.push_str("Connection: close\r\n");
    match &route.body {
        Body::Bytes(b) => resp.push_str(&format!("Content-Length: {}\r\n", b.len())),
        Body::Slow { bytes, .. } => resp.push_str(&format!("Content-Length: {}\r\n", bytes.len())),
        _ => {}
    }
    resp.push_str("\r\n");
    stream.write_all(resp.as_bytes())?;
    match route.body {
        Body::Bytes(b) | Body::UntilClose(b) => {
            // a client that gives up early (size cap) closes the connection: not an error here
            let _ = stream.write_all(&b);
        }
        Body::Slow {
            bytes,
            chunks,
            pause,
        } => {
            let size = bytes.len().div_ceil(chunks.max(1)).max(1);
            for c in bytes.chunks(size) {
                if stopped(stop, started) {
                    break;
                }
                stream.write_all(c)?;
                stream.flush()?;
                std::thread::sleep(pause);
            }
        }
        Body::Hang => {}
    }
    let _ = stream.flush();
    let _ = stream.shutdown(std::net::Shutdown::Write);
    Ok(())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    }
}

/// A port on 127.0.0.1 where nothing listens (bound, then released).
pub fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    drop(l);
    port
}

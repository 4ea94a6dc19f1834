//! A misbehaving HTTP server on 127.0.0.1 for the fault and terminal-safety tests: raw responses
//! (any status line, any header bytes, broken bodies), a server that never answers, one that trickles,
//! an endless body, a connection reset in the middle of a body.
//!
//! Every loop is bounded: the server stops when dropped and in any case after [`LIFETIME`]; trickles and
//! endless bodies stop after a fixed number of bytes.

#![allow(dead_code)]

#[path = "../loopback/mod.rs"]
mod loopback;

use std::collections::HashMap;
use std::io::Write;
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The longest a server runs, however long a test takes.
pub const LIFETIME: Duration = Duration::from_secs(900);

/// How a path is answered.
#[derive(Clone, Debug)]
pub enum Fault {
    /// These exact bytes (status line, headers, body), then the connection is closed.
    Raw(Vec<u8>),
    /// Accept, read the request, never answer.
    Silent,
    /// A 200 head announcing `len` bytes, then one byte per `pause` (at most `len` bytes).
    Trickle { len: usize, pause: Duration },
    /// A 200 head without a length, then body bytes until the client gives up (at most `max` bytes).
    Endless { content_type: String, max: usize },
    /// A 200 head announcing `announced` bytes, `sent` bytes of body, then a TCP reset.
    Reset { announced: usize, sent: Vec<u8> },
}

impl Fault {
    /// A response with a status line, headers and a body with its `Content-Length`.
    pub fn response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Fault {
        Fault::raw_response(status, headers, body, Some(body.len()))
    }

    /// Like [`Fault::response`] with headers given as raw bytes (they may hold any byte).
    pub fn raw_response(
        status: &str,
        headers: &[(&str, &str)],
        body: &[u8],
        length: Option<usize>,
    ) -> Fault {
        let mut r = format!("HTTP/1.1 {status}\r\n").into_bytes();
        for (k, v) in headers {
            r.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
        }
        if let Some(n) = length {
            r.extend_from_slice(format!("Content-Length: {n}\r\n").as_bytes());
        }
        r.extend_from_slice(b"Connection: close\r\n\r\n");
        r.extend_from_slice(body);
        Fault::Raw(r)
    }

    /// 200 with a content type.
    pub fn ok(content_type: &str, body: impl AsRef<[u8]>) -> Fault {
        Fault::response("200 OK", &[("Content-Type", content_type)], body.as_ref())
    }

    /// A redirect to `location` (sent as given, whatever it holds).
    pub fn redirect(status: &str, location: &str) -> Fault {
        Fault::response(status, &[("Location", location)], b"")
    }
}

/// A running server. Dropping it stops it.
pub struct FaultServer {
    pub addr: SocketAddr,
    inner: loopback::Loopback,
}

impl FaultServer {
    /// Serves `routes` (path with query → answer); other paths get a 404.
    pub fn start(routes: Vec<(&str, Fault)>) -> FaultServer {
        let routes: HashMap<String, Fault> = routes
            .into_iter()
            .map(|(p, r)| (p.to_string(), r))
            .collect();
        let inner = loopback::Loopback::start(LIFETIME, move |stream, stop, started| {
            let _ = serve(stream, &routes, stop, started);
        });
        FaultServer {
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

/// Sleeps `d` in small steps, returning early (false) when the server stops.
fn pause(d: Duration, stop: &AtomicBool, started: Instant) -> bool {
    let end = Instant::now() + d;
    while Instant::now() < end {
        if stopped(stop, started) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    true
}

fn serve(
    mut stream: TcpStream,
    routes: &HashMap<String, Fault>,
    stop: &AtomicBool,
    started: Instant,
) -> std::io::Result<()> {
    let Some(path) = loopback::request_path(&mut stream)? else {
        return Ok(());
    };
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let fault = routes
        .get(&path)
        .cloned()
        .unwrap_or_else(|| Fault::response("404 Not Found", &[], b"not found"));
    match fault {
        Fault::Raw(bytes) => {
            let _ = stream.write_all(&bytes);
        }
        Fault::Silent => while pause(Duration::from_millis(100), stop, started) {},
        Fault::Trickle { len, pause: p } => {
            stream.write_all(
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n"
                )
                .as_bytes(),
            )?;
            for _ in 0..len {
                stream.write_all(b"<")?;
                stream.flush()?;
                if !pause(p, stop, started) {
                    break;
                }
            }
        }
        Fault::Endless { content_type, max } => {
            stream.write_all(
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nConnection: close\r\n\r\n"
                )
                .as_bytes(),
            )?;
            let chunk = b"<p>Und weiter und weiter und weiter.</p>\n".repeat(1600);
            let mut sent = 0;
            while sent < max && !stopped(stop, started) {
                // the client closing the connection at its size cap ends this with an error
                stream.write_all(&chunk)?;
                sent += chunk.len();
            }
        }
        Fault::Reset { announced, sent } => {
            stream.write_all(
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {announced}\r\nConnection: close\r\n\r\n"
                )
                .as_bytes(),
            )?;
            stream.write_all(&sent)?;
            stream.flush()?;
            // let the bytes go out before the reset
            std::thread::sleep(Duration::from_millis(200));
            reset(stream);
            return Ok(());
        }
    }
    let _ = stream.flush();
    let _ = stream.shutdown(std::net::Shutdown::Write);
    Ok(())
}

/// Closes `stream` with a TCP reset (SO_LINGER with a zero timeout).
fn reset(stream: TcpStream) {
    use std::os::fd::AsRawFd;
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: a valid socket descriptor and a pointer to an initialised linger struct of that size
    unsafe {
        libc::setsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            &linger as *const libc::linger as *const libc::c_void,
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        );
    }
    drop(stream);
}

/// `bytes` gzip-compressed.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

/// A valid RSS feed of 3,000 items with long summaries (about 2.5 MB): more than a database held at
/// its current size can take.
pub fn big_feed() -> String {
    let mut big =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Viel</title>");
    for i in 0..3000 {
        big.push_str(&format!(
            "<item><title>Meldung {i} aus Nordheim</title><link>https://blatt.example/v/{i}</link>\
             <description>{}</description></item>",
            "Ein längerer Text über die Verwaltung. ".repeat(20)
        ));
    }
    big.push_str("</channel></rss>");
    big
}

/// A small valid RSS feed with one item.
pub fn good_feed(title: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>{title}</title>\
         <link>https://blatt.example/</link><item><title>Oberau eröffnet das Bürgerbüro</title>\
         <link>https://blatt.example/oberau</link><guid>oberau-1</guid>\
         <description>Ab Montag geöffnet.</description></item></channel></rss>"
    )
}

//! A small HTTP/1.1 server on 127.0.0.1 for reload tests: feeds with ETags (304 when If-None-Match
//! matches), 404, 500, slow answers and a route that never answers. It records every request's path
//! and If-None-Match header. Our own synthetic text.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub path: String,
    pub if_none_match: Option<String>,
}

#[derive(Default)]
pub struct Shared {
    pub seen: Mutex<Vec<Seen>>,
    /// Bumped to change every feed's content (and ETag).
    pub edition: AtomicU64,
    /// Milliseconds every `/slow/` feed waits before answering.
    pub slow_ms: AtomicU64,
    /// When set, `/feed/` answers wait like `/slow/` ones.
    pub all_slow: AtomicBool,
    pub answered: AtomicUsize,
    stop: AtomicBool,
}

pub struct Server {
    pub port: u16,
    pub shared: Arc<Shared>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared::default());
        shared.slow_ms.store(1500, Ordering::SeqCst);
        let sh = shared.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if sh.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let sh = sh.clone();
                std::thread::spawn(move || serve(stream, &sh));
            }
        });
        Server { port, shared }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.shared.seen.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// The RSS of feed `name` in edition `ed`: 5 items, one of them new in each edition.
pub fn feed(name: &str, ed: u64) -> String {
    let mut items = String::new();
    for i in 0..5u64 {
        let n = ed + i;
        items.push_str(&format!(
            "<item><title>{name} Meldung {n}: Der Gemeinderat von Wendelsee tagt</title>\
             <link>http://blatt.invalid/{name}/{n}</link><guid>{name}-{n}</guid>\
             <pubDate>Mon, {:02} Mar 2026 09:00:00 +0000</pubDate>\
             <description>Bürgermeisterin Ilse Brandauer stellt den Haushalt {n} vor.</description></item>",
            1 + n % 28
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>\
         <title>Wendelsee {name}</title><link>http://blatt.invalid/</link><description>Test</description>\
         {items}</channel></rss>"
    )
}

fn serve(stream: TcpStream, sh: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut out = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let mut inm = None;
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                if k.eq_ignore_ascii_case("if-none-match") {
                    inm = Some(v.trim().to_string());
                }
            }
        }
        sh.seen.lock().unwrap().push(Seen {
            path: path.clone(),
            if_none_match: inm.clone(),
        });
        let ed = sh.edition.load(Ordering::SeqCst);
        let wait = |sh: &Shared| {
            std::thread::sleep(Duration::from_millis(sh.slow_ms.load(Ordering::SeqCst)))
        };
        let (status, etag, body): (&str, Option<String>, String) = if path == "/never" {
            // holds the connection, never answers
            std::thread::sleep(Duration::from_secs(120));
            return;
        } else if path == "/404" {
            ("404 Not Found", None, "nothing here".into())
        } else if path == "/500" {
            ("500 Internal Server Error", None, "broken".into())
        } else if let Some(name) = path
            .strip_prefix("/feed/")
            .or_else(|| path.strip_prefix("/slow/"))
        {
            if path.starts_with("/slow/") || sh.all_slow.load(Ordering::SeqCst) {
                wait(sh);
            }
            let name = name.trim_end_matches(".xml").replace('/', "-");
            let etag = format!("\"{name}-e{ed}\"");
            if inm.as_deref() == Some(etag.as_str()) {
                ("304 Not Modified", Some(etag), String::new())
            } else {
                ("200 OK", Some(etag), feed(&name, ed))
            }
        } else {
            ("404 Not Found", None, "unknown route".into())
        };
        let mut head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/rss+xml; charset=utf-8\r\nContent-Length: {}\r\n",
            body.len()
        );
        if let Some(e) = etag {
            head.push_str(&format!("ETag: {e}\r\n"));
        }
        head.push_str("\r\n");
        if out.write_all(head.as_bytes()).is_err() || out.write_all(body.as_bytes()).is_err() {
            return;
        }
        let _ = out.flush();
        sh.answered.fetch_add(1, Ordering::SeqCst);
    }
}

//! A local feed server for measuring reloads: N synthetic feeds of M items on loopback addresses, with
//! ETags (a conditional request answers 304).
//!
//! ```sh
//! cargo run --release --example feedserver -- --feeds 200 --items 50 --urls urls.txt
//! cargo run --release --example feedserver -- --shape full --hosts 8 --feeds 200 --items 50
//! ```
//! `--shape short` (default): RSS items with a title and a 40-word description, all on 127.0.0.1.
//! `--shape full`: feeds like a real subscription list (`blatt::synth::subscription_feed`): most items
//! carry the whole article as HTML (100–2,000 words, links, figures, some interviews), some feeds
//! summaries only, one feed of 2,000 items, one of about 1 MB; spread over `--hosts` addresses
//! 127.0.0.1, 127.0.0.2, … (default 8 for `full`, 1 for `short`; all on one port where it is free).
//! Prints `listening on http://127.0.0.1:PORT … items=TOTAL` and writes one feed URL per line to
//! `--urls` (default stdout). Stops after `--seconds` (default 600) or when killed. The text is synthetic
//! (`blatt::synth`). `GET /stats` answers `200=N 304=M 404=K` (requests served so far), so a
//! measurement can check that a warm reload really was answered with 304s.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Requests answered 200, 304 and 404.
static COUNTS: [AtomicUsize; 3] = [
    AtomicUsize::new(0),
    AtomicUsize::new(0),
    AtomicUsize::new(0),
];

fn serve(mut stream: TcpStream, feeds: &[(String, String)]) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let mut inm = None;
        let mut close = false;
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
                if k.eq_ignore_ascii_case("connection") && v.trim().eq_ignore_ascii_case("close") {
                    close = true;
                }
            }
        }
        let idx = path
            .trim_start_matches("/feed/")
            .trim_end_matches(".xml")
            .parse::<usize>()
            .ok()
            .filter(|&i| i < feeds.len());
        let resp = match idx {
            None if path == "/stats" => {
                let body = format!(
                    "200={} 304={} 404={}\n",
                    COUNTS[0].load(Ordering::Relaxed),
                    COUNTS[1].load(Ordering::Relaxed),
                    COUNTS[2].load(Ordering::Relaxed)
                );
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                )
                .into_bytes()
            }
            Some(i) if inm.as_deref() == Some(feeds[i].1.as_str()) => {
                COUNTS[1].fetch_add(1, Ordering::Relaxed);
                format!(
                    "HTTP/1.1 304 Not Modified\r\nETag: {}\r\nContent-Length: 0\r\n\r\n",
                    feeds[i].1
                )
                .into_bytes()
            }
            Some(i) => {
                COUNTS[0].fetch_add(1, Ordering::Relaxed);
                let body = &feeds[i].0;
                let mut r = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/xml; charset=utf-8\r\nETag: {}\r\nContent-Length: {}\r\n\r\n",
                    feeds[i].1,
                    body.len()
                )
                .into_bytes();
                r.extend_from_slice(body.as_bytes());
                r
            }
            None => {
                COUNTS[2].fetch_add(1, Ordering::Relaxed);
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_vec()
            }
        };
        if stream.write_all(&resp).is_err() || close {
            return;
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: &str| -> String {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
            .unwrap_or_else(|| default.to_string())
    };
    let n: usize = arg("--feeds", "200").parse().expect("--feeds N");
    let m: usize = arg("--items", "50").parse().expect("--items M");
    let seconds: u64 = arg("--seconds", "600").parse().expect("--seconds S");
    let port: u16 = arg("--port", "0").parse().expect("--port P");
    let full = match arg("--shape", "short").as_str() {
        "short" => false,
        "full" => true,
        other => panic!("--shape short|full, not {other}"),
    };
    let hosts: u8 = arg("--hosts", if full { "8" } else { "1" })
        .parse()
        .expect("--hosts K (1–250)");
    let mut total = 0usize;
    let feeds: Arc<Vec<(String, String)>> = Arc::new(
        (0..n)
            .map(|i| {
                let body = if full {
                    let (body, items) = blatt::synth::subscription_feed(i as u64, m);
                    total += items;
                    body
                } else {
                    total += m;
                    blatt::synth::feed(i as u64, m)
                };
                (body, format!("\"f{i}-v1\""))
            })
            .collect(),
    );
    let bytes: usize = feeds.iter().map(|f| f.0.len()).sum();
    let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("address");
    // more loopback addresses (127.0.0.0/8 is all loopback), on the same port where it is free
    let mut listeners = vec![listener];
    for k in 2..=hosts.clamp(1, 250) {
        let l = TcpListener::bind((std::net::Ipv4Addr::new(127, 0, 0, k), addr.port()))
            .or_else(|_| TcpListener::bind((std::net::Ipv4Addr::new(127, 0, 0, k), 0)))
            .expect("bind a loopback address");
        listeners.push(l);
    }
    let addrs: Vec<_> = listeners
        .iter()
        .map(|l| l.local_addr().expect("address"))
        .collect();
    let urls: String = (0..n)
        .map(|i| format!("http://{}/feed/{i}.xml\n", addrs[i % addrs.len()]))
        .collect();
    match args.iter().position(|a| a == "--urls") {
        Some(_) => std::fs::write(arg("--urls", ""), &urls).expect("write --urls file"),
        None => print!("{urls}"),
    }
    eprintln!(
        "listening on http://{addr} and {} more addresses ({n} feeds, {:.1} MB) items={total}",
        addrs.len() - 1,
        bytes as f64 / 1e6
    );
    // a blocking accept (no polling delay on new connections); the deadline ends the process
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(seconds));
        std::process::exit(0)
    });
    let mut accepting = Vec::new();
    for listener in listeners {
        let feeds = feeds.clone();
        accepting.push(std::thread::spawn(move || {
            for s in listener.incoming().flatten() {
                let _ = s.set_nodelay(true);
                let feeds = feeds.clone();
                std::thread::spawn(move || serve(s, &feeds));
            }
        }));
    }
    for a in accepting {
        let _ = a.join();
    }
}

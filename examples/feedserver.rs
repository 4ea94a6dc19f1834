//! A local feed server for measuring reloads: N synthetic RSS feeds of M items on 127.0.0.1, with ETags
//! (a conditional request answers 304).
//!
//! ```sh
//! cargo run --release --example feedserver -- --feeds 200 --items 50 --urls urls.txt
//! ```
//! Prints `listening on http://127.0.0.1:PORT` and writes one feed URL per line to `--urls` (default
//! stdout). Stops after `--seconds` (default 600) or when killed. The text is synthetic
//! (`blatt::synth`).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

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
            Some(i) if inm.as_deref() == Some(feeds[i].1.as_str()) => format!(
                "HTTP/1.1 304 Not Modified\r\nETag: {}\r\nContent-Length: 0\r\n\r\n",
                feeds[i].1
            )
            .into_bytes(),
            Some(i) => {
                let body = &feeds[i].0;
                let mut r = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=utf-8\r\nETag: {}\r\nContent-Length: {}\r\n\r\n",
                    feeds[i].1,
                    body.len()
                )
                .into_bytes();
                r.extend_from_slice(body.as_bytes());
                r
            }
            None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_vec(),
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
    let feeds: Arc<Vec<(String, String)>> = Arc::new(
        (0..n)
            .map(|i| (blatt::synth::feed(i as u64, m), format!("\"f{i}-v1\"")))
            .collect(),
    );
    let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("address");
    let urls: String = (0..n)
        .map(|i| format!("http://{addr}/feed/{i}.xml\n"))
        .collect();
    match args.iter().position(|a| a == "--urls") {
        Some(_) => std::fs::write(arg("--urls", ""), &urls).expect("write --urls file"),
        None => print!("{urls}"),
    }
    eprintln!("listening on http://{addr} ({n} feeds × {m} items)");
    let deadline = Instant::now() + Duration::from_secs(seconds);
    listener.set_nonblocking(true).expect("nonblocking");
    while Instant::now() < deadline {
        match listener.accept() {
            Ok((s, _)) => {
                let _ = s.set_nonblocking(false);
                let feeds = feeds.clone();
                std::thread::spawn(move || serve(s, &feeds));
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(2))
            }
            Err(_) => {}
        }
    }
}

//! The accept loop the test HTTP servers share: bound to 127.0.0.1 only, one thread per connection,
//! stopped when dropped and in any case after its lifetime, joining every connection's thread.

use std::io::Read;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A running accept loop. Dropping it stops it.
pub struct Loopback {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Loopback {
    /// Accepts connections for at most `lifetime` and hands each to `serve` on a thread of its own,
    /// with the stop flag and the start time (a connection's own loops must watch both).
    pub fn start<F>(lifetime: Duration, serve: F) -> Loopback
    where
        F: Fn(TcpStream, &AtomicBool, Instant) + Send + Sync + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("addr");
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = stop.clone();
        let serve = Arc::new(serve);
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let mut workers = Vec::new();
            while !stop2.load(Ordering::SeqCst) && started.elapsed() < lifetime {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let serve = serve.clone();
                        let stop = stop2.clone();
                        workers.push(std::thread::spawn(move || serve(stream, &stop, started)));
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(_) => break,
                }
            }
            stop2.store(true, Ordering::SeqCst);
            for w in workers {
                let _ = w.join();
            }
        });
        Loopback {
            addr,
            stop,
            thread: Some(thread),
        }
    }

    /// The absolute URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

impl Drop for Loopback {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Reads a request's head from `stream` (blocking, at most 10 s between reads, at most 64 KiB) and
/// returns the path of its request line; `None` when the client hung up or sent too much.
pub fn request_path(stream: &mut TcpStream) -> std::io::Result<Option<String>> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf)?;
        if n == 0 || head.len() > 64 * 1024 {
            return Ok(None);
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head);
    Ok(Some(
        head.lines()
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("/")
            .to_string(),
    ))
}

//! Time to the first useful screen: runs a command in a pseudo-terminal of a given size, feeds its output
//! to a terminal emulator (vt100) and reports how long after the spawn every `--wait` text was on the
//! screen at once. Then sends the quit key and waits for the command to end.
//!
//! ```sh
//! cargo run --release --example first_screen -- --cols 120 --rows 40 --wait '/10000' -- blatt
//! cargo run --release --example first_screen -- --wait 'Your feeds' -- newsboat -u urls -c cache -C conf
//! ```
//! Prints one line: `first_screen_ms=12.3 peak_rss_kib=9876 exit_ms=40.1` (milliseconds since the spawn;
//! `peak_rss_kib` is the command's peak resident memory (VmHWM from /proc) `--settle-ms` after the
//! screen appeared, just before the quit key; `exit_ms` is when the command ended after the quit key).
//! With `--print-screen` the screen follows on stderr. Exits 2 (and prints the screen) when the text does
//! not appear within `--timeout` seconds (default 60).
//!
//! The screen is checked after every chunk of output the command writes, so the figure is the moment
//! the text was drawn, not a polling interval. The environment is passed through (set `TERM`, `HOME`,
//! `XDG_*` before calling).

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Args {
    cols: u16,
    rows: u16,
    wait: Vec<String>,
    quit: String,
    timeout: Duration,
    print_screen: bool,
    settle: Duration,
    command: Vec<String>,
}

fn usage() -> ! {
    eprintln!(
        "usage: first_screen [--cols 120] [--rows 40] --wait TEXT [--wait TEXT…] [--quit q] \
         [--timeout 60] [--settle-ms 0] [--print-screen] -- COMMAND [ARGS…]"
    );
    std::process::exit(64)
}

fn parse_args() -> Args {
    let mut a = Args {
        cols: 120,
        rows: 40,
        wait: Vec::new(),
        quit: "q".into(),
        timeout: Duration::from_secs(60),
        print_screen: false,
        settle: Duration::ZERO,
        command: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut val = |name: &str| {
            it.next().unwrap_or_else(|| {
                eprintln!("{name} needs a value");
                usage()
            })
        };
        match arg.as_str() {
            "--cols" => a.cols = val("--cols").parse().unwrap_or_else(|_| usage()),
            "--rows" => a.rows = val("--rows").parse().unwrap_or_else(|_| usage()),
            "--wait" => a.wait.push(val("--wait")),
            "--quit" => a.quit = val("--quit"),
            "--timeout" => {
                a.timeout =
                    Duration::from_secs_f64(val("--timeout").parse().unwrap_or_else(|_| usage()))
            }
            "--settle-ms" => {
                a.settle =
                    Duration::from_millis(val("--settle-ms").parse().unwrap_or_else(|_| usage()))
            }
            "--print-screen" => a.print_screen = true,
            "--" => {
                a.command = it.by_ref().collect();
                break;
            }
            _ => usage(),
        }
    }
    if a.command.is_empty() || a.wait.is_empty() {
        usage()
    }
    a
}

enum Event {
    /// Every wanted text is on the screen (the screen's contents then).
    Seen(Instant, String),
    /// The command's output ended (the screen's contents then).
    Closed(String),
}

fn main() {
    let args = parse_args();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: args.rows,
            cols: args.cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap_or_else(|e| {
            eprintln!("first_screen: no pseudo-terminal: {e}");
            std::process::exit(1)
        });
    let mut cmd = CommandBuilder::new(&args.command[0]);
    cmd.args(&args.command[1..]);
    if let Ok(dir) = std::env::current_dir() {
        cmd.cwd(dir);
    }
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let mut writer = pair.master.take_writer().expect("pty writer");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).unwrap_or_else(|e| {
        eprintln!("first_screen: cannot start {}: {e}", args.command[0]);
        std::process::exit(1)
    });
    drop(pair.slave);

    let (tx, rx) = mpsc::channel();
    let (rows, cols, wait) = (args.rows, args.cols, args.wait.clone());
    let last = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let last_w = last.clone();
    std::thread::spawn(move || {
        let mut parser = vt100::Parser::new(rows, cols, 0);
        let mut buf = vec![0u8; 64 * 1024];
        let mut seen = false;
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    parser.process(&buf[..n]);
                    if !seen {
                        let screen = parser.screen().contents();
                        if let Ok(mut l) = last_w.lock() {
                            l.clone_from(&screen);
                        }
                        if wait.iter().all(|w| screen.contains(w.as_str())) {
                            seen = true;
                            let _ = tx.send(Event::Seen(Instant::now(), screen));
                        }
                    }
                }
            }
        }
        let _ = tx.send(Event::Closed(parser.screen().contents()));
    });

    let ms = |t: Instant| t.duration_since(start).as_secs_f64() * 1000.0;
    let first = match rx.recv_timeout(args.timeout) {
        Ok(Event::Seen(t, screen)) => {
            if args.print_screen {
                eprintln!("{screen}");
            }
            ms(t)
        }
        Ok(Event::Closed(screen)) => {
            eprintln!(
                "first_screen: the command ended before {:?} appeared; screen:\n{screen}",
                args.wait
            );
            let _ = child.wait();
            std::process::exit(2)
        }
        Err(_) => {
            eprintln!(
                "first_screen: {:?} did not appear within {:?}; screen:\n{}",
                args.wait,
                args.timeout,
                last.lock().map(|l| l.clone()).unwrap_or_default()
            );
            let _ = child.kill();
            std::process::exit(2)
        }
    };
    std::thread::sleep(args.settle);
    let rss = child
        .process_id()
        .and_then(peak_rss_kib)
        .map_or("NA".to_string(), |k| k.to_string());
    let _ = writer.write_all(args.quit.as_bytes());
    let _ = writer.flush();
    // the command ends on the quit key; a stubborn one is killed after a while
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut ended = None;
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            ended = Some(Instant::now());
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    match ended {
        Some(t) => println!(
            "first_screen_ms={first:.1} peak_rss_kib={rss} exit_ms={:.1}",
            ms(t)
        ),
        None => {
            let _ = child.kill();
            let _ = child.wait();
            println!("first_screen_ms={first:.1} peak_rss_kib={rss} exit_ms=NA");
        }
    }
}

/// The peak resident set size of a running process (`VmHWM` in /proc/PID/status), in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

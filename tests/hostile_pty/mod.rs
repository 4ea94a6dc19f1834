//! The real binary in a pseudo-terminal, for the end-to-end and the hostile-input tests: its screen
//! through vt100, and every raw byte it wrote kept for inspection. Waits poll with a generous cap; nothing asserts on
//! timing.

#![allow(dead_code)]

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const CAP: Duration = Duration::from_secs(90);

/// What the terminal was asked to do besides drawing: window titles, clipboard writes, bells, OSCs
/// it does not know.
#[derive(Clone, Debug, Default)]
pub struct Requests {
    pub titles: Vec<String>,
    pub icon_names: Vec<String>,
    pub clipboard: Vec<String>,
    pub bells: usize,
    pub unhandled_osc: Vec<String>,
}

impl vt100::Callbacks for Requests {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.icon_names
            .push(String::from_utf8_lossy(name).into_owned());
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles
            .push(String::from_utf8_lossy(title).into_owned());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8], data: &[u8]) {
        self.clipboard.push(format!(
            "{}:{}",
            String::from_utf8_lossy(ty),
            String::from_utf8_lossy(data)
        ));
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8]) {
        self.clipboard
            .push(format!("paste {}", String::from_utf8_lossy(ty)));
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.unhandled_osc.push(
            params
                .iter()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect::<Vec<_>>()
                .join(";"),
        );
    }
}

pub struct Pty {
    parser: Arc<Mutex<vt100::Parser<Requests>>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Option<Box<dyn Write + Send>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    reader: Option<std::thread::JoinHandle<()>>,
    pub home: tempfile::TempDir,
}

impl Pty {
    /// Starts blatt with `args` and extra environment in a fresh home directory.
    pub fn start(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        Pty::start_in(
            tempfile::tempdir().expect("temp dir"),
            args,
            env,
            cols,
            rows,
        )
    }

    /// Like [`Pty::start`], in a home directory the caller prepared (a config, a database).
    pub fn start_in(
        home: tempfile::TempDir,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_blatt"));
        cmd.args(args);
        cmd.cwd(home.path());
        cmd.env("HOME", home.path());
        for (k, d) in [
            ("XDG_STATE_HOME", "state"),
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_CACHE_HOME", "cache"),
            ("XDG_DATA_HOME", "data"),
        ] {
            cmd.env(k, home.path().join(d));
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("COLORTERM", "truecolor");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("BROWSER");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn blatt");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            rows,
            cols,
            0,
            Requests::default(),
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let (p, r) = (parser.clone(), raw.clone());
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                        p.lock().unwrap().process(&buf[..n]);
                    }
                }
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        Pty {
            parser,
            raw,
            writer: Some(writer),
            _master: pair.master,
            child,
            reader: Some(reader),
            home,
        }
    }

    pub fn send(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("the pty is open");
        w.write_all(keys.as_bytes()).expect("write keys");
        w.flush().expect("flush");
    }

    pub fn screen(&self) -> vt100::Screen {
        self.parser.lock().unwrap().screen().clone()
    }

    /// What the terminal was asked to do besides drawing.
    pub fn requests(&self) -> Requests {
        self.parser.lock().unwrap().callbacks().clone()
    }

    /// Everything the child wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Polls until `pred` holds for the screen (panics with the screen after the cap).
    pub fn wait(&self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) -> vt100::Screen {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > CAP {
                panic!("timed out waiting for {what}; screen:\n{}", s.contents());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Polls until `pred` holds (panics after the cap).
    pub fn wait_for(&self, what: &str, pred: impl Fn() -> bool) {
        let start = Instant::now();
        while !pred() {
            if start.elapsed() > CAP {
                panic!(
                    "timed out waiting for {what}; screen:\n{}",
                    self.screen().contents()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the child to exit by itself (panics after the cap), then for the last of its output
    /// to be read; returns whether it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        let status = loop {
            if let Some(st) = self.child.try_wait().expect("child status") {
                break st;
            }
            if start.elapsed() > CAP {
                let _ = self.child.kill();
                panic!("blatt did not exit; screen:\n{}", self.screen().contents());
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        if let Some(r) = self.reader.take() {
            // the reader ends when the pty closes; don't hang if it does not
            let start = Instant::now();
            while !r.is_finished() && start.elapsed() < Duration::from_secs(5) {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        status.success()
    }

    /// Sends `q` and waits for the exit; returns whether it succeeded, and all raw output.
    pub fn quit(mut self) -> (bool, Vec<u8>) {
        self.send("q");
        let ok = self.wait_exit();
        self.writer = None;
        let raw = self.raw.lock().unwrap().clone();
        (ok, raw)
    }

    pub fn home_path(&self) -> &Path {
        self.home.path()
    }

    /// Resizes the pseudo-terminal (the child gets SIGWINCH) and the screen that reads it back.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
    }

    /// Whether the terminal is in its normal ("cooked") mode: line editing and echo on, as a shell
    /// needs it. Raw mode turns both off.
    pub fn cooked(&self) -> bool {
        use nix::sys::termios::LocalFlags;
        let t = self._master.get_termios().expect("the pty's termios");
        t.local_flags.contains(LocalFlags::ICANON) && t.local_flags.contains(LocalFlags::ECHO)
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

pub fn status_line(s: &vt100::Screen) -> String {
    let (rows, cols) = s.size();
    s.contents_between(rows - 1, 0, rows - 1, cols)
}

/// Control sequences in `raw` a TUI must never send for content: OSC, DCS, APC, PM, SOS (7- and
/// 8-bit), C1 controls, BEL, bidi overrides. Returns descriptions of what was found.
pub fn forbidden_sequences(raw: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    for (i, w) in raw.windows(2).enumerate() {
        if w[0] == 0x1b && matches!(w[1], b']' | b'P' | b'_' | b'^' | b'X') {
            found.push(format!(
                "ESC {} at byte {i}: {:?}",
                w[1] as char,
                String::from_utf8_lossy(&raw[i..(i + 40).min(raw.len())])
            ));
        }
    }
    if raw.contains(&0x07) {
        found.push("BEL".into());
    }
    if let Err(e) = std::str::from_utf8(raw) {
        // a lone 0x9b byte is an 8-bit CSI to a terminal that is not in UTF-8 mode
        found.push(format!("invalid UTF-8: {e}"));
    }
    let text = String::from_utf8_lossy(raw);
    for c in text.chars() {
        if ('\u{80}'..='\u{9f}').contains(&c)
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
        {
            found.push(format!("U+{:04X}", c as u32));
        }
    }
    found
}

/// A file in a fresh directory under the home.
pub fn write_file(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).expect("write");
    p
}

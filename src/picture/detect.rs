//! What the terminal can show, found once at start: from the config's `[images] mode`, the
//! environment and, in `auto`, the terminal's own answers to a few queries.
//!
//! The decision ([`plan`]) and the reading of the answers ([`Answers::parse`]) are pure. The query
//! ([`query`]) first asks only for the primary device attributes (`CSI c`, which every VT100-style
//! terminal answers) and the cell size in pixels (`CSI 16 t`), and waits at most [`TIMEOUT`] for
//! them: a terminal that does not answer gets no graphics and no further sequence. Only a terminal
//! that answered is asked whether it speaks the kitty graphics protocol (an APC query, followed by
//! `CSI c` again so that the answer's end is known). `BLATT_GRAPHICS=kitty|sixel|iterm2|halfblocks|off`
//! decides instead (for tests, screenshots and terminals that answer wrongly), unless the config says
//! `off`.

use crate::config::ImagesMode;
use crossterm::event::KeyEvent;
use std::time::Duration;

/// How long the terminal may take to answer a query.
pub const TIMEOUT: Duration = Duration::from_millis(400);

/// A terminal graphics protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    Kitty,
    Iterm2,
    Sixel,
    /// Coloured `▀` cells: any terminal with colours.
    Halfblocks,
}

impl Protocol {
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Kitty => "kitty",
            Protocol::Iterm2 => "iterm2",
            Protocol::Sixel => "sixel",
            Protocol::Halfblocks => "halfblocks",
        }
    }
}

/// What the reader draws pictures with: the protocol and a cell's size in pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Graphics {
    pub protocol: Protocol,
    /// (width, height) of one cell in pixels.
    pub cell: (u16, u16),
}

/// A cell's size when the terminal does not tell.
pub const DEFAULT_CELL: (u16, u16) = (10, 20);

/// What to do at start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    /// No pictures: the alt line.
    Off,
    /// This protocol, without asking.
    Fixed(Protocol),
    /// Ask the terminal.
    Query,
}

/// The decision before any query, from the mode, the environment (`env(name)`) and whether stdin and
/// stdout are a terminal.
pub fn plan(mode: ImagesMode, env: &dyn Fn(&str) -> Option<String>, tty: bool) -> Plan {
    if !tty {
        return Plan::Off;
    }
    let term = env("TERM").unwrap_or_default();
    if term.is_empty() || term == "dumb" {
        return Plan::Off;
    }
    if mode == ImagesMode::Off {
        return Plan::Off;
    }
    if let Some(forced) = env("BLATT_GRAPHICS") {
        return match forced.trim().to_ascii_lowercase().as_str() {
            "kitty" => Plan::Fixed(Protocol::Kitty),
            "sixel" => Plan::Fixed(Protocol::Sixel),
            "iterm2" => Plan::Fixed(Protocol::Iterm2),
            "halfblocks" => Plan::Fixed(Protocol::Halfblocks),
            _ => Plan::Off,
        };
    }
    match mode {
        ImagesMode::Off => Plan::Off, // (decided above)
        ImagesMode::Halfblocks => Plan::Fixed(Protocol::Halfblocks),
        ImagesMode::Auto => {
            // inside tmux or screen the sequences would need passthrough: the alt line there
            let multiplexed = env("TMUX").is_some_and(|v| !v.is_empty())
                || term.starts_with("tmux")
                || term.starts_with("screen");
            if multiplexed {
                Plan::Off
            } else {
                Plan::Query
            }
        }
    }
}

/// The terminal's answers, read from the bytes it sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    /// The parameters of each primary device attributes answer (`CSI ? 62 ; 4 ; … c`), in order.
    pub attributes: Vec<Vec<u16>>,
    /// The terminal answered the kitty graphics query with `OK`.
    pub kitty: bool,
    /// The cell size in pixels (`CSI 6 ; height ; width t`).
    pub cell: Option<(u16, u16)>,
    /// Every byte that is no answer: what the user typed meanwhile.
    pub typed: Vec<u8>,
}

impl Answers {
    /// Reads every answer in `bytes`; the other bytes (keys typed meanwhile) are kept in `typed`.
    pub fn parse(bytes: &[u8]) -> Answers {
        let mut a = Answers::default();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != 0x1b || i + 1 >= bytes.len() {
                a.typed.push(bytes[i]);
                i += 1;
                continue;
            }
            match bytes[i + 1] {
                b'[' => {
                    // CSI: parameters up to a final byte
                    let mut j = i + 2;
                    while j < bytes.len() && (0x20..0x40).contains(&bytes[j]) {
                        j += 1;
                    }
                    if j >= bytes.len() {
                        // an answer cut off (keys arrive whole): neither an answer nor a key
                        break;
                    }
                    let params = &bytes[i + 2..j];
                    let nums = |p: &[u8]| -> Vec<u16> {
                        String::from_utf8_lossy(p)
                            .split(';')
                            .map(|n| n.trim().parse::<u16>().unwrap_or(0))
                            .collect()
                    };
                    match bytes[j] {
                        b'c' if params.first() == Some(&b'?') => {
                            a.attributes.push(nums(&params[1..]))
                        }
                        b't' if params.starts_with(b"6;") => {
                            if let [6, h, w] = nums(params)[..] {
                                if w > 0 && h > 0 {
                                    a.cell = Some((w, h));
                                }
                            }
                        }
                        // a key (an arrow, Page Up, …)
                        _ => a.typed.extend_from_slice(&bytes[i..=j]),
                    }
                    i = j + 1;
                }
                b'_' => {
                    // APC up to ST (ESC \)
                    let end = bytes[i + 2..]
                        .windows(2)
                        .position(|w| w == b"\x1b\\")
                        .map(|p| i + 2 + p);
                    let Some(end) = end else { break };
                    let body = &bytes[i + 2..end];
                    if body.starts_with(b"G") && body.windows(3).any(|w| w == b";OK") {
                        a.kitty = true;
                    }
                    i = end + 2;
                }
                _ => {
                    // Esc, or Alt with a key: the next byte is read as a key of its own
                    a.typed.push(0x1b);
                    i += 1;
                }
            }
        }
        a
    }

    /// Whether the first device attributes answer lists sixel graphics (attribute 4).
    pub fn sixel(&self) -> bool {
        self.attributes
            .first()
            .is_some_and(|p| p.iter().skip(1).any(|&n| n == 4))
    }
}

/// The protocol to use given the answers and the environment: kitty where the terminal said so
/// (not in WezTerm or Konsole, whose kitty support lacks what the placement needs), the iTerm2
/// protocol where the terminal names itself (iTerm2, WezTerm, mintty), sixel where the attributes
/// list it; else none.
pub fn choose(a: &Answers, env: &dyn Fn(&str) -> Option<String>) -> Option<Protocol> {
    let program = env("TERM_PROGRAM").unwrap_or_default();
    let wezterm = program.contains("WezTerm") || env("WEZTERM_EXECUTABLE").is_some();
    let konsole = env("KONSOLE_VERSION").is_some_and(|v| !v.is_empty());
    if a.kitty && !wezterm && !konsole {
        return Some(Protocol::Kitty);
    }
    let iterm = program.contains("iTerm")
        || wezterm
        || program.contains("mintty")
        || env("LC_TERMINAL").is_some_and(|t| t.contains("iTerm"));
    if iterm {
        return Some(Protocol::Iterm2);
    }
    if a.sixel() {
        return Some(Protocol::Sixel);
    }
    None
}

/// Decides what the reader draws pictures with; queries the terminal in `auto`. Call with the
/// terminal in raw mode, before the event reader starts. Also returns the keys the user typed while
/// the terminal was asked (read from the same input as its answers), for the reader to handle.
pub fn detect(mode: ImagesMode) -> (Option<Graphics>, Vec<KeyEvent>) {
    use std::io::IsTerminal;
    let env = |k: &str| std::env::var(k).ok();
    let tty = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    match plan(mode, &env, tty) {
        Plan::Off => (None, Vec::new()),
        Plan::Fixed(protocol) => (
            Some(Graphics {
                protocol,
                cell: winsize_cell().unwrap_or(DEFAULT_CELL),
            }),
            Vec::new(),
        ),
        Plan::Query => {
            let Some(first) = query(b"\x1b[16t\x1b[c", TIMEOUT) else {
                return (None, Vec::new());
            };
            let mut answers = Answers::parse(&first);
            if answers.attributes.is_empty() {
                return (None, keys(&answers.typed));
            }
            let kitty_q = b"\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\\x1b[c";
            if let Some(second) = query(kitty_q, TIMEOUT) {
                let more = Answers::parse(&second);
                answers.kitty = more.kitty;
                answers.typed.extend_from_slice(&more.typed);
            }
            let typed = keys(&answers.typed);
            let Some(protocol) = choose(&answers, &env) else {
                return (None, typed);
            };
            let cell = answers.cell.or_else(winsize_cell);
            tracing::info!(protocol = protocol.name(), ?cell, "pictures");
            (cell.map(|cell| Graphics { protocol, cell }), typed)
        }
    }
}

/// Keys as a terminal in raw mode sends them, as crossterm would report them: characters (capitals
/// with Shift), Enter, Tab, Backspace, Esc, control letters, arrows, Home/End, Page Up/Down, Delete.
/// Sequences it does not know are dropped.
pub fn keys(bytes: &[u8]) -> Vec<KeyEvent> {
    use crossterm::event::{KeyCode, KeyModifiers};
    let text = String::from_utf8_lossy(bytes);
    let mut chars = text.chars().peekable();
    let mut out = Vec::new();
    while let Some(c) = chars.next() {
        let (code, mods) = match c {
            '\x1b' if matches!(chars.peek(), Some('[' | 'O')) => {
                chars.next();
                let mut param = String::new();
                // parameter and intermediate bytes, then the final one
                while let Some(&d) = chars.peek().filter(|d| ('\x20'..'\x40').contains(*d)) {
                    param.push(d);
                    chars.next();
                }
                let code = match (chars.next(), param.as_str()) {
                    (Some('A'), _) => KeyCode::Up,
                    (Some('B'), _) => KeyCode::Down,
                    (Some('C'), _) => KeyCode::Right,
                    (Some('D'), _) => KeyCode::Left,
                    (Some('H'), _) | (Some('~'), "1" | "7") => KeyCode::Home,
                    (Some('F'), _) | (Some('~'), "4" | "8") => KeyCode::End,
                    (Some('~'), "3") => KeyCode::Delete,
                    (Some('~'), "5") => KeyCode::PageUp,
                    (Some('~'), "6") => KeyCode::PageDown,
                    _ => continue,
                };
                (code, KeyModifiers::NONE)
            }
            '\x1b' => (KeyCode::Esc, KeyModifiers::NONE),
            '\r' | '\n' => (KeyCode::Enter, KeyModifiers::NONE),
            '\t' => (KeyCode::Tab, KeyModifiers::NONE),
            '\x7f' | '\x08' => (KeyCode::Backspace, KeyModifiers::NONE),
            '\x01'..='\x1a' => (
                KeyCode::Char((b'a' + (c as u8 - 1)) as char),
                KeyModifiers::CONTROL,
            ),
            c if c.is_control() => continue,
            c if c.is_uppercase() => (KeyCode::Char(c), KeyModifiers::SHIFT),
            c => (KeyCode::Char(c), KeyModifiers::NONE),
        };
        out.push(KeyEvent::new(code, mods));
    }
    out
}

/// A cell's size from the kernel's window size (when the terminal fills in the pixels).
fn winsize_cell() -> Option<(u16, u16)> {
    // SAFETY: TIOCGWINSZ fills a plain struct.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) };
    if r != 0 || ws.ws_col == 0 || ws.ws_row == 0 || ws.ws_xpixel == 0 || ws.ws_ypixel == 0 {
        return None;
    }
    Some((ws.ws_xpixel / ws.ws_col, ws.ws_ypixel / ws.ws_row))
}

/// Writes `ask` to stdout and reads stdin until a primary device attributes answer ends or `wait`
/// passes; `None` when nothing came. Needs raw mode (no echo, no line buffering).
fn query(ask: &[u8], wait: Duration) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut out = std::io::stdout();
    out.write_all(ask).ok()?;
    out.flush().ok()?;
    let start = std::time::Instant::now();
    let mut got = Vec::new();
    loop {
        let left = wait.checked_sub(start.elapsed())?;
        let mut pfd = libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        let n = unsafe { libc::poll(&mut pfd, 1, left.as_millis().max(1) as libc::c_int) };
        if n <= 0 {
            return if got.is_empty() { None } else { Some(got) };
        }
        let mut buf = [0u8; 256];
        // SAFETY: reads into a local buffer of its length.
        let r = unsafe { libc::read(libc::STDIN_FILENO, buf.as_mut_ptr().cast(), buf.len()) };
        if r <= 0 {
            return if got.is_empty() { None } else { Some(got) };
        }
        got.extend_from_slice(&buf[..r as usize]);
        if got.len() > 4096 || ends_with_attributes(&got) {
            return Some(got);
        }
        if start.elapsed() >= wait {
            return Some(got);
        }
    }
}

/// Whether `bytes` hold a complete `CSI ? … c`.
fn ends_with_attributes(bytes: &[u8]) -> bool {
    !Answers::parse(bytes).attributes.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn no_graphics_without_a_terminal_or_under_dumb() {
        let xterm = env_of(&[("TERM", "xterm-256color")]);
        assert_eq!(plan(ImagesMode::Auto, &xterm, true), Plan::Query);
        assert_eq!(plan(ImagesMode::Auto, &xterm, false), Plan::Off);
        assert_eq!(plan(ImagesMode::Halfblocks, &xterm, false), Plan::Off);
        assert_eq!(
            plan(ImagesMode::Auto, &env_of(&[("TERM", "dumb")]), true),
            Plan::Off
        );
        assert_eq!(plan(ImagesMode::Halfblocks, &env_of(&[]), true), Plan::Off);
        assert_eq!(plan(ImagesMode::Off, &xterm, true), Plan::Off);
        assert_eq!(
            plan(ImagesMode::Halfblocks, &xterm, true),
            Plan::Fixed(Protocol::Halfblocks)
        );
        assert_eq!(
            plan(
                ImagesMode::Auto,
                &env_of(&[("TERM", "screen-256color")]),
                true
            ),
            Plan::Off
        );
        // a forced protocol decides instead of the query, but `mode = "off"` wins over it
        let forced = env_of(&[("TERM", "xterm"), ("BLATT_GRAPHICS", "sixel")]);
        assert_eq!(
            plan(ImagesMode::Auto, &forced, true),
            Plan::Fixed(Protocol::Sixel)
        );
        assert_eq!(plan(ImagesMode::Off, &forced, true), Plan::Off);
        assert_eq!(plan(ImagesMode::Auto, &forced, false), Plan::Off);
        let off = env_of(&[("TERM", "xterm-kitty"), ("BLATT_GRAPHICS", "off")]);
        assert_eq!(plan(ImagesMode::Auto, &off, true), Plan::Off);
    }

    #[test]
    fn keys_typed_during_the_query_are_kept() {
        use crossterm::event::{KeyCode, KeyModifiers};
        let read = b"j\x1b[6;20;10t\x1b[B\x1b[?63;1;2;4c\x1b_Gi=31;OK\x1b\\Q\r\x1b[5~\x04";
        assert_eq!(
            Answers::parse(read).typed,
            b"j\x1b[BQ\r\x1b[5~\x04".to_vec()
        );
        let k: Vec<(KeyCode, KeyModifiers)> = keys(&Answers::parse(read).typed)
            .into_iter()
            .map(|k| (k.code, k.modifiers))
            .collect();
        assert_eq!(
            k,
            vec![
                (KeyCode::Char('j'), KeyModifiers::NONE),
                (KeyCode::Down, KeyModifiers::NONE),
                (KeyCode::Char('Q'), KeyModifiers::SHIFT),
                (KeyCode::Enter, KeyModifiers::NONE),
                (KeyCode::PageUp, KeyModifiers::NONE),
                (KeyCode::Char('d'), KeyModifiers::CONTROL),
            ]
        );
        assert!(Answers::parse(b"\x1b[?62;c\x1b[6;17;8t").typed.is_empty());
        assert_eq!(keys("ö\x1b".as_bytes()).len(), 2);
        // an unknown sequence is dropped whole, its parameters are no keys
        assert_eq!(keys(b"\x1b[?1;2$yj").len(), 1);
    }

    #[test]
    fn answers_are_read_between_other_bytes() {
        // xterm -ti vt340: sixel in the attributes; a cell size; a key typed meanwhile
        let a = Answers::parse(b"j\x1b[6;20;10t\x1b[?63;1;2;4;6;9;15;22c");
        assert_eq!(a.cell, Some((10, 20)));
        assert!(a.sixel());
        assert!(!a.kitty);
        let env = env_of(&[("TERM", "xterm")]);
        assert_eq!(choose(&a, &env), Some(Protocol::Sixel));
        // kitty
        let k = Answers::parse(b"\x1b_Gi=31;OK\x1b\\\x1b[?62;c");
        assert!(k.kitty && !k.sixel());
        assert_eq!(choose(&k, &env), Some(Protocol::Kitty));
        // a terminal without graphics
        let plain = Answers::parse(b"\x1b[?1;2c");
        assert_eq!(choose(&plain, &env), None);
        // the kitty answer with an error is no
        assert!(!Answers::parse(b"\x1b_Gi=31;ENOTSUPPORTED\x1b\\").kitty);
        // WezTerm: the iTerm2 protocol
        let wez = env_of(&[("TERM_PROGRAM", "WezTerm")]);
        assert_eq!(choose(&k, &wez), Some(Protocol::Iterm2));
        // cut off answers are not misread
        assert_eq!(Answers::parse(b"\x1b[?63;4"), Answers::default());
        assert_eq!(Answers::parse(b"\x1b_Gi=31;OK"), Answers::default());
    }
}

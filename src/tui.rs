//! The terminal UI: terminal setup and restore, the event loop, the effect executor.
//!
//! The terminal is put into raw mode on the alternate screen with mouse capture, and restored on quit,
//! on error (a guard's `Drop`) and on panic (a hook that restores first, then prints the message).
//! Logs go to `$XDG_STATE_HOME/blatt/blatt.log` (else `~/.local/state/blatt/blatt.log`), never to the
//! screen.

use crate::app::effects::Executor;
use crate::app::{update, Effect, Msg, State};
use crate::parse::KindHint;
use crate::ui::{self, Theme};
use crossterm::event::{Event, EventStream, KeyEventKind, MouseEventKind};
use crossterm::{cursor, event, execute, terminal};
use futures_util::StreamExt;
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{stdout, Write};
use std::path::PathBuf;
use std::time::Duration;

/// Runs the reader over `sources` (the demo edition when empty) until the user quits.
pub fn run(sources: Vec<String>, kind: KindHint) -> anyhow::Result<()> {
    init_logging();
    let (w, h) = terminal::size().unwrap_or((80, 24));
    let mut state = if sources.is_empty() {
        let (items, errors) = match crate::demo::edition() {
            Ok(items) => (items, Vec::new()),
            Err(e) => (Vec::new(), vec![e]),
        };
        State::demo(items, errors, w, h)
    } else {
        State::new(&sources, kind, w, h)
    };
    state.browser = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty());
    let theme = Theme::from_env();

    // the UI loop runs on this thread (block_on); fetching and parsing run on the workers, so a big
    // page never freezes the screen
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let client = crate::fetch::Client::new(crate::fetch::Options::default())?;

    let _guard = TerminalGuard::enter()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    let result = rt.block_on(event_loop(&mut terminal, &mut state, &theme, client));
    drop(terminal);
    result
}

async fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<std::io::Stdout>>,
    state: &mut State,
    theme: &Theme,
    client: crate::fetch::Client,
) -> anyhow::Result<()> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Msg>();
    let exec = Executor::new(client, tx);
    for fx in state.start() {
        exec.run(fx);
    }
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    // a polite kill (SIGTERM, or SIGHUP when the terminal goes away) ends the loop like `q`, so the
    // guard restores the terminal
    let terminated = terminated()?;
    tokio::pin!(terminated);
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|f| ui::view(state, theme, f))?;
            dirty = false;
        }
        let busy = state.busy();
        let msg = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(ev)) => match to_msg(ev) {
                    Some(m) => m,
                    None => continue,
                },
                Some(Err(e)) => return Err(e.into()),
                None => return Ok(()),
            },
            Some(m) = rx.recv() => m,
            _ = tick.tick(), if busy => Msg::Tick,
            _ = &mut terminated => return Ok(()),
        };
        if matches!(msg, Msg::Resize(..)) {
            terminal.autoresize()?;
        }
        let effects = update(state, msg);
        dirty = true;
        for fx in effects {
            if fx == Effect::Quit {
                return Ok(());
            }
            exec.run(fx);
        }
        if state.quit {
            return Ok(());
        }
    }
}

/// Resolves on SIGTERM or SIGHUP (never elsewhere).
#[cfg(unix)]
fn terminated() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate())?;
    let mut hup = signal(SignalKind::hangup())?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => {},
            _ = hup.recv() => {},
        }
    })
}

#[cfg(not(unix))]
fn terminated() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(std::future::pending())
}

/// Terminal events worth a message; mouse moves and key releases are not (no redraw for them).
fn to_msg(ev: Event) -> Option<Msg> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => Some(Msg::Key(k)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Moved | MouseEventKind::Drag(_) | MouseEventKind::Up(_) => None,
            _ => Some(Msg::Mouse(m)),
        },
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        _ => None,
    }
}

/// Restores the terminal on drop; installs the panic hook while alive.
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> anyhow::Result<TerminalGuard> {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            prev(info);
        }));
        terminal::enable_raw_mode()?;
        let guard = TerminalGuard;
        execute!(
            stdout(),
            terminal::EnterAlternateScreen,
            event::EnableMouseCapture,
            cursor::Hide,
            terminal::Clear(terminal::ClearType::All)
        )?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves raw mode and the alternate screen, shows the cursor. Safe to call more than once.
pub fn restore() {
    let mut out = stdout();
    let _ = execute!(
        out,
        event::DisableMouseCapture,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Where the log file lives.
pub fn log_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local/state"))
        })?;
    Some(base.join("blatt").join("blatt.log"))
}

fn init_logging() {
    let Some(path) = log_path() else { return };
    if let Some(dir) = path.parent() {
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
    }
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    else {
        return;
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("BLATT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init();
}

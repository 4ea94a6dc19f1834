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

/// What the reader shows.
pub enum Mode {
    /// The built-in demo edition.
    Demo,
    /// Sources from the command line (nothing stored).
    Sources(Vec<String>, KindHint),
    /// The configured sources, from and into the store at this path.
    Library(PathBuf),
}

/// Runs the reader until the user quits. `cfg` gives keys, theme and reload settings (and, in
/// [`Mode::Library`], the sources).
pub fn run(mode: Mode, cfg: &crate::config::Config) -> anyhow::Result<()> {
    init_logging();
    let (w, h) = terminal::size().unwrap_or((80, 24));
    // the keys are checked before anything else happens
    cfg.keymap()
        .map_err(|e| anyhow::anyhow!("config error: {e}"))?;
    // the store is opened and read before the terminal is touched: the first frame shows it
    let mut library = None;
    let mut state = match mode {
        Mode::Demo => {
            let (items, errors) = match crate::demo::edition() {
                Ok(items) => (items, Vec::new()),
                Err(e) => (Vec::new(), vec![e]),
            };
            State::demo(items, errors, w, h)
        }
        Mode::Sources(sources, kind) => State::new(&sources, kind, w, h),
        Mode::Library(path) => {
            let mut store = crate::store::Store::open(&path)?;
            let mut rows = crate::cli::sync_sources(cfg, &mut store)?;
            // reload fetches the configured sources; the sync server's come with the sync
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            if cfg.sync.is_some() {
                rows.extend(store.remote_sources()?);
            }
            let all_ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            // one screenful for the first frame; every item right after it (crate::startup)
            let state = crate::startup::first_state(
                &store,
                &rows,
                cfg.reload.interval,
                crate::reload::now(),
                w,
                h,
            )?;
            library = Some((store, ids, all_ids));
            state
        }
    };
    // the sync password before the terminal is taken (a password command may ask for a passphrase)
    let mut sync_link = None;
    if let (Some(sync), Some(_)) = (&cfg.sync, &library) {
        state.sync_on = true;
        state.synced_sources = library
            .as_ref()
            .map(|(_, ids, all)| all.iter().filter(|i| !ids.contains(i)).copied().collect())
            .unwrap_or_default();
        let label = crate::sync::server_label(sync);
        match crate::sync::password::password(sync).and_then(|pw| {
            crate::sync::Remote::connect(sync, &pw, Duration::from_secs(cfg.reload.timeout))
        }) {
            Ok(remote) => {
                sync_link = Some(crate::app::effects::SyncLink::new(
                    remote,
                    crate::sync::engine::identity(sync),
                ))
            }
            Err(e) => {
                tracing::warn!(error = %e, "no sync");
                state.sync_on = false;
                state.status = Some(format!("Sync with {label} is off: {e}"));
            }
        }
    }
    state
        .configure(cfg)
        .map_err(|e| anyhow::anyhow!("config error: {e}"))?;
    state.browser = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty());
    let theme = Theme::from_config(&cfg.theme);

    // after the config and the sources were checked (their errors need no terminal), before any
    // escape sequence: drawing the reader into a pipe or a file helps nobody
    {
        use std::io::IsTerminal;
        if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
            anyhow::bail!(
                "the reader needs a terminal; for scripts use `blatt teasers` or `blatt read`"
            );
        }
    }
    let guard = TerminalGuard::enter(state.mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    if let Some((store, _, all_ids)) = &library {
        // the first frame first; the rest of the list, the runtime and the clients after it
        if crate::startup::first_screen_fits(&state) {
            terminal.draw(|f| ui::view(&state, &theme, f))?;
        }
        crate::startup::fill_all(&mut state, store, all_ids)?;
    }
    // what the terminal draws pictures with: asked after the first frame (a terminal that does not
    // answer costs at most picture::detect::TIMEOUT, and never the first screen), before the keys
    // are read
    let (graphics, typed) = crate::picture::detect::detect(cfg.images.mode);
    state.pictures.graphics = graphics;

    // the UI loop runs on this thread (block_on); fetching and parsing run on the workers, so a big
    // page never freezes the screen
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let client = crate::fetch::Client::new(crate::fetch::Options::default())?;
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<Msg>();
    // keys typed while the terminal was asked: handled first, in the order typed
    for k in typed {
        let _ = tx.send(Msg::Key(k));
    }
    let mut store_thread = None;
    let exec = match library {
        None => Executor::new(client, tx),
        Some((store, ids, _)) => {
            let (jobs, handle) = crate::app::effects::spawn_store(store, ids, tx.clone());
            store_thread = Some((jobs.clone(), handle));
            let reload_client = crate::fetch::Client::new(crate::fetch::Options {
                timeout: Duration::from_secs(cfg.reload.timeout),
                ..crate::fetch::Options::default()
            })?;
            Executor::with_library(
                client,
                tx,
                crate::app::effects::Library {
                    store: jobs,
                    client: reload_client,
                    limits: crate::reload::Limits {
                        concurrency: cfg.reload.concurrency,
                        per_host: cfg.reload.per_host,
                    },
                    sync: sync_link,
                },
            )
        }
    };

    let exec = match state.pictures.graphics {
        Some(g) => match crate::app::effects::PictureLoader::new(g) {
            Ok(loader) => exec.with_pictures(loader),
            Err(e) => {
                tracing::warn!(error = %e, "no pictures");
                state.pictures.graphics = None;
                exec
            }
        },
        None => exec,
    };
    let result = rt.block_on(event_loop(&mut terminal, &mut state, &theme, exec, rx));
    drop(terminal);
    drop(guard);
    // what the store was asked before quitting (read marks) is written before we leave
    if let Some((jobs, handle)) = store_thread {
        let _ = jobs.send(crate::app::effects::StoreJob::Stop);
        let _ = handle.join();
    }
    rt.shutdown_background();
    result
}

async fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<std::io::Stdout>>,
    state: &mut State,
    theme: &Theme,
    exec: Executor,
    mut rx: tokio::sync::mpsc::UnboundedReceiver<Msg>,
) -> anyhow::Result<()> {
    for fx in state.start() {
        exec.run(fx);
    }
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    // the wall clock for the auto-reload, once a minute (the first tick is a minute from now)
    let mut clock = tokio::time::interval_at(
        tokio::time::Instant::now() + Duration::from_secs(60),
        Duration::from_secs(60),
    );
    clock.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let library = state.library;
    // a polite kill (SIGTERM, or SIGHUP when the terminal goes away) ends the loop like `q`, so the
    // guard restores the terminal
    let terminated = terminated()?;
    tokio::pin!(terminated);
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|f| ui::view(state, theme, f))?;
            dirty = false;
            if panic_for_test() {
                panic!("BLATT_TEST_PANIC is set: a panic after the first frame, as a test asked");
            }
        }
        let busy = state.busy();
        let msg = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(ev)) => match to_msg(ev, state.dragging) {
                    Some(m) => m,
                    None => continue,
                },
                Some(Err(e)) => return Err(e.into()),
                None => return Ok(()),
            },
            Some(m) = rx.recv() => m,
            _ = tick.tick(), if busy => Msg::Tick,
            _ = clock.tick(), if library => Msg::Clock(crate::reload::now()),
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
            if let Effect::Pipe {
                program,
                args,
                text,
            } = fx
            {
                // the command gets the terminal: no key may be read meanwhile
                drop(events);
                let said = hand_over(&program, &args, &text, state.mouse);
                // the screen was cleared: a blank frame, then the next one redraws every cell
                // (Terminal::clear would ask the terminal for the cursor position)
                terminal.draw(|f| f.render_widget(ratatui::widgets::Clear, f.area()))?;
                events = EventStream::new();
                update(state, Msg::Status(said));
                continue;
            }
            exec.run(fx);
        }
        if state.quit {
            return Ok(());
        }
    }
}

/// Runs `program` with `args` (no shell) with `text` on its stdin, the terminal handed over: raw
/// mode, the alternate screen and mouse capture are left before and taken back after. What happened,
/// for the status line.
fn hand_over(program: &str, args: &[String], text: &str, mouse: bool) -> String {
    use std::io::Write;
    restore();
    let name = crate::parse::sanitize::clean_line(program);
    let result = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            if let Some(mut stdin) = child.stdin.take() {
                let text = text.to_string();
                // written on its own thread: a pager reads only as much as it shows
                std::thread::spawn(move || {
                    let _ = stdin.write_all(text.as_bytes());
                });
            }
            child.wait()
        });
    let _ = terminal::enable_raw_mode();
    let _ = execute!(
        stdout(),
        terminal::EnterAlternateScreen,
        cursor::Hide,
        terminal::Clear(terminal::ClearType::All)
    );
    if mouse {
        let _ = execute!(stdout(), event::EnableMouseCapture);
    }
    match result {
        Ok(st) if st.success() => format!("Piped the article to {name}."),
        Ok(st) => format!("{name} ended with {st}."),
        Err(e) => format!("Cannot start {name}: {e}"),
    }
}

/// `BLATT_TEST_PANIC=1` makes the reader panic after its first frame, so a test can check that a
/// panic restores the terminal and points to the log.
fn panic_for_test() -> bool {
    std::env::var_os("BLATT_TEST_PANIC").is_some_and(|v| v == "1")
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

/// Terminal events worth a message; mouse moves and key releases are not (no redraw for them), nor
/// are drags and button releases unless the divider between the panes is being dragged
/// (`dragging`, set by a press on it).
pub fn to_msg(ev: Event, dragging: bool) -> Option<Msg> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => Some(Msg::Key(k)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Moved => None,
            MouseEventKind::Drag(_) | MouseEventKind::Up(_) if !dragging => None,
            _ => Some(Msg::Mouse(m)),
        },
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        _ => None,
    }
}

/// Restores the terminal on drop; installs the panic hook while alive.
struct TerminalGuard;

impl TerminalGuard {
    /// `mouse`: capture the mouse (else the terminal keeps its own selection and no mouse event comes).
    fn enter(mouse: bool) -> anyhow::Result<TerminalGuard> {
        let prev = std::panic::take_hook();
        let ui = std::thread::current().id();
        std::panic::set_hook(Box::new(move |info| {
            tracing::error!("panic: {info}");
            if std::thread::current().id() == ui {
                // the terminal first, then the message where the user can read it
                restore();
                prev(info);
                if let Some(p) = log_path() {
                    eprintln!(
                        "blatt: the reader stopped on an internal error; the log is {}",
                        p.display()
                    );
                }
            }
            // a worker's panic fails only its task (a source or page shows an error); the screen stays
        }));
        terminal::enable_raw_mode()?;
        let guard = TerminalGuard;
        execute!(
            stdout(),
            terminal::EnterAlternateScreen,
            cursor::Hide,
            terminal::Clear(terminal::ClearType::All)
        )?;
        if mouse {
            execute!(stdout(), event::EnableMouseCapture)?;
        }
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

/// Where the log file lives: `$XDG_STATE_HOME/blatt/blatt.log`, else `~/.local/state/blatt/blatt.log`.
pub fn log_path() -> Option<PathBuf> {
    crate::config::state_dir().map(|d| d.join("blatt.log"))
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

use blatt::cli::{self, exit, Cli, Command, Format};
use clap::Parser;
use std::process::ExitCode;

/// glibc's allocator (it serves the blocks above [`blatt::alloc::SMALL`]) tuned for a reload's
/// pattern (feed bodies and full texts of 10 KB–1 MB, made and freed on a handful of threads): at
/// most two arenas (one per thread would keep each thread's freed memory apart) and anything from
/// 64 KiB up mapped from the OS and given back when freed (by default the threshold grows with the
/// largest block freed, and big blocks then fragment the heap). Measured on a cold reload of 38 MB of
/// full-text feeds: peak RSS 40–45 MiB with the defaults, 29 MiB with these.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    // SAFETY: mallopt only sets allocator parameters; called first thing, before any other thread
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 64 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

#[global_allocator]
static ALLOCATOR: blatt::alloc::Split = blatt::alloc::Split;

fn main() -> ExitCode {
    tune_allocator();
    // should a panic remain, one line and no backtrace (the reader adds the log's path)
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "blatt: internal error{at}: {} (please report it)",
            blatt::parse::sanitize::clean_line(&msg)
        );
    }));
    // usage errors exit with clap's status 2 (exit::USAGE); --help and --version with 0
    let cli = Cli::parse();
    if cli.command.is_none() {
        if let Some((word, command)) = cli::mistyped_command(&cli.sources) {
            use clap::CommandFactory;
            Cli::command()
                .error(
                    clap::error::ErrorKind::InvalidSubcommand,
                    format!(
                        "unrecognized subcommand '{}'\n\n  tip: a similar subcommand exists: '{command}'\n  tip: a SOURCE is a URL or an existing file",
                        blatt::parse::sanitize::clean_line(&word)
                    ),
                )
                .exit();
        }
    }
    let kind = cli.kind.into();
    let result = match cli.command {
        Some(Command::Read {
            source,
            format,
            width,
            item,
        }) => {
            if format == Format::Ansi {
                // asked for by name: colour even under NO_COLOR (which crossterm honours by itself)
                crossterm::style::Colored::set_ansi_color_disabled(false);
            }
            cli::read(&source, format, width, item, kind).and_then(|s| cli::print(&s))
        }
        Some(Command::Teasers {
            source,
            format,
            width,
        }) => cli::teasers(&source, format, width, kind).and_then(|s| cli::print(&s)),
        Some(Command::Reload { strict }) => match cli::reload(cli.config.as_deref()) {
            Ok(summary) if strict && summary.failed > 0 => return ExitCode::from(exit::PARTIAL),
            Ok(_) => Ok(()),
            Err(e) => Err(e),
        },
        Some(Command::Sync { strict }) => match cli::sync::sync(cli.config.as_deref()) {
            Ok(summary) if strict && summary.rejected > 0 => return ExitCode::from(exit::PARTIAL),
            Ok(_) => Ok(()),
            Err(e) => Err(e),
        },
        Some(Command::Items {
            unread,
            starred,
            source,
            format,
        }) => cli::items::items(
            unread,
            starred,
            source.as_deref(),
            format == cli::TeaserFormat::Json,
        )
        .and_then(|s| cli::print(&s)),
        Some(Command::Mark { action, ids }) => {
            cli::items::mark(action.into(), &ids).map(|line| eprintln!("{line}"))
        }
        Some(Command::Import { file }) => {
            cli::import(&file, cli.config.as_deref()).and_then(|s| cli::print(&s))
        }
        Some(Command::Export) => cli::load_config(cli.config.as_deref())
            .and_then(|c| cli::print(&blatt::opml::export(&c))),
        Some(Command::Config { default, path }) => {
            if default {
                cli::print(blatt::config::DEFAULT_CONFIG)
            } else if path {
                cli::config_path(cli.config.as_deref())
                    .and_then(|(p, _)| cli::print(&format!("{}\n", p.display())))
            } else {
                cli::load_config(cli.config.as_deref())
                    .and_then(|c| cli::print(&toml::to_string_pretty(&c).unwrap_or_default()))
            }
        }
        Some(Command::Completions { shell }) => {
            cli::print(&String::from_utf8_lossy(&cli::completions(shell)))
        }
        Some(Command::Man) => cli::print(&String::from_utf8_lossy(&cli::man_page())),
        None => cli::reader(cli.sources, kind, cli.config.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::from(exit::OK),
        Err(e) => {
            eprintln!("blatt: {}", blatt::parse::sanitize::clean_line(&e.0));
            ExitCode::from(exit::RUNTIME)
        }
    }
}

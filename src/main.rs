use blatt::cli::{self, Cli, Command};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let kind = cli.kind.into();
    let result = match cli.command {
        Some(Command::Read {
            source,
            format,
            width,
            item,
        }) => cli::read(&source, format, width, item, kind).and_then(|s| cli::print(&s)),
        Some(Command::Teasers {
            source,
            format,
            width,
        }) => cli::teasers(&source, format, width, kind).and_then(|s| cli::print(&s)),
        Some(Command::Reload) => cli::reload(cli.config.as_deref()),
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
        None => cli::reader(cli.sources, kind, cli.config.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("blatt: {}", blatt::parse::sanitize::clean_line(&e.0));
            ExitCode::from(1)
        }
    }
}

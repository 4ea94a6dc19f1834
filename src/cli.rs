//! The command line: argument definitions, help texts, completions, the man page, exit codes, and
//! the scripting commands `read` and `teasers`.

use crate::document::{Article, Item, Listing, Parsed, Teaser};
use crate::fetch::{Client, Location, Options};
use crate::load::{load, load_article, LoadError};
use crate::output::{self, Style};
use crate::parse::KindHint;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum, ValueHint};
use std::io::Write;

pub mod items;
pub mod sync;

/// Exit statuses: stable, documented in `--help`, the man page and the README.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// A runtime error: fetch, parse, config or store (one line on stderr).
    pub const RUNTIME: u8 = 1;
    /// A usage error: unknown option, bad value, missing argument (clap's own status).
    pub const USAGE: u8 = 2;
    /// `reload --strict` finished, but some sources failed.
    pub const PARTIAL: u8 = 3;
    /// A bug: a panic (one line on stderr), Rust's status for a panicking main thread.
    pub const INTERNAL: u8 = 101;
}

/// (status, meaning), for the help text and the man page.
pub const EXIT_CODES: &[(u8, &str)] = &[
    (exit::OK, "success"),
    (
        exit::RUNTIME,
        "runtime error: fetch, parse, config or store; every reload source failed",
    ),
    (
        exit::USAGE,
        "usage error: unknown command or option, bad or missing value",
    ),
    (
        exit::PARTIAL,
        "reload --strict: finished, but some sources failed (else 0); sync --strict: the server refused some marks",
    ),
    (exit::INTERNAL, "internal error: a bug, please report it"),
];

/// (variable, meaning), for the help text and the man page.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "NO_COLOR",
        "not empty: no colour (read: text unless --format ansi)",
    ),
    ("TERM", "dumb: read prints text unless --format ansi"),
    (
        TIMEOUT_ENV,
        "total HTTP timeout of read and teasers, in seconds",
    ),
    (
        "XDG_CONFIG_HOME",
        "the config: $XDG_CONFIG_HOME/blatt/config.toml",
    ),
    (
        "XDG_DATA_HOME",
        "the offline store: $XDG_DATA_HOME/blatt/blatt.db",
    ),
    ("XDG_STATE_HOME", "the log: $XDG_STATE_HOME/blatt/blatt.log"),
    (
        "HOME",
        "without XDG_*: ~/.config, ~/.local/share, ~/.local/state",
    ),
    ("BROWSER", "the program the reader opens links with"),
];

/// Examples: (command line, what it does). Rendered into `--help` and the man page.
type Examples = &'static [(&'static str, &'static str)];

const EXAMPLES: Examples = &[
    (
        "blatt",
        "the reader over your sources (without any: the demo edition)",
    ),
    (
        "blatt https://example.org/feed.xml",
        "the reader over one feed",
    ),
    (
        "blatt read https://example.org/a.html",
        "one article to stdout, wrapped to the terminal",
    ),
    (
        "blatt read feed.xml --item 3 --format json",
        "the third item of a feed as JSON",
    ),
    (
        "blatt teasers https://example.org/news/",
        "the teasers of a listing page",
    ),
    ("blatt reload", "refresh the offline store (e.g. from cron)"),
    (
        "blatt sync",
        "sync subscriptions, items and marks with the server in [sync]",
    ),
    (
        "blatt completions bash > ~/.local/share/bash-completion/completions/blatt",
        "",
    ),
];

const READ_EXAMPLES: Examples = &[
    (
        "blatt read https://example.org/interview.html",
        "colour on a terminal, plain text in a pipe",
    ),
    (
        "blatt read feed.xml --item 3",
        "the third item of a feed (its full text, else the linked page)",
    ),
    (
        "blatt read page.html --format ansi | less -R",
        "force colour through a pager",
    ),
    (
        "blatt read page.html --format json | jq -r '.speakers[].name'",
        "",
    ),
    ("blatt read page.html --width 72 > article.txt", ""),
    (
        "blatt read page.html --format markdown > article.md",
        "CommonMark, an interview as a dialogue",
    ),
];

const TEASERS_EXAMPLES: Examples = &[
    ("blatt teasers https://example.org/news/", ""),
    ("blatt teasers feed.xml --format json | jq -r '.[].url'", ""),
    (
        "blatt teasers page.html --kind listing",
        "skip sniffing: read it as a listing page",
    ),
];

const RELOAD_EXAMPLES: Examples = &[
    (
        "blatt reload",
        "failures are listed on stderr; exit 0 unless every source failed",
    ),
    ("blatt reload --strict", "exit 3 when any source failed"),
    ("blatt reload --config ~/test-feeds.toml", ""),
];

const SYNC_EXAMPLES: Examples = &[
    (
        "blatt sync",
        "marks made here go up; feeds, new items and marks come down",
    ),
    (
        "blatt sync --strict",
        "exit 3 when the server refused some marks",
    ),
    ("blatt sync --config ~/work.toml", ""),
];

const ITEMS_EXAMPLES: Examples = &[
    ("blatt items --unread", "the unread items, newest first"),
    (
        "blatt items --starred --format json",
        "id, title, url, published, source, read, starred, kind",
    ),
    ("blatt items --source Kommunal", "the items of one source"),
];

const MARK_EXAMPLES: Examples = &[
    (
        "blatt mark read 12 13 14",
        "queued for the server; `blatt sync` pushes them",
    ),
    ("blatt mark star 12", ""),
    ("blatt mark unread 12", ""),
];

const IMPORT_EXAMPLES: Examples = &[
    (
        "blatt import subscriptions.opml",
        "add the feeds to the config (duplicates are skipped)",
    ),
    ("blatt import --config ~/test-feeds.toml feeds.opml", ""),
];

const EXPORT_EXAMPLES: Examples = &[
    ("blatt export > blatt.opml", ""),
    (
        "blatt export --config ~/test-feeds.toml",
        "the feeds of another config",
    ),
];

const CONFIG_EXAMPLES: Examples = &[
    (
        "blatt config",
        "the config in use, with every default filled in",
    ),
    (
        "blatt config --default > ~/.config/blatt/config.toml",
        "start from the documented default",
    ),
    ("blatt config --path", "where blatt looks for it"),
];

const COMPLETIONS_EXAMPLES: Examples = &[
    (
        "blatt completions bash > ~/.local/share/bash-completion/completions/blatt",
        "",
    ),
    (
        "blatt completions zsh > ~/.zfunc/_blatt",
        "with fpath+=(~/.zfunc) before compinit in ~/.zshrc",
    ),
    (
        "blatt completions fish > ~/.config/fish/completions/blatt.fish",
        "",
    ),
];

const MAN_EXAMPLES: Examples = &[
    ("blatt man | man -l -", "read it now"),
    (
        "blatt man > ~/.local/share/man/man1/blatt.1",
        "install it for `man blatt`",
    ),
];

/// "Examples:" and the examples, aligned.
fn examples_text(examples: Examples) -> String {
    let mut s = String::from("Examples:\n");
    for (cmd, what) in examples {
        s.push_str("  ");
        s.push_str(cmd);
        if !what.is_empty() {
            s.push_str("\n      ");
            s.push_str(what);
        }
        s.push('\n');
    }
    s.pop();
    s
}

/// The examples, the exit statuses and the environment (top-level `--help`).
fn long_help_text() -> String {
    let mut s = examples_text(EXAMPLES);
    s.push_str("\n\nExit status:\n");
    for (code, what) in EXIT_CODES {
        s.push_str(&format!("  {code:<4} {what}\n"));
    }
    s.push_str("\nEnvironment:\n");
    for (var, what) in ENVIRONMENT {
        s.push_str(&format!("  {var:<19} {what}\n"));
    }
    s.push_str("\nThe man page: `blatt man | man -l -`.");
    s
}

#[derive(Parser, Debug)]
#[command(
    name = "blatt",
    version,
    about = "A terminal news reader that renders interviews as dialogue",
    long_about = "A terminal news reader that renders interviews as dialogue.\n\nWithout a command, blatt opens the reader: teasers on the left, the article on the right, interviews as a dialogue with every speaker in a stable colour. It reads RSS, Atom and JSON Feed, HTML listing pages without a feed, and single article pages. With no sources configured it opens a demo edition built into the binary.",
    after_help = format!("{}\n\nMore (exit status, environment): --help", examples_text(EXAMPLES)),
    after_long_help = long_help_text()
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Feeds, listing pages or article pages to open in the reader (URLs or files).
    #[arg(value_name = "SOURCE", value_hint = ValueHint::AnyPath)]
    pub sources: Vec<String>,

    /// Read every source as this kind instead of sniffing it.
    #[arg(long, value_enum, default_value_t = KindArg::Auto, global = true)]
    pub kind: KindArg,

    /// The config file [default: $XDG_CONFIG_HOME/blatt/config.toml, else ~/.config/blatt/config.toml].
    #[arg(long, value_name = "PATH", global = true, value_hint = ValueHint::FilePath)]
    pub config: Option<std::path::PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print one article (or interview) to stdout.
    #[command(after_help = examples_text(READ_EXAMPLES))]
    Read {
        /// An article page, or a feed or listing page with --item.
        #[arg(value_name = "SOURCE", value_hint = ValueHint::AnyPath)]
        source: String,
        /// Output format: auto is ansi when stdout is a terminal (and NO_COLOR is unset), else text.
        #[arg(long, value_enum, default_value_t = Format::Auto)]
        format: Format,
        /// Wrap width in columns (default: the terminal's width, 80 when not a terminal).
        #[arg(long)]
        width: Option<usize>,
        /// Read the N-th item (1-based) of a feed or listing page.
        #[arg(long, value_name = "N")]
        item: Option<usize>,
    },
    /// Print the teasers of a feed or listing page.
    #[command(after_help = examples_text(TEASERS_EXAMPLES))]
    Teasers {
        /// A feed or listing page (URL or file).
        #[arg(value_name = "SOURCE", value_hint = ValueHint::AnyPath)]
        source: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TeaserFormat::Text)]
        format: TeaserFormat,
        /// Wrap width in columns (default: the terminal's width, 80 when not a terminal).
        #[arg(long)]
        width: Option<usize>,
    },
    /// Refresh every configured source into the offline cache, with progress and a summary.
    #[command(after_help = examples_text(RELOAD_EXAMPLES))]
    Reload {
        /// Exit with status 3 when some (not all) sources failed; without it that is status 0.
        #[arg(long)]
        strict: bool,
    },
    /// Two-way sync with the server in [sync] (FreshRSS, Miniflux, Tiny Tiny RSS): the marks made
    /// here go up, its feeds (categories as tags), new items and read/starred marks come down.
    #[command(after_help = examples_text(SYNC_EXAMPLES))]
    Sync {
        /// Exit with status 3 when the server refused some marks; without it that is status 0.
        #[arg(long)]
        strict: bool,
    },
    /// List the stored items: id, title, URL, date, source, read, starred, kind.
    #[command(after_help = examples_text(ITEMS_EXAMPLES))]
    Items {
        /// Only unread items.
        #[arg(long)]
        unread: bool,
        /// Only starred items.
        #[arg(long)]
        starred: bool,
        /// Only the items of this source (its name, title or URL).
        #[arg(long, value_name = "NAME")]
        source: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TeaserFormat::Text)]
        format: TeaserFormat,
    },
    /// Mark stored items (ids from `blatt items`); a synced item's mark is queued for the server.
    #[command(after_help = examples_text(MARK_EXAMPLES))]
    Mark {
        /// What to do with them.
        #[arg(value_enum)]
        action: MarkArg,
        /// Item ids.
        #[arg(value_name = "ID", required = true, num_args = 1..)]
        ids: Vec<i64>,
    },
    /// Add the feeds of an OPML file to the config (only http(s) feed URLs; duplicates skipped).
    #[command(after_help = examples_text(IMPORT_EXAMPLES))]
    Import {
        /// An OPML file (as exported by most feed readers).
        #[arg(value_name = "FILE.opml", value_hint = ValueHint::FilePath)]
        file: std::path::PathBuf,
    },
    /// Print the configured sources as OPML 2.0.
    #[command(after_help = examples_text(EXPORT_EXAMPLES))]
    Export,
    /// Show the configuration.
    #[command(after_help = examples_text(CONFIG_EXAMPLES))]
    Config {
        /// Print the documented default config.
        #[arg(long)]
        default: bool,
        /// Print the config file's path.
        #[arg(long, conflicts_with = "default")]
        path: bool,
    },
    /// Print a shell completion script to stdout.
    #[command(after_help = examples_text(COMPLETIONS_EXAMPLES))]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to stdout.
    #[command(after_help = examples_text(MAN_EXAMPLES))]
    Man,
}

/// The examples of a subcommand by name (for the man page).
fn examples_of(command: &str) -> Examples {
    match command {
        "read" => READ_EXAMPLES,
        "teasers" => TEASERS_EXAMPLES,
        "reload" => RELOAD_EXAMPLES,
        "sync" => SYNC_EXAMPLES,
        "items" => ITEMS_EXAMPLES,
        "mark" => MARK_EXAMPLES,
        "import" => IMPORT_EXAMPLES,
        "export" => EXPORT_EXAMPLES,
        "config" => CONFIG_EXAMPLES,
        "completions" => COMPLETIONS_EXAMPLES,
        "man" => MAN_EXAMPLES,
        _ => &[],
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// ansi when stdout is a terminal, NO_COLOR is unset or empty and TERM is not dumb; else text.
    Auto,
    /// Plain text.
    Text,
    /// Text with colour and bold/italic (ANSI SGR), even when stdout is not a terminal.
    Ansi,
    /// The article as JSON.
    Json,
    /// The article as CommonMark (an interview as a dialogue).
    Markdown,
}

/// Whether `--format auto` colours: stdout is a terminal, `NO_COLOR` is unset or empty, and `TERM`
/// is not `dumb`.
pub fn auto_colour(
    stdout_is_tty: bool,
    no_color: Option<&std::ffi::OsStr>,
    term: Option<&std::ffi::OsStr>,
) -> bool {
    stdout_is_tty && no_color.is_none_or(|v| v.is_empty()) && term.is_none_or(|t| t != "dumb")
}

impl Format {
    /// `Auto` resolved against this process's stdout and environment; other formats unchanged.
    pub fn resolve(self) -> Format {
        use std::io::IsTerminal;
        match self {
            Format::Auto => {
                if auto_colour(
                    std::io::stdout().is_terminal(),
                    std::env::var_os("NO_COLOR").as_deref(),
                    std::env::var_os("TERM").as_deref(),
                ) {
                    Format::Ansi
                } else {
                    Format::Text
                }
            }
            f => f,
        }
    }
}

/// A first SOURCE that is no URL, no existing file and looks like a mistyped command (`blatt raed
/// x`): the word and the command it is close to. Such a word would otherwise open the reader on a
/// source that cannot load.
pub fn mistyped_command(sources: &[String]) -> Option<(String, String)> {
    let word = sources.first()?;
    if word.len() < 3 || word.contains(['/', '.', ':']) || std::path::Path::new(word).exists() {
        return None;
    }
    let lower = word.to_lowercase();
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|name| name != "help")
        .map(|name| (edit_distance(&lower, &name), name))
        .filter(|(d, name)| *d <= if name.len() <= 4 { 1 } else { 2 })
        .min()
        .map(|(_, name)| (word.clone(), name))
}

/// Edit distance over chars, a swap of two neighbours counting as one edit ("raed" is 1 from "read").
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// A completion script for `shell`, generated from the same definition as the parser.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "blatt", &mut buf);
    buf
}

/// The date in the man page's title line (the month of the version's release).
const MAN_DATE: &str = "2026-11";

/// The man page, blatt(1), in roff, generated from the same definition as the parser: name,
/// synopsis, description, options, every command with its options and examples, the examples,
/// the exit statuses and the environment.
pub fn man_page() -> Vec<u8> {
    use roff::{bold, italic, roman, Roff};
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let version = cmd.get_version().unwrap_or_default().to_string();
    let man = clap_mangen::Man::new(cmd.clone())
        .title("BLATT")
        .section("1")
        .date(MAN_DATE)
        .source(format!("blatt {version}"))
        .manual("User Commands");
    // every render call repeats roff's preamble: keep the first
    let preamble = Roff::new().render();
    let mut out = String::new();
    let add = |out: &mut String, render: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut buf = Vec::new();
        // writing to a Vec cannot fail
        let _ = render(&mut buf);
        let text = String::from_utf8_lossy(&buf).into_owned();
        if out.is_empty() {
            out.push_str(&text);
        } else {
            out.push_str(text.strip_prefix(preamble.as_str()).unwrap_or(&text));
        }
    };
    add(&mut out, &|w| man.render_title(w));
    add(&mut out, &|w| man.render_name_section(w));
    add(&mut out, &|w| man.render_synopsis_section(w));
    add(&mut out, &|w| man.render_description_section(w));
    add(&mut out, &|w| man.render_options_section(w));

    let mut r = Roff::new();
    r.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("blatt {}", sub.get_name());
        r.control("SS", [name.as_str()]);
        let usage = sub.clone().render_usage().to_string();
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        let rest = usage.strip_prefix(name.as_str()).unwrap_or(usage).trim();
        r.text([bold(name.clone()), roman(format!(" {rest}"))]);
        r.control("PP", []);
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            r.text([roman(about.to_string())]);
        }
        for arg in sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set() && a.get_id() != "help")
        {
            r.control("TP", []);
            let values: Vec<String> = arg
                .get_value_names()
                .map(|v| v.iter().map(|s| s.to_string()).collect())
                .unwrap_or_else(|| vec![arg.get_id().to_string().to_uppercase()]);
            let mut head = Vec::new();
            if arg.is_positional() {
                head.push(italic(values.join(" ")));
            } else {
                if let Some(s) = arg.get_short() {
                    head.push(bold(format!("-{s}")));
                    head.push(roman(", "));
                }
                if let Some(l) = arg.get_long() {
                    head.push(bold(format!("--{l}")));
                }
                if arg.get_action().takes_values() {
                    head.push(roman(" "));
                    head.push(italic(values.join(" ")));
                }
            }
            r.text(head);
            if let Some(help) = arg.get_long_help().or_else(|| arg.get_help()) {
                r.text([roman(help.to_string())]);
            }
            let defaults: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            if arg.get_action().takes_values() && !defaults.is_empty() {
                r.text([roman(format!("[default: {}]", defaults.join(" ")))]);
            }
            let possible: Vec<_> = arg
                .get_possible_values()
                .into_iter()
                .filter(|v| !v.is_hide_set())
                .collect();
            if arg.get_action().takes_values() && !possible.is_empty() {
                let any_help = possible.iter().any(|v| v.get_help().is_some());
                if any_help {
                    r.control("RS", []);
                    for v in &possible {
                        r.control("TP", []);
                        r.text([bold(v.get_name().to_string())]);
                        r.text([roman(
                            v.get_help().map(|h| h.to_string()).unwrap_or_default(),
                        )]);
                    }
                    r.control("RE", []);
                } else {
                    let names: Vec<&str> = possible.iter().map(|v| v.get_name()).collect();
                    r.text([roman(format!("[values: {}]", names.join(", ")))]);
                }
            }
        }
        let examples = examples_of(sub.get_name());
        if !examples.is_empty() {
            r.control("PP", []);
            r.text([roman("Examples:")]);
            roff_examples(&mut r, examples);
        }
    }
    r.control("SH", ["EXAMPLES"]);
    roff_examples(&mut r, EXAMPLES);
    r.control("SH", ["EXIT STATUS"]);
    for (code, what) in EXIT_CODES {
        r.control("TP", []);
        r.text([bold(code.to_string())]);
        r.text([roman(*what)]);
    }
    r.control("SH", ["ENVIRONMENT"]);
    for (var, what) in ENVIRONMENT {
        r.control("TP", []);
        r.text([bold(*var)]);
        r.text([roman(*what)]);
    }
    add(&mut out, &|w| r.to_writer(w));
    add(&mut out, &|w| man.render_version_section(w));
    out.into_bytes()
}

/// Examples as an indented, unfilled block: the command line, its comment indented below.
fn roff_examples(r: &mut roff::Roff, examples: Examples) {
    use roff::roman;
    r.control("RS", ["4"]);
    r.control("nf", []);
    for (cmd, what) in examples {
        r.text([roman(*cmd)]);
        if !what.is_empty() {
            r.text([roman(format!("    {what}"))]);
        }
    }
    r.control("fi", []);
    r.control("RE", []);
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeaserFormat {
    Text,
    Json,
}

/// `blatt mark`'s action.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkArg {
    Read,
    Unread,
    Star,
    Unstar,
}

impl From<MarkArg> for crate::store::MarkAction {
    fn from(m: MarkArg) -> Self {
        use crate::store::MarkAction;
        match m {
            MarkArg::Read => MarkAction::Read,
            MarkArg::Unread => MarkAction::Unread,
            MarkArg::Star => MarkAction::Star,
            MarkArg::Unstar => MarkAction::Unstar,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindArg {
    Auto,
    Feed,
    Listing,
    Article,
}

impl From<KindArg> for KindHint {
    fn from(k: KindArg) -> KindHint {
        match k {
            KindArg::Auto => KindHint::Auto,
            KindArg::Feed => KindHint::Feed,
            KindArg::Listing => KindHint::Listing,
            KindArg::Article => KindHint::Article,
        }
    }
}

/// An error for the user: one line on stderr, exit status 1.
#[derive(Debug)]
pub struct CliError(pub String);

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<LoadError> for CliError {
    fn from(e: LoadError) -> Self {
        CliError(e.to_string())
    }
}

fn terminal_width() -> usize {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        crossterm::terminal::size()
            .map(|(w, _)| w as usize)
            .unwrap_or(80)
    } else {
        80
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError(format!("cannot start the runtime: {e}")))
}

/// The environment variable that overrides the total HTTP timeout in seconds (scripts, tests).
pub const TIMEOUT_ENV: &str = "BLATT_TIMEOUT_SECS";

fn client() -> Result<Client, CliError> {
    let mut opts = Options::default();
    if let Ok(v) = std::env::var(TIMEOUT_ENV) {
        let secs: u64 = v.trim().parse().ok().filter(|&s| s > 0).ok_or_else(|| {
            CliError(format!(
                "{TIMEOUT_ENV} must be a positive number of seconds"
            ))
        })?;
        opts.timeout = std::time::Duration::from_secs(secs);
        opts.connect_timeout = opts.connect_timeout.min(opts.timeout);
    }
    Client::new(opts).map_err(|e| CliError(e.to_string()))
}

fn location(source: &str) -> Result<Location, CliError> {
    Location::parse(source).map_err(|e| CliError(format!("{source}: {e}")))
}

/// Items of a feed or listing page.
fn items_of(parsed: &Parsed) -> Option<&Listing> {
    match parsed {
        Parsed::Feed(l) | Parsed::Listing(l) => Some(l),
        Parsed::Article(_) => None,
    }
}

/// The article of `item`: the feed's full text, else the linked page fetched and extracted.
async fn item_article(client: &Client, item: &Item) -> Result<Article, CliError> {
    if let Some(a) = &item.article {
        return Ok(a.clone());
    }
    let url = item
        .teaser
        .url
        .as_deref()
        .ok_or_else(|| CliError("the item has neither text nor a link".into()))?;
    let loc = location(url)?;
    let loaded = load(client, &loc, KindHint::Article).await?;
    match loaded.parsed {
        Parsed::Article(mut a) => {
            a.fill_from_teaser(&item.teaser);
            Ok(*a)
        }
        _ => Err(CliError(format!("{url}: not an article page"))),
    }
}

/// `blatt read`.
pub fn read(
    source: &str,
    format: Format,
    width: Option<usize>,
    item: Option<usize>,
    kind: KindHint,
) -> Result<String, CliError> {
    let rt = runtime()?;
    let client = client()?;
    let loc = location(source)?;
    let article = rt.block_on(async {
        // one article asked for: a listing page that holds one reads as it
        let loaded = match item {
            None => load_article(&client, &loc, kind).await?,
            Some(_) => load(&client, &loc, kind).await?,
        };
        match (&loaded.parsed, item) {
            (Parsed::Article(a), None | Some(1)) => Ok((**a).clone()),
            (Parsed::Article(_), Some(n)) => Err(CliError(format!(
                "{source} is an article page, not a feed: --item {n} does not apply"
            ))),
            (p, Some(n)) => {
                let l = items_of(p).expect("feed or listing");
                if n == 0 || n > l.items.len() {
                    return Err(CliError(format!(
                        "{source} has {} items: --item must be between 1 and {}",
                        l.items.len(),
                        l.items.len().max(1)
                    )));
                }
                item_article(&client, &l.items[n - 1]).await
            }
            (Parsed::Listing(l), None) => {
                // the user asked to read the page: read it in reader mode, and say what else is there
                eprintln!(
                    "blatt: note: {} looks like a listing page with {} teasers; read as an article (list the teasers with `blatt teasers`, read one with --item N)",
                    crate::parse::sanitize::clean_line(source),
                    l.items.len()
                );
                match load(&client, &loc, KindHint::Article).await?.parsed {
                    Parsed::Article(a) => Ok(*a),
                    _ => Err(CliError(format!("{source}: not an article page"))),
                }
            }
            (p, None) => {
                let l = items_of(p).expect("feed or listing");
                Err(CliError(format!(
                    "{source} is a feed with {} items: choose one with --item N (list them with `blatt teasers`)",
                    l.items.len()
                )))
            }
        }
    })?;
    Ok(match format.resolve() {
        Format::Json => serde_json::to_string_pretty(&article).expect("serializable") + "\n",
        Format::Markdown => crate::markdown::article_markdown(&article),
        // (resolve never returns Auto)
        Format::Text | Format::Auto => {
            output::article_text(&article, width.unwrap_or_else(terminal_width), Style::Plain)
        }
        Format::Ansi => {
            output::article_text(&article, width.unwrap_or_else(terminal_width), Style::Ansi)
        }
    })
}

/// `blatt teasers`.
pub fn teasers(
    source: &str,
    format: TeaserFormat,
    width: Option<usize>,
    kind: KindHint,
) -> Result<String, CliError> {
    let rt = runtime()?;
    let client = client()?;
    let loc = location(source)?;
    let loaded = rt.block_on(load(&client, &loc, kind))?;
    let (teasers, notes): (Vec<Teaser>, Vec<String>) = match &loaded.parsed {
        Parsed::Feed(l) | Parsed::Listing(l) => (
            l.items.iter().map(|i| i.teaser.clone()).collect(),
            teaser_notes(l),
        ),
        Parsed::Article(a) => {
            return Err(CliError(format!(
                "{source} is an article page (\"{}\"), not a feed or listing page: read it with `blatt read`",
                crate::parse::sanitize::clean_line(&a.title)
            )))
        }
    };
    Ok(match format {
        TeaserFormat::Json => serde_json::to_string_pretty(&teasers).expect("serializable") + "\n",
        TeaserFormat::Text => {
            output::teasers_text(&teasers, &notes, width.unwrap_or_else(terminal_width))
        }
    })
}

/// The `note:` lines of `blatt teasers`: the feeds a listing page advertises, and whether the
/// teasers came from its feed.
fn teaser_notes(l: &Listing) -> Vec<String> {
    use crate::document::Via;
    let mut notes: Vec<String> = Vec::new();
    match &l.via {
        Some(Via::Feed(f)) => notes.push(format!(
            "via feed {} (the page advertises it; its teasers are the feed's)",
            crate::parse::sanitize::clean_line(f)
        )),
        Some(v @ Via::PageFeedFailed { .. }) => {
            notes.extend(
                l.feeds
                    .iter()
                    .map(|f| format!("this page advertises a feed: {f}")),
            );
            notes.push(v.note());
        }
        None => notes.extend(
            l.feeds
                .iter()
                .map(|f| format!("this page advertises a feed: {f}")),
        ),
    }
    notes
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
pub fn print(s: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError(format!("cannot write to stdout: {e}"))),
    }
}

/// The config path in use and whether the user named it.
pub fn config_path(
    explicit: Option<&std::path::Path>,
) -> Result<(std::path::PathBuf, bool), CliError> {
    match explicit {
        Some(p) => Ok((p.to_path_buf(), true)),
        None => crate::config::default_config_path()
            .map(|p| (p, false))
            .ok_or_else(|| {
                CliError("cannot find the config folder: set HOME or XDG_CONFIG_HOME".into())
            }),
    }
}

/// Loads the config (a missing default file is an empty config).
pub fn load_config(explicit: Option<&std::path::Path>) -> Result<crate::config::Config, CliError> {
    let (path, named) = config_path(explicit)?;
    crate::config::load(&path, named).map_err(|e| CliError(format!("config error: {e}")))
}

/// `blatt` without a subcommand: the reader over the SOURCE arguments, else over the configured
/// sources (from the store), else the demo edition. A config error stops it before the screen opens.
pub fn reader(
    sources: Vec<String>,
    kind: KindHint,
    explicit_config: Option<&std::path::Path>,
) -> Result<(), CliError> {
    use crate::tui::Mode;
    let cfg = load_config(explicit_config)?;
    let mode = if !sources.is_empty() {
        Mode::Sources(sources, kind)
    } else if cfg.sources.is_empty() && cfg.sync.is_none() {
        Mode::Demo
    } else {
        Mode::Library(crate::config::default_db_path().ok_or_else(|| {
            CliError("cannot find the data folder: set HOME or XDG_DATA_HOME".into())
        })?)
    };
    crate::tui::run(mode, &cfg).map_err(|e| CliError(e.to_string()))
}

/// The store at the default path.
pub fn open_store() -> Result<crate::store::Store, CliError> {
    let path = crate::config::default_db_path()
        .ok_or_else(|| CliError("cannot find the data folder: set HOME or XDG_DATA_HOME".into()))?;
    crate::store::Store::open(&path).map_err(|e| CliError(e.to_string()))
}

/// Registers the configured sources in the store; returns their rows in config order.
pub fn sync_sources(
    cfg: &crate::config::Config,
    store: &mut crate::store::Store,
) -> Result<Vec<crate::store::SourceRow>, crate::store::StoreError> {
    let wanted: Vec<(&str, Option<&str>, &str)> = cfg
        .sources
        .iter()
        .map(|s| (s.url.as_str(), s.name.as_deref(), s.kind.as_str()))
        .collect();
    let ids = store.upsert_sources(&wanted)?;
    let mut rows: std::collections::HashMap<i64, crate::store::SourceRow> =
        store.sources()?.into_iter().map(|r| (r.id, r)).collect();
    // in config order, each once
    Ok(ids.into_iter().filter_map(|id| rows.remove(&id)).collect())
}

/// What `blatt reload` did, for its exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReloadSummary {
    pub total: usize,
    pub failed: usize,
}

/// `blatt reload`: every configured source into the store; progress on stderr when it is a terminal.
/// Every source failing, or the store failing, is an error; some sources failing is not (the caller
/// decides with [`ReloadSummary::failed`]).
pub fn reload(explicit_config: Option<&std::path::Path>) -> Result<ReloadSummary, CliError> {
    use crate::reload::{self, Job, Limits, Outcome};
    use std::io::IsTerminal;
    let cfg = load_config(explicit_config)?;
    if cfg.sources.is_empty() {
        return Err(CliError(if cfg.sync.is_some() {
            "no sources configured: the server's feeds come with `blatt sync`".into()
        } else {
            "no sources configured: add [[source]] entries to the config (see `blatt config --default`) or `blatt import FILE.opml`".into()
        }));
    }
    // the HTTP client (reading the system's certificates: some 5 ms) is made while the store opens
    let timeout = std::time::Duration::from_secs(cfg.reload.timeout);
    let (client, opened) = std::thread::scope(|s| {
        let client = s.spawn(move || {
            Client::new(Options {
                timeout,
                ..Options::default()
            })
        });
        let opened = open_store().and_then(|mut store| {
            let rows = sync_sources(&cfg, &mut store).map_err(|e| CliError(e.to_string()))?;
            Ok((store, rows))
        });
        (client.join(), opened)
    });
    let (mut store, rows) = opened?;
    let client = client
        .map_err(|_| CliError("cannot make the HTTP client".into()))?
        .map_err(|e| CliError(e.to_string()))?;
    let jobs: Vec<Job> = rows.iter().map(Job::from_row).collect();
    let total = jobs.len();
    let limits = Limits {
        concurrency: cfg.reload.concurrency,
        per_host: cfg.reload.per_host,
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError(format!("cannot start the runtime: {e}")))?;
    let tty = std::io::stderr().is_terminal();
    let (tx, mut rx) = tokio::sync::mpsc::channel(reload::QUEUE);
    let (mut new, mut updated, mut unchanged, mut done) = (0usize, 0usize, 0usize, 0usize);
    let mut failed: Vec<(String, String)> = Vec::new();
    let mut vias: Vec<(String, String)> = Vec::new();
    let mut store_error = None;
    // the writer never waits for the disk: the log is copied into the database on a thread of its own
    let checkpoints = store
        .checkpoint_in_background()
        .map_err(|e| CliError(e.to_string()))?;
    rt.block_on(async {
        let runner = tokio::spawn(reload::run(client, jobs, limits, tx));
        while let Some(first) = rx.recv().await {
            // what has arrived meanwhile goes into the same transaction
            let mut batch = vec![first];
            while batch.len() < 256 {
                match rx.try_recv() {
                    Ok(d) => batch.push(d),
                    Err(_) => break,
                }
            }
            let outcomes = reload::apply_all(&mut store, &batch, reload::now());
            for (d, outcome) in batch.iter().zip(outcomes) {
                done += 1;
                if let Ok(reload::Fetched::Parsed { via: Some(v), .. }) = &d.result {
                    vias.push((d.job.url.clone(), v.note()));
                }
                match outcome {
                    Ok(Outcome::Updated(a)) => {
                        new += a.new;
                        updated += a.updated;
                    }
                    Ok(Outcome::NotModified) => unchanged += 1,
                    Ok(Outcome::Failed(e)) => failed.push((d.job.url.clone(), e)),
                    Err(e) => {
                        failed.push((d.job.url.clone(), e.to_string()));
                        store_error.get_or_insert(e.to_string());
                    }
                }
            }
            if tty {
                eprint!(
                    "\r\x1b[2Kreloading {done}/{total}{}",
                    if failed.is_empty() {
                        String::new()
                    } else {
                        format!(" · {} failed", failed.len())
                    }
                );
            }
        }
        let _ = runner.await;
    });
    if let Err(e) = checkpoints.finish(&mut store) {
        store_error.get_or_insert(e.to_string());
    }
    // every task has ended: the runtime's idle threads are not waited for
    rt.shutdown_background();
    if tty {
        eprint!("\r\x1b[2K");
    }
    let ok = total - failed.len();
    eprintln!(
        "{total} sources: {new} new items, {updated} updated, {unchanged} unchanged (304), {} failed",
        failed.len()
    );
    for (url, note) in &vias {
        eprintln!("  {}: {note}", crate::parse::sanitize::clean_line(url));
    }
    for (url, why) in &failed {
        eprintln!(
            "  failed: {} — {}",
            crate::parse::sanitize::clean_line(url),
            crate::parse::sanitize::clean_line(why)
        );
    }
    if let Some(e) = store_error {
        return Err(CliError(e));
    }
    if ok == 0 {
        return Err(CliError(format!("all {total} sources failed")));
    }
    Ok(ReloadSummary {
        total,
        failed: failed.len(),
    })
}

/// `blatt import FILE.opml`.
pub fn import(
    file: &std::path::Path,
    explicit_config: Option<&std::path::Path>,
) -> Result<String, CliError> {
    let fetched = crate::fetch::read_file(file, crate::fetch::MAX_BODY)
        .map_err(|e| CliError(e.to_string()))?;
    let text = crate::parse::charset::decode(&fetched.bytes, None);
    let imported =
        crate::opml::parse(&text).map_err(|e| CliError(format!("{}: {e}", file.display())))?;
    let (path, _) = config_path(explicit_config)?;
    let mut cfg = load_config(explicit_config)?;
    let report = crate::opml::merge(&mut cfg, imported);
    if !report.added.is_empty() {
        let added: Vec<_> = cfg.sources[cfg.sources.len() - report.added.len()..].to_vec();
        crate::config::append_sources(&path, &added)
            .map_err(|e| CliError(format!("cannot write {}: {e}", path.display())))?;
    }
    let clean = crate::parse::sanitize::clean_line;
    let mut out = String::new();
    for f in &report.added {
        let tags = if f.tags.is_empty() {
            String::new()
        } else {
            format!(" [{}]", clean(&f.tags.join(", ")))
        };
        out.push_str(&format!("added    {}{tags}\n", clean(&f.url)));
    }
    for d in &report.duplicates {
        out.push_str(&format!("skipped  {} (already configured)\n", clean(d)));
    }
    for (u, why) in &report.refused {
        out.push_str(&format!("refused  {} ({})\n", clean(u), clean(why)));
    }
    out.push_str(&format!(
        "{} added, {} already configured, {} refused; config: {}\n",
        report.added.len(),
        report.duplicates.len(),
        report.refused.len(),
        path.display()
    ));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn auto_colour_needs_a_terminal_and_no_no_color() {
        let some = |s: &'static str| Some(OsStr::new(s));
        assert!(auto_colour(true, None, some("xterm-256color")));
        assert!(auto_colour(true, None, None));
        assert!(auto_colour(true, some(""), some("xterm")), "empty is unset");
        assert!(!auto_colour(false, None, some("xterm")), "not a terminal");
        assert!(!auto_colour(true, some("1"), some("xterm")));
        assert!(!auto_colour(true, some("0"), some("xterm")), "any value");
        assert!(!auto_colour(true, None, some("dumb")));
        assert_eq!(Format::Text.resolve(), Format::Text);
        assert_eq!(Format::Ansi.resolve(), Format::Ansi);
        assert_eq!(Format::Json.resolve(), Format::Json);
        assert_ne!(Format::Auto.resolve(), Format::Auto);
    }

    #[test]
    fn mistyped_commands_and_real_sources() {
        let m = |w: &str| mistyped_command(&[w.to_string()]).map(|(_, c)| c);
        assert_eq!(m("raed").as_deref(), Some("read"));
        assert_eq!(m("Read").as_deref(), Some("read"));
        assert_eq!(m("realod").as_deref(), Some("reload"));
        assert_eq!(m("relaod").as_deref(), Some("reload"));
        assert_eq!(m("teaser").as_deref(), Some("teasers"));
        assert_eq!(m("exprot").as_deref(), Some("export"));
        assert_eq!(m("completion").as_deref(), Some("completions"));
        // URLs, paths, short and far words are sources
        for w in [
            "https://example.org/read",
            "read.xml",
            "./raed",
            "ma",
            "zeitung",
            "rathaus",
        ] {
            assert_eq!(m(w), None, "{w}");
        }
        assert_eq!(mistyped_command(&[]), None);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    /// An example's command line up to a pipe or redirection, split on spaces (no quoting).
    fn words(line: &str) -> Vec<&str> {
        line.split(['|', '>'])
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .collect()
    }

    #[test]
    fn every_subcommand_has_examples_that_parse() {
        for sub in Cli::command().get_subcommands() {
            for (line, _) in examples_of(sub.get_name()) {
                let args = words(line);
                assert_eq!(args.get(1).copied(), Some(sub.get_name()), "{line}");
                if let Err(e) = Cli::try_parse_from(&args) {
                    panic!("{line}: {e}");
                }
            }
        }
        for (line, _) in EXAMPLES {
            let args = words(line);
            assert!(Cli::try_parse_from(&args).is_ok(), "{line}");
        }
    }
}

//! The command line: argument definitions and the scripting commands `read` and `teasers`.

use crate::document::{Article, Item, Listing, Parsed, Teaser};
use crate::fetch::{Client, Location, Options};
use crate::load::{load, LoadError};
use crate::output::{self, Style};
use crate::parse::KindHint;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;

const EXAMPLES: &str = "\
Examples:
  blatt                                   the demo edition (or your configured sources)
  blatt https://example.org/feed.xml      read a feed in the reader
  blatt read https://example.org/a.html   one article to stdout, wrapped to the terminal
  blatt read feed.xml --item 3 --format json
  blatt teasers https://example.org/news/ --format json";

#[derive(Parser, Debug)]
#[command(
    name = "blatt",
    version,
    about = "A terminal news reader that renders interviews as dialogue",
    after_help = EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Feeds, listing pages or article pages to open in the reader (URLs or files).
    #[arg(value_name = "SOURCE")]
    pub sources: Vec<String>,

    /// Read every source as this kind instead of sniffing it.
    #[arg(long, value_enum, default_value_t = KindArg::Auto, global = true)]
    pub kind: KindArg,

    /// The config file [default: $XDG_CONFIG_HOME/blatt/config.toml, else ~/.config/blatt/config.toml].
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<std::path::PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print one article (or interview) to stdout.
    Read {
        /// An article page, or a feed or listing page with --item.
        #[arg(value_name = "SOURCE")]
        source: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Wrap width in columns (default: the terminal's width, 80 when not a terminal).
        #[arg(long)]
        width: Option<usize>,
        /// Read the N-th item (1-based) of a feed or listing page.
        #[arg(long, value_name = "N")]
        item: Option<usize>,
    },
    /// Print the teasers of a feed or listing page.
    Teasers {
        #[arg(value_name = "SOURCE")]
        source: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TeaserFormat::Text)]
        format: TeaserFormat,
        /// Wrap width in columns (default: the terminal's width, 80 when not a terminal).
        #[arg(long)]
        width: Option<usize>,
    },
    /// Refresh every configured source into the offline cache, with progress and a summary.
    Reload,
    /// Add the feeds of an OPML file to the config (only http(s) feed URLs; duplicates skipped).
    Import {
        #[arg(value_name = "FILE.opml")]
        file: std::path::PathBuf,
    },
    /// Print the configured sources as OPML 2.0.
    Export,
    /// Show the configuration.
    Config {
        /// Print the documented default config.
        #[arg(long)]
        default: bool,
        /// Print the config file's path.
        #[arg(long, conflicts_with = "default")]
        path: bool,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Ansi,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeaserFormat {
    Text,
    Json,
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
            fill_from_teaser(&mut a, &item.teaser);
            Ok(*a)
        }
        _ => Err(CliError(format!("{url}: not an article page"))),
    }
}

/// What the teaser knows and the page did not say.
pub fn fill_from_teaser(a: &mut Article, t: &Teaser) {
    if a.title.trim().is_empty() {
        a.title = t.title.clone();
    }
    if a.published.is_none() {
        a.published = t.published.clone();
    }
    if a.source.is_none() {
        a.source = t.source.clone();
    }
    if a.url.is_none() {
        a.url = t.url.clone();
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
        let loaded = load(&client, &loc, kind).await?;
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
            (p, None) => {
                let l = items_of(p).expect("feed or listing");
                Err(CliError(format!(
                    "{source} is a {} with {} items: choose one with --item N (list them with `blatt teasers`)",
                    if matches!(p, Parsed::Feed(_)) { "feed" } else { "listing page" },
                    l.items.len()
                )))
            }
        }
    })?;
    Ok(match format {
        Format::Json => serde_json::to_string_pretty(&article).expect("serializable") + "\n",
        Format::Text => {
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
    let (teasers, feeds): (Vec<Teaser>, Vec<String>) = match &loaded.parsed {
        Parsed::Feed(l) | Parsed::Listing(l) => (
            l.items.iter().map(|i| i.teaser.clone()).collect(),
            l.feeds.clone(),
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
            output::teasers_text(&teasers, &feeds, width.unwrap_or_else(terminal_width))
        }
    })
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
    } else if cfg.sources.is_empty() {
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

/// `blatt reload`: every configured source into the store; progress on stderr when it is a terminal.
pub fn reload(explicit_config: Option<&std::path::Path>) -> Result<(), CliError> {
    use crate::reload::{self, Job, Limits, Outcome};
    use std::io::IsTerminal;
    let cfg = load_config(explicit_config)?;
    if cfg.sources.is_empty() {
        return Err(CliError(
            "no sources configured: add [[source]] entries to the config (see `blatt config --default`) or `blatt import FILE.opml`".into(),
        ));
    }
    let mut store = open_store()?;
    let rows = sync_sources(&cfg, &mut store).map_err(|e| CliError(e.to_string()))?;
    let jobs: Vec<Job> = rows.iter().map(Job::from_row).collect();
    let total = jobs.len();
    let client = Client::new(Options {
        timeout: std::time::Duration::from_secs(cfg.reload.timeout),
        ..Options::default()
    })
    .map_err(|e| CliError(e.to_string()))?;
    let limits = Limits {
        concurrency: cfg.reload.concurrency,
        per_host: cfg.reload.per_host,
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError(format!("cannot start the runtime: {e}")))?;
    let tty = std::io::stderr().is_terminal();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let (mut new, mut updated, mut unchanged, mut done) = (0usize, 0usize, 0usize, 0usize);
    let mut failed: Vec<(String, String)> = Vec::new();
    let mut store_error = None;
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
    if tty {
        eprint!("\r\x1b[2K");
    }
    let ok = total - failed.len();
    eprintln!(
        "{total} sources: {new} new items, {updated} updated, {unchanged} unchanged (304), {} failed",
        failed.len()
    );
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
    Ok(())
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

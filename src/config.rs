//! The configuration file (TOML), its paths (XDG) and its documented default.
//!
//! A config that does not read whole is an error naming the file, line and column: blatt never starts
//! on a half-read config.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The documented default config, printed by `blatt config --default`.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/default-config.toml");

#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default, rename = "source")]
    pub sources: Vec<SourceConfig>,
    #[serde(default)]
    pub reload: ReloadConfig,
    /// Command name to one key or a list of keys.
    #[serde(default)]
    pub keys: BTreeMap<String, KeyBinding>,
    #[serde(default)]
    pub theme: ThemeConfig,
    #[serde(default)]
    pub mouse: MouseConfig,
    #[serde(default)]
    pub clipboard: ClipboardConfig,
    #[serde(default)]
    pub save: SaveConfig,
    #[serde(default)]
    pub pipe: PipeConfig,
    #[serde(default)]
    pub images: ImagesConfig,
    /// `[sync]`: a server that keeps the subscriptions and read/starred marks (absent: no sync).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync: Option<SyncConfig>,
}

/// `[sync]`: the server blatt syncs with. The password never goes into the config: it comes from
/// `password_command` (run without a shell, first line of its output) or `password_file`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncConfig {
    pub kind: SyncKind,
    /// The API's address: the Google Reader endpoint (FreshRSS: `…/api/greader.php`, Miniflux: the
    /// instance's base URL) or the TT-RSS instance's base URL (`api/` is added).
    pub url: String,
    pub user: String,
    /// A command whose first line of output is the password, e.g. `pass show rss`: a string split
    /// into words (quotes group, no other shell syntax) or a list of words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_command: Option<PasswordCommand>,
    /// A file whose first line is the password (`~/` is the home folder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_file: Option<String>,
    /// Refused with a message of its own (read only to say so; its value is never kept).
    #[serde(default, skip_serializing)]
    password: Option<Refused>,
}

/// A value that is read only to be refused, and not kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Refused;

impl<'de> Deserialize<'de> for Refused {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d)?;
        Ok(Refused)
    }
}

/// `[sync] kind`: which API the server speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SyncKind {
    /// The Google Reader API: FreshRSS, Miniflux, Inoreader and others.
    #[serde(rename = "greader")]
    GReader,
    /// Tiny Tiny RSS's JSON API.
    #[serde(rename = "ttrss")]
    TtRss,
}

impl SyncKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SyncKind::GReader => "greader",
            SyncKind::TtRss => "ttrss",
        }
    }
}

/// `password_command`: one string of words, or the words as a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PasswordCommand {
    Line(String),
    Words(Vec<String>),
}

impl PasswordCommand {
    /// The program and its arguments (a string is split into words: blanks separate, single and
    /// double quotes group, a backslash escapes the next character; nothing else is special).
    pub fn words(&self) -> Result<Vec<String>, String> {
        let words = match self {
            PasswordCommand::Words(w) => w.clone(),
            PasswordCommand::Line(l) => split_words(l)?,
        };
        if words.first().is_none_or(|w| w.is_empty()) {
            return Err("sync.password_command is empty".into());
        }
        Ok(words)
    }
}

impl SyncConfig {
    /// A config for `kind` at `url` as `user` with the password in `password_file`.
    pub fn new(kind: SyncKind, url: &str, user: &str, password_file: &str) -> SyncConfig {
        SyncConfig {
            kind,
            url: url.to_string(),
            user: user.to_string(),
            password_command: None,
            password_file: Some(password_file.to_string()),
            password: None,
        }
    }
}

/// Splits a command line into words without a shell: blanks separate words, '…' and "…" group (no
/// expansion inside), a backslash outside single quotes takes the next character as it is.
pub fn split_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some(n) => cur.push(n),
                    None => return Err("sync.password_command ends in a backslash".into()),
                }
            }
            '\'' | '"' => {
                in_word = true;
                let mut closed = false;
                while let Some(n) = chars.next() {
                    if n == c {
                        closed = true;
                        break;
                    }
                    if n == '\\' && c == '"' {
                        match chars.next() {
                            Some(e) => cur.push(e),
                            None => break,
                        }
                    } else {
                        cur.push(n);
                    }
                }
                if !closed {
                    return Err(format!("sync.password_command has an unclosed {c}"));
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    Ok(words)
}

/// `[mouse]`: wheel, clicks and dragging the divider; off means no mouse capture at all (the
/// terminal's own selection works then).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MouseConfig {
    pub enabled: bool,
}

impl Default for MouseConfig {
    fn default() -> Self {
        MouseConfig { enabled: true }
    }
}

/// `[clipboard]`: copying a URL writes an OSC 52 sequence to the terminal; opt-in, since some
/// terminals block it or ask first.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ClipboardConfig {
    pub osc52: bool,
}

/// `[save]`: where `save_article` (`w`) writes an article as Markdown.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SaveConfig {
    /// A folder (`~/` is the home folder); unset: `$XDG_DOWNLOAD_DIR`, else `~/Downloads`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dir: Option<String>,
}

/// `[pipe]`: the command `pipe_article` (`|`) hands the article's Markdown to on its stdin, run
/// without a shell with the terminal handed over (a pager, a note-taking tool).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PipeConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<PasswordCommand>,
}

/// `[images]`: pictures in the article pane.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImagesConfig {
    pub mode: ImagesMode,
}

/// How pictures are shown: `auto` (kitty, iTerm2 or sixel where the terminal answers that it can,
/// else the alt line), `off` (always the alt line), `halfblocks` (coloured `▀` cells, any terminal
/// with colours).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImagesMode {
    #[default]
    Auto,
    Off,
    Halfblocks,
}

impl Config {
    /// The folder articles are saved to: `[save] dir` (`~/` expanded), else `$XDG_DOWNLOAD_DIR`
    /// (absolute), else `~/Downloads`; `None` without a home folder.
    pub fn save_dir(&self) -> Option<PathBuf> {
        let home = std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(PathBuf::from);
        if let Some(d) = self.save.dir.as_deref().filter(|d| !d.trim().is_empty()) {
            return match d.strip_prefix("~/") {
                Some(rest) => home.map(|h| h.join(rest)),
                None if d == "~" => home,
                None => Some(PathBuf::from(d)),
            };
        }
        match std::env::var_os("XDG_DOWNLOAD_DIR") {
            Some(v) if Path::new(&v).is_absolute() => Some(PathBuf::from(v)),
            _ => home.map(|h| h.join("Downloads")),
        }
    }

    /// `[pipe] command` as program and arguments; `None` when unset; an error for an empty one.
    pub fn pipe_command(&self) -> Result<Option<Vec<String>>, String> {
        match &self.pipe.command {
            None => Ok(None),
            Some(c) => c
                .words()
                .map(Some)
                .map_err(|e| e.replace("sync.password_command", "pipe.command")),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum KeyBinding {
    One(String),
    Many(Vec<String>),
}

impl KeyBinding {
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeyBinding::One(k) => vec![k.as_str()],
            KeyBinding::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceConfig {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default)]
    pub kind: SourceKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    #[default]
    Auto,
    Feed,
    Listing,
    Article,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Auto => "auto",
            SourceKind::Feed => "feed",
            SourceKind::Listing => "listing",
            SourceKind::Article => "article",
        }
    }

    pub fn hint(self) -> crate::parse::KindHint {
        use crate::parse::KindHint;
        match self {
            SourceKind::Auto => KindHint::Auto,
            SourceKind::Feed => KindHint::Feed,
            SourceKind::Listing => KindHint::Listing,
            SourceKind::Article => KindHint::Article,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReloadConfig {
    pub concurrency: usize,
    pub per_host: usize,
    /// Seconds.
    pub timeout: u64,
    /// Minutes; 0 = never automatically.
    pub interval: u64,
}

impl Default for ReloadConfig {
    fn default() -> Self {
        ReloadConfig {
            concurrency: 16,
            per_host: 2,
            timeout: 30,
            interval: 30,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThemeConfig {
    pub name: ThemeName,
    /// How many colours the terminal shows; `auto` reads `COLORTERM` and `TERM`.
    pub colors: ColorDepth,
}

impl Default for ThemeConfig {
    fn default() -> Self {
        ThemeConfig {
            name: ThemeName::Auto,
            colors: ColorDepth::Auto,
        }
    }
}

impl From<ThemeName> for ThemeConfig {
    fn from(name: ThemeName) -> Self {
        ThemeConfig {
            name,
            ..ThemeConfig::default()
        }
    }
}

impl From<&ThemeConfig> for ThemeConfig {
    fn from(c: &ThemeConfig) -> Self {
        c.clone()
    }
}

/// `[theme] colors`: the colour depth to draw with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ColorDepth {
    #[default]
    #[serde(rename = "auto")]
    Auto,
    /// 24-bit RGB.
    #[serde(rename = "truecolor", alias = "24bit")]
    Truecolor,
    /// The xterm 256-colour palette.
    #[serde(rename = "256")]
    Ansi256,
    /// The 16 named ANSI colours (the terminal's own palette).
    #[serde(rename = "16")]
    Ansi16,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    Auto,
    Dark,
    Light,
}

impl Config {
    /// The keymap: the defaults with `[keys]` applied (the config was checked when parsed).
    pub fn keymap(&self) -> Result<crate::app::Keymap, String> {
        crate::app::Keymap::with_overrides(
            self.keys.iter().map(|(name, b)| (name.as_str(), b.keys())),
        )
    }
}

/// A config file that could not be read, with where.
/// Written `file:line:col: message`; an error about the whole file (it cannot be read) has no
/// position (line 0) and is written `file: message`.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[error("{path}{}: {message}", position(*line, *column))]
pub struct ConfigError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

fn position(line: usize, column: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(":{line}:{column}")
    }
}

/// `$XDG_CONFIG_HOME/blatt/config.toml`, else `~/.config/blatt/config.toml`.
pub fn default_config_path() -> Option<PathBuf> {
    xdg_dir("XDG_CONFIG_HOME", ".config").map(|d| d.join("blatt").join("config.toml"))
}

/// `$XDG_DATA_HOME/blatt/blatt.db`, else `~/.local/share/blatt/blatt.db`.
pub fn default_db_path() -> Option<PathBuf> {
    xdg_dir("XDG_DATA_HOME", ".local/share").map(|d| d.join("blatt").join("blatt.db"))
}

/// `$XDG_STATE_HOME/blatt`, else `~/.local/state/blatt` (the log file lives here).
pub fn state_dir() -> Option<PathBuf> {
    xdg_dir("XDG_STATE_HOME", ".local/state").map(|d| d.join("blatt"))
}

fn xdg_dir(var: &str, fallback: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(v) if Path::new(&v).is_absolute() => Some(PathBuf::from(v)),
        _ => std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(|h| PathBuf::from(h).join(fallback)),
    }
}

/// Line and column (1-based, columns in characters) of byte offset `at` in `text`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let mut at = at;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Parses config text; `path` is only used in error messages.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let err = |at: usize, message: String| {
        let (line, column) = line_col(text, at);
        ConfigError {
            path: path.display().to_string(),
            line,
            column,
            message,
        }
    };
    let cfg: Config = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        err(at, e.message().trim().replace('\n', " "))
    })?;
    // checks serde cannot express, located by searching the text for the offending value
    let find = |needle: &str| text.find(needle).unwrap_or(0);
    for s in &cfg.sources {
        if s.url.trim().is_empty() {
            return Err(err(find("url"), "a source's url is empty".into()));
        }
        if let Err(e) = crate::fetch::Location::parse(&s.url) {
            return Err(err(find(&s.url), format!("source {}: {e}", s.url)));
        }
    }
    if cfg.reload.concurrency == 0 {
        return Err(err(
            find("concurrency"),
            "reload.concurrency must be at least 1".into(),
        ));
    }
    if cfg.reload.per_host == 0 {
        return Err(err(
            find("per_host"),
            "reload.per_host must be at least 1".into(),
        ));
    }
    let keys_at = text.find("[keys]").unwrap_or(0);
    let find_key = |needle: &str| {
        text[keys_at..]
            .find(needle)
            .map_or(keys_at, |i| keys_at + i)
    };
    for (name, binding) in &cfg.keys {
        if crate::app::Command::from_name(name).is_none() {
            return Err(err(
                find_key(name),
                format!(
                    "unknown command `{name}` in [keys] (commands: {})",
                    crate::app::Command::ALL.map(|c| c.name()).join(", ")
                ),
            ));
        }
        for k in binding.keys() {
            if let Err(bad) = crate::app::keymap::parse_seq(k) {
                return Err(err(
                    find_key(&format!("\"{k}\"")),
                    if bad == k {
                        format!("unknown key `{k}` for {name}")
                    } else {
                        format!("unknown key `{bad}` in `{k}` for {name}")
                    },
                ));
            }
        }
    }
    // bindings that clash (the same key twice, or a key that starts another binding's sequence)
    if let Err(e) = cfg.keymap() {
        let at = e
            .split('`')
            .nth(1)
            .map_or(keys_at, |k| find_key(&format!("\"{k}\"")));
        return Err(err(at, e));
    }
    if cfg.reload.timeout == 0 {
        return Err(err(
            find("timeout"),
            "reload.timeout must be at least 1 second".into(),
        ));
    }
    if let Some(sync) = &cfg.sync {
        let at = text.find("[sync]").unwrap_or(0);
        let find_sync = |needle: &str| text[at..].find(needle).map_or(at, |i| at + i);
        if sync.password.is_some() {
            return Err(err(
                find_sync("password"),
                "the password never goes into the config: give sync.password_command (e.g. \"pass show rss\") or sync.password_file".into(),
            ));
        }
        match crate::fetch::Location::parse(&sync.url) {
            Ok(crate::fetch::Location::Url(u)) if u.host_str().is_some() => {}
            _ => {
                return Err(err(
                    find_sync(&sync.url),
                    format!("sync.url must be an http(s) URL, not `{}`", sync.url),
                ))
            }
        }
        if sync.user.trim().is_empty() {
            return Err(err(find_sync("user"), "sync.user is empty".into()));
        }
        match (&sync.password_command, &sync.password_file) {
            (None, None) => {
                return Err(err(
                    at,
                    "[sync] needs password_command (e.g. \"pass show rss\") or password_file"
                        .into(),
                ))
            }
            (Some(_), Some(_)) => {
                return Err(err(
                    find_sync("password_file"),
                    "[sync] takes password_command or password_file, not both".into(),
                ))
            }
            (Some(c), None) => {
                if let Err(e) = c.words() {
                    return Err(err(find_sync("password_command"), e));
                }
            }
            (None, Some(f)) if f.trim().is_empty() => {
                return Err(err(
                    find_sync("password_file"),
                    "sync.password_file is empty".into(),
                ))
            }
            _ => {}
        }
    }
    Ok(cfg)
}

/// Reads the config at `path`. A missing file at the default path is an empty config; a missing file
/// named with `--config` is an error.
pub fn load(path: &Path, explicit: bool) -> Result<Config, ConfigError> {
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes).map_err(|e| {
                let (line, column) = (1, 1);
                ConfigError {
                    path: path.display().to_string(),
                    line,
                    column,
                    message: format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
                }
            })?;
            parse(&text, path)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => Ok(Config::default()),
        Err(e) => Err(ConfigError {
            path: path.display().to_string(),
            line: 0,
            column: 0,
            message: e.to_string(),
        }),
    }
}

/// Appends `[[source]]` tables for `sources` to the config file at `path`, keeping the user's text and
/// comments as they are (a new file starts from the documented default). The result is parsed before
/// it replaces the file, and the write is atomic (a temporary file renamed over it).
pub fn append_sources(path: &Path, sources: &[SourceConfig]) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct Wrapper<'a> {
        source: &'a [SourceConfig],
    }
    let mut text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => DEFAULT_CONFIG.to_string(),
        Err(e) => return Err(e),
    };
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for s in sources {
        let t = toml::to_string(&Wrapper {
            source: std::slice::from_ref(s),
        })
        .map_err(std::io::Error::other)?;
        text.push('\n');
        text.push_str(&t);
    }
    parse(&text, path).map_err(|e| std::io::Error::other(e.to_string()))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_config_parses_to_the_defaults() {
        let c = parse(DEFAULT_CONFIG, Path::new("default")).expect("default parses");
        assert_eq!(c, Config::default());
    }

    #[test]
    fn full_config() {
        let c = parse(
            r#"
[[source]]
url = "https://blatt.example/feed.xml"
name = "Kommunal"
kind = "feed"
tags = ["it"]

[[source]]
url = "news/local.html"

[reload]
concurrency = 4
interval = 0

[keys]
next_turn = "]"
quit = ["q", "ctrl-c"]

[theme]
name = "light"
colors = "256"
"#,
            Path::new("c.toml"),
        )
        .unwrap();
        assert_eq!(c.sources.len(), 2);
        assert_eq!(c.sources[0].kind, SourceKind::Feed);
        assert_eq!(c.sources[1].kind, SourceKind::Auto);
        assert_eq!(c.reload.concurrency, 4);
        assert_eq!(c.reload.per_host, 2);
        assert_eq!(c.keys["quit"].keys(), vec!["q", "ctrl-c"]);
        assert_eq!(c.theme.name, ThemeName::Light);
        assert_eq!(c.theme.colors, ColorDepth::Ansi256);
        for (v, d) in [
            ("auto", ColorDepth::Auto),
            ("truecolor", ColorDepth::Truecolor),
            ("24bit", ColorDepth::Truecolor),
            ("16", ColorDepth::Ansi16),
        ] {
            let c = parse(&format!("[theme]\ncolors = \"{v}\"\n"), Path::new("c")).unwrap();
            assert_eq!(c.theme.colors, d, "{v}");
        }
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let e = parse(
            "[reload]\nconcurrency = 4\nintervall = 3\n",
            Path::new("/tmp/c.toml"),
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (3, 1), "{e}");
        assert!(e.to_string().starts_with("/tmp/c.toml:3:1: "), "{e}");
        assert!(e.message.contains("intervall"), "{e}");
        let e = parse("[[source]]\nurl = \"exec:rm -rf ~\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains("unsupported URL scheme exec"), "{e}");
        let e = parse("[reload]\nconcurrency = \"x\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = parse("[theme]\nname = \"pink\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = parse("[theme]\n\ncolors = \"88\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("88"), "{e}");
        let e = parse("[[source]\nurl = 1", Path::new("c.toml")).unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        let e = parse(
            "[reload]\ninterval = 5\n\n[keys]\nquit = \"q\"\nfly = \"f\"\n",
            Path::new("c.toml"),
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (6, 1), "{e}");
        assert!(e.message.contains("unknown command `fly`"), "{e}");
        let e = parse("[keys]\nquit = [\"q\", \"hyper-q\"]\n", Path::new("c.toml")).unwrap_err();
        assert_eq!((e.line, e.column), (2, 14), "{e}");
        assert!(e.message.contains("unknown key `hyper-q`"), "{e}");
    }

    #[test]
    fn appending_sources_keeps_comments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("blatt/config.toml");
        let s = |u: &str| SourceConfig {
            url: u.into(),
            name: Some("Name \"quoted\"".into()),
            kind: SourceKind::Auto,
            tags: vec!["a".into()],
        };
        append_sources(&path, &[s("https://a.example/feed")]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# blatt configuration"));
        let edited = text.replace("name = \"auto\"", "# mine\nname = \"dark\"");
        std::fs::write(&path, edited).unwrap();
        append_sources(&path, &[s("https://b.example/feed")]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("# mine"));
        let c = parse(&text, &path).unwrap();
        assert_eq!(c.sources.len(), 2);
        assert_eq!(c.sources[1].name.as_deref(), Some("Name \"quoted\""));
        assert_eq!(c.theme.name, ThemeName::Dark);
    }

    #[test]
    fn sync_section() {
        let c = parse(
            "[sync]\nkind = \"ttrss\"\nurl = \"https://rss.example.org/tt-rss/\"\nuser = \"greta\"\npassword_command = \"pass show 'rss server'\"\n",
            Path::new("c.toml"),
        )
        .unwrap();
        let s = c.sync.as_ref().unwrap();
        assert_eq!(s.kind, SyncKind::TtRss);
        assert_eq!(
            s.password_command.as_ref().unwrap().words().unwrap(),
            vec!["pass", "show", "rss server"]
        );
        // `blatt config` prints it back without a password field
        let printed = toml::to_string_pretty(&c).unwrap();
        assert!(
            printed.contains("[sync]") && !printed.contains("password ="),
            "{printed}"
        );
        assert_eq!(parse(&printed, Path::new("p")).unwrap(), c);
        let c = parse(
            "[sync]\nkind = \"greader\"\nurl = \"http://127.0.0.1:8080/api/greader.php\"\nuser = \"u\"\npassword_command = [\"secret-tool\", \"lookup\", \"rss\"]\n",
            Path::new("c.toml"),
        )
        .unwrap();
        assert_eq!(
            c.sync
                .unwrap()
                .password_command
                .unwrap()
                .words()
                .unwrap()
                .len(),
            3
        );
        let bad = |text: &str| parse(text, Path::new("c.toml")).unwrap_err();
        let e = bad("[sync]\nkind = \"greader\"\nurl = \"https://a.example/\"\nuser = \"u\"\npassword = \"geheim\"\n");
        assert!(e.message.contains("never goes into the config"), "{e}");
        assert!(!e.to_string().contains("geheim"), "{e}");
        assert_eq!(e.line, 5, "{e}");
        let e = bad("[sync]\nkind = \"greader\"\nurl = \"https://a.example/\"\nuser = \"u\"\n");
        assert!(e.message.contains("needs password_command"), "{e}");
        let e = bad("[sync]\nkind = \"fever\"\nurl = \"https://a.example/\"\nuser = \"u\"\npassword_file = \"p\"\n");
        assert_eq!(e.line, 2, "{e}");
        let e = bad("[sync]\nkind = \"ttrss\"\nurl = \"ftp://a.example/\"\nuser = \"u\"\npassword_file = \"p\"\n");
        assert!(e.message.contains("http(s) URL"), "{e}");
        let e = bad("[sync]\nkind = \"ttrss\"\nurl = \"https://a.example/\"\nuser = \"u\"\npassword_file = \"p\"\npassword_command = \"x\"\n");
        assert!(e.message.contains("not both"), "{e}");
        let e = bad("[sync]\nkind = \"ttrss\"\nurl = \"https://a.example/\"\nuser = \"u\"\npassword_command = \"pass 'rss\"\n");
        assert!(e.message.contains("unclosed"), "{e}");
    }

    #[test]
    fn words_without_a_shell() {
        assert_eq!(
            split_words(r#"pass show "a b" 'c $d' e\ f ;rm"#).unwrap(),
            vec!["pass", "show", "a b", "c $d", "e f", ";rm"]
        );
        assert_eq!(split_words("  ").unwrap(), Vec::<String>::new());
        assert_eq!(split_words("a ''").unwrap(), vec!["a", ""]);
        assert!(split_words("a\\").is_err());
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ä\nöü x", 7), (2, 3));
        assert_eq!(line_col("abc", 0), (1, 1));
    }
}

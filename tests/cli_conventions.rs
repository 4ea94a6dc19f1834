//! The conventions of a good command-line tool, checked on the real binary: `--version`, `--help`
//! with examples, shell completions (syntax-checked and loaded by bash when it is installed), the man
//! page (rendered by `man` when it is installed), every documented exit status, and colour only where
//! it belongs (a terminal without `NO_COLOR`, or `--format ansi`).

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_blatt");

/// The subcommands a user sees; completions and the man page must know every one.
const COMMANDS: &[&str] = &[
    "read",
    "teasers",
    "reload",
    "sync",
    "items",
    "mark",
    "import",
    "export",
    "config",
    "completions",
    "man",
];

/// An interview page of our own: two speakers, so `--format ansi` has speaker colours to show.
const INTERVIEW: &str = r#"<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>„Das Formular muss zum Menschen kommen“</title></head>
<body><main><article>
<h1>„Das Formular muss zum Menschen kommen“</h1>
<p class="lead">Kleinhausen hat seine Bürgerdienste umgebaut. Ein Gespräch mit der Amtsleiterin Wiebke Sonnenfeld.</p>
<p><strong>Redaktion:</strong> Frau Sonnenfeld, was hat sich für die Menschen in Kleinhausen geändert?</p>
<p><strong>Wiebke Sonnenfeld:</strong> Wer einen Anwohnerparkausweis braucht, muss nicht mehr ins Rathaus. Der Antrag dauert fünf Minuten, der Ausweis kommt mit der Post.</p>
<p><strong>Redaktion:</strong> Und wer kein Smartphone hat?</p>
<p><strong>Sonnenfeld:</strong> Der kommt weiter ins Bürgerbüro. Wir haben die Schalter nicht abgeschafft, wir haben ihnen Arbeit abgenommen.</p>
<p><strong>Redaktion:</strong> Was war die größte Hürde?</p>
<p><strong>Sonnenfeld:</strong> Die Gebührensatzung. Sie kannte nur Bargeld und Überweisung, und sie zu ändern hat länger gedauert als die Software.</p>
</article></main></body></html>
"#;

/// A feed of our own with two items.
const FEED: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Kleinhausener Rathausnachrichten</title>
<link>https://kleinhausen.example/</link>
<description>Aus dem Rathaus</description>
<item><title>Neue Öffnungszeiten im Bürgerbüro</title><link>https://kleinhausen.example/a/1</link>
<pubDate>Tue, 10 Nov 2026 09:00:00 +0100</pubDate><description>Ab Dezember auch samstags.</description>
<content:encoded><![CDATA[<p>Das Bürgerbüro öffnet ab Dezember auch an jedem ersten Samstag im Monat.</p>]]></content:encoded></item>
<item><title>Glasfaser für den Ortsteil Unterbach</title><link>https://kleinhausen.example/a/2</link>
<pubDate>Mon, 09 Nov 2026 12:00:00 +0100</pubDate><description>Die Bauarbeiten beginnen im Frühjahr.</description>
<content:encoded><![CDATA[<p>Die Bauarbeiten in Unterbach beginnen im Frühjahr und dauern bis zum Herbst.</p>]]></content:encoded></item>
</channel></rss>
"#;

/// A temporary home: HOME and the XDG folders inside it, and our pages as files.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let h = Home {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        std::fs::write(h.interview(), INTERVIEW).unwrap();
        std::fs::write(h.feed(), FEED).unwrap();
        h
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn interview(&self) -> PathBuf {
        self.path().join("interview.html")
    }

    fn feed(&self) -> PathBuf {
        self.path().join("feed.xml")
    }

    fn config(&self) -> PathBuf {
        self.path().join("config.toml")
    }

    fn write_config(&self, sources: &[&Path]) {
        let mut t = String::new();
        for s in sources {
            t.push_str(&format!(
                "[[source]]\nurl = {:?}\n\n",
                s.display().to_string()
            ));
        }
        std::fs::write(self.config(), t).unwrap();
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .current_dir(self.path())
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("XDG_STATE_HOME", self.path().join("state"))
            .env_remove("NO_COLOR")
            .env_remove("BLATT_TIMEOUT_SECS")
            .env("TERM", "xterm-256color")
            .stdin(Stdio::null());
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run blatt")
    }

    fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = self.command(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("run blatt")
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

/// Exit status `code`, and for a failure: nothing on stdout, no panic, no backtrace.
fn assert_code(o: &Output, code: i32, what: &str) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "{what}: stdout {:?}, stderr {:?}",
        stdout(o),
        stderr(o)
    );
    if code != 0 {
        assert!(o.stdout.is_empty(), "{what}: stdout {:?}", stdout(o));
        assert!(!stderr(o).contains("panicked"), "{what}: {}", stderr(o));
        assert!(
            !stderr(o).contains("RUST_BACKTRACE"),
            "{what}: {}",
            stderr(o)
        );
    }
}

/// Is `program` on PATH (and runnable)?
/// Runs `cmd` with `input` on its stdin; its output and status.
fn piped(cmd: &mut Command, input: &str) -> Output {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the command");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write its input");
    child.wait_with_output().expect("the command finishes")
}

fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn has_sgr(bytes: &[u8]) -> bool {
    // CSI ... m with a colour (30-37, 38;..., 90-97) somewhere in the output
    let s = String::from_utf8_lossy(bytes);
    s.split("\u{1b}[").skip(1).any(|rest| {
        let Some(end) = rest.find('m') else {
            return false;
        };
        let params = &rest[..end];
        params.chars().all(|c| c.is_ascii_digit() || c == ';')
            && params.split(';').any(|p| {
                p.parse::<u32>()
                    .is_ok_and(|n| (30..=38).contains(&n) || (90..=97).contains(&n))
            })
    })
}

// ---------------------------------------------------------------------------------------------
// --version and --help

#[test]
fn version_prints_name_and_version() {
    let h = Home::new();
    let want = format!("blatt {}\n", env!("CARGO_PKG_VERSION"));
    for flag in ["--version", "-V"] {
        let o = h.run(&[flag]);
        assert_code(&o, 0, flag);
        assert_eq!(stdout(&o), want, "{flag}");
        assert!(o.stderr.is_empty());
    }
}

#[test]
fn help_has_examples_exit_statuses_and_environment() {
    let h = Home::new();
    let long = h.run(&["--help"]);
    assert_code(&long, 0, "--help");
    let text = stdout(&long);
    for command in COMMANDS {
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with(&format!("{command} "))),
            "{command} listed: {text}"
        );
    }
    let examples = text.find("Examples:").expect("an Examples section");
    let status = text.find("Exit status:").expect("an Exit status section");
    assert!(examples < status);
    assert!(text[examples..status].contains("blatt read "), "{text}");
    // every documented status, each on its own line with its meaning
    for (code, meaning) in blatt::cli::EXIT_CODES {
        let line = text[status..]
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{code} ")))
            .unwrap_or_else(|| panic!("status {code} documented: {text}"));
        let first_word = meaning.split_whitespace().next().unwrap();
        assert!(line.contains(first_word), "{line}");
    }
    for var in ["NO_COLOR", "BLATT_TIMEOUT_SECS", "XDG_CONFIG_HOME"] {
        assert!(text.contains(var), "{var}: {text}");
    }
    // -h: the short help, still with examples, pointing to --help for the rest
    let short = h.run(&["-h"]);
    assert_code(&short, 0, "-h");
    let s = stdout(&short);
    assert!(s.contains("Examples:"), "{s}");
    assert!(!s.contains("Exit status:"), "{s}");
    assert!(s.contains("--help"), "{s}");
    assert!(s.len() < text.len());
}

#[test]
fn every_scripting_command_has_help_with_its_own_examples() {
    let h = Home::new();
    for &command in COMMANDS {
        for args in [vec![command, "--help"], vec!["help", command]] {
            let o = h.run(&args);
            assert_code(&o, 0, &format!("{args:?}"));
            let text = stdout(&o);
            assert!(
                text.contains(&format!("Usage: blatt {command}")),
                "{args:?}: {text}"
            );
            let ex = text
                .find("Examples:")
                .unwrap_or_else(|| panic!("{args:?} has examples: {text}"));
            let examples = &text[ex..];
            assert!(
                examples
                    .lines()
                    .skip(1)
                    .filter(|l| l.trim_start().starts_with(&format!("blatt {command}")))
                    .count()
                    >= 1,
                "{args:?}: every example uses the command: {examples}"
            );
        }
    }
    let read = stdout(&h.run(&["read", "--help"]));
    for v in ["auto", "text", "ansi", "json"] {
        assert!(read.contains(&format!("- {v}:")), "{v}: {read}");
    }
    assert!(read.contains("[default: auto]"), "{read}");
    let reload = stdout(&h.run(&["reload", "--help"]));
    assert!(reload.contains("--strict"), "{reload}");
}

// ---------------------------------------------------------------------------------------------
// completions

fn completion(h: &Home, shell: &str) -> String {
    let o = h.run(&["completions", shell]);
    assert_code(&o, 0, shell);
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn completions_name_every_command_and_option() {
    let h = Home::new();
    for shell in ["bash", "zsh", "fish"] {
        let script = completion(&h, shell);
        assert!(script.len() > 500, "{shell}: {script}");
        for command in COMMANDS {
            assert!(script.contains(command), "{shell}: {command}");
        }
        for option in ["format", "item", "width", "strict", "kind", "config"] {
            assert!(script.contains(option), "{shell}: --{option}");
        }
        // value lists come from the same definition
        for value in ["json", "ansi", "listing"] {
            assert!(script.contains(value), "{shell}: {value}");
        }
        // (clap_complete's fish script completes no positional values, so no shell names there)
        if shell != "fish" {
            for value in ["bash", "zsh", "powershell"] {
                assert!(script.contains(value), "{shell}: {value}");
            }
        }
        // the shell checks it when it is here; the others are skipped with a note
        let check = match shell {
            "bash" => "bash",
            "zsh" => "zsh",
            _ => "fish",
        };
        if have(check) {
            let file = h.path().join(format!("blatt.{shell}"));
            std::fs::write(&file, &script).unwrap();
            let o = Command::new(check)
                .arg("-n")
                .arg(&file)
                .output()
                .expect("run the shell");
            assert!(o.status.success(), "{shell} -n: {}", stderr(&o));
        } else {
            eprintln!("note: {check} is not installed: the {shell} script is not syntax-checked");
        }
    }
    // an unknown shell is a usage error
    let o = h.run(&["completions", "tcsh"]);
    assert_code(&o, 2, "completions tcsh");
    assert!(stderr(&o).contains("tcsh"), "{}", stderr(&o));
}

#[test]
fn bash_loads_the_completion_and_completes_commands_and_values() {
    if !have("bash") {
        eprintln!("note: bash is not installed: skipping the bash completion check");
        return;
    }
    let h = Home::new();
    let file = h.path().join("blatt.bash");
    std::fs::write(&file, completion(&h, "bash")).unwrap();
    // registered, and the registered function completes
    let script = format!(
        r#"source {file}
complete -p blatt || exit 7
fn=$(complete -p blatt | sed -n 's/.* -F \([^ ]*\) .*/\1/p')
[ -n "$fn" ] || exit 8
try() {{
    COMP_WORDS=("$@"); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
    COMP_LINE="$*"; COMP_POINT=${{#COMP_LINE}}; COMPREPLY=()
    "$fn" blatt "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
    echo "$1 $2 ${{COMP_WORDS[COMP_CWORD]}} => ${{COMPREPLY[*]}}"
}}
try blatt re
try blatt read --format ''
try blatt completions ''
try blatt reload --st
"#,
        file = file.display()
    );
    let o = Command::new("bash")
        .args(["--noprofile", "--norc", "-c", &script])
        .output()
        .expect("run bash");
    let out = stdout(&o);
    assert!(o.status.success(), "{out}\n{}", stderr(&o));
    assert!(out.contains("-F "), "complete -p blatt: {out}");
    let line = |prefix: &str| {
        out.lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("{prefix}: {out}"))
            .split(" => ")
            .nth(1)
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let re = line("blatt re re");
    assert!(re.contains(&"read".to_string()), "{re:?}");
    assert!(re.contains(&"reload".to_string()), "{re:?}");
    assert!(!re.contains(&"export".to_string()), "{re:?}");
    let formats = line("blatt read  ");
    for f in ["auto", "text", "ansi", "json"] {
        assert!(formats.contains(&f.to_string()), "{formats:?}");
    }
    let shells = line("blatt completions  ");
    for s in ["bash", "zsh", "fish"] {
        assert!(shells.contains(&s.to_string()), "{shells:?}");
    }
    assert_eq!(line("blatt reload --st"), vec!["--strict".to_string()]);
}

// ---------------------------------------------------------------------------------------------
// the man page

#[test]
fn the_man_page_is_generated_from_the_definition_and_renders() {
    let h = Home::new();
    let o = h.run(&["man"]);
    assert_code(&o, 0, "man");
    let roff = stdout(&o);
    let th = roff
        .lines()
        .find(|l| l.starts_with(".TH "))
        .expect("a .TH line");
    assert!(th.starts_with(".TH BLATT 1 "), "{th}");
    assert!(
        th.contains(&format!("blatt {}", env!("CARGO_PKG_VERSION"))),
        "{th}"
    );
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "EXAMPLES",
        "\"EXIT STATUS\"",
        "ENVIRONMENT",
    ] {
        assert!(
            roff.lines().any(|l| l == format!(".SH {section}")),
            "{section}: {roff}"
        );
    }
    for command in COMMANDS {
        assert!(
            roff.lines()
                .any(|l| l == format!(".SS \"blatt {command}\"")),
            "{command}: {roff}"
        );
    }
    // options of subcommands (roff escapes the dashes)
    for option in ["format", "item", "width", "strict"] {
        assert!(
            roff.contains(&format!("\\fB\\-\\-{option}\\fR")),
            "{option}"
        );
    }
    for (code, _) in blatt::cli::EXIT_CODES {
        assert!(roff.contains(&format!("\\fB{code}\\fR")), "{code}");
    }
    // no line of text that roff would take for a request
    for l in roff.lines() {
        assert!(
            !l.starts_with('\'') || l.starts_with("'\\\""),
            "a text line read as a request: {l}"
        );
    }

    if !have("man") {
        eprintln!("note: man is not installed: the man page is not rendered");
        return;
    }
    let out = piped(
        Command::new("man")
            .args(["-l", "-"])
            .env("MANWIDTH", "80")
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .env("LC_ALL", "C.UTF-8"),
        &roff,
    );
    assert!(
        out.status.success(),
        "man -l -: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "man warned: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = String::from_utf8_lossy(&out.stdout).replace(['\u{2010}', '\u{2212}'], "-");
    // (man may embolden with backspaces when it thinks it prints to a terminal)
    let page: String = {
        let mut s = String::new();
        for c in page.chars() {
            if c == '\u{8}' {
                s.pop();
            } else {
                s.push(c);
            }
        }
        s
    };
    assert!(page.contains("BLATT(1)"), "{page}");
    assert!(page.contains("EXIT STATUS"), "{page}");
    assert!(page.contains("blatt read"), "{page}");
    assert!(page.contains("--format"), "{page}");
    assert!(
        page.lines()
            .all(|l| l.chars().count() <= 80 || l.contains("blatt ")),
        "wrapped to MANWIDTH (examples excepted): {page}"
    );
    if have("groff") {
        // groff's own warnings, all of them
        let out = piped(
            Command::new("groff").args(["-man", "-Tutf8", "-ww", "-z"]),
            &roff,
        );
        assert!(
            out.stderr.is_empty(),
            "groff -ww: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// exit statuses

#[test]
fn exit_status_0_on_success() {
    let h = Home::new();
    let interview = h.interview();
    let feed = h.feed();
    for args in [
        vec!["read", interview.to_str().unwrap()],
        vec!["read", feed.to_str().unwrap(), "--item", "2"],
        vec!["teasers", feed.to_str().unwrap(), "--format", "json"],
        vec!["config", "--default"],
        vec!["export"],
        vec!["completions", "bash"],
        vec!["man"],
    ] {
        let o = h.run(&args);
        assert_code(&o, 0, &format!("{args:?}"));
        assert!(!o.stdout.is_empty(), "{args:?}");
    }
    let item = stdout(&h.run(&["read", feed.to_str().unwrap(), "--item", "2"]));
    assert!(item.contains("dauern bis zum Herbst"), "{item}");
}

#[test]
fn exit_status_1_on_runtime_errors_with_one_line_on_stderr() {
    let h = Home::new();
    let missing = h.path().join("missing.html");
    let not_a_feed = h.path().join("empty.xml");
    std::fs::write(&not_a_feed, "<?xml version=\"1.0\"?><rss><channel>").unwrap();
    let interview = h.interview();
    let feed = h.feed();
    std::fs::write(h.path().join("bad.toml"), "[reload]\ntimeout = \"lang\"\n").unwrap();
    for args in [
        vec!["read", missing.to_str().unwrap()],
        vec!["teasers", missing.to_str().unwrap()],
        // a feed without --item, an item that is not there, an article as a listing
        vec!["read", feed.to_str().unwrap()],
        vec!["read", feed.to_str().unwrap(), "--item", "9"],
        vec!["teasers", interview.to_str().unwrap()],
        vec!["read", "ftp://kleinhausen.example/a.html"],
        vec!["export", "--config", "bad.toml"],
        vec!["import", "missing.opml"],
        // nothing configured to reload, no sync server
        vec!["reload"],
        vec!["sync"],
        // no such item
        vec!["mark", "read", "7"],
        // the reader with stdout a pipe (the demo edition, and a file)
        vec![],
        vec![feed.to_str().unwrap()],
    ] {
        let o = h.run(&args);
        assert_code(&o, 1, &format!("{args:?}"));
        let err = stderr(&o);
        assert!(err.starts_with("blatt: "), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        if args.is_empty() || (args.len() == 1 && !["reload", "sync"].contains(&args[0])) {
            assert!(err.contains("needs a terminal"), "{args:?}: {err}");
            assert!(
                !o.stdout.contains(&0x1b),
                "{args:?}: escape sequences in the pipe"
            );
        }
    }
}

#[test]
fn exit_status_2_on_usage_errors() {
    let h = Home::new();
    let interview = h.interview();
    let i = interview.to_str().unwrap();
    for args in [
        vec!["--no-such-option"],
        vec!["read"],
        vec!["read", i, "--format", "pdf"],
        vec!["read", i, "--width", "breit"],
        vec!["read", i, "--item", "-1"],
        vec!["teasers", i, "--format", "ansi"],
        vec!["reload", "--strict", "extra"],
        vec!["sync", "extra"],
        vec!["mark", "read"],
        vec!["mark", "lesen", "1"],
        vec!["items", "--format", "ansi"],
        vec!["config", "--default", "--path"],
        vec!["completions"],
        vec!["--kind", "podcast", i],
    ] {
        let o = h.run(&args);
        assert_code(&o, 2, &format!("{args:?}"));
        let err = stderr(&o);
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(
            err.contains("Usage: blatt") || err.contains("try '--help'"),
            "{args:?}: {err}"
        );
    }
    // a mistyped command is caught before it would open the reader on a source named "raed"
    for (typo, meant) in [
        ("raed", "read"),
        ("realod", "reload"),
        ("teaser", "teasers"),
    ] {
        let o = h.run(&[typo, i]);
        assert_code(&o, 2, typo);
        let err = stderr(&o);
        assert!(err.contains(&format!("'{typo}'")), "{err}");
        assert!(err.contains(&format!("'{meant}'")), "{err}");
    }
}

#[test]
fn a_word_that_is_a_file_is_a_source_not_a_mistyped_command() {
    // "reed" is one edit from "read", but it exists as a file here: it is a source, and
    // without a terminal the reader fails at runtime (1), not as a usage error (2)
    let h = Home::new();
    std::fs::copy(h.feed(), h.path().join("reed")).unwrap();
    let o = h.run(&["reed"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!stderr(&o).contains("unrecognized subcommand"));
    // and a bare word far from every command is left alone as well
    let o = h.run(&["kleinhausen"]);
    assert!(
        !stderr(&o).contains("unrecognized subcommand"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn reload_exit_status_0_partial_3_with_strict_1_when_all_fail() {
    let h = Home::new();
    let feed = h.feed();
    let missing = h.path().join("gone.xml");
    let cfg = h.config();
    let cfg = cfg.to_str().unwrap();

    // every source fine: 0, with or without --strict
    h.write_config(&[&feed]);
    for args in [
        vec!["reload", "--config", cfg],
        vec!["reload", "--strict", "--config", cfg],
    ] {
        let o = h.run(&args);
        assert_code(&o, 0, &format!("{args:?}"));
        assert!(stderr(&o).contains("0 failed"), "{}", stderr(&o));
    }

    // some failed: 0, but 3 with --strict; the summary names the failure either way
    h.write_config(&[&feed, &missing]);
    let o = h.run(&["reload", "--config", cfg]);
    assert_code(&o, 0, "partial");
    assert!(stderr(&o).contains("1 failed"), "{}", stderr(&o));
    let o = h.run(&["reload", "--strict", "--config", cfg]);
    assert_code(&o, 3, "partial --strict");
    let err = stderr(&o);
    assert!(
        err.contains("2 sources:") && err.contains("1 failed"),
        "{err}"
    );
    assert!(err.contains("gone.xml"), "{err}");

    // every source failed: 1, with or without --strict
    h.write_config(&[&missing]);
    for args in [
        vec!["reload", "--config", cfg],
        vec!["reload", "--strict", "--config", cfg],
    ] {
        let o = h.run(&args);
        assert_code(&o, 1, &format!("{args:?}"));
        assert!(
            stderr(&o).contains("all 1 sources failed"),
            "{}",
            stderr(&o)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// in a terminal: colour, NO_COLOR, and the status of a panic

/// Runs blatt in a pseudo-terminal until it exits; its exit status and everything it wrote.
fn in_pty(h: &Home, args: &[&str], env: &[(&str, &str)]) -> (u32, Vec<u8>) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(args);
    cmd.cwd(h.path());
    cmd.env("HOME", h.path());
    cmd.env("XDG_CONFIG_HOME", h.path().join("config"));
    cmd.env("XDG_DATA_HOME", h.path().join("data"));
    cmd.env("XDG_STATE_HOME", h.path().join("state"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("COLORFGBG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = pair.slave.spawn_command(cmd).expect("spawn blatt");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let collected = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => all.extend_from_slice(&buf[..n]),
            }
        }
        all
    });
    let status = child.wait().expect("blatt exits");
    drop(pair.master);
    let out = collected.join().expect("the reader thread");
    (status.exit_code(), out)
}

#[test]
fn read_colours_a_terminal_and_nothing_else() {
    let h = Home::new();
    let interview = h.interview();
    let i = interview.to_str().unwrap();

    // not a terminal: plain text by default, and with --format text
    for args in [vec!["read", i], vec!["read", i, "--format", "text"]] {
        let o = h.run(&args);
        assert_code(&o, 0, &format!("{args:?}"));
        assert!(!o.stdout.contains(&0x1b), "{args:?}: {}", stdout(&o));
        assert!(stdout(&o).contains("Wiebke Sonnenfeld"), "{}", stdout(&o));
    }
    // --format ansi forces colour into a pipe, NO_COLOR or not (the flag names it)
    let plain = stdout(&h.run(&["read", i, "--format", "text"]));
    for env in [vec![], vec![("NO_COLOR", "1")], vec![("TERM", "dumb")]] {
        let o = h.run_env(&["read", i, "--format", "ansi"], &env);
        assert_code(&o, 0, &format!("ansi {env:?}"));
        assert!(has_sgr(&o.stdout), "{env:?}: {:?}", stdout(&o));
        // the same words, with escapes around them
        let stripped = strip_sgr(&stdout(&o));
        for word in ["Sonnenfeld", "Gebührensatzung", "Anwohnerparkausweis"] {
            assert!(stripped.contains(word) && plain.contains(word), "{word}");
        }
    }

    // a terminal: colour by default
    let (code, raw) = in_pty(&h, &["read", i], &[]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&raw));
    assert!(has_sgr(&raw), "{}", String::from_utf8_lossy(&raw));
    // NO_COLOR (not empty) and TERM=dumb turn it off
    for env in [("NO_COLOR", "1"), ("TERM", "dumb")] {
        let (code, raw) = in_pty(&h, &["read", i], &[env]);
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&raw));
        assert!(
            !raw.contains(&0x1b),
            "{env:?}: {}",
            String::from_utf8_lossy(&raw)
        );
        assert!(String::from_utf8_lossy(&raw).contains("Sonnenfeld"));
    }
    // an empty NO_COLOR is unset (no-color.org)
    let (_, raw) = in_pty(&h, &["read", i], &[("NO_COLOR", "")]);
    assert!(has_sgr(&raw), "{}", String::from_utf8_lossy(&raw));
    // --format text stays plain on a terminal
    let (_, raw) = in_pty(&h, &["read", i, "--format", "text"], &[]);
    assert!(!raw.contains(&0x1b), "{}", String::from_utf8_lossy(&raw));
}

fn strip_sgr(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        match after.find('m') {
            Some(end) => rest = &after[end + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn exit_status_101_on_a_panic() {
    // the reader's test hook panics after the first frame (see src/tui.rs)
    let h = Home::new();
    let (code, raw) = in_pty(
        &h,
        &[],
        &[("BLATT_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")],
    );
    assert_eq!(
        code,
        u32::from(blatt::cli::exit::INTERNAL),
        "{}",
        String::from_utf8_lossy(&raw)
    );
    assert!(String::from_utf8_lossy(&raw).contains("blatt: internal error"));
}

/// Times are shown in the reader's time zone (`TZ`, here as POSIX strings, which need no tz
/// database): a feed's `23:30 -0100` is the next day at 01:30 in central Europe and 19:30 the same
/// day five hours west of Greenwich; JSON keeps the instant as the feed gave it, in UTC.
#[test]
fn times_are_shown_in_the_readers_time_zone() {
    let h = Home::new();
    let feed = h.path().join("zeit.xml");
    std::fs::write(
        &feed,
        "<?xml version=\"1.0\"?><rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Zeit</title>\
         <link>https://kleinhausen.example/</link><item><title>Spät am Abend</title>\
         <link>https://kleinhausen.example/a</link><pubDate>Mon, 02 Nov 2026 23:30:00 -0100</pubDate>\
         <content:encoded><![CDATA[<p>Der Rat tagte bis in die Nacht.</p>]]></content:encoded>\
         </item></channel></rss>",
    )
    .unwrap();
    let f = feed.to_str().unwrap();
    let read = |tz: &str| {
        let o = h.run_env(
            &["read", f, "--item", "1", "--format", "text"],
            &[("TZ", tz)],
        );
        assert_code(&o, 0, tz);
        stdout(&o)
    };
    let berlin = read("CET-1CEST,M3.5.0,M10.5.0/3");
    assert!(berlin.contains("2026-11-03 01:30"), "{berlin}");
    let west = read("XYZ+5");
    assert!(west.contains("2026-11-02 19:30"), "{west}");
    let utc = read("UTC0");
    assert!(utc.contains("2026-11-03 00:30"), "{utc}");
    let o = h.run_env(
        &["read", f, "--item", "1", "--format", "json"],
        &[("TZ", "XYZ+5")],
    );
    assert!(stdout(&o).contains("2026-11-03T00:30:00"), "{}", stdout(&o));
}

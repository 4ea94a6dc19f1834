//! The sync password: the first line of `password_command`'s output (run without a shell; its
//! stdin and stderr are the user's, so `pass` or `gpg` can ask for a passphrase), or the first line of
//! `password_file`. No message ever contains it.

use super::SyncError;
use crate::config::SyncConfig;

/// The first line of `text`, without its line ending; `None` when it is empty.
pub fn first_line(text: &str) -> Option<&str> {
    let line = text.split('\n').next().unwrap_or("");
    let line = line.strip_suffix('\r').unwrap_or(line);
    (!line.is_empty()).then_some(line)
}

/// `~/…` in the home folder; anything else as it is.
pub fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) if !home.is_empty() => std::path::Path::new(&home).join(rest),
        _ => path.into(),
    }
}

/// The password of `[sync]`.
pub fn password(cfg: &SyncConfig) -> Result<String, SyncError> {
    if let Some(cmd) = &cfg.password_command {
        let words = cmd.words().map_err(SyncError::Password)?;
        let name = crate::parse::sanitize::clean_line(&words[0]);
        let out = std::process::Command::new(&words[0])
            .args(&words[1..])
            .stdin(std::process::Stdio::inherit())
            .stderr(std::process::Stdio::inherit())
            .stdout(std::process::Stdio::piped())
            .output()
            .map_err(|e| {
                SyncError::Password(format!("sync.password_command: cannot run `{name}`: {e}"))
            })?;
        if !out.status.success() {
            return Err(SyncError::Password(format!(
                "sync.password_command `{name}` failed ({})",
                out.status
            )));
        }
        let text = String::from_utf8(out.stdout).map_err(|_| {
            SyncError::Password(format!(
                "sync.password_command `{name}` printed no UTF-8 text"
            ))
        })?;
        return first_line(&text).map(str::to_string).ok_or_else(|| {
            SyncError::Password(format!(
                "sync.password_command `{name}` printed no password"
            ))
        });
    }
    if let Some(file) = &cfg.password_file {
        let path = expand_home(file.trim());
        let shown = crate::parse::sanitize::clean_line(&path.display().to_string());
        let text = std::fs::read_to_string(&path).map_err(|e| {
            SyncError::Password(format!("sync.password_file {shown}: {}", io_reason(&e)))
        })?;
        return first_line(&text).map(str::to_string).ok_or_else(|| {
            SyncError::Password(format!(
                "sync.password_file {shown} has no password on its first line"
            ))
        });
    }
    Err(SyncError::Password(
        "[sync] needs password_command or password_file".into(),
    ))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::InvalidData => "not UTF-8 text".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{PasswordCommand, SyncKind};

    fn cfg() -> SyncConfig {
        SyncConfig::new(SyncKind::TtRss, "http://127.0.0.1/", "u", "/nonexistent/pw")
    }

    #[test]
    fn the_first_line_only() {
        assert_eq!(first_line("geheim\nsecond\n"), Some("geheim"));
        assert_eq!(first_line("geheim\r\n"), Some("geheim"));
        assert_eq!(first_line(" mit Leerzeichen "), Some(" mit Leerzeichen "));
        assert_eq!(first_line("\nlater"), None);
        assert_eq!(first_line(""), None);
    }

    #[test]
    fn from_a_command_without_a_shell() {
        let mut c = cfg();
        c.password_file = None;
        // the shell's syntax is no syntax here: `;` and `$(…)` are plain arguments of printf
        c.password_command = Some(PasswordCommand::Line(
            "printf '%s\\n%s\\n' 'pw; $(touch /tmp/blatt-never)' zweite".into(),
        ));
        assert_eq!(password(&c).unwrap(), "pw; $(touch /tmp/blatt-never)");
        c.password_command = Some(PasswordCommand::Words(vec!["false".into()]));
        let e = password(&c).unwrap_err().to_string();
        assert!(e.contains("`false` failed"), "{e}");
        c.password_command = Some(PasswordCommand::Words(vec!["true".into()]));
        assert!(password(&c)
            .unwrap_err()
            .to_string()
            .contains("no password"));
        c.password_command = Some(PasswordCommand::Words(vec!["/nonexistent/pw-tool".into()]));
        assert!(password(&c).unwrap_err().to_string().contains("cannot run"));
    }

    #[test]
    fn from_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("pw");
        std::fs::write(&f, "s3cret-pw\nnot this\n").unwrap();
        let mut c = cfg();
        c.password_file = Some(f.display().to_string());
        assert_eq!(password(&c).unwrap(), "s3cret-pw");
        std::fs::write(&f, "\n").unwrap();
        let e = password(&c).unwrap_err().to_string();
        assert!(e.contains("no password"), "{e}");
        let e = password(&cfg()).unwrap_err().to_string();
        assert!(e.contains("no such file"), "{e}");
        assert!(!e.contains("s3cret"));
    }
}

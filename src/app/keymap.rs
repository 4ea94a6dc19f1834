//! The keymap: named commands, their default keys and descriptions.
//!
//! The status line's key hints and the `?` help overlay are both generated from [`Keymap`], so they
//! never drift from what the keys actually do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Everything a key can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    Down,
    Up,
    Focus,
    Back,
    SwitchPane,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    NextTurn,
    PrevTurn,
    NextQuestion,
    PrevQuestion,
    Open,
    CopyUrl,
    Reload,
    ToggleRead,
    ToggleStar,
    MarkSourceRead,
    UnreadOnly,
    StarredOnly,
    Filter,
    FindNext,
    FindPrev,
    SaveArticle,
    PipeArticle,
    ToggleGrouping,
    Help,
    Quit,
}

impl Command {
    pub const ALL: [Command; 31] = [
        Command::Down,
        Command::Up,
        Command::Focus,
        Command::Back,
        Command::SwitchPane,
        Command::PageDown,
        Command::PageUp,
        Command::HalfPageDown,
        Command::HalfPageUp,
        Command::Top,
        Command::Bottom,
        Command::NextTurn,
        Command::PrevTurn,
        Command::NextQuestion,
        Command::PrevQuestion,
        Command::Open,
        Command::CopyUrl,
        Command::Reload,
        Command::ToggleRead,
        Command::ToggleStar,
        Command::MarkSourceRead,
        Command::UnreadOnly,
        Command::StarredOnly,
        Command::Filter,
        Command::FindNext,
        Command::FindPrev,
        Command::SaveArticle,
        Command::PipeArticle,
        Command::ToggleGrouping,
        Command::Help,
        Command::Quit,
    ];

    /// The command a config file names.
    pub fn from_name(name: &str) -> Option<Command> {
        Command::ALL.iter().copied().find(|c| c.name() == name)
    }

    /// The name a config file binds keys to.
    pub fn name(self) -> &'static str {
        match self {
            Command::Down => "down",
            Command::Up => "up",
            Command::Focus => "focus_article",
            Command::Back => "back",
            Command::SwitchPane => "switch_pane",
            Command::PageDown => "page_down",
            Command::PageUp => "page_up",
            Command::HalfPageDown => "half_page_down",
            Command::HalfPageUp => "half_page_up",
            Command::Top => "top",
            Command::Bottom => "bottom",
            Command::NextTurn => "next_turn",
            Command::PrevTurn => "previous_turn",
            Command::NextQuestion => "next_question",
            Command::PrevQuestion => "previous_question",
            Command::Open => "open_link",
            Command::CopyUrl => "copy_url",
            Command::Reload => "reload",
            Command::ToggleRead => "toggle_read",
            Command::ToggleStar => "toggle_star",
            Command::MarkSourceRead => "mark_source_read",
            Command::UnreadOnly => "unread_only",
            Command::StarredOnly => "starred_only",
            Command::Filter => "filter",
            Command::FindNext => "find_next",
            Command::FindPrev => "find_previous",
            Command::SaveArticle => "save_article",
            Command::PipeArticle => "pipe_article",
            Command::ToggleGrouping => "toggle_grouping",
            Command::Help => "help",
            Command::Quit => "quit",
        }
    }

    /// One line for the help overlay.
    pub fn description(self) -> &'static str {
        match self {
            Command::Down => "next teaser / scroll the article down",
            Command::Up => "previous teaser / scroll the article up",
            Command::Focus => "read the selected article",
            Command::Back => "back to the teasers",
            Command::SwitchPane => "switch between teasers and article",
            Command::PageDown => "page down in the article",
            Command::PageUp => "page up in the article",
            Command::HalfPageDown => "half a page down",
            Command::HalfPageUp => "half a page up",
            Command::Top => "first teaser / top of the article",
            Command::Bottom => "last teaser / end of the article",
            Command::NextTurn => "next speaker turn (interviews)",
            Command::PrevTurn => "previous speaker turn (interviews)",
            Command::NextQuestion => "next question (interviews)",
            Command::PrevQuestion => "previous question (interviews)",
            Command::Open => "open the article in the browser",
            Command::CopyUrl => "copy the article's URL (OSC 52, see [clipboard])",
            Command::Reload => "reload the sources (retry a failed article)",
            Command::ToggleRead => "mark the selected teaser read / unread",
            Command::ToggleStar => "star / unstar the selected teaser",
            Command::MarkSourceRead => "mark every teaser of the selected one's source read",
            Command::UnreadOnly => "show unread teasers only / all",
            Command::StarredOnly => "show starred teasers only / all",
            Command::Filter => "filter teasers / search the article (Enter keeps, Esc clears)",
            Command::FindNext => "next match of the search in the article",
            Command::FindPrev => "previous match of the search in the article",
            Command::SaveArticle => "save the article as Markdown (see [save])",
            Command::PipeArticle => "pipe the article's Markdown to [pipe] command",
            Command::ToggleGrouping => "group by source / mix all sources by date",
            Command::Help => "show or hide this help",
            Command::Quit => "quit",
        }
    }

    /// A short label for the status line, for the commands worth a hint.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            Command::Down => Some("move"),
            Command::Focus => Some("read"),
            Command::Back => Some("back"),
            Command::NextTurn => Some("speaker"),
            Command::NextQuestion => Some("question"),
            Command::Open => Some("open"),
            Command::Reload => Some("reload"),
            Command::Filter => Some("filter"),
            Command::Help => Some("help"),
            Command::Quit => Some("quit"),
            _ => None,
        }
    }
}

/// One key (code and modifiers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// A key as a config file writes it: a character (`"]"`), a name (`"enter"`, `"esc"`, `"tab"`,
    /// `"space"`, `"backspace"`, `"delete"`, arrows, `"pgup"`, `"pgdn"`, `"home"`, `"end"`,
    /// `"f1"`…`"f12"`), optionally with `ctrl-`, `alt-` or `shift-` in front.
    pub fn parse(text: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, len) = if lower.starts_with("ctrl-") && rest.len() > 5 {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            mods |= m;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => {
                    mods -= KeyModifiers::SHIFT;
                    KeyCode::BackTab
                }
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n) if (1..=12).contains(&n) => KeyCode::F(n),
                    _ => return None,
                },
                _ => return None,
            },
        };
        // lookups ignore SHIFT (shifted letters arrive as uppercase): fold it into the character
        if let KeyCode::Char(c) = code {
            if mods.contains(KeyModifiers::SHIFT) {
                mods -= KeyModifiers::SHIFT;
                return Some(Key {
                    code: KeyCode::Char(c.to_uppercase().next().unwrap_or(c)),
                    mods,
                });
            }
        }
        mods -= KeyModifiers::SHIFT;
        Some(Key { code, mods })
    }

    /// The key of a key event, as bindings store it (SHIFT folded into the character: shifted letters
    /// arrive as uppercase chars, sometimes with SHIFT set).
    pub fn of_event(ev: &KeyEvent) -> Key {
        Key {
            code: ev.code,
            mods: ev.modifiers - KeyModifiers::SHIFT,
        }
    }

    /// How the key is written in hints and help.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            other => format!("{other:?}"),
        };
        let base = if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// A key sequence as hints and help write it: `g g`, `Ctrl-d`.
pub fn seq_label(seq: &[Key]) -> String {
    seq.iter().map(Key::label).collect::<Vec<_>>().join(" ")
}

/// The longest key sequence a binding may have.
pub const MAX_SEQ: usize = 4;

/// A binding as a config file writes it: one key (`"g"`, `"ctrl-d"`, `" "`) or a sequence of keys
/// separated by spaces (`"g g"`, `"ctrl-w l"`), at most [`MAX_SEQ`] long. The error names the part
/// that is not a key.
pub fn parse_seq(text: &str) -> Result<Vec<Key>, String> {
    if text.chars().count() == 1 {
        return Key::parse(text)
            .map(|k| vec![k])
            .ok_or_else(|| text.to_string());
    }
    let parts: Vec<&str> = text.split_whitespace().collect();
    if parts.is_empty() || parts.len() > MAX_SEQ {
        return Err(text.to_string());
    }
    parts
        .iter()
        .map(|p| Key::parse(p).ok_or_else(|| p.to_string()))
        .collect()
}

/// What a key sequence typed so far means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A whole binding: run the command.
    Command(Command),
    /// The start of one or more longer bindings: wait for the next key.
    Prefix,
    /// Nothing.
    None,
}

/// Keys (single keys and sequences) to commands. No binding is the start of another (the config is
/// checked for that), so a sequence never has to wait for a timeout.
#[derive(Clone, Debug)]
pub struct Keymap {
    pub bindings: Vec<(Vec<Key>, Command)>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Command::*;
        use KeyCode as K;
        let ctrl = |c: char| Key {
            code: K::Char(c),
            mods: KeyModifiers::CONTROL,
        };
        let one = |k: Key, c: Command| (vec![k], c);
        let b = vec![
            one(Key::ch('j'), Down),
            one(Key::plain(K::Down), Down),
            one(Key::ch('k'), Up),
            one(Key::plain(K::Up), Up),
            one(Key::plain(K::Enter), Focus),
            one(Key::ch('l'), Focus),
            one(Key::plain(K::Right), Focus),
            one(Key::ch('h'), Back),
            one(Key::plain(K::Left), Back),
            one(Key::plain(K::Esc), Back),
            one(Key::plain(K::Tab), SwitchPane),
            one(Key::ch(' '), PageDown),
            one(Key::plain(K::PageDown), PageDown),
            one(Key::plain(K::PageUp), PageUp),
            one(ctrl('d'), HalfPageDown),
            one(ctrl('u'), HalfPageUp),
            (vec![Key::ch('g'), Key::ch('g')], Top),
            one(Key::plain(K::Home), Top),
            one(Key::ch('G'), Bottom),
            one(Key::plain(K::End), Bottom),
            one(Key::ch(']'), NextTurn),
            one(Key::ch('['), PrevTurn),
            one(Key::ch('}'), NextQuestion),
            one(Key::ch('{'), PrevQuestion),
            one(Key::ch('o'), Open),
            one(Key::ch('y'), CopyUrl),
            one(Key::ch('r'), Reload),
            one(Key::ch('u'), ToggleRead),
            one(Key::ch('s'), ToggleStar),
            one(Key::ch('A'), MarkSourceRead),
            one(Key::ch('U'), UnreadOnly),
            one(Key::ch('S'), StarredOnly),
            one(Key::ch('/'), Filter),
            one(Key::ch('n'), FindNext),
            one(Key::ch('N'), FindPrev),
            one(Key::ch('w'), SaveArticle),
            one(Key::ch('|'), PipeArticle),
            one(Key::ch('t'), ToggleGrouping),
            one(Key::ch('?'), Help),
            one(Key::ch('q'), Quit),
            one(ctrl('c'), Quit),
        ];
        Keymap { bindings: b }
    }
}

/// Whether one sequence is the other or starts it (two such bindings cannot live together).
fn clash(a: &[Key], b: &[Key]) -> bool {
    let n = a.len().min(b.len());
    a[..n] == b[..n]
}

impl Keymap {
    /// The defaults with the config's `[keys]`: each named command gets exactly the keys given (its
    /// default keys are dropped, and so is any other command's default binding that is one of those
    /// keys, starts with one, or is the start of one: binding `"g"` to something else frees it from
    /// `top`'s `"g g"`). An unknown command or key name is an error naming it, and so are two of the
    /// config's own bindings that clash.
    pub fn with_overrides<'a>(
        overrides: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>,
    ) -> Result<Keymap, String> {
        let mut mine: Vec<(Vec<Key>, Command, &str)> = Vec::new();
        let mut named: Vec<Command> = Vec::new();
        for (name, keys) in overrides {
            let cmd = Command::from_name(name).ok_or_else(|| {
                format!(
                    "unknown command `{name}` in [keys] (commands: {})",
                    Command::ALL.map(|c| c.name()).join(", ")
                )
            })?;
            for k in keys {
                let seq = parse_seq(k).map_err(|bad| {
                    if bad == k {
                        format!("unknown key `{k}` for {name}")
                    } else {
                        format!("unknown key `{bad}` in `{k}` for {name}")
                    }
                })?;
                if let Some((_, other, text)) = mine.iter().find(|(s, _, _)| clash(s, &seq)) {
                    let (short, long) = if text.len() <= k.len() {
                        ((*text, other.name()), (k, name))
                    } else {
                        ((k, name), (*text, other.name()))
                    };
                    return Err(if short.0 == long.0 {
                        format!(
                            "key `{}` is bound to both {} and {}",
                            short.0, short.1, long.1
                        )
                    } else {
                        format!(
                            "key `{}` for {} is the start of `{}` for {}: a sequence cannot begin with a bound key",
                            short.0, short.1, long.0, long.1
                        )
                    });
                }
                mine.push((seq, cmd, k));
            }
            // a command named with an empty list ends up unbound
            named.push(cmd);
        }
        let mut km = Keymap::default();
        km.bindings
            .retain(|(seq, c)| !named.contains(c) && !mine.iter().any(|(s, _, _)| clash(s, seq)));
        km.bindings.extend(mine.into_iter().map(|(s, c, _)| (s, c)));
        Ok(km)
    }

    /// What the keys typed so far mean.
    pub fn resolve(&self, seq: &[Key]) -> Lookup {
        let mut prefix = false;
        for (s, c) in &self.bindings {
            if s.as_slice() == seq {
                return Lookup::Command(*c);
            }
            if s.len() > seq.len() && s.starts_with(seq) {
                prefix = true;
            }
        }
        if prefix {
            Lookup::Prefix
        } else {
            Lookup::None
        }
    }

    /// The command bound to one key press on its own (releases are ignored).
    pub fn lookup(&self, ev: &KeyEvent) -> Option<Command> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        match self.resolve(&[Key::of_event(ev)]) {
            Lookup::Command(c) => Some(c),
            _ => None,
        }
    }

    /// The keys bound to `cmd`, as written in hints and help (`g g` for a sequence), in table order.
    pub fn keys_for(&self, cmd: Command) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|(_, c)| *c == cmd)
            .map(|(k, _)| seq_label(k))
            .collect()
    }

    /// Status-line hints: `(key, label, command)` for the commands that have a hint.
    pub fn hints(&self) -> Vec<(String, &'static str, Command)> {
        Command::ALL
            .iter()
            .filter_map(|&c| {
                let label = c.hint()?;
                // the first key only keeps the line short; the help lists them all
                let key = self.keys_for(c).into_iter().next()?;
                Some((key, label, c))
            })
            .collect()
    }

    /// Help rows: all keys of a command (space-separated; comma-separated when one of them is a
    /// sequence, so `g g, Home` reads right), and its description; then the number prefix.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(String, &'static str)> = Command::ALL
            .iter()
            .map(|&c| {
                let seqs = self.bindings.iter().any(|(k, x)| *x == c && k.len() > 1);
                (
                    self.keys_for(c).join(if seqs { ", " } else { " " }),
                    c.description(),
                )
            })
            .collect();
        for (cmd, what) in [
            (
                Command::Open,
                "open link N of the article (the [N] in the text)",
            ),
            (Command::CopyUrl, "copy the URL of link N"),
        ] {
            if let Some(k) = self.keys_for(cmd).first() {
                rows.push((format!("N {k}"), what));
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_key_and_unique_name() {
        let km = Keymap::default();
        let mut names = std::collections::HashSet::new();
        for c in Command::ALL {
            assert!(!km.keys_for(c).is_empty(), "{c:?} has no key");
            assert!(names.insert(c.name()), "duplicate name {}", c.name());
        }
    }

    #[test]
    fn shifted_letters_match() {
        let km = Keymap::default();
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(km.lookup(&ev), Some(Command::Bottom));
        let ev = KeyEvent::new(KeyCode::Char('}'), KeyModifiers::SHIFT);
        assert_eq!(km.lookup(&ev), Some(Command::NextQuestion));
        let ev = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(km.lookup(&ev), None);
    }

    #[test]
    fn key_names_parse() {
        assert_eq!(Key::parse("]"), Some(Key::ch(']')));
        assert_eq!(Key::parse("space"), Some(Key::ch(' ')));
        assert_eq!(Key::parse("PgDn"), Some(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("f12"), Some(Key::plain(KeyCode::F(12))));
        assert_eq!(Key::parse("shift-a"), Some(Key::ch('A')));
        assert_eq!(
            Key::parse("ctrl-d"),
            Some(Key {
                code: KeyCode::Char('d'),
                mods: KeyModifiers::CONTROL
            })
        );
        assert_eq!(Key::parse("shift-tab"), Some(Key::plain(KeyCode::BackTab)));
        for bad in ["", "f13", "hyper-x", "ctrl-", "enterr", "\u{7}"] {
            assert_eq!(Key::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn overrides_replace_a_commands_keys() {
        let km =
            Keymap::with_overrides([("quit", vec!["x"]), ("down", vec!["n", "ctrl-n"])]).unwrap();
        assert_eq!(km.keys_for(Command::Quit), vec!["x"]);
        assert_eq!(km.keys_for(Command::Down), vec!["n", "Ctrl-n"]);
        let ev = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(km.lookup(&ev), None);
        // taking a key from another command removes it there
        let km = Keymap::with_overrides([("help", vec!["j"])]).unwrap();
        assert_eq!(km.keys_for(Command::Down), vec!["↓"]);
        let e = Keymap::with_overrides([("explode", vec!["x"])]).unwrap_err();
        assert!(e.contains("explode"), "{e}");
        let e = Keymap::with_overrides([("quit", vec!["hyper-q"])]).unwrap_err();
        assert!(e.contains("hyper-q"), "{e}");
    }

    #[test]
    fn sequences_parse_and_resolve() {
        let g = Key::ch('g');
        assert_eq!(parse_seq("g g"), Ok(vec![g, g]));
        assert_eq!(parse_seq(" "), Ok(vec![Key::ch(' ')]));
        assert_eq!(
            parse_seq("ctrl-w  l"),
            Ok(vec![
                Key {
                    code: KeyCode::Char('w'),
                    mods: KeyModifiers::CONTROL
                },
                Key::ch('l')
            ])
        );
        assert_eq!(parse_seq("g hyper"), Err("hyper".into()));
        assert_eq!(parse_seq("a b c d e"), Err("a b c d e".into()));
        assert_eq!(parse_seq(""), Err("".into()));
        let km = Keymap::default();
        assert_eq!(km.resolve(&[g]), Lookup::Prefix);
        assert_eq!(km.resolve(&[g, g]), Lookup::Command(Command::Top));
        assert_eq!(km.resolve(&[g, Key::ch('j')]), Lookup::None);
        assert_eq!(km.keys_for(Command::Top), vec!["g g", "Home"]);
        let top = km
            .help_rows()
            .into_iter()
            .find(|(_, d)| d.contains("top of"));
        assert_eq!(top.unwrap().0, "g g, Home");
    }

    #[test]
    fn the_defaults_never_clash() {
        let km = Keymap::default();
        for (i, (a, ca)) in km.bindings.iter().enumerate() {
            for (b, cb) in &km.bindings[i + 1..] {
                assert!(!clash(a, b), "{ca:?} {a:?} and {cb:?} {b:?}");
            }
        }
    }

    #[test]
    fn overrides_free_clashing_defaults_and_refuse_their_own_clashes() {
        // binding g alone takes it from top's g g
        let km = Keymap::with_overrides([("reload", vec!["g"])]).unwrap();
        assert_eq!(km.keys_for(Command::Top), vec!["Home"]);
        assert_eq!(
            km.resolve(&[Key::ch('g')]),
            Lookup::Command(Command::Reload)
        );
        // a sequence starting with a default single key takes that key
        let km = Keymap::with_overrides([("toggle_star", vec!["s s"])]).unwrap();
        assert_eq!(km.resolve(&[Key::ch('s')]), Lookup::Prefix);
        let km = Keymap::with_overrides([("help", vec!["o x"])]).unwrap();
        assert!(km.keys_for(Command::Open).is_empty());
        // an empty list unbinds
        let km = Keymap::with_overrides([("quit", vec![])]).unwrap();
        assert!(km.keys_for(Command::Quit).is_empty());
        let e = Keymap::with_overrides([("help", vec!["x"]), ("quit", vec!["x"])]).unwrap_err();
        assert!(e.contains("`x` is bound to both help and quit"), "{e}");
        let e = Keymap::with_overrides([("reload", vec!["z"]), ("top", vec!["z z"])]).unwrap_err();
        assert!(
            e.contains("`z` for reload is the start of `z z` for top"),
            "{e}"
        );
        let e = Keymap::with_overrides([("top", vec!["z z"]), ("reload", vec!["z"])]).unwrap_err();
        assert!(
            e.contains("`z` for reload is the start of `z z` for top"),
            "{e}"
        );
        let e = Keymap::with_overrides([("top", vec!["g nope"])]).unwrap_err();
        assert!(e.contains("unknown key `nope` in `g nope` for top"), "{e}");
    }
}

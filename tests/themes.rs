//! Themes: which one the environment and the config choose, what NO_COLOR leaves on screen, what the
//! 256- and 16-colour fallbacks draw, and whether the speaker colours hold up: contrast against the
//! background and separation under simulated colour-vision deficiencies.

mod tui_common;

use blatt::app::{update, State};
use blatt::config::{ColorDepth, ThemeConfig, ThemeName};
use blatt::output::{article_text_themed, Style};
use blatt::ui::theme::{
    nearest_256, nearest_256_readable, xterm_rgb, Background, Depth, Env, INTERVIEWER_DARK,
    INTERVIEWER_LIGHT, SPEAKERS_DARK, SPEAKERS_LIGHT,
};
use blatt::ui::Theme;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use tui_common::*;

fn render(s: &State, theme: &Theme) -> Buffer {
    render_with(s, theme)
}

/// The interview open in the article pane, on a wide screen.
fn interview_state() -> State {
    let mut s = loaded_state(120, 40);
    update(&mut s, key('j'));
    s
}

fn env(pairs: &[(&str, &str)]) -> Env {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    };
    Env {
        no_color: get("NO_COLOR").is_some_and(|v| !v.is_empty()),
        colorterm: get("COLORTERM"),
        term: get("TERM"),
        colorfgbg: get("COLORFGBG"),
    }
}

fn cfg(name: ThemeName, colors: ColorDepth) -> ThemeConfig {
    ThemeConfig { name, colors }
}

fn auto() -> ThemeConfig {
    ThemeConfig::default()
}

#[test]
fn no_color_draws_no_colour_but_keeps_labels_and_bars() {
    // NO_COLOR wins over a truecolor terminal and over a theme named in the config
    let e = env(&[
        ("NO_COLOR", "1"),
        ("COLORTERM", "truecolor"),
        ("TERM", "xterm-256color"),
    ]);
    for c in [auto(), cfg(ThemeName::Light, ColorDepth::Truecolor)] {
        let theme = Theme::resolve(&c, &e);
        assert!(theme.mono);
        let s = interview_state();
        let buf = render(&s, &theme);
        for cell in buf.content() {
            assert_eq!(cell.fg, Color::Reset, "{:?}", cell.symbol());
            assert_eq!(cell.bg, Color::Reset, "{:?}", cell.symbol());
        }
        // the dialogue is still there: name labels (bold) behind the gutter, questions behind the bar
        for name in ["Mira Lindqvist", "Tobias Okafor"] {
            let (x, y) = find(&buf, &format!("┃ {name}  ")).expect("turn with its label");
            assert!(buf[(x + 2, y)].modifier.contains(Modifier::BOLD), "{name}");
        }
        let (qx, qy) = find(&buf, "▌ Frau Lindqvist, Herr Okafor").expect("question bar");
        assert!(buf[(qx + 2, qy)].modifier.contains(Modifier::BOLD));
        assert_eq!(
            buf[(qx, qy + 1)].symbol(),
            "▌",
            "the bar goes on with the question"
        );
        // the selected teaser still stands out
        assert!(buf
            .content()
            .iter()
            .any(|c| c.modifier.contains(Modifier::REVERSED)));
    }
    // an empty NO_COLOR is no NO_COLOR (no-color.org)
    let e = env(&[("NO_COLOR", ""), ("COLORTERM", "truecolor")]);
    assert!(!Theme::resolve(&auto(), &e).mono);
}

#[test]
fn colour_depth_from_the_environment_and_the_config() {
    let cases: &[(&[(&str, &str)], Depth)] = &[
        (
            &[("COLORTERM", "truecolor"), ("TERM", "xterm-256color")],
            Depth::Truecolor,
        ),
        (&[("COLORTERM", "24bit")], Depth::Truecolor),
        (
            &[("COLORTERM", "TrueColor"), ("TERM", "linux")],
            Depth::Truecolor,
        ),
        (
            &[("COLORTERM", "yes"), ("TERM", "xterm-256color")],
            Depth::Ansi256,
        ),
        (&[("TERM", "xterm-256color")], Depth::Ansi256),
        (&[("TERM", "tmux-256color")], Depth::Ansi256),
        (&[("TERM", "alacritty")], Depth::Ansi256),
        (&[("TERM", "linux")], Depth::Ansi16),
        (&[("TERM", "xterm")], Depth::Ansi16),
        (&[("TERM", "xterm-16color")], Depth::Ansi16),
        (&[("TERM", "screen")], Depth::Ansi16),
        (&[], Depth::Ansi16),
    ];
    for (vars, want) in cases {
        let e = env(vars);
        assert_eq!(e.depth(), *want, "{vars:?}");
        assert_eq!(Theme::resolve(&auto(), &e).depth, *want, "{vars:?}");
    }
    // the config overrides the environment both ways
    let tc = env(&[("COLORTERM", "truecolor")]);
    let linux = env(&[("TERM", "linux")]);
    assert_eq!(
        Theme::resolve(&cfg(ThemeName::Auto, ColorDepth::Ansi16), &tc).depth,
        Depth::Ansi16
    );
    assert_eq!(
        Theme::resolve(&cfg(ThemeName::Auto, ColorDepth::Truecolor), &linux).depth,
        Depth::Truecolor
    );
    assert_eq!(
        Theme::resolve(&cfg(ThemeName::Auto, ColorDepth::Ansi256), &linux).depth,
        Depth::Ansi256
    );
}

#[test]
fn background_from_colorfgbg_unless_the_config_names_one() {
    let light_term = env(&[("COLORTERM", "truecolor"), ("COLORFGBG", "0;15")]);
    let dark_term = env(&[("COLORTERM", "truecolor"), ("COLORFGBG", "15;0")]);
    let silent = env(&[("COLORTERM", "truecolor")]);
    let t = Theme::resolve(&auto(), &light_term);
    assert_eq!(t.background, Background::Light);
    assert_eq!(t.speaker(0), rgb(SPEAKERS_LIGHT[0]));
    assert_eq!(t.interviewer, rgb(INTERVIEWER_LIGHT));
    assert_eq!(
        Theme::resolve(&auto(), &dark_term).background,
        Background::Dark
    );
    assert_eq!(
        Theme::resolve(&auto(), &silent).background,
        Background::Dark
    );
    let named = |n, e: &Env| Theme::resolve(&cfg(n, ColorDepth::Auto), e).background;
    assert_eq!(named(ThemeName::Dark, &light_term), Background::Dark);
    assert_eq!(named(ThemeName::Light, &dark_term), Background::Light);
    // the theme name without a colour depth (what older callers pass) still works
    let t = Theme::from_config(ThemeName::Light);
    assert_eq!(t.background, Background::Light);
}

fn rgb((r, g, b): (u8, u8, u8)) -> Color {
    Color::Rgb(r, g, b)
}

/// The fg colours of the two interviewees' name labels and of the first question, as drawn.
fn drawn_colours(theme: &Theme) -> (Color, Color, Color) {
    let s = interview_state();
    let buf = render(&s, theme);
    let (mx, my) = find(&buf, "┃ Mira Lindqvist  Wir").expect("Mira's turn");
    let (tx, ty) = find(&buf, "┃ Tobias Okafor  Im").expect("Tobias's turn");
    let (qx, qy) = find(&buf, "▌ Frau Lindqvist").expect("question");
    (
        buf[(mx + 2, my)].fg,
        buf[(tx + 2, ty)].fg,
        buf[(qx + 2, qy)].fg,
    )
}

#[test]
fn every_depth_draws_the_speakers_apart() {
    for bg in [Background::Dark, Background::Light] {
        let (m, t, q) = drawn_colours(&Theme::new(bg, Depth::Truecolor));
        assert!(
            matches!(m, Color::Rgb(..)) && matches!(t, Color::Rgb(..)),
            "{m:?} {t:?}"
        );

        let (m, t, q2) = drawn_colours(&Theme::new(bg, Depth::Ansi256));
        for c in [m, t, q2] {
            assert!(matches!(c, Color::Indexed(16..=255)), "{bg:?}: {c:?}");
        }
        assert!(m != t && m != q2 && t != q2, "{bg:?}: {m:?} {t:?} {q2:?}");

        let (m, t, q3) = drawn_colours(&Theme::new(bg, Depth::Ansi16));
        for c in [m, t, q3] {
            assert!(
                !matches!(c, Color::Rgb(..) | Color::Indexed(_) | Color::Reset),
                "{bg:?}: {c:?} is one of the 16 named colours"
            );
        }
        assert!(m != t && m != q3 && t != q3, "{bg:?}: {m:?} {t:?} {q3:?}");
        assert_ne!(q, Color::Reset);
    }
}

#[test]
fn sixteen_colour_palettes_keep_hues_apart() {
    // hue families of the named colours: a speaker set that repeats a family is only allowed to do
    // so after every family was used once
    fn family(c: Color) -> &'static str {
        match c {
            Color::Red | Color::LightRed => "red",
            Color::Green | Color::LightGreen => "green",
            Color::Yellow | Color::LightYellow => "yellow",
            Color::Blue | Color::LightBlue => "blue",
            Color::Magenta | Color::LightMagenta => "magenta",
            Color::Cyan | Color::LightCyan => "cyan",
            _ => "grey",
        }
    }
    for bg in [Background::Dark, Background::Light] {
        let t = Theme::new(bg, Depth::Ansi16);
        let fams: Vec<&str> = t.speakers.iter().map(|&c| family(c)).collect();
        let first5: std::collections::HashSet<_> = fams.iter().take(5).collect();
        assert_eq!(first5.len(), 5, "{bg:?}: {fams:?}");
        assert!(!fams.contains(&"grey"), "{fams:?}");
        // blue is the interviewer's alone
        assert_eq!(family(t.interviewer), "blue");
        assert!(!fams.contains(&"blue"), "{fams:?}");
    }
    // on light backgrounds the pale bright variants are not used for text
    let t = Theme::new(Background::Light, Depth::Ansi16);
    for c in t.speakers.iter().chain([&t.interviewer]) {
        assert!(
            !matches!(
                c,
                Color::LightYellow | Color::LightCyan | Color::LightGreen | Color::White
            ),
            "{c:?}"
        );
    }
}

// ── colour science ─────────────────────────────────────────────────────────────────────────────

fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn encode(v: f64) -> f64 {
    let v = v.clamp(0.0, 1.0);
    255.0
        * if v <= 0.003_130_8 {
            12.92 * v
        } else {
            1.055 * v.powf(1.0 / 2.4) - 0.055
        }
}

/// WCAG 2 relative luminance and contrast ratio.
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Machado, Oliveira & Fernandes (2009), severity 1.0, applied in linear RGB.
const PROTANOPIA: [[f64; 3]; 3] = [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
];
const DEUTERANOPIA: [[f64; 3]; 3] = [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.011820, 0.042940, 0.968881],
];
const TRITANOPIA: [[f64; 3]; 3] = [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.303900],
];
const NORMAL: [[f64; 3]; 3] = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];

fn simulate(m: &[[f64; 3]; 3], (r, g, b): (u8, u8, u8)) -> [f64; 3] {
    let l = [linear(r), linear(g), linear(b)];
    let mut out = [0.0; 3];
    for (i, o) in out.iter_mut().enumerate() {
        *o = encode(m[i][0] * l[0] + m[i][1] * l[1] + m[i][2] * l[2]);
    }
    out
}

/// CIELAB (D65) of an sRGB colour given as 0–255 floats.
fn lab(c: [f64; 3]) -> [f64; 3] {
    let lin = |v: f64| {
        let v = v / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let (r, g, b) = (lin(c[0]), lin(c[1]), lin(c[2]));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    [
        116.0 * f(y) - 16.0,
        500.0 * (f(x) - f(y)),
        200.0 * (f(y) - f(z)),
    ]
}

fn delta_e(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (a, b) = (lab(a), lab(b));
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

/// The smallest CIELAB distance between any two colours of `set`, under every simulation.
fn worst_separation(set: &[(u8, u8, u8)]) -> (f64, String) {
    let mut worst = (f64::MAX, String::new());
    for (name, m) in [
        ("normal", &NORMAL),
        ("protanopia", &PROTANOPIA),
        ("deuteranopia", &DEUTERANOPIA),
        ("tritanopia", &TRITANOPIA),
    ] {
        for i in 0..set.len() {
            for j in i + 1..set.len() {
                let d = delta_e(simulate(m, set[i]), simulate(m, set[j]));
                if d < worst.0 {
                    worst = (d, format!("{name}: {:?} vs {:?}", set[i], set[j]));
                }
            }
        }
    }
    worst
}

fn theme_rgbs(t: &Theme) -> Vec<(u8, u8, u8)> {
    t.speakers
        .iter()
        .chain([&t.interviewer])
        .map(|c| match *c {
            Color::Rgb(r, g, b) => (r, g, b),
            Color::Indexed(i) => xterm_rgb(i).expect("a cube or grey entry"),
            other => panic!("not an RGB or indexed colour: {other:?}"),
        })
        .collect()
}

#[test]
fn speaker_colours_read_on_their_background() {
    const BLACK: (u8, u8, u8) = (0, 0, 0);
    const WHITE: (u8, u8, u8) = (255, 255, 255);
    for (bg, against) in [(Background::Dark, BLACK), (Background::Light, WHITE)] {
        for depth in [Depth::Truecolor, Depth::Ansi256] {
            for c in theme_rgbs(&Theme::new(bg, depth)) {
                let k = contrast(c, against);
                assert!(k >= 4.5, "{bg:?} {depth:?}: {c:?} has contrast {k:.2}");
            }
        }
    }
    // what the light theme is for: Okabe–Ito's own yellow and orange are unreadable on white
    assert!(contrast(SPEAKERS_DARK[4], WHITE) < 1.5);
    assert!(contrast(SPEAKERS_DARK[0], WHITE) < 2.5);
}

#[test]
fn speaker_colours_stay_apart_for_colour_blind_readers() {
    let mut dark = SPEAKERS_DARK.to_vec();
    dark.push(INTERVIEWER_DARK);
    let mut light = SPEAKERS_LIGHT.to_vec();
    light.push(INTERVIEWER_LIGHT);
    // the thresholds: ΔE*ab 12 is clearly distinct side by side; the light set is darker, so its
    // colours have less room (every one must be dark enough for 4.5:1 on white)
    let (d, why) = worst_separation(&dark);
    assert!(d >= 12.0, "dark: {d:.1} ({why})");
    let (d, why) = worst_separation(&light);
    assert!(d >= 8.0, "light: {d:.1} ({why})");
    // the 256-colour approximations keep most of it
    for (bg, min) in [(Background::Dark, 12.0), (Background::Light, 7.0)] {
        let set = theme_rgbs(&Theme::new(bg, Depth::Ansi256));
        let (d, why) = worst_separation(&set);
        assert!(d >= min, "{bg:?} 256: {d:.1} ({why})");
    }
    // and the light set is not the dark one: the check above would pass for it too
    assert_ne!(SPEAKERS_LIGHT, SPEAKERS_DARK);
}

/// Hue angle in degrees (HSV).
fn hue((r, g, b): (u8, u8, u8)) -> f64 {
    let (r, g, b) = (f64::from(r), f64::from(g), f64::from(b));
    let max = r.max(g).max(b);
    let d = max - r.min(g).min(b);
    let h = if d == 0.0 {
        0.0
    } else if max == r {
        60.0 * (((g - b) / d).rem_euclid(6.0))
    } else if max == g {
        60.0 * ((b - r) / d + 2.0)
    } else {
        60.0 * ((r - g) / d + 4.0)
    };
    h.rem_euclid(360.0)
}

#[test]
fn the_256_colour_speakers_keep_their_hues() {
    use blatt::ui::theme::{
        INTERVIEWER_DARK_256, INTERVIEWER_LIGHT_256, SPEAKERS_DARK_256, SPEAKERS_LIGHT_256,
    };
    let pairs = SPEAKERS_DARK
        .iter()
        .zip(SPEAKERS_DARK_256)
        .chain(SPEAKERS_LIGHT.iter().zip(SPEAKERS_LIGHT_256))
        .map(|(&c, i)| (c, i))
        .chain([
            (INTERVIEWER_DARK, INTERVIEWER_DARK_256),
            (INTERVIEWER_LIGHT, INTERVIEWER_LIGHT_256),
        ]);
    for (c, i) in pairs {
        let x = xterm_rgb(i).expect("a cube entry");
        let d = (hue(c) - hue(x)).abs();
        let d = d.min(360.0 - d);
        assert!(d <= 45.0, "{c:?} -> {i} {x:?}: {d:.0}°");
    }
    // the other colours are the nearest readable entries
    let t = Theme::new(Background::Light, Depth::Ansi256);
    let Color::Rgb(r, g, b) = Theme::light().accent else {
        panic!("RGB accent")
    };
    assert_eq!(
        t.accent,
        Color::Indexed(nearest_256_readable((r, g, b), (255, 255, 255)))
    );
}

#[test]
fn nearest_256_is_the_nearest() {
    // against a brute-force search with plain Euclidean distance, the chosen entry is never far off
    for &(r, g, b) in SPEAKERS_DARK.iter().chain(SPEAKERS_LIGHT.iter()) {
        let i = nearest_256(r, g, b);
        let (cr, cg, cb) = xterm_rgb(i).unwrap();
        let d = |(x, y, z): (u8, u8, u8)| {
            let f = |a: u8, b: u8| (f64::from(a) - f64::from(b)).powi(2);
            (f(x, r) + f(y, g) + f(z, b)).sqrt()
        };
        let best = (16..=255u8)
            .map(|j| d(xterm_rgb(j).unwrap()))
            .fold(f64::MAX, f64::min);
        assert!(d((cr, cg, cb)) <= best + 25.0, "{:?} -> {i}", (r, g, b));
    }
}

// ── --format ansi ──────────────────────────────────────────────────────────────────────────────

/// The foreground colours set by the SGR sequences in `s`, as their parameters: "31", "93",
/// "38;5;N" or "38;2;R;G;B".
fn foregrounds(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in s.split("\x1b[").skip(1) {
        let Some(end) = part.find('m') else { continue };
        let params: Vec<&str> = part[..end].split(';').collect();
        let mut i = 0;
        while i < params.len() {
            match params[i] {
                "38" if params.get(i + 1) == Some(&"5") => {
                    out.push(params[i..(i + 3).min(params.len())].join(";"));
                    i += 3;
                }
                "38" if params.get(i + 1) == Some(&"2") => {
                    out.push(params[i..(i + 5).min(params.len())].join(";"));
                    i += 5;
                }
                p if matches!(p.parse::<u8>(), Ok(30..=37 | 90..=97)) => {
                    out.push(p.to_string());
                    i += 1;
                }
                _ => i += 1,
            }
        }
    }
    out
}

#[test]
fn ansi_output_follows_the_theme() {
    let a = interview();
    // truecolor: the Okabe–Ito RGB values
    let t = article_text_themed(
        &a,
        80,
        Style::Ansi,
        &Theme::new(Background::Dark, Depth::Truecolor),
    );
    let fg = foregrounds(&t);
    let (r, g, b) = SPEAKERS_DARK[0];
    assert!(fg.contains(&format!("38;2;{r};{g};{b}")), "{fg:?}");
    // 256: indexed colours only
    let t = article_text_themed(
        &a,
        80,
        Style::Ansi,
        &Theme::new(Background::Light, Depth::Ansi256),
    );
    let fg = foregrounds(&t);
    assert!(!fg.is_empty());
    assert!(fg.iter().all(|f| f.starts_with("38;5;")), "{fg:?}");
    let n = blatt::ui::theme::SPEAKERS_LIGHT_256[0];
    assert_eq!(
        Theme::new(Background::Light, Depth::Ansi256).speaker(0),
        Color::Indexed(n)
    );
    assert!(fg.contains(&format!("38;5;{n}")), "{fg:?}");
    // 16: only the classic codes, which every colour terminal knows
    let t = article_text_themed(
        &a,
        80,
        Style::Ansi,
        &Theme::new(Background::Dark, Depth::Ansi16),
    );
    let fg = foregrounds(&t);
    assert!(!fg.is_empty());
    for f in &fg {
        let n: u8 = f.parse().unwrap_or_else(|_| panic!("{f}"));
        assert!(matches!(n, 30..=37 | 90..=97), "{f}");
    }
    // the two interviewees get two different colours on their labels
    // (the last foreground set before the label is the label's)
    let label_fg = |name: &str| {
        let i = t.find(&format!("{name}:")).expect("label");
        foregrounds(&t[..i]).pop()
    };
    assert_ne!(label_fg("Mira Lindqvist"), label_fg("Tobias Okafor"));
    // monochrome: bold and italics, but no colour; plain: no escape at all
    let t = article_text_themed(&a, 80, Style::Ansi, &Theme::monochrome());
    assert!(foregrounds(&t).is_empty());
    assert!(t.contains("\x1b[1m"), "bold stays");
    assert!(t.contains("Mira Lindqvist:"));
    let t = article_text_themed(&a, 80, Style::Plain, &Theme::dark());
    assert!(!t.contains('\x1b'));
}

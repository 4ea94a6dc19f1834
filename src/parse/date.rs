//! Dates as people write them on news pages, to ISO 8601.
//!
//! Full dates: `[22.12.2025]`, `22.12.2025`, `22.12.25`, `22. Dezember 2025`, `22 enero, 2016`,
//! `17 / февраля / 2016`, `December 22, 2025`, `aprile 25, 2016`, `2016/3/3`, `2016年3月3日`,
//! `2025-12-22`, `2025-12-22T10:30:00+01:00`, RFC 2822; month names in German, English, French,
//! Italian, Spanish, Portuguese, Dutch, Polish and Russian.
//!
//! Against a [`DateContext`] (the page's own date or the fetch time, and the page's language) also
//! dates without a year (`22. Dez.`, `March 4`, `22.12.`), numeric forms in the page's order
//! (`10/24`, `3/4/2016`) and relative ones (`vor 3 Stunden`, `2 hours ago`, `gestern`). Pure: "now"
//! is whatever the caller passes in.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Month names and abbreviations by language, lower case. An abbreviation may be followed by a dot.
const MONTHS: [&[&str]; 12] = [
    &[
        "januar",
        "jänner",
        "january",
        "janvier",
        "gennaio",
        "enero",
        "janeiro",
        "januari",
        "stycznia",
        "styczeń",
        "styczen",
        "января",
        "январь",
        "jan",
        "jän",
        "jänn",
        "janv",
        "gen",
        "ene",
        "sty",
        "янв",
    ],
    &[
        "februar",
        "february",
        "février",
        "fevrier",
        "febbraio",
        "febrero",
        "fevereiro",
        "februari",
        "lutego",
        "luty",
        "февраля",
        "февраль",
        "feb",
        "febr",
        "févr",
        "fevr",
        "fev",
        "lut",
        "фев",
    ],
    &[
        "märz",
        "maerz",
        "march",
        "mars",
        "marzo",
        "março",
        "marco",
        "maart",
        "marca",
        "marzec",
        "марта",
        "март",
        "mär",
        "mar",
        "mrt",
        "мар",
    ],
    &[
        "april",
        "avril",
        "aprile",
        "abril",
        "kwietnia",
        "kwiecień",
        "kwiecien",
        "апреля",
        "апрель",
        "apr",
        "avr",
        "abr",
        "kwi",
        "апр",
    ],
    &[
        "mai", "may", "maggio", "mayo", "maio", "mei", "maja", "maj", "мая", "май", "mag",
    ],
    &[
        "juni", "june", "juin", "giugno", "junio", "junho", "czerwca", "czerwiec", "июня", "июнь",
        "jun", "giu", "cze", "июн",
    ],
    &[
        "juli", "july", "juillet", "luglio", "julio", "julho", "lipca", "lipiec", "июля", "июль",
        "jul", "juil", "lug", "lip", "июл",
    ],
    &[
        "august",
        "août",
        "aout",
        "agosto",
        "augustus",
        "sierpnia",
        "sierpień",
        "sierpien",
        "августа",
        "август",
        "aug",
        "ago",
        "sie",
        "авг",
    ],
    &[
        "september",
        "septembre",
        "settembre",
        "septiembre",
        "setiembre",
        "setembro",
        "września",
        "wrzesnia",
        "wrzesień",
        "wrzesien",
        "сентября",
        "сентябрь",
        "sept",
        "sep",
        "set",
        "wrz",
        "сен",
        "сент",
    ],
    &[
        "oktober",
        "october",
        "octobre",
        "ottobre",
        "octubre",
        "outubro",
        "października",
        "pazdziernika",
        "październik",
        "pazdziernik",
        "октября",
        "октябрь",
        "okt",
        "oct",
        "ott",
        "out",
        "paź",
        "paz",
        "окт",
    ],
    &[
        "november",
        "novembre",
        "noviembre",
        "novembro",
        "listopada",
        "listopad",
        "ноября",
        "ноябрь",
        "nov",
        "lis",
        "ноя",
        "нояб",
    ],
    &[
        "dezember",
        "december",
        "décembre",
        "decembre",
        "dicembre",
        "diciembre",
        "dezembro",
        "grudnia",
        "grudzień",
        "grudzien",
        "декабря",
        "декабрь",
        "dez",
        "dec",
        "déc",
        "dic",
        "gru",
        "дек",
    ],
];

/// Abbreviations that are also common words ("3 days ago", "may", "set", "out", "sie"): a month only
/// next to a year.
const AMBIGUOUS: [&str; 9] = [
    "ago", "may", "mag", "set", "out", "sie", "lis", "mar", "gen",
];

fn month(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&n.as_str()))
        .map(|i| i as u32 + 1)
}

/// The alternation of every month name, longest first (so `märz` wins over `mär`).
fn month_alternation() -> String {
    let mut all: Vec<&str> = MONTHS.iter().flat_map(|m| m.iter().copied()).collect();
    all.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    all.iter()
        .map(|s| regex::escape(s))
        .collect::<Vec<_>>()
        .join("|")
}

/// Which part of a numeric date without a name comes first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NumericOrder {
    /// `22.12.2025`, `22/12/2025` (most of the world).
    #[default]
    DayFirst,
    /// `12/22/2025`, `10/24` (US English).
    MonthFirst,
}

/// What dates on a page are read against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateContext {
    /// The page's own date, else the fetch time: "now" for relative dates, the year of dates
    /// without one. `None` reads only complete dates.
    pub reference: Option<DateTime<FixedOffset>>,
    /// The order of slashed numeric dates (`3/4/2016`); from the page's language.
    pub order: NumericOrder,
    /// Whether the order is known (from the page's language); an unknown order reads only
    /// unambiguous slashed dates (`24/10/2016`).
    pub order_known: bool,
}

impl DateContext {
    /// A context with `reference` as "now" and the numeric order of the language `lang` (`en-US`,
    /// `de`, …; empty when unknown).
    pub fn new(reference: Option<DateTime<FixedOffset>>, lang: &str) -> DateContext {
        let lang = lang.trim().to_ascii_lowercase();
        let order_known = !lang.is_empty();
        // US English writes the month first; British and other English pages mostly do too on the
        // web (WordPress defaults), so every `en` does, except the explicitly British forms
        let month_first = lang == "en"
            || (lang.starts_with("en")
                && !["en-gb", "en-ie", "en-au", "en-nz", "en-in", "en-za"]
                    .iter()
                    .any(|l| lang.starts_with(l)));
        DateContext {
            reference,
            order: if month_first {
                NumericOrder::MonthFirst
            } else {
                NumericOrder::DayFirst
            },
            order_known,
        }
    }
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?")
        .expect("regex")
});
/// `2016/3/3`, `2016.03.03`, `2016年3月3日`.
static YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9.])([0-9]{4})(?:/([0-9]{1,2})/([0-9]{1,2})|\.([0-9]{1,2})\.([0-9]{1,2})|年\s?([0-9]{1,2})月\s?([0-9]{1,2})日)(?:[^0-9]|$)")
        .expect("regex")
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([0-9]{1,2})\.\s?([0-9]{1,2})\.\s?([0-9]{4}|[0-9]{2})\b").expect("regex")
});
/// `3/4/2016`, `24/10/16`: the order comes from the context.
static SLASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9/])([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})(?:[^0-9/]|$)")
        .expect("regex")
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b([0-9]{{1,2}})(?:\.|st|nd|rd|th|er|º|°)?(?:\s+(?:de|di|del))?[\s/,.\-]+({})\b\.?(?:,|\s+de|\s+del)?[\s/,.\-]*([0-9]{{4}})\b",
        month_alternation()
    ))
    .expect("regex")
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({})\b\.?\s+([0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+([0-9]{{4}})\b",
        month_alternation()
    ))
    .expect("regex")
});
/// The same without a year: only against a reference.
static DAY_MONTH_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b([0-9]{{1,2}})(?:\.|st|nd|rd|th|er|º|°)?(?:\s+(?:de|di|del))?\s*[\s/.\-]\s*({})\b(\.?)",
        month_alternation()
    ))
    .expect("regex")
});
static MONTH_DAY_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({})\b(\.?)\s+([0-9]{{1,2}})(?:st|nd|rd|th)?\b",
        month_alternation()
    ))
    .expect("regex")
});
/// `22.12.` (not followed by a year or another number).
static NUMERIC_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9.])([0-9]{1,2})\.([0-9]{1,2})\.(?:\s|$|[^0-9\s])").expect("regex")
});
/// `10/24`: month and day in the page's order.
static SLASHED_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9/])([0-9]{1,2})/([0-9]{1,2})(?:[^0-9/]|$)").expect("regex")
});
/// `vor 3 Stunden`, `3 hours ago`, `il y a 3 heures`, `hace 3 horas`, `3 ore fa`, `3 uur geleden`,
/// `há 3 horas`, `3 часа назад`, `3 godziny temu`.
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:\bvor\s+(?P<de>[0-9]+|einer?|einem)\s+(?P<deu>\w+)",
        r"|\b(?P<en>[0-9]+|an?|one)\s+(?P<enu>\w+)\s+ago\b",
        r"|\bil\s+y\s+a\s+(?P<fr>[0-9]+|une?)\s+(?P<fru>\w+)",
        r"|\bhace\s+(?P<es>[0-9]+|una?)\s+(?P<esu>\w+)",
        r"|\bhá\s+(?P<pt>[0-9]+|uma?)\s+(?P<ptu>\w+)",
        r"|\b(?P<it>[0-9]+|un[a']?)\s+(?P<itu>\w+)\s+fa\b",
        r"|\b(?P<nl>[0-9]+|een)\s+(?P<nlu>\w+)\s+geleden\b",
        r"|\b(?P<ru>[0-9]+)\s+(?P<ruu>\w+)\s+назад",
        r"|\b(?P<pl>[0-9]+)\s+(?P<plu>\w+)\s+temu\b)"
    ))
    .expect("regex")
});
/// `gestern`, `today`, `вчера`: the words [`DAY_WORD`] finds.
const DAY_WORDS: [&str; 19] = [
    "vorgestern",
    "gestern",
    "heute",
    "yesterday",
    "today",
    "aujourd'hui",
    "ayer",
    "hoy",
    "ieri",
    "oggi",
    "ontem",
    "hoje",
    "gisteren",
    "vandaag",
    "wczoraj",
    "dzisiaj",
    "dziś",
    "вчера",
    "сегодня",
];
static DAY_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b({})\b", DAY_WORDS.join("|"))).expect("regex"));

/// Whether folded `text` has a word [`RELATIVE`] needs (`vor`, `ago`, `il`, …, `назад`): most texts
/// have none, and the regex is compiled and run only for those that do.
fn may_be_relative(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic()).any(|w| {
        matches!(
            w,
            "vor" | "ago" | "il" | "hace" | "há" | "fa" | "geleden" | "temu"
        ) || w.starts_with("назад")
    })
}

fn ymd(y: i32, m: u32, d: u32) -> Option<String> {
    valid(y, m, d).map(|d| d.format("%Y-%m-%d").to_string())
}

fn valid(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).filter(|_| (1900..=2200).contains(&y))
}

fn year(y: &str) -> Option<i32> {
    let v: i32 = y.parse().ok()?;
    Some(if y.len() == 2 { 2000 + v } else { v })
}

/// Parses a string that is a date (possibly with a time) in one of the supported forms.
/// Returns an ISO 8601 date (`2025-12-22`) or date-time with offset (`2025-12-22T10:30:00+01:00`).
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.to_rfc3339());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.to_rfc3339());
    }
    find_date(s)
}

/// The first complete date found anywhere in `text`.
pub fn find_date(text: &str) -> Option<String> {
    find_full(text, &DateContext::default()).map(|(_, v)| v)
}

/// The first date in `text` read against `ctx`: complete dates, and with a reference also dates
/// with a month name but no year (`22. Dez.`, `March 4`).
pub fn find_date_in(text: &str, ctx: &DateContext) -> Option<String> {
    let full = find_full(text, ctx);
    let partial = ctx.reference.and_then(|r| find_partial(text, r));
    match (full, partial) {
        (Some(f), Some(p)) => Some(if p.0 < f.0 { p.1 } else { f.1 }),
        (f, p) => f.or(p).map(|(_, v)| v),
    }
}

/// A short text that is a date label (`22.12.`, `10/24`, `vor 3 Std.`, `gestern, 14:30`,
/// `Posted on March 4 by …`): also relative dates and numeric forms without a year, which in running
/// text would too easily be something else. A long text gives only its complete dates.
pub fn date_label(text: &str, ctx: &DateContext) -> Option<String> {
    if text.chars().count() > LABEL_MAX {
        return find_full(text, ctx).map(|(_, v)| v);
    }
    let reference = match ctx.reference {
        Some(r) => r,
        None => return find_full(text, ctx).map(|(_, v)| v),
    };
    let mut best = find_full(text, ctx);
    let mut consider = |found: Option<(usize, String)>| {
        if let Some((pos, v)) = found {
            if best.as_ref().is_none_or(|(p, _)| pos < *p) {
                best = Some((pos, v));
            }
        }
    };
    consider(find_partial(text, reference));
    // "today", "vor 3 Stunden" only as a label of a few words, not in a sentence
    if text.split_whitespace().count() <= 5 {
        consider(find_relative(text, reference));
    }
    if let Some(c) = NUMERIC_SHORT.captures(text) {
        let pos = c.get(1).map_or(0, |m| m.start());
        consider(infer_year(&c[2], &c[1], reference).map(|v| (pos, v)));
    }
    if ctx.order_known {
        if let Some(c) = SLASHED_SHORT.captures(text) {
            let pos = c.get(1).map_or(0, |m| m.start());
            let (m, d) = match ctx.order {
                NumericOrder::MonthFirst => (&c[1], &c[2]),
                NumericOrder::DayFirst => (&c[2], &c[1]),
            };
            consider(infer_year(m, d, reference).map(|v| (pos, v)));
        }
    }
    best.map(|(_, v)| v)
}

/// The longest text [`date_label`] reads as a label.
pub const LABEL_MAX: usize = 60;

/// The date of month `m` and day `d` nearest before `reference` (up to two months after it: a
/// page may announce what comes).
fn infer_year(m: &str, d: &str, reference: DateTime<FixedOffset>) -> Option<String> {
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    with_year(m, d, reference)
}

fn with_year(m: u32, d: u32, reference: DateTime<FixedOffset>) -> Option<String> {
    let today = reference.date_naive();
    let this = valid(today.year(), m, d);
    let date = match this {
        Some(x) if x <= today + Duration::days(60) => x,
        _ => valid(today.year() - 1, m, d)?,
    };
    Some(date.format("%Y-%m-%d").to_string())
}

/// `text` lower-cased where that keeps each character's length in bytes (so match positions stay the
/// same): the month-name, relative and day-word regexes match it without `(?i)`, whose case folding
/// of Unicode classes made compiling them take most of a short run's time.
fn fold(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_uppercase) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether folded `text` has a month name as a word of its own: the month-name regexes match only
/// such a word (letters between characters that are no letters), so a text without one skips them.
fn has_month_word(text: &str) -> bool {
    static NAMES: LazyLock<std::collections::HashSet<&'static str>> =
        LazyLock::new(|| MONTHS.iter().flat_map(|m| m.iter().copied()).collect());
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| !w.is_empty() && NAMES.contains(w))
}

/// Whether `text` has an ASCII digit: every numeric and month-name form needs one.
fn has_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

fn find_full(text: &str, ctx: &DateContext) -> Option<(usize, String)> {
    if !has_digit(text) {
        return None;
    }
    let mut best: Option<(usize, String)> = None;
    let mut consider = |pos: usize, v: Option<String>| {
        if let Some(v) = v {
            if best.as_ref().is_none_or(|(p, _)| pos < *p) {
                best = Some((pos, v));
            }
        }
    };
    if let Some(c) = ISO.captures(text) {
        let pos = c.get(0).map_or(0, |m| m.start());
        let date = ymd(
            c[1].parse().ok().unwrap_or(0),
            c[2].parse().unwrap_or(0),
            c[3].parse().unwrap_or(0),
        );
        let full = match (&date, c.get(4), c.get(5), c.get(7)) {
            (Some(d), Some(h), Some(mi), Some(z)) => {
                let sec = c.get(6).map_or("00", |m| m.as_str());
                let z = z.as_str();
                let z = if z == "Z" {
                    "+00:00".to_string()
                } else if z.len() == 5 {
                    format!("{}:{}", &z[..3], &z[3..])
                } else {
                    z.to_string()
                };
                Some(format!("{d}T{}:{}:{sec}{z}", h.as_str(), mi.as_str()))
            }
            _ => date,
        };
        consider(pos, full);
    }
    for c in YMD.captures_iter(text) {
        let pos = c.get(1).map_or(0, |m| m.start());
        let y: i32 = c[1].parse().unwrap_or(0);
        let (m, d) = [(2, 3), (4, 5), (6, 7)]
            .iter()
            .find_map(|&(a, b)| Some((c.get(a)?.as_str(), c.get(b)?.as_str())))
            .unwrap_or(("0", "0"));
        let v = ymd(y, m.parse().unwrap_or(0), d.parse().unwrap_or(0));
        if v.is_some() {
            consider(pos, v);
            break;
        }
    }
    for c in NUMERIC.captures_iter(text) {
        let pos = c.get(0).map_or(0, |m| m.start());
        let v = year(&c[3]).and_then(|y| ymd(y, c[2].parse().ok()?, c[1].parse().ok()?));
        if v.is_some() {
            consider(pos, v);
            break;
        }
    }
    for c in SLASHED.captures_iter(text) {
        let pos = c.get(1).map_or(0, |m| m.start());
        let (a, b): (u32, u32) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
        let Some(y) = year(&c[3]) else { continue };
        let (m, d) = if !ctx.order_known {
            // only what cannot be read two ways
            match (a > 12, b > 12) {
                (true, false) => (b, a),
                (false, true) => (a, b),
                _ => continue,
            }
        } else {
            match ctx.order {
                NumericOrder::MonthFirst => (a, b),
                NumericOrder::DayFirst => (b, a),
            }
        };
        let v = ymd(y, m, d);
        if v.is_some() {
            consider(pos, v);
            break;
        }
    }
    let folded = fold(text);
    if has_month_word(&folded) {
        for c in DAY_MONTH.captures_iter(&folded) {
            let pos = c.get(0).map_or(0, |m| m.start());
            let v = month(&c[2]).and_then(|m| ymd(c[3].parse().ok()?, m, c[1].parse().ok()?));
            if v.is_some() {
                consider(pos, v);
                break;
            }
        }
        for c in MONTH_DAY.captures_iter(&folded) {
            let pos = c.get(0).map_or(0, |m| m.start());
            let v = month(&c[1]).and_then(|m| ymd(c[3].parse().ok()?, m, c[2].parse().ok()?));
            if v.is_some() {
                consider(pos, v);
                break;
            }
        }
    }
    best
}

/// Dates with a month name and no year, against `reference`.
fn find_partial(text: &str, reference: DateTime<FixedOffset>) -> Option<(usize, String)> {
    if !has_digit(text) {
        return None;
    }
    let text = &*fold(text);
    if !has_month_word(text) {
        return None;
    }
    let mut best: Option<(usize, String)> = None;
    let mut consider = |pos: usize, v: Option<String>| {
        if let Some(v) = v {
            if best.as_ref().is_none_or(|(p, _)| pos < *p) {
                best = Some((pos, v));
            }
        }
    };
    // a short month name counts without a year only with its dot or when it is no common word
    let plain = |name: &str, dot: &str| {
        let n = name.to_lowercase();
        !AMBIGUOUS.contains(&n.as_str()) || !dot.is_empty()
    };
    for c in DAY_MONTH_SHORT.captures_iter(text) {
        if !plain(&c[2], &c[3]) {
            continue;
        }
        let pos = c.get(0).map_or(0, |m| m.start());
        let v = month(&c[2]).and_then(|m| with_year(m, c[1].parse().ok()?, reference));
        if v.is_some() {
            consider(pos, v);
            break;
        }
    }
    for c in MONTH_DAY_SHORT.captures_iter(text) {
        if !plain(&c[1], &c[2]) {
            continue;
        }
        let pos = c.get(0).map_or(0, |m| m.start());
        let v = month(&c[1]).and_then(|m| with_year(m, c[3].parse().ok()?, reference));
        if v.is_some() {
            consider(pos, v);
            break;
        }
    }
    best
}

/// Relative dates (`vor 3 Stunden`, `gestern`), against `reference`.
fn find_relative(text: &str, reference: DateTime<FixedOffset>) -> Option<(usize, String)> {
    let text = &*fold(text);
    let mut best: Option<(usize, String)> = None;
    let mut consider = |pos: usize, v: Option<String>| {
        if let Some(v) = v {
            if best.as_ref().is_none_or(|(p, _)| pos < *p) {
                best = Some((pos, v));
            }
        }
    };
    if may_be_relative(text) {
        if let Some(c) = RELATIVE.captures(text) {
            let pos = c.get(0).map_or(0, |m| m.start());
            let pairs = [
                ("de", "deu"),
                ("en", "enu"),
                ("fr", "fru"),
                ("es", "esu"),
                ("pt", "ptu"),
                ("it", "itu"),
                ("nl", "nlu"),
                ("ru", "ruu"),
                ("pl", "plu"),
            ];
            let found = pairs
                .iter()
                .find_map(|(n, u)| Some((c.name(n)?.as_str(), c.name(u)?.as_str())));
            if let Some((n, unit)) = found {
                let n: i64 = n.parse().unwrap_or(1);
                consider(pos, relative(n, unit, reference));
            }
        }
    }
    let day_word = DAY_WORDS.iter().any(|w| text.contains(w));
    if let Some(c) = day_word.then(|| DAY_WORD.captures(text)).flatten() {
        let pos = c.get(0).map_or(0, |m| m.start());
        let days = match c[1].to_lowercase().as_str() {
            "vorgestern" => 2,
            "gestern" | "yesterday" | "ayer" | "ieri" | "ontem" | "gisteren" | "wczoraj"
            | "вчера" => 1,
            _ => 0,
        };
        let d = reference.date_naive() - Duration::days(days);
        consider(pos, Some(d.format("%Y-%m-%d").to_string()));
    }
    best
}

/// `n` units before `reference`: an instant for minutes and hours, a date for days and longer.
fn relative(n: i64, unit: &str, reference: DateTime<FixedOffset>) -> Option<String> {
    let u = unit.to_lowercase();
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| u.starts_with(p));
    if !(0..=10_000).contains(&n) {
        return None;
    }
    let instant = |d: Duration| Some((reference - d).to_rfc3339());
    let date = |d: Duration| Some((reference - d).date_naive().format("%Y-%m-%d").to_string());
    if starts(&["sek", "sec", "seg", "sekund", "секунд"]) {
        instant(Duration::seconds(n))
    } else if starts(&["min", "минут"]) {
        instant(Duration::minutes(n))
    } else if starts(&[
        "std", "stund", "hour", "hr", "heure", "hora", "ora", "ore", "uur", "час", "godzin",
    ]) || u == "h"
    {
        instant(Duration::hours(n))
    } else if starts(&[
        "tag", "day", "jour", "día", "dia", "giorn", "dag", "dni", "dzie", "дн", "день",
    ]) {
        date(Duration::days(n))
    } else if starts(&[
        "woche",
        "week",
        "semaine",
        "semana",
        "settiman",
        "tydzie",
        "tygod",
        "недел",
    ]) {
        date(Duration::weeks(n))
    } else if starts(&[
        "monat",
        "month",
        "mois",
        "mes",
        "mese",
        "maand",
        "miesi",
        "месяц",
    ]) {
        date(Duration::days(30 * n))
    } else if starts(&[
        "jahr", "year", "an", "año", "ano", "anno", "ann", "jaar", "lat", "rok", "год", "лет",
    ]) {
        date(Duration::days(365 * n))
    } else {
        None
    }
}

/// A clock time on its own (`14:35`, `14:35 Uhr`, `2:35 pm`): a ticker entry's time.
pub fn is_clock_time(text: &str) -> bool {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\s*[0-9]{1,2}[:.][0-9]{2}(?::[0-9]{2})?\s*(?:uhr|h|am|pm|a\.m\.|p\.m\.)?\s*$",
        )
        .expect("regex")
    });
    TIME.is_match(text)
}

/// A date at the very start of `text` in brackets or followed by a separator, as news magazines put
/// it before a lead: `[22.12.2025] Köln: …`, `22.12.2025 – …`. Returns the date and the rest.
pub fn leading_date(text: &str) -> Option<(String, &str)> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*[\[(]\s*([0-9]{1,2}\.\s?[0-9]{1,2}\.\s?[0-9]{2,4})\s*[\])]\s*[-–—:|]?\s*")
            .expect("regex")
    });
    let c = LEAD.captures(text)?;
    let d = find_date(&c[1])?;
    Some((d, &text[c.get(0)?.end()..]))
}

/// ISO 8601 / W3C-DTF as feeds write it: `2003`, `2003-12`, `2003-12-31`, a time `10:14`, `10:14:55` or
/// `10:14:55.5` after a `T` or a space, a zone `Z`, `+01:00`, `+0100`, `+01` or none (UTC); also the
/// compact `20031231T101455Z`. A missing month or day is the first.
pub fn w3dtf(s: &str) -> Option<DateTime<chrono::FixedOffset>> {
    static W3DTF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$",
        )
        .expect("regex")
    });
    let c = W3DTF.captures(s.trim())?;
    let num = |i: usize, default: u32| -> Option<u32> {
        c.get(i).map_or(Some(default), |m| m.as_str().parse().ok())
    };
    let date = NaiveDate::from_ymd_opt(c[1].parse().ok()?, num(2, 1)?, num(3, 1)?)?;
    let time = date.and_hms_opt(num(4, 0)?, num(5, 0)?, num(6, 0)?)?;
    let offset = match c.get(7).map(|m| m.as_str()) {
        None | Some("Z") => 0,
        Some(z) => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let digits: String = z[1..].chars().filter(char::is_ascii_digit).collect();
            let h: i32 = digits.get(..2)?.parse().ok()?;
            let m: i32 = digits
                .get(2..)
                .filter(|m| !m.is_empty())
                .map_or(Some(0), |m| m.parse().ok())?;
            sign * (h * 3600 + m * 60)
        }
    };
    chrono::FixedOffset::east_opt(offset)?
        .from_local_datetime(&time)
        .single()
}

/// C's `asctime` form, as some generators write it: `Wed Dec 31 10:14:55 2003` (UTC).
pub fn asctime(s: &str) -> Option<DateTime<chrono::Utc>> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let [_, mon, day, time, year] = words[..] else {
        return None;
    };
    let d = NaiveDate::from_ymd_opt(year.parse().ok()?, month(mon)?, day.parse().ok()?)?;
    let t = chrono::NaiveTime::parse_from_str(time, "%H:%M:%S").ok()?;
    Some(d.and_time(t).and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateContext {
        DateContext::new(Some(DateTime::parse_from_rfc3339(s).unwrap()), "de")
    }

    #[test]
    fn german_and_english_forms() {
        for (s, want) in [
            ("[22.12.2025]", "2025-12-22"),
            ("22.12.2025", "2025-12-22"),
            ("Stand: 3.4.25", "2025-04-03"),
            ("22. Dezember 2025", "2025-12-22"),
            ("1. März 2026, 10:30 Uhr", "2026-03-01"),
            ("22. Dez. 2025", "2025-12-22"),
            ("December 22, 2025", "2025-12-22"),
            ("Dec 22nd, 2025", "2025-12-22"),
            ("22 December 2025", "2025-12-22"),
            ("2025-12-22", "2025-12-22"),
            ("2025-12-22T10:30:00+01:00", "2025-12-22T10:30:00+01:00"),
            ("2025-12-22T10:30:00Z", "2025-12-22T10:30:00+00:00"),
            (
                "Mon, 22 Dec 2025 10:30:00 +0100",
                "2025-12-22T10:30:00+01:00",
            ),
            ("Publiziert am 13. Januar 2014 von Tom", "2014-01-13"),
        ] {
            assert_eq!(parse_date(s).as_deref(), Some(want), "{s}");
        }
        assert_eq!(parse_date("31.02.2025"), None);
        assert_eq!(parse_date("10:30 Uhr"), None);
        assert_eq!(parse_date("Version 1.2.3"), None);
    }

    #[test]
    fn month_names_in_nine_languages() {
        for (s, want) in [
            ("22 enero, 2016", "2016-01-22"),
            ("22 de enero de 2016", "2016-01-22"),
            ("aprile 25, 2016 - 5:47 pm", "2016-04-25"),
            ("25 aprile 2016", "2016-04-25"),
            ("1er mars 2016", "2016-03-01"),
            ("3 février 2016", "2016-02-03"),
            ("12 de março de 2016", "2016-03-12"),
            ("4 maart 2016", "2016-03-04"),
            ("5 października 2016", "2016-10-05"),
            ("17 февраля 2016", "2016-02-17"),
            ("17 / февраля / 2016", "2016-02-17"),
            ("Sept. 3, 2019", "2019-09-03"),
            ("2016/3/3", "2016-03-03"),
            ("2016年3月3日", "2016-03-03"),
            ("更新 2016.03.03", "2016-03-03"),
        ] {
            assert_eq!(find_date(s).as_deref(), Some(want), "{s}");
        }
        // a common word is no month without a year next to it
        assert_eq!(
            find_date_in("3 days ago in May", &DateContext::default()),
            None
        );
    }

    #[test]
    fn dates_without_a_year_take_the_reference_year() {
        let ctx = at("2026-03-01T10:00:00+01:00");
        assert_eq!(
            find_date_in("22. Februar", &ctx).as_deref(),
            Some("2026-02-22")
        );
        // after the reference by months: the year before
        assert_eq!(
            find_date_in("22. Dez.", &ctx).as_deref(),
            Some("2025-12-22")
        );
        assert_eq!(find_date_in("March 4", &ctx).as_deref(), Some("2026-03-04"));
        assert_eq!(date_label("22.12.", &ctx).as_deref(), Some("2025-12-22"));
        assert_eq!(find_date_in("22.12.", &DateContext::default()), None);
        let en = DateContext::new(ctx.reference, "en-US");
        assert_eq!(date_label("10/24", &en).as_deref(), Some("2025-10-24"));
        assert_eq!(
            date_label("10/24", &ctx).as_deref(),
            None,
            "a day cannot be 24th month"
        );
        assert_eq!(find_date_in("3/4/2016", &en).as_deref(), Some("2016-03-04"));
        assert_eq!(
            find_date_in("3/4/2016", &ctx).as_deref(),
            Some("2016-04-03")
        );
        assert_eq!(find_date("3/4/2016"), None, "ambiguous without a language");
        assert_eq!(find_date("24/10/2016").as_deref(), Some("2016-10-24"));
    }

    #[test]
    fn capitals_read_like_lower_case() {
        // the month-name and relative regexes match a lower-cased copy at the same positions
        let ctx = at("2026-03-01T10:00:00+01:00");
        assert_eq!(find_date("22. MÄRZ 2016").as_deref(), Some("2016-03-22"));
        assert_eq!(find_date("SEPT. 3, 2019").as_deref(), Some("2019-09-03"));
        assert_eq!(find_date("17 ФЕВРАЛЯ 2016").as_deref(), Some("2016-02-17"));
        assert_eq!(date_label("22. DEZ.", &ctx).as_deref(), Some("2025-12-22"));
        assert_eq!(
            date_label("VOR 3 STUNDEN", &ctx).as_deref(),
            Some("2026-03-01T07:00:00+01:00")
        );
        assert_eq!(date_label("GESTERN", &ctx).as_deref(), Some("2026-02-28"));
        // a capital whose lower case is longer in bytes stays as it is: the date after it is found
        assert_eq!(
            find_date("\u{212a}\u{0130} 4. März 2016").as_deref(),
            Some("2016-03-04")
        );
        // no digit, no month name: nothing to find
        assert_eq!(date_label("Politik und Wirtschaft", &ctx), None);
    }

    #[test]
    fn relative_dates_count_back_from_the_reference() {
        let ctx = at("2026-03-01T10:00:00+01:00");
        for (s, want) in [
            ("vor 25 Minuten", "2026-03-01T09:35:00+01:00"),
            ("vor 3 Stunden", "2026-03-01T07:00:00+01:00"),
            ("2 hours ago", "2026-03-01T08:00:00+01:00"),
            ("vor 1 Tag", "2026-02-28"),
            ("vor 2 Tagen", "2026-02-27"),
            ("3 days ago", "2026-02-26"),
            ("gestern, 14:30 Uhr", "2026-02-28"),
            ("Heute", "2026-03-01"),
            ("il y a 2 jours", "2026-02-27"),
            ("hace 2 horas", "2026-03-01T08:00:00+01:00"),
            ("3 ore fa", "2026-03-01T07:00:00+01:00"),
            ("2 дня назад", "2026-02-27"),
        ] {
            assert_eq!(date_label(s, &ctx).as_deref(), Some(want), "{s}");
        }
        assert_eq!(date_label("vor 3 Stunden", &DateContext::default()), None);
        // in running text a relative phrase is no date
        assert_eq!(
            date_label(
                "Die Brücke wurde vor 100 Jahren gebaut und wird gesperrt",
                &ctx
            ),
            None
        );
        assert_eq!(
            date_label("At the conference today, a researcher showed", &ctx),
            None
        );
    }

    #[test]
    fn clock_times() {
        assert!(is_clock_time("14:35"));
        assert!(is_clock_time("14:35 Uhr"));
        assert!(is_clock_time("2:35 pm"));
        assert!(!is_clock_time("14:35 Uhr: Feuer in der Altstadt"));
    }

    #[test]
    fn leading_dates() {
        let (d, rest) = leading_date("[22.12.2025] Köln: Erster Planungsprozess").unwrap();
        assert_eq!(d, "2025-12-22");
        assert_eq!(rest, "Köln: Erster Planungsprozess");
        assert!(leading_date("Köln: [22.12.2025]").is_none());
    }
    #[test]
    fn w3dtf_and_asctime() {
        let w = |s: &str| w3dtf(s).map(|d| d.to_rfc3339());
        assert_eq!(
            w("2003-12-31T10:14:55Z").as_deref(),
            Some("2003-12-31T10:14:55+00:00")
        );
        assert_eq!(
            w("2003-12-31T10:14:55.5-08:00").as_deref(),
            Some("2003-12-31T10:14:55-08:00")
        );
        assert_eq!(
            w("2003-12-31T10:14+0100").as_deref(),
            Some("2003-12-31T10:14:00+01:00")
        );
        assert_eq!(
            w("2003-12-31 10:14:55").as_deref(),
            Some("2003-12-31T10:14:55+00:00")
        );
        assert_eq!(
            w("20031231T101455Z").as_deref(),
            Some("2003-12-31T10:14:55+00:00")
        );
        assert_eq!(w("2003-12").as_deref(), Some("2003-12-01T00:00:00+00:00"));
        assert_eq!(w("2003").as_deref(), Some("2003-01-01T00:00:00+00:00"));
        assert_eq!(w("2003-13-01"), None);
        assert_eq!(w("31.12.2003"), None);
        assert_eq!(
            asctime("Wed Dec 31 10:14:55 2003")
                .map(|d| d.to_rfc3339())
                .as_deref(),
            Some("2003-12-31T10:14:55+00:00")
        );
        assert_eq!(asctime("Wed Dec 31 2003"), None);
    }
}

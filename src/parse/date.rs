//! Dates as people write them on German and English news pages, to ISO 8601.
//!
//! `[22.12.2025]`, `22.12.2025`, `22.12.25`, `22. Dezember 2025`, `22. Dez. 2025`, `December 22, 2025`,
//! `22 December 2025`, `Dec 22, 2025`, `2025-12-22`, `2025-12-22T10:30:00+01:00`, RFC 2822.

use chrono::{DateTime, NaiveDate, TimeZone};
use regex::Regex;
use std::sync::LazyLock;

const MONTHS: [(&str, u32); 40] = [
    ("januar", 1),
    ("jänner", 1),
    ("january", 1),
    ("jan", 1),
    ("februar", 2),
    ("february", 2),
    ("feb", 2),
    ("märz", 3),
    ("maerz", 3),
    ("march", 3),
    ("mär", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("mai", 5),
    ("may", 5),
    ("juni", 6),
    ("june", 6),
    ("jun", 6),
    ("juli", 7),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("october", 10),
    ("okt", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("dezember", 12),
    ("december", 12),
    ("dez", 12),
    ("dec", 12),
    ("jänn", 1),
    ("febr", 2),
    ("juny", 6),
];

fn month(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == n).map(|&(_, v)| v)
}

const MONTH_RE: &str = r"(Januar|Jänner|January|Februar|February|März|Maerz|March|April|Mai|May|Juni|June|Juli|July|August|September|Oktober|October|November|Dezember|December|Jan|Feb|Mär|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Okt|Oct|Nov|Dez|Dec)\.?";

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?")
        .expect("regex")
});
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})\b").expect("regex"));
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:\.|st|nd|rd|th)?\s+{MONTH_RE}\s+(\d{{4}})\b"
    ))
    .expect("regex")
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
    .expect("regex")
});

fn ymd(y: i32, m: u32, d: u32) -> Option<String> {
    NaiveDate::from_ymd_opt(y, m, d)
        .filter(|_| (1900..=2200).contains(&y))
        .map(|d| d.format("%Y-%m-%d").to_string())
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

/// The first date found anywhere in `text`.
pub fn find_date(text: &str) -> Option<String> {
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
    for c in NUMERIC.captures_iter(text) {
        let pos = c.get(0).map_or(0, |m| m.start());
        let v = year(&c[3]).and_then(|y| ymd(y, c[2].parse().ok()?, c[1].parse().ok()?));
        if v.is_some() {
            consider(pos, v);
            break;
        }
    }
    for c in DAY_MONTH.captures_iter(text) {
        let pos = c.get(0).map_or(0, |m| m.start());
        let v = month(&c[2]).and_then(|m| ymd(c[3].parse().ok()?, m, c[1].parse().ok()?));
        if v.is_some() {
            consider(pos, v);
            break;
        }
    }
    for c in MONTH_DAY.captures_iter(text) {
        let pos = c.get(0).map_or(0, |m| m.start());
        let v = month(&c[1]).and_then(|m| ymd(c[3].parse().ok()?, m, c[2].parse().ok()?));
        if v.is_some() {
            consider(pos, v);
            break;
        }
    }
    best.map(|(_, v)| v)
}

/// A date at the very start of `text` in brackets or followed by a separator, as news magazines put
/// it before a lead: `[22.12.2025] Köln: …`, `22.12.2025 – …`. Returns the date and the rest.
pub fn leading_date(text: &str) -> Option<(String, &str)> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*[\[(]\s*(\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4})\s*[\])]\s*[-–—:|]?\s*")
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
        ] {
            assert_eq!(parse_date(s).as_deref(), Some(want), "{s}");
        }
        assert_eq!(parse_date("31.02.2025"), None);
        assert_eq!(parse_date("10:30 Uhr"), None);
        assert_eq!(parse_date("Version 1.2.3"), None);
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

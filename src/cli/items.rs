//! `blatt items` (the stored items, for scripts) and `blatt mark` (read, unread, star, unstar; queued
//! for the sync server when the item is a synced one).

use super::CliError;
use crate::store::{ItemRow, MarkAction, Query, SourceRow, Store};
use serde::Serialize;

/// One item as `blatt items --format json` prints it (fields are added, never renamed).
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct ItemOut {
    pub id: i64,
    pub title: String,
    pub url: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub read: bool,
    pub starred: bool,
    /// `"interview"`, `"article"`, or null while nobody has read it.
    pub kind: Option<crate::document::Kind>,
    /// The source's tags (a synced source's categories on the server).
    pub tags: Vec<String>,
}

impl ItemOut {
    fn new(r: &ItemRow, tags: &std::collections::HashMap<i64, Vec<String>>) -> ItemOut {
        let mut out = ItemOut::from(r);
        out.tags = tags
            .get(&r.source_id)
            .map(|t| {
                t.iter()
                    .map(|t| crate::parse::sanitize::clean_line(t))
                    .collect()
            })
            .unwrap_or_default();
        out
    }
}

impl From<&ItemRow> for ItemOut {
    fn from(r: &ItemRow) -> ItemOut {
        use crate::parse::sanitize::{clean_line, clean_opt};
        ItemOut {
            id: r.id,
            title: clean_line(&r.teaser.title),
            url: clean_opt(r.teaser.url.clone()),
            published: clean_opt(r.teaser.published.clone()),
            source: clean_opt(r.teaser.source.clone()).map(|s| clean_line(&s)),
            read: r.read,
            starred: r.starred,
            kind: r.teaser.kind,
            tags: Vec::new(),
        }
    }
}

/// The sources called `name`: by their name, title or URL, case-insensitively.
pub fn sources_named<'a>(sources: &'a [SourceRow], name: &str) -> Vec<&'a SourceRow> {
    let want = name.trim().to_lowercase();
    sources
        .iter()
        .filter(|s| {
            [s.name.as_deref(), s.title.as_deref(), Some(s.url.as_str())]
                .into_iter()
                .flatten()
                .any(|n| n.trim().to_lowercase() == want)
        })
        .collect()
}

/// The lines of `blatt items`: `ID  ●★  date  title · source (Interview)`.
pub fn items_text(items: &[ItemOut]) -> String {
    let w = items
        .iter()
        .map(|i| i.id.to_string().len())
        .max()
        .unwrap_or(1);
    let mut s = String::new();
    for i in items {
        let date = i
            .published
            .as_deref()
            .map(crate::output::display_date)
            .map(|d| d.chars().take(10).collect::<String>())
            .unwrap_or_default();
        s.push_str(&format!(
            "{:>w$}  {}{}  {:<10}  {}",
            i.id,
            if i.read { ' ' } else { '●' },
            if i.starred { '★' } else { ' ' },
            date,
            i.title
        ));
        if let Some(src) = &i.source {
            s.push_str(" · ");
            s.push_str(src);
        }
        if i.kind == Some(crate::document::Kind::Interview) {
            s.push_str(" (Interview)");
        }
        s.push('\n');
    }
    s
}

fn open() -> Result<Store, CliError> {
    super::open_store()
}

/// `blatt items`.
pub fn items(
    unread: bool,
    starred: bool,
    source: Option<&str>,
    json: bool,
) -> Result<String, CliError> {
    let store = open()?;
    let err = |e: crate::store::StoreError| CliError(e.to_string());
    let wanted: Option<Vec<i64>> = match source {
        None => None,
        Some(name) => {
            let all = store.sources().map_err(err)?;
            let found = sources_named(&all, name);
            if found.is_empty() {
                let mut names: Vec<String> =
                    all.iter().map(crate::app::state::source_label).collect();
                names.sort();
                names.dedup();
                return Err(CliError(format!(
                    "no source named `{}` in the store (sources: {})",
                    crate::parse::sanitize::clean_line(name),
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                )));
            }
            Some(found.iter().map(|s| s.id).collect())
        }
    };
    let tags = store.all_source_tags().map_err(err)?;
    let mut out = Vec::new();
    store
        .each_item(
            &Query {
                unread_only: unread,
                starred_only: starred,
                source_id: wanted.as_ref().filter(|w| w.len() == 1).map(|w| w[0]),
                ..Query::default()
            },
            |row| {
                if wanted.as_ref().is_none_or(|w| w.contains(&row.source_id)) {
                    out.push(ItemOut::new(&row, &tags));
                }
            },
        )
        .map_err(err)?;
    Ok(if json {
        serde_json::to_string_pretty(&out).expect("serializable") + "\n"
    } else {
        items_text(&out)
    })
}

/// `blatt mark ACTION ID…`: every id must be a stored item (else nothing changes). Returns the line
/// for stderr.
pub fn mark(action: MarkAction, ids: &[i64]) -> Result<String, CliError> {
    let mut store = open()?;
    let err = |e: crate::store::StoreError| CliError(e.to_string());
    let mut unique = ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    let found = store.existing_items(&unique).map_err(err)?;
    let missing: Vec<String> = unique
        .iter()
        .filter(|i| !found.contains(i))
        .map(|i| i.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(CliError(format!(
            "no item {} in the store (list them with `blatt items`); nothing was marked",
            missing.join(", ")
        )));
    }
    let before = store.pending_mark_count().map_err(err)?;
    let changed = store
        .mark(&unique, action, crate::reload::now())
        .map_err(err)?;
    let queued = store.pending_mark_count().map_err(err)? - before;
    let what = match action {
        MarkAction::Read => "marked read",
        MarkAction::Unread => "marked unread",
        MarkAction::Star => "starred",
        MarkAction::Unstar => "unstarred",
        MarkAction::SourceRead => "marked read",
    };
    let mut line = format!(
        "{changed} of {} item{} {what}",
        unique.len(),
        if unique.len() == 1 { "" } else { "s" }
    );
    if queued > 0 {
        line.push_str(&format!(
            "; {queued} queued for the sync server (`blatt sync` pushes them)"
        ));
    }
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(id: i64, url: &str, name: Option<&str>, title: Option<&str>) -> SourceRow {
        SourceRow {
            id,
            url: url.into(),
            name: name.map(str::to_string),
            kind: "feed".into(),
            title: title.map(str::to_string),
            etag: None,
            last_modified: None,
            last_fetch: None,
            last_ok: None,
            last_error: None,
        }
    }

    #[test]
    fn sources_by_name_title_or_url() {
        let all = vec![
            src(
                1,
                "https://a.example/feed",
                Some("Rathaus"),
                Some("Rathaus Wendelsee"),
            ),
            src(2, "sync:feed/3", None, Some("Testfeed 0")),
        ];
        assert_eq!(sources_named(&all, "rathaus").len(), 1);
        assert_eq!(sources_named(&all, "Rathaus Wendelsee")[0].id, 1);
        assert_eq!(sources_named(&all, " testfeed 0 ")[0].id, 2);
        assert_eq!(sources_named(&all, "https://a.example/feed")[0].id, 1);
        assert!(sources_named(&all, "Testfeed").is_empty());
    }

    #[test]
    fn text_lines() {
        let items = vec![
            ItemOut {
                id: 7,
                title: "Fünf Fragen".into(),
                url: None,
                published: Some("2026-11-01".into()),
                source: Some("Amt & Netz".into()),
                read: false,
                starred: true,
                kind: Some(crate::document::Kind::Interview),
                tags: vec![],
            },
            ItemOut {
                id: 12,
                title: "Haushalt".into(),
                url: None,
                published: None,
                source: None,
                read: true,
                starred: false,
                kind: None,
                tags: vec![],
            },
        ];
        assert_eq!(
            items_text(&items),
            concat!(
                " 7  ●★  2026-11-01  Fünf Fragen · Amt & Netz (Interview)\n",
                "12                  Haushalt\n"
            )
        );
    }
}

//! The reader over the store, started in two steps: what its first frame shows (one screenful of
//! teasers read through the `items_by_source_date` index, and how many items there are), then, right
//! after that frame and before the first key is read, every item.
//!
//! The first step's list holds the real teasers of the rows the first frame can show and, for every
//! other stored item, a stand-in (no text, no store id) in its place, so the list's length and
//! position ("1/10000") are right from the first frame on. [`fill`] replaces the stand-ins.

use crate::app::State;
use crate::document::Teaser;
use crate::store::{ItemRow, Query, Store};

/// The items of `sources` (store ids, in the list's order) as the first frame needs them: the first
/// `rows` of the list read from the store, stand-ins for the rest.
pub fn first_screen_items(
    store: &Store,
    sources: &[i64],
    rows: usize,
) -> crate::store::Result<Vec<ItemRow>> {
    let counts = store.item_counts()?;
    let total: usize = sources.iter().filter_map(|id| counts.get(id)).sum();
    let mut items = Vec::with_capacity(total);
    let mut left = rows;
    let mut seen = std::collections::HashSet::new();
    for &id in sources {
        // a source listed twice shows once (as in the full list)
        if !seen.insert(id) {
            continue;
        }
        let n = counts.get(&id).copied().unwrap_or(0);
        let mut real = Vec::new();
        if left > 0 && n > 0 {
            real = store.items(&Query {
                source_id: Some(id),
                limit: Some(left.min(n)),
                ..Query::default()
            })?;
            left -= real.len();
        }
        let k = real.len();
        items.extend(real);
        items.extend((k..n).map(|_| stand_in(id)));
    }
    Ok(items)
}

/// Every item of `sources`, source after source, each newest first.
pub fn all_items(store: &Store, sources: &[i64]) -> crate::store::Result<Vec<ItemRow>> {
    let wanted: std::collections::HashSet<i64> = sources.iter().copied().collect();
    let mut items = store.items(&Query {
        by_source: true,
        ..Query::default()
    })?;
    items.retain(|i| wanted.contains(&i.source_id));
    Ok(items)
}

fn stand_in(source_id: i64) -> ItemRow {
    ItemRow {
        id: 0,
        source_id,
        teaser: Teaser::default(),
        guid: None,
        read: false,
        starred: false,
        has_article: false,
    }
}

/// The reader over the configured sources (`rows`, in the config's order) as its first frame shows
/// it: [`first_screen_items`] for a list pane at most `height` rows tall.
pub fn first_state(
    store: &Store,
    rows: &[crate::store::SourceRow],
    interval: u64,
    now: i64,
    width: u16,
    height: u16,
) -> crate::store::Result<State> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let items = first_screen_items(store, &ids, height as usize)?;
    let mut state = State::library(rows, Vec::new(), interval, now, width, height);
    fill(&mut state, items);
    Ok(state)
}

/// Whether the first frame of `state` can be drawn from [`first_screen_items`]: the list is in source
/// order and nothing filters it (else the first rows are not the first rows read).
pub fn first_screen_fits(state: &State) -> bool {
    state.grouping == crate::app::state::Grouping::BySource
        && !state.unread_only
        && !state.starred_only
        && state.filter.trim().is_empty()
}

/// [`fill`] with every item of `sources` read straight from the store, one row at a time (no second
/// list of them all next to the reader's).
pub fn fill_all(state: &mut State, store: &Store, sources: &[i64]) -> crate::store::Result<()> {
    let wanted: std::collections::HashSet<i64> = sources.iter().copied().collect();
    let counts = store.item_counts()?;
    let total: usize = wanted.iter().filter_map(|id| counts.get(id)).sum();
    let mut list = List::new(state, total);
    store.each_item(
        &Query {
            by_source: true,
            ..Query::default()
        },
        |row| {
            if wanted.contains(&row.source_id) {
                list.push(row);
            }
        },
    )?;
    list.finish();
    Ok(())
}

/// Replaces the list of a reader built by [`State::library`] with `items` (all of them, as
/// [`all_items`] gives them). Meant for the moment after the first frame, before any key: the
/// selection stays on the first row.
pub fn fill(state: &mut State, items: Vec<ItemRow>) {
    let mut list = List::new(state, items.len());
    for row in items {
        list.push(row);
    }
    list.finish();
}

/// A reader's list being filled with stored items.
struct List<'s> {
    state: &'s mut State,
    /// Store id of a source → its place in the list.
    index: std::collections::HashMap<i64, usize>,
    /// The next position within each source.
    ords: Vec<usize>,
}

impl<'s> List<'s> {
    fn new(state: &'s mut State, len: usize) -> List<'s> {
        let index = state
            .sources
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.db_id.map(|d| (d, i)))
            .collect();
        let ords = vec![0; state.sources.len()];
        // the list's allocation is reused: the full list takes the stand-ins' place
        state.entries.clear();
        state.hidden.clear();
        state.entries.reserve_exact(len);
        List { state, index, ords }
    }

    fn push(&mut self, row: ItemRow) {
        let Some(&si) = self.index.get(&row.source_id) else {
            return;
        };
        let ord = self.ords[si];
        self.ords[si] += 1;
        let e = self.state.entry_of_row(si, ord, row);
        self.state.entries.push(e);
    }

    fn finish(self) {
        let state = self.state;
        state.selected = 0;
        state.list_offset = 0;
        if first_screen_fits(state) {
            // nothing is hidden: the order of the sources in the list is all there is to do (in
            // place; a second list of 10,000 entries would double the reader's peak memory)
            state.entries.sort_unstable_by_key(|e| (e.source_id, e.ord));
        } else {
            state.rebuild();
        }
        state.refresh();
    }
}

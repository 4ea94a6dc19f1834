//! Which queued marks go to the server, and how (pure).
//!
//! The queue holds every mark made here since the last push, oldest first. Of several marks of one
//! item's read (or starred) state only the last counts: the earlier ones leave the queue with it.
//! The marks that count are pushed in the order they were made, a run of the same change in one call.

use super::{MarkAction, QueuedMark};
use std::collections::HashMap;

/// One call to the server, and the queue entries it settles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Items read, unread, starred or unstarred (`ids`: the server's).
    Set {
        action: MarkAction,
        ids: Vec<String>,
        seqs: Vec<i64>,
    },
    /// Every item of a feed read, as far as this store knew them (store item ids up to `bound`).
    SourceRead {
        source_id: i64,
        feed: String,
        bound: i64,
        seqs: Vec<i64>,
    },
    /// Marks that cannot reach the server (their item or source is no longer a synced one).
    Drop { seqs: Vec<i64> },
}

impl Step {
    pub fn seqs(&self) -> &[i64] {
        match self {
            Step::Set { seqs, .. } | Step::SourceRead { seqs, .. } | Step::Drop { seqs } => seqs,
        }
    }
}

/// The field an item mark changes.
fn field(a: MarkAction) -> u8 {
    match a {
        MarkAction::Read | MarkAction::Unread => 0,
        MarkAction::Star | MarkAction::Unstar => 1,
        MarkAction::SourceRead => 2,
    }
}

/// The calls for `marks` (oldest first), in order.
pub fn plan(marks: &[QueuedMark]) -> Vec<Step> {
    // the last mark of each (item, field), and the earlier ones it settles
    let mut last: HashMap<(i64, u8), usize> = HashMap::new();
    for (i, m) in marks.iter().enumerate() {
        if let (Some(item), f) = (m.item_id, field(m.action)) {
            if f != 2 {
                last.insert((item, f), i);
            }
        }
    }
    let mut settled: HashMap<usize, Vec<i64>> = HashMap::new();
    for (i, m) in marks.iter().enumerate() {
        if let Some(item) = m.item_id {
            let f = field(m.action);
            if f != 2 {
                let l = last[&(item, f)];
                if l != i {
                    settled.entry(l).or_default().push(m.seq);
                }
            }
        }
    }
    let mut steps: Vec<Step> = Vec::new();
    let mut dropped = Vec::new();
    for (i, m) in marks.iter().enumerate() {
        let is_last = match (m.item_id, field(m.action)) {
            (Some(item), f) if f != 2 => last[&(item, f)] == i,
            _ => true,
        };
        if !is_last {
            continue;
        }
        let mut seqs = settled.remove(&i).unwrap_or_default();
        seqs.push(m.seq);
        seqs.sort_unstable();
        match m.action {
            MarkAction::SourceRead => match (m.source_id, &m.remote_feed, m.bound) {
                (Some(source_id), Some(feed), Some(bound)) => steps.push(Step::SourceRead {
                    source_id,
                    feed: feed.clone(),
                    bound,
                    seqs,
                }),
                _ => dropped.extend(seqs),
            },
            action => match &m.remote_item {
                Some(id) => match steps.last_mut() {
                    Some(Step::Set {
                        action: a,
                        ids,
                        seqs: s,
                    }) if *a == action => {
                        ids.push(id.clone());
                        s.extend(seqs);
                    }
                    _ => steps.push(Step::Set {
                        action,
                        ids: vec![id.clone()],
                        seqs,
                    }),
                },
                None => dropped.extend(seqs),
            },
        }
    }
    if !dropped.is_empty() {
        dropped.sort_unstable();
        steps.insert(0, Step::Drop { seqs: dropped });
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(seq: i64, item: i64, action: MarkAction) -> QueuedMark {
        QueuedMark {
            seq,
            action,
            item_id: Some(item),
            remote_item: Some(format!("r{item}")),
            source_id: Some(1),
            remote_feed: Some("feed/1".into()),
            bound: None,
            at: seq,
        }
    }

    fn ids(s: &Step) -> Vec<&str> {
        match s {
            Step::Set { ids, .. } => ids.iter().map(String::as_str).collect(),
            _ => vec![],
        }
    }

    #[test]
    fn runs_of_one_change_go_together_in_order() {
        use MarkAction::*;
        let p = plan(&[
            m(1, 10, Read),
            m(2, 11, Read),
            m(3, 12, Star),
            m(4, 13, Read),
        ]);
        assert_eq!(p.len(), 3);
        assert_eq!(ids(&p[0]), vec!["r10", "r11"]);
        assert!(matches!(&p[1], Step::Set { action: Star, .. }));
        assert_eq!(ids(&p[2]), vec!["r13"]);
        assert_eq!(p[0].seqs(), &[1, 2]);
    }

    #[test]
    fn the_last_mark_of_an_item_wins_and_settles_the_earlier() {
        use MarkAction::*;
        // read, star, unread of one item, then another item read
        let p = plan(&[
            m(1, 10, Read),
            m(2, 10, Star),
            m(3, 10, Unread),
            m(4, 11, Read),
        ]);
        assert_eq!(
            p,
            vec![
                Step::Set {
                    action: Star,
                    ids: vec!["r10".into()],
                    seqs: vec![2]
                },
                Step::Set {
                    action: Unread,
                    ids: vec!["r10".into()],
                    seqs: vec![1, 3]
                },
                Step::Set {
                    action: Read,
                    ids: vec!["r11".into()],
                    seqs: vec![4]
                },
            ]
        );
        // every queue entry is settled exactly once
        let mut all: Vec<i64> = p.iter().flat_map(|s| s.seqs().to_vec()).collect();
        all.sort_unstable();
        assert_eq!(all, vec![1, 2, 3, 4]);
    }

    #[test]
    fn a_source_mark_keeps_its_place() {
        use MarkAction::*;
        let source = QueuedMark {
            seq: 2,
            action: SourceRead,
            item_id: None,
            remote_item: None,
            source_id: Some(1),
            remote_feed: Some("feed/1".into()),
            bound: Some(40),
            at: 2,
        };
        let p = plan(&[m(1, 10, Unread), source.clone(), m(3, 10, Unread)]);
        // the first unread of item 10 is settled by the third; the source mark stays between
        assert_eq!(p.len(), 2);
        assert!(matches!(&p[0], Step::SourceRead { bound: 40, .. }));
        assert_eq!(p[1].seqs(), &[1, 3]);
        let gone = QueuedMark {
            remote_feed: None,
            ..source
        };
        let mut orphan = m(5, 12, Star);
        orphan.remote_item = None;
        let p = plan(&[gone, orphan, m(6, 13, Star)]);
        assert_eq!(p[0], Step::Drop { seqs: vec![2, 5] });
        assert_eq!(ids(&p[1]), vec!["r13"]);
        assert!(plan(&[]).is_empty());
    }
}

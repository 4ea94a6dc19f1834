//! The interview fixture corpus: every page in `tests/fixtures/interviews/` runs through the real
//! pipeline (`parse` → extraction → interview recognition) and is compared with its
//! `<name>.expected.json`: the kind, the speakers (name and role, in order) and the turns (the
//! question/answer/quote blocks in order, each with its type, speaker and the start of its text).
//!
//! The test prints kind precision/recall for "interview", turn-attribution accuracy and a diff per
//! failing fixture, and requires 100 %.

use blatt::document::{Block, Kind, Parsed, Role};
use blatt::parse::{parse, KindHint};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize, Debug)]
struct Expected {
    kind: Kind,
    speakers: Vec<ExpSpeaker>,
    turns: Vec<ExpTurn>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct ExpSpeaker {
    name: String,
    role: Role,
}

#[derive(Deserialize, Debug, Clone)]
struct ExpTurn {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    speaker: Option<String>,
    starts: String,
    /// For a turn spanning several paragraphs: how many (joined by a blank line).
    #[serde(default)]
    paragraphs: Option<usize>,
}

#[derive(Debug, Clone)]
struct Turn {
    kind: &'static str,
    speaker: Option<String>,
    text: String,
}

fn turns(blocks: &[Block]) -> Vec<Turn> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Question { speaker, text, .. } => Some(Turn {
                kind: "question",
                speaker: speaker.clone(),
                text: text.clone(),
            }),
            Block::Answer { speaker, text, .. } => Some(Turn {
                kind: "answer",
                speaker: Some(speaker.clone()),
                text: text.clone(),
            }),
            Block::Quote { text, .. } => Some(Turn {
                kind: "quote",
                speaker: None,
                text: text.clone(),
            }),
            _ => None,
        })
        .collect()
}

fn matches(e: &ExpTurn, a: &Turn) -> bool {
    e.kind == a.kind
        && e.speaker == a.speaker
        && a.text.starts_with(&e.starts)
        && e.paragraphs
            .is_none_or(|n| a.text.split("\n\n").count() == n)
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        t.push('…');
    }
    t.replace('\n', "⏎")
}

#[test]
fn interview_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interviews");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixture directory")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .collect();
    names.sort();
    assert!(names.len() >= 34, "only {} fixtures", names.len());

    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    let (mut n_interviews, mut n_articles) = (0usize, 0usize);
    let (mut turns_ok, mut turns_total) = (0usize, 0usize);
    let mut failures: Vec<String> = Vec::new();

    for name in &names {
        let stem = name.trim_end_matches(".html");
        let html = std::fs::read_to_string(dir.join(name)).expect("fixture html");
        let exp_text = std::fs::read_to_string(dir.join(format!("{stem}.expected.json")))
            .unwrap_or_else(|_| panic!("{stem}.expected.json missing"));
        let exp: Expected =
            serde_json::from_str(&exp_text).unwrap_or_else(|e| panic!("{stem}.expected.json: {e}"));
        let article = match parse(&html, None, KindHint::Article) {
            Ok(Parsed::Article(a)) => a,
            other => {
                failures.push(format!("{stem}: not an article: {other:?}"));
                continue;
            }
        };
        let mut problems: Vec<String> = Vec::new();
        match exp.kind {
            Kind::Interview => n_interviews += 1,
            Kind::Article => n_articles += 1,
        }
        match (exp.kind, article.kind) {
            (Kind::Interview, Kind::Interview) => tp += 1,
            (Kind::Article, Kind::Interview) => fp += 1,
            (Kind::Interview, Kind::Article) => fneg += 1,
            _ => {}
        }
        if exp.kind != article.kind {
            problems.push(format!(
                "kind: expected {:?}, got {:?}",
                exp.kind, article.kind
            ));
        }
        let got_speakers: Vec<ExpSpeaker> = article
            .speakers
            .iter()
            .map(|s| ExpSpeaker {
                name: s.name.clone(),
                role: s.role,
            })
            .collect();
        if got_speakers != exp.speakers {
            problems.push(format!(
                "speakers: expected {:?}\n           got      {:?}",
                exp.speakers, got_speakers
            ));
        }
        // marks stay inside their text, on char boundaries, after labels were cut and turns joined
        for b in &article.blocks {
            let text = b.text();
            for m in b.marks() {
                if !(m.start < m.end
                    && m.end <= text.len()
                    && text.is_char_boundary(m.start)
                    && text.is_char_boundary(m.end))
                {
                    problems.push(format!("bad mark {m:?} in {:?}", short(&text)));
                }
            }
            if let Block::Answer { text, marks, .. } = b {
                // a bold label never survives at the start of an answer
                if marks
                    .iter()
                    .any(|m| m.start == 0 && text[m.start..m.end].trim_end().ends_with(':'))
                {
                    problems.push(format!("label left in answer {:?}", short(text)));
                }
            }
        }
        let got = turns(&article.blocks);
        turns_total += exp.turns.len();
        let mut diff = Vec::new();
        for i in 0..exp.turns.len().max(got.len()) {
            match (exp.turns.get(i), got.get(i)) {
                (Some(e), Some(a)) if matches(e, a) => turns_ok += 1,
                (e, a) => diff.push(format!(
                    "  #{i}: expected {}\n        got      {}",
                    e.map(|e| format!(
                        "{} {:?} {:?} paragraphs {:?}",
                        e.kind, e.speaker, e.starts, e.paragraphs
                    ))
                    .unwrap_or_else(|| "-".into()),
                    a.map(|a| format!(
                        "{} {:?} {:?} paragraphs {}",
                        a.kind,
                        a.speaker,
                        short(&a.text),
                        a.text.split("\n\n").count()
                    ))
                    .unwrap_or_else(|| "-".into()),
                )),
            }
        }
        if got.len() != exp.turns.len() {
            problems.push(format!(
                "turns: expected {}, got {}",
                exp.turns.len(),
                got.len()
            ));
        }
        if !diff.is_empty() {
            problems.push(format!("turn diff:\n{}", diff.join("\n")));
        }
        if !problems.is_empty() {
            failures.push(format!("{stem}:\n  {}", problems.join("\n  ")));
        }
    }

    let precision = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = if tp + fneg == 0 {
        1.0
    } else {
        tp as f64 / (tp + fneg) as f64
    };
    let accuracy = if turns_total == 0 {
        1.0
    } else {
        turns_ok as f64 / turns_total as f64
    };
    println!(
        "interview corpus: {} fixtures ({} interviews, {} articles)",
        names.len(),
        n_interviews,
        n_articles
    );
    println!(
        "kind \"interview\": precision {:.1} % ({tp}/{}), recall {:.1} % ({tp}/{})",
        precision * 100.0,
        tp + fp,
        recall * 100.0,
        tp + fneg
    );
    println!(
        "turn attribution: {:.1} % ({turns_ok}/{turns_total} expected turns matched)",
        accuracy * 100.0
    );
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(n_interviews >= 20, "need at least 20 interview fixtures");
    assert!(n_articles >= 14, "need at least 14 non-interview fixtures");
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed (see report above)",
        failures.len()
    );
    assert_eq!(precision, 1.0);
    assert_eq!(recall, 1.0);
    assert_eq!(accuracy, 1.0);
}

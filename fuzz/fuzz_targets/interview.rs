#![no_main]
//! Interview recognition on generated articles: the bytes become blocks (one per line; a first byte
//! picks the block type, `*` marks a bold label), then `interview::recognize` runs. Never a panic,
//! never more blocks than before, every answer's speaker among the speakers.

use blatt::document::{Article, Block, Kind, Mark, MarkStyle};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut blocks = Vec::new();
    for line in text.lines().take(2000) {
        let mut chars = line.chars();
        let kind = chars.next().unwrap_or('p');
        let rest: String = chars.collect();
        let block = match kind {
            'h' => Block::Heading {
                level: 2,
                text: rest,
            },
            'q' => Block::Quote {
                text: rest,
                cite: None,
            },
            'l' => Block::List {
                ordered: false,
                items: rest.split('|').map(str::to_string).collect(),
            },
            '*' => {
                // a bold label up to the first colon
                let end = rest.find(':').map(|i| i + 1).unwrap_or(rest.len());
                Block::Paragraph {
                    marks: vec![Mark {
                        start: 0,
                        end,
                        style: MarkStyle::Bold,
                        href: None,
                    }],
                    text: rest,
                }
            }
            _ => Block::paragraph(rest),
        };
        blocks.push(block);
    }
    let n = blocks.len();
    let mut a = Article {
        title: "Gespräch".into(),
        url: None,
        published: None,
        byline: None,
        lead: None,
        kicker: Some("Interview".into()),
        source: None,
        kind: Kind::Article,
        speakers: Vec::new(),
        blocks,
    };
    blatt::interview::recognize(&mut a);
    assert!(a.blocks.len() <= n);
    if a.kind == Kind::Interview {
        for b in &a.blocks {
            if let Block::Answer { speaker, .. } = b {
                assert!(a.speakers.iter().any(|s| &s.name == speaker), "{speaker}");
            }
        }
    }
});

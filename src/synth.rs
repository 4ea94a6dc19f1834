//! Synthetic documents of any size for benchmarks and load tests: feeds, article pages, interviews.
//! Deterministic (a fixed xorshift sequence), so every run measures the same input. The words are
//! generic vocabulary, not text from anywhere.

use std::fmt::Write;

const WORDS: &[&str] = &[
    "Verwaltung",
    "Portal",
    "Kommune",
    "digital",
    "Antrag",
    "Bürger",
    "Register",
    "Cloud",
    "Netz",
    "Schule",
    "Daten",
    "offen",
    "sicher",
    "Rathaus",
    "Kreis",
    "Landkreis",
    "Glasfaser",
    "Plattform",
    "Service",
    "Formular",
    "Termin",
    "Akte",
    "Standard",
    "Schnittstelle",
    "Projekt",
    "Förderung",
    "und",
    "der",
    "die",
    "das",
    "mit",
    "für",
    "über",
    "wir",
    "haben",
    "werden",
    "zuerst",
    "jetzt",
];

/// A deterministic word generator.
pub struct Words(u64);

impl Words {
    pub fn new(seed: u64) -> Words {
        Words(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn word(&mut self) -> &'static str {
        WORDS[(self.next() % WORDS.len() as u64) as usize]
    }

    /// `n` words as a sentence-like string.
    pub fn text(&mut self, n: usize) -> String {
        let mut s = String::with_capacity(n * 8);
        for i in 0..n {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.word());
            if i % 12 == 11 && i + 1 < n {
                s.push('.');
            }
        }
        s.push('.');
        s
    }
}

/// An RSS 2.0 feed of `items` items.
/// The weekday of a day in November 2026 as RFC 2822 writes it (feeds write the right one).
fn weekday_nov_2026(day: usize) -> String {
    chrono::NaiveDate::from_ymd_opt(2026, 11, day as u32)
        .map_or_else(String::new, |d| d.format("%a").to_string())
}

pub fn feed(seed: u64, items: usize) -> String {
    let mut w = Words::new(seed);
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Feed {seed}</title>\
         <link>https://feeds.blatt.example/{seed}</link><description>Synthetic feed</description>\n"
    );
    for j in 0..items {
        let _ = writeln!(
            s,
            "<item><title>{} {j}</title><link>https://feeds.blatt.example/{seed}/{j}</link><guid>f{seed}-{j}</guid>\
             <pubDate>{}, {:02} Nov 2026 10:{:02}:00 +0100</pubDate><description>{}</description></item>",
            w.text(6),
            weekday_nov_2026(1 + j % 28),
            1 + j % 28,
            j % 60,
            w.text(40)
        );
    }
    s.push_str("</channel></rss>\n");
    s
}

/// An article page of about `words` words with navigation, a related-articles box and a footer.
pub fn article_page(seed: u64, words: usize) -> String {
    let mut w = Words::new(seed);
    let mut s = String::from(
        "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>Bericht – Magazin</title></head><body>\
         <nav><ul><li><a href=\"/\">Start</a></li><li><a href=\"/themen\">Themen</a></li></ul></nav>\
         <article><h1>Ein synthetischer Bericht</h1><p class=\"lead\">[02.11.2026] Ein Vorspann.</p>",
    );
    let mut left = words;
    let mut i = 0;
    while left > 0 {
        let n = left.min(60);
        if i % 8 == 7 {
            let _ = write!(s, "<h2>{}</h2>", w.text(4));
        }
        let _ = write!(
            s,
            "<p>{} <strong>{}</strong> {}</p>",
            w.text(n / 2),
            w.word(),
            w.text(n - n / 2)
        );
        left -= n;
        i += 1;
    }
    s.push_str("</article><aside><h2>Weitere Meldungen</h2><ul>");
    for k in 0..5 {
        let _ = write!(s, "<li><a href=\"/m/{k}\">{}</a></li>", w.text(5));
    }
    s.push_str("</ul></aside><footer>Impressum · Datenschutz</footer></body></html>");
    s
}

/// An interview page of about `words` words: bold questions, three speakers with full names first
/// and surnames later, multi-paragraph answers and pull quotes.
pub fn interview_page(seed: u64, words: usize) -> String {
    let mut w = Words::new(seed);
    let speakers = [
        ("Anna Beispiel", "Beispiel"),
        ("Jonas Probst", "Probst"),
        ("Mira Okafor", "Okafor"),
    ];
    let mut s = String::from(
        "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>Gespräch – Magazin</title></head><body>\
         <article><h1>Ein langes Gespräch</h1><p class=\"lead\">Die Redaktion sprach mit Anna Beispiel, Jonas Probst und Mira Okafor.</p>",
    );
    let mut left = words;
    let mut turn = 0usize;
    while left > 0 {
        let _ = write!(s, "<p><strong>{}?</strong></p>", w.text(12));
        for k in 0..2 {
            let (full, short) = speakers[(turn + k) % 3];
            let label = if turn < 3 { full } else { short };
            let n = left.min(80);
            let _ = write!(s, "<p><strong>{label}:</strong> {}</p>", w.text(n));
            left = left.saturating_sub(n + 12);
            if turn % 4 == 3 {
                let _ = write!(s, "<p>{}</p>", w.text(30));
            }
            if turn % 9 == 8 {
                let _ = write!(s, "<blockquote><p>„{}“</p></blockquote>", w.text(10));
            }
            turn += 1;
            if left == 0 {
                break;
            }
        }
    }
    s.push_str("</article></body></html>");
    s
}

/// A news front page of `teasers` teasers in sections of ten (a roof line, a linked headline, a date
/// and a summary each), with a navigation bar, a most-read box and a footer around them.
pub fn listing_page(seed: u64, teasers: usize) -> String {
    let mut w = Words::new(seed);
    let mut s = String::from(
        "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>Startseite – Magazin</title></head><body>\
         <header><nav><ul>",
    );
    for k in 0..20 {
        let _ = write!(s, "<li><a href=\"/ressort/{k}\">{}</a></li>", w.text(2));
    }
    s.push_str("</ul></nav></header><main>");
    let mut j = 0;
    let mut section = 0;
    while j < teasers {
        let _ = write!(
            s,
            "<section class=\"block\"><h2><a href=\"/ressort/{section}\">{}</a></h2>",
            w.text(2)
        );
        for _ in 0..10.min(teasers - j) {
            let _ = write!(
                s,
                "<article class=\"teaser\"><a href=\"/a/{j}\"><img src=\"/i/{j}.jpg\" alt=\"\"></a>\
                 <span class=\"kicker\">{}</span><h3><a href=\"/a/{j}\">{}</a></h3>\
                 <time datetime=\"2026-11-{:02}T10:{:02}:00+01:00\">{}.11.2026</time><p>{}</p></article>",
                w.text(2),
                w.text(7),
                1 + j % 28,
                j % 60,
                1 + j % 28,
                w.text(30)
            );
            j += 1;
        }
        s.push_str("</section>");
        section += 1;
    }
    s.push_str("</main><aside><h2>Meistgelesen</h2><ol>");
    for k in 0..10 {
        let _ = write!(s, "<li><a href=\"/top/{k}\">{}</a></li>", w.text(6));
    }
    s.push_str("</ol></aside><footer><ul>");
    for k in 0..12 {
        let _ = write!(s, "<li><a href=\"/info/{k}\">{}</a></li>", w.text(2));
    }
    s.push_str("</ul></footer></body></html>");
    s
}

/// How a synthetic feed is shaped (see [`realistic_feed`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Title, link, date and a 40-word description per item (the old benchmark feeds).
    Short,
    /// RSS 2.0: a 30-word description and the whole article as HTML in `content:encoded`.
    FullRss,
    /// Atom 1.0: a summary and the whole article as escaped HTML in `<content type="html">`.
    FullAtom,
}

/// How many words an item's article has: mostly short news (100–300), some longer pieces (300–800),
/// a few long reads (800–2,000). About 370 words on average.
fn article_words(w: &mut Words) -> usize {
    let r = w.next() % 100;
    let span = |w: &mut Words, lo: u64, hi: u64| (lo + w.next() % (hi - lo)) as usize;
    if r < 70 {
        span(w, 100, 300)
    } else if r < 92 {
        span(w, 300, 800)
    } else {
        span(w, 800, 2000)
    }
}

/// Fictional speakers for the synthetic interviews.
const SPEAKERS: &[(&str, &str)] = &[
    ("Anna Beispiel", "Beispiel"),
    ("Jonas Probst", "Probst"),
    ("Mira Okafor", "Okafor"),
    ("Lutz Hagedorn", "Hagedorn"),
];

/// An article body as a CMS writes it into a feed: paragraphs with links and emphasis, a figure now
/// and then, subheadings in long pieces; every seventh article an interview whose turns start with
/// `Name:` (the question in bold, the answer plain).
pub fn article_html(w: &mut Words, seed: u64, words: usize) -> String {
    let mut s = String::with_capacity(words * 9);
    let interview = seed % 7 == 3;
    let mut left = words;
    let mut i = 0usize;
    if interview {
        let (full, short) = SPEAKERS[(seed % SPEAKERS.len() as u64) as usize];
        let _ = write!(
            s,
            "<p><em>Die Redaktion sprach mit {full} über {}.</em></p>",
            w.text(6).trim_end_matches('.')
        );
        while left > 0 {
            let n = left.min(20 + (w.next() % 70) as usize);
            let _ = write!(
                s,
                "<p><strong>Redaktion:</strong> {}?</p>",
                w.text(12).trim_end_matches('.')
            );
            let label = if i == 0 { full } else { short };
            let _ = write!(s, "<p><strong>{label}:</strong> {}</p>", w.text(n));
            left = left.saturating_sub(n + 12);
            i += 1;
        }
        return s;
    }
    while left > 0 {
        let n = left.min(35 + (w.next() % 50) as usize);
        if i % 6 == 5 && words > 600 {
            let _ = write!(s, "<h2>{}</h2>", w.text(4).trim_end_matches('.'));
        }
        if i % 5 == 2 {
            let _ = write!(
                s,
                "<figure><img src=\"https://img.blatt.example/{seed}/{i}.jpg\" alt=\"{}\" width=\"800\" height=\"450\" loading=\"lazy\"><figcaption>{}</figcaption></figure>",
                w.text(4).trim_end_matches('.'),
                w.text(8)
            );
        }
        let a = n / 3;
        let _ = writeln!(
            s,
            "<p>{} <a href=\"https://www.blatt.example/thema/{}\">{}</a> {} <strong>{}</strong> {}</p>",
            w.text(a),
            w.word().to_lowercase(),
            w.text(2).trim_end_matches('.'),
            w.text(a),
            w.word(),
            w.text(n - 2 * a)
        );
        left -= n;
        i += 1;
    }
    s
}

/// Escapes `&`, `<` and `>` for XML text.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A feed like the ones people follow: [`Shape::Short`] is [`feed`]; the full-text shapes carry every
/// item's article (see [`article_html`]), `words` forcing every article's length when given.
pub fn realistic_feed(seed: u64, items: usize, shape: Shape, words: Option<usize>) -> String {
    if shape == Shape::Short {
        return feed(seed, items);
    }
    let mut w = Words::new(seed);
    let atom = shape == Shape::FullAtom;
    let mut s = if atom {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\">\
             <title>Feed {seed}</title><id>urn:blatt:feed:{seed}</id><updated>2026-11-28T10:00:00Z</updated>\
             <link rel=\"alternate\" href=\"https://www.blatt.example/{seed}/\"/>\n"
        )
    } else {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>Feed {seed}</title>\
             <link>https://www.blatt.example/{seed}/</link><description>Nachrichten aus dem Landkreis</description>\
             <language>de-DE</language><generator>Synthetic CMS 6.4</generator>\n"
        )
    };
    for j in 0..items {
        let n = words.unwrap_or_else(|| article_words(&mut w));
        let title = w.text(7);
        let title = title.trim_end_matches('.');
        let summary = w.text(30);
        let body = article_html(&mut w, seed.wrapping_mul(131).wrapping_add(j as u64), n);
        let author = SPEAKERS[j % SPEAKERS.len()].0;
        let (day, minute) = (1 + j % 28, j % 60);
        let weekday = weekday_nov_2026(day);
        if atom {
            let _ = writeln!(
                s,
                "<entry><title>{title} {j}</title><link rel=\"alternate\" type=\"text/html\" href=\"https://www.blatt.example/{seed}/{j}\"/>\
                 <id>urn:blatt:{seed}:{j}</id><published>2026-11-{day:02}T10:{minute:02}:00+01:00</published>\
                 <updated>2026-11-{day:02}T11:{minute:02}:00+01:00</updated><author><name>{author}</name></author>\
                 <summary type=\"text\">{summary}</summary><content type=\"html\">{}</content></entry>",
                escape(&body)
            );
        } else {
            let _ = writeln!(
                s,
                "<item><title>{title} {j}</title><link>https://www.blatt.example/{seed}/{j}</link>\
                 <guid isPermaLink=\"false\">https://www.blatt.example/?p={seed}{j:05}</guid>\
                 <pubDate>{weekday}, {day:02} Nov 2026 10:{minute:02}:00 +0100</pubDate><dc:creator><![CDATA[{author}]]></dc:creator>\
                 <category><![CDATA[{}]]></category><description><![CDATA[{summary} […]]]></description>\
                 <content:encoded><![CDATA[{body}]]></content:encoded></item>",
                w.word()
            );
        }
    }
    s.push_str(if atom {
        "</feed>\n"
    } else {
        "</channel></rss>\n"
    });
    s
}

/// The feeds of a benchmark like a real subscription list, for feed `i` of `m` items: most carry full
/// text (RSS, every fourth Atom), every fifth has summaries only, feed 3 is a 2,000-item summary feed
/// and feed 2 a full-text feed of about 1 MB. Returns the feed and its item count.
pub fn subscription_feed(i: u64, m: usize) -> (String, usize) {
    match i {
        3 => (realistic_feed(i, 2000, Shape::Short, None), 2000),
        2 => (
            realistic_feed(i, m, Shape::FullRss, Some(120_000 / m.max(1))),
            m,
        ),
        _ if i % 5 == 4 => (realistic_feed(i, m, Shape::Short, None), m),
        _ if i % 4 == 1 => (realistic_feed(i, m, Shape::FullAtom, None), m),
        _ => (realistic_feed(i, m, Shape::FullRss, None), m),
    }
}

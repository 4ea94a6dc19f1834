//! Parsers on hostile input stay bounded: HTML nested 100,000 levels deep, a 50 MB page, a 1 MB
//! attribute, XML entity expansion (billion laughs), invalid UTF-8 and mixed encodings, zero-length
//! input, binary junk, huge generated interviews, hostile OPML.
//!
//! Each case runs in a child process (this test binary re-invoked with [`CHILD_ENV`] set to the case's
//! name) under `setrlimit` limits on address space and CPU time, on a test thread with the default
//! 2 MiB stack (the size of a tokio worker's stack, where the reader parses). A blow-up (quadratic
//! time, unbounded memory, unbounded recursion) kills the child, and the parent test fails with the
//! reason instead of hanging CI. Nothing here asserts on timing.

use blatt::document::{Article, Block, Kind, Parsed};
use blatt::parse::sanitize::is_forbidden;
use blatt::parse::{parse, parse_bytes, KindHint};
use std::process::Command;

const CHILD_ENV: &str = "BLATT_HOSTILE_CHILD";
const MIB: u64 = 1024 * 1024;

/// The nesting depth of the deep cases.
const DEEP: usize = 100_000;

/// Limits for one case.
struct Limits {
    /// Address space (RLIMIT_AS), MiB.
    mem_mib: u64,
    /// CPU time (RLIMIT_CPU), seconds: a safety net against blow-ups (quadratic or worse on these
    /// inputs means hours), never a budget. CPU time, not wall time, so a busy machine barely moves
    /// it. Measured in the test build: the 50 MB page 27 s (a quadratic step in the listing stage
    /// once made it 310 s), every other case 12 s or less; 300 s leaves a margin of more than 10x and
    /// still catches that step.
    cpu_secs: u64,
}

const SMALL: Limits = Limits {
    mem_mib: 1024,
    cpu_secs: 300,
};
const LARGE: Limits = Limits {
    mem_mib: 3072,
    cpu_secs: 300,
};

#[cfg(unix)]
fn set_limits(l: &Limits) {
    fn set(resource: libc::__rlimit_resource_t, value: u64) {
        let lim = libc::rlimit {
            rlim_cur: value as libc::rlim_t,
            rlim_max: value as libc::rlim_t,
        };
        // SAFETY: setrlimit with a valid pointer to an initialised struct
        let rc = unsafe { libc::setrlimit(resource, &lim) };
        assert_eq!(rc, 0, "setrlimit failed");
    }
    set(libc::RLIMIT_AS, l.mem_mib * MIB);
    // the soft limit sends SIGXCPU (reported as such); the hard one, a little later, SIGKILL
    let cpu = libc::rlimit {
        rlim_cur: l.cpu_secs as libc::rlim_t,
        rlim_max: (l.cpu_secs + 10) as libc::rlim_t,
    };
    // SAFETY: as above
    assert_eq!(unsafe { libc::setrlimit(libc::RLIMIT_CPU, &cpu) }, 0);
    // a crash must not leave a core file behind
    set(libc::RLIMIT_CORE, 0);
}

/// Runs `body` in a child process under `limits`; fails when the child does not finish cleanly.
fn bounded(name: &str, limits: Limits, body: impl FnOnce()) {
    if let Ok(which) = std::env::var(CHILD_ENV) {
        if which == name {
            set_limits(&limits);
            body();
            println!("case {name} done");
        }
        return;
    }
    let exe = std::env::current_exe().expect("the test binary");
    let out = Command::new(exe)
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, name)
        .env_remove("RUST_MIN_STACK")
        .output()
        .expect("run the child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let why = {
        use std::os::unix::process::ExitStatusExt;
        match out.status.signal() {
            Some(libc::SIGXCPU) => format!("CPU limit of {} s exceeded", limits.cpu_secs),
            Some(libc::SIGSEGV) | Some(libc::SIGBUS) => "crashed (stack overflow?)".to_string(),
            Some(libc::SIGABRT) => format!(
                "aborted (memory limit of {} MiB or stack overflow)",
                limits.mem_mib
            ),
            Some(libc::SIGKILL) => format!(
                "killed (CPU limit of {} s + 10 exceeded, or out of memory)",
                limits.cpu_secs
            ),
            Some(s) => format!("killed by signal {s}"),
            None => format!("exit status {:?}", out.status.code()),
        }
    };
    assert!(
        out.status.success(),
        "case {name}: {why}\n--- stdout\n{}\n--- stderr\n{}",
        tail(&stdout),
        tail(&stderr)
    );
    assert!(
        stdout.contains(&format!("case {name} done")),
        "case {name} did not run in the child:\n{stdout}"
    );
}

fn tail(s: &str) -> &str {
    let n = s.len().saturating_sub(4000);
    let mut i = n;
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

/// Every string of a parsed document.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

fn json_of(p: &Parsed) -> serde_json::Value {
    match p {
        Parsed::Feed(l) | Parsed::Listing(l) => {
            let mut v = vec![
                serde_json::Value::from(l.title.clone()),
                serde_json::Value::from(l.feeds.clone()),
            ];
            for it in &l.items {
                v.push(serde_json::to_value(&it.teaser).expect("json"));
                v.push(serde_json::Value::from(it.guid.clone()));
                if let Some(a) = &it.article {
                    v.push(serde_json::to_value(a).expect("json"));
                }
            }
            serde_json::Value::Array(v)
        }
        Parsed::Article(a) => serde_json::to_value(a).expect("json"),
    }
}

/// A parse result is a document free of control characters and not much larger than its input, or an
/// error whose message is one clean line.
fn check_result(r: &Result<Parsed, blatt::parse::ParseError>, input_len: usize) {
    match r {
        Ok(p) => {
            let v = json_of(p);
            let mut all = Vec::new();
            strings(&v, &mut all);
            let total: usize = all.iter().map(String::len).sum();
            assert!(
                total <= 2 * input_len + 64 * 1024,
                "output of {total} bytes for {input_len} bytes of input"
            );
            for s in &all {
                assert!(
                    !s.chars().any(is_forbidden),
                    "control character in {:?}",
                    &s[..s.len().min(200)]
                );
            }
        }
        Err(e) => {
            let m = e.to_string();
            assert!(!m.contains('\n') && !m.chars().any(is_forbidden), "{m:?}");
        }
    }
}

/// `text` through every entry point: sniffed, and read as each kind.
fn every_hint(text: &str) {
    for hint in [
        KindHint::Auto,
        KindHint::Feed,
        KindHint::Listing,
        KindHint::Article,
    ] {
        let r = parse(text, Some(&base()), hint);
        check_result(&r, text.len());
    }
}

fn base() -> url::Url {
    url::Url::parse("https://blatt.example/seite/").expect("url")
}

fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tief verschachtelt</title></head>\
         <body><article><h1>Oberau baut</h1><p>Der Rat hat beschlossen, das Portal auszubauen.</p>{body}\
         </article></body></html>"
    )
}

fn nested(open: &str, close: &str, inner: &str, depth: usize) -> String {
    let mut s = String::with_capacity((open.len() + close.len()) * depth + inner.len());
    for _ in 0..depth {
        s.push_str(open);
    }
    s.push_str(inner);
    for _ in 0..depth {
        s.push_str(close);
    }
    s
}

/// Deep fragments of several shapes: closed and unclosed blocks, formatting elements (which the HTML
/// tree builder reconstructs), tables, lists, quotes, links.
fn deep_fragments() -> Vec<(&'static str, String)> {
    let inner = "<p>Ganz unten: <b>Frage:</b> Wie tief?</p>";
    vec![
        ("div closed", nested("<div>", "</div>", inner, DEEP)),
        ("div unclosed", nested("<div>", "", inner, DEEP)),
        ("b unclosed", nested("<b>", "", inner, DEEP)),
        (
            "em+span unclosed",
            nested("<em><span>", "", inner, DEEP / 2),
        ),
        (
            "tables",
            nested("<table><tr><td>", "</td></tr></table>", inner, DEEP / 3),
        ),
        ("lists", nested("<ul><li>", "</li></ul>", inner, DEEP / 2)),
        (
            "blockquotes",
            nested("<blockquote>", "</blockquote>", inner, DEEP),
        ),
        ("links", nested("<a href=\"/x\">", "", inner, DEEP)),
        ("font unclosed", nested("<font size=2>", "", inner, DEEP)),
    ]
}

#[test]
fn html_nested_100000_deep_as_page_listing_and_article() {
    bounded(
        "html_nested_100000_deep_as_page_listing_and_article",
        SMALL,
        || {
            for (what, frag) in deep_fragments() {
                eprintln!("{what}");
                let text = page(&frag);
                every_hint(&text);
                // the listing parser on its own (it limits the nesting itself)
                let _ = blatt::parse::listing::parse_listing(&text, Some(&base()));
            }
        },
    );
}

/// The full text of a feed item (content:encoded, Atom html content and summary, JSON Feed
/// content_html) is HTML parsed on its own: it must be flattened like a page.
#[test]
fn deep_html_inside_feeds() {
    bounded("deep_html_inside_feeds", SMALL, || {
        for (what, frag) in deep_fragments() {
            eprintln!("{what}");
            let escaped = frag.replace('&', "&amp;").replace('<', "&lt;");
            let rss = format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
                 <channel><title>Tief</title><item><title>T {escaped}</title><link>https://blatt.example/1</link>\
                 <description>{escaped}</description><content:encoded><![CDATA[{frag}]]></content:encoded></item></channel></rss>"
            );
            let r = parse(&rss, Some(&base()), KindHint::Auto);
            check_result(&r, rss.len());
            assert!(matches!(r, Ok(Parsed::Feed(_))), "{what}: {r:?}");
            let atom = format!(
                "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Tief</title><id>urn:t</id>\
                 <entry><title type=\"html\">{escaped}</title><id>urn:1</id><link href=\"https://blatt.example/1\"/>\
                 <summary type=\"html\">{escaped}</summary><content type=\"html\">{escaped}</content></entry></feed>"
            );
            let r = parse(&atom, Some(&base()), KindHint::Auto);
            check_result(&r, atom.len());
            let json = serde_json::json!({
                "version": "https://jsonfeed.org/version/1.1",
                "title": "Tief",
                "items": [{"id": "1", "url": "https://blatt.example/1", "title": frag, "content_html": frag, "summary": frag}]
            })
            .to_string();
            let r = parse(&json, Some(&base()), KindHint::Auto);
            check_result(&r, json.len());
        }
    });
}

/// Feed text scanned for markup: tags that never close, names that never end, thousands of
/// self-closing frames. Each scan is linear.
#[test]
fn feed_markup_scans_stay_linear() {
    bounded("feed_markup_scans_stay_linear", SMALL, || {
        let n = 200_000;
        // one self-closing end 9 MB on: every frame before it looks for its '>', so a
        // scan per frame would be 10^12 steps
        let never_closed = format!("{}/&gt;", "&lt;iframe x".repeat(5 * n));
        let self_closed = "&lt;iframe/&gt;x".repeat(n);
        let long_name = format!("&lt;/{}&gt;", "b".repeat(1_000_000));
        let entities = "&amp;ouml;&lt;b".repeat(n);
        let rss = format!(
            "<rss version=\"2.0\"><channel><title>Lang</title>\
             <item><title>{long_name}</title><description>{never_closed}</description></item>\
             <item><title>{entities}</title><description>{self_closed}</description></item>\
             </channel></rss>"
        );
        let r = parse(&rss, Some(&base()), KindHint::Feed);
        check_result(&r, rss.len());
        assert!(
            matches!(r, Ok(Parsed::Feed(ref l)) if l.items.len() == 2),
            "{r:?}"
        );
    });
}

/// An article page whose only full text is a JSON-LD `articleBody` holding deeply nested HTML: the
/// extractor parses that HTML as a fragment of its own, which the page-level flattening does not
/// reach (the JSON sits in a `<script>`).
#[test]
fn deep_html_in_json_ld_article_body() {
    bounded("deep_html_in_json_ld_article_body", SMALL, || {
        for (what, frag) in deep_fragments() {
            eprintln!("{what}");
            let body = format!(
                "<p>{}</p>{frag}<p>Ende.</p>",
                "Die Verwaltung von Oberau erklärt ihr neues Portal. ".repeat(10)
            );
            let ld = serde_json::json!({
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": "Tief im JSON",
                "articleBody": body,
            })
            .to_string()
            .replace("</", "<\\/");
            let text = format!(
                "<!DOCTYPE html><html><head><title>Tief im JSON</title>\
                 <script type=\"application/ld+json\">{ld}</script></head><body><h1>Tief im JSON</h1>\
                 <p>Kurz.</p></body></html>"
            );
            for hint in [KindHint::Auto, KindHint::Article] {
                check_result(&parse(&text, Some(&base()), hint), text.len());
            }
        }
    });
}

/// Deep XML itself: elements nested 100,000 levels inside an item, Atom xhtml content, JSON arrays.
#[test]
fn deep_xml_and_json_feeds() {
    bounded("deep_xml_and_json_feeds", SMALL, || {
        let rss = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Tief</title><item><title>A</title>\
             <link>https://blatt.example/1</link>{}</item></channel></rss>",
            nested("<x>", "</x>", "unten", DEEP)
        );
        check_result(&parse(&rss, None, KindHint::Auto), rss.len());
        let unclosed = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Tief</title><item><title>A</title>{}",
            nested("<x>", "", "unten", DEEP)
        );
        check_result(&parse(&unclosed, None, KindHint::Auto), unclosed.len());
        let atom = format!(
            "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Tief</title><id>urn:t</id>\
             <entry><title>A</title><id>urn:1</id><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">{}</div></content></entry></feed>",
            nested("<div>", "</div>", "unten", DEEP)
        );
        check_result(&parse(&atom, None, KindHint::Auto), atom.len());
        let json = format!(
            "{{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Tief\", \"items\": {}",
            nested("[", "]", "1", DEEP)
        );
        check_result(&parse(&json, None, KindHint::Auto), json.len());
    });
}

/// A 50 MB page (over three times the fetch cap of 16 MiB) handed to the parser directly gives an
/// error or a document; a page just under the cap gives a document.
#[test]
fn fifty_megabyte_page() {
    bounded("fifty_megabyte_page", LARGE, || {
        let mut teasers = String::new();
        let mut i = 0;
        while teasers.len() < 50 * 1000 * 1000 {
            teasers.push_str(&format!(
                "<div class=\"teaser\"><h3><a href=\"/m/{i}\">Meldung {i} aus Nordheim</a></h3>\
                 <p>[22.12.2025] Der Kreis Nordheim digitalisiert den Antrag Nummer {i}. <a href=\"/m/{i}\">mehr</a></p></div>\n"
            ));
            i += 1;
        }
        let big = page(&teasers);
        assert!(big.len() >= 50 * 1000 * 1000);
        let r = parse_bytes(
            big.as_bytes(),
            Some("text/html"),
            Some(&base()),
            KindHint::Auto,
        );
        check_result(&r, big.len());
        drop(r);
        drop(big);
        // junk: 50 MB of one long text without tags
        let junk = "Bürgerportal ".repeat(4 * 1000 * 1000);
        check_result(&parse(&junk, Some(&base()), KindHint::Article), junk.len());
    });
}

#[test]
fn page_at_the_fetch_cap_gives_a_document() {
    bounded("page_at_the_fetch_cap_gives_a_document", LARGE, || {
        let mut body = String::new();
        let mut i = 0;
        while body.len() < (blatt::fetch::MAX_BODY - 4096) {
            body.push_str(&format!(
                "<p>Absatz {i}: Die Stadt Oberau stellt ihre Verwaltung um, Schritt für Schritt und mit \
                 Geduld, damit die Bürger die neuen Dienste auch finden.</p>\n"
            ));
            i += 1;
        }
        let text = page(&body);
        assert!(text.len() <= blatt::fetch::MAX_BODY);
        let r = parse(&text, Some(&base()), KindHint::Auto);
        check_result(&r, text.len());
        match r {
            Ok(Parsed::Article(a)) => assert!(a.blocks.len() > 1000, "{} blocks", a.blocks.len()),
            other => panic!("expected an article, got {:?}", other.map(|_| ())),
        }
    });
}

/// One attribute of a megabyte: in a link, an image, a meta tag, a feed's link.
#[test]
fn one_megabyte_attribute() {
    bounded("one_megabyte_attribute", SMALL, || {
        let long = "A".repeat(1024 * 1024);
        let listing = format!(
            "<!DOCTYPE html><html><head><title>Liste</title><meta name=\"description\" content=\"{long}\">\
             <link rel=\"alternate\" type=\"application/rss+xml\" href=\"/{long}\"></head><body><div class=\"news\">\
             <div class=\"t\"><h3><a href=\"/m/{long}\">Eins aus Oberau</a></h3><p>[22.12.2025] Text eins. <a href=\"/m/1\">mehr</a></p></div>\
             <div class=\"t\"><h3><a href=\"/m/2\" title=\"{long}\">Zwei aus Oberau</a></h3><p>[21.12.2025] Text zwei.</p></div>\
             <div class=\"t\"><h3><a href=\"/m/3\" data-x=\"{long}\">Drei aus Oberau</a></h3><p>[20.12.2025] Text drei.</p></div>\
             <div class=\"t\"><h3><a href=\"/m/4\">Vier aus Oberau</a></h3><p>[19.12.2025] <img src=\"{long}\" alt=\"{long}\"> Text vier.</p></div>\
             </div></body></html>"
        );
        every_hint(&listing);
        let article = page(&format!(
            "<p class=\"{long}\">Absatz mit <a href=\"https://blatt.example/{long}\">Link</a>.</p><img src=\"/{long}.jpg\" alt=\"Bild\">"
        ));
        every_hint(&article);
        let rss = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>A</title>\
             <link>https://blatt.example/{long}</link><enclosure url=\"https://blatt.example/{long}\" type=\"audio/mpeg\" length=\"1\"/>\
             </item></channel></rss>"
        );
        every_hint(&rss);
        let unterminated = format!("<html><body><a href=\"{long}");
        every_hint(&unterminated);
    });
}

/// Billion laughs: custom entities declared in a DOCTYPE are not expanded by the feed parser or the
/// OPML reader. Ten levels of ten would be 10^10 "lol"s (30 GB); the limits would kill an expansion,
/// and the text must not hold even one expanded level.
#[test]
fn billion_laughs_is_not_expanded() {
    bounded("billion_laughs_is_not_expanded", SMALL, || {
        let mut dtd = String::from("<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for i in 1..=10 {
            let prev = if i == 1 {
                "lol".to_string()
            } else {
                format!("lol{}", i - 1)
            };
            dtd.push_str(&format!(
                "<!ENTITY lol{i} \"{}\">\n",
                format!("&{prev};").repeat(10)
            ));
        }
        dtd.push_str("]>\n");
        let feeds = [
            format!(
                "<?xml version=\"1.0\"?>\n{dtd}<rss version=\"2.0\"><channel><title>Lachen &lol10;</title>\
                 <item><title>Eins &lol10;</title><link>https://blatt.example/1</link><description>&lol9; &lol10;</description></item></channel></rss>"
            ),
            format!(
                "<?xml version=\"1.0\"?>\n{dtd}<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&lol10;</title><id>urn:x</id>\
                 <entry><title>Eins &lol10;</title><id>urn:1</id><content type=\"html\">&lol10;</content></entry></feed>"
            ),
        ];
        for f in &feeds {
            let r = parse(f, None, KindHint::Auto);
            check_result(&r, f.len());
            if let Ok(p) = &r {
                let mut all = Vec::new();
                strings(&json_of(p), &mut all);
                let lols: usize = all.iter().map(|s| s.matches("lol").count()).sum();
                assert!(lols < 100, "{lols} lols: entities were expanded");
            }
        }
        let opml = format!(
            "<?xml version=\"1.0\"?>\n{dtd}<opml version=\"2.0\"><body>\
             <outline text=\"&lol10;\" xmlUrl=\"https://blatt.example/feed?&lol10;\"/></body></opml>"
        );
        if let Ok(imp) = blatt::opml::parse(&opml) {
            let text = format!("{imp:?}");
            assert!(text.matches("lol").count() < 100, "OPML entities expanded");
        }
    });
}

/// Invalid UTF-8, a page that switches encodings midway, UTF-16 without a BOM, zero-length input,
/// binary junk: decoded and parsed without a panic, with clean output.
#[test]
fn invalid_utf8_mixed_encodings_empty_and_junk() {
    bounded("invalid_utf8_mixed_encodings_empty_and_junk", SMALL, || {
        let mut mixed = b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Gr\xc3\xbc\xc3\x9fe</title></head><body><article><h1>M\xfcnchen \xe2\x80\x9eneu\xe2\x80\x9c</h1>".to_vec();
        // UTF-8, then Latin-1, then cut-off UTF-8 sequences, overlongs and surrogates
        mixed.extend_from_slice("<p>Köln und Düsseldorf</p>".as_bytes());
        mixed.extend_from_slice(b"<p>K\xf6ln und D\xfcsseldorf \x9b31m \x1b]52;c;eA==\x07</p>");
        mixed.extend_from_slice(b"<p>\xe2\x80 \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xff\xfe</p></article></body></html>");
        for ct in [
            None,
            Some("text/html; charset=utf-8"),
            Some("text/html; charset=iso-8859-1"),
            Some("text/html; charset=utf-16"),
            Some("text/html; charset=x-unknown"),
        ] {
            for hint in [KindHint::Auto, KindHint::Article, KindHint::Feed] {
                let r = parse_bytes(&mixed, ct, None, hint);
                check_result(&r, mixed.len() * 3);
            }
        }
        // a feed with a wrong declaration and Latin-1 bytes
        let feed = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>B\xfcrger</title>\
                <item><title>Stra\xdfe \x1b[2J</title><link>https://blatt.example/s</link></item></channel></rss>";
        let r = parse_bytes(feed, Some("application/rss+xml"), None, KindHint::Auto);
        check_result(&r, feed.len() * 3);
        let Ok(Parsed::Feed(l)) = r else {
            panic!("the feed should parse: {r:?}")
        };
        assert_eq!(l.items[0].teaser.title, "Straße [2J");
        // UTF-16 LE without a BOM, declared as UTF-16 in the header
        let u16: Vec<u8> = "<html><body><p>Hallo Welt</p></body></html>"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        check_result(
            &parse_bytes(
                &u16,
                Some("text/html; charset=utf-16le"),
                None,
                KindHint::Auto,
            ),
            u16.len() * 3,
        );
        // zero-length and whitespace-only input is an error, never a document
        for empty in [&b""[..], b"   \n\t ", b"\xef\xbb\xbf", b"\xff\xfe"] {
            for hint in [
                KindHint::Auto,
                KindHint::Feed,
                KindHint::Listing,
                KindHint::Article,
            ] {
                let r = parse_bytes(empty, None, None, hint);
                assert!(r.is_err(), "{empty:?} as {hint:?}: {r:?}");
            }
        }
        // binary junk of a few shapes, 1 MiB each
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut junk = vec![0u8; 1 << 20];
        for b in junk.iter_mut() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            *b = seed as u8;
        }
        let mut tagged = b"<html><body>".to_vec();
        tagged.extend_from_slice(&junk);
        let mut xml = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>".to_vec();
        xml.extend_from_slice(&junk);
        for bytes in [
            &junk,
            &tagged,
            &xml,
            &vec![0u8; 1 << 20],
            &vec![b'<'; 1 << 20],
        ] {
            for hint in [
                KindHint::Auto,
                KindHint::Feed,
                KindHint::Listing,
                KindHint::Article,
            ] {
                let r = parse_bytes(bytes, None, None, hint);
                check_result(&r, bytes.len() * 3);
            }
        }
        // charset decoding on its own, on 16 MiB of junk
        let big: Vec<u8> = junk.iter().cycle().take(16 << 20).copied().collect();
        let text = blatt::parse::charset::decode(&big, None);
        assert!(text.len() <= big.len() * 3);
    });
}

fn generated_interview(turns: usize, speakers: usize, paragraph: &str) -> Article {
    let mut blocks = Vec::with_capacity(turns * 2 + 1);
    blocks.push(Block::paragraph(format!(
        "Redakteurin Jana Wiese sprach mit {} über das Portal.",
        (0..speakers.min(50))
            .map(|i| format!("Arne Baltissen{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    )));
    for t in 0..turns {
        blocks.push(Block::Paragraph {
            text: format!("Frage {t}: Wie geht es weiter?"),
            marks: vec![blatt::document::Mark {
                start: 0,
                end: 5,
                style: blatt::document::MarkStyle::Bold,
                href: None,
            }],
        });
        let who = t % speakers;
        blocks.push(Block::paragraph(format!(
            "Baltissen{who}: {paragraph} Antwort {t}."
        )));
    }
    Article {
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
    }
}

/// Interview recognition over generated articles: many turns, many speakers, huge paragraphs,
/// paragraphs that look like labels everywhere.
#[test]
fn interview_recognition_on_huge_generated_articles() {
    bounded(
        "interview_recognition_on_huge_generated_articles",
        SMALL,
        || {
            let shapes = [
                generated_interview(20_000, 2, "Wir bauen das Portal aus."),
                generated_interview(5_000, 2_000, "Viele Sprecher."),
                generated_interview(4, 2, &"Sehr langer Absatz. ".repeat(250_000)),
            ];
            for mut a in shapes {
                let n = a.blocks.len();
                blatt::interview::recognize(&mut a);
                assert!(a.blocks.len() <= n, "recognition added blocks");
                assert!(a.speakers.len() <= n);
            }
            // every paragraph a label-like line
            let mut a = generated_interview(0, 1, "");
            for i in 0..50_000 {
                a.blocks
                    .push(Block::paragraph(format!("Name{i} Nachname{i}: Text {i}.")));
            }
            blatt::interview::recognize(&mut a);
        },
    );
}

/// OPML that nests 100,000 folders deep with a feed in each, and 100,000 feeds in one file.
#[test]
fn opml_deep_and_wide() {
    bounded("opml_deep_and_wide", SMALL, || {
        let mut deep = String::from("<?xml version=\"1.0\"?><opml version=\"2.0\"><body>");
        for i in 0..DEEP {
            deep.push_str(&format!(
                "<outline text=\"Ordner {i}\"><outline type=\"rss\" text=\"F{i}\" xmlUrl=\"https://blatt.example/{i}.xml\"/>"
            ));
        }
        deep.push_str("</body></opml>");
        if let Ok(imp) = blatt::opml::parse(&deep) {
            let tags: usize = imp.feeds.iter().map(|f| f.tags.len()).sum();
            assert!(
                tags <= imp.feeds.len() * 64,
                "{tags} tags for {} feeds",
                imp.feeds.len()
            );
        }
        let mut wide = String::from("<?xml version=\"1.0\"?><opml version=\"2.0\"><body>");
        for i in 0..DEEP {
            wide.push_str(&format!(
                "<outline type=\"rss\" text=\"F{i}\" xmlUrl=\"https://blatt.example/{i}.xml\"/>"
            ));
        }
        wide.push_str("</body></opml>");
        let imp = blatt::opml::parse(&wide).expect("a wide OPML file parses");
        assert_eq!(imp.feeds.len(), DEEP);
        let mut cfg = blatt::config::Config::default();
        let report = blatt::opml::merge(&mut cfg, imp.clone());
        assert_eq!(report.added.len(), DEEP);
        // importing the same file again: every feed is a duplicate
        let again = blatt::opml::merge(&mut cfg, imp);
        assert_eq!(again.duplicates.len(), DEEP);
    });
}

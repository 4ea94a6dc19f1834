//! An element's text taken at once when only text, references and CDATA stand before its end tag
//! (escaped HTML is a reference every few characters: quick-xml makes an event of each piece and checks
//! each as UTF-8 again). What goes into the reader is what those events would have put there.

use super::super::prepare::CDATA_END;
use super::Reader;
use quick_xml::NsReader;

/// The text of the element just opened, taken at once when only text, references and CDATA sections
/// stand before its end tag: quick-xml hands these over as many events (escaped HTML has a reference
/// every few characters) and checks each as UTF-8 again. What goes into `st` is what those events
/// would have put there; the end tag is left to quick-xml. Returns how many bytes were taken.
pub(super) fn text_at_once(
    r: &mut NsReader<&[u8]>,
    doc: &str,
    name: &[u8],
    st: &mut Reader<'_>,
) -> usize {
    let rest: &[u8] = r.get_mut();
    // `rest` is the end of `doc` (quick-xml reads it from there): the same text, as a str
    let at = doc.len() - rest.len();
    // a first walk only finds the end tag: nothing goes into `st` unless all of the content can be taken
    let Some(end) = text_pieces(rest, name, |_| {}) else {
        return 0;
    };
    if let Some(cap) = &mut st.capture {
        cap.buf.reserve(end);
    }
    text_pieces(rest, name, |piece| match piece {
        Piece::Text(a, b) => push_text_run(st, &doc[at + a..at + b]),
        Piece::CData(a, b) => st.text(&normalize_eols(&doc[at + a..at + b])),
    });
    *r.get_mut() = &rest[end..];
    end
}

/// A stretch of an element's content: text with references, or a CDATA section's inside.
enum Piece {
    Text(usize, usize),
    CData(usize, usize),
}

/// Walks `s` up to the end tag of `name` when nothing else stands before it (no element, comment or
/// processing instruction), handing over its pieces; returns the end tag's offset.
fn text_pieces(s: &[u8], name: &[u8], mut piece: impl FnMut(Piece)) -> Option<usize> {
    let mut pos = 0;
    loop {
        let lt = pos + memchr::memchr(b'<', &s[pos..])?;
        if lt > pos {
            piece(Piece::Text(pos, lt));
        }
        let tag = &s[lt..];
        if let Some(cdata) = tag.strip_prefix(b"<![CDATA[") {
            let len = CDATA_END.find(cdata)?;
            piece(Piece::CData(lt + 9, lt + 9 + len));
            pos = lt + 9 + len + 3;
        } else if tag.starts_with(b"</")
            && tag[2..].starts_with(name)
            && matches!(
                tag.get(2 + name.len()),
                Some(b'>' | b' ' | b'\t' | b'\r' | b'\n')
            )
        {
            return Some(lt);
        } else {
            return None;
        }
    }
}

/// Text without markup, as quick-xml's events give it: runs of text between references (line ends
/// made `\n` in each), `&name;` resolved, an `&` without its `;` kept as text up to the next `&`.
fn push_text_run(st: &mut Reader<'_>, s: &str) {
    let mut rest = s;
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        st.text(&normalize_eols(&rest[..amp]));
        let after = &rest[amp + 1..];
        match memchr::memchr2(b';', b'&', after.as_bytes()) {
            Some(i) if after.as_bytes()[i] == b';' => {
                st.reference(&after[..i]);
                rest = &after[i + 1..];
            }
            Some(i) => {
                st.text(&normalize_eols(&rest[amp..amp + 1 + i]));
                rest = &after[i..];
            }
            None => {
                st.text(&normalize_eols(&rest[amp..]));
                return;
            }
        }
    }
    st.text(&normalize_eols(rest));
}

/// XML 1.0's line ends: `\r\n` and a lone `\r` become `\n`.
fn normalize_eols(s: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'\r', s.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
mod tests {
    use super::super::read_with;
    use super::super::RawFeed;
    use proptest::prelude::*;
    use url::Url;

    /// What the reader makes of a document, with or without taking texts at once.
    fn both(doc: &str) -> (String, String) {
        let base = Url::parse("https://blatt.example/feed.xml").unwrap();
        let show = |r: Result<RawFeed, String>| format!("{r:?}");
        (
            show(read_with(doc, Some(&base), true)),
            show(read_with(doc, Some(&base), false)),
        )
    }

    #[test]
    fn texts_taken_at_once_read_as_event_by_event() {
        for doc in [
            // escaped HTML, references of every kind, a dangling ampersand, line ends
            "<rss><channel><item><title>A &amp; B &#228;&#x41; &auml; &ort; &; & x &&amp;\r\n\r.</title>\
             <description>&lt;p&gt;Satz&lt;/p&gt;\r\n&lt;p&gt;zwei&lt;/p&gt;</description></item></channel></rss>",
            // CDATA alone and between text; an end tag with a space
            "<rss><channel><item><title> <![CDATA[<b>x</b>]]> &amp; <![CDATA[y\r\n]]> </title >\
             <content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><![CDATA[<p>a</p>]]></content:encoded>\
             </item></channel></rss>",
            // markup inside (read event by event), a comment, an element of the same name's prefix
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>a<!-- c -->b</title>\
             <summary type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></summary>\
             <content>a</contents></content></entry></feed>",
            // broken: the error's position counts the text taken at once
            "<rss><channel><item><title>lang &amp; breit</title><description>x</descriptio></item></channel></rss>",
            "<!DOCTYPE rss [<!ENTITY ort \"Hafenstadt\">]><rss><channel><item><title>&ort;</title></item></channel></rss>",
        ] {
            let (at_once, events) = both(doc);
            assert_eq!(at_once, events, "{doc}");
        }
    }

    /// A document with `inner` as the text of several elements (and of a link).
    fn feed_with(inner: &str) -> String {
        format!(
            "<rss xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><item>\
             <title>{inner}</title><description>{inner}</description><content:encoded>{inner}</content:encoded>\
             <link>https://blatt.example/{inner}</link></item><item><title>z</title></item></channel></rss>"
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

        /// Text, references and CDATA sections only: taken at once.
        #[test]
        fn any_text_reads_the_same_at_once(parts in proptest::collection::vec(
            prop::sample::select(vec![
                "Text ", "ü", "&amp;", "&lt;p&gt;", "&#65;", "&#x1F600;", "&#0;", "&auml;", "&nix;", "&",
                ";", "&&", "\r", "\r\n", "\n", " ", "<![CDATA[a&amp;\r\nb]]>", "<![CDATA[]]>", "]]>",
            ]), 0..40)) {
            let (at_once, events) = both(&feed_with(&parts.concat()));
            prop_assert!(at_once.starts_with("Ok"), "{}", at_once);
            prop_assert_eq!(at_once, events);
        }

        /// With markup, comments and broken documents: event by event where taking at once cannot.
        #[test]
        fn any_content_reads_the_same_at_once(parts in proptest::collection::vec(
            prop::sample::select(vec![
                "Text ", "&amp;", "&", "\r", "<![CDATA[", "]]>", "<b>", "</b>", "<br/>", "<!-- c -->",
                "</title>", "</title ", ">", "<?pi x?>",
            ]), 0..40)) {
            let (at_once, events) = both(&feed_with(&parts.concat()));
            prop_assert_eq!(at_once, events);
        }
    }
}

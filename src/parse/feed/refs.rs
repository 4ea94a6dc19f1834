//! XML references and escaping: character references (also `&#X41;`), XML's five, entities a DTD
//! declares and HTML's named entities (hand-made feeds use `&auml;` without declaring it); anything
//! else stays as written.

use super::text;
use std::collections::HashMap;

/// An attribute's value with entity and character references resolved.
pub fn attr_value(s: &str, entities: &HashMap<String, String>) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest: &str = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let len = after
            .bytes()
            .take(40)
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#' || *b == b'_')
            .count();
        if len > 0 && after.as_bytes().get(len) == Some(&b';') {
            push_reference(&mut out, &after[..len], entities);
            rest = &after[len + 1..];
        } else {
            out.push('&');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A reference's text appended to `out`: a character reference (also `&#X41;`), XML's five, one the
/// DTD declares, one of HTML's named entities; anything else stays as written. (A feed's escaped HTML
/// holds a reference every few characters: no string is made for each.)
pub fn push_reference(out: &mut String, name: &str, entities: &HashMap<String, String>) {
    if let Some(num) = name.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(h) => u32::from_str_radix(h, 16).ok(),
            None => num.parse::<u32>().ok(),
        };
        match n.and_then(char::from_u32).filter(|&c| c != '\0') {
            Some(c) => out.push(c),
            None => push_as_written(out, name),
        }
        return;
    }
    let predefined = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    };
    if !predefined.is_empty() {
        out.push_str(predefined);
    } else if let Some(v) = entities.get(name) {
        out.push_str(v);
    } else if let Some((a, b)) = text::entity(name) {
        out.extend(char::from_u32(a));
        if b != 0 {
            out.extend(char::from_u32(b));
        }
    } else {
        push_as_written(out, name);
    }
}

fn push_as_written(out: &mut String, name: &str) {
    out.push('&');
    out.push_str(name);
    out.push(';');
}

pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        let none = HashMap::new();
        // appended after what is there
        let resolve_reference = |name: &str, entities: &HashMap<String, String>| {
            let mut out = String::from("x");
            push_reference(&mut out, name, entities);
            out.split_off(1)
        };
        assert_eq!(resolve_reference("#X41", &none), "A");
        assert_eq!(resolve_reference("#x26", &none), "&");
        assert_eq!(resolve_reference("#228", &none), "ä");
        assert_eq!(resolve_reference("auml", &none), "ä");
        assert_eq!(resolve_reference("ausgedacht", &none), "&ausgedacht;");
        assert_eq!(resolve_reference("#0", &none), "&#0;");
        let dtd = HashMap::from([("ort".to_string(), "Hafenstadt".to_string())]);
        assert_eq!(resolve_reference("ort", &dtd), "Hafenstadt");
        assert_eq!(
            attr_value("?a=1&b=2&amp;c=&#51;&ouml;", &none),
            "?a=1&b=2&c=3ö"
        );
        let mut s = String::new();
        escape_into(&mut s, "a<b & \"c\">");
        assert_eq!(s, "a&lt;b &amp; &quot;c&quot;&gt;");
    }
}

//! A teaser's own "more" link: `mehr...`, `weiterlesen`, `Read more »`, and the same at the end of a
//! summary.

/// `text` without a trailing "mehr...", "weiterlesen", "read more" (the teaser's own more-link).
pub fn strip_more_suffix(text: &str) -> &str {
    let t = text.trim_end();
    let mut cut = t.len();
    let mut best = None;
    // the last one to three words; the longest tail that is a more-link wins ("Read more »")
    for _ in 0..3 {
        let Some(i) = t[..cut].trim_end().rfind(char::is_whitespace) else {
            break;
        };
        cut = i;
        let (head, tail) = (t[..cut].trim_end(), t[cut..].trim());
        // "… fertig. mehr..." or "… online [weiterlesen]", not "Wir wollen mehr"
        let set_off = head.ends_with(['.', '!', '?', '“', '"', '”', '…', ')', ':'])
            || tail.contains(|c: char| !c.is_alphanumeric() && !c.is_whitespace());
        if set_off && tail.contains(char::is_alphanumeric) && is_more_link(tail) {
            best = Some(head);
        }
    }
    best.unwrap_or(t)
}

/// Characters of the longest phrase [`is_more_link`] takes whole.
const MORE_CHARS: usize = 18;

/// The phrases [`is_more_link`] takes whole (lower-cased).
const MORE: [&str; 30] = [
    "mehr dazu",
    "mehr zum thema",
    "mehr informationen",
    "mehr anzeigen",
    "mehr",
    "weiter",
    "weiterlesen",
    "mehr lesen",
    "read more",
    "more",
    "continue reading",
    "lesen",
    "zum artikel",
    "zur meldung",
    "details",
    "mehr erfahren",
    "artikel lesen",
    "meldung lesen",
    "full story",
    "learn more",
    "continua",
    "continua a leggere",
    "leggi tutto",
    "leer más",
    "leer mas",
    "seguir leyendo",
    "lire la suite",
    "lees meer",
    "les mer",
    "подробнее",
];

/// "mehr...", "weiterlesen", "read more", "Zum Artikel" and the like.
pub fn is_more_link(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| !c.is_alphanumeric());
    if t.is_empty() {
        return true;
    }
    // a long text can only start like one (lower-casing never makes a text shorter): its first
    // characters are enough
    let long = t.len() > MORE_CHARS * 4 || t.chars().count() > MORE_CHARS;
    let t = if long {
        super::fields::lower_prefix(t, MORE_CHARS + 1)
    } else {
        t.to_lowercase()
    };
    (!long && MORE.contains(&t.as_str()))
        || t.starts_with("weiterlesen")
        || t.starts_with("read more")
        || t.starts_with("continue reading")
        || t.starts_with("continua")
        || t.starts_with("читать")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_more_links_only_by_their_start() {
        // the bound that spares lower-casing long texts holds for every phrase
        assert!(MORE.iter().all(|m| m.chars().count() <= MORE_CHARS));
        assert!(MORE.iter().any(|m| m.chars().count() == MORE_CHARS));
        assert!(is_more_link(
            "Weiterlesen: was der Gemeinderat von Nordheim beschlossen hat"
        ));
        assert!(is_more_link(
            "READ MORE about the harbour festival in Westerby tonight"
        ));
        assert!(!is_more_link(
            "Mehr Informationen für alle Bürgerinnen und Bürger"
        ));
        assert!(is_more_link("Mehr Informationen »"));
    }

    #[test]
    fn more_links_leave_summaries() {
        assert_eq!(
            strip_more_suffix("Der Prozess ist fertig. mehr..."),
            "Der Prozess ist fertig."
        );
        assert_eq!(
            strip_more_suffix("A first catalogue. Read more »"),
            "A first catalogue."
        );
        assert_eq!(
            strip_more_suffix("Zwölf Leistungen online. [weiterlesen]"),
            "Zwölf Leistungen online."
        );
        assert_eq!(strip_more_suffix("Wir wollen mehr"), "Wir wollen mehr");
    }

    #[test]
    fn more_links() {
        for t in [
            "mehr...",
            "Mehr »",
            "weiterlesen",
            "Read more",
            "[mehr]",
            "Zum Artikel",
            "Continua",
            "Leer más",
        ] {
            assert!(is_more_link(t), "{t}");
        }
        assert!(!is_more_link("Mehr Geld für Schulen"));
    }
}

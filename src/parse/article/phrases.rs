//! Language-aware phrase lists for what structure cannot tell: headings over other articles' teasers,
//! single lines that are never article text, pointers elsewhere, promotion, date, meta, tag and
//! contact lines. German and English first, and the other languages of the pages we read.

use crate::document::Block;
use crate::parse::date;

/// Phrases that head a list of other articles, by language.
pub(super) const TEASER_HEADINGS: &[&str] = &[
    // German
    "weitere meldungen",
    "weitere artikel",
    "weitere beiträge",
    "weitere nachrichten",
    "weitere themen",
    "mehr zum thema",
    "mehr zu diesem thema",
    "mehr aus",
    "mehr von",
    "mehr artikel",
    "mehr nachrichten",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "das thema könnte sie auch interessieren",
    "das thema könnte dich auch interessieren",
    "dies könnte sie auch interessieren",
    "dies könnte dich auch interessieren",
    "auch interessant",
    "auch auf",
    "lesen sie auch",
    "lies auch",
    "lesen sie mehr",
    "entdecke weitere",
    "entdecken sie weitere",
    "ähnliche artikel",
    "ähnliche beiträge",
    "verwandte artikel",
    "passend zum thema",
    "zum thema",
    "themen",
    "schlagworte",
    "schlagwörter",
    "kommentare",
    "neueste artikel",
    "neueste beiträge",
    "meistgelesen",
    "beliebte artikel",
    "beliebte beiträge",
    "über den autor",
    "über die autorin",
    // English
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related content",
    "related coverage",
    "read more",
    "read next",
    "read this next",
    "more from",
    "more stories",
    "more on this",
    "more news",
    "more in",
    "more like this",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "recent articles",
    "recent posts",
    "popular this week",
    "popular now",
    "most popular",
    "most read",
    "popular",
    "trending",
    "top stories",
    "latest news",
    "latest stories",
    "also read",
    "also on",
    "see also",
    "further reading",
    "comments",
    "leave a reply",
    "leave a comment",
    "share this",
    "share this article",
    "tags",
    "topics",
    "newsletter",
    "sign up",
    "about the author",
    // French, Spanish, Portuguese, Italian, Dutch, Russian
    "à lire aussi",
    "lire aussi",
    "sur le même sujet",
    "articles similaires",
    "lee también",
    "te puede interesar",
    "artículos relacionados",
    "noticias relacionadas",
    "leia também",
    "veja também",
    "notícias relacionadas",
    "artigos relacionados",
    "leggi anche",
    "articoli correlati",
    "potrebbe interessarti",
    "lees ook",
    "gerelateerde artikelen",
    "читайте также",
    "похожие статьи",
];

/// Whether a heading (or a paragraph standing as one) opens a list of other articles: "Weitere
/// Meldungen", "Lesen Sie auch die folgenden Beiträge:", "Auch auf Stadtblatt.example", "Related".
pub(super) fn is_teaser_heading(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches([':', '.', '…', '›', '»', '>', ' '])
        .to_lowercase();
    if t.is_empty() || t.chars().count() > 60 {
        return false;
    }
    TEASER_HEADINGS.iter().any(|h| {
        t == *h
            || t.strip_prefix(h).is_some_and(|rest| {
                rest.starts_with(':')
                    || (PREFIX_HEADINGS.contains(h)
                        && rest.starts_with(' ')
                        && t.split_whitespace().count() <= 6)
            })
    })
}

/// Teaser headings that go on with a name or a few words: "Mehr aus Nordheim", "More from Local",
/// "Auch auf Stadtblatt.example", "Lesen Sie auch die folgenden Beiträge".
pub(super) const PREFIX_HEADINGS: &[&str] = &[
    "mehr aus",
    "mehr von",
    "mehr zu",
    "weitere meldungen",
    "weitere artikel",
    "weitere beiträge",
    "weitere nachrichten",
    "auch auf",
    "lesen sie auch",
    "lies auch",
    "entdecke weitere",
    "entdecken sie weitere",
    "more from",
    "more in",
    "more on",
    "more about",
    "also on",
    "related articles",
    "related stories",
    "related posts",
    "latest news",
    "top stories",
    "read more",
    "also read",
    "à lire aussi",
    "lire aussi",
    "leia também",
    "veja também",
    "lee también",
    "leggi anche",
    "lees ook",
    "читайте также",
];

/// "About Ascom", "Über die Stadtwerke": the boilerplate section closing a press release.
pub(super) fn is_about_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches([':', '.']).to_lowercase();
    let words = t.split_whitespace().count();
    (2..=5).contains(&words)
        && ["about ", "über ", "ueber "]
            .iter()
            .any(|p| t.starts_with(p))
}

/// Single lines that are never article text.
pub(super) fn is_junk_line(t: &str) -> bool {
    // more than 240 bytes is more than 60 characters: no need to lowercase a whole paragraph
    if t.trim().len() > 240 {
        return false;
    }
    // "- Anzeige -", "[Werbung]", "Advertisement:": the word is what counts
    let l = t
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if l.chars().count() > 60 {
        return false;
    }
    let words = l.split_whitespace().count();
    matches!(
        l.as_str(),
        "advertisement"
            | "anzeige"
            | "werbung"
            | "ad"
            | "publicité"
            | "publicidad"
            | "publicidade"
            | "pubblicità"
            | "реклама"
            | "share"
            | "teilen"
            | "share this"
            | "share this article"
            | "share on facebook"
            | "share on twitter"
            | "tweet"
            | "print"
            | "drucken"
            | "email"
            | "e-mail"
            | "comments"
            | "kommentare"
            | "story continues below advertisement"
            | "article continues below advertisement"
            | "continue reading below"
            | "scroll to continue with content"
            | "loading"
            | "skip to content"
            | "zum inhalt springen"
            | "back to top"
            | "nach oben"
            | "zurück"
            | "mehr"
            | "weiterlesen"
            | "read more"
    ) || is_teaser_heading(&l) && words <= 5
        // "zurück zur Übersicht", "zurück zur Listenansicht", "Back to all news": navigation
        || words <= 5
            && ["zurück zu", "zurück an", "back to ", "retour à", "volver a", "voltar para"]
                .iter()
                .any(|p| l.starts_with(p))
}

/// Text cut short as a teaser's excerpt is: it ends with an ellipsis or a "read more" link, or with
/// an ellipsis and a few words after it ("… Continua a leggere »", "... Read the full story").
pub(super) fn is_excerpt(t: &str) -> bool {
    let t = t.trim_end();
    if t.ends_with('…')
        || t.ends_with("...")
        || crate::parse::listing::strip_more_suffix(t).len() < t.len()
    {
        return true;
    }
    let cut = t
        .rfind('…')
        .map(|i| i + '…'.len_utf8())
        .or_else(|| t.rfind("...").map(|i| i + 3));
    cut.is_some_and(|i| {
        let tail = &t[i..];
        tail.chars().count() <= 40
            && (1..=4).contains(&tail.split_whitespace().count())
            && tail.chars().any(char::is_alphabetic)
            && !tail.trim_end().ends_with(['.', '!', '?'])
    })
}

/// A paragraph that points elsewhere: "Read more: …", "SEE ALSO: …", "Lesen Sie auch: …", "Image 2 of 5".
pub(super) fn is_pointer_line(t: &str) -> bool {
    let t = t.trim();
    if t.chars().count() > 200 {
        return false;
    }
    let lower = t.to_lowercase();
    const PREFIXES: [&str; 28] = [
        "read more:",
        "see more:",
        "see also:",
        "also read:",
        "related:",
        "more:",
        "watch:",
        "read next:",
        "recommended:",
        "don't miss",
        "lesen sie auch:",
        "lesen sie mehr:",
        "mehr zum thema:",
        "auch interessant:",
        "siehe auch:",
        "weiterlesen:",
        // "Weitere Infos unter www.…": the rest is elsewhere
        "weitere infos unter",
        "weitere informationen unter",
        "weitere informationen finden sie",
        "mehr infos unter",
        "mehr informationen unter",
        "infos unter www",
        "more information at",
        "more info at",
        "for more information, visit",
        "lire aussi :",
        "leia também:",
        "lee también:",
    ];
    if PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    // "Alles über X findest du hier.": one short sentence whose point is the link at its end
    const HERE: [&str; 16] = [
        "findest du hier",
        "findet ihr hier",
        "finden sie hier",
        "gibt es hier",
        "lesen sie hier",
        "liest du hier",
        "lest ihr hier",
        "können sie hier nachlesen",
        "kannst du hier nachlesen",
        "can be found here",
        "find it here",
        "read it here",
        "read more here",
        "you can find here",
        "trouverez ici",
        "à lire ici",
    ];
    let sentence = lower.trim_end_matches(['.', '!', ':', ' ', '\u{a0}']);
    if t.chars().count() <= 150
        && !sentence.contains(['.', '?', '!'])
        && HERE.iter().any(|p| sentence.ends_with(p))
    {
        return true;
    }
    let w: Vec<&str> = lower.split_whitespace().collect();
    w.len() == 4
        && matches!(w[0], "image" | "photo" | "picture" | "bild" | "foto")
        && matches!(w[2], "of" | "von" | "/")
        && w[1].chars().all(|c| c.is_ascii_digit())
        && w[3].chars().all(|c| c.is_ascii_digit())
}

/// A short paragraph that advertises the publication rather than telling the story.
pub(super) fn is_promo_line(t: &str) -> bool {
    if t.chars().count() > 300 {
        return false;
    }
    let l = t.to_lowercase().replace('\u{a0}', " ");
    [
        "newsletter",
        "sign up",
        "subscribe",
        "follow us",
        "abonnieren",
        "folgen sie uns",
        "delivered to your inbox",
        "in ihr postfach",
        "this slideshow requires javascript",
        "all rights reserved",
        "alle rechte vorbehalten",
        "copyright",
        "©",
        "suggested citation",
        "cite this article",
        "how to cite",
        "zitiervorschlag",
        "zitierhinweis",
    ]
    .iter()
    .any(|w| l.contains(w))
        || (l.starts_with("follow ") || l.contains(" follow "))
            && ["twitter", "facebook", "instagram", "linkedin", "youtube"]
                .iter()
                .any(|s| l.contains(s))
        || (l.starts_with("write to ") || l.starts_with("reach ") || l.starts_with("contact "))
            && l.contains('@')
}

/// A picture's credit or caption line standing as a paragraph: "© AFP / Jane Doe", "Foto: Stadt
/// Tannhövel", "Bildquelle: Kreisarchiv", "Beitragsbild via …".
pub(super) fn is_credit_line(t: &str) -> bool {
    let t = t.trim();
    if t.chars().count() > 160 {
        return false;
    }
    let l = t.to_lowercase();
    l.contains('©')
        || [
            "foto:",
            "fotos:",
            "bild:",
            "bilder:",
            "bildquelle:",
            "bildnachweis:",
            "beitragsbild",
            "titelbild:",
            "photo:",
            "photos:",
            "photo credit",
            "image:",
            "image credit",
            "credit:",
            "featured image",
            "header image",
        ]
        .iter()
        .any(|p| l.starts_with(p))
}

/// A short line that only dates or signs the article: "Published November 20th, 2019 - 07:29 GMT",
/// "Posted on March 30, 2015 by Admin", "11 октября 2018", "Tempo de leitura: 2 minutos".
pub(super) fn is_dateline(t: &str) -> bool {
    let t = t.trim();
    if t.chars().count() > 100 {
        return false;
    }
    let l = t.to_lowercase();
    // "Interview: Lena Sommer, 20.02.2026" is a credit the interview recognition reads
    if ["interview", "gespräch", "fragen", "questions"]
        .iter()
        .any(|w| l.contains(w))
    {
        return false;
    }
    let words = l.split_whitespace().count();
    let year = l
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    let reading_time = l.contains("min read")
        || l.contains("lesezeit")
        || l.contains("reading time")
        || l.contains("tempo de leitura");
    reading_time
        || (date::find_date(t).is_some() && words <= 12)
        || (year && words <= 8 && !t.ends_with('.'))
        || [
            "published",
            "posted",
            "updated",
            "veröffentlicht",
            "aktualisiert",
            "stand:",
        ]
        .iter()
        .any(|p| l.starts_with(p))
            && words <= 14
}

/// A line of article metadata: at least two of date, author, category and tags labels
/// ("05/10/2018 - Publicado por: A. Autor - Categoria: Saúde - Tags: …").
pub(super) fn is_meta_line(t: &str) -> bool {
    if t.chars().count() > 250 || t.trim_end().ends_with('.') && t.split_whitespace().count() > 12 {
        return false;
    }
    let l = t.to_lowercase();
    const LABELS: [&[&str]; 4] = [
        &[
            "posted by",
            "published by",
            "written by",
            "publicado por",
            "escrito por",
            "veröffentlicht von",
            "geschrieben von",
            "publié par",
            "autor:",
            "author:",
            "por:",
        ],
        &[
            "category:",
            "categories:",
            "categoria:",
            "categorias:",
            "kategorie:",
            "kategorien:",
            "catégorie:",
            "categoría:",
            "rubrik:",
            "filed under",
        ],
        &[
            "tags:",
            "tagged",
            "schlagwörter:",
            "schlagworte:",
            "stichwörter:",
            "etiquetas:",
            "marcadores:",
            "tópicos:",
            "mots-clés:",
        ],
        &[
            "comments",
            "kommentare",
            "comentários",
            "comentarios",
            "commentaires",
        ],
    ];
    let kinds = LABELS
        .iter()
        .filter(|ws| ws.iter().any(|w| l.contains(w)))
        .count();
    kinds + usize::from(date::find_date(t).is_some()) >= 2
}

/// A block that only lists the article's tags: "Tags\na, b, c", "Schlagwörter: x, y".
pub(super) fn is_tag_block(t: &str) -> bool {
    let t = t.trim();
    let first = t.lines().next().unwrap_or("").trim();
    let head = first.split(':').next().unwrap_or("").trim().to_lowercase();
    matches!(
        head.as_str(),
        "tags"
            | "tagged"
            | "tagged with"
            | "schlagwörter"
            | "schlagworte"
            | "stichwörter"
            | "etiquetas"
            | "marcadores"
            | "tópicos"
            | "mots-clés"
            | "themen"
            | "topics"
    ) && (first.contains(':') || t.contains('\n'))
        && t.chars().count() < 600
}

/// A paragraph that is only an e-mail address or a profile link: "jane.doe@example.com",
/// "twitter.com/janedoe".
pub(super) fn is_contact_line(t: &str) -> bool {
    let t = t.trim();
    if t.contains(char::is_whitespace) || t.chars().count() > 80 {
        return false;
    }
    let l = t.to_lowercase();
    let at = l.find('@');
    at.is_some_and(|i| i > 0 && l[i..].contains('.'))
        || [
            "twitter.com/",
            "x.com/",
            "facebook.com/",
            "instagram.com/",
            "linkedin.com/",
        ]
        .iter()
        .any(|s| {
            l.trim_start_matches("https://")
                .trim_start_matches("www.")
                .starts_with(s)
        })
}

/// Drops a leading (or trailing) line of a paragraph that is a date or meta line, marks kept in step.
pub(super) fn trim_meta_lines(b: &mut Block, first: bool) {
    let Block::Paragraph { text, marks } = b else {
        return;
    };
    let cut = if first {
        text.find('\n').and_then(|i| {
            let line = &text[..i];
            (is_meta_line(line) || is_dateline(line) && date::find_date(line).is_some())
                .then_some((0, i + 1))
        })
    } else {
        text.rfind('\n').and_then(|i| {
            let line = &text[i + 1..];
            is_meta_line(line).then_some((i, text.len()))
        })
    };
    let Some((a, z)) = cut else {
        return;
    };
    let n = z - a;
    text.replace_range(a..z, "");
    marks.retain(|m| m.end <= a || m.start >= z);
    for m in marks.iter_mut() {
        if m.start >= z {
            m.start -= n;
            m.end -= n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn teaser_headings() {
        assert!(is_teaser_heading("Weitere Meldungen"));
        assert!(is_teaser_heading("Mehr zum Thema:"));
        assert!(is_teaser_heading("Related Articles"));
        assert!(!is_teaser_heading("Mehr Personal für die Bürgerämter"));
        assert!(!is_teaser_heading("Related work in the county"));
    }

    #[test]
    fn date_promo_and_pointer_lines() {
        assert!(is_dateline("Published November 20th, 2019 - 07:29 GMT"));
        assert!(is_dateline("Veröffentlicht am 3. Februar 2026"));
        assert!(is_dateline("11 октября 2018"));
        assert!(is_dateline("5 min read"));
        assert!(!is_dateline("Interview: Lena Sommer, 20.02.2026"));
        assert!(!is_dateline(
            "Im Jahr 2019 hat der Kreis die Planung begonnen, und seitdem ist viel passiert."
        ));
        assert!(is_promo_line(
            "Follow Newsbeat on Instagram, Facebook and Twitter."
        ));
        assert!(is_promo_line("© 2026 Kommunal-Digital Verlag"));
        assert!(!is_promo_line(
            "Die Stadt folgt damit dem Beispiel des Kreises."
        ));
        assert!(is_pointer_line(
            "Lesen Sie auch: Neue Cloud für die Verwaltung"
        ));
        assert!(is_pointer_line("Image 2 of 5"));
        assert!(is_pointer_line(
            "Alles über den Deichweg bei Hollwede findest du hier."
        ));
        assert!(is_pointer_line("Das ganze Programm finden Sie hier"));
        assert!(is_pointer_line("The full timetable can be found here."));
        // a sentence of the story that ends the same way, among others, stays
        assert!(!is_pointer_line(
            "Die Fähre fuhr bis 2019. Mehr Boote finden Sie hier."
        ));
        assert!(!is_pointer_line("Nichts finden Sie hier, sagt die Bürgermeisterin, nur Wiesen und Kühe, so weit das Auge reicht, und im Sommer ein paar Radfahrer auf dem Weg zum Deich, die hier Pause machen und dann weiterfahren."));
        assert!(!is_pointer_line("Related work continues in the county."));
        assert!(is_junk_line("Advertisement"));
        assert!(is_junk_line("You may also like..."));
    }

    #[test]
    fn meta_tag_and_contact_lines() {
        assert!(is_meta_line(
            "05/10/2018 - Publicado por: Rita Campos - Categoria: Saúde - Tags: bairro"
        ));
        assert!(is_meta_line("Posted by Jo Miller · Filed under: Parks"));
        assert!(!is_meta_line(
            "The council posted the plan on 3 March 2019 and asked residents for comments."
        ));
        assert!(is_meta_line("Comments: 3 · 3 March 2019"));
        assert!(is_tag_block("Tags\nparks, council, budget"));
        assert!(is_tag_block("Schlagwörter: Digitalisierung, Bürgeramt"));
        assert!(!is_tag_block(
            "Tags are what the library uses to sort the books."
        ));
        assert!(is_contact_line("jo.miller@example.org"));
        assert!(is_contact_line("twitter.com/jomiller"));
        assert!(!is_contact_line(
            "Write to jo.miller@example.org with questions."
        ));
    }

    #[test]
    fn meta_line_glued_to_a_paragraph_is_trimmed_with_its_marks() {
        let text =
            "05/10/2018 - Publicado por: Rita Campos - Categoria: Saúde\nA equipe chegou cedo.";
        let start = text.find("equipe").unwrap();
        let mut b = Block::Paragraph {
            text: text.to_string(),
            marks: vec![crate::document::Mark {
                start,
                end: start + "equipe".len(),
                style: crate::document::MarkStyle::Bold,
                href: None,
            }],
        };
        trim_meta_lines(&mut b, true);
        let Block::Paragraph { text, marks } = b else {
            panic!("still a paragraph");
        };
        assert_eq!(text, "A equipe chegou cedo.");
        assert_eq!(&text[marks[0].start..marks[0].end], "equipe");
    }

    #[test]
    fn excerpts_end_in_an_ellipsis_or_a_more_link() {
        assert!(is_excerpt("Der Kreis plant einen neuen Radweg entlang …"));
        assert!(is_excerpt(
            "Il sindaco ha presentato il piano ... Continua a leggere »"
        ));
        assert!(is_excerpt("The council voted on the plan... Read more"));
        assert!(!is_excerpt("Er zögerte … dann ging er nach Hause."));
        assert!(!is_excerpt("Nun gut… 😀"));
        assert!(!is_excerpt("Der Kreis baut den Radweg bis zum Herbst."));
    }

    #[test]
    fn credit_lines() {
        assert!(is_credit_line(
            "Der Hafen am Abend. © Stadt Tannhövel / Jo Miller"
        ));
        assert!(is_credit_line("Bildquelle: Kreisarchiv Nordheim"));
        assert!(is_credit_line("Beitragsbild via Bildagentur"));
        assert!(!is_credit_line(
            "Das Foto zeigt den Hafen, wie er vor dem Umbau aussah, als die Fähre noch fuhr."
        ));
    }
}

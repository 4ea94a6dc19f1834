//! Class and id hints: what an element's `class` and `id` say about it (boilerplate for sure, likely
//! boilerplate, likely content, byline, kicker, lead, caption), and classes and styles that hide text.
//! Words only, never one outlet's class: the lists hold the words many sites' class names are made of.

/// Class/id hints of one element.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub(super) struct Hints {
    /// readability-style weight: ±25 for class and id each.
    pub(super) weight: i32,
    /// Boilerplate unless it contains the article (sidebar, menu, footer, …).
    pub(super) unlikely: bool,
    /// Boilerplate for sure (share bars, comments, cookie notices, related links, newsletter boxes).
    pub(super) strong: bool,
    /// Protects an unlikely element (article, content, main, …).
    pub(super) maybe: bool,
    /// Byline, date or article meta box.
    pub(super) meta: bool,
    pub(super) kicker: bool,
    pub(super) lead: bool,
    /// A caption or a picture credit.
    pub(super) caption: bool,
    pub(super) author: bool,
    pub(super) date: bool,
    /// Names itself the article's body: "entry-content", "article-body", "post__text", "artikel-inhalt".
    pub(super) body: bool,
}

pub(super) fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
}

pub(super) const STRONG: &[&str] = &[
    "comment",
    "disqus",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "newsletter",
    "subscri",
    "cookie",
    "consent",
    "gdpr",
    "breadcrumb",
    "outbrain",
    "taboola",
    "promo",
    "advert",
    "sponsor",
    "popup",
    "modal",
    "signup",
    "sign-up",
    "paywall",
    "more-stories",
    "morestories",
    "read-more",
    "readmore",
    "most-popular",
    "mostpopular",
    "most-read",
    "trending",
    "skip-link",
    "skiplink",
    "print-only",
    "teaserlist",
    "teaser-list",
    "further-reading",
    "weitere",
    "empfehlung",
    "newsticker",
    "author-bio",
    "authorbio",
    "author-box",
    "autorbox",
    "tag-list",
    "taglist",
    "tags-list",
    "pagination",
    "pager",
    "rating",
    "feedback",
    "next-article",
    "prev-next",
    "recirc",
];

pub(super) const UNLIKELY: &[&str] = &[
    "banner",
    "combx",
    "community",
    "cover-wrap",
    "extra",
    "footer",
    "header",
    "legends",
    "menu",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "agegate",
    "masthead",
    "navbar",
    "navigation",
    "toolbar",
    "widget",
    "teaser",
    "byline",
    "dateline",
    "login",
    "overlay",
    "hidden",
];

/// Whole class tokens that mark boilerplate for sure (too short to match inside other words):
/// a call-to-action box (subscribe, donate, buy the issue).
pub(super) const STRONG_TOKENS: &[&str] = &["cta"];

pub(super) const UNLIKELY_TOKENS: &[&str] = &[
    "ad", "ads", "nav", "tags", "tag", "aside", "meta", "share", "icons", "survey", "contact",
];

pub(super) const MAYBE: &[&str] = &[
    "article", "body", "column", "content", "main", "shadow", "story",
];

pub(super) const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
    "blog", "story", "artikel", "beitrag", "inhalt", "meldung", "richtext", "prose",
];

pub(super) const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "foot",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "tool",
    "widget",
    "teaser",
    "social",
    "byline",
    "author",
    "caption",
    "credit",
    "newsletter",
    "subscri",
    "nav",
    "menu",
];

pub(super) const C_STRONG: u8 = 1;
pub(super) const C_UNLIKELY: u8 = 2;
pub(super) const C_MAYBE: u8 = 4;
pub(super) const C_POSITIVE: u8 = 8;
pub(super) const C_NEGATIVE: u8 = 16;

/// All class/id keywords in one automaton: one pass over a class string finds every category.
pub(super) struct Keywords {
    pub(super) ac: aho_corasick::AhoCorasick,
    pub(super) cats: Vec<u8>,
}

pub(super) static KEYWORDS: std::sync::LazyLock<Option<Keywords>> =
    std::sync::LazyLock::new(|| {
        let mut words: Vec<&str> = Vec::new();
        let mut cats: Vec<u8> = Vec::new();
        for (list, c) in [
            (STRONG, C_STRONG),
            (UNLIKELY, C_UNLIKELY),
            (MAYBE, C_MAYBE),
            (POSITIVE, C_POSITIVE),
            (NEGATIVE, C_NEGATIVE),
        ] {
            for w in list {
                match words.iter().position(|x| x == w) {
                    Some(i) => cats[i] |= c,
                    None => {
                        words.push(w);
                        cats.push(c);
                    }
                }
            }
        }
        let ac = aho_corasick::AhoCorasick::new(&words).ok()?;
        Some(Keywords { ac, cats })
    });

/// The keyword categories found in a lowercase class or id string.
pub(super) fn categories(s: &str) -> u8 {
    let Some(k) = KEYWORDS.as_ref() else {
        return 0;
    };
    let mut c = 0;
    for m in k.ac.find_overlapping_iter(s) {
        c |= k.cats[m.pattern().as_usize()];
    }
    c
}

/// Lowercase without an allocation when it already is (most class names are).
pub(super) fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(s.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

pub(super) fn hints(class: &str, id: &str) -> Hints {
    finish_hints(hints_part(class), hints_part(id))
}

/// The hints of one class or id string, before the rules that look at both.
/// A class string without the words that do not describe the element: negated ones ("no-sidebar",
/// "non-paywall", "without-comments" describe the layout or a free article), hidden only at some
/// screen sizes ("hidden-xs", "hide-mobile": shown on others), and "commentary" (a genre of article,
/// an opinion piece, not the readers' comments).
pub(super) fn without_negations(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("no") && !s.contains("without") && !s.contains("commentar") && !s.contains("hid")
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let breakpoint = |t: &str| {
        matches!(
            t,
            "xs" | "s"
                | "sm"
                | "m"
                | "md"
                | "l"
                | "lg"
                | "xl"
                | "xxl"
                | "mobile"
                | "tablet"
                | "desktop"
                | "phone"
                | "small"
                | "medium"
                | "large"
                | "print"
        )
    };
    let mut out = String::with_capacity(s.len());
    for class in s.split_ascii_whitespace() {
        let parts: Vec<&str> = class.split(['-', '_']).collect();
        let mut kept: Vec<&str> = Vec::new();
        let mut i = 0;
        while i < parts.len() {
            let t = parts[i];
            if matches!(t, "no" | "non" | "not" | "without") {
                i += 2;
                continue;
            }
            if matches!(t, "hidden" | "hide") && parts.get(i + 1).is_some_and(|n| breakpoint(n)) {
                i += 2;
                continue;
            }
            kept.push(if t.starts_with("commentar") {
                "opinion"
            } else {
                t
            });
            i += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&kept.join("-"));
    }
    std::borrow::Cow::Owned(out)
}

pub(super) fn hints_part(s: &str) -> (Hints, bool) {
    let mut h = Hints::default();
    if s.is_empty() {
        return (h, false);
    }
    let lowered = lower(s);
    let s = without_negations(&lowered);
    let s = &*s;
    let cats = categories(s);
    // one pass over the tokens for the whole-token words and the token rules below
    let (mut ad, mut strong_token, mut unlikely_token) = (false, false, false);
    for t in tokens(s) {
        ad |= matches!(t, "ad" | "ads");
        strong_token |= STRONG_TOKENS.contains(&t);
        unlikely_token |= UNLIKELY_TOKENS.contains(&t);
        match t {
            "byline" | "author" | "authors" | "autor" | "autoren" | "writer" | "dateline"
            | "meta" | "timestamp" | "date" | "datum" | "time" | "published" | "posted"
            | "info" | "credits" | "source" | "quelle" | "reading" => h.meta = true,
            "kicker" | "dachzeile" | "overline" | "topline" | "roofline" | "eyebrow"
            | "supertitle" | "spitzmarke" | "headline__kicker" | "rubrik" => h.kicker = true,
            "lead" | "lede" | "intro" | "standfirst" | "dek" | "deck" | "excerpt" | "abstract"
            | "summary" | "vorspann" | "einleitung" | "teasertext" | "subline" | "sapo"
            | "chapo" | "description" | "subheadline" | "subtitle" => h.lead = true,
            _ => {}
        }
        if t.starts_with("byline") || t.starts_with("author") || t.starts_with("autor") {
            h.author = true;
        }
        if matches!(
            t,
            "date" | "datum" | "time" | "published" | "pubdate" | "timestamp"
        ) || t.ends_with("date")
            || t.starts_with("date")
        {
            h.date = true;
        }
        // "caption" is a negative keyword: without one, no token holds it
        if (cats & C_NEGATIVE != 0 && t.contains("caption"))
            || matches!(
                t,
                "credit" | "credits" | "copyright" | "bildnachweis" | "bildunterschrift"
            )
        {
            h.caption = true;
        }
        if t.starts_with("kicker") || t.ends_with("kicker") {
            h.kicker = true;
        }
    }
    if cats & C_NEGATIVE != 0 || ad {
        h.weight -= 25;
    }
    if cats & C_POSITIVE != 0 {
        h.weight += 25;
    }
    h.strong |= cats & C_STRONG != 0 || strong_token;
    h.unlikely |= cats & C_UNLIKELY != 0 || unlikely_token;
    h.maybe |= cats & C_MAYBE != 0;
    // the body words below are all positive keywords, "teaser" an unlikely one: no keyword, no scan
    h.body = cats & C_POSITIVE != 0
        && s.split_ascii_whitespace().any(|class| {
            ["article", "entry", "post", "story", "artikel", "beitrag"]
                .iter()
                .any(|w| class.contains(w))
                && ["body", "content", "text", "inhalt"]
                    .iter()
                    .any(|w| class.contains(w))
        });
    if cats & C_UNLIKELY != 0
        && (s.contains("teaser-text") || s.contains("teaser__text") || s.contains("teaser_text"))
    {
        h.lead = true;
    }
    (h, s.contains("embed"))
}

pub(super) fn finish_hints((a, a_embed): (Hints, bool), (b, b_embed): (Hints, bool)) -> Hints {
    let mut h = Hints {
        weight: a.weight + b.weight,
        unlikely: a.unlikely | b.unlikely,
        strong: a.strong | b.strong,
        maybe: a.maybe | b.maybe,
        meta: a.meta | b.meta,
        kicker: a.kicker | b.kicker,
        lead: a.lead | b.lead,
        caption: a.caption | b.caption,
        author: a.author | b.author,
        date: a.date | b.date,
        body: a.body | b.body,
    };
    if h.author {
        h.meta = true;
    }
    // an embedded post ("social-media-embed") is quoted in the text, not a share bar
    if a_embed || b_embed {
        h.strong = false;
        h.unlikely = false;
        h.weight = h.weight.max(0);
    }
    h
}

/// `display: none` or `visibility: hidden` in a style attribute.
pub(super) fn hidden_style(style: &str) -> bool {
    if !style.contains("none") && !style.contains("hidden") {
        return false;
    }
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// Classes of text that is not on the page until the reader hovers (the card of a hover card or a
/// tooltip, not its trigger) or that only screen readers get ("sr-only", "visually-hidden").
pub(super) fn hidden_class(class: &str) -> bool {
    let c = lower(class);
    // every word below contains one of these: most class strings are done after these scans
    if ![
        "only", "hidden", "screen", "tooltip", "hover", "popover", "rollover",
    ]
    .iter()
    .any(|w| c.contains(w))
    {
        return false;
    }
    if [
        "sr-only",
        "visually-hidden",
        "visuallyhidden",
        "screen-reader-text",
        "screenreader-only",
        "tooltiptext",
        "hovercard",
        "hover-card",
    ]
    .iter()
    .any(|w| {
        c.split_ascii_whitespace()
            .any(|t| t == *w || t.strip_suffix(w).is_some_and(|head| head.ends_with("__")))
    }) {
        return true;
    }
    c.split_ascii_whitespace().any(|t| {
        let parts: Vec<&str> = tokens(t).collect();
        parts
            .iter()
            .any(|p| matches!(*p, "tooltip" | "popover" | "rollover" | "hovercard"))
            && parts.iter().any(|p| {
                matches!(
                    *p,
                    "block" | "card" | "content" | "body" | "box" | "panel" | "inner" | "text"
                )
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn hints_classify() {
        assert!(hints("share-bar", "").strong);
        assert!(hints("c-comments", "").strong);
        assert!(hints("", "sidebar").unlikely);
        assert!(hints("article-body", "").weight > 0);
        assert!(hints("teaser-text", "").lead);
        assert!(hints("dachzeile", "").kicker);
        assert!(hints("article__byline", "").author);
        assert!(!hints("leading", "").lead);
        assert!(hints("entry-content", "").body);
        assert!(hints("c-article__body", "").body);
        assert!(!hints("content-primary", "").body);
        assert!(!hints("element article", "").body);
    }

    #[test]
    fn hover_cards_and_screen_reader_text_are_hidden() {
        assert!(hidden_class("rollover-people-block"));
        assert!(hidden_class("c-tooltip__content"));
        assert!(hidden_class("sr-only"));
        assert!(hidden_class("Visually-Hidden"));
        // the trigger of a hover card stays: it is the name in the sentence
        assert!(!hidden_class("rollover-people-link"));
        assert!(!hidden_class("rollover-people"));
        assert!(!hidden_class("article-body text"));
    }

    #[test]
    fn negated_words_and_commentary_are_not_boilerplate() {
        assert!(!hints("row non-paywall", "").strong);
        assert!(hints("paywall", "").strong);
        assert!(!hints("page no-sidebar", "").unlikely);
        assert!(hints("sidebar", "").unlikely);
        assert!(!hints("full news commentary article", "").strong);
        assert!(hints("comments", "").strong);
        assert!(hints("cta container", "").strong);
        assert!(!hints("spectator", "").strong);
        assert_eq!(without_negations("nosy notes"), "nosy notes");
        assert!(!hints("box l-hidden-xs l-hidden-s", "").unlikely);
        assert!(hints("hidden", "").unlikely);
    }
}

//! Interview recognition: questions, answers, speakers, label resolution, roles.
//!
//! A pure function over an article's title, lead and blocks.

use crate::document::Article;

/// Recognises an interview in `article`: when it is one, sets `kind`, `speakers`, and turns the
/// paragraphs into `question` / `answer` blocks. Leaves ordinary articles as they are.
pub fn recognize(article: &mut Article) {
    let _ = article;
}

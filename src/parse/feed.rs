//! RSS 0.9x/1.0/2.0, Atom and JSON Feed to teasers (and articles where the feed carries full text).

use crate::document::Listing;
use crate::parse::ParseError;
use url::Url;

/// Parses a decoded feed.
pub fn parse_feed(text: &str, base: Option<&Url>) -> Result<Listing, ParseError> {
    let _ = (text, base);
    Err(ParseError::Feed("not implemented yet".into()))
}

//! Listing pages: HTML pages with many teasers and no feed.

use crate::document::Listing;
use url::Url;

/// The teasers found on a page, if it has a repeated teaser structure.
pub fn parse_listing(html: &str, base: Option<&Url>) -> Option<Listing> {
    let _ = (html, base);
    None
}

/// Whether a page whose teasers were found is a listing page rather than an article with a few
/// links to other articles.
pub fn is_listing_page(html: &str, listing: &Listing) -> bool {
    let _ = html;
    listing.items.len() >= 3
}

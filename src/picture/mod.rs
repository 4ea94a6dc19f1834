//! Pictures in the article pane, as a pipeline: which sources may be loaded ([`source`]), bytes to
//! pixels within limits ([`decode`]), what the terminal can show ([`detect`]), pixels to a terminal
//! protocol for a width ([`encode`]). Fetching and caching are the executor's and the store's
//! (`app/effects.rs`, `store/images.rs`); the state keeps what arrived (`app/pictures.rs`).

pub mod decode;
pub mod detect;
pub mod encode;
pub mod source;

/// The largest picture file loaded (bytes, also for `data:` sources once decoded).
pub const MAX_BYTES: usize = 4 * 1024 * 1024;
/// The largest width or height decoded (pixels).
pub const MAX_SIDE: u32 = 4096;
/// The most pixels decoded (width × height).
pub const MAX_PIXELS: u64 = 16_000_000;
/// The most memory the decoder may allocate for one picture.
pub const MAX_ALLOC: u64 = 64 * 1024 * 1024;
/// Decoded pictures are kept no larger than this on either side (the pane is rarely wider).
pub const KEEP_SIDE: u32 = 1200;

pub use decode::{decode, Pixels};
pub use detect::{Graphics, Protocol};
pub use encode::{encode, Encoded, Encoder};
pub use source::{parse_source, Source};

//! blatt: a terminal news reader that renders interviews as dialogue.
//!
//! The heart is pure: [`parse`] turns bytes into [`document`]s, [`interview`] recognises dialogue.
//! [`fetch`] does the I/O; [`cli`] and [`tui`] present the result.

pub mod alloc;
pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod document;
pub mod fetch;
pub mod interview;
pub mod load;
pub mod markdown;
pub mod opml;
pub mod output;
pub mod parse;
pub mod picture;
pub mod reload;
pub mod startup;
pub mod store;
pub mod sync;
#[doc(hidden)]
pub mod synth;
pub mod tui;
pub mod ui;
pub mod width;

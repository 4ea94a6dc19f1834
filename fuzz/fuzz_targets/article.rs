#![no_main]
//! Bytes read as a article: decoded, parsed, checked for control characters. Never a panic.

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let r = blatt::parse::parse_bytes(
        data,
        None,
        Some(&common::base()),
        blatt::parse::KindHint::Article,
    );
    common::check(&r);
});

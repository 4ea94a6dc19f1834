#![no_main]
//! Bytes through the same entry point as the CLI and the reader: decoded with a fuzzed content type,
//! sniffed, parsed, checked.

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // the first line (up to 64 bytes) is the Content-Type header
    let (ct, body) = match data.iter().take(64).position(|&b| b == b'\n') {
        Some(i) => (std::str::from_utf8(&data[..i]).ok(), &data[i + 1..]),
        None => (None, data),
    };
    let r = blatt::parse::parse_bytes(
        body,
        ct,
        Some(&common::base()),
        blatt::parse::KindHint::Auto,
    );
    common::check(&r);
});

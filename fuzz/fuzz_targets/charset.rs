#![no_main]
//! Charset detection and decoding: any bytes, any Content-Type give valid UTF-8, never a panic, and
//! a bounded size.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (ct, body) = match data.iter().take(64).position(|&b| b == b'\n') {
        Some(i) => (std::str::from_utf8(&data[..i]).ok(), &data[i + 1..]),
        None => (None, data),
    };
    let text = blatt::parse::charset::decode(body, ct);
    // one UTF-8 sequence of at most 3 bytes per input byte (U+FFFD for malformed ones), plus a BOM
    assert!(text.len() <= body.len() * 3 + 3);
});

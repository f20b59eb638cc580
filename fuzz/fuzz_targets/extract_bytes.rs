//! Any bytes, decoded as `zitat --lossy` does (invalid UTF-8 becomes U+FFFD): no panic, and the
//! span contract holds on the decoded text.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let doc = zitat::Engine::new().extract(&text);
    common::check(&text, &doc);
});

//! Any UTF-8 text: `Engine::extract` must not panic, and its output must keep the span contract.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|text: &str| {
    let doc = zitat::Engine::new().extract(text);
    common::check(text, &doc);
});

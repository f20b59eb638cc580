//! Every input the fuzzer kept (`fuzz/corpus/extract/`) and every crash it found
//! (`fuzz/regressions/`) runs through `Engine::extract` and keeps the span contract. Invalid UTF-8
//! is decoded lossily, as `zitat --lossy` does. An input that still panics is listed in
//! `fuzz/known_crashes.txt` with its message, and the test asserts that it still panics so.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use zitat::Engine;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// `(file under fuzz/, part of the panic message, panics only with overflow checks)`.
fn known_crashes() -> Vec<(String, String, bool)> {
    let list = std::fs::read_to_string(fuzz_dir().join("known_crashes.txt"))
        .expect("fuzz/known_crashes.txt exists");
    list.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut cols = l.split('\t');
            let file = cols.next().expect("a file").to_string();
            let message = cols.next().expect("file TAB message").to_string();
            let debug = match cols.next() {
                None => false,
                Some("debug") => true,
                Some(other) => panic!("known_crashes.txt: unknown mark {other:?} in {l:?}"),
            };
            (file, message, debug)
        })
        .collect()
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

#[test]
fn fuzz_inputs_keep_the_span_contract() {
    let engine = Engine::new();
    let known = known_crashes();
    let mut files = Vec::new();
    for dir in ["corpus/extract", "regressions"] {
        for entry in std::fs::read_dir(fuzz_dir().join(dir)).expect("the folder exists") {
            let path = entry.expect("readable").path();
            files.push(format!(
                "{dir}/{}",
                path.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    files.sort();
    assert!(files.len() > 100, "only {} fuzz inputs", files.len());
    for (file, _, _) in &known {
        assert!(
            files.contains(file),
            "known_crashes.txt names {file}, which is not there"
        );
    }
    // the expected panics would print their messages; the failures below carry them instead
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut failures = Vec::new();
    for file in &files {
        let bytes = std::fs::read(fuzz_dir().join(file)).expect("readable");
        let text = String::from_utf8_lossy(&bytes);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            common::check(&text, &engine.extract(&text));
        }))
        .map_err(|p| panic_message(p.as_ref()));
        let entry = known.iter().find(|(f, _, _)| f == file);
        match (entry, outcome) {
            (None, Ok(())) => {}
            (None, Err(m)) => failures.push(format!("{file}: {m}")),
            (Some((_, expected, _)), Err(m)) if m.contains(expected.as_str()) => {}
            (Some(_), Err(m)) => failures.push(format!("{file}: panics otherwise now: {m}")),
            // without overflow checks the wrapped arithmetic runs on: the contract must hold
            (Some((_, _, true)), Ok(())) if !cfg!(debug_assertions) => {}
            (Some(_), Ok(())) => failures.push(format!(
                "{file}: listed in fuzz/known_crashes.txt but passes now: remove the line"
            )),
        }
    }
    std::panic::set_hook(hook);
    assert!(
        failures.is_empty(),
        "{} of {} fuzz inputs fail:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

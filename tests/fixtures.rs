//! One snapshot per fixture file, each checked against the expectations in its header first.
//!
//! A fixture is German text under `tests/fixtures/<structure>/`. Lines at the top starting with
//! `#> ` list the expected claims in document order: `kind | quote-prefix | speaker | cue | name`
//! (`*` = not checked, `-` = must be absent). A file without such lines must yield no claim —
//! that is what `negative/` holds. The expectations are asserted *before* the snapshot, so an
//! accepted snapshot can never hide a regression.

use std::path::Path;

use zitat::{Document, Engine, render_text};

/// The expectations and the input text of a fixture file.
fn parse_fixture(src: &str) -> (Vec<Vec<String>>, String) {
    let mut expect = Vec::new();
    let mut rest = src;
    while let Some(line) = rest.strip_prefix("#> ") {
        let (line, tail) = line.split_once('\n').unwrap_or((line, ""));
        expect.push(line.split('|').map(|f| f.trim().to_string()).collect());
        rest = tail;
    }
    (expect, rest.to_string())
}

/// Compares a document's claims with the expectations; returns what differs.
fn check(doc: &Document, expect: &[Vec<String>]) -> Vec<String> {
    let mut errors = Vec::new();
    if doc.claims.len() != expect.len() {
        errors.push(format!(
            "expected {} claims, found {}",
            expect.len(),
            doc.claims.len()
        ));
    }
    for (i, (e, c)) in expect.iter().zip(&doc.claims).enumerate() {
        let field = |k: usize| e.get(k).map(String::as_str).unwrap_or("*");
        let mut bad = |what: &str, want: &str, got: &str| {
            errors.push(format!(
                "claim {}: {what}: expected `{want}`, found `{got}`",
                i + 1
            ))
        };
        if field(0) != "*" && field(0) != c.kind.as_str() {
            bad("kind", field(0), c.kind.as_str());
        }
        // (a line break in the text reads as a space in an expectation: wrapped fixtures)
        let quote = squash(&c.quote.text);
        if field(1) != "*" && !quote.starts_with(field(1)) {
            bad("quote", field(1), &quote);
        }
        let speaker = squash(c.speaker.as_ref().map(|s| s.text.as_str()).unwrap_or("-"));
        if field(2) != "*" && field(2) != speaker {
            bad("speaker", field(2), &speaker);
        }
        let cue = squash(c.cue.as_ref().map(|s| s.text.as_str()).unwrap_or("-"));
        if field(3) != "*" && field(3) != cue {
            bad("cue", field(3), &cue);
        }
        let name = c.speaker.as_ref().map(|s| s.name.as_str()).unwrap_or("-");
        if field(4) != "*" && field(4) != name {
            bad("name", field(4), name);
        }
    }
    errors
}

/// The text with every run of white space as one space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The readable rendering a reviewer sees: the input, then every claim.
fn render(text: &str, doc: &Document) -> String {
    format!("{}\n---\n{}", text.trim_end(), render_text(doc))
}

fn fixture_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            fixture_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

/// The fixtures listed in `tests/fixtures/known_gaps.tsv` (relative path → reason).
fn known_gaps() -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/known_gaps.tsv");
    std::fs::read_to_string(path)
        .expect("known_gaps.tsv exists")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (p, r) = l.split_once('\t').expect("path<TAB>reason");
            (p.to_string(), r.to_string())
        })
        .collect()
}

/// Every fixture meets the expectations in its header (negative ones: no claim at all), except
/// the listed known gaps, which must still fail (so the list cannot go stale).
#[test]
fn fixture_expectations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    fixture_files(&root, &mut files);
    assert!(files.len() >= 300, "only {} fixtures", files.len());
    let gaps = known_gaps();
    let engine = Engine::new();
    let mut failures = Vec::new();
    for path in &files {
        let src = std::fs::read_to_string(path).expect("fixture is UTF-8");
        let (expect, text) = parse_fixture(&src);
        let doc = engine.extract(&text);
        let errors = check(&doc, &expect);
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        if let Some((_, reason)) = gaps.iter().find(|(p, _)| *p == rel) {
            if errors.is_empty() {
                failures.push(format!("{rel}: listed as a known gap ({reason}) but now passes: remove it from known_gaps.tsv"));
            }
            continue;
        }
        if !errors.is_empty() {
            failures.push(format!(
                "{}:\n    {}\n{}",
                rel,
                errors.join("\n    "),
                render_text(&doc)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ from their expectations:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// One readable snapshot per fixture (`snapshots/fixtures@<folder>__<file>.snap`).
#[test]
fn fixture_snapshots() {
    let engine = Engine::new();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    let gaps = known_gaps();
    settings.bind(|| {
        insta::glob!("fixtures/**/*.txt", |path| {
            let src = std::fs::read_to_string(path).expect("fixture is UTF-8");
            let (expect, text) = parse_fixture(&src);
            let doc = engine.extract(&text);
            // checked before the snapshot, so an accepted snapshot cannot hide a regression
            if path.parent().is_some_and(|p| p.ends_with("negative")) {
                assert!(
                    doc.claims.is_empty(),
                    "{}: a negative fixture yielded claims:\n{}",
                    path.display(),
                    render_text(&doc)
                );
            }
            let gap = gaps.iter().any(|(p, _)| path.ends_with(p));
            assert!(
                gap || doc.claims.len() == expect.len(),
                "{}: claim count",
                path.display()
            );
            insta::assert_snapshot!(render(&text, &doc));
        });
    });
}

#[test]
fn negative_fixtures_declare_nothing() {
    // a negative fixture with an expectation line would test the opposite of its folder's promise
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/negative");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("negative/ exists") {
        let src = std::fs::read_to_string(entry.expect("readable").path()).expect("UTF-8");
        assert!(!src.starts_with("#> "));
        n += 1;
    }
    assert!(n >= 30, "only {n} negative fixtures");
}

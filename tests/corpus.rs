//! The corpus regression gate: `zitat eval` on ../shared/data/wikinews/dev.jsonl must not fall
//! below the figures committed in tests/eval-baseline.json (raise them when you improve).
//! Skips with a message where ../shared is absent.

use std::path::Path;

use zitat::Engine;
use zitat::eval::{EvalOptions, evaluate, read_gold, read_resolved};

fn shared(rel: &str) -> Option<std::path::PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/wikinews")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}

#[test]
fn dev_figures_do_not_regress() {
    let (Some(gold), Some(resolved)) = (shared("dev.jsonl"), shared("dev.resolved.jsonl")) else {
        return;
    };
    let docs = read_gold(&gold).expect("dev.jsonl parses");
    let resolved = read_resolved(&resolved).expect("dev.resolved.jsonl parses");
    let engine = Engine::new();
    let predictions: Vec<_> = docs.iter().map(|d| engine.extract(&d.text)).collect();
    let report = evaluate(
        &docs,
        &predictions,
        Some(&resolved),
        &EvalOptions::default(),
    );
    let who = report.who_said_it.as_ref().expect("resolved file given");
    let measured = serde_json::json!({
        "messages_f1": report.messages.f1,
        "roles_f1": report.roles.f1,
        "joint_f1": report.joint.f1,
        "who_said_it": who.all.value,
        "who_said_it_found": who.found.value,
    });
    let baseline: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval-baseline.json"),
        )
        .expect("tests/eval-baseline.json exists"),
    )
    .expect("baseline is JSON");
    let mut drops = Vec::new();
    for (key, floor) in baseline.as_object().expect("an object") {
        let Some(floor) = floor.as_f64() else {
            continue;
        };
        let got = measured[key.as_str()]
            .as_f64()
            .unwrap_or_else(|| panic!("unknown figure {key}"));
        // three decimals, as printed: noise below that is not a regression
        if got + 0.0005 < floor {
            drops.push(format!("{key}: {got:.3} < baseline {floor:.3}"));
        }
    }
    assert!(
        drops.is_empty(),
        "dev figures dropped:\n{}\n\n{report}",
        drops.join("\n")
    );
}

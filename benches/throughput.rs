//! Throughput of the engine against a plain quote-mark scan, on the news corpus texts.
//!
//! `cargo bench --bench throughput [-- MB]` — reads ../shared/data/wikinews/{train,dev}.jsonl
//! (falls back to a synthetic German text where it is absent), repeats the texts to MB
//! megabytes (default 50), and prints MB/s and documents/s of `Engine::extract` plus JSON
//! serialisation, single-threaded, and of a memchr scan for quotation marks over the same bytes.

use std::time::Instant;

fn corpus() -> Vec<String> {
    let mut texts = Vec::new();
    for split in ["train", "dev"] {
        let path = format!(
            "{}/../shared/data/wikinews/{split}.jsonl",
            env!("CARGO_MANIFEST_DIR")
        );
        let Ok(src) = std::fs::read_to_string(&path) else {
            continue;
        };
        for line in src.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
            texts.push(v["text"].as_str().unwrap_or("").to_string());
        }
    }
    if texts.is_empty() {
        eprintln!("../shared is absent: using a synthetic text");
        let para = "„Wir prüfen alle Optionen“, sagte Innenminister Markus Feld (CDU) am Montag. \
                    Laut Polizei wurde niemand verletzt. Die Ministerin erklärte, die Lage sei ernst.\n\n";
        texts.push(para.repeat(20));
    }
    texts
}

fn main() {
    let mb: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(50);
    let base = corpus();
    let base_bytes: usize = base.iter().map(String::len).sum();
    let mut docs = Vec::new();
    let mut bytes = 0;
    while bytes < mb << 20 {
        for t in &base {
            docs.push(t.as_str());
            bytes += t.len();
        }
    }
    let engine = zitat::Engine::new();
    engine.extract("Warm-up: „Ja“, sagte er.");

    let start = Instant::now();
    let mut claims = 0;
    let mut out = 0;
    for d in &docs {
        let doc = engine.extract(d);
        claims += doc.claims.len();
        out += serde_json::to_string(&doc).expect("serialises").len();
    }
    let engine_s = start.elapsed().as_secs_f64();

    let start = Instant::now();
    let mut marks = 0;
    for d in &docs {
        // the quote marks a scanner must find: „ “ ” » « (UTF-8 lead bytes 0xE2 / 0xC2) and "
        marks += memchr::memchr3_iter(b'"', 0xE2, 0xC2, d.as_bytes()).count();
    }
    let scan_s = start.elapsed().as_secs_f64().max(1e-9);

    let mbs = bytes as f64 / (1 << 20) as f64;
    println!(
        "input: {} documents, {:.1} MB (corpus {:.1} MB repeated)",
        docs.len(),
        mbs,
        base_bytes as f64 / (1 << 20) as f64
    );
    println!(
        "zitat extract + JSON: {:.2} s, {:.1} MB/s, {:.0} documents/s, {claims} claims, {:.1} MB JSON",
        engine_s,
        mbs / engine_s,
        docs.len() as f64 / engine_s,
        out as f64 / (1 << 20) as f64
    );
    println!(
        "memchr mark scan:     {:.4} s, {:.0} MB/s ({marks} candidate bytes)",
        scan_s,
        mbs / scan_s
    );
    println!("ratio zitat / scan:   {:.0}", engine_s / scan_s);
}

//! Any input: no panic, every span on char boundaries inside the input, quote text consistent
//! with the spans. Inputs come from a seeded generator over the characters that trouble a
//! quote engine (every mark, apostrophes, combining marks, invisible spaces, line breaks).

mod common;

use common::check;
use zitat::Engine;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: deterministic, so a failure reproduces from its case number
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "„",
    "“",
    "”",
    "\"",
    "»",
    "«",
    "‚",
    "‘",
    "’",
    "'",
    "›",
    "‹",
    ",",
    ".",
    ":",
    "?",
    "!",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "sagte",
    "sagte er",
    "teilte",
    "mit",
    "Feld",
    "die Polizei",
    "laut",
    "zufolge",
    "nach Angaben",
    "so",
    "dass",
    "sei",
    "habe",
    "soll",
    "haben",
    "u\u{0308}",
    "\u{00A0}",
    "\u{00AD}",
    "z. B.",
    "Dr.",
    "3.",
    "19.06.2024",
    "geht's",
    "Wir",
    "kommen",
    "Kim",
    "(SPD)",
    "-",
    "–",
    "ä",
    "ß",
    "\u{200B}",
    "🙂",
    "e\u{0301}",
];

#[test]
fn random_inputs_keep_the_span_contract() {
    let engine = Engine::new();
    let mut rng = Rng(0x5EED_2026);
    for case in 0..3000 {
        let n = 1 + rng.next() % 60;
        let input: String = (0..n).map(|_| rng.pick(PIECES)).collect();
        let doc = std::panic::catch_unwind(|| engine.extract(&input))
            .unwrap_or_else(|_| panic!("case {case} panicked on {input:?}"));
        check(&input, &doc);
    }
}

const MARKS: [&str; 12] = ["„", "“", "”", "\"", "»", "«", "‚", "‘", "’", "'", "›", "‹"];

/// `levels` quotes inside quotes, every one closed again, alternating `open`/`inner` marks.
fn nested(levels: usize, open: [&str; 2], close: [&str; 2]) -> String {
    let opening = format!("{} Eins {} zwei ", open[0], open[1]).repeat(levels / 2);
    let closing = format!("{} drei{} vier", close[1], close[0]).repeat(levels / 2);
    format!("Er sagte: {opening}Kern{closing}.")
}

fn assert_contract(engine: &Engine, name: &str, input: &str) {
    let doc = std::panic::catch_unwind(|| engine.extract(input))
        .unwrap_or_else(|_| panic!("{name}: the engine panicked"));
    check(input, &doc);
}

#[test]
fn pathological_inputs_finish() {
    let engine = Engine::new();
    // a single sentence of more than a megabyte: no full stop until the very end
    let megabyte = format!(
        "Der Minister sagte, dass {}.",
        "die Regierung das Gesetz prüfe und ".repeat(30_000)
    );
    assert!(megabyte.len() > 1 << 20);
    for (name, input) in [
        ("20,000 „", "„".repeat(20_000)),
        ("20,000 \"", "\"".repeat(20_000)),
        ("100,000 „", "„".repeat(100_000)),
        (
            "100,000 marks of every kind in turn",
            (0..100_000).map(|i| MARKS[i % MARKS.len()]).collect(),
        ),
        ("alternating „ ‚ never closed", "„a ‚b ".repeat(5_000)),
        // below 256 levels: deeper ones overflow the engine's u8 depth (fuzz/known_crashes.txt)
        ("250 levels of „ ‚", nested(250, ["„", "‚"], ["“", "‘"])),
        ("250 levels of » ›", nested(250, ["»", "›"], ["«", "‹"])),
        (
            "a quote of 50,000 words",
            format!("„{}“, sagte er.", "Wort ".repeat(50_000)),
        ),
        ("a 1 MB sentence", megabyte),
        ("5,000 dass-clauses", "sagte, dass ".repeat(5_000)),
    ] {
        assert_contract(&engine, name, &input);
    }
}

/// The sizes of issue #5: 100,000 marks, 10,000 nested levels. (Before quotes found their
/// parent once and nesting stopped at 16 levels, these took hours.)
#[test]
fn pathological_inputs_at_full_scale() {
    let engine = Engine::new();
    let unbalanced: String = (0..100_000)
        .map(|i| {
            format!(
                "{}{}",
                MARKS[i % MARKS.len()],
                if i % 3 == 0 { "Wort " } else { "" }
            )
        })
        .collect();
    assert_contract(&engine, "100,000 marks with words between", &unbalanced);
    let deep = nested(10_000, ["„", "‚"], ["“", "‘"]);
    assert_contract(&engine, "10,000 levels of „ ‚", &deep);
}

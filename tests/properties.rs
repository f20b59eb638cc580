//! Any input: no panic, every span on char boundaries inside the input, quote text consistent
//! with the spans. Inputs come from a seeded generator over the characters that trouble a
//! quote engine (every mark, apostrophes, combining marks, invisible spaces, line breaks).

use zitat::{Document, Engine, Kind, Span};

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

fn check_span(input: &str, s: &Span) {
    assert!(
        s.start <= s.end && s.end <= input.len(),
        "span {s:?} outside input"
    );
    assert!(
        input.is_char_boundary(s.start) && input.is_char_boundary(s.end),
        "span {s:?} off char boundary"
    );
    assert_eq!(
        input[..s.start].chars().count(),
        s.char_start,
        "char_start of {s:?}"
    );
    assert_eq!(
        input[..s.end].chars().count(),
        s.char_end,
        "char_end of {s:?}"
    );
}

fn check(input: &str, doc: &Document) {
    for c in &doc.claims {
        assert!(!c.quote.spans.is_empty());
        for s in &c.quote.spans {
            check_span(input, s);
        }
        for s in c.speaker.iter().flat_map(|x| &x.spans) {
            check_span(input, s);
        }
        for s in c
            .cue
            .iter()
            .flat_map(|x| &x.spans)
            .chain(c.frame.iter().flat_map(|x| &x.spans))
        {
            check_span(input, s);
        }
        // every piece of the quote text comes from inside the quote spans
        for piece in c.quote.text.split(' ').filter(|p| !p.is_empty()) {
            let inside = c
                .quote
                .spans
                .iter()
                .any(|s| input[s.start..s.end].contains(piece));
            assert!(
                inside,
                "quote text piece {piece:?} is not inside the quote spans"
            );
        }
        if c.kind == Kind::Direct {
            assert!(c.confidence > 0.0 && c.confidence <= 1.0);
        }
    }
    for e in &doc.speakers {
        for s in &e.mentions {
            check_span(input, s);
        }
    }
}

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

#[test]
fn pathological_inputs_finish() {
    let engine = Engine::new();
    for input in [
        "„".repeat(20_000),
        "\"".repeat(20_000),
        "„a ‚b ".repeat(5_000),
        format!("„{}“, sagte er.", "Wort ".repeat(50_000)),
        "sagte, dass ".repeat(5_000),
    ] {
        let doc = engine.extract(&input);
        check(&input, &doc);
    }
}

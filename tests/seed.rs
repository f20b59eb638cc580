//! The article the project started from: every quoted passage in it must come out right.
//! Reads ../shared/seed/ and skips with a message where it is absent.

use zitat::{Engine, Kind};

fn seed() -> Option<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seed/putin-kim-abkommen.txt"
    );
    match std::fs::read_to_string(path) {
        Ok(s) => Some(s),
        Err(_) => {
            eprintln!("skipped: {path} is absent");
            None
        }
    }
}

/// (quote text, speaker mention, resolved name)
const DIRECT: &[(&str, &str, &str)] = &[
    ("unbesiegbaren", "Kim", "Kim Jong Un"),
    ("Waffengefährten", "Kim", "Kim Jong Un"),
    ("höhere Ebene", "Er", "Kim Jong Un"),
    ("alles", "Die USA", "USA"),
    ("alles", "US-Außenminister Antony Blinken", "Antony Blinken"),
    ("Wir werden weiterhin alles tun", "er", "Antony Blinken"),
    ("verzweifelt", "Blinken", "Antony Blinken"),
    ("Wir sind sehr besorgt darüber", "er", "Antony Blinken"),
    ("Öl ins Feuer zu gießen", "er", "Antony Blinken"),
];

#[test]
fn all_nine_quoted_passages_are_attributed() {
    let Some(text) = seed() else { return };
    let doc = Engine::new().extract(&text);
    let direct: Vec<_> = doc
        .claims
        .iter()
        .filter(|c| c.kind == Kind::Direct)
        .collect();
    let mut used = vec![false; direct.len()];
    for (quote, mention, _) in DIRECT {
        let found = direct.iter().enumerate().position(|(i, c)| {
            !used[i]
                && c.quote.text.starts_with(quote)
                && c.speaker.as_ref().is_some_and(|s| s.text == *mention)
        });
        assert!(
            found.is_some(),
            "no direct claim «{quote}» by «{mention}»; found:\n{}",
            zitat::render_text(&doc)
        );
        used[found.unwrap()] = true;
    }
    assert_eq!(direct.len(), DIRECT.len(), "{}", zitat::render_text(&doc));
}

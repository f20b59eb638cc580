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

#[test]
fn speakers_resolve_to_the_people_the_article_means() {
    let Some(text) = seed() else { return };
    let doc = Engine::new().extract(&text);
    for (quote, mention, name) in DIRECT {
        let c = doc
            .claims
            .iter()
            .find(|c| {
                c.kind == Kind::Direct
                    && c.quote.text.starts_with(quote)
                    && c.speaker.as_ref().is_some_and(|s| s.text == *mention)
            })
            .unwrap_or_else(|| panic!("no claim «{quote}» by «{mention}»"));
        assert_eq!(
            &c.speaker.as_ref().unwrap().name,
            name,
            "«{mention}» in claim «{quote}»"
        );
    }
    // `Er wies darauf hin` continues Uschakow, `Er erinnerte daran` is Kim
    let er = |cue: &str| {
        doc.claims
            .iter()
            .find(|c| c.cue.as_ref().is_some_and(|k| k.text == cue))
            .and_then(|c| c.speaker.clone())
            .map(|s| s.name)
    };
    assert_eq!(er("wies darauf hin").as_deref(), Some("Juri Uschakow"));
    assert_eq!(er("erinnerte daran").as_deref(), Some("Kim Jong Un"));
    let role_of = |name: &str| {
        doc.speakers
            .iter()
            .find(|e| e.name == name)
            .and_then(|e| e.role.clone())
    };
    assert_eq!(
        role_of("Antony Blinken").as_deref(),
        Some("US-Außenminister")
    );
    assert_eq!(role_of("Juri Uschakow").as_deref(), Some("Kremlberater"));
    let kreml = doc
        .speakers
        .iter()
        .find(|e| e.name == "Kreml")
        .expect("the Kremlin speaks");
    assert_eq!(kreml.kind, zitat::SpeakerType::Organisation);
    // the indirect claims of the issue, with their cues
    for (mention, cue) in [
        ("Kremlberater Juri Uschakow", "sagte"),
        ("Er", "wies darauf hin"),
        ("Der Kreml", "hat versichert"),
        ("US-Außenminister Antony Blinken", "hat zugesagt"),
        ("er", "hinzufügte"),
        ("Blinken", "betonte"),
    ] {
        assert!(
            doc.claims.iter().any(|c| c.kind == Kind::Indirect
                && c.speaker.as_ref().is_some_and(|s| s.text == mention)
                && c.cue.as_ref().is_some_and(|k| k.text == cue)),
            "no indirect claim by «{mention}» with cue «{cue}»"
        );
    }
}

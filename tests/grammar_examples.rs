//! Every entry of `grammar/` carries an example; each example must do what its entry promises.

use zitat::{Engine, Mood, render_text};

#[test]
fn every_grammar_example_yields_its_entry() {
    let engine = Engine::new();
    let mut failures = Vec::new();
    let mut checked = 0;
    for ex in engine.grammar_examples() {
        let doc = engine.extract(&ex.text);
        let key = ex.key.to_lowercase();
        let ok = match ex.file.as_str() {
            // the verb is the cue of a claim (`mitteilen` for `teilte … mit`); a reported speech
            // act carries no cue (corpus convention), its claim is the whole sentence
            "verbs.tsv" => {
                let lemma = key.split(" (").next().unwrap_or(&key).to_string();
                // a verb whose example has no content (no quote, no clause) and that reports
                // nothing on its own (no `R`) yields no claim; the lexicon must still read the
                // example's verb as that cue
                doc.claims.iter().any(|c| {
                    c.cue
                        .as_ref()
                        .is_some_and(|cue| cue.lemma.to_lowercase() == lemma)
                        || (c.kind == zitat::Kind::Reported && c.speaker.is_some())
                }) || (doc.claims.is_empty()
                    && engine
                        .cue_lemmas(&ex.text)
                        .iter()
                        .any(|l| l.to_lowercase() == lemma))
            }
            // the noun heads a claim's speaker (or its feminine or plural form does)
            "roles.tsv" => {
                // `Staatsanwalt` → `Staatsanwältin`: compare without umlauts, on the stem
                let fold = |s: &str| {
                    s.to_lowercase()
                        .replace('ä', "a")
                        .replace('ö', "o")
                        .replace('ü', "u")
                };
                let key = fold(&key);
                let stem: String = key
                    .chars()
                    .take(key.chars().count().saturating_sub(3).max(4))
                    .collect();
                doc.claims.iter().any(|c| {
                    c.speaker
                        .as_ref()
                        .is_some_and(|s| fold(&s.text).contains(&stem))
                })
            }
            // the marker introduces a claim
            "according.tsv" => !doc.claims.is_empty(),
            // the form makes reported content subjunctive
            "subjunctive.tsv" => doc.claims.iter().any(|c| c.mood == Mood::Subjunctive),
            // the first name is the speaker's name
            "names.tsv" => doc
                .claims
                .iter()
                .any(|c| c.speaker.as_ref().is_some_and(|s| s.name == ex.key)),
            // sentence splitting is checked inside the crate (text::tests)
            _ => continue,
        };
        checked += 1;
        if !ok {
            failures.push(format!(
                "grammar/{}:{}: `{}`: {}\n{}",
                ex.file,
                ex.line,
                ex.key,
                ex.text,
                render_text(&doc)
            ));
        }
    }
    assert!(checked > 500, "only {checked} examples checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} grammar examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

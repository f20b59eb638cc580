//! Every entry of `grammar/` carries an example; each example must do what its entry promises.

use zitat::{Document, Engine, Mood, Speaker, render_text};

/// The example contains the entry as a word of its own (case-insensitively).
fn has_word(text: &str, key: &str) -> bool {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == key)
}

fn has_rule(doc: &Document, rule: &str) -> bool {
    doc.claims.iter().any(|c| c.rule == rule)
}

/// Some claim's speaker passes `pred`.
fn some_speaker(doc: &Document, pred: impl Fn(&Speaker) -> bool) -> bool {
    doc.claims
        .iter()
        .any(|c| c.speaker.as_ref().is_some_and(&pred))
}

/// A claim's speaker mention contains the entry and resolves to a name given elsewhere
/// (`der Staatschef` → `Markus Feld`).
fn resolves(doc: &Document, key: &str) -> bool {
    some_speaker(doc, |s| {
        s.text.to_lowercase().contains(key) && !s.text.contains(s.name.as_str())
    })
}

/// The `government` cell of a row of `grammar/capitals.tsv` (an example carries only its key).
fn capital_government(city: &str) -> String {
    include_str!("../grammar/capitals.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|cells| cells.len() == 3 && cells[0] == city)
        .map(|cells| cells[1].to_string())
        .unwrap_or_default()
}

/// Rows of `grammar/frame_adverbs.tsv` that change no reading (see the file's header): the word
/// analysis knows them as adverbs from `grammar/adverbs.tsv` or their ending, or they are
/// prepositions.
const FRAME_ADVERBS_WITHOUT_EFFECT: &[&str] = &[
    "später",
    "außerdem",
    "auch",
    "bereits",
    "damals",
    "abschließend",
    "zuvor",
    "schon",
    "ebenfalls",
    "allerdings",
    "kürzlich",
    "gleichzeitig",
    "schließlich",
    "bislang",
    "dabei",
    "ausdrücklich",
    "lediglich",
    "nur",
    "sogar",
    "anschließend",
    "unlängst",
    "etwa",
    "zunächst",
    "am",
    "im",
    "in",
    "bei",
    "beim",
    "auf",
    "vor",
    "gegenüber",
];

/// Rows of `grammar/adverbs.tsv` that change no reading (see the file's header):
/// `frame_adverbs.tsv` lists them too, an ending in `words::is_adverb` covers them, or (`rund`)
/// news writes them only where the reading is the same either way.
const ADVERBS_WITHOUT_EFFECT: &[&str] = &[
    "ausdrücklich",
    "schließlich",
    "lediglich",
    "gleichzeitig",
    "bislang",
    "damals",
    "ebenfalls",
    "allerdings",
    "kürzlich",
    "unlängst",
    "dabei",
    "zunächst",
    "außerdem",
    "anschließend",
    "später",
    "zuvor",
    "etwa",
    "bereits",
    "schon",
    "nur",
    "auch",
    "sogar",
    "anscheinend",
    "möglicherweise",
    "dementsprechend",
    "entsprechend",
    "rund",
];

/// An adverb row's example (`frame_adverbs.tsv`, `adverbs.tsv`): the word is in the text, a
/// claim has a speaker, and the word is in no claim's speaker or content. With the file emptied
/// (`without`), a row with an effect puts it in one of them; a row listed as without effect
/// leaves every claim as it was (a row that starts to matter fails here).
fn adverb_row_holds(
    text: &str,
    key: &str,
    doc: &Document,
    without: &Document,
    without_effect: &[&str],
) -> bool {
    // (a word that is also an according-to cue, `Demnach gab die Klinik an, dass …`, may be a
    // claim's source in its own right, around the speech verb's claim)
    let in_claim = |d: &Document| {
        d.claims.iter().any(|c| {
            c.cue
                .as_ref()
                .is_none_or(|cue| cue.text.to_lowercase() != key)
                && (c.speaker.as_ref().is_some_and(|s| has_word(&s.text, key))
                    || has_word(&c.quote.text, key))
        })
    };
    let spoken = some_speaker(doc, |s| !s.text.is_empty());
    has_word(text, key)
        && spoken
        && !in_claim(doc)
        && if without_effect.contains(&key) {
            render_text(doc) == render_text(without)
        } else {
            in_claim(without)
        }
}

#[test]
fn every_grammar_example_yields_its_entry() {
    let engine = Engine::new();
    // the same grammar with the word lists emptied: an example that still yields its reading
    // there would pass without its entry, and so would prove nothing
    let bare = Engine::builder()
        .grammar_file("speech_nouns.tsv", "noun\texample\n")
        .grammar_file("interview_labels.tsv", "label\texample\n")
        .grammar_file("offices.tsv", "noun\toffice\texample\n")
        .grammar_file("company_nouns.tsv", "noun\texample\n")
        .grammar_file("in_phrase_nouns.tsv", "noun\texample\n")
        .grammar_file("places_with_article.tsv", "place\texample\n")
        .grammar_file("capitals.tsv", "city\tgovernment\texample\n")
        .grammar_file("focus_particles.tsv", "particle\texample\n")
        .grammar_file("time_words_before_nach.tsv", "word\texample\n")
        .grammar_file("frame_adverbs.tsv", "word\texample\n")
        .build()
        .expect("a header-only word list is valid");
    // only adverbs.tsv emptied: `bare` keeps it, since the frame adverbs that it lists too (and
    // that frame_adverbs.tsv's test expects to change nothing) would matter without both files
    let no_adverbs = Engine::builder()
        .grammar_file("adverbs.tsv", "word\texample\n")
        .build()
        .expect("a header-only word list is valid");
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
                some_speaker(&doc, |s| fold(&s.text).contains(&stem))
            }
            // the marker introduces a claim
            "according.tsv" => !doc.claims.is_empty(),
            // the form makes reported content subjunctive
            "subjunctive.tsv" => doc.claims.iter().any(|c| c.mood == Mood::Subjunctive),
            // the first name is the speaker's name
            "names.tsv" => some_speaker(&doc, |s| s.name == ex.key),
            // the noun opens a content clause without any speech verb
            "speech_nouns.tsv" => {
                has_word(&ex.text, &key)
                    && has_rule(&doc, "indirect.nominal")
                    && !has_rule(&bare.extract(&ex.text), "indirect.nominal")
            }
            // the label opens a transcript line and is its speaker
            "interview_labels.tsv" => {
                let labelled = |d: &Document| {
                    d.claims.iter().any(|c| {
                        c.rule == "direct.interview"
                            && c.speaker
                                .as_ref()
                                .is_some_and(|s| s.text.to_lowercase() == key)
                    })
                };
                labelled(&doc) && !labelled(&bare.extract(&ex.text))
            }
            // the noun makes its phrase the source of an according-to claim (no check against the
            // emptied file: according.tsv's prepositional cues add their own nouns, `Angaben` too)
            "source_nouns.tsv" => doc.claims.iter().any(|c| {
                c.rule.starts_with("indirect.according")
                    && c.frame
                        .as_ref()
                        .is_some_and(|f| f.text.to_lowercase().contains(&key))
            }),
            // a description with the noun is the person named with another noun of the office
            "offices.tsv" => {
                // a noun the lexicon does not read as a role (`Staatsoberhaupt`) heads no
                // description yet: its example can only show the noun
                let is_role = some_speaker(
                    &engine.extract(&format!("„Ja“, sagte {} Markus Feld.", ex.key)),
                    |s| s.name == "Markus Feld",
                );
                if is_role {
                    resolves(&doc, &key) && !resolves(&bare.extract(&ex.text), &key)
                } else {
                    has_word(&ex.text, &key)
                }
            }
            // `der Konzern` is the company named before
            "company_nouns.tsv" => resolves(&doc, &key) && !resolves(&bare.extract(&ex.text), &key),
            // `die Polizei in Absprache mit …`: the speaker phrase stops before the set phrase
            // (with the file emptied, `in Absprache` is read as the institution's seat)
            "in_phrase_nouns.tsv" => {
                let stops = |d: &Document| {
                    some_speaker(d, |s| {
                        !s.text.is_empty() && ex.text.contains(&format!("{} in {}", s.text, ex.key))
                    })
                };
                stops(&doc) && !stops(&bare.extract(&ex.text))
            }
            // `die Botschaft im Iran`: the place is the speaker's seat, part of its phrase
            "places_with_article.tsv" => {
                // a place that roles.tsv lists (`Vatikan`) is read as an institution of its own,
                // never as a seat: its example can only show the word
                let is_role = engine
                    .grammar_examples()
                    .iter()
                    .any(|r| r.file == "roles.tsv" && r.key == ex.key);
                let seat = |d: &Document| {
                    some_speaker(d, |s| s.text.ends_with(&format!(" im {}", ex.key)))
                };
                if is_role {
                    has_word(&ex.text, &key)
                } else {
                    seat(&doc) && !seat(&bare.extract(&ex.text))
                }
            }
            // `„Wir werden reagieren“, erklärte Moskau.`: the city speaks, an organisation with
            // the government's role; with the file emptied it is a person or nobody
            "capitals.tsv" => {
                let government = capital_government(&ex.key);
                let speaks = |d: &Document| {
                    some_speaker(d, |s| {
                        s.text == ex.key
                            && s.name == ex.key
                            && s.kind == zitat::SpeakerType::Organisation
                            && s.role.as_deref() == Some(government.as_str())
                    })
                };
                speaks(&doc) && !speaks(&bare.extract(&ex.text))
            }
            // `Auch die Gewerkschaft forderte, …`: the phrase after the particle is the speaker
            "focus_particles.tsv" => {
                let after = |d: &Document| {
                    some_speaker(d, |s| {
                        !s.text.is_empty() && ex.text.starts_with(&format!("{} {}", ex.key, s.text))
                    })
                };
                after(&doc) && !after(&bare.extract(&ex.text))
            }
            // `Kurz nach dem Bericht der Zeitung …` is a time: no according-to claim, which the
            // phrase yields with the file emptied
            "time_words_before_nach.tsv" => {
                let according = |d: &Document| {
                    d.claims
                        .iter()
                        .any(|c| c.rule.starts_with("indirect.according"))
                };
                has_word(&ex.text, &key) && !according(&doc) && according(&bare.extract(&ex.text))
            }
            // `Gestern teilte die Sprecherin mit, dass …`: the adverb is part of the frame, neither
            // the speaker nor the content; with the file emptied it is one of them (read as a
            // noun, it becomes the speaker). The rows of FRAME_ADVERBS_WITHOUT_EFFECT change
            // nothing: their examples must yield the same claims with the file emptied (a row
            // that starts to matter fails here and moves to the first kind of example).
            "frame_adverbs.tsv" => adverb_row_holds(
                &ex.text,
                &key,
                &doc,
                &bare.extract(&ex.text),
                FRAME_ADVERBS_WITHOUT_EFFECT,
            ),
            // `Inzwischen räumte die Behörde ein, dass …`: the adverb is part of the frame, neither
            // the speaker nor the content; with the file emptied it is one of them (read as a
            // noun, it becomes the speaker; in `…, und damit betont, …` the first content runs
            // on). The rows of ADVERBS_WITHOUT_EFFECT change nothing: their examples must yield
            // the same claims with the file emptied (a row that starts to matter fails here and
            // moves to the first kind of example).
            "adverbs.tsv" => adverb_row_holds(
                &ex.text,
                &key,
                &doc,
                &no_adverbs.extract(&ex.text),
                ADVERBS_WITHOUT_EFFECT,
            ),
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

/// The line a replacement grammar file is rejected at, with the message.
fn rejected(file: &str, text: &str) -> (usize, String) {
    let err = Engine::builder()
        .grammar_file(file, text)
        .build()
        .expect_err("a malformed row is an error");
    assert_eq!(err.file, file);
    (err.line, err.message)
}

/// Rows a file rejects, each with a word of the message it must give.
type BadRows<'a> = &'a [(&'a str, &'a str)];

#[test]
fn malformed_word_list_rows_are_reported_with_their_line() {
    // per file: header, valid rows, and rows only that file's own checks reject
    let one_word = ("Zwei Worte\tEin Satz.", "one word");
    let capitalised = ("zwei\tEin Satz.", "capitalised");
    let files: [(&str, &str, &str, BadRows); 12] = [
        (
            "speech_nouns.tsv",
            "noun\texample",
            "Eins\tEin Satz.",
            &[one_word],
        ),
        (
            "source_nouns.tsv",
            "noun\texample",
            "Eins\tEin Satz.",
            &[one_word],
        ),
        (
            "interview_labels.tsv",
            "label\texample",
            "Eins\tEin Satz.",
            &[("Eins zwei drei vier\tEin Satz.", "three words")],
        ),
        (
            "company_nouns.tsv",
            "noun\texample",
            "Eins\tEin Satz.",
            &[one_word, capitalised],
        ),
        (
            "in_phrase_nouns.tsv",
            "noun\texample",
            "Eins\tEin Satz.",
            &[one_word, capitalised],
        ),
        (
            "places_with_article.tsv",
            "place\texample",
            "Eins\tEin Satz.",
            &[one_word, capitalised],
        ),
        (
            "capitals.tsv",
            "city\tgovernment\texample",
            "Eins\tRegierung\tEin Satz.",
            &[
                ("zwei\tRegierung\tEin Satz.", "capitalised"),
                ("Zwei drei\tRegierung\tEin Satz.", "capitalised"),
                ("Zwei  Drei\tRegierung\tEin Satz.", "one space"),
                ("Zwei Drei Vier\tRegierung\tEin Satz.", "two words"),
                ("Zwei\t-\tEin Satz.", "government"),
            ],
        ),
        (
            "focus_particles.tsv",
            "particle\texample",
            "Eins\tEin Satz.",
            &[one_word, capitalised],
        ),
        (
            "time_words_before_nach.tsv",
            "word\texample",
            "eins\tEin Satz.",
            &[one_word],
        ),
        (
            "frame_adverbs.tsv",
            "word\texample",
            "eins\tEin Satz.",
            &[one_word, ("Zwei\tEin Satz.", "lower-case")],
        ),
        (
            "adverbs.tsv",
            "word\texample",
            "eins\tEin Satz.",
            &[one_word, ("Zwei\tEin Satz.", "lower-case")],
        ),
        (
            "offices.tsv",
            "noun\toffice\texample",
            "Eins\tamt\tEin Satz.\nZwei\tamt\tEin Satz.",
            &[
                ("Drei Worte\tamt\tEin Satz.", "one word"),
                ("Drei\tamtt\tEin Satz.", "only one noun"),
            ],
        ),
    ];
    for (file, header, good, own) in files {
        let ok = format!("# comment\n{header}\n{good}\n");
        assert!(Engine::builder().grammar_file(file, &ok).build().is_ok());
        let next_line = ok.lines().count() + 1;
        let cells = header.split('\t').count();
        let short = vec!["Zwei"; cells - 1].join("\t");
        let empty = format!("Zwei{}", "\t".repeat(cells - 1));
        let first = good.lines().next().unwrap_or_default();
        let common = [
            (short.as_str(), "cells"),
            (empty.as_str(), "empty"),
            (first, "twice"),
        ];
        for &(row, what) in common.iter().chain(own.iter()) {
            let (line, message) = rejected(file, &format!("{ok}{row}\n"));
            assert_eq!(line, next_line, "{file}: {row:?}: {message}");
            assert!(message.contains(what), "{file}: {row:?}: {message}");
        }
    }
}

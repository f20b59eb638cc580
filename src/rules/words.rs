//! Closed word classes of German the rules need: determiners, pronouns, prepositions.

use std::borrow::Cow;

use crate::grammar::Lexicon;

/// The word in lower case, allocating only when it has upper-case letters. Closed-class words
/// are short: a long word is none of them, so it is not lower-cased at all.
fn lc(s: &str) -> Cow<'_, str> {
    if s.len() > 24 || !s.chars().any(char::is_uppercase) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// Articles and other determiners that open a noun phrase.
pub(crate) fn is_det(s: &str) -> bool {
    // an ASCII word (nearly every one) is lower-cased on the stack, not into a new String
    const MAX: usize = 24;
    if s.len() <= MAX && s.is_ascii() {
        let mut buf = [0u8; MAX];
        let b = &mut buf[..s.len()];
        b.copy_from_slice(s.as_bytes());
        b.make_ascii_lowercase();
        return std::str::from_utf8(b).is_ok_and(is_det_lower);
    }
    // the determiners are ASCII, and the Kelvin sign is the one non-ASCII character that
    // lower-cases to ASCII alone (`K` → `k`; `İ` gives `i` and a combining dot): a non-ASCII
    // word without it is none
    if !s.contains('\u{212A}') {
        return false;
    }
    is_det_lower(&lc(s))
}

/// [`is_det`] of a word already in lower case.
pub(crate) fn is_det_lower(s: &str) -> bool {
    matches!(
        s,
        "der"
            | "die"
            | "das"
            | "den"
            | "dem"
            | "des"
            | "ein"
            | "eine"
            | "einer"
            | "eines"
            | "einem"
            | "einen"
            | "sein"
            | "seine"
            | "seiner"
            | "seines"
            | "seinem"
            | "seinen"
            | "ihr"
            | "ihre"
            | "ihrer"
            | "ihres"
            | "ihrem"
            | "ihren"
            | "unser"
            | "unsere"
            | "dieser"
            | "diese"
            | "dieses"
            | "diesem"
            | "diesen"
            | "jener"
            | "jene"
            | "mehrere"
            | "zwei"
            | "drei"
            | "viele"
            | "einige"
            | "beide"
            | "beiden"
            | "zahlreiche"
            | "andere"
            | "weitere"
            | "alle"
            | "kein"
            | "keine"
            | "deren"
            | "dessen"
    )
}

/// Personal and demonstrative pronouns that can be a speaker, given in lower case (as the token
/// features hold it).
pub(crate) fn is_pronoun_lower(s: &str) -> bool {
    matches!(
        s,
        "er" | "sie"
            | "es"
            | "man"
            | "wir"
            | "ich"
            | "dieser"
            | "diese"
            | "letzterer"
            | "letztere"
            | "ersterer"
            | "jener"
            | "beide"
            | "alle"
            | "ihm"
            | "ihnen"
    )
}

/// Prepositions (and contracted forms) that open an adverbial, never a speaker, given in lower case
/// (as the token features hold it).
pub(crate) fn is_prep_lower(s: &str) -> bool {
    matches!(
        s,
        "am" | "an"
            | "in"
            | "im"
            | "bei"
            | "beim"
            | "auf"
            | "vor"
            | "nach"
            | "gegenüber"
            | "mit"
            | "von"
            | "vom"
            | "zu"
            | "zum"
            | "zur"
            | "über"
            | "unter"
            | "während"
            | "seit"
            | "aus"
            | "für"
            | "um"
            | "ins"
            | "ans"
            | "durch"
            | "gegen"
            | "ohne"
            | "bis"
            | "trotz"
            | "wegen"
            | "hinter"
            | "neben"
            | "zwischen"
            | "angesichts"
            | "anlässlich"
            | "laut"
            | "gemäß"
            | "innerhalb"
            | "außerhalb"
            | "per"
            | "via"
    )
}

/// Conjunctions and complementisers that end a frame, given in lower case (as the token features
/// hold it).
pub(crate) fn is_conj_lower(s: &str) -> bool {
    matches!(
        s,
        "und"
            | "oder"
            | "aber"
            | "sondern"
            | "dass"
            | "ob"
            | "weil"
            | "wenn"
            | "als"
            | "wie"
            | "denn"
            | "doch"
            | "da"
            | "damit"
            | "nachdem"
            | "bevor"
            | "obwohl"
            | "während"
            | "sowie"
            | "sowohl"
            | "wo"
            | "was"
            | "wer"
            | "wann"
            | "warum"
            | "weshalb"
            | "wieso"
    )
}

/// Auxiliaries and modals that carry a participle or infinitive cue (`hat … gesagt`), given in
/// lower case (as the token features hold it).
pub(crate) fn is_aux_lower(s: &str) -> bool {
    matches!(
        s,
        "hat"
            | "haben"
            | "hatte"
            | "hatten"
            | "habe"
            | "hätte"
            | "hätten"
            | "ist"
            | "sind"
            | "war"
            | "waren"
            | "sei"
            | "seien"
            | "wird"
            | "werden"
            | "wurde"
            | "wurden"
            | "würde"
            | "würden"
            | "werde"
            | "soll"
            | "sollen"
            | "sollte"
            | "sollten"
            | "will"
            | "wollen"
            | "wollte"
            | "wollten"
            | "kann"
            | "können"
            | "konnte"
            | "konnten"
            | "muss"
            | "müssen"
            | "musste"
            | "mussten"
            | "ließ"
            | "ließen"
            | "lässt"
            | "liess"
            | "liessen"
    )
}

/// Adverbs and particles that open a sentence capitalised but never name anyone: the frame
/// adverbs of `grammar/frame_adverbs.tsv`, the adverbs of `grammar/adverbs.tsv` and the endings
/// below (`s` lower-cased; both files are compared exactly). The endings stay in code: they
/// classify words no list could hold (every `-lang`, `-erweise`, present participle).
pub(crate) fn is_adverb(lex: &Lexicon, s: &str) -> bool {
    lex.frame_adverbs.contains(s)
        // (`Monatelang haben die Wiener Linien abgestritten …`, `Glücklicherweise …`)
        || s.len() >= 8 && s.ends_with("lang")
        || s.len() >= 12 && s.ends_with("erweise")
        // (`Relativierend sagte Gall …`, `Abschließend erklärte er …`: a present participle;
        // `Sonntagabend`, `Parteijugend` are nouns)
        || s.len() >= 9
            && s.ends_with("end")
            && !["abend", "jugend", "gegend", "tugend", "dividend", "elend"]
                .iter()
                .any(|n| s.ends_with(n))
        || lex.adverbs.contains(s)
}

/// An adjective that qualifies a source noun (`ersten Angaben`, `übereinstimmenden Berichten`,
/// `israelischen Angaben`, `inoffiziellen Schätzungen`), told by its stem: a word list would
/// never be complete, and these endings are no verb's.
pub(crate) fn is_source_adjective(lower: &str) -> bool {
    let stem = ["en", "em", "er", "es", "e"]
        .iter()
        .find_map(|e| lower.strip_suffix(e))
        .unwrap_or(lower);
    !crate::text::chars_at_most(stem, 3)
        && [
            "isch",
            "lich",
            "ig",
            "ell",
            "erst",
            "letzt",
            "neuest",
            "jüngst",
            "eigen",
            "end",
            "bestätigt",
        ]
        .iter()
        .any(|suffix| stem.ends_with(suffix))
}

/// The months but `August`, which is also a first name.
pub(crate) fn is_month(s: &str) -> bool {
    matches!(
        s,
        "Januar"
            | "Februar"
            | "März"
            | "April"
            | "Mai"
            | "Juni"
            | "Juli"
            | "September"
            | "Oktober"
            | "November"
            | "Dezember"
    )
}

/// Particles that open a surname (`von der Leyen`, `de Maizière`).
pub(crate) fn is_name_particle(s: &str) -> bool {
    matches!(
        s,
        "von" | "van" | "de" | "di" | "da" | "del" | "al" | "Von" | "Van" | "De"
    )
}

/// Articles between a surname's particle and its noun (`von der Leyen`, `de la Rúa`).
pub(crate) fn is_name_article(s: &str) -> bool {
    matches!(s, "der" | "den" | "dem" | "la" | "le")
}

/// `heißt` / `hieß`, also in Swiss spelling (`heisst`, `hiess`): the verb of `heißt es`.
pub(crate) fn is_heisst(s: &str) -> bool {
    matches!(s, "heißt" | "hieß" | "heisst" | "hiess")
}

/// `nicht`, `nichts`, `nie`, `niemals`: a word that negates a frame (`sagte nicht, ob …`).
pub(crate) fn is_negation(s: &str) -> bool {
    matches!(s, "nicht" | "nichts" | "nie" | "niemals")
}

/// `Sollte …`, `Falls …`, `Wenn …`: a word that opens a condition at a clause's start, whose
/// clause reports nothing (`Sollte der Antrag angenommen werden, könnte …`).
pub(crate) fn opens_condition(s: &str) -> bool {
    matches!(s, "Sollte" | "Sollten" | "Falls" | "Wenn")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_det` answers for the lower-cased word, however it is written: ASCII in any case,
    /// with the Kelvin sign for `k`, non-ASCII, and longer than any determiner.
    #[test]
    fn is_det_is_the_lower_cased_word() {
        for w in [
            "der",
            "Der",
            "DER",
            "Keine",
            "\u{212A}eine",
            "\u{212A}ein",
            "Außenminister",
            "Über",
            "İhr",
            "Einem",
            "sagte",
            "Bundesverfassungsgerichtspräsident",
        ] {
            assert_eq!(is_det(w), is_det_lower(&w.to_lowercase()), "{w}");
        }
    }
}

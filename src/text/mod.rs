//! The text stage: normalisation with an offset map, tokens, sentences and paragraphs.

mod normalize;
mod tokens;

pub(crate) use normalize::Normalized;
pub(crate) use tokens::{TokKind, Token, tokenize};

use crate::grammar::Lexicon;

/// A sentence: a token range within one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Paragraph number, from 0.
    pub para: usize,
}

/// Marks that may stand right after sentence-final punctuation and still belong to the sentence.
fn is_trailing_mark(s: &str) -> bool {
    matches!(
        s,
        "“" | "”" | "\"" | "«" | "»" | "‘" | "’" | "'" | "‹" | "›" | ")" | "]"
    )
}

/// Marks that may open a quotation.
pub(crate) fn is_opening_mark(s: &str) -> bool {
    matches!(s, "„" | "“" | "\"" | "»" | "«" | "‚" | "›" | "‹" | "(")
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Is the text wrapped at a fixed width (agency copy, e-mail, PDF extracts): at least two
/// single line breaks inside a sentence, after a lower-case word or a comma? Headlines and
/// lists end their lines otherwise.
fn is_wrapped(text: &str, toks: &[Token]) -> bool {
    toks.windows(2)
        .filter(|w| {
            w[1].newlines == 1 && {
                let p = w[0].text(text);
                p == "," || w[0].kind == TokKind::Word && p.starts_with(char::is_lowercase)
            }
        })
        .nth(1)
        .is_some()
}

/// `s.chars().count() <= n`, without counting a word too short to fail or too long to pass (a
/// character is one to four bytes): the rules and the phrase parser ask it of many words, and
/// the count was a call per word.
#[inline]
pub(crate) fn chars_at_most(s: &str, n: usize) -> bool {
    s.len() <= n || s.len() <= 4 * n && s.chars().count() <= n
}

/// `s.chars().count() == 1`, the same way.
#[inline]
pub(crate) fn one_char(s: &str) -> bool {
    !s.is_empty() && chars_at_most(s, 1)
}

/// Splits tokens into sentences: at `.`, `!`, `?` before a new sentence start (not after an
/// abbreviation, an initial or an ordinal number), at paragraph breaks, and at single line
/// breaks that end a line such as a headline.
/// The first token that may end a sentence: one after a line break, or punctuation.
#[inline(never)]
fn next_break(toks: &[Token]) -> Option<usize> {
    toks.iter()
        .position(|t| t.newlines >= 1 || t.kind == TokKind::Punct)
}

pub(crate) fn sentences(text: &str, toks: &[Token], lex: &Lexicon) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(toks.len() / 12 + 1);
    let wrapped = is_wrapped(text, toks);
    let mut first_line = true;
    let mut start = 0;
    let mut para = 0;
    let mut i = 0;
    while i < toks.len() {
        // (only a line break or punctuation can end a sentence: the words between are passed
        // over by a plain scan)
        // (a search of its own, by a function not inlined here: inlined, the loop kept a
        // pointer for every later use of `i` and stepped them all at every word)
        match next_break(&toks[i..]) {
            Some(p) => i += p,
            None => break,
        }
        let t = toks[i];
        if i > start && t.newlines >= 1 {
            let prev = toks[i - 1];
            let ptext = prev.text(text);
            let bullet = matches!(t.text(text), "-" | "–" | "•" | "*");
            let hard = t.newlines >= 2
                || if wrapped {
                    // in text wrapped at a fixed width a line break is a space (`sagte
                    // Regierungssprecher⏎Steffen Seibert`); only lists, labels and the
                    // headline on the first line break it
                    matches!(ptext, ":" | ";")
                        || bullet
                        || first_line
                            && prev.kind == TokKind::Word
                            && starts_upper(ptext)
                            && starts_upper(t.text(text))
                } else {
                    matches!(ptext, "." | "!" | "?" | ":" | ";" | "…")
                        || is_trailing_mark(ptext)
                        || (prev.kind != TokKind::Punct
                            && (starts_upper(ptext) || prev.kind == TokKind::Number))
                        || matches!(t.text(text), "„" | "»" | "«")
                        || bullet
                };
            first_line = false;
            if hard {
                out.push(Sentence {
                    start,
                    end: i,
                    para,
                });
                start = i;
            }
        }
        if t.newlines >= 2 && i > 0 {
            if start != i {
                out.push(Sentence {
                    start,
                    end: i,
                    para,
                });
                start = i;
            }
            para += 1;
        }
        // (the class first: only punctuation ends a sentence, and most tokens are words)
        let s = if t.kind == TokKind::Punct {
            t.text(text)
        } else {
            ""
        };
        // `Berlin (dpa) - Die Bundesregierung …`: an agency dateline at a line's start is a
        // sentence of its own, not the opening of the first sentence's subject
        if matches!(s, "-" | "–" | "—") && is_dateline(text, toks, start, i) {
            out.push(Sentence {
                start,
                end: i + 1,
                para,
            });
            start = i + 1;
            i += 1;
            continue;
        }
        if matches!(s, "." | "!" | "?" | "…") {
            // take closing marks and repeated punctuation along
            let mut j = i + 1;
            while j < toks.len()
                && !toks[j].space_before
                && toks[j].newlines == 0
                && (is_trailing_mark(toks[j].text(text))
                    || matches!(toks[j].text(text), "." | "!" | "?"))
            {
                j += 1;
            }
            let next_starts = j >= toks.len()
                || toks[j].newlines > 0
                || (toks[j].space_before && {
                    let n = toks[j].text(text);
                    starts_upper(n) || is_opening_mark(n) || toks[j].kind == TokKind::Number
                })
                || (s == "." && glued_sentence(text, toks, i));
            if next_starts && !(s == "." && j == i + 1 && is_abbreviation(text, toks, i, lex)) {
                out.push(Sentence {
                    start,
                    end: j,
                    para,
                });
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < toks.len() {
        out.push(Sentence {
            start,
            end: toks.len(),
            para,
        });
    }
    out
}

/// `… geborgen wurden.Das Fährschiff war …`: a full stop with no space after it between a
/// lower-case word and a capitalised one that stands alone (a lost space or paragraph break,
/// common in text taken from web pages), not a web address (`faz.net`, `Bild.de`) nor an
/// abbreviation's stop.
fn glued_sentence(text: &str, toks: &[Token], dot: usize) -> bool {
    let (Some(prev), Some(next)) = (dot.checked_sub(1).map(|p| toks[p]), toks.get(dot + 1)) else {
        return false;
    };
    let (p, n) = (prev.text(text), next.text(text));
    prev.kind == TokKind::Word
        && next.kind == TokKind::Word
        && !next.space_before
        && p.chars().count() >= 3
        && p.chars().all(char::is_lowercase)
        && n.chars().count() >= 2
        && starts_upper(n)
        && n.chars().skip(1).all(char::is_lowercase)
        // (the word after stands alone: `Bild.De/…` is an address)
        && toks.get(dot + 2).is_none_or(|t| t.space_before || t.newlines > 0 || t.kind == TokKind::Punct && !matches!(t.text(text), "." | "/"))
}

/// Do the tokens `[start, dash)` form an agency dateline at the start of a line: a place (and
/// maybe a date) and the agency in parentheses, right before the dash (`Berlin (dpa)`,
/// `WASHINGTON, 3. März (Reuters)`)?
fn is_dateline(text: &str, toks: &[Token], start: usize, dash: usize) -> bool {
    if !(start == 0 || toks[start].newlines >= 1)
        || dash < start + 4
        || dash > start + 10
        || toks[dash - 1].text(text) != ")"
    {
        return false;
    }
    let Some(open) = (start + 1..dash - 1)
        .rev()
        .find(|&k| toks[k].text(text) == "(")
    else {
        return false;
    };
    // one to three words of the agency, and a capitalised place first
    let agency = open + 1..dash - 1;
    (1..=3).contains(&agency.len())
        && (open + 1..dash - 1).all(|k| toks[k].kind == TokKind::Word)
        && open - start <= 5
        // (the place and date: capitalised words, numbers and their punctuation)
        && (start..open).all(|k| match toks[k].kind {
            TokKind::Punct => matches!(toks[k].text(text), "," | "." | "/"),
            TokKind::Number => true,
            _ => starts_upper(toks[k].text(text)),
        })
        && toks.get(dash + 1).is_some_and(|t| starts_upper(t.text(text)))
}

/// Is the dot at `dot` part of an abbreviation, an initial or an ordinal number?
fn is_abbreviation(text: &str, toks: &[Token], dot: usize, lex: &Lexicon) -> bool {
    if dot == 0 {
        return false;
    }
    let prev = toks[dot - 1];
    if prev.end != toks[dot].start {
        return false;
    }
    let w = prev.text(text);
    match prev.kind {
        // `am 3. Mai`: a one- or two-digit number before a dot is an ordinal
        TokKind::Number => w.len() <= 2,
        TokKind::Word => one_char(w) || lex.abbreviations.contains(w),
        TokKind::Punct => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<String> {
        let lex = Lexicon::builtin();
        let toks = tokenize(s);
        sentences(s, &toks, lex)
            .iter()
            .map(|x| s[toks[x.start].start as usize..toks[x.end - 1].end as usize].to_string())
            .collect()
    }

    /// The shortcuts count as `chars().count()` does, for one- to four-byte characters.
    #[test]
    fn char_bounds_are_counts() {
        for s in [
            "",
            "a",
            "ä",
            "€",
            "𝄞",
            "ab",
            "äö",
            "Dr",
            "Müll",
            "Straße",
            "𝄞𝄞𝄞",
            "𝄞𝄞𝄞𝄞",
            "abcdefghijklm",
        ] {
            let n = s.chars().count();
            for k in 0..14 {
                assert_eq!(chars_at_most(s, k), n <= k, "{s:?} {k}");
            }
            assert_eq!(one_char(s), n == 1, "{s:?}");
        }
    }

    #[test]
    fn wrapped_lines_are_spaces_but_a_headline_still_breaks() {
        // one line break inside a sentence is no proof of wrapping: a headline ends so
        assert_eq!(
            split("Streit um die Reform\nDie Regierung sagte, sie sei einig."),
            [
                "Streit um die Reform",
                "Die Regierung sagte, sie sei einig."
            ]
        );
        let wrapped = "Streit um die Reform\nDie Regierung hält an den\nPlänen fest, sagte\n\
                       Regierungssprecher\nSteffen Seibert. Nach Angaben der Polizei\nwurde \
                       niemand verletzt.";
        assert_eq!(
            split(wrapped),
            [
                "Streit um die Reform",
                "Die Regierung hält an den\nPlänen fest, sagte\nRegierungssprecher\nSteffen Seibert.",
                "Nach Angaben der Polizei\nwurde niemand verletzt."
            ]
        );
    }

    #[test]
    fn agency_dateline_is_a_sentence_of_its_own() {
        assert_eq!(
            split("Berlin (dpa) - Die Regierung plant eine Reform."),
            ["Berlin (dpa) -", "Die Regierung plant eine Reform."]
        );
        assert_eq!(
            split("WASHINGTON, 3. März (AP) – Der Senat stimmte zu."),
            ["WASHINGTON, 3. März (AP) –", "Der Senat stimmte zu."]
        );
        // a party in parentheses inside a sentence is none
        assert_eq!(split("Er traf Anna Berg (Grüne) - und ging.").len(), 1);
    }

    #[test]
    fn abbreviations_dates_ordinals_initials() {
        assert_eq!(split("Er nannte z. B. Berlin. Dann ging er.").len(), 2);
        assert_eq!(split("Am 3. Mai kam Dr. Feld. Er blieb.").len(), 2);
        assert_eq!(
            split("Am 19.06.2024 sprach J. R. R. Tolkien. Niemand hörte zu.").len(),
            2
        );
        assert_eq!(split("Das war 2024. Dann kam 2025.").len(), 2);
    }

    #[test]
    fn every_abbreviation_example_is_two_sentences() {
        let lex = Lexicon::builtin();
        let mut bad = Vec::new();
        let mut n = 0;
        for ex in lex
            .examples()
            .iter()
            .filter(|e| e.file == "abbreviations.tsv")
        {
            n += 1;
            let got = split(&ex.text);
            if got.len() != 2 {
                bad.push(format!(
                    "grammar/{}:{}: `{}` → {:?}",
                    ex.file, ex.line, ex.key, got
                ));
            }
        }
        assert!(n >= 60, "only {n} abbreviation examples");
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn quote_marks_end_sentences() {
        let s = split("Er sagte: „Wir kommen.“ Dann ging er. „Gut?“, fragte sie.");
        assert_eq!(
            s,
            [
                "Er sagte: „Wir kommen.“",
                "Dann ging er.",
                "„Gut?“, fragte sie."
            ]
        );
    }

    #[test]
    fn paragraphs_and_headlines() {
        let s = split("Streit um Abkommen\nDer Minister sagte nichts.\r\n\r\nNeuer Absatz");
        assert_eq!(
            s,
            [
                "Streit um Abkommen",
                "Der Minister sagte nichts.",
                "Neuer Absatz"
            ]
        );
        // a hard line break after a lower-case word is not a boundary
        assert_eq!(split("sagte ein Sprecher der\nBehörde am Abend.").len(), 1);
    }
}

//! The span contract of `../shared/contract.md`, checked on any output: every span lies inside
//! the input on char boundaries with the right code-point offsets, and every role's text is what
//! its spans cut out of the input. Shared by tests/properties.rs, tests/fuzz_replay.rs and the
//! fuzz targets (which include this file by path), so all three hold the engine to one contract.

use unicode_normalization::char::canonical_combining_class;
use zitat::{Document, Kind, Span};

/// Characters that `quote.text` of a direct claim leaves out at either end of a span.
const MARKS: &[char] = &[
    '„', '“', '”', '"', '»', '«', '‚', '‘', '’', '\'', '›', '‹', '(',
];

/// Characters the normaliser drops (soft hyphen, zero-width characters, BOM).
const INVISIBLE: &[char] = &[
    '\u{00AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}',
];

/// Checks every span and every text of `doc` against `input`; panics with the first violation.
pub fn check(input: &str, doc: &Document) {
    // byte offset of each char, so a code-point offset costs a binary search, not a scan
    let starts: Vec<usize> = input.char_indices().map(|(i, _)| i).collect();
    let span = |s: &Span| -> &str {
        assert!(
            s.start <= s.end && s.end <= input.len(),
            "span {s:?} outside the input of {} bytes",
            input.len()
        );
        assert!(
            input.is_char_boundary(s.start) && input.is_char_boundary(s.end),
            "span {s:?} off a char boundary"
        );
        let chars = |byte: usize| starts.partition_point(|&b| b < byte);
        assert_eq!(chars(s.start), s.char_start, "char_start of {s:?}");
        assert_eq!(chars(s.end), s.char_end, "char_end of {s:?}");
        &input[s.start..s.end]
    };
    let joined = |spans: &[Span]| spans.iter().map(span).collect::<Vec<_>>().join(" ");
    for (i, c) in doc.claims.iter().enumerate() {
        assert!(!c.quote.spans.is_empty(), "claim {i} has no quote span");
        if c.kind == Kind::Direct {
            // the text leaves out one mark at each end of a piece and the space beside it;
            // everything else must be the spans' own characters, in order
            let pieces: Vec<&str> = c
                .quote
                .spans
                .iter()
                .map(|s| {
                    let t = span(s);
                    let t = t.strip_prefix(MARKS).unwrap_or(t);
                    // a span ends after the characters its closing mark carries: combining marks
                    // (normalised with it) and invisibles
                    let carried =
                        |c: char| INVISIBLE.contains(&c) || canonical_combining_class(c) != 0;
                    t.trim_end_matches(carried).strip_suffix(MARKS).unwrap_or(t)
                })
                .collect();
            let squash = |t: &str| -> String {
                t.chars()
                    .filter(|ch| !ch.is_whitespace() && !INVISIBLE.contains(ch))
                    .collect()
            };
            assert_eq!(
                squash(&c.quote.text),
                squash(&pieces.concat()),
                "claim {i}: direct quote text is not its spans without the marks"
            );
        } else {
            let pieces: Vec<&str> = c
                .quote
                .spans
                .iter()
                .map(span)
                .filter(|t| !t.is_empty())
                .collect();
            assert_eq!(
                c.quote.text,
                pieces.join(" "),
                "claim {i}: quote text is not its spans"
            );
        }
        if let Some(s) = &c.speaker {
            assert_eq!(s.text, joined(&s.spans), "claim {i}: speaker text");
            if let Some(e) = s.entity {
                assert!(e < doc.speakers.len(), "claim {i}: entity {e} is no entity");
            }
        }
        if let Some(cue) = &c.cue {
            assert_eq!(cue.text, joined(&cue.spans), "claim {i}: cue text");
        }
        for part in c.frame.iter().chain(&c.addressee) {
            assert_eq!(
                part.text,
                joined(&part.spans),
                "claim {i}: frame or addressee text"
            );
        }
        assert!(
            c.confidence > 0.0 && c.confidence <= 1.0,
            "claim {i}: confidence {}",
            c.confidence
        );
    }
    for (i, e) in doc.speakers.iter().enumerate() {
        assert_eq!(e.id, i, "entity {i} has id {}", e.id);
        for s in &e.mentions {
            span(s);
        }
    }
}

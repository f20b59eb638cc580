//! NFC normalisation with an offset map back to the original input.
//!
//! Matching runs on the normalised view: a decomposed `a` + U+0308 must match the lexicon's `ä`, and
//! a no-break space must separate words. Every span the engine reports, however, points into the
//! caller's original string, so each change the normaliser makes is recorded as an [`Edit`].

use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, char::canonical_combining_class};

/// One stretch of the input that normalisation rewrote.
#[derive(Debug, Clone, Copy)]
struct Edit {
    norm_start: usize,
    norm_end: usize,
    orig_start: usize,
    orig_end: usize,
}

/// The input, its normalised view, and the map between them.
#[derive(Debug)]
pub(crate) struct Normalized<'a> {
    pub(crate) orig: &'a str,
    pub(crate) norm: Cow<'a, str>,
    edits: Vec<Edit>,
    chars: CharIndex,
}

/// What a single character becomes in the normalised view (spaces unified, invisibles dropped).
fn replacement(c: char) -> Option<&'static str> {
    match c {
        // no-break, narrow, thin and figure spaces separate words like a space
        '\u{00A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}' | '\u{2002}' | '\u{2003}' => Some(" "),
        // soft hyphen, zero-width characters and the BOM would split or hide words
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Some(""),
        _ => None,
    }
}

/// A character that NFC keeps as it is and [`replacement`] leaves alone: the Latin letters of
/// German and its neighbours, typographic quotes and dashes, currency signs. Most news text
/// holds nothing else, so the full quick check (a table look-up per character) is rarely needed.
fn stable(c: char) -> bool {
    matches!(c,
        '\0'..='\u{9F}'
        | '\u{A1}'..='\u{AC}'
        | '\u{AE}'..='\u{2FF}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}'
        | '\u{20A0}'..='\u{20CF}'
    )
}

/// `s.chars().all(stable)`.
fn all_stable(s: &str) -> bool {
    first_unstable(s, 0) == s.len()
}

/// The byte offset of the first character at or after byte `i` (a character boundary) that is
/// not [`stable`], or the text's length. ASCII (always stable) is skipped sixteen bytes at a
/// time: news text is nearly all ASCII, and decoding it character by character was most of
/// the normaliser's time.
fn first_unstable(s: &str, mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = s.as_bytes();
    while i < b.len() {
        // (sixteen bytes a step: the loop's own tests cost as much as the eight bytes' test)
        if let Some(w) = b.get(i..i + 16) {
            let lo = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
            let hi = u64::from_le_bytes([w[8], w[9], w[10], w[11], w[12], w[13], w[14], w[15]]);
            if (lo | hi) & HIGH == 0 {
                i += 16;
                continue;
            }
            // straight to the first byte with its top bit set (the bytes before it are ASCII):
            // stepping there byte by byte read the bytes again at every step
            i += if lo & HIGH != 0 {
                ((lo & HIGH).trailing_zeros() / 8) as usize
            } else {
                8 + ((hi & HIGH).trailing_zeros() / 8) as usize
            };
        } else if let Some(w) = b.get(i..i + 8) {
            let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
            let high = w & HIGH;
            if high == 0 {
                i += 8;
                continue;
            }
            i += (high.trailing_zeros() / 8) as usize;
        }
        if b[i].is_ascii() {
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("i is a char boundary");
        if !stable(c) {
            return i;
        }
        i += c.len_utf8();
    }
    b.len()
}

/// The normalised text and its edits, run by run (a starter and the combining marks after it).
/// `skip_stable`: copy stretches of stable characters at once (always, but for a test that
/// compares the two).
fn normalise(orig: &str, skip_stable: bool) -> (String, Vec<Edit>) {
    let mut norm = String::with_capacity(orig.len());
    let mut edits = Vec::new();
    let mut i = 0;
    let bytes = orig.len();
    while i < bytes {
        // A stretch of stable characters is copied as it is: each of them is a run of its
        // own (a stable character is a starter, so it ends the run before it) that the
        // steps below would copy unchanged. The last one before an unstable character is
        // left to them, as combining marks after it belong to its run. (A long text with
        // one character to normalise went through the steps below character by character.)
        let u = if skip_stable {
            first_unstable(orig, i)
        } else {
            i
        };
        let v = if u == bytes {
            u
        } else {
            // (the start of the character before `u`)
            (i..u)
                .rev()
                .find(|&k| orig.is_char_boundary(k))
                .unwrap_or(i)
        };
        if v > i {
            norm.push_str(&orig[i..v]);
            i = v;
            continue;
        }
        // a run is a starter and the combining marks that follow it
        let mut it = orig[i..].char_indices();
        let (_, first) = it.next().expect("i is a char boundary inside the string");
        let mut end = i + first.len_utf8();
        for (off, c) in it {
            if canonical_combining_class(c) == 0 {
                break;
            }
            end = i + off + c.len_utf8();
        }
        let run = &orig[i..end];
        let norm_start = norm.len();
        if run.len() == first.len_utf8()
            && let Some(rep) = replacement(first)
        {
            norm.push_str(rep);
            edits.push(Edit {
                norm_start,
                norm_end: norm.len(),
                orig_start: i,
                orig_end: end,
            });
        } else if unicode_normalization::is_nfc_quick(run.chars()) == IsNormalized::Yes {
            norm.push_str(run);
        } else {
            norm.extend(run.nfc());
            if &norm[norm_start..] != run {
                edits.push(Edit {
                    norm_start,
                    norm_end: norm.len(),
                    orig_start: i,
                    orig_end: end,
                });
            }
        }
        i = end;
    }
    (norm, edits)
}

impl<'a> Normalized<'a> {
    pub(crate) fn new(orig: &'a str) -> Self {
        let chars = CharIndex::new(orig);
        // (a text with an unstable character is normalised run by run, its stable stretches
        // copied at once, and kept as it is if nothing changed: a quick check of the whole text
        // first, a table look-up per character, cost more than that on a long text)
        if all_stable(orig) {
            return Normalized {
                orig,
                norm: Cow::Borrowed(orig),
                edits: Vec::new(),
                chars,
            };
        }
        let (norm, edits) = normalise(orig, true);
        if edits.is_empty() {
            return Normalized {
                orig,
                norm: Cow::Borrowed(orig),
                edits,
                chars,
            };
        }
        Normalized {
            orig,
            norm: Cow::Owned(norm),
            edits,
            chars,
        }
    }

    /// The normalised text the rules read.
    pub(crate) fn text(&self) -> &str {
        &self.norm
    }

    /// Maps a byte offset of the normalised view to a byte offset of the original input.
    ///
    /// `is_end` decides where an offset inside a rewritten stretch goes: a span that ends inside
    /// a composed character ends after its original form, one that starts there starts before it.
    pub(crate) fn to_orig(&self, pos: usize, is_end: bool) -> usize {
        if self.edits.is_empty() {
            return pos;
        }
        let idx = self.edits.partition_point(|e| e.norm_start <= pos);
        if idx == 0 {
            return pos;
        }
        let e = self.edits[idx - 1];
        if pos >= e.norm_end {
            // an empty replacement (a dropped soft hyphen) lands here as well
            if pos == e.norm_end && e.norm_start == e.norm_end && !is_end {
                return e.orig_end;
            }
            e.orig_end + (pos - e.norm_end)
        } else if pos == e.norm_start {
            e.orig_start
        } else if is_end {
            e.orig_end
        } else {
            e.orig_start
        }
    }

    /// Code-point offset of a byte offset of the original input.
    pub(crate) fn char_offset(&self, orig_byte: usize) -> usize {
        self.chars.char_offset(self.orig, orig_byte)
    }

    /// The code-point offsets of a span `[start, end)` of the original input (`start <= end`):
    /// the end counted on from the start when that is shorter than from its checkpoint (a
    /// span is mostly a few words, and both ends were counted from their checkpoints).
    pub(crate) fn char_span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.char_offset(start);
        if self.chars.checkpoints.is_none() {
            // (ASCII: the offsets are the bytes)
            return (s, end);
        }
        let end = end.min(self.orig.len());
        if start <= end && end - start < end % CharIndex::BLOCK {
            (s, s + count_chars(&self.orig.as_bytes()[start..end]))
        } else {
            (s, self.char_offset(end))
        }
    }
}

/// Byte → code-point offsets in O(block) time, with a checkpoint every [`CharIndex::BLOCK`] bytes.
#[derive(Debug)]
struct CharIndex {
    /// `None` for ASCII input, where both offsets agree.
    checkpoints: Option<Vec<u32>>,
}

impl CharIndex {
    // 64: a span costs four look-ups, each counting up to a block of bytes
    const BLOCK: usize = 64;

    fn new(s: &str) -> Self {
        if s.is_ascii() {
            return CharIndex { checkpoints: None };
        }
        let bytes = s.as_bytes();
        let mut cps = Vec::with_capacity(bytes.len() / Self::BLOCK + 1);
        let mut count = 0u32;
        for chunk in bytes.chunks(Self::BLOCK) {
            cps.push(count);
            count += count_chars(chunk) as u32;
        }
        cps.push(count);
        CharIndex {
            checkpoints: Some(cps),
        }
    }

    fn char_offset(&self, s: &str, byte: usize) -> usize {
        let Some(cps) = &self.checkpoints else {
            return byte;
        };
        let byte = byte.min(s.len());
        let block = byte / Self::BLOCK;
        let base = cps[block] as usize;
        let from = block * Self::BLOCK;
        base + count_chars(&s.as_bytes()[from..byte])
    }
}

/// The characters in a stretch of UTF-8: its bytes that are no continuation byte (`10xxxxxx`),
/// counted eight at a time (one byte at a time was most of the cost of the offset index and of
/// every span's character offsets).
fn count_chars(b: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = b.chunks_exact(8);
    let mut n = 0;
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        // top bit set and the next one clear: shifting left moves each byte's bit 6 to its bit 7
        let continuation = w & !(w << 1) & HIGH;
        // the flags summed by a multiply into the top byte (at most 8, so no carry): the
        // build targets plain x86-64, where `count_ones` is a dozen instructions, not `popcnt`
        let count = ((continuation >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
        n += 8 - count;
    }
    n + chunks
        .remainder()
        .iter()
        .filter(|&&b| (b as i8) >= -0x40)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_umlaut_maps_back() {
        let input = "Mu\u{0308}ller sagte";
        let n = Normalized::new(input);
        assert_eq!(n.text(), "Müller sagte");
        // "sagte" starts at byte 8 in the normalised text, byte 9 in the input
        let s = n.text().find("sagte").unwrap();
        assert_eq!(&input[n.to_orig(s, false)..n.to_orig(s + 5, true)], "sagte");
        // the composed ü maps back to u + combining diaeresis
        assert_eq!(&input[n.to_orig(1, false)..n.to_orig(3, true)], "u\u{0308}");
        assert_eq!(n.char_offset(n.to_orig(s, false)), 8);
    }

    #[test]
    fn spaces_and_soft_hyphens() {
        let input = "Bundes\u{00AD}kanzler\u{00A0}Scholz";
        let n = Normalized::new(input);
        assert_eq!(n.text(), "Bundeskanzler Scholz");
        let s = n.text().find("Scholz").unwrap();
        assert_eq!(
            &input[n.to_orig(s, false)..n.to_orig(s + 6, true)],
            "Scholz"
        );
        let k = n.text().find("kanzler").unwrap();
        assert_eq!(
            &input[n.to_orig(0, false)..n.to_orig(k + 7, true)],
            "Bundes\u{00AD}kanzler"
        );
    }

    #[test]
    fn stable_characters_agree_with_the_quick_check() {
        // every character the fast path lets through is NFC-stable and no replacement
        for c in (0u32..0x2100)
            .filter_map(char::from_u32)
            .filter(|&c| stable(c))
        {
            let s = c.to_string();
            assert_eq!(
                unicode_normalization::is_nfc_quick(s.chars()),
                IsNormalized::Yes,
                "{c:?}"
            );
            assert!(replacement(c).is_none(), "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
    }

    #[test]
    fn all_stable_is_every_char_stable() {
        for t in [
            "",
            "abc",
            "Müller sagte „ja“ – 5 €",
            "ascii only, more than eight bytes long",
            "x\u{00A0}y",
            "long ascii prefix before the soft\u{00AD}hyphen",
            "e\u{0301}",
            "東京",
        ] {
            assert_eq!(all_stable(t), t.chars().all(stable), "{t:?}");
        }
    }

    #[test]
    fn count_chars_counts_scalar_values() {
        let t = "aä€😀 ß„x“ 東京 plain ascii text and Ümläute, ".repeat(5);
        for start in 0..t.len() {
            for end in start..=t.len().min(start + 40) {
                let b = &t.as_bytes()[start..end];
                let slow = b.iter().filter(|&&b| (b as i8) >= -0x40).count();
                assert_eq!(count_chars(b), slow, "{start}..{end}");
            }
        }
    }

    /// A span's character offsets are its ends' offsets, however far apart the ends are and
    /// wherever they lie in their blocks.
    #[test]
    fn char_spans_are_the_ends_offsets() {
        for input in [
            "aä€😀 ß„x“ 東京 plain ascii text and Ümläute, ".repeat(6),
            "plain ascii only".repeat(20),
        ] {
            let n = Normalized::new(&input);
            let ends: Vec<usize> = (0..=input.len())
                .filter(|&i| input.is_char_boundary(i))
                .collect();
            for (k, &start) in ends.iter().enumerate() {
                for &end in &ends[k..] {
                    assert_eq!(
                        n.char_span(start, end),
                        (n.char_offset(start), n.char_offset(end)),
                        "{start}..{end}"
                    );
                }
            }
        }
    }

    /// Copying stretches of stable characters at once gives the text and the edits of going
    /// run by run: combining marks after a stable letter, replaced spaces and dropped
    /// invisibles, other scripts, at the start, the end and between long stable stretches.
    #[test]
    fn stable_stretches_copied_at_once_normalise_alike() {
        let pieces = [
            "Mu\u{0308}ller",
            "a\u{0301}\u{0323}",
            "\u{00A0}",
            "\u{00AD}",
            "\u{200B}",
            "Москва",
            "東京",
            "\u{1100}\u{1161}",
            "e\u{0301}",
            "\u{0301}",
            "„Zitat“ – 5 €",
            "ÄÖÜß",
            "x",
            "",
        ];
        let stable = "Die Regierung sagte am Montag, es sei gut. ".repeat(3);
        for a in pieces {
            for b in pieces {
                for text in [
                    format!("{a}{stable}{b}"),
                    format!("{stable}{a}{b}{stable}"),
                    format!("{a}{b}"),
                    format!("{a}x{b}y{stable}"),
                ] {
                    let (fast, fast_edits) = normalise(&text, true);
                    let (slow, slow_edits) = normalise(&text, false);
                    assert_eq!(fast, slow, "{text:?}");
                    assert_eq!(
                        format!("{fast_edits:?}"),
                        format!("{slow_edits:?}"),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn char_offsets_across_blocks() {
        let input = "ä".repeat(300) + "x";
        let n = Normalized::new(&input);
        assert_eq!(n.char_offset(600), 300);
        assert_eq!(n.char_offset(2), 1);
    }
}

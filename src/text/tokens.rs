//! Tokens with spans into the normalised text.
//!
//! A word keeps its inner hyphens and apostrophes (`US-Außenminister`, `geht's`), a number its
//! inner dots and commas (`19.06.2024`, `3,5`); every other non-space character is a token of its
//! own, so quotation marks and sentence punctuation can be read off the stream.

/// The coarse class of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters, possibly with inner hyphens, apostrophes or digits.
    Word,
    /// Digits, possibly with inner dots and commas.
    Number,
    /// Any other single character.
    Punct,
}

/// One token: a byte range of the normalised text and what precedes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokKind,
    /// Newlines in the white space before the token (2 or more: a paragraph break).
    pub newlines: u8,
    /// White space separates this token from the previous one.
    pub space_before: bool,
}

impl Token {
    pub(crate) fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start as usize..self.end as usize]
    }
}

/// `char::is_alphanumeric`, with the characters of German news answered without the Unicode
/// tables: ASCII, the Latin-1 letters, and the General Punctuation block (typographic quotes and
/// dashes, none a letter or digit), whose table look-ups were a sixth of the tokenizer's time.
#[inline]
fn is_alnum(c: char) -> bool {
    match c as u32 {
        0..=0x7F => ASCII_ALNUM[c as usize],
        0xC0..=0xFF => c != '×' && c != '÷',
        0x2000..=0x206F => false,
        _ => c.is_alphanumeric(),
    }
}

/// The character at byte `i` and its length (`i` is on a character boundary).
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((b as char, 1));
    }
    let c = text[i..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// The end of the run of characters from byte `i` that pass `pred`.
#[inline]
fn run_end(text: &str, mut i: usize, pred: impl Fn(char) -> bool) -> usize {
    while let Some((c, n)) = char_at(text, i) {
        if !pred(c) {
            break;
        }
        i += n;
    }
    i
}

/// ASCII letters and digits, by byte: one load per byte instead of three range tests.
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The end of the run of ASCII letters and digits from byte `i`: eight bytes at a step, their
/// classes computed side by side in one word. A byte at a time, the loop's exit at the end of
/// each word was a mispredicted branch per word; eight at a time most words end in the first
/// step.
#[inline(always)]
fn ascii_alnum_end(b: &[u8], mut i: usize) -> usize {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        // each byte's low seven bits; a sum below stays within its byte (at most 0x7F + 0x50)
        let x = w & LOW7;
        // a byte's top bit after adding `0x80 - n` says whether it is at least `n`
        let at_least = |v: u64, n: u64| v.wrapping_add((0x80 - n) * ONES) & HIGH;
        let digit = at_least(x, 0x30) & !at_least(x, 0x3A);
        // (with bit 5 set, upper-case letters are the lower-case ones, and no other byte
        // lands among them)
        let y = x | (0x20 * ONES);
        let letter = at_least(y, 0x61) & !at_least(y, 0x7B);
        // a byte of a multi-byte character (top bit set) ends the ASCII run too
        let stop = !(digit | letter) & HIGH | w & HIGH;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + b[i..]
        .iter()
        .position(|&c| !ASCII_ALNUM[c as usize])
        .unwrap_or(b.len() - i)
}

/// The end of the alphanumeric run from byte `i`: ASCII bytes without decoding, and the
/// Latin-1 letters of German (`ä`, `ß`, `É`) by their two bytes.
// (always inlined: as a call, saving and restoring registers cost about as much as scanning
// a short word)
#[inline(always)]
fn alnum_end(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    loop {
        i = ascii_alnum_end(b, i);
        // U+00C0..=U+00FF are all letters but `×` (C3 97) and `÷` (C3 B7)
        if i + 1 < b.len() && b[i] == 0xC3 && b[i + 1] != 0x97 && b[i + 1] != 0xB7 {
            i += 2;
            continue;
        }
        if i < b.len() && !b[i].is_ascii() {
            let c = text[i..].chars().next().expect("a char boundary");
            if is_alnum(c) {
                i += c.len_utf8();
                continue;
            }
        }
        return i;
    }
}

/// What an ASCII byte is to the scanner: white space, a letter or digit, a byte that may join
/// two runs of one word (`-`, `'`, `/`, `.`, `,`, `:`, `*`, `_`: [`word_end`]), or other
/// punctuation. One load per byte answers the questions `char::is_whitespace`,
/// `is_alnum` and `word_end`'s `match` asked one after the other.
static ASCII_CLASS: [u8; 128] = {
    let mut t = [PUNCT; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(c, b' ' | 0x09..=0x0D) {
            SPACE
        } else if matches!(c, b'-' | b'\'' | b'/' | b'.' | b',' | b':' | b'*' | b'_') {
            JOIN
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};
const PUNCT: u8 = 0;
const ALNUM: u8 = 1;
const SPACE: u8 = 2;
const JOIN: u8 = 3;

/// The end of the word or number starting at byte `i` (an alphanumeric character): alphanumeric
/// runs joined by `-`, `'`, `’`, `′`, `ʼ`, `/` (`L′Aquila`), by `.` or `,` before digits (a date
/// or a decimal number), and gender-inclusive suffixes (`Sprecher:in`, `Ein:e`, `Bürger*innen`).
fn word_end(text: &str, i: usize) -> usize {
    let mut i = alnum_end(text, i);
    // (a word mostly ends at a space or a punctuation mark that joins nothing: answered from
    // the byte, without decoding a character)
    while let Some(&b) = text.as_bytes().get(i) {
        if b.is_ascii() && ASCII_CLASS[usize::from(b)] != JOIN {
            break;
        }
        let Some((c, n)) = char_at(text, i) else {
            break;
        };
        let j = i + n;
        let e = match c {
            '-' | '\'' | '’' | '′' | 'ʼ' | '‑' | '/' => alnum_end(text, j),
            '.' | ',' => run_end(text, j, |c| c.is_ascii_digit()),
            ':' | '*' | '_' => {
                let e = alnum_end(text, j);
                if matches!(
                    &text[j..e],
                    "in" | "innen" | "e" | "er" | "en" | "n" | "r" | "m"
                ) {
                    e
                } else {
                    j
                }
            }
            _ => j,
        };
        if e == j {
            break;
        }
        i = e;
    }
    i
}

/// Splits the normalised text into tokens.
///
/// A hand-written scanner rather than nom combinators: tokenising is a tenth of the engine's
/// time, and the byte loop with an ASCII fast path does the same job (a test checks it against
/// the nom lexer it replaced) at a fraction of the cost.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut newlines = 0u8;
    let mut space_before = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // (an ASCII byte's class from the table: white space, a word or a mark of its own)
        let (c, n, alnum) = if b.is_ascii() {
            match ASCII_CLASS[usize::from(b)] {
                SPACE => {
                    if b == b'\n' {
                        newlines = newlines.saturating_add(1);
                    }
                    space_before = true;
                    i += 1;
                    continue;
                }
                class => (b as char, 1, class == ALNUM),
            }
        } else {
            let c = text[i..].chars().next().expect("a char boundary");
            if c.is_whitespace() {
                space_before = true;
                i += c.len_utf8();
                continue;
            }
            (c, c.len_utf8(), is_alnum(c))
        };
        let (end, kind) = if alnum {
            let end = word_end(text, i);
            // (the token's bytes only for one that starts with a digit)
            let number = c.is_ascii_digit()
                && bytes[i..end]
                    .iter()
                    .all(|&b| b.is_ascii_digit() || b == b'.' || b == b',');
            (
                end,
                if number {
                    TokKind::Number
                } else {
                    TokKind::Word
                },
            )
        } else {
            (i + n, TokKind::Punct)
        };
        // a trailing apostrophe belongs to a genitive of a name ending in s (`Klaus'`): it is
        // not a closing quote mark unless a quote is open, which the quote layer decides.
        tokens.push(Token {
            start: i as u32,
            end: end as u32,
            kind,
            newlines,
            space_before,
        });
        newlines = 0;
        space_before = false;
        i = end;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The eight-byte scan ends an ASCII run where the byte loop does: every byte value at
    /// every place of a run, and runs of every length up to past two steps.
    #[test]
    fn ascii_runs_end_where_the_byte_loop_ends() {
        let by_byte = |b: &[u8], i: usize| {
            i + b[i..]
                .iter()
                .position(|&c| !ASCII_ALNUM[c as usize])
                .unwrap_or(b.len() - i)
        };
        for stop in 0..=255u8 {
            for len in 0..20 {
                for at in 0..len {
                    let mut b: Vec<u8> = (0..len).map(|k| b"aZ09zA9x"[k % 8]).collect();
                    b[at] = stop;
                    for from in 0..=at {
                        assert_eq!(
                            ascii_alnum_end(&b, from),
                            by_byte(&b, from),
                            "{b:?} from {from}"
                        );
                    }
                }
            }
        }
    }

    /// The nom lexer the scanner replaced, kept as the reference it must agree with.
    mod reference {
        use super::super::{TokKind, Token, is_alnum};
        use nom::{
            IResult, Parser,
            branch::alt,
            bytes::complete::take_while1,
            character::complete::{anychar, satisfy},
            combinator::{recognize, verify},
            multi::many0_count,
            sequence::pair,
        };

        fn word(input: &str) -> IResult<&str, &str> {
            recognize(pair(
                take_while1(is_alnum),
                many0_count(alt((
                    recognize(pair(
                        satisfy(|c| matches!(c, '-' | '\'' | '’' | '′' | 'ʼ' | '‑' | '/')),
                        take_while1(is_alnum),
                    )),
                    recognize(pair(
                        satisfy(|c| c == '.' || c == ','),
                        take_while1(|c: char| c.is_ascii_digit()),
                    )),
                    recognize(pair(
                        satisfy(|c| matches!(c, ':' | '*' | '_')),
                        verify(take_while1(is_alnum), |s: &str| {
                            matches!(s, "in" | "innen" | "e" | "er" | "en" | "n" | "r" | "m")
                        }),
                    )),
                ))),
            ))
            .parse(input)
        }

        pub(super) fn tokenize(text: &str) -> Vec<Token> {
            let mut tokens = Vec::new();
            let mut rest = text;
            let mut newlines = 0u8;
            let mut space_before = false;
            while !rest.is_empty() {
                let offset = text.len() - rest.len();
                if let Ok((r, ws)) = take_while1::<_, _, ()>(char::is_whitespace).parse(rest) {
                    let n = ws.bytes().filter(|&b| b == b'\n').count();
                    newlines = newlines.saturating_add(n.min(255) as u8);
                    space_before = true;
                    rest = r;
                    continue;
                }
                let (r, tok, kind) = match word(rest) {
                    Ok((r, w)) => {
                        let kind = if w.starts_with(|c: char| c.is_ascii_digit())
                            && w.chars()
                                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
                        {
                            TokKind::Number
                        } else {
                            TokKind::Word
                        };
                        (r, w, kind)
                    }
                    Err(_) => {
                        let (r, p) = recognize(anychar::<_, ()>).parse(rest).expect("not empty");
                        (r, p, TokKind::Punct)
                    }
                };
                tokens.push(Token {
                    start: offset as u32,
                    end: (offset + tok.len()) as u32,
                    kind,
                    newlines,
                    space_before,
                });
                newlines = 0;
                space_before = false;
                rest = r;
            }
            tokens
        }
    }

    #[test]
    fn fast_alnum_is_is_alphanumeric() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn scanner_agrees_with_the_nom_lexer() {
        let mut texts: Vec<String> = [
            "US-Außenminister sagte am 19.06.2024: „Geht's?“ 3,5 Prozent; 11.000 Container.",
            "Ein:e Sprecher:in der Bürger*innen: ja, Hinweis:Bitte abc.12 x,y 1.a - -- /a a/ a-",
            "Klaus' Haus\r\n\n\u{00A0}Straße\u{2011}Bahn ‚einfach‘ »so« «so» 'so' 1,,2 2..3 a‑b",
            "Müller:innen Bürger_innen Test:x Ende*e 4:3 N° ½ ٣ 東京 café",
            "3×4 a÷b Ä×Ö ÿ÷À ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ ×÷ ß",
            "",
            "   \n\n\n",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // the corpus texts, where present (../shared is not part of the repository)
        for split in ["train", "dev"] {
            let path = format!(
                "{}/../shared/data/wikinews/{split}.jsonl",
                env!("CARGO_MANIFEST_DIR")
            );
            if let Ok(src) = std::fs::read_to_string(&path) {
                for line in src.lines() {
                    let v: serde_json::Value = serde_json::from_str(line).expect("corpus JSON");
                    texts.push(v["text"].as_str().unwrap_or("").to_string());
                }
            }
        }
        for t in &texts {
            assert_eq!(tokenize(t), reference::tokenize(t), "{t:?}");
        }
    }

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn gender_inclusive_forms_are_one_word() {
        assert_eq!(
            words("Ein:e Sprecher:in der Bürger*innen: ja"),
            ["Ein:e", "Sprecher:in", "der", "Bürger*innen", ":", "ja"]
        );
        // a colon before any other word still separates
        assert_eq!(words("Hinweis:Bitte"), ["Hinweis", ":", "Bitte"]);
    }

    #[test]
    fn words_numbers_punct() {
        assert_eq!(
            words("US-Außenminister sagte am 19.06.2024: „Geht's?“"),
            [
                "US-Außenminister",
                "sagte",
                "am",
                "19.06.2024",
                ":",
                "„",
                "Geht's",
                "?",
                "“"
            ]
        );
        assert_eq!(
            words("3,5 Prozent, 11.000 Container."),
            ["3,5", "Prozent", ",", "11.000", "Container", "."]
        );
    }

    #[test]
    fn paragraph_breaks_are_counted() {
        let t = tokenize("Eins.\n\nZwei.\r\nDrei");
        assert_eq!(t[2].newlines, 2);
        assert_eq!(t[4].newlines, 1);
    }
}

//! Tokens with spans into the normalised text, lexed with nom.
//!
//! A word keeps its inner hyphens and apostrophes (`US-Außenminister`, `geht's`), a number its
//! inner dots and commas (`19.06.2024`, `3,5`); every other non-space character is a token of its
//! own, so quotation marks and sentence punctuation can be read off the stream.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::take_while1,
    character::complete::{anychar, satisfy},
    combinator::{recognize, verify},
    multi::many0_count,
    sequence::pair,
};

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

fn is_alnum(c: char) -> bool {
    c.is_alphanumeric()
}

/// A word or number: alphanumeric runs joined by `-`, `'`, `’`, `.` or `,` (the last two only
/// between digits, where they are part of a date or a decimal number).
fn word(input: &str) -> IResult<&str, &str> {
    recognize(pair(
        take_while1(is_alnum),
        many0_count(alt((
            recognize(pair(
                satisfy(|c| matches!(c, '-' | '\'' | '’' | '‑' | '/')),
                take_while1(is_alnum),
            )),
            recognize(pair(
                satisfy(|c| c == '.' || c == ','),
                verify(take_while1(|c: char| c.is_ascii_digit()), |_: &str| true),
            )),
            // gender-inclusive forms are one word: `Sprecher:in`, `Ein:e`, `Bürger*innen`
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

fn space(input: &str) -> IResult<&str, &str> {
    take_while1(char::is_whitespace).parse(input)
}

fn punct(input: &str) -> IResult<&str, &str> {
    recognize(anychar).parse(input)
}

/// Splits the normalised text into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut rest = text;
    let mut newlines = 0u8;
    let mut space_before = false;
    while !rest.is_empty() {
        let offset = text.len() - rest.len();
        if let Ok((r, ws)) = space(rest) {
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
                let (r, p) = punct(rest).expect("rest is not empty");
                (r, p, TokKind::Punct)
            }
        };
        // a trailing apostrophe belongs to a genitive of a name ending in s (`Klaus'`): it is
        // not a closing quote mark unless a quote is open, which the quote layer decides.
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

#[cfg(test)]
mod tests {
    use super::*;

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

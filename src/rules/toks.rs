//! A token slice that nom can parse, in the manner of cexpr: rules are nom parsers over words,
//! not bytes. Nothing of this type leaves the crate.

use std::iter::Enumerate;

use crate::text::{TokKind, Token};

/// One token as a nom item: its text, its class and where it stands in the document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct W<'a> {
    pub s: &'a str,
    pub t: Token,
    /// Index in the document's token list.
    pub i: usize,
}

impl<'a> W<'a> {
    pub(crate) fn is_upper(&self) -> bool {
        self.t.kind == TokKind::Word && self.s.chars().next().is_some_and(char::is_uppercase)
    }
    pub(crate) fn is_lower(&self) -> bool {
        self.t.kind == TokKind::Word && self.s.chars().next().is_some_and(char::is_lowercase)
    }
    pub(crate) fn is(&self, s: &str) -> bool {
        self.s == s
    }
    pub(crate) fn is_punct(&self) -> bool {
        self.t.kind == TokKind::Punct
    }
}

/// A window of the document's tokens.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Toks<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    /// Document index of `toks[0]`.
    pub base: usize,
}

impl<'a> Toks<'a> {
    pub(crate) fn new(text: &'a str, all: &'a [Token], start: usize, end: usize) -> Self {
        let end = end.min(all.len());
        let start = start.min(end);
        Toks {
            text,
            toks: &all[start..end],
            base: start,
        }
    }
    pub(crate) fn get(&self, k: usize) -> Option<W<'a>> {
        self.toks.get(k).map(|t| W {
            s: t.text(self.text),
            t: *t,
            i: self.base + k,
        })
    }
    pub(crate) fn first(&self) -> Option<W<'a>> {
        self.get(0)
    }
}

/// Iterates a [`Toks`] window as [`W`] items.
pub(crate) struct Iter<'a> {
    toks: Toks<'a>,
    k: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = W<'a>;
    fn next(&mut self) -> Option<W<'a>> {
        let w = self.toks.get(self.k)?;
        self.k += 1;
        Some(w)
    }
}

impl<'a> nom::Input for Toks<'a> {
    type Item = W<'a>;
    type Iter = Iter<'a>;
    type IterIndices = Enumerate<Iter<'a>>;

    fn input_len(&self) -> usize {
        self.toks.len()
    }
    fn take(&self, index: usize) -> Self {
        Toks {
            text: self.text,
            toks: &self.toks[..index],
            base: self.base,
        }
    }
    fn take_from(&self, index: usize) -> Self {
        Toks {
            text: self.text,
            toks: &self.toks[index..],
            base: self.base + index,
        }
    }
    fn take_split(&self, index: usize) -> (Self, Self) {
        (self.take_from(index), self.take(index))
    }
    fn position<P>(&self, predicate: P) -> Option<usize>
    where
        P: Fn(Self::Item) -> bool,
    {
        self.iter_elements().position(predicate)
    }
    fn iter_elements(&self) -> Self::Iter {
        Iter { toks: *self, k: 0 }
    }
    fn iter_indices(&self) -> Self::IterIndices {
        self.iter_elements().enumerate()
    }
    fn slice_index(&self, count: usize) -> Result<usize, nom::Needed> {
        if self.toks.len() >= count {
            Ok(count)
        } else {
            Err(nom::Needed::new(count - self.toks.len()))
        }
    }
}

/// The crate-private result of a token rule; a failed match is the normal case, not an error.
pub(crate) type TResult<'a, O> = nom::IResult<Toks<'a>, O, ()>;

/// Matches one token satisfying `pred`.
pub(crate) fn tok<'a>(pred: impl Fn(&W<'a>) -> bool) -> impl Fn(Toks<'a>) -> TResult<'a, W<'a>> {
    move |input: Toks<'a>| match input.first() {
        Some(w) if pred(&w) => Ok((nom::Input::take_from(&input, 1), w)),
        _ => Err(nom::Err::Error(())),
    }
}

/// Matches one token with exactly this text.
pub(crate) fn lit<'a>(s: &'static str) -> impl Fn(Toks<'a>) -> TResult<'a, W<'a>> {
    tok(move |w| w.s == s)
}

//! A token slice that nom can parse, in the manner of cexpr: rules are nom parsers over words,
//! not bytes. Nothing of this type leaves the crate.

use std::iter::Enumerate;

use crate::grammar::{Lexicon, RoleNoun};
use crate::text::{TokKind, Token};

/// Word-class bits of a token, read off once per document (see [`features`]).
pub(crate) mod bits {
    pub const DET: u32 = 1;
    pub const PRONOUN: u32 = 1 << 1;
    pub const PREP: u32 = 1 << 2;
    pub const CONJ: u32 = 1 << 3;
    pub const AUX: u32 = 1 << 4;
    pub const ADVERB: u32 = 1 << 5;
    /// Can be part of a name or noun ([`super::super::np::core_word`]).
    pub const CORE: u32 = 1 << 6;
    /// An inflected adjective ([`super::super::np::adjective_word`]).
    pub const ADJ: u32 = 1 << 7;
    /// A source noun (`Angaben`, `Ansicht`, `Polizeiangaben`).
    pub const SOURCE: u32 = 1 << 8;
    /// A Konjunktiv I form of grammar/subjunctive.tsv (`sei`, `habe`, `werde`).
    pub const KONJ1: u32 = 1 << 9;
    /// A Konjunktiv II form of grammar/subjunctive.tsv (`wäre`, `hätten`, `würde`).
    pub const KONJ2: u32 = 1 << 10;
    /// … that is also the Präteritum indicative (`sollte`, `wollte`).
    pub const PRETERITE_LIKE: u32 = 1 << 11;
    /// The word as written is a first name of grammar/names.tsv (the speaker stage asks it of
    /// every word of a sentence).
    pub const NAME: u32 = 1 << 12;
    /// The lower-cased word opens an impersonal cue of grammar/according.tsv (`hieß`, `wie`).
    pub const IMPERSONAL: u32 = 1 << 13;
    /// The lower-cased word opens an according-to reading (`laut`, `nach`, `zufolge`:
    /// `Lexicon::according_triggers`).
    pub const ACCORDING: u32 = 1 << 14;
    /// The lower-cased word is a speech noun of grammar/speech_nouns.tsv (`Vorwurf`).
    pub const SPEECH_NOUN: u32 = 1 << 15;
    /// A word (not a number or punctuation) whose first character is upper case
    /// ([`super::W::is_upper`]).
    pub const UPPER: u32 = 1 << 16;
    /// A word whose first character is lower case ([`super::W::is_lower`]).
    pub const LOWER: u32 = 1 << 17;
    /// The word as written opens a surname (`von`, `de`: [`super::super::words::is_name_particle`]).
    pub const PARTICLE: u32 = 1 << 18;
    /// The lower-cased word is `soll` or `sollen` (reportative *sollen*: the free-indirect rule
    /// looks for it in every sentence without a Konjunktiv form).
    pub const SOLLEN: u32 = 1 << 19;
}

/// What the lexicon says about one token. The rules ask about the same tokens again and again
/// (every noun-phrase parse tests each word for a role, a verb form and six word classes), so
/// the answers are computed once per token instead of per question: that cut the run time
/// by half.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Feat<'a> {
    /// The token's text: sliced once here, because a slice of the document checks both ends
    /// for a character boundary, and the rules ask for a token's text about 700,000 times per
    /// megabyte.
    pub word: &'a str,
    pub bits: u32,
    /// `Lexicon::role` of the word.
    pub role: Option<RoleNoun>,
    /// The word's speech-verb readings (`Lexicon::verb_forms_span`): a range of
    /// `Lexicon::form_arena` (read it with `Ctx::forms`). A range, not a slice: 8 bytes less
    /// per token, and the table takes a token's worth of memory five times over in a long text.
    pub forms: (u32, u32),
    /// The word in lower case: a byte range of the document's lower-cased words, or
    /// [`SAME`] when it is the word itself (read it with [`lower_of`]).
    pub lower: (u32, u32),
}

impl Feat<'_> {
    /// Has the word a speech-verb reading?
    #[inline]
    pub fn has_forms(&self) -> bool {
        self.forms.0 != self.forms.1
    }
}

/// What [`Feat`] holds for a word, without references: a per-thread cache keeps it across
/// documents, so a word the engine has met before costs one lookup.
#[derive(Default)]
struct WordFeat {
    bits: u32,
    role: Option<RoleNoun>,
    forms: (u32, u32),
    /// The lower-cased word, when it differs from the word.
    lower: Option<Box<str>>,
}

/// The per-thread word cache: valid for one lexicon; emptied when it grows past `LIMIT`, so a
/// stream of millions of articles keeps its memory bounded.
#[derive(Default)]
struct WordCache {
    lexicon: u64,
    /// Words of up to 15 bytes (most of them), packed into their key ([`short_key`]): a key is
    /// hashed in two steps and compared as a number, where a string key cost a `memcmp` call
    /// per look-up, and no key is allocated.
    short: ShortTable,
    /// Longer words.
    long: crate::grammar::WordMap<Box<str>, Cached>,
    /// The number of the document being read, counted from 1 (a `u32`, not to make every
    /// entry larger: the cache outlives its documents).
    document: u32,
    /// The lower-cased forms of the cached words that differ from the word, one after the
    /// other ([`Cached::lower`] points into it). Lent out with each document's feature table
    /// as the buffer its records point into, and given back after the document
    /// ([`give_back`]).
    lower: String,
    /// `lower` is lent out: a document whose buffer never came back (its analysis panicked)
    /// leaves the entries pointing into a buffer the cache no longer has, so it starts afresh.
    lent: bool,
}

/// The short words of the cache: open addressing with linear probing, at most seven eighths
/// full, each entry in its slot. Every token but punctuation is looked up here, and a word met
/// before is nearly always in its home slot or the next ones: a compare of one slot, where the
/// `HashMap` read a group of control bytes, then the bucket they point to, in another part of
/// memory (the cache holds some 30,000 words per megabyte of news). Measured on 100 MB of JSON
/// Lines, interleaved with the `HashMap` build: 3.07 → 3.00 s and 3.90 → 3.77 s (medians of 5
/// and 7 runs).
///
/// A slot is 32 bytes, the key and the entry packed ([`Packed`]): the load of a word's slot was
/// the hottest instruction of a pass (a miss in the second-level cache for the rarer words:
/// 65,536 slots of 64 bytes, 4 MB, against 1 MB of cache per core), and slots twice as large
/// had made a pass 5 % slower. The per-document record numbers of the shared tables
/// ([`Cached::document`], [`Cached::id`]) live beside the slots in `marks`, which only a long
/// document touches.
///
/// Seven eighths full, not half: the table of the same words is half as large (the 27,000 short
/// words of train+dev in 32,768 slots, 1 MB, not 65,536), and the longer probes run along
/// neighbouring slots, mostly in the same cache line. 100 MB of JSON Lines `-j 1`, interleaved,
/// user time medians 3.19 → 3.12 s and 3.12 → 3.06 s (7 pairs each) for 0.6 % more
/// instructions.
#[derive(Default)]
struct ShortTable {
    /// A power of two of slots (or none); key 0 marks an empty slot ([`short_key`] is never 0:
    /// its top byte is the word's length).
    slots: Vec<Slot>,
    /// Empty, or per slot the number of the document that last gave its word a shared record,
    /// and that record's number (made on the first long document).
    marks: Vec<(u32, u32)>,
    len: usize,
}

#[derive(Default, Clone, Copy)]
struct Slot {
    key: u128,
    v: Packed,
}

// (two slots to a cache line: the point of packing)
const _: () = assert!(std::mem::size_of::<Slot>() == 32);

/// A short word's entry in 16 bytes: what [`Feat`] copies per token, the ranges as a start
/// and a length.
#[derive(Default, Clone, Copy)]
struct Packed {
    /// The word's bits (below [`Packed::LEN_SHIFT`]) and the length of its lower-cased form
    /// (above).
    bits: u32,
    forms_from: u32,
    /// Where the lower-cased word starts in [`WordCache::lower`], or `u32::MAX` (and length
    /// 0) for [`SAME`].
    lower_from: u32,
    role: Option<RoleNoun>,
    forms_len: u8,
}

impl Packed {
    const LEN_SHIFT: u32 = 24;

    /// The entry packed, if its numbers fit (else the word goes to the long words' map).
    fn of(c: &Cached) -> Option<Packed> {
        let forms_len = u8::try_from(c.feat.forms.1 - c.feat.forms.0).ok()?;
        let lower_len = if c.lower == SAME {
            0
        } else {
            u8::try_from(c.lower.1 - c.lower.0).ok()?
        };
        (c.feat.bits >> Self::LEN_SHIFT == 0).then_some(Packed {
            bits: c.feat.bits | u32::from(lower_len) << Self::LEN_SHIFT,
            forms_from: c.feat.forms.0,
            lower_from: c.lower.0,
            role: c.feat.role,
            forms_len,
        })
    }

    /// The record the entry gives `word` (as [`make`] for a [`Cached`]).
    #[inline]
    fn feat(self, word: &str) -> Feat<'_> {
        let lower_len = self.bits >> Self::LEN_SHIFT;
        Feat {
            word,
            bits: self.bits & ((1 << Self::LEN_SHIFT) - 1),
            role: self.role,
            forms: (self.forms_from, self.forms_from + u32::from(self.forms_len)),
            // ([`SAME`] is `u32::MAX` twice: its length is 0)
            lower: (self.lower_from, self.lower_from.wrapping_add(lower_len)),
        }
    }
}

impl ShortTable {
    /// The slot where the search for `key` starts: the top bits of a multiplicative hash of
    /// both halves (the low bits of a product mix least).
    #[inline]
    fn home(&self, key: u128) -> usize {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let h = ((key as u64).wrapping_mul(K) ^ ((key >> 64) as u64)).wrapping_mul(K);
        // (`slots.len()` is a power of two; with no slots the index is never used)
        (h >> 32) as usize & self.slots.len().wrapping_sub(1)
    }

    fn len(&self) -> usize {
        self.len
    }

    fn capacity(&self) -> usize {
        self.slots.len() - self.slots.len() / 8
    }

    /// Room for `n` words without growing.
    fn reserve(&mut self, n: usize) {
        if self.len + n > self.capacity() {
            self.grow_to(((self.len + n) * 8 / 7 + 1).next_power_of_two());
        }
    }

    /// Empties the table, keeping its slots.
    fn clear(&mut self) {
        if self.len > 0 {
            self.slots.fill(Slot::default());
            self.marks.clear();
            self.len = 0;
        }
    }

    /// The marks of the slots, made if the table has none yet.
    fn marks(&mut self) -> &mut [(u32, u32)] {
        if self.marks.len() != self.slots.len() {
            // (document 0 is none: the numbers count from 1)
            self.marks = vec![(0, 0); self.slots.len()];
        }
        &mut self.marks
    }

    fn grow_to(&mut self, slots: usize) {
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); slots]);
        let old_marks = std::mem::take(&mut self.marks);
        if !old_marks.is_empty() {
            self.marks = vec![(0, 0); slots];
        }
        let mask = slots - 1;
        for (j, slot) in old.into_iter().enumerate().filter(|(_, s)| s.key != 0) {
            let mut i = self.home(slot.key);
            while self.slots[i].key != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
            if !old_marks.is_empty() {
                self.marks[i] = old_marks[j];
            }
        }
    }

    /// The slot of `key`, if the word is in the table.
    #[inline]
    fn find(&self, key: u128) -> Option<usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.home(key);
        loop {
            let k = self.slots.get(i)?.key;
            if k == key {
                return Some(i);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Puts in `key`'s entry (the word is not in the table); its slot.
    fn insert(&mut self, key: u128, v: Packed) -> usize {
        if self.len + 1 > self.capacity() {
            self.grow_to((self.slots.len() * 2).max(16));
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        while self.slots[i].key != 0 {
            debug_assert!(self.slots[i].key != key, "a word already in the table");
            i = (i + 1) & mask;
        }
        self.len += 1;
        self.slots[i] = Slot { key, v };
        i
    }
}

/// A cache entry: the word's features, where its lower-cased form is, and, if `document` is the
/// number of the document being read, the number of its record there (shared records).
#[derive(Default)]
struct Cached {
    feat: WordFeat,
    /// Where the lower-cased word is in [`WordCache::lower`], or [`SAME`]: written there once,
    /// when the word is first met (copied into a buffer per document, the words cost a `memcpy`
    /// call at each one's first token in every document).
    lower: (u32, u32),
    document: u32,
    id: u32,
}

impl WordCache {
    const LIMIT: usize = 1 << 18;
    /// The tables' first sizes: what a megabyte of text fills (the short table's 28,000 words
    /// take 32,768 slots).
    const START_SHORT: usize = 28_000;
    const START_LONG: usize = 1 << 13;

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }
}

/// A word of 1 to 15 bytes as a number: its bytes in order from the lowest, zero-padded, and
/// its length in the top byte (so `ab` and `ab\0` differ).
#[inline]
fn short_key(s: &str) -> Option<u128> {
    let b = s.as_bytes();
    let n = b.len();
    if n == 0 || n > 15 {
        return None;
    }
    let word = |b: &[u8]| match b.len() {
        0 => 0,
        8 => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        _ => crate::grammar::tail_word(b),
    };
    let lo = word(&b[..n.min(8)]);
    let hi = word(&b[n.min(8)..]);
    Some(u128::from(lo) | (u128::from(hi) << 64) | ((n as u128) << 120))
}

thread_local! {
    static WORDS: std::cell::RefCell<WordCache> = std::cell::RefCell::new(WordCache::default());
}

/// [`Feat::lower`] of a word already in lower case.
pub(crate) const SAME: (u32, u32) = (u32::MAX, u32::MAX);

/// The lower-cased word of a token's features, given the buffer [`features`] returned.
#[inline]
pub(crate) fn lower_of<'a>(f: &Feat<'a>, lower: &'a str) -> &'a str {
    if f.lower == SAME {
        f.word
    } else {
        &lower[f.lower.0 as usize..f.lower.1 as usize]
    }
}

/// The feature records of a document's tokens. A record per token (40 bytes, five times the
/// token's share of the text) was the largest table a long document needed, so a long document
/// keeps one record per distinct word and per token the number of its word's record: 100 MB of
/// news has 17 million tokens and some 200,000 different words. Equal words share their
/// record, whose `word` is the first one's text: the same letters. A short document (a news
/// article) keeps a record per token: shared records in every document cost 7 % more
/// instructions on the corpus (the look-up through the numbers, and numbering the records per
/// document). Read through [`Feats`], of the table's kind ([`TableKind`]): the rules are
/// compiled for each kind, where a test between the kinds at every read cost 3.7 %.
#[derive(Debug)]
pub(crate) struct FeatTable<'a> {
    /// A record per token, or (with `ids`) per distinct word.
    words: Vec<Feat<'a>>,
    /// Empty, or per token the number of its word's record.
    ids: Vec<u32>,
}

impl<'a> FeatTable<'a> {
    /// Documents of more tokens than this (some 400 KB of text) share records between equal
    /// words.
    const SHARED_FROM: usize = 1 << 16;

    /// Does the table share records between equal words (the [`Shared`] kind)?
    pub(crate) fn shared(&self) -> bool {
        !self.ids.is_empty()
    }

    /// The table as a view of its kind (`K` must be the table's kind: [`FeatTable::shared`]).
    pub(crate) fn view<K: TableKind>(&self) -> Feats<'_, K> {
        assert_eq!(K::SHARED, self.shared(), "a view of the table's own kind");
        Feats {
            words: &self.words,
            ids: &self.ids,
            kind: std::marker::PhantomData,
        }
    }
}

/// Which kind of [`FeatTable`] a document has, as a type: the rules and the speaker stage are
/// compiled once for each kind, so reading a token's record tests no kind at run time (the
/// test at every read, as the memory branch had it, cost 3.7 % of the instructions of a pass).
pub(crate) trait TableKind: Copy + std::fmt::Debug + 'static {
    /// Records shared between equal words, found through per-token numbers.
    const SHARED: bool;
}

/// A record per token (a document of up to [`FeatTable::SHARED_FROM`] tokens).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PerToken;

impl TableKind for PerToken {
    const SHARED: bool = false;
}

/// A record per distinct word and a number per token (a longer document).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shared;

impl TableKind for Shared {
    const SHARED: bool = true;
}

/// A view of a [`FeatTable`]: the token's record by token number. Held by value (the rules
/// ask for records millions of times, and a reference to the table was one more pointer to
/// follow each time).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Feats<'a, K: TableKind> {
    words: &'a [Feat<'a>],
    ids: &'a [u32],
    kind: std::marker::PhantomData<K>,
}

impl<'a, K: TableKind> Feats<'a, K> {
    /// The record of token `i`.
    #[inline]
    pub(crate) fn at(self, i: usize) -> &'a Feat<'a> {
        if !K::SHARED {
            &self.words[i]
        } else {
            &self.words[self.ids[i] as usize]
        }
    }

    /// The records of the tokens `[from, to)`, in order.
    #[inline]
    pub(crate) fn range(self, from: usize, to: usize) -> FeatRange<'a, K> {
        assert!(
            from <= to && to <= self.len(),
            "feature range out of bounds"
        );
        FeatRange {
            feats: self,
            from,
            to,
        }
    }

    /// The first token in `[from, to)` whose record passes `pred` (given the token's number and
    /// its record). The rules scan whole sentences this way: a plain loop over each kind of
    /// table, where a loop through [`Feats::range`] decided between them at every token.
    #[inline]
    pub(crate) fn position(
        self,
        from: usize,
        to: usize,
        mut pred: impl FnMut(usize, &'a Feat<'a>) -> bool,
    ) -> Option<usize> {
        if !K::SHARED {
            self.words[from..to]
                .iter()
                .enumerate()
                .position(|(j, f)| pred(from + j, f))
        } else {
            let words = self.words;
            self.ids[from..to]
                .iter()
                .enumerate()
                .position(|(j, &id)| pred(from + j, &words[id as usize]))
        }
        .map(|p| from + p)
    }

    /// The last token in `[from, to)` whose record passes `pred`: [`Feats::position`] from the
    /// end.
    #[inline]
    pub(crate) fn rposition(
        self,
        from: usize,
        to: usize,
        mut pred: impl FnMut(usize, &'a Feat<'a>) -> bool,
    ) -> Option<usize> {
        if !K::SHARED {
            self.words[from..to]
                .iter()
                .enumerate()
                .rposition(|(j, f)| pred(from + j, f))
        } else {
            let words = self.words;
            self.ids[from..to]
                .iter()
                .enumerate()
                .rposition(|(j, &id)| pred(from + j, &words[id as usize]))
        }
        .map(|p| from + p)
    }

    /// The number of tokens.
    #[inline]
    pub(crate) fn len(self) -> usize {
        if !K::SHARED {
            self.words.len()
        } else {
            self.ids.len()
        }
    }

    /// Every token's record, in order.
    #[cfg(test)]
    pub(crate) fn iter(self) -> FeatRange<'a, K> {
        self.range(0, self.len())
    }
}

impl<'a, K: TableKind> std::ops::Index<usize> for Feats<'a, K> {
    type Output = Feat<'a>;
    #[inline]
    fn index(&self, i: usize) -> &Feat<'a> {
        self.at(i)
    }
}

/// The records of a range of tokens ([`Feats::range`]).
#[derive(Clone)]
pub(crate) struct FeatRange<'a, K: TableKind> {
    feats: Feats<'a, K>,
    from: usize,
    to: usize,
}

impl<'a, K: TableKind> Iterator for FeatRange<'a, K> {
    type Item = &'a Feat<'a>;
    #[inline]
    fn next(&mut self) -> Option<&'a Feat<'a>> {
        (self.from < self.to).then(|| {
            self.from += 1;
            self.feats.at(self.from - 1)
        })
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.to - self.from;
        (n, Some(n))
    }
}

/// The record a word's cache entry gives it in this document.
#[inline]
fn make<'a>(c: &Cached, word: &'a str) -> Feat<'a> {
    Feat {
        word,
        bits: c.feat.bits,
        role: c.feat.role,
        forms: c.feat.forms,
        lower: c.lower,
    }
}

/// Adds the record of a token whose word has a [`Cached`] entry (a long word, or a short one
/// whose entry did not pack) to a document's table.
#[inline]
fn push<'a>(
    words: &mut Vec<Feat<'a>>,
    ids: &mut Vec<u32>,
    shared: bool,
    document: u32,
    c: &mut Cached,
    s: &'a str,
) {
    if !shared {
        words.push(make(c, s));
        return;
    }
    if c.document != document {
        c.document = document;
        c.id = words.len() as u32;
        words.push(make(c, s));
    }
    ids.push(c.id);
}

/// Gives the buffer of lower-cased words that [`features`] lent out back to this thread's word
/// cache, once the document's records are no longer read. (Not given back, the cache starts
/// afresh at the next document.)
pub(crate) fn give_back(lower: String) {
    WORDS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.lent && cache.lower.is_empty() {
            cache.lower = lower;
            cache.lent = false;
        }
    });
}

/// The features of every token of a text, and the buffer their lower-cased words point into.
pub(crate) fn features<'a>(
    text: &'a str,
    toks: &[Token],
    lex: &'a Lexicon,
) -> (FeatTable<'a>, String) {
    table(text, toks, lex, toks.len() > FeatTable::SHARED_FROM)
}

/// [`features`] with shared records whatever the document's length: a test compares the
/// engine's reading through each kind of table.
#[cfg(test)]
pub(crate) fn shared_features<'a>(
    text: &'a str,
    toks: &[Token],
    lex: &'a Lexicon,
) -> (FeatTable<'a>, String) {
    table(text, toks, lex, true)
}

/// [`features`], with a record per distinct word (`shared`) or per token.
fn table<'a>(
    text: &'a str,
    toks: &[Token],
    lex: &'a Lexicon,
    shared: bool,
) -> (FeatTable<'a>, String) {
    // the lower-cased words that differ from their word, one after the other (the word cache's
    // buffer, lent to the document): most words are in lower case already and point to
    // themselves ([`SAME`]). (A copy of the whole text with words replaced in place needed a
    // UTF-8 check of the copy, which cost more.)
    let mut lower = String::new();
    let mut words: Vec<Feat<'a>> = Vec::with_capacity(if shared { 0 } else { toks.len() });
    let mut ids: Vec<u32> = Vec::with_capacity(if shared { toks.len() } else { 0 });
    // (shared records) the record of each ASCII punctuation mark met so far
    let mut punct = [u32::MAX; 128];
    WORDS.with(|cache| {
        let mut cache = cache.borrow_mut();
        // (an entry's document number must never come round again: the cache starts afresh
        // before the numbers wrap)
        if cache.lexicon != lex.id
            || cache.len() > WordCache::LIMIT
            || cache.document == u32::MAX
            || cache.lent
        {
            cache.document = 0;
            cache.short.clear();
            cache.long.clear();
            cache.lower.clear();
            cache.lent = false;
            cache.lexicon = lex.id;
        }
        // a megabyte of news has some 30,000 different words: growing the tables there step
        // by step re-hashed every word about twice
        if cache.short.capacity() == 0 {
            cache.short.reserve(WordCache::START_SHORT);
            cache.long.reserve(WordCache::START_LONG);
        }
        // this document's number: with shared records, an entry met first in this document
        // gets its record here
        cache.document += 1;
        let document = cache.document;
        lower = std::mem::take(&mut cache.lower);
        cache.lent = true;
        let cache = &mut *cache;
        // (read once: asked per token, the lexicon's flags were loaded again at every token)
        let plain_punct = !lex.punct_name && !lex.punct_listed;
        for t in toks {
            let s = t.text(text);
            // ASCII punctuation has no case and no reading: no look-up (a sixth of the
            // tokens); what `feature` would give it
            if t.kind == TokKind::Punct && s.len() == 1 && plain_punct {
                let feat = Feat {
                    word: s,
                    bits: 0,
                    role: None,
                    forms: (0, 0),
                    lower: SAME,
                };
                if !shared {
                    words.push(feat);
                    continue;
                }
                let id = &mut punct[usize::from(s.as_bytes()[0] & 0x7F)];
                if *id == u32::MAX {
                    *id = words.len() as u32;
                    words.push(feat);
                }
                ids.push(*id);
                continue;
            }
            if let Some(k) = short_key(s) {
                let i = match cache.short.find(k) {
                    Some(i) => i,
                    None => {
                        // a new word, or one whose entry did not pack (in the long words' map)
                        if !cache.long.contains_key(s) {
                            let c = new_word(s, t.kind, lex, &mut lower);
                            match Packed::of(&c) {
                                Some(p) => {
                                    cache.short.insert(k, p);
                                }
                                None => {
                                    cache.long.insert(s.into(), c);
                                }
                            }
                        }
                        match cache.short.find(k) {
                            Some(i) => i,
                            None => {
                                let c = cache.long.get_mut(s).expect("inserted above");
                                push(&mut words, &mut ids, shared, document, c, s);
                                continue;
                            }
                        }
                    }
                };
                let v = cache.short.slots[i].v;
                if !shared {
                    words.push(v.feat(s));
                    continue;
                }
                let mark = &mut cache.short.marks()[i];
                if mark.0 != document {
                    *mark = (document, words.len() as u32);
                    words.push(v.feat(s));
                }
                ids.push(mark.1);
                continue;
            }
            // (a string key is allocated only for a new word: a second look-up then)
            let c = if let Some(c) = cache.long.get_mut(s) {
                c
            } else {
                let c = new_word(s, t.kind, lex, &mut lower);
                cache.long.insert(s.into(), c);
                cache.long.get_mut(s).expect("inserted above")
            };
            push(&mut words, &mut ids, shared, document, c, s);
        }
    });
    (FeatTable { words, ids }, lower)
}

/// A new word's cache entry. Not inlined (and cold): inlined into the loop over the tokens, the
/// analysis took registers the loop then kept on the stack for every token.
#[cold]
#[inline(never)]
fn new_word(s: &str, kind: TokKind, lex: &Lexicon, lower: &mut String) -> Cached {
    let mut feat = initial(listed(feature(s, kind, lex), s, lex), s, kind);
    // (the lower-cased word moves into the cache's buffer; the entry keeps where it is)
    let lower = match feat.lower.take() {
        None => SAME,
        Some(l) => {
            let from = lower.len() as u32;
            lower.push_str(&l);
            (from, lower.len() as u32)
        }
    };
    Cached {
        feat,
        lower,
        document: 0,
        id: 0,
    }
}

/// Adds the bits of the word lists that the rules ask of every token's lower-cased word
/// ([`bits::IMPERSONAL`], [`bits::ACCORDING`], [`bits::SPEECH_NOUN`], [`bits::SOLLEN`]): asked
/// once per word
/// here, not once per token and rule. The word is the one `Ctx::lower` gives, the whole word
/// lower-cased (also for a word with a gender mark, whose other bits are its base's).
fn listed(mut f: WordFeat, s: &str, lex: &Lexicon) -> WordFeat {
    let l = f.lower.as_deref().unwrap_or(s);
    if lex.impersonal_by_first.get(l).is_some() {
        f.bits |= bits::IMPERSONAL;
    }
    if lex.according_triggers.contains(l) {
        f.bits |= bits::ACCORDING;
    }
    if lex.speech_nouns.contains(l) {
        f.bits |= bits::SPEECH_NOUN;
    }
    if matches!(l, "soll" | "sollen") {
        f.bits |= bits::SOLLEN;
    }
    f
}

/// Adds the bits of the word as written, [`bits::UPPER`], [`bits::LOWER`] and
/// [`bits::PARTICLE`]: the rules and the phrase parser ask them of a token again and again, and
/// a bit spares decoding its first character or comparing it with the particles each time. (A
/// text is always the same kind of token, so the per-word cache may keep them.)
fn initial(mut f: WordFeat, s: &str, kind: TokKind) -> WordFeat {
    if super::words::is_name_particle(s) {
        f.bits |= bits::PARTICLE;
    }
    if kind == TokKind::Word {
        let first = s.chars().next();
        if first.is_some_and(char::is_uppercase) {
            f.bits |= bits::UPPER;
        }
        if first.is_some_and(char::is_lowercase) {
            f.bits |= bits::LOWER;
        }
    }
    f
}

/// The features of one word.
fn feature(s: &str, kind: TokKind, lex: &Lexicon) -> WordFeat {
    use super::words;
    // `Sprecher:in`, `Ein:e`, `Bürger*innen`: the lexicon knows the form before the gender mark
    // (the part before the first mark, found byte by byte: a char-set pattern per new word
    // cost more than the rest of the word's tests)
    if kind == TokKind::Word
        && let Some(base) = s
            .bytes()
            .position(|b| matches!(b, b':' | b'*' | b'_'))
            .map(|p| &s[..p])
    {
        let mut f = feature(base, kind, lex);
        f.lower = Some(s.to_lowercase().into());
        // (the name test is of the word as written, not of its base)
        f.bits &= !bits::NAME;
        if lex.names.contains_key(s) {
            f.bits |= bits::NAME;
        }
        return f;
    }
    let l: std::borrow::Cow<str> = if s.is_ascii() {
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            s.to_ascii_lowercase().into()
        } else {
            s.into()
        }
    } else if s.chars().any(char::is_uppercase) {
        s.to_lowercase().into()
    } else {
        s.into()
    };
    let lower = (l.as_ref() != s).then(|| l.as_ref().into());
    let l = l.as_ref();
    let name = if lex.names.contains_key(s) {
        bits::NAME
    } else {
        0
    };
    if kind == TokKind::Punct {
        return WordFeat {
            bits: name,
            role: None,
            forms: (0, 0),
            lower,
        };
    }
    let mut b = 0;
    for (test, bit) in [
        (words::is_det_lower as fn(&str) -> bool, bits::DET),
        (words::is_pronoun_lower, bits::PRONOUN),
        (words::is_prep_lower, bits::PREP),
        (words::is_conj_lower, bits::CONJ),
        (words::is_aux_lower, bits::AUX),
    ] {
        if test(l) {
            b |= bit;
        }
    }
    if words::is_adverb(lex, l) {
        b |= bits::ADVERB;
    }
    // nouns are capitalised: a lower-case word is looked up, but not taken apart as a
    // compound (`verhandlungsbereiter` ends in no role noun `bereiter`)
    let noun_like = !s.starts_with(char::is_lowercase) || s.contains('-');
    let source = if noun_like {
        lex.source_noun_word(l)
    } else {
        lex.source_nouns.contains(l)
    };
    if source {
        b |= bits::SOURCE;
    }
    // a capitalised form is the noun (`an zweiter Stelle`, `die Folge`), not `stelle`, `folge`
    match lex
        .subjunctive
        .get(l)
        .filter(|_| !s.starts_with(char::is_uppercase))
    {
        Some(false) => b |= bits::KONJ1,
        Some(true) => b |= bits::KONJ2,
        None => {}
    }
    if lex.preterite_like.contains(l) {
        b |= bits::PRETERITE_LIKE;
    }
    // `Will Grant`, `„Ja“, sagte Will`: a capitalised modal that is also a first name is the
    // name (a question opening with `Will …?` is rare in news)
    if b & bits::AUX != 0 && s.starts_with(char::is_uppercase) && name != 0 {
        b &= !bits::AUX;
    }
    let mut forms = lex.verb_forms_span(s, l);
    // Swiss spelling writes `ss` for `ß` (`liess verlauten`, `hiess es`): a word the lexicon
    // does not know is read in its `ß` form
    if forms.0 == forms.1 && l.contains("ss") && kind == TokKind::Word {
        forms = lex.verb_forms_span(&s.replace("ss", "ß"), &l.replace("ss", "ß"));
    }
    let readings = &lex.form_arena[forms.0 as usize..forms.1 as usize];
    if super::np::core_word(s, kind, b) {
        b |= bits::CORE;
    }
    if super::np::adjective_word(s, l, kind, b, readings) {
        b |= bits::ADJ;
    }
    WordFeat {
        bits: b | name,
        role: match kind {
            TokKind::Word if noun_like => lex.role_of(s, l).copied(),
            TokKind::Word => lex.role_plain(l).copied(),
            _ => None,
        },
        forms,
        lower,
    }
}

/// One token as a nom item: its text, its class and where it stands in the document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct W<'a> {
    pub s: &'a str,
    /// (the token and its features by reference: the parsers copy a `W` per token test and
    /// collect them in vectors, and the copies were 88 bytes each)
    pub t: &'a Token,
    /// Index in the document's token list.
    pub i: usize,
    /// What the lexicon says about it.
    pub f: &'a Feat<'a>,
}

impl<'a> W<'a> {
    /// Is it a word whose first character is upper case?
    pub(crate) fn is_upper(&self) -> bool {
        self.f.bits & bits::UPPER != 0
    }
    /// Is it a word whose first character is lower case?
    pub(crate) fn is_lower(&self) -> bool {
        self.f.bits & bits::LOWER != 0
    }
    pub(crate) fn is(&self, s: &str) -> bool {
        self.s == s
    }
    pub(crate) fn is_punct(&self) -> bool {
        self.t.kind == TokKind::Punct
    }
    /// Has the word all of these [`bits`]?
    pub(crate) fn has(&self, b: u32) -> bool {
        self.f.bits & b == b
    }
}

/// A window of the document's tokens.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Toks<'a, K: TableKind> {
    // (no text: each feature record holds its token's word, and nom copies this view at
    // every step)
    pub toks: &'a [Token],
    /// Features of the whole document's tokens (indexed by document index).
    pub feats: Feats<'a, K>,
    /// Document index of `toks[0]`.
    pub base: usize,
}

impl<'a, K: TableKind> Toks<'a, K> {
    /// The tokens `[start, end)` of a document (`_text`, which the records' words are cut
    /// from, is kept in the signature for the callers).
    pub(crate) fn new(
        _text: &'a str,
        all: &'a [Token],
        feats: Feats<'a, K>,
        start: usize,
        end: usize,
    ) -> Self {
        let end = end.min(all.len());
        let start = start.min(end);
        Toks {
            toks: &all[start..end],
            feats,
            base: start,
        }
    }
    pub(crate) fn get(&self, k: usize) -> Option<W<'a>> {
        self.toks.get(k).map(|t| {
            let f = self.feats.at(self.base + k);
            W {
                s: f.word,
                t,
                i: self.base + k,
                f,
            }
        })
    }
    pub(crate) fn first(&self) -> Option<W<'a>> {
        self.get(0)
    }
}

/// Iterates a [`Toks`] window as [`W`] items.
pub(crate) struct Iter<'a, K: TableKind> {
    toks: Toks<'a, K>,
    k: usize,
}

impl<'a, K: TableKind> Iterator for Iter<'a, K> {
    type Item = W<'a>;
    fn next(&mut self) -> Option<W<'a>> {
        let w = self.toks.get(self.k)?;
        self.k += 1;
        Some(w)
    }
}

impl<'a, K: TableKind> nom::Input for Toks<'a, K> {
    type Item = W<'a>;
    type Iter = Iter<'a, K>;
    type IterIndices = Enumerate<Iter<'a, K>>;

    fn input_len(&self) -> usize {
        self.toks.len()
    }
    fn take(&self, index: usize) -> Self {
        Toks {
            toks: &self.toks[..index],
            feats: self.feats,
            base: self.base,
        }
    }
    fn take_from(&self, index: usize) -> Self {
        Toks {
            toks: &self.toks[index..],
            feats: self.feats,
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
pub(crate) type TResult<'a, K, O> = nom::IResult<Toks<'a, K>, O, ()>;

/// Matches one token satisfying `pred`.
pub(crate) fn tok<'a, K: TableKind>(
    pred: impl Fn(&W<'a>) -> bool,
) -> impl Fn(Toks<'a, K>) -> TResult<'a, K, W<'a>> {
    move |input: Toks<'a, K>| match input.first() {
        Some(w) if pred(&w) => Ok((nom::Input::take_from(&input, 1), w)),
        _ => Err(nom::Err::Error(())),
    }
}

/// A run of one or more tokens satisfying `pred`, as `many1(tok(pred))` matches it, without
/// collecting the run into a vector: returns its first and last token and its length. (The noun
/// phrase's complements and appositions read no more than that, and the vector was an
/// allocation per attempt.)
pub(crate) fn run1<'a, K: TableKind>(
    pred: impl Fn(&W<'a>) -> bool,
) -> impl Fn(Toks<'a, K>) -> TResult<'a, K, (W<'a>, W<'a>, usize)> {
    move |input: Toks<'a, K>| {
        let first = match input.first() {
            Some(w) if pred(&w) => w,
            _ => return Err(nom::Err::Error(())),
        };
        let (mut last, mut n) = (first, 1);
        while let Some(w) = input.get(n).filter(|w| pred(w)) {
            last = w;
            n += 1;
        }
        Ok((nom::Input::take_from(&input, n), (first, last, n)))
    }
}

/// Matches one token with exactly this text.
pub(crate) fn lit<'a, K: TableKind>(
    s: &'static str,
) -> impl Fn(Toks<'a, K>) -> TResult<'a, K, W<'a>> {
    tok(move |w| w.s == s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every token's lower-cased word is its `to_lowercase`, whether it differs from the word
    /// (`Ärger`, `ẞ` and the Kelvin sign, whose lower case has another length) or is the word.
    #[test]
    fn lower_words_are_to_lowercase() {
        let lex = Lexicon::builtin();
        let text = "ÄRGER über STRASSE ẞ und \u{212A}elvin, Sprecher:IN „Zitat“ 3,5 İstanbul ΟΔΟΣ";
        let toks = crate::text::tokenize(text);
        // (the cache's buffer given back after a document, as the engine does, and kept by a
        // document whose analysis failed: the next starts afresh)
        for give in [true, true, false, false, true, true] {
            let (feats, lower) = features(text, &toks, lex);
            for (t, f) in toks.iter().zip(feats.view::<PerToken>().iter()) {
                let s = t.text(text);
                let l = lower_of(f, &lower);
                assert_eq!(l, s.to_lowercase(), "{s}");
            }
            drop(feats);
            if give {
                give_back(lower);
            }
        }
    }

    /// Shared records (a long document) say for every token what a record per token says,
    /// also across documents (the word cache numbers the records per document).
    #[test]
    fn shared_records_are_the_tokens_records() {
        let lex = Lexicon::builtin();
        let texts = [
            "„Wir kommen“, sagte Innenminister Markus Feld. ÄRGER über STRASSE, sagte er, \
             Er sagte, es sei gut; er sagte: „Wir kommen.“ Bundesgesundheitsministerin Feld sagte.",
            "Feld sagte, er komme. Die Polizei teilte mit, es gebe keine Verletzten: ja, ja.",
        ];
        for text in texts.iter().chain(&texts) {
            let toks = crate::text::tokenize(text);
            let (own, own_lower) = table(text, &toks, lex, false);
            let (shared, shared_lower) = table(text, &toks, lex, true);
            let (own, shared) = (own.view::<PerToken>(), shared.view::<Shared>());
            assert_eq!(own.len(), toks.len());
            assert_eq!(shared.len(), toks.len());
            assert!(shared.words.len() < toks.len());
            for (a, b) in own.iter().zip(shared.iter()) {
                assert_eq!(a.word, b.word);
                // (a role noun has no `PartialEq`: compared as it prints)
                assert_eq!(
                    (a.bits, format!("{:?}", a.role), a.forms),
                    (b.bits, format!("{:?}", b.role), b.forms),
                    "{}",
                    a.word
                );
                assert_eq!(lower_of(a, &own_lower), lower_of(b, &shared_lower));
            }
        }
    }

    /// Different words of up to 15 bytes get different short keys; longer ones get none.
    #[test]
    fn short_keys_tell_words_apart() {
        let words = [
            "a",
            "b",
            "ab",
            "ba",
            "abc",
            "a\0",
            "a\0\0",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh\0",
            "ä",
            "Ä",
            "äb",
            "123456789012345",
            "12345678901234",
            "123456789012344",
        ];
        let mut seen = std::collections::HashMap::new();
        for w in words {
            let k = short_key(w).expect("short");
            assert_eq!(seen.insert(k, w), None, "{w:?} collides");
        }
        assert_eq!(short_key(""), None);
        assert_eq!(short_key("1234567890123456"), None);
    }

    /// The word cache's short table finds each word's own entry across growth and after
    /// being emptied, and finds no word it has not been given.
    #[test]
    fn short_table_keeps_each_words_entry() {
        let mut t = ShortTable::default();
        let entry = |id| Packed {
            forms_from: id,
            ..Packed::default()
        };
        let key = |n: u32| short_key(&format!("w{n}")).expect("short");
        for round in 0..2 {
            for n in 0..5_000u32 {
                assert_eq!(t.find(key(n)), None, "w{n} is new");
                let i = t.insert(key(n), entry(n));
                assert_eq!(t.slots[i].v.forms_from, n);
            }
            assert_eq!(t.len(), 5_000);
            for n in 0..5_000u32 {
                let i = t.find(key(n)).expect("known");
                assert_eq!(t.slots[i].v.forms_from, n, "round {round}");
            }
            t.clear();
            assert_eq!(t.len(), 0);
        }
    }

    /// A packed entry gives the record its entry gives.
    #[test]
    fn packed_entry_is_the_entry() {
        let role = Some(RoleNoun {
            kind: crate::grammar::NounType::Media,
            female: Some(true),
            plural: false,
        });
        for (bits, forms, lower) in [
            (0, (0, 0), SAME),
            (bits::SOLLEN | bits::NAME, (7, 9), (3, 10)),
            (1, (100, 355), (u32::MAX - 300, u32::MAX - 45)),
        ] {
            let c = Cached {
                feat: WordFeat {
                    bits,
                    role,
                    forms,
                    lower: None,
                },
                lower,
                document: 0,
                id: 0,
            };
            let (a, b) = (make(&c, "w"), Packed::of(&c).expect("packs").feat("w"));
            assert_eq!(
                (a.bits, a.forms, a.lower, format!("{:?}", a.role)),
                (b.bits, b.forms, b.lower, format!("{:?}", b.role))
            );
        }
        let mut c = Cached::default();
        c.feat.forms = (0, 256);
        assert!(Packed::of(&c).is_none(), "a range longer than a byte");
    }

    /// The word-list bits say what the lists say of the token's lower-cased word, for words
    /// with a gender mark and punctuation too, whether the word cache knew the word or not.
    #[test]
    fn list_bits_are_the_lists() {
        let lex = Lexicon::builtin();
        let text = "Wie verlautete, hieß es laut Polizei: Der Vorwurf, Vorwurf:in, NACH „zufolge“ \
                    Es wurde bekannt, dem Vernehmen nach. (wie) Ursula von der Leyen, De Maizière";
        let toks = crate::text::tokenize(text);
        for _ in 0..2 {
            let (feats, lower) = features(text, &toks, lex);
            for f in feats.view::<PerToken>().iter() {
                let l = lower_of(f, &lower);
                let has = |b: u32| f.bits & b != 0;
                assert_eq!(
                    has(bits::IMPERSONAL),
                    lex.impersonal_by_first.get(l).is_some(),
                    "{l}"
                );
                assert_eq!(
                    has(bits::ACCORDING),
                    lex.according_triggers.contains(l),
                    "{l}"
                );
                assert_eq!(has(bits::SPEECH_NOUN), lex.speech_nouns.contains(l), "{l}");
                assert_eq!(has(bits::SOLLEN), matches!(l, "soll" | "sollen"), "{l}");
            }
            for (t, f) in toks.iter().zip(feats.view::<PerToken>().iter()) {
                let s = t.text(text);
                assert_eq!(
                    f.bits & bits::PARTICLE != 0,
                    crate::rules::words::is_name_particle(s),
                    "{s}"
                );
                let word = t.kind == TokKind::Word;
                let first = s.chars().next();
                assert_eq!(
                    f.bits & bits::UPPER != 0,
                    word && first.is_some_and(char::is_uppercase),
                    "{s}"
                );
                assert_eq!(
                    f.bits & bits::LOWER != 0,
                    word && first.is_some_and(char::is_lowercase),
                    "{s}"
                );
            }
        }
    }

    /// The NAME bit says what `Lexicon::names` says of the word as written, also for a word
    /// with a gender mark and for punctuation, whether the word cache knew the word or not.
    #[test]
    fn name_bit_is_the_names_table() {
        let lex = Lexicon::builtin();
        let text = "Anna:innen Anna sagte, Markus Feld und Will Grant: „Ja“. anna Sprecher:in";
        let toks = crate::text::tokenize(text);
        for _ in 0..2 {
            let (feats, _) = features(text, &toks, lex);
            for (t, f) in toks.iter().zip(feats.view::<PerToken>().iter()) {
                let s = t.text(text);
                assert_eq!(f.bits & bits::NAME != 0, lex.names.contains_key(s), "{s}");
            }
        }
    }
}

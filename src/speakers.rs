//! The speaker stage: entities and coreference.
//!
//! A user wants the person, not the mention: `„…“, sagte er` must come out as Antony Blinken,
//! US-Außenminister. Mentions are clustered into entities by name (surname and full-name
//! variants, genitive `-s`), pronouns resolve by gender, number and salience (the previous
//! speaker first, then the most recent compatible person), role nouns (`der Minister`) to the
//! entity that carries that role.

use crate::claims::{Entity, Span, SpeakerType};
use crate::grammar::{Gender, Lexicon, NounType};
use crate::rules::np::Np;
// (a first name, read off the per-token table instead of hashing the word again)
use crate::rules::toks::TableKind;
use crate::rules::toks::bits::NAME;
use crate::rules::words::{is_det, is_det_lower, is_name_article};
use crate::rules::{Ctx, Draft};
use crate::text::TokKind;

/// What the engine knows about one entity while it reads.
#[derive(Debug, Clone)]
pub(crate) struct EntityDraft {
    pub name: String,
    /// Name words (no role nouns, no article), for matching later mentions.
    pub name_words: Vec<String>,
    pub role: Option<String>,
    /// Further roles the text gives the entity (`Gewerkschaftschef Konrad Freiberg` … `Der
    /// GdP-Vorsitzende Konrad Freiberg`): a later `der GdP-Vorsitzende` must find him too.
    pub other_roles: Vec<String>,
    pub kind: SpeakerType,
    pub female: Option<bool>,
    pub plural: bool,
    pub mentions: Vec<(usize, usize)>,
    /// The comparable forms of the role words, computed on first use: role anaphora asks every
    /// entity for every description, and re-deriving them each time dominated long texts.
    /// Reset whenever `role` or `other_roles` change.
    pub role_keys: std::cell::OnceCell<Vec<String>>,
    /// One of the mentions so far opens with a capitalised `Der` (a masculine institution,
    /// `Der Verband … Er`): kept as a flag, not searched in the mentions for every pronoun.
    pub der_mention: bool,
}

impl EntityDraft {
    /// A new entity, not yet mentioned and with no other roles.
    fn new(
        name: String,
        name_words: Vec<String>,
        role: Option<String>,
        kind: SpeakerType,
        female: Option<bool>,
        plural: bool,
    ) -> Self {
        EntityDraft {
            name: without_marks(name),
            name_words,
            role,
            other_roles: Vec::new(),
            role_keys: Default::default(),
            der_mention: false,
            kind,
            female,
            plural,
            mentions: Vec::new(),
        }
    }

    /// Does any role the text gives this entity carry the role noun whose [`role_key`] is
    /// `want`? (`venezolanische Staatschef` carries `staatschef`; `Staatsanwaltschaft` does not
    /// carry `staatsanwalt`.)
    fn has_role_key(&self, want: &str) -> bool {
        self.role_keys
            .get_or_init(|| {
                self.role
                    .iter()
                    .chain(&self.other_roles)
                    .flat_map(|r| r.split([' ', ';']))
                    .map(role_key)
                    .collect()
            })
            .iter()
            .any(|r| r == want || (r.ends_with(want) && r.len() >= want.len() + 3))
    }

    fn set_role(&mut self, role: String) {
        self.role = Some(role);
        self.role_keys = Default::default();
    }

    fn add_other_role(&mut self, role: String) {
        self.other_roles.push(role);
        self.role_keys = Default::default();
    }
}

/// How a mention resolved.
#[derive(Debug, Clone)]
pub(crate) struct Resolution {
    pub entity: Option<usize>,
}

/// The role or name words of a phrase: up to [`Words::INLINE`] in place, more in a vector. A
/// phrase is analysed for every mention, and two vectors per mention were two allocations
/// (nearly every phrase has a few words of each).
enum Words<'a> {
    Inline([&'a str; Words::INLINE], usize),
    Heap(Vec<&'a str>),
}

impl<'a> Words<'a> {
    const INLINE: usize = 6;

    fn new() -> Self {
        Words::Inline([""; Words::INLINE], 0)
    }

    fn one(w: &'a str) -> Self {
        let mut words = Words::new();
        words.push(w);
        words
    }

    fn push(&mut self, w: &'a str) {
        match self {
            Words::Inline(a, n) if *n < Words::INLINE => {
                a[*n] = w;
                *n += 1;
            }
            Words::Inline(a, n) => {
                let mut v = Vec::with_capacity(2 * Words::INLINE);
                v.extend_from_slice(&a[..*n]);
                v.push(w);
                *self = Words::Heap(v);
            }
            Words::Heap(v) => v.push(w),
        }
    }

    fn pop(&mut self) -> Option<&'a str> {
        match self {
            Words::Inline(a, n) => {
                *n = n.checked_sub(1)?;
                Some(a[*n])
            }
            Words::Heap(v) => v.pop(),
        }
    }

    /// The words from `at` on, taken off the end (`Vec::split_off`).
    fn split_off(&mut self, at: usize) -> Vec<&'a str> {
        let tail = self[at..].to_vec();
        match self {
            Words::Inline(_, n) => *n = at,
            Words::Heap(v) => v.truncate(at),
        }
        tail
    }

    fn retain(&mut self, keep: impl Fn(&&'a str) -> bool) {
        match self {
            Words::Inline(a, n) => {
                let mut m = 0;
                for k in 0..*n {
                    if keep(&a[k]) {
                        a[m] = a[k];
                        m += 1;
                    }
                }
                *n = m;
            }
            Words::Heap(v) => v.retain(keep),
        }
    }
}

impl<'a> std::ops::Deref for Words<'a> {
    type Target = [&'a str];
    fn deref(&self) -> &[&'a str] {
        match self {
            Words::Inline(a, n) => &a[..*n],
            Words::Heap(v) => v,
        }
    }
}

impl<'a> std::ops::DerefMut for Words<'a> {
    fn deref_mut(&mut self) -> &mut [&'a str] {
        match self {
            Words::Inline(a, n) => &mut a[..*n],
            Words::Heap(v) => v,
        }
    }
}

impl<'a> Extend<&'a str> for Words<'a> {
    fn extend<I: IntoIterator<Item = &'a str>>(&mut self, words: I) {
        for w in words {
            self.push(w);
        }
    }
}

impl<'a> FromIterator<&'a str> for Words<'a> {
    fn from_iter<I: IntoIterator<Item = &'a str>>(words: I) -> Self {
        let mut out = Words::new();
        out.extend(words);
        out
    }
}

/// Splits a phrase into role words and name words, and reads gender and type off it.
/// The words borrow from the text (or are fixed marks): a phrase is analysed for every mention,
/// and a `String` per word was most of that cost.
struct Analysed<'a> {
    role_words: Words<'a>,
    name_words: Words<'a>,
    kind: SpeakerType,
    female: Option<bool>,
    plural: bool,
    pronoun: Option<&'a str>,
}

/// The entities of a document with two look-ups by name, kept in step as entities arrive: a
/// book-length text has thousands of them, and comparing every name for every mention grew
/// with the text (on a 10 MB line, a third of the time went to it). Indexing never changes an
/// answer: candidates are re-checked by the same test, in entity order.
///
/// The indexes are keyed by a 64-bit hash of the name or word, not by a copy of it: two
/// strings that share a hash only add candidates, and every candidate is re-checked against
/// the entity's current name (`named`) or name words (the test of `with_word`, which only an
/// entity with a matching name word passes, and such an entity is always indexed under that
/// word), so the first one to pass is the same. (A `String` key cost an allocation and a
/// second look-up per new key.)
#[derive(Default)]
pub(crate) struct Entities {
    list: Vec<EntityDraft>,
    /// Entity ids by every name they have had, ascending (a name grows: `Hartmann` →
    /// `Peter Hartmann`).
    by_name: crate::grammar::WordMap<u64, Ids>,
    /// Entity ids by every name word and its form without a genitive `-s`, ascending.
    by_word: crate::grammar::WordMap<u64, Ids>,
    /// Entities indexed so far (new ones are picked up at the next look-up).
    indexed: usize,
}

/// The index key of a name or word.
fn key_of(s: &str) -> u64 {
    use std::hash::BuildHasher;
    std::hash::BuildHasherDefault::<crate::grammar::WordHash>::default().hash_one(s)
}

/// The entity ids under one key of an index, ascending and without repeats: nearly every key
/// has one entity, which is kept without a vector (an allocation per key).
enum Ids {
    One(usize),
    Many(Vec<usize>),
}

impl Ids {
    fn as_slice(&self) -> &[usize] {
        match self {
            Ids::One(i) => std::slice::from_ref(i),
            Ids::Many(v) => v,
        }
    }
}

/// Adds entity `i` under `key` in an index (once, in order).
fn index_under(index: &mut crate::grammar::WordMap<u64, Ids>, key: &str, i: usize) {
    // (room for an article's names from the start: grown from empty, the table was rehashed
    // four or five times per document)
    if index.capacity() == 0 {
        index.reserve(64);
    }
    match index.entry(key_of(key)) {
        std::collections::hash_map::Entry::Vacant(e) => {
            e.insert(Ids::One(i));
        }
        std::collections::hash_map::Entry::Occupied(mut e) => match e.get_mut() {
            Ids::One(j) if *j == i => {}
            Ids::One(j) => {
                let mut ids = vec![*j, i];
                ids.sort_unstable();
                e.insert(Ids::Many(ids));
            }
            Ids::Many(ids) => {
                if ids.last() != Some(&i) && !ids.contains(&i) {
                    ids.push(i);
                    ids.sort_unstable();
                }
            }
        },
    }
}

impl std::ops::Deref for Entities {
    type Target = Vec<EntityDraft>;
    fn deref(&self) -> &Vec<EntityDraft> {
        &self.list
    }
}

impl std::ops::DerefMut for Entities {
    fn deref_mut(&mut self) -> &mut Vec<EntityDraft> {
        &mut self.list
    }
}

impl Entities {
    fn sync(&mut self) {
        while self.indexed < self.list.len() {
            let i = self.indexed;
            self.renamed(i);
            self.indexed += 1;
        }
    }

    /// Indexes entity `i` under its current name and name words (again after they changed).
    fn renamed(&mut self, i: usize) {
        // (one not indexed yet is picked up by `sync`, in order)
        if i > self.indexed {
            return;
        }
        index_under(&mut self.by_name, &self.list[i].name, i);
        for w in &self.list[i].name_words {
            // (a word without a genitive `-s` is one key: indexing it twice changed nothing)
            let bare = strip_genitive(w);
            let other = (bare.len() != w.len()).then_some(bare);
            for key in std::iter::once(w.as_str()).chain(other) {
                index_under(&mut self.by_word, key, i);
            }
        }
    }

    /// The group entity named `name` (`Al Gore; Angela Merkel`), made when there is none yet.
    fn group(&mut self, name: String) -> usize {
        self.named(&name).unwrap_or_else(|| {
            self.push(EntityDraft::new(
                name,
                Vec::new(),
                None,
                SpeakerType::Group,
                None,
                true,
            ));
            self.len() - 1
        })
    }

    /// The first entity named exactly `name`.
    fn named(&mut self, name: &str) -> Option<usize> {
        self.sync();
        self.by_name
            .get(&key_of(name))?
            .as_slice()
            .iter()
            .copied()
            .find(|&i| self.list[i].name == name)
    }

    /// The first entity that has a name word matching `word` ([`words_match`]) and passes
    /// `test`. (`test` must pass only an entity with such a name word: the index is keyed by
    /// hashes, see [`Entities`].)
    fn with_word(&mut self, word: &str, test: impl Fn(&EntityDraft) -> bool) -> Option<usize> {
        self.sync();
        let a = self
            .by_word
            .get(&key_of(word))
            .map_or(&[][..], Ids::as_slice);
        let b = self
            .by_word
            .get(&key_of(strip_genitive(word)))
            .map_or(&[][..], Ids::as_slice);
        // both lists ascend: walk them merged, the lower id first
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            let next = match (a.get(i), b.get(j)) {
                (Some(&x), Some(&y)) if x <= y => {
                    i += 1;
                    if x == y {
                        j += 1;
                    }
                    x
                }
                (Some(_), Some(&y)) => {
                    j += 1;
                    y
                }
                (Some(&x), None) => {
                    i += 1;
                    x
                }
                (None, Some(&y)) => {
                    j += 1;
                    y
                }
                (None, None) => break,
            };
            if test(&self.list[next]) {
                return Some(next);
            }
        }
        None
    }

    /// The list, for the output stage.
    pub(crate) fn into_vec(self) -> Vec<EntityDraft> {
        self.list
    }
}

/// The speaker type a role noun's kind gives.
fn speaker_type(kind: NounType) -> SpeakerType {
    match kind {
        NounType::Person => SpeakerType::Person,
        NounType::Organisation => SpeakerType::Organisation,
        NounType::Media => SpeakerType::Media,
        NounType::Document => SpeakerType::Document,
        NounType::Group => SpeakerType::Group,
    }
}

fn strip_genitive(w: &str) -> &str {
    w.strip_suffix("s").filter(|s| s.len() >= 3).unwrap_or(w)
}

fn analyse<'a, K: TableKind>(ctx: &Ctx<'a, K>, np: &Np, plural_verb: bool) -> Analysed<'a> {
    let lex: &Lexicon = ctx.lex;
    let mut role_words = Words::new();
    let mut name_words = Words::new();
    let mut kind = None;
    let mut female = None;
    let mut plural = false;
    let first = ctx.s(np.start);
    if np.pronoun {
        // (the lower-cased word of the per-token table, not a new String per mention)
        let p = ctx.lower(np.start);
        let (f, pl, k) = match p {
            "er" | "dieser" | "letzterer" | "jener" | "ihm" => {
                (Some(false), false, SpeakerType::Person)
            }
            "ihnen" => (None, true, SpeakerType::Group),
            "sie" if plural_verb => (None, true, SpeakerType::Group),
            "sie" | "diese" | "letztere" | "ihr" => (Some(true), false, SpeakerType::Person),
            "wir" | "beide" | "alle" => (None, true, SpeakerType::Group),
            "man" => (None, false, SpeakerType::Anonymous),
            _ => (None, false, SpeakerType::Person),
        };
        return Analysed {
            role_words,
            name_words,
            kind: k,
            female: f,
            plural: pl,
            pronoun: Some(p),
        };
    }
    // `Moskau erklärte, …`: a capital alone speaks for its government (`grammar/capitals.tsv`),
    // an institution named by the city, whatever a first name of the same spelling says (`Riad`)
    if let Some(government) = ctx.capital(np.start, np.end) {
        return Analysed {
            role_words: government.split(' ').collect(),
            name_words: text_of(ctx, np.start, np.end).split(' ').collect(),
            kind: SpeakerType::Organisation,
            female: None,
            plural: false,
            pronoun: None,
        };
    }
    // `„BBC News“ berichtet`, `„Muslix64“ erwähnte`: a quoted name is the name as written
    // between the marks (a medium or an institution when one of its words is known as one)
    // (after an article too: `die „Computerwoche“`)
    let qs = if ctx.has(np.start, crate::rules::toks::bits::DET) {
        np.start + 1
    } else {
        np.start
    };
    if np.end >= qs + 3
        && ctx
            .quote_at(qs)
            .is_some_and(|q| ctx.quotes[q].open == qs && ctx.quotes[q].close == Some(np.end - 1))
    {
        let inner = qs + 1..np.end - 1;
        let kind = inner
            .clone()
            .find_map(|k| ctx.role(k))
            // (a title in quotation marks is a publication's more often than not: `„heise
            // online“ berichtet`)
            .map_or(SpeakerType::Media, |r| match r.kind {
                NounType::Media => SpeakerType::Media,
                NounType::Organisation => SpeakerType::Organisation,
                _ => SpeakerType::Person,
            });
        let text = &ctx.text[ctx.toks[qs + 1].start as usize..ctx.toks[np.end - 2].end as usize];
        return Analysed {
            role_words,
            name_words: text.split_whitespace().collect(),
            kind,
            female: None,
            plural: false,
            pronoun: None,
        };
    }
    // `80 Prozent der Befragten`: a share of people, named as written
    if np.end > np.start + 1 && crate::rules::np::opens_share(first, ctx.s(np.start + 1)) {
        return Analysed {
            role_words,
            name_words: (np.start..np.end).map(|k| ctx.s(k)).collect(),
            kind: SpeakerType::Group,
            female: None,
            plural: true,
            pronoun: None,
        };
    }
    // `von der Leyen`: a name that starts with its particle
    if ctx.has(np.start, crate::rules::toks::bits::PARTICLE) {
        return Analysed {
            role_words,
            name_words: (np.start..np.end).map(|k| ctx.s(k)).collect(),
            kind: SpeakerType::Person,
            female: None,
            plural: false,
            pronoun: None,
        };
    }
    // `seiner Meinung nach`, `ihren Angaben zufolge`: a possessive stands for its owner
    let possessive = ctx.lower(np.start);
    if np.end - np.start == 2
        && ctx.has(np.start + 1, crate::rules::toks::bits::SOURCE)
        && (possessive.starts_with("sein") || possessive.starts_with("ihr"))
    {
        let male = possessive.starts_with("sein");
        return Analysed {
            role_words,
            name_words,
            kind: SpeakerType::Person,
            female: if male { Some(false) } else { None },
            plural: false,
            // `ihrer Meinung nach`: a woman, a feminine institution or several people
            pronoun: Some(if male { "er" } else { "ihr-" }),
        };
    }
    // `Kraus' Angaben`, `Celebis Angaben`: a genitive name before the source noun
    if np.end - np.start >= 2 && ctx.has(np.end - 1, crate::rules::toks::bits::SOURCE) {
        let mut g = np.end - 2;
        if matches!(ctx.s(g), "'" | "’") && g > np.start {
            g -= 1;
        }
        let w = ctx.s(g);
        // (`Ersten Angaben zufolge`: an adjective capitalised at the sentence start is none)
        if upper_at(ctx, g)
            && !is_det_at(ctx, g)
            && !crate::rules::words::is_source_adjective(ctx.lower(g))
        {
            let base = if ctx.s(g + 1) == "'" || ctx.s(g + 1) == "’" {
                w
            } else {
                w.strip_suffix('s').unwrap_or(w)
            };
            return Analysed {
                role_words,
                name_words: Words::one(base),
                kind: SpeakerType::Person,
                female: None,
                plural: false,
                pronoun: None,
            };
        }
    }
    let mut k = np.start;
    // `Angaben der Polizei`, `eigenen Angaben`: the source is the complement, not the noun
    // (`Ersten Angaben zufolge`: an adjective capitalised at the sentence start too)
    while k < np.end
        && (ctx.has(k, crate::rules::toks::bits::DET)
            || lower_at(ctx, k)
            || k + 1 < np.end
                && ctx.has(k + 1, crate::rules::toks::bits::SOURCE)
                && crate::rules::words::is_source_adjective(ctx.lower(k)))
    {
        k += 1;
    }
    let mut source_start = None;
    // (`aus Reihen des Gerichts`, `aus Kreisen der Regierung`: the circle stands for the
    // institution named after it)
    let circle = k + 2 < np.end
        && matches!(ctx.lower(k), "reihen" | "kreisen" | "umfeld")
        && matches!(ctx.s(k + 1), "des" | "der");
    // (`die Forderungen von Politikern der SPD`, `der Ankündigung des Sekretärs`: a speech noun
    // with its speaker after it stands for that speaker, as a source noun does)
    let owned_speech = k + 2 < np.end
        && ctx.has(k, crate::rules::toks::bits::SPEECH_NOUN)
        && matches!(ctx.s(k + 1), "von" | "vom" | "des" | "der");
    if k < np.end && (ctx.has(k, crate::rules::toks::bits::SOURCE) || circle || owned_speech) {
        k += 1;
        // (`Angaben informierter Kreise`: an adjective of a genitive without article too)
        while k < np.end
            && (matches!(
                ctx.s(k),
                "von" | "vom" | "seines" | "seiner" | "ihres" | "ihrer"
            ) || ctx.has(k, crate::rules::toks::bits::DET)
                || k + 1 < np.end && lower_at(ctx, k) && ctx.s(k).ends_with("er"))
        {
            k += 1;
        }
        source_start = Some(k);
        // `Polizeiangaben`, `Unternehmensangaben`: the compound's stem is the source, with the
        // kind its role noun gives
        let noun = ctx.s(k - 1);
        let stem = source_name(ctx, noun);
        if k == np.end
            && stem.len() < noun.len()
            && let Some(r) = lex.role(stem)
        {
            role_words.push(stem);
            kind = Some(speaker_type(r.kind));
            plural = r.plural;
        }
    } else {
        k = np.start;
    }
    let mut in_complement = false;
    let mut in_parens = false;
    let mut gender_by_name = false;
    // name words before this index stand before the last comma: an apposition's role
    // (`Lena Brandt, die Vorsitzende`) does not qualify them
    let mut segment_names = 0;
    let mut described = false;
    while k < np.end {
        let s = ctx.s(k);
        // `Dr. Heino Stoever`, `Prof. Dr. …`: a title is no part of the name; `Matthias W.
        // Beckmann`: an initial keeps its full stop
        if k + 1 < np.end && ctx.s(k + 1) == "." && !in_complement {
            if crate::rules::np::is_academic_title(s) {
                k += 2;
                continue;
            }
            if crate::text::one_char(s) && upper_at(ctx, k) {
                name_words
                    .push(&ctx.text[ctx.toks[k].start as usize..ctx.toks[k + 1].end as usize]);
                k += 2;
                continue;
            }
        }
        // `Der Fernsehsender „Channel 10“`: the quoted title is the name, its marks are not
        if ctx.in_name_quote(k)
            && !in_complement
            && let Some(q) = ctx.quote_at(k)
            && let Some(close) = ctx.quotes[q].close
        {
            // as written between the marks: `„icelandreview.com“`, `„Channel 10“`
            let from = ctx.quotes[q].open + 1;
            if from < close {
                let text =
                    &ctx.text[ctx.toks[from].start as usize..ctx.toks[close - 1].end as usize];
                name_words.extend(text.split_whitespace());
            }
            k = close + 1;
            continue;
        }
        // `Ursula von der Leyen`: a name particle after a name continues the name
        // (right after a name word: `Ayman Nour, dem Herausforderer von Mubarak` is no
        // `Nour von Mubarak`)
        if ctx.has(k, crate::rules::toks::bits::PARTICLE)
            && s.starts_with(char::is_lowercase)
            && name_words.len() > segment_names
            && upper_at(ctx, k - 1)
            && ctx.role(k - 1).is_none()
            && !in_complement
        {
            let mut j = k + 1;
            if j < np.end && is_name_article(ctx.s(j)) {
                j += 1;
            }
            // (an acronym after the particle is an organisation: `Kurt Beck von der SPD`)
            if j + 1 == np.end && upper_at(ctx, j) && ctx.role(j).is_none() && !is_acronym(ctx.s(j))
            {
                name_words.extend((k..=j).map(|m| ctx.s(m)));
                break;
            }
        }
        if matches!(
            s,
            "des"
                | "der"
                | "von"
                | "vom"
                | "aus"
                | "in"
                | "im"
                | "bei"
                | "beim"
                | "seines"
                | "seiner"
                | "ihres"
                | "ihrer"
                | "für"
                | ","
                | "("
        ) && k > np.start
            && Some(k) != source_start
        {
            in_complement = true;
        }
        // a party or an acronym in parentheses is never part of the name
        if s == "(" {
            in_parens = true;
        } else if s == ")" {
            in_parens = false;
        }
        if s == "," && !in_parens {
            segment_names = name_words.len();
            // an apposition after a role phrase names the person
            in_complement = false;
            role_words.push("|");
            // `Jim DeMint, ein prominentes Mitglied des Repräsentantenhauses`: an apposition
            // that opens with an article after a name describes the person
            described = segment_names > 0 && k + 1 < np.end && is_det_at(ctx, k + 1);
        }
        // `der Außenminister der Russischen Föderation Sergei Lawrow`: a first name after the
        // noun of an institution's complement names the role's holder (after a person's,
        // `die Ehefrau des Politikers Peter Müller`, it names that person)
        if in_complement
            && !in_parens
            && ctx.has(k, NAME)
            && k > np.start
            && upper_at(ctx, k - 1)
            && !ctx.has(k - 1, NAME)
            && !person_noun(ctx, lex, k - 1)
            && (k..np.end).all(|j| upper_at(ctx, j) && ctx.role(j).is_none())
            // (a name cut at an initial is the genitive's: `des Präsidenten George W`)
            && !crate::text::one_char(ctx.s(np.end - 1))
            && name_words.len() == segment_names
            // (a person's role, and a first name of the role's gender: not `Flughafen von Tel
            // Aviv`, `Ehemann des Broadway-Stars Bernadette Peters`)
            && kind == Some(SpeakerType::Person)
            && !lex.names.get(s).is_some_and(|g| {
                matches!(
                    (g, female),
                    (Gender::Male, Some(true)) | (Gender::Female, Some(false))
                )
            })
        {
            in_complement = false;
        }
        // `der 63-Jährige`: an age describes a person, it is no name
        // (`-Jährige` is nine bytes: a shorter word is none)
        let age = s.len() >= 9 && has_ae(s) && (s.contains("-Jährige") || s.contains("-jährige"));
        if age && !in_complement {
            kind = kind.or(Some(SpeakerType::Person));
            role_words.push(s);
        } else if upper_at(ctx, k) || (ctx.toks[k].kind == TokKind::Word && s.contains('-')) {
            // `Der Spiegel` after `das Nachrichtenmagazin`: the title's noun is a name here
            let titled_medium = k > np.start && media_title_article(ctx, np, k - 1);
            // (`Hans-Jürgen Papier`: a role noun right after a first name is a surname)
            let surname = !in_complement && k > np.start && ctx.has(k - 1, NAME);
            if let Some(r) = ctx.role(k).filter(|_| !titled_medium && !surname) {
                // `Human Rights Watch-Sprecher Malinowski`, `Osttimors Außenminister`: words
                // before the role noun qualify it, they are not the name
                if !in_complement && !in_parens {
                    let qualifiers = name_words.split_off(segment_names.min(name_words.len()));
                    role_words.extend(qualifiers);
                }
                if !in_complement {
                    if kind.is_none() {
                        kind = Some(speaker_type(r.kind));
                        female = female.or(r.female);
                        plural = r.plural;
                        // `von dem Einheimischen Telesforo Santillan`, `des Präsidenten`: the
                        // plural form of an adjectival or weak noun is its masculine dative and
                        // genitive singular
                        if r.plural
                            && s.ends_with("en")
                            && matches!(first, "dem" | "des" | "einem" | "eines")
                        {
                            kind = Some(SpeakerType::Person);
                            female = Some(false);
                            plural = false;
                        }
                    }
                    // `Angaben des Ministers`: the role is `Minister`, not its genitive
                    let genitive = (k > 0
                        && matches!(ctx.s(k - 1), "des" | "eines" | "seines" | "ihres"))
                    .then(|| {
                        ["es", "s"].iter().find_map(|e| {
                            s.strip_suffix(e).filter(|b| {
                                b.len() >= 4 && lex.role_plain(&b.to_lowercase()).is_some()
                            })
                        })
                    })
                    .flatten();
                    role_words.push(genitive.unwrap_or(s));
                } else {
                    role_words.push(s);
                }
            } else if !in_complement
                && k > np.start
                && ctx.role(k - 1).is_some()
                && s.ends_with('s')
                && k + 2 < np.end
                && ctx.s(k + 1) == ","
            {
                // `Der Präsident Indonesiens, Susilo Bambang Yudhoyono`: a genitive name after
                // the role noun qualifies the role; the apposition names the person
                role_words.push(s);
            } else if !in_complement
                && !in_parens
                && kind.is_none()
                && !ctx.has(k, NAME)
                && name_words.len() == segment_names
                && k + 1 < np.end
                && person_noun(ctx, lex, k)
            {
                // `der Ankündigung des ständigen Sekretärs des Nobelkomitees`, `von Politikern der
                // SPD`: a person's role noun in a form the lexicon does not list, before its
                // complement, is a role, not a name
                kind = Some(SpeakerType::Person);
                role_words.push(s);
            } else if described && name_words.len() == segment_names && !ctx.has(k, NAME) {
                // (its noun is a role the lexicon does not know, not a further name)
                role_words.push(s);
            } else if !in_complement
                && !in_parens
                && (!is_det_at(ctx, k) || media_title_article(ctx, np, k))
                && !is_adverb_at(ctx, k)
            {
                name_words.push(s);
                // (the NAME bit first: most words are no first name, and it spares the hash)
                if ctx.has(k, NAME)
                    && let Some(g) = lex.names.get(s)
                {
                    // the first name outweighs a role noun's form: `Der Abgeordnete Tobias
                    // Wendel` is a man though `Abgeordnete` is also the feminine form
                    // the first name outweighs a role noun's form (`Der Abgeordnete Tobias
                    // Wendel` is a man though `Abgeordnete` is also the feminine form); the
                    // first name in the phrase outweighs a later one
                    let by_name = match g {
                        Gender::Male => Some(false),
                        Gender::Female => Some(true),
                        Gender::Unisex => None,
                    };
                    if !gender_by_name && by_name.is_some() {
                        female = by_name;
                        gender_by_name = true;
                    }
                    kind = Some(SpeakerType::Person);
                }
            } else {
                role_words.push(s);
            }
        } else if !in_complement
            && !in_parens
            && name_words.len() == segment_names
            && ctx.toks[k].kind == TokKind::Word
            // (`die linke Szene`, `das grüne Trikot`: an adjective before a noun is none)
            && !(k + 1..np.end)
                .take_while(|&j| ctx.s(j) != ",")
                .any(|j| upper_at(ctx, j))
            && let Some(r) = ctx
                .role(k)
                .filter(|r| matches!(r.kind, NounType::Media | NounType::Organisation))
        {
            // `die taz`, `laut dpa`, `n24`: a medium or institution written in lower case is a
            // name all the same
            name_words.push(s);
            kind = kind.or(Some(speaker_type(r.kind)));
        } else if (in_complement || !is_det_at(ctx, k))
            // (not an apposition's article: `Mark Keefe, der Sprecher der Ambulanz`; the idiom
            // `seines Zeichens` stays for the role text to drop)
            && !(is_det_at(ctx, k)
                && !matches!(s, "seines" | "ihres")
                && k > np.start
                && ctx.s(k - 1) == ",")
        {
            role_words.push(s);
        }
        k += 1;
    }
    if !name_words.is_empty() && kind.is_none() {
        // `die SPD`, `die AfD`, `die CDU/CSU`, `der ADAC`: an acronym names an organisation
        // (people are not named by initials alone)
        // (and a legal form names a company: `die Volkswagen AG`, `Nordfracht GmbH`)
        kind = Some(
            if name_words.len() == 1 && is_acronym(name_words[0])
                || name_words.last().is_some_and(|w| is_legal_form(w))
            {
                SpeakerType::Organisation
            } else {
                SpeakerType::Person
            },
        );
    }
    // the article tells the grammatical gender of an institution (`die Polizei` is a `sie`,
    // `das Ministerium` is an `es`)
    if kind.is_some_and(|k| k != SpeakerType::Person) && !plural {
        female = match first {
            "die" | "Die" | "eine" | "Eine" => Some(true),
            "der" | "Der" | "das" | "Das" | "dem" | "den" | "des" | "ein" | "Ein" => Some(false),
            _ => female,
        };
    }
    // an adjectival noun has one form for both genders (`der Vorsitzende`, `die Vorsitzende`):
    // the nominative article decides, whatever the lexicon guessed
    // (the role words are looked up only for a person whose gender the name leaves open; a
    // name the lexicon does not know leaves it to the article too: `Der Vorsitzende Telesforo
    // Santillan`)
    let adjectival = || {
        role_words
            .iter()
            .any(|w| w.starts_with(char::is_uppercase) && w.ends_with('e') && lex.role(w).is_some())
    };
    if kind == Some(SpeakerType::Person)
        && (name_words.is_empty() || !gender_by_name)
        && adjectival()
    {
        match first {
            "der" | "Der" => female = Some(false),
            "die" | "Die" => female = Some(true),
            _ => {}
        }
    }
    // the article tells the gender of a person noun (`die Sprecherin`, `der 63-Jährige`)
    if female.is_none() && kind == Some(SpeakerType::Person) {
        match ctx.lower(np.start) {
            "die" | "eine" | "einer" => female = Some(true),
            "der" | "ein" | "eines" | "dem" => female = Some(false),
            _ => {}
        }
    }
    // `Die Verteidiger Strauss-Kahns`, `die Anwälte Kachelmanns`: a genitive name after a role
    // noun is whose role it is, not the speaker's name
    if !role_words.is_empty()
        && name_words.len() == 1
        && name_words[0].len() > 3
        && name_words[0].ends_with('s')
        && !lex.names.contains_key(name_words[0])
        && np.end > np.start
        && ctx.s(np.end - 1) == name_words[0]
        && matches!(ctx.s(np.start), "Die" | "die")
        && plural_verb
    {
        role_words.push(name_words.pop().expect("one name word"));
    }
    if role_words.is_empty() && name_words.is_empty() {
        // `Berichten zufolge`, `eine Schätzung, wonach …`: a source noun that names no source
        // is vague, not a mention left unresolved
        kind = kind.or(Some(if source_start.is_some() {
            SpeakerType::Vague
        } else {
            SpeakerType::Unresolved
        }));
    }
    // `Bereits am Sonntag zogen Demonstanten vor den Sitz … und skandierten …`: one unknown word
    // without an article that speaks with a plural verb is a group (here a misspelt plural),
    // not a person's name for a later `er`
    if plural_verb
        && np.end == np.start + 1
        && role_words.is_empty()
        && name_words.len() == 1
        && !lex.names.contains_key(name_words[0])
    {
        kind = Some(SpeakerType::Group);
        plural = true;
    }
    // an indefinite article in any case: `ein Sprecher`, `einen Gefängniswärter`, `einer Sprecherin`
    let indefinite = matches!(
        ctx.lower(np.start),
        "ein" | "eine" | "einen" | "einem" | "einer" | "eines"
    );
    let kind = kind.unwrap_or(if indefinite {
        SpeakerType::Anonymous
    } else {
        SpeakerType::Person
    });
    let kind = if kind == SpeakerType::Person && indefinite && name_words.is_empty() {
        SpeakerType::Anonymous
    } else {
        kind
    };
    // `ndr.de`, `„tagesschau.de“`: a web address is a medium
    let web = np.end > np.start + 2
        && (np.start..np.end).any(|k| ctx.s(k) == ".")
        && (np.start..np.end)
            .rev()
            .find(|&k| ctx.toks[k].kind == crate::text::TokKind::Word)
            .is_some_and(|k| {
                matches!(
                    ctx.s(k),
                    "de" | "com" | "net" | "org" | "at" | "ch" | "eu" | "info" | "uk"
                )
            });
    let kind = if web { SpeakerType::Media } else { kind };
    // (the address is the name, dots and all: `t-online.de`, not `t-online` with a role `. de`)
    if web
        && role_words.contains(&".")
        && let Some(tld) = (np.start..np.end)
            .rev()
            .find(|&k| ctx.toks[k].kind == crate::text::TokKind::Word)
    {
        // the tokens written together with the top-level domain
        let mut from = tld;
        while from > np.start && !ctx.toks[from].space_before {
            from -= 1;
        }
        let address = &ctx.text[ctx.toks[from].start as usize..ctx.toks[tld].end as usize];
        role_words.retain(|w| !address.contains(w));
        name_words = Words::one(address);
    }
    // `Meinung Russlands`, `Aussagen Gordons`: a bare genitive name after the source noun is
    // the name without its `-s`
    if source_start == Some(np.end - 1)
        && np.end >= 2
        && ctx.has(np.end - 2, crate::rules::toks::bits::SOURCE)
        && name_words.len() == 1
        && role_words.is_empty()
        && upper_at(ctx, np.end - 1)
    {
        name_words[0] = strip_genitive(name_words[0]);
    }
    Analysed {
        role_words,
        name_words,
        kind,
        female,
        plural,
        pronoun: None,
    }
}

/// `ctx.w(k).is_upper()` without building the token's view (the mention scan and the phrase
/// analysis ask it of nearly every word).
fn upper_at<K: TableKind>(ctx: &Ctx<'_, K>, k: usize) -> bool {
    ctx.has(k, crate::rules::toks::bits::UPPER)
}

/// `ctx.w(k).is_lower()`, the same way.
fn lower_at<K: TableKind>(ctx: &Ctx<'_, K>, k: usize) -> bool {
    ctx.has(k, crate::rules::toks::bits::LOWER)
}

/// `is_det_lower(ctx.lower(k))`, the DET bit first: it is set for every determiner, and the
/// word is matched only then (a word with a gender mark has its base's bit, but is none).
fn is_det_at<K: TableKind>(ctx: &Ctx<'_, K>, k: usize) -> bool {
    ctx.has(k, crate::rules::toks::bits::DET) && is_det_lower(ctx.lower(k))
}

/// Is the word at `k` an adverb (`words::is_adverb` of its lower-cased form)?
fn is_adverb_at<K: TableKind>(ctx: &Ctx<'_, K>, k: usize) -> bool {
    // (the bit is `is_adverb` of the lower-cased word, asked once per word: asking the grammar's
    // sets again for every token cost 13 M instructions per pass)
    ctx.has(k, crate::rules::toks::bits::ADVERB)
}

/// Can the word hold an `ä` (its last byte, `A4`, occurs)? A cheap test before looking for
/// `-Jährige` in every word of a phrase: most words have no `ä`, and a substring search costs a
/// searcher per call.
fn has_ae(s: &str) -> bool {
    s.bytes().any(|b| b == 0xA4)
}

/// `das Nachrichtenmagazin Der Spiegel`, `die Wochenzeitung Die Zeit`: a capitalised article
/// after a medium's noun starts its name.
fn media_title_article<K: TableKind>(ctx: &Ctx<'_, K>, np: &Np, k: usize) -> bool {
    k > np.start
        && matches!(ctx.s(k), "Der" | "Die" | "Das")
        && ctx.role(k - 1).is_some_and(|r| r.kind == NounType::Media)
}

fn words_match(a: &str, b: &str) -> bool {
    a == b || strip_genitive(a) == b || a == strip_genitive(b)
}

/// The tokens `[start, end)` as the text writes them (borrowed: a copy per mention cost an
/// allocation).
fn text_of<'a, K: TableKind>(ctx: &Ctx<'a, K>, start: usize, end: usize) -> &'a str {
    &ctx.text[ctx.toks[start].start as usize..ctx.toks[end - 1].end as usize]
}

/// Person names in the text outside any claim's speaker slot: `Der Bürgermeister von
/// Schönebeck, Tobias Renner, reagierte …` introduces the `er` of the next sentence.
fn scan_mentions<K: TableKind>(
    ctx: &Ctx<'_, K>,
) -> (Vec<Np>, std::collections::HashMap<usize, String>) {
    let mut out = Vec::new();
    // `Fatima Haddad ist seit Januar Sprecherin des Ministeriums`: a role given by predicate
    let mut predicate = std::collections::HashMap::new();
    let mut k = 0;
    // the last word of the current sentence that is a role noun or a first name: a phrase kept
    // here needs one (a title, a first name, an institution), so none starts after it
    // (a sentence without any such word keeps nothing: not even its first word is parsed, a
    // tenth of the scan's phrase parses)
    let mut last_useful: Option<(usize, usize, bool)> = None; // (sentence end, last useful word, found)
    while k < ctx.toks.len() {
        let sent = ctx.sentence_of(k);
        if last_useful.is_none_or(|(end, _, _)| end != sent.end) {
            // (a scan of the records: a whole sentence per sentence)
            let last = ctx.feats.rposition(sent.start, sent.end, |j, f| {
                f.role.is_some()
                    || f.bits & NAME != 0
                    || is_legal_form(f.word)
                    || j == sent.start + 1
                        && f.bits & crate::rules::toks::bits::UPPER != 0
                        && is_acronym(f.word)
            });
            last_useful = Some((sent.end, last.unwrap_or(sent.start), last.is_some()));
        }
        let (_, last, found) = last_useful.expect("set above");
        if k > last || (!found && k == last) {
            k = sent.end.max(k + 1);
            continue;
        }
        // the next word up to the last useful one that can open a phrase, in one scan (a loop
        // round per word asked for the sentence again)
        let Some(j) = ctx.feats.position(k, last + 1, |j, f| {
            f.bits & (crate::rules::toks::bits::UPPER | crate::rules::toks::bits::DET) != 0
                && ctx.quote_at(j).is_none()
        }) else {
            k = last + 1;
            continue;
        };
        k = j;
        match ctx.np_at(k, sent.end) {
            Some(n) if !n.pronoun => {
                let has_first_name = (n.start..n.end).any(|j| ctx.has(j, NAME));
                // institutions and groups are antecedents too (`Die Polizei … Sie teilte mit`,
                // `die Kundgebung der Landwirte … riefen sie`)
                let institution = (n.start..n.end).take(4).any(|j| {
                    ctx.role(j).is_some_and(|r| {
                        r.plural
                            || matches!(
                                r.kind,
                                NounType::Organisation | NounType::Media | NounType::Group
                            )
                    })
                });
                // `Die Mutter wandte sich an das Forum, da sie befürchtete, …`: a person
                // described by a role who opens a sentence is someone a later `sie` means
                let opens_sentence = n.start == ctx.sentence_of(n.start).start;
                let described_subject = opens_sentence
                    && matches!(ctx.s(n.start), "Der" | "Die")
                    && ctx
                        .role(n.end - 1)
                        .is_some_and(|r| r.kind == NounType::Person && !r.plural);
                // (and an institution named by an acronym: `Die PAD will die Proteste
                // ausweiten. Bis Mittwoch sagte sie …`)
                let acronym_subject = opens_sentence
                    && n.end == n.start + 2
                    && matches!(ctx.s(n.start), "Der" | "Die" | "Das")
                    && is_acronym(ctx.s(n.start + 1));
                // `Mexiko-Stadt ist eine der größten Städte`: a capital outside a speaker slot
                // is the place (`grammar/capitals.tsv`), no entity until it speaks
                let capital = ctx.capital(n.start, n.end).is_some();
                // (a company named with its legal form, `die Volkswagen AG`, is one a later
                // `das Unternehmen` or `Unternehmensangaben` means)
                let company = n.end > n.start + 1 && is_legal_form(ctx.s(n.end - 1));
                if !capital
                    && (n.titled
                        || company
                        || (has_first_name && n.end - n.start >= 2)
                        || institution
                        || described_subject
                        || acronym_subject)
                {
                    out.push(n);
                    if has_first_name
                        && n.end < ctx.toks.len()
                        && matches!(ctx.s(n.end), "ist" | "war" | "wurde" | "bleibt")
                    {
                        let end = ctx.sentence_of(n.start).end.min(n.end + 6);
                        if let Some(r) = (n.end + 1..end).find(|&j| {
                            upper_at(ctx, j)
                                && ctx.role(j).is_some_and(|r| r.kind == NounType::Person)
                        }) {
                            predicate.insert(n.start, ctx.s(r).to_string());
                        }
                    }
                }
                // a complement may hold a person of its own
                // (`das Kabinett von Ministerpräsidentin Karin Hollweg`)
                let complement =
                    (n.start + 1..n.end).find(|&j| matches!(ctx.s(j), "von" | "des" | "der" | ","));
                k = complement.unwrap_or(n.end).max(k + 1);
            }
            _ => k += 1,
        }
    }
    (out, predicate)
}

/// Resolves every claim's speaker to an entity; returns the entities and one resolution per draft.
pub(crate) fn resolve<K: TableKind>(
    ctx: &Ctx<'_, K>,
    drafts: &[Draft],
) -> (Vec<EntityDraft>, Vec<Resolution>) {
    let mut ents = Entities::default();
    let mut res = vec![Resolution { entity: None }; drafts.len()];
    // speaker mentions (Some(draft)) and plain name mentions (None), in document order
    let (mentions, predicate) = scan_mentions(ctx);
    // (the lists below are sized by the mentions to come: grown from empty, the entities, large
    // records, were copied at every doubling)
    let mut events: Vec<(Np, Option<usize>)> = Vec::with_capacity(mentions.len() + drafts.len());
    events.extend(mentions.into_iter().map(|n| (n, None)));
    ents.list.reserve(events.capacity());
    for (i, d) in drafts.iter().enumerate() {
        if let Some(n) = d.speaker {
            events.push((n, Some(i)));
        }
    }
    // a speaker slot shared with a name mention counts once, as the speaker
    events.sort_by_key(|(n, d)| (n.start, d.is_none()));
    let mut last_speaker: Option<(usize, usize)> = None;
    // speaker slots come in text order: a mention lies in one if it starts before the
    // furthest end seen so far
    let mut seen_until = 0;
    let mut recent = Recent::default();
    recent.mentions.reserve(events.len());
    // claims that share one speaker mention (a report and its free indirect continuation)
    // share its resolution: the same words name the same entity
    let mut resolved_at: crate::grammar::WordMap<(usize, usize), Option<usize>> =
        Default::default();
    for (np, draft) in events {
        if draft.is_none() && np.start < seen_until {
            continue;
        }
        if let Some(i) = draft
            && let Some(&entity) = resolved_at.get(&(np.start, np.end))
        {
            res[i] = Resolution { entity };
            continue;
        }
        // (a document's author is a mention of its own: `einer Erklärung des Präsidenten
        // Barack Obama` names Obama for a later `Obama`)
        let document = (np.start..np.end)
            .find(|&k| upper_at(ctx, k))
            .and_then(|k| ctx.role(k))
            .is_some_and(|r| r.kind == NounType::Document);
        if draft.is_some() && !document {
            seen_until = seen_until.max(np.end);
        }
        let plural_verb = match draft.and_then(|i| drafts[i].cue.first()) {
            Some(c) => {
                let forms = ctx.forms(c.0);
                forms.iter().any(|f| f.plural) && !forms.iter().any(|f| !f.plural)
            }
            // a claim without a cue (reported speech): the verb right after a pronoun subject
            // (`Sie forderten Neuwahlen.`)
            None => {
                draft.is_some()
                    && np.pronoun
                    && np.end < ctx.toks.len()
                    && ctx.w(np.end).is_lower()
                    && (ctx.s(np.end).ends_with("en") || matches!(ctx.s(np.end), "sind" | "waren"))
            }
        };
        // `Die Polizei und die Feuerwehr`: each conjunct is an entity, the speaker a group of them
        // (not a role coordinated before an apposition: `Seine Parteikollegin und Mitabgeordnete
        // …, Claudia Mo` is one person)
        // (but two people each named with a first name are two, appositions or not: `Der
        // Geschäftsführer der Grünen, Volker Beck, und Wolfgang Wieland, Sprecher für …`)
        let apposed = (np.start..np.end).any(|k| ctx.s(k) == ",");
        let parts = if ctx.s(np.start).eq_ignore_ascii_case("sowohl") {
            // (`Sowohl das Militär als auch die Regierung`: the two phrases around `als auch`)
            (np.start + 2..np.end.saturating_sub(2))
                .find(|&k| ctx.s(k) == "als" && ctx.s(k + 1) == "auch")
                .map(|k| [(np.start + 1, k), (k + 2, np.end)])
        } else {
            (np.start + 1..np.end)
                .find(|&k| {
                    matches!(ctx.s(k), "und" | "sowie")
                        && k + 1 < np.end
                        && (ctx.has(k + 1, crate::rules::toks::bits::DET) || upper_at(ctx, k + 1))
                        && (!apposed
                            || ctx.has(k + 1, NAME) && (np.start..k).any(|j| ctx.has(j, NAME)))
                        // (nor a second genitive of a document's authors: `einer
                        // Presseerklärung der Staatsanwaltschaft und der Polizei` is one document)
                        && !(matches!(ctx.s(k + 1), "der" | "des")
                            && (np.start..k).find(|&j| upper_at(ctx, j)).is_some_and(|j| {
                                ctx.has(j, crate::rules::toks::bits::SOURCE)
                                    || ctx.role(j).is_some_and(|r| {
                                        r.kind == crate::grammar::NounType::Document
                                    })
                            }))
                })
                // (the comma closing the first one's apposition is no part of it)
                .map(|k| {
                    let first_end = if ctx.s(k - 1) == "," { k - 1 } else { k };
                    [(np.start, first_end), (k + 1, np.end)]
                })
        };
        if let Some(parts) = parts {
            let mut names = Vec::new();
            for (s, e) in parts {
                let part = Np {
                    start: s,
                    end: e,
                    ..np
                };
                let a = analyse(ctx, &part, false);
                let id = resolve_phrase(ctx, &mut ents, &a, &part);
                recent.note(ctx, &mut ents, id, (s, e));
                names.push(ents[id].name.clone());
            }
            let id = ents.group(names.join("; "));
            recent.note(ctx, &mut ents, id, (np.start, np.end));
            if let Some(i) = draft {
                last_speaker = Some((np.start, id));
                res[i] = Resolution { entity: Some(id) };
            }
            continue;
        }
        let a = analyse(ctx, &np, plural_verb);
        let word = ctx.lower(np.start);
        let reflexive = np.start > 0
            && matches!(ctx.lower(np.start - 1), "eigenen" | "eigener" | "eigenem")
            || matches!(word, "eigenen" | "eigener" | "eigenem");
        // `Al Gore traf sich mit Angela Merkel. Beide riefen …`: `beide` (`die beiden`) are the
        // two people the sentence before or this one named last
        let both = (np.end == np.start + 1 && word == "beide")
            || (np.end == np.start + 2 && word == "die" && ctx.lower(np.start + 1) == "beiden");
        let pair = both
            .then(|| two_people(ctx, &ents, &recent, np.start))
            .flatten();
        let ent = if let Some((first, second)) = pair {
            Some(ents.group(format!("{}; {}", ents[first].name, ents[second].name)))
        } else if np.end == np.start + 1 && matches!(word, "demnach" | "wonach" | "danach") {
            // `Demnach …` continues the source just cited, else the institution or
            // document last named; an institution that opens a sentence after that source's
            // mention has taken over (`Aridi hatte … bekanntgegeben. Die israelische Regierung
            // stimmte … zu. Der Abzug soll demnach …`)
            let source = recent_source(ctx, &ents, &recent, np.start);
            // `Der Gesetzentwurf … sieht … vor. Im Detail sollen demnach …`: a document that
            // opens the sentence before is what it says, unless someone spoke since
            let document = document_before(ctx, np.start)
                .filter(|d| last_speaker.is_none_or(|(lp, _)| lp < d.start));
            if let Some(d) = document {
                let a = analyse(ctx, &d, false);
                Some(resolve_phrase(ctx, &mut ents, &a, &d))
            } else {
                match (last_speaker, source) {
                    (Some((lp, _)), Some((sp, e)))
                        if sp > lp && ctx.sentence_of(sp).start == sp =>
                    {
                        Some(e)
                    }
                    (Some((_, e)), _) => Some(e),
                    (None, s) => s.map(|(_, e)| e),
                }
            }
        } else if reflexive {
            // `eigenen Angaben zufolge` is the subject's own account: the entity named in
            // the same sentence, else the speaker before
            let sent = ctx.sentence_of(np.start);
            // (the mentions so far in this sentence, from the sorted list: asking every
            // entity's every mention was quadratic on a long text); on one position the
            // earlier entity wins
            let from = recent.mentions.partition_point(|m| m.0 < sent.start);
            let named = recent.mentions[from..]
                .iter()
                .take_while(|m| m.0 < sent.end)
                .filter(|m| m.0 != np.start)
                .min()
                .map(|&(_, i)| i);
            // `eigen` points to the subject; failing that, whoever the sentence names
            match sentence_subject(ctx, &np) {
                None if named.is_some() => named,
                Some(subject) => {
                    let a = analyse(ctx, &subject, false);
                    if a.pronoun.is_some() {
                        resolve_pronoun(ctx, &ents, &recent, &a, subject.start, last_speaker)
                    } else {
                        Some(resolve_phrase(ctx, &mut ents, &a, &subject))
                    }
                }
                None => last_speaker.map(|(_, e)| e),
            }
        } else if let Some(e) = matches!(word, "diese" | "dieser" | "diesem" | "dieses")
            .then(|| demonstrative_antecedent(ctx, &mut ents, np.start, word, plural_verb))
            .flatten()
        {
            Some(e)
        } else if let Some(ante) = np
            .pronoun
            .then(|| relative_antecedent(ctx, np.start))
            .flatten()
        {
            let a = analyse(ctx, &ante, false);
            Some(resolve_phrase(ctx, &mut ents, &a, &ante))
        } else if word == "man" {
            // `Offiziell sagt die chinesische Regierung, man gebe … Aber man betont auch, …`:
            // `man` speaking right after an institution spoke is that institution
            last_speaker.and_then(|(pos, e)| {
                let here = ctx.tok_sent[np.start] as usize;
                let there = ctx.tok_sent[pos] as usize;
                (pos < np.start
                    && here - there <= 2
                    && ctx.sents[here].para == ctx.sents[there].para
                    && matches!(
                        ents[e].kind,
                        SpeakerType::Organisation | SpeakerType::Group | SpeakerType::Media
                    ))
                .then_some(e)
            })
        } else if a.pronoun.is_some() {
            resolve_pronoun(ctx, &ents, &recent, &a, np.start, last_speaker)
        } else {
            Some(resolve_phrase(ctx, &mut ents, &a, &np))
        };
        if let Some(e) = ent {
            recent.note(ctx, &mut ents, e, (np.start, np.end));
            if ents[e].role.is_none()
                && let Some(r) = predicate.get(&np.start)
            {
                ents[e].set_role(r.clone());
            }
            if draft.is_some() {
                last_speaker = Some((np.start, e));
            }
        }
        if let Some(i) = draft {
            res[i] = Resolution { entity: ent };
            resolved_at.insert((np.start, np.end), ent);
        }
    }
    merge_roles(ctx.lex, &mut ents, &mut res);
    (ents.into_vec(), res)
}

/// The subject of the sentence around a reflexive source (`Die Lufthansa hat nach eigenen
/// Angaben …`, `Nach eigenen Angaben hat die Lufthansa …`): the phrase that opens the sentence,
/// or the one right after the finite verb that follows the source.
fn sentence_subject<K: TableKind>(ctx: &Ctx<'_, K>, source: &Np) -> Option<Np> {
    let sent = ctx.sentence_of(source.start);
    let usable = |n: &Np| n.end < source.start || n.start >= source.end;
    let at = |k: usize| {
        if !(upper_at(ctx, k)
            || ctx.has(k, crate::rules::toks::bits::DET)
            || ctx.has(k, crate::rules::toks::bits::PRONOUN))
        {
            return None;
        }
        ctx.np_at(k, sent.end).filter(usable)
    };
    // `Die ersten Funde machten sie …, eigener Aussage nach`: a topic before the verb may be
    // the object; a pronoun or a person right after the verb is then the subject
    let person_like = |n: &Np| {
        n.pronoun
            || n.titled
            || (n.start..n.end).any(|j| {
                ctx.has(j, NAME) || ctx.role(j).is_some_and(|r| r.kind == NounType::Person)
            })
    };
    if sent.start + 2 < source.start
        && let Some(n) = at(sent.start)
    {
        if !person_like(&n)
            && n.end + 1 < sent.end
            && lower_at(ctx, n.end)
            && let Some(after) = at(n.end + 1).filter(|a| a.pronoun)
        {
            return Some(after);
        }
        return Some(n);
    }
    // source, particle (`zufolge`, `nach`), finite verb, subject
    (source.end..(source.end + 4).min(sent.end))
        .filter(|&k| {
            k > source.end
                && (!ctx.forms(k - 1).is_empty() || ctx.has(k - 1, crate::rules::toks::bits::AUX))
        })
        .find_map(at)
}

/// The institution, medium or document named last before `at`, no further back than the
/// previous paragraph: what a bare `demnach` cites when no speaker came before it. Returns
/// (where it was named, entity).
fn recent_source<K: TableKind>(
    ctx: &Ctx<'_, K>,
    ents: &[EntityDraft],
    recent: &Recent,
    at: usize,
) -> Option<(usize, usize)> {
    let para = ctx.sentence_of(at).para;
    // the mentions before `at`, latest first (scanning every entity's mentions for every
    // `demnach` made a long text quadratic); on one position the later entity wins
    let before = recent.mentions.partition_point(|m| m.0 < at);
    let mut best: Option<(usize, usize)> = None;
    for &(p, k) in recent.mentions[..before].iter().rev().take(Recent::REACH) {
        if best.is_some_and(|(bp, _)| p < bp) || para.saturating_sub(ctx.sentence_of(p).para) > 1 {
            break;
        }
        if matches!(
            ents[k].kind,
            SpeakerType::Organisation | SpeakerType::Media | SpeakerType::Document
        ) {
            best = best.max(Some((p, k)));
        }
    }
    best
}

/// The last two people mentioned before `at`, no further back than the sentence before, in
/// text order: whom `beide` means.
fn two_people<K: TableKind>(
    ctx: &Ctx<'_, K>,
    ents: &[EntityDraft],
    recent: &Recent,
    at: usize,
) -> Option<(usize, usize)> {
    let here = ctx.tok_sent[at] as usize;
    let before = recent.mentions.partition_point(|m| m.0 < at);
    let mut found: Vec<usize> = Vec::with_capacity(2);
    for &(p, e) in recent.mentions[..before].iter().rev() {
        if here - ctx.tok_sent[p] as usize > 1 {
            break;
        }
        if ents[e].kind == SpeakerType::Person && !found.contains(&e) {
            found.push(e);
            if found.len() == 2 {
                return Some((found[1], found[0]));
            }
        }
    }
    None
}

/// The document phrase that opens the sentence before the one of `at`, in the same paragraph
/// (`Der Gesetzentwurf, der …, sieht … vor.`): a definite article and a document noun.
fn document_before<K: TableKind>(ctx: &Ctx<'_, K>, at: usize) -> Option<Np> {
    let si = ctx.tok_sent[at] as usize;
    if si == 0 || ctx.sents[si - 1].para != ctx.sents[si].para {
        return None;
    }
    let prev = ctx.sents[si - 1];
    if !matches!(ctx.s(prev.start), "Der" | "Die" | "Das") {
        return None;
    }
    let n = ctx.np_at(prev.start, prev.end)?;
    // (the phrase's noun: its last capitalised word before any complement; the phrase keeps a
    // genitive author, `Der Jahresbericht des Statistischen Bundesamts`, not a relative clause)
    let noun = (n.start + 1..n.end)
        .take_while(|&k| {
            !matches!(
                ctx.s(k),
                "," | "des" | "der" | "von" | "vom" | "zur" | "zum"
            )
        })
        .filter(|&k| upper_at(ctx, k))
        .last()?;
    ctx.role(noun)
        .is_some_and(|r| r.kind == NounType::Document)
        .then(|| Np {
            end: (noun..n.end).find(|&k| ctx.s(k) == ",").unwrap_or(n.end),
            ..n
        })
}

/// Every entity mention so far in text order, for the pronoun search: a pronoun looks back
/// through the last two paragraphs, not through every entity of a long document.
#[derive(Default)]
struct Recent {
    /// (token, entity), sorted by token.
    mentions: Vec<(usize, usize)>,
    /// Per entity: one of its mentions so far starts with `das` (a neuter institution).
    neuter: Vec<bool>,
}

impl Recent {
    const REACH: usize = 2000;

    /// Records a mention of entity `id` in the entity and here.
    fn note<K: TableKind>(
        &mut self,
        ctx: &Ctx<'_, K>,
        ents: &mut [EntityDraft],
        id: usize,
        span: (usize, usize),
    ) {
        ents[id].mentions.push(span);
        ents[id].der_mention |= ctx.s(span.0) == "Der";
        if self.neuter.len() < ents.len() {
            self.neuter.resize(ents.len(), false);
        }
        self.neuter[id] |= matches!(ctx.s(span.0), "das" | "Das");
        // mentions arrive in text order but for the parts of a coordination
        let at = self.mentions.partition_point(|m| m.0 <= span.0);
        self.mentions.insert(at, (span.0, id));
    }
}

/// A pronoun: the previous speaker if it agrees, else the most recent agreeing entity — both
/// no further back than the paragraph before the previous one.
fn resolve_pronoun<K: TableKind>(
    ctx: &Ctx<'_, K>,
    ents: &[EntityDraft],
    recent: &Recent,
    a: &Analysed,
    at: usize,
    last_speaker: Option<(usize, usize)>,
) -> Option<usize> {
    if a.kind == SpeakerType::Anonymous || matches!(a.pronoun, Some("ich" | "wir")) {
        return None;
    }
    let before = recent.mentions.partition_point(|m| m.0 < at);
    // `In diesem wird festgehalten, …`: a demonstrative in a place phrase stands for the
    // document mentioned last, never for its author (`Der Rechnungshof legte seinen Bericht
    // vor. In diesem …`); documents named only as objects are no entities, so often nobody
    if matches!(a.pronoun, Some("diesem" | "dieser")) && at > 0 && ctx.lower(at - 1) == "in" {
        return recent.mentions[..before]
            .iter()
            .rev()
            .take(50)
            .find(|&&(_, k)| ents[k].kind == SpeakerType::Document)
            .map(|&(_, k)| k);
    }
    // `es` speaks only for a neuter institution (`das Ministerium … teilte es mit`): the one
    // mentioned last (the higher entity on the same position)
    if a.pronoun == Some("es") {
        let mut best: Option<(usize, usize)> = None;
        for &(p, k) in recent.mentions[..before].iter().rev() {
            if best.is_some_and(|(bp, _)| p < bp) {
                break;
            }
            if ents[k].kind != SpeakerType::Person && recent.neuter[k] {
                best = best.max(Some((p, k)));
            }
        }
        return best.map(|(_, k)| k);
    }
    let para = ctx.sentence_of(at).para;
    let near = |pos: usize| para.saturating_sub(ctx.sentence_of(pos).para) <= 2;
    let compatible = |e: &EntityDraft| {
        if a.pronoun == Some("ihr-") {
            e.female == Some(true) || e.plural || e.kind == SpeakerType::Group
        } else if a.plural {
            e.plural || e.kind == SpeakerType::Group
        } else if e.plural {
            false
        } else {
            match a.female {
                // `sie` (singular) is a woman or a feminine institution (`die Polizei`)
                Some(true) => e.female == Some(true),
                // `er` is a man, or a person whose gender the text does not tell
                Some(false) => {
                    e.kind == SpeakerType::Person && e.female != Some(true)
                        || (e.kind != SpeakerType::Person
                            && e.female == Some(false)
                            && e.der_mention)
                }
                None => true,
            }
        }
    };
    // (a person named in full whose first name the lexicon does not know, so of no known gender,
    // may be the `sie` of the previous speaker as well as its `er`)
    let unknown_person = |e: &EntityDraft| {
        !a.plural
            && !e.plural
            && e.kind == SpeakerType::Person
            && e.female.is_none()
            && e.name_words.len() >= 2
    };
    // `wies Friedrich auf die seiner Meinung nach wachsenden Gefahren hin`: a possessive
    // belongs to whoever its own sentence named before it
    let possessive = {
        let w = ctx.lower(at);
        w.starts_with("sein") || (w.starts_with("ihr") && w.len() > 3)
    };
    if possessive {
        let sent_start = ctx.sentence_of(at).start;
        let own = recent.mentions[..before]
            .iter()
            .rev()
            .take_while(|&&(p, _)| p >= sent_start)
            .find(|&&(_, k)| ents[k].kind == SpeakerType::Person && compatible(&ents[k]));
        if let Some(&(_, k)) = own {
            return Some(k);
        }
        // (a bare surname in the sentence is no registered mention: `wies Friedrich … hin`)
        // (at most 40 words back, and only people mentioned lately: a run-on `sentence` or a
        // book-length text must not make this quadratic)
        let mut people: Vec<usize> = recent.mentions[..before]
            .iter()
            .rev()
            .take(200)
            .map(|&(_, k)| k)
            .filter(|&k| {
                ents[k].kind == SpeakerType::Person
                    && ents[k].name_words.len() >= 2
                    && compatible(&ents[k])
            })
            .collect();
        people.dedup();
        let by_surname = (sent_start.max(at.saturating_sub(40))..at)
            .rev()
            .find_map(|j| {
                let w = ctx.s(j);
                if !upper_at(ctx, j) {
                    return None;
                }
                people
                    .iter()
                    .copied()
                    .find(|&k| ents[k].name_words.last().is_some_and(|l| l == w))
            });
        if by_surname.is_some() {
            return by_surname;
        }
    }
    if let Some((pos, e)) = last_speaker
        && pos < at
        && near(pos)
        && (compatible(&ents[e]) || unknown_person(&ents[e]))
    {
        // `Vereinspräsident Klaus Hoffmann will an der Trainerin festhalten. „…“, betonte er.`:
        // a person newly named in full as the subject opening the sentence before (or this
        // one), after the last speaker, is the more salient antecedent
        let here = ctx.tok_sent[at] as usize;
        let this = ctx.sentence_of(at);
        let newer = recent.mentions[..before]
            .iter()
            .rev()
            .take_while(|&&(p, _)| p > pos)
            .find(|&&(p, k)| {
                let s = ctx.sentence_of(p);
                let sent = ctx.tok_sent[p] as usize;
                k != e
                    && (sent == here || sent + 1 == here && s.para == this.para)
                    && p == s.start
                    && ents[k].kind == SpeakerType::Person
                    && ents[k].name_words.len() >= 2
                    && compatible(&ents[k])
            });
        if let Some(&(_, k)) = newer {
            return Some(k);
        }
        return Some(e);
    }
    // the most recent compatible entity, preferring the subject of the last two sentences
    // (`Die Ministerin besuchte die Klinik. Sie sagte …` means the minister, not the clinic)
    let sent_of = |p: usize| ctx.tok_sent[p] as usize;
    let here = sent_of(at);
    let is_subject = |p: usize| {
        let s = ctx.sentence_of(p);
        p == s.start
            || (p > s.start
                && p <= s.start + 4
                && lower_at(ctx, p - 1)
                && !ctx.forms(p - 1).is_empty())
            || (p > s.start && ctx.s(p - 1) == "," && p <= s.start + 8)
    };
    let mut best: Option<(bool, usize, usize)> = None;
    // the mentions before `at`, latest first, as far back as `near` reaches; on a tie the
    // entity created first wins
    // (a paragraph of a whole book, or a text without breaks, is searched no further back than
    // `Recent::REACH` mentions)
    for &(p, k) in recent.mentions[..before].iter().rev().take(Recent::REACH) {
        if !near(p) {
            break;
        }
        // further back nothing is a subject any more, and an earlier mention never beats a
        // later one
        if best.is_some() && here.saturating_sub(sent_of(p)) > 2 {
            break;
        }
        if !compatible(&ents[k]) {
            continue;
        }
        let subject = is_subject(p) && here.saturating_sub(sent_of(p)) <= 2;
        if best.is_none_or(|(bs, bp, bk)| {
            (subject, p) > (bs, bp) || ((subject, p) == (bs, bp) && k < bk)
        }) {
            best = Some((subject, p, k));
        }
    }
    best.map(|(_, _, k)| k)
}

/// `Gerüchte, nach denen …`, `eine Klageschrift, nach der …`: the relative pronoun of a
/// relative `nach` stands for the phrase that ends at the comma before it.
fn relative_antecedent<K: TableKind>(ctx: &Ctx<'_, K>, at: usize) -> Option<Np> {
    if at < 3
        || ctx.lower(at - 1) != "nach"
        || ctx.s(at - 2) != ","
        || !matches!(
            ctx.lower(at),
            "denen" | "der" | "dem" | "welchem" | "welcher"
        )
    {
        return None;
    }
    let comma = at - 2;
    let from = comma.saturating_sub(6).max(ctx.sentence_of(comma).start);
    ctx.np_ending_at(from..comma, comma)
}

/// `… war nur eine Büroangestellte am Telefon. Diese bestätigte, …`, `… nach seinen
/// Verwandten. Diese glaubten, …`: a demonstrative opening a sentence picks up the person last
/// named by role in the sentence before, not the topic (which `sie` would continue). Only a
/// role that agrees in gender and number; the phrase is resolved like any description.
fn demonstrative_antecedent<K: TableKind>(
    ctx: &Ctx<'_, K>,
    ents: &mut Entities,
    at: usize,
    word: &str,
    plural_verb: bool,
) -> Option<usize> {
    let si = ctx.tok_sent[at] as usize;
    // `… hat das Geheimdokument veröffentlicht. In diesem wird festgehalten, …`: a neuter or
    // masculine demonstrative after a preposition is the document the sentence before named
    let document = matches!(word, "diesem" | "dieses");
    let opens = at == ctx.sentence_of(at).start
        || document
            && at == ctx.sentence_of(at).start + 1
            && matches!(ctx.s(at - 1), "In" | "Laut" | "Nach");
    if !opens || si == 0 {
        return None;
    }
    let prev = ctx.sents[si - 1];
    if prev.para != ctx.sents[si].para {
        return None;
    }
    let agrees = |r: &crate::grammar::RoleNoun| {
        if document {
            !r.plural && r.kind == NounType::Document
        } else if plural_verb {
            r.plural
        } else if word == "dieser" {
            !r.plural && r.kind == NounType::Person && r.female != Some(true)
        } else {
            !r.plural && r.kind == NounType::Person && r.female == Some(true)
        }
    };
    let j = (prev.start..prev.end)
        .rev()
        .filter(|&j| ctx.outside_quotes(j, None) && upper_at(ctx, j))
        .find(|&j| ctx.role(j).is_some_and(|r| agrees(&r)))?;
    // the phrase around the noun: from the closest word before it that opens one reaching it
    let np = (j.saturating_sub(4).max(prev.start)..=j)
        .filter_map(|s| ctx.np_at(s, prev.end))
        .find(|n| n.start < n.end && n.end > j && n.start <= j)?;
    // (`seinen Jahresbericht`: the document, not an owner's account as `seiner Meinung` is)
    let np = if document && matches!(ctx.lower(np.start), "seinen" | "ihren" | "seinem" | "ihrem") {
        Np {
            start: np.start + 1,
            ..np
        }
    } else {
        np
    };
    let a = analyse(ctx, &np, plural_verb);
    Some(resolve_phrase(ctx, ents, &a, &np))
}

/// A name or description: the entity with the same name (surname, full name, genitive `-s`),
/// or for a role phrase the entity that carries that role; else a new entity.
fn resolve_phrase<K: TableKind>(
    ctx: &Ctx<'_, K>,
    ents: &mut Entities,
    a: &Analysed,
    np: &Np,
) -> usize {
    // `laut der gleichen Nachrichtenagentur`, `dieselbe Zeitung`: the medium or institution of
    // that kind named last
    // (asked only of a nameless medium or organisation, below)
    let same = || {
        (np.start..np.end).any(|k| {
            matches!(
                ctx.lower(k),
                "gleichen"
                    | "gleiche"
                    | "selben"
                    | "selbe"
                    | "dieselbe"
                    | "derselben"
                    | "denselben"
            )
        })
    };
    // `der Konzern`, `das Unternehmen` (`grammar/company_nouns.tsv`): a company named before (a
    // named organisation, not a role-only one like `die Polizei`)
    let with_article = matches!(
        ctx.s(np.start),
        "der" | "Der" | "das" | "Das" | "die" | "Die"
    );
    // (`Unternehmensangaben`, `Konzernangaben` too: the company's own account)
    let company = || {
        np.end == np.start + 2
            && with_article
            && ctx.lex.company_nouns.contains(ctx.s(np.start + 1))
            || np.end == np.start + 1 && {
                let word = ctx.s(np.start);
                let stem = source_name(ctx, word);
                stem.len() < word.len() && ctx.lex.company_nouns.contains(stem)
            }
    };
    if a.name_words.is_empty()
        && matches!(a.kind, SpeakerType::Media | SpeakerType::Organisation)
        && (same() || company())
        && let Some(i) = latest_entity(ents, |e| e.kind == a.kind && !e.name_words.is_empty())
    {
        return i;
    }
    // `Der oberste Gerichtshof` after `der Bundesgerichtshof (BGH)`, `das Ministerium` after
    // `das Bundesinnenministerium`: a definite institution noun finds the institution named
    // with a compound of it
    if let Some(i) = named_institution(ctx, ents, a, np) {
        return i;
    }
    if !a.name_words.is_empty() {
        let capital = ctx.capital(np.start, np.end);
        let last = a.name_words.last().expect("not empty");
        let single = a.name_words.len() == 1;
        let found = ents.with_word(last, |e| {
            let surname = e.name_words.last().is_some_and(|l| words_match(l, last))
                && (single
                    || e.name_words.len() < 2
                    || !a.name_words[0].starts_with(char::is_uppercase)
                    || words_match(&e.name_words[0], a.name_words[0]));
            // `Kim` for `Kim Jong Un`, `von der Leyen` for `Ursula von der Leyen`
            let part = single && e.name_words.iter().any(|w| words_match(w, last));
            // `der AK Vorratsdatenspeicherung` for `der Arbeitskreis Vorratsdatenspeicherung`
            let short = !single
                && e.name_words.len() == a.name_words.len()
                && e.name_words.last().is_some_and(|l| words_match(l, last))
                && (abbreviates(a.name_words[0], &e.name_words[0])
                    || abbreviates(&e.name_words[0], a.name_words[0]));
            surname || part || short
        });
        if let Some(k) = found {
            // (the written-out name is the better one: `Arbeitskreis` over `AK`)
            if a.name_words.len() == ents[k].name_words.len()
                && abbreviates(&ents[k].name_words[0], a.name_words[0])
            {
                ents[k].name_words = a.name_words.iter().map(|w| w.to_string()).collect();
                ents[k].name = without_marks(a.name_words.join(" "));
                ents.renamed(k);
            }
            // (nor is `BV Windenergie` a fuller name than `Bundesverband Windenergie`, whose
            // kind is the institution's role): the name is the written-out one
            let kind_abbreviated = (a.name_words.len() == ents[k].name_words.len() + 1)
                .then(|| ents[k].role.as_ref())
                .flatten()
                .map(|r| r.rsplit(' ').next().unwrap_or(r))
                .filter(|kind| abbreviates(a.name_words[0], kind))
                .map(str::to_string);
            if let Some(kind) = &kind_abbreviated
                && !ents[k].name.starts_with(kind.as_str())
            {
                ents[k].name = format!("{kind} {}", ents[k].name);
                ents.renamed(k);
            }
            let kind_abbreviated = kind_abbreviated.is_some();
            if a.name_words.len() > ents[k].name_words.len() && !kind_abbreviated {
                ents[k].name_words = a.name_words.iter().map(|w| w.to_string()).collect();
                ents[k].name = without_marks(a.name_words.join(" "));
                ents.renamed(k);
            }
            let e = &mut ents[k];
            // (a capital that names an entity the text gave otherwise is that entity, and the
            // government is not its role: `der Stadt Berlin … Berlin hatte … verlangt`)
            if !a.role_words.is_empty() && capital.is_none() {
                let role = role_text(&a.role_words);
                if role.is_empty() {
                } else if e.role.is_none() {
                    e.set_role(role);
                } else if e.role.as_ref() != Some(&role)
                    && !role.is_empty()
                    && !e.other_roles.contains(&role)
                {
                    e.add_other_role(role);
                }
            }
            e.female = e.female.or(a.female);
            return k;
        }
        // an institution is named with its kind: `Staatsanwaltschaft München I`, `Polizei
        // Mainz`, `Stiftung Warentest` (a person's role stays apart from the name)
        // (an empty one, `Die Kanadier` with no role word left, is none)
        let role = (!a.role_words.is_empty())
            .then(|| role_text(&a.role_words))
            .filter(|r| !r.is_empty());
        // … but not a company's or a medium's kind (`Plattenfirma Sony-Music`, `Nachrichtenagentur
        // Associated Press`), nor a genitive (`des Senders France Info`)
        // (`Berlin` is the city's name, not `Bundesregierung Berlin`)
        let institution = a.kind == SpeakerType::Organisation
            && capital.is_none()
            && role.as_ref().is_some_and(|r| {
                let l = r.to_lowercase();
                ctx.lex.roles.contains_key(&l)
                    && ![
                        "firma",
                        "konzern",
                        "unternehmen",
                        "hersteller",
                        "gesellschaft",
                        "partei",
                    ]
                    .iter()
                    .any(|c| l.ends_with(c))
            });
        // an acronym before a name is part of it (`RIA Novosti`, `ARD Tagesschau`)
        let acronym = a.kind != SpeakerType::Person
            && role.as_ref().is_some_and(|r| {
                let last = r.rsplit(' ').next().unwrap_or(r);
                last.len() >= 2 && last.chars().all(|c| c.is_ascii_uppercase())
            });
        // `der AK Vorratsdatenspeicherung` where the text wrote `Der Arbeitskreis
        // Vorratsdatenspeicherung` (a name the scan passed over, with no role noun or first
        // name in it): the written-out name is the entity's
        if role.is_none()
            && let Some(full) = written_out(ctx, &a.name_words, np.start)
        {
            let name = full.join(" ");
            ents.push(EntityDraft::new(
                name,
                full.into_iter().map(str::to_string).collect(),
                None,
                a.kind,
                a.female,
                a.plural,
            ));
            return ents.len() - 1;
        }
        let name = match &role {
            Some(r) if acronym => {
                let last = r.rsplit(' ').next().unwrap_or(r);
                format!("{last} {}", a.name_words.join(" "))
            }
            Some(r) if institution && !r.contains(' ') && !r.contains(',') => {
                format!("{r} {}", a.name_words.join(" "))
            }
            _ => a.name_words.join(" "),
        };
        ents.push(EntityDraft::new(
            name,
            a.name_words.iter().map(|w| w.to_string()).collect(),
            role,
            a.kind,
            a.female,
            a.plural,
        ));
        return ents.len() - 1;
    }
    // a role phrase: the entity that carries this role, or a new one
    let full = text_of(ctx, np.start, np.end);
    let bare = source_name(ctx, strip_article(full));
    // `einem Bericht der „Frankfurter Allgemeinen Zeitung“`: a medium's document is the medium
    let bare = if a.kind == SpeakerType::Media {
        medium_of_document(ctx, bare)
    } else {
        bare
    };
    // `einer Stellungnahme des Ministeriums` after `das isländische Fischereiministerium`: a
    // document by an institution the text named more fully is named with that name
    let by_author = (a.kind == SpeakerType::Document)
        .then(|| document_by_named_author(ctx, ents, np))
        .flatten();
    let bare = by_author.as_deref().unwrap_or(bare);
    // (`einer Stellungnahme des Ministeriums` is named `Stellungnahme des Ministeriums`: the
    // indefinite article introduces the document, it is no part of its name)
    let bare = if a.kind == SpeakerType::Document {
        ["einer ", "einem ", "eines ", "einen ", "eine ", "ein "]
            .iter()
            .find_map(|art| {
                bare.strip_prefix(art)
                    .or_else(|| bare.strip_prefix(&*art.replacen('e', "E", 1)))
            })
            .unwrap_or(bare)
    } else {
        bare
    };
    // the same name first; else the role's bearer mentioned last before this mention
    // (`Papier` after `Hans-Jürgen Papier`: a bare role noun that is a person's surname)
    // (`Im Papier heißt es`: not after a preposition or an article)
    let surname = (np.end == np.start + 1
        && upper_at(ctx, np.start)
        && (np.start == 0
            || !(ctx.has(np.start - 1, crate::rules::toks::bits::PREP)
                || ctx.has(np.start - 1, crate::rules::toks::bits::DET))))
    .then(|| {
        ents.with_word(bare, |e| {
            e.kind == SpeakerType::Person
                && e.name_words.len() >= 2
                && e.name_words.last().is_some_and(|l| l == bare)
        })
    })
    .flatten();
    // a definite article opens the description (`der 63-Jährige`, `Der Sprecher`); in a phrase
    // of two words, before its noun alone
    let definite = matches!(ctx.s(np.start), "der" | "die" | "Der" | "Die");
    let two_words = np.end == np.start + 2;
    let found = surname.or_else(|| ents.named(bare)).or_else(|| {
        // (a person's role only: the role noun is looked for when it is asked)
        if a.kind != SpeakerType::Person {
            return None;
        }
        let head = a
            .role_words
            .iter()
            .find(|w| w.starts_with(char::is_uppercase) && ctx.lex.role(w).is_some())
            .map(|w| w.to_lowercase())
            .unwrap_or_default();
        let stem = match head.strip_suffix("in") {
            Some(s) if a.female == Some(true) && ctx.lex.role(s).is_some() => s.to_string(),
            _ => head.clone(),
        };
        if stem.is_empty() {
            return None;
        }
        // the role noun and the nouns of the same office, in comparable form, derived once
        // per description (and only for one that needs them)
        let wants: Vec<String> = std::iter::once(role_key(&stem))
            .chain(same_office(ctx.lex, &stem).map(str::to_string))
            .collect();
        // the description's nationality (`der brasilianische Präsident`) must not contradict
        // the role the text gave the entity (`des venezolanischen Präsidenten Hugo Chávez`)
        let nationality = nationalities((np.start..np.end).map(|k| ctx.s(k)));
        let compatible_nation = |e: &EntityDraft| {
            nationality.is_empty()
                || nations_agree(
                    &nationality,
                    &nationalities(
                        e.role
                            .iter()
                            .chain(&e.other_roles)
                            .flat_map(|r| r.split(' ')),
                    ),
                )
        };
        latest_entity(ents, |e| {
            !e.name_words.is_empty()
                && wants.iter().any(|w| e.has_role_key(w))
                && (a.female.is_none() || e.female.is_none() || e.female == a.female)
                && compatible_nation(e)
        })
        .or_else(|| {
            // `dessen brasilianischen Amtskollegen Luiz Inácio Lula da Silva` … `der
            // brasilianische Präsident`: a counterpart holds the office of the one he is set
            // against, so a description with his nationality means him
            if nationality.is_empty() {
                return None;
            }
            let counterpart = role_key("Amtskollege");
            latest_entity(ents, |e| {
                !e.name_words.is_empty()
                    && e.has_role_key(&counterpart)
                    && (a.female.is_none() || e.female.is_none() || e.female == a.female)
                    && e.role.iter().chain(&e.other_roles).any(|r| {
                        let theirs = nationalities(r.split(' '));
                        nationality.iter().any(|n| theirs.contains(n))
                    })
            })
        })
        .or_else(|| {
            // `Ein Sprecher des Ministeriums sagte, … Der Sprecher nannte …`: a bare definite
            // role noun takes up the nameless speaker the text introduced with an indefinite
            // article
            if !(definite && two_words) {
                return None;
            }
            latest_entity(ents, |e| {
                e.kind == SpeakerType::Anonymous
                    && (a.female.is_none() || e.female.is_none() || e.female == a.female)
                    && e.name.split(' ').skip(1).take(1).any(|w| {
                        // (`Eine Sprecherin` for `die Sprecherin`, whose key is `sprecher`)
                        let w = if a.female == Some(true) {
                            w.strip_suffix("in").unwrap_or(w)
                        } else {
                            w
                        };
                        wants.contains(&role_key(w))
                    })
            })
        })
    });
    // `der Ständige Ausschuss des Nationalen Volkskongresses … Der Ausschuss betont …`: a bare
    // definite institution noun takes up the institution of the same kind whose name has it
    let found = found.or_else(|| {
        let bare_definite = two_words && (definite || matches!(ctx.s(np.start), "das" | "Das"));
        if !bare_definite || !matches!(a.kind, SpeakerType::Organisation | SpeakerType::Media) {
            return None;
        }
        let noun = ctx.s(np.start + 1);
        latest_entity(ents, |e| {
            e.kind == a.kind && e.name.split(' ').any(|w| w == noun)
        })
    });
    // `der 63-Jährige`, `die Grünen-Politikerin`, `der Ex-Minister`, `der UN-Mitarbeiter`: a
    // definite description that characterises rather than names a function points back to the
    // person last named
    // (asked only of a definite description of a person, below)
    // (an age: `der 63-Jährige`, `die 54-jährige Mutter`)
    let aged_word = |k: usize| {
        let s = ctx.s(k);
        has_ae(s) && (s.contains("-Jährige") || s.contains("jährige"))
    };
    let descriptive = || {
        (np.start..np.end).any(|k| {
            let s = ctx.s(k);
            aged_word(k)
                || s.ends_with("Politiker")
                || s.ends_with("Politikerin")
                || s.starts_with("Ex-")
                // (`so der UN-Mitarbeiter` after `UNMISS-Vertreter Toby Lanzer`: a staff member
                // is what a named official is too, no office of its own)
                || s.ends_with("-Mitarbeiter")
                || s.ends_with("-Mitarbeiterin")
        })
    };
    // `Der 39-Jährige` after `ein 39 Jahre alter Mann` / `Hans Roth (39)`: where the text gave
    // that age before, the description means whoever it was given to; a nameless one (`der
    // 39-jährige Ehemann`) is nobody the registry knows
    let aged = definite && a.kind == SpeakerType::Person && found.is_none();
    if aged
        && let Some(age) = stated_age(ctx, np)
        && let Some(at) = age_given(ctx, age, np.start)
    {
        // (the entity mentioned there, named or itself a description of the age)
        let near = ents.iter().enumerate().find(|(_, e)| {
            e.kind == SpeakerType::Person
                && e.mentions.iter().any(|m| m.0 <= at + 4 && at <= m.1 + 4)
        });
        if let Some((i, _)) = near {
            return i;
        }
        return push_unnamed(ents, bare, a);
    }
    let found = found.or_else(|| {
        if !(definite && a.kind == SpeakerType::Person && descriptive()) {
            return None;
        }
        // (only an age fits any person; `der SPD-Politiker` is no `Chefredakteur der Zeitung`)
        let age_only = (np.start..np.end).any(aged_word);
        let para = ctx.sentence_of(np.start).para;
        ents.iter()
            .enumerate()
            // (`Die Mutter des Opfers forderte … sagte die 54-Jährige`: a person known by a
            // role description too, but not another bare description of an age)
            .filter(|(_, e)| {
                e.kind == SpeakerType::Person
                    && (!e.name_words.is_empty() || age_only && !e.name.contains("Jährige"))
            })
            .filter(|(_, e)| a.female.is_none() || e.female.is_none() || e.female == a.female)
            .filter_map(|(i, e)| {
                let p = e
                    .mentions
                    .iter()
                    .map(|m| m.0)
                    .filter(|&p| p < np.start && para.saturating_sub(ctx.sentence_of(p).para) <= 2)
                    .max()?;
                Some((p, i))
            })
            .max()
            .map(|(_, i)| i)
    });
    found.unwrap_or_else(|| push_unnamed(ents, bare, a))
}

/// `Der oberste Gerichtshof` after `der Bundesgerichtshof (BGH)`, `das Ministerium` after
/// `das Bundesinnenministerium`: the institution named lately with a compound of the noun of a
/// definite institution phrase without a name (in the genitive too: `einer Stellungnahme des
/// Ministeriums`, whose noun is the institution's without its `-s`).
fn named_institution<K: TableKind>(
    ctx: &Ctx<'_, K>,
    ents: &[EntityDraft],
    a: &Analysed,
    np: &Np,
) -> Option<usize> {
    let with_article = matches!(
        ctx.s(np.start),
        "der" | "Der" | "das" | "Das" | "die" | "Die"
    );
    let genitive = ctx.s(np.start) == "des";
    if !(a.name_words.is_empty()
        && a.kind == SpeakerType::Organisation
        && (with_article || genitive))
    {
        return None;
    }
    let head = (np.start..np.end)
        .rev()
        .find(|&k| upper_at(ctx, k))
        .map(|k| ctx.lower(k))?;
    // (`des Amtes`: `-es`, or `-s`)
    let heads = if genitive {
        [
            head.strip_suffix('s').unwrap_or(head),
            head.strip_suffix("es").unwrap_or(head),
        ]
    } else {
        [head, head]
    };
    if crate::text::chars_at_most(heads[1], 4) {
        return None;
    }
    latest_entity(ents, |e| {
        e.kind == SpeakerType::Organisation
            // (named lately: an institution of a chapter long ago is not `das Ministerium`)
            && e.mentions.last().is_some_and(|m| np.start.saturating_sub(m.0) < 3000)
            && heads.iter().any(|head| {
                e.name.len() > head.len() + 2 && e.name.split(' ').any(|w| ends_in(w, head))
            })
    })
}

/// Does the word end in `head` (lower-cased), with more than two bytes before it?
/// (`Bundesgerichtshof` / `gerichtshof`; the tail is lower-cased only when it is not already,
/// `US-Marines`)
fn ends_in(w: &str, head: &str) -> bool {
    w.len() > head.len() + 2 && w.is_char_boundary(w.len() - head.len()) && {
        let tail = &w[w.len() - head.len()..];
        tail == head || lower_eq(tail, head)
    }
}

/// The name of a document whose author is a bare institution noun in the genitive (`einer
/// Stellungnahme des Ministeriums`) that [`named_institution`] finds named more fully before:
/// the document noun with that name in the genitive (`Stellungnahme des isländischen
/// Fischereiministeriums`).
fn document_by_named_author<K: TableKind>(
    ctx: &Ctx<'_, K>,
    ents: &[EntityDraft],
    np: &Np,
) -> Option<String> {
    // the document noun, then its genitive article and the author's noun, and nothing after
    let noun = (np.start..np.end).find(|&k| upper_at(ctx, k) && !is_det_at(ctx, k))?;
    let at = noun + 1;
    if at + 2 != np.end || !matches!(ctx.s(at), "des" | "der") || !upper_at(ctx, at + 1) {
        return None;
    }
    let author = Np {
        start: at,
        end: np.end,
        ..*np
    };
    let a = analyse(ctx, &author, false);
    let e = &ents[named_institution(ctx, ents, &a, &author)?];
    // the author's noun as written (`Ministeriums`) and what the name's word ends in
    let written = ctx.s(at + 1);
    let lower = written.to_lowercase();
    let words: Vec<&str> = e.name.split(' ').collect();
    let (h, ending) = ["", "s", "es"].iter().find_map(|ending| {
        let head = lower.strip_suffix(ending)?;
        let h = words.iter().position(|w| ends_in(w, head))?;
        Some((h, *ending))
    })?;
    // (weak adjectives before the noun take `-en` in the genitive: `isländische` →
    // `isländischen`, `Bayerische` → `Bayerischen`; a city's `Hamburger` stays; a name with
    // anything else before its noun is left alone)
    if !words[..h].iter().all(|w| {
        w.ends_with('e')
            || w.ends_with("en")
            || (w.ends_with("er") && w.starts_with(char::is_uppercase))
    }) {
        return None;
    }
    let mut name = format!("{} {}", ctx.s(noun), ctx.s(at));
    for (i, w) in words.iter().enumerate() {
        name.push(' ');
        name.push_str(w);
        if i < h && w.ends_with('e') {
            name.push('n');
        } else if i == h {
            name.push_str(ending);
        }
    }
    Some(name)
}

/// A new entity known only by its description.
fn push_unnamed(ents: &mut Vec<EntityDraft>, bare: &str, a: &Analysed) -> usize {
    ents.push(EntityDraft::new(
        bare.to_string(),
        Vec::new(),
        None,
        a.kind,
        a.female,
        a.plural,
    ));
    ents.len() - 1
}

/// The age in a description: `der 39-Jährige` → 39.
fn stated_age<K: TableKind>(ctx: &Ctx<'_, K>, np: &Np) -> Option<u32> {
    (np.start..np.end).find_map(|k| {
        let s = ctx.s(k);
        let (n, rest) = s.split_once('-')?;
        (rest.starts_with("Jährig") || rest.starts_with("jährig"))
            .then(|| n.parse().ok())
            .flatten()
    })
}

/// Where the text last gave that age before `before` (`39-jährige`, `39 Jahre alt`, `(39)`),
/// within the last 400 words.
fn age_given<K: TableKind>(ctx: &Ctx<'_, K>, age: u32, before: usize) -> Option<usize> {
    let digits = age.to_string();
    (before.saturating_sub(400)..before).rev().find(|&k| {
        let s = ctx.s(k);
        if let Some((n, rest)) = s.split_once('-') {
            return n == digits && (rest.starts_with("jährig") || rest.starts_with("Jährig"));
        }
        s == digits
            && k + 1 < before
            && (matches!(ctx.s(k + 1), "Jahre" | "Jahren")
                || (k > 0 && ctx.s(k - 1) == "(" && ctx.s(k + 1) == ")"))
    })
}

/// The comparable form of a role noun: its compound head, lower-cased, without the
/// inflection of adjectival nouns (`GdP-Vorsitzender` and `Der GdP-Vorsitzende` agree).
fn role_key(w: &str) -> String {
    let mut head = crate::grammar::after_last_hyphen(w).to_lowercase();
    // weak nouns and adjectival nouns inflect: `Präsidenten`, `Vorsitzender`, `Staatschefs`
    for suffix in ["en", "er", "es", "n", "r", "s", "e"] {
        if let Some(s) = head.strip_suffix(suffix)
            && !crate::text::chars_at_most(s, 3)
        {
            // (cut in place, not copied)
            head.truncate(head.len() - suffix.len());
            return head;
        }
    }
    head
}

/// The entity that satisfies `pred` and was mentioned last (mentions arrive in reading order,
/// so an entity's last mention is its latest before the one being resolved).
fn latest_entity(ents: &[EntityDraft], pred: impl Fn(&EntityDraft) -> bool) -> Option<usize> {
    // (among the last ENTITY_REACH entities named: a news article has far fewer, a book-length
    // text thousands, and asking every one for every description made it quadratic)
    let from = ents.len().saturating_sub(ENTITY_REACH);
    ents[from..]
        .iter()
        .enumerate()
        .filter(|(_, e)| pred(e))
        .max_by_key(|(_, e)| e.mentions.last().map(|m| m.0))
        .map(|(i, _)| from + i)
}

/// How many of the latest entities a description searches (see [`latest_entity`]).
const ENTITY_REACH: usize = 1000;

/// The nationality adjectives among `words` (`venezolanischen` → `venezolanisch`), in the
/// comparable form of [`role_key`].
fn nationalities<'a>(words: impl Iterator<Item = &'a str>) -> Vec<String> {
    words
        .filter(|w| w.starts_with(char::is_lowercase) && w.contains("isch"))
        .map(role_key)
        .collect()
}

/// A description and a role agree on nationality unless both name one and share none
/// (`der brasilianische Präsident` is not `des venezolanischen Präsidenten`).
fn nations_agree(ours: &[String], theirs: &[String]) -> bool {
    ours.is_empty() || theirs.is_empty() || ours.iter().any(|n| theirs.contains(n))
}

/// Role nouns that name the same office in news usage (`grammar/offices.tsv`): `der
/// venezolanische Staatschef` is `Präsident Hugo Chávez`, `der Regierungschef` the
/// `Ministerpräsident`. Gives the nouns' [`role_key`]s, the form every caller compares.
fn same_office<'a>(lex: &'a Lexicon, stem: &str) -> impl Iterator<Item = &'a str> {
    let key = role_key(stem);
    // (the offices' keys are derived once per lexicon: deriving them per description was a
    // `to_lowercase` per office noun and most of the cost of a role description)
    let keys = lex.office_keys.get_or_init(|| {
        lex.offices
            .iter()
            .map(|o| o.nouns.iter().map(|w| role_key(w)).collect())
            .collect()
    });
    keys.iter()
        .filter(move |ks| ks.contains(&key))
        .flat_map(|ks| ks.iter().map(String::as_str))
}

/// Role-only person entities (`der venezolanische Staatschef`) that a named entity of the same
/// role turns out to be, once the whole document is read: merged into it.
fn merge_roles(lex: &Lexicon, ents: &mut Vec<EntityDraft>, res: &mut [Resolution]) {
    let mut target: Vec<usize> = (0..ents.len()).collect();
    for r in 0..ents.len() {
        let e = &ents[r];
        if !e.name_words.is_empty() || e.kind != SpeakerType::Person {
            continue;
        }
        // the head noun comes first: `Anwältin des späteren Opfers` is an `Anwältin`
        let Some(stem) = e
            .name
            .split(' ')
            .find(|w| w.starts_with(char::is_uppercase))
        else {
            continue;
        };
        let first = e.mentions.first().map(|m| m.0).unwrap_or(0);
        let wants: Vec<String> = std::iter::once(role_key(stem))
            .chain(same_office(lex, stem).map(str::to_string))
            .collect();
        // the named person of that role, one whose role shares the description's adjectives
        // (`der venezolanische Präsident` → `des venezolanischen Präsidenten Hugo Chávez`)
        // first, then the one mentioned closest to it
        let adjectives: Vec<String> = e
            .name
            .split(' ')
            .filter(|w| w.starts_with(char::is_lowercase))
            .map(role_key)
            .collect();
        let nationality = nationalities(e.name.split(' '));
        let best = (0..ents.len())
            .filter(|&n| {
                n != r && !ents[n].name_words.is_empty() && ents[n].kind == SpeakerType::Person
            })
            .filter(|&n| wants.iter().any(|w| ents[n].has_role_key(w)))
            .filter(|&n| {
                e.female.is_none() || ents[n].female.is_none() || ents[n].female == e.female
            })
            // `der brasilianische Präsident` is not `des venezolanischen Präsidenten`
            .filter(|&n| {
                let role = ents[n].role.as_deref().unwrap_or("");
                nations_agree(&nationality, &nationalities(role.split(' ')))
            })
            .min_by_key(|&n| {
                let role = ents[n].role.as_deref().unwrap_or("");
                let agrees = adjectives
                    .iter()
                    .all(|a| role.split(' ').any(|w| role_key(w) == *a));
                let distance = ents[n]
                    .mentions
                    .iter()
                    .map(|m| m.0.abs_diff(first))
                    .min()
                    .unwrap_or(usize::MAX);
                (!agrees, distance)
            });
        if let Some(n) = best {
            target[r] = n;
        }
    }
    if target.iter().enumerate().all(|(i, &t)| i == t) {
        return;
    }
    for r in 0..ents.len() {
        if target[r] != r {
            let moved = std::mem::take(&mut ents[r].mentions);
            ents[target[r]].mentions.extend(moved);
        }
    }
    // renumber the entities that remain
    let mut new_id = vec![0; ents.len()];
    let mut next = 0;
    for i in 0..ents.len() {
        if target[i] == i {
            new_id[i] = next;
            next += 1;
        }
    }
    for r in res.iter_mut() {
        r.entity = r.entity.map(|e| new_id[target[e]]);
    }
    let mut i = 0;
    ents.retain(|_| {
        let keep = target[i] == i;
        i += 1;
        keep
    });
    for e in ents.iter_mut() {
        e.mentions.sort();
    }
}

/// `Angaben der Polizei` names the police; `eigenen Angaben` names nobody new;
/// `Polizeiangaben` and `NASA-Angaben` name the police and NASA.
fn source_name<'p, K: TableKind>(ctx: &Ctx<'_, K>, phrase: &'p str) -> &'p str {
    // (a title in marks loses them, `„Spiegel“`; marks inside keep both ends, `einem Bericht
    // der „Frankfurter Allgemeinen Zeitung“`)
    let phrase = if phrase.starts_with(is_double_mark) {
        phrase.trim_matches(is_double_mark)
    } else {
        phrase
    };
    if !phrase.contains(' ') {
        // `phrase.to_lowercase().ends_with("angaben")` without the copy: no character but these
        // ASCII letters lower-cases to them, so the last seven bytes must be they in any case
        let b = phrase.as_bytes();
        if b.len() >= 7
            && b[b.len() - 7..].eq_ignore_ascii_case(b"angaben")
            && phrase.len() > "angaben".len() + 2
        {
            let cut = phrase.len() - "angaben".len();
            let stem = phrase[..cut].trim_end_matches('-');
            // `Unternehmensangaben` → `Unternehmen`: the joining `s` is no part of the name
            return match stem.strip_suffix('s') {
                Some(base) if ctx.lex.role(base).is_some() => base,
                _ => stem,
            };
        }
    }
    let mut words = phrase.splitn(2, ' ');
    let first = words.next().unwrap_or("");
    match words.next() {
        // (a speech noun with its speaker after it too: `Forderungen von Politikern der SPD`)
        Some(rest)
            if crate::rules::indirect_according::is_source_noun(ctx, first)
                || ctx.lex.speech_nouns.contains(&first.to_lowercase())
                    && ["von ", "vom ", "des ", "der "]
                        .iter()
                        .any(|p| rest.starts_with(p)) =>
        {
            let rest = rest.strip_prefix("von ").unwrap_or(rest);
            strip_article(rest)
        }
        _ => phrase,
    }
}

/// The medium a document phrase names after its noun (`einem Bericht der „Zeit“` → `Zeit`,
/// `Berichten von BBC News` → `BBC News`), else the phrase.
fn medium_of_document<'p, K: TableKind>(ctx: &Ctx<'_, K>, phrase: &'p str) -> &'p str {
    let p = ["einem ", "einer ", "eines ", "ein ", "eine "]
        .iter()
        .find_map(|a| phrase.strip_prefix(a))
        .unwrap_or(phrase);
    let Some((noun, rest)) = p.split_once(' ') else {
        return phrase;
    };
    if !ctx
        .lex
        .role(noun)
        .is_some_and(|r| r.kind == NounType::Document)
    {
        return phrase;
    }
    let Some(rest) = ["der ", "des ", "von ", "vom "]
        .iter()
        .find_map(|a| rest.strip_prefix(a))
    else {
        return phrase;
    };
    let rest = rest.trim_matches(is_double_mark);
    if rest.is_empty() { phrase } else { rest }
}

/// `SPD`, `AfD`, `CDU/CSU`: more capitals than small letters, at least two, a short word.
/// Is the word at `k` a person's role noun, also in a genitive or dative form
/// (`US-Präsidenten`, `Ministers`)?
fn person_noun<K: TableKind>(ctx: &Ctx<'_, K>, lex: &Lexicon, k: usize) -> bool {
    if ctx.role(k).is_some_and(|r| r.kind == NounType::Person) {
        return true;
    }
    let s = ctx.s(k);
    let tail = s.rsplit('-').next().unwrap_or(s).to_lowercase();
    ["en", "n", "es", "s"].iter().any(|e| {
        tail.strip_suffix(e).is_some_and(|b| {
            b.len() >= 4
                && lex
                    .role_plain(b)
                    .is_some_and(|r| r.kind == NounType::Person)
        })
    })
}

/// Does the acronym `short` abbreviate the single word `long` (`AK` / `Arbeitskreis`,
/// `BKA` / `Bundeskriminalamt`)? Its first letter opens the word and its other letters follow
/// in order; the word is clearly longer and no acronym itself.
fn abbreviates(short: &str, long: &str) -> bool {
    let n = short.chars().count();
    if !(2..=5).contains(&n)
        || !short.chars().all(|c| c.is_ascii_uppercase())
        || long.chars().count() < n + 4
        || is_acronym(long)
        || !long.starts_with(char::is_uppercase)
    {
        return false;
    }
    let mut rest = long.chars().flat_map(char::to_lowercase);
    short.chars().enumerate().all(|(i, c)| {
        let c = c.to_ascii_lowercase();
        if i == 0 {
            rest.next() == Some(c)
        } else {
            rest.any(|x| x == c)
        }
    })
}

/// The written-out form of a name that opens with an acronym (`AK Vorratsdatenspeicherung`):
/// the same words with the acronym spelt out, where the text has them (`Der Arbeitskreis
/// Vorratsdatenspeicherung`); the first such place.
/// (Searched within [`WRITTEN_OUT_REACH`] words either side of the mention at `at`: a
/// book-length text must not be read again for every such name.)
fn written_out<'a, K: TableKind>(
    ctx: &Ctx<'a, K>,
    name: &[&str],
    at: usize,
) -> Option<Vec<&'a str>> {
    let (first, rest) = name.split_first()?;
    if rest.is_empty() || !is_acronym(first) {
        return None;
    }
    let from = at.saturating_sub(WRITTEN_OUT_REACH);
    let to = (at + WRITTEN_OUT_REACH).min(ctx.toks.len().saturating_sub(rest.len()));
    (from..to).find_map(|k| {
        (words_match(ctx.s(k + 1), rest[0])
            && abbreviates(first, ctx.s(k))
            && rest
                .iter()
                .enumerate()
                .all(|(i, w)| words_match(ctx.s(k + 1 + i), w)))
        .then(|| (k..=k + rest.len()).map(|j| ctx.s(j)).collect())
    })
}

/// How far from a mention [`written_out`] looks, in words.
const WRITTEN_OUT_REACH: usize = 5000;

/// A company's legal form after its name (`AG`, `GmbH`, `Inc`).
fn is_legal_form(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "AG" | "GmbH"
            | "SE"
            | "KG"
            | "KGaA"
            | "Inc"
            | "Ltd"
            | "Corp"
            | "LLC"
            | "plc"
            | "NV"
            | "SpA"
    )
}

fn is_acronym(w: &str) -> bool {
    let upper = w.chars().filter(|c| c.is_uppercase()).count();
    let lower = w.chars().filter(|c| c.is_lowercase()).count();
    upper >= 2 && upper > lower && crate::text::chars_at_most(w, 12)
}

fn strip_article(s: &str) -> &str {
    for a in [
        "der ", "die ", "das ", "Der ", "Die ", "Das ", "dem ", "den ", "des ", "Dem ", "Den ",
        "Des ", // (`Angaben seines Managers`: a possessive too)
        "seines ", "seiner ", "ihres ", "ihrer ",
    ] {
        if let Some(r) = s.strip_prefix(a) {
            return r;
        }
    }
    s
}

fn role_text(words: &[&str]) -> String {
    let mut s = String::with_capacity(words.iter().map(|w| w.len() + 1).sum());
    // `Der Bürgermeister von Schönebeck` → role `Bürgermeister von Schönebeck`
    let start = words
        .iter()
        .position(|w| !is_det(w) && *w != "|")
        .unwrap_or(words.len());
    for &w in words[start..].iter().filter(|w| **w != "|") {
        // no space inside brackets and quotation marks (`„Iceland Nature Conservation Association“`)
        if !s.is_empty() && !matches!(w, "," | ")" | "“" | "”") && !s.ends_with(['(', '„', '»'])
        {
            s.push(' ');
        }
        s.push_str(w);
    }
    // the party goes with the name in the text, not into the role: `Umweltministerin (SPD)`
    let s = match (find_ascii(&s, b" ("), s.bytes().rposition(|b| b == b')')) {
        (Some(a), Some(b)) if b > a => format!("{}{}", &s[..a], &s[b + 1..]),
        _ => s,
    };
    // `seines Zeichens Direktor der ACLU` → `Direktor der ACLU`
    let s = match find_ascii(&s, b"Zeichens ") {
        Some(i)
            if s[..i].trim_end().ends_with("seines") || s[..i].trim_end().ends_with("ihres") =>
        {
            s[i + "Zeichens ".len()..].to_string()
        }
        _ => s,
    };
    let trimmed = s.trim_matches(|c| c == ',' || c == ' ');
    if trimmed.len() == s.len() {
        s
    } else {
        trimmed.to_string()
    }
}

/// `hay.find(needle)` for an ASCII needle, byte by byte: a role text is a few dozen bytes, and
/// `str::find` set up a two-way searcher for each call.
fn find_ascii(hay: &str, needle: &[u8]) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w == needle)
}

/// `word.to_lowercase() == lower` without building the lower-cased copy (the institution search
/// asks it of every word of every organisation's name). A capital sigma lower-cases by its
/// place in the word, so a word with one takes the copy.
fn lower_eq(word: &str, lower: &str) -> bool {
    if word.contains('Σ') {
        return word.to_lowercase() == lower;
    }
    word.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// Turns entity drafts into the output model, given a span converter.
/// A name as a reader writes it: quotation marks a compound carried along are dropped (`die
/// „Bild“-Zeitung` is `Bild-Zeitung`); most names have none and are returned as they are.
fn without_marks(name: String) -> String {
    let mark = |c: char| is_double_mark(c) || c == '‚';
    // (every mark is `"` or starts with the byte C2 or E2: a name without those bytes, nearly
    // every one, is answered by a byte scan, not by decoding its characters)
    if memchr::memchr3(b'"', 0xC2, 0xE2, name.as_bytes()).is_none() {
        return name;
    }
    if name.contains(mark) {
        name.replace(mark, "")
    } else {
        name
    }
}

/// A double quotation mark of any convention (`„“”»«"`), as a phrase carries it round a title.
fn is_double_mark(c: char) -> bool {
    matches!(c, '„' | '“' | '"' | '»' | '«' | '”')
}

pub(crate) fn entities(ents: &[EntityDraft], span: impl Fn(usize, usize) -> Span) -> Vec<Entity> {
    ents.iter()
        .enumerate()
        .map(|(id, e)| Entity {
            id,
            name: e.name.clone(),
            kind: e.kind,
            role: e.role.clone(),
            gender: match (e.kind, e.female) {
                (SpeakerType::Person, Some(true)) => Some("female".into()),
                (SpeakerType::Person, Some(false)) => Some("male".into()),
                _ => None,
            },
            mentions: e.mentions.iter().map(|&(s, t)| span(s, t)).collect(),
        })
        .collect()
}

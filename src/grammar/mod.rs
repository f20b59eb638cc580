//! The language data of `grammar/`, parsed into lookup tables.
//!
//! The build script reads the files and writes their rows as static data, from which the
//! built-in lexicon is made once per process; the files are also embedded with `include_str!`,
//! and `Engine::builder()` can replace some of them at run time, through the same reader and
//! the same validation.

mod table;

pub use table::GrammarError;
pub(crate) use table::{FILES, Row, header_of, read_table};

use std::collections::{HashMap as StdMap, HashSet as StdSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A word hasher: the lexicon's keys are short words, looked up for every token; SipHash's
/// protection against crafted keys buys nothing for a fixed built-in table. Eight bytes are
/// mixed per step (in the manner of rustc's FxHash) rather than one as in FNV, which halved the
/// cost of a lookup.
#[derive(Default, Clone, Copy)]
pub(crate) struct WordHash(u64);

const K: u64 = 0xf135_7aea_2e62_a9c5;

impl Hasher for WordHash {
    #[inline]
    fn finish(&self) -> u64 {
        // the table takes its bucket from the low bits, which a multiply mixes least
        self.0.rotate_left(26)
    }
    // (inlined: the feature table's word cache hashes every token, and left out of line the
    // call cost 7 M instructions per pass once the feature loop had grown)
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h ^ w).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            h = (h ^ tail_word(rest) ^ ((rest.len() as u64) << 59)).wrapping_mul(K);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0 ^ u64::from(i)).wrapping_mul(K);
    }
    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0 ^ i as u64).wrapping_mul(K);
    }
}

/// The last one to seven bytes of a key as a little-endian word padded with zeros: the value
/// of copying them into a zeroed `[u8; 8]`, read with two overlapping loads instead (the copy
/// of a variable length was a `memcpy` call per look-up).
#[inline]
pub(crate) fn tail_word(rest: &[u8]) -> u64 {
    let n = rest.len();
    debug_assert!((1..8).contains(&n));
    if n >= 4 {
        let lo = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as u64;
        let hi = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]) as u64;
        // the loads overlap on equal bytes, so or-ing them is exact
        lo | (hi << (8 * (n - 4)))
    } else {
        let mut v = rest[0] as u64;
        if n >= 2 {
            v |= (rest[1] as u64) << 8;
        }
        if n == 3 {
            v |= (rest[2] as u64) << 16;
        }
        v
    }
}

type HashMap<K, V> = StdMap<K, V, BuildHasherDefault<WordHash>>;
/// A hash map with the word hasher: short keys, looked up often.
pub(crate) type WordMap<K, V> = StdMap<K, V, BuildHasherDefault<WordHash>>;
type HashSet<K> = StdSet<K, BuildHasherDefault<WordHash>>;
/// A hash set with the word hasher.
pub(crate) type WordSet<K> = StdSet<K, BuildHasherDefault<WordHash>>;

/// A word table that answers most misses without hashing the word: the rules ask the small
/// tables (source nouns, speech nouns, the first words of impersonal cues) about nearly every
/// token, the word analysis asks the Konjunktiv tables about every new word, and nearly every
/// answer is no. A bit per class of words (length, first and last byte) is set for the keys;
/// a word of a class without a key is no key.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gated<M> {
    table: M,
    filter: Vec<u64>,
}

impl<M> Gated<M> {
    const WORDS: usize = 64;

    /// The word's bit in the filter.
    #[inline]
    fn class(w: &str) -> usize {
        let b = w.as_bytes();
        let (first, last) = match b {
            [] => (0, 0),
            [f, .., l] => (*f as usize, *l as usize),
            [f] => (*f as usize, *f as usize),
        };
        (b.len().wrapping_mul(0x9E37) ^ first.wrapping_mul(0x85EB) ^ last.wrapping_mul(0x3F1))
            % (Self::WORDS * 64)
    }

    #[inline]
    fn may_hold(&self, w: &str) -> bool {
        let c = Self::class(w);
        self.filter
            .get(c / 64)
            .is_some_and(|bits| bits & (1 << (c % 64)) != 0)
    }

    fn note(&mut self, w: &str) {
        if self.filter.is_empty() {
            self.filter = vec![0; Self::WORDS];
        }
        let c = Self::class(w);
        self.filter[c / 64] |= 1 << (c % 64);
    }
}

impl<M> std::ops::Deref for Gated<M> {
    type Target = M;
    fn deref(&self) -> &M {
        &self.table
    }
}

impl Gated<HashSet<String>> {
    #[inline]
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.may_hold(w) && self.table.contains(w)
    }

    pub(crate) fn insert(&mut self, w: String) -> bool {
        self.note(&w);
        self.table.insert(w)
    }

    pub(crate) fn extend(&mut self, words: impl IntoIterator<Item = String>) {
        for w in words {
            self.insert(w);
        }
    }
}

impl<V: Default> Gated<HashMap<String, V>> {
    #[inline]
    pub(crate) fn get(&self, w: &str) -> Option<&V> {
        if self.may_hold(w) {
            self.table.get(w)
        } else {
            None
        }
    }

    pub(crate) fn insert(&mut self, w: String, v: V) -> Option<V> {
        self.note(&w);
        self.table.insert(w, v)
    }

    pub(crate) fn entry_or_default(&mut self, w: &str) -> &mut V {
        self.note(w);
        self.table.entry(w.to_string()).or_default()
    }
}

/// The embedded default grammar files, by name.
pub(crate) const DEFAULT_FILES: &[(&str, &str)] = &[
    ("verbs.tsv", include_str!("../../grammar/verbs.tsv")),
    ("roles.tsv", include_str!("../../grammar/roles.tsv")),
    ("according.tsv", include_str!("../../grammar/according.tsv")),
    (
        "subjunctive.tsv",
        include_str!("../../grammar/subjunctive.tsv"),
    ),
    (
        "abbreviations.tsv",
        include_str!("../../grammar/abbreviations.tsv"),
    ),
    ("names.tsv", include_str!("../../grammar/names.tsv")),
    (
        "speech_nouns.tsv",
        include_str!("../../grammar/speech_nouns.tsv"),
    ),
    (
        "interview_labels.tsv",
        include_str!("../../grammar/interview_labels.tsv"),
    ),
    (
        "source_nouns.tsv",
        include_str!("../../grammar/source_nouns.tsv"),
    ),
    ("offices.tsv", include_str!("../../grammar/offices.tsv")),
    (
        "company_nouns.tsv",
        include_str!("../../grammar/company_nouns.tsv"),
    ),
    (
        "in_phrase_nouns.tsv",
        include_str!("../../grammar/in_phrase_nouns.tsv"),
    ),
    (
        "places_with_article.tsv",
        include_str!("../../grammar/places_with_article.tsv"),
    ),
    ("capitals.tsv", include_str!("../../grammar/capitals.tsv")),
    (
        "focus_particles.tsv",
        include_str!("../../grammar/focus_particles.tsv"),
    ),
    (
        "time_words_before_nach.tsv",
        include_str!("../../grammar/time_words_before_nach.tsv"),
    ),
    (
        "frame_adverbs.tsv",
        include_str!("../../grammar/frame_adverbs.tsv"),
    ),
    ("adverbs.tsv", include_str!("../../grammar/adverbs.tsv")),
];

/// Which complements a speech verb takes (the `frames` column).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Frames {
    pub quote: bool,
    pub dass: bool,
    pub v2: bool,
    pub ob: bool,
    pub zu: bool,
    pub np: bool,
    pub als: bool,
    pub von: bool,
    /// With an object alone it is reported speech (`R`).
    pub reported: bool,
    /// With an object alone it is a speech act the news corpus does not mark as a claim (`A`):
    /// `Die Opposition kritisierte den Plan.` makes its subject who a later `sie` means, but is
    /// no claim of its own.
    pub act: bool,
}

/// A speech verb.
#[derive(Debug, Clone)]
pub(crate) struct Verb {
    pub lemma: std::sync::Arc<str>,
    pub particle: Option<String>,
    /// The particle's last word (`Protokoll` of `zu Protokoll`), which closes the clause of a
    /// finite form, and how many words stand before it: split once here, not for every reading
    /// of every cue.
    pub particle_last: Option<String>,
    pub particle_extra: usize,
    pub reflexive: bool,
    /// The verb reports with and without `sich` (`sich beklagen über`, `beklagen`).
    pub reflexive_optional: bool,
    pub frames: Frames,
    /// Prepositions the verb governs (`als`, `von`, `vor`): part of the cue where they stand.
    pub preps: Vec<String>,
}

/// Which form of a verb a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Present,
    Preterite,
    Konj1,
    Participle,
    Infinitive,
}

/// A word form of a speech verb.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VerbForm {
    pub verb: u32,
    pub form: Form,
    pub plural: bool,
    /// The particle is part of the word (`hinzufügte` in a subordinate clause).
    pub attached: bool,
}

/// What a speaker noun denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NounType {
    Person,
    Organisation,
    Media,
    Document,
    Group,
}

/// A role or source noun.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RoleNoun {
    pub kind: NounType,
    /// `Some(true)` for a feminine form, `Some(false)` masculine, `None` for a plural or a thing.
    pub female: Option<bool>,
    pub plural: bool,
}

/// Grammatical gender of a first name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
    Unisex,
}

/// Where an according-to cue stands relative to its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CuePosition {
    Pre,
    Post,
    So,
    Impersonal,
}

/// An according-to or impersonal cue.
#[derive(Debug, Clone)]
pub(crate) struct AccordingCue {
    /// The cue's words, lower-cased.
    pub words: Vec<String>,
    pub position: CuePosition,
    pub lemma: String,
}

/// Role nouns that name one office (`Staatschef`, `Präsident`): a description with one of them
/// may be the person the text named with another.
#[derive(Debug, Clone)]
pub(crate) struct Office {
    /// The `office` cell, shared by the group's rows.
    pub name: String,
    /// The line of the group's first row.
    pub line: usize,
    /// The nouns as written, in file order.
    pub nouns: Vec<String>,
}

/// Everything the rules look up.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    pub verbs: Vec<Verb>,
    /// Every finite or non-finite form (lower-cased) → the verbs it can belong to.
    pub forms: HashMap<String, Vec<VerbForm>>,
    /// After loading, every word's readings as a range of `form_arena`: a range is plain data,
    /// so a per-thread word cache can keep it across documents.
    form_spans: HashMap<String, (u32, u32)>,
    pub form_arena: Vec<VerbForm>,
    /// Tells lexicons apart (a per-thread word cache is valid for one lexicon only).
    pub id: u64,
    /// Every separable particle of a speech verb (`mit`, `hinzu`, `hin`).
    pub particles: HashSet<String>,
    /// Role nouns by lower-cased surface form (masculine, feminine and plural).
    pub roles: HashMap<String, RoleNoun>,
    pub names: HashMap<String, Gender>,
    /// A first name of one byte exists (then a punctuation token is looked up like a word).
    pub punct_name: bool,
    /// A one-byte word is in a list the token features mark ([`Lexicon::according_triggers`],
    /// the first words of impersonal cues, the speech nouns): then punctuation is looked up too.
    pub punct_listed: bool,
    /// Abbreviations without their final dot, as written (`z. B` → `B` is covered by initials).
    pub abbreviations: HashSet<String>,
    /// Role keys written as acronyms (`UN`, `EU`): they match only words in capitals, so the
    /// `Un` of `Kim Jong Un` is no organisation.
    pub acronyms: HashSet<String>,
    /// The longest acronym's length in bytes: a longer word is none, without a look-up.
    acronym_max: usize,
    /// Konjunktiv forms (lower-cased) → `true` for Konjunktiv II.
    pub subjunctive: Gated<HashMap<String, bool>>,
    /// The Konjunktiv forms that are also the Präteritum indicative (person `any`: `sollte`,
    /// `wollte`): reported speech after a speech verb, nothing on their own.
    pub preterite_like: Gated<HashSet<String>>,
    pub according: Vec<AccordingCue>,
    /// Source nouns (`angaben`, `ansicht`): `source_nouns.tsv` and the last word of every
    /// prepositional according-to cue, gathered once for a fast test per token.
    pub source_nouns: Gated<HashSet<String>>,
    /// The last three bytes of every role key and source noun: a compound can end in one of
    /// them only if it ends in these bytes, which rules out most words without a lookup per
    /// suffix.
    pub noun_ends: HashSet<[u8; 3]>,
    /// Per last three bytes, the byte lengths of the role keys with that ending ([`LenMask`]):
    /// a compound is looked up only at the split points that can yield a key, one or two
    /// instead of one per letter (the compound search was a third of a new word's cost).
    role_end_lens: HashMap<[u8; 3], LenMask>,
    /// The same for the source nouns.
    source_end_lens: HashMap<[u8; 3], LenMask>,
    /// Single-word pre-posed according-to cues (`laut`, `gemäß`), for a test per token.
    pub pre_words: Gated<HashSet<String>>,
    /// Every word that opens an according-to reading (`laut`, `nach`, `zufolge`, `wie`, the
    /// pre words): the rule asks every token, and nearly every answer is no.
    pub according_triggers: Gated<HashSet<String>>,
    /// Impersonal cues (`hieß es`, `wie bekannt wurde`) by their first word: indexes into
    /// `according`, so a token is tried only against the cues it can open.
    pub impersonal_by_first: Gated<HashMap<String, Vec<usize>>>,
    /// Speech nouns that take a content clause (`Vorwurf`, `Forderung`), lower-cased.
    pub speech_nouns: Gated<HashSet<String>>,
    /// The interviewer's labels of a transcript (`zeit online`, `frage`), lower-cased, words
    /// joined by one space.
    pub interviewer_labels: Gated<HashSet<String>>,
    /// Groups of role nouns that name the same office, in file order.
    pub offices: Vec<Office>,
    /// The comparable form (`speakers::role_key`) of every office's nouns, in the order of
    /// `offices`: derived on the speaker stage's first use, not again for every description
    /// that asks which nouns share its office.
    pub office_keys: std::sync::OnceLock<Vec<Vec<String>>>,
    /// Nouns that, after an article, refer back to a named company (`der Konzern`), as
    /// written: they are compared with the token exactly.
    pub company_nouns: Gated<HashSet<String>>,
    /// Nouns of set phrases with `in` and no article (`in Form`, `in Kürze`), as written: after
    /// an institution such a phrase is no seat (`die Polizei in Zusammenarbeit mit …`).
    pub in_phrase_nouns: Gated<HashSet<String>>,
    /// Countries and regions named with their article (`Iran`, `Ruhrgebiet`), as written: after
    /// an institution `im <place>` is its seat (`die Botschaft im Iran`).
    pub places_with_article: Gated<HashSet<String>>,
    /// Capitals and seats as written (`Moskau`, `Buenos Aires`) → the government they stand for
    /// as a speaker (`russische Regierung`): `Moskau erklärte, …` is the Russian government.
    pub capitals: Gated<HashMap<String, String>>,
    /// Focus particles that may stand before the subject at a clause start (`Auch`, `Selbst`),
    /// capitalised as written: compared exactly with the clause's first word.
    pub focus_particles: Gated<HashSet<String>>,
    /// Words that make a following `nach` temporal (`erst`, `kurz`), lower-cased.
    pub time_words_before_nach: Gated<HashSet<String>>,
    /// Adverbs that may stand between a speech verb and its speaker (`sagte gestern der
    /// Minister`), lower-case: compared exactly with the word (as written, or lower-cased for
    /// the ADVERB bit).
    pub frame_adverbs: Gated<HashSet<String>>,
    /// Adverbs and particles that open a sentence capitalised but never name anyone
    /// (`Inzwischen`, `Tatsächlich`), lower-case: compared exactly with the lower-cased word for
    /// the ADVERB bit, together with `frame_adverbs` and the endings of `words::is_adverb`.
    pub adverbs: Gated<HashSet<String>>,
    /// Every example sentence with its file, line and what it illustrates (read it with
    /// [`Lexicon::examples`]).
    examples: std::sync::OnceLock<Vec<Example>>,
}

/// Adds the examples of a file's rows to `out`.
fn examples_of(name: &str, header: &[&str], rows: &[Row], out: &mut Vec<Example>) {
    let Some(col) = header.iter().position(|h| *h == "example") else {
        return;
    };
    out.reserve(rows.len());
    for row in rows {
        if let Some(text) = row.opt(col) {
            out.push(Example {
                file: name.to_string(),
                line: row.line,
                key: row.cells[0].to_string(),
                text: text.to_string(),
            });
        }
    }
}

/// A built-in grammar file as the build script read it: its name, and per row the line
/// number and the cells.
type BuiltinFile = (&'static str, &'static [(usize, &'static [&'static str])]);

/// The built-in grammar files' rows, written by the build script.
mod builtin_rows {
    include!(concat!(env!("OUT_DIR"), "/grammar_rows.rs"));
}

/// An example sentence from a grammar file, run by a test.
#[derive(Debug, Clone)]
pub struct Example {
    /// The grammar file.
    pub file: String,
    /// Its line.
    pub line: usize,
    /// The entry's key (first column).
    pub key: String,
    /// The example text.
    pub text: String,
}

fn split_alts(cell: &str) -> impl Iterator<Item = String> + '_ {
    cell.split('|')
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty() && s != "-")
}

impl Lexicon {
    /// Parses a complete set of grammar sources (name → text).
    pub(crate) fn from_sources(sources: &[(&str, &str)]) -> Result<Lexicon, GrammarError> {
        let mut lex = Lexicon::default();
        for (name, _) in FILES {
            if !sources.iter().any(|(n, _)| n == name) {
                return Err(GrammarError {
                    file: name.to_string(),
                    line: 0,
                    message: "the grammar file is missing".into(),
                });
            }
        }
        let mut examples = Vec::new();
        for (name, src) in sources {
            let Some(header) = header_of(name) else {
                return Err(GrammarError {
                    file: name.to_string(),
                    line: 0,
                    message: format!(
                        "unknown grammar file (expected one of {})",
                        FILES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                    ),
                });
            };
            let rows = read_table(name, src, header)?;
            lex.reserve_for(name, rows.len());
            for row in &rows {
                lex.add_row(name, row)?;
            }
            examples_of(name, header, &rows, &mut examples);
        }
        lex.examples = examples.into();
        lex.finish()
    }

    /// The built-in lexicon, from the rows the build script read out of `grammar/` (and
    /// checked as [`read_table`] checks a file at run time). Its examples are put together
    /// when first asked for ([`Lexicon::examples`]): only the grammar tests read them, and
    /// as strings they were a fifth of the cost of loading the grammar.
    fn from_builtin_rows() -> Result<Lexicon, GrammarError> {
        let mut lex = Lexicon::default();
        for &(name, rows) in builtin_rows::BUILTIN_ROWS {
            lex.reserve_for(name, rows.len());
            for &(line, cells) in rows {
                lex.add_row(
                    name,
                    &Row {
                        line,
                        cells: cells.into(),
                    },
                )?;
            }
        }
        lex.finish()
    }

    /// Every grammar example with its file and line.
    pub(crate) fn examples(&self) -> &[Example] {
        // (set from the start for a lexicon read from text, `from_sources`)
        self.examples.get_or_init(|| {
            let mut examples = Vec::new();
            for &(name, rows) in builtin_rows::BUILTIN_ROWS {
                let header = header_of(name).expect("build.rs writes the files of FILES");
                let rows: Vec<Row> = rows
                    .iter()
                    .map(|&(line, cells)| Row {
                        line,
                        cells: cells.into(),
                    })
                    .collect();
                examples_of(name, header, &rows, &mut examples);
            }
            examples
        })
    }

    /// What every way of loading does once the files' rows are in: the tables derived from
    /// them, and the checks across files.
    fn finish(self) -> Result<Lexicon, GrammarError> {
        let mut lex = self;
        // a misspelt office would stand alone and link nothing
        if let Some(o) = lex.offices.iter().find(|o| o.nouns.len() < 2) {
            return Err(GrammarError {
                file: "offices.tsv".into(),
                line: o.line,
                message: format!("the office `{}` has only one noun", o.name),
            });
        }
        // `nach dem Willen`, `aus Sicht`: the grammar's prepositional entries name their noun last
        let from_cues: Vec<String> = lex
            .according
            .iter()
            .filter(|c| {
                c.words.len() >= 2 && matches!(c.words[0].as_str(), "nach" | "aus" | "laut")
            })
            .filter_map(|c| c.words.last().cloned())
            .collect();
        lex.source_nouns.extend(from_cues);
        lex.noun_ends = lex
            .roles
            .keys()
            .chain(lex.source_nouns.iter())
            .filter_map(|k| last3(k))
            .collect();
        lex.punct_name = lex.names.keys().any(|k| k.len() == 1);
        lex.acronym_max = lex.acronyms.iter().map(String::len).max().unwrap_or(0);
        lex.role_end_lens = end_lens(lex.roles.keys());
        lex.source_end_lens = end_lens(lex.source_nouns.iter());
        lex.form_spans.reserve(lex.forms.len());
        for (word, list) in std::mem::take(&mut lex.forms) {
            let from = lex.form_arena.len() as u32;
            lex.form_arena.extend(list);
            lex.form_spans
                .insert(word, (from, lex.form_arena.len() as u32));
        }
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        lex.id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        for (i, c) in lex.according.iter().enumerate() {
            match c.position {
                CuePosition::Pre if c.words.len() == 1 => {
                    lex.pre_words.insert(c.words[0].clone());
                }
                CuePosition::Impersonal => {
                    if let Some(first) = c.words.first() {
                        lex.impersonal_by_first.entry_or_default(first).push(i);
                    }
                }
                _ => {}
            }
        }
        let triggers: Vec<String> = lex.pre_words.iter().cloned().collect();
        lex.according_triggers.extend(triggers);
        lex.according_triggers.extend(
            [
                "wie", "laut", "gemäß", "nach", "aus", "zufolge", "demnach", "wonach", "danach",
            ]
            .map(String::from),
        );
        lex.punct_listed = lex
            .according_triggers
            .iter()
            .chain(lex.impersonal_by_first.keys())
            .chain(lex.speech_nouns.iter())
            .any(|k| k.len() == 1);
        Ok(lex)
    }

    /// Room for what a file of `rows` rows adds: the tables grew by doubling, re-hashing
    /// every key each time (a fifth of the cost of loading the grammar, once per process).
    /// The factors are the keys per row of the built-in files, rounded up.
    fn reserve_for(&mut self, file: &str, rows: usize) {
        match file {
            "verbs.tsv" => self.forms.reserve(rows * 7),
            "roles.tsv" => self.roles.reserve(rows * 2),
            "names.tsv" => self.names.reserve(rows),
            "subjunctive.tsv" => self.subjunctive.table.reserve(rows),
            "abbreviations.tsv" => self.abbreviations.reserve(rows),
            _ => {}
        }
    }

    fn add_row(&mut self, file: &str, row: &Row) -> Result<(), GrammarError> {
        let bad = |message: String| GrammarError {
            file: file.to_string(),
            line: row.line,
            message,
        };
        match file {
            "verbs.tsv" => {
                let c = &row.cells;
                let mut frames = Frames::default();
                let mut preps = Vec::new();
                for f in c[9].split(',').map(str::trim) {
                    if let Some(p) = f.strip_prefix("PP:") {
                        preps.push(p.to_lowercase());
                    }
                    match f {
                        "Q" | "Q-partial" => frames.quote = true,
                        "D" => frames.dass = true,
                        "V2" => frames.v2 = true,
                        "OB" | "W" => frames.ob = true,
                        "ZU" => frames.zu = true,
                        "NP" => frames.np = true,
                        "R" => frames.reported = true,
                        "A" => frames.act = true,
                        "ALS" => {
                            frames.als = true;
                            preps.push("als".into());
                        }
                        "VON" => {
                            frames.von = true;
                            preps.push("von".into());
                        }
                        f if f.starts_with("PP") || f == "-" => {}
                        other => {
                            return Err(bad(format!(
                                "unknown frame `{other}` (Q, D, V2, OB, ZU, NP, ALS, VON, R, A, PP:<prep>)"
                            )));
                        }
                    }
                }
                let (reflexive, reflexive_optional) = match row.opt(2) {
                    None => (false, false),
                    Some("sich") => (true, false),
                    Some("sich?") => (false, true),
                    Some(other) => {
                        return Err(bad(format!(
                            "reflexive must be `sich`, `sich?` or `-`, not `{other}`"
                        )));
                    }
                };
                let particle = row.opt(1).map(str::to_lowercase);
                let idx = self.verbs.len() as u32;
                let lemma = c[0].to_lowercase();
                for p in particle.iter() {
                    self.particles.insert(p.clone());
                }
                let mut add = |word: String, form: Form, plural: bool, attached: bool| {
                    let entry = self.forms.entry(word).or_default();
                    if !entry
                        .iter()
                        .any(|f| f.verb == idx && f.form == form && f.plural == plural)
                    {
                        entry.push(VerbForm {
                            verb: idx,
                            form,
                            plural,
                            attached,
                        });
                    }
                };
                for (col, form, plural) in [
                    (3, Form::Present, false),
                    (4, Form::Present, true),
                    (5, Form::Preterite, false),
                    (6, Form::Preterite, true),
                    (7, Form::Konj1, false),
                    (8, Form::Participle, false),
                ] {
                    for w in split_alts(c[col]) {
                        // the lexicon may note a governed preposition in parentheses
                        let w = w.split(" (").next().unwrap_or("").trim().to_string();
                        if w.contains(' ') || w.is_empty() {
                            return Err(bad(format!("the form `{w}` must be one word")));
                        }
                        // a verb-final clause joins the particle to the finite verb:
                        // `…, bevor er hinzufügte`, `wie die Polizei mitteilte`
                        if let Some(p) = &particle
                            && form != Form::Participle
                        {
                            add(format!("{p}{w}"), form, plural, true);
                        }
                        add(w, form, plural, false);
                    }
                }
                // the infinitive is the lemma's verb word: `sagen`, `mitteilen`, `wissen (wollen)`;
                // a phrase like `zu bedenken geben` has none of its own worth matching
                let base = lemma
                    .split(' ')
                    .find(|w| w.len() >= 4 && *w != "zu")
                    .unwrap_or("")
                    .to_string();
                // (only a word that is a verb: in `zuversichtlich sein`, `deutlich machen`,
                // `Zweifel äußern` the first word is the particle, and `zuversichtlich` alone
                // read as an infinitive made any adjective a cue)
                let verb_word =
                    base.ends_with("en") || base.ends_with("ern") || base.ends_with("eln");
                if !base.is_empty() && !lemma.starts_with("zu ") && verb_word {
                    let inf = match &particle {
                        Some(p) => base.strip_prefix(p.as_str()).unwrap_or(&base).to_string(),
                        None => base.clone(),
                    };
                    if inf.len() >= 4 {
                        add(inf, Form::Infinitive, true, false);
                    }
                    if particle.is_some() {
                        add(base, Form::Infinitive, true, true);
                    }
                }
                self.verbs.push(Verb {
                    lemma: c[0].split(" (").next().unwrap_or(c[0]).into(),
                    particle_last: particle
                        .as_ref()
                        .map(|p| p.split_whitespace().last().unwrap_or(p).to_string()),
                    particle_extra: particle
                        .as_ref()
                        .map(|p| p.split_whitespace().count().saturating_sub(1))
                        .unwrap_or(0),
                    particle,
                    reflexive,
                    reflexive_optional,
                    frames,
                    preps,
                });
            }
            "roles.tsv" => {
                let kind = match row.cells[3] {
                    "person" => NounType::Person,
                    "organisation" => NounType::Organisation,
                    "media" => NounType::Media,
                    "document" => NounType::Document,
                    "group" => NounType::Group,
                    other => return Err(bad(format!("unknown type `{other}`"))),
                };
                let person = kind == NounType::Person;
                let noun = &row.cells[0];
                if noun
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
                {
                    self.acronyms.insert(noun.to_lowercase());
                }
                let masc = RoleNoun {
                    kind,
                    female: person.then_some(false),
                    plural: kind == NounType::Group,
                };
                self.roles
                    .entry(row.cells[0].to_lowercase())
                    .or_insert(masc);
                if let Some(f) = row.opt(1) {
                    self.roles.insert(
                        f.to_lowercase(),
                        RoleNoun {
                            kind,
                            female: Some(true),
                            plural: false,
                        },
                    );
                }
                if let Some(p) = row.opt(2) {
                    let pk = if person { NounType::Group } else { kind };
                    self.roles.entry(p.to_lowercase()).or_insert(RoleNoun {
                        kind: pk,
                        female: None,
                        plural: true,
                    });
                }
            }
            "according.tsv" => {
                let position = match row.cells[1] {
                    "pre" => CuePosition::Pre,
                    "post" => CuePosition::Post,
                    "so" => CuePosition::So,
                    "impersonal" => CuePosition::Impersonal,
                    other => {
                        return Err(bad(format!(
                            "unknown position `{other}` (pre, post, so, impersonal)"
                        )));
                    }
                };
                self.according.push(AccordingCue {
                    words: row.cells[0]
                        .split_whitespace()
                        .map(str::to_lowercase)
                        .collect(),
                    position,
                    lemma: row.cells[2].to_string(),
                });
            }
            "subjunctive.tsv" => {
                let k2 = match row.cells[1] {
                    "k1" => false,
                    "k2" => true,
                    other => return Err(bad(format!("unknown mood `{other}` (k1, k2)"))),
                };
                self.subjunctive.insert(row.cells[0].to_lowercase(), k2);
                if row.cells[2] == "any" {
                    self.preterite_like.insert(row.cells[0].to_lowercase());
                }
            }
            "abbreviations.tsv" => {
                let a = row.cells[0].trim_end_matches('.');
                // `z. B.` and `z.B.` both end in the part `B`; store every part
                for part in a.split(['.', ' ']).filter(|p| !p.is_empty()) {
                    self.abbreviations.insert(part.to_string());
                }
            }
            "names.tsv" => {
                let g = match row.cells[1] {
                    "m" => Gender::Male,
                    "f" => Gender::Female,
                    "u" => Gender::Unisex,
                    other => return Err(bad(format!("unknown gender `{other}` (m, f, u)"))),
                };
                self.names.insert(row.cells[0].to_string(), g);
            }
            "speech_nouns.tsv" => {
                self.speech_nouns
                    .insert(one_word(row.cells[0]).map_err(bad)?);
            }
            "source_nouns.tsv" => {
                self.source_nouns
                    .insert(one_word(row.cells[0]).map_err(bad)?);
            }
            "offices.tsv" => {
                one_word(row.cells[0]).map_err(bad)?;
                let noun = row.cells[0].to_string();
                match self.offices.iter_mut().find(|o| o.name == row.cells[1]) {
                    Some(o) => o.nouns.push(noun),
                    None => self.offices.push(Office {
                        name: row.cells[1].to_string(),
                        line: row.line,
                        nouns: vec![noun],
                    }),
                }
            }
            "company_nouns.tsv" => {
                let noun = &row.cells[0];
                one_word(noun).map_err(bad)?;
                // compared as written with a noun after its article: a lower-case key never matches
                if !noun.starts_with(char::is_uppercase) {
                    return Err(bad(format!("`{noun}` must be capitalised like the noun")));
                }
                self.company_nouns.insert(noun.to_string());
            }
            // compared as written with a capitalised token (a place after `in`/`im`, the first
            // word of a clause): a lower-case key would never match
            "in_phrase_nouns.tsv" | "places_with_article.tsv" | "focus_particles.tsv" => {
                let word = &row.cells[0];
                one_word(word).map_err(bad)?;
                if !word.starts_with(char::is_uppercase) {
                    return Err(bad(format!(
                        "`{word}` must be capitalised as the rule compares it"
                    )));
                }
                let set = match file {
                    "in_phrase_nouns.tsv" => &mut self.in_phrase_nouns,
                    "places_with_article.tsv" => &mut self.places_with_article,
                    _ => &mut self.focus_particles,
                };
                set.insert(word.to_string());
            }
            // compared as written with a whole speaker phrase (`Moskau`, `Buenos Aires`): a
            // lower-case key would never match
            "capitals.tsv" => {
                let city = row.cells[0];
                // (compared with the text of a phrase of one or two words, `Ctx::capital`)
                if city.split(' ').any(str::is_empty) || city.contains(char::is_control) {
                    return Err(bad(format!("`{city}` must have one space between words")));
                }
                if city.split(' ').count() > 2 {
                    return Err(bad(format!("`{city}` has more than two words")));
                }
                if !city.split(' ').all(|w| w.starts_with(char::is_uppercase)) {
                    return Err(bad(format!(
                        "`{city}` must be capitalised as the text writes it"
                    )));
                }
                let Some(government) = row.opt(1) else {
                    return Err(bad(format!("`{city}` needs the government it stands for")));
                };
                self.capitals
                    .insert(city.to_string(), government.to_string());
            }
            "time_words_before_nach.tsv" => {
                self.time_words_before_nach
                    .insert(one_word(row.cells[0]).map_err(bad)?);
            }
            "frame_adverbs.tsv" | "adverbs.tsv" => {
                let word = &row.cells[0];
                one_word(word).map_err(bad)?;
                // compared exactly with a lower-cased word (the ADVERB bit), and the frame
                // adverbs also with the word as written: a capital would never match the one,
                // and match the other unlike it
                if word.chars().any(char::is_uppercase) {
                    return Err(bad(format!(
                        "`{word}` must be lower-case as the rules compare it"
                    )));
                }
                let set = match file {
                    "adverbs.tsv" => &mut self.adverbs,
                    _ => &mut self.frame_adverbs,
                };
                set.insert(word.to_string());
            }
            "interview_labels.tsv" => {
                let words: Vec<String> = row.cells[0]
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .collect();
                // the rule looks for the colon within three tokens of the line start
                if words.len() > 3 {
                    return Err(bad(format!(
                        "the label `{}` has more than three words",
                        row.cells[0]
                    )));
                }
                self.interviewer_labels.insert(words.join(" "));
            }
            _ => {}
        }
        Ok(())
    }

    /// The built-in grammar, parsed once and shared by every default engine.
    pub(crate) fn builtin() -> &'static std::sync::Arc<Lexicon> {
        static LEX: std::sync::OnceLock<std::sync::Arc<Lexicon>> = std::sync::OnceLock::new();
        LEX.get_or_init(|| {
            // build.rs validated these very files, so a failure here is a bug in this crate
            std::sync::Arc::new(
                Lexicon::from_builtin_rows().expect("the built-in grammar is valid"),
            )
        })
    }

    /// The speech-verb readings of a word given with its lower-cased form, as a range of
    /// `form_arena`: the word as written, or lower-cased when it is capitalised (`Sagte`
    /// after a quote).
    pub(crate) fn verb_forms_span(&self, word: &str, lower: &str) -> (u32, u32) {
        let get = |w: &str| self.form_spans.get(w).copied();
        if word.len() == lower.len() && word == lower {
            return get(lower).unwrap_or((0, 0));
        }
        get(word)
            .or_else(|| {
                word.starts_with(char::is_uppercase)
                    .then(|| get(lower))
                    .flatten()
            })
            .unwrap_or((0, 0))
    }

    /// The role noun a word is or ends in (`Kremlberater` → `berater`).
    pub(crate) fn role(&self, word: &str) -> Option<&RoleNoun> {
        with_lower(word, |lower| self.role_of(word, lower))
    }

    /// [`Lexicon::role`] of a word given with its lower-cased form.
    pub(crate) fn role_of(&self, word: &str, lower: &str) -> Option<&RoleNoun> {
        if self.is_acronym(lower) && word.chars().any(char::is_lowercase) {
            return None;
        }
        self.role_lower(lower)
    }

    /// Is the lower-cased word a role key written as an acronym?
    fn is_acronym(&self, lower: &str) -> bool {
        lower.len() <= self.acronym_max && self.acronyms.contains(lower)
    }

    /// A lower-case word as a role noun, without compound analysis.
    pub(crate) fn role_plain(&self, lower: &str) -> Option<&RoleNoun> {
        if self.is_acronym(lower) {
            return None;
        }
        self.roles.get(lower)
    }

    /// `roles.get`, asked only when a key of the word's ending and length exists: most words
    /// are no role, and the ending's mask tells so without hashing the whole word.
    fn role_key(&self, w: &str) -> Option<&RoleNoun> {
        let e = last3(w).unwrap_or([0; 3]);
        let mask = *self.role_end_lens.get(&e)?;
        if mask & (1 << w.len().min(63)) == 0 {
            return None;
        }
        self.roles.get(w)
    }

    fn role_lower(&self, lower: &str) -> Option<&RoleNoun> {
        if let Some(r) = self.role_key(lower) {
            return Some(r);
        }
        let tail = after_last_hyphen(lower);
        // (without a hyphen the tail is the word, asked already)
        if tail.len() != lower.len()
            && let Some(r) = self.role_key(tail)
        {
            return Some(r);
        }
        // genitive: `des Ministeriums`, `des Landkreises`
        for suffix in ["es", "s"] {
            if let Some(stem) = tail.strip_suffix(suffix)
                && stem.len() >= 4
                && let Some(r) = self.role_key(stem)
            {
                return Some(r);
            }
        }
        // compounds: the head must leave a stem of at least three letters (`Polizeisprecher`)
        if let Some(r) = self.role_compound(tail) {
            return Some(r);
        }
        // a compound's genitive: `des Landesrechnungshofs`, `des Landeskriminalamtes`
        ["es", "s"].iter().find_map(|suffix| {
            tail.strip_suffix(suffix)
                .filter(|stem| stem.len() >= 7)
                .and_then(|stem| self.role_compound(stem))
        })
    }

    /// The role noun a compound ends in (`polizeisprecher` → `sprecher`), the head leaving a
    /// stem of at least three letters.
    fn role_compound(&self, tail: &str) -> Option<&RoleNoun> {
        let mask = *last3(tail).and_then(|e| self.role_end_lens.get(&e))?;
        // the stem's three letters: the head starts at the fourth character or later
        let from = tail.char_indices().nth(3)?.0;
        compound_head(tail, from, 4, mask, |head| {
            // an acronym is no compound head: `Lufthansa` does not end in the agency `ANSA`
            // (asked only of a head that is a role: one look-up per suffix, not two)
            // `Hartmann`, `Neumann`, `Zimmermann` are surnames far more often than compounds of
            // `Mann`: the role compounds of `-mann`/`-frau` are rows of their own
            // (`Feuerwehrmann`, `Ehefrau`)
            self.roles
                .get(head)
                .filter(|_| !self.acronyms.contains(head) && !matches!(head, "mann" | "frau"))
        })
    }

    /// Is the lower-cased word a source noun or a compound ending in one after at least four
    /// bytes (`angaben`, `polizeiangaben`)? What `indirect_according::source_noun_word` asks,
    /// looked up only at the split points where a source noun of the right length can start.
    pub(crate) fn source_noun_word(&self, l: &str) -> bool {
        if self.source_nouns.contains(l) {
            return true;
        }
        if !last3(l).is_some_and(|e| self.noun_ends.contains(&e)) {
            return false;
        }
        // a source noun of one or two bytes has no ending of three: any split point may be one
        let short = self.source_end_lens.get(&[0; 3]).copied().unwrap_or(0);
        let mask = last3(l)
            .and_then(|e| self.source_end_lens.get(&e))
            .copied()
            .unwrap_or(0)
            | short;
        compound_head(l, 4, 1, mask, |head| {
            self.source_nouns.contains(head).then_some(())
        })
        .is_some()
    }
}

/// The part of a word after its last hyphen, or the word: what `rsplit('-').next()` gives,
/// by a byte search (the word analysis asks it of every new word).
pub(crate) fn after_last_hyphen(w: &str) -> &str {
    match memchr::memrchr(b'-', w.as_bytes()) {
        Some(p) => &w[p + 1..],
        None => w,
    }
}

/// Byte lengths of keys as bits: bit `n` for a key of `n` bytes, the top bit for any key of 63
/// bytes or more (then every length is tried).
type LenMask = u64;

/// The key lengths by the keys' last three bytes.
fn end_lens<'k>(keys: impl Iterator<Item = &'k String>) -> HashMap<[u8; 3], LenMask> {
    let mut out: HashMap<[u8; 3], LenMask> = HashMap::default();
    for k in keys {
        // (a key shorter than three bytes under the ending [0, 0, 0], which no word has)
        let e = last3(k).unwrap_or([0; 3]);
        *out.entry(e).or_default() |= 1 << k.len().min(63);
    }
    out
}

/// The longest head of `word` that `get` accepts: a suffix starting at a character boundary at
/// byte `from` or later, at least `min` bytes long, of a length in `mask`. The same answer as
/// trying every suffix from the longest down, with the lengths no key has skipped.
fn compound_head<R>(
    word: &str,
    from: usize,
    min: usize,
    mask: LenMask,
    mut get: impl FnMut(&str) -> Option<R>,
) -> Option<R> {
    if from >= word.len() {
        return None;
    }
    let longest = word.len() - from;
    if mask >> 63 != 0 {
        // a key of 63 bytes or more: every length may be one
        return (from..word.len())
            .filter(|&i| word.len() - i >= min && word.is_char_boundary(i))
            .find_map(|i| get(&word[i..]));
    }
    let mut m = if longest >= 63 {
        mask
    } else {
        mask & ((1u64 << (longest + 1)) - 1)
    };
    while m != 0 {
        let len = 63 - m.leading_zeros() as usize;
        m &= !(1u64 << len);
        if len < min {
            break;
        }
        let i = word.len() - len;
        if word.is_char_boundary(i)
            && let Some(r) = get(&word[i..])
        {
            return Some(r);
        }
    }
    None
}

/// A key the rules compare with a single token, lower-cased: a key with a space could never
/// match, so it is a mistake in the file rather than a silent no-op.
fn one_word(key: &str) -> Result<String, String> {
    if key.contains(char::is_whitespace) {
        return Err(format!("`{key}` must be one word"));
    }
    Ok(key.to_lowercase())
}

/// The last three bytes of a word, if it has that many.
pub(crate) fn last3(s: &str) -> Option<[u8; 3]> {
    let b = s.as_bytes();
    (b.len() >= 3).then(|| [b[b.len() - 3], b[b.len() - 2], b[b.len() - 1]])
}

/// Runs `f` on the lower-cased word, in a reused buffer: the rules ask the lexicon about every
/// capitalised token several times, and an allocation each time dominated the profile.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUF.with(|b| {
        let Ok(mut b) = b.try_borrow_mut() else {
            // re-entered from inside `f`: fall back to an allocation
            return f(&word.to_lowercase());
        };
        b.clear();
        // (char by char as before, but an ASCII character without its case-mapping iterator)
        if word.is_ascii() {
            b.push_str(word);
            b.make_ascii_lowercase();
        } else {
            for c in word.chars() {
                if c.is_ascii() {
                    b.push(c.to_ascii_lowercase());
                } else {
                    b.extend(c.to_lowercase());
                }
            }
        }
        f(&b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in lexicon made from the build script's rows is the one the embedded files
    /// give when read at run time: every table, and the examples in the same order.
    #[test]
    fn builtin_rows_are_the_files() {
        let mut rows = Lexicon::from_builtin_rows().expect("valid");
        let mut text = Lexicon::from_sources(DEFAULT_FILES).expect("valid");
        assert_eq!(rows.examples().len(), text.examples().len());
        for (a, b) in rows.examples().iter().zip(text.examples()) {
            assert_eq!(
                (&a.file, a.line, &a.key, &a.text),
                (&b.file, b.line, &b.key, &b.text)
            );
        }
        // (the tables alone: numbered apart, with examples read or not)
        (rows.id, text.id) = (0, 0);
        (rows.examples, text.examples) = Default::default();
        assert_eq!(format!("{rows:?}"), format!("{text:?}"));
        assert!(
            format!("{rows:?}").len() > 100_000,
            "the tables are in the text"
        );
    }

    /// The tail read gives the zero-padded word the hash was defined with, for every length.
    #[test]
    fn tail_word_is_the_padded_copy() {
        let bytes = [0x01u8, 0x82, 0x13, 0xf4, 0x25, 0xa6, 0x37];
        for n in 1..8 {
            let mut buf = [0u8; 8];
            buf[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(tail_word(&bytes[..n]), u64::from_le_bytes(buf), "{n} bytes");
        }
    }

    /// The filtered tables answer as their tables do: for every key, and for every other word
    /// of the grammar (names, role nouns, verb forms, their upper-case and shortened forms).
    #[test]
    fn gated_tables_answer_as_their_tables() {
        let lex = Lexicon::builtin();
        let mut words: Vec<String> = Vec::new();
        for w in lex
            .names
            .keys()
            .chain(lex.roles.keys())
            .chain(lex.form_spans.keys())
            .chain(lex.source_nouns.iter())
            .chain(lex.speech_nouns.iter())
            .chain(lex.company_nouns.iter())
            .chain(lex.in_phrase_nouns.iter())
            .chain(lex.places_with_article.iter())
            .chain(lex.capitals.keys())
            .chain(lex.focus_particles.iter())
            .chain(lex.time_words_before_nach.iter())
            .chain(lex.frame_adverbs.iter())
            .chain(lex.adverbs.iter())
            .chain(lex.pre_words.iter())
            .chain(lex.interviewer_labels.iter())
            .chain(lex.impersonal_by_first.keys())
            .chain(lex.subjunctive.keys())
            .chain(lex.preterite_like.iter())
        {
            words.push(w.clone());
            words.push(w.to_uppercase());
            words.push(w.chars().skip(1).collect());
            words.push(format!("{w}s"));
        }
        words.push(String::new());
        let sets = [
            &lex.source_nouns,
            &lex.speech_nouns,
            &lex.company_nouns,
            &lex.in_phrase_nouns,
            &lex.places_with_article,
            &lex.focus_particles,
            &lex.time_words_before_nach,
            &lex.frame_adverbs,
            &lex.adverbs,
            &lex.pre_words,
            &lex.according_triggers,
            &lex.interviewer_labels,
            &lex.preterite_like,
        ];
        for w in &words {
            for set in sets {
                assert_eq!(set.contains(w), set.table.contains(w), "{w:?}");
            }
            assert_eq!(
                lex.impersonal_by_first.get(w),
                lex.impersonal_by_first.table.get(w),
                "{w:?}"
            );
            assert_eq!(
                lex.subjunctive.get(w),
                lex.subjunctive.table.get(w),
                "{w:?}"
            );
            assert_eq!(lex.capitals.get(w), lex.capitals.table.get(w), "{w:?}");
        }
    }

    /// The compound search before the length masks: every suffix from the longest down.
    fn role_by_scan<'l>(lex: &'l Lexicon, tail: &str) -> Option<&'l RoleNoun> {
        tail.char_indices()
            .skip(3)
            .filter(|(i, _)| tail.len() - i >= 4)
            .find_map(|(i, _)| {
                let head = &tail[i..];
                lex.roles.get(head).filter(|_| !lex.acronyms.contains(head))
            })
    }

    /// The masked compound searches give the answers of trying every split point, on every
    /// key of the lexicon with stems before it, and on truncations of them.
    #[test]
    fn length_masks_find_what_the_full_scan_finds() {
        let lex = Lexicon::builtin();
        let keys: Vec<&String> = lex.roles.keys().chain(lex.source_nouns.iter()).collect();
        let mut words = 0;
        for key in keys {
            for stem in [
                "", "a", "ab", "abc", "polizei", "ü", "überö", "staats-", "bundes",
            ] {
                let word = format!("{stem}{key}");
                for cut in 0..=word.len().min(6) {
                    if !word.is_char_boundary(word.len() - cut) {
                        continue;
                    }
                    let w = &word[..word.len() - cut];
                    words += 1;
                    let scan = (last3(w).is_some_and(|e| lex.noun_ends.contains(&e)))
                        .then(|| role_by_scan(lex, w))
                        .flatten();
                    let masked = last3(w)
                        .and_then(|e| lex.role_end_lens.get(&e))
                        .zip(w.char_indices().nth(3))
                        .and_then(|(&m, (from, _))| {
                            compound_head(w, from, 4, m, |h| {
                                lex.roles.get(h).filter(|_| !lex.acronyms.contains(h))
                            })
                        });
                    // (the same entry of the table, not only an equal one)
                    assert_eq!(
                        scan.map(|r| r as *const RoleNoun),
                        masked.map(|r| r as *const RoleNoun),
                        "role of {w}"
                    );
                    assert_eq!(
                        lex.source_noun_word(w),
                        crate::rules::indirect_according::source_noun_word(lex, w),
                        "source noun {w}"
                    );
                }
            }
        }
        assert!(words > 10_000, "{words} words tried");
    }
}

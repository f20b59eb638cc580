//! The rule stage: nom grammar over tokens, one module per reporting structure.
//!
//! Every rule reads the shared [`Ctx`] and proposes [`Draft`] claims in token coordinates; the
//! engine turns them into the output model. Rules never see bytes of the original input.

pub(crate) mod claim_modal;
pub(crate) mod direct_embedded;
pub(crate) mod direct_floating;
pub(crate) mod direct_interposed;
pub(crate) mod direct_postposed;
pub(crate) mod direct_preposed;
pub(crate) mod direct_with_words;
pub(crate) mod free_indirect;
pub(crate) mod indirect_according;
pub(crate) mod indirect_anaphoric;
pub(crate) mod indirect_complement;
pub(crate) mod indirect_headline;
pub(crate) mod indirect_nominal;
pub(crate) mod indirect_postposed;
pub(crate) mod interview;
pub(crate) mod np;
pub(crate) mod reported;
pub(crate) mod toks;
pub(crate) mod words;

use nom::Parser;

use crate::claims::{Kind, Mood};
use crate::grammar::{Form, Lexicon};
use crate::quotes::QuoteSpan;
use crate::rules::toks::TableKind;
use crate::text::{Sentence, TokKind, Token};
use np::{Np, np};
use toks::{Toks, W};

/// A token range `[start, end)`.
pub(crate) type Range = (usize, usize);

/// A claim in token coordinates, before speakers are resolved.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub kind: Kind,
    pub quote: Vec<Range>,
    pub speaker: Option<Np>,
    pub cue: Vec<Range>,
    /// The cue's lemma, shared with the lexicon (a string per draft was an allocation per
    /// draft, and a long text with dense quotes has millions).
    pub lemma: Option<std::sync::Arc<str>>,
    pub frame: Vec<Range>,
    pub addressee: Option<Range>,
    pub mood: Mood,
    pub nested: bool,
    pub rule: &'static str,
    pub confidence: f32,
    /// The quote this claim was made from, when it is a direct one.
    pub quote_idx: Option<usize>,
    /// A speech act that is no claim (grammar frame `A`): it takes part in speaker resolution
    /// (a later `sie` may mean its subject) and is left out of the output.
    pub silent: bool,
}

/// A speech verb found in the text, with its particle and auxiliary.
#[derive(Debug, Clone)]
pub(crate) struct CueMatch {
    /// The finite or non-finite verb token.
    pub verb: usize,
    /// Where the separated particle stands, if any.
    pub particle: Option<usize>,
    /// The auxiliary of a participle or infinitive cue (`hat … gesagt`).
    pub aux: Option<usize>,
    /// The reflexive pronoun of the verb (`äußerte sich`).
    pub reflexive: Option<usize>,
    /// The governed preposition (`bezeichnete … als`, `sprach von`, `warnte vor`).
    pub prep: Option<usize>,
    /// Words of a multi-word particle before `particle` (`gab zu Protokoll`: 1).
    pub particle_extra: usize,
    pub lemma: std::sync::Arc<str>,
    pub form: Form,
    pub frames: crate::grammar::Frames,
}

impl CueMatch {
    pub(crate) fn spans(&self) -> Vec<Range> {
        let mut v = vec![(self.verb, self.verb + 1)];
        if let Some(p) = self.particle
            && self.particle_extra > 0
        {
            v.push((p - self.particle_extra, p));
        }
        for p in [self.particle, self.aux, self.reflexive, self.prep]
            .into_iter()
            .flatten()
        {
            v.push((p, p + 1));
        }
        v.sort();
        v
    }
}

/// Everything the rules read about one document.
pub(crate) struct Ctx<'a, K: TableKind> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub sents: &'a [Sentence],
    pub quotes: &'a [QuoteSpan],
    pub lex: &'a Lexicon,
    /// What the lexicon says about each token, read once.
    pub feats: toks::Feats<'a, K>,
    /// The lower-cased words that `feats` point into.
    lower: &'a str,
    /// Sentence index of each token.
    pub tok_sent: Vec<u32>,
    /// Innermost quote that contains each token (marks included), or `u32::MAX`.
    pub in_quote: Vec<u32>,
    /// The quote each quote is nested in, found once (every token's `outside_quotes` asks).
    parents: Vec<Option<u32>>,
    /// `cue_at` per token, computed once: every rule asks about the same words.
    /// Only words with a verb reading are asked for: a cell per token was the largest part of
    /// the memory a long document needs. So each token has a number (4 bytes): the place of its
    /// reading in `cues`, [`NO_CUE`] when it reads as none, or [`NONE`] before it is asked
    /// for; a hash map of readings cost more to fill and ask than the readings took to copy.
    cue_slot: std::cell::RefCell<Vec<u32>>,
    cues: std::cell::RefCell<Vec<CueMatch>>,
    /// Surnames the article gives with a first name or after an institution's kind, gathered
    /// when first asked ([`Ctx::known_surname`]).
    surnames: std::cell::OnceCell<crate::grammar::WordSet<&'a str>>,
}

const NONE: u32 = u32::MAX;
/// A token's `cue_slot` once it is known to read as no cue: most words with a verb reading
/// (`sehen`, `stehen`, `meinen` in other senses) are none, and a kept answer of none took as
/// much room as a cue.
const NO_CUE: u32 = u32::MAX - 1;

/// Separable verb particles: a clause that ends in one of them has a particle verb.
const SEPARABLE: &[&str] = &[
    "an", "auf", "ab", "aus", "ein", "vor", "zu", "mit", "nach", "fest", "her", "hin", "weg",
    "zurück", "los", "fort", "bei", "dar", "um", "fern", "frei", "hinzu", "bekannt", "heraus",
    "hervor", "zusammen", "vorbei", "statt", "teil", "kund", "preis",
];

impl<'a, K: TableKind> Ctx<'a, K> {
    pub(crate) fn new(
        text: &'a str,
        toks: &'a [Token],
        sents: &'a [Sentence],
        quotes: &'a [QuoteSpan],
        lex: &'a Lexicon,
        feats: &'a toks::FeatTable<'a>,
        lower: &'a str,
    ) -> Self {
        let mut tok_sent = vec![0u32; toks.len()];
        for (k, s) in sents.iter().enumerate() {
            for t in &mut tok_sent[s.start..s.end] {
                *t = k as u32;
            }
        }
        let mut in_quote = vec![NONE; toks.len()];
        let mut order: Vec<usize> = (0..quotes.len()).collect();
        order.sort_by_key(|&k| quotes[k].depth);
        for k in order {
            let q = quotes[k];
            for t in &mut in_quote[q.open..q.end] {
                *t = k as u32;
            }
        }
        let mut ctx = Ctx {
            text,
            toks,
            sents,
            quotes,
            lex,
            feats: feats.view(),
            lower,
            tok_sent,
            in_quote,
            cue_slot: std::cell::RefCell::new(vec![NONE; toks.len()]),
            cues: Default::default(),
            surnames: Default::default(),
            parents: Vec::new(),
        };
        ctx.parents = ctx.find_parents();
        ctx
    }

    pub(crate) fn w(&self, i: usize) -> W<'a> {
        let f = self.feats.at(i);
        W {
            s: f.word,
            t: &self.toks[i],
            i,
            f,
        }
    }

    /// Token `i` in lower case.
    #[inline]
    pub(crate) fn lower(&self, i: usize) -> &'a str {
        toks::lower_of(&self.feats[i], self.lower)
    }

    /// `Lexicon::role` of token `i`.
    pub(crate) fn role(&self, i: usize) -> Option<crate::grammar::RoleNoun> {
        self.feats[i].role
    }

    /// The speech-verb readings of token `i`.
    pub(crate) fn forms(&self, i: usize) -> &'a [crate::grammar::VerbForm] {
        let (from, to) = self.feats[i].forms;
        &self.lex.form_arena[from as usize..to as usize]
    }

    /// Has any token of the sentence a speech-verb reading? Without one no cue can be read
    /// there ([`Ctx::cue_at`] answers none for a word without readings), so a rule that needs a
    /// cue in the sentence can pass it over (most sentences have none).
    pub(crate) fn has_verb_reading(&self, sent: Sentence) -> bool {
        self.feats
            .position(sent.start, sent.end, |_, f| f.has_forms())
            .is_some()
    }

    /// The first token in `[from, to)` with all of these bits, if any: a plain scan of the
    /// feature table, for a rule that passes over every other token.
    pub(crate) fn next_with(&self, from: usize, to: usize, b: u32) -> Option<usize> {
        self.feats.position(from, to, |_, f| f.bits & b == b)
    }

    /// The commas among the tokens `[from, to)` (none when `to <= from`), read off the feature
    /// table in one pass: rules that work at commas pass over every other token.
    pub(crate) fn commas(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        // (nothing for a range out of order or past the end)
        let to = if from <= to && to <= self.feats.len() {
            to
        } else {
            from
        };
        let mut k = from;
        std::iter::from_fn(move || {
            if k >= to {
                return None;
            }
            let comma = self.feats.position(k, to, |_, f| f.word == ",")?;
            k = comma + 1;
            Some(comma)
        })
    }

    /// `words::is_conj_lower(self.lower(k))`, the CONJ bit first: the bit is set for every
    /// conjunction (from the same lower-cased word; a word with a gender mark has its base's
    /// bits but is no conjunction), and the word is matched only then.
    pub(crate) fn is_conj_at(&self, k: usize) -> bool {
        self.has(k, toks::bits::CONJ) && words::is_conj_lower(self.lower(k))
    }

    /// Has token `i` all of these word-class bits ([`toks::bits`])?
    pub(crate) fn has(&self, i: usize, b: u32) -> bool {
        self.feats[i].bits & b == b
    }

    pub(crate) fn s(&self, i: usize) -> &'a str {
        self.feats[i].word
    }

    /// The tokens `[start, end)` as a nom input.
    pub(crate) fn window(&self, start: usize, end: usize) -> Toks<'a, K> {
        Toks::new(self.text, self.toks, self.feats, start, end)
    }

    /// The speaker phrase that starts at token `start` and ends by `end`, if one parses there.
    pub(crate) fn np_at(&self, start: usize, end: usize) -> Option<Np> {
        np(self.lex)
            .parse(self.window(start, end))
            .ok()
            .map(|(_, n)| n)
    }

    /// The first of these starts from which a noun phrase (no pronoun) runs exactly to `end`:
    /// the phrase before a comma that a relative word stands for (`Gerüchte, nach denen …`,
    /// `eine Schätzung, wonach …`).
    pub(crate) fn np_ending_at(
        &self,
        mut starts: impl Iterator<Item = usize>,
        end: usize,
    ) -> Option<Np> {
        starts.find_map(|j| self.np_at(j, end).filter(|n| n.end == end && !n.pronoun))
    }

    /// [`Ctx::np_at`] in a speaker slot, where two phrases may coordinate (`Die Polizei und die
    /// Feuerwehr`).
    pub(crate) fn np_coord_at(&self, start: usize, end: usize) -> Option<Np> {
        np::np_coord(self.lex)
            .parse(self.window(start, end))
            .ok()
            .map(|(_, n)| n)
    }

    /// The words among tokens `[start, end)`: every token but punctuation.
    pub(crate) fn words_in(&self, r: std::ops::Range<usize>) -> impl Iterator<Item = usize> + '_ {
        r.filter(|&k| self.toks[k].kind != TokKind::Punct)
    }

    /// The document or medium a clause names by place as the source of an agentless cue:
    /// `In einem Positionspapier des Ministeriums heißt es, …`, `In der Erklärung wird
    /// gefordert, …`, `In diesem wird festgehalten, …`. The corpus marks the phrase as the
    /// speaker. Only for passive and impersonal cues: an active verb has its subject.
    pub(crate) fn place_source(&self, from: usize, verb: usize) -> Option<Np> {
        use crate::grammar::NounType;
        let is_document = |k: usize| {
            self.role(k)
                .is_some_and(|r| matches!(r.kind, NounType::Document | NounType::Media))
        };
        // the head, the phrase's first capitalised word, is a document or a medium
        let names_document = |n: &Np| {
            (n.start..n.end)
                .find(|&k| self.w(k).is_upper())
                .is_some_and(is_document)
        };
        // the document phrase ending at `end` (a relative clause's antecedent)
        let ending_at = |end: usize| {
            (end.saturating_sub(10)..end).find_map(|j| {
                self.np_at(j, end)
                    .filter(|n| n.end == end && !n.pronoun && names_document(n))
            })
        };
        (from..verb).find_map(|p| {
            if self.quote_at(p).is_some() {
                return None;
            }
            // `Darin steht: „…“`: the document the sentence before named
            if self.lower(p) == "darin" {
                let sent = self.sentence_of(p);
                let prev = self
                    .sents
                    .get((self.tok_sent[p] as usize).checked_sub(1)?)?;
                return (prev.start..sent.start).rev().find_map(|k| {
                    if !is_document(k) {
                        return None;
                    }
                    (k.saturating_sub(3)..=k).find_map(|j| {
                        self.np_at(j, sent.start)
                            .filter(|n| n.start <= k && k < n.end && !n.pronoun)
                    })
                });
            }
            // (`Auf der Homepage heißt es: „…“`: `auf` a web page)
            let on_web = self.lower(p) == "auf"
                && (p + 1..verb.min(p + 4))
                    .any(|k| self.role(k).is_some_and(|r| r.kind == NounType::Media));
            if !matches!(self.lower(p), "in" | "im") && !on_web {
                return None;
            }
            // `…, nach einer Erklärung, in der der Partei vorgeworfen wird, …`: the relative
            // clause's antecedent
            if p > from + 1
                && self.s(p - 1) == ","
                && matches!(self.s(p + 1), "der" | "dem" | "denen")
                && (p + 2 >= verb || !self.w(p + 2).is_upper())
            {
                return ending_at(p - 1);
            }
            // `In diesem wird festgehalten`: a demonstrative standing for the document
            if self.lower(p) == "in"
                && matches!(self.lower(p + 1), "diesem" | "dieser")
                && (p + 2 >= verb || !self.w(p + 2).is_upper())
            {
                let mut n = Np::span(p + 1, p + 2);
                n.pronoun = true;
                return Some(n);
            }
            let mut n = self
                .np_at(p + 1, verb)
                .filter(|n| !n.pronoun && names_document(n))?;
            n.end = self.genitive_tail(n.end, verb);
            Some(n)
        })
    }

    /// Where a phrase ending at `end` ends with the genitives after it that the phrase parser
    /// does not take (`des Bundesministeriums des Innern`), up to `limit`.
    pub(crate) fn genitive_tail(&self, mut end: usize, limit: usize) -> usize {
        while end + 1 < limit && matches!(self.s(end), "des" | "der") {
            match self.np_at(end, limit) {
                Some(m) if m.end <= limit && m.end > end => end = m.end,
                _ => break,
            }
        }
        end
    }

    /// Is the cue a passive (`wurde … mitgeteilt`)? Its subject is then no speaker.
    pub(crate) fn is_passive(&self, cue: &CueMatch) -> bool {
        cue.aux
            .is_some_and(|a| matches!(self.s(a), "wurde" | "wurden" | "wird" | "werden" | "worden"))
    }

    /// The government a phrase stands for when the phrase is exactly a capital or seat of
    /// `grammar/capitals.tsv` (`Moskau` → `russische Regierung`): `Moskau erklärte, …` is the
    /// Russian government speaking. Whether the city is in reporting position, and not a place
    /// after a preposition (`in Moskau`), is the caller's to ask.
    pub(crate) fn capital(&self, start: usize, end: usize) -> Option<&'a str> {
        // (no listed city has more than two words; most phrases start with no capital at all)
        if end <= start || end > start + 2 || !self.has(start, toks::bits::UPPER) {
            return None;
        }
        let lex: &'a Lexicon = self.lex;
        let text = &self.text[self.toks[start].start as usize..self.toks[end - 1].end as usize];
        lex.capitals.get(text).map(String::as_str)
    }

    /// Is `w` a surname the article gives with a first name somewhere (`Barack Obama` …
    /// `Obama berichtet`), or the name of an organisation after its kind (`die
    /// Umweltorganisation Greenpeace` … `Greenpeace fordert`)? A lone capitalised word is then a
    /// person or institution, not any noun. The set is gathered once per document.
    pub(crate) fn known_surname(&self, w: &str) -> bool {
        self.surnames
            .get_or_init(|| {
                let mut m = crate::grammar::WordSet::default();
                for j in 1..self.toks.len() {
                    let after_kind = || {
                        self.role(j - 1).is_some_and(|r| {
                            matches!(
                                r.kind,
                                crate::grammar::NounType::Organisation
                                    | crate::grammar::NounType::Media
                            )
                        })
                    };
                    // (the table's answers first: most words follow no name and no
                    // institution, and the capital letter needs the word decoded)
                    if self.role(j).is_none()
                        && !self.has(j, toks::bits::NAME)
                        && (self.has(j - 1, toks::bits::NAME) || after_kind())
                        && self.w(j).is_upper()
                    {
                        m.insert(self.s(j));
                    }
                }
                m
            })
            .contains(w)
    }

    /// Does token `k` end like a Konjunktiv I of the third person singular: a lower-case word
    /// in -e, not a preterite in -te, and of no closed class (no article, pronoun, adverb,
    /// preposition or conjunction)? For verbs grammar/subjunctive.tsv does not list (`die
    /// Aktion erinnere`, `Daran ändere auch …`); callers add what their position needs.
    pub(crate) fn ends_like_konj1(&self, k: usize) -> bool {
        let s = self.lower(k);
        self.w(k).is_lower()
            && s.ends_with('e')
            && !s.ends_with("te")
            && self.feats[k].bits
                & (toks::bits::DET
                    | toks::bits::PRONOUN
                    | toks::bits::ADVERB
                    | toks::bits::PREP
                    | toks::bits::CONJ)
                == 0
    }

    /// Is token `k` a lower-case word that can only be a finite verb here: an auxiliary, or a
    /// word of no other class (no conjunction, article, pronoun, preposition or adverb)? After
    /// a comma it opens the main clause that follows a fronted subordinate one (`Nachdem …
    /// mitgeteilt hatte, hatte dieser …`, `Als Kämpfer die Stadt einnahmen, töteten sie …`).
    pub(crate) fn looks_finite(&self, k: usize) -> bool {
        k < self.toks.len()
            && self.w(k).is_lower()
            && (self.has(k, toks::bits::AUX)
                || self.feats[k].bits
                    & (toks::bits::CONJ
                        | toks::bits::DET
                        | toks::bits::PRONOUN
                        | toks::bits::PREP
                        | toks::bits::ADVERB)
                    == 0)
    }

    /// Does a short quoted name open at token `i` (`„Die Zeit“`, `„BBC News“`, `„Muslix64“`:
    /// at most four words, every word capitalised)? Returns its closing mark. Such a quote is
    /// part of a clause, not a quotation.
    pub(crate) fn name_quote_at(&self, i: usize) -> Option<usize> {
        let q = &self.quotes[self.quote_at(i)?];
        let close = q.close?;
        (q.open == i
            && close > i + 1
            && close - i <= 5
            && (i + 1..close).all(|j| self.w(j).is_upper() || self.toks[j].kind != TokKind::Word))
        .then_some(close)
    }

    pub(crate) fn sentence_of(&self, i: usize) -> Sentence {
        self.sents[self.tok_sent[i] as usize]
    }

    /// The quote that contains token `i`, if any.
    pub(crate) fn quote_at(&self, i: usize) -> Option<usize> {
        // past the last token there is no quote (callers look one token ahead)
        let q = *self.in_quote.get(i)?;
        (q != NONE).then_some(q as usize)
    }

    /// Is token `i` inside a short quoted title that names the institution, medium or document
    /// before it (`Der Fernsehsender „Channel 10“ berichtete`)? Such a quote is part of a noun
    /// phrase, not a boundary of the frame.
    pub(crate) fn in_name_quote(&self, i: usize) -> bool {
        use crate::grammar::NounType;
        let Some(q) = self.quote_at(i) else {
            return false;
        };
        let span = self.quotes[q];
        span.close.is_some()
            && span.end - span.open <= 6
            && span.open > 0
            && self.role(span.open - 1).is_some_and(|r| {
                matches!(
                    r.kind,
                    NounType::Media | NounType::Organisation | NounType::Document
                )
            })
    }

    /// Is token `i` outside every quote, or inside exactly the quote `q` (for nested frames)?
    pub(crate) fn outside_quotes(&self, i: usize, q: Option<usize>) -> bool {
        match self.quote_at(i) {
            None => true,
            Some(k) => Some(k) == q.and_then(|q| self.parent_of(q)) && !self.is_mark(i, k),
        }
    }

    fn is_mark(&self, i: usize, k: usize) -> bool {
        let q = self.quotes[k];
        i == q.open || Some(i) == q.close
    }

    /// The quote a quote is nested in.
    pub(crate) fn parent_of(&self, q: usize) -> Option<usize> {
        self.parents.get(q).copied().flatten().map(|p| p as usize)
    }

    /// [`Ctx::parent_of`] for every quote: the quote around the opening mark one level up,
    /// else the latest quote one level up that spans this one.
    fn find_parents(&self) -> Vec<Option<u32>> {
        // the latest quote seen at each depth, in order of opening
        let mut latest: Vec<Option<usize>> = Vec::new();
        let mut order: Vec<usize> = (0..self.quotes.len()).collect();
        order.sort_by_key(|&k| (self.quotes[k].open, self.quotes[k].depth));
        let mut parents = vec![None; self.quotes.len()];
        for q in order {
            let qs = self.quotes[q];
            let d = qs.depth as usize;
            if d > 0 {
                let encloses = |p: usize| {
                    let o = self.quotes[p];
                    o.depth + 1 == qs.depth && o.open < qs.open && o.end >= qs.end
                };
                let parent = qs
                    .open
                    .checked_sub(1)
                    .and_then(|k| self.quote_at(k))
                    .filter(|&p| self.quotes[p].depth + 1 == qs.depth)
                    .or_else(|| {
                        // the last such quote in the list: the quotes are in order of opening, so
                        // it is the latest one level up if that one spans this one; else
                        // (quotes recovered at a paragraph end) a search
                        latest
                            .get(d - 1)
                            .copied()
                            .flatten()
                            .filter(|&p| encloses(p))
                            .or_else(|| (0..self.quotes.len()).rev().find(|&p| encloses(p)))
                    });
                parents[q] = parent.map(|p| p as u32);
            }
            if latest.len() <= d {
                latest.resize(d + 1, None);
            }
            latest[d] = Some(q);
        }
        parents
    }

    /// Reads token `i` as a speech-verb cue, finding a separated particle up to the clause end.
    #[inline]
    pub(crate) fn cue_at(&self, i: usize) -> Option<CueMatch> {
        // most tokens are no verb form: answered here without the cache's call frame
        if i >= self.toks.len() || !self.feats[i].has_forms() {
            return None;
        }
        self.cached_cue(i)
    }

    /// Does token `i` read as a cue ([`Ctx::cue_at`])? For the rules that only test: no copy
    /// of the cue (and of its lemma's reference) is made.
    #[inline]
    pub(crate) fn has_cue(&self, i: usize) -> bool {
        i < self.toks.len() && self.feats[i].has_forms() && self.cue_slot(i).is_some()
    }

    /// The particle of the cue at token `i`, if it reads as one: [`Ctx::has_cue`] for the
    /// particle test of every word before a candidate.
    fn cue_particle(&self, i: usize) -> Option<Option<usize>> {
        if i >= self.toks.len() || !self.feats[i].has_forms() {
            return None;
        }
        let slot = self.cue_slot(i)?;
        Some(self.cues.borrow()[slot].particle)
    }

    fn cached_cue(&self, i: usize) -> Option<CueMatch> {
        let slot = self.cue_slot(i)?;
        Some(self.cues.borrow()[slot].clone())
    }

    /// The place of token `i`'s cue in `cues`, read and kept there when first asked for.
    fn cue_slot(&self, i: usize) -> Option<usize> {
        match self.cue_slot.borrow()[i] {
            NONE => {}
            NO_CUE => return None,
            slot => return Some(slot as usize),
        }
        let slot = match self.read_cue(i) {
            None => NO_CUE,
            Some(c) => {
                let mut cues = self.cues.borrow_mut();
                cues.push(c);
                cues.len() as u32 - 1
            }
        };
        self.cue_slot.borrow_mut()[i] = slot;
        (slot != NO_CUE).then_some(slot as usize)
    }

    fn read_cue(&self, i: usize) -> Option<CueMatch> {
        let w = self.w(i);
        if w.t.kind != TokKind::Word {
            return None;
        }
        // the old spelling writes a particle apart where the new one joins it: `wie das
        // Ministerium bekannt gab`, `hat bekannt gegeben` (common in the corpus's years)
        // (only a word that is some verb's particle can be this one's: the join and its look-up
        // are for those)
        if i > 0
            && self.w(i - 1).is_lower()
            && self.toks[i].space_before
            && self.lex.particles.contains(self.lower(i - 1))
        {
            let joined = [self.lower(i - 1), self.lower(i)].concat();
            let span = self.lex.verb_forms_span(&joined, &joined);
            let readings = &self.lex.form_arena[span.0 as usize..span.1 as usize];
            if let Some(f) = readings.iter().find(|f| {
                self.lex.verbs[f.verb as usize].particle.as_deref() == Some(self.lower(i - 1))
            }) {
                let verb = &self.lex.verbs[f.verb as usize];
                return Some(CueMatch {
                    verb: i,
                    particle: Some(i - 1),
                    particle_extra: 0,
                    aux: None,
                    reflexive: None,
                    prep: None,
                    lemma: verb.lemma.clone(),
                    form: f.form,
                    frames: verb.frames,
                });
            }
        }
        let forms = self.forms(w.i);
        // `bekannt` is an adjective or the particle of `bekanntgeben`, not `bekennen`
        if forms.is_empty() || w.s == "bekannt" {
            return None;
        }
        // a capitalised form inside a sentence is a noun (`das Sagen`), not the verb
        let sent = self.sentence_of(i);
        // (`Kritisiert wird, dass …`, `Gefordert wurde …`: a participle fronted before its
        // passive auxiliary is the verb)
        let fronted_participle = w.is_upper()
            && i == sent.start
            && i + 1 < sent.end
            && matches!(self.s(i + 1), "wird" | "wurde" | "werden" | "wurden")
            && forms.iter().any(|f| f.form == Form::Participle);
        if w.is_upper()
            && !fronted_participle
            && (i == sent.start || !self.s(i - 1).ends_with(['„', '“', '"', '»', '«', ':']))
        {
            return None;
        }
        // `heißen` reports only as `heißt es` / `es hieß` (`Das heißt, …` means "that is")
        if w.s.starts_with("hei")
            && w.s.len() <= 6
            && forms
                .iter()
                .all(|f| self.lex.verbs[f.verb as usize].lemma.as_ref() == "heißen")
        {
            let es = |k: usize| k < self.toks.len() && self.s(k).eq_ignore_ascii_case("es");
            // `in denen es zu den Protesten auch heißt`: the `es` may stand a few words before
            // (within the clause: no comma between)
            let clause_start = (i.saturating_sub(8).max(sent.start)..i)
                .rev()
                .find(|&k| matches!(self.s(k), "," | ";" | ":"))
                .map_or(i.saturating_sub(8).max(sent.start), |k| k + 1);
            if !(es(i + 1) || (clause_start..i).any(es)) {
                return None;
            }
        }
        let clause_end = self.clause_end(i);
        let last = (i + 1..clause_end)
            .rev()
            .find(|&k| self.toks[k].kind == TokKind::Word);
        let mut best: Option<CueMatch> = None;
        let mut best_weak = false;
        for f in forms {
            let verb = &self.lex.verbs[f.verb as usize];
            let finite = matches!(f.form, Form::Present | Form::Preterite | Form::Konj1);
            let particle = match (&verb.particle_last, finite && !f.attached) {
                (Some(p_last), true) => match last.filter(|&k| self.lower(k) == p_last) {
                    Some(k) => Some(k),
                    None => continue,
                },
                _ => None,
            };
            // `äußerte sich`: the reflexive right after the verb belongs to the cue
            let reflexive = ((verb.reflexive || verb.reflexive_optional)
                && i + 1 < clause_end
                && self.s(i + 1) == "sich")
                .then_some(i + 1);
            // `meldete Insolvenz an` is `anmelden`, not `melden`: a particle closing the clause
            // that the verb does not take makes it another verb
            if finite
                && verb.particle.is_none()
                && !f.attached
                && let Some(l) = last
                && l + 1 >= clause_end
                && SEPARABLE.contains(&self.s(l))
                // `nennt den Vorgang ein „Musterbeispiel …“`: an article before a quote
                && !(self.s(l) == "ein" && self.quote_at(l + 1).is_some())
            {
                continue;
            }
            // `hat sich versprochen` is `sich versprechen`: a `sich` right at a non-reflexive verb
            if !verb.reflexive
                && !verb.reflexive_optional
                && ((i + 1 < clause_end && self.s(i + 1) == "sich")
                    || (i > 0 && self.s(i - 1) == "sich")
                    || (f.form == Form::Participle
                        && (i.saturating_sub(6)..i).any(|k| self.s(k) == "sich")))
            {
                continue;
            }
            // a reflexive verb without its `sich` is another verb (`zeigte das Bild`)
            // (the clause is searched for a reflexive verb only)
            if verb.reflexive
                && !(i.saturating_sub(3)..clause_end)
                    .any(|k| k < self.toks.len() && self.s(k) == "sich")
            {
                continue;
            }
            // the governed preposition, within the clause and outside quotes (for a verb that
            // governs one)
            let prep = if verb.preps.is_empty() {
                None
            } else {
                (i + 1..clause_end)
                    .filter(|&k| self.outside_quotes(k, None) && Some(k) != particle)
                    .find(|&k| verb.preps.iter().any(|p| governs(p, self.s(k))))
            };
            let particle_extra = verb.particle_extra;
            let particle_extra =
                if particle.is_some_and(|p| p >= particle_extra && p - particle_extra > i) {
                    particle_extra
                } else {
                    0
                };
            if fronted_participle && f.form != Form::Participle {
                continue;
            }
            let cand = CueMatch {
                verb: i,
                particle,
                particle_extra,
                aux: fronted_participle.then_some(i + 1),
                reflexive,
                prep,
                lemma: verb.lemma.clone(),
                form: f.form,
                frames: verb.frames,
            };
            // (`Die Grünen sehen in …` is `sehen`: a particle verb's infinitive is written with
            // its particle, `ansehen`, so its bare word reads as that infinitive only when no
            // other verb has the word)
            let weak = f.form == Form::Infinitive && verb.particle.is_some() && !f.attached;
            // prefer the reading whose particle is there, then a plain verb
            let better = match &best {
                None => true,
                Some(b) => b.particle.is_none() && cand.particle.is_some() || best_weak && !weak,
            };
            if better {
                best = Some(cand);
                best_weak = weak;
            }
        }
        best
    }

    /// Where a sentence's own words start: after a dateline (`Magdeburg (dpa) – …`), which is
    /// provenance, not part of anything said.
    pub(crate) fn sentence_start(&self, sent: Sentence) -> usize {
        let s = sent.start;
        let dash = |k: usize| k < sent.end && matches!(self.s(k), "–" | "-" | "—");
        if s + 4 < sent.end
            && self.w(s).is_upper()
            && self.s(s + 1) == "("
            && self.s(s + 3) == ")"
            && dash(s + 4)
        {
            return s + 5;
        }
        if s + 1 < sent.end && self.w(s).is_upper() && dash(s + 1) {
            return s + 2;
        }
        s
    }

    /// Is token `j` the separated particle of a speech verb before it (`gab … bekannt`)? Then it
    /// is no cue of its own, though `bekannt` is also a participle.
    pub(crate) fn is_particle_of_earlier(&self, j: usize, from: usize) -> bool {
        let lo = j.saturating_sub(12).max(from);
        (lo..j).any(|v| self.cue_particle(v) == Some(Some(j)))
    }

    /// The end of the clause starting at or after `i`: punctuation, a quote mark or a conjunction.
    pub(crate) fn clause_end(&self, i: usize) -> usize {
        let sent = self.sentence_of(i);
        let mut k = i + 1;
        while k < sent.end {
            let s = self.s(k);
            // an embedded quote is part of the clause (`wies die Vorwürfe als „absurd“ zurück`)
            if let Some(q) = self.quote_at(k)
                && self.quote_at(i) != Some(q)
                && self.quotes[q].open == k
                && self.quotes[q].close.is_some()
                && self.quotes[q].end < sent.end
                && self.quotes[q].end - self.quotes[q].open <= 8
            {
                k = self.quotes[q].end;
                continue;
            }
            // an apposition inside the clause (`räumte der Chef der Bank, Tobias Renner, ein`)
            if s == ","
                && k + 2 < sent.end
                && self.w(k + 1).is_upper()
                && let Some(c2) = (k + 2..sent.end.min(k + 6)).find(|&j| self.s(j) == ",")
                && (k + 1..c2).all(|j| self.w(j).is_upper())
                && (self.has(k + 1, toks::bits::NAME)
                    // (a name the first-name list lacks, after a role: `teilte der Direktor der
                    // Behörde, Bagus Puruhito, mit`)
                    || c2 >= k + 3
                        && self.role(k - 1).is_some()
                        && (k + 1..c2).all(|j| self.role(j).is_none()))
            {
                k = c2 + 1;
                continue;
            }
            // a role apposition too (`ging Celebi, die Anwältin der Frau, davon aus`)
            if s == ","
                && k + 3 < sent.end
                && self.has(k + 1, toks::bits::DET)
                && let Some(c2) = (k + 2..sent.end.min(k + 8)).find(|&j| self.s(j) == ",")
                && (k + 1..c2).all(|j| {
                    self.w(j).is_upper()
                        || self.has(j, toks::bits::DET)
                        || matches!(self.s(j), "von" | "vom")
                })
                && (k + 2..c2).any(|j| {
                    self.role(j)
                        .is_some_and(|r| r.kind == crate::grammar::NounType::Person)
                })
            {
                k = c2 + 1;
                continue;
            }
            // the dot of an abbreviation inside the sentence (`Nr. 1`) ends no clause
            let inner_dot = s == "." && k + 1 < sent.end;
            if self.toks[k].kind == TokKind::Punct
                && s != "("
                && s != ")"
                && s != "-"
                && s != "/"
                && !inner_dot
            {
                break;
            }
            if self.is_conj_at(k) && s != "als" && s != "wie" {
                break;
            }
            k += 1;
        }
        k
    }

    /// Parses a speaker phrase at token `i`, skipping up to three adverbials first
    /// (`sagte am Montag in Berlin der Minister`).
    pub(crate) fn speaker_after(&self, i: usize, end: usize) -> Option<Np> {
        let mut k = i;
        for _ in 0..4 {
            if k >= end {
                return None;
            }
            // `schrieb „Die Zeit“`, `schreibt die „Computerwoche“`: a short quoted name
            let open = if self.has(k, toks::bits::DET) {
                k + 1
            } else {
                k
            };
            if let Some(close) = self.name_quote_at(open)
                && close < end
            {
                return Some(Np::span(k, close + 1));
            }
            if let Some(found) = self.np_coord_at(k, end) {
                // `teilte dem Fernsehsender CNN mit`: a dative is the addressee, never the
                // subject; the speaker may follow it
                if matches!(self.s(found.start), "dem" | "Dem" | "einem" | "Einem") {
                    k = found.end;
                    continue;
                }
                return Some(found);
            }
            let w = self.w(k);
            // (`sagte gestern der Minister`: a frame adverb of `grammar/frame_adverbs.tsv`, a
            // preposition or any other lower-case word stands before the speaker)
            if w.is_punct()
                || !(self.lex.frame_adverbs.contains(w.s)
                    || w.has(toks::bits::PREP)
                    || w.is_lower())
            {
                return None;
            }
            // skip a prepositional phrase (up to its noun) or a single adverb
            k = if w.has(toks::bits::PREP) {
                let mut j = k + 1;
                while j < end && j < k + 5 && !self.w(j).is_upper() && !self.w(j).is_punct() {
                    j += 1;
                }
                // (a medium's name after its noun is part of the phrase: `gegenüber der
                // Nachrichtenagentur dpa`)
                if j + 1 < end
                    && self
                        .role(j)
                        .is_some_and(|r| r.kind == crate::grammar::NounType::Media)
                    && self.toks[j + 1].kind == TokKind::Word
                    && !self.has(j + 1, toks::bits::DET)
                    && !self.has(j + 1, toks::bits::PREP)
                    && (self.w(j + 1).is_upper() || self.forms(j + 1).is_empty())
                    && !self.has(j + 1, toks::bits::NAME)
                {
                    j += 1;
                }
                j + 1
            } else {
                k + 1
            };
        }
        None
    }

    /// The subject phrase that ends right before token `v` within `[from, v)`, the earliest
    /// start that parses to exactly there.
    ///
    /// The phrase must open the clause: at `from`, after punctuation or a conjunction — or be a
    /// titled name (`US-Außenminister Antony Blinken`), which is a subject wherever it stands
    /// (a headline run into the text leaves no punctuation before it).
    pub(crate) fn subject_before(&self, from: usize, v: usize) -> Option<Np> {
        // `„BBC News“ berichtet, …`, `„Muslix64“ erwähnte auch, …`: a short quoted name that
        // opens the clause right before the verb is its subject
        // (a name: every word capitalised, `„Wir streiken“ sagte er` is a quote)
        if let Some(close) = self.name_quote_at(from)
            && (close + 1 == v || close + 2 == v && self.has(close + 1, toks::bits::ADVERB))
        {
            return Some(Np::span(from, close + 1));
        }
        // a phrase that does not open the clause counts only when it is titled, and a titled
        // phrase has a role noun with another word after it (its first two core words): past the
        // last role noun before `v - 1` no such phrase starts, and none is parsed there
        let last_role = (from..v.saturating_sub(1))
            .rev()
            .find(|&j| self.role(j).is_some());
        (from..v).find_map(|k| {
            // (`Auch sie forderten …`, `Selbst die Polizei räumte ein …`: a focus particle
            // before the subject at the clause start, `grammar/focus_particles.tsv`)
            // (`Vorschlag an den Bundestag Der Bundesrat schlug … vor`: a headline run into
            // its sentence, a capitalised article opens a clause; not a title after a medium,
            // `die Zeitung Die Welt`)
            let glued = k > from
                && matches!(self.s(k), "Der" | "Die" | "Das")
                && !self
                    .role(k - 1)
                    .is_some_and(|r| r.kind == crate::grammar::NounType::Media)
                && self.w(k - 1).is_upper();
            let opens_here = k == from
                || glued
                || self.toks[k - 1].kind == TokKind::Punct
                || self.is_conj_at(k - 1)
                || k == from + 1 && self.lex.focus_particles.contains(self.s(k - 1));
            if !opens_here && last_role.is_none_or(|r| r < k) {
                return None;
            }
            let mut found = self.np_coord_at(k, v)?;
            // `Ein Sprecher der „Tagesschau“ sagte`: before the verb, `der` and a quoted title
            // are the subject's genitive (the phrase parser leaves them out, as after a verb
            // they name the addressee: `sagte der Politiker der „Zeit“`)
            if !found.pronoun
                && found.end + 2 < v
                && self.s(found.end) == "der"
                && let Some(q) = self.quote_at(found.end + 1)
                && self.quotes[q].open == found.end + 1
                && self.quotes[q].close.is_some_and(|c| c + 1 == v)
            {
                found.end = v;
            }
            // `Ein Forscherteam der Universität Tübingen hat herausgefunden`: a titled genitive
            // right after the phrase that opens the clause is that phrase's attribute, and the
            // two are the subject together
            if !opens_here
                && k > from + 1
                && matches!(self.s(k), "der" | "des")
                && self.w(k - 1).is_upper()
                && !self.has(k - 1, toks::bits::NAME)
                && let Some(head) = self.np_at(from, k)
                && head.end == k
                && !head.pronoun
            {
                found = Np {
                    start: head.start,
                    has_det: head.has_det,
                    ..found
                };
            }
            // `Minister Sathit Wongnongtoey von der Kanzlei des Ministerpräsidenten erklärte`: a
            // complement's genitive chain the phrase parser stopped short of (only after a
            // complement, and only `des`: `…, weil Müller der Zeitung sagte` names an addressee)
            if !found.pronoun
                && found.end < v
                && self.s(found.end) == "des"
                && (found.start + 1..found.end)
                    .any(|j| matches!(self.s(j), "von" | "vom" | "des" | "der"))
            {
                found.end = self.genitive_tail(found.end, v);
            }
            // (a titled phrase after a preposition is its object, not the subject: `Laut BBC
            // News sagte der Minister, …`)
            // (`von` before a passive's agent stays: `von Moderator Matthias Keller-May
            // gefragt`)
            let governed = k > from
                && (self.has(k - 1, toks::bits::PREP)
                    || matches!(self.lower(k - 1), "laut" | "gemäß" | "nach"))
                && !matches!(self.lower(k - 1), "von" | "vom" | "durch");
            let opens = opens_here || found.titled && !governed;
            // `Jonas Reiter, Sprecher des ADAC, sagte`: the apposition's closing comma
            // `Frank Sichau, der als Sprecher fungiert, erklärte`: a relative clause between
            let relative = found.end + 2 < v
                && self.s(found.end) == ","
                && matches!(
                    self.s(found.end + 1),
                    "der"
                        | "die"
                        | "das"
                        | "den"
                        | "dem"
                        | "deren"
                        | "dessen"
                        | "welche"
                        | "welcher"
                        | "welches"
                )
                && self.s(v - 1) == ",";
            // `Die US-Botschaft in Riad teilte mit`: a place after an institution
            let place = found.end + 2 <= v
                && matches!(self.s(found.end), "in" | "im" | "aus")
                && !found.pronoun
                && (found.start..found.end).any(|j| {
                    self.role(j)
                        .is_some_and(|r| r.kind != crate::grammar::NounType::Person)
                })
                && (found.end + 1..v).all(|j| self.w(j).is_upper() || self.has(j, toks::bits::DET))
                && v - found.end <= 4;
            // `Nachdem die Anwältin der Frau dem Richter mitgeteilt hatte, …`: a dative object
            // between the subject and the verb at the clause end
            let object = !found.pronoun
                && found.end < v
                && matches!(
                    self.lower(found.end),
                    "dem" | "einem" | "ihm" | "ihnen" | "mir" | "uns"
                )
                && self.np_at(found.end, v).is_some_and(|o| o.end == v)
                && (v + 1 >= self.toks.len()
                    || matches!(self.s(v + 1), "," | "hatte" | "hat" | "habe" | "hätte"));
            // `Die Kanadier hingegen sagen, …`: a contrast or focus adverb between subject
            // and verb
            let adverb = found.end + 1 == v
                && matches!(
                    self.s(found.end),
                    "hingegen"
                        | "dagegen"
                        | "jedoch"
                        | "aber"
                        | "allerdings"
                        | "wiederum"
                        | "indes"
                        | "indessen"
                        | "ihrerseits"
                        | "seinerseits"
                        | "ebenfalls"
                        | "auch"
                        | "zudem"
                        | "nun"
                        | "selbst"
                );
            // `Sadiq Khan, einer der Abgeordneten, verurteilte`: a partitive apposition
            let partitive = found.end + 3 < v
                && self.s(found.end) == ","
                && matches!(self.lower(found.end + 1), "einer" | "eine" | "eines")
                && matches!(self.s(found.end + 2), "der" | "des")
                && self.s(v - 1) == ","
                && (found.end + 3..v - 1).all(|j| self.s(j) != ",");
            // `Adidas-Vorstand Erich Stamminger, zuständig für das US-Geschäft, hatte …
            // angekündigt`, `Die Unterstützer der Vorlage, darunter auch die Bürgerfraktion,
            // verwiesen`: a parenthesis between the named subject that opens the clause and
            // its verb
            let parenthesis = k == from
                && !found.pronoun
                && found.end + 2 < v
                && self.s(found.end) == ","
                && self.s(v - 1) == ","
                && v - found.end <= 25
                && (found.start..found.end)
                    .any(|j| self.role(j).is_some() || self.has(j, toks::bits::NAME))
                && (found.end + 1..v - 1).all(|j| !self.has_cue(j) && self.s(j) != ":");
            let ends = found.end == v
                || (found.end + 1 == v && self.s(found.end) == ",")
                || parenthesis
                || partitive
                || adverb
                || relative
                || place
                || object;
            // (the corpus marks the place as part of the speaker: `Die US-Botschaft in Riad`)
            if place && !relative && !adverb {
                found.end = v;
            }
            // `Als Beispiel nannte die NASA …`, `Als Grund gab die Behörde … an`: a bare noun
            // after an opening `Als` is predicative, the subject follows the verb (a clause of
            // time has its subject with an article or a name: `Als der Minister sagte, …`)
            let predicative = k == from + 1
                && self.s(from) == "Als"
                && !found.has_det
                && found.end == k + 1
                && !self.has(k, toks::bits::NAME);
            (ends && opens && !predicative).then_some(found)
        })
    }

    /// An addressee after the speaker: `der Nachrichtenagentur TASS`, `gegenüber der „Zeit“`,
    /// `im Interview mit dem ZDF`.
    pub(crate) fn addressee_after(&self, i: usize, end: usize) -> Option<Range> {
        // (after `hierzu`, `dazu`, `auch`: `sagte hierzu der Süddeutschen Zeitung`; other adverbs
        // were measured: they let too many objects pass for addressees)
        let mut i = i;
        while i + 1 < end && matches!(self.s(i), "hierzu" | "dazu" | "auch") {
            i += 1;
        }
        // (`gegenüber` names the addressee after any adverbs of time: `sagte heute Abend
        // gegenüber der Presse`)
        if let Some(g) = (i..end.min(i + 5))
            .take_while(|&j| !matches!(self.s(j), "," | ":" | ";" | "."))
            .find(|&j| self.s(j) == "gegenüber")
        {
            i = g;
        }
        let mut k = i;
        if k >= end {
            return None;
        }
        let s = self.s(k);
        if s == "gegenüber" {
            k += 1;
        } else if matches!(s, "im" | "in") {
            // `im Interview mit`, `im Gespräch mit`, `in einem Interview mit`
            let mut j = k + 1;
            if j < end && self.has(j, toks::bits::DET) {
                j += 1;
            }
            if j + 1 < end
                && matches!(
                    self.s(j),
                    "Interview" | "Gespräch" | "Telefonat" | "Brief" | "Schreiben"
                )
                && self.s(j + 1) == "mit"
            {
                k = j + 2;
            } else {
                return None;
            }
        } else if !matches!(s, "dem" | "der" | "den") {
            return None;
        }
        let start = if matches!(s, "dem" | "der" | "den") {
            i
        } else {
            k
        };
        // a title in quotes after the article: `gegenüber der „Zeit“`
        let mut j = k;
        if j + 1 < end
            && self.has(j, toks::bits::DET)
            && matches!(self.s(j + 1), "„" | "“" | "\"" | "»" | "«")
        {
            j += 2;
        }
        let found = self.np_at(j, end)?;
        // `begründete … den Entscheid`: `den` before a noun that cannot be a dative plural
        // (which ends in -n or -s) opens an accusative object, no addressee
        if s == "den" && !found.pronoun && !self.s(found.end - 1).ends_with(['n', 's']) {
            return None;
        }
        let mut e = found.end;
        while e < end && matches!(self.s(e), "“" | "\"" | "«" | "»" | "”") {
            e += 1;
        }
        Some((start, e))
    }

    /// The finite verb of an already found participle or infinitive cue (`hat … gesagt`).
    /// `q` is the quote being attributed: its parent's words count as outside.
    pub(crate) fn aux_before(&self, from: usize, v: usize, q: Option<usize>) -> Option<usize> {
        (from..v)
            .rev()
            .find(|&k| self.has(k, toks::bits::AUX) && self.outside_quotes(k, q))
    }
}

/// Runs every rule over a document.
pub(crate) fn run<K: TableKind>(ctx: &Ctx<'_, K>) -> Vec<Draft> {
    let mut drafts = Vec::new();
    let mut taken = vec![false; ctx.quotes.len()];
    direct_postposed::apply(ctx, &mut drafts, &mut taken);
    direct_preposed::apply(ctx, &mut drafts, &mut taken);
    direct_interposed::apply(ctx, &mut drafts, &mut taken);
    direct_with_words::apply(ctx, &mut drafts, &mut taken);
    interview::apply(ctx, &mut drafts);
    let mut indirect = Vec::new();
    indirect_complement::apply(ctx, &mut indirect);
    indirect_according::apply(ctx, &mut indirect);
    indirect_postposed::apply(ctx, &mut indirect);
    indirect_anaphoric::apply(ctx, &mut indirect);
    indirect_according::impersonal(ctx, &mut indirect);
    indirect_headline::apply(ctx, &mut indirect);
    claim_modal::apply(ctx, &mut indirect);
    indirect_nominal::apply(ctx, &mut indirect);
    // an indirect reading never claims a stretch that a direct quote already explains
    // … nor reads a source inside a direct quote's frame as a claim of its own (`kommentierte
    // die Entscheidung laut „news.bbc.co.uk“ mit folgenden Worten: „…“`)
    let (mut direct_spans, mut direct_frames) = (RangeIndex::default(), RangeIndex::default());
    for (i, d) in drafts.iter().enumerate() {
        for r in &d.quote {
            direct_spans.insert(*r, i);
        }
        for r in &d.frame {
            direct_frames.insert(*r, i);
        }
    }
    indirect.retain(|d| {
        let in_frame = d.rule == "indirect.according"
            && d.cue.first().is_some_and(|c| {
                direct_frames
                    .overlapping(*c)
                    .any(|(f, _)| f.0 <= c.0 && c.1 <= f.1)
            });
        let len: usize = d.quote.iter().map(|r| r.1 - r.0).sum();
        let inside: usize = d
            .quote
            .iter()
            .map(|r| {
                direct_spans
                    .overlapping(*r)
                    .map(|(q, _)| overlap(*r, q))
                    .sum::<usize>()
            })
            .sum();
        !in_frame && inside * 2 < len
    });
    dedupe(&mut indirect);
    // (room from here for a draft per quote, which the direct rules make at most, and the
    // indirect ones: grown by doubling, the drafts (184 bytes each) were copied with old and
    // new side by side, on a long text with dense quotes its largest moment)
    drafts.reserve((ctx.quotes.len() + indirect.len()).saturating_sub(drafts.len()));
    drafts.extend(indirect);
    direct_embedded::apply(ctx, &mut drafts, &mut taken);
    direct_floating::apply(ctx, &mut drafts, &mut taken);
    let mut covered = vec![false; ctx.toks.len()];
    mark_covered(&mut covered, &drafts);
    let before_reported = drafts.len();
    reported::apply(ctx, &mut drafts, &covered);
    // a sentence read as a reported speech act is no free indirect continuation as well
    mark_covered(&mut covered, &drafts[before_reported..]);
    drafts.sort_by_key(|d| d.quote.first().map(|r| r.0).unwrap_or(0));
    free_indirect::apply(ctx, &mut drafts, &mut covered);
    direct_embedded::nest_remaining(ctx, &mut drafts, &mut taken);
    // `37 Prozent sind der gegenteiligen Auffassung, dass …`: a multi-word cue's own noun is
    // no speaker, whatever phrase search found it
    for d in drafts.iter_mut() {
        if d.speaker.is_some_and(|n| {
            // (`Demnach`, `wonach` are cue and speaker at once, as the corpus marks them)
            d.cue
                .iter()
                .any(|c| overlap(*c, (n.start, n.end)) > 0 && *c != (n.start, n.end))
        }) {
            d.speaker = None;
        }
        // (… nor its addressee)
        if d.addressee
            .is_some_and(|a| d.cue.iter().any(|c| overlap(*c, a) > 0))
        {
            d.addressee = None;
        }
        // `Einige vertreten die Auffassung, …`: a noun of saying or opinion after the verb is
        // its object, not who speaks
        if !d.rule.starts_with("indirect.according")
            && let Some(n) = d.speaker
            && !n.pronoun
            && d.cue.first().is_some_and(|c| c.1 <= n.start)
            && matches!(
                ctx.lower(n.end - 1),
                "meinung" | "auffassung" | "ansicht" | "überzeugung" | "worte"
            )
        {
            d.speaker = None;
        }
    }
    // `Welche Vorschläge sind Ihrer Meinung nach verfassungswidrig?`: a question asks, it
    // claims nothing (an interviewer's question to the speaker)
    drafts.retain(|d| {
        d.kind == Kind::Direct
            || !d.quote.first().is_some_and(|&(s, _)| {
                let sent = ctx.sentence_of(s);
                let last = sent.end - 1;
                ctx.s(last) == "?" && ctx.outside_quotes(last, None)
            })
    });
    // a claim says something: a quote of marks alone (`„ “`, `„“`) is none
    drafts.retain(|d| {
        d.quote
            .iter()
            .any(|&(s, e)| ctx.words_in(s..e).next().is_some())
    });
    drafts.sort_by_key(|d| (d.quote.first().map(|r| r.0).unwrap_or(0), d.nested));
    drafts
}

/// Marks the tokens the claims' quotes and frames cover.
fn mark_covered(covered: &mut [bool], drafts: &[Draft]) {
    for d in drafts {
        for r in d.quote.iter().chain(d.frame.iter()) {
            for c in &mut covered[r.0..r.1] {
                *c = true;
            }
        }
    }
}

/// Is `word` the preposition `prep` or its pronominal adverb (`von` → `davon`, `auf` →
/// `darauf`)? The corpus counts `geht davon aus`, `wies darauf hin` as the cue.
fn governs(prep: &str, word: &str) -> bool {
    if word == prep {
        return true;
    }
    let Some(rest) = word.strip_prefix("da") else {
        return false;
    };
    let starts_with_vowel = prep.starts_with(['a', 'e', 'i', 'o', 'u', 'ü']);
    if starts_with_vowel {
        rest.strip_prefix('r') == Some(prep)
    } else {
        rest == prep
    }
}

fn overlap(a: Range, b: Range) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Token ranges by start, each with an id, for overlap queries: asking every claim whether it
/// overlaps a range made a long document quadratic; a range can only overlap one that starts at
/// most the longest range's length before it.
#[derive(Default)]
pub(crate) struct RangeIndex {
    /// (start, insertion number) → (end, id)
    by_start: std::collections::BTreeMap<(usize, usize), (usize, usize)>,
    longest: usize,
}

impl RangeIndex {
    pub(crate) fn insert(&mut self, r: Range, id: usize) {
        let n = self.by_start.len();
        self.by_start.insert((r.0, n), (r.1, id));
        self.longest = self.longest.max(r.1.saturating_sub(r.0));
    }

    /// The ranges (with their ids) that start before `r` ends and could reach into it.
    pub(crate) fn overlapping(&self, r: Range) -> impl Iterator<Item = (Range, usize)> + '_ {
        let from = r.0.saturating_sub(self.longest);
        self.by_start
            .range((from, 0)..(r.1, 0))
            .map(|(&(s, _), &(e, id))| ((s, e), id))
    }
}

/// Of two indirect readings of overlapping content, keeps the more confident one, unless one
/// is a claim inside the other's content: then both stay and the inner one is nested.
fn dedupe(drafts: &mut Vec<Draft>) {
    // a relayed source shares its reporter's content on purpose: it stays when the reporter's
    // claim does
    let (relayed, rest): (Vec<Draft>, Vec<Draft>) =
        drafts.drain(..).partition(|d| d.rule == "indirect.relayed");
    *drafts = rest;
    drafts.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    let mut kept: Vec<Draft> = Vec::new();
    let mut index = RangeIndex::default();
    for mut d in drafts.drain(..) {
        let mut outer = Vec::new();
        let mut inner = None;
        let clash = d.quote.iter().any(|r| {
            index.overlapping(*r).any(|(q, id)| {
                if overlap(*r, q) * 2 <= (r.1 - r.0).min(q.1 - q.0) {
                    return false;
                }
                if nests(&kept[id], &d) {
                    inner = Some(id);
                    return false;
                }
                if nests(&d, &kept[id]) {
                    outer.push(id);
                    return false;
                }
                true
            })
        });
        if let Some(id) = inner {
            d.nested = true;
            clip(&mut d, &kept[id]);
        }
        if !clash {
            for id in outer {
                kept[id].nested = true;
                clip(&mut kept[id], &d);
            }
            for r in &d.quote {
                index.insert(*r, kept.len());
            }
            kept.push(d);
        }
    }
    let twins: Vec<Draft> = relayed
        .into_iter()
        .filter(|r| kept.iter().any(|k| k.quote == r.quote && k.rule != r.rule))
        .collect();
    kept.extend(twins);
    *drafts = kept;
}

/// Is `i` a claim inside `o`'s content: its cue stands in `o`'s quote (`Laut CNN hat Panetta
/// verkündet, der Übergangsrat wolle …`, `Ein Sprecher sagte, nach neuesten Erkenntnissen habe
/// …`)? The corpus marks both, the inner one as nested.
fn nests(o: &Draft, i: &Draft) -> bool {
    !i.cue.is_empty()
        && i.cue.iter().all(|c| within(*c, &o.quote))
        // (two readings of one act name one speaker: `…, hieß es aus Regierungskreisen` is
        // a `hieß es` frame and an `aus` source at once)
        && !matches!((o.speaker, i.speaker), (Some(a), Some(b)) if (a.start, a.end) == (b.start, b.end))
        // (`Gerüchte, nach denen der Sänger krank sei`: the noun's content is the relative
        // clause's, not a claim around it)
        && o.rule != "indirect.nominal"
}

fn within(r: Range, rs: &[Range]) -> bool {
    rs.iter().any(|q| q.0 <= r.0 && r.1 <= q.1)
}

/// Cuts a nested claim's content to its outer claim's, unless each holds the other's cue (`Wie
/// Steg mitteilte, ist die Kernkraft nach Auffassung der Kanzlerin …`: which is outer is open).
fn clip(i: &mut Draft, o: &Draft) {
    if o.cue.iter().any(|c| within(*c, &i.quote)) {
        return;
    }
    let mut q = Vec::new();
    for r in &i.quote {
        for p in &o.quote {
            let (s, e) = (r.0.max(p.0), r.1.min(p.1));
            if s < e {
                q.push((s, e));
            }
        }
    }
    if !q.is_empty() {
        i.quote = q;
    }
}

/// The end of reported content that runs to the sentence end: before the final punctuation.
pub(crate) fn content_end<K: TableKind>(ctx: &Ctx<'_, K>, start: usize, sent_end: usize) -> usize {
    let mut e = sent_end;
    while e > start && matches!(ctx.s(e - 1), "." | "!" | "?" | ";" | ":" | ",") {
        e -= 1;
    }
    e
}

/// Konjunktiv anywhere in the range (outside quotes) makes the content subjunctive.
pub(crate) fn mood_of<K: TableKind>(ctx: &Ctx<'_, K>, start: usize, end: usize) -> Mood {
    let sub = (start..end).any(|k| {
        ctx.feats[k].bits & (toks::bits::KONJ1 | toks::bits::KONJ2) != 0
            && ctx.outside_quotes(k, None)
    });
    if sub {
        Mood::Subjunctive
    } else {
        Mood::Indicative
    }
}

/// A claim draft of the given kind; rules adjust mood and nesting where they know them.
#[allow(clippy::too_many_arguments)]
pub(crate) fn draft(
    kind: Kind,
    quote: Vec<Range>,
    rule: &'static str,
    cue: Option<&CueMatch>,
    speaker: Option<Np>,
    addressee: Option<Range>,
    frame: Vec<Range>,
    confidence: f32,
) -> Draft {
    Draft {
        kind,
        quote,
        speaker,
        cue: cue.map(CueMatch::spans).unwrap_or_default(),
        lemma: cue.map(|c| c.lemma.clone()),
        frame: frame.into_iter().filter(|r| r.0 < r.1).collect(),
        addressee,
        mood: Mood::Indicative,
        nested: false,
        rule,
        confidence,
        quote_idx: None,
        silent: false,
    }
}

/// A direct-quote draft for quote `q` with the given frame parts.
#[allow(clippy::too_many_arguments)]
pub(crate) fn direct_draft<K: TableKind>(
    ctx: &Ctx<'_, K>,
    q: usize,
    rule: &'static str,
    cue: Option<&CueMatch>,
    speaker: Option<Np>,
    addressee: Option<Range>,
    frame: Vec<Range>,
    confidence: f32,
) -> Draft {
    let qs = ctx.quotes[q];
    let mut d = draft(
        Kind::Direct,
        vec![(qs.open, qs.end)],
        rule,
        cue,
        speaker,
        addressee,
        frame,
        confidence,
    );
    d.nested = qs.depth > 0;
    d.quote_idx = Some(q);
    d
}

impl<K: TableKind> Ctx<'_, K> {
    /// The end of a frame that starts at `k`, as the corpus marks it: the rest of the clause up
    /// to the sentence-final punctuation, a quote, or a comma that opens a new clause.
    pub(crate) fn frame_tail_end(&self, k: usize) -> usize {
        let sent = self.sentence_of(k.min(self.toks.len() - 1));
        let mut e = k;
        while e < sent.end {
            let s = self.s(e);
            // (a short quoted name is part of the frame: `schrieb „Die Zeit“`)
            if e > k
                && let Some(close) = self.name_quote_at(e)
                && close < sent.end
            {
                e = close + 1;
                continue;
            }
            if self.quote_at(e).is_some() && e > k {
                break;
            }
            if matches!(s, "." | "!" | "?" | ";" | ":") {
                break;
            }
            // `sagte er und beschuldigte Peking`: a coordinated verb starts a clause of its own
            if s == "und"
                && e > k
                && e + 1 < sent.end
                && self.w(e + 1).is_lower()
                && !self.forms(e + 1).is_empty()
            {
                break;
            }
            if s == "," && e > k {
                // (the word's class by its lower-cased form, which the features hold)
                let next = if e + 1 < sent.end {
                    self.lower(e + 1)
                } else {
                    ""
                };
                // (an article before a role noun opens an apposition, not a relative clause:
                // `sagte Günther Platter, der Verteidigungsminister Österreichs`)
                let apposition = words::is_det_lower(next) && {
                    // (`, der geschäftsführende Direktor des Schiffseigners`: adjectives before
                    // the role noun too)
                    let mut j = e + 2;
                    while j + 1 < sent.end
                        && j < e + 5
                        && self.has(j, toks::bits::ADJ)
                        && self.w(j).is_lower()
                    {
                        j += 1;
                    }
                    j < sent.end && self.w(j).is_upper() && self.role(j).is_some()
                };
                if words::is_conj_lower(next)
                    || self.quote_at(e + 1).is_some()
                    || next.is_empty()
                    || words::is_det_lower(next) && !apposition
                    || words::is_pronoun_lower(next)
                {
                    break;
                }
            }
            e += 1;
        }
        e
    }
}

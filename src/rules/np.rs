//! The speaker noun phrase, as the corpus marks it: determiner, adjectives, titles, role nouns and
//! names, a party in parentheses, a genitive or `von` complement of a role noun, and a comma
//! apposition — but no relative clause, no adverbial and no addressee.
//!
//! `Kremlberater Juri Uschakow`, `der Sprecher des Innenministeriums`,
//! `Bundeskanzler Olaf Scholz (SPD)`, `der Sprecher des Auswärtigen Amts, Tobias Renner`.

use nom::{Parser, combinator::opt, multi::many0_count};

use super::toks::{Feat, TResult, Toks, W, bits, lit, run1, tok};
use super::words::is_name_article;
use crate::grammar::{Lexicon, NounType, VerbForm};
use crate::rules::toks::TableKind;
use crate::text::TokKind;

/// A matched noun phrase: a token range and what its head is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Np {
    pub start: usize,
    pub end: usize,
    pub pronoun: bool,
    /// The head is a role or source noun (not a name).
    pub role_head: bool,
    /// The phrase starts with an article or possessive.
    pub has_det: bool,
    /// A title or role before a name (`Kremlberater Juri Uschakow`).
    pub titled: bool,
}

impl Np {
    /// A phrase known only by its extent: no pronoun, no role head, no article, no title.
    pub(crate) fn span(start: usize, end: usize) -> Np {
        Np {
            start,
            end,
            pronoun: false,
            role_head: false,
            has_det: false,
            titled: false,
        }
    }
}

/// A capitalised word that can be part of a name or a noun, but not a function word that is
/// capitalised only because it opens a sentence, and not a speech verb.
pub(crate) fn is_core(w: &W) -> bool {
    w.has(bits::CORE)
}

/// [`is_core`] computed from the word, its class and its word-class [`bits`].
pub(crate) fn core_word(s: &str, kind: TokKind, b: u32) -> bool {
    if kind == TokKind::Number {
        return false;
    }
    let upper = kind == TokKind::Word && s.chars().next().is_some_and(char::is_uppercase);
    if upper {
        let function = bits::DET | bits::PREP | bits::CONJ | bits::PRONOUN | bits::AUX;
        // (a month is no speaker: `Am 1. Juli sagte er`; `August` is a first name too)
        return b & (function | bits::ADVERB) == 0 && !super::words::is_month(s);
    }
    // (each new word of a text asks this once: the byte tests below say what the character
    // tests would, an ASCII digit or hyphen being one byte)
    let hyphen = s.as_bytes().contains(&b'-');
    // `n24`, `3sat`: letters and digits make a name
    if kind == TokKind::Word
        && s.bytes().any(|b| b.is_ascii_digit())
        && s.chars().any(char::is_alphabetic)
        && !hyphen
    {
        return true;
    }
    // `63-Jährige`, `dpa`, `n-tv`: digits or lower-case letters before a capitalised part
    kind == TokKind::Word
        && (hyphen
            && s.split('-')
                .skip(1)
                .any(|p| p.starts_with(char::is_uppercase))
            || matches!(
                s,
                "dpa" | "ddp" | "afp" | "epd" | "kna" | "sid" | "taz" | "n-tv" | "t-online"
            ))
}

/// An attributive adjective between article and noun (`russischen`, `ehemalige`, `Auswärtigen`).
fn is_adj(_lex: &Lexicon, w: &W) -> bool {
    w.has(bits::ADJ)
}

/// [`is_adj`] computed from the word, its class, its word-class [`bits`] and verb readings.
pub(crate) fn adjective_word(
    s: &str,
    lower: &str,
    kind: TokKind,
    b: u32,
    forms: &[VerbForm],
) -> bool {
    if kind != TokKind::Word || !forms.is_empty() {
        return false;
    }
    if b & (bits::DET | bits::PREP | bits::CONJ | bits::PRONOUN | bits::AUX) != 0 {
        return false;
    }
    // an inflected ending (`-e`, `-en`, `-er`, `-es`, `-em`), tested first by its bytes: it rules
    // out most words, and the tests are independent
    let l = lower.as_bytes();
    let inflected = match l {
        [.., b'e'] => true,
        [.., b'e', last] => matches!(last, b'n' | b'r' | b's' | b'm'),
        _ => false,
    };
    if !inflected || crate::text::chars_at_most(lower, 3) {
        return false;
    }
    let starts_lower = s.chars().next().is_some_and(char::is_lowercase);
    // `US-amerikanische` is an adjective, `US-Außenminister` a noun, `Ching-te` a name: only an
    // acronym or a number before the hyphen makes a lower-case tail an adjective (`56-jährige`)
    starts_lower
        || (s
            .rsplit('-')
            .next()
            .is_some_and(|p| p.starts_with(char::is_lowercase))
            && s.split('-').next().is_some_and(|p| {
                p.chars().all(char::is_uppercase) || p.chars().all(|c| c.is_ascii_digit())
            }))
}

fn party<'a, K: TableKind>(input: Toks<'a, K>) -> TResult<'a, K, W<'a>> {
    let (rest, _) = lit("(").parse(input)?;
    let mut k = 0;
    while let Some(w) = rest.get(k) {
        if w.is(")") {
            if k == 0 || k > 6 {
                break;
            }
            return Ok((nom::Input::take_from(&rest, k + 1), w));
        }
        k += 1;
    }
    Err(nom::Err::Error(()))
}

/// The words a role noun's complement opens with (`des`, `von`, `seiner` …): the complement
/// parser's first token, and part of the gate before the apposition parsers.
fn opens_complement(s: &str) -> bool {
    matches!(
        s,
        "des"
            | "der"
            | "von"
            | "vom"
            | "aus"
            | "seines"
            | "seiner"
            | "ihres"
            | "ihrer"
            | "eines"
            | "einer"
    )
}

/// `des Innenministeriums`, `der Polizei`, `von der CDU`: a complement of a role noun.
fn complement<'a, K: TableKind>(lex: &'a Lexicon) -> impl Fn(Toks<'a, K>) -> TResult<'a, K, W<'a>> {
    move |input: Toks<'a, K>| {
        let (rest, _) = tok(|w| opens_complement(w.s)).parse(input)?;
        let (rest, _) = opt(tok(|w| w.has(bits::DET))).parse(rest)?;
        // (`der so genannten „EVAC-Ambulanz“`)
        let (rest, _) = opt(tok(|w| w.s == "so")).parse(rest)?;
        let (rest, _) = many0_count(tok(|w| is_adj(lex, w))).parse(rest)?;
        // `von „Ener1“`, `der „New York Times“`: a quoted name alone
        if let Ok((r, close)) = quoted_name(rest) {
            let (r, p) = opt(party).parse(r)?;
            return Ok((r, p.unwrap_or(close)));
        }
        let (rest, (_, core_last, _)) = run1(|w| is_core(w)).parse(rest)?;
        // `der Umweltschutzorganisation „Iceland Nature Conservation Association“ (Inca)`
        let (rest, title) = opt(quoted_name).parse(rest)?;
        let (rest, p) = opt(party).parse(rest)?;
        let last = title.unwrap_or(core_last);
        Ok((rest, p.unwrap_or(last)))
    }
}

/// `„Iceland Nature Conservation Association“`: a name in quotation marks after an
/// institution noun; returns the closing mark.
fn quoted_name<'a, K: TableKind>(input: Toks<'a, K>) -> TResult<'a, K, W<'a>> {
    let (rest, _) = tok(|w| matches!(w.s, "„" | "»" | "«" | "\"" | "“")).parse(input)?;
    let (rest, (_, _, words)) = run1(|w| w.is_upper()).parse(rest)?;
    if words > 6 {
        return Err(nom::Err::Error(()));
    }
    tok(|w| matches!(w.s, "“" | "”" | "«" | "»" | "\"")).parse(rest)
}

/// `Dr.`, `Prof.`: titles written with a full stop before a name.
pub(crate) fn is_academic_title(s: &str) -> bool {
    matches!(s, "Dr" | "Prof" | "Dipl" | "Ing" | "Priv")
}

/// A comma apposition of names after a role phrase: `, Tobias Renner,`.
fn apposition<'a, K: TableKind>() -> impl Fn(Toks<'a, K>) -> TResult<'a, K, W<'a>> {
    move |input: Toks<'a, K>| {
        let (rest, _) = lit(",").parse(input)?;
        // `, General George Casey`: a title may precede the name
        let (rest, _) = opt(tok(|w| {
            w.is_upper() && w.f.role.is_some_and(|r| r.kind == NounType::Person)
        }))
        .parse(rest)?;
        let (mut rest, (first, mut last, names)) =
            run1(|w| is_core(w) && w.f.role.is_none()).parse(rest)?;
        let first_is_name = first.has(bits::NAME);
        // the apposition must be a name (a known first name, or two capitalised words)
        if !(first_is_name || names >= 2) {
            return Err(nom::Err::Error(()));
        }
        // `, Larry A. Silverstein,`: a middle initial with its full stop
        if last.s.chars().count() == 1
            && rest.first().is_some_and(|w| w.is("."))
            && let Ok((r, (_, l, _))) =
                run1(|w| is_core(w) && w.f.role.is_none()).parse(nom::Input::take_from(&rest, 1))
        {
            (rest, last) = (r, l);
        }
        // `, Heike van Laak,`: a surname with its particle; `, Renate Künast (Grüne),`: a party
        if rest.first().is_some_and(|w| w.has(bits::PARTICLE))
            && let Some((n, _)) = particle_name(&rest)
        {
            last = rest.get(n - 1).expect("particle name");
            rest = nom::Input::take_from(&rest, n);
        }
        if let Ok((r, w)) = party(rest) {
            (rest, last) = (r, w);
        }
        match rest.first() {
            Some(w) if w.is(",") => Ok((nom::Input::take_from(&rest, 1), w)),
            None => Ok((rest, last)),
            Some(w) if w.is(".") || w.is_lower() => Ok((rest, last)),
            _ => Err(nom::Err::Error(())),
        }
    }
}

/// A name apposition after a longer role phrase: `der Vorsitzende des Hauptverbandes der
/// Deutschen Schuhindustrie, Phillip Urban`, `die Mitarbeiterin seines Büros in New Rochelle,
/// Arminda Thomas`. Further complements and one place are taken only when a name apposition
/// follows them: without it, a second genitive is as likely the addressee.
fn long_apposition<'a, K: TableKind>(
    lex: &'a Lexicon,
    input: Toks<'a, K>,
) -> Option<(Toks<'a, K>, W<'a>)> {
    let mut rest = input;
    for _ in 0..5 {
        // the word each of the parsers below opens with, tested once: most phrases are followed
        // by none of them (an apposition `,`, a complement, a place, a topic, a party)
        if !rest.first().is_some_and(|w| {
            opens_complement(w.s) || matches!(w.s, "," | "in" | "im" | "bei" | "beim" | "für" | "(")
        }) {
            return None;
        }
        if let Ok((r, w)) = apposition().parse(rest) {
            return Some((r, w));
        }
        if let Ok((r, _)) = complement(lex).parse(rest) {
            rest = r;
        } else if let Ok((r, _)) = place(lex).parse(rest) {
            rest = r;
        } else if let Ok((r, _)) = topic(lex).or(party).parse(rest) {
            // `der Bundesagentur für Arbeit (BA), Peter Clever`
            rest = r;
        } else {
            return None;
        }
    }
    apposition().parse(rest).ok()
}

/// `in New Rochelle`, `im Irak`, `bei der UNO`: where a role is held.
fn place<'a, K: TableKind>(lex: &'a Lexicon) -> impl Fn(Toks<'a, K>) -> TResult<'a, K, W<'a>> {
    move |input: Toks<'a, K>| {
        let (rest, _) = tok(|w| matches!(w.s, "in" | "im" | "bei" | "beim")).parse(input)?;
        let (rest, _) = opt(tok(|w| w.has(bits::DET))).parse(rest)?;
        let (rest, _) = many0_count(tok(|w| is_adj(lex, w))).parse(rest)?;
        let (rest, (_, last, _)) = run1(|w| is_core(w)).parse(rest)?;
        Ok((rest, last))
    }
}

/// `für Suchtvorbeugung`, `für Innere Sicherheit`: what a role is for.
fn topic<'a, K: TableKind>(lex: &'a Lexicon) -> impl Fn(Toks<'a, K>) -> TResult<'a, K, W<'a>> {
    move |input: Toks<'a, K>| {
        let (rest, _) = tok(|w| w.s == "für").parse(input)?;
        let (rest, _) = opt(tok(|w| w.has(bits::DET))).parse(rest)?;
        let (rest, _) = many0_count(tok(|w| is_adj(lex, w))).parse(rest)?;
        let (rest, (_, last, _)) = run1(|w| is_core(w)).parse(rest)?;
        Ok((rest, last))
    }
}

/// A role apposition after a name: `Lena Brandt, die Vorsitzende des Ausschusses,`.
fn role_apposition<'a, K: TableKind>(
    lex: &'a Lexicon,
) -> impl Fn(Toks<'a, K>) -> TResult<'a, K, W<'a>> {
    move |input: Toks<'a, K>| {
        let (rest, _) = lit(",").parse(input)?;
        // `Barry Steinhardt, seines Zeichens Direktor der ACLU,`: the idiom introduces the role
        let (rest, _) =
            opt((tok(|w| matches!(w.s, "seines" | "ihres")), lit("Zeichens"))).parse(rest)?;
        let (rest, _) = opt(tok(|w| w.has(bits::DET))).parse(rest)?;
        let (rest, _) = many0_count(tok(|w| is_adj(lex, w))).parse(rest)?;
        let (rest, head) = tok(|w| is_core(w)).parse(rest)?;
        let person_role = head.f.role.is_some_and(|r| r.kind == NounType::Person);
        let (rest, last) = match complement(lex).parse(rest) {
            Ok((r, w)) if person_role || head.f.role.is_none() => (r, w),
            // an unknown noun is an apposition only with its complement (`Kommandant des Corps`)
            Err(_) if person_role => (rest, head),
            _ => return Err(nom::Err::Error(())),
        };
        // a closed apposition may run on with places, complements and a coordinated second role
        // (`, ein Repräsentant aus Minnesota und Marineoberst außer Dienst,`): the closing comma
        // is what makes it safe to take them
        let (mut rest, mut last) = (rest, last);
        for _ in 0..4 {
            if let Ok((r, w)) = complement(lex)
                .or(place(lex))
                .or(second_role(lex))
                .or(topic(lex))
                .or(tok(|w| {
                    // `der Verteidigungsminister Österreichs`: a genitive name
                    is_core(w) && w.f.role.is_none() && w.s.len() > 3 && w.s.ends_with('s')
                }))
                .parse(rest)
            {
                (rest, last) = (r, w);
            } else {
                break;
            }
        }
        // only a closed apposition: a comma or the sentence end follows
        match rest.first() {
            Some(w) if w.is(",") => Ok((nom::Input::take_from(&rest, 1), w)),
            None => Ok((rest, last)),
            Some(w) if w.is(".") => Ok((rest, last)),
            _ => Err(nom::Err::Error(())),
        }
    }
}

/// `und Marineoberst außer Dienst`, `sowie Sprecherin der Partei`: a second role of the same
/// person inside a role apposition.
fn second_role<'a, K: TableKind>(
    lex: &'a Lexicon,
) -> impl Fn(Toks<'a, K>) -> TResult<'a, K, W<'a>> {
    move |input: Toks<'a, K>| {
        let (rest, _) = tok(|w| matches!(w.s, "und" | "sowie")).parse(input)?;
        let (rest, _) = opt(tok(|w| w.has(bits::DET))).parse(rest)?;
        let (rest, _) = many0_count(tok(|w| is_adj(lex, w))).parse(rest)?;
        // any noun that is not a name: the apposition's closing comma still has to follow
        let (rest, head) = tok(|w| {
            is_core(w) && w.f.role.is_none_or(|r| r.kind == NounType::Person) && !w.has(bits::NAME)
        })
        .parse(rest)?;
        let (rest, retired) = opt((lit("außer"), lit("Dienst"))).parse(rest)?;
        Ok((rest, retired.map_or(head, |(_, d)| d)))
    }
}

/// The name and noun words of a phrase as `many1(core)` matched them, continued past the full
/// stop of an abbreviation (`Prof. Dr. Matthias W. Beckmann`): the core words among the
/// document's tokens from the first to the last, which are all of them but such full stops (a
/// full stop is no core word). Kept by its ends, not collected: the phrase parser runs for
/// nearly every capitalised word, and the vector was an allocation per parse.
#[derive(Clone, Copy)]
struct Core<'a, K: TableKind> {
    input: Toks<'a, K>,
    first: W<'a>,
    last: W<'a>,
    /// How many core words.
    len: usize,
    /// A full stop lies between the first and the last word.
    dotted: bool,
}

impl<'a, K: TableKind> Core<'a, K> {
    /// The words of a run that `run1` matched.
    fn new(input: Toks<'a, K>, (first, last, len): (W<'a>, W<'a>, usize)) -> Self {
        Core {
            input,
            first,
            last,
            len,
            dotted: false,
        }
    }
    /// The token at document index `i` (inside the input).
    fn word(&self, i: usize) -> W<'a> {
        self.input
            .get(i - self.input.base)
            .expect("inside the input")
    }
    /// The words' feature records, in order (read off the document's table: most questions
    /// about the words are about their bits and roles).
    fn feats(&self) -> impl Iterator<Item = &'a Feat<'a>> + use<'a, K> {
        let dotted = self.dotted;
        self.input
            .feats
            .range(self.first.i, self.last.i + 1)
            .filter(move |f| !dotted || f.bits & bits::CORE != 0)
    }
    fn get(&self, k: usize) -> Option<W<'a>> {
        if k >= self.len {
            None
        } else if k == 0 {
            Some(self.first)
        } else if self.dotted {
            (self.first.i..=self.last.i)
                .map(|i| self.word(i))
                .filter(|w| is_core(w))
                .nth(k)
        } else {
            Some(self.word(self.first.i + k))
        }
    }
    /// The `k`th word (`k < len`).
    fn at(&self, k: usize) -> W<'a> {
        self.get(k).expect("a core word")
    }
    /// Appends the run `run1` matched after a full stop.
    fn extend(&mut self, (_, last, len): (W<'a>, W<'a>, usize)) {
        self.last = last;
        self.len += len;
        self.dotted = true;
    }
    /// Keeps the first `keep` words (at least one).
    fn truncate(&mut self, keep: usize) {
        if keep < self.len {
            self.last = self.at(keep - 1);
            self.len = keep;
        }
    }
}

/// `von der Heide`: particle, optional article, one capitalised word that is no role or
/// institution, then the end of the phrase. Returns the tokens used and the end index.
fn particle_name<K: TableKind>(input: &Toks<'_, K>) -> Option<(usize, usize)> {
    let mut k = 1;
    if input.get(k).is_some_and(|w| is_name_article(w.s)) {
        k += 1;
    }
    let w = input.get(k)?;
    if !w.is_upper() || w.f.role.is_some() {
        return None;
    }
    // a name ends here: punctuation, the sentence end or a lower-case word follows
    if input.get(k + 1).is_some_and(|n| n.is_upper()) {
        return None;
    }
    Some((k + 1, w.i + 1))
}

/// `80 Prozent …`: a number and `Prozent` open a share of people (the phrase parser and the
/// speaker stage both ask).
pub(crate) fn opens_share(first: &str, next: &str) -> bool {
    first.bytes().next().is_some_and(|b| b.is_ascii_digit()) && next == "Prozent"
}

/// Parses a speaker noun phrase at the start of `input`.
pub(crate) fn np<'a, K: TableKind>(lex: &'a Lexicon) -> impl Fn(Toks<'a, K>) -> TResult<'a, K, Np> {
    np_with(lex, false)
}

/// A speaker phrase that may coordinate two phrases (`Die Polizei und die Feuerwehr`): only in
/// a speaker slot, where the verb's number vouches for it.
pub(crate) fn np_coord<'a, K: TableKind>(
    lex: &'a Lexicon,
) -> impl Fn(Toks<'a, K>) -> TResult<'a, K, Np> {
    np_with(lex, true)
}

fn np_with<'a, K: TableKind>(
    lex: &'a Lexicon,
    coordinate: bool,
) -> impl Fn(Toks<'a, K>) -> TResult<'a, K, Np> {
    move |input: Toks<'a, K>| {
        let Some(first) = input.first() else {
            return Err(nom::Err::Error(()));
        };
        // `Sowohl das US-Militär als auch die irakische Regierung`: both phrases, one speaker
        if coordinate
            && first.s.eq_ignore_ascii_case("sowohl")
            && let Ok((r, a)) = np(lex).parse(nom::Input::take_from(&input, 1))
            && r.first().is_some_and(|w| w.s == "als")
            && r.get(1).is_some_and(|w| w.s == "auch")
            && let Ok((r, b)) = np(lex).parse(nom::Input::take_from(&r, 2))
        {
            return Ok((
                r,
                Np {
                    start: first.i,
                    end: b.end,
                    pronoun: false,
                    role_head: a.role_head,
                    has_det: a.has_det,
                    titled: a.titled,
                },
            ));
        }
        if first.has(bits::PRONOUN) && !(first.s == "die" || first.s == "Die") {
            // `diese`/`dieser` followed by a noun is a determiner, not a pronoun
            let next_core = input.get(1).is_some_and(|w| is_core(&w) || is_adj(lex, &w));
            let demonstrative = matches!(
                first.s.to_lowercase().as_str(),
                "diese" | "dieser" | "beide" | "alle"
            );
            if !(demonstrative && next_core) {
                let np = Np {
                    pronoun: true,
                    ..Np::span(first.i, first.i + 1)
                };
                return Ok((nom::Input::take_from(&input, 1), np));
            }
        }
        // `Einer der 13 beteiligten Feuerwehrmänner`, `Eine der Anwältinnen`: one of a group
        if matches!(
            first.s,
            "Einer" | "Eine" | "Eines" | "einer" | "eine" | "eines"
        ) && input.get(1).is_some_and(|w| matches!(w.s, "der" | "des"))
        {
            let mut k = 2;
            while input
                .get(k)
                .is_some_and(|w| w.t.kind == TokKind::Number || is_adj(lex, &w))
            {
                k += 1;
            }
            if let Some(head) = input.get(k).filter(|w| is_core(w) && w.f.role.is_some()) {
                return Ok((
                    nom::Input::take_from(&input, k + 1),
                    Np {
                        role_head: true,
                        ..Np::span(first.i, head.i + 1)
                    },
                ));
            }
        }
        // `von der Leyen`, `de Maizière`: a name that starts with its particle
        if first.has(bits::PARTICLE)
            && let Some((n, end)) = particle_name(&input)
        {
            return Ok((nom::Input::take_from(&input, n), Np::span(first.i, end)));
        }
        // `Des Weiteren verwies Steinbrück …`: the phrase means `furthermore`, no speaker
        if matches!(first.s, "Des" | "des") && input.get(1).is_some_and(|w| w.s == "Weiteren") {
            return Err(nom::Err::Error(()));
        }
        let (rest, det) = opt(tok(|w| w.has(bits::DET))).parse(input)?;
        // `80 Prozent (der Befragten) befürworteten …`: a share of people speaks
        let share = det.is_none() && input.get(1).is_some_and(|w| opens_share(first.s, w.s));
        let rest = if share {
            nom::Input::take_from(&input, 1)
        } else {
            rest
        };
        // without an article the phrase opens with its noun (`Blinken`, `Kremlberater Uschakow`):
        // a bare adjective start would let a verb in -en pass as one
        // (`erste Ermittlungen ergaben`, `neue Untersuchungen zeigen`: an adjective before a
        // source noun may open the phrase without an article)
        let adjective_source = det.is_none()
            && first.is_lower()
            && first.s.ends_with('e')
            && !first.f.has_forms()
            && is_adj(lex, &first)
            && input.get(1).is_some_and(|w| {
                w.has(bits::SOURCE) && (w.s.ends_with("en") || w.s.ends_with('e'))
            });
        if det.is_none() && !share && !adjective_source && !is_core(&first) {
            return Err(nom::Err::Error(()));
        }
        let (rest, adjectives) = many0_count(tok(|w| is_adj(lex, w))).parse(rest)?;
        // `Die afghanischen und ausländischen Soldaten`: coordinated adjectives
        let (rest, _) = if adjectives > 0 {
            opt((
                tok(|w| matches!(w.s, "und" | "oder")),
                tok(|w| is_adj(lex, w)),
                many0_count(tok(|w| is_adj(lex, w))),
            ))
            .parse(rest)?
        } else {
            (rest, None)
        };
        let (mut rest, run) = run1(|w| is_core(w)).parse(rest)?;
        let mut core = Core::new(input, run);
        // `Prof. Dr. Matthias W. Beckmann`: an academic title or an initial with its full stop
        // goes on to the name after it
        loop {
            let last = core.last;
            let abbreviated = is_academic_title(last.s)
                || crate::text::one_char(last.s) && last.s.chars().all(char::is_uppercase);
            if !(abbreviated
                && rest.first().is_some_and(|w| w.is(".") && !w.t.space_before)
                && rest.get(1).is_some_and(|w| is_core(&w)))
            {
                break;
            }
            let (r, more) = run1(|w| is_core(w)).parse(nom::Input::take_from(&rest, 1))?;
            core.extend(more);
            rest = r;
        }
        // after a first name comes one surname, not the object of the clause
        // (`kündigte Ministerpräsidentin Lena Brandt Neuwahlen an`); `Jan Peter Balkenende`
        // chains first names, `Kim Jong Un` ends in a short syllable
        if let Some(f) = core
            .feats()
            .enumerate()
            .filter(|(_, f)| f.bits & bits::NAME != 0)
            .last()
            .map(|(k, _)| k)
            && core.len > f + 2
        {
            // (a middle initial is no surname: `Matthias W. Beckmann`)
            let initial = crate::text::one_char(core.at(f + 1).s);
            let mut keep = f + 2 + usize::from(initial);
            while keep < core.len && crate::text::chars_at_most(core.at(keep).s, 3) {
                keep += 1;
            }
            // `Mohammad Hanif Atmar teilte mit`, `Alfredo Pérez Rubalcaba sagte`: a third name
            // word right before the verb, a comma or the full stop ends the name (`sagte der
            // Friedensnobelpreisträger Adolfo Pérez Esquivel.`; an object is followed by the
            // rest of its clause: `Lena Brandt Neuwahlen an`)
            // (a window that ends there ends before the verb)
            if keep + 1 == core.len
                && core.at(keep).f.role.is_none()
                && rest
                    .first()
                    .is_none_or(|w| w.is(",") || w.is(".") || w.is_lower() && w.f.has_forms())
            {
                keep += 1;
            }
            if keep < core.len {
                core.truncate(keep);
                rest = nom::Input::take_from(&input, core.last.i + 1 - input.base);
            }
        }
        // `erhoffen sich die Ermittler Hinweise`: `die` before a masculine role noun makes it a
        // plural, which takes a name only as a list or a genitive (`Die Politiker Peter Danckert
        // und Max Straubinger`, `Die Verteidiger Strauss-Kahns`); an adjectival noun in -e is
        // feminine after `die` (`die Vorsitzende Maria Roth`)
        // (a plural form after any article too: `von den iranischen Behörden Spionage
        // vorgeworfen`)
        let plural_head = core.first.f.role.is_some_and(|r| r.plural)
            && det.is_some_and(|d| matches!(d.s, "den" | "die" | "Die"))
            // (`die Agenturen AFP und dpa`: an acronym names them)
            && core.get(1).is_some_and(|w| !w.s.chars().all(|c| !c.is_lowercase()));
        if (det.is_some_and(|d| matches!(d.s, "die" | "Die"))
            && !core.first.s.ends_with('e')
            && core
                .first
                .f
                .role
                .is_some_and(|r| r.kind == NounType::Person && r.female == Some(false))
            || plural_head)
            && core.len >= 2
            && !core.at(1).s.ends_with('s')
            && !core.feats().skip(1).any(|f| f.bits & bits::NAME != 0)
        {
            core.truncate(1);
            rest = nom::Input::take_from(&input, core.first.i + 1 - input.base);
        }
        let mut end = core.last.i + 1;
        // `Luiz Inácio Lula da Silva`, `Jan de Vries`: a surname with its particle continues a
        // name (`von` is read as a complement below)
        // (or after a title: `OPEC-Generalsekretär Abdalla al Badri`)
        if (core.feats().any(|f| f.bits & bits::NAME != 0)
            || core.len >= 2 && core.first.f.role.is_some())
            && core.last.f.role.is_none()
            && rest
                .first()
                .is_some_and(|w| w.has(bits::PARTICLE) && !matches!(w.s, "von" | "Von"))
            && let Some((n, particle_end)) = particle_name(&rest)
        {
            rest = nom::Input::take_from(&rest, n);
            end = particle_end;
        }
        // (`Hans-Jürgen Papier`, `Peter Koch`: a role noun right after a first name is a
        // surname)
        let surname_role = core.len >= 2 && core.at(core.len - 2).has(bits::NAME);
        let head_is_role = core.last.f.role.is_some() && !surname_role;
        let role_head = head_is_role;
        // `US-Außenminister Antony Blinken`: a title before a name
        let titled =
            core.len >= 2 && core.first.f.role.is_some() && core.feats().any(|f| f.role.is_none());
        // `Der Fernsehsender „Channel 10“`, `die Zeitung »Bild«`: a quoted title after the noun
        // of an institution, a medium or a document is its name
        if head_is_role
            && core.last.f.role.is_some_and(|r| {
                matches!(
                    r.kind,
                    NounType::Media | NounType::Organisation | NounType::Document
                )
            })
            && let Some(close) = rest.first().and_then(|w| match w.s {
                "„" => Some(["“", "\""]),
                "»" => Some(["«", "«"]),
                "«" => Some(["»", "»"]),
                "\"" => Some(["\"", "\""]),
                _ => None,
            })
            && let Some(j) = (2..8).find(|&j| rest.get(j).is_some_and(|w| close.contains(&w.s)))
            && (1..j).all(|k| {
                rest.get(k)
                    .is_some_and(|w| w.t.kind != TokKind::Punct || matches!(w.s, "." | "-" | "&"))
            })
        {
            end = rest.get(j).expect("found").i + 1;
            rest = nom::Input::take_from(&rest, j + 1);
        }
        // `das Nachrichtenmagazin Der Spiegel`, `die Wochenzeitung Die Zeit`: a title with its
        // capitalised article inside the sentence, after the noun of a medium
        if head_is_role
            && core.last.f.role.is_some_and(|r| r.kind == NounType::Media)
            && rest
                .first()
                .is_some_and(|w| matches!(w.s, "Der" | "Die" | "Das"))
            && rest.get(1).is_some_and(|w| is_core(&w))
            && rest.first().is_some_and(|w| w.i > 0)
        {
            let mut j = 1;
            while rest
                .get(j + 1)
                .is_some_and(|w| is_core(&w) && w.f.role.is_none())
            {
                j += 1;
            }
            end = rest.get(j).expect("checked").i + 1;
            rest = nom::Input::take_from(&rest, j + 1);
        }
        if let Ok((r, w)) = party(rest) {
            rest = r;
            end = w.i + 1;
        }
        // a genitive after a name is the addressee (`sagte Uschakow der Nachrichtenagentur`),
        // after a role noun it belongs to the speaker (`der Sprecher der Polizei`)
        // (`aus` only with an article, `aus dem Forscherteam`: the corpus keeps a town out,
        // `Frauke Distelrath aus Frankfurt`, and `aus heiterem Himmel`, `aus Sicherheitsgründen`
        // are no origin)
        let von_next = rest.first().is_some_and(|w| {
            matches!(w.s, "von" | "vom")
                || w.s == "aus" && rest.get(1).is_some_and(|n| n.has(bits::DET))
        });
        // (a source noun's too: `die Vorwürfe der Anwältin`, `Angaben der Polizei`)
        let source_head = core.last.has(bits::SOURCE);
        if (head_is_role || von_next || source_head || share)
            && let Ok((r, w)) = complement(lex).parse(rest)
        {
            // (a bare role noun takes it as its genitive: `Reporter der Nachrichtenagentur AFP
            // bestätigen …`)
            // (a quoted title after `der` is a newspaper's as often: `sagte der SPD-Politiker
            // der „Süddeutschen Zeitung“`)
            let person_head = core.last.f.role.is_some_and(|r| r.kind == NounType::Person);
            let media_addressee = (det.is_some() || titled)
                && rest.first().is_some_and(|w| w.s == "der")
                && rest.get(1).is_some_and(|w| {
                    w.f.role.is_some_and(|r| r.kind == NounType::Media)
                        || matches!(w.s, "„" | "»" | "«" | "\"") && person_head
                });
            if !media_addressee {
                rest = r;
                end = w.i + 1;
            }
        }
        // `Die Deutsche Schutzvereinigung für Wertpapierbesitz (DSW)`, `das Bundesamt für
        // Migration`: an institution named with what it is for
        if core
            .last
            .f
            .role
            .is_some_and(|r| r.kind == NounType::Organisation)
            && end == core.last.i + 1
            && let Ok((r, w)) = topic(lex).parse(rest)
        {
            (rest, end) = (r, w.i + 1);
            if let Ok((r, w)) = party(rest) {
                (rest, end) = (r, w.i + 1);
            }
        }
        // `die Regierung in Lomé`, `Angaben des Kraftfahrt-Bundesamtes in Flensburg`: an
        // institution's seat (a name after `in`/`im` with no article; a person's `in Berlin`
        // is where they spoke)
        // (a person's title is no institution: `Bundesrat Alain Berset in Bern`)
        if !(first.i..end).any(|j| input.get(j - first.i).is_some_and(|w| w.has(bits::NAME)))
            && (first.i..end).any(|j| {
                let w = input.get(j - first.i);
                w.is_some_and(|w| {
                    // (a group's place is its event's more often: `die Kundgebung der Landwirte
                    // in Hannover`)
                    w.has(bits::SOURCE)
                        || w.f
                            .role
                            .is_some_and(|r| !matches!(r.kind, NounType::Person | NounType::Group))
                })
            })
            && let Some(prep) = rest.first()
            && let Some(place) = rest.get(1)
            && place.is_upper()
            && is_core(&place)
            && place.f.role.is_none()
            && !place.has(bits::SOURCE)
            && !place.has(bits::DET)
            && match prep.s {
                // (`in Form`, `in Kürze`: a noun without article that is no place,
                // `grammar/in_phrase_nouns.tsv`)
                "in" => !lex.in_phrase_nouns.contains(place.s),
                // (`im Iran`: the countries named with an article, `grammar/places_with_article.tsv`;
                // `im Land`, `im Zuge` are none)
                "im" => lex.places_with_article.contains(place.s),
                _ => false,
            }
        {
            let mut j = 2;
            while rest
                .get(j)
                .is_some_and(|w| is_core(&w) && w.f.role.is_none())
            {
                j += 1;
            }
            end = rest.get(j - 1).expect("place").i + 1;
            rest = nom::Input::take_from(&rest, j);
            // `in Gaza (Stadt)`
            if let Ok((r, w)) = party(rest) {
                (rest, end) = (r, w.i + 1);
            }
        }
        // `Der Präsident Indonesiens, Susilo Bambang Yudhoyono`: a role with a genitive name
        let role_genitive = det.is_some()
            && core.len == 2
            && core
                .first
                .f
                .role
                .is_some_and(|r| r.kind == NounType::Person)
            && core.at(1).f.role.is_none()
            && !core.at(1).has(bits::NAME)
            && core.at(1).s.ends_with('s');
        if (head_is_role || role_genitive)
            && let Ok((r, w)) = apposition().parse(rest)
        {
            // keep a closing comma of the apposition out of the speaker span
            end = if w.is(",") { w.i } else { w.i + 1 };
            rest = r;
        } else if head_is_role && let Some((r, w)) = long_apposition(lex, rest) {
            end = if w.is(",") { w.i } else { w.i + 1 };
            rest = r;
        } else if !head_is_role && let Ok((r, w)) = role_apposition(lex).parse(rest) {
            end = if w.is(",") { w.i } else { w.i + 1 };
            rest = r;
        }
        // `Die Polizei und die Feuerwehr`: a coordinated second phrase
        if coordinate
            && rest.first().is_some_and(|w| w.s == "und" || w.s == "sowie")
            && rest
                .get(1)
                .is_some_and(|w| (w.has(bits::DET) || is_core(&w)) && !w.has(bits::PRONOUN))
            && let Ok((r, second)) = np(lex).parse(nom::Input::take_from(&rest, 1))
        {
            end = second.end;
            rest = r;
        }
        Ok((
            rest,
            Np {
                start: first.i,
                end,
                pronoun: false,
                role_head,
                has_det: det.is_some(),
                titled,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn parse(s: &str) -> Option<String> {
        let lex = Lexicon::builtin();
        let toks = tokenize(s);
        let (feats, _) = crate::rules::toks::features(s, &toks, lex);
        let input = Toks::new(
            s,
            &toks,
            feats.view::<crate::rules::toks::PerToken>(),
            0,
            toks.len(),
        );
        let (_, np) = np(lex).parse(input).ok()?;
        Some(s[toks[np.start].start as usize..toks[np.end - 1].end as usize].to_string())
    }

    #[test]
    fn speaker_phrases() {
        assert_eq!(
            parse("Kremlberater Juri Uschakow der russischen Nachrichtenagentur TASS.").unwrap(),
            "Kremlberater Juri Uschakow"
        );
        assert_eq!(
            parse("der Sprecher des Innenministeriums am Montag.").unwrap(),
            "der Sprecher des Innenministeriums"
        );
        assert_eq!(
            parse("Bundeskanzler Olaf Scholz (SPD) in Berlin.").unwrap(),
            "Bundeskanzler Olaf Scholz (SPD)"
        );
        assert_eq!(
            parse("der Sprecher des Auswärtigen Amts, Tobias Renner, in Berlin.").unwrap(),
            "der Sprecher des Auswärtigen Amts, Tobias Renner"
        );
        assert_eq!(parse("er, bevor er ging.").unwrap(), "er");
        // appositions: a role with a genitive name, a topic and a party, a particle name, a
        // middle initial, a quoted firm
        assert_eq!(
            parse("Der Präsident Kenias, Daniel Ruto, sagte").unwrap(),
            "Der Präsident Kenias, Daniel Ruto"
        );
        assert_eq!(
            parse("der Leiter der Agentur für Arbeit (BA), Frank Weidner, sagte").unwrap(),
            "der Leiter der Agentur für Arbeit (BA), Frank Weidner"
        );
        assert_eq!(
            parse("die Sprecherin der Stiftung, Heike van Dorp (SPD), sagte").unwrap(),
            "die Sprecherin der Stiftung, Heike van Dorp (SPD)"
        );
        assert_eq!(
            parse("Der Geschäftsführer von „Solartec“, Larry B. Norton, sagte").unwrap(),
            "Der Geschäftsführer von „Solartec“, Larry B. Norton"
        );
        assert_eq!(
            parse("der Friedensnobelpreisträger Adolfo Pérez Esquivel.").unwrap(),
            "der Friedensnobelpreisträger Adolfo Pérez Esquivel"
        );
        // without an apposition the genitive name stays with its role
        assert_eq!(
            parse("Der Präsident Kenias sagte").unwrap(),
            "Der Präsident Kenias"
        );
        assert_eq!(
            parse("US-Außenminister Antony Blinken.").unwrap(),
            "US-Außenminister Antony Blinken"
        );
        assert_eq!(
            parse("die russische Regierung.").unwrap(),
            "die russische Regierung"
        );
        assert!(parse("am Montag").is_none());
    }
}

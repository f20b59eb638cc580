//! Indirect speech attributed by a preposition or adverb: according-to phrases.
//!
//! `Laut Polizei wurde niemand verletzt.` · `Der Stadt zufolge fehlen 200 Kitaplätze.`
//! `Nach Angaben des Veranstalters kamen 5000 Menschen.` · `Seiner Meinung nach ist das falsch.`
//! `Wie die Polizei mitteilte, wurde niemand verletzt.` · `Demnach soll die Zahl steigen.`
//! not: `nach drei Stunden`, `nach Berlin`, `es war laut`.
//!
//! The corpus marks the bare function word as cue (`nach`, `laut`, `zufolge`), the noun phrase as
//! speaker (`Angaben der Polizei`), the phrase as frame, and as content the rest of the sentence:
//! after a sentence-initial phrase the remainder, around a mid-sentence phrase two segments.
//!
//! The nouns that make a phrase a source (`nach Angaben`, `einer Studie zufolge`) are
//! `grammar/source_nouns.tsv` and the nouns of the prepositional cues of `grammar/according.tsv`.

use super::direct_postposed::word_cue;
use super::np::Np;
use super::{Ctx, Draft, Range, content_end, draft, mood_of};
use crate::claims::Kind;
use crate::grammar::CuePosition;
use crate::rules::toks::TableKind;

pub(crate) fn is_source_noun<K: TableKind>(ctx: &Ctx<'_, K>, s: &str) -> bool {
    source_noun_word(ctx.lex, &s.to_lowercase())
}

/// [`is_source_noun`] of a lower-cased word: a source noun, or a compound that ends in one
/// (`Polizeiangaben`) and leaves a stem of more than three bytes.
pub(crate) fn source_noun_word(lex: &crate::grammar::Lexicon, l: &str) -> bool {
    lex.source_nouns.contains(l)
        || crate::grammar::last3(l).is_some_and(|e| lex.noun_ends.contains(&e))
            && l.char_indices()
                .skip(1)
                .any(|(i, _)| i > 3 && lex.source_nouns.contains(&l[i..]))
}

/// Single words that take their source after them (`laut`, `gemäß`), from the grammar.
fn is_pre_word<K: TableKind>(ctx: &Ctx<'_, K>, low: &str) -> bool {
    matches!(low, "laut" | "gemäß") || ctx.lex.pre_words.contains(low)
}

/// A web address as a source: `laut ndr.de`, `laut „tagesschau.de“`.
fn domain_at<K: TableKind>(ctx: &Ctx<'_, K>, j: usize, end: usize) -> Option<Np> {
    if j >= end {
        return None;
    }
    let mut e = j + 1;
    while e + 1 < end
        && ctx.s(e) == "."
        && !ctx.toks[e].space_before
        && !ctx.toks[e + 1].space_before
        && ctx.toks[e + 1].kind == crate::text::TokKind::Word
    {
        e += 2;
    }
    let tld = matches!(
        ctx.lower(e - 1),
        "de" | "com" | "net" | "org" | "at" | "ch" | "eu" | "info" | "uk" | "fr" | "it"
    );
    (e > j + 2 && tld && ctx.toks[j].kind == crate::text::TokKind::Word).then(|| Np::span(j, e))
}

/// A noun with adjectives but no article, or with a participle phrase between article and
/// noun: `laut israelischen Medien`, `laut aktueller Statistik`, `Laut einer am Dienstag
/// veröffentlichten Pressemitteilung des WFP`.
fn modified_noun_at<K: TableKind>(ctx: &Ctx<'_, K>, j: usize, end: usize) -> Option<Np> {
    let mut k = j;
    if k < end && ctx.has(k, crate::rules::toks::bits::DET) {
        k += 1;
    }
    let mut modifiers = 0;
    while k < end && modifiers < 5 {
        let s = ctx.s(k);
        if ctx.w(k).is_lower()
            && s.ends_with(['e', 'n', 'm', 'r', 's'])
            && !ctx.has(k, crate::rules::toks::bits::PREP)
        {
            k += 1;
        } else if matches!(s, "am" | "im" | "vom" | "seit")
            && k + 1 < end
            && ctx.w(k + 1).is_upper()
        {
            k += 2;
        } else {
            break;
        }
        modifiers += 1;
    }
    if modifiers == 0 || k >= end || !ctx.w(k).is_upper() || !crate::rules::np::is_core(&ctx.w(k)) {
        return None;
    }
    let mut e = k + 1;
    // one genitive complement: `des WFP`, `der Vereinten Nationen`
    if e + 1 < end && matches!(ctx.s(e), "des" | "der") {
        let mut g = e + 1;
        while g < end && ctx.w(g).is_lower() {
            g += 1;
        }
        if g < end && ctx.w(g).is_upper() {
            e = g + 1;
        }
    }
    Some(Np::span(j, e))
}

/// The speaker phrase after `laut`: a noun phrase, possibly a quoted title (`laut „BBC News“`).
fn source_after<K: TableKind>(ctx: &Ctx<'_, K>, k: usize, end: usize) -> Option<Np> {
    // `der „Frankfurter Allgemeinen Zeitung“`: an article before a quoted title
    if k + 1 < end
        && ctx.has(k, super::toks::bits::DET)
        && let Some(close) = ctx.name_quote_at(k + 1)
        && close < end
    {
        return Some(Np::span(k, close + 1));
    }
    let mut j = k;
    let quoted = j < end && matches!(ctx.s(j), "„" | "\"" | "»" | "«" | "“");
    if quoted {
        j += 1;
    }
    let mut n = ctx
        .np_at(j, end)
        .or_else(|| domain_at(ctx, j, end))
        .or_else(|| modified_noun_at(ctx, j, end))?;
    if quoted {
        n.start = k;
        if n.end < end && matches!(ctx.s(n.end), "“" | "\"" | "«" | "»" | "”") {
            n.end += 1;
        }
    }
    extend_source(ctx, &mut n, end);
    Some(n)
}

/// Lengthens a source phrase over a chain of genitives and a name in apposition: `nach Ansicht
/// des Generalanwalts des Europäischen Gerichtshofes, Damazo Ruiz-Jarabo Colomer, verstößt …`.
/// (`des` only: after `der` a new subject may follow, `hat laut Polizei der Fahrer …`.)
fn extend_source<K: TableKind>(ctx: &Ctx<'_, K>, n: &mut Np, end: usize) {
    // (`der` too after a document or medium: `laut einem Bericht der Nachrichtenagentur
    // Reuters`, `laut einem Artikel der „Zeit“`)
    let document = |j: usize| {
        ctx.has(j, super::toks::bits::SOURCE)
            || ctx.role(j).is_some_and(|r| {
                matches!(
                    r.kind,
                    crate::grammar::NounType::Document | crate::grammar::NounType::Media
                )
            })
    };
    while n.end + 1 < end
        && (ctx.s(n.end) == "des" || ctx.s(n.end) == "der" && document(n.end - 1))
        && let Some(g) = ctx.np_at(n.end, end)
        && !g.pronoun
        && g.end > n.end + 1
    {
        n.end = g.end;
    }
    // `laut einer Presseerklärung der Staatsanwaltschaft und der Polizei`: a second genitive
    // after `und` when the first one is an institution's
    if n.end + 2 < end
        && ctx.s(n.end) == "und"
        && matches!(ctx.s(n.end + 1), "der" | "des")
        && (n.start..n.end).any(|k| matches!(ctx.s(k), "der" | "des"))
        && ctx.role(n.end - 1).is_some()
        && let Some(g) = ctx.np_at(n.end + 1, end)
        && !g.pronoun
        && ctx
            .role(g.end - 1)
            .is_some_and(|r| matches!(r.kind, crate::grammar::NounType::Organisation))
    {
        n.end = g.end;
    }
    if n.end + 2 < end
        && ctx.s(n.end) == ","
        && ctx.w(n.end + 1).is_upper()
        && let Some(a) = ctx.np_at(n.end + 1, end)
        && !a.pronoun
        && a.end < end
        && ctx.s(a.end) == ","
        && (a.start..a.end).all(|j| ctx.w(j).is_upper() || ctx.s(j) == "-")
        && (a.start..a.end).any(|j| ctx.has(j, super::toks::bits::NAME))
    {
        n.end = a.end;
    }
}

/// `nach [det] [adj] Angaben [des|der|von X]` starting at the token after `nach`.
fn nach_phrase<K: TableKind>(ctx: &Ctx<'_, K>, k: usize, end: usize) -> Option<Np> {
    let mut j = k;
    if j < end && ctx.has(j, super::toks::bits::DET) {
        j += 1;
    }
    while j < end
        && ctx.w(j).is_lower()
        && !ctx.has(j, crate::rules::toks::bits::SOURCE)
        && j < k + 3
    {
        j += 1;
    }
    // `nach palästinensischen Medien`: a medium after `nach` is a source too
    if j < end && j > k && ctx.w(j - 1).is_lower() && ctx.s(j) == "Medien" {
        return Some(Np::span(k, j + 1));
    }
    // `nach Celebis Angaben`: a genitive name before the noun
    if j + 1 < end
        && ctx.w(j).is_upper()
        && ctx.s(j).ends_with('s')
        && ctx.has(j + 1, crate::rules::toks::bits::SOURCE)
    {
        j += 1;
    }
    // `nach Kraus' Angaben`: the apostrophe genitive
    if j + 2 < end
        && ctx.w(j).is_upper()
        && matches!(ctx.s(j + 1), "'" | "’")
        && ctx.has(j + 2, crate::rules::toks::bits::SOURCE)
    {
        j += 2;
    }
    if j >= end || !ctx.has(j, crate::rules::toks::bits::SOURCE) {
        // `Nach dem Grundgesetz …`, `Nach einer Veröffentlichung in „Nature“ …`, `Nach einem
        // EU-Dokument …`: at the head of a sentence, a document is a source too
        let opens = k >= 1 && ctx.s(k - 1) == "Nach";
        // (not an event that `nach` puts in time: `Nach der Begrüßungsrede zeigte er …`,
        // `Nach der Resolution … führten Beratungen …`)
        let event = |w: &str| {
            [
                "rede",
                "ansprache",
                "predigt",
                "interview",
                "resolution",
                "beschluss",
                "abkommen",
                "vertrag",
            ]
            .iter()
            .any(|e| w.ends_with(e))
        };
        if opens
            && j < end
            && ctx.w(j).is_upper()
            && !event(ctx.lower(j))
            && ctx
                .role(j)
                .is_some_and(|r| r.kind == crate::grammar::NounType::Document)
        {
            let mut e = j + 1;
            if e < end && matches!(ctx.s(e), "des" | "der" | "von" | "vom" | "eines" | "einer") {
                let from = e + usize::from(ctx.s(e) == "von");
                if let Some(n) = source_after(ctx, from, end) {
                    e = n.end;
                }
            }
            return Some(Np::span(k, e));
        }
        return None;
    }
    let mut e = j + 1;
    // (`nach Zeugenaussagen der Ehemann`: `der` before a masculine singular noun opens a
    // subject, no genitive; `der Politiker`, `der Veranstalter` may be genitive plurals)
    let masculine_after = |d: usize| {
        (d + 1..end.min(d + 4))
            .find(|&k| ctx.w(k).is_upper())
            .filter(|&k| !["er", "el", "en"].iter().any(|e| ctx.s(k).ends_with(e)))
            .and_then(|k| ctx.role(k))
            .is_some_and(|r| r.female == Some(false) && !r.plural)
    };
    if e < end
        && (matches!(ctx.s(e), "von" | "des" | "der" | "eines" | "einer" | "vom")
            // `nach Angaben seines Vermögensverwalters`
            || matches!(ctx.s(e), "seines" | "seiner" | "ihres" | "ihrer"))
        && !(ctx.s(e) == "der" && masculine_after(e))
    {
        let from = e + usize::from(matches!(ctx.s(e), "von"));
        if let Some(n) = source_after(ctx, from, end) {
            e = n.end;
        }
    } else if e < end
        && ctx.w(e).is_upper()
        && ctx.s(e).len() > 3
        && ctx.s(e).ends_with('s')
        && ctx.role(e).is_none()
        && !ctx.has(e, crate::rules::toks::bits::SOURCE)
    {
        // `nach Meinung Russlands`, `nach Aussagen Gordons`: a genitive name after the noun
        e += 1;
    } else if let Some(g) = bare_genitive_plural(ctx, e, end) {
        e = g;
    }
    Some(Np::span(k, e))
}

/// `politischer Beobachter`, `chinesischer Medien`, `vieler Experten und Fans`: a genitive
/// plural without an article, an adjective or two in -er and a noun (and a second noun after
/// `und`); returns where it ends.
fn bare_genitive_plural<K: TableKind>(ctx: &Ctx<'_, K>, k: usize, end: usize) -> Option<usize> {
    let mut j = k;
    while j < end
        && j < k + 2
        && ctx.w(j).is_lower()
        && ctx.s(j).ends_with("er")
        && !ctx.has(j, crate::rules::toks::bits::DET)
    {
        j += 1;
    }
    let noun = |j: usize| j < end && ctx.w(j).is_upper() && crate::rules::np::is_core(&ctx.w(j));
    if j == k || !noun(j) {
        return None;
    }
    // (only right before the verb or a comma: `Experten und Fans werden sich …`)
    if j + 3 < end && ctx.s(j + 1) == "und" && noun(j + 2) && !ctx.w(j + 3).is_upper() {
        return Some(j + 3);
    }
    Some(j + 1)
}

/// `…, nach denen …`, `…, nach der …`: `nach` with a relative pronoun after a comma, not an
/// article (`nach dem Unfall`).
fn relative_nach<K: TableKind>(ctx: &Ctx<'_, K>, k: usize, sent_end: usize) -> bool {
    // the antecedent must be able to say something: a document, a medium, a source or speech
    // noun (`Gerüchte, nach denen …`, `eine Klageschrift, nach der …`), not a time (`nach dem`
    // after `2007` means "after which") or a rule (`Standards, nach denen …`)
    let says = |j: usize| {
        ctx.has(j, super::toks::bits::SOURCE)
            || ctx.has(j, super::toks::bits::SPEECH_NOUN)
            || ctx.role(j).is_some_and(|r| {
                matches!(
                    r.kind,
                    crate::grammar::NounType::Document | crate::grammar::NounType::Media
                )
            })
    };
    ctx.lower(k) == "nach"
        && k > 1
        && ctx.s(k - 1) == ","
        && says(k - 2)
        && k + 3 < sent_end
        && match ctx.lower(k + 1) {
            "denen" | "welchem" | "welcher" | "welchen" => true,
            "der" | "dem" => !ctx.w(k + 2).is_upper() && !ctx.has(k + 2, super::toks::bits::ADJ),
            _ => false,
        }
}

/// The phrase that ends right before `zufolge` / a postposed `nach` (`Seiner Meinung nach`).
fn phrase_before<K: TableKind>(ctx: &Ctx<'_, K>, k: usize, sent_start: usize) -> Option<Np> {
    let lo = k.saturating_sub(10).max(sent_start);
    (lo..k)
        .filter(|&j| ctx.outside_quotes(j, None))
        .find_map(|j| {
            let mut n = ctx.np_at(j, k)?;
            // `ersten Angaben zufolge`: adjectives without an article before the noun (two at
            // most)
            let noun = n.start;
            while n.start > sent_start
                && n.start + 2 > noun
                && super::words::is_source_adjective(ctx.lower(n.start - 1))
                && !ctx.has(n.start - 1, super::toks::bits::DET)
            {
                n.start -= 1;
            }
            (n.end == k && !n.pronoun).then_some(n)
        })
        .or_else(|| {
            // `ihm zufolge`, `Seiner Meinung nach`
            let j = if k >= sent_start + 2 && ctx.has(k - 2, super::toks::bits::DET) {
                k - 2
            } else {
                k - 1
            };
            (j >= sent_start && k > sent_start).then_some(Np {
                pronoun: j + 1 == k && matches!(ctx.lower(j), "ihm" | "ihr" | "ihnen"),
                ..Np::span(j, k)
            })
        })
}

/// Is the word at `j` a noun that grammar/according.tsv lists before a postposed `nach`
/// (`Ansicht nach`, `Meinung nach`, `dem Vernehmen nach`)?
fn post_nach<K: TableKind>(ctx: &Ctx<'_, K>, j: usize) -> bool {
    let w = ctx.lower(j);
    ctx.lex.according.iter().any(|c| {
        matches!(
            c.position,
            crate::grammar::CuePosition::Post | crate::grammar::CuePosition::Impersonal
        ) && c.words.len() >= 2
            && c.words[c.words.len() - 1] == "nach"
            && c.words[c.words.len() - 2] == w
    })
}

/// The ranges that are not empty.
fn nonempty(ranges: &[Range]) -> Vec<Range> {
    ranges.iter().copied().filter(|r| r.1 > r.0).collect()
}

/// The content of an according-to phrase `[ps, pe)` in the sentence: the rest of the sentence.
fn content<K: TableKind>(
    ctx: &Ctx<'_, K>,
    ps: usize,
    pe: usize,
    sent_start: usize,
    sent_end: usize,
) -> Vec<Range> {
    // a semicolon closes a main clause of its own: the phrase sources its side only (`Die Tat
    // sei gegen den Rektor gerichtet; nach Behördenangaben stecke aber keine Tat dahinter`);
    // so does a colon (`schloss sich der Kritik an: Die Mittel seien ihrer Meinung nach …`)
    let sent_start = (sent_start..ps)
        .rev()
        .find(|&k| matches!(ctx.s(k), ";" | ":") && ctx.outside_quotes(k, None))
        .map_or(sent_start, |k| k + 1);
    let sent_end = (pe..sent_end)
        .find(|&k| ctx.s(k) == ";")
        .unwrap_or(sent_end);
    // where a clause the phrase stands in ends: at the next comma, semicolon or colon
    // (a complement clause after the comma belongs to it: `jedoch ist laut ZDF fraglich, ob
    // alle Reisenden die Insel verlassen können`)
    let clause_end = || {
        (pe..sent_end)
            .find(|&k| {
                matches!(ctx.s(k), "," | ";" | ":")
                    && !(ctx.s(k) == ","
                        && k + 1 < sent_end
                        && matches!(ctx.lower(k + 1), "ob" | "dass"))
                    // (nor a comma in a list of nouns: `der Planung, Finanzierung und
                    // Unterstützung terroristischer Aktivitäten diene`)
                    && !(ctx.s(k) == ","
                        && k + 2 < sent_end
                        && ctx.w(k + 1).is_upper()
                        && ctx.role(k + 1).is_none()
                        && matches!(ctx.s(k + 2), "," | "und" | "oder"))
            })
            .unwrap_or_else(|| content_end(ctx, sent_start, sent_end))
    };
    // a phrase inside a subordinate or relative clause sources that clause only (`…, weil die
    // Mission nach Angaben der UN überfordert ist`, `die Tasche, die nach dessen Angaben die
    // Bombe enthalten sollte, …`)
    if let Some(c) = (sent_start..ps).rev().find(|&k| ctx.s(k) == ",")
        && c + 1 < ps
        && (ctx.has(c + 1, crate::rules::toks::bits::CONJ)
            && !matches!(
                ctx.lower(c + 1),
                "und" | "oder" | "aber" | "sondern" | "doch"
            )
            || matches!(
                ctx.lower(c + 1),
                "der" | "die" | "das" | "dem" | "den" | "deren" | "dessen" | "welche" | "welcher"
            ) && ctx.w(c + 2).is_lower()
            // (after a preposition too: `…, unter denen sich nach Einschätzung der Ermittler
            // der Mörder befinden sollte`, `…, worauf dieser nach Aussagen Gordons …`)
            || ctx.has(c + 1, crate::rules::toks::bits::PREP)
                && matches!(ctx.lower(c + 2), "denen" | "dem" | "deren" | "dessen" | "welchem")
            || matches!(ctx.lower(c + 1), "worauf" | "wobei" | "womit" | "wodurch" | "woraufhin"))
    {
        return nonempty(&[(c + 1, ps), (pe, clause_end())]);
    }
    // `…, nach welchem die Nationalfahne ersetzt werden sollte, haben sich …`: a relative
    // `nach` is itself the frame; its clause ends at the next comma
    if ps > sent_start
        && ctx.s(ps - 1) == ","
        && pe == ps + 2
        && matches!(
            ctx.lower(ps + 1),
            "denen" | "dem" | "der" | "welchem" | "welcher"
        )
    {
        return nonempty(&[(pe, clause_end())]);
    }
    // `(nach anderen Angaben liegt die Stadt 46 Kilometer entfernt)`: a phrase opening a
    // parenthesis sources what the parenthesis says
    if ps > sent_start
        && ctx.s(ps - 1) == "("
        && let Some(close) = (pe..sent_end).find(|&k| ctx.s(k) == ")")
    {
        let after = if ctx.s(pe) == "," { pe + 1 } else { pe };
        return nonempty(&[(after, close)]);
    }
    // `sagte gegenüber der Presse, nach neuen Erkenntnissen gebe es keine Spur`: a phrase
    // opening a clause after a comma, its verb right after it, sources that clause alone
    if ps > sent_start + 1
        && ctx.s(ps - 1) == ","
        && pe < sent_end
        && (ctx.has(pe, crate::rules::toks::bits::KONJ1)
            || ctx.has(pe, crate::rules::toks::bits::AUX))
    {
        return nonempty(&[(pe, content_end(ctx, sent_start, sent_end))]);
    }
    // `Alle Häfen bleiben gesperrt, lediglich der Haupthafen wurde nach Angaben der Tagesschau
    // freigegeben`: a main clause of its own after a comma (an auxiliary between the comma and
    // the phrase, a verb before the comma) is what the phrase sources
    if let Some(c) = (sent_start..ps).rev().find(|&k| ctx.s(k) == ",")
        && c > sent_start + 2
        && !ctx.has(c + 1, crate::rules::toks::bits::CONJ)
        // (a personal or demonstrative pronoun opens such a clause too, `…, diese Taten seien
        // aber laut der Oberstaatsanwältin verjährt`; a relative one does not)
        && (!ctx.has(c + 1, crate::rules::toks::bits::PRONOUN)
            || matches!(
                ctx.lower(c + 1),
                "diese" | "dieser" | "dieses" | "er" | "sie" | "es" | "man" | "wir"
            ))
        && (c + 1..ps).any(|k| ctx.has(k, crate::rules::toks::bits::AUX))
        // (not when a subordinate clause opening the sentence stands before the finite verb
        // as its first part: `Nachdem Kampfflugzeuge Schüsse abgegeben haben, ist es laut
        // Focus zu weiteren Situationen gekommen` is one clause, and the phrase sources it all)
        && !(ctx.has(c + 1, crate::rules::toks::bits::AUX)
            && ctx.has(sent_start, crate::rules::toks::bits::CONJ))
        && (sent_start..c)
            .any(|k| ctx.has(k, crate::rules::toks::bits::AUX) || !ctx.forms(k).is_empty())
    {
        return nonempty(&[(c + 1, ps), (pe, clause_end())]);
    }
    let end = content_end(ctx, sent_start, sent_end);
    // `… berührt haben und laut Medienberichten auch versucht haben, …`: the phrase opens a
    // coordinated clause, which it sources alone
    // (a pre-posed phrase only: before `zufolge` the `und` may join two sources, `Berichten
    // der Sender Sky News und BBC zufolge`)
    // (`diese Taten seien aber laut der Oberstaatsanwältin schon verjährt`: `aber` after the
    // finite verb is an adverb inside the clause, not a conjunction)
    if ps > sent_start + 2
        && matches!(ctx.lower(ps - 1), "und" | "aber" | "sowie")
        && !(ctx.lower(ps - 1) == "aber" && ctx.has(ps - 2, crate::rules::toks::bits::AUX))
        // (nor after the subject pronoun that follows the verb: `gibt es aber laut ai-Bericht
        // eine hohe Dunkelziffer`)
        && !(ctx.lower(ps - 1) == "aber" && ctx.has(ps - 2, crate::rules::toks::bits::PRONOUN))
        && matches!(ctx.lower(ps), "laut" | "nach" | "gemäß")
        && pe < end
    {
        let mut after = pe;
        if ctx.s(after) == "," {
            after += 1;
        }
        return nonempty(&[(after, end)]);
    }
    let mut after = pe;
    if after < sent_end && ctx.s(after) == "," {
        after += 1;
    }
    let mut before = ps;
    while before > sent_start && ctx.s(before - 1) == "," {
        before -= 1;
    }
    let q = if ps == sent_start {
        vec![(after, end)]
    } else if after >= end {
        vec![(sent_start, before)]
    } else {
        // (the comma closing an apposition is no part of the content)
        vec![(sent_start, ps), (after, end)]
    };
    nonempty(&q)
}

/// `Die UBS veröffentlichte heute neue Quartalszahlen. Danach verzeichnet das Geldinstitut
/// Verluste …`: `Danach` opening a sentence in the present after a sentence that names a
/// document or a publication refers to what it says, as `demnach` does; otherwise it is time
/// (`Danach brach Feuer aus`, `Danach beginnt der Abbau`).
fn danach_report<K: TableKind>(ctx: &Ctx<'_, K>, k: usize, sent_start: usize) -> bool {
    if k != sent_start || k == 0 || k + 1 >= ctx.toks.len() {
        return false;
    }
    let verb = ctx.lower(k + 1);
    let past = verb.ends_with("te")
        || verb.ends_with("ten")
        || matches!(
            verb,
            "war"
                | "waren"
                | "wurde"
                | "wurden"
                | "gab"
                | "kam"
                | "kamen"
                | "ging"
                | "fand"
                | "brach"
                | "schuf"
                | "fiel"
                | "hielt"
                | "begann"
                | "lag"
                | "stand"
                | "trat"
                | "zog"
                | "rief"
                | "sah"
                | "traf"
                | "nahm"
                | "fuhr"
                | "flog"
                | "starb"
                | "gaben"
                | "gingen"
                | "fanden"
                | "fingen"
                | "brachen"
                | "fielen"
                | "hielten"
                | "begannen"
                | "lagen"
                | "standen"
                | "traten"
                | "zogen"
                | "riefen"
                | "sahen"
                | "trafen"
                | "nahmen"
                | "fuhren"
                | "flogen"
                | "starben"
                | "fing"
        );
    if past || !ctx.w(k + 1).is_lower() {
        return false;
    }
    let prev = ctx.sentence_of(k - 1);
    (prev.start..prev.end).any(|j| {
        ctx.has(j, crate::rules::toks::bits::SOURCE)
            || ctx
                .role(j)
                .is_some_and(|r| r.kind == crate::grammar::NounType::Document)
            || ctx.lower(j).starts_with("veröffentlich")
            || matches!(ctx.lower(j), "vorgestellt" | "präsentiert" | "vorgelegt")
    })
}

/// Runs the rule.
pub(crate) fn apply<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut Vec<Draft>) {
    for sent in ctx.sents {
        let mut k = sent.start;
        while k < sent.end {
            // (a word that opens none of the readings below is passed over at once, before the
            // quote test and the comparisons: nearly every word)
            let Some(next) = ctx.next_with(k, sent.end, crate::rules::toks::bits::ACCORDING) else {
                break;
            };
            k = next;
            if !ctx.outside_quotes(k, None) {
                k += 1;
                continue;
            }
            let low = ctx.lower(k);
            if low == "wie"
                && (k == sent.start
                    || ctx.s(k - 1) == ","
                    || opens_after_connective(ctx, k, sent.start))
                && let Some(d) = wie_frame(ctx, k, sent.start, sent.end)
            {
                k = d.frame.last().map(|r| r.1).unwrap_or(k + 1).max(k + 1);
                drafts.push(d);
                continue;
            }
            // (phrase start, phrase end, speaker, cue token)
            let found: Option<(usize, usize, Np, usize)> = if is_pre_word(ctx, low) {
                // `gemäß dem Gesetz` follows a rule; `gemäß dem Bericht` cites a source
                source_after(ctx, k + 1, sent.end)
                    .filter(|n| low != "gemäß" || (n.start..n.end).any(|j| ctx.role(j).is_some()))
                    .map(|n| (k, n.end, n, k))
            } else if low == "nach" && relative_nach(ctx, k, sent.end) {
                // `Gerüchte, nach denen Barrett an Krebs litt`: the relative pronoun stands for
                // the source, the relative clause is the content
                Some((
                    k,
                    k + 2,
                    Np {
                        pronoun: true,
                        ..Np::span(k + 1, k + 2)
                    },
                    k,
                ))
            } else if low == "nach"
                // (`Erst nach umfangreichen Ermittlungen war …`, `kurz nach der Meldung`: time,
                // `grammar/time_words_before_nach.tsv`)
                && !(k > sent.start
                    && ctx.lex.time_words_before_nach.contains(ctx.lower(k - 1)))
                || (low == "aus"
                    && k + 1 < sent.end
                    && ctx.has(k + 1, crate::rules::toks::bits::SOURCE))
            {
                nach_phrase(ctx, k + 1, sent.end)
                    .map(|n| (k, n.end, n, k))
                    .or_else(|| {
                        // (only the nouns grammar/according.tsv lists before a postposed
                        // `nach`: `Seiner Meinung nach`, not `freie Sicht nach draußen` nor
                        // `aller Voraussicht nach`)
                        (k > sent.start
                            && ctx.has(k - 1, crate::rules::toks::bits::SOURCE)
                            && post_nach(ctx, k - 1))
                        .then(|| phrase_before(ctx, k, sent.start))
                        .flatten()
                        .map(|n| (n.start, k + 1, n, k))
                    })
            } else if low == "zufolge" && k > sent.start {
                phrase_before(ctx, k, sent.start).map(|n| (n.start, k + 1, n, k))
            } else if low == "danach" && danach_report(ctx, k, sent.start) {
                Some((k, k + 1, Np::span(k, k + 1), k))
            } else if matches!(low, "demnach" | "wonach") {
                // cue, speaker and frame in one word; a relative `wonach` stands for the phrase
                // before its comma (`ein Bericht der Agentur Interfax, wonach …`), which the
                // corpus marks as the speaker
                let antecedent = (low == "wonach")
                    .then(|| antecedent_before(ctx, k, sent.start))
                    .flatten();
                Some((k, k + 1, antecedent.unwrap_or(Np::span(k, k + 1)), k))
            } else {
                None
            };
            let Some((ps, pe, sp, cue_tok)) = found else {
                k += 1;
                continue;
            };
            // `Aus Regierungskreisen verlautete, …`: the phrase is the source of a verb frame
            let impersonal_next = ctx.lex.according.iter().any(|c| {
                c.position == CuePosition::Impersonal
                    && c.words
                        .iter()
                        .enumerate()
                        .all(|(i, w)| pe + i < sent.end && ctx.lower(pe + i) == w.as_str())
            });
            if low == "aus" && pe < sent.end && (ctx.has_cue(pe) || impersonal_next) {
                k = pe;
                continue;
            }
            // `Berichte, wonach 2000 Stellen wegfallen, wies der Konzern zurück`: the main
            // clause after the content denies (or confirms) it, and its subject is the speaker
            if low == "wonach"
                && let Some((c, cue, sp)) = answered_report(ctx, k + 1, sent.end)
            {
                let mut d = draft(
                    Kind::Indirect,
                    vec![(k + 1, c)],
                    "indirect.according",
                    Some(&cue),
                    Some(sp),
                    None,
                    vec![
                        (sent.start, k + 1),
                        (c + 1, content_end(ctx, c + 1, sent.end)),
                    ],
                    0.7,
                );
                d.mood = mood_of(ctx, k + 1, c);
                drafts.push(d);
                k = sent.end;
                continue;
            }
            let (quote, frame) = if low == "wonach" {
                (
                    vec![(k + 1, content_end(ctx, k + 1, sent.end))],
                    vec![(k, k + 1)],
                )
            } else if low == "nach" && pe == k + 2 && relative_nach(ctx, k, sent.end) {
                let end = (pe..sent.end)
                    .find(|&j| ctx.s(j) == "," && ctx.outside_quotes(j, None))
                    .unwrap_or_else(|| content_end(ctx, pe, sent.end));
                (vec![(pe, end)], vec![(k, pe)])
            } else {
                // `laut Medienberichten, die sich auf den Polizeibericht beziehen, …`: a relative
                // clause on the source belongs to the frame, not to the content
                let pe = (pe + 2 < sent.end
                    && ctx.s(pe) == ","
                    && matches!(
                        ctx.s(pe + 1),
                        "der" | "die" | "das" | "dem" | "den" | "denen" | "deren" | "dessen"
                    ))
                .then(|| (pe + 2..sent.end).find(|&j| ctx.s(j) == ","))
                .flatten()
                .map_or(pe, |j| j + 1);
                (content(ctx, ps, pe, sent.start, sent.end), vec![(ps, pe)])
            };
            if quote.iter().map(|r| r.1 - r.0).sum::<usize>() >= 2 {
                // the grammar entry of this phrase (`nach Ansicht` → its lemma), else the word
                let phrase: Vec<&str> = (ps..pe).map(|j| ctx.lower(j)).collect();
                let lemma = ctx
                    .lex
                    .according
                    .iter()
                    .filter(|c| {
                        c.words.first().is_some_and(|w| *w == low)
                            && c.words.iter().all(|w| phrase.contains(&w.as_str()))
                    })
                    .max_by_key(|c| c.words.len())
                    .map(|c| c.lemma.as_str())
                    .unwrap_or(low);
                let cue = word_cue(cue_tok, lemma, None);
                let conf = if matches!(low, "demnach" | "wonach" | "danach") {
                    0.6
                } else {
                    0.8
                };
                let mut d = draft(
                    Kind::Indirect,
                    quote,
                    "indirect.according",
                    Some(&cue),
                    Some(sp),
                    None,
                    frame,
                    conf,
                );
                d.mood = mood_of(ctx, sent.start, sent.end);
                drafts.push(d);
            }
            k = pe.max(k + 1);
        }
    }
}

/// The noun phrase that ends at the comma right before `k` (`Berichte, wonach …`), within
/// twelve words.
fn antecedent_before<K: TableKind>(ctx: &Ctx<'_, K>, k: usize, sent_start: usize) -> Option<Np> {
    if k < sent_start + 2 || ctx.s(k - 1) != "," {
        return None;
    }
    let comma = k - 1;
    ctx.np_ending_at(
        (comma.saturating_sub(12).max(sent_start)..comma)
            .filter(|&j| ctx.outside_quotes(j, None) || ctx.name_quote_at(j).is_some()),
        comma,
    )
}

/// After `wonach` content, a main clause that takes a stand on the report: `…, wies der Konzern
/// zurück`, `…, bestätigte die Polizei`. Returns the comma, the cue and its subject.
fn answered_report<K: TableKind>(
    ctx: &Ctx<'_, K>,
    from: usize,
    end: usize,
) -> Option<(usize, super::CueMatch, super::np::Np)> {
    let c = (from + 2..end).find(|&j| {
        ctx.s(j) == ","
            && ctx.cue_at(j + 1).is_some_and(|cue| {
                matches!(
                    cue.form,
                    crate::grammar::Form::Present | crate::grammar::Form::Preterite
                )
            })
    })?;
    let cue = ctx.cue_at(c + 1)?;
    if !matches!(
        &*cue.lemma,
        "zurückweisen"
            | "dementieren"
            | "bestreiten"
            | "bestätigen"
            | "widersprechen"
            | "verneinen"
    ) {
        return None;
    }
    let sp = ctx.speaker_after(c + 2, end).filter(|n| n.start == c + 2)?;
    Some((c, cue, sp))
}

/// Matches the grammar's impersonal cues (`hieß es`, `verlautete`, `wie bekannt wurde`,
/// `war zu hören`, `dem Vernehmen nach`) in a sentence: the content is the clause the cue
/// introduces or closes; an `aus`/`in` phrase next to it is the source.
pub(crate) fn impersonal<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut Vec<Draft>) {
    for sent in ctx.sents {
        // (every cue is tried at every token: the lower-cased words come from the feature
        // table, without a per-sentence copy)
        let mut k = sent.start;
        while k < sent.end {
            // only cues that start with this very word are tried (the feature bit says whether
            // there are any, without a look-up): the words between are passed over
            let Some(next) = ctx.next_with(k, sent.end, crate::rules::toks::bits::IMPERSONAL)
            else {
                break;
            };
            k = next;
            // the cue's words in order; adverbials may stand between them
            // (`wie am Montag bekannt wurde`)
            // (`at` collects the words' positions; without it the words are only matched)
            // (the first word is this one, `impersonal_by_first` says so: it is a cue's word
            // if it stands outside quotes and is no mark; then every cue that starts with it
            // is walked from its second word)
            if !(ctx.outside_quotes(k, None) && ctx.toks[k].kind != crate::text::TokKind::Punct) {
                k += 1;
                continue;
            }
            let walk = |c: &crate::grammar::AccordingCue, mut at: Option<&mut Vec<usize>>| {
                if let Some(at) = at.as_deref_mut() {
                    at.push(k);
                }
                let mut j = k + 1;
                for w in c.words.iter().skip(1) {
                    let limit = (j + 4).min(sent.end);
                    let found = (j..limit).find(|&m| {
                        ctx.outside_quotes(m, None)
                            && ctx.lower(m) == *w
                            && ctx.toks[m].kind != crate::text::TokKind::Punct
                    })?;
                    if (j..found).any(|m| ctx.toks[m].kind == crate::text::TokKind::Punct) {
                        return None;
                    }
                    if let Some(at) = at.as_deref_mut() {
                        at.push(found);
                    }
                    j = found + 1;
                }
                Some(())
            };
            // (matched once without collecting: most cues tried fail on a later word, and a
            // vector per attempt was an allocation per cue and trigger word)
            let matched = |c: &&crate::grammar::AccordingCue| -> Option<Vec<usize>> {
                walk(c, None)?;
                let mut at = Vec::with_capacity(c.words.len());
                walk(c, Some(&mut at));
                Some(at)
            };
            let Some(starting) = ctx.lex.impersonal_by_first.get(ctx.lower(k)) else {
                k += 1;
                continue;
            };
            let Some((cue, at)) = starting
                .iter()
                .map(|&i| &ctx.lex.according[i])
                .filter_map(|c| matched(&c).map(|at| (c, at)))
                .max_by_key(|(c, _)| c.words.len())
            else {
                k += 1;
                continue;
            };
            let pe = at.last().map(|&l| l + 1).unwrap_or(k + 1);
            // the source: `Aus Regierungskreisen verlautete`, `hieß es aus der Fraktion`
            // (also after `wie`: `Wie aus Reihen des Gerichts verlautete`)
            let pp = if ctx.lower(sent.start) == "wie" {
                sent.start + 1
            } else {
                sent.start
            };
            let before = (k >= pp + 2
                && matches!(ctx.s(pp), "Aus" | "aus" | "In" | "in" | "Von" | "von"))
            .then(|| ctx.np_at(pp + 1, k))
            .flatten()
            .map(|mut n| {
                n.end = ctx.genitive_tail(n.end, k);
                n
            })
            .filter(|n| n.end == k);
            let after = (pe + 1 < sent.end
                && matches!(ctx.s(pe), "aus" | "in" | "im" | "von" | "seitens"))
            .then(|| ctx.np_at(pe + 1, sent.end))
            .flatten();
            // `Wie aus Unternehmenskreisen verlautete`: the source between the cue's words
            let between = (at.len() >= 2 && at[1] >= at[0] + 3)
                .then(|| (at[0] + 1, at[1]))
                .filter(|&(s, _)| matches!(ctx.lower(s), "aus" | "in" | "von" | "seitens"))
                .and_then(|(s, e)| {
                    ctx.np_at(s + 1, e).map(|mut n| {
                        n.end = ctx.genitive_tail(n.end, e);
                        n
                    })
                })
                .filter(|n| n.end == at[1]);
            let sp = before.or(after).or(between);
            let frame_start = before.map(|n| n.start - 1).unwrap_or(k);
            let mut frame_end = after.map(|n| n.end).unwrap_or(pe);
            // `verlautete am Abend, …`: adverbials up to the comma belong to the frame
            if let Some(c) = (frame_end..sent.end.min(frame_end + 6)).find(|&j| ctx.s(j) == ",")
                && (frame_end..c)
                    .all(|j| ctx.toks[j].kind != crate::text::TokKind::Punct && !ctx.has_cue(j))
            {
                frame_end = c;
            }
            let end = content_end(ctx, sent.start, sent.end);
            let quote = if frame_end < end && ctx.s(frame_end) == "," {
                vec![(frame_end + 1, end)]
            } else if frame_start == sent.start {
                vec![(frame_end, end)]
            } else {
                let mut e = frame_start;
                while e > sent.start && ctx.s(e - 1) == "," {
                    e -= 1;
                }
                let mut q = vec![(sent.start, e)];
                if frame_end < end {
                    q.push((frame_end, end));
                }
                q
            };
            let quote: Vec<Range> = quote.into_iter().filter(|r| r.1 > r.0 + 1).collect();
            // `Über das Schicksal wurde bisher nichts bekannt`, `wurde noch keine Entscheidung
            // bekannt gegeben`: a negated cue reports nothing
            let clause_start = (sent.start..k)
                .rev()
                .find(|&j| matches!(ctx.s(j), "," | ";" | ":"))
                .map_or(sent.start, |j| j + 1);
            let negated = (clause_start..pe).any(|j| {
                matches!(
                    ctx.lower(j),
                    "nicht" | "nichts" | "kein" | "keine" | "keinen" | "keiner" | "nie" | "niemals"
                )
            });
            if !quote.is_empty() && !negated {
                let c = word_cue(k, &cue.lemma, (pe > k + 1).then_some(pe - 1));
                let mut d = draft(
                    Kind::Indirect,
                    quote,
                    "indirect.impersonal",
                    Some(&c),
                    sp,
                    None,
                    vec![(frame_start, frame_end)],
                    0.7,
                );
                let mut spans: Vec<(usize, usize)> = Vec::new();
                for &m in &at {
                    match spans.last_mut() {
                        Some(r) if r.1 == m => r.1 = m + 1,
                        _ => spans.push((m, m + 1)),
                    }
                }
                d.cue = spans;
                d.mood = mood_of(ctx, sent.start, sent.end);
                drafts.push(d);
            }
            k = pe;
        }
    }
}

/// `Wie X mitteilte, …` / `…, wie X mitteilte.`: cue `Wie` + verb, speaker `X`, content the
/// rest of the sentence.
/// `Denn wie die „Bild“ berichtete, …`, `Doch wie die Polizei mitteilte, …`: a connective
/// before a sentence-opening `wie` clause.
fn opens_after_connective<K: TableKind>(ctx: &Ctx<'_, K>, k: usize, sent_start: usize) -> bool {
    k == sent_start + 1
        && matches!(
            ctx.s(sent_start),
            "Denn" | "Doch" | "Aber" | "Und" | "Jedoch" | "Allerdings"
        )
}

fn wie_frame<K: TableKind>(
    ctx: &Ctx<'_, K>,
    k: usize,
    sent_start: usize,
    sent_end: usize,
) -> Option<Draft> {
    // the verb closes the clause: the first cue followed by a comma or the sentence end
    let limit = sent_end.min(k + 25);
    let v = (k + 2..limit).find(|&j| {
        ctx.has_cue(j) && (j + 1 >= sent_end || matches!(ctx.s(j + 1), "," | "." | "!" | "?" | ";"))
    })?;
    // (`Wie schon die WHO sagte`, `Wie bereits der Sender berichtete`: an adverb first)
    let mut s0 = k + 1;
    while s0 + 1 < v && matches!(ctx.s(s0), "schon" | "bereits" | "auch" | "zuvor" | "später") {
        s0 += 1;
    }
    // (`Wie aus einer Verlautbarung der ISAF hervorgeht`, `wie vom Bundesgerichtshof
    // entschieden`: the source after its preposition; `Wie t-online.de berichtet`: a web
    // address; `Wie „heise online“ berichtet`, `Wie die „Aktion Deutschland hilft“ mitteilte`:
    // any short quote between `wie` and the verb is a name)
    // (`Wie es aus dem Kanzleramt hieß`, `wie es in einer Mitteilung hieß`: after an
    // impersonal `es` the source follows its preposition)
    let from = if s0 + 1 < v && matches!(ctx.s(s0), "aus" | "von" | "vom") {
        s0 + 1
    } else if s0 + 2 < v
        && ctx.s(s0) == "es"
        && matches!(
            ctx.s(s0 + 1),
            "aus" | "von" | "vom" | "in" | "im" | "bei" | "auf"
        )
    {
        s0 + 2
    } else {
        s0
    };
    let open = from + usize::from(ctx.has(from, super::toks::bits::DET));
    let quoted = ctx
        .quote_at(open)
        .map(|q| ctx.quotes[q])
        .filter(|q| q.open == open && q.close.is_some_and(|c| c < v && c <= open + 6));
    let sp = match quoted {
        // (`die „Bild“-Zeitung`: a compound joined to the closing mark belongs to the name)
        Some(q) => {
            let mut end = q.end;
            while end < v && !ctx.toks[end].space_before && ctx.s(end) != "," {
                end += 1;
            }
            Some(Np::span(from, end))
        }
        // (`wie es hieß`: the impersonal `es` names nobody)
        None => source_after(ctx, from, v).filter(|n| !(n.pronoun && ctx.lower(n.start) == "es")),
    };
    let mut cue = ctx.cue_at(v)?;
    cue.aux = None;
    let mut cue_spans = vec![(k, k + 1)];
    cue_spans.extend(cue.spans());
    let after = v + 1;
    let (quote, frame) = if k == sent_start || opens_after_connective(ctx, k, sent_start) {
        let end = content_end(ctx, after + 1, sent_end);
        (vec![(after + 1, end)], vec![(k, after + 1)])
    } else {
        let end = content_end(ctx, after, sent_end);
        let mut q = vec![(sent_start, k - 1)];
        if after < end && ctx.s(after) == "," {
            q.push((after + 1, end));
        }
        (q, vec![(k - 1, after)])
    };
    let quote: Vec<Range> = quote.into_iter().filter(|r| r.1 > r.0 + 1).collect();
    let first = quote.first()?.0;
    let last = quote.last()?.1;
    let mut d = draft(
        Kind::Indirect,
        quote,
        "indirect.wie",
        Some(&cue),
        sp,
        None,
        frame,
        0.8,
    );
    d.cue = cue_spans;
    d.mood = mood_of(ctx, first, last);
    Some(d)
}

//! A speech noun with its content clause: the noun (or whose it is) reports the content,
//! without a verb of saying. The nouns are `grammar/speech_nouns.tsv`.
//!
//! `Er trat dem Vorwurf der Verteidigung, das Gericht sei nicht legitim, entgegen.` ·
//! `Das Gericht folgte der Einschätzung, das Logo verletze die Regeln.` ·
//! `Unterstützung erhält der Vorschlag, die Flaggen zu wechseln.` · not: `der Vorschlag wurde
//! abgelehnt` (no content clause) · not: `die Sorge, die sie umtreibt` (a relative clause)

use super::indirect_complement::{Complement, complement_at, complement_end};
use super::np::Np;
use super::{Ctx, Draft, draft, mood_of};
use crate::claims::Kind;
use crate::rules::toks::TableKind;

/// Runs the rule.
pub(crate) fn apply<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut Vec<Draft>) {
    for sent in ctx.sents {
        for c in ctx.commas(sent.start + 1, sent.end.saturating_sub(2)) {
            if !ctx.outside_quotes(c, None) {
                continue;
            }
            // the noun stands right before the comma or before its complement there
            // (`dem Vorwurf der Verteidigung Saddam Husseins,`)
            let Some(n) = (c.saturating_sub(8).max(sent.start)..c)
                .rev()
                .find(|&k| ctx.has(k, super::toks::bits::SPEECH_NOUN) && ctx.w(k).is_upper())
            else {
                continue;
            };
            // (a verb closing the clause before the comma, `der Einschätzung gefolgt,`, was
            // measured on train: no gain)
            let phrase_end = c;
            // (a prepositional attribute too: `der Verdacht bei dem Franzosen in Réunion, …`,
            // `Anfragen an den Provider, …`)
            let between_is_phrase = (n + 1..phrase_end).all(|k| {
                let w = ctx.w(k);
                w.is_upper()
                    || ctx.has(k, super::toks::bits::DET)
                    || ctx.has(k, super::toks::bits::ADJ)
                    || ctx.has(k, super::toks::bits::PREP)
                    || matches!(ctx.s(k), "von" | "vom")
            });
            if !between_is_phrase {
                continue;
            }
            // only content clauses: Konjunktiv, a zu-infinitive or `dass`
            let Some(kind) = complement_at(ctx, c + 1, sent.end) else {
                continue;
            };
            if !matches!(kind, Complement::V2 | Complement::Zu | Complement::Dass) {
                continue;
            }
            let mut end = complement_end(ctx, c + 1, sent.end, kind);
            // `Die Vorwürfe, der Verein habe Spieler unter Druck gesetzt, überschatten die
            // Saison`: a noun phrase that opens the sentence is its subject, so the content
            // ends at the comma before the main clause's verb
            let mut opens = n;
            while opens > sent.start
                && (ctx.has(opens - 1, super::toks::bits::DET)
                    || ctx.has(opens - 1, super::toks::bits::ADJ))
            {
                opens -= 1;
            }
            // (after a focus adverb too: `Auch der Verdacht, …, bestätigte sich nicht`)
            if opens == sent.start + 1 && ctx.has(sent.start, super::toks::bits::ADVERB) {
                opens = sent.start;
            }
            if opens == sent.start
                && let Some(k) = (c + 2..end).find(|&k| {
                    // (a lower-case word that opens no clause or phrase of its own: the verb)
                    let opener = super::toks::bits::CONJ
                        | super::toks::bits::DET
                        | super::toks::bits::PRONOUN
                        | super::toks::bits::PREP;
                    ctx.s(k) == ","
                        && ctx.outside_quotes(k, None)
                        && k + 1 < end
                        && ctx.w(k + 1).is_lower()
                        && ctx.feats[k + 1].bits & opener == 0
                })
            {
                end = k;
            }
            if end <= c + 2 {
                continue;
            }
            // the speaker: whose claim it is (`der Verteidigung …`), else the noun's phrase
            let speaker = if n + 1 < phrase_end {
                let from = if matches!(ctx.s(n + 1), "von" | "vom") {
                    n + 2
                } else {
                    n + 1
                };
                ctx.np_at(from, phrase_end).filter(|p| p.end == phrase_end)
            } else {
                None
            };
            let speaker = speaker.or_else(|| {
                let mut start = n;
                while start > sent.start
                    && (ctx.has(start - 1, super::toks::bits::DET)
                        || ctx.has(start - 1, super::toks::bits::ADJ))
                {
                    start -= 1;
                }
                // `der Verdacht bei dem Urlauber`: a prepositional attribute stays with the noun
                let end = if n + 1 < phrase_end && ctx.has(n + 1, super::toks::bits::PREP) {
                    phrase_end
                } else {
                    n + 1
                };
                Some(Np::span(start, end))
            });
            let mut d = draft(
                Kind::Indirect,
                vec![(c + 1, end)],
                "indirect.nominal",
                None,
                speaker,
                None,
                Vec::new(),
                0.5,
            );
            d.mood = mood_of(ctx, c + 1, end);
            drafts.push(d);
        }
    }
}

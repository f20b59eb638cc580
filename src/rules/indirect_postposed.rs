//! Indirect speech with its frame after the content.
//!
//! `Die Lage sei ernst, sagte er.` · `Die Straße bleibe gesperrt, teilte die Polizei mit.`
//! `Eine Einigung sei nah, hieß es aus Regierungskreisen.` · `Die Lage ist unter Kontrolle, so Feld.`

use super::direct_postposed::word_cue;
use super::{Ctx, Draft, content_end, draft, mood_of};
use crate::claims::Kind;
use crate::grammar::{Form, NounType};
use crate::rules::toks::TableKind;

/// Runs the rule.
pub(crate) fn apply<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut Vec<Draft>) {
    for sent in ctx.sents {
        for c in ctx.commas(sent.start + 2, sent.end.saturating_sub(1)) {
            if !ctx.outside_quotes(c, None) {
                continue;
            }
            let k = c + 1;
            // the frame after the comma opens with `so`, `heißt es` or a word with a verb
            // reading (all else is passed over below): tested first, before the frame's end and
            // the content's start are worked out
            let s = ctx.s(k);
            if !(s == "so"
                || super::words::is_heisst(s) && k + 1 < ctx.toks.len() && ctx.s(k + 1) == "es"
                || !ctx.forms(k).is_empty()
                || is_haben(s))
            {
                continue;
            }
            let tail = ctx.frame_tail_end(k);
            // content: from the sentence start (after a colon) to the comma, no quote inside at its edge
            let mut from = sent.start;
            for j in (sent.start..c).rev() {
                if matches!(ctx.s(j), ":" | ";") {
                    from = j + 1;
                    break;
                }
            }
            // a quote that is the whole content is a direct one (`„…“, sagte er`)
            let whole_quote = ctx.quote_at(from).is_some_and(|q| ctx.quotes[q].end >= c);
            // `Nachdem X die Akten geprüft hatte, sagte er:` is a time clause, not content
            // (but `Als Kämpfer die Stadt einnahmen, töteten sie …, teilten die UN mit`: a main
            // clause after the time clause is content)
            // (after a focus adverb too: `Erst nachdem die Anwältin mitgeteilt hatte, dass …,
            // reagierte die Behörde`)
            let lead = if matches!(
                ctx.s(from),
                "Erst" | "Noch" | "Schon" | "Kurz" | "Gerade" | "Nur" | "Auch" | "Selbst"
            ) && from + 1 < c
            {
                from + 1
            } else {
                from
            };
            // (`Kaum hatte der Minister erklärt, dass …, forderte die Opposition …`: `kaum`
            // before the finite verb opens a time clause as well)
            let subordinate = ctx.s(from) == "Kaum" && ctx.has(from + 1, super::toks::bits::AUX)
                || ctx.has(lead, super::toks::bits::CONJ)
                    && !matches!(
                        ctx.s(lead).to_lowercase().as_str(),
                        "und" | "aber" | "doch" | "denn" | "dass" | "ob"
                    )
                    && !(from + 1..c).any(|j| ctx.s(j) == "," && ctx.looks_finite(j + 1));
            // `Auf die Frage, ob die Steuern steigen, antwortete die Kanzlerin: …`: the question
            // put to the speaker, not the speaker's words
            let question = ctx.s(from) == "Auf"
                && (from + 1..(from + 4).min(c))
                    .any(|j| matches!(ctx.s(j), "Frage" | "Fragen" | "Nachfrage"));
            if c <= from + 1 || whole_quote || subordinate || question {
                continue;
            }
            let (cue, sp) = if s == "so" {
                let Some(sp) = ctx.speaker_after(k + 1, tail).filter(|n| n.start == k + 1) else {
                    continue;
                };
                (word_cue(k, "so", None), Some(sp))
            } else if super::words::is_heisst(s) && k + 1 < ctx.toks.len() && ctx.s(k + 1) == "es" {
                // `hieß es (am Mittwoch) aus Regierungskreisen`
                let sp = (k + 2..tail)
                    .find(|&j| {
                        matches!(ctx.s(j), "aus" | "von" | "vom" | "seitens")
                            // `heißt es in einer Aussendung der Parteien`: the document right
                            // after `es` (a later `in` is a place: `hieß es am Montag in Wien`)
                            || j <= k + 3 && matches!(ctx.s(j), "in" | "im")
                    })
                    .and_then(|j| ctx.np_at(j + 1, tail))
                    // (after `in`, a document or medium: `im Phänomenbereich …` is none)
                    .filter(|n| {
                        !matches!(ctx.s(n.start - 1), "in" | "im")
                            || (n.start..n.end).any(|k| {
                                ctx.role(k).is_some_and(|r| {
                                    matches!(r.kind, NounType::Document | NounType::Media)
                                })
                            })
                    });
                (word_cue(k, "heißen", Some(k + 1)), sp)
            } else if let Some(cue) = ctx.cue_at(k).filter(|c| {
                matches!(c.form, Form::Present | Form::Preterite | Form::Konj1)
                    && (c.frames.v2 || c.frames.quote)
            }) {
                let sp = ctx.speaker_after(k + 1, tail);
                if sp.is_none() {
                    continue;
                }
                (cue, sp)
            } else if is_haben(s)
                && tail > k + 2
                && ctx
                    .forms(tail - 1)
                    .iter()
                    .any(|f| f.form == Form::Participle)
                && let Some(mut cue) = ctx
                    .cue_at(tail - 1)
                    .filter(|c| c.frames.v2 || c.frames.quote)
            {
                // `Es drohe ein Rüstungswettlauf, hatte Obama in Moskau gesagt`: the auxiliary
                // first, the subject after it, the participle closing the frame
                let Some(sp) = ctx
                    .speaker_after(k + 1, tail - 1)
                    .filter(|n| n.start == k + 1)
                else {
                    continue;
                };
                // (`erklärt` is a present form too: after the auxiliary it is the participle)
                cue.form = Form::Participle;
                cue.aux = Some(k);
                (cue, Some(sp))
            } else {
                continue;
            };
            // (`Es drohe ein Rüstungswettlauf, …`: a verb in -e after a pronoun or an article and
            // noun is Konjunktiv I too, though the grammar's list of forms lacks it)
            let content_mood = match mood_of(ctx, from, c) {
                crate::claims::Mood::Indicative
                    if super::indirect_complement::konjunktiv_after_subject(ctx, from, c) =>
                {
                    crate::claims::Mood::Subjunctive
                }
                m => m,
            };
            // an indicative main clause before `, sagte er` is narrative unless the cue is `so`
            // (or `hieß es`): it needs a verb of saying and a real source (`…, sagte Feld`);
            // `Japan, droht eine Rezession` is no report
            let strong = s == "so"
                || super::words::is_heisst(s)
                || (cue.frames.quote
                    && cue.frames.v2
                    && sp.is_some_and(|n| super::reported::is_source(ctx, &n)));
            if content_mood != crate::claims::Mood::Subjunctive
                && (!strong || !super::indirect_complement::has_verb(ctx, from, c))
            {
                continue;
            }
            let mut end = tail.max(sp.map(|n| n.end).unwrap_or(0));
            // `Der Präsident sei, so Gamkrelids, Schuld daran, dass …`: a frame set in between
            // two commas; the clause goes on after it (not a relative clause on the speaker,
            // `sagte Feld, der …`, nor a clause of the speaker's own, `sagte er, und verwies …`)
            let mut quote = vec![(from, c)];
            if content_mood == crate::claims::Mood::Subjunctive
                && let Some(n) = sp
                && n.end < sent.end
                && ctx.s(n.end) == ","
                && n.end + 1 < sent.end
                && ctx.outside_quotes(n.end, None)
            {
                let next = n.end + 1;
                let rest_end = content_end(ctx, next, sent.end);
                // (a lower-case word after the comma other than an adverb opens a clause of
                // its own: a relative, a conjunction, the sentence's own verb `…, so Bernanke,
                // bewirkte aber das Gegenteil`)
                // (a preposition continues it, `seien, sagte Feld, in einer entscheidenden
                // Phase`, unless a relative pronoun may follow: `…, in dem …`)
                let continuing_prep = ctx.has(next, super::toks::bits::PREP)
                    && next + 1 < sent.end
                    && !matches!(
                        ctx.s(next + 1),
                        "der" | "die" | "das" | "dem" | "den" | "denen" | "dessen" | "deren"
                    );
                // (`Das Problem sei, so der Präsident, dass …`, `…, so der Minister, man müsse
                // handeln`: a `dass` clause or a Konjunktiv clause with a pronoun subject goes
                // on with the report)
                let continuing_clause = (matches!(ctx.s(next), "dass" | "ob")
                    || matches!(ctx.s(next), "man" | "er" | "sie" | "es" | "wir")
                        && next + 1 < sent.end
                        && ctx.has(next + 1, super::toks::bits::KONJ1));
                let opens_own_clause = ctx.w(next).is_lower()
                    && !ctx.has(next, super::toks::bits::ADVERB)
                    && !continuing_prep
                    && !continuing_clause;
                // (`räumte der Chef, Tobias Renner, am Donnerstag ein`: the frame goes on to its
                // particle)
                let frame_goes_on = cue.particle.is_some_and(|p| p >= next)
                    // (`verlautbarte Peter Sharp, der Direktor der Reederei, in einer
                    // Pressemitteilung`: the comma closes the speaker's apposition, and what
                    // follows is the frame's)
                    || (n.start..n.end).any(|k| ctx.s(k) == ",");
                if !opens_own_clause && !frame_goes_on && rest_end > next + 1 {
                    quote.push((next, rest_end));
                    end = n.end;
                }
            }
            let addr = sp.and_then(|n| ctx.addressee_after(n.end, end));
            // (`…, hieß es aus Ermittlerkreisen`: the frame is sure whatever the mood, and holds
            // the `aus` an according-to reading would take for a cue of its own)
            let conf =
                if content_mood == crate::claims::Mood::Subjunctive || super::words::is_heisst(s) {
                    0.85
                } else {
                    0.7
                };
            let mut d = draft(
                Kind::Indirect,
                quote,
                "indirect.postposed",
                Some(&cue),
                sp,
                addr,
                vec![(c, end)],
                conf,
            );
            d.mood = content_mood;
            drafts.push(d);
        }
    }
}

/// A form of `haben`, the auxiliary of a postposed frame in the perfect (`…, hat der Minister
/// erklärt`); `wurde … gefunden` is a passive, no frame.
fn is_haben(s: &str) -> bool {
    matches!(
        s,
        "hat" | "hatte" | "habe" | "hätte" | "haben" | "hatten" | "hätten"
    )
}

//! Reported speech: a speech act summarised without its content clause.
//!
//! `Die Firma forderte eine schnellere Entscheidung.` · `Putin versprach ihm Hilfe.`
//! `Blinken forderte eine Erklärung.` · `Der Konzern sprach von einem Fehler.`
//! `Die Opposition kritisierte den Plan.` is a speech act too, but the corpus marks no claim for it
//! (grammar frame `A`): it is read here, resolves its speaker, and stays out of the output.
//! The corpus marks the whole sentence, speaker inside, without cue or frame.

use super::direct_preposed::{frame_cue, frame_of};
use super::np::Np;
use super::{Ctx, Draft, Range, draft};
use crate::claims::Kind;
use crate::grammar::Form;
use crate::rules::toks::TableKind;

/// Runs the rule on sentences no other claim touches.
pub(crate) fn apply<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut Vec<Draft>, covered: &[bool]) {
    let surname = |w: &str| ctx.known_surname(w);
    for sent in ctx.sents {
        if (sent.start..sent.end).any(|k| covered[k])
            || sent.end - sent.start < 4
            // (the speech act is a cue of the sentence)
            || !ctx.has_verb_reading(*sent)
        {
            continue;
        }
        let mut start = ctx.sentence_start(*sent);
        // `Die Gewerkschaften waren skeptisch: Der DGB forderte …`, `Arbeitswelt: Die SPD
        // fordert …`: after a colon a new clause opens, and the corpus marks the act from there
        if let Some(c) = (start + 1..sent.end.saturating_sub(4))
            .rev()
            .find(|&k| ctx.s(k) == ":" && ctx.outside_quotes(k, None) && ctx.w(k + 1).is_upper())
        {
            start = c + 1;
        }
        let Some(mut cue) = frame_cue(ctx, start, sent.end, None, None) else {
            continue;
        };
        // `Die Anwältin, die fast nur Frauen vertritt, forderte eine Untersuchung`: a verb in a
        // relative clause on the subject is that clause's; the main clause's verb follows it
        if let Some(r) = (start + 1..cue.verb).rev().find(|&k| {
            ctx.s(k - 1) == "," && matches!(ctx.s(k), "der" | "die" | "das" | "welche" | "welcher")
        }) && (r..cue.verb).all(|k| ctx.s(k) != ",")
            && let Some(close) = (cue.verb..sent.end).find(|&k| ctx.s(k) == ",")
            && close == cue.particle.unwrap_or(cue.verb) + 1
            && let Some(next) = frame_cue(ctx, close + 1, sent.end, None, None)
            && next.verb == close + 1
        {
            cue = next;
        }
        // a verb that is no speech act with an object alone (`sagen`, most of them) is passed
        // over below whatever its subject: asked before the subject search (the frames are the
        // verb's, which `frame_of` keeps)
        if !(cue.frames.reported || cue.frames.act) {
            continue;
        }
        let (cue, sp, _) = frame_of(ctx, start, sent.end, None, None, cue);
        // `Von einem schweren Fehler sprach der Minister`, `Mit einer Klage drohte der Konzern`,
        // `Unterstützung sagte die Bundesregierung zu`: a prepositional phrase or a bare noun
        // first, the verb second and a source right after it: that source is the subject
        let fronted = matches!(cue.form, Form::Present | Form::Preterite)
            && (start + 1..cue.verb).all(|k| ctx.s(k) != "," && ctx.outside_quotes(k, None))
            && (ctx.has(start, super::toks::bits::PREP)
                || sp.is_some_and(|n| {
                    n.start == start
                        && n.end <= cue.verb
                        && !n.pronoun
                        && !n.has_det
                        && ctx.capital(n.start, n.end).is_none()
                        && (n.start..n.end).all(|k| {
                            !ctx.has(k, super::toks::bits::NAME)
                                && !ctx.known_surname(ctx.s(k))
                                && ctx.role(k).is_none()
                        })
                }));
        let sp = if fronted {
            ctx.speaker_after(cue.verb + 1, sent.end)
                // (the phrase's own noun a source, not a genitive in it: `wies die Äußerungen
                // des Außenministers zurück`)
                .filter(|n| {
                    let own = (n.start + 1..n.end)
                        .find(|&k| matches!(ctx.s(k), "des" | "der" | "von" | "vom" | ","))
                        .unwrap_or(n.end);
                    n.start == cue.verb + 1 && is_source(ctx, &Np { end: own, ..*n })
                })
                // (`sprach Angela Merkel von der Möglichkeit …`: not the verb's own `von`)
                .map(|mut n| {
                    if let Some(e) = (n.start + 1..n.end).find(|&k| cue.prep == Some(k)) {
                        n.end = e;
                    }
                    n
                })
                .or(sp)
        } else {
            sp
        };
        let Some(mut sp) = sp else { continue };
        // `Die Tat bezeichnete er als sinnlos`, `Eine Verschiebung des Wahltermins bezeichnete
        // Conze als fatal`: an object first, the subject after the verb; taken when the phrase
        // before the verb is a plain common noun phrase (an article, lower-case words and nouns
        // that are no name) and the one right after it is a source
        if matches!(cue.form, Form::Present | Form::Preterite)
            && sp.end <= cue.verb
            && !sp.pronoun
            && sp.has_det
            && !is_source(ctx, &sp)
            && (sp.start..sp.end).all(|k| {
                ctx.has(k, super::toks::bits::DET)
                    || ctx.w(k).is_lower()
                    || ctx.s(k).chars().nth(1).is_some_and(char::is_lowercase)
                        && !ctx.has(k, super::toks::bits::NAME)
                        && !ctx.known_surname(ctx.s(k))
            })
            && let Some(after) = ctx
                .speaker_after(cue.verb + 1, sent.end)
                .filter(|n| n.start == cue.verb + 1 && is_source(ctx, n))
        {
            sp = after;
        }
        // `Seinen Ausstieg hatte Delmare im Oktober angekündigt`: an article or possessive that
        // is never nominative opens the object, the subject follows the finite verb
        let finite = if cue.form == Form::Participle {
            cue.aux.unwrap_or(cue.verb)
        } else {
            cue.verb
        };
        if sp.end <= finite
            && sp.start == start
            && matches!(
                ctx.s(sp.start),
                "Den"
                    | "Dem"
                    | "Einen"
                    | "Einem"
                    | "Seinen"
                    | "Seinem"
                    | "Ihren"
                    | "Ihrem"
                    | "Unseren"
                    | "Unserem"
                    | "Diesen"
                    | "Diesem"
            )
            && let Some(after) = ctx
                .speaker_after(finite + 1, sent.end)
                .filter(|n| n.start == finite + 1)
        {
            sp = after;
        }
        // a passive (`wurde von den Behörden nicht genannt`) or a negated act reports nothing;
        // the subject must be someone: a person or institution by role, a name, `er`/`sie`
        // (`muss noch … bestätigt werden`: a participle before `werden` after a modal too)
        let passive = ctx.is_passive(&cue)
            || cue.form == Form::Participle
                && cue.verb + 1 < sent.end
                && matches!(ctx.s(cue.verb + 1), "werden" | "worden");
        // (`gab die Flugsicherung nicht bekannt`: the negation may follow the subject)
        // (`hat … bislang nicht berichtet`: between the auxiliary and the participle)
        let negated = cue.verb + 1 < sent.end
            && (cue.verb + 1..cue.particle.unwrap_or(cue.verb + 2).min(sent.end))
                .chain(cue.aux.map_or(0..0, |a| a + 1..cue.verb))
                .any(|k| matches!(ctx.s(k), "nicht" | "nie" | "niemals"));
        // `In Brand geraten war …`: a participle without its auxiliary is no speech act
        let bare_participle = cue.form == Form::Participle && cue.aux.is_none();
        // `Ihr wird von den Behörden Spionage vorgeworfen`: a passive names its agent with `von`
        let agent = passive
            && sp.start > 0
            && matches!(ctx.s(sp.start - 1), "von" | "vom" | "Von" | "Vom")
            // `konnten nicht von den Einsatzkräften bestätigt werden` reports nothing
            && !(start..sent.end).any(|k| matches!(ctx.s(k), "nicht" | "nie" | "niemals"));
        let someone = (!passive || agent)
            && !negated
            && !bare_participle
            && if sp.pronoun {
                is_source(ctx, &sp)
            } else {
                sp.has_det
                    || is_source(ctx, &sp)
                    || sp.end - sp.start >= 2
                    || surname(ctx.s(sp.start))
            };
        // `sprachen mit ihren Angehörigen` is talk, `sprach von einem Fehler` a report
        // `drohte mit einer Klage` threatens; `droht auseinanderzubrechen` is no speech
        // (`Mit einer Klage drohte der Konzern`: the `mit` phrase may come first)
        let threat_without_mit = &*cue.lemma == "drohen"
            && !(cue.verb..sent.end).any(|k| ctx.s(k) == "mit")
            && ctx.s(start) != "Mit";
        // `Die Polizei geht von Suizid aus` reports an assessment; `die Lichter gingen aus`
        // and `Ausgehend von …` do not
        let assessment_without_von = &*cue.lemma == "ausgehen"
            && (!(cue.verb..sent.end).any(|k| matches!(ctx.s(k), "von" | "davon"))
                || !matches!(cue.form, Form::Present | Form::Preterite));
        // `Das Erdbeben forderte 9.000 Menschenleben`: lives claimed, nothing demanded (the
        // object may come first: `Mindestens 9.000 Menschenleben forderte ein Erdbeben`)
        let casualties = &*cue.lemma == "fordern"
            && (sent.start..sent.end).any(|k| {
                let w = ctx.lower(k);
                w.ends_with("opfer")
                    || w.ends_with("tote")
                    || w.ends_with("toten")
                    || w.ends_with("leben")
                    || w.ends_with("verletzte")
            });
        // `Anfang Februar …`: a date is no speaker
        let date = matches!(ctx.s(sp.start), "Anfang" | "Ende" | "Mitte") && sp.end == sp.start + 2;
        // `Die nächste Bewährungsprobe …, ist die Wahl im Juni, bei der die PVV ihre Kandidatur
        // angekündigt hat`, `…, da sie bestätigt wurde`: a verb inside a subordinate clause
        // belongs to that clause's subject, not to the phrase that opens the sentence
        let subordinate_verb = sp.end <= cue.verb
            && (sp.end..cue.verb).any(|k| {
                ctx.s(k) == ","
                    && k + 2 < cue.verb
                    && (matches!(
                        ctx.lower(k + 1),
                        "da" | "weil"
                            | "dass"
                            | "ob"
                            | "wenn"
                            | "als"
                            | "nachdem"
                            | "obwohl"
                            | "während"
                            | "damit"
                            | "sodass"
                            | "bevor"
                            | "wo"
                    ) || ctx.has(k + 1, super::toks::bits::PREP)
                        && matches!(
                            ctx.s(k + 2),
                            "der" | "die" | "das" | "dem" | "den" | "denen" | "dessen" | "deren"
                        ))
            });
        // `verurteilte ihn ein Gericht zu einer Haft`: a sentence, not a condemnation
        let sentencing =
            &*cue.lemma == "verurteilen" && (cue.verb..sent.end).any(|k| ctx.s(k) == "zu");
        // `Die Regierung sieht die Entscheidung als Beweis ihrer Stärke`, `sieht darin
        // Parallelen`: an assessment only with its `als`/`darin` (`sah den Unfall` is no act)
        // `meldete er sich bei seinem Bruder`: getting in touch, no report
        let in_touch = &*cue.lemma == "melden"
            && (cue.verb + 1..(cue.verb + 4).min(sent.end)).any(|k| ctx.s(k) == "sich");
        // `Dann nennt sie sich „documenta 12“`: a name taken, nothing said
        let named_itself = &*cue.lemma == "nennen"
            && (cue.verb + 1..(cue.verb + 4).min(sent.end)).any(|k| ctx.s(k) == "sich");
        let bare_assessment = &*cue.lemma == "sehen"
            && !(cue.verb..sent.end).any(|k| {
                // (`sahen die erste Chance, als der Stürmer …`: `als` after a comma opens a
                // clause of time)
                matches!(ctx.s(k), "als" | "darin") && ctx.s(k - 1) != ","
                    // `Die GdF sieht in der Maßnahme eine Reduzierung`: `in` right after the
                    // verb names what is judged (`sahen eine Halbzeit, in der` does not)
                    || ctx.s(k) == "in"
                        && k > cue.verb
                        && k <= cue.verb + 3
                        && matches!(ctx.s(k + 1), "der" | "dem" | "diesem" | "dieser")
            });
        let talk = bare_assessment
            || named_itself
            || in_touch
            || threat_without_mit
            || assessment_without_von
            || casualties
            || date
            || subordinate_verb
            || sentencing
            || &*cue.lemma == "sprechen"
                && cue.prep.is_none()
                && !(cue.verb..sent.end).any(|k| ctx.s(k) == "über")
                // (`Von einem Fehler sprach der Minister`: the `von` phrase first)
                && !matches!(ctx.s(start), "Von" | "Über");
        if !(cue.frames.reported || cue.frames.act) || !someone || talk {
            continue;
        }
        if matches!(cue.form, Form::Infinitive) {
            continue;
        }
        // `ICANN-Chef Twomey hat den Vorwurf zurückgewiesen, da er jeder Grundlage entbehre`:
        // a reason in Konjunktiv after the act is what the speaker gave as the reason, and the
        // corpus marks that clause as the claim, not the act
        let konj = super::toks::bits::KONJ1 | super::toks::bits::KONJ2;
        if let Some(c) = (cue.verb + 1..sent.end).find(|&k| {
            ctx.s(k) == ","
                && k + 2 < sent.end
                && matches!(ctx.s(k + 1), "da" | "weil")
                && ctx.outside_quotes(k, None)
        }) {
            let end = super::content_end(ctx, c + 1, sent.end);
            if (c + 2..end).any(|k| {
                ctx.outside_quotes(k, None)
                    && (ctx.has(k, super::toks::bits::KONJ1)
                        || ctx.feats[k].bits & konj != 0
                            && ctx.forms(k).is_empty()
                            && !ctx.has(k, super::toks::bits::PRETERITE_LIKE))
            }) {
                let mut r = draft(
                    Kind::Indirect,
                    vec![(c + 1, end)],
                    "indirect.reason",
                    Some(&cue),
                    Some(sp),
                    None,
                    vec![(start, c)],
                    0.6,
                );
                r.mood = crate::claims::Mood::Subjunctive;
                drafts.push(r);
                continue;
            }
        }
        // `Er wirft dem Künstler Betriebsblindheit vor und beanstandet die Förderung …`: a
        // second speech verb coordinated after the first is an act of its own, so the claim
        // ends before it (the second act as a claim too measured lower on both splits)
        let second = (cue.verb + 2..sent.end.saturating_sub(2)).find(|&k| {
            ctx.s(k) == "und"
                && ctx.outside_quotes(k, None)
                && ctx.w(k + 1).is_lower()
                && ctx.cue_at(k + 1).is_some_and(|c| {
                    (c.frames.reported || c.frames.act)
                        && matches!(c.form, Form::Present | Form::Preterite)
                })
        });
        let mut d = reported_draft((start, second.unwrap_or(sent.end)), sp);
        // `verurteilte den Anschlag als barbarische Tat`: the act with an `als` judgement in
        // its clause says something, and the corpus marks it (train: 4 more claims, 3 right)
        // (`als ob` compares, it judges nothing)
        // (`als` may be the text's last word, with nothing after it)
        let als =
            |k: usize| ctx.s(k) == "als" && (k + 1 >= ctx.toks.len() || ctx.lower(k + 1) != "ob");
        let judged = (cue.verb + 1..sent.end)
            .take_while(|&k| ctx.s(k) != ",")
            .any(als)
            // (`Von der Opposition wurde der Besuch als unangemessen kritisiert`: in a passive
            // the judgement stands before the participle)
            || passive
                && (start + 1..cue.verb)
                    .rev()
                    .take_while(|&k| ctx.s(k) != ",")
                    .any(als);
        d.silent = !cue.frames.reported && !judged;
        drafts.push(d);
    }
}

/// A reported speech act: the clause is the claim, it has no cue or frame of its own.
pub(crate) fn reported_draft(clause: Range, speaker: Np) -> Draft {
    draft(
        Kind::Reported,
        vec![clause],
        "reported",
        None,
        Some(speaker),
        None,
        Vec::new(),
        0.5,
    )
}

/// A phrase that can be the source of a speech act: a person or institution by role, a known
/// first name, or a personal pronoun — not any capitalised noun (`Die Ausstellung`).
pub(crate) fn is_source<K: TableKind>(ctx: &Ctx<'_, K>, sp: &super::np::Np) -> bool {
    if sp.pronoun {
        return matches!(ctx.lower(sp.start), "er" | "sie" | "wir" | "ich" | "beide");
    }
    // `Peking wies die Äußerungen zurück`: a capital speaks for its government, but after a
    // preposition it is a place (`In Berlin sagte der Minister …`, `der Zug aus Moskau`);
    // `von` names a passive's agent, who speaks (`wurden von Peking zurückgewiesen`)
    if ctx.capital(sp.start, sp.end).is_some() && !after_place_preposition(ctx, sp.start) {
        return true;
    }
    // `teilte der USGS mit`: an acronym after an article names an institution
    if sp.has_det && sp.start + 1 < sp.end && {
        let a = ctx.s(sp.start + 1);
        a.len() >= 2 && a.len() <= 6 && a.chars().all(|c| c.is_ascii_uppercase())
    } {
        return true;
    }
    (sp.start..sp.end).any(|k| {
        let s = ctx.s(k);
        ctx.has(k, super::toks::bits::NAME)
            || ctx
                .lex
                .role(s)
                .is_some_and(|r| r.kind != crate::grammar::NounType::Document)
    })
}

/// Does a preposition other than the agent's `von` govern the phrase at `start` (`in Berlin`,
/// `aus Moskau`, `nach Peking`)?
fn after_place_preposition<K: TableKind>(ctx: &Ctx<'_, K>, start: usize) -> bool {
    start > 0
        && ctx.has(start - 1, super::toks::bits::PREP)
        && !matches!(ctx.lower(start - 1), "von" | "vom")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::toks::PerToken;

    /// [`is_source`] of the one-word phrase `word` (its first occurrence) in `text`.
    fn source_in(text: &str, word: &str) -> bool {
        let lex = crate::grammar::Lexicon::builtin();
        let toks = crate::text::tokenize(text);
        let sents = crate::text::sentences(text, &toks, lex);
        let (feats, lower) = crate::rules::toks::features(text, &toks, lex);
        let ctx = Ctx::<PerToken>::new(text, &toks, &sents, &[], lex, &feats, &lower);
        let at = (0..toks.len())
            .find(|&k| ctx.s(k) == word)
            .expect("the word is in the text");
        is_source(&ctx, &Np::span(at, at + 1))
    }

    /// A capital of `grammar/capitals.tsv` is a source where it can be a subject or a passive's
    /// agent, and a place after any other preposition.
    #[test]
    fn a_capital_is_a_source_but_not_after_a_place_preposition() {
        assert!(source_in("Moskau erklärte, man werde reagieren.", "Moskau"));
        assert!(source_in(
            "Die Vorwürfe wurden von Peking zurückgewiesen.",
            "Peking"
        ));
        assert!(!source_in(
            "Der Zug aus Moskau erreichte Berlin am Abend.",
            "Moskau"
        ));
        assert!(!source_in("In Berlin sagte der Minister nichts.", "Berlin"));
        assert!(!source_in("Die Delegation reiste nach Kiew.", "Kiew"));
        // (a place that is no capital is no source anywhere)
        assert!(!source_in(
            "Lüneburg erklärte, man werde reagieren.",
            "Lüneburg"
        ));
    }
}

//! Indirect speech as the complement clause of a speech verb, frame first.
//!
//! `Er sagte, er sei enttäuscht.` · `Die Ministerin erklärte, dass die Schulen öffnen.`
//! `Feld wies darauf hin, dass die Frist endet.` · `Die Abgeordnete fragte, ob …`
//! `Die Polizei forderte die Anwohner auf, die Fenster geschlossen zu halten.`

use super::direct_preposed::frame_in;
use super::{Ctx, Draft, Range, content_end, draft, mood_of};
use crate::claims::Kind;
use crate::rules::toks::TableKind;
use crate::text::TokKind;

/// What kind of complement clause starts at a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Complement {
    /// `dass …`, `weil …`
    Dass,
    /// `ob …`, `wann …`, `wie …`
    Question,
    /// A main clause with a Konjunktiv verb: `er sei …`
    V2,
    /// A zu-infinitive: `… zu senken`, `… einzuführen`
    Zu,
    /// A main clause without a Konjunktiv form (`er resultiere`, indicative `die Lage ist ernst`):
    /// reported content only right after a verb of saying.
    V2Plain,
}

/// Does a main clause start at `k` — a subject, not a relative pronoun, conjunction or adverbial?
fn starts_main_clause<K: TableKind>(ctx: &Ctx<'_, K>, k: usize) -> bool {
    let low = ctx.lower(k);
    if super::words::is_conj_lower(low)
        || matches!(
            low,
            "welche"
                | "welcher"
                | "welches"
                | "wobei"
                | "womit"
                | "worauf"
                | "um"
                | "ohne"
                | "falls"
                | "sofern"
                | "so"
                | "zumal"
        )
    {
        return false;
    }
    if matches!(
        low,
        "er" | "sie" | "es" | "man" | "wir" | "ich" | "dies" | "das" | "diese" | "dieser"
    ) {
        return true;
    }
    // `der/die/das` + noun: a subject; `der/die/das` + verb: a relative clause
    // (`sagte Feld, der die Firma leitet`: an article or pronoun right after `der` makes it
    // the relative pronoun)
    if super::words::is_det_lower(low) {
        use super::toks::bits;
        return k + 1 < ctx.toks.len()
            && ctx.feats[k + 1].bits & (bits::DET | bits::PRONOUN | bits::PREP) == 0
            && (k + 1..k + 4).any(|j| j < ctx.toks.len() && ctx.w(j).is_upper());
    }
    ctx.w(k).is_upper()
}

/// Separable prefixes before an infix `zu` (`einzuführen`, `aufzuheben`).
const ZU_PREFIXES: &[&str] = &[
    "anzu",
    "aufzu",
    "einzu",
    "auszu",
    "vorzu",
    "abzu",
    "mitzu",
    "beizu",
    "fortzu",
    "festzu",
    "herzu",
    "zurückzu",
    "umzu",
    "nachzu",
    "hinzu",
    "durchzu",
    "zuzu",
    "weiterzu",
    "freizu",
    "offenzu",
    "bereitzu",
    "stattzu",
    "niederzu",
    "wegzu",
    "loszu",
    "vorbeizu",
    "hinauszu",
    "herbeizu",
    "entgegenzu",
    "teilzu",
    "kundzu",
    "preiszu",
    "hochzu",
    "bekanntzu",
    "wiederzu",
    "herauszu",
    "heranzu",
    "hervorzu",
    "zusammenzu",
    "darzu",
    "fernzu",
    "voranzu",
    "sicherzu",
    "klarzu",
    "richtigzu",
    "übereinzu",
    "aufrechtzu",
    "wahrzu",
    "stillzu",
    "lahmzu",
    "gutzu",
    "kennenzu",
    "gleichzu",
    "gegenzu",
    "herabzu",
    "hinwegzu",
    "herunterzu",
    "hinaufzu",
    "zurechtzu",
    "gegenüberzu",
    "davonzu",
    "instandzu",
];

/// Reads the clause at `k` (up to `end`) as a complement, if it is one.
pub(crate) fn complement_at<K: TableKind>(
    ctx: &Ctx<'_, K>,
    k: usize,
    end: usize,
) -> Option<Complement> {
    if k >= end {
        return None;
    }
    match ctx.lower(k) {
        "dass" | "weil" => return Some(Complement::Dass),
        "ob" | "wann" | "warum" | "wie" | "wo" | "was" | "wer" | "weshalb" | "wieso" | "welche"
        | "welcher" | "inwiefern" | "wieviel" | "wieviele" => return Some(Complement::Question),
        // `ohne auf einen Vorfall zu verweisen`, `um … zu`: an adverbial infinitive, no content
        // (`…, und manche Kollegen hätten …`: a coordinated clause neither)
        "ohne" | "um" | "statt" | "anstatt" | "und" | "oder" | "aber" | "sondern" => return None,
        _ => {}
    }
    // the clause's own words, up to its next comma
    let clause_end = (k..end).find(|&j| ctx.s(j) == ",").unwrap_or(end);
    // `…, die sich einen Tag später ereignen sollten`, `…, das die Rechtsgrundlage schaffen
    // soll`: `der/die/das` before an article, pronoun or preposition is a relative pronoun,
    // and a relative clause without Konjunktiv I is no content (`sollten` is as often a
    // preterite)
    if super::words::is_det_lower(ctx.lower(k))
        && ctx.w(k).is_lower()
        && k + 1 < clause_end
        && (ctx.feats[k + 1].bits & (super::toks::bits::DET | super::toks::bits::PRONOUN) != 0
            || matches!(ctx.s(k + 1), "sich" | "ihr" | "ihn" | "uns"))
        && !(k + 1..clause_end).any(|j| ctx.has(j, super::toks::bits::KONJ1))
    {
        return None;
    }
    // a Konjunktiv verb in second position makes a V2 clause even with a zu-infinitive
    // inside (`er habe nicht versucht zu fliehen`)
    if (k + 1..clause_end)
        .take(2)
        .any(|j| ctx.has(j, super::toks::bits::KONJ1))
        || konjunktiv_after_subject(ctx, k, clause_end)
    {
        return Some(Complement::V2);
    }
    // a zu-infinitive closes its clause (`… ignoriert zu haben`, `… einzurichten`)
    // (its last two words, lower-cased, read from the feature table)
    let n = clause_end - k;
    let last = (n >= 1).then(|| ctx.lower(clause_end - 1));
    let infinitive = |w: &str| {
        w.ends_with("en") || w.ends_with("ern") || w.ends_with("eln") || w == "sein" || w == "tun"
    };
    let zu_before_last =
        n >= 2 && ctx.lower(clause_end - 2) == "zu" && last.is_some_and(infinitive);
    let infix = last.is_some_and(|w| {
        w.ends_with("en")
            && ZU_PREFIXES
                .iter()
                .any(|p| w.starts_with(p) && w.len() > p.len() + 3)
    });
    if zu_before_last || infix {
        return Some(Complement::Zu);
    }
    // (the verb may stand behind a long fronted phrase: `in der Ortschaft Pinotepe an der
    // Grenze zwischen den beiden Bundesstaaten seien …`; 14 words measured better than 8 or 20)
    if (k..clause_end)
        .take(14)
        .any(|j| ctx.feats[j].bits & (super::toks::bits::KONJ1 | super::toks::bits::KONJ2) != 0)
    {
        return Some(Complement::V2);
    }
    let verbish = has_verb(ctx, k, clause_end);
    // `…, das Extremisten-Websites begutachtet`: an article-like word whose clause puts its
    // first verb last is a relative pronoun (a main clause has its verb second)
    let verb_last = super::words::is_det_lower(ctx.lower(k))
        && ctx.w(k).is_lower()
        && (k + 1..clause_end).find(|&j| has_verb(ctx, j, j + 1)) == Some(clause_end - 1);
    (n >= 2 && verbish && !verb_last && starts_main_clause(ctx, k)).then_some(Complement::V2Plain)
}

/// `er gehöre keiner Partei an`, `die Aktion erinnere an …`: a pronoun subject, or an article
/// and a singular noun, and a verb in -e right after it. grammar/subjunctive.tsv lists the
/// frequent Konjunktiv I forms; any other verb shows its mood only by the ending, which after a
/// third-person singular subject in second position is -e for Konjunktiv I and -t for the
/// indicative (a preterite in -te is no Konjunktiv I).
pub(crate) fn konjunktiv_after_subject<K: TableKind>(
    ctx: &Ctx<'_, K>,
    k: usize,
    clause_end: usize,
) -> bool {
    use super::toks::bits;
    // (or after an article and its noun: `die Aktion erinnere fatal an …`)
    let v = if matches!(ctx.lower(k), "er" | "sie" | "es" | "man") {
        k + 1
    } else if matches!(ctx.lower(k), "der" | "die" | "das")
        && k + 1 < clause_end
        && ctx.w(k + 1).is_upper()
        && ctx.role(k + 1).is_none_or(|r| !r.plural)
    {
        k + 2
    } else if ctx.w(k).is_upper()
        && !ctx.has(k, bits::DET)
        && k + 2 < clause_end
        && !ctx.w(k + 2).is_upper()
    {
        // `…, China übertreibe die Gefahr`, `…, dies gelte auch für …`: a name or a
        // demonstrative and the verb
        k + 1
    } else {
        return false;
    };
    if v >= clause_end {
        return false;
    }
    ctx.lower(v).len() > 3 && ctx.ends_like_konj1(v)
}

/// A conjunction that opens a subordinate clause standing before the main clause (`Nachdem
/// …, hatte dieser …`): content inside it ends before the main clause, which has a subject of
/// its own.
fn opens_fronted_clause(word: &str) -> bool {
    matches!(
        word,
        "nachdem"
            | "als"
            | "weil"
            | "da"
            | "wenn"
            | "obwohl"
            | "während"
            | "bevor"
            | "seit"
            | "sobald"
            // (`Kaum hatte der Minister erklärt, dass …, forderte …`)
            | "kaum"
    )
}

/// Where complement content ends: at the sentence end, or before a coordinated clause with a
/// verb of its own (`…, und kritisierte …`); a zu-infinitive ends at its clause.
pub(crate) fn complement_end<K: TableKind>(
    ctx: &Ctx<'_, K>,
    start: usize,
    sent_end: usize,
    kind: Complement,
) -> usize {
    let end = content_end(ctx, start, sent_end);
    for k in start + 1..end {
        if !ctx.outside_quotes(k, None) {
            continue;
        }
        let s = ctx.s(k);
        if kind == Complement::Zu
            && s == ","
            && !matches!(ctx.s(k + 1), "um" | "ohne" | "anstatt" | "statt")
            // `angekündigt, den Notstand auszurufen, wenn sich die Lage nicht bessert`, `…
            // auszusetzen, bis der Präsident abgetreten sei`: a condition or limit on the
            // infinitive belongs to what was announced
            && !matches!(ctx.s(k + 1), "wenn" | "falls" | "sofern" | "bis")
            // (so does a reason, purpose or time on it: `… zurückzunehmen, da es den
            // Grundrechten zuwiderliefe`, `… zu öffnen, damit Hilfslieferungen …`, `zu prüfen,
            // ob …`)
            && !matches!(
                ctx.s(k + 1),
                "da" | "damit" | "als" | "ob" | "sodass" | "nachdem"
            )
            // `… einzusetzen, der den amtierenden Ministerpräsidenten … ablöst`, `… zu
            // beteiligen, weil die UN-Mission überfordert ist`: a relative or causal clause on
            // the infinitive's words is part of what was said
            && (!matches!(
                ctx.s(k + 1),
                "der" | "die" | "das" | "welche" | "welcher" | "welches" | "wo" | "weil"
            ) || ctx.w(k + 2).is_upper())
        {
            return k;
        }
        // `…, es sei schwierig, …, was er auf die Polizeipräsenz zurückführt`: a relative
        // clause on the whole report, its subject the speaker and its verb indicative, is the
        // writer's, not the speaker's
        if s == ","
            && k + 2 < end
            && matches!(ctx.lower(k + 1), "was" | "wobei" | "womit" | "worauf")
            && matches!(ctx.lower(k + 2), "er" | "sie")
            // (after a speech verb the clause is its object: `…, dass der Norden nicht meint,
            // was er sagt`)
            && !ctx.has_cue(k - 1)
        {
            let clause_end = (k + 1..end).find(|&j| ctx.s(j) == ",").unwrap_or(end);
            if !(k + 1..clause_end).any(|j| {
                ctx.feats[j].bits & (super::toks::bits::KONJ1 | super::toks::bits::KONJ2) != 0
            }) {
                return k;
            }
        }
        // `…, es sei schwierig, …, was er darauf zurückführt, bestritt jedoch nicht …`: a finite
        // speech verb right after a comma opens the speaker's next main clause
        if s == ","
            && k + 1 < end
            && ctx.w(k + 1).is_lower()
            && ctx.forms(k + 1).iter().all(|f| {
                matches!(
                    f.form,
                    crate::grammar::Form::Present | crate::grammar::Form::Preterite
                )
            })
            && ctx.has_cue(k + 1)
        {
            return k;
        }
        // `Annabi sei tot, doch der Sprecher erklärte, …`: a subject and a finite speech verb
        // right before a comma open another speaker's frame, which ends this content
        if s == "," && k + 3 < end {
            let mut j = k + 1;
            if matches!(
                ctx.lower(j),
                "doch" | "aber" | "jedoch" | "und" | "sondern" | "während"
            ) {
                j += 1;
            }
            if let Some(n) = ctx.np_at(j, end)
                && n.end + 1 < end
                && ctx.s(n.end + 1) == ","
                && ctx.w(n.end).is_lower()
                && ctx.cue_at(n.end).is_some_and(|c| {
                    matches!(
                        c.form,
                        crate::grammar::Form::Present | crate::grammar::Form::Preterite
                    )
                })
            {
                return k;
            }
            // `…, jedoch stets beteuert, …`: the frame's participle coordinated after its first
            // content (the auxiliary and subject are the frame's)
            if j > k + 1 {
                while j < end && ctx.has(j, super::toks::bits::ADVERB) {
                    j += 1;
                }
                if j + 1 < end
                    && ctx.s(j + 1) == ","
                    && ctx.w(j).is_lower()
                    && ctx
                        .forms(j)
                        .iter()
                        .any(|f| f.form == crate::grammar::Form::Participle)
                    && ctx.cue_at(j).is_some()
                {
                    return k;
                }
            }
        }
        // `Der Minister warnte, die Lage sei ernst: „Wir müssen handeln“, sagte er`: a colon
        // before a quote ends the content; the quote is a claim of its own
        if s == ":"
            && ctx
                .quote_at(k + 1)
                .is_some_and(|q| ctx.quotes[q].open == k + 1)
        {
            return k;
        }
        if s == "und" && k + 1 < end {
            let next = ctx.w(k + 1);
            // (`…, sie müssten ihre Zurückhaltung aufgeben und bemühte hier das Bild …`: a
            // verb in -te after `und`, no noun after it, is the speaker's next preterite, which
            // the lexicon need not know)
            let preterite = next.is_lower()
                && k + 2 < end
                && ctx.s(k + 1).len() > 4
                && ctx.s(k + 1).ends_with("te")
                && !ctx.has(k + 1, super::toks::bits::ADVERB)
                && !ctx.has(k + 1, super::toks::bits::KONJ1)
                && ctx.toks[k + 2].kind == TokKind::Word
                && !ctx.w(k + 2).is_upper();
            if preterite
                || next.is_lower()
                    && ctx
                        .forms(k + 1)
                        .iter()
                        .any(|f| f.form != crate::grammar::Form::Infinitive)
            {
                return if ctx.s(k - 1) == "," { k - 1 } else { k };
            }
        }
    }
    end
}

/// Runs the rule: for every comma, the closest speech verb before it and a complement after it.
pub(crate) fn apply<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut Vec<Draft>) {
    for sent in ctx.sents {
        // every claim below needs a cue before a comma of the sentence
        if !ctx.has_verb_reading(*sent) {
            continue;
        }
        let mut c = sent.start + 1;
        while c < sent.end {
            // (only a comma or a colon opens content: the words between are passed over)
            let Some(next) = ctx
                .feats
                .position(c, sent.end, |_, f| f.word == "," || f.word == ":")
            else {
                break;
            };
            c = next;
            // (a colon too, before reported content: `Der Minister sagte: Es gebe keine
            // Alternative.`; before a quotation mark the direct rules read it)
            let colon = ctx.s(c) == ":" && c + 1 < sent.end && ctx.quote_at(c + 1).is_none();
            if (ctx.s(c) != "," && !colon) || !ctx.outside_quotes(c, None) {
                c += 1;
                continue;
            }
            // the closest cue whose clause ends at this comma
            let lo = c.saturating_sub(15).max(sent.start);
            // (a word without a verb reading is no cue: tested before the quotes)
            let cue = (lo..c)
                .rev()
                .filter(|&j| ctx.feats[j].has_forms() && ctx.outside_quotes(j, None))
                .find_map(|j| {
                    let cue = ctx.cue_at(j)?;
                    // `stellt nach Angaben des Sprechers, Roland Eichhorn, ein Risiko dar`: a
                    // particle after the comma closes the verb's own clause, no content follows
                    if cue.particle.is_some_and(|p| p > c) {
                        return None;
                    }
                    let last = cue.particle.unwrap_or(j).max(cue.reflexive.unwrap_or(0));
                    // (a quoted name between is part of the clause: `kritisiert in der
                    // Tageszeitung „Neues Deutschland“, …`)
                    let clean = (last + 1..c).all(|m| {
                        ctx.toks[m].kind != TokKind::Punct
                            || matches!(ctx.s(m), "(" | ")")
                            // (`erklärte – wie schon am Vortag –, man werde …`: a parenthesis
                            // between dashes)
                            || matches!(ctx.s(m), "–" | "—")
                            // (a web address: `schrieb auf ZDNet.com, dass …`)
                            || ctx.s(m) == "."
                                && !ctx.toks[m].space_before
                                && m + 1 < c
                                && !ctx.toks[m + 1].space_before
                            || ctx.quote_at(m).is_some_and(|q| {
                                let open = ctx.quotes[q].open;
                                ctx.name_quote_at(open).is_some_and(|cl| cl < c)
                            })
                    });
                    // `erklärte der Geschäftsführer der Messe, Markus Feld, dass …`: commas of
                    // an apposition inside the inverted speaker
                    // (`sagte Li Fei, der Vorsitzende des Ausschusses, aber auch, dass …`:
                    // adverbs may follow the apposition)
                    let apposed = !clean
                        && ctx.speaker_after(last + 1, c + 1).is_some_and(|n| {
                            n.end == c
                                || n.end + 1 == c
                                || n.end < c
                                    && ctx.s(n.end) == ","
                                    && (n.end + 1..c).all(|m| {
                                        ctx.has(m, super::toks::bits::ADVERB)
                                            || matches!(
                                                ctx.s(m),
                                                "aber" | "auch" | "zudem" | "jedoch"
                                            )
                                    })
                        });
                    (clean || apposed).then_some(cue)
                });
            let Some(cue) = cue else {
                c += 1;
                continue;
            };
            let start = c + 1;
            let Some(kind) = complement_at(ctx, start, content_end(ctx, start, sent.end)) else {
                c += 1;
                continue;
            };
            // `…, sagte Mark O’Keefe, der Sprecher der so genannten „EVAC-Ambulanz“`: an article
            // and a person's role after the comma are an apposition, not a clause
            // (`veröffentlichte am Freitag, den 11. August, …`: a date's apposition)
            if ctx.s(start) == "den"
                && start + 1 < sent.end
                && ctx.toks[start + 1].kind == TokKind::Number
            {
                c += 1;
                continue;
            }
            // (an adjective may stand between: `…, die bildungspolitische Sprecherin …`)
            let role_at = |j: usize| {
                j < sent.end
                    && ctx
                        .role(j)
                        .is_some_and(|r| r.kind == crate::grammar::NounType::Person)
            };
            if kind == Complement::V2Plain
                && ctx.has(start, super::toks::bits::DET)
                && (role_at(start + 1)
                    || ctx.w(start + 1).is_lower()
                        && ctx.has(start + 1, super::toks::bits::ADJ)
                        && role_at(start + 2))
            {
                c += 1;
                continue;
            }
            // after a colon only Konjunktiv content is reported speech (an indicative clause
            // there is an unmarked quotation or the author's own words)
            if colon && kind != Complement::V2 {
                c += 1;
                continue;
            }
            let f = cue.frames;
            let fits = match kind {
                Complement::Dass => true,
                // (a verb without an `ob` frame takes only a clear question word: after
                // `veröffentlicht,` a `was`/`wo`/`welche` clause is relative, `…, was
                // Rechtsstreitigkeiten auslöste`, and `wie` compares, `…, wie Burt Rutan`;
                // `wie` let through measured lower on train)
                Complement::Question => {
                    f.ob || f.dass
                        && matches!(
                            ctx.lower(start),
                            "warum" | "weshalb" | "wieso" | "wann" | "inwiefern"
                        )
                }
                Complement::V2 => f.v2 || f.dass || f.quote,
                Complement::Zu => f.zu,
                // only a verb of saying right before the comma (`sagte,` / `sagte er,`)
                // … and not inside a relative clause (`…, der international kritisiert wurde, ein …`)
                Complement::V2Plain => {
                    (f.v2 || f.dass)
                        && c - cue.particle.unwrap_or(cue.verb) <= 4
                        && !(lo..cue.verb).any(|j| {
                            ctx.s(j) == ","
                                && matches!(
                                    ctx.s(j + 1),
                                    "der"
                                        | "die"
                                        | "das"
                                        | "dem"
                                        | "den"
                                        | "deren"
                                        | "dessen"
                                        | "welche"
                                        | "welcher"
                                        | "was"
                                        | "wo"
                                )
                        })
                }
            };
            let end = complement_end(ctx, start, sent.end, kind);
            if end <= start + 1 || !fits {
                c += 1;
                continue;
            }
            // the frame clause starts at the sentence start or after a colon or a quote
            let mut from = sent.start;
            for j in (sent.start..cue.verb).rev() {
                // (a short quote inside the running clause is part of it: `sprach von einem
                // „Dammbruch“ und forderte die Regierung auf, …`)
                // (and a short quoted name opening the sentence before its verb: `„BBC News“
                // berichtet, …`)
                let embedded = ctx.quote_at(j).is_some_and(|q| {
                    let q = &ctx.quotes[q];
                    q.close.is_some()
                        && q.end - q.open <= 8
                        && (q.open > sent.start
                            && ctx.w(q.open - 1).is_lower()
                            && ctx.toks[q.open - 1].kind == TokKind::Word
                            || q.open == sent.start
                                && ctx.name_quote_at(q.open).is_some()
                                && q.end < c
                                && ctx.w(q.end).is_lower())
                });
                if matches!(ctx.s(j), ":" | ";")
                    || !ctx.outside_quotes(j, None) && !ctx.in_name_quote(j) && !embedded
                {
                    from = j + 1;
                    break;
                }
                // `…, bevor er hinzufügte, dass …`: a subordinate frame starts at its conjunction
                if j > sent.start && ctx.s(j - 1) == "," && ctx.has(j, super::toks::bits::CONJ) {
                    from = j;
                    break;
                }
            }
            let Some((cue2, sp, addr)) = frame_in(ctx, from, c, None, Some(c)) else {
                c += 1;
                continue;
            };
            // `Es ist nicht auszuschließen, dass …`, `Es sei daran erinnert, dass …`: the author's voice
            let authorial = cue2.aux.is_some_and(|a| matches!(ctx.s(a), "sei" | "ist"))
                && (from..cue2.verb).any(|j| ctx.s(j).eq_ignore_ascii_case("es"));
            if sp.is_none() && (cue2.form == crate::grammar::Form::Infinitive || authorial) {
                c += 1;
                continue;
            }
            // `Feld sagte nicht, ob …` (negated), `Feld hätte sagen müssen, dass …` (hypothetical),
            // `Wer behauptet, …` (generic): no report of what someone said
            // (`Niemand erwartet, dass …`: a negated subject too)
            // (`wollte nicht bestätigen, dass …`: right before an infinitive or participle too)
            // (`wollte nicht bestätigen, dass …`, `…, weil er nicht bestätigte, dass …`: right
            // before the verb too)
            // (not in a frame that is itself reported: `Zuerst habe sie nicht damit gerechnet,
            // dass …` says what she said she had not expected)
            let reported_frame = cue2
                .aux
                .is_some_and(|a| ctx.has(a, super::toks::bits::KONJ1));
            let neg_from = if reported_frame {
                cue2.verb
            } else {
                cue2.verb.saturating_sub(2).max(from)
            };
            let negated = (neg_from..c).any(|j| super::words::is_negation(ctx.s(j)))
                || (from..c).any(|j| matches!(ctx.lower(j), "niemand" | "keiner"));
            let hypothetical = (from..c)
                .any(|j| matches!(ctx.s(j), "hätte" | "hätten" | "würde" | "würden"))
                && (cue2.form == crate::grammar::Form::Infinitive
                    || (from..c).any(|j| {
                        matches!(
                            ctx.s(j),
                            "müssen" | "sollen" | "können" | "dürfen" | "wollen"
                        )
                    }));
            let generic = matches!(ctx.s(from), "Wer" | "wer");
            // `Sollte der Antrag angenommen werden, könnte …`: a condition in verb-first order,
            // the main clause's verb after its comma; no report
            let condition = super::words::opens_condition(ctx.s(from)) && ctx.looks_finite(start);
            // `bestehen` reports only as `bestehen auf`/`darauf` (`Es besteht aus fünf Richtern,
            // deren …` says nothing)
            let bare_bestehen = &*cue2.lemma == "bestehen" && cue2.prep.is_none();
            // `stehen` and `finden` have readings of place and discovery (`im Stadion stand`,
            // `wurde per Handyortung gefunden`): they report only a `dass` clause or Konjunktiv
            // content (`In dem Bericht steht, dass …`, `Sie fand, die Lösung sei gut`)
            let place_verb = matches!(&*cue2.lemma, "stehen" | "finden")
                && !(kind == Complement::V2
                    || kind == Complement::Dass && ctx.lower(start) == "dass");
            if negated || hypothetical || generic || condition || bare_bestehen || place_verb {
                c += 1;
                continue;
            }
            // `Nachdem die Anwältin mitgeteilt hatte, dass der Mann gesucht werde, hatte dieser
            // …`: a frame inside a fronted subordinate clause; the content ends where the main
            // clause's finite verb follows a comma
            let end = if opens_fronted_clause(ctx.lower(from)) {
                (start + 1..end)
                    .find(|&k| {
                        ctx.s(k) == ","
                            && ctx.outside_quotes(k, None)
                            && k + 1 < end
                            && ctx.looks_finite(k + 1)
                    })
                    .unwrap_or(end)
            } else {
                end
            };
            let conf = if sp.is_some() { 0.85 } else { 0.6 };
            let mut d = complement_draft(ctx, (start, end), &cue2, sp, addr, (from, c + 1), conf);
            // a source the reporter names gets the content too, as the corpus counts it:
            // `X zitierte Y mit den Worten, …` and `X berichtete unter Berufung auf Y, …`
            let relayed = relayed_source(ctx, &cue2, from, c);
            // `…, das Verfahren sei offen, sprach aber von einem ergebnisoffenen Prozess`: a
            // speech verb after the content opens the speaker's next main clause, a reported
            // speech act of its own (a plain one: no content clause after a comma)
            if let Some(sp) = d.speaker
                && end + 2 < sent.end
                && ctx.s(end) == ","
                && let Some(next) = ctx.cue_at(end + 1)
                && matches!(
                    next.form,
                    crate::grammar::Form::Present | crate::grammar::Form::Preterite
                )
            {
                let tail_end = content_end(ctx, end + 1, sent.end);
                // (not after a fronted subordinate frame, whose main clause has a subject of its
                // own: `Nachdem X mitgeteilt hatte, dass …, reagierte die Behörde`; not negated,
                // as frames are not: `bestritt jedoch nicht …`)
                // (`Erst nachdem …`: a focus adverb may come first)
                let subordinate =
                    (from..(from + 2).min(c)).any(|k| opens_fronted_clause(ctx.lower(k)));
                let negated = (end + 1..tail_end).any(|k| super::words::is_negation(ctx.s(k)));
                // (`…: „Alle werden Ziele“, sagte Gaddafi`: after a direct quote the verb is the
                // quote's frame, which the quote's claim holds)
                let quote_frame = ctx
                    .quote_at(end - 1)
                    .is_some_and(|q| ctx.quotes[q].close == Some(end - 1));
                if !subordinate
                    && !negated
                    && !quote_frame
                    && (end + 1..tail_end).all(|k| ctx.s(k) != "," && ctx.outside_quotes(k, None))
                {
                    drafts.push(super::reported::reported_draft((end + 1, tail_end), sp));
                }
            }
            drafts.push(d.clone());
            if let Some((source, marker)) = relayed {
                d.speaker = Some(source);
                d.cue.push(marker);
                d.cue.sort();
                d.addressee = None;
                d.rule = "indirect.relayed";
                drafts.push(d);
            }
            c = end.max(c + 1);
        }
    }
    zu_without_comma(ctx, drafts);
}

/// An `indirect.complement` claim: its content, cue, speaker, addressee and frame, the mood
/// read from the content.
fn complement_draft<K: TableKind>(
    ctx: &Ctx<'_, K>,
    content: Range,
    cue: &super::CueMatch,
    speaker: Option<super::np::Np>,
    addressee: Option<Range>,
    frame: Range,
    conf: f32,
) -> Draft {
    let mut d = draft(
        Kind::Indirect,
        vec![content],
        "indirect.complement",
        Some(cue),
        speaker,
        addressee,
        vec![frame],
        conf,
    );
    d.mood = mood_of(ctx, content.0, content.1);
    d
}

/// A zu-infinitive the writer did not set off with a comma: `Mubarak hatte angekündigt bei
/// der Wahl erneut anzutreten.` · `Die Politiker haben dazu aufgerufen die Kontrollen zu
/// verstärken.` Only after a verb that closes its clause (a participle or a separated
/// particle), so the content cannot be the verb's own object.
fn zu_without_comma<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut Vec<Draft>) {
    for sent in ctx.sents {
        let end = content_end(ctx, sent.start, sent.end);
        if end <= sent.start + 4 {
            continue;
        }
        // (a word without a verb reading is no cue: tested before the quotes)
        let Some((j, cue)) = (sent.start..end)
            .filter(|&j| ctx.feats[j].has_forms() && ctx.outside_quotes(j, None))
            .find_map(|j| ctx.cue_at(j).map(|c| (j, c)))
        else {
            continue;
        };
        let last = match cue.particle {
            Some(p) => p,
            None if cue.form == crate::grammar::Form::Participle => j,
            None => continue,
        };
        let start = last + 1;
        if !cue.frames.zu
            || end < start + 2
            || (start..end)
                .any(|k| ctx.toks[k].kind == TokKind::Punct || !ctx.outside_quotes(k, None))
            || complement_at(ctx, start, end) != Some(Complement::Zu)
        {
            continue;
        }
        let Some((mut cue2, sp, addr)) = frame_in(ctx, sent.start, start, None, None) else {
            continue;
        };
        // the infinitive's `zu` is no governed preposition (`aufgerufen … zu verstärken`)
        if cue2.prep.is_some_and(|p| p >= start) {
            cue2.prep = None;
        }
        if sp.is_none()
            || (sent.start..start).any(|k| matches!(ctx.s(k), "nicht" | "nie" | "niemals"))
        {
            continue;
        }
        drafts.push(complement_draft(
            ctx,
            (start, end),
            &cue2,
            sp,
            addr,
            (sent.start, start),
            0.7,
        ));
    }
}

/// The source a reporting clause relays, with the words that mark it: the object of `zitieren
/// … mit den Worten` (`Interfax zitierte einen Sprecher mit den Worten, …`) or the phrase after
/// `unter Berufung auf` (`Die Zeitung berichtete unter Berufung auf Regierungskreise, …`).
fn relayed_source<K: TableKind>(
    ctx: &Ctx<'_, K>,
    cue: &super::CueMatch,
    from: usize,
    comma: usize,
) -> Option<(super::np::Np, super::Range)> {
    if let Some(k) = (from..comma.saturating_sub(2))
        .find(|&k| ctx.s(k) == "unter" && ctx.s(k + 1) == "Berufung" && ctx.s(k + 2) == "auf")
    {
        let source = ctx.np_coord_at(k + 3, comma)?;
        return Some((source, (k, k + 3)));
    }
    if &*cue.lemma == "zitieren"
        && let Some(m) = (cue.verb + 1..comma.saturating_sub(2))
            .find(|&k| ctx.s(k) == "mit" && ctx.s(k + 2) == "Worten")
    {
        let source = ctx.np_coord_at(cue.verb + 1, m).filter(|n| n.end == m)?;
        return Some((source, (m, m + 3)));
    }
    None
}

/// Does `[k, end)` hold a finite verb: an auxiliary, or a lower-case word that is not an
/// article's adjective (`die Vorsitzende des Ausschusses` is an apposition, not a clause)?
pub(crate) fn has_verb<K: TableKind>(ctx: &Ctx<'_, K>, k: usize, end: usize) -> bool {
    (k..end).any(|j| {
        let w = ctx.w(j);
        let s = ctx.lower(j);
        w.is_lower()
            && (super::words::is_aux_lower(s)
                || matches!(
                    s,
                    "ist"
                        | "sind"
                        | "gibt"
                        | "gab"
                        | "geht"
                        | "kommt"
                        | "bleibt"
                        | "fehlt"
                        | "liegt"
                        | "steht"
                )
                || ((s.ends_with('t') || s.ends_with('e') || s.ends_with("en"))
                    && j > 0
                    && !ctx.has(j - 1, super::toks::bits::DET)
                    // an attributive adjective stands before its noun
                    && !(j + 1 < ctx.toks.len() && ctx.w(j + 1).is_upper())
                    // (each list only for a word of its class bit: the same answers)
                    && !ctx.is_conj_at(j)
                    && !(ctx.has(j, super::toks::bits::PREP) && super::words::is_prep_lower(s))
                    // (the ADVERB bit is `is_adverb` of this lower-cased word, asked once per
                    // word when the feature table was built)
                    && !ctx.has(j, super::toks::bits::ADVERB)))
    })
}

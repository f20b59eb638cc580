//! A direct quote with its frame before it, after a colon.
//!
//! `Yilmaz sagte: „Wir streiken ab Montag.“` · `Am Mittwoch sagte der Minister in Berlin: „…“`
//! `Feld: „Wir sind bereit“` (headline form, no cue)

use super::np::Np;
use super::{Ctx, CueMatch, Draft, Range, direct_draft};
use crate::grammar::{Form, NounType};
use crate::rules::toks::TableKind;

/// Finds a speech verb in `[from, to)` outside quotes and its subject: the phrase before the
/// verb when it opens the clause, else the phrase after the finite verb.
pub(crate) fn frame_in<K: TableKind>(
    ctx: &Ctx<'_, K>,
    from: usize,
    to: usize,
    q: Option<usize>,
    near: Option<usize>,
) -> Option<(CueMatch, Option<Np>, Option<Range>)> {
    let cue = frame_cue(ctx, from, to, q, near)?;
    Some(frame_of(ctx, from, to, q, near, cue))
}

/// The speech verb [`frame_in`] takes in `[from, to)`: the first cue outside quotes, or the
/// one closest to `near` (the quote or comma the frame belongs to).
pub(crate) fn frame_cue<K: TableKind>(
    ctx: &Ctx<'_, K>,
    from: usize,
    to: usize,
    q: Option<usize>,
    near: Option<usize>,
) -> Option<CueMatch> {
    // the verb reading first: it is cheap and rare, the particle test looks back 12 words
    let cues = (from..to).filter_map(|k| {
        let cue = ctx.cue_at(k)?;
        (ctx.outside_quotes(k, q)
            && !ctx.is_particle_of_earlier(k, from)
            && !in_adverbial_infinitive(ctx, from, k))
        .then_some(cue)
    });
    match near {
        None => cues.into_iter().next(),
        Some(n) => cues.min_by_key(|c| c.verb.abs_diff(n)),
    }
}

/// The rest of [`frame_in`] for the cue [`frame_cue`] found: the cue's form, auxiliary and
/// particle as the clause reads them (its verb, lemma and frames stay), its subject and its
/// addressee.
pub(crate) fn frame_of<K: TableKind>(
    ctx: &Ctx<'_, K>,
    from: usize,
    to: usize,
    q: Option<usize>,
    near: Option<usize>,
    mut cue: CueMatch,
) -> (CueMatch, Option<Np>, Option<Range>) {
    // `hat … versichert`, `hat … entschieden`: a present or preterite form that is also a
    // participle reads as one after an auxiliary
    if matches!(cue.form, Form::Present | Form::Preterite)
        && ctx.aux_before(from, cue.verb, q).is_some()
        && ctx
            .forms(cue.verb)
            .iter()
            .any(|f| f.form == Form::Participle)
    {
        cue.form = Form::Participle;
    }
    // `ließ über seinen Sprecher mitteilen`: a plural present form after `lassen` is its
    // infinitive, and `lassen` the finite verb (a modal is left alone: `musste betonen` does
    // not make the clause a report on the corpus)
    if cue.form == Form::Present
        && ctx.lower(cue.verb).ends_with('n')
        && let Some(a) = ctx.aux_before(from, cue.verb, q)
        && matches!(
            ctx.lower(a),
            "ließ" | "ließen" | "lässt" | "liess" | "liessen"
        )
        && (a + 1..cue.verb).all(|k| ctx.s(k) != ",")
    {
        cue.form = Form::Infinitive;
    }
    let finite = match cue.form {
        // (a fronted participle read its auxiliary after it: `Kritisiert wird, dass …`)
        Form::Participle | Form::Infinitive => ctx
            .aux_before(from, cue.verb, q)
            .or(cue.aux)
            .unwrap_or(cue.verb),
        _ => cue.verb,
    };
    if matches!(cue.form, Form::Participle | Form::Infinitive) {
        // (a particle written apart right before it stays: `hat bekannt gegeben`)
        if cue.particle != cue.verb.checked_sub(1) {
            cue.particle = None;
        }
        cue.aux = (finite != cue.verb).then_some(finite);
    }
    // `sagte er und beschuldigte Peking`: a coordinated verb shares the first verb's subject
    // (`Die Vereinten Nationen bestätigten den Zwischenfall, teilten jedoch mit, …`: after a
    // comma too, when no subject follows the verb)
    let asyndetic = finite > from + 2
        && ctx.s(finite - 1) == ","
        && finite + 1 < to
        && !(ctx.w(finite + 1).is_upper()
            || ctx.has(finite + 1, super::toks::bits::DET)
            || ctx.has(finite + 1, super::toks::bits::PRONOUN))
        && (from..finite - 1).any(|k| {
            ctx.has(k, super::toks::bits::AUX)
                || !ctx.forms(k).is_empty()
                || ctx.has(k, super::toks::bits::PRETERITE_LIKE)
        });
    let coordinated = finite > from && (ctx.s(finite - 1) == "und" || asyndetic);
    let shared = if coordinated {
        frame_in(ctx, from, finite - 1, q, Some(finite - 1))
            .and_then(|(_, sp, _)| sp)
            // `X besuchte … und versprach …`: the clause's opening subject
            .or_else(|| {
                ctx.np_at(from, finite)
                    .filter(|n| !n.pronoun || matches!(ctx.s(n.start), "Er" | "Sie" | "er" | "sie"))
            })
            // `Am Sonntag zogen Demonstranten vor den Sitz … und skandierten …`: the subject
            // after the first clause's verb
            .or_else(|| inverted_subject(ctx, from, finite - 1))
    } else {
        None
    };
    // a passive (`wurde … mitgeteilt`) names its speaker only in a `von` phrase; the noun phrase
    // beside it is the addressee or the topic
    // a verb-final passive (`…, in der der Partei vorgeworfen wird, …`)
    let final_passive = cue.form == Form::Participle
        && cue.verb + 1 < to
        && matches!(ctx.s(cue.verb + 1), "wird" | "wurde" | "werden" | "wurden");
    // `Der Kanzler wird (von der Zeitung) mit den Worten zitiert, …`: whoever is quoted is the
    // passive's subject, the `von` phrase names who relays it; the subject opens the clause or,
    // after a fronted phrase, follows the auxiliary (`Zu seiner neuen Aufgabe wird Watzke … wie
    // folgt zitiert`)
    let quoted_subject = (&*cue.lemma == "zitieren" && ctx.is_passive(&cue))
        .then(|| {
            ctx.np_at(from, finite)
                .filter(|n| n.end == finite)
                .or_else(|| {
                    ctx.np_at(finite + 1, cue.verb)
                        .filter(|n| n.start == finite + 1)
                })
                // (`Sergei Voznyak, Pressesprecher des Wahlkampfteams, wird … zitiert`)
                .or_else(|| ctx.subject_before(from, finite))
        })
        .flatten()
        .filter(|n| !n.pronoun || matches!(ctx.lower(n.start), "er" | "sie"));
    let sp = if let Some(n) = quoted_subject {
        Some(n)
    } else if ctx.is_passive(&cue) {
        // (not the verb's own `von`: `Von glatter Desinformation wird gesprochen`)
        (cue.verb.saturating_sub(8).max(from)..cue.verb)
            .find(|&k| matches!(ctx.s(k), "von" | "vom") && cue.prep != Some(k))
            // (`Von der Führung Hongkongs unter C.Y. Leung wurde die Entscheidung … begrüßt`:
            // the agent may open the clause, further back)
            .or_else(|| {
                (matches!(ctx.s(from), "Von" | "Vom") && cue.prep != Some(from)).then_some(from)
            })
            .and_then(|k| {
                ctx.np_at(k + 1, to).or_else(|| {
                    // `von israelischen Behörden`, `Von deutscher Seite`: adjectives and a noun
                    // without an article
                    let mut j = k + 1;
                    while j < to
                        && j < k + 3
                        && ctx.w(j).is_lower()
                        && ["en", "er", "em"].iter().any(|e| ctx.s(j).ends_with(e))
                        && !ctx.has(j, super::toks::bits::DET)
                        && ctx.forms(j).is_empty()
                    {
                        j += 1;
                    }
                    (j > k + 1 && j < to && ctx.w(j).is_upper() && super::np::is_core(&ctx.w(j)))
                        .then(|| Np::span(k + 1, j + 1))
                })
            })
            .or_else(|| ctx.place_source(from, finite))
    } else {
        // `In der Erklärung heißt es: „…“`, `In dem Brief steht: „…“`
        (final_passive || matches!(&*cue.lemma, "heißen" | "stehen"))
            .then(|| ctx.place_source(from, cue.verb))
            .flatten()
            .or(shared)
            .or_else(|| near.and_then(|_| relative_pronoun_subject(ctx, from, finite, to)))
            .or_else(|| ctx.subject_before(from, finite))
            .or_else(|| loose_subject(ctx, from, finite))
            // `…, indem sie den Aufsichtsrat zum Handeln aufforderte: „…“`
            .or_else(|| near.and_then(|_| subordinate_subject(ctx, from, finite)))
            // `…, denen unter anderem Rafael Correa vorwirft, …`: an oblique relative pronoun
            // leaves the subject inside the relative clause
            .or_else(|| near.and_then(|_| relative_subject(ctx, from, finite)))
            // `der Fahrgastverband IGEB, der die Maßnahme als „Kapitulation“ bezeichnete`
            // (for a frame of a quote or clause; a whole sentence read as a speech act has
            // its main clause elsewhere)
            .or_else(|| near.and_then(|_| relative_antecedent(ctx, from, finite)))
            .or_else(|| {
                if coordinated {
                    None
                } else {
                    // (an accusative, dative or genitive article opens an object, never the
                    // subject: `Auch er bestätigte den Zusammenhang`)
                    ctx.speaker_after(finite + 1, to).filter(|n| {
                        !matches!(
                            ctx.s(n.start),
                            "den" | "dem" | "des" | "einen" | "einem" | "eines"
                        )
                    })
                }
            })
    };
    // `Auf Nachfrage musste er betonen, dass …`: an infinitive after a modal has the modal's
    // subject, right after it or before it
    let sp = sp.or_else(|| {
        // (the infinitive reads as a plural present too: `betonen`)
        let infinitive = cue.form == Form::Infinitive
            || cue.form == Form::Present && ctx.lower(cue.verb).ends_with('n');
        if !infinitive || near.is_none() {
            return None;
        }
        let m = (from..cue.verb).rev().find(|&k| {
            matches!(
                ctx.lower(k),
                "muss"
                    | "musste"
                    | "müssen"
                    | "mussten"
                    | "kann"
                    | "konnte"
                    | "können"
                    | "konnten"
                    | "will"
                    | "wollte"
                    | "wollen"
                    | "wollten"
                    | "möchte"
                    | "möchten"
                    | "darf"
                    | "durfte"
                    | "dürfen"
                    | "durften"
            )
        })?;
        // (someone who can speak: `kann man sagen` is the author's generic voice)
        // (adverbs may stand between: `will heute Außenminister Straw bekannt geben`)
        let mut first = m + 1;
        while first + 1 < cue.verb
            && first < m + 3
            && ctx.has(first, super::toks::bits::ADVERB)
            && ctx.w(first).is_lower()
        {
            first += 1;
        }
        ctx.speaker_after(first, cue.verb)
            .filter(|n| n.start == first)
            .or_else(|| ctx.subject_before(from, m))
            .filter(|n| super::reported::is_source(ctx, n) && ctx.lower(n.start) != "man")
    });
    // `die Polizei sprach von …`: the verb's preposition is no `von` complement of the speaker
    let sp = sp.map(|mut n| {
        if let Some(p) = cue.prep
            && n.start < p
            && p < n.end
        {
            n.end = p;
        }
        n
    });
    // `Der Zeitung sagte Filep Karma: …`: a dative medium before the verb, the speaker after it
    let mut addressee_first = None;
    let sp = match sp {
        Some(n)
            if n.end <= finite
                && n.has_det
                && (n.start..n.end)
                    .any(|k| ctx.role(k).is_some_and(|r| r.kind == NounType::Media))
                && matches!(ctx.s(n.start), "Der" | "Dem" | "der" | "dem") =>
        {
            match ctx.speaker_after(finite + 1, to).filter(|m| {
                !m.pronoun
                    && ((m.start..m.end).any(|k| ctx.has(k, super::toks::bits::NAME))
                        || (!m.has_det && m.end - m.start >= 2))
            }) {
                Some(m) => {
                    addressee_first = Some((n.start, n.end));
                    Some(m)
                }
                None => Some(n),
            }
        }
        // `Den Internationalen Währungsfonds (IWF) … forderte er auf, …`: an accusative or
        // dative phrase before the verb is its object when a nominative follows the verb
        Some(n)
            if n.end <= finite
                && matches!(ctx.s(n.start), "Den" | "Dem" | "Einen" | "Einem")
                && finite + 1 < to
                && matches!(ctx.s(finite + 1), "er" | "sie") =>
        {
            addressee_first = Some((n.start, n.end));
            ctx.speaker_after(finite + 1, to)
        }
        other => other,
    };
    // `Es heißt, …`: the expletive names nobody
    let sp = sp.filter(|n| !(n.pronoun && ctx.s(n.start).eq_ignore_ascii_case("es")));
    let addr = addressee_first.or_else(|| {
        sp.and_then(|n| {
            if n.end > finite {
                ctx.addressee_after(n.end, to)
            } else {
                ctx.addressee_after(finite + 1, to)
            }
        })
    });
    let addr = addr.or_else(|| sp.and_then(|n| object_addressee(ctx, &cue, &n, finite, to)));
    // `… beeilten sich, gegenüber Journalisten zu erklären`: `gegenüber` before the verb
    let addr = addr.or_else(|| {
        let g =
            (cue.verb.saturating_sub(6).max(from)..cue.verb).find(|&k| ctx.s(k) == "gegenüber")?;
        let n = ctx.np_at(g + 1, cue.verb).filter(|n| !n.pronoun)?;
        (n.end + 2 >= cue.verb).then_some((g, n.end))
    });
    // `Den Angehörigen wurde mitgeteilt, …`, `Die Anwohner wurden gebeten, …`: a passive's
    // subject or dative is whom it was said to
    let addr = addr.or_else(|| {
        ctx.is_passive(&cue)
            .then(|| ctx.subject_before(from, finite))
            .flatten()
            .filter(|n| sp.is_none_or(|s| s.start != n.start))
            .map(|n| (n.start, n.end))
    });
    (cue, sp, addr)
}

/// The person a summons or a proposal goes to, its object: `forderte die Bundesregierung auf`,
/// `appellierte an private Fluglinien`, `schlug dem Bundestag vor`, `dem Richter mitgeteilt`.
fn object_addressee<K: TableKind>(
    ctx: &Ctx<'_, K>,
    cue: &CueMatch,
    sp: &Np,
    finite: usize,
    to: usize,
) -> Option<Range> {
    let accusative = matches!(
        &*cue.lemma,
        "auffordern" | "aufrufen" | "bitten" | "ermahnen" | "drängen"
    );
    let dative = matches!(
        &*cue.lemma,
        "vorschlagen" | "mitteilen" | "empfehlen" | "raten" | "versichern" | "zusichern"
    );
    let appeal = &*cue.lemma == "appellieren";
    if !(accusative || dative || appeal) {
        return None;
    }
    let article = |k: usize| {
        let det = ctx.lower(k);
        if accusative {
            matches!(det, "den" | "die" | "das" | "alle")
        } else {
            matches!(det, "dem" | "den")
        }
    };
    // the phrase from `k`: an article or adjectives, then its nouns (`private Fluglinien`)
    let phrase = |k: usize, limit: usize| -> Option<Range> {
        if let Some(n) = ctx.np_at(k, limit).filter(|n| !n.pronoun) {
            return Some((n.start, n.end));
        }
        let mut e = k;
        while e < limit && ctx.w(e).is_lower() && ctx.has(e, super::toks::bits::ADJ) {
            e += 1;
        }
        let nouns = e;
        while e < limit && ctx.w(e).is_upper() {
            e += 1;
        }
        (e > nouns).then_some((k, e))
    };
    if sp.end < cue.verb && finite >= cue.verb {
        // verb-final: `… dem Richter mitgeteilt hatte`, `… den Aufsichtsrat aufforderte`
        return (sp.end..cue.verb).find_map(|j| {
            if appeal {
                (ctx.s(j) == "an")
                    .then(|| phrase(j + 1, cue.verb))
                    .flatten()
            } else {
                article(j).then(|| phrase(j, cue.verb)).flatten()
            }
        });
    }
    // after the verb, past an inverted speaker
    let k = if sp.start > finite {
        sp.end
    } else {
        finite + 1
    };
    if k >= to {
        return None;
    }
    if appeal {
        // (the corpus marks the phrase without `an`)
        return (ctx.s(k) == "an").then(|| phrase(k + 1, to)).flatten();
    }
    article(k).then(|| phrase(k, to)).flatten()
}

/// `ohne auf einen Vorfall zu verweisen`, `um … zu erklären`: an infinitive of an adverbial
/// clause is no frame of the sentence's content.
fn in_adverbial_infinitive<K: TableKind>(ctx: &Ctx<'_, K>, from: usize, k: usize) -> bool {
    if k == 0 || ctx.s(k - 1) != "zu" {
        return false;
    }
    let start = (from..k)
        .rev()
        .find(|&j| ctx.s(j) == ",")
        .map_or(from, |j| j + 1);
    matches!(ctx.lower(start), "ohne" | "um" | "statt" | "anstatt")
}

/// The subject inside a relative clause opened by an oblique pronoun, when the verb at `finite`
/// ends it: `…, denen unter anderem Rafael Correa vorwirft, …`.
fn relative_subject<K: TableKind>(ctx: &Ctx<'_, K>, from: usize, finite: usize) -> Option<Np> {
    // (also after a preposition: `…, von dem die Polizei glaubt, …`)
    let r = (from + 1..finite).rev().find(|&k| {
        matches!(ctx.s(k), "denen" | "dem" | "den" | "deren" | "dessen")
            && (ctx.s(k - 1) == ","
                || k >= from + 2 && ctx.s(k - 2) == "," && ctx.has(k - 1, super::toks::bits::PREP))
    })?;
    if (r + 1..finite).any(|k| matches!(ctx.s(k), "," | ":" | ";")) {
        return None;
    }
    (r + 1..finite).find_map(|k| {
        let w = ctx.w(k);
        if !(w.is_upper() || w.has(super::toks::bits::DET)) || ctx.quote_at(k).is_some() {
            return None;
        }
        let n = ctx.np_coord_at(k, finite).filter(|n| !n.pronoun)?;
        let named =
            (n.start..n.end).any(|j| ctx.role(j).is_some() || ctx.has(j, super::toks::bits::NAME));
        named.then_some(n)
    })
}

/// The relative pronoun that opens the clause the verb at `finite` ends (`…, der … betonte`), when
/// the clause runs from it to the verb without another clause or a quote between.
fn relative_pronoun_at<K: TableKind>(
    ctx: &Ctx<'_, K>,
    from: usize,
    finite: usize,
) -> Option<usize> {
    let r = (from + 2..finite).rev().find(|&k| {
        ctx.s(k - 1) == ","
            && matches!(
                ctx.s(k),
                "der" | "die" | "das" | "welche" | "welcher" | "welches"
            )
    })?;
    (!(r + 1..finite).any(|k| matches!(ctx.s(k), "," | ":" | ";"))
        && ctx.quote_at(finite).is_none())
    .then_some(r)
}

/// `…, ein General, der in einer ersten Stellungnahme betonte, er gehöre …`: a speech verb
/// closing a relative clause right before its content has the relative pronoun as subject,
/// which the corpus marks as the speaker (the speaker stage takes up its antecedent).
fn relative_pronoun_subject<K: TableKind>(
    ctx: &Ctx<'_, K>,
    from: usize,
    finite: usize,
    to: usize,
) -> Option<Np> {
    // (the finite verb closes the relative clause, right before the content's comma)
    if finite + 1 != to {
        return None;
    }
    let r = relative_pronoun_at(ctx, from, finite)?;
    // the pronoun is the subject unless another one follows it (`die der Minister kritisierte`,
    // `die er kritisierte`)
    let next = r + 1;
    if next < finite
        && (ctx.has(next, super::toks::bits::PRONOUN)
            && !matches!(ctx.lower(next), "alle" | "allen")
            || ctx.has(next, super::toks::bits::DET)
                && !matches!(ctx.lower(next), "alle" | "allen")
            || ctx.w(next).is_upper())
    {
        // (a phrase after the pronoun is as often its object: `der der US-Regierung vorwarf`,
        // `welche die Intoleranz … zur Kenntnis nimmt`; neither is taken)
        return None;
    }
    Some(Np {
        pronoun: true,
        ..Np::span(r, r + 1)
    })
}

/// The phrase a relative clause hangs on, when the verb at `finite` ends that relative clause:
/// `eine griechische Botschaft, welche … als „…“ bezeichnete`. Only a phrase whose noun can
/// speak (a role, an institution, a name) counts: `Rhetorik des Verbandes der Veteranen, die …
/// beschwören` is the association's.
fn relative_antecedent<K: TableKind>(ctx: &Ctx<'_, K>, from: usize, finite: usize) -> Option<Np> {
    let r = relative_pronoun_at(ctx, from, finite)?;
    let comma = r - 1;
    (comma.saturating_sub(10).max(from)..comma).find_map(|k| {
        let w = ctx.w(k);
        if !(w.is_upper() || w.has(super::toks::bits::DET)) {
            return None;
        }
        // the phrase starts at a word boundary of its own, not inside another phrase
        if k > from
            && !ctx.has(k - 1, super::toks::bits::PREP)
            && (ctx.has(k - 1, super::toks::bits::DET) || ctx.has(k - 1, super::toks::bits::ADJ))
        {
            return None;
        }
        let mut n = ctx
            .np_at(k, comma)
            .filter(|n| n.end <= comma && !n.pronoun)?;
        // a longer genitive chain than the phrase parser takes (`des Verbandes der Veteranen
        // des Befreiungskriegs`)
        if n.end < comma
            && (n.end..comma).all(|j| ctx.w(j).is_upper() || ctx.has(j, super::toks::bits::DET))
            && ctx.has(n.end, super::toks::bits::DET)
        {
            n.end = comma;
        }
        if n.end != comma {
            return None;
        }
        // the head: the capitalised words before the first complement
        let head_start = (n.start..n.end).find(|&j| ctx.w(j).is_upper())?;
        let head_end = (head_start..n.end)
            .find(|&j| !ctx.w(j).is_upper())
            .unwrap_or(n.end);
        let speaks = (head_start..head_end)
            .any(|j| ctx.role(j).is_some() || ctx.has(j, super::toks::bits::NAME))
            // `…, so Celebi, die auch angab, …`: the speaker of a `so` frame speaks
            || n.start > 0 && ctx.s(n.start - 1) == "so";
        speaks.then_some(n)
    })
}

/// A clause-opening name whose complements run longer than the phrase parser takes, up to
/// the verb: `Sascha Kempf vom Max-Planck-Institut für Kernphysik in Heidelberg erläutert …`.
fn loose_subject<K: TableKind>(ctx: &Ctx<'_, K>, from: usize, finite: usize) -> Option<Np> {
    let mut n = ctx.np_at(from, finite).filter(|n| !n.pronoun)?;
    if n.end >= finite || finite - n.end > 6 {
        return None;
    }
    // only prepositions, articles, adjectives and names between: no verb, no clause
    let complements = (n.end..finite).all(|k| {
        let w = ctx.w(k);
        w.is_upper()
            || w.has(super::toks::bits::PREP)
            || w.has(super::toks::bits::DET)
            || w.has(super::toks::bits::ADJ)
    }) && ctx.has(n.end, super::toks::bits::PREP);
    let named =
        (n.start..n.end).any(|j| ctx.has(j, super::toks::bits::NAME) || ctx.role(j).is_some());
    if !complements || !named {
        return None;
    }
    n.end = finite;
    Some(n)
}

/// The subject of a verb-final clause opened by a conjunction after a comma: `…, indem sie
/// den Aufsichtsrat zum Handeln aufforderte`, `…, nachdem der Minister erklärt hatte`.
fn subordinate_subject<K: TableKind>(ctx: &Ctx<'_, K>, from: usize, finite: usize) -> Option<Np> {
    let k = (from + 1..finite).rev().find(|&k| ctx.s(k - 1) == ",")?;
    if !matches!(
        ctx.s(k),
        "indem" | "weil" | "als" | "nachdem" | "wobei" | "während" | "da" | "wenn" | "obwohl"
    ) || (k + 1..finite).any(|j| matches!(ctx.s(j), "," | ":" | ";"))
    {
        return None;
    }
    ctx.np_at(k + 1, finite)
        .filter(|n| !n.pronoun || matches!(ctx.s(n.start), "er" | "sie"))
}

/// The subject of a clause that opens with an adverbial and its verb: `Am Sonntagabend zogen
/// Demonstranten …`, `Danach erklärte die Polizei …`.
fn inverted_subject<K: TableKind>(ctx: &Ctx<'_, K>, from: usize, to: usize) -> Option<Np> {
    let mut k = from;
    // `Als ein Fluggast zu Hilfe eilte, biss der Randalierer …`: a subordinate clause in first
    // position, the verb right after its comma
    if matches!(
        ctx.lower(from),
        "als" | "wenn" | "nachdem" | "während" | "weil" | "obwohl" | "bevor" | "sobald"
    ) && let Some(c) = (from + 2..to).find(|&j| ctx.s(j) == ",")
    {
        k = c + 1;
    }
    let subordinate = k > from;
    // `Bereits am Sonntagabend`: adverbs before the adverbial
    while k < to
        && k < from + 2
        && ctx.has(k, super::toks::bits::ADVERB)
        && !ctx.has(k, super::toks::bits::PREP)
    {
        k += 1;
    }
    if !subordinate && ctx.has(k, super::toks::bits::PREP) {
        // `Am Sonntagabend`, `In der Nacht`, `Nach dem Treffen`
        k += 1;
        while k < to && (ctx.has(k, super::toks::bits::DET) || ctx.has(k, super::toks::bits::ADJ)) {
            k += 1;
        }
        if k >= to || !ctx.w(k).is_upper() {
            return None;
        }
        k += 1;
        // `Unter dem Motto „Freiheit statt Angst“ zogen …`: a quoted title of the noun
        if let Some(t) = ctx.quote_at(k).filter(|&t| {
            let qs = ctx.quotes[t];
            qs.open == k && qs.close.is_some() && qs.end - qs.open <= 8
        }) {
            k = ctx.quotes[t].end;
        }
    } else if k == from {
        return None;
    }
    // the verb: a lower-case word that is no article, preposition or conjunction
    let verb = ctx.w(k);
    if k + 1 >= to
        || !verb.is_lower()
        || verb.has(super::toks::bits::DET)
        || verb.has(super::toks::bits::PREP)
        || verb.has(super::toks::bits::CONJ)
        || verb.has(super::toks::bits::PRONOUN)
    {
        return None;
    }
    ctx.np_at(k + 1, to)
        .filter(|n| !n.pronoun || matches!(ctx.s(n.start), "er" | "sie"))
}

/// A short quote without clause punctuation: a title or name standing in a frame
/// (`„news.bbc.co.uk“`, `„Die Zeit“`).
fn looks_like_a_title<K: TableKind>(ctx: &Ctx<'_, K>, t: usize) -> bool {
    let ends_a_clause = |k: usize| {
        matches!(ctx.s(k), "," | "!" | "?" | ":" | ";")
            || (ctx.s(k) == "." && ctx.toks.get(k + 1).is_some_and(|n| n.space_before))
    };
    !ctx.quotes[t].inner().any(ends_a_clause)
}

/// Runs the rule.
pub(crate) fn apply<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut Vec<Draft>, taken: &mut [bool]) {
    for (q, qs) in ctx.quotes.iter().enumerate() {
        if taken[q] || qs.open == 0 || ctx.s(qs.open - 1) != ":" {
            continue;
        }
        let colon = qs.open - 1;
        // tokens of the quote this one is nested in count as outside (its frame is inside it)
        let this = Some(q);
        let sent = ctx.sentence_of(colon);
        // the clause before the colon: from the sentence start or the last quote before it
        let mut from = sent.start;
        for k in (sent.start..colon).rev() {
            // a quoted name inside the frame does not end it (`kommentierte die Entscheidung
            // laut „news.bbc.co.uk“ mit folgenden Worten:`)
            if let Some(t) = ctx.quote_at(k).filter(|&t| t != q)
                && ctx.quotes[t].close.is_some()
                && ctx.quotes[t].end - ctx.quotes[t].open <= 12
                && ctx.words_in(ctx.quotes[t].inner()).count() <= 4
                && ctx.quotes[t].depth == qs.depth
                && looks_like_a_title(ctx, t)
            {
                continue;
            }
            if !ctx.outside_quotes(k, this) || ctx.s(k) == "." {
                from = k + 1;
                break;
            }
        }
        if from >= colon {
            continue;
        }
        // `X zitiert Y mit den Worten:` — Y said it and X reports it, and the corpus gives the
        // quote to both (`Der Spiegel zitiert den Prediger mit den Worten`): two claims, the
        // one who quotes first. `Y wird mit den Worten zitiert:` names Y; `Y wird in einer
        // Presseerklärung / von der Zeitung … zitiert:` names the document or medium and Y.
        let worten = (colon.saturating_sub(8).max(from)..colon).find(|&k| {
            ctx.s(k) == "mit" && (k + 1..(k + 3).min(colon)).any(|j| ctx.s(j) == "Worten")
        });
        if let Some(m) = worten
            && let Some(z) = (from..colon).find(|&k| ctx.s(k).starts_with("zitier"))
        {
            let passive =
                (from..z).any(|k| matches!(ctx.s(k), "wird" | "wurde" | "werden" | "wurden"));
            let source = (from..z)
                .find(|&k| matches!(ctx.s(k), "in" | "von" | "vom" | "im"))
                .and_then(|k| ctx.np_at(k + 1, z))
                .filter(|n| {
                    (n.start..n.end).any(|j| {
                        ctx.role(j)
                            .is_some_and(|r| matches!(r.kind, NounType::Media | NounType::Document))
                    }) || ctx.quote_at(n.start).is_some()
                });
            // (who reports, who is quoted)
            let (reporter, quoted) = if passive {
                (
                    source,
                    ctx.np_at(from, colon)
                        .filter(|n| Some(n.start) != source.map(|s| s.start)),
                )
            } else if z > m {
                (None, ctx.np_at(from, colon))
            } else {
                (
                    ctx.np_at(from, z).filter(|n| n.end == z),
                    ctx.speaker_after(z + 1, m),
                )
            };
            let cue = super::direct_postposed::word_cue(z, "zitieren", None);
            let worten_end = (m..colon)
                .find(|&j| ctx.s(j) == "Worten")
                .map(|j| j + 1)
                .unwrap_or(colon);
            let speakers: Vec<Option<Np>> = match (reporter, quoted) {
                (Some(r), Some(q)) => vec![Some(r), Some(q)],
                (r, q) => vec![r.or(q)],
            };
            let twins = speakers.len() > 1;
            for (i, sp) in speakers.into_iter().enumerate() {
                let mut d = direct_draft(
                    ctx,
                    q,
                    "direct.preposed",
                    Some(&cue),
                    sp,
                    None,
                    vec![(from, colon + 1)],
                    0.85,
                );
                d.cue = vec![(z, z + 1), (m, worten_end)];
                d.cue.sort();
                // (the one quoted by an active `zitiert` speaks without a frame of their own, as
                // the corpus marks them)
                if twins && i == 1 && !passive {
                    d.cue.clear();
                    d.frame.clear();
                    d.lemma = None;
                }
                drafts.push(d);
            }
            taken[q] = true;
            continue;
        }
        let found = frame_in(ctx, from, colon, this, Some(colon)).map(|(cue, sp, addr)| {
            // `So heißt es in dem Schreiben:`: the document is the source
            let sp = sp.or_else(|| {
                (&*cue.lemma == "heißen")
                    .then(|| (cue.verb..colon).find(|&k| matches!(ctx.s(k), "in" | "im" | "aus")))
                    .flatten()
                    .and_then(|k| ctx.np_at(k + 1, colon))
            });
            // `versuchte mit den Worten zu beruhigen:`: the clause's subject speaks
            let sp = sp.or_else(|| worten.and_then(|_| ctx.np_coord_at(from, colon)));
            // `… so: „…“, und fügt hinzu: „…“`: the speaker of the quote just closed goes on
            let sp = sp.or_else(|| {
                let before = from.checked_sub(1)?;
                let t = ctx
                    .quote_at(before)
                    .filter(|&t| ctx.quotes[t].end == from)?;
                let glue = (from..cue.verb).all(|k| {
                    matches!(ctx.s(k), "," | "und") || ctx.has(k, super::toks::bits::ADVERB)
                });
                if !glue || cue.verb == from {
                    return None;
                }
                drafts
                    .iter()
                    .rev()
                    .find(|d| d.quote_idx == Some(t))
                    .and_then(|d| d.speaker)
            });
            // `Er glaubt weiterhin, dass das Team gestärkt sei: „…“`: the cue's subject was
            // not found next to it, the clause's opening subject is the speaker
            let sp = sp.or_else(|| {
                ctx.np_at(from, colon).filter(|n| {
                    n.end < colon
                        && ctx.w(n.end).is_lower()
                        && (matches!(ctx.lower(n.start), "er" | "sie")
                            || !n.pronoun && super::reported::is_source(ctx, n))
                })
            });
            (cue, sp, addr)
        });
        if let Some((cue, sp, addr)) = found {
            // a comma left over from the quote before is no part of the frame
            let start = if ctx.s(from) == "," { from + 1 } else { from };
            let frame = vec![(start, colon + 1)];
            let conf = if sp.is_some() { 0.93 } else { 0.7 };
            drafts.push(direct_draft(
                ctx,
                q,
                "direct.preposed",
                Some(&cue),
                sp,
                addr,
                frame,
                conf,
            ));
            taken[q] = true;
        } else if let Some((so, n)) = so_before_colon(ctx, from, colon) {
            // `Das habe Methode, so Elshorst weiter: „…“`: the `so` frame names who goes on
            let cue = super::direct_postposed::word_cue(so, "so", None);
            drafts.push(direct_draft(
                ctx,
                q,
                "direct.preposed",
                Some(&cue),
                Some(n),
                None,
                vec![(so, colon + 1)],
                0.8,
            ));
            taken[q] = true;
        } else if let Some(m) = worten.filter(|&m| m + 2 < colon && ctx.s(m + 2) == "Worten") {
            // `… verabschiedete sich mit den Worten: „…“`, `schloss sich dem mit den Worten an:`:
            // the phrase is the cue, the clause's subject the speaker
            let cue = super::direct_postposed::word_cue(m, "mit den Worten", None);
            let sp = ctx.np_at(from, m);
            let mut d = direct_draft(
                ctx,
                q,
                "direct.preposed",
                Some(&cue),
                sp,
                None,
                vec![(from, colon + 1)],
                0.8,
            );
            d.cue = vec![(m, m + 3)];
            drafts.push(d);
            taken[q] = true;
        } else if let Some(sp) = going_on(ctx, drafts, from, colon) {
            // `Der Minister sagte: „…“ Und weiter: „…“`: the last speaker goes on
            drafts.push(direct_draft(
                ctx,
                q,
                "direct.preposed",
                None,
                Some(sp),
                None,
                vec![(from, colon + 1)],
                0.8,
            ));
            taken[q] = true;
        } else {
            // headline form `Feld: „…“`, also after a linking adverb (`Dazu Feld: „…“`)
            let start = if ctx.has(from, super::toks::bits::ADVERB) {
                from + 1
            } else {
                from
            };
            if let Some(n) = ctx.np_at(start, colon)
                && n.end == colon
                && !n.pronoun
            {
                drafts.push(direct_draft(
                    ctx,
                    q,
                    "direct.headline",
                    None,
                    Some(n),
                    None,
                    vec![(from, colon + 1)],
                    0.8,
                ));
                taken[q] = true;
            } else if let Some(n) = ctx
                .np_at(start, colon)
                .filter(|n| n.end < colon && ctx.w(n.end).is_lower())
                // `Hier sparte der Bundespräsident nicht mit Kritik: „…“`: the subject after the
                // verb when an adverbial opens the clause
                .or_else(|| inverted_subject(ctx, from, colon))
                .filter(|n| {
                    // `Er schließt sich dem Verdacht an, …: „…“`: a clause whose subject is a person
                    // and which opens a quote with a colon attributes it, speech verb or not
                    n.end < colon
                    && ctx.w(n.end).is_lower()
                    // (`(kurz: „IG Bau“)`: a word or two after a colon is a term)
                    && ctx.words_in(ctx.quotes[q].inner()).count() >= 3
                    && (matches!(ctx.lower(n.start), "er" | "sie")
                        || n.titled
                        // `Koppelin wörtlich: „…“`
                        || ctx.lower(n.end) == "wörtlich" && n.start == start
                        // `Zypries sieht in dem Urteil eine Bestätigung: „…“`: a surname the
                        // article gives with a first name elsewhere
                        || n.end == n.start + 1
                            && ctx.w(n.start).is_upper()
                            && ctx.known_surname(ctx.s(n.start))
                        || (n.start..n.end).any(|j| {
                            ctx.has(j, super::toks::bits::NAME)
                                || ctx.role(j).is_some_and(|r| {
                                    matches!(
                                        r.kind,
                                        NounType::Person | NounType::Organisation | NounType::Media
                                    )
                                })
                        }))
                })
            {
                drafts.push(direct_draft(
                    ctx,
                    q,
                    "direct.preposed",
                    None,
                    Some(n),
                    None,
                    vec![(from, colon + 1)],
                    0.6,
                ));
                taken[q] = true;
            } else if headline_line(ctx, from, q) {
                // `Impfstart in Berlin: „Wir sind vorbereitet“`: a topic before the colon names
                // nobody; the quote is still speech, its speaker left to the article
                drafts.push(direct_draft(
                    ctx,
                    q,
                    "direct.headline",
                    None,
                    None,
                    None,
                    Vec::new(),
                    0.5,
                ));
                taken[q] = true;
            } else if full_sentence(ctx, q) {
                // `Jegliche Mitverantwortung weist Hartmann von sich: „Diese Verantwortung kann
                // nur der Vorsitzende übernehmen.“`: a whole sentence quoted after a colon is
                // speech even when the clause before names no speech act; titles and names
                // (`stellte die neue CD vor: „Have a nice day“`) carry no sentence punctuation
                let sp = person_in(ctx, from, colon);
                drafts.push(direct_draft(
                    ctx,
                    q,
                    "direct.preposed",
                    None,
                    sp,
                    None,
                    vec![(from, colon + 1)],
                    0.5,
                ));
                taken[q] = true;
            }
        }
    }
}

/// `…, so Elshorst weiter:` at the end of the clause before a colon: the `so` and its speaker
/// (an adverb such as `weiter` or `zudem` may follow the name).
fn so_before_colon<K: TableKind>(
    ctx: &Ctx<'_, K>,
    from: usize,
    colon: usize,
) -> Option<(usize, Np)> {
    let so = (from + 1..colon)
        .rev()
        .find(|&k| ctx.s(k) == "so" && ctx.s(k - 1) == ",")?;
    let n = ctx.np_at(so + 1, colon).filter(|n| !n.pronoun)?;
    let rest_is_adverb = (n.end..colon)
        .all(|k| ctx.has(k, super::toks::bits::ADVERB) || matches!(ctx.s(k), "weiter" | "fort"));
    rest_is_adverb.then_some((so, n))
}

/// Is the colon clause at `from` a paragraph of its own, `Topic: „Quote“` and nothing after?
fn headline_line<K: TableKind>(ctx: &Ctx<'_, K>, from: usize, q: usize) -> bool {
    let qs = ctx.quotes[q];
    let si = ctx.tok_sent[from] as usize;
    let sent = ctx.sents[si];
    let opens_paragraph = sent.start == from && (si == 0 || ctx.sents[si - 1].para != sent.para);
    let last_si = ctx.tok_sent[qs.end - 1] as usize;
    let closes_paragraph =
        last_si + 1 >= ctx.sents.len() || ctx.sents[last_si + 1].para != sent.para;
    let tail_is_punct =
        (qs.end..ctx.sents[last_si].end).all(|k| matches!(ctx.s(k), "." | "!" | "?"));
    opens_paragraph
        && closes_paragraph
        && tail_is_punct
        && qs.open - from <= 9
        && ctx.words_in(qs.inner()).count() >= 2
}

/// Is quote `q` a whole sentence: three words or more, opening with a capital and closing with
/// sentence punctuation inside its marks?
fn full_sentence<K: TableKind>(ctx: &Ctx<'_, K>, q: usize) -> bool {
    let qs = ctx.quotes[q];
    let Some(close) = qs.close else {
        return false;
    };
    let inner = qs.inner();
    ctx.words_in(inner.clone()).count() >= 3
        && inner.start < close
        && ctx.w(inner.start).is_upper()
        && matches!(ctx.s(close - 1), "." | "!" | "?")
}

/// A named person in the clause `[from, to)`, not governed by a preposition nor in the
/// genitive: `Jegliche Mitverantwortung weist Hartmann von sich`, `Den Kurs stellte der
/// SPD-Vorsitzende Franz Müntefering in Frage`.
fn person_in<K: TableKind>(ctx: &Ctx<'_, K>, from: usize, to: usize) -> Option<Np> {
    let mut k = from;
    while k < to {
        let governed = k > from
            && (ctx.has(k - 1, super::toks::bits::PREP)
                || matches!(ctx.lower(k - 1), "des" | "eines"));
        if !governed
            && ctx.outside_quotes(k, None)
            && let Some(n) = ctx.np_at(k, to)
        {
            let named = (n.start..n.end).any(|j| {
                ctx.has(j, super::toks::bits::NAME)
                    || ctx.w(j).is_upper() && ctx.known_surname(ctx.s(j))
            });
            if named && !n.pronoun && !matches!(ctx.lower(n.start), "des" | "eines") {
                return Some(n);
            }
            k = n.end.max(k + 1);
            continue;
        }
        k += 1;
    }
    None
}

/// `Und weiter: „…“`, `Weiter: „…“`, `Und: „…“`: a lead-in of linking words alone before a
/// colon quote continues the speaker of the quote right before it (in the same paragraph).
fn going_on<K: TableKind>(
    ctx: &Ctx<'_, K>,
    drafts: &[Draft],
    from: usize,
    colon: usize,
) -> Option<Np> {
    if colon <= from
        || colon - from > 3
        || !(from..colon).all(|k| {
            matches!(
                ctx.lower(k),
                "und" | "weiter" | "zudem" | "außerdem" | "ferner" | "dann" | "später"
            )
        })
    {
        return None;
    }
    let para = ctx.sentence_of(from).para;
    let last = drafts
        .iter()
        .filter(|d| d.kind == crate::claims::Kind::Direct && d.speaker.is_some())
        .filter(|d| d.quote.last().is_some_and(|r| r.1 <= from))
        .max_by_key(|d| d.quote.last().map(|r| r.1))?;
    let end = last.quote.last()?.1;
    // (right before: nothing but the closing words of that sentence between)
    (ctx.sentence_of(end.saturating_sub(1)).para == para && from - end <= 12)
        .then_some(last.speaker)
        .flatten()
}

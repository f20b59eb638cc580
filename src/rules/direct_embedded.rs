//! A short quote embedded in a reporting clause: attributed when the sentence has a speech verb.
//!
//! `Kim hat seine „unbesiegbaren“ Beziehungen gelobt.` · `Er bezeichnete ihn als „Waffengefährten“.`
//! `Der Minister sprach von einem „schweren Fehler“.` · not: `das Projekt „Stuttgart 21“`

use super::direct_preposed::frame_in;
use super::{Ctx, Draft, direct_draft};
use crate::grammar::NounType;
use crate::rules::toks::TableKind;

/// Words after which a quoted phrase is a name or title, not speech.
fn names_a_title(prev: &str) -> bool {
    matches!(
        prev,
        "sogenannte"
            | "sogenannten"
            | "sogenannter"
            | "genannte"
            | "genannten"
            | "Titel"
            | "Projekt"
            | "Operation"
            | "Film"
            | "Buch"
            | "Roman"
            | "Album"
            | "Lied"
            | "Song"
            | "Sendung"
            | "Serie"
            | "Stück"
            | "Programm"
            | "Aktion"
            | "Kampagne"
            | "Motto"
            | "Schiff"
            | "Magazin"
            | "Zeitung"
            | "Zeitschrift"
            | "Wochenzeitung"
            | "Tageszeitung"
            | "Blatt"
            | "Portal"
            | "Initiative"
            | "Bewegung"
            | "Verein"
            | "Partei"
            | "Gruppe"
            | "Gesetz"
            | "Slogan"
            | "Hashtag"
            | "Marke"
            | "Firma"
            | "Hotel"
            | "Restaurant"
            | "Club"
            | "Show"
            | "Plan"
            | "Modell"
            | "Festival"
            | "Ausstellung"
            | "Spiel"
            | "Mission"
            | "Name"
            | "Begriff"
            | "Wort"
            | "Kürzel"
            | "Abkürzung"
            | "Stichwort"
            | "Zeitungen"
            | "laut"
            | "Laut"
            | "Website"
            | "Webseite"
            | "Internetseite"
            | "Seite"
            | "Namen"
            | "Organisation"
            | "Umweltschutzorganisation"
            | "Fluggesellschaft"
            | "Raumschiff"
            | "Sender"
            | "Unternehmen"
            | "Band"
    )
}

/// How many tokens before and after an embedded quote its frame may stand.
const FRAME_REACH: usize = 80;

/// Runs the rule.
pub(crate) fn apply<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut Vec<Draft>, taken: &mut [bool]) {
    let containers = Containers::new(drafts);
    for (q, qs) in ctx.quotes.iter().enumerate() {
        let Some(close) = qs.close else { continue };
        if taken[q] {
            continue;
        }
        // `„Bild“-Zeitung`, `„Spiegel“-Bericht`: a compound with a title
        if ctx
            .toks
            .get(close + 1)
            .is_some_and(|t| !t.space_before && ctx.s(close + 1) == "-")
        {
            continue;
        }
        // `die Modelle „Touareg“`, `der Wirbelsturm „Nargis“`: one capitalised word right after
        // a noun is that noun's name
        if qs.open > 0
            && ctx.words_in(qs.inner()).count() == 1
            && ctx.words_in(qs.inner()).all(|k| ctx.w(k).is_upper())
            && (ctx.toks[qs.open - 1].kind == crate::text::TokKind::Word
                && ctx.w(qs.open - 1).is_upper()
                && ctx.sentence_of(qs.open).start != qs.open - 1
                // (and the next of a list: `die Modelle „Touareg“ und „Phaeton“`)
                || qs.open >= 2
                    && matches!(ctx.s(qs.open - 1), "und" | "oder" | "sowie")
                    && q > 0
                    && ctx.quotes[q - 1].close == Some(qs.open - 2)
                    && ctx.words_in(ctx.quotes[q - 1].inner()).count() == 1
                    && ctx.quotes[q - 1].open > 0
                    && ctx.w(ctx.quotes[q - 1].open - 1).is_upper())
        {
            continue;
        }
        // `Teile des „Gesetzes über den Verfassungsschutz“`, `Träger des „Sacharow-Preises für
        // geistige Freiheit“`: a capitalised title in the genitive after `des`/`eines`
        if qs.open > 0
            && matches!(ctx.s(qs.open - 1), "des" | "eines")
            && ctx
                .words_in(qs.inner())
                .next()
                .is_some_and(|k| ctx.w(k).is_upper())
            && !qs
                .inner()
                .any(|k| matches!(ctx.s(k), "." | "!" | "?" | ","))
        {
            continue;
        }
        if qs.open > 0 {
            let prev = ctx.s(qs.open - 1);
            if names_a_title(prev)
                || ctx
                    .lex
                    .role(prev)
                    .is_some_and(|r| r.kind == NounType::Media)
            {
                continue;
            }
        }
        if nest(ctx, q, drafts, &containers) {
            taken[q] = true;
            continue;
        }
        // `skandierten Sprüche wie „Gefälschte Demokratie“`: after `wie` capitals are no title
        let example = after_wie(ctx, qs.open);
        if looks_like_a_name(ctx, q) && !example {
            continue;
        }
        let words = ctx.words_in(qs.inner()).count();
        let sent = ctx.sentence_of(qs.open);
        // a whole-sentence quote is no embedded one
        if qs.open == sent.start && close + 2 >= sent.end {
            continue;
        }
        let parent = ctx.parent_of(q);
        // the clause around the quote: from the sentence start or the last closing mark before it
        // the whole sentence (within the quote this one is nested in): other embedded quotes
        // of the same clause share its subject (`hat seine „…“ Beziehungen gelobt und ihn als
        // „…“ bezeichnet`), and the cue closest to the quote is taken
        let (mut from, mut to) = (sent.start, sent.end.min(ctx.toks.len()));
        // a frame stands near its quote: in a run-on `sentence` of thousands of quotes, searching
        // all of it for every quote was quadratic
        from = from.max(qs.open.saturating_sub(FRAME_REACH));
        to = to.min(qs.end + FRAME_REACH);
        if let Some(p) = parent {
            let inner = ctx.quotes[p].inner();
            from = from.max(inner.start);
            to = to.min(inner.end);
        }
        let Some((cue, sp, addr)) = frame_in(ctx, from, to, Some(q), Some(qs.open))
            .or_else(|| frame_in(ctx, from, to, parent, Some(qs.open)))
        else {
            // `Für den Gesundheitsminister ist die Lage „alarmierend“`: whose judgement the
            // quoted predicate is
            if let Some((copula, n)) = judged_by(ctx, from, qs.open) {
                let cue = super::direct_postposed::word_cue(copula, "sein", None);
                drafts.push(direct_draft(
                    ctx,
                    q,
                    "direct.embedded",
                    Some(&cue),
                    Some(n),
                    None,
                    vec![(n.start - 1, qs.open)],
                    0.6,
                ));
                taken[q] = true;
            }
            continue;
        };
        // `Seine Werke werden von Musikkennern als „Meilensteine“ bezeichnet`, `die als
        // „nebelartig“ beschrieben wurden`: a passive naming verb quotes without a subject; its
        // agent after `von`, when given, is the speaker
        let passive_naming = sp.is_none()
            && ctx.is_passive(&cue)
            && (qs.open.saturating_sub(3)..qs.open).any(|k| ctx.s(k) == "als")
            && governed_by_naming_verb(ctx, q, &cue);
        if passive_naming {
            let agent = (from..qs.open)
                .find(|&k| matches!(ctx.s(k), "von" | "vom"))
                .and_then(|k| ctx.np_at(k + 1, qs.open))
                .filter(|n| super::reported::is_source(ctx, n));
            let mut cue = cue;
            if let Some(a) = (qs.open.saturating_sub(3)..qs.open).find(|&k| ctx.s(k) == "als") {
                cue.prep = Some(a);
            }
            drafts.push(direct_draft(
                ctx,
                q,
                "direct.embedded",
                Some(&cue),
                agent,
                None,
                vec![(qs.end, ctx.frame_tail_end(qs.end))],
                0.5,
            ));
            taken[q] = true;
            continue;
        }
        let Some(sp) = sp else { continue };
        // `Dann nennt sie sich „documenta 12“`, `Dies nennt man einen „Aktiensplit“`: a name
        // given, not words quoted
        if &*cue.lemma == "nennen"
            && (cue.verb + 1..(cue.verb + 3).min(qs.open))
                .any(|k| matches!(ctx.s(k), "sich" | "man"))
        {
            continue;
        }
        // a longer fragment needs a quoting verb; a short one a naming verb (below)
        if words >= 4
            && !(cue.frames.quote
                || cue.frames.als
                || cue.frames.von
                || cue.frames.zu
                || cue.frames.dass
                || cue.frames.v2
                || governed_by_naming_verb(ctx, q, &cue))
        {
            continue;
        }
        // short quoted words are names, terms or scare quotes unless a naming verb governs them
        // … but a phrase of two or three words that opens in lower case is no name or term
        // (`die Zustimmung „trotz einiger Vorbehalte“ bekanntgegeben`)
        let phrase = words >= 2
            && ctx
                .words_in(qs.inner())
                .next()
                .is_some_and(|k| ctx.w(k).is_lower());
        if words < 4 && !phrase && !governed_by_naming_verb(ctx, q, &cue) {
            continue;
        }
        // `bezeichnete … als „…“`: the `als` before the quote is part of the cue
        let mut cue = cue;
        if cue.prep.is_none()
            && let Some(a) = (qs.open.saturating_sub(3)..qs.open).find(|&k| ctx.s(k) == "als")
            && (cue.verb < a || (cue.frames.als && cue.verb > qs.open))
        {
            cue.prep = Some(a);
        }
        // the frame is the reporting clause on the cue's side of the quote
        let frame = if cue.verb < qs.open {
            let mut lo = cue.verb.min(sp.start);
            while lo > from && ctx.s(lo - 1) != "," {
                lo -= 1;
            }
            vec![(lo, qs.open)]
        } else if sp.end <= qs.open {
            // `der Verband IGEB, der die Maßnahme als „…“ bezeichnete`: the clause around the
            // quote, from its start to the verb after it
            let mut lo = sp.start;
            while lo > from && ctx.s(lo - 1) != "," {
                lo -= 1;
            }
            vec![(lo, qs.open), (qs.end, ctx.frame_tail_end(qs.end))]
        } else {
            vec![(qs.end, ctx.frame_tail_end(qs.end).max(sp.end))]
        };
        drafts.push(direct_draft(
            ctx,
            q,
            "direct.embedded",
            Some(&cue),
            Some(sp),
            addr,
            frame,
            0.7,
        ));
        taken[q] = true;
    }
}

/// A quote inside another claim's content is the same speaker's words: a nested direct claim
/// that shares the container's speaker, cue and frame.
fn nest<K: TableKind>(
    ctx: &Ctx<'_, K>,
    q: usize,
    drafts: &mut Vec<Draft>,
    containers: &Containers,
) -> bool {
    let qs = ctx.quotes[q];
    if looks_like_a_name(ctx, q) || (qs.open > 0 && names_a_title(ctx.s(qs.open - 1))) {
        return false;
    }
    let Some(container) = containers.first_around(qs.open, qs.end).map(|i| &drafts[i]) else {
        return false;
    };
    // a word or two in quotes inside a summarised speech act is mostly a term, not a quotation
    let words = ctx.words_in(qs.inner()).count();
    // … and a single capitalised word a name or a term (`„Amflora“`, `„Interfax“`, `ihrer
    // „Vorbildfunktion“`); a quoted verb or adjective (`„kaputt“`, `„begonnen“`) is the speaker's
    // (but a name takes no indefinite article: `nur ein „Papiertiger“`, `einen „Ruck“` are
    // words the speaker chose)
    let indefinite = qs.open > 0
        && matches!(
            ctx.lower(qs.open - 1),
            "ein" | "eine" | "einen" | "einem" | "einer" | "eines"
        );
    if words == 1
        && !indefinite
        && ctx
            .words_in(qs.inner())
            .next()
            .is_some_and(|k| ctx.w(k).is_upper() || ctx.toks[k].kind != crate::text::TokKind::Word)
    {
        return false;
    }
    if (container.kind == crate::claims::Kind::Reported || container.rule == "free_indirect.sollen")
        && words < 3
    {
        return false;
    }
    if qs.open >= 2 && ctx.s(qs.open - 1) == ":" && names_a_title(ctx.s(qs.open - 2)) {
        return false;
    }
    let mut d = container.clone();
    d.kind = crate::claims::Kind::Direct;
    d.quote = vec![(qs.open, qs.end)];
    d.nested = true;
    d.rule = "direct.nested";
    d.mood = crate::claims::Mood::Indicative;
    d.quote_idx = Some(q);
    d.confidence = 0.75;
    drafts.push(d);
    true
}

/// The content ranges of the claims that are not direct: which claim holds a quote is asked
/// for every quote, and scanning every claim each time made a long document quadratic.
struct Containers(super::RangeIndex);

impl Containers {
    fn new(drafts: &[Draft]) -> Self {
        let mut index = super::RangeIndex::default();
        for (i, d) in drafts.iter().enumerate() {
            if d.kind != crate::claims::Kind::Direct {
                for r in &d.quote {
                    index.insert(*r, i);
                }
            }
        }
        Containers(index)
    }

    /// The first claim (in draft order) with a range around `[start, end)`.
    fn first_around(&self, start: usize, end: usize) -> Option<usize> {
        self.0
            .overlapping((start, end))
            .filter(|&(r, _)| r.0 <= start && end <= r.1)
            .map(|(_, i)| i)
            .min()
    }
}

/// After every other rule: quotes inside reported or free indirect claims.
pub(crate) fn nest_remaining<K: TableKind>(
    ctx: &Ctx<'_, K>,
    drafts: &mut Vec<Draft>,
    taken: &mut [bool],
) {
    let containers = Containers::new(drafts);
    for (q, t) in taken.iter_mut().enumerate() {
        if !*t && ctx.quotes[q].close.is_some() && nest(ctx, q, drafts, &containers) {
            *t = true;
        }
    }
}

/// A quoted title or proper name: mostly capitalised words and no sentence inside
/// (`„Higashi Nihon Jutaku Hyoka Center“`, `„Iceland Nature Conservation Association“`).
fn looks_like_a_name<K: TableKind>(ctx: &Ctx<'_, K>, q: usize) -> bool {
    // (the words are counted, not collected: every quote asks, and the two vectors were two
    // allocations each time)
    if ctx.words_in(ctx.quotes[q].inner()).nth(1).is_none()
        || ctx.quotes[q]
            .inner()
            .any(|k| matches!(ctx.s(k), "." | "!" | "?" | ","))
    {
        return false;
    }
    // short lower-case words are the glue of titles (`Championnat du Monde de Pétanque`)
    let glue = |s: &str| {
        matches!(
            s,
            "du" | "de" | "la" | "le" | "of" | "the" | "and" | "del" | "di" | "y" | "et"
        )
    };
    let (mut content, mut upper) = (0, 0);
    for k in ctx.words_in(ctx.quotes[q].inner()) {
        if !glue(ctx.s(k)) {
            content += 1;
            if !ctx.w(k).is_lower() {
                upper += 1;
            }
        }
    }
    content > 0 && upper * 10 >= content * 7
}

/// A short quote is speech only as the object of a naming verb: `bezeichnete ihn als
/// „Waffengefährten“`, `sprach von einem „Fehler“`, `nannte die Lage „angespannt“`.
fn governed_by_naming_verb<K: TableKind>(
    ctx: &Ctx<'_, K>,
    q: usize,
    cue: &super::CueMatch,
) -> bool {
    let open = ctx.quotes[q].open;
    let before =
        |w: &str, within: usize| (open.saturating_sub(within)..open).any(|k| ctx.s(k) == w);
    match &*cue.lemma {
        "nennen" | "hervorheben" | "würdigen" | "preisen" | "loben" | "kritisieren" | "warnen"
        | "verurteilen" | "begrüßen" | "feiern" | "titulieren" | "beschimpfen" | "versprechen"
        | "zusagen" | "zurückweisen" | "ankündigen" | "fordern" => true,
        "sprechen" => before("von", 4) || before("vom", 3),
        // `beschrieb den Täter als „auffallend ruhig“`: any speech verb naming something as …
        // `skandierten Sprüche wie „Gefälschte Demokratie“`: an example of what was said
        _ => {
            before("als", 3)
                || (cue.frames.von && (before("von", 4) || before("vom", 3)))
                || (cue.frames.quote && after_wie(ctx, open))
        }
    }
}

/// Does the quote opening at `open` give an example after `wie`: `Parolen wie „…“`, `wie zum
/// Beispiel „…“`, `wie etwa „…“`, and the next of a list (`wie „…“ oder „…“`)?
fn after_wie<K: TableKind>(ctx: &Ctx<'_, K>, open: usize) -> bool {
    let mut k = open;
    // back over earlier examples of the list: `„…“ oder`, `„…“,`
    while k >= 2 && matches!(ctx.s(k - 1), "oder" | "und" | ",") {
        match ctx.quote_at(k - 2) {
            Some(p) if ctx.quotes[p].end == k - 1 => k = ctx.quotes[p].open,
            _ => break,
        }
    }
    let s = |d: usize| if k >= d { ctx.s(k - d) } else { "" };
    // (`wie ein „…“`: an article between)
    s(1) == "wie" || s(2) == "wie" || (s(1) == "Beispiel" && s(2) == "zum" && s(3) == "wie")
}

/// `Für <person> ist/war … „…“`: the person a quoted predicate is attributed to, and the copula.
fn judged_by<K: TableKind>(
    ctx: &Ctx<'_, K>,
    from: usize,
    open: usize,
) -> Option<(usize, super::np::Np)> {
    let f = (from..open).find(|&k| {
        ctx.lower(k) == "für" && (k == from || matches!(ctx.s(k - 1), "," | "–" | "-"))
    })?;
    let n = ctx.np_at(f + 1, open).filter(|n| !n.pronoun)?;
    let person = (n.start..n.end).any(|j| {
        ctx.has(j, super::toks::bits::NAME)
            || ctx.role(j).is_some_and(|r| r.kind != NounType::Document)
    });
    let copula = (n.end..open).find(|&k| {
        matches!(
            ctx.s(k),
            // (indicative only: `Für Küng sei der Rücktritt „verständlich“` reports what
            // someone said of his view, and the whole sentence is that report)
            "ist" | "war" | "sind" | "waren"
        )
    })?;
    // the copula follows the phrase, and the quote ends the clause's predicate
    (person && copula == n.end && (copula + 1..open).all(|k| ctx.s(k) != ","))
        .then_some((copula, n))
}

//! A direct quote with its frame after it.
//!
//! `„Wir prüfen alle Optionen“, sagte Innenminister Markus Feld (CDU).`
//! `„Ist das alles?“, fragte die Abgeordnete.` · `„Das reicht nicht“, so Feld.`
//! `„Wir ermitteln“, teilte die Polizei mit.` · `„Die Lage ist ernst“, heißt es in dem Bericht.`
//! `„Wir kommen wieder“ sagte Kroll.` (missing comma tolerated)

use super::{Ctx, CueMatch, Draft, direct_draft};
use crate::grammar::Form;
use crate::rules::toks::TableKind;
use crate::text::TokKind;

/// Where the frame after a closing mark may reach: the sentence end or the next quote.
pub(crate) fn frame_limit<K: TableKind>(ctx: &Ctx<'_, K>, k: usize) -> usize {
    let sent = ctx.sentence_of(k.min(ctx.toks.len() - 1));
    let mut e = k;
    while e < sent.end {
        // (a short quoted name is part of the frame: `schrieb „Die Zeit“`)
        match ctx.name_quote_at(e) {
            Some(close) if e > k && close < sent.end => e = close + 1,
            _ if ctx.quote_at(e).is_some() => break,
            _ => e += 1,
        }
    }
    e
}

/// A pseudo-cue for a word that is not a verb (`so`, `heißt es`).
pub(crate) fn word_cue(k: usize, lemma: &str, particle: Option<usize>) -> CueMatch {
    CueMatch {
        verb: k,
        particle,
        aux: None,
        reflexive: None,
        prep: None,
        particle_extra: 0,
        lemma: lemma.into(),
        form: Form::Present,
        frames: Default::default(),
    }
}

/// Finds the frame that follows token `k` (just after a closing mark and its comma).
pub(crate) fn frame_at<K: TableKind>(
    ctx: &Ctx<'_, K>,
    k: usize,
) -> Option<(
    CueMatch,
    Option<super::np::Np>,
    Option<super::Range>,
    &'static str,
)> {
    if k >= ctx.toks.len() {
        return None;
    }
    let end = frame_limit(ctx, k);
    if k >= end {
        return None;
    }
    let s = ctx.s(k);
    if s == "so" {
        let sp = ctx.speaker_after(k + 1, end)?;
        if sp.start != k + 1 {
            return None;
        }
        return Some((word_cue(k, "so", None), Some(sp), None, "direct.so"));
    }
    if super::words::is_heisst(s) && k + 1 < end && ctx.s(k + 1) == "es" {
        let cue = word_cue(k, "heißen", Some(k + 1));
        // `heißt es in dem Bericht`: the document is the source
        let mut sp = None;
        if k + 2 < end
            && matches!(
                ctx.s(k + 2),
                "in" | "im" | "aus" | "von" | "vom" | "seitens"
            )
        {
            // after the preposition a dative is the source itself
            sp = ctx
                .np_coord_at(k + 3, end)
                .or_else(|| ctx.speaker_after(k + 3, end))
                .filter(|n| n.start <= k + 4);
            if let Some(n) = sp.as_mut()
                && ctx.s(k + 2) == "im"
            {
                n.start = n.start.min(k + 3);
            }
        }
        return Some((cue, sp, None, "direct.postposed"));
    }
    let cue = ctx.cue_at(k)?;
    match cue.form {
        Form::Present | Form::Preterite | Form::Konj1 => {
            let mut sp = ctx.speaker_after(k + 1, end);
            // `„Endlich!“, entfährt es dem Trainer`: after an expletive `es` the dative
            // experiencer speaks
            // (`teilte es mit` is the ministry's `es`: only a dative right after it speaks)
            if let Some(n) = sp
                && n.pronoun
                && ctx.lower(n.start) == "es"
                && let Some(m) = ctx.np_at(n.end, end).filter(|m| {
                    m.start == n.end && matches!(ctx.lower(m.start), "dem" | "der" | "ihm" | "ihr")
                })
            {
                sp = Some(m);
            }
            let addr = sp.and_then(|n| ctx.addressee_after(n.end, end));
            Some((cue, sp, addr, "direct.postposed"))
        }
        _ => None,
    }
}

/// Runs the rule.
pub(crate) fn apply<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut Vec<Draft>, taken: &mut [bool]) {
    for (q, qs) in ctx.quotes.iter().enumerate() {
        let Some(close) = qs.close else { continue };
        if taken[q] || close + 1 >= ctx.toks.len() {
            continue;
        }
        // `Die Gespräche seien „in einer entscheidenden Phase“, sagte Renner`: the frame belongs
        // to the whole clause (indirect speech with a nested quote), not to the quote
        let sent = ctx.sentence_of(qs.open);
        let opens_clause = qs.open == sent.start
            || matches!(
                ctx.s(qs.open - 1),
                ":" | "„" | "“" | "\"" | "»" | "«" | "(" | "–" | "-"
            )
            || ctx.quote_at(qs.open - 1).is_some();
        if !opens_clause {
            continue;
        }
        let mut k = close + 1;
        let comma = ctx.s(k) == ",";
        if comma {
            k += 1;
        } else if !(ctx.toks[k].kind == TokKind::Word && ctx.w(k).is_lower())
            || ctx.toks[k].newlines > 0
        {
            continue;
        }
        // perfect tense: `„…“, hat er gesagt.`
        if k < ctx.toks.len() && ctx.has(k, super::toks::bits::AUX) {
            let end = frame_limit(ctx, k);
            if let Some(sp) = ctx.speaker_after(k + 1, end)
                && let Some(cue) =
                    (sp.end..end).find_map(|v| ctx.cue_at(v).filter(|c| c.form == Form::Participle))
            {
                let mut cue = cue;
                cue.particle = None;
                cue.aux = Some(k);
                let frame = vec![(close + 1, ctx.frame_tail_end(k))];
                let d = direct_draft(
                    ctx,
                    q,
                    "direct.postposed",
                    Some(&cue),
                    Some(sp),
                    None,
                    frame,
                    0.9,
                );
                drafts.push(d);
                taken[q] = true;
                continue;
            }
        }
        if let Some((cue, sp, addr, rule)) = frame_at(ctx, k)
            // without the comma only a quoting verb with its subject right after it makes
            // `“ sagte Kroll` a frame (`„Shenzhou 6“ besteht aus …` is a name)
            && (comma
                || (cue.frames.quote
                    && sp.is_some_and(|n| n.start == k + 1)
                    && ctx.words_in(qs.inner()).count() >= 3))
        {
            let conf = if sp.is_some() { 0.95 } else { 0.75 };
            // the corpus frame runs from the comma after the quote to the clause end
            let mut end = ctx.frame_tail_end(k);
            if let Some(n) = sp {
                end = end.max(n.end);
            }
            let frame = vec![(close + 1, end)];
            drafts.push(direct_draft(
                ctx,
                q,
                rule,
                Some(&cue),
                sp,
                addr,
                frame,
                conf,
            ));
            taken[q] = true;
        }
    }
}

//! A quote that is a sentence of its own, without a cue: it keeps the speaker of the claim just
//! before it, takes the person the previous sentence is about, or the speaker that the next
//! sentence names.
//!
//! `„Das ist unser letztes Angebot“, betonte Feld. „Mehr ist nicht drin.“`
//! `Blinken wandte sich an die Presse. „Wir sind besorgt.“`
//! `„So etwas habe ich nie erlebt.“ Das sagte Bürgermeister Jonas Reiter am Sonntag.`
//! `„Die Verhandlungen waren zäh.“ ¶ „Das Ergebnis ist ein Kompromiss“, sagte Hollweg.`

use super::{Ctx, CueMatch, Draft, Range, direct_draft};
use crate::grammar::Form;

/// `Das sagte X` / `Dies erklärte X` right after the quote: cue, speaker and frame.
fn anaphoric_frame(ctx: &Ctx, next: usize) -> Option<(CueMatch, super::np::Np, Range)> {
    let sent = ctx.sents[next];
    if !matches!(ctx.s(sent.start), "Das" | "Dies" | "So") || sent.end < sent.start + 3 {
        return None;
    }
    let cue = ctx
        .cue_at(sent.start + 1)
        .filter(|c| matches!(c.form, Form::Present | Form::Preterite))?;
    let end = ctx.frame_tail_end(sent.start + 1);
    let sp = ctx.speaker_after(sent.start + 2, end)?;
    Some((cue, sp, (sent.start, end.max(sp.end))))
}

/// Runs the rule.
pub(crate) fn apply(ctx: &Ctx, drafts: &mut Vec<Draft>, taken: &mut [bool]) {
    for (q, qs) in ctx.quotes.iter().enumerate() {
        if taken[q] || qs.depth > 0 {
            continue;
        }
        let sent = ctx.sentence_of(qs.open);
        let starts_sentence = qs.open == sent.start;
        let words = ctx.words_in(qs.inner()).count();
        if !starts_sentence || words < 3 {
            continue;
        }
        let si = ctx.tok_sent[qs.open] as usize;
        let last_si = ctx.tok_sent[qs.end - 1] as usize;
        if last_si + 1 < ctx.sents.len()
            && ctx.sents[last_si + 1].para == ctx.sents[last_si].para
            && let Some((cue, sp, frame)) = anaphoric_frame(ctx, last_si + 1)
        {
            let d = direct_draft(
                ctx,
                q,
                "direct.anaphoric",
                Some(&cue),
                Some(sp),
                None,
                vec![frame],
                0.85,
            );
            drafts.push(d);
            taken[q] = true;
            continue;
        }
        // the closest claim before this quote, at most two sentences back
        let prev = drafts
            .iter()
            .filter(|d| d.speaker.is_some() && d.quote.last().is_some_and(|r| r.1 <= qs.open))
            .max_by_key(|d| d.quote.last().map(|r| r.1).unwrap_or(0));
        let near = prev.filter(|d| {
            let last = d
                .quote
                .last()
                .map(|r| r.1 - 1)
                .unwrap_or(0)
                .max(d.frame.last().map(|r| r.1 - 1).unwrap_or(0));
            si.saturating_sub(ctx.tok_sent[last] as usize) <= 2
                && ctx.sents[si]
                    .para
                    .saturating_sub(ctx.sentence_of(last).para)
                    <= 1
        });
        if let Some(p) = near {
            drafts.push(direct_draft(
                ctx,
                q,
                "direct.floating",
                None,
                p.speaker,
                None,
                Vec::new(),
                0.7,
            ));
            taken[q] = true;
            continue;
        }
        // the subject of the previous sentence: a person, an organisation or `er`/`sie`
        if si > 0 {
            let ps = ctx.sents[si - 1];
            if ps.para + 1 >= sent.para
                && ctx.quote_at(ps.start).is_none()
                && let Some(n) = ctx.np_at(ps.start, ps.end)
                && (!n.pronoun || matches!(ctx.s(n.start), "Er" | "Sie"))
                && n.end < ps.end
                && ctx.w(n.end).is_lower()
            {
                drafts.push(direct_draft(
                    ctx,
                    q,
                    "direct.floating",
                    None,
                    Some(n),
                    None,
                    Vec::new(),
                    0.6,
                ));
                taken[q] = true;
                continue;
            }
        }
        // a run of quote paragraphs whose last one carries the frame
        let next = drafts
            .iter()
            .filter(|d| {
                d.speaker.is_some()
                    && d.rule.starts_with("direct.")
                    && d.quote.first().is_some_and(|r| r.0 >= qs.end)
            })
            .min_by_key(|d| d.quote.first().map(|r| r.0).unwrap_or(usize::MAX));
        if let Some(n) = next
            && let Some(first) = n.quote.first()
            && ctx.tok_sent[first.0] as usize == last_si + 1
            && first.0 == ctx.sents[last_si + 1].start
        {
            drafts.push(direct_draft(
                ctx,
                q,
                "direct.floating",
                None,
                n.speaker,
                None,
                Vec::new(),
                0.6,
            ));
            taken[q] = true;
        }
    }
}

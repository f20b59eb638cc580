//! A quote that is a sentence of its own, without a cue: it keeps the speaker of the claim just
//! before it, or takes the person the previous sentence is about.
//!
//! `„Das ist unser letztes Angebot“, betonte Feld. „Mehr ist nicht drin.“`
//! `Blinken wandte sich an die Presse. „Wir sind besorgt.“`

use nom::Parser;

use super::np::np;
use super::{Ctx, Draft, direct_draft};

/// Runs the rule.
pub(crate) fn apply(ctx: &Ctx, drafts: &mut Vec<Draft>, taken: &mut [bool]) {
    for (q, qs) in ctx.quotes.iter().enumerate() {
        if taken[q] || qs.depth > 0 {
            continue;
        }
        let sent = ctx.sentence_of(qs.open);
        let starts_sentence = qs.open == sent.start;
        let words = qs
            .inner()
            .filter(|&k| ctx.w(k).t.kind != crate::text::TokKind::Punct)
            .count();
        if !starts_sentence || words < 3 {
            continue;
        }
        let si = ctx.tok_sent[qs.open] as usize;
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
            let d = direct_draft(
                ctx,
                q,
                "direct.floating",
                None,
                p.speaker,
                None,
                Vec::new(),
                0.7,
            );
            drafts.push(d);
            taken[q] = true;
            continue;
        }
        // the subject of the previous sentence, if it is a person or an organisation
        if si == 0 {
            continue;
        }
        let ps = ctx.sents[si - 1];
        if ps.para + 1 < sent.para {
            continue;
        }
        if let Ok((_, n)) = np(ctx.lex).parse(ctx.window(ps.start, ps.end))
            && !n.pronoun
            && ctx.quote_at(ps.start).is_none()
        {
            let d = direct_draft(
                ctx,
                q,
                "direct.floating",
                None,
                Some(n),
                None,
                Vec::new(),
                0.6,
            );
            drafts.push(d);
            taken[q] = true;
        }
    }
}

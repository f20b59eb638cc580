//! Indirect speech whose content is the sentence before, taken up by a pronoun.
//!
//! `Der Airbus startet am Mittwoch. Dies gab das Unternehmen bekannt.`
//! `… 65 Menschen starben. Das bestätigte ein Sprecher der Polizei.`
//! The corpus marks the previous sentence and the pronoun as the content.

use super::{Ctx, Draft, draft, mood_of};
use crate::claims::Kind;
use crate::grammar::Form;
use crate::rules::toks::TableKind;

/// Runs the rule.
pub(crate) fn apply<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut Vec<Draft>) {
    for (si, sent) in ctx.sents.iter().enumerate() {
        if si == 0 || sent.end < sent.start + 3 {
            continue;
        }
        let k = sent.start;
        if !matches!(
            ctx.s(k),
            "Das" | "Dies" | "Dieses" | "Davon" | "Darüber" | "Dazu"
        ) {
            continue;
        }
        let prev = ctx.sents[si - 1];
        // the previous sentence must be narrative of the same paragraph, not a quote or a headline
        if prev.para != sent.para || ctx.quote_at(prev.start).is_some() || prev.end < prev.start + 4
        {
            continue;
        }
        let Some(cue) = ctx
            .cue_at(k + 1)
            .filter(|c| matches!(c.form, Form::Present | Form::Preterite))
        else {
            continue;
        };
        // `Dies nennt man einen Aktiensplit`: naming, no report; `Dazu gab er bekannt, dass …`,
        // `Dazu ruft die Stadt auf, …`: a content clause of its own after a comma is what the
        // verb reports, not the sentence before
        if &*cue.lemma == "nennen"
            || matches!(ctx.s(k), "Dazu" | "Darüber" | "Davon")
                && (k + 2..sent.end).any(|j| ctx.s(j) == ",")
        {
            continue;
        }
        let end = ctx.frame_tail_end(k + 1);
        let Some(sp) = ctx.speaker_after(k + 2, end) else {
            continue;
        };
        let addr = ctx.addressee_after(sp.end, end);
        let quote = vec![(prev.start, k + 1)];
        let frame = vec![(k + 1, end.max(sp.end))];
        let mut d = draft(
            Kind::Indirect,
            quote,
            "indirect.anaphoric",
            Some(&cue),
            Some(sp),
            addr,
            frame,
            0.7,
        );
        d.mood = mood_of(ctx, prev.start, prev.end);
        drafts.push(d);
    }
}

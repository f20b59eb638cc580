//! The claim modal: `wollen` with a perfect infinitive reports what the subject claims about
//! itself, without a speech verb.
//!
//! `Feld will nichts gewusst haben.` (Feld says he knew nothing) · `Die Firma will die Mängel
//! früh gemeldet haben.` · not: `Feld will nach Berlin fahren.` (an intention)

use super::{Ctx, Draft, content_end, draft, mood_of};
use crate::claims::Kind;
use crate::rules::toks::TableKind;

/// Runs the rule.
pub(crate) fn apply<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut Vec<Draft>) {
    for sent in ctx.sents {
        let end = content_end(ctx, sent.start, sent.end);
        if end < sent.start + 4 || !matches!(ctx.lower(end - 1), "haben" | "sein") {
            continue;
        }
        // a participle right before `haben`/`sein`: `gewusst`, `gesehen`, `verloren`
        let participle = ctx.lower(end - 2);
        let is_participle = ctx.w(end - 2).is_lower()
            && (participle.starts_with("ge")
                || participle.ends_with('t')
                || participle.ends_with("en"));
        if !is_participle {
            continue;
        }
        let Some(modal) = (sent.start..end - 2)
            .find(|&k| matches!(ctx.lower(k), "will" | "wollen" | "wollte" | "wollten"))
        else {
            continue;
        };
        // no clause boundary between the modal and the infinitive
        if (modal + 1..end)
            .any(|k| matches!(ctx.s(k), "," | ";" | ":") || ctx.quote_at(k).is_some())
        {
            continue;
        }
        // the subject before the modal (`Feld will …`) or right after it (`Davon will Feld …`)
        // (`Davon`, `Damals`: an adverb before the modal is no subject)
        let adverb_first = ctx.has(sent.start, super::toks::bits::ADVERB)
            || ctx.has(sent.start, super::toks::bits::PREP)
            || (ctx.lower(sent.start).starts_with("da") && modal == sent.start + 1);
        let after = || {
            ctx.speaker_after(modal + 1, end)
                .filter(|n| n.start == modal + 1)
        };
        let sp = if adverb_first {
            after()
        } else {
            ctx.subject_before(sent.start, modal).or_else(after)
        };
        let Some(sp) = sp.filter(|n| !n.pronoun || matches!(ctx.lower(n.start), "er" | "sie"))
        else {
            continue;
        };
        let start = if sp.start > modal { sp.end } else { modal + 1 };
        let cue = super::direct_postposed::word_cue(modal, "wollen", None);
        let mut d = draft(
            Kind::Indirect,
            vec![(start, end)],
            "indirect.claim_modal",
            Some(&cue),
            Some(sp),
            None,
            vec![(sp.start.min(modal), start)],
            0.6,
        );
        d.mood = mood_of(ctx, start, end);
        drafts.push(d);
    }
}

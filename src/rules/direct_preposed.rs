//! A direct quote with its frame before it, after a colon.
//!
//! `Yilmaz sagte: „Wir streiken ab Montag.“` · `Am Mittwoch sagte der Minister in Berlin: „…“`
//! `Feld: „Wir sind bereit“` (headline form, no cue)

use super::np::{Np, np};
use super::{Ctx, CueMatch, Draft, Range, direct_draft};
use crate::grammar::Form;
use nom::Parser;

/// Finds a speech verb in `[from, to)` outside quotes and its subject: the phrase before the
/// verb when it opens the clause, else the phrase after the finite verb.
pub(crate) fn frame_in(
    ctx: &Ctx,
    from: usize,
    to: usize,
    q: Option<usize>,
) -> Option<(CueMatch, Option<Np>, Option<Range>)> {
    let v = (from..to).find_map(|k| ctx.outside_quotes(k, q).then(|| ctx.cue_at(k)).flatten())?;
    let mut cue = v;
    let finite = match cue.form {
        Form::Participle | Form::Infinitive => ctx.aux_before(from, cue.verb).unwrap_or(cue.verb),
        _ => cue.verb,
    };
    if matches!(cue.form, Form::Participle | Form::Infinitive) {
        cue.particle = None;
        cue.aux = (finite != cue.verb).then_some(finite);
    }
    let sp = ctx
        .subject_before(from, finite)
        .filter(|n| n.start == from || matches!(ctx.s(n.start - 1), "," | ":" | "und" | "–" | "-"))
        .or_else(|| ctx.speaker_after(finite + 1, to));
    let addr = sp.and_then(|n| {
        if n.end > finite {
            ctx.addressee_after(n.end, to)
        } else {
            ctx.addressee_after(finite + 1, to)
        }
    });
    Some((cue, sp, addr))
}

/// Runs the rule.
pub(crate) fn apply(ctx: &Ctx, drafts: &mut Vec<Draft>, taken: &mut [bool]) {
    for (q, qs) in ctx.quotes.iter().enumerate() {
        if taken[q] || qs.open == 0 || ctx.s(qs.open - 1) != ":" {
            continue;
        }
        let colon = qs.open - 1;
        let parent = ctx.parent_of(q);
        let sent = ctx.sentence_of(colon);
        // the clause before the colon: from the sentence start or the last quote before it
        let mut from = sent.start;
        for k in (sent.start..colon).rev() {
            if !ctx.outside_quotes(k, parent) || ctx.s(k) == "." {
                from = k + 1;
                break;
            }
        }
        if from >= colon {
            continue;
        }
        if let Some((cue, sp, addr)) = frame_in(ctx, from, colon, parent) {
            let frame = vec![(from, colon + 1)];
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
        } else if let Ok((_, n)) = np(ctx.lex).parse(ctx.window(from, colon))
            && n.end == colon
            && !n.pronoun
        {
            let frame = vec![(from, colon + 1)];
            drafts.push(direct_draft(
                ctx,
                q,
                "direct.headline",
                None,
                Some(n),
                None,
                frame,
                0.8,
            ));
            taken[q] = true;
        }
    }
}

//! Indirect speech as the complement clause of a speech verb, frame first.
//!
//! `Er sagte, er sei enttäuscht.` · `Die Ministerin erklärte, dass die Schulen öffnen.`
//! `Feld wies darauf hin, dass die Frist endet.` · `Die Abgeordnete fragte, ob …`
//! `Die Polizei forderte die Anwohner auf, die Fenster geschlossen zu halten.`

use super::direct_preposed::frame_in;
use super::{Ctx, Draft, content_end, indirect_draft, mood_of};
use crate::text::TokKind;

/// Does the clause at `k` look like a complement (dass/ob/w-word, a finite clause or zu-infinitive)?
pub(crate) fn is_complement_start(ctx: &Ctx, k: usize, end: usize) -> bool {
    if k >= end {
        return false;
    }
    let s = ctx.s(k).to_lowercase();
    if matches!(
        s.as_str(),
        "dass"
            | "ob"
            | "wann"
            | "warum"
            | "wie"
            | "wo"
            | "was"
            | "wer"
            | "weshalb"
            | "wieso"
            | "welche"
            | "welcher"
            | "wieviel"
            | "inwiefern"
            | "weil"
    ) {
        return true;
    }
    // a V2 clause: a subject and a finite verb within the next few words, or a zu-infinitive
    let window = (k..end.min(k + 25)).map(|j| ctx.s(j)).collect::<Vec<_>>();
    let has_subj = ctx.lex.subjunctive.contains_key(&ctx.s(k).to_lowercase())
        || (k + 6..end.min(k + 8)).len() < 99
            && window
                .iter()
                .take(8)
                .any(|w| ctx.lex.subjunctive.contains_key(&w.to_lowercase()));
    let has_zu = window.iter().any(|w| *w == "zu")
        || window
            .iter()
            .any(|w| w.contains("zu") && w.ends_with("en") && w.len() > 8);
    has_subj || has_zu
}

/// Runs the rule.
pub(crate) fn apply(ctx: &Ctx, drafts: &mut Vec<Draft>) {
    for sent in ctx.sents {
        let mut k = sent.start;
        while k < sent.end {
            let Some(cue) = ctx.outside_quotes(k, None).then(|| ctx.cue_at(k)).flatten() else {
                k += 1;
                continue;
            };
            let lex_frames = cue.frames;
            // the comma that ends the frame clause
            let last = cue
                .particle
                .unwrap_or(cue.verb)
                .max(cue.reflexive.unwrap_or(0));
            let mut c = last + 1;
            while c < sent.end
                && c < last + 12
                && ctx.toks[c].kind != TokKind::Punct
                && ctx.outside_quotes(c, None)
            {
                c += 1;
            }
            if c >= sent.end || ctx.s(c) != "," {
                k += 1;
                continue;
            }
            let start = c + 1;
            let end = content_end(ctx, start, sent.end);
            if end <= start + 1 || !is_complement_start(ctx, start, end) {
                k += 1;
                continue;
            }
            let is_dass = matches!(ctx.s(start), "dass" | "ob");
            if !is_dass
                && !(lex_frames.v2
                    || lex_frames.zu
                    || lex_frames.ob
                    || lex_frames.dass
                    || lex_frames.quote)
            {
                k += 1;
                continue;
            }
            // the frame clause starts at the sentence start or after the last comma before it
            let mut from = sent.start;
            for j in (sent.start..cue.verb).rev() {
                if matches!(ctx.s(j), ":" | ";") || !ctx.outside_quotes(j, None) {
                    from = j + 1;
                    break;
                }
            }
            let Some((cue2, sp, addr)) = frame_in(ctx, from, c, None) else {
                k += 1;
                continue;
            };
            let frame = vec![(from, c + 1)];
            let conf = if sp.is_some() { 0.85 } else { 0.6 };
            let mut d = indirect_draft(
                ctx,
                vec![(start, end)],
                "indirect.complement",
                Some(&cue2),
                sp,
                addr,
                frame,
                conf,
            );
            d.mood = mood_of(ctx, start, end);
            drafts.push(d);
            k = end;
        }
    }
}

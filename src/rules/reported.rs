//! Reported speech: a speech act summarised without its content clause.
//!
//! `Die Firma forderte eine schnellere Entscheidung.` · `Putin versprach ihm Hilfe.`
//! `Blinken kritisierte Chinas Unterstützung.` · `Der Konzern bestritt die Vorwürfe.`
//! The corpus marks the whole sentence, speaker inside, without cue or frame.

use super::direct_preposed::frame_in;
use super::{Ctx, Draft, indirect_draft};
use crate::claims::Kind;
use crate::grammar::Form;

/// Runs the rule on sentences no other claim touches.
pub(crate) fn apply(ctx: &Ctx, drafts: &mut Vec<Draft>, covered: &[bool]) {
    for sent in ctx.sents {
        if (sent.start..sent.end).any(|k| covered[k]) || sent.end - sent.start < 4 {
            continue;
        }
        let Some((cue, sp, _)) = frame_in(ctx, sent.start, sent.end, None) else {
            continue;
        };
        let Some(sp) = sp else { continue };
        if !(cue.frames.np || cue.frames.von || cue.frames.als)
            || sp.pronoun && ctx.s(sp.start).eq_ignore_ascii_case("es")
        {
            continue;
        }
        if matches!(cue.form, Form::Infinitive) {
            continue;
        }
        let mut d = indirect_draft(
            ctx,
            vec![(sent.start, sent.end)],
            "reported",
            None,
            Some(sp),
            None,
            Vec::new(),
            0.5,
        );
        d.kind = Kind::Reported;
        drafts.push(d);
    }
}

//! A quote introduced by `mit den Worten` (or `mit dem Satz`), without a colon: the phrase is
//! the cue, the subject of its clause the speaker, whether it stands before the phrase or after
//! the verb that follows the quote.
//!
//! `Mit den Worten „Jetzt wird alles diskutiert“, richtete er seinen Blick nach vorn.`
//! `Die Ministerin verabschiedete sich mit dem Satz „Wir sehen uns wieder“.`

use super::{Ctx, Draft, direct_draft};
use crate::rules::toks::TableKind;

/// `den Worten`, `dem Satz`, …: what `mit` introduces when it introduces a quotation.
fn quoting_phrase(det: &str, noun: &str) -> bool {
    matches!(
        (det, noun),
        ("den", "Worten")
            | ("den", "Sätzen")
            | ("dem", "Satz")
            | ("dem", "Ausruf")
            | ("der", "Bemerkung")
            | ("der", "Aussage")
            | ("der", "Feststellung")
    )
}

/// Runs the rule.
pub(crate) fn apply<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut Vec<Draft>, taken: &mut [bool]) {
    for (q, qs) in ctx.quotes.iter().enumerate() {
        if taken[q] || qs.depth > 0 || qs.close.is_none() || qs.open < 3 {
            continue;
        }
        let m = qs.open - 3;
        if !(ctx.s(m).eq_ignore_ascii_case("mit") && quoting_phrase(ctx.s(m + 1), ctx.s(m + 2))) {
            continue;
        }
        let sent = ctx.sentence_of(m);
        let end = sent.end.min(ctx.toks.len());
        // the clause starts after a colon: `Lawrow reagierte gelassen: Mit den Worten „…“, …`
        let start = (sent.start..m)
            .rev()
            .find(|&k| matches!(ctx.s(k), ":" | ";"))
            .map_or(sent.start, |k| k + 1);
        let (sp, frame) = if m > start {
            // `Die Ministerin verabschiedete sich mit dem Satz „…“`: the subject before the verb
            let sp = ctx
                .np_at(start, m)
                .filter(|n| n.end < m && ctx.w(n.end).is_lower());
            (sp, vec![(start, qs.open)])
        } else {
            // `Mit den Worten „…“, richtete er …`: the verb after the comma, then the subject
            let mut k = qs.end;
            if k < end && ctx.s(k) == "," {
                k += 1;
            }
            let sp = ctx.speaker_after(k + 1, end);
            let frame = vec![(m, qs.open), (qs.end, sp.map_or(k + 1, |n| n.end))];
            (sp, frame)
        };
        let Some(sp) = sp else { continue };
        // `Der Spiegel zitiert den Prediger mit den Worten „…“`: the one quoted said it too,
        // and the corpus gives the quote to both, as after a colon
        let quoted = (sp.end..m)
            .find(|&k| ctx.s(k).starts_with("zitier"))
            .and_then(|z| ctx.speaker_after(z + 1, m))
            .filter(|n| n.end == m);
        let cue = super::direct_postposed::word_cue(m, "mit den Worten", None);
        let mut d = direct_draft(
            ctx,
            q,
            "direct.with_words",
            Some(&cue),
            Some(sp),
            None,
            frame,
            0.8,
        );
        d.cue = vec![(m, m + 3)];
        if let Some(n) = quoted {
            let mut twin = d.clone();
            twin.speaker = Some(n);
            // (without a frame of their own, as the corpus marks them)
            twin.cue.clear();
            twin.frame.clear();
            twin.lemma = None;
            drafts.push(d);
            drafts.push(twin);
        } else {
            drafts.push(d);
        }
        taken[q] = true;
    }
}

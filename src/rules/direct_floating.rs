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
use crate::rules::toks::TableKind;

/// `Das sagte X` / `Dies erklärte X` / `Das musste X einräumen` right after the quote: cue,
/// speaker and frame.
fn anaphoric_frame<K: TableKind>(
    ctx: &Ctx<'_, K>,
    next: usize,
) -> Option<(CueMatch, super::np::Np, Range)> {
    let sent = ctx.sents[next];
    if !matches!(ctx.s(sent.start), "Das" | "Dies" | "So") || sent.end < sent.start + 3 {
        return None;
    }
    if let Some(cue) = ctx
        .cue_at(sent.start + 1)
        .filter(|c| matches!(c.form, Form::Present | Form::Preterite))
    {
        let end = ctx.frame_tail_end(sent.start + 1);
        let sp = ctx.speaker_after(sent.start + 2, end)?;
        return Some((cue, sp, (sent.start, end.max(sp.end))));
    }
    // `Das musste Finanzminister Peer Steinbrück zu Beginn der Debatte einräumen.`, `Das hat
    // der Minister gesagt.`: an auxiliary or modal, the speaker, and the cue closing the sentence
    let last = sent.end - 1 - usize::from(ctx.s(sent.end - 1) == ".");
    if !ctx.has(sent.start + 1, super::toks::bits::AUX)
        || last <= sent.start + 2
        || (sent.start..=last).any(|k| ctx.quote_at(k).is_some() || ctx.s(k) == ",")
    {
        return None;
    }
    // (`sagen`, `einräumen` read as the plural present too)
    let cue = ctx
        .cue_at(last)
        .filter(|c| matches!(c.form, Form::Infinitive | Form::Participle | Form::Present))?;
    let sp = ctx.speaker_after(sent.start + 2, last)?;
    Some((cue, sp, (sent.start, last + 1)))
}

/// A sentence of a speaker and a quoting verb only (`Sie fügte hinzu.`, `Der Minister sagte:`
/// cut by a full stop), in the quote's paragraph.
fn bare_inquit<K: TableKind>(
    ctx: &Ctx<'_, K>,
    si: usize,
    para: usize,
) -> Option<(CueMatch, super::np::Np, Range)> {
    let ps = ctx.sents[si];
    if ps.para != para || ps.end - ps.start > 6 || ps.end - ps.start < 3 || ctx.s(ps.end - 1) != "."
    {
        return None;
    }
    if (ps.start..ps.end).any(|k| ctx.quote_at(k).is_some()) {
        return None;
    }
    let (cue, sp, _) = super::direct_preposed::frame_in(ctx, ps.start, ps.end - 1, None, None)?;
    let sp = sp?;
    if !cue.frames.quote || !matches!(cue.form, Form::Present | Form::Preterite) {
        return None;
    }
    // nothing but the speaker, the verb and its particle
    let used = (sp.end - sp.start) + 1 + usize::from(cue.particle.is_some());
    if used + 1 != ps.end - ps.start {
        return None;
    }
    Some((cue, sp, (ps.start, ps.end)))
}

/// Runs the rule.
pub(crate) fn apply<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut Vec<Draft>, taken: &mut [bool]) {
    // the claims around each quote come from sorted lists, not from a scan of every claim per
    // quote (quadratic on a long text): claims with a speaker by where they end (a running
    // maximum as the quotes advance), direct ones by where they start (a binary search)
    let end_of = |d: &Draft| d.quote.last().map(|r| r.1).unwrap_or(0);
    let mut by_end: Vec<(usize, usize)> = drafts
        .iter()
        .enumerate()
        .filter(|(_, d)| d.speaker.is_some() && !d.quote.is_empty())
        .map(|(i, d)| (end_of(d), i))
        .collect();
    by_end.sort_unstable();
    let mut by_start: Vec<(usize, usize)> = drafts
        .iter()
        .enumerate()
        .filter(|(_, d)| d.speaker.is_some() && d.rule.starts_with("direct."))
        .filter_map(|(i, d)| Some((d.quote.first()?.0, i)))
        .collect();
    by_start.sort_unstable();
    let mut ended = 0;
    let mut pushed_from = drafts.len();
    let mut pending: Vec<(usize, usize)> = Vec::new();
    // (end, draft index) of the claim that ends last, the later draft on a tie
    let mut latest: Option<(usize, usize)> = None;
    for (q, qs) in ctx.quotes.iter().enumerate() {
        while ended < by_end.len() && by_end[ended].0 <= qs.open {
            latest = latest.max(Some(by_end[ended]));
            ended += 1;
        }
        // claims made here for earlier quotes count once this quote opens after them
        for (i, d) in drafts.iter().enumerate().skip(pushed_from) {
            if d.speaker.is_some() && !d.quote.is_empty() {
                pending.push((end_of(d), i));
            }
        }
        pushed_from = drafts.len();
        pending.retain(|&(end, i)| {
            if end <= qs.open {
                latest = latest.max(Some((end, i)));
            }
            end > qs.open
        });
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
        // `Sie fügte hinzu. „Wir werden …“`: a bare inquit sentence with a full stop where the
        // colon belongs is the quote's frame
        if si > 0
            && let Some((cue, sp, frame)) = bare_inquit(ctx, si - 1, sent.para)
        {
            drafts.push(direct_draft(
                ctx,
                q,
                "direct.floating",
                Some(&cue),
                Some(sp),
                None,
                vec![frame],
                0.7,
            ));
            taken[q] = true;
            continue;
        }
        // the closest claim before this quote, at most two sentences back
        let prev = latest.map(|(_, i)| &drafts[i]);
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
            // a topic label before the sentence is no subject: `Europapolitik: Die SPD will …`
            let start = if ps.start + 2 < ps.end && ctx.s(ps.start + 1) == ":" {
                ps.start + 2
            } else {
                ps.start
            };
            if ps.para + 1 >= sent.para
                && ctx.quote_at(ps.start).is_none()
                && let Some(n) = ctx.np_at(start, ps.end)
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
        let next = by_start
            .get(by_start.partition_point(|&(start, _)| start < qs.end))
            .map(|&(_, i)| &drafts[i]);
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
            continue;
        }
        // `Um die Zeit zu gewinnen, will Oettinger die Fächer straffen. „Nicht jede Formel ist
        // notwendig.“`: a whole sentence in quotation marks is a quotation even when no frame or
        // earlier claim nearby says whose
        // (the quote ends the sentence, or only a full stop follows it)
        if qs.end + 1 >= ctx.sents[last_si].end {
            // its speaker: that of a claim up to three sentences back (one paragraph at most),
            // else a person or institution that opens the sentence before (measured on train:
            // 0.73230 → 0.73248; none at all, 0.73230)
            let sp = prev
                .filter(|d| {
                    let last = d.quote.last().map(|r| r.1 - 1).unwrap_or(0);
                    si.saturating_sub(ctx.tok_sent[last] as usize) <= 3
                        && ctx.sents[si]
                            .para
                            .saturating_sub(ctx.sentence_of(last).para)
                            <= 1
                })
                .and_then(|d| d.speaker)
                .or_else(|| {
                    let ps = ctx.sents[si.checked_sub(1)?];
                    if ps.para + 1 < sent.para {
                        return None;
                    }
                    ctx.np_at(ps.start, ps.end).filter(|n| {
                        !n.pronoun && super::reported::is_source(ctx, n)
                            || n.pronoun && matches!(ctx.s(n.start), "Er" | "Sie")
                    })
                });
            drafts.push(direct_draft(
                ctx,
                q,
                "direct.floating",
                None,
                sp,
                None,
                Vec::new(),
                0.5,
            ));
            taken[q] = true;
        }
    }
}

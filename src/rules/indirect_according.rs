//! Indirect speech attributed by a preposition or adverb: according-to phrases.
//!
//! `Laut Polizei wurde niemand verletzt.` · `Der Stadt zufolge fehlen 200 Kitaplätze.`
//! `Nach Angaben des Veranstalters kamen 5000 Menschen.` · `Seiner Meinung nach ist das falsch.`
//! `Wie die Polizei mitteilte, wurde niemand verletzt.` · `Demnach soll die Zahl steigen.`
//! not: `nach drei Stunden`, `nach Berlin`, `es war laut`.

use nom::Parser;

use super::direct_postposed::word_cue;
use super::np::{Np, np};
use super::{Ctx, Draft, Range, content_end, indirect_draft, mood_of};

/// Nouns that make `nach …` an according-to phrase (`nach Angaben`, `nach Ansicht`).
fn is_source_noun(s: &str) -> bool {
    let l = s.to_lowercase();
    [
        "angaben",
        "ansicht",
        "meinung",
        "einschätzung",
        "einschätzungen",
        "worten",
        "aussage",
        "aussagen",
        "auffassung",
        "informationen",
        "darstellung",
        "schätzungen",
        "berichten",
        "erkenntnissen",
        "auskunft",
        "überzeugung",
        "beobachtungen",
        "ermittlungen",
        "recherchen",
        "zählung",
        "umfragen",
        "berechnungen",
        "vorstellung",
        "interpretation",
        "lesart",
        "überzeugung",
        "mitteilung",
        "annahmen",
    ]
    .iter()
    .any(|n| l == *n || (l.ends_with(n) && l.len() > n.len() + 3))
}

/// Runs the rule.
pub(crate) fn apply(ctx: &Ctx, drafts: &mut Vec<Draft>) {
    for sent in ctx.sents {
        let mut k = sent.start;
        while k < sent.end {
            if !ctx.outside_quotes(k, None) {
                k += 1;
                continue;
            }
            let low = ctx.s(k).to_lowercase();
            let found: Option<(Range, Np, usize)> = match low.as_str() {
                // laut X / gemäß X
                "laut" | "gemäß" => {
                    let r = np(ctx.lex)
                        .parse(ctx.window(k + 1, sent.end))
                        .ok()
                        .map(|(_, n)| n);
                    r.map(|n| ((k, n.end), n, k))
                }
                // nach Angaben (von|des) X, nach eigenen Angaben, nach Polizeiangaben
                "nach" => {
                    let mut j = k + 1;
                    if j < sent.end
                        && matches!(
                            ctx.s(j),
                            "eigenen"
                                | "offiziellen"
                                | "ersten"
                                | "vorläufigen"
                                | "übereinstimmenden"
                                | "unbestätigten"
                                | "jüngsten"
                                | "inoffiziellen"
                                | "bisherigen"
                        )
                    {
                        j += 1;
                    }
                    if j < sent.end && is_source_noun(ctx.s(j)) {
                        let mut end = j + 1;
                        if end < sent.end
                            && matches!(ctx.s(end), "von" | "des" | "der" | "eines" | "einer")
                        {
                            if let Ok((_, n)) = np(ctx.lex)
                                .parse(ctx.window(end + usize::from(ctx.s(end) == "von"), sent.end))
                            {
                                end = n.end;
                            }
                        }
                        let sp = Np {
                            start: k + 1,
                            end,
                            pronoun: false,
                            role_head: false,
                            has_det: false,
                            titled: false,
                        };
                        Some(((k, end), sp, k))
                    } else {
                        None
                    }
                }
                // X zufolge / seiner Meinung nach
                _ => None,
            };
            // `Wie die Polizei mitteilte, …` / `…, wie die Polizei mitteilte.`
            if low == "wie" && (k == sent.start || ctx.s(k - 1) == ",") {
                if let Some(d) = wie_frame(ctx, k, sent.start, sent.end) {
                    k = d.frame.last().map(|r| r.1).unwrap_or(k + 1).max(k + 1);
                    drafts.push(d);
                    continue;
                }
            }
            let found = found.or_else(|| {
                if (low == "zufolge" && k > sent.start)
                    || (low == "nach" && k > sent.start && is_source_noun(ctx.s(k - 1)))
                {
                    // the phrase before it: the earliest start that parses to exactly here
                    let lo = k.saturating_sub(8).max(sent.start);
                    let sp = (lo..k).find_map(|j| {
                        if !ctx.outside_quotes(j, None) {
                            return None;
                        }
                        let (_, n) = np(ctx.lex).parse(ctx.window(j, k)).ok()?;
                        (n.end == k).then_some(n)
                    });
                    let sp = sp.or_else(|| {
                        // `Seiner Meinung nach`, `Berichten zufolge`
                        let j = if k >= sent.start + 2 && super::words::is_det(ctx.s(k - 2)) {
                            k - 2
                        } else {
                            k - 1
                        };
                        (j >= sent.start && ctx.w(k - 1).is_upper()).then_some(Np {
                            start: j,
                            end: k,
                            pronoun: false,
                            role_head: false,
                            has_det: false,
                            titled: false,
                        })
                    })?;
                    Some(((sp.start, k + 1), sp, k))
                } else {
                    None
                }
            });
            let Some(((ps, pe), sp, cue_tok)) = found else {
                // Demnach / wonach: cue, speaker and frame in one word
                if matches!(low.as_str(), "demnach" | "wonach") {
                    let (start, end) = if k == sent.start {
                        (k + 1, content_end(ctx, k + 1, sent.end))
                    } else if low == "wonach" {
                        (k + 1, content_end(ctx, k + 1, sent.end))
                    } else {
                        (sent.start, content_end(ctx, sent.start, sent.end))
                    };
                    if end > start + 2 {
                        let sp = Np {
                            start: k,
                            end: k + 1,
                            pronoun: false,
                            role_head: false,
                            has_det: false,
                            titled: false,
                        };
                        let quote = if start <= k && k < end {
                            vec![(start, k), (k + 1, end)]
                        } else {
                            vec![(start, end)]
                        };
                        let cue = word_cue(k, &low, None);
                        let mut d = indirect_draft(
                            ctx,
                            quote,
                            "indirect.according",
                            Some(&cue),
                            Some(sp),
                            None,
                            vec![(k, k + 1)],
                            0.6,
                        );
                        d.mood = mood_of(ctx, start, end);
                        drafts.push(d);
                    }
                }
                k += 1;
                continue;
            };
            let end = content_end(ctx, sent.start, sent.end);
            let mut pe2 = pe;
            // `Laut X,` may carry a comma; the frame keeps it
            if pe2 < sent.end && ctx.s(pe2) == "," {
                pe2 += 1;
            }
            let quote: Vec<Range> = if ps == sent.start {
                vec![(pe2, end)]
            } else if pe2 >= end {
                // sentence-final `…, X zufolge.`
                let mut e = ps;
                while e > sent.start && ctx.s(e - 1) == "," {
                    e -= 1;
                }
                vec![(sent.start, e)]
            } else {
                vec![(sent.start, ps), (pe2, end)]
            };
            let quote: Vec<Range> = quote.into_iter().filter(|r| r.1 > r.0).collect();
            if quote.iter().map(|r| r.1 - r.0).sum::<usize>() >= 2 {
                let cue = word_cue(cue_tok, &low, None);
                let mut d = indirect_draft(
                    ctx,
                    quote,
                    "indirect.according",
                    Some(&cue),
                    Some(sp),
                    None,
                    vec![(ps, pe)],
                    0.8,
                );
                d.mood = mood_of(ctx, sent.start, end);
                drafts.push(d);
            }
            k = pe.max(k + 1);
        }
    }
}

/// `Wie X mitteilte, …`: cue `Wie` + verb, speaker `X`, content the rest of the sentence.
fn wie_frame(ctx: &Ctx, k: usize, sent_start: usize, sent_end: usize) -> Option<Draft> {
    let (_, sp) = np(ctx.lex).parse(ctx.window(k + 1, sent_end)).ok()?;
    // the verb closes the clause, possibly after an adverbial (`wie die Polizei am Montag mitteilte`)
    let comma_or_end =
        (sp.end..sent_end.min(sp.end + 8)).find(|&j| matches!(ctx.s(j), "," | "." | "!" | "?"))?;
    let v = (sp.end..comma_or_end)
        .rev()
        .find(|&j| ctx.cue_at(j).is_some())?;
    let mut cue = ctx.cue_at(v)?;
    cue.aux = None;
    let mut cue_spans = vec![(k, k + 1)];
    cue_spans.extend(cue.spans());
    let (quote, frame) = if k == sent_start {
        let end = content_end(ctx, comma_or_end + 1, sent_end);
        (vec![(comma_or_end + 1, end)], vec![(k, comma_or_end + 1)])
    } else {
        // mid-sentence or final: the content is the rest of the sentence around the frame
        let end = content_end(ctx, comma_or_end, sent_end);
        let mut q = vec![(sent_start, k - 1)];
        if ctx.s(comma_or_end) == "," && comma_or_end + 1 < end {
            q.push((comma_or_end + 1, end));
        }
        (q, vec![(k - 1, comma_or_end)])
    };
    let quote: Vec<Range> = quote.into_iter().filter(|r| r.1 > r.0 + 1).collect();
    if quote.is_empty() {
        return None;
    }
    let mut d = indirect_draft(
        ctx,
        quote.clone(),
        "indirect.wie",
        Some(&cue),
        Some(sp),
        None,
        frame,
        0.8,
    );
    d.cue = cue_spans;
    d.mood = mood_of(ctx, quote[0].0, quote.last().map(|r| r.1).unwrap_or(0));
    Some(d)
}

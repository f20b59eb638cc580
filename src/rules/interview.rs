//! Interview transcripts: a line that opens with a speaker label and a colon is that speaker's
//! words, without quotation marks; in a transcript (two labelled lines or more) unlabelled lines
//! continue the last label.
//!
//! `ZEIT ONLINE: Herr Reiter, wann ist die Welle vorbei?` · `Reiter: Das kann niemand
//! vorhersagen.` (where the article names Jonas Reiter) · not: `Homeschooling: Tipps für die
//! zweite Woche` (a topic, no sentence) · not: `Hollweg: Schulen bleiben geschlossen` (a
//! headline without final punctuation, read by `indirect_headline`)
//!
//! The interviewer's labels are `grammar/interview_labels.tsv`.

use super::{Ctx, Draft, Range, draft};
use crate::claims::Kind;
use crate::rules::toks::TableKind;

/// A labelled line: (label start, colon, end of the line's content).
fn labelled_line<K: TableKind>(
    ctx: &Ctx<'_, K>,
    k: usize,
    surnames: &dyn Fn(&str) -> bool,
) -> Option<(usize, usize, usize)> {
    let line_start = k == 0 || ctx.toks[k].newlines >= 1;
    if !line_start || !ctx.w(k).is_upper() {
        return None;
    }
    let colon = (k + 1..(k + 4).min(ctx.toks.len())).find(|&j| ctx.s(j) == ":")?;
    if (k..colon).any(|j| !ctx.w(j).is_upper()) || colon + 1 >= ctx.toks.len() {
        return None;
    }
    // the answer follows on the same line and is no quotation (that is a preposed frame)
    if ctx.toks[colon + 1].newlines > 0 || ctx.quote_at(colon + 1).is_some() {
        return None;
    }
    let label = (k..colon)
        .map(|j| ctx.lower(j))
        .collect::<Vec<_>>()
        .join(" ");
    let interviewer = ctx.lex.interviewer_labels.contains(&label);
    // an interviewee: a name the article gives in full elsewhere (`Jonas Reiter ist Virologe …`)
    // or a first name with a surname
    let interviewee = (colon - k == 1 && surnames(ctx.s(k)))
        || (colon - k == 2 && ctx.has(k, super::toks::bits::NAME));
    if !(interviewer || interviewee) {
        return None;
    }
    // to the end of the line
    let mut end = colon + 1;
    while end < ctx.toks.len() && ctx.toks[end].newlines == 0 {
        end += 1;
    }
    // an answer is a sentence: it ends with sentence punctuation (a headline does not)
    if !matches!(ctx.s(end - 1), "." | "!" | "?" | "…" | "“" | "\"") || end - colon < 3 {
        return None;
    }
    Some((k, colon, end))
}

/// Runs the rule.
pub(crate) fn apply<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut Vec<Draft>) {
    // surnames the article gives after a first name: gathered once, and only for a text that
    // has a colon at a line start at all
    let names: std::cell::OnceCell<crate::grammar::WordMap<&str, ()>> = std::cell::OnceCell::new();
    let surnames = |w: &str| {
        names
            .get_or_init(|| {
                let mut m: crate::grammar::WordMap<&str, ()> = Default::default();
                for j in 1..ctx.toks.len() {
                    if ctx.has(j - 1, super::toks::bits::NAME) && ctx.w(j).is_upper() {
                        m.insert(ctx.s(j), ());
                    }
                }
                m
            })
            .contains_key(w)
    };
    let mut lines: Vec<(usize, usize, usize)> = Vec::new();
    // the line starts: the first token and every token after a line break, found by a plain
    // scan (tested one by one in this loop, each token cost a score of instructions)
    let mut k = 0;
    while k < ctx.toks.len() {
        if let Some(line) = labelled_line(ctx, k, &surnames) {
            lines.push(line);
        }
        k = ctx.toks[k + 1..]
            .iter()
            .position(|t| t.newlines >= 1)
            .map_or(ctx.toks.len(), |p| k + 1 + p);
    }
    let transcript = lines.len() >= 2;
    for (i, &(label, colon, end)) in lines.iter().enumerate() {
        let mut quote: Vec<Range> = vec![(colon + 1, end)];
        // in a transcript, unlabelled lines up to the next label continue the answer
        // (the last answer only to its paragraph's end: the article may go on after it)
        if transcript {
            let next = match lines.get(i + 1) {
                Some(l) => l.0,
                None => (end..ctx.toks.len())
                    .find(|&j| ctx.toks[j].newlines >= 2)
                    .unwrap_or(ctx.toks.len()),
            };
            if end < next {
                quote = vec![(colon + 1, next)];
            }
        }
        let speaker = super::np::Np::span(label, colon);
        drafts.push(draft(
            Kind::Direct,
            quote,
            "direct.interview",
            None,
            Some(speaker),
            None,
            vec![(label, colon + 1)],
            0.7,
        ));
    }
}

//! A headline or summary line that attributes a statement with a colon and no quotation marks.
//!
//! `Hollweg: Schulen bleiben bis Ostern geschlossen` · `Kremlsprecher: Gespräche sind abgeschlossen`

use super::{Ctx, Draft, content_end, draft, mood_of};
use crate::claims::Kind;
use crate::rules::toks::TableKind;

/// Runs the rule: a sentence that opens with a source and a colon, followed by a clause.
pub(crate) fn apply<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut Vec<Draft>) {
    // where each word stands after a first name or a role noun (`Karin Hollweg`,
    // `Ministerpräsidentin Hollweg`), gathered once: asking the whole text again for every
    // colon made a long document quadratic
    let named: std::cell::OnceCell<crate::grammar::WordMap<&str, Vec<usize>>> =
        std::cell::OnceCell::new();
    let named = || {
        named.get_or_init(|| {
            let mut m: crate::grammar::WordMap<&str, Vec<usize>> = Default::default();
            for j in 1..ctx.toks.len() {
                if ctx.has(j - 1, super::toks::bits::NAME) || ctx.role(j - 1).is_some() {
                    m.entry(ctx.s(j)).or_default().push(j);
                }
            }
            m
        })
    };
    for sent in ctx.sents {
        let Some(colon) = (sent.start + 1..sent.end.min(sent.start + 8)).find(|&k| ctx.s(k) == ":")
        else {
            continue;
        };
        if ctx.quote_at(colon + 1).is_some() || ctx.quote_at(sent.start).is_some() {
            continue;
        }
        let Some(n) = ctx.np_at(sent.start, colon) else {
            continue;
        };
        // a known kind of source (a person's name, a role, an institution), or any name on a
        // headline line (no final punctuation)
        let headline = !matches!(ctx.s(sent.end - 1), "." | "!" | "?");
        let known = super::reported::is_source(ctx, &n) || n.titled;
        // an unknown word is a name only if the article names that person in full elsewhere
        // (`Hollweg:` … `Ministerpräsidentin Karin Hollweg`); `Homeschooling:` is a topic
        let named_elsewhere = n.end - n.start == 1
            && named()
                .get(ctx.s(n.start))
                .is_some_and(|at| at.iter().any(|&j| j < sent.start || j >= sent.end));
        if n.end != colon || n.pronoun || !(known || (headline && named_elsewhere)) {
            continue;
        }
        let end = content_end(ctx, colon + 1, sent.end);
        // a statement has a verb; `Partei: 28,5 % Sitze 7` is a table row
        if !super::indirect_complement::has_verb(ctx, colon + 1, end) {
            continue;
        }
        // a clause, not a list (`Teilnehmer: Frankreich, Italien`)
        let words = ctx.words_in(colon + 1..end).count();
        let commas = (colon + 1..end).filter(|&k| ctx.s(k) == ",").count();
        if words < 3 || commas * 3 > words {
            continue;
        }
        let mut d = draft(
            Kind::Indirect,
            vec![(colon + 1, end)],
            "indirect.headline",
            None,
            Some(n),
            None,
            vec![(sent.start, colon + 1)],
            0.6,
        );
        d.mood = mood_of(ctx, colon + 1, end);
        drafts.push(d);
    }
}

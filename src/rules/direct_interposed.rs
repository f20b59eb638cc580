//! A direct quote interrupted by its frame: one claim with two quote spans.
//!
//! `„Das ist unser letztes Angebot“, sagte Feld, „mehr ist nicht drin.“`

use super::{Ctx, Draft};
use crate::rules::toks::TableKind;

/// Runs the rule: joins the quote right after a post-posed frame and its comma to the claim.
pub(crate) fn apply<K: TableKind>(ctx: &Ctx<'_, K>, drafts: &mut [Draft], taken: &mut [bool]) {
    for d in drafts.iter_mut() {
        if d.rule != "direct.postposed" && d.rule != "direct.so" {
            continue;
        }
        let Some(end) = d.frame.iter().map(|r| r.1).max() else {
            continue;
        };
        if end + 1 >= ctx.toks.len() || ctx.s(end) != "," {
            continue;
        }
        let Some(q2) = ctx.quote_at(end + 1) else {
            continue;
        };
        let qs2 = ctx.quotes[q2];
        if taken[q2]
            || qs2.open != end + 1
            || qs2.depth != ctx.quotes[d.quote_idx.unwrap_or(q2)].depth
        {
            continue;
        }
        d.quote.push((qs2.open, qs2.end));
        d.rule = "direct.interposed";
        taken[q2] = true;
    }
}

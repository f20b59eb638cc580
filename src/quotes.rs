//! The quote stage: pairs quotation marks into quotes.
//!
//! German news uses several conventions, often mixed: „…“ with ‚…‘ inside, »…« with ›…‹ inside
//! (books, some papers), «…» with ‹…› inside (Swiss papers, some wire copy), “…” and straight "…"
//! (web pipelines), and broken pairs such as „…" or „…”. Direction is decided per mark from the
//! document's convention and from which side the mark leans on a word. Pairing works per
//! paragraph, so an unbalanced mark never swallows the rest of a document; a paragraph that
//! leaves a quote open and the next one opening again is the open-only convention of a quote
//! running over several paragraphs.

use crate::text::{TokKind, Token};

/// Nesting deeper than this is no quotation any writer means; the bound keeps the cost of a
/// text made of thousands of opening marks linear.
const MAX_DEPTH: usize = 16;

/// A paired (or recovered) quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct QuoteSpan {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark; `None` when recovered at a paragraph end.
    pub close: Option<usize>,
    /// One past the last token of the quote (the closing mark included).
    pub end: usize,
    /// 0 for an outer quote, 1 inside another, ...
    pub depth: u8,
}

impl QuoteSpan {
    /// The content tokens, without the marks.
    pub(crate) fn inner(&self) -> std::ops::Range<usize> {
        self.open + 1..self.close.unwrap_or(self.end)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Guillemet,
    Single,
    SingleGuillemet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
    /// Decided by the stack: closes an open quote of its family, else opens one.
    Either,
}

/// The document's conventions, read from its unambiguous marks.
#[derive(Debug, Clone, Copy, Default)]
struct System {
    /// `„` occurs: `“` and `‘` close.
    german: bool,
    /// The first guillemet is `«` leaning on the following word: `«` opens (Swiss).
    swiss: bool,
}

fn detect(text: &str, toks: &[Token]) -> System {
    let mut sys = System::default();
    let mut guil_seen = false;
    // (marks are punctuation of more than one byte: a word's text and ASCII punctuation are
    // not compared with them)
    for (i, t) in toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind == TokKind::Punct && t.end - t.start > 1)
    {
        // nothing can change once both are seen
        if sys.german && guil_seen {
            break;
        }
        match t.text(text) {
            "„" => sys.german = true,
            m @ ("«" | "»") if !guil_seen => {
                guil_seen = true;
                let leans_right = toks.get(i + 1).is_some_and(|n| !n.space_before);
                sys.swiss = (m == "«") == leans_right;
            }
            _ => {}
        }
    }
    sys
}

/// Leans on the following word (an opener's shape) / on the preceding word (a closer's shape).
fn flanks(toks: &[Token], i: usize) -> (bool, bool) {
    let t = toks[i];
    let left_open = i == 0 || t.space_before || toks[i - 1].kind == TokKind::Punct;
    let next_attached = toks
        .get(i + 1)
        .is_some_and(|n| !n.space_before && n.newlines == 0);
    let prev_attached = i > 0 && !t.space_before && t.newlines == 0;
    let right_open = toks
        .get(i + 1)
        .is_none_or(|n| n.space_before || n.kind == TokKind::Punct);
    (left_open && next_attached, prev_attached && right_open)
}

fn classify(text: &str, toks: &[Token], i: usize, sys: System) -> Option<(Family, Dir)> {
    // (of one-byte punctuation only `"` and `'` are marks: the rest is none, asked first)
    let t = toks[i];
    if t.end - t.start == 1 && !matches!(text.as_bytes()[t.start as usize], b'"' | b'\'') {
        return None;
    }
    let (opener_shape, closer_shape) = flanks(toks, i);
    let by_shape = |f: Family| match (opener_shape, closer_shape) {
        (true, false) => Some((f, Dir::Open)),
        (false, true) => Some((f, Dir::Close)),
        _ => Some((f, Dir::Either)),
    };
    match toks[i].text(text) {
        "„" => Some((Family::Double, Dir::Open)),
        "“" if sys.german => Some((Family::Double, Dir::Close)),
        "“" => by_shape(Family::Double),
        "”" => Some((Family::Double, Dir::Close)),
        "\"" => by_shape(Family::Double),
        // a guillemet that leans on one side only says its direction itself, so a Swiss
        // quote and a German one in one text both pair; a free-standing one (`« Oui »`)
        // follows the document's convention
        m @ ("»" | "«" | "›" | "‹") => {
            let fam = if matches!(m, "»" | "«") {
                Family::Guillemet
            } else {
                Family::SingleGuillemet
            };
            let by_convention = if matches!(m, "«" | "‹") == sys.swiss {
                Dir::Open
            } else {
                Dir::Close
            };
            by_shape(fam).map(|(f, d)| (f, if d == Dir::Either { by_convention } else { d }))
        }
        "‚" => Some((Family::Single, Dir::Open)),
        "‘" if sys.german => Some((Family::Single, Dir::Close)),
        "‘" | "’" | "'" => {
            // an apostrophe before digits (`’90er`) or after a name (`Klaus’`) is no quote mark
            if toks
                .get(i + 1)
                .is_some_and(|n| n.kind == TokKind::Number && !n.space_before)
            {
                return None;
            }
            by_shape(Family::Single)
        }
        _ => None,
    }
}

fn is_outer(f: Family) -> bool {
    matches!(f, Family::Double | Family::Guillemet)
}

/// Finds every quotation in the token stream. `paras` lists each paragraph's token range.
pub(crate) fn scan(text: &str, toks: &[Token], paras: &[(usize, usize)]) -> Vec<QuoteSpan> {
    let sys = detect(text, toks);
    let mut out = Vec::new();
    // (family, token index, depth)
    let mut stack: Vec<(Family, usize)> = Vec::new();
    for (p, &(pstart, pend)) in paras.iter().enumerate() {
        let mut i = pstart;
        if let Some(&(fam, _)) = stack.first() {
            // open-only convention: the quote goes on when this paragraph opens again
            let reopen =
                classify(text, toks, pstart, sys).is_some_and(|(f, d)| f == fam && d != Dir::Close);
            if reopen {
                stack.truncate(1);
                i += 1;
            } else {
                stack.clear();
            }
        }
        while i < pend {
            // (only punctuation can be a quotation mark: the words between are passed over)
            let Some(next) = toks[i..pend].iter().position(|t| t.kind == TokKind::Punct) else {
                break;
            };
            i += next;
            let Some((fam, dir)) = classify(text, toks, i, sys) else {
                i += 1;
                continue;
            };
            let open_idx = stack.iter().rposition(|&(f, _)| f == fam);
            let close = match dir {
                Dir::Close => true,
                Dir::Open => false,
                Dir::Either => open_idx.is_some(),
            };
            if close {
                if let Some(k) = open_idx {
                    let (_, o) = stack[k];
                    stack.truncate(k);
                    out.push(QuoteSpan {
                        open: o,
                        close: Some(i),
                        end: i + 1,
                        depth: k as u8,
                    });
                }
                // a closer with nothing open is a stray mark or an apostrophe
            } else if (is_outer(fam) || !stack.is_empty() || toks[i].text(text) == "‚")
                && stack.len() < MAX_DEPTH
            {
                // single marks quote only inside a quote; elsewhere they are apostrophes
                // (and past `MAX_DEPTH` levels a mark is noise, not a quote in a quote) — but
                // the low `‚` is never an apostrophe: `sagte: ‚Das geht so nicht.‘`
                stack.push((fam, i));
            }
            i += 1;
        }
        if !stack.is_empty() {
            let continues = paras.get(p + 1).is_some_and(|&(ns, _)| {
                classify(text, toks, ns, sys)
                    .is_some_and(|(f, d)| f == stack[0].0 && d != Dir::Close)
            });
            if !continues {
                // recover at the paragraph end: an outer quote ends there, inner ones are dropped
                let (fam, o) = stack[0];
                if is_outer(fam) && pend > o + 1 {
                    out.push(QuoteSpan {
                        open: o,
                        close: None,
                        end: pend,
                        depth: 0,
                    });
                }
                stack.clear();
            }
        }
    }
    out.sort_by_key(|q| (q.open, q.depth));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn quotes(s: &str) -> Vec<(String, u8)> {
        let toks = tokenize(s);
        let mut paras = Vec::new();
        let mut start = 0;
        for (i, t) in toks.iter().enumerate() {
            if t.newlines >= 2 && i > start {
                paras.push((start, i));
                start = i;
            }
        }
        paras.push((start, toks.len()));
        scan(s, &toks, &paras)
            .iter()
            .map(|q| {
                let r = q.inner();
                let text = if r.is_empty() {
                    String::new()
                } else {
                    s[toks[r.start].start as usize..toks[r.end - 1].end as usize].to_string()
                };
                (text, q.depth)
            })
            .collect()
    }

    #[test]
    fn german_with_inner() {
        assert_eq!(
            quotes("„Er sagte: ‚Das Geld kommt‘“, berichtete sie."),
            [
                ("Er sagte: ‚Das Geld kommt‘".to_string(), 0),
                ("Das Geld kommt".to_string(), 1)
            ]
        );
    }

    #[test]
    fn low_single_quote_alone_opens() {
        // `‚` is never an apostrophe: it quotes at the top level too; `'` and `’` do not
        assert_eq!(
            quotes("Sie sagte: ‚Das geht so nicht.‘ Dann ging sie."),
            [("Das geht so nicht.".to_string(), 0)]
        );
        assert!(quotes("Er sagte, 's geht nicht' und ging.").is_empty());
    }

    #[test]
    fn web_variants_and_straight() {
        assert_eq!(quotes("„Ja”, sagte er. „Nein\", sagte sie.").len(), 2);
        assert_eq!(
            quotes("\"Ja\", sagte er. \"Nein\", sagte sie.")[1].0,
            "Nein"
        );
        assert_eq!(quotes("“Ja”, sagte er.")[0].0, "Ja");
    }

    #[test]
    fn guillemets_book_and_swiss() {
        assert_eq!(
            quotes("»Das Wort ›Rücktritt‹ fiel nicht«, sagte er.").len(),
            2
        );
        assert_eq!(
            quotes("«Er nannte das ‹unverantwortlich›», sagte sie.")[1].0,
            "unverantwortlich"
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quotes("Geht's noch? Müller’s Laden, die ’90er, Klaus’ Auto.").is_empty());
    }

    #[test]
    fn unbalanced_recovers_at_paragraph_end() {
        let q = quotes("„Offen ohne Ende, sagte er.\n\nNeu: „Zu“, sagte sie.");
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].0, "Zu");
    }

    #[test]
    fn open_only_paragraphs() {
        let q = quotes("„Erster Teil.\n\n„Zweiter Teil“, sagte sie.");
        assert_eq!(q.len(), 1);
        assert!(q[0].0.starts_with("Erster") && q[0].0.ends_with("Zweiter Teil"));
    }
}

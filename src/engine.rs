//! The engine: runs the stages in order and builds the output model.

use std::path::Path;
use std::sync::Arc;

use crate::claims::{Claim, Cue, Document, Part, Quote, Span, Speaker, SpeakerType};
use crate::grammar::{FILES, GrammarError, Lexicon};
use crate::rules::toks::{PerToken, Shared, TableKind};
use crate::rules::{self, Ctx, Range};
use crate::text::{Normalized, Token, sentences, tokenize};
use crate::{quotes, speakers};

/// The attribution engine: a lexicon and the rules. Cheap to clone and share across threads.
///
/// ```
/// let engine = zitat::Engine::new();
/// let doc = engine.extract("„Wir prüfen alle Optionen“, sagte Innenminister Markus Feld.");
/// assert_eq!(doc.claims[0].speaker.as_ref().unwrap().name, "Markus Feld");
/// ```
#[derive(Debug, Clone)]
pub struct Engine {
    lex: Arc<Lexicon>,
}

// An engine is shared by reference across a pipeline's worker threads: a compile error here,
// not a surprise in a user's program, if a field ever breaks that.
const _: fn() = || {
    fn shareable<T: Send + Sync>() {}
    shareable::<Engine>();
};

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

/// Builds an [`Engine`] with grammar files replaced at run time.
#[derive(Debug, Default)]
pub struct EngineBuilder {
    files: Vec<(String, String)>,
}

impl EngineBuilder {
    /// Replaces a grammar file (`verbs.tsv`, `roles.tsv`, …) by this text.
    pub fn grammar_file(mut self, name: &str, text: &str) -> Self {
        self.files.retain(|(n, _)| n != name);
        self.files.push((name.to_string(), text.to_string()));
        self
    }

    /// Replaces every grammar file found in `dir` (files of other names are an error).
    pub fn grammar_dir(mut self, dir: &Path) -> Result<Self, GrammarError> {
        let entries = std::fs::read_dir(dir).map_err(|e| GrammarError {
            file: dir.display().to_string(),
            line: 0,
            message: format!("cannot read the grammar folder: {e}"),
        })?;
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let Some(name) = path
                .file_name()
                .and_then(|n| n.to_str())
                .map(str::to_string)
            else {
                continue;
            };
            if !name.ends_with(".tsv") {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| GrammarError {
                file: path.display().to_string(),
                line: 0,
                message: format!("cannot read: {e}"),
            })?;
            if !FILES.iter().any(|(n, _)| *n == name) {
                return Err(GrammarError {
                    file: path.display().to_string(),
                    line: 0,
                    message: "unknown grammar file".into(),
                });
            }
            self = self.grammar_file(&name, &text);
        }
        Ok(self)
    }

    /// Validates the grammar and builds the engine.
    pub fn build(self) -> Result<Engine, GrammarError> {
        let mut all: Vec<(&str, &str)> = crate::grammar::DEFAULT_FILES
            .iter()
            .filter(|(n, _)| !self.files.iter().any(|(m, _)| m == n))
            .copied()
            .collect();
        all.extend(self.files.iter().map(|(n, s)| (n.as_str(), s.as_str())));
        Ok(Engine {
            lex: Arc::new(Lexicon::from_sources(&all)?),
        })
    }
}

impl Engine {
    /// The engine with the built-in German grammar.
    pub fn new() -> Engine {
        Engine {
            lex: Lexicon::builtin().clone(),
        }
    }

    /// Starts an engine with some grammar files replaced.
    pub fn builder() -> EngineBuilder {
        EngineBuilder::default()
    }

    /// Every grammar example with its file and line, for tests of the grammar data.
    pub fn grammar_examples(&self) -> &[crate::grammar::Example] {
        self.lex.examples()
    }

    /// The speech-verb lemmas the lexicon recognises in a text, word by word (with particles
    /// found in the clause). For tests of the grammar data; not a stable interface.
    #[doc(hidden)]
    pub fn cue_lemmas(&self, input: &str) -> Vec<String> {
        let (norm, toks, sents) = self.prepare(input);
        let (feats, lower) = crate::rules::toks::features(norm.text(), &toks, &self.lex);
        fn lemmas<K: TableKind>(ctx: &Ctx<'_, K>) -> Vec<String> {
            (0..ctx.toks.len())
                .filter_map(|i| ctx.cue_at(i).map(|c| c.lemma.to_string()))
                .collect()
        }
        let found = if feats.shared() {
            lemmas(&Ctx::<Shared>::new(
                norm.text(),
                &toks,
                &sents,
                &[],
                &self.lex,
                &feats,
                &lower,
            ))
        } else {
            lemmas(&Ctx::<PerToken>::new(
                norm.text(),
                &toks,
                &sents,
                &[],
                &self.lex,
                &feats,
                &lower,
            ))
        };
        drop(feats);
        crate::rules::toks::give_back(lower);
        found
    }

    /// The text stage: the normalised view, its tokens and its sentences.
    fn prepare<'i>(
        &self,
        input: &'i str,
    ) -> (Normalized<'i>, Vec<Token>, Vec<crate::text::Sentence>) {
        let norm = Normalized::new(input);
        let toks = tokenize(norm.text());
        let sents = sentences(norm.text(), &toks, &self.lex);
        (norm, toks, sents)
    }

    /// Extracts every attributed claim of one document.
    pub fn extract(&self, input: &str) -> Document {
        let (norm, toks, sents) = self.prepare(input);
        let text = norm.text();
        if toks.is_empty() {
            return Document::default();
        }
        let mut paras: Vec<(usize, usize)> = Vec::new();
        for s in &sents {
            if paras.len() == s.para {
                paras.push((s.start, s.end));
            } else if let Some(p) = paras.last_mut() {
                p.1 = s.end;
            }
        }
        // The analysis in a block of its own: the quotes, the feature table and the rules'
        // per-token tables go before the claims are built, which on a long document with dense
        // quotes are the largest part of its memory.
        let (mut drafts, ents, mut res, mut impersonal) = {
            let quotes = quotes::scan(text, &toks, &paras);
            let (feats, lower) = crate::rules::toks::features(text, &toks, &self.lex);
            // (the rules and the speaker stage compiled for each kind of feature table)
            let analysed = if feats.shared() {
                analyse(&Ctx::<Shared>::new(
                    text, &toks, &sents, &quotes, &self.lex, &feats, &lower,
                ))
            } else {
                analyse(&Ctx::<PerToken>::new(
                    text, &toks, &sents, &quotes, &self.lex, &feats, &lower,
                ))
            };
            // (the lower-cased words are the word cache's, lent for the document)
            drop(feats);
            crate::rules::toks::give_back(lower);
            analysed
        };
        drop((sents, paras));
        let conv = Converter {
            norm: &norm,
            toks: &toks,
        };
        let entities = speakers::entities(&ents, |s, e| conv.span(s, e));
        // (sized first: grown claim by claim, the vector of large records was copied at every
        // doubling, old and new side by side)
        let mut claims = Vec::with_capacity(drafts.iter().filter(|d| !d.silent).count());
        // The drafts are used up from the last, and their vector is shrunk whenever it is half
        // empty: on a long text with dense quotes the drafts and the claims are the largest
        // tables, and the drafts no longer stand whole beside the finished claims. (The claims
        // come out last first and are turned round below.)
        let from_last = std::iter::from_fn(|| {
            let d = drafts.pop()?;
            if drafts.capacity() > 1 << 16 && drafts.len() <= drafts.capacity() / 2 {
                drafts.shrink_to_fit();
            }
            Some((d, res.pop()?, impersonal.pop()?))
        });
        claims.extend(
            from_last
                // (a speech act the corpus marks no claim for took part in resolving speakers only)
                .filter(|(d, _, _)| !d.silent)
                .map(|(d, r, impersonal)| {
                    let quote_spans: Vec<Span> =
                        d.quote.iter().map(|&(s, e)| conv.span(s, e)).collect();
                    // the non-empty pieces joined by a space, written into one string
                    let mut quote_text = String::new();
                    for &(s, e) in &d.quote {
                        let (s, e) = if d.kind == crate::claims::Kind::Direct {
                            conv.strip_marks(s, e)
                        } else {
                            (s, e)
                        };
                        let piece = conv.slice(s, e);
                        if !piece.is_empty() {
                            if !quote_text.is_empty() {
                                quote_text.push(' ');
                            }
                            quote_text.push_str(piece);
                        }
                    }
                    let speaker = d.speaker.map(|n| {
                        let mention = conv.text(n.start, n.end);
                        match r.entity {
                            Some(id) => Speaker {
                                text: mention,
                                spans: vec![conv.span(n.start, n.end)],
                                name: ents[id].name.clone(),
                                role: ents[id].role.clone(),
                                kind: ents[id].kind,
                                entity: Some(id),
                            },
                            None => Speaker {
                                name: mention.clone(),
                                text: mention,
                                spans: vec![conv.span(n.start, n.end)],
                                role: None,
                                kind: if n.pronoun && !impersonal {
                                    SpeakerType::Unresolved
                                } else {
                                    SpeakerType::Anonymous
                                },
                                entity: None,
                            },
                        }
                    });
                    Claim {
                        kind: d.kind,
                        quote: Quote {
                            text: quote_text,
                            spans: quote_spans,
                        },
                        speaker,
                        cue: (!d.cue.is_empty()).then(|| Cue {
                            text: conv.joined(&d.cue),
                            lemma: d.lemma.as_deref().unwrap_or_default().to_string(),
                            spans: d.cue.iter().map(|&(s, e)| conv.span(s, e)).collect(),
                        }),
                        frame: (!d.frame.is_empty()).then(|| conv.part(&d.frame)),
                        addressee: d.addressee.map(|a| conv.part(&[a])),
                        mood: d.mood,
                        nested: d.nested,
                        rule: d.rule.to_string(),
                        confidence: d.confidence,
                    }
                }),
        );
        claims.reverse();
        Document {
            id: None,
            claims,
            speakers: entities,
        }
    }
}

/// Turns token ranges into spans and text of the original input.
/// The rules and the speaker stage over one document: the drafts, the entities, a resolution
/// per draft, and per draft whether its speaker is the pronoun `man` (the one question the
/// claims ask of the feature table, which is dropped before they are built).
fn analyse<K: TableKind>(
    ctx: &Ctx<'_, K>,
) -> (
    Vec<rules::Draft>,
    Vec<speakers::EntityDraft>,
    Vec<speakers::Resolution>,
    Vec<bool>,
) {
    let drafts = rules::run(ctx);
    let (ents, res) = speakers::resolve(ctx, &drafts);
    let impersonal: Vec<bool> = drafts
        .iter()
        .map(|d| d.speaker.is_some_and(|n| ctx.lower(n.start) == "man"))
        .collect();
    (drafts, ents, res, impersonal)
}

struct Converter<'a, 'b> {
    norm: &'b Normalized<'a>,
    toks: &'b [Token],
}

impl<'a> Converter<'a, '_> {
    fn bytes(&self, s: usize, e: usize) -> (usize, usize) {
        let ns = self.toks[s].start as usize;
        let ne = self.toks[e - 1].end as usize;
        (self.norm.to_orig(ns, false), self.norm.to_orig(ne, true))
    }

    fn span(&self, s: usize, e: usize) -> Span {
        let (bs, be) = self.bytes(s, e);
        let (char_start, char_end) = self.norm.char_span(bs, be);
        Span {
            start: bs,
            end: be,
            char_start,
            char_end,
        }
    }

    fn text(&self, s: usize, e: usize) -> String {
        self.slice(s, e).to_string()
    }

    /// The tokens `[s, e)` as the original input writes them.
    fn slice(&self, s: usize, e: usize) -> &'a str {
        if s >= e {
            return "";
        }
        let (bs, be) = self.bytes(s, e);
        &self.norm.orig[bs..be]
    }

    /// The range without its opening and closing quotation marks.
    fn strip_marks(&self, s: usize, e: usize) -> (usize, usize) {
        let text = self.norm.text();
        let is_mark = |k: usize| {
            crate::text::is_opening_mark(self.toks[k].text(text))
                || matches!(
                    self.toks[k].text(text),
                    "“" | "”" | "\"" | "«" | "»" | "‘" | "’" | "'" | "‹" | "›"
                )
        };
        let s2 = if s < e && is_mark(s) { s + 1 } else { s };
        let e2 = if e > s2 && is_mark(e - 1) { e - 1 } else { e };
        (s2, e2)
    }

    /// The ranges' texts joined by a space (empty ones too), written into one string.
    fn joined(&self, ranges: &[Range]) -> String {
        // (sized first: a cue of several words grew its string once per word)
        let len = ranges
            .iter()
            .map(|&(s, e)| self.slice(s, e).len() + 1)
            .sum::<usize>();
        let mut out = String::with_capacity(len.saturating_sub(1));
        for (k, &(s, e)) in ranges.iter().enumerate() {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(self.slice(s, e));
        }
        out
    }

    fn part(&self, ranges: &[Range]) -> Part {
        Part {
            text: self.joined(ranges),
            spans: ranges.iter().map(|&(s, e)| self.span(s, e)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules and the speaker stage read a document alike through either kind of feature
    /// table (they are compiled for each): the fixtures as one document, once with a record per
    /// token and once with shared records.
    #[test]
    fn both_kinds_of_table_read_alike() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut files = Vec::new();
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).expect("the fixtures folder") {
                let p = e.expect("a folder entry").path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "txt") {
                    files.push(p);
                }
            }
        }
        files.sort();
        let text: String = files
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("a fixture") + "\n\n")
            .collect();
        let engine = Engine::new();
        let (norm, toks, sents) = engine.prepare(&text);
        let text = norm.text();
        let mut paras: Vec<(usize, usize)> = Vec::new();
        for s in &sents {
            if paras.len() == s.para {
                paras.push((s.start, s.end));
            } else if let Some(p) = paras.last_mut() {
                p.1 = s.end;
            }
        }
        let quotes = quotes::scan(text, &toks, &paras);
        let lex = &engine.lex;
        let (own, own_lower) = crate::rules::toks::features(text, &toks, lex);
        let (shared, shared_lower) = crate::rules::toks::shared_features(text, &toks, lex);
        assert!(!own.shared() && shared.shared());
        let a = analyse(&Ctx::<PerToken>::new(
            text, &toks, &sents, &quotes, lex, &own, &own_lower,
        ));
        let b = analyse(&Ctx::<Shared>::new(
            text,
            &toks,
            &sents,
            &quotes,
            lex,
            &shared,
            &shared_lower,
        ));
        assert!(a.0.len() > 50, "the fixtures have claims: {}", a.0.len());
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }
}

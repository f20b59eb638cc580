//! The speaker stage: entities and coreference.
//!
//! A user wants the person, not the mention: `„…“, sagte er` must come out as Antony Blinken,
//! US-Außenminister. Mentions are clustered into entities by name (surname and full-name
//! variants, genitive `-s`), pronouns resolve by gender, number and salience (the previous
//! speaker first, then the most recent compatible person), role nouns (`der Minister`) to the
//! entity that carries that role.

use crate::claims::{Entity, Span, SpeakerType};
use crate::grammar::{Gender, Lexicon, NounType};
use crate::rules::np::Np;
use crate::rules::words::is_det;
use crate::rules::{Ctx, Draft};

/// What the engine knows about one entity while it reads.
#[derive(Debug, Clone)]
pub(crate) struct EntityDraft {
    pub name: String,
    /// Name words (no role nouns, no article), for matching later mentions.
    pub name_words: Vec<String>,
    pub role: Option<String>,
    pub kind: SpeakerType,
    pub female: Option<bool>,
    pub plural: bool,
    pub mentions: Vec<(usize, usize)>,
}

/// How a mention resolved.
#[derive(Debug, Clone)]
pub(crate) struct Resolution {
    pub entity: Option<usize>,
}

/// Splits a phrase into role words and name words, and reads gender and type off it.
struct Analysed {
    role_words: Vec<String>,
    name_words: Vec<String>,
    kind: SpeakerType,
    female: Option<bool>,
    plural: bool,
    pronoun: Option<String>,
}

fn strip_genitive(w: &str) -> &str {
    w.strip_suffix("s").filter(|s| s.len() >= 3).unwrap_or(w)
}

fn analyse(ctx: &Ctx, np: &Np, plural_verb: bool) -> Analysed {
    let lex: &Lexicon = ctx.lex;
    let mut role_words = Vec::new();
    let mut name_words = Vec::new();
    let mut kind = None;
    let mut female = None;
    let mut plural = false;
    let first = ctx.s(np.start);
    if np.pronoun {
        let p = first.to_lowercase();
        let (f, pl, k) = match p.as_str() {
            "er" | "dieser" | "letzterer" | "jener" => (Some(false), false, SpeakerType::Person),
            "sie" if plural_verb => (None, true, SpeakerType::Group),
            "sie" | "diese" | "letztere" => (Some(true), false, SpeakerType::Person),
            "wir" | "beide" | "alle" => (None, true, SpeakerType::Group),
            "man" => (None, false, SpeakerType::Anonymous),
            _ => (None, false, SpeakerType::Person),
        };
        return Analysed {
            role_words,
            name_words,
            kind: k,
            female: f,
            plural: pl,
            pronoun: Some(p),
        };
    }
    let mut k = np.start;
    let mut in_complement = false;
    while k < np.end {
        let s = ctx.s(k);
        if matches!(s, "des" | "der" | "von" | "vom" | "aus" | "," | "(") && k > np.start {
            in_complement = true;
        }
        if s == "," {
            // an apposition after a role phrase names the person
            in_complement = false;
            role_words.push("|".to_string());
        }
        let w = ctx.w(k);
        if w.is_upper() || (w.t.kind == crate::text::TokKind::Word && s.contains('-')) {
            if let Some(r) = lex.role(s) {
                if !in_complement {
                    if kind.is_none() {
                        kind = Some(match r.kind {
                            NounType::Person => SpeakerType::Person,
                            NounType::Organisation => SpeakerType::Organisation,
                            NounType::Media => SpeakerType::Media,
                            NounType::Document => SpeakerType::Document,
                            NounType::Group => SpeakerType::Group,
                        });
                        female = female.or(r.female);
                        plural = r.plural;
                    }
                    role_words.push(s.to_string());
                } else {
                    role_words.push(s.to_string());
                }
            } else if !in_complement
                && !is_det(s)
                && !crate::rules::words::is_adverb(&s.to_lowercase())
            {
                name_words.push(s.to_string());
                if let Some(g) = lex.names.get(s) {
                    female = female.or(match g {
                        Gender::Male => Some(false),
                        Gender::Female => Some(true),
                        Gender::Unisex => None,
                    });
                    kind = Some(SpeakerType::Person);
                }
            } else {
                role_words.push(s.to_string());
            }
        } else if in_complement || !is_det(s) {
            role_words.push(s.to_string());
        }
        k += 1;
    }
    if !name_words.is_empty() && kind.is_none() {
        kind = Some(SpeakerType::Person);
    }
    // the article tells the gender of a person noun (`die Sprecherin`, `der 63-Jährige`)
    if female.is_none() && kind == Some(SpeakerType::Person) {
        match first.to_lowercase().as_str() {
            "die" | "eine" | "einer" => female = Some(true),
            "der" | "ein" | "eines" | "dem" => female = Some(false),
            _ => {}
        }
    }
    if role_words.is_empty() && name_words.is_empty() {
        kind = kind.or(Some(SpeakerType::Unresolved));
    }
    let kind = kind.unwrap_or(if first == "ein" || first == "eine" {
        SpeakerType::Anonymous
    } else {
        SpeakerType::Person
    });
    let kind = if kind == SpeakerType::Person
        && matches!(first, "ein" | "eine" | "Ein" | "Eine")
        && name_words.is_empty()
    {
        SpeakerType::Anonymous
    } else {
        kind
    };
    Analysed {
        role_words,
        name_words,
        kind,
        female,
        plural,
        pronoun: None,
    }
}

fn words_match(a: &str, b: &str) -> bool {
    a == b || strip_genitive(a) == b || a == strip_genitive(b)
}

fn text_of(ctx: &Ctx, start: usize, end: usize) -> String {
    ctx.text[ctx.toks[start].start as usize..ctx.toks[end - 1].end as usize].to_string()
}

/// Resolves every claim's speaker to an entity; returns the entities and one resolution per draft.
pub(crate) fn resolve(ctx: &Ctx, drafts: &[Draft]) -> (Vec<EntityDraft>, Vec<Resolution>) {
    let mut ents: Vec<EntityDraft> = Vec::new();
    let mut out = Vec::with_capacity(drafts.len());
    // (token position, entity) of every mention so far, for salience
    let mut last_speaker: Option<(usize, usize)> = None;
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by_key(|&i| drafts[i].speaker.map(|n| n.start).unwrap_or(usize::MAX));
    let mut res = vec![Resolution { entity: None }; drafts.len()];
    for &i in &order {
        let d = &drafts[i];
        let Some(np) = d.speaker else { continue };
        let plural_verb = d.cue.first().is_some_and(|c| {
            ctx.lex.verb_forms(ctx.s(c.0)).iter().any(|f| f.plural)
                && !ctx.lex.verb_forms(ctx.s(c.0)).iter().any(|f| !f.plural)
        });
        let a = analyse(ctx, &np, plural_verb);
        let ent = if a.pronoun.is_some() {
            if a.kind == SpeakerType::Anonymous {
                None
            } else {
                // the previous speaker first, then the most recent compatible entity
                let compatible = |e: &EntityDraft| {
                    if a.plural {
                        e.plural || matches!(e.kind, SpeakerType::Organisation | SpeakerType::Group)
                    } else {
                        !e.plural
                            && match a.female {
                                Some(f) => {
                                    e.female == Some(f)
                                        || (e.female.is_none()
                                            && (f || e.kind == SpeakerType::Person))
                                }
                                None => true,
                            }
                    }
                };
                let prev = last_speaker
                    .filter(|&(pos, e)| np.start >= pos && compatible(&ents[e]))
                    .map(|(_, e)| e);
                prev.or_else(|| {
                    let mut best: Option<(usize, usize)> = None;
                    for (k, e) in ents.iter().enumerate() {
                        if !compatible(e) {
                            continue;
                        }
                        if let Some(&(p, _)) = e.mentions.iter().filter(|m| m.0 < np.start).max() {
                            if best.is_none_or(|(bp, _)| p > bp) {
                                best = Some((p, k));
                            }
                        }
                    }
                    best.map(|(_, k)| k)
                })
            }
        } else if !a.name_words.is_empty() {
            let last = a.name_words.last().expect("not empty");
            let found = ents.iter().position(|e| {
                e.name_words.last().is_some_and(|l| words_match(l, last))
                    && (a.name_words.len() < 2
                        || e.name_words.len() < 2
                        || words_match(&e.name_words[0], &a.name_words[0]))
            });
            Some(match found {
                Some(k) => {
                    let e = &mut ents[k];
                    if a.name_words.len() > e.name_words.len() {
                        e.name_words = a.name_words.clone();
                        e.name = a.name_words.join(" ");
                    }
                    if e.role.is_none() && !a.role_words.is_empty() {
                        e.role = Some(role_text(&a.role_words));
                    }
                    e.female = e.female.or(a.female);
                    k
                }
                None => {
                    ents.push(EntityDraft {
                        name: a.name_words.join(" "),
                        name_words: a.name_words.clone(),
                        role: (!a.role_words.is_empty()).then(|| role_text(&a.role_words)),
                        kind: a.kind,
                        female: a.female,
                        plural: a.plural,
                        mentions: Vec::new(),
                    });
                    ents.len() - 1
                }
            })
        } else {
            // a role phrase: the entity that carries this role, or a new one
            let heads: Vec<String> = a
                .role_words
                .iter()
                .filter(|w| w.starts_with(char::is_uppercase))
                .map(|w| w.to_lowercase())
                .collect();
            let head = heads.first().cloned().unwrap_or_default();
            let stem = head
                .strip_suffix("in")
                .filter(|_| a.female == Some(true))
                .unwrap_or(&head)
                .to_string();
            let full = text_of(ctx, np.start, np.end);
            let bare = strip_article(&full);
            let found = ents.iter().position(|e| {
                (!stem.is_empty()
                    && a.kind == SpeakerType::Person
                    && e.role
                        .as_ref()
                        .is_some_and(|r| r.to_lowercase().contains(&stem))
                    && (a.female.is_none() || e.female.is_none() || e.female == a.female))
                    || e.name == bare
            });
            Some(found.unwrap_or_else(|| {
                ents.push(EntityDraft {
                    name: bare.to_string(),
                    name_words: Vec::new(),
                    role: None,
                    kind: a.kind,
                    female: a.female,
                    plural: a.plural,
                    mentions: Vec::new(),
                });
                ents.len() - 1
            }))
        };
        if let Some(e) = ent {
            ents[e].mentions.push((np.start, np.end));
            last_speaker = Some((np.start, e));
        }
        res[i] = Resolution { entity: ent };
    }
    out.extend(res);
    (ents, out)
}

fn strip_article(s: &str) -> &str {
    for a in [
        "der ", "die ", "das ", "Der ", "Die ", "Das ", "dem ", "den ", "des ",
    ] {
        if let Some(r) = s.strip_prefix(a) {
            return r;
        }
    }
    s
}

fn role_text(words: &[String]) -> String {
    let mut s = String::new();
    for w in words.iter().filter(|w| *w != "|") {
        if !s.is_empty() && !matches!(w.as_str(), "," | ")") && !s.ends_with('(') {
            s.push(' ');
        }
        s.push_str(w);
    }
    s.trim_matches(|c| c == ',' || c == ' ').to_string()
}

/// Turns entity drafts into the output model, given a span converter.
pub(crate) fn entities(ents: &[EntityDraft], span: impl Fn(usize, usize) -> Span) -> Vec<Entity> {
    ents.iter()
        .enumerate()
        .map(|(id, e)| Entity {
            id,
            name: e.name.clone(),
            kind: e.kind,
            role: e.role.clone(),
            gender: match (e.kind, e.female) {
                (SpeakerType::Person, Some(true)) => Some("female".into()),
                (SpeakerType::Person, Some(false)) => Some("male".into()),
                _ => None,
            },
            mentions: e.mentions.iter().map(|&(s, t)| span(s, t)).collect(),
        })
        .collect()
}

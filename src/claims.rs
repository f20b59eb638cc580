//! The serde output model: exactly the JSON of `../shared/contract.md`.
//!
//! Every type here is plain data. The engine fills it; pipelines, the evaluation and the snapshot
//! suite read it. Field names are the contract's and must not change; new fields may be added.

use serde::{Deserialize, Serialize};

/// A piece of the original input, in UTF-8 bytes and in Unicode scalar values (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Code-point offset of the first character (what Python's `str` slicing uses).
    pub char_start: usize,
    /// Code-point offset after the last character.
    pub char_end: usize,
}

/// What kind of report a claim is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Verbatim, in quotation marks.
    Direct,
    /// Paraphrase with a frame: dass-clause, Konjunktiv I complement, `laut`, `zufolge`, `so X`.
    Indirect,
    /// A speech act summarised without its content clause.
    Reported,
    /// Konjunktiv I or reportative *sollen* sentences continuing a report without a frame of their own.
    FreeIndirect,
}

impl Kind {
    /// The contract's name of the kind (`direct`, `indirect`, `reported`, `free_indirect`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Indirect => "indirect",
            Kind::Reported => "reported",
            Kind::FreeIndirect => "free_indirect",
        }
    }
}

/// Grammatical mood of the reported clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mood {
    /// Indicative (also the default for direct quotes).
    Indicative,
    /// Konjunktiv I or II.
    Subjunctive,
}

/// What a speaker (or an entity) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerType {
    /// A named or described person.
    Person,
    /// A company, government, party, police, ...
    Organisation,
    /// A newspaper, broadcaster or agency.
    Media,
    /// A report, study, statement or law.
    Document,
    /// Several people (`Demonstranten`, `die Ärzte`).
    Group,
    /// An unnamed individual (`ein Sprecher`).
    Anonymous,
    /// No identifiable source (`Berichten zufolge`, `Augenzeugen`).
    Vague,
    /// A pronoun or description the engine could not resolve to an entity.
    Unresolved,
}

/// The reported content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The content without quotation marks, pieces joined by a single space.
    pub text: String,
    /// The content's spans in document order; for `direct` claims they include the marks.
    pub spans: Vec<Span>,
}

/// Who said it: the mention in this claim's context and who it resolves to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The mention as written here (often a pronoun).
    pub text: String,
    /// The mention's spans.
    pub spans: Vec<Span>,
    /// The fullest name the document gives for the resolved entity (the mention itself if unresolved).
    pub name: String,
    /// The title or function the article gives the entity.
    pub role: Option<String>,
    /// What the speaker is.
    #[serde(rename = "type")]
    pub kind: SpeakerType,
    /// Index into [`Document::speakers`].
    pub entity: Option<usize>,
}

/// The word(s) that signal the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cue {
    /// The cue's words as written, pieces joined by a single space.
    pub text: String,
    /// Infinitive or base form (`mitteilen` for `teilte … mit`).
    pub lemma: String,
    /// The cue's spans in document order.
    pub spans: Vec<Span>,
}

/// A role given by text only: frame or addressee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// The text, pieces joined by a single space.
    pub text: String,
    /// The spans in document order.
    pub spans: Vec<Span>,
}

/// One attributed report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// What kind of report this is.
    pub kind: Kind,
    /// The reported content.
    pub quote: Quote,
    /// Who said it, or `null` when the text names no source.
    pub speaker: Option<Speaker>,
    /// The word(s) signalling the report.
    pub cue: Option<Cue>,
    /// The introducing clause.
    pub frame: Option<Part>,
    /// To whom it was said.
    pub addressee: Option<Part>,
    /// Mood of the reported clause.
    pub mood: Mood,
    /// The claim lies inside another claim's quote.
    pub nested: bool,
    /// The grammar rule that produced the claim (stable dotted name).
    pub rule: String,
    /// 0–1: how likely the claim is right.
    pub confidence: f32,
}

/// A person, organisation or medium the document's claims are attributed to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Index in [`Document::speakers`].
    pub id: usize,
    /// The fullest name the document gives.
    pub name: String,
    /// What the entity is.
    #[serde(rename = "type")]
    pub kind: SpeakerType,
    /// Title or function.
    pub role: Option<String>,
    /// `male`, `female`, or `null` when unknown or not a person.
    pub gender: Option<String>,
    /// Every mention's span.
    pub mentions: Vec<Span>,
}

/// The engine's answer for one input document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Document {
    /// The input record's id, or the file name, or `null`.
    pub id: Option<serde_json::Value>,
    /// Every claim, in document order of its quote.
    pub claims: Vec<Claim>,
    /// Every entity a claim is attributed to.
    pub speakers: Vec<Entity>,
}

//! # zitat — who said what, in German news
//!
//! zitat reads German news text and finds every reported claim: direct quotes in any of the
//! German quotation-mark conventions, indirect speech, according-to phrases and reported speech
//! acts, each with its speaker (resolved to the person the article means), cue, frame and
//! addressee, and exact byte and character offsets into the input.
//!
//! ```
//! let engine = zitat::Engine::new();
//! let doc = engine.extract(
//!     "„Wir werden weiterhin alles tun, was wir können“, sagte US-Außenminister Antony Blinken.",
//! );
//! let claim = &doc.claims[0];
//! assert_eq!(claim.kind, zitat::Kind::Direct);
//! assert_eq!(claim.quote.text, "Wir werden weiterhin alles tun, was wir können");
//! let speaker = claim.speaker.as_ref().unwrap();
//! assert_eq!(speaker.name, "Antony Blinken");
//! assert_eq!(speaker.role.as_deref(), Some("US-Außenminister"));
//! assert_eq!(claim.cue.as_ref().unwrap().lemma, "sagen");
//! ```
//!
//! The stages are kept apart: `text` (normalisation with an offset map, sentences, tokens) →
//! `quotes` (mark pairing) → `rules` (nom grammar over tokens, one module per reporting
//! structure) → `speakers` (entities, coreference) → [`claims`] (the serde output model).
//! [`render_text`] and [`HtmlPage`] turn the model into something a reviewer reads.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod claims;
mod engine;
pub mod eval;
mod grammar;
mod html;
mod quotes;
mod render;
mod rules;
mod speakers;
mod text;

pub use claims::{
    Claim, Cue, Document, Entity, Kind, Mood, Part, Quote, Span, Speaker, SpeakerType,
};
pub use engine::{Engine, EngineBuilder};
pub use grammar::{Example, GrammarError};
pub use html::{HtmlPage, html_article, html_error, html_foot, html_head};
pub use render::render_text;

/// Extracts the claims of one document with the built-in grammar.
pub fn extract(text: &str) -> Document {
    Engine::new().extract(text)
}

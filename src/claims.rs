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

impl Document {
    /// Appends the document as one line of compact JSON, byte for byte what
    /// `serde_json::to_writer` writes, without the trailing newline.
    ///
    /// Written by hand because serde_json escapes every field name of every struct and goes
    /// through a map serializer per span: a tenth of the command line's run time went to
    /// serialising output. A test holds it to serde_json's output.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        // (nothing is handed on: the whole document stays in `out`)
        let Ok(()) = self.write_json_parts(out, |_| Ok::<(), std::convert::Infallible>(()));
    }

    /// [`Document::write_json`] into a writer, some 64 KB at a time: a document with a million
    /// claims never stands whole in memory as JSON (a long text's JSON runs to several times the
    /// text, and a buffer grown to hold it was copied at every doubling).
    pub fn write_json_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        const PART: usize = 64 << 10;
        let mut buf = Vec::with_capacity(2 * PART);
        self.write_json_parts(&mut buf, |buf| -> std::io::Result<()> {
            if buf.len() >= PART {
                out.write_all(buf)?;
                buf.clear();
            }
            Ok(())
        })?;
        out.write_all(&buf)
    }

    /// Appends the document's JSON to `out`, calling `part` after each claim and entity (and
    /// nowhere else), so that it may hand on and empty the buffer.
    fn write_json_parts<E>(
        &self,
        out: &mut Vec<u8>,
        mut part: impl FnMut(&mut Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        out.extend_from_slice(b"{\"id\":");
        match &self.id {
            Some(id) => json::value(out, id),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"claims\":[");
        for (i, c) in self.claims.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            c.write_json(out);
            part(out)?;
        }
        out.extend_from_slice(b"],\"speakers\":[");
        for (i, e) in self.speakers.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            e.write_json(out);
            part(out)?;
        }
        out.extend_from_slice(b"]}");
        Ok(())
    }
}

impl Claim {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"kind\":\"");
        out.extend_from_slice(self.kind.as_str().as_bytes());
        out.extend_from_slice(b"\",\"quote\":{\"text\":");
        json::str(out, &self.quote.text);
        out.extend_from_slice(b",\"spans\":");
        json::spans(out, &self.quote.spans);
        out.extend_from_slice(b"},\"speaker\":");
        match &self.speaker {
            Some(s) => {
                out.extend_from_slice(b"{\"text\":");
                json::str(out, &s.text);
                out.extend_from_slice(b",\"spans\":");
                json::spans(out, &s.spans);
                out.extend_from_slice(b",\"name\":");
                json::str(out, &s.name);
                out.extend_from_slice(b",\"role\":");
                json::opt_str(out, s.role.as_deref());
                out.extend_from_slice(b",\"type\":\"");
                out.extend_from_slice(s.kind.as_str().as_bytes());
                out.extend_from_slice(b"\",\"entity\":");
                match s.entity {
                    Some(n) => json::uint(out, n),
                    None => out.extend_from_slice(b"null"),
                }
                out.push(b'}');
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"cue\":");
        match &self.cue {
            Some(c) => {
                out.extend_from_slice(b"{\"text\":");
                json::str(out, &c.text);
                out.extend_from_slice(b",\"lemma\":");
                json::str(out, &c.lemma);
                out.extend_from_slice(b",\"spans\":");
                json::spans(out, &c.spans);
                out.push(b'}');
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"frame\":");
        json::part(out, self.frame.as_ref());
        out.extend_from_slice(b",\"addressee\":");
        json::part(out, self.addressee.as_ref());
        out.extend_from_slice(match self.mood {
            Mood::Indicative => b",\"mood\":\"indicative\",\"nested\":",
            Mood::Subjunctive => b",\"mood\":\"subjunctive\",\"nested\":",
        });
        out.extend_from_slice(if self.nested { b"true" } else { b"false" });
        out.extend_from_slice(b",\"rule\":");
        json::str(out, &self.rule);
        out.extend_from_slice(b",\"confidence\":");
        // serde_json's own float formatting (and `null` for NaN): one call per claim
        json::value(out, &self.confidence);
        out.push(b'}');
    }
}

impl Entity {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"id\":");
        json::uint(out, self.id);
        out.extend_from_slice(b",\"name\":");
        json::str(out, &self.name);
        out.extend_from_slice(b",\"type\":\"");
        out.extend_from_slice(self.kind.as_str().as_bytes());
        out.extend_from_slice(b"\",\"role\":");
        json::opt_str(out, self.role.as_deref());
        out.extend_from_slice(b",\"gender\":");
        json::opt_str(out, self.gender.as_deref());
        out.extend_from_slice(b",\"mentions\":");
        json::spans(out, &self.mentions);
        out.push(b'}');
    }
}

impl SpeakerType {
    /// The contract's name of the type (`person`, `organisation`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Person => "person",
            SpeakerType::Organisation => "organisation",
            SpeakerType::Media => "media",
            SpeakerType::Document => "document",
            SpeakerType::Group => "group",
            SpeakerType::Anonymous => "anonymous",
            SpeakerType::Vague => "vague",
            SpeakerType::Unresolved => "unresolved",
        }
    }
}

/// The pieces of [`Document::write_json`].
mod json {
    use super::{Part, Span};

    /// Any serde value, through serde_json (ids and confidences: one call per record or claim).
    pub(super) fn value<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) {
        serde_json::to_writer(&mut *out, v).expect("writing to a vector cannot fail");
    }

    /// A JSON string. Text that needs no escape (no quote, backslash or control character:
    /// nearly all of it) is copied as it is; anything else goes through serde_json, so the
    /// escapes are its own.
    pub(super) fn str(out: &mut Vec<u8>, s: &str) {
        // whole chunks without an early exit, which the compiler turns into vector compares
        let plain = !s.as_bytes().chunks(16).any(|chunk| {
            chunk.iter().fold(false, |bad, &b| {
                bad | (b < 0x20) | (b == b'"') | (b == b'\\')
            })
        });
        if plain {
            out.reserve(s.len() + 2);
            out.push(b'"');
            out.extend_from_slice(s.as_bytes());
            out.push(b'"');
        } else {
            value(out, s);
        }
    }

    pub(super) fn opt_str(out: &mut Vec<u8>, s: Option<&str>) {
        match s {
            Some(s) => str(out, s),
            None => out.extend_from_slice(b"null"),
        }
    }

    /// A number in decimal, as serde_json (itoa) writes it.
    pub(super) fn uint(out: &mut Vec<u8>, n: usize) {
        let mut buf = [0u8; 20];
        let len = put_uint(&mut buf, 0, n);
        out.extend_from_slice(&buf[..len]);
    }

    /// Writes `n` in decimal into `buf` at `at`, two digits per step from a table; returns
    /// where it ends.
    #[inline(always)]
    fn put_uint(buf: &mut [u8], at: usize, mut n: usize) -> usize {
        const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
              2021222324252627282930313233343536373839\
              4041424344454647484950515253545556575859\
              6061626364656667686970717273747576777879\
              8081828384858687888990919293949596979899";
        // (counted by comparisons: a division per digit cost more, and offsets are short)
        let mut digits = 1;
        let mut bound = 10;
        while n >= bound {
            digits += 1;
            if digits == 20 {
                break;
            }
            bound *= 10;
        }
        let end = at + digits;
        let mut i = end;
        while n >= 100 {
            let d = (n % 100) * 2;
            n /= 100;
            i -= 2;
            buf[i..i + 2].copy_from_slice(&PAIRS[d..d + 2]);
        }
        if n >= 10 {
            i -= 2;
            buf[i..i + 2].copy_from_slice(&PAIRS[n * 2..n * 2 + 2]);
        } else {
            i -= 1;
            buf[i] = b'0' + n as u8;
        }
        end
    }

    /// A list of spans. Each span is put together on the stack and appended at once: as nine
    /// appends (names and numbers) it cost a `memcpy` call each.
    pub(super) fn spans(out: &mut Vec<u8>, spans: &[Span]) {
        out.push(b'[');
        for (i, s) in spans.iter().enumerate() {
            // the longest span: its names and marks (44 bytes) and four 20-digit numbers
            let mut buf = [0u8; 136];
            let put = |buf: &mut [u8; 136], at: usize, bytes: &[u8]| {
                buf[at..at + bytes.len()].copy_from_slice(bytes);
                at + bytes.len()
            };
            let mut at = put(
                &mut buf,
                0,
                if i == 0 {
                    b"{\"start\":"
                } else {
                    b",{\"start\":"
                },
            );
            at = put_uint(&mut buf, at, s.start);
            at = put(&mut buf, at, b",\"end\":");
            at = put_uint(&mut buf, at, s.end);
            at = put(&mut buf, at, b",\"char_start\":");
            at = put_uint(&mut buf, at, s.char_start);
            at = put(&mut buf, at, b",\"char_end\":");
            at = put_uint(&mut buf, at, s.char_end);
            at = put(&mut buf, at, b"}");
            out.extend_from_slice(&buf[..at]);
        }
        out.push(b']');
    }

    pub(super) fn part(out: &mut Vec<u8>, part: Option<&Part>) {
        match part {
            Some(p) => {
                out.extend_from_slice(b"{\"text\":");
                str(out, &p.text);
                out.extend_from_slice(b",\"spans\":");
                spans(out, &p.spans);
                out.push(b'}');
            }
            None => out.extend_from_slice(b"null"),
        }
    }
}

#[cfg(test)]
mod tests {
    /// A number is written as `to_string` writes it, at every count of digits and either side of
    /// each power of ten.
    #[test]
    fn numbers_are_decimal() {
        let mut cases = vec![0usize, usize::MAX];
        let mut p = 1usize;
        while let Some(q) = p.checked_mul(10) {
            cases.extend([p - 1, p, p + 1, q - 1]);
            p = q;
        }
        cases.extend([p - 1, p, p + 1]);
        for n in cases {
            let mut out = Vec::new();
            super::json::uint(&mut out, n);
            assert_eq!(String::from_utf8(out).expect("ASCII"), n.to_string());
        }
    }
}

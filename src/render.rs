//! A readable rendering of claims: what the text listing and the snapshots show.

use std::fmt::Write;

use crate::claims::{Claim, Document};

/// Renders a document's claims for people: one block per claim with quote, speaker → resolved
/// name, cue, frame and addressee written out, so a reviewer reads German, not offsets.
pub fn render_text(doc: &Document) -> String {
    let mut out = String::new();
    if doc.claims.is_empty() {
        out.push_str("(no claims)\n");
    }
    for (i, c) in doc.claims.iter().enumerate() {
        render_claim(&mut out, i + 1, c);
    }
    out
}

fn render_claim(out: &mut String, n: usize, c: &Claim) {
    let _ = writeln!(
        out,
        "[{n}] {}{} · {} · {:.2}",
        c.kind.as_str(),
        if c.nested { " (nested)" } else { "" },
        c.rule,
        c.confidence
    );
    let _ = writeln!(out, "    quote:     {}", c.quote.text);
    match &c.speaker {
        Some(s) => {
            let role = s
                .role
                .as_deref()
                .map(|r| format!(", {r}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    speaker:   {} → {} ({:?}{role})",
                s.text, s.name, s.kind
            );
        }
        None => {
            let _ = writeln!(out, "    speaker:   –");
        }
    }
    if let Some(cue) = &c.cue {
        let _ = writeln!(out, "    cue:       {} ({})", cue.text, cue.lemma);
    }
    if let Some(f) = &c.frame {
        let _ = writeln!(out, "    frame:     {}", f.text);
    }
    if let Some(a) = &c.addressee {
        let _ = writeln!(out, "    addressee: {}", a.text);
    }
    if c.mood == crate::claims::Mood::Subjunctive {
        let _ = writeln!(out, "    mood:      subjunctive");
    }
}

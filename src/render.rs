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

/// The text on one line: a claim that runs across a hard line break (`die Lage sei⏎ernst`) would
/// otherwise break the block apart. A paragraph break shows as `¶`; the JSON keeps the exact
/// slice of the input.
fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['\n', '\r']) {
        return s.into();
    }
    let paragraphs: Vec<String> = s
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join(" ¶ ").into()
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
    let _ = writeln!(out, "    quote:     {}", one_line(&c.quote.text));
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
                one_line(&s.text),
                one_line(&s.name),
                s.kind
            );
        }
        None => {
            let _ = writeln!(out, "    speaker:   –");
        }
    }
    if let Some(cue) = &c.cue {
        let _ = writeln!(
            out,
            "    cue:       {} ({})",
            one_line(&cue.text),
            cue.lemma
        );
    }
    if let Some(f) = &c.frame {
        let _ = writeln!(out, "    frame:     {}", one_line(&f.text));
    }
    if let Some(a) = &c.addressee {
        let _ = writeln!(out, "    addressee: {}", one_line(&a.text));
    }
    if c.mood == crate::claims::Mood::Subjunctive {
        let _ = writeln!(out, "    mood:      subjunctive");
    }
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn line_breaks_inside_a_claim_stay_on_one_line() {
        assert_eq!(one_line("die Lage sei\nernst"), "die Lage sei ernst");
        assert_eq!(one_line("a\r\n  b"), "a b");
        assert_eq!(one_line("Ende.\n\n„Neu"), "Ende. ¶ „Neu");
        assert_eq!(one_line("ohne Umbruch"), "ohne Umbruch");
    }
}

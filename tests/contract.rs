//! The JSON contract of ../shared/contract.md: field names, span semantics, error records.

use zitat::{Engine, Kind};

/// Slices like Python's `str`: by code points.
fn char_slice(s: &str, start: usize, end: usize) -> String {
    s.chars().skip(start).take(end - start).collect()
}

#[test]
fn spans_point_into_the_original_input_in_bytes_and_chars() {
    // decomposed umlauts (u + U+0308) and a no-break space before the quote
    let input = "Bundesminister Jo\u{0308}rg Mu\u{0308}ller sagte:\u{00A0}„Wir prüfen das.“";
    let doc = Engine::new().extract(input);
    assert_eq!(doc.claims.len(), 1);
    let c = &doc.claims[0];
    let q = c.quote.spans[0];
    assert_eq!(&input[q.start..q.end], "„Wir prüfen das.“");
    assert_eq!(
        char_slice(input, q.char_start, q.char_end),
        "„Wir prüfen das.“"
    );
    let s = c.speaker.as_ref().unwrap();
    assert_eq!(
        &input[s.spans[0].start..s.spans[0].end],
        "Bundesminister Jo\u{0308}rg Mu\u{0308}ller"
    );
    assert_eq!(s.text, "Bundesminister Jo\u{0308}rg Mu\u{0308}ller");
    assert_eq!(c.quote.text, "Wir prüfen das.");
}

#[test]
fn wire_format_field_names() {
    let doc = Engine::new().extract(
        "„Die Lage ist ernst“, sagte Innenminister Markus Feld der Nachrichtenagentur dpa.",
    );
    let v = serde_json::to_value(&doc).unwrap();
    let keys = |o: &serde_json::Value| {
        let mut k: Vec<String> = o.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&v), ["claims", "id", "speakers"]);
    let c = &v["claims"][0];
    assert_eq!(
        keys(c),
        [
            "addressee",
            "confidence",
            "cue",
            "frame",
            "kind",
            "mood",
            "nested",
            "quote",
            "rule",
            "speaker"
        ]
    );
    assert_eq!(
        keys(&c["speaker"]),
        ["entity", "name", "role", "spans", "text", "type"]
    );
    assert_eq!(
        keys(&c["quote"]["spans"][0]),
        ["char_end", "char_start", "end", "start"]
    );
    assert_eq!(keys(&c["cue"]), ["lemma", "spans", "text"]);
    assert_eq!(c["kind"], "direct");
    assert_eq!(c["mood"], "indicative");
    assert_eq!(c["speaker"]["type"], "person");
    assert_eq!(c["addressee"]["text"], "der Nachrichtenagentur dpa");
    assert_eq!(
        keys(&v["speakers"][0]),
        ["gender", "id", "mentions", "name", "role", "type"]
    );
    // the model reads back what it writes
    let back: zitat::Document = serde_json::from_value(v).unwrap();
    assert_eq!(back, doc);
    assert_eq!(back.claims[0].kind, Kind::Direct);
}

#[test]
fn json_snapshot_pins_the_wire_format() {
    let doc = Engine::new().extract("Er sagte: „Wir kommen.“");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.bind(|| insta::assert_json_snapshot!("contract_wire_format", doc));
}

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

/// `Document::write_json` (the command line's JSON Lines writer) is byte for byte
/// `serde_json::to_writer`: on every fixture text and on a document holding every case the
/// hand-written writer treats apart (escapes, empty and absent fields, ids of every JSON type,
/// numbers of every length, a NaN confidence).
#[test]
fn hand_written_json_is_serde_json() {
    use zitat::{Claim, Cue, Document, Entity, Mood, Part, Quote, Span, Speaker, SpeakerType};
    let same = |doc: &Document| {
        let mut mine = Vec::new();
        doc.write_json(&mut mine);
        let serde = serde_json::to_vec(doc).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&mine),
            String::from_utf8_lossy(&serde)
        );
        let mut streamed = Vec::new();
        doc.write_json_to(&mut streamed).unwrap();
        assert!(streamed == mine, "write_json_to differs from write_json");
    };
    let engine = Engine::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut stack = vec![dir];
    let mut texts = 0;
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(text) = std::fs::read_to_string(&p) {
                let mut doc = engine.extract(&text);
                doc.id = Some(serde_json::Value::String(p.display().to_string()));
                same(&doc);
                texts += 1;
            }
        }
    }
    assert!(texts > 0, "no fixture texts");
    let span = |n: usize| Span {
        start: n,
        end: n * 10 + 9,
        char_start: usize::MAX - n,
        char_end: 0,
    };
    let tricky = "\"Zitat\" \\ \u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f}\u{7f} „ä“ 😀 \u{2028}";
    let claim = |kind, confidence, with_all: bool| Claim {
        kind,
        quote: Quote {
            text: tricky.into(),
            spans: vec![span(0), span(7), span(123_456_789)],
        },
        speaker: with_all.then(|| Speaker {
            text: "er".into(),
            spans: vec![span(99)],
            name: "Max \"Maxi\" Muster".into(),
            role: Some("Sprecher\\in".into()),
            kind: SpeakerType::Unresolved,
            entity: Some(12),
        }),
        cue: with_all.then(|| Cue {
            text: "sagte".into(),
            lemma: "sagen".into(),
            spans: vec![],
        }),
        frame: with_all.then(|| Part {
            text: String::new(),
            spans: vec![span(10)],
        }),
        addressee: with_all.then(|| Part {
            text: "der\nZeitung".into(),
            spans: vec![span(100), span(1000)],
        }),
        mood: if with_all {
            Mood::Subjunctive
        } else {
            Mood::Indicative
        },
        nested: with_all,
        rule: "direct.postposed".into(),
        confidence,
    };
    let kinds = [
        SpeakerType::Person,
        SpeakerType::Organisation,
        SpeakerType::Media,
        SpeakerType::Document,
        SpeakerType::Group,
        SpeakerType::Anonymous,
        SpeakerType::Vague,
        SpeakerType::Unresolved,
    ];
    let doc = |id| Document {
        id,
        claims: vec![
            claim(Kind::Direct, 0.85, true),
            claim(Kind::Indirect, f32::NAN, false),
            claim(Kind::Reported, 1.0 / 3.0, true),
            claim(Kind::FreeIndirect, 0.0, false),
            claim(Kind::Direct, f32::INFINITY, false),
        ],
        speakers: kinds
            .iter()
            .enumerate()
            .map(|(i, &kind)| Entity {
                id: i * 37,
                name: tricky[..i].into(),
                kind,
                role: (i % 2 == 0).then(|| "Präsident".into()),
                gender: (i % 3 == 0).then(|| "female".into()),
                mentions: (0..i).map(span).collect(),
            })
            .collect(),
    };
    for id in [
        None,
        Some(serde_json::Value::Null),
        Some(serde_json::json!("a\"b\u{1}")),
        Some(serde_json::json!(42)),
        Some(serde_json::json!(-1.5)),
        Some(serde_json::json!({"x": [1, true, null]})),
    ] {
        same(&doc(id));
    }
    same(&Document::default());
}

/// `Document::write_json_to` hands its JSON on in parts: the parts put together are
/// `write_json`'s bytes, also for a document far larger than one part.
#[test]
fn json_written_in_parts_is_whole() {
    let mut doc = Engine::new().extract("„Wir kommen“, sagte Innenminister Markus Feld.");
    let claim = doc.claims[0].clone();
    doc.claims = vec![claim; 5000];
    doc.id = Some(serde_json::json!("groß"));
    let mut whole = Vec::new();
    doc.write_json(&mut whole);
    assert!(whole.len() > 4 * (64 << 10));
    // a writer that takes at most 1,000 bytes per call, so `write_all` is exercised too
    struct Parts(Vec<u8>, usize);
    impl std::io::Write for Parts {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let n = buf.len().min(1000);
            self.0.extend_from_slice(&buf[..n]);
            self.1 += 1;
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut parts = Parts(Vec::new(), 0);
    doc.write_json_to(&mut parts).unwrap();
    assert!(parts.0 == whole, "the parts differ from the whole");
}

//! The composed test sentences of ../shared/grammar-reference/grammar_tests.jsonl: every case
//! must come out as the catalogue expects (kinds mapped to the contract's as its preface says),
//! or stand in `CORPUS_DECIDES` with the reason why the corpus convention wins there.
//! Skips with a message where ../shared is absent.

use zitat::{Claim, Engine, Kind};

/// Cases where the annotated corpus — which decides the score — marks spans differently from
/// the catalogue, or where the engine has a documented gap.
const CORPUS_DECIDES: &[(&str, &str)] = &[
    (
        "A18",
        "the corpus annotates `Das berichtete X` with the previous sentence as content; the case has none",
    ),
    (
        "B09",
        "no quotation marks: by the contract an indirect claim (rule indirect.headline), not a direct one",
    ),
    (
        "C08",
        "corpus: a speech act with an object and no content clause is `reported`, the whole sentence",
    ),
    (
        "C12",
        "corpus: light-verb speech acts without content (`übte Kritik an`) are `reported`",
    ),
    (
        "D17",
        "corpus: the speaker of `nach eigenen Angaben` is `eigenen Angaben`, not the clause subject",
    ),
    (
        "D18",
        "corpus: the speaker of `Nach Angaben des Veranstalters` is `Angaben des Veranstalters`, the cue `Nach`",
    ),
    (
        "D19",
        "corpus: the speaker of `Nach Polizeiangaben` is `Polizeiangaben`, the cue `Nach`",
    ),
    (
        "E07",
        "corpus: `Sie forderte mehr Geld` (object, no content clause) is `reported`",
    ),
    (
        "E08",
        "corpus: `Dieser kündigte Streiks an` (object, no content clause) is `reported`",
    ),
    (
        "F10",
        "corpus: evidential `zeigt, dass` is annotated only now and then; a plain `zeigen` entry beside `sich zeigen` was measured: 7 more indirect claims on train, 3 of them in the gold, dev joint 0.741 → 0.739",
    ),
];

fn norm(s: &str) -> String {
    // `(2) …` numbers the records of a multi-record case; ` … ` joins interrupted quotes where
    // the contract joins with a space
    let s = s.trim();
    let s = if s.starts_with('(') {
        s.split_once(") ").map(|(_, r)| r).unwrap_or(s)
    } else {
        s
    };
    let s = s.replace(" … ", " ").replace(" ¶ ", " ");
    let s = s.replace(['„', '“'], "");
    let s = s
        .trim()
        .trim_matches(|c: char| "„“”\"»«‚‘’'›‹.,:;!? ".contains(c));
    // the corpus keeps `dass` inside indirect content, the catalogue leaves it out
    let s = s.strip_prefix("dass ").unwrap_or(s);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn kinds(k: &str) -> Vec<Option<Kind>> {
    k.split(';')
        .flat_map(|part| {
            let part = part.trim();
            let (name, n) = match part.split_once(" ×") {
                Some((name, n)) => (name, n.trim().parse().unwrap_or(1)),
                None => (part, 1),
            };
            let kind = match name {
                "direct" | "direct-floating" | "direct-so" | "partial" | "headline"
                | "interview" => Some(Kind::Direct),
                "indirect" | "mixed" | "according-to" | "document" => Some(Kind::Indirect),
                "nominal" | "reported" => Some(Kind::Reported),
                "continuation" => Some(Kind::FreeIndirect),
                _ => None,
            };
            std::iter::repeat_n(kind, n)
        })
        .collect()
}

fn matches(c: &Claim, quote: &str, speaker: &str, cue: &str) -> Vec<String> {
    let mut why = Vec::new();
    let want_q = norm(quote);
    if !want_q.is_empty() && !quote.contains("(1)") && norm(&c.quote.text) != want_q {
        why.push(format!("quote `{}` ≠ `{}`", c.quote.text, quote));
    }
    let want_s = speaker
        .split('→')
        .next()
        .unwrap_or("")
        .trim()
        .trim_matches(|c| c == '⟦' || c == '⟧')
        .trim();
    let got_s = c.speaker.as_ref().map(|s| s.text.as_str()).unwrap_or("∅");
    if !speaker.contains("(1)") && !want_s.is_empty() && !want_s.starts_with('∅') && got_s != want_s
    {
        why.push(format!("speaker `{got_s}` ≠ `{want_s}`"));
    }
    let lemma = cue.split(':').next().unwrap_or("").trim();
    let got_l = c.cue.as_ref().map(|c| c.lemma.as_str()).unwrap_or("");
    if !cue.contains("(1)")
        && !cue.contains("inherited")
        && !lemma.is_empty()
        && lemma != "—"
        && !lemma.contains(' ')
        && c.kind != Kind::Reported
        && got_l != lemma
    {
        why.push(format!("cue `{got_l}` ≠ `{lemma}`"));
    }
    why
}

#[test]
fn catalogue_cases_come_out_as_expected() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/grammar-reference/grammar_tests.jsonl"
    );
    let Ok(src) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {path} is absent");
        return;
    };
    let engine = Engine::new();
    let mut failures = Vec::new();
    let mut n = 0;
    for line in src.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).expect("catalogue line is JSON");
        let get = |k: &str| case[k].as_str().unwrap_or("").to_string();
        let (id, input, kind) = (get("id"), get("input"), get("kind"));
        if CORPUS_DECIDES.iter().any(|(i, _)| *i == id) {
            continue;
        }
        n += 1;
        // the catalogue writes a paragraph break as ` ¶ ` and tags some inputs (`[headline] …`)
        let input = input.replace(" ¶ ", "\n\n");
        // (`[interview; lead names Jonas Reiter]` stands for an article lead that introduces
        // the interviewee, as §2.8 requires of a label: the lead is written out)
        let input = match input.strip_prefix('[') {
            Some(rest) => match rest.split_once("] ") {
                Some((tag, r)) => match tag.split_once("lead names ") {
                    Some((_, name)) => format!("{name} ist Virologe.\n\n{r}"),
                    None => r.to_string(),
                },
                None => input.clone(),
            },
            None => input,
        };
        let doc = engine.extract(&input);
        let want = kinds(&kind);
        let wanted: Vec<Kind> = want.iter().flatten().copied().collect();
        let problem = if wanted.is_empty() {
            (!doc.claims.is_empty())
                .then(|| format!("expected no claim, found {}", doc.claims.len()))
        } else if doc.claims.iter().any(|c| c.kind == wanted[0]) {
            // some claim of that kind must match; report the first one's differences
            let all: Vec<Vec<String>> = doc
                .claims
                .iter()
                .filter(|c| c.kind == wanted[0])
                .map(|c| matches(c, &get("quote"), &get("speaker"), &get("cue")))
                .collect();
            (!all.iter().any(Vec::is_empty)).then(|| all[0].join("; "))
        } else {
            Some(format!("no {:?} claim", wanted[0]))
        };
        if let Some(p) = problem {
            failures.push(format!(
                "{id} [{kind}] {input}\n    {p}\n{}",
                zitat::render_text(&doc)
            ));
        }
    }
    assert!(n >= 80, "only {n} cases checked");
    assert!(
        failures.is_empty(),
        "{} of {n} catalogue cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

//! Scoring against the German News Quotation Attribution corpus (SpkAtt-2023 Task 2).
//!
//! Every claim part (quote, cue, frame, speaker, addressee) becomes a set of corpus token indices:
//! a token belongs to the set when at least half of its characters are covered by the part's spans.
//! Per document, gold and predicted claims are paired one to one by maximum total weight (Hungarian
//! assignment), the weight being the token-overlap F1 of the two quotes plus 0.01 when they overlap
//! and their kinds agree. Leftover claims are paired with an empty claim. For every pair and part,
//! precision is a value only when the prediction has tokens for that part, recall only when the gold
//! has; the reported figures are means over all such values (quote only for *messages*, the four
//! roles for *roles*, all five parts for *joint*), F1 being the harmonic mean of the two means.
//!
//! Beside the task metric the report carries diagnostics: recall and precision per kind at quote
//! overlap ≥ 0.5, a kind confusion table, false alarms on claim-free documents, speaker accuracy of
//! direct quotes, who-said-it accuracy against `dev.resolved.jsonl`, and the worst documents.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::claims::{Claim, Document, Kind};

/// A code-point range `(char_start, char_end)`, end exclusive.
pub type CharSpan = (usize, usize);

/// Quote overlap (token F1) from which a pairing counts as finding the claim in the diagnostics.
pub const MATCH_THRESHOLD: f64 = 0.5;

/// Added to a pair's weight when the quotes overlap and the kinds agree.
const KIND_BONUS: f64 = 0.01;

/// Scales the roles' mean overlap F1 into a pair's weight, only to break ties.
///
/// Why: the corpus gives one quoted passage two claims when a medium quotes a person (`Die Zeitung
/// zitiert X mit den Worten: „…“`), and so does zitat; both pairings then weigh the same, and an
/// arbitrary choice would pair the newspaper with the person. The term is far below any real
/// difference of quote overlap (token F1 of two different spans differs by more than 1e-4), so it
/// only decides between assignments the metric's own weight cannot tell apart.
const ROLE_TIE_BREAK: f64 = 1e-7;

/// Characters of a quote shown in [`ClaimNote::context`].
const CONTEXT_CHARS: usize = 60;

// ---------------------------------------------------------------------------------------------
// Gold data
// ---------------------------------------------------------------------------------------------

/// The corpus's kind of an annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GoldKind {
    /// Verbatim, in quotation marks.
    Direct,
    /// Paraphrase with a frame.
    Indirect,
    /// A speech act summarised without its content.
    Reported,
    /// Continuation of a report without a frame of its own.
    FreeIndirect,
    /// The corpus's Indirect/FreeIndirect subjunctive continuations.
    Other,
}

impl GoldKind {
    /// Every kind, in display order.
    pub const ALL: [GoldKind; 5] = [
        GoldKind::Direct,
        GoldKind::Indirect,
        GoldKind::Reported,
        GoldKind::FreeIndirect,
        GoldKind::Other,
    ];

    /// Parses the corpus's name of a kind (case and `_` are ignored: `FreeIndirect` works too).
    pub fn parse(name: &str) -> Option<GoldKind> {
        let key: String = name
            .chars()
            .filter(|c| *c != '_' && *c != '-' && !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "direct" => Some(GoldKind::Direct),
            "indirect" => Some(GoldKind::Indirect),
            "reported" => Some(GoldKind::Reported),
            "freeindirect" => Some(GoldKind::FreeIndirect),
            "other" => Some(GoldKind::Other),
            _ => None,
        }
    }

    /// The corpus's name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            GoldKind::Direct => "direct",
            GoldKind::Indirect => "indirect",
            GoldKind::Reported => "reported",
            GoldKind::FreeIndirect => "free_indirect",
            GoldKind::Other => "other",
        }
    }

    /// Whether a predicted kind counts as the same kind (gold `other` agrees with `free_indirect`).
    pub fn agrees_with(self, predicted: Kind) -> bool {
        matches!(
            (self, predicted),
            (GoldKind::Direct, Kind::Direct)
                | (GoldKind::Indirect, Kind::Indirect)
                | (GoldKind::Reported, Kind::Reported)
                | (GoldKind::FreeIndirect, Kind::FreeIndirect)
                | (GoldKind::Other, Kind::FreeIndirect)
        )
    }
}

/// One gold annotation, reduced to what the evaluation needs.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "RawAnnotation")]
pub struct GoldClaim {
    /// The annotation's kind.
    pub kind: GoldKind,
    /// The quote: `segments` when the corpus gives them, else `start..end`.
    pub quote: Vec<CharSpan>,
    /// The quote's text as the corpus gives it (may be empty).
    pub text: String,
    /// The speaker mention(s): `speaker_start..speaker_end` plus any further `speakers_all` spans.
    pub speaker: Vec<CharSpan>,
    /// The speaker mention's text, when annotated.
    pub speaker_text: Option<String>,
    /// The cue word(s).
    pub cue: Vec<CharSpan>,
    /// The frame (`roles.frame`).
    pub frame: Vec<CharSpan>,
    /// The addressee (`roles.addressee`).
    pub addressee: Vec<CharSpan>,
    /// The annotation lies inside another annotation's quote.
    pub is_nested: bool,
}

/// The corpus line of an annotation, before [`GoldClaim`] normalises it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawAnnotation {
    kind: Option<String>,
    start: Option<usize>,
    end: Option<usize>,
    text: Option<String>,
    segments: Option<Vec<CharSpan>>,
    speaker: Option<String>,
    speaker_start: Option<usize>,
    speaker_end: Option<usize>,
    speakers_all: Option<Vec<RawMention>>,
    cue_spans: Option<Vec<CharSpan>>,
    roles: Option<RawRoles>,
    is_nested: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawMention {
    start: Option<usize>,
    end: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawRoles {
    frame: Option<Vec<CharSpan>>,
    addressee: Option<Vec<CharSpan>>,
}

impl TryFrom<RawAnnotation> for GoldClaim {
    type Error = String;

    fn try_from(raw: RawAnnotation) -> Result<Self, Self::Error> {
        let kind_name = raw.kind.ok_or("annotation without `kind`")?;
        let kind = GoldKind::parse(&kind_name)
            .ok_or_else(|| format!("unknown annotation kind `{kind_name}`"))?;
        let quote = match raw.segments {
            Some(segments) if !segments.is_empty() => segments,
            _ => match (raw.start, raw.end) {
                (Some(s), Some(e)) => vec![(s, e)],
                _ => Vec::new(),
            },
        };
        let mut speaker = Vec::new();
        if let (Some(s), Some(e)) = (raw.speaker_start, raw.speaker_end) {
            speaker.push((s, e));
        }
        for mention in raw.speakers_all.unwrap_or_default() {
            if let (Some(s), Some(e)) = (mention.start, mention.end)
                && !speaker.contains(&(s, e))
            {
                speaker.push((s, e));
            }
        }
        let roles = raw.roles.unwrap_or_default();
        Ok(GoldClaim {
            kind,
            quote,
            text: raw.text.unwrap_or_default(),
            speaker,
            speaker_text: raw.speaker.filter(|s| !s.is_empty()),
            cue: raw.cue_spans.unwrap_or_default(),
            frame: roles.frame.unwrap_or_default(),
            addressee: roles.addressee.unwrap_or_default(),
            is_nested: raw.is_nested.unwrap_or(false),
        })
    }
}

/// One corpus document: its text, the corpus tokenisation and the gold annotations.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldDoc {
    /// The document id (`wikinews-de-…`).
    pub id: String,
    /// The article text.
    #[serde(default)]
    pub text: String,
    /// The corpus tokens as code-point ranges.
    #[serde(default)]
    pub tokens: Vec<CharSpan>,
    /// The annotations in file order (the order `dev.resolved.jsonl`'s `i` counts in).
    #[serde(default)]
    pub annotations: Vec<GoldClaim>,
}

/// Who a gold annotation's speaker really is (one line of `dev.resolved.jsonl`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolvedEntry {
    /// The document id.
    pub id: String,
    /// Index into the document's `annotations`, in file order.
    pub i: usize,
    /// The speaker mention as annotated (often a pronoun).
    #[serde(default)]
    pub speaker: Option<String>,
    /// The fullest name the article gives; `;` between several people.
    pub canonical: String,
    /// `person`, `organisation`, `media`, `document`, `vague`, `group` or `anonymous`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// The title or function the article gives.
    #[serde(default)]
    pub role: Option<String>,
    /// Whether the resolver was sure.
    #[serde(default)]
    pub confident: Option<bool>,
}

/// The resolved speakers of a corpus, looked up by document id and annotation index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolved {
    entries: HashMap<String, BTreeMap<usize, ResolvedEntry>>,
}

impl Resolved {
    /// Builds the table from entries (a later entry for the same annotation replaces an earlier one).
    pub fn from_entries(entries: impl IntoIterator<Item = ResolvedEntry>) -> Self {
        let mut table = Resolved::default();
        for entry in entries {
            table.insert(entry);
        }
        table
    }

    /// Adds or replaces the entry of one annotation.
    pub fn insert(&mut self, entry: ResolvedEntry) {
        self.entries
            .entry(entry.id.clone())
            .or_default()
            .insert(entry.i, entry);
    }

    /// The entry of annotation `i` of document `id`.
    pub fn get(&self, id: &str, i: usize) -> Option<&ResolvedEntry> {
        self.entries.get(id)?.get(&i)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.values().map(BTreeMap::len).sum()
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.values().all(BTreeMap::is_empty)
    }
}

/// Why a corpus file could not be read.
#[derive(Debug)]
pub enum EvalError {
    /// The file could not be opened or read.
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A line is not a valid record.
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            EvalError::Parse {
                path,
                line,
                message,
            } => write!(f, "{}:{line}: {message}", path.display()),
        }
    }
}

impl std::error::Error for EvalError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EvalError::Io { source, .. } => Some(source),
            EvalError::Parse { .. } => None,
        }
    }
}

/// Parses every non-blank line of a JSON Lines file.
fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, EvalError> {
    let content = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut records = Vec::new();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let line = line.strip_prefix('\u{feff}').unwrap_or(line);
        let record = serde_json::from_str(line).map_err(|e| EvalError::Parse {
            path: path.to_path_buf(),
            line: n + 1,
            message: e.to_string(),
        })?;
        records.push(record);
    }
    Ok(records)
}

/// Reads a corpus file (`dev.jsonl`, `train.jsonl`): one [`GoldDoc`] per line.
pub fn read_gold(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    read_jsonl(path)
}

/// Reads a resolved-speaker file (`dev.resolved.jsonl`): one [`ResolvedEntry`] per line.
pub fn read_resolved(path: &Path) -> Result<Resolved, EvalError> {
    Ok(Resolved::from_entries(read_jsonl::<ResolvedEntry>(path)?))
}

// ---------------------------------------------------------------------------------------------
// Token sets and assignment
// ---------------------------------------------------------------------------------------------

/// The sorted indices of the tokens at least half of whose characters the spans cover.
///
/// Empty tokens never count; reversed or out-of-text spans simply cover nothing.
pub fn token_set(spans: &[CharSpan], tokens: &[CharSpan]) -> Vec<usize> {
    let mut intervals: Vec<CharSpan> = spans.iter().copied().filter(|(s, e)| s < e).collect();
    if intervals.is_empty() {
        return Vec::new();
    }
    intervals.sort_unstable();
    let mut merged: Vec<CharSpan> = Vec::with_capacity(intervals.len());
    for (s, e) in intervals {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut set = Vec::new();
    for (index, &(ts, te)) in tokens.iter().enumerate() {
        if ts >= te {
            continue;
        }
        // First interval that ends after the token starts; the merged intervals are disjoint.
        let first = merged.partition_point(|&(_, e)| e <= ts);
        let covered: usize = merged[first..]
            .iter()
            .take_while(|&&(s, _)| s < te)
            .map(|&(s, e)| e.min(te) - s.max(ts))
            .sum();
        if 2 * covered >= te - ts {
            set.push(index);
        }
    }
    set
}

/// Size of the intersection of two sorted index sets.
fn intersection(a: &[usize], b: &[usize]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Token-overlap F1 of two sorted index sets (0 when either is empty).
pub fn overlap_f1(a: &[usize], b: &[usize]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * intersection(a, b) as f64 / (a.len() + b.len()) as f64
}

/// Maximum-weight one-to-one assignment of rows to columns (Hungarian method, O(n³)).
///
/// `weights[r][c]` is the weight of pairing row `r` with column `c`; ragged rows are padded with
/// zeros and non-finite weights count as zero. The matrix is padded to a square, so exactly
/// `min(rows, columns)` rows get a column. Returns the column of every row.
pub fn hungarian(weights: &[Vec<f64>]) -> Vec<Option<usize>> {
    let rows = weights.len();
    let cols = weights.iter().map(Vec::len).max().unwrap_or(0);
    let n = rows.max(cols);
    if rows == 0 || cols == 0 {
        return vec![None; rows];
    }
    // Minimise the negated weights; index 0 is the algorithm's sentinel.
    let cost = |i: usize, j: usize| -> f64 {
        let w = weights
            .get(i - 1)
            .and_then(|row| row.get(j - 1))
            .copied()
            .unwrap_or(0.0);
        if w.is_finite() { -w } else { 0.0 }
    };
    let mut u = vec![0.0f64; n + 1];
    let mut v = vec![0.0f64; n + 1];
    let mut p = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0usize;
        let mut minv = vec![f64::INFINITY; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0usize;
            for j in 1..=n {
                if used[j] {
                    continue;
                }
                let cur = cost(i0, j) - u[i0] - v[j];
                if cur < minv[j] {
                    minv[j] = cur;
                    way[j] = j0;
                }
                if minv[j] < delta {
                    delta = minv[j];
                    j1 = j;
                }
            }
            if j1 == 0 {
                // Cannot happen with finite costs; bail out rather than loop forever.
                break;
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        while j0 != 0 {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        }
    }
    let mut assignment = vec![None; rows];
    for (j, &i) in p.iter().enumerate().skip(1) {
        if (1..=rows).contains(&i) && j <= cols {
            assignment[i - 1] = Some(j - 1);
        }
    }
    assignment
}

// ---------------------------------------------------------------------------------------------
// Scores
// ---------------------------------------------------------------------------------------------

/// Precision, recall and their harmonic mean.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Prf {
    /// Mean precision (0 when there is no value).
    pub precision: f64,
    /// Mean recall (0 when there is no value).
    pub recall: f64,
    /// 2PR/(P+R), 0 when both are 0.
    pub f1: f64,
}

impl Prf {
    /// Builds the triple from precision and recall.
    pub fn new(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// Scores of each claim part.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Parts {
    /// The quote (the *messages* score).
    pub quote: Prf,
    /// The cue.
    pub cue: Prf,
    /// The frame.
    pub frame: Prf,
    /// The speaker mention.
    pub speaker: Prf,
    /// The addressee.
    pub addressee: Prf,
}

/// A share: `hits` out of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Ratio {
    /// Items that count.
    pub hits: usize,
    /// All items.
    pub total: usize,
    /// `hits / total`, 0 when there is no item.
    pub value: f64,
}

impl Ratio {
    fn count(&mut self, hit: bool) {
        self.total += 1;
        if hit {
            self.hits += 1;
        }
        self.value = self.hits as f64 / self.total as f64;
    }
}

/// False alarms on documents whose gold has no claim.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct EmptyDocs {
    /// Documents without a gold claim.
    pub documents: usize,
    /// Claims predicted on them.
    pub predicted: usize,
    /// `predicted / documents` (0 when there is no such document).
    pub per_document: f64,
}

/// Who-said-it accuracy: the paired prediction's `speaker.name` against the resolved `canonical`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct WhoSaidIt {
    /// Every gold annotation with a resolved entry.
    pub all: Ratio,
    /// Those whose gold mention is a pronoun.
    pub pronoun: Ratio,
    /// Those whose claim zitat found (overlap > 0): how well the speaker is resolved once the
    /// claim is there, apart from claim recall, which `all` also pays for.
    pub found: Ratio,
    /// Found claims whose gold mention is a pronoun.
    pub found_pronoun: Ratio,
}

/// A found claim with the wrong speaker, for error analysis of who-said-it accuracy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhoMiss {
    /// The gold document's id.
    pub id: String,
    /// The gold annotation's index in its document.
    pub annotation: usize,
    /// The gold speaker mention as written.
    pub mention: String,
    /// Who the speaker really is (`canonical` of the resolved file).
    pub canonical: String,
    /// The paired prediction's `speaker.text` and `speaker.name`, if it has a speaker.
    pub predicted: Option<(String, String)>,
}

/// A claim shown in [`DocExplain`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimNote {
    /// The claim's kind.
    pub kind: String,
    /// First character of the quote.
    pub char_start: usize,
    /// End of the quote's last character.
    pub char_end: usize,
    /// The beginning of the quote as written (about 60 characters).
    pub context: String,
    /// The speaker mention (predictions: `mention → name` when they differ).
    pub speaker: Option<String>,
    /// Quote overlap F1 with the claim it was paired with (0 when unpaired).
    pub overlap: f64,
}

/// One of the worst documents, with what went wrong.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocExplain {
    /// The document id.
    pub id: String,
    /// Position of the document in the gold file.
    pub index: usize,
    /// The document's joint F1.
    pub joint_f1: f64,
    /// Gold claims evaluated.
    pub gold: usize,
    /// Predicted claims evaluated.
    pub predicted: usize,
    /// Gold claims whose paired prediction overlaps by less than 0.5.
    pub missed: Vec<ClaimNote>,
    /// Predicted claims whose paired gold claim overlaps by less than 0.5.
    pub spurious: Vec<ClaimNote>,
}

/// What [`evaluate`] should do beside the task metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EvalOptions {
    /// Drop nested claims on both sides (gold `is_nested`, predicted `nested`) before pairing.
    pub simplified: bool,
    /// How many of the worst documents to explain (0: none).
    pub explain: usize,
}

/// The evaluation's result; `Display` prints a compact table.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct EvalReport {
    /// Whether nested claims were dropped.
    pub simplified: bool,
    /// Documents evaluated.
    pub documents: usize,
    /// Gold claims evaluated.
    pub gold_claims: usize,
    /// Predicted claims evaluated.
    pub predicted_claims: usize,
    /// Gold–prediction pairs made by the assignment.
    pub pairs: usize,
    /// Quote scores.
    pub messages: Prf,
    /// Pooled cue, frame, speaker and addressee scores.
    pub roles: Prf,
    /// Pooled scores of all five parts.
    pub joint: Prf,
    /// Scores per part.
    pub parts: Parts,
    /// Per gold kind: share of claims whose paired prediction overlaps by at least 0.5.
    pub recall_by_kind: BTreeMap<String, Ratio>,
    /// Per predicted kind: share of claims whose paired gold claim overlaps by at least 0.5.
    pub precision_by_kind: BTreeMap<String, Ratio>,
    /// Gold kind → predicted kind → count, for pairs overlapping by at least 0.5; `missed` counts
    /// the other gold claims.
    pub confusion: BTreeMap<String, BTreeMap<String, usize>>,
    /// False alarms on claim-free documents.
    pub empty_docs: EmptyDocs,
    /// Matched direct gold claims with a speaker: share whose prediction's speaker overlaps it.
    pub direct_speaker: Ratio,
    /// Who-said-it accuracy, when a resolved file was given.
    pub who_said_it: Option<WhoSaidIt>,
    /// Found claims whose speaker is someone else than the resolved one, in document order;
    /// collected only when documents are explained (`explain` > 0), for error analysis.
    pub who_wrong: Vec<WhoMiss>,
    /// The worst documents by joint F1.
    pub explain: Vec<DocExplain>,
    /// Problems with the input (mismatched ids, missing predictions, unknown resolved entries).
    pub warnings: Vec<String>,
}

/// Sums of precision and recall values.
#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    p_sum: f64,
    p_n: usize,
    r_sum: f64,
    r_n: usize,
}

impl Acc {
    fn add(&mut self, other: &Acc) {
        self.p_sum += other.p_sum;
        self.p_n += other.p_n;
        self.r_sum += other.r_sum;
        self.r_n += other.r_n;
    }

    /// Adds the values of one pair's part.
    fn score(&mut self, gold: &[usize], predicted: &[usize]) {
        let tp = intersection(gold, predicted) as f64;
        if !predicted.is_empty() {
            self.p_sum += tp / predicted.len() as f64;
            self.p_n += 1;
        }
        if !gold.is_empty() {
            self.r_sum += tp / gold.len() as f64;
            self.r_n += 1;
        }
    }

    fn prf(&self) -> Prf {
        let mean = |sum: f64, n: usize| if n == 0 { 0.0 } else { sum / n as f64 };
        Prf::new(mean(self.p_sum, self.p_n), mean(self.r_sum, self.r_n))
    }

    fn pooled(accs: &[Acc]) -> Acc {
        let mut total = Acc::default();
        for acc in accs {
            total.add(acc);
        }
        total
    }
}

/// Part order in the accumulators: quote first, then the four roles.
const QUOTE: usize = 0;
const SPEAKER: usize = 3;

/// A claim's parts as token sets, in the order quote, cue, frame, speaker, addressee.
type PartSets = [Vec<usize>; 5];

fn gold_sets(claim: &GoldClaim, tokens: &[CharSpan]) -> PartSets {
    [
        token_set(&claim.quote, tokens),
        token_set(&claim.cue, tokens),
        token_set(&claim.frame, tokens),
        token_set(&claim.speaker, tokens),
        token_set(&claim.addressee, tokens),
    ]
}

fn predicted_sets(claim: &Claim, tokens: &[CharSpan]) -> PartSets {
    fn chars(spans: &[crate::claims::Span]) -> Vec<CharSpan> {
        spans.iter().map(|s| (s.char_start, s.char_end)).collect()
    }
    let opt =
        |spans: Option<&[crate::claims::Span]>| token_set(&chars(spans.unwrap_or(&[])), tokens);
    [
        token_set(&chars(&claim.quote.spans), tokens),
        opt(claim.cue.as_ref().map(|c| c.spans.as_slice())),
        opt(claim.frame.as_ref().map(|c| c.spans.as_slice())),
        opt(claim.speaker.as_ref().map(|c| c.spans.as_slice())),
        opt(claim.addressee.as_ref().map(|c| c.spans.as_slice())),
    ]
}

/// One pair of the assignment: indices into the evaluated gold and predicted lists.
#[derive(Debug, Clone, Copy)]
struct Pair {
    gold: Option<usize>,
    predicted: Option<usize>,
    overlap: f64,
}

/// Everything computed for one document.
struct DocResult {
    parts: [Acc; 5],
    /// Original annotation index of every evaluated gold claim.
    gold: Vec<usize>,
    /// Original claim index of every evaluated prediction.
    predicted: Vec<usize>,
    gold_sets: Vec<PartSets>,
    predicted_sets: Vec<PartSets>,
    pairs: Vec<Pair>,
}

fn evaluate_document(doc: &GoldDoc, prediction: &Document, simplified: bool) -> DocResult {
    let gold: Vec<usize> = (0..doc.annotations.len())
        .filter(|&i| !(simplified && doc.annotations[i].is_nested))
        .collect();
    let predicted: Vec<usize> = (0..prediction.claims.len())
        .filter(|&i| !(simplified && prediction.claims[i].nested))
        .collect();
    let gold_sets: Vec<PartSets> = gold
        .iter()
        .map(|&i| gold_sets(&doc.annotations[i], &doc.tokens))
        .collect();
    let predicted_sets: Vec<PartSets> = predicted
        .iter()
        .map(|&i| predicted_sets(&prediction.claims[i], &doc.tokens))
        .collect();

    let weights: Vec<Vec<f64>> = gold
        .iter()
        .zip(&gold_sets)
        .map(|(&g, gs)| {
            predicted
                .iter()
                .zip(&predicted_sets)
                .map(|(&p, ps)| {
                    let f1 = overlap_f1(&gs[QUOTE], &ps[QUOTE]);
                    if f1 == 0.0 {
                        return 0.0;
                    }
                    let agree = doc.annotations[g]
                        .kind
                        .agrees_with(prediction.claims[p].kind);
                    let roles = (QUOTE + 1..5)
                        .map(|k| overlap_f1(&gs[k], &ps[k]))
                        .sum::<f64>()
                        / 4.0;
                    f1 + if agree { KIND_BONUS } else { 0.0 } + ROLE_TIE_BREAK * roles
                })
                .collect()
        })
        .collect();
    let assignment = hungarian(&weights);

    let mut pairs = Vec::with_capacity(gold.len().max(predicted.len()));
    let mut taken = vec![false; predicted.len()];
    for (g, column) in assignment.iter().enumerate() {
        let overlap = column.map_or(0.0, |p| {
            taken[p] = true;
            overlap_f1(&gold_sets[g][QUOTE], &predicted_sets[p][QUOTE])
        });
        pairs.push(Pair {
            gold: Some(g),
            predicted: *column,
            overlap,
        });
    }
    for (p, _) in taken.iter().enumerate().filter(|(_, t)| !**t) {
        pairs.push(Pair {
            gold: None,
            predicted: Some(p),
            overlap: 0.0,
        });
    }

    let mut parts = [Acc::default(); 5];
    let empty: Vec<usize> = Vec::new();
    for pair in &pairs {
        for (k, acc) in parts.iter_mut().enumerate() {
            let g = pair.gold.map_or(&empty, |g| &gold_sets[g][k]);
            let p = pair.predicted.map_or(&empty, |p| &predicted_sets[p][k]);
            acc.score(g, p);
        }
    }
    DocResult {
        parts,
        gold,
        predicted,
        gold_sets,
        predicted_sets,
        pairs,
    }
}

/// Scores `predictions` against `gold`; `predictions[i]` is the engine's answer for `gold[i]`.
///
/// Missing predictions count as empty documents, surplus ones are ignored (both are reported in
/// [`EvalReport::warnings`]). With `resolved`, who-said-it accuracy is computed over the evaluated
/// gold annotations that have a resolved entry (in simplified mode nested ones are not evaluated).
pub fn evaluate(
    gold: &[GoldDoc],
    predictions: &[Document],
    resolved: Option<&Resolved>,
    opts: &EvalOptions,
) -> EvalReport {
    let empty_prediction = Document::default();
    let mut report = EvalReport {
        simplified: opts.simplified,
        documents: gold.len(),
        who_said_it: resolved.map(|_| WhoSaidIt::default()),
        ..EvalReport::default()
    };
    if predictions.len() < gold.len() {
        report.warnings.push(format!(
            "{} predicted documents for {} gold documents: the rest count as empty",
            predictions.len(),
            gold.len()
        ));
    } else if predictions.len() > gold.len() {
        report.warnings.push(format!(
            "{} predicted documents for {} gold documents: the surplus is ignored",
            predictions.len(),
            gold.len()
        ));
    }
    let mut id_mismatches = 0usize;
    let mut totals = [Acc::default(); 5];
    let mut per_doc: Vec<(usize, f64, DocResult)> = Vec::new();
    let mut resolved_used = 0usize;

    for (d, doc) in gold.iter().enumerate() {
        let prediction = predictions.get(d).unwrap_or(&empty_prediction);
        if let Some(serde_json::Value::String(id)) = &prediction.id
            && *id != doc.id
        {
            id_mismatches += 1;
        }
        let result = evaluate_document(doc, prediction, opts.simplified);
        for (total, acc) in totals.iter_mut().zip(&result.parts) {
            total.add(acc);
        }
        report.gold_claims += result.gold.len();
        report.predicted_claims += result.predicted.len();
        report.pairs += result
            .pairs
            .iter()
            .filter(|p| p.gold.is_some() && p.predicted.is_some())
            .count();
        if result.gold.is_empty() {
            report.empty_docs.documents += 1;
            report.empty_docs.predicted += result.predicted.len();
        }

        for pair in &result.pairs {
            let matched = pair.overlap >= MATCH_THRESHOLD;
            let gold_claim = pair.gold.map(|g| &doc.annotations[result.gold[g]]);
            let claim = pair
                .predicted
                .map(|p| &prediction.claims[result.predicted[p]]);
            if let Some(g) = gold_claim {
                let kind = g.kind.as_str().to_string();
                report
                    .recall_by_kind
                    .entry(kind.clone())
                    .or_default()
                    .count(matched);
                let column = match claim {
                    Some(c) if matched => c.kind.as_str(),
                    _ => "missed",
                };
                *report
                    .confusion
                    .entry(kind)
                    .or_default()
                    .entry(column.to_string())
                    .or_default() += 1;
            }
            if let Some(c) = claim {
                report
                    .precision_by_kind
                    .entry(c.kind.as_str().to_string())
                    .or_default()
                    .count(matched);
            }
            if let (Some(g), Some(gi), Some(pi)) = (gold_claim, pair.gold, pair.predicted) {
                let gold_speaker = &result.gold_sets[gi][SPEAKER];
                if g.kind == GoldKind::Direct && matched && !gold_speaker.is_empty() {
                    let predicted_speaker = &result.predicted_sets[pi][SPEAKER];
                    report
                        .direct_speaker
                        .count(intersection(gold_speaker, predicted_speaker) > 0);
                }
            }
            if let (Some(table), Some(who), Some(gi)) =
                (resolved, report.who_said_it.as_mut(), pair.gold)
            {
                let index = result.gold[gi];
                if let Some(entry) = table.get(&doc.id, index) {
                    resolved_used += 1;
                    let right = pair.overlap > 0.0
                        && claim
                            .and_then(|c| c.speaker.as_ref())
                            .is_some_and(|s| names_match(&s.name, &entry.canonical));
                    who.all.count(right);
                    if pair.overlap > 0.0 {
                        who.found.count(right);
                    }
                    let mention = entry
                        .speaker
                        .clone()
                        .or_else(|| doc.annotations[index].speaker_text.clone())
                        .unwrap_or_else(|| {
                            doc.annotations[index]
                                .speaker
                                .first()
                                .map_or_else(String::new, |&(s, e)| char_slice(&doc.text, s, e))
                        });
                    if opts.explain > 0 && pair.overlap > 0.0 && !right {
                        report.who_wrong.push(WhoMiss {
                            id: doc.id.clone(),
                            annotation: index,
                            mention: mention.clone(),
                            canonical: entry.canonical.clone(),
                            predicted: claim
                                .and_then(|c| c.speaker.as_ref())
                                .map(|s| (s.text.clone(), s.name.clone())),
                        });
                    }
                    if is_pronoun(&mention) {
                        who.pronoun.count(right);
                        if pair.overlap > 0.0 {
                            who.found_pronoun.count(right);
                        }
                    }
                }
            }
        }

        let joint = Acc::pooled(&result.parts).prf().f1;
        per_doc.push((d, joint, result));
    }

    if id_mismatches > 0 {
        report.warnings.push(format!(
            "{id_mismatches} predicted documents carry an id different from their gold document"
        ));
    }
    if let Some(table) = resolved {
        let evaluated_entries: usize = gold
            .iter()
            .map(|doc| {
                (0..doc.annotations.len())
                    .filter(|&i| table.get(&doc.id, i).is_some())
                    .count()
            })
            .sum();
        let unknown = table.len().saturating_sub(evaluated_entries);
        if unknown > 0 {
            report.warnings.push(format!(
                "{unknown} resolved entries name no annotation of the gold documents"
            ));
        }
        let skipped = evaluated_entries.saturating_sub(resolved_used);
        if skipped > 0 && !opts.simplified {
            report
                .warnings
                .push(format!("{skipped} resolved entries were not evaluated"));
        }
    }

    report.parts = Parts {
        quote: totals[0].prf(),
        cue: totals[1].prf(),
        frame: totals[2].prf(),
        speaker: totals[3].prf(),
        addressee: totals[4].prf(),
    };
    report.messages = totals[QUOTE].prf();
    report.roles = Acc::pooled(&totals[1..]).prf();
    report.joint = Acc::pooled(&totals).prf();
    if report.empty_docs.documents > 0 {
        report.empty_docs.per_document =
            report.empty_docs.predicted as f64 / report.empty_docs.documents as f64;
    }

    if opts.explain > 0 {
        let errors = |r: &DocResult| {
            r.pairs
                .iter()
                .filter(|p| p.overlap < MATCH_THRESHOLD)
                .count()
        };
        // Documents without claims on either side, or scored perfectly, have nothing to explain.
        per_doc.retain(|(_, joint, r)| {
            (!r.gold.is_empty() || !r.predicted.is_empty()) && (*joint < 1.0 || errors(r) > 0)
        });
        per_doc.sort_by(|a, b| {
            a.1.total_cmp(&b.1)
                .then_with(|| errors(&b.2).cmp(&errors(&a.2)))
                .then_with(|| a.0.cmp(&b.0))
        });
        for (d, joint, result) in per_doc.iter().take(opts.explain) {
            let prediction = predictions.get(*d).unwrap_or(&empty_prediction);
            report
                .explain
                .push(explain_document(*d, &gold[*d], prediction, *joint, result));
        }
    }
    report
}

fn explain_document(
    index: usize,
    doc: &GoldDoc,
    prediction: &Document,
    joint_f1: f64,
    result: &DocResult,
) -> DocExplain {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut missed = Vec::new();
    let mut spurious = Vec::new();
    for pair in result.pairs.iter().filter(|p| p.overlap < MATCH_THRESHOLD) {
        if let Some(g) = pair.gold {
            let claim = &doc.annotations[result.gold[g]];
            let speaker = claim.speaker_text.clone().or_else(|| {
                claim
                    .speaker
                    .first()
                    .map(|&(s, e)| chars_between(&chars, s, e))
            });
            missed.push(note(
                claim.kind.as_str(),
                &claim.quote,
                &chars,
                speaker,
                pair.overlap,
            ));
        }
        if let Some(p) = pair.predicted {
            let claim = &prediction.claims[result.predicted[p]];
            let spans: Vec<CharSpan> = claim
                .quote
                .spans
                .iter()
                .map(|s| (s.char_start, s.char_end))
                .collect();
            let speaker = claim.speaker.as_ref().map(|s| {
                if s.name.is_empty() || s.name == s.text {
                    s.text.clone()
                } else {
                    format!("{} → {}", s.text, s.name)
                }
            });
            spurious.push(note(
                claim.kind.as_str(),
                &spans,
                &chars,
                speaker,
                pair.overlap,
            ));
        }
    }
    missed.sort_by_key(|n| n.char_start);
    spurious.sort_by_key(|n| n.char_start);
    DocExplain {
        id: doc.id.clone(),
        index,
        joint_f1,
        gold: result.gold.len(),
        predicted: result.predicted.len(),
        missed,
        spurious,
    }
}

fn note(
    kind: &str,
    spans: &[CharSpan],
    chars: &[char],
    speaker: Option<String>,
    overlap: f64,
) -> ClaimNote {
    let start = spans.iter().map(|s| s.0).min().unwrap_or(0);
    let end = spans.iter().map(|s| s.1).max().unwrap_or(0).max(start);
    let mut context = chars_between(chars, start, end.min(start + CONTEXT_CHARS));
    if end > start + CONTEXT_CHARS {
        context.push('…');
    }
    ClaimNote {
        kind: kind.to_string(),
        char_start: start,
        char_end: end,
        context,
        speaker,
        overlap,
    }
}

/// The characters `start..end` with whitespace runs collapsed; out-of-range parts are dropped.
fn chars_between(chars: &[char], start: usize, end: usize) -> String {
    let end = end.min(chars.len());
    let start = start.min(end);
    let mut out = String::new();
    for &c in &chars[start..end] {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------------------------

fn ratio(r: &Ratio) -> String {
    format!("{:.3} ({}/{})", r.value, r.hits, r.total)
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} documents, {} gold claims, {} predicted, {} pairs{}",
            self.documents,
            self.gold_claims,
            self.predicted_claims,
            self.pairs,
            if self.simplified {
                " (simplified: nested claims dropped)"
            } else {
                ""
            }
        )?;
        writeln!(f, "{:<12} {:>6} {:>6} {:>6}", "", "P", "R", "F1")?;
        let rows = [
            ("messages", &self.messages),
            ("roles", &self.roles),
            ("joint", &self.joint),
            ("  quote", &self.parts.quote),
            ("  cue", &self.parts.cue),
            ("  frame", &self.parts.frame),
            ("  speaker", &self.parts.speaker),
            ("  addressee", &self.parts.addressee),
        ];
        for (name, prf) in rows {
            writeln!(
                f,
                "{name:<12} {:>6.3} {:>6.3} {:>6.3}",
                prf.precision, prf.recall, prf.f1
            )?;
        }

        writeln!(f)?;
        writeln!(
            f,
            "{:<14} {:>20} {:>20}",
            "kind", "recall@0.5", "precision@0.5"
        )?;
        for kind in GoldKind::ALL {
            let name = kind.as_str();
            let recall = self.recall_by_kind.get(name);
            let precision = self.precision_by_kind.get(name);
            if recall.is_none() && precision.is_none() {
                continue;
            }
            let show = |r: Option<&Ratio>| r.map_or_else(|| "-".to_string(), ratio);
            writeln!(f, "{name:<14} {:>20} {:>20}", show(recall), show(precision))?;
        }

        if !self.confusion.is_empty() {
            let columns = ["direct", "indirect", "reported", "free_indirect", "missed"];
            writeln!(f)?;
            write!(f, "{:<14}", "gold \\ pred")?;
            for c in columns {
                write!(f, " {c:>13}")?;
            }
            writeln!(f)?;
            for kind in GoldKind::ALL {
                let Some(row) = self.confusion.get(kind.as_str()) else {
                    continue;
                };
                write!(f, "{:<14}", kind.as_str())?;
                for c in columns {
                    write!(f, " {:>13}", row.get(c).copied().unwrap_or(0))?;
                }
                writeln!(f)?;
            }
        }

        writeln!(f)?;
        writeln!(
            f,
            "predicted claims per claim-free document: {:.3} ({} on {} documents)",
            self.empty_docs.per_document, self.empty_docs.predicted, self.empty_docs.documents
        )?;
        writeln!(
            f,
            "direct quotes with the right speaker span: {}",
            ratio(&self.direct_speaker)
        )?;
        if let Some(who) = &self.who_said_it {
            writeln!(
                f,
                "who said it: {}, pronoun mentions {}",
                ratio(&who.all),
                ratio(&who.pronoun)
            )?;
            writeln!(
                f,
                "who said it on found claims: {}, pronoun mentions {}",
                ratio(&who.found),
                ratio(&who.found_pronoun)
            )?;
        }
        for warning in &self.warnings {
            writeln!(f, "warning: {warning}")?;
        }
        if !self.who_wrong.is_empty() {
            writeln!(f)?;
            writeln!(
                f,
                "found claims with the wrong speaker (gold mention → who it is):"
            )?;
            for m in &self.who_wrong {
                let predicted = m.predicted.as_ref().map_or_else(
                    || "no speaker".to_string(),
                    |(text, name)| format!("„{text}“ → {name}"),
                );
                writeln!(
                    f,
                    "  {}#{}: „{}“ → {}; zitat: {predicted}",
                    m.id, m.annotation, m.mention, m.canonical
                )?;
            }
        }

        for doc in &self.explain {
            writeln!(f)?;
            writeln!(
                f,
                "{} (#{}) joint F1 {:.3}, {} gold, {} predicted",
                doc.id, doc.index, doc.joint_f1, doc.gold, doc.predicted
            )?;
            for (sign, notes) in [("- missed  ", &doc.missed), ("+ spurious", &doc.spurious)] {
                for n in notes {
                    write!(
                        f,
                        "  {sign} {:<13} @{:<6} {:.2} «{}»",
                        n.kind, n.char_start, n.overlap, n.context
                    )?;
                    match &n.speaker {
                        Some(s) => writeln!(f, " — {s}")?,
                        None => writeln!(f, " — (no speaker)")?,
                    }
                }
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/// Mentions counted as pronouns for [`WhoSaidIt::pronoun`].
const PRONOUNS: &[&str] = &[
    "er",
    "sie",
    "es",
    "ihm",
    "ihr",
    "ihn",
    "ihnen",
    "seiner",
    "ihrer",
    "dieser",
    "diese",
    "dieses",
    "diesem",
    "diesen",
    "jener",
    "jene",
    "jenes",
    "man",
    "wir",
    "ich",
    "du",
    "uns",
    "mir",
    "mich",
    "euch",
    "der",
    "die",
    "das",
    "dem",
    "den",
    "denen",
    "deren",
    "dessen",
    "letzterer",
    "letztere",
    "welcher",
    "welche",
];

/// Whether a mention consists of pronouns only (`Er`, `sie`, `Diese`).
pub fn is_pronoun(mention: &str) -> bool {
    let mut words = mention
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some() && words.all(|w| PRONOUNS.contains(&w.to_lowercase().as_str()))
}

/// Words dropped from names before comparing: articles, possessives and cue nouns.
const NAME_STOPWORDS: &[&str] = &[
    "der",
    "die",
    "das",
    "des",
    "dem",
    "den",
    "ein",
    "eine",
    "einer",
    "eines",
    "einem",
    "einen",
    "sein",
    "seine",
    "seiner",
    "seines",
    "seinem",
    "seinen",
    "ihr",
    "ihre",
    "ihrer",
    "ihres",
    "ihrem",
    "ihren",
    "unser",
    "unsere",
    "unserer",
    "deren",
    "dessen",
    "angaben",
    "ansicht",
    "meinung",
    "einschätzung",
    "worten",
    "aussage",
    "aussagen",
    "auffassung",
    "informationen",
];

/// Parts of words that mark a title or function rather than a given name.
const ROLE_MARKERS: &[&str] = &[
    "minister",
    "präsident",
    "kanzler",
    "sprecher",
    "chef",
    "leiter",
    "direktor",
    "vorsitzend",
    "vorstand",
    "general",
    "senator",
    "gouverneur",
    "bürgermeister",
    "abgeordnet",
    "botschafter",
    "kommissar",
    "sekretär",
    "politiker",
    "experte",
    "anwalt",
    "anwält",
    "richter",
    "trainer",
    "könig",
    "prinz",
    "papst",
    "bischof",
    "kardinal",
    "premier",
    "offizier",
    "oberst",
    "admiral",
    "kandidat",
    "führer",
    "beauftragte",
    "repräsentant",
    "professor",
    "doktor",
    "journalist",
    "reporter",
    "korrespondent",
    "mitglied",
    "manager",
];

/// Whole words that are titles.
const TITLES: &[&str] = &[
    "dr", "prof", "herr", "frau", "vize", "ex", "us", "eu", "un", "sir", "lord", "mr", "mrs", "ms",
];

/// Inflection endings tolerated when comparing words.
const ENDINGS: &[&str] = &["", "s", "n", "e", "en", "es", "ns", "er", "em"];

/// A normalised word of a name.
#[derive(Debug, Clone)]
struct Word {
    /// Lower-cased, without apostrophes; hyphens kept.
    text: String,
    /// Written with an initial capital.
    capitalised: bool,
}

/// One person of a name: forms to compare by rule, and parenthesised aliases compared exactly.
#[derive(Debug, Default)]
struct Person {
    forms: Vec<Vec<Word>>,
    aliases: Vec<String>,
}

fn name_words(text: &str) -> Vec<Word> {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '′' | '`' | '´'))
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let all: Vec<Word> = cleaned
        .split_whitespace()
        .map(|w| w.trim_matches('-'))
        .map(strip_source_noun)
        .filter(|w| !w.is_empty())
        .map(|w| Word {
            text: w.to_lowercase(),
            capitalised: w.chars().next().is_some_and(char::is_uppercase),
        })
        .collect();
    let kept: Vec<Word> = all
        .iter()
        .filter(|w| !NAME_STOPWORDS.contains(&w.text.as_str()))
        .cloned()
        .collect();
    if kept.is_empty() { all } else { kept }
}

/// `Polizeiangaben` → `Polizei`: a compound ending in `angaben` names its source first.
fn strip_source_noun(word: &str) -> &str {
    let lower = word.to_lowercase();
    match lower.strip_suffix("angaben") {
        Some(head) if head.chars().count() >= 3 => {
            let cut = word
                .char_indices()
                .nth(head.chars().count())
                .map_or(word.len(), |(i, _)| i);
            word[..cut].trim_end_matches('-')
        }
        _ => word,
    }
}

fn person(text: &str) -> Person {
    // Parenthesised parts are aliases (`Bundesgerichtshof (BGH)`), not words of the name.
    let mut main = String::new();
    let mut alias = String::new();
    let mut aliases = Vec::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                main.push(' ');
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    aliases.push(std::mem::take(&mut alias));
                }
            }
            _ if depth > 0 => alias.push(c),
            _ => main.push(c),
        }
    }
    let mut forms = vec![name_words(&main)];
    if main.contains(',') {
        // Appositions: `Celebi, die Anwältin der Frau`.
        forms.extend(main.split(',').map(name_words));
    }
    forms.retain(|f| !f.is_empty());
    let aliases = aliases
        .iter()
        .map(|a| joined(&name_words(a)))
        .filter(|a| !a.is_empty())
        .collect();
    Person { forms, aliases }
}

fn joined(words: &[Word]) -> String {
    words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Two words are the same up to a tolerated inflection ending (`grünen`/`grüne`).
fn inflected_equal(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    ENDINGS.iter().any(|ea| {
        a.strip_suffix(ea).is_some_and(|base| {
            base.chars().count() >= 3 && ENDINGS.iter().any(|eb| b.strip_suffix(eb) == Some(base))
        })
    })
}

/// Words match when equal up to inflection, or when one is a part of the other's hyphen compound
/// (`US-Militär` / `Militär`).
fn words_match(a: &str, b: &str) -> bool {
    inflected_equal(a, b)
        || (a.contains('-') && a.split('-').any(|part| inflected_equal(part, b)))
        || (b.contains('-') && b.split('-').any(|part| inflected_equal(a, part)))
}

fn occurs(word: &Word, name: &[Word]) -> bool {
    name.iter().any(|w| words_match(&word.text, &w.text))
}

fn is_title(word: &Word) -> bool {
    word.text.split('-').any(|part| {
        TITLES.contains(&part) || ROLE_MARKERS.iter().any(|marker| part.contains(marker))
    })
}

/// The first word before the last that looks like a given name: capitalised, longer than an
/// initial, not a title or function.
fn given_name(name: &[Word]) -> Option<&Word> {
    let (_, before_last) = name.split_last()?;
    before_last
        .iter()
        .find(|w| w.capitalised && w.text.chars().count() > 1 && !is_title(w))
}

fn forms_match(a: &[Word], b: &[Word]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a.iter().all(|w| occurs(w, b)) || b.iter().all(|w| occurs(w, a)) {
        return true;
    }
    let (Some(last_a), Some(last_b)) = (a.last(), b.last()) else {
        return false;
    };
    if !words_match(&last_a.text, &last_b.text) {
        return false;
    }
    match (given_name(a), given_name(b)) {
        (Some(ga), Some(gb)) => words_match(&ga.text, &gb.text) || occurs(ga, b) || occurs(gb, a),
        _ => true,
    }
}

fn people_match(a: &Person, b: &Person) -> bool {
    if a.forms
        .iter()
        .any(|fa| b.forms.iter().any(|fb| forms_match(fa, fb)))
    {
        return true;
    }
    let whole = |p: &Person| -> Vec<String> {
        p.forms
            .iter()
            .map(|f| joined(f))
            .chain(p.aliases.iter().cloned())
            .collect()
    };
    let (wa, wb) = (whole(a), whole(b));
    a.aliases.iter().any(|alias| wb.contains(alias))
        || b.aliases.iter().any(|alias| wa.contains(alias))
}

/// Whether two speaker names denote the same speaker.
///
/// Both sides are split on `;` into people and match when any two people match. A name is
/// lower-cased, stripped of punctuation, articles, possessives and cue nouns (`Angaben der
/// Polizei` → `polizei`); parenthesised parts are aliases compared whole (`Bundesgerichtshof
/// (BGH)` matches `BGH`); comma-separated appositions are alternative forms. Words match up to an
/// inflection ending (`Blinkens`/`Blinken`, `Grünen`/`Grüne`) or as part of a hyphen compound.
/// Two forms match when every word of one occurs in the other, or when their last words match and
/// their first given-name-like words (capitalised, not a title such as `Außenminister`) do not
/// clearly differ (`Hans Müller` ≠ `Anna Müller`).
pub fn names_match(a: &str, b: &str) -> bool {
    let people = |s: &str| -> Vec<Person> {
        s.split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(person)
            .collect()
    };
    let (pa, pb) = (people(a), people(b));
    pa.iter().any(|x| pb.iter().any(|y| people_match(x, y)))
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{Cue, Mood, Part, Quote, Span, Speaker, SpeakerType};

    const EPS: f64 = 1e-9;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < EPS
    }

    /// A document of ASCII words separated by single spaces, one token per word.
    fn doc(words: &[&str]) -> GoldDoc {
        let mut tokens = Vec::new();
        let mut pos = 0;
        for w in words {
            tokens.push((pos, pos + w.len()));
            pos += w.len() + 1;
        }
        GoldDoc {
            id: "doc".into(),
            text: words.join(" "),
            tokens,
            annotations: Vec::new(),
        }
    }

    /// Character span of tokens `first..=last`.
    fn tok(d: &GoldDoc, first: usize, last: usize) -> CharSpan {
        (d.tokens[first].0, d.tokens[last].1)
    }

    fn gold_claim(kind: GoldKind, quote: Vec<CharSpan>) -> GoldClaim {
        GoldClaim {
            kind,
            quote,
            text: String::new(),
            speaker: Vec::new(),
            speaker_text: None,
            cue: Vec::new(),
            frame: Vec::new(),
            addressee: Vec::new(),
            is_nested: false,
        }
    }

    fn spans(chars: &[CharSpan]) -> Vec<Span> {
        chars
            .iter()
            .map(|&(s, e)| Span {
                start: s,
                end: e,
                char_start: s,
                char_end: e,
            })
            .collect()
    }

    fn part(chars: &[CharSpan]) -> Option<Part> {
        (!chars.is_empty()).then(|| Part {
            text: String::new(),
            spans: spans(chars),
        })
    }

    /// The prediction that reproduces a gold claim exactly.
    fn claim_from(g: &GoldClaim) -> Claim {
        let kind = match g.kind {
            GoldKind::Direct => Kind::Direct,
            GoldKind::Indirect => Kind::Indirect,
            GoldKind::Reported => Kind::Reported,
            GoldKind::FreeIndirect | GoldKind::Other => Kind::FreeIndirect,
        };
        Claim {
            kind,
            quote: Quote {
                text: g.text.clone(),
                spans: spans(&g.quote),
            },
            speaker: (!g.speaker.is_empty()).then(|| Speaker {
                text: g.speaker_text.clone().unwrap_or_default(),
                spans: spans(&g.speaker),
                name: g.speaker_text.clone().unwrap_or_default(),
                role: None,
                kind: SpeakerType::Person,
                entity: None,
            }),
            cue: (!g.cue.is_empty()).then(|| Cue {
                text: String::new(),
                lemma: String::new(),
                spans: spans(&g.cue),
            }),
            frame: part(&g.frame),
            addressee: part(&g.addressee),
            mood: Mood::Indicative,
            nested: g.is_nested,
            rule: "test".into(),
            confidence: 1.0,
        }
    }

    fn predicted(claims: Vec<Claim>) -> Document {
        Document {
            id: None,
            claims,
            speakers: Vec::new(),
        }
    }

    /// `Merkel sagte , " wir schaffen das " , und Scholz meinte , es gehe so nicht .`
    fn sample() -> GoldDoc {
        let mut d = doc(&[
            "Merkel", "sagte", ",", "\"", "wir", "schaffen", "das", "\"", ",", "und", "Scholz",
            "meinte", ",", "es", "gehe", "so", "nicht", ".",
        ]);
        let mut direct = gold_claim(GoldKind::Direct, vec![tok(&d, 3, 7)]);
        direct.speaker = vec![tok(&d, 0, 0)];
        direct.speaker_text = Some("Merkel".into());
        direct.cue = vec![tok(&d, 1, 1)];
        direct.frame = vec![tok(&d, 0, 1)];
        let mut indirect = gold_claim(GoldKind::Indirect, vec![tok(&d, 13, 16)]);
        indirect.speaker = vec![tok(&d, 10, 10)];
        indirect.speaker_text = Some("Scholz".into());
        indirect.cue = vec![tok(&d, 11, 11)];
        indirect.frame = vec![tok(&d, 10, 11)];
        d.annotations = vec![direct, indirect];
        d
    }

    #[test]
    fn identical_prediction_scores_one() {
        let gold = vec![sample()];
        let pred = vec![predicted(
            gold[0].annotations.iter().map(claim_from).collect(),
        )];
        let r = evaluate(&gold, &pred, None, &EvalOptions::default());
        for prf in [
            r.messages,
            r.roles,
            r.joint,
            r.parts.quote,
            r.parts.cue,
            r.parts.frame,
            r.parts.speaker,
        ] {
            assert!(close(prf.precision, 1.0) && close(prf.recall, 1.0) && close(prf.f1, 1.0));
        }
        // No addressee on either side: no value at all.
        assert_eq!(r.parts.addressee, Prf::default());
        assert_eq!(r.pairs, 2);
        assert_eq!(r.recall_by_kind["direct"].value, 1.0);
        assert_eq!(r.precision_by_kind["indirect"].value, 1.0);
        assert_eq!(r.confusion["direct"]["direct"], 1);
        assert_eq!(
            r.direct_speaker,
            Ratio {
                hits: 1,
                total: 1,
                value: 1.0
            }
        );
        assert!(r.warnings.is_empty());
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["joint"]["f1"], 1.0);
        let shown = r.to_string();
        assert!(
            shown.contains("messages      1.000  1.000  1.000"),
            "{shown}"
        );
    }

    #[test]
    fn nothing_predicted_gives_zero() {
        let gold = vec![sample()];
        let r = evaluate(&gold, &[predicted(vec![])], None, &EvalOptions::default());
        assert_eq!(r.messages, Prf::default());
        assert_eq!(r.roles, Prf::default());
        assert_eq!(r.joint, Prf::default());
        assert_eq!(r.pairs, 0);
        assert_eq!(
            r.recall_by_kind["indirect"],
            Ratio {
                hits: 0,
                total: 1,
                value: 0.0
            }
        );
        assert_eq!(r.confusion["direct"]["missed"], 1);
        // A missing prediction document behaves the same, with a warning.
        let r2 = evaluate(&gold, &[], None, &EvalOptions::default());
        assert_eq!(r2.joint, Prf::default());
        assert_eq!(r2.warnings.len(), 1);
    }

    #[test]
    fn partial_overlap_hand_computed() {
        let gold = vec![sample()];
        let d = &gold[0];
        // Only the indirect claim is predicted, its quote too long (tokens 12..=17: 6 tokens,
        // 4 of them gold), the speaker right, the cue missing, a frame where gold has a longer one
        // and an addressee gold does not have.
        let mut claim = claim_from(&d.annotations[1]);
        claim.quote.spans = spans(&[tok(d, 12, 17)]);
        claim.cue = None;
        claim.frame = part(&[tok(d, 11, 11)]);
        claim.addressee = part(&[tok(d, 9, 9)]);
        let r = evaluate(
            &gold,
            &[predicted(vec![claim])],
            None,
            &EvalOptions::default(),
        );
        // Pairs: (indirect, claim) and (direct, empty).
        // quote: P = [4/6]; R = [4/4, 0]          -> P 2/3, R 1/2
        // cue: P = []; R = [0, 0]                 -> P 0, R 0
        // frame: P = [1/1]; R = [1/2, 0]          -> P 1, R 1/4
        // speaker: P = [1]; R = [1, 0]            -> P 1, R 1/2
        // addressee: P = [0]; R = []              -> P 0, R 0
        assert!(close(r.messages.precision, 2.0 / 3.0));
        assert!(close(r.messages.recall, 0.5));
        assert!(close(r.messages.f1, 4.0 / 7.0));
        assert!(close(r.parts.frame.recall, 0.25));
        // roles: P over [1, 1, 0] = 2/3; R over [0, 0, 1/2, 0, 1, 0] = 1.5/6 = 1/4
        assert!(close(r.roles.precision, 2.0 / 3.0));
        assert!(close(r.roles.recall, 0.25));
        assert!(close(
            r.roles.f1,
            2.0 * (2.0 / 3.0) * 0.25 / (2.0 / 3.0 + 0.25)
        ));
        // joint: P over [2/3, 1, 1, 0] = 2/3; R over [1, 0] + roles' 6 = 2.5/8
        assert!(close(r.joint.precision, (2.0 / 3.0 + 2.0) / 4.0));
        assert!(close(r.joint.recall, 2.5 / 8.0));
        // quote F1 = 2*4/(6+4) = 0.8: found.
        assert_eq!(r.recall_by_kind["indirect"].hits, 1);
        assert_eq!(r.recall_by_kind["direct"].hits, 0);
        assert_eq!(r.precision_by_kind["indirect"].value, 1.0);
    }

    #[test]
    fn interrupted_quote_with_two_segments() {
        // `" Wir kommen " , sagte er , " morgen wieder . "`
        let mut d = doc(&[
            "\"", "Wir", "kommen", "\"", ",", "sagte", "er", ",", "\"", "morgen", "wieder", ".",
            "\"",
        ]);
        let mut g = gold_claim(GoldKind::Direct, vec![tok(&d, 0, 3), tok(&d, 8, 12)]);
        g.speaker = vec![tok(&d, 6, 6)];
        g.cue = vec![tok(&d, 5, 5)];
        g.frame = vec![tok(&d, 5, 6)];
        d.annotations = vec![g];
        let gold = vec![d];
        let exact = claim_from(&gold[0].annotations[0]);
        let r = evaluate(
            &gold,
            &[predicted(vec![exact.clone()])],
            None,
            &EvalOptions::default(),
        );
        assert!(close(r.joint.f1, 1.0));
        // One span over the whole stretch: 13 tokens predicted, 9 of them gold.
        let mut whole = exact;
        whole.quote.spans = spans(&[tok(&gold[0], 0, 12)]);
        let r = evaluate(
            &gold,
            &[predicted(vec![whole])],
            None,
            &EvalOptions::default(),
        );
        assert!(close(r.messages.precision, 9.0 / 13.0));
        assert!(close(r.messages.recall, 1.0));
        // Only the first segment: 4 of 9.
        let mut first = claim_from(&gold[0].annotations[0]);
        first.quote.spans = spans(&[tok(&gold[0], 0, 3)]);
        let r = evaluate(
            &gold,
            &[predicted(vec![first])],
            None,
            &EvalOptions::default(),
        );
        assert!(close(r.messages.precision, 1.0));
        assert!(close(r.messages.recall, 4.0 / 9.0));
        // Quote F1 = 8/13 >= 0.5.
        assert_eq!(r.recall_by_kind["direct"].hits, 1);
    }

    #[test]
    fn corpus_segments_replace_start_end() {
        let line = r#"{"id":"x","text":"abc def ghi","tokens":[[0,3],[4,7],[8,11]],"annotations":[
            {"kind":"indirect","start":0,"end":11,"segments":[[0,3],[8,11]],"speaker_start":4,
             "speaker_end":7,"cue_spans":[[4,7]],"roles":{"frame":[[4,7]]},"is_nested":false}]}"#;
        let d: GoldDoc = serde_json::from_str(&line.replace('\n', "")).unwrap();
        let a = &d.annotations[0];
        assert_eq!(a.quote, vec![(0, 3), (8, 11)]);
        assert_eq!(token_set(&a.quote, &d.tokens), vec![0, 2]);
        assert!(a.addressee.is_empty());
        assert_eq!(a.speaker, vec![(4, 7)]);
    }

    #[test]
    fn nested_claim_with_and_without_simplified() {
        let mut d = doc(&[
            "\"", "Er", "hat", "gesagt", ",", "er", "komme", "nicht", "\"", ",", "sagte", "sie",
        ]);
        let mut outer = gold_claim(GoldKind::Direct, vec![tok(&d, 0, 8)]);
        outer.speaker = vec![tok(&d, 11, 11)];
        outer.cue = vec![tok(&d, 10, 10)];
        let mut inner = gold_claim(GoldKind::Indirect, vec![tok(&d, 5, 7)]);
        inner.speaker = vec![tok(&d, 1, 1)];
        inner.cue = vec![tok(&d, 3, 3)];
        inner.is_nested = true;
        d.annotations = vec![outer, inner];
        let gold = vec![d];
        let only_outer = vec![predicted(vec![claim_from(&gold[0].annotations[0])])];

        // Full task: the nested gold claim is missed.
        let r = evaluate(&gold, &only_outer, None, &EvalOptions::default());
        assert_eq!(r.gold_claims, 2);
        assert!(close(r.messages.precision, 1.0));
        assert!(close(r.messages.recall, 0.5));
        assert!(close(r.joint.recall, 0.5));

        // Simplified: nested claims are dropped, the outer one alone is perfect.
        let simplified = EvalOptions {
            simplified: true,
            explain: 0,
        };
        let r = evaluate(&gold, &only_outer, None, &simplified);
        assert_eq!(r.gold_claims, 1);
        assert!(close(r.joint.f1, 1.0));

        // Both predicted: perfect in full mode; simplified drops the predicted nested one too.
        let both = vec![predicted(
            gold[0].annotations.iter().map(claim_from).collect(),
        )];
        assert!(close(
            evaluate(&gold, &both, None, &EvalOptions::default())
                .joint
                .f1,
            1.0
        ));
        let r = evaluate(&gold, &both, None, &simplified);
        assert_eq!(r.predicted_claims, 1);
        assert!(close(r.joint.f1, 1.0));
    }

    #[test]
    fn hungarian_rectangular() {
        // 2 rows x 3 columns: best is r0->c2 (0.9) + r1->c0 (0.8) = 1.7, not the greedy r0->c0.
        let w = vec![vec![1.0, 0.1, 0.9], vec![0.8, 0.2, 0.0]];
        assert_eq!(hungarian(&w), vec![Some(2), Some(0)]);
        // 3 rows x 2 columns: one row stays unassigned.
        let w = vec![vec![0.5, 0.0], vec![0.9, 0.8], vec![0.0, 0.7]];
        assert_eq!(hungarian(&w), vec![None, Some(0), Some(1)]);
        // Zero weights still pair min(rows, cols).
        let w = vec![vec![0.0, 0.0], vec![0.0, 0.0]];
        let a = hungarian(&w);
        assert!(a.iter().all(Option::is_some) && a[0] != a[1]);
        assert!(hungarian(&[]).is_empty());
        assert_eq!(hungarian(&[vec![], vec![]]), vec![None, None]);
        assert_eq!(hungarian(&[vec![f64::NAN, 1.0]]), vec![Some(1)]);
    }

    #[test]
    fn hungarian_matches_brute_force() {
        fn best(w: &[Vec<f64>], row: usize, used: &mut Vec<bool>) -> f64 {
            if row == w.len() {
                return 0.0;
            }
            // A row may stay unassigned only when there are more rows than columns.
            let mut top = if w.len() > used.len() {
                best(w, row + 1, used)
            } else {
                f64::NEG_INFINITY
            };
            for c in 0..used.len() {
                if !used[c] {
                    used[c] = true;
                    top = top.max(w[row][c] + best(w, row + 1, used));
                    used[c] = false;
                }
            }
            top
        }
        let mut seed = 0x2545_f491_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 1000) as f64 / 1000.0
        };
        for rows in 1..=5 {
            for cols in 1..=5 {
                for _ in 0..20 {
                    let w: Vec<Vec<f64>> = (0..rows)
                        .map(|_| (0..cols).map(|_| (next() * 4.0).floor() / 4.0).collect())
                        .collect();
                    let a = hungarian(&w);
                    let assigned: Vec<usize> = a.iter().flatten().copied().collect();
                    assert_eq!(assigned.len(), rows.min(cols));
                    let mut distinct = assigned.clone();
                    distinct.sort_unstable();
                    distinct.dedup();
                    assert_eq!(distinct.len(), assigned.len());
                    let total: f64 = a
                        .iter()
                        .enumerate()
                        .filter_map(|(r, c)| c.map(|c| w[r][c]))
                        .sum();
                    let expected = best(&w, 0, &mut vec![false; cols]);
                    assert!(close(total, expected), "{w:?}: {total} != {expected}");
                }
            }
        }
    }

    #[test]
    fn kind_bonus_breaks_ties() {
        // Two predictions with the same quote: the one of the right kind is paired.
        let mut d = doc(&["a", "b", "c"]);
        d.annotations = vec![gold_claim(GoldKind::Other, vec![tok(&d, 0, 2)])];
        let gold = vec![d];
        let mut wrong = claim_from(&gold[0].annotations[0]);
        wrong.kind = Kind::Reported;
        let right = claim_from(&gold[0].annotations[0]);
        assert_eq!(right.kind, Kind::FreeIndirect);
        let r = evaluate(
            &gold,
            &[predicted(vec![wrong, right])],
            None,
            &EvalOptions::default(),
        );
        assert_eq!(r.confusion["other"]["free_indirect"], 1);
        assert_eq!(r.precision_by_kind["reported"].hits, 0);
    }

    #[test]
    fn role_overlap_breaks_remaining_ties() {
        // `Die Zeitung zitiert X mit den Worten: „…“`: two gold claims and two predictions share
        // one quote; each prediction is paired with the gold claim whose speaker it has, in
        // whichever order the predictions come.
        let mut d = doc(&["Zeitung", "zitiert", "Kline", ":", "„", "a", "b", "“"]);
        let quote = vec![tok(&d, 4, 7)];
        let mut reporter = gold_claim(GoldKind::Direct, quote.clone());
        reporter.speaker = vec![tok(&d, 0, 0)];
        let mut quoted = gold_claim(GoldKind::Direct, quote);
        quoted.speaker = vec![tok(&d, 2, 2)];
        d.annotations = vec![reporter, quoted];
        let gold = vec![d];
        let a = claim_from(&gold[0].annotations[0]);
        let b = claim_from(&gold[0].annotations[1]);
        for order in [vec![a.clone(), b.clone()], vec![b, a]] {
            let r = evaluate(&gold, &[predicted(order)], None, &EvalOptions::default());
            assert!(close(r.roles.f1, 1.0), "{:?}", r.roles);
            assert_eq!((r.direct_speaker.hits, r.direct_speaker.total), (2, 2));
        }
    }

    #[test]
    fn token_coverage_rule_and_odd_input() {
        let tokens = vec![(0, 4), (5, 9), (9, 9), (10, 12)];
        // Half of token 0 (2 of 4 chars) counts, less than half of token 1 does not.
        assert_eq!(token_set(&[(2, 6)], &tokens), vec![0]);
        // Overlapping spans are not double counted; the empty token never counts.
        assert_eq!(token_set(&[(5, 6), (5, 6)], &tokens), Vec::<usize>::new());
        assert_eq!(token_set(&[(5, 7), (7, 12)], &tokens), vec![1, 3]);
        // Reversed and out-of-text spans cover nothing.
        assert!(token_set(&[(9, 3), (100, 200)], &tokens).is_empty());
        assert!(token_set(&[(0, 12)], &[]).is_empty());

        // A document without tokens and claims pointing outside the text: no panic, no score.
        let mut d = doc(&[]);
        d.tokens.clear();
        d.annotations = vec![gold_claim(GoldKind::Direct, vec![(5, 900)])];
        let mut c = claim_from(&d.annotations[0]);
        c.quote.spans = spans(&[(1000, 2000), (7, 3)]);
        let gold = vec![d];
        let opts = EvalOptions {
            simplified: false,
            explain: 3,
        };
        let r = evaluate(&gold, &[predicted(vec![c])], None, &opts);
        assert_eq!(r.joint, Prf::default());
        assert_eq!(r.explain.len(), 1);
        let _ = r.to_string();
    }

    #[test]
    fn explain_lists_missed_and_spurious() {
        let gold = vec![sample(), sample()];
        let d = &gold[0];
        let mut spurious = claim_from(&d.annotations[0]);
        spurious.quote.spans = spans(&[tok(d, 9, 11)]);
        spurious.kind = Kind::Reported;
        let preds = vec![
            predicted(vec![claim_from(&d.annotations[0]), spurious]),
            predicted(gold[1].annotations.iter().map(claim_from).collect()),
        ];
        let opts = EvalOptions {
            simplified: false,
            explain: 1,
        };
        let r = evaluate(&gold, &preds, None, &opts);
        assert_eq!(r.explain.len(), 1);
        let e = &r.explain[0];
        assert_eq!(e.index, 0);
        assert_eq!(e.missed.len(), 1);
        assert_eq!(e.missed[0].context, "es gehe so nicht");
        assert_eq!(e.missed[0].speaker.as_deref(), Some("Scholz"));
        assert_eq!(e.spurious.len(), 1);
        assert_eq!(e.spurious[0].kind, "reported");
        assert!(r.to_string().contains("- missed"));
    }

    #[test]
    fn who_said_it_and_pronouns() {
        let mut d = sample();
        d.annotations[1].speaker_text = Some("er".into());
        let gold = vec![d];
        let resolved = Resolved::from_entries([
            ResolvedEntry {
                id: "doc".into(),
                i: 0,
                speaker: Some("Merkel".into()),
                canonical: "Angela Merkel".into(),
                kind: Some("person".into()),
                role: None,
                confident: Some(true),
            },
            ResolvedEntry {
                id: "doc".into(),
                i: 1,
                speaker: None,
                canonical: "Olaf Scholz".into(),
                kind: Some("person".into()),
                role: None,
                confident: Some(true),
            },
        ]);
        let mut claims: Vec<Claim> = gold[0].annotations.iter().map(claim_from).collect();
        if let Some(s) = claims[0].speaker.as_mut() {
            s.name = "Merkel".into();
        }
        if let Some(s) = claims[1].speaker.as_mut() {
            s.name = "Anna Scholz".into();
        }
        let claims_again = claims.clone();
        let r = evaluate(
            &gold,
            &[predicted(claims)],
            Some(&resolved),
            &EvalOptions::default(),
        );
        let who = r.who_said_it.unwrap();
        assert_eq!(
            who.all,
            Ratio {
                hits: 1,
                total: 2,
                value: 0.5
            }
        );
        assert_eq!(
            who.pronoun,
            Ratio {
                hits: 0,
                total: 1,
                value: 0.0
            }
        );
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert!(is_pronoun("Er") && is_pronoun("diese") && !is_pronoun("Der Sprecher"));
        // the wrong speaker is listed for error analysis only when documents are explained
        assert!(r.who_wrong.is_empty());
        assert!(!r.to_string().contains("wrong speaker"));
        let explained = evaluate(
            &gold,
            &[predicted(claims_again)],
            Some(&resolved),
            &EvalOptions {
                explain: 1,
                ..EvalOptions::default()
            },
        );
        assert_eq!(explained.who_wrong.len(), 1);
        let miss = &explained.who_wrong[0];
        assert_eq!((miss.annotation, miss.mention.as_str()), (1, "er"));
        assert_eq!(miss.canonical, "Olaf Scholz");
        assert_eq!(
            miss.predicted.as_ref().map(|p| p.1.as_str()),
            Some("Anna Scholz")
        );
        assert!(
            explained
                .to_string()
                .contains("doc#1: „er“ → Olaf Scholz; zitat:")
        );
    }

    #[test]
    fn empty_documents_count_false_alarms() {
        let gold = vec![doc(&["nichts", "hier"]), doc(&["auch", "nicht"]), sample()];
        let c = claim_from(&gold[2].annotations[0]);
        let preds = vec![
            predicted(vec![c.clone(), c]),
            predicted(vec![]),
            predicted(vec![]),
        ];
        let r = evaluate(&gold, &preds, None, &EvalOptions::default());
        assert_eq!(r.empty_docs.documents, 2);
        assert_eq!(r.empty_docs.predicted, 2);
        assert!(close(r.empty_docs.per_document, 1.0));
    }

    #[test]
    fn names() {
        assert!(names_match("Blinkens", "Blinken"));
        assert!(names_match("Grünen", "Grüne"));
        assert!(names_match("die Grünen", "Grüne"));
        assert!(!names_match("Hans Müller", "Anna Müller"));
        assert!(names_match(
            "US-Außenminister Antony Blinken",
            "Antony Blinken"
        ));
        assert!(names_match("Außenminister Blinken", "Antony Blinken"));
        assert!(names_match("Markus Feld; Lena Brandt", "Brandt"));
        assert!(!names_match("Markus Feld; Lena Brandt", "Anna Brandt"));
        assert!(names_match("Angaben der Polizei", "Polizei"));
        assert!(names_match("Polizeiangaben", "die Polizei"));
        assert!(names_match(
            "der Deutsche Wetterdienst",
            "Deutscher Wetterdienst"
        ));
        assert!(names_match("Bundesgerichtshof (BGH)", "BGH"));
        assert!(names_match(
            "Bundesfamilienministerin Kristina Schröder (CDU)",
            "Kristina Schröder"
        ));
        assert!(names_match(
            "Celebi, die Anwältin der Frau",
            "Gülsen Celebi"
        ));
        assert!(names_match("Ursula von der Leyen", "von der Leyen"));
        assert!(names_match("Strauss-Kahns", "Dominique Strauss-Kahn"));
        assert!(names_match("Massimo D'Alema", "D’Alema"));
        assert!(names_match("J. Smith", "John Smith"));
        assert!(!names_match("Der Politiker Hans Müller", "Anna Müller"));
        assert!(!names_match("Angela Merkel", "Olaf Scholz"));
        assert!(!names_match("", ""));
        assert!(!names_match("er", "Antony Blinken"));
    }

    #[test]
    fn read_errors_name_file_and_line() {
        let dir = std::env::temp_dir().join(format!("zitat-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bad.jsonl");
        std::fs::write(
            &path,
            "{\"id\":\"a\",\"text\":\"\",\"tokens\":[],\"annotations\":[]}\n\n{\"id\":\"b\",\"annotations\":[{\"kind\":\"whatever\"}]}\n",
        )
        .unwrap();
        let err = read_gold(&path).unwrap_err().to_string();
        assert!(
            err.contains("bad.jsonl:3:") && err.contains("whatever"),
            "{err}"
        );
        let missing = read_resolved(&dir.join("missing.jsonl"))
            .unwrap_err()
            .to_string();
        assert!(missing.contains("missing.jsonl"), "{missing}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

// The reader of `grammar/*.tsv`, shared by the build script and the run-time lexicon.
//
// It depends on `std` alone, so `build.rs` can `include!` it and reject a malformed data file
// at compile time with the same `file:line` message a user gets from `Engine::builder()`.

use std::fmt;

/// A malformed grammar file: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrammarError {
    /// The file's name as given to the reader.
    pub file: String,
    /// 1-based line number (0 when the file as a whole is wrong).
    pub line: usize,
    /// What is wrong there.
    pub message: String,
}

impl fmt::Display for GrammarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for GrammarError {}

/// One data row with its line number.
#[derive(Debug, Clone)]
pub struct Row<'s> {
    /// 1-based line number in the file.
    pub line: usize,
    /// The cells, in header order; never empty (`-` stands for "none"). Borrowed from the
    /// file's text: a string per cell was a third of the cost of loading the grammar, which
    /// every process pays once. (A list of its own for a row read here; the built-in files'
    /// rows are static data, which the build script writes.)
    pub cells: std::borrow::Cow<'s, [&'s str]>,
}

impl<'s> Row<'s> {
    /// The cell, or `None` where the file says `-`.
    pub fn opt(&self, i: usize) -> Option<&'s str> {
        let c = self.cells[i];
        if c == "-" { None } else { Some(c) }
    }
}

/// Reads a tab-separated table: `#` comments and blank lines are skipped, the first other line
/// must be exactly `header`, every row must have as many non-empty cells, and the first column
/// must not repeat.
pub fn read_table<'s>(
    file: &str,
    src: &'s str,
    header: &[&str],
) -> Result<Vec<Row<'s>>, GrammarError> {
    let err = |line: usize, message: String| GrammarError {
        file: file.to_string(),
        line,
        message,
    };
    let mut rows = Vec::with_capacity(src.bytes().filter(|&b| b == b'\n').count() + 1);
    let mut seen_header = false;
    let mut keys: std::collections::HashSet<&str, std::hash::BuildHasherDefault<KeyHash>> =
        std::collections::HashSet::with_capacity_and_hasher(
            src.len() / 32,
            std::hash::BuildHasherDefault::default(),
        );
    for (i, raw) in src.lines().enumerate() {
        let line = i + 1;
        let text = raw.trim_end_matches('\r');
        if text.trim().is_empty() || text.starts_with('#') {
            continue;
        }
        // split at tabs by a byte loop: `split('\t')` set up a memchr search per cell, which
        // cost more than the few bytes of a cell
        let mut cells: Vec<&str> = Vec::with_capacity(header.len());
        let mut from = 0;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\t' {
                cells.push(trim(&text[from..i]));
                from = i + 1;
            }
        }
        cells.push(trim(&text[from..]));
        if !seen_header {
            if cells != header {
                return Err(err(
                    line,
                    format!(
                        "expected the header `{}`, found `{}`",
                        header.join("\\t"),
                        text
                    ),
                ));
            }
            seen_header = true;
            continue;
        }
        if cells.len() != header.len() {
            return Err(err(
                line,
                format!(
                    "expected {} tab-separated cells, found {}",
                    header.len(),
                    cells.len()
                ),
            ));
        }
        if let Some(j) = cells.iter().position(|c| c.is_empty()) {
            return Err(err(
                line,
                format!("the cell `{}` is empty (write `-` for none)", header[j]),
            ));
        }
        if !keys.insert(cells[0]) {
            return Err(err(line, format!("`{}` is listed twice", cells[0])));
        }
        rows.push(Row {
            line,
            cells: cells.into(),
        });
    }
    if !seen_header {
        return Err(err(0, format!("no header line `{}`", header.join("\\t"))));
    }
    Ok(rows)
}

/// `str::trim` of a cell, answered without decoding when both ends are visible ASCII (nearly
/// every cell), where there is nothing to trim.
fn trim(cell: &str) -> &str {
    match (cell.as_bytes().first(), cell.as_bytes().last()) {
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => cell,
        _ => cell.trim(),
    }
}

/// FNV-1a for the duplicate-key check: every key of every file is hashed once per process,
/// and SipHash's defence against crafted keys buys nothing for the grammar's own files.
#[derive(Default)]
struct KeyHash(u64);

impl std::hash::Hasher for KeyHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The grammar files the engine reads, with their headers.
pub const FILES: &[(&str, &[&str])] = &[
    (
        "verbs.tsv",
        &[
            "lemma",
            "particle",
            "reflexive",
            "pres3sg",
            "pres3pl",
            "pret3sg",
            "pret3pl",
            "konj1",
            "part2",
            "frames",
            "example",
        ],
    ),
    (
        "roles.tsv",
        &["noun", "feminine", "plural", "type", "example"],
    ),
    ("according.tsv", &["cue", "position", "lemma", "example"]),
    (
        "subjunctive.tsv",
        &["form", "mood", "person", "lemma", "example"],
    ),
    ("abbreviations.tsv", &["abbr", "example"]),
    ("names.tsv", &["name", "gender", "origin", "example"]),
    ("speech_nouns.tsv", &["noun", "example"]),
    ("interview_labels.tsv", &["label", "example"]),
    ("source_nouns.tsv", &["noun", "example"]),
    ("offices.tsv", &["noun", "office", "example"]),
    ("company_nouns.tsv", &["noun", "example"]),
    ("in_phrase_nouns.tsv", &["noun", "example"]),
    ("places_with_article.tsv", &["place", "example"]),
    ("capitals.tsv", &["city", "government", "example"]),
    ("focus_particles.tsv", &["particle", "example"]),
    ("time_words_before_nach.tsv", &["word", "example"]),
    ("frame_adverbs.tsv", &["word", "example"]),
    ("adverbs.tsv", &["word", "example"]),
];

/// The header a grammar file must have, by file name.
pub fn header_of(file: &str) -> Option<&'static [&'static str]> {
    FILES
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, h)| *h)
}

//! A JSON Lines pipeline stage built on the library alone, for a job runner that expects one line
//! out per line in (a Spark `RDD.pipe`, Hadoop Streaming, a shell pipeline):
//!
//! ```sh
//! cargo run --release --example pipeline < in.jsonl > out.jsonl
//! ```
//!
//! Each input line is a record `{"id": …, "text": …}`. Output line N answers input line N: the
//! document of the contract (`{"id", "claims", "speakers"}`), or, for a line that is no such
//! record (malformed JSON, invalid UTF-8, no string `text`, a blank line),
//! `{"id": …, "error": {"message": "…", "line": N}}`. One engine serves every line.

use std::io::{self, BufRead, Write};

use serde_json::{Value, json};

fn main() -> io::Result<()> {
    match run() {
        // the reader went away (`… | head`): nothing left to answer
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn run() -> io::Result<()> {
    let engine = zitat::Engine::new();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (i, line) in io::stdin().lock().split(b'\n').enumerate() {
        let line = line?;
        let record = serde_json::from_slice::<Value>(&line).map_err(|e| e.to_string());
        let id = record.as_ref().ok().and_then(|r| r.get("id")).cloned();
        match record
            .as_ref()
            .map(|r| r.get("text").and_then(Value::as_str))
        {
            Ok(Some(text)) => {
                let mut doc = engine.extract(text);
                doc.id = id;
                // the struct, not a `Value`: its fields keep the contract's order
                serde_json::to_writer(&mut out, &doc)?;
                writeln!(out)?;
            }
            Ok(None) => error(&mut out, id, i + 1, "the record has no string field `text`")?,
            Err(e) => error(&mut out, id, i + 1, &format!("malformed JSON: {e}"))?,
        }
    }
    out.flush()
}

fn error(out: &mut impl Write, id: Option<Value>, line: usize, message: &str) -> io::Result<()> {
    let message = format!("line {line}: {message}");
    writeln!(
        out,
        "{}",
        json!({"id": id, "error": {"message": message, "line": line}})
    )
}

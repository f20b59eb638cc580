//! The command line: every input record yields exactly one output record, errors name their
//! place, exit codes tell the outcome, and parallel runs keep the input order.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

fn zitat(args: &[&str], stdin: &[u8]) -> (String, String, i32) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zitat"));
    cmd.args(args);
    run(cmd, stdin)
}

/// Runs a command on `stdin`; its standard output (UTF-8), standard error and exit code.
fn run(mut cmd: Command, stdin: &[u8]) -> (String, String, i32) {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command runs");
    // fed from a thread, so a large input cannot block on a full output pipe
    let mut pipe = child.stdin.take().expect("stdin");
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || pipe.write_all(&stdin));
    let out = child.wait_with_output().expect("the command ends");
    feeder
        .join()
        .expect("the feeder ends")
        .expect("stdin takes the input");
    (
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// A file in this test process's own temporary folder.
fn temp_file(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("zitat-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("the file is written");
    path.display().to_string()
}

/// The JSON lines of an output, one per record.
fn records(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

#[test]
fn jsonl_batch_keeps_every_record_and_reports_bad_lines() {
    let input = concat!(
        "{\"id\": 1, \"text\": \"„Wir kommen“, sagte Feld.\"}\n",
        "not json\n",
        "{\"id\": \"x\"}\n",
        "\n",
        "{\"id\": 4, \"text\": \"\"}\n",
    );
    let (out, err, code) = zitat(&["--jsonl"], input.as_bytes());
    let lines = records(&out);
    // four records (the blank line is none), four outputs, in input order
    assert_eq!(lines.len(), 4, "{out}");
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[0]["claims"][0]["speaker"]["text"], "Feld");
    assert_eq!(lines[1]["error"]["line"], 2);
    assert!(
        lines[1]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("<stdin>:2: malformed JSON")
    );
    assert_eq!(lines[2]["id"], "x");
    assert!(
        lines[2]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no string field `text`")
    );
    assert_eq!(
        lines[3]["claims"].as_array().unwrap().len(),
        0,
        "an empty text is an empty document"
    );
    assert_eq!(code, 1, "some records failed");
    assert!(err.contains("<stdin>:2"));
}

#[test]
fn invalid_utf8_and_binary_input_are_refused_with_their_place() {
    let (out, err, code) = zitat(&[], b"Er sagte: \xff\xfe kaputt");
    assert_eq!(code, 1);
    assert!(err.contains("<stdin>: invalid UTF-8 at byte 10"), "{err}");
    assert!(out.contains("\"error\""));
    let (_, err, code) = zitat(&[], b"abc\x00def");
    assert_eq!(code, 1);
    assert!(err.contains("NUL byte at byte 3"), "{err}");
    // files: each bad one is an error record naming file and byte, the good ones go on
    let good = temp_file("good.txt", "„Ja“, sagte Feld.".as_bytes());
    let broken = temp_file("broken.txt", b"Er sagte: \xe2\x80 kaputt");
    let binary = temp_file("binary.txt", b"\x7fELF\x02\x01\x00\x00");
    let (out, err, code) = zitat(&["--format", "jsonl", &broken, &good, &binary], b"");
    assert_eq!(code, 1);
    let docs = records(&out);
    assert_eq!(docs.len(), 3, "{out}");
    let message = |d: &serde_json::Value| d["error"]["message"].as_str().unwrap_or("").to_string();
    assert_eq!(
        message(&docs[0]),
        format!("{broken}: invalid UTF-8 at byte 10 (use --lossy to replace it)")
    );
    assert_eq!(docs[1]["claims"][0]["speaker"]["text"], "Feld");
    assert_eq!(
        message(&docs[2]),
        format!("{binary}: binary input (NUL byte at byte 6) refused")
    );
    assert_eq!(err.lines().count(), 2, "{err}");
    // a JSON Lines file: the line and the byte within it
    let jsonl = temp_file(
        "batch.jsonl",
        b"{\"id\": 1, \"text\": \"gut\"}\n{\"id\": 2, \"text\": \"\xc3(\"}\n{\"id\": 3, \"text\": \"a\x00\"}\n{\"id\": 4, \"text\": \"gut\"}\n",
    );
    let (out, _, code) = zitat(&["--jsonl", &jsonl], b"");
    assert_eq!(code, 1);
    let docs = records(&out);
    assert_eq!(docs.len(), 4, "{out}");
    assert!(message(&docs[1]).starts_with(&format!("{jsonl}:2: invalid UTF-8 at byte 19")));
    assert_eq!(docs[1]["error"]["line"], 2);
    assert!(
        message(&docs[2]).starts_with(&format!("{jsonl}:3: binary input (NUL byte at byte 20)"))
    );
    assert_eq!(docs[3]["id"], 4);
}

#[test]
fn lossy_replaces_invalid_utf8_and_goes_on() {
    let (out, err, code) = zitat(
        &["--lossy", "--format", "jsonl"],
        b"\xff Er sagte: \xe2\x80\x9eJa\xc3\x9c",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("\"claims\""));
    let input = b"{\"id\": 1, \"text\": \"\xe2\x80\x9eJa\xff\xe2\x80\x9c, sagte Feld.\"}\n{\"id\": 2, \"text\": \"gut\"}\n";
    let (out, err, code) = zitat(&["--jsonl", "--lossy"], input);
    assert_eq!((code, err.as_str()), (0, ""));
    let docs = records(&out);
    assert_eq!(docs.len(), 2, "{out}");
    assert_eq!(docs[0]["claims"][0]["quote"]["text"], "Ja\u{FFFD}");
    assert_eq!(docs[1]["id"], 2);
}

#[test]
fn empty_input_is_an_empty_document() {
    let empty = temp_file("empty.txt", b"");
    for args in [
        vec!["--format", "jsonl"],
        vec!["--format", "jsonl", "-"],
        vec!["--format", "jsonl", empty.as_str()],
    ] {
        let (out, err, code) = zitat(&args, b"");
        assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
        let docs = records(&out);
        assert_eq!(docs.len(), 1, "{args:?}: {out}");
        assert_eq!(docs[0]["claims"], serde_json::json!([]));
        assert_eq!(docs[0]["speakers"], serde_json::json!([]));
    }
    // a batch of no lines is no record
    let (out, err, code) = zitat(&["--jsonl"], b"");
    assert_eq!((out.as_str(), err.as_str(), code), ("", "", 0));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // `zitat … | head -c 10`: the reader goes away after ten bytes, with megabytes still to come
    let input: String = (0..3000)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"„Satz {i}“, sagte Feld.\"}}\n"))
        .collect();
    for jobs in ["1", "2"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zitat"))
            .args(["--jsonl", "-j", jobs])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut pipe = child.stdin.take().expect("stdin");
        let input = input.clone();
        // zitat may stop reading before the end: a failed write is expected here
        let feeder = std::thread::spawn(move || drop(pipe.write_all(input.as_bytes())));
        let mut stdout = child.stdout.take().expect("stdout");
        let mut head = [0u8; 10];
        stdout.read_exact(&mut head).expect("ten bytes");
        drop(stdout);
        let out = child.wait_with_output().expect("the binary ends");
        feeder.join().expect("the feeder ends");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err, "", "-j {jobs}: stderr");
        assert_eq!(out.status.code(), Some(0), "-j {jobs}");
    }
}

#[test]
fn parallel_output_keeps_input_order() {
    let mut input = String::new();
    for i in 0..300 {
        input.push_str(&format!(
            "{{\"id\": {i}, \"text\": \"„Satz {i}“, sagte Feld. Laut Polizei kam niemand.\"}}\n"
        ));
    }
    let (one, _, c1) = zitat(&["--jsonl", "-j", "1"], input.as_bytes());
    let (two, _, c2) = zitat(&["--jsonl", "-j", "2"], input.as_bytes());
    assert_eq!((c1, c2), (0, 0));
    assert_eq!(one, two);
    let ids: Vec<i64> = two
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert_eq!(ids, (0..300).collect::<Vec<_>>());
}

#[test]
fn stderr_carries_only_messages_when_it_is_no_terminal() {
    // the progress bar draws on a terminal only: a pipe or a log file sees the messages alone,
    // in input order even with -j
    let mut input: String = (0..200)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"Er sagte, er sei müde.\"}}\n"))
        .collect();
    input.insert_str(0, "kaputt\n");
    input.push_str("auch kaputt\n");
    let (out, err, code) = zitat(&["--jsonl", "-j", "2"], input.as_bytes());
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 202);
    let messages: Vec<&str> = err.lines().collect();
    assert_eq!(messages.len(), 2, "{err}");
    assert!(
        messages[0].starts_with("zitat: <stdin>:1: malformed JSON"),
        "{err}"
    );
    assert!(
        messages[1].starts_with("zitat: <stdin>:202: malformed JSON"),
        "{err}"
    );
}

#[test]
fn filters_and_tsv() {
    let text = "„Wir kommen“, sagte Feld. Laut Polizei kam niemand.";
    let (out, _, code) = zitat(&["--format", "tsv", "--kind", "indirect"], text.as_bytes());
    assert_eq!(code, 0);
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows[0].starts_with("id\tkind\tspeaker"));
    assert!(rows[1].contains("\tindirect\tPolizei\t"));
    let (out, _, _) = zitat(&["--format", "jsonl", "--speaker", "feld"], text.as_bytes());
    let doc: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(doc["claims"].as_array().unwrap().len(), 1);
}

#[test]
fn tsv_rows_name_the_record_alike() {
    // a claim row and an error row write the same id the same way: no JSON quotes, one line
    let input = "{\"id\":\"a\\tb\",\"text\":\"Er sagte, er sei müde.\"}\n{\"id\":\"c1\"}\n";
    let (out, _, code) = zitat(&["--jsonl", "--format", "tsv"], input.as_bytes());
    assert_eq!(code, 1, "an error record sets exit code 1");
    let rows: Vec<Vec<&str>> = out
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert_eq!(rows[0][..2], ["a b", "indirect"]);
    assert_eq!(rows[1][..2], ["c1", "error"]);
    assert!(rows.iter().all(|r| r.len() == 10), "{out}");
}

#[test]
fn parallel_script_keeps_one_line_per_record_in_order() {
    let gnu = Command::new("parallel")
        .arg("--version")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("GNU parallel"));
    if !gnu {
        eprintln!("skipped: GNU parallel is not on PATH");
        return;
    }
    let mut input_lines: Vec<String> = (0..400)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"„Satz {i}“, sagte Feld.\"}}\n"))
        .collect();
    input_lines.insert(200, "kaputt\n".into());
    let input = input_lines.concat();
    let mut cmd = Command::new("bash");
    cmd.arg(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scripts/zitat-parallel.sh"
    ))
    .env("ZITAT", env!("CARGO_BIN_EXE_zitat"))
    // small blocks: the 30 kB input runs as many jobs, whose answers must come back in order
    .env("ZITAT_BLOCK", "2k")
    .env("ZITAT_JOBS", "2");
    let (out, _, code) = run(cmd, input.as_bytes());
    assert_eq!(code, 1, "one block held a failed record");
    let lines = records(&out);
    assert_eq!(
        lines.len(),
        input.lines().count(),
        "one line out per line in"
    );
    let ids: Vec<i64> = lines.iter().filter_map(|l| l["id"].as_i64()).collect();
    assert_eq!(ids, (0..400).collect::<Vec<_>>());
    assert!(
        lines[200]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("malformed JSON")
    );
}

#[test]
fn usage_errors_exit_2() {
    let (_, err, code) = zitat(&["/nonexistent/file.txt"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/file.txt"));
}

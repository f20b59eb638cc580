//! The `zitat` command line: a thin shell over the library.

use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use zitat::{Document, Engine};

// The engine allocates many short-lived vectors and strings per document; mimalloc's
// thread-local free lists serve them faster than glibc malloc (benchmarks in BENCHMARKS.md).
#[global_allocator]
static ALLOC: Mimalloc = Mimalloc;

/// mimalloc by its plain entry points. The `mimalloc` crate's allocator asks for an aligned
/// block every time, and the aligned path's tests cost about 2 % of a pass, where nearly every
/// request wants no more than the alignment every block has. The rule is the one `std`'s
/// `System` allocator applies to `malloc`: mimalloc (v2, 64-bit) rounds blocks of more than
/// 8 bytes to multiples of 16 bytes, so each is 16-byte aligned, and a smaller block is
/// aligned to its word.
struct Mimalloc;

/// The alignment every mimalloc block of at least this many bytes has (`MI_MAX_ALIGN_SIZE`).
const MI_MIN_ALIGN: usize = 16;

impl Mimalloc {
    #[inline]
    fn plain(align: usize, size: usize) -> bool {
        align <= MI_MIN_ALIGN && align <= size
    }
}

// SAFETY: every block comes from mimalloc and goes back to it (`mi_free` takes blocks of
// either path), and the plain path is taken only where its blocks are aligned enough.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_malloc, mi_malloc_aligned};
        // SAFETY: mimalloc's allocation functions take any size and alignment
        unsafe {
            if Self::plain(layout.align(), layout.size()) {
                mi_malloc(layout.size()).cast()
            } else {
                mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_zalloc, mi_zalloc_aligned};
        // SAFETY: as `alloc`
        unsafe {
            if Self::plain(layout.align(), layout.size()) {
                mi_zalloc(layout.size()).cast()
            } else {
                mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from mimalloc (the caller's contract)
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        use libmimalloc_sys::{mi_realloc, mi_realloc_aligned};
        // SAFETY: `ptr` came from mimalloc with `layout` (the caller's contract); a block
        // the plain path moves is aligned as a new one of `new_size` bytes
        unsafe {
            if Self::plain(layout.align(), new_size) {
                mi_realloc(ptr.cast(), new_size).cast()
            } else {
                mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

// mimalloc's own options (`mi_option_t` of mimalloc v2's `mimalloc.h`), set before the first
// document. The `libmimalloc-sys` crate declares them only with a feature that brings one more
// dependency, so the one function is declared here.
unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in mimalloc v2 (its fifteenth option).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Memory freed by a long document's large tables goes back to the system after this many
/// milliseconds, not after mimalloc's default 10. Given back sooner, the pages were taken
/// again for the next large table a moment later and cleared by the kernel a second time:
/// on 30 MB of plain text as one document 5,000–9,000 page faults and up to a third of the
/// run in the kernel, against some 450 faults with the longer delay. JSON Lines records are
/// small, and their memory is reused either way.
const PURGE_DELAY_MS: std::ffi::c_long = 1000;

#[derive(Parser)]
#[command(
    name = "zitat",
    version,
    about = "Who said what, in German news: attributed claims as JSON"
)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    extract: ExtractArgs,
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Text files or folders (recursive, *.txt); `-` or nothing reads standard input.
    inputs: Vec<PathBuf>,
    /// Read the inputs as JSON Lines records with a text field.
    #[arg(long)]
    jsonl: bool,
    /// The record field holding the text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// The record field holding the id.
    #[arg(long, default_value = "id")]
    id_field: String,
    /// Output format (default: jsonl for JSON Lines input, json otherwise).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Replace invalid UTF-8 instead of refusing the input.
    #[arg(long)]
    lossy: bool,
    /// Read grammar files from this folder instead of the built-in ones.
    #[arg(long)]
    grammar: Option<PathBuf>,
    /// Worker threads (records are processed in parallel, written in input order).
    #[arg(short = 'j', long = "jobs", default_value_t = 1)]
    jobs: usize,
    /// Keep only claims of these kinds (direct, indirect, reported, free_indirect).
    #[arg(long = "kind", value_delimiter = ',')]
    kinds: Vec<String>,
    /// Keep only claims at least this confident.
    #[arg(long, default_value_t = 0.0)]
    min_confidence: f32,
    /// Keep only claims whose speaker name contains this text (case-insensitive).
    #[arg(long)]
    speaker: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Score the engine on an annotated corpus file (SpkAtt-2023 Task 2 metric).
    Eval {
        /// Gold file in the format of the German News Quotation Attribution corpus.
        #[arg(long)]
        gold: PathBuf,
        /// Drop nested claims on both sides.
        #[arg(long)]
        simplified: bool,
        /// Resolved speakers (dev.resolved.jsonl) for who-said-it accuracy.
        #[arg(long)]
        resolved: Option<PathBuf>,
        /// List the N worst documents with missed and spurious claims.
        #[arg(long, default_value_t = 0)]
        explain: usize,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Read grammar files from this folder instead of the built-in ones.
        #[arg(long)]
        grammar: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Jsonl,
    Text,
    /// One line per claim: id, kind, speaker name, mention, cue, quote, offsets, rule, confidence.
    Tsv,
    /// One self-contained HTML page: each text with its claims highlighted, a colour per speaker.
    Html,
}

/// An error that ends the run: usage or I/O (exit code 2).
struct Fatal(String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal(e.to_string())
    }
}

fn main() -> ExitCode {
    // SAFETY: sets one of mimalloc's options by its number; mimalloc reads its options at any
    // time and takes any value for this one
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Eval {
            gold,
            simplified,
            resolved,
            explain,
            json,
            grammar,
        }) => eval(
            &gold,
            simplified,
            resolved.as_deref(),
            explain,
            json,
            grammar.as_deref(),
        ),
        None => extract(&cli.extract),
    };
    match result {
        Ok(code) => code,
        // `zitat … | head`: the reader went away, which is no error of ours
        Err(Fatal(m)) if m.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(Fatal(m)) => {
            eprintln!("zitat: {m}");
            ExitCode::from(2)
        }
    }
}

fn engine_for(grammar: Option<&Path>) -> Result<Engine, Fatal> {
    Ok(match grammar {
        Some(dir) => Engine::builder().grammar_dir(dir)?.build()?,
        None => Engine::new(),
    })
}

fn eval(
    gold: &Path,
    simplified: bool,
    resolved: Option<&Path>,
    explain: usize,
    json: bool,
    grammar: Option<&Path>,
) -> Result<ExitCode, Fatal> {
    let docs = zitat::eval::read_gold(gold)?;
    let resolved = resolved.map(zitat::eval::read_resolved).transpose()?;
    let engine = engine_for(grammar)?;
    let predictions: Vec<Document> = docs.iter().map(|d| engine.extract(&d.text)).collect();
    let opts = zitat::eval::EvalOptions {
        simplified,
        explain,
    };
    let report = zitat::eval::evaluate(&docs, &predictions, resolved.as_ref(), &opts);
    let mut out = io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        write!(out, "{report}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One input record: its id and text, or the error that stands in its place.
enum Record {
    Text {
        id: serde_json::Value,
        text: String,
    },
    Error {
        id: serde_json::Value,
        message: String,
        line: Option<usize>,
    },
}

fn decode(bytes: Vec<u8>, origin: &str, lossy: bool) -> Result<String, String> {
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(format!(
            "{origin}: binary input (NUL byte at byte {at}) refused"
        ));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(format!(
            "{origin}: invalid UTF-8 at byte {} (use --lossy to replace it)",
            e.utf8_error().valid_up_to()
        )),
    }
}

fn collect_files(path: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            if e.is_dir() || e.extension().is_some_and(|x| x == "txt" || x == "jsonl") {
                collect_files(&e, out)?;
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn extract(args: &ExtractArgs) -> Result<ExitCode, Fatal> {
    let engine = engine_for(args.grammar.as_deref())?;
    let format = args.format.unwrap_or(if args.jsonl {
        Format::Jsonl
    } else {
        Format::Json
    });
    let mut files = Vec::new();
    for p in &args.inputs {
        if p.as_os_str() == "-" {
            files.push(p.clone());
        } else {
            collect_files(p, &mut files).map_err(|e| format!("{}: {e}", p.display()))?;
        }
    }
    if files.is_empty() {
        files.push(PathBuf::from("-"));
    }
    let jobs = args.jobs.max(1);
    let failed = if jobs == 1 {
        // one thread: each record is read, extracted and written before the next is read
        let mut output = Output::start(format, args)?;
        read_inputs(&files, args, |job| {
            job.run_into(&engine, format, args, &mut output)
        })?;
        output.finish(format)?
    } else {
        pipeline(&engine, &files, format, args, jobs)?
    };
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `-j N`: the main thread reads, N workers decode, parse and extract, one writer puts the
/// results back in input order. Records travel in chunks (up to `CHUNK` records or
/// `CHUNK_BYTES`): handing them over one by one cost six futex calls per record, a fifth of the
/// run on two cores. Every queue is bounded, so memory stays flat however long the input: at
/// most `4 × N` chunks are in flight. The reading thread does nothing but split lines, so it
/// never holds the workers back.
fn pipeline(
    engine: &Engine,
    files: &[PathBuf],
    format: Format,
    args: &ExtractArgs,
    jobs: usize,
) -> Result<bool, Fatal> {
    use std::sync::mpsc::sync_channel;
    const CHUNK: usize = 32;
    const CHUNK_BYTES: usize = 4 << 20;
    let (job_tx, job_rx) = sync_channel::<(u64, Vec<Job>)>(2 * jobs);
    let (done_tx, done_rx) = sync_channel::<(u64, Vec<Rendered>)>(2 * jobs);
    // the workers alone hold the job queue: when they stop (the writer failed), sending fails
    // and the reader stops too, instead of waiting on a full queue
    let job_rx = std::sync::Arc::new(std::sync::Mutex::new(job_rx));
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let (job_rx, done_tx) = (job_rx.clone(), done_tx.clone());
            scope.spawn(move || {
                loop {
                    let next = job_rx
                        .lock()
                        .map_err(|_| ())
                        .and_then(|rx| rx.recv().map_err(|_| ()));
                    let Ok((seq, chunk)) = next else { break };
                    let done: Vec<Rendered> = chunk
                        .into_iter()
                        .map(|job| job.run(engine, format, args))
                        .collect();
                    if done_tx.send((seq, done)).is_err() {
                        break;
                    }
                }
            });
        }
        drop((job_rx, done_tx));
        // standard output is locked on the writer thread, which ends the run's output too
        let writer = scope.spawn(move || -> Result<bool, Fatal> {
            let mut output = Output::start(format, args)?;
            let mut waiting = std::collections::BTreeMap::new();
            let mut next = 0u64;
            for (seq, done) in done_rx {
                waiting.insert(seq, done);
                while let Some(done) = waiting.remove(&next) {
                    for rendered in done {
                        let (text, error, bytes) = rendered?;
                        output.write(text, error, bytes)?;
                    }
                    next += 1;
                }
            }
            if !waiting.is_empty() {
                return Err(Fatal(format!(
                    "chunk {} was lost by a worker thread",
                    next + 1
                )));
            }
            output.finish(format)
        });
        let mut seq = 0u64;
        let mut chunk = Vec::new();
        let mut bytes = 0;
        let mut send = |chunk: Vec<Job>| -> Result<(), Fatal> {
            job_tx
                .send((seq, chunk))
                .map_err(|_| Fatal("the output stopped".into()))?;
            seq += 1;
            Ok(())
        };
        let read = read_inputs(files, args, |job| {
            bytes += job.len();
            chunk.push(job);
            if chunk.len() >= CHUNK || bytes >= CHUNK_BYTES {
                bytes = 0;
                send(std::mem::take(&mut chunk))?;
            }
            Ok(())
        })
        .and_then(|()| {
            if chunk.is_empty() {
                Ok(())
            } else {
                send(std::mem::take(&mut chunk))
            }
        });
        drop(job_tx);
        let written = writer
            .join()
            .map_err(|_| Fatal("the writer thread panicked".into()))?;
        // the writer's error (a closed pipe) explains a failed send; report it first
        let failed = written?;
        read?;
        Ok(failed)
    })
}

/// One input record before it is decoded: a JSON Lines line or a whole file.
enum Job {
    Line {
        bytes: Vec<u8>,
        name: std::sync::Arc<str>,
        line: usize,
    },
    File(Record),
}

impl Job {
    /// Input bytes, for the progress display.
    fn len(&self) -> usize {
        match self {
            Job::Line { bytes, .. } => bytes.len(),
            Job::File(Record::Text { text, .. }) => text.len(),
            Job::File(Record::Error { message, .. }) => message.len(),
        }
    }

    /// Decodes, extracts and renders the record; both the one-thread loop and the workers.
    fn run(self, engine: &Engine, format: Format, args: &ExtractArgs) -> Rendered {
        let bytes = self.len();
        render_safely(engine, self.record(args), format, args)
            .map(|(text, error)| (text, error, bytes))
    }

    /// Decodes, extracts and writes the record: the one-thread loop. JSON is written straight
    /// into the output, not first into a buffer of its own: a long text's JSON runs to several
    /// times the text, and one document of 50 MB of dense quotes wrote 1.9 GB. A record still
    /// comes out whole or as an error record: the engine runs under [`extract_safely`]'s guard,
    /// and what is written after it is plain serialisation of the finished document.
    fn run_into(
        self,
        engine: &Engine,
        format: Format,
        args: &ExtractArgs,
        output: &mut Output,
    ) -> Result<(), Fatal> {
        let bytes = self.len();
        if !matches!(format, Format::Json | Format::Jsonl) {
            // (text, TSV and HTML slice the text by the claims' offsets: their rendering stays
            // under the guard)
            let (text, error) = render_safely(engine, self.record(args), format, args)?;
            return output.write(text, error, bytes);
        }
        match extract_safely(engine, self.record(args), args) {
            Extracted::Doc { text, doc, .. } => {
                // (the JSON needs the document alone: the text goes before it is written)
                drop(text);
                output.write_document(&doc, format, bytes)
            }
            error => {
                let (text, error) = render(error, format)?;
                output.write(text, error, bytes)
            }
        }
    }

    fn record(self, args: &ExtractArgs) -> Record {
        match self {
            Job::Line { bytes, name, line } => jsonl_record(bytes, &name, line, args),
            Job::File(record) => record,
        }
    }
}

/// Reads every input in order and hands each record to `emit`: JSON Lines line by line (never a
/// whole file in memory), other files whole.
fn read_inputs(
    files: &[PathBuf],
    args: &ExtractArgs,
    mut emit: impl FnMut(Job) -> Result<(), Fatal>,
) -> Result<(), Fatal> {
    for path in files {
        let name = if path.as_os_str() == "-" {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        let reader: Box<dyn Read> = if path.as_os_str() == "-" {
            Box::new(io::stdin().lock())
        } else {
            Box::new(std::fs::File::open(path).map_err(|e| format!("{name}: {e}"))?)
        };
        if args.jsonl {
            let shared: std::sync::Arc<str> = name.as_str().into();
            let mut reader = BufReader::with_capacity(Output::BUFFER, reader);
            let mut line = 0;
            loop {
                let mut bytes = Vec::new();
                if read_line(&mut reader, &mut bytes).map_err(|e| format!("{name}: {e}"))? == 0 {
                    break;
                }
                line += 1;
                if bytes.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                emit(Job::Line {
                    bytes,
                    name: shared.clone(),
                    line,
                })?;
            }
        } else {
            let mut bytes = Vec::new();
            let mut reader = reader;
            reader
                .read_to_end(&mut bytes)
                .map_err(|e| format!("{name}: {e}"))?;
            let id = serde_json::Value::String(name.clone());
            emit(Job::File(match decode(bytes, &name, args.lossy) {
                Ok(text) => Record::Text { id, text },
                Err(message) => Record::Error {
                    id,
                    message,
                    line: None,
                },
            }))?;
        }
    }
    Ok(())
}

/// `BufRead::read_until(b'\n')`, with the newline found by the `memchr` crate: the standard
/// library's own search was half a percent of a run.
fn read_line(reader: &mut impl BufRead, bytes: &mut Vec<u8>) -> io::Result<usize> {
    let mut read = 0;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let (done, used) = match memchr::memchr(b'\n', buf) {
            Some(i) => (true, i + 1),
            None => (buf.is_empty(), buf.len()),
        };
        bytes.extend_from_slice(&buf[..used]);
        reader.consume(used);
        read += used;
        if done {
            return Ok(read);
        }
    }
}

/// A rendered record: its output text, its error message if it failed, its input bytes.
type Rendered = Result<(Vec<u8>, Option<String>, usize), Fatal>;

/// Standard output with the run's header and footer, the failure flag and the progress display.
struct Output {
    out: io::BufWriter<Stdout>,
    failed: bool,
    progress: Progress,
}

/// Standard output as a plain file where the platform allows it. `std`'s standard output is
/// line-buffered: every chunk the buffer above it hands down was searched for its last newline
/// (about 1 % of a run, the JSON being two and a half times the input) and its tail copied
/// into a second buffer. Nothing else writes to standard output while claims are written, so
/// the order of the bytes is the same.
enum Stdout {
    #[cfg(unix)]
    File(std::fs::File),
    Std(io::StdoutLock<'static>),
}

impl Stdout {
    fn open() -> Stdout {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
                return Stdout::File(std::fs::File::from(fd));
            }
        }
        Stdout::Std(io::stdout().lock())
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            #[cfg(unix)]
            Stdout::File(f) => f.write(buf),
            Stdout::Std(s) => s.write(buf),
        }
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            #[cfg(unix)]
            Stdout::File(f) => f.write_all(buf),
            Stdout::Std(s) => s.write_all(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            #[cfg(unix)]
            Stdout::File(f) => f.flush(),
            Stdout::Std(s) => s.flush(),
        }
    }
}

impl Output {
    /// The output buffer: 64 KB, so a run of JSON Lines makes an eighth of the `write` calls
    /// the default 8 KB made.
    const BUFFER: usize = 64 << 10;

    fn start(format: Format, args: &ExtractArgs) -> Result<Output, Fatal> {
        let mut out = io::BufWriter::with_capacity(Self::BUFFER, Stdout::open());
        if format == Format::Tsv {
            writeln!(
                out,
                "id\tkind\tspeaker\tmention\tcue\tquote\tchar_start\tchar_end\trule\tconfidence"
            )?;
        }
        if format == Format::Html {
            let names: Vec<String> = args
                .inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            let names = if names.is_empty() {
                "standard input".into()
            } else {
                names.join(", ")
            };
            let mut head = String::new();
            zitat::html_head(&mut head, &format!("zitat — {names}"))?;
            out.write_all(head.as_bytes())?;
        }
        Ok(Output {
            out,
            failed: false,
            progress: Progress::new(),
        })
    }

    fn write(&mut self, text: Vec<u8>, error: Option<String>, bytes: usize) -> Result<(), Fatal> {
        self.out.write_all(&text)?;
        if let Some(message) = error {
            // here rather than in the workers: messages come in input order, between redraws
            self.progress.error(&message);
            self.failed = true;
        }
        self.progress.advance(1, bytes);
        Ok(())
    }

    /// Writes a document as pretty JSON or as one JSON Lines line.
    fn write_document(
        &mut self,
        doc: &Document,
        format: Format,
        bytes: usize,
    ) -> Result<(), Fatal> {
        if format == Format::Json {
            serde_json::to_writer_pretty(&mut self.out, doc)?;
        } else {
            doc.write_json_to(&mut self.out)?;
        }
        self.out.write_all(b"\n")?;
        self.progress.advance(1, bytes);
        Ok(())
    }

    /// Writes the footer and flushes; tells whether any record failed.
    fn finish(mut self, format: Format) -> Result<bool, Fatal> {
        if format == Format::Html {
            let mut foot = String::new();
            zitat::html_foot(&mut foot)?;
            self.out.write_all(foot.as_bytes())?;
        }
        self.out.flush()?;
        Ok(self.failed)
    }
}

fn jsonl_record(bytes: Vec<u8>, name: &str, line: usize, args: &ExtractArgs) -> Record {
    let origin = format!("{name}:{line}");
    let text = match decode(bytes, &origin, args.lossy) {
        Ok(t) => t,
        Err(message) => {
            return Record::Error {
                id: serde_json::Value::Null,
                message,
                line: Some(line),
            };
        }
    };
    let mut value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            return Record::Error {
                id: serde_json::Value::Null,
                message: format!("{origin}: malformed JSON: {e}"),
                line: Some(line),
            };
        }
    };
    let id = value
        .get(&args.id_field)
        .cloned()
        .unwrap_or(serde_json::Value::Null);
    // the text is moved out of the parsed record, not copied: one document in memory, not two
    match value.get_mut(&args.text_field) {
        Some(serde_json::Value::String(t)) => Record::Text {
            id,
            text: std::mem::take(t),
        },
        _ => Record::Error {
            id,
            message: format!(
                "{origin}: the record has no string field `{}`",
                args.text_field
            ),
            line: Some(line),
        },
    }
}

/// A record id as a reader wants it: a string without its JSON quotes, anything else as JSON.
fn id_text(id: &serde_json::Value) -> String {
    id.as_str()
        .map(str::to_string)
        .unwrap_or_else(|| id.to_string())
}

/// A TSV cell: tabs and line breaks would split the row, so they become spaces.
fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// A record after extraction: its filtered claims, or the error that stands in its place.
enum Extracted {
    Doc {
        id: serde_json::Value,
        text: String,
        doc: Document,
    },
    Error {
        id: serde_json::Value,
        message: String,
        line: Option<usize>,
    },
}

/// What a caught panic says, for the error record that replaces the record.
fn panic_message(id: &serde_json::Value, panic: Box<dyn std::any::Any + Send>) -> String {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    format!(
        "{}: internal error, please report it with this record: {what}",
        id_text(id)
    )
}

/// Extracts one record's claims and applies the filters, with a panic in the engine turned
/// into an error record for that record: a bug on one article must not lose the rest of a batch.
fn extract_safely(engine: &Engine, record: Record, args: &ExtractArgs) -> Extracted {
    let (id, text) = match record {
        Record::Text { id, text } => (id, text),
        Record::Error { id, message, line } => return Extracted::Error { id, message, line },
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut doc = engine.extract(&text);
        doc.id = Some(id.clone());
        let speaker = args.speaker.as_ref().map(|s| s.to_lowercase());
        doc.claims.retain(|c| {
            (args.kinds.is_empty() || args.kinds.iter().any(|k| k == c.kind.as_str()))
                && c.confidence >= args.min_confidence
                && speaker.as_ref().is_none_or(|s| {
                    c.speaker
                        .as_ref()
                        .is_some_and(|sp| sp.name.to_lowercase().contains(s))
                })
        });
        doc
    })) {
        Ok(doc) => Extracted::Doc { id, text, doc },
        Err(panic) => Extracted::Error {
            message: panic_message(&id, panic),
            id,
            line: None,
        },
    }
}

/// Renders one output record; returns it and, for an error record, the message for stderr.
/// Extraction and rendering both run under [`extract_safely`]'s guard: a panic in either gives
/// an error record in place of the record.
fn render_safely(
    engine: &Engine,
    record: Record,
    format: Format,
    args: &ExtractArgs,
) -> Result<(Vec<u8>, Option<String>), Fatal> {
    let extracted = extract_safely(engine, record, args);
    let id = match &extracted {
        Extracted::Doc { id, .. } | Extracted::Error { id, .. } => id.clone(),
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| render(extracted, format))) {
        Ok(done) => done,
        Err(panic) => render(
            Extracted::Error {
                message: panic_message(&id, panic),
                id,
                line: None,
            },
            format,
        ),
    }
}

fn render(extracted: Extracted, format: Format) -> Result<(Vec<u8>, Option<String>), Fatal> {
    use std::fmt::Write as _;
    let mut out = String::new();
    match extracted {
        Extracted::Doc { id, text, doc } => {
            match format {
                Format::Json | Format::Jsonl => {
                    // straight into a buffer sized for the document (the output runs to about
                    // two and a half times the input): `to_string` grew its buffer from 128
                    // bytes, and the result was copied once more into `out`
                    let mut buf = Vec::with_capacity((text.len() * 3).clamp(4096, 1 << 20));
                    if format == Format::Json {
                        serde_json::to_writer_pretty(&mut buf, &doc)?;
                    } else {
                        doc.write_json(&mut buf);
                    }
                    buf.push(b'\n');
                    // (bytes as they are: serde_json writes UTF-8, and checking it again cost a
                    // pass over the output)
                    return Ok((buf, None));
                }
                Format::Text => writeln!(out, "== {}\n{}", id_text(&id), zitat::render_text(&doc))?,
                Format::Html => zitat::html_article(&mut out, &id_text(&id), &text, &doc)?,
                Format::Tsv => {
                    let title = tsv_field(&id_text(&id));
                    for c in &doc.claims {
                        let (name, mention) = c
                            .speaker
                            .as_ref()
                            .map(|s| (tsv_field(&s.name), tsv_field(&s.text)))
                            .unwrap_or_default();
                        let cue = c
                            .cue
                            .as_ref()
                            .map(|c| tsv_field(&c.text))
                            .unwrap_or_default();
                        let first = c.quote.spans.first().map(|s| s.char_start).unwrap_or(0);
                        let last = c.quote.spans.last().map(|s| s.char_end).unwrap_or(0);
                        writeln!(
                            out,
                            "{}\t{}\t{name}\t{mention}\t{cue}\t{}\t{first}\t{last}\t{}\t{:.2}",
                            title,
                            c.kind.as_str(),
                            tsv_field(&c.quote.text),
                            c.rule,
                            c.confidence
                        )?;
                    }
                }
            }
            Ok((out.into_bytes(), None))
        }
        Extracted::Error { id, message, line } => {
            let rec = serde_json::json!({"id": id, "error": {"message": message, "line": line}});
            match format {
                Format::Text => writeln!(out, "== error: {message}\n")?,
                Format::Tsv => writeln!(
                    out,
                    "{}\terror\t\t\t\t{}\t\t\t\t",
                    tsv_field(&id_text(&id)),
                    tsv_field(&message)
                )?,
                Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&rec)?)?,
                Format::Jsonl => writeln!(out, "{rec}")?,
                Format::Html => zitat::html_error(&mut out, &id_text(&id), &message)?,
            }
            Ok((out.into_bytes(), Some(message)))
        }
    }
}

/// Records, rate and bytes on stderr while a run goes on, for a person watching a terminal; no
/// output at all when stderr is a file or a pipe, so logs and scripts see only the messages.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    bytes: u64,
}

impl Progress {
    fn new() -> Progress {
        let bar = io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new_spinner().with_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {elapsed} · {human_pos} records · {per_sec:0} · {msg}",
                )
                .expect("the template is valid"),
            );
            // a steady tick keeps the spinner turning through one long document
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        Progress { bar, bytes: 0 }
    }

    fn advance(&mut self, records: usize, bytes: usize) {
        self.bytes += bytes as u64;
        if let Some(bar) = &self.bar {
            bar.inc(records as u64);
            bar.set_message(indicatif::HumanBytes(self.bytes).to_string());
        }
    }

    /// A message on stderr that the bar does not draw over.
    fn error(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("zitat: {message}")),
            None => eprintln!("zitat: {message}"),
        }
    }
}

impl Drop for Progress {
    /// Clears the bar at the end of the run, and on an early return (a closed pipe, an I/O
    /// error) before main prints anything.
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

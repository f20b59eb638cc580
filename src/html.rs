//! A self-contained HTML review page: every article with its claims highlighted in place.
//!
//! A reviewer judges attribution by reading the article, not a list of offsets, so the page
//! shows the original text with each quote tinted in its speaker's colour, speaker mentions
//! underlined and cues outlined, and the details of a claim on hover. The page carries its
//! style inline and loads nothing: it can be mailed, archived or opened offline, and a hostile
//! input text can neither run script nor reach the network, because every piece of text is
//! escaped.
//!
//! The page is written piece by piece (head, one article per record, foot), so a run over
//! millions of records never holds more than one article in memory. [`HtmlPage`] does that for
//! a sequential writer; the `html_*` functions render the pieces separately for callers that
//! render records on several threads and write them in input order, as the command line does.

use std::fmt::{self, Write as _};
use std::io;

use crate::claims::{Claim, Document, Kind, Span};

/// Pastel tints for quotes and the matching strong colours for underlines and swatches.
///
/// Twelve hues a reader can tell apart side by side; an article with more speakers reuses them
/// in order, which stays readable because the legend and the hover name every speaker.
const PALETTE: [(&str, &str); 12] = [
    ("#cfe2ff", "#1d5fd1"), // blue
    ("#ffdcc2", "#d4570f"), // orange
    ("#c9f0d3", "#15803d"), // green
    ("#fbd0e6", "#c0267a"), // pink
    ("#e0d7ff", "#6d3fd6"), // violet
    ("#fbefa9", "#a16207"), // yellow
    ("#bdeee6", "#0f766e"), // teal
    ("#ffd1d1", "#c81e1e"), // red
    ("#ddf3b5", "#4d7c0f"), // lime
    ("#c4ecf7", "#0e7490"), // cyan
    ("#f2d4f7", "#a21caf"), // fuchsia
    ("#ead9c6", "#8a4b14"), // brown
];

/// Claims without a resolved speaker: grey, so they stand out as the ones to check.
const GREY: (&str, &str) = ("#e3e5e8", "#6b7280");

/// Writes a page as it goes: the head on [`HtmlPage::new`], one section per article or error,
/// the foot on [`HtmlPage::finish`].
///
/// Nothing but the article being written is held in memory, so a page over millions of records
/// costs no more than one over a single record.
///
/// ```
/// let engine = zitat::Engine::new();
/// let text = "„Wir prüfen alle Optionen“, sagte Innenminister Markus Feld.";
/// let mut page = zitat::HtmlPage::new(Vec::new(), "Review")?;
/// page.article("feld.txt", text, &engine.extract(text))?;
/// let html = String::from_utf8(page.finish()?).unwrap();
/// assert!(html.contains("Markus Feld"));
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct HtmlPage<W: io::Write> {
    out: W,
    buf: String,
}

impl<W: io::Write> HtmlPage<W> {
    /// Starts a page: writes the document head with its inline style and the page header.
    pub fn new(mut out: W, title: &str) -> io::Result<Self> {
        let mut buf = String::new();
        html_head(&mut buf, title).map_err(io::Error::other)?;
        out.write_all(buf.as_bytes())?;
        Ok(HtmlPage { out, buf })
    }

    /// Writes one article: `text` is the input the claims of `doc` were extracted from (their
    /// spans are offsets into it), `id` names the record.
    pub fn article(&mut self, id: &str, text: &str, doc: &Document) -> io::Result<()> {
        self.buf.clear();
        html_article(&mut self.buf, id, text, doc).map_err(io::Error::other)?;
        self.out.write_all(self.buf.as_bytes())
    }

    /// Writes a record that could not be processed, in its place among the articles, so the page
    /// accounts for every input record.
    pub fn error(&mut self, id: &str, message: &str) -> io::Result<()> {
        self.buf.clear();
        html_error(&mut self.buf, id, message).map_err(io::Error::other)?;
        self.out.write_all(self.buf.as_bytes())
    }

    /// Closes the page, flushes it and hands the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        self.buf.clear();
        html_foot(&mut self.buf).map_err(io::Error::other)?;
        self.out.write_all(self.buf.as_bytes())?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Writes the start of a page: doctype, inline style, the page header with `title` and the key
/// to the marks. Pair it with [`html_foot`]; [`HtmlPage`] does both.
pub fn html_head(out: &mut impl fmt::Write, title: &str) -> fmt::Result {
    out.write_str(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    )?;
    escape(out, title)?;
    out.write_str("</title>\n<style>\n")?;
    out.write_str(STYLE)?;
    for (i, (tint, strong)) in PALETTE.iter().chain([&GREY]).enumerate() {
        let c = colour_class(if i < PALETTE.len() { Some(i) } else { None });
        writeln!(
            out,
            ".q{c}{{background:{tint}}}.q{c}.nest{{box-shadow:inset 0 0 0 1.5px {strong}}}\
             .q{c}.first::before{{background:{strong}}}.s{c}{{text-decoration-color:{strong}}}\
             .m{c}{{text-decoration-color:{strong}}}.w{c}{{background:{tint};border-color:{strong}}}"
        )?;
    }
    out.write_str("</style>\n</head>\n<body>\n<header class=\"page\"><div class=\"wrap\"><h1>")?;
    escape(out, title)?;
    out.write_str(
        "</h1><p class=\"key\"><mark class=\"q q0\">quote</mark> tinted in its speaker’s colour \
         · <span class=\"s s0\">speaker</span> underlined \
         · <span class=\"cue\">cue</span> outlined \
         · <mark class=\"q q0 nest\">nested quote</mark> framed \
         · <mark class=\"q qg\">no resolved speaker</mark> grey \
         · hover a mark for kind, cue, rule and confidence</p></div></header>\n<main>\n",
    )
}

/// Writes the end of a page opened by [`html_head`].
pub fn html_foot(out: &mut impl fmt::Write) -> fmt::Result {
    out.write_str(
        "</main>\n<footer>Written by zitat — spans are byte offsets into each input; \
         the marks above are drawn from them.</footer>\n</body>\n</html>\n",
    )
}

/// Writes one article section: the text with its claims marked, and a legend of its speakers.
///
/// `text` must be the input the claims of `doc` were extracted from; spans beyond its end or
/// inside a character are clipped rather than trusted, so a mismatched pair cannot panic.
pub fn html_article(
    out: &mut impl fmt::Write,
    id: &str,
    text: &str,
    doc: &Document,
) -> fmt::Result {
    let colours = Colours::of(doc);
    out.write_str("<section class=\"article\">\n<div class=\"head\"><h2>")?;
    escape(out, id)?;
    out.write_str("</h2><div class=\"summary\">")?;
    summary(out, doc, &colours)?;
    out.write_str("</div></div>\n<div class=\"body\">\n<div class=\"text\" lang=\"de\">\n")?;
    marked_text(out, text, doc, &colours)?;
    out.write_str("\n</div>\n")?;
    legend(out, doc, &colours)?;
    out.write_str("</div>\n</section>\n")
}

/// Writes a record that could not be processed as an error box in the article's place.
pub fn html_error(out: &mut impl fmt::Write, id: &str, message: &str) -> fmt::Result {
    out.write_str("<section class=\"article failed\">\n<div class=\"head\"><h2>")?;
    escape(out, id)?;
    out.write_str(
        "</h2><div class=\"summary\">not processed</div></div>\n\
         <div class=\"error\"><strong>This record could not be read.</strong> ",
    )?;
    escape(out, message)?;
    out.write_str("</div>\n</section>\n")
}

/// The page's style: system fonts only, so the page looks the same offline.
const STYLE: &str = r#":root{--ink:#1f2328;--muted:#5f6b7a;--line:#dde2e8;--paper:#fff;--ground:#eef1f5;
--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;
--serif:Charter,"Bitstream Charter","Noto Serif",Georgia,"DejaVu Serif",serif}
*{box-sizing:border-box}
html{background:var(--ground)}
body{margin:0;color:var(--ink);font:15px/1.5 var(--sans)}
.wrap,main{max-width:1220px;margin:0 auto;padding:0 28px}
header.page{background:#1e293b;color:#e2e8f0;padding:18px 0 16px;margin-bottom:28px}
header.page h1{margin:0 0 6px;font-size:20px;font-weight:650;color:#fff;letter-spacing:.01em}
header.page .key{margin:0;font-size:13px;line-height:2;color:#cbd5e1}
header.page .key mark,header.page .key span{color:var(--ink);background-color:#fff;padding:1px 5px;border-radius:4px}
header.page .key mark.q0{background:#cfe2ff}header.page .key mark.qg{background:#e3e5e8}
section.article{background:var(--paper);border:1px solid var(--line);border-radius:12px;margin:0 0 28px;
box-shadow:0 1px 2px rgba(15,23,42,.05),0 4px 16px rgba(15,23,42,.04)}
section.article .head{display:flex;flex-wrap:wrap;align-items:baseline;gap:6px 18px;padding:16px 28px 14px;border-bottom:1px solid var(--line)}
section.article h2{margin:0;font-size:16px;font-weight:650;word-break:break-all}
.summary{color:var(--muted);font-size:13.5px}
.summary b{color:var(--ink);font-weight:600}
.body{display:grid;grid-template-columns:minmax(0,1fr) 330px;gap:36px;padding:22px 28px 26px}
@media (max-width:900px){.body{grid-template-columns:minmax(0,1fr)}}
.text{font:17.5px/1.8 var(--serif);max-width:72ch;hyphens:auto;overflow-wrap:break-word}
.text p{margin:0 0 1em}
.text p:last-child{margin-bottom:0}
.q{color:inherit;padding:.12em 0}
.qa{padding-left:.08em;border-top-left-radius:4px;border-bottom-left-radius:4px}
.qz{padding-right:.08em;border-top-right-radius:4px;border-bottom-right-radius:4px}
.first::before{content:attr(data-n);margin:0 .3em 0 .05em;padding:.05em .45em;border-radius:999px;color:#fff;
font:700 10.5px/1 var(--sans);vertical-align:.22em;font-style:normal}
.s{text-decoration-line:underline;text-decoration-thickness:2.5px;text-underline-offset:.22em;font-weight:600}
.m{text-decoration-line:underline;text-decoration-style:dotted;text-decoration-thickness:2px;text-underline-offset:.22em}
.cue{outline:1px dashed #64748b;outline-offset:1px;border-radius:3px;font-style:italic}
.to{text-decoration:underline dashed 1.5px #64748b;text-underline-offset:.22em}
[data-tip]{position:relative;cursor:help}
[data-tip]:hover::after{content:attr(data-tip);position:absolute;left:0;top:calc(100% + 6px);z-index:10;width:max-content;
max-width:26rem;white-space:pre-line;background:#0f172a;color:#f1f5f9;font:400 12.5px/1.5 var(--sans);font-style:normal;
padding:8px 11px;border-radius:7px;box-shadow:0 6px 20px rgba(0,0,0,.25);pointer-events:none;text-align:left}
aside.legend{font-size:13.5px;border-left:1px solid var(--line);padding-left:24px}
aside.legend h3{margin:0 0 8px;font-size:11.5px;letter-spacing:.08em;text-transform:uppercase;color:var(--muted);font-weight:650}
aside.legend table{border-collapse:collapse;width:100%}
aside.legend td{padding:6px 0;vertical-align:top;border-bottom:1px solid #eef0f3}
aside.legend tr:last-child td{border-bottom:0}
aside.legend td.sw{width:26px;padding-top:8px}
.w{display:inline-block;width:16px;height:16px;border-radius:4px;border:2px solid}
.who{font-weight:600}
.role{display:block;color:var(--muted);font-size:12.5px;line-height:1.4}
.type{font-size:11.5px;letter-spacing:.02em;color:#7b8794}
td.n{text-align:right;font-variant-numeric:tabular-nums;font-weight:600;padding-left:8px;white-space:nowrap}
td.n small{display:block;color:var(--muted);font-weight:400;font-size:11px}
.none{color:var(--muted);font-style:italic}
section.failed{border-color:#f1b5b5}
.error{margin:18px 28px 22px;padding:12px 16px;border-radius:8px;background:#fff1f1;border:1px solid #f1b5b5;color:#8a1c1c;
font:13.5px/1.55 ui-monospace,"DejaVu Sans Mono",monospace;white-space:pre-wrap;overflow-wrap:anywhere}
.error strong{font-family:var(--sans)}
footer{max-width:1220px;margin:0 auto;padding:4px 28px 28px;color:var(--muted);font-size:12.5px}
"#;

/// Escapes text for element content and quoted attribute values alike.
fn escape(out: &mut impl fmt::Write, s: &str) -> fmt::Result {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&s[last..i])?;
        out.write_str(rep)?;
        last = i + 1;
    }
    out.write_str(&s[last..])
}

/// The class suffix of a palette slot; `g` is the grey of unresolved claims.
fn colour_class(slot: Option<usize>) -> String {
    slot.map(|i| i.to_string()).unwrap_or_else(|| "g".into())
}

/// Palette slots per entity, in order of the entity's first claim, so the first speaker a reader
/// meets is always blue, the second orange, and so on.
struct Colours {
    /// Entity index → palette slot; `None` for entities no claim is attributed to.
    slot: Vec<Option<usize>>,
    /// Entities with claims, in order of first appearance.
    order: Vec<usize>,
}

impl Colours {
    fn of(doc: &Document) -> Colours {
        let mut slot = vec![None; doc.speakers.len()];
        let mut order = Vec::new();
        for c in &doc.claims {
            if let Some(e) = entity(c, doc)
                && slot[e].is_none()
            {
                slot[e] = Some(order.len() % PALETTE.len());
                order.push(e);
            }
        }
        Colours { slot, order }
    }

    /// The palette slot of a claim: its speaker entity's, or `None` (grey).
    fn claim(&self, c: &Claim, doc: &Document) -> Option<usize> {
        entity(c, doc).and_then(|e| self.slot[e])
    }
}

/// The claim's speaker entity, if it names one that exists in the document.
fn entity(c: &Claim, doc: &Document) -> Option<usize> {
    c.speaker
        .as_ref()
        .and_then(|s| s.entity)
        .filter(|&e| e < doc.speakers.len())
}

fn summary(out: &mut impl fmt::Write, doc: &Document, colours: &Colours) -> fmt::Result {
    let n = doc.claims.len();
    if n == 0 {
        return out.write_str("no claims");
    }
    write!(out, "<b>{n}</b> claim{}", if n == 1 { "" } else { "s" })?;
    for kind in [
        Kind::Direct,
        Kind::Indirect,
        Kind::Reported,
        Kind::FreeIndirect,
    ] {
        let k = doc.claims.iter().filter(|c| c.kind == kind).count();
        if k > 0 {
            write!(out, " · {k} {}", kind.as_str().replace('_', " "))?;
        }
    }
    let s = colours.order.len();
    write!(
        out,
        " — <b>{s}</b> speaker{}",
        if s == 1 { "" } else { "s" }
    )?;
    let unattributed = doc
        .claims
        .iter()
        .filter(|c| entity(c, doc).is_none())
        .count();
    if unattributed > 0 {
        write!(out, " · {unattributed} without resolved speaker")?;
    }
    Ok(())
}

fn legend(out: &mut impl fmt::Write, doc: &Document, colours: &Colours) -> fmt::Result {
    out.write_str("<aside class=\"legend\"><h3>Speakers</h3>\n")?;
    let unattributed = doc
        .claims
        .iter()
        .filter(|c| entity(c, doc).is_none())
        .count();
    if colours.order.is_empty() && unattributed == 0 {
        return out.write_str("<p class=\"none\">No claims in this text.</p></aside>\n");
    }
    out.write_str("<table>\n")?;
    for &e in &colours.order {
        let ent = &doc.speakers[e];
        let n = doc
            .claims
            .iter()
            .filter(|c| entity(c, doc) == Some(e))
            .count();
        write!(
            out,
            "<tr><td class=\"sw\"><span class=\"w w{}\"></span></td><td><span class=\"who\">",
            colour_class(colours.slot[e])
        )?;
        escape(out, &ent.name)?;
        out.write_str("</span><span class=\"role\">")?;
        if let Some(role) = &ent.role {
            escape(out, role)?;
            out.write_str(" · ")?;
        }
        writeln!(
            out,
            "<span class=\"type\">{}</span></span></td><td class=\"n\">{}<small>claim{}</small></td></tr>",
            ent.kind.as_str(),
            n,
            if n == 1 { "" } else { "s" }
        )?;
    }
    if unattributed > 0 {
        writeln!(
            out,
            "<tr><td class=\"sw\"><span class=\"w wg\"></span></td><td><span class=\"who\">no resolved speaker</span>\
             <span class=\"role\">no source named, or a mention not linked to anyone</span></td>\
             <td class=\"n\">{unattributed}<small>claim{}</small></td></tr>",
            if unattributed == 1 { "" } else { "s" }
        )?;
    }
    out.write_str("</table></aside>\n")
}

/// What a piece of text is to a claim (or, for mentions, to an entity).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Quote,
    Speaker,
    Cue,
    Addressee,
    /// Another mention of a speaker entity, outside any claim's speaker role.
    Mention,
}

/// One span of one claim (or entity, for mentions), clipped to the text.
struct Piece {
    /// Claim index, or entity index for [`Role::Mention`].
    owner: usize,
    role: Role,
    start: usize,
    end: usize,
}

/// The byte range of a span, clipped to the text and moved back onto character boundaries.
fn clip(text: &str, s: &Span) -> Option<(usize, usize)> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (a, b) = (floor(s.start), floor(s.end));
    (a < b).then_some((a, b))
}

fn pieces(text: &str, doc: &Document, colours: &Colours) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut push = |owner, role, spans: &[Span]| {
        for s in spans {
            if let Some((start, end)) = clip(text, s) {
                out.push(Piece {
                    owner,
                    role,
                    start,
                    end,
                });
            }
        }
    };
    for (i, c) in doc.claims.iter().enumerate() {
        push(i, Role::Quote, &c.quote.spans);
        if let Some(s) = &c.speaker {
            push(i, Role::Speaker, &s.spans);
        }
        if let Some(cue) = &c.cue {
            push(i, Role::Cue, &cue.spans);
        }
        if let Some(a) = &c.addressee {
            push(i, Role::Addressee, &a.spans);
        }
    }
    for &e in &colours.order {
        push(e, Role::Mention, &doc.speakers[e].mentions);
    }
    out
}

/// Byte ranges of the paragraphs: blank lines (and line breaks at either end of the text)
/// separate them; what lies between is written unchanged outside any paragraph.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut paras = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let run = i;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let newlines = bytes[run..i].iter().filter(|&&b| b == b'\n').count();
        let at_edge = run == 0 || i == bytes.len();
        if newlines >= 2 || (newlines >= 1 && at_edge) {
            if run > start {
                paras.push((start, run));
            }
            start = i;
        }
    }
    if start < bytes.len() {
        paras.push((start, bytes.len()));
    }
    paras
}

/// The text with its claims marked: the text is cut at every span edge and line break into
/// segments, and each segment is written once, carrying the marks of every piece that covers
/// it. Flat segments instead of nested elements keep overlapping and nested claims exact —
/// every character appears once, in order — and the markup trivially balanced.
fn marked_text(
    out: &mut impl fmt::Write,
    text: &str,
    doc: &Document,
    colours: &Colours,
) -> fmt::Result {
    let mut pieces = pieces(text, doc, colours);
    pieces.sort_by_key(|p| p.start);
    let mut cuts: Vec<usize> = pieces.iter().flat_map(|p| [p.start, p.end]).collect();
    cuts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).flat_map(|i| [i, i + 1]));
    cuts.sort_unstable();
    cuts.dedup();
    // each claim's quote extent: where its number goes, and which of two quotes is inner
    let mut extent = vec![(usize::MAX, 0); doc.claims.len()];
    for p in pieces.iter().filter(|p| p.role == Role::Quote) {
        let e = &mut extent[p.owner];
        *e = (e.0.min(p.start), e.1.max(p.end));
    }
    let mut seg = Segmenter {
        text,
        doc,
        colours,
        extent: &extent,
        pieces: &pieces,
        next: 0,
        active: Vec::new(),
    };
    let mut last = 0;
    for (ps, pe) in paragraphs(text) {
        out.write_str(&text[last..ps])?;
        out.write_str("<p>")?;
        let from = cuts.partition_point(|&c| c <= ps);
        let to = cuts.partition_point(|&c| c < pe);
        let mut a = ps;
        for &b in cuts[from..to].iter().chain([&pe]) {
            if &text[a..b] == "\n" {
                out.write_str("<br>\n")?;
            } else {
                seg.write(out, a, b)?;
            }
            a = b;
        }
        out.write_str("</p>")?;
        last = pe;
    }
    out.write_str(&text[last..])
}

/// Walks the segments of one text in order, keeping the pieces that cover the current one.
struct Segmenter<'a> {
    text: &'a str,
    doc: &'a Document,
    colours: &'a Colours,
    /// Per claim: first start and last end of its quote pieces.
    extent: &'a [(usize, usize)],
    /// Sorted by start.
    pieces: &'a [Piece],
    /// The first piece not yet active.
    next: usize,
    /// Indices of the pieces covering the current segment.
    active: Vec<usize>,
}

impl Segmenter<'_> {
    /// Writes the segment `a..b`; segments must come in text order.
    fn write(&mut self, out: &mut impl fmt::Write, a: usize, b: usize) -> fmt::Result {
        while self.next < self.pieces.len() && self.pieces[self.next].start <= a {
            self.active.push(self.next);
            self.next += 1;
        }
        let pieces = self.pieces;
        // every piece edge is a cut, so a piece that reaches past `a` covers the whole segment
        self.active.retain(|&i| pieces[i].end > a);
        if self.active.is_empty() {
            return escape(out, &self.text[a..b]);
        }
        let (doc, colours) = (self.doc, self.colours);
        let claims_in = |role: Role| -> Vec<usize> {
            let mut v: Vec<usize> = self
                .active
                .iter()
                .map(|&i| &pieces[i])
                .filter(|p| p.role == role)
                .map(|p| p.owner)
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        // innermost first: the quote that starts last, then the one that ends first
        let mut quotes = claims_in(Role::Quote);
        quotes.sort_by_key(|&i| (std::cmp::Reverse(self.extent[i].0), self.extent[i].1));
        let speakers = claims_in(Role::Speaker);
        let cues = claims_in(Role::Cue);
        let addressees = claims_in(Role::Addressee);
        let mentions = claims_in(Role::Mention);

        // a numbered badge where a quote begins, outermost first as a reader meets them; an
        // empty element of its own, so the badge adds no text and takes no speaker underline
        let mut badge = false;
        let inside = quotes.iter().any(|&j| self.extent[j].0 < a);
        for &i in quotes.iter().rev().filter(|&&i| self.extent[i].0 == a) {
            write!(
                out,
                "<span class=\"q q{}{} first\" data-n=\"{}\"></span>",
                colour_class(colours.claim(&doc.claims[i], doc)),
                if badge || inside { "" } else { " qa" },
                i + 1
            )?;
            badge = true;
        }
        let mut class = String::new();
        if let Some(&q) = quotes.first() {
            class.push_str(" q q");
            class.push_str(&colour_class(colours.claim(&doc.claims[q], doc)));
            if quotes.len() > 1 {
                class.push_str(" nest");
            }
            // round the tint where a piece of the innermost quote begins or ends
            let own = |p: &&Piece| p.owner == q && p.role == Role::Quote;
            let ends = self.active.iter().map(|&i| &pieces[i]).filter(own);
            if !badge && ends.clone().any(|p| p.start == a) {
                class.push_str(" qa");
            }
            if ends.clone().any(|p| p.end == b) {
                class.push_str(" qz");
            }
        }
        if let Some(&s) = speakers.first() {
            class.push_str(" s s");
            class.push_str(&colour_class(colours.claim(&doc.claims[s], doc)));
        } else if let Some(&e) = mentions.first() {
            class.push_str(" m m");
            class.push_str(&colour_class(colours.slot[e]));
        }
        if !cues.is_empty() {
            class.push_str(" cue");
        }
        if !addressees.is_empty() {
            class.push_str(" to");
        }

        // the claims this segment belongs to, innermost quote first
        let mut tip_claims: Vec<usize> = quotes.clone();
        for i in speakers.iter().chain(&cues).chain(&addressees) {
            if !tip_claims.contains(i) {
                tip_claims.push(*i);
            }
        }
        let mut tip = String::new();
        for &i in &tip_claims {
            if !tip.is_empty() {
                tip.push_str("\n\n");
            }
            claim_tip(&mut tip, i, &doc.claims[i]);
        }
        if tip_claims.is_empty()
            && let Some(&e) = mentions.first()
        {
            let ent = &doc.speakers[e];
            let _ = write!(tip, "mention of {}", ent.name);
            if let Some(r) = &ent.role {
                let _ = write!(tip, ", {r}");
            }
            let _ = write!(tip, " ({})", ent.kind.as_str());
        }

        let tag = if quotes.is_empty() { "span" } else { "mark" };
        write!(out, "<{tag}")?;
        if !class.is_empty() {
            write!(out, " class=\"{}\"", class.trim_start())?;
        }
        if !tip.is_empty() {
            out.write_str(" data-tip=\"")?;
            escape(out, &tip)?;
            out.write_str("\"")?;
        }
        out.write_str(">")?;
        escape(out, &self.text[a..b])?;
        write!(out, "</{tag}>")
    }
}

/// The hover text of one claim: what a reviewer needs to judge it without the JSON.
fn claim_tip(tip: &mut String, i: usize, c: &Claim) {
    let _ = write!(
        tip,
        "#{} {} · {} · confidence {:.2}",
        i + 1,
        c.kind.as_str().replace('_', " "),
        c.rule,
        c.confidence
    );
    let mut flags = Vec::new();
    if c.nested {
        flags.push("nested");
    }
    if c.mood == crate::claims::Mood::Subjunctive {
        flags.push("subjunctive");
    }
    if !flags.is_empty() {
        let _ = write!(tip, " · {}", flags.join(" · "));
    }
    match &c.speaker {
        Some(s) => {
            let _ = write!(tip, "\nspeaker: {}", s.text);
            if s.text != s.name {
                let _ = write!(tip, " → {}", s.name);
            }
            if let Some(r) = &s.role {
                let _ = write!(tip, ", {r}");
            }
            let _ = write!(tip, " ({})", s.kind.as_str());
        }
        None => tip.push_str("\nspeaker: none named"),
    }
    if let Some(cue) = &c.cue {
        let _ = write!(tip, "\ncue: {}", cue.text);
        if cue.lemma.to_lowercase() != cue.text.to_lowercase() {
            let _ = write!(tip, " ({})", cue.lemma);
        }
    }
    if let Some(a) = &c.addressee {
        let _ = write!(tip, "\nto: {}", a.text);
    }
}

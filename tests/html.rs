//! The HTML review page: every piece of text escaped, nothing loaded from outside, markup
//! balanced, every character of the input shown exactly once however claims nest, and — where
//! Chromium is installed — a screenshot that shows a rendered page, not a blank one.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use zitat::{Engine, HtmlPage};

const HOSTILE: &str = "<script>alert(\"x\")</script> & 'a'";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn article_text() -> String {
    std::fs::read_to_string(root().join("examples/article.txt")).expect("examples/article.txt")
}

/// A page over `(id, text)` records, each extracted with the built-in grammar.
fn page(records: &[(&str, &str)]) -> String {
    let engine = Engine::new();
    let mut page = HtmlPage::new(Vec::new(), "test page").expect("head");
    for (id, text) in records {
        page.article(id, text, &engine.extract(text))
            .expect("article");
    }
    String::from_utf8(page.finish().expect("foot")).expect("UTF-8 page")
}

/// Checks that every tag of a fixed set is closed, in order; returns what is wrong.
fn tag_balance(html: &str) -> Result<(), String> {
    const CHECKED: [&str; 13] = [
        "html", "head", "body", "section", "p", "span", "mark", "div", "table", "tr", "td",
        "aside", "main",
    ];
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let end = rest[at..].find('>').ok_or_else(|| {
            format!(
                "unterminated tag at …{}",
                &rest[at..at + 20.min(rest.len() - at)]
            )
        })?;
        let tag = &rest[at + 1..at + end];
        rest = &rest[at + end + 1..];
        let (closing, tag) = match tag.strip_prefix('/') {
            Some(t) => (true, t),
            None => (false, tag),
        };
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !CHECKED.contains(&name.as_str()) {
            continue;
        }
        if closing {
            match open.pop() {
                Some(top) if top == name => {}
                Some(top) => return Err(format!("</{name}> closes <{top}>")),
                None => return Err(format!("</{name}> closes nothing")),
            }
        } else {
            open.push(name);
        }
    }
    if open.is_empty() {
        Ok(())
    } else {
        Err(format!("never closed: {open:?}"))
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The article texts of a page, tags stripped and entities decoded: what a reader sees.
fn shown_texts(html: &str) -> Vec<String> {
    html.split("<div class=\"text\" lang=\"de\">\n")
        .skip(1)
        .map(|part| {
            let body = &part[..part.find("\n</div>\n<aside").expect("text ends")];
            let mut plain = String::new();
            let mut in_tag = false;
            for c in body.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => plain.push(c),
                    _ => {}
                }
            }
            unescape(&plain)
        })
        .collect()
}

#[test]
fn all_text_is_escaped() {
    let text = format!("„{HOSTILE}“, sagte Renner.\n{HOSTILE}");
    let doc = Engine::new().extract(&text);
    assert!(
        doc.claims.iter().any(|c| c.quote.text.contains("<script>")),
        "the hostile text is inside a claim"
    );
    let mut page = HtmlPage::new(Vec::new(), HOSTILE).unwrap();
    page.article(HOSTILE, &text, &doc).unwrap();
    page.error(HOSTILE, &format!("broken: {HOSTILE}")).unwrap();
    let html = String::from_utf8(page.finish().unwrap()).unwrap();
    assert!(!html.to_lowercase().contains("<script"), "{html}");
    let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;a&#39;";
    // title, page header, article heading, quote, second line, error heading and message
    assert!(html.matches(escaped).count() >= 6, "{html}");
    assert_eq!(shown_texts(&html), [text]);
    tag_balance(&html).unwrap();
}

#[test]
fn the_page_is_self_contained() {
    let html = page(&[("article.txt", &article_text())]).to_lowercase();
    for banned in [
        "http://", "https://", "<link", "src=", "@import", "url(", "<script",
    ] {
        assert!(!html.contains(banned), "the page contains `{banned}`");
    }
}

#[test]
fn tags_are_balanced() {
    let html = page(&[
        ("article.txt", &article_text()),
        ("empty", ""),
        ("ws", "\n\n \n"),
    ]);
    tag_balance(&html).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.ends_with("</html>\n"));
    // the checker itself catches what it is for
    assert!(tag_balance("<p><span></p></span>").is_err());
    assert!(tag_balance("<div><p></p>").is_err());
    assert!(tag_balance("<div><br><p></p></div>").is_ok());
}

#[test]
fn nested_claims_show_every_character_once() {
    let text = "Grünen-Fraktionschefin Lena Brandt sagte, der Entwurf sei „handwerklich schlecht“ \
                und müsse überarbeitet werden.";
    let doc = Engine::new().extract(text);
    assert!(
        doc.claims.iter().any(|c| c.nested),
        "a quote inside an indirect claim"
    );
    let html = page(&[("nested", text)]);
    assert!(html.contains(" nest"), "the inner quote is framed");
    assert_eq!(shown_texts(&html), [text]);
    tag_balance(&html).unwrap();
}

#[test]
fn paragraphs_and_line_breaks_are_kept() {
    let text = "\nErste Zeile,\r\nzweite Zeile.\n\n\n„Wir kommen“, sagte Feld.\nEnde.\n";
    let html = page(&[("lines", text)]);
    assert_eq!(shown_texts(&html), [text]);
    let body = &html[html.find("<div class=\"text\" lang=\"de\">").unwrap()..];
    assert_eq!(body.matches("<p>").count(), 2);
    assert_eq!(body.matches("<br>").count(), 2);
}

#[test]
fn every_fixture_renders_exactly_and_balanced() {
    // hundreds of real claim layouts: interposed frames, nested quotes, multi-paragraph quotes
    let mut files = Vec::new();
    let mut dirs = vec![root().join("tests/fixtures")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    assert!(files.len() >= 300);
    let texts: Vec<String> = files
        .iter()
        .map(|p| {
            let src = std::fs::read_to_string(p).unwrap();
            src.lines()
                .skip_while(|l| l.starts_with("#> "))
                .map(|l| format!("{l}\n"))
                .collect()
        })
        .collect();
    let records: Vec<(&str, &str)> = files
        .iter()
        .zip(&texts)
        .map(|(p, t)| (p.file_name().unwrap().to_str().unwrap(), t.as_str()))
        .collect();
    let html = page(&records);
    tag_balance(&html).unwrap();
    let shown = shown_texts(&html);
    assert_eq!(shown.len(), texts.len());
    for ((p, want), got) in files.iter().zip(&texts).zip(&shown) {
        assert_eq!(got, want, "{}", p.display());
    }
}

#[test]
fn a_two_claim_article_reads_as_before() {
    let text = "„Wir kommen“, sagte Innenminister Markus Feld. Laut Polizei kam niemand.";
    let doc = Engine::new().extract(text);
    assert_eq!(doc.claims.len(), 2);
    let mut html = String::new();
    zitat::html_article(&mut html, "two-claims", text, &doc).unwrap();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("html_two_claims", html));
}

fn zitat(args: &[&str], stdin: &[u8]) -> (String, i32) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_zitat"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stdout).expect("UTF-8 page"),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn cli_writes_one_page() {
    let (html, code) = zitat(&["--format", "html", "examples/article.txt"], b"");
    assert_eq!(code, 0);
    for name in [
        "Karin Hollweg",
        "Tobias Renner",
        "Markus Feld",
        "Landesregierung",
    ] {
        assert!(html.contains(name), "{name} is on the page");
    }
    assert_eq!(html.matches("<!DOCTYPE html>").count(), 1);
    assert!(html.ends_with("</html>\n"));
    tag_balance(&html).unwrap();
    assert_eq!(shown_texts(&html), [article_text()]);
}

#[test]
fn cli_page_keeps_input_order_and_shows_errors() {
    let input = format!(
        "{{\"id\": \"eins\", \"text\": \"„Wir kommen“, sagte Feld.\"}}\n{HOSTILE}\n\
         {{\"id\": \"drei\", \"text\": \"Laut Polizei kam niemand.\"}}\n"
    );
    let (html, code) = zitat(
        &["--jsonl", "--format", "html", "-j", "2"],
        input.as_bytes(),
    );
    assert_eq!(code, 1, "a failed record sets exit code 1");
    let (eins, error, drei) = (
        html.find("<h2>eins</h2>").expect("first record"),
        html.find("class=\"error\"").expect("error box"),
        html.find("<h2>drei</h2>").expect("third record"),
    );
    assert!(eins < error && error < drei);
    assert!(html.contains("malformed JSON"));
    assert!(!html.contains("<script"));
    assert!(html.ends_with("</html>\n"));
    tag_balance(&html).unwrap();
}

/// Chromium, if installed.
fn chromium() -> Option<PathBuf> {
    let names = ["chromium", "chromium-browser"];
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .flat_map(|dir| names.map(|n| dir.join(n)))
        .chain([PathBuf::from("/usr/bin/chromium")])
        .find(|p| p.is_file())
}

/// Screenshots `page` at 1280×1600 with headless Chromium; returns the PNG's bytes.
fn screenshot(chromium: &Path, dir: &Path, name: &str, page: &str) -> Vec<u8> {
    let html = dir.join(format!("{name}.html"));
    let png = dir.join(format!("{name}.png"));
    std::fs::write(&html, page).unwrap();
    let _ = std::fs::remove_file(&png);
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1280,1600",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(&html)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium took more than two minutes for {}", html.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::read(&png).unwrap_or_else(|e| panic!("no screenshot {}: {e}", png.display()))
}

#[test]
fn screenshot_in_chromium() {
    let Some(chromium) = chromium() else {
        eprintln!("screenshot_in_chromium: skipped, no chromium on PATH");
        return;
    };
    // inside target/, overwritten by the next run: the page and its PNG stay there to look at
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-screenshot");
    std::fs::create_dir_all(&dir).unwrap();
    let png = screenshot(
        &chromium,
        &dir,
        "article",
        &page(&[("examples/article.txt", &article_text())]),
    );
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    // a blank 1280×1600 page compresses to about 9 KB; the article page is over 200 KB
    let blank = screenshot(
        &chromium,
        &dir,
        "blank",
        "<!DOCTYPE html><html><body></body></html>",
    );
    assert!(
        png.len() > 20_000 && png.len() > 2 * blank.len(),
        "the screenshot ({} bytes; blank page {} bytes) looks empty",
        png.len(),
        blank.len()
    );
    let _ = std::fs::remove_dir_all(dir.join("profile"));
    eprintln!(
        "screenshot_in_chromium: {}",
        dir.join("article.png").display()
    );
}

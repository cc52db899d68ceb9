//! Shared by the print tests: fixtures, poppler's tools, and text normalisation.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use accord_print::model::{Clause, ClauseKind, Document, Span};

pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> Document {
    let path = crate_dir()
        .join("tests/fixtures")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The Traditional sample stretched to `n` clauses: its body clauses repeated, renumbered,
/// then its language clause, signatures and mediator's statement.
pub fn long(n: usize) -> Document {
    let mut doc = fixture("agreement-hant");
    let (body, tail): (Vec<Clause>, Vec<Clause>) = doc
        .clauses
        .drain(..)
        .partition(|c| c.kind == ClauseKind::Plain);
    let mut clauses = Vec::new();
    for i in 0..n.saturating_sub(tail.len()) {
        let mut c = body[i % body.len()].clone();
        c.number = format!("{}", i + 1);
        c.depth = 1;
        clauses.push(c);
    }
    clauses.extend(tail);
    doc.clauses = clauses;
    doc
}

pub fn plain_clause(number: &str, en: &str, zh: &str) -> Clause {
    Clause {
        number: number.into(),
        depth: 1,
        kind: ClauseKind::Plain,
        heading_en: vec![],
        heading_zh: vec![],
        text_en: vec![Span::plain(en)],
        text_zh: vec![Span::plain(zh)],
        change: None,
    }
}

/// Runs one of poppler's tools; a missing tool fails the test, it never skips it.
pub fn tool(name: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run {name} ({e}): install poppler-utils (scripts/setup.sh lists it)")
    });
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A PDF written to a fresh temporary directory (kept until the guard drops).
pub struct Written {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn write_pdf(bytes: &[u8]) -> Written {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agreement.pdf");
    std::fs::write(&path, bytes).unwrap();
    Written { dir, path }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `pdftotext` of the whole file or one page, reading order (no `-layout`).
pub fn text(pdf: &Path, page: Option<usize>) -> String {
    let page = page.map(|p| p.to_string());
    let mut args = vec!["-enc", "UTF-8"];
    if let Some(p) = &page {
        args.extend(["-f", p, "-l", p]);
    }
    args.extend([s(pdf), "-"]);
    String::from_utf8(tool("pdftotext", &args)).unwrap()
}

pub fn pages(pdf: &Path) -> usize {
    let info = String::from_utf8(tool("pdfinfo", &[s(pdf)])).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .expect("pdfinfo prints Pages:")
        .trim()
        .parse()
        .unwrap()
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Extracted text as a reader compares it: whitespace next to a CJK character dropped
/// (typst's CJK–Latin spacing and Chinese line ends show up as spaces and newlines),
/// every other run of whitespace one space.
pub fn normalise(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let start = i;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let before = start.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i).copied();
            let cjk = before.is_some_and(is_cjk) || after.is_some_and(is_cjk);
            if !cjk && before.is_some() && after.is_some() {
                out.push(' ');
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// A span list's text as it reads, normalised; signing-line underscores dropped (they
/// are drawn, not written).
pub fn spans_text(spans: &[Span]) -> String {
    let joined: String = spans.iter().map(|s| s.text.as_str()).collect();
    normalise(&joined.replace('_', " "))
}

//! Agreements benchmark: the checks before final over a 60-clause bilingual agreement, and
//! the redline between two 60-clause versions, against a naive baseline in the same run.
//!
//! Run with `cargo bench --bench agreements`. Prints machine facts, then one Markdown table.
//!
//! The agreement is stored in a real SQLCipher vault, as the app has it: 60 clauses (ten
//! with a sub-clause), each with an English and a Traditional Chinese text of about 300
//! characters holding amounts, dates and percentages, every tenth referring to another.
//! Version 2 edits twelve clauses' figures, moves three, adds two and removes one.
//!
//! - **check**: `agreements::checks::check`, the whole of `accord draft check`: outline,
//!   termbase scan, figures of both texts, placeholders and the required clauses.
//! - **diff**: `agreements::redline::compare` between the two versions (both loaded and
//!   parsed from the vault, clauses matched by id, both languages tokenised and diffed).
//! - **baseline**: what note revisions did before `bilingual`: the two versions' texts
//!   joined, English diffed by word and Chinese by character with `similar`, nothing
//!   matched by clause. It finds less (no moves, no figures whole); the ratio is the point.
//!
//! - **render**: version 2 as the print-ready PDF (`agreements::print`, typst), side by
//!   side. Once cold (the process's first render: fonts parsed, nothing cached), then the
//!   median of renders each with a changed title (typst memoises unchanged input, so an
//!   identical document would measure its cache).
//! - **LibreOffice**: the same version's Word file (`agreements::docx`) converted to PDF by
//!   `soffice --headless --convert-to pdf`, the tool a mediator would otherwise use: the
//!   median of 3 runs after one warm-up (a fresh profile's first start is slower still).
//!
//! Targets (issue 10): check and diff ≤ 20 ms each; render ≤ 200 ms and ≥ 10× faster than
//! LibreOffice.

mod common;

use std::error::Error as StdError;
use std::time::{Duration, Instant};

use accord::agreements::clauses::{self, ClauseKind, ClauseText, Place};
use accord::agreements::text_render::Layout;
use accord::agreements::{self, checks, docx, print, redline, versions, NewAgreement};
use accord::cases::{self, CaseKind, NewCase};
use accord::notes::ChineseScript;
use accord::parties::{self, NewParty, PartyKind, PartyRole};
use accord::vault::{self, InitOptions, KdfParams, VaultDir, MIN_MEMORY_KIB};
use chrono::Utc;
use secrecy::SecretString;
use similar::TextDiff;

use common::{fmt_duration, load_average, progress, read_proc};

type BenchResult<T> = std::result::Result<T, Box<dyn StdError>>;

const CLAUSES: usize = 60;
const RUNS: usize = 30;
const TARGET: Duration = Duration::from_millis(20);

fn words(i: usize, amount: u64, day: u32) -> ClauseText {
    let en = format!(
        "The Respondent shall pay the Claimant USD {amount} on or before {day} March 2027, \
         with interest at {rate}% per annum from that date until payment in full. Each \
         payment shall be made by bank transfer to the account the Claimant names in writing, \
         and the Respondent shall give notice of each payment within 5 days of making it. \
         Clause {i} of the schedule applies to any payment made late.",
        amount = group(amount),
        rate = 3 + i % 5,
    );
    let zh = format!(
        "答辯人須於2027年3月{day}日或之前向申索人支付{amount}美元，並自該日起按年息百分之{rate}計息，直至全數付清為止。\
         每筆款項須以銀行轉帳方式存入申索人以書面指定的帳戶，答辯人須於付款後5日內就每筆付款發出通知。\
         逾期付款適用附表第{i}段。",
        amount = group(amount),
        rate = 3 + i % 5,
    );
    ClauseText {
        heading_en: format!("Payment {i}"),
        heading_zh: format!("付款{i}"),
        text_en: en,
        text_zh: zh,
        missing_reason: None,
        kind: None,
    }
}

/// `1250000` → `1,250,000`.
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The median of `RUNS` timings of `f`.
fn median(f: impl FnMut()) -> Duration {
    median_of(RUNS, f)
}

fn median_of(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() -> BenchResult<()> {
    let scratch = tempfile::Builder::new()
        .prefix("accord-agreements-bench-")
        .tempdir()?;
    println!(
        "Machine: {} cores, load {}; {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average(),
        read_proc("/proc/cpuinfo")
            .lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split(':').nth(1))
            .unwrap_or("")
            .trim()
    );
    let dir = VaultDir::new(scratch.path().join("vault"));
    progress("init vault");
    let mut vault = vault::init(
        &dir,
        InitOptions {
            passphrase: SecretString::from("benchmark passphrase, not a secret"),
            mediator: "Mediator Chan Tai Man".into(),
            kdf: KdfParams {
                memory_kib: MIN_MEMORY_KIB,
                iterations: 1,
                parallelism: 1,
            },
            use_keyring: false,
        },
        Utc::now(),
    )?
    .vault;

    progress("60 clauses, version 1");
    let agreement = vault.change(Utc::now(), |tx| {
        let case = cases::create(
            tx,
            NewCase {
                kind: Some(CaseKind::Commercial),
                title_en: Some("Crane supply dispute".into()),
                lead_mediator: "Mediator Chan Tai Man".into(),
                ..Default::default()
            },
        )?;
        for (name, role) in [
            ("Harbour Cranes Ltd", PartyRole::Requesting),
            ("Kowloon Port Co", PartyRole::Responding),
        ] {
            parties::create(
                tx,
                &case,
                NewParty {
                    kind: Some(PartyKind::Company),
                    role: Some(role),
                    name_en: Some(name.into()),
                    ..Default::default()
                },
            )?;
        }
        let agreement = agreements::create(
            tx,
            case.id,
            NewAgreement {
                title_en: Some("Settlement Agreement".into()),
                title_zh: Some("和解協議".into()),
                zh_script: Some(ChineseScript::Traditional),
                ..Default::default()
            },
        )?;
        let mut previous = None;
        for i in 1..=CLAUSES {
            let mut text = words(i, 1_000_000 + i as u64 * 12_500, 1 + (i % 28) as u32);
            if i % 10 == 0 {
                text.text_en.push_str(" This is subject to {{1}}.");
                text.text_zh.push_str("本段受{{1}}規限。");
            }
            if i == CLAUSES {
                text.kind = Some(ClauseKind::Language);
            }
            let place = match (i % 6 == 0, previous) {
                (true, Some(parent)) => Place::Under(parent),
                _ => Place::End,
            };
            let clause = clauses::add(tx, agreement.id, text, place)?;
            if i % 6 != 0 {
                previous = Some(clause.id);
            }
        }
        versions::save(tx, agreement.id, "First draft")?;
        Ok(agreement)
    })?;

    progress("version 2: 12 edits, 3 moves, 2 added, 1 removed");
    vault.change(Utc::now(), |tx| {
        let outline = clauses::outline(tx, agreement.id)?;
        let top: Vec<_> = outline.iter().filter(|c| c.depth == 1).collect();
        for (n, c) in top.iter().enumerate().filter(|(n, _)| n % 4 == 1).take(12) {
            clauses::edit(tx, c.clause.id, words(n, 2_000_000 + n as u64, 30))?;
        }
        for c in top.iter().skip(20).take(3) {
            clauses::move_to(tx, c.clause.id, Place::End)?;
        }
        for i in 0..2 {
            clauses::add(tx, agreement.id, words(100 + i, 500_000, 15), Place::End)?;
        }
        let last_leaf = outline
            .iter()
            .rev()
            .find(|c| c.depth == 2)
            .expect("a sub-clause");
        clauses::remove(tx, last_leaf.clause.id)?;
        versions::save(tx, agreement.id, "Revised")
    })?;

    let conn = vault.read();
    progress("measure");
    let problems = checks::check(conn, agreement.id)?;
    let check = median(|| {
        checks::check(conn, agreement.id).expect("checks run");
    });
    let red = redline::compare(conn, agreement.id, 1, Some(2))?;
    let diff = median(|| {
        redline::compare(conn, agreement.id, 1, Some(2)).expect("redline");
    });
    let (_, old) = versions::load(conn, agreement.id, 1)?;
    let (_, new) = versions::load(conn, agreement.id, 2)?;
    let join = |f: &versions::Frozen, en: bool| -> String {
        f.clauses
            .iter()
            .map(|c| {
                if en {
                    c.text_en.clone()
                } else {
                    c.text_zh.clone()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (old_en, new_en) = (join(&old, true), join(&new, true));
    let (old_zh, new_zh) = (join(&old, false), join(&new, false));
    let baseline = median(|| {
        let en = TextDiff::from_words(old_en.as_str(), new_en.as_str())
            .iter_all_changes()
            .count();
        let zh = TextDiff::from_chars(old_zh.as_str(), new_zh.as_str())
            .iter_all_changes()
            .count();
        assert!(en + zh > 0);
    });

    progress("render to PDF, and LibreOffice on the Word file");
    let today = Utc::now().date_naive();
    let doc = print::document_of(conn, agreement.id, Some(2), Layout::SideBySide, today)?;
    let started = Instant::now();
    let first_pdf = print::pdf(&doc)?;
    let render_cold = started.elapsed();
    let mut n = 0;
    let render = median_of(10, || {
        n += 1;
        let mut changed = doc.clone();
        changed.title_en = format!("Settlement Agreement ({n})");
        print::pdf(&changed).expect("renders");
    });
    let (listed, frozen) = versions::frozen(conn, agreement.id, Some(2))?;
    let word = docx::agreement(&agreements::text_render::Rendering {
        frozen: &frozen,
        version: listed.as_ref(),
        layout: Layout::SideBySide,
    })?;
    let office = libreoffice(scratch.path(), &word)?;

    let moved = red
        .clauses
        .iter()
        .filter(|c| c.change == redline::ClauseChangeKind::Moved)
        .count();
    let verdict = |d: Duration| if d <= TARGET { "yes" } else { "NO" };
    println!();
    println!("| step (60 clauses, both languages) | median of {RUNS} | target ≤ 20 ms | against the baseline |");
    println!("|---|---:|:---:|---:|");
    println!(
        "| check (`draft check`; {} failures found) | {} | {} | |",
        problems.len(),
        fmt_duration(check),
        verdict(check)
    );
    println!(
        "| diff v1 → v2 (`draft diff`; {} clauses, {moved} moved) | {} | {} | {:.1}× |",
        red.clauses.len(),
        fmt_duration(diff),
        verdict(diff),
        diff.as_secs_f64() / baseline.as_secs_f64()
    );
    println!(
        "| baseline: joined texts, `similar` words / chars | {} | | 1.0× |",
        fmt_duration(baseline)
    );
    println!();
    println!(
        "| render (60 clauses, {} KB PDF) | time | target | against LibreOffice |",
        first_pdf.len() / 1024
    );
    println!("|---|---:|:---:|---:|");
    let faster = |d: Duration| office.as_secs_f64() / d.as_secs_f64();
    let render_verdict = |d: Duration| {
        if d <= Duration::from_millis(200) && faster(d) >= 10.0 {
            "yes"
        } else {
            "NO"
        }
    };
    println!(
        "| PDF, cold (first in the process, fonts parsed) | {} | {} | {:.0}× faster |",
        fmt_duration(render_cold),
        render_verdict(render_cold),
        faster(render_cold)
    );
    println!(
        "| PDF, one word of the title changed, median of 10 | {} | {} | {:.0}× faster |",
        fmt_duration(render),
        render_verdict(render),
        faster(render)
    );
    println!(
        "| LibreOffice: the Word file to PDF, median of 3 | {} | | 1× |",
        fmt_duration(office)
    );
    Ok(())
}

/// The median time of `soffice --headless --convert-to pdf` on `word`, after a warm-up.
fn libreoffice(dir: &std::path::Path, word: &[u8]) -> BenchResult<Duration> {
    let file = dir.join("agreement.docx");
    std::fs::write(&file, word)?;
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    );
    let run = || -> BenchResult<Duration> {
        let started = Instant::now();
        let status = std::process::Command::new("soffice")
            .args([
                profile.as_str(),
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
            ])
            .arg(dir)
            .arg(&file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .map_err(|e| format!("soffice (libreoffice-writer-nogui, scripts/setup.sh): {e}"))?;
        if !status.success() || !dir.join("agreement.pdf").exists() {
            return Err("soffice did not convert the Word file".into());
        }
        Ok(started.elapsed())
    };
    run()?;
    let mut times = (0..3).map(|_| run()).collect::<BenchResult<Vec<_>>>()?;
    times.sort();
    Ok(times[1])
}

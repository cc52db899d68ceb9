//! Store benchmark: how fast the encrypted vault unlocks, writes and lists, and what
//! SQLCipher costs over plain SQLite doing the very same work.
//!
//! Run with `cargo bench --bench store`. Prints machine facts, then one Markdown table.
//!
//! Every workload goes through the real core functions (`cases::create`,
//! `sessions::create`, `cases::list`, `sessions::list`), so audit events, validation and
//! reloads are part of what is measured, as they are for a mediator. The baseline runs
//! the same functions on a plain (unkeyed) SQLite database with the same schema and the
//! same pragmas, in the same process, right after the SQLCipher run: on a shared, noisy
//! machine the ratio between the two columns means more than either number alone.
//!
//! No benchmark framework: `Instant` and medians keep the run short and the dependency
//! list unchanged.
//!
//! `cargo bench --bench store -- --memory-security` instead compares SQLCipher's
//! `cipher_memory_security` off and on (see [`memory_security`]) and prints the ratio.

mod common;

use std::error::Error as StdError;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use accord::audit::Stamp;
use accord::cases::{self, Case, CaseFilter, CaseKind, NewCase};
use accord::sessions::{self, NewSession, SessionFilter, SessionKind};
use accord::store::{self, Tx};
use accord::vault::{self, Access, InitOptions, KdfParams, MasterKey, Vault, VaultDir};
use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use secrecy::SecretString;

use common::{fmt_duration, load_average, progress, read_proc};
type BenchResult<T> = std::result::Result<T, Box<dyn StdError>>;

const CASES: usize = 10_000;
const SESSIONS: usize = 100_000;
const BATCH: usize = 1_000;
const UNLOCK_RUNS: usize = 5;
const OPEN_RUNS: usize = 15;
const CASE_LIST_RUNS: usize = 11;
const SESSION_LIST_RUNS: usize = 101;
/// One transaction per case stops early past this, so the whole run stays near five
/// minutes even on a slow disk; the count actually reached is printed in the table.
const ONE_PER_TX_CAP: Duration = Duration::from_secs(120);
/// Every this many cases has "Mekong" in its title, for the filtered list.
const RARE_TITLE_EVERY: usize = 2_000;

const PASSPHRASE: &str = "benchmark passphrase, not a secret";
const MEDIATOR: &str = "Mediator Chan Tai Man";
const ZONES: [&str; 4] = [
    "Asia/Hong_Kong",
    "Europe/London",
    "America/New_York",
    "Asia/Singapore",
];

fn main() -> BenchResult<()> {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == memory_security::CHILD) {
        return memory_security::child(args.get(i + 1).map(String::as_str) == Some("on"));
    }
    if args.iter().any(|a| a == "--memory-security") {
        return memory_security::compare();
    }
    let started = Instant::now();
    let scratch = tempfile::Builder::new().prefix("accord-bench-").tempdir()?;
    print_machine(scratch.path());
    let mut table = Table::default();
    let mut notes = Vec::new();

    // 1. Unlocking: the deliberate Argon2id cost a mediator pays at every start.
    let vault_dir = VaultDir::new(scratch.path().join("vault"));
    let key = bench_unlock(&vault_dir, &mut table)?;

    // The per-case run gets fresh databases of its own, so both insert modes start from
    // an empty table (creating a case scans earlier references, so size matters).
    let mut cipher_single = Db::Cipher(new_vault(&scratch.path().join("vault-single"))?);
    let mut plain_single = Db::Plain(open_plain(&scratch.path().join("plain-single.db"))?);
    let mut cipher = Db::Cipher(Vault::open(&vault_dir, key.clone(), Access::Write)?);
    let plain_path = scratch.path().join("plain.db");
    let mut plain = Db::Plain(open_plain(&plain_path)?);
    // Reads that miss SQLite's page cache cost SQLCipher a decryption and an HMAC check
    // per page, so the cache size explains most of the list ratios below.
    let cache_size: i64 = cipher
        .conn()
        .query_row("PRAGMA cache_size", [], |row| row.get(0))?;
    notes.push(format!(
        "Page cache of the store's connection: `PRAGMA cache_size = {cache_size}` \
         (negative: KiB; SQLite's default is -2000). Pages read outside it are decrypted \
         again by SQLCipher on every read."
    ));

    // 2. Inserting cases.
    progress("cases, one transaction each (SQLCipher)");
    let (n, cipher_time) =
        insert_cases_one_per_tx(&mut cipher_single, CASES, Some(ONE_PER_TX_CAP))?;
    progress("cases, one transaction each (plain)");
    let (_, plain_time) = insert_cases_one_per_tx(&mut plain_single, n, None)?;
    let label = if n < CASES {
        format!("insert cases, 1 per transaction (stopped at {ONE_PER_TX_CAP:?})")
    } else {
        "insert cases, 1 per transaction (as the CLI)".to_string()
    };
    table.rate(&label, n, "cases/s", cipher_time, plain_time);
    drop((cipher_single, plain_single));

    progress("cases, batched (SQLCipher)");
    let cipher_batched = insert_cases_batched(&mut cipher, CASES)?;
    progress("cases, batched (plain)");
    let plain_batched = insert_cases_batched(&mut plain, CASES)?;
    table.rate(
        &format!("insert cases, {} per transaction", fmt_count(BATCH as f64)),
        CASES,
        "cases/s",
        cipher_batched.total,
        plain_batched.total,
    );
    notes.push(format!(
        "Batched case inserts, first vs last batch of {}: SQLCipher {} → {}, plain {} → {} \
         (it grows in both columns: each new case scans the references of earlier ones).",
        fmt_count(BATCH as f64),
        fmt_duration(cipher_batched.first_batch),
        fmt_duration(cipher_batched.last_batch),
        fmt_duration(plain_batched.first_batch),
        fmt_duration(plain_batched.last_batch),
    ));

    // 3. Listing cases.
    progress("list cases");
    bench_list_cases(&cipher, &plain, &mut table)?;

    // 4. Sessions: inserted in batches, then the agenda and one case's sessions.
    progress("sessions, batched (SQLCipher)");
    let cipher_time = insert_sessions(&mut cipher, &cipher_batched.cases, SESSIONS)?;
    progress("sessions, batched (plain)");
    let plain_time = insert_sessions(&mut plain, &plain_batched.cases, SESSIONS)?;
    table.rate(
        &format!(
            "insert sessions, {} per transaction",
            fmt_count(BATCH as f64)
        ),
        SESSIONS,
        "sessions/s",
        cipher_time,
        plain_time,
    );
    progress("list sessions");
    bench_list_sessions(
        (&cipher, &cipher_batched.cases),
        (&plain, &plain_batched.cases),
        &mut table,
    )?;

    // 5. Opening with the raw key, on the now full vault (as a mediator's would be).
    drop((cipher, plain));
    progress("open");
    bench_open(&vault_dir, &key, &plain_path, &mut table)?;

    // The baseline must really be plaintext and the vault really not, or the ratios lie.
    check_file_is_plain(&plain_path, true)?;
    check_file_is_plain(&vault_dir.db_path(), false)?;

    table.print();
    println!();
    println!(
        "ratio = SQLCipher time ÷ plain SQLite time for the same work (1.20× means SQLCipher \
         took 20% longer); for throughput rows that is plain rate ÷ SQLCipher rate."
    );
    for note in &notes {
        println!("{note}");
    }
    println!(
        "Load average at the end: {}. Total wall time: {:.1} s.",
        load_average(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The two databases under test

/// A database the workloads run against: the real vault, or the plain baseline.
enum Db {
    Cipher(Vault),
    Plain(Connection),
}

impl Db {
    fn conn(&self) -> &Connection {
        match self {
            Db::Cipher(vault) => vault.read(),
            Db::Plain(conn) => conn,
        }
    }

    /// One immediate transaction, committed if `f` succeeds: `Store::write` for the
    /// vault, and the same steps by hand for the baseline.
    fn write<T>(
        &mut self,
        stamp: Stamp,
        f: impl FnOnce(&Tx<'_>) -> accord::Result<T>,
    ) -> accord::Result<T> {
        match self {
            Db::Cipher(vault) => vault.change(stamp.at, f),
            Db::Plain(conn) => store::write_plain_for_benchmarks(conn, &stamp, f),
        }
    }
}

/// A new vault with the default Argon2id parameters and no keyring.
fn new_vault(root: &Path) -> BenchResult<Vault> {
    let options = InitOptions {
        passphrase: SecretString::from(PASSPHRASE),
        mediator: MEDIATOR.into(),
        kdf: KdfParams::default(),
        use_keyring: false,
    };
    Ok(vault::init(&VaultDir::new(root), options, Utc::now())?.vault)
}

/// Opens (creating if needed) an unkeyed database configured exactly like the store:
/// same pragmas as `store::configure`, same schema.
fn open_plain(path: &Path) -> BenchResult<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    assert!(mode.eq_ignore_ascii_case("wal"), "journal mode {mode}");
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -65536;",
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    // The same migrations the core runs; `Store::open` (rightly) refuses to run without a key.
    accord::schema::migrate(&mut conn)?;
    Ok(conn)
}

/// SQLite writes "SQLite format 3\0" at the start of a plaintext file; SQLCipher's first
/// bytes are a random salt.
fn check_file_is_plain(path: &Path, expect_plain: bool) -> BenchResult<()> {
    use std::io::Read;
    let mut magic = [0u8; 16];
    std::fs::File::open(path)?.read_exact(&mut magic)?;
    let plain = &magic == b"SQLite format 3\0";
    if plain != expect_plain {
        return Err(format!(
            "{} plaintext = {plain}, expected {expect_plain}",
            path.display()
        )
        .into());
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Workloads

/// Deterministic change times, so both databases get identical rows (local references
/// and audit stamps included).
fn stamp(base: DateTime<Utc>, seconds: usize) -> Stamp {
    Stamp {
        at: base + chrono::Duration::seconds(seconds as i64),
        actor: MEDIATOR.into(),
    }
}

fn cases_epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()
}

/// The i-th case: kinds rotate, half are bilingual, half carry an official number, and a
/// few mention the Mekong so a text filter has something rare to find.
fn new_case(i: usize) -> NewCase {
    let kind = [
        CaseKind::StateToState,
        CaseKind::InvestorState,
        CaseKind::Commercial,
    ][i % 3];
    let subject = if i.is_multiple_of(RARE_TITLE_EVERY) {
        "Mekong water allocation"
    } else {
        ["Maritime boundary", "Port concession", "Supply contract"][i % 3]
    };
    NewCase {
        kind: Some(kind),
        panel: None,
        confidentiality: None,
        title_en: Some(format!("{subject} dispute no. {i}")),
        title_zh: i.is_multiple_of(2).then(|| format!("第{i}号争议")),
        official_no: (i % 2 == 1).then(|| format!("IOMed/2026/{i:05}")),
        lead_mediator: MEDIATOR.into(),
        co_mediators: Vec::new(),
    }
}

/// One transaction per case, as `accord case add` commits each change durably on its
/// own. Stops at `cap` if given; returns how many were inserted and how long it took.
fn insert_cases_one_per_tx(
    db: &mut Db,
    n: usize,
    cap: Option<Duration>,
) -> BenchResult<(usize, Duration)> {
    let base = cases_epoch();
    let start = Instant::now();
    let mut done = 0;
    while done < n {
        let i = done;
        db.write(stamp(base, i), |tx| cases::create(tx, new_case(i)))?;
        done += 1;
        if cap.is_some_and(|cap| start.elapsed() > cap) {
            break;
        }
    }
    Ok((done, start.elapsed()))
}

struct BatchedInsert {
    total: Duration,
    first_batch: Duration,
    last_batch: Duration,
    /// The cases created, which the session workload hangs its sessions on.
    cases: Vec<Case>,
}

fn insert_cases_batched(db: &mut Db, n: usize) -> BenchResult<BatchedInsert> {
    let base = cases_epoch();
    let mut cases = Vec::with_capacity(n);
    let mut batches = Vec::new();
    let start = Instant::now();
    for first in (0..n).step_by(BATCH) {
        let batch_start = Instant::now();
        let created = db.write(stamp(base, first), |tx| {
            (first..(first + BATCH).min(n))
                .map(|i| cases::create(tx, new_case(i)))
                .collect::<accord::Result<Vec<_>>>()
        })?;
        batches.push(batch_start.elapsed());
        cases.extend(created);
    }
    Ok(BatchedInsert {
        total: start.elapsed(),
        first_batch: batches[0],
        last_batch: *batches.last().expect("at least one batch"),
        cases,
    })
}

/// Sessions are laid out every 17 minutes from February 2026, two hours each.
fn sessions_epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 2, 2, 1, 0, 0).unwrap()
}

fn session_start(i: usize) -> DateTime<Utc> {
    sessions_epoch() + chrono::Duration::minutes(17 * i as i64)
}

/// Joint sessions spread round-robin over the cases (ten each), in batches. Joint needs
/// no caucus party; attendees default to the case's mediator.
fn insert_sessions(db: &mut Db, cases: &[Case], n: usize) -> BenchResult<Duration> {
    let base = Utc.with_ymd_and_hms(2026, 1, 20, 9, 0, 0).unwrap();
    let start = Instant::now();
    for first in (0..n).step_by(BATCH) {
        db.write(stamp(base, first), |tx| {
            for i in first..(first + BATCH).min(n) {
                let begins = session_start(i);
                let new = NewSession {
                    kind: SessionKind::Joint,
                    caucus_party: None,
                    time_zone: ZONES[i % ZONES.len()].into(),
                    venue: Some(format!("Hearing room {}", i % 7 + 1)),
                    scheduled_start: begins,
                    scheduled_end: begins + chrono::Duration::hours(2),
                    attendees: Vec::new(),
                };
                sessions::create(tx, &cases[i % cases.len()], new)?;
            }
            Ok(())
        })?;
    }
    Ok(start.elapsed())
}

// ---------------------------------------------------------------------------------------
// Benchmarks that are not plain inserts

/// Times `unlock_with_passphrase` on a new vault; returns the key for what follows.
fn bench_unlock(dir: &VaultDir, table: &mut Table) -> BenchResult<MasterKey> {
    progress("init vault");
    drop(new_vault(dir.root())?); // closing it releases the single-writer lock
    let kdf = KdfParams::default();
    let passphrase = SecretString::from(PASSPHRASE);
    let mut key = None;
    let mut times = Vec::with_capacity(UNLOCK_RUNS);
    for run in 0..UNLOCK_RUNS {
        progress(&format!("unlock {}/{UNLOCK_RUNS}", run + 1));
        let start = Instant::now();
        let unlocked = vault::unlock_with_passphrase(dir, &passphrase)?;
        times.push(start.elapsed());
        key = Some(unlocked);
    }
    let stats = Stats::of(times);
    table.push(Row {
        what: format!(
            "unlock with passphrase: Argon2id {} MiB, {} iterations, parallelism {} (min / median / max)",
            kdf.memory_kib / 1024,
            kdf.iterations,
            kdf.parallelism
        ),
        count: format!("{UNLOCK_RUNS} runs"),
        cipher: format!(
            "{} / **{}** / {}",
            fmt_duration(stats.min),
            fmt_duration(stats.median),
            fmt_duration(stats.max)
        ),
        plain: "n/a".into(),
        ratio: "n/a".into(),
    });
    Ok(key.expect("UNLOCK_RUNS > 0"))
}

/// `Vault::open` with the raw key (header, lock, keying, pragmas, migration check), and
/// for the baseline the same connection setup without a key.
fn bench_open(
    dir: &VaultDir,
    key: &MasterKey,
    plain_path: &Path,
    table: &mut Table,
) -> BenchResult<()> {
    let mut cipher = Vec::with_capacity(OPEN_RUNS);
    let mut plain = Vec::with_capacity(OPEN_RUNS);
    for _ in 0..OPEN_RUNS {
        let start = Instant::now();
        let vault = Vault::open(dir, key.clone(), Access::Write)?;
        cipher.push(start.elapsed());
        drop(vault);

        let start = Instant::now();
        let conn = open_plain(plain_path)?;
        let _: Option<String> = conn
            .query_row(
                "SELECT value FROM settings WHERE key = 'vault_id'",
                [],
                |row| row.get(0),
            )
            .optional()?;
        plain.push(start.elapsed());
        drop(conn);
    }
    table.median(
        "open with raw key: `Vault::open` (plain: same pragmas and schema check, no header or lock)",
        format!("{OPEN_RUNS} runs"),
        Stats::of(cipher),
        Stats::of(plain),
    );
    Ok(())
}

fn bench_list_cases(cipher: &Db, plain: &Db, table: &mut Table) -> BenchResult<()> {
    let all = CaseFilter::default();
    let rare = CaseFilter {
        text: Some("mekong".into()),
        ..Default::default()
    };
    let expected_rare = CASES.div_ceil(RARE_TITLE_EVERY);
    let time = |db: &Db, filter: &CaseFilter, expected: usize| -> BenchResult<Stats> {
        repeat(CASE_LIST_RUNS, || {
            let found = cases::list(db.conn(), filter)?;
            assert_eq!(found.len(), expected);
            Ok(())
        })
    };
    table.median(
        "list cases, default filter (all, newest first)",
        format!(
            "{} rows, median of {CASE_LIST_RUNS}",
            fmt_count(CASES as f64)
        ),
        time(cipher, &all, CASES)?,
        time(plain, &all, CASES)?,
    );
    table.median(
        "list cases, text filter \"mekong\" (titles, refs, party names)",
        format!(
            "{expected_rare} of {} rows, median of {CASE_LIST_RUNS}",
            fmt_count(CASES as f64)
        ),
        time(cipher, &rare, expected_rare)?,
        time(plain, &rare, expected_rare)?,
    );
    Ok(())
}

fn bench_list_sessions(
    cipher: (&Db, &[Case]),
    plain: (&Db, &[Case]),
    table: &mut Table,
) -> BenchResult<()> {
    const AGENDA: usize = 50;
    // From the middle of the schedule, so the index has to seek, not just read the start.
    let agenda = SessionFilter {
        from: Some(session_start(SESSIONS / 2)),
        limit: Some(AGENDA),
        ..Default::default()
    };
    let time = |db: &Db, filter: &SessionFilter, expected: usize| -> BenchResult<Stats> {
        repeat(SESSION_LIST_RUNS, || {
            let found = sessions::list(db.conn(), filter)?;
            assert_eq!(found.len(), expected);
            Ok(())
        })
    };
    table.median(
        &format!("agenda: list sessions from an instant, limit {AGENDA}"),
        format!(
            "{AGENDA} of {}, median of {SESSION_LIST_RUNS}",
            fmt_count(SESSIONS as f64)
        ),
        time(cipher.0, &agenda, AGENDA)?,
        time(plain.0, &agenda, AGENDA)?,
    );
    // The agenda as a mediator sees it: "now" is near the end of the vault's history.
    let upcoming = 200;
    let near_end = SessionFilter {
        from: Some(session_start(SESSIONS - upcoming)),
        limit: Some(AGENDA),
        ..Default::default()
    };
    table.median(
        &format!(
            "agenda near the end of history ({upcoming} sessions not yet over), limit {AGENDA}"
        ),
        format!(
            "{AGENDA} of {}, median of {SESSION_LIST_RUNS}",
            fmt_count(SESSIONS as f64)
        ),
        time(cipher.0, &near_end, AGENDA)?,
        time(plain.0, &near_end, AGENDA)?,
    );
    // The same position in both databases, so the same ten sessions' worth of work.
    let which = cipher.1.len() / 3;
    let per_case = SESSIONS / CASES;
    let of_case = |case: &Case| SessionFilter {
        case_id: Some(case.id),
        ..Default::default()
    };
    table.median(
        "one case's sessions (filter by case)",
        format!(
            "{per_case} of {}, median of {SESSION_LIST_RUNS}",
            fmt_count(SESSIONS as f64)
        ),
        time(cipher.0, &of_case(&cipher.1[which]), per_case)?,
        time(plain.0, &of_case(&plain.1[which]), per_case)?,
    );
    Ok(())
}

/// Runs `f` `runs` times after one untimed warm-up (which fills SQLite's page cache, as
/// any earlier command in a session would).
fn repeat(runs: usize, mut f: impl FnMut() -> BenchResult<()>) -> BenchResult<Stats> {
    f()?;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        f()?;
        times.push(start.elapsed());
    }
    Ok(Stats::of(times))
}

// ---------------------------------------------------------------------------------------
// Statistics and the table

struct Stats {
    min: Duration,
    median: Duration,
    max: Duration,
}

impl Stats {
    fn of(mut times: Vec<Duration>) -> Stats {
        assert!(!times.is_empty());
        times.sort();
        Stats {
            min: times[0],
            median: times[times.len() / 2],
            max: times[times.len() - 1],
        }
    }
}

struct Row {
    what: String,
    count: String,
    cipher: String,
    plain: String,
    ratio: String,
}

#[derive(Default)]
struct Table {
    rows: Vec<Row>,
}

impl Table {
    fn push(&mut self, row: Row) {
        self.rows.push(row);
    }

    /// A row of repeated timings: the median, with the minimum beside it.
    fn median(&mut self, what: &str, count: String, cipher: Stats, plain: Stats) {
        let cell = |s: &Stats| {
            format!(
                "**{}** (min {})",
                fmt_duration(s.median),
                fmt_duration(s.min)
            )
        };
        self.push(Row {
            what: what.into(),
            count,
            cipher: cell(&cipher),
            plain: cell(&plain),
            ratio: fmt_ratio(cipher.median, plain.median),
        });
    }

    /// A row of one timed bulk operation, shown as a rate with its total time.
    fn rate(&mut self, what: &str, n: usize, unit: &str, cipher: Duration, plain: Duration) {
        let cell = |d: Duration| {
            format!(
                "**{} {unit}** ({})",
                fmt_count(n as f64 / d.as_secs_f64()),
                fmt_duration(d)
            )
        };
        self.push(Row {
            what: what.into(),
            count: fmt_count(n as f64),
            cipher: cell(cipher),
            plain: cell(plain),
            ratio: fmt_ratio(cipher, plain),
        });
    }

    fn print(&self) {
        println!("| measurement | count | SQLCipher | plain SQLite | ratio |");
        println!("|---|---:|---:|---:|---:|");
        for r in &self.rows {
            println!(
                "| {} | {} | {} | {} | {} |",
                r.what, r.count, r.cipher, r.plain, r.ratio
            );
        }
    }
}

fn fmt_ratio(cipher: Duration, plain: Duration) -> String {
    format!("{:.2}×", cipher.as_secs_f64() / plain.as_secs_f64())
}

/// Whole number with thousands separators: 12345.6 → "12,346".
fn fmt_count(x: f64) -> String {
    let digits = format!("{x:.0}");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Machine facts, so a reader can tell what kind of box produced the numbers

fn print_machine(scratch: &Path) {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = read_proc("/proc/cpuinfo")
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let memory = read_proc("/proc/meminfo")
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:").map(|v| v.trim().to_string()))
        .unwrap_or_else(|| "unknown".into());
    let (sqlcipher, sqlite) = Connection::open_in_memory()
        .and_then(|c| {
            c.query_row("PRAGMA cipher_version", [], |row| row.get::<_, String>(0))
                .map(|v| (v, rusqlite::version().to_string()))
        })
        .unwrap_or_else(|_| ("?".into(), rusqlite::version().to_string()));
    println!("# Accord store benchmark");
    println!();
    println!("- date: {}", Utc::now().format("%Y-%m-%d %H:%M UTC"));
    println!("- nproc: {cpus} ({cpu}), memory {memory}");
    println!(
        "- kernel: {}, load average at start: {}",
        read_proc("/proc/sys/kernel/osrelease").trim(),
        load_average()
    );
    let build = if cfg!(debug_assertions) {
        "dev profile"
    } else {
        "release build"
    };
    println!("- SQLCipher {sqlcipher} (SQLite {sqlite}), {build}");
    println!(
        "- databases in {} (filesystem: {}); WAL, synchronous=FULL, foreign_keys=ON, secure_delete=ON",
        scratch.display(),
        filesystem_of(scratch)
    );
    println!(
        "- **Shared, noisy machine** (other builds may run at the same time): read the \
         ratio column rather than absolute numbers, and expect ±20% run to run."
    );
    println!();
}

/// The type of the filesystem holding `path` (longest matching mount point), because
/// fsync cost, and so one-transaction-per-case, depends on it (tmpfs would flatter it).
fn filesystem_of(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| PathBuf::from(path));
    read_proc("/proc/mounts")
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let mount = fields.nth(1)?;
            let kind = fields.next()?;
            path.starts_with(mount)
                .then(|| (mount.len(), kind.to_string()))
        })
        .max()
        .map_or_else(|| "unknown".into(), |(_, kind)| kind)
}

// ---------------------------------------------------------------------------------------
// cipher_memory_security, off and on

/// What `PRAGMA cipher_memory_security = ON` costs: with it, SQLCipher wipes and
/// `mlock`s every allocation SQLite makes, not only its own key material.
///
/// The setting is process-wide and cannot be turned off once on, so each mode runs in a
/// fresh child process (this same binary), twice, alternating, on a workload of its own:
/// a new vault, batched case and session inserts, single-case commits as the CLI makes
/// them, the two lists, and re-opening. The parent prints medians and the on ÷ off ratio.
mod memory_security {
    use super::*;

    pub const CHILD: &str = "--memory-security-child";
    const ROUNDS: usize = 2;
    const CASES: usize = 1_000;
    const SESSIONS: usize = 10_000;
    const SINGLE: usize = 200;
    const RUNS: usize = 11;

    pub fn compare() -> BenchResult<()> {
        let scratch = tempfile::Builder::new().prefix("accord-bench-").tempdir()?;
        print_machine(scratch.path());
        let exe = std::env::current_exe()?;
        let mut results: [Vec<Vec<(String, f64)>>; 2] = [Vec::new(), Vec::new()];
        let mut locked = [String::new(), String::new()];
        for round in 0..ROUNDS {
            for (i, mode) in ["off", "on"].into_iter().enumerate() {
                progress(&format!(
                    "memory security {mode}, round {}/{ROUNDS}",
                    round + 1
                ));
                let out = std::process::Command::new(&exe)
                    .args([CHILD, mode])
                    .stderr(std::process::Stdio::inherit())
                    .output()?;
                if !out.status.success() {
                    return Err(format!("child ({mode}) failed: {}", out.status).into());
                }
                let text = String::from_utf8(out.stdout)?;
                let mut rows = Vec::new();
                for line in text.lines() {
                    let mut fields = line.split('\t');
                    match (fields.next(), fields.next()) {
                        (Some("locked"), Some(v)) => locked[i] = v.to_string(),
                        (Some(what), Some(secs)) => rows.push((what.to_string(), secs.parse()?)),
                        _ => {}
                    }
                }
                results[i].push(rows);
            }
        }
        println!("`cipher_memory_security`: best of {ROUNDS} fresh processes per mode");
        println!();
        println!("| workload | off | on | on ÷ off |");
        println!("|---|---:|---:|---:|");
        let best = |runs: &[Vec<(String, f64)>], row: usize| {
            runs.iter().map(|r| r[row].1).fold(f64::INFINITY, f64::min)
        };
        for (row, (what, _)) in results[0][0].iter().enumerate() {
            let off = best(&results[0], row);
            let on = best(&results[1], row);
            println!(
                "| {what} | {} | {} | **{:.2}×** |",
                fmt_duration(Duration::from_secs_f64(off)),
                fmt_duration(Duration::from_secs_f64(on)),
                on / off
            );
        }
        println!();
        println!(
            "Locked memory with the vault open after the lists (VmLck), off: {}; on: {}. Limit \
             (RLIMIT_MEMLOCK): {}; past it SQLCipher's mlock fails silently and the \
             memory is only wiped on free.",
            locked[0],
            locked[1],
            memlock_limit()
        );
        println!("Load average at the end: {}.", load_average());
        Ok(())
    }

    fn memlock_limit() -> String {
        read_proc("/proc/self/limits")
            .lines()
            .find(|l| l.starts_with("Max locked memory"))
            .map(|l| {
                l.split_whitespace()
                    .skip(3)
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_else(|| "unknown".into())
    }

    fn report(what: &str, time: Duration) {
        println!("{what}\t{}", time.as_secs_f64());
    }

    pub fn child(on: bool) -> BenchResult<()> {
        if on {
            // Any connection sets it for the process; it must come before the vault's.
            let conn = Connection::open_in_memory()?;
            conn.execute_batch("PRAGMA cipher_memory_security = ON")?;
        }
        let scratch = tempfile::Builder::new().prefix("accord-bench-").tempdir()?;
        let dir = VaultDir::new(scratch.path().join("vault"));
        let options = InitOptions {
            passphrase: SecretString::from(PASSPHRASE),
            mediator: MEDIATOR.into(),
            // Unlocking is not what is compared: the cheapest allowed derivation.
            kdf: KdfParams {
                memory_kib: vault::MIN_MEMORY_KIB,
                iterations: 1,
                parallelism: 1,
            },
            use_keyring: false,
        };
        let made = vault::init(&dir, options, Utc::now())?;
        let mut db = Db::Cipher(made.vault);
        let state: String = db
            .conn()
            .query_row("PRAGMA cipher_memory_security", [], |row| row.get(0))?;
        if (state == "1") != on {
            return Err(format!("cipher_memory_security is {state}, wanted {on}").into());
        }

        let batched = insert_cases_batched(&mut db, CASES)?;
        report(
            &format!(
                "insert {} cases, {} per transaction",
                fmt_count(CASES as f64),
                fmt_count(BATCH as f64)
            ),
            batched.total,
        );
        let time = insert_sessions(&mut db, &batched.cases, SESSIONS)?;
        report(
            &format!(
                "insert {} sessions, {} per transaction",
                fmt_count(SESSIONS as f64),
                fmt_count(BATCH as f64)
            ),
            time,
        );
        let start = Instant::now();
        let base = cases_epoch() + chrono::Duration::days(400);
        for i in 0..SINGLE {
            db.write(stamp(base, i), |tx| cases::create(tx, new_case(CASES + i)))?;
        }
        report(
            &format!("insert {SINGLE} cases, 1 per transaction"),
            start.elapsed(),
        );
        let all = CaseFilter::default();
        let listed = repeat(RUNS, || {
            assert_eq!(cases::list(db.conn(), &all)?.len(), CASES + SINGLE);
            Ok(())
        })?;
        report(
            &format!(
                "list {} cases (median of {RUNS})",
                fmt_count((CASES + SINGLE) as f64)
            ),
            listed.median,
        );
        let agenda = SessionFilter {
            from: Some(session_start(SESSIONS / 2)),
            limit: Some(50),
            ..Default::default()
        };
        let listed = repeat(RUNS, || {
            assert_eq!(sessions::list(db.conn(), &agenda)?.len(), 50);
            Ok(())
        })?;
        report(
            &format!("agenda, 50 sessions (median of {RUNS})"),
            listed.median,
        );
        // While the vault is open with its page cache full: what mlock could hold.
        let locked = read_proc("/proc/self/status")
            .lines()
            .find_map(|l| l.strip_prefix("VmLck:").map(|v| v.trim().to_string()))
            .unwrap_or_else(|| "unknown".into());
        drop(db);
        let key = vault::unlock_with_passphrase(&dir, &SecretString::from(PASSPHRASE))?;
        let mut opens = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let start = Instant::now();
            let vault = Vault::open(&dir, key.clone(), Access::Write)?;
            opens.push(start.elapsed());
            drop(vault);
        }
        report(
            &format!("open the vault (median of {RUNS})"),
            Stats::of(opens).median,
        );
        println!("locked\t{locked}");
        Ok(())
    }
}

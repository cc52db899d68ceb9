//! The termbase through the command line: the seed, editing, CSV in and out (and every
//! hostile file refused without a trace), the bilingual check, and the audit chain.

use std::io::Write;
use std::process::{Command, Stdio};

use accord::notes::{ChineseScript, Side};
use serde_json::Value;

use crate::util::{raw_connection, run_ok, TestVault};

const HEADER: &str = "en,zh_hans,zh_hant,domain,note\n";

/// The termbase as CSV, for before/after comparisons.
fn export(vault: &TestVault) -> String {
    let out = vault.cmd(&["term", "export"]).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// `cmd` with `input` on stdin.
fn with_stdin(mut cmd: Command, input: &[u8]) -> Command {
    let path = std::env::temp_dir().join(format!("accord-stdin-{}", accord::ids::NoteId::new()));
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(input))
        .expect("stdin file");
    cmd.stdin(Stdio::from(std::fs::File::open(&path).expect("reopen")));
    let _ = std::fs::remove_file(&path);
    cmd
}

fn terms(vault: &TestVault, args: &[&str]) -> Vec<Value> {
    vault.ok(args).as_array().expect("array").clone()
}

#[test]
fn a_new_vault_holds_the_seed() {
    let vault = TestVault::init();
    let all = terms(&vault, &["term", "list"]);
    assert!(all.len() >= 150, "seed has {} entries", all.len());
    assert!(all.iter().all(|t| t["origin"] == "seed"));
    let found = terms(&vault, &["term", "list", "--text", "和解協議"]);
    let agreement = found
        .iter()
        .find(|t| t["en"] == "settlement agreement")
        .expect("the known triple");
    assert_eq!(agreement["zh_hans"], "和解协议");
    assert_eq!(agreement["zh_hant"], "和解協議");
    let seed = include_str!("../../assets/termbase/seed.csv");
    let exported = export(&vault);
    let corrections = accord::termbase::corrections::corrections();
    assert_eq!(
        exported.lines().count(),
        seed.lines().count() + corrections.additions.len(),
        "the seed, corrected by schema 6, with its additions"
    );
    assert!(
        exported.starts_with(seed.lines().next().unwrap())
            && exported.contains("facilitative mediation,促进式调解,促進式調解,process,"),
        "an untouched termbase exports as the corrected seed"
    );
    assert!(all
        .iter()
        .any(|t| t["en"] == "mediated settlement agreement" && t["zh_hant"] == "經調解的和解協議"));
    let verified = vault.ok(&["audit", "verify"]);
    assert_eq!(
        verified["first_break"],
        Value::Null,
        "unedited seed rows need no event; corrected ones have theirs"
    );
}

#[test]
fn add_edit_remove_are_audited_and_verify_stays_clean() {
    let vault = TestVault::init();
    let before = vault.audit_len();
    let added = vault.ok(&[
        "term",
        "add",
        "--en",
        "retention sum",
        "--zh-hans",
        "保留金额",
        "--zh-hant",
        "保留金額",
        "--domain",
        "settlement",
    ]);
    assert_eq!(added["origin"], "mediator");
    let id = added["id"].as_str().unwrap().to_string();
    let short = &id[id.len() - 8..];
    let edited = vault.ok(&[
        "term",
        "edit",
        short,
        "--zh-hant",
        "",
        "--note",
        "withheld until completion",
    ]);
    assert_eq!(edited["zh_hant"], Value::Null, "an empty value clears");
    assert_eq!(edited["zh_hans"], "保留金额");
    // Editing a seed entry: it keeps its origin and gains an event.
    let seed = vault.ok(&[
        "term",
        "edit",
        "Settlement Agreement",
        "--note",
        "Singapore Convention",
    ]);
    assert_eq!(seed["origin"], "seed");
    let (code, _) = vault.err(&[
        "term",
        "add",
        "--en",
        "SETTLEMENT agreement",
        "--zh-hans",
        "和解",
    ]);
    assert_eq!(code, "input.invalid", "English is unique, ignoring case");
    let (code, _) = vault.err(&["term", "add", "--en", "lonely"]);
    assert_eq!(code, "input.required", "a Chinese form is required");
    vault.ok(&["term", "remove", "retention sum"]);
    vault.ok(&["term", "remove", "caucus"]);
    let (code, _) = vault.err(&["term", "remove", "retention sum"]);
    assert_eq!(code, "input.not_found");

    let log = vault.ok(&["audit", "log"]);
    let actions: Vec<&str> = log.as_array().unwrap()[before..]
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "term.create",
            "term.update",
            "term.update",
            "term.delete",
            "term.delete"
        ]
    );
    let verified = vault.ok(&["audit", "verify"]);
    assert_eq!(verified["first_break"], Value::Null, "{verified}");
}

#[test]
fn audit_verify_catches_seed_entries_changed_behind_accords_back() {
    for (sql, reason) in [
        (
            "UPDATE terms SET zh_hant = '和解書' WHERE en = 'settlement agreement'",
            "differs from the seed",
        ),
        (
            "DELETE FROM terms WHERE en = 'caucus'",
            "deleted without an audit event",
        ),
        (
            "INSERT INTO terms (id, en, zh_hans, origin, created_at, updated_at)
             VALUES ('01a22499-f800-7403-860c-000000000000', 'planted', '种', 'seed', 'x', 'x')",
            "written without an audit event",
        ),
    ] {
        let vault = TestVault::init();
        raw_connection(&vault).execute(sql, []).unwrap();
        let (code, message) = vault.err(&["audit", "verify"]);
        assert_eq!(code, "audit.broken", "{sql}");
        assert!(message.contains(reason), "{sql}: {message}");
    }
}

#[test]
fn csv_export_then_import_round_trips() {
    let vault = TestVault::init();
    vault.ok(&[
        "term",
        "add",
        "--en",
        "=HYPERLINK(\"x\")",
        "--zh-hans",
        "公式",
        "--note",
        "a, \"quoted\" note",
    ]);
    let file = vault.file("terms.csv");
    let path = file.to_str().unwrap();
    let written = vault.ok(&["term", "export", path]);
    // The seed's 347, the 7 schema 6 added, and this one.
    assert_eq!(written["terms"], 355);
    let csv = std::fs::read_to_string(&file).unwrap();
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"x\"\")\",公式,,,\"a, \"\"quoted\"\" note\"\n"),
        "formula guarded and quotes doubled: {}",
        csv.lines().last().unwrap()
    );
    let (code, message) = vault.err(&["term", "export", path]);
    assert_eq!(code, "input.invalid");
    assert!(message.contains("--force"), "{message}");
    vault.ok(&["term", "export", path, "--force"]);

    // Into a vault whose termbase differs: changes come back, nothing else moves.
    let other = TestVault::init();
    other.ok(&["term", "edit", "mediation", "--zh-hant", "調停"]);
    let report = other.ok(&["term", "import", path]);
    assert_eq!(report["added"], 1);
    assert_eq!(report["updated"], 1);
    assert_eq!(report["unchanged"], 353);
    assert_eq!(
        export(&other),
        csv,
        "import(export) gives the same termbase"
    );
    let again = run_ok(with_stdin(
        other.cmd(&["term", "import", "-"]),
        csv.as_bytes(),
    ));
    assert_eq!(again["unchanged"], 355, "a second import changes nothing");
    assert_eq!(other.ok(&["audit", "verify"])["first_break"], Value::Null);
}

#[test]
fn every_hostile_csv_is_refused_and_changes_nothing() {
    let vault = TestVault::init();
    let before = export(&vault);
    let events = vault.audit_len();
    let good = "mitigation,减轻,減輕,,\n";
    let huge_file = format!("{HEADER}{}", good.repeat(5 * 1024 * 1024 / good.len()));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("wrong header", b"english,chinese\nx,y\n".to_vec(), "line 1"),
        (
            "header only in Chinese",
            "英文,简体,繁体,领域,说明\n".as_bytes().to_vec(),
            "line 1",
        ),
        (
            "a byte-order mark inside the file",
            format!("{HEADER}{good}\u{feff}en,zh_hans,zh_hant,domain,note\n").into_bytes(),
            "line 3",
        ),
        (
            "bad quoting",
            format!("{HEADER}{good}\"ab\"c,和,和,,\n").into_bytes(),
            "line 3",
        ),
        (
            "unclosed quote",
            format!("{HEADER}\"ab,和,和,,\n{good}").into_bytes(),
            "line 2",
        ),
        (
            "stray quote",
            format!("{HEADER}a\"b,和,和,,\n").into_bytes(),
            "line 2",
        ),
        (
            "control character",
            format!("{HEADER}{good}bell\u{7},和,和,,\n").into_bytes(),
            "line 3",
        ),
        (
            "escape sequence",
            format!("{HEADER}x\u{1b}[31m,和,和,,\n").into_bytes(),
            "line 2",
        ),
        (
            "NUL",
            format!("{HEADER}x\0y,和,和,,\n").into_bytes(),
            "line 2",
        ),
        (
            "huge field",
            format!("{HEADER}{good}big,{},和,,\n", "和".repeat(100_000)).into_bytes(),
            "line 3",
        ),
        ("huge file", huge_file.into_bytes(), "larger than 4 MiB"),
        (
            "duplicate rows",
            format!("{HEADER}{good}{good}").into_bytes(),
            "line 3",
        ),
        (
            "duplicate ignoring case",
            format!("{HEADER}{good}MITIGATION,减轻,減輕,,\n").into_bytes(),
            "line 3",
        ),
        (
            "formula injection",
            format!("{HEADER}{good}=cmd|' /C calc'!A0,和,和,,\n").into_bytes(),
            "line 3",
        ),
        (
            "formula in a note",
            format!("{HEADER}x,和,和,,@SUM(A1)\n").into_bytes(),
            "line 2",
        ),
        (
            "too few fields",
            format!("{HEADER}{good}x,和\n").into_bytes(),
            "line 3",
        ),
        (
            "too many fields",
            format!("{HEADER}x,和,和,,,extra\n").into_bytes(),
            "line 2",
        ),
        (
            "no Chinese",
            format!("{HEADER}{good}x,,,,\n").into_bytes(),
            "line 3",
        ),
        (
            "not UTF-8",
            [HEADER.as_bytes(), b"caf\xe9,x,y,,\n"].concat(),
            "line 2",
        ),
        (
            "bare carriage return",
            format!("{HEADER}a\rb,和,和,,\n").into_bytes(),
            "line 2",
        ),
        ("empty file", Vec::new(), "line 1"),
    ];
    for (name, bytes, where_) in cases {
        let (code, message) =
            crate::util::run_err(with_stdin(vault.cmd(&["term", "import", "-"]), &bytes));
        assert_eq!(code, "input.invalid", "{name}: {message}");
        assert!(message.contains(where_), "{name}: {message}");
        assert_eq!(export(&vault), before, "{name} changed the termbase");
        assert_eq!(
            vault.audit_len(),
            events,
            "{name} appended to the audit log"
        );
    }
    // What spreadsheets write is not hostile: a leading byte-order mark and CRLF.
    let excel = format!(
        "\u{feff}{}",
        format!("{HEADER}{good}").replace('\n', "\r\n")
    );
    let report = run_ok(with_stdin(
        vault.cmd(&["term", "import", "-"]),
        excel.as_bytes(),
    ));
    assert_eq!(report["added"], 1);
}

#[test]
fn check_finds_the_gap_and_passes_when_both_sides_agree() {
    let vault = TestVault::init();
    let en = vault.file("en.txt");
    std::fs::create_dir_all(en.parent().unwrap()).unwrap();
    std::fs::write(&en, "The parties' settlement agreement.").unwrap();
    let check = |zh: &str| {
        run_ok(with_stdin(
            vault.cmd(&[
                "term",
                "check",
                "--en-file",
                en.to_str().unwrap(),
                "--zh-file",
                "-",
            ]),
            zh.as_bytes(),
        ))
    };
    let gaps = check("当事人的协议。");
    let missing: Vec<&str> = gaps
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["found_in"] == "en" && g["missing_from"] == "zh")
        .map(|g| g["term"]["en"].as_str().unwrap())
        .collect();
    assert!(missing.contains(&"settlement agreement"), "{gaps}");
    assert_eq!(
        check("当事人的和解协议。"),
        Value::Array(vec![]),
        "Simplified agrees"
    );
    assert_eq!(
        check("當事人的和解協議。"),
        Value::Array(vec![]),
        "Traditional agrees"
    );
    assert_eq!(
        check(""),
        Value::Array(vec![]),
        "an empty side is not checked against"
    );
    let reverse = check("当事人的和解协议与保密协议。");
    let reverse = reverse.as_array().unwrap();
    assert_eq!(reverse.len(), 1, "{reverse:?}");
    assert_eq!(reverse[0]["term"]["en"], "confidentiality agreement");
    assert_eq!(reverse[0]["found_in"], "zh");
    assert_eq!(reverse[0]["missing_from"], "en");
    let (code, _) = vault.err(&["term", "check", "--en-file", "-", "--zh-file", "-"]);
    assert_eq!(code, "input.invalid", "stdin can feed one side only");
}

#[test]
fn match_offsets_count_utf16_units_after_astral_characters() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    accord::schema::migrate(&mut conn).unwrap();
    // 👋 and 𠀀 (a CJK Extension B character) each take two UTF-16 code units.
    let text = "👋𠀀 Draft settlement agreement";
    let found =
        accord::termbase::matches(&conn, text, Side::En, ChineseScript::Traditional).unwrap();
    let m = found
        .iter()
        .find(|m| m.term.en == "settlement agreement")
        .unwrap();
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&utf16[m.start as usize..m.end as usize]).unwrap(),
        "settlement agreement"
    );
    assert_eq!((m.start, m.end), (11, 31));
    assert_eq!(m.counterpart, "和解協議");
    let zh = "👋𠀀草拟和解协议";
    let found = accord::termbase::matches(&conn, zh, Side::Zh, ChineseScript::Simplified).unwrap();
    let m = found
        .iter()
        .find(|m| m.term.en == "settlement agreement")
        .unwrap();
    assert_eq!((m.start, m.end), (6, 10));
    assert_eq!(m.counterpart, "settlement agreement");
}

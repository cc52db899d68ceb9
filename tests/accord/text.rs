//! Single-line fields refuse the characters that reorder or hide text in a terminal or a
//! table (bidirectional overrides, isolates and marks), through the command line, with
//! `input.invisible_character`; multi-line note text keeps them.

use serde_json::Value;

use crate::util::TestVault;

/// An override (RLO), an isolate (RLI) and a mark (RLM): one of each kind.
const HOSTILE: [char; 3] = ['\u{202e}', '\u{2067}', '\u{200f}'];

/// Everything a refused command could have changed.
fn snapshot(vault: &TestVault, case: &str) -> (Value, Value, Value, usize) {
    (
        vault.ok(&["case", "list"]),
        vault.ok(&["case", "show", case]),
        vault.ok(&["term", "list"]),
        vault.audit_len(),
    )
}

#[test]
fn every_single_line_field_refuses_bidi_controls_and_changes_nothing() {
    let vault = TestVault::init();
    let demo = vault.ok(&["demo"]);
    let case = demo["case"]["local_ref"].as_str().unwrap().to_string();
    let party = demo["parties"][0]["id"].as_str().unwrap().to_string();
    let caucus = demo["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "caucus")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let note = vault.ok(&[
        "note",
        "add",
        "--case",
        &case,
        "--session",
        &caucus,
        "--en",
        "We can wait.",
        "--zh",
        "我们可以等。",
        "--translated",
        "zh",
    ])["id"]
        .as_str()
        .unwrap()
        .to_string();
    let before = snapshot(&vault, &case);

    for c in HOSTILE {
        let bad = format!("Acme {c}dtL");
        let bad = bad.as_str();
        let new_case = ["case", "new", "--kind", "commercial"];
        let titled = ["case", "new", "--kind", "commercial", "--title-en", "Fine"];
        let new_party = [
            "party", "add", "--case", &case, "--kind", "company", "--role", "other",
        ];
        let named_party = [
            "party",
            "add",
            "--case",
            &case,
            "--kind",
            "company",
            "--role",
            "other",
            "--name-en",
            "Fine",
        ];
        let new_session = [
            "session",
            "new",
            "--case",
            &case,
            "--kind",
            "joint",
            "--start",
            "2026-12-20 10:00",
            "--tz",
            "Asia/Hong_Kong",
        ];
        let attempts: Vec<(&str, Vec<&str>)> = vec![
            ("title", [&new_case[..], &["--title-en", bad]].concat()),
            ("title", [&new_case[..], &["--title-zh", bad]].concat()),
            (
                "official_no",
                [&titled[..], &["--official-no", bad]].concat(),
            ),
            ("mediator", [&titled[..], &["--co-mediator", bad]].concat()),
            ("title", vec!["case", "update", &case, "--title-en", bad]),
            ("title", vec!["case", "update", &case, "--title-zh", bad]),
            (
                "official_no",
                vec!["case", "update", &case, "--official-no", bad],
            ),
            (
                "mediator",
                vec!["case", "update", &case, "--add-co-mediator", bad],
            ),
            ("name", [&new_party[..], &["--name-en", bad]].concat()),
            ("name", [&new_party[..], &["--name-zh", bad]].concat()),
            (
                "representative",
                [&named_party[..], &["--rep", bad]].concat(),
            ),
            ("name", vec!["party", "update", &party, "--name-en", bad]),
            ("name", vec!["party", "update", &party, "--name-zh", bad]),
            (
                "representative",
                vec!["party", "update", &party, "--add-rep", bad],
            ),
            ("venue", [&new_session[..], &["--venue", bad]].concat()),
            (
                "attendee",
                [&new_session[..], &["--attendee", bad]].concat(),
            ),
            (
                "checked_by",
                vec!["note", "edit", &note, "--checked-by", bad],
            ),
            (
                "given_by",
                vec![
                    "note",
                    "disclose",
                    &note,
                    "--scope",
                    "all",
                    "--given-by",
                    bad,
                ],
            ),
            ("en", vec!["term", "add", "--en", bad, "--zh-hans", "和解"]),
            (
                "domain",
                vec![
                    "term",
                    "add",
                    "--en",
                    "fine",
                    "--zh-hans",
                    "和解",
                    "--domain",
                    bad,
                ],
            ),
        ];
        for (field, args) in attempts {
            let events = vault.audit_len();
            let (code, message) = vault.err(&args);
            assert_eq!(
                code, "input.invisible_character",
                "{field}: {args:?}: {message}"
            );
            assert!(
                message.contains(&format!("U+{:04X}", c as u32)),
                "the message names the character: {message}"
            );
            assert_eq!(
                vault.audit_len(),
                events,
                "{args:?} appended to the audit log"
            );
        }
    }
    assert_eq!(
        snapshot(&vault, &case),
        before,
        "a refused field changed something"
    );

    // A new vault's mediator name is a single line too; nothing is created.
    let fresh = TestVault::new();
    let cmd = fresh.cmd(&[
        "init",
        "--no-keyring",
        "--kdf-memory-mib",
        "64",
        "--kdf-iterations",
        "1",
        "--mediator",
        "Ms \u{202e}nahC",
    ]);
    let (code, _) = crate::util::run_err(cmd);
    assert_eq!(code, "input.invisible_character");
    assert!(!fresh.file("vault.json").exists(), "no vault was made");
}

/// Note sides are multi-line text shown as a block of its own, not in a table cell, and
/// a party's words may quote right-to-left text: they keep what was typed.
#[test]
fn note_text_and_a_summary_keep_bidi_characters_and_line_breaks() {
    let vault = TestVault::init();
    let demo = vault.ok(&["demo"]);
    let case = demo["case"]["local_ref"].as_str().unwrap().to_string();
    let text = "Quoted: \u{2067}مرحبا\u{2069}\nsecond line";
    let note = vault.ok(&["note", "add", "--case", &case, "--en", text]);
    assert_eq!(note["text_en"], text);
}

//! Notes through the command line: visibility from the session, revisions and restore,
//! caucus confidentiality under each regime, and input that must change nothing.

use std::io::Write;
use std::process::Stdio;

use serde_json::Value;

use crate::util::TestVault;

/// The sample case (ICSID regime: caucus words closed unless authorised).
struct Sample {
    vault: TestVault,
    case: String,
    investor: String,
    joint: String,
    investor_caucus: String,
    state_caucus: String,
}

fn sample() -> Sample {
    let vault = TestVault::init();
    let demo = vault.ok(&["demo"]);
    let s = |kind: &str, nth: usize| -> String {
        demo["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["kind"] == kind)
            .nth(nth)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    Sample {
        case: demo["case"]["local_ref"].as_str().unwrap().to_string(),
        investor: demo["parties"][0]["id"].as_str().unwrap().to_string(),
        joint: s("joint", 0),
        investor_caucus: s("caucus", 0),
        state_caucus: s("caucus", 1),
        vault,
    }
}

fn id(note: &Value) -> String {
    note["id"].as_str().unwrap().to_string()
}

/// A command that must fail with `code` and leave the note and the audit log as they were.
fn refused(vault: &TestVault, note: &str, args: &[&str], code: &str) {
    let before = vault.ok(&["note", "show", note]);
    let events = vault.audit_len();
    let (got, message) = vault.err(args);
    assert_eq!(got, code, "{args:?}: {message}");
    assert_eq!(
        vault.ok(&["note", "show", note]),
        before,
        "{args:?} changed the note"
    );
    assert_eq!(
        vault.audit_len(),
        events,
        "{args:?} appended to the audit log"
    );
}

#[test]
fn visibility_defaults_from_the_session_the_note_is_taken_in() {
    let s = sample();
    let v = &s.vault;
    let caucus = v.ok(&[
        "note",
        "add",
        "--case",
        &s.case,
        "--session",
        &s.investor_caucus,
        "--en",
        "We can wait until June.",
    ]);
    assert_eq!(caucus["visibility"], "caucus");
    assert_eq!(
        caucus["party_id"],
        s.investor.as_str(),
        "a caucus note belongs to the caucus's party"
    );
    assert_eq!(
        caucus["disclosure"]["scope"], "none",
        "under ICSID rules a caucus note is closed until the party authorises disclosure"
    );
    let joint = v.ok(&[
        "note",
        "add",
        "--case",
        &s.case,
        "--session",
        &s.joint,
        "--zh",
        "双方确认会议议程。",
    ]);
    assert_eq!(joint["visibility"], "shared");
    assert_eq!(joint["disclosure"], Value::Null);
    let own = v.ok(&[
        "note",
        "add",
        "--case",
        &s.case,
        "--en",
        "Possible zone of agreement: 40–55m.",
    ]);
    assert_eq!(
        own["visibility"], "private",
        "without a session a note is the mediator's own"
    );
    assert_eq!(v.ok(&["audit", "verify"])["first_break"], Value::Null);
}

#[test]
fn every_save_is_a_revision_that_can_be_shown_and_restored() {
    let s = sample();
    let v = &s.vault;
    let note = id(&v.ok(&[
        "note",
        "add",
        "--case",
        &s.case,
        "--en",
        "Payment in June.",
        "--zh",
        "六月付款。",
        "--script",
        "hans",
    ]));
    v.ok(&["note", "edit", &note, "--en", "Payment in July."]);
    let third = v.ok(&[
        "note",
        "edit",
        &note,
        "--zh",
        "七月付款。",
        "--tag",
        "proposal",
    ]);
    assert_eq!(third["revision"], 3);
    assert_eq!(third["tags"], serde_json::json!(["proposal"]));

    let history = v.ok(&["note", "history", &note]);
    let texts: Vec<(i64, &str, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["revision"].as_i64().unwrap(),
                r["text_en"].as_str().unwrap(),
                r["text_zh"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        texts,
        [
            (3, "Payment in July.", "七月付款。"),
            (2, "Payment in July.", "六月付款。"),
            (1, "Payment in June.", "六月付款。")
        ],
        "newest first, each revision whole"
    );
    assert_eq!(
        v.ok(&["note", "show", &note, "--revision", "1"])["text_en"],
        "Payment in June."
    );

    let diff = v.ok(&["note", "compare", &note, "1", "3"]);
    let changes = |side: &str| -> Vec<(String, String)> {
        diff[side]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["change"].as_str().unwrap().to_string(),
                    s["text"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let pair = |c: &str, t: &str| (c.to_string(), t.to_string());
    assert_eq!(
        changes("en"),
        [
            pair("same", "Payment in "),
            pair("removed", "June"),
            pair("added", "July"),
            pair("same", ".")
        ],
        "English compares word by word, the full stop its own token"
    );
    assert_eq!(
        changes("zh"),
        [
            pair("removed", "六"),
            pair("added", "七"),
            pair("same", "月付款。")
        ],
        "Chinese compares character by character"
    );

    let restored = v.ok(&["note", "restore", &note, "1"]);
    assert_eq!(
        restored["revision"], 4,
        "a restore is a new revision; nothing is overwritten"
    );
    assert_eq!(restored["text_en"], "Payment in June.");
    assert_eq!(restored["text_zh"], "六月付款。");
    assert_eq!(
        restored["tags"],
        serde_json::json!([]),
        "tags come back as they were too"
    );
    let history = v.ok(&["note", "history", &note]);
    assert_eq!(history[0]["restored_from"], 1);
    assert_eq!(history.as_array().unwrap().len(), 4);
    assert_eq!(v.ok(&["audit", "verify"])["first_break"], Value::Null);

    refused(
        v,
        &note,
        &["note", "restore", &note, "9"],
        "input.not_found",
    );
}

#[test]
fn a_caucus_note_becomes_shared_only_with_the_partys_authorisation() {
    let s = sample();
    let v = &s.vault;
    let note = id(&v.ok(&[
        "note",
        "add",
        "--case",
        &s.case,
        "--session",
        &s.investor_caucus,
        "--en",
        "Our board would accept 45m.",
    ]));
    refused(
        v,
        &note,
        &["note", "edit", &note, "--visibility", "shared"],
        "note.disclosure_not_authorised",
    );
    refused(
        v,
        &note,
        &[
            "note",
            "disclose",
            &note,
            "--scope",
            "summary",
            "--given-by",
            "Ms Chan",
        ],
        "input.required",
    );
    let summary = v.ok(&[
        "note",
        "disclose",
        &note,
        "--scope",
        "summary",
        "--given-by",
        "Ms Chan",
        "--summary-en",
        "Flexible on amount.",
    ]);
    assert_eq!(summary["scope"], "summary");
    refused(
        v,
        &note,
        &["note", "edit", &note, "--visibility", "shared"],
        "note.disclosure_not_authorised",
    );

    v.ok(&[
        "note",
        "disclose",
        &note,
        "--scope",
        "all",
        "--given-by",
        "Ms Chan",
        "--given-at",
        "2026-11-20 10:00",
    ]);
    let shown = v.ok(&["note", "show", &note]);
    assert_eq!(shown["disclosure"]["scope"], "all");
    let shared = v.ok(&["note", "edit", &note, "--visibility", "shared"]);
    assert_eq!(shared["visibility"], "shared");

    let log: Vec<Value> = v
        .ok(&["note", "disclosures", "--case", &s.case])
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["note_id"] == note.as_str()) // the sample case has one of its own
        .cloned()
        .collect();
    let scopes: Vec<&str> = log.iter().map(|d| d["scope"].as_str().unwrap()).collect();
    assert_eq!(
        scopes,
        ["summary", "all"],
        "the log keeps every authorisation in order"
    );
    assert_eq!(log[1]["given_by"], "Ms Chan");
    assert_eq!(
        log[1]["given_at"], "2026-11-20T02:00:00Z",
        "Hong Kong time, stored in UTC"
    );
    let actions: Vec<String> = v
        .ok(&["audit", "log"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        actions.iter().filter(|a| *a == "note.disclosure").count(),
        3,
        "each authorisation is its own audited event (two here, one in the sample)"
    );
    assert_eq!(v.ok(&["audit", "verify"])["first_break"], Value::Null);

    // Only caucus notes carry a party's word.
    refused(
        v,
        &note,
        &[
            "note",
            "disclose",
            &note,
            "--scope",
            "all",
            "--given-by",
            "X",
        ],
        "note.not_caucus",
    );
}

#[test]
fn under_uncitral_caucus_words_are_open_unless_the_party_asks_for_confidence() {
    let s = sample();
    let v = &s.vault;
    v.ok(&["case", "update", &s.case, "--confidentiality", "uncitral"]);
    let note = id(&v.ok(&[
        "note",
        "add",
        "--case",
        &s.case,
        "--session",
        &s.state_caucus,
        "--zh",
        "我方可考虑延长特许期。",
    ]));
    assert_eq!(v.ok(&["note", "show", &note])["disclosure"]["scope"], "all");
    v.ok(&[
        "note",
        "disclose",
        &note,
        "--scope",
        "none",
        "--given-by",
        "Minister Ortega",
    ]);
    refused(
        v,
        &note,
        &["note", "edit", &note, "--visibility", "shared"],
        "note.disclosure_not_authorised",
    );
}

#[test]
fn notes_filter_by_tag_party_and_visibility() {
    let s = sample();
    let v = &s.vault;
    v.ok(&[
        "note",
        "add",
        "--case",
        &s.case,
        "--session",
        &s.investor_caucus,
        "--en",
        "Offer: 40m over 3 years",
        "--tag",
        "proposal",
    ]);
    v.ok(&[
        "note",
        "add",
        "--case",
        &s.case,
        "--session",
        &s.investor_caucus,
        "--en",
        "Needs cash flow",
        "--tag",
        "interest",
    ]);
    v.ok(&[
        "note",
        "add",
        "--case",
        &s.case,
        "--session",
        &s.state_caucus,
        "--en",
        "Counter: 30m",
        "--tag",
        "proposal",
    ]);
    let theirs = v.ok(&[
        "note",
        "list",
        "--case",
        &s.case,
        "--tag",
        "proposal",
        "--party",
        &s.investor,
    ]);
    let texts: Vec<&str> = theirs
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text_en"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "Intake call with Margaret Lau: the investor could accept a *lower* cap if the concession is extended by five years.",
            "Offer: 40m over 3 years"
        ],
        "the investor's proposals (the sample's intake call and this one), nothing else"
    );
    assert_eq!(
        v.ok(&["note", "list", "--case", &s.case, "--visibility", "caucus"])
            .as_array()
            .unwrap()
            .len(),
        4,
        "three caucus notes here and the sample's intake call"
    );
    assert_eq!(
        v.ok(&["note", "list", "--case", &s.case, "--visibility", "shared"])
            .as_array()
            .unwrap()
            .len(),
        1,
        "only the sample's agenda"
    );
}

#[test]
fn text_comes_from_stdin_and_bad_text_changes_nothing() {
    let s = sample();
    let v = &s.vault;
    let mut cmd = v.cmd(&[
        "note",
        "add",
        "--case",
        &s.case,
        "--zh-file",
        "-",
        "--script",
        "hant",
    ]);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("- 第一點\n- 第二點\r\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let note: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        note["text_zh"], "- 第一點\n- 第二點\n",
        "kept as typed, line ends made \\n"
    );
    let note = id(&note);

    let huge = v.file("huge.md");
    std::fs::write(&huge, "調".repeat(100_001)).unwrap();
    refused(
        v,
        &note,
        &["note", "edit", &note, "--zh-file", huge.to_str().unwrap()],
        "input.too_long",
    );
    refused(
        v,
        &note,
        &["note", "edit", &note, "--en", "red \u{1b}[31m alert"],
        "input.invalid",
    );
    refused(
        v,
        &note,
        &["note", "edit", &note, "--tag", "gossip"],
        "input.invalid",
    );
    refused(
        v,
        &note,
        &["note", "edit", &note, "--checked-by", "Li Wei"],
        "input.invalid",
    );
    refused(
        v,
        &note,
        &["note", "edit", &note, "--visibility", "caucus"],
        "note.caucus_needs_party",
    );
    let (code, _) = v.err(&["note", "add", "--case", &s.case]);
    assert_eq!(code, "input.required", "a new note needs some text");
}

#[test]
fn term_check_reads_a_notes_two_sides() {
    let s = sample();
    let v = &s.vault;
    let note = id(&v.ok(&[
        "note",
        "add",
        "--case",
        &s.case,
        "--en",
        "We reviewed the settlement agreement.",
        "--zh",
        "我们审阅了协议。",
    ]));
    let gaps = v.ok(&["term", "check", "--note", &note]);
    assert!(
        gaps.as_array()
            .unwrap()
            .iter()
            .any(|g| g["term"]["en"] == "settlement agreement" && g["missing_from"] == "zh"),
        "{gaps}"
    );
    v.ok(&[
        "note",
        "edit",
        &note,
        "--zh",
        "我們審閱了和解協議。",
        "--script",
        "hant",
    ]);
    assert_eq!(
        v.ok(&["term", "check", "--note", &note]),
        Value::Array(vec![]),
        "the Traditional rendering satisfies the check"
    );
}

/// Every other way a confidence could reach the other side: each must be refused with
/// the same code and change nothing, and "as seen by" the other party never finds it.
#[test]
fn no_path_launders_a_partys_confidence() {
    let s = sample();
    let v = &s.vault;
    let demo = v.ok(&["case", "show", &s.case]);
    let other = demo["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] != s.investor.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let secret = "Our board would accept 45m.";
    let note = id(&v.ok(&[
        "note",
        "add",
        "--case",
        &s.case,
        "--session",
        &s.investor_caucus,
        "--en",
        secret,
    ]));
    let shown = v.ok(&["note", "show", &note]);
    assert_eq!(shown["confided_by"], s.investor.as_str());
    assert_eq!(shown["caucus_regime"], "icsid");
    let as_other = |v: &TestVault| {
        v.ok(&["search", "board", "--case", &s.case, "--as-party", &other])["hits"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["note_id"] == note.as_str())
            .count()
    };

    // The private detour: private is allowed (it narrows), shared from there is not.
    v.ok(&["note", "edit", &note, "--visibility", "private"]);
    refused(
        v,
        &note,
        &["note", "edit", &note, "--visibility", "shared"],
        "note.disclosure_not_authorised",
    );
    v.ok(&[
        "note",
        "edit",
        &note,
        "--visibility",
        "caucus",
        "--party",
        &s.investor,
    ]);
    // Another party's caucus note: "as seen by" that party would show it.
    refused(
        v,
        &note,
        &["note", "edit", &note, "--party", &other],
        "note.disclosure_not_authorised",
    );
    // A restore of a state that is shared: make a shared revision legitimately first
    // (an authorisation of all of it), then cut the text back under a new confidence.
    v.ok(&[
        "note",
        "disclose",
        &note,
        "--scope",
        "all",
        "--given-by",
        "Ms Chan",
    ]);
    v.ok(&["note", "edit", &note, "--visibility", "shared"]);
    let shared_revision = v.ok(&["note", "show", &note])["revision"].as_i64().unwrap();
    v.ok(&[
        "note",
        "edit",
        &note,
        "--visibility",
        "caucus",
        "--party",
        &s.investor,
    ]);
    v.ok(&["note", "edit", &note, "--en", "Our board would accept 40m."]);
    // The authorisation covered the earlier text only: it is stale now.
    let shown = v.ok(&["note", "show", &note]);
    assert_eq!(shown["disclosure"]["stale"], true, "{shown}");
    assert_eq!(shown["disclosure"]["scope"], "none");
    refused(
        v,
        &note,
        &["note", "edit", &note, "--visibility", "shared"],
        "note.disclosure_not_authorised",
    );
    // Restoring the shared revision brings back the authorised text: allowed, since the
    // party authorised exactly that. Restoring a caucus revision's new text as shared
    // is not possible in one step, and after a fresh "none" nothing goes out at all.
    v.ok(&[
        "note",
        "disclose",
        &note,
        "--scope",
        "none",
        "--given-by",
        "Ms Chan",
    ]);
    refused(
        v,
        &note,
        &["note", "restore", &note, &shared_revision.to_string()],
        "note.disclosure_not_authorised",
    );
    // A regime change of the case does not open what was confided under the old one.
    v.ok(&["case", "update", &s.case, "--confidentiality", "uncitral"]);
    let shown = v.ok(&["note", "show", &note]);
    assert_eq!(shown["caucus_regime"], "icsid");
    assert_eq!(shown["disclosure"]["scope"], "none");
    refused(
        v,
        &note,
        &["note", "edit", &note, "--visibility", "shared"],
        "note.disclosure_not_authorised",
    );
    assert_eq!(as_other(v), 0, "the other party never sees the confidence");
    v.ok(&["audit", "verify"]);
}

#[test]
fn a_stale_authorisation_is_renewed_by_a_fresh_one_for_the_text_as_it_stands() {
    let s = sample();
    let v = &s.vault;
    let note = id(&v.ok(&[
        "note",
        "add",
        "--case",
        &s.case,
        "--session",
        &s.investor_caucus,
        "--en",
        "Open to a phased payment.",
    ]));
    v.ok(&[
        "note",
        "disclose",
        &note,
        "--scope",
        "all",
        "--given-by",
        "Ms Chan",
    ]);
    v.ok(&[
        "note",
        "edit",
        &note,
        "--en",
        "Open to a phased payment over 3 years.",
    ]);
    refused(
        v,
        &note,
        &["note", "edit", &note, "--visibility", "shared"],
        "note.disclosure_not_authorised",
    );
    let renewed = v.ok(&[
        "note",
        "disclose",
        &note,
        "--scope",
        "all",
        "--given-by",
        "Ms Chan",
    ]);
    assert_eq!(
        renewed["revision"], 2,
        "the word covers the revision it was given for"
    );
    let shared = v.ok(&["note", "edit", &note, "--visibility", "shared"]);
    assert_eq!(shared["visibility"], "shared");
}

//! Cases, parties and sessions through the command line, and every way to get them wrong.

use serde_json::Value;

use crate::util::TestVault;

/// Runs a failing command and checks that it failed with `code` and changed nothing.
fn refused(vault: &TestVault, args: &[&str], code: &str) -> String {
    let before = vault.audit_len();
    let cases_before = vault.ok(&["case", "list"]);
    let (got, message) = vault.err(args);
    assert_eq!(got, code, "{args:?}: {message}");
    assert_eq!(
        vault.audit_len(),
        before,
        "{args:?} appended to the audit log"
    );
    assert_eq!(
        vault.ok(&["case", "list"]),
        cases_before,
        "{args:?} changed a case"
    );
    message
}

#[test]
fn a_case_gets_a_local_reference_and_stable_json_fields() {
    let vault = TestVault::init();
    let case = vault.ok(&[
        "case",
        "new",
        "--kind",
        "state-to-state",
        "--title-en",
        "Boundary waters",
        "--title-zh",
        "界河水域争端",
        "--co-mediator",
        "Li Wei",
    ]);
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(case["local_ref"], format!("ACC-{year}-0001"));
    assert_eq!(
        case["panel"], "state-to-state",
        "the panel follows the kind"
    );
    assert_eq!(case["status"], "intake");
    assert_eq!(
        case["confidentiality"], "hong-kong",
        "caucus words are closed unless the party authorises disclosure, by default"
    );
    let keys: Vec<&str> = case
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "confidentiality",
            "created_at",
            "id",
            "kind",
            "local_ref",
            "official_no",
            "panel",
            "status",
            "title_en",
            "title_zh",
            "updated_at"
        ]
    );
    assert_eq!(vault.new_case("Second"), format!("ACC-{year}-0002"));

    let shown = vault.ok(&["case", "show", &format!("acc-{year}-0001")]);
    assert_eq!(shown["case"]["title_zh"], "界河水域争端");
    let mediators: Vec<(&str, &str)> = shown["mediators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["name"].as_str().unwrap(), m["role"].as_str().unwrap()))
        .collect();
    assert_eq!(mediators, [("Test Mediator", "lead"), ("Li Wei", "co")]);
    let by_id = vault.ok(&["case", "show", case["id"].as_str().unwrap()]);
    assert_eq!(by_id["case"]["local_ref"], case["local_ref"]);
}

#[test]
fn the_case_list_filters_by_title_in_either_language_party_status_and_kind() {
    let vault = TestVault::init();
    let a = vault.ok(&[
        "case",
        "new",
        "--kind",
        "commercial",
        "--title-zh",
        "船舶租赁纠纷",
    ])["local_ref"]
        .as_str()
        .unwrap()
        .to_string();
    let b = vault.ok(&[
        "case",
        "new",
        "--kind",
        "investor-state",
        "--title-en",
        "Mining licence",
    ])["local_ref"]
        .as_str()
        .unwrap()
        .to_string();
    vault.new_party(&b, "Aurum Resources", "requesting");
    vault.ok(&["case", "update", &b, "--status", "active"]);
    let refs = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["case", "list"];
        full.extend_from_slice(args);
        vault
            .ok(&full)
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["local_ref"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(refs(&["--filter", "租赁"]), [a.as_str()]);
    assert_eq!(
        refs(&["--filter", "aurum"]),
        [b.as_str()],
        "party names count, case-insensitively"
    );
    assert_eq!(refs(&["--status", "active"]), [b.as_str()]);
    assert_eq!(refs(&["--kind", "commercial"]), [a.as_str()]);
    assert_eq!(
        refs(&["--filter", "%"]),
        Vec::<String>::new(),
        "LIKE wildcards are literal"
    );
}

#[test]
fn status_moves_forward_only_and_a_closed_case_is_frozen() {
    let vault = TestVault::init();
    let case = vault.new_case("Freight dispute");
    refused(
        &vault,
        &["case", "close", &case, "--outcome", "settled"],
        "case.invalid_transition",
    );
    refused(
        &vault,
        &["case", "close", &case, "--outcome", "active"],
        "input.invalid",
    );
    assert_eq!(
        vault.ok(&["case", "update", &case, "--status", "active"])["status"],
        "active"
    );
    assert_eq!(
        vault.ok(&["case", "close", &case, "--outcome", "settled"])["status"],
        "settled"
    );
    refused(
        &vault,
        &["case", "update", &case, "--title-en", "Renamed"],
        "case.closed",
    );
    refused(
        &vault,
        &["case", "update", &case, "--status", "active"],
        "case.closed",
    );
    refused(
        &vault,
        &[
            "party",
            "add",
            "--case",
            &case,
            "--kind",
            "person",
            "--role",
            "other",
            "--name-en",
            "Late",
        ],
        "case.closed",
    );
    let updated = vault.ok(&[
        "case",
        "update",
        &case,
        "--official-no",
        "IOMed/COM/2026/14",
    ]);
    assert_eq!(
        updated["official_no"], "IOMed/COM/2026/14",
        "the Secretariat's number may come after closing"
    );
    assert_eq!(
        vault.ok(&["case", "show", "IOMed/COM/2026/14"])["case"]["local_ref"],
        case.as_str()
    );
}

#[test]
fn bad_case_input_is_refused_with_a_clear_code() {
    let vault = TestVault::init();
    let case = vault.new_case("Original");
    refused(
        &vault,
        &["case", "show", "ACC-2020-0099"],
        "input.not_found",
    );
    refused(
        &vault,
        &["case", "new", "--kind", "tort", "--title-en", "X"],
        "input.invalid",
    );
    refused(
        &vault,
        &["case", "new", "--kind", "commercial"],
        "input.required",
    );
    refused(
        &vault,
        &["case", "new", "--kind", "commercial", "--title-en", "   "],
        "input.required",
    );
    let message = refused(
        &vault,
        &[
            "case",
            "new",
            "--kind",
            "commercial",
            "--title-en",
            &"x".repeat(301),
        ],
        "input.too_long",
    );
    assert_eq!(message, "The title is longer than 300 characters.");
    vault.ok(&[
        "case",
        "new",
        "--kind",
        "commercial",
        "--title-zh",
        &"调".repeat(300),
    ]);
    refused(
        &vault,
        &[
            "case",
            "new",
            "--kind",
            "commercial",
            "--title-en",
            "Bell\u{7}",
        ],
        "input.invalid",
    );
    refused(
        &vault,
        &["case", "update", &case, "--title-en", ""],
        "input.required",
    );
    vault.ok(&["case", "update", &case, "--official-no", "N-1"]);
    let other = vault.new_case("Other");
    refused(
        &vault,
        &["case", "update", &other, "--official-no", "N-1"],
        "input.invalid",
    );
    // As long as one command-line argument may be (128 KiB).
    let huge = "長".repeat(40_000);
    refused(
        &vault,
        &["case", "new", "--kind", "commercial", "--title-zh", &huge],
        "input.too_long",
    );
}

#[test]
fn parties_and_representatives() {
    let vault = TestVault::init();
    let case = vault.new_case("Joint venture");
    let party = vault.ok(&[
        "party",
        "add",
        "--case",
        &case,
        "--kind",
        "state-entity",
        "--role",
        "responding",
        "--name-en",
        "Port Authority",
        "--name-zh",
        "港务局",
        "--rep",
        "Ana Ruiz",
        "--rep",
        "黄伟",
    ]);
    assert_eq!(
        party["representatives"],
        serde_json::json!(["Ana Ruiz", "黄伟"])
    );
    let id = party["id"].as_str().unwrap();
    let short = &id.replace('-', "")[24..];
    let updated = vault.ok(&[
        "party",
        "update",
        short,
        "--add-rep",
        "Kofi Mensah",
        "--remove-rep",
        "Ana Ruiz",
        "--role",
        "other",
    ]);
    assert_eq!(
        updated["representatives"],
        serde_json::json!(["黄伟", "Kofi Mensah"])
    );
    assert_eq!(updated["role"], "other");
    refused(
        &vault,
        &["party", "update", short, "--remove-rep", "Nobody"],
        "input.invalid",
    );
    refused(
        &vault,
        &["party", "update", short, "--name-en", "", "--name-zh", ""],
        "input.required",
    );
    refused(
        &vault,
        &[
            "party",
            "add",
            "--case",
            &case,
            "--kind",
            "alien",
            "--role",
            "other",
            "--name-en",
            "X",
        ],
        "input.invalid",
    );
    refused(
        &vault,
        &[
            "party", "add", "--case", &case, "--kind", "person", "--role", "other",
        ],
        "input.required",
    );
    refused(
        &vault,
        &["party", "update", "deadbeef", "--role", "other"],
        "input.not_found",
    );
    let list = vault.ok(&["party", "list", "--case", &case]);
    assert_eq!(list.as_array().unwrap().len(), 1);
}

fn two_party_case(vault: &TestVault) -> (String, String, String) {
    let case = vault.new_case("Supply contract");
    let a = vault.ok(&[
        "party",
        "add",
        "--case",
        &case,
        "--kind",
        "company",
        "--role",
        "requesting",
        "--name-en",
        "Seller Ltd",
        "--rep",
        "Ms Seller",
    ]);
    let b = vault.new_party(&case, "Buyer plc", "responding");
    (case, a["id"].as_str().unwrap().to_string(), b)
}

#[test]
fn sessions_store_utc_with_the_venue_zone() {
    let vault = TestVault::init();
    let (case, seller, _) = two_party_case(&vault);
    let session = vault.ok(&[
        "session",
        "new",
        "--case",
        &case,
        "--kind",
        "caucus",
        "--party",
        &seller,
        "--start",
        "2030-12-03 10:00",
        "--end",
        "11:30",
        "--tz",
        "Asia/Hong_Kong",
        "--venue",
        "Room 3",
    ]);
    assert_eq!(session["scheduled_start"], "2030-12-03T02:00:00Z");
    assert_eq!(session["scheduled_end"], "2030-12-03T03:30:00Z");
    assert_eq!(session["time_zone"], "Asia/Hong_Kong");
    assert_eq!(session["caucus_party_id"], seller.as_str());
    let attendees: Vec<&str> = session["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        attendees,
        ["Test Mediator", "Ms Seller"],
        "a caucus lists the mediator and that party only"
    );

    let nairobi = vault.ok(&[
        "session",
        "new",
        "--case",
        &case,
        "--kind",
        "joint",
        "--start",
        "2030-12-01T09:00:00+03:00",
        "--duration",
        "2h",
        "--tz",
        "Africa/Nairobi",
    ]);
    assert_eq!(nairobi["scheduled_end"], "2030-12-01T08:00:00Z");
    let agenda: Vec<String> = vault
        .ok(&["session", "list", "--upcoming"])
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["time_zone"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        agenda,
        ["Africa/Nairobi", "Asia/Hong_Kong"],
        "in order of start"
    );
}

#[test]
fn bad_session_input_is_refused_and_changes_nothing() {
    let vault = TestVault::init();
    let (case, seller, _) = two_party_case(&vault);
    let other_case = vault.new_case("Unrelated");
    let stranger = vault.new_party(&other_case, "Stranger SA", "requesting");
    let base = [
        "session",
        "new",
        "--case",
        case.as_str(),
        "--start",
        "2030-12-03 10:00",
    ];
    let with = |extra: &[&str]| -> Vec<String> {
        base.iter().chain(extra).map(|s| s.to_string()).collect()
    };
    let check = |extra: &[&str], code: &str| {
        let args = with(extra);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&vault, &args, code)
    };
    check(
        &["--kind", "joint", "--tz", "Asia/Hong_Kongg"],
        "time.invalid_zone",
    );
    check(
        &[
            "--kind",
            "joint",
            "--tz",
            "Asia/Hong_Kong",
            "--end",
            "09:00",
        ],
        "time.end_before_start",
    );
    check(
        &["--kind", "caucus", "--tz", "Asia/Hong_Kong"],
        "session.caucus_needs_party",
    );
    check(
        &[
            "--kind",
            "joint",
            "--party",
            &seller,
            "--tz",
            "Asia/Hong_Kong",
        ],
        "session.party_only_for_caucus",
    );
    check(
        &[
            "--kind",
            "caucus",
            "--party",
            &stranger,
            "--tz",
            "Asia/Hong_Kong",
        ],
        "session.party_not_in_case",
    );
    check(
        &["--kind", "plenary", "--tz", "Asia/Hong_Kong"],
        "input.invalid",
    );
    check(
        &[
            "--kind",
            "joint",
            "--tz",
            "Asia/Hong_Kong",
            "--duration",
            "forever",
        ],
        "input.invalid",
    );
    check(
        &[
            "--kind",
            "joint",
            "--tz",
            "Asia/Hong_Kong",
            "--venue",
            &"v".repeat(201),
        ],
        "input.too_long",
    );
    refused(
        &vault,
        &[
            "session",
            "new",
            "--case",
            &case,
            "--kind",
            "joint",
            "--tz",
            "UTC",
            "--start",
            "2030-02-30 10:00",
        ],
        "time.invalid",
    );
    refused(
        &vault,
        &[
            "session",
            "new",
            "--case",
            &case,
            "--kind",
            "joint",
            "--tz",
            "Europe/London",
            "--start",
            "2030-03-31 01:30",
        ],
        "time.local_gap",
    );
    assert_eq!(vault.ok(&["session", "list"]), Value::Array(vec![]));
}

#[test]
fn a_session_starts_and_ends_once_and_in_order() {
    let vault = TestVault::init();
    let (case, _, _) = two_party_case(&vault);
    let s = vault.ok(&[
        "session",
        "new",
        "--case",
        &case,
        "--kind",
        "joint",
        "--start",
        "2030-12-03 10:00",
        "--tz",
        "Asia/Hong_Kong",
    ]);
    let id = s["id"].as_str().unwrap();
    refused(&vault, &["session", "end", id], "session.not_started");
    let started = vault.ok(&["session", "start", id, "--at", "2030-12-03 10:05"]);
    assert_eq!(started["actual_start"], "2030-12-03T02:05:00Z");
    refused(&vault, &["session", "start", id], "session.already_started");
    refused(
        &vault,
        &["session", "end", id, "--at", "2030-12-03 10:00"],
        "time.end_before_start",
    );
    let ended = vault.ok(&["session", "end", id, "--at", "12:15"]);
    assert_eq!(
        ended["actual_end"], "2030-12-03T04:15:00Z",
        "a bare time is on the session's day"
    );
    refused(&vault, &["session", "end", id], "session.already_ended");
    assert_eq!(
        vault.ok(&["session", "show", id])["actual_end"],
        "2030-12-03T04:15:00Z"
    );
    refused(
        &vault,
        &["session", "show", "0123456789abcdef"],
        "input.not_found",
    );
}

/// A joint session that overruns or starts late is still going on: the caucus guard must
/// stay on, whatever the schedule says (it used to go off at the scheduled end).
#[test]
fn a_joint_session_under_way_keeps_the_guard_on_whatever_its_schedule() {
    let vault = TestVault::init();
    let (case, _, _) = two_party_case(&vault);
    let yesterday = (chrono::Utc::now() - chrono::Duration::days(1))
        .with_timezone(&chrono_tz::Asia::Hong_Kong)
        .format("%Y-%m-%d")
        .to_string();
    let joint = |start: &str| {
        vault.ok(&[
            "session",
            "new",
            "--case",
            &case,
            "--kind",
            "joint",
            "--start",
            start,
            "--duration",
            "1h",
            "--tz",
            "Asia/Hong_Kong",
        ])["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let overrun = joint(&format!("{yesterday} 09:00"));
    let off = vault.ok(&["session", "live"]);
    assert_eq!(
        off["joint_session_live"], false,
        "scheduled, not started: {off}"
    );
    vault.ok(&["session", "start", &overrun, "--at", "09:05"]);
    let on = vault.ok(&["session", "live"]);
    assert_eq!(on["joint_session_live"], true, "overrunning: {on}");
    assert_eq!(on["live_sessions"][0], overrun.as_str());
    let upcoming = vault.ok(&["session", "list", "--upcoming"]);
    assert!(
        upcoming
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == overrun.as_str()),
        "the agenda keeps a session under way past its scheduled end"
    );
    vault.ok(&["session", "end", &overrun]);
    assert_eq!(vault.ok(&["session", "live"])["joint_session_live"], false);

    // A late start: begun after its scheduled end had already passed.
    let late = joint(&format!("{yesterday} 14:00"));
    vault.ok(&["session", "start", &late]);
    assert_eq!(
        vault.ok(&["session", "live"])["joint_session_live"],
        true,
        "late start"
    );
}

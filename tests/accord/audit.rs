use serde_json::Value;

use crate::util::{raw_connection, TestVault};

fn demo_vault() -> TestVault {
    let vault = TestVault::init();
    vault.ok(&["demo"]);
    vault
}

fn events(vault: &TestVault) -> Vec<Value> {
    vault.ok(&["audit", "log"]).as_array().unwrap().clone()
}

#[test]
fn every_change_appends_a_chained_event() {
    let vault = demo_vault();
    let log = events(&vault);
    assert!(
        log.len() >= 10,
        "create, status, mediators, parties, sessions: {}",
        log.len()
    );
    for (i, pair) in log.windows(2).enumerate() {
        assert_eq!(pair[1]["seq"], (i + 2) as i64, "no gaps");
        assert_eq!(
            pair[1]["prev_hash"],
            pair[0]["hash"],
            "event {} links to {}",
            i + 2,
            i + 1
        );
    }
    assert_eq!(log[0]["action"], "vault.create");
    assert_eq!(log[0]["actor"], "Test Mediator");
    let verified = vault.ok(&["audit", "verify"]);
    assert_eq!(verified["first_break"], Value::Null);
    assert_eq!(verified["events"], log.len() as i64);
    assert!(verified["records"].as_i64().unwrap() >= 8);
}

#[test]
fn the_log_of_one_case_holds_only_that_case() {
    let vault = demo_vault();
    let other = vault.new_case("Another dispute");
    let demo_case = vault.ok(&["case", "list", "--filter", "Lantau"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let log = vault.ok(&["audit", "log", "--case", &other]);
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 2, "case.create and the lead mediator");
    assert!(log.iter().all(|e| e["case_id"] != demo_case.as_str()));
}

fn assert_broken_at(vault: &TestVault, seq: i64, reason_part: &str) {
    let (code, message) = vault.err(&["audit", "verify"]);
    assert_eq!(code, "audit.broken");
    assert!(
        message.contains(&format!("event {seq}:")),
        "names event {seq}: {message}"
    );
    assert!(message.contains(reason_part), "{message}");
}

#[test]
fn an_edit_to_a_record_behind_accords_back_is_caught() {
    let vault = demo_vault();
    let log = events(&vault);
    let case_id = vault.ok(&["case", "list"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let last_case_event = log
        .iter()
        .filter(|e| e["entity_id"] == case_id.as_str())
        .map(|e| e["seq"].as_i64().unwrap())
        .max()
        .unwrap();

    raw_connection(&vault)
        .execute(
            "UPDATE cases SET title_en = 'Quietly renamed' WHERE id = ?1",
            [&case_id],
        )
        .unwrap();
    assert_broken_at(
        &vault,
        last_case_event,
        &format!("case {case_id} was changed after event {last_case_event}"),
    );
}

#[test]
fn an_edit_to_the_log_itself_is_caught_at_that_event() {
    let vault = demo_vault();
    raw_connection(&vault)
        .execute(
            "UPDATE audit_events SET actor = 'Someone else' WHERE seq = 4",
            [],
        )
        .unwrap();
    assert_broken_at(&vault, 4, "fields were altered");
}

#[test]
fn a_rewritten_state_in_the_log_is_caught() {
    let vault = demo_vault();
    raw_connection(&vault)
        .execute(
            "UPDATE audit_events SET state = replace(state, 'Lantau', 'Lamma') WHERE seq = 2",
            [],
        )
        .unwrap();
    assert_broken_at(&vault, 2, "recorded state");
}

#[test]
fn a_deleted_event_is_caught_where_the_gap_is() {
    let vault = demo_vault();
    raw_connection(&vault)
        .execute("DELETE FROM audit_events WHERE seq = 6", [])
        .unwrap();
    assert_broken_at(&vault, 7, "expected event 6");
}

#[test]
fn a_record_inserted_without_an_event_is_caught() {
    let vault = demo_vault();
    let n = events(&vault).len() as i64;
    raw_connection(&vault)
        .execute(
            "INSERT INTO cases (id, local_ref, kind, panel, status, title_en, created_at, updated_at)
             VALUES ('01900000-0000-7000-8000-000000000001', 'ACC-1999-0001', 'commercial', 'general', 'intake', 'Ghost', 'x', 'x')",
            [],
        )
        .unwrap();
    assert_broken_at(&vault, n + 1, "written without an audit event");
}

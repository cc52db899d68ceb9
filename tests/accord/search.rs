//! `accord search` as a mediator uses it: either script finds the other, the as-party
//! view never shows another party's caucus notes, and bad queries are clear errors.

use serde_json::Value;

use crate::util::TestVault;

fn ids(results: &Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["note_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_query_in_either_script_finds_notes_in_the_other() {
    let v = TestVault::init();
    let case = v.new_case("Script test");
    let traditional = v.ok(&[
        "note",
        "add",
        "--case",
        &case,
        "--zh",
        "雙方簽署和解協議",
        "--script",
        "hant",
    ]);
    let simplified = v.ok(&[
        "note",
        "add",
        "--case",
        &case,
        "--zh",
        "双方签署和解协议",
        "--script",
        "hans",
    ]);
    let both = [
        traditional["id"].as_str().unwrap(),
        simplified["id"].as_str().unwrap(),
    ];
    for query in ["协议", "協議", "和解协议", "和解協議", "签署"] {
        let mut found = ids(&v.ok(&["search", query]));
        found.sort();
        let mut want: Vec<String> = both.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(found, want, "{query} finds both scripts");
    }
    let hit = &v.ok(&["search", "協議"])["hits"][0];
    let marked: Vec<&str> = hit["zh"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["hit"] == true)
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert!(
        marked == ["協議"] || marked == ["协议"],
        "the match is marked in the note's own script: {marked:?}"
    );
    // A word that is in neither note finds nothing.
    assert!(ids(&v.ok(&["search", "仲裁"])).is_empty());
}

#[test]
fn as_seen_by_a_party_never_shows_another_partys_caucus_notes() {
    let v = TestVault::init();
    let case = v.new_case("Visibility test");
    let a = v.new_party(&case, "Alpha Ltd", "requesting");
    let b = v.new_party(&case, "Beta Ltd", "responding");
    let note = |args: &[&str]| -> String {
        let mut all = vec!["note", "add", "--case", case.as_str()];
        all.extend_from_slice(args);
        v.ok(&all)["id"].as_str().unwrap().to_string()
    };
    let shared = note(&[
        "--visibility",
        "shared",
        "--en",
        "Timetable for the payment",
    ]);
    let alpha = note(&[
        "--visibility",
        "caucus",
        "--party",
        &a,
        "--en",
        "Alpha's payment limit",
    ]);
    let beta = note(&[
        "--visibility",
        "caucus",
        "--party",
        &b,
        "--en",
        "Beta's payment worry",
    ]);
    let private = note(&["--visibility", "private", "--en", "My payment hunch"]);

    let mut all = ids(&v.ok(&["search", "payment"]));
    all.sort();
    let mut want = vec![shared.clone(), alpha.clone(), beta.clone(), private];
    want.sort();
    assert_eq!(all, want, "the mediator sees every note");

    let mut as_a = ids(&v.ok(&["search", "payment", "--case", &case, "--as-party", &a]));
    as_a.sort();
    let mut want = vec![shared.clone(), alpha];
    want.sort();
    assert_eq!(
        as_a, want,
        "Alpha sees shared notes and its own caucus notes only"
    );
    assert_eq!(
        ids(&v.ok(&[
            "search",
            "payment",
            "--case",
            &case,
            "--as-party",
            &b,
            "--visibility",
            "caucus"
        ])),
        vec![beta],
    );
}

#[test]
fn bad_queries_are_clear_errors() {
    let v = TestVault::init();
    let (code, message) = v.err(&["search", "\"  *  \""]);
    assert_eq!(code, "input.invalid", "{message}");
    let (code, _) = v.err(&["search", "mediation", "--from", "2026-02-30"]);
    assert_eq!(code, "time.invalid");
    let (code, _) = v.err(&[
        "search",
        "mediation",
        "--from",
        "2026-03-02",
        "--to",
        "2026-03-01",
    ]);
    assert_eq!(code, "time.end_before_start");
    // FTS5 syntax typed by the mediator is just text.
    let results = v.ok(&["search", "NEAR(mediation OR -x:y)^"]);
    assert_eq!(results["total"], 0);
}

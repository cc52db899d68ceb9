//! `--json` is what the desktop receives: each command, run as the real binary on a real
//! vault, prints exactly the value (every field, no other) that the core function the
//! desktop's command calls returns for the same vault; and `accord --help` lists, for
//! each command, the type it prints and, for each type, exactly the fields printed.
//!
//! The comparison is of whole JSON values (`serde_json::to_value` of the core's answer
//! against the command's stdout), which is stricter than deserialising with
//! `deny_unknown_fields`: a missing, extra, renamed or differently filled field fails.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use accord::ids::{CaseId, NoteId, PartyId, SessionId, TermId};
use accord::store::Db;
use accord::vault::{self, Access, KeyringResult, Vault, VaultCreated, VaultDir};
use accord::{
    audit, cases, confidentiality, notes, parties, search, sessions, termbase, time, views,
};
use serde::Serialize;
use serde_json::{json, Value};

use crate::util::{run_ok, TestVault, PASSPHRASE};

/// The commands `record_commands_print_what_the_desktop_gets` runs, by their help label.
const RECORD_COMMANDS: &[&str] = &[
    "demo",
    "case show",
    "case list",
    "case new|update|close",
    "party add|update",
    "party list",
    "session new|show|start|end",
    "session live",
    "session list",
    "note add|edit|show|restore",
    "note show --revision N",
    "note history",
    "note compare",
    "note list",
    "note disclose",
    "note disclosures",
    "term add|edit|remove",
    "term list",
    "term check",
    "term import",
    "term export FILE|--into",
    "search",
    "audit log",
    "audit verify",
];

/// The commands `drafts::draft_commands_print_what_the_desktop_gets_from_the_core` runs.
pub const DRAFT_COMMANDS: &[&str] = &[
    "draft new|update",
    "draft list",
    "draft show",
    "draft show --version N",
    "draft clause add|edit|move",
    "draft clause rm",
    "draft position",
    "draft version",
    "draft diff",
    "draft diff --docx",
    "draft diff --pdf",
    "draft check",
    "draft final",
    "draft render",
];

/// The commands `the_library_travels_as_a_file_and_its_templates_fill_from_the_case` runs.
pub const LIBRARY_COMMANDS: &[&str] = &[
    "library list",
    "library show|save|add|edit",
    "library export",
    "library import",
];

/// The commands `vault_commands_print_their_reports` runs.
const VAULT_COMMANDS: &[&str] = &[
    "init",
    "unlock",
    "lock",
    "keyring status|enable|forget",
    "recovery rotate|rekey",
    "passphrase change",
];

/// The `--json` part of `accord --help`: each command's type, each type's fields.
pub struct Help {
    /// Label (`case new|update|close`) → `T` or `[T]`.
    commands: BTreeMap<String, String>,
    /// Type → its fields, each with the type it holds (`T` or `[T]`) when the help names one.
    types: BTreeMap<String, Vec<(String, Option<String>)>>,
}

impl Help {
    pub fn read() -> Self {
        let out = Command::new(env!("CARGO_BIN_EXE_accord"))
            .arg("--help")
            .output()
            .expect("accord runs");
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).expect("UTF-8 help");
        let mut commands = BTreeMap::new();
        let mut types: BTreeMap<String, String> = BTreeMap::new();
        let mut section = "";
        let mut last_type = String::new();
        for line in text.lines() {
            if line.trim().is_empty() {
                section = "";
                continue;
            }
            if line.starts_with("  Command ") {
                section = "commands";
                continue;
            }
            if line.starts_with("  Type ") {
                section = "types";
                continue;
            }
            let continued = line.starts_with("   ");
            match (section, continued) {
                ("commands", false) => {
                    let line = line.trim();
                    let (label, rest) = line.split_once("  ").expect("label, then type");
                    let output = rest.split_whitespace().next().expect("a type");
                    commands.insert(label.trim().to_string(), output.to_string());
                }
                ("types", false) => {
                    let line = line.trim();
                    let (name, fields) = line.split_once(' ').expect("name, then fields");
                    last_type = name.to_string();
                    types.insert(name.to_string(), fields.trim().to_string());
                }
                ("types", true) => {
                    let fields = types.get_mut(&last_type).expect("a type above");
                    fields.push(' ');
                    fields.push_str(line.trim());
                }
                _ => {}
            }
        }
        let types = types
            .into_iter()
            .map(|(name, fields)| {
                let body = fields
                    .strip_prefix('{')
                    .and_then(|f| f.strip_suffix('}'))
                    .unwrap_or_else(|| panic!("{name}'s fields are not {{…}}: {fields}"));
                let fields = body
                    .split(", ")
                    .filter(|f| !f.is_empty())
                    .map(|f| match f.split_once(": ") {
                        Some((field, held)) => (field.to_string(), Some(held.to_string())),
                        None => (f.to_string(), None),
                    })
                    .collect();
                (name, fields)
            })
            .collect();
        Help { commands, types }
    }

    /// `value`, printed by the command `label`, has exactly the fields the help lists for
    /// its type, at every depth the help names a type.
    pub fn check(&self, label: &str, value: &Value) {
        let output = self
            .commands
            .get(label)
            .unwrap_or_else(|| panic!("the help does not list `{label}`"));
        self.check_output(output, value, label);
    }

    fn check_output(&self, output: &str, value: &Value, at: &str) {
        match output.strip_prefix('[').and_then(|o| o.strip_suffix(']')) {
            Some(item) => {
                let list = value
                    .as_array()
                    .unwrap_or_else(|| panic!("{at}: the help says a list of {item}: {value}"));
                for (i, v) in list.iter().enumerate() {
                    self.check_type(item, v, &format!("{at}[{i}]"));
                }
            }
            None => self.check_type(output, value, at),
        }
    }

    fn check_type(&self, name: &str, value: &Value, at: &str) {
        let fields = self
            .types
            .get(name)
            .unwrap_or_else(|| panic!("{at}: the help names {name} but does not list it"));
        let object = value
            .as_object()
            .unwrap_or_else(|| panic!("{at}: the help says {name}, got {value}"));
        let printed: BTreeSet<&str> = object.keys().map(String::as_str).collect();
        let listed: BTreeSet<&str> = fields.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(printed, listed, "{at}: fields printed vs listed for {name}");
        for (field, held) in fields {
            let v = &object[field];
            match held {
                Some(held) if !v.is_null() => self.check_output(held, v, &format!("{at}.{field}")),
                Some(_) => {}
                None => assert!(
                    !(v.is_object()
                        || v.as_array().is_some_and(|a| a.iter().any(Value::is_object))),
                    "{at}.{field} holds records, but the help names no type for them: {v}"
                ),
            }
        }
    }
}

/// Runs commands and checks each output against the help.
pub struct Run<'a> {
    pub vault: &'a TestVault,
    pub help: &'a Help,
    pub seen: BTreeSet<String>,
}

impl Run<'_> {
    pub fn json(&mut self, label: &str, args: &[&str]) -> Value {
        let value = self.vault.ok(args);
        self.help.check(label, &value);
        self.seen.insert(label.to_string());
        value
    }

    /// The command's output must equal the core's answer, whole.
    pub fn same<T: Serialize>(
        &mut self,
        label: &str,
        args: &[&str],
        core: impl FnOnce(&Db) -> accord::Result<T>,
    ) -> Value {
        let printed = self.json(label, args);
        assert_eq!(printed, core_value(self.vault, core), "{args:?}");
        printed
    }
}

/// What the core returns for the vault now: opened the desktop's way, read-only.
pub fn core_value<T: Serialize>(
    vault: &TestVault,
    f: impl FnOnce(&Db) -> accord::Result<T>,
) -> Value {
    let dir = VaultDir::new(&vault.path);
    let opened = vault::open_with_passphrase(&dir, &PASSPHRASE.to_string().into(), Access::Read)
        .expect("the core opens the vault");
    serde_json::to_value(f(opened.vault.read()).expect("the core answers")).expect("serializes")
}

pub fn text(value: &Value, field: &str) -> String {
    value[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} in {value}"))
        .to_string()
}

pub fn parse<T: std::str::FromStr<Err = accord::Error>>(text: &str) -> T {
    text.parse().unwrap_or_else(|_| panic!("an id: {text}"))
}

#[test]
fn record_commands_print_what_the_desktop_gets_from_the_core() {
    let vault = TestVault::init();
    let help = Help::read();
    let mut run = Run {
        vault: &vault,
        help: &help,
        seen: BTreeSet::new(),
    };

    // The sample case, as demo::create made it and the core now reads it back.
    let sample = run.json("demo", &["demo"]);
    let demo_case: CaseId = parse(&text(&sample["case"], "id"));
    let reread = core_value(&vault, |db| {
        Ok(accord::demo::Sample {
            case: cases::load(db, demo_case)?,
            parties: parties::list(db, demo_case)?,
            sessions: sessions::list(
                db,
                &sessions::SessionFilter {
                    case_id: Some(demo_case),
                    ..Default::default()
                },
            )?,
            notes: notes::list(db, demo_case, &Default::default())?,
        })
    });
    assert_eq!(sample, reread, "demo prints what it made");
    let demo_ref = text(&sample["case"], "local_ref");

    // Cases: the desktop's case_detail, case_list, case_create/update/close.
    run.same("case show", &["case", "show", &demo_ref], |db| {
        views::case_detail(db, demo_case)
    });
    let case = run.json(
        "case new|update|close",
        &[
            "case",
            "new",
            "--kind",
            "commercial",
            "--title-en",
            "Charter",
        ],
    );
    let case_id: CaseId = parse(&text(&case, "id"));
    let case_ref = text(&case, "local_ref");
    assert_eq!(case, core_value(&vault, |db| cases::load(db, case_id)));
    run.same(
        "case new|update|close",
        &["case", "update", &case_ref, "--title-zh", "租船"],
        |db| cases::load(db, case_id),
    );
    run.same("case list", &["case", "list"], |db| {
        cases::list(db, &Default::default())
    });

    // Parties: party_add, party_update; the list is CaseDetail's.
    let party = run.json(
        "party add|update",
        &[
            "party",
            "add",
            "--case",
            &case_ref,
            "--kind",
            "company",
            "--role",
            "requesting",
            "--name-en",
            "Owner",
        ],
    );
    let party_id: PartyId = parse(&text(&party, "id"));
    assert_eq!(party, core_value(&vault, |db| parties::load(db, party_id)));
    run.same(
        "party add|update",
        &[
            "party",
            "update",
            &text(&party, "id"),
            "--add-rep",
            "Counsel",
        ],
        |db| parties::load(db, party_id),
    );
    run.same(
        "party list",
        &["party", "list", "--case", &case_ref],
        |db| parties::list(db, case_id),
    );

    // Sessions: session_create, start, end, guard_state.
    let session = run.json(
        "session new|show|start|end",
        &[
            "session",
            "new",
            "--case",
            &case_ref,
            "--kind",
            "joint",
            "--start",
            "2026-12-03 10:00",
            "--tz",
            "Asia/Hong_Kong",
        ],
    );
    let session_ref = text(&session, "id");
    let session_id: SessionId = parse(&session_ref);
    assert_eq!(
        session,
        core_value(&vault, |db| sessions::load(db, session_id))
    );
    run.same(
        "session new|show|start|end",
        &["session", "start", &session_ref],
        |db| sessions::load(db, session_id),
    );
    let live = run.same("session live", &["session", "live"], views::guard_state);
    assert_eq!(live["joint_session_live"], true);
    run.same(
        "session new|show|start|end",
        &["session", "end", &session_ref],
        |db| sessions::load(db, session_id),
    );
    run.same(
        "session new|show|start|end",
        &["session", "show", &session_ref],
        |db| sessions::load(db, session_id),
    );
    run.same(
        "session list",
        &["session", "list", "--case", &case_ref],
        |db| {
            sessions::list(
                db,
                &sessions::SessionFilter {
                    case_id: Some(case_id),
                    ..Default::default()
                },
            )
        },
    );

    // Notes: note_create, note_save, note_get, note_history, note_compare, note_restore.
    let note = run.json(
        "note add|edit|show|restore",
        &[
            "note",
            "add",
            "--case",
            &case_ref,
            "--en",
            "The escrow agent holds the hire.",
            "--zh",
            "托管代理持有租金。",
        ],
    );
    let note_ref = text(&note, "id");
    let note_id: NoteId = parse(&note_ref);
    assert_eq!(note, core_value(&vault, |db| notes::load(db, note_id)));
    run.same(
        "note add|edit|show|restore",
        &[
            "note",
            "edit",
            &note_ref,
            "--en",
            "The escrow agent holds the whole hire.",
        ],
        |db| notes::load(db, note_id),
    );
    run.same(
        "note show --revision N",
        &["note", "show", &note_ref, "--revision", "1"],
        |db| notes::revisions::load(db, note_id, 1),
    );
    run.same(
        "note compare",
        &["note", "compare", &note_ref, "1", "2"],
        |db| notes::revisions::compare(db, note_id, 1, 2),
    );
    run.same(
        "note add|edit|show|restore",
        &["note", "restore", &note_ref, "1"],
        |db| notes::load(db, note_id),
    );
    run.same("note history", &["note", "history", &note_ref], |db| {
        notes::revisions::history(db, note_id)
    });
    run.same(
        "note add|edit|show|restore",
        &["note", "show", &note_ref],
        |db| notes::load(db, note_id),
    );
    run.same("note list", &["note", "list", "--case", &case_ref], |db| {
        notes::list(db, case_id, &Default::default())
    });

    // A caucus note in the sample case and the party's word on it: disclosure_record
    // returns the one record, disclosure_log the case's.
    let caucus = sample["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "caucus")
        .expect("the sample has a caucus");
    let confided = run.json(
        "note add|edit|show|restore",
        &[
            "note",
            "add",
            "--case",
            &demo_ref,
            "--session",
            &text(caucus, "id"),
            "--en",
            "We could live with a phased handover.",
        ],
    );
    assert_eq!(confided["visibility"], "caucus");
    let disclosure = run.json(
        "note disclose",
        &[
            "note",
            "disclose",
            &text(&confided, "id"),
            "--scope",
            "all",
            "--given-by",
            "Counsel",
        ],
    );
    let log = core_value(&vault, |db| confidentiality::log(db, demo_case));
    let recorded = log
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == disclosure["id"])
        .expect("the record is in the core's log");
    assert_eq!(&disclosure, recorded);
    run.same(
        "note disclosures",
        &["note", "disclosures", "--case", &demo_ref],
        |db| confidentiality::log(db, demo_case),
    );

    // The termbase: term_add, term_update, term_list, term_check, term_import, term_export.
    let term = run.json(
        "term add|edit|remove",
        &[
            "term",
            "add",
            "--en",
            "escrow agent",
            "--zh-hans",
            "托管代理",
        ],
    );
    let term_ref = text(&term, "id");
    let term_id: TermId = parse(&term_ref);
    assert_eq!(term, core_value(&vault, |db| termbase::load(db, term_id)));
    run.same(
        "term add|edit|remove",
        &["term", "edit", &term_ref, "--domain", "settlement"],
        |db| termbase::load(db, term_id),
    );
    run.same("term list", &["term", "list"], |db| {
        termbase::list(db, None)
    });
    let gaps = run.same(
        "term check",
        &["term", "check", "--note", &note_ref],
        |db| {
            let note = notes::load(db, note_id)?;
            termbase::check(db, &note.text_en, &note.text_zh)
        },
    );
    assert!(gaps.as_array().is_some(), "a list, [] when none");
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("in.csv");
    std::fs::write(
        &csv,
        "en,zh_hans,zh_hant,domain,note\ncharter party,租船合同,租船合同,shipping,\n",
    )
    .unwrap();
    let imported = run.json("term import", &["term", "import", csv.to_str().unwrap()]);
    let report = termbase::ImportReport {
        added: 1,
        updated: 0,
        unchanged: 0,
    };
    assert_eq!(imported, serde_json::to_value(report).unwrap());
    let count = core_value(&vault, |db| termbase::list(db, None))
        .as_array()
        .unwrap()
        .len();
    let file = dir.path().join("out.csv");
    let file = file.to_str().unwrap();
    let written = run.json("term export FILE|--into", &["term", "export", file]);
    assert_eq!(written, json!({ "path": file, "terms": count }));
    // --into: the desktop's Export button's function, folder and file name.
    let folder = dir.path().join("exports");
    let into = run.json(
        "term export FILE|--into",
        &["term", "export", "--into", folder.to_str().unwrap()],
    );
    let day = chrono::Local::now().date_naive();
    let expected = folder.join(format!("accord-termbase-{day}.csv"));
    assert_eq!(
        into,
        json!({ "path": expected.display().to_string(), "terms": count })
    );
    assert_eq!(
        std::fs::read(&expected).unwrap(),
        std::fs::read(file).unwrap(),
        "the same CSV either way"
    );
    let before = core_value(&vault, |db| termbase::load(db, term_id));
    let removed = run.json("term add|edit|remove", &["term", "remove", &term_ref]);
    assert_eq!(removed, before, "remove prints the term as it was");

    // Search: search_notes with the command line's paging defaults.
    run.same("search", &["search", "escrow"], |db| {
        let query = search::SearchQuery {
            text: "escrow".into(),
            limit: Some(search::DEFAULT_LIMIT),
            offset: Some(0),
            ..Default::default()
        };
        search::search(db, &query, time::local_zone())
    });

    // The audit log and its check.
    run.same("audit log", &["audit", "log"], |db| audit::list(db, None));
    // `audit verify` is Vault::verify: the chain, and vault.json against its latest event.
    let verified = run.json("audit verify", &["audit", "verify"]);
    let dir = VaultDir::new(&vault.path);
    let opened = vault::open_with_passphrase(&dir, &PASSPHRASE.to_string().into(), Access::Read)
        .expect("the core opens the vault");
    let core = opened.vault.verify().expect("the core verifies");
    drop(opened);
    assert_eq!(verified, serde_json::to_value(core).unwrap());
    // The header's keyring state edited behind Accord's back: only the vault's check
    // (not the chain's alone) sees it, and the command reports the break.
    let header_path = dir.header_path();
    let header = std::fs::read_to_string(&header_path).unwrap();
    let mut edited: Value = serde_json::from_str(&header).unwrap();
    assert_eq!(edited["keyring"], "disabled", "{header}");
    edited["keyring"] = json!("enabled");
    std::fs::write(&header_path, edited.to_string()).unwrap();
    let (code, _) = vault.err(&["audit", "verify"]);
    assert_eq!(code, "audit.broken");
    std::fs::write(&header_path, header).unwrap();

    let expected: BTreeSet<String> = RECORD_COMMANDS.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        run.seen, expected,
        "RECORD_COMMANDS lists what this test runs"
    );
}

#[test]
fn vault_commands_print_their_reports() {
    let vault = TestVault::new();
    let help = Help::read();
    let mut run = Run {
        vault: &vault,
        help: &help,
        seen: BTreeSet::new(),
    };
    // init: what the desktop's vault_create returns, plus where the vault is.
    let mut init = run.json(
        "init",
        &[
            "init",
            "--mediator",
            "Test Mediator",
            "--kdf-memory-mib",
            "64",
            "--kdf-iterations",
            "1",
            "--no-keyring",
        ],
    );
    let header = VaultDir::new(&vault.path).header().unwrap();
    let created = VaultCreated {
        recovery_key: text(&init, "recovery_key"),
        keyring: KeyringResult::Declined,
        keyring_detail: None,
    };
    let mut expected = serde_json::to_value(created).unwrap();
    expected["vault"] = json!(vault.path.display().to_string());
    expected["vault_id"] = json!(header.vault_id);
    assert_eq!(init, expected);
    init["recovery_key"] = Value::Null;

    let unlocked = run.json("unlock", &["unlock"]);
    assert_eq!(
        unlocked,
        json!({ "unlocked": true, "passphrase_reset": false, "keyring": false })
    );
    let locked = run.json("lock", &["lock"]);
    assert_eq!(
        locked,
        json!({ "locked": true, "removed_from_keyring": false })
    );
    let status = run.json("keyring status|enable|forget", &["keyring", "status"]);
    assert_eq!(
        status,
        json!({ "keyring": serde_json::to_value(header.keyring).unwrap() })
    );
    let forgot = run.json("keyring status|enable|forget", &["keyring", "forget"]);
    assert_eq!(forgot, json!({ "keyring": "disabled" }));

    // Rotation prints NewRecoveryKey, what the desktop's vault_recovery_rotate and
    // vault_rekey return: the key alone, new each time.
    let rotated = run.json("recovery rotate|rekey", &["recovery", "rotate"]);
    let rekeyed = run.json("recovery rotate|rekey", &["rekey"]);
    for printed in [&rotated, &rekeyed] {
        let object = printed.as_object().unwrap();
        assert_eq!(object.len(), 1, "{printed}");
        assert_eq!(text(printed, "recovery_key").len(), 39, "{printed}");
    }
    assert_ne!(rotated, rekeyed);

    let mut cmd = vault.cmd(&["passphrase", "change"]);
    cmd.env("ACCORD_NEW_PASSPHRASE", "a brand new passphrase");
    let changed = run_ok(cmd);
    help.check("passphrase change", &changed);
    run.seen.insert("passphrase change".into());
    assert_eq!(changed, json!({ "changed": true }));
    let dir = VaultDir::new(&vault.path);
    let key = vault::unlock_with_passphrase(&dir, &"a brand new passphrase".to_string().into());
    assert!(Vault::open(&dir, key.unwrap(), Access::Read).is_ok());

    let expected: BTreeSet<String> = VAULT_COMMANDS.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        run.seen, expected,
        "VAULT_COMMANDS lists what this test runs"
    );
}

/// Every command the help lists is one the tests run (the two above, and the drafts' in
/// `drafts.rs`), and every type it names is listed with its fields; nothing in the help is
/// prose that could drift.
#[test]
fn the_json_help_lists_every_command_the_tests_check_and_every_type_it_names() {
    let help = Help::read();
    let listed: BTreeSet<&str> = help.commands.keys().map(String::as_str).collect();
    let checked: BTreeSet<&str> = RECORD_COMMANDS
        .iter()
        .chain(VAULT_COMMANDS)
        .chain(DRAFT_COMMANDS)
        .chain(LIBRARY_COMMANDS)
        .copied()
        .collect();
    assert_eq!(listed, checked);
    let mut named: BTreeSet<String> = BTreeSet::new();
    for output in help.commands.values() {
        named.insert(output.trim_matches(['[', ']']).to_string());
    }
    for fields in help.types.values() {
        for held in fields.iter().filter_map(|(_, held)| held.as_ref()) {
            named.insert(held.trim_matches(['[', ']']).to_string());
        }
    }
    for name in &named {
        assert!(
            help.types.contains_key(name),
            "{name} is named but not listed"
        );
    }
    // Types the desktop receives are the ones in its bindings, by the same name.
    for name in [
        "Case",
        "CaseDetail",
        "Note",
        "Disclosure",
        "SearchResults",
        "GuardState",
        "Agreement",
        "AgreementDetail",
        "Clause",
        "AgreementVersion",
    ] {
        let binding = format!(
            "{}/ui/src/lib/bindings/{name}.ts",
            env!("CARGO_MANIFEST_DIR")
        );
        assert!(
            std::path::Path::new(&binding).exists(),
            "{name} is the desktop's type"
        );
    }
}

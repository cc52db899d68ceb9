//! Schema migrations: a vault made by any earlier Accord opens in this one.
//!
//! `tests/fixtures/vaults/schema-N/` is a vault written by the Accord that had schema N,
//! passphrase [`FIXTURE_PASSPHRASE`], holding the sample case. When a migration is added,
//! first write the fixture of the schema being left behind (before adding it):
//! `cargo test --test accord -- --ignored write_fixture_of_the_current_schema`.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use accord::store::LATEST_SCHEMA;
use accord::vault::{self, Access, InitOptions, KdfParams, Vault, VaultDir, MIN_MEMORY_KIB};

use crate::util::{raw_connection, raw_connection_at, run_err, run_ok, TestVault, NO_BUS};

const FIXTURE_PASSPHRASE: &str = "fixture passphrase for accord";

fn fixture_dir(schema: i64) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/vaults/schema-{schema}"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn a_new_vault_is_at_the_latest_schema() {
    let vault = TestVault::init();
    let conn = raw_connection(&vault);
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, LATEST_SCHEMA);
}

#[test]
fn every_earlier_schema_has_a_fixture_and_opens_in_this_build() {
    for schema in 1..=LATEST_SCHEMA {
        let fixture = fixture_dir(schema);
        assert!(
            fixture.join("vault.json").exists(),
            "no fixture vault for schema {schema} at {}",
            fixture.display()
        );
        let tmp = tempfile::tempdir().unwrap();
        let copy = tmp.path().join("vault");
        copy_dir(&fixture, &copy);

        let dir = VaultDir::new(&copy);
        let key =
            vault::unlock_with_passphrase(&dir, &FIXTURE_PASSPHRASE.to_string().into()).unwrap();
        let opened = Vault::open(&dir, key, Access::Write).unwrap();
        let conn = opened.read();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            version, LATEST_SCHEMA,
            "schema {schema} migrated to the latest"
        );

        let cases = accord::cases::list(conn, &Default::default()).unwrap();
        assert_eq!(cases.len(), 1, "schema {schema}: the sample case survived");
        assert_eq!(
            cases[0].title_en.as_deref(),
            Some("Lantau Bay Container Terminal Concession")
        );
        let sessions = accord::sessions::list(conn, &Default::default()).unwrap();
        assert_eq!(sessions.len(), 3);
        let terms = accord::termbase::list(conn, None).unwrap();
        assert!(
            terms.len() >= 150 && terms.iter().any(|t| t.en == "settlement agreement"),
            "schema {schema}: the termbase seed was loaded ({} terms)",
            terms.len()
        );
        let report = accord::integrity::verify(conn).unwrap();
        assert_eq!(
            report.first_break, None,
            "schema {schema}: the audit chain still verifies"
        );
        assert!(opened.integrity_problems().unwrap().is_empty());
    }
}

#[test]
fn a_vault_from_a_newer_accord_is_refused_and_left_alone() {
    let vault = TestVault::init();
    raw_connection(&vault)
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    let (code, message) = vault.err(&["case", "list"]);
    assert_eq!(code, "vault.schema_too_new");
    assert!(message.contains("99"), "{message}");
    let version: i64 = raw_connection(&vault)
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 99, "not downgraded");
}

/// A copy of the schema-`schema` fixture vault, and the directory holding it.
fn fixture_copy(schema: i64) -> (tempfile::TempDir, VaultDir) {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("vault");
    copy_dir(&fixture_dir(schema), &copy);
    (tmp, VaultDir::new(copy))
}

/// `accord --json …` on a fixture vault, unlocked with its passphrase.
fn accord_on(dir: &VaultDir, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_accord"));
    cmd.arg("--json")
        .args(args)
        .env("ACCORD_VAULT", dir.root())
        .env("ACCORD_PASSPHRASE", FIXTURE_PASSPHRASE)
        .env("ACCORD_LANG", "en")
        .env("DBUS_SESSION_BUS_ADDRESS", NO_BUS)
        .stdin(Stdio::null());
    cmd
}

/// Another Accord holding the vault open for writing (perhaps an older one, which knows
/// only the old schema): it holds `vault.lock`.
fn hold_writer_lock(dir: &VaultDir) -> File {
    dir.lock().expect("nobody else holds the fixture's lock")
}

fn unlock_fixture(dir: &VaultDir) -> vault::MasterKey {
    vault::unlock_with_passphrase(dir, &FIXTURE_PASSPHRASE.to_string().into()).unwrap()
}

/// The schema version in the database file, read with a raw keyed connection.
fn user_version(dir: &VaultDir) -> i64 {
    raw_connection_at(dir, FIXTURE_PASSPHRASE)
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_reader_never_migrates_under_another_writer() {
    let (_tmp, dir) = fixture_copy(1);
    let before = std::fs::read(dir.db_path()).unwrap();
    let writer = hold_writer_lock(&dir);

    // A second process: `accord case list` is a read.
    let (code, message) = run_err(accord_on(&dir, &["case", "list"]));
    assert_eq!(code, "vault.needs_migration");
    assert!(
        message.contains("older schema (1;") && message.contains(&LATEST_SCHEMA.to_string()),
        "{message}"
    );
    // And a read-only open in this process.
    let err = Vault::open(&dir, unlock_fixture(&dir), Access::Read).err();
    assert!(
        matches!(
            err,
            Some(accord::Error::NeedsMigration { found: 1, known }) if known == LATEST_SCHEMA
        ),
        "{err:?}"
    );
    assert!(
        std::fs::read(dir.db_path()).unwrap() == before,
        "the database file is byte for byte what it was"
    );
    let wal = dir.root().join("accord.db-wal");
    assert!(
        !wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0,
        "and nothing waits in a WAL either"
    );
    assert_eq!(user_version(&dir), 1, "not migrated");

    // The writer, once the other lets go, migrates.
    drop(writer);
    let opened = Vault::open(&dir, unlock_fixture(&dir), Access::Write).unwrap();
    let cases = accord::cases::list(opened.read(), &Default::default()).unwrap();
    assert_eq!(cases.len(), 1, "the sample case survived");
    assert!(accord::integrity::verify(opened.read())
        .unwrap()
        .first_break
        .is_none());
    drop(opened);
    assert_eq!(user_version(&dir), LATEST_SCHEMA);
}

#[test]
fn a_read_with_the_writer_lock_free_migrates_and_lets_the_lock_go() {
    let (_tmp, dir) = fixture_copy(2);
    let listed = run_ok(accord_on(&dir, &["case", "list"]));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(user_version(&dir), LATEST_SCHEMA);
    // The lock it took for the migration is free again: a writer gets it.
    drop(hold_writer_lock(&dir));
}

/// A migration appends audit events (schemas 3 and 4 record each note's regime and
/// revisions): they are anchored like any commit, so copying the database from before
/// the migration back over it is caught at the next open, before anything migrates it
/// again and hides it.
#[test]
fn the_database_from_before_a_migration_put_back_is_noticed() {
    let (_tmp, dir) = fixture_copy(2);
    let before = std::fs::read(dir.db_path()).unwrap();
    let events_before: i64 = raw_connection_at(&dir, FIXTURE_PASSPHRASE)
        .query_row("SELECT count(*) FROM audit_events", [], |r| r.get(0))
        .unwrap();
    // A read migrates it (nobody holds the lock).
    run_ok(accord_on(&dir, &["case", "list"]));
    let events_after: i64 = raw_connection_at(&dir, FIXTURE_PASSPHRASE)
        .query_row("SELECT count(*) FROM audit_events", [], |r| r.get(0))
        .unwrap();
    assert!(
        events_after > events_before,
        "the migration recorded events ({events_before} → {events_after}), else this proves nothing"
    );

    for companion in ["accord.db-wal", "accord.db-shm"] {
        let _ = std::fs::remove_file(dir.root().join(companion));
    }
    std::fs::write(dir.db_path(), &before).unwrap();
    let (code, _) = run_err(accord_on(&dir, &["case", "list"]));
    assert_eq!(code, "audit.rolled_back");
    assert_eq!(user_version(&dir), 2, "and it was not migrated again");
}

/// Events with `action`, counted.
fn events_with(conn: &rusqlite::Connection, action: &str) -> Vec<accord::audit::AuditEvent> {
    accord::audit::list(conn, None)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == action)
        .collect()
}

/// Schema 6 corrects the termbase of a vault made at schema 5: entries as the seed left
/// them read as corrected, one the mediator edited (before this build ever opened the
/// vault) is theirs still and reported in the log, and the chain verifies. Opening again
/// changes nothing more.
#[test]
fn schema_6_corrects_a_schema_5_termbase_and_leaves_the_mediators_own_edits() {
    use accord::termbase::corrections::{self, APPLIED, SKIPPED};
    use accord::termbase::seed::seed_id;

    let (_tmp, dir) = fixture_copy(5);
    assert_eq!(user_version(&dir), 5);
    // The mediator's edit, as the Accord of schema 5 made it: the same termbase code and
    // audit chain, on the database as that Accord left it.
    let edited = seed_id("legal representative");
    {
        let mut conn = raw_connection_at(&dir, FIXTURE_PASSPHRASE);
        let stamp = accord::audit::Stamp {
            at: "2026-12-02T10:00:00Z".parse().unwrap(),
            actor: "Fixture Mediator".into(),
        };
        accord::store::write_plain_for_benchmarks(&mut conn, &stamp, |tx| {
            accord::termbase::update(
                tx,
                edited,
                accord::termbase::TermUpdate {
                    note: Some("Our company's 法定代表人 signs for it.".into()),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    }

    let opened = Vault::open(&dir, unlock_fixture(&dir), Access::Write).unwrap();
    let conn = opened.read();
    let term = |en: &str| accord::termbase::find(conn, en).unwrap();
    assert_eq!(
        term("facilitative mediation").zh_hant.as_deref(),
        Some("促進式調解")
    );
    assert_eq!(
        term("language of the proceedings").zh_hans.as_deref(),
        Some("程序使用的语言")
    );
    assert_eq!(term("adjournment").zh_hans.as_deref(), Some("延期"));
    assert_eq!(term("recess").zh_hant.as_deref(), Some("休會"));
    assert_eq!(
        term("mediated settlement agreement").zh_hant.as_deref(),
        Some("經調解的和解協議")
    );
    let kept = term("legal representative");
    assert_eq!(kept.id, edited);
    assert_eq!(
        (kept.zh_hans.as_deref(), kept.zh_hant.as_deref()),
        (Some("法定代表人"), Some("法定代表人")),
        "the mediator's entry is left as they had it"
    );
    assert_eq!(
        kept.note.as_deref(),
        Some("Our company's 法定代表人 signs for it.")
    );
    assert_eq!(
        term("legal representative of a legal person")
            .zh_hans
            .as_deref(),
        Some("法定代表人"),
        "the split's new half is added all the same"
    );

    let file = corrections::corrections();
    let of_edited = file
        .changes
        .iter()
        .filter(|c| c.key == "legal representative")
        .count();
    let skipped = events_with(conn, SKIPPED);
    assert_eq!(skipped.len(), of_edited, "each skipped change is reported");
    assert!(skipped
        .iter()
        .all(|e| e.entity_id == edited.to_string() && e.actor == "Accord schema 6"));
    assert_eq!(
        events_with(conn, APPLIED).len(),
        file.changes.len() - of_edited + file.additions.len()
    );
    assert_eq!(accord::integrity::verify(conn).unwrap().first_break, None);
    let events = accord::audit::list(conn, None).unwrap().len();
    drop(opened);

    let verified = run_ok(accord_on(&dir, &["audit", "verify"]));
    assert_eq!(verified["first_break"], serde_json::Value::Null);
    let reopened = Vault::open(&dir, unlock_fixture(&dir), Access::Write).unwrap();
    assert_eq!(
        accord::audit::list(reopened.read(), None).unwrap().len(),
        events,
        "opening again applies nothing twice"
    );
    assert_eq!(user_version(&dir), LATEST_SCHEMA);
}

#[test]
#[ignore = "writes tests/fixtures; run by hand before adding a migration"]
fn write_fixture_of_the_current_schema() {
    let target = fixture_dir(LATEST_SCHEMA);
    assert!(
        !target.exists(),
        "{} exists; fixtures are never rewritten",
        target.display()
    );
    let dir = VaultDir::new(&target);
    let options = InitOptions {
        passphrase: FIXTURE_PASSPHRASE.to_string().into(),
        mediator: "Fixture Mediator".into(),
        kdf: KdfParams {
            memory_kib: MIN_MEMORY_KIB,
            iterations: 1,
            parallelism: 1,
        },
        use_keyring: false,
    };
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-29T03:00:00Z")
        .unwrap()
        .to_utc();
    let mut made = vault::init(&dir, options, at).unwrap();
    made.vault.change(at, accord::demo::create).unwrap();
    drop(made);
    std::fs::remove_file(target.join("vault.lock")).unwrap();
}

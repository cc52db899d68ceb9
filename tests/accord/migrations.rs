//! Schema migrations: a vault made by any earlier Accord opens in this one.
//!
//! `tests/fixtures/vaults/schema-N/` is a vault written by the Accord that had schema N,
//! passphrase [`FIXTURE_PASSPHRASE`], holding the sample case. When a migration is added,
//! first write the fixture of the schema being left behind (before adding it):
//! `cargo test --test accord -- --ignored write_fixture_of_the_current_schema`.

use std::path::{Path, PathBuf};

use accord::store::LATEST_SCHEMA;
use accord::vault::{self, Access, InitOptions, KdfParams, Vault, VaultDir, MIN_MEMORY_KIB};

use crate::util::{raw_connection, TestVault};

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

//! A rekey stopped at each step, as a crash would stop it: the next open undoes it
//! (before the commit) or finishes it (after), and nothing is lost either way.

use std::path::Path;

use chrono::{DateTime, Utc};
use secrecy::SecretString;

use super::*;

const PASSPHRASE: &str = "a passphrase for rekey tests";

fn at() -> DateTime<Utc> {
    "2026-12-02T10:00:00Z".parse().unwrap()
}

fn passphrase() -> SecretString {
    PASSPHRASE.to_string().into()
}

/// A vault with one case (the cheapest KDF the floor allows), and its directory.
fn vault_with_a_case() -> (tempfile::TempDir, VaultDir, Vault) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = VaultDir::new(tmp.path().join("vault"));
    let options = InitOptions {
        passphrase: passphrase(),
        mediator: "Test Mediator".into(),
        kdf: KdfParams {
            memory_kib: MIN_MEMORY_KIB,
            iterations: 1,
            parallelism: 1,
        },
        use_keyring: false,
    };
    let mut vault = init(&dir, options, at()).unwrap().vault;
    vault
        .change(at(), |tx| {
            let new = crate::cases::NewCase {
                kind: Some(crate::cases::CaseKind::Commercial),
                lead_mediator: "Test Mediator".into(),
                title_en: Some("Harbour crane dispute".into()),
                ..Default::default()
            };
            crate::cases::create(tx, new).map(drop)
        })
        .unwrap();
    (tmp, dir, vault)
}

/// The vault's state a rekey must keep: its cases and its audit chain's length.
fn cases_and_events(vault: &Vault) -> (Vec<String>, i64) {
    let cases = crate::cases::list(vault.read(), &Default::default())
        .unwrap()
        .into_iter()
        .filter_map(|c| c.title_en)
        .collect();
    let events = vault
        .read()
        .query_row("SELECT count(*) FROM audit_events", [], |r| r.get(0))
        .unwrap();
    (cases, events)
}

fn staged_files(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".rekey"))
        .collect()
}

/// Steps 1–2 of a rekey, then the process dies: the vault is dropped, the staged files
/// stay. Returns the new key.
fn stage_and_crash(mut vault: Vault) -> MasterKey {
    let new_key = MasterKey::generate();
    let header = vault
        .header
        .rekeyed(&new_key, &passphrase(), &RecoveryKey::generate())
        .unwrap();
    let staged = rekey::Staged::in_dir(vault.dir.root());
    let stamp = vault.stamp(at()).unwrap();
    vault
        .stage_rekey(&staged, &header, &new_key, &stamp)
        .unwrap();
    drop(vault);
    new_key
}

#[test]
fn a_rekey_interrupted_before_its_commit_is_undone_at_open() {
    let (_tmp, dir, vault) = vault_with_a_case();
    let before = cases_and_events(&vault);
    let old_header = std::fs::read(dir.header_path()).unwrap();
    let new_key = stage_and_crash(vault);
    assert_eq!(
        staged_files(dir.root()).len(),
        3,
        "header, database and anchor were staged"
    );

    let key = unlock_with_passphrase(&dir, &passphrase()).unwrap();
    let vault = Vault::open(&dir, key, Access::Write).unwrap();
    assert_eq!(
        cases_and_events(&vault),
        before,
        "nothing lost, no event added"
    );
    assert!(
        staged_files(dir.root()).is_empty(),
        "the staged files are gone"
    );
    assert_eq!(std::fs::read(dir.header_path()).unwrap(), old_header);
    assert!(vault.verify().unwrap().first_break.is_none());
    drop(vault);
    assert!(matches!(
        Vault::open(&dir, new_key, Access::Read),
        Err(Error::KeyMismatch)
    ));
}

#[test]
fn a_rekey_interrupted_after_its_commit_is_finished_at_open() {
    let (_tmp, dir, vault) = vault_with_a_case();
    let (cases, events) = cases_and_events(&vault);
    let old_key = unlock_with_passphrase(&dir, &passphrase()).unwrap();
    let new_key = stage_and_crash(vault);
    rekey::commit(dir.root()).unwrap();

    // A key from before (the keyring's copy) does not open it, and changes nothing.
    let staged = staged_files(dir.root());
    assert!(matches!(
        Vault::open(&dir, old_key, Access::Write),
        Err(Error::KeyMismatch)
    ));
    assert_eq!(staged_files(dir.root()), staged);

    // The passphrase unwraps the new key from the committed header, and the open
    // finishes the rekey.
    let key = unlock_with_passphrase(&dir, &passphrase()).unwrap();
    assert_eq!(key.as_bytes(), new_key.as_bytes());
    let vault = Vault::open(&dir, key, Access::Read).unwrap();
    assert!(staged_files(dir.root()).is_empty());
    assert_eq!(
        cases_and_events(&vault),
        (cases, events + 1),
        "every case, and the vault.rekey event"
    );
    let last: String = vault
        .read()
        .query_row(
            "SELECT action FROM audit_events ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(last, "vault.rekey");
    assert!(vault.verify().unwrap().first_break.is_none());
}

#[test]
fn a_rekey_interrupted_between_its_renames_is_finished_at_open() {
    let (_tmp, dir, vault) = vault_with_a_case();
    let before = cases_and_events(&vault);
    stage_and_crash(vault);
    rekey::commit(dir.root()).unwrap();
    // The database is in place; the anchor is not yet.
    let staged = rekey::Staged::in_dir(dir.root());
    std::fs::rename(&staged.db, dir.db_path()).unwrap();

    let key = unlock_with_passphrase(&dir, &passphrase()).unwrap();
    let vault = Vault::open(&dir, key, Access::Write).unwrap();
    assert!(staged_files(dir.root()).is_empty());
    assert_eq!(cases_and_events(&vault).1, before.1 + 1);
    drop(vault);
    // The anchor in place is the new one: it names the vault.rekey event.
    let key = unlock_with_passphrase(&dir, &passphrase()).unwrap();
    Vault::open(&dir, key, Access::Read)
        .unwrap()
        .check_anchor()
        .unwrap();
}

#[test]
fn a_rekey_while_another_process_reads_the_vault_is_refused_and_changes_nothing() {
    let (_tmp, dir, vault) = vault_with_a_case();
    let before = cases_and_events(&vault);
    let header = std::fs::read(dir.header_path()).unwrap();
    // Another reader's connection keeps the old database's WAL alive.
    let key = unlock_with_passphrase(&dir, &passphrase()).unwrap();
    let reader = Store::open(&dir.db_path(), &key, Create::No, &schema::ACCORD).unwrap();
    crate::cases::list(reader.conn(), &Default::default()).unwrap();

    let refused = vault.rekey(&passphrase(), at()).err();
    assert!(matches!(refused, Some(Error::VaultInUse)), "{refused:?}");
    drop(reader);
    assert!(staged_files(dir.root()).is_empty());
    assert_eq!(std::fs::read(dir.header_path()).unwrap(), header);
    let vault = Vault::open(&dir, key, Access::Write).unwrap();
    assert_eq!(cases_and_events(&vault), before);
}

#[test]
fn a_wrong_passphrase_rotates_nothing() {
    let (_tmp, dir, mut vault) = vault_with_a_case();
    let header = std::fs::read(dir.header_path()).unwrap();
    let wrong: SecretString = "not the passphrase at all".to_string().into();
    assert!(matches!(
        vault.rotate_recovery(&wrong, at()),
        Err(Error::WrongPassphrase)
    ));
    let refused = vault.rekey(&wrong, at()).err();
    assert!(
        matches!(refused, Some(Error::WrongPassphrase)),
        "{refused:?}"
    );
    assert_eq!(std::fs::read(dir.header_path()).unwrap(), header);
    assert!(staged_files(dir.root()).is_empty());
}

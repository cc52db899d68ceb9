use std::fs;

use accord::vault::{Access, Vault, VaultDir};

use crate::util::{files_under, TestVault, PASSPHRASE};

#[test]
fn init_shows_a_recovery_key_once_and_never_stores_it() {
    let vault = TestVault::new();
    let out = vault.init_json(&["--no-keyring"]);
    let recovery = out["recovery_key"].as_str().unwrap();
    assert_eq!(
        recovery.len(),
        39,
        "eight groups of four characters: {recovery}"
    );
    assert_eq!(out["keyring"], "declined");
    for (path, bytes) in files_under(&vault.path) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(recovery),
            "{} holds the recovery key",
            path.display()
        );
        assert!(
            !text.contains(&recovery.replace('-', "")),
            "{} holds the recovery key",
            path.display()
        );
    }
    assert_eq!(vault.ok(&["case", "list"]), serde_json::json!([]));
}

#[test]
fn a_second_init_is_refused_and_changes_nothing() {
    let vault = TestVault::init();
    vault.new_case("Existing");
    let before = files_under(&vault.path);
    let mut cmd = vault.cmd(&["init", "--kdf-memory-mib", "64", "--kdf-iterations", "1"]);
    cmd.env("ACCORD_PASSPHRASE", "another long passphrase");
    let (code, _) = crate::util::run_err(cmd);
    assert_eq!(code, "vault.exists");
    assert_eq!(
        files_under(&vault.path),
        before,
        "the existing vault is untouched"
    );
}

#[test]
fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    let vault = TestVault::init();
    vault.new_case("Before");
    let before = files_under(&vault.path);
    for args in [
        &["case", "new", "--kind", "commercial", "--title-en", "X"][..],
        &["case", "list"],
        &["unlock"],
    ] {
        let mut cmd = vault.cmd(args);
        cmd.env("ACCORD_PASSPHRASE", "correct horse battery stapler");
        let (code, message) = crate::util::run_err(cmd);
        assert_eq!(code, "vault.wrong_passphrase", "{args:?}");
        assert_eq!(message, "Wrong passphrase. Nothing was changed.");
    }
    assert_eq!(files_under(&vault.path), before, "no file changed");
    assert_eq!(vault.ok(&["case", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn unlock_checks_the_passphrase_and_the_vault() {
    let vault = TestVault::init();
    let out = vault.ok(&["unlock"]);
    assert_eq!(out["unlocked"], true);
    assert_eq!(
        out["keyring"], false,
        "this vault keeps no key in the keyring"
    );
    let out = vault.ok(&["lock"]);
    assert_eq!(out["locked"], true);
    assert_eq!(out["removed_from_keyring"], false);
}

#[test]
fn without_a_terminal_or_a_given_passphrase_it_says_so() {
    let vault = TestVault::init();
    let mut cmd = vault.cmd(&["case", "list"]);
    cmd.env_remove("ACCORD_PASSPHRASE");
    let (code, _) = crate::util::run_err(cmd);
    assert_eq!(code, "vault.passphrase_required");
}

#[test]
fn a_passphrase_file_works_and_only_its_first_line_counts() {
    let vault = TestVault::init();
    let file = vault.path.parent().unwrap().join("pass.txt");
    fs::write(&file, format!("{PASSPHRASE}\nignored second line\n")).unwrap();
    let mut cmd = vault.cmd(&["--passphrase-file", file.to_str().unwrap(), "case", "list"]);
    cmd.env_remove("ACCORD_PASSPHRASE");
    assert_eq!(crate::util::run_ok(cmd), serde_json::json!([]));
}

#[test]
fn the_recovery_key_opens_the_vault_and_sets_a_new_passphrase() {
    let vault = TestVault::new();
    let init = vault.init_json(&["--no-keyring"]);
    let recovery = init["recovery_key"].as_str().unwrap().to_lowercase();
    vault.new_case("Kept through recovery");

    // A wrong recovery key changes nothing.
    let mut cmd = vault.cmd(&["unlock", "--recovery-key"]);
    cmd.env(
        "ACCORD_RECOVERY_KEY",
        "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH",
    )
    .env("ACCORD_NEW_PASSPHRASE", "a brand new passphrase");
    assert_eq!(crate::util::run_err(cmd).0, "vault.wrong_recovery_key");
    assert_eq!(
        vault.ok(&["case", "list"]).as_array().unwrap().len(),
        1,
        "old passphrase still works"
    );

    // The right one (typed in lower case) resets the passphrase.
    let mut cmd = vault.cmd(&["unlock", "--recovery-key"]);
    cmd.env("ACCORD_RECOVERY_KEY", &recovery)
        .env("ACCORD_NEW_PASSPHRASE", "a brand new passphrase");
    assert_eq!(crate::util::run_ok(cmd)["passphrase_reset"], true);

    assert_eq!(
        vault.err(&["case", "list"]).0,
        "vault.wrong_passphrase",
        "the old passphrase is gone"
    );
    let mut cmd = vault.cmd(&["case", "list"]);
    cmd.env("ACCORD_PASSPHRASE", "a brand new passphrase");
    let cases = crate::util::run_ok(cmd);
    assert_eq!(
        cases[0]["title_en"], "Kept through recovery",
        "data survives recovery"
    );

    // The recovery key keeps working after it was used.
    let mut cmd = vault.cmd(&["unlock", "--recovery-key"]);
    cmd.env("ACCORD_RECOVERY_KEY", &recovery)
        .env("ACCORD_NEW_PASSPHRASE", PASSPHRASE);
    crate::util::run_ok(cmd);
    assert_eq!(vault.ok(&["case", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn passphrase_change_replaces_the_old_one() {
    let vault = TestVault::new();
    let init = vault.init_json(&["--no-keyring"]);
    let mut cmd = vault.cmd(&["passphrase", "change"]);
    cmd.env("ACCORD_NEW_PASSPHRASE", "the second passphrase");
    assert_eq!(crate::util::run_ok(cmd)["changed"], true);
    assert_eq!(vault.err(&["case", "list"]).0, "vault.wrong_passphrase");
    let mut cmd = vault.cmd(&["case", "list"]);
    cmd.env("ACCORD_PASSPHRASE", "the second passphrase");
    crate::util::run_ok(cmd);

    let recovery = init["recovery_key"].as_str().unwrap();
    let mut cmd = vault.cmd(&["unlock", "--recovery-key"]);
    cmd.env("ACCORD_RECOVERY_KEY", recovery)
        .env("ACCORD_NEW_PASSPHRASE", PASSPHRASE);
    crate::util::run_ok(cmd);
    vault.ok(&["case", "list"]);

    let actions: Vec<String> = vault
        .ok(&["audit", "log"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().into())
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "vault.passphrase_change")
            .count(),
        2,
        "{actions:?}"
    );
}

#[test]
fn weak_settings_are_refused_before_anything_is_written() {
    let vault = TestVault::new();
    let mut cmd = vault.cmd(&["init", "--kdf-memory-mib", "32"]);
    cmd.arg("--no-keyring");
    assert_eq!(crate::util::run_err(cmd).0, "vault.weak_kdf");
    let mut cmd = vault.cmd(&["init", "--no-keyring"]);
    cmd.env("ACCORD_PASSPHRASE", "short");
    assert_eq!(crate::util::run_err(cmd).0, "vault.passphrase_too_short");
    assert!(!vault.path.exists(), "no vault directory was created");
}

#[test]
fn a_missing_vault_is_named() {
    let vault = TestVault::new();
    let (code, message) = vault.err(&["case", "list"]);
    assert_eq!(code, "vault.not_found");
    assert!(message.contains(vault.path.to_str().unwrap()), "{message}");
}

#[test]
fn a_second_writer_gets_vault_in_use_while_readers_go_on() {
    let vault = TestVault::init();
    vault.new_case("First");
    let dir = VaultDir::new(&vault.path);
    let key = accord::vault::unlock_with_passphrase(&dir, &PASSPHRASE.to_string().into()).unwrap();
    let writer = Vault::open(&dir, key, Access::Write).unwrap();

    let (code, message) = vault.err(&[
        "case",
        "new",
        "--kind",
        "commercial",
        "--title-en",
        "Second",
    ]);
    assert_eq!(code, "vault.in_use");
    assert!(message.contains("in use"), "{message}");
    assert_eq!(
        vault.ok(&["case", "list"]).as_array().unwrap().len(),
        1,
        "reading still works"
    );

    drop(writer);
    vault.new_case("Second");
    assert_eq!(vault.ok(&["case", "list"]).as_array().unwrap().len(), 2);
}

#[test]
fn a_vault_whose_database_is_gone_is_damaged_not_recreated() {
    let vault = TestVault::init();
    fs::remove_file(vault.file("accord.db")).unwrap();
    assert_eq!(vault.err(&["case", "list"]).0, "vault.damaged");
    assert_eq!(
        vault
            .err(&["case", "new", "--kind", "commercial", "--title-en", "X"])
            .0,
        "vault.damaged"
    );
    assert!(
        !vault.file("accord.db").exists(),
        "no empty database was made in its place"
    );
}

#[test]
fn a_database_from_another_vault_is_not_opened() {
    let a = TestVault::init();
    let b = TestVault::init();
    fs::copy(b.file("accord.db"), a.file("accord.db")).unwrap();
    assert_eq!(
        a.err(&["case", "list"]).0,
        "vault.damaged",
        "a's key does not open b's database"
    );
}

#[test]
fn vault_files_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let vault = TestVault::init();
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&vault.path), 0o700);
    for name in ["vault.json", "accord.db", "vault.lock", "audit.anchor"] {
        assert_eq!(mode(&vault.file(name)), 0o600, "{name}");
    }
}

fn mode_of(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn chmod(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// `files.not_private` warnings a command printed on stderr (`--json`: one JSON per line).
fn warnings(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["warning"]["code"] == "files.not_private")
        .map(|v| v["warning"]["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_vault_made_in_an_open_existing_directory_is_made_private() {
    let vault = TestVault::new();
    fs::create_dir(&vault.path).unwrap();
    chmod(&vault.path, 0o775);
    vault.init_json(&["--no-keyring"]);
    assert_eq!(
        mode_of(&vault.path),
        0o700,
        "the directory is the mediator's alone"
    );
}

#[test]
fn loose_modes_are_a_warning_with_a_code_at_every_open_and_the_wal_stays_private() {
    let vault = TestVault::init();
    vault.new_case("First");
    let out = vault.cmd(&["case", "list"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        warnings(&out.stderr),
        Vec::<String>::new(),
        "a fresh vault is private"
    );

    // While a reader holds the vault open, SQLite's -wal and -shm files are private too.
    let dir = VaultDir::new(&vault.path);
    let key = accord::vault::unlock_with_passphrase(&dir, &PASSPHRASE.to_string().into()).unwrap();
    let reader = Vault::open(&dir, key, Access::Read).unwrap();
    accord::cases::list(reader.read(), &Default::default()).unwrap();
    for name in ["accord.db-wal", "accord.db-shm"] {
        assert_eq!(mode_of(&vault.file(name)), 0o600, "{name}");
    }
    drop(reader);

    chmod(&vault.file("accord.db"), 0o644);
    chmod(&vault.file("vault.json"), 0o664);
    chmod(&vault.path, 0o755);
    let out = vault.cmd(&["case", "list"]).output().unwrap();
    assert!(
        out.status.success(),
        "a loose mode warns, it does not refuse"
    );
    let cases: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        cases.as_array().unwrap().len(),
        1,
        "the command did its work"
    );
    let found = warnings(&out.stderr);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found[0].contains("(mode 0755)"),
        "the directory first: {found:?}"
    );
    assert!(
        found
            .iter()
            .any(|w| w.contains("accord.db") && w.contains("mode 0644")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|w| w.contains("vault.json") && w.contains("mode 0664")),
        "{found:?}"
    );
    assert!(
        found.iter().all(|w| w.contains("chmod 600")),
        "says how to fix it: {found:?}"
    );

    // The desktop reads the same warnings from the vault's status.
    let status = VaultDir::new(&vault.path).status(false);
    assert_eq!(status.warnings.len(), 3);
    assert!(status
        .warnings
        .iter()
        .all(|w| w.code == accord::ErrorCode::NotPrivate));

    chmod(&vault.file("accord.db"), 0o600);
    chmod(&vault.file("vault.json"), 0o600);
    chmod(&vault.path, 0o700);
    let out = vault.cmd(&["case", "list"]).output().unwrap();
    assert!(warnings(&out.stderr).is_empty(), "fixed modes, no warning");
}

/// `vault.json` as someone with write access to it could leave it.
fn edit_header(vault: &TestVault, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = vault.file("vault.json");
    let mut header: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    edit(&mut header);
    fs::write(&path, serde_json::to_vec_pretty(&header).unwrap()).unwrap();
}

#[test]
fn a_header_asking_for_huge_key_derivation_costs_is_refused_at_once() {
    for (what, field, value) in [
        ("memory", "memory_kib", u64::from(u32::MAX)),
        ("passes", "iterations", u64::from(u32::MAX)),
    ] {
        let vault = TestVault::init();
        let events = vault.audit_len();
        edit_header(&vault, |h| h["slots"][0]["kdf"][field] = value.into());
        let started = std::time::Instant::now();
        let (code, message) = vault.err(&["case", "list"]);
        assert_eq!(code, "vault.damaged", "{what}: {message}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{what}: refused at once, not run ({:?})",
            started.elapsed()
        );
        edit_header(&vault, |h| {
            h["slots"][0]["kdf"][field] = if field == "memory_kib" { 65536 } else { 1 }.into()
        });
        assert_eq!(
            vault.audit_len(),
            events,
            "{what}: the vault opens again, unchanged"
        );
    }
}

/// The seq of the vault's own latest event (`vault.create` in a new vault).
fn vault_event(vault: &TestVault) -> i64 {
    let log = vault.ok(&["audit", "log"]);
    log.as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity_type"] == "vault")
        .map(|e| e["seq"].as_i64().unwrap())
        .max()
        .expect("a vault event")
}

#[test]
fn verify_reports_a_keyring_state_edited_into_the_header() {
    let vault = TestVault::init();
    vault.new_case("First");
    let seq = vault_event(&vault);
    assert_eq!(
        vault.ok(&["audit", "verify"])["first_break"],
        serde_json::Value::Null
    );
    edit_header(&vault, |h| h["keyring"] = "enabled".into());
    let (code, message) = vault.err(&["audit", "verify"]);
    assert_eq!(code, "audit.broken", "{message}");
    assert!(
        message.contains(&format!("event {seq}:")),
        "names the vault's last event: {message}"
    );
    assert!(message.contains("vault.json"), "{message}");
}

#[test]
fn verify_reports_key_derivation_costs_edited_into_the_header() {
    // Opened by the recovery key (which needs no Argon2id), a header whose costs were
    // changed still opens; only the chain can tell that they are not what was recorded.
    let vault = TestVault::new();
    let init = vault.init_json(&["--no-keyring"]);
    let recovery =
        accord::vault::RecoveryKey::parse(init["recovery_key"].as_str().unwrap()).unwrap();
    let seq = vault_event(&vault);
    edit_header(&vault, |h| h["slots"][0]["kdf"]["iterations"] = 3.into());
    let dir = VaultDir::new(&vault.path);
    let key = accord::vault::unlock_with_recovery(&dir, &recovery).unwrap();
    let opened = Vault::open(&dir, key, Access::Read).unwrap();
    let report = opened.verify().unwrap();
    let broken = report.first_break.expect("a break");
    assert_eq!(broken.seq, seq, "the vault.create event");
    assert!(broken.reason.contains("vault.json"), "{}", broken.reason);
    assert_eq!(
        opened.verify().unwrap().into_result().unwrap_err().code(),
        accord::ErrorCode::AuditBroken
    );
}

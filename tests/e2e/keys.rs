//! Rotation in the real app: Settings → Keys → Re-key the vault. A wrong passphrase is
//! refused in the dialog; the right one shows a new recovery key once, the OS keyring
//! gets the new key, and afterwards the new recovery key opens the vault and the old one
//! does not.

use std::process::Command;

use crate::driver::{available, App, Sandbox};
use crate::flows::{create_vault, keyring_entry, runtime, ONE_APP, PASSPHRASE};

/// `accord unlock --recovery-key` on the sandbox's vault: the error code, or None.
fn unlock_with_recovery(sandbox: &Sandbox, recovery: &str) -> Option<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(["--json", "unlock", "--recovery-key"])
        .env("ACCORD_VAULT", sandbox.vault())
        .env("ACCORD_RECOVERY_KEY", recovery)
        .env("ACCORD_NEW_PASSPHRASE", PASSPHRASE)
        .env("ACCORD_LANG", "en")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/accord-e2e-bus",
        )
        .output()
        .expect("accord runs");
    if out.status.success() {
        return None;
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let error: serde_json::Value = stderr
        .lines()
        .rev()
        .find_map(|line| serde_json::from_str(line).ok())
        .unwrap_or_else(|| panic!("no JSON error: {stderr}"));
    Some(
        error["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    )
}

#[test]
fn a_mediator_re_keys_the_vault_from_settings() {
    if !available(true) {
        return;
    }
    let _one = ONE_APP.lock().unwrap_or_else(|p| p.into_inner());
    let sandbox = Sandbox::new();
    let (old_recovery, new_recovery) = runtime().block_on(async {
        let app = App::start(&sandbox).await;
        let old = create_vault(&app).await;
        let keyring_before = keyring_entry(&sandbox);
        assert!(
            keyring_before.contains("secret"),
            "the mediator opted into the keyring: {keyring_before}"
        );

        app.click("settings-button").await;
        app.click("settings-rekey").await;
        app.type_into("key-rotation-passphrase", "not the passphrase at all")
            .await;
        app.click("key-rotation-submit").await;
        let error = app.text_of("key-rotation-error").await;
        assert!(error.contains("Wrong passphrase"), "{error}");

        app.type_into("key-rotation-passphrase", PASSPHRASE).await;
        app.click("key-rotation-submit").await;
        let new = app.text_of("recovery-key").await;
        assert_eq!(new.trim().len(), 39, "eight groups of four: {new}");
        assert_ne!(new.trim(), old.trim(), "a new recovery key");
        app.click("recovery-stored").await;
        app.click("recovery-continue").await;
        app.el("settings-keys").await;

        let keyring_after = keyring_entry(&sandbox);
        assert!(keyring_after.contains("secret"), "{keyring_after}");
        assert_ne!(
            keyring_after, keyring_before,
            "the keyring holds the new key, not the old"
        );
        // The vault is still open in the app.
        app.click("settings-dialog-close").await;
        app.el("case-filter").await;
        // The command line may open the vault only once the app has let go of it.
        let pid = crate::process::processes_of(&sandbox.vault())
            .into_iter()
            .find(|(_, comm)| comm == "accord-desktop")
            .map(|(pid, _)| pid)
            .expect("the app's process");
        app.close().await;
        crate::driver::wait_until_gone(&pid).await;
        (old, new)
    });

    assert_eq!(
        unlock_with_recovery(&sandbox, old_recovery.trim()).as_deref(),
        Some("vault.wrong_recovery_key"),
        "the old recovery key opens nothing"
    );
    assert_eq!(
        unlock_with_recovery(&sandbox, new_recovery.trim()),
        None,
        "the new one opens the vault"
    );
}

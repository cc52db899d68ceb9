//! `accord init | unlock | lock | passphrase | keyring | recovery | rekey`: the vault itself, before and
//! around the records. These open the vault their own way (a new one, the recovery key,
//! the passphrase only), so they get the [`Shell`], not a record `Context`.

use std::path::PathBuf;

use accord::vault::{
    self, Access, InitOptions, KdfParams, KeyringState, NewRecoveryKey, Vault, VaultCreated,
};
use accord::Result;
use clap::{Args, Subcommand};
use serde::Serialize;
use zeroize::Zeroize;

use super::secrets;
use super::Shell;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Your name as mediator, recorded in the audit log (default: the login name).
    #[arg(long)]
    pub mediator: Option<String>,
    /// Do not keep the key in the OS keyring.
    #[arg(long)]
    pub no_keyring: bool,
    /// Argon2id memory cost in MiB (at least 64).
    #[arg(long, value_name = "MIB")]
    pub kdf_memory_mib: Option<u32>,
    /// Argon2id passes.
    #[arg(long, value_name = "N")]
    pub kdf_iterations: Option<u32>,
}

#[derive(Debug, Args)]
pub struct UnlockArgs {
    /// Unlock with the recovery key, then set a new passphrase.
    #[arg(long)]
    pub recovery_key: bool,
    /// Read the new passphrase from FILE (with --recovery-key).
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum PassphraseCommand {
    /// Set a new passphrase (the recovery key stays valid).
    Change {
        /// Read the new passphrase from FILE.
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RecoveryCommand {
    /// Make a new recovery key, shown once; the old one no longer opens this vault.
    /// (Copies of the old vault.json still accept it: `accord rekey` ends that.)
    Rotate,
}

#[derive(Debug, Subcommand)]
pub enum KeyringCommand {
    /// Whether the key is kept in the OS keyring.
    Status,
    /// Keep the key in the OS keyring from now on.
    Enable,
    /// Remove the key from the OS keyring and stop keeping it there.
    Forget,
}

/// `init --json`: what the desktop's vault_create returns, and where the vault is.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct InitReport {
    pub vault: String,
    pub vault_id: uuid::Uuid,
    #[serde(flatten)]
    #[ts(flatten)]
    pub created: VaultCreated,
}

/// `unlock --json` (the desktop's unlock returns nothing: it holds the vault open).
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct UnlockReport {
    pub unlocked: bool,
    /// Unlocked with the recovery key, and a new passphrase set.
    pub passphrase_reset: bool,
    /// The key is in the OS keyring now.
    pub keyring: bool,
}

/// `lock --json`.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct LockReport {
    pub locked: bool,
    pub removed_from_keyring: bool,
}

/// `passphrase change --json`.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct PassphraseReport {
    pub changed: bool,
}

/// `keyring status|enable|forget --json`: the vault's keyring setting afterwards.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct KeyringReport {
    pub keyring: KeyringState,
}

pub fn init(shell: &Shell<'_>, args: &InitArgs) -> Result<()> {
    let dir = shell.vault_dir()?;
    let out = shell.out;
    let passphrase = secrets::new_passphrase(
        out,
        shell.cli.passphrase_file.as_deref(),
        "ACCORD_PASSPHRASE",
    )?;
    let mut kdf = KdfParams::default();
    if let Some(mib) = args.kdf_memory_mib {
        kdf.memory_kib = mib.saturating_mul(1024);
    }
    if let Some(n) = args.kdf_iterations {
        kdf.iterations = n;
    }
    let mediator = args
        .mediator
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "mediator".into());
    let options = InitOptions {
        passphrase,
        mediator,
        kdf,
        use_keyring: !args.no_keyring,
    };
    let done = vault::init(&dir, options, chrono::Utc::now())?;
    if let Some(reason) = &done.keyring_detail {
        // Said once, here; the vault remembers and later commands stay quiet.
        out.notice("notice-keyring-unavailable", &[("detail", reason.clone())]);
    }
    if out.json {
        let mut report = InitReport {
            vault: dir.root().display().to_string(),
            vault_id: done.vault.header().vault_id,
            created: done.created(),
        };
        out.print_json(&report);
        // The copy the report held; `done` wipes its own.
        report.created.recovery_key.zeroize();
        return Ok(());
    }
    println!(
        "{}",
        out.text_with(
            "init-created",
            &[("path", dir.root().display().to_string())]
        )
    );
    println!();
    println!("{}", out.text("init-recovery-key-heading"));
    println!();
    println!("    {}", done.recovery_key.as_str());
    println!();
    println!("{}", out.text("init-recovery-key-once"));
    println!(
        "{}",
        out.text(&format!("init-keyring-{}", done.keyring.as_str()))
    );
    Ok(())
}

pub fn unlock(shell: &Shell<'_>, args: &UnlockArgs) -> Result<()> {
    let out = shell.out;
    let dir = shell.vault_dir()?;
    dir.header()?;
    let (vault, in_keyring) = if args.recovery_key {
        let recovery = secrets::recovery_key(out)?;
        let key = vault::unlock_with_recovery(&dir, &recovery)?;
        let mut vault = Vault::open(&dir, key, Access::Write)?;
        let new = secrets::new_passphrase(
            out,
            args.new_passphrase_file.as_deref(),
            "ACCORD_NEW_PASSPHRASE",
        )?;
        vault.change_passphrase(&new, chrono::Utc::now())?;
        let in_keyring = vault.refresh_keyring().unwrap_or(false);
        (vault, in_keyring)
    } else {
        // Always the passphrase: unlocking is how the keyring copy comes back, as on the
        // desktop's unlock screen (one core function for both).
        let passphrase = secrets::passphrase(out, shell.cli.passphrase_file.as_deref())?;
        let opened = vault::open_with_passphrase(&dir, &passphrase, Access::Read)?;
        (opened.vault, opened.in_keyring)
    };
    let problems = vault.integrity_problems()?;
    if !problems.is_empty() {
        return Err(accord::Error::VaultDamaged(problems.join("; ")));
    }
    if out.json {
        out.print_json(&UnlockReport {
            unlocked: true,
            passphrase_reset: args.recovery_key,
            keyring: in_keyring,
        });
        return Ok(());
    }
    if args.recovery_key {
        println!("{}", out.text("unlock-passphrase-reset"));
    }
    println!(
        "{}",
        out.text(if in_keyring {
            "unlock-done-keyring"
        } else {
            "unlock-done"
        })
    );
    Ok(())
}

pub fn lock(shell: &Shell<'_>) -> Result<()> {
    let removed = vault::lock_keyring(&shell.vault_dir()?)?;
    if shell.out.json {
        shell.out.print_json(&LockReport {
            locked: true,
            removed_from_keyring: removed,
        });
    } else {
        println!("{}", shell.out.text("lock-done"));
    }
    Ok(())
}

pub fn passphrase(shell: &Shell<'_>, command: &PassphraseCommand) -> Result<()> {
    let PassphraseCommand::Change {
        new_passphrase_file,
    } = command;
    let out = shell.out;
    let dir = shell.vault_dir()?;
    dir.header()?;
    let old = secrets::passphrase(out, shell.cli.passphrase_file.as_deref())?;
    let key = vault::unlock_with_passphrase(&dir, &old)?;
    let mut vault = Vault::open(&dir, key, Access::Write)?;
    let new =
        secrets::new_passphrase(out, new_passphrase_file.as_deref(), "ACCORD_NEW_PASSPHRASE")?;
    vault.change_passphrase(&new, chrono::Utc::now())?;
    if out.json {
        out.print_json(&PassphraseReport { changed: true });
    } else {
        println!("{}", out.text("passphrase-changed"));
    }
    Ok(())
}

pub fn keyring(shell: &Shell<'_>, command: &KeyringCommand) -> Result<()> {
    let out = shell.out;
    let state = match command {
        KeyringCommand::Status => shell.vault_dir()?.header()?.keyring,
        KeyringCommand::Enable => {
            let mut vault = shell.open(Access::Write)?;
            vault.enable_keyring(chrono::Utc::now())?;
            vault.header().keyring
        }
        KeyringCommand::Forget => {
            let mut vault = shell.open(Access::Write)?;
            vault.forget_keyring(chrono::Utc::now())?;
            vault.header().keyring
        }
    };
    if out.json {
        out.print_json(&KeyringReport { keyring: state });
        return Ok(());
    }
    let name = match state {
        KeyringState::Enabled => "enabled",
        KeyringState::Disabled => "disabled",
        KeyringState::Unavailable => "unavailable",
    };
    println!("{}", out.text(&format!("keyring-state-{name}")));
    Ok(())
}

/// Prints a recovery key made by a rotation or a rekey, once: `message` says what
/// happened; `--json` prints [`NewRecoveryKey`].
fn show_new_recovery_key(shell: &Shell<'_>, recovery_key: &str, message: &str) {
    let out = shell.out;
    if out.json {
        let mut shown = NewRecoveryKey {
            recovery_key: recovery_key.to_string(),
        };
        out.print_json(&shown);
        shown.recovery_key.zeroize();
        return;
    }
    println!("{}", out.text(message));
    println!();
    println!("{}", out.text("init-recovery-key-heading"));
    println!();
    println!("    {recovery_key}");
    println!();
    println!("{}", out.text("init-recovery-key-once"));
}

/// Opens the vault for writing with the passphrase (never the keyring: rotating a key
/// asks for it, as the desktop does), and the passphrase, which the rotation checks.
fn open_by_passphrase(shell: &Shell<'_>) -> Result<(Vault, secrecy::SecretString)> {
    let dir = shell.vault_dir()?;
    dir.header()?;
    let passphrase = secrets::passphrase(shell.out, shell.cli.passphrase_file.as_deref())?;
    let key = vault::unlock_with_passphrase(&dir, &passphrase)?;
    Ok((Vault::open(&dir, key, Access::Write)?, passphrase))
}

pub fn recovery(shell: &Shell<'_>, command: &RecoveryCommand) -> Result<()> {
    let RecoveryCommand::Rotate = command;
    let (mut vault, passphrase) = open_by_passphrase(shell)?;
    let recovery_key = vault.rotate_recovery(&passphrase, chrono::Utc::now())?;
    show_new_recovery_key(shell, &recovery_key, "recovery-rotated");
    Ok(())
}

pub fn rekey(shell: &Shell<'_>) -> Result<()> {
    let (vault, passphrase) = open_by_passphrase(shell)?;
    let rekeyed = vault.rekey(&passphrase, chrono::Utc::now())?;
    show_new_recovery_key(shell, &rekeyed.recovery_key, "rekey-done");
    Ok(())
}

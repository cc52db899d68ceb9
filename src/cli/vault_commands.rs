//! `accord init | unlock | lock | passphrase | keyring`.

use accord::vault::{self, Access, InitOptions, KdfParams, KeyringState, Vault};
use accord::Result;
use serde_json::json;

use super::args::{InitArgs, KeyringCommand, PassphraseCommand, UnlockArgs};
use super::secrets;
use super::Context;

pub fn init(ctx: &Context<'_>, args: &InitArgs) -> Result<()> {
    let dir = ctx.vault_dir()?;
    let out = ctx.out;
    let passphrase =
        secrets::new_passphrase(out, ctx.cli.passphrase_file.as_deref(), "ACCORD_PASSPHRASE")?;
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
    let done = vault::init(&dir, options, ctx.now())?;
    let keyring = done.keyring.as_str();
    if let Some(reason) = &done.keyring_detail {
        // Said once, here; the vault remembers and later commands stay quiet.
        out.notice("notice-keyring-unavailable", &[("detail", reason.clone())]);
    }
    if out.json {
        out.print_json(&json!({
            "vault": dir.root(),
            "vault_id": done.vault.header().vault_id,
            "recovery_key": done.recovery_key.as_str(),
            "keyring": keyring,
        }));
    } else {
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
        println!("{}", out.text(&format!("init-keyring-{keyring}")));
    }
    Ok(())
}

pub fn unlock(ctx: &Context<'_>, args: &UnlockArgs) -> Result<()> {
    let out = ctx.out;
    let dir = ctx.vault_dir()?;
    let vault = if args.recovery_key {
        dir.header()?;
        let recovery = secrets::recovery_key(out)?;
        let key = vault::unlock_with_recovery(&dir, &recovery)?;
        let mut vault = Vault::open(&dir, key, Access::Write)?;
        let new = secrets::new_passphrase(
            out,
            args.new_passphrase_file.as_deref(),
            "ACCORD_NEW_PASSPHRASE",
        )?;
        vault.change_passphrase(&new, ctx.now())?;
        vault
    } else {
        // Always the passphrase: unlocking is how the keyring copy comes back.
        dir.header()?;
        let passphrase = secrets::passphrase(out, ctx.cli.passphrase_file.as_deref())?;
        let key = vault::unlock_with_passphrase(&dir, &passphrase)?;
        Vault::open(&dir, key, Access::Read)?
    };
    let in_keyring = vault.refresh_keyring().unwrap_or(false);
    let problems = vault.integrity_problems()?;
    if !problems.is_empty() {
        return Err(accord::Error::VaultDamaged(problems.join("; ")));
    }
    if out.json {
        out.print_json(&json!({ "unlocked": true, "passphrase_reset": args.recovery_key, "keyring": in_keyring }));
    } else {
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
    }
    Ok(())
}

pub fn lock(ctx: &Context<'_>) -> Result<()> {
    let dir = ctx.vault_dir()?;
    let removed = vault::lock_keyring(&dir)?;
    if ctx.out.json {
        ctx.out
            .print_json(&json!({ "locked": true, "removed_from_keyring": removed }));
    } else {
        println!("{}", ctx.out.text("lock-done"));
    }
    Ok(())
}

pub fn passphrase(ctx: &Context<'_>, command: &PassphraseCommand) -> Result<()> {
    let PassphraseCommand::Change {
        new_passphrase_file,
    } = command;
    let out = ctx.out;
    let dir = ctx.vault_dir()?;
    dir.header()?;
    let old = secrets::passphrase(out, ctx.cli.passphrase_file.as_deref())?;
    let key = vault::unlock_with_passphrase(&dir, &old)?;
    let mut vault = Vault::open(&dir, key, Access::Write)?;
    let new =
        secrets::new_passphrase(out, new_passphrase_file.as_deref(), "ACCORD_NEW_PASSPHRASE")?;
    vault.change_passphrase(&new, ctx.now())?;
    if out.json {
        out.print_json(&json!({ "changed": true }));
    } else {
        println!("{}", out.text("passphrase-changed"));
    }
    Ok(())
}

pub fn keyring(ctx: &Context<'_>, command: &KeyringCommand) -> Result<()> {
    let out = ctx.out;
    let state = match command {
        KeyringCommand::Status => ctx.vault_dir()?.header()?.keyring,
        KeyringCommand::Enable => {
            let mut vault = ctx.open(Access::Write)?;
            vault.enable_keyring(ctx.now())?;
            vault.header().keyring
        }
        KeyringCommand::Forget => {
            let mut vault = ctx.open(Access::Write)?;
            vault.forget_keyring(ctx.now())?;
            vault.header().keyring
        }
    };
    let name = match state {
        KeyringState::Enabled => "enabled",
        KeyringState::Disabled => "disabled",
        KeyringState::Unavailable => "unavailable",
    };
    if out.json {
        out.print_json(&json!({ "keyring": name }));
    } else {
        println!("{}", out.text(&format!("keyring-state-{name}")));
    }
    Ok(())
}

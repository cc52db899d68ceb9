//! The `accord` command line: parses arguments, unlocks the vault, calls the core, prints.

mod args;
mod notes;
mod output;
mod records;
mod search;
mod secrets;
mod show;
mod terms;
mod vault_commands;

use std::path::PathBuf;

use accord::vault::{self, Access, Vault, VaultDir};
use accord::{Error, Result};
use chrono::Utc;
use clap::Parser;

pub use args::Cli;
use args::Command;
use output::Out;

/// Runs one command; returns the process exit status.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let out = Out::new(cli.json);
    match run(&cli, &out) {
        Ok(()) => 0,
        Err(error) => {
            out.error(&error);
            1
        }
    }
}

fn run(cli: &Cli, out: &Out) -> Result<()> {
    let ctx = Context { cli, out };
    match &cli.command {
        Command::Init(a) => vault_commands::init(&ctx, a),
        Command::Unlock(a) => vault_commands::unlock(&ctx, a),
        Command::Lock => vault_commands::lock(&ctx),
        Command::Passphrase(c) => vault_commands::passphrase(&ctx, c),
        Command::Keyring(c) => vault_commands::keyring(&ctx, c),
        Command::Case(c) => records::case(&ctx, c),
        Command::Party(c) => records::party(&ctx, c),
        Command::Session(c) => records::session(&ctx, c),
        Command::Note(c) => notes::note(&ctx, c),
        Command::Audit(c) => records::audit(&ctx, c),
        Command::Term(c) => terms::term(&ctx, c),
        Command::Search(a) => search::search(&ctx, a),
        Command::Demo => records::demo(&ctx),
    }
}

/// What every command needs: its arguments and where to print.
pub struct Context<'a> {
    pub cli: &'a Cli,
    pub out: &'a Out,
}

impl Context<'_> {
    pub fn vault_dir(&self) -> Result<VaultDir> {
        let root: PathBuf = match &self.cli.vault {
            Some(p) => p.clone(),
            None => {
                VaultDir::default_root().ok_or_else(|| Error::VaultNotFound(PathBuf::from("~")))?
            }
        };
        Ok(VaultDir::new(root))
    }

    /// Unlocks and opens the vault: a given passphrase first, then the OS keyring,
    /// then a prompt.
    pub fn open(&self, access: Access) -> Result<Vault> {
        let dir = self.vault_dir()?;
        dir.header()?; // VaultNotFound before any prompt
        for warning in dir.exposures() {
            self.out.warning(&warning);
        }
        let file = self.cli.passphrase_file.as_deref();
        if let Some(passphrase) = secrets::given_passphrase(file)? {
            let key = vault::unlock_with_passphrase(&dir, &passphrase)?;
            return Vault::open(&dir, key, access);
        }
        // A keyring that does not answer is not an error: the passphrase still works.
        if let Ok(Some(key)) = vault::unlock_with_keyring(&dir) {
            return Vault::open(&dir, key, access);
        }
        let passphrase = secrets::passphrase(self.out, file)?;
        let key = vault::unlock_with_passphrase(&dir, &passphrase)?;
        Vault::open(&dir, key, access)
    }

    pub fn now(&self) -> chrono::DateTime<Utc> {
        Utc::now()
    }
}

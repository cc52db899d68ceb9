//! The `accord` command line: parses arguments, unlocks the vault, calls the core, prints.
//!
//! Decisions (architecture review 2026-12, problems 5 and 10):
//!
//! - One file per command group (`case`, `party`, `session`, `note`, `term`, `draft`,
//!   `search`, `audit`, `demo`, and `vault` for init, unlock, lock, passphrase and keyring), each
//!   holding its clap types and one `fn` per subcommand. `args.rs` keeps only the top of
//!   the grammar and the `--json` help, which it generates from the output types.
//! - Record handlers get a [`Context`]: [`Context::read`] is the vault's read handle and
//!   [`Context::change`] its one writer ([`Vault::change`]). Nothing else in a handler
//!   opens or writes the store; the vault is opened on first use, with the access its
//!   group declared, so a bad file or argument is refused before any passphrase prompt.
//! - `--json` prints the type the desktop's command for the same action returns
//!   (`case show` a `CaseDetail`, `note disclose` a `Disclosure` …), or, where the
//!   desktop has no such command, the core's own type; the few reports only the command
//!   line makes (`init`, `unlock`, `term export`, `draft show --version` …) are in
//!   [`vault`], [`term`] and [`draft`].
//!   `tests/accord/cli_json.rs` holds each against the core on a real vault.

mod args;
mod audit;
mod case;
mod demo;
mod draft;
mod library;
mod note;
mod output;
mod party;
mod search;
mod secrets;
mod session;
mod show;
mod term;
mod vault;

use std::cell::OnceCell;
use std::path::PathBuf;

use accord::store::{Db, Tx};
use accord::vault::{Access, Vault, VaultDir};
use accord::{Error, Result};
use chrono::{DateTime, Utc};
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
    let shell = Shell { cli, out };
    match &cli.command {
        Command::Init(a) => vault::init(&shell, a),
        Command::Unlock(a) => vault::unlock(&shell, a),
        Command::Lock => vault::lock(&shell),
        Command::Passphrase(c) => vault::passphrase(&shell, c),
        Command::Keyring(c) => vault::keyring(&shell, c),
        Command::Recovery(c) => vault::recovery(&shell, c),
        Command::Rekey => vault::rekey(&shell),
        Command::Case(c) => case::run(&mut shell.context(c.access()), c),
        Command::Party(c) => party::run(&mut shell.context(c.access()), c),
        Command::Session(c) => session::run(&mut shell.context(c.access()), c),
        Command::Note(c) => note::run(&mut shell.context(c.access()), c),
        Command::Audit(c) => audit::run(&shell.context(c.access()), c),
        Command::Term(c) => term::run(&mut shell.context(c.access()), c),
        Command::Draft(c) => draft::run(&mut shell.context(c.access()), c),
        Command::Library(c) => library::run(&mut shell.context(c.access()), c),
        Command::Search(a) => search::run(&shell.context(Access::Read), a),
        Command::Demo => demo::run(&mut shell.context(Access::Write)),
    }
}

/// The global flags and where to print: what the vault commands work with directly.
pub struct Shell<'a> {
    pub cli: &'a Cli,
    pub out: &'a Out,
}

impl<'a> Shell<'a> {
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
            let key = accord::vault::unlock_with_passphrase(&dir, &passphrase)?;
            return Vault::open(&dir, key, access);
        }
        // A keyring that does not answer, or holds a key from before a rekey, is not an
        // error: the passphrase still works.
        if let Some(vault) = accord::vault::open_with_keyring(&dir, access)? {
            return Ok(vault);
        }
        let passphrase = secrets::passphrase(self.out, file)?;
        let key = accord::vault::unlock_with_passphrase(&dir, &passphrase)?;
        Vault::open(&dir, key, access)
    }

    /// A record command's context; the vault opens when the handler first reads or writes.
    fn context(&self, access: Access) -> Context<'a> {
        Context {
            shell: Shell {
                cli: self.cli,
                out: self.out,
            },
            out: self.out,
            access,
            vault: OnceCell::new(),
        }
    }
}

/// What a record command's handler gets: the read handle, the one writer, and where to
/// print.
pub struct Context<'a> {
    shell: Shell<'a>,
    pub out: &'a Out,
    access: Access,
    vault: OnceCell<Vault>,
}

impl Context<'_> {
    fn vault(&self) -> Result<&Vault> {
        if let Some(vault) = self.vault.get() {
            return Ok(vault);
        }
        let vault = self.shell.open(self.access)?;
        Ok(self.vault.get_or_init(|| vault))
    }

    /// The vault's read handle (opening the vault on first use).
    pub fn read(&self) -> Result<&Db> {
        Ok(self.vault()?.read())
    }

    /// The audit chain checked against every record and the vault's header.
    pub fn verify(&self) -> Result<accord::integrity::Verification> {
        self.vault()?.verify()
    }

    /// One audited change through [`Vault::change`], stamped now: the only way a
    /// command writes.
    pub fn change<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.vault()?;
        let now = self.now();
        self.vault
            .get_mut()
            .expect("opened just above")
            .change(now, f)
    }

    /// The vault's mediator, as the desktop's case_create names the lead.
    pub fn mediator(&self) -> Result<String> {
        self.vault()?.mediator()
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// An optional flag's value parsed into its vocabulary (`--status active` …).
pub(crate) fn parse_opt<T: std::str::FromStr<Err = Error>>(
    value: &Option<String>,
) -> Result<Option<T>> {
    value.as_deref().map(str::parse).transpose()
}

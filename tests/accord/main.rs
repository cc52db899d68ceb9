//! Integration tests of the core and the `accord` command line, in one test binary.
//!
//! Most tests drive the real binary, as a mediator or a script would, against a
//! throwaway vault with a real SQLCipher database.
//!
//! - `vault`: init, unlock, lock, wrong passphrase, recovery key, passphrase change, vault in use.
//! - `encryption`: a canary written through Accord is absent from every file of the vault.
//! - `keyring`: the real Secret Service (started by scripts/test.sh), and life without one.
//! - `migrations`: empty vaults, fixture vaults of every schema version, vaults from the future.
//! - `crash`: autosave SIGKILLed mid-save, many times; every acknowledged save survives.
//! - `audit`: the chain catches edits made behind Accord's back, and names the first broken link.
//! - `records`: cases, parties, sessions; every error path changes nothing.
//! - `drafts`: settlement agreements through `accord draft`: numbering, moves, references
//!   that follow renumbering, positions, versions, refusals, and `--json` against the core.
//! - `notes`: visibility from the session, revisions and restore, caucus disclosure rules.
//! - `termbase`: the seed, term editing, CSV in and out (hostile files refused without a
//!   trace), the bilingual check and match offsets, and the audit chain over terms.
//! - `text`: single-line fields refuse bidi controls and marks; note text keeps them.
//! - `search`: either script finds the other, the as-party rule, bad queries.
//! - `language`: errors and output in English, Simplified and Traditional Chinese.
//! - `process`: a running accord dumps no core and keeps no secret in its environment.
//! - `desktop_config`: the desktop shell's CSP, capabilities and window settings.
//! - `cli_json`: each command's `--json` is the value the core gives the desktop for the
//!   same vault, and `accord --help` lists exactly the fields each command prints.
//! - `contract`: the core's answers to the scenarios the UI's fake backend is held to,
//!   recorded in ui/src/test/fixtures/contract.json.

mod audit;
mod cli_json;
mod contract;
mod crash;
mod desktop_config;
mod drafts;
mod encryption;
mod keyring;
mod language;
mod migrations;
mod notes;
mod process;
mod records;
mod rotation;
mod search;
mod termbase;
mod text;
mod util;
mod vault;

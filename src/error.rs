//! Typed errors with stable codes.
//!
//! The code is the contract: the command line prints it, the desktop UI switches on it
//! and looks up its own translation, scripts match on it. The English `Display` text is
//! for logs and developers; people see [`crate::i18n`]'s rendering of the code.

use std::path::PathBuf;

use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What kind of thing a lookup did not find.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Case,
    Party,
    Session,
    Mediator,
    Note,
    Revision,
    Term,
    Agreement,
    Clause,
    Version,
    Template,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Case => "case",
            Entity::Party => "party",
            Entity::Session => "session",
            Entity::Mediator => "mediator",
            Entity::Note => "note",
            Entity::Revision => "revision",
            Entity::Term => "term",
            Entity::Agreement => "agreement",
            Entity::Clause => "clause",
            Entity::Version => "version",
            Entity::Template => "template",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no vault at {0}")]
    VaultNotFound(PathBuf),
    #[error("a vault already exists at {0}")]
    VaultExists(PathBuf),
    #[error("the vault is in use by another process")]
    VaultInUse,
    #[error("the vault is locked")]
    VaultLocked,
    #[error("after a lock, the passphrase is needed to unlock")]
    KeyringAfterLock,
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("wrong recovery key")]
    WrongRecoveryKey,
    #[error("a passphrase is needed and none could be asked for")]
    PassphraseRequired,
    #[error("passphrase shorter than {min} characters")]
    PassphraseTooShort { min: usize },
    #[error("the two passphrases differ")]
    PassphraseMismatch,
    #[error("the vault is damaged: {0}")]
    VaultDamaged(String),
    /// The database does not open with the key given: reported as `vault.damaged`,
    /// except where a caller knows a better cause (a keyring copy from before a rekey).
    #[error("the vault is damaged: the database does not open with this vault's key")]
    KeyMismatch,
    #[error("this build has no SQLCipher; refusing to write an unencrypted vault")]
    CipherMissing,
    #[error("the vault has schema {found}; this build knows up to {known}")]
    SchemaTooNew { found: i64, known: i64 },
    #[error("the vault has schema {found} and needs migrating to {known}, which only its writer may do; another process holds it")]
    NeedsMigration { found: i64, known: i64 },
    #[error("key derivation parameters rejected: {0}")]
    WeakKdf(String),
    #[error("{} is not private to you: {detail}", path.display())]
    NotPrivate { path: PathBuf, detail: String },
    #[error("no OS keyring (Secret Service) answered: {0}")]
    KeyringUnavailable(String),
    #[error("{} not found: {id}", entity.as_str())]
    NotFound { entity: Entity, id: String },
    #[error("{id} matches more than one {}", entity.as_str())]
    Ambiguous { entity: Entity, id: String },
    #[error("{field} is invalid: {value}")]
    Invalid { field: &'static str, value: String },
    #[error("{field} is required")]
    Required { field: &'static str },
    #[error("{field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("{field} holds {codepoint}, which breaks the line or reorders or hides text")]
    InvisibleCharacter {
        field: &'static str,
        codepoint: String,
    },
    #[error("unknown time zone {0}")]
    InvalidTimeZone(String),
    #[error("{field}: cannot read {value:?} as a time")]
    InvalidTime { field: &'static str, value: String },
    #[error("{value} does not exist or is ambiguous in {zone} (daylight saving change)")]
    LocalTimeGap { value: String, zone: String },
    #[error("the end is before the start")]
    EndBeforeStart,
    #[error("a caucus needs the party it is held with")]
    CaucusNeedsParty,
    #[error("only a caucus is held with one party")]
    PartyOnlyForCaucus,
    #[error("party {party} is not a party to case {case}")]
    PartyNotInCase { party: String, case: String },
    #[error("a case cannot go from {from} to {to}")]
    InvalidTransition { from: String, to: String },
    #[error("the case is closed ({0}); reopen is not possible")]
    CaseClosed(String),
    #[error("the session has already started")]
    SessionAlreadyStarted,
    #[error("the session has not started")]
    SessionNotStarted,
    #[error("the session has already ended")]
    SessionAlreadyEnded,
    #[error("the note was saved elsewhere meanwhile (now revision {revision})")]
    NoteConflict { revision: i64 },
    #[error("a caucus note needs the party who confided it")]
    CaucusNoteNeedsParty,
    #[error("only a caucus note records a party's word on disclosure")]
    NotCaucusNote,
    #[error("the party has not authorised disclosing this caucus note in full")]
    DisclosureNotAuthorised,
    #[error("the agreement is final and can no longer be changed")]
    AgreementFinal,
    #[error("clause {clause} is referred to by clause {by}")]
    ClauseReferenced { clause: String, by: String },
    #[error("clause {clause} has sub-clauses")]
    ClauseHasSubclauses { clause: String },
    #[error("there is no clause {reference} to refer to")]
    UnknownReference { reference: String },
    #[error("{count} checks failed; the agreement stays a draft")]
    ChecksFailed { count: usize },
    /// The print renderer refused the agreement (`accord_print::Error`, by its code).
    #[error("the agreement could not be typeset: {detail}")]
    PrintFailed { detail: String },
    #[error("audit chain broken at event {seq}: {reason}")]
    AuditBroken { seq: i64, reason: String },
    #[error("the database is behind its audit anchor: event {anchored} was recorded, the log now ends at {found}")]
    AuditRolledBack { anchored: i64, found: i64 },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("migration error: {0}")]
    Migration(String),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
}

/// Declares [`ErrorCode`] from one list: each variant with its code, the serde name and
/// TypeScript spelling alike, [`ErrorCode::ALL`] and [`ErrorCode::as_str`].
macro_rules! error_codes {
    ($($variant:ident => $text:literal),+ $(,)?) => {
        /// Stable error codes. Never renumber or rename one: scripts and the UI depend on
        /// them. Adding an error: a variant of [`Error`], its code here, its arm in
        /// [`Error::code`] (and [`Error::args`] if it has any), and one message per
        /// language in `src/i18n/*.ftl`, which the UI's catalogs take too.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
        #[ts(export)]
        pub enum ErrorCode {
            $(#[serde(rename = $text)] $variant),+
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            /// The code as printed and matched on, e.g. `vault.in_use`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $text),+
                }
            }
        }
    };
}

error_codes! {
    VaultNotFound => "vault.not_found",
    VaultExists => "vault.exists",
    VaultInUse => "vault.in_use",
    VaultLocked => "vault.locked",
    KeyringAfterLock => "vault.keyring_after_lock",
    WrongPassphrase => "vault.wrong_passphrase",
    WrongRecoveryKey => "vault.wrong_recovery_key",
    PassphraseRequired => "vault.passphrase_required",
    PassphraseTooShort => "vault.passphrase_too_short",
    PassphraseMismatch => "vault.passphrase_mismatch",
    VaultDamaged => "vault.damaged",
    CipherMissing => "vault.cipher_missing",
    SchemaTooNew => "vault.schema_too_new",
    NeedsMigration => "vault.needs_migration",
    WeakKdf => "vault.weak_kdf",
    NotPrivate => "files.not_private",
    KeyringUnavailable => "keyring.unavailable",
    NotFound => "input.not_found",
    Ambiguous => "input.ambiguous",
    Invalid => "input.invalid",
    Required => "input.required",
    TooLong => "input.too_long",
    InvisibleCharacter => "input.invisible_character",
    InvalidTimeZone => "time.invalid_zone",
    InvalidTime => "time.invalid",
    LocalTimeGap => "time.local_gap",
    EndBeforeStart => "time.end_before_start",
    CaucusNeedsParty => "session.caucus_needs_party",
    PartyOnlyForCaucus => "session.party_only_for_caucus",
    PartyNotInCase => "session.party_not_in_case",
    InvalidTransition => "case.invalid_transition",
    CaseClosed => "case.closed",
    SessionAlreadyStarted => "session.already_started",
    SessionNotStarted => "session.not_started",
    SessionAlreadyEnded => "session.already_ended",
    NoteConflict => "note.conflict",
    CaucusNoteNeedsParty => "note.caucus_needs_party",
    NotCaucusNote => "note.not_caucus",
    DisclosureNotAuthorised => "note.disclosure_not_authorised",
    AgreementFinal => "agreement.final",
    ClauseReferenced => "agreement.clause_referenced",
    ClauseHasSubclauses => "agreement.clause_has_subclauses",
    UnknownReference => "agreement.unknown_reference",
    ChecksFailed => "agreement.checks_failed",
    PrintFailed => "agreement.print_failed",
    AuditBroken => "audit.broken",
    AuditRolledBack => "audit.rolled_back",
    Database => "internal.database",
    Migration => "internal.migration",
    Io => "internal.io",
}

impl ErrorCode {
    /// The Fluent message id for this code: dots become dashes (Fluent ids allow no dots).
    pub fn message_id(self) -> String {
        format!("error-{}", self.as_str().replace(['.', '_'], "-"))
    }
}

/// An error as it crosses to the desktop UI: the UI translates `code` with `args`;
/// `message` is the English text, for logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub args: std::collections::BTreeMap<String, String>,
    pub message: String,
}

impl From<&Error> for ErrorReport {
    fn from(error: &Error) -> Self {
        ErrorReport {
            code: error.code(),
            args: error
                .args()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            message: error.to_string(),
        }
    }
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        use Error as E;
        use ErrorCode as C;
        match self {
            E::VaultNotFound(_) => C::VaultNotFound,
            E::VaultExists(_) => C::VaultExists,
            E::VaultInUse => C::VaultInUse,
            E::VaultLocked => C::VaultLocked,
            E::KeyringAfterLock => C::KeyringAfterLock,
            E::WrongPassphrase => C::WrongPassphrase,
            E::WrongRecoveryKey => C::WrongRecoveryKey,
            E::PassphraseRequired => C::PassphraseRequired,
            E::PassphraseTooShort { .. } => C::PassphraseTooShort,
            E::PassphraseMismatch => C::PassphraseMismatch,
            E::VaultDamaged(_) | E::KeyMismatch => C::VaultDamaged,
            E::CipherMissing => C::CipherMissing,
            E::SchemaTooNew { .. } => C::SchemaTooNew,
            E::NeedsMigration { .. } => C::NeedsMigration,
            E::WeakKdf(_) => C::WeakKdf,
            E::NotPrivate { .. } => C::NotPrivate,
            E::KeyringUnavailable(_) => C::KeyringUnavailable,
            E::NotFound { .. } => C::NotFound,
            E::Ambiguous { .. } => C::Ambiguous,
            E::Invalid { .. } => C::Invalid,
            E::Required { .. } => C::Required,
            E::TooLong { .. } => C::TooLong,
            E::InvisibleCharacter { .. } => C::InvisibleCharacter,
            E::InvalidTimeZone(_) => C::InvalidTimeZone,
            E::InvalidTime { .. } => C::InvalidTime,
            E::LocalTimeGap { .. } => C::LocalTimeGap,
            E::EndBeforeStart => C::EndBeforeStart,
            E::CaucusNeedsParty => C::CaucusNeedsParty,
            E::PartyOnlyForCaucus => C::PartyOnlyForCaucus,
            E::PartyNotInCase { .. } => C::PartyNotInCase,
            E::InvalidTransition { .. } => C::InvalidTransition,
            E::CaseClosed(_) => C::CaseClosed,
            E::SessionAlreadyStarted => C::SessionAlreadyStarted,
            E::SessionNotStarted => C::SessionNotStarted,
            E::SessionAlreadyEnded => C::SessionAlreadyEnded,
            E::NoteConflict { .. } => C::NoteConflict,
            E::CaucusNoteNeedsParty => C::CaucusNoteNeedsParty,
            E::NotCaucusNote => C::NotCaucusNote,
            E::DisclosureNotAuthorised => C::DisclosureNotAuthorised,
            E::AgreementFinal => C::AgreementFinal,
            E::ClauseReferenced { .. } => C::ClauseReferenced,
            E::ClauseHasSubclauses { .. } => C::ClauseHasSubclauses,
            E::UnknownReference { .. } => C::UnknownReference,
            E::ChecksFailed { .. } => C::ChecksFailed,
            E::PrintFailed { .. } => C::PrintFailed,
            E::AuditBroken { .. } => C::AuditBroken,
            E::AuditRolledBack { .. } => C::AuditRolledBack,
            E::Database(_) => C::Database,
            E::Migration(_) => C::Migration,
            E::Io(_) => C::Io,
        }
    }

    /// Named values a translated message may use (`{ $field }`, `{ $max }` …).
    pub fn args(&self) -> Vec<(&'static str, String)> {
        use Error as E;
        match self {
            E::VaultNotFound(p) | E::VaultExists(p) => vec![("path", p.display().to_string())],
            E::PassphraseTooShort { min } => vec![("min", min.to_string())],
            E::NotPrivate { path, detail } => {
                vec![
                    ("path", path.display().to_string()),
                    ("detail", detail.clone()),
                ]
            }
            E::VaultDamaged(d) | E::WeakKdf(d) | E::KeyringUnavailable(d) | E::Migration(d) => {
                vec![("detail", d.clone())]
            }
            E::KeyMismatch => vec![(
                "detail",
                "the database does not open with this vault's key".into(),
            )],
            E::SchemaTooNew { found, known } | E::NeedsMigration { found, known } => {
                vec![("found", found.to_string()), ("known", known.to_string())]
            }
            E::NotFound { entity, id } | E::Ambiguous { entity, id } => {
                vec![("entity", entity.as_str().into()), ("id", id.clone())]
            }
            E::Invalid { field, value } => {
                vec![("field", (*field).into()), ("value", value.clone())]
            }
            E::Required { field } => vec![("field", (*field).into())],
            E::NoteConflict { revision } => vec![("revision", revision.to_string())],
            E::TooLong { field, max } => vec![("field", (*field).into()), ("max", max.to_string())],
            E::InvisibleCharacter { field, codepoint } => {
                vec![("field", (*field).into()), ("codepoint", codepoint.clone())]
            }
            E::InvalidTimeZone(z) => vec![("zone", z.clone())],
            E::InvalidTime { field, value } => {
                vec![("field", (*field).into()), ("value", value.clone())]
            }
            E::LocalTimeGap { value, zone } => {
                vec![("value", value.clone()), ("zone", zone.clone())]
            }
            E::PartyNotInCase { party, case } => {
                vec![("party", party.clone()), ("case", case.clone())]
            }
            E::InvalidTransition { from, to } => vec![("from", from.clone()), ("to", to.clone())],
            E::CaseClosed(s) => vec![("status", s.clone())],
            E::ClauseReferenced { clause, by } => {
                vec![("clause", clause.clone()), ("by", by.clone())]
            }
            E::ClauseHasSubclauses { clause } => vec![("clause", clause.clone())],
            E::UnknownReference { reference } => vec![("reference", reference.clone())],
            E::ChecksFailed { count } => vec![("count", count.to_string())],
            E::PrintFailed { detail } => vec![("detail", detail.clone())],
            E::AuditBroken { seq, reason } => {
                vec![("seq", seq.to_string()), ("reason", reason.clone())]
            }
            E::AuditRolledBack { anchored, found } => {
                vec![
                    ("anchored", anchored.to_string()),
                    ("found", found.to_string()),
                ]
            }
            E::Database(e) => vec![("detail", e.to_string())],
            E::Io(e) => vec![("detail", e.to_string())],
            _ => vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_string_matches_its_serde_name_and_is_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
            assert!(seen.insert(code.as_str()), "{} twice", code.as_str());
        }
    }
}

//! Why a bundle was refused: one variant per rejection the spec names, each with the
//! stable code the spec gives it (`bundle.bad_member_name` …), which the core maps to its
//! own typed errors and the UI translates.

/// A bundle, or a part of one, that does not follow the spec.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("member name {0:?} is not one the format allows")]
    BadMemberName(String),
    #[error("member {0:?} appears twice")]
    DuplicateMember(String),
    #[error("member {name:?}: its header is not the canonical one for its name and size")]
    BadMemberHeader { name: String },
    #[error("member {name:?} is {size} bytes, over the limit of {limit}")]
    TooLarge { name: String, size: u64, limit: u64 },
    #[error("SHA256SUMS line {line}: {why}")]
    BadSums { line: usize, why: &'static str },
    #[error("card line {line}: {why}")]
    BadCard { line: usize, why: String },
    #[error("the card's fingerprint line does not match its contents")]
    CardFingerprintMismatch,
}

impl Error {
    /// The spec's code for this rejection.
    pub fn code(&self) -> &'static str {
        match self {
            Error::BadMemberName(_) => "bundle.bad_member_name",
            Error::DuplicateMember(_) => "bundle.duplicate_member",
            Error::BadMemberHeader { .. } => "bundle.bad_member_header",
            Error::TooLarge { .. } => "bundle.too_large",
            Error::BadSums { .. } => "bundle.bad_sums",
            Error::BadCard { .. } => "card.malformed",
            Error::CardFingerprintMismatch => "card.fingerprint_mismatch",
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

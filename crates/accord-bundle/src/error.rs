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
    #[error("the signature's trusted comment is not the format's: {0}")]
    BadComment(String),
    #[error("the bundle is in format {0}, newer than this version of Accord reads")]
    NewerFormat(String),
    #[error("the signature does not verify: {0}")]
    BadSignature(String),
    #[error("signed by key {0}, which is not among the trusted cards")]
    UnknownSigner(String),
    #[error("signed by key {0}, which has been revoked")]
    RevokedSigner(String),
    #[error("signing failed: {0}")]
    Signing(String),
    #[error("manifest.json is not the format's: {0}")]
    BadManifest(String),
    #[error("manifest.json and the signature disagree about {0}")]
    CommentMismatch(&'static str),
    #[error("manifest.json lists other members than SHA256SUMS")]
    ManifestMismatch,
    #[error("member {0:?} does not have the content its hash names")]
    HashMismatch(String),
    #[error("member {0:?} is not the size the manifest gives")]
    SizeMismatch(String),
    #[error("encrypting failed: {0}")]
    Encrypt(String),
    #[error("reading or writing failed: {0}")]
    Io(String),
    #[error("not a binary age file (an armored file, or not age at all)")]
    NotBinary,
    #[error("the file is encrypted with a passphrase, which bundles never are")]
    PassphraseStanza,
    #[error("the file is not encrypted to this vault's key")]
    NotForMe,
    #[error("the bundle is addressed to someone else")]
    NotAddressedToMe,
    #[error("the file ends before the bundle does")]
    Truncated,
    #[error("the file has been altered: a part of it does not decrypt")]
    Corrupt,
    #[error("something follows the end of the bundle")]
    TrailingData,
    #[error("a member's padding is not zeros")]
    BadPadding,
    #[error("this bundle has been received before, or is older than one received")]
    Replayed,
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
            Error::BadComment(_) => "bundle.comment_mismatch",
            Error::NewerFormat(_) => "bundle.newer_format",
            Error::BadSignature(_) => "bundle.bad_signature",
            Error::UnknownSigner(_) => "bundle.unknown_signer",
            Error::RevokedSigner(_) => "bundle.revoked_signer",
            Error::Signing(_) => "bundle.signing_failed",
            Error::BadManifest(_) => "bundle.bad_manifest",
            Error::CommentMismatch(_) => "bundle.comment_mismatch",
            Error::ManifestMismatch => "bundle.manifest_mismatch",
            Error::HashMismatch(_) => "bundle.hash_mismatch",
            Error::SizeMismatch(_) => "bundle.size_mismatch",
            Error::Encrypt(_) => "bundle.encrypt_failed",
            Error::Io(_) => "bundle.io",
            Error::NotBinary => "bundle.not_binary",
            Error::PassphraseStanza => "bundle.passphrase_stanza",
            Error::NotForMe => "bundle.not_for_me",
            Error::NotAddressedToMe => "bundle.not_addressed_to_me",
            Error::Truncated => "bundle.truncated",
            Error::Corrupt => "bundle.corrupt",
            Error::TrailingData => "bundle.trailing_data",
            Error::BadPadding => "bundle.bad_member_header",
            Error::Replayed => "bundle.replayed",
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

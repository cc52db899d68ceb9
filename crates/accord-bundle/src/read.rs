//! Reading a bundle (§9): one procedure for `inspect`, `verify` and `open`. Nothing is
//! handed to the caller as accepted until the whole file has decrypted, the signature
//! has verified against a trusted card and every member's hash matched: members stream
//! into the caller's [`Staging`], which the caller commits only when [`read`] returns Ok
//! and throws away otherwise.

use std::io::{BufRead, Read, Write};

use sha2::{Digest, Sha256};

use crate::header::{self, BLOCK};
use crate::manifest::{Manifest, Member};
use crate::signature::{self, Comment, Trust};
use crate::sums::{self, Line};
use crate::write::io;
use crate::{Error, Result};

/// Who is reading: the reader's own keys and what it knows.
pub struct Reader<'a> {
    pub identity: &'a age::x25519::Identity,
    /// The reader's own minisign key id: a bundle must be addressed to it.
    pub key_id: &'a str,
    /// The card a signing key id belongs to, if the reader trusts it.
    pub trust: &'a dyn Fn(&str) -> Option<Trust>,
    /// Whether this bundle is new to the reader (its id unseen, its `seq` above the
    /// highest from its sender): the reader's state, so the caller's check.
    pub fresh: &'a dyn Fn(&Manifest) -> Result<()>,
    /// The largest member the reader takes (at most the format's).
    pub max_member: u64,
}

/// Where accepted content goes until the caller commits it.
pub trait Staging {
    /// A writer for `member`'s content.
    fn member(&mut self, member: &Member) -> Result<Box<dyn Write + '_>>;
}

/// A staging area that keeps nothing: `verify`.
pub struct Discard;

impl Staging for Discard {
    fn member(&mut self, _: &Member) -> Result<Box<dyn Write + '_>> {
        Ok(Box::new(std::io::sink()))
    }
}

/// What a bundle is, once it is known to be what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub manifest: Manifest,
    /// The key id that signed it.
    pub signer: String,
    /// The SHA-256 of its `SHA256SUMS` (what a receipt names).
    pub sums_sha256: [u8; 32],
}

/// §9 steps 1–4 only: who sent the bundle, to whom, and what it lists, from its first
/// chunks. Members are not read, so their hashes are not checked: not an acceptance.
pub fn inspect<R: BufRead>(input: R, reader: &Reader<'_>) -> Result<Verified> {
    let mut payload = decrypt(input, reader)?;
    let (verified, _) = head(&mut payload, reader)?;
    Ok(verified)
}

/// §9 whole: every check, every member streamed into `staging`.
pub fn read<R: BufRead>(
    input: R,
    reader: &Reader<'_>,
    staging: &mut dyn Staging,
) -> Result<Verified> {
    let mut payload = decrypt(input, reader)?;
    let (verified, lines) = head(&mut payload, reader)?;
    for (member, line) in verified.manifest.members.iter().zip(&lines[1..]) {
        expect_header(&mut payload, &member.name, member.size)?;
        let mut sink = staging.member(member)?;
        let digest = copy(&mut payload, member.size, &mut sink)?;
        drop(sink);
        if digest != line.sha256 {
            return Err(Error::HashMismatch(member.name.clone()));
        }
        padding(&mut payload, member.size)?;
    }
    let mut end = [0u8; 2 * BLOCK];
    exact(&mut payload, &mut end)?;
    if end.iter().any(|&b| b != 0) {
        return Err(Error::TrailingData);
    }
    // Reading to the end authenticates the last STREAM chunk; anything more is not ours.
    match payload.read(&mut [0u8; 1]) {
        Ok(0) => Ok(verified),
        Ok(_) => Err(Error::TrailingData),
        Err(e) => Err(stream_error(e)),
    }
}

fn decrypt<R: BufRead>(input: R, reader: &Reader<'_>) -> Result<age::stream::StreamReader<R>> {
    age_payload(input, reader.identity)
}

/// §3, the age layer of every read: a binary age file, X25519 stanzas only, opened with
/// `identity` alone. The plaintext it gives is not yet accepted: a chunk that fails to
/// authenticate is an error when it is read (the CCTV vectors run through this).
pub fn age_payload<R: BufRead>(
    input: R,
    identity: &age::x25519::Identity,
) -> Result<age::stream::StreamReader<R>> {
    let header = |e: age::DecryptError| match e {
        age::DecryptError::UnknownFormat => Error::NotBinary,
        age::DecryptError::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Error::Truncated
        }
        age::DecryptError::NoMatchingKeys | age::DecryptError::DecryptionFailed => Error::NotForMe,
        _ => Error::Corrupt,
    };
    // Told apart before age parses anything: an armored file (or no age file at all) is
    // "not binary", not "altered".
    let mut input = input;
    let start = input.fill_buf().map_err(io)?;
    if !b"age-encryption.org/".starts_with(&start[..start.len().min(19)]) || start.is_empty() {
        return Err(Error::NotBinary);
    }
    let decryptor = age::Decryptor::new_buffered(input).map_err(header)?;
    if decryptor.is_scrypt() {
        return Err(Error::PassphraseStanza);
    }
    decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .map_err(header)
}

/// Steps 2–4: the root, the signature, the manifest, and the checks that tie them.
fn head(payload: &mut impl Read, reader: &Reader<'_>) -> Result<(Verified, Vec<Line>)> {
    let root = small(payload, "SHA256SUMS", sums::MAX_BYTES)?;
    let lines = sums::parse(&root)?;
    let sig = small(payload, "SHA256SUMS.minisig", signature::MAX_BYTES)?;
    let (signer, comment): (String, Comment) = signature::verify(&sig, &root, reader.trust)?;
    let manifest_bytes = small(payload, "manifest.json", crate::manifest::MAX_BYTES)?;
    if Line::of("manifest.json", &manifest_bytes) != lines[0] {
        return Err(Error::HashMismatch("manifest.json".into()));
    }
    let manifest = Manifest::parse(&manifest_bytes)?;
    manifest.check_against(&signer, &comment, &lines)?;
    if manifest.addressee != reader.key_id {
        return Err(Error::NotAddressedToMe);
    }
    let me = reader.identity.to_public().to_string();
    if !manifest.to.contains(&me) {
        return Err(Error::NotAddressedToMe);
    }
    for m in &manifest.members {
        if m.size > reader.max_member.min(header::MAX_MEMBER) {
            return Err(Error::TooLarge {
                name: m.name.clone(),
                size: m.size,
                limit: reader.max_member,
            });
        }
    }
    (reader.fresh)(&manifest)?;
    let verified = Verified {
        manifest,
        signer,
        sums_sha256: Sha256::digest(&root).into(),
    };
    Ok((verified, lines))
}

/// A member read whole, for the three small ones at the front: its header may announce
/// any size up to `limit` (the root does not list itself), so the size is read from the
/// header and the header then compared with the canonical one for that size.
fn small(payload: &mut impl Read, name: &str, limit: usize) -> Result<Vec<u8>> {
    let mut block = [0u8; BLOCK];
    exact(payload, &mut block)?;
    let size =
        octal(&block[124..136]).ok_or_else(|| Error::BadMemberHeader { name: name.into() })?;
    if size > limit as u64 {
        return Err(Error::TooLarge {
            name: name.into(),
            size,
            limit: limit as u64,
        });
    }
    header::expect(&block, name, size)?;
    let mut content = vec![0u8; size as usize];
    exact(payload, &mut content)?;
    padding(payload, size)?;
    Ok(content)
}

fn octal(field: &[u8]) -> Option<u64> {
    let digits = field.strip_suffix(b"\0")?;
    u64::from_str_radix(std::str::from_utf8(digits).ok()?, 8).ok()
}

fn expect_header(payload: &mut impl Read, name: &str, size: u64) -> Result<()> {
    let mut block = [0u8; BLOCK];
    exact(payload, &mut block)?;
    header::expect(&block, name, size)
}

fn copy(payload: &mut impl Read, size: u64, out: &mut dyn Write) -> Result<[u8; 32]> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut left = size;
    while left > 0 {
        let n = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        exact(payload, &mut buf[..n])?;
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n]).map_err(io)?;
        left -= n as u64;
    }
    Ok(hasher.finalize().into())
}

fn padding(payload: &mut impl Read, size: u64) -> Result<()> {
    let mut pad = vec![0u8; header::padding(size)];
    exact(payload, &mut pad)?;
    if pad.iter().any(|&b| b != 0) {
        return Err(Error::BadPadding);
    }
    Ok(())
}

fn exact(payload: &mut impl Read, buf: &mut [u8]) -> Result<()> {
    payload.read_exact(buf).map_err(stream_error)
}

/// A failure inside the age payload: cut short, or a chunk that does not authenticate.
fn stream_error(e: std::io::Error) -> Error {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => Error::Truncated,
        _ => Error::Corrupt,
    }
}

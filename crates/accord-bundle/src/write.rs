//! Writing a bundle (§3–§7 in the order a reader meets them): the signed root, its
//! signature and the manifest first, then every member streamed from its source, the
//! archive's end, all inside one age file.
//!
//! Memory stays flat: members are copied through a 64 KiB buffer (the age STREAM chunk),
//! never held whole. A member's SHA-256 is given by the caller (documents are hashed once,
//! at import) and checked again as it streams: a source that changed since fails the
//! export instead of sending a root that lies.

use std::io::{Read, Write};

use sha2::{Digest, Sha256};

use crate::header::{self, BLOCK};
use crate::manifest::Manifest;
use crate::signature;
use crate::sums::{self, Line};
use crate::{Error, Result};

/// One member to write: the manifest names it and gives its size; here is its content.
pub struct Source<'a> {
    pub sha256: [u8; 32],
    pub content: Box<dyn Read + 'a>,
}

/// What the caller hears while a bundle is written: bytes of content so far, of all.
pub trait Progress {
    fn advanced(&mut self, done: u64, total: u64);
}

impl Progress for () {
    fn advanced(&mut self, _: u64, _: u64) {}
}

/// Writes the bundle of `manifest` and `sources` (one per `manifest.members`, in order)
/// to `out`, encrypted to `manifest.to` and signed with `key`, and returns `out`.
pub fn write<W: Write>(
    out: W,
    manifest: &Manifest,
    key: &minisign::SecretKey,
    sources: Vec<Source<'_>>,
    progress: &mut dyn Progress,
) -> Result<W> {
    if sources.len() != manifest.members.len() {
        return Err(Error::ManifestMismatch);
    }
    let recipients = recipients(&manifest.to)?;
    let manifest_json = manifest.to_json();
    let lines: Vec<Line> = std::iter::once(Line::of("manifest.json", &manifest_json))
        .chain(manifest.members.iter().zip(&sources).map(|(m, s)| Line {
            sha256: s.sha256,
            name: m.name.clone(),
        }))
        .collect();
    let root = sums::write(&lines);
    let sig = signature::sign(key, &root, &manifest.comment())?;

    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|e| Error::Encrypt(e.to_string()))?;
    let mut age = encryptor.wrap_output(out).map_err(io)?;
    for (name, bytes) in [
        ("SHA256SUMS", &root),
        ("SHA256SUMS.minisig", &sig),
        ("manifest.json", &manifest_json),
    ] {
        member(&mut age, name, bytes.len() as u64, &mut &bytes[..], None)?;
    }
    let total: u64 = manifest.members.iter().map(|m| m.size).sum();
    let mut done = 0;
    for (m, mut s) in manifest.members.iter().zip(sources) {
        let digest = member(
            &mut age,
            &m.name,
            m.size,
            &mut s.content,
            Some(&mut |n| {
                done += n;
                progress.advanced(done, total);
            }),
        )?;
        if digest != s.sha256 {
            return Err(Error::HashMismatch(m.name.clone()));
        }
    }
    age.write_all(&[0u8; 2 * BLOCK]).map_err(io)?;
    age.finish().map_err(io)
}

/// One member: its canonical header, exactly `size` bytes of `content`, the padding.
/// Returns the SHA-256 of what was written.
fn member(
    out: &mut impl Write,
    name: &str,
    size: u64,
    content: &mut dyn Read,
    mut advanced: Option<&mut dyn FnMut(u64)>,
) -> Result<[u8; 32]> {
    out.write_all(&header::canonical(name, size)?).map_err(io)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut left = size;
    while left > 0 {
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = content.read(&mut buf[..want]).map_err(io)?;
        if n == 0 {
            return Err(Error::SizeMismatch(name.to_string()));
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n]).map_err(io)?;
        left -= n as u64;
        if let Some(f) = advanced.as_mut() {
            f(n as u64);
        }
    }
    if content.read(&mut [0u8; 1]).map_err(io)? != 0 {
        return Err(Error::SizeMismatch(name.to_string()));
    }
    out.write_all(&vec![0u8; header::padding(size)])
        .map_err(io)?;
    Ok(hasher.finalize().into())
}

/// The manifest's recipients, each an X25519 recipient.
pub(crate) fn recipients(to: &[String]) -> Result<Vec<age::x25519::Recipient>> {
    if to.is_empty() {
        return Err(Error::BadManifest("no recipients".into()));
    }
    to.iter()
        .map(|r| {
            r.parse()
                .map_err(|_| Error::BadManifest(format!("{r:?} is not an age X25519 recipient")))
        })
        .collect()
}

pub(crate) fn io(e: std::io::Error) -> Error {
    Error::Io(e.to_string())
}

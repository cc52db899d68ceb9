//! §6: `SHA256SUMS.minisig`, the minisign signature of the signed root, and its trusted
//! comment, which repeats who sent the bundle to whom, so that `minisign -V` shows it.

use std::io::Cursor;

use sha2::{Digest, Sha256};

use crate::card::key_id;
use crate::{Error, Result};

/// The largest signature file a reader takes.
pub const MAX_BYTES: usize = 4096;
/// The longest trusted comment.
pub const MAX_COMMENT: usize = 1024;
/// The format the comment names (§13).
pub const FORMAT: &str = "accord-bundle/1";

/// The trusted comment's fields, each as the manifest gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub kind: String,
    pub bundle_id: String,
    /// The signer's minisign key id.
    pub from: String,
    /// The key id of the card the bundle is meant for.
    pub addressee: String,
    /// [`recipients_digest`] of the manifest's `to`.
    pub to: String,
    pub seq: u64,
    pub created: String,
}

impl Comment {
    pub fn to_line(&self) -> String {
        format!(
            "{FORMAT} kind={} id={} from={} for={} to={} seq={} created={}",
            self.kind, self.bundle_id, self.from, self.addressee, self.to, self.seq, self.created
        )
    }

    /// The comment's fields, refused unless the line is exactly what [`Comment::to_line`]
    /// writes (a later format version is told apart, so a reader can say it is newer).
    pub fn parse(line: &str) -> Result<Comment> {
        let bad = |why: &str| Error::BadComment(why.to_string());
        let mut words = line.split(' ');
        match words.next() {
            Some(FORMAT) => {}
            Some(f) if f.starts_with("accord-bundle/") => {
                return Err(Error::NewerFormat(f.to_string()))
            }
            _ => return Err(bad("it does not start with accord-bundle/1")),
        }
        let mut field = |key: &str| -> Result<String> {
            let word = words.next().ok_or_else(|| bad("a field is missing"))?;
            let value = word
                .strip_prefix(key)
                .and_then(|w| w.strip_prefix('='))
                .ok_or_else(|| bad("the fields are not in the spec's order"))?;
            if value.is_empty() {
                return Err(bad("a field is empty"));
            }
            Ok(value.to_string())
        };
        let comment = Comment {
            kind: field("kind")?,
            bundle_id: field("id")?,
            from: field("from")?,
            addressee: field("for")?,
            to: field("to")?,
            seq: field("seq")?
                .parse()
                .map_err(|_| bad("seq is not a number"))?,
            created: field("created")?,
        };
        if words.next().is_some() {
            return Err(bad("it has more fields than the spec's"));
        }
        if comment.to_line() != line {
            return Err(bad("it is not written as the spec writes it"));
        }
        Ok(comment)
    }
}

/// The lower-case hex SHA-256 of the recipients, sorted bytewise, each followed by LF.
pub fn recipients_digest(to: &[String]) -> String {
    let mut sorted: Vec<&str> = to.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let mut hasher = Sha256::new();
    for r in sorted {
        hasher.update(r.as_bytes());
        hasher.update(b"\n");
    }
    hex::encode(hasher.finalize())
}

/// The signature file for `sums`, made with `key` (prehashed, as minisign 0.10 always
/// signs), carrying `comment`.
pub fn sign(key: &minisign::SecretKey, sums: &[u8], comment: &Comment) -> Result<Vec<u8>> {
    let line = comment.to_line();
    if line.len() > MAX_COMMENT {
        return Err(Error::BadComment("longer than 1 KiB".into()));
    }
    let signature = minisign::sign(
        None,
        key,
        Cursor::new(sums),
        Some(&line),
        Some("signature of an Accord bundle's SHA256SUMS"),
    )
    .map_err(|e| Error::Signing(e.to_string()))?;
    Ok(signature.into_string().into_bytes())
}

/// What the reader knows of a signing key.
pub enum Trust {
    /// A trusted card's key (its minisign base64 line).
    Trusted(String),
    /// A key the reader has revoked.
    Revoked,
}

/// Verifies `signature` over `sums` with the key `trusted` finds for its key id (none:
/// an unknown signer), refusing legacy signatures, and returns the signer's key id and
/// the trusted comment.
pub fn verify(
    signature: &[u8],
    sums: &[u8],
    trusted: impl Fn(&str) -> Option<Trust>,
) -> Result<(String, Comment)> {
    if signature.len() > MAX_BYTES {
        return Err(Error::BadSignature("larger than 4 KiB".into()));
    }
    let text =
        std::str::from_utf8(signature).map_err(|_| Error::BadSignature("not UTF-8".into()))?;
    let parsed = minisign::SignatureBox::from_string(text)
        .map_err(|e| Error::BadSignature(e.to_string()))?;
    let id_bytes: [u8; 8] = parsed
        .keynum()
        .try_into()
        .map_err(|_| Error::BadSignature("no key id".into()))?;
    let signer = format!("{:016X}", u64::from_le_bytes(id_bytes));
    let public = match trusted(&signer) {
        None => return Err(Error::UnknownSigner(signer)),
        Some(Trust::Revoked) => return Err(Error::RevokedSigner(signer)),
        Some(Trust::Trusted(public)) => public,
    };
    if key_id(&public).as_deref() != Some(signer.as_str()) {
        return Err(Error::UnknownSigner(signer));
    }
    if !parsed.is_prehashed() {
        return Err(Error::BadSignature(
            "a legacy (not prehashed) signature".into(),
        ));
    }
    let pk = minisign::PublicKey::from_base64(&public)
        .map_err(|e| Error::BadSignature(e.to_string()))?;
    minisign::verify(&pk, &parsed, Cursor::new(sums), true, false, false)
        .map_err(|e| Error::BadSignature(e.to_string()))?;
    let comment = parsed
        .trusted_comment()
        .map_err(|e| Error::BadSignature(e.to_string()))?;
    Ok((signer, Comment::parse(&comment)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(from: &str) -> Comment {
        Comment {
            kind: "case-bundle".into(),
            bundle_id: "5f0c1e9a-3b7d-4c2e-9a61-0d2f8e4b7c15".into(),
            from: from.into(),
            addressee: "4A11E0F2C3D4B5A6".into(),
            to: recipients_digest(&["age1b".into(), "age1a".into()]),
            seq: 7,
            created: "2026-12-03T06:00:00Z".into(),
        }
    }

    fn key() -> (minisign::KeyPair, String) {
        let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let id = key_id(&pair.pk.to_base64()).unwrap();
        (pair, id)
    }

    #[test]
    fn the_comment_reads_back_and_only_in_the_specs_form() {
        let c = comment("D8C3E305831DB5B9");
        let line = c.to_line();
        assert!(line.starts_with("accord-bundle/1 kind=case-bundle id=5f0c1e9a-"));
        assert_eq!(Comment::parse(&line).unwrap(), c);
        assert!(matches!(
            Comment::parse(&line.replace("accord-bundle/1", "accord-bundle/2")),
            Err(Error::NewerFormat(_))
        ));
        for bad in [
            line.replace(" seq=7", " seq=seven"),
            line.replace(" kind=", "  kind="),
            line.replace("from=", "sender="),
            format!("{line} extra=1"),
            line.replace(" seq=7", " seq=07"),
            line.replace("kind=case-bundle ", ""),
            "timestamp:1700000000".into(),
        ] {
            assert!(
                matches!(Comment::parse(&bad), Err(Error::BadComment(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_recipients_digest_ignores_order() {
        let a = recipients_digest(&["age1x".into(), "age1y".into()]);
        assert_eq!(a, recipients_digest(&["age1y".into(), "age1x".into()]));
        assert_ne!(a, recipients_digest(&["age1x".into()]));
        assert_eq!(a.len(), 64);
    }

    #[test]
    fn a_signature_verifies_against_the_trusted_key_and_gives_its_comment() {
        let (pair, id) = key();
        let sums = b"0000  manifest.json\n";
        let sig = sign(&pair.sk, sums, &comment(&id)).unwrap();
        let public = pair.pk.to_base64();
        let trust = |k: &str| (k == id).then(|| Trust::Trusted(public.clone()));
        let (signer, c) = verify(&sig, sums, trust).unwrap();
        assert_eq!((signer.as_str(), c), (id.as_str(), comment(&id)));
    }

    #[test]
    fn unknown_revoked_altered_and_wrongly_keyed_signatures_are_refused() {
        let (pair, id) = key();
        let (other, _) = key();
        let sums = b"0000  manifest.json\n";
        let sig = sign(&pair.sk, sums, &comment(&id)).unwrap();
        let public = pair.pk.to_base64();
        let trusted = |k: &str| (k == id).then(|| Trust::Trusted(public.clone()));
        assert_eq!(
            verify(&sig, sums, |_| None),
            Err(Error::UnknownSigner(id.clone()))
        );
        assert_eq!(
            verify(&sig, sums, |_| Some(Trust::Revoked)),
            Err(Error::RevokedSigner(id.clone()))
        );
        assert!(matches!(
            verify(&sig, b"0001  manifest.json\n", trusted),
            Err(Error::BadSignature(_))
        ));
        // A card that claims the key id but holds another key.
        let impostor = other.pk.to_base64();
        assert_eq!(
            verify(&sig, sums, |_| Some(Trust::Trusted(impostor.clone()))),
            Err(Error::UnknownSigner(id.clone()))
        );
        // The trusted comment edited: its global signature fails.
        let text = String::from_utf8(sig.clone()).unwrap();
        let edited = text.replace("seq=7", "seq=8");
        assert!(matches!(
            verify(edited.as_bytes(), sums, trusted),
            Err(Error::BadSignature(_))
        ));
        assert!(matches!(
            verify(b"not a signature", sums, trusted),
            Err(Error::BadSignature(_))
        ));
    }

    /// Interop: Debian's minisign verifies our signature with -H (no legacy) and prints
    /// the trusted comment, given the card's `minisign:` value.
    #[test]
    fn the_standard_minisign_tool_verifies_it() {
        let (pair, id) = key();
        let dir = std::env::temp_dir().join(format!("accord-bundle-sig-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let sums = b"0000  manifest.json\n";
        std::fs::write(dir.join("SHA256SUMS"), sums).unwrap();
        std::fs::write(
            dir.join("SHA256SUMS.minisig"),
            sign(&pair.sk, sums, &comment(&id)).unwrap(),
        )
        .unwrap();
        let run = || {
            std::process::Command::new("minisign")
                .args(["-V", "-H", "-P", &pair.pk.to_base64(), "-m"])
                .arg(dir.join("SHA256SUMS"))
                .output()
                .expect("minisign is installed (scripts/setup.sh installs it)")
        };
        let out = run();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains(&format!("Trusted comment: {}", comment(&id).to_line())),
            "{stdout}"
        );
        std::fs::write(dir.join("SHA256SUMS"), b"0001  manifest.json\n").unwrap();
        assert!(
            !run().status.success(),
            "an altered root fails the standard tool"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// minisign's legacy (not prehashed) signatures are refused, as `minisign -V -H`
    /// refuses them; the same tool's prehashed signature of the same root is taken.
    #[test]
    fn a_legacy_signature_made_by_the_standard_tool_is_refused() {
        let dir = std::env::temp_dir().join(format!("accord-bundle-legacy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let minisign = |args: &[&str]| {
            let out = std::process::Command::new("minisign")
                .args(args)
                .current_dir(&dir)
                .output()
                .expect("minisign is installed (scripts/setup.sh installs it)");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        minisign(&["-G", "-W", "-f", "-p", "key.pub", "-s", "key.sec"]);
        let public = std::fs::read_to_string(dir.join("key.pub"))
            .unwrap()
            .lines()
            .nth(1)
            .unwrap()
            .to_string();
        let id = key_id(&public).unwrap();
        let sums = b"0000  manifest.json\n";
        std::fs::write(dir.join("SHA256SUMS"), sums).unwrap();
        let line = comment(&id).to_line();
        let trusted = |k: &str| (k == id).then(|| Trust::Trusted(public.clone()));
        minisign(&["-S", "-s", "key.sec", "-m", "SHA256SUMS", "-t", &line]);
        let prehashed = std::fs::read(dir.join("SHA256SUMS.minisig")).unwrap();
        assert_eq!(verify(&prehashed, sums, trusted).unwrap().1, comment(&id));
        minisign(&["-S", "-l", "-s", "key.sec", "-m", "SHA256SUMS", "-t", &line]);
        let legacy = std::fs::read(dir.join("SHA256SUMS.minisig")).unwrap();
        assert!(
            matches!(verify(&legacy, sums, trusted), Err(Error::BadSignature(why)) if why.contains("legacy"))
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! Keyed digests of confidential text: what the audit log and a party's authorisation
//! keep of a note's two sides instead of the text.
//!
//! Keyed, not plain SHA-256: the audit chain leaves the laptop in bundles, and anyone
//! holding a plain digest of a short caucus note ("Board accepts 45m") could confirm a
//! guess of it. HMAC-SHA256 under a per-vault secret (`settings.text_digest_key`, 32
//! random bytes made by schema 4) can only be checked inside the vault. Events written
//! before schema 4 keep their plain `*_sha256` fields and verify under that shape.

use hmac::{Hmac, Mac};
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The setting that holds the key, hex-encoded.
pub const KEY_SETTING: &str = "text_digest_key";

/// The vault's text-digest key, read from its settings.
pub fn key(conn: &Connection) -> Result<Zeroizing<Vec<u8>>> {
    let hex_key: Option<Zeroizing<String>> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([KEY_SETTING], |row| {
            row.get::<_, String>(0).map(Zeroizing::new)
        })
        .optional()?;
    let hex_key =
        hex_key.ok_or_else(|| Error::VaultDamaged("the text digest key is missing".into()))?;
    hex::decode(hex_key.as_str())
        .map(Zeroizing::new)
        .map_err(|_| Error::VaultDamaged("the text digest key is not hex".into()))
}

/// Makes a new random key, hex-encoded, for [`KEY_SETTING`].
pub fn new_key_hex() -> Zeroizing<String> {
    let mut bytes = Zeroizing::new([0u8; 32]);
    getrandom::fill(bytes.as_mut()).expect("the OS random source answers");
    Zeroizing::new(hex::encode(&bytes[..]))
}

/// HMAC-SHA256 of `text` under `key`, lower-case hex.
pub fn keyed(key: &[u8], text: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(text.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Plain SHA-256 of `text`, lower-case hex: the shape of events before schema 4.
pub fn plain(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_digests_differently_in_two_vaults() {
        // A holder of one vault's chain learns nothing to compare with another's, and
        // cannot confirm a guess of the text without the key.
        let (a, b) = (new_key_hex(), new_key_hex());
        let text = "Board accepts 45m";
        let da = keyed(&hex::decode(a.as_str()).unwrap(), text);
        let db = keyed(&hex::decode(b.as_str()).unwrap(), text);
        assert_ne!(da, db);
        assert_ne!(da, plain(text));
        assert_eq!(da, keyed(&hex::decode(a.as_str()).unwrap(), text));
    }
}

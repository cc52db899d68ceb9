//! The vault's secrets: the master key and the recovery key.
//!
//! A leaf module (it uses only [`crate::error`]): the store keys SQLCipher with a
//! [`MasterKey`], the vault wraps it in key slots, and neither needs the other for it.
//! The signing and encryption keys of case bundles belong here too.

use std::fmt;

use data_encoding::BASE32_NOPAD;
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result};

/// The vault's only data key: 256 random bits that key SQLCipher directly.
/// It is never written anywhere unwrapped; memory holding it is wiped on drop.
#[derive(Clone)]
pub struct MasterKey(Zeroizing<[u8; 32]>);

impl MasterKey {
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; 32]);
        getrandom::fill(bytes.as_mut()).expect("the OS random source failed");
        MasterKey(bytes)
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let array: [u8; 32] = bytes.try_into().ok()?;
        Some(MasterKey(Zeroizing::new(array)))
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    pub fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(&self.0[..]))
    }

    pub fn from_hex(text: &str) -> Option<Self> {
        let mut bytes = Zeroizing::new(hex::decode(text.trim()).ok()?);
        let key = Self::from_bytes(&bytes);
        bytes.zeroize();
        key
    }
}

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MasterKey(…)")
    }
}

/// Bytes of randomness in a recovery key: 160 bits, 32 base32 characters.
const RECOVERY_BYTES: usize = 20;

/// The recovery key shown once at `accord init`: `ABCD-EFGH-…`, eight groups of four.
/// Base32 avoids characters that are easily confused when copied by hand.
pub struct RecoveryKey(Zeroizing<Vec<u8>>);

impl RecoveryKey {
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new(vec![0u8; RECOVERY_BYTES]);
        getrandom::fill(bytes.as_mut_slice()).expect("the OS random source failed");
        RecoveryKey(bytes)
    }

    /// Reads a recovery key as typed: case, spaces and dashes do not matter.
    pub fn parse(text: &str) -> Result<Self> {
        let cleaned: Zeroizing<String> = Zeroizing::new(
            text.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .map(|c| c.to_ascii_uppercase())
                .collect(),
        );
        let bytes = BASE32_NOPAD
            .decode(cleaned.as_bytes())
            .map_err(|_| Error::WrongRecoveryKey)?;
        if bytes.len() != RECOVERY_BYTES {
            return Err(Error::WrongRecoveryKey);
        }
        Ok(RecoveryKey(Zeroizing::new(bytes)))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The form shown to the mediator.
    pub fn display(&self) -> Zeroizing<String> {
        let plain = Zeroizing::new(BASE32_NOPAD.encode(&self.0));
        let groups: Vec<&str> = plain
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).expect("base32 is ASCII"))
            .collect();
        Zeroizing::new(groups.join("-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_key_round_trips_however_it_is_typed() {
        let key = RecoveryKey::generate();
        let shown = key.display();
        assert_eq!(shown.len(), 32 + 7, "eight groups of four with dashes");
        let retyped = shown.to_lowercase().replace('-', " ");
        assert_eq!(
            RecoveryKey::parse(&retyped).unwrap().as_bytes(),
            key.as_bytes()
        );
    }

    #[test]
    fn malformed_recovery_keys_are_wrong_keys() {
        assert!(matches!(
            RecoveryKey::parse("ABCD-EFGH"),
            Err(Error::WrongRecoveryKey)
        ));
        assert!(matches!(
            RecoveryKey::parse("not base32 at all!"),
            Err(Error::WrongRecoveryKey)
        ));
    }

    /// argon2 wipes its intermediate blocks (any of which recomputes the key-encryption
    /// key) only with its `zeroize` feature: the lock file shows it is on.
    #[test]
    fn argon2_is_built_with_its_zeroize_feature() {
        let lock = include_str!("../Cargo.lock");
        let argon2 = lock
            .split("[[package]]")
            .find(|block| block.contains("name = \"argon2\""))
            .expect("argon2 in Cargo.lock");
        assert!(
            argon2
                .lines()
                .any(|line| line.trim().starts_with("\"zeroize")),
            "argon2 depends on zeroize only with its `zeroize` feature:\n{argon2}"
        );
    }

    #[test]
    fn master_key_debug_hides_the_key() {
        let key = MasterKey::generate();
        assert_eq!(format!("{key:?}"), "MasterKey(…)");
        assert_eq!(
            MasterKey::from_hex(&key.to_hex()).unwrap().as_bytes(),
            key.as_bytes()
        );
    }
}

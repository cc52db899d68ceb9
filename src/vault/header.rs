//! `vault.json`: the vault's identity and its key slots.
//!
//! The master key is stored only wrapped (XChaCha20-Poly1305), once per slot:
//! under a key stretched from the passphrase by Argon2id, and under a key derived from
//! the recovery key by HKDF-SHA256 (the recovery key already carries 160 random bits,
//! so it needs no stretching). The additional data binds each wrapped key to this
//! vault and slot, so slots cannot be swapped between vaults.
//!
//! The Argon2id parameters are stored beside the slot so they can be raised later
//! without breaking existing vaults.

use std::fs;
use std::io::Write;
use std::path::Path;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use chrono::{DateTime, Utc};
use data_encoding::BASE64;
use hkdf::Hkdf;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::keys::{MasterKey, RecoveryKey};

/// Format tag of `vault.json`; bump only with a reader for the old one.
pub const HEADER_FORMAT: &str = "accord-vault/1";

/// Argon2id memory cost never goes below this (64 MiB), whatever is asked.
pub const MIN_MEMORY_KIB: u32 = 64 * 1024;

/// Whether the OS keyring holds a copy of the master key for this vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum KeyringState {
    /// The mediator allowed it; the key is put there on init and unlock.
    Enabled,
    /// The mediator turned it off (`accord keyring forget` or `--no-keyring`).
    Disabled,
    /// No Secret Service answered when it was tried; the mediator has been told once.
    Unavailable,
}

/// Argon2id cost parameters, as recorded in a passphrase slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Default for KdfParams {
    /// 256 MiB, two passes: about 0.7 s to unlock on the 2-core reference machine
    /// (`cargo bench --bench store` measures it).
    fn default() -> Self {
        KdfParams {
            memory_kib: 256 * 1024,
            iterations: 2,
            parallelism: 1,
        }
    }
}

impl KdfParams {
    pub fn validate(&self) -> Result<()> {
        if self.memory_kib < MIN_MEMORY_KIB {
            return Err(Error::WeakKdf(format!(
                "memory {} KiB is below the floor of {MIN_MEMORY_KIB} KiB",
                self.memory_kib
            )));
        }
        if self.iterations == 0 || self.parallelism == 0 || self.parallelism > 16 {
            return Err(Error::WeakKdf(
                "iterations and parallelism must be at least 1".into(),
            ));
        }
        Ok(())
    }

    fn derive(&self, passphrase: &SecretString, salt: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
        self.validate()?;
        let params = Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
            .map_err(|e| Error::WeakKdf(e.to_string()))?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let mut out = Zeroizing::new([0u8; 32]);
        argon
            .hash_password_into(passphrase.expose_secret().as_bytes(), salt, out.as_mut())
            .map_err(|e| Error::WeakKdf(e.to_string()))?;
        Ok(out)
    }
}

/// One wrapped copy of the master key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Slot {
    Passphrase {
        kdf: KdfParams,
        salt: String,
        nonce: String,
        wrapped_key: String,
    },
    Recovery {
        salt: String,
        nonce: String,
        wrapped_key: String,
    },
}

/// The contents of `vault.json`. Holds nothing confidential: only wrapped keys.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub vault_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub keyring: KeyringState,
    pub slots: Vec<Slot>,
}

impl Header {
    pub fn new(
        vault_id: Uuid,
        created_at: DateTime<Utc>,
        key: &MasterKey,
        passphrase: &SecretString,
        kdf: KdfParams,
        recovery: &RecoveryKey,
    ) -> Result<Self> {
        let mut header = Header {
            format: HEADER_FORMAT.into(),
            vault_id,
            created_at,
            keyring: KeyringState::Disabled,
            slots: Vec::new(),
        };
        header
            .slots
            .push(header.passphrase_slot(key, passphrase, kdf)?);
        header.slots.push(header.recovery_slot(key, recovery)?);
        Ok(header)
    }

    pub fn read(path: &Path) -> Result<Self> {
        let bytes = fs::read(path)?;
        let header: Header = serde_json::from_slice(&bytes)
            .map_err(|e| Error::VaultDamaged(format!("{}: {e}", path.display())))?;
        if header.format != HEADER_FORMAT {
            return Err(Error::VaultDamaged(format!(
                "unknown vault format {}",
                header.format
            )));
        }
        Ok(header)
    }

    /// Replaces `path` atomically: a crash leaves the old header or the new, never half.
    pub fn write(&self, path: &Path) -> Result<()> {
        let tmp = path.with_extension("json.tmp");
        let json = serde_json::to_vec_pretty(self).expect("header serializes");
        {
            let mut file = super::files::create_private(&tmp)?;
            file.write_all(&json)?;
            file.sync_all()?;
        }
        fs::rename(&tmp, path)?;
        super::files::sync_dir(path.parent().unwrap_or(Path::new(".")))?;
        Ok(())
    }

    pub fn unwrap_with_passphrase(&self, passphrase: &SecretString) -> Result<MasterKey> {
        let Some(Slot::Passphrase {
            kdf,
            salt,
            nonce,
            wrapped_key,
        }) = self
            .slots
            .iter()
            .find(|s| matches!(s, Slot::Passphrase { .. }))
        else {
            return Err(Error::VaultDamaged("no passphrase slot".into()));
        };
        let kek = kdf.derive(passphrase, &decode(salt)?)?;
        self.open(&kek, "passphrase", nonce, wrapped_key)
            .ok_or(Error::WrongPassphrase)
    }

    pub fn unwrap_with_recovery(&self, recovery: &RecoveryKey) -> Result<MasterKey> {
        let Some(Slot::Recovery {
            salt,
            nonce,
            wrapped_key,
        }) = self
            .slots
            .iter()
            .find(|s| matches!(s, Slot::Recovery { .. }))
        else {
            return Err(Error::VaultDamaged("no recovery slot".into()));
        };
        let kek = recovery_kek(recovery, &decode(salt)?);
        self.open(&kek, "recovery", nonce, wrapped_key)
            .ok_or(Error::WrongRecoveryKey)
    }

    /// Re-wraps the master key under a new passphrase, with fresh salt and `kdf`.
    pub fn set_passphrase(
        &mut self,
        key: &MasterKey,
        passphrase: &SecretString,
        kdf: KdfParams,
    ) -> Result<()> {
        let slot = self.passphrase_slot(key, passphrase, kdf)?;
        self.slots.retain(|s| !matches!(s, Slot::Passphrase { .. }));
        self.slots.insert(0, slot);
        Ok(())
    }

    /// The Argon2id parameters of the passphrase slot.
    pub fn kdf(&self) -> Option<KdfParams> {
        self.slots.iter().find_map(|s| match s {
            Slot::Passphrase { kdf, .. } => Some(*kdf),
            _ => None,
        })
    }

    fn passphrase_slot(
        &self,
        key: &MasterKey,
        passphrase: &SecretString,
        kdf: KdfParams,
    ) -> Result<Slot> {
        let salt = random::<16>();
        let kek = kdf.derive(passphrase, &salt)?;
        let (nonce, wrapped_key) = self.seal(&kek, "passphrase", key);
        Ok(Slot::Passphrase {
            kdf,
            salt: BASE64.encode(&salt),
            nonce,
            wrapped_key,
        })
    }

    fn recovery_slot(&self, key: &MasterKey, recovery: &RecoveryKey) -> Result<Slot> {
        let salt = random::<16>();
        let kek = recovery_kek(recovery, &salt);
        let (nonce, wrapped_key) = self.seal(&kek, "recovery", key);
        Ok(Slot::Recovery {
            salt: BASE64.encode(&salt),
            nonce,
            wrapped_key,
        })
    }

    fn aad(&self, slot: &str) -> String {
        format!("{HEADER_FORMAT}|{}|{slot}", self.vault_id)
    }

    fn seal(&self, kek: &[u8; 32], slot: &str, key: &MasterKey) -> (String, String) {
        let nonce = random::<24>();
        let cipher = XChaCha20Poly1305::new(kek.into());
        let aad = self.aad(slot);
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: key.as_bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .expect("sealing 32 bytes cannot fail");
        (BASE64.encode(&nonce), BASE64.encode(&sealed))
    }

    fn open(&self, kek: &[u8; 32], slot: &str, nonce: &str, wrapped: &str) -> Option<MasterKey> {
        let nonce = decode(nonce).ok()?;
        if nonce.len() != 24 {
            return None;
        }
        let wrapped = decode(wrapped).ok()?;
        let cipher = XChaCha20Poly1305::new(kek.into());
        let aad = self.aad(slot);
        let plain = Zeroizing::new(
            cipher
                .decrypt(
                    XNonce::from_slice(&nonce),
                    Payload {
                        msg: &wrapped,
                        aad: aad.as_bytes(),
                    },
                )
                .ok()?,
        );
        MasterKey::from_bytes(&plain)
    }
}

fn recovery_kek(recovery: &RecoveryKey, salt: &[u8]) -> Zeroizing<[u8; 32]> {
    let hk = Hkdf::<Sha256>::new(Some(salt), recovery.as_bytes());
    let mut out = Zeroizing::new([0u8; 32]);
    hk.expand(b"accord-vault/1 recovery slot", out.as_mut())
        .expect("32 bytes is a valid HKDF length");
    out
}

fn decode(text: &str) -> Result<Vec<u8>> {
    BASE64
        .decode(text.as_bytes())
        .map_err(|_| Error::VaultDamaged("vault.json holds invalid base64".into()))
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the OS random source failed");
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap() -> KdfParams {
        KdfParams {
            memory_kib: MIN_MEMORY_KIB,
            iterations: 1,
            parallelism: 1,
        }
    }

    fn header(pass: &str) -> (Header, MasterKey, RecoveryKey) {
        let key = MasterKey::generate();
        let recovery = RecoveryKey::generate();
        let h = Header::new(
            Uuid::now_v7(),
            Utc::now(),
            &key,
            &SecretString::from(pass),
            cheap(),
            &recovery,
        )
        .unwrap();
        (h, key, recovery)
    }

    #[test]
    fn both_slots_open_to_the_same_key_and_wrong_secrets_do_not() {
        let (h, key, recovery) = header("correct horse battery");
        let by_pass = h
            .unwrap_with_passphrase(&SecretString::from("correct horse battery"))
            .unwrap();
        let by_recovery = h.unwrap_with_recovery(&recovery).unwrap();
        assert_eq!(by_pass.as_bytes(), key.as_bytes());
        assert_eq!(by_recovery.as_bytes(), key.as_bytes());
        assert!(matches!(
            h.unwrap_with_passphrase(&SecretString::from("correct horse batterY")),
            Err(Error::WrongPassphrase)
        ));
        assert!(matches!(
            h.unwrap_with_recovery(&RecoveryKey::generate()),
            Err(Error::WrongRecoveryKey)
        ));
    }

    #[test]
    fn a_slot_moved_to_another_vault_does_not_open() {
        let (mut h, _, _) = header("correct horse battery");
        h.vault_id = Uuid::now_v7();
        assert!(h
            .unwrap_with_passphrase(&SecretString::from("correct horse battery"))
            .is_err());
    }

    #[test]
    fn memory_cost_below_the_floor_is_refused() {
        let weak = KdfParams {
            memory_kib: 1024,
            ..cheap()
        };
        assert!(matches!(weak.validate(), Err(Error::WeakKdf(_))));
        assert!(KdfParams::default().validate().is_ok());
    }

    #[test]
    fn header_serializes_without_the_key() {
        let (h, key, _) = header("correct horse battery");
        let json = serde_json::to_string(&h).unwrap();
        assert!(!json.contains(key.to_hex().as_str()));
        assert!(!json.contains(&BASE64.encode(key.as_bytes())));
    }
}

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
//!
//! `vault.json` is not authenticated as a whole, so its costs are bounded when read, and
//! a header asking for more is refused (`vault.damaged`) before Argon2 runs. Lowering
//! the costs gains an attacker nothing (they feed the key-encryption key, so the slot no
//! longer opens); raising them without bound would make unlock allocate terabytes or
//! loop for hours. The caps, against the default of 256 MiB × 2 passes (~0.7 s on the
//! 2-core reference machine, `cargo bench --bench store`):
//!
//! - memory ≤ 4 GiB ([`MAX_MEMORY_KIB`]): 16 × the default, still under half of an 8 GB
//!   laptop; more would push a mediator's machine into swap or the OOM killer.
//! - iterations ≤ 64 ([`MAX_ITERATIONS`]): far beyond any sane setting (RFC 9106 suggests
//!   1–3 passes at these memory sizes).
//! - parallelism ≤ 16 ([`MAX_PARALLELISM`]): lanes beyond the cores gain nothing.
//! - memory × iterations ≤ 8 GiB-passes ([`MAX_WORK_KIB_PASSES`]): 16 × the default's
//!   work, about 11 s on the reference machine, so no header within the caps hangs the
//!   app for longer than that (4 GiB × 64 passes would be some 15 minutes).
//!
//! Whether the header's keyring and KDF state is what the audit chain last recorded is
//! checked by `Vault::verify` (`accord audit verify`).

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
/// Most Argon2id memory a header may ask for (4 GiB; see the module doc).
pub const MAX_MEMORY_KIB: u32 = 4 * 1024 * 1024;
/// Most Argon2id passes a header may ask for.
pub const MAX_ITERATIONS: u32 = 64;
/// Most Argon2id lanes a header may ask for.
pub const MAX_PARALLELISM: u32 = 16;
/// Most memory × passes, in KiB-passes (8 GiB-passes: 16 × the default's work).
pub const MAX_WORK_KIB_PASSES: u64 = 8 * 1024 * 1024;

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
    /// Within the floor and the caps (module doc); checked before every derivation and
    /// when a header is read.
    pub fn validate(&self) -> Result<()> {
        if self.memory_kib < MIN_MEMORY_KIB {
            return Err(Error::WeakKdf(format!(
                "memory {} KiB is below the floor of {MIN_MEMORY_KIB} KiB",
                self.memory_kib
            )));
        }
        if self.iterations == 0 || self.parallelism == 0 {
            return Err(Error::WeakKdf(
                "iterations and parallelism must be at least 1".into(),
            ));
        }
        if self.memory_kib > MAX_MEMORY_KIB {
            return Err(Error::WeakKdf(format!(
                "memory {} KiB is above the cap of {MAX_MEMORY_KIB} KiB (4 GiB)",
                self.memory_kib
            )));
        }
        if self.iterations > MAX_ITERATIONS {
            return Err(Error::WeakKdf(format!(
                "{} passes is above the cap of {MAX_ITERATIONS}",
                self.iterations
            )));
        }
        if self.parallelism > MAX_PARALLELISM {
            return Err(Error::WeakKdf(format!(
                "parallelism {} is above the cap of {MAX_PARALLELISM}",
                self.parallelism
            )));
        }
        let work = u64::from(self.memory_kib) * u64::from(self.iterations);
        if work > MAX_WORK_KIB_PASSES {
            return Err(Error::WeakKdf(format!(
                "memory × passes ({work} KiB) is above the cap of {MAX_WORK_KIB_PASSES} KiB (8 GiB)"
            )));
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

    /// Reads and checks `vault.json`: a key-derivation cost outside the floor or the caps
    /// is refused here (`vault.damaged`), before anything could run it.
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
        for slot in &header.slots {
            if let Slot::Passphrase { kdf, .. } = slot {
                kdf.validate().map_err(|e| {
                    let detail = match e {
                        Error::WeakKdf(d) => d,
                        other => other.to_string(),
                    };
                    Error::VaultDamaged(format!(
                        "{} asks for key-derivation costs Accord never writes: {detail}",
                        path.display()
                    ))
                })?;
            }
        }
        Ok(header)
    }

    /// Replaces `path` atomically: a crash leaves the old header or the new, never half.
    /// The temporary file is made new (a leftover one is removed first), without following
    /// a link planted in its place.
    pub fn write(&self, path: &Path) -> Result<()> {
        let tmp = path.with_extension("json.tmp");
        let json = serde_json::to_vec_pretty(self).expect("header serializes");
        {
            let mut file = super::files::create_new_private(&tmp)?;
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

    /// Re-wraps the master key under a new recovery key, with fresh salt: the old
    /// recovery key no longer opens this header (copies of the old header still do).
    pub fn set_recovery(&mut self, key: &MasterKey, recovery: &RecoveryKey) -> Result<()> {
        let slot = self.recovery_slot(key, recovery)?;
        self.slots.retain(|s| !matches!(s, Slot::Recovery { .. }));
        self.slots.push(slot);
        Ok(())
    }

    /// This vault's header for a new master key: the same identity and keyring state,
    /// both slots made anew (the passphrase with the slot's current costs).
    pub fn rekeyed(
        &self,
        key: &MasterKey,
        passphrase: &SecretString,
        recovery: &RecoveryKey,
    ) -> Result<Header> {
        let mut header = Header::new(
            self.vault_id,
            self.created_at,
            key,
            passphrase,
            self.kdf().unwrap_or_default(),
            recovery,
        )?;
        header.keyring = self.keyring;
        Ok(header)
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

    /// A header as an attacker could leave it: `edit` changes the passphrase slot's costs.
    fn hostile(edit: impl Fn(&mut serde_json::Value)) -> (tempfile::TempDir, std::path::PathBuf) {
        let (h, _, _) = header("correct horse battery");
        let mut json = serde_json::to_value(&h).unwrap();
        edit(&mut json["slots"][0]["kdf"]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.json");
        fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
        (dir, path)
    }

    /// A change to a header's `kdf` object.
    type Edit = fn(&mut serde_json::Value);

    #[test]
    fn a_header_asking_for_huge_costs_is_refused_at_once_and_never_run() {
        let edits: [(&str, Edit); 5] = [
            ("memory", |k| k["memory_kib"] = u32::MAX.into()),
            ("iterations", |k| k["iterations"] = u32::MAX.into()),
            ("parallelism", |k| k["parallelism"] = 255.into()),
            ("work", |k| {
                k["memory_kib"] = MAX_MEMORY_KIB.into();
                k["iterations"] = 3.into();
            }),
            ("floor", |k| k["memory_kib"] = 8.into()),
        ];
        for (what, edit) in edits {
            let (_dir, path) = hostile(edit);
            let started = std::time::Instant::now();
            let err = Header::read(&path).unwrap_err();
            assert_eq!(err.code(), crate::ErrorCode::VaultDamaged, "{what}: {err}");
            assert!(
                started.elapsed() < std::time::Duration::from_secs(1),
                "{what}: refused at once"
            );
        }
        // A header built in memory with such costs (not read from a file) is refused by
        // the derivation itself, before Argon2 allocates anything.
        let (mut h, _, _) = header("correct horse battery");
        if let Slot::Passphrase { kdf, .. } = &mut h.slots[0] {
            kdf.memory_kib = u32::MAX;
        }
        let started = std::time::Instant::now();
        assert!(matches!(
            h.unwrap_with_passphrase(&SecretString::from("correct horse battery")),
            Err(Error::WeakKdf(_))
        ));
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn the_caps_allow_the_default_and_the_largest_sensible_settings() {
        for ok in [
            KdfParams::default(),
            KdfParams {
                memory_kib: MAX_MEMORY_KIB,
                iterations: 2,
                parallelism: MAX_PARALLELISM,
            },
            KdfParams {
                memory_kib: MIN_MEMORY_KIB,
                iterations: MAX_ITERATIONS,
                parallelism: 1,
            },
        ] {
            assert!(ok.validate().is_ok(), "{ok:?}");
        }
        let (_dir, path) = hostile(|_| {});
        assert!(Header::read(&path).is_ok(), "an untouched header reads");
    }

    #[cfg(unix)]
    #[test]
    fn writing_the_header_never_follows_a_planted_link() {
        use std::os::unix::fs::PermissionsExt;
        let (h, _, _) = header("correct horse battery");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.json");
        let victim = dir.path().join("victim");
        fs::write(&victim, "mine").unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join("vault.json.tmp")).unwrap();
        h.write(&path).unwrap();
        assert_eq!(
            fs::read_to_string(&victim).unwrap(),
            "mine",
            "the link's target is untouched"
        );
        assert!(!fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(Header::read(&path).unwrap().vault_id, h.vault_id);
    }

    #[test]
    fn header_serializes_without_the_key() {
        let (h, key, _) = header("correct horse battery");
        let json = serde_json::to_string(&h).unwrap();
        assert!(!json.contains(key.to_hex().as_str()));
        assert!(!json.contains(&BASE64.encode(key.as_bytes())));
    }
}

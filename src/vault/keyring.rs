//! The OS keyring (Secret Service on Linux) as an optional custodian of the master key.
//!
//! The `keyring` crate falls back to an in-memory mock when built without a platform
//! store; Cargo.toml enables `sync-secret-service`, and [`store`] reads the key back to
//! prove a real store kept it.

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::keys::MasterKey;

/// The service name under which Accord's keys are filed in the keyring.
pub const SERVICE: &str = "org.iomed.accord";

fn entry(vault_id: Uuid) -> Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, &vault_id.to_string()).map_err(unavailable)
}

fn unavailable(e: keyring::Error) -> Error {
    Error::KeyringUnavailable(e.to_string())
}

/// Puts the key in the keyring and reads it back.
pub fn store(vault_id: Uuid, key: &MasterKey) -> Result<()> {
    let entry = entry(vault_id)?;
    entry
        .set_password(key.to_hex().as_str())
        .map_err(unavailable)?;
    match load(vault_id)? {
        Some(back) if back.as_bytes() == key.as_bytes() => Ok(()),
        _ => Err(Error::KeyringUnavailable(
            "the keyring did not keep the key".into(),
        )),
    }
}

/// The key, if the keyring holds one for this vault.
pub fn load(vault_id: Uuid) -> Result<Option<MasterKey>> {
    match entry(vault_id)?.get_password() {
        Ok(hex) => {
            let hex = zeroize::Zeroizing::new(hex);
            Ok(MasterKey::from_hex(&hex))
        }
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(unavailable(e)),
    }
}

/// Removes this vault's key from the keyring; absent already is fine.
pub fn forget(vault_id: Uuid) -> Result<()> {
    match entry(vault_id)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(unavailable(e)),
    }
}

//! What each of Accord's processes does to itself first, before any key exists.
//!
//! - **No core dumps, not dumpable.** A crash must not write the master key (or the
//!   decrypted page cache) to a core file, and another process of the same user must not
//!   read this one's memory through `ptrace` or `/proc/<pid>/mem`. The core limit is
//!   inherited by children (WebKit's web and network processes), the dumpable flag is
//!   not (`execve` resets it), so both are set.
//! - **Secrets out of the environment.** A passphrase or recovery key given to a script
//!   through `ACCORD_PASSPHRASE`, `ACCORD_NEW_PASSPHRASE` or `ACCORD_RECOVERY_KEY` is
//!   taken into memory at start and wiped from the environment: unset, and its bytes in
//!   the block the kernel handed over overwritten, since `/proc/<pid>/environ` shows that
//!   block and not what `unsetenv` changed.

use std::sync::Mutex;

use secrecy::SecretString;

/// The environment variables that may carry a secret.
pub const SECRET_VARIABLES: &[&str] = &[
    "ACCORD_PASSPHRASE",
    "ACCORD_NEW_PASSPHRASE",
    "ACCORD_RECOVERY_KEY",
];

static TAKEN: Mutex<Vec<(&str, SecretString)>> = Mutex::new(Vec::new());

/// Makes the process non-dumpable and its core limit 0, then takes the secrets out of
/// the environment. Call it first thing in `main`, while no other thread exists: the
/// environment is not thread-safe to change.
pub fn harden_at_start() -> std::io::Result<()> {
    forbid_core_dumps()?;
    take_secrets_from_environment();
    Ok(())
}

fn forbid_core_dumps() -> std::io::Result<()> {
    let none = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: plain system calls on this process with valid arguments.
    unsafe {
        if libc::setrlimit(libc::RLIMIT_CORE, &none) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        #[cfg(target_os = "linux")]
        if libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

fn take_secrets_from_environment() {
    let mut taken = TAKEN.lock().unwrap_or_else(|p| p.into_inner());
    for &name in SECRET_VARIABLES {
        let Some(value) = std::env::var_os(name) else {
            continue;
        };
        // The copy std made of the value is wiped too, not only the environment's own.
        let bytes = zeroize::Zeroizing::new(std::os::unix::ffi::OsStringExt::into_vec(value));
        let secret = String::from_utf8_lossy(&bytes).into_owned();
        taken.retain(|(n, _)| *n != name);
        taken.push((name, SecretString::from(secret)));
        wipe_in_place(name);
        std::env::remove_var(name);
    }
}

/// Overwrites the value of `name` where the environment holds it.
fn wipe_in_place(name: &str) {
    let Ok(c_name) = std::ffi::CString::new(name) else {
        return;
    };
    // SAFETY: single-threaded (see `harden_at_start`); getenv returns a pointer to the
    // NUL-terminated value inside the environment's own writable storage, which we
    // overwrite within its length and do not keep.
    unsafe {
        let value = libc::getenv(c_name.as_ptr());
        if !value.is_null() {
            let len = libc::strlen(value);
            std::ptr::write_bytes(value, 0, len);
        }
    }
}

/// A secret that was given in the environment at start, if it was.
pub fn environment_secret(name: &str) -> Option<SecretString> {
    TAKEN
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, secret)| secret.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn a_secret_in_the_environment_is_taken_and_gone_from_it() {
        // The unit tests share one process; this is the only one that touches these.
        std::env::set_var("ACCORD_RECOVERY_KEY", "ABCD-EFGH");
        take_secrets_from_environment();
        assert!(std::env::var_os("ACCORD_RECOVERY_KEY").is_none());
        assert_eq!(
            environment_secret("ACCORD_RECOVERY_KEY")
                .unwrap()
                .expose_secret(),
            "ABCD-EFGH"
        );
        assert!(environment_secret("ACCORD_NEW_PASSPHRASE").is_none());
    }
}

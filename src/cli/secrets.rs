//! Where secrets come from: a file, the environment (for scripts), or a prompt with no echo.

use std::io::IsTerminal;
use std::path::Path;

use accord::vault::RecoveryKey;
use accord::{Error, Result};
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use super::output::Out;

/// The first line of `path`, without its line ending. A file others may read is used,
/// with a warning: refusing it would break a script at the worst moment.
fn from_file(path: &Path) -> Result<SecretString> {
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(path) {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            Out::new(false).notice(
                "notice-secret-file-open",
                &[("path", path.display().to_string())],
            );
        }
    }
    let text = Zeroizing::new(std::fs::read_to_string(path)?);
    let line = text.lines().next().unwrap_or("");
    Ok(SecretString::from(line.to_string()))
}

/// Taken out of the environment at start ([`accord::process`]).
fn from_env(var: &str) -> Option<SecretString> {
    accord::process::environment_secret(var)
}

fn prompt(out: &Out, message_id: &str) -> Result<SecretString> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::PassphraseRequired);
    }
    let text = rpassword::prompt_password(format!("{}: ", out.text(message_id)))
        .map_err(|_| Error::PassphraseRequired)?;
    Ok(SecretString::from(text))
}

/// A passphrase given without asking: `--passphrase-file`, then `ACCORD_PASSPHRASE`.
pub fn given_passphrase(file: Option<&Path>) -> Result<Option<SecretString>> {
    match file {
        Some(path) => Ok(Some(from_file(path)?)),
        None => Ok(from_env("ACCORD_PASSPHRASE")),
    }
}

/// The current passphrase: given, or asked for once.
pub fn passphrase(out: &Out, file: Option<&Path>) -> Result<SecretString> {
    match given_passphrase(file)? {
        Some(p) => Ok(p),
        None => prompt(out, "prompt-passphrase"),
    }
}

/// A passphrase being set: from `file`, then `env`, else asked for twice.
pub fn new_passphrase(out: &Out, file: Option<&Path>, env: &str) -> Result<SecretString> {
    if let Some(path) = file {
        return from_file(path);
    }
    if let Some(p) = from_env(env) {
        return Ok(p);
    }
    let first = prompt(out, "prompt-new-passphrase")?;
    let second = prompt(out, "prompt-repeat-passphrase")?;
    if first.expose_secret() != second.expose_secret() {
        return Err(Error::PassphraseMismatch);
    }
    Ok(first)
}

/// The recovery key: `ACCORD_RECOVERY_KEY`, else asked for.
pub fn recovery_key(out: &Out) -> Result<RecoveryKey> {
    let text = match from_env("ACCORD_RECOVERY_KEY") {
        Some(k) => k,
        None => prompt(out, "prompt-recovery-key")?,
    };
    RecoveryKey::parse(text.expose_secret())
}

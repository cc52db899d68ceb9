//! File-system helpers: private permissions and durable renames.
//!
//! Decisions (security review 2026-12, findings 12 and 13):
//!
//! - **A new vault's directory is made private.** `init` creates it 0700, and a directory
//!   that already existed is made 0700 too when the mediator owns it, or refused
//!   (`files.not_private`) when someone else does: whoever owns it could swap
//!   `vault.json` or put an older database back.
//! - **Loose modes at open are a warning, not a refusal.** Every open (the command line's
//!   and the desktop's) looks at the directory and each of the vault's own files in it ([`exposures`]); one
//!   that others may read or write, or that belongs to someone else, is reported with
//!   the code `files.not_private` and the `chmod` that fixes it, and the vault still
//!   opens. The files are encrypted, so what leaks is little; refusing would lock the
//!   mediator out of a vault restored from a backup, in a hearing, with no quick way
//!   to fix it from the desktop. Nothing is chmod-ed behind the mediator's back.
//! - **Temporary files are made new.** `vault.json.tmp` and `audit.anchor.tmp` are
//!   opened with `create_new` (`O_EXCL`) and `O_NOFOLLOW` after any leftover is removed,
//!   so a link planted in their place is neither followed nor written through.
//! - **A per-run directory ([`create_run_dir`]) has a random name**, is created with
//!   `mkdir` (which fails on anything already there) and checked for owner and mode,
//!   under a base that must itself be private: there is no fallback to a shared `/tmp`.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};

use crate::error::{Error, Result};

/// Creates (or truncates) a file readable by its owner only.
pub fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    options.mode(0o600);
    options.open(path)
}

/// Creates a new file readable by its owner only, after removing any file or link left
/// at `path`: `O_EXCL` and `O_NOFOLLOW`, so a link planted meanwhile makes it fail
/// instead of writing where the link points.
pub fn create_new_private(path: &Path) -> io::Result<File> {
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    options.open(path)
}

/// Creates a directory (and parents) accessible by its owner only.
pub fn create_private_dir(path: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(0o700);
    builder.create(path)
}

/// Creates `path` (and parents) 0700, then makes sure it is private: an existing
/// directory the caller owns is made 0700, one owned by someone else is refused.
pub fn create_vault_dir(path: &Path) -> Result<()> {
    create_private_dir(path)?;
    #[cfg(unix)]
    {
        let meta = fs::metadata(path)?;
        if meta.uid() != effective_uid() {
            return Err(not_private(path, format!("owned by user {}", meta.uid())));
        }
        if meta.permissions().mode() & 0o077 != 0 {
            fs::set_permissions(path, fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn effective_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

fn not_private(path: &Path, detail: String) -> Error {
    Error::NotPrivate {
        path: path.to_path_buf(),
        detail,
    }
}

/// What of `path` others may reach: `None` when it is the caller's and no one else may
/// read, write or enter it.
#[cfg(unix)]
fn exposure(path: &Path, meta: &fs::Metadata) -> Option<Error> {
    if meta.file_type().is_symlink() {
        return Some(not_private(path, "a symbolic link".into()));
    }
    if meta.uid() != effective_uid() {
        return Some(not_private(path, format!("owned by user {}", meta.uid())));
    }
    let mode = meta.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then(|| not_private(path, format!("mode {mode:04o}")))
}

/// The directory `root` and each of the vault's own files in it (`names`, those that
/// exist) that others could read or change, or that belong to someone else, each as a
/// `files.not_private` warning. Other files the mediator keeps there are not Accord's
/// business. Empty when all is private, or when `root` cannot be looked at (the open
/// that follows says why).
pub fn exposures(root: &Path, names: &[&str]) -> Vec<Error> {
    #[cfg(unix)]
    {
        let mut found = Vec::new();
        let Ok(meta) = fs::metadata(root) else {
            return found;
        };
        found.extend(exposure(root, &meta));
        for name in names {
            let path = root.join(name);
            if let Ok(meta) = fs::symlink_metadata(&path) {
                found.extend(exposure(&path, &meta));
            }
        }
        found
    }
    #[cfg(not(unix))]
    {
        let _ = (root, names);
        Vec::new()
    }
}

/// Checks that `dir` is a directory of the caller's that no one else may enter (what the
/// XDG base directory spec promises of `$XDG_RUNTIME_DIR`).
pub fn check_private_dir(dir: &Path) -> Result<()> {
    let meta = fs::symlink_metadata(dir)
        .map_err(|e| not_private(dir, format!("cannot be looked at ({e})")))?;
    if !meta.is_dir() {
        return Err(not_private(dir, "not a directory".into()));
    }
    #[cfg(unix)]
    if let Some(e) = exposure(dir, &meta) {
        return Err(e);
    }
    Ok(())
}

/// A new directory for one run, `<base>/<prefix><pid>-<random>`, 0700, under a `base`
/// that must be private ([`check_private_dir`]). Created with one `mkdir`, which fails on
/// anything already there, and checked afterwards.
pub fn create_run_dir(base: &Path, prefix: &str) -> Result<PathBuf> {
    check_private_dir(base)?;
    let mut random = [0u8; 8];
    getrandom::fill(&mut random).expect("the OS random source failed");
    let dir = base.join(format!(
        "{prefix}{}-{}",
        std::process::id(),
        hex::encode(random)
    ));
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    builder.mode(0o700);
    builder.create(&dir)?;
    check_private_dir(&dir)?;
    Ok(dir)
}

/// Makes a rename in `dir` durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    fn chmod(path: &Path, mode: u32) {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    }

    #[test]
    fn an_existing_open_directory_becomes_private_for_a_vault() {
        let base = tempfile::tempdir().unwrap();
        let dir = base.path().join("shared");
        fs::create_dir(&dir).unwrap();
        chmod(&dir, 0o775);
        create_vault_dir(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
        let fresh = base.path().join("a/b/vault");
        create_vault_dir(&fresh).unwrap();
        assert_eq!(mode(&fresh), 0o700);
    }

    #[test]
    fn a_directory_of_someone_elses_is_refused() {
        let base = tempfile::tempdir().unwrap();
        // Someone else's directory: one given to `nobody` when the tests run as root
        // (CI), else `/`, which belongs to root.
        let theirs = if effective_uid() == 0 {
            let dir = base.path().join("theirs");
            fs::create_dir(&dir).unwrap();
            std::os::unix::fs::chown(&dir, Some(65534), Some(65534)).unwrap();
            dir
        } else {
            PathBuf::from("/")
        };
        let err = create_vault_dir(&theirs).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::NotPrivate, "{err}");
        assert!(err.to_string().contains("owned by user"), "{err}");
        chmod_if_ours(&theirs);
        let err = create_run_dir(&theirs, "accord-test-").unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::NotPrivate, "{err}");
    }

    /// Mode 0700 on a directory the tests made, so only its owner can make it fail.
    fn chmod_if_ours(dir: &Path) {
        if dir != Path::new("/") {
            chmod(dir, 0o700);
        }
    }

    #[test]
    fn exposures_name_each_loose_file_and_the_directory() {
        let base = tempfile::tempdir().unwrap();
        let dir = base.path().join("vault");
        create_vault_dir(&dir).unwrap();
        for name in ["vault.json", "accord.db", "accord.db-wal"] {
            drop(create_private(&dir.join(name)).unwrap());
        }
        let names = ["accord.db", "accord.db-wal", "vault.json", "accord.db-shm"];
        assert!(exposures(&dir, &names).is_empty());
        fs::write(dir.join("mine.txt"), "not Accord's").unwrap();
        chmod(&dir.join("mine.txt"), 0o644);
        assert!(
            exposures(&dir, &names).is_empty(),
            "other files are not looked at"
        );
        chmod(&dir.join("accord.db"), 0o644);
        chmod(&dir.join("accord.db-wal"), 0o660);
        chmod(&dir, 0o755);
        let found: Vec<String> = exposures(&dir, &names)
            .iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0].contains("vault") && found[0].contains("mode 0755"),
            "{found:?}"
        );
        assert!(
            found[1].contains("accord.db:") || found[1].contains("accord.db "),
            "{found:?}"
        );
        assert!(
            found[1].contains("mode 0644") && found[2].contains("mode 0660"),
            "{found:?}"
        );
    }

    #[test]
    fn a_run_directory_is_new_random_and_private_under_a_private_base_only() {
        let base = tempfile::tempdir().unwrap();
        chmod(base.path(), 0o700);
        // Someone else's guess at the old predictable name changes nothing.
        let planted = base
            .path()
            .join(format!("accord-webview-{}", std::process::id()));
        fs::create_dir(&planted).unwrap();
        chmod(&planted, 0o777);
        let one = create_run_dir(base.path(), "accord-webview-").unwrap();
        let two = create_run_dir(base.path(), "accord-webview-").unwrap();
        assert_ne!(one, two);
        assert_ne!(one, planted);
        for dir in [&one, &two] {
            assert_eq!(mode(dir), 0o700);
            assert_eq!(fs::metadata(dir).unwrap().uid(), effective_uid());
        }
        chmod(base.path(), 0o755);
        let err = create_run_dir(base.path(), "accord-webview-").unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::NotPrivate, "{err}");
        let err = create_run_dir(&base.path().join("missing"), "accord-webview-").unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::NotPrivate, "{err}");
    }

    #[test]
    fn a_new_private_file_replaces_a_leftover_and_never_writes_through_a_link() {
        let base = tempfile::tempdir().unwrap();
        let victim = base.path().join("victim");
        fs::write(&victim, "mine").unwrap();
        let tmp = base.path().join("x.tmp");
        std::os::unix::fs::symlink(&victim, &tmp).unwrap();
        use std::io::Write;
        create_new_private(&tmp).unwrap().write_all(b"new").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "mine");
        assert_eq!(fs::read_to_string(&tmp).unwrap(), "new");
        assert_eq!(mode(&tmp), 0o600);
    }
}

//! A running `accord` protects its memory: no core file, no same-user ptrace, and a
//! passphrase given in the environment is gone from it (`/proc/<pid>/environ` included).

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::util::{TestVault, PASSPHRASE};

/// Polls `read` until it gives `Some`, for at most ten seconds.
fn within_ten_seconds<T>(mut read: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(found) = read() {
            return Some(found);
        }
        if start.elapsed() > Duration::from_secs(10) {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_running_accord_dumps_no_core_and_keeps_no_passphrase_in_its_environment() {
    let vault = TestVault::init();
    // `term import -` waits for its CSV on stdin: the process stays up while we look.
    let mut child = vault
        .cmd(&["term", "import", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("accord starts");
    let proc_dir = format!("/proc/{}", child.id());

    let limits = within_ten_seconds(|| {
        let text = std::fs::read_to_string(format!("{proc_dir}/limits")).ok()?;
        let line = text
            .lines()
            .find(|l| l.starts_with("Max core file size"))?
            .to_string();
        line.split_whitespace()
            .nth(4)
            .is_some_and(|soft| soft == "0")
            .then_some(line)
    });
    assert!(limits.is_some(), "the core file size limit of accord is 0");

    let environ = within_ten_seconds(|| match std::fs::read(format!("{proc_dir}/environ")) {
        // Read by root: the block itself, which must no longer hold the passphrase.
        Ok(block) => {
            let text = String::from_utf8_lossy(&block).into_owned();
            let has_vault = text.contains("ACCORD_VAULT=");
            (has_vault && !text.contains(PASSPHRASE)).then_some("wiped")
        }
        // Read by the same user: refused, which is what non-dumpable means.
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Some("not readable"),
        Err(_) => None,
    });
    assert!(
        environ.is_some(),
        "the passphrase given in ACCORD_PASSPHRASE stayed in the running process's environment"
    );

    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            "en,zh_hans,zh_hant,domain,note\nescrow agent,托管代理人,託管代理人,,\n".as_bytes(),
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "and it still used the passphrase: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_passphrase_file_others_can_read_is_used_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let vault = TestVault::init();
    let file = vault.path.with_extension("passphrase");
    std::fs::write(&file, format!("{PASSPHRASE}\n")).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = vault
        .cmd(&["case", "list", "--passphrase-file", file.to_str().unwrap()])
        .env_remove("ACCORD_PASSPHRASE")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("can be read by other users"), "{stderr}");

    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = vault
        .cmd(&["case", "list", "--passphrase-file", file.to_str().unwrap()])
        .env_remove("ACCORD_PASSPHRASE")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "no warning for a private file");
}

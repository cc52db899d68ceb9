//! §5: `SHA256SUMS`, the signed root: one line per member, as `sha256sum` writes them
//! and `sha256sum -c --strict` checks them.

use sha2::{Digest, Sha256};

use crate::{names, Error, Result};

/// The largest `SHA256SUMS` a reader takes.
pub const MAX_BYTES: usize = 1 << 20;
/// The most members a bundle may list.
pub const MAX_MEMBERS: usize = 10_000;

/// One member's line: its name and the SHA-256 of its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub sha256: [u8; 32],
    pub name: String,
}

impl Line {
    pub fn of(name: &str, content: &[u8]) -> Line {
        Line {
            sha256: Sha256::digest(content).into(),
            name: name.to_string(),
        }
    }
}

/// The file's bytes for `lines`, in their order.
pub fn write(lines: &[Line]) -> Vec<u8> {
    lines
        .iter()
        .flat_map(|l| format!("{}  {}\n", hex::encode(l.sha256), l.name).into_bytes())
        .collect()
}

/// The lines of a `SHA256SUMS`, refused unless every byte is as [`write`] makes them:
/// lower-case hex, two spaces, a name from the grammar once, LF, nothing else. The first
/// line must be `manifest.json`'s.
pub fn parse(bytes: &[u8]) -> Result<Vec<Line>> {
    let bad = |line, why| Err(Error::BadSums { line, why });
    if bytes.len() > MAX_BYTES {
        return bad(0, "larger than 1 MiB");
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return bad(0, "not UTF-8");
    };
    let Some(body) = text.strip_suffix('\n') else {
        return bad(0, "does not end with a line feed");
    };
    let mut lines = Vec::new();
    for (i, raw) in body.split('\n').enumerate() {
        let n = i + 1;
        if n > MAX_MEMBERS {
            return bad(n, "more than 10,000 members");
        }
        let Some((hash, name)) = raw.split_once("  ") else {
            return bad(n, "not `<hash>  <name>`");
        };
        if hash.len() != 64 || !hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return bad(n, "the hash is not 64 lower-case hex digits");
        }
        let mut sha256 = [0u8; 32];
        hex::decode_to_slice(hash, &mut sha256).expect("checked hex");
        lines.push(Line {
            sha256,
            name: names::check(name)?.to_string(),
        });
    }
    names::check_all(lines.iter().map(|l| l.name.as_str()))?;
    if lines.first().map(|l| l.name.as_str()) != Some("manifest.json") {
        return bad(1, "the first line is not manifest.json's");
    }
    if lines
        .iter()
        .any(|l| matches!(l.name.as_str(), "SHA256SUMS" | "SHA256SUMS.minisig"))
    {
        return bad(0, "lists itself or its signature");
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Line> {
        vec![
            Line::of("manifest.json", b"{}"),
            Line::of("case.json", b"{\"case\":1}"),
            Line::of("notes/0001.json", "立場書".as_bytes()),
        ]
    }

    #[test]
    fn what_is_written_parses_back() {
        let lines = sample();
        assert_eq!(parse(&write(&lines)).unwrap(), lines);
    }

    #[test]
    fn sha256sum_checks_what_we_write() {
        let dir = std::env::temp_dir().join(format!("accord-bundle-sums-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("notes")).unwrap();
        std::fs::write(dir.join("manifest.json"), b"{}").unwrap();
        std::fs::write(dir.join("case.json"), b"{\"case\":1}").unwrap();
        std::fs::write(dir.join("notes/0001.json"), "立場書").unwrap();
        std::fs::write(dir.join("SHA256SUMS"), write(&sample())).unwrap();
        let check = |dir: &std::path::Path| {
            std::process::Command::new("sha256sum")
                .args(["-c", "--strict", "SHA256SUMS"])
                .current_dir(dir)
                .output()
                .expect("sha256sum runs")
        };
        let ok = check(&dir);
        assert!(
            ok.status.success(),
            "{}",
            String::from_utf8_lossy(&ok.stdout)
        );
        std::fs::write(dir.join("case.json"), b"{\"case\":2}").unwrap();
        assert!(
            !check(&dir).status.success(),
            "a changed member fails the standard tool"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn anything_but_the_exact_form_is_refused() {
        let good = String::from_utf8(write(&sample())).unwrap();
        let h = "0".repeat(64);
        for bad in [
            String::new(),
            good.trim_end().to_string(),
            good.replace("  ", " "),
            good.replace("  ", " *"),
            good.to_uppercase(),
            good.replace('\n', "\r\n"),
            format!("{good}\n"),
            format!("# comment\n{good}"),
            format!("{good}{h}  ../x\n"),
            format!("{good}{h}  case.json\n"),
            format!("{h}  case.json\n{good}"),
            format!("{good}{h}  SHA256SUMS\n"),
            format!("{}{good}", "x"),
        ] {
            assert!(parse(bad.as_bytes()).is_err(), "{bad:?}");
        }
        assert!(parse(&[0xff, b'\n']).is_err());
    }
}

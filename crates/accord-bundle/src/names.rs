//! §4.2: the member names a bundle may hold, and nothing else.
//!
//! Written as a matcher over the grammar, not a path sanitiser: a name either is one of
//! these shapes or is refused, so no absolute path, `..`, backslash, drive letter, NUL or
//! directory can get through by a rule forgotten.

use crate::{Error, Result};

/// The fixed names and the serial-numbered families, with their extensions.
const FIXED: &[&str] = &[
    "SHA256SUMS",
    "SHA256SUMS.minisig",
    "manifest.json",
    "case.json",
    "receipt.json",
    "audit/events.jsonl",
];
const SERIALS: &[(&str, &str)] = &[
    ("sessions/", ".json"),
    ("notes/", ".json"),
    ("agreements/", ".json"),
    ("agreements/", ".pdf"),
];
const DOCUMENTS: &str = "documents/";

/// The longest name: the ustar name field, less its NUL.
pub const MAX_NAME: usize = 99;

/// `name` if the grammar allows it.
pub fn check(name: &str) -> Result<&str> {
    if allowed(name) {
        Ok(name)
    } else {
        Err(Error::BadMemberName(name.to_string()))
    }
}

fn allowed(name: &str) -> bool {
    if FIXED.contains(&name) {
        return true;
    }
    if let Some(hash) = name.strip_prefix(DOCUMENTS) {
        return hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    }
    SERIALS.iter().any(|(dir, ext)| {
        name.strip_prefix(dir)
            .and_then(|rest| rest.strip_suffix(ext))
            .is_some_and(|serial| {
                (4..=8).contains(&serial.len()) && serial.bytes().all(|b| b.is_ascii_digit())
            })
    })
}

/// Every name once, each allowed: the list as `SHA256SUMS` or the manifest gives it.
pub fn check_all<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for name in names {
        check(name)?;
        if !seen.insert(name) {
            return Err(Error::DuplicateMember(name.to_string()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_of_the_spec_are_allowed() {
        for name in [
            "SHA256SUMS",
            "SHA256SUMS.minisig",
            "manifest.json",
            "case.json",
            "receipt.json",
            "audit/events.jsonl",
            "sessions/0001.json",
            "notes/12345678.json",
            "agreements/0003.json",
            "agreements/0003.pdf",
            &format!("documents/{}", "a1".repeat(32)),
        ] {
            assert_eq!(check(name), Ok(name), "{name}");
            assert!(name.len() <= MAX_NAME);
        }
    }

    /// Each a way an archive has been used to write outside its folder, or to smuggle a
    /// member the reader does not expect.
    #[test]
    fn hostile_and_unexpected_names_are_refused() {
        let long = format!("notes/{}.json", "1".repeat(9));
        let upper = format!("documents/{}", "A1".repeat(32));
        let short = format!("documents/{}", "a1".repeat(31));
        for name in [
            "",
            "/etc/passwd",
            "../case.json",
            "notes/../../x.json",
            "notes/0001.json/",
            "notes/",
            "notes/001.json",
            long.as_str(),
            "notes/0001.JSON",
            "notes\\0001.json",
            "C:case.json",
            "c:/case.json",
            "case.json\0",
            "case.json ",
            "./case.json",
            "Case.json",
            "notes/０００１.json",
            "agreements/0001.docx",
            "documents/",
            upper.as_str(),
            short.as_str(),
            "NUL",
            "manifest.json.minisig",
        ] {
            assert_eq!(
                check(name),
                Err(Error::BadMemberName(name.into())),
                "{name:?}"
            );
        }
    }

    #[test]
    fn a_name_twice_is_refused() {
        assert_eq!(check_all(["case.json", "notes/0001.json"]), Ok(()));
        assert_eq!(
            check_all(["notes/0001.json", "case.json", "notes/0001.json"]),
            Err(Error::DuplicateMember("notes/0001.json".into()))
        );
    }
}

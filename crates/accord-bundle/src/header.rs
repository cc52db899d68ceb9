//! §4.1: the one ustar header a member may have, rebuilt and compared byte for byte.
//!
//! A reader never parses tar: tar readers disagree about PAX records, GNU long names and
//! base-256 sizes (several advisories against Rust tar readers in 2025–26). Rebuilding the
//! header a member must have, from the name and size the signed root announces, leaves no
//! field to interpret. Writing goes through the `tar` crate, so checksums and octal
//! fields are not ours.

use crate::{names, Error, Result};

/// Bytes in a tar block: a header, and the unit content is padded to.
pub const BLOCK: usize = 512;

/// Below 8 GiB: what 11 octal digits hold (more would need GNU base-256, outside the profile).
pub const MAX_MEMBER: u64 = (1 << 33) - 1;

/// The canonical header of member `name` of `size` bytes.
pub fn canonical(name: &str, size: u64) -> Result<[u8; BLOCK]> {
    names::check(name)?;
    if size > MAX_MEMBER {
        return Err(Error::TooLarge {
            name: name.to_string(),
            size,
            limit: MAX_MEMBER,
        });
    }
    let mut header = tar::Header::new_ustar();
    // The names the grammar allows are ASCII, at most 99 bytes: they fit the name field
    // whole, so `set_path` never splits one into the prefix field.
    header
        .set_path(name)
        .map_err(|_| Error::BadMemberName(name.to_string()))?;
    header.set_size(size);
    header.set_mode(0o644);
    header.set_mtime(0);
    header.set_uid(0);
    header.set_gid(0);
    header.set_entry_type(tar::EntryType::Regular);
    header.set_cksum();
    let mut block = [0u8; BLOCK];
    block.copy_from_slice(header.as_bytes());
    Ok(block)
}

/// Whether `block` is exactly the canonical header of `name` of `size` bytes.
pub fn expect(block: &[u8; BLOCK], name: &str, size: u64) -> Result<()> {
    if *block == canonical(name, size)? {
        Ok(())
    } else {
        Err(Error::BadMemberHeader {
            name: name.to_string(),
        })
    }
}

/// Zero bytes after `size` bytes of content, to the next block.
pub fn padding(size: u64) -> usize {
    ((BLOCK as u64 - size % BLOCK as u64) % BLOCK as u64) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_is_a_plain_ustar_regular_file_owned_by_nobody_at_the_epoch() {
        let h = canonical("notes/0001.json", 1234).unwrap();
        assert_eq!(&h[0..15], b"notes/0001.json");
        assert!(
            h[15..100].iter().all(|&b| b == 0),
            "name NUL-padded, no prefix use"
        );
        assert_eq!(&h[100..108], b"0000644\0");
        assert_eq!(&h[108..116], b"0000000\0");
        assert_eq!(&h[124..136], b"00000002322\0", "1234 in octal");
        assert_eq!(&h[136..148], b"00000000000\0");
        assert_eq!(h[156], b'0');
        assert_eq!(&h[257..265], b"ustar\x0000");
        assert!(
            h[345..].iter().all(|&b| b == 0),
            "no prefix, no padding bytes"
        );
        let sum: u32 = h
            .iter()
            .enumerate()
            .map(|(i, &b)| {
                if (148..156).contains(&i) {
                    32
                } else {
                    b as u32
                }
            })
            .sum();
        assert_eq!(&h[148..156], format!("{sum:07o}\0").as_bytes());
    }

    #[test]
    fn any_other_header_is_refused() {
        let good = canonical("case.json", 10).unwrap();
        assert_eq!(expect(&good, "case.json", 10), Ok(()));
        assert!(matches!(
            expect(&good, "case.json", 11),
            Err(Error::BadMemberHeader { .. })
        ));
        assert!(matches!(
            expect(&good, "notes/0001.json", 10),
            Err(Error::BadMemberHeader { .. })
        ));
        // The same name and size with one field changed: a symlink, a PAX header, a
        // non-zero time, another mode, GNU magic.
        for (at, byte) in [
            (156, b'2'),
            (156, b'x'),
            (146, b'1'),
            (103, b'7'),
            (262, b' '),
        ] {
            let mut bad = good;
            bad[at] = byte;
            assert!(
                matches!(
                    expect(&bad, "case.json", 10),
                    Err(Error::BadMemberHeader { .. })
                ),
                "byte {at}"
            );
        }
    }

    #[test]
    fn names_outside_the_grammar_and_oversized_members_have_no_header() {
        assert!(matches!(canonical("../x", 1), Err(Error::BadMemberName(_))));
        assert!(matches!(
            canonical("case.json", MAX_MEMBER + 1),
            Err(Error::TooLarge { .. })
        ));
        assert!(canonical("case.json", MAX_MEMBER).is_ok());
    }

    #[test]
    fn padding_fills_to_the_next_block() {
        assert_eq!([0, 1, 511, 512, 513].map(padding), [0, 511, 1, 0, 511]);
    }

    /// The profile is still tar: GNU tar lists and extracts what these headers make.
    #[test]
    fn gnu_tar_reads_an_archive_of_canonical_headers() {
        let dir = std::env::temp_dir().join(format!("accord-bundle-header-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut archive = Vec::new();
        for (name, content) in [
            ("case.json", &b"{\"a\":1}"[..]),
            ("notes/0001.json", &[b'x'; 600][..]),
        ] {
            archive.extend_from_slice(&canonical(name, content.len() as u64).unwrap());
            archive.extend_from_slice(content);
            archive.extend(std::iter::repeat_n(0, padding(content.len() as u64)));
        }
        archive.extend([0u8; 2 * BLOCK]);
        let file = dir.join("a.tar");
        std::fs::write(&file, &archive).unwrap();
        let out = std::process::Command::new("tar")
            .args(["--numeric-owner", "-tvf"])
            .arg(&file)
            .output()
            .expect("GNU tar runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let listing = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<&str> = listing.lines().collect();
        assert_eq!(lines.len(), 2, "{listing}");
        assert!(
            lines[0].starts_with("-rw-r--r-- 0/0")
                && lines[0].contains("1970-01-01")
                && lines[0].ends_with(" case.json"),
            "{listing}"
        );
        assert!(
            lines[1].contains(" 600 ") && lines[1].ends_with(" notes/0001.json"),
            "{listing}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

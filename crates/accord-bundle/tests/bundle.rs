//! Bundles written and read whole: round trips, the standard tools, and every rejection
//! of the spec's §9 (each a way a bundle could be forged, altered, misdirected or replayed).

use std::collections::HashMap;
use std::io::Write;
use std::process::Command;

use accord_bundle::card::key_id;
use accord_bundle::manifest::{Kind, Manifest, Member, Sender};
use accord_bundle::read::{self, Reader, Staging, Verified};
use accord_bundle::signature::{Trust, FORMAT};
use accord_bundle::write::{self, Source};
use accord_bundle::{Error, Result};
use sha2::{Digest, Sha256};

struct Party {
    identity: age::x25519::Identity,
    keys: minisign::KeyPair,
    key_id: String,
}

fn party() -> Party {
    let keys = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let key_id = key_id(&keys.pk.to_base64()).unwrap();
    Party {
        identity: age::x25519::Identity::generate(),
        keys,
        key_id,
    }
}

fn recipient(p: &Party) -> String {
    p.identity.to_public().to_string()
}

/// A case bundle from `from` to `to`, with a document of `doc_size` bytes.
fn contents(doc_size: usize) -> Vec<(String, Vec<u8>)> {
    let doc: Vec<u8> = (0..doc_size).map(|i| (i * 7 % 251) as u8).collect();
    vec![
        (
            "case.json".into(),
            br#"{"schema":"accord-case/1","reference":"IOMed/2026/014"}"#.to_vec(),
        ),
        (
            "notes/0001.json".into(),
            "{\"text\":\"雙方同意分兩期付款\"}".as_bytes().to_vec(),
        ),
        (format!("documents/{}", hex(&Sha256::digest(&doc))), doc),
    ]
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn manifest(from: &Party, to: &Party, members: &[(String, Vec<u8>)]) -> Manifest {
    Manifest {
        format: FORMAT.into(),
        kind: Kind::CaseBundle,
        bundle_id: "5f0c1e9a-3b7d-4c2e-9a61-0d2f8e4b7c15".into(),
        from: Sender {
            key_id: from.key_id.clone(),
            name: "Chan Tai Man".into(),
            mediator_id: None,
        },
        addressee: to.key_id.clone(),
        to: vec![recipient(to)],
        seq: 1,
        created: "2026-12-03T06:00:00Z".into(),
        audit_head: None,
        case: None,
        withheld: Default::default(),
        members: members
            .iter()
            .map(|(name, bytes)| Member {
                name: name.clone(),
                size: bytes.len() as u64,
                kind: name
                    .split('/')
                    .next()
                    .unwrap()
                    .trim_end_matches(".json")
                    .into(),
                title: None,
                file_name: name
                    .starts_with("documents/")
                    .then(|| "立場書.pdf".to_string()),
                media_type: None,
            })
            .collect(),
    }
}

fn seal(m: &Manifest, from: &Party, members: &[(String, Vec<u8>)]) -> Vec<u8> {
    let sources = members
        .iter()
        .map(|(_, b)| Source {
            sha256: Sha256::digest(b).into(),
            content: Box::new(&b[..]),
        })
        .collect();
    write::write(Vec::new(), m, &from.keys.sk, sources, &mut ()).unwrap()
}

#[derive(Default)]
struct Memory(HashMap<String, Vec<u8>>);

struct Into<'a>(&'a mut Vec<u8>);
impl Write for Into<'_> {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Staging for Memory {
    fn member(&mut self, m: &Member) -> Result<Box<dyn Write + '_>> {
        Ok(Box::new(Into(self.0.entry(m.name.clone()).or_default())))
    }
}

/// Reads `file` as `me`, trusting `trusted` (key id → minisign key), with `fresh`.
fn open(
    file: &[u8],
    me: &Party,
    trusted: &[&Party],
    fresh: &dyn Fn(&Manifest) -> Result<()>,
) -> Result<(Verified, Memory)> {
    let trust = |id: &str| {
        trusted
            .iter()
            .find(|p| p.key_id == id)
            .map(|p| Trust::Trusted(p.keys.pk.to_base64()))
    };
    let reader = Reader {
        identity: &me.identity,
        key_id: &me.key_id,
        trust: &trust,
        fresh,
        max_member: 1 << 30,
    };
    let mut staging = Memory::default();
    let verified = read::read(file, &reader, &mut staging)?;
    Ok((verified, staging))
}

/// `me` reading, with `trust`, any bundle fresh, members up to `max_member` bytes.
fn reader_for<'a>(
    me: &'a Party,
    trust: &'a dyn Fn(&str) -> Option<Trust>,
    max_member: u64,
) -> Reader<'a> {
    Reader {
        identity: &me.identity,
        key_id: &me.key_id,
        trust,
        fresh: &always,
        max_member,
    }
}

fn always(_: &Manifest) -> Result<()> {
    Ok(())
}

#[test]
fn a_bundle_opens_to_exactly_what_was_sent() {
    let (mediator, secretariat) = (party(), party());
    // Sizes around the tar block and the age chunk.
    for size in [
        0,
        1,
        511,
        512,
        513,
        64 * 1024 - 1,
        64 * 1024,
        64 * 1024 + 1,
        300_000,
    ] {
        let members = contents(size);
        let m = manifest(&mediator, &secretariat, &members);
        let file = seal(&m, &mediator, &members);
        let (verified, staged) = open(&file, &secretariat, &[&mediator], &always).unwrap();
        assert_eq!(verified.manifest, m);
        assert_eq!(verified.signer, mediator.key_id);
        for (name, bytes) in &members {
            assert_eq!(&staged.0[name], bytes, "{name} at size {size}");
        }
    }
}

#[test]
fn inspect_names_sender_and_members_from_the_first_chunks() {
    let (mediator, secretariat) = (party(), party());
    let members = contents(1 << 20);
    let m = manifest(&mediator, &secretariat, &members);
    let file = seal(&m, &mediator, &members);
    let trust =
        |id: &str| (id == mediator.key_id).then(|| Trust::Trusted(mediator.keys.pk.to_base64()));
    let reader = reader_for(&secretariat, &trust, 1 << 30);
    // Only the first 128 KiB of a 1 MiB bundle are there: inspect still answers.
    let verified = read::inspect(&file[..128 * 1024], &reader).unwrap();
    assert_eq!(verified.manifest.members.len(), 3);
}

/// Spec §11: age, tar, minisign and sha256sum open and check what we write.
#[test]
fn the_standard_tools_open_and_check_a_bundle() {
    let (mediator, secretariat) = (party(), party());
    let members = contents(100_000);
    let file = seal(
        &manifest(&mediator, &secretariat, &members),
        &mediator,
        &members,
    );
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("b.tar.age"), &file).unwrap();
    use age::secrecy::ExposeSecret;
    std::fs::write(
        d.join("id.txt"),
        format!("{}\n", secretariat.identity.to_string().expose_secret()),
    )
    .unwrap();
    let run_in = |dir: &std::path::Path, cmd: &mut Command| {
        let out = cmd.current_dir(dir).output().unwrap_or_else(|e| {
            panic!("{cmd:?}: {e} (scripts/setup.sh installs age, minisign, tar, coreutils)")
        });
        assert!(
            out.status.success(),
            "{cmd:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };
    let run = |cmd: &mut Command| run_in(d, cmd);
    run(Command::new("age").args(["-d", "-i", "id.txt", "-o", "b.tar", "b.tar.age"]));
    std::fs::create_dir(d.join("out")).unwrap();
    run(Command::new("tar").args([
        "-xf",
        "b.tar",
        "-C",
        "out",
        "--no-same-owner",
        "--no-same-permissions",
    ]));
    let said = run(Command::new("minisign").args([
        "-V",
        "-H",
        "-P",
        &mediator.keys.pk.to_base64(),
        "-m",
        "out/SHA256SUMS",
    ]));
    assert!(
        said.contains("Trusted comment: accord-bundle/1 kind=case-bundle"),
        "{said}"
    );
    let checked = run_in(
        &d.join("out"),
        Command::new("sha256sum").args(["-c", "--strict", "SHA256SUMS"]),
    );
    assert_eq!(
        checked.lines().filter(|l| l.ends_with(": OK")).count(),
        4,
        "{checked}"
    );
}

#[test]
fn a_cut_flipped_or_extended_file_is_refused() {
    let (mediator, secretariat) = (party(), party());
    let members = contents(200_000);
    let file = seal(
        &manifest(&mediator, &secretariat, &members),
        &mediator,
        &members,
    );
    for cut in [0, 10, 200, file.len() / 2, file.len() - 17, file.len() - 1] {
        let err = open(&file[..cut], &secretariat, &[&mediator], &always).err();
        assert!(err.is_some(), "cut at {cut}");
    }
    for at in [30, 150, 400, file.len() / 3, file.len() / 2, file.len() - 5] {
        let mut bad = file.clone();
        bad[at] ^= 0x01;
        assert!(
            open(&bad, &secretariat, &[&mediator], &always).is_err(),
            "bit flipped at {at}"
        );
    }
    let mut longer = file.clone();
    longer.extend_from_slice(b"appended");
    assert!(open(&longer, &secretariat, &[&mediator], &always).is_err());
    assert!(open(&file, &secretariat, &[&mediator], &always).is_ok());
}

#[test]
fn a_bundle_from_an_unknown_revoked_or_impostor_signer_is_refused() {
    let (mediator, secretariat, eve) = (party(), party(), party());
    let members = contents(10);
    let file = seal(
        &manifest(&mediator, &secretariat, &members),
        &mediator,
        &members,
    );
    assert_eq!(
        open(&file, &secretariat, &[], &always).err(),
        Some(Error::UnknownSigner(mediator.key_id.clone()))
    );
    assert_eq!(
        open(&file, &secretariat, &[&eve], &always).err(),
        Some(Error::UnknownSigner(mediator.key_id.clone()))
    );
    let trust = |_: &str| Some(Trust::Revoked);
    let reader = reader_for(&secretariat, &trust, 1 << 30);
    assert_eq!(
        read::read(&file[..], &reader, &mut Memory::default()).err(),
        Some(Error::RevokedSigner(mediator.key_id.clone()))
    );
    // Eve signs a manifest that claims to be from the mediator: her key verifies, and
    // the manifest's sender is not the signer.
    let mut forged = manifest(&mediator, &secretariat, &members);
    forged.from.key_id = mediator.key_id.clone();
    let file = seal(&forged, &eve, &members);
    assert_eq!(
        open(&file, &secretariat, &[&mediator, &eve], &always).err(),
        Some(Error::CommentMismatch("from"))
    );
}

#[test]
fn a_bundle_for_someone_else_or_forwarded_is_refused() {
    let (mediator, secretariat, eve) = (party(), party(), party());
    let members = contents(10);
    let file = seal(
        &manifest(&mediator, &secretariat, &members),
        &mediator,
        &members,
    );
    assert_eq!(
        open(&file, &eve, &[&mediator], &always).err(),
        Some(Error::NotForMe)
    );
    // The Secretariat decrypts and re-encrypts the same signed archive to Eve: every
    // signature holds, but it was not addressed to her.
    let plain = {
        let d = age::Decryptor::new_buffered(&file[..]).unwrap();
        let mut r = d
            .decrypt(std::iter::once(&secretariat.identity as &dyn age::Identity))
            .unwrap();
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut r, &mut v).unwrap();
        v
    };
    let enc = age::Encryptor::with_recipients(std::iter::once(
        &eve.identity.to_public() as &dyn age::Recipient
    ))
    .unwrap();
    let mut w = enc.wrap_output(Vec::new()).unwrap();
    w.write_all(&plain).unwrap();
    let forwarded = w.finish().unwrap();
    assert_eq!(
        open(&forwarded, &eve, &[&mediator], &always).err(),
        Some(Error::NotAddressedToMe)
    );
}

#[test]
fn a_replayed_bundle_is_refused_by_the_readers_state() {
    let (mediator, secretariat) = (party(), party());
    let members = contents(10);
    let file = seal(
        &manifest(&mediator, &secretariat, &members),
        &mediator,
        &members,
    );
    let seen = |m: &Manifest| {
        if m.seq <= 1 {
            Err(Error::Replayed)
        } else {
            Ok(())
        }
    };
    assert_eq!(
        open(&file, &secretariat, &[&mediator], &seen).err(),
        Some(Error::Replayed)
    );
}

#[test]
fn members_over_the_readers_limit_are_refused_before_they_are_read() {
    let (mediator, secretariat) = (party(), party());
    let members = contents(5000);
    let file = seal(
        &manifest(&mediator, &secretariat, &members),
        &mediator,
        &members,
    );
    let trust = |_: &str| Some(Trust::Trusted(mediator.keys.pk.to_base64()));
    let reader = reader_for(&secretariat, &trust, 4096);
    assert!(matches!(
        read::read(&file[..], &reader, &mut Memory::default()),
        Err(Error::TooLarge { .. })
    ));
}

#[test]
fn passphrase_and_armored_files_are_refused() {
    let (mediator, secretariat) = (party(), party());
    let enc =
        age::Encryptor::with_user_passphrase(age::secrecy::SecretString::from("x".to_string()));
    let mut w = enc.wrap_output(Vec::new()).unwrap();
    w.write_all(b"anything").unwrap();
    let scrypt = w.finish().unwrap();
    assert_eq!(
        open(&scrypt, &secretariat, &[&mediator], &always).err(),
        Some(Error::PassphraseStanza)
    );
    let armored = b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCg==\n-----END AGE ENCRYPTED FILE-----\n";
    assert_eq!(
        open(armored, &secretariat, &[&mediator], &always).err(),
        Some(Error::NotBinary)
    );
    assert_eq!(
        open(b"PK\x03\x04 a zip", &secretariat, &[&mediator], &always).err(),
        Some(Error::NotBinary)
    );
}

#[test]
fn a_source_that_changed_since_it_was_hashed_fails_the_export() {
    let (mediator, secretariat) = (party(), party());
    let members = contents(100);
    let m = manifest(&mediator, &secretariat, &members);
    let mut sources: Vec<Source> = members
        .iter()
        .map(|(_, b)| Source {
            sha256: Sha256::digest(b).into(),
            content: Box::new(&b[..]),
        })
        .collect();
    sources[2].sha256 = [0; 32];
    assert!(matches!(
        write::write(Vec::new(), &m, &mediator.keys.sk, sources, &mut ()),
        Err(Error::HashMismatch(_))
    ));
}

//! Autosave survives a crash: a writer saving a note in a tight loop is SIGKILLed at a
//! random moment, many times over; every save it acknowledged must be there afterwards,
//! and the database and the audit chain must check clean.
//!
//! The writer is this test binary itself, re-run with only the ignored `autosave_writer`
//! test selected: it acknowledges each save on stdout only after the commit returned,
//! which is when the editor would show "Saved".

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use accord::notes::revisions;
use accord::notes::{self, NoteDraft};
use accord::vault::{self, Access, Vault, VaultDir};
use chrono::Utc;
use sha2::{Digest, Sha256};

use crate::util::{TestVault, PASSPHRASE};

const ROUNDS: usize = 25;

fn open(path: &std::path::Path) -> Vault {
    let dir = VaultDir::new(path);
    let key = vault::unlock_with_passphrase(&dir, &PASSPHRASE.to_string().into()).unwrap();
    Vault::open(&dir, key, Access::Write).unwrap()
}

fn digest(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The writer's loop. Does nothing unless the crash test started it.
#[test]
#[ignore = "run by autosave_survives_sigkill_mid_save as its child"]
fn autosave_writer() {
    let (Ok(path), Ok(note)) = (
        std::env::var("ACCORD_CRASH_VAULT"),
        std::env::var("ACCORD_CRASH_NOTE"),
    ) else {
        return;
    };
    let mut vault = open(std::path::Path::new(&path));
    let id = notes::find(vault.read(), &note).unwrap().id;
    let mut stdout = std::io::stdout().lock();
    for i in 0.. {
        let current = notes::load(vault.read(), id).unwrap();
        // About 10 KB of text that changes on every save, as a mediator typing would.
        let line = format!("Round {i}: the parties discussed the phased payment schedule. ");
        let mut text_en = current.text_en.clone() + &line;
        if text_en.len() > 10_000 {
            text_en = line;
        }
        let draft = NoteDraft {
            text_en: text_en.clone(),
            ..NoteDraft::of(&current)
        };
        let saved = vault
            .change(Utc::now(), |tx| {
                notes::save(tx, id, current.revision, draft)
            })
            .unwrap();
        writeln!(stdout, "saved {} {}", saved.revision, digest(&text_en)).unwrap();
        stdout.flush().unwrap();
    }
}

#[test]
fn autosave_survives_sigkill_mid_save() {
    let test = TestVault::init();
    let case = test.new_case("Crash test");
    let note = test.ok(&["note", "add", "--case", &case, "--en", "Start. "]);
    let note = note["id"].as_str().unwrap().to_string();

    let mut acknowledged: BTreeMap<i64, String> = BTreeMap::new();
    for round in 0..ROUNDS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash::autosave_writer",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("ACCORD_CRASH_VAULT", &test.path)
            .env("ACCORD_CRASH_NOTE", &note)
            .env("DBUS_SESSION_BUS_ADDRESS", crate::util::NO_BUS)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Wait for the first acknowledged save, then let it run a random while more.
        let mut first = None;
        for line in lines.by_ref() {
            let line = line.unwrap();
            if let Some(ack) = line.strip_prefix("saved ") {
                let (rev, sha) = ack.split_once(' ').unwrap();
                acknowledged.insert(rev.parse().unwrap(), sha.to_string());
                first = Some(Instant::now());
                break;
            }
        }
        assert!(first.is_some(), "round {round}: the writer never saved");
        let run_for = Duration::from_millis(20 + getrandom::u64().unwrap() % 300);
        let reader = std::thread::spawn(move || {
            let mut acks = Vec::new();
            for line in lines {
                let Ok(line) = line else { break };
                if let Some(ack) = line.strip_prefix("saved ") {
                    let (rev, sha) = ack.split_once(' ').unwrap();
                    acks.push((rev.parse::<i64>().unwrap(), sha.to_string()));
                }
            }
            acks
        });
        std::thread::sleep(run_for);
        child.kill().unwrap(); // SIGKILL: no destructors, no flush, mid-transaction.
        child.wait().unwrap();
        acknowledged.extend(reader.join().unwrap());
    }
    assert!(
        acknowledged.len() > ROUNDS * 2,
        "the writer should have saved many times, saved {}",
        acknowledged.len()
    );

    eprintln!(
        "{} saves acknowledged over {ROUNDS} kills",
        acknowledged.len()
    );
    let vault = open(&test.path);
    let conn = vault.read();
    assert!(vault.integrity_problems().unwrap().is_empty());
    assert_eq!(accord::integrity::verify(conn).unwrap().first_break, None);
    let id = notes::find(conn, &note).unwrap().id;
    let latest = notes::load(conn, id).unwrap();
    let (&last_ack, _) = acknowledged.last_key_value().unwrap();
    assert!(
        latest.revision >= last_ack,
        "the note went back before an acknowledged save"
    );
    for (revision, sha) in &acknowledged {
        let kept = revisions::load(conn, id, *revision)
            .unwrap_or_else(|e| panic!("acknowledged revision {revision} is gone: {e}"));
        assert_eq!(
            &digest(&kept.text_en),
            sha,
            "revision {revision} differs from what was acknowledged"
        );
    }
}

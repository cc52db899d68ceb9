use accord::vault::{Access, Vault, VaultDir};

use crate::util::{files_under, TestVault, PASSPHRASE};

const CANARY_EN: &str = "CANARY-Zephyrine-Quillfeather-7731";
const CANARY_ZH: &str = "金丝雀机密和解条款";

/// The forms the canary could take on disk: UTF-8, UTF-16 in both byte orders.
fn encodings(text: &str) -> Vec<Vec<u8>> {
    let utf16: Vec<u16> = text.encode_utf16().collect();
    vec![
        text.as_bytes().to_vec(),
        utf16.iter().flat_map(|u| u.to_le_bytes()).collect(),
        utf16.iter().flat_map(|u| u.to_be_bytes()).collect(),
    ]
}

fn leaks(vault: &TestVault) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in files_under(&vault.path) {
        for canary in [CANARY_EN, CANARY_ZH] {
            for form in encodings(canary) {
                if bytes.windows(form.len()).any(|w| w == form.as_slice()) {
                    found.push(format!("{} contains {canary}", path.display()));
                }
            }
        }
    }
    found
}

#[test]
fn the_scanner_finds_a_canary_in_plain_bytes() {
    // Control for the test below: the scan is able to fail.
    let vault = TestVault::new();
    std::fs::create_dir_all(&vault.path).unwrap();
    let utf16: Vec<u8> = CANARY_ZH
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    std::fs::write(vault.file("plain.bin"), [b"xx".as_slice(), &utf16].concat()).unwrap();
    std::fs::write(vault.file("plain.txt"), CANARY_EN).unwrap();
    assert_eq!(leaks(&vault).len(), 2);
}

#[test]
fn confidential_text_is_absent_from_every_file_of_the_vault() {
    let vault = TestVault::init();
    let title = format!("{CANARY_EN} v. Republic");
    let case = vault.ok(&[
        "case",
        "new",
        "--kind",
        "investor-state",
        "--title-en",
        &title,
        "--title-zh",
        CANARY_ZH,
    ]);
    let reference = case["local_ref"].as_str().unwrap();
    vault.ok(&[
        "party",
        "add",
        "--case",
        reference,
        "--kind",
        "investor",
        "--role",
        "requesting",
        "--name-en",
        CANARY_EN,
        "--name-zh",
        CANARY_ZH,
        "--rep",
        CANARY_EN,
    ]);

    // While a reader holds the database open, the write-ahead log is on disk too.
    let dir = VaultDir::new(&vault.path);
    let key = accord::vault::unlock_with_passphrase(&dir, &PASSPHRASE.to_string().into()).unwrap();
    let reader = Vault::open(&dir, key, Access::Read).unwrap();
    vault.ok(&[
        "case",
        "update",
        reference,
        "--title-zh",
        &format!("{CANARY_ZH}（修订）"),
    ]);
    assert!(
        vault.file("accord.db-wal").exists(),
        "the WAL file is part of what is checked"
    );
    assert_eq!(leaks(&vault), Vec::<String>::new());
    drop(reader);

    assert_eq!(leaks(&vault), Vec::<String>::new());
    let shown = vault.ok(&["case", "show", reference]);
    assert_eq!(
        shown["case"]["title_en"],
        title.as_str(),
        "and yet Accord reads it back"
    );
    assert_eq!(shown["parties"][0]["name_zh"], CANARY_ZH);
}

#[test]
fn the_database_does_not_open_without_the_key() {
    let vault = TestVault::init();
    vault.new_case(CANARY_EN);
    let conn = rusqlite::Connection::open(vault.file("accord.db")).unwrap();
    let err = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap_err();
    assert!(err.to_string().contains("not a database"), "{err}");
    let header = std::fs::read(vault.file("accord.db")).unwrap();
    assert_ne!(
        &header[..16],
        b"SQLite format 3\0",
        "no plaintext SQLite header"
    );
}

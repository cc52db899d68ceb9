//! Messages in the mediator's language: ACCORD_LANG first, then the locale.

use std::process::Command;

use crate::util::TestVault;

fn stderr_of(mut cmd: Command) -> String {
    let out = cmd.output().unwrap();
    assert!(!out.status.success());
    String::from_utf8(out.stderr).unwrap()
}

fn human(vault: &TestVault, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_accord"));
    cmd.args(args)
        .env("ACCORD_VAULT", &vault.path)
        .env("ACCORD_PASSPHRASE", "wrong wrong wrong wrong")
        .env("DBUS_SESSION_BUS_ADDRESS", crate::util::NO_BUS)
        .env_remove("ACCORD_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(std::process::Stdio::null());
    cmd
}

#[test]
fn errors_read_in_english_simplified_or_traditional_chinese_with_their_code() {
    let vault = TestVault::init();
    let mut en = human(&vault, &["case", "list"]);
    en.env("LANG", "en_GB.UTF-8");
    assert_eq!(
        stderr_of(en),
        "error [vault.wrong_passphrase]: Wrong passphrase. Nothing was changed.\n"
    );

    let mut hans = human(&vault, &["case", "list"]);
    hans.env("LANG", "zh_CN.UTF-8");
    assert_eq!(
        stderr_of(hans),
        "错误 [vault.wrong_passphrase]: 口令错误。未作任何更改。\n"
    );

    let mut hant = human(&vault, &["case", "list"]);
    hant.env("LANG", "en_US.UTF-8")
        .env("ACCORD_LANG", "zh-Hant");
    assert_eq!(
        stderr_of(hant),
        "錯誤 [vault.wrong_passphrase]: 密語錯誤。未作任何更改。\n",
        "ACCORD_LANG wins over the locale"
    );

    let mut hk = human(
        &vault,
        &[
            "case",
            "new",
            "--kind",
            "commercial",
            "--title-en",
            &"x".repeat(301),
        ],
    );
    hk.env("LANG", "zh_HK.UTF-8")
        .env("ACCORD_PASSPHRASE", crate::util::PASSPHRASE);
    assert_eq!(
        stderr_of(hk),
        "錯誤 [input.too_long]: 標題超過 300 個字元。\n",
        "Hong Kong reads Traditional"
    );
}

#[test]
fn tables_show_chinese_titles_and_translated_headings() {
    let vault = TestVault::init();
    vault.ok(&[
        "case",
        "new",
        "--kind",
        "commercial",
        "--title-zh",
        "货物买卖合同纠纷",
    ]);
    let mut cmd = human(&vault, &["case", "list"]);
    cmd.env("ACCORD_LANG", "zh-Hans")
        .env("ACCORD_PASSPHRASE", crate::util::PASSPHRASE);
    let out = cmd.output().unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("货物买卖合同纠纷"), "{table}");
    assert!(
        table.contains("标题") && table.contains("国际商事") && table.contains("受理中"),
        "{table}"
    );
}

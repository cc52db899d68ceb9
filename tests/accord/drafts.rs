//! Settlement agreements through `accord draft`: clauses numbered by their place, added
//! at the end, after and under a clause, moved by keyboard step and by place with
//! cross-references following the renumbering; each party's position; frozen versions
//! that later edits leave alone; every refusal changing nothing; Chinese text from a file
//! and from stdin; and `--json` that is the core's value, whole.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

use accord::agreements::{self, checks, clauses, library, redline, versions};
use accord::ids::{AgreementId, CaseId, ClauseId, PartyId};
use serde_json::{json, Value};

use crate::cli_json::{core_value, parse, text, Help, Run, DRAFT_COMMANDS, LIBRARY_COMMANDS};
use crate::util::{TestVault, NO_BUS, PASSPHRASE};

/// A vault with a case, two of its parties, a party of another case, and a draft.
struct Draft {
    vault: TestVault,
    case: String,
    agreement: String,
    owner: String,
    charterer: String,
    stranger: String,
}

fn draft() -> Draft {
    let vault = TestVault::init();
    let case = vault.new_case("Harbour cranes");
    let owner = vault.new_party(&case, "Crane Co", "requesting");
    let charterer = vault.new_party(&case, "Port Authority", "responding");
    let other = vault.new_case("Unrelated");
    let stranger = vault.new_party(&other, "Stranger Ltd", "requesting");
    let agreement = vault.ok(&[
        "draft",
        "new",
        "--case",
        &case,
        "--title-en",
        "Settlement Agreement",
        "--title-zh",
        "和解協議",
    ]);
    assert_eq!(agreement["status"], "draft");
    assert_eq!(agreement["zh_script"], "hant", "Traditional by default");
    assert_eq!(agreement["language_regime"], "equal");
    Draft {
        agreement: text(&agreement, "id"),
        vault,
        case,
        owner,
        charterer,
        stranger,
    }
}

impl Draft {
    /// `draft clause add AGREEMENT …`; returns the clause's id.
    fn add(&self, args: &[&str]) -> String {
        let mut full = vec!["draft", "clause", "add", &self.agreement];
        full.extend_from_slice(args);
        text(&self.vault.ok(&full), "id")
    }

    fn clause(&self, args: &[&str]) -> Value {
        let mut full = vec!["draft", "clause"];
        full.extend_from_slice(args);
        self.vault.ok(&full)
    }

    fn detail(&self) -> Value {
        self.vault.ok(&["draft", "show", &self.agreement])
    }

    /// `(number, heading_en)` in reading order.
    fn outline(&self) -> Vec<(String, String)> {
        self.detail()["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (text(c, "number"), text(c, "heading_en")))
            .collect()
    }

    /// `accord draft show …` as a person reads it.
    fn shown(&self, extra: &[&str]) -> String {
        let mut args = vec!["draft", "show", &self.agreement];
        args.extend_from_slice(extra);
        human(&self.vault, &args)
    }

    /// A command that must fail with `code` and leave the agreement, its clauses and
    /// versions, and the audit log as they were.
    fn refused(&self, args: &[&str], code: &str) -> String {
        let before = self.detail();
        let events = self.vault.audit_len();
        let (got, message) = self.vault.err(args);
        assert_eq!(got, code, "{args:?}: {message}");
        assert_eq!(self.detail(), before, "{args:?} changed the agreement");
        assert_eq!(
            self.vault.audit_len(),
            events,
            "{args:?} appended to the audit log"
        );
        message
    }
}

/// Runs `accord` without `--json`, in English; returns its stdout.
fn human(vault: &TestVault, args: &[&str]) -> String {
    let out = human_in(vault, args, "en");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// `accord …` without `--json`, as a person reads it in `lang`.
fn human_in(vault: &TestVault, args: &[&str], lang: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .env("ACCORD_VAULT", &vault.path)
        .env("ACCORD_PASSPHRASE", PASSPHRASE)
        .env("ACCORD_LANG", lang)
        .env("DBUS_SESSION_BUS_ADDRESS", NO_BUS)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("accord runs")
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, h)| (n.to_string(), h.to_string()))
        .collect()
}

#[test]
fn an_agreement_is_numbered_cross_referenced_moved_positioned_and_versioned() {
    let d = draft();
    let v = &d.vault;
    d.add(&[
        "--heading-en",
        "Parties",
        "--en",
        "Crane Co and the Port Authority.",
    ]);
    d.add(&[
        "--heading-en",
        "Payment",
        "--heading-zh",
        "付款",
        "--en",
        "The Port Authority pays USD 2 million.",
        "--zh",
        "港務局支付二百萬美元。",
    ]);
    let due = d.add(&[
        "--under",
        "2",
        "--heading-en",
        "Due date",
        "--en",
        "Within 30 days of signature.",
        "--zh",
        "於簽署後三十日內。",
    ]);
    d.add(&[
        "--after",
        "1",
        "--heading-en",
        "Costs",
        "--en",
        "Each side bears its own costs.",
    ]);
    let interest = d.add(&[
        "--heading-en",
        "Interest",
        "--en",
        "A payment later than {{3.1}} bears interest.",
        "--zh",
        "遲於{{3.1}}之付款須付利息。",
    ]);
    assert_eq!(
        d.outline(),
        pairs(&[
            ("1", "Parties"),
            ("2", "Costs"),
            ("3", "Payment"),
            ("3.1", "Due date"),
            ("4", "Interest"),
        ]),
        "at the end, after 1, under 2"
    );
    let stored = d.detail()["clauses"][4].clone();
    assert_eq!(
        stored["text_en"],
        format!("A payment later than {{{{clause:{due}}}}} bears interest."),
        "the reference is stored by id"
    );

    let shown = d.shown(&[]);
    for expected in [
        "Settlement Agreement",
        "和解協議",
        "3  Payment / 付款",
        "    3.1  Due date",
        "港務局支付二百萬美元。",
        "於簽署後三十日內。",
        "A payment later than clause 3.1 bears interest.",
        "遲於第3.1條之付款須付利息。",
    ] {
        assert!(shown.contains(expected), "{expected:?} in:\n{shown}");
    }

    // Keyboard steps: Payment up (its sub-clause with it), Interest in and out, Costs down.
    let moved = d.clause(&["move", &d.agreement, "3", "--up"]);
    assert_eq!(moved["heading_en"], "Payment");
    let shown = d.shown(&[]);
    assert!(
        shown.contains("A payment later than clause 2.1 bears interest."),
        "{shown}"
    );
    assert!(shown.contains("遲於第2.1條之付款須付利息。"), "{shown}");
    assert!(!shown.contains("clause 3.1"), "{shown}");
    d.clause(&["move", &d.agreement, "4", "--indent"]);
    assert_eq!(d.outline()[4], ("3.1".into(), "Interest".into()));
    d.clause(&["move", &d.agreement, "3.1", "--outdent"]);
    d.clause(&["move", &d.agreement, "3", "--down"]);
    assert_eq!(
        d.outline(),
        pairs(&[
            ("1", "Parties"),
            ("2", "Payment"),
            ("2.1", "Due date"),
            ("3", "Interest"),
            ("4", "Costs"),
        ])
    );
    // By place: after, to the end, under.
    d.clause(&["move", &d.agreement, "4", "--after", "1"]);
    d.clause(&["move", &d.agreement, "3.1", "--end"]);
    assert_eq!(
        d.outline(),
        pairs(&[
            ("1", "Parties"),
            ("2", "Costs"),
            ("3", "Payment"),
            ("4", "Interest"),
            ("5", "Due date"),
        ])
    );
    assert!(d.shown(&[]).contains("A payment later than clause 5 bears"));
    d.clause(&["move", &d.agreement, &due, "--under", "3"]);
    let shown = d.shown(&[]);
    assert!(shown.contains("later than clause 3.1 bears"), "{shown}");

    // Editing one field keeps the rest, the stored reference included.
    let edited = d.clause(&["edit", &d.agreement, &interest, "--heading-zh", "利息"]);
    assert_eq!(edited["heading_zh"], "利息");
    assert_eq!(edited["heading_en"], "Interest");
    assert_eq!(edited["text_en"], stored["text_en"]);

    // Positions: one per party, replaced when the party changes its mind.
    d.vault.ok(&[
        "draft",
        "position",
        &d.agreement,
        "3",
        "--party",
        &d.owner,
        "--status",
        "proposed",
    ]);
    let clause = d.vault.ok(&[
        "draft",
        "position",
        &d.agreement,
        "3",
        "--party",
        &d.charterer,
        "--status",
        "objected",
        "--comment",
        "Too soon",
    ]);
    assert_eq!(clause["positions"].as_array().unwrap().len(), 2);
    let clause = d.vault.ok(&[
        "draft",
        "position",
        &d.agreement,
        "3",
        "--party",
        &d.owner,
        "--status",
        "accepted",
    ]);
    let statuses: BTreeSet<(String, String, String)> = clause["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (text(p, "party_id"), text(p, "status"), text(p, "comment")))
        .collect();
    let expected: BTreeSet<(String, String, String)> = [
        (d.owner.clone(), "accepted".into(), String::new()),
        (d.charterer.clone(), "objected".into(), "Too soon".into()),
    ]
    .into_iter()
    .collect();
    assert_eq!(statuses, expected);

    // A version, then later edits: the version stays as it was frozen.
    let version = v.ok(&[
        "draft",
        "version",
        &d.agreement,
        "--label",
        "Proposal to the Authority",
    ]);
    assert_eq!(version["version"], 1);
    assert_eq!(version["saved_by"], "Test Mediator");
    assert_eq!(text(&version, "fingerprint").len(), 64);
    let frozen = v.ok(&["draft", "show", &d.agreement, "--version", "1"]);
    let frozen_text = d.shown(&["--version", "1"]);
    assert!(
        frozen_text.contains("A payment later than clause 3.1 bears interest."),
        "{frozen_text}"
    );
    assert!(frozen_text.contains("Proposal to the Authority"));

    let shown = d.shown(&[]);
    for expected in [
        "Port Authority: Objected — Too soon",
        "Crane Co: Accepted",
        "Proposal to the Authority",
        "Test Mediator",
    ] {
        assert!(shown.contains(expected), "{expected:?} in:\n{shown}");
    }
    let fingerprint = text(&version, "fingerprint");
    let short = format!(
        "{} {} {} {}",
        &fingerprint[0..4],
        &fingerprint[4..8],
        &fingerprint[8..12],
        &fingerprint[12..16]
    );
    assert!(shown.contains(&short), "{short} in:\n{shown}");

    d.clause(&[
        "edit",
        &d.agreement,
        "1",
        "--en",
        "Crane Co Ltd and the Port Authority.",
    ]);
    d.clause(&["move", &d.agreement, "3", "--up"]);
    d.add(&["--en", "This agreement is governed by Hong Kong law."]);
    assert_eq!(
        v.ok(&["draft", "show", &d.agreement, "--version", "1"]),
        frozen,
        "a version never changes"
    );
    assert_eq!(d.shown(&["--version", "1"]), frozen_text);
    assert!(d.shown(&[]).contains("later than clause 2.1 bears"));

    let removed = d.clause(&["rm", &d.agreement, "5"]);
    assert_eq!(
        removed["text_en"],
        "This agreement is governed by Hong Kong law."
    );
    assert_eq!(d.outline().len(), 5);
    let detail = d.detail();
    assert_eq!(detail["versions"].as_array().unwrap().len(), 1);
    let listed = v.ok(&["draft", "list", "--case", &d.case]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], json!(d.agreement));
    let verified = v.ok(&["audit", "verify"]);
    assert_eq!(verified["first_break"], Value::Null, "the chain verifies");
}

#[test]
fn every_refusal_changes_nothing() {
    let d = draft();
    let a = d.agreement.as_str();
    d.add(&["--heading-en", "Payment", "--en", "The Authority pays."]);
    d.add(&["--under", "1", "--en", "Within 30 days."]);
    d.add(&["--en", "Late payment under {{1.1}} bears interest."]);

    let message = d.refused(
        &["draft", "clause", "add", a, "--en", "As in {{7}}."],
        "agreement.unknown_reference",
    );
    assert!(message.contains('7'), "{message}");
    d.refused(
        &[
            "draft",
            "clause",
            "edit",
            a,
            "2",
            "--zh",
            "見{{clause 9.9}}。",
        ],
        "agreement.unknown_reference",
    );
    let message = d.refused(
        &["draft", "clause", "rm", a, "1.1"],
        "agreement.clause_referenced",
    );
    assert!(
        message.contains("1.1") && message.contains('2'),
        "{message}"
    );
    d.refused(
        &["draft", "clause", "rm", a, "1"],
        "agreement.clause_has_subclauses",
    );
    d.refused(
        &[
            "draft",
            "position",
            a,
            "1",
            "--party",
            &d.stranger,
            "--status",
            "accepted",
        ],
        "session.party_not_in_case",
    );
    d.refused(
        &[
            "draft", "position", a, "1", "--party", &d.owner, "--status", "maybe",
        ],
        "input.invalid",
    );

    // Missing records: a case, an agreement, a clause, a version, a party.
    d.refused(
        &["draft", "new", "--case", "ACC-1999-0099", "--title-en", "X"],
        "input.not_found",
    );
    d.refused(
        &["draft", "list", "--case", "ACC-1999-0099"],
        "input.not_found",
    );
    d.refused(
        &["draft", "clause", "add", "0123456789ab", "--en", "X"],
        "input.not_found",
    );
    d.refused(&["draft", "show", "nonsense"], "input.not_found");
    d.refused(
        &["draft", "clause", "edit", a, "4", "--en", "X"],
        "input.not_found",
    );
    d.refused(&["draft", "clause", "rm", a, "1.2"], "input.not_found");
    d.refused(
        &["draft", "clause", "add", a, "--after", "3", "--en", "X"],
        "input.not_found",
    );
    d.refused(
        &["draft", "clause", "move", a, "2", "--under", "9"],
        "input.not_found",
    );
    d.refused(&["draft", "show", a, "--version", "1"], "input.not_found");
    d.refused(
        &[
            "draft", "position", a, "1", "--party", "abcdef12", "--status", "open",
        ],
        "input.not_found",
    );

    // Empty and hostile words.
    d.refused(&["draft", "clause", "add", a], "input.required");
    d.refused(
        &["draft", "clause", "add", a, "--en", "  ", "--zh", ""],
        "input.required",
    );
    d.refused(
        &["draft", "clause", "edit", a, "2", "--en", "", "--zh", ""],
        "input.required",
    );
    d.refused(
        &[
            "draft",
            "clause",
            "add",
            a,
            "--en",
            "X",
            "--heading-en",
            "Pay\u{202E}ment",
        ],
        "input.invisible_character",
    );
    d.refused(
        &[
            "draft",
            "clause",
            "edit",
            a,
            "1",
            "--heading-zh",
            "\u{2066}付款\u{2069}",
        ],
        "input.invisible_character",
    );
    d.refused(
        &[
            "draft",
            "clause",
            "add",
            a,
            "--en",
            "X",
            "--en-file",
            "x.txt",
        ],
        "input.invalid",
    );
    d.refused(
        &[
            "draft",
            "clause",
            "add",
            a,
            "--en-file",
            "-",
            "--zh-file",
            "-",
        ],
        "input.invalid",
    );
    d.refused(
        &["draft", "clause", "move", a, "1", "--under", "1.1"],
        "input.invalid",
    );
    d.refused(&["draft", "version", a, "--label", " "], "input.required");
    d.refused(
        &["draft", "update", a, "--title-en", "", "--title-zh", ""],
        "input.required",
    );
    d.refused(&["draft", "update", a, "--regime", "both"], "input.invalid");

    // An edit that changes nothing writes nothing.
    let events = d.vault.audit_len();
    let same = d.clause(&["edit", a, "1", "--en", "The Authority pays."]);
    assert_eq!(same["heading_en"], "Payment");
    assert_eq!(d.vault.audit_len(), events);
}

#[test]
fn chinese_text_comes_from_a_file_or_stdin() {
    let d = draft();
    let file = d.vault.file("clause-zh.txt");
    std::fs::write(&file, "港務局應支付款項。\n\n款項以美元支付。\n").unwrap();
    let clause = d.vault.ok(&[
        "draft",
        "clause",
        "add",
        &d.agreement,
        "--en",
        "The Authority pays.",
        "--zh-file",
        file.to_str().unwrap(),
    ]);
    assert_eq!(clause["text_zh"], "港務局應支付款項。\n\n款項以美元支付。");
    assert_eq!(clause["text_en"], "The Authority pays.");

    let mut cmd = d.vault.cmd(&[
        "draft",
        "clause",
        "edit",
        &d.agreement,
        "1",
        "--zh-file",
        "-",
    ]);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("港務局應於三十日內支付款項。\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let edited: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(edited["text_zh"], "港務局應於三十日內支付款項。");
    assert_eq!(
        edited["text_en"], "The Authority pays.",
        "the other side stays"
    );

    // A new clause from stdin, referring to the first.
    let mut cmd = d
        .vault
        .cmd(&["draft", "clause", "add", &d.agreement, "--zh-file", "-"]);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("逾期未付{{1}}所定款項者，須付利息。".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = d.shown(&[]);
    assert!(
        shown.contains("逾期未付第1條所定款項者，須付利息。"),
        "{shown}"
    );

    // Simplified script: the reference reads 第1条.
    d.vault
        .ok(&["draft", "update", &d.agreement, "--script", "hans"]);
    assert!(d.shown(&[]).contains("逾期未付第1条所定款項者"));
}

/// Each draft command's `--json` is the core's value for the same vault, whole, and has
/// exactly the fields `accord --help` lists for its type.
#[test]
fn draft_commands_print_what_the_desktop_gets_from_the_core() {
    let d = draft();
    let help = Help::read();
    let mut run = Run {
        vault: &d.vault,
        help: &help,
        seen: BTreeSet::new(),
    };
    let agreement_id: AgreementId = parse(&d.agreement);
    let a = d.agreement.as_str();

    let made = run.json(
        "draft new|update",
        &[
            "draft",
            "new",
            "--case",
            &d.case,
            "--title-zh",
            "補充協議",
            "--regime",
            "zh-prevails",
        ],
    );
    let second: AgreementId = parse(&text(&made, "id"));
    assert_eq!(
        made,
        core_value(&d.vault, |db| agreements::load(db, second))
    );
    run.same(
        "draft new|update",
        &[
            "draft",
            "update",
            a,
            "--title-en",
            "Settlement Agreement (revised)",
        ],
        |db| agreements::load(db, agreement_id),
    );
    let case_id: CaseId = parse(&text(&made, "case_id"));
    let listed = run.same("draft list", &["draft", "list", "--case", &d.case], |db| {
        agreements::list(db, case_id)
    });
    assert_eq!(listed.as_array().unwrap().len(), 2);

    let first = run.json(
        "draft clause add|edit|move",
        &[
            "draft",
            "clause",
            "add",
            a,
            "--heading-en",
            "Payment",
            "--en",
            "The Authority pays.",
        ],
    );
    let first_id: ClauseId = parse(&text(&first, "id"));
    assert_eq!(
        first,
        core_value(&d.vault, |db| clauses::load(db, first_id))
    );
    let under = run.json(
        "draft clause add|edit|move",
        &[
            "draft",
            "clause",
            "add",
            a,
            "--under",
            "1",
            "--zh",
            "三十日內。",
        ],
    );
    let under_id: ClauseId = parse(&text(&under, "id"));
    assert_eq!(
        under,
        core_value(&d.vault, |db| clauses::load(db, under_id))
    );
    let last = run.json(
        "draft clause add|edit|move",
        &[
            "draft",
            "clause",
            "add",
            a,
            "--en",
            "See {{1.1}}.",
            "--missing-reason",
            "Chinese to follow",
        ],
    );
    let last_id: ClauseId = parse(&text(&last, "id"));
    assert_eq!(last, core_value(&d.vault, |db| clauses::load(db, last_id)));
    run.same(
        "draft clause add|edit|move",
        &[
            "draft",
            "clause",
            "edit",
            a,
            "2",
            "--zh",
            "見{{1.1}}。",
            "--missing-reason",
            "",
        ],
        |db| clauses::load(db, last_id),
    );
    run.same(
        "draft clause add|edit|move",
        &["draft", "clause", "move", a, "2", "--up"],
        |db| clauses::load(db, last_id),
    );
    run.same(
        "draft clause add|edit|move",
        &["draft", "clause", "move", a, "2.1", "--end"],
        |db| clauses::load(db, under_id),
    );
    run.same(
        "draft clause add|edit|move",
        &["draft", "clause", "move", a, "3", "--under", "2"],
        |db| clauses::load(db, under_id),
    );
    let party: PartyId = parse(&d.owner);
    let positioned = run.same(
        "draft position",
        &[
            "draft",
            "position",
            a,
            "2",
            "--party",
            &d.owner,
            "--status",
            "objected",
            "--comment",
            "Too soon",
        ],
        |db| clauses::load(db, first_id),
    );
    assert_eq!(
        positioned["positions"][0]["party_id"],
        json!(party.to_string())
    );
    run.same(
        "draft version",
        &["draft", "version", a, "--label", "First proposal"],
        |db| Ok(versions::load(db, agreement_id, 1)?.0),
    );
    run.same("draft show", &["draft", "show", a], |db| {
        agreements::detail(db, agreement_id)
    });
    let shown = run.same(
        "draft show --version N",
        &["draft", "show", a, "--version", "1"],
        |db| {
            let (version, frozen) = versions::load(db, agreement_id, 1)?;
            Ok(json!({ "version": version, "frozen": frozen }))
        },
    );
    let frozen_text = shown["frozen"]["clauses"][0]["text_en"].as_str().unwrap();
    assert!(
        frozen_text.starts_with("See {{clause:"),
        "a version keeps its references by id (its own numbers write them out): {frozen_text}"
    );
    run.same("draft diff", &["draft", "diff", a, "1"], |db| {
        redline::compare(db, agreement_id, 1, None)
    });
    // draft check prints the problems as the core lists them, and fails.
    let out = d.vault.cmd(&["draft", "check", a]).output().unwrap();
    assert!(!out.status.success(), "a failing check exits non-zero");
    let problems: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        problems,
        core_value(&d.vault, |db| checks::check(db, agreement_id))
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("agreement.checks_failed"));
    help.check("draft check", &problems);
    run.seen.insert("draft check".into());
    // Clause 1 (the reference) first, so that 2.1, now 1.1, is referred to no more.
    let before = core_value(&d.vault, |db| clauses::load(db, last_id));
    let removed = run.json("draft clause rm", &["draft", "clause", "rm", a, "1"]);
    assert_eq!(removed, before, "rm prints the clause as it was");
    let before = core_value(&d.vault, |db| clauses::load(db, under_id));
    let removed = run.json("draft clause rm", &["draft", "clause", "rm", a, "1.1"]);
    assert_eq!(removed, before);
    assert_eq!(
        core_value(&d.vault, |db| clauses::outline(db, agreement_id))
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // draft final, on an agreement that passes: the final version.
    let good = d.vault.ok(&[
        "draft",
        "new",
        "--case",
        &d.case,
        "--title-en",
        "Short form",
    ]);
    let g = text(&good, "id");
    for (en, zh, kind) in [
        ("Each party bears its own costs.", "各方自行承擔費用。", ""),
        (
            "This Agreement is made in English and Chinese; both texts are equally authentic.",
            "本協議以英文及中文訂立，兩種文本同等真確。",
            "language",
        ),
        ("Signature of each party.", "各當事人簽署。", "signatures"),
        (
            "The mediator confirms that this agreement resulted from mediation.",
            "調解員確認本協議經調解達成。",
            "mediator-statement",
        ),
    ] {
        d.vault.ok(&[
            "draft", "clause", "add", &g, "--en", en, "--zh", zh, "--kind", kind,
        ]);
    }
    let good_id: AgreementId = parse(&g);
    let final_version = run.json(
        "draft final",
        &["draft", "final", &g, "--label", "As signed"],
    );
    assert_eq!(
        final_version,
        core_value(&d.vault, |db| Ok(versions::load(db, good_id, 1)?.0))
    );
    assert_eq!(
        core_value(&d.vault, |db| agreements::load(db, good_id))["status"],
        "final"
    );

    // draft render: the final version as HTML, both languages, its fingerprint at the foot.
    let page = d.vault.path.parent().unwrap().join("agreement.html");
    let rendered = run.json(
        "draft render",
        &[
            "draft",
            "render",
            &g,
            "--html",
            page.to_str().unwrap(),
            "--version",
            "1",
        ],
    );
    assert_eq!(rendered["path"], page.display().to_string());
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("Each party bears its own costs.") && html.contains("各方自行承擔費用。"),
        "{html}"
    );
    assert!(
        html.contains("fingerprint") && !html.contains("DRAFT"),
        "{html}"
    );
    let md = d.vault.path.parent().unwrap().join("draft.md");
    d.vault.ok(&[
        "draft",
        "render",
        a,
        "--md",
        md.to_str().unwrap(),
        "--layout",
        "sequential",
    ]);
    assert!(std::fs::read_to_string(&md)
        .unwrap()
        .starts_with("# DRAFT 草稿"));
    d.refused(
        &["draft", "render", a, "--md", md.to_str().unwrap()],
        "input.invalid",
    );

    // draft render --docx: the final version as a Word file; an existing file needs --force.
    let word = d.vault.path.parent().unwrap().join("agreement.docx");
    let w = word.to_str().unwrap();
    let rendered = run.json(
        "draft render",
        &["draft", "render", &g, "--docx", w, "--version", "1"],
    );
    let bytes = std::fs::read(&word).unwrap();
    assert_eq!(rendered["bytes"], bytes.len());
    let document = docx_part(&bytes, "word/document.xml");
    assert!(
        document.contains("Each party bears its own costs.")
            && document.contains("各方自行承擔費用。"),
        "{document}"
    );
    assert!(docx_part(&bytes, "word/footer1.xml").contains("fingerprint"));
    let refusal = d.refused(&["draft", "render", &g, "--docx", w], "input.invalid");
    assert!(refusal.contains("--force"), "{refusal}");
    assert_eq!(
        std::fs::read(&word).unwrap(),
        bytes,
        "the file is left alone"
    );
    d.vault.ok(&[
        "draft",
        "render",
        &g,
        "--docx",
        w,
        "--layout",
        "sequential",
        "--force",
    ]);
    assert!(docx_part(&std::fs::read(&word).unwrap(), "word/header1.xml").contains("DRAFT 草稿"));

    // draft diff --docx: version 1 against the draft as it stands, as tracked changes.
    d.vault.ok(&["draft", "version", a, "--label", "Proposal"]);
    d.vault.ok(&[
        "draft",
        "clause",
        "edit",
        a,
        "1",
        "--en",
        "The Authority pays in July.",
    ]);
    let redline_file = d.vault.path.parent().unwrap().join("redline.docx");
    let r = redline_file.to_str().unwrap();
    let report = run.json("draft diff --docx", &["draft", "diff", a, "1", "--docx", r]);
    assert_eq!(report["path"], r);
    let document = docx_part(&std::fs::read(&redline_file).unwrap(), "word/document.xml");
    let inserted: Vec<&str> = document
        .split("<w:ins ")
        .skip(1)
        .map(|rest| rest.split("</w:ins>").next().unwrap())
        .collect();
    assert!(
        inserted.iter().any(|ins| ins.contains("July")),
        "July is a tracked insertion: {document}"
    );
    d.refused(&["draft", "diff", a, "1", "--docx", r], "input.invalid");
    d.refused(
        &["draft", "diff", a, "9", "--docx", r, "--force"],
        "input.not_found",
    );

    // draft render --pdf: the final version print-ready, read back by poppler's pdftotext:
    // both languages, the fingerprint, no watermark; the draft carries none of the text
    // "DRAFT" either (its watermark is drawn, not written).
    let pdf = d.vault.path.parent().unwrap().join("agreement.pdf");
    let p = pdf.to_str().unwrap();
    let rendered = run.json(
        "draft render",
        &["draft", "render", &g, "--pdf", p, "--version", "1"],
    );
    assert_eq!(rendered["bytes"], std::fs::metadata(&pdf).unwrap().len());
    let text = pdf_text(&pdf);
    assert!(
        text.contains("Each party bears its own costs.") && text.contains("各方自行承擔費用"),
        "{text}"
    );
    assert!(
        text.contains("Page 1 of") && text.contains("第 1 頁"),
        "{text}"
    );
    d.refused(&["draft", "render", &g, "--pdf", p], "input.invalid");
    let redline_pdf = d.vault.path.parent().unwrap().join("redline.pdf");
    let rp = redline_pdf.to_str().unwrap();
    let report = run.json("draft diff --pdf", &["draft", "diff", a, "1", "--pdf", rp]);
    assert_eq!(report["path"], rp);
    let text = pdf_text(&redline_pdf);
    assert!(
        text.contains("July") && text.contains("Changes from version 1"),
        "{text}"
    );
    assert!(
        !text.contains("DRAFT"),
        "the watermark is outlines, not text: {text}"
    );
    d.refused(&["draft", "diff", a, "1", "--pdf", rp], "input.invalid");

    let expected: BTreeSet<String> = DRAFT_COMMANDS.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        run.seen, expected,
        "DRAFT_COMMANDS lists what this test runs"
    );
}

/// `accord draft check` in `lang`, as a person reads it: its stdout and whether it passed.
fn check_in(vault: &TestVault, agreement: &str, lang: &str) -> (String, bool) {
    let out = human_in(vault, &["draft", "check", agreement], lang);
    (
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        out.status.success(),
    )
}

#[test]
fn the_checks_say_what_differs_in_the_readers_language_and_final_waits_for_them() {
    let d = draft();
    let a = d.agreement.as_str();
    d.vault.ok(&[
        "draft",
        "clause",
        "add",
        a,
        "--en",
        "Pay USD 1,250,000 by 1 March 2027.",
        "--zh",
        "於2027年3月1日前支付1,300,000美元。",
    ]);
    let (en, passed) = check_in(&d.vault, a, "en");
    assert!(!passed, "a failed check exits non-zero");
    assert!(
        en.contains("Clause 1:") && en.contains("1,250,000") && en.contains("1,300,000"),
        "{en}"
    );
    assert!(en.contains("exactly one language clause"), "{en}");
    let (zh, _) = check_in(&d.vault, a, "zh-Hant");
    assert!(zh.contains("第 1 條") && zh.contains("語言條款"), "{zh}");
    let (hans, _) = check_in(&d.vault, a, "zh-Hans");
    assert!(
        hans.contains("第 1 条") && hans.contains("语言条款"),
        "{hans}"
    );

    d.refused(&["draft", "final", a], "agreement.checks_failed");
    d.vault.ok(&[
        "draft",
        "version",
        a,
        "--label",
        "Before the figures agreed",
    ]);

    d.vault.ok(&[
        "draft",
        "clause",
        "edit",
        a,
        "1",
        "--zh",
        "於2027年3月1日前支付1,250,000美元。",
    ]);
    for (en, zh, kind) in [
        (
            "This Agreement is made in English and Chinese; both texts are equally authentic.",
            "本協議以英文及中文訂立，兩種文本同等真確。",
            "language",
        ),
        ("Signature of each party.", "各當事人簽署。", "signatures"),
        (
            "The mediator confirms that this agreement resulted from mediation.",
            "調解員確認本協議經調解達成。",
            "mediator-statement",
        ),
    ] {
        d.vault.ok(&[
            "draft", "clause", "add", a, "--en", en, "--zh", zh, "--kind", kind,
        ]);
    }
    let (en, passed) = check_in(&d.vault, a, "en");
    assert!(passed, "{en}");
    assert!(en.contains("Every check passes"), "{en}");
    let version = d.vault.ok(&["draft", "final", a]);
    assert_eq!(version["label"], "Final");
    d.refused(
        &["draft", "clause", "add", a, "--en", "One more thing."],
        "agreement.final",
    );
    // The redline from the first version to the last shows the corrected figure whole.
    let diff = human(&d.vault, &["draft", "diff", a, "1", "2"]);
    assert!(diff.contains("[-1,300,000-]{+1,250,000+}"), "{diff}");
    assert!(diff.contains("[added]"), "the three new clauses: {diff}");
}

#[test]
fn a_proposal_note_becomes_a_clause_and_a_caucus_one_needs_the_partys_word() {
    let d = draft();
    let a = d.agreement.as_str();
    let shared = d.vault.ok(&[
        "note",
        "add",
        "--case",
        &d.case,
        "--visibility",
        "shared",
        "--tag",
        "proposal",
        "--en",
        "Pay in two instalments.",
        "--zh",
        "分兩期付款。",
    ]);
    let note = text(&shared, "id");
    let clause = d
        .vault
        .ok(&["draft", "clause", "add", a, "--from-note", &note]);
    assert_eq!(clause["source_note_id"], shared["id"]);
    assert_eq!(clause["text_zh"], "分兩期付款。");
    d.vault
        .ok(&["note", "edit", &note, "--en", "Pay in three instalments."]);
    let shown = d.shown(&[]);
    assert!(shown.contains("proposal note has been changed"), "{shown}");

    let caucus = d.vault.ok(&[
        "note",
        "add",
        "--case",
        &d.case,
        "--visibility",
        "caucus",
        "--party",
        &d.owner,
        "--tag",
        "proposal",
        "--en",
        "Could accept a longer term.",
    ]);
    d.refused(
        &[
            "draft",
            "clause",
            "add",
            a,
            "--from-note",
            &text(&caucus, "id"),
        ],
        "note.disclosure_not_authorised",
    );
}

#[test]
fn the_library_travels_as_a_file_and_its_templates_fill_from_the_case() {
    let d = draft();
    let a = d.agreement.as_str();
    let help = Help::read();
    let mut run = Run {
        vault: &d.vault,
        help: &help,
        seen: BTreeSet::new(),
    };
    let listed = run.same("library list", &["library", "list"], library::list);
    assert!(listed.as_array().unwrap().len() >= 15);
    run.same(
        "library show|save|add|edit",
        &["library", "show", "confidentiality"],
        |db| library::load(db, "confidentiality"),
    );

    let clause = d.vault.ok(&[
        "draft",
        "clause",
        "add",
        a,
        "--from-library",
        "parties-and-recitals",
    ]);
    assert!(text(&clause, "text_en").contains("{{party.requesting}}"));
    let shown = d.shown(&[]);
    assert!(
        shown.contains("Crane Co") && !shown.contains("{{party.requesting}}"),
        "the case's fact written out: {shown}"
    );
    run.json(
        "library show|save|add|edit",
        &[
            "library",
            "save",
            a,
            "1",
            "--key",
            "our-parties",
            "--title-en",
            "Parties",
            "--title-zh",
            "當事人",
        ],
    );

    // library add and edit: a template written by hand, then one field changed.
    let added = run.json(
        "library show|save|add|edit",
        &[
            "library",
            "add",
            "site-visit",
            "--title-en",
            "Site visit",
            "--title-hans",
            "现场视察",
            "--title-hant",
            "現場視察",
            "--en",
            "The parties shall visit [[place]] together.",
            "--hans",
            "双方须共同视察[[place]]。",
            "--hant",
            "雙方須共同視察[[place]]。",
        ],
    );
    assert_eq!(added["origin"], "mediator");
    d.refused(
        &["library", "add", "site-visit", "--en", "Again."],
        "input.invalid",
    );
    let edited = run.json(
        "library show|save|add|edit",
        &[
            "library",
            "edit",
            "site-visit",
            "--hant",
            "雙方須於[[date]]共同視察[[place]]。",
        ],
    );
    assert_eq!(edited["text_hant"], "雙方須於[[date]]共同視察[[place]]。");
    assert_eq!(
        edited["text_en"], "The parties shall visit [[place]] together.",
        "the rest stays"
    );
    d.refused(
        &["library", "edit", "no-such-template", "--en", "x"],
        "input.not_found",
    );
    d.refused(
        &["library", "edit", "site-visit", "--kind", "preamble"],
        "input.invalid",
    );

    let file = d.vault.path.parent().unwrap().join("library.json");
    let exported = run.json(
        "library export",
        &["library", "export", file.to_str().unwrap()],
    );
    assert_eq!(exported["templates"], listed.as_array().unwrap().len() + 2);
    let other = TestVault::init();
    let mut other_run = Run {
        vault: &other,
        help: &help,
        seen: BTreeSet::new(),
    };
    let imported = other_run.json(
        "library import",
        &["library", "import", file.to_str().unwrap()],
    );
    assert_eq!(imported["added"], 2);
    assert_eq!(imported["unchanged"], listed.as_array().unwrap().len());
    run.seen.extend(other_run.seen);

    let bad = d.vault.path.parent().unwrap().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format":"accord-library/1","clauses":[{"key":"x"}]}"#,
    )
    .unwrap();
    let before = other.audit_len();
    let mut cmd = other.cmd(&["library", "import", bad.to_str().unwrap()]);
    cmd.env("ACCORD_LANG", "en");
    let (code, _) = crate::util::run_err(cmd);
    assert_eq!(code, "input.invalid");
    assert_eq!(other.audit_len(), before, "nothing imported");

    let expected: BTreeSet<String> = LIBRARY_COMMANDS.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        run.seen, expected,
        "LIBRARY_COMMANDS lists what this test runs"
    );
}

#[test]
fn a_heading_alone_is_a_clause_but_nothing_at_all_is_not() {
    let d = draft();
    let a = d.agreement.as_str();
    let heading = d.vault.ok(&[
        "draft",
        "clause",
        "add",
        a,
        "--heading-en",
        "Payment",
        "--heading-zh",
        "付款",
    ]);
    assert_eq!(heading["heading_zh"], "付款");
    d.vault.ok(&[
        "draft",
        "clause",
        "add",
        a,
        "--under",
        "1",
        "--en",
        "USD 1,000 by 1 March 2027.",
    ]);
    let shown = d.shown(&[]);
    assert!(
        shown.contains("1  Payment / 付款") && shown.contains("1.1"),
        "{shown}"
    );
    d.refused(&["draft", "clause", "add", a], "input.required");
}

/// One part of a Word file, unzipped.
/// A PDF's text as poppler's pdftotext reads it (installed by scripts/setup.sh).
fn pdf_text(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils, installed by scripts/setup.sh)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a Word file is a zip");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).expect(name), &mut text).unwrap();
    text
}

/// `draft new --template settlement` starts from every usual part of a mediated
/// settlement, with the one language clause the regime asks for; an unknown template
/// leaves no agreement behind.
#[test]
fn a_new_agreement_can_start_from_the_librarys_settlement_shape() {
    let d = draft();
    let case = d.case.as_str();
    let made = d.vault.ok(&[
        "draft",
        "new",
        "--case",
        case,
        "--title-en",
        "Settlement",
        "--regime",
        "en-prevails",
        "--template",
        "settlement",
    ]);
    let id = made["id"].as_str().unwrap();
    let shown = d.vault.ok(&["draft", "show", id]);
    let kinds: Vec<&str> = shown["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        ["language", "signatures", "mediator-statement"],
        "{shown}"
    );
    let texts: String = shown["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text_en"].as_str().unwrap_or_default())
        .collect();
    assert!(
        texts.contains("English"),
        "the English-prevails form: {texts}"
    );
    assert_eq!(shown["clauses"].as_array().unwrap().len(), 14);
    let before = d
        .vault
        .ok(&["draft", "list", "--case", case])
        .as_array()
        .unwrap()
        .len();
    d.refused(
        &[
            "draft",
            "new",
            "--case",
            case,
            "--title-en",
            "X",
            "--template",
            "no-such-template",
        ],
        "input.not_found",
    );
    let after = d
        .vault
        .ok(&["draft", "list", "--case", case])
        .as_array()
        .unwrap()
        .len();
    assert_eq!(after, before, "nothing made");
}

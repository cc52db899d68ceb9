//! The checks an agreement must pass before it is final, each failure naming the clause
//! and what differs.
//!
//! - every clause has both languages, or a recorded reason why not;
//! - the termbase's terms agree between the two texts of each clause;
//! - no template placeholder (`[[…]]`) is left;
//! - the amounts, currencies, percentages and dates of each clause's two texts are the
//!   same ([`super::figures`]; numeric dates read day first, as in Hong Kong), and
//!   nothing the figure reader flags (兆, 八折, a bare 元 …) is left for a person to settle;
//! - exactly one language clause, one signature block and one mediator's statement
//!   (Singapore Convention Art 4(1)(b)), known by their [`ClauseKind`];
//! - every character of the titles and clauses has a glyph in the fonts the printed
//!   agreement is set in (`accord_print::fonts::uncovered`): a rare character in a party's
//!   name must not print as an empty box in a signed agreement.

use rusqlite::Connection;
use serde::Serialize;

use super::clauses::{self, ClauseKind, NumberedClause};
use super::figures::{self, Context, DateOrder};
use crate::bilingual::Side;
use crate::error::{Error, Result};
use crate::ids::AgreementId;
use crate::store::Tx;
use crate::termbase::Matcher;
use crate::vocab::vocabulary;

vocabulary!(
    /// What a failed check found.
    CheckKind, "check" {
        MissingLanguage => "missing-language",
        TermGap => "term-gap",
        Placeholder => "placeholder",
        FigureMismatch => "figure-mismatch",
        FigureFlag => "figure-flag",
        LanguageClause => "language-clause",
        SignatureBlock => "signature-block",
        MediatorStatement => "mediator-statement",
        FontCoverage => "font-coverage",
    }
);

/// One failed check: the clause (by number) when it is about one, what differs in each
/// language, and the English message (for logs; people see it translated from `check`
/// and `args`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CheckProblem {
    pub clause: Option<String>,
    pub check: CheckKind,
    pub en: Option<String>,
    pub zh: Option<String>,
    /// `(name, value)` pairs for the translated message, the clause's number among them.
    pub args: Vec<(String, String)>,
    pub message: String,
}

fn problem(
    clause: Option<&NumberedClause>,
    check: CheckKind,
    en: Option<String>,
    zh: Option<String>,
    args: &[(&str, String)],
    message: String,
) -> CheckProblem {
    let mut args: Vec<(String, String)> = args
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    if let Some(c) = clause {
        args.push(("clause".into(), c.number.clone()));
    }
    CheckProblem {
        clause: clause.map(|c| c.number.clone()),
        check,
        en,
        zh,
        args,
        message,
    }
}

/// Every failed check of the agreement as it stands; empty means it may be made final.
pub fn check(conn: &Connection, agreement_id: AgreementId) -> Result<Vec<CheckProblem>> {
    let agreement = super::load(conn, agreement_id)?;
    let outline = clauses::outline(conn, agreement_id)?;
    let numbers = clauses::numbers(&outline);
    let facts = super::fields::of_case(conn, agreement.case_id, agreement.zh_script)?;
    let matcher = Matcher::load(conn)?;
    let context = Context {
        date_order: Some(DateOrder::DayMonth),
        ..Default::default()
    };
    let mut problems = Vec::new();
    for numbered in &outline {
        let clause = &numbered.clause;
        let en = clauses::fill(
            &clauses::render(&clause.text_en, &numbers, Side::En, agreement.zh_script),
            &facts.en,
        );
        let zh = clauses::fill(
            &clauses::render(&clause.text_zh, &numbers, Side::Zh, agreement.zh_script),
            &facts.zh,
        );
        let number = &numbered.number;
        if clause.missing_reason.is_none() {
            for (side, text, name) in [(Side::En, &en, "English"), (Side::Zh, &zh, "Chinese")] {
                if text.trim().is_empty() {
                    problems.push(problem(
                        Some(numbered),
                        CheckKind::MissingLanguage,
                        None,
                        None,
                        &[("side", side.to_string())],
                        format!("clause {number} has no {name} text"),
                    ));
                }
            }
        }
        // The words a reference or a fact writes out ("clause 4.2", 第4.2條, a party's
        // name) are not the drafter's: the termbase has no say in them.
        let plain_en = without_references(&clause.text_en);
        let plain_zh = without_references(&clause.text_zh);
        for gap in matcher.check(&plain_en, &plain_zh) {
            let found_in = if gap.found_in == Side::En {
                "English"
            } else {
                "Chinese"
            };
            problems.push(problem(
                Some(numbered),
                CheckKind::TermGap,
                Some(gap.term.en.clone()),
                Some(gap.term.chinese(agreement.zh_script).to_string()),
                &[
                    ("term", gap.term.en.clone()),
                    ("found_in", gap.found_in.to_string()),
                ],
                format!(
                    "clause {number}: the term \"{}\" is in the {found_in} text but not in the other",
                    gap.term.en
                ),
            ));
        }
        let heading_en = clauses::fill(&clause.heading_en, &facts.en);
        let heading_zh = clauses::fill(&clause.heading_zh, &facts.zh);
        for (side, text) in [
            (Side::En, &heading_en),
            (Side::Zh, &heading_zh),
            (Side::En, &en),
            (Side::Zh, &zh),
        ] {
            for placeholder in placeholders(text) {
                let (on_en, on_zh) = match side {
                    Side::En => (Some(placeholder.clone()), None),
                    Side::Zh => (None, Some(placeholder.clone())),
                };
                problems.push(problem(
                    Some(numbered),
                    CheckKind::Placeholder,
                    on_en,
                    on_zh,
                    &[("placeholder", placeholder.clone())],
                    format!("clause {number}: the placeholder {placeholder} is not filled in"),
                ));
            }
        }
        let words = [heading_en.as_str(), &heading_zh, &en, &zh];
        let missing = uncovered(agreement.zh_script, &words);
        if !missing.is_empty() {
            problems.push(problem(
                Some(numbered),
                CheckKind::FontCoverage,
                None,
                None,
                &[("chars", missing.clone()), ("where", "clause".into())],
                format!("clause {number}: the fonts have no glyph for {missing}"),
            ));
        }
        let figures = figures::check(&en, &zh, &context);
        for mismatch in &figures.mismatches {
            problems.push(problem(
                Some(numbered),
                CheckKind::FigureMismatch,
                None,
                None,
                &[("detail", mismatch.to_string())],
                format!("clause {number}: {mismatch}"),
            ));
        }
        for (side, extraction) in [(Side::En, &figures.en), (Side::Zh, &figures.zh)] {
            for flag in &extraction.flags {
                let kind = serde_json::to_value(flag.kind)
                    .ok()
                    .and_then(|v| v["kind"].as_str().map(str::to_string))
                    .unwrap_or_default();
                let (on_en, on_zh) = match side {
                    Side::En => (Some(flag.text.clone()), None),
                    Side::Zh => (None, Some(flag.text.clone())),
                };
                problems.push(problem(
                    Some(numbered),
                    CheckKind::FigureFlag,
                    on_en,
                    on_zh,
                    &[("text", flag.text.clone()), ("flag", kind.clone())],
                    format!(
                        "clause {number}: \"{}\" needs a person to settle it ({kind})",
                        flag.text
                    ),
                ));
            }
        }
    }
    let titles = [
        agreement.title_en.as_deref().unwrap_or_default(),
        agreement.title_zh.as_deref().unwrap_or_default(),
    ];
    let missing = uncovered(agreement.zh_script, &titles);
    if !missing.is_empty() {
        problems.push(problem(
            None,
            CheckKind::FontCoverage,
            None,
            None,
            &[("chars", missing.clone()), ("where", "title".into())],
            format!("the title: the fonts have no glyph for {missing}"),
        ));
    }
    for (kind, check, what) in [
        (
            ClauseKind::Language,
            CheckKind::LanguageClause,
            "language clause",
        ),
        (
            ClauseKind::Signatures,
            CheckKind::SignatureBlock,
            "signature block",
        ),
        (
            ClauseKind::MediatorStatement,
            CheckKind::MediatorStatement,
            "mediator's statement",
        ),
    ] {
        let count = outline
            .iter()
            .filter(|c| c.clause.kind == Some(kind))
            .count();
        if count != 1 {
            problems.push(problem(
                None,
                check,
                None,
                None,
                &[("count", count.to_string())],
                format!("the agreement needs exactly one {what}; it has {count}"),
            ));
        }
    }
    Ok(problems)
}

/// The characters of `texts` the printed agreement's fonts cannot draw, each once, in
/// order, as one string ("𠮷🙂"); empty when every one has a glyph.
fn uncovered(script: crate::notes::ChineseScript, texts: &[&str]) -> String {
    let script = match script {
        crate::notes::ChineseScript::Traditional => accord_print::model::Script::Hant,
        crate::notes::ChineseScript::Simplified => accord_print::model::Script::Hans,
    };
    accord_print::fonts::uncovered(script, &texts.join("\n"))
        .into_iter()
        .collect()
}

/// `text` with its `{{…}}` references taken out.
fn without_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// Each `[[…]]` of `text`: a template's placeholder not yet filled in.
fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("[[") {
        let Some(len) = rest[start..].find("]]") else {
            break;
        };
        found.push(rest[start..start + len + 2].to_string());
        rest = &rest[start + len + 2..];
    }
    found
}

/// Marks the agreement final, once every check passes, and freezes it as a version
/// labelled `label`. Refused with `agreement.checks_failed` otherwise, changing nothing.
pub fn finalise(
    tx: &Tx<'_>,
    agreement_id: AgreementId,
    label: &str,
) -> Result<super::versions::AgreementVersion> {
    let agreement = super::load(tx, agreement_id)?;
    agreement.ensure_draft()?;
    let problems = check(tx, agreement_id)?;
    if !problems.is_empty() {
        return Err(Error::ChecksFailed {
            count: problems.len(),
        });
    }
    tx.execute(
        "UPDATE agreements SET status = 'final', updated_at = ?2 WHERE id = ?1",
        rusqlite::params![agreement_id, crate::time::to_storage(tx.now())],
    )?;
    tx.record("agreement.final", &super::load(tx, agreement_id)?)?;
    super::versions::save(tx, agreement_id, label)
}

//! The agreement editor in the real app: a proposal note becomes a clause, is edited, a
//! version is saved, the redline against the draft shows the edit, and the checks name the
//! one clause that fails and jump to it; the preview shows the draft's pages as images the
//! window's CSP lets it draw (the save dialog of an export is native, so not driven here).

use std::time::Duration;

use fantoccini::Locator;
use serde_json::Value;

use crate::driver::{accord_json, available, json_text as text, new_vault, App, Sandbox};
use crate::flows::{runtime, ONE_APP};
use crate::notes::{unlock, PASSPHRASE};

const PROPOSAL: &str = "The berth fee cap is reviewed each year";
const FIRST_EDIT: &str = " by the joint committee";
const SECOND_EDIT: &str = " in writing";

fn accord(sandbox: &Sandbox, args: &[&str]) -> Value {
    accord_json(sandbox, PASSPHRASE, args)
}

/// The sample case with a shared proposal note (English only), and an agreement that
/// already has the three clauses the checks count: so the only check that fails once the
/// proposal is in is that clause's missing Chinese text. Returns the note's id.
fn vault_with_a_proposal(sandbox: &Sandbox) -> String {
    new_vault(sandbox, PASSPHRASE);
    let sample = accord(sandbox, &["demo"]);
    let case_id = text(&sample, "/case/id");
    let note = accord(
        sandbox,
        &[
            "note",
            "add",
            "--case",
            &case_id,
            "--visibility",
            "shared",
            "--tag",
            "proposal",
            "--en",
            PROPOSAL,
        ],
    );
    let agreement = accord(
        sandbox,
        &[
            "draft",
            "new",
            "--case",
            &case_id,
            "--title-en",
            "Berth fees",
        ],
    );
    let agreement_id = text(&agreement, "/id");
    for (kind, en, zh) in [
        ("language", "English and Chinese.", "英文及中文。"),
        ("signatures", "Names below.", "名字如下。"),
        ("mediator-statement", "Done today.", "今日完成。"),
    ] {
        accord(
            sandbox,
            &[
                "draft",
                "clause",
                "add",
                &agreement_id,
                "--en",
                en,
                "--zh",
                zh,
                "--kind",
                kind,
            ],
        );
    }
    text(&note, "/id")
}

/// The clause numbered `number` now, or its element `testid`.
fn in_clause(number: &str, testid: Option<&str>) -> String {
    let clause = format!("[data-testid=\"clause\"][data-number=\"{number}\"]");
    match testid {
        Some(t) => format!("{clause} [data-testid=\"{t}\"]"),
        None => clause,
    }
}

async fn wait_for_css(app: &App, css: &str) -> fantoccini::elements::Element {
    app.client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("never saw {css}: {e}"))
}

/// Waits until clause `number` reports its words saved.
async fn saved(app: &App, number: &str) {
    let css = in_clause(number, Some("clause-save-status"));
    let mut state = String::new();
    for _ in 0..60 {
        state = wait_for_css(app, &css)
            .await
            .attr("data-state")
            .await
            .unwrap()
            .unwrap_or_default();
        if state == "saved" {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("clause {number} was not saved within 6 s: {state}");
}

async fn append(app: &App, number: &str, words: &str) {
    wait_for_css(app, &in_clause(number, Some("clause-text-en")))
        .await
        .send_keys(words)
        .await
        .expect("typing");
    saved(app, number).await;
}

#[test]
fn a_proposal_becomes_a_clause_is_versioned_redlined_and_checked() {
    if !available(true) {
        return;
    }
    let _one = ONE_APP.lock().unwrap_or_else(|p| p.into_inner());
    let sandbox = Sandbox::new();
    let note_id = vault_with_a_proposal(&sandbox);
    runtime().block_on(async {
        let app = App::start(&sandbox).await;
        unlock(&app).await;
        app.click("case-open").await;
        app.el("agreement-editor").await;
        wait_for_css(&app, &in_clause("3", None)).await;

        // The proposal note, chosen from the list, becomes clause 4, linked to its note.
        app.el("insert-note")
            .await
            .select_by_value(&note_id)
            .await
            .expect("the proposal is offered");
        app.click("insert-note-button").await;
        let text_en = wait_for_css(&app, &in_clause("4", Some("clause-text-en"))).await;
        let value = text_en.prop("value").await.unwrap().unwrap_or_default();
        assert_eq!(value, PROPOSAL, "the clause has the note's words");
        wait_for_css(&app, &in_clause("4", Some("clause-source"))).await;

        // Edited and saved, frozen as version 1, edited again.
        append(&app, "4", FIRST_EDIT).await;
        app.type_into("version-label", "First draft").await;
        app.click("version-save").await;
        wait_for_css(&app, "[data-testid=\"version-row\"][data-version=\"1\"]").await;
        append(&app, "4", SECOND_EDIT).await;

        // Version 1 against the draft: clause 4 edited, the new words marked as inserted.
        app.click("redline-show").await;
        let edited = wait_for_css(
            &app,
            "[data-testid=\"redline-clause\"][data-change=\"edited\"]",
        )
        .await;
        let inserted = edited
            .find_all(Locator::Css("ins"))
            .await
            .expect("marked insertions");
        let mut marked = String::new();
        for ins in inserted {
            marked.push_str(&ins.text().await.unwrap());
        }
        assert!(
            marked.contains(SECOND_EDIT.trim()),
            "the second edit is marked inserted: {marked:?}"
        );
        assert!(
            !marked.contains(FIRST_EDIT.trim()),
            "the first edit is in version 1 already: {marked:?}"
        );

        // The checks: exactly one fails, naming clause 4, and it jumps there.
        app.click("checks-run").await;
        wait_for_css(&app, "[data-testid=\"check-problem\"]").await;
        let problems = app.all("[data-testid=\"check-problem\"]").await;
        let mut said = Vec::new();
        for p in &problems {
            said.push(p.text().await.unwrap());
        }
        assert_eq!(said.len(), 1, "one check fails: {said:?}");
        assert_eq!(
            problems[0].attr("data-check").await.unwrap().as_deref(),
            Some("missing-language")
        );
        assert!(
            said[0].contains("Clause 4") && said[0].contains("Chinese"),
            "named in the reader's language: {said:?}"
        );
        app.click("check-jump").await;
        let focused = app.client.active_element().await.expect("focus");
        assert_eq!(
            focused.attr("data-number").await.unwrap().as_deref(),
            Some("4"),
            "the focus is on clause 4"
        );

        // Marking final is refused, and the failed check is shown.
        app.click("agreement-final").await;
        app.el("final-error").await;
        app.wait_for_text("Clause 4 has no Chinese text").await;

        // The preview: the draft's pages, laid out by the print renderer, each an image
        // the web view decoded (a CSP refusing it would leave it 0 pixels wide).
        app.click("preview-show").await;
        let page = wait_for_css(&app, "[data-testid=\"preview-page\"]").await;
        let src = page.attr("src").await.unwrap().unwrap_or_default();
        assert!(
            src.starts_with("data:image/png;base64,"),
            "a PNG page: {:.40}",
            src
        );
        let mut width = 0;
        for _ in 0..50 {
            let drawn = app
                .client
                .execute(
                    "return document.querySelector('[data-testid=\"preview-page\"]').naturalWidth",
                    vec![],
                )
                .await
                .expect("the page's width");
            width = drawn.as_u64().unwrap_or(0);
            if width > 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // An A4 page at 1.5 pixels per point is about 893 pixels wide.
        assert!(width > 800, "the page image is drawn, {width} px wide");
        app.close().await;
    });
}

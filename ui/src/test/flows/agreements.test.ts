// The agreement editor as a mediator uses it: clauses moved with Alt+arrows (the focus
// stays in the clause), dragged onto another clause, inserted from a proposal note (the
// consent rule shown as its message), a redline with a moved clause shown once, the
// checks jumping to their clause, and "Mark final" showing the failed checks.

import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";

import AgreementEditor from "../../lib/agreements/AgreementEditor.svelte";
import { flushAllAutosaves } from "../../lib/autosave";
import CasePage from "../../lib/screens/CasePage.svelte";
import type { Place } from "../../lib/bindings/Place";
import { demoBackend } from "../../lib/backend/fake";
import { setLang } from "../../lib/i18n/i18n.svelte";
import { clauseStepOf } from "../../lib/shortcuts";
import { press, renderWith } from "../helpers";

const END: Place = { kind: "end" };
const words = (text_en: string, text_zh = `${text_en}（中）`) => ({ heading_en: "", heading_zh: "", text_en, text_zh });

async function editor(texts: string[]) {
  const demo = await demoBackend();
  const a = await demo.backend.createAgreement(demo.caseId, { title_en: "Harbour settlement" }, []);
  for (const text of texts) await demo.backend.addClause(a.id, words(text), END);
  const detail = await demo.backend.caseDetail(demo.caseId);
  renderWith(AgreementEditor, { agreementId: a.id, caseId: demo.caseId, parties: detail.parties, closed: false }, demo.backend);
  await screen.findAllByTestId("clause");
  return { ...demo, agreementId: a.id };
}

/** "number:English text" of each clause as shown. */
function shown(): string[] {
  return screen
    .getAllByTestId("clause")
    .map((c) => `${c.dataset.number}:${(within(c).getByTestId("clause-text-en") as HTMLTextAreaElement).value}`);
}

function clause(number: string): HTMLElement {
  return screen.getAllByTestId("clause").find((c) => c.dataset.number === number)!;
}

describe("the agreement editor", () => {
  it("moves a clause with Alt+Up/Down and indents it with Alt+Right/Left, keeping the focus in it", async () => {
    await editor(["Parties", "Payment", "Default"]);
    const text = within(clause("3")).getByTestId("clause-text-en");
    text.focus();

    press({ key: "ArrowUp", altKey: true });
    await waitFor(() => expect(shown()).toEqual(["1:Parties", "2:Default", "3:Payment"]));
    expect(document.activeElement).toBe(within(clause("2")).getByTestId("clause-text-en"));

    press({ key: "ArrowRight", altKey: true });
    await waitFor(() => expect(shown()).toEqual(["1:Parties", "1.1:Default", "2:Payment"]));
    expect(clause("1.1").dataset.depth).toBe("2");
    expect(document.activeElement).toBe(within(clause("1.1")).getByTestId("clause-text-en"));

    press({ key: "ArrowLeft", altKey: true });
    await waitFor(() => expect(shown()).toEqual(["1:Parties", "2:Default", "3:Payment"]));
    press({ key: "ArrowDown", altKey: true });
    await waitFor(() => expect(shown()).toEqual(["1:Parties", "2:Payment", "3:Default"]));

    // Alt with Ctrl or Shift is left to the system and the input method.
    await waitFor(() => expect(document.activeElement).toBe(within(clause("3")).getByTestId("clause-text-en")));
    press({ key: "ArrowUp", altKey: true, shiftKey: true });
    press({ key: "ArrowUp", altKey: true, ctrlKey: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(shown()).toEqual(["1:Parties", "2:Payment", "3:Default"]);
  });

  it("saves the words typed in a clause when the app saves before a lock, not only after the pause", async () => {
    const { backend, agreementId } = await editor(["Parties"]);
    await fireEvent.input(within(clause("1")).getByTestId("clause-text-en"), { target: { value: "Parties and recitals" } });
    expect((await backend.agreementDetail(agreementId)).clauses[0]!.text_en).toBe("Parties");
    await flushAllAutosaves();
    expect((await backend.agreementDetail(agreementId)).clauses[0]!.text_en).toBe("Parties and recitals");
    expect(within(clause("1")).getByTestId("clause-save-status").dataset.state).toBe("saved");
  });

  it("puts a dragged clause after the one it is dropped on, or under it on its right third", async () => {
    await editor(["A", "B", "C"]);
    const data = new Map<string, string>();
    const dataTransfer = { setData: (k: string, v: string) => data.set(k, v), getData: (k: string) => data.get(k) ?? "" };
    const c = clause("3");
    await fireEvent.dragStart(within(c).getByTestId("clause-handle"), { dataTransfer });
    await fireEvent.drop(clause("1"), { dataTransfer, clientX: 0 });
    await waitFor(() => expect(shown()).toEqual(["1:A", "2:C", "3:B"]));
  });

  it("inserts a proposal note after the clause last worked on, and shows the consent rule when it is refused", async () => {
    const { backend, caseId, caucusId } = await editor(["Parties", "Payment"]);
    await backend.createNote(caseId, { session_id: caucusId, tags: ["proposal"], text_en: "Investor accepts a lower cap", text_zh: "" });
    const shared = await backend.createNote(caseId, { visibility: "shared", tags: ["proposal"], text_en: "Review the cap yearly", text_zh: "" });
    // The editor read the notes when it opened: open it again to see the new ones.
    cleanup();
    const detail = await backend.caseDetail(caseId);
    const agreementId = (await backend.listAgreements(caseId))[0]!.id;
    renderWith(AgreementEditor, { agreementId, caseId, parties: detail.parties, closed: false }, backend);
    await screen.findAllByTestId("clause");

    within(clause("1")).getByTestId("clause-text-en").focus();
    await waitFor(() => expect(screen.getByTestId("insert-place")).toHaveTextContent("after clause 1"));
    const select = screen.getByTestId<HTMLSelectElement>("insert-note");
    await waitFor(() => expect(select.options).toHaveLength(3));
    // A caucus proposal is listed by its party, never by its words (the list shows in a joint session too).
    expect(select).not.toHaveTextContent("Investor accepts");
    const caucus = [...select.options].find((o) => o.textContent?.includes("Caucus proposal of Lantau"))!;
    await fireEvent.change(select, { target: { value: caucus.value } });
    await fireEvent.click(screen.getByTestId("insert-note-button"));
    expect(await screen.findByTestId("insert-error")).toHaveTextContent(/authoris/i);
    expect(shown()).toEqual(["1:Parties", "2:Payment"]);

    await fireEvent.change(select, { target: { value: shared.id } });
    await fireEvent.click(screen.getByTestId("insert-note-button"));
    await waitFor(() => expect(shown()).toEqual(["1:Parties", "2:Review the cap yearly", "3:Payment"]));
    expect(within(clause("2")).getByTestId("clause-source-note")).toHaveTextContent("Review the cap yearly");
    expect(screen.queryByTestId("insert-error")).toBeNull();
  });

  it("shows a moved clause once in the redline, as moved from 3 → 1", async () => {
    const { backend, agreementId } = await editor(["A", "B", "C"]);
    await fireEvent.input(screen.getByTestId("version-label"), { target: { value: "Sent to the respondent" } });
    await fireEvent.click(screen.getByTestId("version-save"));
    await screen.findByTestId("version-row");
    const c = (await backend.agreementDetail(agreementId)).clauses[2]!.id;
    await backend.shiftClause(c, "up");
    await backend.shiftClause(c, "up");
    await fireEvent.click(screen.getByTestId("redline-show"));
    const rows = await screen.findAllByTestId("redline-clause");
    expect(rows.map((r) => r.dataset.change)).toEqual(["moved", "same", "same"]);
    expect(within(rows[0]!).getByTestId("redline-number")).toHaveTextContent("moved from 3 → 1");
  });

  it("lists the checks in the interface's language, each jumping to its clause, and Mark final shows them when refused", async () => {
    const { backend, agreementId } = await editor(["Parties", "Payment"]);
    const payment = (await backend.agreementDetail(agreementId)).clauses[1]!.id;
    await backend.editClause(payment, words("Pay [[amount]]", "支付[[amount]]"));
    await fireEvent.click(screen.getByTestId("agreement-final"));
    expect(await screen.findByTestId("final-error")).toHaveTextContent("5 checks failed");
    const problems = await screen.findAllByTestId("check-problem");
    expect(problems.map((p) => p.textContent?.trim())).toEqual([
      "Clause 2: [[amount]] is not filled in.",
      "Clause 2: [[amount]] is not filled in.",
      "The agreement needs exactly one language clause; it has 0.",
      "The agreement needs exactly one signature block; it has 0.",
      "The agreement needs exactly one statement by the mediator that it resulted from mediation; it has 0.",
    ]);
    expect(screen.getByTestId("final-error")).toHaveTextContent("5 checks failed");
    await fireEvent.click(within(problems[0]!).getByTestId("check-jump"));
    expect(document.activeElement).toBe(clause("2"));
    expect((await backend.agreementDetail(agreementId)).agreement.status).toBe("draft");

    setLang("zh-Hant");
    await fireEvent.click(screen.getByTestId("checks-run"));
    await waitFor(() => expect(screen.getAllByTestId("check-problem")[0]).toHaveTextContent("第 2 條：[[amount]] 尚未填寫。"));
    setLang("en");
  });

  it("changes the titles, script and language regime, and refuses to clear both titles", async () => {
    const { backend, agreementId } = await editor(["Terms"]);
    await fireEvent.click(screen.getByTestId("agreement-edit-fields"));
    await fireEvent.input(screen.getByTestId("agreement-field-title-en"), { target: { value: "" } });
    await fireEvent.submit(screen.getByTestId("agreement-fields"));
    expect(await screen.findByTestId("agreement-fields-error")).toHaveTextContent(/title/i);
    await fireEvent.input(screen.getByTestId("agreement-field-title-zh"), { target: { value: "海港和解協議" } });
    await fireEvent.change(screen.getByTestId("agreement-field-regime"), { target: { value: "zh-prevails" } });
    await fireEvent.change(screen.getByTestId("agreement-field-script"), { target: { value: "hans" } });
    await fireEvent.submit(screen.getByTestId("agreement-fields"));
    await waitFor(() => expect(screen.queryByTestId("agreement-fields")).toBeNull());
    expect((await backend.agreementDetail(agreementId)).agreement).toMatchObject({
      title_en: null,
      title_zh: "海港和解協議",
      zh_script: "hans",
      language_regime: "zh-prevails",
    });
    expect(screen.getByTestId("agreement-state")).toHaveTextContent("the Chinese text prevails");
  });

  it("is read-only once final", async () => {
    const { backend, caseId, agreementId } = await editor(["Terms"]);
    await backend.addClause(agreementId, { ...words("Both texts count"), kind: "language" }, END);
    await backend.addClause(agreementId, { ...words("Signed"), kind: "signatures" }, END);
    await backend.addClause(agreementId, { ...words("Mediated"), kind: "mediator-statement" }, END);
    await backend.finalizeAgreement(agreementId, "Final");
    cleanup();
    renderWith(AgreementEditor, { agreementId, caseId, parties: [], closed: false }, backend);
    await screen.findAllByTestId("clause");
    for (const text of screen.getAllByTestId("clause-text-en")) expect(text).toBeDisabled();
    expect(screen.queryByTestId("agreement-final")).toBeNull();
    expect(screen.queryByTestId("clause-insert")).toBeNull();
  });
});

describe("the clause keys", () => {
  it("are Alt+arrows alone, never while an input method composes", () => {
    const key = (init: KeyboardEventInit) => clauseStepOf(new KeyboardEvent("keydown", init));
    expect(["ArrowUp", "ArrowDown", "ArrowRight", "ArrowLeft"].map((k) => key({ key: k, altKey: true }))).toEqual([
      "up",
      "down",
      "indent",
      "outdent",
    ]);
    expect(key({ key: "ArrowUp" })).toBeNull();
    expect(key({ key: "ArrowUp", altKey: true, ctrlKey: true })).toBeNull();
    expect(key({ key: "ArrowUp", altKey: true, shiftKey: true })).toBeNull();
    expect(key({ key: "ArrowUp", altKey: true, metaKey: true })).toBeNull();
    expect(key({ key: "ArrowUp", altKey: true, isComposing: true })).toBeNull();
  });
});

describe("the case page as a workspace", () => {
  it("shows the case at a glance, jumps to each section, and says documents are not there yet without offering anything", async () => {
    const { backend, caseId } = await demoBackend();
    await backend.createNote(caseId, { visibility: "shared", tags: ["issue"], text_en: "Berth fee cap", text_zh: "" });
    await backend.createAgreement(caseId, { title_en: "Harbour settlement" }, []);
    renderWith(CasePage, { caseId, onBack: () => {}, onEdit: () => {}, onLive: () => {} }, backend);
    const glance = await screen.findByTestId("case-glance");
    expect(within(glance).getByTestId("glance-next-session")).toHaveTextContent("Joint session");
    expect(within(glance).getByTestId("glance-parties")).toHaveTextContent("Lantau Infrastructure Ltd");
    await waitFor(() => expect(within(glance).getByTestId("glance-issues")).toHaveTextContent("1 notes tagged as an issue"));
    await waitFor(() => expect(within(glance).getByTestId("glance-agreement")).toHaveTextContent("Draft"));

    await fireEvent.click(screen.getByTestId("case-jump-case-agreement"));
    expect(document.activeElement).toBe(within(screen.getByTestId("agreement-section")).getByRole("heading", { level: 2 }));
    const documents = screen.getByTestId("documents-section");
    expect(documents).toHaveTextContent("Documents and bundles");
    expect(within(documents).queryAllByRole("button")).toEqual([]);
  });
});

// The fake keeps the core's agreement rules where the editor depends on them: numbers after
// moves and steps, references that follow their clause, the consent rule for a caucus
// proposal, the checks that keep an agreement from final, and a final agreement frozen.
// (contract.test.ts holds the same rules to the core's own answers.)

import { describe, expect, it } from "vitest";

import type { Place } from "../bindings/Place";
import { BackendError } from "./backend";
import { demoBackend, type FakeBackend } from "./fake";

async function failure(promise: Promise<unknown>): Promise<{ code: string; args: Record<string, string> } | "ok"> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof BackendError) return { code: e.code, args: e.report.args };
    throw e;
  }
  return "ok";
}

const words = (text_en: string, text_zh = "") => ({ heading_en: "", heading_zh: "", text_en, text_zh });
const END: Place = { kind: "end" };

async function agreementWith(texts: string[]) {
  const demo = await demoBackend();
  const a = await demo.backend.createAgreement(demo.caseId, { title_en: "Harbour settlement" }, []);
  const ids: string[] = [];
  for (const text of texts) ids.push((await demo.backend.addClause(a.id, words(text, `${text}（中）`), END)).id);
  return { ...demo, agreementId: a.id, ids };
}

/** "number:text_en" of every clause in reading order. */
async function outline(backend: FakeBackend, agreementId: string): Promise<string[]> {
  return (await backend.agreementDetail(agreementId)).clauses.map((c) => `${c.number}:${c.text_en}`);
}

describe("FakeBackend agreements", () => {
  it("numbers clauses by their place, and every move and step renumbers them", async () => {
    const { backend, agreementId, ids } = await agreementWith(["A", "B", "C", "D"]);
    const [a, b, c, d] = ids as [string, string, string, string];
    expect(await outline(backend, agreementId)).toEqual(["1:A", "2:B", "3:C", "4:D"]);

    await backend.shiftClause(c, "up");
    expect(await outline(backend, agreementId)).toEqual(["1:A", "2:C", "3:B", "4:D"]);
    await backend.shiftClause(c, "indent");
    expect(await outline(backend, agreementId)).toEqual(["1:A", "1.1:C", "2:B", "3:D"]);
    await backend.moveClause(d, { kind: "under", clause: c });
    expect(await outline(backend, agreementId)).toEqual(["1:A", "1.1:C", "1.1.1:D", "2:B"]);
    // Three levels at most: a fourth is refused and changes nothing.
    expect(await failure(backend.addClause(agreementId, words("E"), { kind: "under", clause: d }))).toMatchObject({
      code: "input.invalid",
      args: { field: "place" },
    });
    // Never under itself or its own sub-clauses.
    expect(await failure(backend.moveClause(a, { kind: "under", clause: d }))).toMatchObject({ code: "input.invalid" });
    await backend.shiftClause(c, "outdent");
    expect(await outline(backend, agreementId)).toEqual(["1:A", "2:C", "2.1:D", "3:B"]);
    // At an edge a step changes nothing.
    await backend.shiftClause(a, "up");
    await backend.shiftClause(a, "outdent");
    await backend.shiftClause(b, "down");
    expect(await outline(backend, agreementId)).toEqual(["1:A", "2:C", "2.1:D", "3:B"]);
    await backend.moveClause(a, END);
    expect(await outline(backend, agreementId)).toEqual(["1:C", "1.1:D", "2:B", "3:A"]);
    // A clause goes with its sub-clauses: C and D under B's sub-clause A would be four deep.
    await backend.moveClause(a, { kind: "under", clause: b });
    expect(await failure(backend.moveClause(c, { kind: "under", clause: a }))).toMatchObject({
      code: "input.invalid",
      args: { field: "place" },
    });
    expect(await outline(backend, agreementId)).toEqual(["1:C", "1.1:D", "2:B", "2.1:A"]);
  });

  it("stores {{N}} by id, so a reference follows its clause, which cannot then be removed", async () => {
    const { backend, agreementId, ids } = await agreementWith(["Payment", "Default"]);
    const [payment, defaults] = ids as [string, string];
    await backend.editClause(defaults, words("Late under {{1}}.", "逾期按{{1}}。"));
    await backend.shiftClause(defaults, "up");
    const text = (await backend.agreementDetail(agreementId)).clauses[0]!.text_en;
    expect(text).toBe(`Late under {{clause:${payment}}}.`);
    expect(await failure(backend.removeClause(payment))).toEqual({
      code: "agreement.clause_referenced",
      args: { clause: "2", by: "1" },
    });
    expect(await failure(backend.addClause(agreementId, words("See {{7}}."), END))).toEqual({
      code: "agreement.unknown_reference",
      args: { reference: "7" },
    });
  });

  it("takes a proposal note as a clause, a caucus one only with its party's authorisation of all of it", async () => {
    const { backend, caseId, agreementId, caucusId } = await agreementWith([]);
    const caucus = await backend.createNote(caseId, { session_id: caucusId, tags: ["proposal"], text_en: "A accepts 40m", text_zh: "" });
    expect(await failure(backend.addClauseFromNote(agreementId, caucus.id, END))).toMatchObject({
      code: "note.disclosure_not_authorised",
    });
    expect(await outline(backend, agreementId)).toEqual([]);
    await backend.recordDisclosure(caucus.id, { scope: "all", given_by: "Alice Lee" });
    const clause = await backend.addClauseFromNote(agreementId, caucus.id, END);
    expect(clause).toMatchObject({ text_en: "A accepts 40m", source_note_id: caucus.id });
    // Saved since: the clause keeps its words and says the note moved on.
    await backend.saveNote(caucus.id, caucus.revision, { tags: ["proposal"], text_en: "A accepts 45m", text_zh: "" });
    const [numbered] = (await backend.agreementDetail(agreementId)).clauses;
    expect(numbered).toMatchObject({ text_en: "A accepts 40m", source_moved_on: true });

    const untagged = await backend.createNote(caseId, { tags: [], text_en: "Plain", text_zh: "", visibility: "shared" });
    expect(await failure(backend.addClauseFromNote(agreementId, untagged.id, END))).toMatchObject({
      code: "input.invalid",
      args: { field: "note" },
    });
  });

  it("refuses final while a check fails, then freezes the agreement against every change", async () => {
    const { backend, caseId, agreementId, ids } = await agreementWith(["Payment of [[amount]]"]);
    const problems = await backend.checkAgreement(agreementId);
    expect(problems.map((p) => `${p.clause ?? "-"} ${p.check}`)).toEqual([
      "1 placeholder",
      "1 placeholder",
      "- language-clause",
      "- signature-block",
      "- mediator-statement",
    ]);
    expect(await failure(backend.finalizeAgreement(agreementId, "Final"))).toEqual({
      code: "agreement.checks_failed",
      args: { count: "5" },
    });
    expect((await backend.agreementDetail(agreementId)).agreement.status).toBe("draft");

    await backend.editClause(ids[0]!, words("Payment of USD 10", "支付10美元"));
    await backend.addClause(agreementId, { ...words("Both texts count", "兩文本均作準"), kind: "language" }, END);
    await backend.addClause(agreementId, { ...words("Signed", "簽署"), kind: "signatures" }, END);
    await backend.addClause(agreementId, { ...words("Done", "已完成"), kind: "mediator-statement" }, END);
    expect(await backend.checkAgreement(agreementId)).toEqual([]);
    const final = await backend.finalizeAgreement(agreementId, "As signed");
    expect(final).toMatchObject({ version: 1, label: "As signed" });
    const detail = await backend.agreementDetail(agreementId);
    expect(detail.agreement.status).toBe("final");
    for (const attempt of [
      backend.editClause(ids[0]!, words("Changed")),
      backend.shiftClause(ids[0]!, "down"),
      backend.removeClause(ids[0]!),
      backend.addClause(agreementId, words("More"), END),
      backend.setPosition(ids[0]!, detail.clauses[0]!.positions[0]?.party_id ?? (await backend.caseDetail(caseId)).parties[0]!.id, "accepted", ""),
      backend.updateAgreement(agreementId, { title_en: "Other" }),
    ]) {
      expect(await failure(attempt)).toEqual({ code: "agreement.final", args: {} });
    }
    expect(await outline(backend, agreementId)).toEqual(detail.clauses.map((c) => `${c.number}:${c.text_en}`));
  });

  it("shows a moved clause once, at its new place, with its old number, and a removed one where it stood", async () => {
    const { backend, agreementId, ids } = await agreementWith(["A", "B", "C", "D", "E"]);
    const [a, , c, , e] = ids as [string, string, string, string, string];
    await backend.saveVersion(agreementId, "First");
    for (let i = 0; i < 4; i++) await backend.shiftClause(e, "up"); // E: 5 → 1
    await backend.removeClause(c);
    await backend.editClause(a, words("A changed", "A（中）"));
    const red = await backend.redline(agreementId, 1, null);
    expect(red.clauses.map((x) => `${x.number_from ?? "-"}→${x.number_to ?? "-"} ${x.change}`)).toEqual([
      "5→1 moved",
      "1→2 edited",
      "2→3 same",
      "3→- removed",
      "4→4 same",
    ]);
    expect(red.clauses[1]!.text_en).toEqual([
      { change: "same", text: "A" },
      { change: "added", text: " changed" },
    ]);
  });
});

// The fake keeps the core's note rules where the UI depends on them: default visibility from
// the session, revision checks, restore, diffs, and the disclosure status from the regime.

import { describe, expect, it } from "vitest";

import { BackendError } from "./backend";
import { demoBackend } from "./fake";

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof BackendError) return e.code;
    throw e;
  }
  return "ok";
}

const text = (text_en: string, text_zh = "") => ({ tags: [], text_en, text_zh });

describe("FakeBackend notes", () => {
  it("defaults visibility from the session, and a caucus note needs its party", async () => {
    const { backend, caseId, partyIds, jointId, caucusId } = await demoBackend();
    expect((await backend.createNote(caseId, { ...text("a"), session_id: jointId })).visibility).toBe("shared");
    const caucus = await backend.createNote(caseId, { ...text("b"), session_id: caucusId });
    expect(caucus).toMatchObject({ visibility: "caucus", party_id: partyIds[0] });
    expect(caucus.disclosure).toEqual({ scope: "none", disclosure_id: null, stale: false });
    expect(caucus).toMatchObject({ confided_by: partyIds[0], caucus_regime: "hong-kong" });
    expect((await backend.createNote(caseId, text("c"))).visibility).toBe("private");
    expect(await code(backend.createNote(caseId, { ...text("d"), visibility: "caucus" }))).toBe(
      "note.caucus_needs_party",
    );
    expect(await code(backend.createNote(caseId, text("")))).toBe("input.required");
  });

  it("saves from the right base only, and unchanged content writes nothing", async () => {
    const { backend, caseId } = await demoBackend();
    const n = await backend.createNote(caseId, text("one"));
    const two = await backend.saveNote(n.id, n.revision, text("one two"));
    expect(Number(two.revision)).toBe(2);
    expect(Number((await backend.saveNote(n.id, 2, text("one two"))).revision)).toBe(2);
    const err = await backend.saveNote(n.id, 1, text("stale")).catch((e: BackendError) => e);
    expect(err).toMatchObject({ code: "note.conflict", report: { args: { revision: "2" } } });
    const history = await backend.noteHistory(n.id);
    expect(history.map((r) => Number(r.revision))).toEqual([2, 1]);
  });

  it("compares English by word and Chinese by character, and restores", async () => {
    const { backend, caseId } = await demoBackend();
    const n = await backend.createNote(caseId, text("pay in June", "六月付款"));
    await backend.saveNote(n.id, 1, text("pay in July", "七月付款"));
    const diff = await backend.compareRevisions(n.id, 1, 2);
    expect(diff.en.map((s) => [s.change, s.text])).toEqual([
      ["same", "pay in "],
      ["removed", "June"],
      ["added", "July"],
    ]);
    expect(diff.zh.map((s) => [s.change, s.text])).toEqual([
      ["removed", "六"],
      ["added", "七"],
      ["same", "月付款"],
    ]);
    const restored = await backend.restoreRevision(n.id, 1);
    expect(restored).toMatchObject({ text_en: "pay in June", text_zh: "六月付款" });
    expect(Number((await backend.noteHistory(n.id))[0]?.restored_from)).toBe(1);
  });

  it("takes the disclosure status from the note's regime unless the party has spoken", async () => {
    const { backend, caseId, caucusId } = await demoBackend();
    const n = await backend.createNote(caseId, { ...text("secret"), session_id: caucusId });
    expect(await code(backend.saveNote(n.id, 1, { ...text("secret"), visibility: "shared" }))).toBe(
      "note.disclosure_not_authorised",
    );
    // The regime recorded when the note was confided decides, not the case's now.
    await backend.updateCase(caseId, { confidentiality: "uncitral", add_co_mediators: [], remove_co_mediators: [] });
    expect((await backend.getNote(n.id)).disclosure).toEqual({ scope: "none", disclosure_id: null, stale: false });
    const open = await backend.createNote(caseId, { ...text("open by default"), session_id: caucusId });
    expect(open).toMatchObject({ caucus_regime: "uncitral", disclosure: { scope: "all", stale: false } });
    const d = await backend.recordDisclosure(n.id, { scope: "none", given_by: "Alice Lee" });
    expect((await backend.getNote(n.id)).disclosure).toEqual({ scope: "none", disclosure_id: d.id, stale: false });
    expect(d.revision).toBe(1);
    expect(await code(backend.recordDisclosure(n.id, { scope: "summary", given_by: "Alice Lee" }))).toBe(
      "input.required",
    );
    await backend.recordDisclosure(n.id, { scope: "all", given_by: "Alice Lee" });
    expect(Number((await backend.saveNote(n.id, 1, { ...text("secret"), visibility: "shared" })).revision)).toBe(2);
    expect((await backend.disclosureLog(caseId)).map((x) => x.scope)).toEqual(["none", "all"]);
    const shared = await backend.createNote(caseId, text("open"));
    expect(await code(backend.recordDisclosure(shared.id, { scope: "all", given_by: "X" }))).toBe("note.not_caucus");
  });
});

// The fake keeps the core's consent rule for caucus notes (src/confidentiality.rs
// `ensure_consent`, src/notes/mod.rs `write`): once party A has confided a note, no path
// (a private detour, a change of party, a restore, a stale authorisation, a change of the
// case's regime) makes it shared or another party's without A's word on its text. Each
// refusal is `note.disclosure_not_authorised` and changes nothing.

import { describe, expect, it } from "vitest";

import { BackendError } from "./backend";
import { demoBackend, type FakeBackend } from "./fake";
import type { NoteDraft } from "../bindings/NoteDraft";

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof BackendError) return e.code;
    throw e;
  }
  return "ok";
}

const text = (text_en: string, text_zh = ""): NoteDraft => ({ tags: [], text_en, text_zh });

/** Refused, and the note, its history and the disclosure log are as they were. */
async function refused(backend: FakeBackend, noteId: string, attempt: () => Promise<unknown>) {
  const note = await backend.getNote(noteId);
  const history = await backend.noteHistory(noteId);
  const log = await backend.disclosureLog(note.case_id);
  expect(await code(attempt())).toBe("note.disclosure_not_authorised");
  expect(await backend.getNote(noteId)).toEqual(note);
  expect(await backend.noteHistory(noteId)).toEqual(history);
  expect(await backend.disclosureLog(note.case_id)).toEqual(log);
}

async function confided(regime: "hong-kong" | "uncitral" = "hong-kong") {
  const demo = await demoBackend();
  const { backend, caseId, caucusId } = demo;
  if (regime !== "hong-kong") {
    await backend.updateCase(caseId, { confidentiality: regime, add_co_mediators: [], remove_co_mediators: [] });
  }
  const note = await backend.createNote(caseId, { ...text("A would accept 40m", "甲方接受四千万"), session_id: caucusId });
  return { ...demo, note };
}

describe("caucus consent (fake, as the core)", () => {
  it("records who confided a note and under which regime, and never changes them", async () => {
    const { backend, note, partyIds, caseId } = await confided();
    expect(note).toMatchObject({ confided_by: partyIds[0], caucus_regime: "hong-kong" });
    const priv = await backend.saveNote(note.id, note.revision, { ...text("mine"), visibility: "private" });
    expect(priv).toMatchObject({ visibility: "private", confided_by: partyIds[0], caucus_regime: "hong-kong" });
    await backend.updateCase(caseId, { confidentiality: "uncitral", add_co_mediators: [], remove_co_mediators: [] });
    const back = await backend.saveNote(note.id, priv.revision, { ...text("mine"), visibility: "caucus", party_id: partyIds[0] });
    expect(back).toMatchObject({ confided_by: partyIds[0], caucus_regime: "hong-kong", disclosure: { scope: "none" } });
  });

  it("refuses caucus → private → shared (the private detour)", async () => {
    const { backend, note } = await confided();
    const priv = await backend.saveNote(note.id, note.revision, {
      ...text(note.text_en, note.text_zh),
      visibility: "private",
    });
    expect(priv.visibility).toBe("private");
    await refused(backend, note.id, () =>
      backend.saveNote(note.id, priv.revision, { ...text(note.text_en, note.text_zh), visibility: "shared" }),
    );
  });

  it("refuses moving a caucus note from party A to party B", async () => {
    const { backend, note, partyIds } = await confided();
    await refused(backend, note.id, () =>
      backend.saveNote(note.id, note.revision, {
        ...text(note.text_en, note.text_zh),
        visibility: "caucus",
        party_id: partyIds[1],
      }),
    );
    // B, searching "as seen by" B, does not see what A confided.
    const seen = await backend.searchNotes({ text: "accept", case_id: note.case_id, as_party: partyIds[1] });
    expect(seen.hits).toEqual([]);
  });

  it("refuses a restore that would bring a confided note back to shared", async () => {
    const { backend, caseId, partyIds } = await demoBackend();
    const n = await backend.createNote(caseId, { ...text("draft terms"), visibility: "shared" });
    const caucus = await backend.saveNote(n.id, n.revision, {
      ...text("A's real bottom line"),
      visibility: "caucus",
      party_id: partyIds[0],
    });
    expect(caucus.confided_by).toBe(partyIds[0]);
    // Straight from caucus, and after a private detour.
    await refused(backend, n.id, () => backend.restoreRevision(n.id, 1));
    await backend.saveNote(n.id, caucus.revision, { ...text("A's real bottom line"), visibility: "private" });
    await refused(backend, n.id, () => backend.restoreRevision(n.id, 1));
    // Restoring the caucus revision itself is fine (caucus for A); shared still is not.
    expect((await backend.restoreRevision(n.id, 2)).visibility).toBe("caucus");
    await refused(backend, n.id, () => backend.restoreRevision(n.id, 1));
  });

  it("refuses sharing under an `all` given for other text (stale), and allows the text it was given for", async () => {
    const { backend, note } = await confided();
    await backend.recordDisclosure(note.id, { scope: "all", given_by: "Alice Lee" });
    const edited = await backend.saveNote(note.id, note.revision, {
      ...text("A would accept 40m, or 35m with the land"),
      visibility: "caucus",
    });
    expect(edited.disclosure).toMatchObject({ scope: "none", disclosure_id: null, stale: true });
    await refused(backend, note.id, () =>
      backend.saveNote(note.id, edited.revision, { ...text(edited.text_en, edited.text_zh), visibility: "shared" }),
    );
    // A private edit, then shared: still not the text A authorised.
    const priv = await backend.saveNote(note.id, edited.revision, { ...text("rephrased", note.text_zh), visibility: "private" });
    await refused(backend, note.id, () =>
      backend.saveNote(note.id, priv.revision, { ...text("rephrased", note.text_zh), visibility: "shared" }),
    );
    // Exactly the authorised text may go out.
    const shared = await backend.saveNote(note.id, priv.revision, { ...text(note.text_en, note.text_zh), visibility: "shared" });
    expect(shared.visibility).toBe("shared");
  });

  it("keeps an existing caucus note closed when the case's regime changes from Hong Kong to UNCITRAL", async () => {
    const { backend, note, caseId } = await confided();
    await backend.updateCase(caseId, { confidentiality: "uncitral", add_co_mediators: [], remove_co_mediators: [] });
    expect((await backend.getNote(note.id)).disclosure).toEqual({ scope: "none", disclosure_id: null, stale: false });
    await refused(backend, note.id, () =>
      backend.saveNote(note.id, note.revision, { ...text(note.text_en, note.text_zh), visibility: "shared" }),
    );
  });

  it("under UNCITRAL with no record, a confided note is open by default", async () => {
    const { backend, note } = await confided("uncitral");
    expect(note.disclosure).toEqual({ scope: "all", disclosure_id: null, stale: false });
    const shared = await backend.saveNote(note.id, note.revision, { ...text("edited"), visibility: "shared" });
    expect(shared.visibility).toBe("shared");
  });

  it("refuses search as a party without a case", async () => {
    const { backend, partyIds } = await confided();
    try {
      await backend.searchNotes({ text: "accept", as_party: partyIds[1] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BackendError);
      expect((e as BackendError).report).toMatchObject({ code: "input.required", args: { field: "case" } });
    }
  });
});

// The notes commands over IPC: names, camelCase keys, and revisions sent as JSON numbers
// (the bindings type them bigint, which JSON cannot carry).

import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { TauriBackend } = await import("./tauri");

beforeEach(() => {
  invoke.mockReset();
  invoke.mockResolvedValue(undefined);
});

describe("TauriBackend notes", () => {
  it("calls each note command with the agreed name and argument keys", async () => {
    const b = new TauriBackend();
    const draft = { tags: [], text_en: "x", text_zh: "" };
    const disclosure = { scope: "all" as const, given_by: "Alice Lee" };
    await b.listNotes("c1", { tag: "fact" });
    await b.getNote("n1");
    await b.createNote("c1", draft);
    await b.saveNote("n1", 3n, draft);
    await b.noteHistory("n1");
    await b.compareRevisions("n1", 1n, 2);
    await b.restoreRevision("n1", 1n);
    await b.recordDisclosure("n1", disclosure);
    await b.disclosureLog("c1");
    expect(invoke.mock.calls).toEqual([
      ["note_list", { caseId: "c1", filter: { tag: "fact" } }],
      ["note_get", { noteId: "n1" }],
      ["note_create", { caseId: "c1", draft }],
      ["note_save", { noteId: "n1", baseRevision: 3, draft }],
      ["note_history", { noteId: "n1" }],
      ["note_compare", { noteId: "n1", from: 1, to: 2 }],
      ["note_restore", { noteId: "n1", revision: 1 }],
      ["disclosure_record", { noteId: "n1", draft: disclosure }],
      ["disclosure_log", { caseId: "c1" }],
    ]);
    // What goes over IPC must survive JSON.
    expect(() => JSON.stringify(invoke.mock.calls)).not.toThrow();
  });
});

// The IPC mapping of the search and termbase commands (names and camelCase argument keys).

import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { TauriBackend } = await import("./tauri");

beforeEach(() => {
  invoke.mockReset();
  invoke.mockResolvedValue(undefined);
});

describe("TauriBackend search and termbase", () => {
  it("calls each command with the agreed name and argument keys", async () => {
    const b = new TauriBackend();
    const query = { text: "和解", as_party: "p1", limit: 20, offset: 0 };
    await b.searchNotes(query);
    await b.listTerms(null);
    await b.listTerms("调解");
    await b.addTerm({ en: "good faith", zh_hans: "诚信" });
    await b.updateTerm("t1", { domain: "" });
    await b.removeTerm("t1");
    await b.termMatches("text", "en", "hant");
    await b.termCheck("a", "乙");
    await b.importTerms("en,zh_hans\n");
    await b.exportTerms();
    expect(invoke.mock.calls).toEqual([
      ["search_notes", { query }],
      ["term_list", { text: null }],
      ["term_list", { text: "调解" }],
      ["term_add", { input: { en: "good faith", zh_hans: "诚信" } }],
      ["term_update", { termId: "t1", change: { domain: "" } }],
      ["term_remove", { termId: "t1" }],
      ["term_matches", { text: "text", side: "en", script: "hant" }],
      ["term_check", { textEn: "a", textZh: "乙" }],
      ["term_import", { csv: "en,zh_hans\n" }],
      ["term_export", {}],
    ]);
  });

  it("turns a rejected search into a BackendError with its code", async () => {
    invoke.mockRejectedValueOnce({ code: "input.invalid", args: { field: "query", value: "nothing" }, message: "m" });
    await expect(new TauriBackend().searchNotes({ text: "!!" })).rejects.toMatchObject({
      name: "BackendError",
      code: "input.invalid",
    });
  });
});

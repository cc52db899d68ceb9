// Single-line fields refuse what reorders or hides text, as the core does (src/text.rs):
// the list of characters comes from the core through rules.ts; note text keeps them.

import { describe, expect, it } from "vitest";

import { BackendError } from "./backend";
import { demoBackend } from "./fake";
import { NOT_ON_ONE_LINE } from "../bindings/rules";

async function refusal(promise: Promise<unknown>): Promise<[string, Record<string, string>]> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof BackendError) return [e.code, e.report.args];
    throw e;
  }
  return ["ok", {}];
}

describe("single-line fields in the fake", () => {
  it("list the core's bidi controls and marks", () => {
    for (const point of [0x202a, 0x202e, 0x2066, 0x2069, 0x200e, 0x200f, 0x061c, 0x0a, 0x09]) {
      expect(NOT_ON_ONE_LINE).toContain(point);
    }
  });

  it("refuse them with the core's code and change nothing", async () => {
    const { backend, caseId, partyIds } = await demoBackend({ unlocked: true });
    const bad = "Acme \u202edtL";
    const before = JSON.stringify(await backend.caseDetail(caseId));
    const attempts: [string, Promise<unknown>][] = [
      ["title", backend.createCase({ kind: "commercial", title_en: bad, co_mediators: [] })],
      ["title", backend.updateCase(caseId, { title_zh: bad, add_co_mediators: [], remove_co_mediators: [] })],
      ["name", backend.addParty(caseId, { kind: "company", role: "other", name_en: bad, representatives: [] })],
      ["name", backend.updateParty(partyIds[0], { name_en: bad, add_representatives: [], remove_representatives: [] })],
      ["representative", backend.updateParty(partyIds[0], { add_representatives: [bad], remove_representatives: [] })],
      [
        "venue",
        backend.createSession(caseId, {
          kind: "joint",
          time_zone: "Asia/Hong_Kong",
          start: "2026-12-20T10:00",
          venue: bad,
          attendees: [],
        }),
      ],
      ["en", backend.addTerm({ en: bad, zh_hans: "和解" })],
    ];
    for (const [field, attempt] of attempts) {
      expect(await refusal(attempt)).toEqual(["input.invisible_character", { field, codepoint: "U+202E" }]);
    }
    expect(JSON.stringify(await backend.caseDetail(caseId))).toBe(before);
  });

  it("leave note text as typed", async () => {
    const { backend, caseId } = await demoBackend({ unlocked: true });
    const text = "Quoted: \u2067مرحبا\u2069\nsecond line";
    const note = await backend.createNote(caseId, { tags: [], text_en: text, text_zh: "" });
    expect(note.text_en).toBe(text);
  });
});

// The fake's search and termbase follow the core's rules where the UI depends on them.

import { describe, expect, it } from "vitest";

import type { TermMatch } from "../bindings/TermMatch";
import { segments } from "../termsearch";
import { BackendError } from "./backend";
import { FakeBackend } from "./fake";
import { fragmentsOf, type SearchableNote } from "./fake-search";

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof BackendError) return `${e.code}:${e.report.args.field ?? e.report.args.entity ?? ""}`;
    throw e;
  }
  return "ok";
}

function note(id: string, over: Partial<SearchableNote>): SearchableNote {
  return {
    id,
    case_id: "c1",
    session_id: null,
    visibility: "shared",
    party_id: null,
    tags: [],
    text_en: "",
    text_zh: "",
    created_at: "2026-03-01T02:00:00Z",
    updated_at: "2026-03-01T02:00:00Z",
    ...over,
  };
}

describe("fake search", () => {
  const b = new FakeBackend({ unlocked: true });
  b.searchable.push(
    note("n1", { text_en: "Settlement agreement draft", text_zh: "和解协议草案", tags: ["proposal"] }),
    note("n2", { visibility: "caucus", party_id: "pA", text_en: "A would settle" }),
    note("n3", { visibility: "caucus", party_id: "pB", text_en: "B wants a settlement", created_at: "2026-04-01T00:00:00Z" }),
    note("n4", { visibility: "private", text_en: "settlement likely", case_id: "c2" }),
  );

  it("matches either side, case-insensitively, with hit fragments", async () => {
    const found = await b.searchNotes({ text: "SETTLE" });
    expect(found.total).toBe(4);
    const zh = await b.searchNotes({ text: "和解" });
    expect(zh.hits.map((h) => h.note_id)).toEqual(["n1"]);
    expect(zh.hits[0]?.zh).toEqual([
      { text: "和解", hit: true },
      { text: "协议草案", hit: false },
    ]);
  });

  it("filters, and as a party shows shared notes and that party's caucus notes only", async () => {
    const ids = async (q: object) => (await b.searchNotes({ text: "settle", ...q })).hits.map((h) => h.note_id).sort();
    expect(await ids({ case_id: "c1", as_party: "pA" })).toEqual(["n1", "n2"]);
    expect(await ids({ case_id: "c1", as_party: "pB" })).toEqual(["n1", "n3"]);
    expect(await ids({ case_id: "c2" })).toEqual(["n4"]);
    expect(await ids({ visibility: "caucus", party_id: "pB" })).toEqual(["n3"]);
    expect(await ids({ tag: "proposal" })).toEqual(["n1"]);
    expect(await ids({ from: "2026-03-15" })).toEqual(["n3"]);
    expect(await ids({ to: "2026-03-01" })).toEqual(["n1", "n2", "n4"]);
  });

  it("pages with a total", async () => {
    const first = await b.searchNotes({ text: "settle", limit: 3 });
    const second = await b.searchNotes({ text: "settle", limit: 3, offset: 3 });
    expect([first.total, first.hits.length, second.hits.length]).toEqual([4, 3, 1]);
  });

  it("refuses a query with nothing searchable", async () => {
    expect(await code(b.searchNotes({ text: "  !!! 🙂 " }))).toBe("input.invalid:query");
    expect(await code(b.searchNotes({ text: "" }))).toBe("input.invalid:query");
  });

  it("cuts fragments at every occurrence", () => {
    expect(fragmentsOf("abcABC", ["bc"])).toEqual([
      { text: "a", hit: false },
      { text: "bc", hit: true },
      { text: "A", hit: false },
      { text: "BC", hit: true },
    ]);
    expect(fragmentsOf("", ["x"])).toEqual([]);
  });
});

describe("fake termbase", () => {
  it("lists the seed, filtered by any of the three forms", async () => {
    const b = new FakeBackend({ unlocked: true });
    expect((await b.listTerms(null)).map((t) => t.en)).toEqual([
      "caucus",
      "confidentiality",
      "mediation",
      "settlement agreement",
    ]);
    expect((await b.listTerms("協議")).map((t) => t.en)).toEqual(["settlement agreement"]);
    expect((await b.listTerms("调解")).map((t) => t.en)).toEqual(["mediation"]);
    expect((await b.listTerms("MEDIAT")).map((t) => t.en)).toEqual(["mediation"]);
  });

  it("adds, updates (\"\" clears) and removes with the core's errors", async () => {
    const b = new FakeBackend({ unlocked: true });
    expect(await code(b.addTerm({ en: "", zh_hans: "仲裁" }))).toBe("input.required:en");
    expect(await code(b.addTerm({ en: "arbitration" }))).toBe("input.required:zh");
    expect(await code(b.addTerm({ en: "Mediation", zh_hans: "调停" }))).toBe("input.invalid:en");
    const term = await b.addTerm({ en: "arbitration", zh_hans: "仲裁", domain: "procedure" });
    expect(term.origin).toBe("mediator");
    const changed = await b.updateTerm(term.id, { zh_hant: "仲裁", domain: "" });
    expect(changed).toMatchObject({ zh_hant: "仲裁", domain: null, zh_hans: "仲裁" });
    await b.removeTerm(term.id);
    expect(await code(b.removeTerm(term.id))).toBe("input.not_found:term");
  });

  it("imports all or nothing, naming the bad line, and exports", async () => {
    const b = new FakeBackend({ unlocked: true });
    const bad = "en,zh_hans,zh_hant,domain,note\ngood faith,诚信,誠信,,\n,仲裁,仲裁,,\n";
    await expect(b.importTerms(bad)).rejects.toMatchObject({
      code: "input.invalid",
      report: { args: { field: "csv", value: expect.stringMatching(/^line 3:/) } },
    });
    expect(await b.listTerms("good faith")).toEqual([]);
    const good = 'en,zh_hans,zh_hant,domain,note\ngood faith,诚信,誠信,,\nmediation,调解,調解,,\n"caucus",单独会谈,單獨會議,,"a note, quoted"\n';
    expect(await b.importTerms(good)).toEqual({ added: 1, updated: 1, unchanged: 1 });
    const path = await b.exportTerms();
    expect(path).toMatch(/Downloads/);
    expect(b.termbase.lastExport).toContain('"a note, quoted"');
  });

  it("matches with UTF-16 offsets, leftmost-longest, with the counterpart in the script asked", async () => {
    const b = new FakeBackend({ unlocked: true });
    const zh = "🙂 和解協議須保密";
    const found = await b.termMatches(zh, "zh", "hant");
    expect(found.map((m) => [zh.slice(m.start, m.end), m.counterpart])).toEqual([
      ["和解協議", "settlement agreement"],
      ["保密", "confidentiality"],
    ]);
    expect(found[0]?.start).toBe(3); // the emoji is two UTF-16 code units
    const en = await b.termMatches("Mediations and the settlement agreement; premediation no.", "en", "hans");
    expect(en.map((m) => m.counterpart)).toEqual(["调解", "和解协议"]);
  });

  it("checks for gaps both ways, nothing when a side is blank", async () => {
    const b = new FakeBackend({ unlocked: true });
    const gaps = await b.termCheck("Mediation under confidentiality", "调解须保密，和解协议");
    expect(gaps.map((g) => [g.term.en, g.found_in, g.missing_from])).toEqual([
      ["settlement agreement", "zh", "en"],
    ]);
    expect(await b.termCheck("", "和解协议")).toEqual([]);
  });
});

describe("segments", () => {
  const term = { id: "t", en: "x", zh_hans: null, zh_hant: null, domain: null, note: null, origin: "seed" as const, updated_at: "" };
  const m = (start: number, end: number, id = "t"): TermMatch => ({ term: { ...term, id }, side: "zh", start, end, counterpart: "" });

  it("slices at UTF-16 offsets, groups a shared span, drops overlaps and bad ranges", () => {
    const text = "🙂和解协议好";
    const out = segments(text, [m(2, 6), m(2, 6, "u"), m(3, 5), m(5, 99), m(6, 6)]);
    expect(out.map((s) => [s.text, s.matches?.length ?? 0])).toEqual([
      ["🙂", 0],
      ["和解协议", 2],
      ["好", 0],
    ]);
    expect(segments("", [])).toEqual([]);
  });
});

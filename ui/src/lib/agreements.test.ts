// A failed check in the reader's language: the font-coverage check names the title or a
// clause, each with its own message (the core sends where = "title" | "clause").

import { afterEach, describe, expect, it } from "vitest";

import { checkText } from "./agreements";
import type { CheckProblem } from "./bindings/CheckProblem";
import { setLang } from "./i18n/i18n.svelte";

afterEach(() => {
  setLang("en");
});

function fontProblem(where: "title" | "clause"): CheckProblem {
  const args: [string, string][] = [
    ["chars", "𠮷🙂"],
    ["where", where],
  ];
  if (where === "clause") args.push(["clause", "5"]);
  return {
    clause: where === "clause" ? "5" : null,
    check: "font-coverage",
    en: null,
    zh: null,
    args,
    message: "",
  };
}

describe("checkText", () => {
  it("names the clause, or the title, and the characters, in each language", () => {
    expect(checkText(fontProblem("clause"))).toBe(
      "Clause 5 has characters the printed agreement's fonts cannot draw: 𠮷🙂. Write them another way, or the PDF would show empty boxes.",
    );
    expect(checkText(fontProblem("title"))).toMatch(/^The title has characters .*𠮷🙂/);
    setLang("zh-Hant");
    expect(checkText(fontProblem("clause"))).toMatch(/^第 5 條含有列印字型無法顯示的字元：𠮷🙂/);
    expect(checkText(fontProblem("title"))).toMatch(/^標題含有/);
  });
});

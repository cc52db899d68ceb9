// Every word a mediator reads comes from the catalogs. A heuristic scan of the .svelte
// files: text between tags, and user-facing attributes, must not contain literal letters
// (Latin or CJK); only {expressions} (i.e. t(...)) may produce them.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "..", "..");
const LETTERS = /[\p{L}]/u;
const USER_FACING_ATTRS = ["placeholder", "title", "aria-label", "aria-description", "alt", "label", "aria-roledescription", "aria-valuetext"];

function svelteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return svelteFiles(path);
    return name.endsWith(".svelte") ? [path] : [];
  });
}

/** Removes {…} expressions (nested braces and quoted strings inside them). */
function stripExpressions(markup: string): string {
  let out = "";
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < markup.length; i++) {
    const ch = markup[i] ?? "";
    if (depth > 0) {
      if (quote) {
        if (ch === "\\") i++;
        else if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'" || ch === "`") quote = ch;
      else if (ch === "{") depth++;
      else if (ch === "}") depth--;
      continue;
    }
    if (ch === "{") {
      depth = 1;
      out += " ";
      continue;
    }
    out += ch;
  }
  return out;
}

export function literalText(source: string): string[] {
  const markup = stripExpressions(
    source
      .replace(/<script[\s\S]*?<\/script>/g, "")
      .replace(/<style[\s\S]*?<\/style>/g, "")
      .replace(/<!--[\s\S]*?-->/g, ""),
  );
  const found: string[] = [];
  // Text nodes: whatever lies between a tag's end and the next tag's start.
  for (const match of markup.matchAll(/>([^<]*)</g)) {
    const text = (match[1] ?? "").trim();
    if (text && LETTERS.test(text)) found.push(`text: ${text}`);
  }
  // Attributes whose values people read.
  for (const name of USER_FACING_ATTRS) {
    const re = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, "g");
    for (const match of markup.matchAll(re)) {
      const value = match[2] ?? match[3] ?? "";
      if (LETTERS.test(value)) found.push(`${name}="${value}"`);
    }
  }
  return found;
}

describe("no literal user-visible text in components", () => {
  it("the heuristic finds what it should", () => {
    expect(literalText(`<p>Hello</p>`)).toEqual(["text: Hello"]);
    expect(literalText(`<p>你好</p>`)).toEqual(["text: 你好"]);
    expect(literalText(`<input placeholder="Search" />`)).toEqual([`placeholder="Search"`]);
    expect(literalText(`<button aria-label='Close'>{t("x")}</button>`)).toEqual([`aria-label="Close"`]);
    expect(literalText(`<p>{t("a")} · {t("b")}</p><span aria-hidden="true">◆</span>`)).toEqual([]);
    expect(literalText(`<p title={t("x")}>{a > b ? t("y") : "z"}</p>`)).toEqual([]);
    expect(literalText(`<script>const a = "<p>Hi</p>";</script><div></div>`)).toEqual([]);
  });

  it("every .svelte file takes its words from the catalogs", () => {
    const problems = svelteFiles(SRC).flatMap((path) =>
      literalText(readFileSync(path, "utf8")).map((hit) => `${relative(SRC, path)}: ${hit}`),
    );
    expect(problems, `use t("…") for:\n${problems.join("\n")}`).toEqual([]);
  });
});

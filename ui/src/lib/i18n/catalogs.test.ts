// The three catalogs must stay in step, and every error code the core can send must have a
// message, or a mediator would see a raw code in the middle of a hearing.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { BackendError } from "../backend/backend";
import coreErrors from "../bindings/errors.json";
import type { ErrorCode } from "../bindings/ErrorCode";
import { errorText } from "./errors";
import { CATALOGS, LANGS, lookupIn, resolveLang, setLang, t, translate } from "./i18n.svelte";

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();
}

/** The ErrorCode union, read from the generated binding (the source of truth). */
function errorCodes(): string[] {
  const source = readFileSync(join(__dirname, "..", "bindings", "ErrorCode.ts"), "utf8");
  const union = source.slice(source.indexOf("export type ErrorCode"));
  return [...union.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? "");
}

describe("catalogs", () => {
  it("call a caucus what the termbase calls it, and nowhere 单方会谈 (a unilateral act, not a private meeting)", () => {
    const root = join(__dirname, "..", "..", "..", "..");
    const seed = readFileSync(join(root, "assets", "termbase", "seed.csv"), "utf8");
    const caucus = seed.split("\n").find((line) => line.startsWith("caucus,"))?.split(",") ?? [];
    expect(CATALOGS["zh-Hans"]["session_kind.caucus"]).toBe(caucus[1]);
    expect(CATALOGS["zh-Hant"]["session_kind.caucus"]).toBe(caucus[2]);
    const texts = [
      ...LANGS.flatMap((lang) => Object.values(CATALOGS[lang])),
      ...["zh-Hans", "zh-Hant"].map((tag) => readFileSync(join(root, "src", "i18n", `${tag}.ftl`), "utf8")),
    ];
    expect(texts.filter((t) => t.includes("单方会谈") || t.includes("單方會談"))).toEqual([]);
  });

  it("take an error's words from the core (src/i18n/*.ftl) and override them only where the desktop says it differently", () => {
    const redundant: string[] = [];
    for (const lang of LANGS) {
      const own = JSON.parse(readFileSync(join(__dirname, `${lang}.json`), "utf8")) as Record<string, string>;
      for (const [code, text] of Object.entries(coreErrors[lang])) {
        expect(CATALOGS[lang][`error.${code}`], `${lang} error.${code}`).toBe(own[`error.${code}`] ?? text);
        if (own[`error.${code}`] === text) redundant.push(`${lang} error.${code}`);
      }
    }
    expect(redundant, "an override that says what the core says: delete it").toEqual([]);
  });

  it("all have exactly the same keys", () => {
    const problems: string[] = [];
    for (const a of LANGS) {
      for (const b of LANGS) {
        if (a === b) continue;
        const missing = Object.keys(CATALOGS[a]).filter((key) => !(key in CATALOGS[b]));
        if (missing.length) problems.push(`${b} lacks (present in ${a}): ${missing.join(", ")}`);
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("use the same {placeholders} for a key in every language", () => {
    const problems: string[] = [];
    for (const [key, text] of Object.entries(CATALOGS.en)) {
      for (const lang of LANGS) {
        const other = CATALOGS[lang][key];
        if (other !== undefined && placeholders(other).join() !== placeholders(text).join()) {
          problems.push(`${lang} ${key}: {${placeholders(other)}} vs en {${placeholders(text)}}`);
        }
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("have no empty messages", () => {
    const empty = LANGS.flatMap((lang) =>
      Object.entries(CATALOGS[lang])
        .filter(([, text]) => text.trim() === "")
        .map(([key]) => `${lang}:${key}`),
    );
    expect(empty).toEqual([]);
  });

  it("Chinese catalogs are really Chinese (a sample of plain words differs from English)", () => {
    for (const key of ["nav.cases", "session_kind.caucus", "session_kind.joint", "status.settled"] as const) {
      expect(CATALOGS["zh-Hans"][key]).not.toBe(CATALOGS.en[key]);
      expect(CATALOGS["zh-Hant"][key]).not.toBe(CATALOGS.en[key]);
    }
    expect(CATALOGS["zh-Hans"]["session_kind.caucus"]).toBe("单独会谈");
    expect(CATALOGS["zh-Hant"]["session_kind.caucus"]).toBe("單獨會談");
    expect(CATALOGS["zh-Hans"]["session_kind.joint"]).toBe("联席会议");
    expect(CATALOGS["zh-Hant"]["session_kind.joint"]).toBe("聯席會議");
  });
});

describe("error codes", () => {
  it("the binding lists codes (the parser works)", () => {
    expect(errorCodes()).toContain("vault.wrong_passphrase");
    expect(errorCodes().length).toBeGreaterThan(20);
  });

  it("every ErrorCode has an error.<code> message in every catalog", () => {
    const missing = LANGS.flatMap((lang) =>
      errorCodes()
        .filter((code) => !(`error.${code}` in CATALOGS[lang]))
        .map((code) => `${lang}: error.${code}`),
    );
    expect(missing, `add these keys:\n${missing.join("\n")}`).toEqual([]);
  });

  it("translates a report with its args, and the args that name fields or statuses", () => {
    const required = new BackendError({ code: "input.required", args: { field: "title" }, message: "title is required" });
    const transition = new BackendError({
      code: "case.invalid_transition",
      args: { from: "settled", to: "active" },
      message: "",
    });
    expect(errorText(required)).toBe("The title is required.");
    expect(errorText(transition)).toBe("A case cannot go from Settled to Active.");
    setLang("zh-Hans");
    expect(errorText(required)).toBe("必须填写标题。");
    expect(errorText(transition)).toBe("案件不能从“已和解”变为“进行中”。");
    setLang("zh-Hant");
    expect(errorText(required)).toBe("必須填寫標題。");
  });

  it("an unknown code still gives a translated sentence with the code", () => {
    const future = new BackendError({ code: "future.thing" as ErrorCode, args: {}, message: "" });
    expect(errorText(future)).toBe("Something went wrong (code future.thing).");
    expect(errorText(new TypeError("boom"))).toBe(t("error.unexpected"));
  });
});

describe("language resolution", () => {
  it.each([
    ["zh-HK", "zh-Hant"],
    ["zh-TW", "zh-Hant"],
    ["zh-MO", "zh-Hant"],
    ["zh-Hant-HK", "zh-Hant"],
    ["zh_HK", "zh-Hant"],
    ["zh-CN", "zh-Hans"],
    ["zh-SG", "zh-Hans"],
    ["zh", "zh-Hans"],
    ["zh-Hans", "zh-Hans"],
    ["en-GB", "en"],
    ["fr", "en"],
    ["", "en"],
  ])("%s → %s", (tag, lang) => {
    expect(resolveLang(tag)).toBe(lang);
  });

  it("falls back zh-HK → zh-Hant → en, then to the key", () => {
    const cats = {
      en: { a: "A", b: "B", c: "C" },
      "zh-Hans": { a: "甲" },
      "zh-Hant": { a: "甲", b: "乙" },
    };
    const hk = resolveLang("zh-HK");
    expect(lookupIn(cats, hk, "b")).toBe("乙");
    expect(lookupIn(cats, hk, "c")).toBe("C");
    expect(lookupIn(cats, "zh-Hans", "b")).toBe("B");
    expect(lookupIn(cats, hk, "nope")).toBe("nope");
  });

  it("interpolates {names}, leaving unknown ones visible", () => {
    expect(translate("zh-Hant", "cases.count_other", { count: 3 })).toBe("3 宗案件");
    expect(translate("en", "cases.count_other", { count: 3 })).toBe("3 cases");
    expect(translate("en", "header.lock", {})).toBe("Lock ({shortcut})");
  });
});

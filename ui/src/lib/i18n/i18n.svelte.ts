// Accord's own small i18n: three flat JSON catalogs, `{name}` placeholders, a fallback chain
// (zh-HK → zh-Hant → en) and the current language as rune state, so every `t()` in a
// template re-renders when the language changes. No storage: the language is remembered
// by the shell through Backend.setPreferences.

import type { ErrorCode } from "../bindings/ErrorCode";
import coreErrors from "../bindings/errors.json";
import en from "./en.json";
import zhHans from "./zh-Hans.json";
import zhHant from "./zh-Hant.json";

/**
 * Every message key, checked at compile time: the English catalog's, and `error.<code>` for
 * every code the core can send.
 */
export type MessageKey = keyof typeof en | `error.${ErrorCode}`;
export type Lang = "en" | "zh-Hans" | "zh-Hant";
export type Args = Record<string, string | number>;
type Catalog = Partial<Record<MessageKey, string>>;

export const LANGS: readonly Lang[] = ["en", "zh-Hans", "zh-Hant"];
export const DEFAULT_LANG: Lang = "en";

/**
 * A UI catalog over the core's error messages (`bindings/errors.json`, generated from
 * `src/i18n/*.ftl`, the one place an error's words are written), as `error.<code>`. The UI
 * catalog's own `error.<code>` wins where the desktop says it differently (the command line's
 * text names its flags and prompts).
 */
function withCoreErrors(lang: Lang, catalog: Catalog): Catalog {
  const core = Object.entries(coreErrors[lang]).map(([code, text]) => [`error.${code}`, text]);
  return { ...Object.fromEntries(core), ...catalog };
}

const catalogs: Record<Lang, Catalog> = {
  en: withCoreErrors("en", en),
  "zh-Hans": withCoreErrors("zh-Hans", zhHans),
  "zh-Hant": withCoreErrors("zh-Hant", zhHant),
};

/** Which catalogs to try, in order, for a language. */
const FALLBACKS: Record<Lang, readonly Lang[]> = {
  en: ["en"],
  "zh-Hans": ["zh-Hans", "en"],
  "zh-Hant": ["zh-Hant", "en"],
};

/** The locale given to Intl for dates, times and numbers. */
const INTL_LOCALES: Record<Lang, string> = {
  en: "en-GB",
  "zh-Hans": "zh-Hans-CN",
  "zh-Hant": "zh-Hant-HK",
};

/**
 * Maps any BCP 47 tag to one of our languages: zh-HK, zh-MO, zh-TW and zh-Hant* → zh-Hant;
 * other Chinese → zh-Hans; everything else → en.
 */
export function resolveLang(tag: string | null | undefined): Lang {
  const lower = (tag ?? "").trim().toLowerCase().replace(/_/g, "-");
  if (!lower) return DEFAULT_LANG;
  const parts = lower.split("-");
  if (parts[0] !== "zh") return DEFAULT_LANG;
  if (parts.includes("hant") || parts.some((p) => p === "hk" || p === "mo" || p === "tw")) {
    return "zh-Hant";
  }
  return "zh-Hans";
}

const state = $state<{ lang: Lang }>({ lang: DEFAULT_LANG });

export function currentLang(): Lang {
  return state.lang;
}

export function intlLocale(lang: Lang = state.lang): string {
  return INTL_LOCALES[lang];
}

/** Switches the interface language now; returns the language actually chosen. */
export function setLang(tag: string): Lang {
  const lang = resolveLang(tag);
  state.lang = lang;
  if (typeof document !== "undefined") {
    document.documentElement.lang = lang;
    document.title = translate(lang, "app.name");
  }
  return lang;
}

export function hasKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogs.en, key);
}

/** The text for `key` along `lang`'s fallback chain in `cats`; the key itself when none has it. */
export function lookupIn(
  cats: Readonly<Record<Lang, Readonly<Partial<Record<string, string>>>>>,
  lang: Lang,
  key: string,
): string {
  for (const candidate of FALLBACKS[lang]) {
    const text = cats[candidate][key];
    if (text !== undefined) return text;
  }
  return key;
}

function lookup(lang: Lang, key: MessageKey): string {
  return lookupIn(catalogs, lang, key);
}

export function interpolate(text: string, args: Args | undefined): string {
  if (!args) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : whole,
  );
}

/** The text for `key` in `lang`, with `{name}` placeholders filled from `args`. */
export function translate(lang: Lang, key: MessageKey, args?: Args): string {
  return interpolate(lookup(lang, key), args);
}

/** The text for `key` in the current language (reactive in templates). */
export function t(key: MessageKey, args?: Args): string {
  return translate(state.lang, key, args);
}

/** For tests: the raw catalogs. */
export const CATALOGS: Readonly<Record<Lang, Readonly<Record<string, string>>>> = catalogs as Record<
  Lang,
  Record<string, string>
>;

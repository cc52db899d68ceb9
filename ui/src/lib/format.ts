// Dates, times and numbers through Intl, in the interface language's locale.
// Session times are stored in UTC with the venue's IANA zone; we show both the venue's
// wall clock and the laptop's.

import type { Case } from "./bindings/Case";
import type { Party } from "./bindings/Party";
import { currentLang, intlLocale, type Lang } from "./i18n/i18n.svelte";

/** The laptop's own IANA zone (e.g. Asia/Hong_Kong). */
export function localZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Date and time at `zone`, e.g. "3 Dec 2026, 10:00 HKT" / "2026年12月3日 10:00 HKT". */
export function formatDateTime(iso: string, zone?: string, lang: Lang = currentLang()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = {
    year: "numeric",
    month: "short",
    day: "numeric",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  };
  if (zone !== undefined) options.timeZone = zone;
  try {
    return new Intl.DateTimeFormat(intlLocale(lang), options).format(date);
  } catch {
    // An unknown zone: show UTC rather than nothing.
    return new Intl.DateTimeFormat(intlLocale(lang), { ...options, timeZone: "UTC" }).format(date);
  }
}

/** Time of day only, at `zone`. */
export function formatTime(iso: string, zone?: string, lang: Lang = currentLang()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  };
  if (zone !== undefined) options.timeZone = zone;
  try {
    return new Intl.DateTimeFormat(intlLocale(lang), options).format(date);
  } catch {
    return new Intl.DateTimeFormat(intlLocale(lang), { ...options, timeZone: "UTC" }).format(date);
  }
}

export function formatNumber(value: number, lang: Lang = currentLang()): string {
  return new Intl.NumberFormat(intlLocale(lang)).format(value);
}

/** Elapsed time as m:ss under an hour (e.g. 07:05), h:mm:ss from an hour on (1:02:03). */
export function formatElapsed(ms: number, lang: Lang = currentLang()): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = new Intl.NumberFormat(intlLocale(lang), { minimumIntegerDigits: 2, useGrouping: false });
  const one = new Intl.NumberFormat(intlLocale(lang), { useGrouping: false });
  return hours > 0
    ? `${one.format(hours)}:${two.format(minutes)}:${two.format(seconds)}`
    : `${two.format(minutes)}:${two.format(seconds)}`;
}

/** The name in the interface's language first, the other as a second line (or null). */
export function bilingual(
  en: string | null,
  zh: string | null,
  lang: Lang = currentLang(),
): { primary: string; secondary: string | null } {
  const first = lang === "en" ? en : zh;
  const second = lang === "en" ? zh : en;
  if (first) return { primary: first, secondary: second };
  return { primary: second ?? "", secondary: null };
}

export function caseTitle(c: Pick<Case, "title_en" | "title_zh">, lang: Lang = currentLang()) {
  return bilingual(c.title_en, c.title_zh, lang);
}

/** A party's name in one line, interface language first. */
export function partyName(p: Pick<Party, "name_en" | "name_zh">, lang: Lang = currentLang()): string {
  const { primary, secondary } = bilingual(p.name_en, p.name_zh, lang);
  return secondary ? `${primary} (${secondary})` : primary;
}

/** "2026-12-03T10:00" (what a datetime-local input gives) for a Date, in local wall time. */
export function toDateTimeLocal(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

// Helpers shared by the search screen, the termbase screen and the term hints: cutting a
// text at term matches (UTF-16 offsets, as the core gives them and as JS strings count),
// and translating the errors whose args name fields of these screens. (The note vocabularies
// and their labels are the notes' own: lib/notes.ts, `notes.tag_*`, `notes.visibility_*`.)

import { BackendError } from "./backend/backend";
import type { TermMatch } from "./bindings/TermMatch";
import { UiProblem } from "./i18n/errors";
import { intlLocale, t, type MessageKey } from "./i18n/i18n.svelte";


/** A run of text: plain, or a known term with its match(es) (two terms may share a form). */
export type Segment = { text: string; matches: TermMatch[] | null; start: number };

/**
 * `text` cut at `matches` (UTF-16 code-unit offsets, end exclusive). Matches out of range,
 * empty or overlapping an earlier one are skipped; matches on the same span are grouped.
 */
export function segments(text: string, matches: readonly TermMatch[]): Segment[] {
  const sorted = [...matches]
    .filter((m) => m.start >= 0 && m.end > m.start && m.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let at = 0;
  let last: Segment | null = null;
  for (const m of sorted) {
    if (last && last.matches && last.start === m.start && last.start + last.text.length === m.end) {
      last.matches.push(m);
      continue;
    }
    if (m.start < at) continue;
    if (m.start > at) out.push({ text: text.slice(at, m.start), matches: null, start: at });
    last = { text: text.slice(m.start, m.end), matches: [m], start: m.start };
    out.push(last);
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), matches: null, start: at });
  return out;
}

/** Field names the core uses on these screens, with their catalog words. */
const FIELDS: Record<string, MessageKey> = {
  query: "search.field_query",
  from: "search.field_from",
  to: "search.field_to",
  en: "terms.field_en",
  zh: "terms.field_zh",
  zh_hans: "terms.field_zh_hans",
  zh_hant: "terms.field_zh_hant",
  domain: "terms.field_domain",
  note: "terms.field_note",
  csv: "terms.field_csv",
};

/**
 * A BackendError from a search or termbase call, made readable: "nothing to search for"
 * and a bad CSV line get their own sentences; other field and entity names are translated.
 * Anything else is returned as it came (ErrorMessage translates it by its code).
 */
export function termSearchProblem(error: unknown): unknown {
  if (!(error instanceof BackendError)) return error;
  const args = error.report.args ?? {};
  if (error.code === "input.invalid" && args.field === "query") return new UiProblem("search.nothing");
  if (error.code === "input.invalid" && args.field === "csv") {
    const line = /^line (\d+):\s*(.*)$/s.exec(args.value ?? "");
    if (line) return new UiProblem("terms.import_bad_line", { line: line[1] ?? "", detail: line[2] ?? "" });
  }
  const field = args.field === undefined ? undefined : FIELDS[args.field];
  const entity = args.entity === "term" ? t("terms.entity") : undefined;
  if (!field && !entity) return error;
  const key = `error.${error.code}`;
  const translated: Record<string, string> = { ...args };
  if (field) translated.field = t(field);
  if (entity) translated.entity = entity;
  return key in ERROR_KEYS ? new UiProblem(key as MessageKey, translated) : error;
}

const ERROR_KEYS: Record<string, true> = {
  "error.input.invalid": true,
  "error.input.required": true,
  "error.input.too_long": true,
  "error.input.not_found": true,
  "error.input.ambiguous": true,
};

/** A calendar day, e.g. "3 Dec 2026" / "2026年12月3日". */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), { year: "numeric", month: "short", day: "numeric" }).format(date);
}

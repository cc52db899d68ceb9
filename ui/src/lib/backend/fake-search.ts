// The fake's note search and termbase, kept apart from fake.ts: plain functions over plain
// data, so FakeBackend only holds the data and delegates. They follow the core's rules where
// the UI depends on them (error codes and args, the as-party rule, UTF-16 offsets), not its
// ranking or stemming: search here is a case-insensitive substring match.

import type { ChineseScript } from "../bindings/ChineseScript";
import type { Fragment } from "../bindings/Fragment";
import type { ImportReport } from "../bindings/ImportReport";
import type { NewTerm } from "../bindings/NewTerm";
import type { NoteTag } from "../bindings/NoteTag";
import type { SearchHit } from "../bindings/SearchHit";
import type { SearchQuery } from "../bindings/SearchQuery";
import type { SearchResults } from "../bindings/SearchResults";
import type { Side } from "../bindings/Side";
import type { Term } from "../bindings/Term";
import type { TermGap } from "../bindings/TermGap";
import type { TermMatch } from "../bindings/TermMatch";
import type { TermUpdate } from "../bindings/TermUpdate";
import type { Visibility } from "../bindings/Visibility";
import {
  DEFAULT_SEARCH_LIMIT,
  MAX_DOMAIN,
  MAX_QUERY_CHARS,
  MAX_SEARCH_LIMIT,
  MAX_TERM,
  MAX_TERM_NOTE,
  NOT_ON_ONE_LINE,
} from "../bindings/rules";
import { BackendError } from "./backend";

function fail(
  code: "input.invalid" | "input.required" | "input.not_found" | "input.too_long" | "input.invisible_character",
  args: Record<string, string>,
): never {
  throw new BackendError({ code, args, message: code });
}

// ---- search

/** A note as the fake's search sees it (a subset of the core's Note). Tests seed these. */
export type SearchableNote = {
  id: string;
  case_id: string;
  session_id: string | null;
  visibility: Visibility;
  /** For a caucus note: the party that confided it. */
  party_id: string | null;
  tags: NoteTag[];
  text_en: string;
  text_zh: string;
  created_at: string;
  updated_at: string;
};

/** The query's words: split on spaces and quotes; a word needs a letter or a digit. */
function queryTerms(text: string): string[] {
  return text
    .split(/[\s"]+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").toLowerCase())
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/** `text` cut into fragments, `hit` where any of `terms` occurs (case-insensitive). */
export function fragmentsOf(text: string, terms: readonly string[]): Fragment[] {
  if (!text) return [];
  const lower = text.toLowerCase();
  const marks: boolean[] = new Array<boolean>(text.length).fill(false);
  for (const term of terms) {
    if (!term) continue;
    let at = lower.indexOf(term);
    while (at >= 0) {
      for (let i = at; i < at + term.length; i++) marks[i] = true;
      at = lower.indexOf(term, at + term.length);
    }
  }
  const out: Fragment[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marks[i] !== marks[start]) {
      out.push({ text: text.slice(start, i), hit: marks[start] ?? false });
      start = i;
    }
  }
  return out;
}

function occurrences(haystack: string, term: string): number {
  let n = 0;
  let at = haystack.indexOf(term);
  while (at >= 0) {
    n++;
    at = haystack.indexOf(term, at + term.length);
  }
  return n;
}

export function searchNotes(
  notes: readonly SearchableNote[],
  caseRef: (caseId: string) => string,
  query: SearchQuery,
): SearchResults {
  const text = query.text ?? "";
  if ([...text].length > MAX_QUERY_CHARS) fail("input.too_long", { field: "query", max: String(MAX_QUERY_CHARS) });
  const terms = queryTerms(text);
  if (terms.length === 0) {
    fail("input.invalid", { field: "query", value: "nothing to search for: type a word or a Chinese character" });
  }
  // Mirrors the core's rule in src/search/mod.rs: "as seen by" a party only within a case.
  if (query.as_party !== undefined && query.case_id === undefined) fail("input.required", { field: "case" });
  const scored = notes
    .filter((n) => query.case_id === undefined || n.case_id === query.case_id)
    .filter((n) => query.party_id === undefined || n.party_id === query.party_id)
    .filter((n) => query.visibility === undefined || n.visibility === query.visibility)
    .filter((n) => query.tag === undefined || n.tags.includes(query.tag))
    .filter((n) => query.from === undefined || n.created_at.slice(0, 10) >= query.from)
    .filter((n) => query.to === undefined || n.created_at.slice(0, 10) <= query.to)
    // As seen by a party: shared notes and that party's own caucus notes, never private ones.
    .filter(
      (n) =>
        query.as_party === undefined ||
        n.visibility === "shared" ||
        (n.visibility === "caucus" && n.party_id === query.as_party),
    )
    .map((n) => {
      const both = `${n.text_en.toLowerCase()}\n${n.text_zh.toLowerCase()}`;
      const all = terms.every((term) => both.includes(term));
      const score = terms.reduce((sum, term) => sum + occurrences(both, term), 0);
      return { n, all, score };
    })
    .filter((x) => x.all)
    .sort((a, b) => b.score - a.score || b.n.updated_at.localeCompare(a.n.updated_at));
  const offset = query.offset ?? 0;
  const limit = Math.min(query.limit ?? DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT);
  const hits: SearchHit[] = scored.slice(offset, offset + limit).map(({ n, score }) => ({
    note_id: n.id,
    case_id: n.case_id,
    case_ref: caseRef(n.case_id),
    session_id: n.session_id,
    visibility: n.visibility,
    party_id: n.party_id,
    tags: [...n.tags],
    created_at: n.created_at,
    updated_at: n.updated_at,
    en: fragmentsOf(n.text_en, terms),
    zh: fragmentsOf(n.text_zh, terms),
    score,
  }));
  return { hits, total: scored.length };
}

// ---- termbase

const SEED_STAMP = "2026-01-01T00:00:00Z";

/** A few entries of the real seed list (fixed ids, so they never shift the fake's own ids). */
export function seedTerms(): Term[] {
  const rows: [string, string, string][] = [
    ["mediation", "调解", "調解"],
    ["settlement agreement", "和解协议", "和解協議"],
    ["confidentiality", "保密", "保密"],
    ["caucus", "单独会谈", "單獨會談"],
  ];
  return rows.map(([en, hans, hant], i) => ({
    id: `0190f000-0000-7000-9000-${String(i + 1).padStart(12, "0")}`,
    en,
    zh_hans: hans,
    zh_hant: hant,
    domain: null,
    note: null,
    origin: "seed",
    updated_at: SEED_STAMP,
  }));
}

function clean(field: string, value: string | undefined | null, max = MAX_TERM): string | null {
  const text = (value ?? "").trim();
  if (!text) return null;
  if ([...text].length > max) fail("input.too_long", { field, max: String(max) });
  checkOneLine(field, text);
  return text;
}

/** The core's `text::check_one_line`: a single-line field refuses line breaks, tabs and the
 * invisible characters that reorder or hide text (the list is the core's, from rules.ts). */
export function checkOneLine(field: string, text: string): void {
  for (const c of text) {
    const point = c.codePointAt(0) ?? 0;
    if (NOT_ON_ONE_LINE.includes(point)) {
      fail("input.invisible_character", { field, codepoint: `U+${point.toString(16).toUpperCase().padStart(4, "0")}` });
    }
  }
}

type Fields = Pick<Term, "en" | "zh_hans" | "zh_hant" | "domain" | "note">;

function checkFields(input: NewTerm): Fields {
  const en = clean("en", input.en) ?? fail("input.required", { field: "en" });
  const fields: Fields = {
    en,
    zh_hans: clean("zh_hans", input.zh_hans),
    zh_hant: clean("zh_hant", input.zh_hant),
    domain: clean("domain", input.domain, MAX_DOMAIN),
    note: clean("note", input.note, MAX_TERM_NOTE),
  };
  if (fields.zh_hans === null && fields.zh_hant === null) fail("input.required", { field: "zh" });
  return fields;
}

/** The fake's termbase: a map of entries plus the rules of add, update, import and matching. */
export class FakeTermbase {
  readonly terms = new Map<string, Term>();
  /** The CSV text of the last export (the fake writes no file). */
  lastExport: string | null = null;

  constructor(
    private readonly newId: () => string,
    private readonly stamp: () => string,
    seed: readonly Term[] = seedTerms(),
  ) {
    for (const term of seed) this.terms.set(term.id, { ...term });
  }

  private load(termId: string): Term {
    return this.terms.get(termId) ?? fail("input.not_found", { entity: "term", id: termId });
  }

  private byEnglish(en: string): Term | undefined {
    const lower = en.toLowerCase();
    return [...this.terms.values()].find((t) => t.en.toLowerCase() === lower);
  }

  private ensureFree(en: string, except: string | null): void {
    const other = this.byEnglish(en);
    if (other && other.id !== except) fail("input.invalid", { field: "en", value: `“${other.en}” is already in the termbase` });
  }

  list(text: string | null): Term[] {
    const needle = (text ?? "").trim().toLowerCase();
    return [...this.terms.values()]
      .filter(
        (t) =>
          !needle || [t.en, t.zh_hans, t.zh_hant].some((form) => (form ?? "").toLowerCase().includes(needle)),
      )
      .sort((a, b) => a.en.toLowerCase().localeCompare(b.en.toLowerCase()))
      .map((t) => ({ ...t }));
  }

  add(input: NewTerm): Term {
    const fields = checkFields(input);
    this.ensureFree(fields.en, null);
    const term: Term = { id: this.newId(), ...fields, origin: "mediator", updated_at: this.stamp() };
    this.terms.set(term.id, term);
    return { ...term };
  }

  update(termId: string, change: TermUpdate): Term {
    const before = this.load(termId);
    const merged: NewTerm = {
      en: change.en ?? before.en,
      zh_hans: change.zh_hans ?? before.zh_hans ?? undefined,
      zh_hant: change.zh_hant ?? before.zh_hant ?? undefined,
      domain: change.domain ?? before.domain ?? undefined,
      note: change.note ?? before.note ?? undefined,
    };
    const fields = checkFields(merged);
    this.ensureFree(fields.en, termId);
    const after: Term = { ...before, ...fields, updated_at: this.stamp() };
    this.terms.set(termId, after);
    return { ...after };
  }

  remove(termId: string): void {
    this.load(termId);
    this.terms.delete(termId);
  }

  /** Every occurrence of every term in `text` (`side`'s forms), leftmost-longest. */
  private hits(text: string, side: Side): { start: number; end: number; term: Term }[] {
    const found: { start: number; end: number; term: Term }[] = [];
    const lower = text.toLowerCase();
    for (const term of this.terms.values()) {
      const forms = side === "en" ? [term.en.toLowerCase()] : [term.zh_hans, term.zh_hant].filter((f): f is string => !!f);
      for (const form of new Set(forms)) {
        let at = lower.indexOf(form);
        while (at >= 0) {
          let end = at + form.length;
          if (side === "en" && lower[end] === "s") end++;
          const wordBefore = side === "en" && at > 0 && /[\p{L}\p{N}]/u.test(lower[at - 1] ?? "");
          const wordAfter = side === "en" && /[\p{L}\p{N}]/u.test(lower[end] ?? "");
          if (!wordBefore && !wordAfter) found.push({ start: at, end, term });
          at = lower.indexOf(form, at + 1);
        }
      }
    }
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const chosen: typeof found = [];
    let reach = 0;
    for (const h of found) {
      const last = chosen[chosen.length - 1];
      // Two terms sharing one Chinese form are both given for the same span.
      if (last && last.start === h.start && last.end === h.end && last.term.id !== h.term.id) chosen.push(h);
      else if (h.start >= reach) {
        chosen.push(h);
        reach = h.end;
      }
    }
    return chosen;
  }

  matches(text: string, side: Side, script: ChineseScript): TermMatch[] {
    return this.hits(text, side).map(({ start, end, term }) => ({
      term: { ...term },
      side,
      start,
      end,
      counterpart:
        side === "zh"
          ? term.en
          : ((script === "hans" ? (term.zh_hans ?? term.zh_hant) : (term.zh_hant ?? term.zh_hans)) ?? ""),
    }));
  }

  check(textEn: string, textZh: string): TermGap[] {
    if (!textEn.trim() || !textZh.trim()) return [];
    const inEn = this.hits(textEn, "en");
    const inZh = this.hits(textZh, "zh");
    const enIds = new Set(inEn.map((h) => h.term.id));
    const zhIds = new Set(inZh.map((h) => h.term.id));
    const gaps: TermGap[] = [];
    const listed = new Set<string>();
    for (const h of inEn) {
      if (!zhIds.has(h.term.id) && !listed.has(`en:${h.term.id}`)) {
        listed.add(`en:${h.term.id}`);
        gaps.push({ term: { ...h.term }, found_in: "en", missing_from: "zh" });
      }
    }
    for (const h of inZh) {
      if (!enIds.has(h.term.id) && !listed.has(`zh:${h.term.id}`)) {
        listed.add(`zh:${h.term.id}`);
        gaps.push({ term: { ...h.term }, found_in: "zh", missing_from: "en" });
      }
    }
    return gaps;
  }

  importCsv(csv: string): ImportReport {
    const rows = parseCsv(csv);
    const header = rows.shift();
    const columns = ["en", "zh_hans", "zh_hant", "domain", "note"];
    if (!header || header.fields.map((f) => f.trim()).join(",") !== columns.join(",")) {
      fail("input.invalid", { field: "csv", value: `line 1: the header must be ${columns.join(",")}` });
    }
    // Check every row first: a bad one refuses the whole file.
    const checked = rows
      .filter((r) => r.fields.some((f) => f.trim()))
      .map((r) => {
        if (r.fields.length !== columns.length) {
          fail("input.invalid", { field: "csv", value: `line ${r.line}: expected ${columns.length} fields, found ${r.fields.length}` });
        }
        const [en, zh_hans, zh_hant, domain, note] = r.fields;
        try {
          return checkFields({ en: en ?? "", zh_hans, zh_hant, domain, note });
        } catch (e) {
          const field = e instanceof BackendError ? (e.report.args.field ?? "") : "";
          return fail("input.invalid", { field: "csv", value: `line ${r.line}: the ${field} is missing or not valid` });
        }
      });
    const report: ImportReport = { added: 0, updated: 0, unchanged: 0 };
    for (const fields of checked) {
      const known = this.byEnglish(fields.en);
      if (!known) {
        const term: Term = { id: this.newId(), ...fields, origin: "import", updated_at: this.stamp() };
        this.terms.set(term.id, term);
        report.added++;
      } else if (
        known.zh_hans === fields.zh_hans &&
        known.zh_hant === fields.zh_hant &&
        known.domain === fields.domain &&
        known.note === fields.note
      ) {
        report.unchanged++;
      } else {
        this.terms.set(known.id, { ...known, ...fields, en: known.en, updated_at: this.stamp() });
        report.updated++;
      }
    }
    return report;
  }

  exportCsv(): string {
    const quote = (v: string | null) => {
      const text = v ?? "";
      return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    const lines = ["en,zh_hans,zh_hant,domain,note"];
    for (const t of this.terms.values()) {
      lines.push([t.en, t.zh_hans, t.zh_hant, t.domain, t.note].map(quote).join(","));
    }
    this.lastExport = `${lines.join("\n")}\n`;
    return "/fake/Downloads/accord-termbase.csv";
  }
}

/** RFC 4180 records with the line each starts on. */
function parseCsv(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const body = text.replace(/^\ufeff/, "");
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && body[i + 1] === "\n") i++;
      fields.push(field);
      out.push({ line: start, fields });
      fields = [];
      field = "";
      line++;
      start = line;
    } else field += c;
  }
  if (field || fields.length) {
    fields.push(field);
    out.push({ line: start, fields });
  }
  if (quoted) fail("input.invalid", { field: "csv", value: `line ${start}: a quote is not closed` });
  return out;
}

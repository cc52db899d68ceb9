// Note vocabularies and small rules the note screens share: the core's, from
// bindings/rules.ts (generated from the Rust).

import type { ChineseScript } from "./bindings/ChineseScript";
import type { ConfidentialityRegime } from "./bindings/ConfidentialityRegime";
import type { Note } from "./bindings/Note";
import { CONFIDENTIALITY_REGIMES, DEFAULT_REGIME, NOTE_DEFAULT_WITHOUT_SESSION, NOTE_DEFAULTS } from "./bindings/rules";
import type { Session } from "./bindings/Session";
import type { Visibility } from "./bindings/Visibility";
import type { Lang } from "./i18n/i18n.svelte";

export { CHINESE_SCRIPTS as SCRIPTS, DISCLOSURE_SCOPES as SCOPES, NOTE_TAGS, VISIBILITIES } from "./bindings/rules";

/** The regimes a case may follow, the one new cases get first. */
export const REGIMES: readonly ConfidentialityRegime[] = [
  DEFAULT_REGIME,
  ...CONFIDENTIALITY_REGIMES.filter((regime) => regime !== DEFAULT_REGIME),
];

/** A revision number, or 0 for none. */
export function revisionNumber(value: number | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** The Chinese side's script when the note has none yet: from the interface language. */
export function defaultScript(lang: Lang): ChineseScript {
  return lang === "zh-Hant" ? "hant" : "hans";
}

/** The visibility and party a new note gets from the session it is taken in (the core's rule). */
export function defaultVisibility(session: Session | null | undefined): { visibility: Visibility; party: string | null } {
  if (!session) return { visibility: NOTE_DEFAULT_WITHOUT_SESSION, party: null };
  const rule = NOTE_DEFAULTS[session.kind];
  return { visibility: rule.visibility, party: rule.session_party ? session.caucus_party_id : null };
}

/** Both sides on one line, cut to `chars` (the core's `Note::preview`). */
export function notePreview(note: Pick<Note, "text_en" | "text_zh">, chars = 120): string {
  const en = note.text_en.trim();
  const zh = note.text_zh.trim();
  const text = !en ? zh : !zh ? en : `${en} / ${zh}`;
  const flat = text.split(/\s+/).filter(Boolean).join(" ");
  const all = [...flat];
  return all.length > chars ? `${all.slice(0, chars - 1).join("")}…` : flat;
}

/** Whether a note's text needs the guard's confirmation before it is shown. */
export function isConfidential(visibility: Visibility): boolean {
  return visibility !== "shared";
}

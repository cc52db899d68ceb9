// Note vocabularies and small rules the note screens share (the core's, mirrored).

import type { ChineseScript } from "./bindings/ChineseScript";
import type { ConfidentialityRegime } from "./bindings/ConfidentialityRegime";
import type { DisclosureScope } from "./bindings/DisclosureScope";
import type { Note } from "./bindings/Note";
import type { NoteTag } from "./bindings/NoteTag";
import type { Session } from "./bindings/Session";
import type { Visibility } from "./bindings/Visibility";
import type { Lang } from "./i18n/i18n.svelte";

export const NOTE_TAGS: readonly NoteTag[] = ["fact", "issue", "interest", "option", "proposal"];
export const VISIBILITIES: readonly Visibility[] = ["shared", "caucus", "private"];
export const SCRIPTS: readonly ChineseScript[] = ["hans", "hant"];
export const REGIMES: readonly ConfidentialityRegime[] = ["hong-kong", "icsid", "uncitral"];
export const SCOPES: readonly DisclosureScope[] = ["all", "summary", "none"];

/** A revision number, or 0 for none. */
export function revisionNumber(value: number | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** The Chinese side's script when the note has none yet: from the interface language. */
export function defaultScript(lang: Lang): ChineseScript {
  return lang === "zh-Hant" ? "hant" : "hans";
}

/** The core's default: caucus ⇒ caucus for its party; joint, preparatory ⇒ shared; else private. */
export function defaultVisibility(session: Session | null | undefined): { visibility: Visibility; party: string | null } {
  if (session?.kind === "caucus") return { visibility: "caucus", party: session.caucus_party_id };
  if (session?.kind === "joint" || session?.kind === "preparatory") return { visibility: "shared", party: null };
  return { visibility: "private", party: null };
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

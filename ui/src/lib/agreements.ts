// What the agreement screens share: references shown as the mediator types them, the
// checks and redline numbers in the reader's language, the positions a party may take.

import type { CheckProblem } from "./bindings/CheckProblem";
import type { ClauseChange } from "./bindings/ClauseChange";
import type { NumberedClause } from "./bindings/NumberedClause";
import type { PositionStatus } from "./bindings/PositionStatus";
import { CLAUSE_KINDS, LANGUAGE_REGIMES, POSITION_STATUSES } from "./bindings/rules";
import { hasKey, t, type MessageKey } from "./i18n/i18n.svelte";

export { CLAUSE_KINDS, LANGUAGE_REGIMES, POSITION_STATUSES };
export type { PositionStatus };

/** The library keys a new agreement may start from: the three clauses the final checks count. */
export const STANDARD_TEMPLATES: readonly string[] = ["language-equal", "signatures", "mediator-statement"];

/** Clause numbers by id, from the outline. */
export function numbersOf(outline: readonly NumberedClause[]): Map<string, string> {
  return new Map(outline.map((c) => [c.id, c.number]));
}

/**
 * Stored text (`{{clause:<id>}}`) as the mediator types it (`{{4.2}}`, the number now); the
 * core stores it back by id, so editing never sees an id.
 */
export function editableText(text: string, numbers: ReadonlyMap<string, string>): string {
  return text.replace(/\{\{\s*clause:([^}\s]+)\s*\}\}/g, (whole, id: string) => {
    const number = numbers.get(id);
    return number === undefined ? whole : `{{${number}}}`;
  });
}

/** A failed check in the reader's language (args naming a side are translated too). */
export function checkText(p: CheckProblem): string {
  const args: Record<string, string> = {};
  for (const [name, value] of p.args) {
    const side = `agreements.side_${value}`;
    args[name] = (name === "side" || name === "found_in") && hasKey(side) ? t(side) : value;
  }
  // A check about the title or a clause ("where") has a message for each.
  const where = p.args.find(([name]) => name === "where")?.[1];
  const key = `agreements.check_${p.check.replaceAll("-", "_")}${where ? `_${where}` : ""}`;
  return t(key as MessageKey, args);
}

/** A redline clause's number: its number now, "moved from 5 → 3", or where a removed one stood. */
export function changeNumber(c: ClauseChange): string {
  if (c.change === "moved" && c.number_from !== null && c.number_to !== null) {
    return t("agreements.moved_from", { from: c.number_from, to: c.number_to });
  }
  return c.number_to ?? c.number_from ?? "";
}

// The core's vocabularies and case rules, from bindings/rules.ts (generated from the Rust),
// in the order forms offer them. Their labels are catalog keys (`kind.<value>`,
// `status.<value>`, …) so TypeScript checks every one exists.

import type { CaseKind } from "./bindings/CaseKind";
import type { CaseStatus } from "./bindings/CaseStatus";
import type { Panel } from "./bindings/Panel";
import { CLOSED_STATUSES, DEFAULT_PANELS } from "./bindings/rules";

export {
  CASE_KINDS,
  CASE_STATUSES,
  PANELS,
  PARTY_KINDS,
  PARTY_ROLES,
  SESSION_KINDS,
  TRANSITIONS,
} from "./bindings/rules";

/** State-to-state disputes go to the State-to-State Mediation Panel, others to the General one. */
export function defaultPanel(kind: CaseKind): Panel {
  return DEFAULT_PANELS[kind];
}

export function isClosed(status: CaseStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** Venue zones offered first; any other IANA name can be typed. */
export const COMMON_ZONES = [
  "Asia/Hong_Kong",
  "Asia/Shanghai",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Africa/Nairobi",
  "Europe/London",
  "Europe/Paris",
  "Europe/Geneva",
  "America/New_York",
  "UTC",
] as const;
export type CommonZone = (typeof COMMON_ZONES)[number];

export const ZONE_KEYS = {
  "Asia/Hong_Kong": "tz.hong_kong",
  "Asia/Shanghai": "tz.shanghai",
  "Asia/Singapore": "tz.singapore",
  "Asia/Tokyo": "tz.tokyo",
  "Africa/Nairobi": "tz.nairobi",
  "Europe/London": "tz.london",
  "Europe/Paris": "tz.paris",
  "Europe/Geneva": "tz.geneva",
  "America/New_York": "tz.new_york",
  UTC: "tz.utc",
} as const satisfies Record<CommonZone, string>;

export function isCommonZone(zone: string): zone is CommonZone {
  return (COMMON_ZONES as readonly string[]).includes(zone);
}

/** Splits a textarea's lines into trimmed, non-empty names. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Case-list filter as the form holds it ("" = any). */
export type ListFilter = { text: string; status: CaseStatus | ""; kind: CaseKind | "" };
export const EMPTY_FILTER: ListFilter = { text: "", status: "", kind: "" };

// The core's vocabularies, in the order forms offer them. Their labels are catalog keys
// (`kind.<value>`, `status.<value>`, …) so TypeScript checks every one exists.

import type { CaseKind } from "./bindings/CaseKind";
import type { CaseStatus } from "./bindings/CaseStatus";
import type { Panel } from "./bindings/Panel";
import type { PartyKind } from "./bindings/PartyKind";
import type { PartyRole } from "./bindings/PartyRole";
import type { SessionKind } from "./bindings/SessionKind";

export const CASE_KINDS: readonly CaseKind[] = ["state-to-state", "investor-state", "commercial"];
export const PANELS: readonly Panel[] = ["state-to-state", "general"];
export const CASE_STATUSES: readonly CaseStatus[] = ["intake", "active", "settled", "terminated", "withdrawn"];
export const PARTY_KINDS: readonly PartyKind[] = ["state", "state-entity", "investor", "company", "person"];
export const PARTY_ROLES: readonly PartyRole[] = ["requesting", "responding", "other"];
export const SESSION_KINDS: readonly SessionKind[] = ["joint", "caucus", "preparatory", "internal"];

/** State-to-state disputes go to the State-to-State Mediation Panel, others to the General one. */
export function defaultPanel(kind: CaseKind): Panel {
  return kind === "state-to-state" ? "state-to-state" : "general";
}

/** Where a case may go from where it is (the core's rule). */
export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  intake: ["active", "terminated", "withdrawn"],
  active: ["settled", "terminated", "withdrawn"],
  settled: [],
  terminated: [],
  withdrawn: [],
};

export function isClosed(status: CaseStatus): boolean {
  return status === "settled" || status === "terminated" || status === "withdrawn";
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

import type { Session } from "./bindings/Session";

export type SessionState = "scheduled" | "live" | "ended";

export function sessionState(s: Pick<Session, "actual_start" | "actual_end">): SessionState {
  if (s.actual_end !== null) return "ended";
  if (s.actual_start !== null) return "live";
  return "scheduled";
}

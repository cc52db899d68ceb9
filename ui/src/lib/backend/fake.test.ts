// The fake follows the core's rules where the UI depends on them.

import { describe, expect, it } from "vitest";

import { BackendError } from "./backend";
import { demoBackend, FakeBackend } from "./fake";

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof BackendError) return e.code;
    throw e;
  }
  return "ok";
}

describe("FakeBackend", () => {
  it("guards the vault like the core", async () => {
    const b = new FakeBackend({ passphrase: "correct horse battery" });
    expect(await code(b.listCases({}))).toBe("vault.locked");
    expect(await code(b.unlock("wrong"))).toBe("vault.wrong_passphrase");
    expect(await code(b.unlock("correct horse battery"))).toBe("ok");
    expect(await code(b.createVault("x".repeat(12), "M", false))).toBe("vault.exists");
    const fresh = new FakeBackend({ exists: false });
    expect(await code(fresh.createVault("short", "M", false))).toBe("vault.passphrase_too_short");
    expect(await code(fresh.unlockWithKeyring())).toBe("ok");
    expect(await fresh.unlockWithKeyring()).toBe(false);
  });

  it("applies the case rules: kind and a title required, panel from kind, transitions", async () => {
    const b = new FakeBackend({ unlocked: true, now: () => new Date("2026-03-01T00:00:00Z") });
    expect(await code(b.createCase({ title_en: "T", co_mediators: [] }))).toBe("input.required");
    expect(await code(b.createCase({ kind: "commercial", title_en: "  ", co_mediators: [] }))).toBe("input.required");
    const c = await b.createCase({ kind: "state-to-state", title_zh: "界河", co_mediators: [] });
    expect(c).toMatchObject({ local_ref: "ACC-2026-0001", panel: "state-to-state", status: "intake" });
    expect(await code(b.closeCase(c.id, "settled"))).toBe("case.invalid_transition");
    expect(await code(b.closeCase(c.id, "active"))).toBe("input.invalid");
    await b.updateCase(c.id, { status: "active", add_co_mediators: [], remove_co_mediators: [] });
    await b.closeCase(c.id, "settled");
    expect(await code(b.addParty(c.id, { kind: "state", role: "other", name_en: "X", representatives: [] }))).toBe("case.closed");
    expect(await code(b.updateCase(c.id, { official_no: "N-1", add_co_mediators: [], remove_co_mediators: [] }))).toBe("ok");
  });

  it("applies the session rules", async () => {
    const { backend: b, caseId, partyIds, jointId } = await demoBackend();
    const draft = { time_zone: "Asia/Hong_Kong", start: "2026-12-03T10:00", attendees: [] };
    expect(await code(b.createSession(caseId, { ...draft, kind: "caucus" }))).toBe("session.caucus_needs_party");
    expect(await code(b.createSession(caseId, { ...draft, kind: "joint", caucus_party: partyIds[0] }))).toBe(
      "session.party_only_for_caucus",
    );
    expect(await code(b.createSession(caseId, { ...draft, kind: "joint", time_zone: "Nowhere/Land" }))).toBe("time.invalid_zone");
    expect(await code(b.createSession(caseId, { ...draft, kind: "joint", start: "tomorrow" }))).toBe("time.invalid");
    expect(await code(b.createSession(caseId, { ...draft, kind: "joint", end: "09:00" }))).toBe("time.end_before_start");
    const s = await b.createSession(caseId, { ...draft, kind: "joint" });
    expect(s.scheduled_start).toBe("2026-12-03T02:00:00Z");
    expect(s.scheduled_end).toBe("2026-12-03T03:00:00Z");
    expect(s.attendees.map((a) => a.name)).toEqual(["Chan Tai Man", "Wong Siu Ling", "Alice Lee", "Bob Ho", "Minister Carla Ruiz"]);
    expect(await code(b.endSession(jointId))).toBe("session.not_started");
    await b.startSession(jointId);
    expect(await code(b.startSession(jointId))).toBe("session.already_started");
    await b.endSession(jointId);
    expect(await code(b.endSession(jointId))).toBe("session.already_ended");
  });

  it("keeps the core's agenda and guard rules: under way whatever the schedule says", async () => {
    let clock = new Date("2026-12-02T06:00:00Z"); // 14:00 in Hong Kong
    const { backend: b, caseId, jointId } = await demoBackend({ now: () => clock });
    const overrun = await b.createSession(caseId, { kind: "joint", time_zone: "Asia/Hong_Kong", start: "2026-12-01T09:00", attendees: [] });
    const early = await b.createSession(caseId, { kind: "joint", time_zone: "Asia/Hong_Kong", start: "2026-12-02T16:00", attendees: [] });
    const onAgenda = async () => (await b.agenda()).map((i) => i.session.id);
    expect(await onAgenda()).not.toContain(overrun.id);
    expect(await b.guardState()).toEqual({ joint_session_live: false, live_sessions: [] });
    // Started a day late, never ended: on the agenda, and the guard is on.
    await b.startSession(overrun.id);
    expect(await onAgenda()).toContain(overrun.id);
    expect(await b.guardState()).toEqual({ joint_session_live: true, live_sessions: [overrun.id] });
    await b.endSession(overrun.id);
    expect(await onAgenda()).not.toContain(overrun.id);
    expect(await b.guardState()).toEqual({ joint_session_live: false, live_sessions: [] });
    // Ended early, its scheduled end still ahead: still on the agenda (as the core's), not live.
    clock = new Date("2026-12-02T08:00:00Z");
    await b.startSession(early.id);
    clock = new Date("2026-12-02T08:10:00Z");
    await b.endSession(early.id);
    expect(await onAgenda()).toEqual([early.id, jointId, expect.any(String)]);
    expect((await b.guardState()).joint_session_live).toBe(false);
  });

  it("validates preferences like the shell", async () => {
    const b = new FakeBackend();
    expect(await code(b.setPreferences({ lang: "fr", autoLockMinutes: 10, sessionAutoLockMinutes: 30 }))).toBe("input.invalid");
    expect(await code(b.setPreferences({ lang: "en", autoLockMinutes: 0, sessionAutoLockMinutes: 30 }))).toBe("input.invalid");
    await b.setPreferences({ lang: "zh-Hans", autoLockMinutes: 30, sessionAutoLockMinutes: 30 });
    expect(await b.getPreferences()).toEqual({ lang: "zh-Hans", autoLockMinutes: 30, sessionAutoLockMinutes: 30 });
  });
});

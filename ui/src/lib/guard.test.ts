// The guard's state comes from the core's `guard_state`, never from the agenda, and a refresh
// asked while an answer is on its way is answered afresh (so a session started or ended just
// now is never hidden behind an answer asked for before).

import { describe, expect, it, vi } from "vitest";

import { demoBackend } from "./backend/fake";
import { guardKnown, jointLive, refreshJointLive } from "./guard.svelte";

describe("caucus guard state", () => {
  it("asks guardState, not the agenda", async () => {
    const { backend, jointId } = await demoBackend();
    await backend.startSession(jointId);
    const agenda = vi.spyOn(backend, "agenda").mockResolvedValue([]);
    await refreshJointLive(backend);
    expect(guardKnown()).toBe(true);
    expect(jointLive()).toBe(true);
    expect(agenda).not.toHaveBeenCalled();
  });

  it("asks again when refreshed while an earlier answer is on its way", async () => {
    const { backend, jointId } = await demoBackend();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const real = backend.guardState.bind(backend);
    const asked = vi.spyOn(backend, "guardState").mockImplementationOnce(async () => {
      const answer = await real(); // asked before the session starts: not live
      await gate;
      return answer;
    });
    const first = refreshJointLive(backend);
    await backend.startSession(jointId);
    const second = refreshJointLive(backend);
    release();
    await Promise.all([first, second]);
    expect(asked).toHaveBeenCalledTimes(2);
    expect(jointLive()).toBe(true);
  });
});

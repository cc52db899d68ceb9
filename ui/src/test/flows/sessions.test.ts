// Scheduling sessions, the caucus rule, and the live view's clock.

import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";

import { demoBackend } from "../../lib/backend/fake";
import { renderApp } from "../helpers";

async function input(testid: string, value: string) {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}
async function select(testid: string, value: string) {
  await fireEvent.change(screen.getByTestId(testid), { target: { value } });
}

async function openCase() {
  // Auto-lock at its longest: the live-view clock runs past an hour without input.
  const preferences = { lang: "en", autoLockMinutes: 240, sessionAutoLockMinutes: 30 };
  const demo = await demoBackend({ keyring: "enabled", unlocked: false, preferences });
  renderApp(demo.backend);
  await fireEvent.click(await screen.findByTestId("case-open"));
  await screen.findByTestId("case-title");
  return demo;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("session form", () => {
  it("shows the party select only for a caucus, and requires it", async () => {
    const { backend } = await openCase();
    const create = vi.spyOn(backend, "createSession");
    await fireEvent.click(screen.getByTestId("session-add"));
    expect(screen.getByTestId("session-kind")).toHaveFocus();
    expect(screen.queryByTestId("session-party")).toBeNull();
    await select("session-kind", "caucus");
    expect(screen.getByTestId("session-party")).toBeInTheDocument();
    await input("session-start", "2026-12-03T10:00");
    await fireEvent.click(screen.getByTestId("session-save"));
    expect(await screen.findByText("A caucus is held with one party: choose the party.")).toBeInTheDocument();
    expect(screen.getByTestId("session-party")).toHaveFocus();
    expect(create).not.toHaveBeenCalled();

    await select("session-kind", "joint");
    expect(screen.queryByTestId("session-party")).toBeNull();
  });

  it("schedules a caucus at the venue's time in its zone", async () => {
    const { backend, caseId, partyIds } = await openCase();
    const create = vi.spyOn(backend, "createSession");
    await fireEvent.click(screen.getByTestId("session-add"));
    await select("session-kind", "caucus");
    await select("session-party", partyIds[1]);
    await select("session-tz", "Africa/Nairobi");
    await input("session-start", "2026-12-03T10:00");
    await input("session-end", "11:30");
    await input("session-venue", "UN Gigiri, Room 4");
    await fireEvent.click(screen.getByTestId("session-save"));
    await waitFor(() => expect(screen.getAllByTestId("session-row")).toHaveLength(3));
    expect(create).toHaveBeenCalledWith(caseId, {
      kind: "caucus",
      caucus_party: partyIds[1],
      time_zone: "Africa/Nairobi",
      start: "2026-12-03T10:00",
      end: "11:30",
      venue: "UN Gigiri, Room 4",
      attendees: [],
    });
    const created = [...backend.sessions.values()].find((s) => s.time_zone === "Africa/Nairobi");
    expect(created?.scheduled_start).toBe("2026-12-03T07:00:00Z");
    expect(created?.scheduled_end).toBe("2026-12-03T08:30:00Z");
    const row = screen.getAllByTestId("session-row").find((r) => r.textContent?.includes("UN Gigiri"));
    expect(row).toHaveAttribute("data-kind", "caucus");
    expect(row).toHaveTextContent("Caucus — confidential to Republic of Azuria");
  });

  it("takes any IANA zone as free text, and shows the core's refusal translated", async () => {
    await openCase();
    await fireEvent.click(screen.getByTestId("session-add"));
    await select("session-tz", "other");
    await input("session-tz-other", "Mars/Olympus_Mons");
    await input("session-start", "2026-12-03T10:00");
    await fireEvent.click(screen.getByTestId("session-save"));
    expect(await screen.findByTestId("session-form-error")).toHaveTextContent(
      "“Mars/Olympus_Mons” is not a known time zone. Use an IANA name such as Asia/Hong_Kong.",
    );
    await fireEvent.change(screen.getByTestId("language-select"), { target: { value: "zh-Hans" } });
    expect(screen.getByTestId("session-form-error")).toHaveTextContent("“Mars/Olympus_Mons”不是已知的时区。");
  });
});

describe("live view", () => {
  // An hour of fake timers runs every tick: seconds of real work on a busy machine.
  it("starts, ticks the elapsed time, lists who is in the room, and ends", { timeout: 30_000 }, async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: new Date("2026-12-03T02:00:00Z") });
    const { backend } = await openCase();
    const joint = screen.getAllByTestId("session-row").find((r) => r.dataset.kind === "joint");
    const live = joint?.querySelector<HTMLButtonElement>("[data-testid=session-live]");
    if (!live) throw new Error("no live button");
    await fireEvent.click(live);

    expect(await screen.findByTestId("live-elapsed")).toHaveTextContent("Not started");
    expect(screen.getByTestId("live-notes")).toHaveTextContent("Quick notes");
    const room = screen.getAllByTestId("live-attendees").map((ul) => ul.textContent ?? "");
    expect(room.join(" ")).toContain("Chan Tai Man");
    expect(room.join(" ")).toContain("Alice Lee");
    expect(room.join(" ")).toContain("Minister Carla Ruiz");

    const start = vi.spyOn(backend, "startSession");
    await fireEvent.click(screen.getByTestId("live-start"));
    await waitFor(() => expect(screen.getByTestId("live-elapsed")).toHaveAttribute("data-state", "live"));
    expect(start).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(65_000);
    expect(screen.getByTestId("live-elapsed")).toHaveTextContent(/^01:0[4-6]$/);
    await vi.advanceTimersByTimeAsync(3_600_000);
    // Real time also passes while an hour of timers runs (shouldAdvanceTime), by seconds on a
    // busy machine: the hours and minutes are what this checks.
    expect(screen.getByTestId("live-elapsed")).toHaveTextContent(/^1:01:[01]\d$/);

    await fireEvent.click(screen.getByTestId("live-stop"));
    await waitFor(() => expect(screen.getByTestId("live-elapsed")).toHaveAttribute("data-state", "ended"));
    const frozen = screen.getByTestId("live-elapsed").textContent;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(screen.getByTestId("live-elapsed").textContent).toBe(frozen);
    expect(screen.queryByTestId("live-stop")).toBeNull();
  });

  it("a caucus live view carries the confidentiality label", async () => {
    await openCase();
    const caucus = screen.getAllByTestId("session-row").find((r) => r.dataset.kind === "caucus");
    await fireEvent.click(caucus?.querySelector("[data-testid=session-live]") as HTMLElement);
    expect(await screen.findByTestId("confidentiality-badge")).toHaveTextContent(
      "Caucus — confidential to Lantau Infrastructure Ltd",
    );
  });
});

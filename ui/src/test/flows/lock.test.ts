// Locked means gone: no case text anywhere in the DOM, not merely hidden. Covers the lock
// button, Ctrl+L, the screen guard and the idle auto-lock.

import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";

import { demoBackend } from "../../lib/backend/fake";
import { CTRL_L, CTRL_SHIFT_H, everythingInDom, press, renderApp, unlockWith } from "../helpers";

const CASE_TEXT = [
  "Harbour Bridge",
  "海港大桥",
  "ACC-",
  "IOMed-2026-017",
  "Lantau",
  "大屿山",
  "Azuria",
  "Alice Lee",
  "Wong Siu Ling",
  "Hearing Room",
];

function expectNoCaseText() {
  const dom = everythingInDom();
  for (const text of CASE_TEXT) expect(dom, `"${text}" is still in the DOM`).not.toContain(text);
}

async function openDemoCase() {
  const { backend, caseId } = await demoBackend({ keyring: "enabled", unlocked: false });
  renderApp(backend);
  const row = await screen.findByTestId("case-open");
  await fireEvent.click(row);
  await screen.findByTestId("case-title");
  expect(everythingInDom()).toContain("Harbour Bridge");
  expect(everythingInDom()).toContain("Alice Lee");
  return { backend, caseId };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("locking", () => {
  it("the lock button removes every trace of the case from the DOM", async () => {
    const { backend } = await openDemoCase();
    const lock = vi.spyOn(backend, "lock");
    await fireEvent.click(screen.getByTestId("lock-button"));
    expect(screen.getByTestId("unlock-passphrase")).toBeInTheDocument();
    expectNoCaseText();
    expect(lock).toHaveBeenCalledTimes(1);
  });

  it("Ctrl+L locks from anywhere, even while typing in a field", async () => {
    await openDemoCase();
    await fireEvent.click(screen.getByTestId("party-add"));
    const field = await screen.findByTestId("party-name-en");
    field.focus();
    await press(CTRL_L, field);
    await screen.findByTestId("unlock-passphrase");
    expectNoCaseText();
  });

  it("the lock button names its shortcut", async () => {
    await openDemoCase();
    expect(screen.getByTestId("lock-button")).toHaveTextContent("Lock (Ctrl+L)");
    expect(screen.getByTestId("guard-button")).toHaveTextContent("Hide screen (Ctrl+Shift+H)");
  });

  it("after a manual lock and unlock, the case list shows again", async () => {
    await openDemoCase();
    await press(CTRL_L);
    await unlockWith("correct horse battery");
    await screen.findByTestId("case-filter");
  });
});

describe("screen guard", () => {
  it("hides everything at once, locks the vault, and returns to the same view after the passphrase", async () => {
    const { backend } = await openDemoCase();
    const lock = vi.spyOn(backend, "lock");

    press(CTRL_SHIFT_H); // not awaited: the cover must be there synchronously
    expect(screen.getByTestId("guard-cover")).toBeInTheDocument();
    expectNoCaseText();
    expect(screen.queryByTestId("language-select")).toBeNull();
    expect(lock).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(backend.isUnlocked).toBe(false));

    // Other shortcuts do nothing under the cover.
    await press({ key: "F1" });
    expect(screen.queryByTestId("help-overlay")).toBeNull();

    await fireEvent.click(screen.getByTestId("guard-resume"));
    expectNoCaseText();
    await unlockWith("correct horse battery");
    expect(await screen.findByTestId("case-title")).toHaveTextContent("Harbour Bridge Concession");
  });

  it("the guard button does the same", async () => {
    await openDemoCase();
    await fireEvent.click(screen.getByTestId("guard-button"));
    expect(screen.getByTestId("guard-cover")).toBeInTheDocument();
    expectNoCaseText();
  });
});

describe("auto-lock", () => {
  it("locks after the idle minutes, and activity postpones it", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { backend } = await demoBackend({ keyring: "enabled", unlocked: false, preferences: { lang: "en", autoLockMinutes: 2 } });
    renderApp(backend);
    await screen.findByTestId("case-filter");

    await vi.advanceTimersByTimeAsync(90_000);
    await fireEvent.mouseMove(document.body);
    await vi.advanceTimersByTimeAsync(90_000);
    expect(screen.queryByTestId("unlock-passphrase")).toBeNull();

    await vi.advanceTimersByTimeAsync(40_000);
    expect(screen.getByTestId("unlock-passphrase")).toBeInTheDocument();
    expectNoCaseText();
    expect(backend.isUnlocked).toBe(false);
  });
});

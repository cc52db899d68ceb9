// Locked means gone: no case text anywhere in the DOM, not merely hidden. Covers the lock
// button, Ctrl+L, the screen guard and the idle auto-lock.

import { cleanup, fireEvent, screen, waitFor } from "@testing-library/svelte";
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
    // The core locks once pending saves are in (none here).
    await waitFor(() => expect(lock).toHaveBeenCalledTimes(1));
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

const TYPED = "Azuria would accept a phased toll review";

/** Opens a new note on the demo case and types into it; nothing has been saved yet. */
async function typeNewNote(backend: Awaited<ReturnType<typeof openDemoCase>>["backend"]) {
  await fireEvent.click(await screen.findByTestId("notes-new"));
  await fireEvent.input(await screen.findByTestId("note-text-en"), { target: { value: TYPED } });
  expect([...backend.notes.values()].some((n) => n.text_en === TYPED)).toBe(false);
}

function savedText(backend: Awaited<ReturnType<typeof openDemoCase>>["backend"]): boolean {
  return [...backend.notes.values()].some((n) => n.text_en === TYPED);
}

describe("nothing typed is lost", () => {
  it("Ctrl+L right after typing saves the note before the vault locks", async () => {
    const { backend } = await openDemoCase();
    await typeNewNote(backend);
    const lock = vi.spyOn(backend, "lock");
    await press(CTRL_L);
    await screen.findByTestId("unlock-passphrase");
    expectNoCaseText();
    await waitFor(() => expect(lock).toHaveBeenCalledTimes(1));
    expect(savedText(backend)).toBe(true);
  });

  it("a save that never answers does not keep the vault open: the lock goes ahead after the grace", async () => {
    const { backend } = await openDemoCase();
    let answer: (error: Error) => void = () => undefined;
    const hung = new Promise<never>((_, reject) => (answer = reject));
    vi.spyOn(backend, "createNote").mockReturnValue(hung);
    await typeNewNote(backend);
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await press(CTRL_L);
    await screen.findByTestId("unlock-passphrase");
    await vi.advanceTimersByTimeAsync(2_000);
    expect(backend.isUnlocked, "still waiting for the save").toBe(true);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(backend.isUnlocked).toBe(false);
    // The call fails at last (as a dead IPC would): its editor is let go, for the next test.
    answer(new Error("the save never arrived"));
    await vi.advanceTimersByTimeAsync(100);
  });

  it("the screen guard right after typing saves it too", async () => {
    const { backend } = await openDemoCase();
    await typeNewNote(backend);
    press(CTRL_SHIFT_H);
    expect(screen.getByTestId("guard-cover")).toBeInTheDocument();
    await waitFor(() => expect(backend.isUnlocked).toBe(false));
    expect(savedText(backend)).toBe(true);
  });

  it("closing the window saves it, then quits", async () => {
    const { backend } = await openDemoCase();
    await typeNewNote(backend);
    backend.closeWindow();
    await waitFor(() => expect(backend.quitCalls).toBe(1));
    expect(savedText(backend)).toBe(true);
  });

  it("the idle lock saves a composition the input method left open (autosave waits for it)", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { backend } = await demoBackend({ keyring: "enabled", unlocked: false, preferences: { lang: "en", autoLockMinutes: 1, sessionAutoLockMinutes: 30 } });
    renderApp(backend);
    await fireEvent.click(await screen.findByTestId("case-open"));
    await fireEvent.click(await screen.findByTestId("notes-new"));
    const field = await screen.findByTestId("note-text-en");
    await fireEvent.compositionStart(field);
    await fireEvent.input(field, { target: { value: TYPED } });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(savedText(backend), "autosave waits while composing").toBe(false);
    await vi.advanceTimersByTimeAsync(31_000);
    await screen.findByTestId("unlock-passphrase");
    await waitFor(() => expect(backend.isUnlocked).toBe(false));
    expect(savedText(backend)).toBe(true);
  });
});

describe("a lock is a lock", () => {
  it("takes the key out of the keyring: a restart asks for the passphrase, which puts it back", async () => {
    const { backend } = await openDemoCase(); // opened from the keyring at start
    expect(backend.keyringHoldsKey).toBe(true);
    await press(CTRL_L);
    await screen.findByTestId("unlock-passphrase");
    expect(backend.keyringHoldsKey).toBe(false);

    // Quit and start again: the passphrase is asked for, the keyring has nothing.
    cleanup();
    backend.restart();
    renderApp(backend);
    await screen.findByTestId("unlock-passphrase");
    expect(backend.isUnlocked).toBe(false);
    await unlockWith("correct horse battery");
    await screen.findByTestId("case-filter");
    expect(backend.keyringHoldsKey).toBe(true);

    // After a passphrase unlock, the next start opens from the keyring again.
    cleanup();
    backend.restart();
    renderApp(backend);
    await screen.findByTestId("case-filter");
  });

  it("refuses the keyring after a lock until the passphrase is typed", async () => {
    const { backend } = await demoBackend({ keyring: "enabled", unlocked: false });
    expect(await backend.unlockWithKeyring()).toBe(true);
    await backend.lock();
    await expect(backend.unlockWithKeyring()).rejects.toMatchObject({ code: "vault.keyring_after_lock" });
    await backend.unlock("correct horse battery");
    await backend.lock();
    backend.restart();
    expect(await backend.unlockWithKeyring()).toBe(false);
  });
});

describe("auto-lock", () => {
  it("locks after the idle minutes, and activity postpones it", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { backend } = await demoBackend({ keyring: "enabled", unlocked: false, preferences: { lang: "en", autoLockMinutes: 2, sessionAutoLockMinutes: 30 } });
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

  it("locks by the shell when the lock call fails, and the screen says so when it did it alone", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { backend } = await demoBackend({ keyring: "enabled", unlocked: false, preferences: { lang: "en", autoLockMinutes: 1, sessionAutoLockMinutes: 30 } });
    // The UI's lock call fails: the shell locks anyway after its grace.
    vi.spyOn(backend, "lock").mockRejectedValueOnce(new Error("IPC failed"));
    renderApp(backend);
    await screen.findByTestId("case-filter");
    await vi.advanceTimersByTimeAsync(61_000);
    await screen.findByTestId("unlock-passphrase");
    expect(backend.isUnlocked).toBe(true);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(backend.isUnlocked).toBe(false);

    // A screen that did not lock (hung, then back) follows the shell's lock.
    await unlockWith("correct horse battery");
    await screen.findByTestId("case-filter");
    backend.shellSays({ kind: "locked", reason: "idle" });
    expect(await screen.findByTestId("locked-by-shell")).toHaveTextContent("Accord locked itself");
    expectNoCaseText();
  });

  it("waits for the longer delay while a session is live", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { backend } = await demoBackend({ keyring: "enabled", unlocked: false, preferences: { lang: "en", autoLockMinutes: 1, sessionAutoLockMinutes: 3 } });
    const session = [...backend.sessions.values()][0]!;
    await backend.unlock("correct horse battery");
    await backend.startSession(session.id);
    await backend.lock();
    backend.restart();
    renderApp(backend);
    await unlockWith("correct horse battery");
    await screen.findByTestId("case-filter");
    await vi.advanceTimersByTimeAsync(120_000);
    expect(screen.queryByTestId("unlock-passphrase")).toBeNull();
    await vi.advanceTimersByTimeAsync(61_000);
    expect(screen.getByTestId("unlock-passphrase")).toBeInTheDocument();
  });
});

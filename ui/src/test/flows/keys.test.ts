// Key rotation in Settings: a new recovery key, or re-keying the vault. Both ask for the
// passphrase although the vault is open; a refusal changes nothing; a success shows the new
// key once, until the mediator confirms having written it down, then the settings are back.
// A rekey saves what the editors hold first, as a lock does.

import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";

import { BackendError } from "../../lib/backend/backend";
import { demoBackend } from "../../lib/backend/fake";
import type { NewRecoveryKey } from "../../lib/bindings/NewRecoveryKey";
import { press, renderApp, unlockWith } from "../helpers";

const PASSPHRASE = "correct horse battery";
const FIRST_KEY = "K7QF-2MXA-9RTB-LW4C-HD3N-P8VE-Y6ZJ-S5GU";
/** The core's format: 32 RFC 4648 base32 characters in eight groups of four. */
const KEY_FORMAT = /^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/;

async function unlocked(options: Parameters<typeof demoBackend>[0] = {}) {
  const demo = await demoBackend({ ...options, unlocked: false, keyring: "enabled" });
  renderApp(demo.backend);
  await screen.findByTestId("case-filter");
  return demo;
}

/** Opens Settings and one key action; the passphrase field has the focus. */
async function openKeyAction(which: "settings-rotate-recovery" | "settings-rekey") {
  await fireEvent.click(screen.getByTestId("settings-button"));
  await fireEvent.click(await screen.findByTestId(which));
  const field = await screen.findByTestId("key-rotation-passphrase");
  expect(field).toHaveFocus();
  return field;
}

async function submitPassphrase(passphrase: string) {
  const field = screen.getByTestId("key-rotation-passphrase");
  await fireEvent.input(field, { target: { value: passphrase } });
  await fireEvent.click(screen.getByTestId("key-rotation-submit"));
}

/** Ticks "I have written it down" and continues. */
async function confirmWrittenDown() {
  await fireEvent.click(screen.getByTestId("recovery-stored"));
  await fireEvent.click(screen.getByTestId("recovery-continue"));
}

function deferred<T = void>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("a new recovery key", () => {
  it("a wrong passphrase shows the translated error, empties the field and changes nothing", async () => {
    const { backend } = await unlocked({
      preferences: { lang: "zh-Hant", autoLockMinutes: 10, sessionAutoLockMinutes: 30 },
    });
    const rotate = vi.spyOn(backend, "rotateRecoveryKey");
    await openKeyAction("settings-rotate-recovery");
    await submitPassphrase("not the passphrase");

    expect(await screen.findByTestId("key-rotation-error")).toHaveTextContent("密語錯誤。");
    expect(rotate).toHaveBeenCalledWith("not the passphrase");
    const field = screen.getByTestId("key-rotation-passphrase");
    expect(field).toHaveValue("");
    await waitFor(() => expect(field).toHaveFocus());
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByTestId("recovery-key")).toBeNull();
    expect(backend.recoveryKey).toBe(FIRST_KEY);
    expect(backend.keyAudit).toEqual([]);
    expect(backend.masterKeyChanges).toBe(0);
  });

  it("an empty passphrase is refused without asking the core", async () => {
    const { backend } = await unlocked();
    const rotate = vi.spyOn(backend, "rotateRecoveryKey");
    await openKeyAction("settings-rotate-recovery");
    await fireEvent.click(screen.getByTestId("key-rotation-submit"));
    expect(await screen.findByTestId("key-rotation-error")).toHaveTextContent("Enter the passphrase.");
    expect(rotate).not.toHaveBeenCalled();
  });

  it("the right passphrase shows a new key once, held until confirmed, then the settings are back", async () => {
    const { backend } = await unlocked();
    const field = await openKeyAction("settings-rotate-recovery");
    // What it does and what it costs, before anything is asked.
    expect(screen.getByTestId("key-rotation")).toHaveAttribute("data-action", "rotate");
    expect(screen.getByTestId("key-rotation")).toHaveTextContent("the old recovery key no longer opens this vault");
    expect(screen.getByTestId("key-rotation")).toHaveTextContent("re-key the vault instead");
    expect(field).toHaveAttribute("type", "password");
    expect(field).toHaveAttribute("autocomplete", "off");
    await submitPassphrase(PASSPHRASE);

    const key = await screen.findByTestId("recovery-key");
    const shown = key.textContent ?? "";
    expect(shown).toMatch(KEY_FORMAT);
    expect(shown).not.toBe(FIRST_KEY);
    expect(backend.recoveryKey).toBe(shown);
    expect(backend.keyAudit.map((e) => e.action)).toEqual(["vault.recovery_rotate"]);
    expect(backend.masterKeyChanges).toBe(0);
    expect(backend.isUnlocked).toBe(true);
    expect(screen.getAllByTestId("recovery-key")).toHaveLength(1);
    expect(screen.getByTestId("key-rotation-done")).toHaveTextContent("The old recovery key no longer opens this vault");
    expect(screen.queryByTestId("key-rotation-passphrase")).toBeNull();

    // Not lost by accident: Esc and the close button do nothing until it is confirmed.
    expect(screen.getByTestId("settings-dialog-close")).toBeDisabled();
    await press({ key: "Escape" });
    expect(screen.getByTestId("recovery-key")).toHaveTextContent(shown);
    expect(screen.getByTestId("recovery-continue")).toBeDisabled();
    await fireEvent.click(screen.getByTestId("recovery-continue"));
    expect(screen.getByTestId("recovery-key")).toBeInTheDocument();

    await confirmWrittenDown();
    expect(screen.queryByTestId("recovery-key")).toBeNull();
    expect(document.body.textContent).not.toContain(shown);
    expect(screen.getByTestId("settings-dialog")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("settings-rotate-recovery")).toHaveFocus());
    expect(screen.getByTestId("settings-autolock")).toBeInTheDocument();
    expect(screen.getByTestId("settings-dialog-close")).toBeEnabled();

    // Again: another key, never the same.
    await fireEvent.click(screen.getByTestId("settings-rotate-recovery"));
    await submitPassphrase(PASSPHRASE);
    const again = (await screen.findByTestId("recovery-key")).textContent ?? "";
    expect(again).toMatch(KEY_FORMAT);
    expect(again).not.toBe(shown);
    expect(backend.keyAudit.map((e) => e.action)).toEqual(["vault.recovery_rotate", "vault.recovery_rotate"]);
  });

  it("keyboard only: Esc goes back to the settings, Enter in the field submits", async () => {
    const { backend } = await unlocked();
    const field = await openKeyAction("settings-rotate-recovery");
    await fireEvent.input(field, { target: { value: "half typed" } });
    await press({ key: "Escape" }, field);
    // Back to the settings, not out of the dialog; nothing was asked.
    expect(screen.queryByTestId("key-rotation")).toBeNull();
    expect(screen.getByTestId("settings-dialog")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("settings-rotate-recovery")).toHaveFocus());
    expect(backend.keyAudit).toEqual([]);

    await fireEvent.click(screen.getByTestId("settings-rotate-recovery"));
    const again = await screen.findByTestId("key-rotation-passphrase");
    expect(again).toHaveValue("");
    await fireEvent.input(again, { target: { value: PASSPHRASE } });
    await press({ key: "Enter" }, again);
    await screen.findByTestId("recovery-key");
    expect(backend.keyAudit.map((e) => e.action)).toEqual(["vault.recovery_rotate"]);

    // Enter mid-composition (a Chinese input method) does not submit.
    await confirmWrittenDown();
    await fireEvent.click(screen.getByTestId("settings-rotate-recovery"));
    const third = await screen.findByTestId("key-rotation-passphrase");
    await fireEvent.input(third, { target: { value: PASSPHRASE } });
    await press({ key: "Enter", isComposing: true }, third);
    expect(screen.queryByTestId("recovery-key")).toBeNull();
    expect(backend.keyAudit).toHaveLength(1);
  });

  it("Esc back from the key action and then Esc again closes the dialog", async () => {
    await unlocked();
    const field = await openKeyAction("settings-rekey");
    await press({ key: "Escape" }, field);
    await waitFor(() => expect(screen.getByTestId("settings-rekey")).toHaveFocus());
    await press({ key: "Escape" });
    expect(screen.queryByTestId("settings-dialog")).toBeNull();
  });
});

describe("re-keying the vault", () => {
  it("keeps the vault unlocked, shows a new key, and the same passphrase still unlocks after a lock", async () => {
    const { backend } = await unlocked();
    await openKeyAction("settings-rekey");
    expect(screen.getByTestId("key-rotation")).toHaveAttribute("data-action", "rekey");
    expect(screen.getByTestId("key-rotation")).toHaveTextContent("It takes a few seconds.");
    await submitPassphrase(PASSPHRASE);

    const shown = (await screen.findByTestId("recovery-key")).textContent ?? "";
    expect(shown).toMatch(KEY_FORMAT);
    expect(shown).not.toBe(FIRST_KEY);
    expect(backend.recoveryKey).toBe(shown);
    expect(backend.masterKeyChanges).toBe(1);
    expect(backend.keyAudit.map((e) => e.action)).toEqual(["vault.rekey"]);
    expect(backend.isUnlocked).toBe(true);
    expect(backend.keyringHoldsKey).toBe(true);
    expect(screen.getByTestId("key-rotation-done")).toHaveTextContent("that copy has been replaced");

    await confirmWrittenDown();
    await waitFor(() => expect(screen.getByTestId("settings-rekey")).toHaveFocus());
    await fireEvent.click(screen.getByTestId("settings-dialog-close"));
    // Still open: the case list answers.
    expect(await screen.findAllByTestId("case-row")).toHaveLength(1);

    await fireEvent.click(screen.getByTestId("lock-button"));
    await waitFor(() => expect(backend.isUnlocked).toBe(false));
    await unlockWith(PASSPHRASE);
    await screen.findByTestId("case-filter");
    expect(backend.isUnlocked).toBe(true);
  });

  it("a wrong passphrase changes nothing", async () => {
    const { backend } = await unlocked();
    await openKeyAction("settings-rekey");
    await submitPassphrase("correct horse battery staple");
    expect(await screen.findByTestId("key-rotation-error")).toHaveTextContent("Wrong passphrase.");
    expect(screen.getByTestId("key-rotation-passphrase")).toHaveValue("");
    expect(backend.recoveryKey).toBe(FIRST_KEY);
    expect(backend.masterKeyChanges).toBe(0);
    expect(backend.keyAudit).toEqual([]);
    expect(backend.isUnlocked).toBe(true);
  });

  it("another Accord holding the vault is said so, translated, and the field is ready again", async () => {
    const { backend } = await unlocked({
      preferences: { lang: "zh-Hans", autoLockMinutes: 10, sessionAutoLockMinutes: 30 },
    });
    vi.spyOn(backend, "rekeyVault").mockRejectedValueOnce(
      new BackendError({ code: "vault.in_use", args: {}, message: "in use" }),
    );
    await openKeyAction("settings-rekey");
    await submitPassphrase(PASSPHRASE);
    expect(await screen.findByTestId("key-rotation-error")).toHaveTextContent("保险库正被另一个 Accord 窗口或命令使用。");
    await waitFor(() => expect(screen.getByTestId("key-rotation-passphrase")).toHaveFocus());
    expect(screen.getByTestId("key-rotation-submit")).toBeEnabled();
    expect(screen.getByTestId("settings-dialog-close")).toBeEnabled();
  });

  it("saves a note being typed before the rekey is asked for", async () => {
    const { backend } = await unlocked();
    await fireEvent.click(await screen.findByTestId("case-open"));
    await fireEvent.click(await screen.findByTestId("notes-new"));
    const typed = "Azuria would accept a phased toll review";
    await fireEvent.input(await screen.findByTestId("note-text-en"), { target: { value: typed } });
    const saved = () => [...backend.notes.values()].some((n) => n.text_en === typed);
    expect(saved(), "the autosave is still waiting").toBe(false);

    const order: string[] = [];
    const create = backend.createNote.bind(backend);
    vi.spyOn(backend, "createNote").mockImplementation(async (...args) => {
      order.push("save started");
      const note = await create(...args);
      order.push("save done");
      return note;
    });
    const rekey = backend.rekeyVault.bind(backend);
    vi.spyOn(backend, "rekeyVault").mockImplementation((passphrase) => {
      order.push(saved() ? "rekey (note saved)" : "rekey (note NOT saved)");
      return rekey(passphrase);
    });

    await openKeyAction("settings-rekey");
    await submitPassphrase(PASSPHRASE);
    await screen.findByTestId("recovery-key");
    expect(order).toEqual(["save started", "save done", "rekey (note saved)"]);
  });

  it("while it runs everything is disabled and Esc does nothing; then the key shows", async () => {
    const { backend } = await unlocked();
    const gate = deferred();
    const rekey = backend.rekeyVault.bind(backend);
    vi.spyOn(backend, "rekeyVault").mockImplementation(async (passphrase): Promise<NewRecoveryKey> => {
      await gate.promise;
      return rekey(passphrase);
    });
    await openKeyAction("settings-rekey");
    await submitPassphrase(PASSPHRASE);

    const submit = screen.getByTestId("key-rotation-submit");
    await waitFor(() => expect(submit).toBeDisabled());
    expect(submit).toHaveTextContent("Re-keying the vault (a few seconds)…");
    expect(screen.getByTestId("key-rotation-cancel")).toBeDisabled();
    expect(screen.getByTestId("settings-dialog-close")).toBeDisabled();
    const field = screen.getByTestId("key-rotation-passphrase");
    expect(field).toHaveValue("");
    expect(field).toHaveAttribute("readonly");
    expect(field.closest("form")).toHaveAttribute("aria-busy", "true");

    // Neither Esc nor Enter nor the close button gets out or starts another.
    await press({ key: "Escape" }, field);
    await press({ key: "Enter" }, field);
    await fireEvent.click(screen.getByTestId("settings-dialog-close"));
    expect(screen.getByTestId("key-rotation")).toBeInTheDocument();
    expect(screen.getByTestId("settings-dialog")).toBeInTheDocument();
    expect(backend.rekeyVault).toHaveBeenCalledTimes(1);

    gate.resolve();
    expect(await screen.findByTestId("recovery-key")).toHaveTextContent(KEY_FORMAT);
    expect(screen.getByTestId("settings-dialog-close")).toBeDisabled();
  });
});

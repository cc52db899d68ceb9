// Unlocking: keyring once at start, otherwise the passphrase; a wrong one gives a translated
// inline error and keeps the focus in the field.

import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";

import { demoBackend, FakeBackend } from "../../lib/backend/fake";
import { setLang } from "../../lib/i18n/i18n.svelte";
import { CTRL_L, press, renderApp, unlockWith } from "../helpers";

describe("unlock", () => {
  it("shows a translated inline error for a wrong passphrase and keeps the focus", async () => {
    const { backend } = await demoBackend({ unlocked: false });
    renderApp(backend);
    await unlockWith("not the passphrase");

    const error = await screen.findByTestId("unlock-error");
    expect(error).toHaveTextContent("Wrong passphrase.");
    expect(error.closest("[role=alert]")).not.toBeNull();
    const field = screen.getByTestId("unlock-passphrase");
    expect(field).toHaveFocus();
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByTestId("case-filter")).toBeNull();
  });

  it("the same error reads in Chinese when the interface is Chinese", async () => {
    const { backend } = await demoBackend({ unlocked: false, preferences: { lang: "zh-Hant", autoLockMinutes: 10, sessionAutoLockMinutes: 30 } });
    renderApp(backend);
    await unlockWith("wrong wrong wrong");
    expect(await screen.findByTestId("unlock-error")).toHaveTextContent("密語錯誤。");
  });

  it("shows a busy state while the core derives the key, then opens the workspace", async () => {
    const { backend } = await demoBackend({ unlocked: false, unlockDelayMs: 60 });
    renderApp(backend);
    await unlockWith("correct horse battery");
    const button = screen.getByTestId("unlock-button");
    expect(button).toBeDisabled();
    expect(button).toHaveTextContent("Unlocking…");
    expect(button.closest("form")).toHaveAttribute("aria-busy", "true");
    await screen.findByTestId("case-filter");
    expect(await screen.findAllByTestId("case-row")).toHaveLength(1);
  });

  it("tries the keyring once at start, and never again after a lock", async () => {
    const { backend } = await demoBackend({ unlocked: false, keyring: "enabled" });
    const keyring = vi.spyOn(backend, "unlockWithKeyring");
    renderApp(backend);
    await screen.findByTestId("case-filter");
    expect(keyring).toHaveBeenCalledTimes(1);

    await press(CTRL_L);
    await screen.findByTestId("unlock-passphrase");
    expect(keyring).toHaveBeenCalledTimes(1);
    expect(backend.isUnlocked).toBe(false);
  });

  it("asks for the passphrase when the keyring has nothing", async () => {
    const { backend } = await demoBackend({ unlocked: false, keyring: "disabled" });
    renderApp(backend);
    expect(await screen.findByTestId("unlock-passphrase")).toHaveFocus();
  });

  it("an empty passphrase is refused without asking the core", async () => {
    const backend = new FakeBackend();
    const unlock = vi.spyOn(backend, "unlock");
    renderApp(backend);
    await screen.findByTestId("unlock-passphrase");
    await fireEvent.click(screen.getByTestId("unlock-button"));
    expect(await screen.findByTestId("unlock-error")).toHaveTextContent("Enter the passphrase.");
    expect(unlock).not.toHaveBeenCalled();
    setLang("en");
  });

  it("a failure to read the vault status is shown translated, with a retry", async () => {
    const backend = new FakeBackend();
    vi.spyOn(backend, "vaultStatus").mockRejectedValueOnce(
      new (await import("../../lib/backend/backend")).BackendError({
        code: "vault.in_use",
        args: {},
        message: "in use",
      }),
    );
    renderApp(backend);
    expect(await screen.findByTestId("start-error")).toHaveTextContent("The vault is open in another Accord window");
    await fireEvent.click(screen.getByTestId("start-retry"));
    await waitFor(() => expect(screen.getByTestId("unlock-passphrase")).toBeInTheDocument());
  });
});

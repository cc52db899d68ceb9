// First run: passphrase rules, then the recovery key, which gates the way in until the
// mediator confirms having stored it.

import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";

import { FakeBackend } from "../../lib/backend/fake";
import { renderApp } from "../helpers";

async function fill(testid: string, value: string) {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

describe("onboarding", () => {
  it("creates the vault, shows the recovery key once, and continues only after acknowledgement", async () => {
    const backend = new FakeBackend({ exists: false });
    const create = vi.spyOn(backend, "createVault");
    renderApp(backend);

    await screen.findByTestId("onboarding-passphrase");
    // The keyring is opt-in, and the screen says what it costs.
    expect(screen.getByTestId("onboarding-keyring")).not.toBeChecked();
    expect(screen.getByTestId("app-shell")).toHaveTextContent(/protected by your computer login password, not by Accord’s passphrase/);
    await fireEvent.click(screen.getByTestId("onboarding-keyring"));

    await fill("onboarding-passphrase", "river stone lantern 7");
    await fill("onboarding-passphrase2", "river stone lantern 7");
    await fill("onboarding-mediator", "Chan Tai Man");
    await fireEvent.click(screen.getByTestId("onboarding-create"));

    const key = await screen.findByTestId("recovery-key");
    expect(create).toHaveBeenCalledWith("river stone lantern 7", "Chan Tai Man", true);
    expect(key).toHaveTextContent("K7QF-2MXA-9RTB-LW4C-HD3N-P8VE-Y6ZJ-S5GU");
    expect(screen.getByTestId("recovery-keyring")).toHaveTextContent(/system keyring/);
    // No way to copy it: there is no copy button, and copying the text is refused.
    expect(screen.queryByRole("button", { name: /copy/i })).toBeNull();
    const copy = new Event("copy", { bubbles: true, cancelable: true });
    key.dispatchEvent(copy);
    expect(copy.defaultPrevented).toBe(true);

    const next = screen.getByTestId("recovery-continue");
    expect(next).toBeDisabled();
    await fireEvent.click(next);
    expect(screen.getByTestId("recovery-key")).toBeInTheDocument();

    await fireEvent.click(screen.getByTestId("recovery-stored"));
    expect(next).toBeEnabled();
    await fireEvent.click(next);

    await screen.findByTestId("case-filter");
    expect(screen.queryByTestId("recovery-key")).toBeNull();
    expect(document.body.textContent).not.toContain("K7QF-2MXA");
  });

  it("refuses a short or mismatched passphrase inline, without calling the core", async () => {
    const backend = new FakeBackend({ exists: false });
    const create = vi.spyOn(backend, "createVault");
    renderApp(backend);
    await screen.findByTestId("onboarding-passphrase");

    await fill("onboarding-passphrase", "short");
    expect(screen.getByTestId("onboarding-strength")).toHaveTextContent("Too short: 5 of at least 10 characters");
    await fill("onboarding-mediator", "Chan");
    await fireEvent.click(screen.getByTestId("onboarding-create"));
    expect(await screen.findByText("The passphrase must have at least 10 characters.")).toBeInTheDocument();
    expect(screen.getByTestId("onboarding-passphrase")).toHaveFocus();
    expect(screen.getByTestId("onboarding-passphrase")).toHaveAttribute("aria-invalid", "true");

    await fill("onboarding-passphrase", "a much longer passphrase");
    await fill("onboarding-passphrase2", "a much longer passphrasE");
    await fireEvent.click(screen.getByTestId("onboarding-create"));
    expect(await screen.findByText("The two passphrases differ.")).toBeInTheDocument();
    expect(screen.getByTestId("onboarding-passphrase2")).toHaveFocus();
    expect(create).not.toHaveBeenCalled();
  });

  it("leaves the keyring out unless chosen, and says so", async () => {
    const backend = new FakeBackend({ exists: false });
    renderApp(backend);
    await screen.findByTestId("onboarding-passphrase");
    await fill("onboarding-passphrase", "river stone lantern 7");
    await fill("onboarding-passphrase2", "river stone lantern 7");
    await fill("onboarding-mediator", "Chan Tai Man");
    const create = vi.spyOn(backend, "createVault");
    await fireEvent.click(screen.getByTestId("onboarding-create"));
    await waitFor(() => expect(create).toHaveBeenCalledWith("river stone lantern 7", "Chan Tai Man", false));
    await waitFor(() =>
      expect(screen.getByTestId("recovery-keyring")).toHaveTextContent("not kept in the system keyring"),
    );
  });
});

// Help overlay and settings dialog: keyboard reachable, modal, and remembered via the Backend.

import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";

import { demoBackend } from "../../lib/backend/fake";
import { press, renderApp } from "../helpers";

async function unlocked() {
  const demo = await demoBackend({ keyring: "enabled", unlocked: false });
  renderApp(demo.backend);
  await screen.findByTestId("case-filter");
  return demo;
}

describe("help overlay", () => {
  it("opens with ? or F1, lists the shortcuts, closes with Esc and returns focus", async () => {
    await unlocked();
    const opener = screen.getByTestId("nav-agenda");
    opener.focus();
    await press({ key: "?" });
    const help = screen.getByTestId("help-overlay");
    expect(help).toHaveAttribute("role", "dialog");
    expect(help).toHaveTextContent("Ctrl+Shift+H");
    expect(help).toHaveTextContent("Lock the vault now");
    expect(help.contains(document.activeElement)).toBe(true);
    await press({ key: "Escape" });
    expect(screen.queryByTestId("help-overlay")).toBeNull();
    expect(opener).toHaveFocus();

    await press({ key: "F1" });
    expect(screen.getByTestId("help-overlay")).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId("help-overlay-close"));
    expect(screen.queryByTestId("help-overlay")).toBeNull();
  });

  it("? typed in a text field is just a question mark", async () => {
    await unlocked();
    const filter = screen.getByTestId("case-filter");
    filter.focus();
    await press({ key: "?" }, filter);
    expect(screen.queryByTestId("help-overlay")).toBeNull();
  });

  it("makes the page behind it inert", async () => {
    await unlocked();
    await press({ key: "F1" });
    const shell = screen.getByTestId("app-shell");
    // jsdom does not reflect the `inert` property to the attribute; WebKit does.
    expect(shell.inert || shell.hasAttribute("inert")).toBe(true);
  });
});

describe("settings", () => {
  it("sets the auto-lock minutes through the Backend, with a range check", async () => {
    const { backend } = await unlocked();
    const save = vi.spyOn(backend, "setPreferences");
    await fireEvent.click(screen.getByTestId("settings-button"));
    const minutes = screen.getByTestId("settings-autolock");
    expect(minutes).toHaveValue(10);
    await fireEvent.input(minutes, { target: { value: "0" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    expect(await screen.findByText("Enter a whole number of minutes from 1 to 240.")).toBeInTheDocument();
    expect(save).not.toHaveBeenCalled();

    await fireEvent.input(minutes, { target: { value: "25" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(save).toHaveBeenCalledWith({ lang: "en", autoLockMinutes: 25, sessionAutoLockMinutes: 30 }));
    expect(screen.queryByTestId("settings-dialog")).toBeNull();
    expect(await backend.getPreferences()).toEqual({ lang: "en", autoLockMinutes: 25, sessionAutoLockMinutes: 30 });
  });
});

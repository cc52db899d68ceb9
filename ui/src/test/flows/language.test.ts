// The language menu switches every visible string at once and back, remembers the choice
// through the Backend (never webview storage), and dates follow the locale.

import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";

import { demoBackend, FakeBackend } from "../../lib/backend/fake";
import { currentLang } from "../../lib/i18n/i18n.svelte";
import { renderApp } from "../helpers";

async function choose(lang: string) {
  await fireEvent.change(screen.getByTestId("language-select"), { target: { value: lang } });
}

describe("language switch", () => {
  it("changes the visible text to Simplified, Traditional and back, and saves the choice", async () => {
    const { backend } = await demoBackend({ keyring: "enabled", unlocked: false });
    const save = vi.spyOn(backend, "setPreferences");
    renderApp(backend);
    await screen.findByTestId("case-filter");
    const nav = () => screen.getByTestId("nav-cases");
    const lock = () => screen.getByTestId("lock-button");
    expect(nav()).toHaveTextContent("Cases");
    expect(lock()).toHaveTextContent("Lock (Ctrl+L)");

    await choose("zh-Hans");
    expect(nav()).toHaveTextContent("案件");
    expect(lock()).toHaveTextContent("锁定（Ctrl+L）");
    expect(screen.getByTestId("guard-button")).toHaveTextContent("遮挡屏幕");
    expect(document.documentElement.lang).toBe("zh-Hans");
    expect(save).toHaveBeenLastCalledWith({ lang: "zh-Hans", autoLockMinutes: 10, sessionAutoLockMinutes: 30 });
    // The case's own data does not change with the interface; its title order does.
    expect(screen.getByTestId("case-open")).toHaveTextContent(/^海港大桥特许经营/);

    await choose("zh-Hant");
    expect(lock()).toHaveTextContent("鎖定（Ctrl+L）");
    expect(screen.getByTestId("guard-button")).toHaveTextContent("遮蔽螢幕");
    expect(screen.getByTestId("case-count")).toHaveTextContent("1 宗案件");

    await choose("en");
    expect(nav()).toHaveTextContent("Cases");
    expect(lock()).toHaveTextContent("Lock (Ctrl+L)");
    expect(save).toHaveBeenLastCalledWith({ lang: "en", autoLockMinutes: 10, sessionAutoLockMinutes: 30 });
    expect(currentLang()).toBe("en");
  });

  it("starts in the language the preferences hold, before unlocking", async () => {
    const backend = new FakeBackend({ preferences: { lang: "zh-Hant", autoLockMinutes: 10, sessionAutoLockMinutes: 30 } });
    renderApp(backend);
    await screen.findByTestId("unlock-passphrase");
    expect(screen.getByTestId("unlock-button")).toHaveTextContent("解鎖");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Accord 已鎖定");
  });

  it("shows the language names in their own scripts in every language", async () => {
    renderApp(new FakeBackend());
    await screen.findByTestId("unlock-passphrase");
    const labels = () => [...screen.getByTestId<HTMLSelectElement>("language-select").options].map((o) => o.text);
    expect(labels()).toEqual(["English", "简体中文", "繁體中文"]);
    await choose("zh-Hans");
    expect(labels()).toEqual(["English", "简体中文", "繁體中文"]);
  });

  it("dates follow the chosen locale", async () => {
    const { backend } = await demoBackend({ keyring: "enabled", unlocked: false });
    renderApp(backend);
    await screen.findByTestId("nav-agenda");
    await fireEvent.click(screen.getByTestId("nav-agenda"));
    const venue = (await screen.findAllByTestId("time-venue"))[0];
    expect(venue).toHaveTextContent(/10:00/);
    await choose("zh-Hans");
    await waitFor(() => expect(screen.getAllByTestId("time-venue")[0]).toHaveTextContent(/年|月|日/));
  });
});

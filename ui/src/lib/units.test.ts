// Small pure helpers: formatting, passphrase hint, idle timer, shortcuts.

import { afterEach, describe, expect, it, vi } from "vitest";

import { bilingual, formatDateTime, formatElapsed, formatNumber } from "./format";
import { watchActivity } from "./idle";
import { passphraseStrength } from "./passphrase";
import { shortcutOf } from "./shortcuts";

afterEach(() => {
  vi.useRealTimers();
});

describe("format", () => {
  it("elapsed time is mm:ss under an hour, h:mm:ss after", () => {
    expect(formatElapsed(0, "en")).toBe("00:00");
    expect(formatElapsed(65_000, "en")).toBe("01:05");
    expect(formatElapsed(59 * 60_000 + 59_000, "en")).toBe("59:59");
    expect(formatElapsed(3_600_000, "en")).toBe("1:00:00");
    expect(formatElapsed(10 * 3_600_000 + 62_000, "zh-Hant")).toBe("10:01:02");
    expect(formatElapsed(-5, "en")).toBe("00:00");
  });

  it("shows one instant in the venue's zone and another", () => {
    const iso = "2026-12-03T02:00:00Z";
    expect(formatDateTime(iso, "Asia/Hong_Kong", "en")).toContain("10:00");
    expect(formatDateTime(iso, "Africa/Nairobi", "en")).toContain("05:00");
    expect(formatDateTime(iso, "Asia/Hong_Kong", "zh-Hans")).toMatch(/2026年12月3日/);
    expect(formatDateTime(iso, "Not/AZone", "en")).toContain("02:00");
  });

  it("numbers use the locale", () => {
    expect(formatNumber(12345, "en")).toBe("12,345");
  });

  it("bilingual puts the interface language first and falls back to the other", () => {
    expect(bilingual("Harbour", "海港", "en")).toEqual({ primary: "Harbour", secondary: "海港" });
    expect(bilingual("Harbour", "海港", "zh-Hant")).toEqual({ primary: "海港", secondary: "Harbour" });
    expect(bilingual(null, "海港", "en")).toEqual({ primary: "海港", secondary: null });
  });
});

describe("passphrase strength", () => {
  it.each([
    ["", "empty"],
    ["abc", "too-short"],
    ["aaaaaaaaaaaa", "weak"],
    ["abcdefghijk", "weak"],
    ["river stone lantern", "fair"],
    ["River stone 7 x", "good"],
    ["River stone lantern 7", "strong"],
    ["River stone lantern 7 over the hill", "strong"],
    ["我的调解口令很长很长的", "fair"],
  ])("%j → %s", (passphrase, strength) => {
    expect(passphraseStrength(passphrase)).toBe(strength);
  });
});

describe("watchActivity", () => {
  it("reports the first input at once, then at most once per period; stop ends it", () => {
    vi.useFakeTimers();
    const target = new EventTarget();
    const onActivity = vi.fn();
    const stop = watchActivity(target, 1000, onActivity);
    expect(onActivity).not.toHaveBeenCalled();
    target.dispatchEvent(new Event("keydown"));
    expect(onActivity).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500);
    target.dispatchEvent(new Event("mousemove"));
    expect(onActivity).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(600);
    target.dispatchEvent(new Event("pointerdown"));
    expect(onActivity).toHaveBeenCalledTimes(2);
    stop();
    vi.advanceTimersByTime(5000);
    target.dispatchEvent(new Event("keydown"));
    expect(onActivity).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });
});

describe("shortcuts", () => {
  const key = (init: KeyboardEventInit) => new KeyboardEvent("keydown", init);
  it("maps keys to actions, layout-independently", () => {
    expect(shortcutOf(key({ key: "l", code: "KeyL", ctrlKey: true }), true)).toBe("lock");
    expect(shortcutOf(key({ key: "H", code: "KeyH", ctrlKey: true, shiftKey: true }), true)).toBe("guard");
    expect(shortcutOf(key({ key: "ㅗ", code: "KeyH", ctrlKey: true, shiftKey: true }), false)).toBe("guard");
    expect(shortcutOf(key({ key: "n", code: "KeyN", ctrlKey: true }), false)).toBe("newCase");
    expect(shortcutOf(key({ key: "F1" }), true)).toBe("help");
    expect(shortcutOf(key({ key: "?" }), false)).toBe("help");
    expect(shortcutOf(key({ key: "?" }), true)).toBeNull();
    expect(shortcutOf(key({ key: "l" }), false)).toBeNull();
    expect(shortcutOf(key({ key: "l", code: "KeyL", ctrlKey: true, isComposing: true }), false)).toBeNull();
  });
});

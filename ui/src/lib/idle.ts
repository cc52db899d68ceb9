// Auto-lock: the vault locks after so many minutes with no keyboard, mouse or pointer input.
// The shell counts them (src/lock.rs); the UI reports input and keeps the delays in range.

import {
  AUTO_LOCK_DEFAULT_MINUTES,
  AUTO_LOCK_MAX_MINUTES,
  AUTO_LOCK_MIN_MINUTES,
  SESSION_AUTO_LOCK_DEFAULT_MINUTES,
} from "./bindings/rules";

export const ACTIVITY_EVENTS = [
  "keydown",
  "mousedown",
  "mousemove",
  "pointerdown",
  "wheel",
  "touchstart",
] as const;

/**
 * Calls `onActivity` at the first input, then at most once every `everyMs` while input goes
 * on: the shell keeps the idle clock (accord::lock), the UI only tells it the mediator is
 * there. Returns a function that stops watching.
 */
export function watchActivity(target: EventTarget, everyMs: number, onActivity: () => void): () => void {
  let last = -Infinity;
  const poke = () => {
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    onActivity();
  };
  for (const name of ACTIVITY_EVENTS) {
    target.addEventListener(name, poke, { capture: true, passive: true });
  }
  return () => {
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, poke, true);
  };
}

/** How often input is reported at most: the lock may come this much early, no more. */
export const ACTIVITY_REPORT_MS = 5_000;

export { AUTO_LOCK_DEFAULT_MINUTES, AUTO_LOCK_MAX_MINUTES, AUTO_LOCK_MIN_MINUTES, SESSION_AUTO_LOCK_DEFAULT_MINUTES };

export function clampAutoLock(minutes: number, fallback: number = AUTO_LOCK_DEFAULT_MINUTES): number {
  if (!Number.isFinite(minutes)) return fallback;
  return Math.min(AUTO_LOCK_MAX_MINUTES, Math.max(AUTO_LOCK_MIN_MINUTES, Math.round(minutes)));
}

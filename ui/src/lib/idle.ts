// Auto-lock: the vault locks after so many minutes with no keyboard, mouse or pointer input.

export const ACTIVITY_EVENTS = [
  "keydown",
  "mousedown",
  "mousemove",
  "pointerdown",
  "wheel",
  "touchstart",
] as const;

/**
 * Calls `onIdle` once `ms` pass without activity on `target`. Activity only stamps the time
 * (mouse moves are frequent); the single timer re-arms itself for what remains.
 * Returns a function that stops watching.
 */
export function watchIdle(target: EventTarget, ms: number, onIdle: () => void): () => void {
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poke = () => {
    last = Date.now();
  };
  const check = () => {
    const quiet = Date.now() - last;
    if (quiet >= ms) {
      stop();
      onIdle();
    } else {
      timer = setTimeout(check, ms - quiet);
    }
  };
  const stop = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, poke, true);
  };
  for (const name of ACTIVITY_EVENTS) {
    target.addEventListener(name, poke, { capture: true, passive: true });
  }
  timer = setTimeout(check, ms);
  return stop;
}

export const AUTO_LOCK_DEFAULT_MINUTES = 10;
export const AUTO_LOCK_MIN_MINUTES = 1;
export const AUTO_LOCK_MAX_MINUTES = 240;

export function clampAutoLock(minutes: number): number {
  if (!Number.isFinite(minutes)) return AUTO_LOCK_DEFAULT_MINUTES;
  return Math.min(AUTO_LOCK_MAX_MINUTES, Math.max(AUTO_LOCK_MIN_MINUTES, Math.round(minutes)));
}

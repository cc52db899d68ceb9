// The app's keyboard shortcuts: one place decides what a key means. Labels shown to the
// mediator come from the catalogs (`shortcut.*`).

import type { Step } from "./bindings/Step";

export type Shortcut = "lock" | "guard" | "help" | "newCase" | "newNote" | "search";

function ctrlOnly(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey;
}

/** Layout-independent: `code` for the physical key, `key` as a fallback. */
function isKey(e: KeyboardEvent, letter: string): boolean {
  return e.code === `Key${letter.toUpperCase()}` || e.key.toLowerCase() === letter;
}

export function shortcutOf(e: KeyboardEvent, typing: boolean): Shortcut | null {
  if (e.isComposing) return null;
  if (ctrlOnly(e) && e.shiftKey && isKey(e, "h")) return "guard";
  if (ctrlOnly(e) && !e.shiftKey && isKey(e, "l")) return "lock";
  if (ctrlOnly(e) && e.shiftKey && isKey(e, "n")) return "newNote";
  if (ctrlOnly(e) && !e.shiftKey && isKey(e, "n")) return "newCase";
  if (ctrlOnly(e) && !e.shiftKey && isKey(e, "k")) return "search";
  if (e.key === "F1") return "help";
  if (e.key === "?" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) return "help";
  return null;
}

/**
 * The agreement editor's keyboard moves, on a clause: Alt+Up / Alt+Down move it before the
 * previous or after the next clause, Alt+Right makes it a sub-clause of the previous one,
 * Alt+Left takes it out of its parent. Alt alone, so Ctrl+Alt and Shift+Alt stay the
 * system's and the input method's.
 */
export function clauseStepOf(e: KeyboardEvent): Step | null {
  if (e.isComposing || !e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  switch (e.key) {
    case "ArrowUp":
      return "up";
    case "ArrowDown":
      return "down";
    case "ArrowRight":
      return "indent";
    case "ArrowLeft":
      return "outdent";
    default:
      return null;
  }
}

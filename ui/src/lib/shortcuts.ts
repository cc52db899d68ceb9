// The app's keyboard shortcuts: one place decides what a key means. Labels shown to the
// mediator come from the catalogs (`shortcut.*`).

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

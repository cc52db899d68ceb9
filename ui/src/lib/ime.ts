// Chinese (and any other) input methods compose text with keystrokes: while a composition is
// open, Enter picks a candidate and must not submit, open or act. WebKit may report the
// Enter that ends a composition with `isComposing` false but keyCode 229, so both count.

export function isComposing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

/** Whether this key event is a plain Enter the app may act on (not IME, no modifiers). */
export function isPlainEnter(event: KeyboardEvent): boolean {
  return (
    event.key === "Enter" &&
    !isComposing(event) &&
    !event.shiftKey &&
    !event.altKey &&
    !event.ctrlKey &&
    !event.metaKey
  );
}

const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "file", "image"]);

/**
 * A form's keydown handler: Enter in a single-line text field submits the form, but never
 * while an input method is composing. The browser's own implicit submission is always
 * prevented so that this rule is the only one (WebKit has submitted mid-composition).
 */
export function submitOnEnter(event: KeyboardEvent): void {
  if (event.key !== "Enter") return;
  const target = event.target;
  if (!(target instanceof HTMLInputElement) || NON_TEXT_INPUTS.has(target.type)) return;
  event.preventDefault();
  if (!isPlainEnter(event)) return;
  target.form?.requestSubmit();
}

/** Whether the event comes from a place where typing text goes (so `/` or `?` are text). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return target.isContentEditable === true;
}

/** Svelte action for a <form>: Enter submits by `submitOnEnter`'s rules. */
export function enterSubmits(form: HTMLFormElement): { destroy: () => void } {
  form.addEventListener("keydown", submitOnEnter);
  return { destroy: () => form.removeEventListener("keydown", submitOnEnter) };
}

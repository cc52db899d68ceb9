// Small Svelte actions.

/** Focuses the element when it appears (instead of `autofocus`, which fires too early). */
export function focusOnMount(node: HTMLElement): void {
  node.focus();
}

// The caucus guard's shared state: whether a joint session is live (so caucus and private
// text must not appear unasked), and which notes the mediator has confirmed showing.
// Confirmations are forgotten when no joint session is live any more and when the vault
// locks (Workspace calls `forgetReveals`).

import { SvelteSet } from "svelte/reactivity";

import type { Backend } from "./backend/backend";
import { jointSessionLive } from "./notes";

const state = $state<{ known: boolean; jointLive: boolean }>({ known: false, jointLive: false });
const revealed = new SvelteSet<string>();
let checking: Promise<void> | null = null;

/** Asks the backend (once at a time) whether a joint session is live. */
export function refreshJointLive(backend: Backend): Promise<void> {
  checking ??= backend
    .agenda()
    .then((items) => {
      const live = jointSessionLive(items);
      if (!live) revealed.clear();
      state.jointLive = live;
      state.known = true;
    })
    .catch(() => {
      // Could not tell: err on the side of asking.
      state.jointLive = true;
      state.known = true;
    })
    .finally(() => {
      checking = null;
    });
  return checking;
}

export function guardKnown(): boolean {
  return state.known;
}

export function jointLive(): boolean {
  return state.jointLive;
}

export function isRevealed(noteId: string): boolean {
  return revealed.has(noteId);
}

export function reveal(noteId: string): void {
  revealed.add(noteId);
}

/** On lock, and in tests. */
export function forgetReveals(): void {
  revealed.clear();
  state.known = false;
  state.jointLive = false;
}

// The caucus guard's shared state: whether a joint session is live (so caucus and private
// text must not appear unasked), and which notes the mediator has confirmed showing.
// Confirmations are forgotten when no joint session is live any more and when the vault
// locks (Workspace calls `forgetReveals`).

import { SvelteSet } from "svelte/reactivity";

import type { Backend } from "./backend/backend";

const state = $state<{ known: boolean; jointLive: boolean }>({ known: false, jointLive: false });
const revealed = new SvelteSet<string>();
let checking: Promise<void> | null = null;
let again: Promise<void> | null = null;

function check(backend: Backend): Promise<void> {
  return backend
    .guardState()
    .then((guard) => {
      // The core decides (a joint session started and not ended, whatever its schedule):
      // never the agenda, which drops a session once its scheduled end has passed.
      const live = guard.joint_session_live;
      if (!live) revealed.clear();
      state.jointLive = live;
      state.known = true;
    })
    .catch(() => {
      // Could not tell: err on the side of asking.
      state.jointLive = true;
      state.known = true;
    });
}

/**
 * Asks the backend (once at a time) whether a joint session is live. A call made while an
 * answer is on its way asks once more after it, so a refresh right after a session starts
 * or ends never settles on an answer asked for before.
 */
export function refreshJointLive(backend: Backend): Promise<void> {
  if (checking === null) {
    checking = check(backend).finally(() => {
      checking = null;
    });
    return checking;
  }
  again ??= checking.then(() => {
    again = null;
    return refreshJointLive(backend);
  });
  return again;
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

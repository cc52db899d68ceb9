// Shared test helpers: render the app or a component with a Backend in context.

import { fireEvent, render, screen } from "@testing-library/svelte";
import type { Component } from "svelte";

import App from "../App.svelte";
import type { Backend } from "../lib/backend/backend";
import { BACKEND_KEY } from "../lib/backend/context";

export function renderApp(backend: Backend) {
  return render(App, { props: { backend } });
}

/** Renders a component that calls useBackend(), with `backend` in its context. */
export function renderWith<P extends Record<string, unknown>>(
  component: Component<P>,
  props: P,
  backend: Backend,
) {
  // MountOptions<P> is conditional on P, which TypeScript cannot resolve for a generic P.
  const loose = component as unknown as Component<Record<string, unknown>>;
  return render(loose, { props, context: new Map<unknown, unknown>([[BACKEND_KEY, backend]]) });
}

/** Presses a key combination on whatever has the focus (it bubbles to window). */
export function press(init: KeyboardEventInit & { key: string }, target?: Element | null) {
  return fireEvent.keyDown(target ?? document.activeElement ?? document.body, init);
}

export const CTRL_L = { key: "l", code: "KeyL", ctrlKey: true };
export const CTRL_SHIFT_H = { key: "H", code: "KeyH", ctrlKey: true, shiftKey: true };
export const CTRL_N = { key: "n", code: "KeyN", ctrlKey: true };

/** All text the DOM holds, including attribute values (titles, labels, data-*). */
export function everythingInDom(): string {
  return document.documentElement.outerHTML;
}

export async function unlockWith(passphrase: string) {
  const input = await screen.findByTestId("unlock-passphrase");
  await fireEvent.input(input, { target: { value: passphrase } });
  await fireEvent.click(screen.getByTestId("unlock-button"));
}

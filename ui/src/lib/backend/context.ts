// Components reach the Backend through Svelte context: App provides it (the Tauri one in the
// app, the fake in tests), and nothing imports an implementation directly.

import { getContext, setContext } from "svelte";

import type { Backend } from "./backend";

export const BACKEND_KEY = Symbol("accord.backend");

export function provideBackend(backend: Backend): void {
  setContext(BACKEND_KEY, backend);
}

export function useBackend(): Backend {
  const backend = getContext<Backend | undefined>(BACKEND_KEY);
  if (!backend) throw new Error("no Backend in context: render inside <App> or pass one");
  return backend;
}

import { mount } from "svelte";

import "./app.css";
import App from "./App.svelte";
import type { Backend } from "./lib/backend/backend";
import { TauriBackend } from "./lib/backend/tauri";

async function chooseBackend(): Promise<Backend> {
  // `npm run dev` in a plain browser (no Tauri shell): an in-memory demo, passphrase
  // "correct horse battery". Dead code in production builds, so the fake is not shipped.
  if (import.meta.env.DEV && !("__TAURI_INTERNALS__" in window)) {
    const { demoBackend } = await import("./lib/backend/fake");
    const { backend } = await demoBackend({ unlocked: false, unlockDelayMs: 700, rekeyDelayMs: 3000 });
    return backend;
  }
  return new TauriBackend();
}

const target = document.getElementById("app");
if (!target) throw new Error("#app is missing from index.html");

void chooseBackend().then((backend) => mount(App, { target, props: { backend } }));

import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/svelte";
import { afterEach } from "vitest";

import { forgetReveals } from "../lib/guard.svelte";
import { setLang } from "../lib/i18n/i18n.svelte";

afterEach(() => {
  cleanup();
  setLang("en");
  forgetReveals();
});

/// <reference types="vitest/config" />
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";

// Accord runs under a strict CSP (no inline scripts or styles, no network):
// Svelte's CSS goes to a file (`css: "external"` + emitCss), nothing is inlined as data,
// and no module-preload polyfill is injected.
export default defineConfig({
  plugins: [
    svelte({
      emitCss: true,
      compilerOptions: { css: "external", runes: true },
    }),
  ],
  base: "./",
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts", "src/**/*.test.svelte.ts"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
  },
});

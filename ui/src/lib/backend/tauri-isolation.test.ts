// Only tauri.ts may import @tauri-apps/*: everything else goes through the Backend interface,
// so components run on the fake in tests and the IPC surface stays in one file.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "..", "..");
const ALLOWED = ["lib", "backend", "tauri.ts"].join(sep);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|svelte|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

// Static imports and re-exports (from …), side-effect and dynamic imports, and require().
const TAURI_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']@tauri-apps\//;

describe("Tauri isolation", () => {
  it("no file under src/ but lib/backend/tauri.ts imports @tauri-apps/*", () => {
    const offenders = sourceFiles(SRC)
      .filter((path) => relative(SRC, path) !== ALLOWED)
      .filter((path) => TAURI_IMPORT.test(readFileSync(path, "utf8")))
      .map((path) => relative(SRC, path));
    expect(offenders, "these files must use the Backend interface instead").toEqual([]);
  });

  it("tauri.ts itself does import it (the scan would notice a moved file)", () => {
    expect(TAURI_IMPORT.test(readFileSync(join(SRC, ALLOWED), "utf8"))).toBe(true);
  });
});

// The app runs under a strict CSP (no inline scripts or styles, no eval) in a webview whose
// own storage lives outside the encrypted vault. These scans keep the sources within that.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const UI = join(__dirname, "..", "..");
const SRC = join(UI, "src");

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, pattern);
    return pattern.test(name) ? [path] : [];
  });
}

const appSources = () =>
  files(SRC, /\.(ts|svelte)$/).filter((p) => !/\.test(\.svelte)?\.ts$/.test(p) && !p.includes(`${join("src", "test")}`));

function scan(paths: string[], pattern: RegExp): string[] {
  return paths.flatMap((path) =>
    readFileSync(path, "utf8")
      .split("\n")
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => pattern.test(line))
      .map(({ line, i }) => `${relative(UI, path)}:${i + 1}: ${line.trim()}`),
  );
}

describe("CSP and storage hygiene", () => {
  it("index.html has no inline script, inline style or style attribute", () => {
    const html = readFileSync(join(UI, "index.html"), "utf8");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("components set no inline styles (no style= attributes, no style: directives)", () => {
    const svelte = files(SRC, /\.svelte$/);
    expect(scan(svelte, /\sstyle=|\sstyle:[\w-]+/)).toEqual([]);
  });

  it("no eval, new Function or string timers", () => {
    expect(scan(appSources(), /\beval\(|new Function\(|setTimeout\(\s*["'`]|setInterval\(\s*["'`]/)).toEqual([]);
  });

  it("no webview storage of any kind (it lives outside the vault)", () => {
    expect(
      scan(appSources(), /localStorage|sessionStorage|indexedDB|document\.cookie|caches\.open|navigator\.storage/),
    ).toEqual([]);
  });

  it("no clipboard and no network", () => {
    expect(scan(appSources(), /navigator\.clipboard|execCommand\(|\bfetch\(|XMLHttpRequest|WebSocket|EventSource/)).toEqual([]);
    const handWritten = appSources().filter((p) => !p.includes(join("lib", "bindings")));
    expect(scan(handWritten, /https?:\/\//)).toEqual([]);
  });

  it("the build is configured to emit CSS as a file", () => {
    const config = readFileSync(join(UI, "vite.config.ts"), "utf8");
    expect(config).toMatch(/css:\s*"external"/);
    expect(config).toMatch(/emitCss:\s*true/);
  });
});

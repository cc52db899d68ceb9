// The fake's preview and export, held to commands/export.rs: the same argument rules
// (format, layout, a redline is pdf or docx only) checked before the vault is read, the
// same suggested file name, and a placeholder page in place of typst's rendering.

import type { Layout } from "../bindings/Layout";
import type { ExportFormat, ExportRequest } from "./backend";
import { fail } from "./fake";

const FORMATS: readonly ExportFormat[] = ["pdf", "docx", "html", "md"];
const LAYOUTS: readonly Layout[] = ["side-by-side", "sequential"];

/** A 1×1 white PNG: each preview page of the fake. */
export const PLACEHOLDER_PAGE =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==";

/** Clauses on one placeholder page, so a long agreement previews as several pages. */
export const CLAUSES_PER_PAGE = 6;

/** The export.rs `layout.parse()` rule. */
export function checkLayout(layout: string): void {
  if (!LAYOUTS.includes(layout as Layout)) fail("input.invalid", { field: "layout", value: `${layout} (one of: ${LAYOUTS.join(", ")})` });
}

/** export.rs `ExportRequest::parse`. */
export function checkExport(r: ExportRequest): void {
  if (!FORMATS.includes(r.format)) fail("input.invalid", { field: "format", value: `${r.format} (one of: pdf, docx, html, md)` });
  checkLayout(r.layout);
  if (r.redlineFrom !== null && r.format !== "pdf" && r.format !== "docx") {
    fail("input.invalid", { field: "format", value: `${r.format} (a redline is pdf or docx)` });
  }
}

/** export.rs `ExportRequest::file_name`. */
export function exportFileName(title: string, r: ExportRequest): string {
  const cleaned = [...title]
    .map((c) => (/[/\\:*?"<>|\p{Cc}\u200b\u200e\u200f\u061c\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u.test(c) ? " " : c))
    .join("");
  const joined = [...cleaned.split(/\s+/).filter(Boolean).join(" ")].slice(0, 80).join("");
  const stem = joined.replace(/^[. ]+/, "").replace(/[. ]+$/, "") || "agreement";
  const which = (v: number | null) => (v === null ? "draft" : `v${v}`);
  const what = r.redlineFrom === null ? which(r.version) : `redline v${r.redlineFrom}-${which(r.version)}`;
  return `${stem} ${what}.${r.format}`;
}

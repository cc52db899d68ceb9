// Preview and export in the agreement editor: the pages shown one image each, the export
// buttons asking the shell with the text on screen (the draft, a version, the redline),
// a cancelled save dialog showing nothing, and a refusal shown as its message.

import { cleanup, fireEvent, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";

import AgreementEditor from "../../lib/agreements/AgreementEditor.svelte";
import type { Place } from "../../lib/bindings/Place";
import { BackendError } from "../../lib/backend/backend";
import { demoBackend } from "../../lib/backend/fake";
import { CLAUSES_PER_PAGE, exportFileName } from "../../lib/backend/fake-export";
import { setLang } from "../../lib/i18n/i18n.svelte";
import { renderWith } from "../helpers";

const END: Place = { kind: "end" };
const words = (text_en: string) => ({ heading_en: "", heading_zh: "", text_en, text_zh: `${text_en}（中）` });

async function editor(clauses: number, versions = 0) {
  const demo = await demoBackend();
  const a = await demo.backend.createAgreement(demo.caseId, { title_en: "Harbour settlement" }, []);
  for (let i = 0; i < clauses; i++) await demo.backend.addClause(a.id, words(`Clause ${i + 1}`), END);
  for (let v = 1; v <= versions; v++) await demo.backend.saveVersion(a.id, `Sent ${v}`);
  const detail = await demo.backend.caseDetail(demo.caseId);
  renderWith(AgreementEditor, { agreementId: a.id, caseId: demo.caseId, parties: detail.parties, closed: false }, demo.backend);
  await screen.findByTestId("preview");
  return { ...demo, agreementId: a.id };
}

afterEach(() => {
  cleanup();
  setLang("en");
});

describe("preview and export", () => {
  it("shows one image per page of the chosen text and layout", async () => {
    const { backend, agreementId } = await editor(CLAUSES_PER_PAGE + 1, 1);
    const preview = vi.spyOn(backend, "previewAgreement");
    await fireEvent.click(screen.getByTestId("preview-show"));
    await waitFor(() => expect(screen.getAllByTestId("preview-page")).toHaveLength(2));
    expect(preview).toHaveBeenLastCalledWith(agreementId, null, "side-by-side");
    expect(screen.getAllByTestId("preview-page")[1]!.getAttribute("alt")).toBe("Page 2 of 2");
    expect(screen.getAllByTestId("preview-page")[0]!.getAttribute("src")).toMatch(/^data:image\/png;base64,/);

    await fireEvent.change(screen.getByTestId("preview-version"), { target: { value: "1" } });
    await fireEvent.change(screen.getByTestId("preview-layout"), { target: { value: "sequential" } });
    await fireEvent.click(screen.getByTestId("preview-show"));
    await waitFor(() => expect(preview).toHaveBeenLastCalledWith(agreementId, 1, "sequential"));
  });

  it("exports the draft in each format with the layout chosen, and says where it went", async () => {
    const { backend, agreementId } = await editor(1, 1);
    const exported = vi.spyOn(backend, "exportAgreement");
    for (const format of ["pdf", "docx", "html", "md"] as const) {
      await fireEvent.click(screen.getByTestId(`export-${format}`));
      await waitFor(() => expect(exported).toHaveBeenLastCalledWith(agreementId, { format, layout: "side-by-side", version: null, redlineFrom: null }));
      await waitFor(() => expect(screen.getByTestId("export-saved")).toHaveTextContent(`Saved to /home/mediator/Documents/Harbour settlement draft.${format}`));
    }

    await fireEvent.change(screen.getByTestId("preview-version"), { target: { value: "1" } });
    await fireEvent.change(screen.getByTestId("preview-layout"), { target: { value: "sequential" } });
    await fireEvent.click(screen.getByTestId("export-docx"));
    await waitFor(() => expect(exported).toHaveBeenLastCalledWith(agreementId, { format: "docx", layout: "sequential", version: 1, redlineFrom: null }));
    await waitFor(() => expect(screen.getByTestId("export-saved")).toHaveTextContent("Harbour settlement v1.docx"));
  });

  it("waits while an export runs: the buttons are disabled and the one pressed says so", async () => {
    const { backend } = await editor(1);
    let finish: (path: string | null) => void = () => undefined;
    vi.spyOn(backend, "exportAgreement").mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    await fireEvent.click(screen.getByTestId("export-pdf"));
    await waitFor(() => expect(screen.getByTestId("export-pdf")).toHaveTextContent("Exporting…"));
    expect(screen.getByTestId("export-md")).toBeDisabled();
    finish(null);
    await waitFor(() => expect(screen.getByTestId("export-md")).toBeEnabled());
  });

  it("shows nothing when the mediator cancels the save dialog", async () => {
    const { backend } = await editor(1);
    backend.cancelExport = true;
    const exported = vi.spyOn(backend, "exportAgreement");
    await fireEvent.click(screen.getByTestId("export-pdf"));
    await waitFor(() => expect(exported).toHaveBeenCalled());
    await waitFor(() => expect(screen.getByTestId("export-pdf")).toBeEnabled());
    expect(screen.queryByTestId("export-saved")).toBeNull();
    expect(screen.queryByTestId("export-error")).toBeNull();
  });

  it("exports the redline shown as PDF or Word, from its version to the draft", async () => {
    const { backend, agreementId } = await editor(1, 1);
    await fireEvent.click(screen.getByTestId("redline-show"));
    const exported = vi.spyOn(backend, "exportAgreement");
    await fireEvent.click(await screen.findByTestId("redline-export-docx"));
    await waitFor(() => expect(exported).toHaveBeenLastCalledWith(agreementId, { format: "docx", layout: "side-by-side", version: null, redlineFrom: 1 }));
    await waitFor(() => expect(screen.getByTestId("redline-export-saved")).toHaveTextContent("Harbour settlement redline v1-draft.docx"));
    expect(screen.queryByTestId("redline-export-html")).toBeNull();
    await fireEvent.click(screen.getByTestId("redline-export-pdf"));
    await waitFor(() => expect(exported).toHaveBeenLastCalledWith(agreementId, { format: "pdf", layout: "side-by-side", version: null, redlineFrom: 1 }));
  });

  it("shows a refused export or preview as its message, in the mediator's language", async () => {
    const { backend } = await editor(1);
    setLang("zh-Hant");
    vi.spyOn(backend, "exportAgreement").mockRejectedValue(new BackendError({ code: "agreement.print_failed", args: { detail: "font" }, message: "x" }));
    vi.spyOn(backend, "previewAgreement").mockRejectedValue(new BackendError({ code: "vault.locked", args: {}, message: "x" }));
    await fireEvent.click(screen.getByTestId("export-pdf"));
    const error = await screen.findByTestId("export-error");
    expect(error.textContent).not.toBe("");
    expect(error.textContent).not.toContain("agreement.print_failed");
    await fireEvent.click(screen.getByTestId("preview-show"));
    expect((await screen.findByTestId("preview-error")).textContent).not.toContain("vault.locked");
    expect(screen.queryByTestId("preview-page")).toBeNull();
  });
});

describe("the fake's export rules (commands/export.rs)", () => {
  it("refuses a redline in HTML or Markdown before anything else, as the shell does", async () => {
    const { backend, agreementId } = await demoWithVersion();
    for (const format of ["html", "md"] as const) {
      await expect(backend.exportAgreement(agreementId, { format, layout: "side-by-side", version: null, redlineFrom: 1 })).rejects.toMatchObject({
        code: "input.invalid",
        report: { args: { field: "format" } },
      });
    }
    await expect(backend.exportAgreement(agreementId, { format: "pdf", layout: "side-by-side", version: null, redlineFrom: 1 })).resolves.toMatch(/redline v1-draft\.pdf$/);
    await expect(backend.exportAgreement(agreementId, { format: "pdf", layout: "side-by-side", version: 9, redlineFrom: null })).rejects.toMatchObject({ code: "input.not_found" });
    await expect(backend.previewAgreement(agreementId, null, "diagonal" as never)).rejects.toMatchObject({ code: "input.invalid", report: { args: { field: "layout" } } });
  });

  it("suggests the same safe file names as the shell", () => {
    const draft = { format: "pdf" as const, layout: "side-by-side" as const, version: null, redlineFrom: null };
    expect(exportFileName("../../etc/passwd", draft)).toBe("etc passwd draft.pdf");
    expect(exportFileName("a\u0000b\nc\u202ed", draft)).toBe("a b c d draft.pdf");
    expect(exportFileName("...", draft)).toBe("agreement draft.pdf");
    expect(exportFileName("和解協議 / Settlement", { ...draft, version: 2, redlineFrom: 1 })).toBe("和解協議 Settlement redline v1-v2.pdf");
  });
});

async function demoWithVersion() {
  const demo = await demoBackend();
  const a = await demo.backend.createAgreement(demo.caseId, { title_en: "Harbour settlement" }, []);
  await demo.backend.addClause(a.id, words("Clause 1"), END);
  await demo.backend.saveVersion(a.id, "Sent");
  return { backend: demo.backend, agreementId: a.id };
}

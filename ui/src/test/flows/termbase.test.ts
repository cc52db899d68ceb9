// The termbase screen: filter, add, edit, remove (asked once more), import and export.

import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";

import { demoBackend } from "../../lib/backend/fake";
import { renderApp } from "../helpers";

async function start() {
  const demo = await demoBackend({ keyring: "enabled" });
  demo.backend.restart(); // the app starts on a vault set up before it
  renderApp(demo.backend);
  await fireEvent.click(await screen.findByTestId("nav-terms"));
  await waitFor(() => expect(screen.getAllByTestId("term-row")).toHaveLength(4));
  return demo;
}

async function input(testid: string, value: string) {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}
const rowOf = (en: string) => screen.getAllByTestId("term-row").find((row) => row.dataset.en === en);
const names = () => screen.queryAllByTestId("term-row").map((row) => row.dataset.en);

function csvFile(text: string): File {
  return new File([text], "terms.csv", { type: "text/csv" });
}

describe("termbase", () => {
  it("lists the seed with origin badges and filters by any of the three forms", async () => {
    await start();
    expect(screen.getByTestId("nav-terms")).toHaveAttribute("aria-current", "page");
    const row = rowOf("settlement agreement");
    expect(row).toHaveTextContent("和解协议");
    expect(row).toHaveTextContent("和解協議");
    expect(within(row as HTMLElement).getByTestId("term-origin")).toHaveTextContent("Built-in");
    await input("term-filter", "協議");
    await waitFor(() => expect(names()).toEqual(["settlement agreement"]));
    await input("term-filter", "调解");
    await waitFor(() => expect(names()).toEqual(["mediation"]));
    await input("term-filter", "nothing like it");
    expect(await screen.findByTestId("term-list-empty")).toHaveTextContent("No term matches this filter.");
  });

  it("adds a term, refusing one without Chinese; edits it; removes it after confirming", async () => {
    await start();
    await fireEvent.click(screen.getByTestId("term-add"));
    expect(screen.getByTestId("term-en")).toHaveFocus();
    await input("term-en", "good faith");
    await fireEvent.click(screen.getByTestId("term-save"));
    expect(await screen.findByTestId("term-form-error")).toHaveTextContent(
      "The Chinese term (Simplified or Traditional) is required.",
    );
    await input("term-zh-hans", "诚信");
    await input("term-zh-hant", "誠信");
    await fireEvent.click(screen.getByTestId("term-save"));
    await waitFor(() => expect(names()).toContain("good faith"));
    expect(screen.queryByTestId("term-form")).toBeNull();
    const row = rowOf("good faith") as HTMLElement;
    expect(within(row).getByTestId("term-origin")).toHaveAttribute("data-origin", "mediator");

    await fireEvent.click(within(row).getByTestId("term-edit"));
    expect(screen.getByTestId<HTMLInputElement>("term-zh-hans").value).toBe("诚信");
    await input("term-domain", "principles");
    await fireEvent.click(screen.getByTestId("term-save"));
    await waitFor(() => expect(rowOf("good faith")).toHaveTextContent("principles"));

    await fireEvent.click(within(rowOf("good faith") as HTMLElement).getByTestId("term-remove"));
    expect(screen.getByTestId("term-remove-cancel")).toHaveFocus();
    await fireEvent.click(screen.getByTestId("term-remove-cancel"));
    expect(names()).toContain("good faith");
    await fireEvent.click(within(rowOf("good faith") as HTMLElement).getByTestId("term-remove"));
    await fireEvent.click(screen.getByTestId("term-remove-confirm"));
    await waitFor(() => expect(names()).not.toContain("good faith"));
  });

  it("a duplicate English term is refused in the interface language", async () => {
    await start();
    await fireEvent.change(screen.getByTestId("language-select"), { target: { value: "zh-Hans" } });
    await fireEvent.click(screen.getByTestId("term-add"));
    await input("term-en", "Mediation");
    await input("term-zh-hans", "调停");
    await fireEvent.click(screen.getByTestId("term-save"));
    expect(await screen.findByTestId("term-form-error")).toHaveTextContent("英文术语");
  });

  it("imports a CSV file and shows the report; a bad line is named and nothing changes", async () => {
    const { backend } = await start();
    const bad = "en,zh_hans,zh_hant,domain,note\ngood faith,诚信,誠信,,\nbroken,,,,\n";
    await fireEvent.change(screen.getByTestId("term-import"), { target: { files: [csvFile(bad)] } });
    expect(await screen.findByTestId("term-import-error")).toHaveTextContent(
      /The file was not imported: line 3 cannot be read .* Nothing was changed\./,
    );
    expect(backend.termbase.terms.size).toBe(4);

    const good = "en,zh_hans,zh_hant,domain,note\ngood faith,诚信,誠信,,\nmediation,调解,調解,,\n";
    await fireEvent.change(screen.getByTestId("term-import"), { target: { files: [csvFile(good)] } });
    expect(await screen.findByTestId("term-import-report")).toHaveTextContent(
      "Imported: 1 added, 0 updated, 1 unchanged.",
    );
    expect(screen.queryByTestId("term-import-error")).toBeNull();
    await waitFor(() => expect(names()).toContain("good faith"));
    expect(within(rowOf("good faith") as HTMLElement).getByTestId("term-origin")).toHaveTextContent("Imported");
  });

  it("exports and shows the path written", async () => {
    const { backend } = await start();
    await fireEvent.click(screen.getByTestId("term-export"));
    expect(await screen.findByTestId("term-export-path")).toHaveTextContent("/fake/Downloads/accord-termbase.csv");
    expect(backend.termbase.lastExport).toContain("settlement agreement,和解协议,和解協議");
  });
});

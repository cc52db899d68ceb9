// Term hints beside the note editor: highlighted terms (UTF-16 offsets), counterparts to
// insert, gaps both ways, empty sides, and stale responses ignored.

import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";

import { FakeBackend } from "../../lib/backend/fake";
import type { TermMatch } from "../../lib/bindings/TermMatch";
import TermHints from "../../lib/components/TermHints.svelte";
import { renderWith } from "../helpers";

function setup(props: { textEn: string; textZh: string; script: "hans" | "hant"; onInsert?: ReturnType<typeof vi.fn> }) {
  const backend = new FakeBackend({ unlocked: true });
  const view = renderWith(TermHints, props, backend);
  return { backend, ...view };
}

const marks = (side: "en" | "zh") =>
  [...screen.getByTestId(`term-hints-${side}`).querySelectorAll("mark")].map((m) => m.textContent);

describe("TermHints", () => {
  it("highlights Chinese terms after an emoji at the right place and offers counterparts", async () => {
    const onInsert = vi.fn();
    setup({ textEn: "", textZh: "🙂👍 双方签署和解協議，并同意保密。", script: "hant", onInsert });
    await waitFor(() => expect(marks("zh")).toEqual(["和解協議", "保密"]));
    const zh = screen.getByTestId("term-hints-zh");
    expect(zh.querySelector("p.text")).toHaveTextContent("🙂👍 双方签署和解協議，并同意保密。");
    const first = zh.querySelector("mark");
    expect(first).toHaveAttribute("data-start", "9"); // 2 emoji (4 UTF-16 units) + space + 4 characters
    expect(within(screen.getByTestId("term-hints-en")).getByText("This side is empty.")).toBeInTheDocument();

    const offers = within(zh).getAllByTestId("term-hint");
    expect(offers.map((o) => within(o).getByTestId("term-hint-counterpart").textContent)).toEqual([
      "settlement agreement",
      "confidentiality",
    ]);
    await fireEvent.click(within(offers[0] as HTMLElement).getByTestId("term-hint-insert"));
    expect(onInsert).toHaveBeenCalledWith("en", "settlement agreement");
    expect(screen.queryByTestId("term-gap")).toBeNull(); // nothing compared while English is empty
  });

  it("offers the Chinese counterpart in the note's script and lists gaps both ways", async () => {
    const onInsert = vi.fn();
    setup({
      textEn: "Mediation under strict confidentiality.",
      textZh: "调解在保密下进行，另附和解协议。",
      script: "hans",
      onInsert,
    });
    await waitFor(() => expect(marks("en")).toEqual(["Mediation", "confidentiality"]));
    const en = screen.getByTestId("term-hints-en");
    expect(within(en).getAllByTestId("term-hint-counterpart").map((c) => c.textContent)).toEqual(["调解", "保密"]);
    await fireEvent.click(within(en).getAllByTestId("term-hint-insert")[0] as HTMLElement);
    expect(onInsert).toHaveBeenLastCalledWith("zh", "调解");

    await waitFor(() => expect(screen.getByTestId("term-gaps-en")).toBeInTheDocument());
    expect(screen.queryByTestId("term-gaps-zh")).toBeNull();
    const gap = within(screen.getByTestId("term-gaps-en")).getByTestId("term-gap");
    expect(gap).toHaveAttribute("data-found-in", "zh");
    expect(gap).toHaveTextContent("和解协议");
    expect(gap).toHaveTextContent("settlement agreement");
    await fireEvent.click(within(gap).getByTestId("term-gap-insert"));
    expect(onInsert).toHaveBeenLastCalledWith("en", "settlement agreement");
  });

  it("lists an English term missing from the Chinese", async () => {
    setup({ textEn: "The settlement agreement binds both.", textZh: "双方均受约束。", script: "hans" });
    const gaps = await screen.findByTestId("term-gaps-zh");
    expect(gaps).toHaveTextContent("In the English but missing in the Chinese");
    expect(within(gaps).getByTestId("term-gap")).toHaveTextContent("和解协议");
    expect(screen.queryByTestId("term-hint-insert")).toBeNull(); // no onInsert, no buttons
  });

  it("copes with both sides empty (asks nothing)", async () => {
    const { backend } = setup({ textEn: "", textZh: "", script: "hans" });
    const matches = vi.spyOn(backend, "termMatches");
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(matches).not.toHaveBeenCalled();
    expect(screen.getAllByText("This side is empty.")).toHaveLength(2);
  });

  it("debounces rapid changes and ignores a stale response", async () => {
    const backend = new FakeBackend({ unlocked: true });
    const real = backend.termMatches.bind(backend);
    let releaseFirst: () => void = () => undefined;
    const spy = vi.spyOn(backend, "termMatches").mockImplementation(async (text, side, script) => {
      const answer = await real(text, side, script);
      if (text.startsWith("mediation")) await new Promise<void>((resolve) => (releaseFirst = resolve));
      return answer;
    });
    const view = renderWith(TermHints, { textEn: "mediation first", textZh: "", script: "hans" }, backend);
    await waitFor(() => expect(spy).toHaveBeenCalledTimes(1));
    await view.rerender({ textEn: "c", textZh: "", script: "hans" });
    await view.rerender({ textEn: "co", textZh: "", script: "hans" });
    await view.rerender({ textEn: "confidentiality second", textZh: "", script: "hans" });
    await waitFor(() => expect(marks("en")).toEqual(["confidentiality"]));
    expect(spy).toHaveBeenCalledTimes(2); // the three quick changes made one request
    releaseFirst();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(marks("en")).toEqual(["confidentiality"]);
    expect(screen.getByTestId("term-hints-en")).toHaveTextContent("confidentiality second");
  });

  it("groups two terms sharing one Chinese form on one mark", async () => {
    const backend = new FakeBackend({ unlocked: true });
    const term = (id: string, en: string) => ({
      id,
      en,
      zh_hans: "调解",
      zh_hant: null,
      domain: null,
      note: null,
      origin: "seed" as const,
      updated_at: "",
    });
    const both: TermMatch[] = [
      { term: term("a", "mediation"), side: "zh", start: 0, end: 2, counterpart: "mediation" },
      { term: term("b", "conciliation"), side: "zh", start: 0, end: 2, counterpart: "conciliation" },
    ];
    vi.spyOn(backend, "termMatches").mockResolvedValue(both);
    renderWith(TermHints, { textEn: "", textZh: "调解", script: "hans" }, backend);
    await waitFor(() => expect(screen.getAllByTestId("term-hint")).toHaveLength(2));
    expect(marks("zh")).toEqual(["调解"]);
  });
});

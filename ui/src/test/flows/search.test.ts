// Searching notes: typing, filters, "as seen by" a party, highlighted snippets, errors, paging.

import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";

import { demoBackend } from "../../lib/backend/fake";
import type { SearchableNote } from "../../lib/backend/fake-search";
import { press, renderApp } from "../helpers";

const CTRL_K = { key: "k", code: "KeyK", ctrlKey: true };

async function start() {
  const demo = await demoBackend({ keyring: "enabled" });
  const [partyA, partyB] = demo.partyIds;
  const other = await demo.backend.createCase({ kind: "commercial", title_en: "Tariff Dispute", co_mediators: [] });
  const note = (id: string, over: Partial<SearchableNote>): SearchableNote => ({
    id,
    case_id: demo.caseId,
    session_id: null,
    visibility: "shared",
    party_id: null,
    tags: [],
    text_en: "",
    text_zh: "",
    created_at: "2026-03-02T02:00:00Z",
    updated_at: "2026-03-02T02:00:00Z",
    ...over,
  });
  demo.backend.searchable.push(
    note("n-shared", {
      text_en: "The settlement agreement is signed in Hong Kong.",
      text_zh: "和解协议在香港签署。",
      tags: ["proposal"],
    }),
    note("n-caucus-a", { visibility: "caucus", party_id: partyA, text_en: "Lantau would accept a settlement below 40m.", tags: ["interest"] }),
    note("n-caucus-b", { visibility: "caucus", party_id: partyB, text_en: "Azuria's cabinet must approve any settlement." }),
    note("n-private", { visibility: "private", text_en: "Settlement seems near.", created_at: "2026-05-01T00:00:00Z" }),
  );
  for (let i = 0; i < 25; i++) {
    const at = `2026-04-${String(i + 1).padStart(2, "0")}T00:00:00Z`;
    demo.backend.searchable.push(note(`n-tariff-${i}`, { case_id: other.id, text_en: `Tariff schedule item ${i}`, created_at: at, updated_at: at }));
  }
  demo.backend.restart(); // the app starts on a vault set up before it
  renderApp(demo.backend);
  await screen.findAllByTestId("case-row");
  return demo;
}

async function type(value: string) {
  await fireEvent.input(screen.getByTestId("search-input"), { target: { value } });
}
async function select(testid: string, value: string) {
  await fireEvent.change(screen.getByTestId(testid), { target: { value } });
}
const resultIds = () => screen.queryAllByTestId("search-result").map((li) => li.getAttribute("data-note-id"));

describe("search", () => {
  it("Ctrl+K opens it from anywhere, focused; the nav button too", async () => {
    await start();
    await press(CTRL_K);
    expect(await screen.findByTestId("search-input")).toHaveFocus();
    expect(screen.getByTestId("nav-search")).toHaveAttribute("aria-current", "page");
    await fireEvent.click(screen.getByTestId("nav-cases"));
    await fireEvent.click(screen.getByTestId("nav-search"));
    expect(await screen.findByTestId("search-empty")).toBeInTheDocument();
  });

  it("searches as the mediator types (once, after a pause), with highlighted snippets", async () => {
    const { backend } = await start();
    const search = vi.spyOn(backend, "searchNotes");
    await press(CTRL_K);
    await screen.findByTestId("search-input");
    await type("s");
    await type("se");
    await type("settlement");
    await waitFor(() => expect(resultIds()).toHaveLength(4));
    expect(search).toHaveBeenCalledTimes(1);
    expect(search).toHaveBeenLastCalledWith({ text: "settlement", limit: 20, offset: 0 });
    expect(screen.getByTestId("search-total")).toHaveTextContent("1–4 of 4 notes");

    const shared = screen.getAllByTestId("search-result").find((li) => li.dataset.noteId === "n-shared");
    if (!shared) throw new Error("no shared hit");
    const marks = [...shared.querySelectorAll("mark")].map((m) => m.textContent);
    expect(marks).toEqual(["settlement"]);
    expect(within(shared).getByTestId("search-snippet-en")).toHaveTextContent("The settlement agreement is signed in Hong Kong.");
    expect(within(shared).getByTestId("search-tag-badge")).toHaveAttribute("data-tag", "proposal");
    expect(within(shared).getByTestId("search-visibility-badge")).toHaveTextContent("Shared");

    const caucus = screen.getAllByTestId("search-result").find((li) => li.dataset.noteId === "n-caucus-a");
    if (!caucus) throw new Error("no caucus hit");
    await waitFor(() =>
      expect(within(caucus).getByTestId("confidentiality-badge")).toHaveTextContent("Lantau Infrastructure Ltd"),
    );

    await type("和解");
    await waitFor(() => expect(resultIds()).toEqual(["n-shared"]));
    expect(screen.getByTestId("search-snippet-zh").querySelector("mark")?.textContent).toBe("和解");
  });

  it("fragments are text, never markup", async () => {
    const { backend } = await start();
    backend.searchable.push({
      id: "n-html",
      case_id: [...backend.cases.keys()][0] ?? "",
      session_id: null,
      visibility: "shared",
      party_id: null,
      tags: [],
      text_en: "<img src=x onerror=alert(1)> settlement <b>bold</b>",
      text_zh: "",
      created_at: "2026-03-02T02:00:00Z",
      updated_at: "2026-03-02T02:00:00Z",
    });
    await press(CTRL_K);
    await type("bold");
    await waitFor(() => expect(resultIds()).toEqual(["n-html"]));
    const snippet = screen.getByTestId("search-snippet-en");
    expect(snippet.querySelector("img, b")).toBeNull();
    expect(snippet).toHaveTextContent("<img src=x onerror=alert(1)> settlement <b>bold</b>");
  });

  it("filters by case, party, visibility, tag and dates; as a party hides another party's caucus note", async () => {
    const { caseId, partyIds } = await start();
    await press(CTRL_K);
    await type("settlement");
    await waitFor(() => expect(resultIds()).toHaveLength(4));

    expect(screen.queryByTestId("search-as-party")).toBeNull();
    await select("search-case", caseId);
    const asParty = await screen.findByTestId("search-as-party");
    await waitFor(() => expect(within(asParty).getAllByRole("option")).toHaveLength(3));
    await select("search-as-party", partyIds[0]);
    await waitFor(() => expect(resultIds().sort()).toEqual(["n-caucus-a", "n-shared"]));
    expect(screen.getByText(/another party's caucus notes and private notes are left out/i)).toBeInTheDocument();

    await select("search-as-party", partyIds[1]);
    await waitFor(() => expect(resultIds().sort()).toEqual(["n-caucus-b", "n-shared"]));
    await select("search-as-party", "");
    await select("search-party", partyIds[1]);
    await waitFor(() => expect(resultIds()).toEqual(["n-caucus-b"]));
    await select("search-party", "");

    await select("search-visibility", "private");
    await waitFor(() => expect(resultIds()).toEqual(["n-private"]));
    await select("search-visibility", "");
    await select("search-tag", "interest");
    await waitFor(() => expect(resultIds()).toEqual(["n-caucus-a"]));
    await select("search-tag", "");
    await fireEvent.input(screen.getByTestId("search-from"), { target: { value: "2026-04-01" } });
    await waitFor(() => expect(resultIds()).toEqual(["n-private"]));
    await fireEvent.input(screen.getByTestId("search-to"), { target: { value: "2026-04-30" } });
    expect(await screen.findByTestId("search-no-results")).toHaveTextContent("No note matches this search.");
  });

  it("shows a translated error when there is nothing to search for; Enter searches at once", async () => {
    const { backend } = await start();
    await press(CTRL_K);
    const search = vi.spyOn(backend, "searchNotes");
    await type("!!! 🙂");
    await press({ key: "Enter" }, screen.getByTestId("search-input"));
    expect(search).toHaveBeenCalledTimes(1);
    expect(await screen.findByTestId("search-error")).toHaveTextContent(
      "Nothing to search for: type a word or a Chinese character.",
    );
    await fireEvent.change(screen.getByTestId("language-select"), { target: { value: "zh-Hant" } });
    expect(screen.getByTestId("search-error")).toHaveTextContent("沒有可搜尋的內容");
  });

  it("pages through the results with the total", async () => {
    await start();
    await press(CTRL_K);
    await type("tariff");
    await waitFor(() => expect(resultIds()).toHaveLength(20));
    expect(screen.getByTestId("search-total")).toHaveTextContent("1–20 of 25 notes");
    expect(screen.getByTestId("search-prev")).toBeDisabled();
    await fireEvent.click(screen.getByTestId("search-next"));
    await waitFor(() => expect(resultIds()).toHaveLength(5));
    expect(screen.getByTestId("search-total")).toHaveTextContent("21–25 of 25 notes");
    expect(screen.getByTestId("search-next")).toBeDisabled();
    await fireEvent.click(screen.getByTestId("search-prev"));
    await waitFor(() => expect(resultIds()).toHaveLength(20));
  });

  it("opening a result goes to its case (keyboard: ↓ then Enter)", async () => {
    await start();
    await press(CTRL_K);
    await type("lantau");
    await waitFor(() => expect(resultIds()).toEqual(["n-caucus-a"]));
    await press({ key: "ArrowDown" }, screen.getByTestId("search-input"));
    expect(screen.getByTestId("search-open")).toHaveFocus();
    await fireEvent.click(screen.getByTestId("search-open"));
    expect(await screen.findByTestId("case-title")).toHaveTextContent("Harbour Bridge Concession");
  });

  it("waits while an input method is composing", async () => {
    const { backend } = await start();
    await press(CTRL_K);
    const search = vi.spyOn(backend, "searchNotes");
    const box = screen.getByTestId("search-input");
    await fireEvent.compositionStart(box);
    await type("hejie");
    await press({ key: "Enter", keyCode: 229, isComposing: true }, box);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(search).not.toHaveBeenCalled();
    await type("和解");
    await fireEvent.compositionEnd(box);
    await waitFor(() => expect(resultIds()).toEqual(["n-shared"]));
    expect(search).toHaveBeenCalledTimes(1);
  });
});

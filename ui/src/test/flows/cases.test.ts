// The case list, forms and page, driven by keyboard where the mediator would.

import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";

import { demoBackend } from "../../lib/backend/fake";
import { CTRL_N, press, renderApp } from "../helpers";

async function start() {
  const demo = await demoBackend({ keyring: "enabled" });
  await demo.backend.createCase({ kind: "state-to-state", title_en: "Border River Waters", co_mediators: [] });
  await demo.backend.createCase({ kind: "commercial", title_zh: "深圳货运合同争议", co_mediators: [] });
  demo.backend.restart(); // the app starts on a vault set up before it
  renderApp(demo.backend);
  await waitFor(() => expect(screen.getAllByTestId("case-row")).toHaveLength(3));
  return demo;
}

async function input(testid: string, value: string) {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}
async function select(testid: string, value: string) {
  await fireEvent.change(screen.getByTestId(testid), { target: { value } });
}

describe("case list", () => {
  it("filters by text (either language, party names, reference), status and kind", async () => {
    const { backend } = await start();
    const list = vi.spyOn(backend, "listCases");
    await input("case-filter", "大屿山");
    await waitFor(() => expect(screen.getAllByTestId("case-row")).toHaveLength(1));
    expect(list).toHaveBeenLastCalledWith({ text: "大屿山" });
    expect(screen.getByTestId("case-row")).toHaveAttribute("data-ref", "ACC-" + new Date().getUTCFullYear() + "-0001");

    await input("case-filter", "");
    await select("case-filter-kind", "state-to-state");
    await waitFor(() => expect(screen.getAllByTestId("case-row")).toHaveLength(1));
    expect(screen.getByTestId("case-row")).toHaveTextContent("Border River Waters");

    await select("case-filter-kind", "");
    await select("case-filter-status", "settled");
    expect(await screen.findByTestId("case-list-empty")).toHaveTextContent("No case matches this search.");
  });

  it("/ focuses the filter, arrows move the selection, Enter opens it", async () => {
    await start();
    const filter = screen.getByTestId("case-filter");
    screen.getByTestId("nav-cases").focus();
    await press({ key: "/" });
    expect(filter).toHaveFocus();

    const rows = screen.getAllByTestId("case-row");
    expect(rows[0]).toHaveAttribute("data-selected", "true");
    await press({ key: "ArrowDown" }, filter);
    await press({ key: "ArrowDown" }, filter);
    expect(rows[2]).toHaveAttribute("data-selected", "true");
    await press({ key: "ArrowUp" }, filter);
    expect(rows[1]).toHaveAttribute("data-selected", "true");
    const title = rows[1]?.querySelector("[data-testid=case-open]")?.textContent ?? "";

    await press({ key: "Enter" }, filter);
    expect(await screen.findByTestId("case-title")).toHaveTextContent(title.trim().split(/\s{2,}/)[0] ?? "");
  });

  it("/ typed inside a text field stays text", async () => {
    await start();
    const filter = screen.getByTestId<HTMLInputElement>("case-filter");
    filter.focus();
    const event = await press({ key: "/" }, filter);
    expect(event).toBe(true); // not prevented
  });

  it("Ctrl+N opens the new-case form; saving opens the new case", async () => {
    await start();
    await press(CTRL_N);
    expect(await screen.findByTestId("case-kind")).toHaveFocus();
    await select("case-kind", "state-to-state");
    expect(screen.getByTestId<HTMLSelectElement>("case-panel").value).toBe("state-to-state");
    await select("case-kind", "investor-state");
    expect(screen.getByTestId<HTMLSelectElement>("case-panel").value).toBe("general");

    await fireEvent.click(screen.getByTestId("case-save"));
    expect(await screen.findByText("Give the title in English, in Chinese or both.")).toBeInTheDocument();
    expect(screen.getByTestId("case-title-en")).toHaveFocus();

    await input("case-title-en", "Silk Road Pipeline");
    await input("case-title-zh", "丝路管道");
    await input("case-co-mediators", "Li Wei\n\n  Sara Njoroge  ");
    await fireEvent.click(screen.getByTestId("case-save"));
    expect(await screen.findByTestId("case-title")).toHaveTextContent("Silk Road Pipeline");
    expect(screen.getByTestId("case-mediators")).toHaveTextContent("Sara Njoroge");
    expect(screen.getByTestId("case-panel-value")).toHaveTextContent("General Mediation Panel");
  });

  it("a server error on save is shown translated, inline", async () => {
    const { backend } = await start();
    await press(CTRL_N);
    await select("case-kind", "commercial");
    await input("case-title-en", "Duplicate");
    await input("case-official-no", "IOMed-2026-017"); // already used by the demo case
    await fireEvent.click(screen.getByTestId("case-save"));
    expect(await screen.findByTestId("case-form-error")).toHaveTextContent(
      "The official case number is not valid: IOMed-2026-017 is already used by another case.",
    );
    expect(backend.cases.size).toBe(3);
  });
});

describe("case page", () => {
  async function openDemo() {
    const demo = await start();
    await input("case-filter", "Harbour");
    await waitFor(() => expect(screen.getAllByTestId("case-row")).toHaveLength(1));
    await fireEvent.click(screen.getByTestId("case-open"));
    await screen.findByTestId("case-title");
    return demo;
  }

  it("shows the reference data, both titles, and the parties", async () => {
    await openDemo();
    expect(screen.getByTestId("case-title")).toHaveTextContent("Harbour Bridge Concession");
    expect(screen.getByTestId("case-title-secondary")).toHaveTextContent("海港大桥特许经营");
    expect(screen.getByTestId("case-official-no-value")).toHaveTextContent("IOMed-2026-017");
    expect(screen.getByTestId("case-kind-value")).toHaveTextContent("Investor-state");
    expect(screen.getAllByTestId("party-row")).toHaveLength(2);
    expect(screen.getByTestId("case-mediators")).toHaveTextContent("Chan Tai Man (lead mediator)");
  });

  it("moves the status along the allowed transitions, asking before closing", async () => {
    await openDemo();
    expect(screen.queryByTestId("status-to-settled")).toBeNull();
    await fireEvent.click(screen.getByTestId("status-to-active"));
    await waitFor(() => expect(screen.getAllByTestId("case-status")[0]).toHaveAttribute("data-status", "active"));
    expect(screen.queryByTestId("status-to-active")).toBeNull();

    await fireEvent.click(screen.getByTestId("status-to-settled"));
    expect(screen.getByTestId("status-confirm")).toHaveTextContent("Yes, close as Settled");
    await fireEvent.click(screen.getByTestId("status-cancel"));
    await fireEvent.click(screen.getByTestId("status-to-settled"));
    await fireEvent.click(screen.getByTestId("status-confirm"));
    expect(await screen.findByTestId("case-closed-note")).toHaveTextContent("This case is closed (Settled)");
    expect(screen.queryByTestId("party-add")).toBeNull();
    expect(screen.queryByTestId("session-add")).toBeNull();
  });

  it("adds a party with names in both languages and representatives one per line", async () => {
    const { backend, caseId } = await openDemo();
    await fireEvent.click(screen.getByTestId("party-add"));
    expect(screen.getByTestId("party-kind")).toHaveFocus();
    await fireEvent.click(screen.getByTestId("party-save"));
    expect(await screen.findAllByTestId("field-error")).toHaveLength(3);

    await select("party-kind", "company");
    await select("party-role", "other");
    await input("party-name-en", "Pearl Delta Insurance");
    await input("party-name-zh", "珠三角保险");
    await input("party-reps", "Dana Wu\nEli Tan\n");
    await fireEvent.click(screen.getByTestId("party-save"));
    await waitFor(() => expect(screen.getAllByTestId("party-row")).toHaveLength(3));
    const added = [...backend.parties.values()].find((p) => p.name_en === "Pearl Delta Insurance");
    expect(added).toMatchObject({ case_id: caseId, kind: "company", role: "other", name_zh: "珠三角保险", representatives: ["Dana Wu", "Eli Tan"] });
  });

  it("edits a party: changed names and representatives only", async () => {
    const { backend, partyIds } = await openDemo();
    const update = vi.spyOn(backend, "updateParty");
    const row = screen.getAllByTestId("party-row")[0];
    if (!row) throw new Error("no party row");
    await fireEvent.click(within(row).getByTestId("party-edit"));
    await input("party-reps", "Alice Lee\nFrank Yu");
    await fireEvent.click(screen.getByTestId("party-save"));
    await waitFor(() => expect(update).toHaveBeenCalledTimes(1));
    expect(update).toHaveBeenCalledWith(partyIds[0], { add_representatives: ["Frank Yu"], remove_representatives: ["Bob Ho"] });
  });
});

describe("case edit", () => {
  it("sends only what changed, with co-mediators added and removed", async () => {
    const { backend, caseId } = await demoBackend({ keyring: "enabled" });
    backend.restart(); // the app starts on a vault set up before it
    const update = vi.spyOn(backend, "updateCase");
    renderApp(backend);
    await fireEvent.click(await screen.findByTestId("case-open"));
    await fireEvent.click(await screen.findByTestId("case-edit"));
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>("case-title-en").value).toBe("Harbour Bridge Concession"));
    expect(screen.getByTestId<HTMLTextAreaElement>("case-co-mediators").value).toBe("Wong Siu Ling");

    await input("case-title-zh", "");
    await input("case-co-mediators", "Li Wei");
    await fireEvent.click(screen.getByTestId("case-save"));
    await screen.findByTestId("case-title");
    expect(update).toHaveBeenCalledWith(caseId, {
      title_zh: "",
      add_co_mediators: ["Li Wei"],
      remove_co_mediators: ["Wong Siu Ling"],
    });
    expect(screen.queryByTestId("case-title-secondary")).toBeNull();
    expect(screen.getByTestId("case-mediators")).toHaveTextContent("Li Wei");
  });
});

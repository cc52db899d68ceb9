// An input method's Enter (choosing a candidate) must never submit or open anything.
// (A .svelte.ts file so the list's filter can be $state, as the workspace passes it.)

import { fireEvent, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";

import { demoBackend, FakeBackend } from "../../lib/backend/fake";
import { isComposing } from "../../lib/ime";
import CaseForm from "../../lib/screens/CaseForm.svelte";
import CaseList from "../../lib/screens/CaseList.svelte";
import { EMPTY_FILTER } from "../../lib/vocab";
import { renderWith } from "../helpers";

describe("IME composition", () => {
  it("treats isComposing and WebKit's keyCode 229 as composing", () => {
    expect(isComposing(new KeyboardEvent("keydown", { key: "Enter", isComposing: true }))).toBe(true);
    const webkit = new KeyboardEvent("keydown", { key: "Enter" });
    Object.defineProperty(webkit, "keyCode", { value: 229 });
    expect(isComposing(webkit)).toBe(true);
    expect(isComposing(new KeyboardEvent("keydown", { key: "Enter" }))).toBe(false);
  });

  it("Enter in the case filter opens the selected case, but not while composing", async () => {
    const { backend, caseId } = await demoBackend();
    const onOpen = vi.fn();
    const listFilter = $state({ ...EMPTY_FILTER });
    renderWith(CaseList, { filter: listFilter, onOpen, onNew: vi.fn() }, backend);
    await screen.findByTestId("case-row");
    const filter = screen.getByTestId("case-filter");

    await fireEvent.compositionStart(filter);
    await fireEvent.keyDown(filter, { key: "Enter", isComposing: true });
    await fireEvent.compositionEnd(filter);
    expect(onOpen).not.toHaveBeenCalled();

    await fireEvent.keyDown(filter, { key: "Enter" });
    expect(onOpen).toHaveBeenCalledWith(caseId);
  });

  it("does not search with the half-composed text, then searches once composition ends", async () => {
    const { backend } = await demoBackend();
    const list = vi.spyOn(backend, "listCases");
    const listFilter = $state({ ...EMPTY_FILTER });
    renderWith(CaseList, { filter: listFilter, onOpen: vi.fn(), onNew: vi.fn() }, backend);
    await screen.findByTestId("case-row");
    const filter = screen.getByTestId("case-filter");
    list.mockClear();

    await fireEvent.compositionStart(filter);
    await fireEvent.input(filter, { target: { value: "hai'gang" } });
    expect(list).not.toHaveBeenCalled();
    await fireEvent.input(filter, { target: { value: "海港" } });
    await fireEvent.compositionEnd(filter);
    expect(list).toHaveBeenCalledTimes(1);
    expect(list).toHaveBeenLastCalledWith({ text: "海港" });
    expect(await screen.findAllByTestId("case-row")).toHaveLength(1);
  });

  it("Enter in a form field submits, but not while composing", async () => {
    const backend = new FakeBackend({ unlocked: true });
    const create = vi.spyOn(backend, "createCase");
    const onSaved = vi.fn();
    renderWith(CaseForm, { onSaved, onCancel: vi.fn() }, backend);
    await fireEvent.change(screen.getByTestId("case-kind"), { target: { value: "commercial" } });
    const zh = screen.getByTestId("case-title-zh");
    await fireEvent.input(zh, { target: { value: "港口纠纷" } });

    const composingEnter = await fireEvent.keyDown(zh, { key: "Enter", isComposing: true });
    expect(composingEnter).toBe(false); // default prevented: no implicit submission either
    expect(create).not.toHaveBeenCalled();

    await fireEvent.keyDown(zh, { key: "Enter" });
    await vi.waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    expect(create.mock.calls[0]?.[0]).toMatchObject({ kind: "commercial", panel: "general", title_zh: "港口纠纷" });
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
  });
});

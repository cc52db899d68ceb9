// Where notes and search meet: term hints inside the note editor (insert at the caret,
// autosaved, behind the caucus guard), opening a note from a search result (Ctrl+K ⇒ ↓ ⇒
// Enter ⇒ the editor, focused; Esc closes it and the focus returns to the note's row), and
// the caucus guard over search snippets during a live joint session.

import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";

import { demoBackend } from "../../lib/backend/fake";
import NoteEditor from "../../lib/notes/NoteEditor.svelte";
import NotesSection from "../../lib/notes/NotesSection.svelte";
import { press, renderApp, renderWith } from "../helpers";

const CTRL_K = { key: "k", code: "KeyK", ctrlKey: true };

async function editor(options: { text_en?: string; text_zh?: string; caucus?: boolean; joint?: boolean } = {}) {
  const demo = await demoBackend();
  const { backend, caseId, caucusId, jointId } = demo;
  if (options.joint) await backend.startSession(jointId);
  const note = await backend.createNote(caseId, {
    tags: [],
    text_en: options.text_en ?? "",
    text_zh: options.text_zh ?? "",
    ...(options.caucus ? { session_id: caucusId } : {}),
  });
  const detail = await backend.caseDetail(caseId);
  renderWith(
    NoteEditor,
    { caseId, note, sessions: detail.sessions, parties: detail.parties, regime: detail.case.confidentiality },
    backend,
  );
  return { ...demo, note };
}

describe("term hints in the note editor", () => {
  it("sit inside the editor, list the gaps, and insert a counterpart at the other side's caret (autosaved)", async () => {
    const { backend, note } = await editor({ text_en: "The settlement agreement binds both.", text_zh: "双方均受约束。" });
    const hints = within(await screen.findByTestId("note-editor")).getByTestId("term-hints");
    const gaps = await within(hints).findByTestId("term-gaps-zh");
    expect(within(gaps).getByTestId("term-gap")).toHaveTextContent("和解协议");

    // The mediator left the Chinese caret after "双方" (2 characters).
    const zh = screen.getByTestId<HTMLTextAreaElement>("note-text-zh");
    zh.focus();
    zh.setSelectionRange(2, 2);
    zh.blur();
    expect(zh).not.toHaveFocus();
    await fireEvent.click(within(gaps).getByTestId("term-gap-insert"));

    expect(zh).toHaveValue("双方和解协议均受约束。");
    expect(zh).toHaveFocus();
    expect(zh.selectionStart).toBe(6);
    await waitFor(async () => expect((await backend.getNote(note.id)).text_zh).toBe("双方和解协议均受约束。"));
    await waitFor(() => expect(screen.queryByTestId("term-gaps-zh")).toBeNull());
  });

  it("puts an English counterpart at the end when the caret was never placed, spaced as a word", async () => {
    const { backend, note } = await editor({ text_en: "Both sides agreed", text_zh: "双方同意保密。" });
    const zhSide = await screen.findByTestId("term-hints-zh");
    const offer = await within(zhSide).findByTestId("term-hint");
    expect(within(offer).getByTestId("term-hint-counterpart")).toHaveTextContent("confidentiality");
    await fireEvent.click(within(offer).getByTestId("term-hint-insert"));
    expect(screen.getByTestId("note-text-en")).toHaveValue("Both sides agreed confidentiality");
    await waitFor(async () => expect((await backend.getNote(note.id)).text_en).toBe("Both sides agreed confidentiality"));
  });

  it("show nothing of a caucus note before the mediator confirms during a live joint session", async () => {
    await editor({ text_en: "Lantau wants strict confidentiality.", caucus: true, joint: true });
    expect(await screen.findByTestId("reveal-dialog")).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(screen.queryByTestId("term-hints")).toBeNull();
    expect(document.body).not.toHaveTextContent("strict confidentiality");
    await fireEvent.click(screen.getByTestId("reveal-confirm"));
    await waitFor(() => expect(screen.getByTestId("note-text-en")).toHaveFocus());
    const hints = await screen.findByTestId("term-hints");
    await waitFor(() => expect(within(hints).getAllByTestId("term-hint-mark").map((m) => m.textContent)).toEqual(["confidentiality"]));
  });
});

describe("a caucus note kept hidden in the editor", () => {
  it("can still be closed from its placeholder", async () => {
    const demo = await demoBackend();
    const { backend, caseId, caucusId, jointId } = demo;
    await backend.createNote(caseId, { tags: [], text_en: "confided", text_zh: "", session_id: caucusId });
    await backend.startSession(jointId);
    const detail = await backend.caseDetail(caseId);
    renderWith(NotesSection, { caseId, regime: "hong-kong", sessions: detail.sessions, parties: detail.parties }, backend);
    await fireEvent.click(await screen.findByTestId("note-open"));
    await screen.findByTestId("reveal-dialog");
    await press({ key: "Escape" });
    expect(screen.queryByTestId("reveal-dialog")).toBeNull();
    const placeholders = screen.getAllByTestId("reveal-placeholder");
    const inEditor = placeholders.find((p) => p.querySelector("[data-testid=note-close]"));
    await fireEvent.click(within(inEditor!).getByTestId("note-close"));
    await waitFor(() => expect(screen.queryByTestId("note-close")).toBeNull());
    expect(screen.getAllByTestId("reveal-placeholder")).toHaveLength(1); // the row's
    expect(document.body).not.toHaveTextContent("confided");
  });
});

describe("Esc in the note editor", () => {
  it("closes a dialog inside the editor first, and only then the editor", async () => {
    const { backend, note } = await editor({ text_en: "first" });
    await backend.saveNote(note.id, 1, { tags: [], text_en: "second", text_zh: "" });
    await fireEvent.click(await screen.findByTestId("note-history-open"));
    const rows = await screen.findAllByTestId("revision-row");
    await fireEvent.click(within(rows[1]!).getByTestId("revision-restore"));
    await screen.findByTestId("revision-restore-dialog");
    await press({ key: "Escape" });
    expect(screen.queryByTestId("revision-restore-dialog")).toBeNull();
    expect(screen.getByTestId("note-editor")).toBeInTheDocument();
    await press({ key: "Escape", isComposing: true }, screen.getByTestId("note-text-en"));
    expect(screen.getByTestId("note-editor")).toBeInTheDocument();
  });

  it("cancels the disclosure form of a caucus note without closing the editor", async () => {
    await editor({ text_en: "bottom line 40m", caucus: true });
    await fireEvent.click(await screen.findByTestId("disclosure-record"));
    await fireEvent.input(screen.getByTestId("disclosure-given-by"), { target: { value: "Alice Lee" } });
    await press({ key: "Escape" }, screen.getByTestId("disclosure-given-by"));
    expect(screen.queryByTestId("disclosure-form")).toBeNull();
    expect(screen.getByTestId("note-editor")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("disclosure-record")).toHaveFocus());
  });
});

async function appWithNotes(options: { joint?: boolean } = {}) {
  const demo = await demoBackend({ keyring: "enabled" });
  const { backend, caseId, caucusId, jointId } = demo;
  const shared = await backend.createNote(caseId, { tags: [], text_en: "Both sides discussed the toll schedule.", text_zh: "", session_id: jointId });
  const caucus = await backend.createNote(caseId, { tags: [], text_en: "Lantau could live with a lower toll.", text_zh: "", session_id: caucusId });
  if (options.joint) await backend.startSession(jointId);
  backend.restart(); // the app starts on a vault set up before it
  renderApp(backend);
  await screen.findAllByTestId("case-row");
  return { ...demo, shared, caucus };
}

async function searchFor(text: string) {
  await press(CTRL_K);
  await fireEvent.input(await screen.findByTestId("search-input"), { target: { value: text } });
}

const result = (noteId: string) => {
  const li = screen.getAllByTestId("search-result").find((r) => r.dataset.noteId === noteId);
  if (!li) throw new Error(`no result ${noteId}`);
  return li;
};

describe("opening a note from search", () => {
  it("Ctrl+K, ↓, Enter: the case opens with that note in its editor, focused; Esc closes it, the focus on its row", async () => {
    const { shared } = await appWithNotes();
    await searchFor("toll schedule");
    await waitFor(() => expect(screen.getAllByTestId("search-result")).toHaveLength(1));
    await press({ key: "ArrowDown" }, screen.getByTestId("search-input"));
    const open = screen.getByTestId("search-open");
    expect(open).toHaveFocus();
    await press({ key: "Escape" }, open);
    expect(screen.getByTestId("search-input")).toHaveFocus();
    await press({ key: "ArrowDown" }, screen.getByTestId("search-input"));
    // Enter on a button is a click.
    await fireEvent.click(screen.getByTestId("search-open"));

    expect(await screen.findByTestId("case-title")).toHaveTextContent("Harbour Bridge Concession");
    const en = await screen.findByTestId("note-text-en");
    expect(en).toHaveValue("Both sides discussed the toll schedule.");
    await waitFor(() => expect(en).toHaveFocus());

    await press({ key: "Escape" }, en);
    await waitFor(() => expect(screen.queryByTestId("note-editor")).toBeNull());
    const row = screen.getAllByTestId("note-row").find((r) => r.dataset.noteId === shared.id);
    await waitFor(() => expect(within(row!).getByTestId("note-open")).toHaveFocus());
  });

  it("comes back to the open note after the screen guard", async () => {
    const { caucus } = await appWithNotes();
    await searchFor("lower toll");
    await waitFor(() => expect(screen.getAllByTestId("search-result")).toHaveLength(1));
    await fireEvent.click(screen.getByTestId("search-open"));
    expect(await screen.findByTestId("note-text-en")).toHaveValue("Lantau could live with a lower toll.");
    await press({ key: "H", code: "KeyH", ctrlKey: true, shiftKey: true });
    expect(await screen.findByTestId("guard-cover")).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent("lower toll");
    await fireEvent.click(screen.getByTestId("guard-resume"));
    await fireEvent.input(await screen.findByTestId("unlock-passphrase"), { target: { value: "correct horse battery" } });
    await fireEvent.click(screen.getByTestId("unlock-button"));
    const editor = await screen.findByTestId("note-editor");
    expect(within(editor).getByTestId("note-text-en")).toHaveValue("Lantau could live with a lower toll.");
    expect(editor).toHaveAttribute("data-visibility", caucus.visibility);
  });
});

describe("the caucus guard over search results", () => {
  it("during a live joint session hides a caucus hit's text until confirmed; shared hits show", async () => {
    const { caucus, shared } = await appWithNotes({ joint: true });
    await searchFor("toll");
    await waitFor(() => expect(screen.getAllByTestId("search-result")).toHaveLength(2));
    const hidden = result(caucus.id);
    expect(await within(hidden).findByTestId("reveal-placeholder")).toHaveAttribute("data-visibility", "caucus");
    expect(within(hidden).queryByTestId("search-snippet")).toBeNull();
    expect(document.body).not.toHaveTextContent("lower toll");
    expect(within(result(shared.id)).getByTestId("search-snippet-en")).toHaveTextContent("Both sides discussed the toll schedule.");

    await fireEvent.click(within(hidden).getByTestId("reveal-ask"));
    await fireEvent.click(await screen.findByTestId("reveal-confirm"));
    expect(within(result(caucus.id)).getByTestId("search-snippet-en")).toHaveTextContent("Lantau could live with a lower toll.");

    // Confirmed once for that note: opening it does not ask again.
    await fireEvent.click(within(result(caucus.id)).getByTestId("search-open"));
    expect(await screen.findByTestId("note-text-en")).toHaveValue("Lantau could live with a lower toll.");
    expect(screen.queryByTestId("reveal-dialog")).toBeNull();
  });

  it("shows caucus hits at once while no joint session is live", async () => {
    const { caucus } = await appWithNotes();
    await searchFor("toll");
    await waitFor(() => expect(screen.getAllByTestId("search-result")).toHaveLength(2));
    await waitFor(() =>
      expect(within(result(caucus.id)).getByTestId("search-snippet-en")).toHaveTextContent("Lantau could live with a lower toll."),
    );
    expect(screen.queryByTestId("reveal-placeholder")).toBeNull();
  });
});

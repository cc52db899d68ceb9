// Notes as the mediator uses them: the editor's saves (new note, Ctrl+S, blur, destroy,
// conflicts), history compare and restore, the disclosure form and log, quick notes in a
// live session, and the caucus guard during a live joint session.

import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";

import { demoBackend } from "../../lib/backend/fake";
import { setLang } from "../../lib/i18n/i18n.svelte";
import NoteEditor from "../../lib/notes/NoteEditor.svelte";
import NotesSection from "../../lib/notes/NotesSection.svelte";
import LiveSession from "../../lib/screens/LiveSession.svelte";
import { press, renderApp, renderWith } from "../helpers";

const CTRL_S = { key: "s", code: "KeyS", ctrlKey: true };

async function editorFor(options: { caucus?: boolean; joint?: boolean; existing?: boolean } = {}) {
  const demo = await demoBackend();
  const { backend, caseId, caucusId } = demo;
  const detail = await backend.caseDetail(caseId);
  if (options.joint) await backend.startSession(demo.jointId);
  const note = options.existing
    ? await backend.createNote(caseId, {
        tags: [],
        text_en: "first text",
        text_zh: "",
        ...(options.caucus ? { session_id: caucusId } : {}),
      })
    : null;
  const closed: string[] = [];
  const view = renderWith(
    NoteEditor,
    {
      caseId,
      note,
      sessions: detail.sessions,
      parties: detail.parties,
      regime: detail.case.confidentiality,
      onClose: () => closed.push("closed"),
    },
    backend,
  );
  return { ...demo, note, view, closed };
}

describe("note editor", () => {
  it("creates a new note on its first save (Ctrl+S) and says when it was saved", async () => {
    const { backend, caseId } = await editorFor();
    const en = await screen.findByTestId("note-text-en");
    await fireEvent.input(en, { target: { value: "The investor wants *certainty*." } });
    await press(CTRL_S, en);
    await waitFor(() => expect(screen.getByTestId("note-save-status")).toHaveAttribute("data-state", "saved"));
    expect(screen.getByTestId("note-save-status").textContent).toMatch(/Saved \d\d:\d\d:\d\d/);
    const [note] = await backend.listNotes(caseId, {});
    expect(note).toMatchObject({ text_en: "The investor wants *certainty*.", visibility: "private" });
  });

  it("defaults the Chinese script from the interface language", async () => {
    setLang("zh-Hant");
    await editorFor();
    expect(await screen.findByTestId("note-zh-script")).toHaveValue("hant");
  });

  it("saves on blur, on Close, and when the editor goes away", async () => {
    const { backend, note, view, closed } = await editorFor({ existing: true });
    const en = await screen.findByTestId("note-text-en");
    await fireEvent.input(en, { target: { value: "blurred" } });
    await fireEvent.focusOut(en);
    await waitFor(async () => expect((await backend.getNote(note!.id)).text_en).toBe("blurred"));
    await fireEvent.input(en, { target: { value: "closed" } });
    await fireEvent.click(screen.getByTestId("note-close"));
    await waitFor(() => expect(closed).toEqual(["closed"]));
    expect((await backend.getNote(note!.id)).text_en).toBe("closed");
    await fireEvent.input(en, { target: { value: "destroyed" } });
    view.unmount();
    await waitFor(async () => expect((await backend.getNote(note!.id)).text_en).toBe("destroyed"));
  });

  it("on a conflict keeps the text on screen and saves it over the newer revision when asked", async () => {
    const { backend, note } = await editorFor({ existing: true });
    await backend.saveNote(note!.id, 1, { tags: [], text_en: "from elsewhere", text_zh: "" });
    const en = await screen.findByTestId("note-text-en");
    await fireEvent.input(en, { target: { value: "mine, not lost" } });
    await press(CTRL_S, en);
    await waitFor(() => expect(screen.getByTestId("note-save-status")).toHaveAttribute("data-state", "conflict"));
    expect(screen.getByTestId("note-save-status")).toHaveTextContent("Not saved: This note was saved elsewhere");
    expect(en).toHaveValue("mine, not lost");
    await fireEvent.click(screen.getByTestId("note-save-over"));
    await waitFor(() => expect(screen.getByTestId("note-save-status")).toHaveAttribute("data-state", "saved"));
    expect((await backend.getNote(note!.id)).text_en).toBe("mine, not lost");
    expect((await backend.noteHistory(note!.id)).map((r) => r.text_en)).toContain("from elsewhere");
  });

  it("shows the translated error when a caucus note is made shared without authorisation", async () => {
    const { backend, note } = await editorFor({ existing: true, caucus: true });
    await fireEvent.change(await screen.findByTestId("note-visibility"), { target: { value: "shared" } });
    await press(CTRL_S, screen.getByTestId("note-text-en"));
    await waitFor(() =>
      expect(screen.getByTestId("note-save-status")).toHaveTextContent(
        "Not saved: The party has not authorised disclosing this caucus note in full",
      ),
    );
    expect((await backend.getNote(note!.id)).visibility).toBe("caucus");
  });

  it("compares two revisions as <ins>/<del> and restores one after confirming", async () => {
    const { backend, note } = await editorFor({ existing: true });
    await backend.saveNote(note!.id, 1, { tags: [], text_en: "second text", text_zh: "六月付款" });
    await backend.saveNote(note!.id, 2, { tags: [], text_en: "second text", text_zh: "七月付款" });
    // The editor opened at revision 1: reload it the way a mediator would, by reopening.
    const detail = await backend.caseDetail(note!.case_id);
    const fresh = await backend.getNote(note!.id);
    document.body.innerHTML = "";
    renderWith(NoteEditor, { caseId: note!.case_id, note: fresh, sessions: detail.sessions, parties: detail.parties }, backend);
    await fireEvent.click(await screen.findByTestId("note-history-open"));
    const rows = await screen.findAllByTestId("revision-row");
    expect(rows.map((r) => r.dataset.revision)).toEqual(["3", "2", "1"]);
    await fireEvent.change(screen.getByTestId("revision-from"), { target: { value: "1" } });
    await fireEvent.click(screen.getByTestId("revision-compare"));
    const en = await screen.findByTestId("revision-diff-en");
    expect(en.querySelector("del")).toHaveTextContent("first");
    expect(en.querySelector("ins")).toHaveTextContent("second");
    expect(screen.getByTestId("revision-diff-zh").querySelector("ins")).toHaveTextContent("七月付款");

    const restore = within(rows[2]!).getByTestId("revision-restore");
    await fireEvent.click(restore);
    await fireEvent.click(await screen.findByTestId("revision-restore-confirm"));
    await waitFor(() => expect(screen.getByTestId("note-text-en")).toHaveValue("first text"));
    expect(screen.getByTestId("note-text-zh")).toHaveValue("");
    const history = await backend.noteHistory(note!.id);
    expect(Number(history[0]?.restored_from)).toBe(1);
    await waitFor(() => expect(screen.getAllByTestId("revision-row")[0]).toHaveTextContent("restored from #1"));
  });
});

describe("caucus disclosure", () => {
  it("shows the rule's status, records the party's word and lists it in the log", async () => {
    const { backend, caseId, caucusId } = await demoBackend();
    const note = await backend.createNote(caseId, { tags: ["interest"], text_en: "bottom line 40m", text_zh: "", session_id: caucusId });
    const detail = await backend.caseDetail(caseId);
    renderWith(NotesSection, { caseId, regime: "hong-kong", sessions: detail.sessions, parties: detail.parties }, backend);
    await fireEvent.click(await screen.findByTestId("note-open"));
    const status = await screen.findByTestId("disclosure-status");
    expect(status).toHaveTextContent("Closed by the case's rule (Hong Kong Mediation Ordinance)");
    await fireEvent.click(screen.getByTestId("disclosure-record"));
    await fireEvent.click(screen.getByTestId("disclosure-scope-summary"));
    await fireEvent.input(screen.getByTestId("disclosure-given-by"), { target: { value: "Alice Lee" } });
    await fireEvent.click(screen.getByTestId("disclosure-save"));
    expect(await screen.findByTestId("disclosure-error")).toHaveTextContent("The summary is required");
    await fireEvent.input(screen.getByTestId("disclosure-summary-en"), { target: { value: "Flexible on price" } });
    await fireEvent.click(screen.getByTestId("disclosure-save"));
    await waitFor(() => expect(screen.getByTestId("disclosure-status")).toHaveTextContent("Summary only, authorised by Alice Lee"));
    expect(screen.getByTestId("disclosure-summary")).toHaveTextContent("Flexible on price");
    const log = await backend.disclosureLog(caseId);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ note_id: note.id, scope: "summary", given_by: "Alice Lee" });
    await waitFor(() => expect(screen.getAllByTestId("disclosure-log-row")).toHaveLength(1));
    const row = screen.getByTestId("disclosure-log-row");
    expect(row).toHaveTextContent("Lantau Infrastructure Ltd");
    expect(row).toHaveTextContent("A summary only");
    expect(row).toHaveTextContent("Alice Lee");
  });
});

describe("notes list", () => {
  it("filters by tag and visibility, and opens a new note with Ctrl+Shift+N", async () => {
    const { backend, caseId, caucusId } = await demoBackend();
    await backend.createNote(caseId, { tags: ["fact"], text_en: "a fact", text_zh: "" });
    await backend.createNote(caseId, { tags: ["option"], text_en: "an option", text_zh: "", session_id: caucusId });
    const detail = await backend.caseDetail(caseId);
    renderWith(NotesSection, { caseId, regime: "hong-kong", sessions: detail.sessions, parties: detail.parties }, backend);
    await waitFor(() => expect(screen.getAllByTestId("note-row")).toHaveLength(2));
    expect(screen.getAllByTestId("note-visibility-badge").map((b) => b.dataset.visibility)).toEqual(["private", "caucus"]);
    await fireEvent.change(screen.getByTestId("notes-filter-tag"), { target: { value: "option" } });
    await waitFor(() => expect(screen.getAllByTestId("note-row")).toHaveLength(1));
    expect(screen.getByTestId("note-row")).toHaveTextContent("an option");
    await fireEvent.change(screen.getByTestId("notes-filter-tag"), { target: { value: "" } });
    await fireEvent.change(screen.getByTestId("notes-filter-visibility"), { target: { value: "private" } });
    await waitFor(() => expect(screen.getByTestId("note-row")).toHaveTextContent("a fact"));
    await press({ key: "N", code: "KeyN", ctrlKey: true, shiftKey: true }, document.body);
    expect(await screen.findByTestId("note-editor")).toBeInTheDocument();
    expect(screen.getByTestId("note-save-status")).toHaveTextContent("Not saved yet");
  });
});

describe("live session quick notes", () => {
  it("default to the session's visibility, save on Enter (not Shift+Enter) and list with times", async () => {
    const { backend, caseId, caucusId, partyIds } = await demoBackend();
    await backend.startSession(caucusId);
    renderWith(LiveSession, { caseId, sessionId: caucusId, onBack: () => {} }, backend);
    const box = await screen.findByTestId("live-quick-note");
    expect(screen.getByTestId("live-quick-visibility")).toHaveValue("caucus");
    await fireEvent.input(box, { target: { value: "Will accept staged payments" } });
    await fireEvent.keyDown(box, { key: "Enter", shiftKey: true });
    expect(await backend.listNotes(caseId, {})).toHaveLength(0);
    await fireEvent.keyDown(box, { key: "Enter", isComposing: true });
    expect(await backend.listNotes(caseId, {})).toHaveLength(0);
    await fireEvent.keyDown(box, { key: "Enter" });
    await waitFor(() => expect(screen.getAllByTestId("live-quick-item")).toHaveLength(1));
    const [note] = await backend.listNotes(caseId, { session_id: caucusId });
    expect(note).toMatchObject({ visibility: "caucus", party_id: partyIds[0], text_en: "Will accept staged payments" });
    expect(box).toHaveValue("");
    expect(screen.getByTestId("live-quick-item").querySelector("time")?.textContent).toMatch(/\d\d:\d\d/);
  });

  it("in a joint session default to shared, and can be changed before saving", async () => {
    const { backend, caseId, jointId } = await demoBackend();
    renderWith(LiveSession, { caseId, sessionId: jointId, onBack: () => {} }, backend);
    const select = await screen.findByTestId("live-quick-visibility");
    expect(select).toHaveValue("shared");
    await fireEvent.change(select, { target: { value: "private" } });
    await fireEvent.input(screen.getByTestId("live-quick-note"), { target: { value: "我的想法" } });
    await fireEvent.keyDown(screen.getByTestId("live-quick-note"), { key: "Enter" });
    await waitFor(async () => expect(await backend.listNotes(caseId, {})).toHaveLength(1));
    expect((await backend.listNotes(caseId, {}))[0]).toMatchObject({ visibility: "private", text_zh: "我的想法", zh_script: "hans" });
  });
});

describe("caucus guard", () => {
  async function listWithCaucusNote(jointLive: boolean) {
    const demo = await demoBackend();
    const { backend, caseId, caucusId, jointId } = demo;
    await backend.createNote(caseId, { tags: [], text_en: "confided in caucus", text_zh: "", session_id: caucusId });
    await backend.createNote(caseId, { tags: [], text_en: "said to everyone", text_zh: "", session_id: jointId });
    if (jointLive) await backend.startSession(jointId);
    const detail = await backend.caseDetail(caseId);
    renderWith(NotesSection, { caseId, regime: "hong-kong", sessions: detail.sessions, parties: detail.parties }, backend);
    await waitFor(() => expect(screen.getAllByTestId("note-row")).toHaveLength(2));
    return demo;
  }

  it("does not ask when no joint session is live", async () => {
    await listWithCaucusNote(false);
    await waitFor(() => expect(document.body).toHaveTextContent("confided in caucus"));
    expect(screen.queryByTestId("reveal-placeholder")).toBeNull();
  });

  it("hides caucus text during a live joint session until confirmed for that note", async () => {
    await listWithCaucusNote(true);
    const placeholder = await screen.findByTestId("reveal-placeholder");
    expect(document.body).not.toHaveTextContent("confided in caucus");
    expect(document.body).toHaveTextContent("said to everyone");
    await fireEvent.click(within(placeholder).getByTestId("reveal-ask"));
    const dialog = await screen.findByTestId("reveal-dialog");
    expect(dialog).toHaveAttribute("role", "dialog");
    // Keyboard: the dialog takes the focus; Esc keeps the note hidden.
    expect(dialog.contains(document.activeElement)).toBe(true);
    await press({ key: "Escape" });
    expect(screen.queryByTestId("reveal-dialog")).toBeNull();
    expect(document.body).not.toHaveTextContent("confided in caucus");
    await fireEvent.click(screen.getByTestId("reveal-ask"));
    await fireEvent.click(await screen.findByTestId("reveal-confirm"));
    expect(document.body).toHaveTextContent("confided in caucus");
  });

  it("asks at once when the editor opens a caucus note during a live joint session", async () => {
    await listWithCaucusNote(true);
    const rows = screen.getAllByTestId("note-row");
    const caucusRow = rows.find((r) => r.dataset.visibility === "caucus")!;
    await fireEvent.click(within(caucusRow).getByTestId("note-open"));
    expect(await screen.findByTestId("reveal-dialog")).toBeInTheDocument();
    expect(screen.queryByTestId("note-text-en")).toBeNull();
    await fireEvent.click(screen.getByTestId("reveal-confirm"));
    expect(await screen.findByTestId("note-text-en")).toHaveValue("confided in caucus");
  });
});

describe("case confidentiality regime", () => {
  it("is chosen in the case form with its rule explained, and shown on the case page", async () => {
    const { backend } = await demoBackend({ keyring: "enabled", unlocked: false });
    renderApp(backend);
    await fireEvent.click(await screen.findByTestId("case-open"));
    expect(await screen.findByTestId("case-confidentiality-value")).toHaveAttribute("data-regime", "hong-kong");
    await fireEvent.click(screen.getByTestId("case-edit"));
    const select = await screen.findByTestId("case-confidentiality");
    await waitFor(() => expect(select).toHaveValue("hong-kong"));
    expect(screen.getByTestId("case-confidentiality-hint")).toHaveTextContent("Closed unless the party authorises disclosure");
    await fireEvent.change(select, { target: { value: "uncitral" } });
    expect(screen.getByTestId("case-confidentiality-hint")).toHaveTextContent("Open unless the party asks for confidence");
    await fireEvent.click(screen.getByTestId("case-save"));
    const value = await screen.findByTestId("case-confidentiality-value");
    expect(value).toHaveAttribute("data-regime", "uncitral");
    expect(value).toHaveTextContent("UNCITRAL Model Law");
    expect(screen.getByTestId("notes-section")).toBeInTheDocument();
  });
});

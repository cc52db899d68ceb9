// The caucus guard against the core's notion of "live": a joint session started and not
// ended is live however late it started or long it runs (security review findings 1 and 4).
//
// The fake's agenda keeps started sessions, but the real core's agenda (before the fix)
// dropped a session once its scheduled end had passed. So these tests give the fake that
// agenda (`coreAgenda`): the guard must not depend on the agenda at all, only on
// `guardState()`.

import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";

import type { AgendaItem } from "../../lib/bindings/AgendaItem";
import { demoBackend, type FakeBackend } from "../../lib/backend/fake";
import NoteEditor from "../../lib/notes/NoteEditor.svelte";
import NotesSection from "../../lib/notes/NotesSection.svelte";
import LiveSession from "../../lib/screens/LiveSession.svelte";
import { renderWith } from "../helpers";

const HOUR = 3_600_000;

/** The agenda as the core sent it before the fix: only sessions whose scheduled end is ahead. */
function coreAgenda(backend: FakeBackend, now: () => Date) {
  const agenda = backend.agenda.bind(backend);
  vi.spyOn(backend, "agenda").mockImplementation(async (): Promise<AgendaItem[]> => {
    const at = now().toISOString();
    return (await agenda()).filter((i) => i.session.scheduled_end >= at);
  });
}

/** Yesterday's date in Hong Kong, as YYYY-MM-DD. */
function yesterdayInHongKong(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Hong_Kong" }).format(new Date(now.getTime() - 24 * HOUR));
}

/**
 * A case with a caucus note and a joint session scheduled yesterday 09:00–10:00 (Hong Kong),
 * started (`overrun`: at 09:05 yesterday; `late`: just now) and not ended.
 */
async function overrunJointSession(start: "overrun" | "late") {
  let clock = new Date();
  const now = () => clock;
  const demo = await demoBackend({ now });
  const { backend, caseId, caucusId } = demo;
  coreAgenda(backend, now);
  await backend.createNote(caseId, { tags: [], text_en: "confided in caucus", text_zh: "", session_id: caucusId });
  const real = clock;
  const day = yesterdayInHongKong(real);
  const joint = await backend.createSession(caseId, {
    kind: "joint",
    time_zone: "Asia/Hong_Kong",
    start: `${day}T09:00`,
    end: "10:00",
    attendees: [],
  });
  if (start === "overrun") clock = new Date(Date.parse(joint.scheduled_start) + 5 * 60_000);
  await backend.startSession(joint.id);
  clock = real;
  expect(Date.parse(joint.scheduled_end)).toBeLessThan(real.getTime());
  expect((await backend.agenda()).map((i) => i.session.id)).not.toContain(joint.id);
  return { ...demo, joint };
}

async function renderNotes(backend: FakeBackend, caseId: string) {
  const detail = await backend.caseDetail(caseId);
  renderWith(NotesSection, { caseId, regime: "hong-kong", sessions: detail.sessions, parties: detail.parties }, backend);
  await waitFor(() => expect(screen.getAllByTestId("note-row")).toHaveLength(1));
}

/** The placeholder once the guard has its answer (while it asks, a placeholder stands in anyway). */
async function guardedPlaceholder(): Promise<HTMLElement> {
  const placeholder = await screen.findByTestId("reveal-placeholder");
  await within(placeholder).findByTestId("reveal-ask");
  return screen.getByTestId("reveal-placeholder");
}

describe("caucus guard and a joint session past its scheduled end", () => {
  it("keeps caucus text behind the placeholder while an overrunning joint session is live", async () => {
    const { backend, caseId } = await overrunJointSession("overrun");
    await renderNotes(backend, caseId);
    expect(await guardedPlaceholder()).toHaveAttribute("data-visibility", "caucus");
    expect(document.body).not.toHaveTextContent("confided in caucus");
  });

  it("keeps caucus text behind the placeholder when a joint session starts after its scheduled end", async () => {
    const { backend, caseId } = await overrunJointSession("late");
    await renderNotes(backend, caseId);
    expect(await guardedPlaceholder()).toHaveAttribute("data-visibility", "caucus");
    expect(document.body).not.toHaveTextContent("confided in caucus");
  });

  it("lifts the guard as soon as the session is ended, without reloading the screen", async () => {
    const { backend, caseId, joint } = await overrunJointSession("overrun");
    await renderNotes(backend, caseId);
    await guardedPlaceholder();
    expect(document.body).not.toHaveTextContent("confided in caucus");
    renderWith(LiveSession, { caseId, sessionId: joint.id, onBack: () => {} }, backend);
    await fireEvent.click(await screen.findByTestId("live-stop"));
    await waitFor(() => expect(screen.getByTestId("live-elapsed")).toHaveAttribute("data-state", "ended"));
    await waitFor(() => expect(document.body).toHaveTextContent("confided in caucus"));
    expect(screen.queryByTestId("reveal-placeholder")).toBeNull();
  });

  it("puts the guard back as soon as a joint session is started from the live view", async () => {
    const demo = await demoBackend();
    const { backend, caseId, caucusId, jointId } = demo;
    await backend.createNote(caseId, { tags: [], text_en: "confided in caucus", text_zh: "", session_id: caucusId });
    await renderNotes(backend, caseId);
    await waitFor(() => expect(document.body).toHaveTextContent("confided in caucus"));
    renderWith(LiveSession, { caseId, sessionId: jointId, onBack: () => {} }, backend);
    await fireEvent.click(await screen.findByTestId("live-start"));
    expect(await guardedPlaceholder()).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent("confided in caucus");
  });

  it("errs on the side of asking when the backend cannot tell", async () => {
    const { backend, caseId, caucusId } = await demoBackend();
    await backend.createNote(caseId, { tags: [], text_en: "confided in caucus", text_zh: "", session_id: caucusId });
    vi.spyOn(backend, "guardState").mockRejectedValue(new Error("no answer"));
    await renderNotes(backend, caseId);
    expect(await guardedPlaceholder()).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent("confided in caucus");
  });
});

describe("caucus guard in a note's history", () => {
  /** A note private at #1 and shared at #2, a joint session live, its editor open with history. */
  async function historyOfSharedNote() {
    const { backend, caseId, jointId } = await demoBackend();
    const first = await backend.createNote(caseId, {
      tags: [],
      text_en: "my private assessment",
      text_zh: "",
      visibility: "private",
    });
    await backend.saveNote(first.id, first.revision, {
      tags: [],
      text_en: "agreed summary",
      text_zh: "",
      visibility: "shared",
    });
    await backend.startSession(jointId);
    const note = await backend.getNote(first.id);
    expect(note.visibility).toBe("shared");
    const detail = await backend.caseDetail(caseId);
    renderWith(NoteEditor, { caseId, note, sessions: detail.sessions, parties: detail.parties }, backend);
    // The note is shared now: the editor shows it at once.
    expect(await screen.findByTestId("note-text-en")).toHaveValue("agreed summary");
    await fireEvent.click(screen.getByTestId("note-history-open"));
    await waitFor(() => expect(screen.getAllByTestId("revision-row")).toHaveLength(2));
    return backend;
  }

  it("shows an earlier private revision only after confirming", async () => {
    await historyOfSharedNote();
    const row1 = screen.getAllByTestId("revision-row").find((r) => r.dataset.revision === "1")!;
    await fireEvent.click(within(row1).getByTestId("revision-view"));
    const content = await screen.findByTestId("revision-content");
    expect(content).toHaveAttribute("data-visibility", "private");
    expect(within(content).getByTestId("reveal-placeholder")).toHaveAttribute("data-visibility", "private");
    expect(screen.queryByTestId("revision-text-en")).toBeNull();
    expect(document.body).not.toHaveTextContent("my private assessment");
    await fireEvent.click(within(content).getByTestId("reveal-ask"));
    await fireEvent.click(await screen.findByTestId("reveal-confirm"));
    expect(await screen.findByTestId("revision-text-en")).toHaveTextContent("my private assessment");
  });

  it("shows the shared revision at once", async () => {
    await historyOfSharedNote();
    const row2 = screen.getAllByTestId("revision-row").find((r) => r.dataset.revision === "2")!;
    await fireEvent.click(within(row2).getByTestId("revision-view"));
    expect(await screen.findByTestId("revision-text-en")).toHaveTextContent("agreed summary");
    expect(screen.queryByTestId("reveal-placeholder")).toBeNull();
  });

  it("compares #1 → #2 only after confirming (the stricter of the two revisions)", async () => {
    await historyOfSharedNote();
    await fireEvent.change(screen.getByTestId("revision-from"), { target: { value: "1" } });
    await fireEvent.change(screen.getByTestId("revision-to"), { target: { value: "2" } });
    await fireEvent.click(screen.getByTestId("revision-compare"));
    const placeholder = await screen.findByTestId("reveal-placeholder");
    expect(placeholder).toHaveAttribute("data-visibility", "private");
    expect(screen.queryByTestId("revision-diff")).toBeNull();
    expect(screen.queryByTestId("revision-diff-en")).toBeNull();
    expect(document.body).not.toHaveTextContent("private assessment");
    await fireEvent.click(within(placeholder).getByTestId("reveal-ask"));
    await fireEvent.click(await screen.findByTestId("reveal-confirm"));
    const en = await screen.findByTestId("revision-diff-en");
    expect(en.querySelector("del")).toHaveTextContent("private");
    expect(en.querySelector("ins")).toHaveTextContent("agreed");
  });
});

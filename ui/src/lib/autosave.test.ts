// Autosave timing: ≤ 1 s after the last keystroke, at least every 2 s while typing, never
// two saves in flight, the latest state coalesced and chained on the returned revision.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { Autosaver, type SaveState } from "./autosave";
import { demoBackend, type FakeBackend } from "./backend/fake";

const draft = (text_en: string) => ({ tags: [], text_en, text_zh: "" });

async function setup(existing = true) {
  const { backend, caseId } = await demoBackend();
  const note = existing ? await backend.createNote(caseId, draft("start")) : null;
  const states: SaveState[] = [];
  const saver = new Autosaver({
    noteId: note?.id ?? null,
    revision: note ? Number(note.revision) : null,
    create: (d) => backend.createNote(caseId, d),
    save: (id, base, d) => backend.saveNote(id, base, d),
    latestRevision: async (id) => Number((await backend.getNote(id)).revision),
    onState: (s) => states.push(s),
    onSaved: () => {},
  });
  return { backend, caseId, note, saver, states };
}

const texts = (b: FakeBackend) => b.saveCalls.map((c) => c.draft.text_en);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("Autosaver", () => {
  it("saves one second after the last keystroke, not before", async () => {
    const { backend, saver } = await setup();
    saver.change(draft("s"));
    await vi.advanceTimersByTimeAsync(600);
    saver.change(draft("st"));
    await vi.advanceTimersByTimeAsync(999);
    expect(backend.saveCalls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(texts(backend)).toEqual(["st"]);
  });

  it("while typing continuously, saves at least every two seconds", async () => {
    const { backend, saver } = await setup();
    for (let ms = 0; ms < 5000; ms += 200) {
      saver.change(draft(`t${ms}`));
      await vi.advanceTimersByTimeAsync(200);
    }
    // 5 s of typing without a pause: saves at 2 s and 4 s (and none waits for the pause).
    expect(backend.saveCalls.length).toBeGreaterThanOrEqual(2);
    expect(backend.saveCalls[0]?.draft.text_en).toBe("t1800");
  });

  it("never has two saves in flight: coalesces to the latest and chains the revision", async () => {
    const { backend, saver, note } = await setup();
    let open!: () => void;
    backend.saveGate = new Promise<void>((resolve) => (open = resolve));
    saver.change(draft("a"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(backend.saveCalls).toHaveLength(1);
    saver.change(draft("ab"));
    await vi.advanceTimersByTimeAsync(1000);
    saver.change(draft("abc"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(backend.saveCalls).toHaveLength(1);
    backend.saveGate = null;
    open();
    await vi.advanceTimersByTimeAsync(0);
    await saver.flush();
    expect(texts(backend)).toEqual(["a", "abc"]);
    expect(backend.saveCalls.map((c) => c.base)).toEqual([Number(note?.revision), Number(note?.revision) + 1]);
    expect(Number((await backend.getNote(note!.id)).revision)).toBe(3);
  });

  it("flush saves at once; a new note is created by its first save, then saved", async () => {
    const { backend, saver, states, caseId } = await setup(false);
    saver.change(draft("first"));
    await saver.flush();
    expect(saver.noteId).not.toBeNull();
    saver.change(draft("first second"));
    await saver.flush();
    const notes = await backend.listNotes(caseId, {});
    expect(notes.map((n) => n.text_en)).toEqual(["first second"]);
    expect(states.at(-1)).toMatchObject({ kind: "saved", revision: 2 });
  });

  it("does not save mid-composition; saves when the composition ends", async () => {
    const { backend, saver } = await setup();
    saver.setComposing(true);
    saver.change(draft("ni"));
    await vi.advanceTimersByTimeAsync(3000);
    expect(backend.saveCalls).toHaveLength(0);
    saver.change(draft("你"));
    saver.setComposing(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(texts(backend)).toEqual(["你"]);
  });

  it("on a conflict keeps the state and can save it over the newer revision", async () => {
    const { backend, saver, states, note } = await setup();
    await backend.saveNote(note!.id, 1, draft("someone else"));
    saver.change(draft("mine"));
    await saver.flush();
    expect(states.at(-1)).toMatchObject({ kind: "conflict", revision: 2 });
    expect((await backend.getNote(note!.id)).text_en).toBe("someone else");
    await saver.saveOver();
    expect((await backend.getNote(note!.id)).text_en).toBe("mine");
    expect(states.at(-1)).toMatchObject({ kind: "saved", revision: 3 });
  });
});

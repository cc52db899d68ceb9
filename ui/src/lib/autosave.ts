// Autosave for the note editor, free of any framework so its timing can be tested alone.
//
// Rules: a save starts at most `debounceMs` after the last change, and at least every
// `maxWaitMs` while changes keep coming; never two saves at once (changes made meanwhile
// are coalesced into one save of the latest state, from the revision the last save
// returned); nothing is saved while an input method is composing; `flush()` saves now.
// The first save of a new note creates it. A failed save keeps the state dirty: the next
// change or flush tries again, and a conflict can be overridden with `saveOver()`.

import { BackendError } from "./backend/backend";
import type { Note } from "./bindings/Note";
import type { NoteDraft } from "./bindings/NoteDraft";

export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date; revision: number }
  | { kind: "error"; error: unknown }
  | { kind: "conflict"; error: BackendError; revision: number };

export type AutosaveOptions = {
  /** The note being edited, or null for a new one (the first save creates it). */
  noteId: string | null;
  /** Its revision when the editor opened it. */
  revision: number | null;
  create: (draft: NoteDraft) => Promise<Note>;
  save: (noteId: string, base: number, draft: NoteDraft) => Promise<Note>;
  onState: (state: SaveState) => void;
  onSaved: (note: Note) => void;
  /** Reads a note's current revision (after a conflict). */
  latestRevision?: (noteId: string) => Promise<number>;
  debounceMs?: number;
  maxWaitMs?: number;
  now?: () => Date;
};

/** Every autosaver that may hold unsaved text: created and not yet disposed, or still saving. */
const live = new Set<Autosaver>();

/**
 * Saves whatever any editor holds, now: the app calls it before the key goes (lock, screen
 * guard, idle lock, closing the window), so nothing typed is lost. Resolves once every save
 * has finished or failed (a failure stays on the editor's state, as for any save).
 */
export async function flushAllAutosaves(): Promise<void> {
  await Promise.allSettled([...[...live].map((saver) => saver.flush()), ...[...otherEditors].map((flush) => flush())]);
}

/** Editors other than the note editor's with text not yet saved (the agreement's clauses). */
const otherEditors = new Set<() => Promise<void>>();

/**
 * Lets another editor's pending text be saved with the notes' before the key goes. Returns
 * the call that takes it off again (when the editor is gone).
 */
export function saveBeforeLocking(flush: () => Promise<void>): () => void {
  otherEditors.add(flush);
  return () => otherEditors.delete(flush);
}

export class Autosaver {
  noteId: string | null;
  base: number | null;
  private latest: NoteDraft | null = null;
  private dirty = false;
  private again = false;
  private composing = false;
  private failed = false;
  private inFlight: Promise<void> | null = null;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  private maxTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: AutosaveOptions) {
    this.noteId = options.noteId;
    this.base = options.revision;
    this.debounceMs = options.debounceMs ?? 1000;
    this.maxWaitMs = options.maxWaitMs ?? 2000;
    this.now = options.now ?? (() => new Date());
    live.add(this);
  }

  get pending(): boolean {
    return this.dirty || this.inFlight !== null;
  }

  /** The editor's whole state changed (every keystroke). Never blocks. */
  change(draft: NoteDraft): void {
    this.latest = draft;
    this.dirty = true;
    this.failed = false;
    if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => this.tick(), this.debounceMs);
    this.maxTimer ??= setTimeout(() => this.tick(), this.maxWaitMs);
  }

  /** An input method opened (true) or closed (false) a composition. */
  setComposing(composing: boolean): void {
    this.composing = composing;
    if (!composing && this.dirty && this.debounceTimer === null) this.tick();
  }

  /** Saves now (blur, close, Ctrl+S, destroy); resolves once nothing is in flight. */
  async flush(): Promise<void> {
    this.clearTimers();
    if (this.inFlight) this.again = true;
    else if (this.dirty) this.run();
    while (this.inFlight) await this.inFlight;
  }

  /**
   * After a conflict: save the editor's state over the newer revision. The revision is read
   * again (`latestRevision`), falling back to the one the conflict reported.
   */
  async saveOver(): Promise<void> {
    if (!this.latest) return;
    let revision = this.conflictRevision;
    if (this.noteId !== null && this.options.latestRevision) {
      try {
        revision = await this.options.latestRevision(this.noteId);
      } catch {
        // keep the revision the conflict reported
      }
    }
    if (revision !== null) this.base = revision;
    this.dirty = true;
    this.failed = false;
    await this.flush();
  }

  private conflictRevision: number | null = null;

  /** The editor is gone: no more timers. A save still in flight is waited for by flushAllAutosaves. */
  dispose(): void {
    this.clearTimers();
    if (this.inFlight) void this.inFlight.finally(() => live.delete(this));
    else live.delete(this);
  }

  private clearTimers(): void {
    if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
    if (this.maxTimer !== null) clearTimeout(this.maxTimer);
    this.debounceTimer = null;
    this.maxTimer = null;
  }

  private tick(): void {
    if (this.composing) {
      // Wait for the composition to end (setComposing(false) resumes).
      this.clearTimers();
      return;
    }
    this.clearTimers();
    if (this.inFlight) this.again = true;
    else if (this.dirty) this.run();
  }

  private run(): void {
    const draft = this.latest;
    if (!draft || !this.dirty) return;
    this.dirty = false;
    this.again = false;
    this.options.onState({ kind: "saving" });
    this.inFlight = (async () => {
      try {
        const note =
          this.noteId === null
            ? await this.options.create(draft)
            : await this.options.save(this.noteId, this.base ?? 0, draft);
        this.noteId = note.id;
        this.base = Number(note.revision);
        this.options.onSaved(note);
        if (!this.dirty) this.options.onState({ kind: "saved", at: this.now(), revision: this.base });
      } catch (error) {
        this.dirty = true;
        this.failed = true;
        if (error instanceof BackendError && error.code === "note.conflict") {
          const revision = Number(error.report.args.revision);
          this.conflictRevision = Number.isFinite(revision) ? revision : null;
          this.options.onState({ kind: "conflict", error, revision });
        } else {
          this.options.onState({ kind: "error", error });
        }
      } finally {
        this.inFlight = null;
        if (this.again && this.dirty && !this.failed) this.run();
        this.again = false;
      }
    })();
  }
}

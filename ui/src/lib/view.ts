// Where the mediator is in the workspace. Ids only, never case text: a view survives a
// screen-guard lock (to return there after unlocking) without keeping anything confidential.

export type View =
  | { name: "cases" }
  | { name: "new-case" }
  /** `noteId`: the note open in the editor there (opened from search, kept for the guard). */
  | { name: "case"; caseId: string; noteId?: string }
  | { name: "edit-case"; caseId: string }
  | { name: "agenda" }
  | { name: "live"; caseId: string; sessionId: string }
  | { name: "search" }
  | { name: "terms" };

export const HOME: View = { name: "cases" };

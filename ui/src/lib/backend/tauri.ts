// The Backend over Tauri's IPC. THE ONLY module that may import @tauri-apps/* (a test checks).
// Tauri turns the camelCase argument keys below into the commands' snake_case parameters.

import { Channel, invoke } from "@tauri-apps/api/core";

import type { AgendaItem } from "../bindings/AgendaItem";
import type { Agreement } from "../bindings/Agreement";
import type { AgreementDetail } from "../bindings/AgreementDetail";
import type { AgreementUpdate } from "../bindings/AgreementUpdate";
import type { AgreementVersion } from "../bindings/AgreementVersion";
import type { CheckProblem } from "../bindings/CheckProblem";
import type { Clause } from "../bindings/Clause";
import type { ClauseText } from "../bindings/ClauseText";
import type { LibraryClause } from "../bindings/LibraryClause";
import type { NewAgreement } from "../bindings/NewAgreement";
import type { Place } from "../bindings/Place";
import type { PositionStatus } from "../bindings/PositionStatus";
import type { Layout } from "../bindings/Layout";
import type { Redline } from "../bindings/Redline";
import type { Step } from "../bindings/Step";
import type { AppEvent } from "../bindings/AppEvent";
import type { GuardState } from "../bindings/GuardState";
import type { Case } from "../bindings/Case";
import type { CaseDetail } from "../bindings/CaseDetail";
import type { CaseFilter } from "../bindings/CaseFilter";
import type { CaseStatus } from "../bindings/CaseStatus";
import type { CaseUpdate } from "../bindings/CaseUpdate";
import type { ErrorReport } from "../bindings/ErrorReport";
import type { NewCase } from "../bindings/NewCase";
import type { NewParty } from "../bindings/NewParty";
import type { NewRecoveryKey } from "../bindings/NewRecoveryKey";
import type { Party } from "../bindings/Party";
import type { PartyUpdate } from "../bindings/PartyUpdate";
import type { Session } from "../bindings/Session";
import type { SessionDraft } from "../bindings/SessionDraft";
import type { VaultCreated } from "../bindings/VaultCreated";
import type { VaultStatus } from "../bindings/VaultStatus";
import type { Disclosure } from "../bindings/Disclosure";
import type { DisclosureDraft } from "../bindings/DisclosureDraft";
import type { Note } from "../bindings/Note";
import type { NoteDraft } from "../bindings/NoteDraft";
import type { NoteFilter } from "../bindings/NoteFilter";
import type { NoteRevision } from "../bindings/NoteRevision";
import type { RevisionDiff } from "../bindings/RevisionDiff";
import type { ChineseScript } from "../bindings/ChineseScript";
import type { ImportReport } from "../bindings/ImportReport";
import type { NewTerm } from "../bindings/NewTerm";
import type { SearchQuery } from "../bindings/SearchQuery";
import type { SearchResults } from "../bindings/SearchResults";
import type { Side } from "../bindings/Side";
import type { Term } from "../bindings/Term";
import type { TermGap } from "../bindings/TermGap";
import type { TermMatch } from "../bindings/TermMatch";
import type { TermUpdate } from "../bindings/TermUpdate";
import type { Command } from "../bindings/Command";
import { BackendError, type Backend, type ExportRequest, type Preferences } from "./backend";

function isErrorReport(value: unknown): value is ErrorReport {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

/** A rejected invoke carries an ErrorReport; anything else (IPC failure) becomes internal.io. */
export function toBackendError(reason: unknown): BackendError {
  if (reason instanceof BackendError) return reason;
  if (isErrorReport(reason)) {
    return new BackendError({ code: reason.code, args: reason.args ?? {}, message: reason.message });
  }
  const detail = reason instanceof Error ? reason.message : String(reason);
  return new BackendError({ code: "internal.io", args: { detail }, message: detail });
}

/** `command` is one of the shell's list (`Command`, generated from src-tauri/src/commands/list.rs). */
async function call<T>(command: Command, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toBackendError(reason);
  }
}

export class TauriBackend implements Backend {
  vaultStatus(): Promise<VaultStatus> {
    return call("vault_status");
  }
  createVault(passphrase: string, mediator: string, useKeyring: boolean): Promise<VaultCreated> {
    return call("vault_create", { passphrase, mediator, useKeyring });
  }
  unlock(passphrase: string): Promise<void> {
    return call("vault_unlock", { passphrase });
  }
  unlockWithKeyring(): Promise<boolean> {
    return call("vault_unlock_keyring");
  }
  lock(): Promise<void> {
    return call("vault_lock");
  }
  rotateRecoveryKey(passphrase: string): Promise<NewRecoveryKey> {
    return call("vault_recovery_rotate", { passphrase });
  }
  rekeyVault(passphrase: string): Promise<NewRecoveryKey> {
    return call("vault_rekey", { passphrase });
  }
  listen(onEvent: (event: AppEvent) => void): Promise<void> {
    const channel = new Channel<AppEvent>();
    channel.onmessage = onEvent;
    return call("app_events", { channel });
  }
  activity(): Promise<void> {
    return call("app_activity");
  }
  quit(): Promise<void> {
    return call("app_quit");
  }

  listCases(filter: CaseFilter): Promise<Case[]> {
    return call("case_list", { filter });
  }
  caseDetail(caseId: string): Promise<CaseDetail> {
    return call("case_detail", { caseId });
  }
  createCase(input: NewCase): Promise<Case> {
    return call("case_create", { input });
  }
  updateCase(caseId: string, change: CaseUpdate): Promise<Case> {
    return call("case_update", { caseId, change });
  }
  closeCase(caseId: string, outcome: CaseStatus): Promise<Case> {
    return call("case_close", { caseId, outcome });
  }

  addParty(caseId: string, input: NewParty): Promise<Party> {
    return call("party_add", { caseId, input });
  }
  updateParty(partyId: string, change: PartyUpdate): Promise<Party> {
    return call("party_update", { partyId, change });
  }

  createSession(caseId: string, draft: SessionDraft): Promise<Session> {
    return call("session_create", { caseId, draft });
  }
  startSession(sessionId: string): Promise<Session> {
    return call("session_start", { sessionId });
  }
  endSession(sessionId: string): Promise<Session> {
    return call("session_end", { sessionId });
  }
  agenda(): Promise<AgendaItem[]> {
    return call("agenda");
  }
  guardState(): Promise<GuardState> {
    return call("guard_state");
  }

  getPreferences(): Promise<Preferences> {
    return call("preferences_get");
  }
  setPreferences(preferences: Preferences): Promise<void> {
    return call("preferences_set", { preferences });
  }

  // ---- notes, revisions, caucus disclosures (revisions go as JSON numbers: BigInt has no JSON form)

  listNotes(caseId: string, filter: NoteFilter): Promise<Note[]> {
    return call("note_list", { caseId, filter });
  }
  getNote(noteId: string): Promise<Note> {
    return call("note_get", { noteId });
  }
  createNote(caseId: string, draft: NoteDraft): Promise<Note> {
    return call("note_create", { caseId, draft });
  }
  saveNote(noteId: string, baseRevision: number, draft: NoteDraft): Promise<Note> {
    return call("note_save", { noteId, baseRevision: Number(baseRevision), draft });
  }
  noteHistory(noteId: string): Promise<NoteRevision[]> {
    return call("note_history", { noteId });
  }
  compareRevisions(noteId: string, from: number, to: number): Promise<RevisionDiff> {
    return call("note_compare", { noteId, from: Number(from), to: Number(to) });
  }
  restoreRevision(noteId: string, revision: number): Promise<Note> {
    return call("note_restore", { noteId, revision: Number(revision) });
  }
  recordDisclosure(noteId: string, draft: DisclosureDraft): Promise<Disclosure> {
    return call("disclosure_record", { noteId, draft });
  }
  disclosureLog(caseId: string): Promise<Disclosure[]> {
    return call("disclosure_log", { caseId });
  }

  // ---- search and termbase

  searchNotes(query: SearchQuery): Promise<SearchResults> {
    return call("search_notes", { query });
  }
  listTerms(text: string | null): Promise<Term[]> {
    return call("term_list", { text });
  }
  addTerm(input: NewTerm): Promise<Term> {
    return call("term_add", { input });
  }
  updateTerm(termId: string, change: TermUpdate): Promise<Term> {
    return call("term_update", { termId, change });
  }
  removeTerm(termId: string): Promise<void> {
    return call("term_remove", { termId });
  }
  termMatches(text: string, side: Side, script: ChineseScript): Promise<TermMatch[]> {
    return call("term_matches", { text, side, script });
  }
  termCheck(textEn: string, textZh: string): Promise<TermGap[]> {
    return call("term_check", { textEn, textZh });
  }
  importTerms(csv: string): Promise<ImportReport> {
    return call("term_import", { csv });
  }
  exportTerms(): Promise<string> {
    return call("term_export", {});
  }

  // ---- settlement agreements

  listAgreements(caseId: string): Promise<Agreement[]> {
    return call("agreement_list", { caseId });
  }
  createAgreement(caseId: string, input: NewAgreement, templates: string[]): Promise<Agreement> {
    return call("agreement_create", { caseId, input, templates });
  }
  agreementDetail(agreementId: string): Promise<AgreementDetail> {
    return call("agreement_detail", { agreementId });
  }
  updateAgreement(agreementId: string, change: AgreementUpdate): Promise<Agreement> {
    return call("agreement_update", { agreementId, change });
  }
  addClause(agreementId: string, words: ClauseText, place: Place): Promise<Clause> {
    return call("clause_add", { agreementId, words, place });
  }
  addClauseFromLibrary(agreementId: string, key: string, place: Place): Promise<Clause> {
    return call("clause_add_from_library", { agreementId, key, place });
  }
  addClauseFromNote(agreementId: string, noteId: string, place: Place): Promise<Clause> {
    return call("clause_add_from_note", { agreementId, noteId, place });
  }
  editClause(clauseId: string, words: ClauseText): Promise<Clause> {
    return call("clause_edit", { clauseId, words });
  }
  moveClause(clauseId: string, place: Place): Promise<Clause> {
    return call("clause_move", { clauseId, place });
  }
  shiftClause(clauseId: string, step: Step): Promise<Clause> {
    return call("clause_shift", { clauseId, step });
  }
  removeClause(clauseId: string): Promise<Clause> {
    return call("clause_remove", { clauseId });
  }
  setPosition(clauseId: string, partyId: string, status: PositionStatus, comment: string): Promise<Clause> {
    return call("clause_position", { clauseId, partyId, status, comment });
  }
  saveVersion(agreementId: string, label: string): Promise<AgreementVersion> {
    return call("agreement_version_save", { agreementId, label });
  }
  listVersions(agreementId: string): Promise<AgreementVersion[]> {
    return call("agreement_versions", { agreementId });
  }
  redline(agreementId: string, from: number, to: number | null): Promise<Redline> {
    return call("agreement_redline", { agreementId, from: Number(from), to: to === null ? null : Number(to) });
  }
  checkAgreement(agreementId: string): Promise<CheckProblem[]> {
    return call("agreement_check", { agreementId });
  }
  finalizeAgreement(agreementId: string, label: string): Promise<AgreementVersion> {
    return call("agreement_final", { agreementId, label });
  }
  previewAgreement(agreementId: string, version: number | null, layout: Layout): Promise<string[]> {
    return call("agreement_preview", { agreementId, version: version === null ? null : Number(version), layout });
  }
  exportAgreement(agreementId: string, r: ExportRequest): Promise<string | null> {
    const num = (n: number | null) => (n === null ? null : Number(n));
    return call("agreement_export", { agreementId, format: r.format, layout: r.layout, version: num(r.version), redlineFrom: num(r.redlineFrom) });
  }
  listLibrary(): Promise<LibraryClause[]> {
    return call("library_list");
  }
}

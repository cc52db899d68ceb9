// The one interface the UI talks to. `tauri.ts` implements it over Tauri's IPC (the only
// module that may import @tauri-apps/*); `fake.ts` implements it in memory for unit tests.
// Every type here is generated from the Rust core (../bindings, by ts-rs): never edit those.

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
import type { Preferences } from "../bindings/Preferences";
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
import type { ImportReport } from "../bindings/ImportReport";
import type { NewTerm } from "../bindings/NewTerm";
import type { SearchQuery } from "../bindings/SearchQuery";
import type { SearchResults } from "../bindings/SearchResults";
import type { Side } from "../bindings/Side";
import type { ChineseScript } from "../bindings/ChineseScript";
import type { Term } from "../bindings/Term";
import type { TermGap } from "../bindings/TermGap";
import type { TermMatch } from "../bindings/TermMatch";
import type { TermUpdate } from "../bindings/TermUpdate";

/** A failed call: `code` is stable, the UI translates it with `args` (never shows `message`). */
export class BackendError extends Error {
  constructor(public readonly report: ErrorReport) {
    super(report.message);
    this.name = "BackendError";
  }
  get code() {
    return this.report.code;
  }
}

export interface Backend {
  /** Where the vault is, whether it exists and whether this app holds it open. */
  vaultStatus(): Promise<VaultStatus>;
  /** First run: creates the vault and leaves it unlocked. Shows the recovery key once. */
  createVault(passphrase: string, mediator: string, useKeyring: boolean): Promise<VaultCreated>;
  /** Unlocks with the passphrase (slow on purpose: ~0.7 s). */
  unlock(passphrase: string): Promise<void>;
  /** Unlocks with the key kept in the OS keyring; false when there is none. */
  unlockWithKeyring(): Promise<boolean>;
  /**
   * Closes the database, drops the key and takes it out of the OS keyring: after a lock only
   * the passphrase unlocks (`unlockWithKeyring` fails with `vault.keyring_after_lock`), and
   * that unlock puts the key back if the vault keeps it there. Save what is pending first.
   */
  lock(): Promise<void>;
  /**
   * Makes a new recovery key (shown once, never stored) for the open vault; the old recovery
   * key stops opening it. Copies of the vault's files taken before still accept the old key
   * (re-keying is for those). The master key does not change and the vault stays open. Asks
   * for the passphrase although the vault is unlocked: someone at an unlocked laptop must not
   * replace the recovery key. Audited as `vault.recovery_rotate`. Errors:
   * `vault.wrong_passphrase` (nothing changed), `vault.locked` (no vault open).
   */
  rotateRecoveryKey(passphrase: string): Promise<NewRecoveryKey>;
  /**
   * Re-encrypts the whole vault under a brand-new master key with new key slots (the same
   * passphrase, a new recovery key, shown once): nothing the mediator holds from now on opens
   * copies of the vault's files made before, and nothing from those copies opens the vault
   * (they keep only their own old recovery key and passphrase slots). Takes a few seconds (two
   * Argon2id derivations and a copy of the database); the vault stays open (the shell reopens
   * it) and the OS keyring copy of the key, if the vault keeps one, is replaced. Save what is
   * pending first. Asks for the passphrase although the vault is unlocked. Audited as
   * `vault.rekey`. Errors: `vault.wrong_passphrase` (nothing changed), `vault.locked` (no
   * vault open), `vault.in_use` (another Accord process has the vault open for reading;
   * nothing changed).
   */
  rekeyVault(passphrase: string): Promise<NewRecoveryKey>;
  /**
   * What the shell says unasked: `lock_requested` (save what is pending and lock; the shell
   * locks by itself 5 s later), `locked` (it did), `close_requested` (save, then `quit`).
   */
  listen(onEvent: (event: AppEvent) => void): Promise<void>;
  /** The mediator typed, clicked or moved: the shell's idle clock starts again. */
  activity(): Promise<void>;
  /** Closes the vault (keyring untouched) and ends the app, after a close request. */
  quit(): Promise<void>;

  listCases(filter: CaseFilter): Promise<Case[]>;
  caseDetail(caseId: string): Promise<CaseDetail>;
  createCase(input: NewCase): Promise<Case>;
  updateCase(caseId: string, change: CaseUpdate): Promise<Case>;
  closeCase(caseId: string, outcome: CaseStatus): Promise<Case>;

  addParty(caseId: string, input: NewParty): Promise<Party>;
  updateParty(partyId: string, change: PartyUpdate): Promise<Party>;

  createSession(caseId: string, draft: SessionDraft): Promise<Session>;
  startSession(sessionId: string): Promise<Session>;
  endSession(sessionId: string): Promise<Session>;
  /** Sessions not yet over, across all cases, soonest first. */
  agenda(): Promise<AgendaItem[]>;
  /** Whether a joint session is under way (started, not ended, whatever its schedule): the caucus guard asks this, never the agenda. */
  guardState(): Promise<GuardState>;

  /** The interface preferences, kept by the shell outside the vault and the webview (readable while locked). */
  getPreferences(): Promise<Preferences>;
  /** Replaces the interface preferences (`lang` one of en, zh-Hans, zh-Hant; both auto-lock delays 1–240). */
  setPreferences(preferences: Preferences): Promise<void>;

  // ---- notes, revisions, caucus disclosures
  // Revision numbers are plain JSON numbers (the core marks its i64 revisions so).

  /** A case's notes, oldest first. */
  listNotes(caseId: string, filter: NoteFilter): Promise<Note[]>;
  getNote(noteId: string): Promise<Note>;
  /** A missing visibility defaults from the draft's session (caucus ⇒ caucus for its party). */
  createNote(caseId: string, draft: NoteDraft): Promise<Note>;
  /** The editor's whole state; `note.conflict` (args.revision) when the note has moved on. */
  saveNote(noteId: string, baseRevision: number, draft: NoteDraft): Promise<Note>;
  /** Newest first. */
  noteHistory(noteId: string): Promise<NoteRevision[]>;
  compareRevisions(noteId: string, from: number, to: number): Promise<RevisionDiff>;
  restoreRevision(noteId: string, revision: number): Promise<Note>;
  recordDisclosure(noteId: string, draft: DisclosureDraft): Promise<Disclosure>;
  /** Every disclosure record of a case, in the order they were made. */
  disclosureLog(caseId: string): Promise<Disclosure[]>;

  // ---- search and termbase

  /** Notes matching `query.text` (both sides), best first, one page; `input.invalid` (field `query`) when nothing is searchable. */
  searchNotes(query: SearchQuery): Promise<SearchResults>;
  /** Termbase entries in English order; with `text`, those whose English or either Chinese form contains it. */
  listTerms(text: string | null): Promise<Term[]>;
  addTerm(input: NewTerm): Promise<Term>;
  /** `""` clears an optional field. */
  updateTerm(termId: string, change: TermUpdate): Promise<Term>;
  removeTerm(termId: string): Promise<void>;
  /** Known terms in `text` written in `side`; offsets are UTF-16 code units into `text`. */
  termMatches(text: string, side: Side, script: ChineseScript): Promise<TermMatch[]>;
  /** Terms on one side whose counterpart the other side lacks (nothing when either side is blank). */
  termCheck(textEn: string, textZh: string): Promise<TermGap[]>;
  /** Merges a CSV file's text in by English term; all or nothing (a bad row: `input.invalid`, field `csv`, naming the line). */
  importTerms(csv: string): Promise<ImportReport>;
  /** Writes the termbase as CSV into the Downloads folder; returns the file's path. */
  exportTerms(): Promise<string>;

  // ---- settlement agreements (src/agreements; docs/agreements.md)
  // A final agreement refuses every change (`agreement.final`). Version numbers are JSON numbers.

  /** A case's agreements, oldest first. */
  listAgreements(caseId: string): Promise<Agreement[]>;
  /** A new draft (a title in at least one language); `templates` (library keys) become its first clauses, all or nothing. */
  createAgreement(caseId: string, input: NewAgreement, templates: string[]): Promise<Agreement>;
  /** Its clauses in reading order, numbered, each party's position, the proposal note each came from, and its versions. */
  agreementDetail(agreementId: string): Promise<AgreementDetail>;
  /** Titles (`""` clears one; one must remain), script, language regime. */
  updateAgreement(agreementId: string, change: AgreementUpdate): Promise<Agreement>;
  /** A clause at `place`; text may refer to another clause as `{{4.2}}` (stored by id). */
  addClause(agreementId: string, words: ClauseText, place: Place): Promise<Clause>;
  /** Library template `key`, in the agreement's script. */
  addClauseFromLibrary(agreementId: string, key: string, place: Place): Promise<Clause>;
  /** A note tagged proposal; a caucus note needs its party's authorisation of all of it (`note.disclosure_not_authorised`). */
  addClauseFromNote(agreementId: string, noteId: string, place: Place): Promise<Clause>;
  /** The clause's whole words; unchanged words write nothing. */
  editClause(clauseId: string, words: ClauseText): Promise<Clause>;
  /** With its sub-clauses; never under itself, three levels deep at most (`input.invalid`, field `place`). */
  moveClause(clauseId: string, place: Place): Promise<Clause>;
  /** One keyboard step (up, down, indent, outdent); at an edge nothing changes. */
  shiftClause(clauseId: string, step: Step): Promise<Clause>;
  /** Refused while it has sub-clauses or another clause refers to it. */
  removeClause(clauseId: string): Promise<Clause>;
  setPosition(clauseId: string, partyId: string, status: PositionStatus, comment: string): Promise<Clause>;
  /** Freezes the agreement as it stands as its next version. */
  saveVersion(agreementId: string, label: string): Promise<AgreementVersion>;
  /** Oldest first. */
  listVersions(agreementId: string): Promise<AgreementVersion[]>;
  /** Version `from` against version `to`, or against the draft as it stands (`to` null). */
  redline(agreementId: string, from: number, to: number | null): Promise<Redline>;
  /** Every failed check (empty: it may be made final). */
  checkAgreement(agreementId: string): Promise<CheckProblem[]>;
  /** Final and frozen as a version, once every check passes (`agreement.checks_failed`, args.count, otherwise). */
  finalizeAgreement(agreementId: string, label: string): Promise<AgreementVersion>;
  /** Version `version`'s pages (the draft's for null) as PNG `data:` URLs, one per page. */
  previewAgreement(agreementId: string, version: number | null, layout: Layout): Promise<string[]>;
  /**
   * Made by the core, saved where the mediator picks in the shell's own save dialog: the
   * path written, or null when the dialog was cancelled. A redline (`redlineFrom` to
   * `version`, or to the draft) is pdf or docx only (`input.invalid`, field `format`).
   */
  exportAgreement(agreementId: string, request: ExportRequest): Promise<string | null>;
  /** The clause library's templates, by key. */
  listLibrary(): Promise<LibraryClause[]>;
}

/**
 * The mediator's interface preferences: not confidential, so the shell keeps them in a small
 * file outside the vault (they are needed before unlocking). The UI never stores them itself.
 */
export type { Preferences };

/** What `exportAgreement` writes (commands/export.rs `ExportRequest`). */
export type ExportFormat = "pdf" | "docx" | "html" | "md";

export interface ExportRequest {
  format: ExportFormat;
  layout: Layout;
  /** A saved version, or null for the draft as it stands. */
  version: number | null;
  /** A redline from this version to `version`; null for the agreement itself. */
  redlineFrom: number | null;
}

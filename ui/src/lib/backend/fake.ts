// An in-memory Backend for unit tests (and for trying the UI in a plain browser). It follows
// the core's rules closely enough for the UI's paths: the same error codes and args, the same
// defaults (panel from kind, one-hour sessions, attendees from the case), the same
// transitions. The vocabularies, transitions, limits and defaults are the core's own, from
// bindings/rules.ts; the recorded scenarios in contract.test.ts hold the rest to the core's
// answers. Nothing here is persisted.

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
import type { Attendee } from "../bindings/Attendee";
import type { Case } from "../bindings/Case";
import type { CaseDetail } from "../bindings/CaseDetail";
import type { CaseFilter } from "../bindings/CaseFilter";
import type { CaseStatus } from "../bindings/CaseStatus";
import type { CaseUpdate } from "../bindings/CaseUpdate";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { KeyringState } from "../bindings/KeyringState";
import type { Mediator } from "../bindings/Mediator";
import type { NewCase } from "../bindings/NewCase";
import type { NewParty } from "../bindings/NewParty";
import type { NewRecoveryKey } from "../bindings/NewRecoveryKey";
import type { Party } from "../bindings/Party";
import type { PartyUpdate } from "../bindings/PartyUpdate";
import type { Session } from "../bindings/Session";
import type { SessionDraft } from "../bindings/SessionDraft";
import type { VaultCreated } from "../bindings/VaultCreated";
import type { VaultStatus } from "../bindings/VaultStatus";
import type { ChineseScript } from "../bindings/ChineseScript";
import type { DiffChange } from "../bindings/DiffChange";
import type { DiffSpan } from "../bindings/DiffSpan";
import type { Disclosure } from "../bindings/Disclosure";
import type { DisclosureDraft } from "../bindings/DisclosureDraft";
import type { DisclosureScope } from "../bindings/DisclosureScope";
import type { DisclosureStatus } from "../bindings/DisclosureStatus";
import type { ConfidentialityRegime } from "../bindings/ConfidentialityRegime";
import type { AppEvent } from "../bindings/AppEvent";
import {
  AUTO_LOCK_DEFAULT_MINUTES,
  AUTO_LOCK_MAX_MINUTES,
  AUTO_LOCK_MIN_MINUTES,
  LOCK_GRACE_SECONDS,
  SESSION_AUTO_LOCK_DEFAULT_MINUTES,
  CAUCUS_DEFAULTS,
  CLOSED_STATUSES,
  DEFAULT_PANELS,
  DEFAULT_REGIME,
  MAX_ATTENDEES,
  MAX_NAME,
  MAX_NOTE_SIDE,
  MAX_REFERENCE,
  MAX_REPRESENTATIVES,
  MAX_SUMMARY,
  MAX_TITLE,
  NOTE_TAGS,
  TRANSITIONS,
} from "../bindings/rules";
import type { GuardState } from "../bindings/GuardState";
import type { Note } from "../bindings/Note";
import type { NoteDraft } from "../bindings/NoteDraft";
import type { NoteFilter } from "../bindings/NoteFilter";
import type { NoteRevision } from "../bindings/NoteRevision";
import type { NoteTag } from "../bindings/NoteTag";
import type { RevisionDiff } from "../bindings/RevisionDiff";
import type { Side } from "../bindings/Side";
import type { Visibility } from "../bindings/Visibility";
import type { ImportReport } from "../bindings/ImportReport";
import type { NewTerm } from "../bindings/NewTerm";
import type { SearchQuery } from "../bindings/SearchQuery";
import type { SearchResults } from "../bindings/SearchResults";
import type { Term } from "../bindings/Term";
import type { TermGap } from "../bindings/TermGap";
import type { TermMatch } from "../bindings/TermMatch";
import type { TermUpdate } from "../bindings/TermUpdate";
import { defaultVisibility } from "../notes";
import { BackendError, type Backend, type ExportRequest, type Preferences } from "./backend";
import { FakeAgreements } from "./fake-agreements";
import { checkOneLine, FakeTermbase, searchNotes, type SearchableNote } from "./fake-search";

const MIN_PASSPHRASE = 10;

export function fail(code: ErrorCode, args: Record<string, string> = {}, message: string = code): never {
  throw new BackendError({ code, args, message });
}

export type FakeOptions = {
  /** Whether a vault exists at start (default true). */
  exists?: boolean;
  /** The vault's passphrase (default "correct horse battery"). */
  passphrase?: string;
  mediator?: string;
  /** Keyring state of an existing vault; "enabled" lets unlockWithKeyring succeed. */
  keyring?: KeyringState;
  /** Whether the keyring answers when a vault is created (default true). */
  keyringAvailable?: boolean;
  unlocked?: boolean;
  /** Milliseconds each passphrase unlock (and recovery key rotation) takes (the real one takes ~700). */
  unlockDelayMs?: number;
  /** Milliseconds a rekey takes (the real one: two Argon2id derivations and a database copy, seconds). */
  rekeyDelayMs?: number;
  /** The clock (default: the real one). */
  now?: () => Date;
  preferences?: Preferences;
  /** Vault files others could read, as the core reports them (`files.not_private`). */
  warnings?: VaultStatus["warnings"];
};

/** The core's `text::optional`: a single-line field, or multi-line text (`paragraphs`). */
export function trimmed(field: string, value: string | undefined | null, max: number, multiLine = false): string | null {
  const text = (value ?? "").trim();
  if (!text) return null;
  if ([...text].length > max) fail("input.too_long", { field, max: String(max) });
  if (!multiLine) checkOneLine(field, text);
  return text;
}

export function required(field: string, value: string | undefined | null, max: number): string {
  return trimmed(field, value, max) ?? fail("input.required", { field });
}

export function bilingual(field: string, en: string | undefined | null, zh: string | undefined | null, max: number, multiLine = false) {
  const pair = { en: trimmed(field, en, max, multiLine), zh: trimmed(field, zh, max, multiLine) };
  if (pair.en === null && pair.zh === null) fail("input.required", { field });
  return pair;
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `utcMs`, in ms. */
function zoneOffset(utcMs: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? "0");
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** Wall-clock time at `zone` to a UTC instant. */
function zonedToUtc(y: number, mo: number, d: number, h: number, mi: number, zone: string): Date {
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let guess = wall - zoneOffset(wall, zone);
  guess = wall - zoneOffset(guess, zone);
  return new Date(guess);
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$/;

function parseTime(field: string, text: string, zone: string): Date {
  const value = text.trim();
  const m = WALL.exec(value);
  if (m) {
    const [y, mo, d, h, mi] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
    return zonedToUtc(y, mo, d, h, mi, zone);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return fail("time.invalid", { field, value });
}

function wallDate(date: Date, zone: string): [number, number, number] {
  const local = new Date(date.getTime() + zoneOffset(date.getTime(), zone));
  return [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
}

/**
 * A saved note reaches the core after the caller's synchronous code, as over Tauri's IPC
 * (commands run on the shell's threads): a lock called right after a save may run first.
 */
function ipcHop(): Promise<void> {
  return Promise.resolve();
}

/** RFC 4648 base32, as the core's `data_encoding::BASE32_NOPAD`. */
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** As the core's `RecoveryKey::generate().display()`: 20 random bytes, 32 base32 characters, eight groups of four. */
function randomRecoveryKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join("-");
}

/** The vault key actions the core audits, under the core's action names. */
export type KeyAction = "vault.recovery_rotate" | "vault.rekey";

export class FakeBackend implements Backend {
  private exists: boolean;
  private passphrase: string;
  private mediator: string;
  private keyring: KeyringState | null;
  private readonly keyringAvailable: boolean;
  private unlocked: boolean;
  private readonly unlockDelayMs: number;
  private readonly rekeyDelayMs: number;
  private readonly now: () => Date;
  private preferences: Preferences;
  private readonly warnings: VaultStatus["warnings"];
  private seq = 0;
  /** A copy of the key is in the OS keyring (a lock takes it out, a passphrase unlock puts it back). */
  private keyringHeld: boolean;
  /** A lock happened in this "process": only the passphrase unlocks until `restart()`. */
  private keyringBarred = false;
  // The shell's idle clock (src-tauri/src/state.rs over accord::lock), same rule and grace.
  private listener: ((event: AppEvent) => void) | null = null;
  private lastInput = Date.now();
  private askedAt: number | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  /** How many times the UI asked to quit (after a close request). */
  quitCalls = 0;
  /** The mediator cancels the next export's save dialog (it then returns null). */
  cancelExport = false;
  /** The recovery key that opens the vault now (the one shown at creation, until a rotation or rekey). */
  private recoveryKeyNow = "K7QF-2MXA-9RTB-LW4C-HD3N-P8VE-Y6ZJ-S5GU";
  /** Every recovery key this fake has handed out, so that none is handed out twice. */
  private readonly issuedKeys = new Set<string>([this.recoveryKeyNow]);
  /** How many times the master key changed (a rekey); a rotation leaves it. */
  private masterKeyGeneration = 0;
  /**
   * The audit events of the key actions, as the core records them (`vault.recovery_rotate`,
   * `vault.rekey`). The fake keeps no audit log of anything else.
   */
  readonly keyAudit: { action: KeyAction; at: string }[] = [];

  readonly cases = new Map<string, Case>();
  readonly parties = new Map<string, Party>();
  readonly sessions = new Map<string, Session>();
  readonly mediators = new Map<string, Mediator>();

  constructor(options: FakeOptions = {}) {
    this.exists = options.exists ?? true;
    this.passphrase = options.passphrase ?? "correct horse battery";
    this.mediator = options.mediator ?? "Chan Tai Man";
    this.keyring = this.exists ? (options.keyring ?? "disabled") : null;
    this.keyringAvailable = options.keyringAvailable ?? true;
    this.unlocked = options.unlocked ?? false;
    this.unlockDelayMs = options.unlockDelayMs ?? 0;
    this.rekeyDelayMs = options.rekeyDelayMs ?? 0;
    this.now = options.now ?? (() => new Date());
    this.preferences = options.preferences ?? {
      lang: "en",
      autoLockMinutes: AUTO_LOCK_DEFAULT_MINUTES,
      sessionAutoLockMinutes: SESSION_AUTO_LOCK_DEFAULT_MINUTES,
    };
    this.warnings = options.warnings ?? [];
    this.keyringHeld = this.keyring === "enabled";
  }

  /** Whether a copy of the key is in the (fake) OS keyring. */
  get keyringHoldsKey(): boolean {
    return this.keyringHeld;
  }

  /** Quit and start again: the vault closes, the keyring keeps what it holds, the lock bar lifts. */
  restart(): void {
    this.unlocked = false;
    this.keyringBarred = false;
    this.listener = null;
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** For tests: the shell sends `event` unasked. */
  shellSays(event: AppEvent): void {
    this.listener?.(event);
  }

  /** The window's close button: as the shell does, asks a listening UI to save and quit. */
  closeWindow(): void {
    if (this.unlocked && this.listener) this.listener({ kind: "close_requested" });
  }

  private touch(): void {
    this.lastInput = Date.now();
    this.askedAt = null;
    this.scheduleIdle();
  }

  /** accord::lock::idle_limit: the auto-lock delay, or the longer one while a session is live. */
  private idleLimitMs(): number {
    const live = [...this.sessions.values()].some((s) => s.actual_start !== null && s.actual_end === null);
    const { autoLockMinutes, sessionAutoLockMinutes } = this.preferences;
    return (live ? Math.max(autoLockMinutes, sessionAutoLockMinutes) : autoLockMinutes) * 60_000;
  }

  /**
   * The shell checks twice a second; the fake sets one timer for the moment the answer can
   * change (and checks again then), which is the same rule at less cost under fake timers.
   */
  private scheduleIdle(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.unlocked || !this.listener) return;
    const due =
      this.askedAt === null ? this.lastInput + this.idleLimitMs() : this.askedAt + LOCK_GRACE_SECONDS * 1000;
    this.idleTimer = setTimeout(() => this.idleTick(), Math.max(0, due - Date.now()) + 1);
  }

  /** accord::lock::IdleClock::step. */
  private idleTick(): void {
    this.idleTimer = null;
    if (!this.unlocked) return;
    const now = Date.now();
    if (now - this.lastInput >= this.idleLimitMs()) {
      if (this.askedAt === null) {
        this.askedAt = now;
        this.listener?.({ kind: "lock_requested", reason: "idle" });
      } else if (now - this.askedAt >= LOCK_GRACE_SECONDS * 1000) {
        this.lockNow();
        this.listener?.({ kind: "locked", reason: "idle" });
        return;
      }
    }
    this.scheduleIdle();
  }

  /** As AppState::lock over Vault::lock: the keyring copy goes only when a vault was open. */
  private lockNow(): void {
    if (this.unlocked) this.keyringHeld = false;
    this.unlocked = false;
    this.keyringBarred = true;
  }

  get isUnlocked(): boolean {
    return this.unlocked;
  }

  /** For tests: the recovery key that opens the vault now. */
  get recoveryKey(): string {
    return this.recoveryKeyNow;
  }

  /** For tests: how many times a rekey replaced the master key. */
  get masterKeyChanges(): number {
    return this.masterKeyGeneration;
  }

  /** A recovery key never handed out before, which becomes the one that opens the vault. */
  private newRecoveryKey(): string {
    let key = randomRecoveryKey();
    while (this.issuedKeys.has(key)) key = randomRecoveryKey();
    this.issuedKeys.add(key);
    this.recoveryKeyNow = key;
    return key;
  }

  private id(): string {
    this.seq += 1;
    return `0190f000-0000-7000-8000-${this.seq.toString(16).padStart(12, "0")}`;
  }

  private stamp(): string {
    return this.now().toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  private open(): void {
    if (!this.exists) fail("vault.not_found", { path: "/fake/vault" });
    if (!this.unlocked) fail("vault.locked");
  }

  private loadCase(caseId: string): Case {
    return this.cases.get(caseId) ?? fail("input.not_found", { entity: "case", id: caseId });
  }

  private openCase(caseId: string): Case {
    const c = this.loadCase(caseId);
    if (CLOSED_STATUSES.includes(c.status)) fail("case.closed", { status: c.status });
    return c;
  }

  // ---- vault

  async vaultStatus(): Promise<VaultStatus> {
    return {
      path: "/fake/vault",
      exists: this.exists,
      keyring: this.keyring,
      unlocked: this.unlocked,
      warnings: this.exists ? this.warnings : [],
    };
  }

  async createVault(passphrase: string, mediator: string, useKeyring: boolean): Promise<VaultCreated> {
    if (this.exists) fail("vault.exists", { path: "/fake/vault" });
    if ([...passphrase].length < MIN_PASSPHRASE) fail("vault.passphrase_too_short", { min: String(MIN_PASSPHRASE) });
    this.mediator = required("mediator", mediator, MAX_NAME);
    this.passphrase = passphrase;
    this.exists = true;
    this.unlocked = true;
    const keyring = !useKeyring ? "declined" : this.keyringAvailable ? "stored" : "unavailable";
    this.keyring = keyring === "stored" ? "enabled" : keyring === "unavailable" ? "unavailable" : "disabled";
    this.keyringHeld = keyring === "stored";
    this.touch();
    return {
      recovery_key: this.recoveryKeyNow,
      keyring,
      keyring_detail: keyring === "unavailable" ? "no Secret Service" : null,
    };
  }

  async unlock(passphrase: string): Promise<void> {
    if (!this.exists) fail("vault.not_found", { path: "/fake/vault" });
    if (this.unlockDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.unlockDelayMs));
    if (passphrase !== this.passphrase) fail("vault.wrong_passphrase");
    this.unlocked = true;
    this.keyringBarred = false;
    if (this.keyring === "enabled") this.keyringHeld = true;
    this.touch();
  }

  async unlockWithKeyring(): Promise<boolean> {
    if (this.unlocked) return true;
    if (this.keyringBarred) fail("vault.keyring_after_lock");
    if (!this.exists || this.keyring !== "enabled" || !this.keyringHeld) return false;
    this.unlocked = true;
    this.touch();
    return true;
  }

  async lock(): Promise<void> {
    this.lockNow();
  }

  /**
   * The core's recovery rotation: the vault must be open, the passphrase right; then a new
   * recovery key opens it (the old one no longer does), the master key stays, the vault stays
   * open. A refusal changes nothing. (A lock that arrives during the delay does not stop it:
   * how the core orders the two is the core's to say.)
   */
  async rotateRecoveryKey(passphrase: string): Promise<NewRecoveryKey> {
    await ipcHop();
    if (!this.unlocked) fail("vault.locked");
    if (this.unlockDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.unlockDelayMs));
    if (passphrase !== this.passphrase) fail("vault.wrong_passphrase");
    const recovery_key = this.newRecoveryKey();
    this.keyAudit.push({ action: "vault.recovery_rotate", at: this.stamp() });
    return { recovery_key };
  }

  /**
   * The core's rekey: the vault must be open, the passphrase right; then a new master key, new
   * key slots with the same passphrase and a new recovery key; the vault stays open and a
   * keyring copy, if the vault keeps one, is the new key (so `keyringHoldsKey` is unchanged).
   * A refusal changes nothing; a lock during the delay does not stop it (as for a rotation).
   * The fake has no other process, so never `vault.in_use`.
   */
  async rekeyVault(passphrase: string): Promise<NewRecoveryKey> {
    await ipcHop();
    if (!this.unlocked) fail("vault.locked");
    if (this.rekeyDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.rekeyDelayMs));
    if (passphrase !== this.passphrase) fail("vault.wrong_passphrase");
    this.masterKeyGeneration += 1;
    const recovery_key = this.newRecoveryKey();
    this.keyAudit.push({ action: "vault.rekey", at: this.stamp() });
    return { recovery_key };
  }

  async listen(onEvent: (event: AppEvent) => void): Promise<void> {
    this.listener = onEvent;
    this.scheduleIdle();
  }

  async activity(): Promise<void> {
    this.touch();
  }

  async quit(): Promise<void> {
    this.quitCalls += 1;
    this.unlocked = false;
  }

  // ---- cases

  async listCases(filter: CaseFilter): Promise<Case[]> {
    this.open();
    const text = (filter.text ?? "").trim().toLowerCase();
    return [...this.cases.values()]
      .filter((c) => (filter.status === undefined ? true : c.status === filter.status))
      .filter((c) => (filter.kind === undefined ? true : c.kind === filter.kind))
      .filter((c) => {
        if (!text) return true;
        const names = [...this.parties.values()]
          .filter((p) => p.case_id === c.id)
          .flatMap((p) => [p.name_en, p.name_zh]);
        return [c.title_en, c.title_zh, c.local_ref, c.official_no, ...names].some((v) =>
          (v ?? "").toLowerCase().includes(text),
        );
      })
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.local_ref.localeCompare(a.local_ref));
  }

  async caseDetail(caseId: string): Promise<CaseDetail> {
    this.open();
    const c = this.loadCase(caseId);
    return {
      case: { ...c },
      mediators: [...this.mediators.values()].filter((m) => m.case_id === caseId),
      parties: [...this.parties.values()].filter((p) => p.case_id === caseId).map((p) => ({ ...p })),
      sessions: [...this.sessions.values()]
        .filter((s) => s.case_id === caseId)
        .sort((a, b) => a.scheduled_start.localeCompare(b.scheduled_start))
        .map((s) => ({ ...s })),
    };
  }

  private checkOfficialNo(no: string, except: string | null): void {
    for (const c of this.cases.values()) {
      if (c.official_no === no && c.id !== except) {
        fail("input.invalid", { field: "official_no", value: `${no} is already used by another case` });
      }
    }
  }

  private addMediator(caseId: string, role: Mediator["role"], name: string): void {
    const clean = required("mediator", name, MAX_NAME);
    if ([...this.mediators.values()].some((m) => m.case_id === caseId && m.name === clean)) {
      fail("input.invalid", { field: "mediator", value: `${clean} is already on this case` });
    }
    const id = this.id();
    this.mediators.set(id, { id, case_id: caseId, role, name: clean });
  }

  async createCase(input: NewCase): Promise<Case> {
    this.open();
    const kind = input.kind ?? fail("input.required", { field: "kind" });
    const panel = input.panel ?? DEFAULT_PANELS[kind];
    const titles = bilingual("title", input.title_en, input.title_zh, MAX_TITLE);
    const officialNo = trimmed("official_no", input.official_no, MAX_REFERENCE);
    if (officialNo) this.checkOfficialNo(officialNo, null);
    const year = this.now().getUTCFullYear();
    const prefix = `ACC-${year}-`;
    const last = [...this.cases.values()]
      .filter((c) => c.local_ref.startsWith(prefix))
      .map((c) => Number(c.local_ref.slice(prefix.length)))
      .reduce((a, b) => Math.max(a, b), 0);
    const at = this.stamp();
    const c: Case = {
      id: this.id(),
      local_ref: `${prefix}${String(last + 1).padStart(4, "0")}`,
      official_no: officialNo,
      kind,
      panel,
      status: "intake",
      confidentiality: input.confidentiality ?? DEFAULT_REGIME,
      title_en: titles.en,
      title_zh: titles.zh,
      created_at: at,
      updated_at: at,
    };
    this.cases.set(c.id, c);
    this.addMediator(c.id, "lead", this.mediator);
    for (const name of input.co_mediators) this.addMediator(c.id, "co", name);
    return { ...c };
  }

  async updateCase(caseId: string, change: CaseUpdate): Promise<Case> {
    this.open();
    const before = this.loadCase(caseId);
    const onlyOfficialNo =
      change.title_en === undefined &&
      change.title_zh === undefined &&
      change.kind === undefined &&
      change.panel === undefined &&
      change.status === undefined &&
      change.confidentiality === undefined &&
      change.add_co_mediators.length === 0 &&
      change.remove_co_mediators.length === 0;
    if (!onlyOfficialNo && CLOSED_STATUSES.includes(before.status)) fail("case.closed", { status: before.status });
    const after: Case = { ...before };
    if (change.title_en !== undefined) after.title_en = trimmed("title", change.title_en, MAX_TITLE);
    if (change.title_zh !== undefined) after.title_zh = trimmed("title", change.title_zh, MAX_TITLE);
    if (after.title_en === null && after.title_zh === null) fail("input.required", { field: "title" });
    if (change.official_no !== undefined) {
      after.official_no = trimmed("official_no", change.official_no, MAX_REFERENCE);
      if (after.official_no) this.checkOfficialNo(after.official_no, caseId);
    }
    if (change.kind !== undefined) after.kind = change.kind;
    if (change.panel !== undefined) after.panel = change.panel;
    if (change.confidentiality !== undefined) after.confidentiality = change.confidentiality;
    if (change.status !== undefined && change.status !== before.status) {
      if (!TRANSITIONS[before.status].includes(change.status)) {
        fail("case.invalid_transition", { from: before.status, to: change.status });
      }
      after.status = change.status;
    }
    for (const name of change.remove_co_mediators) {
      const found = [...this.mediators.values()].find(
        (m) => m.case_id === caseId && m.role === "co" && m.name === name,
      );
      if (!found) fail("input.not_found", { entity: "mediator", id: name });
      this.mediators.delete(found.id);
    }
    for (const name of change.add_co_mediators) this.addMediator(caseId, "co", name);
    after.updated_at = this.stamp();
    this.cases.set(caseId, after);
    return { ...after };
  }

  async closeCase(caseId: string, outcome: CaseStatus): Promise<Case> {
    if (!CLOSED_STATUSES.includes(outcome)) {
      fail("input.invalid", { field: "outcome", value: `${outcome} (one of: ${CLOSED_STATUSES.join(", ")})` });
    }
    return this.updateCase(caseId, { status: outcome, add_co_mediators: [], remove_co_mediators: [] });
  }

  // ---- parties

  private cleanRepresentatives(names: readonly string[]): string[] {
    return names.map((n) => trimmed("representative", n, MAX_NAME)).filter((n): n is string => n !== null);
  }

  private checkRepresentativeCount(names: readonly string[]): void {
    if (names.length > MAX_REPRESENTATIVES) {
      fail("input.invalid", { field: "representative", value: `more than ${MAX_REPRESENTATIVES}` });
    }
  }

  async addParty(caseId: string, input: NewParty): Promise<Party> {
    this.open();
    this.openCase(caseId);
    const kind = input.kind ?? fail("input.required", { field: "kind" });
    const role = input.role ?? fail("input.required", { field: "role" });
    const names = bilingual("name", input.name_en, input.name_zh, MAX_NAME);
    const representatives = this.cleanRepresentatives(input.representatives);
    this.checkRepresentativeCount(representatives);
    const party: Party = {
      id: this.id(),
      case_id: caseId,
      kind,
      role,
      name_en: names.en,
      name_zh: names.zh,
      representatives,
      created_at: this.stamp(),
    };
    this.parties.set(party.id, party);
    return { ...party, representatives: [...party.representatives] };
  }

  async updateParty(partyId: string, change: PartyUpdate): Promise<Party> {
    this.open();
    const before = this.parties.get(partyId) ?? fail("input.not_found", { entity: "party", id: partyId });
    this.openCase(before.case_id);
    const after: Party = { ...before, representatives: [...before.representatives] };
    if (change.kind !== undefined) after.kind = change.kind;
    if (change.role !== undefined) after.role = change.role;
    if (change.name_en !== undefined) after.name_en = trimmed("name", change.name_en, MAX_NAME);
    if (change.name_zh !== undefined) after.name_zh = trimmed("name", change.name_zh, MAX_NAME);
    if (after.name_en === null && after.name_zh === null) fail("input.required", { field: "name" });
    for (const name of change.remove_representatives) {
      const at = after.representatives.indexOf(name);
      if (at < 0) fail("input.invalid", { field: "representative", value: `${name} is not a representative` });
      after.representatives.splice(at, 1);
    }
    for (const name of this.cleanRepresentatives(change.add_representatives)) {
      if (after.representatives.includes(name)) {
        fail("input.invalid", { field: "representative", value: `${name} is already listed` });
      }
      after.representatives.push(name);
    }
    this.checkRepresentativeCount(after.representatives);
    this.parties.set(partyId, after);
    return { ...after, representatives: [...after.representatives] };
  }

  // ---- sessions

  async createSession(caseId: string, draft: SessionDraft): Promise<Session> {
    this.open();
    const kind = draft.kind ?? fail("input.required", { field: "kind" });
    if (!isZone(draft.time_zone)) fail("time.invalid_zone", { zone: draft.time_zone });
    const start = parseTime("start", draft.start, draft.time_zone);
    const endText = (draft.end ?? "").trim();
    let end: Date;
    if (!endText) {
      end = new Date(start.getTime() + 3_600_000);
    } else if (/^\d{2}:\d{2}$/.test(endText)) {
      const [y, mo, d] = wallDate(start, draft.time_zone);
      const [h, mi] = endText.split(":").map(Number) as [number, number];
      end = zonedToUtc(y, mo, d, h, mi, draft.time_zone);
    } else {
      end = parseTime("end", endText, draft.time_zone);
    }
    const c = this.openCase(caseId);
    const venue = trimmed("venue", draft.venue, MAX_NAME);
    if (end.getTime() <= start.getTime()) fail("time.end_before_start");
    if (kind === "caucus" && !draft.caucus_party) fail("session.caucus_needs_party");
    if (kind !== "caucus" && draft.caucus_party) fail("session.party_only_for_caucus");
    const caseParties = [...this.parties.values()].filter((p) => p.case_id === caseId);
    if (draft.caucus_party && !caseParties.some((p) => p.id === draft.caucus_party)) {
      fail("session.party_not_in_case", { party: draft.caucus_party, case: c.local_ref });
    }
    let attendees: Attendee[] = draft.attendees.map((name) => ({
      name: required("attendee", name, MAX_NAME),
      party_id: null,
    }));
    if (attendees.length === 0) {
      attendees = [...this.mediators.values()]
        .filter((m) => m.case_id === caseId)
        .map((m) => ({ name: m.name, party_id: null }));
      const present =
        kind === "joint" ? caseParties : kind === "caucus" ? caseParties.filter((p) => p.id === draft.caucus_party) : [];
      for (const p of present) {
        for (const rep of p.representatives) attendees.push({ name: rep, party_id: p.id });
      }
    }
    if (attendees.length > MAX_ATTENDEES) fail("input.invalid", { field: "attendee", value: `more than ${MAX_ATTENDEES}` });
    const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
    const session: Session = {
      id: this.id(),
      case_id: caseId,
      kind,
      caucus_party_id: draft.caucus_party ?? null,
      time_zone: draft.time_zone,
      venue,
      scheduled_start: iso(start),
      scheduled_end: iso(end),
      actual_start: null,
      actual_end: null,
      attendees,
      created_at: this.stamp(),
    };
    this.sessions.set(session.id, session);
    return { ...session };
  }

  private loadSession(sessionId: string): Session {
    return this.sessions.get(sessionId) ?? fail("input.not_found", { entity: "session", id: sessionId });
  }

  async startSession(sessionId: string): Promise<Session> {
    this.open();
    const s = this.loadSession(sessionId);
    this.openCase(s.case_id);
    if (s.actual_start !== null) fail("session.already_started");
    const after = { ...s, actual_start: this.stamp() };
    this.sessions.set(sessionId, after);
    this.scheduleIdle(); // the idle delay may change with it
    return { ...after };
  }

  async endSession(sessionId: string): Promise<Session> {
    this.open();
    const s = this.loadSession(sessionId);
    if (s.actual_start === null) fail("session.not_started");
    if (s.actual_end !== null) fail("session.already_ended");
    const after = { ...s, actual_end: this.stamp() };
    this.sessions.set(sessionId, after);
    this.scheduleIdle(); // the idle delay may change with it
    return { ...after };
  }

  async agenda(): Promise<AgendaItem[]> {
    this.open();
    const now = this.now().toISOString();
    return [...this.sessions.values()]
      // Mirrors the core's rule in src/sessions.rs (`list` with `from`): scheduled to end at
      // or after now, or under way (started, not ended) whatever its schedule.
      .filter((s) => s.scheduled_end >= now || (s.actual_start !== null && s.actual_end === null))
      .sort((a, b) => a.scheduled_start.localeCompare(b.scheduled_start))
      .map((session) => {
        const c = this.loadCase(session.case_id);
        const party = session.caucus_party_id ? (this.parties.get(session.caucus_party_id) ?? null) : null;
        return {
          session: { ...session },
          case_ref: c.local_ref,
          case_title_en: c.title_en,
          case_title_zh: c.title_zh,
          caucus_party: party ? { ...party } : null,
        };
      });
  }

  /** Mirrors the core's rule in src/views.rs (`guard_state`): sessions started and not ended. */
  async guardState(): Promise<GuardState> {
    this.open();
    const live = [...this.sessions.values()]
      .filter((s) => s.actual_start !== null && s.actual_end === null)
      .sort((a, b) => a.actual_start!.localeCompare(b.actual_start!) || a.id.localeCompare(b.id));
    return { joint_session_live: live.some((s) => s.kind === "joint"), live_sessions: live.map((s) => s.id) };
  }

  // ---- preferences (readable while locked)

  async getPreferences(): Promise<Preferences> {
    return { ...this.preferences };
  }

  async setPreferences(preferences: Preferences): Promise<void> {
    if (!["en", "zh-Hans", "zh-Hant"].includes(preferences.lang)) {
      fail("input.invalid", { field: "lang", value: preferences.lang });
    }
    const delays = [
      ["auto_lock_minutes", preferences.autoLockMinutes],
      ["session_auto_lock_minutes", preferences.sessionAutoLockMinutes],
    ] as const;
    for (const [field, m] of delays) {
      if (!Number.isInteger(m) || m < AUTO_LOCK_MIN_MINUTES || m > AUTO_LOCK_MAX_MINUTES) {
        fail("input.invalid", { field, value: String(m) });
      }
    }
    this.preferences = { ...preferences };
    this.scheduleIdle();
  }

  // ---- notes, revisions, caucus disclosures (the core's rules: src/notes, src/confidentiality)
  // Revisions are kept as plain numbers, as they arrive over JSON from the real backend.

  readonly notes = new Map<string, Note>();
  readonly revisions = new Map<string, NoteRevision[]>();
  readonly disclosures: Disclosure[] = [];
  /** Every saveNote call, for tests of autosave (what was sent, from which base). */
  readonly saveCalls: { noteId: string; base: number; draft: NoteDraft }[] = [];
  /** When set, saveNote waits for this before answering (to hold a save in flight). */
  saveGate: Promise<void> | null = null;

  private loadNote(noteId: string): Note {
    return this.notes.get(noteId) ?? fail("input.not_found", { entity: "note", id: noteId });
  }

  /** The text each disclosure record was given for (the core keeps keyed digests of it). */
  private readonly covered = new Map<string, { en: string; zh: string }>();

  /**
   * Mirrors the core's rule in src/confidentiality.rs (`status_for_text`): the latest record
   * is in force if it is `summary`/`none`, or `all` given for exactly this text; a stale `all`
   * gives the note's caucus_regime's default with `stale`; no record gives that default.
   */
  private disclosureStatus(note: Pick<Note, "id" | "caucus_regime" | "text_en" | "text_zh">): DisclosureStatus {
    const text = { en: note.text_en, zh: note.text_zh };
    const fallback: DisclosureScope = regimeDefault(note.caucus_regime);
    const latest = [...this.disclosures].reverse().find((d) => d.note_id === note.id);
    if (!latest) return { scope: fallback, disclosure_id: null, stale: false };
    if (latest.scope !== "all") return { scope: latest.scope, disclosure_id: latest.id, stale: false };
    const cover = this.covered.get(latest.id);
    if (cover && cover.en === text.en && cover.zh === text.zh) {
      return { scope: "all", disclosure_id: latest.id, stale: false };
    }
    return { scope: fallback, disclosure_id: null, stale: true };
  }

  /**
   * Mirrors the core's consent rule in src/confidentiality.rs (`ensure_consent`): a note
   * confided by A may go to `shared`, or to caucus for another party, only if its status for
   * the new text (`status_for_text`) is `all`: A's latest record is `all` given for exactly
   * that text, or the note's caucus_regime is `uncitral` and A has not asked for confidence
   * (no record, or a stale `all`). Private, or caucus for A, always may.
   */
  private ensureConsent(before: Note, confided: { by: string; regime: ConfidentialityRegime | null } | null, content: NoteContent): void {
    if (confided === null) return;
    const exposed =
      content.visibility === "shared" || (content.visibility === "caucus" && content.party_id !== confided.by);
    if (!exposed) return;
    const status = this.disclosureStatus({
      id: before.id,
      caucus_regime: confided.regime,
      text_en: content.text_en,
      text_zh: content.text_zh,
    });
    if (status.scope !== "all") fail("note.disclosure_not_authorised");
  }

  private noteOut(note: Note): Note {
    return {
      ...note,
      tags: [...note.tags],
      disclosure: note.visibility === "caucus" ? this.disclosureStatus(note) : null,
    };
  }

  private noteContent(draft: NoteDraft, visibility: Visibility, party: string | null): NoteContent {
    const vis = draft.visibility ?? visibility;
    const partyId = draft.party_id ?? (vis === "caucus" ? party : null);
    if (vis === "caucus" && !partyId) fail("note.caucus_needs_party");
    const checkedBy = trimmed("checked_by", draft.checked_by, MAX_NAME);
    if (checkedBy !== null && !draft.translated) {
      fail("input.invalid", { field: "checked_by", value: "only a side marked as a translation is checked" });
    }
    const tags = NOTE_TAGS.filter((tag) => draft.tags.includes(tag));
    return {
      visibility: vis,
      party_id: partyId,
      tags,
      text_en: noteText("text_en", draft.text_en),
      text_zh: noteText("text_zh", draft.text_zh),
      zh_script: draft.zh_script ?? null,
      translated: draft.translated ?? null,
      checked_by: checkedBy,
    };
  }

  private checkNoteParty(content: NoteContent, caseId: string): void {
    if (content.party_id === null) return;
    const party = this.parties.get(content.party_id);
    if (!party) fail("input.not_found", { entity: "party", id: content.party_id });
    if (party.case_id !== caseId) fail("session.party_not_in_case", { party: content.party_id, case: caseId });
  }

  private appendRevision(note: Note, restoredFrom: number | null): void {
    const list = this.revisions.get(note.id) ?? [];
    list.push({
      note_id: note.id,
      revision: note.revision,
      saved_at: note.updated_at,
      saved_by: this.mediator,
      restored_from: restoredFrom,
      visibility: note.visibility,
      party_id: note.party_id,
      tags: [...note.tags],
      text_en: note.text_en,
      text_zh: note.text_zh,
      zh_script: note.zh_script,
      translated: note.translated,
      checked_by: note.checked_by,
    });
    this.revisions.set(note.id, list);
  }

  private writeNote(before: Note, content: NoteContent, restoredFrom: number | null): Note {
    if (restoredFrom === null && sameContent(content, before)) return this.noteOut(before);
    this.openCase(before.case_id);
    this.checkNoteParty(content, before.case_id);
    // Mirrors the core's `write` in src/notes/mod.rs: the first caucus state names the
    // confiding party and the case's regime then; no later state changes them.
    const confided =
      before.confided_by !== null
        ? { by: before.confided_by, regime: before.caucus_regime }
        : content.visibility === "caucus" && content.party_id !== null
          ? { by: content.party_id, regime: this.loadCase(before.case_id).confidentiality }
          : null;
    this.ensureConsent(before, confided, content);
    const after: Note = {
      ...before,
      ...content,
      confided_by: confided?.by ?? null,
      caucus_regime: confided?.regime ?? null,
      revision: Number(before.revision) + 1,
      updated_at: this.stamp(),
      disclosure: null,
    };
    this.notes.set(after.id, after);
    this.appendRevision(after, restoredFrom);
    return this.noteOut(after);
  }

  async listNotes(caseId: string, filter: NoteFilter): Promise<Note[]> {
    this.open();
    this.loadCase(caseId);
    return [...this.notes.values()]
      .filter((n) => n.case_id === caseId)
      .filter((n) => filter.session_id === undefined || n.session_id === filter.session_id)
      .filter((n) => filter.visibility === undefined || n.visibility === filter.visibility)
      .filter((n) => filter.party_id === undefined || n.party_id === filter.party_id)
      .filter((n) => filter.tag === undefined || n.tags.includes(filter.tag))
      .sort((a, b) => a.created_at.localeCompare(b.created_at))
      .map((n) => this.noteOut(n));
  }

  async getNote(noteId: string): Promise<Note> {
    this.open();
    return this.noteOut(this.loadNote(noteId));
  }

  async createNote(caseId: string, draft: NoteDraft): Promise<Note> {
    await ipcHop();
    this.open();
    this.openCase(caseId);
    let session: Session | null = null;
    if (draft.session_id !== undefined) {
      session = this.loadSession(draft.session_id);
      if (session.case_id !== caseId) {
        fail("input.invalid", { field: "session", value: `${draft.session_id} belongs to another case` });
      }
    }
    const { visibility, party } = defaultVisibility(session);
    const content = this.noteContent(draft, visibility, party);
    if (!content.text_en && !content.text_zh) fail("input.required", { field: "text" });
    this.checkNoteParty(content, caseId);
    const at = this.stamp();
    const caucus = content.visibility === "caucus";
    const note: Note = {
      id: this.id(),
      case_id: caseId,
      session_id: session?.id ?? null,
      ...content,
      // Mirrors the core's `create` in src/notes/mod.rs: a note taken as caucus is confided now.
      confided_by: caucus ? content.party_id : null,
      caucus_regime: caucus ? this.loadCase(caseId).confidentiality : null,
      revision: 1,
      created_at: at,
      updated_at: at,
      disclosure: null,
    };
    this.notes.set(note.id, note);
    this.appendRevision(note, null);
    return this.noteOut(note);
  }

  async saveNote(noteId: string, baseRevision: number, draft: NoteDraft): Promise<Note> {
    this.saveCalls.push({ noteId, base: Number(baseRevision), draft: structuredClone(draft) });
    if (this.saveGate) await this.saveGate;
    await ipcHop();
    this.open();
    const before = this.loadNote(noteId);
    if (Number(before.revision) !== Number(baseRevision)) {
      fail("note.conflict", { revision: String(before.revision) });
    }
    const content = this.noteContent(draft, before.visibility, before.party_id);
    return this.writeNote(before, content, null);
  }

  async noteHistory(noteId: string): Promise<NoteRevision[]> {
    this.open();
    this.loadNote(noteId);
    return [...(this.revisions.get(noteId) ?? [])].reverse().map((r) => ({ ...r, tags: [...r.tags] }));
  }

  private loadRevision(noteId: string, revision: number): NoteRevision {
    return (
      (this.revisions.get(noteId) ?? []).find((r) => Number(r.revision) === revision) ??
      fail("input.not_found", { entity: "revision", id: `${noteId} #${revision}` })
    );
  }

  async compareRevisions(noteId: string, from: number, to: number): Promise<RevisionDiff> {
    this.open();
    const a = this.loadRevision(noteId, Number(from));
    const b = this.loadRevision(noteId, Number(to));
    return {
      from: Number(from),
      to: Number(to),
      en: diffSpans(words(a.text_en), words(b.text_en)),
      zh: diffSpans([...a.text_zh], [...b.text_zh]),
    };
  }

  async restoreRevision(noteId: string, revision: number): Promise<Note> {
    this.open();
    const old = this.loadRevision(noteId, Number(revision));
    const before = this.loadNote(noteId);
    const content: NoteContent = {
      visibility: old.visibility,
      party_id: old.party_id,
      tags: [...old.tags],
      text_en: old.text_en,
      text_zh: old.text_zh,
      zh_script: old.zh_script,
      translated: old.translated,
      checked_by: old.checked_by,
    };
    return this.writeNote(before, content, Number(revision));
  }

  async recordDisclosure(noteId: string, draft: DisclosureDraft): Promise<Disclosure> {
    this.open();
    const note = this.loadNote(noteId);
    this.openCase(note.case_id);
    // Mirrors the core's `record` in src/confidentiality.rs: the word is the confiding party's.
    const confider = note.confided_by;
    if (note.visibility !== "caucus" || confider === null) fail("note.not_caucus");
    const scope: DisclosureScope = draft.scope ?? fail("input.required", { field: "scope" });
    const givenBy = required("given_by", draft.given_by, MAX_NAME);
    const now = this.now();
    let givenAt = now;
    if (draft.given_at !== undefined) {
      givenAt = new Date(draft.given_at);
      if (Number.isNaN(givenAt.getTime())) fail("time.invalid", { field: "given_at", value: draft.given_at });
    }
    if (givenAt.getTime() > now.getTime()) fail("input.invalid", { field: "given_at", value: "in the future" });
    const summary =
      scope === "summary"
        ? bilingual("summary", draft.summary_en, draft.summary_zh, MAX_SUMMARY, true)
        : { en: null, zh: null };
    const d: Disclosure = {
      id: this.id(),
      note_id: note.id,
      case_id: note.case_id,
      party_id: confider,
      scope,
      summary_en: summary.en,
      summary_zh: summary.zh,
      given_by: givenBy,
      given_at: givenAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
      recorded_at: this.stamp(),
      recorded_by: this.mediator,
      revision: Number(note.revision),
    };
    this.disclosures.push(d);
    this.covered.set(d.id, { en: note.text_en, zh: note.text_zh });
    return { ...d };
  }

  async disclosureLog(caseId: string): Promise<Disclosure[]> {
    this.open();
    this.loadCase(caseId);
    return this.disclosures.filter((d) => d.case_id === caseId).map((d) => ({ ...d }));
  }

  // ---- search and termbase (rules in fake-search.ts)

  /** Notes only search sees (besides the notes made with createNote); tests push what they need. */
  readonly searchable: SearchableNote[] = [];
  readonly termbase = new FakeTermbase(
    () => this.id(),
    () => this.stamp(),
  );

  async searchNotes(query: SearchQuery): Promise<SearchResults> {
    this.open();
    const notes: SearchableNote[] = [...this.notes.values()].map((n) => ({
      id: n.id,
      case_id: n.case_id,
      session_id: n.session_id,
      visibility: n.visibility,
      party_id: n.party_id,
      tags: [...n.tags],
      text_en: n.text_en,
      text_zh: n.text_zh,
      created_at: n.created_at,
      updated_at: n.updated_at,
    }));
    return searchNotes([...this.searchable, ...notes], (caseId) => this.cases.get(caseId)?.local_ref ?? "", query);
  }

  async listTerms(text: string | null): Promise<Term[]> {
    this.open();
    return this.termbase.list(text);
  }

  async addTerm(input: NewTerm): Promise<Term> {
    this.open();
    return this.termbase.add(input);
  }

  async updateTerm(termId: string, change: TermUpdate): Promise<Term> {
    this.open();
    return this.termbase.update(termId, change);
  }

  async removeTerm(termId: string): Promise<void> {
    this.open();
    this.termbase.remove(termId);
  }

  async termMatches(text: string, side: Side, script: ChineseScript): Promise<TermMatch[]> {
    this.open();
    return this.termbase.matches(text, side, script);
  }

  async termCheck(textEn: string, textZh: string): Promise<TermGap[]> {
    this.open();
    return this.termbase.check(textEn, textZh);
  }

  async importTerms(csv: string): Promise<ImportReport> {
    this.open();
    return this.termbase.importCsv(csv);
  }

  async exportTerms(): Promise<string> {
    this.open();
    return this.termbase.exportCsv();
  }

  // ---- settlement agreements (rules in fake-agreements.ts)

  readonly agreements = new FakeAgreements({
    open: () => this.open(),
    loadCase: (caseId) => this.loadCase(caseId),
    openCase: (caseId) => this.openCase(caseId),
    party: (partyId) => this.parties.get(partyId),
    note: (noteId) => this.notes.get(noteId),
    // As the core's add_from_note: the note shown to every party, its text as it is now.
    ensureShareable: (note) =>
      this.ensureConsent(
        note,
        note.confided_by === null ? null : { by: note.confided_by, regime: note.caucus_regime },
        { ...note, visibility: "shared", party_id: null },
      ),
    termGaps: (en, zh) => this.termbase.check(en, zh),
    id: () => this.id(),
    stamp: () => this.stamp(),
    mediator: () => this.mediator,
  });

  listAgreements(caseId: string): Promise<Agreement[]> {
    return this.agreements.list(caseId);
  }
  createAgreement(caseId: string, input: NewAgreement, templates: string[]): Promise<Agreement> {
    return this.agreements.create(caseId, input, templates);
  }
  agreementDetail(agreementId: string): Promise<AgreementDetail> {
    return this.agreements.detail(agreementId);
  }
  updateAgreement(agreementId: string, change: AgreementUpdate): Promise<Agreement> {
    return this.agreements.update(agreementId, change);
  }
  addClause(agreementId: string, words: ClauseText, place: Place): Promise<Clause> {
    return this.agreements.add(agreementId, words, place);
  }
  addClauseFromLibrary(agreementId: string, key: string, place: Place): Promise<Clause> {
    return this.agreements.addFromLibrary(agreementId, key, place);
  }
  addClauseFromNote(agreementId: string, noteId: string, place: Place): Promise<Clause> {
    return this.agreements.addFromNote(agreementId, noteId, place);
  }
  editClause(clauseId: string, words: ClauseText): Promise<Clause> {
    return this.agreements.edit(clauseId, words);
  }
  moveClause(clauseId: string, place: Place): Promise<Clause> {
    return this.agreements.move(clauseId, place);
  }
  shiftClause(clauseId: string, step: Step): Promise<Clause> {
    return this.agreements.shift(clauseId, step);
  }
  removeClause(clauseId: string): Promise<Clause> {
    return this.agreements.remove(clauseId);
  }
  setPosition(clauseId: string, partyId: string, status: PositionStatus, comment: string): Promise<Clause> {
    return this.agreements.setPosition(clauseId, partyId, status, comment);
  }
  saveVersion(agreementId: string, label: string): Promise<AgreementVersion> {
    return this.agreements.saveVersion(agreementId, label);
  }
  listVersions(agreementId: string): Promise<AgreementVersion[]> {
    return this.agreements.listVersions(agreementId);
  }
  redline(agreementId: string, from: number, to: number | null): Promise<Redline> {
    return this.agreements.redline(agreementId, from, to);
  }
  checkAgreement(agreementId: string): Promise<CheckProblem[]> {
    return this.agreements.check(agreementId);
  }
  finalizeAgreement(agreementId: string, label: string): Promise<AgreementVersion> {
    return this.agreements.finalize(agreementId, label);
  }
  listLibrary(): Promise<LibraryClause[]> {
    return this.agreements.listLibrary();
  }
  previewAgreement(agreementId: string, version: number | null, layout: Layout): Promise<string[]> {
    return this.agreements.preview(agreementId, version, layout);
  }
  exportAgreement(agreementId: string, request: ExportRequest): Promise<string | null> {
    return this.agreements.exportAgreement(agreementId, request, this.cancelExport);
  }
}

/**
 * A fake holding one demo case with two parties and a joint session and a caucus (tomorrow
 * at 10:00 and 14:00 Hong Kong time), already unlocked unless told otherwise.
 */
export async function demoBackend(options: FakeOptions = {}): Promise<{
  backend: FakeBackend;
  caseId: string;
  partyIds: [string, string];
  jointId: string;
  caucusId: string;
}> {
  const backend = new FakeBackend({ ...options, unlocked: true });
  const c = await backend.createCase({
    kind: "investor-state",
    title_en: "Harbour Bridge Concession",
    title_zh: "海港大桥特许经营",
    official_no: "IOMed-2026-017",
    co_mediators: ["Wong Siu Ling"],
  });
  const a = await backend.addParty(c.id, {
    kind: "investor",
    role: "requesting",
    name_en: "Lantau Infrastructure Ltd",
    name_zh: "大屿山基建有限公司",
    representatives: ["Alice Lee", "Bob Ho"],
  });
  const b = await backend.addParty(c.id, {
    kind: "state",
    role: "responding",
    name_en: "Republic of Azuria",
    name_zh: "阿祖里亚共和国",
    representatives: ["Minister Carla Ruiz"],
  });
  const clock = options.now ?? (() => new Date());
  const day = new Date(clock().getTime() + 86_400_000).toISOString().slice(0, 10);
  const joint = await backend.createSession(c.id, {
    kind: "joint",
    time_zone: "Asia/Hong_Kong",
    start: `${day}T10:00`,
    end: "12:00",
    venue: "IOMed Hearing Room 1",
    attendees: [],
  });
  const caucus = await backend.createSession(c.id, {
    kind: "caucus",
    caucus_party: a.id,
    time_zone: "Asia/Hong_Kong",
    start: `${day}T14:00`,
    venue: "IOMed Room 3",
    attendees: [],
  });
  // Set up before the app "starts": as if it had quit, keyring untouched.
  if (options.unlocked === false) backend.restart();
  return { backend, caseId: c.id, partyIds: [a.id, b.id], jointId: joint.id, caucusId: caucus.id };
}

// ---- notes: the core's rules, as plain functions

type NoteContent = {
  visibility: Visibility;
  party_id: string | null;
  tags: NoteTag[];
  text_en: string;
  text_zh: string;
  zh_script: ChineseScript | null;
  translated: Side | null;
  checked_by: string | null;
};

/** The core's `caucus_default` (src/confidentiality.rs); a confided note without a regime stays closed. */
function regimeDefault(regime: ConfidentialityRegime | null): DisclosureScope {
  return CAUCUS_DEFAULTS[regime ?? DEFAULT_REGIME];
}

function noteText(field: string, text: string): string {
  const clean = text.replace(/\r\n?/g, "\n");
  if ([...clean].length > MAX_NOTE_SIDE) fail("input.too_long", { field, max: String(MAX_NOTE_SIDE) });
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(clean)) fail("input.invalid", { field, value: "control characters" });
  return clean;
}

function sameContent(c: NoteContent, n: Note): boolean {
  return (
    c.visibility === n.visibility &&
    c.party_id === n.party_id &&
    c.tags.join() === n.tags.join() &&
    c.text_en === n.text_en &&
    c.text_zh === n.text_zh &&
    c.zh_script === n.zh_script &&
    c.translated === n.translated &&
    c.checked_by === n.checked_by
  );
}

/** Words and the whitespace between them, as `similar`'s word diff splits text. */
export function words(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** A longest-common-subsequence diff, runs of one kind merged (as the core sends them). */
export function diffSpans(a: readonly string[], b: readonly string[]): DiffSpan[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffSpan[] = [];
  const push = (change: DiffChange, text: string) => {
    const last = out[out.length - 1];
    if (last && last.change === change) last.text += text;
    else out.push({ change, text });
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      push("same", a[i]!);
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      if (i < n && lcs[i + 1]![j]! === lcs[i]![j + 1]!) {
        push("removed", a[i]!);
        i++;
      } else {
        push("added", b[j]!);
        j++;
      }
    } else {
      push("removed", a[i]!);
      i++;
    }
  }
  return out;
}

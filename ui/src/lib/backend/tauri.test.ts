// The IPC mapping: command names, argument keys (camelCase, which Tauri maps to the Rust
// snake_case parameters) and the error shape.

import { beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";

import { readFileSync } from "node:fs";
import { join } from "node:path";

import { COMMANDS } from "../bindings/Command";
import type { Preferences as GeneratedPreferences } from "../bindings/Preferences";
import type { Preferences } from "./backend";

const invoke = vi.fn();
/** Stands in for Tauri's Channel: the shell sends through it, the page's onmessage hears. */
class FakeChannel<T> {
  onmessage: (message: T) => void = () => undefined;
}
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...args: unknown[]) => invoke(...args), Channel: FakeChannel }));

const { TauriBackend, toBackendError } = await import("./tauri");
const { BackendError } = await import("./backend");

beforeEach(() => {
  invoke.mockReset();
  invoke.mockResolvedValue(undefined);
});

describe("TauriBackend", () => {
  it("calls every command of the shell's one list, so a new command is wired here too", () => {
    const source = readFileSync(join(__dirname, "tauri.ts"), "utf8");
    const called = new Set([...source.matchAll(/call(?:<[^>]*>)?\(\s*"([a-z_]+)"/g)].map((m) => m[1]));
    expect([...called].sort()).toEqual([...COMMANDS].sort());
  });

  it("backend.ts's Preferences is the one the Rust side generates", () => {
    expectTypeOf<Preferences>().toEqualTypeOf<GeneratedPreferences>();
  });

  it("calls each command with the agreed name and argument keys", async () => {
    const b = new TauriBackend();
    const filter = { text: "harbour" };
    const input = { kind: "commercial" as const, co_mediators: [] };
    const change = { add_co_mediators: [], remove_co_mediators: [] };
    const party = { representatives: [] };
    const partyChange = { add_representatives: [], remove_representatives: [] };
    const draft = { time_zone: "Asia/Hong_Kong", start: "2026-12-03T10:00", attendees: [] };
    const prefs = { lang: "zh-Hant", autoLockMinutes: 5, sessionAutoLockMinutes: 30 };
    await b.vaultStatus();
    await b.createVault("pass phrase 1", "Chan", true);
    await b.unlock("pass phrase 1");
    await b.unlockWithKeyring();
    await b.lock();
    await b.rotateRecoveryKey("pass phrase 1");
    await b.rekeyVault("pass phrase 1");
    await b.listCases(filter);
    await b.caseDetail("c1");
    await b.createCase(input);
    await b.updateCase("c1", change);
    await b.closeCase("c1", "settled");
    await b.addParty("c1", party);
    await b.updateParty("p1", partyChange);
    await b.createSession("c1", draft);
    await b.startSession("s1");
    await b.endSession("s1");
    await b.agenda();
    await b.guardState();
    await b.getPreferences();
    await b.setPreferences(prefs);
    expect(invoke.mock.calls).toEqual([
      ["vault_status", undefined],
      ["vault_create", { passphrase: "pass phrase 1", mediator: "Chan", useKeyring: true }],
      ["vault_unlock", { passphrase: "pass phrase 1" }],
      ["vault_unlock_keyring", undefined],
      ["vault_lock", undefined],
      ["vault_recovery_rotate", { passphrase: "pass phrase 1" }],
      ["vault_rekey", { passphrase: "pass phrase 1" }],
      ["case_list", { filter }],
      ["case_detail", { caseId: "c1" }],
      ["case_create", { input }],
      ["case_update", { caseId: "c1", change }],
      ["case_close", { caseId: "c1", outcome: "settled" }],
      ["party_add", { caseId: "c1", input: party }],
      ["party_update", { partyId: "p1", change: partyChange }],
      ["session_create", { caseId: "c1", draft }],
      ["session_start", { sessionId: "s1" }],
      ["session_end", { sessionId: "s1" }],
      ["agenda", undefined],
      ["guard_state", undefined],
      ["preferences_get", undefined],
      ["preferences_set", { preferences: prefs }],
    ]);
  });

  it("calls the agreement commands with the agreed argument keys, numbers as JSON numbers", async () => {
    const b = new TauriBackend();
    const words = { heading_en: "", heading_zh: "", text_en: "Pay", text_zh: "支付" };
    const end = { kind: "end" as const };
    const after = { kind: "after" as const, clause: "k1" };
    await b.listAgreements("c1");
    await b.createAgreement("c1", { title_en: "Terms" }, ["signatures"]);
    await b.agreementDetail("a1");
    await b.updateAgreement("a1", { language_regime: "en-prevails" });
    await b.addClause("a1", words, end);
    await b.addClauseFromLibrary("a1", "signatures", after);
    await b.addClauseFromNote("a1", "n1", end);
    await b.editClause("k1", words);
    await b.moveClause("k1", after);
    await b.shiftClause("k1", "indent");
    await b.removeClause("k1");
    await b.setPosition("k1", "p1", "objected", "Too high");
    await b.saveVersion("a1", "Sent");
    await b.listVersions("a1");
    await b.redline("a1", 1, null);
    await b.redline("a1", 1, 2);
    await b.checkAgreement("a1");
    await b.finalizeAgreement("a1", "Final");
    await b.listLibrary();
    await b.previewAgreement("a1", null, "side-by-side");
    await b.previewAgreement("a1", 2, "sequential");
    await b.exportAgreement("a1", { format: "md", layout: "sequential", version: 2, redlineFrom: null });
    await b.exportAgreement("a1", { format: "docx", layout: "side-by-side", version: null, redlineFrom: 1 });
    expect(invoke.mock.calls).toEqual([
      ["agreement_list", { caseId: "c1" }],
      ["agreement_create", { caseId: "c1", input: { title_en: "Terms" }, templates: ["signatures"] }],
      ["agreement_detail", { agreementId: "a1" }],
      ["agreement_update", { agreementId: "a1", change: { language_regime: "en-prevails" } }],
      ["clause_add", { agreementId: "a1", words, place: end }],
      ["clause_add_from_library", { agreementId: "a1", key: "signatures", place: after }],
      ["clause_add_from_note", { agreementId: "a1", noteId: "n1", place: end }],
      ["clause_edit", { clauseId: "k1", words }],
      ["clause_move", { clauseId: "k1", place: after }],
      ["clause_shift", { clauseId: "k1", step: "indent" }],
      ["clause_remove", { clauseId: "k1" }],
      ["clause_position", { clauseId: "k1", partyId: "p1", status: "objected", comment: "Too high" }],
      ["agreement_version_save", { agreementId: "a1", label: "Sent" }],
      ["agreement_versions", { agreementId: "a1" }],
      ["agreement_redline", { agreementId: "a1", from: 1, to: null }],
      ["agreement_redline", { agreementId: "a1", from: 1, to: 2 }],
      ["agreement_check", { agreementId: "a1" }],
      ["agreement_final", { agreementId: "a1", label: "Final" }],
      ["library_list", undefined],
      ["agreement_preview", { agreementId: "a1", version: null, layout: "side-by-side" }],
      ["agreement_preview", { agreementId: "a1", version: 2, layout: "sequential" }],
      ["agreement_export", { agreementId: "a1", format: "md", layout: "sequential", version: 2, redlineFrom: null }],
      ["agreement_export", { agreementId: "a1", format: "docx", layout: "side-by-side", version: null, redlineFrom: 1 }],
    ]);
  });

  it("hears the shell through one channel, and reports input and quitting", async () => {
    const b = new TauriBackend();
    const heard: unknown[] = [];
    await b.listen((event) => heard.push(event));
    await b.activity();
    await b.quit();
    expect(invoke.mock.calls.map((c) => c[0])).toEqual(["app_events", "app_activity", "app_quit"]);
    const channel = (invoke.mock.calls[0]![1] as { channel: FakeChannel<unknown> }).channel;
    channel.onmessage({ kind: "lock_requested", reason: "idle" });
    expect(heard).toEqual([{ kind: "lock_requested", reason: "idle" }]);
  });

  it("wraps a rejected ErrorReport in a BackendError with code and args", async () => {
    invoke.mockRejectedValueOnce({ code: "vault.wrong_passphrase", args: {}, message: "wrong passphrase" });
    const error = await new TauriBackend().unlock("nope").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ code: "vault.wrong_passphrase", report: { args: {} } });
  });

  it("turns anything else (an IPC failure) into internal.io with the detail", () => {
    const error = toBackendError("ipc closed");
    expect(error.code).toBe("internal.io");
    expect(error.report.args).toEqual({ detail: "ipc closed" });
  });
});

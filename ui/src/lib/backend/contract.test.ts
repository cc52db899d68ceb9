// The fake answers the recorded scenarios as the core does. src/test/fixtures/contract.json
// holds each scenario's steps (a Backend call, its arguments, the time it is made at) and the
// core's answer to each, recorded from the real core on a real vault by the Rust test
// tests/accord/contract.rs. Here every step is replayed through FakeBackend at the same time
// with the same arguments, and its answer must be the core's. When they differ, the fake is
// wrong: make it follow the core, never edit the file.
//
// Ids are the scenario's names for what it created ("case", "party-a", "note-1"), in the
// arguments and in the answers alike; an answer keeps what the UI reads of a result.

import { describe, expect, it } from "vitest";

import contractFile from "../../test/fixtures/contract.json";
import type { Clause } from "../bindings/Clause";
import type { ClauseText } from "../bindings/ClauseText";
import type { DisclosureDraft } from "../bindings/DisclosureDraft";
import type { NewAgreement } from "../bindings/NewAgreement";
import type { Place } from "../bindings/Place";
import type { PositionStatus } from "../bindings/PositionStatus";
import type { Step as ClauseStep } from "../bindings/Step";
import type { NewCase } from "../bindings/NewCase";
import type { NewParty } from "../bindings/NewParty";
import type { Note } from "../bindings/Note";
import type { NoteDraft } from "../bindings/NoteDraft";
import type { SearchQuery } from "../bindings/SearchQuery";
import type { Session } from "../bindings/Session";
import type { SessionDraft } from "../bindings/SessionDraft";
import { BackendError, type Backend } from "./backend";
import { FakeBackend } from "./fake";

type Answer = { ok: unknown } | { error: string; args: Record<string, string> };
type Step = { at: string; call: string; name?: string; args: Record<string, unknown>; core: Answer };
type Scenario = { name: string; about: string; steps: Step[] };
// Through unknown: the error args of the scenarios differ in their keys, which JSON typing cannot unify.
const contract = contractFile as unknown as { about: string; scenarios: Scenario[] };

/** Names (as the scenario gives them) and the fake's ids for them. */
class Names {
  private readonly ids = new Map<string, string>();

  add(name: string, id: string): void {
    this.ids.set(name, id);
  }

  /** `value` with every name replaced by its id. */
  resolve(value: unknown): unknown {
    return mapStrings(value, (s) => this.ids.get(s));
  }

  /** `value` with every id replaced by its name. */
  named(value: unknown): unknown {
    const names = new Map([...this.ids].map(([name, id]) => [id, name]));
    return mapStrings(value, (s) => names.get(s));
  }
}

function mapStrings(value: unknown, f: (s: string) => string | undefined): unknown {
  if (typeof value === "string") return f(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  }
  return value;
}

/** What the UI reads of a session (as tests/accord/contract.rs records it). */
function sessionAnswer(s: Session) {
  const { id, scheduled_start, scheduled_end, actual_start, actual_end } = s;
  return { id, scheduled_start, scheduled_end, actual_start, actual_end };
}

/** What the UI reads of a note to show and guard it. */
function noteAnswer(n: Note) {
  const { id, visibility, party_id, confided_by, caucus_regime, revision, disclosure } = n;
  return { id, visibility, party_id, confided_by, caucus_regime, revision: Number(revision), disclosure };
}

/** A changed clause and its agreement's outline after the change (numbers, ids). */
async function clauseAnswer(backend: Backend, clause: Clause) {
  const detail = await backend.agreementDetail(clause.agreement_id);
  return { id: clause.id, outline: detail.clauses.map((c) => [c.number, c.id]) };
}

/** The fake's answer to one call, ids still the fake's. */
async function answer(backend: Backend, call: string, args: Record<string, unknown>, names: Names): Promise<unknown> {
  const id = (key: string) => args[key] as string;
  switch (call) {
    case "createCase":
      return { id: (await backend.createCase(args.input as NewCase)).id };
    case "addParty":
      return { id: (await backend.addParty(id("case"), args.input as NewParty)).id };
    case "createSession":
      return sessionAnswer(await backend.createSession(id("case"), args.draft as SessionDraft));
    case "startSession":
      return sessionAnswer(await backend.startSession(id("session")));
    case "endSession":
      return sessionAnswer(await backend.endSession(id("session")));
    case "agenda":
      return (await backend.agenda()).map((item) => item.session.id);
    case "guardState":
      return await backend.guardState();
    case "createNote":
      return noteAnswer(await backend.createNote(id("case"), args.draft as NoteDraft));
    case "saveNote":
      return noteAnswer(await backend.saveNote(id("note"), args.base_revision as number, args.draft as NoteDraft));
    case "restoreRevision":
      return noteAnswer(await backend.restoreRevision(id("note"), args.revision as number));
    case "recordDisclosure": {
      const d = await backend.recordDisclosure(id("note"), args.draft as DisclosureDraft);
      return { id: d.id, party_id: d.party_id, scope: d.scope, revision: d.revision };
    }
    case "searchNotes": {
      // Which notes, not their order: the fake does not rank as the core does.
      const found = await backend.searchNotes(args.query as SearchQuery);
      return { hits: found.hits.map((h) => names.named(h.note_id) as string).sort() };
    }
    case "createAgreement": {
      const a = await backend.createAgreement(id("case"), args.input as NewAgreement, args.templates as string[]);
      return { id: a.id, status: a.status };
    }
    case "agreementDetail": {
      const d = await backend.agreementDetail(id("agreement"));
      return {
        status: d.agreement.status,
        clauses: d.clauses.map((c) => ({
          id: c.id,
          number: c.number,
          depth: c.depth,
          source_note_id: c.source_note_id,
          source_moved_on: c.source_moved_on,
          kind: c.kind,
        })),
        versions: d.versions.map((v) => v.version),
      };
    }
    case "addClause":
      return clauseAnswer(backend, await backend.addClause(id("agreement"), args.words as ClauseText, args.place as Place));
    case "addClauseFromLibrary":
      return clauseAnswer(backend, await backend.addClauseFromLibrary(id("agreement"), id("key"), args.place as Place));
    case "addClauseFromNote":
      return clauseAnswer(backend, await backend.addClauseFromNote(id("agreement"), id("note"), args.place as Place));
    case "editClause":
      return clauseAnswer(backend, await backend.editClause(id("clause"), args.words as ClauseText));
    case "moveClause":
      return clauseAnswer(backend, await backend.moveClause(id("clause"), args.place as Place));
    case "shiftClause":
      return clauseAnswer(backend, await backend.shiftClause(id("clause"), args.step as ClauseStep));
    case "removeClause":
      return clauseAnswer(backend, await backend.removeClause(id("clause")));
    case "setPosition": {
      const c = await backend.setPosition(id("clause"), id("party"), args.status as PositionStatus, args.comment as string);
      return { id: c.id, positions: c.positions.map(({ party_id, status, comment }) => ({ party_id, status, comment })) };
    }
    case "saveVersion":
    case "finalizeAgreement": {
      const run = call === "saveVersion" ? backend.saveVersion : backend.finalizeAgreement;
      const v = await run.call(backend, id("agreement"), args.label as string);
      return { version: v.version, label: v.label };
    }
    case "redline": {
      const r = await backend.redline(id("agreement"), args.from as number, args.to as number | null);
      return r.clauses.map(({ id, change, number_from, number_to, edited }) => ({ id, change, number_from, number_to, edited }));
    }
    case "checkAgreement":
      return (await backend.checkAgreement(id("agreement"))).map(({ clause, check, args }) => ({ clause, check, args }));
    default:
      throw new Error(`no such call in the contract: ${call}`);
  }
}

describe("the fake backend answers as the core recorded in contract.json", () => {
  it("has every scenario the core records", () => {
    expect(contract.scenarios.map((s) => s.name)).toEqual(["agenda", "guard", "consent", "search as a party", "agreement"]);
  });

  for (const scenario of contract.scenarios) {
    it(`${scenario.name}: ${scenario.about}`, async () => {
      let clock = new Date(scenario.steps[0]!.at);
      const backend = new FakeBackend({ unlocked: true, mediator: "Test Mediator", now: () => clock });
      const names = new Names();
      for (const [i, step] of scenario.steps.entries()) {
        clock = new Date(step.at);
        const args = names.resolve(step.args) as Record<string, unknown>;
        let got: Answer;
        try {
          const ok = await answer(backend, step.call, args, names);
          if (step.name !== undefined) names.add(step.name, (ok as { id: string }).id);
          got = { ok: names.named(ok) };
        } catch (e) {
          if (!(e instanceof BackendError)) throw e;
          got = { error: e.code, args: names.named(e.report.args) as Record<string, string> };
        }
        expect(got, `step ${i + 1} at ${step.at}: ${step.call} ${JSON.stringify(step.args)}`).toEqual(step.core);
      }
    });
  }
});

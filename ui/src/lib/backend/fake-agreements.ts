// The fake backend's settlement agreements: the core's rules (src/agreements) in memory.
//
// Followed as the core does: numbers are places (1, 1.1, 1.1.1; three levels at most), a
// move or step renumbers the siblings, a clause never goes under itself; `{{4.2}}` is
// stored as `{{clause:<id>}}` and a reference to no clause is refused; a clause with
// sub-clauses or referred to is not removed; a proposal note enters only as it could be
// shared (the consent rule, through the host); a final agreement refuses every change;
// final waits for the checks. Redlines match clauses by id (an id out of the common order
// has moved) and compare words as the notes' revisions do.
//
// Not followed (the UI's paths do not need them, and the contract leaves them out): the
// figure checks (amounts, dates), the pairing of a clause deleted and pasted back, and
// the case's facts filled into a template (`{{party.requesting}}` stays as written).

import type { Agreement } from "../bindings/Agreement";
import type { AgreementDetail } from "../bindings/AgreementDetail";
import type { AgreementUpdate } from "../bindings/AgreementUpdate";
import type { AgreementVersion } from "../bindings/AgreementVersion";
import type { Case } from "../bindings/Case";
import type { CheckKind } from "../bindings/CheckKind";
import type { CheckProblem } from "../bindings/CheckProblem";
import type { ChineseScript } from "../bindings/ChineseScript";
import type { Clause } from "../bindings/Clause";
import type { ClauseChange } from "../bindings/ClauseChange";
import type { ClauseKind } from "../bindings/ClauseKind";
import type { ClauseText } from "../bindings/ClauseText";
import type { DiffSpan } from "../bindings/DiffSpan";
import type { LibraryClause } from "../bindings/LibraryClause";
import type { NewAgreement } from "../bindings/NewAgreement";
import type { Note } from "../bindings/Note";
import type { NumberedClause } from "../bindings/NumberedClause";
import type { Party } from "../bindings/Party";
import type { Place } from "../bindings/Place";
import type { PositionStatus } from "../bindings/PositionStatus";
import type { Layout } from "../bindings/Layout";
import type { Redline } from "../bindings/Redline";
import type { Step } from "../bindings/Step";
import type { TermGap } from "../bindings/TermGap";
import { MAX_CLAUSE_DEPTH, MAX_CLAUSE_SIDE, MAX_NAME, MAX_POSITION_COMMENT, MAX_TITLE } from "../bindings/rules";
import { bilingual, diffSpans, fail, required, trimmed, words } from "./fake";
import type { ExportRequest } from "./backend";
import { checkExport, checkLayout, CLAUSES_PER_PAGE, exportFileName, PLACEHOLDER_PAGE } from "./fake-export";
import { FAKE_LIBRARY } from "./fake-library";

/** What the agreements need of the rest of the fake. */
export type AgreementHost = {
  open(): void;
  loadCase(caseId: string): Case;
  openCase(caseId: string): Case;
  party(partyId: string): Party | undefined;
  note(noteId: string): Note | undefined;
  /** The consent rule for showing `note` to every party (fails `note.disclosure_not_authorised`). */
  ensureShareable(note: Note): void;
  termGaps(textEn: string, textZh: string): TermGap[];
  id(): string;
  stamp(): string;
  mediator(): string;
};

type FrozenClause = { id: string; number: string; depth: number; heading_en: string; heading_zh: string; text_en: string; text_zh: string };
/** A clause's words as checked and stored. */
type Words = Pick<Clause, "heading_en" | "heading_zh" | "text_en" | "text_zh" | "missing_reason" | "kind">;
type StoredVersion = AgreementVersion & { clauses: FrozenClause[]; script: ChineseScript };

const REFERENCE = /\{\{([^}]*)\}\}/g;
/** The case's facts a template may name (src/agreements/fields.rs). */
const FIELDS = new Set(["case.number", "case.title", "party.requesting", "party.responding", "parties", "mediator", "institution"]);

/** `text` with each stored reference written out as the number it names (clauses.rs `render`). */
export function renderReferences(text: string, numbers: Map<string, string>, side: "en" | "zh", script: ChineseScript): string {
  return text.replace(REFERENCE, (whole, inner: string) => {
    const id = inner.trim().startsWith("clause:") ? inner.trim().slice("clause:".length).trim() : null;
    const number = id === null ? undefined : numbers.get(id);
    if (number === undefined) return whole;
    if (side === "en") return `clause ${number}`;
    return script === "hant" ? `第${number}條` : `第${number}条`;
  });
}

function refersTo(text: string, id: string): boolean {
  return text.includes(`{{clause:${id}}}`);
}

function clauseSide(field: string, text: string): string {
  return trimmed(field, text.replace(/\r\n?/g, "\n"), MAX_CLAUSE_SIDE, true) ?? "";
}

function placeholders(text: string): string[] {
  return text.match(/\[\[.*?\]\]/g) ?? [];
}

export class FakeAgreements {
  readonly agreements = new Map<string, Agreement>();
  readonly clauses = new Map<string, Clause>();
  readonly versions: StoredVersion[] = [];
  readonly library: LibraryClause[] = FAKE_LIBRARY.map((t) => ({ ...t }));

  constructor(private readonly host: AgreementHost) {}

  private load(agreementId: string): Agreement {
    return this.agreements.get(agreementId) ?? fail("input.not_found", { entity: "agreement", id: agreementId });
  }

  private draft(agreementId: string): Agreement {
    const a = this.load(agreementId);
    if (a.status === "final") fail("agreement.final");
    return a;
  }

  private clause(clauseId: string): Clause {
    return this.clauses.get(clauseId) ?? fail("input.not_found", { entity: "clause", id: clauseId });
  }

  private inAgreement(agreementId: string, clauseId: string): Clause {
    const c = this.clauses.get(clauseId);
    if (!c || c.agreement_id !== agreementId) fail("input.not_found", { entity: "clause", id: clauseId });
    return c;
  }

  private siblings(agreementId: string, parent: string | null): string[] {
    return [...this.clauses.values()]
      .filter((c) => c.agreement_id === agreementId && c.parent_id === parent)
      .sort((a, b) => a.position - b.position)
      .map((c) => c.id);
  }

  private reposition(parent: string | null, order: readonly string[]): void {
    const now = this.host.stamp();
    order.forEach((id, i) => {
      const c = this.clause(id);
      if (c.position === i && c.parent_id === parent) return;
      this.clauses.set(id, { ...c, parent_id: parent, position: i, updated_at: now });
    });
  }

  outline(agreementId: string): NumberedClause[] {
    const out: NumberedClause[] = [];
    const walk = (parent: string | null, prefix: string, depth: number) => {
      this.siblings(agreementId, parent).forEach((id, i) => {
        const clause = this.clause(id);
        const number = `${prefix}${i + 1}`;
        const note = clause.source_note_id === null ? undefined : this.host.note(clause.source_note_id);
        const moved = note !== undefined && clause.source_revision !== null && Number(note.revision) > clause.source_revision;
        out.push({ number, depth, source_moved_on: moved, ...structuredClone(clause) });
        walk(id, `${number}.`, depth + 1);
      });
    };
    walk(null, "", 1);
    return out;
  }

  private numbers(agreementId: string): Map<string, string> {
    return new Map(this.outline(agreementId).map((c) => [c.id, c.number]));
  }

  /** (depth, how deep its deepest sub-clause goes below it), as clauses.rs `depth_of`. */
  private depthOf(outline: NumberedClause[], id: string): [number, number] {
    const me = outline.find((c) => c.id === id);
    if (!me) return [0, 0];
    const below = outline.filter((c) => c.number.startsWith(`${me.number}.`)).map((c) => c.depth - me.depth);
    return [me.depth, Math.max(0, ...below)];
  }

  private storeReferences(text: string, outline: NumberedClause[]): string {
    return text.replace(REFERENCE, (_whole, raw: string) => {
      const inner = raw.trim();
      if (FIELDS.has(inner)) return `{{${inner}}}`;
      const target = inner.startsWith("clause:")
        ? outline.find((c) => c.id === inner.slice("clause:".length).trim())
        : outline.find((c) => c.number === inner.replace(/^clause/, "").trim());
      if (!target) fail("agreement.unknown_reference", { reference: inner });
      return `{{clause:${target.id}}}`;
    });
  }

  private checked(words: ClauseText, outline: NumberedClause[]): Words {
    const text_en = clauseSide("text_en", words.text_en ?? "");
    const text_zh = clauseSide("text_zh", words.text_zh ?? "");
    const heading_en = trimmed("heading_en", words.heading_en, MAX_TITLE) ?? "";
    const heading_zh = trimmed("heading_zh", words.heading_zh, MAX_TITLE) ?? "";
    if (!text_en && !text_zh && !heading_en && !heading_zh) fail("input.required", { field: "text" });
    return {
      heading_en,
      heading_zh,
      text_en: this.storeReferences(text_en, outline),
      text_zh: this.storeReferences(text_zh, outline),
      missing_reason: trimmed("missing_reason", words.missing_reason, MAX_NAME),
      kind: words.kind ?? null,
    };
  }

  /** Where `place` puts a clause (`moving` already out of its list): parent and index. */
  private resolve(agreementId: string, place: Place, moving: string | null): [string | null, number] {
    const without = (parent: string | null) => this.siblings(agreementId, parent).filter((c) => c !== moving);
    switch (place.kind) {
      case "end":
        return [null, without(null).length];
      case "after": {
        const parent = this.inAgreement(agreementId, place.clause).parent_id;
        return [parent, without(parent).indexOf(place.clause) + 1];
      }
      case "under":
        this.inAgreement(agreementId, place.clause);
        return [place.clause, without(place.clause).length];
    }
  }

  private tooDeep(): never {
    return fail("input.invalid", { field: "place", value: `clauses are numbered ${MAX_CLAUSE_DEPTH} levels deep at most` });
  }

  // ---- agreements

  async list(caseId: string): Promise<Agreement[]> {
    this.host.open();
    this.host.loadCase(caseId);
    return [...this.agreements.values()].filter((a) => a.case_id === caseId).map((a) => ({ ...a }));
  }

  async create(caseId: string, input: NewAgreement, templates: readonly string[]): Promise<Agreement> {
    this.host.open();
    this.host.openCase(caseId);
    const titles = bilingual("title", input.title_en, input.title_zh, MAX_TITLE);
    for (const key of templates) this.template(key); // all or nothing
    const at = this.host.stamp();
    const a: Agreement = {
      id: this.host.id(),
      case_id: caseId,
      title_en: titles.en,
      title_zh: titles.zh,
      zh_script: input.zh_script ?? "hant",
      language_regime: input.language_regime ?? "equal",
      status: "draft",
      created_at: at,
      updated_at: at,
    };
    this.agreements.set(a.id, a);
    for (const key of templates) await this.addFromLibrary(a.id, key, { kind: "end" });
    return { ...a };
  }

  async detail(agreementId: string): Promise<AgreementDetail> {
    this.host.open();
    return { agreement: { ...this.load(agreementId) }, clauses: this.outline(agreementId), versions: this.versionList(agreementId) };
  }

  async update(agreementId: string, change: AgreementUpdate): Promise<Agreement> {
    this.host.open();
    const current = this.draft(agreementId);
    const titles = bilingual(
      "title",
      change.title_en ?? current.title_en,
      change.title_zh ?? current.title_zh,
      MAX_TITLE,
    );
    const a: Agreement = {
      ...current,
      title_en: titles.en,
      title_zh: titles.zh,
      zh_script: change.zh_script ?? current.zh_script,
      language_regime: change.language_regime ?? current.language_regime,
      updated_at: this.host.stamp(),
    };
    this.agreements.set(a.id, a);
    return { ...a };
  }

  // ---- clauses

  private insert(agreementId: string, words: ClauseText, place: Place, source: Note | null): Clause {
    this.draft(agreementId);
    const outline = this.outline(agreementId);
    const checked = this.checked(words, outline);
    const [parent, at] = this.resolve(agreementId, place, null);
    if (parent !== null && this.depthOf(outline, parent)[0] + 1 > MAX_CLAUSE_DEPTH) this.tooDeep();
    const order = this.siblings(agreementId, parent);
    const now = this.host.stamp();
    const clause: Clause = {
      id: this.host.id(),
      agreement_id: agreementId,
      case_id: this.load(agreementId).case_id,
      parent_id: parent,
      position: order.length,
      ...checked,
      source_note_id: source?.id ?? null,
      source_revision: source === null ? null : Number(source.revision),
      positions: [],
      created_at: now,
      updated_at: now,
    };
    this.clauses.set(clause.id, clause);
    order.splice(at, 0, clause.id);
    this.reposition(parent, order);
    return structuredClone(this.clause(clause.id));
  }

  async add(agreementId: string, words: ClauseText, place: Place): Promise<Clause> {
    this.host.open();
    return this.insert(agreementId, words, place, null);
  }

  private template(key: string): LibraryClause {
    return this.library.find((t) => t.key === key) ?? fail("input.not_found", { entity: "template", id: key });
  }

  async addFromLibrary(agreementId: string, key: string, place: Place): Promise<Clause> {
    this.host.open();
    const script = this.load(agreementId).zh_script;
    const t = this.template(key);
    const hans = script === "hans";
    const words: ClauseText = {
      heading_en: t.heading_en,
      heading_zh: hans ? t.heading_hans : t.heading_hant,
      text_en: t.text_en,
      text_zh: hans ? t.text_hans : t.text_hant,
      kind: t.kind ?? undefined,
    };
    return this.insert(agreementId, words, place, null);
  }

  async addFromNote(agreementId: string, noteId: string, place: Place): Promise<Clause> {
    this.host.open();
    const agreement = this.draft(agreementId);
    const note = this.host.note(noteId) ?? fail("input.not_found", { entity: "note", id: noteId });
    if (note.case_id !== agreement.case_id) fail("input.not_found", { entity: "note", id: noteId });
    if (!note.tags.includes("proposal")) {
      fail("input.invalid", { field: "note", value: "only a note tagged proposal becomes a clause" });
    }
    this.host.ensureShareable(note);
    return this.insert(agreementId, { heading_en: "", heading_zh: "", text_en: note.text_en, text_zh: note.text_zh }, place, note);
  }

  async edit(clauseId: string, words: ClauseText): Promise<Clause> {
    this.host.open();
    const current = this.clause(clauseId);
    this.draft(current.agreement_id);
    const w = this.checked(words, this.outline(current.agreement_id));
    if (refersTo(w.text_en, clauseId) || refersTo(w.text_zh, clauseId)) {
      fail("input.invalid", { field: "text", value: "a clause cannot refer to itself" });
    }
    const unchanged = (Object.keys(w) as (keyof typeof w)[]).every((k) => w[k] === current[k]);
    if (unchanged) return structuredClone(current);
    this.clauses.set(clauseId, { ...current, ...w, updated_at: this.host.stamp() });
    return structuredClone(this.clause(clauseId));
  }

  async move(clauseId: string, place: Place): Promise<Clause> {
    this.host.open();
    return this.moveTo(clauseId, place);
  }

  private moveTo(clauseId: string, place: Place): Clause {
    const current = this.clause(clauseId);
    const agreementId = current.agreement_id;
    this.draft(agreementId);
    const outline = this.outline(agreementId);
    if (place.kind !== "end") {
      const number = outline.find((c) => c.id === clauseId)!.number;
      const target = outline.find((c) => c.id === place.clause) ?? fail("input.not_found", { entity: "clause", id: place.clause });
      if ((place.clause === clauseId && place.kind === "under") || target.number.startsWith(`${number}.`)) {
        fail("input.invalid", { field: "place", value: "a clause cannot go under itself or its own sub-clauses" });
      }
      if (place.clause === clauseId) return structuredClone(current);
    }
    const old = this.siblings(agreementId, current.parent_id).filter((c) => c !== clauseId);
    const [parent, at] = this.resolve(agreementId, place, clauseId);
    const below = this.depthOf(outline, clauseId)[1];
    const parentDepth = parent === null ? 0 : this.depthOf(outline, parent)[0];
    if (parentDepth + 1 + below > MAX_CLAUSE_DEPTH) this.tooDeep();
    if (parent !== current.parent_id) this.reposition(current.parent_id, old);
    const order = parent === current.parent_id ? old : this.siblings(agreementId, parent).filter((c) => c !== clauseId);
    order.splice(Math.min(at, order.length), 0, clauseId);
    this.reposition(parent, order);
    return structuredClone(this.clause(clauseId));
  }

  async shift(clauseId: string, step: Step): Promise<Clause> {
    this.host.open();
    const current = this.clause(clauseId);
    this.draft(current.agreement_id);
    const order = this.siblings(current.agreement_id, current.parent_id);
    const at = order.indexOf(clauseId);
    const same = () => structuredClone(current);
    switch (step) {
      case "up":
        if (at === 0) return same();
        if (at === 1) {
          // Before the first sibling: after nothing. Swap the two, as the core does.
          [order[0], order[1]] = [order[1]!, order[0]!];
          this.reposition(current.parent_id, order);
          return structuredClone(this.clause(clauseId));
        }
        return this.moveTo(clauseId, { kind: "after", clause: order[at - 2]! });
      case "down":
        if (at + 1 === order.length) return same();
        return this.moveTo(clauseId, { kind: "after", clause: order[at + 1]! });
      case "indent":
        if (at === 0) return same();
        return this.moveTo(clauseId, { kind: "under", clause: order[at - 1]! });
      case "outdent":
        if (current.parent_id === null) return same();
        return this.moveTo(clauseId, { kind: "after", clause: current.parent_id });
    }
  }

  async remove(clauseId: string): Promise<Clause> {
    this.host.open();
    const current = this.clause(clauseId);
    this.draft(current.agreement_id);
    const outline = this.outline(current.agreement_id);
    const number = outline.find((c) => c.id === clauseId)!.number;
    if (this.siblings(current.agreement_id, clauseId).length > 0) {
      fail("agreement.clause_has_subclauses", { clause: number });
    }
    const by = outline.find((c) => c.id !== clauseId && (refersTo(c.text_en, clauseId) || refersTo(c.text_zh, clauseId)));
    if (by) fail("agreement.clause_referenced", { clause: number, by: by.number });
    this.clauses.delete(clauseId);
    this.reposition(current.parent_id, this.siblings(current.agreement_id, current.parent_id));
    return structuredClone(current);
  }

  async setPosition(clauseId: string, partyId: string, status: PositionStatus, comment: string): Promise<Clause> {
    this.host.open();
    const current = this.clause(clauseId);
    const agreement = this.draft(current.agreement_id);
    const party = this.host.party(partyId) ?? fail("input.not_found", { entity: "party", id: partyId });
    if (party.case_id !== agreement.case_id) {
      fail("session.party_not_in_case", {
        party: party.name_en ?? party.name_zh ?? "",
        case: this.host.loadCase(agreement.case_id).local_ref,
      });
    }
    const text = trimmed("comment", comment, MAX_POSITION_COMMENT) ?? "";
    const positions = current.positions.filter((p) => p.party_id !== partyId);
    positions.push({ party_id: partyId, status, comment: text, updated_at: this.host.stamp() });
    positions.sort((a, b) => a.party_id.localeCompare(b.party_id));
    this.clauses.set(clauseId, { ...current, positions });
    return structuredClone(this.clause(clauseId));
  }

  // ---- versions, redlines

  private versionList(agreementId: string): AgreementVersion[] {
    return this.versions
      .filter((v) => v.agreement_id === agreementId)
      .map(({ agreement_id, version, label, saved_at, saved_by, fingerprint }) => ({
        agreement_id,
        version,
        label,
        saved_at,
        saved_by,
        fingerprint,
      }));
  }

  private frozen(agreementId: string): FrozenClause[] {
    return this.outline(agreementId).map(({ id, number, depth, heading_en, heading_zh, text_en, text_zh }) => ({
      id,
      number,
      depth,
      heading_en,
      heading_zh,
      text_en,
      text_zh,
    }));
  }

  private async freeze(agreementId: string, label: string): Promise<AgreementVersion> {
    const a = this.load(agreementId);
    const text = required("label", label, MAX_TITLE);
    const clauses = this.frozen(agreementId);
    const content = JSON.stringify({ agreement: a, clauses });
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(content));
    const fingerprint = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    const version = this.versions.filter((v) => v.agreement_id === agreementId).length + 1;
    const stored: StoredVersion = {
      agreement_id: agreementId,
      version,
      label: text,
      saved_at: this.host.stamp(),
      saved_by: this.host.mediator(),
      fingerprint,
      clauses,
      script: a.zh_script,
    };
    this.versions.push(stored);
    return this.versionList(agreementId).find((v) => v.version === version)!;
  }

  async saveVersion(agreementId: string, label: string): Promise<AgreementVersion> {
    this.host.open();
    return this.freeze(agreementId, label);
  }

  async listVersions(agreementId: string): Promise<AgreementVersion[]> {
    this.host.open();
    this.load(agreementId);
    return this.versionList(agreementId);
  }

  private stored(agreementId: string, version: number): StoredVersion {
    return (
      this.versions.find((v) => v.agreement_id === agreementId && v.version === Number(version)) ??
      fail("input.not_found", { entity: "version", id: `${agreementId} #${version}` })
    );
  }

  async redline(agreementId: string, from: number, to: number | null): Promise<Redline> {
    this.host.open();
    const old = this.stored(agreementId, from);
    const script = this.load(agreementId).zh_script;
    const now = to === null ? { clauses: this.frozen(agreementId), script } : this.stored(agreementId, to);
    return { agreement_id: agreementId, from: Number(from), to: to === null ? null : Number(to), clauses: between(old, now) };
  }

  // ---- preview, export (fake-export.ts)

  async preview(agreementId: string, version: number | null, layout: Layout): Promise<string[]> {
    checkLayout(layout);
    this.host.open();
    const clauses = version === null ? this.frozen(agreementId) : this.stored(agreementId, version).clauses;
    return Array.from({ length: Math.max(1, Math.ceil(clauses.length / CLAUSES_PER_PAGE)) }, () => PLACEHOLDER_PAGE);
  }

  /** The path the save dialog would have given, or null when `cancelExport` says so. */
  async exportAgreement(agreementId: string, r: ExportRequest, cancelled: boolean): Promise<string | null> {
    checkExport(r);
    this.host.open();
    const a = this.load(agreementId);
    if (r.version !== null) this.stored(agreementId, r.version);
    if (r.redlineFrom !== null) this.stored(agreementId, r.redlineFrom);
    if (cancelled) return null;
    const title = [a.title_en, a.title_zh].filter((t) => t).join(" / ");
    return `/home/mediator/Documents/${exportFileName(title, r)}`;
  }

  // ---- checks, final

  async check(agreementId: string): Promise<CheckProblem[]> {
    this.host.open();
    return this.problems(agreementId);
  }

  private problems(agreementId: string): CheckProblem[] {
    const a = this.load(agreementId);
    const outline = this.outline(agreementId);
    const numbers = new Map(outline.map((c) => [c.id, c.number]));
    const out: CheckProblem[] = [];
    const problem = (c: NumberedClause | null, check: CheckKind, args: [string, string][], message: string, en: string | null = null, zh: string | null = null) => {
      out.push({ clause: c?.number ?? null, check, en, zh, args: c ? [...args, ["clause", c.number]] : args, message });
    };
    for (const c of outline) {
      const en = renderReferences(c.text_en, numbers, "en", a.zh_script);
      const zh = renderReferences(c.text_zh, numbers, "zh", a.zh_script);
      if (c.missing_reason === null) {
        if (!en.trim()) problem(c, "missing-language", [["side", "en"]], `clause ${c.number} has no English text`);
        if (!zh.trim()) problem(c, "missing-language", [["side", "zh"]], `clause ${c.number} has no Chinese text`);
      }
      const plain = (t: string) => t.replace(REFERENCE, "");
      for (const gap of this.host.termGaps(plain(c.text_en), plain(c.text_zh))) {
        const zhTerm = a.zh_script === "hans" ? gap.term.zh_hans : gap.term.zh_hant;
        const foundIn = gap.found_in === "en" ? "English" : "Chinese";
        problem(
          c,
          "term-gap",
          [["term", gap.term.en], ["found_in", gap.found_in]],
          `clause ${c.number}: the term "${gap.term.en}" is in the ${foundIn} text but not in the other`,
          gap.term.en,
          zhTerm,
        );
      }
      for (const [side, text] of [["en", c.heading_en], ["zh", c.heading_zh], ["en", en], ["zh", zh]] as const) {
        for (const p of placeholders(text)) {
          problem(c, "placeholder", [["placeholder", p]], `clause ${c.number}: the placeholder ${p} is not filled in`, side === "en" ? p : null, side === "zh" ? p : null);
        }
      }
    }
    const required: [ClauseKind, CheckKind, string][] = [
      ["language", "language-clause", "language clause"],
      ["signatures", "signature-block", "signature block"],
      ["mediator-statement", "mediator-statement", "mediator's statement"],
    ];
    for (const [kind, check, what] of required) {
      const count = outline.filter((c) => c.kind === kind).length;
      if (count !== 1) problem(null, check, [["count", String(count)]], `the agreement needs exactly one ${what}; it has ${count}`);
    }
    return out;
  }

  async finalize(agreementId: string, label: string): Promise<AgreementVersion> {
    this.host.open();
    const a = this.draft(agreementId);
    const problems = this.problems(agreementId);
    if (problems.length > 0) fail("agreement.checks_failed", { count: String(problems.length) });
    required("label", label, MAX_TITLE);
    this.agreements.set(a.id, { ...a, status: "final", updated_at: this.host.stamp() });
    return this.freeze(agreementId, label);
  }

  async listLibrary(): Promise<LibraryClause[]> {
    this.host.open();
    return [...this.library].sort((a, b) => a.key.localeCompare(b.key)).map((t) => ({ ...t }));
  }
}

/** A reference as one token for the diff: the same clause is the same token whatever its number. */
const TOKEN = /\uE000([^\uE001]*)\uE001/g;

function tokens(text: string): string {
  return text.replace(/\{\{\s*clause:([^}\s]+)\s*\}\}/g, "\uE000$1\uE001");
}

/**
 * Spans of one side of two clauses (English by word, Chinese by character), references
 * compared by the clause they name and written out with the number on each span's side.
 */
function spans(
  before: string,
  after: string,
  side: "en" | "zh",
  numbers: { old: Map<string, string>; now: Map<string, string> },
  script: ChineseScript,
): DiffSpan[] {
  const split = (t: string) => (side === "en" ? words(t) : (t.match(/\uE000[^\uE001]*\uE001|[\s\S]/gu) ?? []));
  return diffSpans(split(tokens(before)), split(tokens(after))).map((s) => ({
    ...s,
    text: s.text.replace(TOKEN, (_t, id: string) =>
      renderReferences(`{{clause:${id}}}`, s.change === "removed" ? numbers.old : numbers.now, side, script),
    ),
  }));
}

/** The longest common subsequence of two id lists, as a set of the ids in it. */
function common(a: readonly string[], b: readonly string[]): Set<string> {
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.add(a[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  return out;
}

/** redline.rs `between`: clauses by id; an id outside the common order moved; a removed clause where it stood. */
function between(
  old: { clauses: FrozenClause[]; script: ChineseScript },
  now: { clauses: FrozenClause[]; script: ChineseScript },
): ClauseChange[] {
  const oldIds = old.clauses.map((c) => c.id);
  const newIds = now.clauses.map((c) => c.id);
  const oldBy = new Map(old.clauses.map((c) => [c.id, c]));
  const newBy = new Map(now.clauses.map((c) => [c.id, c]));
  const kept = common(oldIds, newIds);
  const oldNumbers = new Map(old.clauses.map((c) => [c.id, c.number]));
  const newNumbers = new Map(now.clauses.map((c) => [c.id, c.number]));
  const empty = { heading_en: "", heading_zh: "", text_en: "", text_zh: "" };
  const numbers = { old: oldNumbers, now: newNumbers };
  const change = (id: string, before: FrozenClause | null, after: FrozenClause | null): ClauseChange => {
    const b = before ?? { ...empty };
    const a = after ?? { ...empty };
    const diff = {
      heading_en: spans(b.heading_en, a.heading_en, "en", numbers, now.script),
      heading_zh: spans(b.heading_zh, a.heading_zh, "zh", numbers, now.script),
      text_en: spans(b.text_en, a.text_en, "en", numbers, now.script),
      text_zh: spans(b.text_zh, a.text_zh, "zh", numbers, now.script),
    };
    const edited = Object.values(diff).some((list) => list.some((s) => s.change !== "same"));
    const kind = before === null ? "added" : after === null ? "removed" : !kept.has(id) ? "moved" : edited ? "edited" : "same";
    return {
      id,
      change: kind,
      number_from: before?.number ?? null,
      number_to: after?.number ?? null,
      depth: (after ?? before)!.depth,
      edited,
      ...diff,
    };
  };
  const out: ClauseChange[] = [];
  let i = 0;
  // Each stretch between two common clauses: what left the old one first, where it stood.
  const flush = () => {
    while (i < oldIds.length && !kept.has(oldIds[i]!)) {
      const gone = oldIds[i]!;
      if (!newBy.has(gone)) out.push(change(gone, oldBy.get(gone)!, null));
      i++;
    }
  };
  for (const id of newIds) {
    flush();
    if (kept.has(id)) i++;
    out.push(change(id, oldBy.get(id) ?? null, newBy.get(id)!));
  }
  flush();
  return out;
}

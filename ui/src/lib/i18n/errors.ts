// Every error the mediator sees is translated from its stable code: `error.<code>` with the
// report's args. Args that name a field, a record kind or a case status are themselves
// translated, so "The title is required" reads "必须填写标题" in Chinese.

import { BackendError } from "../backend/backend";
import { hasKey, t, type Args, type MessageKey } from "./i18n.svelte";

const TRANSLATED_ARGS: Record<string, string> = {
  field: "field.",
  entity: "entity.",
  from: "status.",
  to: "status.",
  status: "status.",
};

function translateArgs(args: Record<string, string>): Args {
  const out: Args = {};
  for (const [name, value] of Object.entries(args)) {
    const prefix = TRANSLATED_ARGS[name];
    const key = prefix === undefined ? "" : prefix + value;
    out[name] = hasKey(key) ? t(key) : value;
  }
  return out;
}

/** The translated message for anything thrown by a Backend call. */
export function errorText(error: unknown): string {
  if (error instanceof BackendError) {
    const key = `error.${error.code}`;
    const args = translateArgs(error.report.args ?? {});
    if (hasKey(key)) return t(key, args);
    return t("error.unknown_code", { code: error.code });
  }
  return t("error.unexpected");
}

/** A problem the UI found itself (a form check), translated when shown like a backend error. */
export class UiProblem {
  constructor(
    readonly key: MessageKey,
    readonly args?: Args,
  ) {}
}

/** Text for a UiProblem or anything a Backend call threw, in the current language. */
export function problemText(problem: unknown): string {
  if (problem instanceof UiProblem) return t(problem.key, problem.args);
  return errorText(problem);
}

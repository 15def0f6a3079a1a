// The one-line description of a template-generated item.
import type { PatternKey } from "./patterns.js";
import type { Fee, ResultType, ServerType, TaskType } from "./types.js";

export interface ItemSeed {
  name: string;
  type: TaskType;
  pattern: PatternKey;
  law?: string;
  server?: ServerType;
  fee?: Fee;
  result?: { type: ResultType; name: string };
  lawDays?: number;
  alias?: string;
}

type Extra = Omit<ItemSeed, "name" | "type" | "pattern" | "law">;

export const s = (name: string, type: TaskType, pattern: PatternKey, law?: string, extra: Extra = {}): ItemSeed => ({
  name,
  type,
  pattern,
  ...(law === undefined ? {} : { law }),
  ...extra,
});

/** Person-facing (server_type 1). */
export const P: Extra = { server: "1" };

import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';

/**
 * Checking a message against its schema, for the hub's MQTT gateway and the bridge (not for browser bundles: the
 * compiler is large). A schema is compiled once, on first use; compiled checks are what keep a busy hall's
 * message rate cheap.
 */

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

function compiledFor<T extends TSchema>(schema: T): TypeCheck<T> {
  let c = compiled.get(schema);
  if (!c) compiled.set(schema, (c = TypeCompiler.Compile(schema)));
  return c as TypeCheck<T>;
}

/** Whether a value is what the schema says. */
export function checkSchema<T extends TSchema>(schema: T, value: unknown): value is Static<T> {
  return compiledFor(schema).Check(value);
}

/** The first thing wrong with a value, for an error reply (`path: message`). */
export function firstError(schema: TSchema, value: unknown): string {
  const e = compiledFor(schema).Errors(value).First();
  return e ? `${e.path || '(payload)'}: ${e.message}` : 'invalid payload';
}

/** JSON text (an MQTT payload as UTF-8) parsed, or not JSON: never throws. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

// JSON values and structural mutations of a valid payload (wrong types, extra and missing fields, huge strings,
// nested garbage, prototype-pollution keys): the raw material of the realtime fuzz tests' bad input.

import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Keys that pollute prototypes when code merges or looks up objects naively. */
export const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__lookupGetter__',
  'hasOwnProperty',
  'toString',
  'valueOf',
  'isAdmin',
  '_placeholder',
] as const;

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);

export function define(o: JsonObject, key: string, value: Json): void {
  // `o.__proto__ = v` would set the prototype instead of adding a key JSON can carry
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/** A copy of `obj` with `key` as an own enumerable property — `__proto__` included — so JSON.stringify writes it. */
export function withKey(obj: JsonObject, key: string, value: Json): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(obj)) if (k !== key) define(out, k, obj[k] as Json);
  define(out, key, value);
  return out;
}

export function withoutKey(obj: JsonObject, key: string): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(obj)) if (k !== key) define(out, k, obj[k] as Json);
  return out;
}

/** Any JS value as the JSON a peer would receive (BigInt as text, Map and Set as arrays, undefined as null). */
export function toJson(v: unknown): Json {
  try {
    const text = JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'bigint' ? x.toString() : x instanceof Map ? [...x.entries()] : x instanceof Set ? [...x] : x,
    );
    return text === undefined ? null : (JSON.parse(text) as Json);
  } catch {
    return null;
  }
}

export const EDGE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  '\n',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  'NaN',
  '\uFEFF',
  '\u202Eevil',
  '\u200B',
  '\uD800',
  '\uDFFF',
  '😀',
  '一二三',
  'S1\u0000',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '${7*7}',
  '../../etc/passwd',
  '%00',
  'A001\n',
  ' A001',
  'a001',
  'A0001',
  'AAAA001',
  'A00１',
  'Z999',
  'online',
  'offline',
  'very-satisfied ',
  'VERY-SATISFIED',
  'x'.repeat(65),
  'x'.repeat(101),
  'x'.repeat(257),
];

export const EDGE_NUMBERS: readonly number[] = [
  0, -1, 1, 1.5, -1.5, 0.1, 5, 6, 1e21, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER,
];

/** String lengths around the limits: schema maxima, and (rarely: they are costly to send) the 64 KiB payload cap of MQTT and socket.io. */
export const LONG_LENGTHS: readonly number[] = [17, 33, 65, 101, 201, 257, 1_000];
export const HUGE_LENGTHS: readonly number[] = [4_000, 20_000, 60_000, 66_000, 70_000];
export const stringLength = fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...LONG_LENGTHS) }, { weight: 1, arbitrary: fc.constantFrom(...HUGE_LENGTHS) });

export const nestDepth = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(2, 10, 100, 300) }, { weight: 1, arbitrary: fc.constantFrom(1_000, 3_000) });

export function nest(depth: number, shape: 'array' | 'object', leaf: Json): Json {
  let v: Json = leaf;
  for (let i = 0; i < depth; i++) v = shape === 'array' ? [v] : { a: v };
  return v;
}

export const keyAt = (o: JsonObject, i: number, fallback: string): string => {
  const keys = Object.keys(o);
  return keys.length === 0 ? fallback : (keys[i % keys.length] as string);
};

/** random JSON values to put in fields: drawn once (fc.jsonValue is the costly part of a mutation) */
export const JSON_POOL: readonly Json[] = fc.sample(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { numRuns: 500, seed: 42 });

export const edgeValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, '', [], {}, [[]], [{}]),
  fc.constantFrom(...EDGE_STRINGS),
  fc.constantFrom(...EDGE_NUMBERS),
  fc.constantFrom(...JSON_POOL),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

export const anyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PROTO_KEYS),
  fc.string({ maxLength: 16 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('transaction', 'Transaction', 'staffNo', 'staffno', 'staff_no', 'number', 'level', 'version', 'lastSeq', 'type', 'idNumber', ''),
);

export type Mutator = (o: JsonObject) => Json;

/** One structural change to an object (the key is picked by index from whatever keys the object has by then). */
export function mutator(extraKeys: readonly string[]): fc.Arbitrary<Mutator> {
  const key = fc.nat();
  const fallback = extraKeys[0] ?? 'transaction';
  const named = extraKeys.length > 0 ? fc.oneof(anyKey, fc.constantFrom(...extraKeys)) : anyKey;
  return fc.oneof(
    // wrong type for a field
    fc.tuple(key, edgeValue).map(([i, v]): Mutator => (o) => withKey(o, keyAt(o, i, fallback), v)),
    // extra field
    fc.tuple(named, edgeValue).map(([k, v]): Mutator => (o) => withKey(o, k, v)),
    // missing field
    key.map((i): Mutator => (o) => withoutKey(o, keyAt(o, i, fallback))),
    // huge string, in a known field or a new one
    fc
      .tuple(fc.oneof(key.map((i) => ({ i })), named.map((k) => ({ k }))), stringLength, fc.constantFrom('x', '9', '一', '\u0000'))
      .map(([where, n, ch]): Mutator => (o) => withKey(o, 'k' in where ? where.k : keyAt(o, where.i, fallback), ch.repeat(n))),
    // nested garbage
    fc
      .tuple(key, nestDepth, fc.constantFrom<'array' | 'object'>('array', 'object'), edgeValue)
      .map(([i, depth, shape, leaf]): Mutator => (o) => withKey(o, keyAt(o, i, fallback), nest(depth, shape, leaf))),
    // the whole payload wrapped in something else
    fc
      .constantFrom<(o: JsonObject) => Json>(
        (o) => [o],
        (o) => [o, o],
        (o) => ({ data: o }),
        (o) => ({ payload: o, transaction: 't-wrap' }),
        (o) => JSON.stringify(o),
        (o) => nest(50, 'array', o),
      )
      .map((f): Mutator => f),
    // prototype pollution
    fc
      .constantFrom<(o: JsonObject) => Json>(
        (o) => withKey(o, '__proto__', { ...o, polluted: true, isAdmin: true }),
        (o) => withKey(withKey({}, '__proto__', o), 'polluted', true),
        (o) => withKey(o, 'constructor', { prototype: { polluted: true } }),
        (o) => withKey(o, 'prototype', { polluted: true }),
        (o) => withKey(o, '__proto__', null),
        (o) => withKey(o, '__proto__', []),
        (o) => withKey(o, 'toString', 'not a function'),
        (o) => withKey(o, 'hasOwnProperty', { polluted: true }),
        (o) => withKey(o, '_placeholder', true),
      )
      .map((f): Mutator => f),
    // a known field renamed (missing plus extra)
    fc.tuple(key, fc.constantFrom((s: string) => s.toUpperCase(), (s: string) => `${s} `, (s: string) => `_${s}`, (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)))
      .map(([i, f]): Mutator => (o) => {
        const k = keyAt(o, i, fallback);
        const v = o[k];
        return v === undefined ? o : withKey(withoutKey(o, k), f(k) === k ? `${k}_` : f(k), v);
      }),
  );
}

/** 1–3 structural mutations of `valid`, applied in turn (while the result is still an object). */
export function jsonMutation(valid: JsonObject, extraKeys: readonly string[] = []): fc.Arbitrary<Json> {
  return fc
    .array(mutator(extraKeys), { minLength: 1, maxLength: 3 })
    .map((ms) => ms.reduce<Json>((acc, m) => (isJsonObject(acc) ? m(acc) : acc), valid));
}

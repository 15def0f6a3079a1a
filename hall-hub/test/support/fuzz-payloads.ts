import fc from 'fast-check';

/**
 * Generators of bad input for the realtime fuzz tests: random bytes, random JSON, and mutations of a valid
 * payload (wrong types, extra and missing fields, huge strings, truncation, nested garbage, invalid UTF-8,
 * prototype-pollution keys). They do not know what is valid: the tests filter out whatever the hub would accept.
 */

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

function define(o: JsonObject, key: string, value: Json): void {
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
const stringLength = fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...LONG_LENGTHS) }, { weight: 1, arbitrary: fc.constantFrom(...HUGE_LENGTHS) });

const nestDepth = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(2, 10, 100, 300) }, { weight: 1, arbitrary: fc.constantFrom(1_000, 3_000) });

function nest(depth: number, shape: 'array' | 'object', leaf: Json): Json {
  let v: Json = leaf;
  for (let i = 0; i < depth; i++) v = shape === 'array' ? [v] : { a: v };
  return v;
}

const keyAt = (o: JsonObject, i: number, fallback: string): string => {
  const keys = Object.keys(o);
  return keys.length === 0 ? fallback : (keys[i % keys.length] as string);
};

/** random JSON values to put in fields: drawn once (fc.jsonValue is the costly part of a mutation) */
const JSON_POOL: readonly Json[] = fc.sample(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { numRuns: 500, seed: 42 });

const edgeValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, '', [], {}, [[]], [{}]),
  fc.constantFrom(...EDGE_STRINGS),
  fc.constantFrom(...EDGE_NUMBERS),
  fc.constantFrom(...JSON_POOL),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const anyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PROTO_KEYS),
  fc.string({ maxLength: 16 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('transaction', 'Transaction', 'staffNo', 'staffno', 'staff_no', 'number', 'level', 'version', 'lastSeq', 'type', 'idNumber', ''),
);

type Mutator = (o: JsonObject) => Json;

/** One structural change to an object (the key is picked by index from whatever keys the object has by then). */
function mutator(extraKeys: readonly string[]): fc.Arbitrary<Mutator> {
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

const INVALID_UTF8: readonly number[][] = [
  [0xff],
  [0xfe],
  [0x80],
  [0xc0, 0x80],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe4, 0xb8],
  [0xc3],
];

/** Byte-level damage to a text: truncation, invalid UTF-8, syntax errors, duplicate keys, BOM, stray bytes. */
export function textDamage(text: fc.Arbitrary<string>): fc.Arbitrary<Buffer> {
  return fc.oneof(
    // truncation
    fc.tuple(text, fc.nat()).map(([t, n]) => {
      const b = Buffer.from(t, 'utf8');
      return b.subarray(0, b.length === 0 ? 0 : n % b.length);
    }),
    // invalid UTF-8 inserted anywhere
    fc.tuple(text, fc.nat(), fc.constantFrom(...INVALID_UTF8), fc.integer({ min: 1, max: 3 })).map(([t, n, bad, times]) => {
      let b = Buffer.from(t, 'utf8');
      for (let i = 0; i < times; i++) {
        const at = b.length === 0 ? 0 : (n * (i + 1)) % (b.length + 1);
        b = Buffer.concat([b.subarray(0, at), Buffer.from(bad), b.subarray(at)]);
      }
      return b;
    }),
    // syntax damage
    fc
      .tuple(
        text,
        fc.constantFrom<(t: string) => string>(
          (t) => `${t},`,
          (t) => `${t}}`,
          (t) => `{${t}`,
          (t) => `[${t}`,
          (t) => `${t} x`,
          (t) => `${t}\u0000`,
          (t) => `\uFEFF${t}`,
          (t) => `${t} // comment`,
          (t) => `/* c */${t}`,
          (t) => t.replace(/"/g, "'"),
          (t) => t.replace(/:/g, '='),
          (t) => t.replace(/^\{/, '{"transaction":5,'),
          (t) => t.replace(/^\{/, '{"transaction":"dup","transaction":{"a":1},'),
          (t) => t.replace(/\}$/, ',}'),
          (t) => t.replace(/\}$/, ',"n":NaN}'),
          (t) => t.replace(/\}$/, ',"n":Infinity}'),
          (t) => t.replace(/\}$/, ',"n":1e400}'),
          (t) => t.replace(/\}$/, ',"n":0x10}'),
          (t) => t.replace(/\}$/, ',"n":undefined}'),
          (t) => t.replace(/\}$/, ',"__proto__":{"polluted":true}}'),
          (t) => t.replace(/\}$/, ',"constructor":{"prototype":{"polluted":true}}}'),
          (t) => t.toUpperCase(),
          (t) => t.repeat(2),
          (t) => ` \n\t${t}\r\n`,
        ),
      )
      .map(([t, f]) => Buffer.from(f(t), 'utf8')),
  );
}

const randomBytes = fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a));
const jsonText = (v: Json): string => JSON.stringify(v);
const anythingAsJson: fc.Arbitrary<Json> = fc
  .anything({
    maxDepth: 3,
    maxKeys: 6,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
    withBoxedValues: true,
    withObjectString: true,
  })
  .map(toJson);

/** MQTT payloads for a topic whose valid payload is a JSON object like `valid`. */
export function jsonPayloads(valid: JsonObject, extraKeys: readonly string[] = []): fc.Arbitrary<Buffer> {
  const mutated = jsonMutation(valid, extraKeys);
  return fc.oneof(
    { weight: 3, arbitrary: randomBytes },
    { weight: 1, arbitrary: fc.constantFrom(Buffer.alloc(0), Buffer.from(' \n\t'), Buffer.from('null'), Buffer.from('{}'), Buffer.from('[]')) },
    { weight: 3, arbitrary: (fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>).map((v) => Buffer.from(jsonText(v), 'utf8')) },
    { weight: 2, arbitrary: anythingAsJson.map((v) => Buffer.from(jsonText(v), 'utf8')) },
    { weight: 8, arbitrary: mutated.map((v) => Buffer.from(jsonText(v), 'utf8')) },
    { weight: 4, arbitrary: textDamage(fc.oneof(fc.constant(jsonText(valid)), mutated.map(jsonText))) },
  );
}

/** MQTT payloads for a plain-text topic whose valid payloads are exactly `valid` (e.g. online / offline). */
export function textPayloads(valid: readonly string[]): fc.Arbitrary<Buffer> {
  const v = fc.constantFrom(...valid);
  const variants = fc.tuple(
    v,
    fc.constantFrom<(s: string) => string>(
      (s) => s.toUpperCase(),
      (s) => s[0]!.toUpperCase() + s.slice(1),
      (s) => ` ${s}`,
      (s) => `${s} `,
      (s) => `${s}\n`,
      (s) => `${s}\r\n`,
      (s) => `${s}\u0000`,
      (s) => `\u0000${s}`,
      (s) => `"${s}"`,
      (s) => JSON.stringify({ state: s }),
      (s) => JSON.stringify([s]),
      (s) => `\uFEFF${s}`,
      (s) => `${s}\u200B`,
      (s) => s.replace('o', '\u043E'), // Cyrillic о
      (s) => s.replace('o', 'ｏ'),
      (s) => s.slice(0, -1),
      (s) => s.slice(1),
      (s) => `${s}x`,
      (s) => `${s} ${s}`,
      (s) => `${s}${s === 'online' ? 'offline' : 'online'}`,
      () => 'true',
      () => 'false',
      () => '1',
      () => '0',
      () => 'null',
      () => 'on',
      () => 'off',
      () => 'up',
      () => 'down',
      () => '',
    ),
  ).map(([s, f]) => Buffer.from(f(s), 'utf8'));
  return fc.oneof(
    { weight: 3, arbitrary: randomBytes },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map((s) => Buffer.from(s, 'utf8')) },
    { weight: 2, arbitrary: (fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>).map((j) => Buffer.from(jsonText(j), 'utf8')) },
    { weight: 6, arbitrary: variants },
    { weight: 3, arbitrary: textDamage(v) },
    { weight: 1, arbitrary: fc.tuple(v, stringLength).map(([s, n]) => Buffer.from(s.repeat(Math.ceil(n / s.length)), 'utf8')) },
  );
}

/**
 * socket.io event payloads (what a client passes to `emit`): random JSON, JSON-ified `fc.anything`, mutations
 * of `valid`, damaged JSON text as a string, and binary (Buffers, which socket.io sends as attachments).
 */
export function socketPayloads(valid: JsonObject, extraKeys: readonly string[] = []): fc.Arbitrary<unknown> {
  const mutated = jsonMutation(valid, extraKeys);
  return fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 2, arbitrary: anythingAsJson },
    { weight: 8, arbitrary: mutated },
    { weight: 2, arbitrary: textDamage(fc.oneof(fc.constant(jsonText(valid)), mutated.map(jsonText))).map((b) => b.toString('utf8')) },
    { weight: 1, arbitrary: randomBytes },
    { weight: 1, arbitrary: fc.tuple(fc.nat(), randomBytes).map(([i, b]) => ({ ...valid, [keyAt(valid, i, 'version')]: b })) },
  );
}

/** Handshake `auth` objects: random objects, and mutations of a valid handshake (socket.io only sends objects). */
export function handshakeObjects(valid: JsonObject, swaps: { deviceIds: readonly string[]; tokens: readonly string[] }): fc.Arbitrary<Record<string, unknown>> {
  const swapped = fc
    .tuple(fc.option(fc.constantFrom(...swaps.deviceIds)), fc.option(fc.constantFrom(...swaps.tokens)), fc.option(fc.constantFrom<Json>(0, 1, 2, -1, 1.5, '1', null, 2 ** 31)))
    .map(([d, t, p]) => {
      let o = valid;
      if (d !== null) o = withKey(o, 'deviceId', d);
      if (t !== null) o = withKey(o, 'token', t);
      if (p !== null) o = withKey(o, 'protocol', p);
      return o;
    });
  const tokenDamage = fc
    .tuple(
      fc.constantFrom(...swaps.tokens),
      fc.constantFrom<(t: string) => string>(
        (t) => t.slice(0, -1),
        (t) => `${t}x`,
        (t) => t.toUpperCase(),
        (t) => ` ${t}`,
        (t) => `${t}\u0000`,
        (t) => `Bearer ${t}`,
        (t) => t.slice(1),
        (t) => t.split('').reverse().join(''),
        (t) => t.replace(/./, (c) => (c === 'a' ? 'b' : 'a')),
      ),
    )
    .map(([t, f]) => withKey(valid, 'token', f(t)));
  const objects = fc.oneof(
    { weight: 3, arbitrary: fc.dictionary(anyKey, fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxKeys: 6 }) },
    { weight: 2, arbitrary: anythingAsJson },
    { weight: 6, arbitrary: jsonMutation(valid, ['deviceId', 'token', 'protocol', 'lastSeq']) },
    { weight: 3, arbitrary: swapped },
    { weight: 3, arbitrary: tokenDamage },
    { weight: 1, arbitrary: fc.constant<Json>({}) },
  );
  return objects.filter(isJsonObject);
}

/** `n` values of `arb` (deterministic for a seed) that `bad` accepts; generates more as the filter drops some. */
export function sampleBad<T>(arb: fc.Arbitrary<T>, n: number, seed: number, bad: (v: T) => boolean): T[] {
  const out: T[] = [];
  for (let round = 0; out.length < n; round++) {
    if (round > 20) throw new Error(`only ${out.length} of ${n} generated values are bad input`);
    for (const v of fc.sample(arb, { numRuns: Math.ceil((n - out.length) * 1.25) + 10, seed: seed + round })) {
      if (out.length < n && bad(v)) out.push(v);
    }
  }
  return out;
}

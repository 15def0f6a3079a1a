import fc from 'fast-check';
import { type Json, type JsonObject, isJsonObject, withKey, toJson, stringLength, keyAt, anyKey, jsonMutation } from './json-mutations.js';

/**
 * Generators of bad input for the realtime fuzz tests: random bytes, random JSON, and mutations of a valid
 * payload (wrong types, extra and missing fields, huge strings, truncation, nested garbage, invalid UTF-8,
 * prototype-pollution keys). They do not know what is valid: the tests filter out whatever the hub would accept.
 */

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

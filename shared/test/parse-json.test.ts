import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { checkSchema, firstError, parseJson } from '../src/parse-json.js';

const PressSchema = Type.Object({ op: Type.Literal('call-next'), window: Type.String({ minLength: 1 }) }, { additionalProperties: false });

describe('parse-json', () => {
  it('parses JSON text, and says so (never throws) when it is not JSON', () => {
    expect(parseJson('{"op":"call-next","window":"3"}')).toEqual({ ok: true, value: { op: 'call-next', window: '3' } });
    expect(parseJson('{"op":')).toEqual({ ok: false });
    expect(parseJson('')).toEqual({ ok: false });
  });

  it('checks a value against its schema, and names the first thing wrong', () => {
    expect(checkSchema(PressSchema, { op: 'call-next', window: '3' })).toBe(true);
    expect(checkSchema(PressSchema, { op: 'call-next', window: '' })).toBe(false);
    expect(checkSchema(PressSchema, { op: 'call-next', window: '3', extra: 1 })).toBe(false);
    expect(firstError(PressSchema, { op: 'call-next', window: '' })).toMatch(/^\/window: /);
    expect(firstError(PressSchema, 7)).toMatch(/^\(payload\): /);
  });
});

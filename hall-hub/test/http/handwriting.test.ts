import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { createZinniaRecognizer } from '../../src/adapters/handwriting/zinnia-recognizer.js';
import { smallHall } from '@hall/testkit/hall-fixture';
import { characterStrokes } from '@hall/testkit/written-characters';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';

const require = createRequire(import.meta.url);

/** A character's strokes as the pad sends them: hanzi-writer-data's median lines (1024 box, y up) on 0–1000, y down. */
function written(char: string): Array<Array<[number, number]>> {
  const { medians } = JSON.parse(readFileSync(require.resolve(`hanzi-writer-data/${char}.json`), 'utf8')) as { medians: Array<Array<[number, number]>> };
  return medians.map((line) => line.map(([x, y]): [number, number] => [Math.round((x * 1000) / 1024), Math.round(((900 - y) * 1000) / 1024)]));
}

let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

const recognize = (h: TestHub, payload: unknown, headers: Record<string, string> = h.kiosk()) =>
  h.app.inject({ method: 'POST', url: '/api/handwriting/recognize', headers, payload: payload as Record<string, unknown> });

describe('handwriting recognition for the kiosk', () => {
  it('reads 护 and 照 from their strokes, best first, and gives the number of candidates asked for', async () => {
    hub = await testHub();
    for (const char of ['护', '照']) {
      const r = await recognize(hub, { strokes: written(char), limit: 5 });
      expect(r.statusCode).toBe(200);
      const { candidates } = r.json<{ candidates: string[] }>();
      expect(candidates).toHaveLength(5);
      expect(candidates[0]).toBe(char);
    }
    // Half a character is a different character: the answer follows the strokes sent.
    const half = await recognize(hub, { strokes: written('护').slice(0, 3), limit: 5 });
    expect(half.json<{ candidates: string[] }>().candidates[0]).not.toBe('护');
  });

  it('reads characters traced as a finger leaves them (a point every few units), not only as corner points', async () => {
    const recognizer = createZinniaRecognizer();
    try {
      // Zinnia cut these dense, gently curved traces into pieces its model never saw and read 佑, 姝 and 飧 first;
      // the recogniser now keeps each stroke's corners (zinnia-ink.ts) before asking.
      for (const char of ['体', '保', '外']) {
        const strokes = characterStrokes(char).map((s) => s.map(([x, y]): [number, number] => [Math.round(x), Math.round(y)]));
        expect((await recognizer.recognize(strokes, 5))[0], char).toBe(char);
      }
    } finally {
      await recognizer.close();
    }
  });

  it('answers only a kiosk with its credential, and refuses strokes off the pad or too many, saying which field', async () => {
    hub = await testHub();
    const strokes = written('一');
    expect((await recognize(hub, { strokes }, {})).statusCode).toBe(401);
    expect((await recognize(hub, { strokes }, { authorization: 'Device kiosk-1:guessed' })).statusCode).toBe(401);
    expect((await recognize(hub, { strokes }, hub.as('staff-S1'))).statusCode).toBe(401);
    const off = await recognize(hub, { strokes: [[[10, 1001]]] });
    expect(off.statusCode).toBe(400);
    expect(off.json()).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('/strokes/0/0/1') });
    expect((await recognize(hub, { strokes: Array.from({ length: 41 }, () => [[1, 1]]) })).statusCode).toBe(400);
    expect((await recognize(hub, { strokes: [] })).statusCode).toBe(400);
    expect((await recognize(hub, { strokes, extra: 1 })).statusCode).toBe(400);
    // The recogniser is still there for the next visitor.
    expect((await recognize(hub, { strokes })).json<{ candidates: string[] }>().candidates[0]).toBe('一');
  });

  it('limits each kiosk to its rate, in Chinese and English, with Retry-After', async () => {
    const hall = smallHall();
    hub = await testHub(smallHall({ server: { ...hall.server, limits: { ...hall.server.limits, handwritingPerKioskPerMinute: 3 } } }));
    const strokes = written('一');
    for (let i = 0; i < 3; i++) expect((await recognize(hub, { strokes })).statusCode).toBe(200);
    const r = await recognize(hub, { strokes });
    expect(r.statusCode).toBe(429);
    expect(r.headers['retry-after']).toBeDefined();
    expect(r.json()).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('手写'), messageEn: expect.stringContaining('handwriting') });
  });

  it('says clearly that handwriting is off when the model is not installed, and the rest of the hub works', async () => {
    hub = await testHub(smallHall(), undefined, { env: { HALL_ZINNIA_MODEL: '/nonexistent/handwriting.model' } });
    const r = await recognize(hub, { strokes: written('一') });
    expect(r.statusCode).toBe(503);
    expect(r.json()).toMatchObject({ code: 'handwriting_unavailable', message: expect.stringContaining('拼音'), messageEn: expect.stringContaining('pinyin') });
    expect((await hub.app.inject({ method: 'GET', url: '/api/catalog/search-index' })).statusCode).toBe(200);
  });

  it('starts the engine again when it stops, and answers requests sent together in their own order', async () => {
    const recognizer = createZinniaRecognizer();
    try {
      const [a, b] = await Promise.all([recognizer.recognize(written('护'), 3), recognizer.recognize(written('照'), 3)]);
      expect([a[0], b[0]]).toEqual(['护', '照']);
      // The engine is one process group (sh, cat, zinnia): stop it as a crash would.
      const pids = readFileSync('/proc/self/task/' + process.pid + '/children', 'utf8').trim().split(/\s+/).map(Number);
      for (const pid of pids) process.kill(-pid, 'SIGKILL');
      await expect(recognizer.recognize(written('照'), 3)).resolves.toContain('照');
    } finally {
      await recognizer.close();
    }
  });
});

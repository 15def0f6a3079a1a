import { startProvinceSimulator, type ProvinceSimulator } from '@hall/province-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { createCreditSubjectHasher } from '../../src/adapters/crypto/credit-subject.js';
import { createHttpsCreditLists } from '../../src/adapters/uplink/https-credit-lists.js';
import { creditStandingOf } from '../../src/domain/rongque/credit-standing.js';

const KEY = Buffer.from('province-shared-key');
const PERSON = '11010519900101123X';
const COMPANY = '91110105MA01ABCD2X';

let sim: ProvinceSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

describe('the province’s credit lists (守信红榜 / 失信黑名单) for 容缺受理', () => {
  it('names a subject by the documented keyed hash (HKDF of the shared key, then HMAC of the normalised number)', () => {
    // Computed independently (Python hmac/hashlib) from the definition in shared/src/rongque.ts.
    const subject = createCreditSubjectHasher(KEY);
    expect(subject(PERSON)).toBe('efrvIitV_yW6aJUaE6jA0n50rci0Bg8Dh1_Mh7xHlMM');
    expect(subject(' 11010519900101123x ')).toBe(subject(PERSON));
    expect(createCreditSubjectHasher(Buffer.from('another-key'))(PERSON)).not.toBe(subject(PERSON));
  });

  it('fetches the signed lists from the simulator, and the hub finds a blacklisted person and a red-listed company', async () => {
    sim = await startProvinceSimulator({ key: KEY });
    sim.putCredit([
      { number: PERSON.toLowerCase(), list: 'black', reason: '失信被执行人：拒不履行生效判决' },
      { number: COMPANY, list: 'red', reason: '纳税信用A级' },
    ]);
    const source = createHttpsCreditLists({ url: sim.url, hallId: 'hall-1', key: KEY, timeoutMs: 5_000 });
    try {
      const r = await source.fetch();
      expect(r.status).toBe('ok');
      if (r.status !== 'ok') return;
      // nothing in the clear crosses the link
      expect(JSON.stringify(r.lists)).not.toContain(PERSON.slice(0, 10));
      const subject = createCreditSubjectHasher(KEY);
      expect(creditStandingOf(r.lists.entries, subject(PERSON), Date.now())).toEqual({ list: 'black', reason: '失信被执行人：拒不履行生效判决' });
      expect(creditStandingOf(r.lists.entries, subject(COMPANY), Date.now())).toEqual({ list: 'red', reason: '纳税信用A级' });
      expect(creditStandingOf(r.lists.entries, subject('110105199202021234'), Date.now()).list).toBe('none');
    } finally {
      source.close();
    }
  });

  it('gets no lists when hall and province keys differ, and the simulator refuses an unsigned request', async () => {
    sim = await startProvinceSimulator({ key: Buffer.from('not-the-hall-key') });
    const source = createHttpsCreditLists({ url: sim.url, hallId: 'hall-1', key: KEY, timeoutMs: 5_000 });
    try {
      expect(await source.fetch()).toEqual({ status: 'error', error: 'HTTP 401' });
    } finally {
      source.close();
    }
    const unsigned = await fetch(`${sim.url}/credit/v1/lists?hallId=hall-1`);
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ error: 'bad signature' });
  });
});

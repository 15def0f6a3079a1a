import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProvinceSimulator, type ProvinceSimulator } from '@hall/province-sim';
import { fakeClock } from '@hall/testkit/engine-fixture';
import { Value } from '@sinclair/typebox/value';
import { afterEach, describe, expect, it } from 'vitest';
import { createCreditSubjectHasher } from '../../src/adapters/crypto/credit-subject.js';
import { createTextSealer } from '../../src/adapters/crypto/text-sealer.js';
import { openDatabase, type Db } from '../../src/adapters/sqlite/database.js';
import { createSqliteOutbox } from '../../src/adapters/sqlite/sqlite-outbox.js';
import { createSqliteRongqueCases } from '../../src/adapters/sqlite/sqlite-rongque-cases.js';
import { createHttpsCreditLists } from '../../src/adapters/uplink/https-credit-lists.js';
import { startRongqueDesk, type RongqueDesk } from '../../src/app/rongque-desk.js';
import { CalendarSchema, type Calendar } from '../../src/domain/hall-vocabulary.js';
import { sampleGuide } from '../print/sample-guide.js';

const KEY = Buffer.from('province-shared-key');
const BLACK = '110105198505054321';
const guide = sampleGuide({ rongqueAllowed: true });
const waivable = guide.materials[0]!.name;
guide.materials[0] = { ...guide.materials[0]!, required: 'rongque' };

let sim: ProvinceSimulator | null = null;
const open: Array<{ desk: RongqueDesk; db: Db }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.desk.close();
    o.db.close();
  }
  await sim?.close();
  sim = null;
});

function deskOn(file: string, url: string): RongqueDesk {
  const db = openDatabase(file);
  const desk = startRongqueDesk({
    store: createSqliteRongqueCases(db, createTextSealer(Buffer.alloc(32, 7))),
    guideOf: (id) => (id === guide.id ? guide : null),
    inHand: () => ({ ticketNo: 'A001', staffNo: 'S1' }),
    credit: createHttpsCreditLists({ url, hallId: 'hall-1', key: KEY, timeoutMs: 2_000 }),
    subjectOf: createCreditSubjectHasher(KEY),
    calendar: Value.Default(CalendarSchema, {}) as Calendar,
    timeZone: 'Asia/Shanghai',
    hall: { id: 'hall-1', name: '测试政务服务中心' },
    outbox: createSqliteOutbox(db),
    upstream: true,
    sms: true,
    encrypt: (p) => p,
    written: () => {},
    newId: () => 'rq-1',
    clock: fakeClock(),
    logger: { info: () => {}, warn: () => {} },
    pollMs: 3_600_000,
  });
  open.push({ desk, db });
  return desk;
}

describe('the credit lists’ last good copy', () => {
  it('lets a restarted hub check applicants while the province is away', async () => {
    sim = await startProvinceSimulator({ key: KEY });
    sim.putCredit([{ number: BLACK, list: 'black', reason: '失信被执行人', listedAt: '2026-01-01T00:00:00+08:00' }]);
    const file = join(mkdtempSync(join(tmpdir(), 'hall-rongque-')), 'hall.db');
    const first = deskOn(file, sim.url);
    await first.refreshCredit();
    expect(first.creditStatus()).toMatchObject({ entries: 1, lastError: null });
    const o = open.splice(0)[0]!;
    o.desk.close();
    o.db.close();

    await sim.goAway();
    const again = deskOn(file, sim.url);
    await again.refreshCredit();
    expect(again.creditStatus().entries).toBe(1);
    expect(again.creditStatus().lastError).not.toBeNull();
    const r = again.accept('1', { ticketNo: 'A001', serviceId: guide.id, applicant: { kind: 'person', idNumber: BLACK, name: '李四' }, missing: [waivable], supplyWorkingDays: 3 });
    expect(r.ok ? null : r.refusal).toMatchObject({ code: 'rongque_blacklisted', details: { reason: '失信被执行人' } });
  }, 30_000);
});

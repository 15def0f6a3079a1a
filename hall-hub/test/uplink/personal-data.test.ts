import { afterEach, describe, expect, it } from 'vitest';
import type { ProvinceSimulator } from '@hall/province-sim';
import { dataFileNames, dataFilesText } from '../support/data-files.js';
import type { TestHub } from '@hall/testkit/hub-fixture';
import { hallWithProvince } from '@hall/testkit/uplink-fixture';

const ID = '11010519900101123X';
const MASKED = '110105********123X';
/** the part of the number the mask hides: found anywhere, the number leaked */
const HIDDEN = '19900101';

let hub: TestHub | null = null;
let sim: ProvinceSimulator | null = null;
afterEach(async () => {
  await hub?.close();
  await sim?.close();
  hub = null;
  sim = null;
});

const issue = (h: TestHub, extra: Record<string, unknown> = {}) => h.app.inject({ method: 'POST', url: '/api/tickets', headers: h.kiosk(), payload: { lineId: 'general', ...extra } });

/**
 * A ticket taken with an ID card while the province is away (so its record rests in the outbox), then one
 * without; the province comes back and receives both. Returns what it holds for the two 'issued' events.
 */
async function ticketWithIdThroughOutage(personalData: 'none' | 'masked' | 'full') {
  ({ hub, sim } = await hallWithProvince({ streams: { queue: { personalData } } }));
  const h = hub;
  const s = sim;
  // Nothing in flight when it goes (a batch cut off mid-answer would rightly come twice: not what this checks).
  await h.uplink.relay!.drained();
  await s.goAway();
  const withId = await issue(h, { idNumber: ID });
  expect(withId.statusCode).toBe(201);
  expect((await issue(h)).statusCode).toBe(201);
  // Resting in the outbox, undelivered: nowhere in the data folder in the clear.
  expect(h.uplink.status().streams.find((x) => x.stream === 'queue')!.backlog).toBe(2);
  expect(dataFileNames(h.dataDir)).toEqual(expect.arrayContaining(['hall.db', 'hall.db-wal']));
  const atRest = dataFilesText(h.dataDir);
  expect(atRest).not.toContain(ID);
  expect(atRest).not.toContain(HIDDEN);

  await s.comeBack();
  await s.waitForHeld(2, 'queue', 30_000);
  await h.uplink.relay!.drained();
  expect(s.stats().duplicates).toBe(0);
  // Delivered, and still nowhere at rest.
  const after = dataFilesText(h.dataDir);
  expect(after).not.toContain(ID);
  expect(after).not.toContain(HIDDEN);
  const [first, second] = s.held('queue');
  expect([first!.type, second!.type]).toEqual(['issued', 'issued']);
  // The encrypted form never leaves the hall either.
  for (const e of [first!, second!]) expect(e.data).not.toHaveProperty('idCipher');
  expect(second!.data).not.toHaveProperty('idNumber');
  return first!.data;
}

describe('ID numbers in the queue stream (uplink.streams.queue.personalData)', () => {
  it("'none' (the default): the province gets no ID number, not even masked", async () => {
    const sent = await ticketWithIdThroughOutage('none');
    expect(sent).not.toHaveProperty('idNumber');
    expect(JSON.stringify(sim!.held())).not.toContain(HIDDEN);
    expect(JSON.stringify(sim!.held())).not.toContain(MASKED);
  }, 60_000);

  it("'masked': the province gets the masked number only", async () => {
    const sent = await ticketWithIdThroughOutage('masked');
    expect(sent.idNumber).toBe(MASKED);
    expect(JSON.stringify(sim!.held())).not.toContain(HIDDEN);
  }, 60_000);

  it("'full': the province gets the full number, decrypted on its way out — the outbox holds it encrypted", async () => {
    const sent = await ticketWithIdThroughOutage('full');
    expect(sent.idNumber).toBe(ID);
  }, 60_000);
});

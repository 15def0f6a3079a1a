import { describe, expect, it } from 'vitest';
import { createHubClock } from '../src/bridge/hub-clock.js';

describe('the bridge’s reading of the hub’s clock', () => {
  it('is unknown before the first answer', () => {
    expect(createHubClock().deadline(1000, 6000)).toBeNull();
  });

  it('maps a bridge instant onto the hub’s clock, less half the round trip (the reading’s uncertainty)', () => {
    const c = createHubClock();
    // asked at 1000, answered at 1010 (bridge clock): the hub said 500_000 somewhere in between
    c.sample(1000, 1010, 500_000);
    // sent at 2000 with a 6 s budget: hub 500_000 + (2000 − 1005) + 6000 − 5
    expect(c.deadline(2000, 6000)).toBe(500_000 + 995 + 6000 - 5);
  });

  it('scales by the hub’s rate: a simulated hall at 20× gets 20× the hall milliseconds for the same real budget', () => {
    const c = createHubClock();
    c.sample(1000, 1010, 500_000, 20);
    expect(c.deadline(1005, 6000)).toBe(500_000 + (6000 - 5) * 20);
  });

  it('ignores an answer whose round trip is too long to say anything', () => {
    const c = createHubClock();
    c.sample(1000, 1010, 500_000);
    c.sample(2000, 9000, 0);
    expect(c.deadline(2000, 0)).toBe(500_000 + 995 - 5);
  });
});

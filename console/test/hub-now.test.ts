import { afterEach, describe, expect, it, vi } from 'vitest';
import { connected, hubNow, hubOffset, linkLostAt } from '../src/store/store.js';

afterEach(() => {
  vi.useRealTimers();
});

describe("the console's clock for the floor's durations", () => {
  it('runs while the live link is up and stops where the link was lost: the floor shown is the floor as it was', () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-23T01:00:00Z') });
    hubOffset.value = 250;
    connected.value = true;
    linkLostAt.value = null;
    const up = hubNow();
    expect(up).toBe(Date.now() + 250);
    vi.advanceTimersByTime(60_000);
    expect(hubNow() - up).toBe(60_000);

    // The link is lost (as the live client records it): five minutes later the durations still read as then.
    connected.value = false;
    linkLostAt.value = Date.now();
    const lost = hubNow();
    vi.advanceTimersByTime(5 * 60_000);
    expect(hubNow()).toBe(lost);

    // Back: they run on from the present.
    connected.value = true;
    linkLostAt.value = null;
    expect(hubNow()).toBe(lost + 5 * 60_000);
  });
});

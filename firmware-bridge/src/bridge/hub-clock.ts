/**
 * The bridge's estimate of the hub's clock, from `clock` requests (PROTOCOL.md §7): the hub answers with its own
 * time (and its rate: a simulated hall's clock runs faster than real time), and the estimate is that time plus
 * half the round trip, good to within half the round trip. Requests are stamped with deadlines on the hub's
 * clock, so the hub never compares two machines' clocks itself.
 */
export interface HubClock {
  /**
   * A `clock` request sent at `sentAt` and answered at `receivedAt` (the bridge's clock) with the hub's `hubNow`;
   * `rate` is hub milliseconds per real millisecond (1 but in a simulated hall).
   */
  sample(sentAt: number, receivedAt: number, hubNow: number, rate?: number): void;
  /**
   * The hub's instant `ms` real milliseconds after `bridgeAt` (the bridge's clock), less the estimate's
   * uncertainty — so the hub's clock has surely not reached it by then; null before the first sample.
   */
  deadline(bridgeAt: number, ms: number): number | null;
}

/** A round trip longer than this says nothing useful about the clock; the sample is dropped. */
const MAX_ROUND_TRIP_MS = 2000;

export function createHubClock(): HubClock {
  let anchor: { bridge: number; hub: number; rate: number; uncertainty: number } | null = null;
  return {
    sample(sentAt, receivedAt, hubNow, rate = 1) {
      const roundTrip = receivedAt - sentAt;
      if (roundTrip < 0 || roundTrip > MAX_ROUND_TRIP_MS || !(rate > 0)) return;
      // the hub read its clock somewhere in the round trip: taken as its middle
      anchor = { bridge: sentAt + roundTrip / 2, hub: hubNow, rate, uncertainty: Math.ceil(roundTrip / 2) };
    },
    deadline(bridgeAt, ms) {
      if (anchor === null) return null;
      return Math.floor(anchor.hub + (bridgeAt - anchor.bridge + ms - anchor.uncertainty) * anchor.rate);
    },
  };
}

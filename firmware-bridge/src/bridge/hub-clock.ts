/**
 * The bridge's estimate of the hub's clock, from `clock` requests (PROTOCOL.md §7): the hub answers with its own
 * time, and the estimate is that time plus half the round trip, good to within half the round trip. Requests are
 * stamped with deadlines on the hub's clock, so the hub never compares two machines' clocks itself.
 */
export interface HubClock {
  /** a `clock` request sent at `sentAt` and answered at `receivedAt` (the bridge's clock) with the hub's `hubNow` */
  sample(sentAt: number, receivedAt: number, hubNow: number): void;
  /**
   * The latest hub instant at which the bridge can be sure the hub's clock has not yet reached `bridgeAt + ms`
   * on the bridge's clock (the estimate less its uncertainty); null before the first sample.
   */
  deadline(bridgeAt: number, ms: number): number | null;
}

/** A round trip longer than this says nothing useful about the clock; the sample is dropped. */
const MAX_ROUND_TRIP_MS = 2000;

export function createHubClock(): HubClock {
  let offset: number | null = null;
  let uncertainty = 0;
  return {
    sample(sentAt, receivedAt, hubNow) {
      const roundTrip = receivedAt - sentAt;
      if (roundTrip < 0 || roundTrip > MAX_ROUND_TRIP_MS) return;
      offset = hubNow + roundTrip / 2 - receivedAt;
      uncertainty = Math.ceil(roundTrip / 2);
    },
    deadline(bridgeAt, ms) {
      return offset === null ? null : Math.floor(bridgeAt + offset + ms - uncertainty);
    },
  };
}

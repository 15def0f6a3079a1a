/**
 * One latency sample observed at many receivers: the time from a publish (performance.now() just before it) to
 * its arrival at each receiver, in the same process. `done` resolves once every receiver has it; a receiver that
 * never gets it shows in `missing`.
 */
export class FanSample {
  readonly arrivals: Float64Array;
  got = 0;
  readonly done: Promise<void>;
  private finish: () => void = () => {};

  constructor(
    readonly t0: number,
    readonly receivers: number,
  ) {
    this.arrivals = new Float64Array(receivers).fill(Number.NaN);
    this.done = new Promise<void>((resolve) => (this.finish = resolve));
  }

  /** set when no arrival can come (the publish was refused): the sample no longer holds anything up */
  cancelled = false;

  cancel(): void {
    this.cancelled = true;
    this.finish();
  }

  arrive(receiver: number, now: number): void {
    if (!Number.isNaN(this.arrivals[receiver]!)) return;
    this.arrivals[receiver] = now - this.t0;
    this.got += 1;
    if (this.got === this.receivers) this.finish();
  }

  get missing(): number {
    return this.receivers - this.got;
  }

  /** the time until the first receiver had it */
  get first(): number {
    let m = Number.POSITIVE_INFINITY;
    for (const a of this.arrivals) if (a < m) m = a;
    return m;
  }

  /** the time until the last receiver had it (Infinity if one never did) */
  get last(): number {
    return this.got === this.receivers ? Math.max(...this.arrivals) : Number.POSITIVE_INFINITY;
  }
}

/** Waits until `performance.now()` reaches `at` (no-op when already past). */
export function until(at: number): Promise<void> {
  const wait = at - performance.now();
  return wait > 0.5 ? new Promise((r) => setTimeout(r, wait)) : Promise.resolve();
}

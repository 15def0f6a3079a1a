import type { Pace, PendingCall, SpeakerState } from './announcement-plan.js';

/** One announcement: the calls it names, the text a person hears, and the clips that say it, at which pace. */
export interface Announcement {
  seqs: number[];
  text: string;
  keys: string[];
  pace: Pace;
}

export interface SpokenEntry {
  seqs: number[];
  text: string;
  /** the pace it was played at: brisk only if the brisk clips were there to say it with */
  pace: Pace;
  /** performance.now() when its chime started, and when its last word ended */
  start: number;
  end: number;
}

/** Plays one announcement to the end; the promise settles, with the pace it was said at, when the speaker is silent again. */
export type Speak = (a: Announcement) => Promise<Pace>;

/**
 * Turns the calls waiting into the next announcement and the calls still waiting after it (announcement-plan);
 * `running` when the speaker has just finished one and goes straight on.
 */
export type PlanNext = (pending: readonly PendingCall[], speaker: SpeakerState) => { announcement: Announcement; rest: PendingCall[] } | null;

/**
 * The calls of one area waiting to be announced, and the one speaker that says them: one announcement at a
 * time, each planned from what is waiting when the last one ended (so a pile-up is merged, not dropped). A
 * call already queued or spoken (the same sequence number, e.g. replayed after a reconnect) is not said twice.
 */
export class VoiceQueue {
  pending: PendingCall[] = [];
  readonly log: SpokenEntry[] = [];
  current: Announcement | null = null;
  private readonly seen = new Set<number>();

  constructor(
    private readonly speak: Speak,
    private readonly now: () => number,
    private readonly plan: PlanNext,
    private readonly onChange: () => void = () => {},
  ) {}

  /** Queues a call, stamped with the time it arrived (how long it waits says whether the area is behind). */
  enqueue(c: Omit<PendingCall, 'queuedAt'>): void {
    if (this.seen.has(c.seq)) return;
    this.seen.add(c.seq);
    this.pending.push({ ...c, queuedAt: this.now() });
    this.onChange();
    if (!this.current) void this.drain();
  }

  private async drain(): Promise<void> {
    for (let next = this.plan(this.pending, { running: false, now: this.now() }); next; next = this.plan(this.pending, { running: true, now: this.now() })) {
      const a = next.announcement;
      this.pending = next.rest;
      this.current = a;
      this.onChange();
      const start = this.now();
      let pace = a.pace;
      try {
        pace = await this.speak(a);
      } catch {
        // A failed playback must not stop the announcements after it.
      }
      this.log.push({ seqs: a.seqs, text: a.text, pace, start, end: this.now() });
      if (this.log.length > 200) this.log.shift();
    }
    this.current = null;
    this.onChange();
  }
}

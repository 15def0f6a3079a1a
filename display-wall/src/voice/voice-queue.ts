/** One announcement: the text a person hears, and the clips that say it. */
export interface Announcement {
  seq: number;
  text: string;
  keys: string[];
}

export interface SpokenEntry {
  seq: number;
  text: string;
  /** performance.now() when its chime started, and when its last word ended */
  start: number;
  end: number;
}

/** Plays one announcement to the end; the promise settles when the speaker is silent again. */
export type Speak = (a: Announcement) => Promise<void>;

/**
 * Announcements for one area: played one at a time, in the order the calls were made, none dropped. A call
 * already queued or spoken (the same sequence number, e.g. replayed after a reconnect) is not said twice.
 */
export class VoiceQueue {
  readonly pending: Announcement[] = [];
  readonly log: SpokenEntry[] = [];
  current: Announcement | null = null;
  private readonly seen = new Set<number>();

  constructor(
    private readonly speak: Speak,
    private readonly now: () => number,
    private readonly onChange: () => void = () => {},
  ) {}

  enqueue(a: Announcement): void {
    if (this.seen.has(a.seq)) return;
    this.seen.add(a.seq);
    this.pending.push(a);
    this.onChange();
    if (!this.current) void this.drain();
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const a = this.pending.shift()!;
      this.current = a;
      this.onChange();
      const start = this.now();
      try {
        await this.speak(a);
      } catch {
        // A failed playback must not stop the announcements after it.
      }
      this.log.push({ seq: a.seq, text: a.text, start, end: this.now() });
      if (this.log.length > 200) this.log.shift();
    }
    this.current = null;
    this.onChange();
  }
}

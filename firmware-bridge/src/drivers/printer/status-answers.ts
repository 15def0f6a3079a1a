import { isStatusByte } from '@hall/shared';

/**
 * The printer's answers to the DLE EOT questions, as they arrive on the device file (other bytes a printer may
 * send are not answers), and a way to wait until enough have come.
 */
export interface StatusAnswers {
  /** the answers since the last clear, in order */
  readonly bytes: readonly number[];
  /** bytes read from the device */
  take(bytes: Uint8Array): void;
  clear(): void;
  /** whether `n` answers came within `ms`; gives up early once `stillThere` says the device is gone or closed */
  waitFor(n: number, ms: number, stillThere: () => boolean): Promise<boolean>;
  /** wakes a wait to look at `stillThere` again (the device failed or is closing) */
  poke(): void;
}

export function createStatusAnswers(): StatusAnswers {
  const answers: number[] = [];
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  return {
    bytes: answers,
    take(bytes) {
      for (const b of bytes) if (isStatusByte(b)) answers.push(b);
      poke();
    },
    clear: () => void (answers.length = 0),
    async waitFor(n, ms, stillThere) {
      const until = Date.now() + ms;
      while (answers.length < n && stillThere()) {
        const left = until - Date.now();
        if (left <= 0) return false;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.min(left, 500));
          wake = () => (clearTimeout(t), resolve());
        });
      }
      return answers.length >= n;
    },
    poke,
  };
}

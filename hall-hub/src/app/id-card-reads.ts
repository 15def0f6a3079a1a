import type { IdentityInput } from '../domain/queue/commands.js';

export interface IdCardRead {
  identity: IdentityInput;
  nameMasked: string;
  at: number;
}

/**
 * The latest card on each ID-card reader, held only in memory, only protected (HMAC, masked, encrypted — never
 * the number itself), for a short while, and taken once: the kiosk beside the reader uses it to issue a ticket
 * (one waiting ticket per ID per line), then it is gone.
 */
export interface IdCardReads {
  put(readerId: string, read: IdCardRead): void;
  take(readerId: string, now: number): IdCardRead | null;
  /** what a reader holds, without taking it (health views and tests) */
  peek(readerId: string): IdCardRead | null;
}

export function createIdCardReads(maxAgeMs = 60_000): IdCardReads {
  const reads = new Map<string, IdCardRead>();
  return {
    put: (readerId, read) => void reads.set(readerId, read),
    take(readerId, now) {
      const r = reads.get(readerId);
      reads.delete(readerId);
      return r && now - r.at <= maxAgeMs ? r : null;
    },
    peek: (readerId) => reads.get(readerId) ?? null,
  };
}

import type { PlayRecord } from '@hall/shared';
import { createPlayLog, type PlayLog, type SendBatch } from './play-log.js';
import type { UnnumberedRecord } from './play-order.js';

/**
 * The page's proof-of-play log and the link that sends it: records are kept in localStorage the moment they are
 * made and sent whenever the hub is connected (net/live.ts sets the sender on connect and clears it on
 * disconnect); what the hub has not acknowledged is sent again on the next connect. A preview (the console's
 * layout editor) reports nothing.
 */
let log: PlayLog | null = null;
let sender: SendBatch | null = null;
let enabled = true;

const theLog = (): PlayLog => (log ??= createPlayLog(localStorage));

export function reportPlay(r: UnnumberedRecord): PlayRecord | null {
  if (!enabled) return null;
  const rec = theLog().record(r);
  if (sender) void theLog().flush(sender);
  return rec;
}

export function setPlaySender(send: SendBatch | null): void {
  sender = send;
  if (send && enabled) void theLog().flush(send);
}

export function disablePlayReports(): void {
  enabled = false;
}

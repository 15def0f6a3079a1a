import { NAMESPACES, PlayReportSchema, type ClientToServerEvents, type PlayAck, type ServerToClientEvents } from '@hall/shared';
import { firstError, checkSchema } from '@hall/shared/parse-json';
import type { Server } from 'socket.io';
import type { ProofOfPlay } from '../../app/proof-of-play.js';
import type { RejectionCounter } from '../http/errors.js';

type DisplayServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { deviceId: string | null }>;

/**
 * Proof of play over the /display namespace: a screen sends what it played in batches (`proof-of-play`) and
 * resends them until acknowledged; the answer carries the highest seq stored for it. A batch that is not a
 * PlayReport, or whose records contradict themselves, is refused whole and counted; nothing of it is stored.
 */
export function attachProofOfPlaySockets(io: DisplayServer, proof: ProofOfPlay, rejections: RejectionCounter, onError: (err: unknown) => void): void {
  const count = (code: string) => rejections.set(code, (rejections.get(code) ?? 0) + 1);
  io.of(NAMESPACES.display).on('connection', (socket) => {
    const id = socket.data.deviceId;
    if (!id) return;
    // Typed as unknown on purpose: whatever a screen sends is checked against the schema before use.
    const on = socket.on.bind(socket) as unknown as (event: string, handler: (...args: unknown[]) => void) => void;
    on('proof-of-play', (...args) => {
      const last = args[args.length - 1];
      const ack = typeof last === 'function' ? (last as (a: PlayAck) => void) : null;
      const report = args[0];
      if (!checkSchema(PlayReportSchema, report)) {
        count('socket_bad_play_report');
        return ack?.({ ok: false, error: { code: 'invalid_event', message: '播放记录数据有误。', messageEn: `Invalid play report: ${firstError(PlayReportSchema, report)}` } });
      }
      try {
        const r = proof.receive(id, report);
        if (!r.ok) {
          count('socket_bad_play_report');
          return ack?.({ ok: false, error: { code: r.refusal.code, message: r.refusal.zh, messageEn: r.refusal.en } });
        }
        ack?.({ ok: true, seq: r.seq, stored: r.stored });
      } catch (err) {
        // The disk refused (full, locked): the screen keeps its records and sends them again.
        onError(err);
        ack?.({ ok: false, error: { code: 'unavailable', message: '播放记录暂时无法保存，请稍后重发。', messageEn: 'Play records cannot be stored right now; send them again later.' } });
      }
    });
  });
}

/** An outbox row as the relay reads it: the payload is already JSON text and is never parsed again. */
export interface OutboxRow {
  id: number;
  key: string;
  type: string;
  at: number;
  payload: string;
}

/**
 * The body of one uplink request. Built by concatenation: the rows' payloads are JSON written when the event
 * was committed, so a 500-event batch costs no parse and no re-serialisation. `seq` is the outbox position,
 * increasing within a stream: the province can check the order, and ignore keys it already holds.
 */
export function encodeBatch(hallId: string, stream: string, sentAt: string, rows: readonly OutboxRow[]): string {
  const parts: string[] = [];
  for (const r of rows) {
    parts.push(`{"key":${JSON.stringify(r.key)},"seq":${r.id},"type":${JSON.stringify(r.type)},"at":${r.at},"data":${r.payload}}`);
  }
  return `{"hallId":${JSON.stringify(hallId)},"stream":${JSON.stringify(stream)},"sentAt":${JSON.stringify(sentAt)},"events":[${parts.join(',')}]}`;
}

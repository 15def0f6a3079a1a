import type { OutboxRow } from '../domain/uplink/batch.js';
import type { Outbox } from '../ports/uplink.js';

/**
 * The outbox as the relay sees it: what is personal is decrypted only here, on the way to the province (the
 * signed request over TLS) — at rest, in the outbox row, it stays encrypted. A notice's recipients
 * (`toCipher` → `to`); a queue record's full ID number, for a province that requires it (`idCipher` →
 * `idNumber`, which holds the masked number until then, and keeps it if the cipher cannot be read).
 */
export function revealingOutbox(outbox: Outbox, reveal: (cipher: string) => string | null): Outbox {
  return {
    ...outbox,
    peek(stream, limit) {
      const rows = outbox.peek(stream, limit);
      if (stream === 'notices') return rows.map(revealRecipients);
      if (stream === 'queue') return rows.map(revealIdNumber);
      return rows;
    },
  };

  function revealRecipients(r: OutboxRow): OutboxRow {
    const { toCipher, ...rest } = JSON.parse(r.payload) as Record<string, unknown> & { toCipher?: unknown };
    const to = Array.isArray(toCipher) ? toCipher.map((c) => (typeof c === 'string' ? reveal(c) : null)).filter((p): p is string => p !== null) : [];
    return { ...r, payload: JSON.stringify({ ...rest, to }) };
  }

  function revealIdNumber(r: OutboxRow): OutboxRow {
    if (!r.payload.includes('"idCipher"')) return r;
    const { idCipher, ...rest } = JSON.parse(r.payload) as Record<string, unknown> & { idCipher?: unknown };
    const full = typeof idCipher === 'string' ? reveal(idCipher) : null;
    return { ...r, payload: JSON.stringify(full === null ? rest : { ...rest, idNumber: full }) };
  }
}

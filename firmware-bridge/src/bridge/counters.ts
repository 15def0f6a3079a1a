/** Faults and notable events, counted by name; the bridge logs them and tests read them. */
export type CounterName =
  | 'unknown_address'
  | 'bad_frame_payload'
  | 'invalid_request'
  | 'retransmit'
  | 'hub_offline'
  | 'hub_timeout'
  | 'late_response'
  | 'bad_response'
  | 'bad_command'
  | 'unsupported_command'
  | 'device_refused'
  | 'ack_timeout'
  | 'id_card_refused'
  | 'handler_error'
  | 'late_applied'
  | 'device_not_registered'
  | 'wrong_kind'
  | 'device_busy'
  | 'busy_given_up'
  | 'converged'
  | 'clock_resync';

export type Counters = Partial<Record<CounterName, number>>;

export function createCounters() {
  const values: Counters = {};
  const listeners = new Set<(name: CounterName) => void>();
  return {
    values,
    add(name: CounterName, n = 1) {
      values[name] = (values[name] ?? 0) + n;
      for (const l of listeners) l(name);
    },
    /** called on every count (tests await a fault instead of sleeping) */
    onCount(listener: (name: CounterName) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

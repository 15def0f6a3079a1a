/**
 * The faults of a soak, each at a scripted moment of the arrival window (a share of it, so a short slice gets
 * every fault too), with how long the ones that last are kept up in hall minutes.
 */
export type FaultKind =
  | 'bridge-kill'
  | 'display-network-drop'
  | 'broker-kill'
  | 'hub-kill'
  | 'province-away'
  | 'printer-paper-out'
  | 'hub-kill-mid-write';

export interface PlannedFault {
  kind: FaultKind;
  /** local minutes after midnight */
  atMinute: number;
  /** hall minutes the condition lasts (display offline, province away, paper out); 0 for a kill */
  lastsMinutes: number;
  what: string;
}

const SCRIPT: ReadonlyArray<{ kind: FaultKind; share: number; lastsMinutes: number; what: string }> = [
  { kind: 'bridge-kill', share: 0.12, lastsMinutes: 0, what: 'kill -9 of the firmware bridge process, restarted' },
  { kind: 'display-network-drop', share: 0.18, lastsMinutes: 4, what: 'the hall wall’s network drops, then comes back' },
  { kind: 'broker-kill', share: 0.24, lastsMinutes: 0, what: 'kill -9 of the MQTT broker (mosquitto), restarted' },
  { kind: 'hub-kill', share: 0.3, lastsMinutes: 0, what: 'kill -9 of the hub, restarted' },
  { kind: 'province-away', share: 0.36, lastsMinutes: 60, what: 'the provincial platform unreachable for an hour' },
  { kind: 'printer-paper-out', share: 0.48, lastsMinutes: 10, what: 'a kiosk printer reports paper out, then is refilled' },
  { kind: 'hub-kill-mid-write', share: 0.6, lastsMinutes: 0, what: 'kill -9 of the hub while ticket requests are in flight; clients retry with their request ids' },
];

export function planFaults(fromMinute: number, toMinute: number): PlannedFault[] {
  const span = toMinute - fromMinute;
  return SCRIPT.map((s) => ({ kind: s.kind, atMinute: fromMinute + s.share * span, lastsMinutes: s.lastsMinutes, what: s.what }));
}

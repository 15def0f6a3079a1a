import type { HallConfig } from '../config/hall-config-schema.js';
import { mapEvaluation, type EvaluationFacts } from '../domain/uplink/evaluation-mapping.js';
import type { ProvinceProfile } from '../domain/uplink/province-profiles.js';
import { attendanceRecord, deviceHealthRecord, queueRecord, type PersonalData } from '../domain/uplink/streams.js';
import type { EvaluationRecord } from '../ports/evaluation-store.js';
import type { PresenceLog } from '../ports/presence-log.js';
import type { Outbox } from '../ports/uplink.js';
import type { QueueEngine } from './queue-engine.js';

export interface UplinkProjectorDeps {
  config: HallConfig;
  engine: QueueEngine;
  outbox: Outbox;
  profile: ProvinceProfile;
  /** called after an outbox write commits, to wake the relay */
  written: () => void;
}

/**
 * Writes the outbox: queue and attendance records from inside the queue's own transactions (an event and the
 * row that carries it upstream commit together), evaluations from inside the evaluation's transaction, device
 * health together with the presence history row.
 */
export function createUplinkProjector(deps: UplinkProjectorDeps) {
  const { config, engine, outbox } = deps;
  const hallId = config.hall.id;
  const streams = config.uplink.streams;
  const personalData: PersonalData = streams.queue.personalData;
  const lines = new Map(config.lines.map((l) => [l.id, l]));
  const windows = new Map(config.windows.map((w) => [w.no, w]));
  const reasonCodes = new Map(config.evaluation.badReasons.map((r) => [r.code, r.provinceCode ?? r.code]));
  // Who sat at each window before an event (a close or pause names the staff member who left).
  const staffAt = new Map<string, string | null>([...engine.state.windows.values()].map((w) => [w.no, w.staffNo]));

  engine.project(({ seq, event: e }, state) => {
    const ticketId = e.type === 'TicketIssued' ? e.ticket.id : 'ticketId' in e ? e.ticketId : null;
    if (streams.queue.enabled && ticketId !== null) {
      const t = state.tickets.get(ticketId);
      const staffNo = 'windowNo' in e ? (state.windows.get(e.windowNo)?.staffNo ?? null) : null;
      const r = queueRecord(seq, e, t, staffNo, { hallId, personalData });
      if (r) outbox.append(r);
    }
    if (e.type === 'WindowOpened' || e.type === 'WindowClosed' || e.type === 'WindowPaused' || e.type === 'WindowResumed') {
      const before = staffAt.get(e.windowNo) ?? null;
      if (streams.attendance.enabled) {
        const r = attendanceRecord(seq, e, before, hallId);
        if (r) outbox.append(r);
      }
      staffAt.set(e.windowNo, state.windows.get(e.windowNo)?.staffNo ?? null);
    }
  });
  const unsubscribe = engine.onCommit(() => deps.written());

  /** The province's view of one evaluation: task codes from the line, department from the window. */
  function facts(e: EvaluationRecord): EvaluationFacts {
    const line = lines.get(e.lineId);
    const only = line?.serves.taskCodes.length === 1 ? line.serves.taskCodes[0]! : null;
    const [taskCode, taskHandleItem] = only ? only.split(':') : [null, null];
    return {
      hallId,
      areaCode: config.uplink.areaCode ?? null,
      day: e.day,
      ticketNumber: e.ticketNumber,
      taskCode: taskCode ?? null,
      taskHandleItem: taskHandleItem ?? null,
      taskName: line?.name ?? null,
      deptCode: e.dept ?? windows.get(e.windowNo)?.dept ?? line?.serves.deptCodes[0] ?? null,
      level: e.level,
      channel: e.channel,
      reasons: e.reasons.map((r) => reasonCodes.get(r) ?? r),
      comment: e.comment,
      ratedAt: e.ratedAt,
      windowNo: e.windowNo,
      staffNo: e.staffNo,
      assessNumber: 1,
    };
  }

  return {
    /** for EvaluationService.onRecorded: inside the evaluation's transaction */
    evaluationRecorded(e: EvaluationRecord): void {
      if (!streams.evaluation.enabled) return;
      outbox.append({
        stream: 'evaluation',
        key: `${hallId}:evaluation:${e.day}:${e.ticketNumber}:1`,
        type: 'evaluation',
        at: e.ratedAt,
        data: mapEvaluation(facts(e), deps.profile, config.hall.timeZone),
      });
      // Ratings through the queue wake the relay on commit; others (an earlier day's ticket) right after.
      setImmediate(deps.written);
    },
    /** The presence history with a device-health record committed beside each row. */
    presenceLog(inner: PresenceLog): PresenceLog {
      if (!streams.deviceHealth.enabled) return inner;
      const devices = new Map(config.devices.map((d) => [d.id, d]));
      return {
        record(id, online, at, via) {
          const d = devices.get(id);
          outbox.transaction(() => {
            inner.record(id, online, at, via);
            outbox.append(deviceHealthRecord(hallId, { id, type: d?.type ?? 'bridge', windowNo: d?.window ?? null }, online, at, via));
          });
          deps.written();
        },
        history: (id, limit) => inner.history(id, limit),
      };
    },
    close: unsubscribe,
  };
}

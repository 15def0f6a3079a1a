import type { Warning, WarningGroup, WarningGroupAction, WarningGroupActionBody, WarningGroupsView } from '@hall/shared';
import { groupStatus, groupWarnings, keysFor, stepRedEpisodes, type RedEpisode, type WarningGroupFacts } from '../domain/queue/warning-groups.js';
import { servedLines } from '../domain/queue/window-lines.js';
import { redGroupNotice } from '../domain/uplink/warning-group-notice.js';
import { hallTime } from '../domain/time/hall-time.js';
import type { Clock } from '../ports/clock.js';
import type { Outbox } from '../ports/uplink.js';
import type { WarningActionRow, WarningDeskStore } from '../ports/warning-desk-store.js';
import type { QueueEngine } from './queue-engine.js';
import { deny, type RequestRefusal } from './request-refusals.js';

export interface WarningDeskDeps {
  engine: QueueEngine;
  store: WarningDeskStore;
  /** every warning right now: the queue's and the printers' */
  warnings: (now: number) => Warning[];
  hall: { id: string; name: string; timeZone: string };
  lineName: (lineId: string) => { zh: string; en: string };
  staffName: (staffNo: string) => string | null;
  /** 值班主任, the phone encrypted with the hall key */
  dutyManager: { name: string; phoneCipher: string; phoneMasked: string } | null;
  /** the SMS goes here; null when the uplink or its notices are off */
  outbox: Outbox | null;
  written: () => void;
  clock: Clock;
  /** how long a group stays out of red before its red episode is over */
  calmMs: number;
  /** how often groups that turn red by time alone are looked for */
  checkMs: number;
}

export interface Actor {
  username: string;
  role: string;
  staffNo: string | null;
}

export interface WarningDesk {
  view(): WarningGroupsView;
  /** the groups of the windows a staff member is posted at and of the lines those windows serve */
  mine(staffNo: string | null): WarningGroupsView;
  act(key: string, body: WarningGroupActionBody, by: Actor): { ok: true; action: WarningGroupAction } | { ok: false; refusal: RequestRefusal };
  /** looks for groups turning red (the timer does this; a view does it too) */
  check(): void;
  close(): void;
}

const toAction = (r: WarningActionRow): WarningGroupAction => ({
  id: r.id,
  groupKey: r.groupKey,
  action: r.action,
  assignee: r.assignee,
  assigneeStaffNo: r.assigneeStaffNo,
  note: r.note,
  by: r.by,
  role: r.role,
  at: new Date(r.at).toISOString(),
});

/**
 * 红黄灯 as a workflow: the warnings grouped per line and per window, what was done about each group (recorded
 * durably, 全程留痕), and the duty manager's SMS when a group turns red — once per red episode, in the same
 * transaction that records the episode, so neither a refresh nor a restart sends it twice.
 */
export function createWarningDesk(deps: WarningDeskDeps): WarningDesk {
  const { engine, store, clock } = deps;
  const day = (now: number) => hallTime(now, deps.hall.timeZone).day;
  let episodes: RedEpisode[] = store.openEpisodes();

  function where(g: WarningGroupFacts): { zh: string; en: string } {
    if (g.scope === 'window') return { zh: `${g.windowNo}号窗口`, en: `window ${g.windowNo}` };
    if (g.scope === 'printer') return { zh: `打印机 ${g.key.slice(8)}`, en: `printer ${g.key.slice(8)}` };
    return deps.lineName(g.lineId ?? '');
  }

  function notice(g: WarningGroupFacts, startedAt: number, to: string, now: number) {
    const w = where(g);
    return redGroupNotice(
      { hallId: deps.hall.id, hallName: deps.hall.name, toCipher: [to], at: now },
      { day: day(now), key: g.key, zh: w.zh, en: w.en, count: g.count, longestMinutes: g.longestMinutes, startedAt },
    );
  }

  function look(now: number): WarningGroupFacts[] {
    const groups = groupWarnings(deps.warnings(now));
    const red = new Set(groups.filter((g) => g.level === 'red').map((g) => g.key));
    const step = stepRedEpisodes(episodes, red, now, deps.calmMs);
    const changed = step.started.length > 0 || step.ended.length > 0 || step.open.some((e, i) => e !== episodes[i]);
    if (!changed) return groups;
    const sms = deps.outbox && deps.dutyManager ? { outbox: deps.outbox, to: deps.dutyManager.phoneCipher } : null;
    store.transaction(() => {
      store.saveEpisodes(step, now);
      if (sms) for (const e of step.started) sms.outbox.append(notice(groups.find((x) => x.key === e.key)!, e.startedAt, sms.to, now));
    });
    episodes = step.open;
    if (sms && step.started.length > 0) deps.written();
    return groups;
  }

  function present(groups: WarningGroupFacts[], now: number): WarningGroupsView {
    const actions = store.actionsOf(day(now));
    const redSince = new Map(episodes.filter((e) => e.calmSince === null).map((e) => [e.key, e.startedAt]));
    const out: WarningGroup[] = groups.map((g) => {
      const mine = actions.filter((a) => a.groupKey === g.key);
      const since = g.level === 'red' ? (redSince.get(g.key) ?? null) : null;
      const status = groupStatus(mine, since);
      return {
        ...g,
        redSince: since === null ? null : new Date(since).toISOString(),
        ...status,
        actions: mine.map(toAction),
      };
    });
    const dm = deps.dutyManager;
    return { groups: out, dutyManager: dm ? { name: dm.name, phoneMasked: dm.phoneMasked } : null };
  }

  function keysOf(staffNo: string | null): Set<string> {
    if (staffNo === null) return new Set();
    const state = engine.state;
    const windows = [...state.windows.values()].filter((w) => w.staffNo === staffNo).map((w) => w.no);
    const lines = windows.flatMap((no) => servedLines(state, engine.rules, no).map((l) => l.line));
    return keysFor(windows, lines);
  }

  function assigneeOf(body: WarningGroupActionBody): { ok: true; label: string | null; staffNo: string | null } | { ok: false; refusal: RequestRefusal } {
    if (body.action !== 'assign') return body.assignee ? { ok: false, refusal: deny('assignee_only_for_assign') } : { ok: true, label: null, staffNo: null };
    const a = body.assignee;
    if (!a) return { ok: false, refusal: deny('assignee_required') };
    if (a.kind === 'duty-manager') {
      if (!deps.dutyManager) return { ok: false, refusal: deny('no_duty_manager') };
      return { ok: true, label: `值班主任 ${deps.dutyManager.name}`, staffNo: null };
    }
    const name = deps.staffName(a.staffNo);
    if (name === null) return { ok: false, refusal: deny('unknown_assignee') };
    return { ok: true, label: `${a.staffNo} ${name}`, staffNo: a.staffNo };
  }

  const timer = setInterval(() => look(clock.now()), deps.checkMs);
  timer.unref();

  return {
    view() {
      const now = clock.now();
      return present(look(now), now);
    },
    mine(staffNo) {
      const now = clock.now();
      const keys = keysOf(staffNo);
      return present(look(now).filter((g) => keys.has(g.key)), now);
    },
    act(key, body, by) {
      if (by.role === 'staff') {
        if (body.action !== 'acknowledge') return { ok: false, refusal: deny('staff_acknowledge_only') };
        if (!keysOf(by.staffNo).has(key)) return { ok: false, refusal: deny('not_your_warning') };
      }
      const who = assigneeOf(body);
      if (!who.ok) return who;
      const now = clock.now();
      if (!look(now).some((g) => g.key === key)) return { ok: false, refusal: deny('warning_group_gone') };
      const row = store.record({ day: day(now), groupKey: key, action: body.action, assignee: who.label, assigneeStaffNo: who.staffNo, note: body.note ?? null, by: by.username, role: by.role, at: now });
      return { ok: true, action: toAction(row) };
    },
    check: () => void look(clock.now()),
    close: () => clearInterval(timer),
  };
}

// The queue without its engine: decide and evolve on a state in memory, with a clock the test moves. For tests
// of the domain's own rules, where a database would only make each mutant's run slower (docs/mutation.md).

import type { QueueCommand } from '../../src/domain/queue/commands.js';
import { decide, type Decision } from '../../src/domain/queue/decide.js';
import { evolve } from '../../src/domain/queue/evolve.js';
import { queueRulesFrom } from '../../src/domain/queue/rules.js';
import { emptyQueueState } from '../../src/domain/queue/state.js';
import { MONDAY_0900, smallHall } from '@hall/testkit/hall-fixture';

export function queueInMemory(overrides: Parameters<typeof smallHall>[0] = {}) {
  const rules = queueRulesFrom(smallHall(overrides));
  const state = emptyQueueState();
  let now = MONDAY_0900;
  let n = 0;
  const run = (cmd: QueueCommand): Decision => {
    const d = decide(state, cmd, { now, rules, newId: `t${++n}` });
    if (d.ok) for (const e of d.events) evolve(state, e);
    return d;
  };
  const ok = (cmd: QueueCommand) => {
    const d = run(cmd);
    if (!d.ok) throw new Error(`refused: ${d.refusal.code}`);
    return d;
  };
  const no = (cmd: QueueCommand) => {
    const d = run(cmd);
    if (d.ok) throw new Error(`accepted ${JSON.stringify(d.events)}`);
    return { code: d.refusal.code, details: d.refusal.details };
  };
  /** what a decision did: its events' types, or the refusal's code */
  const types = (d: Decision) => (d.ok ? d.events.map((e) => e.type) : d.refusal.code);
  const issue = (extra: Partial<Extract<QueueCommand, { type: 'IssueTicket' }>> = {}) =>
    ok({ type: 'IssueTicket', lineId: 'general', channel: 'kiosk', ...extra }).ticketId!;
  ok({ type: 'StartDay' });
  return {
    state,
    rules,
    run,
    ok,
    no,
    issue,
    types,
    advance: (ms: number) => void (now += ms),
    get now() {
      return now;
    },
  };
}

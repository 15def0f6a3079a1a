import type { ErrorBody, WarningAssignee, WarningGroup, WarningGroupAction } from '@hall/shared';
import { useState } from 'preact/hooks';
import { actOnGroup } from '../net/warning-groups.js';
import { floor, hallClock, lang, setup } from '../store/store.js';
import { levelText, warningText } from './format.js';
import { ActionError } from './refusal.js';

/** This component's words, Chinese first (kept here rather than in the shared catalog: they belong to the row). */
const WORDS = {
  count: ['条预警', 'warnings'],
  longest: ['最长', 'longest'],
  minutes: ['分钟', 'min'],
  acknowledged: ['已确认', 'acknowledged'],
  escalated: ['已上报值班主任', 'escalated to the duty manager'],
  assignedTo: ['已指派：', 'assigned to '],
  acknowledge: ['确认', 'Acknowledge'],
  assign: ['指派', 'Assign'],
  escalate: ['上报值班主任', 'Escalate to duty manager'],
  assignTo: ['指派给', 'Assign to'],
  dutyManager: ['值班主任', 'duty manager'],
  history: ['处理记录（全程留痕）', 'What was done (kept on record)'],
  window: ['号窗口', 'window '],
} as const;
type Word = keyof typeof WORDS;
const w = (k: Word): string => WORDS[k][lang.value === 'zh' ? 0 : 1];

const ACTION_WORD: Record<WarningGroupAction['action'], Word> = { acknowledge: 'acknowledged', assign: 'assign', escalate: 'escalated' };

export function groupPlace(g: WarningGroup): string {
  if (g.scope === 'window') {
    const name = setup.value?.windows.find((x) => x.no === g.windowNo)?.name;
    return lang.value === 'zh' ? `${g.windowNo}${w('window')}${name ? ` ${name}` : ''}` : `${w('window')}${g.windowNo}${name ? ` ${name}` : ''}`;
  }
  if (g.scope === 'printer') return g.key.slice('printer:'.length);
  return floor.value.lines.find((l) => l.id === g.lineId)?.name ?? g.lineId ?? '';
}

function History({ actions }: { actions: WarningGroupAction[] }) {
  if (actions.length === 0) return null;
  return (
    <div class="group-history">
      <h4>{w('history')}</h4>
      <ol>
        {actions.map((a) => (
          <li key={a.id} data-action={a.action}>
            {hallClock(Date.parse(a.at))} {a.by} {w(ACTION_WORD[a.action])}
            {a.assignee ? ` → ${a.assignee}` : ''}
            {a.note ? `（${a.note}）` : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * One warning group: its worst light, where, how many, the longest wait or service, what was done about it, and
 * the actions this account may take. Expanding it lists the tickets' warnings and the record of actions.
 */
export function WarningGroupRow({ g, canManage, mine = false }: { g: WarningGroup; canManage: boolean; mine?: boolean }) {
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [assignee, setAssignee] = useState('duty-manager');
  const windowName = (no: string) => setup.value?.windows.find((x) => x.no === no)?.name ?? no;
  const lineName = (id: string) => floor.value.lines.find((l) => l.id === id)?.name ?? id;

  async function act(action: 'acknowledge' | 'assign' | 'escalate'): Promise<void> {
    setBusy(true);
    const to: WarningAssignee = assignee === 'duty-manager' ? { kind: 'duty-manager' } : { kind: 'staff', staffNo: assignee };
    const r = await actOnGroup(g.key, action === 'assign' ? { action, assignee: to } : { action }, mine);
    setError(r.ok ? null : r.error);
    setBusy(false);
  }

  const place = groupPlace(g);
  return (
    <li class={`warning-group ${g.level}`} data-group={g.key} data-level={g.level} data-acknowledged={String(g.acknowledged)}>
      <details>
        <summary>
          <span class="level">{levelText(g.level)}</span> <b class="place">{place}</b>{' '}
          <span class="group-count">
            {g.count} {w('count')}
          </span>{' '}
          · {w('longest')} {g.longestMinutes} {w('minutes')}
          {g.acknowledged && <span class="badge">√ {w('acknowledged')}</span>}
          {g.assignee && (
            <span class="badge">
              {w('assignedTo')}
              {g.assignee}
            </span>
          )}
          {g.escalated && <span class="badge">↑ {w('escalated')}</span>}
        </summary>
        <ul>
          {g.warnings.map((x, i) => (
            <li key={i} class={`warning ${x.level}`}>
              <span class="level">{levelText(x.level)}</span> {warningText(x, windowName, lineName)}
            </li>
          ))}
        </ul>
        <History actions={g.actions} />
      </details>
      <div class="group-buttons">
        {!g.acknowledged && (
          <button type="button" disabled={busy} onClick={() => void act('acknowledge')} aria-label={`${w('acknowledge')} ${place}`}>
            {w('acknowledge')}
          </button>
        )}
        {canManage && (
          <>
            <label>
              {w('assignTo')}{' '}
              <select value={assignee} onChange={(e) => setAssignee((e.target as HTMLSelectElement).value)} aria-label={`${w('assignTo')} ${place}`}>
                <option value="duty-manager">{w('dutyManager')}</option>
                {(setup.value?.staff ?? []).map((s) => (
                  <option key={s.no} value={s.no}>
                    {s.no} {s.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" disabled={busy} onClick={() => void act('assign')} aria-label={`${w('assign')} ${place}`}>
              {w('assign')}
            </button>
            {!g.escalated && (
              <button type="button" disabled={busy} onClick={() => void act('escalate')} aria-label={`${w('escalate')} ${place}`}>
                {w('escalate')}
              </button>
            )}
          </>
        )}
      </div>
      <ActionError error={error} />
    </li>
  );
}

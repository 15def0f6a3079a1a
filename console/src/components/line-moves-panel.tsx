import type { ErrorBody, LineMove, ServedLine } from '@hall/shared';
import { useState } from 'preact/hooks';
import { assignLines } from '../net/window-actions.js';
import { refreshWarnings } from '../net/floor-data.js';
import { floor, isManager, lineMoves, setup, t } from '../store/store.js';
import { ActionError } from './refusal.js';
import { minutesText } from './format.js';

const ORDERS = [1, 2, 3];

/** A window's lines as the editor holds them: line id → order, absent when not served. */
function linesOfWindow(no: string): Map<string, number> {
  const w = floor.value.windows.find((x) => x.no === no);
  // The window view lists its lines lowest order first; the editor starts from their positions.
  return new Map((w?.lines ?? []).map((id, i) => [id, Math.min(i + 1, ORDERS.length)]));
}

function AssignForm({ onError }: { onError: (e: ErrorBody | null) => void }) {
  const windows = setup.value?.windows ?? [];
  const [no, setNo] = useState(windows[0]?.no ?? '');
  const [draft, setDraft] = useState<Map<string, number> | null>(null);
  const [saved, setSaved] = useState(false);
  const current = draft ?? linesOfWindow(no);
  const setOrder = (line: string, order: number) => {
    const next = new Map(current);
    if (order === 0) next.delete(line);
    else next.set(line, order);
    setDraft(next);
    setSaved(false);
  };
  async function save(e: Event) {
    e.preventDefault();
    const lines: ServedLine[] = [...current].map(([line, order]) => ({ line, order }));
    const r = await assignLines(no, lines);
    onError(r.ok ? null : r.error);
    if (r.ok) {
      setDraft(null);
      setSaved(true);
      void refreshWarnings();
    }
  }
  return (
    <form class="assign-lines" onSubmit={save} aria-labelledby="assign-title">
      <h3 id="assign-title">{t('assignTitle')}</h3>
      <label class="inline">
        {t('assignWindow')}{' '}
        <select value={no} onChange={(e) => (setNo(e.currentTarget.value), setDraft(null), setSaved(false))}>
          {windows.map((w) => (
            <option key={w.no} value={w.no}>
              {w.no} {w.name}
            </option>
          ))}
        </select>
      </label>
      <ul class="plain">
        {floor.value.lines.map((l) => (
          <li key={l.id}>
            <label class="inline">
              {l.name} · {t('lineOrder')}{' '}
              <select data-assign-line={l.id} value={`${current.get(l.id) ?? 0}`} onChange={(e) => setOrder(l.id, Number(e.currentTarget.value))}>
                <option value="0">{t('notServed')}</option>
                {ORDERS.map((o) => (
                  <option key={o} value={`${o}`}>
                    {o}
                  </option>
                ))}
              </select>
            </label>
          </li>
        ))}
      </ul>
      <button type="submit">{t('saveLines')}</button>
      {saved && <p role="status">{t('linesSaved')}</p>}
    </form>
  );
}

/**
 * 弹性窗口: while a line is red, the idle windows whose department or staff skills allow it, one tap to move;
 * and a form to set any window's lines and their order. Both take effect at the window's next call.
 */
export function LineMovesPanel() {
  const [error, setError] = useState<ErrorBody | null>(null);
  const moves = lineMoves.value;
  async function apply(m: LineMove) {
    const r = await assignLines(m.windowNo, m.lines);
    setError(r.ok ? null : r.error);
    if (r.ok) void refreshWarnings();
  }
  return (
    <section class="card line-moves" aria-labelledby="line-moves-title">
      <h2 id="line-moves-title">{t('lineMovesTitle')}</h2>
      {moves.length > 0 && (
        <>
          <p>{t('lineMovesHint')}</p>
          <ul class="plain">
            {moves.map((m) => (
              <li key={`${m.lineId}|${m.windowNo}`} class="line-move" data-move={`${m.windowNo}:${m.lineId}`}>
                <span class="flag red">■</span> {m.lineName} ← {m.windowNo} {m.windowName}
                {m.staffName && ` ${m.staffName}`} <small>
                  （{t(m.because === 'skill' ? 'becauseSkill' : 'becauseDepartment')}，{t('idleFor')} {minutesText(m.idleMinutes)}）
                </small>{' '}
                {isManager.value && (
                  <button type="button" onClick={() => void apply(m)}>
                    {t('applyMove')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <ActionError error={error} />
      {isManager.value && <AssignForm onError={setError} />}
    </section>
  );
}

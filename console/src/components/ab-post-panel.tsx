import type { WindowView } from '@hall/shared';
import { useState } from 'preact/hooks';
import type { MessageKey } from '../i18n/messages.js';
import type { WindowAction } from '../net/window-actions.js';
import { isManager, session, setup, t } from '../store/store.js';

/**
 * AB岗 at an open window: the B post takes over from the A post on duty (with the A post's absence reason) and
 * becomes the person on duty — screen, ratings and reports follow; whoever covers, or the A post, hands it back.
 */
export function AbPostPanel({ w, busy, act }: { w: WindowView; busy: boolean; act: (a: WindowAction, label: MessageKey, body?: Record<string, unknown>) => void }) {
  const me = session.value?.staffNo ?? null;
  const reasons = setup.value?.pauseReasons ?? [];
  const [reason, setReason] = useState(reasons[0] ?? '');
  if (w.status === 'closed') return null;
  const bOfOnDuty = setup.value?.windows.find((x) => x.no === w.no)?.bPost.some((p) => p.no === me) ?? false;
  const mayTakeOver = me !== null && w.staffNo !== me && w.coveringFor === null && bOfOnDuty;
  const mayHandBack = w.coveringFor !== null && (isManager.value || me === w.staffNo || me === w.coveringFor);
  if (!mayTakeOver && !mayHandBack) return null;
  return (
    <div class="row ab-post">
      {mayTakeOver && (
        <>
          <label class="inline">
            {t('absenceReason')}{' '}
            <select value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
              {reasons.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <button type="button" class="btn primary" disabled={busy} onClick={() => act('open', 'takeOver', reason ? { absenceReason: reason } : {})}>
            {t('takeOver')}
          </button>
        </>
      )}
      {mayHandBack && (
        <button type="button" class="btn" disabled={busy} onClick={() => act('hand-back', 'handBack')}>
          {t('handBack')}
        </button>
      )}
    </div>
  );
}

import { warningGroupKey } from '@hall/shared';
import { chimes, connected, floor, isManager, linkLostAt, setup, t, warningChecks, warnings } from '../store/store.js';
import { warningGroups } from '../store/warning-groups.js';
import { levelText, warningText } from './format.js';
import { WarningGroupRow } from './warning-group-row.js';

/**
 * 红黄灯: one row per line and per window (red first), each expanding to its tickets and its record of actions;
 * level in words and a symbol, the chime count for assistive tech (and tests). Warnings no group holds (a hall
 * set-up problem) are listed on their own.
 */
export function WarningsPanel() {
  const windowName = (no: string) => setup.value?.windows.find((w) => w.no === no)?.name ?? `${no}`;
  const lineName = (id: string) => floor.value.lines.find((l) => l.id === id)?.name ?? id;
  const list = warnings.value;
  const groups = warningGroups.value?.groups ?? [];
  const grouped = new Set(groups.map((g) => g.key));
  const loose = list.filter((w) => !grouped.has(warningGroupKey(w)));
  return (
    <section class="card warnings" aria-labelledby="warnings-title" data-chimes={chimes.value} data-checks={warningChecks.value}>
      <h2 id="warnings-title">
        {t('warnings')} <span class="count red">■ {list.filter((w) => w.level === 'red').length}</span>{' '}
        <span class="count yellow">▲ {list.filter((w) => w.level === 'yellow').length}</span>
      </h2>
      <div aria-live="polite">
        {/* Warnings are checked by the hub: while it is away, "no warnings" would be a claim nobody checked. */}
        {!connected.value && linkLostAt.value !== null && <p class="muted" data-link-state="offline">{t('warningsPaused')}</p>}
        {list.length === 0 && groups.length === 0 ? (
          connected.value && <p class="muted">{t('noWarnings')}</p>
        ) : (
          <>
            <ul class="warning-groups">
              {groups.map((g) => (
                <WarningGroupRow key={g.key} g={g} canManage={isManager.value} />
              ))}
            </ul>
            {loose.length > 0 && (
              <ul>
                {loose.slice(0, 30).map((w, i) => (
                  <li key={i} class={`warning ${w.level}`}>
                    <span class="level">{levelText(w.level)}</span> {warningText(w, windowName, lineName)}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  );
}

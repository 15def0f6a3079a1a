import type { Daypart } from '@hall/shared';
import { WEEKDAYS } from '@hall/shared/screen-basics';
import { newDaypart, setClock, toggleDay } from '../signage/campaign-draft.js';
import { t } from '../store/store.js';
import type { MessageKey } from '../i18n/messages.js';

const DAY_LABEL: Record<(typeof WEEKDAYS)[number], MessageKey> = { mon: 'dayMon', tue: 'dayTue', wed: 'dayWed', thu: 'dayThu', fri: 'dayFri', sat: 'daySat', sun: 'daySun' };

/** The slices of the week a campaign plays in: weekday toggles (big, pressed or not) and from–to times. */
export function DaypartEditor({ parts, onChange }: { parts: Daypart[]; onChange: (p: Daypart[]) => void }) {
  const set = (i: number, p: Daypart) => onChange(parts.map((x, n) => (n === i ? p : x)));
  return (
    <fieldset class="dayparts">
      <legend>{t('dayparts')}</legend>
      {parts.length === 0 && <p class="muted">{t('allDayEveryDay')}</p>}
      {parts.map((p, i) => (
        <div class="daypart row" key={i} data-daypart={i} role="group" aria-label={`${t('daypart')} ${i + 1}`}>
          {WEEKDAYS.map((d) => (
            <button key={d} type="button" class="btn day" aria-pressed={p.days.includes(d)} onClick={() => set(i, toggleDay(p, d))}>
              {t(DAY_LABEL[d])}
            </button>
          ))}
          <label class="inline">
            {t('fromTime')} <input type="time" required value={p.from} onChange={(e) => set(i, setClock(p, 'from', e.currentTarget.value))} />
          </label>
          <label class="inline">
            {t('toTime')} <input type="time" required value={p.to === '24:00' ? '00:00' : p.to} onChange={(e) => set(i, setClock(p, 'to', e.currentTarget.value))} />
          </label>
          <button type="button" class="btn small" onClick={() => onChange(parts.filter((_x, n) => n !== i))}>
            {t('removeDaypart')}
          </button>
        </div>
      ))}
      <button type="button" class="btn" disabled={parts.length >= 14} onClick={() => onChange([...parts, newDaypart()])}>
        {t('addDaypart')}
      </button>
    </fieldset>
  );
}

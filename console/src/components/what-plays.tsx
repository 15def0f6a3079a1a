import type { Campaign, DisplaySettings, DisplayStatus } from '@hall/shared';
import { useState } from 'preact/hooks';
import { hallLocalToIso, isoToHallLocal } from '../signage/hall-time.js';
import { whatPlays } from '../signage/targeting.js';
import { hubNow, setup, t } from '../store/store.js';

/** A screen's zone: its own (a zone wall), or its window's (a window screen). */
function zoneOf(s: DisplaySettings): string | null {
  return s.zone ?? setup.value?.windows.find((w) => w.no === s.windowNo)?.zone ?? null;
}

/** "What plays now, or at a time, on this screen": the schedule function the screens use, run here. */
export function WhatPlays({ campaigns, screens }: { campaigns: Campaign[]; screens: DisplayStatus[] }) {
  const tz = setup.value?.hall.timeZone ?? 'Asia/Shanghai';
  const eligible = screens.filter((d) => d.settings.surface !== 'led-strip');
  const [screenId, setScreenId] = useState(eligible[0]?.settings.id ?? '');
  // '' : now on the hall's clock, following the hub's time (which the live link may only just have brought).
  const [chosen, setWhen] = useState('');
  const when = chosen || isoToHallLocal(new Date(hubNow()).toISOString(), tz);
  const screen = eligible.find((d) => d.settings.id === screenId) ?? eligible[0];
  const iso = hallLocalToIso(when, tz);
  const result = screen && iso ? whatPlays(campaigns, screen.settings, zoneOf, Date.parse(iso), tz) : [];
  return (
    <section class="card what-plays" aria-labelledby="what-plays-title">
      <h2 id="what-plays-title">{t('whatPlaysTitle')}</h2>
      <div class="row">
        <label class="inline">
          {t('screenWord')}
          <select value={screen?.settings.id ?? ''} onChange={(e) => setScreenId(e.currentTarget.value)}>
            {eligible.map((d) => (
              <option key={d.settings.id} value={d.settings.id}>
                {d.settings.name}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          {t('atTime')} <input type="datetime-local" value={when} onInput={(e) => setWhen(e.currentTarget.value)} />
        </label>
        <button type="button" class="btn small" onClick={() => setWhen('')}>
          {t('nowWord')}
        </button>
      </div>
      <div role="status" aria-live="polite" data-what-plays>
        {result.length === 0 || result.every((c) => c.playing.length === 0) ? (
          <p class="muted">{t('nothingPlays')}</p>
        ) : (
          <ul>
            {result.map((c) => (
              <li key={c.channel} data-channel={c.channel}>
                <strong>
                  {t('channel')} {c.channel}
                </strong>
                ：{c.playing.length ? c.playing.map((p) => p.name).join('、') : t('nothingPlays')}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

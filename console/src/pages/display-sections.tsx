import type { DisplayGroup, DisplaySettings, DisplayStatus, Emergency, Notice, PowerSchedule, ScreenLayout } from '@hall/shared';
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { DisplayEditor, SURFACE_LABEL } from '../components/display-editor.js';
import { ScreenshotPanel } from '../components/screenshot-panel.js';
import { StripPreview } from '../components/strip-preview.js';
import { displaysApi } from '../net/hall-services.js';
import type { ApiResult } from '../net/api.js';
import { floor, hallClock, isManager, setup, t } from '../store/store.js';

/** The displays page's sections; each action goes through the page's `run` (result shown, lists reloaded). */

export type Run = (r: Promise<ApiResult<unknown>>, label: string) => Promise<void>;

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DAY_ZH: Record<(typeof DAYS)[number], string> = { mon: '一', tue: '二', wed: '三', thu: '四', fri: '五', sat: '六', sun: '日' };
const when = (iso: string | null) => (iso ? `${iso.slice(5, 10)} ${hallClock(Date.parse(iso))}` : '—');
/** A zone as people call it (the windows' setup names every zone a display can be in); its id only if unknown. */
const zoneName = (id: string) => setup.value?.windows.find((w) => w.zone === id)?.zoneName ?? id;

const COLUMNS = ['nameCol', 'surface', 'layout', 'zone', 'windowNo', 'status', 'power', 'showing', 'lastSeen', 'previewCol'] as const;

/** What a strip shows changes with its reported content, its settings and the call at its window. */
function stripState(d: DisplayStatus): string {
  const w = floor.value.windows.find((x) => x.no === d.settings.windowNo);
  return [d.showing, JSON.stringify(d.settings.strip), d.settings.windowNo, w?.status, w?.currentTicket, w?.since].join('|');
}

export function EmergencySection({ emergencies, run }: { emergencies: Emergency[]; run: Run }) {
  const [emText, setEmText] = useState('');
  const [emTextEn, setEmTextEn] = useState('');
  const activeEm = emergencies.filter((e) => !e.clearedAt);
  return (
    <section class="card emergency" aria-labelledby="em-title">
      <h2 id="em-title">{t('emergencyTitle')}</h2>
      <p class="muted">{t('emergencyHint')}</p>
      <ul>
        {activeEm.map((e) => (
          <li key={e.id} class="warning red">
            <span class="level">■ {t('active')}</span> {e.text} {e.textEn ? `/ ${e.textEn}` : ''}{' '}
            {isManager.value && (
              <button type="button" class="btn small" onClick={() => void run(displaysApi.clearEmergency(e.id), t('clear'))}>
                {t('clear')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {isManager.value && (
        <form class="row" onSubmit={(e) => (e.preventDefault(), void run(displaysApi.emergency(emText.trim(), emTextEn.trim()), t('publishAll')).then(() => setEmText('')))}>
          <label class="inline">
            {t('emergencyText')} <input required maxLength={300} size={36} value={emText} onInput={(e) => setEmText(e.currentTarget.value)} />
          </label>
          <label class="inline">
            {t('emergencyTextEn')} <input maxLength={300} size={28} value={emTextEn} onInput={(e) => setEmTextEn(e.currentTarget.value)} />
          </label>
          <button class="btn primary" type="submit">
            {t('publishAll')}
          </button>
        </form>
      )}
    </section>
  );
}

export function NoticesSection({ notices, run }: { notices: Notice[]; run: Run }) {
  const [noticeText, setNoticeText] = useState('');
  const [noticeEnds, setNoticeEnds] = useState('');
  return (
    <section class="card" aria-labelledby="notices-title">
      <h2 id="notices-title">{t('noticesTitle')}</h2>
      <ul>
        {notices.map((n) => (
          <li key={n.id}>
            {n.text} <small>({when(n.startsAt)} — {when(n.endsAt)})</small>{' '}
            {isManager.value && (
              <button type="button" class="btn small" onClick={() => void run(displaysApi.withdrawNotice(n.id), t('withdraw'))}>
                {t('withdraw')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {isManager.value && (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            const ends = noticeEnds ? new Date(noticeEnds).toISOString() : null;
            void run(displaysApi.addNotice(noticeText.trim(), ends), t('addNotice')).then(() => setNoticeText(''));
          }}
        >
          <label class="inline">
            {t('noticeText')} <input required maxLength={500} size={40} value={noticeText} onInput={(e) => setNoticeText(e.currentTarget.value)} />
          </label>
          <label class="inline">
            {t('endsAt')} <input type="datetime-local" value={noticeEnds} onInput={(e) => setNoticeEnds(e.currentTarget.value)} />
          </label>
          <button class="btn primary" type="submit">
            {t('addNotice')}
          </button>
        </form>
      )}
    </section>
  );
}

export function ScreensTable(props: {
  screens: DisplayStatus[];
  groups: DisplayGroup[];
  layouts: ScreenLayout[];
  /** the display whose editor is open */
  editing: string | null;
  setEditing: (id: string | null) => void;
  onSaved: (s: DisplaySettings) => void;
}) {
  const { screens, groups, editing, setEditing } = props;
  return (
    <section class="card scroll" aria-labelledby="screens-title">
      <h2 id="screens-title">{t('screensTitle')}</h2>
      <table class="data">
        <thead>
          <tr>
            {COLUMNS.map((k) => (
              <th scope="col" key={k}>
                {t(k)}
              </th>
            ))}
            {isManager.value && <th scope="col">{t('actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {screens.map((d) => (
            <Fragment key={d.settings.id}>
              <tr data-display={d.settings.id}>
                <th scope="row">{d.settings.name}</th>
                <td>{t(SURFACE_LABEL[d.settings.surface])}</td>
                <td>{d.settings.surface === 'led-strip' && d.settings.strip ? `${d.settings.strip.width} × ${d.settings.strip.height}` : d.settings.layout}</td>
                <td>{d.settings.zone ? zoneName(d.settings.zone) : '—'}</td>
                <td>{d.settings.windowNo ?? '—'}</td>
                <td class={d.alert ? 'warning red' : ''}>
                  {d.online ? `● ${t('onlineWord')}` : `× ${t('offlineWord')}`}
                  {d.alert ? ` · ■ ${t('alertWord')}` : ''}
                </td>
                <td>
                  {d.power.on ? `${t('powerOn')} ${d.power.brightness}%` : t('powerOff')}
                </td>
                <td>{d.showing ?? '—'}</td>
                <td>{when(d.lastSeen)}</td>
                <td class="preview">
                  {d.settings.surface === 'led-strip' ? (
                    <StripPreview id={d.settings.id} name={d.settings.name} showing={stripState(d)} />
                  ) : (
                    <ScreenshotPanel id={d.settings.id} name={d.settings.name} lastAt={d.screenshotAt} />
                  )}
                </td>
                {isManager.value && (
                  <td>
                    <button
                      type="button"
                      class="btn small edit"
                      aria-expanded={editing === d.settings.id}
                      aria-label={`${t('edit')}：${d.settings.name}`}
                      onClick={() => setEditing(editing === d.settings.id ? null : d.settings.id)}
                    >
                      {t('edit')}
                    </button>
                  </td>
                )}
              </tr>
              {editing === d.settings.id && (
                <tr class="editor-row" data-editor={d.settings.id}>
                  <td colSpan={COLUMNS.length + 1}>
                    <DisplayEditor settings={d.settings} groups={groups} layouts={props.layouts} onSaved={props.onSaved} onCancel={() => setEditing(null)} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function SchedulesSection({ schedules, run }: { schedules: PowerSchedule[]; run: Run }) {
  const [schedName, setSchedName] = useState('工作日');
  const [days, setDays] = useState<string[]>(['mon', 'tue', 'wed', 'thu', 'fri']);
  const [onAt, setOnAt] = useState('08:00');
  const [offAt, setOffAt] = useState('17:30');
  const [brightness, setBrightness] = useState(100);
  return (
    <section class="card" aria-labelledby="sched-title">
      <h2 id="sched-title">{t('schedulesTitle')}</h2>
      <ul>
        {schedules.map((s) => (
          <li key={s.id}>
            <strong>{s.name}</strong>{' '}
            {s.rules.map((r) => `${r.days.map((d) => DAY_ZH[d]).join('')} ${r.on}–${r.off} ${r.brightness}%`).join('；')}{' '}
            <small>{s.targets.all ? t('allDisplays') : [...s.targets.displays, ...s.targets.groups].join('、')}</small>{' '}
            {isManager.value && (
              <button type="button" class="btn small" onClick={() => void run(displaysApi.deleteSchedule(s.id), t('delete'))}>
                {t('delete')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {isManager.value && (
        <form class="row" onSubmit={(e) => (e.preventDefault(), void run(displaysApi.addSchedule(schedName.trim(), days, onAt, offAt, brightness), t('addSchedule')))}>
          <label class="inline">
            {t('scheduleName')} <input required maxLength={64} size={10} value={schedName} onInput={(e) => setSchedName(e.currentTarget.value)} />
          </label>
          <fieldset class="inline days">
            <legend>{t('days')}</legend>
            {DAYS.map((d) => (
              <label key={d}>
                <input
                  type="checkbox"
                  checked={days.includes(d)}
                  onChange={(e) => setDays(e.currentTarget.checked ? [...days, d] : days.filter((x) => x !== d))}
                />
                {DAY_ZH[d]}
              </label>
            ))}
          </fieldset>
          <label class="inline">
            {t('onAt')} <input type="time" required value={onAt} onInput={(e) => setOnAt(e.currentTarget.value)} />
          </label>
          <label class="inline">
            {t('offAt')} <input type="time" required value={offAt} onInput={(e) => setOffAt(e.currentTarget.value)} />
          </label>
          <label class="inline">
            {t('brightness')} <input type="number" min={0} max={100} value={brightness} onInput={(e) => setBrightness(Number(e.currentTarget.value))} />
          </label>
          <button class="btn primary" type="submit" disabled={days.length === 0}>
            {t('addSchedule')}
          </button>
        </form>
      )}
    </section>
  );
}

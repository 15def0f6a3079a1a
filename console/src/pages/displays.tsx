import type { DisplayGroup, DisplaySettings, DisplayStatus, Emergency, ErrorBody, Notice, PowerSchedule } from '@hall/shared';
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DisplayEditor, SURFACE_LABEL } from '../components/display-editor.js';
import { IdleMedia } from '../components/idle-media.js';
import { ActionError } from '../components/refusal.js';
import { ScreenshotPanel } from '../components/screenshot-panel.js';
import { StripPreview } from '../components/strip-preview.js';
import { loadForPage } from '../net/gate.js';
import { displaysApi } from '../net/hall-services.js';
import type { ApiResult } from '../net/api.js';
import { floor, hallClock, isManager, t } from '../store/store.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DAY_ZH: Record<(typeof DAYS)[number], string> = { mon: '一', tue: '二', wed: '三', thu: '四', fri: '五', sat: '六', sun: '日' };
const when = (iso: string | null) => (iso ? `${iso.slice(5, 10)} ${hallClock(Date.parse(iso))}` : '—');
const COLUMNS = ['nameCol', 'surface', 'layout', 'zone', 'windowNo', 'status', 'power', 'showing', 'lastSeen', 'previewCol'] as const;

/** What a strip shows changes with its reported content, its settings and the call at its window. */
function stripState(d: DisplayStatus): string {
  const w = floor.value.windows.find((x) => x.no === d.settings.windowNo);
  return [d.showing, JSON.stringify(d.settings.strip), d.settings.windowNo, w?.status, w?.currentTicket, w?.since].join('|');
}

/** Displays, notices, emergency messages and power schedules — through the display-control routes. */
export function DisplaysPage() {
  const [screens, setScreens] = useState<DisplayStatus[]>([]);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [emergencies, setEmergencies] = useState<Emergency[]>([]);
  const [schedules, setSchedules] = useState<PowerSchedule[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [done, setDone] = useState('');
  const [emText, setEmText] = useState('');
  const [emTextEn, setEmTextEn] = useState('');
  const [noticeText, setNoticeText] = useState('');
  const [noticeEnds, setNoticeEnds] = useState('');
  const [schedName, setSchedName] = useState('工作日');
  const [days, setDays] = useState<string[]>(['mon', 'tue', 'wed', 'thu', 'fri']);
  const [onAt, setOnAt] = useState('08:00');
  const [offAt, setOffAt] = useState('17:30');
  const [brightness, setBrightness] = useState(100);
  const [editing, setEditing] = useState<string | null>(null);
  const [groups, setGroups] = useState<DisplayGroup[]>([]);

  async function reload() {
    const [n, e, s, g] = await Promise.all([displaysApi.notices(), displaysApi.emergencies(), displaysApi.schedules(), displaysApi.groups()]);
    if (n.ok) setNotices(n.data);
    if (e.ok) setEmergencies(e.data);
    if (s.ok) setSchedules(s.data);
    if (g.ok) setGroups(g.data);
  }
  useEffect(() => {
    // The display list is for managers and auditors: a staff account is refused here.
    void loadForPage<DisplayStatus[]>('/api/displays', setScreens).then((ok) => (ok ? reload() : undefined));
  }, []);

  async function run(r: Promise<ApiResult<unknown>>, label: string) {
    setError(null);
    setDone('');
    const res = await r;
    if (!res.ok) return setError(res.error);
    setDone(`${t('actionDone')}：${label}`);
    await reload();
    const d = await displaysApi.list();
    if (d.ok) setScreens(d.data);
  }

  async function saved(s: DisplaySettings) {
    setEditing(null);
    setError(null);
    setDone(`${t('actionDone')}：${t('displaySaved')} ${s.name}`);
    const d = await displaysApi.list();
    if (d.ok) setScreens(d.data);
    // Back to the row's own button, so a keyboard user carries on where they were.
    document.querySelector<HTMLButtonElement>(`tr[data-display="${CSS.escape(s.id)}"] button.edit`)?.focus();
  }

  const activeEm = emergencies.filter((e) => !e.clearedAt);
  return (
    <main class="displays">
      <h1>{t('displaysTitle')}</h1>
      <p role="status" class="done">
        {done}
      </p>
      <ActionError error={error} />
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
                  <td>{d.settings.zone ?? '—'}</td>
                  <td>{d.settings.windowNo ?? '—'}</td>
                  <td class={d.alert ? 'warning red' : ''}>
                    {d.online ? `● ${t('onlineWord')}` : `✕ ${t('offlineWord')}`}
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
                      <DisplayEditor settings={d.settings} groups={groups} onSaved={(s) => void saved(s)} onCancel={() => setEditing(null)} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </section>

      <IdleMedia />

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
    </main>
  );
}

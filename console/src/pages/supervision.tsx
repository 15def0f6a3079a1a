import type { CaseWarning, ErrorBody, SupervisionView } from '@hall/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Chart } from '../charts/chart.js';
import { ActionError } from '../components/refusal.js';
import { loadForPage } from '../net/gate.js';
import { supervisionApi } from '../net/hall-services.js';
import { chime } from '../sound/chime.js';
import { RongqueSection } from './rongque-section.js';
import { supervisionPushed } from '../store/supervision-live.js';
import { chimes, hallClock, hallDay, isManager, soundOn, t } from '../store/store.js';

const LIGHT_WORD = { red: '■ 红灯', yellow: '▲ 黄灯', green: '● 正常' } as const;
const LIGHT_WORD_EN = { red: '■ red', yellow: '▲ yellow', green: '● on track' } as const;
const when = (iso: string | null) => (iso ? `${hallDay(Date.parse(iso)).slice(5)} ${hallClock(Date.parse(iso))}` : '—');
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

function LightText({ light }: { light: 'red' | 'yellow' | 'green' }) {
  return (
    <span class={`flag ${light}`}>
      {LIGHT_WORD[light]} <span lang="en">{LIGHT_WORD_EN[light]}</span>
    </span>
  );
}

/** A new red or yellow warning since the page last looked chimes (three tones for red). */
function useWarningChime(view: SupervisionView | null): void {
  const seen = useRef<Set<number> | null>(null);
  useEffect(() => {
    if (!view) return;
    const ids = new Set(view.warnings.map((w) => w.id));
    if (seen.current) {
      const fresh = view.warnings.filter((w) => !seen.current!.has(w.id));
      const level = fresh.some((w) => w.light === 'red') ? 'red' : fresh.length ? 'yellow' : null;
      if (level && soundOn.value && chime(level)) chimes.value += 1;
    }
    seen.current = ids;
  }, [view]);
}

function WarningRow({ w, onHandled }: { w: CaseWarning; onHandled: (w: CaseWarning) => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  return (
    <tr data-warning={w.id} class={`warning ${w.light}`}>
      <td>{when(new Date(w.at).toISOString())}</td>
      <th scope="row">{w.caseNo}</th>
      <td>
        <LightText light={w.light} />
      </td>
      <td>
        {w.handledAt !== null ? (
          <span>
            {w.note}（{w.handledBy}，{when(new Date(w.handledAt).toISOString())}）
          </span>
        ) : isManager.value ? (
          <form
            class="inline"
            onSubmit={(e) => {
              e.preventDefault();
              void supervisionApi.handle(w.id, note.trim()).then((r) => (r.ok ? onHandled(r.data) : setError(r.error)));
            }}
          >
            <label>
              <span class="sr-only">{t('handleNote')}</span>
              <input value={note} required maxLength={500} placeholder={t('handleNote')} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
            </label>
            <button type="submit" class="btn">
              {t('markHandled')}
            </button>
            <ActionError error={error} />
          </form>
        ) : (
          t('notHandled')
        )}
      </td>
    </tr>
  );
}

/** 办件监督: every department's open cases by light, the cases near and past their limit, and the trail of warnings. */
export function SupervisionPage() {
  const pushed = supervisionPushed.value;
  const [view, setView] = useState<SupervisionView | null>(pushed);
  const [error, setError] = useState<ErrorBody | null>(null);
  useWarningChime(view);
  // The hub pushes the view on connect and on every change (adapters/socket/supervision-sockets.ts); the one
  // load is for a page opened before the first push, and never overwrites a push that came first.
  useEffect(() => {
    if (pushed) setView(pushed);
  }, [pushed]);
  useEffect(() => {
    if (!supervisionPushed.peek()) void loadForPage<SupervisionView>('/api/supervision', (v) => {
      if (!supervisionPushed.peek()) setView(v);
    });
  }, []);
  if (!view) return <main><h1>{t('supervisionTitle')}</h1><p>{t('loading')}</p></main>;
  const depts = view.departments;
  const handled = (w: CaseWarning) => setView({ ...view, warnings: view.warnings.map((x) => (x.id === w.id ? w : x)) });
  return (
    <main class="supervision" data-chimes={chimes.value}>
      <h1>{t('supervisionTitle')}</h1>
      <p class={view.status.lastError ? 'warning yellow' : 'note'} role={view.status.lastError ? 'alert' : undefined}>
        {t('casesHeld')} {view.status.cases} · {t('casesOpen')} {view.status.open} · {t('supervisionSynced')} {when(view.status.lastSyncAt)} · {t('supervisionChecked')} {when(view.status.lastCheckAt)}
        {view.status.lastError ? ` · ${view.status.lastError}` : ''}
      </p>
      {isManager.value && (
        <p>
          <button type="button" class="btn" onClick={() => void supervisionApi.sync().then((r) => (r.ok ? (setView(r.data), setError(null)) : setError(r.error)))}>
            {t('syncNow')}
          </button>
          <ActionError error={error} />
        </p>
      )}
      <section class="card scroll" aria-labelledby="dept-lights">
        <h2 id="dept-lights">{t('departmentLights')}</h2>
        <Chart
          title={t('departmentLights')}
          labels={depts.map((d) => d.departmentName)}
          unit=""
          series={[
            { label: LIGHT_WORD.red, values: depts.map((d) => d.red), color: '#b91c1c', kind: 'bars' },
            { label: LIGHT_WORD.yellow, values: depts.map((d) => d.yellow), color: '#b45309', kind: 'bars' },
          ]}
        />
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('department')}</th>
              <th scope="col">{t('casesOpen')}</th>
              <th scope="col">{LIGHT_WORD.red}</th>
              <th scope="col">{LIGHT_WORD.yellow}</th>
              <th scope="col">{t('greenLight')}</th>
              <th scope="col">{t('casesPaused')}</th>
              <th scope="col">{t('onTimeRate')}</th>
            </tr>
          </thead>
          <tbody>
            {depts.map((d) => (
              <tr key={d.departmentCode} data-department={d.departmentCode}>
                <th scope="row">{d.departmentName}</th>
                <td class="num">{d.open}</td>
                <td class={d.red ? 'num count red' : 'num'}>{d.red}</td>
                <td class={d.yellow ? 'num count yellow' : 'num'}>{d.yellow}</td>
                <td class="num">{d.green}</td>
                <td class="num">{d.paused}</td>
                <td class="num">{pct(d.onTimeRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card scroll" aria-labelledby="attention-title">
        <h2 id="attention-title">{t('attentionTitle')}</h2>
        {view.attention.length === 0 ? (
          <p>{t('noAttention')}</p>
        ) : (
          <table class="data">
            <thead>
              <tr>
                {(['caseNo', 'businessName', 'department', 'applicant', 'limitDays', 'usedDays', 'leftDays', 'deadlineAt'] as const).map((h) => (
                  <th scope="col" key={h}>
                    {t(h)}
                  </th>
                ))}
                <th scope="col">红黄灯</th>
              </tr>
            </thead>
            <tbody>
              {view.attention.map((c) => (
                <tr key={c.caseNo} data-case={c.caseNo} data-light={c.light} class={`warning ${c.light}`}>
                  <th scope="row">{c.caseNo}</th>
                  <td>{c.serviceName}</td>
                  <td>{c.departmentName}</td>
                  <td>{c.applicant}</td>
                  <td class="num">{c.limitWorkingDays}</td>
                  <td class="num">{c.usedWorkingDays}</td>
                  <td class="num">{c.remainingWorkingDays}</td>
                  <td>{c.paused ? t('casesPaused') : when(c.deadline)}</td>
                  <td>
                    <LightText light={c.light} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <RongqueSection />
      <section class="card scroll" aria-labelledby="case-trend">
        <h2 id="case-trend">{t('trendTitle')}</h2>
        <Chart
          title={t('trendTitle')}
          labels={view.trend.map((d) => d.day.slice(5))}
          unit=""
          series={[
            { label: LIGHT_WORD.red, values: view.trend.map((d) => d.red), color: '#b91c1c', kind: 'bars' },
            { label: LIGHT_WORD.yellow, values: view.trend.map((d) => d.yellow), color: '#b45309', kind: 'bars' },
          ]}
        />
      </section>
      <section class="card scroll" aria-labelledby="case-warnings">
        <h2 id="case-warnings">{t('caseWarningsTitle')}</h2>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('raisedAt')}</th>
              <th scope="col">{t('caseNo')}</th>
              <th scope="col">红黄灯</th>
              <th scope="col">{t('handling')}</th>
            </tr>
          </thead>
          <tbody>
            {[...view.warnings].reverse().map((w) => (
              <WarningRow key={w.id} w={w} onHandled={handled} />
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}

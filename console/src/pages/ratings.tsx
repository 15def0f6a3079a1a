import type { ErrorBody, EvaluationFigures, FollowUpView } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { Chart } from '../charts/chart.js';
import { percent } from '../components/format.js';
import { ActionError } from '../components/refusal.js';
import { loadForPage } from '../net/gate.js';
import { ratingsApi } from '../net/hall-services.js';
import type { MessageKey } from '../i18n/messages.js';
import { hallClock, isManager, setup, t } from '../store/store.js';

type By = 'dept' | 'window' | 'staff' | 'day';
const BY: Array<[By, MessageKey]> = [['dept', 'byDept'], ['window', 'byWindow'], ['staff', 'byStaff'], ['day', 'byDay']];
const STATUS: Record<FollowUpView['status'], MessageKey> = {
  open: 'followUpStatusOpen',
  verified: 'followUpStatusVerified',
  rectified: 'followUpStatusRectified',
  closed: 'followUpStatusClosed',
};

function FollowUpRow({ f, onDone }: { f: FollowUpView; onDone: (e: ErrorBody | null) => void }) {
  const [note, setNote] = useState('');
  const [finding, setFinding] = useState<'confirmed' | 'unfounded'>('confirmed');
  const step = f.status === 'open' ? 'verify' : f.status === 'verified' ? (f.finding === 'unfounded' ? 'reply' : 'rectify') : f.status === 'rectified' ? 'reply' : null;
  const label: MessageKey | null = step === 'verify' ? 'stepVerify' : step === 'rectify' ? 'stepRectify' : step === 'reply' ? 'stepReply' : null;
  return (
    <tr data-follow-up={f.ticketNumber}>
      <th scope="row">
        {f.day} {f.ticketNumber}
      </th>
      <td>{f.windowNo}</td>
      <td>{f.level === 'very-dissatisfied' ? t('ratingVeryDissatisfied') : t('ratingDissatisfied')}</td>
      <td>{[...f.reasons, f.comment ?? ''].filter(Boolean).join('；') || '—'}</td>
      <td>{t(STATUS[f.status])}</td>
      <td class={f.overdue ? 'warning red' : f.dueSoon ? 'warning yellow' : ''}>
        {f.due ? `${f.due.slice(5, 10)} ${hallClock(Date.parse(f.due))}` : '—'}
        {f.overdue ? ` ■ ${t('overdue')}` : f.dueSoon ? ` ▲ ${t('dueSoon')}` : ''}
      </td>
      {isManager.value && (
        <td>
          {step && label && (
            <form
              class="row"
              onSubmit={(e) => {
                e.preventDefault();
                void ratingsApi.step(f.id, step, step === 'verify' ? { finding, note } : { note }).then((r) => onDone(r.ok ? null : r.error));
              }}
            >
              {step === 'verify' && (
                <select aria-label={t('finding')} value={finding} onChange={(e) => setFinding(e.currentTarget.value as 'confirmed' | 'unfounded')}>
                  <option value="confirmed">{t('confirmed')}</option>
                  <option value="unfounded">{t('unfounded')}</option>
                </select>
              )}
              <input aria-label={t('note')} required maxLength={1000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
              <button class="btn small" type="submit">
                {t(label)}
              </button>
            </form>
          )}
        </td>
      )}
    </tr>
  );
}

/** 好差评 figures (好评率, 主动评价好评率, 未评价率) and the follow-ups of 差评 with their deadlines. */
export function RatingsPage() {
  const [by, setBy] = useState<By>('dept');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [figures, setFigures] = useState<EvaluationFigures | null>(null);
  const [followUps, setFollowUps] = useState<FollowUpView[]>([]);
  const [summary, setSummary] = useState<{ open: number; overdue: number; dueSoon: number } | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);

  const s = setup.value!;
  const deptNames = new Map(s.windows.flatMap((w) => (w.department ? [[w.department.code, w.department.name] as const] : [])));
  const nameOf = (key: string) =>
    by === 'dept' ? (deptNames.get(key) ?? key) : by === 'window' ? `${key} ${s.windows.find((w) => w.no === key)?.name ?? ''}` : by === 'staff' ? `${key} ${s.staff.find((p) => p.no === key)?.name ?? ''}` : key;

  async function loadFollowUps() {
    const [f, sum] = await Promise.all([ratingsApi.followUps(), ratingsApi.summary()]);
    if (f.ok) setFollowUps(f.data);
    if (sum.ok) setSummary(sum.data);
  }
  async function load() {
    setError(null);
    const r = await ratingsApi.figures(by, from, to);
    if (!r.ok) return setError(r.error);
    setFigures(r.data);
  }
  useEffect(() => {
    void loadForPage<EvaluationFigures>(`/api/evaluations/figures?by=${by}`, (f) => {
      setFigures(f);
      setFrom(f.from);
      setTo(f.to);
    }).then((ok) => (ok ? loadFollowUps() : undefined));
  }, []);

  const rows = figures?.rows ?? [];
  return (
    <main class="ratings">
      <h1>{t('ratingsTitle')}</h1>
      <form class="card row" onSubmit={(e) => (e.preventDefault(), void load())}>
        <label class="inline">
          {t('from')} <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label class="inline">
          {t('to')} <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <label class="inline">
          {t('groupBy')}{' '}
          <select value={by} onChange={(e) => setBy(e.currentTarget.value as By)}>
            {BY.map(([id, key]) => (
              <option key={id} value={id}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>
        <button class="btn primary" type="submit">
          {t('query')}
        </button>
      </form>
      <ActionError error={error} />
      {figures && (
        <>
          <dl class="tiles">
            {(
              [
                [t('served'), `${figures.total.served}`],
                [t('rated'), `${figures.total.rated}`],
                [t('bad'), `${figures.total.bad}`],
                [t('goodRate'), percent(figures.total.goodRate)],
                [t('activeGoodRate'), percent(figures.total.activeGoodRate)],
                [t('unratedRate'), percent(figures.total.unratedRate)],
              ] as Array<[string, string]>
            ).map(([k, v]) => (
              <div class="tile" key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
          <section class="card charts">
            <Chart
              title={t('goodRate')}
              unit="%"
              labels={rows.slice(0, 16).map((r) => nameOf(r.key).replace(/^(辽宁省|国家)/, '').slice(0, 6))}
              series={[{ label: t('goodRate'), values: rows.slice(0, 16).map((r) => (r.goodRate === null ? null : Math.round(r.goodRate * 1000) / 10)), color: '#0f766e', kind: 'bars' }]}
            />
          </section>
          <section class="card scroll">
            <table class="data">
              <thead>
                <tr>
                  {(['nameCol', 'served', 'rated', 'good', 'bad', 'ratingUnrated', 'pending', 'goodRate', 'activeGoodRate', 'unratedRate'] as MessageKey[]).map((h) => (
                    <th scope="col" key={h} class={h === 'nameCol' ? '' : 'num'}>
                      {t(h)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[...rows, { ...figures.total, key: t('total') }].map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.key === t('total') ? r.key : nameOf(r.key)}</th>
                    <td class="num">{r.served}</td>
                    <td class="num">{r.rated}</td>
                    <td class="num">{r.good}</td>
                    <td class="num">{r.bad}</td>
                    <td class="num">{r.unrated}</td>
                    <td class="num">{r.pending}</td>
                    <td class="num">{percent(r.goodRate)}</td>
                    <td class="num">{percent(r.activeGoodRate)}</td>
                    <td class="num">{percent(r.unratedRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
      <section class="card scroll" aria-labelledby="fu-title">
        <h2 id="fu-title">
          {t('followUpsTitle')}
          {summary && (
            <small>
              {' '}
              · {t('openCount')} {summary.open} · ■ {t('overdue')} {summary.overdue} · ▲ {t('dueSoon')} {summary.dueSoon}
            </small>
          )}
        </h2>
        {followUps.length === 0 ? (
          <p class="muted">{t('noFollowUps')}</p>
        ) : (
          <table class="data">
            <thead>
              <tr>
                {(['ticketNumber', 'windowNo', 'bad', 'note', 'status', 'due'] as MessageKey[]).map((h) => (
                  <th scope="col" key={h}>
                    {t(h)}
                  </th>
                ))}
                {isManager.value && <th scope="col">{t('actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {followUps.map((f) => (
                <FollowUpRow key={f.id} f={f} onDone={(e) => (setError(e), void loadFollowUps())} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}

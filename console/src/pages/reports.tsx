import type { ErrorBody, Figures, RankingRow, Report, ReportRow, ReportTable, SampledRate } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { BarRows, type BarRow } from '../charts/bar-rows.js';
import { Chart } from '../charts/chart.js';
import { minutesText, percent } from '../components/format.js';
import { ActionError } from '../components/refusal.js';
import { downloadCsv, downloadPdf, loadReport, type Period } from '../net/reports.js';
import { hallDay, hubNow, pageRefusal, t } from '../store/store.js';
import type { MessageKey } from '../i18n/messages.js';

const TABS: Array<[ReportTable, MessageKey]> = [
  ['ranking', 'tabRanking'],
  ['department', 'tabDepartments'],
  ['window', 'tabWindows'],
  ['staff', 'tabStaff'],
  ['line', 'tabLines'],
];
const ROWS = { department: 'departments', window: 'windows', staff: 'staff', line: 'lines' } as const;

function FigureCells({ f }: { f: Figures }) {
  return (
    <>
      <td class="num">{f.issued}</td>
      <td class="num">{f.called}</td>
      <td class="num">{f.served}</td>
      <td class="num">{f.noShow}</td>
      <td class="num">{f.unserved}</td>
      <td class="num">{minutesText(f.avgWaitMinutes)}</td>
      <td class="num">{minutesText(f.maxWaitMinutes)}</td>
      <td class="num">{minutesText(f.avgServiceMinutes)}</td>
      <td class="num">{percent(f.satisfactionRate)}</td>
      <td class="num">{f.ratings.dissatisfied + f.ratings['very-dissatisfied']}</td>
      <td class="num">{f.warnings.waitRed + f.warnings.serviceRed}</td>
      <td class="num">{f.warnings.waitYellow + f.warnings.serviceYellow}</td>
    </>
  );
}

const FIGURE_HEADS: MessageKey[] = ['issued', 'called', 'served', 'noShowCol', 'unserved', 'avgWait', 'maxWait', 'avgService', 'satisfaction', 'badRatings', 'redWarnings', 'yellowWarnings'];

function GroupTable({ rows, total, withDept }: { rows: ReportRow[]; total: Figures | null; withDept: boolean }) {
  return (
    <table class="data">
      <thead>
        <tr>
          <th scope="col">{t('nameCol')}</th>
          {withDept && <th scope="col">{t('department')}</th>}
          {FIGURE_HEADS.map((h) => (
            <th scope="col" class="num" key={h}>
              {t(h)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-row={r.key}>
            <th scope="row">
              {r.key !== r.name && r.key !== '-' ? <small>{r.key} </small> : null}
              {r.name}
            </th>
            {withDept && <td>{r.department ?? '—'}</td>}
            <FigureCells f={r.figures} />
          </tr>
        ))}
        {total && (
          <tr class="total">
            <th scope="row">{t('total')}</th>
            {withDept && <td />}
            <FigureCells f={total} />
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** A rate over its sample: 样本不足 below the hall's minimum, a dash with no sample at all. */
const sampledText = (s: SampledRate): string => (s.enough ? percent(s.rate) : s.of === 0 ? '—' : t('insufficientSample'));

const RANKING_HEADS: MessageKey[] = [
  'rank', 'department', 'score', 'served', 'avgWait', 'avgService', 'rankRated', 'satisfaction', 'badRatings', 'redWarnings', 'yellowWarnings',
  'casesFinished', 'rankOnTimeRate', 'overdueFinished', 'overdueOpen', 'rongqueAccepted', 'rongqueOnTime',
];

function RankingTable({ report }: { report: Report }) {
  const m = report.minimumSample;
  const minimum = t('minimumSampleNote')
    .replace('{served}', String(m.served))
    .replace('{rated}', String(m.rated))
    .replace('{cases}', String(m.finishedCases))
    .replace('{rongque}', String(m.rongque));
  return (
    <>
      <p class="note">{t('scoreNote')}</p>
      <p class="note">{minimum}</p>
      <table class="data">
        <thead>
          <tr>
            {RANKING_HEADS.map((h) => (
              <th scope="col" key={h} class={h === 'department' ? '' : 'num'}>
                {t(h)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.ranking.map((r) => (
            <tr key={r.key} data-row={r.key} class={r.rank === null ? 'short' : undefined}>
              <td class="num">{r.rank ?? t('insufficientSample')}</td>
              <th scope="row">{r.name}</th>
              <td class="num">
                <strong>{r.score ?? '—'}</strong>
              </td>
              <td class="num">{r.served}</td>
              <td class="num">{minutesText(r.avgWaitMinutes)}</td>
              <td class="num">{minutesText(r.avgServiceMinutes)}</td>
              <td class="num">{r.satisfaction.of}</td>
              <td class="num">{sampledText(r.satisfaction)}</td>
              <td class="num">{r.badRatings}</td>
              <td class="num">{r.redWarnings}</td>
              <td class="num">{r.yellowWarnings}</td>
              <td class="num">{r.cases.onTime.of}</td>
              <td class="num">{sampledText(r.cases.onTime)}</td>
              <td class="num">{r.cases.overdueFinished}</td>
              <td class="num">{r.cases.overdueOpen}</td>
              <td class="num">{r.rongque.accepted}</td>
              <td class="num">{sampledText(r.rongque.suppliedOnTime)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const rankedName = (r: RankingRow) => `${r.rank ?? '—'}. ${r.name}`;

/** A rate as a bar in percent; 样本不足 (or a dash with no sample) draws no bar. */
const rateRow = (r: RankingRow, s: SampledRate): BarRow => ({ key: r.key, label: rankedName(r), value: s.enough && s.rate !== null ? s.rate * 100 : null, text: sampledText(s) });

/** The ranking and the evaluation's rates as bars, one row per department, in ranking order. */
function RankingCharts({ report }: { report: Report }) {
  const rows = report.ranking;
  return (
    <section class="card bar-charts" aria-label={t('tabRanking')}>
      <BarRows
        id="chart-score"
        title={t('chartRanking')}
        unit={t('score')}
        max={100}
        color="#b91c1c"
        rows={rows.map((r) => ({ key: r.key, label: rankedName(r), value: r.score, text: r.score === null ? t('insufficientSample') : String(r.score) }))}
      />
      <BarRows id="chart-on-time" title={t('chartOnTime')} unit={t('percentUnit')} max={100} color="#15803d" rows={rows.map((r) => rateRow(r, r.cases.onTime))} />
      <BarRows id="chart-rongque" title={t('chartRongque')} unit={t('percentUnit')} max={100} color="#7c3aed" rows={rows.map((r) => rateRow(r, r.rongque.suppliedOnTime))} />
      <BarRows id="chart-satisfaction" title={t('chartSatisfaction')} unit={t('percentUnit')} max={100} color="#1d4ed8" rows={rows.map((r) => rateRow(r, r.satisfaction))} />
    </section>
  );
}

/** Daily and monthly reports: figures, charts, the department ranking, CSV and PDF downloads (managers and auditors). */
export function ReportsPage() {
  const today = hallDay(hubNow());
  const [kind, setKind] = useState<'daily' | 'monthly'>('daily');
  const [day, setDay] = useState('');
  const [month, setMonth] = useState('');
  const [tab, setTab] = useState<ReportTable>('ranking');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [status, setStatus] = useState('');
  const period: Period = kind === 'daily' ? { kind, day } : { kind, month };

  async function load(p: Period) {
    setStatus(t('loading'));
    const r = await loadReport(p);
    setStatus('');
    if (r.ok) {
      // The first report is the hub's today (or month): the pickers then show what was shown.
      if (r.data.kind === 'daily') setDay(r.data.from);
      else setMonth(r.data.from.slice(0, 7));
      return setReport(r.data);
    }
    // Refused outright (a staff account): the page gives way to the hub's message.
    if (r.status === 403 || r.status === 401) pageRefusal.value = { status: r.status, error: r.error };
    else setError(r.error);
  }
  useEffect(() => void load(period), [kind]);

  async function save(what: 'csv' | 'pdf') {
    setError(null);
    const r = what === 'csv' ? await downloadCsv(period, tab === 'series' ? 'department' : tab) : await downloadPdf(period);
    if (r.ok) setStatus(`${t('downloaded')}：${r.data}`);
    else setError(r.error);
  }

  const pts = report?.series.points ?? [];
  const label = (l: string) => (report?.series.unit === 'hour' ? l.slice(0, 2) : l.slice(8));
  return (
    <main class="reports">
      <h1>{t('reportsTitle')}</h1>
      <form class="card row" onSubmit={(e) => (e.preventDefault(), void load(period))}>
        <div role="group" aria-label={t('reportsTitle')} class="row">
          <button type="button" class="btn" aria-pressed={kind === 'daily'} onClick={() => setKind('daily')}>
            {t('daily')}
          </button>
          <button type="button" class="btn" aria-pressed={kind === 'monthly'} onClick={() => setKind('monthly')}>
            {t('monthly')}
          </button>
        </div>
        {kind === 'daily' ? (
          <label class="inline">
            {t('date')} <input type="date" value={day} max={today} onInput={(e) => setDay(e.currentTarget.value)} />
          </label>
        ) : (
          <label class="inline">
            {t('month')} <input type="month" value={month} max={today.slice(0, 7)} onInput={(e) => setMonth(e.currentTarget.value)} />
          </label>
        )}
        <button class="btn primary" type="submit">
          {t('query')}
        </button>
        <button class="btn" type="button" disabled={!report} onClick={() => void save('csv')}>
          {t('downloadCsv')}
        </button>
        <button class="btn" type="button" disabled={!report} onClick={() => void save('pdf')}>
          {t('downloadPdf')}
        </button>
        <span role="status">{status}</span>
      </form>
      <ActionError error={error} />
      {report && (
        <>
          <p>
            {report.hallName} · {t(report.kind === 'daily' ? 'daily' : 'monthly')} · {t('reportPeriod')} {report.from} — {report.to}
          </p>
          <dl class="tiles">
            {(
              [
                [t('issued'), `${report.totals.issued}`],
                [t('served'), `${report.totals.served}`],
                [t('noShowCol'), `${report.totals.noShow}`],
                [t('avgWait'), minutesText(report.totals.avgWaitMinutes)],
                [t('avgService'), minutesText(report.totals.avgServiceMinutes)],
                [t('satisfaction'), percent(report.totals.satisfactionRate)],
                [t('redWarnings'), `${report.totals.warnings.waitRed + report.totals.warnings.serviceRed}`],
                [t('yellowWarnings'), `${report.totals.warnings.waitYellow + report.totals.warnings.serviceYellow}`],
              ] as Array<[string, string]>
            ).map(([k, v]) => (
              <div class="tile" key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
          <section class="card charts" aria-label={t('reportsTitle')}>
            <Chart
              title={report.series.unit === 'hour' ? t('chartPerHour') : t('chartPerDay')}
              unit={report.series.unit === 'hour' ? t('hour') : t('day')}
              labels={pts.map((p) => label(p.label))}
              series={[
                { label: t('issued'), values: pts.map((p) => p.issued), color: '#1d4ed8', kind: 'bars' },
                { label: t('served'), values: pts.map((p) => p.served), color: '#15803d', kind: 'bars' },
              ]}
            />
            <Chart
              title={t('chartTimes')}
              unit={t('minutes')}
              labels={pts.map((p) => label(p.label))}
              series={[
                { label: t('avgWait'), values: pts.map((p) => p.avgWaitMinutes), color: '#b45309', kind: 'line' },
                { label: t('avgService'), values: pts.map((p) => p.avgServiceMinutes), color: '#7c3aed', kind: 'line' },
              ]}
            />
          </section>
          {report.ranking.length > 0 && <RankingCharts report={report} />}
          <section class="card scroll">
            <div role="tablist" aria-label={t('reportsTitle')} class="tabs">
              {TABS.map(([id, key]) => (
                <button key={id} type="button" role="tab" id={`tab-${id}`} aria-controls="report-table" aria-selected={tab === id} onClick={() => setTab(id)}>
                  {t(key)}
                </button>
              ))}
            </div>
            <div role="tabpanel" id="report-table" aria-labelledby={`tab-${tab}`}>
              {tab === 'ranking' ? (
                <RankingTable report={report} />
              ) : (
                <GroupTable
                  rows={report[ROWS[tab as keyof typeof ROWS]]}
                  total={tab === 'department' || tab === 'line' ? report.totals : null}
                  withDept={tab === 'window' || tab === 'staff'}
                />
              )}
            </div>
          </section>
        </>
      )}
    </main>
  );
}

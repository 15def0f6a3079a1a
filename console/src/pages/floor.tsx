import type { Report, Warning } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { Chart } from '../charts/chart.js';
import { minutesText, percent, phaseText } from '../components/format.js';
import { WarningsPanel } from '../components/warnings-panel.js';
import { LineMovesPanel } from '../components/line-moves-panel.js';
import { HelpRequestsPanel } from '../components/help-requests-panel.js';
import { WindowCard } from '../components/window-card.js';
import { loadForPage } from '../net/gate.js';
import { longestWaitNow } from '../store/floor-view.js';
import { devices, floor, hallClock, hubNow, refusedDevices, setup, t, todayReport, warnings } from '../store/store.js';

/** The worst warning touching each window, for the card's flag. */
function windowWarnings(ws: readonly Warning[]): Map<string, 'red' | 'yellow'> {
  const m = new Map<string, 'red' | 'yellow'>();
  for (const w of ws) if (w.windowNo && m.get(w.windowNo) !== 'red') m.set(w.windowNo, w.level);
  return m;
}

function Tiles({ report }: { report: Report | null }) {
  const waiting = floor.value.lines.reduce((n, l) => n + l.waiting, 0);
  const f = report?.totals;
  const tiles: Array<[string, string]> = [
    [t('phase'), phaseText(floor.value.phase)],
    [t('totalWaiting'), `${waiting}`],
    [t('issuedToday'), f ? `${f.issued}` : '—'],
    [t('servedToday'), f ? `${f.served}` : '—'],
    [t('avgWait'), minutesText(f?.avgWaitMinutes ?? null)],
    [t('avgService'), minutesText(f?.avgServiceMinutes ?? null)],
    [t('satisfaction'), percent(f?.satisfactionRate ?? null)],
  ];
  return (
    <dl class="tiles">
      {tiles.map(([k, v]) => (
        <div key={k} class="tile">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Lines() {
  const view = floor.value;
  const now = hubNow();
  return (
    <section class="card" aria-labelledby="lines-title">
      <h2 id="lines-title">{t('linesTitle')}</h2>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('line')}</th>
            <th scope="col" class="num">{t('waiting')}</th>
            <th scope="col" class="num">{t('priorityWaiting')}</th>
            <th scope="col" class="num">{t('longestWait')}</th>
            <th scope="col" class="num">{t('estimatedWait')}</th>
            <th scope="col" class="num">{t('openWindows')}</th>
            <th scope="col" class="num">{t('issuedToday')}</th>
          </tr>
        </thead>
        <tbody>
          {view.lines.map((l) => (
            <tr key={l.id} data-line={l.id}>
              <th scope="row">
                {l.prefix} · {l.name}
              </th>
              <td class="num waiting">{l.waiting}</td>
              <td class="num">{l.waitingPriority}</td>
              <td class="num">{minutesText(longestWaitNow(view, l, now))}</td>
              <td class="num">{minutesText(l.estimatedWaitMinutes)}</td>
              <td class="num">{l.openWindows}</td>
              <td class="num">{l.issuedToday}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function TodayCharts({ report }: { report: Report }) {
  const pts = report.series.points;
  const r = report.totals.ratings;
  return (
    <section class="card charts" aria-label={t('chartPerHour')}>
      <Chart
        title={t('chartPerHour')}
        unit={t('hour')}
        labels={pts.map((p) => p.label.slice(0, 2))}
        series={[
          { label: t('issued'), values: pts.map((p) => p.issued), color: '#1d4ed8', kind: 'bars' },
          { label: t('served'), values: pts.map((p) => p.served), color: '#15803d', kind: 'bars' },
        ]}
      />
      <Chart
        title={t('chartTimes')}
        unit={t('minutes')}
        labels={pts.map((p) => p.label.slice(0, 2))}
        series={[
          { label: t('avgWait'), values: pts.map((p) => p.avgWaitMinutes), color: '#b45309', kind: 'line' },
          { label: t('avgService'), values: pts.map((p) => p.avgServiceMinutes), color: '#7c3aed', kind: 'line' },
        ]}
      />
      <Chart
        title={t('chartRatings')}
        unit={t('count')}
        labels={[t('ratingVerySatisfied'), t('ratingSatisfied'), t('ratingBasic'), t('ratingDissatisfied'), t('ratingVeryDissatisfied'), t('ratingUnrated')]}
        series={[{ label: t('count'), values: [r['very-satisfied'], r.satisfied, r.basic, r.dissatisfied, r['very-dissatisfied'], r.unrated], color: '#0f766e', kind: 'bars' }]}
      />
    </section>
  );
}

export function FloorPage() {
  const [zone, setZone] = useState('');
  useEffect(() => {
    // Today's figures are for managers and auditors: a staff account is refused here, and told so.
    void loadForPage<Report>('/api/reports/daily', (r) => (todayReport.value = r));
  }, []);
  const flagged = windowWarnings(warnings.value);
  const zones = setup.value?.windows.reduce((m, w) => m.set(w.zone, w.zoneName), new Map<string, string>()) ?? new Map<string, string>();
  const zoneOf = new Map(setup.value?.windows.map((w) => [w.no, w.zone]) ?? []);
  const shown = floor.value.windows.filter((w) => !zone || zoneOf.get(w.no) === zone);
  const offline = devices.value?.filter((d) => !d.online) ?? [];
  const report = todayReport.value;
  return (
    <main class="floor">
      <h1 class="sr-only">{t('navFloor')}</h1>
      <Tiles report={report} />
      <div class="floor-grid">
        <section class="card" aria-labelledby="windows-title">
          <div class="row between">
            <h2 id="windows-title">{t('windowsTitle')}</h2>
            <label class="inline">
              {t('zoneFilter')}{' '}
              <select value={zone} onChange={(e) => setZone(e.currentTarget.value)}>
                <option value="">{t('allZones')}</option>
                {[...zones].map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div class="window-grid">
            {shown.map((w) => (
              <WindowCard key={w.no} w={w} warn={flagged.get(w.no) ?? null} />
            ))}
          </div>
        </section>
        <div class="side">
          <WarningsPanel />
          <LineMovesPanel />
          <HelpRequestsPanel />
          <section class="card" aria-labelledby="calls-title">
            <h2 id="calls-title">{t('recentCalls')}</h2>
            <ol class="calls">
              {floor.value.recentCalls.map((c) => (
                <li key={c.seq}>
                  <strong>{c.ticket}</strong> → {c.windowNo} {c.windowName}
                  {c.recall ? `（${t('recall')}）` : ''} <small>{hallClock(Date.parse(c.at))}</small>
                </li>
              ))}
            </ol>
          </section>
          <section class="card" aria-labelledby="devices-title">
            <h2 id="devices-title">{offline.length ? `${t('devicesOffline')}（${offline.length}）` : t('devicesAllOnline')}</h2>
            {offline.length > 0 && (
              <ul class="offline">
                {offline.slice(0, 20).map((d) => (
                  <li key={d.id}>
                    × {d.name} <small>{d.windowNo ? `${t('windowNo')} ${d.windowNo}` : d.type}</small>
                  </li>
                ))}
              </ul>
            )}
            {refusedDevices.value.length > 0 && (
              <>
                <h3>{t('devicesRefused')}</h3>
                <ul class="offline">
                  {refusedDevices.value.map((d) => (
                    <li key={`${d.bridgeId}/${d.id}`}>
                      × {d.id} <small>{d.bridgeId}: {d.reason}</small>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </div>
      </div>
      <Lines />
      {report && <TodayCharts report={report} />}
    </main>
  );
}

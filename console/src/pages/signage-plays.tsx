import type { ErrorBody, ProofOfPlaySummary } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { BarRows } from '../charts/bar-rows.js';
import { ActionError } from '../components/refusal.js';
import { pageRefusal, hubNow, setup, t } from '../store/store.js';
import { signageApi } from '../net/signage-api.js';
import { hallDate, periodOf } from '../signage/hall-time.js';

type By = 'campaign' | 'display';
const DAY = 86_400_000;

const hours = (s: number) => `${(s / 3600).toFixed(1)} h`;

function SummaryBlock({ by, rows }: { by: By; rows: ProofOfPlaySummary }) {
  const max = Math.max(1, ...rows.map((r) => r.seconds));
  const title = t(by === 'campaign' ? 'playsByCampaign' : 'playsByScreen');
  return (
    <section class="card" aria-labelledby={`plays-${by}`} data-summary={by}>
      <h2 id={`plays-${by}`}>{title}</h2>
      {rows.length === 0 ? (
        <p class="muted">{t('noPlays')}</p>
      ) : (
        <>
          <BarRows id={`chart-plays-${by}`} title={t('playedTime')} unit={t('hoursUnit')} max={max} color="#1d4ed8" rows={rows.map((r) => ({ key: r.key, label: r.name, value: r.seconds, text: hours(r.seconds) }))} />
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('nameCol')}</th>
                <th scope="col" class="num">{t('playsCount')}</th>
                <th scope="col" class="num">{t('playedTime')}</th>
                {by === 'campaign' && <th scope="col" class="num">{t('screensCount')}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-row={r.key}>
                  <th scope="row">{r.name}</th>
                  <td class="num">{r.plays}</td>
                  <td class="num">{hours(r.seconds)}</td>
                  {by === 'campaign' && <td class="num">{r.screens}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** Proof of play: what each campaign and each screen showed over a period, charted, tabled, and as CSV. */
export function PlaysPage() {
  const tz = setup.value?.hall.timeZone ?? 'Asia/Shanghai';
  // Unchosen, the last seven days on the hub's clock (which the live link may only just have brought).
  const [fromChosen, setFromDay] = useState('');
  const [toChosen, setToDay] = useState('');
  const fromDay = fromChosen || hallDate(hubNow() - 6 * DAY, tz);
  const toDay = toChosen || hallDate(hubNow(), tz);
  const [byCampaign, setByCampaign] = useState<ProofOfPlaySummary | null>(null);
  const [byScreen, setByScreen] = useState<ProofOfPlaySummary | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const period = periodOf(fromDay, toDay, tz);

  useEffect(() => {
    if (!period) return;
    let stale = false;
    void Promise.all([signageApi.playSummary('campaign', period), signageApi.playSummary('display', period)]).then(([c, d]) => {
      if (stale) return;
      const refused = !c.ok ? c : !d.ok ? d : null;
      if (refused && refused.status === 403) pageRefusal.value = { status: refused.status, error: refused.error };
      setError(refused ? refused.error : null);
      setByCampaign(c.ok ? c.data : null);
      setByScreen(d.ok ? d.data : null);
    });
    return () => {
      stale = true;
    };
  }, [period?.from, period?.to]);

  return (
    <>
      <section class="card" aria-labelledby="plays-title">
        <h2 id="plays-title">{t('playsTitle')}</h2>
        <p class="muted">{t('playsHint')}</p>
        <div class="row">
          <label class="inline">
            {t('fromDay')} <input type="date" value={fromDay} max={toDay} onInput={(e) => setFromDay(e.currentTarget.value)} />
          </label>
          <label class="inline">
            {t('toDay')} <input type="date" value={toDay} min={fromDay} onInput={(e) => setToDay(e.currentTarget.value)} />
          </label>
          <button type="button" class="btn" disabled={!period} onClick={() => period && void signageApi.playCsv(period).then((r) => setError(r.ok ? null : r.error))}>
            {t('playsCsv')}
          </button>
        </div>
        <ActionError error={error} />
      </section>
      {byCampaign && <SummaryBlock by="campaign" rows={byCampaign} />}
      {byScreen && <SummaryBlock by="display" rows={byScreen} />}
    </>
  );
}

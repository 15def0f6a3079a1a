import type { Guide } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { GuideBasis, GuideCodes, GuideFees, GuideOverview } from '../components/guide-details.js';
import { GuideMaterials } from '../components/guide-materials.js';
import { Qr } from '../components/qr.js';
import { Refusal } from '../components/refusal.js';
import { cachedGet, type ApiResult } from '../net/api.js';
import { newRequestId } from '../net/request-id.js';
import { printAndFollow } from '../net/print.js';
import { connected, go, lastGuide, t } from '../store/store.js';

function limit(days: number | null, unit: string, explain: string | null): string {
  if (days === null) return explain ?? '—';
  if (days === 0) return explain ?? t('immediate');
  return `${days} ${unit === 'natural-day' ? t('naturalDays') : t('workingDays')}${explain ? `（${explain}）` : ''}`;
}

/** A guide in full, in the order a visitor needs it: whether they need to come at all, then what to bring. */
export function GuidePage({ id }: { id: string }) {
  const [r, setR] = useState<ApiResult<Guide> | null>(null);
  const [print, setPrint] = useState<'idle' | 'printing' | 'unknown' | 'done' | 'failed'>('idle');
  // One key for this page's sheet: a second tap, or a resend after an outage, never prints a second copy.
  const [printKey, setPrintKey] = useState(() => newRequestId('kiosk-guide'));
  useEffect(() => {
    void cachedGet<Guide>(`/api/catalog/services/${encodeURIComponent(id)}`).then((x) => {
      setR(x);
      if (x.ok) lastGuide.value = x.data;
    });
  }, [id]);
  if (!r) return <main>{t('loading')}</main>;
  if (!r.ok) return <main><Refusal error={r.error} /></main>;
  const g = r.data;
  const onlineUrl = g.onlineUrl ?? g.mobileUrl;
  const doPrint = async () => {
    setPrint('printing');
    const outcome = await printAndFollow('/api/print/guide', { serviceId: g.id }, printKey, setPrint);
    setPrint(outcome);
    // A sheet the printer did not print is offered again: the next tap is a new request.
    if (outcome === 'failed') setPrintKey(newRequestId('kiosk-guide'));
  };
  return (
    <main>
      <h2>{g.name}</h2>
      <div class="row">
        <span>{g.deptName}</span>
        <span class="badge">{g.taskTypeName}</span>
        {g.rongqueAllowed && <span class="badge warn">{t('rongque')}</span>}
      </div>
      {g.fullyOnline && onlineUrl && (
        <section class="card">
          <h3>{t('fullyOnline')}</h3>
          <Qr url={onlineUrl} label={t('onlineAddress')} />
        </section>
      )}
      <div class="row">
        <button type="button" class="btn primary" disabled={!connected.value || print === 'printing' || print === 'unknown'} onClick={doPrint}>
          {t('printSheet')}
        </button>
        {g.lineId ? (
          <button type="button" class="btn" disabled={!connected.value} onClick={() => go({ name: 'take-ticket', lineId: g.lineId ?? undefined, serviceId: g.id })}>
            {connected.value ? t('takeTicketFor') : `${t('takeTicket')}：${t('unavailable')}`}
          </button>
        ) : (
          <span>{t('noQueueForService')}</span>
        )}
      </div>
      {print !== 'idle' && (
        <p role="status" data-print={print}>
          {print === 'printing' ? t('printing') : print === 'unknown' ? t('resultUnknown') : print === 'done' ? t('printed') : t('printFailed')}
        </p>
      )}
      <GuideOverview g={g} />
      {g.conditions && (
        <section class="card">
          <h3>{t('conditions')}</h3>
          <p>{g.conditions}</p>
        </section>
      )}
      <GuideMaterials g={g} />
      <section class="card">
        <h3>{t('timeLimits')}</h3>
        <p>
          {t('legalLimit')}：{limit(g.legalTimeLimit.days, g.legalTimeLimit.unit, g.legalTimeLimit.explain)}
          <br />
          {t('promisedLimit')}：{limit(g.promisedTimeLimit.days, g.promisedTimeLimit.unit, g.promisedTimeLimit.explain)}
        </p>
        <h3>{t('fees')}</h3>
        <GuideFees g={g} />
      </section>
      {g.processSteps.length > 0 && (
        <section class="card">
          <h3>{t('process')}</h3>
          <ol>
            {g.processSteps.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        </section>
      )}
      <section class="card">
        <h3>{t('whereToGo')}</h3>
        {g.address && <p>{g.address}</p>}
        {g.windows.length > 0 && (
          <p>
            {t('windowsServing')}：{g.windows.map((w) => `${w.no}号 ${w.name}`).join('、')}
          </p>
        )}
        {g.hours && <p>{t('hours')}：{g.hours}</p>}
        {g.contact && <p>{t('phone')}：{g.contact}</p>}
        {g.supervision && <p>{t('supervision')}：{g.supervision}</p>}
        {g.appointmentSupported && <p>{t('appointment')}</p>}
        {g.visitsNeeded !== null && (
          <p>
            {t('visits')}：{g.visitsNeeded} {t('visitsTimes')}
          </p>
        )}
        {g.resultsByPost && <p>{t('mail')}</p>}
        {!g.fullyOnline && onlineUrl && <Qr url={onlineUrl} label={t('onlineAddress')} />}
        {g.mobileUrl && g.mobileUrl !== onlineUrl && <Qr url={g.mobileUrl} label={t('mobileAddress')} />}
      </section>
      {g.faqs.length > 0 && (
        <section class="card">
          <h3>{t('faqs')}</h3>
          {g.faqs.map((f, i) => (
            <p key={i}>
              <b>问：{f.question}</b>
              <br />
              答：{f.answer}
            </p>
          ))}
        </section>
      )}
      <GuideBasis g={g} />
      <GuideCodes g={g} />
    </main>
  );
}

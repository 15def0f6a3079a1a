import type { ErrorBody, RongqueView } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { ActionError } from '../components/refusal.js';
import { rongqueApi } from '../net/hall-services.js';
import { hallClock, hallDay, t } from '../store/store.js';

const when = (iso: string) => `${hallDay(Date.parse(iso)).slice(5)} ${hallClock(Date.parse(iso))}`;

/**
 * 容缺受理 on the supervision page: the cases still waiting for their materials, overdue ones first and marked
 * in words beside the colour, with the supply recorded when the materials come.
 */
export function RongqueSection() {
  const [view, setView] = useState<RongqueView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const load = () => void rongqueApi.view().then((r) => (r.ok ? (setView(r.data), setError(null)) : setError(r.error)));
  useEffect(() => {
    load();
    const timer = setInterval(load, 15_000);
    return () => clearInterval(timer);
  }, []);
  const cases = view ? [...view.cases].sort((a, b) => (a.state === b.state ? 0 : a.state === 'overdue' ? -1 : 1)) : [];
  return (
    <section class="card scroll" aria-labelledby="rongque-title" data-section="rongque">
      <h2 id="rongque-title">{t('rongqueTitle')}</h2>
      <ActionError error={error} />
      {view && (
        <p class={view.overdue ? 'warning red' : 'note'} role={view.overdue ? 'alert' : undefined}>
          {t('rongqueOpen')} <strong data-count="open">{view.open}</strong> · {t('rongqueOverdue')} <strong data-count="overdue">{view.overdue}</strong>
          {view.credit.fetchedAt === null ? ` · ${t('rongqueCreditOff')}` : ` · ${t('rongqueCredit')} ${view.credit.entries}`}
        </p>
      )}
      {view && cases.length === 0 && <p>{t('rongqueNone')}</p>}
      {cases.length > 0 && (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('businessName')}</th>
              <th scope="col">{t('applicant')}</th>
              <th scope="col">{t('rongqueWindow')}</th>
              <th scope="col">{t('rongqueMissing')}</th>
              <th scope="col">{t('rongqueDeadline')}</th>
              <th scope="col">{t('handling')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id} data-rongque={c.id} data-state={c.state} class={c.state === 'overdue' ? 'warning red' : undefined}>
                <th scope="row">
                  {c.serviceName}
                  <br />
                  <small>{c.departmentName}</small>
                </th>
                <td>{c.applicant}</td>
                <td>
                  {c.windowNo} · {c.ticketNo} · {when(c.acceptedAt)}
                </td>
                <td>{c.missing.join('、')}</td>
                <td>
                  {c.deadlineDay}
                  {c.state === 'overdue' && <span class="flag red"> ■ {t('rongqueOverdue')}</span>}
                </td>
                <td>
                  <button type="button" class="btn" onClick={() => void rongqueApi.supplied(c.id).then((r) => (r.ok ? load() : setError(r.error)))}>
                    {t('rongqueSupplied')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

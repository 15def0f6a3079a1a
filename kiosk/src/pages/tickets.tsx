import type { ErrorBody, TicketView } from '@hall/shared';
import { useState } from 'preact/hooks';
import { Keyboard, applyKey } from '../components/keyboard.js';
import { Refusal } from '../components/refusal.js';
import { useQrSvg } from '../components/qr-svg.js';
import { get, post, type ApiResult } from '../net/api.js';
import { printAndFollow, type PrintProgress } from '../net/print.js';
import { newRequestId } from '../net/request-id.js';
import { go, hall, hallTimeText, hub, lang, noShowText, route, t } from '../store/store.js';
import type { MessageKey } from '../i18n/messages.js';
import { SmsOptIn, noSms, smsFields, type SmsChoice } from '../components/sms-opt-in.js';

/** A fresh key per attempt: a retry of the same tap (e.g. after a timeout) gets the same ticket, never two. */
const requestId = () => newRequestId('kiosk');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a request that makes a ticket until the hub answers: while it cannot be reached the visitor is told the
 * result is unknown, and the same request (same key) goes again — so it makes one ticket, whatever happened to
 * the first send.
 */
async function untilAnswered<T>(send: () => Promise<ApiResult<T>>, onUnknown: () => void): Promise<ApiResult<T>> {
  for (;;) {
    const r = await send();
    if (r.ok || !r.offline) return r;
    onUnknown();
    await pause(1000);
  }
}

async function issued(ticket: TicketView, key: string): Promise<void> {
  go({ name: 'ticket', ticket, printed: 'printing' });
  const show = (printed: PrintProgress) => {
    const r = route.value;
    if (r.name === 'ticket' && r.ticket.id === ticket.id && r.printed !== printed) route.value = { ...r, printed };
  };
  // The print's own key, made from the ticket request's: one ticket, one slip.
  show(await printAndFollow('/api/print/ticket', { ticketId: ticket.id }, `${key}-print`, show));
}

export function TakeTicket({ lineId, serviceId }: { lineId?: string | undefined; serviceId?: string | undefined }) {
  const [chosen, setChosen] = useState<string | undefined>(lineId);
  const [group, setGroup] = useState<string | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [unknown, setUnknown] = useState(false);
  const [sms, setSms] = useState<SmsChoice>(noSms);
  const [rid] = useState(requestId);
  const lines = hub.value.lines.length ? hub.value.lines : [];
  const take = async (useIdCard: boolean) => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    const body = serviceId && chosen === lineId ? { serviceId, requestId: rid } : { lineId: chosen, requestId: rid };
    const send = () =>
      post<TicketView>('/api/tickets', {
        ...body,
        channel: 'kiosk',
        ...(group ? { priorityGroup: group } : {}),
        ...(useIdCard ? { useIdCard: true } : {}),
        ...smsFields(sms),
      });
    const r = await untilAnswered(send, () => setUnknown(true));
    setBusy(false);
    setUnknown(false);
    if (r.ok) await issued(r.data, rid);
    else setError(r.error);
  };
  return (
    <main class={sms.open ? 'take-ticket sms-open' : 'take-ticket'}>
      <h2>{t('chooseLine')}</h2>
      <div class="tiles">
        {lines.map((l) => (
          <button type="button" class="tile" key={l.id} aria-pressed={chosen === l.id} onClick={() => setChosen(l.id)} disabled={!l.ticketing}>
            <strong>
              {chosen === l.id ? '√ ' : ''}
              {l.prefix} · {lang.value === 'en' && l.nameEn ? l.nameEn : l.name}
            </strong>
            <span>
              {t('waitingNow')} {l.waiting} {t('people')}
              {l.estimatedWaitMinutes !== null ? ` · ≈${l.estimatedWaitMinutes} ${t('minutes')}` : ''}
              {!l.ticketing ? ` · ${t('closedToday')}` : ''}
            </span>
          </button>
        ))}
      </div>
      <section class="card">
        <h3>{t('greenChannel')}</h3>
        <p>{t('greenChannelHint')}</p>
        <div class="row">
          <button type="button" class="btn" aria-pressed={group === null} onClick={() => setGroup(null)}>
            {group === null ? '√ ' : ''}
            {t('normal')}
          </button>
          {hall.value?.priorityGroups.map((g) => (
            <button type="button" class="btn" key={g.id} aria-pressed={group === g.id} onClick={() => setGroup(g.id)}>
              {group === g.id ? '√ ' : ''}
              {lang.value === 'zh' ? g.name : g.nameEn}
            </button>
          ))}
        </div>
      </section>
      <SmsOptIn
        value={sms}
        onChange={(c) => {
          setSms(c);
          setError(null);
        }}
      />
      {error && <Refusal error={error} />}
      {unknown && (
        <p role="status" data-ticket="unknown">
          {t('resultUnknown')}
        </p>
      )}
      <div class="row">
        <button type="button" class="btn primary" disabled={!chosen || busy} onClick={() => take(false)}>
          {t('confirmTicket')}
        </button>
        <button type="button" class="btn" disabled={!chosen || busy} onClick={() => take(true)}>
          {t('idCardTicket')}
        </button>
        <span>{t('idCardHint')}</span>
      </div>
    </main>
  );
}

export function TicketPage({ ticket, printed }: { ticket: TicketView; printed: 'printing' | 'unknown' | 'done' | 'failed' | 'none' }) {
  const printedText: Record<typeof printed, MessageKey | null> = {
    printing: 'printing',
    unknown: 'resultUnknown',
    done: 'ticketPrinted',
    failed: 'ticketNotPrinted',
    none: null,
  };
  const msg = printedText[printed];
  const qr = useQrSvg(ticket.id);
  // the phone page's address, drawn on the kiosk: offered when the ticket did not print
  const phoneUrl = `${hall.value?.visitorUrl ?? location.origin}/m/#${ticket.id}`;
  const phoneQr = useQrSvg(phoneUrl);
  return (
    <main class="ticket-result">
      <h2>{t('yourNumber')}</h2>
      <div class="ticket-number" aria-live="polite">
        {ticket.number}
      </div>
      <p style={{ textAlign: 'center' }}>{ticket.lineName}</p>
      <div class="big-facts">
        <div>
          {t('ahead')}
          <b>
            {ticket.peopleAhead ?? 0} {t('people')}
          </b>
        </div>
        <div>
          {t('estimatedWait')}
          <b>{ticket.estimatedWaitMinutes === null ? '—' : `≈${ticket.estimatedWaitMinutes} ${t('minutes')}`}</b>
        </div>
        <div>
          {t('servingWindows')}
          <b>{ticket.servingWindows.join('、') || '—'}</b>
        </div>
        <div>
          {t('issuedAt')}
          <b>{hallTimeText(ticket.issuedAt, 'time')}</b>
        </div>
      </div>
      {msg && (
        <p role="status" class={printed === 'failed' ? 'print-failed' : undefined} data-print={printed}>
          {t(msg)}
        </p>
      )}
      {printed === 'failed' && (
        <ul class="print-alternatives" aria-label={t('printAlternatives')}>
          <li>{t('photoThisPage')}</li>
          <li>{t('scanForPhone')}</li>
          <li>{t('askDeskReprint')}</li>
          <li class="phone-qr">
            {phoneQr && <img src={phoneQr} data-qr={phoneUrl} alt={t('scanForPhone')} />}
          </li>
        </ul>
      )}
      <div class="qr">
        {qr && <img src={qr} alt={`${t('yourNumber')} ${ticket.number}`} />}
        <div>{t('ticketQr')}</div>
      </div>
      <p>{t('pleaseWait')}</p>
      {noShowText() && <p class="no-show-help">{noShowText()}</p>}
      <button type="button" class="btn primary" onClick={() => go({ name: 'home' })}>
        {t('home')}
      </button>
    </main>
  );
}

export function CheckIn() {
  const [code, setCode] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [rid] = useState(requestId);
  const [unknown, setUnknown] = useState(false);
  const submit = async () => {
    const r = await untilAnswered(() => post<TicketView>('/api/appointments/check-in', { code, requestId: rid }), () => setUnknown(true));
    setUnknown(false);
    if (r.ok) await issued(r.data, rid);
    else setError(r.error);
  };
  return (
    <main>
      <h2>{t('appointmentCode')}</h2>
      <input class="search-box" value={code} aria-label={t('appointmentCode')} onInput={(e) => setCode((e.target as HTMLInputElement).value.toUpperCase())} />
      <Keyboard digits onKey={(k) => setCode((v) => applyKey(v, k, 32).trim())} />
      {error && <Refusal error={error} />}
      {unknown && <p role="status">{t('resultUnknown')}</p>}
      <button type="button" class="btn primary" disabled={code.length === 0 || unknown} onClick={submit}>
        {t('checkInButton')}
      </button>
    </main>
  );
}

const STATUS: Record<string, MessageKey> = {
  waiting: 'statusWaiting',
  called: 'statusCalled',
  serving: 'statusServing',
  done: 'statusDone',
  'no-show': 'statusNoShow',
};

export function MyTicket() {
  const [number, setNumber] = useState('');
  const [result, setResult] = useState<TicketView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const lookUp = async () => {
    setError(null);
    const r = await get<TicketView>(`/api/tickets/by-number/${encodeURIComponent(number)}`);
    if (r.ok) setResult(r.data);
    else {
      setResult(null);
      setError(r.error);
    }
  };
  return (
    <main>
      <h2>{t('enterTicketNumber')}</h2>
      <input class="search-box" value={number} aria-label={t('enterTicketNumber')} onInput={(e) => setNumber((e.target as HTMLInputElement).value.toUpperCase())} />
      <Keyboard digits onKey={(k) => setNumber((v) => applyKey(v, k, 6).replace(/\s/g, ''))} />
      <button type="button" class="btn primary" disabled={!/^[A-Z]{1,3}[0-9]{3}$/.test(number)} onClick={lookUp}>
        {t('query')}
      </button>
      {error && <Refusal error={error} />}
      {result && (
        <section class="card" aria-live="polite">
          <div class="ticket-number">{result.number}</div>
          <p>
            {t('status')}：<b>{t(STATUS[result.status] ?? 'statusOther')}</b>
            {result.windowNo && (result.status === 'called' || result.status === 'serving') ? ` — ${t('goToWindow')} ${result.windowNo}` : ''}
          </p>
          {result.status === 'no-show' && noShowText() && <p class="no-show-help">{noShowText()}</p>}
          {result.status === 'waiting' && (
            <p>
              {t('ahead')} {result.peopleAhead ?? 0} {t('people')} · {t('estimatedWait')} ≈{result.estimatedWaitMinutes ?? '—'} {t('minutes')}
            </p>
          )}
        </section>
      )}
    </main>
  );
}

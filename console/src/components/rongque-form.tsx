import type { ErrorBody, PrintJobView, RongqueBody, RongqueDeskView, WindowView } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { rongqueApi } from '../net/hall-services.js';
import { t } from '../store/store.js';
import { RongqueOutcome, type Outcome } from './rongque-outcome.js';

/** An ID number as the screen shows it while typed: first 6 and last 4 only, as everywhere else in the hall. */
const maskIdNumber = (n: string): string => (n.length <= 10 ? '*'.repeat(n.length) : `${n.slice(0, 6)}${'*'.repeat(n.length - 10)}${n.slice(-4)}`);

type Kind = 'person' | 'organisation';

/**
 * 容缺受理 at the caller: for the ticket in hand, staff tick the missing materials (only those the guide marks
 * 容缺 are offered), set the supply deadline, enter the applicant (the number masked on screen) and, with the
 * applicant's consent, a phone for the reminder. The hub decides — credit lists, the guide, the deadline — and
 * prints the 通知书 on the window's printer; the outcome (and the print's progress) stays on screen until the
 * next ticket.
 */
export function RongqueForm({ w }: { w: WindowView }) {
  const inHand = w.currentTicket !== null && (w.status === 'calling' || w.status === 'serving');
  const [open, setOpen] = useState(false);
  const [desk, setDesk] = useState<RongqueDeskView | null>(null);
  const [loadError, setLoadError] = useState<ErrorBody | null>(null);
  const [serviceId, setServiceId] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const [days, setDays] = useState(5);
  const [kind, setKind] = useState<Kind>('person');
  const [number, setNumber] = useState('');
  const [name, setName] = useState('');
  const [consent, setConsent] = useState(false);
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [pickOne, setPickOne] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [job, setJob] = useState<PrintJobView | null>(null);

  // A new ticket in hand starts a clean form: nothing of the last applicant stays on screen.
  useEffect(() => {
    setOpen(false);
    setOutcome(null);
    setJob(null);
    setMissing([]);
    setNumber('');
    setName('');
    setConsent(false);
    setPhone('');
  }, [w.currentTicket]);

  useEffect(() => {
    if (!open) return;
    void rongqueApi.desk(w.no).then((r) => {
      if (!r.ok) return setLoadError(r.error);
      setLoadError(null);
      setDesk(r.data);
      setDays(r.data.supplyWorkingDays);
      setServiceId((id) => (r.data.services.some((s) => s.id === id) ? id : (r.data.services[0]?.id ?? '')));
    });
  }, [open, w.no, w.currentTicket]);

  // The 通知书's print job, followed until it printed or cannot.
  const jobId = outcome?.ok ? outcome.data.printJobId : null;
  useEffect(() => {
    if (!jobId) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = () =>
      void rongqueApi.printJob(jobId).then((r) => {
        if (stop) return;
        if (r.ok) setJob(r.data);
        if (!r.ok || r.data.status === 'queued' || r.data.status === 'sending') timer = setTimeout(look, 1000);
      });
    look();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [jobId]);

  const service = desk?.services.find((s) => s.id === serviceId) ?? null;
  const toggle = (m: string) => setMissing(missing.includes(m) ? missing.filter((x) => x !== m) : [...missing, m]);

  async function submit(e: Event) {
    e.preventDefault();
    if (!desk || !service || w.currentTicket === null) return;
    if (missing.length === 0) return setPickOne(true);
    setPickOne(false);
    const id = number.trim().toUpperCase();
    const body: RongqueBody = {
      ticketNo: w.currentTicket,
      serviceId: service.id,
      applicant: kind === 'person' ? { kind, idNumber: id, name: name.trim() } : { kind, creditCode: id, name: name.trim() },
      // in the guide's order, whatever order they were ticked in
      missing: service.materials.filter((m) => missing.includes(m)),
      supplyWorkingDays: days,
      ...(desk.sms && consent ? { phone: phone.trim(), smsConsent: true } : {}),
      ...(desk.printerId ? { printerId: desk.printerId } : {}),
    };
    setBusy(true);
    setJob(null);
    const r = await rongqueApi.accept(w.no, body);
    setBusy(false);
    setOutcome(r.ok ? { ok: true, data: r.data } : { ok: false, error: r.error });
    // Accepted: the form folds away and the applicant's details leave the screen; the outcome stays.
    if (r.ok) {
      setOpen(false);
      setNumber('');
      setName('');
      setPhone('');
      setConsent(false);
    }
  }

  return (
    <div class="rongque" data-rongque-form>
      <div class="row">
        <button type="button" class="btn" aria-expanded={open} disabled={!inHand} onClick={() => setOpen(!open)}>
          {t('rqOpenForm')}
        </button>
        {!inHand && <span class="muted">{t('rqNoTicket')}</span>}
      </div>
      {open && (
        <form class="panel rongque-form" aria-labelledby="rq-title" onSubmit={(e) => void submit(e)}>
          <h3 id="rq-title">
            {t('rqFormTitle')} · {w.currentTicket}
          </h3>
          {loadError && <Said error={loadError} />}
          {desk && desk.services.length === 0 && <p class="note">{t('rqNoService')}</p>}
          {desk && service && (
            <>
              <label class="field">
                {t('rqService')}
                <select value={serviceId} onChange={(e) => (setServiceId(e.currentTarget.value), setMissing([]))}>
                  {desk.services.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}（{s.deptName}）
                    </option>
                  ))}
                </select>
              </label>
              <fieldset>
                <legend>{t('rqMissing')}</legend>
                {service.materials.map((m) => (
                  <label key={m} class="check">
                    <input type="checkbox" checked={missing.includes(m)} onChange={() => toggle(m)} /> {m}
                  </label>
                ))}
                {pickOne && <p class="action-error" role="alert">{t('rqPickOne')}</p>}
              </fieldset>
              <label class="field">
                {t('rqDays')}
                <input type="number" required min={1} max={30} value={days} onInput={(e) => setDays(Number(e.currentTarget.value))} />
              </label>
              <ApplicantFields kind={[kind, setKind]} number={[number, setNumber]} name={[name, setName]} consent={[consent, setConsent]} phone={[phone, setPhone]} sms={desk.sms} />
              <div class="row">
                <button type="submit" class="btn primary" disabled={busy}>
                  {t('rqSubmit')}
                </button>
              </div>
            </>
          )}
        </form>
      )}
      {outcome && <RongqueOutcome outcome={outcome} job={job} printer={desk?.printerId ?? null} />}
    </div>
  );
}

type Draft<T> = [T, (v: T) => void];

/** Who applies: the number masked on screen as it is typed, and the SMS reminder only with the applicant's consent. */
function ApplicantFields(props: { kind: Draft<Kind>; number: Draft<string>; name: Draft<string>; consent: Draft<boolean>; phone: Draft<string>; sms: boolean }) {
  const [kind, setKind] = props.kind;
  const [number, setNumber] = props.number;
  const [name, setName] = props.name;
  const [consent, setConsent] = props.consent;
  const [phone, setPhone] = props.phone;
  return (
    <>
      <fieldset>
        <legend>{t('rqApplicantKind')}</legend>
        {(['person', 'organisation'] as const).map((k) => (
          <label key={k} class="check">
            <input type="radio" name="rq-kind" checked={kind === k} onChange={() => (setKind(k), setNumber(''))} /> {t(k === 'person' ? 'rqPerson' : 'rqOrganisation')}
          </label>
        ))}
      </fieldset>
      <label class="field">
        {t(kind === 'person' ? 'rqIdNumber' : 'rqCreditCode')}
        <input
          type="password"
          autocomplete="off"
          spellcheck={false}
          required
          pattern={kind === 'person' ? '[0-9]{17}[0-9Xx]' : '[0-9A-Za-z]{18}'}
          maxLength={18}
          value={number}
          onInput={(e) => setNumber(e.currentTarget.value)}
        />
      </label>
      <p class="muted" data-id-shown>
        {t('rqIdShown')}：{kind === 'person' ? maskIdNumber(number.trim()) : number.trim().toUpperCase()}
      </p>
      <label class="field">
        {t('rqName')}
        <input required maxLength={kind === 'person' ? 50 : 100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      {props.sms ? (
        <>
          <label class="check">
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} /> {t('rqSmsConsent')}
          </label>
          {consent && (
            <label class="field">
              {t('rqPhone')}
              <input type="tel" required pattern="1[3-9][0-9]{9}" maxLength={11} value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
            </label>
          )}
        </>
      ) : (
        <p class="muted">{t('rqSmsOff')}</p>
      )}
    </>
  );
}

/** A refusal to load the form (容缺 off in this hall, not posted here): both languages. */
function Said({ error }: { error: ErrorBody }) {
  return (
    <p class="action-error" role="alert">
      <span lang="zh-CN">{error.message}</span> <span lang="en">{error.messageEn}</span>
    </p>
  );
}

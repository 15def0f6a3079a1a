import { t } from '../store/store.js';

export interface SmsChoice {
  open: boolean;
  phone: string;
  consent: boolean;
}

export const noSms: SmsChoice = { open: false, phone: '', consent: false };

/** What the ticket request carries: a phone only when complete and agreed to (the hub refuses it otherwise). */
export function smsFields(c: SmsChoice): { phone?: string; smsConsent?: boolean } {
  return c.open && c.phone.length > 0 ? { phone: c.phone, smsConsent: c.consent } : {};
}

const PAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/**
 * 到号短信提醒 (optional): the visitor's mobile number on a number pad, and an explicit, unticked-by-default
 * consent to one text message when their turn is near. Closed unless the visitor opens it.
 */
export function SmsOptIn({ value, onChange }: { value: SmsChoice; onChange: (c: SmsChoice) => void }) {
  if (!value.open) {
    return (
      <button type="button" class="btn" onClick={() => onChange({ ...value, open: true })}>
        {t('smsOptIn')}
      </button>
    );
  }
  const set = (phone: string) => onChange({ ...value, phone });
  return (
    <section class="card" aria-label={t('smsOptIn')}>
      <h3>{t('smsOptIn')}</h3>
      <p>{t('smsExplain')}</p>
      <p style={{ fontSize: '1.8rem', letterSpacing: '0.12em' }} aria-live="polite" aria-label={t('smsPhone')}>
        {value.phone || '—'}
      </p>
      <div class="keyboard" role="group" aria-label={t('smsPhone')}>
        {PAD.map((d) => (
          <button type="button" key={d} onClick={() => set((value.phone + d).slice(0, 11))}>
            {d}
          </button>
        ))}
        <button type="button" class="wide" onClick={() => set(value.phone.slice(0, -1))}>
          {t('delete')}
        </button>
      </div>
      <label class="row" style={{ minHeight: '64px', fontSize: '1.2rem' }}>
        <input type="checkbox" checked={value.consent} style={{ width: '40px', height: '40px' }} onChange={(e) => onChange({ ...value, consent: (e.target as HTMLInputElement).checked })} />
        {t('smsConsent')}
      </label>
      <button type="button" class="btn" onClick={() => onChange({ ...noSms })}>
        {t('smsNo')}
      </button>
    </section>
  );
}

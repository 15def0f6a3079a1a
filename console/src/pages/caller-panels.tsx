import { setup, t } from '../store/store.js';

/** The caller's fold-out forms. Their drafts live in the caller page, so a panel closed and opened keeps them. */

type Draft<T> = [T, (v: T) => void];
export type Placement = 'front' | 'keep' | 'end';

export function CallPanel({ busy, number: [number, setNumber], onCall }: { busy: boolean; number: Draft<string>; onCall: (number: string) => void }) {
  return (
    <form class="row panel" onSubmit={(e) => (e.preventDefault(), onCall(number.trim().toUpperCase()))}>
      <label class="inline">
        {t('ticketNumber')} <input value={number} required pattern="[A-Za-z]{1,3}[0-9]{3}" size={6} onInput={(e) => setNumber(e.currentTarget.value)} />
      </label>
      <button class="btn primary" type="submit" disabled={busy}>
        {t('call')}
      </button>
    </form>
  );
}

export function TransferPanel(props: {
  busy: boolean;
  /** the window transferring: not offered as a target */
  windowNo: string;
  target: Draft<string>;
  placement: Draft<Placement>;
  onTransfer: (body: Record<string, unknown>) => void;
}) {
  const s = setup.value!;
  const [target, setTarget] = props.target;
  const [placement, setPlacement] = props.placement;
  return (
    <form
      class="row panel"
      onSubmit={(e) => {
        e.preventDefault();
        const [kind, id] = target.split(':');
        props.onTransfer({ ...(kind === 'line' ? { toLineId: id } : { toWindowNo: id }), placement });
      }}
    >
      <label class="inline">
        {t('transferTo')}{' '}
        <select required value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
          <option value="">—</option>
          <optgroup label={t('toLine')}>
            {s.lines.map((l) => (
              <option key={l.id} value={`line:${l.id}`}>
                {l.prefix} · {l.name}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('toWindow')}>
            {s.windows.filter((x) => x.no !== props.windowNo).map((x) => (
              <option key={x.no} value={`window:${x.no}`}>
                {x.no} · {x.name}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <label class="inline">
        {t('placement')}{' '}
        <select value={placement} onChange={(e) => setPlacement(e.currentTarget.value as Placement)}>
          <option value="front">{t('placeFront')}</option>
          <option value="keep">{t('placeKeep')}</option>
          <option value="end">{t('placeEnd')}</option>
        </select>
      </label>
      <button class="btn primary" type="submit" disabled={props.busy}>
        {t('confirm')}
      </button>
    </form>
  );
}

export function PausePanel(props: { busy: boolean; reason: Draft<string>; otherReason: Draft<string>; onPause: (reason: string) => void }) {
  const [reason, setReason] = props.reason;
  const [otherReason, setOtherReason] = props.otherReason;
  return (
    <form class="row panel" onSubmit={(e) => (e.preventDefault(), props.onPause(reason === '' ? otherReason.trim() : reason))}>
      <label class="inline">
        {t('pauseReason')}{' '}
        <select value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
          {setup.value!.pauseReasons.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
          <option value="">{t('otherReason')}…</option>
        </select>
      </label>
      {reason === '' && (
        <label class="inline">
          {t('otherReason')} <input required maxLength={100} value={otherReason} onInput={(e) => setOtherReason(e.currentTarget.value)} />
        </label>
      )}
      <button class="btn primary" type="submit" disabled={props.busy}>
        {t('confirm')}
      </button>
    </form>
  );
}

/** The window's suspended tickets, each resumable with one press. */
export function SuspendedTickets({ numbers, disabled, onResume }: { numbers: string[]; disabled: boolean; onResume: (n: string) => void }) {
  if (numbers.length === 0) return null;
  return (
    <div class="row">
      {t('suspended')}:
      {numbers.map((n) => (
        <button key={n} type="button" class="btn" disabled={disabled} onClick={() => onResume(n)}>
          {t('resumeTicket')} {n}
        </button>
      ))}
    </div>
  );
}

import type { ErrorBody, WindowView } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { ActionError } from '../components/refusal.js';
import { WindowCard } from '../components/window-card.js';
import { AbPostPanel } from '../components/ab-post-panel.js';
import { CallerWarnings } from '../components/caller-warnings.js';
import { RongqueForm } from '../components/rongque-form.js';
import { CallPanel, PausePanel, SuspendedTickets, TransferPanel, type Placement } from './caller-panels.js';
import { resumeByNumber, windowAction, type WindowAction } from '../net/window-actions.js';
import { floor, hrefOf, isManager, setup, t } from '../store/store.js';
import type { MessageKey } from '../i18n/messages.js';

type Panel = 'none' | 'call' | 'transfer' | 'pause';

/** Which actions make sense in each window state; the hub decides anyway, this keeps the screen calm. */
function allowed(w: WindowView): Set<WindowAction> {
  const inHand = w.currentTicket !== null;
  switch (w.status) {
    case 'closed':
      return new Set(['open']);
    case 'idle':
      return new Set(['call-next', 'call', 'pause', 'close', 'resume-ticket']);
    case 'calling':
      return new Set(['recall', 'start', 'finish', 'no-show', 'transfer', 'suspend', 'call-next']);
    case 'serving':
      return new Set(['finish', 'transfer', 'suspend', 'call-next']);
    case 'paused':
      return new Set(inHand ? ['resume', 'finish', 'no-show'] : ['resume', 'close']);
  }
}

function WindowPicker({ windows }: { windows: string[] }) {
  const names = new Map(setup.value?.windows.map((w) => [w.no, w.name]) ?? []);
  return (
    <section class="card" aria-labelledby="pick-title">
      <h2 id="pick-title">{t('chooseWindow')}</h2>
      {windows.length === 0 ? (
        <p>{t('noWindows')}</p>
      ) : (
        <div class="picker">
          {windows.map((no) => (
            <a key={no} class="btn" href={hrefOf({ name: 'caller', windowNo: no })}>
              {no} · {names.get(no) ?? ''}
            </a>
          ))}
        </div>
      )}
    </section>
  );
}

export function CallerPage({ windowNo }: { windowNo: string | null }) {
  const s = setup.value!;
  const mine = s.operableWindows;
  const no = windowNo ?? (mine.length === 1 ? mine[0]! : null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [panel, setPanel] = useState<Panel>('none');
  const [number, setNumber] = useState('');
  const [target, setTarget] = useState('');
  const [placement, setPlacement] = useState<Placement>('front');
  const [reason, setReason] = useState(s.pauseReasons[0] ?? '');
  const [otherReason, setOtherReason] = useState('');
  const [openAs, setOpenAs] = useState('');
  const w = floor.value.windows.find((x) => x.no === no) ?? null;
  const config = s.windows.find((x) => x.no === no);

  async function act(action: WindowAction, label: MessageKey, body: Record<string, unknown> = {}) {
    if (!no) return;
    setBusy(true);
    setError(null);
    setDone(null);
    const r = await windowAction(no, action, body);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setPanel('none');
    // "Call next" with nobody waiting finishes the ticket in hand and calls no one: say so.
    if (action === 'call-next' && !r.data.ticket) return setDone(t('nobodyWaiting'));
    setDone(`${t('actionDone')}：${t(label)}${r.data.ticket ? ` ${r.data.ticket.number}` : ''}`);
  }

  function resume(n: string) {
    if (!no) return;
    setBusy(true);
    void resumeByNumber(no, n).then((r) => {
      setBusy(false);
      if (r.ok) setDone(`${t('actionDone')}：${t('resumeTicket')} ${n}`);
      else setError(r.error);
    });
  }

  // Hands full: single keys for the four commonest presses, as on a keypad.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!w || busy || e.ctrlKey || e.altKey || e.metaKey) return;
      const el = e.target as HTMLElement;
      if (el.closest('input, select, textarea')) return;
      const keys: Record<string, [WindowAction, MessageKey]> = { n: ['call-next', 'callNext'], r: ['recall', 'recall'], s: ['start', 'start'], f: ['finish', 'finish'] };
      const hit = keys[e.key.toLowerCase()];
      if (hit && allowed(w).has(hit[0])) {
        e.preventDefault();
        void act(hit[0], hit[1]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!no || !mine.includes(no) || !w || !config) return <main><h1 class="sr-only">{t('callerTitle')}</h1><WindowPicker windows={mine} /></main>;
  const can = allowed(w);
  const waitingHere = config.lines.map((l) => ({ ...l, waiting: floor.value.lines.find((x) => x.id === l.id)?.waiting ?? 0 }));
  const staffChoices = [...config.aPost, ...config.bPost];
  const button = (action: WindowAction, label: MessageKey, opts: { primary?: boolean; key?: string; body?: Record<string, unknown> } = {}) => (
    <button
      type="button"
      class={`btn${opts.primary ? ' primary' : ''}`}
      disabled={busy || !can.has(action)}
      aria-keyshortcuts={opts.key}
      onClick={() => void act(action, label, opts.body)}
    >
      {t(label)}
      {opts.key && <kbd aria-hidden="true">{opts.key}</kbd>}
    </button>
  );

  return (
    <main class="caller">
      <h1>
        {t('callerTitle')} · {t('windowNo')} {w.no} {w.name}
      </h1>
      {mine.length > 1 && <WindowPicker windows={mine} />}
      <div class="caller-grid">
        <WindowCard w={w} warn={null} large />
        <section class="card" aria-labelledby="waiting-title">
          <h2 id="waiting-title">{t('waitingForWindow')}</h2>
          <ul class="waiting-lines">
            {waitingHere.map((l) => (
              <li key={l.id}>
                {l.name}: <strong data-waiting-line={l.id}>{l.waiting}</strong> {t('people')}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section class="card controls" aria-label={t('callerTitle')}>
        {w.status === 'closed' && (
          <div class="row">
            {isManager.value && (
              <label class="inline">
                {t('openAs')}{' '}
                <select value={openAs} onChange={(e) => setOpenAs(e.currentTarget.value)}>
                  <option value="">—</option>
                  {staffChoices.map((p) => (
                    <option key={p.no} value={p.no}>
                      {p.name}（{p.no}）
                    </option>
                  ))}
                </select>
              </label>
            )}
            {button('open', 'open', { primary: true, body: isManager.value && openAs ? { staffNo: openAs } : {} })}
          </div>
        )}
        <AbPostPanel w={w} busy={busy} act={(a, label, body) => void act(a, label, body)} />
        <div class="row">
          {button('call-next', 'callNext', { primary: true, key: 'N' })}
          {button('recall', 'recall', { key: 'R' })}
          {button('start', 'start', { key: 'S' })}
          {button('finish', 'finish', { primary: true, key: 'F' })}
          {button('no-show', 'noShow')}
        </div>
        <div class="row">
          <button type="button" class="btn" aria-expanded={panel === 'call'} disabled={busy || !can.has('call')} onClick={() => setPanel(panel === 'call' ? 'none' : 'call')}>
            {t('callSpecific')}
          </button>
          <button type="button" class="btn" aria-expanded={panel === 'transfer'} disabled={busy || !can.has('transfer')} onClick={() => setPanel(panel === 'transfer' ? 'none' : 'transfer')}>
            {t('transfer')}
          </button>
          {button('suspend', 'suspend')}
          <button type="button" class="btn" aria-expanded={panel === 'pause'} disabled={busy || !can.has('pause')} onClick={() => setPanel(panel === 'pause' ? 'none' : 'pause')}>
            {t('pause')}
          </button>
          {button('resume', 'resume')}
          {button('close', 'close')}
        </div>
        {panel === 'call' && <CallPanel busy={busy} number={[number, setNumber]} onCall={(n) => void act('call', 'callSpecific', { number: n })} />}
        {panel === 'transfer' && (
          <TransferPanel busy={busy} windowNo={w.no} target={[target, setTarget]} placement={[placement, setPlacement]} onTransfer={(body) => void act('transfer', 'transfer', body)} />
        )}
        {panel === 'pause' && (
          <PausePanel busy={busy} reason={[reason, setReason]} otherReason={[otherReason, setOtherReason]} onPause={(r) => void act('pause', 'pause', { reason: r })} />
        )}
        <SuspendedTickets numbers={w.suspendedTickets} disabled={busy || !can.has('resume-ticket')} onResume={resume} />
        <RongqueForm w={w} />
        <p class="muted">{t('shortcuts')}</p>
        <p role="status" class="done">
          {done ?? ''}
        </p>
        <ActionError error={error} />
      </section>
      <CallerWarnings />
    </main>
  );
}

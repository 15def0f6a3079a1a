import { markAppStarted } from '@hall/web-shell/app-started';
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MobileTicketView } from '@hall/shared/mobile';
import { alertCalled, unlockSound } from './alert.js';
import { CaseFollow } from './case-follow.js';
import { RateService } from './rate-service.js';
import { messages, type Lang, type Messages } from './messages.js';
import { untilAnswered } from './until-answered.js';
import { lastView, stepOut, watchTicket, type LinkState } from './watch-ticket.js';

// The ticket token travels in the URL's fragment (…/m/#<token>), which browsers never send to a server.
const token = decodeURIComponent(location.hash.replace(/^#/, '').replace(/^t=/, ''));
const initialLang: Lang = (navigator.language || 'zh').toLowerCase().startsWith('zh') ? 'zh' : 'en';

function StepOut({ v, m, lang, onView }: { v: MobileTicketView; m: Messages; lang: Lang; onView: (v: MobileTicketView) => void }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [unknown, setUnknown] = useState(false);
  // One key for this request: a resend after a dropped link moves the ticket back once, not twice.
  const [requestId] = useState(() => `m-out-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);
  // Whatever the page shows, an answer it is still waiting for, or a refusal, stays in sight.
  const pending = unknown ? <p role="status" data-action="unknown">{m.resultUnknown}</p> : error ? <p role="alert">{error}</p> : null;
  if (v.status !== 'waiting') return pending;
  if (v.stepOutsLeft === 0) return v.steppedOut > 0 ? <p class="muted" role="status">{m.steppedOut}</p> : pending;
  if (!asking) return <>{pending}<button type="button" onClick={() => { setError(null); setAsking(true); }}>{m.stepOut}</button></>;
  const confirm = async () => {
    setAsking(false);
    setError(null);
    const r = await untilAnswered(() => stepOut(token, requestId), () => setUnknown(true));
    setUnknown(false);
    if (r.ok) onView(r.view);
    else setError(lang === 'zh' ? r.message : r.messageEn);
  };
  return (
    <div>
      <p>{m.stepOutExplain}</p>
      {pending}
      <div class="row">
        <button type="button" class="primary" onClick={() => void confirm()}>{m.stepOutConfirm}</button>
        <button type="button" onClick={() => setAsking(false)}>{m.cancel}</button>
      </div>
    </div>
  );
}

function Status({ v, m, lang }: { v: MobileTicketView; m: Messages; lang: Lang }) {
  switch (v.status) {
    case 'waiting':
      return (
        <section class="card" aria-live="polite">
          <p class="status">{m.waiting}</p>
          {v.peopleAhead !== null && <p class="big">{m.ahead(v.peopleAhead)}</p>}
          {v.estimatedWaitMinutes !== null && v.peopleAhead !== 0 && <p>{m.wait(v.estimatedWaitMinutes)}</p>}
          {v.servingWindows.length > 0 && <p class="muted">{m.windows(v.servingWindows.join('、'))}</p>}
        </section>
      );
    case 'called':
      return (
        <section class="card called" role="alert">
          <p class="status">{m.called}</p>
          <p class="big">{m.windowNo(v.windowNo ?? '')}</p>
          {v.windowName && <p>{v.windowName}</p>}
          {v.recallCount > 0 && <p>{m.recalled(v.recallCount)}</p>}
        </section>
      );
    default: {
      const text = { serving: m.serving, suspended: m.suspended, done: m.done, 'no-show': m.noShow, cancelled: m.cancelled, expired: m.expired }[v.status];
      return (
        <section class="card" aria-live="polite">
          <p class="status">{text}</p>
          {v.windowNo && v.status !== 'no-show' && <p>{m.calledAt(v.windowNo, v.windowName)}</p>}
          {v.status === 'no-show' && <p class="no-show-help">{v.noShow[lang]}</p>}
        </section>
      );
    }
  }
}

function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  // The last view shown, kept on the phone: a reload while the hub is away still shows the ticket (marked offline).
  const [view, setView] = useState<MobileTicketView | null>(() => (token ? lastView(token) : null));
  const [link, setLink] = useState<LinkState>('online');
  const [sound, setSound] = useState(false);
  const last = useRef<{ status: string; recalls: number } | null>(null);
  const m = messages[lang];

  useEffect(() => {
    if (!token) return undefined;
    return watchTicket(
      token,
      (v) => {
        const before = last.current;
        // Ring on the call and on every recall — not when the page opens on a ticket already called.
        if (before && v.status === 'called' && (before.status !== 'called' || v.recallCount > before.recalls)) alertCalled();
        last.current = { status: v.status, recalls: v.recallCount };
        setView(v);
      },
      setLink,
    );
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = view ? `${view.number} · ${m.title}` : m.title;
  }, [lang, view, m]);

  const header = (
    <header>
      <h1>{view?.hallName ?? m.title}</h1>
      <button type="button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
        {m.lang}
      </button>
    </header>
  );
  if (!token) return <>{header}<p class="card">{m.noToken}</p></>;
  if (link === 'gone') return <>{header}<p class="card">{m.unknown}</p></>;
  if (!view) return <>{header}<p class="loading">…</p>{link === 'offline' && <p class="offline" data-link-state="offline">{m.offline}</p>}</>;
  return (
    <>
      {header}
      <section class="card">
        <p class="number" data-testid="number">{view.number}</p>
        <p class="line">{lang === 'en' && view.lineNameEn ? view.lineNameEn : view.lineName}</p>
      </section>
      <Status v={view} m={m} lang={lang} />
      <StepOut v={view} m={m} lang={lang} onView={setView} />
      {view.status === 'done' && <RateService token={token} m={m} lang={lang} />}
      {link === 'offline' && <p class="offline" role="status" data-link-state="offline">{m.offline}</p>}
      {(view.status === 'waiting' || view.status === 'called') && <div class="row">
        <button type="button" class={sound ? '' : 'primary'} aria-pressed={sound} onClick={() => setSound(unlockSound())}>
          {sound ? `√ ${m.soundOn}` : m.sound}
        </button>
      </div>}
      <p class="muted">{m.keepOpen}</p>
    </>
  );
}

// …/m/#case=<case number> (the kiosk's code for following a case) opens the case page instead of a ticket.
const followCase = /^#case=/.test(location.hash) ? decodeURIComponent(location.hash.slice('#case='.length)) : null;
const root = document.getElementById('app')!;
// The static "loading" line goes before the app draws (render() would leave it below the page).
root.replaceChildren();
render(followCase !== null ? <CaseFollow caseNo={followCase} initialLang={initialLang} /> : <App />, root);
markAppStarted();

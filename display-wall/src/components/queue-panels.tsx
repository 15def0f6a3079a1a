import type { CallRecord, LineView, WindowView } from '@hall/shared';
import { Component } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * The queue's panels — the latest call with the few before it, the calls the voice has not reached, the window
 * grid, the waiting counts — drawn by the built-in surfaces and by a signage layout's queue regions alike. They
 * render from the live store only: nothing in them waits for media.
 */

const STATUS: Record<WindowView['status'], [string, string]> = {
  calling: ['呼叫中', 'Calling'],
  serving: ['办理中', 'Serving'],
  idle: ['空闲', 'Open'],
  paused: ['暂停', 'Paused'],
  closed: ['未开放', 'Closed'],
};

/** on half a second, off half a second: a blink, not a fade (a fade redraws the box every frame) */
const FLASH: Keyframe[] = [
  { opacity: 1, offset: 0, easing: 'step-end' },
  { opacity: 0, offset: 0.5, easing: 'step-end' },
  { opacity: 0, offset: 1 },
];
/** the box blinks six times after the latest call */
const BLINK_MS = 6_000;
const stillScreen = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Blinks the flash layer (the returned ref) until BLINK_MS after the latest call. A call that comes while it
 * blinks only moves the end: each animation started costs the main thread a frame of its own (a style pass and
 * a commit) when the compositor reports it running — a blink restarted per call, or a layer made anew per call,
 * cost a slow box that much more for every call.
 */
function useBlink(seq: number | undefined) {
  const flash = useRef<HTMLDivElement>(null);
  const blink = useRef<{ animation: Animation; stop: ReturnType<typeof setTimeout> } | null>(null);
  const stop = () => {
    if (!blink.current) return;
    clearTimeout(blink.current.stop);
    blink.current.animation.cancel();
    blink.current = null;
  };
  useLayoutEffect(() => {
    const el = flash.current;
    if (!el || seq === undefined || stillScreen() || typeof el.animate !== 'function') return;
    if (blink.current && blink.current.animation.effect instanceof KeyframeEffect && blink.current.animation.effect.target === el) {
      clearTimeout(blink.current.stop);
      blink.current.stop = setTimeout(stop, BLINK_MS);
      return;
    }
    stop();
    blink.current = { animation: el.animate(FLASH, { duration: 1_000, iterations: Infinity }), stop: setTimeout(stop, BLINK_MS) };
  }, [seq]);
  useEffect(() => stop, []);
  return flash;
}

export function LatestCall({ call }: { call: CallRecord | undefined }) {
  const flash = useBlink(call?.seq);
  if (!call) {
    return (
      <div class="latest latest-empty">
        <div class="latest-label">请留意叫号 · Please wait for your number</div>
      </div>
    );
  }
  // The box stays mounted from call to call (only its text changes, so the page does not rebuild and reshape
  // its biggest glyphs each time).
  return (
    <div class="latest" data-seq={call.seq}>
      <div class="latest-flash" ref={flash} aria-hidden="true" />
      <div class="latest-label">
        正在呼叫 <span class="en">Now calling</span>
        {call.recall && <span class="recall-tag">重呼</span>}
      </div>
      <div class="latest-ticket" data-testid="latest-ticket">
        {call.ticket}
      </div>
      <div class="latest-window">
        <span class="arrow">请到</span>
        {call.windowNo}
        <small>号窗口</small>
      </div>
      <div class="latest-sub">
        请 {call.ticket} 号到 {call.windowNo} 号窗口办理 · Ticket {call.ticket}, please go to window {call.windowNo}
      </div>
    </div>
  );
}

export function RecentCalls({ calls, late }: { calls: CallRecord[]; late: ReadonlySet<number> }) {
  return (
    <ol class="recent" aria-label="recent calls">
      {calls.map((c) => (
        <li key={c.seq} data-seq={c.seq} class={late.has(c.seq) ? 'late' : undefined}>
          <span class="t">{c.ticket}</span>
          <span class="a">→</span>
          <span class="w">{c.windowNo}号窗口</span>
        </li>
      ))}
    </ol>
  );
}

/**
 * Calls whose announcement is late (the voice is behind): each stays here, highlighted, until it has been
 * spoken — even when newer calls have pushed it off the list above.
 */
export function LateCalls({ calls }: { calls: CallRecord[] }) {
  if (calls.length === 0) return null;
  return (
    <div class="late-calls" data-testid="late-calls" aria-live="polite">
      <span class="late-label">
        待播报 <span class="en">Calling soon</span>
      </span>
      {calls.map((c) => (
        <span class="late-call" key={c.seq} data-seq={c.seq}>
          {c.ticket}→{c.windowNo}
        </span>
      ))}
    </div>
  );
}

/** `columns`: cells a row, when the panel's box decides it (a layout's region) rather than the design's stylesheet */
export function WindowGrid({ windows, perPage, columns }: { windows: WindowView[]; perPage: number; columns?: number }) {
  const { shown, page, pages } = usePages(windows, perPage);
  return (
    <section class="windows" aria-label="windows">
      <div class="panel-title">
        窗口状态 <span class="en">Windows</span>
        {pages > 1 && <span class="page">{page + 1}/{pages}</span>}
      </div>
      <div class="grid" style={columns ? { gridTemplateColumns: `repeat(${columns}, 1fr)` } : undefined}>
        {shown.map((w) => (
          <WindowCell key={w.no} w={w} />
        ))}
      </div>
    </section>
  );
}

/** One window's cell: the store keeps an unchanged window's object, so a call redraws only its own window's cell. */
class WindowCell extends Component<{ w: WindowView }> {
  override shouldComponentUpdate(next: { w: WindowView }): boolean {
    return next.w !== this.props.w;
  }
  override render({ w }: { w: WindowView }) {
    const off = w.status === 'paused' || w.status === 'closed';
    return (
      <div class={`cell s-${w.status}`} data-window={w.no}>
        <div class="cell-no">{w.no}</div>
        <div class="cell-ticket">{off ? STATUS[w.status][0] : (w.currentTicket ?? '—')}</div>
        <div class="cell-status">{off ? STATUS[w.status][1] : STATUS[w.status][0]}</div>
      </div>
    );
  }
}

/** Rotates through pages of `items` every 10 s when they do not fit at once. */
export function usePages<T>(items: T[], perPage: number): { shown: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (pages < 2) return;
    const t = setInterval(() => setTick((p) => p + 1), 10_000);
    return () => clearInterval(t);
  }, [pages]);
  const page = tick % pages;
  return { shown: items.slice(page * perPage, (page + 1) * perPage), page, pages };
}

export function Lines({ lines, perPage }: { lines: LineView[]; perPage: number }) {
  const { shown, page, pages } = usePages(lines, perPage);
  return (
    <section class="lines" aria-label="waiting">
      <div class="panel-title">
        等候人数 <span class="en">Waiting</span>
        {pages > 1 && <span class="page">{page + 1}/{pages}</span>}
      </div>
      <table>
        <tbody>
          {shown.map((l) => (
            <tr key={l.id} data-line={l.id}>
              <td class="l-prefix">{l.prefix}</td>
              <td class="l-name">{l.name}</td>
              <td class="l-waiting">
                <b>{l.waiting}</b>人
              </td>
              <td class="l-eta">{l.waiting === 0 || l.estimatedWaitMinutes === null ? '—' : `约${Math.max(1, l.estimatedWaitMinutes)}分钟`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

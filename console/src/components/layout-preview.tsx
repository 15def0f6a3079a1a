import type { LayoutPreviewMessage, SceneCampaign, ScreenLayoutBody } from '@hall/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { lang, t } from '../store/store.js';
import { REGION_LABEL } from './layout-grid-editor.js';

/**
 * Where the wall draws a layout it is sent: the wall page in preview mode, same origin (the contract in
 * shared/src/signage.ts says `/wall/`; the hub serves the wall's pages at `/display/`).
 */
export const previewPath = (size: string) => `/display/?preview=${encodeURIComponent(size)}`;

/** Whether the frame holds the wall's page (a script-driven page of our origin), not an error or a refusal. */
function wallLoaded(frame: HTMLIFrameElement): boolean {
  try {
    const doc = frame.contentDocument;
    return doc !== null && doc.querySelector('script[src]') !== null;
  } catch {
    return false;
  }
}

/** The layout drawn as boxes: shown until the real wall page is ready in its frame (or if it never is). */
function Schematic({ layout }: { layout: ScreenLayoutBody }) {
  const [w, h] = layout.size.split('x').map(Number) as [number, number];
  return (
    <svg class="schematic" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={t('schematicLabel')}>
      <rect x="0" y="0" width={w} height={h} fill="#0b1f3a" />
      {layout.regions.map((r) => {
        const cw = w / layout.columns;
        const ch = h / layout.rows;
        return (
          <g key={r.id} data-schematic-region={r.id}>
            <rect x={r.x * cw + 4} y={r.y * ch + 4} width={r.w * cw - 8} height={r.h * ch - 8} fill="#1e3a5f" stroke="#93c5fd" stroke-width="4" />
            <text x={r.x * cw + 16} y={r.y * ch + 56} fill="#fff" font-size="44">
              {t(REGION_LABEL[r.kind])}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/**
 * The real wall page, framed in preview mode and scaled to fit, sent the draft on every change: what the manager
 * sees is what the screen will draw. Until the frame is ready a schematic drawing stands in.
 */
export function LayoutPreview({ layout, campaigns }: { layout: ScreenLayoutBody; campaigns: SceneCampaign[] }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const outer = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const [scale, setScale] = useState(0.25);
  const [w, h] = layout.size.split('x').map(Number) as [number, number];

  // A new size is a new page (the wall arranges itself for its size): not ready until it has loaded.
  useEffect(() => setReady(false), [layout.size]);

  useEffect(() => {
    const el = outer.current;
    if (!el) return;
    const fit = () => setScale(Math.min(1, el.clientWidth / w));
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    return () => ro.disconnect();
  }, [w]);

  // The wall loads its preview code on demand, after its load event: it says when it listens, and is sent the draft again.
  const [listening, setListening] = useState(0);
  useEffect(() => {
    const heard = (e: MessageEvent) => {
      const data = e.data as { type?: unknown } | null;
      if (e.origin !== location.origin || e.source !== frame.current?.contentWindow || data?.type !== 'hall-layout-preview-ready') return;
      setReady(true);
      setListening((n) => n + 1);
    };
    addEventListener('message', heard);
    return () => removeEventListener('message', heard);
  }, []);

  useEffect(() => {
    const win = frame.current?.contentWindow;
    if (!ready || !win) return;
    const msg: LayoutPreviewMessage = { type: 'hall-layout-preview', layout, campaigns, lang: lang.value };
    win.postMessage(msg, location.origin);
  }, [ready, listening, layout, campaigns, lang.value]);

  return (
    <figure class="layout-preview" aria-labelledby="preview-caption">
      <figcaption id="preview-caption">
        {t('livePreview')} <small class="muted">{ready ? t('previewLive') : t('previewSchematic')}</small>
      </figcaption>
      <div ref={outer} class="preview-box" style={{ height: `${h * scale}px` }} data-preview-ready={ready ? 'yes' : 'no'}>
        <iframe
          ref={frame}
          key={layout.size}
          title={t('livePreview')}
          src={previewPath(layout.size)}
          width={w}
          height={h}
          style={{ transform: `scale(${scale})`, visibility: ready ? 'visible' : 'hidden' }}
          onLoad={(e) => setReady(wallLoaded(e.currentTarget))}
        />
        {!ready && <Schematic layout={layout} />}
      </div>
    </figure>
  );
}

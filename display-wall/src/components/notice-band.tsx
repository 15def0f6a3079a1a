import type { DisplayScene } from '@hall/shared';

const DEFAULT_NOTICE = '请留意叫号，过号请到服务台重新取号。Please watch for your number; if you miss it, ask at the service desk.';

/** The scrolling band at the bottom: the hall's current notices, or a standing reminder when there are none. */
export function NoticeBand({ notices }: { notices: DisplayScene['notices'] }) {
  const text = notices.length ? notices.map((n) => n.text).join('　　◆　　') : DEFAULT_NOTICE;
  // Long text scrolls slower so it stays readable: about 120 px a second.
  const seconds = Math.max(12, Math.round((text.length * 44) / 120));
  return (
    <div class="band" role="marquee" aria-label="notices">
      <div class="band-track" style={{ animationDuration: `${seconds}s` }} key={text}>
        <span>{text}</span>
        <span aria-hidden="true">{text}</span>
      </div>
    </div>
  );
}

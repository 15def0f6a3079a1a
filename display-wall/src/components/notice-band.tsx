import type { DisplayScene } from '@hall/shared';

/**
 * The scrolling band at the bottom: the hall's current notices, or a standing reminder when there are none —
 * what to do on a missed number coming from the hall's no-show policy (the hub sends it with the scene).
 */
export function NoticeBand({ notices, noShow }: { notices: DisplayScene['notices']; noShow: DisplayScene['noShow'] }) {
  const text = notices.length ? notices.map((n) => n.text).join('　　◆　　') : `请留意叫号；${noShow.zh}。Please watch for your number. ${noShow.en}.`;
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

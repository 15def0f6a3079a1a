import { useEffect, useState } from 'preact/hooks';
import { resetSession, route, t } from '../store/store.js';

const IDLE_MS = 60_000;
const COUNTDOWN_S = 10;

/**
 * After about a minute untouched, a "still there?" countdown; then home, with everything the visitor chose
 * or typed forgotten. The attract screen itself never times out.
 */
export function IdleGuard() {
  const [countdown, setCountdown] = useState<number | null>(null);
  useEffect(() => {
    let idle: ReturnType<typeof setTimeout>;
    let tick: ReturnType<typeof setInterval> | undefined;
    const arm = () => {
      clearTimeout(idle);
      clearInterval(tick);
      setCountdown(null);
      if (route.value.name === 'attract') return;
      idle = setTimeout(() => {
        let left = COUNTDOWN_S;
        setCountdown(left);
        tick = setInterval(() => {
          left -= 1;
          if (left <= 0) {
            clearInterval(tick);
            setCountdown(null);
            resetSession();
          } else setCountdown(left);
        }, 1000);
      }, IDLE_MS);
    };
    const events = ['pointerdown', 'keydown', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, arm, { passive: true });
    const off = route.subscribe(arm);
    return () => {
      clearTimeout(idle);
      clearInterval(tick);
      off();
      for (const e of events) window.removeEventListener(e, arm);
    };
  }, []);
  if (countdown === null) return null;
  return (
    <div class="overlay" role="alertdialog" aria-labelledby="idle-title">
      <div class="card">
        <h2 id="idle-title">{t('stillThere')}</h2>
        <p>
          <b style={{ fontSize: '2.5rem' }}>{countdown}</b> {t('resetIn')}
        </p>
        <button type="button" class="btn primary">
          {t('continue')}
        </button>
      </div>
    </div>
  );
}

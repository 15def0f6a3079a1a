import { useEffect, useState } from 'preact/hooks';
import { connected, go, hall, hallTimeText, t, waitingTotal } from '../store/store.js';

/**
 * The idle screen: what this machine is, and one big invitation to touch it. While the hub is away it says so
 * (before anyone touches it), and shows no waiting count: the last one heard would be stale.
 */
export function Attract() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  return (
    <button type="button" class="attract" onClick={() => go({ name: 'home' })}>
      <div class="big">{hall.value?.name ?? t('appTitle')}</div>
      <div class="big">{t('touchToStart')}</div>
      <div>{t('touchToStartEn')}</div>
      <div class="clock">{hallTimeText(now, 'full')}</div>
      {connected.value ? (
        <div>
          {t('waitingNow')}: {waitingTotal.value} {t('people')}
        </div>
      ) : (
        <div class="banner" role="status" data-link-state="offline">
          {t('offline')}
        </div>
      )}
    </button>
  );
}

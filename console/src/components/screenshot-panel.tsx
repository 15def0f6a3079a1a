import type { ErrorBody } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { displaysApi } from '../net/hall-services.js';
import { en, zh } from '../i18n/messages.js';
import { hallClock, isManager, t } from '../store/store.js';
import { ActionError } from './refusal.js';
import { useObjectUrl } from './use-object-url.js';

/**
 * A screen's picture of itself. Managers ask for a new one (the hub waits up to 10 s for the display to upload
 * it); everyone who may read the list sees the latest one with its time.
 */
export function ScreenshotPanel({ id, name, lastAt }: { id: string; name: string; lastAt: string | null }) {
  const [takenAt, setTakenAt] = useState<string | null>(lastAt);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  // A newer screenshot in the refreshed display list (taken from another console) replaces the one shown.
  useEffect(() => {
    if (lastAt && (!takenAt || lastAt > takenAt)) setTakenAt(lastAt);
  }, [lastAt]);
  const image = useObjectUrl(takenAt ? () => displaysApi.screenshotImage(id) : null, takenAt ?? '');

  async function take() {
    setBusy(true);
    setError(null);
    const r = await displaysApi.screenshot(id);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setTakenAt(r.data.at);
  }

  return (
    <div class="screenshot" data-screenshot={id}>
      {isManager.value && (
        <button type="button" class="btn small" disabled={busy} onClick={() => void take()} aria-label={`${t('screenshot')}：${name}`}>
          {t('screenshot')}
        </button>
      )}
      <p role="status" class="muted">
        {busy ? t('takingScreenshot') : ''}
      </p>
      <ActionError error={error} />
      {image.url && takenAt && (
        <figure>
          <a href={image.url} target="_blank" rel="noopener" title={t('openFull')}>
            <img src={image.url} alt={`${name}：${zh.screenshotAlt} / ${en.screenshotAlt}`} />
          </a>
          <figcaption>
            {t('screenshotAt')} {takenAt.slice(5, 10)} {hallClock(Date.parse(takenAt))}
          </figcaption>
        </figure>
      )}
    </div>
  );
}

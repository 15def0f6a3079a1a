import type { ErrorBody, MediaItem } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { displaysApi } from '../net/hall-services.js';
import { isManager, t } from '../store/store.js';
import { ActionError } from './refusal.js';
import { useObjectUrl } from './use-object-url.js';

/** A file as the base64 the upload route takes (the data URL's prefix dropped). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => (typeof r.result === 'string' ? resolve(r.result.slice(r.result.indexOf(',') + 1)) : reject(new Error('unreadable')));
    r.onerror = () => reject(r.error ?? new Error('unreadable'));
    r.readAsDataURL(file);
  });
}

const UNREADABLE: ErrorBody = { code: 'file_unreadable', message: '无法读取这个文件。', messageEn: 'The file could not be read.' };

function Thumbnail({ item }: { item: MediaItem }) {
  const { url } = useObjectUrl(() => displaysApi.mediaImage(item.id), item.id);
  return url ? <img class="thumb" src={url} alt={item.name} /> : <span class="thumb" aria-hidden="true" />;
}

/** The idle playlist: images every targeted screen shows in turn while nothing else is on. */
export function IdleMedia() {
  const [items, setItems] = useState<MediaItem[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [seconds, setSeconds] = useState(10);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [done, setDone] = useState('');
  const [inputKey, setInputKey] = useState(0);

  async function reload() {
    const r = await displaysApi.media();
    if (r.ok) setItems(r.data);
  }
  useEffect(() => void reload(), []);

  async function upload(e: Event) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setDone('');
    const image = await base64Of(file).catch(() => null);
    const r = image === null ? null : await displaysApi.uploadMedia(name.trim(), image, seconds);
    setBusy(false);
    if (!r) return setError(UNREADABLE);
    if (!r.ok) return setError(r.error);
    setDone(`${t('actionDone')}：${t('upload')} ${r.data.name}`);
    setFile(null);
    setName('');
    setInputKey((k) => k + 1);
    await reload();
  }

  async function remove(item: MediaItem) {
    setError(null);
    setDone('');
    const r = await displaysApi.removeMedia(item.id);
    if (!r.ok) return setError(r.error);
    setDone(`${t('actionDone')}：${t('delete')} ${item.name}`);
    await reload();
  }

  return (
    <section class="card" aria-labelledby="media-title">
      <h2 id="media-title">{t('mediaTitle')}</h2>
      <p class="muted">{t('mediaHint')}</p>
      <p role="status" class="done">
        {done}
      </p>
      <ActionError error={error} />
      {items.length === 0 ? (
        <p class="muted">{t('noMedia')}</p>
      ) : (
        <ul class="media-list">
          {items.map((m) => (
            <li key={m.id} data-media={m.id}>
              <Thumbnail item={m} />
              <span>
                <strong>{m.name}</strong>
                <br />
                <small>
                  {m.width} × {m.height} · {Math.round(m.bytes / 1024)} KB · {m.seconds} {t('seconds')}
                </small>
              </span>
              {isManager.value && (
                <button type="button" class="btn small" onClick={() => void remove(m)} aria-label={`${t('delete')}：${m.name}`}>
                  {t('delete')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {isManager.value && (
        <form class="row" onSubmit={(e) => void upload(e)}>
          <label class="inline">
            {t('mediaFile')}
            <input
              key={inputKey}
              type="file"
              accept="image/*"
              required
              onChange={(e) => {
                const f = e.currentTarget.files?.[0] ?? null;
                setFile(f);
                if (f && !name) setName(f.name.replace(/\.[^.]+$/, '').slice(0, 64));
              }}
            />
          </label>
          <label class="inline">
            {t('nameCol')} <input required maxLength={64} size={16} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <label class="inline">
            {t('mediaSeconds')} <input type="number" required min={2} max={600} value={seconds} onInput={(e) => setSeconds(Number(e.currentTarget.value))} />
          </label>
          <button class="btn primary" type="submit" disabled={busy || !file}>
            {busy ? t('uploading') : t('upload')}
          </button>
        </form>
      )}
    </section>
  );
}

import type { ErrorBody, MediaAsset, MediaLibrary } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { bytesText, durationText } from '../components/format-bytes.js';
import { ActionError } from '../components/refusal.js';
import { useObjectUrl } from '../components/use-object-url.js';
import { loadForPage } from '../net/gate.js';
import { signageApi, uploadMedia } from '../net/signage-api.js';
import { uploadName } from '../signage/upload-name.js';
import { isManager, t } from '../store/store.js';
import type { MessageKey } from '../i18n/messages.js';

export const KIND_LABEL: Record<MediaAsset['kind'], MessageKey> = { image: 'kindImage', video: 'kindVideo', widget: 'kindWidget', pdf: 'kindPdf' };
/** What the file picker offers: what the library takes (the hub checks the bytes either way). */
const ACCEPT = 'image/png,image/jpeg,image/webp,image/gif,video/webm,.webm,text/html,.html,.htm,application/pdf,.pdf';

function Thumb({ asset }: { asset: MediaAsset }) {
  // Images and a PDF's first page are pictures; a video or a widget is named by its kind (fetching a whole video
  // for a thumbnail would cost the hall's network more than it shows).
  const picture = asset.kind === 'image' || asset.kind === 'pdf';
  const { url } = useObjectUrl(picture ? () => signageApi.mediaImage(asset.url) : null, asset.id);
  if (picture && url) return <img class="thumb" src={url} alt="" />;
  return (
    <span class={`thumb kind-${asset.kind}`} aria-hidden="true">
      {asset.kind === 'video' ? '▶' : asset.kind === 'widget' ? '</>' : ''}
    </span>
  );
}

function facts(a: MediaAsset): string {
  const parts = [t(KIND_LABEL[a.kind])];
  if (a.width !== null && a.height !== null) parts.push(`${a.width} × ${a.height}`);
  if (a.durationMs !== null) parts.push(`${t('durationWord')} ${durationText(a.durationMs)}`);
  if (a.kind === 'pdf') parts.push(`${a.pageUrls.length} ${t('pagesWord')}`);
  parts.push(bytesText(a.bytes));
  return parts.join(' · ');
}

/** How full the library is, as a bar: what the quota allows and what the disk still has. */
function Usage({ lib }: { lib: MediaLibrary }) {
  const share = lib.quotaBytes > 0 ? lib.usedBytes / lib.quotaBytes : 0;
  return (
    <div class="usage">
      <label for="media-usage">
        {t('mediaUsage')}：{bytesText(lib.usedBytes)} / {bytesText(lib.quotaBytes)}（{Math.round(share * 100)}%）
      </label>
      <meter id="media-usage" min={0} max={lib.quotaBytes} low={lib.quotaBytes * 0.7} high={lib.quotaBytes * 0.9} optimum={0} value={lib.usedBytes} />
      {lib.diskFreeBytes !== null && (
        <small class="muted">
          {t('diskFree')}：{bytesText(lib.diskFreeBytes)}
        </small>
      )}
    </div>
  );
}

/** The media library: upload with progress, what each file is, how full the library is, delete. */
export function MediaLibraryPage() {
  const [lib, setLib] = useState<MediaLibrary | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [inUse, setInUse] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const [inputKey, setInputKey] = useState(0);

  const reload = () => signageApi.library().then((r) => r.ok && setLib(r.data));
  useEffect(() => void loadForPage<MediaLibrary>('/api/media', setLib), []);

  async function upload(e: Event) {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setDone('');
    setInUse(null);
    setSent(0);
    const r = await uploadMedia(file, uploadName(name, file.name), setSent);
    setSent(null);
    if (!r.ok) return setError(r.error);
    setDone(`${t('actionDone')}：${t('upload')} ${r.data.name}`);
    setFile(null);
    setName('');
    setInputKey((k) => k + 1);
    await reload();
  }

  async function remove(a: MediaAsset) {
    setError(null);
    setDone('');
    setInUse(null);
    const r = await signageApi.removeMedia(a.id);
    if (!r.ok) {
      if (r.error.code === 'media_in_use') setInUse(a.id);
      return setError(r.error);
    }
    setDone(`${t('actionDone')}：${t('delete')} ${a.name}`);
    await reload();
  }

  return (
    <section class="card" aria-labelledby="library-title">
      <h2 id="library-title">{t('libraryTitle')}</h2>
      <p class="muted">{t('libraryHint')}</p>
      {lib && <Usage lib={lib} />}
      {isManager.value && (
        <form class="row upload" onSubmit={(e) => void upload(e)}>
          <label class="inline">
            {t('mediaFileAny')}
            <input
              key={inputKey}
              type="file"
              accept={ACCEPT}
              required
              onChange={(e) => {
                const f = e.currentTarget.files?.[0] ?? null;
                setFile(f);
                if (f && !name) setName(f.name.replace(/\.[^.]+$/, '').slice(0, 64));
              }}
            />
          </label>
          <label class="inline">
            {t('nameCol')} <input maxLength={64} size={16} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <button class="btn primary" type="submit" disabled={sent !== null || !file}>
            {sent !== null ? t('uploading') : t('upload')}
          </button>
          {sent !== null && (
            <label class="inline">
              {t('uploadProgress')} {Math.round(sent * 100)}%
              <progress class="upload-progress" max={1} value={sent} />
            </label>
          )}
        </form>
      )}
      <p role="status" class="done">
        {done}
      </p>
      <ActionError error={error} />
      {lib && lib.assets.length === 0 && <p class="muted">{t('libraryEmpty')}</p>}
      <ul class="media-list library">
        {lib?.assets.map((a) => (
          <li key={a.id} data-asset={a.id} class={inUse === a.id ? 'in-use' : ''}>
            <Thumb asset={a} />
            <span>
              <strong>{a.name}</strong>
              <br />
              <small>{facts(a)}</small>
              {inUse === a.id && (
                <>
                  <br />
                  <strong class="warning red" data-in-use>
                    ■ {t('mediaInUse')}
                  </strong>
                </>
              )}
            </span>
            {isManager.value && (
              <button type="button" class="btn small" onClick={() => void remove(a)} aria-label={`${t('delete')}：${a.name}`}>
                {t('delete')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

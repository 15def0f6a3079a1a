import type { MediaAsset } from '@hall/shared';
import { useState } from 'preact/hooks';
import { moveItem, type DraftItem } from '../signage/campaign-draft.js';
import { t } from '../store/store.js';

/**
 * A campaign's playlist: items from the media library, each with its seconds. Reordered by dragging a row, or
 * from the keyboard with the row's up/down buttons (or Alt + arrow keys on the row).
 */
export function CampaignItems({ items, assets, onChange }: { items: DraftItem[]; assets: MediaAsset[]; onChange: (i: DraftItem[]) => void }) {
  const [pick, setPick] = useState('');
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const nameOf = (id: string) => assets.find((a) => a.id === id)?.name ?? id;
  const move = (from: number, to: number) => {
    onChange(moveItem(items, from, to));
    // The keyboard stays on the row it moved.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`.campaign-items li[data-index="${Math.max(0, Math.min(items.length - 1, to))}"]`)?.focus());
  };
  return (
    <fieldset class="campaign-items">
      <legend>{t('playlist')}</legend>
      <ol>
        {items.map((it, i) => (
          <li
            key={`${it.mediaId}-${i}`}
            data-index={i}
            data-item={it.mediaId}
            tabIndex={0}
            draggable
            class={dragFrom === i ? 'dragging' : ''}
            aria-label={`${i + 1}. ${nameOf(it.mediaId)}`}
            onDragStart={(e) => {
              setDragFrom(i);
              e.dataTransfer?.setData('text/plain', String(i));
            }}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              const from = Number(e.dataTransfer?.getData('text/plain') ?? dragFrom);
              setDragFrom(null);
              if (Number.isInteger(from) && from !== i) move(from, i);
            }}
            onDragEnd={() => setDragFrom(null)}
            onKeyDown={(e) => {
              if (e.target !== e.currentTarget || !e.altKey) return;
              const to = e.key === 'ArrowUp' ? i - 1 : e.key === 'ArrowDown' ? i + 1 : -1;
              if (to < 0 || to >= items.length) return;
              e.preventDefault();
              move(i, to);
            }}
          >
            <span class="grip" aria-hidden="true">
              ≡
            </span>
            <strong>{nameOf(it.mediaId)}</strong>
            <label class="inline">
              {t('itemSeconds')}
              <input
                type="number"
                min={2}
                max={3600}
                placeholder={t('ownLength')}
                value={it.seconds}
                onInput={(e) => onChange(items.map((x, n) => (n === i ? { ...x, seconds: e.currentTarget.value } : x)))}
              />
            </label>
            <button type="button" class="btn small" disabled={i === 0} aria-label={`${t('moveUp')}：${nameOf(it.mediaId)}`} onClick={() => move(i, i - 1)}>
              ↑
            </button>
            <button type="button" class="btn small" disabled={i === items.length - 1} aria-label={`${t('moveDown')}：${nameOf(it.mediaId)}`} onClick={() => move(i, i + 1)}>
              ↓
            </button>
            <button type="button" class="btn small" aria-label={`${t('removeItem')}：${nameOf(it.mediaId)}`} onClick={() => onChange(items.filter((_x, n) => n !== i))}>
              {t('removeItem')}
            </button>
          </li>
        ))}
      </ol>
      <div class="row">
        <label class="inline">
          {t('fromLibrary')}
          <select value={pick} onChange={(e) => setPick(e.currentTarget.value)}>
            <option value="">{t('noneChosen')}</option>
            {assets.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="btn" disabled={!pick || items.length >= 100} onClick={() => (onChange([...items, { mediaId: pick, seconds: '' }]), setPick(''))}>
          {t('addItem')}
        </button>
      </div>
    </fieldset>
  );
}

import { t } from '../store/store.js';

/** Never QR-only (国办发〔2020〕45号): the address is always written out beside the code. */
export function Qr({ url, label }: { url: string; label: string }) {
  return (
    <div class="qr">
      <img src={`/api/qr.svg?text=${encodeURIComponent(url)}`} alt={`${label}: ${url}`} />
      <div>
        <div>{t('scanOrType')}</div>
        <div class="url">{url}</div>
      </div>
    </div>
  );
}

import { t } from '../store/store.js';
import { useQrSvg } from './qr-svg.js';

/** Never QR-only (国办发〔2020〕45号): the address is always written out beside the code. */
export function Qr({ url, label }: { url: string; label: string }) {
  const src = useQrSvg(url);
  return (
    <div class="qr">
      {src && <img src={src} alt={`${label}: ${url}`} />}
      <div>
        <div>{t('scanOrType')}</div>
        <div class="url">{url}</div>
      </div>
    </div>
  );
}

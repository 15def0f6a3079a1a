import { useEffect, useState } from 'preact/hooks';

/**
 * A QR code drawn on the kiosk itself (the encoder is loaded on first use, and precached with the build), so a
 * guide's QR works while the hub is away — also for guides never opened online.
 */
export function useQrSvg(text: string): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode')
      .then((q) => q.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }))
      .then((svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [text]);
  return src;
}

import { useEffect, useState } from 'preact/hooks';
import type { DisplayScene } from '@hall/shared';

/** The idle playlist: the manager's images, one after another, each for its own number of seconds. */
export function IdleMedia({ media, fallback }: { media: DisplayScene['media']; fallback: preact.ComponentChildren }) {
  const [i, setI] = useState(0);
  const item = media.length ? media[i % media.length]! : null;
  useEffect(() => {
    if (!item || media.length < 2) return;
    const t = setTimeout(() => setI((n) => n + 1), item.seconds * 1000);
    return () => clearTimeout(t);
  }, [item?.id, media.length, i]);
  if (!item) return <div class="media media-empty">{fallback}</div>;
  return (
    <div class="media">
      <img src={item.url} alt="" key={item.id} />
    </div>
  );
}

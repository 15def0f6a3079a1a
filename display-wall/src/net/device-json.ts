import { useEffect, useState } from 'preact/hooks';
import { deviceIdentity } from './device.js';

function kept<T>(key: string): T | null {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') as T | null;
  } catch {
    return null;
  }
}

/**
 * A board the hub serves to screens (`GET path` with the screen's own credential), asked again every
 * `refreshMs`; the last answer is kept in localStorage under `key`, so an outage shows the last board.
 */
export function useDeviceJson<T>(path: string, key: string, refreshMs: number): T | null {
  const [value, setValue] = useState<T | null>(() => kept<T>(key));
  useEffect(() => {
    const id = deviceIdentity();
    if (!id) return;
    let stopped = false;
    const load = async () => {
      try {
        const r = await fetch(path, { headers: { authorization: `Device ${id.deviceId}:${id.token}` }, signal: AbortSignal.timeout(10_000) });
        if (!r.ok || stopped) return;
        const v = (await r.json()) as T;
        setValue(v);
        localStorage.setItem(key, JSON.stringify(v));
      } catch {
        // The hub is away: the board shown stays, under the offline mark.
      }
    };
    void load();
    const timer = setInterval(() => void load(), refreshMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [path, key, refreshMs]);
  return value;
}

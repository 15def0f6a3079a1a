import type { HelpRequest } from '@hall/shared';

/** How many requests the console can list: a day's worth for a hall, never unbounded. */
const KEEP = 200;

export interface HelpDesk {
  /** a kiosk's visitor asks for help; listeners (the console's live link) hear it at once */
  raise(deviceId: string, query: string): HelpRequest;
  /** the latest requests, newest first */
  recent(): HelpRequest[];
  onRaised(listener: (r: HelpRequest) => void): () => void;
}

/** Help requests from kiosks, kept in memory (they matter for minutes, not days). Time and ids come in. */
export function createHelpDesk(deps: { now: () => Date; newId: () => string }): HelpDesk {
  const requests: HelpRequest[] = [];
  const listeners = new Set<(r: HelpRequest) => void>();
  return {
    raise(deviceId, query) {
      const r: HelpRequest = { id: deps.newId(), deviceId, query: query.trim(), at: deps.now().toISOString() };
      requests.unshift(r);
      if (requests.length > KEEP) requests.pop();
      for (const l of listeners) l(r);
      return r;
    },
    recent: () => [...requests],
    onRaised(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

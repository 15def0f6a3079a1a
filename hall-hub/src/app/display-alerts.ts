import type { DisplayAlert, DisplaySettings, HallPhase } from '@hall/shared';
import { isDown } from '../domain/displays/alerts.js';
import type { PowerState } from '../domain/displays/power.js';
import type { DisplayStore, StoredAlert } from '../ports/display-store.js';
import type { DeviceRegistry } from './device-registry.js';

export interface DownAlertsDeps {
  devices: DeviceRegistry;
  store: DisplayStore;
  /** a display's name for the alert text */
  nameOf: (displayId: string) => string;
  /** where a new or cleared alert goes (the console), once the screens' link is attached */
  announce: (a: DisplayAlert) => void;
  /** when the hub started: a display never seen online has been offline since then */
  startedAt: number;
  graceMs: number;
}

export interface DownAlerts {
  /** raises or clears the display's down alert from what the registry says of it now */
  check(s: DisplaySettings, now: number, phase: HallPhase, power: PowerState): void;
  list(openOnly: boolean): DisplayAlert[];
}

/** Screens that go dark in opening hours become alerts for the managers, and clear when they are back. */
export function createDownAlerts(deps: DownAlertsDeps): DownAlerts {
  const { devices, store } = deps;
  const offlineSince = new Map<string, number>();
  const iso = (ms: number) => new Date(ms).toISOString();

  function toAlert(a: StoredAlert): DisplayAlert {
    const name = deps.nameOf(a.displayId);
    return {
      id: a.id,
      displayId: a.displayId,
      kind: 'down',
      raisedAt: iso(a.raisedAt),
      clearedAt: a.clearedAt === null ? null : iso(a.clearedAt),
      message: a.clearedAt === null ? `显示屏“${name}”在开放时间内离线。` : `显示屏“${name}”已恢复。`,
      messageEn: a.clearedAt === null ? `Display “${name}” went offline during opening hours.` : `Display “${name}” is back.`,
    };
  }

  return {
    check(s, now, phase, p) {
      const view = devices.view(s.id);
      const online = view?.online ?? false;
      if (online) offlineSince.delete(s.id);
      else if (!offlineSince.has(s.id)) offlineSince.set(s.id, view?.since ? Date.parse(view.since) : deps.startedAt);
      const down = isDown({ online, offlineSince: offlineSince.get(s.id) ?? null, now, phase, scheduledOff: p.scheduled && !p.on, graceMs: deps.graceMs });
      const open = store.openAlert(s.id);
      if (down && !open) deps.announce(toAlert(store.raiseAlert(s.id, now)));
      else if (!down && open && (online || (p.scheduled && !p.on))) {
        const cleared = store.clearAlert(s.id, now);
        if (cleared) deps.announce(toAlert(cleared));
      }
    },
    list: (openOnly) => store.alerts({ openOnly, limit: 500 }).map(toAlert),
  };
}

import { computed, signal } from '@preact/signals';
import type { ConsoleSetup, DeviceView, ErrorBody, LineMove, RefusedDevice, Report, Role, Warning } from '@hall/shared';
import { en, zh, type MessageKey } from '../i18n/messages.js';
import { emptyFloor, type FloorView } from './floor-view.js';

export interface SessionInfo {
  token: string;
  username: string;
  role: Role;
  staffNo: string | null;
}

export type Route =
  | { name: 'floor' }
  | { name: 'caller'; windowNo: string | null }
  | { name: 'windows' }
  | { name: 'reports' }
  | { name: 'displays' }
  | { name: 'ratings' }
  | { name: 'uplink' }
  | { name: 'supervision' }
  | { name: 'signage'; tab: SignageTab };

/** The signage pages (#20): media library, layouts, campaigns, proof of play. */
export const SIGNAGE_TABS = ['media', 'layouts', 'campaigns', 'plays'] as const;
export type SignageTab = (typeof SIGNAGE_TABS)[number];

export const lang = signal<'zh' | 'en'>('zh');
export const session = signal<SessionInfo | null>(null);
export const setup = signal<ConsoleSetup | null>(null);
export const route = signal<Route>({ name: 'floor' });
export const floor = signal<FloorView>(emptyFloor);
export const connected = signal(false);
export const warnings = signal<Warning[]>([]);
/** 弹性窗口: idle windows the hub proposes for red lines (managers and auditors see them) */
export const lineMoves = signal<LineMove[]>([]);
export const devices = signal<DeviceView[] | null>(null);
/** devices a bridge has but the hall configuration does not put behind it: each refused alone */
export const refusedDevices = signal<RefusedDevice[]>([]);
export const todayReport = signal<Report | null>(null);
/** what the page's server asked refused, shown in place of the page (403 for a staff account on a manager screen) */
export const pageRefusal = signal<{ status: number; error: ErrorBody } | null>(null);
export const soundOn = signal(true);
/** how many chimes have sounded (the warnings panel shows it to assistive tech and tests) */
export const chimes = signal(0);
/** how many times the warnings were checked since sign-in */
export const warningChecks = signal(0);
/** advances every 20 s: durations on screen are read against it, so they move with the clock */
export const tick = signal(0);
/** hub time minus this browser's time, from the latest snapshot or event */
export const hubOffset = signal(0);

export const t = (key: MessageKey): string => (lang.value === 'zh' ? zh : en)[key];

export const isManager = computed(() => session.value?.role === 'manager');
/** managers and auditors watch the floor and read reports; staff have the caller */
export const seesFloor = computed(() => session.value?.role === 'manager' || session.value?.role === 'auditor');
/** when the live link was lost (this browser's clock); null while it is up */
export const linkLostAt = signal<number | null>(null);
export function hubNow(): number {
  // Reading tick subscribes the component: its durations re-render as time passes.
  void tick.value;
  // While the hub is away the floor shown is the floor as it was: its durations stop where the link was lost.
  const now = connected.value ? Date.now() : (linkLostAt.value ?? Date.now());
  return now + hubOffset.value;
}

export const redCount = computed(() => warnings.value.filter((w) => w.level === 'red').length);
export const yellowCount = computed(() => warnings.value.filter((w) => w.level === 'yellow').length);

const zone = () => setup.value?.hall.timeZone ?? 'Asia/Shanghai';
/** Times are the hall's, whatever zone this PC is set to. */
export function hallClock(ms: number): string {
  return new Date(ms).toLocaleTimeString(lang.value === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone() });
}
export function hallDay(ms: number): string {
  // en-CA formats as YYYY-MM-DD.
  return new Date(ms).toLocaleDateString('en-CA', { timeZone: zone() });
}

function parseRoute(hash: string): Route {
  const [name, arg] = hash.replace(/^#\/?/, '').split('/');
  switch (name) {
    case 'caller':
      return { name: 'caller', windowNo: arg ? decodeURIComponent(arg) : null };
    case 'windows':
      return { name: 'windows' };
    case 'reports':
    case 'displays':
    case 'ratings':
    case 'uplink':
    case 'supervision':
      return { name };
    case 'signage':
      return { name, tab: SIGNAGE_TABS.find((x) => x === arg) ?? 'media' };
    default:
      return { name: 'floor' };
  }
}

/** The page the address asks for; staff start at their caller, managers and auditors at the floor. */
export function followLocation(): void {
  pageRefusal.value = null;
  const r = parseRoute(location.hash);
  route.value = r.name === 'floor' && !location.hash.replace('#', '') && session.value?.role === 'staff' ? { name: 'caller', windowNo: null } : r;
}

export function hrefOf(r: Route): string {
  if (r.name === 'signage') return `#/signage/${r.tab}`;
  return r.name === 'caller' ? `#/caller${r.windowNo ? `/${encodeURIComponent(r.windowNo)}` : ''}` : `#/${r.name}`;
}

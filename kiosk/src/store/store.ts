import { computed, signal } from '@preact/signals';
import type { BilingualText, Guide, TicketView } from '@hall/shared';
import { en, zh, type MessageKey } from '../i18n/messages.js';
import { emptyHubView, type HubView } from './hub-view.js';

export type Route =
  | { name: 'attract' }
  | { name: 'home' }
  | { name: 'departments' }
  | { name: 'department'; code: string; title: string }
  | { name: 'topics' }
  | { name: 'topic'; id: string; title: string }
  | { name: 'search' }
  | { name: 'guide'; id: string }
  | { name: 'take-ticket'; lineId?: string; serviceId?: string }
  | { name: 'ticket'; ticket: TicketView; printed: 'printing' | 'unknown' | 'done' | 'failed' | 'none' }
  | { name: 'check-in' }
  | { name: 'my-ticket' }
  | { name: 'cases' };

export interface HallInfo {
  name: string;
  timeZone: string;
  lines: Array<{ id: string; prefix: string; name: string }>;
  priorityGroups: Array<{ id: string; name: string; nameEn: string }>;
  /** where visitors' phones reach the hub; null: the address this kiosk uses */
  visitorUrl?: string | null;
  /** what a visitor who missed their call should do, from the hall's no-show policy (absent in an old cached copy) */
  noShow?: BilingualText;
}

export const lang = signal<'zh' | 'en'>('zh');
export const scale = signal(1);
export const elderly = signal(false);
export const route = signal<Route>({ name: 'attract' });
export const history = signal<Route[]>([]);
export const hub = signal<HubView>(emptyHubView);
export const connected = signal(false);
export const hall = signal<HallInfo | null>(null);
/** the guide the visitor came from, so "take a ticket" knows the service */
export const lastGuide = signal<Guide | null>(null);

export const t = (key: MessageKey): string => (lang.value === 'zh' ? zh : en)[key];

/** The no-show instruction in the visitor's language: the policy's own words, the same the walls and the ticket say. */
export const noShowText = (): string | null => hall.value?.noShow?.[lang.value] ?? null;

/** Times are the hall's, whatever zone the kiosk PC is set to. */
export function hallTimeText(iso: string | Date, style: 'time' | 'full'): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'time' ? { hour: '2-digit', minute: '2-digit' } : { dateStyle: 'full', timeStyle: 'short' };
  return new Date(iso).toLocaleString(lang.value === 'zh' ? 'zh-CN' : 'en-GB', { ...options, timeZone: hall.value?.timeZone ?? 'Asia/Shanghai' });
}
export const waitingTotal = computed(() => hub.value.lines.reduce((n, l) => n + l.waiting, 0));

export function go(next: Route): void {
  history.value = [...history.value, route.value].slice(-20);
  route.value = next;
}

export function back(): void {
  const h = history.value;
  const prev = h[h.length - 1];
  history.value = h.slice(0, -1);
  route.value = prev && prev.name !== 'attract' ? prev : { name: 'home' };
}

/** Idle reset: everything a visitor chose or typed is forgotten. */
export function resetSession(): void {
  history.value = [];
  lastGuide.value = null;
  scale.value = 1;
  elderly.value = false;
  lang.value = 'zh';
  route.value = { name: 'attract' };
}

import { signal } from '@preact/signals';
import { scene } from '../store/store.js';

/** One ticking clock for the whole page. */
export const now = signal(new Date());
setInterval(() => (now.value = new Date()), 1000);

const WEEKDAYS: Record<string, string> = { Sun: '日', Mon: '一', Tue: '二', Wed: '三', Thu: '四', Fri: '五', Sat: '六' };

/** Making a formatter is far dearer than using one (a millisecond a tick on a slow box): one per time zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      ...(timeZone ? { timeZone } : {}),
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * The wall clock's fields in the hall's time zone (from the hub's scene), not the screen PC's: a PC left on UTC
 * or another zone must not show visitors the wrong time.
 */
export function hallClockParts(d: Date, timeZone: string | undefined): { hh: string; mm: string; ss: string; y: string; m: number; day: number; weekday: string } {
  const parts = formatterFor(timeZone).formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { hh: get('hour'), mm: get('minute'), ss: get('second'), y: get('year'), m: Number(get('month')), day: Number(get('day')), weekday: WEEKDAYS[get('weekday')] ?? '' };
}

export function Clock() {
  // Before the first scene, the PC's own zone: nothing better is known yet.
  const c = hallClockParts(now.value, scene.value?.timeZone);
  return (
    <div class="clock" aria-label="date and time">
      <div class="clock-time">
        {c.hh}:{c.mm}
        <span class="clock-sec">:{c.ss}</span>
      </div>
      <div class="clock-date">
        {c.y}年{c.m}月{c.day}日 星期{c.weekday}
      </div>
    </div>
  );
}

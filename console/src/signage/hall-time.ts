/**
 * A manager types times on the hall's wall clock (a datetime-local field), whatever zone this PC is set to; the
 * hub stores instants. These convert between the two in the hall's time zone (pure, Intl only).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function parts(ms: number, timeZone: string): Record<string, number> {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** How far the hall's wall clock is ahead of UTC at that instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const p = parts(ms, timeZone);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(ms / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** '2026-12-07T10:00' on the hall's clock → the instant, as ISO. null: not a complete date and time. */
export function hallLocalToIso(local: string, timeZone: string): string | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(wall)) return null;
  // The offset at the wall time read as UTC is right except near a DST change; one more look settles it.
  let at = wall - offsetAt(wall, timeZone);
  at = wall - offsetAt(at, timeZone);
  return new Date(at).toISOString();
}

const two = (n: number) => String(n).padStart(2, '0');

/** An instant → what the hall's clock read then, as a datetime-local value. */
export function isoToHallLocal(iso: string, timeZone: string): string {
  const p = parts(Date.parse(iso), timeZone);
  return `${p.year}-${two(p.month!)}-${two(p.day!)}T${two(p.hour!)}:${two(p.minute!)}`;
}

/** The hall's calendar day at an instant, YYYY-MM-DD. */
export function hallDate(ms: number, timeZone: string): string {
  return isoToHallLocal(new Date(ms).toISOString(), timeZone).slice(0, 10);
}

/**
 * Hall days from–to, both whole, as the instants a report takes: from the first day's midnight to the midnight
 * after the last, on the hall's clock (a DST day is 23 or 25 hours long). null: not two dates in order.
 */
export function periodOf(fromDay: string, toDay: string, timeZone: string): { from: string; to: string } | null {
  const from = hallLocalToIso(`${fromDay}T00:00`, timeZone);
  const last = hallLocalToIso(`${toDay}T00:00`, timeZone);
  if (!from || !last || Date.parse(last) < Date.parse(from)) return null;
  // Noon of the last day plus a day is inside the next day whatever DST does; its date gives the next midnight.
  const next = hallDate(Date.parse(last) + 36 * 3_600_000, timeZone);
  const to = hallLocalToIso(`${next}T00:00`, timeZone);
  return to ? { from, to } : null;
}

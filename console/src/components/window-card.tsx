import type { WindowView } from '@hall/shared';
import { floor, t, hubNow } from '../store/store.js';
import { STATUS_ICON, STATUS_TEXT, minutesText } from './format.js';

/** One window as the floor shows it: number, status in words and symbol, who is on duty (亮身份), the ticket in hand. */
export function WindowCard({ w, warn, large = false }: { w: WindowView; warn: 'red' | 'yellow' | null; large?: boolean }) {
  const since = w.status === 'closed' ? null : Math.max(0, Math.floor((hubNow() - Date.parse(w.since)) / 60_000));
  return (
    <article class={`window-card status-${w.status}${warn ? ` warn-${warn}` : ''}${large ? ' large' : ''}`} aria-label={`${w.no} ${w.name}`} data-window={w.no}>
      <header>
        <strong class="no">{w.no}</strong>
        <span class="name">{w.name}</span>
        {warn && <span class={`flag ${warn}`}>{warn === 'red' ? `■ ${t('red')}` : `▲ ${t('yellow')}`}</span>}
      </header>
      <p class="status">
        <span aria-hidden="true">{STATUS_ICON[w.status]}</span> {t(STATUS_TEXT[w.status])}
        {since !== null && <small> · {t('since')} {minutesText(since)}</small>}
      </p>
      {w.pauseReason && <p class="reason">{w.pauseReason}</p>}
      <p class="ticket" aria-label={t('ticketInHand')}>
        {w.currentTicket ?? '—'}
      </p>
      <p class="staff">
        {w.staffName ? `${w.staffName}（${w.staffNo}）` : '—'}
        {w.coveringFor && (
          <small>
            {' '}
            · {t('covering')} {w.coveringFor}
            {w.absenceReason ? `（${t('absent')}：${w.absenceReason}）` : ''}
          </small>
        )}
      </p>
      <p class="serves" data-serves={w.lines.join(',')}>
        <small>
          {t('servesLines')}：{w.lines.map((id) => floor.value.lines.find((l) => l.id === id)?.name ?? id).join('、')}
        </small>
      </p>
      {w.suspendedTickets.length > 0 && (
        <p class="suspended">
          {t('suspended')}: {w.suspendedTickets.join('、')}
        </p>
      )}
    </article>
  );
}

import type { Warning, WindowStatus } from '@hall/shared';
import type { MessageKey } from '../i18n/messages.js';
import { t } from '../store/store.js';

export const STATUS_TEXT: Record<WindowStatus, MessageKey> = {
  closed: 'statusClosed',
  idle: 'statusIdle',
  calling: 'statusCalling',
  serving: 'statusServing',
  paused: 'statusPaused',
};

/** A symbol beside each status, so colour is never the only cue. */
export const STATUS_ICON: Record<WindowStatus, string> = { closed: '○', idle: '◇', calling: '◆', serving: '●', paused: '‖' };

const PHASE_TEXT: Record<string, MessageKey> = {
  open: 'phaseOpen',
  break: 'phaseBreak',
  'cut-off': 'phaseCutOff',
  extended: 'phaseExtended',
  closed: 'phaseClosed',
  'before-open': 'phaseBefore',
  holiday: 'phaseHoliday',
};
export const phaseText = (p: string): string => t(PHASE_TEXT[p] ?? 'phaseClosed');

export const minutesText = (m: number | null): string => (m === null ? '—' : `${m} ${t('min')}`);
export const percent = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
export const levelText = (level: 'red' | 'yellow'): string => `${level === 'red' ? '■' : '▲'} ${t(level)}`;

export function warningText(w: Warning, windowName: (no: string) => string, lineName: (id: string) => string): string {
  const mins = `${w.minutes} ${t('minutes')}（${t('threshold')} ${w.thresholdMinutes}）`;
  switch (w.kind) {
    case 'long-wait':
      return `${w.ticketNumber ?? ''} ${lineName(w.lineId ?? '')} ${t('warnLongWait')} ${mins}`;
    case 'long-service':
      return `${windowName(w.windowNo ?? '')} ${w.ticketNumber ?? ''} ${t('warnLongService')} ${mins}`;
    case 'idle-window':
      return `${windowName(w.windowNo ?? '')} ${t('warnIdle')} ${mins}`;
    case 'printer':
      return `${t('warnPrinter')} ${w.problem ?? w.printerId ?? ''} ${mins}`;
  }
}

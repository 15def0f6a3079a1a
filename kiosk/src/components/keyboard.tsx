import { w } from '../input/input-words.js';
import { t } from '../store/store.js';

const LETTERS = 'QWERTYUIOPASDFGHJKLZXCVBNM'.split('');
const DIGITS = '1234567890'.split('');

/**
 * An on-screen keyboard: no system IME on a kiosk, so Chinese is found by pinyin (initials or full) and pick
 * lists. `digits` adds a number row (ticket numbers, appointment codes); `onHandwriting` a key that opens the
 * writing pad.
 */
export function Keyboard({ onKey, digits = false, onHandwriting }: { onKey: (key: string | 'backspace' | 'clear') => void; digits?: boolean; onHandwriting?: () => void }) {
  return (
    <div class="keyboard" role="group" aria-label="keyboard">
      {(digits ? [...DIGITS, ...LETTERS] : LETTERS).map((k) => (
        <button type="button" key={k} onClick={() => onKey(k)}>
          {k}
        </button>
      ))}
      <button type="button" class="wide" onClick={() => onKey(' ')}>
        {t('space')}
      </button>
      <button type="button" class="wide" onClick={() => onKey('backspace')}>
        {t('delete')}
      </button>
      <button type="button" class="wide" onClick={() => onKey('clear')}>
        {t('clear')}
      </button>
      {onHandwriting && (
        <button type="button" class="wide handwriting-key" onClick={onHandwriting}>
          {w('handwriting')}
        </button>
      )}
    </div>
  );
}

export function applyKey(value: string, key: string, max = 40): string {
  if (key === 'backspace') return value.slice(0, -1);
  if (key === 'clear') return '';
  return (value + key).slice(0, max);
}

import type { DisplayScene } from '@hall/shared';
import { LINK_WORDS } from '@hall/shared/link-state';
import { connected } from '../store/store.js';

/** An emergency message covers everything, on every targeted screen, until the hub clears it. */
export function EmergencyOverlay({ emergency }: { emergency: NonNullable<DisplayScene['emergency']> }) {
  return (
    <div class="emergency" role="alert" data-emergency={emergency.id}>
      <div class="emergency-title">紧急通知 · EMERGENCY</div>
      <div class="emergency-text">{emergency.text}</div>
      {emergency.textEn && <div class="emergency-en">{emergency.textEn}</div>}
    </div>
  );
}

/** Discreet: a small grey mark at the top while the hub is unreachable; the content stays as it was. */
export function OfflineMark() {
  if (connected.value) return null;
  return (
    <div class="offline" role="status" data-link-state="offline">
      ● {LINK_WORDS.offlineShort.zh} <span class="en">{LINK_WORDS.offlineShort.en}</span>
    </div>
  );
}

import type { SearchHit } from '@hall/shared';
import { t } from '../store/store.js';

/** Why a result was found when its name does not hold what was typed: 您输入的“驾照”即“驾驶证”. */
export function reasonText(hit: SearchHit): string | null {
  const r = hit.reason;
  if (!r) return hit.matchedAlias ? `“${hit.matchedAlias}”` : null;
  const key = r.how === 'sound' ? 'reasonSound' : r.how === 'near' ? 'reasonNear' : 'reasonPhrase';
  return t(key).replace('{said}', r.said).replace('{means}', r.means);
}

export function MatchReason({ hit }: { hit: SearchHit }) {
  const text = reasonText(hit);
  return text ? <span class="match-reason"> · {text}</span> : null;
}

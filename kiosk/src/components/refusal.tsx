import type { ErrorBody } from '@hall/shared';
import { lang } from '../store/store.js';

/** A refusal or failure, kindly: the hub's own words in the visitor's language, the other language beneath. */
export function Refusal({ error }: { error: ErrorBody }) {
  const [first, second] = lang.value === 'zh' ? [error.message, error.messageEn] : [error.messageEn, error.message];
  return (
    <div class="refusal" role="alert">
      <strong>{first}</strong>
      <span lang={lang.value === 'zh' ? 'en' : 'zh'}>{second}</span>
    </div>
  );
}

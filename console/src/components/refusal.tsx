import type { ErrorBody } from '@hall/shared';
import { t } from '../store/store.js';

/** What the hub refused, in both languages, with the HTTP status — a 403 is said plainly, not hidden. */
export function Refusal({ status, error }: { status: number; error: ErrorBody }) {
  return (
    <section class="card refusal" role="alert" aria-labelledby="refusal-title">
      <h2 id="refusal-title">
        {status === 403 ? `${t('forbiddenTitle')}（403）` : `${status || ''} ${error.code}`}
      </h2>
      <p lang="zh-CN">{error.message}</p>
      <p lang="en">{error.messageEn}</p>
      {status === 403 && (
        <>
          <p>{t('forbiddenHint')}</p>
          <a class="btn" href="#/caller">
            {t('goCaller')}
          </a>
        </>
      )}
    </section>
  );
}

/** A refused action on a page that stays: the error in a live region. */
export function ActionError({ error }: { error: ErrorBody | null }) {
  if (!error) return null;
  return (
    <p class="action-error" role="alert">
      <span lang="zh-CN">{error.message}</span> <span lang="en">{error.messageEn}</span>
    </p>
  );
}

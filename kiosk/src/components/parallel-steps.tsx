import type { ParallelProject } from '@hall/shared';
import { lightWords, remainingWords, stepStateWords } from '@hall/shared/parallel-words';
import { hall, lang, t } from '../store/store.js';
import { Qr } from './qr.js';

const BORDER = { green: 'var(--ok)', yellow: 'var(--warn)', red: 'var(--brand)' } as const;

/**
 * 并联审批 at the kiosk: the project's light and each department's step — its state, its light as a shape and
 * words (never colour alone), and what is left of its limit — in large type, one department a row.
 */
export function ParallelSteps({ p }: { p: ParallelProject }) {
  const en = lang.value === 'en';
  const say = (w: { zh: string; en: string }) => (en ? w.en : w.zh);
  const overall = lightWords(p.light, p.finished);
  return (
    <section class="card parallel" aria-label={t('caseParallel')} data-light={p.light}>
      <h3>{t('caseParallel')}</h3>
      <p>
        {t('caseParallelLead')}：{p.leadDepartmentName}
      </p>
      <p role="status" style={{ fontSize: '1.4rem' }}>
        {t('caseParallelOverall')}：
        <strong>
          <span aria-hidden="true">{overall.mark}</span> {say(overall)}
        </strong>
      </p>
      <ol class="list" aria-label={t('caseParallelSteps')} style={{ listStyle: 'none', padding: 0 }}>
        {p.steps.map((s, i) => {
          const light = lightWords(s.light, s.state === 'done');
          const left = remainingWords(s);
          return (
            <li key={i} class="item" data-dept={s.departmentName} data-light={s.light} style={{ borderLeft: `10px solid ${BORDER[s.light]}`, padding: '0.8rem 1rem' }}>
              <strong style={{ fontSize: '1.3rem' }}>
                {s.departmentName} — {say(stepStateWords(s))}
              </strong>
              <span style={{ fontSize: '1.2rem' }}>
                <span aria-hidden="true">{light.mark}</span> {say(light)}
                {left ? ` · ${say(left)}` : ''}
              </span>
            </li>
          );
        })}
      </ol>
      {/* The phone page asks for the ID number's last four again: the code carries only the case number. */}
      <p>{t('caseParallelPhone')}</p>
      <Qr url={`${hall.value?.visitorUrl ?? location.origin}/m/#case=${encodeURIComponent(p.caseNo)}`} label={t('caseParallelPhone')} />
    </section>
  );
}

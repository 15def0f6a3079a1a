import type { Guide } from '@hall/shared';
import type { ComponentChildren } from 'preact';
import { t } from '../store/store.js';
import type { MessageKey } from '../i18n/messages.js';

const OBJECTS: Record<string, MessageKey> = { person: 'objPerson', enterprise: 'objEnterprise' };
const FORMS: Record<string, MessageKey> = { window: 'formWindow', pc: 'formPc', mobile: 'formMobile', express: 'formExpress', other: 'formOther' };
/** A code the catalog may one day add is shown as it comes rather than hidden. */
const named = (codes: string[], names: Record<string, MessageKey>) => codes.map((c) => (names[c] ? t(names[c]) : c)).join('、');

function Fact({ label, children }: { label: MessageKey; children: ComponentChildren }) {
  return (
    <>
      <dt>{t(label)}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** What kind of service this is: each line only where the catalog sets it, and the card only if any is set. */
export function GuideOverview({ g }: { g: Guide }) {
  const hasOverview = g.caseType || g.serviceObjects.length > 0 || g.handleForms.length > 0 || g.resultName || g.jointDepartments;
  if (!hasOverview) return null;
  return (
    <section class="card" aria-labelledby="guide-overview">
      <h3 id="guide-overview">{t('aboutService')}</h3>
      <dl class="facts">
        {g.caseType && <Fact label="caseType">{t(g.caseType === 'immediate' ? 'caseImmediate' : 'casePromised')}</Fact>}
        {g.serviceObjects.length > 0 && <Fact label="serviceObjects">{named(g.serviceObjects, OBJECTS)}</Fact>}
        {g.handleForms.length > 0 && <Fact label="handleForms">{named(g.handleForms, FORMS)}</Fact>}
        {g.resultName && <Fact label="resultName">{g.resultName}</Fact>}
        {g.jointDepartments && <Fact label="jointDepartments">{g.jointDepartments.split(/[,，、]/).join('、')}</Fact>}
      </dl>
    </section>
  );
}

/** The law the service rests on: long, so it gets its own card at the foot of the guide. */
export function GuideBasis({ g }: { g: Guide }) {
  if (!g.legalBasis) return null;
  return (
    <section class="card">
      <h3>{t('legalBasis')}</h3>
      <p>{g.legalBasis}</p>
    </section>
  );
}

/** Each fee with its standard, the rule it rests on, and whether it can be reduced. */
export function GuideFees({ g }: { g: Guide }) {
  if (g.fees.length === 0 && !g.charged) return <p>{t('free')}</p>;
  return (
    <ul>
      {g.fees.map((f, i) => (
        <li key={i}>
          {f.name}：{f.standard ?? ''}
          {f.basis && <><br />{t('feeBasisLabel')}：{f.basis}</>}
          {f.reducible && <><br />{t('reducible')}{f.reduceBasis ? `：${f.reduceBasis}` : ''}</>}
        </li>
      ))}
      {g.feeBasis && <li>{t('feeBasisLabel')}：{g.feeBasis}</li>}
    </ul>
  );
}

/** Which service and which edition of its guide this is, so staff can match a visitor's screen to their own. */
export function GuideCodes({ g }: { g: Guide }) {
  return (
    <p class="codes">
      {t('serviceCode')}：{g.handleItem ?? g.taskCode} · {t('guideVersion')}：{g.version}
    </p>
  );
}

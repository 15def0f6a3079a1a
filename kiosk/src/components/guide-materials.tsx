import type { Guide, GuideMaterial } from '@hall/shared';
import { t } from '../store/store.js';
import type { MessageKey } from '../i18n/messages.js';

const FORM: Record<string, MessageKey> = { original: 'original', copy: 'copy', 'original-and-copy': 'originalAndCopy' };
const MEDIUM: Record<string, MessageKey> = { paper: 'paper', electronic: 'electronic', 'paper-and-electronic': 'paperAndElectronic' };

function Need({ m }: { m: GuideMaterial }) {
  if (m.required === 'rongque') return <span class="badge warn">{t('rongque')}</span>;
  return <span>{m.required === 'required' ? t('required') : t('optional')}</span>;
}

/** "0 份" says why: the hall checks the document itself (电子证照库), so nothing is handed in. */
function Copies({ m }: { m: GuideMaterial }) {
  if (m.copies === null) return null;
  if (m.copies === 0) return <span>0 {t('copiesUnit')}<small><br />{t('noCopiesNeeded')}</small></span>;
  return <span>{m.copies} {t('copiesUnit')}{m.pageFormat ? ` · ${m.pageFormat}` : ''}</span>;
}

/** What to bring: each material with its form, copies, where it comes from, and whether it is needed now. */
export function GuideMaterials({ g }: { g: Guide }) {
  return (
    <section class="card">
      <h3>{t('materials')}</h3>
      {g.rongqueAllowed && <p>{t('rongqueNote')}</p>}
      <table>
        <thead>
          <tr>
            <th>{t('materialName')}</th>
            <th>{t('form')}</th>
            <th>{t('copies')}</th>
            <th>{t('materialSource')}</th>
            <th>{t('requirement')}</th>
          </tr>
        </thead>
        <tbody>
          {g.materials.map((m, i) => (
            <tr key={i}>
              <td>
                {m.name}
                {m.fillExplain && <small><br />{m.fillExplain}</small>}
                {m.acceptStandard && <small><br />{t('acceptStandard')}：{m.acceptStandard}</small>}
              </td>
              <td>
                {m.form ? t(FORM[m.form]!) : ''}
                {m.medium ? ` · ${t(MEDIUM[m.medium]!)}` : ''}
              </td>
              <td>
                <Copies m={m} />
              </td>
              <td>{m.source ?? ''}</td>
              <td>
                <Need m={m} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

import type { DisplayGroup } from '@hall/shared';
import { useState } from 'preact/hooks';
import { signageApi } from '../net/signage-api.js';
import type { Run } from '../pages/display-sections.js';
import { isManager, t } from '../store/store.js';

function GroupRow({ g, run }: { g: DisplayGroup; run: Run }) {
  const [name, setName] = useState(g.name);
  return (
    <li data-group={g.id}>
      <form class="row" onSubmit={(e) => (e.preventDefault(), void run(signageApi.putGroup(g.id, name.trim()), `${t('renameGroup')} ${g.id}`))}>
        <code>{g.id}</code>
        {isManager.value ? (
          <>
            <label class="inline">
              <span class="sr-only">
                {t('groupName')} {g.id}
              </span>
              <input required maxLength={64} size={16} value={name} onInput={(e) => setName(e.currentTarget.value)} />
            </label>
            <button class="btn small" type="submit" disabled={name.trim() === g.name}>
              {t('renameGroup')}
            </button>
            <button type="button" class="btn small" aria-label={`${t('delete')}：${g.name}`} onClick={() => void run(signageApi.removeGroup(g.id), `${t('delete')} ${g.name}`)}>
              {t('delete')}
            </button>
          </>
        ) : (
          <span>{g.name}</span>
        )}
      </form>
    </li>
  );
}

/** Display groups: list, create, rename, delete (a screen's groups are ticked in its editor). */
export function DisplayGroupsSection({ groups, run }: { groups: DisplayGroup[]; run: Run }) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  return (
    <section class="card" aria-labelledby="groups-title">
      <h2 id="groups-title">{t('groupsTitle')}</h2>
      <p class="muted">{t('groupsSectionHint')}</p>
      {groups.length === 0 && <p class="muted">{t('noGroups')}</p>}
      <ul class="groups">
        {groups.map((g) => (
          <GroupRow key={`${g.id}-${g.name}`} g={g} run={run} />
        ))}
      </ul>
      {isManager.value && (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            void run(signageApi.putGroup(id.trim(), name.trim()), `${t('addGroup')} ${name.trim()}`).then(() => (setId(''), setName('')));
          }}
        >
          <label class="inline">
            {t('groupId')} <input required maxLength={64} pattern="[A-Za-z0-9_.\-]+" size={12} value={id} onInput={(e) => setId(e.currentTarget.value)} />
          </label>
          <label class="inline">
            {t('groupName')} <input required maxLength={64} size={16} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <button class="btn primary" type="submit">
            {t('addGroup')}
          </button>
        </form>
      )}
    </section>
  );
}

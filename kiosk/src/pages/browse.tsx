import type { Department, ServiceSummary, Topic } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { Refusal } from '../components/refusal.js';
import { cachedGet, type ApiResult } from '../net/api.js';
import { go, t } from '../store/store.js';

function useCached<T>(path: string): ApiResult<T> | null {
  const [r, setR] = useState<ApiResult<T> | null>(null);
  useEffect(() => {
    let live = true;
    void cachedGet<T>(path).then((x) => live && setR(x));
    return () => {
      live = false;
    };
  }, [path]);
  return r;
}

export function Departments() {
  const r = useCached<Department[]>('/api/catalog/departments');
  if (!r) return <main>{t('loading')}</main>;
  if (!r.ok) return <main><Refusal error={r.error} /></main>;
  return (
    <main>
      <h2>{t('departments')}</h2>
      <div class="tiles">
        {r.data.map((d) => (
          <button type="button" class="tile" key={d.code} onClick={() => go({ name: 'department', code: d.code, title: d.name })}>
            <strong>{d.name}</strong>
            <span>
              {d.services} {t('servicesCount')}
            </span>
          </button>
        ))}
      </div>
    </main>
  );
}

export function Topics() {
  const r = useCached<Topic[]>('/api/catalog/topics');
  if (!r) return <main>{t('loading')}</main>;
  if (!r.ok) return <main><Refusal error={r.error} /></main>;
  const group = (kind: Topic['kind']) => r.data.filter((x) => x.kind === kind);
  return (
    <main>
      {(['life-event', 'topic'] as const).map((kind) => (
        <section key={kind}>
          <h2>{kind === 'life-event' ? t('lifeEvents') : t('topicList')}</h2>
          <div class="tiles">
            {group(kind).map((x) => (
              <button type="button" class="tile" key={x.id} onClick={() => go({ name: 'topic', id: x.id, title: x.name })}>
                <strong>{x.name}</strong>
                <span>
                  {x.services} {t('servicesCount')}
                </span>
              </button>
            ))}
          </div>
        </section>
      ))}
    </main>
  );
}

export function ServiceList({ title, path }: { title: string; path: string }) {
  const r = useCached<ServiceSummary[]>(path);
  if (!r) return <main>{t('loading')}</main>;
  if (!r.ok) return <main><Refusal error={r.error} /></main>;
  return (
    <main>
      <h2>{title}</h2>
      <div class="list">
        {r.data.map((s) => (
          <button type="button" class="item" key={s.id} onClick={() => go({ name: 'guide', id: s.id })}>
            <span>{s.name}</span>
            <small>
              {s.deptName}
              {s.fullyOnline ? ` · ` : ''}
              {s.fullyOnline && <span class="badge ok">{t('canDoOnline')}</span>}
            </small>
          </button>
        ))}
      </div>
    </main>
  );
}

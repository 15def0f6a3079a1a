import type { Campaign, DisplayGroup, DisplayStatus, ErrorBody, MediaAsset } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { CampaignEditor } from '../components/campaign-editor.js';
import { ActionError } from '../components/refusal.js';
import { WhatPlays } from '../components/what-plays.js';
import { loadForPage } from '../net/gate.js';
import { displaysApi } from '../net/hall-services.js';
import { signageApi } from '../net/signage-api.js';
import { draftOf, emptyDraft, type CampaignDraft } from '../signage/campaign-draft.js';
import { isoToHallLocal } from '../signage/hall-time.js';
import { hubNow, isManager, setup, t } from '../store/store.js';

const when = (iso: string | null, tz: string) => (iso ? isoToHallLocal(iso, tz).replace('T', ' ') : '—');

/** The campaigns: what plays where and when; one open for editing at a time. */
export function CampaignsPage() {
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [assets, setAssets] = useState<MediaAsset[]>([]);
  const [groups, setGroups] = useState<DisplayGroup[]>([]);
  const [screens, setScreens] = useState<DisplayStatus[]>([]);
  const [open, setOpen] = useState<{ id: string | null; draft: CampaignDraft } | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [done, setDone] = useState('');
  const tz = setup.value?.hall.timeZone ?? 'Asia/Shanghai';

  const reload = () => signageApi.campaigns().then((r) => r.ok && setCampaigns(r.data));
  useEffect(() => {
    void loadForPage<Campaign[]>('/api/signage/campaigns', setCampaigns).then((ok) => {
      if (!ok) return;
      void signageApi.library().then((r) => r.ok && setAssets(r.data.assets));
      void displaysApi.groups().then((r) => r.ok && setGroups(r.data));
      void displaysApi.list().then((r) => r.ok && setScreens(r.data));
    });
  }, []);

  async function remove(c: Campaign) {
    setError(null);
    setDone('');
    const r = await signageApi.removeCampaign(c.id);
    if (!r.ok) return setError(r.error);
    setDone(`${t('actionDone')}：${t('delete')} ${c.name}`);
    await reload();
  }

  return (
    <>
      <section class="card" aria-labelledby="campaigns-title">
        <h2 id="campaigns-title">{t('campaignsTitle')}</h2>
        <p role="status" class="done">
          {done}
        </p>
        <ActionError error={error} />
        {campaigns.length === 0 ? (
          <p class="muted">{t('noCampaigns')}</p>
        ) : (
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('nameCol')}</th>
                <th scope="col">{t('startsAt')}</th>
                <th scope="col">{t('endsAtOptional')}</th>
                <th scope="col">{t('priority')}</th>
                <th scope="col">{t('status')}</th>
                {isManager.value && <th scope="col">{t('actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id} data-campaign={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>{when(c.startsAt, tz)}</td>
                  <td>{when(c.endsAt, tz)}</td>
                  <td class="num">
                    {c.priority}
                    {c.interrupt ? ` · ${t('interruptShort')}` : ''}
                  </td>
                  <td>{c.enabled ? t('campaignEnabled') : t('campaignDisabled')}</td>
                  {isManager.value && (
                    <td>
                      <button type="button" class="btn small" aria-label={`${t('edit')}：${c.name}`} onClick={() => setOpen({ id: c.id, draft: draftOf(c, tz) })}>
                        {t('edit')}
                      </button>{' '}
                      <button type="button" class="btn small" aria-label={`${t('delete')}：${c.name}`} onClick={() => void remove(c)}>
                        {t('delete')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {isManager.value && !open && (
          <button type="button" class="btn primary" onClick={() => setOpen({ id: null, draft: emptyDraft(isoToHallLocal(new Date(hubNow()).toISOString(), tz)) })}>
            {t('newCampaign')}
          </button>
        )}
        {open && (
          <CampaignEditor
            key={open.id ?? 'new'}
            id={open.id}
            initial={open.draft}
            assets={assets}
            groups={groups}
            screens={screens}
            onCancel={() => setOpen(null)}
            onSaved={(c) => {
              setOpen(null);
              setDone(`${t('actionDone')}：${t('saveCampaign')} ${c.name}`);
              void reload();
            }}
          />
        )}
      </section>
      <WhatPlays campaigns={campaigns} screens={screens} />
    </>
  );
}

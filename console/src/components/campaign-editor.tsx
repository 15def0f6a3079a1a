import type { Campaign, DisplayGroup, DisplayStatus, ErrorBody, MediaAsset } from '@hall/shared';
import { useState } from 'preact/hooks';
import { signageApi } from '../net/signage-api.js';
import { campaignBody, type CampaignDraft } from '../signage/campaign-draft.js';
import { isManager, setup, t } from '../store/store.js';
import { CampaignItems } from './campaign-items.js';
import { DaypartEditor } from './daypart-editor.js';
import { ActionError } from './refusal.js';
import { TargetsEditor } from './targets-editor.js';

/** One campaign's form: what plays, when, how urgently, and where. Nothing is sent while the form names a problem. */
export function CampaignEditor(props: {
  id: string | null;
  initial: CampaignDraft;
  assets: MediaAsset[];
  groups: DisplayGroup[];
  screens: DisplayStatus[];
  onSaved: (c: Campaign) => void;
  onCancel: () => void;
}) {
  const [d, setD] = useState<CampaignDraft>(props.initial);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saving, setSaving] = useState(false);
  const tz = setup.value?.hall.timeZone ?? 'Asia/Shanghai';
  const built = campaignBody(d, tz);
  const set = (p: Partial<CampaignDraft>) => setD({ ...d, ...p });

  async function save(e: Event) {
    e.preventDefault();
    if (!built.ok) return;
    setSaving(true);
    setError(null);
    const r = props.id ? await signageApi.saveCampaign(props.id, built.body) : await signageApi.addCampaign(built.body);
    setSaving(false);
    if (!r.ok) return setError(r.error);
    props.onSaved(r.data);
  }

  return (
    <form class="campaign-editor" aria-label={t('campaignEditor')} onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <div class="fields">
        <label>
          {t('nameCol')} <input required maxLength={64} value={d.name} onInput={(e) => set({ name: e.currentTarget.value })} />
        </label>
        <label>
          {t('startsAt')} <input type="datetime-local" required value={d.startsAt} onInput={(e) => set({ startsAt: e.currentTarget.value })} />
        </label>
        <label>
          {t('endsAtOptional')} <input type="datetime-local" value={d.endsAt} onInput={(e) => set({ endsAt: e.currentTarget.value })} />
        </label>
        <label>
          {t('priority')}
          <input type="number" min={0} max={9} value={d.priority} onInput={(e) => set({ priority: Number(e.currentTarget.value) })} aria-describedby="priority-hint" />
        </label>
        <p id="priority-hint" class="field-note muted">
          {t('priorityHint')}
        </p>
        <label>
          {t('channel')} <input size={8} pattern="[A-Za-z0-9_.\-]+" value={d.channel} onInput={(e) => set({ channel: e.currentTarget.value })} />
        </label>
        <label class="check">
          <input type="checkbox" checked={d.interrupt} onChange={(e) => set({ interrupt: e.currentTarget.checked })} />
          {t('interrupt')}
        </label>
        <label class="check">
          <input type="checkbox" checked={d.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} />
          {t('campaignEnabled')}
        </label>
      </div>
      <CampaignItems items={d.items} assets={props.assets} onChange={(items) => set({ items })} />
      <DaypartEditor parts={d.dayparts} onChange={(dayparts) => set({ dayparts })} />
      <TargetsEditor targets={d.targets} groups={props.groups} screens={props.screens} onChange={(targets) => set({ targets })} />
      {!built.ok && (
        <ul class="draft-problems" role="status" aria-live="polite">
          {built.problems.map((p) => (
            <li key={p} class="warning yellow" data-problem={p}>
              ▲ {t(`problem_${p}`)}
            </li>
          ))}
        </ul>
      )}
      <ActionError error={error} />
      {isManager.value && (
        <div class="row">
          <button class="btn primary" type="submit" disabled={!built.ok || saving}>
            {saving ? t('saving') : t('saveCampaign')}
          </button>
          <button class="btn" type="button" onClick={props.onCancel}>
            {t('cancel')}
          </button>
        </div>
      )}
    </form>
  );
}

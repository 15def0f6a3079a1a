import type { DisplayGroup, DisplaySettings, DisplayStatus, Emergency, ErrorBody, Notice, PowerSchedule, ScreenLayout } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { DisplayGroupsSection } from '../components/display-groups.js';
import { IdleMedia } from '../components/idle-media.js';
import { ActionError } from '../components/refusal.js';
import { loadForPage } from '../net/gate.js';
import { displaysApi } from '../net/hall-services.js';
import { signageApi } from '../net/signage-api.js';
import type { ApiResult } from '../net/api.js';
import { t } from '../store/store.js';
import { EmergencySection, NoticesSection, SchedulesSection, ScreensTable } from './display-sections.js';

/** Displays, notices, emergency messages and power schedules — through the display-control routes. */
export function DisplaysPage() {
  const [screens, setScreens] = useState<DisplayStatus[]>([]);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [emergencies, setEmergencies] = useState<Emergency[]>([]);
  const [schedules, setSchedules] = useState<PowerSchedule[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [done, setDone] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [groups, setGroups] = useState<DisplayGroup[]>([]);
  const [layouts, setLayouts] = useState<ScreenLayout[]>([]);

  async function reload() {
    const [n, e, s, g] = await Promise.all([displaysApi.notices(), displaysApi.emergencies(), displaysApi.schedules(), displaysApi.groups()]);
    if (n.ok) setNotices(n.data);
    if (e.ok) setEmergencies(e.data);
    if (s.ok) setSchedules(s.data);
    if (g.ok) setGroups(g.data);
  }
  // The signage layouts a screen can draw (none yet on a hub without them: the editor then offers the built-in one).
  useEffect(() => void signageApi.layouts().then((r) => r.ok && setLayouts(r.data)), []);
  useEffect(() => {
    // The display list is for managers and auditors: a staff account is refused here.
    void loadForPage<DisplayStatus[]>('/api/displays', setScreens).then((ok) => (ok ? reload() : undefined));
  }, []);

  async function run(r: Promise<ApiResult<unknown>>, label: string) {
    setError(null);
    setDone('');
    const res = await r;
    if (!res.ok) return setError(res.error);
    setDone(`${t('actionDone')}：${label}`);
    await reload();
    const d = await displaysApi.list();
    if (d.ok) setScreens(d.data);
  }

  async function saved(s: DisplaySettings) {
    setEditing(null);
    setError(null);
    setDone(`${t('actionDone')}：${t('displaySaved')} ${s.name}`);
    const d = await displaysApi.list();
    if (d.ok) setScreens(d.data);
    // Back to the row's own button, so a keyboard user carries on where they were.
    document.querySelector<HTMLButtonElement>(`tr[data-display="${CSS.escape(s.id)}"] button.edit`)?.focus();
  }

  return (
    <main class="displays">
      <h1>{t('displaysTitle')}</h1>
      <p role="status" class="done">
        {done}
      </p>
      <ActionError error={error} />
      <EmergencySection emergencies={emergencies} run={run} />

      <NoticesSection notices={notices} run={run} />

      <ScreensTable screens={screens} groups={groups} layouts={layouts} editing={editing} setEditing={setEditing} onSaved={(s) => void saved(s)} />

      <DisplayGroupsSection groups={groups} run={run} />

      <IdleMedia />

      <SchedulesSection schedules={schedules} run={run} />
    </main>
  );
}

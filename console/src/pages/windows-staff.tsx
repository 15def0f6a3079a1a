import type { DeviceView, ErrorBody } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { STATUS_ICON, STATUS_TEXT } from '../components/format.js';
import { ActionError } from '../components/refusal.js';
import { loadForPage } from '../net/gate.js';
import { createStaffAccount, windowAction, type WindowAction } from '../net/window-actions.js';
import { devices, floor, isManager, setup, t } from '../store/store.js';

type ConsoleWindow = NonNullable<typeof setup.value>['windows'][number];

function WindowRow({ c, onResult }: { c: ConsoleWindow; onResult: (e: ErrorBody | null, done?: string) => void }) {
  const w = floor.value.windows.find((x) => x.no === c.no);
  const [staffNo, setStaffNo] = useState(c.aPost[0]?.no ?? c.bPost[0]?.no ?? '');
  const [reason, setReason] = useState(setup.value?.pauseReasons[0] ?? '');
  const mine = (devices.value ?? []).filter((d: DeviceView) => d.windowNo === c.no);
  const off = mine.filter((d) => !d.online).length;
  const status = w?.status ?? 'closed';
  const act = async (action: WindowAction, body: Record<string, unknown> = {}) => {
    const r = await windowAction(c.no, action, body);
    onResult(r.ok ? null : r.error, r.ok ? `${c.no} · ${t('actionDone')}` : undefined);
  };
  return (
    <tr data-window-row={c.no}>
      <th scope="row">{c.no}</th>
      <td>{c.name}</td>
      <td>{c.zoneName}</td>
      <td>{c.department?.name ?? '—'}</td>
      <td>{c.lines.map((l) => `${l.order}. ${l.name}`).join('；')}</td>
      <td>{c.aPost.map((p) => p.name).join('、') || '—'}</td>
      <td>{c.bPost.map((p) => p.name).join('、') || '—'}</td>
      <td>
        <span aria-hidden="true">{STATUS_ICON[status]}</span> {t(STATUS_TEXT[status])}
        {w?.staffName ? ` · ${w.staffName}` : ''}
      </td>
      <td>{mine.length === 0 ? '—' : off ? `× ${off}/${mine.length}` : `● ${mine.length}`}</td>
      {isManager.value && (
        <td class="actions">
          {status === 'closed' ? (
            <>
              <select aria-label={`${c.no} ${t('openAs')}`} value={staffNo} onChange={(e) => setStaffNo(e.currentTarget.value)}>
                {[...c.aPost.map((p) => [p, t('aPost')] as const), ...c.bPost.map((p) => [p, t('bPost')] as const)].map(([p, post]) => (
                  <option key={p.no} value={p.no}>
                    {post} {p.name}
                  </option>
                ))}
              </select>
              <button type="button" class="btn small" disabled={!staffNo} onClick={() => void act('open', { staffNo })}>
                {t('open')}
              </button>
            </>
          ) : (
            <>
              {status === 'paused' ? (
                <button type="button" class="btn small" onClick={() => void act('resume')}>
                  {t('resume')}
                </button>
              ) : (
                <>
                  <select aria-label={`${c.no} ${t('pauseReason')}`} value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
                    {(setup.value?.pauseReasons ?? []).map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                  <button type="button" class="btn small" onClick={() => void act('pause', { reason })}>
                    {t('pause')}
                  </button>
                </>
              )}
              <button type="button" class="btn small" onClick={() => void act('close')}>
                {t('close')}
              </button>
            </>
          )}
        </td>
      )}
    </tr>
  );
}

function AccountForm() {
  const staff = setup.value?.staff ?? [];
  const [staffNo, setStaffNo] = useState(staff[0]?.no ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [done, setDone] = useState('');
  return (
    <section class="card" aria-labelledby="accounts-title">
      <h2 id="accounts-title">{t('accountsTitle')}</h2>
      <p class="muted">{t('accountsHint')}</p>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          setDone('');
          void createStaffAccount({ username: username.trim(), password, staffNo }).then((r) => {
            if (r.ok) {
              setDone(`${t('accountCreated')}：${r.data.username}`);
              setPassword('');
            } else setError(r.error);
          });
        }}
      >
        <label class="inline">
          {t('staffNo')}{' '}
          <select value={staffNo} onChange={(e) => setStaffNo(e.currentTarget.value)}>
            {staff.map((s) => (
              <option key={s.no} value={s.no}>
                {s.no} {s.name}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          {t('username')} <input required pattern="[A-Za-z0-9_.\-]+" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label class="inline">
          {t('password')} <input required type="password" minLength={8} autoComplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <button class="btn primary" type="submit">
          {t('createAccount')}
        </button>
      </form>
      <p role="status">{done}</p>
      <ActionError error={error} />
    </section>
  );
}

/** Windows and staff: the file-configured shape, shown; what is safe to change live, offered (managers only). */
export function WindowsStaffPage() {
  const [error, setError] = useState<ErrorBody | null>(null);
  const [done, setDone] = useState('');
  useEffect(() => {
    // Device health per window is for managers and auditors; a staff account is refused here.
    void loadForPage<DeviceView[]>('/api/devices', (d) => (devices.value = d));
  }, []);
  const s = setup.value!;
  const onResult = (e: ErrorBody | null, ok?: string) => {
    setError(e);
    setDone(ok ?? '');
  };
  return (
    <main class="config">
      <h1>{t('configTitle')}</h1>
      <p class="note">{t('fileConfigured')}</p>
      <p role="status">{done}</p>
      <ActionError error={error} />
      <section class="card scroll" aria-labelledby="cfg-windows">
        <h2 id="cfg-windows">{t('windowsTitle')}</h2>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('windowNo')}</th>
              <th scope="col">{t('windowName')}</th>
              <th scope="col">{t('zone')}</th>
              <th scope="col">{t('department')}</th>
              <th scope="col">{t('lines')}</th>
              <th scope="col">{t('aPost')}</th>
              <th scope="col">{t('bPost')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('devices')}</th>
              {isManager.value && <th scope="col">{t('actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {s.windows.map((c) => (
              <WindowRow key={c.no} c={c} onResult={onResult} />
            ))}
          </tbody>
        </table>
      </section>
      <section class="card scroll" aria-labelledby="cfg-staff">
        <h2 id="cfg-staff">{t('staffTitle')}</h2>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('staffNo')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('title')}</th>
              <th scope="col">{t('department')}</th>
              <th scope="col">{t('windows')}</th>
              <th scope="col">{t('partner')}</th>
            </tr>
          </thead>
          <tbody>
            {s.staff.map((p) => (
              <tr key={p.no}>
                <th scope="row">{p.no}</th>
                <td>{p.name}</td>
                <td>{p.title ?? '—'}</td>
                <td>{p.department?.name ?? '—'}</td>
                <td>{p.windows.join('、') || '—'}</td>
                <td>{p.partner ? `${p.partner.name}（${p.partner.no}）` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {isManager.value && <AccountForm />}
    </main>
  );
}

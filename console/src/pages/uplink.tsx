import type { ErrorBody, UplinkStatus } from '@hall/shared';
import { useEffect, useState } from 'preact/hooks';
import { ActionError } from '../components/refusal.js';
import { loadForPage } from '../net/gate.js';
import { uplinkApi } from '../net/hall-services.js';
import type { MessageKey } from '../i18n/messages.js';
import { hallClock, isManager, t } from '../store/store.js';

const when = (iso: string | null) => (iso ? `${iso.slice(5, 10)} ${hallClock(Date.parse(iso))}` : '—');
const STREAM_ZH: Record<string, string> = { queue: '排队叫号', evaluation: '好差评', attendance: '窗口考勤', 'device-health': '设备状态', notices: '短信通知' };

/** The province link: the outbox backlog per stream (what waits while the province is away), the disk, the downlink feeds. */
export function UplinkPage() {
  const [status, setStatus] = useState<UplinkStatus | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  useEffect(() => {
    void loadForPage<UplinkStatus>('/api/uplink/status', setStatus);
    const timer = setInterval(() => void uplinkApi.status().then((r) => r.ok && setStatus(r.data)), 15_000);
    return () => clearInterval(timer);
  }, []);
  if (!status) return <main><h1>{t('uplinkTitle')}</h1><p>{t('loading')}</p></main>;
  const disk = status.disk;
  return (
    <main class="uplink">
      <h1>{t('uplinkTitle')}</h1>
      <p>
        {status.enabled ? `● ${t('enabled')}` : `○ ${t('disabled')}`} · {status.transport ?? '—'} {status.endpoint ?? ''}
      </p>
      <p class={disk.level === 'ok' ? 'note' : `warning ${disk.level === 'critical' ? 'red' : 'yellow'}`} role={disk.level === 'ok' ? undefined : 'alert'}>
        <strong>
          {t('disk')}
          {disk.level === 'ok' ? '' : disk.level === 'critical' ? ` ■ ${t('red')}` : ` ▲ ${t('yellow')}`}：
        </strong>
        <span lang="zh-CN">{disk.message}</span> <span lang="en">{disk.messageEn}</span>
      </p>
      <section class="card scroll" aria-labelledby="streams-title">
        <h2 id="streams-title">{t('backlog')}</h2>
        <table class="data">
          <thead>
            <tr>
              {(['stream', 'status', 'backlog', 'oldest', 'delivered', 'lastDelivered', 'failures', 'lastError', 'nextAttempt'] as MessageKey[]).map((h) => (
                <th scope="col" key={h}>
                  {t(h)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {status.streams.map((s) => (
              <tr key={s.stream} data-stream={s.stream}>
                <th scope="row">{STREAM_ZH[s.stream] ?? s.stream}</th>
                <td>{s.enabled ? `● ${t('enabled')}` : `○ ${t('disabled')}`}</td>
                <td class="num backlog">{s.backlog}</td>
                <td>{s.oldestAgeSeconds === null ? '—' : `${when(s.oldestAt)}（${s.oldestAgeSeconds} ${t('seconds')}）`}</td>
                <td class="num">{s.delivered}</td>
                <td>{when(s.lastDeliveredAt)}</td>
                <td class={s.failures > 0 ? 'num warning yellow' : 'num'}>{s.failures}</td>
                <td>{s.lastError ?? '—'}</td>
                <td>{when(s.nextAttemptAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card scroll" aria-labelledby="feeds-title">
        <h2 id="feeds-title">{t('feeds')}</h2>
        <table class="data">
          <thead>
            <tr>
              {(['feed', 'version', 'fetchedAt', 'lastError'] as MessageKey[]).map((h) => (
                <th scope="col" key={h}>
                  {t(h)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {status.downlink.map((f) => (
              <tr key={f.feed}>
                <th scope="row">{f.feed}</th>
                <td>{f.version ?? '—'}</td>
                <td>{when(f.fetchedAt)}</td>
                <td>{f.lastError ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {isManager.value && (
          <button
            type="button"
            class="btn"
            onClick={() =>
              void uplinkApi.refresh().then(async (r) => {
                setError(r.ok ? null : r.error);
                const s = await uplinkApi.status();
                if (s.ok) setStatus(s.data);
              })
            }
          >
            {t('refreshFeeds')}
          </button>
        )}
        <ActionError error={error} />
      </section>
    </main>
  );
}

import type { HelpRequest } from '@hall/shared';
import { useEffect } from 'preact/hooks';
import { get } from '../net/api.js';
import { addHelpRequest, helpRequests } from '../store/help-requests.js';

/** 求助: which kiosk asked for staff, when, and what the visitor had typed (the nearest help desk goes over). */
export function HelpRequestsPanel() {
  useEffect(() => {
    void get<HelpRequest[]>('/api/help-requests').then((r) => r.ok && [...r.data].reverse().forEach(addHelpRequest));
  }, []);
  const list = helpRequests.value;
  return (
    <section class="help-requests" aria-label="求助 Help requests">
      <h3>求助 Help requests</h3>
      {list.length === 0 ? (
        <p>暂无 None</p>
      ) : (
        <ul>
          {list.map((r) => (
            <li key={r.id} data-help-request={r.id}>
              <strong>{r.deviceId}</strong> {new Date(r.at).toLocaleTimeString('zh-CN', { hour12: false })} {r.query ? `“${r.query}”` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

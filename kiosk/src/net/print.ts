import { get, post } from './api.js';

interface PrintJob {
  jobId: string;
  status: string;
}

/**
 * Asks the hub to print on this kiosk's printer and follows the job until it is printed or fails. The hub
 * keeps the job even if this page goes away; following it only tells the visitor when to take the paper.
 */
export async function printAndWait(path: '/api/print/ticket' | '/api/print/guide', body: Record<string, string>): Promise<'done' | 'failed'> {
  const r = await post<PrintJob>(path, body);
  if (!r.ok) return 'failed';
  for (let delay = 300; delay < 4000; delay = Math.round(delay * 1.4)) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const s = await get<{ status: string }>(`/api/print/jobs/${encodeURIComponent(r.data.jobId)}`);
    if (s.ok && s.data.status === 'done') return 'done';
    if (s.ok && s.data.status === 'failed') return 'failed';
  }
  return 'failed';
}

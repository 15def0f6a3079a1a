import { get, post } from './api.js';

interface PrintJob {
  jobId: string;
  status: string;
}

/** what the visitor is told while a print is under way: sent and printing, or not known (the hub is away) */
export type PrintProgress = 'printing' | 'unknown';

/** how many answered "still queued" looks before the printer is taken to be at fault (~30 s of the hub answering) */
const ANSWERED_LOOKS = 40;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks the hub to print on this kiosk's printer and follows the job until it is printed or fails. Every send
 * carries the same request key, so a resend — after a timeout, a dropped link or a second tap — gets the same
 * job, never a second sheet. While the hub cannot be reached the outcome is unknown: it is said so, the request
 * is sent again until the hub answers, and an outage is never reported as a printer fault.
 */
export async function printAndWait(
  path: '/api/print/ticket' | '/api/print/guide',
  body: Record<string, string>,
  requestId: string,
  onProgress: (p: PrintProgress) => void = () => undefined,
): Promise<'done' | 'failed'> {
  let jobId: string | null = null;
  while (jobId === null) {
    const r = await post<PrintJob>(path, { ...body, requestId });
    if (r.ok) jobId = r.data.jobId;
    else if (!r.offline) return 'failed';
    else {
      onProgress('unknown');
      await pause(1000);
    }
  }
  onProgress('printing');
  for (let looks = 0; looks < ANSWERED_LOOKS; ) {
    await pause(looks === 0 ? 300 : 700);
    const s = await get<{ status: string }>(`/api/print/jobs/${encodeURIComponent(jobId)}`);
    if (!s.ok) {
      if (!s.offline) return 'failed';
      onProgress('unknown');
      continue;
    }
    onProgress('printing');
    if (s.data.status === 'done') return 'done';
    if (s.data.status === 'failed') return 'failed';
    looks += 1;
  }
  return 'failed';
}

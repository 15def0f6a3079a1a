import type { PrintJobView } from '@hall/shared';
import { printPhase, printSettled, type PrintPhase } from '../store/print-progress.js';
import { get, post } from './api.js';

interface PrintAccepted {
  jobId: string;
}

/** How long a job is followed: one that prints late (the printer came back) still turns the page to "printed". */
const FOLLOW_MS = 120_000;

/**
 * Asks the hub to print on this kiosk's printer and follows the job, telling `onPhase` what the visitor should
 * be told each time it changes: "printing" until the printer confirms, "failed" as soon as the printer refused or
 * has not confirmed (then still followed, in case it prints after all). The hub keeps the job if this page goes.
 */
export async function printAndFollow(path: '/api/print/ticket' | '/api/print/guide', body: Record<string, string>, onPhase: (p: PrintPhase) => void): Promise<PrintPhase> {
  const r = await post<PrintAccepted>(path, body);
  if (!r.ok) {
    onPhase('failed');
    return 'failed';
  }
  const started = Date.now();
  let told: PrintPhase = 'printing';
  for (let delay = 300; Date.now() - started < FOLLOW_MS; delay = Math.min(2000, Math.round(delay * 1.4))) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const s = await get<PrintJobView>(`/api/print/jobs/${encodeURIComponent(r.data.jobId)}`);
    const job = s.ok ? s.data : null;
    const phase = printPhase(job, Date.now() - started);
    if (phase !== told) onPhase((told = phase));
    if (printSettled(job)) break;
  }
  return told;
}

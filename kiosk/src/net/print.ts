import type { PrintJobView } from '@hall/shared';
import { printPhase, printSettled, type PrintPhase } from '../store/print-progress.js';
import { get, post } from './api.js';

interface PrintAccepted {
  jobId: string;
}

/** What the visitor is told: the printer's phases, or "not known" while the hub cannot be reached. */
export type PrintProgress = PrintPhase | 'unknown';

/** How long a job is followed while the hub answers: one that prints late (the printer came back) still turns the page to "printed". */
const FOLLOW_MS = 120_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks the hub to print on this kiosk's printer and follows the job, telling `onPhase` what the visitor should be
 * told each time it changes: "printing" until the printer confirms, "failed" as soon as the printer refused or has
 * not confirmed (then still followed, in case it prints after all). Every send carries the same request key, so a
 * resend — after a timeout, a dropped link or a second tap — gets the same job, never a second sheet. While the
 * hub cannot be reached the outcome is "unknown": the request is sent again until the hub answers, and an outage
 * is never reported as a printer fault (nor does it count against the printer's patience).
 */
export async function printAndFollow(
  path: '/api/print/ticket' | '/api/print/guide',
  body: Record<string, string>,
  requestId: string,
  onPhase: (p: PrintProgress) => void,
): Promise<PrintProgress> {
  let told: PrintProgress = 'printing';
  const tell = (p: PrintProgress) => {
    if (p !== told) onPhase((told = p));
  };
  let jobId: string | null = null;
  while (jobId === null) {
    const r = await post<PrintAccepted>(path, { ...body, requestId });
    if (r.ok) jobId = r.data.jobId;
    else if (!r.offline) {
      tell('failed');
      return 'failed';
    } else {
      tell('unknown');
      await pause(1000);
    }
  }
  tell('printing');
  let answered = 0;
  for (let delay = 300; answered < FOLLOW_MS; delay = Math.min(2000, Math.round(delay * 1.4))) {
    await pause(delay);
    const s = await get<PrintJobView>(`/api/print/jobs/${encodeURIComponent(jobId)}`);
    if (!s.ok && s.offline) {
      tell('unknown');
      continue;
    }
    answered += delay;
    const job = s.ok ? s.data : null;
    tell(printPhase(job, answered));
    if (printSettled(job)) break;
  }
  return told;
}

import type { ErrorBody, PrintJobView, RongqueAccepted } from '@hall/shared';
import { en, zh, type MessageKey } from '../i18n/messages.js';

export type Outcome = { ok: true; data: RongqueAccepted } | { ok: false; error: ErrorBody };

/** Both languages, Chinese first: what staff read aloud to the applicant, and what a colleague from elsewhere reads. */
function Both({ k }: { k: MessageKey }) {
  return (
    <>
      <span lang="zh-CN">{zh[k]}</span> <span lang="en">/ {en[k]}</span>
    </>
  );
}

/** What a refusal's details add: the province's reason (blacklist) and the materials it concerns. */
function refusalDetails(details: unknown): { reason: string | null; materials: string[] } {
  const d = (typeof details === 'object' && details !== null ? details : {}) as { reason?: unknown; materials?: unknown };
  return {
    reason: typeof d.reason === 'string' ? d.reason : null,
    materials: Array.isArray(d.materials) ? d.materials.filter((m): m is string => typeof m === 'string') : [],
  };
}

function PrintProgress({ jobId, job, printer }: { jobId: string | null; job: PrintJobView | null; printer: string | null }) {
  if (printer === null || jobId === null) return <p class="note" data-print="none"><Both k="rqNoPrinter" /></p>;
  if (job === null || job.status === 'queued' || job.status === 'sending') {
    return (
      <p role="status" data-print="printing" data-print-job={jobId}>
        <Both k="rqPrinting" />
      </p>
    );
  }
  if (job.status === 'done') {
    return (
      <p role="status" class="ok" data-print="done" data-print-job={jobId}>
        <Both k="rqPrinted" />
      </p>
    );
  }
  return (
    <p role="alert" class="action-error" data-print="failed" data-print-job={jobId}>
      <Both k="rqPrintFailed" />
      {job.lastError ? `：${job.lastError}` : ''}
    </p>
  );
}

/** The hub's answer to a 容缺 acceptance, shown in words and symbols (√ / ×), never by colour alone. */
export function RongqueOutcome({ outcome, job, printer }: { outcome: Outcome; job: PrintJobView | null; printer: string | null }) {
  if (!outcome.ok) {
    const { reason, materials } = refusalDetails(outcome.error.details);
    return (
      <section class="card refusal rongque-outcome" role="alert" aria-labelledby="rq-outcome" data-outcome="refused" data-code={outcome.error.code}>
        <h3 id="rq-outcome">
          <Both k="rqRefused" />
        </h3>
        <p lang="zh-CN">{outcome.error.message}</p>
        <p lang="en">{outcome.error.messageEn}</p>
        {reason && (
          <p data-reason>
            <Both k="rqReason" />：<strong>{reason}</strong>
          </p>
        )}
        {materials.length > 0 && (
          <p>
            <Both k="rqMaterials" />：{materials.join('、')}
          </p>
        )}
      </section>
    );
  }
  const { record, deadlineDay, sms, printJobId } = outcome.data;
  return (
    <section class="card rongque-outcome" aria-labelledby="rq-outcome" data-outcome="accepted">
      <h3 id="rq-outcome">
        <Both k="rqAccepted" />
      </h3>
      <dl class="facts">
        <dt>{zh.rqService}</dt>
        <dd>
          {record.serviceName}（{record.departmentName}）· {record.ticketNo}
        </dd>
        <dt>{zh.rqName}</dt>
        <dd data-applicant>{record.applicant}</dd>
        <dt>{zh.rongqueMissing}</dt>
        <dd data-missing>{record.missing.join('、')}</dd>
        <dt>{zh.rongqueDeadline}</dt>
        <dd data-deadline>
          {deadlineDay}（{record.supplyWorkingDays} {zh.workingDaysUnit}）
        </dd>
      </dl>
      {sms && (
        <p>
          <Both k="rqSmsQueued" />
        </p>
      )}
      <PrintProgress jobId={printJobId} job={job} printer={printer} />
    </section>
  );
}

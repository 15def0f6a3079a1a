import { HUB_SILENT_MS } from '@hall/shared/link-state';
import type { RateBody, TicketEvaluationStatus } from '@hall/shared/evaluation';
import { fetchWithin } from './fetch-within.js';

/** 一次一评 by the ticket's QR: whether it may be rated, and the rating itself (a retry applies once). */
export async function ratingStatus(token: string): Promise<TicketEvaluationStatus | null> {
  const r = await fetchWithin(`/api/tickets/${encodeURIComponent(token)}/evaluation`, { cache: 'no-store' }, HUB_SILENT_MS);
  return r.ok ? ((await r.json()) as TicketEvaluationStatus) : null;
}

export async function rate(token: string, body: RateBody): Promise<{ ok: true } | { ok: false; message: string; messageEn: string }> {
  const r = await fetchWithin(
    `/api/tickets/${encodeURIComponent(token)}/evaluation`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    HUB_SILENT_MS,
  );
  if (r.ok) return { ok: true };
  const e = (await r.json().catch(() => ({}))) as { message?: string; messageEn?: string };
  return { ok: false, message: e.message ?? '提交失败，请稍后再试。', messageEn: e.messageEn ?? 'Could not send; please try again.' };
}

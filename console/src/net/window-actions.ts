import type { ServedLine, TicketView, WindowActionResult } from '@hall/shared';
import { get, post, type ApiResult } from './api.js';

export type WindowAction =
  | 'open'
  | 'close'
  | 'call-next'
  | 'call'
  | 'recall'
  | 'start'
  | 'finish'
  | 'no-show'
  | 'transfer'
  | 'suspend'
  | 'resume-ticket'
  | 'pause'
  | 'resume'
  | 'hand-back';

/** A window operation through the hub's window routes (the same ones a keypad's presses become); audited there. */
export function windowAction(windowNo: string, action: WindowAction, body: Record<string, unknown> = {}): Promise<ApiResult<WindowActionResult>> {
  // A request id makes a double click (or a retry after a timeout) call one visitor, not two.
  const withId = action === 'call-next' || action === 'call' ? { ...body, requestId: crypto.randomUUID() } : body;
  return post<WindowActionResult>(`/api/windows/${encodeURIComponent(windowNo)}/${action}`, withId);
}

/** 弹性窗口: the lines a window serves from its next call on; audited by the hub. */
export function assignLines(windowNo: string, lines: ServedLine[]): Promise<ApiResult<WindowActionResult>> {
  return post<WindowActionResult>(`/api/windows/${encodeURIComponent(windowNo)}/lines`, { lines, requestId: crypto.randomUUID() });
}

/** A suspended ticket is listed by number; taking it back needs its id. */
export async function resumeByNumber(windowNo: string, number: string): Promise<ApiResult<WindowActionResult>> {
  const t = await get<TicketView>(`/api/tickets/by-number/${encodeURIComponent(number)}`);
  if (!t.ok) return t;
  return windowAction(windowNo, 'resume-ticket', { ticketId: t.data.id });
}

export function createStaffAccount(body: { username: string; password: string; staffNo: string }): Promise<ApiResult<{ username: string }>> {
  return post('/api/admin/accounts', { ...body, role: 'staff' });
}

import {
  EmptyBodySchema,
  WindowActionResultSchema,
  WindowCallNextBodySchema,
  WindowCallTicketBodySchema,
  WindowLoginBodySchema,
  WindowParamsSchema,
  WindowPauseBodySchema,
  WindowResumeTicketBodySchema,
  WindowTransferBodySchema,
  WindowViewSchema,
  type WindowActionResult,
} from '@hall/shared';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../app/auth-service.js';
import { createQueueActions, windowCommandType, type WindowAction } from '../../../app/queue-actions.js';
import { createQueueViews } from '../../../app/queue-views.js';
import { createStaffAccess } from '../../../app/staff-access.js';
import { requireRole } from '../auth-guard.js';
import { staffPosts } from '../staff-posts.js';
import type { HubDecorations } from '../hub-decorations.js';
import { refusalError } from '../errors.js';
import { responses } from '../schemas.js';
import { orThrow } from './execute.js';

/** The window operations of a caller keypad or the console's software caller. */
export function windowRoutes(ctx: Pick<HubDecorations, 'config' | 'engine' | 'staffAddress' | 'auth'>): FastifyPluginAsyncTypebox {
  const { engine, config } = ctx;
  const actions = createQueueActions(engine);
  const views = createQueueViews(engine);
  const access = createStaffAccess(engine, staffPosts(config));

  function guard(req: FastifyRequest, windowNo: string): Principal {
    const p = req.principal!;
    const no = access.refuseOperating(p, windowNo);
    if (no) throw refusalError(no);
    return p;
  }

  function result(windowNo: string, ticketId: string | null): WindowActionResult {
    return { window: views.window(windowNo), ticket: ticketId ? views.ticketById(ticketId) : null };
  }

  return async (app) => {
    const staff = requireRole(ctx, 'manager', 'staff');

    app.get('/api/windows', {
      schema: { tags: ['windows'], summary: 'Every window: status, staff on duty (亮身份), ticket in hand', response: responses({ 200: Type.Array(WindowViewSchema) }) },
    }, async () => views.windows());

    function op<B extends TSchema>(
      path: string,
      summary: string,
      body: B,
      action: (body: B['static'], p: Principal) => WindowAction,
    ) {
      app.post(`/api/windows/:no/${path}`, {
        schema: { tags: ['windows'], summary, params: WindowParamsSchema, body, security: [{ bearer: [] }], response: responses({ 200: WindowActionResultSchema }) },
        preHandler: staff,
      }, async (req) => {
        const p = guard(req, req.params.no);
        const a = action(req.body, p);
        const takeOver = access.refuseWithoutTakeOver(p, req.params.no, a.op);
        if (takeOver) throw refusalError(takeOver);
        // call-next and call carry an idempotency key (the bodies' schemas say which)
        const { requestId } = req.body as { requestId?: string };
        const r = await orThrow(actions.atWindow(req.params.no, a, { requestId }), req, windowCommandType[a.op]);
        return result(req.params.no, r.ticketId);
      });
    }

    op('open', 'Staff log in at the window (A or B post); managers may name the staff member', WindowLoginBodySchema, (b, p) => {
      const who = access.signInAs(p, b.staffNo);
      if ('code' in who) throw refusalError(who);
      return { op: 'open', staffNo: who.staffNo, absenceReason: b.absenceReason };
    });
    op('hand-back', 'AB岗: the B post hands the window back to the A post (or the A post signs in again)', EmptyBodySchema, () => ({ op: 'hand-back' }));
    op('close', 'Staff log out; the window closes', EmptyBodySchema, () => ({ op: 'close' }));
    op('call-next', 'Call the next visitor (finishing the one in hand)', WindowCallNextBodySchema, () => ({ op: 'call-next' }));
    op('call', 'Call a specific ticket out of order', WindowCallTicketBodySchema, (b) => ({ op: 'call', ticket: b }));
    op('recall', 'Call the ticket in hand again (重呼)', EmptyBodySchema, () => ({ op: 'recall' }));
    op('start', 'The visitor has arrived: service starts', EmptyBodySchema, () => ({ op: 'start' }));
    op('finish', 'Service done (办结)', EmptyBodySchema, () => ({ op: 'finish' }));
    op('no-show', 'The called visitor did not come (过号)', EmptyBodySchema, () => ({ op: 'no-show' }));
    op('transfer', 'Send the ticket in hand to another line or window', WindowTransferBodySchema, (b) => ({ op: 'transfer', ...b }));
    op('suspend', 'Put the ticket in hand aside (挂起) and serve others', EmptyBodySchema, () => ({ op: 'suspend' }));
    op('resume-ticket', 'Take a suspended ticket back', WindowResumeTicketBodySchema, (b) => ({ op: 'resume-ticket', ticket: { ticketId: b.ticketId } }));
    op('pause', 'Pause service with a reason (暂停服务)', WindowPauseBodySchema, (b) => ({ op: 'pause', reason: b.reason }));
    op('resume', 'Resume service after a pause', EmptyBodySchema, () => ({ op: 'resume' }));
  };
}

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
import type { QueueCommand } from '../../../domain/queue/commands.js';
import { ticketView, windowView } from '../../../domain/queue/views.js';
import { requireRole } from '../auth-guard.js';
import { staffPosts } from '../staff-posts.js';
import type { HubDecorations } from '../hub-decorations.js';
import { HttpError, forbidden, notFound } from '../errors.js';
import { responses } from '../schemas.js';
import { executeOrThrow } from './execute.js';

/** The window operations of a caller keypad or the console's software caller. */
export function windowRoutes(ctx: Pick<HubDecorations, 'config' | 'engine' | 'staffAddress' | 'auth'>): FastifyPluginAsyncTypebox {
  const { engine, config } = ctx;
  const posts = staffPosts(config);

  function guard(req: FastifyRequest, windowNo: string): Principal {
    const p = req.principal!;
    if (!engine.rules.windows.has(windowNo)) throw notFound('window', '这个窗口');
    if (!posts.mayOperate(p, windowNo, engine.state)) {
      throw forbidden('You are not posted at this window.', '您不在这个窗口的岗位上。');
    }
    return p;
  }

  function result(windowNo: string, ticketId: string | null): WindowActionResult {
    const t = ticketId ? engine.ticket(ticketId) : null;
    return {
      window: windowView(engine.state, engine.rules, windowNo),
      ticket: t ? ticketView(engine.state, engine.rules, t) : null,
    };
  }

  return async (app) => {
    const staff = requireRole(ctx, 'manager', 'staff');

    app.get('/api/windows', {
      schema: { tags: ['windows'], summary: 'Every window: status, staff on duty (亮身份), ticket in hand', response: responses({ 200: Type.Array(WindowViewSchema) }) },
    }, async () => [...engine.rules.windows.keys()].map((no) => windowView(engine.state, engine.rules, no)));

    function op<B extends TSchema>(
      path: string,
      summary: string,
      body: B,
      command: (no: string, body: B['static'], p: Principal) => QueueCommand,
    ) {
      app.post(`/api/windows/:no/${path}`, {
        schema: { tags: ['windows'], summary, params: WindowParamsSchema, body, security: [{ bearer: [] }], response: responses({ 200: WindowActionResultSchema }) },
        preHandler: staff,
      }, async (req) => {
        const p = guard(req, req.params.no);
        if (path !== 'open' && path !== 'hand-back' && posts.mustTakeOverFirst(p, req.params.no, engine.state)) {
          throw new HttpError(409, 'take_over_first', '请先以B岗身份接替上岗，再办理。', 'Take the window over as its B post first.');
        }
        const r = await executeOrThrow(engine, command(req.params.no, req.body, p), req);
        return result(req.params.no, r.ticketId);
      });
    }

    op('open', 'Staff log in at the window (A or B post); managers may name the staff member', WindowLoginBodySchema, (no, b, p) => {
      const staffNo = p.role === 'manager' ? (b.staffNo ?? p.staffNo) : p.staffNo;
      if (!staffNo) throw new HttpError(422, 'staff_required', '请提供工号。', 'Give the staff number.');
      if (p.role !== 'manager' && b.staffNo !== undefined && b.staffNo !== p.staffNo) {
        throw forbidden('Staff log in under their own number only.', '只能以本人工号登录。');
      }
      return { type: 'OpenWindow', windowNo: no, staffNo, absenceReason: b.absenceReason };
    });
    op('hand-back', 'AB岗: the B post hands the window back to the A post (or the A post signs in again)', EmptyBodySchema, (no) => ({ type: 'HandBackWindow', windowNo: no }));
    op('close', 'Staff log out; the window closes', EmptyBodySchema, (no) => ({ type: 'CloseWindow', windowNo: no }));
    op('call-next', 'Call the next visitor (finishing the one in hand)', WindowCallNextBodySchema, (no, b) => ({
      type: 'CallNext',
      windowNo: no,
      requestId: b.requestId,
    }));
    op('call', 'Call a specific ticket out of order', WindowCallTicketBodySchema, (no, b) => {
      const id = b.ticketId ?? (b.number ? engine.ticketByNumber(b.number)?.id : undefined);
      if (!id) throw new HttpError(404, 'unknown_ticket', '没有找到这张号票。', 'No such ticket today.');
      return { type: 'CallTicket', windowNo: no, ticketId: id, requestId: b.requestId };
    });
    op('recall', 'Call the ticket in hand again (重呼)', EmptyBodySchema, (no) => ({ type: 'Recall', windowNo: no }));
    op('start', 'The visitor has arrived: service starts', EmptyBodySchema, (no) => ({ type: 'StartService', windowNo: no }));
    op('finish', 'Service done (办结)', EmptyBodySchema, (no) => ({ type: 'FinishService', windowNo: no }));
    op('no-show', 'The called visitor did not come (过号)', EmptyBodySchema, (no) => ({ type: 'MarkNoShow', windowNo: no }));
    op('transfer', 'Send the ticket in hand to another line or window', WindowTransferBodySchema, (no, b) => ({
      type: 'TransferTicket',
      windowNo: no,
      toLineId: b.toLineId,
      toWindowNo: b.toWindowNo,
      placement: b.placement,
    }));
    op('suspend', 'Put the ticket in hand aside (挂起) and serve others', EmptyBodySchema, (no) => ({ type: 'SuspendTicket', windowNo: no }));
    op('resume-ticket', 'Take a suspended ticket back', WindowResumeTicketBodySchema, (no, b) => ({
      type: 'ResumeTicket',
      windowNo: no,
      ticketId: b.ticketId,
    }));
    op('pause', 'Pause service with a reason (暂停服务)', WindowPauseBodySchema, (no, b) => ({ type: 'PauseWindow', windowNo: no, reason: b.reason }));
    op('resume', 'Resume service after a pause', EmptyBodySchema, (no) => ({ type: 'ResumeWindow', windowNo: no }));
  };
}

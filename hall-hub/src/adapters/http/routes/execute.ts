import type { FastifyRequest } from 'fastify';
import type { ExecuteResult } from '../../../app/queue-engine.js';
import { refusalError } from '../errors.js';

type Done = Extract<ExecuteResult, { ok: true }>;

/** Logs who ran a queue command and the events it wrote (signed-in staff and managers only). */
export function logCommand(req: FastifyRequest, r: Done, command: string): void {
  if (req.principal) req.log.info({ actor: req.principal.username, command, events: r.events.map((e) => e.seq) }, 'queue command');
}

/** A use case's answer: its result, or its refusal as the HTTP error a visitor or staff member can read. */
export async function orThrow(pending: Promise<ExecuteResult>, req?: FastifyRequest, command?: string): Promise<Done> {
  const r = await pending;
  if (!r.ok) throw refusalError(r.refusal);
  if (req && command) logCommand(req, r, command);
  return r;
}

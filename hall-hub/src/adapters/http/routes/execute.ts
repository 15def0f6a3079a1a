import type { FastifyRequest } from 'fastify';
import type { ExecuteResult, QueueEngine } from '../../../app/queue-engine.js';
import type { QueueCommand } from '../../../domain/queue/commands.js';
import { refusalError } from '../errors.js';

/** Runs a queue command; a refusal becomes the HTTP error a visitor or staff member can read. */
export async function executeOrThrow(
  engine: QueueEngine,
  cmd: QueueCommand,
  req?: FastifyRequest,
  /** more writes committed in the command's own transaction */
  alongside?: (r: ExecuteResult) => void,
): Promise<Extract<ExecuteResult, { ok: true }>> {
  const r = await engine.submit(cmd, alongside);
  if (!r.ok) throw refusalError(r.refusal);
  if (req?.principal) {
    req.log.info({ actor: req.principal.username, command: cmd.type, events: r.events.map((e) => e.seq) }, 'queue command');
  }
  return r;
}

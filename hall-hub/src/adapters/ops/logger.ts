import { join } from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { HallConfig } from '../../config/hall-config-schema.js';
import { requestSerializer } from './request-log.js';

// ID numbers and passwords never reach a log line, whatever a route logs.
const redact = { paths: ['idNumber', '*.idNumber', 'password', '*.password', 'req.headers.authorization'], censor: '[masked]' };
// Tokens and ID digits in query strings never reach a request line (fastify uses the instance's `req` serializer).
const serializers = { req: requestSerializer };

/**
 * The hub's structured log (pino, JSON lines): to stdout by default (systemd's journal keeps it), or to a file
 * rotated daily or by size with a bounded number kept (pino-roll, in pino's worker thread, so a slow disk
 * never holds up the event loop).
 */
export function createHubLogger(config: HallConfig, baseDir: string, destination?: DestinationStream): Logger {
  const { log, logLevel } = config.server;
  if (destination) return pino({ level: logLevel, redact, serializers }, destination);
  if (!log.file) return pino({ level: logLevel, redact, serializers });
  const file = log.file.startsWith('/') ? log.file : join(baseDir, log.file);
  return pino(
    { level: logLevel, redact, serializers },
    pino.transport({
      target: 'pino-roll',
      options: { file, frequency: log.rotate, size: `${log.maxSizeMb}m`, mkdir: true, limit: { count: log.keep } },
    }),
  );
}

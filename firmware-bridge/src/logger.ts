import pino, { type Logger } from 'pino';

/**
 * Structured logs. The bridge logs ID numbers only masked and never a card holder's name; the redaction is a
 * second guard in case a field ever slips into a log call.
 */
export function createLogger(level: string, name = 'firmware-bridge'): Logger {
  return pino({ name, level, redact: { paths: ['idNumber', '*.idNumber', 'card', '*.card', 'password'], censor: '[redacted]' } });
}

/**
 * What a request log line says about a request. Query strings carry secrets a page was launched with — a kiosk's
 * or wall's token (`?device=kiosk-1&token=…`, also its MQTT password) — and personal data (`idLast4` of a case
 * lookup). Their values are masked; the rest of the URL, and so the device id, stays readable.
 */
const SECRET_QUERY_KEY = /token|password|secret|key|idnumber|idlast4|phone/i;
const MASK = '[masked]';

export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const fields = url
    .slice(q + 1)
    .split('&')
    .map((field) => {
      const eq = field.indexOf('=');
      const rawKey = eq < 0 ? field : field.slice(0, eq);
      let key: string;
      try {
        key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      } catch {
        return MASK; // a key that does not even decode is not worth keeping
      }
      return SECRET_QUERY_KEY.test(key) && eq >= 0 ? `${rawKey}=${MASK}` : field;
    });
  return `${url.slice(0, q)}?${fields.join('&')}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}

/** pino serializer for fastify's `req`: fastify's own fields, with the URL made safe to keep. */
export function requestSerializer(req: LoggedRequest): Record<string, unknown> {
  return { method: req.method, url: loggableUrl(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

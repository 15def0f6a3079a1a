import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';

export interface TlsFiles {
  caFile?: string | undefined;
  certFile?: string | undefined;
  keyFile?: string | undefined;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A small keep-alive HTTP(S) client for the province link: optional CA and client certificate (mutual TLS),
 * a timeout per request. node:https takes the client certificate directly, which global fetch does not.
 */
export function createHttpClient(base: string, tls: TlsFiles | undefined, timeoutMs: number) {
  const url = new URL(base);
  const secure = url.protocol === 'https:';
  const agent = secure
    ? new https.Agent({
        keepAlive: true,
        maxSockets: 8,
        ...(tls?.caFile ? { ca: readFileSync(tls.caFile) } : {}),
        ...(tls?.certFile ? { cert: readFileSync(tls.certFile) } : {}),
        ...(tls?.keyFile ? { key: readFileSync(tls.keyFile) } : {}),
      })
    : new http.Agent({ keepAlive: true, maxSockets: 8 });
  const prefix = url.pathname.replace(/\/$/, '');

  function request(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(
        {
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port || (secure ? 443 : 80),
          method,
          path: `${prefix}${path}`,
          agent,
          headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  return {
    endpoint: `${url.origin}${prefix}`,
    request,
    close: () => agent.destroy(),
  };
}

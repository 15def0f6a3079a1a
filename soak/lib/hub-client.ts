/** The soak's HTTP calls to the hub: JSON in and out, and what a client does when the hub is away — retry. */
export interface Reply<T = unknown> {
  status: number;
  body: T;
}

export async function call<T = unknown>(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, timeoutMs = 15_000): Promise<Reply<T>> {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await r.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: r.status, body: parsed as T };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A request a person would repeat until the hub answers: network errors and 5xx are retried every `everyMs`
 * (the hub restarting, the port not yet open) until `giveUpAt()` says stop. Any other answer is returned.
 * `onAttempt` sees each try, so a caller can tell which requests were in flight when the hub died.
 */
export async function persist<T>(
  send: () => Promise<Reply<T>>,
  opts: { everyMs: number; giveUp: () => boolean; onAttempt?: (n: number) => void },
): Promise<{ reply: Reply<T> | null; attempts: number; errors: string[] }> {
  const errors: string[] = [];
  for (let attempts = 1; ; attempts++) {
    opts.onAttempt?.(attempts);
    try {
      const reply = await send();
      if (reply.status < 500) return { reply, attempts, errors };
      errors.push(`HTTP ${reply.status}`);
    } catch (err) {
      errors.push((err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message);
    }
    if (opts.giveUp()) return { reply: null, attempts, errors };
    await pause(opts.everyMs);
  }
}

export async function signIn(base: string, username: string, password: string): Promise<{ authorization: string }> {
  const r = await call<{ token: string }>(base, 'POST', '/api/auth/login', { username, password });
  if (r.status !== 200) throw new Error(`sign-in as ${username}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return { authorization: `Bearer ${r.body.token}` };
}

export const deviceAuth = (id: string, token: string) => ({ authorization: `Device ${id}:${token}` });

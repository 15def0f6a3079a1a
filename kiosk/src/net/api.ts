import type { ErrorBody } from '@hall/shared';
import { HUB_SILENT_MS } from '@hall/shared/link-state';
import { get as idbGet, set as idbSet } from 'idb-keyval';
import { deviceIdentity } from './device.js';

export type ApiResult<T> = { ok: true; data: T; cached?: boolean } | { ok: false; error: ErrorBody; offline: boolean };

const REQUEST_TIMEOUT_MS = HUB_SILENT_MS + 500;

const OFFLINE: ErrorBody = {
  code: 'hub_unreachable',
  message: '暂时无法连接到中心，请稍后再试或咨询服务台。',
  messageEn: 'The hall hub cannot be reached right now. Please try again or ask the help desk.',
};

function authHeaders(): Record<string, string> {
  const id = deviceIdentity();
  return id ? { authorization: `Device ${id.deviceId}:${id.token}` } : {};
}

async function request<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...authHeaders() },
      body: body === undefined ? undefined : JSON.stringify(body),
      // A hung hub answers nothing: give up soon after the live link would (shared/link-state.ts).
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    return { ok: false, error: OFFLINE, offline: true };
  }
  const data: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: data as T };
  const err = data as Partial<ErrorBody> | null;
  return {
    ok: false,
    offline: false,
    error: { code: err?.code ?? `http_${res.status}`, message: err?.message ?? OFFLINE.message, messageEn: err?.messageEn ?? OFFLINE.messageEn },
  };
}

export const post = <T>(path: string, body: unknown) => request<T>('POST', path, body);

/**
 * Reads through the kiosk's cache: a fresh answer from the hub is stored in IndexedDB, and when the hub
 * cannot be reached the last stored answer is used — guides stay readable while the network is down.
 */
export async function cachedGet<T>(path: string): Promise<ApiResult<T>> {
  const r = await request<T>('GET', path);
  if (r.ok) {
    void idbSet(`GET ${path}`, r.data).catch(() => undefined);
    return r;
  }
  if (!r.offline) return r;
  const cached = (await idbGet(`GET ${path}`).catch(() => undefined)) as T | undefined;
  return cached === undefined ? r : { ok: true, data: cached, cached: true };
}

export const get = <T>(path: string) => request<T>('GET', path);

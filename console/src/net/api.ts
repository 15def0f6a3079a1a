import type { ErrorBody } from '@hall/shared';
import { session } from '../store/store.js';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ErrorBody };

const UNREACHABLE: ErrorBody = {
  code: 'hub_unreachable',
  message: '暂时无法连接到中心，请检查网络后再试。',
  messageEn: 'The hall hub cannot be reached. Check the network and try again.',
};

function headers(body: unknown): Record<string, string> {
  const token = session.value?.token;
  return { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

async function errorOf(res: Response): Promise<ErrorBody> {
  const data = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
  return {
    code: data?.code ?? `http_${res.status}`,
    message: data?.message ?? `请求失败（${res.status}）`,
    messageEn: data?.messageEn ?? `Request failed (${res.status})`,
    // what more the hub says (a blacklisted applicant's reason, the materials a refusal concerns)
    ...(data?.details === undefined ? {} : { details: data.details }),
  };
}

/** The only place the console talks HTTP: JSON in and out, errors as the hub's bilingual error body. */
export async function request<T>(method: string, path: string, body?: unknown, timeoutMs = 15_000): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, { method, headers: headers(body), body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    return { ok: false, status: 0, error: UNREACHABLE };
  }
  if (res.status === 401 && session.value) onSessionLost();
  if (!res.ok) return { ok: false, status: res.status, error: await errorOf(res) };
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  return { ok: true, data: data as T };
}

export const get = <T>(path: string, timeoutMs?: number) => request<T>('GET', path, undefined, timeoutMs);
export const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);

/** A file download needs the bearer header, so it is fetched and handed to the browser as a blob. */
export async function download(path: string): Promise<ApiResult<string>> {
  let res: Response;
  try {
    res = await fetch(path, { headers: headers(undefined), signal: AbortSignal.timeout(60_000) });
  } catch {
    return { ok: false, status: 0, error: UNREACHABLE };
  }
  if (!res.ok) return { ok: false, status: res.status, error: await errorOf(res) };
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? 'report');
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true, data: name };
}

let lost: () => void = () => undefined;
/** What to do when the hub says the session is gone (expired, or signed out elsewhere). */
export function onSessionLostDo(fn: () => void): void {
  lost = fn;
}
function onSessionLost(): void {
  lost();
}

import type {
  DisplayGroup,
  DisplayPatch,
  DisplaySettings,
  DisplayStatus,
  Emergency,
  ErrorBody,
  RongqueView,
  RongqueAccepted,
  RongqueBody,
  RongqueDeskView,
  PrintJobView,
  EvaluationFigures,
  FollowUpView,
  MediaItem,
  Notice,
  PowerSchedule,
  UplinkStatus,
  SupervisionView,
  CaseWarning,
} from '@hall/shared';
import { session } from '../store/store.js';
import { get, post, request, type ApiResult } from './api.js';

/** The display, evaluation and uplink routes the console configures and reads (owned by their own hub modules). */
const ALL = { all: true, displays: [], groups: [] };
const at = (id: string) => `/api/displays/${encodeURIComponent(id)}`;

/** A screenshot taken on demand: when, and where to fetch it. */
export interface ScreenshotTaken {
  at: string;
  mime: string;
  bytes: number;
  url: string;
}

/**
 * An image behind the bearer header (strip previews, screenshots): an <img src> cannot send the header, so the
 * image is fetched here and handed back as a blob for an object URL.
 */
export async function imageBlob(path: string): Promise<ApiResult<Blob>> {
  const token = session.value?.token;
  let res: Response;
  try {
    res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {}, cache: 'no-store', signal: AbortSignal.timeout(15_000) });
  } catch {
    return { ok: false, status: 0, error: { code: 'hub_unreachable', message: '暂时无法连接到中心，请检查网络后再试。', messageEn: 'The hall hub cannot be reached. Check the network and try again.' } };
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
    return {
      ok: false,
      status: res.status,
      error: { code: body?.code ?? `http_${res.status}`, message: body?.message ?? `图片加载失败（${res.status}）`, messageEn: body?.messageEn ?? `The image could not be loaded (${res.status})` },
    };
  }
  return { ok: true, data: await res.blob() };
}

export const displaysApi = {
  list: () => get<DisplayStatus[]>('/api/displays'),
  notices: () => get<Notice[]>('/api/display-notices'),
  addNotice: (text: string, endsAt: string | null) => post<Notice>('/api/display-notices', { text, ...(endsAt ? { endsAt } : {}), targets: ALL }),
  withdrawNotice: (id: string) => request<null>('DELETE', `/api/display-notices/${encodeURIComponent(id)}`),
  emergencies: () => get<Emergency[]>('/api/display-emergencies'),
  emergency: (text: string, textEn: string) => post<Emergency>('/api/display-emergencies', { text, ...(textEn ? { textEn } : {}), targets: ALL }),
  clearEmergency: (id: string) => post<Emergency>(`/api/display-emergencies/${encodeURIComponent(id)}/clear`, {}),
  schedules: () => get<PowerSchedule[]>('/api/display-schedules'),
  addSchedule: (name: string, days: string[], on: string, off: string, brightness: number) =>
    post<PowerSchedule>('/api/display-schedules', { name, targets: ALL, rules: [{ days, on, off, brightness }] }),
  deleteSchedule: (id: string) => request<null>('DELETE', `/api/display-schedules/${encodeURIComponent(id)}`),
  update: (id: string, patch: DisplayPatch) => request<DisplaySettings>('PATCH', at(id), patch),
  groups: () => get<DisplayGroup[]>('/api/display-groups'),
  /** the hub asks the display for a picture of itself and answers once it arrived (≤ 10 s) */
  screenshot: (id: string) => post<ScreenshotTaken>(`${at(id)}/screenshot`, {}),
  screenshotImage: (id: string) => imageBlob(`${at(id)}/screenshot`),
  stripPreview: (id: string) => imageBlob(`${at(id)}/preview.png`),
  media: () => get<MediaItem[]>('/api/display-media'),
  mediaImage: (id: string) => imageBlob(`/api/display-media/${encodeURIComponent(id)}/file`),
  /** `image`: base64; the hub resizes and re-encodes it */
  uploadMedia: (name: string, image: string, seconds: number) => post<MediaItem>('/api/display-media', { name, image, seconds, targets: ALL }),
  removeMedia: (id: string) => request<null>('DELETE', `/api/display-media/${encodeURIComponent(id)}`),
};

export const ratingsApi = {
  figures: (by: string, from: string, to: string) =>
    get<EvaluationFigures>(`/api/evaluations/figures?by=${by}${from ? `&from=${from}` : ''}${to ? `&to=${to}` : ''}`),
  followUps: () => get<FollowUpView[]>('/api/evaluations/follow-ups'),
  summary: () => get<{ open: number; overdue: number; dueSoon: number }>('/api/evaluations/follow-ups/summary'),
  step: (id: string, step: 'verify' | 'rectify' | 'reply', body: Record<string, unknown>): Promise<ApiResult<FollowUpView>> =>
    post<FollowUpView>(`/api/evaluations/follow-ups/${encodeURIComponent(id)}/${step}`, body),
};

export const uplinkApi = {
  status: () => get<UplinkStatus>('/api/uplink/status'),
  refresh: () => post<unknown>('/api/uplink/downlink/refresh', {}),
};

/** 办件监督: the supervision page's figures, a sync on demand, and a warning's handling. */
export const supervisionApi = {
  view: () => get<SupervisionView>('/api/supervision'),
  sync: () => post<SupervisionView>('/api/supervision/sync', {}),
  handle: (id: number, note: string) => post<CaseWarning>(`/api/supervision/warnings/${id}/handle`, { note }),
};

/** 容缺受理: at a window (what may be waived, accepting, the 通知书's print job); the open cases and overdue supplies. */
export const rongqueApi = {
  desk: (windowNo: string) => get<RongqueDeskView>(`/api/windows/${encodeURIComponent(windowNo)}/rongque`),
  accept: (windowNo: string, body: RongqueBody) => post<RongqueAccepted>(`/api/windows/${encodeURIComponent(windowNo)}/rongque`, body),
  printJob: (jobId: string) => get<PrintJobView>(`/api/print/jobs/${encodeURIComponent(jobId)}`),
  view: () => get<RongqueView>('/api/rongque'),
  supplied: (id: string) => post<null>(`/api/rongque/${encodeURIComponent(id)}/supplied`, {}),
};

import type { DisplayStatus, Emergency, EvaluationFigures, FollowUpView, Notice, PowerSchedule, UplinkStatus } from '@hall/shared';
import { get, post, request, type ApiResult } from './api.js';

/** The display, evaluation and uplink routes the console configures and reads (owned by their own hub modules). */
const ALL = { all: true, displays: [], groups: [] };

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

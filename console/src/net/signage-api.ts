import type { Campaign, CampaignBody, DisplayGroup, ErrorBody, MediaAsset, MediaLibrary, ProofOfPlayRow, ProofOfPlaySummary, ScreenLayout, ScreenLayoutBody } from '@hall/shared';
import { session } from '../store/store.js';
import { download, get, post, request, type ApiResult } from './api.js';
import { imageBlob } from './hall-services.js';

/** Signage's routes (#20): the media library, layouts, campaigns, proof of play, and display groups. */

const id = (s: string) => encodeURIComponent(s);

/** The period a proof-of-play report covers: instants, from inclusive to exclusive. */
export interface PlayPeriod {
  from: string;
  to: string;
}
const periodQuery = (p: PlayPeriod) => `from=${id(p.from)}&to=${id(p.to)}`;

export const signageApi = {
  library: () => get<MediaLibrary>('/api/media'),
  removeMedia: (mediaId: string) => request<null>('DELETE', `/api/media/${id(mediaId)}`),
  mediaImage: (url: string) => imageBlob(url),

  layouts: () => get<ScreenLayout[]>('/api/signage/layouts'),
  addLayout: (body: ScreenLayoutBody) => post<ScreenLayout>('/api/signage/layouts', body),
  saveLayout: (layoutId: string, body: ScreenLayoutBody) => request<ScreenLayout>('PUT', `/api/signage/layouts/${id(layoutId)}`, body),
  removeLayout: (layoutId: string) => request<null>('DELETE', `/api/signage/layouts/${id(layoutId)}`),

  campaigns: () => get<Campaign[]>('/api/signage/campaigns'),
  addCampaign: (body: CampaignBody) => post<Campaign>('/api/signage/campaigns', body),
  saveCampaign: (campaignId: string, body: CampaignBody) => request<Campaign>('PUT', `/api/signage/campaigns/${id(campaignId)}`, body),
  removeCampaign: (campaignId: string) => request<null>('DELETE', `/api/signage/campaigns/${id(campaignId)}`),

  plays: (p: PlayPeriod, filter: { display?: string; campaign?: string } = {}) =>
    get<ProofOfPlayRow[]>(`/api/signage/proof-of-play?${periodQuery(p)}${filter.display ? `&display=${id(filter.display)}` : ''}${filter.campaign ? `&campaign=${id(filter.campaign)}` : ''}`),
  playSummary: (by: 'campaign' | 'display', p: PlayPeriod) => get<ProofOfPlaySummary>(`/api/signage/proof-of-play/summary?by=${by}&${periodQuery(p)}`),
  playCsv: (p: PlayPeriod) => download(`/api/signage/proof-of-play.csv?${periodQuery(p)}`),

  putGroup: (groupId: string, name: string) => request<DisplayGroup>('PUT', `/api/display-groups/${id(groupId)}`, { name }),
  removeGroup: (groupId: string) => request<null>('DELETE', `/api/display-groups/${id(groupId)}`),
};

export type UploadResult = ApiResult<MediaAsset>;

const UNREACHABLE: ErrorBody = { code: 'hub_unreachable', message: '暂时无法连接到中心，请检查网络后再试。', messageEn: 'The hall hub cannot be reached. Check the network and try again.' };

/**
 * A file sent as the raw request body (no base64, no form): XMLHttpRequest, because fetch cannot report upload
 * progress. `progress` gets the fraction sent (0–1). The hub's refusal comes back as its own bilingual words.
 */
export function uploadMedia(file: File, name: string, progress: (sent: number) => void): Promise<UploadResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/media?name=${id(name)}`);
    const token = session.value?.token;
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) progress(e.loaded / Math.max(1, e.total));
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, error: UNREACHABLE });
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve({ ok: true, data: body as MediaAsset });
      const e = (body ?? {}) as Partial<ErrorBody>;
      resolve({
        ok: false,
        status: xhr.status,
        error: { code: e.code ?? `http_${xhr.status}`, message: e.message ?? `上传失败（${xhr.status}）`, messageEn: e.messageEn ?? `Upload failed (${xhr.status})`, ...(e.details === undefined ? {} : { details: e.details }) },
      });
    };
    xhr.send(file);
  });
}

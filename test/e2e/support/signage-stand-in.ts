import { layoutProblems, type Campaign, type CampaignBody, type MediaAsset, type ScreenLayout, type ScreenLayoutBody } from '@hall/shared';
import type { Page, Route } from 'playwright-core';
import type { TestHub } from '@hall/testkit/hub-fixture';

/**
 * Signage's hub routes (#20) are built on other branches (media20: the media library; sched20: layouts, campaigns,
 * proof of play). Until they are merged, a console test on a hub without them gets this stand-in: the routes as
 * `shared/src/signage.ts` describes them, answered in the browser (Playwright's request routing), in memory. On a
 * hub that has a route, nothing here is used and the test runs against the real one.
 */

export interface HubHas {
  media: boolean;
  signage: boolean;
}

export function hubHas(hub: TestHub): HubHas {
  return {
    media: hub.app.hasRoute({ method: 'GET', url: '/api/media' }),
    signage: hub.app.hasRoute({ method: 'GET', url: '/api/signage/campaigns' }),
  };
}

const json = (route: Route, status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json', body: body === null ? '' : JSON.stringify(body) });
const refusal = (code: string, message: string, messageEn: string) => ({ code, message, messageEn });
const PNG = [0x89, 0x50, 0x4e, 0x47];
const QUOTA = 50 * 1024 * 1024;

/** The stand-in's state, for a test that wants to look inside (empty when the real hub answers). */
export interface StandIn {
  assets: MediaAsset[];
  files: Map<string, Buffer>;
  layouts: ScreenLayout[];
  campaigns: Campaign[];
}

export async function standInSignage(page: Page, hub: TestHub, has: HubHas = hubHas(hub)): Promise<StandIn> {
  const s: StandIn = { assets: [], files: new Map(), layouts: [], campaigns: [] };
  let n = 0;
  const now = () => new Date(hub.clock.now()).toISOString();
  if (!has.media) {
    await page.route(/\/api\/media(\/[^?]*)?(\?.*)?$/, async (route) => {
      const req = route.request();
      const url = new URL(req.url());
      const [, , , id, file] = url.pathname.split('/');
      if (req.method() === 'GET' && !id) return json(route, 200, { assets: s.assets, usedBytes: s.assets.reduce((a, x) => a + x.bytes, 0), quotaBytes: QUOTA, diskFreeBytes: 8 * 1024 ** 3 });
      if (req.method() === 'GET' && id && file === 'file') {
        const body = s.files.get(id);
        return body ? route.fulfill({ status: 200, contentType: 'image/png', body }) : json(route, 404, refusal('not_found', '没有这个文件', 'no such file'));
      }
      if (req.method() === 'POST' && !id) {
        const body = req.postDataBuffer() ?? Buffer.alloc(0);
        if (!PNG.every((b, i) => body[i] === b)) {
          return json(route, 415, refusal('media_type_mismatch', `文件“${url.searchParams.get('name')}”的内容不是它声称的类型`, `The file “${url.searchParams.get('name')}” is not what it claims to be`));
        }
        const asset: MediaAsset = {
          id: `m${++n}`, name: url.searchParams.get('name') ?? 'file', kind: 'image', mime: 'image/png', bytes: body.length,
          width: body.readUInt32BE(16), height: body.readUInt32BE(20), durationMs: null, url: `/api/media/m${n}/file`, pageUrls: [], sha256: '', createdAt: now(), createdBy: 'boss',
        };
        s.assets.push(asset);
        s.files.set(asset.id, body);
        return json(route, 201, asset);
      }
      if (req.method() === 'DELETE' && id) {
        if (s.campaigns.some((c) => c.items.some((i) => i.mediaId === id))) return json(route, 409, refusal('media_in_use', '有节目仍在播放这个文件', 'A campaign still plays this file'));
        s.assets = s.assets.filter((a) => a.id !== id);
        return json(route, 204, null);
      }
      return route.continue();
    });
  }
  if (!has.signage) {
    await page.route(/\/api\/signage\/(layouts|campaigns)(\/[^/?]+)?$/, async (route) => {
      const req = route.request();
      const [, , , what, id] = new URL(req.url()).pathname.split('/');
      if (what === 'layouts') {
        if (req.method() === 'GET') return json(route, 200, s.layouts);
        if (req.method() === 'DELETE') return (s.layouts = s.layouts.filter((l) => l.id !== id)), json(route, 204, null);
        const body = req.postDataJSON() as ScreenLayoutBody;
        const problems = layoutProblems(body);
        if (problems.length) return json(route, 422, refusal('layout_invalid', problems[0]!.message, problems[0]!.messageEn));
        const l: ScreenLayout = { ...body, id: id ?? `layout-${++n}`, updatedAt: now() };
        s.layouts = [...s.layouts.filter((x) => x.id !== l.id), l];
        return json(route, id ? 200 : 201, l);
      }
      if (req.method() === 'GET') return json(route, 200, s.campaigns);
      if (req.method() === 'DELETE') return (s.campaigns = s.campaigns.filter((c) => c.id !== id)), json(route, 204, null);
      const body = req.postDataJSON() as CampaignBody;
      const c: Campaign = { ...body, id: id ?? `campaign-${++n}`, createdBy: 'boss', updatedAt: now() };
      s.campaigns = [...s.campaigns.filter((x) => x.id !== c.id), c];
      return json(route, id ? 200 : 201, c);
    });
  }
  return s;
}

import { CampaignSchema, ScreenLayoutSchema, type Campaign, type CampaignBody, type DisplaySettings, type SceneSignage, type ScreenLayout, type ScreenLayoutBody } from '@hall/shared';
import { registerDateTimeFormat } from '@hall/shared/date-time-format';
import { checkSchema } from '@hall/shared/parse-json';
import type { Static, TSchema } from '@sinclair/typebox';
import { campaignProblem, type SignageNames } from '../domain/signage/campaign-rules.js';
import { DEFAULT_LAYOUTS } from '../domain/signage/default-layouts.js';
import { resolveSignage } from '../domain/signage/scene-signage.js';
import { invalidLayout, layoutInUse, layoutResizedInUse, signageNotFound } from '../domain/signage/signage-refusals.js';
import type { MediaCatalog } from '../ports/media-catalog.js';
import type { SignageStore } from '../ports/signage-store.js';
import { Refused, refuseIf } from './refused.js';

registerDateTimeFormat();

/** Layouts and campaigns: what managers arrange on the screens besides the queue, and the scene's signage part. */
export interface SignageLibrary {
  layouts(): ScreenLayout[];
  layout(id: string): ScreenLayout | null;
  addLayout(body: ScreenLayoutBody): ScreenLayout;
  putLayout(id: string, body: ScreenLayoutBody): ScreenLayout;
  /** refused while a display uses it */
  removeLayout(id: string): void;
  campaigns(): Campaign[];
  campaign(id: string): Campaign | null;
  addCampaign(body: CampaignBody, by: string): Campaign;
  putCampaign(id: string, body: CampaignBody, by: string): Campaign;
  removeCampaign(id: string): void;
  /** the signage part of a display's scene at `now` (undefined for LED strips) */
  signageFor(display: DisplaySettings, now: number): SceneSignage | undefined;
  /** whether a campaign that has not ended plays this asset (the media library refuses to delete it) */
  isMediaInUse(mediaId: string): boolean;
  /** the media library changed (an asset added, replaced or removed): scenes are resolved again */
  mediaChanged(): void;
}

export interface SignageLibraryDeps {
  store: SignageStore;
  media: MediaCatalog;
  now: () => number;
  newId: () => string;
  /** the displays as they are now: which use a layout */
  displays: () => readonly DisplaySettings[];
  names: Omit<SignageNames, 'media'>;
  zoneOfWindow: (windowNo: string) => string | null;
  /** something shown changed: scenes are resolved again and pushed where they differ */
  changed: () => void;
}

export function createSignageLibrary(deps: SignageLibraryDeps): SignageLibrary {
  const { store, now, changed } = deps;
  const iso = (ms: number) => new Date(ms).toISOString();
  // Stored documents are checked on the way in too: a damaged row is skipped, never shown.
  const load = <S extends TSchema>(kind: 'layout' | 'campaign', schema: S): Map<string, Static<S>> => {
    const m = new Map<string, Static<S>>();
    for (const doc of store.docs(kind)) if (checkSchema(schema, doc)) m.set((doc as { id: string }).id, doc);
    return m;
  };
  if (!store.seeded()) {
    for (const d of DEFAULT_LAYOUTS) store.putDoc('layout', d.id, { id: d.id, updatedAt: iso(now()), ...d.body }, now());
    store.markSeeded();
  }
  const layouts: Map<string, ScreenLayout> = load('layout', ScreenLayoutSchema);
  const campaigns: Map<string, Campaign> = load('campaign', CampaignSchema);
  const usersOf = (layoutId: string) => deps.displays().filter((d) => d.layoutId === layoutId).map((d) => d.id);
  const known: SignageNames = { ...deps.names, media: (id) => deps.media.asset(id) !== null };

  function keepLayout(id: string, body: ScreenLayoutBody): ScreenLayout {
    refuseIf(invalidLayout(body));
    const l: ScreenLayout = { id, updatedAt: iso(now()), ...body };
    layouts.set(id, l);
    store.putDoc('layout', id, l, now());
    changed();
    return l;
  }
  function keepCampaign(id: string, body: CampaignBody, createdBy: string): Campaign {
    refuseIf(campaignProblem(body, known));
    const c: Campaign = { id, createdBy, updatedAt: iso(now()), ...body };
    campaigns.set(id, c);
    store.putDoc('campaign', id, c, now());
    changed();
    return c;
  }

  return {
    layouts: () => [...layouts.values()],
    layout: (id) => layouts.get(id) ?? null,
    addLayout: (body) => keepLayout(deps.newId(), body),
    putLayout(id, body) {
      const before = layouts.get(id);
      if (!before) throw new Refused(signageNotFound('layout', '这个布局'));
      const users = usersOf(id);
      // A display's layout matches its size: a layout in use keeps its size.
      if (body.size !== before.size && users.length > 0) throw new Refused(layoutResizedInUse(users));
      return keepLayout(id, body);
    },
    removeLayout(id) {
      if (!layouts.has(id)) throw new Refused(signageNotFound('layout', '这个布局'));
      const users = usersOf(id);
      if (users.length > 0) throw new Refused(layoutInUse(users));
      layouts.delete(id);
      store.removeDoc('layout', id);
    },
    campaigns: () => [...campaigns.values()],
    campaign: (id) => campaigns.get(id) ?? null,
    addCampaign: (body, by) => keepCampaign(deps.newId(), body, by),
    putCampaign(id, body) {
      const before = campaigns.get(id);
      if (!before) throw new Refused(signageNotFound('campaign', '这个播放活动'));
      return keepCampaign(id, body, before.createdBy);
    },
    removeCampaign(id) {
      if (!campaigns.delete(id)) throw new Refused(signageNotFound('campaign', '这个播放活动'));
      store.removeDoc('campaign', id);
      changed();
    },
    signageFor: (display, at) =>
      resolveSignage(display, at, { layouts, campaigns: [...campaigns.values()], asset: (id) => deps.media.asset(id), zoneOfWindow: deps.zoneOfWindow }),
    isMediaInUse(mediaId) {
      const t = now();
      return [...campaigns.values()].some((c) => (c.endsAt === null || Date.parse(c.endsAt) > t) && c.items.some((i) => i.mediaId === mediaId));
    },
    mediaChanged: () => changed(),
  };
}

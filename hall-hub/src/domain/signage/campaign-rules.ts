import type { CampaignBody, SignageTargets } from '@hall/shared';
import type { Refusal } from '../queue/refusals.js';
import { invalidCampaign, unknownMedia } from './signage-refusals.js';

/** What signage knows when it checks a campaign. */
export interface SignageNames {
  display: (id: string) => boolean;
  /** manager-made and built-in groups */
  group: (id: string) => boolean;
  zone: (id: string) => boolean;
  media: (id: string) => boolean;
}

/** A campaign is for somebody, and only for displays, groups and zones that exist. */
export function signageTargetsProblem(t: SignageTargets, known: SignageNames): Refusal | null {
  const display = t.displays.find((d) => !known.display(d));
  if (display) return invalidCampaign(`没有这个显示屏：${display}`, `No such display: ${display}`);
  const group = t.groups.find((g) => !known.group(g));
  if (group) return invalidCampaign(`没有这个显示屏分组：${group}`, `No such display group: ${group}`);
  const zone = t.zones.find((z) => !known.zone(z));
  if (zone) return invalidCampaign(`没有这个区域：${zone}`, `No such zone: ${zone}`);
  if (!t.all && t.displays.length === 0 && t.groups.length === 0 && t.zones.length === 0) {
    return invalidCampaign('请选择投放目标：全部、显示屏、分组或区域。', 'Choose where it plays: all screens, displays, groups or zones.');
  }
  return null;
}

/** Why a campaign cannot be kept as it is, or null. */
export function campaignProblem(body: CampaignBody, known: SignageNames): Refusal | null {
  if (body.endsAt !== null && Date.parse(body.endsAt) <= Date.parse(body.startsAt)) {
    return invalidCampaign('结束时间必须晚于开始时间。', 'The end time must be after the start time.');
  }
  const missing = [...new Set(body.items.map((i) => i.mediaId).filter((id) => !known.media(id)))];
  if (missing.length > 0) return unknownMedia(missing);
  return signageTargetsProblem(body.targets, known);
}

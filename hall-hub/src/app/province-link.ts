import type { ProvinceNotices, UplinkStatus } from '@hall/shared';
import type { PresenceLog } from '../ports/presence-log.js';
import type { Outbox } from '../ports/uplink.js';
import type { CaseQuery } from './case-query.js';
import type { CaseSupervision } from './case-supervision.js';
import type { EvaluationService } from './evaluation-service.js';
import type { PhoneNotices } from './phone-notices.js';
import type { UplinkRelay } from './uplink-relay.js';
import type { RongqueDesk } from './rongque-desk.js';

/** Evaluations (好差评) and the link to the provincial platform, as the rest of the hub sees them. */
export interface UplinkParts {
  evaluations: EvaluationService;
  /** wraps the presence history so device health goes upstream with it */
  presenceLog(inner: PresenceLog): PresenceLog;
  status(): UplinkStatus;
  /** province-wide notices in force (last good copy) */
  notices(): ProvinceNotices;
  refreshDownlink(): Promise<void>;
  relay: UplinkRelay | null;
  /** 短信通知 (turn-near SMS, red warnings to managers); null when the uplink or its notices are off */
  phoneNotices: PhoneNotices | null;
  /** where hub SMS notices (短信通知) are written; null when the uplink or its notices are off */
  noticesOutbox: Outbox | null;
  /** 办件查询 at the province; null when the uplink is off or has no HTTPS endpoint */
  cases: CaseQuery | null;
  /** 办件监督 (红黄灯 on approval time limits); null unless uplink.supervision is enabled with an HTTPS endpoint */
  supervision: CaseSupervision | null;
  /** 容缺受理 at the window (needs the province's credit lists); null when the uplink has no HTTPS endpoint */
  rongque: RongqueDesk | null;
  close(): Promise<void>;
}

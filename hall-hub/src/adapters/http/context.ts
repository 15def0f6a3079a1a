import type { AuthService } from '../../app/auth-service.js';
import type { CatalogService } from '../../app/catalog-service.js';
import type { QueueEngine } from '../../app/queue-engine.js';
import type { HallConfig } from '../../config/hall-config-schema.js';
import type { IdProtector } from '../crypto/id-protection.js';
import type { RejectionCounter } from './errors.js';
import type { AuditLog } from '../../ports/audit-log.js';
import type { IdCardReads } from '../../app/id-card-reads.js';
import type { DeviceRegistry } from '../../app/device-registry.js';
import type { PrintService } from '../../app/print-service.js';
import type { PrintJob } from '../../ports/print-job-store.js';
import type { DeviceCredentials } from '../crypto/device-credentials.js';
import type { UplinkParts } from '../../compose-uplink.js';
import type { ReportService } from '../../app/report-service.js';

/** What the HTTP routes work with; built once by the composition root. */
import type { HelpDesk } from '../../app/help-desk.js';

export interface HttpContext {
  config: HallConfig;
  engine: QueueEngine;
  catalog: CatalogService;
  auth: AuthService;
  ids: IdProtector;
  rejections: RejectionCounter;
  audit: AuditLog;
  devices: DeviceRegistry;
  /** the hall intranet: staff and manager endpoints answer only these addresses */
  staffAddress: (address: string | undefined) => boolean;
  /** screens, kiosks and devices answer only from these ranges */
  deviceAddress: (address: string | undefined) => boolean;
  credentials: DeviceCredentials;
  print: PrintService;
  /** a job as its printer would print it, as a PNG */
  printPreview: (job: PrintJob) => Promise<Buffer>;
  /** the latest card on each ID-card reader, for the kiosk beside it */
  idCards: IdCardReads;
  /** evaluations (好差评) and the link to the provincial platform */
  uplink: UplinkParts;
  /** daily and monthly reports (JSON, CSV, PDF) */
  reports: ReportService;
  /** 请工作人员帮助 requests from kiosks */
  helpDesk: HelpDesk;
}

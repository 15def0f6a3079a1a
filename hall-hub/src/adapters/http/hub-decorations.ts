import type { AuthService } from '../../app/auth-service.js';
import type { CatalogService } from '../../app/catalog-service.js';
import type { DeviceRegistry } from '../../app/device-registry.js';
import type { DisplayControl } from '../../app/display-control.js';
import type { IdCardReads } from '../../app/id-card-reads.js';
import type { PrintService } from '../../app/print-service.js';
import type { UplinkParts } from '../../app/province-link.js';
import type { ProofOfPlay } from '../../app/proof-of-play.js';
import type { QueueEngine } from '../../app/queue-engine.js';
import type { SignageLibrary } from '../../app/signage-library.js';
import type { ReportService } from '../../app/report-service.js';
import type { HallConfig } from '../../config/hall-config-schema.js';
import type { MediaLibraryService } from '../../app/media-library.js';
import type { AuditLog } from '../../ports/audit-log.js';
import type { HelpDesk } from '../../app/help-desk.js';
import type { WarningDesk } from '../../app/warning-desk.js';
import type { HandwritingRecognizer } from '../../ports/handwriting-recognizer.js';
import type { PrintJob } from '../../ports/print-job-store.js';
import type { DeviceCredentials } from '../crypto/device-credentials.js';
import type { IdProtector } from '../crypto/id-protection.js';
import type { Clock } from '../../ports/clock.js';
import type { BackupScheduler } from '../ops/backup-scheduler.js';
import type { HubMetrics } from '../ops/metrics.js';
import type { RejectionCounter } from './errors.js';
import type { ReadinessCheck } from './routes/ops-routes.js';

/**
 * What the hub's service plugins decorate the fastify instance with (compose-hub.ts lists them; each names the
 * plugin that provides it). A route takes a `Pick` of these — exactly what it uses — and its plugin declares
 * the service plugins it depends on, so fastify refuses to start a hub whose routes miss a service.
 */
export interface HubDecorations {
  /** plugin `hall-store` */
  config: HallConfig;
  clock: Clock;
  /** what readiness checks (the database first; the MQTT link adds its own) */
  readiness: ReadinessCheck[];
  engine: QueueEngine;
  ids: IdProtector;
  credentials: DeviceCredentials;
  audit: AuditLog;
  /** the latest card on each ID-card reader, for the kiosk beside it */
  idCards: IdCardReads;
  rejections: RejectionCounter;
  /** the hall intranet: staff and manager endpoints answer only these addresses */
  staffAddress: (address: string | undefined) => boolean;
  /** screens, kiosks and devices answer only from these ranges */
  deviceAddress: (address: string | undefined) => boolean;
  /** plugin `catalog` */
  catalog: CatalogService;
  /** plugin `accounts` */
  auth: AuthService;
  /** plugin `province-link`: evaluations (好差评) and the link to the provincial platform */
  uplink: UplinkParts;
  /** plugin `devices` */
  devices: DeviceRegistry;
  /** plugin `printing` */
  print: PrintService;
  /** a job as its printer would print it, as a PNG */
  printPreview: (job: PrintJob) => Promise<Buffer>;
  /** plugin `reports`: daily and monthly reports (JSON, CSV, PDF) */
  reports: ReportService;
  /** plugin `handwriting`: the kiosk's writing pad, strokes in, characters out */
  handwriting: HandwritingRecognizer;
  /** plugin `help-desk`: 请工作人员帮助 requests from kiosks */
  helpDesk: HelpDesk;
  /** plugin `warning-desk`: 红黄灯 grouped per line and window, acknowledged, assigned, escalated */
  warningDesk: WarningDesk;
  /** plugin `displays` */
  displays: DisplayControl;
  /** plugin `media-library`: signage's media (#20) */
  media: MediaLibraryService;
  /** plugin `displays`: signage's layouts and campaigns (in the displays' scenes), and the screens' proof of play */
  signage: SignageLibrary;
  proofOfPlay: ProofOfPlay;
  /** plugin `ops` */
  metrics: HubMetrics;
  backups: BackupScheduler;
}

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FastifyInstance extends HubDecorations {}
}

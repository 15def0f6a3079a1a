import { VoiceRulesSchema } from '@hall/shared';
import { Type, type Static } from '@sinclair/typebox';
import { EvaluationConfigSchema } from './evaluation-config-schema.js';
import { ReportConfigSchema } from './report-config-schema.js';
import { SignageConfigSchema } from './signage-config-schema.js';
import { UplinkConfigSchema } from './uplink-config-schema.js';
import {
  CalendarSchema,
  DeviceConfigSchema,
  DeviceId,
  Id,
  LineSchema,
  PolicySchema,
  PriorityGroupSchema,
  StaffSchema,
  WarningThresholdsSchema,
  WindowConfigSchema,
} from '../domain/hall-vocabulary.js';

// The vocabulary lives in the domain; it is named here too for the configuration's readers.
export {
  CalendarSchema,
  DeviceConfigSchema,
  LineSchema,
  PolicySchema,
  PriorityGroupSchema,
  PriorityPolicySchema,
  SessionSchema,
  StaffSchema,
  WarningThresholdsSchema,
  WindowConfigSchema,
  type Calendar,
  type DeviceConfig,
  type LineConfig,
  type Policy,
  type PriorityPolicy,
  type Session,
  type StaffConfig,
  type WarningThresholds,
  type WindowConfig,
} from '../domain/hall-vocabulary.js';


export const TopicConfigSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    kind: Type.Union([Type.Literal('life-event'), Type.Literal('topic')]),
    audience: Type.Union([Type.Literal('person'), Type.Literal('enterprise'), Type.Literal('all')], { default: 'all' }),
    taskCodes: Type.Array(Type.String(), { default: [] }),
  },
  { additionalProperties: false },
);

export const AccountConfigSchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
    role: Type.Union([Type.Literal('manager'), Type.Literal('staff'), Type.Literal('auditor')]),
    staffNo: Type.Optional(Type.String()),
    passwordHash: Type.String({ pattern: '^scrypt\\$', description: 'from `npm run hash-password`' }),
  },
  { additionalProperties: false },
);

const PRIVATE_AND_LOOPBACK = ['127.0.0.0/8', '::1/128', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'];
const Cidr = Type.String({ minLength: 3, maxLength: 64, description: 'an address range, e.g. 10.12.0.0/16' });

export const MqttConfigSchema = Type.Object(
  {
    mode: Type.Union([Type.Literal('embedded'), Type.Literal('external')], {
      default: 'embedded',
      description: 'embedded: the hub runs an MQTT 3.1.1 broker (aedes); external: the hub connects to `url`',
    }),
    host: Type.String({ default: '0.0.0.0' }),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 1883, description: 'embedded broker port; 0 = any free port' }),
    url: Type.Optional(Type.String({ pattern: '^(mqtt|mqtts|tcp|ssl|ws|wss)://', description: 'external broker, e.g. mqtt://10.0.0.5:1883' })),
    protocolVersion: Type.Union([Type.Literal(4), Type.Literal(5)], { default: 4, description: 'MQTT 3.1.1 (4) or 5' }),
  },
  { additionalProperties: false, default: {} },
);

export const ServerConfigSchema = Type.Object(
  {
    host: Type.String({ default: '0.0.0.0' }),
    httpPort: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: '0 = any free port' }),
    dataDir: Type.String({ minLength: 1, default: 'data' }),
    catalog: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description: 'exchange files imported at start-up (paths relative to this file)',
    }),
    sessionMinutes: Type.Integer({ minimum: 5, maximum: 24 * 60, default: 480 }),
    mqtt: MqttConfigSchema,
    staffNetworks: Type.Array(Cidr, {
      default: PRIVATE_AND_LOOPBACK,
      description: 'staff and manager endpoints answer only these address ranges (the hall intranet)',
    }),
    deviceNetworks: Type.Array(Cidr, {
      default: PRIVATE_AND_LOOPBACK,
      description: 'screens, kiosks and devices connect only from these address ranges',
    }),
    tls: Type.Optional(
      Type.Object({ certFile: Type.String({ minLength: 1 }), keyFile: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
    ),
    logLevel: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), {
      default: 'info',
    }),
    log: Type.Object(
      {
        file: Type.Optional(Type.String({ minLength: 1, description: 'write JSON log lines here (rotated) instead of stdout, e.g. /var/log/hall/hub.log' })),
        rotate: Type.Union([Type.Literal('daily'), Type.Literal('hourly')], { default: 'daily' }),
        maxSizeMb: Type.Integer({ minimum: 1, maximum: 10_000, default: 100, description: 'also rotate when a file reaches this size' }),
        keep: Type.Integer({ minimum: 1, maximum: 365, default: 30, description: 'rotated files kept' }),
      },
      { additionalProperties: false, default: {} },
    ),
    backup: Type.Object(
      {
        dir: Type.Optional(Type.String({ minLength: 1, description: 'default: <dataDir>/backups; better on another disk' })),
        dailyAt: Type.Union([Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }), Type.Null()], {
          default: '02:30',
          description: 'hall time of the daily online backup; null: only on demand',
        }),
        keep: Type.Integer({ minimum: 1, maximum: 365, default: 14 }),
      },
      { additionalProperties: false, default: {} },
    ),
    limits: Type.Object(
      {
        ticketsPerKioskPerMinute: Type.Integer({ minimum: 1, default: 12, description: 'tickets one kiosk may issue a minute (a visitor needs several seconds at the screen)' }),
        ticketsPerAccountPerMinute: Type.Integer({ minimum: 1, default: 30, description: 'tickets one signed-in staff member or manager may issue a minute' }),
        ticketsPerAddressPerMinute: Type.Integer({ minimum: 1, default: 30, description: 'tickets one network address may take a minute, whoever asks' }),
        checkInsPerAddressPerMinute: Type.Integer({ minimum: 1, default: 20, description: 'appointment check-ins (codes tried) from one address a minute' }),
        handwritingPerKioskPerMinute: Type.Integer({ minimum: 1, default: 300, description: 'handwriting recognitions one kiosk may ask a minute (one per stroke; a quick writer makes about two a second)' }),
        loginFailuresPerAddress: Type.Integer({ minimum: 1, default: 10, description: 'failed sign-ins from one address a minute before it waits, doubling each time' }),
        loginFailuresPerName: Type.Integer({ minimum: 1, default: 5, description: 'failed sign-ins for one username from one address before that pair waits, doubling each time' }),
        concurrentLogins: Type.Integer({ minimum: 1, maximum: 8, default: 2, description: 'password checks (scrypt, off the event loop) run at once; more wait their turn' }),
        queuedLogins: Type.Integer({ minimum: 0, default: 32, description: 'sign-ins that may wait for a password check; beyond that, 429' }),
        importMaxMb: Type.Integer({ minimum: 1, maximum: 1024, default: 128, description: 'largest catalog upload, streamed to a temporary file' }),
        concurrentUploads: Type.Integer({ minimum: 1, maximum: 8, default: 1, description: 'catalog uploads received at once; more get 503' }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);


export const PrinterConfigSchema = Type.Object(
  {
    id: Id,
    name: Type.Optional(Type.String({ maxLength: 64 })),
    kind: Type.Union([Type.Literal('escpos-tcp'), Type.Literal('bridge'), Type.Literal('virtual')], {
      description:
        'escpos-tcp: a network thermal printer on its raw port; bridge: a kiosk’s own USB or serial printer, driven by the firmware bridge on the kiosk PC; virtual: writes PNG files (demo, tests)',
    }),
    host: Type.Optional(Type.String({ minLength: 1, maxLength: 253, description: 'escpos-tcp: the printer’s address' })),
    device: Type.Optional(Type.String({ description: 'bridge: the printer’s device id (a device of type printer, with its bridge)' })),
    port: Type.Integer({ minimum: 1, maximum: 65535, default: 9100 }),
    window: Type.Optional(Type.String({ description: 'the window whose staff print on it (the 容缺受理通知书)' })),
    widthDots: Type.Integer({ minimum: 192, maximum: 576, default: 576, description: 'printable width: 576 dots on 80 mm paper, 384 on 58 mm' }),
    jobTtlMinutes: Type.Integer({
      minimum: 1,
      maximum: 24 * 60,
      default: 30,
      description: 'a job not printed by then (printer down) is dropped as expired: the visitor has left',
    }),
    alertAfterMinutes: Type.Integer({
      minimum: 1,
      maximum: 24 * 60,
      default: 5,
      description: 'a printer that cannot print (jam, cover open, paper out, unreachable) is a yellow warning at once, red (the manager’s alert) after this long',
    }),
  },
  { additionalProperties: false },
);
export type PrinterConfig = Static<typeof PrinterConfigSchema>;

export const BridgeConfigSchema = Type.Object(
  {
    id: DeviceId,
    name: Type.Optional(Type.String({ maxLength: 64 })),
    credentialVersion: Type.Integer({ minimum: 1, default: 1 }),
  },
  { additionalProperties: false },
);

export const TemplatesSchema = Type.Object(
  {
    led: Type.String({ default: '请{ticket}到{window}号窗口' }),
    voice: Type.String({ default: '请{ticket}号到{window}号窗口办理' }),
    // A recall is the last call before 过号: it ends with {noShow}, the no-show policy's instruction (noShowMessage).
    voiceRecall: Type.String({ default: '请{ticket}号到{window}号窗口办理（重呼）。{noShow}' }),
    // When calls pile up (voice rules), several are said in one announcement: {tickets} joined by 、, {calls} brief items.
    voiceSameWindow: Type.String({ default: '请{tickets}号到{window}号窗口办理' }),
    voiceBrief: Type.String({ default: '请{calls}窗口办理' }),
    voiceBriefItem: Type.String({ default: '{ticket}号到{window}号' }),
    voiceNumbers: Type.String({ default: '请{tickets}号到窗口' }),
    // One call said in a run of announcements (a backlog): no 请, no 办理, no chime.
    voiceShort: Type.String({ default: '{ticket}号到{window}号窗口' }),
    paused: Type.String({ default: '{window}号窗口暂停服务' }),
  },
  { additionalProperties: false, default: {} },
);

export const HallConfigSchema = Type.Object(
  {
    server: ServerConfigSchema,
    hall: Type.Object(
      {
        id: Id,
        name: Type.String({ minLength: 1 }),
        timeZone: Type.String({ default: 'Asia/Shanghai' }),
        address: Type.Optional(Type.String()),
        phone: Type.Optional(Type.String()),
        visitorUrl: Type.Optional(
          Type.String({
            pattern: '^https?://[^/]+$',
            description: 'the hub as phones on the visitors’ Wi-Fi reach it, e.g. https://q.hall.example.cn; a ticket’s QR opens <visitorUrl>/m/#<token>. Default: the address the kiosk used',
          }),
        ),
        dutyManager: Type.Optional(
          Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 32 }),
              phone: Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'mainland mobile number; encrypted in the outbox, masked on screens and in logs' }),
            },
            { additionalProperties: false, description: '值班主任: texted once when a warning group turns red; warning groups can be assigned to them' },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    calendar: CalendarSchema,
    zones: Type.Array(Type.Object({ id: Id, name: Type.String({ minLength: 1 }) }, { additionalProperties: false }), {
      minItems: 1,
    }),
    lines: Type.Array(LineSchema, { minItems: 1 }),
    windows: Type.Array(WindowConfigSchema, { minItems: 1 }),
    staff: Type.Array(StaffSchema, { default: [] }),
    priorityGroups: Type.Array(PriorityGroupSchema, { default: [] }),
    policy: PolicySchema,
    warnings: WarningThresholdsSchema,
    topics: Type.Array(TopicConfigSchema, { default: [] }),
    accounts: Type.Array(AccountConfigSchema, { default: [] }),
    devices: Type.Array(DeviceConfigSchema, { default: [] }),
    bridges: Type.Array(BridgeConfigSchema, { default: [] }),
    printers: Type.Array(PrinterConfigSchema, { default: [] }),
    templates: TemplatesSchema,
    voice: VoiceRulesSchema,
    evaluation: EvaluationConfigSchema,
    reports: ReportConfigSchema,
    signage: SignageConfigSchema,
    uplink: UplinkConfigSchema,
    synonyms: Type.Array(
      Type.Object(
        {
          phrases: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
          targets: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
        },
        { additionalProperties: false },
      ),
      { default: [], description: 'the hall’s own colloquial phrases for search, e.g. {phrases: ["办证"], targets: ["许可证核发"]}' },
    ),
  },
  { additionalProperties: false },
);
export type HallConfig = Static<typeof HallConfigSchema>;

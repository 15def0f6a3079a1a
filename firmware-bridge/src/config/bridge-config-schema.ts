import { Type, type Static } from '@sinclair/typebox';
import { BRIDGED_TYPES } from '../protocol/message-types.js';

const Id = Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' });
const Ms = (dflt: number, description: string) => Type.Integer({ minimum: 10, maximum: 3_600_000, default: dflt, description });

export const LinkConfigSchema = Type.Union([
  Type.Object(
    {
      id: Id,
      kind: Type.Literal('serial'),
      path: Type.String({ minLength: 1, description: 'e.g. /dev/ttyUSB0 (an RS-485 adapter) or a pty' }),
      baudRate: Type.Integer({ minimum: 1200, maximum: 921_600, default: 9600 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: Id,
      kind: Type.Literal('tcp-server'),
      host: Type.String({ default: '0.0.0.0' }),
      port: Type.Integer({ minimum: 0, maximum: 65535, description: 'devices (or serial servers) connect here; 0 = any free port' }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: Id,
      kind: Type.Literal('tcp-client'),
      host: Type.String({ minLength: 1 }),
      port: Type.Integer({ minimum: 1, maximum: 65535, description: 'a device or a serial-to-Ethernet server listening' }),
    },
    { additionalProperties: false },
  ),
]);
export type LinkConfig = Static<typeof LinkConfigSchema>;

export const BridgedTypeSchema = Type.Union(BRIDGED_TYPES.map((t) => Type.Literal(t)));

export const BridgeDeviceSchema = Type.Object(
  {
    id: Id,
    type: BridgedTypeSchema,
    link: Id,
    address: Type.Integer({ minimum: 1, maximum: 247, description: 'the device’s bus address (Modbus range; 0 is broadcast)' }),
  },
  { additionalProperties: false },
);
export type BridgeDevice = Static<typeof BridgeDeviceSchema>;

/** A receipt printer on its own device file: not on the framed bus, it speaks ESC/POS (DLE EOT for its status). */
export const PrinterDeviceSchema = Type.Object(
  {
    id: Id,
    path: Type.String({ minLength: 1, description: '/dev/usb/lp0 (usblp), a serial port set up with stty, or a pty' }),
    bidirectional: Type.Boolean({ default: true, description: 'the printer answers DLE EOT over this link (usblp and serial usually do)' }),
    statusTimeoutMs: Ms(500, 'how long to wait for the answers to DLE EOT 1, 2, 4'),
    confirmTimeoutMs: Ms(10_000, 'no confirmation this long after a job: the hub is told it is unconfirmed (still waited for)'),
    checkIntervalMs: Ms(10_000, 'how often an idle printer is asked for its status (paper, cover)'),
    reopenMs: Ms(3000, 'how soon a device file that failed or is missing is opened again'),
  },
  { additionalProperties: false },
);

export const BridgeConfigSchema = Type.Object(
  {
    hallId: Type.Optional(Id),
    bridgeId: Id,
    mqtt: Type.Object(
      {
        url: Type.String({ pattern: '^(mqtts?|tcp|tls)://', description: 'the hub’s broker' }),
        username: Type.Optional(Type.String({ minLength: 1, description: 'default: the bridge id' })),
        passwordEnv: Type.String({ default: 'HALL_BRIDGE_PASSWORD', description: 'the environment variable holding the password' }),
        passwordFile: Type.Optional(Type.String({ minLength: 1, description: 'or a file holding it (owner-only)' })),
        protocolVersion: Type.Union([Type.Literal(4), Type.Literal(5)], { default: 4 }),
      },
      { additionalProperties: false },
    ),
    links: Type.Array(LinkConfigSchema, { minItems: 1 }),
    devices: Type.Array(BridgeDeviceSchema, { default: [] }),
    printers: Type.Array(PrinterDeviceSchema, { default: [], description: 'receipt printers on their own device files (a kiosk’s USB or serial printer)' }),
    fromHall: Type.Optional(
      Type.Object(
        {
          file: Type.String({ minLength: 1, description: 'the hub’s hall configuration; its devices with `bridge` = this bridge are added' }),
          link: Id,
          firstAddress: Type.Integer({ minimum: 1, maximum: 247, default: 1 }),
        },
        { additionalProperties: false },
      ),
    ),
    pingIntervalMs: Ms(5000, 'how often each device is pinged'),
    offlineAfterMs: Ms(15_000, 'a device not heard from for this long is offline'),
    requestTimeoutMs: Ms(8000, 'a keypad or evaluator is told "no answer" after this'),
    hubReplyMarginMs: Ms(2000, 'the hub applies a request only until this long before requestTimeoutMs, so its answer is back in time'),
    interByteTimeoutMs: Ms(200, 'a partial frame is given up after this much silence on the line'),
    logLevel: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
  },
  { additionalProperties: false },
);
export type BridgeConfigInput = Static<typeof BridgeConfigSchema>;
/** A loaded configuration: the hall id known and the hall's devices merged in. */
export type BridgeConfig = Omit<BridgeConfigInput, 'hallId' | 'fromHall'> & { hallId: string };

/** The part of the hub's hall configuration a bridge reads (the hub validates the whole of it). */
export const HallDevicesSchema = Type.Object({
  hall: Type.Object({ id: Id }),
  devices: Type.Array(Type.Object({ id: Id, type: Type.String(), window: Type.Optional(Type.String()), bridge: Type.Optional(Type.String()) }), { default: [] }),
  staff: Type.Array(Type.Object({ no: Type.String(), windows: Type.Array(Type.String(), { default: [] }) }), { default: [] }),
});
export type HallDevices = Static<typeof HallDevicesSchema>;

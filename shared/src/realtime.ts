import { Type, type Static } from '@sinclair/typebox';
import type { DeviceView } from './devices.js';
import type { HelpRequest } from './help.js';
import type { DisplayAlert, DisplayScene, ScreenshotChunk, ScreenshotRequest } from './displays.js';
import type { PlayReport } from './signage.js';
import { HallPhaseSchema, LineViewSchema, QueueOverviewSchema, TicketStatusSchema, WindowViewSchema } from './queue.js';
import type { CaseBoard, SupervisionView } from './supervision.js';

export { NAMESPACES } from './namespaces.js';

/** socket.io handshake `auth`: a screen or kiosk names its device id and token; the console a session token. */
export const HandshakeSchema = Type.Object(
  {
    protocol: Type.Integer({ minimum: 1 }),
    deviceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    token: Type.String({ minLength: 1, maxLength: 256 }),
    lastSeq: Type.Optional(Type.Integer({ minimum: 0 })),
    /** the hub epoch the client's events are from (see the `epoch` event) */
    epoch: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type Handshake = Static<typeof HandshakeSchema>;

/** A call as a screen shows it and a speaker announces it. */
export const CallRecordSchema = Type.Object({
  seq: Type.Integer(),
  ticket: Type.String(),
  windowNo: Type.String(),
  windowName: Type.String(),
  zone: Type.String(),
  lineId: Type.String(),
  recall: Type.Boolean(),
  at: Type.String({ format: 'date-time' }),
});
export type CallRecord = Static<typeof CallRecordSchema>;

/** What everybody may see of a ticket: never its id (the QR secret) or anything personal. */
export const PublicTicketSchema = Type.Object({
  number: Type.String(),
  lineId: Type.String(),
  status: TicketStatusSchema,
  windowNo: Type.Union([Type.String(), Type.Null()]),
});
export type PublicTicket = Static<typeof PublicTicketSchema>;

/**
 * One committed hub event, as clients receive it: the kind, its sequence number (gapless; a gap means
 * resync), and the views it changed — so a client applies it without any queue logic of its own.
 */
export const HubEventSchema = Type.Object({
  seq: Type.Integer(),
  type: Type.String({ description: 'the domain event, e.g. TicketCalled' }),
  at: Type.String({ format: 'date-time' }),
  phase: HallPhaseSchema,
  call: Type.Optional(CallRecordSchema),
  ticket: Type.Optional(PublicTicketSchema),
  window: Type.Optional(WindowViewSchema),
  lines: Type.Optional(Type.Array(LineViewSchema)),
});
export type HubEvent = Static<typeof HubEventSchema>;

export const SnapshotSchema = Type.Object({
  seq: Type.Integer({ description: 'the last event the snapshot includes' }),
  overview: QueueOverviewSchema,
  recentCalls: Type.Array(CallRecordSchema),
});
export type Snapshot = Static<typeof SnapshotSchema>;

export const HeartbeatSchema = Type.Object(
  {
    version: Type.String({ maxLength: 64 }),
    showing: Type.Optional(Type.String({ maxLength: 200 })),
    audio: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('unavailable'), Type.Literal('unknown')])),
    lastSeq: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type Heartbeat = Static<typeof HeartbeatSchema>;

export const ResyncSchema = Type.Object(
  { lastSeq: Type.Integer({ minimum: 0 }), epoch: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
  { additionalProperties: false },
);

/**
 * Which run of the hub the client is now in step with, sent after each snapshot or catch-up. A client keeps it
 * with its last sequence number and sends both when it reconnects: events are sent as soon as they are written,
 * and a power cut can take back the last few of a run, so a client of an earlier run may have to start over.
 */
export const EpochSchema = Type.Object({ epoch: Type.String() });
export type Epoch = Static<typeof EpochSchema>;

export type Ack = { ok: true } | { ok: false; error: { code: string; message: string; messageEn: string } };
/**
 * The answer to `proof-of-play`: `seq` is the highest seq the hub has stored for this display (records up to it may
 * be dropped); `stored`, how many of the batch's records were new to it (a screen whose count started again learns
 * it from the two together).
 */
export type PlayAck = { ok: true; seq: number; stored?: number } | Extract<Ack, { ok: false }>;

/** Events the hub sends to every namespace. */
export interface ServerToClientEvents {
  snapshot: (s: Snapshot) => void;
  events: (batch: HubEvent[]) => void;
  /** after the snapshot or the catch-up on connect and on resync */
  epoch: (e: Epoch) => void;
  /** console only: a device or screen went online or offline */
  device: (d: DeviceView) => void;
  /** display only: what this display shows apart from the queue (settings, notices, emergency, power, media) */
  scene: (s: DisplayScene) => void;
  /** display only: the hub asks the display for a picture of itself */
  'screenshot-request': (r: ScreenshotRequest) => void;
  /** console only: a display went down during opening hours, or came back */
  'display-alert': (a: DisplayAlert) => void;
  /** console only: a visitor at a kiosk asked for staff help */
  'help-request': (r: HelpRequest) => void;
  /**
   * walls only (hall and zone walls): the 办件公示 board, whole, on connect and whenever a case or a light changes.
   * Whole, not a delta: the newest one is the board, so a missed one needs no resync (the next connect sends it).
   */
  'case-board': (b: CaseBoard) => void;
  /** console only (managers and auditors): the supervision page's view, whole, on connect and on every change */
  supervision: (v: SupervisionView) => void;
}

/** Events clients send; every one is validated, and answered with an Ack. */
export interface ClientToServerEvents {
  heartbeat: (h: Heartbeat, ack?: (a: Ack) => void) => void;
  resync: (r: Static<typeof ResyncSchema>, ack?: (a: Ack) => void) => void;
  /** display only: one chunk of a screenshot the hub asked for */
  screenshot: (c: ScreenshotChunk, ack?: (a: Ack) => void) => void;
  /** display only: what it played, from when to when (signage.ts); resent until acknowledged, stored once per seq */
  'proof-of-play': (r: PlayReport, ack?: (a: PlayAck) => void) => void;
}

/**
 * Frame types (PROTOCOL.md §2). Uplink (device → bridge) types are below 0x80, downlink (bridge → device) at or
 * above it, so a frame's direction is visible in a bus capture.
 */
export const MessageType = {
  // every device
  hello: 0x01,
  ack: 0x02,
  ping: 0x81,
  // keypad
  keyRequest: 0x10,
  keyReply: 0x90,
  // evaluator
  rate: 0x20,
  rateReply: 0xa0,
  promptRating: 0xa1,
  // LED strip controller
  ledText: 0xb0,
  ledBitmap: 0xb1,
  ledClear: 0xb2,
  ledBrightness: 0xb3,
  ledPower: 0xb4,
  // ID-card reader
  card: 0x40,
  cardAck: 0xc0,
} as const;

/** The device kinds the bridge hosts, as the shared DeviceType names them. */
export const BRIDGED_TYPES = ['keypad', 'evaluator', 'led-strip', 'id-reader'] as const;
export type BridgedType = (typeof BRIDGED_TYPES)[number];

/** How a device names its kind in HELLO. */
export const KIND_CODES: Record<BridgedType, number> = { keypad: 1, evaluator: 2, 'led-strip': 3, 'id-reader': 4 };

/** A device's answer to a downlink command (ACK). */
export const ACK_STATUSES = ['ok', 'bad-argument', 'unsupported', 'busy'] as const;
export type AckStatus = (typeof ACK_STATUSES)[number];

/** The outcome a reply frame carries back to a keypad or evaluator. */
export const REPLY_STATUSES = ['ok', 'refused', 'invalid', 'timeout', 'hub-offline'] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

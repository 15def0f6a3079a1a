import { DecodeError, PayloadWriter, asciiOf, decodeWith, type Decoded } from '../../protocol/fields.js';
import type { Message } from '../../protocol/frame.js';
import { MessageType } from '../../protocol/message-types.js';
import { isValidIdNumber } from '../../privacy/id-number.js';

/**
 * ID-card reader (身份证阅读器). Uplink CARD (0x40): seq, name (GBK, length-prefixed), the 18-character ID number.
 * Downlink CARD_ACK (0xC0): seq, status; the reader repeats CARD until acknowledged. PROTOCOL.md §6.
 * A card whose check character is wrong is refused here: a misread never reaches the hub.
 */
export interface CardRead {
  name: string;
  idNumber: string;
}

const ID_BYTES = 18;

export function encodeCard(seq: number, card: CardRead): Message {
  if (card.idNumber.length !== ID_BYTES) throw new RangeError('an ID number has 18 characters');
  return { type: MessageType.card, payload: new PayloadWriter().u8(seq).gb18030_8(card.name).bytes(Buffer.from(card.idNumber, 'latin1')).build() };
}

export function decodeCard(payload: Buffer): Decoded<{ seq: number; card: CardRead }> {
  return decodeWith(payload, (r) => {
    const seq = r.u8('seq');
    // GB 18030 (v2): GBK for every character GBK has, four bytes for the rare name characters it lacks (PROTOCOL.md §6)
    const name = r.gb18030_8('name').trim();
    if (!name) throw new DecodeError('name is empty');
    const idNumber = asciiOf(r.take(ID_BYTES, 'ID number'), 'ID number').toUpperCase();
    // The message says what failed, never the number itself.
    if (!isValidIdNumber(idNumber)) throw new DecodeError('ID number fails its check character');
    return { seq, card: { name, idNumber } };
  });
}

/** CARD_ACK status: taken (0), refused — a misread or a reader the hub does not know (1), hub offline (2, v2). */
export const CARD_ACK_STATUSES = ['taken', 'refused', 'hub-offline'] as const;
export type CardAckStatus = (typeof CARD_ACK_STATUSES)[number];

export function encodeCardAck(seq: number, status: CardAckStatus): Message {
  return { type: MessageType.cardAck, payload: new PayloadWriter().u8(seq).u8(CARD_ACK_STATUSES.indexOf(status)).build() };
}

export function decodeCardAck(payload: Buffer): Decoded<{ seq: number; ok: boolean; status: CardAckStatus }> {
  return decodeWith(payload, (r) => {
    const seq = r.u8('seq');
    const status = CARD_ACK_STATUSES[r.u8('status')];
    if (!status) throw new DecodeError('status is unknown');
    return { seq, ok: status === 'taken', status };
  });
}

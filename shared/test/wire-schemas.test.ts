import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, it } from 'vitest';
import {
  BilingualTextSchema,
  DeviceCommandSchema,
  HandshakeSchema,
  HubEventSchema,
  IdCardEventSchema,
  IssueTicketBodySchema,
  KeypadRequestSchemas,
  RateRequestSchema,
  ResponseEnvelopeSchema,
  TicketViewSchema,
  WindowViewSchema,
} from '../src/index.js';

// The wire protocol on its own: what each schema takes and what it refuses, as the hub's compiled checks see it.
// The hub registers the same ISO 8601 `date-time` check before it compiles a schema that uses the format.
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)));
}

const accepts = (schema: TSchema, value: unknown) => TypeCompiler.Compile(schema).Check(value);

const AT = '2026-11-02T09:00:00+08:00';

const ticket = {
  id: 't-1',
  number: 'A001',
  day: '2026-11-02',
  lineId: 'general',
  lineName: '综合受理',
  channel: 'kiosk',
  priorityGroup: null,
  appointmentCode: null,
  idMasked: '210102********1234',
  status: 'waiting',
  windowNo: null,
  issuedAt: AT,
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  recallCount: 0,
  transferCount: 0,
  peopleAhead: 3,
  estimatedWaitMinutes: 12,
  servingWindows: ['1', '2'],
};

describe('tickets', () => {
  it('a ticket view as the hub sends it is valid', () => {
    expect(accepts(TicketViewSchema, ticket)).toBe(true);
  });

  it('a ticket view with an unknown status, a missing field or a time that is no time is refused', () => {
    expect(accepts(TicketViewSchema, { ...ticket, status: 'lost' })).toBe(false);
    const { number: _number, ...noNumber } = ticket;
    expect(accepts(TicketViewSchema, noNumber)).toBe(false);
    expect(accepts(TicketViewSchema, { ...ticket, issuedAt: 'nine o’clock' })).toBe(false);
    expect(accepts(TicketViewSchema, { ...ticket, recallCount: 1.5 })).toBe(false);
  });

  it('an issue request takes a line or service, an 18-character ID number and a mainland mobile number', () => {
    expect(accepts(IssueTicketBodySchema, {})).toBe(true);
    expect(accepts(IssueTicketBodySchema, { lineId: 'general', idNumber: '21010219800101123X', requestId: 'req-00000001' })).toBe(true);
    expect(accepts(IssueTicketBodySchema, { serviceId: 'svc-1', phone: '13912345678', smsConsent: true })).toBe(true);
  });

  it('an issue request with a malformed ID number, phone or idempotency key, or an unknown field, is refused', () => {
    expect(accepts(IssueTicketBodySchema, { idNumber: '2101021980010112' })).toBe(false);
    expect(accepts(IssueTicketBodySchema, { idNumber: '21010219800101123Y' })).toBe(false);
    expect(accepts(IssueTicketBodySchema, { phone: '12912345678' })).toBe(false);
    expect(accepts(IssueTicketBodySchema, { requestId: 'short' })).toBe(false);
    expect(accepts(IssueTicketBodySchema, { channel: 'appointment' })).toBe(false);
    expect(accepts(IssueTicketBodySchema, { lineId: 'general', admin: true })).toBe(false);
  });
});

describe('devices', () => {
  it('keypad requests: a call names a ticket number; nothing else rides along', () => {
    expect(accepts(KeypadRequestSchemas.call, { transaction: 'tx-1', number: 'A001' })).toBe(true);
    expect(accepts(KeypadRequestSchemas.call, { number: 'a001' })).toBe(false);
    expect(accepts(KeypadRequestSchemas.call, { number: 'A01' })).toBe(false);
    expect(accepts(KeypadRequestSchemas['call-next'], { deadline: 1_700_000_000_000 })).toBe(true);
    expect(accepts(KeypadRequestSchemas['call-next'], { deadline: -1 })).toBe(false);
    expect(accepts(KeypadRequestSchemas.login, {})).toBe(false);
    expect(accepts(KeypadRequestSchemas.login, { staffNo: 'LN0001', extra: 1 })).toBe(false);
  });

  it('a rating is one of the five levels, with dimension scores from 1 to 5', () => {
    expect(accepts(RateRequestSchema, { level: 'very-satisfied', ticket: 'A001', dimensions: { attitude: 5, quality: 1 } })).toBe(true);
    expect(accepts(RateRequestSchema, { level: 'excellent' })).toBe(false);
    expect(accepts(RateRequestSchema, { level: 'basic', dimensions: { attitude: 6 } })).toBe(false);
    expect(accepts(RateRequestSchema, { level: 'basic', dimensions: { mood: 3 } })).toBe(false);
  });

  it('an ID-card read carries a name and a well-formed ID number only', () => {
    expect(accepts(IdCardEventSchema, { type: 'id-card', name: '张三', idNumber: '210102198001011234' })).toBe(true);
    expect(accepts(IdCardEventSchema, { type: 'id-card', name: '', idNumber: '210102198001011234' })).toBe(false);
    expect(accepts(IdCardEventSchema, { type: 'id-card', name: '张三', idNumber: '2101021980' })).toBe(false);
  });

  it('an LED strip bitmap is a whole number of bytes wide, and brightness a percentage', () => {
    expect(accepts(DeviceCommandSchema, { command: 'show-bitmap', width: 64, height: 16, bitmap: 'AA==' })).toBe(true);
    expect(accepts(DeviceCommandSchema, { command: 'show-bitmap', width: 60, height: 16, bitmap: 'AA==' })).toBe(false);
    expect(accepts(DeviceCommandSchema, { command: 'brightness', level: 100 })).toBe(true);
    expect(accepts(DeviceCommandSchema, { command: 'brightness', level: 101 })).toBe(false);
    expect(accepts(DeviceCommandSchema, { command: 'reboot' })).toBe(false);
  });

  it('a response is one envelope: ok with data, or an error in Chinese and English', () => {
    expect(accepts(ResponseEnvelopeSchema, { status: 'ok', data: { ticket: 'A001' }, transaction: 'tx-1' })).toBe(true);
    expect(accepts(ResponseEnvelopeSchema, { status: 'error', error: { code: 'no_waiting', message: '无人等候', messageEn: 'Nobody is waiting' } })).toBe(true);
    expect(accepts(ResponseEnvelopeSchema, { status: 'error', error: { code: 'no_waiting', message: '无人等候' } })).toBe(false);
    expect(accepts(ResponseEnvelopeSchema, { status: 'maybe' })).toBe(false);
  });
});

describe('realtime events', () => {
  const windowView = {
    no: '3',
    name: '3号窗口',
    zone: 'A',
    status: 'calling',
    staffNo: 'LN0001',
    staffName: '李明',
    coveringFor: null,
    pauseReason: null,
    currentTicket: 'A001',
    currentTicketId: 't-1',
    suspendedTickets: [],
    since: AT,
    lines: ['general'],
  };
  const event = {
    seq: 7,
    type: 'TicketCalled',
    at: AT,
    phase: 'open',
    call: { seq: 7, ticket: 'A001', windowNo: '3', windowName: '3号窗口', zone: 'A', lineId: 'general', recall: false, at: AT },
    ticket: { number: 'A001', lineId: 'general', status: 'called', windowNo: '3' },
    window: windowView,
  };

  it('a call event with its ticket and window is valid; the window view alone too', () => {
    expect(accepts(WindowViewSchema, windowView)).toBe(true);
    expect(accepts(HubEventSchema, event)).toBe(true);
  });

  it('an event without a sequence number, in an unknown phase, or with a broken call is refused', () => {
    const { seq: _seq, ...noSeq } = event;
    expect(accepts(HubEventSchema, noSeq)).toBe(false);
    expect(accepts(HubEventSchema, { ...event, phase: 'lunch' })).toBe(false);
    expect(accepts(HubEventSchema, { ...event, call: { ...event.call, recall: 'no' } })).toBe(false);
    expect(accepts(HubEventSchema, { ...event, window: { ...windowView, status: 'asleep' } })).toBe(false);
  });

  it('a handshake names a protocol version and a token, and nothing else', () => {
    expect(accepts(HandshakeSchema, { protocol: 1, deviceId: 'wall-1', token: 'secret', lastSeq: 0, epoch: 'e1' })).toBe(true);
    expect(accepts(HandshakeSchema, { protocol: 0, token: 'secret' })).toBe(false);
    expect(accepts(HandshakeSchema, { protocol: 1, token: '' })).toBe(false);
    expect(accepts(HandshakeSchema, { protocol: 1, token: 'secret', lastSeq: -1 })).toBe(false);
    expect(accepts(HandshakeSchema, { protocol: 1, token: 'secret', role: 'manager' })).toBe(false);
  });
});

describe('i18n text', () => {
  it('visitor text is Chinese and English, both present', () => {
    expect(accepts(BilingualTextSchema, { zh: '请取号', en: 'Take a ticket' })).toBe(true);
    expect(accepts(BilingualTextSchema, { zh: '请取号' })).toBe(false);
    expect(accepts(BilingualTextSchema, { en: 'Take a ticket' })).toBe(false);
    expect(accepts(BilingualTextSchema, { zh: 1, en: 'Take a ticket' })).toBe(false);
  });
});

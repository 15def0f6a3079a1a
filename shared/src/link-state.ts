/**
 * One outage model for every client of the hub — kiosk, walls, console and the phone page: the same states, the
 * same words, the same clocks.
 *
 * A client is `online` while the hub answers its heartbeat; it counts the hub gone (dead or hung) when a beat goes
 * unanswered for HUB_SILENT_MS, and back on the first answer after that — not on the first change of state.
 * Socket clients beat with an acknowledged `heartbeat` event (web-shell/src/heartbeat.ts); the phone page, which long polls,
 * beats on /api/health. Every request has a client timeout, so a hung hub never holds a page.
 */
export type LinkState = 'online' | 'offline';

/** a heartbeat every 1.5 s, each given 3 s for its answer: a dead or hung hub is noticed within 4.5 s */
export const HEARTBEAT_EVERY_MS = 1_500;
export const HEARTBEAT_ANSWER_MS = 3_000;
/** how long a silent hub is given before a client counts it gone */
export const HUB_SILENT_MS = HEARTBEAT_EVERY_MS + HEARTBEAT_ANSWER_MS;

/** socket.io client options: reconnect within 2 s of the hub answering, and give up a hung attempt after 4 s */
export const LIVE_SOCKET_OPTIONS = {
  reconnectionDelay: 300,
  reconnectionDelayMax: 2_000,
  randomizationFactor: 0.3,
  timeout: 4_000,
} as const;

/** The words every screen uses for the outage (walls show the short form). */
export const LINK_WORDS = {
  offline: { zh: '与中心的连接已中断，正在重新连接…', en: 'Connection to the hall hub lost — reconnecting…' },
  offlineShort: { zh: '连接已中断，正在重连', en: 'Offline — reconnecting' },
  /** an action sent just before the link dropped: it may or may not have happened; it is settled on return */
  resultUnknown: { zh: '结果未知，正在确认…', en: 'Result unknown — checking…' },
} as const;

import { Type, type Static } from '@sinclair/typebox';

/**
 * What an ESC/POS receipt printer says about itself when asked with DLE EOT n (Epson ESC/POS command reference,
 * "DLE EOT: transmit real-time status"). Every answer is one byte with bits 1 and 4 set and bits 0 and 7 clear,
 * so a byte that does not match is not an answer. Used by the hub (network printers) and the bridge (a kiosk's
 * USB or serial printer): both ask the same questions and read the answers the same way.
 */
export const DLE_EOT = {
  /** n = 1, printer status: bit 3 offline */
  printer: Uint8Array.of(0x10, 0x04, 0x01),
  /** n = 2, offline cause: bit 2 cover open, bit 3 paper fed by the button, bit 5 stopped at paper end, bit 6 error */
  offlineCause: Uint8Array.of(0x10, 0x04, 0x02),
  /** n = 4, paper sensors: bits 2–3 paper near end, bits 5–6 paper end */
  paper: Uint8Array.of(0x10, 0x04, 0x04),
} as const;

/** The three questions asked before a job, in this order: one answer byte each. */
export const STATUS_QUERIES = Uint8Array.of(...DLE_EOT.printer, ...DLE_EOT.offlineCause, ...DLE_EOT.paper);

export const PaperStateSchema = Type.Union([Type.Literal('ok'), Type.Literal('near-end'), Type.Literal('out'), Type.Literal('unknown')]);
/** What DLE EOT 4 says about the paper; `unknown` when the printer does not answer it (many do not). */
export type PaperState = Static<typeof PaperStateSchema>;

export const PrinterStatusSchema = Type.Object({
  offline: Type.Union([Type.Boolean(), Type.Null()], { description: 'DLE EOT 1 bit 3; null: not answered' }),
  coverOpen: Type.Union([Type.Boolean(), Type.Null()], { description: 'DLE EOT 2 bit 2' }),
  /** a jam, a cutter error or an overheated head: the printer stopped and needs a person */
  error: Type.Union([Type.Boolean(), Type.Null()], { description: 'DLE EOT 2 bit 6' }),
  paper: PaperStateSchema,
});
export type PrinterStatus = Static<typeof PrinterStatusSchema>;

export const UNKNOWN_STATUS: PrinterStatus = { offline: null, coverOpen: null, error: null, paper: 'unknown' };

/** Whether a byte can be an answer to DLE EOT at all. */
export const isStatusByte = (byte: number): boolean => (byte & 0x93) === 0x12;

export function decodePaperStatus(byte: number | null): PaperState {
  if (byte === null || !isStatusByte(byte)) return 'unknown';
  if (byte & 0x60) return 'out';
  if (byte & 0x0c) return 'near-end';
  return 'ok';
}

/** The answers to STATUS_QUERIES (n = 1, 2, 4), as far as they came. */
export function decodeStatusAnswers(answers: readonly number[]): PrinterStatus {
  const [p, cause, paper] = answers.map((b) => (isStatusByte(b) ? b : null));
  return {
    offline: p == null ? null : (p & 0x08) !== 0,
    coverOpen: cause == null ? null : (cause & 0x04) !== 0,
    error: cause == null ? null : (cause & 0x40) !== 0,
    paper: decodePaperStatus(paper ?? null),
  };
}

/** Why a printer with this status cannot take a job now (zh-CN first), or null when it can (or cannot say). */
export function statusProblem(s: PrinterStatus): string | null {
  if (s.coverOpen) return '打印机盖未合上 cover open';
  if (s.paper === 'out') return '打印机缺纸 paper out';
  if (s.error) return '打印机故障（卡纸或切刀） printer error (jam or cutter)';
  if (s.offline) return '打印机离线 printer offline';
  return null;
}

/**
 * How many DLE EOT questions a byte stream asks: a printer answers each one it reads, even inside raster data,
 * so a sender that counts answers to confirm delivery must count these too (ESC/POS reference: "DLE EOT …
 * the printer executes this command when it is received, even inside the data of other commands").
 */
export function countStatusQueries(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0x10 && bytes[i + 1] === 0x04 && bytes[i + 2]! >= 1 && bytes[i + 2]! <= 4) {
      n++;
      i += 2;
    }
  }
  return n;
}

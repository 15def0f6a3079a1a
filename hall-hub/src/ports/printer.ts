import type { PrintBlock } from '@hall/shared';

/** What DLE EOT 4 says about the paper; `unknown` when the printer does not answer it (many do not). */
export type PaperState = 'ok' | 'near-end' | 'out' | 'unknown';

export interface PrinterCheck {
  reachable: boolean;
  paper: PaperState;
  error: string | null;
}

export type PrintOutcome =
  | { ok: true; paper: PaperState }
  /** retry: the printer is down or out of paper, the job is fine; otherwise the job itself cannot be printed */
  | { ok: false; retry: boolean; reachable: boolean; paper: PaperState; error: string };

/** A receipt printer as the print queue sees it: a network ESC/POS printer, or the virtual one of the demo. */
export interface Printer {
  readonly id: string;
  readonly kind: 'escpos-tcp' | 'virtual';
  /** Delivers one whole job; `ok` only once the printer has taken every byte. */
  print(job: { id: string; blocks: readonly PrintBlock[] }): Promise<PrintOutcome>;
  check(): Promise<PrinterCheck>;
}

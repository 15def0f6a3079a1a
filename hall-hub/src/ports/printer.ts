import type { PrintBlock, PrinterStatus } from '@hall/shared';

export type { PaperState, PrinterStatus } from '@hall/shared';

export interface PrinterCheck {
  reachable: boolean;
  status: PrinterStatus;
  /** the printer answered a status query (DLE EOT); a printer that used to and stops is "not responding" */
  answered: boolean;
  error: string | null;
}

export type PrintOutcome =
  /** the printer confirmed it has every byte: it answered a status query sent after the job, or closed after it */
  | { ok: true; status: PrinterStatus; answered: boolean }
  | {
      ok: false;
      /** the printer is down, busy or out of paper, the job is fine; otherwise the job itself cannot be printed */
      retry: boolean;
      reachable: boolean;
      status: PrinterStatus;
      answered: boolean;
      /** part of the job may be on paper (the connection broke after job bytes went out) */
      partial: boolean;
      error: string;
    };

export interface PrintAttempt {
  /** the job went out but the printer has not confirmed it yet (it may be jammed, its cover open): still waiting */
  onUnconfirmed(error: string): void;
  /** the hub is stopping: give up waiting (the job stays `sending` and counts as interrupted at the next start) */
  signal: AbortSignal;
}

/** A receipt printer as the print queue sees it: a network ESC/POS printer, one behind a bridge, or the demo's. */
export interface Printer {
  readonly id: string;
  readonly kind: 'escpos-tcp' | 'bridge' | 'virtual';
  /** Delivers one whole job; `ok` only once the printer has confirmed it took every byte. */
  print(job: { id: string; blocks: readonly PrintBlock[] }, attempt: PrintAttempt): Promise<PrintOutcome>;
  check(): Promise<PrinterCheck>;
}

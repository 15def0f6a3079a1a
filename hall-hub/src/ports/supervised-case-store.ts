import type { SupervisedCase } from '@hall/shared';
import type { CaseLight } from '../domain/cases/case-light.js';

/** A warning raised when a case's light turned yellow or red, and what was done about it (全程留痕). */
export interface CaseWarningRow {
  id: number;
  caseNo: string;
  departmentCode: string;
  light: Exclude<CaseLight, 'green'>;
  at: number;
  handledAt: number | null;
  handledBy: string | null;
  note: string | null;
}

/** The cases the hub supervises, kept with the light each was last seen in. */
export interface SupervisedCaseStore {
  /** every case held, with its last light (records are opened from their sealed form) */
  all(): Array<{ record: SupervisedCase; light: CaseLight | null }>;
  /** adds or replaces cases and moves the feed's cursor, in one transaction */
  put(cases: readonly SupervisedCase[], cursor: string): void;
  cursor(): string | null;
  /**
   * Records a case's new light. With `warn`, a yellow or red one also raises its warning (once per case and
   * light) and runs `warn.alongside` in the same transaction (the SMS goes into the outbox there). Returns the
   * warning raised, if any.
   */
  setLight(caseNo: string, light: CaseLight, at: number, warn: { alongside: () => void } | null): CaseWarningRow | null;
  warnings(opts: { since?: number; openOnly?: boolean }): CaseWarningRow[];
  /** drops the finished cases that finished before `before` (their warnings stay); returns their numbers */
  dropFinished(before: number): string[];
  handle(id: number, by: string, note: string, at: number): CaseWarningRow | null;
}

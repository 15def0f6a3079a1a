import type { Refusal } from '../domain/queue/refusals.js';

/** A refusal thrown by a service whose answers are values (display control); HTTP maps it as any refusal. */
export class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.en);
    this.name = 'Refused';
  }
}

/** Throws the refusal, if there is one. */
export function refuseIf(refusal: Refusal | null): void {
  if (refusal) throw new Refused(refusal);
}

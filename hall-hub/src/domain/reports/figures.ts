import type { Figures, Satisfaction } from '@hall/shared';
import type { WarningThresholds } from '../hall-vocabulary.js';
import type { TicketRow } from './report-input.js';

const MINUTE = 60_000;

/** One ticket, reduced to what the figures need; computed once and added to every group it belongs to. */
export interface TicketFacts {
  status: TicketRow['status'];
  called: boolean;
  transferred: boolean;
  waitMs: number | null;
  serviceMs: number | null;
  rating: Satisfaction | null;
  waitLevel: 'yellow' | 'red' | null;
  serviceLevel: 'yellow' | 'red' | null;
}

const level = (ms: number, yellowMin: number, redMin: number): 'yellow' | 'red' | null =>
  ms >= redMin * MINUTE ? 'red' : ms >= yellowMin * MINUTE ? 'yellow' : null;

/**
 * The facts of one ticket at `now`. A wait still going on (today's waiting tickets) or a service still going
 * on counts towards warnings with its length so far, but never towards the averages.
 */
export function ticketFacts(t: TicketRow, th: WarningThresholds, now: number): TicketFacts {
  const called = t.calledAt !== null;
  const waitMs = called ? t.calledAt! - t.issuedAt : null;
  const waitSoFar = waitMs ?? (t.status === 'waiting' ? now : (t.finishedAt ?? now)) - t.issuedAt;
  const started = t.startedAt ?? t.calledAt;
  const serviceMs = t.status === 'done' && started !== null && t.finishedAt !== null ? t.finishedAt - started : null;
  const serviceSoFar = serviceMs ?? (t.status === 'serving' && t.startedAt !== null ? now - t.startedAt : null);
  return {
    status: t.status,
    called,
    transferred: t.transferCount > 0,
    waitMs,
    serviceMs,
    rating: t.status === 'done' ? t.rating : null,
    waitLevel: level(Math.max(0, waitSoFar), th.waitYellowMinutes, th.waitRedMinutes),
    serviceLevel: serviceSoFar === null ? null : level(serviceSoFar, th.serviceYellowMinutes, th.serviceRedMinutes),
  };
}

/** Sums facts into figures. */
export interface FiguresAccumulator {
  add(f: TicketFacts): void;
  figures(): Figures;
}

const minutes = (ms: number): number => Math.round((ms / MINUTE) * 10) / 10;

export function createFigures(): FiguresAccumulator {
  const f: Figures = {
    issued: 0,
    called: 0,
    served: 0,
    noShow: 0,
    cancelled: 0,
    unserved: 0,
    transferred: 0,
    avgWaitMinutes: null,
    maxWaitMinutes: null,
    avgServiceMinutes: null,
    maxServiceMinutes: null,
    ratings: { 'very-satisfied': 0, satisfied: 0, basic: 0, dissatisfied: 0, 'very-dissatisfied': 0, unrated: 0 },
    satisfactionRate: null,
    warnings: { waitYellow: 0, waitRed: 0, serviceYellow: 0, serviceRed: 0 },
  };
  let waitSum = 0;
  let waitN = 0;
  let waitMax = 0;
  let serviceSum = 0;
  let serviceN = 0;
  let serviceMax = 0;
  return {
    add(t) {
      f.issued += 1;
      if (t.called) f.called += 1;
      if (t.status === 'done') f.served += 1;
      else if (t.status === 'no-show') f.noShow += 1;
      else if (t.status === 'cancelled') f.cancelled += 1;
      if (!t.called && t.status !== 'cancelled') f.unserved += 1;
      if (t.transferred) f.transferred += 1;
      if (t.waitMs !== null) {
        waitSum += t.waitMs;
        waitN += 1;
        waitMax = Math.max(waitMax, t.waitMs);
      }
      if (t.serviceMs !== null) {
        serviceSum += t.serviceMs;
        serviceN += 1;
        serviceMax = Math.max(serviceMax, t.serviceMs);
      }
      if (t.status === 'done') f.ratings[t.rating ?? 'unrated'] += 1;
      if (t.waitLevel === 'red') f.warnings.waitRed += 1;
      else if (t.waitLevel === 'yellow') f.warnings.waitYellow += 1;
      if (t.serviceLevel === 'red') f.warnings.serviceRed += 1;
      else if (t.serviceLevel === 'yellow') f.warnings.serviceYellow += 1;
    },
    figures() {
      const r = f.ratings;
      const rated = r['very-satisfied'] + r.satisfied + r.basic + r.dissatisfied + r['very-dissatisfied'];
      const good = r['very-satisfied'] + r.satisfied + r.basic;
      return {
        ...f,
        ratings: { ...r },
        warnings: { ...f.warnings },
        avgWaitMinutes: waitN ? minutes(waitSum / waitN) : null,
        maxWaitMinutes: waitN ? minutes(waitMax) : null,
        avgServiceMinutes: serviceN ? minutes(serviceSum / serviceN) : null,
        maxServiceMinutes: serviceN ? minutes(serviceMax) : null,
        satisfactionRate: rated ? Math.round((good / rated) * 10_000) / 10_000 : null,
      };
    },
  };
}


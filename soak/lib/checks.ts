import type { CallRecord } from '@hall/shared';
import type { HeldEvent } from '@hall/province-sim';
import type { DisplayClient } from './displays.js';
import type { Ledger } from './ledger.js';
import { callIsFor, ticketSaid, windowSaid } from './oracle/voice-words.js';
import type { Probe, Replay, StoredEvent } from './replay.js';

export interface CheckResult {
  id: string;
  name: string;
  ok: boolean;
  counts: Record<string, number>;
  /** the first few problems, in words */
  problems: string[];
}

const first = (xs: string[], n = 10) => xs.slice(0, n);

/** Every acknowledged ticket is in the hub's store exactly once; the hub made no ticket nobody was told of. */
export function checkTickets(
  ledger: Ledger,
  events: readonly StoredEvent[],
  storedTickets: ReadonlyMap<string, { number: string; channel: string }>,
  midWrite: { inFlightAtKill: string[] } | null,
): CheckResult {
  const issued = new Map<string, { number: string; channel: string; count: number }>();
  const numbers = new Map<string, number>();
  const handled = new Map<string, number>();
  for (const { event: e } of events) {
    if (e.type === 'TicketIssued') {
      const prev = issued.get(e.ticket.id);
      issued.set(e.ticket.id, { number: e.ticket.number, channel: e.ticket.channel, count: (prev?.count ?? 0) + 1 });
      numbers.set(e.ticket.number, (numbers.get(e.ticket.number) ?? 0) + 1);
    } else if (e.type === 'RequestHandled' && e.requestId.startsWith('soak-visitor-')) {
      handled.set(e.requestId, (handled.get(e.requestId) ?? 0) + 1);
    }
  }
  const problems: string[] = [];
  let lost = 0;
  let wrongNumber = 0;
  let notInTable = 0;
  for (const a of ledger.tickets.values()) {
    const i = issued.get(a.ticketId);
    if (!i) {
      lost += 1;
      problems.push(`visitor ${a.n}: told ${a.number}, no such ticket in the event log`);
    } else if (i.number !== a.number) {
      wrongNumber += 1;
      problems.push(`visitor ${a.n}: told ${a.number}, the log says ${i.number}`);
    }
    const row = storedTickets.get(a.ticketId);
    if (!row || row.number !== a.number) {
      notInTable += 1;
      problems.push(`visitor ${a.n}: ${a.number} missing from the tickets table`);
    }
  }
  const acked = new Set([...ledger.tickets.values()].map((a) => a.ticketId));
  const orphans = [...issued.entries()].filter(([id, i]) => !acked.has(id) && i.channel !== 'staff');
  for (const [, i] of orphans.slice(0, 5)) problems.push(`ticket ${i.number} (${i.channel}) issued, but no kiosk was told of it`);
  const twiceIssued = [...issued.values()].filter((i) => i.count > 1).length;
  const duplicateNumbers = [...numbers.values()].filter((c) => c > 1).length;
  const requestsTwice = [...handled.values()].filter((c) => c > 1).length;
  const retriedSame = [...ledger.tickets.values()].filter((a) => a.status === 200).length;
  const inFlight = midWrite?.inFlightAtKill ?? [];
  const committedBeforeReply = inFlight.filter((rid) => ledger.tickets.get(rid)?.status === 200).length;
  const counts = {
    acknowledged: ledger.tickets.size,
    issuedInLog: issued.size,
    inTicketsTable: storedTickets.size,
    lost,
    wrongNumber,
    missingFromTable: notInTable,
    duplicateTickets: twiceIssued + requestsTwice,
    duplicateNumbers,
    orphanTickets: orphans.length,
    retriedAndGotTheSameTicket: retriedSame,
    inFlightAtMidWriteKill: inFlight.length,
    committedBeforeTheReplyWasSent: committedBeforeReply,
    refusedByTheHub: ledger.refused.length,
    neverAnswered: ledger.unanswered.length,
  };
  const ok = lost + wrongNumber + notInTable + twiceIssued + requestsTwice + duplicateNumbers + orphans.length + ledger.unanswered.length === 0;
  return { id: 'tickets', name: 'no ticket lost or duplicated', ok, counts, problems: first(problems) };
}

function isSubsequence(words: readonly string[], keys: readonly string[]): boolean {
  let i = 0;
  for (const k of keys) if (i < words.length && k === words[i]) i += 1;
  return i === words.length;
}

const callKey = (c: Pick<CallRecord, 'ticket' | 'windowNo' | 'at'>) => `${c.ticket}@${c.windowNo}@${c.at}`;

/**
 * Every call in a screen's area reached it (live, caught up after a reconnect, or — across a hub restart — in
 * the snapshot's recent calls), those it got as events in the log's order, and every call a speaking screen got
 * live or fresh was planned for the voice with every word it needs.
 */
export function checkCalls(displays: readonly DisplayClient[], replay: Replay, firstSeqOf: (id: string) => number): CheckResult {
  const problems: string[] = [];
  let expected = 0;
  let missing = 0;
  let outOfOrder = 0;
  let viaSnapshot = 0;
  let announcedOk = 0;
  let notAnnounced = 0;
  let badPlan = 0;
  let stale = 0;
  let gaps = 0;
  for (const d of displays) {
    const from = firstSeqOf(d.id);
    const mine = replay.calls.filter((c) => c.seq > from && callIsFor(c, d.area));
    const bySeq = new Set(d.calls.map((c) => c.seq));
    const bySnapshot = new Set(d.snapshotCalls.map(callKey));
    const announced = new Map(d.announced.map((a) => [a.seq, a]));
    const staleSeqs = new Set(d.staleNotAnnounced.map((c) => c.seq));
    gaps += d.gaps;
    for (let i = 1; i < d.calls.length; i++) {
      if (d.calls[i]!.seq <= d.calls[i - 1]!.seq) {
        outOfOrder += 1;
        problems.push(`${d.id}: call ${d.calls[i]!.ticket} (seq ${d.calls[i]!.seq}) after seq ${d.calls[i - 1]!.seq}`);
      }
    }
    for (const c of mine) {
      expected += 1;
      const live = bySeq.has(c.seq);
      if (!live && bySnapshot.has(callKey(c))) viaSnapshot += 1;
      else if (!live) {
        missing += 1;
        problems.push(`${d.id}: never got the call of ${c.ticket} to window ${c.windowNo} (seq ${c.seq})`);
      }
      if (!d.speaks() || !live) continue;
      if (staleSeqs.has(c.seq)) {
        stale += 1;
        continue;
      }
      const a = announced.get(c.seq);
      if (!a) {
        notAnnounced += 1;
        problems.push(`${d.id}: ${c.ticket} → window ${c.windowNo} shown but not announced`);
        continue;
      }
      // The words the call needs, as the soak's oracle reads tickets and windows (not the wall's own reading).
      const words = [...ticketSaid(c.ticket), ...windowSaid(c.windowNo)];
      const inOrder = isSubsequence(words, a.keys);
      if (a.missing.length > 0 || !inOrder || a.ticket !== c.ticket || a.windowNo !== c.windowNo) {
        badPlan += 1;
        problems.push(`${d.id}: voice plan for ${c.ticket} → ${c.windowNo} wrong (missing ${a.missing.join('')})`);
      } else announcedOk += 1;
    }
  }
  const counts = {
    displays: displays.length,
    speakingDisplays: displays.filter((d) => d.speaks()).length,
    callsInLog: replay.calls.length,
    callsExpectedOnScreens: expected,
    missing,
    outOfOrder,
    arrivedOnlyInARestartSnapshot: viaSnapshot,
    announced: announcedOk,
    notAnnounced,
    wrongVoicePlan: badPlan,
    caughtUpTooLateToAnnounce: stale,
    sequenceGapsResynced: gaps,
  };
  return { id: 'calls', name: 'every call displayed and announced', ok: missing + outOfOrder + notAnnounced + badPlan === 0, counts, problems: first(problems) };
}

/** Every evaluation the hub recorded reached the province exactly once; every rating a visitor was thanked for is recorded. */
export function checkEvaluations(
  hallId: string,
  ledger: Ledger,
  evaluations: ReadonlyArray<{ day: string; number: string; channel: string }>,
  held: readonly HeldEvent[],
  heldQueue: readonly HeldEvent[],
  queueSeqs: readonly number[],
  provinceDuplicates: number,
): CheckResult {
  const problems: string[] = [];
  const expected = new Set(evaluations.map((e) => `${hallId}:evaluation:${e.day}:${e.number}:1`));
  const heldCount = new Map<string, number>();
  for (const h of held) heldCount.set(h.key, (heldCount.get(h.key) ?? 0) + 1);
  const missingUp = [...expected].filter((k) => !heldCount.has(k));
  const extraUp = [...heldCount.keys()].filter((k) => !expected.has(k));
  const twice = [...heldCount.values()].filter((c) => c > 1).length;
  for (const k of missingUp.slice(0, 5)) problems.push(`evaluation ${k} never reached the province`);
  for (const k of extraUp.slice(0, 5)) problems.push(`the province holds ${k}, which the hub never recorded`);
  const recorded = new Set(evaluations.map((e) => e.number));
  const thanked = ledger.ratings.filter((r) => r.outcome === 'ok');
  const lostRatings = thanked.filter((r) => !recorded.has(r.number));
  for (const r of lostRatings.slice(0, 5)) problems.push(`visitor ${r.n} rated ${r.number} (${r.via}), not in the hub's evaluations`);
  // The queue stream too: every issued/called/served/no-show event once, in the log's order.
  const wantQueue = queueSeqs.map((s) => `${hallId}:queue:${s}`);
  const gotQueue = heldQueue.map((h) => h.key);
  const queueExact = wantQueue.length === gotQueue.length && wantQueue.every((k, i) => gotQueue[i] === k);
  if (!queueExact) problems.push(`queue stream: the province holds ${gotQueue.length} events, the log has ${wantQueue.length} (or not in order)`);
  const counts = {
    recordedByTheHub: expected.size,
    heldByTheProvince: held.length,
    missingUpstream: missingUp.length,
    unknownUpstream: extraUp.length,
    heldTwice: twice,
    resendsDroppedByTheProvince: provinceDuplicates,
    ratingsAcknowledgedToVisitors: thanked.length,
    acknowledgedButNotRecorded: lostRatings.length,
    byEvaluator: evaluations.filter((e) => e.channel === 'evaluator').length,
    byQr: evaluations.filter((e) => e.channel === 'qr').length,
    ratingsRefused: ledger.ratings.filter((r) => r.outcome === 'refused').length,
    ratingsNeverAnswered: ledger.ratings.filter((r) => r.outcome === 'failed').length,
    queueEventsInLog: wantQueue.length,
    queueEventsHeldInOrder: queueExact ? gotQueue.length : 0,
  };
  const ok = missingUp.length + extraUp.length + twice + lostRatings.length === 0 && queueExact;
  return { id: 'evaluations', name: 'every evaluation delivered upstream exactly once', ok, counts, problems: first(problems) };
}

export function checkPriority(replay: Replay, policy: string): CheckResult {
  const problems = replay.priorityViolations.map((v) => `seq ${v.seq}: window ${v.windowNo} called ${v.called}, the policy picks ${v.expected ?? 'nobody'}`);
  return {
    id: 'priority',
    name: `the priority policy held (${policy})`,
    ok: replay.priorityViolations.length === 0,
    counts: {
      callsChecked: replay.callsChecked,
      violations: replay.priorityViolations.length,
      greenChannelCalls: replay.priorityCalls,
      normalCalledWhileGreenChannelWaitedAllowedByPolicy: replay.normalBeforeWaitingPriority,
    },
    problems: first(problems),
  };
}

export interface Poll {
  before: Probe;
  after: Probe;
  seen: string[];
}

/**
 * Warnings where they should be and nowhere else: red warnings texted to the manager (through the outbox and
 * the province's SMS gateway) against the red warnings the documented policy gives after each event of the log (the soak's oracle); and
 * the console's live list (GET /api/warnings) against the policy at the poll's two ends.
 */
export function checkWarnings(replay: Replay, smsProbes: readonly Probe[], smsDelivered: number, polls: readonly Poll[]): CheckResult {
  const problems: string[] = [];
  const raised = new Set(smsProbes.map((p) => p.smsKey!));
  const missingRed = [...replay.redAtEvents].filter((k) => !raised.has(k));
  const unjustified = smsProbes.filter((p) => !p.justified);
  for (const k of missingRed.slice(0, 5)) problems.push(`red warning ${k} existed after an event, never texted`);
  for (const p of unjustified.slice(0, 5)) problems.push(`red warning ${p.smsKey} texted, but the policy gives no such red warning then`);
  let liveShown = 0;
  let liveUnexpected = 0;
  let liveMissing = 0;
  let boundary = 0;
  const levels = { yellow: 0, red: 0 };
  for (const p of polls) {
    const a = p.before.all!;
    const b = p.after.all!;
    const seen = new Set(p.seen);
    for (const k of seen) {
      liveShown += 1;
      if (k.includes('|red|')) levels.red += 1;
      else levels.yellow += 1;
      if (!a.has(k) && !b.has(k)) {
        liveUnexpected += 1;
        problems.push(`GET /api/warnings showed ${k}, which the policy does not give then`);
      } else if (!(a.has(k) && b.has(k))) boundary += 1;
    }
    for (const k of a) {
      if (b.has(k) && !seen.has(k)) {
        liveMissing += 1;
        problems.push(`GET /api/warnings left out ${k}`);
      }
    }
  }
  const counts = {
    redWarningsAfterEvents: replay.redAtEvents.size,
    redWarningsTexted: raised.size,
    smsDelivered,
    redNeverTexted: missingRed.length,
    textedWithoutCause: unjustified.length,
    yellowWarningsSeenInTheDay: replay.warningsSeen.yellow.size,
    consolePolls: polls.length,
    consoleWarningsShown: liveShown,
    consoleYellowShown: levels.yellow,
    consoleRedShown: levels.red,
    consoleUnexpected: liveUnexpected,
    consoleMissing: liveMissing,
    consoleChangingDuringThePoll: boundary,
  };
  return { id: 'warnings', name: 'warnings raised where they should have been and nowhere else', ok: missingRed.length + unjustified.length + liveUnexpected + liveMissing === 0, counts, problems: first(problems) };
}

/**
 * Every ticket a kiosk asked to print came out of its printer (or expired unprinted after the printer's job
 * lifetime); nothing printed while the paper was out. A printer takes raw bytes with no job id, so a job sent
 * just before a crash may print twice: counted, not failed.
 */
export function checkPrinting(
  ledger: Ledger,
  printedTicketIds: ReadonlyMap<string, number>,
  jobStatuses: Record<string, number>,
  printedWhilePaperOut: number,
): CheckResult {
  const problems: string[] = [];
  let never = 0;
  let twice = 0;
  for (const p of ledger.prints) {
    const n = printedTicketIds.get(p.ticketId) ?? 0;
    if (n === 0) never += 1;
    if (n > 1) twice += 1;
  }
  const expired = jobStatuses.expired ?? 0;
  if (never > expired) problems.push(`${never - expired} accepted print jobs neither printed nor expired`);
  const counts = {
    printJobsAccepted: ledger.prints.length,
    printRequestsRefused: ledger.printsRefused.length,
    printed: [...printedTicketIds.values()].filter((n) => n > 0).length,
    neverPrinted: never,
    expiredUnprinted: expired,
    printedTwice: twice,
    printedWhilePaperOut,
    ...Object.fromEntries(Object.entries(jobStatuses).map(([k, v]) => [`jobs_${k}`, v])),
  };
  return { id: 'printing', name: 'every accepted ticket printed; nothing printed without paper', ok: never - expired <= 0 && printedWhilePaperOut === 0, counts, problems };
}

/** The hall came back from every fault: each recovery the fault runner waited for happened within its limit. */
export function checkRecoveries(faults: ReadonlyArray<{ kind: string; recovery: Record<string, number | null> }>): CheckResult {
  const measured = faults.flatMap((f) => Object.entries(f.recovery).map(([what, ms]) => ({ kind: f.kind, what, ms })));
  const never = measured.filter((m) => m.ms === null || m.ms < 0);
  return {
    id: 'recoveries',
    name: 'the hall came back from every fault',
    ok: never.length === 0 && faults.every((f) => Object.keys(f.recovery).length > 0),
    counts: { faults: faults.length, recoveriesMeasured: measured.length, recoveriesThatNeverCame: never.length },
    problems: never.map((m) => `${m.kind}: ${m.what} never happened within its limit`),
  };
}

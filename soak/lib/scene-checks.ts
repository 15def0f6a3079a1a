import type { ReportRow } from '@hall/shared';
import type { CheckResult } from './checks.js';
import type { DisplayClient, ShownPerson } from './displays.js';
import type { SceneLedger } from './ledger.js';
import type { SceneFacts } from './oracle/scene-watch.js';
import type { PriorityFinding, Replay } from './replay.js';
import type { RedLineScene, ScenePlan, TakeoverScene } from './scenes.js';

const first = (xs: string[], n = 10) => xs.slice(0, n);

/**
 * The morning rush: every window at work called the moment the hall opened; each call the keypad was answered
 * with is the one in the log (none lost), no visitor was called to two windows, and each was the policy's pick.
 */
export function checkRush(ledger: SceneLedger['rush'], facts: SceneFacts, violations: readonly PriorityFinding[]): CheckResult {
  const problems: string[] = [];
  const logged = new Map(facts.rushCalls.map((c) => [c.windowNo, c]));
  const ok = ledger.presses.filter((p) => p.outcome === 'ok');
  const lost = ok.filter((p) => logged.get(p.windowNo)?.number !== p.ticket);
  for (const p of lost) problems.push(`window ${p.windowNo} was told ${p.ticket}; the log's first call there after the bell is ${logged.get(p.windowNo)?.number ?? 'none'}`);
  const notOk = ledger.presses.filter((p) => p.outcome !== 'ok');
  for (const p of notOk) problems.push(`window ${p.windowNo}: its first call at the bell was ${p.outcome}`);
  const byTicket = new Map<string, number>();
  for (const c of facts.rushCalls) byTicket.set(c.ticketId, (byTicket.get(c.ticketId) ?? 0) + 1);
  const twice = [...byTicket.values()].filter((n) => n > 1).length;
  if (twice > 0) problems.push(`${twice} visitor(s) called to two windows at the bell`);
  const rushSeqs = new Set(facts.rushCalls.filter((c) => ledger.presses.some((p) => p.windowNo === c.windowNo)).map((c) => c.seq));
  const wrong = violations.filter((v) => rushSeqs.has(v.seq));
  for (const v of wrong) problems.push(`seq ${v.seq}: window ${v.windowNo} called ${v.called} at the bell, the policy picks ${v.expected ?? 'nobody'}`);
  const inRush = facts.rushCalls.filter((c) => rushSeqs.has(c.seq));
  const ats = inRush.map((c) => c.at);
  const counts = {
    windowsAtWork: ledger.presses.length,
    calledAtTheBell: ok.length,
    refusedOrUnanswered: notOk.length,
    callsInLog: inRush.length,
    lost: lost.length,
    calledToTwoWindows: twice,
    outOfPolicyOrder: wrong.length,
    greenChannelCalls: inRush.filter((c) => c.green).length,
    hallSecondsFirstToLast: ats.length > 0 ? Math.round((Math.max(...ats) - Math.min(...ats)) / 1000) : 0,
  };
  const passed = ledger.bellAt !== null && ledger.presses.length > 0 && notOk.length + lost.length + twice + wrong.length === 0 && inRush.length === ok.length;
  if (ledger.bellAt === null) problems.push('the opening bell never rang (the crowd at the door was not all ticketed)');
  return { id: 'rush', name: 'the morning rush: every window called at opening, in policy order, none lost', ok: passed, counts, problems: first(problems) };
}

/**
 * 弹性窗口 on a red line: the manager's moves are in the log, each made while the line was red; the moved
 * windows called the line's visitors only after their move, and did call them; no window called a line it did
 * not serve at that moment; the red cleared within the scene's bound of the first move.
 */
export function checkLineMoves(scene: RedLineScene, ledger: SceneLedger['lineMoves'], facts: SceneFacts): CheckResult {
  const problems: string[] = [];
  const applied = ledger.moves.filter((m) => m.status === 200);
  for (const m of ledger.moves.filter((x) => x.status !== 200)) problems.push(`moving window ${m.windowNo} onto ${m.lineId}: HTTP ${m.status}`);
  const moves = facts.line.movesInLog;
  // The manager decides when the hub proposes; the tap may land later (a retry through a hub fault, the line
  // already clearing), so a move is judged at the proposal's time: the line red then by the policy, give or take
  // the hub's warning check period, which is when the hub itself can have seen it turn red or clear.
  const slack = 60_000;
  const proposedAt = new Map(applied.map((m) => [m.windowNo, m.proposedAt]));
  const redAt = (t: number) => facts.line.redSpans.some((s) => t >= s.from - slack && (s.to === null || t <= s.to + slack));
  const notRed = moves.filter((m) => !m.redBefore && !redAt(proposedAt.get(m.windowNo) ?? m.at));
  for (const m of notRed) problems.push(`window ${m.windowNo} moved onto ${scene.lineId} (seq ${m.seq}), proposed while the line was not red`);
  const m0 = moves[0];
  const firstMove = m0?.at ?? null;
  const clearedMinutes = firstMove !== null && facts.line.clearedAt !== null ? (facts.line.clearedAt - firstMove) / 60_000 : null;
  if (moves.length === 0) problems.push(`no window was moved onto ${scene.lineId} (proposals seen ${ledger.proposalsSeen})`);
  else if (clearedMinutes === null) problems.push(`${scene.lineId} was still red at the end of the day`);
  else if (clearedMinutes > scene.clearWithinMinutes) problems.push(`${scene.lineId}'s red cleared ${clearedMinutes.toFixed(1)} hall minutes after the first move (bound ${scene.clearWithinMinutes})`);
  const before = facts.line.callsAtMovedWindowsBeforeMove;
  const after = facts.line.callsAtMovedWindowsAfterMove;
  if (before > 0) problems.push(`${before} call(s) of ${scene.lineId} at a window before it was moved onto the line`);
  if (moves.length > 0 && after === 0) problems.push(`the moved windows never called a visitor of ${scene.lineId}`);
  for (const c of facts.callsOutsideServedLines.slice(0, 5)) problems.push(`seq ${c.seq}: window ${c.windowNo} called ${c.number} of ${c.lineId}, a line it did not serve then`);
  const counts = {
    proposalsSeen: ledger.proposalsSeen,
    movesApplied: applied.length,
    movesInLog: moves.length,
    movedWhileNotRed: notRed.length,
    hallMinutesRedBeforeTheFirstMove: m0 && m0.redSinceAt !== null ? Math.round((m0.at - m0.redSinceAt) / 6_000) / 10 : -1,
    hallMinutesToClearAfterTheFirstMove: clearedMinutes === null ? -1 : Math.round(clearedMinutes * 10) / 10,
    clearBoundMinutes: scene.clearWithinMinutes,
    callsOfTheLineAtMovedWindowsBeforeTheirMove: before,
    callsOfTheLineAtMovedWindowsAfterTheirMove: after,
    callsOfALineTheWindowDidNotServe: facts.callsOutsideServedLines.length,
  };
  const ok =
    moves.length > 0 &&
    moves.length === applied.length &&
    applied.length === ledger.moves.length &&
    notRed.length === 0 &&
    clearedMinutes !== null &&
    clearedMinutes <= scene.clearWithinMinutes &&
    before === 0 &&
    after > 0 &&
    facts.callsOutsideServedLines.length === 0;
  return { id: 'line-moves', name: `windows moved onto a red line (${scene.lineId}): served it only after the move, and the red cleared`, ok, counts, problems: first(problems) };
}

export interface TakeoverEvidence {
  scene: TakeoverScene;
  ledger: SceneLedger['takeover'];
  facts: SceneFacts;
  /** the window screen of the scene's window, if the soak watched it */
  screen: { firstSeq: number; shows: readonly ShownPerson[] } | null;
  staffNames: ReadonlyMap<string, string>;
  /** the hub's evaluations table: who each rating was credited to */
  evaluations: ReadonlyArray<{ ticketId: string; staffNo: string | null }>;
  /** the day's report (GET /api/reports/daily), its rows per staff member */
  reportStaff: readonly ReportRow[] | null;
  /** tickets served (办结) at the end of the day, by the oracle */
  served: ReadonlySet<string>;
}

/** What the window screen showed during each person's duty, against who the log says was on duty. */
function screenAgainstDuty(ev: TakeoverEvidence, problems: string[]) {
  const { scene, screen } = ev;
  const changes = (ev.facts.duty.get(scene.windowNo) ?? []).filter((c) => screen && c.seq > screen.firstSeq);
  let right = 0;
  let wrong = 0;
  let showedB = 0;
  let showedAAfter = 0;
  let afterTakeover = false;
  changes.forEach((c, i) => {
    const end = changes[i + 1]?.seq ?? Infinity;
    // What the screen showed last before the next change: the person the log has on duty.
    const shown = [...(screen?.shows ?? [])].reverse().find((s) => s.seq < end);
    const want = c.staffNo === null ? null : { name: ev.staffNames.get(c.staffNo) ?? null, no: c.staffNo };
    const good = shown !== undefined && (want === null ? shown.staffNo === null : shown.name === want.name && shown.no === want.no);
    if (good) right += 1;
    else {
      wrong += 1;
      problems.push(`window ${scene.windowNo}'s screen showed ${shown?.name ?? 'nobody'} (${shown?.no ?? '-'}) while the log has ${c.staffNo ?? 'nobody'} on duty (from seq ${c.seq})`);
    }
    if (c.staffNo === scene.bPost.no && c.coveringFor === scene.aPost.no) {
      afterTakeover = true;
      if (good) showedB += 1;
    } else if (afterTakeover && c.staffNo === scene.aPost.no && good) showedAAfter += 1;
  });
  return { right, wrong, showedB, showedAAfter };
}

/**
 * AB岗: the B post took the window over and handed it back (in the log); the window screen showed B's name and
 * 工号 while B was on duty and A's after; every rating is credited to whoever was on duty when its service
 * finished; the day's report has each staff member's served and rated counts as the log gives them.
 */
export function checkTakeover(ev: TakeoverEvidence): CheckResult {
  const { scene, facts } = ev;
  const problems: string[] = [...ev.ledger.refusals];
  const changes = facts.duty.get(scene.windowNo) ?? [];
  const takeIdx = changes.findIndex((c) => c.staffNo === scene.bPost.no && c.coveringFor === scene.aPost.no);
  const handIdx = takeIdx < 0 ? -1 : changes.findIndex((c, i) => i > takeIdx && c.staffNo === scene.aPost.no && c.coveringFor === null);
  if (takeIdx < 0) problems.push(`no take-over of window ${scene.windowNo} by ${scene.bPost.no} in the log`);
  if (handIdx < 0) problems.push(`no hand-back of window ${scene.windowNo} to ${scene.aPost.no} in the log`);
  if (!ev.screen) problems.push(`window ${scene.windowNo}'s screen was not watched`);
  const screen = screenAgainstDuty(ev, problems);

  let creditedElsewhere = 0;
  let ratingsOfB = 0;
  for (const e of ev.evaluations) {
    const by = facts.finishedBy.get(e.ticketId);
    if (!by) continue;
    if (by.staffNo !== e.staffNo) {
      creditedElsewhere += 1;
      problems.push(`rating of ticket ${e.ticketId.slice(0, 8)}… credited to ${e.staffNo ?? 'nobody'}; ${by.staffNo ?? 'nobody'} was on duty at window ${by.windowNo} when it finished`);
    } else if (by.windowNo === scene.windowNo && by.staffNo === scene.bPost.no) ratingsOfB += 1;
  }

  // The report's staff rows against the log: services finished (办结) and rated, per person on duty.
  const want = new Map<string, { served: number; rated: number }>();
  for (const id of ev.served) {
    const by = facts.finishedBy.get(id);
    if (!by?.staffNo) continue;
    const w = want.get(by.staffNo) ?? { served: 0, rated: 0 };
    w.served += 1;
    if (facts.ratings.has(id)) w.rated += 1;
    want.set(by.staffNo, w);
  }
  let rowsWrong = 0;
  const rows = new Map((ev.reportStaff ?? []).map((r) => [r.key, r]));
  if (!ev.reportStaff) problems.push('the daily report could not be read');
  for (const [staffNo, w] of want) {
    const r = rows.get(staffNo)?.figures;
    const rated = r ? r.ratings['very-satisfied'] + r.ratings.satisfied + r.ratings.basic + r.ratings.dissatisfied + r.ratings['very-dissatisfied'] : -1;
    if (!r || r.served !== w.served || rated !== w.rated) {
      rowsWrong += 1;
      problems.push(`report row ${staffNo}: served ${r?.served ?? 'no row'}, rated ${r ? rated : '-'}; the log gives ${w.served} and ${w.rated}`);
    }
  }
  for (const r of rows.values()) {
    if (r.figures.served > 0 && !want.has(r.key)) {
      rowsWrong += 1;
      problems.push(`report row ${r.key}: served ${r.figures.served}; the log gives nobody served by ${r.key}`);
    }
  }
  const bWant = want.get(scene.bPost.no)?.served ?? 0;
  const counts = {
    takeOvers: takeIdx < 0 ? 0 : 1,
    handBacks: handIdx < 0 ? 0 : 1,
    servicesByTheBPost: bWant,
    screenDutyChangesShownRight: screen.right,
    screenDutyChangesShownWrong: screen.wrong,
    screenShowedTheBPost: screen.showedB,
    screenShowedTheAPostAfterHandBack: screen.showedAAfter,
    ratingsChecked: ev.evaluations.length,
    ratingsCreditedToTheBPost: ratingsOfB,
    ratingsCreditedToSomeoneElse: creditedElsewhere,
    reportStaffRowsChecked: want.size,
    reportStaffRowsWrong: rowsWrong,
    reportServedByTheBPost: rows.get(scene.bPost.no)?.figures.served ?? -1,
    reportServedByTheAPost: rows.get(scene.aPost.no)?.figures.served ?? -1,
  };
  const ok =
    takeIdx >= 0 &&
    handIdx >= 0 &&
    ev.ledger.refusals.length === 0 &&
    bWant > 0 &&
    ev.screen !== null &&
    screen.wrong === 0 &&
    screen.showedB > 0 &&
    screen.showedAAfter > 0 &&
    creditedElsewhere === 0 &&
    ev.reportStaff !== null &&
    rowsWrong === 0 &&
    rows.has(scene.bPost.no) &&
    rows.has(scene.aPost.no);
  return { id: 'takeover', name: `AB岗 at window ${scene.windowNo}: the person on duty on the screen, in the ratings and in the report`, ok, counts, problems: first(problems) };
}

/** The checks of the day's scenes (those the plan staged). */
export function checkScenes(input: {
  plan: ScenePlan;
  ledger: SceneLedger;
  facts: SceneFacts;
  replay: Replay;
  displays: readonly DisplayClient[];
  staff: ReadonlyArray<{ no: string; name: string }>;
  evaluations: ReadonlyArray<{ ticketId: string; staffNo: string | null }>;
  reportStaff: readonly ReportRow[] | null;
}): CheckResult[] {
  const { plan, ledger, facts } = input;
  const out = [checkRush(ledger.rush, facts, input.replay.priorityViolations)];
  if (plan.redLine) out.push(checkLineMoves(plan.redLine, ledger.lineMoves, facts));
  const t = plan.takeover;
  if (t) {
    const screen = input.displays.find((d) => d.surface === 'window-screen' && d.area.windowNo === t.windowNo);
    out.push(
      checkTakeover({
        scene: t,
        ledger: ledger.takeover,
        facts,
        screen: screen ? { firstSeq: screen.firstSeq, shows: screen.shows } : null,
        staffNames: new Map(input.staff.map((s) => [s.no, s.name])),
        evaluations: input.evaluations,
        reportStaff: input.reportStaff,
        served: new Set([...input.replay.final.tickets.values()].filter((x) => x.status === 'done').map((x) => x.id)),
      }),
    );
  }
  return out;
}

// Why each mutant the tests let live survives (issue #21: "surviving mutants either killed by a new test or
// explained in the report"). `npm run mutation` prints the reason beside each survivor it matches, and marks
// the others "not reasoned yet" — a new survivor shows up as unexplained rather than hiding in a count.
// A reason covers a file (or a folder: any path containing it), a line range and optionally some mutators and
// start columns.
export const SURVIVOR_REASONS = [
  // catalog (hall-hub/src/domain/catalog), measured in three groups: catalog-rows, catalog-guide, catalog-index
  {
    file: 'hall-hub/src/domain/catalog/exchange-rows.ts',
    lines: [43, 43],
    reason: 'killed since by catalog-rows.test.ts (a held row has exactly its table’s columns; checked by applying the mutant by hand), not in the measured run',
  },
  {
    file: 'hall-hub/src/domain/catalog/exchange-rows.ts',
    lines: [80, 80],
    reason: 'equivalent: Number.isFinite is true for finite numbers only (it does not convert), so `typeof v === "number" &&` adds nothing',
  },
  {
    file: 'hall-hub/src/domain/catalog/exchange-rows.ts',
    lines: [87, 87],
    reason: 'equivalent: Number() ignores the blanks around a numeral, so Number(v) and Number(v.trim()) agree on every text the pattern lets through',
  },
  {
    file: 'hall-hub/src/domain/catalog/guide.ts',
    lines: [48, 48],
    reason: 'killed since by catalog-guides.test.ts (a guide without alias, handle_type or server_type lists none; checked by hand), not in the measured run',
  },
  {
    file: 'hall-hub/src/domain/catalog/guide.ts',
    lines: [56, 56],
    reason: 'equivalent: only `rongque` is read from the extension, and a JSON number, text or boolean has no such property, so treating it as a record gives the same `{}`-like answer',
  },
  {
    file: 'hall-hub/src/domain/catalog/guide.ts',
    lines: [69, 69],
    reason: 'killed since by catalog-guides.test.ts (a material named with blanks only has the name ""; checked by hand), not in the measured run',
  },
  {
    file: 'hall-hub/src/domain/catalog/guide.ts',
    lines: [132, 132],
    reason: 'killed since by catalog-guides.test.ts (a fee named with blanks only has the name ""; checked by hand), not in the measured run',
  },
  {
    file: 'hall-hub/src/domain/catalog/catalog-index.ts',
    lines: [97, 97],
    mutators: ['StringLiteral'],
    reason:
      'equivalent: a business type with no dept_code has no lead department either way — the default `""` fails the `dept &&` guard, any other default is a department no window of the hall names',
  },
  {
    file: 'hall-hub/src/domain/catalog/catalog-index.ts',
    lines: [141, 142],
    mutators: ['StringLiteral'],
    reason:
      'equivalent: a missing task_code or dept_code routes by nothing — `""` and any other stand-in text are codes no line of the hall lists',
  },
  {
    file: 'hall-hub/src/domain/catalog/catalog-index.ts',
    lines: [141, 145],
    mutators: ['LogicalOperator', 'ArrowFunction'],
    reason:
      'killed since by catalog-index.test.ts (a handled item T6:01 takes the line of its code before a line of its department listed earlier; checked by applying both mutants by hand), not in the measured run',
  },
  {
    file: 'firmware-bridge/src/protocol/framer.ts',
    lines: [61, 62],
    mutators: ['MethodExpression', 'EqualityOperator', 'ConditionalExpression'],
    reason:
      'equivalent: overtaken() is only called when the pending frame is incomplete (buf.length < at + total), so end = buf.length either way, and indexOf never returns an index at or past buf.length',
  },
  {
    file: 'firmware-bridge/src/protocol/framer.ts',
    lines: [48, 48],
    reason:
      '`<=`: equivalent (a start byte with exactly 5 bytes left cannot hold a frame of 8, the later check refuses it too); the guard dropped (`false`): validAt read past the end of a short remainder and threw — killed since by framer-edges.test.ts (a start byte near the end inside a false start’s span), checked by hand',
  },
  {
    file: 'firmware-bridge/src/protocol/framer.ts',
    lines: [51, 51],
    mutators: ['EqualityOperator', 'ConditionalExpression'],
    reason:
      'equivalent for `length > maxPayload` in validAt: a frame that overtakes a false start is complete inside the false start’s span, so it is shorter than a length the framer already accepted (≤ maxPayload)',
  },
  {
    file: 'firmware-bridge/src/protocol/framer.ts',
    lines: [112, 112],
    reason: 'equivalent: when nothing is left, an empty buffer and an empty copy of the tail are the same',
  },
  {
    file: 'firmware-bridge/src/protocol/framer.ts',
    lines: [118, 121],
    reason:
      'equivalent: an empty read scans an unchanged buffer (same frames, same counters); a view of the chunk and a concatenated copy hold the same bytes (scan copies what it keeps)',
  },
  {
    file: 'firmware-bridge/src/protocol/framer.ts',
    lines: [51, 52],
    reason:
      'gap in the measured run: a false start overtaken by an inner frame that is cut short, badly ended or has a bad CRC; framer-edges.test.ts (written while the run went on, not in it) pins the cut-short and bad-end cases; a bad-CRC inner frame is still to pin',
  },
  {
    file: 'firmware-bridge/src/protocol/framer.ts',
    lines: [78, 80],
    mutators: ['EqualityOperator'],
    reason:
      'line 78: equivalent (a 5-byte header with nothing after it waits either way); line 80 (`>=` at exactly the limit): killed by framer-edges.test.ts, not in the measured run',
  },
  {
    file: 'firmware-bridge/src/protocol/framer.ts',
    lines: [125, 125],
    reason: 'killed by framer-edges.test.ts (a quiet line with nothing pending counts nothing), not in the measured run',
  },
  {
    file: 'firmware-bridge/src/drivers/',
    lines: [1, 200],
    mutators: ['StringLiteral'],
    reason:
      'the field name inside a refusal’s text (`<field>: payload ends early`): every such payload cut short is asserted refused (codec-limits, “cut short or with a byte added”); the label is diagnostic text for the log, not behaviour',
  },
  {
    file: 'firmware-bridge/src/drivers/led-strip/codec.ts',
    lines: [84, 84],
    reason: 'killed since by codec-limits.test.ts (a bitmap of exactly one chunk gives one frame; checked by applying the mutant by hand)',
  },
  {
    file: 'firmware-bridge/src/drivers/led-strip/codec.ts',
    lines: [107, 110],
    mutators: ['ConditionalExpression', 'BooleanLiteral'],
    reason: 'killed since by codec-limits.test.ts (a call without the recall flag decodes recall false; a bitmap to area 0xFF is refused)',
  },
  {
    file: 'firmware-bridge/src/protocol/crc16.ts',
    lines: [8, 8],
    reason: 'equivalent: `n <= 256` writes a 257th entry into a 256-entry Uint16Array, which JavaScript silently ignores',
  },
  {
    file: 'firmware-bridge/src/protocol/fields.ts',
    lines: [89, 89],
    reason: 'equivalent: charCodeAt past the end is NaN, which is neither below 0x20 nor 0x7F',
  },
  {
    file: 'firmware-bridge/src/protocol/fields.ts',
    lines: [116, 116],
    reason: 'killed since by codec-limits.test.ts (256 characters are refused with the text message, not the byte writer’s)',
  },
  {
    file: 'firmware-bridge/src/protocol/fields.ts',
    lines: [136, 136],
    reason: 'unkillable: iconv-lite always has GBK; the guard is for a broken install',
  },
  {
    file: 'hall-hub/src/domain/queue/views.ts',
    lines: [87, 87],
    reason:
      'equivalent: with nobody waiting the estimate is 0, below any red threshold (minimum 1); a null estimate is never >= a number',
  },
  {
    file: 'hall-hub/src/domain/queue/views.ts',
    lines: [21, 58],
    mutators: ['OptionalChaining'],
    reason:
      "equivalent in the product: ticketView, windowView and the staff name look up ids the rules accepted (a ticket's line, a serving window, the staff member who opened the window, a suspended ticket of today)",
  },
  {
    file: 'hall-hub/src/domain/queue/mobile-view.ts',
    lines: [18, 18],
    mutators: ['OptionalChaining'],
    reason:
      "equivalent in the product: a ticket's line is always one the rules name",
  },
  {
    file: 'hall-hub/src/domain/queue/wire.ts',
    lines: [14, 14],
    reason:
      'equivalent: for an event with no ticket, `e.ticketId` is undefined instead of null; both are falsy where it is used',
  },
  {
    file: 'hall-hub/src/domain/queue/wire.ts',
    lines: [20, 20],
    reason:
      'equivalent: reached only by events without a windowNo; those other than a transfer have no fromWindowNo, undefined instead of null',
  },
  {
    file: 'hall-hub/src/domain/queue/wire.ts',
    lines: [41, 41],
    reason:
      'equivalent in the product: events only name windows the rules know, and `rules.windows.has(null)` is false',
  },
  {
    file: 'hall-hub/src/domain/queue/wire.ts',
    lines: [44, 45],
    reason:
      "equivalent: the lines are computed from the state after the event, where a transferred ticket's line already is the line it went to (added by line 43); servedLines of no window is empty",
  },
  // queue: decide (decide.ts, decide-issue.ts), measured 2026-12-07 with the engine's tests reaching the mutants
  {
    file: 'hall-hub/src/domain/queue/decide.ts',
    lines: [19, 23],
    mutators: ['ConditionalExpression'],
    reason:
      'equivalent: without a request id `state.requests.has(undefined)` is false (its keys are request ids); without a deadline `now > undefined` is false',
  },
  {
    file: 'hall-hub/src/domain/queue/decide.ts',
    lines: [129, 133],
    mutators: ['ConditionalExpression', 'StringLiteral'],
    reason:
      'equivalent: a closed window has nobody on duty and covers for nobody (WindowClosed clears staffNo and coveringFor; a window never opened has neither), so `w.staffNo === cmd.staffNo`, `w.coveringFor === cmd.staffNo` and `other.staffNo === cmd.staffNo` are already false for it',
  },
  {
    file: 'hall-hub/src/domain/queue/decide.ts',
    lines: [140, 140],
    mutators: ['OptionalChaining'],
    reason: 'equivalent in the product: an open window always has a staff member on duty, one the rules name (WindowOpened names one), so `onDuty` is never undefined here',
  },
  {
    file: 'hall-hub/src/domain/queue/decide.ts',
    lines: [160, 160],
    mutators: ['ConditionalExpression', 'StringLiteral'],
    reason: 'equivalent: a closed window covers for nobody (WindowClosed clears coveringFor), so `a === null` refuses it either way',
  },
  {
    file: 'hall-hub/src/domain/queue/decide.ts',
    lines: [162, 162],
    mutators: ['ConditionalExpression', 'StringLiteral'],
    reason:
      'equivalent: the window handed back is staffed by the B post, never by the A post it covers (`other.no !== w.no` adds nothing); a closed window has no staff (`other.status !== "closed"` adds nothing). The refusal itself is pinned by queue-decide-corners.test.ts',
  },
  {
    file: 'hall-hub/src/domain/queue/decide.ts',
    lines: [211, 212],
    mutators: ['OptionalChaining'],
    reason: 'equivalent: `target` is set in this branch, and the window is one the rules name (withWindow checked it)',
  },
  {
    file: 'hall-hub/src/domain/queue/decide.ts',
    lines: [267, 267],
    columns: [33],
    reason: 'equivalent: a missed ticket always has its missedAt (TicketMissed sets both; a reinstatement clears both); the other half of the check is pinned (a missed ticket cancelled since)',
  },
  {
    file: 'hall-hub/src/domain/queue/decide.ts',
    lines: [291, 291],
    reason: 'equivalent in the product: a waiting ticket’s line always has its queue (made when the ticket was issued or transferred there)',
  },
  {
    file: 'hall-hub/src/domain/queue/decide.ts',
    lines: [309, 309],
    mutators: ['OptionalChaining'],
    reason: 'unreachable: every window serves at least one line (the configuration schema’s minItems 1; AssignWindowLines refuses an empty list)',
  },
  {
    file: 'hall-hub/src/domain/queue/decide.ts',
    lines: [312, 317],
    mutators: ['ConditionalExpression', 'StringLiteral'],
    reason:
      'unreachable: with a window named, toLineId is set from its lines (every window serves one at least); without one, the hub’s choice gives the ticket’s own line — `toLineId` is never undefined at 312/317',
  },
  {
    file: 'hall-hub/src/domain/queue/decide.ts',
    lines: [324, 324],
    mutators: ['OptionalChaining'],
    reason: 'equivalent: every id in a line’s lists is a ticket of the state',
  },
  {
    file: 'hall-hub/src/domain/queue/decide.ts',
    lines: [341, 342],
    mutators: ['OptionalChaining', 'ArrayDeclaration'],
    reason: 'equivalent in the product: the ticket in hand’s line has its queue (made when it was issued there), and every id in its lists is a ticket of the state',
  },
  {
    file: 'hall-hub/src/domain/queue/decide.ts',
    lines: [343, 343],
    mutators: ['ConditionalExpression'],
    reason: 'equivalent: tickets reserved for no window are counted under the key null, which no window number matches',
  },
  {
    file: 'hall-hub/src/domain/queue/decide.ts',
    lines: [378, 378],
    columns: [63],
    reason: 'equivalent: a done ticket always has its finishedAt (ServiceFinished sets both)',
  },
  {
    file: 'hall-hub/src/domain/queue/decide.ts',
    lines: [378, 378],
    columns: [100],
    reason:
      'not pinned, by choice: `>=` gives an unnamed rating to the later of two services finished at one window in the same millisecond rather than the earlier; which of two such services the visitor meant is not specified',
  },
  {
    file: 'hall-hub/src/domain/queue/decide-issue.ts',
    lines: [84, 84],
    reason:
      'equivalent: past the end of the list `q.normal[index]` is undefined and `state.tickets.get(undefined)` too, so the loop stops at the same index; every id in the list is a ticket of the state',
  },
  {
    file: 'hall-hub/src/domain/queue/decide-issue.ts',
    lines: [124, 124],
    reason: 'unreachable in the product: an appointment names a line the rules had when it was booked, and the rules do not change within a run',
  },
  // queue: evolve (evolve.ts, state.ts, snapshot.ts, line-moves.ts)
  {
    file: 'hall-hub/src/domain/queue/evolve.ts',
    lines: [103, 103],
    reason: 'equivalent: a ticket postponed is waiting, so it is in its list (`at >= 0` always holds)',
  },
  {
    file: 'hall-hub/src/domain/queue/evolve.ts',
    lines: [114, 114],
    reason: 'equivalent: `leadDept` is then null instead of absent; it is only read for falsiness (`!t.leadDept`)',
  },
  {
    file: 'hall-hub/src/domain/queue/evolve.ts',
    lines: [169, 169],
    reason: 'equivalent in the product: a ticket’s line always has its queue (made when the ticket was issued or transferred there)',
  },
  {
    file: 'hall-hub/src/domain/queue/evolve.ts',
    lines: [179, 179],
    columns: [67],
    reason: 'equivalent in the product: a window’s first change always changes its status (closed → idle when it opens), so `since` is set by `statusChanged` anyway',
  },
  {
    file: 'hall-hub/src/domain/queue/evolve.ts',
    lines: [186, 186],
    columns: [68, 81],
    reason:
      'equivalent in the product: releaseWindow runs when the ticket in hand goes (finished, missed, transferred, set aside), and a window with a ticket in hand cannot be paused (PauseWindow refuses window_busy), so `w.status` is never "paused" here',
  },
  {
    file: 'hall-hub/src/domain/queue/evolve.ts',
    lines: [186, 186],
    columns: [92],
    reason:
      'a Stryker coverage miss, not a gap: `"idle"` → `""` fails queue-evolve-corners ("calling, then serving…") and queue-evolve-edges when applied by hand (checked); Stryker records no test reaching the ternary’s second branch. Counted against the score as measured',
  },
  {
    file: 'hall-hub/src/domain/queue/evolve.ts',
    lines: [200, 200],
    reason: 'unreachable: decide() refuses every command before the day is started, so a ticket is never issued with `state.day` null',
  },
  {
    file: 'hall-hub/src/domain/queue/evolve.ts',
    lines: [219, 221],
    mutators: ['ConditionalExpression'],
    reason: 'equivalent: without an appointment code `appointments.get(null)` is undefined; a checked-in appointment is always in the state (checkIn found it)',
  },
  {
    file: 'hall-hub/src/domain/queue/state.ts',
    lines: [127, 127],
    reason:
      'equivalent: a new line’s run of calls counts nothing either way — `{}` or kind "" with no count gives the same choice in kindToCall and peopleAhead as `normal, 0`, and the first call starts a run of 1 in both',
  },
  {
    file: 'hall-hub/src/domain/queue/line-moves.ts',
    lines: [14, 14],
    columns: [14],
    mutators: ['ConditionalExpression'],
    reason: 'equivalent: every id in a line’s lists is a ticket of the state (`t !== undefined` always holds)',
  },
  {
    file: 'hall-hub/src/domain/queue/line-moves.ts',
    lines: [23, 54],
    mutators: ['OptionalChaining', 'ArrayDeclaration'],
    reason:
      'equivalent in the product: the lines, windows and staff looked up are ones the rules name (a red line has tickets, an idle window has its staff member on duty)',
  },
  {
    file: 'hall-hub/src/domain/queue/line-moves.ts',
    lines: [26, 26],
    mutators: ['ConditionalExpression'],
    columns: [8, 68],
    reason:
      'equivalent: the `!== undefined` halves — `depts.includes(undefined)` is false (department codes are texts); the staff-department half itself is pinned (queue-line-moves-edges: 张伟 of 税务 at a 市场监管 window)',
  },
  {
    file: 'hall-hub/src/domain/queue/line-moves.ts',
    lines: [39, 39],
    columns: [43],
    reason: 'equivalent: an idle window has no ticket in hand (a call makes it "calling"; every release clears the ticket)',
  },
  {
    file: 'hall-hub/src/domain/queue/waiting-since.ts',
    lines: [21, 21],
    columns: [10],
    reason: 'equivalent: every entry names a ticket of the state (pushed when it started waiting; a new day empties both)',
  },
  {
    file: 'hall-hub/src/domain/queue/waiting-since.ts',
    lines: [26, 26],
    reason:
      'equivalent: a heap that starts with a non-entry — it is never a waiting ticket and compares below nothing (its `.at` is not a number), so pushes sink it and settleWaiting drops it when it surfaces; every read follows a settle',
  },
  {
    file: 'hall-hub/src/domain/queue/waiting-since.ts',
    lines: [31, 53],
    mutators: ['EqualityOperator'],
    reason: 'equivalent: `<` for `<=` (and back) only orders entries issued at the same instant, which answer the same time',
  },
  {
    file: 'hall-hub/src/domain/queue/waiting-since.ts',
    lines: [71, 71],
    reason: 'equivalent: every id in a line’s lists is a ticket of the state',
  },
  // queue: selection (selection.ts, warnings.ts, warning-groups.ts, estimate.ts, window-lines.ts, rules.ts)
  {
    file: 'hall-hub/src/domain/queue/warnings.ts',
    lines: [30, 45],
    mutators: ['ConditionalExpression', 'LogicalOperator', 'BooleanLiteral', 'ArrayDeclaration'],
    reason:
      'equivalent: redWarnings’ shortcut only decides whether to make the pass over the tickets; a mutant that makes the pass more often (a condition always true, `||`, `return true`) lists the same red warnings, and one that puts a non-warning in place of the skipped pass is filtered out by `level === "red"`; a window with no ticket in hand has no ticket to look up either way, and a serving ticket always has its start time. Making the pass less often is pinned (queue-red-warnings: red at the threshold minute exactly, and the property against the full pass)',
  },
  {
    file: 'hall-hub/src/domain/queue/selection.ts',
    lines: [83, 83],
    columns: [15, 19],
    reason:
      'equivalent: the last-in-list test is a shortcut before `indexOf`; when it is false (or looks past the end) the search finds the same position',
  },
  {
    file: 'hall-hub/src/domain/queue/selection.ts',
    lines: [30, 30],
    mutators: ['OptionalChaining'],
    reason: 'equivalent in the product: the window asked about is one the rules name (every caller checked it)',
  },
  {
    file: 'hall-hub/src/domain/queue/estimate.ts',
    lines: [30, 30],
    mutators: ['OptionalChaining'],
    reason: 'equivalent in the product: estimates are asked for lines the rules name',
  },
  {
    file: 'hall-hub/src/domain/queue/selection.ts',
    lines: [84, 84],
    mutators: ['ConditionalExpression'],
    reason:
      'unreachable: peopleAhead is asked only about waiting tickets (ticketView, the turn-near notices), and a waiting ticket is in its line’s list, so `pos < 0` never holds',
  },
  {
    file: 'hall-hub/src/domain/queue/selection.ts',
    lines: [71, 94],
    mutators: ['StringLiteral'],
    reason:
      'equivalent: "normal" → "" — a kind is only ever compared with "priority" (`kind === "priority"`, `run.kind === "priority"`), and a run of "" counts on exactly as a run of "normal"; the "priority" literals are pinned',
  },
  {
    file: 'hall-hub/src/domain/queue/warning-groups.ts',
    lines: [27, 27],
    columns: [79],
    reason:
      'equivalent in the product: a warning grouped by line or by printer has no window (warningGroupKey puts every warning with a window in that window’s group; printer warnings carry windowNo null), so its windowNo is null either way',
  },
  {
    file: 'hall-hub/src/domain/queue/warning-groups.ts',
    lines: [71, 75],
    mutators: ['ConditionalExpression'],
    reason:
      'equivalent: `e.calmSince === null ? e : { ...e, calmSince: null }` (and 75’s twin) only chooses between the episode and a copy with the same fields; the fields are pinned (red again while calming: calmSince null)',
  },
  {
    file: 'hall-hub/src/domain/queue/warnings.ts',
    lines: [53, 55],
    mutators: ['ConditionalExpression'],
    reason:
      'equivalent: line 24 only skips early — a ticket neither waiting nor serving matches neither branch below; line 26 caches the line’s thresholds, recomputing them gives the same',
  },
  {
    file: 'hall-hub/src/domain/queue/warnings.ts',
    lines: [70, 70],
    reason:
      'equivalent: only waiting and serving tickets get here (line 24) and waiting ones took the first branch, so `status === "serving"` holds; a serving ticket always has its startedAt (ServiceStarted sets it, a ticket taken back gets one)',
  },
  {
    file: 'hall-hub/src/domain/queue/window-lines.ts',
    lines: [18, 18],
    reason:
      'equivalent: with no line assigned, the walk over the configured windows gives what windowsByLine holds (both list the windows in configuration order with the order each gives the line); the shortcut is for speed',
  },
  {
    file: 'hall-hub/src/domain/queue/window-lines.ts',
    lines: [40, 40],
    mutators: ['OptionalChaining'],
    reason: 'equivalent: the two lists have the same length here, so `now[i]` is always there',
  },
];

/**
 * The reason a survivor at file:line:column of this mutator survives, if one is recorded. A reason may name the
 * columns it covers (`columns`: the mutants' start columns, as Stryker reports them) where one line holds
 * mutants with different reasons.
 */
export function reasonFor(file, line, mutator, column) {
  const r = SURVIVOR_REASONS.find(
    (x) =>
      file.includes(x.file) &&
      line >= x.lines[0] &&
      line <= x.lines[1] &&
      (x.mutators === undefined || x.mutators.includes(mutator)) &&
      (x.columns === undefined || x.columns.includes(column)),
  );
  return r?.reason;
}

import { writeFileSync } from 'node:fs';
import type { CheckResult } from './checks.js';
import type { FaultRecord } from './fault-runner.js';

export interface SoakReport {
  at: string;
  commit: string;
  machine: { cpus: number; cpuModel: string; loadAverageAtStart: number; node: string };
  options: { visitors: number; speed: number; day: string; from: string; to: string; seed: number; displays: number; baseConfig: string };
  realSeconds: number;
  hall: { name: string; windows: number; lines: number; devicesOnTheBridge: number; displaysConnected: number; kiosks: number; policy: string };
  visitors: { planned: number; perHour: Record<string, number>; appointments: number; greenChannel: number; noShows: number; noShowsReturning: number; transfers: number; raters: number; ratersByQr: number };
  figures: Record<string, number>;
  /** the day's staged scenes (morning rush, a red line and the windows moved onto it, an AB岗 take-over), in words */
  scenes?: string[];
  faults: Array<FaultRecord & { atHall: string }>;
  checks: CheckResult[];
  ok: boolean;
  notes: string[];
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const words = (k: string) => k.replace(/([A-Z])/g, ' $1').replace(/_/g, ' ').toLowerCase();

/** The report as a page for people (docs/hall-day-soak.md) and as JSON beside it. */
export function writeReport(r: SoakReport, mdFile: string, jsonFile: string): void {
  writeFileSync(jsonFile, `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(mdFile, renderMarkdown(r));
}

export function renderMarkdown(r: SoakReport): string {
  const toHallMin = (ms: number | null) =>
    ms === null ? '**never (timed out)**' : `${ms < 1000 ? `${ms} ms` : `${fmt(ms / 1000)} s`} real ≈ ${fmt((ms * r.options.speed) / 60_000)} hall min`;
  const lines: string[] = [];
  lines.push(
    '# Hall-day soak',
    '',
    `${r.ok ? '**All checks passed.**' : '**Some checks FAILED** — see below.'} Run ${r.at} on commit \`${r.commit}\`, ` +
      `${r.machine.cpus} CPUs (${r.machine.cpuModel}), load average ${fmt(r.machine.loadAverageAtStart)} at the start, Node ${r.machine.node}.`,
    '',
    `${r.hall.name}: ${r.hall.windows} windows, ${r.hall.lines} lines, ${r.hall.devicesOnTheBridge} devices behind the firmware bridge, ` +
      `${r.hall.displaysConnected} display clients, ${r.hall.kiosks} kiosks; priority policy ${r.hall.policy}. ` +
      `${r.options.visitors} visitors arriving ${r.options.from}–${r.options.to} on ${r.options.day}, the hall's clock at ${r.options.speed}× ` +
      `(${fmt(r.realSeconds / 60)} minutes of real time), seed ${r.options.seed}. Regenerate with \`npm run soak\` (options: \`npm run soak -- --help\`).`,
    '',
    'Everything runs as the real processes: the built hub (`hall-hub/dist/main.js`, restarted after each kill with its clock',
    'continuing), Debian\'s mosquitto as the broker, the firmware bridge (`firmware-bridge/dist/main.js`) with the simulated',
    'keypads, evaluators and LED strips dialling its TCP link, the provincial platform simulator (`province-sim/dist/main.js`),',
    'socket.io display clients running the display page\'s own store and voice planning (`display-wall/src`), kiosks taking',
    'tickets over HTTP and printing them on ESC/POS printers on TCP. Staff work their windows through the keypads.',
    '',
    '## Checks',
    '',
    '| check | result | counts |',
    '|---|---|---|',
  );
  for (const c of r.checks) {
    const counts = Object.entries(c.counts).map(([k, v]) => `${words(k)} ${fmt(v)}`).join('; ');
    lines.push(`| ${c.name} | ${c.ok ? 'passed' : '**FAILED**'} | ${counts} |`);
  }
  const failing = r.checks.filter((c) => c.problems.length > 0);
  if (failing.length > 0) {
    lines.push('', 'Problems found (first few of each):', '');
    for (const c of failing) for (const p of c.problems) lines.push(`- ${c.id}: ${p}`);
  }
  if (r.scenes && r.scenes.length > 0) lines.push('', '## Scenes', '', ...r.scenes.map((x) => `- ${x}`));
  lines.push('', '## Faults', '', '| hall time | fault | recovery | detail |', '|---|---|---|---|');
  for (const f of r.faults) {
    const rec = Object.entries(f.recovery).map(([k, v]) => `${words(k).replace(/ ms$/, '')}: ${toHallMin(v)}`).join('<br>');
    const det = Object.entries(f.detail).map(([k, v]) => `${words(k)} ${v}`).join('; ');
    lines.push(`| ${f.atHall} | ${f.what} | ${rec || '—'} | ${det || '—'} |`);
  }
  lines.push('', '## The day in figures', '', '| figure | value |', '|---|---|');
  for (const [k, v] of Object.entries(r.figures)) lines.push(`| ${words(k)} | ${fmt(v)} |`);
  lines.push('', '### Arrivals per hour', '', `| ${Object.keys(r.visitors.perHour).join(' | ')} |`, `|${Object.keys(r.visitors.perHour).map(() => '---').join('|')}|`, `| ${Object.values(r.visitors.perHour).join(' | ')} |`);
  lines.push(
    '',
    `Visitors planned: ${r.visitors.planned}, of them ${r.visitors.appointments} with an appointment, ${r.visitors.greenChannel} in the green channel, ` +
      `${r.visitors.noShows} no-shows (${r.visitors.noShowsReturning} come back and are reinstated), ${r.visitors.transfers} transferred to another line, ` +
      `${r.visitors.raters} who rate (${r.visitors.ratersByQr} by the QR on the ticket, the rest on the window's evaluator).`,
  );
  lines.push(
    '',
    '## How the checks are made',
    '',
    '- **Tickets**: every ticket a kiosk was answered with (201, or 200 for a retried request id) is looked up in the hub\'s',
    '  event log and `tickets` table after the day: present once, with the number the kiosk printed. Tickets the hub issued that',
    '  no kiosk was told of, request ids that made two tickets and numbers used twice are counted. At the mid-write kill the',
    '  requests in flight are retried with their ids after the restart; those answered 200 had been committed before the crash.',
    '- **Calls**: the day is replayed from the event log by the soak\'s own oracle (docs/soak-oracle.md); every `TicketCalled`/`TicketRecalled`',
    '  in a screen\'s area after the screen connected must have reached it — as an event (in sequence order, also when caught',
    '  up after a reconnect) or, across a hub restart, in the snapshot\'s recent calls — and, on speaking screens, have a voice',
    '  plan (made by the page\'s own planner) holding, in order, every word the oracle reads the ticket and the window with. Calls a page caught up',
    '  more than 60 s after they were made are shown, not spoken, by design (`display-wall/src/net/live.ts`).',
    '- **Evaluations**: the hub\'s `evaluations` table against what the province simulator holds (keys, once each), and every',
    '  rating a visitor was thanked for against the table. The queue stream is compared event by event, in order.',
    '- **Priority**: every `TicketCalled` from a call-next is compared with what the documented policy (the oracle, not the hub\'s code) picks',
    '  from the replayed state just before it.',
    '- **Warnings**: red warnings texted to the manager (outbox → province SMS gateway) against the red warnings',
    '  the documented policy (the oracle) gives after each event of the log, both ways; and `GET /api/warnings`, sampled every 2 hall minutes',
    '  between two readings of the hub\'s clock, against the policy at both ends (a warning that changes inside the sample is',
    '  counted apart).',
    '- **Printing**: every print job a kiosk got accepted is found, by the ticket id in its QR code, in the bytes the',
    '  printer received; none while the printer reported paper out.',
    '- **Morning rush**: each window\'s first call after the opening bell, as its keypad was answered, is the window\'s first',
    '  `TicketCalled` after the bell in the log (none lost), no visitor went to two windows, and each was the policy\'s pick.',
    '- **弹性窗口**: the oracle follows `WindowLinesAssigned` (every pick after a move uses the window\'s new lines); each move',
    '  the manager applied is in the log, made while the line was red (a visitor waiting past red); the moved windows called',
    '  the line only after their move, and did; no window called a line it did not serve then; the red cleared within the bound.',
    '- **AB岗**: the take-over and the hand-back are in the log; the watched window screen showed, at the end of each duty',
    '  (per the log), that person\'s badge name and 工号; every rating is credited (`evaluations.staff_no`) to whoever was on',
    '  duty when its service finished, and the daily report\'s staff rows have the served and rated counts the log gives.',
  );
  if (r.notes.length > 0) lines.push('', '## Notes', '', ...r.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

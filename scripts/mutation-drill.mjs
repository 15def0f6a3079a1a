#!/usr/bin/env node
// The mutation drill (issue #21): six deliberate breakages of headline claims, each applied to a throw-away copy
// of the working tree; the tests named for that claim are run against it, and a breakage that leaves them green
// is a claim the suite does not check. The tests are also run once on the unbroken copy: a test that fails
// there proves nothing by failing on a breakage.
//
//   node scripts/mutation-drill.mjs [--only a,c] [--no-baseline] [--report reports/mutation]
//
// Writes <report>/drill.md and drill.json; exits 1 if a breakage was not caught or a baseline run failed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Each breakage: the file, the text it replaces (must occur exactly once), and the tests named for the claim. */
export const BREAKAGES = [
  {
    id: 'a',
    claim: 'an acknowledged ticket is on disk (the WAL is flushed with fdatasync before the reply)',
    breakage: 'the WAL fdatasync replaced by a no-op',
    file: 'hall-hub/src/adapters/sqlite/wal-flush.ts',
    find: 'else fdatasync(target, (err) => done(err));',
    replace: 'else queueMicrotask(() => done(null));',
    tests: ['hall-hub/test/crash/flush-syscalls.test.ts', 'hall-hub/test/crash/written-then-durable.test.ts'],
  },
  {
    id: 'b',
    claim: 'a retried request gets its ticket once: after kill -9 the queue holds exactly the acknowledged tickets',
    breakage: 'request-id de-duplication turned off',
    file: 'hall-hub/src/domain/queue/decide.ts',
    find: 'if (requestId !== undefined && state.requests.has(requestId)) {',
    replace: 'if (requestId !== undefined && state.requests.has(requestId) && requestId === "never") {',
    tests: ['hall-hub/test/crash/kill-9.test.ts'],
  },
  {
    id: 'c',
    claim: 'nothing leaves the hall before it is on disk (the hub wires its relay to the disk flush)',
    breakage: "the hub's relay↔disk hook removed from composition/province-link.ts",
    file: 'hall-hub/src/composition/province-link.ts',
    find: '      durable: () => engine.durable(),\n',
    replace: '',
    tests: ['hall-hub/test/crash/flush-syscalls.test.ts', 'hall-hub/test/uplink/relay-waits-for-disk.test.ts'],
  },
  {
    id: 'd',
    claim: "ID numbers go upstream only as configured (personalData none, masked or full) and never rest in clear",
    breakage: 'personalData ignored: the full ID always goes upstream',
    file: 'hall-hub/src/domain/uplink/streams.ts',
    find: "if (type === 'issued' && ctx.personalData !== 'none' && ticket.idMasked) {",
    replace: "if (type === 'issued' && ticket.idMasked) {\n    ctx = { ...ctx, personalData: 'full' };",
    tests: ['hall-hub/test/uplink/personal-data.test.ts', 'hall-hub/test/uplink/relay.test.ts'],
  },
  {
    id: 'e',
    claim: 'the green channel is called by the documented policy (the soak checks it with an oracle of its own)',
    breakage: 'green-channel tickets called only when no normal ticket waits (selection.ts)',
    file: 'hall-hub/src/domain/queue/selection.ts',
    find: "return kindToCall(q.run, policy) === 'priority' ? p : n;",
    replace: 'return n;',
    tests: ['test/soak/oracle.test.ts'],
  },
  {
    id: 'f',
    claim: 'the framer never yields a frame whose CRC does not hold',
    breakage: "the framer's CRC check disabled",
    file: 'firmware-bridge/src/protocol/framer.ts',
    find: 'if (crc16Modbus(buf, i + 1, crcAt) !== buf.readUInt16LE(crcAt)) {',
    replace: 'if (crc16Modbus(buf, i + 1, crcAt) !== buf.readUInt16LE(crcAt) && crcAt < 0) {',
    tests: ['firmware-bridge/test/framer-fuzz.test.ts'],
  },
];

function args() {
  const a = process.argv.slice(2);
  const opt = { only: null, baseline: true, report: join(root, 'reports', 'mutation') };
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '--only') opt.only = new Set(a[++i].split(','));
    else if (a[i] === '--no-baseline') opt.baseline = false;
    else if (a[i] === '--report') opt.report = resolve(a[++i]);
    else throw new Error(`unknown argument ${a[i]}`);
  }
  return opt;
}

/** A copy of the working tree (tracked and new files, as git sees them), sharing the installed node_modules. */
function throwAwayCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'mutation-drill-'));
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(root, f))) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(root, f), join(dir, f));
  }
  for (const pkg of ['.', 'shared', 'hall-hub', 'console', 'kiosk', 'display-wall', 'firmware-bridge']) {
    const nm = join(root, pkg, 'node_modules');
    if (existsSync(nm)) symlinkSync(nm, join(dir, pkg, 'node_modules'));
  }
  return dir;
}

function apply(dir, b) {
  const file = join(dir, b.file);
  const text = readFileSync(file, 'utf8');
  const n = text.split(b.find).length - 1;
  if (n !== 1) throw new Error(`breakage ${b.id}: the text to replace occurs ${n} times in ${b.file} (the code moved; update the drill)`);
  writeFileSync(file, text.replace(b.find, b.replace));
}

function runTests(dir, tests) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...tests], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  const failed = [...out.matchAll(/^\s*FAIL\s+(.+)$/gm)].map((m) => m[1].trim()).filter((l) => !l.startsWith('Failed Tests'));
  return { passed: r.status === 0, seconds: Math.round((Date.now() - t0) / 1000), failed: [...new Set(failed)].slice(0, 8), tail: out.split('\n').slice(-30).join('\n') };
}

function main() {
  const opt = args();
  const chosen = BREAKAGES.filter((b) => !opt.only || opt.only.has(b.id));
  const results = [];
  let baseline = null;
  if (opt.baseline) {
    const dir = throwAwayCopy();
    const tests = [...new Set(chosen.flatMap((b) => b.tests))];
    process.stdout.write(`baseline: ${tests.length} test files on the unbroken copy … `);
    baseline = runTests(dir, tests);
    console.log(baseline.passed ? `green (${baseline.seconds} s)` : `RED (${baseline.seconds} s)`);
    if (!baseline.passed) console.log(baseline.tail);
    rmSync(dir, { recursive: true, force: true });
  }
  for (const b of chosen) {
    const dir = throwAwayCopy();
    apply(dir, b);
    process.stdout.write(`${b.id}: ${b.breakage} … `);
    const r = runTests(dir, b.tests);
    const caught = !r.passed;
    console.log(caught ? `caught (${r.seconds} s)` : `NOT CAUGHT (${r.seconds} s)`);
    for (const f of r.failed) console.log(`    ${f}`);
    results.push({ id: b.id, claim: b.claim, breakage: b.breakage, file: b.file, tests: b.tests, caught, seconds: r.seconds, failing: r.failed });
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(opt.report, { recursive: true });
  const at = new Date().toISOString();
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
  writeFileSync(join(opt.report, 'drill.json'), JSON.stringify({ at, commit, baseline: baseline && { passed: baseline.passed, seconds: baseline.seconds }, results }, null, 2));
  const md = [
    `# Mutation drill — ${at} (${commit})`,
    '',
    baseline ? `Baseline (the named tests on the unbroken tree): ${baseline.passed ? 'green' : 'RED'}, ${baseline.seconds} s.` : 'Baseline not run.',
    '',
    '| | breakage | claim | tests run | result |',
    '|---|---|---|---|---|',
    ...results.map((r) => `| ${r.id} | ${r.breakage} (\`${r.file}\`) | ${r.claim} | ${r.tests.map((t) => `\`${t}\``).join('<br>')} | ${r.caught ? `caught: ${r.failing.join('; ') || 'failed'}` : '**not caught**'} |`),
    '',
  ].join('\n');
  writeFileSync(join(opt.report, 'drill.md'), md);
  console.log(`\n${results.filter((r) => r.caught).length} of ${results.length} breakages caught; report in ${join(opt.report, 'drill.md')}`);
  process.exitCode = results.every((r) => r.caught) && (!baseline || baseline.passed) ? 0 : 1;
}

main();

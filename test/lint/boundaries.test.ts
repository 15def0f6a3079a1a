import { ESLint } from 'eslint';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Each rule of eslint.config.js that keeps the layers and packages apart, shown catching the import it forbids
// (and letting through the one it allows), by linting a snippet as if it were a file at that place in the tree.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: repoRoot });

async function rulesBroken(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const layers = 'import-x/no-restricted-paths';
const restricted = 'no-restricted-imports';

describe('the hub keeps its layers', () => {
  it('app/ may not import an adapter, only a port', async () => {
    expect(await rulesBroken('hall-hub/src/app/a-use-case.ts', "import { hashPassword } from '../adapters/crypto/passwords.js';\nexport const h = hashPassword;\n")).toEqual([layers]);
    expect(await rulesBroken('hall-hub/src/app/a-use-case.ts', "import type { EventStore } from '../ports/event-store.js';\nexport type S = EventStore;\n")).toEqual([]);
  });

  it('adapters/ may not import the composition root', async () => {
    expect(await rulesBroken('hall-hub/src/adapters/http/a-route.ts', "import { composeHub } from '../../compose-hub.js';\nexport const c = composeHub;\n")).toEqual([layers]);
    expect(await rulesBroken('hall-hub/src/adapters/http/a-route.ts', "import { main } from '../../main.js';\nexport const m = main;\n")).toEqual([layers]);
  });

  it('domain/ may not import config, adapters, app or I/O', async () => {
    const at = 'hall-hub/src/domain/queue/a-rule.ts';
    expect(await rulesBroken(at, "import { loadConfig } from '../../config/load-config.js';\nexport const l = loadConfig;\n")).toEqual([layers]);
    expect(await rulesBroken(at, "import { openDatabase } from '../../adapters/sqlite/database.js';\nexport const o = openDatabase;\n")).toEqual([layers]);
    expect(await rulesBroken(at, "import { createQueueEngine } from '../../app/queue-engine.js';\nexport const q = createQueueEngine;\n")).toEqual([layers]);
    expect(await rulesBroken(at, "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toEqual([restricted]);
    expect(await rulesBroken(at, "import Database from 'better-sqlite3';\nexport const d = Database;\n")).toEqual([restricted]);
    expect(await rulesBroken(at, "import { decide } from './decide.js';\nexport const d = decide;\n")).toEqual([]);
  });
});

describe('adapters translate, the app layer decides', () => {
  const syntax = 'no-restricted-syntax';
  it('an adapter may not read engine.state or engine.rules, only the app’s queue views', async () => {
    const at = 'hall-hub/src/adapters/http/routes/a-route.ts';
    expect(await rulesBroken(at, 'declare const engine: { state: { day: string } };\nexport const d = engine.state.day;\n')).toEqual([syntax]);
    expect(await rulesBroken(at, 'declare const ctx: { engine: { rules: { staff: Set<string> } } };\nexport const s = ctx.engine.rules.staff;\n')).toEqual([syntax]);
    expect(await rulesBroken(at, "import { createQueueViews } from '../../../app/queue-views.js';\nexport const v = createQueueViews;\n")).toEqual([]);
    // The app layer itself reads the state it answers from.
    expect(await rulesBroken('hall-hub/src/app/a-view.ts', 'declare const engine: { state: { day: string } };\nexport const d = engine.state.day;\n')).toEqual([]);
  });

  it('an adapter refuses with a catalog refusal, not with text of its own', async () => {
    const at = 'hall-hub/src/adapters/http/routes/a-route.ts';
    const inline = "import { HttpError } from '../errors.js';\nexport const e = () => new HttpError(409, 'busy', '忙。', 'Busy.');\n";
    expect(await rulesBroken(at, inline)).toEqual([syntax]);
    expect(await rulesBroken(at, "import { denied } from '../errors.js';\nexport const e = () => denied('upload_busy');\n")).toEqual([]);
  });
});

describe('apps speak to the hub over the wire only', () => {
  it('kiosk, display wall, console and shared may not import the hub, by name or by path', async () => {
    expect(await rulesBroken('kiosk/src/pages/a-page.tsx', "import { pickNext } from '@hall/hub/domain/queue/selection';\nexport const p = pickNext;\n")).toEqual([layers]);
    expect(await rulesBroken('display-wall/src/a-surface.ts', "import { evolve } from '../../hall-hub/src/domain/queue/evolve.js';\nexport const e = evolve;\n")).toContain(layers);
    expect(await rulesBroken('hall-hub/console/src/pages/a-page.tsx', "import { evolve } from '../../../src/domain/queue/evolve.js';\nexport const e = evolve;\n")).toEqual([layers]);
    expect(await rulesBroken('shared/src/a-schema.ts', "import { queueRulesFrom } from '@hall/hub/domain/queue/rules';\nexport const q = queueRulesFrom;\n")).toEqual([layers]);
    expect(await rulesBroken('kiosk/src/pages/a-page.tsx', "import { NAMESPACES } from '@hall/shared';\nexport const n = NAMESPACES;\n")).toEqual([]);
  });
});

describe('packages import each other by name', () => {
  it('a relative path into another package’s src/ or test/ is refused; the package name is not', async () => {
    expect(await rulesBroken('bench/a-bench.ts', "import { loadConfig } from '../hall-hub/src/config/load-config.js';\nexport const l = loadConfig;\n")).toEqual([restricted]);
    expect(await rulesBroken('firmware-bridge/test/a.test.ts', "import { testHub } from '../../hall-hub/test/support/hub-fixture.js';\nexport const t = testHub;\n")).toEqual([restricted]);
    expect(await rulesBroken('soak/lib/a-check.ts', "import { NAMESPACES } from '../../shared/src/index.js';\nexport const n = NAMESPACES;\n")).toEqual([restricted]);
    // The domain's and shared's own import rules keep this one too.
    expect(await rulesBroken('hall-hub/src/domain/queue/a-rule.ts', "import { TicketSchema } from '../../../../shared/src/index.js';\nexport const t = TicketSchema;\n")).toEqual([restricted]);
    expect(await rulesBroken('bench/a-bench.ts', "import { loadConfig } from '@hall/hub/config/load-config';\nimport { testHub } from '@hall/testkit/hub-fixture';\nexport const l = [loadConfig, testHub];\n")).toEqual([]);
    expect(await rulesBroken('hall-hub/test/a.test.ts', "import { loadConfig } from '../src/config/load-config.js';\nexport const l = loadConfig;\n")).toEqual([]);
  });
});

describe('source files stay small', () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `  total += ${i};`).join('\n');

  it('a source file over 400 lines of code is refused (blank lines and comments do not count); a test file is not', async () => {
    const long = `export const xs = [\n${Array.from({ length: 400 }, (_, i) => `  ${i},`).join('\n')}\n];\n`;
    expect(await rulesBroken('hall-hub/src/adapters/a-long-file.ts', long)).toEqual(['max-lines']);
    expect(await rulesBroken('hall-hub/test/a-long.test.ts', long)).toEqual([]);
    const padded = `export const xs = [\n${Array.from({ length: 390 }, (_, i) => `  ${i},\n\n  // why`).join('\n')}\n];\n`;
    expect(await rulesBroken('hall-hub/src/adapters/a-commented-file.ts', padded)).toEqual([]);
  });

  it('a function over 150 lines is refused in src, not in tests', async () => {
    const fn = `export function tooLong(): number {\n  let total = 0;\n${lines(150)}\n  return total;\n}\n`;
    expect(await rulesBroken('firmware-bridge/src/a-driver.ts', fn)).toEqual(['max-lines-per-function']);
    expect(await rulesBroken('firmware-bridge/test/a-driver.test.ts', fn)).toEqual([]);
    const fits = `export function fits(): number {\n  let total = 0;\n${lines(140)}\n  return total;\n}\n`;
    expect(await rulesBroken('firmware-bridge/src/a-driver.ts', fits)).toEqual([]);
  });
});

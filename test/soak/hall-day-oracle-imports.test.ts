import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue #21: the soak's checks are an oracle written apart from what they check — they import nothing from the
// hub's domain or the wall's source (the simulated screens may: they are the wall under test, soak/lib/displays.ts).
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const lib = join(root, 'soak', 'lib');
const CHECKING = [
  ...['checks.ts', 'evidence.ts', 'replay.ts', 'scene-checks.ts'].map((f) => join(lib, f)),
  ...readdirSync(join(lib, 'oracle')).filter((f) => f.endsWith('.ts')).map((f) => join(lib, 'oracle', f)),
];
const FORBIDDEN_NAMES = [/^@hall\/hub\/domain(\/|$)/, /^@hall\/display-wall(\/|$)/];
const FORBIDDEN_DIRS = [join(root, 'hall-hub', 'src', 'domain'), join(root, 'display-wall', 'src')];

/** The modules a file imports (static, dynamic and type-only), as written. */
function importsOf(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

function forbidden(file: string, spec: string): boolean {
  if (FORBIDDEN_NAMES.some((re) => re.test(spec))) return true;
  if (!spec.startsWith('.')) return false;
  const target = resolve(dirname(file), spec);
  return FORBIDDEN_DIRS.some((d) => !relative(d, target).startsWith('..'));
}

describe("the soak's oracle stands apart from the code it checks", () => {
  it('finds imports of every kind, so the rule below cannot be slipped', () => {
    const src = "import { a } from '@hall/hub/domain/queue/selection';\nimport type { B } from '../../../display-wall/src/store/wall-view.js';\nexport { c } from './c.js';\nconst d = await import('@hall/display-wall/voice/speech-plan');\n";
    const specs = importsOf(src);
    expect(specs).toEqual(['@hall/hub/domain/queue/selection', '../../../display-wall/src/store/wall-view.js', './c.js', '@hall/display-wall/voice/speech-plan']);
    expect(specs.filter((s) => forbidden(join(lib, 'oracle', 'x.ts'), s))).toHaveLength(3);
  });

  it('checks.ts, evidence.ts, replay.ts, scene-checks.ts and oracle/ import nothing from hall-hub/src/domain or display-wall/src', () => {
    expect(CHECKING.length).toBeGreaterThan(6);
    const broken = CHECKING.flatMap((f) => importsOf(readFileSync(f, 'utf8')).filter((s) => forbidden(f, s)).map((s) => `${relative(root, f)}: ${s}`));
    expect(broken).toEqual([]);
  });
});

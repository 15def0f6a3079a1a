// Bundles the simulator into dist/main.js (the program scripts/start.mjs runs for the demo hall). npm
// dependencies stay external; @hall/shared is compiled in. Type checking is `npm run typecheck` at the root.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((d) => !d.startsWith('@hall/'));

await build({
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external,
  logLevel: 'warning',
});
console.log('province-sim: built dist/main.js');

// Bundles the bridge (dist/main.js), the device simulator (dist/simulate.js), the demo (dist/demo.js) and the
// conformance kit (dist/device-check.js): our
// TypeScript and @hall/shared's compiled by esbuild; npm dependencies stay external. Type checking is
// `npm run typecheck` at the root.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((d) => !d.startsWith('@hall/'));

await build({
  entryPoints: ['src/main.ts', 'src/simulate.ts', 'src/demo.ts', 'src/device-check.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external,
  logLevel: 'warning',
});
console.log('firmware-bridge: built dist/main.js, dist/simulate.js, dist/demo.js, dist/device-check.js');

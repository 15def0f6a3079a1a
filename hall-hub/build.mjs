// Bundles the hub into dist/main.js: our TypeScript (and @hall/shared's) compiled by esbuild; npm
// dependencies stay external and load from node_modules. Type checking is `npm run typecheck` at the root.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((d) => !d.startsWith('@hall/'));

await build({
  // The hub only: the provincial platform simulator is a package of its own (province-sim/).
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
console.log('hall-hub: built dist/main.js');

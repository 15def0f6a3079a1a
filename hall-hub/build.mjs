// Bundles the hub into dist/main.js. The hub only: the provincial platform simulator is a package of its own
// (province-sim/).
import { build } from 'esbuild';
import { bundleNode } from '../scripts/bundle-node.mjs';

await bundleNode(build, new URL('.', import.meta.url), { main: 'src/main.ts' });
console.log('hall-hub: built dist/main.js');

// Bundles the simulator into dist/main.js (the program scripts/start.mjs runs for the demo hall).
import { build } from 'esbuild';
import { bundleNode } from '../scripts/bundle-node.mjs';

await bundleNode(build, new URL('.', import.meta.url), { main: 'src/main.ts' });
console.log('province-sim: built dist/main.js');

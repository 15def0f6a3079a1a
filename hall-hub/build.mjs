// Bundles the hub into dist/main.js. The hub only: the provincial platform simulator is a package of its own
// (province-sim/).
import { copyFileSync } from 'node:fs';
import { build } from 'esbuild';
import { bundleNode } from '../scripts/bundle-node.mjs';

await bundleNode(build, new URL('.', import.meta.url), { main: 'src/main.ts' });
// The PDF page renderer runs in a worker thread, loaded from beside main.js (adapters/media/pdf-pages.ts).
copyFileSync(new URL('src/adapters/media/pdf-render-worker.mjs', import.meta.url), new URL('dist/pdf-render-worker.mjs', import.meta.url));
console.log('hall-hub: built dist/main.js');

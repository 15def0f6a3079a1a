// Bundles the bridge (dist/main.js), the device simulator (dist/simulate.js), the demo (dist/demo.js) and the
// conformance kit (dist/device-check.js).
import { build } from 'esbuild';
import { bundleNode } from '../scripts/bundle-node.mjs';

await bundleNode(build, new URL('.', import.meta.url), ['src/main.ts', 'src/simulate.ts', 'src/demo.ts', 'src/device-check.ts']);
console.log('firmware-bridge: built dist/main.js, dist/simulate.js, dist/demo.js, dist/device-check.js');

// One way to bundle a Node program of the workspace (hub, bridge, province simulator): our TypeScript and
// @hall/shared's compiled by esbuild into dist/; npm dependencies stay external and load from node_modules.
// Type checking is `npm run typecheck` at the root.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `packageDir`: the package's folder as a file URL (`new URL('.', import.meta.url)`); `build`: esbuild's, from the
 * package's own dependencies (the root has none).
 */
export async function bundleNode(build, packageDir, entryPoints) {
  const pkg = JSON.parse(readFileSync(new URL('package.json', packageDir), 'utf8'));
  const external = Object.keys(pkg.dependencies ?? {}).filter((d) => !d.startsWith('@hall/'));
  await build({
    absWorkingDir: fileURLToPath(packageDir),
    entryPoints,
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: true,
    external,
    logLevel: 'warning',
  });
}

#!/usr/bin/env node
// Installs what the hall needs on a fresh machine that has only Node 20 and npm:
// the workspace's packages (pnpm, pinned, frozen lockfile) and, with --system-deps,
// the Debian packages the tests use (mosquitto, chromium, …) when running as root.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = ['-y', 'pnpm@12.4.2'];

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

function ensureSystemPackages() {
  const listFile = join(root, 'scripts', 'system-packages.txt');
  const wanted = readFileSync(listFile, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((l) => {
      const [pkg, probe] = l.split(/\s+/);
      return { pkg, probe: probe ?? pkg };
    });
  const missing = wanted.filter(({ probe }) => !commandExists(probe));
  if (missing.length === 0) return;
  const names = missing.map((m) => m.pkg).join(' ');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`\n✖ The tests need Debian packages that are not installed: ${names}\n` +
      `  Install them once with:  sudo apt-get update && sudo apt-get install -y ${names}\n`);
    process.exit(1);
  }
  console.log(`Installing Debian packages the tests need: ${names}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing.map((m) => m.pkg)]);
}

function commandExists(cmd) {
  if (cmd.startsWith('/')) return existsSync(cmd);
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (process.argv.includes('--system-deps')) ensureSystemPackages();
// The hall runs without them; only the kiosk's handwriting pad says it is unavailable.
else if (!commandExists('zinnia') || !existsSync('/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model')) {
  console.warn('⚠ 手写识别不可用 Handwriting recognition is off: install zinnia-utils and tegaki-zinnia-simplified-chinese (apt-get).');
}
const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
run('npx', [...PNPM, 'install', ...frozen]);

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnHub, type HubProcess } from '@hall/testkit/spawn-hub';
import { loadConfig } from '../../src/config/load-config.js';

const demo = join(import.meta.dirname, '..', '..', 'demo', 'hall.json');

let proc: HubProcess | null = null;
afterAll(() => {
  proc?.child.kill('SIGKILL');
});

/** The local addresses (hex, as the kernel writes them) of the sockets listening on `port`, from /proc/net/tcp{,6}. */
function listeningOn(port: number): string[] {
  const rows = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((f) => readFileSync(f, 'utf8').trim().split('\n').slice(1));
  return rows
    .map((row) => row.trim().split(/\s+/))
    .filter(([, local, , state]) => state === '0A' && parseInt(local!.split(':')[1]!, 16) === port)
    .map(([, local]) => local!.split(':')[0]!);
}

describe('where the embedded broker listens', () => {
  it('HALL_HOST binds the broker as well as HTTP; without it both listen on every address', () => {
    expect(loadConfig({ HALL_HOST: '127.0.0.1' }, demo).config.server.mqtt.host).toBe('127.0.0.1');
    expect(loadConfig({}, demo).config.server.mqtt.host).toBe('0.0.0.0');
  });

  it('the running hub with HALL_HOST=127.0.0.1: its broker’s socket listens on loopback only', { timeout: 60_000 }, async () => {
    proc = await spawnHub({ HALL_HOST: '127.0.0.1', HALL_DATA_DIR: mkdtempSync(join(tmpdir(), 'hall-broker-host-')) });
    const mqttPort = Number(proc.output.map((l) => /^HALL_HUB_LISTENING port=\d+ mqtt=(\d+)/.exec(l)?.[1]).find(Boolean));
    expect(mqttPort).toBeGreaterThan(0);
    // 0100007F is 127.0.0.1 in the kernel's byte order; 0.0.0.0 would be 00000000 (or :: in tcp6)
    expect(listeningOn(mqttPort)).toEqual(['0100007F']);
    expect(listeningOn(proc.port)).toEqual(['0100007F']);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';

const demo = join(import.meta.dirname, '..', '..', 'demo', 'hall.json');

describe('where the embedded broker listens', () => {
  it('HALL_HOST binds the broker as well as HTTP; without it both listen on every address', () => {
    expect(loadConfig({ HALL_HOST: '127.0.0.1' }, demo).config.server.mqtt.host).toBe('127.0.0.1');
    expect(loadConfig({}, demo).config.server.mqtt.host).toBe('0.0.0.0');
  });
});

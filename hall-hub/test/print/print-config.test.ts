import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/parse-hall-config.js';
import { smallHall } from '@hall/testkit/hall-fixture';

const kioskWith = (printer?: string) => smallHall().devices.map((d) => (d.id === 'kiosk-1' ? { id: 'kiosk-1', type: 'kiosk', ...(printer ? { printer } : {}) } : d));
const problems = (overrides: Record<string, unknown>) => {
  try {
    smallHall(overrides);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('printers in the hall configuration', () => {
  it('fills the defaults: raw port 9100, 576 dots (80 mm paper), jobs kept 30 minutes, the manager alerted after 5 minutes out', () => {
    const c = smallHall({ printers: [{ id: 'counter', kind: 'escpos-tcp', host: '10.0.3.21' }], devices: kioskWith('counter') });
    expect(c.printers).toEqual([{ id: 'counter', kind: 'escpos-tcp', host: '10.0.3.21', port: 9100, widthDots: 576, jobTtlMinutes: 30, alertAfterMinutes: 5 }]);
    expect(c.devices.find((d) => d.id === 'kiosk-1')?.printer).toBe('counter');
  });

  it('refuses duplicate printer ids, a network printer without host, a kiosk naming a missing printer, a printer on a non-kiosk', () => {
    expect(
      problems({
        printers: [
          { id: 'p1', kind: 'virtual' },
          { id: 'p1', kind: 'virtual' },
          { id: 'p2', kind: 'escpos-tcp' },
        ],
        devices: [...kioskWith('p9'), { id: 'wall-9', type: 'hall-wall', printer: 'p1' }],
      }),
    ).toEqual([
      'printers: printer id "p1" appears twice',
      'printers.2.host: an escpos-tcp printer needs its host (printer p2)',
      `devices.${smallHall().devices.findIndex((d) => d.id === 'kiosk-1')}.printer: no printer "p9" (device kiosk-1)`,
      `devices.${smallHall().devices.length}.printer: only kiosks have a printer (device wall-9)`,
    ]);
  });
});

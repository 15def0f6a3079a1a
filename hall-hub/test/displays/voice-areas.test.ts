import type { DisplaySettings } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { voiceAreas } from '../../src/domain/displays/voice-areas.js';

const display = (id: string, surface: DisplaySettings['surface'], voice: boolean, where: { zone?: string; windowNo?: string } = {}): DisplaySettings => ({
  id,
  name: id,
  surface,
  layout: '1920x1080',
  zone: where.zone ?? null,
  windowNo: where.windowNo ?? null,
  groups: [],
  voice,
  strip: null,
});
const windows = [
  { no: '1', zone: 'general' },
  { no: '2', zone: 'general' },
  { no: '3', zone: 'social' },
  { no: '4', zone: 'invest' },
];

describe('voice areas: which speaker announces which window', () => {
  it('each window is announced by its most specific speaking display: its own screen, else its zone wall, else the hall wall', () => {
    const areas = voiceAreas(
      [
        display('hall', 'hall-wall', true),
        display('zone-general', 'zone-wall', true, { zone: 'general' }),
        display('zone-social', 'zone-wall', false, { zone: 'social' }),
        display('screen-2', 'window-screen', true, { windowNo: '2' }),
        display('screen-1', 'window-screen', false, { windowNo: '1' }),
        display('strip-4', 'led-strip', true, { windowNo: '4' }),
      ],
      windows,
    );
    expect(Object.fromEntries(areas)).toEqual({
      hall: ['3', '4'],
      'zone-general': ['1'],
      'zone-social': [],
      'screen-2': ['2'],
      'screen-1': [],
      'strip-4': [],
    });
  });

  it('two speaking walls of one zone are one area: both announce its windows', () => {
    const areas = voiceAreas([display('a', 'zone-wall', true, { zone: 'general' }), display('b', 'zone-wall', true, { zone: 'general' })], windows);
    expect(areas.get('a')).toEqual(['1', '2']);
    expect(areas.get('b')).toEqual(['1', '2']);
  });
});

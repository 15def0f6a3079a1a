import { markAppStarted } from '@hall/web-shell/app-started';
import { render } from 'preact';
import { App } from './app.js';
import { deviceIdentity } from './net/device.js';
import { connectLive } from './net/live.js';
import { captureSelf, sendInChunks } from './net/screenshot.js';
import { disablePlayReports } from './signage/play-reports.js';
import { restoreLastState, keepLastState } from './store/persist.js';
import { connected, lateCalls, scene, speaking } from './store/store.js';
import { layoutSpec } from './surfaces/layouts.js';
import { createAudioPlayer } from './voice/audio-player.js';
import { createAnnouncer } from './voice/announcer.js';
import { startWatchdog } from './watchdog.js';

const BASE = '/display/';
const params = new URLSearchParams(location.search);
// Tests speed the voice up (?voiceRate=8) so twenty announcements take seconds, not minutes.
const voiceRate = Math.min(16, Math.max(0.5, Number(params.get('voiceRate') ?? '1') || 1));
// The console's layout editor frames this page as ?preview=<size>: no hub, no voice, nothing kept or reported.
const previewSize = params.get('preview');

if (previewSize !== null) {
  disablePlayReports();
  render(<App />, document.getElementById('app')!);
  markAppStarted();
  void import('./preview/preview-mode.js').then((m) => m.startPreview(previewSize));
} else {
  startScreen();
}

function startScreen(): void {
  const device = deviceIdentity();
  restoreLastState();
  keepLastState();
  render(<App />, document.getElementById('app')!);
  markAppStarted();
  startWatchdog({ connected: () => connected.value, healthUrl: '/api/health' });

  void createAudioPlayer(BASE, voiceRate).then((player) => {
    const announcer = createAnnouncer(player, () => scene.value, {
      onSpeaking: (t) => (speaking.value = t),
      onLate: (seqs) => (lateCalls.value = seqs),
    });
    (window as unknown as { __voice: unknown }).__voice = announcer.probe;
    if (!device) return;
    connectLive(device, {
      onCall: (c) => announcer.announce(c),
      onScreenshotRequest(r, send) {
        const root = document.getElementById('surface') ?? document.body;
        const spec = layoutSpec(scene.value?.signage?.layout?.size ?? scene.value?.settings.layout ?? '1920x1080');
        void captureSelf(root, spec.width, spec.height).then((shot) => sendInChunks(r.requestId, shot, send));
      },
      health: () => ({
        audio: player.health(),
        showing: scene.value
          ? `${scene.value.settings.surface} ${scene.value.signage?.layout ? `layout ${scene.value.signage.layout.name} ` : ''}${scene.value.settings.layout}${scene.value.emergency ? ' emergency' : ''}${scene.value.power.on ? '' : ' off (scheduled)'}`
          : 'connecting',
      }),
    });
  });
}

import { markAppStarted } from '@hall/web-shell/app-started';
import { render } from 'preact';
import { App } from './app.js';
import { deviceIdentity } from './net/device.js';
import { cachedGet } from './net/api.js';
import { connectLive } from './net/live.js';
import { hall, type HallInfo } from './store/store.js';
import { prefetchGuides } from './net/prefetch.js';

const device = deviceIdentity();
render(<App />, document.getElementById('app')!);
markAppStarted();
void cachedGet<HallInfo>('/api/hall').then((r) => {
  if (r.ok) hall.value = r.data;
});
if (device) connectLive(device);
// Keep every guide in the kiosk's cache, so they stay readable when the hub is away.
void prefetchGuides();

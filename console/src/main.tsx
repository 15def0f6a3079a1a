import { markAppStarted } from '@hall/web-shell/app-started';
import { render } from 'preact';
import { App } from './app.js';
import { restore } from './net/session.js';
import { unlockAudio } from './sound/chime.js';
import { followLocation, tick } from './store/store.js';
import './styles.css';

window.addEventListener('hashchange', followLocation);
// Every click is a user gesture that may unlock audio for the warning chime.
window.addEventListener('pointerdown', unlockAudio, { passive: true });
setInterval(() => (tick.value += 1), 20_000);
followLocation();
render(<App />, document.getElementById('app')!);
markAppStarted();
void restore().then(followLocation);

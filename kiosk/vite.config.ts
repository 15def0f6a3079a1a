import preact from '@preact/preset-vite';
import { offlineShell } from '@hall/web-shell/vite-plugin';
import { defineConfig } from 'vite';

// The hub serves the built kiosk at /kiosk/. In development, `npm run dev -w kiosk` proxies the API and
// socket.io to a hub on HALL_HUB (default http://localhost:8080).
const hub = process.env.HALL_HUB ?? 'http://localhost:8080';

export default defineConfig({
  base: '/kiosk/',
  plugins: [preact(), offlineShell({ name: 'hall-kiosk' })],
  build: { outDir: 'dist', target: 'es2020', sourcemap: true },
  server: {
    proxy: { '/api': hub, '/socket.io': { target: hub, ws: true } },
  },
});

import preact from '@preact/preset-vite';
import { offlineShell } from '@hall/web-shell/vite-plugin';
import { defineConfig } from 'vite';

// The hub serves the built display pages at /display/. In development, `vite` in this folder proxies the API and
// socket.io to a hub on HALL_HUB (default http://localhost:8080).
const hub = process.env.HALL_HUB ?? 'http://localhost:8080';

export default defineConfig({
  base: '/display/',
  plugins: [preact(), offlineShell({ name: 'hall-display', runtime: ['/api/display-media/', '/api/staff/'], media: ['/api/media/'] })],
  build: { outDir: 'dist', target: 'es2020', sourcemap: true },
  server: {
    proxy: { '/api': hub, '/socket.io': { target: hub, ws: true } },
  },
});

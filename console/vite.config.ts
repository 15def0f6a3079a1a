import preact from '@preact/preset-vite';
import { offlineShell } from '@hall/web-shell/vite-plugin';
import { defineConfig } from 'vite';

// The hub serves the built console at /console/. socket.io listens on /socket.io/ of the same origin (its
// namespace is called /console too, but a namespace is not a URL path, so the two never meet).
// In development, `npm run dev -w @hall/console` proxies the API and socket.io to HALL_HUB.
const hub = process.env.HALL_HUB ?? 'http://localhost:8080';

export default defineConfig({
  base: '/console/',
  plugins: [preact(), offlineShell({ name: 'hall-console' })],
  build: { outDir: 'dist', target: 'es2020', sourcemap: true, chunkSizeWarningLimit: 400 },
  server: {
    proxy: { '/api': hub, '/socket.io': { target: hub, ws: true } },
  },
});

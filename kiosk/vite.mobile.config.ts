import preact from '@preact/preset-vite';
import { offlineShell } from '@hall/web-shell/vite-plugin';
import { defineConfig } from 'vite';

// The visitor's phone page, served by the hub at /m/ (the URL in a ticket's QR code: /m/#<ticket token>).
// Its own small bundle: phones on the hall's Wi-Fi load only this, never the kiosk.
export default defineConfig({
  root: 'mobile',
  base: '/m/',
  plugins: [preact(), offlineShell({ name: 'hall-phone' })],
  build: { outDir: '../dist-mobile', emptyOutDir: true, target: 'es2017', sourcemap: true },
  server: { proxy: { '/api': process.env.HALL_HUB ?? 'http://localhost:8080' } },
});

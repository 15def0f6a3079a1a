// Service worker: keeps the display's app shell (HTML, JS, CSS) so a screen reloads without the hub (its last
// state is kept in localStorage by the app), and the voice clips and idle images.
const SHELL = 'hall-display-shell-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(['/display/'])).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || !(url.pathname.startsWith('/display/') || url.pathname.startsWith('/api/display-media/') || url.pathname.startsWith('/api/staff/'))) return;
  // Network first (a new build is picked up at once), the cached copy when the hub is away.
  event.respondWith(
    fetch(event.request)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          void caches.open(SHELL).then((c) => c.put(event.request, copy));
        }
        return res;
      })
      .catch(() => caches.match(event.request).then((hit) => hit ?? caches.match('/display/'))),
  );
});

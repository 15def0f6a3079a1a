// The service worker of a hall app, one template for the kiosk, the walls, the console and the phone page.
// The build writes the manifest on the line above: { name, version, base, files: [{ url, sha256 }], runtime, media }.
// - install: the whole build goes into a cache named after its version, each file checked against its hash, or
//   the install fails and the worker in charge stays (a half-copied build is never served);
// - activate: older builds' caches are dropped;
// - fetch: the page and its files from that cache (cache first); the runtime prefixes (media, photos) network
//   first with a cached copy; the media prefixes (content-addressed signage files the page itself keeps in the
//   `<name>-media` cache) from that cache first, with byte ranges for video; anything else under the app's path
//   goes to the network and, failing that, gets an error — never index.html in place of a script or a style,
//   which the browser would refuse.
/* eslint-disable */
const SHELL = self.__SHELL__;
const CACHE = SHELL.name + '-' + SHELL.version;
const RUNTIME = SHELL.name + '-runtime';
const INDEX = SHELL.base + 'index.html';
const PRECACHED = new Set(SHELL.files.map((f) => f.url));
const RUNTIME_WAIT_MS = 4000;
const MEDIA = SHELL.name + '-media';
const MEDIA_PREFIXES = SHELL.media || [];

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    SHELL.files.map(async (f) => {
      // 'reload' skips the HTTP cache: the bytes come from the hub as it is now, and are checked.
      const res = await fetch(new Request(f.url, { cache: 'reload' }));
      if (!res.ok) throw new Error(f.url + ': HTTP ' + res.status);
      const body = await res.clone().arrayBuffer();
      const got = hex(await crypto.subtle.digest('SHA-256', body));
      if (got !== f.sha256) throw new Error(f.url + ': not the file of build ' + SHELL.version);
      await cache.put(f.url, res);
    }),
  );
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    precache()
      .then(() => self.skipWaiting())
      .catch(async (err) => {
        await caches.delete(CACHE);
        throw err;
      }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(SHELL.name + '-') && k !== CACHE && k !== RUNTIME && k !== MEDIA).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function fromShell(url, request) {
  const hit = await caches.open(CACHE).then((c) => c.match(url));
  return hit || fetch(request);
}

async function networkFirst(request) {
  const cache = await caches.open(RUNTIME);
  try {
    const res = await fetch(request, { signal: AbortSignal.timeout(RUNTIME_WAIT_MS) });
    if (res.ok) await cache.put(request, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(request);
    if (hit) return hit;
    throw err;
  }
}

// A video element asks for byte ranges; a cached file answers them itself (206), so it plays with the hub away.
async function fromMedia(request) {
  const hit = await caches.open(MEDIA).then((c) => c.match(request.url));
  if (!hit) return fetch(request);
  const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.get('range') || '');
  if (!range) return hit;
  const body = await hit.blob();
  const start = Number(range[1]);
  const end = range[2] ? Math.min(Number(range[2]), body.size - 1) : body.size - 1;
  if (start >= body.size) return new Response(null, { status: 416, headers: { 'content-range': 'bytes */' + body.size } });
  return new Response(body.slice(start, end + 1), {
    status: 206,
    headers: {
      'content-type': hit.headers.get('content-type') || 'application/octet-stream',
      'content-range': 'bytes ' + start + '-' + end + '/' + body.size,
      'content-length': String(end - start + 1),
      'accept-ranges': 'bytes',
    },
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname.startsWith(SHELL.base)) {
    event.respondWith(fromShell(INDEX, request));
  } else if (PRECACHED.has(url.pathname)) {
    event.respondWith(fromShell(url.pathname, request));
  } else if (MEDIA_PREFIXES.some((p) => url.pathname.startsWith(p))) {
    event.respondWith(fromMedia(request));
  } else if (SHELL.runtime.some((p) => url.pathname.startsWith(p))) {
    event.respondWith(networkFirst(request));
  } else if (url.pathname.startsWith(SHELL.base)) {
    // Not part of this build: the network or an error (Response.error()), never a stand-in page.
    event.respondWith(fetch(request).catch(() => Response.error()));
  }
});
